#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# port/mbedtls/p256_comb.h is exactly what its generator prints
# (tests/tls/gen_p256_comb.c: p256.c's own variable-base multiplication).
cd "$(dirname "$0")/../.." || exit 1
exec build/tests/gen_p256_comb --check port/mbedtls/p256_comb.h
