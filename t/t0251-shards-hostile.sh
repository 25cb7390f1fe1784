#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shards are untrusted input: a copy of the tree on another host merges,
# and a changed tree is refused before any work.

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

test_done
