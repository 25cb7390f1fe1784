#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Bad input gets one line and a documented exit status: 128 fatal, 129
# usage, bit 2 (2 or 3) for an incomplete result. No half-written report.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

# A minimal kernel-like tree: Makefile, Kconfig, arch/.
make_tree() {
	mkdir -p "$1/arch/x86" "$1/drivers/foo" &&
	printf "VERSION = 6\nPATCHLEVEL = 0\n" >"$1/Makefile" &&
	: >"$1/Kconfig"
}

test_expect_success 'a missing tree is fatal, in one line' '
	test_expect_code 128 "$MMCHECK" scan does-not-exist >out 2>err &&
	test_cmp /dev/null out &&
	test $(wc -l <err) = 1 &&
	grep "does-not-exist.* does not exist" err
'

test_expect_success 'a directory that is not a kernel tree is fatal' '
	mkdir notatree && echo hi >notatree/README &&
	test_expect_code 128 "$MMCHECK" scan notatree 2>err &&
	test $(wc -l <err) = 1 &&
	grep "is not a kernel tree" err
'

test_expect_success 'a file is not a tree' '
	echo x >afile &&
	test_expect_code 128 "$MMCHECK" scan afile 2>err &&
	test $(wc -l <err) = 1
'

test_expect_success SPATCH 'a small tree without MAINTAINERS: a warning and no entry' '
	make_tree small &&
	cat >small/drivers/foo/foo.c <<-\EOF &&
	static void foo_work(struct foo *f)
	{
		kthread_use_mm(f->mm);
		kthread_unuse_mm(f->mm);
	}
	EOF
	"$MMCHECK" scan --all small >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "^warning: no MAINTAINERS" err &&
	grep "^drivers/foo/foo.c:3:1: warning: \[use-mm-unknown\]" out &&
	grep "(no MAINTAINERS entry)" out
'

test_expect_success 'spatch missing is fatal, with the package to install' '
	SPATCH=/nonexistent/spatch test_expect_code 128 "$MMCHECK" scan "$TREE" >out 2>err &&
	test_cmp /dev/null out &&
	test $(wc -l <err) = 1 &&
	grep "spatch not found.*apt-get install coccinelle" err
'

test_expect_success 'a program that is not spatch is refused' '
	SPATCH=/bin/true test_expect_code 128 "$MMCHECK" scan "$TREE" 2>err &&
	test $(wc -l <err) = 1 &&
	grep "does not look like spatch" err
'

test_expect_success 'usage errors exit 129' '
	test_expect_code 129 "$MMCHECK" scan 2>err &&
	grep "which TREE" err &&
	test_expect_code 129 "$MMCHECK" scan --bogus "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan -j 0 "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan --format=xml "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" scan "$TREE" "$TREE" 2>err &&
	test_expect_code 129 "$MMCHECK" frobnicate 2>err &&
	test_expect_code 129 "$MMCHECK" >out
'

# Many uses in one file keep spatch busy past a one-second limit.
test_expect_success SPATCH 'spatch timing out on one file: listed, the rest analysed, exit 2' '
	make_tree slow &&
	cp "$TREE/drivers/vhost/vhost.c" slow/drivers/foo/quick.c &&
	for i in $(seq 1 4000); do
		printf "static void w%d(struct s *s)\n{\n\tkthread_use_mm(s->mm);\n\tkthread_unuse_mm(s->mm);\n}\n" $i
	done >slow/drivers/foo/slow.c &&
	test_expect_code 2 "$MMCHECK" scan --all --timeout 1 slow >out 2>err &&
	grep "^  drivers/foo/slow.c: spatch timed out after 1 s\$" out &&
	grep "^drivers/foo/quick.c:15:2: note: \[held-field\]" out &&
	! grep "slow.c:.*warning" out &&
	grep "2 candidates, 1 analysed" out
'

# A semantic patch whose script raises on one file: spatch really fails
# there, and only there.
test_expect_success SPATCH 'spatch failing on one file: listed, the rest analysed, exit 2' '
	test_expect_code 2 "$MMCHECK" scan --all --semantic-patches "$TESTDATA/broken-sp/crash" "$TREE" >out 2>err &&
	grep "^  drivers/vhost/vhost.c: spatch failed (exit [0-9]*)" out &&
	grep "^arch/x86/kvm/xen.c:10:1: warning" out &&
	! grep "^drivers/vhost/vhost.c:.*warning" out
'

test_expect_success SPATCH,JQ 'an incomplete result says so in the JSON' '
	test_expect_code 2 "$MMCHECK" scan --format=json --semantic-patches "$TESTDATA/broken-sp/crash" "$TREE" >s.json 2>err &&
	jq -e ".summary.complete == false and .summary.not_analysed == 1" s.json &&
	jq -e ".not_analysed[0].file == \"drivers/vhost/vhost.c\"" s.json
'

test_expect_success SPATCH 'spatch printing something that is not a fact' '
	test_expect_code 2 "$MMCHECK" scan --semantic-patches "$TESTDATA/broken-sp/noise" "$TREE" >out 2>err &&
	grep "unreadable fact line.*not JSON" out
'

test_expect_success SPATCH 'a report that cannot be written leaves nothing behind' '
	test_expect_code 128 "$MMCHECK" scan -o nodir/report.txt "$TREE" >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "cannot create" err &&
	test_expect_code 128 "$MMCHECK" scan -o ok.txt --json nodir/r.json "$TREE" >out 2>err &&
	! test -e ok.txt &&
	! ls nodir ok.txt* 2>/dev/null
'

test_expect_success SPATCH '-o to a device or a FIFO writes through it, never replaces it' '
	mkfifo fifo &&
	{ cat fifo >from-fifo & } &&
	"$MMCHECK" scan -q -o fifo "$TREE" >out 2>err;
	wait &&
	test -p fifo &&
	grep "^mmcheck: 11 use sites" from-fifo &&
	"$MMCHECK" scan -q -o /dev/null "$TREE" 2>err;
	test -c /dev/null
'

test_expect_success SPATCH 'a broken rule catalogue is fatal' '
	mkdir -p data/rules data/scripts/coccinelle &&
	cp -r "$SRC_ROOT/scripts/coccinelle/mm" data/scripts/coccinelle/ &&
	cp -r "$SRC_ROOT/smpl" data/ &&
	printf "id: use-mm-unheld\nseverity: loud\ntitle: x\n" >data/rules/use-mm-unheld.rule &&
	MMCHECK_DATADIR=$PWD/data test_expect_code 128 "$MMCHECK" scan "$TREE" 2>err &&
	grep "unknown severity" err
'

test_expect_success SPATCH 'a failed --json keeps the report that was there' '
	"$MMCHECK" scan -q -o keep.txt "$TREE" 2>err;
	test -s keep.txt && cp keep.txt keep.orig &&
	test_expect_code 128 "$MMCHECK" scan -q -o keep.txt \
		--json nodir/r.json "$TREE" >out 2>err &&
	grep "cannot create" err &&
	test_cmp keep.orig keep.txt &&
	! ls keep.txt.tmp.* 2>/dev/null
'

test_expect_success SPATCH 'a device that fails the write is left in place' '
	# a container may not let root make device nodes: a link to one
	{ mknod full c 1 7 2>/dev/null || ln -s /dev/full full; } &&
	test_expect_code 128 "$MMCHECK" scan -q -o full "$TREE" >out 2>err &&
	grep "cannot write .full.: No space left on device" err &&
	test -c full
'

test_expect_success SPATCH 'a full standard output is a fatal error with a message' '
	test_expect_code 128 "$MMCHECK" scan "$TREE" >/dev/full 2>err &&
	grep "^error: cannot write to standard output" err &&
	test_expect_code 128 "$MMCHECK" scan --format=json "$TREE" >/dev/full 2>err &&
	grep "^error: cannot write to standard output" err
'

test_expect_success '-j, --timeout and --batch refuse what is out of range' '
	for a in 0 -1 1025 10000 4294967297 9999999999999999999999 x ""; do
		test_expect_code 129 "$MMCHECK" scan -j "$a" "$TREE" 2>err &&
		grep "^error: -j wants a number from 1 to 1024" err || return 1
	done &&
	for a in 0 -1 nan inf -inf 1e999 86401 x ""; do
		test_expect_code 129 "$MMCHECK" scan --timeout "$a" "$TREE" 2>err &&
		grep "^error: --timeout wants seconds" err || return 1
	done &&
	for a in 0 33 4294967297 x; do
		test_expect_code 129 "$MMCHECK" scan --batch "$a" "$TREE" 2>err &&
		grep "^error: --batch wants" err || return 1
	done
'

# As root, permission bits do not stop a read: drop the capabilities
# that bypass them.
unprivileged() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --bounding-set=-dac_override,-dac_read_search "$@"
	else
		"$@"
	fi
}
{ [ "$(id -u)" != 0 ] ||
  setpriv --bounding-set=-dac_override,-dac_read_search true 2>/dev/null; } &&
	test_set_prereq UNREADABLE

test_expect_success SPATCH,UNREADABLE 'an unreadable file or directory makes the result incomplete, told once' '
	cp -r "$TREE" unr &&
	chmod 000 unr/arch/x86/kvm/xen.c unr/drivers/vhost &&
	unprivileged "$MMCHECK" scan --no-cache --format=json unr >u.json 2>err;
	st=$?; chmod 755 unr/drivers/vhost; chmod 644 unr/arch/x86/kvm/xen.c;
	test $st = 3 &&
	jq -e ".summary.complete == false" u.json &&
	jq -r ".not_analysed[] | \"\(.file): \(.reason)\"" u.json >na &&
	grep "^arch/x86/kvm/xen.c: cannot be read\$" na &&
	grep "^drivers/vhost/: directory cannot be read\$" na &&
	test $(grep -c "could not be read" err) = 1
'

test_done
