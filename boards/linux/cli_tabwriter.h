/* SPDX-License-Identifier: Apache-2.0 */
/* cli_tabwriter.h - Go text/tabwriter (flags 0) over a buffer.
 *
 * The input is what the official CLI writes into its tabwriter: cells ended
 * by TAB or VT, lines ended by LF or FF (a FF also ends the block of lines
 * aligned together, as Go's Writer flushes there, and is written as LF).
 * Column widths are counted in UTF-8 runes as Go does; the last cell of a
 * line never belongs to a column. Go's escape byte 0xFF never occurs: every
 * string printed comes from a JSON answer, decoded to valid UTF-8. */
#ifndef CLI_TABWRITER_H
#define CLI_TABWRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cli_out.h"

#define CLI_TW_MAX_LINES 8192     /* lines of one call (a batch table flushes before) */
#define CLI_TW_MAX_COLS 256       /* cells of one line */
#define CLI_TW_FEW_LINES 8        /* lines the scratch holds itself: a single row's table */

typedef struct cli_tw_line {
    size_t start;             /* offset of the line in text */
    uint32_t count;           /* cells in the line */
    bool flush;               /* the line ended with '\f': Go's Writer flushed there */
} cli_tw_line_t;

/* The tabwriter's scratch (the caller's; about 1.2 KB, and the caller's
 * CLI_TW_MAX_LINES lines for a text of more than CLI_TW_FEW_LINES lines).
 * Small fields first, then the few lines and the widths: a short table
 * touches one page of it and not the long lines' memory. Only the start of
 * each line is stored; cells are found again by scanning the line. */
typedef struct cli_tw {
    const char *text;
    size_t n;
    size_t nlines, nwidths;
    size_t minwidth, tabwidth, padding;
    char padchar;
    cli_buf_t *out;
    cli_tw_line_t *lines;     /* few, or more once the text has more lines */
    cli_tw_line_t *more;      /* the caller's CLI_TW_MAX_LINES lines (NULL: none) */
    cli_tw_line_t few[CLI_TW_FEW_LINES];
    uint32_t widths[CLI_TW_MAX_COLS];   /* a width is at most the text's length (checked) */
} cli_tw_t;

/* Start t with more (CLI_TW_MAX_LINES lines, the caller's; NULL: a text
 * of more than CLI_TW_FEW_LINES lines is refused) for longer texts. */
void cli_tw_init(cli_tw_t *t, cli_tw_line_t *more);

/* Format text[0..n) into out, with t (cli_tw_init) as scratch. false when
 * the text has more lines, or a line more cells, than the tables hold, or
 * more than UINT32_MAX bytes (nothing is written then). */
bool cli_tabwriter(cli_tw_t *t, cli_buf_t *out, const char *text, size_t n, size_t minwidth, size_t tabwidth,
                   size_t padding, char padchar);

#endif
