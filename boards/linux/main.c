/* main.c - influx-lite: `influx auth inactive` and `influx v1 auth
 * set-inactive`, byte-compatible with the official CLI. */
#include <stdlib.h>
#include <unistd.h>
#include "cli_run.h"

static const char *env_lookup(const char *name)
{
    return getenv(name);
}

int main(int argc, char **argv)
{
    int code = cli_main(argc, argv, env_lookup);
    /* cli_main has written and flushed everything with write(2) and wiped
     * its secrets; nothing is left for exit() to do (no stdio, no atexit) */
    _exit(code);
}
