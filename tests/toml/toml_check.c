/* SPDX-License-Identifier: Apache-2.0 */
/* toml_check.c - the configs file's TOML reader (boards/linux/cli_toml.c)
 * over files named on the command line, for tests/toml/test_toml.py: one
 * line per file, "OK" or "ERR <the error text>" (newlines in it as \n). */
#include <stdio.h>
#include <string.h>
#include "cli_toml.h"

static cli_toml_node_t nodes[CLI_TOML_NODES(1 << 20)];
static uint32_t slots[1 << 20];
static uint32_t parts[2 * CLI_TOML_NODES(1 << 20)];
static char text[(1 << 20) + 1];

int main(int argc, char **argv)
{
    cli_toml_mem_t mem = {nodes, sizeof nodes / sizeof nodes[0], slots, sizeof slots / sizeof slots[0], parts};
    for (int i = 1; i < argc; i++) {
        char emem[4096];
        cli_buf_t err;
        cli_toml_doc_t doc;
        FILE *f = fopen(argv[i], "rb");
        size_t n = f != NULL ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f != NULL) fclose(f);
        cli_buf_init(&err, emem, sizeof emem);
        if (cli_toml_parse(text, n, &mem, &doc, &err)) {
            puts("OK");
            continue;
        }
        fputs("ERR ", stdout);
        for (size_t k = 0; k < err.len; k++) {
            if (emem[k] == '\n') fputs("\\n", stdout);
            else putchar(emem[k]);
        }
        putchar('\n');
    }
    return 0;
}
