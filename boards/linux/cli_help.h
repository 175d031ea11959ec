/* SPDX-License-Identifier: Apache-2.0 */
/* cli_help.h - the help texts, laid out as urfave/cli v1 and the official
 * CLI's template print them (tabwriter minwidth 1, tabwidth 8, padding 2,
 * space padding). Help names are fixed: always "influx ...". */
#ifndef CLI_HELP_H
#define CLI_HELP_H

typedef enum cli_level {
    CLI_LEVEL_APP,          /* influx */
    CLI_LEVEL_AUTH,         /* influx auth */
    CLI_LEVEL_V1,           /* influx v1 */
    CLI_LEVEL_V1_AUTH,      /* influx v1 auth */
    CLI_LEVEL_AUTH_INACTIVE,
    CLI_LEVEL_V1_SET_INACTIVE,
    CLI_LEVEL_COMPLETION    /* influx completion */
} cli_level_t;

const char *cli_help_text(cli_level_t level);

#endif
