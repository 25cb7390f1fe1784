#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A MAINTAINERS file nobody checked: a FIFO or a link in its place is not
# read (and not waited on), and patterns written to backtrack (an F: glob
# of a hundred stars, an N: regex with nested repeats) cost no more than
# plain ones.

. "$(dirname "$0")/test-lib.sh"

TM="$MMCHECK_BUILD/test-maintainers"
TREE="$TESTDATA/tree"

test_expect_success 'a FIFO named MAINTAINERS is skipped with a warning, not waited on' '
	mkdir fifo && mkfifo fifo/MAINTAINERS &&
	test_expect_code 128 timeout 10 "$TM" fifo drivers/foo.c 2>err &&
	grep "^warning: .fifo/MAINTAINERS. is a FIFO: not read\$" err &&
	grep "^fatal: no MAINTAINERS" err
'

test_expect_success 'a MAINTAINERS that is a symlink is not followed' '
	mkdir link && cp "$TREE/MAINTAINERS" real &&
	ln -s ../real link/MAINTAINERS &&
	test_expect_code 128 "$TM" link drivers/vhost/vhost.c 2>err &&
	grep "^warning: .link/MAINTAINERS. is a symbolic link: not read\$" err
'

test_expect_success SPATCH 'scan: a FIFO MAINTAINERS means no subsystems, not a hang' '
	cp -r "$TREE" tree && rm tree/MAINTAINERS && mkfifo tree/MAINTAINERS &&
	test_expect_code 1 timeout 120 "$MMCHECK" scan tree >out 2>err &&
	test_no_sanitizer_report err &&
	grep "MAINTAINERS. is a FIFO: not read" err &&
	grep "^warning: no MAINTAINERS in" err &&
	grep "(no MAINTAINERS entry)" out
'

test_done
