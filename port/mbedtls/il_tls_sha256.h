/* SPDX-License-Identifier: Apache-2.0 */
/* il_tls_sha256.h - SHA-256's block function for mbedTLS on x86_64
 * (IL_TLS_SHA256_X86, il_tls_config.h): sha256_x86.c fills mbedTLS's
 * MBEDTLS_SHA256_PROCESS_ALT slot, mbedtls_internal_sha256_process(), with
 * the CPU's SHA extensions where it has them (sha256rnds2, sha256msg1/2) and
 * portable C where it has not. Both are constant-time: no branch or memory
 * address depends on the data. The handshake hashes its transcript, the
 * certificates and every HKDF step with it. */
#ifndef IL_TLS_SHA256_H
#define IL_TLS_SHA256_H

#include <stdbool.h>
#include <stdint.h>

/* Whether this CPU has the SHA extensions, as CPUID says; asked once per
 * process (one CPUID instruction where the kernel reports FSGSBASE, else
 * two). Valgrind's emulated CPU says no. */
bool il_sha256_x86_has_sha_ext(void);

/* One 64-byte block into state[8] (FIPS 180-4's H0..H7): with the SHA
 * extensions (only where il_sha256_x86_has_sha_ext()), and in portable C. */
void il_sha256_x86_block_sha_ext(uint32_t state[8], const uint8_t block[64]);
void il_sha256_x86_block_portable(uint32_t state[8], const uint8_t block[64]);

#endif
