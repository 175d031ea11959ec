/* SPDX-License-Identifier: Apache-2.0 */
/* cli_cert_errors.h - a refused server certificate in Go's words (the
 * cause the official CLI prints after `<Method> "<url>": `). */
#ifndef CLI_CERT_ERRORS_H
#define CLI_CERT_ERRORS_H

#include "il_status.h"
#include "il_tls.h"
#include "cli_out.h"

/* Whether st is a refusal of the server's certificates. */
bool cli_cert_status(il_status_t st);

/* Go's text for a refusal of the server's certificates (st, and e's reason
 * and texts; e may be NULL) for the host dialled:
 * "tls: failed to verify certificate: x509: ..." or "tls: failed to parse
 * certificate from server: x509: ...". */
void cli_put_cert_failure(cli_buf_t *b, il_status_t st, const il_tls_cert_error_t *e, const char *host);

#endif
