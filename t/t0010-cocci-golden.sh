#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Golden tests of the semantic patches: each testdata/cocci/*.[ch] carries its
# expected output in trailing "/* mmcheck-expect MODE" blocks, for the
# kernel's report mode and for the driver's fact mode, and, when the patch
# mode writes a fix for the case, its diff in a "patch" block. A case with
# a "/* mmcheck-fix LINE,LINE */" line runs its facts and patch modes with
# MMCHECK_FIX naming those lines of itself. Run with UPDATE_GOLDEN=1 to
# rewrite the blocks from the current output.

. "$(dirname "$0")/test-lib.sh"

unset MMCHECK_FIX

# testdata/cocci/NAME/*.c and *.h are the cases of scripts/coccinelle/mm/NAME.cocci
# (report) and of smpl/NAME.cocci (facts)

# "/* mmcheck-fix 12,30 */" in case NAME gives NAME:12,NAME:30 (PREFIX
# goes before NAME).
fix_sites() {
	sed -n 's|^/\* mmcheck-fix \([0-9][0-9,]*\) \*/$|\1|p' "$CASES/$1" |
	head -n 1 | tr ',' '\n' | sed "s|^|$2$1:|" | paste -sd, -
}

# FILE without its expect blocks and the blank lines before them.
strip_blocks() {
	awk '/^\/\* mmcheck-expect /{skip=1} !skip{print} skip && $0=="*/"{skip=0}' \
		"$1" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# The case alone, so that a diff never shows its expect blocks.
code_only() {
	mkdir -p code && strip_blocks "$CASES/$1" >"code/$1"
}

run_mode() {
	local fix
	fix=$(fix_sites "$2" "$3")
	if [ "$1" = patch ]; then
		code_only "$2" &&
		(cd code && env ${fix:+MMCHECK_FIX="$fix"} spatch -D patch \
			--very-quiet --no-includes --include-headers \
			--sp-file "$SP" "$2") |
		sed -e 's|^+++ /tmp/cocci-output-[0-9]*-[0-9a-f]*-|+++ |'
	else
		# the kernel file reports, the driver's smpl/ file gives facts
		local sp=$SP
		[ "$1" = facts ] && sp=$FACTS_SP
		(cd "$CASES" && env ${fix:+MMCHECK_FIX="$fix"} spatch -D "$1" \
			--very-quiet --no-show-diff --no-includes \
			--include-headers --sp-file "$sp" "$2") | LC_ALL=C sort
	fi
}

# The fix and no-fix facts, and the patch blocks, belong to the driver's
# fix patch (the uses to fix named by MMCHECK_FIX), not to smpl/NAME.cocci:
# the facts test leaves them out, and UPDATE_GOLDEN keeps them.
fix_facts() {
	grep '"fact": "\(no-\)\?fix"' || true
}
no_fix_facts() {
	grep -v '"fact": "\(no-\)\?fix"' || true
}

for SP in "$SEMPATCH_DIR"/*.cocci; do
CASES="$TESTDATA/cocci/$(basename "$SP" .cocci)"
FACTS_SP="$PWD/$(basename "$SP")"
smpl_expanded "$SMPL_DIR/$(basename "$SP")" >"$FACTS_SP"
# only a semantic patch with a patch mode has patch blocks
PATCH_MODE=
grep -qx 'virtual patch' "$SP" && PATCH_MODE=patch
test_expect_success "$(basename "$SP") has golden cases" "ls '$CASES'/*.c"

update_golden() {
	local f=$1 tmp
	tmp=$(mktemp)
	strip_blocks "$f" >"$tmp"
	for mode in report facts $PATCH_MODE; do
		run_mode "$mode" "$(basename "$f")" >"$tmp.out"
		# the fix facts come from the driver's fix patch: kept as they are
		if [ $mode = facts ]; then
			expect_block facts "$f" | fix_facts >>"$tmp.out"
			LC_ALL=C sort -o "$tmp.out" "$tmp.out"
		fi
		[ $mode = patch ] && ! [ -s "$tmp.out" ] && continue
		printf '\n/* mmcheck-expect %s\n' "$mode"
		cat "$tmp.out"
		printf '*/\n'
	done >>"$tmp"
	# so are the patch blocks when the kernel file has no patch mode
	if [ -z "$PATCH_MODE" ] && grep -q '^/\* mmcheck-expect patch$' "$f"; then
		printf '\n/* mmcheck-expect patch\n'
		expect_block patch "$f"
		printf '*/\n'
	fi >>"$tmp"
	rm -f "$tmp.out"
	mv "$tmp" "$f"
}

for f in "$CASES"/*.c "$CASES"/*.h; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	[ -n "$UPDATE_GOLDEN" ] && update_golden "$f"
	for mode in report facts; do
		test_expect_success SPATCH "$name: $mode mode" "
			grep -q '^/\* mmcheck-expect $mode\$' '$f' &&
			expect_block $mode '$f' | no_fix_facts >expect.$name.$mode &&
			run_mode $mode $name | no_fix_facts >actual.$name.$mode &&
			test_cmp expect.$name.$mode actual.$name.$mode
		"
	done
	# The patch block is there when the patch mode writes a fix.
	[ -n "$PATCH_MODE" ] &&
	test_expect_success SPATCH "$name: patch mode" "
		expect_block patch '$f' >expect.$name.patch &&
		run_mode patch $name >actual.$name.patch &&
		test_cmp expect.$name.patch actual.$name.patch
	"
	[ -n "$PATCH_MODE" ] && grep -q '^/\* mmcheck-fix ' "$f" &&
	test_expect_success SPATCH "$name: MMCHECK_FIX may say ./$name" "
		expect_block patch '$f' >expect.$name.patch &&
		run_mode patch $name ./ >actual.$name.dot &&
		test_cmp expect.$name.patch actual.$name.dot
	"
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
