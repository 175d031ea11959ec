/* cli_tabwriter.c - the column algorithm of Go's text/tabwriter. */
#include "cli_tabwriter.h"

typedef struct tw_cell {
    size_t start, size, width;
} tw_cell_t;

typedef struct tw {
    const char *text;
    tw_cell_t cells[CLI_TW_MAX_CELLS];
    size_t line_first[CLI_TW_MAX_LINES];   /* index of the line's first cell */
    size_t line_count[CLI_TW_MAX_LINES];   /* cells in the line */
    size_t nlines;
    size_t widths[CLI_TW_MAX_CELLS];
    size_t nwidths;
    size_t minwidth, tabwidth, padding;
    char padchar;
    cli_buf_t *out;
} tw_t;

static void tw_pad(tw_t *t, size_t textw, size_t cellw)
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

static void tw_write_lines(tw_t *t, size_t line0, size_t line1)
{
    for (size_t i = line0; i < line1; i++) {
        for (size_t j = 0; j < t->line_count[i]; j++) {
            const tw_cell_t *c = &t->cells[t->line_first[i] + j];
            if (c->size > 0) cli_put(t->out, t->text + c->start, c->size);
            if (j < t->nwidths) tw_pad(t, c->width, t->widths[j]);
        }
        if (i + 1 < t->nlines) cli_putc(t->out, '\n');
    }
}

static void tw_format(tw_t *t, size_t line0, size_t line1)
{
    size_t column = t->nwidths;
    for (size_t this = line0; this < line1; this++) {
        if (column + 1 >= t->line_count[this]) continue;
        tw_write_lines(t, line0, this);
        line0 = this;
        size_t width = t->minwidth;
        for (; this < line1; this++) {
            if (column + 1 >= t->line_count[this]) break;
            const tw_cell_t *c = &t->cells[t->line_first[this] + column];
            if (c->width + t->padding > width) width = c->width + t->padding;
        }
        t->widths[t->nwidths++] = width;
        tw_format(t, line0, this);
        t->nwidths--;
        line0 = this;
        /* as in Go, the loop's increment skips the line that ended the
         * block: it has no cell in this column either */
        if (this >= line1) break;
    }
    tw_write_lines(t, line0, line1);
}

static tw_t tw_state;

bool cli_tabwriter(cli_buf_t *out, const char *text, size_t n,
                   size_t minwidth, size_t tabwidth, size_t padding, char padchar)
{
    tw_t *t = &tw_state;
    size_t ncells = 0, start = 0;
    t->text = text;
    t->nlines = 1;
    t->line_first[0] = 0;
    t->line_count[0] = 0;
    for (size_t i = 0; i <= n; i++) {
        bool end = (i == n);
        if (!end && text[i] != '\t' && text[i] != '\n') continue;
        if (end && i == start) break;            /* no partial cell */
        if (ncells >= CLI_TW_MAX_CELLS) return false;
        t->cells[ncells].start = start;
        t->cells[ncells].size = i - start;
        t->cells[ncells].width = cli_utf8_count(text + start, i - start);
        ncells++;
        t->line_count[t->nlines - 1]++;
        start = i + 1;
        if (!end && text[i] == '\n') {
            if (t->nlines >= CLI_TW_MAX_LINES) return false;
            t->line_first[t->nlines] = ncells;
            t->line_count[t->nlines] = 0;
            t->nlines++;
        }
    }
    t->nwidths = 0;
    t->minwidth = minwidth;
    t->tabwidth = tabwidth;
    t->padding = padding;
    t->padchar = padchar;
    t->out = out;
    tw_format(t, 0, t->nlines);
    return true;
}
