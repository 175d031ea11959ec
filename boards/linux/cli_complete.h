/* SPDX-License-Identifier: Apache-2.0 */
/* cli_complete.h - shell completion as the official CLI has it (urfave/cli
 * v1.22.5 with EnableBashCompletion; influx-cli v2.8.0
 * cmd/influx/completion.go): `completion bash|zsh|powershell` prints the
 * script, which calls the program back with the hidden last argument
 * --generate-bash-completion; the program then prints the candidates, one a
 * line, from the same command tree and flag table that parse and help use. */
#ifndef CLI_COMPLETE_H
#define CLI_COMPLETE_H

#include "cli_args.h"
#include "cli_out.h"

#define CLI_COMPLETE_FLAG "--generate-bash-completion"

/* The candidates for a->level (CLI_ACT_COMPLETE), as urfave's
 * DefaultCompleteWithFlags prints them: after an argument that starts with
 * '-', the flags that start with its name and are not given yet (only
 * "--" names after "--"); else the sub-commands (name:usage lines when
 * _CLI_ZSH_AUTOCOMPLETE_HACK is 1, for the zsh script). */
void cli_complete_answer(cli_buf_t *out, const cli_args_t *a, cli_getenv_fn env);

/* `completion SHELL` (CLI_ACT_SCRIPT): the script for SHELL naming prog
 * (the program's base name), or the usage error in err; the exit code. */
int cli_complete_script(cli_buf_t *out, cli_buf_t *err, const cli_args_t *a, const char *prog);

#endif
