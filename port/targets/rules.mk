# SPDX-License-Identifier: Apache-2.0
# port/targets/rules.mk - the Linux architectures the fully static CLI is
# built for (`make static ARCH=A`, `make release`), each with Debian's cross
# gcc and Debian's musl for it (multiarch musl-dev:A, whose wrapper
# /usr/bin/TRIPLET-musl-gcc runs the cross gcc with musl's specs; `make deps`
# adds the dpkg architecture and installs both). riscv64 is not a bookworm
# architecture: its musl-dev comes from trixie, unpacked under build/cross/
# by port/targets/fetch-debian-deb.sh (never installed), with a specs file
# and wrapper pointing there.
#
# Per architecture A (IL_ARCHES): an object variant static-A (the `static`
# variant's flags with A's compiler), its library, mbedTLS built by
# il_mbedtls_variant as musl-A, and P-256 over fiat-crypto: the 64-bit field
# where the compiler has 128-bit integers, the 32-bit one elsewhere
# (port/mbedtls/p256.c chooses). x86_64 is the `static` variant itself.
IL_ARCHES := x86_64 aarch64 armhf armel mipsel riscv64
ARCH ?= x86_64
# what each needs: the dpkg architecture, the GNU triplet of binutils, the musl gcc, qemu-user
IL_DEBARCH_x86_64  := amd64
IL_DEBARCH_aarch64 := arm64
IL_DEBARCH_armhf   := armhf
IL_DEBARCH_armel   := armel
IL_DEBARCH_mipsel  := mipsel
IL_DEBARCH_riscv64 := riscv64
IL_TRIPLET_x86_64  := x86_64-linux-gnu
IL_TRIPLET_aarch64 := aarch64-linux-gnu
IL_TRIPLET_armhf   := arm-linux-gnueabihf
IL_TRIPLET_armel   := arm-linux-gnueabi
IL_TRIPLET_mipsel  := mipsel-linux-gnu
IL_TRIPLET_riscv64 := riscv64-linux-gnu
IL_XCC_aarch64 := aarch64-linux-musl-gcc
IL_XCC_armhf   := arm-linux-musleabihf-gcc
IL_XCC_armel   := arm-linux-musleabi-gcc
IL_XCC_mipsel  := mipsel-linux-musl-gcc
IL_XCC_riscv64 := $(BUILD)/cross/riscv64/riscv64-linux-musl-gcc
IL_QEMU_aarch64 := qemu-aarch64-static
IL_QEMU_armhf   := qemu-arm-static
IL_QEMU_armel   := qemu-arm-static
IL_QEMU_mipsel  := qemu-mipsel-static
IL_QEMU_riscv64 := qemu-riscv64-static
IL_XARCHES := $(filter-out x86_64,$(IL_ARCHES))
# Debian packages for `make deps` (the Makefile adds them to DEB_PACKAGES;
# the foreign dpkg architectures in DEB_FOREIGN_ARCHES are added first)
DEB_FOREIGN_ARCHES := arm64 armhf armel mipsel
DEB_CROSS_PACKAGES := $(foreach a,$(filter-out riscv64,$(IL_XARCHES)),gcc-$(IL_TRIPLET_$(a)) musl-dev:$(IL_DEBARCH_$(a))) \
                      gcc-riscv64-linux-gnu qemu-user-static
DEB_PACKAGES += $(DEB_CROSS_PACKAGES)

# riscv64: trixie's musl-dev, unpacked; musl's specs rewritten to point there
RISCV64_SYSROOT := $(BUILD)/cross/riscv64/sysroot
RISCV64_MUSL    := $(RISCV64_SYSROOT)/usr/lib/riscv64-linux-musl
$(RISCV64_MUSL)/libc.a:
	sh port/targets/fetch-debian-deb.sh trixie riscv64 musl-dev $(RISCV64_SYSROOT) usr/lib/riscv64-linux-musl/libc.a
$(IL_XCC_riscv64): $(RISCV64_MUSL)/libc.a port/targets/rules.mk
	sed 's|/usr/lib/riscv64-linux-musl|$(abspath $(RISCV64_MUSL))|g; s|/usr/include/riscv64-linux-musl|$(abspath $(RISCV64_SYSROOT))/usr/include/riscv64-linux-musl|g' \
	  $(RISCV64_MUSL)/musl-gcc.specs > $(@D)/musl-gcc.specs
	printf '#!/bin/sh\nexec riscv64-linux-gnu-gcc "$$@" -specs %s\n' '$(abspath $(@D))/musl-gcc.specs' > $@.tmp
	chmod +x $@.tmp && mv $@.tmp $@

# $(call il_arch_variant,A): the object variant static-A, its library (the
# Makefile's il_library, over IL_ARCH_VARIANTS) and its mbedTLS.
define il_arch_variant
IL_CC_static-$(1)       = $(IL_XCC_$(1))
IL_CFLAGS_static-$(1)   = $$(IL_CFLAGS_static)
IL_ENVFLAGS_static-$(1) = $$(IL_ENVFLAGS_static)
IL_LDFLAGS_static-$(1) := -static
IL_TLSDEFS_static-$(1)  = $$(TLS_DEFS)
$$(eval $$(call il_variant,static-$(1)))
$(BUILD)/obj/static-$(1)/.flags: | $(MBEDTLS_FETCHED) $(FIAT_FETCHED) $(filter $(BUILD)/%,$(IL_XCC_$(1)))
# p256.c at -O2 (the handshake's hot path), as the host's clang-built object,
# and where BoringSSL has the architecture's field assembly, that beside it
# (port/mbedtls/rules.mk: IL_P256_ASM, il_p256_asm)
IL_LIB_EXTRA_static-$(1) := $$(call il_objs,static-$(1),port/mbedtls/p256.c) $$(P256_ASM_OBJ_$(1))
$$(call il_objs,static-$(1),port/mbedtls/p256.c): IL_XFLAGS := -O2 -DIL_TLS_P256_ASM=$$(if $$(P256_ASM_OBJ_$(1)),1,0)
$$(call il_objs,static-$(1),port/mbedtls/p256.c): $(BUILD)/p256/.asm
$$(call il_lib,static-$(1)): AR = $(IL_TRIPLET_$(1))-ar
$$(eval $$(call il_mbedtls_variant,musl-$(1),$(IL_XCC_$(1)),$(IL_TRIPLET_$(1))-ar,$$(MBEDTLS_MUSL_CFLAGS),\
  $$(MBEDTLS_MUSL_HOT_CFLAGS),$$(MBEDTLS_X25519_CFLAGS),$(filter $(BUILD)/%,$(IL_XCC_$(1)))))
IL_TLSLIBS_static-$(1) = $$(MBEDTLS_LIBS_musl-$(1))
endef
# aarch64's P-256 field assembly (the other architectures have none in
# BoringSSL's source that works on fiat's domain)
P256_ASM_OBJ_aarch64 := $(if $(filter 1,$(IL_P256_ASM)),$(BUILD)/p256/p256-armv8-asm.o)
$(eval $(call il_p256_asm,$(BUILD)/p256/p256-armv8-asm.o,$(IL_XCC_aarch64),$(P256_ASM_SRC_aarch64),\
  -I$(FIAT_SRC)/src/include))
$(foreach a,$(IL_XARCHES),$(eval $(call il_arch_variant,$(a))))
# the architectures whose static build has the field assembly (tests/arch/test_arch.sh)
.PHONY: print-p256-asm-arches
print-p256-asm-arches:
	@echo $(if $(P256_ASM_HOST),x86_64) $(if $(P256_ASM_OBJ_aarch64),aarch64)
IL_ARCH_VARIANTS := $(addprefix static-,$(IL_XARCHES))
