/* SPDX-License-Identifier: Apache-2.0 */
/* il_config.h - compile-time defaults; override any of them with -D. */
#ifndef IL_CONFIG_H
#define IL_CONFIG_H

#define IL_VERSION "0.1.0"

#ifndef IL_USER_AGENT
#define IL_USER_AGENT "influx-lite/" IL_VERSION
#endif

/* Proxy support in the core: the proxy's messages (il_proxy.h), requests
 * in absolute form with a Proxy-Authorization header, the head-only answer
 * of a CONNECT, IL_ERR_PROXY. 0 leaves it all out of a build that never
 * uses a proxy (the QEMU firmware: the core's 8 KB flash budget). */
#ifndef IL_PROXY
#define IL_PROXY 1
#endif

/* Longest line the response parser keeps: a chunk-size line, the value of a
 * header it parses (Content-Length, Transfer-Encoding, Connection); the
 * status line's text goes to its own buffer, other headers are skipped. */
#ifndef IL_HTTP_LINE_MAX
#define IL_HTTP_LINE_MAX 512
#endif

/* Largest header section (status line and every header line together)
 * accepted: Go's client's, 10 MiB. Headers the parser does not keep cost no
 * memory, only the time to read them (bounded by the port's deadline). */
#ifndef IL_HTTP_HEADER_SECTION_MAX
#define IL_HTTP_HEADER_SECTION_MAX 10485760
#endif

/* Kept copies of a few header values (longer values are cut, never
 * overflowed); the status text's is the client's own buffer, unless
 * il_client_set_status_buffer gives it another. */
#ifndef IL_HTTP_STATUS_TEXT_MAX
#define IL_HTTP_STATUS_TEXT_MAX 64
#endif
#ifndef IL_HTTP_CONTENT_TYPE_MAX
#define IL_HTTP_CONTENT_TYPE_MAX 96
#endif
#ifndef IL_HTTP_LOCATION_MAX
#define IL_HTTP_LOCATION_MAX 128
#endif

/* Suggested buffer sizes (the caller owns all buffers). Answers are
 * decoded as they stream in: the body buffer holds only the strings an
 * answer keeps (an authorization's IDs, token, status, description, user
 * names, and one permission's strings at a time), whatever the answer's
 * size. */
#ifndef IL_DEFAULT_REQUEST_BUF
#define IL_DEFAULT_REQUEST_BUF 1024
#endif
#ifndef IL_DEFAULT_BODY_BUF
#define IL_DEFAULT_BODY_BUF 16384
#endif

#endif
