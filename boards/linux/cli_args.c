/* SPDX-License-Identifier: Apache-2.0 */
/* cli_args.c - the command tree of urfave/cli v1 (see cli_args.h). */
#include "cli_args.h"

#include <string.h>

#include "cli_complete.h"
#include "cli_values.h"

/* The sub-commands influx-lite has: from a level, a name leads to the next. */
static const struct {
    const char *name;
    cli_level_t from, to;
} commands[] = {
    {"auth", CLI_LEVEL_APP, CLI_LEVEL_AUTH},
    {"authorization", CLI_LEVEL_APP, CLI_LEVEL_AUTH},
    {"v1", CLI_LEVEL_APP, CLI_LEVEL_V1},
    {"inactive", CLI_LEVEL_AUTH, CLI_LEVEL_AUTH_INACTIVE},
    {"auth", CLI_LEVEL_V1, CLI_LEVEL_V1_AUTH},
    {"authorization", CLI_LEVEL_V1, CLI_LEVEL_V1_AUTH},
    {"set-inactive", CLI_LEVEL_V1_AUTH, CLI_LEVEL_V1_SET_INACTIVE},
};

/* The level the command name leads to from level (level itself: none). */
static cli_level_t command_next(cli_level_t level, const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].from == level && strcmp(commands[i].name, name) == 0) return commands[i].to;
    return level;
}

/* Where the token comes from: --token or --token-file (not both), else
 * INFLUX_TOKEN or INFLUX_TOKEN_FILE (not both); a flag beats a variable. */
static void leaf_token_source(cli_args_t *a, const cli_flag_set_t *fs)
{
    bool flag = cli_flags_given(fs, CLI_F_TOKEN), file_flag = cli_flags_given(fs, CLI_F_TOKEN_FILE);
    bool file_env = fs->env_set[CLI_F_TOKEN_FILE] && fs->sval[CLI_F_TOKEN_FILE][0] != '\0';
    a->token_file = fs->sval[CLI_F_TOKEN_FILE];
    a->token_file_set = file_flag || (file_env && !flag);
    a->token_sources_clash = (flag && file_flag) || (!flag && !file_flag && file_env && fs->env_set[CLI_F_TOKEN]);
    if (a->token_file_set) a->token_set = false;
}

/* The leaf's results, from the flag set. */
static void leaf_results(cli_args_t *a, const cli_flag_set_t *fs, const cli_arg_t *rest, size_t nrest)
{
    a->host = fs->sval[CLI_F_HOST];
    a->host_set = cli_flags_given(fs, CLI_F_HOST) || fs->env_set[CLI_F_HOST];
    a->token = fs->sval[CLI_F_TOKEN];
    a->token_set = cli_flags_given(fs, CLI_F_TOKEN) || fs->env_set[CLI_F_TOKEN];
    a->configs_path = fs->sval[CLI_F_CONFIGS_PATH];
    a->configs_path_set = cli_flags_given(fs, CLI_F_CONFIGS_PATH) || fs->env_set[CLI_F_CONFIGS_PATH];
    a->active_config = fs->sval[CLI_F_ACTIVE_CONFIG];
    a->active_config_set = cli_flags_given(fs, CLI_F_ACTIVE_CONFIG) || fs->env_set[CLI_F_ACTIVE_CONFIG];
    a->trace_id = fs->sval[CLI_F_TRACE_ID];
    a->trace_id_set = cli_flags_given(fs, CLI_F_TRACE_ID) || fs->env_set[CLI_F_TRACE_ID];
    a->extra = fs->extra;
    a->nextra = fs->nextra;
    a->nextra_env = fs->nextra_env;
    a->id = fs->sval[CLI_F_ID];
    a->id_set = cli_flags_given(fs, CLI_F_ID);
    a->username = fs->sval[CLI_F_USERNAME];
    a->username_set = cli_flags_given(fs, CLI_F_USERNAME);
    a->skip_verify = fs->bval[CLI_F_SKIP_VERIFY];
    a->json = fs->bval[CLI_F_JSON];
    a->hide_headers = fs->bval[CLI_F_HIDE_HEADERS];
    a->http_debug = fs->bval[CLI_F_HTTP_DEBUG];
    a->ids_from = fs->sval[CLI_F_IDS_FROM];
    a->ids_from_set = cli_flags_given(fs, CLI_F_IDS_FROM);
    a->timeout_ms = fs->timeout_ms;
    a->retries = fs->retries;
    a->ca_cert = fs->sval[CLI_F_CA_CERT];
    a->ca_cert_set = cli_flags_given(fs, CLI_F_CA_CERT);
    memcpy(a->pin, fs->pin, sizeof a->pin);
    a->pin_set = cli_flags_given(fs, CLI_F_PIN);
    leaf_token_source(a, fs);
    for (size_t k = 0; k < nrest; k++) a->scratch->positional[a->npositional++] = rest[k].s;
}

/* What a leaf needs that its flags cannot say: a required --id, or
 * INFLUX_USERNAME standing in for --username. */
static void leaf_required(cli_args_t *a, cli_getenv_fn env, cli_buf_t *err)
{
    a->action = CLI_ACT_RUN;
    if (a->level == CLI_LEVEL_AUTH_INACTIVE && !a->id_set && !a->ids_from_set) {
        cli_puts(err, "Required flag \"id\" not set");
        a->action = CLI_ACT_ERROR;
        a->with_help = true;
    } else if (a->level == CLI_LEVEL_V1_SET_INACTIVE && !a->id_set && !a->username_set && !a->ids_from_set) {
        const char *u = env("INFLUX_USERNAME");
        if (u != NULL && u[0] != '\0') {
            a->username = u;
            a->username_set = true;
        }
    }
}

/* The leaf command's flags and arguments, args[0..n). */
static void leaf_command(cli_args_t *a, const cli_arg_t *args, size_t n, cli_getenv_fn env, cli_buf_t *err)
{
    cli_flag_set_t *fs = &a->scratch->flags;
    cli_flags_init(fs);
    a->action = CLI_ACT_USAGE;
    if (!cli_flags_env(fs, env, err)) return;
    size_t m = cli_flags_reorder(args, n, a->scratch->reordered, a->scratch->rest);
    long first = cli_flags_parse(fs, a->scratch->reordered, m, err);
    if (first < 0 || !cli_flags_normalize(fs, err)) return;
    /* auth inactive has no --username */
    if (a->level == CLI_LEVEL_AUTH_INACTIVE && cli_flags_given(fs, CLI_F_USERNAME)) {
        cli_puts(err, "flag provided but not defined: -username");
        return;
    }
    if (fs->bval[CLI_F_HELP]) {
        a->action = CLI_ACT_HELP;
        return;
    }
    for (size_t k = 0; k < CLI_F_COUNT; k++)
        if (fs->sval[k] == NULL) fs->sval[k] = "";
    leaf_results(a, fs, a->scratch->reordered + first, m - (size_t)first);
    leaf_required(a, env, err);
}

/* -h/--help[=bool] at a group level: true when it asks for help. */
static bool group_help_flag(const char *name, size_t len, const char *eq, bool *help)
{
    bool v = true;
    if (!((len == 4 && memcmp(name, "help", 4) == 0) || (len == 1 && name[0] == 'h'))) return false;
    if (eq != NULL && !cli_parse_bool(eq + 1, &v)) v = true;
    *help = v;
    return true;
}

/* A usage error at the app or a group level: "Incorrect Usage. " */
static long group_usage(cli_args_t *a)
{
    a->action = CLI_ACT_USAGE;
    a->app_usage = true;
    return -1;
}

/* App and group levels: only -h/--help (and --version at the top). Returns
 * the index of the first non-flag argument, or -1 when a->action is set. */
static long group_flags(cli_args_t *a, size_t n, size_t i, cli_buf_t *err)
{
    const cli_arg_t *args = a->scratch->args;
    for (; i < n; i++) {
        const char *s = args[i].s;
        bool help = false;
        if (strlen(s) < 2 || s[0] != '-') return (long)i;
        if (strcmp(s, "--") == 0 && args[i].eqval == NULL) return (long)(i + 1);
        const char *name = s + (s[1] == '-' ? 2 : 1);
        if (name[0] == '-' || name[0] == '=') {
            cli_putf(err, "bad flag syntax: %s", s);
            return group_usage(a);
        }
        const char *eq = strchr(name + 1, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        if (group_help_flag(name, len, eq, &help)) {
            if (!help) continue;
            a->action = CLI_ACT_HELP;
            return -1;
        }
        if (a->level == CLI_LEVEL_APP && len == 7 && memcmp(name, "version", 7) == 0) {
            a->action = CLI_ACT_VERSION;
            return -1;
        }
        cli_puts(err, "flag provided but not defined: -");
        cli_put(err, name, len < 299 ? len : 299);
        return group_usage(a);
    }
    return (long)n;
}

/* urfave's ReplaceTokenArg: "-t X" / "--token X" -> "-t=X", into
 * a->scratch->args; the count, or -1 with the error in err. */
static long token_rewrite(cli_args_t *a, int argc, char **argv, cli_buf_t *err)
{
    size_t n = 0;
    for (int i = 1; i < argc; i++, n++) {
        cli_arg_t *arg = &a->scratch->args[n];
        if (n >= CLI_MAX_ARGS) {
            cli_puts(err, "too many arguments");
            return -1;
        }
        arg->s = argv[i];
        arg->eqval = NULL;
        if ((strcmp(argv[i], "-t") == 0 || strcmp(argv[i], "--token") == 0) && i + 1 < argc) {
            arg->eqval = argv[++i];
            if (arg->eqval[0] == '-' && a->token_warnings < 8)
                a->token_warning_flag[a->token_warnings++] = argv[i - 1];
        }
    }
    return (long)n;
}

/* `completion [bash|zsh|powershell]`: its -h/--help, or one argument
 * (checked by cli_complete_script). */
static void completion_command(cli_args_t *a, const cli_arg_t *args, size_t n, cli_buf_t *err)
{
    a->level = CLI_LEVEL_COMPLETION;
    a->action = CLI_ACT_SCRIPT;
    for (size_t i = 0; i < n; i++) {
        const char *s = args[i].s;
        bool help = true;
        if (s[0] != '-' || s[1] == '\0') {     /* "" and "-" too: before s[1] is read as a dash */
            a->scratch->positional[a->npositional++] = s;
            continue;
        }
        const char *name = s + (s[1] == '-' ? 2 : 1);
        const char *eq = strchr(name, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        if (group_help_flag(name, len, eq, &help)) {
            if (help) a->action = CLI_ACT_HELP;
            continue;
        }
        cli_puts(err, "flag provided but not defined: -");
        cli_put(err, name, len < 299 ? len : 299);
        a->action = CLI_ACT_USAGE;
        return;
    }
}

/* --generate-bash-completion: the level the words before it reach, as
 * urfave's apps and commands hand completion down (group flags skipped, an
 * unknown word stops at its group). */
static void completion_walk(cli_args_t *a, size_t n)
{
    const cli_arg_t *args = a->scratch->args;
    a->action = CLI_ACT_COMPLETE;
    for (size_t i = 0; i < n; i++) {
        const char *cmd = args[i].s;
        if (cmd[0] == '-' && cmd[1] != '\0') continue;
        if (strcmp(cmd, "help") == 0 || strcmp(cmd, "h") == 0 ||
            (a->level == CLI_LEVEL_APP && strcmp(cmd, "version") == 0)) {
            a->complete_leaf = true;
            return;
        }
        if (a->level == CLI_LEVEL_APP && strcmp(cmd, "completion") == 0) {
            a->level = CLI_LEVEL_COMPLETION;
            a->complete_leaf = true;
            return;
        }
        cli_level_t next = command_next(a->level, cmd);
        if (next == a->level) return;
        a->level = next;
        if (next == CLI_LEVEL_AUTH_INACTIVE || next == CLI_LEVEL_V1_SET_INACTIVE) {
            a->complete_leaf = true;
            return;
        }
    }
}

/* Down the command tree from the app level, to a leaf, help, or an error. */
static void walk_commands(cli_args_t *a, size_t n, cli_getenv_fn env, cli_buf_t *err)
{
    /* the group's app name: urfave/cli v1.22.5 command.go startApp names a
     * command's sub-app "<parent app> <command>", and influx-cli's NoArgs
     * (pkg/cli/middleware/noargs.go) names that app when its Command is empty */
    static const char *const names[] = {"influx", "influx auth", "influx v1", "influx v1 auth"};
    size_t i = 0;
    for (;;) {
        long k = group_flags(a, n, i, err);
        if (k < 0) return;
        i = (size_t)k;
        const char *cmd = i < n ? a->scratch->args[i].s : "help";   /* a group without a sub-command */
        if (strcmp(cmd, "help") == 0 || strcmp(cmd, "h") == 0) {
            a->action = CLI_ACT_HELP;
            return;
        }
        if (a->level == CLI_LEVEL_APP && strcmp(cmd, "version") == 0) {
            a->action = CLI_ACT_VERSION;
            return;
        }
        if (a->level == CLI_LEVEL_APP && strcmp(cmd, "completion") == 0) {
            completion_command(a, a->scratch->args + i + 1, n - i - 1, err);
            return;
        }
        cli_level_t next = command_next(a->level, cmd);
        if (next == a->level) {
            cli_putf(err, "unknown command %q for %q", cmd, names[a->level]);
            a->action = CLI_ACT_ERROR;
            return;
        }
        a->level = next;
        i++;
        if (next == CLI_LEVEL_AUTH_INACTIVE || next == CLI_LEVEL_V1_SET_INACTIVE) {
            leaf_command(a, a->scratch->args + i, n - i, env, err);
            return;
        }
    }
}

void cli_args_parse(cli_args_t *a, cli_args_scratch_t *s, int argc, char **argv, cli_getenv_fn env)
{
    cli_buf_t err;
    memset(a, 0, sizeof *a);
    a->scratch = s;
    a->positional = s->positional;
    cli_buf_init(&err, a->err, sizeof a->err - 1);
    a->level = CLI_LEVEL_APP;
    a->host = a->token = a->configs_path = a->active_config = a->id = a->username = a->trace_id = "";
    a->ids_from = a->ca_cert = a->token_file = "";
    a->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;
    a->trace_prefix = env("INFLUX_CLI_TRACE_PRINT_PREFIX");
    if (a->trace_prefix == NULL) a->trace_prefix = "trace-id: ";     /* api/client.gen.go callAPI */
    long n = token_rewrite(a, argc, argv, &err);
    if (n < 0) a->action = CLI_ACT_ERROR;
    else if (n > 0 && s->args[n - 1].eqval == NULL && strcmp(s->args[n - 1].s, CLI_COMPLETE_FLAG) == 0)
        completion_walk(a, (size_t)(a->nargs = (size_t)n) - 1);
    else walk_commands(a, (size_t)n, env, &err);
    a->err[err.len] = '\0';
}
