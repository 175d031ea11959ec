/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_config.c - the configs file reader: decoding into configs
 * (decode.go's rules and texts), selection with -c and -c - (config/local.go's
 * texts), loading, the default path. TOML itself: tests/toml/cases.txt. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "../../boards/linux/cli_config.h"

static char text[4096];
static char emem[512];
static cli_buf_t err;
static cli_configs_t cs;
static cli_config_mem_t cs_mem;
static cli_config_t got;

static bool parse(const char *s)
{
    size_t n = strlen(s);
    memcpy(text, s, n + 1);
    cli_buf_init(&err, emem, sizeof emem - 1);
    cs.loaded = true;
    bool ok = cli_config_parse(text, n, &cs, &err);
    emem[err.len] = '\0';
    return ok;
}

static const cli_config_t *nth(size_t k)
{
    cli_config_get(&cs, k, &got);
    return &got;
}

static void test_official_file(void)
{
    CHECK(parse("[mock]\n  url = \"http://127.0.0.1:18086\"\n  token = \"mytoken\"\n  org = \"myorg\"\n"
                "  active = true\n# \n# [eu-central]\n#   url = \"https://x\"\n"));
    CHECK_EQ_INT(cs.count, 1);
    CHECK_EQ_STR(nth(0)->name, "mock");
    CHECK_EQ_STR(got.url, "http://127.0.0.1:18086");
    CHECK_EQ_STR(got.token, "mytoken");
    CHECK_EQ_STR(got.org, "myorg");
    CHECK_EQ_STR(got.cookie, "");
    CHECK(got.active);
    CHECK(!got.previous);
}

static void test_any_toml_shape(void)
{
    CHECK(parse("\xef\xbb\xbfinline = {url = \"i\", active = true}\nk.url = '''kk'''\n"
                "[\"my cfg\"]\r\nURL = 'C:\\raw'\r\nToKen = \"a\\tb\\u00e9\\U0001F600\\\"\\\\\" # c\r\n"
                "cookie = \"x\"\nfoo = [1, {a = 2}]\nprevious = false\nsub.x = 1\n[\"my cfg\".deeper]\n"
                "url = 5\n['lit']\nurl=\"\"\"\nu\"\"\"\n"
                "[dotted]\nname = \"ignored: toml:\\\"-\\\"\"\n"));
    CHECK_EQ_INT(cs.count, 5);
    CHECK_EQ_STR(nth(0)->name, "inline");
    CHECK_EQ_STR(got.url, "i");
    CHECK(got.active);
    CHECK_EQ_STR(nth(1)->name, "k");
    CHECK_EQ_STR(got.url, "kk");
    CHECK_EQ_STR(nth(2)->name, "my cfg");
    CHECK_EQ_STR(got.url, "C:\\raw");
    CHECK_EQ_STR(got.token, "a\tb\xc3\xa9\xf0\x9f\x98\x80\"\\");
    CHECK_EQ_STR(got.cookie, "x");
    CHECK_EQ_STR(nth(3)->name, "lit");
    CHECK_EQ_STR(got.url, "u");
    CHECK_EQ_STR(got.token, "");
    CHECK_EQ_STR(nth(4)->name, "dotted");
    /* strings.EqualFold: the Kelvin sign folds to k, the long s to s */
    CHECK(parse("[a]\n\"to\xe2\x84\xaa" "en\" = \"t\"\n\"previou\xc5\xbf\" = true\n"));
    CHECK_EQ_STR(nth(0)->token, "t");
    CHECK(got.previous);
    /* \u0000 in a value: still a control byte for the CLI's checks */
    CHECK(parse("[a]\ntoken = \"x\\u0000y\"\n"));
    CHECK_EQ_STR(nth(0)->token, "x\x7fy");
}

/* decode.go's errors: unifyStruct's type mismatch, badtype's texts. */
static void test_decode_errors(void)
{
    static const struct { const char *in, *err; } cases[] = {
        {"[a]\nurl = 5\n",
         "toml: line 2 (last key \"a.url\"): incompatible types: TOML value has type int64; destination has type "
         "string"},
        {"[a]\nactive = \"yes\"\n",
         "toml: line 2 (last key \"a.active\"): incompatible types: TOML value has type string; destination has type "
         "boolean"},
        {"[a]\nToken = 1.5\n",
         "toml: line 2 (last key \"a.Token\"): incompatible types: TOML value has type float64; destination has type "
         "string"},
        {"[a]\norg = 1979-05-27\n",
         "toml: line 2 (last key \"a.org\"): incompatible types: TOML value has type time.Time; destination has type "
         "string"},
        {"[a]\ncookie = [\"x\"]\n",
         "toml: line 2 (last key \"a.cookie\"): incompatible types: TOML value has type []any; destination has type "
         "string"},
        {"[a.url]\n",
         "toml: line 1 (last key \"a.url\"): incompatible types: TOML value has type map[string]any; destination has "
         "type string"},
        {"[a]\nurl.x = 1\n",
         "toml: (last key \"a.url\"): incompatible types: TOML value has type map[string]any; destination has type "
         "string"},
        {"x = \"y\"\n[a]\n",
         "toml: line 1 (last key \"x\"): type mismatch for config.Config: expected table but found string"},
        {"[[a]]\n[[a]]\n",
         "toml: line 2 (last key \"a\"): type mismatch for config.Config: expected table but found []map[string]any"},
        {"[\"my mock\"]\nprevious = 1\n",
         "toml: line 2 (last key \"\\\"my mock\\\".previous\"): incompatible types: TOML value has type int64; "
         "destination has type boolean"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(!parse(cases[i].in));
        CHECK_EQ_STR(emem, cases[i].err);
    }
}

/* Every config counts: 8,000 of them, the file-size bound the only limit. */
static void test_no_limit_on_configs(void)
{
    static char many[CLI_CONFIG_FILE_MAX + 1];
    size_t n = 0;
    for (int i = 0; i < 8000; i++) n += (size_t)snprintf(many + n, sizeof many - n, "[%x]\n", i);
    n += (size_t)snprintf(many + n, sizeof many - n, "[last]\nurl = \"L\"\nactive = true\n");
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK(n < CLI_CONFIG_FILE_MAX);
    CHECK(cli_config_parse(many, n, &cs, &err));
    CHECK_EQ_INT(cs.count, 8001);
    CHECK_EQ_STR(cli_config_select(&cs, NULL, &err)->url, "L");
}

static void test_selection(void)
{
    CHECK(parse("[a]\nurl=\"A\"\nprevious=true\n[b]\nurl=\"B\"\nactive=true\n[c]\nurl=\"C\"\n"));
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK_EQ_STR(cli_config_select(&cs, NULL, &err)->url, "B");
    CHECK_EQ_STR(cli_config_select(&cs, "c", &err)->url, "C");
    CHECK_EQ_STR(cli_config_select(&cs, "-", &err)->url, "A");
    CHECK(cli_config_select(&cs, "zz", &err) == NULL);
    emem[err.len] = '\0';
    CHECK_EQ_STR(emem, "config \"zz\" is not found");
    CHECK(parse("[a]\nurl=\"A\"\n[b]\nurl=\"B\"\n"));
    CHECK_EQ_STR(cli_config_select(&cs, NULL, &err)->url, "A");     /* first in file order */
    /* -c -: config/local.go's parseActiveConfig(false), its double space included */
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK(cli_config_select(&cs, "-", &err) == NULL);
    emem[err.len] = '\0';
    CHECK_EQ_STR(emem, "previous  activated config is not found");
    CHECK(parse("[a]\nprevious=true\n[b]\nprevious=true\n"));
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK(cli_config_select(&cs, "-", &err) == NULL);
    emem[err.len] = '\0';
    CHECK_EQ_STR(emem, "more than one previous  activated configs found");
    /* no file: parsePreviousActive gives the empty name, then UpdateConfig's text */
    CHECK(parse(""));
    cs.loaded = false;
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK(cli_config_select(&cs, "-", &err) == NULL);
    emem[err.len] = '\0';
    CHECK_EQ_STR(emem, "config \"\" is not found");
    CHECK(parse("# only comments\n\n"));
    const cli_config_t *d = cli_config_select(&cs, NULL, &err);
    CHECK_EQ_STR(d->name, "default");
    CHECK_EQ_STR(d->url, "http://localhost:8086");
    CHECK_EQ_STR(d->token, "");
}

static void test_load_file(void)
{
    char dir[] = "/tmp/il-cfg-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/configs", dir);
    static char big[CLI_CONFIG_FILE_MAX + 2];
    bool loose;
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK_EQ_INT(cli_config_load(path, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_ABSENT);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    CHECK(write(fd, "[x]\nurl = \"u\"\n", 14) == 14);
    close(fd);
    chmod(path, 0644);
    CHECK_EQ_INT(cli_config_load(path, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_LOADED);
    CHECK(loose);
    chmod(path, 0600);
    CHECK_EQ_INT(cli_config_load(path, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_LOADED);
    CHECK(!loose);
    CHECK_EQ_STR(nth(0)->url, "u");
    CHECK_EQ_INT(cli_config_load(dir, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_BAD);
    /* too large */
    fd = open(path, O_WRONLY | O_TRUNC);
    static char junk[CLI_CONFIG_FILE_MAX + 10];
    memset(junk, '#', sizeof junk);
    CHECK(write(fd, junk, sizeof junk) == (ssize_t)sizeof junk);
    close(fd);
    cli_buf_init(&err, emem, sizeof emem - 1);
    CHECK_EQ_INT(cli_config_load(path, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_BAD);
    emem[err.len] = '\0';
    CHECK(strstr(emem, "larger than") != NULL);
    /* refused by its size before a byte is read (cli_local.c): nothing to wipe */
    CHECK_EQ_INT(cs.text_len, 0);
    CHECK_EQ_INT(cli_config_load(dir, big, sizeof big, &cs, &loose, &err), CLI_CONFIG_BAD);
    CHECK_EQ_INT(cs.text_len, 0);
    unlink(path);
    rmdir(dir);
}

static void test_default_path(void)
{
    char dir[] = "/tmp/il-pw-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char pw[128], out[256], want[256];
    snprintf(pw, sizeof pw, "%s/passwd", dir);
    int fd = open(pw, O_WRONLY | O_CREAT, 0600);
    char line[256];
    int n = snprintf(line, sizeof line, "root:x:0:0::/root:/bin/sh\nme:x:%u:0::/home/me/:/bin/sh\n",
                     (unsigned)getuid());
    CHECK(write(fd, line, (size_t)n) == n);
    close(fd);
    cli_config_default_path(out, sizeof out, pw);
    snprintf(want, sizeof want, "%s/.influxdbv2/configs", getuid() == 0 ? "/root" : "/home/me");
    CHECK_EQ_STR(out, want);
    /* no passwd entry: $HOME */
    setenv("HOME", "/h/x", 1);
    cli_config_default_path(out, sizeof out, "/nonexistent/passwd");
    CHECK_EQ_STR(out, "/h/x/.influxdbv2/configs");
    unlink(pw);
    rmdir(dir);
}

int main(void)
{
    cli_configs_init(&cs, &cs_mem);
    RUN(test_official_file);
    RUN(test_any_toml_shape);
    RUN(test_decode_errors);
    RUN(test_no_limit_on_configs);
    RUN(test_selection);
    RUN(test_load_file);
    RUN(test_default_path);
    return check_summary();
}
