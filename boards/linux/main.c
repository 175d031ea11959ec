/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite: `influx auth inactive` and `influx v1 auth
 * set-inactive`, byte-compatible with the official CLI. */
#include <stdlib.h>
#include "cli_run.h"

static const char *env_lookup(const char *name)
{
    return getenv(name);
}

int main(int argc, char **argv)
{
    return cli_main(argc, argv, env_lookup);
}
