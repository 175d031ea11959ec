# SPDX-License-Identifier: Apache-2.0
# tests/image: the FROM-scratch multi-architecture image (make image,
# packaging/image.sh) inspected with skopeo, and run from its files.
TEST_BUILD  += image
TEST_SUITES += tests/image/test_image.sh
