/* SPDX-License-Identifier: Apache-2.0 */
/* cli_json_out.c - Go's encoding/json appendString, escapeHTML = true. */
#include "cli_json_out.h"

#include "il_text.h"

void cli_json_string(cli_buf_t *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, start = 0;
    cli_putc(b, '"');
    while (i < n) {
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
                i++;
                continue;
            }
            cli_put(b, s + start, i - start);
            switch (c) {
            case '"': cli_puts(b, "\\\""); break;
            case '\\': cli_puts(b, "\\\\"); break;
            case '\b': cli_puts(b, "\\b"); break;
            case '\f': cli_puts(b, "\\f"); break;
            case '\n': cli_puts(b, "\\n"); break;
            case '\r': cli_puts(b, "\\r"); break;
            case '\t': cli_puts(b, "\\t"); break;
            default: {
                char e[6] = {'\\', 'u', '0', '0', il_hex_digit(c >> 4, false), il_hex_digit(c, false)};
                cli_put(b, e, 6);
            }
            }
            i++;
            start = i;
            continue;
        }
        uint32_t r;
        size_t w = il_utf8_decode(u + i, n - i, &r);
        if (r == 0xFFFD && w == 1) {
            /* every string printed was decoded by Go first, which made it
             * valid UTF-8 (U+FFFD for each invalid byte): the encoder then
             * writes U+FFFD as it is */
            cli_put(b, s + start, i - start);
            cli_put(b, "\xef\xbf\xbd", 3);
            i++;
            start = i;
            continue;
        }
        if (r == 0x2028 || r == 0x2029) {
            cli_put(b, s + start, i - start);
            cli_puts(b, r == 0x2028 ? "\\u2028" : "\\u2029");
            i += w;
            start = i;
            continue;
        }
        i += w;
    }
    cli_put(b, s + start, n - start);
    cli_putc(b, '"');
}
