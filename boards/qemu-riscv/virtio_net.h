/* SPDX-License-Identifier: Apache-2.0 */
/* virtio_net.h - polled lwIP netif driver for a virtio-net device on
 * virtio-mmio version 2 (QEMU's RISC-V virt: one of the 8 slots from
 * 0x10001000; QEMU 7.2 needs -global virtio-mmio.force-legacy=false). */
#ifndef IL_VIRTIO_NET_H
#define IL_VIRTIO_NET_H

#include "lwip/err.h"
#include "lwip/netif.h"

/* netif_add() init function: finds the device, negotiates VERSION_1 (and
 * MAC when offered), sets up one receive and one transmit queue in static
 * memory. ERR_IF when no virtio-net device answers. */
err_t virtio_net_init(struct netif *netif);

/* Hand every received frame to netif->input. Returns the number of frames. */
int virtio_net_poll(struct netif *netif);

#endif
