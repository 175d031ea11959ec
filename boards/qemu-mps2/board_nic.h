/* SPDX-License-Identifier: Apache-2.0 */
/* board_nic.h - the MPS2 board's NIC for boards/common/board_net.c. */
#ifndef IL_MPS2_BOARD_NIC_H
#define IL_MPS2_BOARD_NIC_H

#include "lan9118.h"

#define BOARD_NIC_INIT lan9118_netif_init
#define BOARD_NIC_POLL lan9118_poll

#endif
