/* SPDX-License-Identifier: Apache-2.0 */
/* cli_values.h - flag values parsed as Go parses them (strconv.ParseBool,
 * time.ParseDuration) and the --pin-sha256 forms. Pure functions. */
#ifndef CLI_VALUES_H
#define CLI_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False. */
bool cli_parse_bool(const char *s, bool *out);

/* time.ParseDuration ("30s", "1m30s", "500ms", "1.5h", "0"): *ms is the
 * value in milliseconds, rounded up; false when the syntax is invalid. */
bool cli_parse_duration(const char *s, int64_t *ms, bool *negative);

/* A SHA-256 pin: base64 (standard or URL alphabet, padding optional),
 * "sha256//" + base64 (curl), or 64 hex digits (':' between bytes allowed). */
bool cli_parse_pin(const char *s, uint8_t out[32]);

/* Go's base64.StdEncoding.DecodeString of s[0..len) into out[0..cap):
 * CR and LF skipped, '=' padding required. 0 with *n bytes; -1 for Go's
 * CorruptInputError, *bad its offset ("illegal base64 data at input byte
 * N"); -2 when out is too small. */
int cli_b64_std_decode(const char *s, size_t len, uint8_t *out, size_t cap, size_t *n, size_t *bad);

#endif
