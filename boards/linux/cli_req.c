/* SPDX-License-Identifier: Apache-2.0 */
/* cli_req.c - a request as the official CLI's error texts name it (see
 * cli_req.h). */
#include "cli_req.h"

#include <string.h>

void cli_req_put_context(cli_buf_t *b, const cli_req_t *rq)
{
    if (rq->value == NULL) cli_putf(b, "Error: %s", rq->context);     /* the sign-in names nothing */
    else cli_putf(b, "Error: %s%q: ", rq->context, rq->value);
}

void cli_req_put_url(cli_buf_t *b, const cli_req_t *rq)
{
    /* Go's URL.String(): "scheme:" then "//host" when either is set */
    if (rq->scheme[0] != '\0') cli_putf(b, "%s:", rq->scheme);
    if (rq->scheme[0] != '\0' || rq->host_header[0] != '\0') cli_putf(b, "//%s", rq->host_header);
    cli_puts(b, rq->path);
    if (rq->param != NULL) cli_put_path_escaped(b, rq->param);
    if (rq->query_key != NULL) {
        cli_putf(b, "?%s=", rq->query_key);
        cli_put_query_escaped(b, rq->query_value != NULL ? rq->query_value : "");
    }
}

void cli_req_put_url_error(cli_buf_t *b, const cli_req_t *rq)
{
    cli_putf(b, "%s \"", rq->method);
    cli_req_put_url(b, rq);
    cli_puts(b, "\": ");
}

void cli_req_put_dial_addr(cli_buf_t *b, const cli_req_t *rq)
{
    if (rq->net != NULL && rq->net->dialled[0] != '\0') {
        cli_puts(b, rq->net->dialled);
        return;
    }
    bool v6 = strchr(rq->dial_host, ':') != NULL;
    cli_putf(b, v6 ? "[%s]:" : "%s:", rq->dial_host);
    cli_put_uint(b, rq->port);
}

void cli_req_put_conn_addrs(cli_buf_t *b, const cli_req_t *rq)
{
    if (rq->connecting || rq->net == NULL || rq->net->local[0] == '\0' || rq->net->remote[0] == '\0') {
        cli_req_put_dial_addr(b, rq);
        return;
    }
    cli_putf(b, "%s->%s", rq->net->local, rq->net->remote);
}
