/* SPDX-License-Identifier: Apache-2.0 */
/* cli_config.c - the configs file: where it is, reading it, choosing a
 * config (see cli_config.h; the parser is cli_config_parse.c). */
#include "cli_config.h"
#include "cli_errors.h"
#include "cli_lines.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_local.h"

void cli_configs_init(cli_configs_t *cs, cli_config_mem_t *mem)
{
    memset(cs, 0, sizeof *cs);
    cs->mem.nodes = mem->nodes;
    cs->mem.node_cap = (uint32_t)(sizeof mem->nodes / sizeof mem->nodes[0]);
    cs->mem.slots = mem->slots;
    cs->mem.slot_cap = (uint32_t)(sizeof mem->slots / sizeof mem->slots[0]);
    cs->mem.parts = mem->parts;
}

cli_config_load_result_t cli_config_load(const char *path, char *text, size_t cap,
                                         cli_configs_t *out, bool *loose, cli_buf_t *err)
{
    cli_local_t r;
    struct stat st;
    long len;
    out->count = 0;
    out->loaded = false;
    out->text_len = 0;       /* what text holds, kept current so every return can be wiped */
    *loose = false;
    len = cli_local_read(path, text, cap - 1, &r);
    /* open() says EMFILE before it looks for the file: a file that is there
     * and cannot be opened for want of a descriptor is no absent file */
    if (len < 0 && r.why == CLI_LOCAL_OPEN && cli_errno_no_resources(r.e) && stat(path, &st) == 0) {
        (void)cli_local_fail(err, true, "configs file", path, cap - 2, &r);
        return CLI_CONFIG_NO_RESOURCES;
    }
    if (len < 0 && r.why == CLI_LOCAL_OPEN) return CLI_CONFIG_ABSENT;   /* the default config applies */
    if (len < 0) {
        (void)cli_local_fail(err, true, "configs file", path, cap - 2, &r);
        return CLI_CONFIG_BAD;
    }
    *loose = r.loose;
    out->text_len = (size_t)len;
    out->loaded = true;
    bool parsed = cli_config_parse(text, (size_t)len, out, err);   /* the TOML error is the whole message */
    out->text_len = (size_t)len;
    return parsed ? CLI_CONFIG_LOADED : CLI_CONFIG_BAD;
}

static const cli_config_t default_config = {"default", "http://localhost:8086", "", "", "", true, false};

/* The name of the config with previous = true (config/local.go's
 * parsePreviousActive; "" without a file), or NULL with its error. */
static const char *config_previous(cli_configs_t *cs, cli_buf_t *err)
{
    const char *name = NULL;
    if (!cs->loaded) return "";
    for (size_t i = 0; i < cs->count; i++) {
        cli_config_get(cs, i, &cs->sel);
        if (!cs->sel.previous) continue;
        if (name != NULL) {
            cli_puts(err, "more than one previous  activated configs found");
            return NULL;
        }
        name = cs->sel.name;
    }
    if (name == NULL) cli_puts(err, "previous  activated config is not found");
    return name;
}

const cli_config_t *cli_config_select(cli_configs_t *cs, const char *want, cli_buf_t *err)
{
    if (want != NULL) {
        const char *name = strcmp(want, "-") == 0 ? config_previous(cs, err) : want;
        if (name == NULL) return NULL;
        for (size_t i = 0; i < cs->count; i++) {
            cli_config_get(cs, i, &cs->sel);
            if (strcmp(cs->sel.name, name) == 0) return &cs->sel;
        }
        cli_puts(err, "config ");
        cli_put_quoted(err, name, strlen(name));
        cli_puts(err, " is not found");
        return NULL;
    }
    for (size_t i = 0; i < cs->count; i++) {
        cli_config_get(cs, i, &cs->sel);
        if (cs->sel.active) return &cs->sel;
    }
    if (cs->count == 0) return &default_config;
    cli_config_get(cs, 0, &cs->sel);
    return &cs->sel;
}

/* One passwd line "name:pw:uid:gid:gecos:home:shell" (split in place):
 * its home into out when its uid is uid. */
static bool passwd_line_home(char *line, unsigned long uid, char *out, size_t cap)
{
    char *f[7] = {0};
    size_t nf = 0;
    char *s = line, *endp;
    if (line[0] == '\0' || line[0] == '#') return false;
    f[nf++] = s;
    for (; *s != '\0' && nf < 7; s++) {
        if (*s == ':') {
            *s = '\0';
            f[nf++] = s + 1;
        }
    }
    if (nf < 6) return false;
    unsigned long u = strtoul(f[2], &endp, 10);
    size_t hl = strlen(f[5]);
    if (endp == f[2] || *endp != '\0' || u != uid || hl == 0 || hl >= cap) return false;
    memcpy(out, f[5], hl + 1);
    return true;
}

typedef struct passwd_query {
    unsigned long uid;
    char *out;
    size_t cap;
} passwd_query_t;

static bool passwd_line(char *line, void *ctx)
{
    passwd_query_t *q = ctx;
    return passwd_line_home(line, q->uid, q->out, q->cap);
}

/* The home directory of uid from a passwd file. */
static bool passwd_home(const char *passwd_path, unsigned long uid, char *out, size_t cap)
{
    passwd_query_t q = {uid, out, cap};
    return cli_file_lines(passwd_path, passwd_line, &q);
}

void cli_config_default_path(char *out, size_t cap, const char *passwd_path)
{
    static const char suffix[] = "/.influxdbv2/configs";
    size_t hl;
    if (cap < 2) {
        if (cap > 0) out[0] = '\0';
        return;
    }
    /* the home directory straight into out, the suffix after it */
    if (!passwd_home(passwd_path != NULL ? passwd_path : "/etc/passwd", (unsigned long)getuid(),
                     out, cap)) {
        const char *e = getenv("HOME");
        if (e != NULL && e[0] != '\0') {
            hl = strlen(e);
            if (hl >= cap) {
                out[0] = '\0';
                return;
            }
            memcpy(out, e, hl + 1);
        } else if (getcwd(out, cap) == NULL) {
            out[0] = '.';
            out[1] = '\0';
        }
    }
    hl = strlen(out);
    /* Go's filepath.Join cleans a trailing slash away */
    while (hl > 1 && out[hl - 1] == '/') hl--;
    if (hl == 1 && out[0] == '/') hl = 0;
    if (hl + sizeof suffix > cap) {
        out[0] = '\0';
        return;
    }
    memcpy(out + hl, suffix, sizeof suffix);
}
