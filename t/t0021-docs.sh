#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The documentation follows the code: the rule table of docs/rules.md
# is the catalogue's (mmcheck explain), one row a rule; the README stays
# a front door; the links of the README and of docs/ lead somewhere; the
# README's command summary names every command.

. "$(dirname "$0")/test-lib.sh"

RULES_DOC="$SRC_ROOT/docs/rules.md"

test_expect_success 'every rule of the catalogue has one row in docs/rules.md, with its severity and confidence' '
	"$MMCHECK" explain >catalogue &&
	test $(wc -l <catalogue) -ge 10 &&
	awk "{ print \$1, \$2, \$3 }" catalogue | sort >expect &&
	sed -n "s/^| \`\([a-z0-9-]*\)\` | \([a-z]*\) | \([a-z]*\) |.*/\1 \2 \3/p" "$RULES_DOC" | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'the rule table check fails on a doubled rule' '
	sed -n "s/^| \`\([a-z0-9-]*\)\` | \([a-z]*\) | \([a-z]*\) |.*/\1 \2 \3/p" "$RULES_DOC" >rows &&
	{ cat rows; head -1 rows; } | sort >doubled &&
	! test_cmp expect doubled >/dev/null
'

test_expect_success 'the README is a front door: at most 300 lines' '
	test $(wc -l <"$SRC_ROOT/README.md") -le 300
'

test_expect_success 'every relative link of the README and docs/ names a file that exists' '
	for f in "$SRC_ROOT"/README.md "$SRC_ROOT"/docs/*.md
	do
		dir=$(dirname "$f") &&
		grep -o "\](\([^)#]*\)\(#[^)]*\)\?)" "$f" | sed "s/^](\([^)#]*\).*/\1/" |
		while read -r target
		do
			case "$target" in http*|"") continue;; esac
			test -e "$dir/$target" || { echo "$f: $target"; exit 1; }
		done || return 1
	done
'

test_expect_success 'the README command summary names every command' '
	"$MMCHECK" help | sed -n "s/^   \([a-z-]*\) .*/\1/p" >commands &&
	test $(wc -l <commands) -ge 7 &&
	while read -r c
	do
		grep "^    mmcheck .*\<$c\>" "$SRC_ROOT/README.md" || { echo "no $c"; return 1; }
	done <commands
'

test_done
