/* SPDX-License-Identifier: Apache-2.0 */
/* cli_addr.h - the addresses Go's net.OpError names: the one a failed dial
 * was to ("dial tcp 127.0.0.1:8086: connect: connection refused" for
 * localhost), and a connection's two ends ("read tcp
 * 127.0.0.1:41234->127.0.0.1:8086: read: connection reset by peer"). */
#ifndef CLI_ADDR_H
#define CLI_ADDR_H

#include <stdint.h>
#include "cli_req.h"

/* The address Go dials first for host:port into a->dialled: a literal as
 * Go prints it; a name's first address in the hosts file (Go's resolver
 * reads it first, in file order), else first_addr (the system resolver's
 * first answer), else the name itself. */
void cli_addr_dialled(cli_req_net_t *a, const char *hosts_path, const char *host, uint16_t port,
                      const char *first_addr);

/* The connected socket's two ends into a->local and a->remote. */
void cli_addr_ends(cli_req_net_t *a, int fd);

#endif
