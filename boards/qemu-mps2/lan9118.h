/* SPDX-License-Identifier: Apache-2.0 */
/* lan9118.h - polled lwIP netif driver for the SMSC LAN9118 (MPS2: 0x40200000). */
#ifndef IL_LAN9118_H
#define IL_LAN9118_H

#include "lwip/err.h"
#include "lwip/netif.h"

/* netif_add() init function: resets the chip, checks its ID, takes the MAC
 * address the chip loaded from its EEPROM (else sets netif->hwaddr, filled
 * in before netif_add) and enables RX/TX.
 * ERR_IF when no LAN9118 answers. */
err_t lan9118_netif_init(struct netif *netif);

/* Hand every received frame to netif->input. Returns the number of frames. */
int lan9118_poll(struct netif *netif);

#endif
