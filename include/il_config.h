/* SPDX-License-Identifier: Apache-2.0 */
/* il_config.h - compile-time defaults; override any of them with -D. */
#ifndef IL_CONFIG_H
#define IL_CONFIG_H

#define IL_VERSION "0.1.0"

#ifndef IL_USER_AGENT
#define IL_USER_AGENT "influx-lite/" IL_VERSION
#endif

/* Longest status line or header line the response parser keeps. */
#ifndef IL_HTTP_LINE_MAX
#define IL_HTTP_LINE_MAX 512
#endif

/* Largest header section (all header lines together) accepted. */
#ifndef IL_HTTP_HEADER_SECTION_MAX
#define IL_HTTP_HEADER_SECTION_MAX 8192
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
