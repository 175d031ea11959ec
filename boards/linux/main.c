/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite: `influx auth inactive` and `influx v1 auth
 * set-inactive`, byte-compatible with the official CLI. */
#include <string.h>
#include "cli_run.h"

extern char **environ;

/* getenv(name) for a name without '=': a variable's first byte is compared
 * before the rest (getenv compares each with strncmp): a run looks up about
 * fifteen names, and an environment holds dozens of variables. */
static const char *env_lookup(const char *name)
{
    size_t n = strlen(name);
    for (char **e = environ; e != NULL && *e != NULL; e++)
        if ((*e)[0] == name[0] && strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
    return NULL;
}

int main(int argc, char **argv)
{
    return cli_main(argc, argv, env_lookup);
}
