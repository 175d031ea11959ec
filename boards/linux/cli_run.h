/* SPDX-License-Identifier: Apache-2.0 */
/* cli_run.h - the whole program: parse, configure, run one command, print.
 * Returns the exit code (see cli_errors.h). */
#ifndef CLI_RUN_H
#define CLI_RUN_H

#include "cli_flags.h"

int cli_main(int argc, char **argv, cli_getenv_fn env);

#endif
