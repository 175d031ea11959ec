/* SPDX-License-Identifier: Apache-2.0 */
/* clock_linux.c - mbedTLS's clock on Linux (MBEDTLS_PLATFORM_TIME_MACRO
 * il_tls_time): the clock_gettime system call, not libc's time(), which goes
 * through the vDSO: its first use in a process (ELF lookup in the vDSO image,
 * three page faults) costs far more than the few calls a handshake makes.
 * 32-bit musl (1.2, time64) has no SYS_clock_gettime, only the 32- and
 * 64-bit calls, and a 32-bit kernel's own timespec need not be libc's:
 * there libc's clock_gettime picks the call the kernel has (clock_gettime64
 * from Linux 5.1, the 32-bit one before). A file of its own, so that a program with another clock (the lwIP board
 * on Linux takes SNTP's) defines il_tls_time and this one is not linked. */
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE             /* syscall() */
#endif
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "mbedtls/platform_util.h"

#if defined(MBEDTLS_PLATFORM_TIME_MACRO)
time_t il_tls_time(time_t *t)
{
    struct timespec ts;
    time_t now = (time_t)-1;
#if defined(SYS_clock_gettime) && defined(__LP64__)
    if (syscall(SYS_clock_gettime, (long)CLOCK_REALTIME, &ts) == 0) now = ts.tv_sec;
#else
    if (clock_gettime(CLOCK_REALTIME, &ts) == 0) now = ts.tv_sec;
#endif
    if (t != NULL) *t = now;
    return now;
}
#endif
