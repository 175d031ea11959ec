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
 * header it parses (Content-Length, Transfer-Encoding, Connection); a longer
 * status line is cut to IL_HTTP_STATUS_TEXT_MAX, other headers are skipped. */
#ifndef IL_HTTP_LINE_MAX
#define IL_HTTP_LINE_MAX 512
#endif

/* Largest header section (status line and every header line together)
 * accepted: Go's client's, 10 MiB. Headers the parser does not keep cost no
 * memory, only the time to read them (bounded by the port's deadline). */
#ifndef IL_HTTP_HEADER_SECTION_MAX
#define IL_HTTP_HEADER_SECTION_MAX 10485760
#endif

/* Kept copies of a few header values (longer values are cut, never overflowed). */
#ifndef IL_HTTP_STATUS_TEXT_MAX
#define IL_HTTP_STATUS_TEXT_MAX 64
#endif
#ifndef IL_HTTP_CONTENT_TYPE_MAX
#define IL_HTTP_CONTENT_TYPE_MAX 96
#endif
#ifndef IL_HTTP_LOCATION_MAX
#define IL_HTTP_LOCATION_MAX 128
#endif

/* Suggested buffer sizes (the caller owns all buffers).
 * JSON tokens: an authorization costs about 29 + 15 per permission. */
#ifndef IL_DEFAULT_REQUEST_BUF
#define IL_DEFAULT_REQUEST_BUF 1024
#endif
#ifndef IL_DEFAULT_BODY_BUF
#define IL_DEFAULT_BODY_BUF 16384
#endif
#ifndef IL_DEFAULT_JSON_TOKENS
#define IL_DEFAULT_JSON_TOKENS 1024
#endif
#ifndef IL_DEFAULT_PERMISSIONS
#define IL_DEFAULT_PERMISSIONS 64
#endif

#endif
