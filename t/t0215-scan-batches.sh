#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One spatch process analyses a batch of files (--file-groups, a file a
# group). Batching must not change a single fact, and whatever goes wrong
# inside a batch is told of the file it went wrong on, as if that file had
# been run alone.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

# sorted "patch_key file facts reason" rows of a cache, keyed by content
cache_rows() {
	sqlite3 -separator ' | ' "$1/cache.sqlite" \
		"SELECT patch_key, file_key, facts, coalesce(reason, '-') FROM facts ORDER BY 1, 2"
}

test_expect_success SPATCH,JQ 'one file a run and batches of 4 give the same report' '
	"$MMCHECK" scan -j 1 --batch 1 --stats --cache one --format=json \
		-o one.json "$TREE" >/dev/null 2>one.err;
	test $? = 1 &&
	"$MMCHECK" scan -j 1 --batch 4 --stats --cache four --format=json \
		-o four.json "$TREE" >/dev/null 2>four.err;
	test $? = 1 &&
	jq -S "del(.summary.seconds)" one.json >one.s &&
	jq -S "del(.summary.seconds)" four.json >four.s &&
	test_cmp one.s four.s &&
	test "$(jq ".uses | length" one.json)" -gt 10
'

test_expect_success SPATCH,SQLITE 'and the same facts for every file in the cache' '
	cache_rows one >one.rows &&
	cache_rows four >four.rows &&
	test_cmp one.rows four.rows &&
	test "$(wc -l <one.rows)" -gt 30
'

test_expect_success SPATCH 'batches take fewer spatch processes than files' '
	sed -n "s/.*use_mm_unheld.cocci *\([0-9]*\) runs.* \([0-9]*\) processes.*/\1 \2/p" \
		one.err >one.n &&
	sed -n "s/.*use_mm_unheld.cocci *\([0-9]*\) runs.* \([0-9]*\) processes.*/\1 \2/p" \
		four.err >four.n &&
	read runs procs <one.n && test "$runs" = "$procs" &&
	read runs4 procs4 <four.n && test "$runs4" = "$runs" &&
	test "$procs4" -le $(( (runs + 3) / 4 + 4 )) && test "$procs4" -lt "$runs"
'

test_expect_success SPATCH,JQ 'the automatic batch size gives the same report' '
	"$MMCHECK" scan -j 1 --no-cache --format=json -o auto.json "$TREE" \
		>/dev/null 2>err;
	test $? = 1 &&
	jq -S "del(.summary.seconds)" auto.json >auto.s &&
	test_cmp one.s auto.s
'

# A script that raises on one file: spatch goes on with the rest of the
# batch and exits 0, having said "EXN: ... in FILE".
test_expect_success SPATCH 'an exception on one file of a batch: that file alone is not analysed' '
	test_expect_code 2 "$MMCHECK" scan -j 1 --batch 32 --no-cache --all \
		--semantic-patches "$TESTDATA/broken-sp/crash" "$TREE" >out 2>err &&
	grep "^  drivers/vhost/vhost.c: spatch failed (exit [0-9]*)" out &&
	test "$(grep -c "^  [^ ]*: " out)" = 1 &&
	grep "^arch/x86/kvm/xen.c:10:1: " out &&
	! grep "^drivers/vhost/vhost.c:[0-9]*:" out
'

test_expect_success SPATCH 'a line that is not a fact in a batch is told of its file' '
	test_expect_code 2 "$MMCHECK" scan -j 1 --batch 32 --no-cache \
		--semantic-patches "$TESTDATA/broken-sp/noise" "$TREE" >out 2>err &&
	grep "^  arch/x86/kvm/xen.c: 1 unreadable fact line.*not JSON" out &&
	test "$(grep -c "^  [^ ]*: " out)" = 1
'

test_expect_success SPATCH 'a batch that times out: the slow file alone is listed' '
	mkdir -p slow/arch/x86 slow/drivers/foo &&
	printf "VERSION = 6\nPATCHLEVEL = 0\n" >slow/Makefile && : >slow/Kconfig &&
	cp "$TREE/drivers/vhost/vhost.c" slow/drivers/foo/quick.c &&
	for i in $(seq 1 4000); do
		printf "static void w%d(struct s *s)\n{\n\tkthread_use_mm(s->mm);\n\tkthread_unuse_mm(s->mm);\n}\n" $i
	done >slow/drivers/foo/slow.c &&
	test_expect_code 2 "$MMCHECK" scan -j 1 --batch 2 --no-cache --all \
		--timeout 1 slow >out 2>err &&
	grep "^  drivers/foo/slow.c: spatch timed out after 1 s\$" out &&
	grep "^drivers/foo/quick.c:15:2: note: \[held-field\]" out &&
	grep "2 candidates, 1 analysed" out
'

# The limit is per file: a batch whose files together take longer than
# --timeout, each well within it, is one process and no file times out.
# The files are big enough (about 1 s each here) that the batch stays
# over the limit on a faster machine too.
test_expect_success SPATCH 'the timeout of a batch is per file' '
	mkdir -p many/arch/x86 many/drivers/foo &&
	printf "VERSION = 6\nPATCHLEVEL = 0\n" >many/Makefile && : >many/Kconfig &&
	for i in $(seq 1 200); do
		printf "static void w%d(struct s *s)\n{\n\tkthread_use_mm(s->mm);\n\tkthread_unuse_mm(s->mm);\n}\n" $i
	done >w.c &&
	for i in 1 2 3 4 5 6 7 8; do
		cp w.c many/drivers/foo/w$i.c || return 1
	done &&
	"$MMCHECK" scan -j 1 --batch 8 --timeout 3 --no-cache --stats --all \
		many >out 2>err &&
	grep "8 candidates, 8 analysed" out &&
	grep "use_mm_unheld.cocci *8 runs, *0 cached, *1 processes" err &&
	secs=$(sed -n "s/.*use_mm_unheld.cocci.* \([0-9.]*\) s of spatch/\1/p" err) &&
	test "$(echo "$secs > 3" | bc)" = 1
'

test_expect_success 'a bad batch size is a usage error' '
	test_expect_code 129 "$MMCHECK" scan --batch 0 "$TREE" 2>err &&
	grep "batch" err &&
	test_expect_code 129 "$MMCHECK" scan --batch 33 "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan --batch x "$TREE" 2>err
'

test_done
