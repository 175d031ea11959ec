/* SPDX-License-Identifier: Apache-2.0 */
/* json.c - decode influxd answers with jsmn (Debian's libjsmn-dev) into
 * fixed structs whose strings are views into the caller's body buffer. */
#include <stddef.h>
#include <string.h>

/* jsmn's implementation comes first: il_json.h only declares it. */
#define JSMN_STRICT
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#endif
#include <jsmn.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#include "il_json.h"
#include "il_text.h"

/* One object field to pick: a string stored at offset in the target struct,
 * or (offset JSON_INDEX) the index of the value's token. */
#define JSON_INDEX ((size_t)-1)
typedef struct json_field {
    const char *key;
    size_t offset;
} json_field_t;

bool il_str_eq(il_str_t s, const char *lit)
{
    size_t n = strlen(lit);
    return s.p != NULL && s.n == n && memcmp(s.p, lit, n) == 0;
}

static bool json_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* jsmn's strict mode refuses a bare top-level primitive. */
static bool json_is_null_document(const char *js, size_t len)
{
    size_t a = 0, b = len;
    while (a < b && json_space(js[a])) a++;
    while (b > a && json_space(js[b - 1])) b--;
    return b == a + 4 && memcmp(js + a, "null", 4) == 0;
}

static il_status_t json_parse(char *body, size_t len, const il_json_scratch_t *s, int *count)
{
    jsmn_parser parser;
    int n;
    size_t end;

    if (body == NULL || s == NULL || s->toks == NULL || s->toks_cap == 0) return IL_ERR_ARG;
    if (len > 0x7fffffffu || s->toks_cap > 0x7fffffffu) return IL_ERR_JSON_TOO_LARGE;
    if (json_is_null_document(body, len)) {   /* Go decodes null into zero values */
        *count = 0;
        return IL_OK;
    }
    jsmn_init(&parser);
    n = jsmn_parse(&parser, body, len, s->toks, (unsigned int)s->toks_cap);
    if (n == JSMN_ERROR_NOMEM) return IL_ERR_JSON_TOO_LARGE;
    if (n <= 0) return IL_ERR_JSON;
    /* exactly one top-level value, then only white space */
    end = (size_t)s->toks[0].end;
    if (parser.toksuper != -1) return IL_ERR_JSON;
    for (; end < len; end++)
        if (!json_space(body[end])) return IL_ERR_JSON;
    *count = n;
    return IL_OK;
}

/* Index of the token after the value at i (with all its children). */
static int json_skip(const jsmntok_t *t, int count, int i)
{
    int pending = 1;
    while (pending > 0 && i < count) {
        pending += t[i].size - 1;
        i++;
    }
    return i;
}

static bool json_key_is(const char *js, const jsmntok_t *k, const char *lit)
{
    return k->type == JSMN_STRING && il_ascii_ieq(js + k->start, (size_t)(k->end - k->start), lit);
}

static bool json_is_null(const char *js, const jsmntok_t *t)
{
    return t->type == JSMN_PRIMITIVE && js[t->start] == 'n';
}

/* Four hex digits (jsmn checked them) as a number. */
static unsigned json_hex4(const char *p)
{
    unsigned v = 0, i;
    for (i = 0; i < 4; i++) v = (v << 4) | (unsigned)il_hex_value(p[i]);
    return v;
}

/* The code point of the \uXXXX escape whose 'u' is at *in, *in moved past
 * it: a surrogate pair is joined, a lone surrogate is U+FFFD, as Go
 * decodes them. */
static unsigned json_unicode_escape(char **in, const char *end)
{
    unsigned cp = json_hex4(*in + 1), lo = 0;
    *in += 5;
    if (cp >= 0xdc00 && cp < 0xe000) return 0xfffd;
    if (cp < 0xd800 || cp >= 0xdc00) return cp;
    if (end - *in >= 6 && (*in)[0] == '\\' && (*in)[1] == 'u') lo = json_hex4(*in + 2);
    if (lo < 0xdc00 || lo >= 0xe000) return 0xfffd;
    *in += 6;
    return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
}

/* Decode the escapes of a string token in place (the result is never longer). */
static il_str_t json_unescape(char *js, const jsmntok_t *t)
{
    char *in = js + t->start, *end = js + t->end, *out = in;
    il_str_t s;
    s.p = in;
    while (in < end) {
        if (*in != '\\') { *out++ = *in++; continue; }
        in++;
        switch (*in) {
        case 'b': *out++ = '\b'; in++; break;
        case 'f': *out++ = '\f'; in++; break;
        case 'n': *out++ = '\n'; in++; break;
        case 'r': *out++ = '\r'; in++; break;
        case 't': *out++ = '\t'; in++; break;
        case 'u': out += il_utf8_put(json_unicode_escape(&in, end), out); break;
        default: *out++ = *in++; break;  /* \" \\ \/ */
        }
    }
    s.n = (size_t)(out - s.p);
    return s;
}

/* Walk the object at obj; pick the listed fields into the struct at base
 * (last duplicate wins, keys match case-insensitively). Strings accept null
 * (left absent); *index gets the token of the one JSON_INDEX field. */
static il_status_t json_object_fields(char *js, const jsmntok_t *t, int count, int obj,
                                      const json_field_t *f, size_t nf, void *base, int *index)
{
    int i = obj + 1, k;
    size_t j;
    if (t[obj].type != JSMN_OBJECT) return IL_ERR_JSON;
    for (k = 0; k < t[obj].size; k++) {
        int v = i + 1;
        if (v >= count) return IL_ERR_JSON;
        for (j = 0; j < nf; j++) {
            il_str_t *str;
            if (!json_key_is(js, &t[i], f[j].key)) continue;
            if (f[j].offset == JSON_INDEX) {
                if (index != NULL) *index = v;
                continue;
            }
            str = (il_str_t *)(void *)((char *)base + f[j].offset);
            if (t[v].type == JSMN_STRING) {
                *str = json_unescape(js, &t[v]);
            } else if (json_is_null(js, &t[v])) {
                str->p = NULL;
                str->n = 0;
            } else {
                return IL_ERR_JSON;
            }
        }
        i = json_skip(t, count, v);
    }
    return IL_OK;
}

static const json_field_t json_permission_fields[] = {
    { "action", offsetof(il_permission_t, action) }, { "resource", JSON_INDEX },
};
static const json_field_t json_resource_fields[] = {
    { "type", offsetof(il_permission_t, type) }, { "id", offsetof(il_permission_t, id) },
    { "orgID", offsetof(il_permission_t, org_id) },
};
static const json_field_t json_auth_fields[] = {
    { "id", offsetof(il_auth_t, id) }, { "token", offsetof(il_auth_t, token) },
    { "status", offsetof(il_auth_t, status) }, { "description", offsetof(il_auth_t, description) },
    { "orgID", offsetof(il_auth_t, org_id) }, { "org", offsetof(il_auth_t, org) },
    { "userID", offsetof(il_auth_t, user_id) }, { "user", offsetof(il_auth_t, user) },
    { "permissions", JSON_INDEX },
};
static const json_field_t json_user_fields[] = {
    { "id", offsetof(il_user_t, id) }, { "name", offsetof(il_user_t, name) },
    { "status", offsetof(il_user_t, status) },
};
static const json_field_t json_error_fields[] = {
    { "code", offsetof(il_error_body_t, code) }, { "message", offsetof(il_error_body_t, message) },
    { "err", offsetof(il_error_body_t, err) },
};
static const json_field_t json_list_fields[] = { { "authorizations", JSON_INDEX } };

#define JSON_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static il_status_t json_permission(char *js, const jsmntok_t *t, int count, int at,
                                   il_permission_t *p)
{
    int resource = -1;
    il_status_t st;
    memset(p, 0, sizeof(*p));
    st = json_object_fields(js, t, count, at, json_permission_fields,
                            JSON_COUNT(json_permission_fields), p, &resource);
    if (st != IL_OK || resource < 0 || json_is_null(js, &t[resource])) return st;
    return json_object_fields(js, t, count, resource, json_resource_fields,
                              JSON_COUNT(json_resource_fields), p, NULL);
}

static il_status_t json_auth_at(char *js, const jsmntok_t *t, int count, int at,
                                const il_json_scratch_t *s, il_auth_t *out)
{
    int perms = -1, i, k;
    il_status_t st = json_object_fields(js, t, count, at, json_auth_fields,
                                        JSON_COUNT(json_auth_fields), out, &perms);
    if (st != IL_OK || perms < 0 || json_is_null(js, &t[perms])) return st;
    if (t[perms].type != JSMN_ARRAY) return IL_ERR_JSON;
    if ((size_t)t[perms].size > s->perms_cap) return IL_ERR_JSON_TOO_LARGE;
    for (k = 0, i = perms + 1; k < t[perms].size; k++) {
        if (i >= count) return IL_ERR_JSON;
        st = json_permission(js, t, count, i, &s->perms[k]);
        if (st != IL_OK) return st;
        i = json_skip(t, count, i);
    }
    out->perms_count = (size_t)t[perms].size;
    return IL_OK;
}

static void json_auth_clear(const il_json_scratch_t *s, il_auth_t *out)
{
    memset(out, 0, sizeof(*out));
    out->perms = s ? s->perms : NULL;
    out->perms_cap = s ? s->perms_cap : 0;
}

il_status_t il_json_decode_auth(char *body, size_t len, const il_json_scratch_t *s,
                                il_auth_t *out)
{
    int count;
    il_status_t st;
    if (out == NULL) return IL_ERR_ARG;
    json_auth_clear(s, out);
    st = json_parse(body, len, s, &count);
    if (st != IL_OK) return st;
    if (count == 0) return IL_OK;
    return json_auth_at(body, s->toks, count, 0, s, out);
}

il_status_t il_json_decode_auth_list(char *body, size_t len, const il_json_scratch_t *s,
                                     il_auth_t *first, size_t *count_out)
{
    int count, list = -1;
    il_status_t st;
    if (first == NULL || count_out == NULL) return IL_ERR_ARG;
    json_auth_clear(s, first);
    *count_out = 0;
    st = json_parse(body, len, s, &count);
    if (st != IL_OK) return st;
    if (count == 0) return IL_OK;
    st = json_object_fields(body, s->toks, count, 0, json_list_fields,
                            JSON_COUNT(json_list_fields), first, &list);
    if (st != IL_OK || list < 0 || json_is_null(body, &s->toks[list])) return st;
    if (s->toks[list].type != JSMN_ARRAY) return IL_ERR_JSON;
    *count_out = (size_t)s->toks[list].size;
    if (*count_out == 0) return IL_OK;
    return json_auth_at(body, s->toks, count, list + 1, s, first);
}

/* Decode a flat object of strings into out (cleared first). */
static il_status_t json_decode_flat(char *body, size_t len, const il_json_scratch_t *s,
                                    const json_field_t *f, size_t nf, void *out, size_t size)
{
    int count;
    il_status_t st;
    if (out == NULL) return IL_ERR_ARG;
    memset(out, 0, size);
    st = json_parse(body, len, s, &count);
    if (st != IL_OK || count == 0) return st;
    return json_object_fields(body, s->toks, count, 0, f, nf, out, NULL);
}

il_status_t il_json_decode_user(char *body, size_t len, const il_json_scratch_t *s,
                                il_user_t *out)
{
    return json_decode_flat(body, len, s, json_user_fields, JSON_COUNT(json_user_fields),
                            out, sizeof(*out));
}

il_status_t il_json_decode_error(char *body, size_t len, const il_json_scratch_t *s,
                                 il_error_body_t *out)
{
    return json_decode_flat(body, len, s, json_error_fields, JSON_COUNT(json_error_fields),
                            out, sizeof(*out));
}
