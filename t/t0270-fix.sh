#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck fix: per-subsystem patch series in git format-patch form. Every
# patch applies (git apply --check, git am), re-parses with spatch, and the
# re-scanned tree no longer has the finding; what gets no patch says why;
# the tree is never written to and DIR appears whole or not at all. The
# small tree here cannot be compiled: --no-build (t0273 compiles).

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

# The Subject: of a mail, unfolded.
subject() { perl -0ne 'print "$1\n" if /^Subject: (.*(?:\n[ \t].*)*)/m' "$1" | perl -0pe 's/\n[ \t]+/ /g'; }

test_expect_success SPATCH 'fix writes a series for the mmgrab-only use it can fix' '
	cp -r "$TREE" tree && cp -r "$TREE" pristine &&
	"$MMCHECK" fix --no-build -o series tree >out 2>err &&
	test_no_sanitizer_report err &&
	ls series/linux-for-powerpc/0001-*.patch &&
	diff -r pristine tree &&
	! ls -d series.tmp.* 2>/dev/null
'

P=series/linux-for-powerpc

test_expect_success SPATCH 'the patch: subject, To/Cc from MAINTAINERS, the why, the arches, the rule' '
	p=$(ls $P/0001-*.patch) &&
	test "$(subject $p)" = "[PATCH] powerpc/vas: hold an mm_users reference across kthread_use_mm()" &&
	grep "^To: Ppc Maintainer <ppc@example.org>\$" $p &&
	grep "^Cc: Ppc Reviewer <ppc-review@example.org>" $p &&
	grep "linuxppc-dev@lists.example.org" $p &&
	grep "pinned only by mmgrab()" $p &&
	grep "mips and powerpc" $p &&
	tr "\n" " " <$p | grep "This code builds on powerpc\." &&
	tr "\n" " " <$p | grep "Found by mmcheck, rule use-mm-mmgrab-only" &&
	! grep "^Link:" $p &&
	grep "^+	if (!mmget_not_zero(w->mm))\$" $p &&
	grep "^+		return;\$" $p &&
	grep "^+	mmput(w->mm);\$" $p &&
	! grep "^Signed-off-by:" $p
'

test_expect_success SPATCH 'a one-patch series has no cover letter' '
	! ls $P/0000-* 2>/dev/null &&
	test $(ls $P | wc -l) = 1
'

test_expect_success SPATCH 'what gets no patch says why' '
	grep "^no patch: drivers/dma/idxd/cdev.c:21 idxd_copy_cr() \[use-mm-unreferenced\]: the mm is stored with no count at all" series/summary.txt &&
	grep "^no patch: drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd.h:13 read_user_wptr() \[use-mm-unknown\]: the use is in macro read_user_wptr" series/summary.txt &&
	grep "^LINUX FOR POWERPC: 1 patch in linux-for-powerpc\$" series/summary.txt &&
	grep "^patched: arch/powerpc/platforms/book3s/vas-api.c:[0-9]* vas_update_csb() \[use-mm-mmgrab-only\]: linux-for-powerpc/0001-.*\.patch\$" series/summary.txt &&
	grep "^Not compiled: --no-build\.\$" series/summary.txt &&
	test $(grep -c "^patched: \|^no patch: " series/summary.txt) = \
		$(sed -n "s/^mmcheck fix: .* for \([0-9]*\) findings .*/\1/p" series/summary.txt) &&
	test_cmp series/summary.txt out
'

test_expect_success SPATCH 'every patch applies: git apply --check, then git am of each series' '
	for p in series/*/0[0-9][0-9][1-9]-*.patch; do
		(cd tree && git apply --check "../$p") || return 1
	done &&
	cp -r "$TREE" am && git -C am init -q && git -C am add -A &&
	git -C am -c user.email=a@example.org -c user.name=A commit -qm base &&
	for s in "$PWD"/series/*/; do
		git -C am -c user.email=a@example.org -c user.name=A am -q "$s"0[0-9][0-9][1-9]-*.patch || return 1
	done &&
	test $(git -C am rev-list --count HEAD) -gt 1
'

test_expect_success SPATCH 'the patched files parse as well as before' '
	for f in $(git -C am diff --name-only HEAD~1); do
		before=$(spatch_bad_lines "tree/$f") &&
		after=$(spatch_bad_lines "am/$f") &&
		test -n "$after" && test "$after" -le "$before" || return 1
	done
'

test_expect_success SPATCH,JQ 'the re-scanned tree no longer has the finding, and nothing new' '
	test_expect_code 1 "$MMCHECK" scan --format=json tree >before.json &&
	rm -rf am/.git &&
	test_expect_code 1 "$MMCHECK" scan --format=json am >after.json &&
	jq -r ".uses[] | select(.findings | length > 0) | \"\(.file) \(.function) \(.findings[].rule)\"" before.json | sort >b &&
	jq -r ".uses[] | select(.findings | length > 0) | \"\(.file) \(.function) \(.findings[].rule)\"" after.json | sort >a &&
	grep "vas_update_csb use-mm-mmgrab-only" b &&
	! grep "vas_update_csb" a &&
	comm -13 b a >new && ! test -s new
'

# The use comes in with the second commit: Fixes: names it. The first
# one imports the tree: never a Fixes: target.
test_expect_success SPATCH 'a git tree: the subject prefix comes from the history, Fixes: from blame' '
	f=arch/powerpc/platforms/book3s/vas-api.c &&
	cp -r "$TREE" g && git -C g init -q &&
	sed "s/kthread_use_mm(w->mm);/barrier();/" "$TREE/$f" >g/$f &&
	git -C g add -A &&
	git -C g -c user.email=a@example.org -c user.name=A commit -qm "Import the tree" &&
	cp "$TREE/$f" g/$f &&
	git -C g -c user.email=a@example.org -c user.name=A commit -qam "vas: let the fault handler write the CSB" &&
	echo "/* more */" >>g/$f &&
	git -C g -c user.email=a@example.org -c user.name=A commit -qam "powerpc/vas: a comment" &&
	git -C g -c user.email=a@example.org -c user.name=A commit -q --allow-empty -m "powerpc/vas: nothing" &&
	"$MMCHECK" fix --no-build -o gseries g >/dev/null &&
	subject gseries/linux-for-powerpc/0001-*.patch | grep "^\[PATCH\] powerpc/vas: hold an mm_users reference" &&
	grep "^Fixes: [0-9a-f]\{12\} (\"vas: let the fault handler write the CSB\")\$" gseries/linux-for-powerpc/0001-*.patch
'

test_expect_success SPATCH 'a use that came with the root commit gets no Fixes:' '
	cp -r "$TREE" r && git -C r init -q && git -C r add -A &&
	git -C r -c user.email=a@example.org -c user.name=A commit -qm "Import the tree" &&
	"$MMCHECK" fix --no-build -o rseries r >/dev/null &&
	ls rseries/linux-for-powerpc/0001-*.patch &&
	! grep "^Fixes:" rseries/*/0*.patch
'

test_expect_success SPATCH 'no progress when stderr is not a terminal' '
	! grep "mmcheck: .*: [0-9]*/[0-9]*" err
'

# script(1) gives the run a terminal: progress there, none with -q.
command -v script >/dev/null && test_set_prereq SCRIPT
test_expect_success SPATCH,SCRIPT 'progress on a terminal, none with -q' '
	script -qec "\"$MMCHECK\" fix --no-build -o tty1 \"$TREE\" >/dev/null" tty.log &&
	grep "mmcheck: [^ ]*\.c: fix: [0-9]*/[0-9]*" tty.log &&
	script -qec "\"$MMCHECK\" fix -q --no-build -o tty2 \"$TREE\" >/dev/null" quiet.log &&
	! grep "mmcheck:" quiet.log &&
	test_cmp tty1/summary.txt tty2/summary.txt
'

# A tree with the shapes that need the whole tree: the callers of a
# wrapper, fixed once inside it, and a live use joined with its stores.
FTREE="$TESTDATA/fix-tree"

test_expect_success SPATCH 'a wrapper is fixed once, inside; a live use in a worker is held' '
	"$MMCHECK" fix --no-build -o fseries "$FTREE" >fout 2>ferr &&
	test_no_sanitizer_report ferr &&
	w=$(ls fseries/wrap-job-driver/0001-*.patch) &&
	test $(ls fseries/wrap-job-driver | wc -l) = 1 &&
	grep "^+	if (!mmget_not_zero(mm))\$" $w &&
	grep "^+		return -EINVAL;\$" $w &&
	grep "^+	mmput(mm);\$" $w &&
	test $(grep -c "^+" $w) = 4 &&
	grep "^patched: drivers/wrap/wrap.c:20 wjob_read() \[use-mm-mmgrab-only\]: wrap-job-driver/0001-" fout &&
	for c in 44 49 51; do
		grep "^patched: drivers/wrap/wrap.c:$c wjob_run[a-z_]*() \[use-mm-mmgrab-only\]: inside wjob_read(), by wrap-job-driver/0001-.*\.patch\$" fout || return 1
	done &&
	l=$(ls fseries/demo-fault-driver/0001-*.patch) &&
	test "$(subject $l)" = "[PATCH] demo: hold an mm_users reference in demo_fault_work()" &&
	grep "^+	if (!mmget_not_zero(ctx->mm))\$" $l &&
	grep "^+		return;\$" $l &&
	grep "^+	mmput(ctx->mm);\$" $l &&
	tr "\n" " " <$l | grep "Found by mmcheck, rule mm-live-mmgrab-only"
'

test_expect_success SPATCH 'no patch where a bail-out would skip what always follows' '
	grep "^no patch: drivers/demo/worker.c:26 demo_done_work() \[mm-live-mmgrab-only\]: demo_done_work() has no return; before the use" fout &&
	grep "^no patch: drivers/wrap/wrap.c:29 wjob_write() \[use-mm-mmgrab-only\]: wjob_write() has no return; before the use" fout &&
	grep "^no patch: drivers/wrap/wrap.c:56 wjob_flush() \[use-mm-mmgrab-only\]: a call of wrapper wjob_write(), whose own use got no fix" fout &&
	test $(grep -c "^patched: \|^no patch: " fout) = 8
'

test_expect_success SPATCH,JQ 'the shapes tree: git am, and the re-scan drops the patched findings and adds none' '
	cp -r "$FTREE" fam && git -C fam init -q && git -C fam add -A &&
	git -C fam -c user.email=a@example.org -c user.name=A commit -qm base &&
	for s in "$PWD"/fseries/*/; do
		git -C fam -c user.email=a@example.org -c user.name=A am -q "$s"0001-*.patch || return 1
	done &&
	test_expect_code 1 "$MMCHECK" scan --format=json "$FTREE" >fb.json &&
	rm -rf fam/.git &&
	test_expect_code 1 "$MMCHECK" scan --format=json fam >fa.json &&
	jq -r ".uses[] | select(.findings | length > 0) | \"\(.file):\(.line) \(.function) \(.findings[].rule)\"" fb.json | sort >b &&
	jq -r ".uses[] | select(.findings | length > 0) | \"\(.file) \(.function) \(.findings[].rule)\"" fa.json | sort >a &&
	test $(wc -l <b) = 8 &&
	grep "demo_done_work mm-live-mmgrab-only" a &&
	grep "wjob_write use-mm-mmgrab-only" a &&
	grep "wjob_flush use-mm-mmgrab-only" a &&
	test $(wc -l <a) = 3
'

test_expect_success 'bad input: DIR not empty, no -o, not a tree' '
	mkdir full && touch full/x &&
	test_expect_code 128 "$MMCHECK" fix -o full "$TREE" 2>err &&
	grep "exists and is not empty" err && test $(wc -l <err) = 1 &&
	test_expect_code 129 "$MMCHECK" fix "$TREE" 2>err &&
	test_expect_code 128 "$MMCHECK" fix -o x /nonexistent 2>err &&
	! test -e x && ! ls -d x.tmp.* 2>/dev/null
'

test_done
