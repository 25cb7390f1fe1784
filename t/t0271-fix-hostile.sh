#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck fix with careless or hostile input: DIR given as the README
# writes it (series/), an empty DIR, a DIR that is not empty; a run
# stopped by a signal; FIFOs in the tree. DIR appears whole or not at all.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

test_expect_success SPATCH 'FIFOs for MAINTAINERS and for a Makefile do not hang fix' '
	cp -r "$TREE" fifos && rm fifos/MAINTAINERS fifos/drivers/dma/idxd/Makefile &&
	mkfifo fifos/MAINTAINERS fifos/drivers/dma/idxd/Makefile &&
	timeout 120 "$MMCHECK" fix -o fseries fifos >out 2>err &&
	test_no_sanitizer_report err &&
	grep "MAINTAINERS. is a FIFO: not read" err &&
	grep "idxd/Makefile. is a FIFO: not read" err &&
	ls fseries/no-maintainers-entry/0001-*.patch &&
	test_cmp fseries/summary.txt out
'

test_done
