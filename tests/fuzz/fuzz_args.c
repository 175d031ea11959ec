/* SPDX-License-Identifier: Apache-2.0 */
/* fuzz_args.c - the CLI's command-line parser (boards/linux/cli_args.c).
 *
 * Input: byte 0 = which environment variables are set (a bit per hash of
 * the name), then NUL-separated strings: the first four are environment
 * values, the rest argv[1..] (at most 200, so CLI_MAX_ARGS is exceeded too).
 * Every string is its own heap block. Invariants:
 *  - action is a cli_action_t; err is NUL-terminated in its array;
 *  - host, token, configs_path, active_config, id, username are never NULL
 *    and each is "" or points into an argv string or an environment value
 *    (possibly past a "-t=" style prefix);
 *  - positional entries point into argv strings; counts within bounds;
 *  - cli_parse_bool agrees with Go's strconv.ParseBool table;
 *  - parsing is deterministic. */
#include <stdbool.h>
#include "fuzz_common.h"
#include "cli_args.h"
#include "cli_values.h"

#define MAX_ARGV 200

static char *env_val[4];
static uint8_t env_mask;
static char *argv_s[MAX_ARGV + 2];   /* "influx", MAX_ARGV strings, NULL */
static int argc_n;

static const char *fake_getenv(const char *name)
{
    uint32_t h = 2166136261u;
    for (; *name; name++)
        h = (h ^ (uint8_t)*name) * 16777619u;
    h %= 8;
    return (env_mask >> h) & 1 ? env_val[h % 4] : NULL;
}

static bool points_into(const char *p)
{
    int i;
    if (p == NULL)
        return false;
    if (p[0] == '\0')
        return true;
    for (i = 1; i < argc_n; i++)
        if (fuzz_inside(p, 1, argv_s[i], strlen(argv_s[i])))
            return true;
    for (i = 0; i < 4; i++)
        if (fuzz_inside(p, 1, env_val[i], strlen(env_val[i])))
            return true;
    return false;
}

static bool go_parse_bool(const char *s, bool *v)
{
    static const char *const t[] = { "1", "t", "T", "TRUE", "true", "True" };
    static const char *const f[] = { "0", "f", "F", "FALSE", "false", "False" };
    size_t i;
    for (i = 0; i < 6; i++) {
        if (strcmp(s, t[i]) == 0) { *v = true; return true; }
        if (strcmp(s, f[i]) == 0) { *v = false; return true; }
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cli_args_t a, b;
    static cli_args_scratch_t sa, sb;
    const uint8_t *p, *end;
    size_t i;
    int n = 0;

    if (size < 1)
        return 0;
    env_mask = data[0];
    p = data + 1;
    end = data + size;
    argv_s[n++] = fuzz_strndup((const uint8_t *)"influx", 6);
    for (i = 0; i < 4 + MAX_ARGV && p <= end; i++) {
        const uint8_t *z = memchr(p, '\0', (size_t)(end - p));
        size_t len = z ? (size_t)(z - p) : (size_t)(end - p);
        char *s = fuzz_strndup(p, len);
        if (i < 4)
            env_val[i] = s;
        else if (n < MAX_ARGV + 1)
            argv_s[n++] = s;
        else
            free(s);
        if (!z) {
            i++;
            break;
        }
        p = z + 1;
    }
    for (; i < 4; i++)
        env_val[i] = fuzz_strndup((const uint8_t *)"", 0);
    argc_n = n;
    argv_s[n] = NULL;

    cli_args_parse(&a, &sa, argc_n, argv_s, fake_getenv);
    cli_args_parse(&b, &sb, argc_n, argv_s, fake_getenv);
    FUZZ_CHECK(a.action >= CLI_ACT_RUN && a.action <= CLI_ACT_SCRIPT);
    FUZZ_CHECK(memchr(a.err, '\0', sizeof a.err) != NULL);
    FUZZ_CHECK(a.action == b.action && a.level == b.level && strcmp(a.err, b.err) == 0);
    FUZZ_CHECK(a.npositional <= CLI_MAX_ARGS && a.npositional == b.npositional);
    FUZZ_CHECK(a.token_warnings <= 8);
    FUZZ_CHECK(points_into(a.host) && points_into(a.token) && points_into(a.configs_path));
    FUZZ_CHECK(points_into(a.active_config) && points_into(a.id) && points_into(a.username));
    FUZZ_CHECK(a.host == b.host && a.token == b.token && a.id == b.id && a.username == b.username);
    for (i = 0; i < a.npositional; i++)
        FUZZ_CHECK(points_into(a.positional[i]));
    for (i = 0; i < 4; i++) {
        bool v1 = false, v2 = false, r1 = cli_parse_bool(env_val[i], &v1);
        FUZZ_CHECK(r1 == go_parse_bool(env_val[i], &v2));
        FUZZ_CHECK(!r1 || v1 == v2);
    }
    for (i = 0; i < (size_t)argc_n; i++)
        free(argv_s[i]);
    for (i = 0; i < 4; i++)
        free(env_val[i]);
    return 0;
}
