/* SPDX-License-Identifier: Apache-2.0 */
/* board_nic.h - the RISC-V virt board's NIC for boards/common/board_net.c. */
#ifndef IL_RISCV_BOARD_NIC_H
#define IL_RISCV_BOARD_NIC_H

#include "virtio_net.h"

#define BOARD_NIC_INIT virtio_net_init
#define BOARD_NIC_POLL virtio_net_poll

#endif
