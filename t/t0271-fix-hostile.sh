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

# A stand-in for spatch that, in patch mode (fix is writing a series),
# says so and waits to be killed.
cat >spatch-wait <<EOF
#!/bin/sh
case " \$* " in
*" --in-place "*) touch "$PWD/patching"; exec sleep 60;;
esac
exec spatch "\$@"
EOF
chmod +x spatch-wait

# Start fix in the background with job control on (a background job of a
# script ignores SIGINT otherwise), and send it signal $1 while it writes
# the series; it must end as killed by it, with status $2.
fix_killed_by() {
	local pid rc=0 i
	rm -f patching
	set -m
	SPATCH="$PWD/spatch-wait" "$MMCHECK" fix -o killed fifos >out 2>err &
	pid=$!
	set +m
	for i in $(seq 1 600); do
		test -e patching && break
		sleep 0.1
	done
	test -e patching || { kill $pid; return 1; }
	ls -d killed.tmp.*/.repo-* &&
	kill -$1 $pid &&
	{ wait $pid || rc=$?; } &&
	echo "exit $rc" &&
	test $rc = $2 &&
	test_no_sanitizer_report err
}

test_expect_success SPATCH 'SIGINT while fix writes: no DIR, no DIR.tmp.PID' '
	fix_killed_by INT 130 &&
	! test -e killed && ! ls -d killed.tmp.* 2>/dev/null
'

test_expect_success SPATCH 'SIGTERM while fix writes: no DIR, no DIR.tmp.PID' '
	fix_killed_by TERM 143 &&
	! test -e killed && ! ls -d killed.tmp.* 2>/dev/null
'

test_done
