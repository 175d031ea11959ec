/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_config.c - the configs file reader: format subset, every error,
 * selection, the default path. */
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
static cli_config_t cs_items[CLI_CONFIG_MAX];

static bool parse(const char *s)
{
    size_t n = strlen(s);
    memcpy(text, s, n + 1);
    cli_buf_init(&err, emem, sizeof emem - 1);
    bool ok = cli_config_parse(text, n, &cs, &err);
    emem[err.len] = '\0';
    return ok;
}

static void test_official_file(void)
{
    CHECK(parse("[mock]\n  url = \"http://127.0.0.1:18086\"\n  token = \"mytoken\"\n  org = \"myorg\"\n"
                "  active = true\n# \n# [eu-central]\n#   url = \"https://x\"\n"));
    CHECK_EQ_INT(cs.count, 1);
    CHECK_EQ_STR(cs.items[0].name, "mock");
    CHECK_EQ_STR(cs.items[0].url, "http://127.0.0.1:18086");
    CHECK_EQ_STR(cs.items[0].token, "mytoken");
    CHECK_EQ_STR(cs.items[0].org, "myorg");
    CHECK(cs.items[0].active);
    CHECK(!cs.items[0].previous);
}

static void test_strings_quoted_names_keys(void)
{
    CHECK(parse("[\"my cfg\"]\r\nURL = 'C:\\raw'\r\nToken = \"a\\tb\\u00e9\\U0001F600\\\"\\\\\" # c\r\n"
                "cookie = \"x\"\nfoo = \"ignored\"\nprevious = false\n\n['lit']\nurl=\"u\"\n"));
    CHECK_EQ_INT(cs.count, 2);
    CHECK_EQ_STR(cs.items[0].name, "my cfg");
    CHECK_EQ_STR(cs.items[0].url, "C:\\raw");
    CHECK_EQ_STR(cs.items[0].token, "a\tb\xc3\xa9\xf0\x9f\x98\x80\"\\");
    CHECK_EQ_STR(cs.items[1].name, "lit");
    CHECK_EQ_STR(cs.items[1].url, "u");
    CHECK_EQ_STR(cs.items[1].token, "");
}

static void test_errors_name_the_line(void)
{
    static const struct { const char *in, *err; } cases[] = {
        {"[a]\nurl = \"x\n", "line 2: unterminated string"},
        {"url = \"x\"\n", "line 1: key outside of a [table]"},
        {"[a]\nurl \"x\"\n", "line 2: expected '=' after a key"},
        {"[a]\nurl =\n", "line 2: expected a value after '='"},
        {"[a]\nurl = 5\n", "line 2: unsupported value (only strings and booleans are read)"},
        {"[a]\nactive = \"yes\"\n", "line 2: value must be a boolean"},
        {"[a]\nurl = true\n", "line 2: value must be a string"},
        {"[a]\nurl = \"x\" y\n", "line 2: unexpected text after the value"},
        {"[a]\n[a]\n", "line 2: table defined twice"},
        {"[a]\nurl = \"x\"\nURL = \"y\"\n", "line 3: key defined twice"},
        {"[a\n", "line 1: expected ']' after the table name"},
        {"[a] x\n", "line 1: unexpected text after the table name"},
        {"[[a]]\n", "line 1: arrays of tables are not supported"},
        {"[a.b]\n", "line 1: dotted keys are not supported"},
        {"[a]\nurl = \"\"\"x\"\"\"\n", "line 2: multi-line strings are not supported"},
        {"[a]\nurl = \"\\q\"\n", "line 2: invalid escape sequence in a string"},
        {"[a]\nurl = \"\\uD800\"\n", "line 2: invalid unicode escape"},
        {"[a]\nurl = \"\x01\"\n", "line 2: control character in a string"},
        {"[]\n", "line 1: expected a key"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(!parse(cases[i].in));
        CHECK_EQ_STR(emem, cases[i].err);
    }
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
    CHECK_EQ_STR(cs.items[0].url, "u");
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
    cli_configs_init(&cs, cs_items, CLI_CONFIG_MAX);
    RUN(test_official_file);
    RUN(test_strings_quoted_names_keys);
    RUN(test_errors_name_the_line);
    RUN(test_selection);
    RUN(test_load_file);
    RUN(test_default_path);
    return check_summary();
}
