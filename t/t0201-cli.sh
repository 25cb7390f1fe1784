#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What every command shares: COMMAND --help and -h print its usage on
# stdout and exit 0; the long ones take -q/--quiet; a progress line on
# stderr when it is a terminal, none with -q or when it is not.

. "$(dirname "$0")/test-lib.sh"

COMMANDS="scan check-patch arches fix merge explain version help"

# script(1) gives the command a terminal and keeps what it wrote there.
command -v script >/dev/null && test_set_prereq SCRIPT

# On a terminal: everything the command wrote to it, in FILE.
on_terminal() {
	local file=$1
	shift
	script -q -e -c "$*" "$file" >/dev/null
}

for c in $COMMANDS
do
	test_expect_success "mmcheck $c --help and -h: its usage on stdout, exit 0" '
		"$MMCHECK" '$c' --help >out 2>err &&
		! test -s err &&
		head -1 out | grep "^usage: mmcheck '$c'" &&
		"$MMCHECK" '$c' -h >out-h 2>err &&
		test_cmp out out-h
	'
done

test_expect_success 'help lists every command, and --help after other options still helps' '
	"$MMCHECK" help >out &&
	for c in $COMMANDS; do grep "^   $c " out || return 1; done &&
	"$MMCHECK" scan -j 2 --help tree-that-is-not-there >out 2>err &&
	grep "^usage: mmcheck scan" out &&
	! test -s err
'

test_expect_success 'an unknown option is still a usage error (exit 129, on stderr)' '
	for c in scan check-patch arches merge
	do
		test_expect_code 129 "$MMCHECK" $c --no-such-option x y >out 2>err &&
		grep "^usage: mmcheck $c" err &&
		! test -s out || return 1
	done
'

test_expect_success 'a tree and patches' '
	make_patch_series
'

test_expect_success SPATCH 'scan, arches and check-patch take -q and --quiet' '
	test_expect_code 1 "$MMCHECK" scan -q -j 2 --format=json tree >scan.json 2>err &&
	jq -e ".schema == \"mmcheck-scan\"" scan.json &&
	"$MMCHECK" arches --quiet -j 2 tree >arches.txt 2>err &&
	test -s arches.txt &&
	test_expect_code 1 "$MMCHECK" check-patch -q -j 2 tree patches/0001-*.patch >mail 2>err &&
	grep "^>> " mail
'

# One file a spatch process: the stores round lasts longer than the half
# second before a stage shows its progress, however fast the machine.
test_expect_success SPATCH,SCRIPT 'on a terminal, scan shows its progress on stderr' '
	on_terminal tty.out "\"$MMCHECK\" scan -j 2 --batch 1 --no-cache tree >scan.txt; true" &&
	tr "\r" "\n" <tty.out >lines &&
	grep "^mmcheck: spatch, round first+grab: [0-9]*/[0-9]*" lines &&
	grep "^mmcheck: spatch, round stores: [0-9]*/[0-9]*" lines &&
	grep "error: \[use-mm-" scan.txt
'

test_expect_success SPATCH,SCRIPT 'on a terminal, check-patch says which patch it checks' '
	on_terminal tty.out "\"$MMCHECK\" check-patch -j 2 --no-cache tree patches/0001-*.patch patches/0002-*.patch >mail; true" &&
	tr "\r" "\n" <tty.out >lines &&
	grep "^mmcheck: patch 1/2: spatch, round " lines &&
	grep "^mmcheck: patch 2/2: spatch, round " lines
'

test_expect_success SPATCH,SCRIPT 'on a terminal with -q: no progress' '
	on_terminal tty.out "\"$MMCHECK\" scan -q -j 2 --no-cache tree >scan.txt; true" &&
	! grep "mmcheck: spatch" tty.out &&
	on_terminal tty.out "\"$MMCHECK\" check-patch --quiet -j 2 --no-cache tree patches/0001-*.patch >mail; true" &&
	! grep "mmcheck: .*spatch" tty.out
'

test_expect_success SPATCH 'not on a terminal: no progress' '
	test_expect_code 1 "$MMCHECK" scan -j 2 --no-cache tree >scan.txt 2>err &&
	! grep "mmcheck: spatch\|token scan" err &&
	! grep "$(printf "\r")" err
'

test_done
