/* SPDX-License-Identifier: Apache-2.0 */
/* cli_complete.c - the completion scripts and the candidates (see
 * cli_complete.h). */
#include "cli_complete.h"

#include <string.h>

#include "cli_errors.h"

/* urfave/cli's autocomplete scripts as influx-cli v2.8.0 prints them
 * (cmd/influx/completion.go): %1 the program's name, %2 the completion flag. */
static const char script_bash[] =
    "#!/usr/bin/env bash\n"
    "\n"
    "_cli_bash_autocomplete () {\n"
    "    if [[ \"${COMP_WORDS[0]}\" != \"source\" ]]; then\n"
    "        local cur opts base\n"
    "        COMPREPLY=()\n"
    "        cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
    "        if [[ \"$cur\" == \"-\"* ]]; then\n"
    "            opts=$( ${COMP_WORDS[@]:0:$COMP_CWORD} ${cur} --%2 )\n"
    "        else\n"
    "            opts=$( ${COMP_WORDS[@]:0:$COMP_CWORD} --%2 )\n"
    "        fi\n"
    "        COMPREPLY=( $(compgen -W \"${opts}\" -- ${cur}) )\n"
    "        return 0\n"
    "    fi\n"
    "}\n"
    "\n"
    "complete -o bashdefault -o default -o nospace -F _cli_bash_autocomplete %1\n";

static const char script_zsh[] =
    "#compdef %1\n"
    "\n"
    "_cli_zsh_autocomplete() {\n"
    "    local -a opts\n"
    "    local cur\n"
    "    cur=${words[-1]}\n"
    "    if [[ \"$cur\" == \"-\"* ]]; then\n"
    "        opts=(\"${(@f)$(_CLI_ZSH_AUTOCOMPLETE_HACK=1 ${words[@]:0:#words[@]-1} ${cur} --%2)}\")\n"
    "    else\n"
    "        opts=(\"${(@f)$(_CLI_ZSH_AUTOCOMPLETE_HACK=1 ${words[@]:0:#words[@]-1} --%2)}\")\n"
    "    fi\n"
    "\n"
    "    if [[ \"${opts[1]}\" != \"\" ]]; then\n"
    "        _describe 'values' opts\n"
    "    else\n"
    "        _files\n"
    "    fi\n"
    "\n"
    "    return\n"
    "}\n"
    "\n"
    "compdef _cli_zsh_autocomplete %1\n";

static const char script_powershell[] =
    "Register-ArgumentCompleter -Native -CommandName %1 -ScriptBlock {\n"
    "param($commandName, $wordToComplete, $cursorPosition)\n"
    "     $other = \"$wordToComplete --%2\"\n"
    "         Invoke-Expression $other | ForEach-Object {\n"
    "            [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n"
    "         }\n"
    " }\n";

/* The sub-commands of each group level, in the official CLI's order (its
 * main.go, then urfave's help command), with their usage for zsh. */
typedef struct {
    cli_level_t level;
    const char *names, *usage;   /* names: "name" or "name\0alias" */
    size_t names_len;
} complete_cmd_t;
#define CMD(l, n, u) {(l), (n), (u), sizeof(n) - 1}
static const complete_cmd_t commands[] = {
    CMD(CLI_LEVEL_APP, "version", "Print the influx CLI version"),
    CMD(CLI_LEVEL_APP, "completion", "Generates completion scripts"),
    CMD(CLI_LEVEL_APP, "v1", "InfluxDB v1 management commands"),
    CMD(CLI_LEVEL_APP, "auth\0authorization", "Authorization management commands"),
    CMD(CLI_LEVEL_AUTH, "inactive", "Inactive authorization"),
    CMD(CLI_LEVEL_V1, "auth\0authorization", "Authorization management commands for v1 APIs"),
    CMD(CLI_LEVEL_V1_AUTH, "set-inactive", "Change the status of an authorization to inactive"),
};
static const char help_names[] = "help\0h";
static const char help_usage[] = "Shows a list of commands or help for one command";

/* One command's lines: every name (urfave's Names()), ":usage" for zsh. */
static void put_command(cli_buf_t *out, const char *names, size_t len, const char *usage, bool zsh)
{
    for (const char *n = names; n < names + len; n += strlen(n) + 1) {
        cli_puts(out, n);
        if (zsh) {
            cli_putc(out, ':');
            cli_puts(out, usage);
        }
        cli_putc(out, '\n');
    }
}

static void put_commands(cli_buf_t *out, cli_level_t level, bool zsh)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (commands[i].level == level)
            put_command(out, commands[i].names, commands[i].names_len, commands[i].usage, zsh);
    put_command(out, help_names, sizeof help_names - 1, help_usage, zsh);
}

/* urfave's cliArgContains: "--long" or "-s" of the flag is an argument. */
static bool flag_given(const cli_args_t *a, const char *const names[2])
{
    for (size_t i = 0; i < a->nargs; i++) {
        const char *s = a->scratch->args[i].s;
        if (a->scratch->args[i].eqval != NULL) continue;    /* "-t X": one "-t=X" argument */
        for (int k = 0; k < 2; k++) {
            size_t dashes = names[k] == NULL ? 0 : strlen(names[k]) > 1 ? 2 : 1;
            if (dashes > 0 && strncmp(s, "--", dashes) == 0 && strcmp(s + dashes, names[k]) == 0) return true;
        }
    }
    return false;
}

/* urfave's printFlagSuggestions for one flag. */
static void put_flag(cli_buf_t *out, const cli_args_t *a, const char *last, const char *const names[2])
{
    const char *cur = last + 1;
    if (*cur == '-') cur++;
    if (flag_given(a, names)) return;
    for (int k = 0; k < 2; k++) {
        const char *n = names[k];
        size_t len = n == NULL ? 0 : strlen(n);
        if (len == 0 || (len == 1 && strncmp(last, "--", 2) == 0)) continue;
        if (strncmp(n, cur, strlen(cur)) != 0 || strcmp(n, cur) == 0) continue;
        cli_puts(out, len > 1 ? "--" : "-");
        cli_puts(out, n);
        cli_putc(out, '\n');
    }
}

void cli_complete_answer(cli_buf_t *out, const cli_args_t *a, cli_getenv_fn env)
{
    static const char *const help[2] = {"help", "h"};
    const char *zsh_hack = env("_CLI_ZSH_AUTOCOMPLETE_HACK");
    const cli_arg_t *last = a->nargs >= 2 ? &a->scratch->args[a->nargs - 2] : NULL;
    if (last != NULL && last->s[0] == '-') {
        if (last->eqval != NULL) return;                    /* "-t=X": no flag starts with "t=X" */
        put_flag(out, a, last->s, help);                     /* the app's (or group's) own flags */
        if (!a->complete_leaf) return;
        for (size_t i = 0;; i++) {                           /* then the command's */
            const char *names[2];
            cli_flag_id_t id;
            if (!cli_flags_def(i, names, &id)) break;
            if (id == CLI_F_HELP || (id == CLI_F_USERNAME && a->level != CLI_LEVEL_V1_SET_INACTIVE)) continue;
            if (a->level == CLI_LEVEL_AUTH_INACTIVE || a->level == CLI_LEVEL_V1_SET_INACTIVE)
                put_flag(out, a, last->s, names);
        }
        return;
    }
    if (!a->complete_leaf) put_commands(out, a->level, zsh_hack != NULL && strcmp(zsh_hack, "1") == 0);
}

/* %1 and %2 of a script. */
static void put_script(cli_buf_t *out, const char *script, const char *prog)
{
    for (const char *s = script; *s != '\0'; s++) {
        if (s[0] == '%' && (s[1] == '1' || s[1] == '2')) {
            cli_puts(out, *++s == '1' ? prog : CLI_COMPLETE_FLAG + 2);
            continue;
        }
        cli_putc(out, *s);
    }
}

int cli_complete_script(cli_buf_t *out, cli_buf_t *err, const cli_args_t *a, const char *prog)
{
    static const struct {
        const char *shell, *script;
    } scripts[] = {{"bash", script_bash}, {"zsh", script_zsh}, {"powershell", script_powershell}};
    if (a->npositional == 1)
        for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
            if (strcmp(a->positional[0], scripts[i].shell) == 0) {
                put_script(out, scripts[i].script, prog);
                return CLI_EXIT_OK;
            }
    return cli_fail(err, CLI_EXIT_USAGE, "usage: %s completion [bash|zsh|powershell]", prog);
}
