/* SPDX-License-Identifier: Apache-2.0 */
/* il_json.h - influxd's JSON answers decoded as they stream in, the way the
 * official client decodes them (Go's encoding/json into the structs its
 * generated API declares), with memory that does not grow with the answer.
 *
 *  - Syntax: Go's scanner, byte by byte, so any split of the input gives the
 *    same result; a syntax error says where the scanner stood and which byte
 *    it refused (il_json_error_t), all Go's text needs, and wins over every
 *    other error.
 *  - Decoding: keys match the models' field names as Go folds them (ASCII
 *    case, and the two runes that fold to ASCII letters: U+017F, U+212A);
 *    unknown keys are skipped; a value of the wrong JSON kind is a type
 *    error (Go's first one is kept, with the levels that lead to it) and
 *    decoding goes on; null leaves a field as it was, or clears it where the
 *    official struct has a pointer or a slice.
 *  - Strings are unescaped as Go unescapes them (a surrogate pair joined, a
 *    lone surrogate U+FFFD); their other bytes are kept as they came, so a
 *    caller that prints them as Go would coerces invalid UTF-8 to U+FFFD
 *    itself (Go's decoder does it in unquoteBytes; a device has no use for
 *    it, the CLI does it where it prints).
 *  - Only the strings a caller keeps are stored, in the caller's buffer (the
 *    store); everything else, skipped keys and their values included, costs
 *    no memory whatever its size. A kept string that does not fit the store
 *    is dropped and counted (il_json_t.dropped), never cut.
 *  - Permissions: counted, and each one handed to the caller's callback as
 *    soon as it is decoded (its strings then leave the store).
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
    size_t perms_count;       /* permissions in the answer (il_json_scratch_t.on_perm has them) */
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
    il_perm_fn on_perm;       /* NULL: permissions are counted only */
    void *on_perm_ctx;
    uint8_t *nest;            /* one bit per level of nesting: nest_cap bytes allow 8 * nest_cap
                               * levels (Go allows IL_JSON_GO_DEPTH); NULL: 64 levels */
    size_t nest_cap;
} il_json_scratch_t;

/* ---- the models: the official client's structs (package api) ---- */

enum il_json_kind {         /* what a field holds, in Go */
    IL_JSON_F_STRING,       /* string: null leaves it as it was */
    IL_JSON_F_STRING_PTR,   /* *string: null clears it */
    IL_JSON_F_CODE,         /* ErrorCode: a string (its own UnmarshalJSON) */
    IL_JSON_F_TIME,         /* *time.Time: a string or null */
    IL_JSON_F_OBJECT,       /* a struct (sub), or a pointer to one */
    IL_JSON_F_ARRAY         /* a slice of structs (sub) */
};
#define IL_JSON_KIND(f) ((f)->kind & 15u)
#define IL_JSON_FL_SHARED 16u     /* OBJECT: its strings go to the parent's target */
#define IL_JSON_FL_PERMS 32u      /* ARRAY: the authorization's permissions */
#define IL_JSON_FL_FIRST 64u      /* ARRAY: the first element is the kept one */
#define IL_JSON_NO_SLOT 255u

enum il_json_model_id {     /* the structs; the answers are of the first five */
    IL_JSON_M_AUTHORIZATION,        /* il_auth_t */
    IL_JSON_M_AUTHORIZATIONS,       /* the first entry's il_auth_t, and il_json_t.count */
    IL_JSON_M_USER_RESPONSE,        /* il_user_t */
    IL_JSON_M_ERROR,                /* il_error_body_t */
    IL_JSON_M_UNAUTHORIZED_REQUEST_ERROR,   /* il_error_body_t */
    IL_JSON_M_PERMISSION, IL_JSON_M_PERMISSION_RESOURCE, IL_JSON_M_AUTHORIZATION_LINKS,
    IL_JSON_M_LINKS, IL_JSON_M_USER_RESPONSE_LINKS, IL_JSON_M_COUNT
};

typedef struct il_json_field {
    uint8_t name;           /* offset of its json tag in il_json_names */
    uint8_t kind;           /* enum il_json_kind, with the IL_JSON_FL_* flags */
    uint8_t arg;            /* a string: the index of its il_str_t in the target struct
                             * (IL_JSON_NO_SLOT: not kept); OBJECT, ARRAY: the value's
                             * (elements') model */
} il_json_field_t;

extern const char il_json_names[];         /* the tags, each ending in NUL */
extern const il_json_field_t il_json_fields[];
/* model m's fields: il_json_fields[il_json_model_first[m] .. il_json_model_first[m + 1]) */
extern const uint8_t il_json_model_first[IL_JSON_M_COUNT + 1];

/* ---- the decoder ---- */

#define IL_JSON_LEVELS 6            /* objects and arrays the deepest model has */
#define IL_JSON_GO_DEPTH 10000      /* Go's scanner: maxNestingDepth */
#define IL_JSON_NO_FIELD 255u

typedef struct il_json_level {
    il_str_t *target;       /* where kept strings go (NULL: validated only) */
    size_t count;           /* array: elements begun */
    uint8_t model;          /* object: its model; array: its elements' */
    uint8_t field;          /* object: the field being read (index in il_json_fields, or
                             * IL_JSON_NO_FIELD); array: its own */
    bool array;
} il_json_level_t;

enum il_json_state {        /* the scanner's states (Go's scanner.go state functions) */
    IL_JSON_S_VALUE,            /* stateBeginValue */
    IL_JSON_S_VALUE_OR_CLOSE,   /* stateBeginValueOrEmpty: after '[' */
    IL_JSON_S_KEY_OR_CLOSE,     /* stateBeginStringOrEmpty: after '{' */
    IL_JSON_S_KEY,              /* stateBeginString: after ',' in an object */
    IL_JSON_S_END_VALUE,        /* stateEndValue */
    IL_JSON_S_END_TOP,          /* stateEndTop */
    IL_JSON_S_STRING,           /* stateInString */
    IL_JSON_S_ESCAPE,           /* stateInStringEsc */
    IL_JSON_S_HEX,              /* stateInStringEscU..U123 */
    IL_JSON_S_LITERAL,          /* stateT .. stateNul */
    IL_JSON_S_ERROR,            /* stateError */
    IL_JSON_S_DEPTH,            /* (an error only) pushParseState past maxNestingDepth */
    IL_JSON_S_EOF,              /* (an error only) eof: the input ended inside a value */
    IL_JSON_S_NEG,              /* stateNeg, then the numbers' other states */
    IL_JSON_S_ZERO, IL_JSON_S_INT, IL_JSON_S_DOT, IL_JSON_S_FRAC, IL_JSON_S_EXP, IL_JSON_S_EXP_SIGN,
    IL_JSON_S_EXP_DIGITS
};

enum il_json_what {
    IL_JSON_ERR_NONE,
    IL_JSON_ERR_SYNTAX,     /* Go's SyntaxError: state, byte, object, key, lit, expect */
    IL_JSON_ERR_TYPE,       /* Go's UnmarshalTypeError: found, depth, lv */
    IL_JSON_ERR_TIME,       /* a time field holds no string ("Time.UnmarshalJSON: input is not
                             * a JSON string") */
    IL_JSON_ERR_CODE_NULL,  /* an ErrorCode is null (" is not a valid ErrorCode") */
    IL_JSON_ERR_NEST        /* nested deeper than the scratch's nest bits (IL_ERR_JSON_TOO_LARGE) */
};

enum il_json_found {        /* the JSON kind of a value, as Go names it */
    IL_JSON_K_STRING, IL_JSON_K_NUMBER, IL_JSON_K_BOOL, IL_JSON_K_ARRAY, IL_JSON_K_OBJECT, IL_JSON_K_NULL
};

typedef struct il_json_error {
    uint8_t what;           /* enum il_json_what */
    bool immediate;         /* an UnmarshalJSON's error (TIME, CODE_NULL, TYPE of an ErrorCode):
                             * Go returns it at once, so it wins over a saved TYPE error */
    uint8_t model;          /* the model decoded (enum il_json_model_id) */
    uint8_t state;          /* SYNTAX: the scanner's state at the byte (enum il_json_state) */
    uint8_t byte;           /* SYNTAX: the byte refused */
    bool object, key;       /* SYNTAX in IL_JSON_S_END_VALUE: inside an object; before its ':' */
    uint8_t lit, expect;    /* SYNTAX in a literal: 't', 'f' or 'n', and the letter expected */
    uint8_t found;          /* TYPE: enum il_json_found */
    uint8_t depth;          /* TYPE: levels in lv (0: the value itself) */
    il_json_level_t lv[IL_JSON_LEVELS];   /* TYPE: the levels down to the value */
} il_json_error_t;

typedef struct il_json {
    /* private, the most used first (short offsets make short code) */
    uint8_t state, hex, key_len, lit0, model;
    bool key_phase, in_key, key_long, end_top;
    uint16_t high;          /* a high surrogate waiting for its low half */
    uint32_t depth, sdepth; /* open levels; of them, those the models describe */
    il_json_level_t lv[IL_JSON_LEVELS];
    il_str_t *str_dst;      /* the kept string being read, or NULL */
    char *store;
    size_t store_cap, store_len;
    size_t str_start;
    uint32_t ucode;         /* the \u escape being read */
    const char *lit;        /* the rest of true, false or null; lit0 its first letter */
    il_json_scratch_t s;
    il_str_t *out;          /* the top value's target */
    size_t perm_mark;
    char key[26];           /* the key being read (past 24 bytes it matches no field) */
    uint8_t nest_small[8];

    /* results, once il_json_end returned */
    il_json_error_t err;
    size_t dropped;         /* kept strings that did not fit the store */
    size_t count;           /* authorizations: its entries */
    size_t store_used;      /* the most of the store ever used */

    /* private */
    il_permission_t perm;   /* the permission being read */
} il_json_t;

/* Start decoding an answer of model (enum il_json_model_id: one of the
 * first five) into out (NULL keeps nothing; else of the type the model
 * names, zeroed by the caller), kept strings in store[0..store_cap) (the
 * caller's), with s's permission callback and nesting bits (NULL: none, 64
 * levels). No I/O. */
void il_json_begin(il_json_t *j, uint8_t model, void *out, char *store, size_t store_cap,
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
