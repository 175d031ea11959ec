/* SPDX-License-Identifier: Apache-2.0 */
/* cli_json_err.h - why an answer did not decode, in the words of Go's
 * encoding/json (scanner.go's SyntaxError, decode.go's
 * UnmarshalTypeError) and of the official client's UnmarshalJSON methods
 * (time.Time's, api.ErrorCode's), from what the core's decoder reports
 * (il_json_error_t). */
#ifndef CLI_JSON_ERR_H
#define CLI_JSON_ERR_H

#include "il_json.h"
#include "cli_out.h"

/* Go's text for e (e->what is not IL_JSON_ERR_NONE). */
void cli_put_json_error(cli_buf_t *b, const il_json_error_t *e);

/* Go's quoteChar(c): the byte as the rune U+00XX, in single quotes, escaped
 * as strconv.Quote escapes it ('\'' and '"' as they are written). */
void cli_put_quote_char(cli_buf_t *b, uint8_t c);

#endif
