#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The fuzz targets (fuzz/fuzz-*.c) under ASan/UBSan: every input that once
# crashed one (fuzz/regress/NAME/) and every seed runs clean, then a short
# smoke run of each target from its seeds finds no crash.

. "$(dirname "$0")/test-lib.sh"

FUZZ_BUILD=${MMCHECK_FUZZ_BUILD:-$SRC_ROOT/build/fuzz}
SMOKE=${MMCHECK_FUZZ_SMOKE:-15}

for src in "$SRC_ROOT"/fuzz/fuzz-*.c; do
	[ -f "$src" ] || continue
	t=$(basename "$src" .c)
	bin="$FUZZ_BUILD/$t"
	[ -x "$bin" ] && test_set_prereq "$t"

	test_expect_success "$t" "$t: the seeds and the old crashes run clean" '
		set -- "$SRC_ROOT"/fuzz/corpus/$t/* "$SRC_ROOT"/fuzz/regress/$t/* &&
		inputs= && for f; do if [ -f "$f" ]; then inputs="$inputs $f"; fi; done &&
		test -n "$inputs" &&
		"$bin" $inputs >log 2>&1 || { tail -40 log; false; }
	'

	test_expect_success "$t" "$t: a ${SMOKE} s smoke run finds no crash" '
		rm -rf work && mkdir work && cp -r "$SRC_ROOT"/fuzz/corpus/$t/. work/ &&
		"$bin" -max_total_time=$SMOKE -artifact_prefix=$PWD/ work >log 2>&1 ||
		{ tail -40 log; false; }
	'
done

test_done
