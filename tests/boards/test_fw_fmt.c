/* SPDX-License-Identifier: Apache-2.0 */
/* test_fw_fmt.c - the firmware's snprintf (boards/qemu-mps2/fw_fmt.c), on the
 * host: the same bytes and return value as the C library for what both
 * support, and the firmware's own documented rules for the rest (ignored
 * flags, %p, unknown conversions, truncation). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mbedtls_fw.h"

static char uart[512];
static size_t uart_len;

/* board.h's UART and exit, for fw_printf and fw_fprintf */
void board_puts(const char *s)
{
    size_t n = strlen(s);
    if (uart_len + n < sizeof uart) {
        memcpy(uart + uart_len, s, n + 1);
        uart_len += n;
    }
}

void board_exit(int code)
{
    exit(code);
}

/* fw_snprintf and the C library's snprintf give the same bytes and count */
#define SAME(...) do { char fw_[128], libc_[128]; \
    int fw_n_ = fw_snprintf(fw_, sizeof fw_, __VA_ARGS__); \
    int libc_n_ = snprintf(libc_, sizeof libc_, __VA_ARGS__); \
    CHECK_EQ_STR(fw_, libc_); CHECK_EQ_INT(fw_n_, libc_n_); } while (0)

/* fw_snprintf gives exactly want (and its length as the count) */
#define GIVES(want, ...) do { char fw_[128]; \
    int fw_n_ = fw_snprintf(fw_, sizeof fw_, __VA_ARGS__); \
    CHECK_EQ_STR(fw_, want); CHECK_EQ_INT(fw_n_, (int)strlen(want)); } while (0)

static void fmt_plain_text_and_percent(void)
{
    SAME("plain text");
    GIVES("", "");
    SAME("100%% sure");
    SAME("%%%%");
}

static void fmt_signed(void)
{
    SAME("%d %i", 42, -42);
    SAME("%d", 0);
    SAME("%d %d", INT32_MAX, INT32_MIN);
    SAME("[%5d] [%-5d] [%05d]", 42, 42, 42);
    SAME("[%05d] [%06d]", -42, -42);                 /* the sign before the zeros */
    GIVES("[-42   ]", "[%-06d]", -42);                 /* '-' wins over '0' */
    SAME("[%2d] [%02d]", -42, -42);                  /* width below the length */
    SAME("%ld %lld", -1234567890L, -1234567890123LL);
    SAME("%lld", (long long)INT64_MIN);
    SAME("%zd", (ptrdiff_t)-7);
    SAME("%hd %hhd", 12, 5);
    SAME("[%*d] [%-*d]", 6, 42, 6, 42);
}

static void fmt_unsigned_and_hex(void)
{
    SAME("%u %x %X", 3000000000u, 0xdeadbeefu, 0xdeadbeefu);
    SAME("%x", 0u);
    SAME("[%08x] [%-8X] [%8u]", 0xbeefu, 0xbeefu, 77u);
    SAME("%lu %lx", 4000000000UL, 0xfeedUL);
    SAME("%llu %llx", 18446744073709551615ULL, 0xfedcba9876543210ULL);
    SAME("%zu %zx", (size_t)12345, (size_t)0xabc);
    SAME("%02x%02x%02x", 1u, 0xabu, 0u);
}

static void fmt_strings_and_chars(void)
{
    SAME("%s|%s", "hello", "");
    SAME("[%8s] [%-8s]", "abc", "abc");
    SAME("[%.2s] [%.0s] [%.9s]", "abcdef", "abcdef", "abc");
    SAME("[%6.2s] [%-6.2s]", "abcdef", "abcdef");
    SAME("[%.*s]", 3, "abcdef");
    SAME("[%*s]", 5, "ab");
    SAME("[%c] [%3c] [%-3c]", 'x', 'y', 'z');
    GIVES("[   ab]", "[%05s]", "ab");                 /* '0' pads numbers only */
    GIVES("[(null)] [(nu]", "[%s] [%.3s]", (const char *)NULL, (const char *)NULL);
}

static void fmt_firmware_rules(void)
{
    GIVES("42 42 2a", "%+d % d %#x", 42, 42, 0x2au);   /* '+', ' ', '#' accepted, ignored */
    GIVES("5 ff", "%.3d %.4x", 5, 0xffu);              /* a precision applies to %s only */
    GIVES("1234", "%p", (void *)(uintptr_t)0x1234u);    /* bare hex digits */
    GIVES("%q %y", "%q %y");                            /* unknown conversions as they stand */
    GIVES("end", "end%");                               /* a lone '%' at the end: nothing */
    GIVES("end", "end%-05");
    GIVES("[42]", "[%*d]", -4, 42);                     /* a negative '*' width: no padding */
}

static void fmt_truncates_and_counts(void)
{
    char b[8];
    memset(b, 'Q', sizeof b);
    CHECK_EQ_INT(fw_snprintf(b, sizeof b, "%s-%d", "abcdef", 1234), 11);
    CHECK_EQ_STR(b, "abcdef-");
    memset(b, 'Q', sizeof b);
    CHECK_EQ_INT(fw_snprintf(b, 1, "abc"), 3);
    CHECK_EQ_INT(b[0], '\0');
    CHECK_EQ_INT(b[1], 'Q');
    memset(b, 'Q', sizeof b);
    CHECK_EQ_INT(fw_snprintf(b, 0, "abc%d", 5), 4);
    CHECK_EQ_INT(b[0], 'Q');
    CHECK_EQ_INT(fw_snprintf(NULL, 0, "%s", "x"), 1);
}

static void fmt_printf_goes_to_the_uart(void)
{
    char long_text[200];
    uart_len = 0;
    uart[0] = '\0';
    CHECK_EQ_INT(fw_printf("a%d ", 1), 3);
    CHECK_EQ_INT(fw_fprintf(stderr, "b%s\n", "2"), 3);
    CHECK_EQ_STR(uart, "a1 b2\n");
    /* one line holds 159 characters; the count is still the whole length */
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    uart_len = 0;
    CHECK_EQ_INT(fw_printf("%s", long_text), 199);
    CHECK_EQ_INT(uart_len, 159);
}

int main(void)
{
    RUN(fmt_plain_text_and_percent);
    RUN(fmt_signed);
    RUN(fmt_unsigned_and_hex);
    RUN(fmt_strings_and_chars);
    RUN(fmt_firmware_rules);
    RUN(fmt_truncates_and_counts);
    RUN(fmt_printf_goes_to_the_uart);
    return check_summary();
}
