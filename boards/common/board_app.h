/* SPDX-License-Identifier: Apache-2.0 */
/* board_app.h - the firmware's one job, shared by every bare-metal board:
 * read the credential page, bring the network up, set the clock (https
 * images that check certificate dates), inactivate the page's
 * authorization, erase the token once it is revoked, and say so on the
 * console.
 *
 * What a board supplies, in its board.h: board_puts/putn/putu (console),
 * board_net_init, board_poll (lwIP), board_stack_used/size, the credential
 * page il_cred_page (its linker script places it) and board_cred_program
 * (programs it). */
#ifndef IL_BOARD_APP_H
#define IL_BOARD_APP_H

#include "board_cred.h"

/* Exit statuses beyond il_status_t's values: the page refused, nothing sent. */
#define BOARD_EXIT_CRED 100   /* + board_cred_status_t: 101 none, 102 corrupt, 103 erased */

/* Run the job; the il_status_t (IL_OK: inactivated and the token erased),
 * or BOARD_EXIT_CRED + the page's status. name is the board's, for the
 * banner. */
int board_app(const char *name);

#endif
