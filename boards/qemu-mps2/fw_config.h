/* SPDX-License-Identifier: Apache-2.0 */
/* fw_config.h - the firmware's settings, compiled in (override with -D).
 * The defaults suit QEMU's user networking: the guest is 10.0.2.15, the
 * gateway 10.0.2.2, and the test's guestfwd makes FW_HOST:FW_PORT reach the
 * test server; FW_TOKEN and FW_ID are the test double's. */
#ifndef IL_MPS2_FW_CONFIG_H
#define IL_MPS2_FW_CONFIG_H

#ifndef FW_IP
#define FW_IP "10.0.2.15"
#endif
#ifndef FW_GW
#define FW_GW "10.0.2.2"
#endif
#ifndef FW_HOST
#define FW_HOST "10.0.2.100"
#endif
#ifndef FW_PORT
#define FW_PORT 8086
#endif
#ifndef FW_TLS_NAME
#define FW_TLS_NAME FW_HOST   /* SNI and the certificate name (or IP SAN) check */
#endif
#ifndef FW_TOKEN
#define FW_TOKEN "op-token-for-tests"
#endif
#ifndef FW_ID
#define FW_ID "06c86c40a9f36000"
#endif
#ifndef FW_TIMEOUT_MS
#define FW_TIMEOUT_MS 10000u
#endif
#ifndef FW_BODY_BUF
#define FW_BODY_BUF 4096
#endif

#endif
