#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shards: scan --shard I/N on every I, merge, and the result is that of one
# whole scan; a missing, doubled or foreign shard is refused.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

test_expect_success SPATCH 'the whole scan' '
	"$MMCHECK" scan --no-cache --format=json "$TREE" >whole.json;
	test $? = 1
'

for n in 1 2 3; do
	test_expect_success SPATCH,JQ "$n shards merge into the whole scan" "
		for i in \$(seq 1 $n); do
			\"\$MMCHECK\" scan --no-cache --shard \$i/$n -o s$n-\$i.json \"\$TREE\" || return 1
		done &&
		jq -e '.schema == \"mmcheck-shard\" and .of == $n' s$n-1.json &&
		\"\$MMCHECK\" merge --no-cache --format=json \"\$TREE\" s$n-*.json >merged$n.json;
		test \$? = 1 &&
		test_cmp whole.json merged$n.json
	"
done

test_expect_success SPATCH,JQ 'the shards split the work' '
	jq -r ".candidates[]" s3-1.json s3-2.json s3-3.json | sort >all &&
	sort -u all >uniq &&
	test_cmp all uniq &&
	test $(wc -l <all) -ge 3 &&
	test $(jq ".candidates | length" s3-1.json) -lt $(wc -l <all)
'

test_expect_success SPATCH 'a missing shard is refused' '
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TREE" s3-1.json s3-3.json 2>err &&
	grep "shard 2/3 is missing" err
'

test_expect_success SPATCH 'a doubled shard or shards of another N are refused' '
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TREE" s3-1.json s3-1.json s3-2.json s3-3.json 2>err &&
	grep "given twice" err &&
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TREE" s2-1.json s3-2.json 2>err &&
	grep "the others are of" err
'

test_expect_success SPATCH 'shards of another tree state are refused' '
	cp -r "$TREE" tree2 &&
	"$MMCHECK" scan --no-cache --shard 1/1 -o t2.json tree2 &&
	echo "/* changed */" >>tree2/drivers/vhost/vhost.c &&
	test_expect_code 128 "$MMCHECK" merge --no-cache tree2 t2.json 2>err &&
	grep "changed since the shards ran" err
'

test_expect_success 'a file that is not a shard is refused' '
	echo "{}" >notashard.json &&
	test_expect_code 128 "$MMCHECK" merge --no-cache "$TREE" notashard.json 2>err &&
	grep "not an mmcheck shard" err
'

test_expect_success 'bad --shard values are usage errors' '
	test_expect_code 129 "$MMCHECK" scan --shard 0/2 "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan --shard 3/2 "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan --shard x "$TREE" 2>err
'

test_done
