/* SPDX-License-Identifier: Apache-2.0 */
/* cli_toml_parse.c - keys, tables and what they define, as BurntSushi/toml's
 * parse.go keeps them (topLevel, addContext, setValue, setType, the
 * implicit tables, valueInlineTable's contexts) and lex.go's key and table
 * name states; the error texts of both, prefixed as ParseError.Error()
 * does. See cli_toml.h. */
#include "cli_toml_int.h"

#include <string.h>


/* ---- the key records ---- */

static uint32_t tl_hash(uint32_t parent, const char *s, uint32_t n)
{
    uint32_t h = 2166136261u ^ parent;
    for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot that holds (or would hold) parent's key s[0..n). */
static uint32_t tl_slot(const tl_t *t, uint32_t parent, const char *s, uint32_t n)
{
    uint32_t mask = t->mask, i = tl_hash(parent, s, n) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t k = t->m->slots[i];
        if (k == 0) return i;
        const cli_toml_node_t *e = &t->m->nodes[k];
        if (e->parent == parent && e->name_len == n && memcmp(t->s + e->name, s, n) == 0) return i;
    }
}

static uint32_t tl_find(const tl_t *t, uint32_t parent, uint32_t off, uint32_t len)
{
    return t->m->slots[tl_slot(t, parent, t->s + off, len)];
}

static uint32_t tl_new(tl_t *t, uint32_t parent, uint32_t off, uint32_t len, uint8_t kind, uint8_t flags)
{
    if (t->n >= t->m->node_cap) {
        tl_fail(t, t->pos, "too many keys");
        return 0;
    }
    uint32_t i = t->n++;
    cli_toml_node_t *e = &t->m->nodes[i];
    memset(e, 0, sizeof *e);
    e->parent = parent;
    e->name = off;
    e->name_len = len;
    e->kind = kind;
    e->flags = flags;
    if (!(flags & TL_ELEM)) t->m->slots[tl_slot(t, parent, t->s + off, len)] = i;
    return i;
}

/* hash[key] = value over an existing key: a new record in its place; the
 * decoder's record of the key (line, type) stays, as keyInfo is by name. */
static uint32_t tl_replace(tl_t *t, uint32_t e, uint8_t kind)
{
    cli_toml_node_t old = t->m->nodes[e];
    t->m->nodes[e].flags |= CLI_TOML_DEAD;
    t->m->slots[tl_slot(t, old.parent, t->s + old.name, old.name_len)] = 0;
    uint32_t k = tl_new(t, old.parent, old.name, old.name_len, kind, (uint8_t)(old.flags & TL_ITYPE_ARRAY));
    if (k != 0) t->m->nodes[k].line = old.line;
    return k;
}

/* The table a path ending at e means: an array of tables' last element. */
static uint32_t tl_resolve(const tl_t *t, uint32_t e)
{
    return t->m->nodes[e].kind == CLI_TOML_AMAP ? t->m->nodes[e].val : e;
}

static uint32_t tl_elem(tl_t *t, uint32_t amap)
{
    uint32_t k = tl_new(t, amap, 0, 0, CLI_TOML_MAP, TL_ELEM);
    if (k != 0) t->m->nodes[amap].val = k;
    return k;
}

/* ---- key paths, as BurntSushi's Key.String() writes them ---- */

/* maybeQuoted: a part that is not a bare key in double quotes, with
 * encode.go's dblQuotedReplacer escapes. */
static void tl_put_part(cli_buf_t *b, const char *s, uint32_t n)
{
    static const char hex[] = "0123456789abcdef";
    bool bare = n > 0;
    for (uint32_t i = 0; i < n && bare; i++) bare = tl_is_bare((unsigned char)s[i]);
    if (bare) {
        cli_put(b, s, n);
        return;
    }
    cli_putc(b, '"');
    for (uint32_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *sh = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\t' ? "\\t"
                       : c == '\n' ? "\\n" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
        if (sh != NULL) cli_puts(b, sh);
        else if (c < 0x20 || c == 0x7f) {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            cli_put(b, u, 6);
        } else cli_putc(b, (char)c);
    }
    cli_putc(b, '"');
}

/* The d-th named record from the root on the path to i (of n named). */
static uint32_t tl_ancestor(const cli_toml_node_t *nodes, uint32_t i, uint32_t n, uint32_t d)
{
    uint32_t k = n;
    for (; i != 0; i = nodes[i].parent) {
        if (nodes[i].flags & TL_ELEM) continue;
        if (--k == d) return i;
    }
    return 0;
}

static void tl_put_key(cli_buf_t *b, const char *text, const cli_toml_node_t *nodes, uint32_t i)
{
    uint32_t n = 0;
    for (uint32_t k = i; k != 0; k = nodes[k].parent) n += (nodes[k].flags & TL_ELEM) ? 0u : 1u;
    for (uint32_t d = 0; d < n && !b->overflow; d++) {
        const cli_toml_node_t *e = &nodes[tl_ancestor(nodes, i, n, d)];
        if (d > 0) cli_putc(b, '.');
        tl_put_part(b, text + e->name, e->name_len);
    }
}

void cli_toml_put_path(cli_buf_t *b, const cli_toml_doc_t *doc, uint32_t i)
{
    char mem[512];
    cli_buf_t k;
    cli_buf_init(&k, mem, sizeof mem);
    tl_put_key(&k, doc->text, doc->nodes, i);
    cli_put_quoted(b, k.p, k.len);
}

cli_buf_t *tl_error(tl_t *t, size_t off)
{
    char mem[512];
    cli_buf_t k;
    if (t->failed) return NULL;
    t->failed = true;
    cli_buf_init(&k, mem, sizeof mem);
    if (t->ctx != 0) tl_put_key(&k, t->s, t->m->nodes, t->ctx);         /* parse.go's current() */
    if (t->has_cur && t->ctx != 0) cli_putc(&k, '.');
    if (t->has_cur) cli_put(&k, t->s + t->cur, t->cur_len);
    cli_puts(t->err, "toml: line ");
    cli_put_uint(t->err, tl_line(t, off));
    if (k.len > 0) {
        cli_puts(t->err, " (last key ");
        cli_put_quoted(t->err, k.p, k.len);
        cli_putc(t->err, ')');
    }
    cli_puts(t->err, ": ");
    return t->err;
}

/* "Key 'PATH' ..." (parse.go's panicf, at the last key read). */
static bool tl_key_fail(tl_t *t, uint32_t e, const char *what)
{
    cli_buf_t *b = tl_error(t, t->key_off);
    if (b != NULL) {
        cli_puts(b, "Key '");
        tl_put_key(b, t->s, t->m->nodes, e);
        cli_puts(b, what);
    }
    return false;
}

/* ---- parse.go's definitions ---- */

/* setValue of a table (addContext's last part, addImplicitContext,
 * valueInlineTable): the record now at parent's key off/len, or 0. */
static uint32_t tl_set_table(tl_t *t, uint32_t parent, uint32_t off, uint32_t len, bool implicit)
{
    uint32_t e = tl_find(t, parent, off, len);
    if (e == 0) return tl_new(t, parent, off, len, CLI_TOML_MAP, implicit ? TL_IMPLICIT : 0u);
    cli_toml_node_t *n = &t->m->nodes[e];
    if (n->flags & TL_ITYPE_ARRAY) return tl_replace(t, e, CLI_TOML_MAP);
    if (implicit || (n->flags & TL_IMPLICIT)) {      /* just marked, or implied before */
        n->flags &= (uint8_t)~TL_IMPLICIT;
        return e;
    }
    tl_key_fail(t, e, "' has already been defined.");
    return 0;
}

/* The parents of a key or table, from the top (addContext's walk). */
static bool tl_walk(tl_t *t, uint32_t from, uint32_t nparts, uint32_t *out)
{
    uint32_t h = from;
    for (uint32_t i = 0; i < nparts; i++) {
        uint32_t off = t->m->parts[(size_t)2 * i], len = t->m->parts[(size_t)2 * i + 1];
        uint32_t e = tl_find(t, h, off, len);
        if (e == 0 && (e = tl_new(t, h, off, len, CLI_TOML_MAP, TL_IMPLICIT)) == 0) return false;
        if (t->m->nodes[e].kind == CLI_TOML_VAL) return tl_key_fail(t, e, "' was already created as a hash.");
        h = tl_resolve(t, e);
    }
    *out = h;
    return true;
}

/* The context is a value kept by an implied definition: Go's walk to it fails. */
static bool tl_ctx_ok(tl_t *t, const char *what)
{
    if (t->m->nodes[t->ctx].kind != CLI_TOML_VAL) return true;
    return tl_key_fail(t, t->ctx, what);
}

/* addImplicitContext(context + part). */
static bool tl_implicit_part(tl_t *t, uint32_t off, uint32_t len)
{
    if (!tl_ctx_ok(t, "' was already created as a hash.")) return false;
    uint32_t e = tl_set_table(t, t->ctx, off, len, true);
    if (e == 0) return false;
    t->ctx = tl_resolve(t, e);
    return true;
}

/* One part of a key or table name at t->pos: bare (lexBareName, maybe
 * empty) or quoted; decoded, kept in m->parts. */
static bool tl_part(tl_t *t)
{
    uint32_t r, off = (uint32_t)t->pos, len;
    size_t item = t->pos;
    int w = tl_get(t, t->pos, &r);
    if (w < 0) return false;
    if (r == '"' || r == '\'') {
        if (!tl_string(t, true, &off, &len, &item)) return false;
    } else {
        while ((w = tl_get(t, t->pos, &r)) > 0 && tl_is_bare(r)) t->pos++;
        if (w < 0) return false;
        len = (uint32_t)(t->pos - off);
    }
    if (t->nparts == 0) t->key_off = item;
    t->m->parts[(size_t)2 * t->nparts] = off;
    t->m->parts[(size_t)2 * t->nparts + 1] = len;
    t->nparts++;
    return true;
}

/* Blanks, then the rune at t->pos; -1 on a bad rune. */
static int tl_next_nonblank(tl_t *t, uint32_t *r)
{
    if (!tl_skip(t, false)) return -1;
    return tl_get(t, t->pos, r);
}

/* lexKeyStart / lexKeyNameStart: what may not start a key part. */
static bool tl_part_start(tl_t *t, bool first)
{
    uint32_t r;
    int w = tl_next_nonblank(t, &r);
    if (w < 0) return false;
    if (w == 0 || r == '=')
        return tl_fail(t, w == 0 ? tl_eof_off(t) : t->pos, first ? "unexpected '=': key name appears blank"
                                                                   : "unexpected '='");
    if (r == '.') return tl_fail(t, t->pos, first ? "unexpected '.': keys cannot start with a '.'" : "unexpected '.'");
    return tl_part(t);
}

/* A key's parts up to and with its '=' (lexKeyEnd). */
static bool tl_key(tl_t *t)
{
    uint32_t r;
    t->nparts = 0;
    if (!tl_part_start(t, true)) return false;
    for (;;) {
        int w = tl_next_nonblank(t, &r);
        if (w < 0) return false;
        if (w == 0) return tl_fail(t, tl_eof_off(t), "unexpected EOF; expected key separator '='");
        t->pos += (size_t)w;
        if (r == '=') return true;
        if (r == '.') {
            if (!tl_part_start(t, false)) return false;
            continue;
        }
        cli_buf_t *b = tl_error(t, t->pos - (size_t)w);
        if (b != NULL) cli_puts(b, "expected '.' or '=', but got "), tl_put_rune_q(b, r), cli_puts(b, " instead");
        return false;
    }
}

/* setValue(currentKey, value) and setType(currentKey, type, value's item). */
static bool tl_define(tl_t *t, const tl_value_t *v)
{
    bool store = true;
    if (!tl_ctx_ok(t, "' has already been defined.")) return false;
    uint32_t e = tl_find(t, t->ctx, t->cur, t->cur_len);
    if (e == 0) {
        e = tl_new(t, t->ctx, t->cur, t->cur_len, v->kind, 0);
    } else if (v->kind == CLI_TOML_VAL && (t->m->nodes[e].flags & TL_ITYPE_ARRAY)) {
        e = tl_replace(t, e, CLI_TOML_VAL);
    } else if (t->m->nodes[e].flags & (TL_IMPLICIT | TL_ITYPE_ARRAY)) {
        t->m->nodes[e].flags &= (uint8_t)~TL_IMPLICIT;    /* an inline table's own record, or an implied table */
        store = false;
    } else {
        return tl_key_fail(t, e, "' has already been defined.");
    }
    if (e == 0) return false;
    cli_toml_node_t *n = &t->m->nodes[e];
    if (store) {
        n->vtype = v->vtype;
        n->boolean = v->boolean;
        n->val = v->soff;
        n->val_len = v->slen;
    }
    n->line = tl_line(t, v->item);
    if (v->kind == CLI_TOML_VAL && v->vtype == CLI_TOML_ARRAY) n->flags |= TL_ITYPE_ARRAY;
    else n->flags &= (uint8_t)~TL_ITYPE_ARRAY;
    return true;
}

bool tl_keyval(tl_t *t)
{
    uint32_t outer = t->ctx, last;
    tl_value_t v;
    if (!tl_key(t)) return false;
    last = t->nparts - 1;
    t->cur = t->m->parts[(size_t)2 * last];
    t->cur_len = t->m->parts[(size_t)2 * last + 1];
    t->has_cur = true;
    for (uint32_t i = 0; i < last; i++)
        if (!tl_implicit_part(t, t->m->parts[(size_t)2 * i], t->m->parts[(size_t)2 * i + 1])) return false;
    if (!tl_value(t, false, &v) || !tl_define(t, &v)) return false;
    t->ctx = outer;
    return true;
}

void tl_array_open(tl_t *t, size_t item)
{
    if (!t->has_cur || t->m->nodes[t->ctx].kind == CLI_TOML_VAL) return;
    uint32_t e = tl_find(t, t->ctx, t->cur, t->cur_len);
    if (e == 0) return;
    t->m->nodes[e].flags |= TL_ITYPE_ARRAY;
    t->m->nodes[e].line = tl_line(t, item);
}

/* An array of tables' new element under e, at a key off/len of the table h. */
static uint32_t tl_array_table(tl_t *t, uint32_t h, uint32_t off, uint32_t len, uint8_t flags)
{
    uint32_t e = tl_find(t, h, off, len);
    if (e == 0) e = tl_new(t, h, off, len, CLI_TOML_AMAP, flags);
    else if (t->m->nodes[e].kind != CLI_TOML_AMAP) {
        tl_key_fail(t, e, "' was already created and cannot be used as an array.");
        return 0;
    }
    return e == 0 ? 0 : tl_elem(t, e) == 0 ? 0 : e;
}

bool tl_inline_open(tl_t *t, bool in_array, size_t item, uint32_t *saved)
{
    uint32_t off = t->cur, len = t->cur_len, e;
    *saved = t->ctx;
    t->has_cur = false;
    if (!tl_ctx_ok(t, "' was already created as a hash.")) return false;
    if (in_array) {
        e = tl_array_table(t, t->ctx, off, len, TL_IMPLICIT | TL_ITYPE_ARRAY);
        if (e != 0 && t->m->nodes[e].line == 0) t->m->nodes[e].line = tl_line(t, item);
    } else {
        e = tl_set_table(t, t->ctx, off, len, true);
    }
    if (e == 0) return false;
    t->ctx = tl_resolve(t, e);
    return true;
}

/* A table header's name parts, up to its ']' (lexTableNameStart / End). */
static bool tl_table_name(tl_t *t)
{
    uint32_t r;
    int w;
    t->nparts = 0;
    for (;;) {
        if ((w = tl_next_nonblank(t, &r)) < 0) return false;
        if (w == 0 || r == ']')
            return tl_fail(t, w == 0 ? tl_eof_off(t) : t->pos,
                           "unexpected end of table name (table names cannot be empty)");
        if (r == '.') return tl_fail(t, t->pos, "unexpected table separator (table names cannot be empty)");
        if (!tl_part(t) || (w = tl_next_nonblank(t, &r)) < 0) return false;
        t->pos += (size_t)w;
        if (r == ']') return true;
        if (r != '.') {
            cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos - (size_t)w);
            if (b != NULL) cli_puts(b, "expected '.' or ']' to end table name, but got "), tl_put_rune_q(b, r),
                           cli_puts(b, " instead");
            return false;
        }
    }
}

/* "[name]" or "[[name]]" at t->pos: addContext, then setType("", ...). */
static bool tl_table(tl_t *t)
{
    size_t item = t->pos;
    uint32_t r, h = 0, e, last;
    int w;
    bool array = item + 1 < t->len && t->s[item + 1] == '[';
    t->pos += array ? 2 : 1;
    if (!tl_table_name(t)) return false;
    if (array) {
        if ((w = tl_get(t, t->pos, &r)) < 0) return false;
        if (r != ']') {
            cli_buf_t *b = tl_error(t, w == 0 ? tl_eof_off(t) : t->pos);
            if (b != NULL) cli_puts(b, "expected end of table array name delimiter ']', but got "),
                           tl_put_rune_q(b, r), cli_puts(b, " instead");
            return false;
        }
        t->pos++;
    }
    last = t->nparts - 1;
    if (!tl_walk(t, 0, last, &h)) return false;
    t->ctx = h;
    e = array ? tl_array_table(t, h, t->m->parts[(size_t)2 * last], t->m->parts[(size_t)2 * last + 1], 0)
              : tl_set_table(t, h, t->m->parts[(size_t)2 * last], t->m->parts[(size_t)2 * last + 1], false);
    if (e == 0) return false;
    t->ctx = tl_resolve(t, e);
    t->m->nodes[e].line = tl_line(t, item);
    t->m->nodes[e].flags &= (uint8_t)~TL_ITYPE_ARRAY;
    return true;
}

/* After a top-level item: blanks, then a comment, a newline or the end (lexTopEnd). */
static bool tl_top_end(tl_t *t)
{
    uint32_t r;
    int w = tl_next_nonblank(t, &r);
    if (w < 0) return false;
    if (w == 0 || r == '\n' || r == '\r') return true;
    if (r == '#') return tl_comment(t);
    cli_buf_t *b = tl_error(t, t->pos);
    if (b != NULL) {
        cli_puts(b, "expected a top-level item to end with a newline, comment, or EOF, but got ");
        tl_put_rune_q(b, r);
        cli_puts(b, " instead");
    }
    return false;
}

/* parse(): a byte order mark is skipped; NUL in the first bytes means UTF-16. */
static bool tl_start(tl_t *t, char *text, size_t len)
{
    size_t bom = 0;
    if (len >= 2 && (((unsigned char)text[0] == 0xff && (unsigned char)text[1] == 0xfe) ||
                     ((unsigned char)text[0] == 0xfe && (unsigned char)text[1] == 0xff)))
        bom = 2;
    else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        bom = 3;
    t->s = text + bom;
    t->len = len - bom;
    if (memchr(t->s, '\0', t->len < 6 ? t->len : 6) != NULL) {
        cli_puts(t->err, "toml: line 1: files cannot contain NULL bytes; probably using UTF-16; "
                         "TOML files must be UTF-8");
        return false;
    }
    return true;
}

bool cli_toml_parse(char *text, size_t len, const cli_toml_mem_t *mem, cli_toml_doc_t *doc, cli_buf_t *err)
{
    tl_t t;
    memset(&t, 0, sizeof t);
    t.m = mem;
    t.err = err;
    t.line_no = 1;
    uint32_t slots = 16;
    while (slots < CLI_TOML_SLOTS(len) && slots < mem->slot_cap) slots *= 2;
    if (mem->node_cap < CLI_TOML_NODES(len) || slots < CLI_TOML_SLOTS(len) || slots > mem->slot_cap) {
        cli_puts(err, "toml: the configs file is larger than influx-lite reads");
        return false;
    }
    t.mask = slots - 1;      /* only the slots this file can use are cleared (and touched) */
    memset(mem->slots, 0, slots * sizeof mem->slots[0]);
    memset(&mem->nodes[0], 0, sizeof mem->nodes[0]);
    mem->nodes[0].kind = CLI_TOML_MAP;
    t.n = 1;
    if (!tl_start(&t, text, len)) return false;
    for (;;) {
        uint32_t r;
        int w;
        if (!tl_skip(&t, true) || (w = tl_get(&t, t.pos, &r)) < 0) return false;
        if (w == 0) break;
        if (r == '#') {
            if (!tl_comment(&t)) return false;
            continue;
        }
        bool ok = r == '[' ? tl_table(&t) : tl_keyval(&t);
        t.has_cur = false;
        if (!ok || !tl_top_end(&t)) return false;
    }
    doc->text = t.s;
    doc->nodes = mem->nodes;
    doc->count = t.n;
    return true;
}
