/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_args.c - urfave/cli v1 + Go flag parsing of the CLI. */
#include <stdint.h>
#include "check.h"
#include "../../boards/linux/cli_args.h"
#include "../../boards/linux/cli_values.h"

static const char *env_names[8], *env_values[8];
static size_t env_n;

static const char *fake_env(const char *name)
{
    for (size_t i = 0; i < env_n; i++)
        if (strcmp(env_names[i], name) == 0) return env_values[i];
    return NULL;
}

static cli_args_t a;
static cli_args_scratch_t scratch;

static void parse(const char *const *argv_in, int argc)
{
    static char *argv[CLI_MAX_ARGS];
    for (int i = 0; i < argc; i++) argv[i] = (char *)(uintptr_t)argv_in[i];
    cli_args_parse(&a, &scratch, argc, argv, fake_env);
}
#define PARSE(...) do { const char *v_[] = {"influx-lite", __VA_ARGS__}; \
    parse(v_, (int)(sizeof v_ / sizeof v_[0])); } while (0)

static void test_auth_forms_of_id(void)
{
    env_n = 0;
    PARSE("auth", "inactive", "--id", "X");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN); CHECK_EQ_STR(a.id, "X");
    PARSE("authorization", "inactive", "-i=Y");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN); CHECK_EQ_STR(a.id, "Y");
    PARSE("auth", "inactive", "-id", "Z", "--id=W");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN); CHECK_EQ_STR(a.id, "W");
    CHECK_EQ_INT(a.level, CLI_LEVEL_AUTH_INACTIVE);
}

static void test_x02_two_forms(void)
{
    PARSE("auth", "inactive", "-i", "A", "--id", "A");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "Cannot use two forms of the same flag: i id");
    PARSE("v1", "auth", "set-inactive", "-t", "a", "--token", "b");
    CHECK_EQ_STR(a.err, "Cannot use two forms of the same flag: t token");
}

static void test_x03_needs_argument(void)
{
    PARSE("auth", "inactive", "--id");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "flag needs an argument: -id");
}

static void test_undefined_and_bad_syntax(void)
{
    PARSE("auth", "inactive", "--hosts", "h", "--id", "X");
    CHECK_EQ_STR(a.err, "flag provided but not defined: -hosts");
    PARSE("auth", "inactive", "---id", "X");
    CHECK_EQ_STR(a.err, "bad flag syntax: ---id");
    PARSE("v1", "auth", "set-inactive", "--json=maybe");
    CHECK_EQ_STR(a.err, "invalid boolean value \"maybe\" for -json: parse error");
}

static void test_a09_required(void)
{
    PARSE("auth", "inactive");
    CHECK_EQ_INT(a.action, CLI_ACT_ERROR);
    CHECK(a.with_help);
    CHECK_EQ_STR(a.err, "Required flag \"id\" not set");
    PARSE("auth", "inactive", "--id", "");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(a.id_set);
}

static void test_help_before_required(void)
{
    PARSE("auth", "inactive", "-h");
    CHECK_EQ_INT(a.action, CLI_ACT_HELP);
    CHECK_EQ_INT(a.level, CLI_LEVEL_AUTH_INACTIVE);
    PARSE("v1", "auth", "set-inactive", "foo", "--help");
    CHECK_EQ_INT(a.action, CLI_ACT_HELP);
    PARSE("v1");
    CHECK_EQ_INT(a.action, CLI_ACT_HELP);
    CHECK_EQ_INT(a.level, CLI_LEVEL_V1);
    PARSE("--version");
    CHECK_EQ_INT(a.action, CLI_ACT_VERSION);
}

static void test_reorder_and_positional(void)
{
    PARSE("auth", "inactive", "foo", "--id", "X");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK_EQ_STR(a.id, "X");
    CHECK_EQ_INT(a.npositional, 1);
    CHECK_EQ_STR(a.positional[0], "foo");
    /* a bool flag takes the next bare word along: parsing stops there */
    PARSE("v1", "auth", "set-inactive", "--json", "foo", "--id", "X");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(a.json);
    CHECK(!a.id_set);
    CHECK_EQ_INT(a.npositional, 3);
    CHECK_EQ_STR(a.positional[0], "foo");
    /* "--" stops reordering */
    PARSE("auth", "inactive", "--id", "X", "--", "--json");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(!a.json);
    CHECK_EQ_STR(a.positional[0], "--json");
}

static void test_token_rewrite(void)
{
    PARSE("auth", "inactive", "-t", "-abc", "--id", "X");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK_EQ_STR(a.token, "-abc");
    CHECK_EQ_INT(a.token_warnings, 1);
    CHECK_EQ_STR(a.token_warning_flag[0], "-t");
    PARSE("auth", "inactive", "--token", "a=b", "--id", "X");
    CHECK_EQ_STR(a.token, "a=b");
    CHECK_EQ_INT(a.token_warnings, 0);
    PARSE("-t", "x", "auth", "inactive");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK(a.app_usage);
    CHECK_EQ_STR(a.err, "flag provided but not defined: -t");
}

static void test_env(void)
{
    env_names[0] = "INFLUX_HOST"; env_values[0] = "";
    env_names[1] = "INFLUX_OUTPUT_JSON"; env_values[1] = "True";
    env_names[2] = "INFLUX_TOKEN"; env_values[2] = "envtok";
    env_n = 3;
    PARSE("v1", "auth", "set-inactive", "--id", "X", "-t", "flagtok");
    CHECK(a.host_set); CHECK_EQ_STR(a.host, "");
    CHECK(a.json);
    CHECK_EQ_STR(a.token, "flagtok");
    env_names[0] = "INFLUX_SKIP_VERIFY"; env_values[0] = "abc";
    PARSE("v1", "auth", "set-inactive");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "could not parse abc as bool value for flag skip-verify: "
                        "strconv.ParseBool: parsing \"abc\": invalid syntax");
    env_n = 0;
}

static void test_influx_username(void)
{
    env_names[0] = "INFLUX_USERNAME"; env_values[0] = "bob";
    env_n = 1;
    PARSE("v1", "auth", "set-inactive");
    CHECK_EQ_STR(a.username, "bob"); CHECK(a.username_set);
    PARSE("v1", "auth", "set-inactive", "--id", "X");
    CHECK_EQ_STR(a.username, "");
    PARSE("auth", "inactive", "--id", "X");
    CHECK_EQ_STR(a.username, "");
    env_n = 0;
}

static void test_unknown_commands(void)
{
    PARSE("auth", "list");
    CHECK_EQ_INT(a.action, CLI_ACT_ERROR);
    CHECK_EQ_STR(a.err, "unknown command \"list\" for \"influx auth\"");
    PARSE("bogus");
    CHECK_EQ_STR(a.err, "unknown command \"bogus\" for \"influx\"");
    PARSE("v1", "bogus");
    CHECK_EQ_STR(a.err, "unknown command \"bogus\" for \"influx v1\"");
    PARSE("v1", "authorization", "list");
    CHECK_EQ_STR(a.err, "unknown command \"list\" for \"influx v1 auth\"");
    PARSE("authorization", "list");
    CHECK_EQ_STR(a.err, "unknown command \"list\" for \"influx auth\"");
}

static void test_parse_bool(void)
{
    bool v;
    CHECK(cli_parse_bool("T", &v) && v);
    CHECK(cli_parse_bool("FALSE", &v) && !v);
    CHECK(!cli_parse_bool("yes", &v));
    CHECK(!cli_parse_bool("", &v));
}

static void test_repeated_id_and_ids_from(void)
{
    env_n = 0;
    /* a repeated --id: the last one, as Go's flag package keeps it */
    PARSE("auth", "inactive", "--id", "A", "--id", "B", "--id=C");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK_EQ_STR(a.id, "C");
    PARSE("auth", "inactive", "-i", "A", "-i", "B");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN); CHECK_EQ_STR(a.id, "B");
    /* mixing the two forms stays the official error */
    PARSE("auth", "inactive", "-i", "A", "--id", "B");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "Cannot use two forms of the same flag: i id");
    /* --ids-from satisfies the required --id; "-" keeps its place as the value */
    PARSE("auth", "inactive", "--ids-from", "-", "--host", "http://h");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(a.ids_from_set); CHECK_EQ_STR(a.ids_from, "-"); CHECK_EQ_STR(a.host, "http://h");
    CHECK_EQ_INT(a.npositional, 0);
    PARSE("v1", "auth", "set-inactive", "--ids-from=f.txt");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN); CHECK_EQ_STR(a.ids_from, "f.txt");
    CHECK(!a.username_set);
}

static void test_timeout_retries_flags(void)
{
    env_n = 0;
    PARSE("auth", "inactive", "--id", "X");
    CHECK_EQ_INT(a.timeout_ms, 30000); CHECK_EQ_INT(a.retries, 0);
    PARSE("auth", "inactive", "--id", "X", "--timeout", "1m30s", "--retries", "3");
    CHECK_EQ_INT(a.timeout_ms, 90000); CHECK_EQ_INT(a.retries, 3);
    PARSE("auth", "inactive", "--id", "X", "--timeout", "x");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "invalid value \"x\" for flag -timeout: parse error");
    PARSE("auth", "inactive", "--id", "X", "--timeout", "0");
    CHECK_EQ_STR(a.err, "invalid value \"0\" for flag -timeout: must be positive");
    PARSE("auth", "inactive", "--id", "X", "--retries", "11");
    CHECK_EQ_STR(a.err, "invalid value \"11\" for flag -retries: must be between 0 and 10");
    PARSE("auth", "inactive", "--id", "X", "--retries", "two");
    CHECK_EQ_STR(a.err, "invalid value \"two\" for flag -retries: parse error");
    env_names[0] = "INFLUX_LITE_TIMEOUT"; env_values[0] = "250ms"; env_n = 1;
    PARSE("auth", "inactive", "--id", "X");
    CHECK_EQ_INT(a.timeout_ms, 250);
    PARSE("auth", "inactive", "--id", "X", "--timeout", "2s");
    CHECK_EQ_INT(a.timeout_ms, 2000);                 /* the flag beats the environment */
    env_values[0] = "later";
    PARSE("auth", "inactive", "--id", "X");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "could not parse \"later\" as duration value for flag timeout: "
                        "time: invalid duration \"later\"");
    env_n = 0;
}

static void test_go_durations(void)
{
    int64_t ms;
    bool neg;
    CHECK(cli_parse_duration("30s", &ms, &neg) && ms == 30000 && !neg);
    CHECK(cli_parse_duration("500ms", &ms, &neg) && ms == 500);
    CHECK(cli_parse_duration("1m30s", &ms, &neg) && ms == 90000);
    CHECK(cli_parse_duration("1.5h", &ms, &neg) && ms == 5400000);
    CHECK(cli_parse_duration("1h2m3.5s", &ms, &neg) && ms == 3723500);
    CHECK(cli_parse_duration(".5s", &ms, &neg) && ms == 500);
    CHECK(cli_parse_duration("1.s", &ms, &neg) && ms == 1000);
    CHECK(cli_parse_duration("1500us", &ms, &neg) && ms == 2);          /* rounded up */
    CHECK(cli_parse_duration("1\xc2\xb5s", &ms, &neg) && ms == 1);
    CHECK(cli_parse_duration("0", &ms, &neg) && ms == 0);
    CHECK(cli_parse_duration("-2s", &ms, &neg) && neg);
    CHECK(cli_parse_duration("+2s", &ms, &neg) && !neg && ms == 2000);
    CHECK(!cli_parse_duration("", &ms, &neg));
    CHECK(!cli_parse_duration("30", &ms, &neg));
    CHECK(!cli_parse_duration("s", &ms, &neg));
    CHECK(!cli_parse_duration(".s", &ms, &neg));
    CHECK(!cli_parse_duration("1d", &ms, &neg));
    CHECK(!cli_parse_duration("1s ", &ms, &neg));
    CHECK(!cli_parse_duration("3000000h", &ms, &neg));                  /* overflows int64 ns */
    /* integer arithmetic (no FPU on some MIPS routers): Go's bounds and fractions */
    CHECK(cli_parse_duration("2562047h47m16.854775807s", &ms, &neg) && ms == 9223372036855);   /* 2^63 - 1 ns */
    CHECK(!cli_parse_duration("2562047h47m16.854775808s", &ms, &neg));  /* 2^63 ns */
    CHECK(cli_parse_duration("-2562047h47m16.854775808s", &ms, &neg) && neg);
    CHECK(!cli_parse_duration("9223372036854775809ns", &ms, &neg));
    CHECK(cli_parse_duration("0.000001ms", &ms, &neg) && ms == 1);      /* 1 ns, rounded up */
    CHECK(cli_parse_duration("0.0000000000000000001h", &ms, &neg) && ms == 0);  /* below 1 ns */
    CHECK(cli_parse_duration("1.000000000000000000000000001s", &ms, &neg) && ms == 1000);
    CHECK(cli_parse_duration("0.25m", &ms, &neg) && ms == 15000);
    CHECK(cli_parse_duration("1.5\xce\xbcs", &ms, &neg) && ms == 1);
    CHECK(cli_parse_duration("3.000000001s", &ms, &neg) && ms == 3001);
    CHECK(cli_parse_duration("1h0.5m", &ms, &neg) && ms == 3630000);
    CHECK(!cli_parse_duration("1..5s", &ms, &neg));
    CHECK(!cli_parse_duration("-", &ms, &neg));
}

static void test_pins(void)
{
    uint8_t d[32], want[32];
    for (int i = 0; i < 32; i++) want[i] = (uint8_t)(i * 7 + 1);
    /* base64 of want: computed by hand below, standard and URL alphabets */
    static const char hex[] = "01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd3da";
    CHECK(cli_parse_pin(hex, d) && memcmp(d, want, 32) == 0);
    CHECK(cli_parse_pin("01:08:0F:16:1D:24:2B:32:39:40:47:4E:55:5C:63:6A:71:78:7F:86:8D:94:9B:A2:A9:B0:B7:BE:C5:CC:D3:DA",
                        d) && memcmp(d, want, 32) == 0);
    CHECK(cli_parse_pin("AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=", d) && memcmp(d, want, 32) == 0);
    CHECK(cli_parse_pin("sha256//AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=", d) && memcmp(d, want, 32) == 0);
    CHECK(cli_parse_pin("AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o", d) && memcmp(d, want, 32) == 0);
    CHECK(!cli_parse_pin("AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09p=", d));   /* stray low bits */
    CHECK(!cli_parse_pin("sha256//01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd3da", d));
    CHECK(!cli_parse_pin("01080f", d));
    CHECK(!cli_parse_pin("", d));
    PARSE("auth", "inactive", "--id", "X", "--pin-sha256", hex);
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(a.pin_set && memcmp(a.pin, want, 32) == 0);
    PARSE("auth", "inactive", "--id", "X", "--pin-sha256", "nope");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
}

/* The hidden flags (influx-cli cmd/influx/global.go coreFlags): accepted by
 * both commands, the trace ID set by its variable even empty (urfave IsSet),
 * the extra headers from the variable (split at commas, strings.TrimSpace)
 * then every flag, in order. */
static void test_hidden_flags(void)
{
    env_n = 0;
    PARSE("auth", "inactive", "--id", "X", "--trace-debug-id", "t1", "--extra-http-header", "a:1",
          "--extra-http-header=b:2");
    CHECK_EQ_INT(a.action, CLI_ACT_RUN);
    CHECK(a.trace_id_set);
    CHECK_EQ_STR(a.trace_id, "t1");
    CHECK_EQ_INT(a.nextra, 2);
    CHECK(a.extra[0].n == 3 && memcmp(a.extra[0].p, "a:1", 3) == 0);
    CHECK(a.extra[1].n == 3 && memcmp(a.extra[1].p, "b:2", 3) == 0);
    PARSE("v1", "auth", "set-inactive", "--id", "X");
    CHECK(!a.trace_id_set);
    CHECK_EQ_INT(a.nextra, 0);
    env_names[0] = "INFLUX_TRACE_DEBUG_ID";
    env_values[0] = "";
    env_names[1] = "INFLUX_EXTRA_HTTP_HEADER";
    env_values[1] = " x:1 ,\t\xc2\xa0y: 2\xe3\x80\x80, ";
    env_n = 2;
    PARSE("v1", "auth", "set-inactive", "--id", "X", "--extra-http-header", "z:3 ");
    CHECK(a.trace_id_set);
    CHECK_EQ_STR(a.trace_id, "");
    CHECK_EQ_INT(a.nextra, 4);
    CHECK(a.extra[0].n == 3 && memcmp(a.extra[0].p, "x:1", 3) == 0);
    CHECK(a.extra[1].n == 4 && memcmp(a.extra[1].p, "y: 2", 4) == 0);
    CHECK_EQ_INT(a.extra[2].n, 0);
    CHECK(a.extra[3].n == 4 && memcmp(a.extra[3].p, "z:3 ", 4) == 0);
    env_n = 0;
    PARSE("auth", "inactive", "--id", "X", "--extra-http-header");
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "flag needs an argument: -extra-http-header");
}

static void test_too_many_extra_headers(void)
{
    const char *v[3 + 2 * (CLI_MAX_EXTRA_HEADERS + 1)];
    int n = 0;
    env_n = 0;
    v[n++] = "influx-lite";
    v[n++] = "auth";
    v[n++] = "inactive";
    for (int i = 0; i <= CLI_MAX_EXTRA_HEADERS && n + 1 < (int)(sizeof v / sizeof v[0]); i++) {
        v[n++] = "--extra-http-header";
        v[n++] = "x:1";
    }
    parse(v, n);
    CHECK_EQ_INT(a.action, CLI_ACT_USAGE);
    CHECK_EQ_STR(a.err, "too many --extra-http-header values (at most 32)");
}

/* Go's base64.StdEncoding.DecodeString and its CorruptInputError offsets
 * (encoding/base64 decodeQuantum): CR and LF skipped, '=' padding needed. */
static void test_go_base64(void)
{
    static const struct {
        const char *in, *out;
        int r;
        size_t bad;
    } cases[] = {
        {"bXl1c2VyOnB3", "myuser:pw", 0, 0},  {"bXl1\r\nc2Vy", "myuser", 0, 0}, {"Zg==", "f", 0, 0},
        {"Zm8=", "fo", 0, 0},                  {"", "", 0, 0},                  {"Zg", NULL, -1, 0},
        {"bXl1c2VyOnB3ZA", NULL, -1, 12},      {"Zg=", NULL, -1, 3},            {"Zg=x", NULL, -1, 2},
        {"Z===", NULL, -1, 1},                 {"Zg==x", NULL, -1, 4},          {"ab!d", NULL, -1, 2},
        {"Zm8=Zm8=", NULL, -1, 4},             {"Zm9v-A==", NULL, -1, 4},       {"Zg=\n=", "f", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t out[32];
        size_t n = 99, bad = 99;
        int r = cli_b64_std_decode(cases[i].in, strlen(cases[i].in), out, sizeof out, &n, &bad);
        CHECK_EQ_INT(r, cases[i].r);
        if (r == 0) CHECK(n == strlen(cases[i].out) && memcmp(out, cases[i].out, n) == 0);
        else CHECK_EQ_INT(bad, cases[i].bad);
    }
    uint8_t small[2];
    size_t n, bad;
    CHECK_EQ_INT(cli_b64_std_decode("Zm9v", 4, small, sizeof small, &n, &bad), -2);
}

int main(void)
{
    RUN(test_auth_forms_of_id);
    RUN(test_x02_two_forms);
    RUN(test_x03_needs_argument);
    RUN(test_undefined_and_bad_syntax);
    RUN(test_a09_required);
    RUN(test_help_before_required);
    RUN(test_reorder_and_positional);
    RUN(test_token_rewrite);
    RUN(test_env);
    RUN(test_influx_username);
    RUN(test_unknown_commands);
    RUN(test_parse_bool);
    RUN(test_repeated_id_and_ids_from);
    RUN(test_timeout_retries_flags);
    RUN(test_go_durations);
    RUN(test_pins);
    RUN(test_hidden_flags);
    RUN(test_too_many_extra_headers);
    RUN(test_go_base64);
    return check_summary();
}
