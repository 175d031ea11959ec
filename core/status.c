/* status.c - il_status_str: a constant description per status. */
#include "il_status.h"

const char *il_status_str(il_status_t status)
{
    switch (status) {
    case IL_OK: return "ok";
    case IL_NEED_MORE: return "more input needed";
    case IL_ERR_ARG: return "invalid argument";
    case IL_ERR_URL: return "invalid URL";
    case IL_ERR_URL_SCHEME: return "unsupported protocol scheme";
    case IL_ERR_ID_LENGTH: return "id must have a length of 16 bytes";
    case IL_ERR_ID_INVALID: return "invalid ID";
    case IL_ERR_UNSAFE_CHAR: return "control character in a request value";
    case IL_ERR_REQUEST_TOO_LARGE: return "request too large for buffer";
    case IL_ERR_DNS: return "no such host";
    case IL_ERR_CONNECT: return "connection refused";
    case IL_ERR_TIMEOUT: return "i/o timeout";
    case IL_ERR_SEND: return "write failed";
    case IL_ERR_RECV: return "read failed";
    case IL_ERR_TLS: return "TLS failure";
    case IL_ERR_TLS_CA: return "certificate signed by unknown authority";
    case IL_ERR_TLS_NAME: return "certificate is not valid for the host name";
    case IL_ERR_TLS_EXPIRED: return "certificate has expired";
    case IL_ERR_TLS_FUTURE: return "certificate is not yet valid";
    case IL_ERR_TLS_HANDSHAKE: return "TLS handshake failure";
    case IL_ERR_TLS_VERSION: return "server does not support TLS 1.2";
    case IL_ERR_TLS_NOT_TLS: return "server did not answer with TLS";
    case IL_ERR_TLS_PIN: return "server public key does not match the pinned key";
    case IL_ERR_TLS_CONFIG: return "TLS configuration unusable";
    case IL_ERR_HTTP_STATUS_LINE: return "malformed HTTP status line";
    case IL_ERR_HTTP_HEADER: return "malformed HTTP header";
    case IL_ERR_HTTP_HEADER_TOO_LONG: return "HTTP header too long for buffer";
    case IL_ERR_HTTP_CL_AND_CHUNKED: return "both Content-Length and chunked";
    case IL_ERR_HTTP_LENGTH: return "invalid Content-Length";
    case IL_ERR_HTTP_CHUNK: return "malformed chunked encoding";
    case IL_ERR_HTTP_BODY_TOO_LARGE: return "response too large for buffer";
    case IL_ERR_HTTP_EOF: return "unexpected EOF";
    case IL_ERR_CONTENT_TYPE: return "unable to decode response content type";
    case IL_ERR_JSON: return "invalid JSON in response";
    case IL_ERR_JSON_TOO_LARGE: return "response too large for buffer";
    case IL_ERR_REDIRECT: return "redirect not followed";
    case IL_ERR_HTTP_4XX: return "request refused by server";
    case IL_ERR_HTTP_5XX: return "server error";
    case IL_ERR_NO_MATCH: return "no matching authorization";
    case IL_ERR_POSTCONDITION: return "authorization is not inactive after update";
    case IL_STATUS_COUNT: break;
    }
    return "unknown error";
}
