/* SPDX-License-Identifier: Apache-2.0 */
/* cli_redact.h - the caller's secrets, and the one redaction every byte the
 * CLI prints passes (stdout, stderr, the --http-debug dump).
 *
 * The registry is a list of secret spans (the token; a configs file's
 * password or session, proxy credentials, extra header values as the CLI
 * learns them): the rest of the CLI registers into it, and cli_secrets_wipe
 * zeroes every span and what was derived from them at exit.
 *
 * The promise: no run of CLI_REDACT_RUN (8) consecutive bytes of a secret
 * (the whole secret when it is shorter) appears in the output, written as it
 * is or encoded: percent-encoded (any set of escaped bytes, '+' for a
 * space), hex (either case), base64 (standard or URL alphabet, at any
 * alignment) or with Go's and JSON's backslash escapes (\x, \u, \U, \n,
 * \", ...). Text is read as a stream of positions: at each one every decoder
 * decodes what follows, and a decoded run that is a secret's marks the text
 * it came from; each stretch of marked text is printed as "<redacted>".
 * (The engine, cli_scan_next, runs a decoder only where bit masks over the
 * next bytes show it may decode CLI_REDACT_MIN bytes of a secret: the same
 * result at a fraction of the cost; tests/unit/test_cli_redact_diff.c holds
 * it to the every-decoder-everywhere reading.) A secret shorter than
 * CLI_REDACT_MIN bytes is wiped but not searched for: so short a text
 * cannot be told from ordinary output.
 *
 * Streams (stdout, stderr) keep back the last CLI_REDACT_SPAN - 1 bytes of
 * what they were given until what follows shows whether a secret goes on
 * there: a server that splits a token over many reads, or a buffer boundary
 * that cuts one, does not get it through in pieces. A write ending in a
 * newline goes out whole (no secret holds a newline then, so no run crosses
 * it); cli_redact_flush sends what is kept, and the CLI calls it where its
 * own fixed text (a line end, a dump's timestamp line) follows. */
#ifndef CLI_REDACT_H
#define CLI_REDACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CLI_REDACT_RUN 8            /* bytes of a secret that make a run */
#define CLI_REDACT_MIN 4            /* shorter secrets are not searched for */
#define CLI_REDACT_SPAN 80          /* most text one run can take: 8 bytes as \U0000XXXX each */
#define CLI_SECRETS_MAX 16          /* spans in the registry */
#define CLI_SECRET_SHORT_MAX 8      /* of which under CLI_REDACT_RUN bytes */
#define CLI_SECRET_FEW_GRAMS 96     /* windows the registry holds itself: an 88-byte token's 81 */

/* One registered secret: memory the CLI owns, wiped at exit. */
typedef struct cli_secret_span {
    char *p;
    size_t n;
} cli_secret_span_t;

typedef struct cli_secrets {
    cli_secret_span_t spans[CLI_SECRETS_MAX];
    size_t count;
    uint64_t *grams;                /* every 8-byte window of every secret, sorted: few, then more */
    size_t ngrams, grams_cap;
    uint64_t *more;                 /* the caller's memory, once the few are not enough */
    size_t more_cap;
    const cli_secret_span_t *shorts[CLI_SECRET_SHORT_MAX];   /* secrets of MIN..RUN-1 bytes */
    size_t nshorts;
    uint8_t bytes[32];              /* which byte values occur in a secret (a bit each) */
    bool any;                       /* something to search for */
    uint64_t few[CLI_SECRET_FEW_GRAMS];
} cli_secrets_t;

/* An empty registry whose windows go to its own few, then (all of them,
 * moved) to grams[0..cap) (the caller's; the larger of the two bounds them). */
void cli_secrets_init(cli_secrets_t *s, uint64_t *grams, size_t cap);

/* Register p[0..n) (memory the caller keeps until cli_secrets_wipe, which
 * zeroes it). false when the registry is full: the secret would not be
 * searched for, and the caller must not use it. Registering the same span
 * again is a no-op. */
bool cli_secrets_add(cli_secrets_t *s, char *p, size_t n);

/* Zero every registered span and the windows derived from them; the
 * registry is empty again. */
void cli_secrets_wipe(cli_secrets_t *s);

/* Whether t[0..n) holds a run of a secret (in any of the encodings). */
bool cli_secrets_found_in(const cli_secrets_t *s, const char *t, size_t n);

/* One text's positions, looked at in order (the engine, cli_secrets.c):
 * bit masks over a window of the text, of where a decoder may find a run. */
typedef struct cli_scan {
    const uint8_t *t;
    size_t len;
    size_t base, decided;           /* the window: positions [base, base + decided) */
    uint64_t run, esc, hex, b64;    /* bit k: position base + k, where that decoder may find one */
    uint64_t any;                   /* any of them, within the decided positions */
} cli_scan_t;

/* Every decoder at t[0..len) (len at most CLI_REDACT_SPAN): the end of the
 * longest run of a secret one decodes there, or 0. The definition that
 * cli_scan_next answers for each position without running most decoders
 * (tests/unit/test_cli_redact_diff.c holds it to this). */
size_t cli_secrets_match_at(const cli_secrets_t *s, const uint8_t *t, size_t len);

/* Start a scan of t[0..len). */
void cli_scan_start(cli_scan_t *sc, const char *t, size_t len);

/* The first position j in [i, to) where a run of a secret starts, in one
 * of the encodings, looking at t[j..len) up to CLI_REDACT_SPAN bytes; *e
 * the end (bytes from t + j) of the longest such stretch. to (and *e 0)
 * when none. Calls go forward: i past the j of the call before. */
size_t cli_scan_next(const cli_secrets_t *s, cli_scan_t *sc, size_t i, size_t to, size_t *e);

/* Where redacted text goes (a write that fails is the sink's to record). */
typedef bool (*cli_sink_fn)(void *ctx, const char *p, size_t n);

/* The state a redaction carries from one piece of text to the next. */
typedef struct cli_redact_state {
    size_t cover;                   /* bytes from the next position on already known to be a secret's */
    bool in_region;                 /* the last byte decided was a secret's ("<redacted>" is out) */
} cli_redact_state_t;

/* Decide positions [0, min(limit, len - (CLI_REDACT_SPAN - 1))) of t (all
 * of [0, min(limit, len)) when final: nothing follows) and give their text,
 * redacted, to sink. Returns how many positions were decided; st then
 * refers to the position after them. */
size_t cli_redact_run(const cli_secrets_t *s, const char *t, size_t len, size_t limit, bool final,
                      cli_redact_state_t *st, cli_sink_fn sink, void *ctx);

/* t[0..n) redacted into out[0..cap): its length (what does not fit is
 * dropped and the last byte kept is a newline if t ended with one). */
size_t cli_redact_to_buf(const cli_secrets_t *s, const char *t, size_t n, char *out, size_t cap);

/* A redacting writer to one file descriptor. */
typedef struct cli_redact_stream {
    const cli_secrets_t *secrets;
    int fd;
    cli_sink_fn sink;               /* NULL: write(2) to fd */
    void *sink_ctx;
    bool failed;                    /* a write to fd failed */
    cli_redact_state_t st;
    size_t nhold;
    char hold[CLI_REDACT_SPAN];     /* given, not decided yet */
    char work[2 * CLI_REDACT_SPAN]; /* hold + the start of the next piece */
} cli_redact_stream_t;

void cli_redact_stream_init(cli_redact_stream_t *rs, const cli_secrets_t *s, int fd);

/* Give the redacted text to sink instead of fd (tests). */
void cli_redact_stream_to(cli_redact_stream_t *rs, cli_sink_fn sink, void *ctx);

/* Write p[0..n) redacted (some of it perhaps kept back); false once a
 * write to the descriptor has failed. */
bool cli_redact_write(cli_redact_stream_t *rs, const char *p, size_t n);

/* Send what is kept back; false once a write has failed. */
bool cli_redact_flush(cli_redact_stream_t *rs);

/* Flush, then zero what the stream kept. */
void cli_redact_stream_wipe(cli_redact_stream_t *rs);

#endif
