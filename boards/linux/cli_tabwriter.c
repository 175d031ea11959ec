/* SPDX-License-Identifier: Apache-2.0 */
/* cli_tabwriter.c - the column algorithm of Go's text/tabwriter.
 * The scratch is the caller's (cli_tw_t). */
#include "cli_tabwriter.h"

#include <string.h>

/* Go's Writer.Write: '\t' and '\v' end a cell ('\v' pads as '\t' does when
 * padchar is '\t'), '\n' and '\f' a cell and its line. */
static bool is_sep(char c)
{
    return c == '\t' || c == '\v' || c == '\n' || c == '\f';
}

static bool is_line_end(char c)
{
    return c == '\n' || c == '\f';
}

/* Cell j of line i: start offset and size. */
static void tw_cell(const cli_tw_t *t, size_t i, size_t j, size_t *start, size_t *size)
{
    size_t p = t->lines[i].start;
    for (size_t k = 0; k < j; k++) {
        while (p < t->n && !is_sep(t->text[p])) p++;
        p++;
    }
    size_t e = p;
    while (e < t->n && !is_sep(t->text[e])) e++;
    *start = p;
    *size = e - p;
}

static void tw_pad(cli_tw_t *t, size_t textw, size_t cellw)
{
    if (t->padchar == '\t') {
        if (t->tabwidth == 0) return;
        cellw = (cellw + t->tabwidth - 1) / t->tabwidth * t->tabwidth;
        size_t n = cellw - textw;
        size_t tabs = (n + t->tabwidth - 1) / t->tabwidth;
        for (size_t i = 0; i < tabs; i++) cli_putc(t->out, '\t');
        return;
    }
    for (size_t i = textw; i < cellw; i++) cli_putc(t->out, t->padchar);
}

static void tw_write_lines(cli_tw_t *t, size_t line0, size_t line1)
{
    for (size_t i = line0; i < line1; i++) {
        size_t p = t->lines[i].start;
        for (size_t j = 0; j < t->lines[i].count; j++) {
            size_t e = p;
            while (e < t->n && !is_sep(t->text[e])) e++;
            if (e > p) cli_put(t->out, t->text + p, e - p);
            if (j < t->nwidths) tw_pad(t, cli_utf8_count(t->text + p, e - p), t->widths[j]);
            p = e + 1;
        }
        if (i + 1 < t->nlines) cli_putc(t->out, '\n');
    }
}

static void tw_format(cli_tw_t *t, size_t line0, size_t line1)
{
    size_t column = t->nwidths;
    for (size_t this = line0; this < line1; this++) {
        if (column + 1 >= t->lines[this].count) continue;
        tw_write_lines(t, line0, this);
        line0 = this;
        size_t width = t->minwidth;
        for (; this < line1; this++) {
            if (column + 1 >= t->lines[this].count) break;
            size_t start, size;
            tw_cell(t, this, column, &start, &size);
            size_t w = cli_utf8_count(t->text + start, size);
            if (w + t->padding > width) width = w + t->padding;
        }
        t->widths[t->nwidths++] = (uint32_t)width;      /* at most n + padding: see cli_tabwriter */
        tw_format(t, line0, this);
        t->nwidths--;
        line0 = this;
        /* as in Go, the loop's increment skips the line that ended the
         * block: it has no cell in this column either */
        if (this >= line1) break;
    }
    tw_write_lines(t, line0, line1);
}

void cli_tw_init(cli_tw_t *t, cli_tw_line_t *more)
{
    t->more = more;
}

/* One line more: from the few lines to the caller's when they are full;
 * false when there is no room. */
static bool tw_line_add(cli_tw_t *t)
{
    if (t->lines == t->few && t->nlines >= CLI_TW_FEW_LINES) {
        if (t->more == NULL) return false;
        memcpy(t->more, t->few, sizeof t->few);
        t->lines = t->more;
    }
    if (t->nlines >= CLI_TW_MAX_LINES) return false;
    t->nlines++;
    return true;
}

/* Split the text into lines of cells; false when the tables are too small. */
static bool tw_lines(cli_tw_t *t, const char *text, size_t n)
{
    size_t start = 0;
    t->text = text;
    t->n = n;
    t->lines = t->few;
    t->nlines = 1;
    t->lines[0].start = 0;
    t->lines[0].count = 0;
    t->lines[0].flush = false;
    for (size_t i = 0; i < n; i++) {
        if (!is_sep(text[i])) continue;
        if (t->lines[t->nlines - 1].count + 1 >= CLI_TW_MAX_COLS) return false;
        t->lines[t->nlines - 1].count++;
        start = i + 1;
        if (is_line_end(text[i])) {
            t->lines[t->nlines - 1].flush = text[i] == '\f';
            if (!tw_line_add(t)) return false;
            t->lines[t->nlines - 1].start = i + 1;
            t->lines[t->nlines - 1].count = 0;
            t->lines[t->nlines - 1].flush = false;
        }
    }
    if (start < n) t->lines[t->nlines - 1].count++;      /* a last cell without a terminator */
    return true;
}

/* Every width (at most the larger of minwidth and n + padding) fits the
 * widths' uint32_t. */
static bool tw_widths_fit(size_t n, size_t minwidth, size_t padding)
{
    uint64_t p = padding, w = minwidth, len = n;   /* no comparison always true where size_t has 32 bits */
    return p <= UINT32_MAX && len <= UINT32_MAX - p && w <= UINT32_MAX;
}

bool cli_tabwriter(cli_tw_t *t, cli_buf_t *out, const char *text, size_t n, size_t minwidth, size_t tabwidth,
                   size_t padding, char padchar)
{
    size_t block = 0;
    if (!tw_widths_fit(n, minwidth, padding) || !tw_lines(t, text, n)) return false;
    t->nwidths = 0;
    t->minwidth = minwidth;
    t->tabwidth = tabwidth;
    t->padding = padding;
    t->padchar = padchar;
    t->out = out;
    /* a '\f' flushes Go's Writer: the lines after it are aligned apart (and
     * it is written as a newline, as every line end is) */
    for (size_t i = 0; i < t->nlines; i++) {
        if (!t->lines[i].flush) continue;
        tw_format(t, block, i + 1);
        block = i + 1;
    }
    tw_format(t, block, t->nlines);
    return true;
}
