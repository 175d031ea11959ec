/* SPDX-License-Identifier: Apache-2.0 */
/* board_entropy.h - entropy on a part without a hardware RNG: the seed
 * provisioned in the credential page (board_cred.h), mixed with the part's
 * clock jitter (board_entropy_seed.c). */
#ifndef IL_BOARD_ENTROPY_H
#define IL_BOARD_ENTROPY_H

#include "board_cred.h"

/* Replace the page's seed with the generator's output, before the first
 * handshake, so that no two boots start from the same state: BOARD_CRED_OK,
 * or why the seed could not be replaced (board_cred_put_seed). */
board_cred_status_t board_entropy_refresh(void);

#endif
