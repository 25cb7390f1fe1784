#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Golden tests of the verdicts: each testdata/verdicts/CASE/ holds a few C
# files (one to three, the mm often stored in one and used in another) and
# an "expect" file, one line per use site:
#   FILE:LINE VERDICT SEVERITY [RULE,RULE... CONFIDENCE]
# (a site with findings ends with its confidence: high, medium or low).
# A case may link to the C files of a semantic patch's golden cases
# instead of copying them.
# The case becomes a small kernel-like tree (scan_case) and mmcheck scan
# must give exactly those verdicts.

. "$(dirname "$0")/test-lib.sh"

for dir in "$TESTDATA"/verdicts/*/; do
	name=$(basename "$dir")
	test_expect_success SPATCH,JQ "verdicts: $name" "
		scan_case '$name' &&
		jq -r '(.uses + .lock_sites)[] | \"\(.file | sub(\"^drivers/demo/\"; \"\")):\(.line) \(.verdict // .role) \(.severity)\" +
			(if (.findings | length) > 0 then \" \" + ([.findings[].rule] | sort | join(\",\")) + \" \" + .confidence else \"\" end)' \
			'$name.json' | LC_ALL=C sort >'$name.actual' &&
		LC_ALL=C sort '$dir/expect' >'$name.expect' &&
		test_cmp '$name.expect' '$name.actual'
	"
done

# Every verdict and every rule of the driver is shown by some case. The
# rules that only a semantic patch reports (in make coccicheck) have their
# cases in testdata/cocci/ instead.
for v in held-local held-field held-caller mmgrab-only unreferenced mixed unknown; do
	test_expect_success "some case expects verdict $v" "
		cat '$TESTDATA'/verdicts/*/expect | grep ' $v '
	"
done
for c in high medium low; do
	test_expect_success "some case expects confidence $c" "
		cat '$TESTDATA'/verdicts/*/expect | grep ' $c\$'
	"
done
for r in "$SRC_ROOT"/rules/*.rule; do
	id=$(basename "$r" .rule)
	# rules that only the semantic patches' kernel modes report
	case $id in use-mm-unheld|mm-store-unreferenced|mm-users-tlb-shortcut) continue;; esac
	test_expect_success "some case expects rule $id" "
		cat '$TESTDATA'/verdicts/*/expect | grep -E '[ ,]$id(,| |\$)'
	"
done

test_done
