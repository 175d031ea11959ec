/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_plan.c - cli_plan_make: every check made before a byte is sent,
 * each failure provoked, in the official CLI's order, without a server. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "cli_secret.h"
#include "../../boards/linux/cli_plan.h"
#include "../../boards/linux/cli_errors.h"

static const char *fake_env(const char *name)
{
    (void)name;
    return NULL;
}

static cli_args_t a;
static cli_args_scratch_t scratch;
static cli_plan_t plan;
static cli_config_file_t config_file;
static cli_ids_t ids;
static cli_id_line_t id_lines[2];
static char ids_buf[64], err_mem[2048];
static cli_buf_t err;
static char token_mem[CLI_TOKEN_MAX];
static uint64_t grams[1024];
static cli_secrets_t secrets;

/* The plan holds the token in token_mem and registers it. */
static void plan_memory(void)
{
    cli_secrets_init(&secrets, grams, sizeof grams / sizeof grams[0]);
    plan.token_mem = token_mem;
    plan.secrets = &secrets;
}
static char dir[256];

/* Parse argv (after the program name, with a configs path that does not
 * exist) and make the plan: its exit code, stderr in err_mem. */
static int plan_of(const char *const *argv_in, int argc)
{
    static char *argv[32];
    static char cfg[320];
    int n = 0;
    snprintf(cfg, sizeof cfg, "--configs-path=%s/no-configs", dir);
    argv[n++] = (char *)(uintptr_t)"influx-lite";
    for (int i = 0; i < argc; i++) argv[n++] = (char *)(uintptr_t)argv_in[i];
    argv[n++] = cfg;
    cli_args_parse(&a, &scratch, n, argv, fake_env);
    cli_ids_init(&ids, ids_buf, sizeof ids_buf, id_lines);
    cli_buf_init(&err, err_mem, sizeof err_mem - 1);
    plan_memory();
    int code = cli_plan_make(&plan, &a, &config_file, &ids, &err);
    err_mem[err.len] = '\0';
    cli_ids_close(&ids);
    return code;
}
#define PLAN(...) plan_of((const char *const[]){__VA_ARGS__}, \
    (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))

static void plan_single_v2(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "http://127.0.0.1:8086", "-t", "tok", "--id",
                      "06c86c40a9f36000"), CLI_EXIT_OK);
    CHECK(!plan.v1 && !plan.by_name && !plan.batch);
    CHECK_EQ_STR(plan.first_id, "06c86c40a9f36000");
    CHECK(plan.next_id == NULL);
    CHECK_EQ_STR(plan.token, "tok");
    CHECK_EQ_STR(plan.url.host, "127.0.0.1");
    CHECK_EQ_INT(plan.url.port, 8086);
    CHECK_EQ_STR(plan.gourl.scheme, "http");
    CHECK_EQ_STR(plan.gourl.authority, "127.0.0.1:8086");
    CHECK_EQ_STR(err_mem, "");
}

static void plan_default_config_host(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--id", "06c86c40a9f36000"), CLI_EXIT_OK);
    CHECK_EQ_STR(plan.host, "http://localhost:8086");
    CHECK_EQ_STR(plan.token, "");
}

static void plan_host_url_errors(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "127.0.0.1:8086", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: host URL \"127.0.0.1:8086\" is invalid: parse \"127.0.0.1:8086\": "
                          "first path segment in URL cannot contain colon\n");
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "://x", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, ": missing protocol scheme\n") != NULL);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "http://h\x01st/", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, "net/url: invalid control character in URL\n") != NULL);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "http://[::1", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: host URL \"http://[::1\" is invalid: parse \"http://[::1\": missing ']' in host\n");
}

static void plan_unsupported_scheme_names_the_request(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "ftp://h:21", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: could not find auth with ID \"06c86c40a9f36000\": Get "
                          "\"ftp://h:21/api/v2/authorizations/06c86c40a9f36000\": "
                          "unsupported protocol scheme \"ftp\"\n");
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--host", "ftp://h", "--username", "a b"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: could not find v1 auth with token (username) \"a b\": Get "
                          "\"ftp://h/private/legacy/authorizations?token=a+b\": unsupported protocol scheme \"ftp\"\n");
}

static void plan_positional_sibling_only(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--id", "06c86c40a9f36000", "list"), CLI_EXIT_OK);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--id", "06c86c40a9f36000", "bogus"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: unknown command \"bogus\" for \"inactive\"\n");
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--id", "06c86c40a9f36000", "x"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: unknown command \"x\" for \"set-inactive\"\n");
}

static void plan_v1_id_or_username(void)
{
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--id", ""), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: id or username required\n");
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--id", "06c86c40a9f36000", "--username", "u"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: specify id or username, not both\n");
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--username", "u"), CLI_EXIT_OK);
    CHECK(plan.v1 && plan.by_name && plan.first_id == NULL);
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--username", "u\nv"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: could not find v1 auth with token (username) \"u\\nv\": "
                          "the username contains a control character; nothing was sent\n");
}

static void plan_local_id_checks(void)
{
    CHECK_EQ_INT(PLAN("auth", "inactive", "--id", "06c8"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: could not find auth with ID \"06c8\": id must have a length of 16 bytes\n");
    CHECK_EQ_INT(PLAN("v1", "auth", "set-inactive", "--id", "06c86c40a9f3600g"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: failed to update status of authorization with ID \"06c86c40a9f3600g\": invalid ID\n");
    CHECK_EQ_INT(PLAN("auth", "inactive", "-t", "a\rb", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, "the token contains a control character") != NULL);
}

static void plan_https_needs_tls(void)
{
#ifndef IL_HAVE_TLS
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "https://h", "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: host URL \"https://h\" needs TLS, but this influx-lite was built without TLS "
                          "support\n");
#else
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "https://h", "--id", "06c86c40a9f36000"), CLI_EXIT_OK);
    CHECK(plan.url.tls);
#endif
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
}

static void plan_ids_from_file(void)
{
    char path[320];
    snprintf(path, sizeof path, "%s/ids", dir);
    write_file(path, "# two\n  06c86c40a9f36000 \n\n0d2a3c5b7e8f9000\n");
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", path), CLI_EXIT_OK);
    CHECK(plan.batch);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", path, "--id", "06c86c40a9f36000"), CLI_EXIT_USAGE);
    CHECK_EQ_STR(err_mem, "Error: specify --id or --ids-from, not both\n");
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", path), CLI_EXIT_OK);
    CHECK_EQ_STR(plan.first_id, "06c86c40a9f36000");
    CHECK_EQ_STR(plan.next_id, "0d2a3c5b7e8f9000");
    write_file(path, "# none\n\n");
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", path), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, "Error: no authorization ID in ") == err_mem);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", dir), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, ": is a directory\n") != NULL && strncmp(err_mem, "Error: read ", 12) == 0);
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--ids-from", path), CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, ": no such file or directory\n") != NULL && strncmp(err_mem, "Error: open ", 12) == 0);
}

static void plan_ca_cert_must_open(void)
{
    char path[320];
    snprintf(path, sizeof path, "%s/missing.pem", dir);
    CHECK_EQ_INT(PLAN("auth", "inactive", "--host", "http://h", "--id", "06c86c40a9f36000", "--ca-cert", path),
                 CLI_EXIT_USAGE);
    CHECK(strstr(err_mem, ": no such file or directory\n") != NULL && strncmp(err_mem, "Error: open ", 12) == 0);
}

static void plan_bad_configs_file(void)
{
    static char *argv[8];
    char path[320];
    snprintf(path, sizeof path, "%s/configs", dir);
    write_file(path, "[a]\n  url = 3\n");
    argv[0] = (char *)(uintptr_t)"influx-lite";
    argv[1] = (char *)(uintptr_t)"auth";
    argv[2] = (char *)(uintptr_t)"inactive";
    argv[3] = (char *)(uintptr_t)"--id=06c86c40a9f36000";
    argv[4] = (char *)(uintptr_t)"--configs-path";
    argv[5] = path;
    cli_args_parse(&a, &scratch, 6, argv, fake_env);
    cli_ids_init(&ids, ids_buf, sizeof ids_buf, id_lines);
    cli_buf_init(&err, err_mem, sizeof err_mem - 1);
    plan_memory();
    CHECK_EQ_INT(cli_plan_make(&plan, &a, &config_file, &ids, &err), CLI_EXIT_USAGE);
    err_mem[err.len] = '\0';
    CHECK_EQ_STR(err_mem, "Error: toml: line 2 (last key \"a.url\"): incompatible types: TOML value has type "
                          "int64; destination has type string\n");
    CHECK(plan.token == NULL);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/il-plan-XXXXXX", getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(dir) == NULL) return 1;
    RUN(plan_single_v2);
    RUN(plan_default_config_host);
    RUN(plan_host_url_errors);
    RUN(plan_unsupported_scheme_names_the_request);
    RUN(plan_positional_sibling_only);
    RUN(plan_v1_id_or_username);
    RUN(plan_local_id_checks);
    RUN(plan_https_needs_tls);
    RUN(plan_ids_from_file);
    RUN(plan_ca_cert_must_open);
    RUN(plan_bad_configs_file);
    char path[320];
    snprintf(path, sizeof path, "%s/ids", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/configs", dir);
    unlink(path);
    rmdir(dir);
    return check_summary();
}
