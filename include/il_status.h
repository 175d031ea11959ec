/* SPDX-License-Identifier: Apache-2.0 */
/* il_status.h - the one error enum of influx-lite, as one table.
 *
 * Every function of the library returns an il_status_t. Transports return a
 * byte count (> 0), 0 for an orderly close, or the negated il_status_t
 * (-IL_ERR_...) of what went wrong.
 *
 * IL_STATUS_LIST is the only place a status is defined: its name, its
 * class, its retry rule and its text. The enum, il_status_str,
 * il_status_class and il_status_retry are generated from it, so adding a
 * status is one line, and a line without a class or a retry rule does not
 * compile. The classes are generic (what went wrong, not what a program
 * does about it): a program maps a class to its own exit code or message. */
#ifndef IL_STATUS_H
#define IL_STATUS_H

#include "il_config.h"

/* What kind of failure a status is: X(name), one line a class. A program
 * that maps classes (to exit codes, say) can generate its table from this
 * list, so that a class it forgets does not compile. */
#define IL_CLASS_LIST(X)                                                                             \
    X(IL_CLASS_OK)            /* IL_OK, IL_NEED_MORE: not a failure */                               \
    X(IL_CLASS_CALLER)        /* bad input from the caller: nothing was sent */                      \
    X(IL_CLASS_NETWORK)       /* name lookup, connection, deadline, send, receive */                 \
    X(IL_CLASS_LOCAL)         /* the local system: out of file descriptors or memory, interrupted */ \
    X(IL_CLASS_TLS)           /* TLS handshake or certificate */                                     \
    X(IL_CLASS_HTTP)          /* the answer broke HTTP/1.1 framing */                                \
    X(IL_CLASS_BODY)          /* the answer's body is not what was asked for */                      \
    X(IL_CLASS_REFUSED)       /* the server said no (3xx not followed, 4xx, no match) */             \
    X(IL_CLASS_SERVER)        /* the server failed (5xx) */                                          \
    X(IL_CLASS_POSTCONDITION) /* the server said yes, but the result is not what was asked */

#define IL_CLASS_ENUM_(name) name,
typedef enum il_status_class {
    IL_CLASS_LIST(IL_CLASS_ENUM_)
    IL_CLASS_COUNT
} il_status_class_t;
#undef IL_CLASS_ENUM_

/* Whether sending the same idempotent request again may succeed. */
typedef enum il_status_retry {
    IL_RETRY_NEVER,         /* the same request fails the same way */
    IL_RETRY_ALWAYS,        /* the connection failed: a new one may work */
    IL_RETRY_UNANSWERED     /* only when no byte of an answer came back */
} il_status_retry_t;

/* X(name, class, retry, text): the text is a short, constant English
 * description that never holds request data. The order is the enum's. */
#define IL_STATUS_LIST(X)                                                                          \
    X(IL_OK, IL_CLASS_OK, IL_RETRY_NEVER, "ok")                                                    \
    X(IL_NEED_MORE, IL_CLASS_OK, IL_RETRY_NEVER, "more input needed") /* parser: feed more */      \
    /* bad input from the caller (nothing was sent) */                                             \
    X(IL_ERR_ARG, IL_CLASS_CALLER, IL_RETRY_NEVER, "invalid argument")                             \
    X(IL_ERR_URL, IL_CLASS_CALLER, IL_RETRY_NEVER, "invalid URL")                                  \
    X(IL_ERR_URL_SCHEME, IL_CLASS_CALLER, IL_RETRY_NEVER, "unsupported protocol scheme")           \
    X(IL_ERR_ID_LENGTH, IL_CLASS_CALLER, IL_RETRY_NEVER, "id must have a length of 16 bytes")      \
    X(IL_ERR_ID_INVALID, IL_CLASS_CALLER, IL_RETRY_NEVER, "invalid ID")                            \
    X(IL_ERR_UNSAFE_CHAR, IL_CLASS_CALLER, IL_RETRY_NEVER, "control character in a request value") \
    X(IL_ERR_REQUEST_TOO_LARGE, IL_CLASS_CALLER, IL_RETRY_NEVER, "request too large for buffer")   \
    /* the network (port layer) */                                                                 \
    X(IL_ERR_DNS, IL_CLASS_NETWORK, IL_RETRY_ALWAYS, "no such host")                               \
    X(IL_ERR_CONNECT, IL_CLASS_NETWORK, IL_RETRY_ALWAYS, "connection refused")                     \
    X(IL_ERR_TIMEOUT, IL_CLASS_NETWORK, IL_RETRY_UNANSWERED, "i/o timeout")                        \
    X(IL_ERR_SEND, IL_CLASS_NETWORK, IL_RETRY_ALWAYS, "write failed")                              \
    X(IL_ERR_RECV, IL_CLASS_NETWORK, IL_RETRY_ALWAYS, "read failed")                               \
    /* the local system (port layer) */                                                            \
    X(IL_ERR_NO_FDS, IL_CLASS_LOCAL, IL_RETRY_NEVER, "out of fds")                                \
    X(IL_ERR_NO_MEMORY, IL_CLASS_LOCAL, IL_RETRY_NEVER, "no memory")                               \
    X(IL_ERR_CANCELLED, IL_CLASS_LOCAL, IL_RETRY_NEVER, "cancelled") /* the caller's flag */       \
    X(IL_ERR_TLS, IL_CLASS_TLS, IL_RETRY_NEVER, "TLS failure") /* not covered below */             \
    X(IL_ERR_TLS_CA, IL_CLASS_TLS, IL_RETRY_NEVER, "certificate signed by unknown authority")      \
    X(IL_ERR_TLS_NAME, IL_CLASS_TLS, IL_RETRY_NEVER, "certificate not valid for the host")         \
    X(IL_ERR_TLS_EXPIRED, IL_CLASS_TLS, IL_RETRY_NEVER, "certificate has expired")                 \
    X(IL_ERR_TLS_FUTURE, IL_CLASS_TLS, IL_RETRY_NEVER, "certificate is not yet valid")             \
    X(IL_ERR_TLS_HANDSHAKE, IL_CLASS_TLS, IL_RETRY_NEVER, "TLS handshake refused by the client")   \
    X(IL_ERR_TLS_ALERT, IL_CLASS_TLS, IL_RETRY_NEVER, "fatal TLS alert from the server")           \
    X(IL_ERR_TLS_RECORD, IL_CLASS_TLS, IL_RETRY_NEVER, "TLS record refused by the client")         \
    X(IL_ERR_TLS_EOF, IL_CLASS_TLS, IL_RETRY_NEVER, "EOF during the TLS handshake")                \
    X(IL_ERR_TLS_MEMORY, IL_CLASS_LOCAL, IL_RETRY_NEVER, "TLS memory pool exhausted") /* memory */ \
    X(IL_ERR_TLS_VERSION, IL_CLASS_TLS, IL_RETRY_NEVER, "TLS version not offered")                 \
    X(IL_ERR_TLS_NOT_TLS, IL_CLASS_TLS, IL_RETRY_NEVER, "server did not answer with TLS")          \
    X(IL_ERR_TLS_PIN, IL_CLASS_TLS, IL_RETRY_NEVER, "server public key does not match the pinned key") \
    X(IL_ERR_TLS_CONFIG, IL_CLASS_TLS, IL_RETRY_NEVER, "TLS configuration unusable")               \
    X(IL_ERR_TLS_CERT, IL_CLASS_TLS, IL_RETRY_NEVER, "certificate refused") /* il_tls_cert_error says why */ \
    X(IL_ERR_TLS_NO_TIME, IL_CLASS_TLS, IL_RETRY_NEVER, "no trusted time") /* boards: no clock, no handshake */ \
    /* the HTTP answer */                                                                          \
    X(IL_ERR_HTTP_STATUS_LINE, IL_CLASS_HTTP, IL_RETRY_NEVER, "malformed HTTP status line")        \
    X(IL_ERR_HTTP_HEADER, IL_CLASS_HTTP, IL_RETRY_NEVER, "malformed HTTP header")                  \
    X(IL_ERR_HTTP_HEADER_TOO_LONG, IL_CLASS_HTTP, IL_RETRY_NEVER, "HTTP header too long for buffer") \
    X(IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE, IL_CLASS_HTTP, IL_RETRY_NEVER, "response headers too large") \
    X(IL_ERR_HTTP_CL_AND_CHUNKED, IL_CLASS_HTTP, IL_RETRY_NEVER, "both Content-Length and chunked") \
    X(IL_ERR_HTTP_LENGTH, IL_CLASS_HTTP, IL_RETRY_NEVER, "invalid Content-Length")                 \
    X(IL_ERR_HTTP_CHUNK, IL_CLASS_HTTP, IL_RETRY_NEVER, "malformed chunked encoding")              \
    X(IL_ERR_HTTP_EOF, IL_CLASS_HTTP, IL_RETRY_UNANSWERED, "unexpected EOF") /* closed early */    \
    /* the body */                                                                                 \
    X(IL_ERR_CONTENT_TYPE, IL_CLASS_BODY, IL_RETRY_NEVER, "unable to decode response content type") \
    X(IL_ERR_JSON, IL_CLASS_BODY, IL_RETRY_NEVER, "invalid JSON in response")                      \
    X(IL_ERR_JSON_TOO_LARGE, IL_CLASS_BODY, IL_RETRY_NEVER, "response too large for buffer")       \
    X(IL_ERR_ANSWER_MISMATCH, IL_CLASS_BODY, IL_RETRY_NEVER, "wrong answer")                       \
    /* what the server said */                                                                     \
    X(IL_ERR_REDIRECT, IL_CLASS_REFUSED, IL_RETRY_NEVER, "redirect not followed") /* never re-sent */ \
    X(IL_ERR_HTTP_4XX, IL_CLASS_REFUSED, IL_RETRY_NEVER, "request refused by server")              \
    X(IL_ERR_HTTP_5XX, IL_CLASS_SERVER, IL_RETRY_NEVER, "server error")                            \
    X(IL_ERR_NO_MATCH, IL_CLASS_REFUSED, IL_RETRY_NEVER, "no matching authorization")              \
    X(IL_ERR_POSTCONDITION, IL_CLASS_POSTCONDITION, IL_RETRY_NEVER, "status not inactive after update") \
    IL_STATUS_PROXY_(X)

/* A proxy between the client and the server (il_proxy.h; il_proxy_conn_t's
 * fail says why): last, so that a build without proxies (IL_PROXY 0,
 * il_config.h) numbers every other status the same. */
#if IL_PROXY
#define IL_STATUS_PROXY_(X) X(IL_ERR_PROXY, IL_CLASS_NETWORK, IL_RETRY_NEVER, "proxy tunnel failed")
#else
#define IL_STATUS_PROXY_(X)
#endif

#define IL_STATUS_ENUM_(name, cls, retry, text) name,
typedef enum il_status {
    IL_STATUS_LIST(IL_STATUS_ENUM_)
    IL_STATUS_COUNT
} il_status_t;
#undef IL_STATUS_ENUM_

/* The status's text ("connection refused"). Unknown values give
 * "unknown error". */
const char *il_status_str(il_status_t status);

/* The status's class; unknown values give IL_CLASS_CALLER. */
il_status_class_t il_status_class(il_status_t status);

/* The status's retry rule; unknown values give IL_RETRY_NEVER. */
il_status_retry_t il_status_retry(il_status_t status);

#endif
