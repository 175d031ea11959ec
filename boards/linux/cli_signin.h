/* SPDX-License-Identifier: Apache-2.0 */
/* cli_signin.h - a session for a config that holds a cookie and no token
 * (`influx config create -u USER -p PASSWORD` writes one), as the official
 * CLI makes it (influx-cli v2.8.0 cmd/influx/global.go newApiClient,
 * clients/signin/signin.go GetCookie):
 *  - the cookie is base64 (StdEncoding) of "user:password" or "user"; split
 *    at every colon: exactly two parts are the user and the password, any
 *    other count the user (the first part) alone, and then the password is
 *    asked for: "Please provide your password: " on stdout, read from the
 *    terminal on stdin without echo, then a newline on stdout;
 *  - POST /api/v2/signin with "Authorization: Basic" (and the trace ID's
 *    headers, no --extra-http-header), over the run's connection;
 *  - the first Set-Cookie whose name contains "influxdb" is the session,
 *    sent as "Cookie: influxdb-oss-session=<value>" with every request.
 * Failures, as "Error: error creating session: <why>":
 *    error signing in, verify signin was not called against cloud influxdb:
 *      <the request's failure, as the other requests' (Post "URL": ...)>;
 *    failure getting session cookie, invalid cookies;
 *    illegal base64 data at input byte N;
 *    inappropriate ioctl for device (stdin is not a terminal), ...
 * influx-lite's own: the prompt waits at most --timeout ("read /dev/stdin:
 * i/o timeout"), with the echo off before the prompt shows. */
#ifndef CLI_SIGNIN_H
#define CLI_SIGNIN_H

#include "cli_flow.h"
#include "cli_headers.h"
#include "cli_watch.h"

#define CLI_USERPASS_MAX 4096      /* the cookie decoded, and a typed password */

/* Memory of a sign-in (wiped before cli_signin returns). */
typedef struct cli_signin_mem {
    char userpass[2 * CLI_USERPASS_MAX + 2];   /* "user:password" */
    char password[CLI_USERPASS_MAX + 1];       /* a typed one */
} cli_signin_mem_t;

/* Sign in with the config's cookie: CLI_EXIT_OK with the session among h's
 * headers, or the exit code with the failure in f->err. */
int cli_signin(cli_flow_t *f, const cli_args_t *a, const char *cookie, cli_headers_t *h, cli_watch_t *w,
               cli_signin_mem_t *m);

#endif
