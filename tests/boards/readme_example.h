/* SPDX-License-Identifier: Apache-2.0 */
/* readme_example.h - the function README.md's library example defines. It is
 * forced into the example's compilation (-include), so the compiler checks
 * the README's definition against this declaration, which
 * readme_example_main.c calls. */
#ifndef IL_README_EXAMPLE_H
#define IL_README_EXAMPLE_H

#include "il_lwip.h"
#include "il_status.h"

il_status_t revoke_own_token(const char *token, const char *my_auth_id, il_lwip_poll_fn poll);

#endif
