/* SPDX-License-Identifier: Apache-2.0 */
/* json.c - influxd's answers decoded as they stream in (see il_json.h): Go's
 * encoding/json scanner (scanner.go), state by state, and under it the
 * decoding into the official client's structs (decode.go: field folding,
 * type errors, null, escapes), whose fields json_models.c lists. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "il_json.h"
#include "il_text.h"

/* ---- the scanner's states (scanner.go's state functions) ---- */

#define J_VALUE IL_JSON_S_VALUE
#define J_VALUE_OR_CLOSE IL_JSON_S_VALUE_OR_CLOSE
#define J_KEY_OR_CLOSE IL_JSON_S_KEY_OR_CLOSE
#define J_END_VALUE IL_JSON_S_END_VALUE
#define J_END_TOP IL_JSON_S_END_TOP
#define J_STRING IL_JSON_S_STRING
#define J_ESCAPE IL_JSON_S_ESCAPE
#define J_HEX IL_JSON_S_HEX
#define J_LITERAL IL_JSON_S_LITERAL
#define J_ERROR IL_JSON_S_ERROR
#define J_NEG IL_JSON_S_NEG
#define J_ZERO IL_JSON_S_ZERO
#define J_INT IL_JSON_S_INT
#define J_DOT IL_JSON_S_DOT
#define J_FRAC IL_JSON_S_FRAC
#define J_EXP IL_JSON_S_EXP
#define J_EXP_SIGN IL_JSON_S_EXP_SIGN
#define J_EXP_DIGITS IL_JSON_S_EXP_DIGITS

static const char json_fffd[] = "\xef\xbf\xbd";

/* One copy of a function called from several places is smaller than one
 * in each (-Os would inline some of them into every caller). */
#if defined(__GNUC__)
#define JSON_ONE_COPY __attribute__((noinline))
#else
#define JSON_ONE_COPY
#endif

bool il_str_eq(il_str_t s, const char *lit)
{
    size_t n = strlen(lit);
    return s.p != NULL && s.n == n && memcmp(s.p, lit, n) == 0;
}

static bool json_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool json_in_object(il_json_t *j)
{
    uint32_t d = j->depth - 1;
    return ((unsigned)j->s.nest[d >> 3] >> (d & 7)) & 1u;
}

/* Go's scanner.error: where it stood, and the byte it refused. */
static JSON_ONE_COPY void json_syntax(il_json_t *j, uint8_t c)
{
    il_json_error_t *e = &j->err;
    e->what = IL_JSON_ERR_SYNTAX;
    e->state = j->state;
    e->byte = c;
    j->state = J_ERROR;
}

/* ---- strings: what is kept ---- */

/* Append decoded bytes to the key, or to the kept string (which is dropped,
 * never cut, when the store is full). */
static void json_put(il_json_t *j, const void *p, size_t n)
{
    if (j->in_key) {
        if (n > sizeof j->key - 2 - j->key_len) {   /* what fits, as byte by byte */
            j->key_long = true;
            n = sizeof j->key - 2 - j->key_len;
        }
        memcpy(j->key + j->key_len, p, n);
        j->key_len = (uint8_t)(j->key_len + n);
        return;
    }
    if (j->str_dst == NULL) return;
    if (n > j->store_cap - j->store_len) {
        j->dropped++;
        *j->str_dst = (il_str_t){ NULL, 0 };
        j->store_len = j->str_start;
        j->str_dst = NULL;
        return;
    }
    memcpy(j->store + j->store_len, p, n);
    j->store_len += n;
    if (j->store_len > j->store_used) j->store_used = j->store_len;
}

/* A high surrogate with no low half after it is U+FFFD. */
static void json_high_drop(il_json_t *j)
{
    if (j->high == 0) return;
    j->high = 0;
    json_put(j, json_fffd, 3);
}

/* A \uXXXX escape's code point (escape_u), or a byte as it came or from a
 * short escape; a surrogate pair is joined, a lone surrogate is U+FFFD
 * (decode.go unquoteBytes). */
static void json_unit(il_json_t *j, uint32_t v, bool escape_u)
{
    char b[4];
    if (j->high != 0 && escape_u && v >= 0xDC00 && v < 0xE000) {
        v = 0x10000 + ((uint32_t)(j->high - 0xD800) << 10) + (v - 0xDC00);
        j->high = 0;
    }
    json_high_drop(j);
    if (!escape_u) {
        b[0] = (char)v;
        json_put(j, b, 1);
    } else if (v >= 0xD800 && v < 0xDC00) {
        j->high = (uint16_t)v;
    } else {
        json_put(j, b, il_utf8_put(v >= 0xD800 && v < 0xE000 ? 0xFFFD : v, b));
    }
}

/* ---- the models' side: fields, type errors, what is kept ---- */

/* The field of model m whose tag the key folds to, or IL_JSON_NO_FIELD: Go's
 * foldName folds a-z to A-Z, and of the other runes only U+017F and U+212A
 * to ASCII letters, S and K (fold.go foldRune: the smallest of the fold
 * set). The tags are letters, so comparing c | 0x20 is enough; reading past
 * the key stays inside key[] and cannot end a match at the key's end. */
static uint8_t json_match(const il_json_t *j, uint8_t m)
{
    const uint8_t *key = (const uint8_t *)j->key;
    for (uint8_t i = il_json_model_first[m]; i < il_json_model_first[m + 1] && !j->key_long; i++) {
        const char *name = il_json_names + il_json_fields[i].name;
        size_t k = 0;
        while (*name != '\0' && k < j->key_len) {
            uint8_t c = key[k++];
            if (c == 0xC5 && key[k] == 0xBF) c = 's', k++;
            else if (c == 0xE2 && key[k] == 0x84 && key[k + 1] == 0xAA) c = 'k', k += 2;
            if ((c | 0x20) != (*name | 0x20)) break;
            name++;
        }
        if (*name == '\0' && k == j->key_len) return i;
    }
    return IL_JSON_NO_FIELD;
}

/* Go's UnmarshalTypeError, with the levels down to the value for the
 * fields Go names (decode.go addErrorContext): saved if it is the first
 * error, or, from an ErrorCode's own UnmarshalJSON, returned at once (it
 * wins over a saved one; the first such error stands). */
static void json_type_error(il_json_t *j, uint8_t found, bool immediate)
{
    il_json_error_t *e = &j->err;
    if (immediate ? e->immediate : e->what != IL_JSON_ERR_NONE) return;
    e->what = IL_JSON_ERR_TYPE;
    e->immediate = immediate;
    e->found = found;
    e->depth = (uint8_t)j->sdepth;
    memcpy(e->lv, j->lv, sizeof e->lv);
}

/* Another error an UnmarshalJSON returns at once. */
static JSON_ONE_COPY void json_call_error(il_json_t *j, uint8_t what)
{
    if (j->err.immediate) return;
    j->err.what = what;
    j->err.immediate = true;
}

/* The permissions of the kept authorization start again. */
static void json_perms_reset(il_json_t *j, il_str_t *target)
{
    if (target == NULL) return;
    ((il_auth_t *)(void *)target)->perms_count = 0;
    if (j->s.on_perm != NULL) j->s.on_perm(j->s.on_perm_ctx, NULL);
}

/* A permission of the kept authorization is complete: to the callback;
 * its strings leave the store. */
static JSON_ONE_COPY void json_perm_done(il_json_t *j, il_str_t *target)
{
    ((il_auth_t *)(void *)target)->perms_count++;
    if (j->s.on_perm != NULL) j->s.on_perm(j->s.on_perm_ctx, &j->perm);
    j->store_len = j->perm_mark;
}

static void json_level_push(il_json_t *j, uint8_t model, uint8_t field, il_str_t *target, bool array)
{
    il_json_level_t *l;
    if (j->sdepth >= IL_JSON_LEVELS) return;      /* deeper than any model */
    l = &j->lv[j->sdepth++];
    l->target = target;
    l->count = 0;
    l->model = model;
    l->field = field;
    l->array = array;
}

/* An element of the array level l begins: where its strings go. */
static JSON_ONE_COPY il_str_t *json_element(il_json_t *j, il_json_level_t *l)
{
    il_str_t *t = l->target;
    l->count++;
    if (t == NULL) return NULL;
    if (il_json_fields[l->field].kind & IL_JSON_FL_FIRST) return l->count == 1 ? t : NULL;
    memset(&j->perm, 0, sizeof j->perm);
    j->perm_mark = j->store_len;
    return (il_str_t *)(void *)&j->perm;
}

/* null where f is expected: Go leaves the value as it was, except a
 * pointer or a slice, which it clears; an ErrorCode's own UnmarshalJSON
 * refuses it. */
static void json_null(il_json_t *j, const il_json_field_t *f, il_str_t *target)
{
    unsigned kind = IL_JSON_KIND(f);
    if (kind == IL_JSON_F_CODE) json_call_error(j, IL_JSON_ERR_CODE_NULL);
    if (f->kind & IL_JSON_FL_PERMS) json_perms_reset(j, target);
    if (f->kind & IL_JSON_FL_FIRST) j->count = 0;
    if (kind == IL_JSON_F_STRING_PTR && target != NULL && f->arg != IL_JSON_NO_SLOT)
        target[f->arg] = (il_str_t){ NULL, 0 };
}

/* A value of JSON kind k starts where the field fi is expected. */
static void json_expect(il_json_t *j, uint8_t k, uint8_t fi, il_str_t *target)
{
    const il_json_field_t *f = &il_json_fields[fi];
    unsigned kind = IL_JSON_KIND(f);
    if (k == IL_JSON_K_NULL) {
        json_null(j, f, target);
    } else if (k == IL_JSON_K_STRING && kind <= IL_JSON_F_TIME) {
        if (kind != IL_JSON_F_TIME && target != NULL && f->arg != IL_JSON_NO_SLOT) {
            j->str_dst = &target[f->arg];
            j->str_start = j->store_len;
        }
    } else if (k == IL_JSON_K_OBJECT && kind == IL_JSON_F_OBJECT) {
        json_level_push(j, f->arg, IL_JSON_NO_FIELD, (f->kind & IL_JSON_FL_SHARED) ? target : NULL, false);
    } else if (k == IL_JSON_K_ARRAY && kind == IL_JSON_F_ARRAY) {
        if (f->kind & IL_JSON_FL_PERMS) json_perms_reset(j, target);
        json_level_push(j, f->arg, fi, target, true);
    } else if (kind == IL_JSON_F_TIME) {
        json_call_error(j, IL_JSON_ERR_TIME);
    } else {
        json_type_error(j, k, kind == IL_JSON_F_CODE);
    }
}

/* A struct (the top value, or an array's element) of model m: only an
 * object or null fits; an element that is null is still an element. */
static void json_struct(il_json_t *j, uint8_t k, uint8_t m, il_str_t *target, bool perm)
{
    if (k == IL_JSON_K_OBJECT) json_level_push(j, m, IL_JSON_NO_FIELD, target, false);
    else if (k != IL_JSON_K_NULL) json_type_error(j, k, false);
    else if (perm) json_perm_done(j, j->lv[j->sdepth - 1].target);
}

/* A value of JSON kind k starts at the current level. */
static JSON_ONE_COPY void json_value(il_json_t *j, uint8_t k)
{
    il_json_level_t *l;
    if (j->depth != j->sdepth) return;      /* inside a skipped value */
    if (j->sdepth == 0) {
        json_struct(j, k, j->model, j->out, false);
        return;
    }
    l = &j->lv[j->sdepth - 1];
    if (l->array) {
        il_str_t *t = json_element(j, l);
        json_struct(j, k, l->model, t, t == (il_str_t *)(void *)&j->perm);
    } else if (l->field != IL_JSON_NO_FIELD) {
        json_expect(j, k, l->field, l->target);
    }
}

/* The object or array the models describe at the innermost level ends. */
static void json_level_end(il_json_t *j)
{
    il_json_level_t *l = &j->lv[--j->sdepth];
    if (l->array) {
        j->count = l->count;    /* the last tracked array to end: an Authorizations' list */
    } else if (l->model == IL_JSON_M_PERMISSION && l->target != NULL) {
        json_perm_done(j, j->lv[j->sdepth - 1].target);
    }
}

/* ---- the scanner ---- */

/* pushParseState: Go's depth limit, then the scratch's. */
static void json_push(il_json_t *j, uint8_t c, bool object)
{
    uint32_t d = j->depth;
    uint8_t *bit = &j->s.nest[d >> 3];
    if (d >= IL_JSON_GO_DEPTH) {
        j->state = IL_JSON_S_DEPTH;
        json_syntax(j, c);
        return;
    }
    if (d >= 8u * j->s.nest_cap) {
        j->err.what = IL_JSON_ERR_NEST;
        j->state = J_ERROR;
        return;
    }
    *bit = (uint8_t)(object ? *bit | (1u << (d & 7)) : *bit & ~(1u << (d & 7)));
    j->depth = d + 1;
    j->key_phase = object;
    j->state = object ? J_KEY_OR_CLOSE : J_VALUE_OR_CLOSE;
}

/* popParseState */
static void json_pop(il_json_t *j)
{
    if (j->depth == j->sdepth) json_level_end(j);
    j->depth--;
    j->key_phase = false;
    j->end_top = j->depth == 0;
    j->state = j->end_top ? J_END_TOP : J_END_VALUE;
}

/* stateEndValue: c follows a complete value. */
static void json_end_value(il_json_t *j, uint8_t c)
{
    bool object;
    j->state = J_END_VALUE;
    if (j->depth == 0) {
        j->end_top = true;
        j->state = J_END_TOP;
        if (!json_space(c)) json_syntax(j, c);
        return;
    }
    if (json_space(c)) return;
    object = json_in_object(j);
    if (c == (object ? '}' : ']') && !j->key_phase) {
        json_pop(j);
    } else if (c == ',' && !j->key_phase) {
        j->key_phase = object;
        j->state = object ? IL_JSON_S_KEY : J_VALUE;
    } else if (c == ':' && j->key_phase) {
        j->key_phase = false;
        j->state = J_VALUE;
    } else {
        json_syntax(j, c);
        j->err.object = object;
        j->err.key = j->key_phase;
    }
}

/* stateBeginValue, for a byte that is not a space. */
static void json_begin_value(il_json_t *j, uint8_t c)
{
    static const char starts[] = "{[\"tfn-0123456789";
    static const uint8_t kinds[] = { IL_JSON_K_OBJECT, IL_JSON_K_ARRAY, IL_JSON_K_STRING, IL_JSON_K_BOOL,
                                     IL_JSON_K_BOOL, IL_JSON_K_NULL };
    static const uint8_t lit_rest[] = { 1, 6, 12 };     /* "rue", "alse", "ull" */
    const char *at = c != 0 ? strchr(starts, c) : NULL;
    size_t i;
    if (at == NULL) {
        json_syntax(j, c);
        return;
    }
    i = (size_t)(at - starts);
    json_value(j, i < sizeof kinds ? kinds[i] : IL_JSON_K_NUMBER);
    if (i < 2) {
        json_push(j, c, i == 0);
    } else if (i == 2) {
        j->in_key = false;
        j->state = J_STRING;
    } else if (i < 6) {
        j->lit = &"true\0false\0null"[lit_rest[i - 3]];
        j->lit0 = c;
        j->state = J_LITERAL;
    } else {
        j->state = (uint8_t)(c == '-' ? J_NEG : c == '0' ? J_ZERO : J_INT);
    }
}

/* The states outside strings, literals and numbers. */
static void json_in_structure(il_json_t *j, uint8_t c)
{
    if (j->state == J_END_VALUE) {
        json_end_value(j, c);
    } else if (json_space(c)) {
        return;
    } else if ((j->state == J_VALUE_OR_CLOSE && c == ']') || (j->state == J_KEY_OR_CLOSE && c == '}')) {
        j->key_phase = false;
        json_end_value(j, c);
    } else if (j->state <= J_VALUE_OR_CLOSE) {
        json_begin_value(j, c);
    } else if (c == '"' && j->state != J_END_TOP) {   /* a key: after '{' or ',' */
        j->in_key = true;
        j->key_len = 0;
        j->key_long = false;
        j->state = J_STRING;
    } else {
        json_syntax(j, c);
    }
}

/* The closing quote: the key picks its field, a kept string is stored. */
static void json_string_end(il_json_t *j)
{
    json_high_drop(j);
    j->state = J_END_VALUE;
    if (j->in_key) {
        j->in_key = false;
        if (j->depth == j->sdepth) j->lv[j->sdepth - 1].field = json_match(j, j->lv[j->sdepth - 1].model);
        return;
    }
    if (j->str_dst == NULL) return;
    *j->str_dst = (il_str_t){ j->store + j->str_start, j->store_len - j->str_start };
    j->str_dst = NULL;
}

/* stateInStringEsc: the letter after a backslash. */
static void json_in_escape(il_json_t *j, uint8_t c)
{
    static const char escapes[] = "b\bf\fn\nr\rt\t\\\\//\"\"";
    const char *e = strchr(escapes, c);
    if (c == 'u') {
        j->state = J_HEX;
        j->hex = 0;
        j->ucode = 0;
    } else if (c != 0 && e != NULL && (e - escapes) % 2 == 0) {
        j->state = J_STRING;
        json_unit(j, (uint8_t)e[1], false);
    } else {
        json_syntax(j, c);
    }
}

/* stateInString, then stateInStringEsc, stateInStringEscU*. */
static void json_in_string(il_json_t *j, uint8_t c)
{
    int v;
    if (j->state == J_ESCAPE) {
        json_in_escape(j, c);
    } else if (j->state == J_HEX) {
        v = il_hex_value(c);
        if (v < 0) {
            json_syntax(j, c);
            return;
        }
        j->ucode = j->ucode << 4 | (uint32_t)v;
        if (++j->hex < 4) return;
        j->state = J_STRING;
        json_unit(j, j->ucode, true);
    } else if (c == '"') {
        json_string_end(j);
    } else if (c == '\\') {
        j->state = J_ESCAPE;
    } else if (c < 0x20) {
        json_syntax(j, c);
    } else {
        json_unit(j, c, false);
    }
}

/* stateT ... stateNul */
static void json_in_literal(il_json_t *j, uint8_t c)
{
    if (c != (uint8_t)*j->lit) {
        json_syntax(j, c);
        j->err.lit = j->lit0;
        j->err.expect = (uint8_t)*j->lit;
    } else if (*++j->lit == '\0') {
        j->state = J_END_VALUE;
    }
}

/* A digit in the number state s (not J_ZERO, where a digit ends the
 * number): the state it leads to. */
static uint8_t json_number_digit(uint8_t s, uint8_t c)
{
    if (s == J_INT || s == J_FRAC || s == J_EXP_DIGITS) return s;
    return s == J_NEG ? (c == '0' ? J_ZERO : J_INT) : s == J_DOT ? J_FRAC : J_EXP_DIGITS;
}

/* stateNeg ... stateE0 */
static void json_in_number(il_json_t *j, uint8_t c)
{
    uint8_t s = j->state;
    if (c >= '0' && c <= '9' && s != J_ZERO) {
        j->state = json_number_digit(s, c);
    } else if (s == J_EXP && (c == '+' || c == '-')) {
        j->state = J_EXP_SIGN;
    } else if (s == J_NEG || s == J_DOT || s == J_EXP || s == J_EXP_SIGN) {
        json_syntax(j, c);
    } else if (c == '.' && s <= J_INT) {
        j->state = J_DOT;
    } else if ((c == 'e' || c == 'E') && s != J_EXP_DIGITS) {
        j->state = J_EXP;
    } else {
        json_end_value(j, c);
    }
}

static void json_step(il_json_t *j, uint8_t c)
{
    if (j->state >= J_NEG) json_in_number(j, c);
    else if (j->state == J_LITERAL) json_in_literal(j, c);
    else if (j->state >= J_STRING && j->state <= J_HEX) json_in_string(j, c);
    else if (j->state != J_ERROR) json_in_structure(j, c);
}

void il_json_begin(il_json_t *j, uint8_t model, void *out, char *store, size_t store_cap,
                   const il_json_scratch_t *s)
{
    memset(j, 0, sizeof *j);
    if (s != NULL) j->s = *s;
    if (j->s.nest == NULL) {
        j->s.nest = j->nest_small;
        j->s.nest_cap = sizeof j->nest_small;
    }
    j->model = model;
    j->err.model = model;
    j->out = out;
    j->store = store;
    j->store_cap = store_cap;                   /* store may be NULL only with store_cap 0 */
    if (j->s.on_perm != NULL) j->s.on_perm(j->s.on_perm_ctx, NULL);   /* a new answer */
}

/* How many plain bytes of a string (no quote, backslash or control byte)
 * from p go to the key or the kept string at once, as json_step would one
 * by one: at most what the store has room for (the byte that does not fit
 * goes through json_step, which drops a kept string). A high surrogate
 * waiting for its low half goes byte by byte. */
static size_t json_run(il_json_t *j, const uint8_t *p, size_t n)
{
    size_t k = 0, room = j->store_cap - j->store_len;
    if (j->state != J_STRING || j->high != 0) return 0;
    while (k < n && k < room && p[k] >= 0x20 && p[k] != '"' && p[k] != '\\') k++;
    json_put(j, p, k);
    return k;
}

void il_json_feed(il_json_t *j, const uint8_t *p, size_t n)
{
    size_t i = 0, k;
    while (i < n && j->state != J_ERROR) {
        k = json_run(j, p + i, n - i);
        if (k == 0) json_step(j, p[i++]);
        i += k;
    }
}

il_status_t il_json_end(il_json_t *j)
{
    if (j->state != J_ERROR && !j->end_top) {
        j->str_dst = NULL;      /* scanner.eof: one more space, then the verdict */
        json_step(j, ' ');
        if (j->state != J_ERROR && !j->end_top) {
            j->state = IL_JSON_S_EOF;
            json_syntax(j, ' ');
        }
    }
    if (j->err.what == IL_JSON_ERR_NEST) return IL_ERR_JSON_TOO_LARGE;
    return j->err.what == IL_JSON_ERR_NONE ? IL_OK : IL_ERR_JSON;
}
