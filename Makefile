# SPDX-License-Identifier: Apache-2.0
# influx-lite - see README.md.  `make demo`, `make test`.
#
# Layers: core/ (portable C99, no heap), port/ (OS, sockets, TLS),
# boards/ (programs), tests/.  Topic rules live beside their code in
# */rules.mk and */*/rules.mk and are included at the end.

CC        ?= cc
BUILD     := build
PYTHON    ?= python3

# Debian packages every target may need (installed by `make deps`, as root).
DEB_PACKAGES := build-essential libmbedtls-dev libjsmn-dev musl-tools gcc-arm-none-eabi \
                libnewlib-arm-none-eabi python3 openssl valgrind clang libclang-rt-14-dev \
                curl qemu-system-arm iproute2 dpkg-dev file time cppcheck clang-tidy

WARN      := -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
CPPFLAGS  := -Iinclude -Iport/posix -Iport/mbedtls -I$(BUILD)/include
CFLAGS    ?= -O2 -g
CFLAGS_ALL = -std=c99 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS)
ASAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The CLI's static memory is laid out in declaration order (boards/linux/cli_run.c,
# "memory"): fewer pages touched, fewer page faults per run.
CLI_LAYOUT :=

CORE_SRC  := $(wildcard core/*.c)
PORT_SRC  := $(wildcard port/posix/*.c)
CLI_SRC   := $(filter-out boards/linux/main.c,$(wildcard boards/linux/*.c))
LIB_SRC   := $(CORE_SRC) $(PORT_SRC) $(CLI_SRC)
HDRS      := $(wildcard include/*.h core/*.h port/*/*.h boards/linux/*.h) $(BUILD)/include/jsmn.h

UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
ASAN_BINS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/%,$(UNIT_SRC))

# Suites run by `make test`, in order; topic rules append to these.
TEST_BUILD  := $(UNIT_BINS) $(ASAN_BINS) $(BUILD)/influx-lite $(BUILD)/asan/influx-lite core-arm
TEST_SUITES := $(UNIT_BINS) $(ASAN_BINS)

# Topic rules (TLS, boards, server tests, ...) add to the variables above.
include $(sort $(wildcard port/*/rules.mk boards/*/rules.mk tests/*/rules.mk))

.PHONY: all deps test demo clean core-arm bench static size fuzz
all: $(BUILD)/influx-lite

# jsmn is Debian's header (libjsmn-dev); copied into build/ so that cross
# compilers, whose search path rightly excludes /usr/include, see it too.
$(BUILD)/include/jsmn.h: /usr/include/jsmn.h
	@mkdir -p $(@D)
	cp $< $@

/usr/include/jsmn.h:
	$(MAKE) deps

# The CLI. TLS_SRC, TLS_CPPFLAGS, TLS_LIBS and TLS_DEPS come from
# port/mbedtls/rules.mk (mbedTLS built from Debian's source into build/);
# TLS_CPPFLAGS defines IL_HAVE_TLS once the TLS port is there.
$(BUILD)/influx-lite: boards/linux/main.c $(LIB_SRC) $(TLS_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TLS_CPPFLAGS) $(CFLAGS_ALL) $(CLI_LAYOUT) -o $@ boards/linux/main.c $(LIB_SRC) $(TLS_SRC) $(TLS_LIBS)

$(BUILD)/asan/influx-lite: boards/linux/main.c $(LIB_SRC) $(TLS_SRC) $(HDRS) $(TLS_DEPS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TLS_CPPFLAGS) $(CFLAGS_ALL) $(ASAN) -o $@ boards/linux/main.c $(LIB_SRC) $(TLS_SRC) $(TLS_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/check.h tests/lib/fake_transport.h $(LIB_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/lib $(CFLAGS_ALL) -Wno-missing-prototypes -o $@ $< $(LIB_SRC)

$(BUILD)/asan/tests/test_%: tests/unit/test_%.c tests/unit/check.h tests/lib/fake_transport.h $(LIB_SRC) $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/lib $(CFLAGS_ALL) -Wno-missing-prototypes $(ASAN) -o $@ $< $(LIB_SRC)

# The core as it is, for Cortex-M4 with -Os: proves it is portable C99.
core-arm: $(BUILD)/include/jsmn.h
	@mkdir -p $(BUILD)/arm
	arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os -ffunction-sections -fdata-sections \
	  -std=c99 $(WARN) $(CPPFLAGS) -c $(CORE_SRC) && mv *.o $(BUILD)/arm/
	arm-none-eabi-size -t $(BUILD)/arm/*.o

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

test: deps
	$(MAKE) test-build
	tests/run_all.sh $(TEST_SUITES)

.PHONY: test-build
test-build: $(TEST_BUILD)

demo: deps $(BUILD)/influx-lite
	tests/demo.sh $(BUILD)/influx-lite

clean:
	rm -rf $(BUILD)

