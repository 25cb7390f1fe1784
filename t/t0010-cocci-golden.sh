#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Golden tests of the semantic patches: each testdata/cocci/*.[ch] carries its
# expected output in trailing "/* mmcheck-expect MODE" blocks, for the
# kernel's report mode (scripts/coccinelle/mm/NAME.cocci) and for the
# driver's fact mode (smpl/NAME.cocci). Run with UPDATE_GOLDEN=1 to
# rewrite the blocks from the current output. mmcheck fix's own patches
# have their golden cases in t0272; the fix_* and shape_* cases of
# use_mm_unheld are their inputs' twins, read here for what they report.

. "$(dirname "$0")/test-lib.sh"

# testdata/cocci/NAME/*.c and *.h are the cases of scripts/coccinelle/mm/NAME.cocci
# (report) and of smpl/NAME.cocci (facts)

# FILE without its expect blocks and the blank lines before them.
strip_blocks() {
	awk '/^\/\* mmcheck-expect /{skip=1} !skip{print} skip && $0=="*/"{skip=0}' \
		"$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# MODE CASE: the kernel file reports, the driver's smpl/ file gives facts
run_mode() {
	local sp=$SP

	[ "$1" = facts ] && sp=$FACTS_SP
	(cd "$CASES" && spatch -D "$1" --very-quiet --no-show-diff \
		--no-includes --include-headers --sp-file "$sp" "$2") |
		LC_ALL=C sort
}

for SP in "$SEMPATCH_DIR"/*.cocci; do
CASES="$TESTDATA/cocci/$(basename "$SP" .cocci)"
FACTS_SP="$PWD/$(basename "$SP")"
smpl_expanded "$SMPL_DIR/$(basename "$SP")" >"$FACTS_SP"
test_expect_success "$(basename "$SP") has golden cases" "ls '$CASES'/*.c"

update_golden() {
	local f=$1 tmp
	tmp=$(mktemp)
	strip_blocks "$f" >"$tmp"
	for mode in report facts; do
		printf '\n/* mmcheck-expect %s\n' "$mode"
		run_mode "$mode" "$(basename "$f")"
		printf '*/\n'
	done >>"$tmp"
	mv "$tmp" "$f"
}

for f in "$CASES"/*.c "$CASES"/*.h; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	[ -n "$UPDATE_GOLDEN" ] && update_golden "$f"
	for mode in report facts; do
		test_expect_success SPATCH "$name: $mode mode" "
			grep -q '^/\* mmcheck-expect $mode\$' '$f' &&
			expect_block $mode '$f' >expect.$name.$mode &&
			run_mode $mode $name >actual.$name.$mode &&
			test_cmp expect.$name.$mode actual.$name.$mode
		"
	done
done

# The cases must exercise every rule the semantic patch reports.
for rule in $(grep -o '\[[a-z][a-z-]*\]"' "$SP" | tr -d '[]"' | sort -u); do
	test_expect_success "$(basename "$SP"): some case expects [$rule]" "
		grep -l '\[$rule\]' '$CASES'/*.c
	"
done
done

# A use that is held must not be reported, and the cases must show it.
test_expect_success 'held cases produce no report line' '
	ls "$TESTDATA"/cocci/use_mm_unheld/held_*.c &&
	for f in "$TESTDATA"/cocci/use_mm_unheld/held_*.c; do
		expect_block report "$f" >r &&
		test_cmp /dev/null r || return 1
	done
'

test_done
