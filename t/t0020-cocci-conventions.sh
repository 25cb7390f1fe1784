#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The semantic patches follow the kernel's scripts/coccinelle conventions,
# parse with the installed spatch in every mode, and agree with the rule
# catalogue in rules/.

. "$(dirname "$0")/test-lib.sh"

for sp in "$SEMPATCH_DIR"/*.cocci; do
	name=$(basename "$sp")
	test_expect_success "$name: kernel header lines" "
		head -n 1 '$sp' | grep -q '^// SPDX-License-Identifier: ' &&
		grep -q '^/// ' '$sp' &&
		grep -q '^// Confidence: ' '$sp' &&
		grep -q '^// Options: ' '$sp' &&
		grep -q '^// Keywords: ' '$sp' &&
		for m in context org report facts; do
			grep -qx \"virtual \$m\" '$sp' || return 1
		done
	"
	for mode in context org report facts; do
		test_expect_success SPATCH "$name: parses in $mode mode" "
			spatch -D $mode --parse-cocci '$sp' >/dev/null 2>err
		"
	done
	# a semantic patch that writes fixes parses in patch mode too
	grep -qx 'virtual patch' "$sp" &&
	test_expect_success SPATCH "$name: parses in patch mode" "
		spatch -D patch --parse-cocci '$sp' >/dev/null 2>err
	"
	test_expect_success "$name: every rule id it prints is in the catalogue" "
		grep -o '\[[a-z][a-z-]*\]\"' '$sp' | tr -d '[]\"' | sort -u >ids &&
		test -s ids &&
		while read -r id; do
			test -f '$SRC_ROOT/rules/'\$id.rule || { echo \"no rules/\$id.rule\"; return 1; }
		done <ids
	"
done

for r in "$SRC_ROOT"/rules/*.rule; do
	name=$(basename "$r" .rule)
	test_expect_success "rule $name: complete entry, explained by mmcheck" "
		grep -qx 'id: $name' '$r' &&
		grep -qE '^severity: (error|warning|none)\$' '$r' &&
		grep -qE '^confidence: (high|medium|low)\$' '$r' &&
		grep -q '^title: ' '$r' &&
		for h in 'What it means' 'Why it matters' 'How to fix it' 'Known false positives'; do
			grep -qx \"\$h\" '$r' || { echo \"'$r' lacks \$h\"; return 1; }
		done &&
		\"\$MMCHECK\" explain $name >out &&
		test_cmp '$r' out
	"
done

test_expect_success 'explain: an unknown rule is an error' '
	test_expect_code 1 "$MMCHECK" explain no-such-rule 2>err &&
	grep "no rule .no-such-rule." err
'

test_done
