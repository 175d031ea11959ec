# SPDX-License-Identifier: Apache-2.0
# influx-lite - see README.md.  `make demo`, `make test`.
#
# Layers: core/ (portable C99, no heap), port/ (OS, sockets, TLS),
# boards/ (programs), tests/. This file holds what every layer shares: the
# package list, the flags, the object variants and the library. Each
# folder's rules.mk holds its own products; they are read in layer order:
# port/*/rules.mk, then boards/*/rules.mk, then tests/*/rules.mk.

# `make`: the library (build/libinfluxlite.a) and the CLI (build/influx-lite).
all:

CC        ?= cc
AR        ?= ar
BUILD     := build
PYTHON    ?= python3

# Every Debian package the build and the tests use (`make deps` installs the
# missing ones, as root). Source packages (mbedTLS, lwIP, BoringSSL's fiat
# header) come through port/fetch-debian-source.sh, not from this list.
DEB_PACKAGES := build-essential musl-tools gcc-arm-none-eabi libnewlib-arm-none-eabi \
                python3 openssl ca-certificates valgrind clang libclang-rt-14-dev curl tinyproxy \
                qemu-system-arm iproute2 dpkg-dev file time cppcheck clang-tidy pmccabe strace \
                buildah skopeo umoci groff bash zsh cmake pkgconf \
                gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc

include il_files.mk

# The project's flags. CPPFLAGS, CFLAGS and LDFLAGS from the environment or
# the command line are appended to them for the host builds (gcc and musl);
# the warnings and -Werror stay.
WARN      := -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
IL_STD    := -std=c99 -D_POSIX_C_SOURCE=200809L
IL_INC    := -Iinclude
ASAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# ---- object variants -------------------------------------------------------
# Variant V compiles F.c into $(BUILD)/obj/V/F.o with
#   $(IL_CC_V) $(IL_CFLAGS_V) $(IL_DIRFLAGS_<folder of F>) $(IL_XFLAGS) $(IL_ENVFLAGS_V)
# and records what it included (-MMD -MP): an edit rebuilds only what it
# touches, and a change of the variant's flags rebuilds the variant.
# IL_DIRFLAGS_<folder> (the include folders, from the folder's rules.mk) is
# what that layer may see: core/ sees include/ only.
# IL_TLSDEFS is the variant's TLS configuration (IL_TLSDEFS_V), used by the
# folders that see mbedTLS; IL_XFLAGS is a per-file extra (target-specific).
comma := ,
il_objs = $(patsubst %.c,$(BUILD)/obj/$(1)/%.o,$(filter %.c,$(2)))
il_folder = $(patsubst %/,%,$(dir $(1)))
# $(1) as one shell word in single quotes
il_shq = '$(subst ','\'',$(1))'
define il_variant
$(BUILD)/obj/$(1)/%.o: %.c $(BUILD)/obj/$(1)/.flags
	@mkdir -p $$(@D)
	$$(IL_CC_$(1)) $$(IL_CFLAGS_$(1)) $$(IL_DIRFLAGS_$$(call il_folder,$$<)) $$(IL_XFLAGS) $$(IL_ENVFLAGS_$(1)) \
	  -MMD -MP -c -o $$@ $$<
$(BUILD)/obj/$(1)/%: IL_TLSDEFS = $$(IL_TLSDEFS_$(1))
$(BUILD)/obj/$(1)/.flags: FORCE
	@mkdir -p $$(@D)
	@printf '%s\n' $$(call il_shq,$$(IL_CC_$(1)) $$(IL_CFLAGS_$(1)) $$(IL_TLSDEFS_$(1)) $$(IL_ENVFLAGS_$(1))) \
	  | cmp -s - $$@ || printf '%s\n' $$(call il_shq,$$(IL_CC_$(1)) $$(IL_CFLAGS_$(1)) $$(IL_TLSDEFS_$(1)) $$(IL_ENVFLAGS_$(1))) > $$@
endef
.PHONY: FORCE
FORCE:
# Objects reached through pattern rules only are kept, not deleted as intermediates.
.SECONDARY:

# host: gcc + glibc, what build/influx-lite and the tests run.
IL_CC_host      = $(CC)
IL_CFLAGS_host  = $(IL_STD) $(WARN) -O2 -g
IL_ENVFLAGS_host = $(CPPFLAGS) $(CFLAGS)
IL_LDFLAGS_host := -Wl,-z,relro,-z,now
# asan: the same with ASan + UBSan.
IL_CC_asan      = $(CC)
IL_CFLAGS_asan  = $(IL_STD) $(WARN) -O2 -g $(ASAN)
IL_ENVFLAGS_asan = $(CPPFLAGS) $(CFLAGS)
IL_LDFLAGS_asan :=
# static: musl, small (`make static`). -fno-pie: the static links make a
# fixed-address executable, whose tables of pointers then stay read-only
# (.rodata) instead of taking a page of .data.rel.ro a run reads.
STATIC_CFLAGS ?= -Os -ffunction-sections -fdata-sections -fno-pie
IL_CC_static    = musl-gcc
IL_CFLAGS_static = $(IL_STD) $(WARN) $(STATIC_CFLAGS) -g
IL_ENVFLAGS_static = $(CPPFLAGS) $(CFLAGS)
IL_LDFLAGS_static := -static
# cov: gcov counters (`make coverage`).
IL_CC_cov       = $(CC)
IL_CFLAGS_cov   = $(IL_STD) $(WARN) -O0 -g --coverage
IL_LDFLAGS_cov  :=
$(foreach v,host asan static cov,$(eval $(call il_variant,$(v))))

# Object files record their headers; read what earlier builds recorded
# (build/fw too: README's example is compiled there, and a stale copy of a
# struct's layout corrupts what lies after it).
-include $(shell find $(BUILD)/obj $(BUILD)/arm $(BUILD)/fw -name '*.d' 2>/dev/null)

IL_DIRFLAGS_core        = $(IL_INC)
IL_DIRFLAGS_port/posix  = $(IL_INC) -I$(IL_POSIX_INC)
IL_DIRFLAGS_port/proxy  = $(IL_INC) -I$(IL_PROXY_INC)

# Suites run by `make test`, in order; the rules files append to these.
TEST_BUILD  :=
TEST_SUITES :=

# ---- the ports ---------------------------------------------------------------
include $(sort $(wildcard port/*/rules.mk))

# ---- the library -------------------------------------------------------------
# libinfluxlite.a: core + POSIX port + TLS port as built, per variant
# ($(BUILD)/libinfluxlite.a is the host one). IL_LIB_EXTRA_V: objects built
# otherwise (the P-256 object, compiled by clang once for both libcs).
IL_LIB_SRC = $(IL_CORE_SRC) $(IL_POSIX_SRC) $(IL_PROXY_SRC) $(IL_TLS_SRC) $(IL_TLS_LINUX_SRC) $(IL_TLS_P256_GLUE_SRC)
il_lib = $(if $(filter host,$(1)),$(BUILD)/libinfluxlite.a,$(BUILD)/obj/$(1)/libinfluxlite.a)
# what a program of variant V links after its own objects
il_link_libs = -Wl,--start-group $(call il_lib,$(1)) $(IL_TLSLIBS_$(1)) -Wl,--end-group
# A test program of variant V: its own object(s) ($^'s .o files), the CLI's
# archive (boards/linux/rules.mk) and the library.
il_test_link = mkdir -p $(@D) && \
  $(IL_CC_$(1)) $(IL_CFLAGS_$(1)) $(IL_LDFLAGS_$(1)) -o $@ $(filter %.o,$^) $(call il_cli_lib,$(1)) \
  $(call il_link_libs,$(1)) $(LDFLAGS)
il_test_deps = $(call il_cli_lib,$(1)) $(call il_lib,$(1)) $(IL_TLSLIBS_$(1))

define il_library
$(call il_lib,$(1)): $(call il_objs,$(1),$(IL_LIB_SRC)) $(IL_LIB_EXTRA_$(1))
	@rm -f $$@
	$(AR) rcs $$@ $$^
endef
$(foreach v,host asan static cov $(IL_ARCH_VARIANTS),$(eval $(call il_library,$(v))))
all: $(BUILD)/libinfluxlite.a

# The core as it is, for Cortex-M4 with -Os: proves it is portable C99.
CORE_ARM_OBJS := $(patsubst core/%.c,$(BUILD)/arm/%.o,$(IL_CORE_SRC))
$(BUILD)/arm/%.o: core/%.c
	@mkdir -p $(@D)
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffunction-sections -fdata-sections -std=c99 $(WARN) \
	  $(IL_DIRFLAGS_core) -MMD -MP -c -o $@ $<
.PHONY: core-arm
core-arm: $(CORE_ARM_OBJS)
	arm-none-eabi-size -t $^
TEST_BUILD += core-arm

# ---- the boards, then the tests ---------------------------------------------
include $(sort $(wildcard boards/*/rules.mk))
# ---- make install: the command, its man page and completions; the library ----
include packaging/rules.mk
include $(sort $(wildcard tests/*/rules.mk))

.PHONY: all deps test test-build demo clean
# The cross libraries (musl-dev:A) need their dpkg architecture added first:
# Debian's own way to install another architecture's packages
# (DEB_FOREIGN_ARCHES, port/targets/rules.mk); the sources are the machine's.
deps:
	@missing=""; for a in $(DEB_FOREIGN_ARCHES); do \
	  dpkg --print-foreign-architectures | grep -qx $$a || missing="$$missing dpkg-architecture:$$a"; done; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  for a in $(DEB_FOREIGN_ARCHES); do \
	    dpkg --print-foreign-architectures | grep -qx $$a || dpkg --add-architecture $$a || exit 1; done; \
	  pkgs=$$(echo "$$missing" | tr ' ' '\n' | grep -v '^dpkg-architecture:' | tr '\n' ' '); \
	  apt-get update -qq -o DPkg::Lock::Timeout=600 || exit 1; \
	  [ -z "$$(echo $$pkgs)" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 \
	    --no-install-recommends $$pkgs >/dev/null || exit 1; \
	fi

test: deps
	$(MAKE) test-build
	tests/run_all.sh $(TEST_SUITES)

test-build: $(TEST_BUILD)

demo: deps $(BUILD)/influx-lite
	tests/demo.sh $(BUILD)/influx-lite

clean:
	rm -rf $(BUILD)
