/* SPDX-License-Identifier: Apache-2.0 */
/* fw_fmt.c - a small snprintf for the firmware (mbedTLS's messages and the
 * board's own): %s %c %d %i %u %x %X %p %%, flags '-' '0', width and
 * precision (also '*'), length modifiers h hh l ll z. newlib's printf family
 * is not linked because it brings malloc. Output is always NUL-terminated;
 * the return value is the length the full output would have had.
 * Deliberately small: '+', ' ' and '#' are accepted and ignored, a precision
 * applies to %s only, %p prints bare hex digits, an unknown conversion is
 * copied as it stands and a lone '%' at the end prints nothing. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "board.h"
#include "mbedtls_fw.h"

typedef struct out { char *b; size_t cap, n; } out_t;

/* One conversion: "%[flags][width][.precision][length]conv". */
typedef struct spec {
    bool left;       /* '-': pad on the right */
    bool zero;       /* '0': numbers pad with zeros */
    int width;
    int prec;        /* -1: none */
    int lng;         /* 0 int, 1 long, 2 long long, 3 and up size_t/intmax_t/ptrdiff_t */
} spec_t;

static void put(out_t *o, char c)
{
    if (o->n + 1 < o->cap) o->b[o->n] = c;
    o->n++;
}

static void put_pad(out_t *o, char c, int count)
{
    while (count-- > 0) put(o, c);
}

/* s[0..len) in a field of width characters. */
static void put_field(out_t *o, bool left, int width, const char *s, int len, char pad)
{
    if (!left) put_pad(o, pad, width - len);
    for (int k = 0; k < len; k++) put(o, s[k]);
    if (left) put_pad(o, ' ', width - len);
}

/* A width or precision: digits, or '*' taken from the arguments. */
static const char *count_parse(const char *fmt, int *n, va_list *ap)
{
    if (*fmt == '*') {
        *n = va_arg(*ap, int);
        return fmt + 1;
    }
    while (*fmt >= '0' && *fmt <= '9') *n = *n * 10 + (*fmt++ - '0');
    return fmt;
}

/* Everything between '%' and the conversion character; returns a pointer
 * to the conversion character. */
static const char *spec_parse(const char *fmt, spec_t *sp, va_list *ap)
{
    sp->left = false;
    sp->zero = false;
    sp->width = 0;
    sp->prec = -1;
    sp->lng = 0;
    for (;; fmt++) {
        if (*fmt == '-') sp->left = true;
        else if (*fmt == '0') sp->zero = true;
        else if (*fmt != '+' && *fmt != ' ' && *fmt != '#') break;
    }
    fmt = count_parse(fmt, &sp->width, ap);
    if (*fmt == '.') {
        sp->prec = 0;
        fmt = count_parse(fmt + 1, &sp->prec, ap);
    }
    for (;; fmt++) {
        if (*fmt == 'l') sp->lng++;
        else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') sp->lng = 3;
        else if (*fmt != 'h') break;
    }
    return fmt;
}

static intmax_t arg_signed(va_list *ap, int lng)
{
    if (lng >= 3) return (intmax_t)va_arg(*ap, ptrdiff_t);
    if (lng == 2) return (intmax_t)va_arg(*ap, long long);
    if (lng == 1) return (intmax_t)va_arg(*ap, long);
    return (intmax_t)va_arg(*ap, int);
}

static uintmax_t arg_unsigned(va_list *ap, int lng)
{
    if (lng >= 3) return (uintmax_t)va_arg(*ap, size_t);
    if (lng == 2) return (uintmax_t)va_arg(*ap, unsigned long long);
    if (lng == 1) return (uintmax_t)va_arg(*ap, unsigned long);
    return (uintmax_t)va_arg(*ap, unsigned);
}

static void put_number(out_t *o, const spec_t *sp, uintmax_t u, bool neg, unsigned base,
                       bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int i = (int)sizeof tmp;
    int width = sp->width;
    const char *s;
    int len;
    do {
        tmp[--i] = digits[u % base];
        u /= base;
    } while (u != 0 && i > 1);
    if (neg) tmp[--i] = '-';
    s = &tmp[i];
    len = (int)sizeof tmp - i;
    if (sp->zero && !sp->left && neg && width > len) {   /* -0042 */
        put(o, '-');
        s++;
        len--;
        width--;
    }
    put_field(o, sp->left, width, s, len, sp->zero ? '0' : ' ');
}

static void put_signed(out_t *o, const spec_t *sp, va_list *ap)
{
    intmax_t v = arg_signed(ap, sp->lng);
    bool neg = v < 0;
    put_number(o, sp, neg ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v, neg, 10u, false);
}

static void put_string(out_t *o, const spec_t *sp, const char *s)
{
    int len;
    if (s == NULL) s = "(null)";
    for (len = 0; s[len] && (sp->prec < 0 || len < sp->prec); len++) { }
    put_field(o, sp->left, sp->width, s, len, ' ');
}

/* One conversion; fmt points after the '%'. Returns where the text goes on. */
static const char *put_conversion(out_t *o, const char *fmt, va_list *ap)
{
    spec_t sp;
    char c;
    fmt = spec_parse(fmt, &sp, ap);
    switch (*fmt) {
    case '\0':
        return fmt;
    case '%':
        put(o, '%');
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        put_field(o, sp.left, sp.width, &c, 1, ' ');
        break;
    case 's':
        put_string(o, &sp, va_arg(*ap, const char *));
        break;
    case 'd': case 'i':
        put_signed(o, &sp, ap);
        break;
    case 'p':
        put_number(o, &sp, (uintptr_t)va_arg(*ap, void *), false, 16u, false);
        break;
    case 'u': case 'x': case 'X':
        put_number(o, &sp, arg_unsigned(ap, sp.lng), false, *fmt == 'u' ? 10u : 16u, *fmt == 'X');
        break;
    default:
        put(o, '%');
        put(o, *fmt);
        break;
    }
    return fmt + 1;
}

int fw_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    out_t o = { buf, cap, 0 };
    va_list aq;   /* a copy, so that the helpers can take its address */
    va_copy(aq, ap);
    while (*fmt != '\0') {
        if (*fmt == '%') fmt = put_conversion(&o, fmt + 1, &aq);
        else put(&o, *fmt++);
    }
    va_end(aq);
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
