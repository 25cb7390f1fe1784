#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shards are untrusted input: a copy of the tree on another host merges,
# a changed tree is refused before any work, and a file name that is not
# UTF-8 survives the trip.

. "$(dirname "$0")/test-lib.sh"

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

test_done
