/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_config.c - the CLI's configs-file reader (boards/linux/cli_config.c)
 * and config selection.
 *
 * Input: byte 0 picks what -c asks for (0: none, 1: "-", 2: the first
 * config's name, 3: "nope"), the rest is the file. The text is a heap block
 * of exactly len + 1 bytes (the parser may write text[len]). Invariants:
 *  - on success count <= CLI_CONFIG_MAX and every name/url/token/org is ""
 *    or a NUL-terminated string inside the text buffer; never NULL;
 *  - on failure err reads "line N: ..." and did not overflow;
 *  - parsing is deterministic (a second copy gives the same offsets);
 *  - cli_config_select returns one of the configs or the default one, or
 *    NULL with an error only when a name was asked for. */
#include "fuzz_common.h"
#include "cli_config.h"

static void check_str(const char *s, const char *text, size_t len)
{
    FUZZ_CHECK(s != NULL);
    if (s[0] == '\0')   /* absent values are a constant "" */
        return;
    FUZZ_CHECK(fuzz_inside(s, strlen(s) + 1, text, len + 1));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cli_configs_t cs, cs2;
    static cli_config_t items[CLI_CONFIG_MAX], items2[CLI_CONFIG_MAX];
    char errmem[256], errmem2[256];
    cli_buf_t err, err2;
    char *text, *text2;
    size_t len, i;
    bool ok, ok2;
    const cli_config_t *sel;
    const char *want = NULL;

    if (size < 1 || size - 1 > CLI_CONFIG_FILE_MAX)
        return 0;
    len = size - 1;
    text = fuzz_strndup(data + 1, len);    /* len + 1 bytes, text[len] = NUL */
    text2 = fuzz_strndup(data + 1, len);
    memset(items, 0x5a, sizeof items);
    cli_configs_init(&cs, items, CLI_CONFIG_MAX);
    cs.count = 0x5a5a;                     /* the parser must set it */
    cli_configs_init(&cs2, items2, CLI_CONFIG_MAX);
    cli_buf_init(&err, errmem, sizeof errmem);
    cli_buf_init(&err2, errmem2, sizeof errmem2);
    ok = cli_config_parse(text, len, &cs, &err);
    ok2 = cli_config_parse(text2, len, &cs2, &err2);
    FUZZ_CHECK(ok == ok2);
    FUZZ_CHECK(err.len <= sizeof errmem && err.len == err2.len);
    if (!ok) {
        FUZZ_CHECK(err.len >= 5 && memcmp(errmem, "line ", 5) == 0);
        FUZZ_CHECK(memcmp(errmem, errmem2, err.len) == 0);
        goto out;
    }
    FUZZ_CHECK(cs.count <= CLI_CONFIG_MAX && cs.count == cs2.count);
    for (i = 0; i < cs.count; i++) {
        const cli_config_t *c = &cs.items[i], *d = &cs2.items[i];
        check_str(c->name, text, len);
        check_str(c->url, text, len);
        check_str(c->token, text, len);
        check_str(c->org, text, len);
        FUZZ_CHECK(c->name - text == d->name - text2);
        FUZZ_CHECK(strcmp(c->url, d->url) == 0 && strcmp(c->token, d->token) == 0);
        FUZZ_CHECK(c->active == d->active && c->previous == d->previous);
    }
    switch (data[0] & 3) {
    case 1: want = "-"; break;
    case 2: want = cs.count ? cs.items[0].name : "default"; break;
    case 3: want = "nope"; break;
    default: break;
    }
    cli_buf_init(&err, errmem, sizeof errmem);
    sel = cli_config_select(&cs, want, &err);
    if (sel == NULL) {
        FUZZ_CHECK(want != NULL && err.len > 0);
    } else {
        FUZZ_CHECK(sel->url != NULL && sel->token != NULL);
        if (cs.count > 0 && !(sel >= cs.items && sel < cs.items + cs.count))
            FUZZ_CHECK(want != NULL);   /* the default config only when nothing matched */
        if (want != NULL && want[0] != '-' && sel >= cs.items && sel < cs.items + cs.count)
            FUZZ_CHECK(strcmp(sel->name, want) == 0);
    }
out:
    free(text);
    free(text2);
    return 0;
}
