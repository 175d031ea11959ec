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

typedef struct cli_tw_line {
    size_t start;             /* offset of the line in text */
    uint32_t count;           /* cells in the line */
    bool flush;               /* the line ended with '\f': Go's Writer flushed there */
} cli_tw_line_t;

/* The tabwriter's scratch (the caller's; about 130 KB). Small fields first
 * and each line's two values side by side: a short table touches one page
 * of it, not one per array. Only the start of each line is stored; cells
 * are found again by scanning the line. */
typedef struct cli_tw {
    const char *text;
    size_t n;
    size_t nlines, nwidths;
    size_t minwidth, tabwidth, padding;
    char padchar;
    cli_buf_t *out;
    size_t widths[CLI_TW_MAX_COLS];
    cli_tw_line_t lines[CLI_TW_MAX_LINES];
} cli_tw_t;

/* Format text[0..n) into out, with t as scratch. false when the text has
 * more lines, or a line more cells, than the fixed tables hold (nothing is
 * written then). */
bool cli_tabwriter(cli_tw_t *t, cli_buf_t *out, const char *text, size_t n, size_t minwidth, size_t tabwidth,
                   size_t padding, char padchar);

#endif
