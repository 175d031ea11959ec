/* SPDX-License-Identifier: Apache-2.0 */
/* board_cred.c - reading and erasing the credential page (board_cred.h). */
#include "board_cred.h"

#include <string.h>

enum {
    OFF_MAGIC = 0, OFF_VERSION = 4, OFF_FLAGS = 6, OFF_PORT = 8, OFF_CA_LEN = 10, OFF_HOST = 12,
    OFF_TLS_NAME = 76, OFF_ID = 140, OFF_NTP = 160, OFF_PIN = 176, OFF_CA = 208
};

uint32_t board_cred_crc32(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n-- > 0) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A NUL-terminated string of at most cap - 1 bytes, every byte printable
 * ASCII (nothing a request line or a header could be split by). */
static const char *field(const uint8_t *page, size_t off, size_t cap, size_t min_len)
{
    size_t n = 0;
    while (n < cap && page[off + n] != 0) {
        if (page[off + n] < 0x21 || page[off + n] > 0x7E) return NULL;
        n++;
    }
    return n < cap && n >= min_len ? (const char *)page + off : NULL;
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    while (n-- > 0) acc |= *p++;
    return acc == 0;
}

static board_cred_status_t read_token(const uint8_t *page, board_cred_t *c)
{
    const uint8_t *tok = page + BOARD_CRED_TOKEN_OFF;
    if (all_zero(tok, BOARD_CRED_TOKEN_AREA)) return BOARD_CRED_ERASED;
    if (board_cred_crc32(tok, BOARD_CRED_TOKEN_MAX) != get32(tok + BOARD_CRED_TOKEN_MAX)) return BOARD_CRED_CORRUPT;
    c->token = field(page, BOARD_CRED_TOKEN_OFF, BOARD_CRED_TOKEN_MAX, 1);
    return c->token != NULL ? BOARD_CRED_OK : BOARD_CRED_CORRUPT;
}

static board_cred_status_t read_ca(const uint8_t *page, board_cred_t *c)
{
    size_t n = get16(page + OFF_CA_LEN);
    if (n == 0) return BOARD_CRED_OK;
    if (n > BOARD_CRED_CA_MAX || page[OFF_CA + n - 1] != 0 || memchr(page + OFF_CA, 0, n - 1) != NULL)
        return BOARD_CRED_CORRUPT;
    c->ca_pem = page + OFF_CA;
    c->ca_pem_len = n;
    return BOARD_CRED_OK;
}

board_cred_status_t board_cred_read(const uint8_t *page, board_cred_t *c)
{
    memset(c, 0, sizeof(*c));
    if (memcmp(page + OFF_MAGIC, "ILC1", 4) != 0) return BOARD_CRED_NONE;
    if (get16(page + OFF_VERSION) != BOARD_CRED_VERSION ||
        board_cred_crc32(page, BOARD_CRED_HDR_LEN) != get32(page + BOARD_CRED_HDR_LEN))
        return BOARD_CRED_CORRUPT;
    c->flags = get16(page + OFF_FLAGS);
    c->port = get16(page + OFF_PORT);
    c->host = field(page, OFF_HOST, BOARD_CRED_HOST_MAX, 1);
    c->tls_name = field(page, OFF_TLS_NAME, BOARD_CRED_HOST_MAX, 0);
    c->id = field(page, OFF_ID, BOARD_CRED_ID_MAX, 1);
    c->ntp = field(page, OFF_NTP, BOARD_CRED_NTP_MAX, 0);
    if (c->host == NULL || c->tls_name == NULL || c->id == NULL || c->ntp == NULL || c->port == 0 ||
        read_ca(page, c) != BOARD_CRED_OK)
        return BOARD_CRED_CORRUPT;
    if (c->tls_name[0] == '\0') c->tls_name = c->host;
    if (c->flags & BOARD_CRED_PIN) c->pin = page + OFF_PIN;
    return read_token(page, c);
}

const char *board_cred_status_str(board_cred_status_t st)
{
    switch (st) {
    case BOARD_CRED_OK: return "ok";
    case BOARD_CRED_NONE: return "not provisioned";
    case BOARD_CRED_CORRUPT: return "credential page corrupt";
    case BOARD_CRED_ERASED: return "token erased (already revoked)";
    }
    return "unknown";
}

board_cred_status_t board_cred_erase_token(const uint8_t *page, board_cred_program_fn program)
{
    static const uint8_t zeros[64];
    board_cred_t c;
    for (uint32_t off = 0; off < BOARD_CRED_TOKEN_AREA; off += sizeof zeros) {
        size_t n = BOARD_CRED_TOKEN_AREA - off < sizeof zeros ? BOARD_CRED_TOKEN_AREA - off : sizeof zeros;
        if (program(BOARD_CRED_TOKEN_OFF + off, zeros, n) != 0) break;
    }
    return board_cred_read(page, &c);
}
