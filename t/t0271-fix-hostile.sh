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
	timeout 120 "$MMCHECK" fix --no-build -o fseries fifos >out 2>err &&
	test_no_sanitizer_report err &&
	grep "MAINTAINERS. is a FIFO: not read" err &&
	grep "idxd/Makefile. is a FIFO: not read" err &&
	ls fseries/no-maintainers-entry/0001-*.patch &&
	test_cmp fseries/summary.txt out
'

test_expect_success SPATCH 'fix -o series/ (the README example) writes series' '
	cp -r "$TREE" tree &&
	"$MMCHECK" fix --no-build -o series/ tree >out 2>err &&
	test_no_sanitizer_report err &&
	ls series/linux-for-powerpc/0001-*.patch &&
	test_cmp series/summary.txt out &&
	! ls -d series.tmp.* series/*.tmp.* 2>/dev/null
'

test_expect_success SPATCH 'an existing empty DIR is filled, with or without the slash' '
	mkdir empty1 empty2 &&
	"$MMCHECK" fix --no-build -o empty1/ tree >out1 2>err &&
	"$MMCHECK" fix --no-build -o empty2 tree >out2 2>err &&
	for d in empty1 empty2; do
		ls $d/linux-for-powerpc/0001-*.patch || return 1
	done &&
	test_cmp empty1/summary.txt out1 &&
	test_cmp series/summary.txt out1 &&
	test_cmp out1 out2 &&
	! ls -d empty*.tmp.* 2>/dev/null
'

# A stand-in for spatch that logs each run: no run means no work was done.
cat >spatch-log <<EOF
#!/bin/sh
echo "\$*" >>"$PWD/spatch.log"
exec spatch "\$@"
EOF
chmod +x spatch-log

test_expect_success SPATCH 'a DIR that is not empty, or not a directory, is refused before any work' '
	mkdir full && touch full/x && touch afile &&
	for o in full full/ afile; do
		SPATCH="$PWD/spatch-log" test_expect_code 128 \
			"$MMCHECK" fix --no-build -o $o tree >out 2>err &&
		test $(wc -l <err) = 1 && ! test -s out || return 1
	done &&
	SPATCH="$PWD/spatch-log" test_expect_code 128 "$MMCHECK" fix --no-build -o full/ tree 2>err &&
	grep "^fatal: .full/. exists and is not empty\$" err &&
	SPATCH="$PWD/spatch-log" test_expect_code 128 "$MMCHECK" fix --no-build -o afile tree 2>err &&
	grep "^fatal: .afile. exists and is not a directory\$" err &&
	! test -e spatch.log &&
	test "$(ls full)" = x
'

test_expect_success SPATCH 'a DIR whose parent does not exist fails before the scan' '
	SPATCH="$PWD/spatch-log" test_expect_code 128 \
		"$MMCHECK" fix --no-build -o no/such/series/ tree 2>err &&
	grep "^fatal: cannot create .*/no/such/series.tmp.[0-9]*.: No such file or directory\$" err &&
	! test -e spatch.log
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
	SPATCH="$PWD/spatch-wait" "$MMCHECK" fix --no-build -o killed tree >out 2>err &
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

# A shell runs a command it puts in the background ("make check &")
# with SIGINT ignored, and mmcheck keeps a signal ignored at its start
# ignored (as under nohup): then SIGINT cannot stop fix, and the test is
# skipped rather than failed. SIGINT is signal 2, bit 0x2 of SigIgn.
sigign=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status 2>/dev/null)
[ -n "$sigign" ] && [ $((16#$sigign & 2)) = 0 ] && test_set_prereq SIGINT

test_expect_success SPATCH,SIGINT 'SIGINT while fix writes: no DIR, no DIR.tmp.PID' '
	fix_killed_by INT 130 &&
	! test -e killed && ! ls -d killed.tmp.* 2>/dev/null
'

test_expect_success SPATCH 'SIGTERM while fix writes: no DIR, no DIR.tmp.PID' '
	fix_killed_by TERM 143 &&
	! test -e killed && ! ls -d killed.tmp.* 2>/dev/null
'

test_done
