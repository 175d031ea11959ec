/* SPDX-License-Identifier: Apache-2.0 */
/* lan9118.c - polled lwIP netif driver for the SMSC LAN9118 as on MPS2
 * boards (and QEMU's model of it). 32-bit bus, PIO through the FIFOs,
 * no interrupts, no DMA, no heap: one static frame buffer each way.
 *
 * RX: the RX status FIFO holds one word per frame (length incl. 4-byte CRC
 * in bits 29:16, error summary bit 15); the data FIFO holds the frame padded
 * to whole words. TX: command word A (first/last segment, buffer length),
 * command word B (tag, frame length), then the data words. */
#include "lan9118.h"
#include "board.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#ifndef LAN_BASE
#define LAN_BASE 0x40200000u       /* AN386; AN505 (Secure alias): 0x52000000 */
#endif
#define REG(off) (*(volatile uint32_t *)(LAN_BASE + (off)))

#define RX_DATA_FIFO    0x00u
#define TX_DATA_FIFO    0x20u
#define RX_STATUS_FIFO  0x40u
#define TX_STATUS_FIFO  0x48u
#define ID_REV          0x50u
#define IRQ_CFG         0x54u
#define INT_STS         0x58u
#define INT_EN          0x5cu
#define BYTE_TEST       0x64u
#define RX_CFG          0x6cu
#define TX_CFG          0x70u
#define HW_CFG          0x74u
#define RX_FIFO_INF     0x7cu
#define TX_FIFO_INF     0x80u
#define PMT_CTRL        0x84u
#define MAC_CSR_CMD     0xa4u
#define MAC_CSR_DATA    0xa8u

#define MAC_CR          1u
#define MAC_ADDRH       2u
#define MAC_ADDRL       3u
#define MAC_CR_FDPX     0x00100000u
#define MAC_CR_TXEN     0x00000008u
#define MAC_CR_RXEN     0x00000004u

#define CSR_BUSY        0x80000000u
#define CSR_READ        0x40000000u
#define TX_CFG_TX_ON    0x00000002u
#define HW_CFG_SRST     0x00000001u
#define PMT_READY       0x00000001u
#define TX_CMD_A_FIRST  0x00002000u
#define TX_CMD_A_LAST   0x00001000u
#define RX_STS_ERROR    0x00008000u

#define FRAME_MAX 1522u   /* with VLAN tag, without CRC */
#define SPIN_MAX  100000u

static uint32_t frame_words[(FRAME_MAX + 4u + 3u) / 4u];

static int mac_wait(void)
{
    uint32_t n;
    for (n = 0; n < SPIN_MAX; n++) {
        if ((REG(MAC_CSR_CMD) & CSR_BUSY) == 0) return 0;
    }
    return -1;
}

static void mac_write(uint32_t reg, uint32_t val)
{
    (void)mac_wait();
    REG(MAC_CSR_DATA) = val;
    REG(MAC_CSR_CMD) = CSR_BUSY | (reg & 0xffu);
    (void)mac_wait();
}

static uint32_t mac_read(uint32_t reg)
{
    (void)mac_wait();
    REG(MAC_CSR_CMD) = CSR_BUSY | CSR_READ | (reg & 0xffu);
    (void)mac_wait();
    return REG(MAC_CSR_DATA);
}

static err_t low_level_output(struct netif *netif, struct pbuf *p)
{
    uint32_t len = p->tot_len, words, i, n;
    (void)netif;
    if (len > FRAME_MAX) return ERR_IF;
    if (pbuf_copy_partial(p, frame_words, (u16_t)len, 0) != len) return ERR_IF;
    words = (len + 3u) / 4u;
    /* wait for room in the TX data FIFO (free bytes in bits 15:0) */
    for (n = 0; (REG(TX_FIFO_INF) & 0xffffu) < words * 4u + 8u; n++) {
        if (n >= SPIN_MAX) return ERR_IF;
    }
    REG(TX_DATA_FIFO) = TX_CMD_A_FIRST | TX_CMD_A_LAST | len;
    REG(TX_DATA_FIFO) = (len << 16) | len;   /* tag = length, frame length */
    for (i = 0; i < words; i++) REG(TX_DATA_FIFO) = frame_words[i];
    /* drop the TX status words (used count in bits 23:16) */
    while ((REG(TX_FIFO_INF) >> 16) & 0xffu) (void)REG(TX_STATUS_FIFO);
    return ERR_OK;
}

int lan9118_poll(struct netif *netif)
{
    int frames = 0;
    while ((REG(RX_FIFO_INF) >> 16) & 0xffu) {
        uint32_t status = REG(RX_STATUS_FIFO);
        uint32_t len = (status >> 16) & 0x3fffu;          /* incl. CRC */
        uint32_t words = (len + 3u) / 4u, i;
        bool keep = (status & RX_STS_ERROR) == 0 && len >= 18u && len - 4u <= FRAME_MAX;
        struct pbuf *p;
        if (!keep) {
            for (i = 0; i < words; i++) (void)REG(RX_DATA_FIFO);
            continue;
        }
        for (i = 0; i < words; i++) frame_words[i] = REG(RX_DATA_FIFO);
        frames++;
        p = pbuf_alloc(PBUF_RAW, (u16_t)(len - 4u), PBUF_POOL);
        if (p == NULL) continue;                          /* out of pbufs: drop */
        if (pbuf_take(p, frame_words, (u16_t)(len - 4u)) != ERR_OK ||
            netif->input(p, netif) != ERR_OK) {
            pbuf_free(p);
        }
    }
    return frames;
}

err_t lan9118_netif_init(struct netif *netif)
{
    uint32_t n;
    const uint8_t *m = netif->hwaddr;

    if (REG(BYTE_TEST) != 0x87654321u || (REG(ID_REV) >> 16) != 0x0118u) return ERR_IF;
    REG(HW_CFG) = HW_CFG_SRST;
    for (n = 0; (REG(PMT_CTRL) & PMT_READY) == 0 || (REG(HW_CFG) & HW_CFG_SRST); n++) {
        if (n >= SPIN_MAX) return ERR_IF;
    }
    REG(INT_EN) = 0;                  /* polled */
    REG(IRQ_CFG) = 0;
    REG(INT_STS) = 0xffffffffu;
    REG(RX_CFG) = 0;                  /* no offset, word end alignment */
    /* the MAC address the chip loaded from its EEPROM, else netif->hwaddr */
    {
        uint32_t lo = mac_read(MAC_ADDRL), hi = mac_read(MAC_ADDRH) & 0xffffu;
        if ((lo != 0 || hi != 0) && (lo != 0xffffffffu || hi != 0xffffu)) {
            netif->hwaddr[0] = (u8_t)lo;
            netif->hwaddr[1] = (u8_t)(lo >> 8);
            netif->hwaddr[2] = (u8_t)(lo >> 16);
            netif->hwaddr[3] = (u8_t)(lo >> 24);
            netif->hwaddr[4] = (u8_t)hi;
            netif->hwaddr[5] = (u8_t)(hi >> 8);
        } else {
            mac_write(MAC_ADDRL, (uint32_t)m[0] | ((uint32_t)m[1] << 8) |
                                 ((uint32_t)m[2] << 16) | ((uint32_t)m[3] << 24));
            mac_write(MAC_ADDRH, (uint32_t)m[4] | ((uint32_t)m[5] << 8));
        }
    }
    mac_write(MAC_CR, MAC_CR_FDPX | MAC_CR_TXEN | MAC_CR_RXEN);   /* own address + broadcast */
    REG(TX_CFG) = TX_CFG_TX_ON;

    netif->name[0] = 'e';
    netif->name[1] = 'n';
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET |
                   NETIF_FLAG_LINK_UP;
    netif->output = etharp_output;
    netif->linkoutput = low_level_output;
    return ERR_OK;
}

/* The LAN9118's free-running counter, for the test entropy
 * (boards/common/board_entropy_test.c). */
uint32_t board_jitter(void)
{
    return REG(0x9cu);
}
