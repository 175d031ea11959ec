/* SPDX-License-Identifier: Apache-2.0 */
/* check.h - the unit-test harness: one line per test, "PASS name" or
 * "FAIL name: file:line: expression". tests/run_all.sh counts the lines. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_now;
static int check_passed_total, check_failed_total;
static const char *check_current;

#define CHECK(cond) do { if (!(cond)) { \
    if (!check_failed_now) printf("FAIL %s: %s:%d: %s\n", check_current, __FILE__, __LINE__, #cond); \
    check_failed_now = 1; } } while (0)
#define CHECK_EQ_INT(a, b) do { long long check_a_ = (long long)(a), check_b_ = (long long)(b); \
    if (check_a_ != check_b_) { if (!check_failed_now) printf("FAIL %s: %s:%d: %s == %s (%lld != %lld)\n", \
    check_current, __FILE__, __LINE__, #a, #b, check_a_, check_b_); check_failed_now = 1; } } while (0)
#define CHECK_EQ_STR(a, b) do { const char *check_a_ = (a), *check_b_ = (b); \
    if (strcmp(check_a_, check_b_) != 0) { if (!check_failed_now) printf("FAIL %s: %s:%d: \"%s\" != \"%s\"\n", \
    check_current, __FILE__, __LINE__, check_a_, check_b_); check_failed_now = 1; } } while (0)
#define CHECK_EQ_MEM(a, alen, b, blen) do { if ((size_t)(alen) != (size_t)(blen) || memcmp((a), (b), (blen)) != 0) { \
    if (!check_failed_now) printf("FAIL %s: %s:%d: %s differs from %s\n", check_current, __FILE__, __LINE__, #a, #b); \
    check_failed_now = 1; } } while (0)

#define RUN(fn) do { check_current = #fn; check_failed_now = 0; fn(); \
    if (check_failed_now) check_failed_total++; else { check_passed_total++; printf("PASS %s\n", #fn); } } while (0)

/* Print the suite's totals; returns the process exit code. */
static int check_summary(void)
{
    printf("# %d passed, %d failed\n", check_passed_total, check_failed_total);
    return check_failed_total ? 1 : 0;
}

#endif
