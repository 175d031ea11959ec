/* SPDX-License-Identifier: Apache-2.0 */
/* cli_mem.h - all of a CLI run's memory, in one struct (cli_mem.c holds
 * the one instance; every function gets the parts it needs as parameters).
 *
 * Member order is layout: every page a run touches costs a page fault (more
 * than the rest of the user-space work of a short run), and every 2 MB
 * region with such a page a page-table page. A single inactivation touches
 * about 15 KB of small state and the head of six buffers (a few bytes to
 * 3 KB each), each buffer from 8 KB to 11 MB long: a buffer's head shares
 * its page with what comes before it, never with what follows. So the run's
 * part is five page groups, each starting a page (CLI_PAGE_START): some of
 * the small state, then a buffer, with room on that page for its head (the
 * x86_64 figures in the comments: state + the head an inactivation writes,
 * of 4096; 32-bit targets have less state). One page per buffer, the small
 * state in their spare room; the sixth buffer, the answers' kept strings
 * (cli_body_mem, below), lies outside the struct, its head on the page of
 * the program's data, which exec touches anyway: an HTTP inactivation
 * touches 5 pages of cli_mem. What would be a buffer of its own keeps what
 * a single inactivation needs in its owner's small state instead, the rest
 * in the caller's memory further on, used only past that: the tabwriter's
 * few lines (cli_tw_t), the secrets' first windows (cli_secrets_t), the
 * IDs' state without --ids-from's lines (cli_ids_t). A single inactivation
 * writes its permissions' text, the table's and stdout's one after the
 * other in one buffer (row_mem): three texts, one head. The small buffers
 * come first, then HTTPS's session (a page of its own) and the status's
 * buffer (10 MB), whose head stays in the 2 MB region of the program's
 * data, then the row's (11 MB), in a region of its own. What only some
 * runs touch (a name's lookup, a configs file, v1's user lookup, failures,
 * batches, other output, a sign-in) follows. C keeps a
 * struct's member order, so every build variant gets this layout. */
#ifndef CLI_MEM_H
#define CLI_MEM_H

#include "cli_args.h"
#include "cli_backstop.h"
#include "cli_batch.h"
#include "cli_flow.h"
#include "cli_ids.h"
#include "cli_net.h"
#include "cli_perms.h"
#include "cli_redact.h"
#include "cli_plan.h"
#include "cli_print.h"
#include "cli_proxy.h"
#include "cli_secret.h"
#include "cli_stdio.h"
#include "cli_signin.h"
#include "cli_tabwriter.h"
#include "cli_watch.h"
#ifdef IL_HAVE_TLS
#include "il_tls_conn.h"
#endif

/* Starts a group of data that a run touches together on a page of its own. */
#if defined(__GNUC__)
#define CLI_PAGE_START __attribute__((aligned(4096)))
#else
#define CLI_PAGE_START
#endif

/* Answers are decoded as they stream in (il_json.h): of an authorization,
 * the body buffer keeps the strings the row prints (a token, a description
 * of up to about a megabyte), the permission text its permissions as
 * printed (about 60 bytes each: some 70,000 of them), and the table text
 * always holds one row with all of that. The status text holds a status
 * line's reason as long as Go's client takes it (its header section
 * limit), and stderr that with an answer's error message. Only the pages a
 * run writes cost memory. */
#define CLI_REQ_BUF (CLI_TOKEN_MAX + 1024)   /* a request holds the token */
#define CLI_REQ_BIG_BUF (32 * 1024)     /* a request with the hidden flags' headers, or a sign-in */
#define CLI_BODY_BUF ((size_t)1024 * 1024)
#define CLI_USER_BODY_BUF ((size_t)16 * 1024)
#define CLI_PERM_TEXT ((size_t)4 * 1024 * 1024)
/* a row with all of that, each kept byte that is not UTF-8 printed as U+FFFD (3 bytes) */
#define CLI_TABLE_TEXT (CLI_PERM_TEXT + 3 * (CLI_BODY_BUF + CLI_USER_BODY_BUF) + 4096)
#define CLI_OUT_BUF ((size_t)256 * 1024)
/* The permissions' text from the start; a single inactivation's table text
 * right after it and its stdout right after that (cli_run.c: the three on
 * a page or two, not three buffers' heads), a batch's table text from
 * CLI_PERM_TEXT (its stdout in out_mem). */
#define CLI_ROW_MEM (CLI_PERM_TEXT + CLI_TABLE_TEXT + CLI_OUT_BUF)
#define CLI_STATUS_TEXT IL_HTTP_HEADER_SECTION_MAX
#define CLI_ERR_BUF (CLI_STATUS_TEXT + CLI_BODY_BUF + 16 * 1024)
#define CLI_FAILED_BUF (64 * 1024)
#define CLI_SECRET_GRAMS 32768      /* 8-byte windows of all secrets (cli_redact.h) */

typedef struct cli_mem {
    /* the command line: 875 + 2936 (the scratch's last arrays only with
     * positional arguments) */
    cli_stdio_t stdio CLI_PAGE_START;   /* which of fds 0-2 were closed at start */
    cli_tally_t tally;              /* what a run did, should its output be lost */
    cli_getenv_fn env;              /* the environment (HTTPS_PROXY and the like) */
    cli_args_t args;
    cli_args_scratch_t args_scratch;
    /* the connection's settings and the outputs, then the token: 3544 + the
     * token (an 88-byte one: 89) */
    cli_net_t net CLI_PAGE_START;
    cli_proxy_t proxy;              /* HTTP(S)_PROXY (every run looks): its credentials are wiped at exit */
    cli_buf_t out;                  /* stdout, written at the end (a batch streams it) */
    cli_buf_t err;                  /* stderr */
    cli_perms_t perms;              /* the answered permissions (their text at row_mem's start) */
    cli_watch_t watch;              /* its first fields: the trace line; the rest only when read */
    cli_table_t table;
    char token[CLI_TOKEN_MAX];      /* the token, out of argv, a file, the environment */
    /* the plan and the IDs, then the request: 2424 + 112 + 947 */
    cli_plan_t plan CLI_PAGE_START;
    cli_ids_t ids;
    uint8_t req_buf[CLI_REQ_BUF];
#ifdef IL_HAVE_TLS
    il_tls_conn_t tls CLI_PAGE_START;   /* the TLS session: HTTPS only */
#endif
    /* the exchange and the nesting bits, then the status line's reason:
     * 2816 + 1251 (a run touches their first bytes) + 7 */
    cli_flow_t flow CLI_PAGE_START;
    uint8_t json_nest[IL_JSON_GO_DEPTH / 8 + 1];   /* Go's nesting limit */
    char status_text[CLI_STATUS_TEXT];
    /* the table's layout and the redaction, then the row's texts: 3024 +
     * about 60 per permission + the row twice (as kept, as printed) */
    cli_tw_t tw CLI_PAGE_START;     /* every run that prints a table (its long lines in tw_lines) */
    cli_secrets_t secrets;          /* the caller's secrets, wiped at exit */
    cli_redact_stream_t out_rs, err_rs;   /* every byte to stdout and stderr passes these */
    char row_mem[CLI_ROW_MEM];
    /* only some runs */
    cli_backstop_t backstop;        /* connecting to a name */
    uint64_t secret_grams[CLI_SECRET_GRAMS];   /* secrets' windows past the registry's own */
    cli_tw_line_t tw_lines[CLI_TW_MAX_LINES];  /* a table of more lines than a row's */
    cli_id_line_t id_lines[2];      /* --ids-from's lines */
    cli_config_file_t config_file;  /* a configs file */
    char proxy_why[1600];           /* why a proxy variable was refused (not on the stack: a page less of it) */
    char ids_buf[8192];             /* --ids-from reads */
    char idbuf[CLI_FLOW_ID_MAX], uidbuf[CLI_FLOW_ID_MAX];   /* v1 */
    uint8_t user_body_buf[CLI_USER_BODY_BUF];
    char err_mem[CLI_ERR_BUF];
    char out_mem[CLI_OUT_BUF];      /* stdout but a single inactivation's row */
#ifdef IL_HAVE_TLS
    il_tls_conn_t proxy_tls;        /* TLS to an https:// proxy */
#endif
    cli_batch_t batch;
    char failed_mem[CLI_FAILED_BUF];          /* the IDs of failed inactivations, for the summary */
    char done_mem[CLI_FAILED_BUF];            /* the IDs inactivated, should a signal stop the batch */
    /* a sign-in, the hidden flags' headers, trace lines */
    char extra_copy[CLI_HEADERS_EXTRA_MAX];   /* --extra-http-header values, out of argv */
    cli_headers_t headers;
    cli_signin_mem_t signin;
    cli_watch_mem_t watch_mem;
    uint8_t req_big[CLI_REQ_BIG_BUF];
} cli_mem_t;

/* The answers' kept strings, apart from cli_mem: the static links put
 * their head on the page of the program's data (cli_bss.ld), which exec
 * has touched already, so the answer costs no page of its own. */
extern uint8_t cli_body_mem[CLI_BODY_BUF];

/* All of the run's memory, the one instance (cli_mem.c, linked last): the
 * CLI's only state besides the DNS backstop's pointer to its part of it
 * (cli_backstop.c) and the signal a handler caught (cli_signal.c). */
extern cli_mem_t cli_mem;

/* Run the leaf command m->args parsed: CLI_EXIT_OK or the exit code, with
 * stdout in m->out and stderr in m->err (cli_run.c). */
int cli_run(cli_mem_t *m);

#endif
