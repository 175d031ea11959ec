/* il_status.h - the one error enum of influx-lite.
 *
 * Every function of the library returns an il_status_t. Transports return a
 * byte count (> 0), 0 for an orderly close, or the negated il_status_t
 * (-IL_ERR_...) of what went wrong. */
#ifndef IL_STATUS_H
#define IL_STATUS_H

typedef enum il_status {
    IL_OK = 0,
    IL_NEED_MORE,              /* incremental parser: feed more bytes */

    /* bad input from the caller (nothing was sent) */
    IL_ERR_ARG,                /* NULL pointer or impossible argument */
    IL_ERR_URL,                /* not a URL that can be used */
    IL_ERR_URL_SCHEME,         /* scheme is not http or https */
    IL_ERR_ID_LENGTH,          /* ID is not 16 characters */
    IL_ERR_ID_INVALID,         /* ID is 16 characters but not hex, or zero */
    IL_ERR_UNSAFE_CHAR,        /* CR, LF or another control byte in a token, ID or name */
    IL_ERR_REQUEST_TOO_LARGE,  /* request does not fit the caller's buffer */

    /* the network (port layer) */
    IL_ERR_DNS,                /* host name did not resolve */
    IL_ERR_CONNECT,            /* connection refused or unreachable */
    IL_ERR_TIMEOUT,            /* a deadline passed */
    IL_ERR_SEND,               /* send failed (reset, broken pipe) */
    IL_ERR_RECV,               /* receive failed (reset) */
    IL_ERR_TLS,                /* TLS failure not covered below */
    IL_ERR_TLS_CA,             /* certificate not signed by a trusted CA */
    IL_ERR_TLS_NAME,           /* certificate does not match the host name */
    IL_ERR_TLS_EXPIRED,        /* certificate has expired */
    IL_ERR_TLS_FUTURE,         /* certificate is not valid yet */
    IL_ERR_TLS_HANDSHAKE,      /* handshake failed (alert, no common suite) */
    IL_ERR_TLS_VERSION,        /* peer does not speak TLS 1.2 */
    IL_ERR_TLS_NOT_TLS,        /* peer is not a TLS server */
    IL_ERR_TLS_PIN,            /* server key does not match the pinned key */
    IL_ERR_TLS_CONFIG,         /* CA bundle or TLS setup unusable */

    /* the HTTP answer */
    IL_ERR_HTTP_STATUS_LINE,   /* malformed status line */
    IL_ERR_HTTP_HEADER,        /* malformed header line */
    IL_ERR_HTTP_HEADER_TOO_LONG, /* header line or header section over the buffer */
    IL_ERR_HTTP_CL_AND_CHUNKED,/* both Content-Length and chunked */
    IL_ERR_HTTP_LENGTH,        /* invalid, conflicting or overflowing Content-Length */
    IL_ERR_HTTP_CHUNK,         /* bad chunk size or chunk framing */
    IL_ERR_HTTP_BODY_TOO_LARGE,/* body larger than the caller's buffer */
    IL_ERR_HTTP_EOF,           /* connection closed before the answer was complete */

    /* the body */
    IL_ERR_CONTENT_TYPE,       /* answer is not JSON */
    IL_ERR_JSON,               /* body is not valid JSON or has the wrong shape */
    IL_ERR_JSON_TOO_LARGE,     /* answer too large for the token or permission arrays */

    /* what the server said */
    IL_ERR_REDIRECT,           /* 3xx: never followed, the token is not re-sent */
    IL_ERR_HTTP_4XX,           /* server refused: see il_result_t for status and message */
    IL_ERR_HTTP_5XX,           /* server failed: see il_result_t */
    IL_ERR_NO_MATCH,           /* v1 username lookup answered with no authorization */
    IL_ERR_POSTCONDITION,      /* 200, but the authorization does not read "inactive" */

    IL_STATUS_COUNT
} il_status_t;

/* A short, constant English description of a status ("connection refused").
 * Never contains request data. Unknown values give "unknown error". */
const char *il_status_str(il_status_t status);

#endif
