#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The persistent cache: reused when nothing changed, partly reused when a
# file changed, rebuilt (never trusted) when corrupt, foreign or stale,
# and safe for two scans at once.

. "$(dirname "$0")/test-lib.sh"

stats() { grep "^mmcheck: .* s; cache:" "$1" | sed -e 's/^mmcheck: [0-9.]* s; //'; }

test_expect_success SPATCH 'a cold scan fills the cache' '
	cp -r "$TESTDATA/tree" tree &&
	"$MMCHECK" scan --stats --cache c --format=json tree >cold.json 2>err;
	test $? = 1 &&
	stats err >s &&
	grep "^cache: on, 0 of [1-9][0-9]* spatch runs reused, " s &&
	test -f c/cache.sqlite
'

test_expect_success SPATCH 'a warm scan reuses every run and gives the same result' '
	"$MMCHECK" scan --stats --cache c --format=json tree >warm.json 2>err;
	test $? = 1 &&
	stats err >s &&
	grep "^cache: on, \([0-9]*\) of \1 spatch runs reused, \([0-9]*\) of \2 token" s &&
	test_cmp cold.json warm.json
'

test_expect_success SPATCH,SQLITE 'a changed file is analysed again, the rest reused' '
	sqlite3 c/cache.sqlite "SELECT file_key, patch_key FROM facts" | sort >rows.before &&
	sed -i "s/kthread_use_mm(kvm->mm);/if (!mmget_not_zero(kvm->mm)) return -ESRCH;\n\t\tkthread_use_mm(kvm->mm);/" \
		tree/arch/x86/kvm/xen.c &&
	"$MMCHECK" scan --stats --cache c --format=json tree >changed.json 2>err;
	stats err >s &&
	n=$(sed -n "s/^cache: on, \([0-9]*\) of \([0-9]*\) spatch.*/\2-\1/p" s) &&
	cat s && test $(($n)) -ge 1 &&
	# every run made again is one of the changed file (one file key)
	sqlite3 c/cache.sqlite "SELECT file_key, patch_key FROM facts" | sort >rows.after &&
	comm -13 rows.before rows.after >rows.new &&
	test $(wc -l <rows.new) = $(($n)) &&
	test $(cut -d"|" -f1 rows.new | sort -u | wc -l) = 1 &&
	jq -r ".uses[] | select(.file == \"arch/x86/kvm/xen.c\") | .verdict" changed.json >v &&
	echo held-local >expect &&
	test_cmp expect v
'

test_expect_success SPATCH 'a changed semantic patch invalidates its runs' '
	mkdir sp && cp "$SMPL_DIR"/*.cocci sp/ &&
	echo "// a comment that changes the patch" >>sp/use_mm_unheld.cocci &&
	"$MMCHECK" scan --stats --cache c --semantic-patches sp --format=json tree >sp.json 2>err;
	stats err >s &&
	grep "^cache: on, [0-9]* of" s &&
	! grep "^cache: on, \([0-9]*\) of \1 spatch" s &&
	test_cmp changed.json sp.json
'

test_expect_success SPATCH 'a corrupt cache is detected and rebuilt' '
	cp -r c corrupt &&
	rm -f corrupt/cache.sqlite-wal corrupt/cache.sqlite-shm &&
	dd if=/dev/urandom of=corrupt/cache.sqlite bs=1024 seek=1 count=8 conv=notrunc 2>/dev/null &&
	"$MMCHECK" scan --stats --cache corrupt --format=json tree >r.json 2>err;
	grep "corrupt or not mmcheck.s; rebuilding" err &&
	grep "(rebuilt)" err &&
	test_cmp changed.json r.json &&
	ls corrupt/cache.sqlite.bad.*
'

test_expect_success SPATCH 'a file that is not a database at all is rebuilt too' '
	mkdir junk && echo "not a database" >junk/cache.sqlite &&
	"$MMCHECK" scan --stats --cache junk --format=json tree >r.json 2>err;
	grep "rebuilding" err &&
	test_cmp changed.json r.json
'

test_expect_success SPATCH 'a foreign SQLite database is not trusted' '
	mkdir foreign &&
	sqlite3 foreign/cache.sqlite "CREATE TABLE facts (file_key, patch_key, facts, reason); CREATE TABLE hits (tree_key, tokens_key, hits);" &&
	"$MMCHECK" scan --stats --cache foreign --format=json tree >r.json 2>err;
	grep "rebuilding" err &&
	test_cmp changed.json r.json
'

test_expect_success SPATCH 'two scans at once share the cache safely' '
	rm -rf shared &&
	{ "$MMCHECK" scan --cache shared --format=json tree >a.json 2>a.err & } &&
	"$MMCHECK" scan --cache shared --format=json tree >b.json 2>b.err;
	wait;
	test_cmp changed.json a.json &&
	test_cmp changed.json b.json &&
	test_no_sanitizer_report a.err b.err &&
	test "$(sqlite3 shared/cache.sqlite "PRAGMA integrity_check")" = ok &&
	"$MMCHECK" scan --stats --cache shared --format=json tree >c.json 2>err;
	grep "^mmcheck: .*cache: on, \([0-9]*\) of \1 spatch" err
'

test_expect_success SPATCH '--no-cache writes nothing' '
	HOME=$PWD/home XDG_CACHE_HOME= MMCHECK_CACHE_DIR= "$MMCHECK" scan --no-cache --stats tree >/dev/null 2>err;
	grep "cache: off" err &&
	! test -e home
'

test_done
