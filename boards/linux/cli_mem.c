/* SPDX-License-Identifier: Apache-2.0 */
/* cli_mem.c - the one instance of all of a CLI run's memory (cli_mem.h),
 * and the answers' kept strings (cli_body_mem: apart, for cli_bss.ld).
 *
 * A file of its own so that boards/linux/rules.mk can link it after the
 * libraries: the linker lays .bss out in the order of its input, so the
 * small statics of the CLI, the library and mbedTLS then share their pages
 * instead of lying on both sides of these 35 MB (a page a run touches costs
 * a page fault). The static links place it by cli_bss.ld, which puts it
 * after musl's statics too. */
#include "cli_mem.h"

cli_mem_t cli_mem;
uint8_t cli_body_mem[CLI_BODY_BUF];
