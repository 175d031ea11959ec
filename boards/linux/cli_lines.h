/* SPDX-License-Identifier: Apache-2.0 */
/* cli_lines.h - a system text file (/etc/passwd, /etc/hosts) line by line,
 * in small pieces on the stack: no heap, bounded memory. */
#ifndef CLI_LINES_H
#define CLI_LINES_H

#include <stdbool.h>

#define CLI_LINE_MAX 1024

/* fn(line, ctx) for each line of the file at path (NUL-terminated, without
 * its newline; a line longer than CLI_LINE_MAX is skipped whole) until fn
 * returns true. true when it did; false at the end or when the file cannot
 * be read. */
bool cli_file_lines(const char *path, bool (*fn)(char *line, void *ctx), void *ctx);

#endif
