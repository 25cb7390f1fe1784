#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shards are untrusted input: a copy of the tree on another host merges,
# a changed tree is refused before any work, a file name that is not
# UTF-8 survives the trip, and a forged or careless shard is one clear
# error (exit 128), never a crash or a silently ignored member.

. "$(dirname "$0")/test-lib.sh"

# A shard with one member changed: forge IN FILTER OUT [jq options]
forge() { local in=$1 filter=$2 out=$3; shift 3; jq "$filter" "$in" "$@" >"$out"; }

test_expect_success SPATCH 'a shard of the tree' '
	cp -a "$TESTDATA/tree" tree &&
	"$MMCHECK" scan --no-cache --shard 1/1 -o s.json tree
'

test_expect_success SPATCH 'a copy that keeps mtimes (cp -a) merges like the tree' '
	"$MMCHECK" merge --no-cache --format=json tree s.json >here.json;
	test $? = 1 &&
	cp -a tree copy &&
	"$MMCHECK" merge --no-cache --format=json copy s.json >there.json;
	test $? = 1 &&
	jq "del(.tree)" here.json >a && jq "del(.tree)" there.json >b &&
	test_cmp a b
'

test_expect_success SPATCH 'a changed tree is refused before any spatch runs' '
	cp -a tree changed &&
	echo "/* changed */" >>changed/drivers/vhost/vhost.c &&
	cat >spy <<-EOF &&
	#!/bin/sh
	echo "\$*" >>"$PWD/spy.log"
	exec spatch "\$@"
	EOF
	chmod +x spy &&
	SPATCH=$PWD/spy test_expect_code 128 "$MMCHECK" merge --no-cache changed s.json 2>err &&
	grep "changed since the shards ran" err &&
	! test -e spy.log
'

test_expect_success SPATCH,JQ 'file names that are not UTF-8 or hold a backslash survive shard and merge' '
	cp -a "$TESTDATA/tree" bytes &&
	cp bytes/drivers/misc/loopy.c "bytes/drivers/misc/lo$(printf "\\377")py.c" &&
	cp bytes/drivers/misc/loopy.c "bytes/drivers/misc/lo\\opy.c" &&
	"$MMCHECK" scan --no-cache --format=json bytes >whole.json;
	test $? = 3 &&
	jq -e ".not_analysed[0].file == \"drivers/misc/lo\\\\xffpy.c\"" whole.json &&
	"$MMCHECK" scan --no-cache --shard 1/2 -o b1.json bytes;
	"$MMCHECK" scan --no-cache --shard 2/2 -o b2.json bytes;
	"$MMCHECK" merge --no-cache --format=json bytes b1.json b2.json >merged.json;
	test $? = 3 &&
	jq -e "any(.uses[]; .file == \"drivers/misc/lo\\\\\\\\opy.c\")" whole.json &&
	test_cmp whole.json merged.json
'

# A store into a field a use reads, without "ops": it crashed the verdicts.
STORE='{"fact": "store", "file": "drivers/vhost/vhost.c", "line": 9, "col": 2, "function": "f", "key": "struct vhost_dev ->mm", "lhs": "d->mm", "rhs": "current->mm", "class": "grab"}'

test_expect_success SPATCH,JQ 'a forged fact (a store without ops) is a bad line, not a crash' '
	forge s.json ".facts += \$ARGS.positional[0] + \"\\n\"" store.json --args "$STORE" &&
	test_expect_code 128 "$MMCHECK" merge --no-cache tree store.json 2>err &&
	grep "^fatal: .store.json. is a broken shard: 1 bad fact line, the first: .store. fact lacks .ops.$" err &&
	test_no_sanitizer_report err
'

test_expect_success SPATCH,JQ 'integers are range-checked, not cast to int' '
	forge s.json ".of = 4294967298 | .shard = 2" big.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache tree big.json 2>err &&
	grep "^fatal: .big.json. is a broken shard: .of. is not an integer from 1 to 2147483647$" err &&
	forge s.json ".shard = 4294967297" big.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache tree big.json 2>err &&
	grep "broken shard: .shard. is not an integer from 1 to .of. (1)$" err &&
	forge s.json ".of = 2147483647" many.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache tree many.json 2>err &&
	grep "^fatal: shard 2/2147483647 is missing$" err &&
	test_no_sanitizer_report err
'

test_expect_success SPATCH,JQ 'members of the wrong type are a clear error, not ignored' '
	while IFS="|" read -r filter why; do
		forge s.json "$filter" bad.json &&
		test_expect_code 128 "$MMCHECK" merge --no-cache tree bad.json 2>err &&
		test $(wc -l <err) = 1 &&
		grep "^fatal: .bad.json. is a broken shard: $why$" err || return 1
	done <<-\EOF
	.shard = "1"|.shard. is not an integer from 1 to .of. (1)
	.of = 1.5|.of. is not an integer from 1 to 2147483647
	.tree_key = 5|.tree_key. is not 64 hex digits
	.candidates = "drivers/vhost/vhost.c"|.candidates. is not an array
	.candidates = [1]|candidate 1 is not a file name
	.not_analysed = {}|.not_analysed. is not an array
	.not_analysed = [{"file": 7, "reason": "x"}]|.not_analysed. entry 1 is not a file name and a reason
	.not_analysed = [{"file": "a.c"}]|.not_analysed. entry 1 is not a file name and a reason
	.facts = ["x"]|.facts. is not a string
	del(.facts)|.facts. is not a string
	EOF
'

test_expect_success 'a file that is not JSON, or not a shard, is refused' '
	printf "{\"schema\": \"mmcheck-shard\", " >cut.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TESTDATA/tree" cut.json 2>err &&
	grep "^fatal: cannot read shard .cut.json.: " err &&
	echo "[1, 2]" >array.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TESTDATA/tree" array.json 2>err &&
	grep "^fatal: .array.json. is not an mmcheck shard (version 1)$" err
'

test_done
