/* SPDX-License-Identifier: Apache-2.0 */
/* mbedtls_fw.h - forced include (-include) for the firmware's mbedTLS build
 * and every firmware file that includes mbedTLS headers. It adds what a bare
 * -metal build needs on top of port/mbedtls/mbedtls_config.h, which stays the
 * one configuration:
 *  - no libc calloc/free/exit/printf defaults (newlib's stdio and calloc pull
 *    in malloc and _sbrk): allocations come only from pool.c's static pool,
 *    text formatting goes to fw_fmt.c, exit to the board;
 *  - the clock: certificate dates are checked against the time SNTP set
 *    (boards/common/board_clock.c: board_tls_time, and mbedTLS's millisecond
 *    clock); a build with -DIL_TLS_NO_TIME=1 leaves dates unchecked;
 *  - no file system: the CA is compiled in (fw_ca_pem, by pem2c.py).
 * (IL_TLS_NO_TIME and IL_TLS_NO_FILES are described in
 * port/mbedtls/il_tls_config.h.) */
#ifndef IL_MBEDTLS_FW_H
#define IL_MBEDTLS_FW_H

#include <stddef.h>
#include <stdio.h>   /* FILE and stderr for mbedtls_fprintf's signature only */

#ifndef IL_TLS_NO_TIME
#define IL_TLS_NO_TIME 0
#endif
#define IL_TLS_NO_FILES 1

#if !IL_TLS_NO_TIME
#include <time.h>
time_t board_tls_time(time_t *t);
#define MBEDTLS_PLATFORM_TIME_MACRO board_tls_time
#define MBEDTLS_PLATFORM_MS_TIME_ALT
#endif

#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_STD_MEM_HDR <stddef.h>
#define MBEDTLS_PLATFORM_SNPRINTF_MACRO fw_snprintf
#define MBEDTLS_PLATFORM_VSNPRINTF_MACRO fw_vsnprintf
#define MBEDTLS_PLATFORM_FPRINTF_MACRO fw_fprintf
#define MBEDTLS_PLATFORM_PRINTF_MACRO fw_printf
#define MBEDTLS_PLATFORM_EXIT_MACRO board_exit

#include <stdarg.h>
int fw_snprintf(char *buf, size_t cap, const char *fmt, ...);
int fw_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int fw_fprintf(FILE *f, const char *fmt, ...);
int fw_printf(const char *fmt, ...);
__attribute__((noreturn)) void board_exit(int code);

#endif
