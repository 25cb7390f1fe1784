#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The cache is untrusted input, rebuilt and never fatal: rows that SQLite
# passes but that do not parse are misses, replaced by the runs that
# follow, with one warning; a -shm or -wal that SQLite cannot use gets
# the cache rebuilt, not turned off for good.

. "$(dirname "$0")/test-lib.sh"

stats() { grep "^mmcheck: .* s; cache:" "$1" | sed -e 's/^mmcheck: [0-9.]* s; //'; }
warm() { grep "^cache: on, \([0-9]*\) of \1 spatch runs reused, \([0-9]*\) of \2 token" "$1"; }

# Run mmcheck as a user who cannot write what root can: as root, nobody.
if [ "$(id -u)" = 0 ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
		test_set_prereq OTHER_USER
	as_other_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	test_set_prereq OTHER_USER
	as_other_user() { "$@"; }
fi

test_expect_success SPATCH 'a cold scan fills the cache' '
	cp -r "$TESTDATA/tree" tree &&
	"$MMCHECK" scan --cache c --format=json tree >cold.json;
	test $? = 1
'

test_expect_success SPATCH,SQLITE 'facts that do not parse are misses, replaced, with one warning' '
	cp -r c bad &&
	sqlite3 bad/cache.sqlite "UPDATE facts SET facts = '\''not a fact'\'' || char(10) WHERE facts != '\'''\''" &&
	test $(sqlite3 bad/cache.sqlite "SELECT count(*) FROM facts WHERE facts GLOB '\''not*'\''") -gt 1 &&
	"$MMCHECK" scan --stats --cache bad --format=json tree >r.json 2>err;
	test $? = 1 &&
	test_cmp cold.json r.json &&
	test $(grep -c "^warning: " err) = 1 &&
	grep "^warning: the cache .bad/cache.sqlite. holds entries that do not parse; running them again$" err &&
	"$MMCHECK" scan --stats --cache bad --format=json tree >r.json 2>err;
	test_cmp cold.json r.json &&
	! grep "^warning: " err &&
	stats err >s && warm s
'

test_expect_success SPATCH,SQLITE 'half facts, blobs and forged token-scan hits are misses too' '
	cp -r c half &&
	sqlite3 half/cache.sqlite "UPDATE facts SET facts = replace(facts, '\''\"ops\"'\'', '\''\"opz\"'\'') WHERE facts GLOB '\''*\"store\"*'\''" &&
	sqlite3 half/cache.sqlite "UPDATE facts SET facts = CAST(facts AS BLOB) WHERE facts GLOB '\''*\"use\"*'\''" &&
	sqlite3 half/cache.sqlite "UPDATE hits SET hits = replace(replace(hits, '\''1'\'', '\''x'\''), '\''0'\'', '\''y'\'')" &&
	"$MMCHECK" scan --stats --cache half --format=json tree >r.json 2>err;
	test $? = 1 &&
	test_cmp cold.json r.json &&
	test $(grep -c "^warning: " err) = 1 &&
	test_no_sanitizer_report err
'

test_expect_success SPATCH 'a -shm that is not a file gets the cache rebuilt, once' '
	cp -r c dir &&
	rm -f dir/cache.sqlite-shm && mkdir dir/cache.sqlite-shm &&
	"$MMCHECK" scan --stats --cache dir --format=json tree >r.json 2>err;
	test $? = 1 &&
	test_cmp cold.json r.json &&
	test $(grep -c "^warning: " err) = 1 &&
	grep "^warning: cannot use the cache .dir/cache.sqlite.: .*; rebuilding it" err &&
	ls -d dir/cache.sqlite.bad.*-shm &&
	"$MMCHECK" scan --stats --cache dir --format=json tree >r.json 2>err;
	test_cmp cold.json r.json &&
	! grep "^warning: " err &&
	stats err >s && warm s
'

test_expect_success SPATCH,OTHER_USER 'a -shm left read-only gets the cache rebuilt, once' '
	cp -r c ro && chmod 777 ro && chmod 666 ro/* &&
	: >ro/cache.sqlite-shm && chmod 444 ro/cache.sqlite-shm &&
	as_other_user "$MMCHECK" scan --stats --cache ro --format=json tree >r.json 2>err;
	test $? = 1 &&
	test_cmp cold.json r.json &&
	test $(grep -c "^warning: " err) = 1 &&
	grep "rebuilding it" err &&
	as_other_user "$MMCHECK" scan --stats --cache ro --format=json tree >r.json 2>err;
	test_cmp cold.json r.json &&
	! grep "^warning: " err &&
	stats err >s && warm s
'

test_expect_success SPATCH,OTHER_USER 'a cache that cannot be rebuilt runs without it, one warning' '
	mkdir -p locked && ln -s /nonexistent/cache.sqlite locked/cache.sqlite &&
	chmod 555 locked &&
	as_other_user "$MMCHECK" scan --stats --cache locked --format=json tree >r.json 2>err;
	st=$?; chmod 755 locked; test $st = 1 &&
	test_cmp cold.json r.json &&
	test $(grep -c "^warning: " err) = 1 &&
	grep "^warning: cannot use the cache .locked/cache.sqlite.: .*; running without it$" err
'

test_done
