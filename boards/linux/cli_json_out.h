/* SPDX-License-Identifier: Apache-2.0 */
/* cli_json_out.h - Go encoding/json string encoding (Encoder defaults:
 * HTML escaping on, Go >= 1.22 short \b and \f) of a string Go decoded from
 * an answer first: invalid UTF-8 is U+FFFD, as the decoder made it, written
 * as it is (the encoder's \ufffd is for strings that never were JSON). */
#ifndef CLI_JSON_OUT_H
#define CLI_JSON_OUT_H

#include <stddef.h>
#include "cli_out.h"

/* Append s[0..n) as a quoted JSON string. */
void cli_json_string(cli_buf_t *b, const char *s, size_t n);

#endif
