/* SPDX-License-Identifier: Apache-2.0 */
/* virtio_net.c - a polled virtio-net driver (virtio 1.x over MMIO) for lwIP:
 * split queues of QSZ descriptors in static memory, every received frame
 * copied out of its buffer into a pool pbuf, one transmit buffer that is
 * sent and waited for. No interrupts, no heap. */
#include "virtio_net.h"

#include <stdint.h>
#include <string.h>
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#define MMIO_FIRST   0x10001000u
#define MMIO_SLOTS   8u
#define MMIO_STRIDE  0x1000u
#define REG(off)     (*(volatile uint32_t *)(base + (off)))
#define R_MAGIC      0x000u
#define R_VERSION    0x004u
#define R_DEVICE     0x008u
#define R_DEV_FEAT   0x010u
#define R_DEV_FSEL   0x014u
#define R_DRV_FEAT   0x020u
#define R_DRV_FSEL   0x024u
#define R_QSEL       0x030u
#define R_QMAX       0x034u
#define R_QNUM       0x038u
#define R_QREADY     0x044u
#define R_NOTIFY     0x050u
#define R_STATUS     0x070u
#define R_QDESC      0x080u
#define R_QDRIVER    0x090u
#define R_QDEVICE    0x0a0u
#define R_CONFIG     0x100u
#define ST_ACK       1u
#define ST_DRIVER    2u
#define ST_DRIVER_OK 4u
#define ST_FEAT_OK   8u
#define F_MAC        (1u << 5)    /* feature bit 5 */
#define F_VERSION_1  1u           /* feature bit 32: word 1, bit 0 */
#define DESC_WRITE   2u
#define QSZ          4u
#define HDR          12u          /* struct virtio_net_hdr with VERSION_1 */
#define FRAME        1514u

typedef struct vq_desc { uint64_t addr; uint32_t len; uint16_t flags, next; } vq_desc_t;
typedef struct vq_avail { uint16_t flags, idx, ring[QSZ], used_event; } vq_avail_t;
typedef struct vq_used_elem { uint32_t id, len; } vq_used_elem_t;
typedef struct vq_used { uint16_t flags, idx; vq_used_elem_t ring[QSZ]; uint16_t avail_event; } vq_used_t;
typedef struct vq {
    vq_desc_t desc[QSZ] __attribute__((aligned(16)));
    vq_avail_t avail __attribute__((aligned(4)));
    vq_used_t used __attribute__((aligned(4)));
    uint16_t last_used;
} vq_t;

static uintptr_t base;
static vq_t rxq, txq;
static uint8_t rx_buf[QSZ][HDR + FRAME] __attribute__((aligned(4)));
static uint8_t tx_buf[HDR + FRAME] __attribute__((aligned(4)));

static uint16_t used_idx(const vq_t *q)
{
    __sync_synchronize();
    return *(const volatile uint16_t *)&q->used.idx;
}

/* Offer descriptor id to the device on queue q (index qi). */
static void vq_offer(vq_t *q, uint32_t qi, uint16_t id)
{
    q->avail.ring[q->avail.idx % QSZ] = id;
    __sync_synchronize();
    *(volatile uint16_t *)&q->avail.idx = (uint16_t)(q->avail.idx + 1u);
    __sync_synchronize();
    REG(R_NOTIFY) = qi;
}

static int vq_setup(vq_t *q, uint32_t qi)
{
    REG(R_QSEL) = qi;
    if (REG(R_QMAX) < QSZ) return -1;
    REG(R_QNUM) = QSZ;
    REG(R_QDESC) = (uint32_t)(uintptr_t)q->desc;
    REG(R_QDESC + 4u) = 0;
    REG(R_QDRIVER) = (uint32_t)(uintptr_t)&q->avail;
    REG(R_QDRIVER + 4u) = 0;
    REG(R_QDEVICE) = (uint32_t)(uintptr_t)&q->used;
    REG(R_QDEVICE + 4u) = 0;
    REG(R_QREADY) = 1;
    return 0;
}

/* The first virtio-mmio slot holding a version 2 network device; 0 if none. */
static uintptr_t find_device(void)
{
    for (uint32_t i = 0; i < MMIO_SLOTS; i++) {
        base = MMIO_FIRST + i * MMIO_STRIDE;
        if (REG(R_MAGIC) == 0x74726976u && REG(R_VERSION) == 2u && REG(R_DEVICE) == 1u) return base;
    }
    return 0;
}

/* Features: VERSION_1, and MAC when the device has one. false if refused. */
static int negotiate(struct netif *netif)
{
    uint32_t offered;
    REG(R_DEV_FSEL) = 1;
    if ((REG(R_DEV_FEAT) & F_VERSION_1) == 0) return 0;
    REG(R_DEV_FSEL) = 0;
    offered = REG(R_DEV_FEAT) & F_MAC;
    REG(R_DRV_FSEL) = 0;
    REG(R_DRV_FEAT) = offered;
    REG(R_DRV_FSEL) = 1;
    REG(R_DRV_FEAT) = F_VERSION_1;
    REG(R_STATUS) = ST_ACK | ST_DRIVER | ST_FEAT_OK;
    if ((REG(R_STATUS) & ST_FEAT_OK) == 0) return 0;
    for (uint32_t i = 0; i < 6u && offered != 0; i++)
        netif->hwaddr[i] = *(volatile uint8_t *)(base + R_CONFIG + i);
    return 1;
}

static err_t virtio_net_output(struct netif *netif, struct pbuf *p)
{
    uint16_t want;
    uint32_t spins = 0;
    (void)netif;
    if (p->tot_len > FRAME) return ERR_BUF;
    memset(tx_buf, 0, HDR);
    (void)pbuf_copy_partial(p, tx_buf + HDR, p->tot_len, 0);
    txq.desc[0].addr = (uint32_t)(uintptr_t)tx_buf;
    txq.desc[0].len = HDR + p->tot_len;
    txq.desc[0].flags = 0;
    want = (uint16_t)(txq.avail.idx + 1u);
    vq_offer(&txq, 1, 0);
    /* QEMU sends at the notify; the wait bounds a device that never does */
    while (used_idx(&txq) != want)
        if (++spins > 10000000u) return ERR_IF;
    return ERR_OK;
}

err_t virtio_net_init(struct netif *netif)
{
    if (find_device() == 0) return ERR_IF;
    REG(R_STATUS) = 0;
    REG(R_STATUS) = ST_ACK | ST_DRIVER;
    if (!negotiate(netif) || vq_setup(&rxq, 0) != 0 || vq_setup(&txq, 1) != 0) return ERR_IF;
    REG(R_STATUS) = ST_ACK | ST_DRIVER | ST_FEAT_OK | ST_DRIVER_OK;
    for (uint16_t i = 0; i < QSZ; i++) {
        rxq.desc[i].addr = (uint32_t)(uintptr_t)rx_buf[i];
        rxq.desc[i].len = HDR + FRAME;
        rxq.desc[i].flags = DESC_WRITE;
        vq_offer(&rxq, 0, i);
    }
    netif->name[0] = 'v';
    netif->name[1] = 'n';
    netif->hwaddr_len = 6;
    netif->mtu = 1500;
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    netif->output = etharp_output;
    netif->linkoutput = virtio_net_output;
    return ERR_OK;
}

int virtio_net_poll(struct netif *netif)
{
    int frames = 0;
    while (rxq.last_used != used_idx(&rxq)) {
        const vq_used_elem_t *e = &rxq.used.ring[rxq.last_used % QSZ];
        uint16_t id = (uint16_t)e->id;
        uint32_t len = e->len > HDR ? e->len - HDR : 0;
        struct pbuf *p = len > 0 && len <= FRAME ? pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL) : NULL;
        if (p != NULL) {
            (void)pbuf_take(p, rx_buf[id % QSZ] + HDR, (u16_t)len);
            if (netif->input(p, netif) != ERR_OK) pbuf_free(p);
            frames++;
        }
        rxq.last_used++;
        vq_offer(&rxq, 0, (uint16_t)(id % QSZ));
    }
    return frames;
}
