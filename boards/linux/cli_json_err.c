/* SPDX-License-Identifier: Apache-2.0 */
/* cli_json_err.c - Go's texts for a JSON answer that did not decode (see
 * cli_json_err.h). Sources: Go's encoding/json scanner.go (each state's
 * error context, the texts below) and decode.go (UnmarshalTypeError.Error,
 * addErrorContext), time.Time.UnmarshalJSON, and influx-cli v2.8.0
 * api/model_error_code.gen.go (ErrorCode.UnmarshalJSON). */
#include "cli_json_err.h"

#include "il_text.h"

/* The official client's structs (package api), by enum il_json_model_id. */
static const char *const model_name[IL_JSON_M_COUNT] = {
    "Authorization", "Authorizations", "UserResponse", "Error", "UnauthorizedRequestError", "Permission",
    "PermissionResource", "AuthorizationAllOfLinks", "Links", "UserResponseLinks",
};

/* decode.go's Value of an UnmarshalTypeError, by enum il_json_found. */
static const char *const found_name[] = { "string", "number", "bool", "array", "object" };

void cli_put_quote_char(cli_buf_t *b, uint8_t c)
{
    char rune[4], mem[16];
    cli_buf_t q;
    if (c == '\'' || c == '"') {
        cli_puts(b, c == '\'' ? "'\\''" : "'\"'");
        return;
    }
    cli_buf_init(&q, mem, sizeof mem);
    cli_put_quoted(&q, rune, il_utf8_put(c, rune));
    cli_putc(b, '\'');
    cli_put(b, q.p + 1, q.len - 2);
    cli_putc(b, '\'');
}

/* The context scanner.go's state function gives its error, for the state
 * the decoder stood in. */
static const char *syntax_context(const il_json_error_t *e)
{
    switch (e->state) {
    case IL_JSON_S_VALUE:
    case IL_JSON_S_VALUE_OR_CLOSE: return "looking for beginning of value";
    case IL_JSON_S_KEY_OR_CLOSE:
    case IL_JSON_S_KEY: return "looking for beginning of object key string";
    case IL_JSON_S_END_VALUE:
        if (!e->object) return "after array element";
        return e->key ? "after object key" : "after object key:value pair";
    case IL_JSON_S_STRING: return "in string literal";
    case IL_JSON_S_ESCAPE: return "in string escape code";
    case IL_JSON_S_HEX: return "in \\u hexadecimal character escape";
    case IL_JSON_S_LITERAL: return "in literal ";
    case IL_JSON_S_DEPTH: return "exceeded max depth";
    case IL_JSON_S_NEG: return "in numeric literal";
    case IL_JSON_S_DOT: return "after decimal point in numeric literal";
    case IL_JSON_S_EXP:
    case IL_JSON_S_EXP_SIGN: return "in exponent of numeric literal";
    default: return "after top-level value";    /* IL_JSON_S_END_TOP */
    }
}

static void put_syntax(cli_buf_t *b, const il_json_error_t *e)
{
    if (e->state == IL_JSON_S_EOF) {
        cli_puts(b, "unexpected end of JSON input");
        return;
    }
    cli_puts(b, "invalid character ");
    cli_put_quote_char(b, e->byte);
    cli_putc(b, ' ');
    cli_puts(b, syntax_context(e));
    if (e->state == IL_JSON_S_LITERAL) {
        cli_puts(b, e->lit == 't' ? "true" : e->lit == 'f' ? "false" : "null");
        cli_puts(b, " (expecting '");
        cli_putc(b, (char)e->expect);
        cli_puts(b, "')");
    }
}

/* reflect.Type.String() of the Go value the field's value (or one element
 * of it) goes to. */
static void put_go_type(cli_buf_t *b, const il_json_field_t *f, bool elem)
{
    unsigned kind = IL_JSON_KIND(f);
    if (kind != IL_JSON_F_OBJECT && kind != IL_JSON_F_ARRAY) {
        cli_puts(b, "string");
        return;
    }
    if (kind == IL_JSON_F_ARRAY && !elem) cli_puts(b, "[]");
    cli_puts(b, "api.");
    cli_puts(b, model_name[f->arg]);
}

/* decode.go: "Go struct field " + the struct holding the last field + the
 * fields from the top (its FieldStack) + " of type " + that field's type
 * (an element's, when the value was one of its array); at the top, "Go
 * value of type " + the answer's type. */
static void put_type(cli_buf_t *b, const il_json_error_t *e)
{
    int last = -1;
    for (unsigned i = 0; i < e->depth; i++)
        if (!e->lv[i].array && e->lv[i].field != IL_JSON_NO_FIELD) last = (int)i;
    cli_puts(b, "json: cannot unmarshal ");
    cli_puts(b, found_name[e->found]);
    if (last < 0) {
        cli_puts(b, " into Go value of type api.");
        cli_puts(b, model_name[e->model]);
        return;
    }
    cli_puts(b, " into Go struct field ");
    cli_puts(b, model_name[e->lv[last].model]);
    for (int i = 0; i <= last; i++) {
        if (e->lv[i].array) continue;
        cli_putc(b, '.');
        cli_puts(b, il_json_names + il_json_fields[e->lv[i].field].name);
    }
    cli_puts(b, " of type ");
    put_go_type(b, &il_json_fields[e->lv[last].field], e->lv[e->depth - 1].array);
}

void cli_put_json_error(cli_buf_t *b, const il_json_error_t *e)
{
    if (e->what == IL_JSON_ERR_SYNTAX) put_syntax(b, e);
    else if (e->what == IL_JSON_ERR_TYPE) put_type(b, e);
    else if (e->what == IL_JSON_ERR_TIME) cli_puts(b, "Time.UnmarshalJSON: input is not a JSON string");
    else if (e->what == IL_JSON_ERR_CODE_NULL) cli_puts(b, " is not a valid ErrorCode");
    else cli_puts(b, "response too large for buffer");
}
