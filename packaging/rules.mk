# SPDX-License-Identifier: Apache-2.0
# packaging/rules.mk - `make install PREFIX=/usr/local DESTDIR=` (and
# `make uninstall`): the command (the dynamic build, build/influx-lite), its
# man page, its bash and zsh completions (written by the command itself:
# `influx-lite completion bash|zsh`), LICENSE and THIRD-PARTY; the library
# for C programs: libinfluxlite.a (core, POSIX and TLS ports, P-256 over
# fiat-crypto, and its own mbedTLS 3.6 with every symbol renamed il_*:
# packaging/bundle-lib.sh), the public headers (the ports' too),
# mbedTLS's headers with the configuration the library was built with, a
# pkg-config file and a CMake package (find_package(influxlite) ->
# influxlite::influxlite). tests/install/test_install.sh installs into a
# temporary DESTDIR and builds programs against it both ways.
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
DOCDIR     ?= $(DATADIR)/doc/influx-lite
INSTALL    ?= install
IL_PKG_VERSION := $(shell sed -n 's/^\#define IL_VERSION "\(.*\)"/\1/p' include/il_config.h)

# the library as installed: the host library and its mbedTLS in one archive, renamed
IL_INSTALL_LIB := $(BUILD)/install-lib/libinfluxlite.a
$(IL_INSTALL_LIB): $(BUILD)/libinfluxlite.a $(MBEDTLS_LIBS_host) packaging/bundle-lib.sh
	@mkdir -p $(@D)
	AR=$(AR) sh packaging/bundle-lib.sh $@ $(BUILD)/libinfluxlite.a $(MBEDTLS_LIBS_host)
# mbedTLS's default configuration header, as installed: the library's own
# (il_mbedtls_config.h with the Linux build's definitions)
IL_INSTALL_MBEDTLS_CONFIG := $(BUILD)/install-lib/mbedtls_config.h
$(IL_INSTALL_MBEDTLS_CONFIG): port/mbedtls/rules.mk packaging/rules.mk
	@mkdir -p $(@D)
	{ echo '/* SPDX-License-Identifier: Apache-2.0 */'; \
	  echo '/* mbedTLS configuration of the installed libinfluxlite.a (written by make install) */'; \
	  for d in $(filter -D%,$(MBEDTLS_LINUX_SPEED) $(TLS_DEFS)); do \
	    d=$${d#-D}; n=$${d%%=*}; v=1; case $$d in *=*) v=$${d#*=} ;; esac; \
	    printf '#ifndef %s\n#define %s %s\n#endif\n' "$$n" "$$n" "$$v"; done; \
	  echo '#include "il_mbedtls_config.h"'; } > $@
$(BUILD)/install-lib/influxlite.pc: packaging/influxlite.pc.in packaging/rules.mk
	@mkdir -p $(@D)
	sed 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@VERSION@|$(IL_PKG_VERSION)|' $< > $@
$(BUILD)/install-lib/influxlite-config.cmake: packaging/influxlite-config.cmake.in packaging/rules.mk
	@mkdir -p $(@D)
	sed 's|@LIBDIR@|$(LIBDIR)|g; s|@CMAKE_TO_PREFIX@|$(subst $() ,/,$(patsubst %,..,$(subst /, ,$(LIBDIR)/cmake/influxlite)))|' $< > $@
$(BUILD)/install-lib/influxlite-config-version.cmake: packaging/influxlite-config-version.cmake.in packaging/rules.mk
	@mkdir -p $(@D)
	v=$(IL_PKG_VERSION); sed "s|@VERSION@|$$v|; s|@VERSION_MAJOR@|$${v%%.*}|g; s|@VERSION_MINOR@|$$(echo $$v | cut -d. -f2)|g" $< > $@

IL_INSTALL_HEADERS := $(wildcard include/*.h) port/posix/il_posix.h $(wildcard port/mbedtls/il_*.h) port/lwip/il_lwip.h
IL_INSTALL_FILES := $(BUILD)/influx-lite $(IL_INSTALL_LIB) $(IL_INSTALL_MBEDTLS_CONFIG) $(BUILD)/install-lib/influxlite.pc \
                    $(BUILD)/install-lib/influxlite-config.cmake $(BUILD)/install-lib/influxlite-config-version.cmake \
                    $(MBEDTLS_FETCHED)
D := $(DESTDIR)
.PHONY: install uninstall install-files
install: $(IL_INSTALL_FILES)
	$(INSTALL) -d $(D)$(BINDIR) $(D)$(MANDIR)/man1 $(D)$(DOCDIR) $(D)$(DATADIR)/bash-completion/completions \
	  $(D)$(DATADIR)/zsh/site-functions $(D)$(PREFIX)/$(LIBDIR)/pkgconfig $(D)$(PREFIX)/$(LIBDIR)/cmake/influxlite \
	  $(D)$(INCLUDEDIR)/influxlite/mbedtls-3.6
	$(INSTALL) -m 755 $(BUILD)/influx-lite $(D)$(BINDIR)/influx-lite
	$(INSTALL) -m 644 boards/linux/influx-lite.1 $(D)$(MANDIR)/man1/influx-lite.1
	$(INSTALL) -m 644 LICENSE THIRD-PARTY $(D)$(DOCDIR)/
	$(BUILD)/influx-lite completion bash > $(D)$(DATADIR)/bash-completion/completions/influx-lite
	$(BUILD)/influx-lite completion zsh > $(D)$(DATADIR)/zsh/site-functions/_influx-lite
	$(INSTALL) -m 644 $(IL_INSTALL_LIB) $(D)$(PREFIX)/$(LIBDIR)/libinfluxlite.a
	$(INSTALL) -m 644 $(BUILD)/install-lib/influxlite.pc $(D)$(PREFIX)/$(LIBDIR)/pkgconfig/
	$(INSTALL) -m 644 $(BUILD)/install-lib/influxlite-config.cmake $(BUILD)/install-lib/influxlite-config-version.cmake \
	  $(D)$(PREFIX)/$(LIBDIR)/cmake/influxlite/
	$(INSTALL) -m 644 $(IL_INSTALL_HEADERS) $(D)$(INCLUDEDIR)/influxlite/
	cd $(MBEDTLS_SRC)/include && find mbedtls psa -name '*.h' -exec $(INSTALL) -m 644 -D {} \
	  $(abspath $(D)$(INCLUDEDIR))/influxlite/mbedtls-3.6/{} \;
	cd $(MBEDTLS_SRC)/3rdparty/everest/include && find everest -name '*.h' -exec $(INSTALL) -m 644 -D {} \
	  $(abspath $(D)$(INCLUDEDIR))/influxlite/mbedtls-3.6/{} \;
	cd $(MBEDTLS_SRC)/3rdparty/p256-m && find . -name '*.h' -exec $(INSTALL) -m 644 -D {} \
	  $(abspath $(D)$(INCLUDEDIR))/influxlite/mbedtls-3.6/{} \;
	$(INSTALL) -m 644 $(IL_INSTALL_MBEDTLS_CONFIG) $(D)$(INCLUDEDIR)/influxlite/mbedtls-3.6/mbedtls/mbedtls_config.h
uninstall:
	rm -f $(D)$(BINDIR)/influx-lite $(D)$(MANDIR)/man1/influx-lite.1 \
	  $(D)$(DATADIR)/bash-completion/completions/influx-lite $(D)$(DATADIR)/zsh/site-functions/_influx-lite \
	  $(D)$(PREFIX)/$(LIBDIR)/libinfluxlite.a $(D)$(PREFIX)/$(LIBDIR)/pkgconfig/influxlite.pc
	rm -rf $(D)$(DOCDIR) $(D)$(PREFIX)/$(LIBDIR)/cmake/influxlite $(D)$(INCLUDEDIR)/influxlite

# `make image`: the FROM-scratch multi-architecture OCI image of the static
# binaries (packaging/image.sh, Debian's buildah), as an OCI layout in
# build/image/oci (tag: the version); tests/image/test_image.sh inspects it.
IL_IMAGE := $(BUILD)/image/oci/index.json
IL_CA_BUNDLE := /etc/ssl/certs/ca-certificates.crt
$(IL_IMAGE): $(IL_RELEASE_BINS) packaging/image.sh LICENSE THIRD-PARTY
	sh packaging/image.sh $(BUILD)/image/oci $(IL_PKG_VERSION) $(IL_CA_BUNDLE) \
	  $(foreach a,$(IL_ARCHES),$(a)=$(BUILD)/influx-lite-static-$(a))
.PHONY: image
image: $(IL_IMAGE)
