/* SPDX-License-Identifier: Apache-2.0 */
/* cli_flags.c - urfave/cli v1 + Go flag semantics for the leaf commands'
 * flags (see cli_flags.h). */
#include "cli_flags.h"

#include <string.h>

#include "il_text.h"
#include "cli_values.h"

typedef struct flag_def {
    const char *names[2];   /* urfave "long, short" */
    const char *env;
    cli_flag_id_t id;
    bool is_bool;
} flag_def_t;

/* Registration order matters: env errors are reported in this order. */
static const flag_def_t flag_defs[] = {
    {{"host", NULL}, "INFLUX_HOST", CLI_F_HOST, false},
    {{"skip-verify", NULL}, "INFLUX_SKIP_VERIFY", CLI_F_SKIP_VERIFY, true},
    {{"configs-path", NULL}, "INFLUX_CONFIGS_PATH", CLI_F_CONFIGS_PATH, false},
    {{"active-config", "c"}, "INFLUX_ACTIVE_CONFIG", CLI_F_ACTIVE_CONFIG, false},
    /* hidden (influx-cli cmd/influx/global.go coreFlags: Hidden: true) */
    {{"trace-debug-id", NULL}, "INFLUX_TRACE_DEBUG_ID", CLI_F_TRACE_ID, false},
    {{"extra-http-header", NULL}, "INFLUX_EXTRA_HTTP_HEADER", CLI_F_EXTRA_HEADER, false},
    {{"http-debug", NULL}, NULL, CLI_F_HTTP_DEBUG, true},
    {{"json", NULL}, "INFLUX_OUTPUT_JSON", CLI_F_JSON, true},
    {{"hide-headers", NULL}, "INFLUX_HIDE_HEADERS", CLI_F_HIDE_HEADERS, true},
    {{"token", "t"}, "INFLUX_TOKEN", CLI_F_TOKEN, false},
    {{"id", "i"}, NULL, CLI_F_ID, false},
    {{"username", NULL}, NULL, CLI_F_USERNAME, false},
    {{"ids-from", NULL}, NULL, CLI_F_IDS_FROM, false},
    {{"timeout", NULL}, "INFLUX_LITE_TIMEOUT", CLI_F_TIMEOUT, false},
    {{"retries", NULL}, NULL, CLI_F_RETRIES, false},
    {{"ca-cert", NULL}, NULL, CLI_F_CA_CERT, false},
    {{"pin-sha256", NULL}, NULL, CLI_F_PIN, false},
    {{"token-file", NULL}, "INFLUX_TOKEN_FILE", CLI_F_TOKEN_FILE, false},
    {{"help", "h"}, NULL, CLI_F_HELP, true},
};
#define FLAG_DEFS (sizeof flag_defs / sizeof flag_defs[0])

bool cli_flags_def(size_t i, const char *names[2], cli_flag_id_t *id)
{
    if (i >= FLAG_DEFS) return false;
    names[0] = flag_defs[i].names[0];
    names[1] = flag_defs[i].names[1];
    *id = flag_defs[i].id;
    return true;
}

void cli_flags_init(cli_flag_set_t *fs)
{
    memset(fs, 0, sizeof *fs);
    fs->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;
}

bool cli_flags_given(const cli_flag_set_t *fs, cli_flag_id_t id)
{
    return fs->visited[id][0] || fs->visited[id][1];
}

/* The flag named name[0..len); *alias gets 0 (long) or 1 (short). */
static const flag_def_t *flag_find(const char *name, size_t len, int *alias)
{
    for (size_t i = 0; i < FLAG_DEFS; i++) {
        for (int k = 0; k < 2; k++) {
            const char *n = flag_defs[i].names[k];
            if (n != NULL && strlen(n) == len && memcmp(n, name, len) == 0) {
                *alias = k;
                return &flag_defs[i];
            }
        }
    }
    return NULL;
}

/* strings.Replace(s, "-", "", count) in place over s[0..n]; the new length. */
static size_t strip_dashes(char *s, size_t n, int count)
{
    size_t w = 0;
    for (size_t r = 0; r <= n; r++) {
        if (s[r] == '-' && count > 0) {
            count--;
            continue;
        }
        s[w++] = s[r];
    }
    return w - 1;
}

/* urfave's argIsFlag (the flag's definition, or NULL). */
static const flag_def_t *arg_flag(const cli_arg_t *arg)
{
    const char *s = arg->s;
    char tmp[256];
    size_t n = strlen(s);
    int alias;
    if (strcmp(s, "-") == 0 || s[0] != '-' || n >= sizeof tmp) return NULL;
    memcpy(tmp, s, n + 1);
    if (tmp[0] == '-' && tmp[1] == '-') n = strip_dashes(tmp, n, 2);
    if (tmp[0] == '-') n = strip_dashes(tmp, n, 1);
    const char *eq = memchr(tmp, '=', n);
    return flag_find(tmp, eq != NULL ? (size_t)(eq - tmp) : n, &alias);
}

static bool arg_has_eq(const cli_arg_t *arg)
{
    return arg->eqval != NULL || strchr(arg->s, '=') != NULL;
}

size_t cli_flags_reorder(const cli_arg_t *in, size_t n, cli_arg_t *out, cli_arg_t *rest)
{
    size_t nflags = 0, nrest = 0;
    bool next_may_be_value = false, next_may_be_dash = false;
    const flag_def_t *f;
    for (size_t i = 0; i < n; i++) {
        if (in[i].eqval == NULL && strcmp(in[i].s, "--") == 0) {
            for (size_t j = i; j < n; j++) rest[nrest++] = in[j];
            break;
        } else if (next_may_be_value && (in[i].s[0] != '-' || (next_may_be_dash && strcmp(in[i].s, "-") == 0))) {
            /* influx-lite: "--ids-from -" (stdin) keeps its value */
            next_may_be_value = next_may_be_dash = false;
            out[nflags++] = in[i];
        } else if ((f = arg_flag(&in[i])) != NULL) {
            out[nflags++] = in[i];
            next_may_be_value = !arg_has_eq(&in[i]);
            next_may_be_dash = next_may_be_value && f->id == CLI_F_IDS_FROM;
        } else {
            rest[nrest++] = in[i];
        }
    }
    for (size_t j = 0; j < nrest; j++) out[nflags + j] = rest[j];
    return nflags + nrest;
}

/* --retries: a decimal 0..CLI_MAX_RETRIES, as flag.Uint with a range check.
 * NULL when good, else what Go's error says about it. */
static const char *retries_value(const char *value, unsigned *out)
{
    const char *p = value;
    unsigned long v = 0;
    bool neg = false;
    if (*p == '+' || *p == '-') neg = *p++ == '-';
    if (*p == '\0') return "parse error";
    for (; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') return "parse error";
        if (v < 1000000) v = v * 10 + (unsigned long)(*p - '0');
    }
    if ((neg && v != 0) || v > CLI_MAX_RETRIES) return "must be between 0 and 10";
    *out = (unsigned)v;
    return NULL;
}

/* --timeout: a positive Go duration. NULL when good, else why not. */
static const char *timeout_value(const char *value, int64_t *out)
{
    int64_t ms;
    bool neg;
    if (!cli_parse_duration(value, &ms, &neg)) return "parse error";
    if (neg || ms <= 0) return "must be positive";
    *out = ms;
    return NULL;
}

/* One more --extra-http-header value: false with err past the bound. */
static bool extra_add(cli_flag_set_t *fs, const char *p, size_t n, cli_buf_t *err)
{
    if (fs->nextra == CLI_MAX_EXTRA_HEADERS) {
        cli_putf(err, "too many --extra-http-header values (at most %s)", "32");
        return false;
    }
    fs->extra[fs->nextra].p = p;
    fs->extra[fs->nextra++].n = n;
    return true;
}

/* Check and keep a typed value (Go's flag.Value.Set): false with err. */
static bool flag_value(cli_flag_set_t *fs, const flag_def_t *f, const char *nm, const char *value,
                       cli_buf_t *err)
{
    const char *why = NULL;
    switch (f->id) {
    case CLI_F_TIMEOUT:
        why = timeout_value(value, &fs->timeout_ms);
        break;
    case CLI_F_RETRIES:
        why = retries_value(value, &fs->retries);
        break;
    case CLI_F_PIN:
        if (!cli_parse_pin(value, fs->pin))
            why = "not a SHA-256 digest (base64, sha256//base64 or 64 hex digits)";
        break;
    case CLI_F_EXTRA_HEADER:   /* StringSlice.Set appends */
        return extra_add(fs, value, strlen(value), err);
    default:
        break;
    }
    if (why != NULL) cli_putf(err, "invalid value %q for flag -%s: %s", value, nm, why);
    return why == NULL;
}

/* One "-name[=value]" argument, split (the name is not NUL-terminated). */
typedef struct flag_arg {
    const char *name;
    size_t nlen;
    const char *value;
    bool has_value;
} flag_arg_t;

/* Split arg (its dashes skipped); false for Go's "bad flag syntax". */
static bool flag_arg_split(const cli_arg_t *arg, flag_arg_t *fa)
{
    const char *s = arg->s;
    fa->name = s + (s[1] == '-' ? 2 : 1);
    fa->nlen = strlen(fa->name);
    fa->value = "";
    fa->has_value = false;
    if (fa->nlen == 0 || fa->name[0] == '-' || fa->name[0] == '=') return false;
    const char *eq = strchr(fa->name + 1, '=');
    if (eq != NULL) {
        fa->value = eq + 1;
        fa->has_value = true;
        fa->nlen = (size_t)(eq - fa->name);
    }
    /* "-t=<value>" rewritten from "-t <value>": the value may itself hold '='.
     * When the flag text had '=' already, Go would see "name=v1=eqval": only
     * an undefined flag's error would differ, so the first part is kept. */
    if (arg->eqval != NULL && !fa->has_value) {
        fa->value = arg->eqval;
        fa->has_value = true;
    }
    return true;
}

static bool bool_flag(cli_flag_set_t *fs, const flag_def_t *f, const char *nm, const flag_arg_t *fa,
                      cli_buf_t *err)
{
    bool v = true;
    if (fa->has_value && !cli_parse_bool(fa->value, &v)) {
        cli_putf(err, "invalid boolean value %q for -%s: parse error", fa->value, nm);
        return false;
    }
    fs->bval[f->id] = v;
    return true;
}

/* A value flag: its value is in the argument or the next one (args[*i]). */
static bool value_flag(cli_flag_set_t *fs, const flag_def_t *f, const char *nm, flag_arg_t *fa,
                       const cli_arg_t *args, size_t n, size_t *i, cli_buf_t *err)
{
    if (!fa->has_value && *i < n) {
        /* a rewritten "-t=<x>" used as a value: Go would see the joined
         * text; ours keeps argv intact, so refuse */
        if (args[*i].eqval != NULL) {
            cli_putf(err, "flag needs an argument: -%s", nm);
            return false;
        }
        fa->has_value = true;
        fa->value = args[(*i)++].s;
    }
    if (!fa->has_value) {
        cli_putf(err, "flag needs an argument: -%s", nm);
        return false;
    }
    if (!flag_value(fs, f, nm, fa->value, err)) return false;
    fs->sval[f->id] = fa->value;
    return true;
}

/* The flag at args[*i] (past it on return, with its value). */
static bool flag_parse_one(cli_flag_set_t *fs, const cli_arg_t *args, size_t n, size_t *i, cli_buf_t *err)
{
    flag_arg_t fa;
    int alias = 0;
    const cli_arg_t *arg = &args[(*i)++];
    if (!flag_arg_split(arg, &fa)) {
        cli_putf(err, "bad flag syntax: %s", arg->s);
        return false;
    }
    const flag_def_t *f = flag_find(fa.name, fa.nlen, &alias);
    if (f == NULL) {
        cli_puts(err, "flag provided but not defined: -");
        cli_put(err, fa.name, fa.nlen < 299 ? fa.nlen : 299);
        return false;
    }
    const char *nm = f->names[alias];
    bool ok = f->is_bool ? bool_flag(fs, f, nm, &fa, err) : value_flag(fs, f, nm, &fa, args, n, i, err);
    if (ok) fs->visited[f->id][alias] = true;
    return ok;
}

long cli_flags_parse(cli_flag_set_t *fs, const cli_arg_t *args, size_t n, cli_buf_t *err)
{
    size_t i = 0;
    while (i < n) {
        const char *s = args[i].s;
        size_t slen = strlen(s);
        if (slen < 2 || s[0] != '-') return (long)i;
        if (s[1] == '-' && slen == 2 && args[i].eqval == NULL) return (long)(i + 1);   /* "--" */
        if (!flag_parse_one(fs, args, n, &i, err)) return -1;
    }
    return (long)n;
}

/* INFLUX_LITE_TIMEOUT: urfave's DurationFlag env text. */
static bool env_timeout(cli_flag_set_t *fs, const char *v, cli_buf_t *err)
{
    int64_t ms;
    bool neg;
    if (v[0] == '\0') return true;            /* empty: the default */
    bool ok = cli_parse_duration(v, &ms, &neg);
    if (!ok || neg || ms <= 0) {
        cli_putf(err, "could not parse %q as duration value for flag timeout: ", v);
        if (ok) cli_puts(err, "must be positive");
        else cli_putf(err, "time: invalid duration %q", v);
        return false;
    }
    fs->env_set[CLI_F_TIMEOUT] = true;
    fs->timeout_ms = ms;
    return true;
}

/* Go's strings.TrimSpace bounds of s[0..n): Unicode white space off both ends. */
static size_t space_len(const char *s, size_t n, bool back)
{
    static const uint32_t wide[] = {0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
                                    0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
    for (size_t len = 1; len <= 3 && len <= n; len++) {
        uint32_t r;
        const unsigned char *at = (const unsigned char *)(back ? s + n - len : s);
        if (len == 1 && (*at == ' ' || (*at >= '\t' && *at <= '\r'))) return 1;
        if (len == 1 || il_utf8_decode(at, len, &r) != len) continue;
        for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
            if (wide[i] == r) return len;
    }
    return 0;
}

/* INFLUX_EXTRA_HTTP_HEADER: urfave's StringSliceFlag env, split at commas,
 * each part trimmed as strings.TrimSpace (an empty variable is one empty
 * value). */
static bool env_extra(cli_flag_set_t *fs, const char *v, cli_buf_t *err)
{
    fs->env_set[CLI_F_EXTRA_HEADER] = true;
    for (;;) {
        const char *comma = strchr(v, ',');
        size_t n = comma != NULL ? (size_t)(comma - v) : strlen(v), k;
        while ((k = space_len(v, n, false)) > 0) {
            v += k;
            n -= k;
        }
        while ((k = space_len(v, n, true)) > 0) n -= k;
        if (!extra_add(fs, v, n, err)) return false;
        fs->nextra_env = fs->nextra;
        if (comma == NULL) return true;
        v = comma + 1;
    }
}

/* A bool flag's env value: urfave's BoolFlag env text. */
static bool env_bool(cli_flag_set_t *fs, const flag_def_t *f, const char *v, cli_buf_t *err)
{
    bool b = false;
    fs->env_set[f->id] = true;
    if (v[0] != '\0' && !cli_parse_bool(v, &b)) {
        cli_putf(err, "could not parse %s as bool value for flag %s: strconv.ParseBool: parsing %q: invalid syntax",
                 v, f->names[0], v);
        return false;
    }
    fs->bval[f->id] = b;
    return true;
}

bool cli_flags_env(cli_flag_set_t *fs, cli_getenv_fn env, cli_buf_t *err)
{
    for (size_t i = 0; i < FLAG_DEFS; i++) {
        const flag_def_t *f = &flag_defs[i];
        const char *v = f->env != NULL ? env(f->env) : NULL;
        bool ok = true;
        if (v == NULL) continue;
        if (f->id == CLI_F_TIMEOUT) {
            ok = env_timeout(fs, v, err);
        } else if (f->id == CLI_F_EXTRA_HEADER) {
            ok = env_extra(fs, v, err);
        } else if (f->is_bool) {
            ok = env_bool(fs, f, v, err);
        } else {
            fs->env_set[f->id] = true;
            fs->sval[f->id] = v;
        }
        if (!ok) return false;
    }
    return true;
}

bool cli_flags_normalize(const cli_flag_set_t *fs, cli_buf_t *err)
{
    for (size_t i = 0; i < FLAG_DEFS; i++) {
        const flag_def_t *f = &flag_defs[i];
        if (f->names[1] != NULL && fs->visited[f->id][0] && fs->visited[f->id][1]) {
            cli_putf(err, "Cannot use two forms of the same flag: %s %s", f->names[1], f->names[0]);
            return false;
        }
    }
    return true;
}
