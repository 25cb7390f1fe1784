#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The files of scripts/coccinelle/mm are for the kernel's make coccicheck:
# in each mode they offer spatch infers a grep query (so files without the
# rule's tokens are skipped), they read no environment variable and carry
# no mmcheck header. The driver's own files are in smpl/ and carry a role.

. "$(dirname "$0")/test-lib.sh"

for sp in "$SEMPATCH_DIR"/*.cocci; do
	name=$(basename "$sp")
	for mode in report org context patch; do
		grep -qx "virtual $mode" "$sp" || continue
		test_expect_success SPATCH "$name: a grep query in $mode mode" "
			spatch --parse-cocci '$sp' -D $mode >out 2>&1 &&
			! grep -q '^No grep query' out &&
			grep -A1 '^Grep query' out | tail -n 1 | grep -q '[a-z]'
		"
	done
	test_expect_success "$name: no environment variable" "
		! grep -n 'environ\|getenv\|MMCHECK_' '$sp'
	"
	test_expect_success "$name: no driver header" "
		! grep -n '^// \(Keywords\|Mmcheck[-A-Za-z]*\):' '$sp' &&
		! grep -qx 'virtual facts' '$sp'
	"
done

for sp in "$SMPL_DIR"/*.cocci; do
	name=$(basename "$sp")
	# mmcheck fix runs its own by path: no keywords for a scan's token scan
	test_expect_success "smpl/$name: a role, and keywords unless a fix's" "
		grep -q '^// Mmcheck: [a-z]' '$sp' &&
		{ grep -q '^// Mmcheck: fix\$' '$sp' || grep -q '^// Keywords: ' '$sp'; }
	"
	test_expect_success SPATCH "smpl/$name: parses in facts mode as the driver runs it" "
		smpl_expanded '$sp' >'$name' &&
		spatch --parse-cocci '$name' -D facts >/dev/null 2>err
	"
done

test_done
