/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_config.c - the CLI's configs-file reader: the TOML reader
 * (boards/linux/cli_toml*.c), the decoding into configs
 * (cli_config_parse.c) and config selection.
 *
 * Input: byte 0 picks what -c asks for (0: none, 1: "-", 2: the first
 * config's name, 3: "nope"), the rest is the file. The text is a heap block
 * of exactly len + 1 bytes (the parser may write text[len]). Invariants:
 *  - no read or write outside the text and the reader's records (ASan);
 *  - on failure err reads "toml: ..." and did not overflow;
 *  - parsing is deterministic (a second copy gives the same answer and text);
 *  - on success every config's name/url/token/org/cookie is "" or a
 *    NUL-terminated string inside the text buffer, never NULL;
 *  - cli_config_select returns one of the configs or the default one, or
 *    NULL with an error only when a name was asked for.
 * Seeds: tests/toml/cases.txt (written by tests/toml/test_toml.py). */
#include "fuzz_common.h"
#include "cli_config.h"

static void check_str(const char *s, const char *text, size_t len)
{
    FUZZ_CHECK(s != NULL);
    if (s[0] == '\0')   /* absent values are a constant "" */
        return;
    FUZZ_CHECK(fuzz_inside(s, strlen(s) + 1, text, len + 1));
}

static void check_configs(cli_configs_t *cs, const char *text, size_t len)
{
    cli_config_t c;
    for (size_t i = 0; i < cs->count; i++) {
        cli_config_get(cs, i, &c);
        check_str(c.name, text, len);
        check_str(c.url, text, len);
        check_str(c.token, text, len);
        check_str(c.org, text, len);
        check_str(c.cookie, text, len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cli_configs_t cs, cs2;
    static cli_config_mem_t mem, mem2;
    char errmem[512], errmem2[512];
    cli_buf_t err, err2;
    char *text, *text2;
    size_t len;
    bool ok, ok2;
    const cli_config_t *sel;
    const char *want = NULL;

    if (size < 1 || size - 1 > CLI_CONFIG_FILE_MAX)
        return 0;
    len = size - 1;
    text = fuzz_strndup(data + 1, len);    /* len + 1 bytes, text[len] = NUL */
    text2 = fuzz_strndup(data + 1, len);
    cli_configs_init(&cs, &mem);
    cli_configs_init(&cs2, &mem2);
    cs.loaded = cs2.loaded = true;
    cli_buf_init(&err, errmem, sizeof errmem);
    cli_buf_init(&err2, errmem2, sizeof errmem2);
    ok = cli_config_parse(text, len, &cs, &err);
    ok2 = cli_config_parse(text2, len, &cs2, &err2);
    FUZZ_CHECK(ok == ok2);
    FUZZ_CHECK(err.len <= sizeof errmem && err.len == err2.len);
    FUZZ_CHECK(memcmp(text, text2, len) == 0);
    if (!ok) {
        FUZZ_CHECK(err.len >= 6 && memcmp(errmem, "toml: ", 6) == 0);
        FUZZ_CHECK(memcmp(errmem, errmem2, err.len) == 0);
        goto out;
    }
    FUZZ_CHECK(cs.count == cs2.count);
    check_configs(&cs, text, len);
    switch (data[0] & 3) {
    case 1: want = "-"; break;
    case 2:
        if (cs.count > 0) {
            cli_config_get(&cs, 0, &cs.sel);
            want = cs.sel.name;
        } else {
            want = "default";
        }
        break;
    case 3: want = "nope"; break;
    default: break;
    }
    cli_buf_init(&err, errmem, sizeof errmem);
    sel = cli_config_select(&cs, want, &err);
    if (sel == NULL) {
        FUZZ_CHECK(want != NULL && err.len > 0);
    } else {
        FUZZ_CHECK(sel->url != NULL && sel->token != NULL && sel->name != NULL);
        if (cs.count > 0) FUZZ_CHECK(sel == &cs.sel);
    }
out:
    free(text);
    free(text2);
    return 0;
}
