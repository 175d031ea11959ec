/* SPDX-License-Identifier: Apache-2.0 */
/* cli_args.c - urfave/cli v1 + Go flag semantics (see cli_args.h). */
#include "cli_args.h"

#include <string.h>
#include "cli_out.h"

typedef enum flag_id {
    F_HOST, F_SKIP_VERIFY, F_CONFIGS_PATH, F_ACTIVE_CONFIG, F_HTTP_DEBUG, F_JSON,
    F_HIDE_HEADERS, F_TOKEN, F_ID, F_USERNAME, F_IDS_FROM, F_TIMEOUT, F_RETRIES, F_CA_CERT,
    F_PIN, F_HELP, F_COUNT
} flag_id_t;

typedef struct flag_def {
    flag_id_t id;
    const char *names[2];   /* urfave "long, short" */
    bool is_bool;
    const char *env;
} flag_def_t;

/* ids given with the flag at a time: the repeated --id */

/* Registration order matters: env errors are reported in this order. */
static const flag_def_t common_flags[] = {
    {F_HOST, {"host", NULL}, false, "INFLUX_HOST"},
    {F_SKIP_VERIFY, {"skip-verify", NULL}, true, "INFLUX_SKIP_VERIFY"},
    {F_CONFIGS_PATH, {"configs-path", NULL}, false, "INFLUX_CONFIGS_PATH"},
    {F_ACTIVE_CONFIG, {"active-config", "c"}, false, "INFLUX_ACTIVE_CONFIG"},
    {F_HTTP_DEBUG, {"http-debug", NULL}, true, NULL},
    {F_JSON, {"json", NULL}, true, "INFLUX_OUTPUT_JSON"},
    {F_HIDE_HEADERS, {"hide-headers", NULL}, true, "INFLUX_HIDE_HEADERS"},
    {F_TOKEN, {"token", "t"}, false, "INFLUX_TOKEN"},
    {F_ID, {"id", "i"}, false, NULL},
    {F_USERNAME, {"username", NULL}, false, NULL},
    {F_IDS_FROM, {"ids-from", NULL}, false, NULL},
    {F_TIMEOUT, {"timeout", NULL}, false, "INFLUX_LITE_TIMEOUT"},
    {F_RETRIES, {"retries", NULL}, false, NULL},
    {F_CA_CERT, {"ca-cert", NULL}, false, NULL},
    {F_PIN, {"pin-sha256", NULL}, false, NULL},
    {F_HELP, {"help", "h"}, true, NULL},
};

/* One argument after the "-t X" rewrite: text, or text "=" eqval. */
typedef struct arg {
    const char *s;
    const char *eqval;
} arg_t;

typedef struct parse_state {
    const flag_def_t *defs;
    size_t ndefs;
    bool visited[F_COUNT][2];
    const char *sval[F_COUNT];
    bool bval[F_COUNT];
    bool env_set[F_COUNT];
    const char *ids[CLI_MAX_ARGS];
    size_t nids;
    int64_t timeout_ms;
    unsigned retries;
    uint8_t pin[32];
} parse_state_t;

/* in the order a run touches them (the CLI is built with -fno-toplevel-reorder) */
static parse_state_t leaf_state;
static arg_t args_mem[CLI_MAX_ARGS];
static arg_t reordered_mem[CLI_MAX_ARGS];

bool cli_parse_bool(const char *s, bool *out)
{
    static const char *const t[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const f[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < 6; i++) {
        if (strcmp(s, t[i]) == 0) { *out = true; return true; }
        if (strcmp(s, f[i]) == 0) { *out = false; return true; }
    }
    return false;
}

/* Go's time.ParseDuration, in float nanoseconds (exactness below a
 * millisecond does not matter here). */
bool cli_parse_duration(const char *s, int64_t *ms, bool *negative)
{
    static const struct { const char *u; double ns; } units[] = {
        {"ns", 1.0}, {"us", 1e3}, {"\xc2\xb5s", 1e3}, {"\xce\xbcs", 1e3}, {"ms", 1e6},
        {"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
    };
    double total = 0.0;
    bool neg = false;
    *negative = false;
    if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    if (strcmp(s, "0") == 0) {
        *ms = 0;
        return true;
    }
    if (*s == '\0') return false;
    while (*s != '\0') {
        double v = 0.0, scale = 1.0;
        bool pre = false, post = false;
        if (!(*s == '.' || (*s >= '0' && *s <= '9'))) return false;
        while (*s >= '0' && *s <= '9') {
            v = v * 10.0 + (*s - '0');
            s++;
            pre = true;
        }
        if (*s == '.') {
            s++;
            while (*s >= '0' && *s <= '9') {
                scale /= 10.0;
                v += (*s - '0') * scale;
                s++;
                post = true;
            }
        }
        if (!pre && !post) return false;
        const char *u = s;
        while (*s != '\0' && *s != '.' && !(*s >= '0' && *s <= '9')) s++;
        size_t ulen = (size_t)(s - u);
        if (ulen == 0) return false;                     /* missing unit */
        double mult = 0.0;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
            if (strlen(units[k].u) == ulen && memcmp(units[k].u, u, ulen) == 0) mult = units[k].ns;
        if (mult == 0.0) return false;                   /* unknown unit */
        total += v * mult;
        if (total > 9.223372036854775807e18) return false;   /* overflows int64 ns */
    }
    double m = total / 1e6;
    int64_t r = (int64_t)m;
    if ((double)r < m) r++;
    *ms = r;
    *negative = neg && total > 0.0;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int b64val(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

bool cli_parse_pin(const char *s, uint8_t out[32])
{
    if (strncmp(s, "sha256//", 8) == 0) {
        s += 8;
    } else {
        /* hex: 64 digits, optionally "aa:bb:..." */
        size_t n = 0;
        const char *p = s;
        bool ok = true;
        while (*p != '\0' && ok) {
            if (*p == ':') {
                p++;
                continue;
            }
            int hi = hexval(p[0]), lo = hi >= 0 ? hexval(p[1]) : -1;
            if (hi < 0 || lo < 0 || n >= 32) {
                ok = false;
                break;
            }
            out[n++] = (uint8_t)(hi << 4 | lo);
            p += 2;
        }
        if (ok && n == 32) return true;
    }
    /* base64: 43 characters + optional "=" */
    size_t len = strlen(s);
    while (len > 0 && s[len - 1] == '=') len--;
    if (len != 43 || strlen(s) > 44) return false;
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        int v = b64val(s[i]);
        if (v < 0) return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n >= 32) return false;
            out[n++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1u;
        }
    }
    return n == 32 && acc == 0;
}

static void set_err(cli_args_t *a, const char *s1, const char *s2)
{
    cli_buf_t b;
    cli_buf_init(&b, a->err, sizeof a->err - 1);
    cli_puts(&b, s1);
    if (s2 != NULL) cli_puts(&b, s2);
    a->err[b.len] = '\0';
}

/* Find a flag by name; *alias gets 0 (long) or 1 (short). */
static const flag_def_t *find_flag(const parse_state_t *ps, const char *name, size_t len,
                                   int *alias)
{
    for (size_t i = 0; i < ps->ndefs; i++) {
        for (int k = 0; k < 2; k++) {
            const char *n = ps->defs[i].names[k];
            if (n != NULL && strlen(n) == len && memcmp(n, name, len) == 0) {
                if (alias != NULL) *alias = k;
                return &ps->defs[i];
            }
        }
    }
    return NULL;
}

/* urfave's argIsFlag (the flag's definition, or NULL). */
static const flag_def_t *arg_flag(const parse_state_t *ps, const arg_t *arg)
{
    const char *s = arg->s;
    if (strcmp(s, "-") == 0 || s[0] != '-') return NULL;
    /* strings.Replace(arg, "-", "", 2) for "--x", then Replace(.., 1) */
    char tmp[256];
    size_t n = strlen(s);
    if (n >= sizeof tmp) return NULL;
    memcpy(tmp, s, n + 1);
    if (tmp[0] == '-' && tmp[1] == '-') {
        int removed = 0;
        size_t w = 0;
        for (size_t r = 0; r <= n; r++) {
            if (tmp[r] == '-' && removed < 2) { removed++; continue; }
            tmp[w++] = tmp[r];
        }
        n = w - 1;
    }
    if (tmp[0] == '-') {
        int removed = 0;
        size_t w = 0;
        for (size_t r = 0; r <= n; r++) {
            if (tmp[r] == '-' && removed < 1) { removed++; continue; }
            tmp[w++] = tmp[r];
        }
        n = w - 1;
    }
    const char *eq = memchr(tmp, '=', n);
    size_t len = eq != NULL ? (size_t)(eq - tmp) : n;
    return find_flag(ps, tmp, len, NULL);
}

static bool arg_has_eq(const arg_t *arg)
{
    return arg->eqval != NULL || strchr(arg->s, '=') != NULL;
}

/* urfave's reorderArgs. */
static size_t reorder(const parse_state_t *ps, const arg_t *in, size_t n, arg_t *out)
{
    size_t nflags = 0, nrest = 0;
    static arg_t rest[CLI_MAX_ARGS];
    bool next_may_be_value = false, next_may_be_dash = false;
    const flag_def_t *f;
    for (size_t i = 0; i < n; i++) {
        if (in[i].eqval == NULL && strcmp(in[i].s, "--") == 0) {
            for (size_t j = i; j < n; j++) rest[nrest++] = in[j];
            break;
        } else if (next_may_be_value && (in[i].s[0] != '-' ||
                                         (next_may_be_dash && strcmp(in[i].s, "-") == 0))) {
            /* influx-lite: "--ids-from -" (stdin) keeps its value */
            next_may_be_value = next_may_be_dash = false;
            out[nflags++] = in[i];
        } else if ((f = arg_flag(ps, &in[i])) != NULL) {
            out[nflags++] = in[i];
            next_may_be_value = !arg_has_eq(&in[i]);
            next_may_be_dash = next_may_be_value && f->id == F_IDS_FROM;
        } else {
            rest[nrest++] = in[i];
        }
    }
    for (size_t j = 0; j < nrest; j++) out[nflags + j] = rest[j];
    return nflags + nrest;
}

static void invalid_value(cli_args_t *a, const char *value, const char *nm, const char *why)
{
    cli_buf_t b;
    cli_buf_init(&b, a->err, sizeof a->err - 1);
    cli_puts(&b, "invalid value ");
    cli_put_quoted(&b, value, strlen(value));
    cli_puts(&b, " for flag -");
    cli_puts(&b, nm);
    cli_puts(&b, ": ");
    cli_puts(&b, why);
    a->err[b.len] = '\0';
}

/* Check and keep a typed value (Go's flag.Value.Set): false with a->err. */
static bool flag_value(cli_args_t *a, parse_state_t *ps, const flag_def_t *f, const char *nm,
                       const char *value)
{
    switch (f->id) {
    case F_ID:
        if (ps->nids < CLI_MAX_ARGS) ps->ids[ps->nids++] = value;
        return true;
    case F_TIMEOUT: {
        int64_t ms;
        bool neg;
        if (!cli_parse_duration(value, &ms, &neg)) {
            invalid_value(a, value, nm, "parse error");
            return false;
        }
        if (neg || ms <= 0) {
            invalid_value(a, value, nm, "must be positive");
            return false;
        }
        ps->timeout_ms = ms;
        return true;
    }
    case F_RETRIES: {
        const char *p = value;
        unsigned long v = 0;
        bool neg = false;
        if (*p == '+' || *p == '-') neg = *p++ == '-';
        if (*p == '\0') {
            invalid_value(a, value, nm, "parse error");
            return false;
        }
        for (; *p != '\0'; p++) {
            if (*p < '0' || *p > '9') {
                invalid_value(a, value, nm, "parse error");
                return false;
            }
            if (v < 1000000) v = v * 10 + (unsigned long)(*p - '0');
        }
        if ((neg && v != 0) || v > CLI_MAX_RETRIES) {
            invalid_value(a, value, nm, "must be between 0 and 10");
            return false;
        }
        ps->retries = (unsigned)v;
        return true;
    }
    case F_PIN:
        if (!cli_parse_pin(value, ps->pin)) {
            invalid_value(a, value, nm, "not a SHA-256 digest (base64, sha256//base64 or 64 hex digits)");
            return false;
        }
        return true;
    default:
        return true;
    }
}

/* Go flag.FlagSet.Parse over args; returns the index of the first
 * positional argument, or -1 with a->err set. */
static long go_flag_parse(cli_args_t *a, parse_state_t *ps, const arg_t *args, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *s = args[i].s;
        size_t slen = strlen(s);
        if (slen < 2 || s[0] != '-') return (long)i;
        size_t minus = 1;
        if (s[1] == '-') {
            minus = 2;
            if (slen == 2 && args[i].eqval == NULL) return (long)(i + 1);   /* "--" */
        }
        const char *name = s + minus;
        size_t nlen = slen - minus;
        if (nlen == 0 || name[0] == '-' || name[0] == '=') {
            set_err(a, "bad flag syntax: ", s);
            return -1;
        }
        i++;
        bool has_value = false;
        const char *value = "";
        for (size_t k = 1; k < nlen; k++) {
            if (name[k] == '=') {
                value = name + k + 1;
                has_value = true;
                nlen = k;
                break;
            }
        }
        if (args[i - 1].eqval != NULL) {
            /* "-t=<value>": the value may itself hold '=' */
            if (!has_value) {
                value = args[i - 1].eqval;
                has_value = true;
            } else {
                /* the flag text had '=' already; Go would see the joined
                 * string "name=v1=eqval": value is v1 "=" eqval, which only
                 * matters for undefined flags; keep the first part */
            }
        }
        int alias = 0;
        const flag_def_t *f = find_flag(ps, name, nlen, &alias);
        if (f == NULL) {
            char nm[300];
            size_t c = nlen < sizeof nm - 1 ? nlen : sizeof nm - 1;
            memcpy(nm, name, c);
            nm[c] = '\0';
            set_err(a, "flag provided but not defined: -", nm);
            return -1;
        }
        char nm[64];
        strncpy(nm, f->names[alias], sizeof nm - 1);
        nm[sizeof nm - 1] = '\0';
        if (f->is_bool) {
            bool v = true;
            if (has_value && !cli_parse_bool(value, &v)) {
                cli_buf_t b;
                cli_buf_init(&b, a->err, sizeof a->err - 1);
                cli_puts(&b, "invalid boolean value ");
                cli_put_quoted(&b, value, strlen(value));
                cli_puts(&b, " for -");
                cli_puts(&b, nm);
                cli_puts(&b, ": parse error");
                a->err[b.len] = '\0';
                return -1;
            }
            ps->bval[f->id] = v;
        } else {
            if (!has_value && i < n) {
                has_value = true;
                value = args[i].s;
                if (args[i].eqval != NULL) {
                    /* a rewritten "-t=<x>" used as a value: Go would see the
                     * joined text; ours keeps argv intact, so refuse */
                    set_err(a, "flag needs an argument: -", nm);
                    return -1;
                }
                i++;
            }
            if (!has_value) {
                set_err(a, "flag needs an argument: -", nm);
                return -1;
            }
            if (!flag_value(a, ps, f, nm, value)) return -1;
            ps->sval[f->id] = value;
        }
        ps->visited[f->id][alias] = true;
    }
    return (long)n;
}

static bool env_defaults(cli_args_t *a, parse_state_t *ps, cli_getenv_fn env)
{
    for (size_t i = 0; i < ps->ndefs; i++) {
        const flag_def_t *f = &ps->defs[i];
        if (f->env == NULL) continue;
        const char *v = env(f->env);
        if (v == NULL) continue;
        if (f->id == F_TIMEOUT) {
            int64_t ms;
            bool neg;
            if (v[0] == '\0') continue;            /* empty: the default */
            bool ok = cli_parse_duration(v, &ms, &neg);
            if (!ok || neg || ms <= 0) {
                cli_buf_t o;
                cli_buf_init(&o, a->err, sizeof a->err - 1);
                cli_puts(&o, "could not parse ");
                cli_put_quoted(&o, v, strlen(v));
                cli_puts(&o, " as duration value for flag timeout: ");
                if (ok) {
                    cli_puts(&o, "must be positive");
                } else {
                    cli_puts(&o, "time: invalid duration ");
                    cli_put_quoted(&o, v, strlen(v));
                }
                a->err[o.len] = '\0';
                return false;
            }
            ps->env_set[f->id] = true;
            ps->timeout_ms = ms;
            continue;
        }
        ps->env_set[f->id] = true;
        if (!f->is_bool) {
            ps->sval[f->id] = v;
            continue;
        }
        bool b = false;
        if (v[0] != '\0' && !cli_parse_bool(v, &b)) {
            cli_buf_t o;
            cli_buf_init(&o, a->err, sizeof a->err - 1);
            cli_puts(&o, "could not parse ");
            cli_puts(&o, v);
            cli_puts(&o, " as bool value for flag ");
            cli_puts(&o, f->names[0]);
            cli_puts(&o, ": strconv.ParseBool: parsing ");
            cli_put_quoted(&o, v, strlen(v));
            cli_puts(&o, ": invalid syntax");
            a->err[o.len] = '\0';
            return false;
        }
        ps->bval[f->id] = b;
    }
    return true;
}

/* urfave's normalizeFlags: both forms of one flag is an error. */
static bool normalize(cli_args_t *a, const parse_state_t *ps)
{
    for (size_t i = 0; i < ps->ndefs; i++) {
        const flag_def_t *f = &ps->defs[i];
        if (f->names[1] != NULL && ps->visited[f->id][0] && ps->visited[f->id][1]) {
            cli_buf_t b;
            cli_buf_init(&b, a->err, sizeof a->err - 1);
            cli_puts(&b, "Cannot use two forms of the same flag: ");
            cli_puts(&b, f->names[1]);
            cli_putc(&b, ' ');
            cli_puts(&b, f->names[0]);
            a->err[b.len] = '\0';
            return false;
        }
    }
    return true;
}

static bool given(const parse_state_t *ps, flag_id_t id)
{
    return ps->visited[id][0] || ps->visited[id][1];
}

static void leaf(cli_args_t *a, const arg_t *args, size_t n, cli_getenv_fn env)
{
    parse_state_t *ps = &leaf_state;
    memset(ps, 0, sizeof *ps);
    ps->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;
    ps->defs = common_flags;
    ps->ndefs = sizeof common_flags / sizeof common_flags[0];

    if (!env_defaults(a, ps, env)) {
        a->action = CLI_ACT_USAGE;
        return;
    }
    size_t m = reorder(ps, args, n, reordered_mem);
    long first = go_flag_parse(a, ps, reordered_mem, m);
    if (first < 0 || !normalize(a, ps)) {
        a->action = CLI_ACT_USAGE;
        return;
    }
    /* auth inactive has no --username */
    if (a->level == CLI_LEVEL_AUTH_INACTIVE && given(ps, F_USERNAME)) {
        set_err(a, "flag provided but not defined: -", "username");
        a->action = CLI_ACT_USAGE;
        return;
    }
    if (ps->bval[F_HELP]) {
        a->action = CLI_ACT_HELP;
        return;
    }
    for (size_t k = 0; k < F_COUNT; k++)
        if (ps->sval[k] == NULL) ps->sval[k] = "";
    a->host = ps->sval[F_HOST];
    a->host_set = given(ps, F_HOST) || ps->env_set[F_HOST];
    a->token = ps->sval[F_TOKEN];
    a->token_set = given(ps, F_TOKEN) || ps->env_set[F_TOKEN];
    a->configs_path = ps->sval[F_CONFIGS_PATH];
    a->configs_path_set = given(ps, F_CONFIGS_PATH) || ps->env_set[F_CONFIGS_PATH];
    a->active_config = ps->sval[F_ACTIVE_CONFIG];
    a->active_config_set = given(ps, F_ACTIVE_CONFIG) || ps->env_set[F_ACTIVE_CONFIG];
    a->id = ps->sval[F_ID];
    a->id_set = given(ps, F_ID);
    a->username = ps->sval[F_USERNAME];
    a->username_set = given(ps, F_USERNAME);
    a->skip_verify = ps->bval[F_SKIP_VERIFY];
    a->json = ps->bval[F_JSON];
    a->hide_headers = ps->bval[F_HIDE_HEADERS];
    a->http_debug = ps->bval[F_HTTP_DEBUG];
    memcpy(a->ids, ps->ids, ps->nids * sizeof ps->ids[0]);
    a->nids = ps->nids;
    a->ids_from = ps->sval[F_IDS_FROM];
    a->ids_from_set = given(ps, F_IDS_FROM);
    a->timeout_ms = ps->timeout_ms;
    a->retries = ps->retries;
    a->ca_cert = ps->sval[F_CA_CERT];
    a->ca_cert_set = given(ps, F_CA_CERT);
    memcpy(a->pin, ps->pin, sizeof a->pin);
    a->pin_set = given(ps, F_PIN);
    for (size_t k = (size_t)first; k < m; k++) a->positional[a->npositional++] = reordered_mem[k].s;

    if (a->level == CLI_LEVEL_AUTH_INACTIVE && !a->id_set && !a->ids_from_set) {
        set_err(a, "Required flag \"id\" not set", NULL);
        a->action = CLI_ACT_ERROR;
        a->with_help = true;
        return;
    }
    if (a->level == CLI_LEVEL_V1_SET_INACTIVE && !a->id_set && !a->username_set && !a->ids_from_set) {
        const char *u = env("INFLUX_USERNAME");
        if (u != NULL && u[0] != '\0') {
            a->username = u;
            a->username_set = true;
            a->username_from_env = true;
        }
    }
    a->action = CLI_ACT_RUN;
}

/* App and group levels: only -h/--help (and --version at the top). Returns
 * the index of the first non-flag argument, or -1 when done. */
static long group_flags(cli_args_t *a, const arg_t *args, size_t n, size_t i, bool top)
{
    for (; i < n; i++) {
        const char *s = args[i].s;
        if (strlen(s) < 2 || s[0] != '-') return (long)i;
        if (strcmp(s, "--") == 0 && args[i].eqval == NULL) return (long)(i + 1);
        const char *name = s + (s[1] == '-' ? 2 : 1);
        if (name[0] == '-' || name[0] == '=') {
            set_err(a, "bad flag syntax: ", s);
            a->action = CLI_ACT_USAGE;
            a->app_usage = true;
            return -1;
        }
        const char *eq = strchr(name + 1, '=');
        size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
        if ((len == 4 && memcmp(name, "help", 4) == 0) || (len == 1 && name[0] == 'h')) {
            bool v = true;
            if (eq != NULL && !cli_parse_bool(eq + 1, &v)) v = true;
            if (v) {
                a->action = CLI_ACT_HELP;
                return -1;
            }
            continue;
        }
        if (top && len == 7 && memcmp(name, "version", 7) == 0) {
            a->action = CLI_ACT_VERSION;
            return -1;
        }
        char nm[300];
        size_t c = len < sizeof nm - 1 ? len : sizeof nm - 1;
        memcpy(nm, name, c);
        nm[c] = '\0';
        set_err(a, "flag provided but not defined: -", nm);
        a->action = CLI_ACT_USAGE;
        a->app_usage = true;
        return -1;
    }
    return (long)n;
}

void cli_args_parse(cli_args_t *a, int argc, char **argv, cli_getenv_fn env)
{
    memset(a, 0, sizeof *a);
    a->level = CLI_LEVEL_APP;
    a->host = a->token = a->configs_path = a->active_config = a->id = a->username = "";
    a->ids_from = a->ca_cert = "";
    a->timeout_ms = CLI_DEFAULT_TIMEOUT_MS;

    /* ReplaceTokenArg: "-t X" / "--token X" -> "-t=X" */
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (n >= CLI_MAX_ARGS) {
            set_err(a, "too many arguments", NULL);
            a->action = CLI_ACT_ERROR;
            return;
        }
        if ((strcmp(argv[i], "-t") == 0 || strcmp(argv[i], "--token") == 0) && i + 1 < argc) {
            args_mem[n].s = argv[i];
            args_mem[n].eqval = argv[i + 1];
            if (argv[i + 1][0] == '-' && a->token_warnings < 8)
                a->token_warning_flag[a->token_warnings++] = argv[i];
            n++;
            i++;
            continue;
        }
        args_mem[n].s = argv[i];
        args_mem[n].eqval = NULL;
        n++;
    }

    size_t i = 0;
    for (;;) {
        bool top = a->level == CLI_LEVEL_APP;
        long k = group_flags(a, args_mem, n, i, top);
        if (k < 0) return;
        i = (size_t)k;
        if (i >= n) {
            a->action = CLI_ACT_HELP;       /* a group without a sub-command */
            return;
        }
        const char *cmd = args_mem[i].s;
        bool is_help = strcmp(cmd, "help") == 0 || strcmp(cmd, "h") == 0;
        cli_level_t next = a->level;
        if (is_help) {
            a->action = CLI_ACT_HELP;
            return;
        }
        switch (a->level) {
        case CLI_LEVEL_APP:
            if (strcmp(cmd, "auth") == 0 || strcmp(cmd, "authorization") == 0) next = CLI_LEVEL_AUTH;
            else if (strcmp(cmd, "v1") == 0) next = CLI_LEVEL_V1;
            else if (strcmp(cmd, "version") == 0) {
                a->action = CLI_ACT_VERSION;
                return;
            }
            break;
        case CLI_LEVEL_AUTH:
            if (strcmp(cmd, "inactive") == 0) next = CLI_LEVEL_AUTH_INACTIVE;
            break;
        case CLI_LEVEL_V1:
            if (strcmp(cmd, "auth") == 0 || strcmp(cmd, "authorization") == 0) next = CLI_LEVEL_V1_AUTH;
            break;
        case CLI_LEVEL_V1_AUTH:
            if (strcmp(cmd, "set-inactive") == 0) next = CLI_LEVEL_V1_SET_INACTIVE;
            break;
        default:
            break;
        }
        if (next == a->level) {
            static const char *const names[] = {"influx", "auth", "v1", "auth"};
            cli_buf_t b;
            cli_buf_init(&b, a->err, sizeof a->err - 1);
            cli_puts(&b, "unknown command ");
            cli_put_quoted(&b, cmd, strlen(cmd));
            cli_puts(&b, " for ");
            cli_put_quoted(&b, names[a->level], strlen(names[a->level]));
            a->err[b.len] = '\0';
            a->action = CLI_ACT_ERROR;
            return;
        }
        a->level = next;
        i++;
        if (next == CLI_LEVEL_AUTH_INACTIVE || next == CLI_LEVEL_V1_SET_INACTIVE) {
            leaf(a, args_mem + i, n - i, env);
            return;
        }
    }
}
