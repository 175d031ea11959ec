/* SPDX-License-Identifier: Apache-2.0 */
/* fw_fmt.c - a small snprintf for the firmware (mbedTLS's messages and the
 * board's own): %s %c %d %i %u %x %X %p %%, flags '-' '0', width and
 * precision (also '*'), length modifiers h hh l ll z. newlib's printf family
 * is not linked because it brings malloc. Output is always NUL-terminated;
 * the return value is the length the full output would have had. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "board.h"
#include "mbedtls_fw.h"

typedef struct out { char *b; size_t cap, n; } out_t;

static void put(out_t *o, char c)
{
    if (o->n + 1 < o->cap) o->b[o->n] = c;
    o->n++;
}

static void put_pad(out_t *o, char c, int count)
{
    while (count-- > 0) put(o, c);
}

int fw_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    out_t o = { buf, cap, 0 };
    for (; *fmt; fmt++) {
        int left = 0, zero = 0, width = 0, prec = -1, lng = 0;
        char tmp[24];
        const char *s;
        int len, neg = 0;
        uintmax_t u;
        unsigned base;
        if (*fmt != '%') { put(&o, *fmt); continue; }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '-') left = 1;
            else if (*fmt == '0') zero = 1;
            else if (*fmt == '+' || *fmt == ' ' || *fmt == '#') { }
            else break;
        }
        if (*fmt == '*') { width = va_arg(ap, int); fmt++; }
        else while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            fmt++;
            prec = 0;
            if (*fmt == '*') { prec = va_arg(ap, int); fmt++; }
            else while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 'j' || *fmt == 't') {
            if (*fmt == 'l') lng++;
            else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') lng = 3;
            fmt++;
        }
        switch (*fmt) {
        case '\0':
            fmt--;
            continue;
        case '%':
            put(&o, '%');
            continue;
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            s = tmp;
            len = 1;
            break;
        case 's':
            s = va_arg(ap, const char *);
            if (s == NULL) s = "(null)";
            for (len = 0; s[len] && (prec < 0 || len < prec); len++) { }
            break;
        case 'd': case 'i': {
            intmax_t v = lng >= 3 ? (intmax_t)va_arg(ap, ptrdiff_t)
                       : lng == 2 ? (intmax_t)va_arg(ap, long long)
                       : lng == 1 ? (intmax_t)va_arg(ap, long) : (intmax_t)va_arg(ap, int);
            neg = v < 0;
            u = neg ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
            base = 10;
            goto number;
        }
        case 'p':
            u = (uintptr_t)va_arg(ap, void *);
            base = 16;
            goto number;
        case 'u': case 'x': case 'X':
            u = lng >= 3 ? (uintmax_t)va_arg(ap, size_t)
              : lng == 2 ? (uintmax_t)va_arg(ap, unsigned long long)
              : lng == 1 ? (uintmax_t)va_arg(ap, unsigned long) : (uintmax_t)va_arg(ap, unsigned);
            base = *fmt == 'u' ? 10u : 16u;
        number: {
            const char *digits = *fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            int i = (int)sizeof tmp;
            do { tmp[--i] = digits[u % base]; u /= base; } while (u != 0 && i > 1);
            if (neg) tmp[--i] = '-';
            s = &tmp[i];
            len = (int)sizeof tmp - i;
            if (zero && !left && neg && width > len) {   /* -0042 */
                put(&o, '-');
                s++;
                len--;
                width--;
            }
            break;
        }
        default:
            put(&o, '%');
            put(&o, *fmt);
            continue;
        }
        if (!left) put_pad(&o, (zero && *fmt != 's' && *fmt != 'c') ? '0' : ' ', width - len);
        for (int k = 0; k < len; k++) put(&o, s[k]);
        if (left) put_pad(&o, ' ', width - len);
    }
    if (cap > 0) buf[o.n < cap ? o.n : cap - 1] = '\0';
    return o.n > 0x7fffffffu ? 0x7fffffff : (int)o.n;
}

int fw_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = fw_vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

static int vprint(const char *fmt, va_list ap)
{
    char line[160];
    int n = fw_vsnprintf(line, sizeof line, fmt, ap);
    board_puts(line);
    return n;
}

int fw_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;
    (void)f;
    va_start(ap, fmt);
    n = vprint(fmt, ap);
    va_end(ap);
    return n;
}

int fw_printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vprint(fmt, ap);
    va_end(ap);
    return n;
}
