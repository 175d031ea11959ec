/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config_parse.c - the configs file's TOML (cli_toml.h) decoded as
 * BurntSushi/toml's decode.go decodes it into influx-cli's
 * map[string]config.Config: unifyMap over the top-level keys, unifyStruct
 * over a table's keys (the field named exactly, else the first whose name
 * strings.EqualFold matches), unifyString / unifyBool with badtype's text,
 * and md.e's "toml: line N (last key "K"): " prefix. Go walks the maps in
 * random order, so of several bad keys it names any one; this names the
 * first defined. See cli_config.h. */
#include "cli_config.h"

#include <string.h>

#include "il_text.h"

enum { CFG_K_URL, CFG_K_TOKEN, CFG_K_ORG, CFG_K_ACTIVE, CFG_K_PREVIOUS, CFG_K_COOKIE, CFG_K_COUNT };
static const char *const cfg_keys[CFG_K_COUNT] = {"url", "token", "org", "active", "previous", "cookie"};

/* strings.EqualFold of s[0..n) and an ASCII field name: besides ASCII
 * case, K also matches U+212A (Kelvin) and s U+017F (long s), as Unicode's
 * simple folding has it. */
static bool cfg_equal_fold(const char *s, size_t n, const char *name)
{
    size_t i = 0;
    for (; *name != '\0'; name++) {
        uint32_t r;
        if (i >= n) return false;
        size_t w = il_utf8_decode((const unsigned char *)s + i, n - i, &r);
        char c = *name;
        bool ok = (r < 0x80 && il_ascii_lower((char)r) == c) || (c == 'k' && r == 0x212A) || (c == 's' && r == 0x17F);
        if (!ok) return false;
        i += w;
    }
    return i == n;
}

/* Which field key k[0..n) sets, or -1 (an unknown key: ignored). */
static int cfg_field(const char *k, size_t n)
{
    for (int i = 0; i < CFG_K_COUNT; i++)
        if (strlen(cfg_keys[i]) == n && memcmp(k, cfg_keys[i], n) == 0) return i;
    for (int i = 0; i < CFG_K_COUNT; i++)
        if (cfg_equal_fold(k, n, cfg_keys[i])) return i;
    return -1;
}

/* fmtType: Go's %T of the decoded value, "interface {}" written "any". */
static const char *cfg_go_type(const cli_toml_node_t *e)
{
    static const char *const vals[] = {"", "string", "int64", "float64", "bool", "time.Time", "[]any"};
    if (e->kind == CLI_TOML_MAP) return "map[string]any";
    if (e->kind == CLI_TOML_AMAP) return "[]map[string]any";
    return vals[e->vtype];
}

/* md.e: the prefix, then the decoder's message. */
static bool cfg_decode_fail(const cli_configs_t *cs, uint32_t i, cli_buf_t *err, const char *what,
                            const char *dst)
{
    const cli_toml_node_t *e = &cs->doc.nodes[i];
    cli_puts(err, "toml: ");
    if (e->line > 0) {
        cli_puts(err, "line ");
        cli_put_uint(err, e->line);
        cli_putc(err, ' ');
    }
    cli_puts(err, "(last key ");
    cli_toml_put_path(err, &cs->doc, i);
    cli_puts(err, "): ");
    cli_puts(err, what);
    cli_puts(err, cfg_go_type(e));
    cli_puts(err, dst);
    return false;
}

/* A config's key: the type its field wants. */
static bool cfg_check_field(const cli_configs_t *cs, uint32_t i, cli_buf_t *err)
{
    const cli_toml_node_t *e = &cs->doc.nodes[i];
    int f = cfg_field(cs->doc.text + e->name, e->name_len);
    if (f < 0) return true;
    bool want_bool = f == CFG_K_ACTIVE || f == CFG_K_PREVIOUS;
    uint8_t want = want_bool ? CLI_TOML_BOOL : CLI_TOML_STRING;
    if (e->kind == CLI_TOML_VAL && e->vtype == want) return true;
    return cfg_decode_fail(cs, i, err, "incompatible types: TOML value has type ",
                           want_bool ? "; destination has type boolean" : "; destination has type string");
}

/* Whether record i is part of the document and a key of a top-level key. */
static bool cfg_live(const cli_toml_node_t *nodes, uint32_t i)
{
    return !(nodes[i].flags & (CLI_TOML_DEAD | CLI_TOML_ELEM));
}

bool cli_config_parse(char *text, size_t len, cli_configs_t *out, cli_buf_t *err)
{
    out->count = 0;
    if (!cli_toml_parse(text, len, &out->mem, &out->doc, err)) return false;
    const cli_toml_node_t *nodes = out->doc.nodes;
    for (uint32_t i = 1; i < out->doc.count; i++) {
        if (!cfg_live(nodes, i)) continue;
        uint32_t p = nodes[i].parent;
        if (p == 0) {
            if (nodes[i].kind != CLI_TOML_MAP)
                return cfg_decode_fail(out, i, err, "type mismatch for config.Config: expected table but found ", "");
            out->count++;
        } else if (nodes[p].parent == 0 && cfg_live(nodes, p) && !cfg_check_field(out, i, err)) {
            return false;
        }
    }
    return true;
}

/* A decoded span as a C string: NUL-terminated in place (the byte after a
 * decoded name or value is its own quote or separator); a NUL it holds
 * (from \u0000) becomes DEL, still a control byte for the checks. */
static const char *cfg_cstr(char *text, uint32_t off, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if (text[off + i] == '\0') text[off + i] = 0x7f;
    text[off + len] = '\0';
    return text + off;
}

/* The value of field f of a config (record c). */
static void cfg_fill(cli_configs_t *cs, uint32_t c, cli_config_t *out)
{
    const cli_toml_node_t *nodes = cs->doc.nodes;
    const char **str[CFG_K_COUNT] = {&out->url, &out->token, &out->org, NULL, NULL, &out->cookie};
    for (uint32_t i = c + 1; i < cs->doc.count; i++) {
        if (nodes[i].parent != c || !cfg_live(nodes, i)) continue;
        int f = cfg_field(cs->doc.text + nodes[i].name, nodes[i].name_len);
        if (f < 0) continue;
        if (str[f] != NULL) *str[f] = cfg_cstr(cs->doc.text, nodes[i].val, nodes[i].val_len);
        else if (f == CFG_K_ACTIVE) out->active = nodes[i].boolean != 0;
        else out->previous = nodes[i].boolean != 0;
    }
}

/* The record of the k-th config. */
static uint32_t cfg_record(const cli_configs_t *cs, size_t k)
{
    for (uint32_t i = 1; i < cs->doc.count; i++) {
        if (cs->doc.nodes[i].parent != 0 || !cfg_live(cs->doc.nodes, i)) continue;
        if (k-- == 0) return i;
    }
    return 0;
}

void cli_config_get(cli_configs_t *cs, size_t k, cli_config_t *out)
{
    uint32_t c = cfg_record(cs, k);
    const cli_toml_node_t *e = &cs->doc.nodes[c];
    out->url = out->token = out->org = out->cookie = "";
    out->active = out->previous = false;
    out->name = cfg_cstr(cs->doc.text, e->name, e->name_len);
    cfg_fill(cs, c, out);
}
