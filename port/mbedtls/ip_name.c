/* SPDX-License-Identifier: Apache-2.0 */
/* ip_name.c - IP-literal server names (il_tls_ip.h). */
#include <string.h>
#include "il_text.h"
#include "il_tls_ip.h"

void il_tls_ip_parse(il_tls_ip_t *ip, const char *name)
{
    size_t len = strlen(name);
    if (len >= 2 && name[0] == '[' && name[len - 1] == ']') {
        name++;
        len -= 2;
    }
    ip->len = il_ip_parse(name, len, ip->addr);
}
