/* SPDX-License-Identifier: Apache-2.0 */
/* board_clock.h - wall-clock time for certificate dates on a board without
 * a battery-backed clock: SNTP (lwIP's apps/sntp) sets it, sys_now() keeps
 * it running, and a floor says which times are known wrong.
 *
 * Unicast polling of one server is the default (the server's IPv4 address
 * comes from the credential page); with no server the board listens for
 * SNTP broadcasts instead. Until a time at or after BOARD_CLOCK_FLOOR has
 * arrived the clock is unset, and the board makes no TLS handshake: a
 * certificate's dates cannot be checked against no time (board_inactivate
 * returns IL_ERR_TLS_NO_TIME). Plain SNTP is not authenticated: the floor
 * keeps a spoofed time from going back before the firmware was built, and
 * the certificates' own validity bounds the rest. */
#ifndef IL_BOARD_CLOCK_H
#define IL_BOARD_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "il_lwip.h"

/* Unix time before which the clock is known wrong: a firmware cannot run
 * before it was built. The build sets it (FW_CLOCK_FLOOR in the board's
 * rules.mk); 2025-01-01 otherwise. */
#ifndef BOARD_CLOCK_FLOOR
#define BOARD_CLOCK_FLOOR 1735689600u
#endif

/* board_clock.c also defines il_board_clock_set(), lwIP's
 * SNTP_SET_SYSTEM_TIME (port/lwip/arch/cc.h): times below the floor are
 * ignored. */

/* Unix seconds now, or 0 while unset. */
uint32_t board_clock_now(void);

/* Start SNTP (polling server, an IPv4 literal, or listening for broadcasts
 * when server is empty) and poll the stack until the clock is set or
 * wait_ms have passed; true when it is set. SNTP keeps running (polling
 * mode asks again every hour). */
bool board_clock_sync(const char *server, uint32_t wait_ms, il_lwip_poll_fn poll, void *poll_arg);

#endif
