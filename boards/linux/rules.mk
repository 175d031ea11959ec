# SPDX-License-Identifier: Apache-2.0
# boards/linux: the influx-lite command (the CLI), every variant linked by
# IL_CLI_LINK from the objects of one variant (Makefile: object variants)
# against that variant's library:
#   build/influx-lite                 host: gcc + glibc (`make`)
#   build/asan/influx-lite            asan: ASan + UBSan (tests/fault, tests/tls)
#   build/influx-lite-static          static: musl, fully static, stripped (`make static`)
#   build/influx-lite-static-A        the same for architecture A (`make static ARCH=A`,
#                                     port/targets/rules.mk; -x86_64 is a copy of the above)
#   build/cli/influx-lite-nomalloc    host + the malloc-counting shim (tests/cli, bench)
#   build/bench/influx-lite-poolpeak  host + the TLS pool peak report (bench)
# (The CLI's memory is one struct, boards/linux/cli_mem.h: its layout does
# not depend on the link or the compiler's ordering of top-level objects.)
CLI_LIB_SRC  := $(filter-out boards/linux/main.c,$(wildcard boards/linux/*.c))
# cli_mem.c, the run's memory, is linked after the libraries (cli_mem.c says why)
CLI_MEM_SRC  := boards/linux/cli_mem.c
# What a single inactivation never runs (batches, other output, configs
# files' parsing, proxies' exemptions, prompts, shell completion, extra
# headers, TLS errors) is linked after the libraries, so that the code a run
# does execute lies in fewer 64 KB windows of the binary (the kernel maps
# a file's pages 64 KB at a time, each window a page fault, and unmaps them
# at exit); a file missing here costs that, not correctness.
CLI_COLD_SRC := $(addprefix boards/linux/cli_,$(addsuffix .c,batch cert_errors complete config_parse headers \
  json_err json_out noproxy prompt toml_lex toml_number toml_parse toml_value))
CLI_SRC      := boards/linux/main.c $(filter-out $(CLI_MEM_SRC) $(CLI_COLD_SRC),$(CLI_LIB_SRC))
IL_DIRFLAGS_boards/linux = $(IL_INC) -I$(IL_POSIX_INC) -I$(IL_PROXY_INC) $(MBEDTLS_CPPFLAGS) $(IL_TLSDEFS) -Iboards/linux

# The CLI's files but main.c, as an archive per variant, for the unit tests
# and the fuzzers: build/obj/VARIANT/libilcli.a.
il_cli_lib = $(BUILD)/obj/$(1)/libilcli.a
define il_cli_archive
$(call il_cli_lib,$(1)): $(call il_objs,$(1),$(CLI_LIB_SRC))
	@rm -f $$@
	$(AR) rcs $$@ $$^
endef
$(foreach v,host asan cov,$(eval $(call il_cli_archive,$(v))))

# $(call IL_CLI_LINK,OUTPUT,VARIANT,EXTRA_OBJECTS,EXTRA_LDFLAGS,AFTER): the CLI's
# objects of VARIANT, then EXTRA_OBJECTS, linked against the library of
# VARIANT and its mbedTLS; AFTER is a command run after the link. The
# order is the code's layout: the CLI's objects a run executes, the
# library's (the core and the ports they call), the C library's functions
# those call (-lc here: what mbedTLS alone calls comes last), mbedTLS, the
# CLI's other objects (CLI_COLD_SRC), the run's memory (cli_mem.c).
define IL_CLI_LINK
$(1): $(call il_objs,$(2),$(CLI_SRC) $(CLI_COLD_SRC) $(CLI_MEM_SRC)) $(3) $(call il_lib,$(2)) $(IL_TLSLIBS_$(2))
	@mkdir -p $$(@D)
	$$(IL_CC_$(2)) $$(IL_CFLAGS_$(2)) $$(IL_LDFLAGS_$(2)) $(4) -o $$@ $(call il_objs,$(2),$(CLI_SRC)) $(3) \
	  $(call il_lib,$(2)) -lc $$(call il_link_libs,$(2)) $(call il_objs,$(2),$(CLI_COLD_SRC)) \
	  $$(call il_link_libs,$(2)) $(call il_objs,$(2),$(CLI_MEM_SRC)) $$(LDFLAGS)
	$(5)
endef
# The static links: unused sections dropped, the writable segment laid out
# by cli_bss.ld (one page for its data and the small statics, then the big
# buffers; and exit's code at the start of the text), no RELRO (a static
# musl program never applies it; its padding took a page of its own).
CLI_BSS_LD := boards/linux/cli_bss.ld
CLI_STATIC_LDFLAGS := -Wl$(comma)--gc-sections -Wl$(comma)-T$(comma)$(CLI_BSS_LD) -Wl$(comma)-z$(comma)norelro
WRAP_MALLOC_SRC := tests/lib/wrap_malloc.c
WRAP_MALLOC_LDFLAGS := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
$(eval $(call IL_CLI_LINK,$(BUILD)/influx-lite,host))
$(eval $(call IL_CLI_LINK,$(BUILD)/asan/influx-lite,asan))
$(eval $(call IL_CLI_LINK,$(BUILD)/influx-lite-static,static,,$(CLI_STATIC_LDFLAGS) -s,\
  @echo "$$@: $$$$(stat -c %s $$@) bytes (stripped$(comma) static musl)"))
$(eval $(call IL_CLI_LINK,$(BUILD)/cli/influx-lite-nomalloc,host,$(call il_objs,host,$(WRAP_MALLOC_SRC)),\
  $(WRAP_MALLOC_LDFLAGS)))
$(eval $(call IL_CLI_LINK,$(BUILD)/bench/influx-lite-poolpeak,host,$(call il_objs,host,tests/bench/pool_peak.c)))

$(foreach a,$(IL_XARCHES),$(eval $(call IL_CLI_LINK,$(BUILD)/influx-lite-static-$(a),static-$(a),,\
  $(CLI_STATIC_LDFLAGS) -s,@echo "$$@: $$$$(stat -c %s $$@) bytes (stripped$(comma) static musl)")))
$(BUILD)/influx-lite-static $(addprefix $(BUILD)/influx-lite-static-,$(IL_XARCHES)): $(CLI_BSS_LD)
$(BUILD)/influx-lite-static-x86_64: $(BUILD)/influx-lite-static
	cp $< $@

# `make release`: every architecture's binary, the licence notices and a SHA256SUMS, in build/release/
IL_RELEASE_BINS := $(addprefix $(BUILD)/influx-lite-static-,$(IL_ARCHES))
$(BUILD)/release/SHA256SUMS: $(IL_RELEASE_BINS) LICENSE THIRD-PARTY
	@rm -rf $(@D) && mkdir -p $(@D)
	cp $(IL_RELEASE_BINS) LICENSE THIRD-PARTY $(@D)/
	cd $(@D) && sha256sum $(notdir $(IL_RELEASE_BINS)) LICENSE THIRD-PARTY > SHA256SUMS
	@cat $@

.PHONY: static release
all: $(BUILD)/influx-lite
ifeq ($(filter $(ARCH),$(IL_ARCHES)),)
static:
	@echo "make static: ARCH=$(ARCH) is not one of: $(IL_ARCHES)" >&2; exit 1
else
static: $(BUILD)/influx-lite-static-$(ARCH)
endif
release: $(BUILD)/release/SHA256SUMS
TEST_BUILD += $(BUILD)/influx-lite $(BUILD)/asan/influx-lite

# The redaction every printed byte passes (cli_secrets.c: its scan of every
# text) at -O2 in the -Os static builds: about 7 K (2.5%) fewer instructions
# per HTTP run, for 2 KB more code.
$(foreach v,static $(IL_ARCH_VARIANTS),$(call il_objs,$(v),boards/linux/cli_secrets.c)): IL_XFLAGS := -O2
