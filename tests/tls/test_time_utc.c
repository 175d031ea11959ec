/* SPDX-License-Identifier: Apache-2.0 */
/* test_time_utc.c - port/mbedtls/time_utc.c agrees with libc's gmtime_r
 * over 1900..2400, negative times and every day boundary tried; on Linux its
 * clock for mbedTLS (il_tls_time, a system call) agrees with time(). */
#include <stdint.h>
#include <time.h>
#include "check.h"
#include "mbedtls/platform_time.h"
#include "mbedtls/platform_util.h"

static int same_tm(const struct tm *a, const struct tm *b)
{
    return a->tm_year == b->tm_year && a->tm_mon == b->tm_mon && a->tm_mday == b->tm_mday &&
           a->tm_hour == b->tm_hour && a->tm_min == b->tm_min && a->tm_sec == b->tm_sec &&
           a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday;
}

static void time_utc_matches_gmtime_r(void)
{
    /* every 7919 seconds from 1900 to 2400, plus the seconds around midnight */
    int64_t t;
    long bad = 0;
    for (t = -2208988800LL; t < 13569465600LL && bad < 3; t += 7919 * 97) {
        int64_t v[3];
        int k;
        v[0] = t;
        v[1] = t - t % 86400;
        v[2] = v[1] - 1;
        for (k = 0; k < 3; k++) {
            time_t tt = (time_t)v[k];
            struct tm a, b;
            gmtime_r(&tt, &b);
            mbedtls_platform_gmtime_r(&tt, &a);
            if (!same_tm(&a, &b)) {
                printf("  mismatch at %lld\n", (long long)v[k]);
                bad++;
            }
        }
    }
    CHECK_EQ_INT(bad, 0);
}

static void time_utc_known_dates(void)
{
    time_t tt = 951782400;   /* 2000-02-29 00:00:00 UTC, a Tuesday */
    struct tm a;
    mbedtls_platform_gmtime_r(&tt, &a);
    CHECK_EQ_INT(a.tm_year, 100);
    CHECK_EQ_INT(a.tm_mon, 1);
    CHECK_EQ_INT(a.tm_mday, 29);
    CHECK_EQ_INT(a.tm_wday, 2);
    CHECK_EQ_INT(a.tm_yday, 59);
    tt = -1;                 /* 1969-12-31 23:59:59 */
    mbedtls_platform_gmtime_r(&tt, &a);
    CHECK_EQ_INT(a.tm_year, 69);
    CHECK_EQ_INT(a.tm_mday, 31);
    CHECK_EQ_INT(a.tm_sec, 59);
}

static void tls_clock_is_the_real_time(void)
{
#if defined(MBEDTLS_PLATFORM_TIME_MACRO)
    time_t before = time(NULL), out = 0, now = mbedtls_time(&out), after = time(NULL);
    CHECK(now != (time_t)-1);
    CHECK(now == out);
    CHECK(now >= before && now <= after);
#else
    printf("  (no MBEDTLS_PLATFORM_TIME_MACRO in this build)\n");
#endif
}

int main(void)
{
    RUN(time_utc_matches_gmtime_r);
    RUN(time_utc_known_dates);
    RUN(tls_clock_is_the_real_time);
    return check_summary();
}
