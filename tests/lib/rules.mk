# SPDX-License-Identifier: Apache-2.0
# tests/lib: scaffolding shared by the suites (Python helpers; C shims and
# fakes that the suites' own rules link).
IL_DIRFLAGS_tests/lib = $(IL_INC) -Wno-missing-prototypes

# the chains of tests/lib/pki.py's Go certificate rules carry the extensions their cases ask for
TEST_SUITES += tests/lib/test_pki.py
