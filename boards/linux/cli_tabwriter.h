/* SPDX-License-Identifier: Apache-2.0 */
/* cli_tabwriter.h - Go text/tabwriter (flags 0, no escapes) over a buffer.
 *
 * The input is what the official CLI writes into its tabwriter: cells ended
 * by TAB, lines ended by LF. Column widths are counted in UTF-8 runes as Go
 * does; the last cell of a line never belongs to a column. */
#ifndef CLI_TABWRITER_H
#define CLI_TABWRITER_H

#include <stdbool.h>
#include <stddef.h>
#include "cli_out.h"

#define CLI_TW_MAX_LINES 8192     /* lines of one call (a batch table flushes before) */
#define CLI_TW_MAX_COLS 256       /* cells of one line */

/* Format text[0..n) into out. false when the text has more lines, or a line
 * more cells, than the fixed tables hold (nothing is written then). */
bool cli_tabwriter(cli_buf_t *out, const char *text, size_t n,
                   size_t minwidth, size_t tabwidth, size_t padding, char padchar);

#endif
