/* SPDX-License-Identifier: Apache-2.0 */
/* fw_config.h - the MPS2 firmware's network settings, compiled in (override
 * with -D). The defaults suit QEMU's user networking: the guest is
 * 10.0.2.15, the gateway 10.0.2.2. What to inactivate, on which server,
 * comes from the credential page (boards/common/board_cred.h); only the
 * README's library example (tests/boards/readme_example_main.c) compiles
 * its token and ID in, FW_TOKEN and FW_ID: the test double's. */
#ifndef IL_MPS2_FW_CONFIG_H
#define IL_MPS2_FW_CONFIG_H

#ifndef FW_IP
#define FW_IP "10.0.2.15"
#endif
#ifndef FW_GW
#define FW_GW "10.0.2.2"
#endif
/* FW_DHCP=1: the address, mask and gateway from a DHCP lease instead
 * (lwIP built with IL_LWIP_DHCP=1), waited for up to FW_DHCP_WAIT_MS */
#ifndef FW_DHCP
#define FW_DHCP 0
#endif
#ifndef FW_DHCP_WAIT_MS
#define FW_DHCP_WAIT_MS 10000u
#endif
#ifndef FW_TOKEN
#define FW_TOKEN "op-token-for-tests"
#endif
#ifndef FW_ID
#define FW_ID "06c86c40a9f36000"
#endif

#endif
