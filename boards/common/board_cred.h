/* SPDX-License-Identifier: Apache-2.0 */
/* board_cred.h - the credential page: what one device needs to revoke its
 * token, kept apart from the firmware image so that one image serves every
 * device.
 *
 * The page sits at a fixed flash address (the board's linker script names
 * it: il_cred_page) and is written after linking by the host tool
 * boards/common/provision.py, never by the compiler: the firmware only reads
 * it, and programs the token's bytes to zero once the token is revoked.
 * Little-endian, BOARD_CRED_PAGE bytes, erased flash (0xFF) outside the
 * fields:
 *
 *   off   size  field
 *   0     4     magic "ILC1"
 *   4     2     version (1)
 *   6     2     flags: BOARD_CRED_HTTPS, BOARD_CRED_PIN, BOARD_CRED_SELF
 *   8     2     port
 *   10    2     ca_len: bytes of PEM CA in ca[], its NUL included (0: the image's own CA)
 *   12    64    host (NUL-terminated: an IPv4 literal or a name)
 *   76    64    tls_name (NUL-terminated; empty: host)
 *   140   20    id (16 hex digits, NUL-terminated)
 *   160   16    ntp: the SNTP server, an IPv4 literal (empty: listen for broadcasts)
 *   176   32    pin: SHA-256 of the server's SubjectPublicKeyInfo (BOARD_CRED_PIN)
 *   208   2032  ca (PEM)
 *   2240  4     CRC-32 (IEEE) of bytes 0..2239
 *   2244  252   token (NUL-terminated)
 *   2496  4     CRC-32 of the token field
 *
 * The token has its own check value so that erasing it needs no page
 * erase: its 256 bytes (field and CRC) are programmed to zero, which NOR
 * flash does bit by bit, and a page whose token field and CRC are all zero
 * reads as BOARD_CRED_ERASED. Anything else that fails a check is
 * BOARD_CRED_CORRUPT; a page without the magic is BOARD_CRED_NONE. Nothing
 * here touches the hardware: the board programs the bytes. */
#ifndef IL_BOARD_CRED_H
#define IL_BOARD_CRED_H

#include <stddef.h>
#include <stdint.h>

#define BOARD_CRED_PAGE       4096u
#define BOARD_CRED_VERSION    1u
#define BOARD_CRED_HOST_MAX   64u
#define BOARD_CRED_ID_MAX     20u
#define BOARD_CRED_NTP_MAX    16u
#define BOARD_CRED_CA_MAX     2032u
#define BOARD_CRED_TOKEN_MAX  252u
#define BOARD_CRED_HDR_LEN    2240u             /* bytes the first CRC covers */
#define BOARD_CRED_TOKEN_OFF  2244u             /* token field, then its CRC */
#define BOARD_CRED_TOKEN_AREA (BOARD_CRED_TOKEN_MAX + 4u)

#define BOARD_CRED_HTTPS 0x0001u   /* https (TLS with the CA or the pin) */
#define BOARD_CRED_PIN   0x0002u   /* pin[] holds a public-key pin */
#define BOARD_CRED_SELF  0x0004u   /* the token is the one of id: a device revoking itself */

typedef enum board_cred_status {
    BOARD_CRED_OK,
    BOARD_CRED_NONE,       /* no magic: never provisioned */
    BOARD_CRED_CORRUPT,    /* a check value, the version or a field is wrong */
    BOARD_CRED_ERASED      /* the token was erased after its revocation */
} board_cred_status_t;

/* The page's fields, pointing into the page (which outlives them). */
typedef struct board_cred {
    const char *host, *tls_name, *id, *ntp, *token;
    uint16_t port, flags;
    const unsigned char *ca_pem;      /* NULL: the image's own CA */
    size_t ca_pem_len;                /* NUL included */
    const uint8_t *pin;               /* 32 bytes, or NULL */
} board_cred_t;

/* Check the page (BOARD_CRED_PAGE bytes) and fill *c from it. */
board_cred_status_t board_cred_read(const uint8_t *page, board_cred_t *c);

/* A short text for the status ("not provisioned", ...). */
const char *board_cred_status_str(board_cred_status_t st);

/* How the board programs flash: len bytes of data to the page's offset off,
 * 1 bits to 0 only (NOR programming); 0 on success. */
typedef int (*board_cred_program_fn)(uint32_t off, const uint8_t *data, size_t len);

/* Program the token area to zero through program, then read the page again:
 * BOARD_CRED_ERASED when the token is gone, else what the page reads as. */
board_cred_status_t board_cred_erase_token(const uint8_t *page, board_cred_program_fn program);

/* CRC-32 (IEEE 802.3, as zlib's crc32) of n bytes. */
uint32_t board_cred_crc32(const uint8_t *p, size_t n);

#endif
