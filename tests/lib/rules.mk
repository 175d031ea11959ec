# SPDX-License-Identifier: Apache-2.0
# tests/lib: scaffolding shared by the suites (Python helpers; C shims and
# fakes that the suites' own rules link).
IL_DIRFLAGS_tests/lib = $(IL_INC) -Wno-missing-prototypes
