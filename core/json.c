/* SPDX-License-Identifier: Apache-2.0 */
/* json.c - influxd's answers decoded as they stream in (see il_json.h): Go's
 * encoding/json scanner (scanner.go), state by state and with its error
 * texts' contexts, and under it the decoding into the official client's
 * structs (decode.go: field folding, type errors, null, string unquoting). */
#include <string.h>
#include "il_json.h"
#include "il_text.h"

/* ---- the models: influx-cli v2.8.0 api/model_*.gen.go ---- */

#define NS IL_JSON_NO_SLOT
#define COUNT(a) ((uint8_t)(sizeof(a) / sizeof((a)[0])))

/* slots: il_auth_t id 0, token 1, status 2, description 3, org_id 4, org 5,
 * user_id 6, user 7; il_permission_t action 0, type 1, id 2, org_id 3;
 * il_user_t id 0, name 1, status 2; il_error_body_t code 0, message 1, err 2 */
static const il_json_field_t resource_fields[] = {
    { "type", IL_JSON_F_STRING, 1, NULL }, { "id", IL_JSON_F_STRING_PTR, 2, NULL },
    { "name", IL_JSON_F_STRING_PTR, NS, NULL }, { "orgID", IL_JSON_F_STRING_PTR, 3, NULL },
    { "org", IL_JSON_F_STRING_PTR, NS, NULL },
};
static const il_json_model_t resource_model = { resource_fields, COUNT(resource_fields),
                                                IL_JSON_M_PERMISSION_RESOURCE };
static const il_json_field_t permission_fields[] = {
    { "action", IL_JSON_F_STRING, 0, NULL },
    { "resource", IL_JSON_F_OBJECT | IL_JSON_FL_SHARED, NS, &resource_model },
};
static const il_json_model_t permission_model = { permission_fields, COUNT(permission_fields),
                                                  IL_JSON_M_PERMISSION };
static const il_json_field_t auth_links_fields[] = {
    { "self", IL_JSON_F_STRING_PTR, NS, NULL }, { "user", IL_JSON_F_STRING_PTR, NS, NULL },
};
static const il_json_model_t auth_links_model = { auth_links_fields, COUNT(auth_links_fields),
                                                  IL_JSON_M_AUTHORIZATION_LINKS };
static const il_json_field_t auth_fields[] = {
    { "status", IL_JSON_F_STRING_PTR, 2, NULL }, { "description", IL_JSON_F_STRING_PTR, 3, NULL },
    { "createdAt", IL_JSON_F_TIME, NS, NULL }, { "updatedAt", IL_JSON_F_TIME, NS, NULL },
    { "orgID", IL_JSON_F_STRING, 4, NULL },
    { "permissions", IL_JSON_F_ARRAY | IL_JSON_FL_PERMS, NS, &permission_model },
    { "id", IL_JSON_F_STRING_PTR, 0, NULL }, { "token", IL_JSON_F_STRING_PTR, 1, NULL },
    { "userID", IL_JSON_F_STRING_PTR, 6, NULL }, { "user", IL_JSON_F_STRING_PTR, 7, NULL },
    { "org", IL_JSON_F_STRING_PTR, 5, NULL }, { "links", IL_JSON_F_OBJECT, NS, &auth_links_model },
};
const il_json_model_t il_json_authorization = { auth_fields, COUNT(auth_fields), IL_JSON_M_AUTHORIZATION };
static const il_json_field_t links_fields[] = {
    { "next", IL_JSON_F_STRING_PTR, NS, NULL }, { "self", IL_JSON_F_STRING, NS, NULL },
    { "prev", IL_JSON_F_STRING_PTR, NS, NULL },
};
static const il_json_model_t links_model = { links_fields, COUNT(links_fields), IL_JSON_M_LINKS };
static const il_json_field_t list_fields[] = {
    { "links", IL_JSON_F_OBJECT, NS, &links_model },
    { "authorizations", IL_JSON_F_ARRAY | IL_JSON_FL_FIRST, NS, &il_json_authorization },
};
const il_json_model_t il_json_authorizations = { list_fields, COUNT(list_fields), IL_JSON_M_AUTHORIZATIONS };
static const il_json_field_t user_links_fields[] = { { "self", IL_JSON_F_STRING_PTR, NS, NULL } };
static const il_json_model_t user_links_model = { user_links_fields, COUNT(user_links_fields),
                                                  IL_JSON_M_USER_RESPONSE_LINKS };
static const il_json_field_t user_fields[] = {
    { "id", IL_JSON_F_STRING_PTR, 0, NULL }, { "oauthID", IL_JSON_F_STRING_PTR, NS, NULL },
    { "name", IL_JSON_F_STRING, 1, NULL }, { "status", IL_JSON_F_STRING_PTR, 2, NULL },
    { "links", IL_JSON_F_OBJECT, NS, &user_links_model },
};
const il_json_model_t il_json_user = { user_fields, COUNT(user_fields), IL_JSON_M_USER_RESPONSE };
static const il_json_field_t error_fields[] = {
    { "code", IL_JSON_F_CODE, 0, NULL }, { "message", IL_JSON_F_STRING, 1, NULL },
    { "op", IL_JSON_F_STRING_PTR, NS, NULL }, { "err", IL_JSON_F_STRING_PTR, 2, NULL },
};
const il_json_model_t il_json_error = { error_fields, COUNT(error_fields), IL_JSON_M_ERROR };
static const il_json_field_t unauthorized_fields[] = {
    { "code", IL_JSON_F_STRING_PTR, 0, NULL }, { "message", IL_JSON_F_STRING_PTR, 1, NULL },
};
const il_json_model_t il_json_unauthorized = { unauthorized_fields, COUNT(unauthorized_fields),
                                               IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR };

/* ---- the scanner's states (scanner.go's state functions) ---- */

enum {
    J_VALUE,            /* stateBeginValue */
    J_VALUE_OR_CLOSE,   /* stateBeginValueOrEmpty: after '[' */
    J_KEY_OR_CLOSE,     /* stateBeginStringOrEmpty: after '{' */
    J_KEY,              /* stateBeginString: after ',' in an object */
    J_END_VALUE,        /* stateEndValue */
    J_END_TOP,          /* stateEndTop */
    J_STRING,           /* stateInString */
    J_ESCAPE,           /* stateInStringEsc */
    J_HEX,              /* stateInStringEscU..U123 (hex: digits read) */
    J_LITERAL,          /* stateT, stateTr, ... stateNul */
    J_ERROR,            /* stateError */
    J_NEG,              /* the numbers' states, from here on */
    J_ZERO,
    J_INT,
    J_DOT,
    J_FRAC,
    J_EXP,
    J_EXP_SIGN,
    J_EXP_DIGITS
};

static const char json_fffd[] = "\xef\xbf\xbd";

bool il_str_eq(il_str_t s, const char *lit)
{
    size_t n = strlen(lit);
    return s.p != NULL && s.n == n && memcmp(s.p, lit, n) == 0;
}

static bool json_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool json_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static void json_syntax(il_json_t *j, uint8_t c, uint8_t where)
{
    j->err.what = IL_JSON_ERR_SYNTAX;
    j->err.syntax = where;
    j->err.byte = c;
    j->state = J_ERROR;
}

/* ---- strings: what is kept, unquoted as Go's decoder does ---- */

/* Append decoded bytes to the key, or to the kept string (which is dropped,
 * never cut, when the store is full). */
static void json_put(il_json_t *j, const void *p, size_t n)
{
    if (j->in_key) {
        if (n > sizeof j->key - j->key_len) {
            j->key_long = true;
            return;
        }
        memcpy(j->key + j->key_len, p, n);
        j->key_len = (uint8_t)(j->key_len + n);
        return;
    }
    if (j->str_dst == NULL) return;
    if (n > j->store_cap - j->store_len) {
        j->dropped++;
        j->str_dst->p = NULL;
        j->str_dst->n = 0;
        j->store_len = j->str_start;
        j->str_dst = NULL;
        return;
    }
    memcpy(j->store + j->store_len, p, n);
    j->store_len += n;
    if (j->store_len > j->store_used) j->store_used = j->store_len;
}

static void json_put_rune(il_json_t *j, uint32_t r)
{
    char b[4];
    json_put(j, b, il_utf8_put(r, b));
}

/* Raw bytes in u8[] as Go's utf8.DecodeRune takes them: a complete valid
 * sequence as it is, an invalid byte as U+FFFD; an unfinished sequence
 * waits for its next bytes unless the string's raw run ended. */
static void json_u8_drain(il_json_t *j, bool ended)
{
    while (j->u8n > 0) {
        uint8_t c = j->u8[0];
        size_t need = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1, w = 1;
        uint32_t r;
        if (j->u8n < need && !ended) return;
        if (j->u8n >= need) w = il_utf8_decode(j->u8, j->u8n, &r);
        if (c >= 0x80 && w == 1) json_put(j, json_fffd, 3);
        else json_put(j, j->u8, w);
        j->u8n = (uint8_t)(j->u8n - w);
        memmove(j->u8, j->u8 + w, j->u8n);
    }
}

/* A high surrogate with no low half after it is U+FFFD. */
static void json_high_drop(il_json_t *j)
{
    if (j->high == 0) return;
    j->high = 0;
    json_put(j, json_fffd, 3);
}

/* The code point of a \uXXXX escape: a surrogate pair is joined, a lone
 * surrogate is U+FFFD (decode.go unquoteBytes). */
static void json_escape_u(il_json_t *j, uint32_t v)
{
    if (j->high != 0 && v >= 0xDC00 && v < 0xE000) {
        json_put_rune(j, 0x10000 + ((uint32_t)(j->high - 0xD800) << 10) + (v - 0xDC00));
        j->high = 0;
        return;
    }
    json_high_drop(j);
    if (v >= 0xD800 && v < 0xDC00) j->high = (uint16_t)v;
    else json_put_rune(j, v >= 0xDC00 && v < 0xE000 ? 0xFFFD : v);
}

/* ---- the models' side: fields, type errors, what is kept ---- */

/* The next rune of a key as Go's foldName folds it, when that is ASCII:
 * a-z to upper case, and the two runes whose fold set's smallest member is
 * ASCII (fold.go foldRune); 0 for any other rune. */
static char json_fold(const char **k, const char *end)
{
    const unsigned char *u = (const unsigned char *)*k;
    size_t left = (size_t)(end - *k);
    if (u[0] < 0x80) {
        (*k)++;
        return (char)(u[0] >= 'a' && u[0] <= 'z' ? u[0] - 32 : u[0]);
    }
    *k += 2;
    if (left >= 2 && u[0] == 0xC5 && u[1] == 0xBF) return 'S';                  /* U+017F long s */
    (*k)++;
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x84 && u[2] == 0xAA) return 'K';  /* U+212A Kelvin */
    return 0;
}

/* The field of m whose name the key folds to, or NULL. */
static const il_json_field_t *json_match(const il_json_t *j, const il_json_model_t *m)
{
    const char *end = j->key + j->key_len;
    uint8_t i;
    if (j->key_long) return NULL;
    for (i = 0; i < m->count; i++) {
        const char *name = m->fields[i].key, *k = j->key;
        while (*name != '\0' && k < end) {
            char want = *name >= 'a' && *name <= 'z' ? (char)(*name - 32) : *name;
            if (json_fold(&k, end) != want) break;
            name++;
        }
        if (*name == '\0' && k == end) return &m->fields[i];
    }
    return NULL;
}

/* Go's UnmarshalTypeError with the fields on the way to the value
 * (decode.go addErrorContext): saved if it is the first error, or, from an
 * ErrorCode's own UnmarshalJSON, returned at once (it wins over a saved
 * one; the first such error stands). */
static void json_type_error(il_json_t *j, uint8_t found, bool immediate)
{
    il_json_error_t *e = &j->err;
    uint32_t i;
    if (immediate ? e->immediate : e->what != IL_JSON_ERR_NONE) return;
    e->what = IL_JSON_ERR_TYPE;
    e->immediate = immediate;
    e->found = found;
    e->depth = 0;
    for (i = 0; i < j->sdepth; i++) {
        const il_json_level_t *l = &j->lv[i];
        e->elem = l->array;
        if (l->array || e->depth >= IL_JSON_PATH_MAX) continue;
        e->strct = l->model->id;
        e->path[e->depth++] = l->field;
    }
}

/* Another error an UnmarshalJSON returns at once. */
static void json_call_error(il_json_t *j, uint8_t what)
{
    if (j->err.immediate) return;
    j->err.what = what;
    j->err.immediate = true;
}

/* The kept authorization's permissions start again (a "permissions" key). */
static void json_perms_reset(il_json_t *j, il_str_t *target)
{
    il_auth_t *a = (il_auth_t *)(void *)target;
    if (a == NULL) return;
    a->perms_count = 0;
    a->perms_kept = 0;
    if (j->s.on_perm != NULL) j->s.on_perm(j->s.on_perm_ctx, NULL);
}

/* A permission of the kept authorization a is complete: to the callback,
 * or into the array while it has room and none of its strings was
 * dropped; otherwise its strings leave the store. */
static void json_perm_done(il_json_t *j, il_str_t *target)
{
    il_auth_t *a = (il_auth_t *)(void *)target;
    a->perms_count++;
    if (j->s.on_perm != NULL) {
        j->s.on_perm(j->s.on_perm_ctx, &j->perm);
        j->store_len = j->perm_mark;
    } else if (a->perms_kept < a->perms_cap && j->dropped == j->perm_dropped) {
        a->perms[a->perms_kept++] = j->perm;
    } else {
        j->store_len = j->perm_mark;
        j->dropped = j->perm_dropped;
    }
}

static void json_level_push(il_json_t *j, const il_json_model_t *m, const il_json_field_t *f,
                            il_str_t *target, bool array)
{
    il_json_level_t *l;
    if (j->sdepth >= IL_JSON_LEVELS) return;      /* deeper than any model */
    l = &j->lv[j->sdepth++];
    l->model = m;
    l->field = f;
    l->target = target;
    l->count = 0;
    l->array = array;
}

/* An element of the array level l begins: where its strings go. */
static il_str_t *json_element(il_json_t *j, il_json_level_t *l)
{
    il_str_t *t = l->target;
    l->count++;
    if (t == NULL) return NULL;
    if (l->field->kind & IL_JSON_FL_FIRST) return l->count == 1 ? t : NULL;
    memset(&j->perm, 0, sizeof j->perm);
    j->perm_mark = j->store_len;
    j->perm_dropped = j->dropped;
    return (il_str_t *)(void *)&j->perm;
}

/* null where f (NULL: a struct) is expected: Go leaves the value as it
 * was, except a pointer or a slice, which it clears; an ErrorCode's own
 * UnmarshalJSON refuses it. */
static void json_null(il_json_t *j, const il_json_field_t *f, il_str_t *target, bool perm)
{
    if (perm) json_perm_done(j, j->lv[j->sdepth - 1].target);
    if (f == NULL) return;
    if (IL_JSON_KIND(f) == IL_JSON_F_CODE) json_call_error(j, IL_JSON_ERR_CODE_NULL);
    if (f->kind & IL_JSON_FL_PERMS) json_perms_reset(j, target);
    if (f->kind & IL_JSON_FL_FIRST) j->count = 0;
    if (IL_JSON_KIND(f) == IL_JSON_F_STRING_PTR && target != NULL && f->slot != NS) {
        target[f->slot].p = NULL;
        target[f->slot].n = 0;
    }
}

/* A value of JSON kind k starts where f is expected (NULL with an object
 * model m: the top value or an array's element). */
static void json_expect(il_json_t *j, uint8_t k, const il_json_field_t *f, const il_json_model_t *m,
                        il_str_t *target)
{
    unsigned kind = f != NULL ? IL_JSON_KIND(f) : IL_JSON_F_OBJECT;
    bool perm = f == NULL && j->sdepth > 0 && target == (il_str_t *)(void *)&j->perm;
    if (k == IL_JSON_K_NULL) {
        json_null(j, f, target, perm);
    } else if (k == IL_JSON_K_STRING && kind <= IL_JSON_F_CODE) {
        if (kind != IL_JSON_F_TIME && target != NULL && f->slot != NS) {
            j->str_dst = &target[f->slot];
            j->str_start = j->store_len;
        }
    } else if (k == IL_JSON_K_OBJECT && kind == IL_JSON_F_OBJECT) {
        if (f != NULL) {
            m = f->sub;
            if (!(f->kind & IL_JSON_FL_SHARED)) target = NULL;
        }
        json_level_push(j, m, NULL, target, false);
    } else if (k == IL_JSON_K_ARRAY && kind == IL_JSON_F_ARRAY) {
        if (f->kind & IL_JSON_FL_PERMS) json_perms_reset(j, target);
        json_level_push(j, f->sub, f, target, true);
    } else if (kind == IL_JSON_F_TIME) {
        json_call_error(j, IL_JSON_ERR_TIME);
    } else {
        json_type_error(j, k, kind == IL_JSON_F_CODE);
    }
}

/* A value of JSON kind k starts at the current level. */
static void json_value(il_json_t *j, uint8_t k)
{
    il_json_level_t *l;
    if (j->depth != j->sdepth) return;      /* inside a skipped value */
    if (j->sdepth == 0) {
        json_expect(j, k, NULL, j->top, j->out);
        return;
    }
    l = &j->lv[j->sdepth - 1];
    if (l->array) json_expect(j, k, NULL, l->model, json_element(j, l));
    else if (l->field != NULL) json_expect(j, k, l->field, NULL, l->target);
}

/* The object or array the models describe at the innermost level ends. */
static void json_level_end(il_json_t *j)
{
    il_json_level_t *l = &j->lv[--j->sdepth];
    if (l->array) {
        if (l->field->kind & IL_JSON_FL_FIRST) j->count = l->count;
    } else if (l->model == &permission_model && l->target != NULL) {
        json_perm_done(j, j->lv[j->sdepth - 1].target);
    }
}

/* ---- the scanner ---- */

static uint8_t *json_nest(il_json_t *j)
{
    return j->s.nest != NULL ? j->s.nest : j->nest_small;
}

static bool json_in_object(il_json_t *j)
{
    uint32_t d = j->depth - 1;
    return ((unsigned)json_nest(j)[d >> 3] >> (d & 7)) & 1u;
}

/* pushParseState: Go's depth limit, then the scratch's. */
static void json_push(il_json_t *j, uint8_t c, bool object)
{
    uint32_t d = j->depth;
    uint8_t *bit = &json_nest(j)[d >> 3];
    if (d >= IL_JSON_GO_DEPTH) {
        json_syntax(j, c, IL_JSON_SYN_DEPTH);
        return;
    }
    if (d >= 8u * (j->s.nest != NULL ? j->s.nest_cap : sizeof j->nest_small)) {
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
    j->state = J_END_VALUE;
    if (j->depth == 0) {
        j->end_top = true;
        j->state = J_END_TOP;
        if (!json_space(c)) json_syntax(j, c, IL_JSON_SYN_AFTER_TOP);
    } else if (json_space(c)) {
        return;
    } else if (!json_in_object(j)) {
        if (c == ',') j->state = J_VALUE;
        else if (c == ']') json_pop(j);
        else json_syntax(j, c, IL_JSON_SYN_AFTER_ELEM);
    } else if (j->key_phase) {
        j->key_phase = c != ':';
        if (c == ':') j->state = J_VALUE;
        else json_syntax(j, c, IL_JSON_SYN_AFTER_KEY);
    } else if (c == ',') {
        j->key_phase = true;
        j->state = J_KEY;
    } else if (c == '}') {
        json_pop(j);
    } else {
        json_syntax(j, c, IL_JSON_SYN_AFTER_PAIR);
    }
}

/* stateBeginValue, for a byte that is not a space. */
static void json_begin_value(il_json_t *j, uint8_t c)
{
    static const char starts[] = "{[\"tfn-0123456789";
    static const uint8_t kinds[] = { IL_JSON_K_OBJECT, IL_JSON_K_ARRAY, IL_JSON_K_STRING, IL_JSON_K_BOOL,
                                     IL_JSON_K_BOOL, IL_JSON_K_NULL };
    const char *at = c != 0 ? strchr(starts, c) : NULL;
    size_t i;
    if (at == NULL) {
        json_syntax(j, c, IL_JSON_SYN_VALUE);
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
        j->lit = &"true\0false\0null"[i == 3 ? 1 : i == 4 ? 6 : 12];
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
        return;
    }
    if (json_space(c)) return;
    if (j->state == J_END_TOP) {
        json_syntax(j, c, IL_JSON_SYN_AFTER_TOP);
    } else if (j->state == J_VALUE_OR_CLOSE && c == ']') {
        json_end_value(j, c);
    } else if (j->state <= J_VALUE_OR_CLOSE) {
        json_begin_value(j, c);
    } else if (j->state == J_KEY_OR_CLOSE && c == '}') {
        j->key_phase = false;
        json_end_value(j, c);
    } else if (c == '"') {
        j->in_key = true;
        j->key_len = 0;
        j->key_long = false;
        j->state = J_STRING;
    } else {
        json_syntax(j, c, IL_JSON_SYN_KEY);
    }
}

/* The closing quote: the key picks its field, a kept string is stored. */
static void json_string_end(il_json_t *j)
{
    json_u8_drain(j, true);
    json_high_drop(j);
    j->state = J_END_VALUE;
    if (j->in_key) {
        j->in_key = false;
        if (j->depth == j->sdepth) j->lv[j->sdepth - 1].field = json_match(j, j->lv[j->sdepth - 1].model);
        return;
    }
    if (j->str_dst == NULL) return;
    j->str_dst->p = j->store + j->str_start;
    j->str_dst->n = j->store_len - j->str_start;
    j->str_dst = NULL;
}

/* stateInString, stateInStringEsc, stateInStringEscU*. */
static void json_in_string(il_json_t *j, uint8_t c)
{
    static const char escapes[] = "b\bf\fn\nr\rt\t\\\\//\"\"";
    const char *e;
    int v;
    if (j->state == J_STRING) {
        if (c == '"') {
            json_string_end(j);
        } else if (c == '\\') {
            json_u8_drain(j, true);
            j->state = J_ESCAPE;
        } else if (c < 0x20) {
            json_syntax(j, c, IL_JSON_SYN_STRING);
        } else {
            json_high_drop(j);
            j->u8[j->u8n++] = c;
            json_u8_drain(j, false);
        }
    } else if (j->state == J_ESCAPE) {
        e = c != 0 && c != 'u' ? strchr(escapes, c) : NULL;
        j->state = J_STRING;
        if (c == 'u') {
            j->state = J_HEX;
            j->hex = 0;
            j->ucode = 0;
        } else if (e != NULL && (e - escapes) % 2 == 0) {
            json_high_drop(j);
            json_put(j, e + 1, 1);
        } else {
            json_syntax(j, c, IL_JSON_SYN_ESCAPE);
        }
    } else if ((v = il_hex_value(c)) < 0) {
        json_syntax(j, c, IL_JSON_SYN_HEX);
    } else {
        j->ucode = j->ucode << 4 | (uint32_t)v;
        if (++j->hex == 4) {
            j->state = J_STRING;
            json_escape_u(j, j->ucode);
        }
    }
}

/* stateT ... stateNul */
static void json_in_literal(il_json_t *j, uint8_t c)
{
    if (c != (uint8_t)*j->lit) {
        json_syntax(j, c, IL_JSON_SYN_LITERAL);
        j->err.lit = j->lit0;
        j->err.expect = (uint8_t)*j->lit;
    } else if (*++j->lit == '\0') {
        j->state = J_END_VALUE;
    }
}

/* stateNeg ... stateE0 */
static void json_in_number(il_json_t *j, uint8_t c)
{
    bool digit = json_digit(c), e = c == 'e' || c == 'E';
    switch (j->state) {
    case J_NEG:
        if (digit) j->state = c == '0' ? J_ZERO : J_INT;
        else json_syntax(j, c, IL_JSON_SYN_NUMBER);
        return;
    case J_INT:
    case J_FRAC:
    case J_ZERO:
        if (digit && j->state != J_ZERO) return;
        if (c == '.' && j->state != J_FRAC) j->state = J_DOT;
        else if (e) j->state = J_EXP;
        else json_end_value(j, c);
        return;
    case J_DOT:
        if (digit) j->state = J_FRAC;
        else json_syntax(j, c, IL_JSON_SYN_DOT);
        return;
    case J_EXP:
    case J_EXP_SIGN:
        if (j->state == J_EXP && (c == '+' || c == '-')) j->state = J_EXP_SIGN;
        else if (digit) j->state = J_EXP_DIGITS;
        else json_syntax(j, c, IL_JSON_SYN_EXPONENT);
        return;
    default:
        if (!digit) json_end_value(j, c);
        return;
    }
}

static void json_step(il_json_t *j, uint8_t c)
{
    if (j->state >= J_NEG) json_in_number(j, c);
    else if (j->state == J_LITERAL) json_in_literal(j, c);
    else if (j->state >= J_STRING && j->state <= J_HEX) json_in_string(j, c);
    else if (j->state != J_ERROR) json_in_structure(j, c);
}

void il_json_begin(il_json_t *j, const il_json_model_t *model, void *out, char *store, size_t store_cap,
                   const il_json_scratch_t *s)
{
    memset(j, 0, sizeof *j);
    if (s != NULL) j->s = *s;
    j->top = model;
    j->out = out;
    j->store = store;
    j->store_cap = store != NULL ? store_cap : 0;
    j->err.top = model->id;
    if (j->s.on_perm != NULL) j->s.on_perm(j->s.on_perm_ctx, NULL);   /* a new answer */
}

void il_json_feed(il_json_t *j, const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n && j->state != J_ERROR; i++) json_step(j, p[i]);
}

il_status_t il_json_end(il_json_t *j)
{
    if (j->state != J_ERROR && !j->end_top) {
        j->str_dst = NULL;      /* scanner.eof: one more space, then the verdict */
        json_step(j, ' ');
        if (j->state != J_ERROR && !j->end_top) {
            j->err.what = IL_JSON_ERR_SYNTAX;
            j->err.syntax = IL_JSON_SYN_EOF;
        }
    }
    if (j->err.what == IL_JSON_ERR_NEST) return IL_ERR_JSON_TOO_LARGE;
    return j->err.what == IL_JSON_ERR_NONE ? IL_OK : IL_ERR_JSON;
}
