/* SPDX-License-Identifier: Apache-2.0 */
/* main.c - influx-lite firmware for QEMU's RISC-V virt machine (rv32imac).
 *
 * The same job as the Cortex-M4 firmware (boards/common/board_app.c): the
 * credential page, the clock, the exchange over lwIP NO_SYS=1 and the
 * polled virtio-net driver, the token's erasure. Its status goes to the
 * UART and, through startup.c, to QEMU's exit status. No heap. */
#include "board.h"
#include "board_app.h"

int main(void)
{
    return board_app("riscv32 virt (rv32imac), virtio-net");
}
