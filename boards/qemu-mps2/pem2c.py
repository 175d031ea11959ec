#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""pem2c.py PEM OUT.c - compile a CA bundle into the firmware (NUL-terminated,
as mbedtls_x509_crt_parse wants PEM)."""
import sys

data = open(sys.argv[1], "rb").read()
if b"-----BEGIN CERTIFICATE-----" not in data:
    sys.exit("pem2c: %s holds no PEM certificate" % sys.argv[1])
data += b"\0"
with open(sys.argv[2], "w") as f:
    f.write("/* generated from %s by boards/qemu-mps2/pem2c.py */\n" % sys.argv[1])
    f.write("#include <stddef.h>\n")
    f.write("extern const unsigned char fw_ca_pem[];\nextern const size_t fw_ca_pem_len;\n")
    f.write("const unsigned char fw_ca_pem[%d] = {\n" % len(data))
    for i in range(0, len(data), 16):
        f.write("    " + ", ".join("0x%02x" % b for b in data[i:i + 16]) + ",\n")
    f.write("};\nconst size_t fw_ca_pem_len = sizeof fw_ca_pem;\n")
