/* SPDX-License-Identifier: Apache-2.0 */
/* il_json.h - influxd's JSON answers decoded as they stream in, the way the
 * official client decodes them (Go's encoding/json into the structs its
 * generated API declares), with memory that does not grow with the answer.
 *
 *  - Syntax: Go's scanner, byte by byte, so any split of the input gives the
 *    same result; a syntax error is reported as Go words it (il_json_error_t:
 *    where, and the offending byte), and wins over every other error.
 *  - Decoding: keys match the models' field names as Go folds them (ASCII
 *    case, and the two runes that fold to ASCII letters: U+017F, U+212A);
 *    unknown keys are skipped; a value of the wrong JSON kind is a
 *    type error (Go's first one is kept, with the fields it names) and
 *    decoding goes on; null leaves a field as it was, or clears it where the
 *    official struct has a pointer.
 *  - Strings are unescaped (a lone surrogate becomes U+FFFD) and invalid
 *    UTF-8 becomes U+FFFD, as Go's decoder coerces it.
 *  - Only the strings a caller keeps are stored, in the caller's buffer (the
 *    store); everything else, skipped keys and their values included, costs
 *    no memory whatever its size. A kept string that does not fit the store
 *    is dropped and counted (il_json_t.dropped), never cut.
 *  - Permissions: each one is handed to the caller's callback as soon as it
 *    is decoded, or the first ones are kept in the caller's array; all are
 *    counted.
 * No allocation, no I/O, no global state. */
#ifndef IL_JSON_H
#define IL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

typedef struct il_str {
    const char *p;   /* not NUL-terminated; NULL when the field was absent or dropped */
    size_t n;
} il_str_t;

typedef struct il_permission {
    il_str_t action;      /* "read" / "write" */
    il_str_t type;        /* resource.type */
    il_str_t id;          /* resource.id, may be absent */
    il_str_t org_id;      /* resource.orgID, may be absent */
} il_permission_t;

/* An authorization (v2) or a legacy (v1) authorization: same shape. */
typedef struct il_auth {
    il_str_t id, token, status, description, org_id, org, user_id, user;
    il_permission_t *perms;   /* the caller's array (il_json_scratch_t) */
    size_t perms_cap;
    size_t perms_count;       /* permissions in the answer */
    size_t perms_kept;        /* the first of them that are in perms[0..perms_kept) */
} il_auth_t;

typedef struct il_user {
    il_str_t id, name, status;
} il_user_t;

typedef struct il_error_body {
    il_str_t code, message, err;   /* influxd's {code, message[, err]} */
} il_error_body_t;

/* Called with each permission as it is decoded (its strings are valid
 * during the call only), and with NULL when the list starts again: at the
 * start of each answer, and at each "permissions" key (of a repeated key,
 * the later list is the one that counts). */
typedef void (*il_perm_fn)(void *ctx, const il_permission_t *p);

/* The caller's memory for decoding, besides the store. */
typedef struct il_json_scratch {
    il_permission_t *perms;   /* the first perms_cap permissions are kept here */
    size_t perms_cap;
    il_perm_fn on_perm;       /* or, when set, each one is given here instead */
    void *on_perm_ctx;
    uint8_t *nest;            /* one bit per level of nesting: nest_cap bytes allow 8 * nest_cap
                               * levels (Go allows IL_JSON_GO_DEPTH); NULL: 64 levels */
    size_t nest_cap;
} il_json_scratch_t;

/* ---- the models: the official client's structs ---- */

enum il_json_kind {         /* what a field holds, in Go */
    IL_JSON_F_STRING,       /* string: null leaves it as it was */
    IL_JSON_F_STRING_PTR,   /* *string: null clears it */
    IL_JSON_F_TIME,         /* *time.Time: a string or null */
    IL_JSON_F_CODE,         /* ErrorCode: a string (its own UnmarshalJSON) */
    IL_JSON_F_OBJECT,       /* a struct (sub), or a pointer to one */
    IL_JSON_F_ARRAY         /* a slice of structs (sub) */
};

typedef struct il_json_model il_json_model_t;

typedef struct il_json_field {
    const char *key;              /* the name in the struct's json tag */
    uint8_t kind;                 /* enum il_json_kind, with the IL_JSON_FL_* flags */
    uint8_t slot;                 /* a kept string: its il_str_t's index in the target struct */
    const il_json_model_t *sub;   /* OBJECT, ARRAY: the value's (elements') model */
} il_json_field_t;

#define IL_JSON_KIND(f) ((f)->kind & 15u)
#define IL_JSON_FL_SHARED 16u     /* OBJECT: its strings go to the parent's target */
#define IL_JSON_FL_PERMS 32u      /* ARRAY: the authorization's permissions */
#define IL_JSON_FL_FIRST 64u      /* ARRAY: the first element is the kept one */
#define IL_JSON_NO_SLOT 255u

enum il_json_model_id {     /* the structs, for Go's texts (package api) */
    IL_JSON_M_AUTHORIZATION, IL_JSON_M_AUTHORIZATIONS, IL_JSON_M_PERMISSION,
    IL_JSON_M_PERMISSION_RESOURCE, IL_JSON_M_AUTHORIZATION_LINKS, IL_JSON_M_LINKS,
    IL_JSON_M_USER_RESPONSE, IL_JSON_M_USER_RESPONSE_LINKS, IL_JSON_M_ERROR,
    IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR, IL_JSON_M_COUNT
};

struct il_json_model {
    const il_json_field_t *fields;
    uint8_t count;
    uint8_t id;                   /* enum il_json_model_id */
};

/* The answers' models; their strings go to these targets:
 * authorization -> il_auth_t, authorizations -> the first entry's
 * il_auth_t, user -> il_user_t, error and unauthorized -> il_error_body_t. */
extern const il_json_model_t il_json_authorization;    /* api.Authorization */
extern const il_json_model_t il_json_authorizations;   /* api.Authorizations */
extern const il_json_model_t il_json_user;             /* api.UserResponse */
extern const il_json_model_t il_json_error;            /* api.Error */
extern const il_json_model_t il_json_unauthorized;     /* api.UnauthorizedRequestError */

/* ---- why an answer did not decode ---- */

enum il_json_what {
    IL_JSON_ERR_NONE,
    IL_JSON_ERR_SYNTAX,     /* Go's SyntaxError: syntax, byte, lit, expect */
    IL_JSON_ERR_TYPE,       /* Go's UnmarshalTypeError: found, top, strct, path, depth, elem */
    IL_JSON_ERR_TIME,       /* a time field holds no string ("Time.UnmarshalJSON: input is not
                             * a JSON string") */
    IL_JSON_ERR_CODE_NULL,  /* an ErrorCode is null (" is not a valid ErrorCode") */
    IL_JSON_ERR_NEST        /* nested deeper than the scratch's nest bits (IL_ERR_JSON_TOO_LARGE) */
};

enum il_json_syntax {       /* Go's texts, after "invalid character 'c' " */
    IL_JSON_SYN_VALUE,      /* looking for beginning of value */
    IL_JSON_SYN_KEY,        /* looking for beginning of object key string */
    IL_JSON_SYN_AFTER_KEY,  /* after object key */
    IL_JSON_SYN_AFTER_PAIR, /* after object key:value pair */
    IL_JSON_SYN_AFTER_ELEM, /* after array element */
    IL_JSON_SYN_AFTER_TOP,  /* after top-level value */
    IL_JSON_SYN_STRING,     /* in string literal */
    IL_JSON_SYN_ESCAPE,     /* in string escape code */
    IL_JSON_SYN_HEX,        /* in \u hexadecimal character escape */
    IL_JSON_SYN_NUMBER,     /* in numeric literal */
    IL_JSON_SYN_DOT,        /* after decimal point in numeric literal */
    IL_JSON_SYN_EXPONENT,   /* in exponent of numeric literal */
    IL_JSON_SYN_LITERAL,    /* in literal <lit> (expecting '<expect>') */
    IL_JSON_SYN_DEPTH,      /* exceeded max depth */
    IL_JSON_SYN_EOF         /* "unexpected end of JSON input" (no character named) */
};

enum il_json_found {        /* the JSON kind of a value, as Go names it */
    IL_JSON_K_STRING, IL_JSON_K_NUMBER, IL_JSON_K_BOOL, IL_JSON_K_ARRAY, IL_JSON_K_OBJECT, IL_JSON_K_NULL
};

#define IL_JSON_PATH_MAX 4          /* fields from the top to the deepest one a model has */
#define IL_JSON_GO_DEPTH 10000      /* Go's scanner: maxNestingDepth */

typedef struct il_json_error {
    uint8_t what;           /* enum il_json_what */
    uint8_t syntax;         /* SYNTAX: enum il_json_syntax */
    uint8_t byte;           /* SYNTAX: the offending byte */
    uint8_t lit;            /* SYN_LITERAL: 't', 'f' or 'n' (true, false, null) */
    uint8_t expect;         /* SYN_LITERAL: the letter expected */
    bool immediate;         /* an UnmarshalJSON's error (TIME, CODE_NULL, TYPE of an ErrorCode):
                             * Go returns it at once, so it wins over a saved TYPE error */
    uint8_t found;          /* TYPE: enum il_json_found */
    uint8_t top;            /* the model decoded (enum il_json_model_id) */
    uint8_t strct;          /* TYPE: the model holding path[depth - 1] */
    uint8_t depth;          /* TYPE: fields in path (0: the value itself) */
    bool elem;              /* TYPE: the value was an element of path[depth - 1]'s array */
    const il_json_field_t *path[IL_JSON_PATH_MAX];
} il_json_error_t;

/* ---- the decoder ---- */

#define IL_JSON_LEVELS 6    /* objects and arrays the deepest model has */

typedef struct il_json_level {
    const il_json_model_t *model;   /* object: its model; array: its elements' */
    const il_json_field_t *field;   /* object: the field being read (NULL: skipped); array: its own */
    il_str_t *target;               /* where kept strings go (NULL: validated only) */
    size_t count;                   /* array: elements begun */
    bool array;
} il_json_level_t;

typedef struct il_json {
    /* results, once il_json_end returned */
    il_json_error_t err;
    size_t dropped;         /* kept strings that did not fit the store */
    size_t count;           /* authorizations: its entries */
    size_t store_used;      /* the most of the store ever used */

    /* private */
    il_json_scratch_t s;
    const il_json_model_t *top;
    il_str_t *out;          /* the top value's target */
    char *store;
    size_t store_cap, store_len;
    il_str_t *str_dst;      /* the kept string being read, or NULL */
    size_t str_start;
    size_t perm_mark, perm_dropped;
    uint32_t depth, sdepth; /* open levels; of them, those the models describe */
    uint32_t ucode;         /* the \u escape being read */
    uint16_t high;          /* a high surrogate waiting for its low half */
    uint8_t state, hex, key_len, u8n, lit0;
    const char *lit;        /* the rest of true, false or null; lit0 its first letter */
    bool key_phase, in_key, key_long, end_top;
    uint8_t u8[4];          /* an unfinished UTF-8 sequence */
    char key[24];           /* the key being read (longer ones match no field) */
    uint8_t nest_small[8];
    il_permission_t perm;   /* the permission being read */
    il_json_level_t lv[IL_JSON_LEVELS];
} il_json_t;

/* Start decoding an answer of model into out (NULL keeps nothing), kept
 * strings in store[0..store_cap) (the caller's), with s's permission
 * callback and nesting bits (NULL: no callback, 64 levels). out is of the
 * type the model list above names, zeroed by the caller, an il_auth_t with
 * its perms and perms_cap set. No I/O. */
void il_json_begin(il_json_t *j, const il_json_model_t *model, void *out, char *store, size_t store_cap,
                   const il_json_scratch_t *s);

/* The next n bytes of the answer (any split gives the same result). */
void il_json_feed(il_json_t *j, const uint8_t *p, size_t n);

/* The answer is complete: IL_OK; IL_ERR_JSON (j->err says why, in the
 * order Go reports: a syntax error, else the first error Go returns at
 * once, else the first type error); IL_ERR_JSON_TOO_LARGE when the nesting
 * went deeper than the scratch allows. Dropped strings are not an error
 * here: j->dropped counts them. */
il_status_t il_json_end(il_json_t *j);

/* True if s equals the NUL-terminated lit exactly. */
bool il_str_eq(il_str_t s, const char *lit);

#endif
