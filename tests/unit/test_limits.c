/* SPDX-License-Identifier: Apache-2.0 */
/* test_limits.c - the core at the edge of every size: il_config.h's knobs
 * (IL_HTTP_LINE_MAX, IL_HTTP_HEADER_SECTION_MAX, IL_HTTP_STATUS_TEXT_MAX,
 * IL_HTTP_CONTENT_TYPE_MAX, IL_HTTP_LOCATION_MAX) and the caller's buffers
 * (request, body, the status text).
 *
 * Written against the macros, so it holds for any values: `make test` runs
 * it with the defaults and again with tiny ones under ASan
 * (tests/unit/rules.mk). At each edge: exactly the limit works, one more
 * gives the documented status, and nothing is written past a field (the
 * field after each kept copy is checked intact). */
#include "check.h"
#include "fake_transport.h"
#include "il_client.h"

#define INPUT_MAX (IL_HTTP_HEADER_SECTION_MAX + IL_HTTP_LINE_MAX + 4096)

static uint8_t input[INPUT_MAX];
static il_http_response_t resp;
/* the status text's buffers, the client's size, each with a guard byte after it */
static char status_mem[IL_HTTP_STATUS_TEXT_MAX + 1], status_bytewise[IL_HTTP_STATUS_TEXT_MAX + 1];

/* Parse in[0..len) whole, then one byte at a time: both must agree. */
static il_status_t parse(const uint8_t *in, size_t len)
{
    static il_http_response_t bytewise;
    il_status_t st = IL_NEED_MORE, st2 = IL_NEED_MORE;
    size_t i;
    status_mem[IL_HTTP_STATUS_TEXT_MAX] = status_bytewise[IL_HTTP_STATUS_TEXT_MAX] = 'G';
    il_http_response_init(&resp, status_mem, IL_HTTP_STATUS_TEXT_MAX, NULL, NULL);
    st = il_http_response_feed(&resp, in, len, NULL);
    if (st == IL_NEED_MORE) st = il_http_response_eof(&resp);
    il_http_response_init(&bytewise, status_bytewise, IL_HTTP_STATUS_TEXT_MAX, NULL, NULL);
    for (i = 0; i < len && st2 == IL_NEED_MORE; i++)
        st2 = il_http_response_feed(&bytewise, in + i, 1, NULL);
    if (st2 == IL_NEED_MORE) st2 = il_http_response_eof(&bytewise);
    CHECK_EQ_INT(st2, st);
    CHECK(status_mem[IL_HTTP_STATUS_TEXT_MAX] == 'G' && status_bytewise[IL_HTTP_STATUS_TEXT_MAX] == 'G');
    return st;
}

/* Append s; returns the new length. */
static size_t put(size_t n, const char *s)
{
    size_t k = strlen(s);
    memcpy(input + n, s, k);
    return n + k;
}

/* Append a header line "X-Fill: ppp" of exactly len bytes (CRLF excluded,
 * len >= 8). */
static size_t put_fill_line(size_t n, size_t len)
{
    n = put(n, "X-Fill: ");
    memset(input + n, 'p', len - 8);
    return put(n + len - 8, "\r\n");
}

/* Header lines of 8..min(IL_HTTP_LINE_MAX, 64) bytes, then the empty line,
 * until the section that began at start (its status line written up to n)
 * is exactly section bytes. */
static size_t put_section_to(size_t n, size_t start, size_t section)
{
    size_t pad = IL_HTTP_LINE_MAX < 64 ? IL_HTTP_LINE_MAX : 64;
    while (section - (n - start) - 4 > pad) {
        size_t left = section - (n - start);
        n = put_fill_line(n, left - 14 < pad ? left - 14 : pad);   /* leaves >= 12 */
    }
    return put(put_fill_line(n, section - (n - start) - 4), "\r\n");
}

/* ---- IL_HTTP_LINE_MAX ---- */

/* A parsed header's value (after its blanks) fits IL_HTTP_LINE_MAX or is
 * refused; a header the parser does not use may be any length. */
static void limits_header_line(void)
{
    size_t n = put(0, "HTTP/1.1 200 OK\r\nContent-Length: ");
    memset(input + n, '0', IL_HTTP_LINE_MAX);
    n = put(n + IL_HTTP_LINE_MAX, "\r\n\r\n");
    CHECK_EQ_INT(parse(input, n), IL_OK);
    n = put(0, "HTTP/1.1 200 OK\r\nContent-Length: ");
    memset(input + n, '0', IL_HTTP_LINE_MAX + 1);
    n = put(n + IL_HTTP_LINE_MAX + 1, "\r\n\r\n");
    CHECK_EQ_INT(parse(input, n), IL_ERR_HTTP_HEADER_TOO_LONG);
    n = put_fill_line(put(0, "HTTP/1.1 200 OK\r\n"), 3 * IL_HTTP_LINE_MAX + 8);
    n = put(n, "Content-Length: 0\r\n\r\n");
    CHECK_EQ_INT(parse(input, n), IL_OK);
}

/* A status line of any length: its text is cut to its buffer, the rest
 * never stored. */
static void limits_status_line(void)
{
    size_t k, lens[] = {IL_HTTP_LINE_MAX, IL_HTTP_LINE_MAX + 1, 3 * IL_HTTP_LINE_MAX};
    size_t kept = IL_HTTP_STATUS_TEXT_MAX - 1;
    for (k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t n = put(0, "HTTP/1.1 200 ");
        memset(input + n, 'r', lens[k] - n);
        n = put(lens[k], "\r\nContent-Length: 0\r\n\r\n");
        CHECK_EQ_INT(parse(input, n), IL_OK);
        CHECK_EQ_INT(strlen(resp.status_text), lens[k] - 9 < kept ? lens[k] - 9 : kept);
        CHECK(resp.status_text[IL_HTTP_STATUS_TEXT_MAX - 1] == '\0');
    }
}

/* A chunk-size line (extensions included) and a trailer are lines too. */
static void limits_chunk_and_trailer_lines(void)
{
    size_t n, head = put(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;");
    memset(input + head, 'e', IL_HTTP_LINE_MAX - 2);
    n = put(head + IL_HTTP_LINE_MAX - 2, "\r\nx\r\n0\r\n\r\n");
    CHECK_EQ_INT(parse(input, n), IL_OK);
    CHECK_EQ_INT(resp.body_len, 1);
    memset(input + head, 'e', IL_HTTP_LINE_MAX - 1);
    n = put(head + IL_HTTP_LINE_MAX - 1, "\r\nx\r\n0\r\n\r\n");
    CHECK_EQ_INT(parse(input, n), IL_ERR_HTTP_CHUNK);

    n = put(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n");
    n = put(put_fill_line(n, IL_HTTP_LINE_MAX), "\r\n");
    CHECK_EQ_INT(parse(input, n), IL_OK);
    n = put(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n");
    n = put(put_fill_line(n, 3 * IL_HTTP_LINE_MAX), "\r\n");
    CHECK_EQ_INT(parse(input, n), IL_OK);             /* a trailer is skipped */
}

/* ---- IL_HTTP_HEADER_SECTION_MAX ---- */

static void limits_header_section(void)
{
    size_t n = put(0, "HTTP/1.1 204 No Content\r\n");
    n = put_section_to(n, 0, IL_HTTP_HEADER_SECTION_MAX);
    CHECK_EQ_INT(n, IL_HTTP_HEADER_SECTION_MAX);
    CHECK_EQ_INT(parse(input, n), IL_OK);
    n = put_section_to(put(0, "HTTP/1.1 204 No Content\r\n"), 0, IL_HTTP_HEADER_SECTION_MAX + 1);
    CHECK_EQ_INT(parse(input, n), IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);
}

/* 1xx answers and trailers draw on the same budget. */
static void limits_section_shared(void)
{
    size_t n = put(0, "HTTP/1.1 100 Continue\r\n\r\n"), start = n;
    n = put_section_to(put(n, "HTTP/1.1 204 No Content\r\n"), start,
                       IL_HTTP_HEADER_SECTION_MAX - start);
    CHECK_EQ_INT(parse(input, n), IL_OK);
    n = put_section_to(put(start, "HTTP/1.1 204 No Content\r\n"), start,
                       IL_HTTP_HEADER_SECTION_MAX - start + 1);
    CHECK_EQ_INT(parse(input, n), IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);

    n = put(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    start = n;
    n = put(n, "0\r\n");
    while (n - start < IL_HTTP_HEADER_SECTION_MAX + 64)
        n = put_fill_line(n, IL_HTTP_LINE_MAX);
    n = put(n, "\r\n");
    CHECK_EQ_INT(parse(input, n), IL_ERR_HTTP_HEADER_SECTION_TOO_LARGE);
}

/* ---- the kept copies: cut to fit, never past their field ---- */

static void limits_kept_copies(void)
{
    static const char *const names[] = { "Content-Type: ", "Location: " };
    size_t n, len, k;
    for (k = 0; k < 2; k++) {
        size_t room = IL_HTTP_LINE_MAX - strlen(names[k]);
        size_t field_cap = k == 0 ? IL_HTTP_CONTENT_TYPE_MAX : IL_HTTP_LOCATION_MAX;
        for (len = 0; len <= room && len < 200; len++) {
            n = put(0, "HTTP/1.1 301 ");
            memset(input + n, 's', len < IL_HTTP_LINE_MAX - n ? len : IL_HTTP_LINE_MAX - n);
            n += len < IL_HTTP_LINE_MAX - n ? len : IL_HTTP_LINE_MAX - n;
            n = put(put(n, "\r\n"), names[k]);
            memset(input + n, 'v', len);
            n = put(n + len, "\r\nContent-Length: 0\r\n\r\n");
            CHECK_EQ_INT(parse(input, n), IL_OK);
            CHECK(resp.status_text[IL_HTTP_STATUS_TEXT_MAX - 1] == '\0');
            CHECK(resp.content_type[IL_HTTP_CONTENT_TYPE_MAX - 1] == '\0');
            CHECK(resp.location[IL_HTTP_LOCATION_MAX - 1] == '\0');
            CHECK_EQ_INT(strlen(k == 0 ? resp.content_type : resp.location),
                         len < field_cap ? len : field_cap - 1);
            CHECK_EQ_INT(strlen(k == 0 ? resp.location : resp.content_type), 0);
            CHECK_EQ_INT(resp.body_len, 0);     /* the field after location */
            CHECK_EQ_INT(resp.status, 301);
            if (check_failed_now) {
                printf("# %s %zu bytes\n", names[k], len);
                return;
            }
        }
    }
}

/* ---- the caller's buffers, through the client ---- */

static fake_transport_t fk;
static il_transport_t tr;
static il_client_t cl;
static uint8_t req_buf[1024], body_buf[1024];
static size_t perms_whole;      /* permissions given with their action and type */

static void count_whole(void *ctx, const il_permission_t *p)
{
    (void)ctx;
    if (p == NULL) perms_whole = 0;
    else if (p->action.p != NULL && p->type.p != NULL) perms_whole++;
}

#define AUTH "{\"id\":\"06c86c40a9f36000\",\"status\":\"inactive\",\"permissions\":" \
             "[{\"action\":\"read\",\"resource\":{\"type\":\"buckets\"}}," \
             "{\"action\":\"write\",\"resource\":{\"type\":\"buckets\"}}]}"

static char answer[512];

static void client_with(size_t req_cap, size_t body_cap)
{
    il_json_scratch_t js = { count_whole, NULL, NULL, 0 };
    fake_transport_init(&fk, &tr);
    snprintf(answer, sizeof answer, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
             "Content-Length: %zu\r\n\r\n%s", strlen(AUTH), AUTH);
    fake_transport_answer_str(&fk, answer);
    memset(req_buf, 0, sizeof req_buf);
    il_client_init(&cl, &tr, "h:1", "t", req_buf, req_cap, body_buf, body_cap, &js);
}

/* The smallest sizes that work, found by asking; one less fails with the
 * documented status, nothing sent when the request does not fit. (The
 * answer needs its "Content-Type: application/json" line and value kept.)
 * The body buffer holds the kept strings only: the ID and the status
 * (24 bytes), and one permission's action and type at a time. */
static void limits_caller_buffers(void)
{
    il_result_t r;
    size_t req_min = 0, i;
    if (IL_HTTP_LINE_MAX < 30 || IL_HTTP_CONTENT_TYPE_MAX <= sizeof "application/json" - 1) {
        printf("# no room for a JSON answer's Content-Type: checked nothing\n");
        return;
    }
    for (i = 1; i < sizeof req_buf && req_min == 0; i++) {
        client_with(i, sizeof body_buf);
        if (il_auth_inactivate(&cl, "06c86c40a9f36000", &r) != IL_ERR_REQUEST_TOO_LARGE)
            req_min = i;
        else
            CHECK_EQ_INT(fk.sent_len, 0);
    }
    CHECK_EQ_INT(r.status, IL_OK);
    CHECK_EQ_INT(req_min, fk.sent_len);                 /* exactly the request */
    for (i = 0; i < sizeof req_buf; i++) CHECK(req_buf[i] == 0);

    client_with(sizeof req_buf, 24 + 12);               /* "write" + "buckets" */
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_INT(perms_whole, 2);
    CHECK_EQ_INT(r.dropped, 0);
    client_with(sizeof req_buf, 24 + 11);               /* the second one's type is dropped */
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    CHECK_EQ_INT(r.auth.perms_count, 2);
    CHECK_EQ_INT(perms_whole, 1);
    CHECK_EQ_INT(r.dropped, 1);
    client_with(sizeof req_buf, 23);                    /* the status did not fit: no verdict */
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_ERR_JSON_TOO_LARGE);
}

/* A JSON answer whose Content-Type was cut: the core decodes the body
 * whatever its type (the caller applies its own check, as the CLI applies
 * Go's) and keeps the type as far as it fits, never past its buffer. */
static void limits_cut_content_type(void)
{
    static const char type[] = "application/json; charset=utf-8";
    il_result_t r;
    size_t n;
    fake_transport_init(&fk, &tr);
    n = (size_t)snprintf(answer, sizeof answer, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                         "Content-Length: %zu\r\n\r\n%s", type, strlen(AUTH), AUTH);
    CHECK(n < sizeof answer);
    fake_transport_answer_str(&fk, answer);
    il_client_init(&cl, &tr, "h:1", "t", req_buf, sizeof req_buf, body_buf, sizeof body_buf,
                   NULL);
    CHECK_EQ_INT(il_auth_inactivate(&cl, "06c86c40a9f36000", &r), IL_OK);
    n = sizeof type - 1 < IL_HTTP_CONTENT_TYPE_MAX - 1 ? sizeof type - 1 : IL_HTTP_CONTENT_TYPE_MAX - 1;
    CHECK_EQ_INT(strlen(r.content_type), n);
    CHECK(strncmp(r.content_type, type, n) == 0);
}

int main(void)
{
    printf("# IL_HTTP_LINE_MAX %d, IL_HTTP_HEADER_SECTION_MAX %d, kept copies %d/%d/%d\n",
           IL_HTTP_LINE_MAX, IL_HTTP_HEADER_SECTION_MAX, IL_HTTP_STATUS_TEXT_MAX,
           IL_HTTP_CONTENT_TYPE_MAX, IL_HTTP_LOCATION_MAX);
    RUN(limits_header_line);
    RUN(limits_status_line);
    RUN(limits_chunk_and_trailer_lines);
    RUN(limits_header_section);
    RUN(limits_section_shared);
    RUN(limits_kept_copies);
    RUN(limits_caller_buffers);
    RUN(limits_cut_content_type);
    return check_summary();
}
