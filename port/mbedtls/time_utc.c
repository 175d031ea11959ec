/* SPDX-License-Identifier: Apache-2.0 */
/* time_utc.c - mbedtls_platform_gmtime_r without libc: glibc's gmtime_r
 * initialises the time zone (reads /etc/localtime, allocating) on first use,
 * only to convert a UTC time that needs no zone at all. Days to civil date
 * by Howard Hinnant's public-domain algorithm (proleptic Gregorian).
 * (mbedTLS's clock itself is the program's: clock_linux.c on Linux, the
 * board's clock on a board.) */
#include <time.h>
#include "mbedtls/platform_util.h"

struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    long long t = (long long)*tt, days = t / 86400, secs = t % 86400, era, doe, yoe, doy, mp, y;
    if (secs < 0) {
        secs += 86400;
        days--;
    }
    days += 719468;                                   /* days since 0000-03-01 */
    era = (days >= 0 ? days : days - 146096) / 146097;
    doe = days - era * 146097;                        /* [0, 146096] */
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);    /* [0, 365] */
    mp = (5 * doy + 2) / 153;                         /* March = 0 */
    y = yoe + era * 400 + (mp >= 10);
    tm_buf->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
    tm_buf->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
    tm_buf->tm_year = (int)(y - 1900);
    tm_buf->tm_hour = (int)(secs / 3600);
    tm_buf->tm_min = (int)(secs / 60 % 60);
    tm_buf->tm_sec = (int)(secs % 60);
    tm_buf->tm_wday = (int)((days + 3) % 7 >= 0 ? (days + 3) % 7 : (days + 3) % 7 + 7);
    tm_buf->tm_yday = (int)(doy >= 306 ? doy - 306 : doy + 59 + ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    tm_buf->tm_isdst = 0;
    return tm_buf;
}
