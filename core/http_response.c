/* SPDX-License-Identifier: Apache-2.0 */
/* http_response.c - incremental HTTP/1.x response parser.
 *
 * A state machine fed one byte at a time (body bytes are handed on in runs,
 * which is equivalent), so every split of the input gives the same result;
 * the body is never held: it goes to the caller's sink as it comes.
 * Strict where leniency has caused smuggling bugs elsewhere:
 *  - every line ends in CRLF; a bare LF or a bare CR is an error;
 *  - a control byte (< 0x20 except HTAB, or 0x7f) in any line is an error;
 *  - no whitespace before the colon, no obs-fold, header names are tokens;
 *  - Content-Length and chunk sizes are digits only, overflow-checked;
 *  - Transfer-Encoding must be exactly "chunked"; with Content-Length too
 *    the answer is refused;
 *  - the status line, headers and trailers of one answer (1xx included)
 *    share IL_HTTP_HEADER_SECTION_MAX (Go's client limit); a header is read
 *    as it comes: its name up to the colon, then a value the client does
 *    not use is checked and skipped whatever its length, a kept one
 *    (Content-Type, Location) is copied up to its buffer and cut, a parsed
 *    one (Content-Length, Transfer-Encoding, Connection) must fit
 *    IL_HTTP_LINE_MAX, as a chunk-size line with its extensions must, one
 *    the caller watches is passed on to its watch_fn as it comes; a status
 *    line's text goes to the caller's buffer as it comes, cut to it.
 * Lenient like Go: "HTTP/1.1 200" without a reason phrase is accepted.
 * 101 Switching Protocols is refused: no upgrade is ever asked for. */
#include <string.h>
#include "il_http.h"
#include "il_text.h"

/* il_config.h's sizes: every kept copy holds at least its NUL, a line at
 * least one byte (smaller values do not compile). */
typedef char response_sizes_valid[IL_HTTP_LINE_MAX >= 1 &&
                                  IL_HTTP_CONTENT_TYPE_MAX >= 1 && IL_HTTP_LOCATION_MAX >= 1
                                  ? 1 : -1];

enum {
    RESPONSE_STATUS_LINE,   /* 0: what il_http_response_init's memset leaves */
    RESPONSE_HEADER,
    RESPONSE_TRAILER,       /* the states up to here read the header section */
    RESPONSE_CHUNK_SIZE,
    RESPONSE_CHUNK_END,     /* the CRLF after chunk data */
    RESPONSE_CHUNK_DATA,    /* chunk bytes left in remaining */
    RESPONSE_BODY_LENGTH,   /* Content-Length bytes left in remaining */
    RESPONSE_BODY_EOF,      /* body until the peer closes */
    RESPONSE_DONE
};

/* What the header line being read is (il_http_response_t.field). */
enum {
    FIELD_NAME,             /* 0: reading the name, up to the colon */
    FIELD_SKIP,             /* a value the client does not use */
    FIELD_WATCH,            /* a value the caller watches: passed on (watching) */
    FIELD_CONTENT_LENGTH,   /* parsed values: kept in line[] */
    FIELD_TRANSFER_ENCODING,
    FIELD_CONNECTION,
    FIELD_CONTENT_TYPE,     /* kept copies: cut to their buffers */
    FIELD_LOCATION
};

static il_status_t response_fail(il_http_response_t *r, il_status_t err)
{
    r->state = -(int)err;
    return err;
}

static bool response_in_header_section(const il_http_response_t *r)
{
    return r->state >= 0 && r->state <= RESPONSE_TRAILER;
}

/* The error for a malformed line in the current state. */
static il_status_t response_line_error(const il_http_response_t *r)
{
    if (r->state == RESPONSE_STATUS_LINE)
        return IL_ERR_HTTP_STATUS_LINE;
    return response_in_header_section(r) ? IL_ERR_HTTP_HEADER : IL_ERR_HTTP_CHUNK;
}

static bool response_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool response_is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Forget the headers of a message (a 1xx answer) before the next one. */
static void response_start_message(il_http_response_t *r)
{
    r->state = RESPONSE_STATUS_LINE;
    r->status = 0;
    r->status_len = 0;
    r->content_type[0] = r->location[0] = '\0';
    r->chunked = r->has_length = r->conn_close = r->conn_keep_alive = false;
    r->remaining = 0;
}

/* "HTTP/1.x SP 3DIGIT [SP reason]" */
static il_status_t response_on_status_line(il_http_response_t *r, const char *l, size_t n)
{
    if (n < 12 || memcmp(l, "HTTP/1.", 7) != 0 || !response_is_digit(l[7]) || l[8] != ' ' ||
        !response_is_digit(l[9]) || !response_is_digit(l[10]) || !response_is_digit(l[11]) ||
        (n > 12 && l[12] != ' '))
        return response_fail(r, IL_ERR_HTTP_STATUS_LINE);
    if (r->status_cap > 0)
        r->status_text[r->status_len] = '\0';
    r->minor_version = l[7] - '0';
    r->status = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
    if (r->status < 100 || r->status > 599 || r->status == 101)
        return response_fail(r, IL_ERR_HTTP_STATUS_LINE);
    r->state = RESPONSE_HEADER;
    return IL_NEED_MORE;
}

static il_status_t response_on_content_length(il_http_response_t *r, const char *v, size_t n)
{
    uint64_t length = 0;
    size_t i;
    if (n == 0)
        return response_fail(r, IL_ERR_HTTP_LENGTH);
    for (i = 0; i < n; i++) {
        unsigned d = (unsigned)(v[i] - '0');
        /* constant bounds: no 64-bit division pulled from libgcc */
        if (!response_is_digit(v[i]) || length > UINT64_MAX / 10 ||
            (length == UINT64_MAX / 10 && d > UINT64_MAX % 10))
            return response_fail(r, IL_ERR_HTTP_LENGTH);
        length = length * 10 + d;
    }
    if (r->has_length && length != r->remaining)
        return response_fail(r, IL_ERR_HTTP_LENGTH);
    r->has_length = true;
    r->remaining = length;
    return IL_NEED_MORE;
}

/* Connection is a comma-separated token list. */
static void response_on_connection(il_http_response_t *r, const char *v, size_t n)
{
    size_t start = 0, end, i;
    while (start <= n) {
        for (i = start; i < n && v[i] != ','; i++)
            ;
        end = i;
        while (start < end && response_is_space(v[start]))
            start++;
        while (end > start && response_is_space(v[end - 1]))
            end--;
        if (il_ascii_ieq(v + start, end - start, "close"))
            r->conn_close = true;
        if (il_ascii_ieq(v + start, end - start, "keep-alive"))
            r->conn_keep_alive = true;
        start = i + 1;
    }
}

/* The field the name line[0..name_len) announces (trailers: none); the
 * caller's watch_fn may ask for one the parser does not read. */
static uint8_t response_field_of(const il_http_response_t *r)
{
    static const struct {
        const char *name;
        uint8_t field;
    } fields[] = {
        {"content-length", FIELD_CONTENT_LENGTH}, {"transfer-encoding", FIELD_TRANSFER_ENCODING},
        {"connection", FIELD_CONNECTION},         {"content-type", FIELD_CONTENT_TYPE},
        {"location", FIELD_LOCATION},
    };
    size_t i;
    if (r->state == RESPONSE_TRAILER || r->name_len > sizeof r->line)
        return FIELD_SKIP;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (il_ascii_ieq(r->line, r->name_len, fields[i].name))
            return fields[i].field;
    if (r->watch_fn != NULL && r->watch_fn(r->watch_ctx, IL_HTTP_WATCH_NAME, r->line, r->name_len))
        return FIELD_WATCH;
    return FIELD_SKIP;
}

/* A kept copy's buffer and size. */
static char *response_keep_buffer(il_http_response_t *r, size_t *cap)
{
    *cap = r->field == FIELD_CONTENT_TYPE ? sizeof r->content_type : sizeof r->location;
    return r->field == FIELD_CONTENT_TYPE ? r->content_type : r->location;
}

/* One byte of a header name: a token character, or the colon. */
static il_status_t response_on_name_byte(il_http_response_t *r, uint8_t c)
{
    if (c == ':' && r->name_len > 0) {
        r->field = response_field_of(r);
        r->value_started = false;
        r->line_len = r->keep_len = r->keep_end = 0;
        return IL_NEED_MORE;
    }
    if (!il_ascii_tchar((char)c))
        return response_fail(r, IL_ERR_HTTP_HEADER);
    if (r->name_len < sizeof r->line)
        r->line[r->name_len] = (char)c;
    r->name_len++;
    return IL_NEED_MORE;
}

/* One byte of a header line (not CR, LF or a control byte). */
static il_status_t response_on_field_byte(il_http_response_t *r, uint8_t c)
{
    size_t cap;
    char *keep;
    if (r->field == FIELD_NAME)
        return response_on_name_byte(r, c);
    if (!r->value_started && response_is_space((char)c))
        return IL_NEED_MORE;                    /* OWS before the value */
    r->value_started = true;
    if (r->field == FIELD_WATCH) {
        char ch = (char)c;
        (void)r->watch_fn(r->watch_ctx, IL_HTTP_WATCH_VALUE, &ch, 1);
        return IL_NEED_MORE;
    }
    if (r->field == FIELD_SKIP)
        return IL_NEED_MORE;
    if (r->field >= FIELD_CONTENT_TYPE) {
        /* the value trimmed of trailing blanks, then cut: a blank at the cut
         * stays when the value goes on past it */
        keep = response_keep_buffer(r, &cap);
        if (r->keep_len < cap - 1)
            keep[r->keep_len++] = (char)c;
        if (!response_is_space((char)c))
            r->keep_end = r->keep_len;
        return IL_NEED_MORE;
    }
    if (r->line_len == sizeof r->line)
        return response_fail(r, IL_ERR_HTTP_HEADER_TOO_LONG);
    r->line[r->line_len++] = (char)c;
    return IL_NEED_MORE;
}

/* The end of a header line: its value, used. */
static il_status_t response_on_field_end(il_http_response_t *r)
{
    size_t vn = r->line_len, cap;
    uint8_t field = r->field;
    r->field = FIELD_NAME;
    r->name_len = r->line_len = 0;
    if (field == FIELD_NAME)                    /* a line without a colon */
        return response_fail(r, IL_ERR_HTTP_HEADER);
    if (field == FIELD_WATCH)
        (void)r->watch_fn(r->watch_ctx, IL_HTTP_WATCH_END, "", 0);
    while (vn > 0 && response_is_space(r->line[vn - 1]))
        vn--;
    if (field == FIELD_CONTENT_LENGTH)
        return response_on_content_length(r, r->line, vn);
    if (field == FIELD_TRANSFER_ENCODING) {
        if (r->chunked || !il_ascii_ieq(r->line, vn, "chunked"))
            return response_fail(r, IL_ERR_HTTP_HEADER);
        r->chunked = true;
    } else if (field == FIELD_CONNECTION) {
        response_on_connection(r, r->line, vn);
    } else if (field >= FIELD_CONTENT_TYPE) {
        r->field = field;
        response_keep_buffer(r, &cap)[r->keep_end] = '\0';
        r->field = FIELD_NAME;
    }
    return IL_NEED_MORE;
}

/* The empty line after the headers: decide how the body is framed. */
static il_status_t response_on_headers_end(il_http_response_t *r)
{
    if (r->status < 200) {
        response_start_message(r);
        return IL_NEED_MORE;
    }
    r->headers_done = true;
    if (r->chunked && r->has_length)
        return response_fail(r, IL_ERR_HTTP_CL_AND_CHUNKED);
    r->keep_alive = !r->conn_close && (r->minor_version >= 1 || r->conn_keep_alive);
    if (r->status == 204 || r->status == 304 || (IL_PROXY && r->head_only)) {
        r->state = RESPONSE_DONE;
    } else if (r->chunked) {
        r->state = RESPONSE_CHUNK_SIZE;
    } else if (r->has_length) {
        r->state = r->remaining > 0 ? RESPONSE_BODY_LENGTH : RESPONSE_DONE;
    } else {
        r->keep_alive = false;
        r->state = RESPONSE_BODY_EOF;
    }
    return r->state == RESPONSE_DONE ? IL_OK : IL_NEED_MORE;
}

/* HEXDIG+ [BWS ";" extension]: the extension is bounded by the line. */
static il_status_t response_on_chunk_size(il_http_response_t *r, const char *l, size_t n)
{
    uint64_t size = 0;
    size_t i = 0;
    int d;

    while (i < n && (d = il_hex_value(l[i])) >= 0) {
        if (size > UINT64_MAX >> 4)
            return response_fail(r, IL_ERR_HTTP_CHUNK);
        size = size << 4 | (uint64_t)d;
        i++;
    }
    if (i == 0)
        return response_fail(r, IL_ERR_HTTP_CHUNK);
    while (i < n && response_is_space(l[i]))
        i++;
    if (i < n && l[i] != ';')
        return response_fail(r, IL_ERR_HTTP_CHUNK);
    if (size == 0) {
        r->state = RESPONSE_TRAILER;
    } else {
        r->remaining = size;
        r->state = RESPONSE_CHUNK_DATA;
    }
    return IL_NEED_MORE;
}

static il_status_t response_on_line(il_http_response_t *r)
{
    const char *l = r->line;
    size_t n = r->line_len;
    bool empty = r->field == FIELD_NAME && r->name_len == 0;

    switch (r->state) {
    case RESPONSE_STATUS_LINE:
        r->line_len = 0;
        return response_on_status_line(r, l, n);
    case RESPONSE_HEADER:
        return empty ? response_on_headers_end(r) : response_on_field_end(r);
    case RESPONSE_TRAILER:
        if (!empty)
            return response_on_field_end(r);
        r->state = RESPONSE_DONE;
        return IL_OK;
    case RESPONSE_CHUNK_SIZE:
        r->line_len = 0;
        return response_on_chunk_size(r, l, n);
    default: /* RESPONSE_CHUNK_END: the line is empty, or it failed already */
        r->line_len = 0;
        r->state = RESPONSE_CHUNK_SIZE;
        return IL_NEED_MORE;
    }
}

/* One byte of a CRLF-terminated line. */
static il_status_t response_on_line_byte(il_http_response_t *r, uint8_t c)
{
    if (response_in_header_section(r) && ++r->header_bytes > IL_HTTP_HEADER_SECTION_MAX)
        return response_fail(r, IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);
    if (r->saw_cr) {
        if (c != '\n')
            return response_fail(r, response_line_error(r));
        r->saw_cr = false;
        return response_on_line(r);
    }
    if (c == '\r') {
        r->saw_cr = true;
        return IL_NEED_MORE;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f || r->state == RESPONSE_CHUNK_END)
        return response_fail(r, response_line_error(r));
    if (r->state == RESPONSE_HEADER || r->state == RESPONSE_TRAILER)
        return response_on_field_byte(r, c);
    if (r->state == RESPONSE_STATUS_LINE && r->line_len >= 9 && r->status_len + 1 < r->status_cap)
        r->status_text[r->status_len++] = (char)c;      /* all of the line after "HTTP/1.x " */
    if (r->line_len < sizeof r->line)
        r->line[r->line_len++] = (char)c;
    else if (r->state != RESPONSE_STATUS_LINE)     /* a status line's first bytes are enough */
        return response_fail(r, IL_ERR_HTTP_CHUNK);
    return IL_NEED_MORE;
}

/* Hand body bytes on; returns how many of data[0..n) were used. */
static size_t response_on_body_bytes(il_http_response_t *r, const uint8_t *data, size_t n)
{
    if (r->state != RESPONSE_BODY_EOF && n > r->remaining)
        n = (size_t)r->remaining;
    if (r->on_body != NULL)
        r->on_body(r->on_body_ctx, data, n);
    r->body_len += n;
    if (r->state != RESPONSE_BODY_EOF) {
        r->remaining -= n;
        if (r->remaining == 0)
            r->state = r->state == RESPONSE_CHUNK_DATA ? RESPONSE_CHUNK_END : RESPONSE_DONE;
    }
    return n;
}

void il_http_response_init(il_http_response_t *r, char *status_text, size_t status_cap,
                           il_http_body_fn on_body, void *ctx)
{
    if (r == NULL)
        return;
    memset(r, 0, sizeof *r);
    r->status_text = status_text;
    r->status_cap = status_cap;
    r->on_body = on_body;
    r->on_body_ctx = ctx;
}

il_status_t il_http_response_feed(il_http_response_t *r, const uint8_t *data,
                                  size_t len, size_t *consumed)
{
    size_t used = 0;

    if (r == NULL || (data == NULL && len > 0))
        return IL_ERR_ARG;
    while (used < len && r->state >= 0 && r->state != RESPONSE_DONE) {
        if (r->state >= RESPONSE_CHUNK_DATA)   /* body bytes: handed on in runs */
            used += response_on_body_bytes(r, data + used, len - used);
        else
            (void)response_on_line_byte(r, data[used++]);
    }
    if (consumed != NULL)
        *consumed = used;
    if (r->state < 0)
        return (il_status_t)-r->state;
    return r->state == RESPONSE_DONE ? IL_OK : IL_NEED_MORE;
}

bool il_http_response_headers_done(const il_http_response_t *r)
{
    return r != NULL && r->headers_done;
}

il_status_t il_http_response_eof(il_http_response_t *r)
{
    if (r == NULL)
        return IL_ERR_ARG;
    if (r->state == RESPONSE_BODY_EOF)
        r->state = RESPONSE_DONE;
    if (r->state == RESPONSE_DONE)
        return IL_OK;
    if (r->state >= 0)
        response_fail(r, IL_ERR_HTTP_EOF);
    return (il_status_t)-r->state;
}
