#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Golden before/after cases of the semantic patches of mmcheck fix. Each
# testdata/smpl/fix_use_mm/NAME.c names the uses to fix and their shape in
# its first line ("/* mmcheck-fix 12:check,30 */", a bare line is the
# hold shape); each testdata/smpl/pin_mm_store/NAME.c the store to pin
# ("/* mmcheck-pin 21 */"). NAME.facts holds the facts expected,
# NAME.c.after the file the patch mode must write; without it the patch
# mode must leave the file alone. UPDATE_GOLDEN=1 rewrites both from the
# current output.

. "$(dirname "$0")/test-lib.sh"

# "/* mmcheck-fix 12:check,30 */" in NAME gives
# MMCHECK_FIX=NAME:12:check,NAME:30; "/* mmcheck-pin 21 */" MMCHECK_PIN=NAME:21
case_env() {
	local fix pin
	fix=$(sed -n '1s|^/\* mmcheck-fix \([0-9a-z:,-]*\) \*/$|\1|p' "$CASES/$1" |
		tr ',' '\n' | sed "s|^|$1:|" | paste -sd, -)
	pin=$(sed -n '1s|^/\* mmcheck-pin \([0-9]*\) \*/$|\1|p' "$CASES/$1")
	echo "MMCHECK_FIX=$fix MMCHECK_PIN=${pin:+$1:$pin}"
}

# One patch-mode run in a copy of the case: its facts (sorted) in
# actual.NAME.facts, the file as the fix leaves it in actual.NAME.after.
run_case() {
	mkdir -p "patched.$1" && cp "$CASES/$1" "patched.$1/$1" &&
	(cd "patched.$1" && env $(case_env "$1") spatch -D patch \
		--in-place --no-show-diff --very-quiet --no-includes \
		--include-headers \
		--sp-file "$SP" "$1") | LC_ALL=C sort >"actual.$1.facts" &&
	cp "patched.$1/$1" "actual.$1.after"
}

test_expect_success 'there are golden cases for each shape' '
	for shape in check put-order unuse live; do
		grep -l "^/\* mmcheck-fix .*:$shape" "$TESTDATA"/smpl/fix_use_mm/*.c || return 1
	done &&
	grep -L "^/\* mmcheck-fix .*:" "$TESTDATA"/smpl/fix_use_mm/*.c | grep . &&
	ls "$TESTDATA"/smpl/pin_mm_store/*.c.after
'

# the semantic patches of the role fix; the scan's have their own goldens
for SP in $(grep -l "^// Mmcheck: fix$" "$SRC_ROOT"/smpl/*.cocci); do
CASES="$TESTDATA/smpl/$(basename "$SP" .cocci)"
for f in "$CASES"/*.c; do
	name=$(basename "$f")
	if [ -n "$UPDATE_GOLDEN" ]; then
		run_case "$name" && cp "actual.$name.facts" "${f%.c}.facts"
		if cmp -s "$f" "actual.$name.after"; then rm -f "$f.after"
		else cp "actual.$name.after" "$f.after"; fi
	fi
	test_expect_success SPATCH "$name: the fix and no-fix facts" "
		run_case $name &&
		test_cmp '${f%.c}.facts' actual.$name.facts
	"
	test_expect_success SPATCH "$name: the file after the fix" "
		if [ -f '$f.after' ]; then
			test_cmp '$f.after' actual.$name.after
		else
			test_cmp '$f' actual.$name.after
		fi
	"
	# the facts say fix exactly when the file changes
	test_expect_success SPATCH "$name: a fix fact for each patched case" "
		if grep -q '\"fact\": \"\(fix\|pin\)\"' '${f%.c}.facts'; then
			test -f '$f.after'
		else
			! test -f '$f.after'
		fi
	"
done
done

test_expect_success SPATCH 'the patched cases parse as well as before' '
	for a in "$TESTDATA"/smpl/*/*.c.after; do
		cp "$a" case.c &&
		before=$(spatch_bad_lines "${a%.after}") &&
		after=$(spatch_bad_lines case.c) &&
		test -n "$after" && test "$after" -le "$before" || return 1
	done
'

test_done
