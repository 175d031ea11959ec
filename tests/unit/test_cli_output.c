/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_output.c - Go tabwriter, Go JSON string encoding, Go %q, the
 * permission strings and the printed table / JSON object. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "check.h"
#include "../../boards/linux/cli_json_out.h"
#include "../../boards/linux/cli_perms.h"
#include "../../boards/linux/cli_print.h"
#include "../../boards/linux/cli_tabwriter.h"

/* the tabwriter's and the table's memory, as the CLI owns it */
static cli_tw_t tw_mem;
static cli_tw_line_t tw_more[CLI_TW_MAX_LINES];
static char table_mem[512 * 1024];
static cli_table_t table;

/* A permission list of n permissions, as the decoder hands them over. */
static char perms_mem[4096];
static cli_perms_t *perms_of(cli_perms_t *l, const il_permission_t *p, size_t n)
{
    cli_perms_init(l, perms_mem, sizeof perms_mem);
    for (size_t i = 0; i < n; i++) cli_perms_add(l, &p[i]);
    return l;
}

static char mem[8192];
static cli_buf_t b;

static const char *tw(const char *in)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    CHECK(cli_tabwriter(&tw_mem, &b, in, strlen(in), 0, 8, 1, '\t'));
    mem[b.len] = '\0';
    return mem;
}

static void test_tabwriter_widths(void)
{
    /* 16 runes + padding 1 = 17 -> 24: 1 TAB after 16 chars; "ID" 2 -> 3 TABs */
    CHECK_EQ_STR(tw("ID\tx\n0123456789abcdef\ty\n"), "ID\t\t\tx\n0123456789abcdef\ty\n");
    /* exactly 7 runes: width 8 -> one TAB; 8 runes: width 9 -> 16 */
    CHECK_EQ_STR(tw("1234567\tx\n1\ty\n"), "1234567\tx\n1\ty\n");
    CHECK_EQ_STR(tw("12345678\tx\n1\ty\n"), "12345678\tx\n1\t\ty\n");
    /* the last cell is never padded */
    CHECK_EQ_STR(tw("a\tlong last cell\nb\tc\n"), "a\tlong last cell\nb\tc\n");
}

static void test_tabwriter_empty_cells_and_utf8(void)
{
    /* empty cell: ceil(w/8) TABs */
    CHECK_EQ_STR(tw("ID\tDescription\tU\n0a1b2c3d4e5f6a7b\t\tx\n"),
                 "ID\t\t\tDescription\tU\n0a1b2c3d4e5f6a7b\t\t\tx\n");
    /* 7 runes of 2 bytes each count as 7: one TAB */
    CHECK_EQ_STR(tw("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\tx\na\ty\n"),
                 "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\tx\na\ty\n");
    /* an invalid byte counts as one rune */
    CHECK_EQ_INT(cli_utf8_count("\xff\xc3\xa9", 3), 2);
    /* a line with fewer cells ends the column block */
    CHECK_EQ_STR(tw("aaaaaaaaaaaa\tb\nc\nd\te\n"), "aaaaaaaaaaaa\tb\nc\nd\te\n");
}

/* Go's text/tabwriter Write: '\v' ends a cell as '\t' does (padded with
 * TABs: padchar is '\t'), '\f' ends the line and flushes, so the lines
 * after it are aligned apart, and is written as a newline. Outputs of Go's
 * own text/tabwriter for these inputs, NewWriter(w, 0, 8, 1, '\t', 0) as
 * influx-cli's clients/cli.go PrintTable makes it. */
static void test_tabwriter_vt_and_ff(void)
{
    CHECK_EQ_STR(tw("ID\tDescription\tToken\n0123456789abcdef\ta\vb\tc\n"),
                 "ID\t\t\tDescription\tToken\n0123456789abcdef\ta\t\tb\tc\n");
    CHECK_EQ_STR(tw("ID\tDescription\tToken\n0123456789abcdef\tx\fy\tc\n"),
                 "ID\t\t\tDescription\tToken\n0123456789abcdef\tx\ny\tc\n");
    CHECK_EQ_STR(tw("a\vbbbbbbbbbbbb\tc\n\vd\te\n"), "a\tbbbbbbbbbbbb\tc\n\td\t\te\n");
    CHECK_EQ_STR(tw("x\f\fy\tz\n"), "x\n\ny\tz\n");
}

/* A text of more lines than the scratch holds itself goes on in the
 * caller's lines: the column spans all of them (its widest cell on the
 * last line); without the caller's lines, such a text is refused and a
 * short one still fits; widths that would not fit 32 bits, and
 * CLI_TW_MAX_LINES line ends (the empty line after the last one is a
 * line), refused. */
static void test_tabwriter_lines_past_the_few(void)
{
    static char in[CLI_TW_MAX_LINES * 4 + 1];
    char want[512];
    size_t n = 0, w = 0;
    for (int i = 0; i < CLI_TW_FEW_LINES + 3; i++) {
        n += (size_t)snprintf(in + n, sizeof in - n, "%s\ty\n", i == CLI_TW_FEW_LINES + 2 ? "0123456789" : "a");
        w += (size_t)snprintf(want + w, sizeof want - w, "%s\ty\n", i == CLI_TW_FEW_LINES + 2 ? "0123456789" : "a\t");
    }
    CHECK_EQ_STR(tw(in), want);
    cli_tw_init(&tw_mem, NULL);
    cli_buf_init(&b, mem, sizeof mem - 1);
    CHECK(!cli_tabwriter(&tw_mem, &b, in, n, 0, 8, 1, '\t'));
    CHECK_EQ_INT(b.len, 0);
    CHECK_EQ_STR(tw("a\tb\ncc\td\n"), "a\tb\ncc\td\n");
    cli_tw_init(&tw_mem, tw_more);
    /* widths past 32 bits (the text's length plus the padding): refused */
    cli_buf_init(&b, mem, sizeof mem - 1);
    CHECK(!cli_tabwriter(&tw_mem, &b, "a\tb\n", 4, 0, 8, UINT32_MAX, '\t'));
    CHECK_EQ_INT(b.len, 0);
    for (n = 0; n < CLI_TW_MAX_LINES * 4; n += 4) memcpy(in + n, "a\tb\n", 4);
    CHECK(!cli_tabwriter(&tw_mem, &b, in, n, 0, 8, 1, '\t'));
    CHECK(cli_tabwriter(&tw_mem, &b, in, n - 4, 0, 8, 1, '\t'));
}

static void test_tabwriter_help_layout(void)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    const char *in = "   --id value\tThe ID\n   --username value\tThe username\n";
    CHECK(cli_tabwriter(&tw_mem, &b, in, strlen(in), 1, 8, 2, ' '));
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "   --id value        The ID\n   --username value  The username\n");
}

static const char *js(const char *s, size_t n)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_json_string(&b, s, n);
    mem[b.len] = '\0';
    return mem;
}

static void test_json_escaping(void)
{
    CHECK_EQ_STR(js("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    CHECK_EQ_STR(js("<>&", 3), "\"\\u003c\\u003e\\u0026\"");
    CHECK_EQ_STR(js("\b\f\n\r\t\x01\x1f\x7f", 8), "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"");
    CHECK_EQ_STR(js("\xe2\x80\xa8\xe2\x80\xa9", 6), "\"\\u2028\\u2029\"");
    /* Go decoded the string first: invalid UTF-8 is U+FFFD, written as it is */
    CHECK_EQ_STR(js("a\xff" "b\xc3", 4), "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
    CHECK_EQ_STR(js("\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");   /* surrogate */
    CHECK_EQ_STR(js("\xc3\xa9\xf0\x9f\x98\x80", 6), "\"\xc3\xa9\xf0\x9f\x98\x80\"");
    CHECK_EQ_STR(js("x\0y", 3), "\"x\\u0000y\"");
}

/* decode.go unquoteBytes keeps valid UTF-8 and makes each byte of an
 * invalid sequence U+FFFD (utf8.DecodeRune one byte at a time): overlong
 * forms, surrogates, past U+10FFFF, cut sequences. */
static void test_decoded_strings_as_go(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "plain \xc3\xa9 \xf0\x9f\x98\x80", "plain \xc3\xa9 \xf0\x9f\x98\x80" },
        { "a\xffz", "a\xef\xbf\xbdz" },
        { "\xe2\x82" "A", "\xef\xbf\xbd\xef\xbf\xbd" "A" },
        { "\xe0\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
        { "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
        { "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
        { "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },
        { "\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        il_str_t in = {cases[i].in, strlen(cases[i].in)};
        cli_buf_init(&b, mem, sizeof mem - 1);
        cli_put_decoded(&b, in);
        mem[b.len] = '\0';
        CHECK_EQ_STR(mem, cases[i].out);
    }
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_decoded(&b, (il_str_t){NULL, 0});
    CHECK_EQ_INT(b.len, 0);
}

static const char *q(const char *s, size_t n)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_quoted(&b, s, n);
    mem[b.len] = '\0';
    return mem;
}

static void test_go_quote(void)
{
    CHECK_EQ_STR(q("abc", 3), "\"abc\"");
    CHECK_EQ_STR(q("a\"\\", 3), "\"a\\\"\\\\\"");
    CHECK_EQ_STR(q("\n\t\a\x01\x7f", 5), "\"\\n\\t\\a\\x01\\x7f\"");
    CHECK_EQ_STR(q("\xff", 1), "\"\\xff\"");
    CHECK_EQ_STR(q("\xc3\xa9", 2), "\"\xc3\xa9\"");
    CHECK_EQ_STR(q("\xc2\x85", 2), "\"\\u0085\"");
}

static const char *esc(const char *s, size_t n)
{
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_put_escaped(&b, s, n);
    mem[b.len] = '\0';
    return mem;
}

/* Server text on stderr: C0, DEL, C1 and invalid UTF-8 escaped as
 * strconv.Quote escapes them; quotes, backslashes and the rest as they are. */
static void test_escaped_server_text(void)
{
    CHECK_EQ_STR(esc("plain \"q\" \\ text", 16), "plain \"q\" \\ text");
    CHECK_EQ_STR(esc("a\r\nb\tc\x1b[31m\a\b\f\v\x01", 16), "a\\r\\nb\\tc\\x1b[31m\\a\\b\\f\\v\\x01");
    CHECK_EQ_STR(esc("x\0y", 3), "x\\x00y");
    CHECK_EQ_STR(esc("\x7f", 1), "\\x7f");
    CHECK_EQ_STR(esc("\xc2\x80\xc2\x9b\xc2\x9f\xc2\xa0", 8), "\\u0080\\u009b\\u009f\xc2\xa0");  /* C1; NBSP stays */
    CHECK_EQ_STR(esc("\x9b\xff\xc3", 3), "\\x9b\\xff\\xc3");                  /* raw C1 byte, invalid, cut */
    CHECK_EQ_STR(esc("\xc3\xa9\xe2\x80\xae\xf0\x9f\x98\x80", 9), "\xc3\xa9\xe2\x80\xae\xf0\x9f\x98\x80");
    CHECK_EQ_STR(esc("\xed\xa0\x80", 3), "\\xed\\xa0\\x80");                  /* a surrogate is invalid */
}

/* A line cut by a full buffer still ends with a newline, after a whole
 * UTF-8 sequence. */
static void test_cut_line_ends(void)
{
    char small[8];
    cli_buf_t c;
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "Error: too long");
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "Error: \n", 8);
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "abcdef\xc3\xa9X");               /* the newline would split the é */
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "abcdef\n", 7);
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "abcd\xf0\x9f\x98\x80X");           /* ... or the emoji after its lead byte */
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "abcd\n", 5);
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "abcde\xc3\xa9\xc3\xa9");          /* the first é stays whole */
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "abcde\xc3\xa9\n", 8);
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "abcd\xc3\xa9\xe2\x82\xac");    /* the newline replaces the euro sign's bytes */
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "abcd\xc3\xa9\n", 7);
    cli_buf_init(&c, small, sizeof small);
    cli_puts(&c, "short\n");                        /* not cut: unchanged */
    cli_buf_end_line(&c);
    CHECK_EQ_MEM(c.p, c.len, "short\n", 6);
}

/* A write that fails is remembered; nothing more is written; the bytes are
 * lost (and wiped). A buffer failed from the start loses only what is
 * meant for it. */
static void test_lost_output(void)
{
    char m[16];
    cli_buf_t o;
    int fd = open("/dev/full", O_WRONLY);
    cli_buf_init(&o, m, sizeof m);
    CHECK_EQ_INT(cli_buf_flush(&o, fd), 0);            /* nothing to write: nothing lost */
    CHECK(!o.lost);
    cli_puts(&o, "row");
    if (fd >= 0) {
        CHECK_EQ_INT(cli_buf_flush(&o, fd), -1);
        CHECK_EQ_INT(o.write_errno, ENOSPC);
        CHECK(o.lost);
        CHECK_EQ_INT(o.len, 0);
        close(fd);
    }
    cli_buf_init(&o, m, sizeof m);
    cli_buf_fail(&o, EBADF);
    CHECK(!o.lost);
    cli_puts(&o, "x");
    CHECK_EQ_INT(cli_buf_flush(&o, 1), -1);              /* never written to fd 1 */
    CHECK(o.lost);
    CHECK_EQ_INT(o.write_errno, EBADF);
    CHECK_EQ_INT(m[0], 0);                               /* wiped */
}

static il_str_t S(const char *s)
{
    il_str_t r = {s, s != NULL ? strlen(s) : 0};
    return r;
}

static void test_permission_strings(void)
{
    il_permission_t p[3] = {
        {S("read"), S("buckets"), S(NULL), S("O")},
        {S("write"), S("buckets"), S("B"), S("O")},
        {S("read"), S("authorizations"), S(NULL), S(NULL)},
    };
    const char *want[3] = {"read:orgs/O/buckets", "write:orgs/O/buckets/B", "read:/authorizations"};
    for (int i = 0; i < 3; i++) {
        cli_buf_init(&b, mem, sizeof mem - 1);
        cli_put_permission(&b, &p[i]);
        mem[b.len] = '\0';
        CHECK_EQ_STR(mem, want[i]);
    }
}

/* The list keeps each permission's printed text, in order; one that does
 * not fit marks the list, and NULL starts it again. */
static void test_permission_list(void)
{
    static char small[40];
    il_permission_t p[2] = {{S("read"), S("buckets"), S("B"), S("O")}, {S("write"), S("users"), S(NULL), S(NULL)}};
    cli_perms_t l;
    const char *t;
    size_t n, at = 0;
    perms_of(&l, p, 2);
    CHECK_EQ_INT(l.count, 2);
    CHECK(cli_perms_next(&l, &at, &t, &n) && n == 21 && memcmp(t, "read:orgs/O/buckets/B", 21) == 0);
    CHECK(cli_perms_next(&l, &at, &t, &n) && n == 12 && memcmp(t, "write:/users", 12) == 0);
    CHECK(!cli_perms_next(&l, &at, &t, &n));
    cli_perms_init(&l, small, sizeof small);
    cli_perms_add(&l, &p[0]);
    cli_perms_add(&l, &p[1]);
    CHECK(l.overflow);
    CHECK_EQ_INT(l.count, 1);
    cli_perms_add(&l, NULL);
    CHECK(!l.overflow && l.count == 0 && l.len == 0);
}

static void test_v1_table_and_json(void)
{
    il_permission_t p = {S("read"), S("buckets"), S("0c1d2e3f40516273"), S("0a1b2c3d4e5f6071")};
    cli_perms_t l;
    cli_row_t row = {S("06c86c40a9f36000"), S("my legacy auth"), S("myv1user"), S("inactive"),
                     S("myuser"), S("0b1c2d3e4f506172"), perms_of(&l, &p, 1)};
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_table(&table, &b, &row, true, false);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "ID\t\t\tDescription\tUsername\tv2 User Name\tv2 User ID\t\tPermissions\n"
                      "06c86c40a9f36000\tmy legacy auth\tmyv1user\tmyuser\t\t0b1c2d3e4f506172\t"
                      "[read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n");
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_table(&table, &b, &row, true, true);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "06c86c40a9f36000\tmy legacy auth\tmyv1user\tmyuser\t0b1c2d3e4f506172\t"
                      "[read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n");
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_json(&b, &row);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "{\n\t\"id\": \"06c86c40a9f36000\",\n\t\"description\": \"my legacy auth\",\n"
                      "\t\"token\": \"myv1user\",\n\t\"status\": \"inactive\",\n\t\"userName\": \"myuser\",\n"
                      "\t\"userID\": \"0b1c2d3e4f506172\",\n\t\"permissions\": [\n"
                      "\t\t\"read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273\"\n\t]\n}\n");
}

static void test_empty_row(void)
{
    cli_row_t row;
    cli_perms_t l;
    memset(&row, 0, sizeof row);
    row.perms = perms_of(&l, NULL, 0);
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_json(&b, &row);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "{\n\t\"id\": \"\",\n\t\"description\": \"\",\n\t\"token\": \"\",\n\t\"status\": \"\",\n"
                      "\t\"userName\": \"\",\n\t\"userID\": \"\",\n\t\"permissions\": []\n}\n");
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_table(&table, &b, &row, false, true);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "\t\t\t\t\t[]\n");
}

static void test_buffer_overflow_flagged(void)
{
    char small[4];
    cli_buf_t s;
    cli_buf_init(&s, small, sizeof small);
    cli_puts(&s, "abcdef");
    CHECK(s.overflow);
    CHECK_EQ_INT(s.len, 4);
}

/* cli_buf_move takes an empty buffer elsewhere, keeping how it is written;
 * one that holds bytes stays where it is. */
static void test_buffer_move_only_empty(void)
{
    char a[16], c[16];
    cli_buf_t s;
    cli_buf_init(&s, a, sizeof a);
    cli_buf_stream(&s, 7);
    cli_buf_fail(&s, EBADF);
    CHECK(cli_buf_move(&s, c, sizeof c));
    CHECK(s.p == c && s.cap == sizeof c && s.stream_fd == 7 && s.write_errno == EBADF);
    s.write_errno = 0;
    cli_puts(&s, "x");
    CHECK(!cli_buf_move(&s, a, sizeof a));
    CHECK(s.p == c && s.len == 1);
}

/* A single run's row (cli_run.c): its text right after the permissions'
 * text, stdout's right after the row's, in one memory; what is printed is
 * cli_print_table's. A row larger than the table memory is cut as before,
 * from the table memory itself (stdout then stays where it was). */
static void test_table_in_two_steps(void)
{
    static char one[64 * 1024], want[8192];
    il_permission_t p = {S("write"), S("buckets"), S("0c1d2e3f40516273"), S("0a1b2c3d4e5f6071")};
    cli_perms_t l;
    cli_row_t row = {S("06c86c40a9f36000"), S("desc"), S("tok"), S("inactive"), S("u"), S("0b1c2d3e4f506172"), &l};
    cli_perms_init(&l, one, sizeof one);
    cli_perms_add(&l, &p);
    cli_buf_init(&b, want, sizeof want - 1);
    cli_table_init(&table, table_mem, sizeof table_mem, &tw_mem);
    cli_print_table(&table, &b, &row, false, false);
    want[b.len] = '\0';
    cli_table_init(&table, one + l.len, 4096, &tw_mem);
    CHECK(cli_table_row(&table, &row, false, false));
    CHECK(table.text.p == one + l.len && table.text.len > 0);
    cli_buf_init(&b, mem, sizeof mem);
    CHECK(cli_buf_move(&b, one + l.len + table.text.len, sizeof one - l.len - table.text.len - 1));
    cli_table_row_out(&table, &b, &row, true);
    b.p[b.len] = '\0';
    CHECK_EQ_STR(b.p, want);
    CHECK(!b.overflow);
    /* too large for its memory: what fits, unaligned, overflow said */
    cli_table_init(&table, one + l.len, 40, &tw_mem);
    CHECK(!cli_table_row(&table, &row, false, false));
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_table_row_out(&table, &b, &row, false);
    CHECK(b.overflow);
    CHECK_EQ_INT(b.len, 40);
    CHECK(memcmp(mem, "06c86c40a9f36000\tdesc\ttok\t", 26) == 0);
}

static char big[600 * 1024];

static void test_batch_table_many_rows(void)
{
    /* 3,000 rows (more than the old 64-line limit): one header, one layout */
    il_permission_t p = {S("read"), S("buckets"), S(NULL), S("0a1b2c3d4e5f6071")};
    cli_perms_t l;
    char ids[3000][17];
    perms_of(&l, &p, 1);
    cli_buf_t o;
    cli_buf_init(&o, big, sizeof big - 1);
    cli_table_init(&table, table_mem, sizeof table_mem, &tw_mem);
    cli_table_begin(&table, false, false);
    for (int i = 0; i < 3000; i++) {
        snprintf(ids[i], sizeof ids[i], "%016x", i + 1);
        cli_row_t row = {{ids[i], 16}, S(i == 7 ? "a much longer description" : "d"), S("tok"),
                         S("inactive"), S("myuser"), S("0b1c2d3e4f506172"), &l};
        cli_table_put(&table, &o, &row);
    }
    CHECK_EQ_INT(table.rows, 3000);
    cli_table_flush(&table, &o);
    CHECK(!o.overflow);
    big[o.len] = '\0';
    static const char head[] = "ID\t\t\tDescription\t\t\tToken\tUser Name\tUser ID\t\t\tPermissions\n"
                               "0000000000000001\td\t\t\t\ttok\tmyuser\t\t0b1c2d3e4f506172\t"
                               "[read:orgs/0a1b2c3d4e5f6071/buckets]\n";
    CHECK(strncmp(big, head, sizeof head - 1) == 0);
    size_t lines = 0;
    for (size_t i = 0; i < o.len; i++) lines += big[i] == '\n';
    CHECK_EQ_INT(lines, 3001);
    CHECK(strstr(big, "0000000000000bb8\td\t\t\t\ttok\t") != NULL);
}

static void test_batch_json_array(void)
{
    il_permission_t p = {S("read"), S("buckets"), S(NULL), S("O")};
    cli_perms_t l, l0;
    static char mem0[8];
    cli_row_t row = {S("A"), S("d"), S("t"), S("inactive"), S("u"), S("U"), perms_of(&l, &p, 1)};
    cli_row_t row0 = {S("B"), S("d"), S("t"), S("inactive"), S("u"), S("U"), &l0};
    cli_perms_init(&l0, mem0, sizeof mem0);
    cli_buf_init(&b, mem, sizeof mem - 1);
    cli_print_json_item(&b, &row, true);
    cli_print_json_item(&b, &row0, false);
    cli_print_json_end(&b, true);
    mem[b.len] = '\0';
    CHECK_EQ_STR(mem, "[\n\t{\n\t\t\"id\": \"A\",\n\t\t\"description\": \"d\",\n\t\t\"token\": \"t\",\n"
                      "\t\t\"status\": \"inactive\",\n\t\t\"userName\": \"u\",\n\t\t\"userID\": \"U\",\n"
                      "\t\t\"permissions\": [\n\t\t\t\"read:orgs/O/buckets\"\n\t\t]\n\t},\n"
                      "\t{\n\t\t\"id\": \"B\",\n\t\t\"description\": \"d\",\n\t\t\"token\": \"t\",\n"
                      "\t\t\"status\": \"inactive\",\n\t\t\"userName\": \"u\",\n\t\t\"userID\": \"U\",\n"
                      "\t\t\"permissions\": []\n\t}\n]\n");
}

static void test_stream_buffer(void)
{
    /* a streaming buffer never drops: what does not fit goes to the fd */
    int fds[2];
    char small[8], got[64];
    CHECK(pipe(fds) == 0);
    cli_buf_t s;
    cli_buf_init(&s, small, sizeof small);
    cli_buf_stream(&s, fds[1]);
    cli_puts(&s, "abcdef");
    cli_puts(&s, "ghij");
    cli_puts(&s, "0123456789abcdefXYZ");
    cli_buf_flush(&s, fds[1]);
    close(fds[1]);
    ssize_t n = read(fds[0], got, sizeof got - 1);
    close(fds[0]);
    CHECK(n > 0);
    got[n > 0 ? n : 0] = '\0';
    CHECK(!s.overflow);
    CHECK_EQ_STR(got, "abcdefghij0123456789abcdefXYZ");
}

int main(void)
{
    cli_table_init(&table, table_mem, sizeof table_mem, &tw_mem);
    cli_tw_init(&tw_mem, tw_more);
    RUN(test_tabwriter_widths);
    RUN(test_tabwriter_lines_past_the_few);
    RUN(test_batch_table_many_rows);
    RUN(test_batch_json_array);
    RUN(test_stream_buffer);
    RUN(test_tabwriter_empty_cells_and_utf8);
    RUN(test_tabwriter_help_layout);
    RUN(test_tabwriter_vt_and_ff);
    RUN(test_permission_list);
    RUN(test_json_escaping);
    RUN(test_go_quote);
    RUN(test_escaped_server_text);
    RUN(test_cut_line_ends);
    RUN(test_lost_output);
    RUN(test_decoded_strings_as_go);
    RUN(test_permission_strings);
    RUN(test_v1_table_and_json);
    RUN(test_empty_row);
    RUN(test_buffer_overflow_flagged);
    RUN(test_buffer_move_only_empty);
    RUN(test_table_in_two_steps);
    return check_summary();
}
