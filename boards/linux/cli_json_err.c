/* SPDX-License-Identifier: Apache-2.0 */
/* cli_json_err.c - Go's texts for a JSON answer that did not decode (see
 * cli_json_err.h). Sources: Go's encoding/json scanner.go (the contexts
 * below, in the order of enum il_json_syntax) and decode.go
 * (UnmarshalTypeError.Error, addErrorContext), time.Time.UnmarshalJSON, and
 * influx-cli v2.8.0 api/model_error_code.gen.go (ErrorCode.UnmarshalJSON). */
#include "cli_json_err.h"

#include "il_text.h"

static const char *const syntax_context[] = {
    "looking for beginning of value",
    "looking for beginning of object key string",
    "after object key",
    "after object key:value pair",
    "after array element",
    "after top-level value",
    "in string literal",
    "in string escape code",
    "in \\u hexadecimal character escape",
    "in numeric literal",
    "after decimal point in numeric literal",
    "in exponent of numeric literal",
    "in literal ",
    "exceeded max depth",
};

/* The official client's structs (package api), by enum il_json_model_id. */
static const char *const model_name[IL_JSON_M_COUNT] = {
    "Authorization", "Authorizations", "Permission", "PermissionResource", "AuthorizationAllOfLinks",
    "Links", "UserResponse", "UserResponseLinks", "Error", "UnauthorizedRequestError",
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

static void put_syntax(cli_buf_t *b, const il_json_error_t *e)
{
    if (e->syntax == IL_JSON_SYN_EOF) {
        cli_puts(b, "unexpected end of JSON input");
        return;
    }
    cli_puts(b, "invalid character ");
    cli_put_quote_char(b, e->byte);
    cli_putc(b, ' ');
    cli_puts(b, syntax_context[e->syntax]);
    if (e->syntax == IL_JSON_SYN_LITERAL) {
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
    cli_puts(b, model_name[f->sub->id]);
}

static void put_type(cli_buf_t *b, const il_json_error_t *e)
{
    cli_puts(b, "json: cannot unmarshal ");
    cli_puts(b, found_name[e->found]);
    if (e->depth == 0) {
        cli_puts(b, " into Go value of type api.");
        cli_puts(b, model_name[e->top]);
        return;
    }
    cli_puts(b, " into Go struct field ");
    cli_puts(b, model_name[e->strct]);
    for (unsigned i = 0; i < e->depth; i++) {
        cli_putc(b, '.');
        cli_puts(b, e->path[i]->key);
    }
    cli_puts(b, " of type ");
    put_go_type(b, e->path[e->depth - 1], e->elem);
}

void cli_put_json_error(cli_buf_t *b, const il_json_error_t *e)
{
    if (e->what == IL_JSON_ERR_SYNTAX) put_syntax(b, e);
    else if (e->what == IL_JSON_ERR_TYPE) put_type(b, e);
    else if (e->what == IL_JSON_ERR_TIME) cli_puts(b, "Time.UnmarshalJSON: input is not a JSON string");
    else if (e->what == IL_JSON_ERR_CODE_NULL) cli_puts(b, " is not a valid ErrorCode");
    else cli_puts(b, "response too large for buffer");
}
