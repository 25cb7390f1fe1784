#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The facts of a bug whose two sides live in different files: each file
# alone reports nothing, and their facts carry the same key for the join.

. "$(dirname "$0")/test-lib.sh"

SPLIT="$TESTDATA/locks-split"
# the kernel file reports, the driver's smpl/ file gives the facts
smpl_expanded "$SMPL_DIR/unregister_race.cocci" >facts.cocci

run_mode() {
	local sp="$SEMPATCH_DIR/unregister_race.cocci"

	[ "$1" = facts ] && sp="$PWD/facts.cocci"
	(cd "$SPLIT" && spatch -D "$1" --very-quiet --no-show-diff --no-includes \
		--include-headers --sp-file "$sp" "$2")
}

test_expect_success SPATCH 'split HMM: the facts of the three files' '
	for f in hmm.h hmm_device.c hmm_mirror.c; do
		run_mode facts $f || return 1
	done | sort >actual &&
	test_cmp "$SPLIT/expect-facts" actual
'

test_expect_success SPATCH 'split HMM: no file is reported alone' '
	for f in hmm.h hmm_device.c hmm_mirror.c; do
		run_mode report $f || return 1
	done >actual &&
	test_cmp /dev/null actual
'

test_expect_success SPATCH 'split HMM: decide and last access share a key' '
	grep "\"fact\": \"lock-decide\"" "$SPLIT/expect-facts" |
		grep -o "\"key\": \"[^\"]*\"" >decide &&
	grep "\"fact\": \"lock-last-access\"" "$SPLIT/expect-facts" |
		grep -o "\"key\": \"[^\"]*\"" >last &&
	grep -qxF "\"key\": \"struct hmm_device ->mutex\"" decide &&
	grep -qxF -f decide last
'

test_done
