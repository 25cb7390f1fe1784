#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck check-patch on hostile and careless input (issue 14): a patch
# comes from a mailing list. Links the patch creates are never read,
# renames apply, a series may delete and re-add a file, odd paths and
# broken numstat records, a series with a broken patch keeps the earlier
# findings, no scratch directory survives any way out, a reply that
# cannot be written fails, and no shell runs anywhere.

. "$(dirname "$0")/test-lib.sh"

commit() { git -C tree -c user.email=dev@example.org -c user.name="A Developer" commit -qm "$1"; }
# The last commit of tree as a format-patch file, then the commit undone.
take_patch() { git -C tree format-patch --stdout -1 >"$1" && git -C tree reset -q --hard HEAD~1; }

# Every run gets a TMPDIR of its own; no scratch directory may stay in it.
mkdir tmp && export TMPDIR="$TRASH/tmp"
# What is left is removed, so that one failure does not fail the next tests.
no_scratch_left() {
	local left
	left=$(ls -d "${1:-$TMPDIR}"/mmcheck-patch.* 2>/dev/null)
	test -z "$left" || { echo "left behind: $left"; rm -rf $left; return 1; }
}

grep -aq __asan_init "$MMCHECK" 2>/dev/null && test_set_prereq ASAN

test_expect_success 'a git copy of the synthetic tree, and patches' '
	cp -r "$TESTDATA/tree" tree &&
	git -C tree init -q && git -C tree add -A && commit base &&
	cp -r tree pristine && rm -rf pristine/.git &&
	sed -i "s/\tdev->mm = get_task_mm(current);/\tmmgrab(current->mm);\n\tdev->mm = current->mm;/" tree/drivers/vhost/vhost.c &&
	git -C tree add -A && commit "vhost: pin the owner mm with mmgrab()" &&
	take_patch vhost.patch &&
	sed "s/dev->mm = get_task_mm(current);/dev->mm = not_there(current);/" vhost.patch >stale.patch
'

# A link to a file outside the tree would have that file scanned and
# quoted in the reply; a link to /dev/zero would be read until memory
# runs out. The link is said to be skipped, and nothing is read.
test_expect_success SPATCH 'a link the patch creates to a file outside the tree is not read' '
	mkdir outside &&
	sed "9i\\	/* SECRET-TOKEN-1234 */" tree/drivers/misc/loopy.c >outside/secret.c &&
	grep -n SECRET outside/secret.c &&
	ln -s "$PWD/outside/secret.c" tree/drivers/misc/evil.c &&
	git -C tree add -A && commit "misc: a link" && take_patch link.patch &&
	grep "^new file mode 120000" link.patch &&
	test_expect_code 0 "$MMCHECK" check-patch tree link.patch >mail 2>err &&
	test_no_sanitizer_report err &&
	grep "drivers/misc/evil.c.*symbolic link" err &&
	! grep SECRET mail &&
	! grep "evil.c" mail &&
	no_scratch_left
'

test_expect_success SPATCH 'a link the patch creates to /dev/zero is not read' '
	ln -s /dev/zero tree/drivers/misc/zero.c &&
	git -C tree add -A && commit "misc: zeroes" && take_patch zero.patch &&
	if test_have_prereq ASAN
	then
		guard="ASAN_OPTIONS=$ASAN_OPTIONS:allocator_may_return_null=1:max_allocation_size_mb=256"
	else
		guard= && ulimit -v 4000000
	fi &&
	env $guard timeout 300 "$MMCHECK" check-patch tree zero.patch >mail 2>err &&
	test_no_sanitizer_report err &&
	grep "drivers/misc/zero.c.*symbolic link" err &&
	no_scratch_left
'

test_expect_success SPATCH 'the JSON of a link patch has no finding in the link' '
	"$MMCHECK" check-patch --format=json tree link.patch >r.json 2>err &&
	jq -e ".new_findings == 0" r.json
'

# git apply --numstat prints only the new name of a rename; the old file
# must be copied in (or git apply cannot find it) and marked deleted.
test_expect_success SPATCH 'a rename (git mv through format-patch) applies; its findings move' '
	git -C tree mv drivers/misc/loopy.c drivers/misc/loopy2.c &&
	commit "misc: rename loopy" && take_patch rename.patch &&
	grep "^rename from drivers/misc/loopy.c" rename.patch &&
	git -C tree apply --check ../rename.patch &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree rename.patch >r.json 2>err &&
	test_no_sanitizer_report err &&
	jq -r "(.patches[0].new[] | \"new \(.rule) \(.file)\"), (.patches[0].fixed[] | \"fixed \(.rule) \(.file)\")" r.json | sort -u >actual &&
	cat >expect <<-\EOF &&
	fixed use-mm-after-put drivers/misc/loopy.c
	fixed use-mm-unknown drivers/misc/loopy.c
	new use-mm-after-put drivers/misc/loopy2.c
	new use-mm-unknown drivers/misc/loopy2.c
	EOF
	test_cmp expect actual &&
	no_scratch_left
'

test_expect_success SPATCH 'a rename with an edit that adds a finding' '
	git -C tree mv drivers/vhost/vhost.c drivers/vhost/vhost_core.c &&
	sed -i "s/\tdev->mm = get_task_mm(current);/\tmmgrab(current->mm);\n\tdev->mm = current->mm;/" tree/drivers/vhost/vhost_core.c &&
	git -C tree add -A && commit "vhost: rename and break" && take_patch rename-edit.patch &&
	grep "^rename from drivers/vhost/vhost.c" rename-edit.patch &&
	test_expect_code 1 "$MMCHECK" check-patch tree rename-edit.patch >mail 2>err &&
	grep "^>> drivers/vhost/vhost_core.c:15:2: error: \[use-mm-mmgrab-only\]" mail
'

test_expect_success SPATCH 'a series that renames a file and then edits it' '
	git -C tree mv drivers/vhost/vhost.c drivers/vhost/vhost_core.c &&
	commit "vhost: rename" &&
	sed -i "s/\tdev->mm = get_task_mm(current);/\tmmgrab(current->mm);\n\tdev->mm = current->mm;/" tree/drivers/vhost/vhost_core.c &&
	git -C tree add -A && commit "vhost: break" &&
	git -C tree format-patch --stdout -2 >rename-series.mbox &&
	git -C tree reset -q --hard HEAD~2 &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree rename-series.mbox >r.json 2>err &&
	jq -e "(.patches[0].new | length) == 0 and (.patches[1].new | map(.rule + \" \" + .file)) == [\"use-mm-mmgrab-only drivers/vhost/vhost_core.c\"]" r.json
'

# Patch 1 deletes a file, patch 2 adds it again with a bug: the file was
# left in the deleted list and so out of the view.
test_expect_success SPATCH 'a series that deletes a file and adds it back with a bug' '
	cp tree/drivers/vhost/vhost.c vhost.c.orig &&
	git -C tree rm -q drivers/vhost/vhost.c && commit "vhost: remove" &&
	sed "s/\tdev->mm = get_task_mm(current);/\tmmgrab(current->mm);\n\tdev->mm = current->mm;/" vhost.c.orig >tree/drivers/vhost/vhost.c &&
	git -C tree add -A && commit "vhost: back, with mmgrab()" &&
	git -C tree format-patch --stdout -2 >readd.mbox &&
	git -C tree diff HEAD~2 >squashed.diff &&
	git -C tree reset -q --hard HEAD~2 &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree squashed.diff >sq.json 2>err &&
	jq -e ".patches[0].new | map(.rule + \" \" + .file) == [\"use-mm-mmgrab-only drivers/vhost/vhost.c\"]" sq.json &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree readd.mbox >r.json 2>err &&
	test_no_sanitizer_report err &&
	jq -e ".patches[1].new | map(.rule + \" \" + .file) == [\"use-mm-mmgrab-only drivers/vhost/vhost.c\"]" r.json
'

test_expect_success SPATCH 'a series that adds a file with a bug and deletes it again' '
	cp tree/drivers/misc/loopy.c tree/drivers/misc/loopy3.c &&
	git -C tree add -A && commit "misc: another loopy" &&
	git -C tree rm -q drivers/misc/loopy3.c && commit "misc: no other loopy" &&
	git -C tree format-patch --stdout -2 >add-rm.mbox &&
	git -C tree reset -q --hard HEAD~2 &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree add-rm.mbox >r.json 2>err &&
	test_no_sanitizer_report err &&
	jq -r ".patches[] | \"\(.number) \(.new | map(.rule + \" \" + .file) | unique | join(\",\")) | \(.fixed | map(.rule + \" \" + .file) | unique | join(\",\"))\"" r.json >actual &&
	cat >expect <<-\EOF &&
	1 use-mm-after-put drivers/misc/loopy3.c,use-mm-unknown drivers/misc/loopy3.c | 
	2  | use-mm-after-put drivers/misc/loopy3.c,use-mm-unknown drivers/misc/loopy3.c
	EOF
	test_cmp expect actual
'

# A malformed record of git apply --numstat -z (two counts and no path)
# made touched_paths() read past its buffer; a git that prints one must
# give "could not check".
test_expect_success SPATCH 'a malformed numstat record: exit 2, one line, no over-read' '
	mkdir fake-git &&
	real_git=$(command -v git) &&
	cat >fake-git/git <<-EOF &&
	#!/bin/sh
	case "\$*" in
	*--numstat*) printf "0\\\\t0\\\\t"; exit 0;;
	esac
	exec "$real_git" "\$@"
	EOF
	chmod +x fake-git/git &&
	PATH="$PWD/fake-git:$PATH" git apply --numstat -z vhost.patch | od -c &&
	PATH="$PWD/fake-git:$PATH" test_expect_code 2 "$MMCHECK" check-patch tree vhost.patch >out 2>err &&
	test_no_sanitizer_report err &&
	test $(wc -l <err) = 1 &&
	grep "malformed" err &&
	no_scratch_left
'

test_expect_success SPATCH 'a path with two dots inside a name is in the tree' '
	printf "int a_b;\n" >"tree/drivers/misc/a..b.c" &&
	git -C tree add -A && commit "misc: dots" && take_patch dots.patch &&
	"$MMCHECK" check-patch --format=json tree dots.patch >r.json 2>err &&
	jq -e ".new_findings == 0" r.json
'

test_expect_success SPATCH 'a path with a .. component is refused: exit 2' '
	cat >up.patch <<-\EOF &&
	diff --git a/drivers/../../escaped.c b/drivers/../../escaped.c
	new file mode 100644
	--- /dev/null
	+++ b/drivers/../../escaped.c
	@@ -0,0 +1 @@
	+int escaped;
	EOF
	test_expect_code 2 "$MMCHECK" check-patch tree up.patch >out 2>err &&
	test $(wc -l <err) = 1 &&
	! test -e escaped.c && ! test -e tmp/escaped.c &&
	no_scratch_left
'

test_expect_success 'not a kernel tree (no Kconfig): exit 2, one line, no scratch left' '
	cp -r pristine nokconfig && rm nokconfig/Kconfig &&
	test_expect_code 2 "$MMCHECK" check-patch nokconfig vhost.patch >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "not a kernel tree" err &&
	no_scratch_left
'

test_expect_success 'spatch missing: exit 2, one line, no scratch left' '
	SPATCH=/nonexistent/spatch test_expect_code 2 "$MMCHECK" check-patch tree vhost.patch >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "spatch" err &&
	no_scratch_left
'

test_expect_success SPATCH,ASAN 'out of memory while scanning: exit 2, no scratch left' '
	cp -r pristine big &&
	for i in $(seq 1 150000); do echo "int filler_$i;"; done >big/drivers/misc/big.c &&
	test $(wc -c <big/drivers/misc/big.c) -gt 2000000 &&
	ASAN_OPTIONS="$ASAN_OPTIONS:allocator_may_return_null=1:max_allocation_size_mb=1" \
		test_expect_code 2 "$MMCHECK" check-patch --no-cache big vhost.patch >out 2>err &&
	grep "out of memory" err &&
	no_scratch_left
'

# A spatch that waits, so that the signal comes while check-patch runs.
write_slow_spatch() {
	real_spatch=$(command -v spatch) &&
	mkdir -p slow &&
	cat >slow/spatch <<-EOF &&
	#!/bin/sh
	case "\$1" in --version) exec "$real_spatch" --version;; esac
	echo \$\$ >>"$PWD/slow/pids"
	: >"$PWD/slow/started"
	exec sleep 120
	EOF
	chmod +x slow/spatch && rm -f slow/started slow/pids
}

# perl: a background job of a non-interactive shell ignores SIGINT, and
# one started under nohup SIGHUP; an ignored signal stays ignored across
# exec, so both are reset. The job is a command of its own, so that $! is
# check-patch itself.
signal_test() {
	write_slow_spatch || return 1
	SPATCH="$PWD/slow/spatch" perl -e "\$SIG{INT} = \$SIG{HUP} = \"DEFAULT\"; exec @ARGV" \
		"$MMCHECK" check-patch --no-cache tree vhost.patch >out 2>err &
	pid=$!
	for i in $(seq 1 300); do test -e slow/started && break; sleep 0.1; done
	sig=$1
	test -e slow/started && ls -d tmp/mmcheck-patch.* || sig=KILL
	kill -$sig $pid
	st=0 && wait $pid || st=$?
	for p in $(cat slow/pids); do kill $p 2>/dev/null || :; done
	echo "SIG$sig: exit $st" &&
	test $sig = $1 &&
	test $st != 0 &&
	no_scratch_left
}

test_expect_success SPATCH 'SIGINT while spatch runs: no scratch left' '
	signal_test INT
'

test_expect_success SPATCH 'SIGHUP while spatch runs: no scratch left, death by the signal' '
	signal_test HUP &&
	test $st = 129
'

test_expect_success SPATCH 'a reply that cannot be written: exit 2, one line' '
	test_expect_code 2 "$MMCHECK" check-patch tree vhost.patch >/dev/full 2>err &&
	test $(wc -l <err) = 1 &&
	grep "cannot write" err &&
	test_expect_code 2 "$MMCHECK" check-patch --format=json tree vhost.patch >/dev/full 2>err &&
	test $(wc -l <err) = 1 &&
	grep "cannot write" err &&
	no_scratch_left
'

# No shell: a quote in TMPDIR or in $SPATCH is just a character.
test_expect_success SPATCH 'a TMPDIR with quotes runs no command and is cleaned' '
	q="$PWD/quoted'\'';touch PWNED;'\''" &&
	mkdir "$q" &&
	TMPDIR="$q" test_expect_code 1 "$MMCHECK" check-patch tree vhost.patch >mail 2>err &&
	test_no_sanitizer_report err &&
	! test -e PWNED &&
	test -d "$q" &&
	no_scratch_left "$q" &&
	! grep "cannot remove" err
'

test_expect_success SPATCH 'a $SPATCH with a quote in its path runs, and runs no shell' '
	mkdir "q'\''bin" &&
	ln -s "$(command -v spatch)" "q'\''bin/spatch" &&
	SPATCH="$PWD/q'\''bin/spatch" test_expect_code 1 "$MMCHECK" check-patch tree vhost.patch >mail 2>err &&
	grep "^>> drivers/vhost/vhost.c:15:2: error:" mail &&
	SPATCH="x'\'';touch PWNED;'\''" test_expect_code 2 "$MMCHECK" check-patch tree vhost.patch >out 2>err &&
	! test -e PWNED &&
	no_scratch_left
'

# git apply in a scratch directory inside a work tree took the paths as
# relative to that work tree; with a relative TMPDIR, git (run inside
# the scratch directory) did not find the patch file.
test_expect_success SPATCH 'a TMPDIR inside another git work tree' '
	git init -q other &&
	TMPDIR="$PWD/other" test_expect_code 1 "$MMCHECK" check-patch tree vhost.patch >mail 2>err &&
	grep "^>> drivers/vhost/vhost.c:15:2: error:" mail &&
	no_scratch_left other
'

test_expect_success SPATCH 'a relative TMPDIR' '
	mkdir reltmp &&
	TMPDIR=reltmp test_expect_code 1 "$MMCHECK" check-patch tree vhost.patch >mail 2>err &&
	grep "^>> drivers/vhost/vhost.c:15:2: error:" mail &&
	no_scratch_left reltmp
'

# Patch 1 adds a finding, patch 2 does not apply: the reply to patch 1
# is printed and its finding stays in the exit status (1 | 2).
test_expect_success SPATCH 'a series whose second patch does not apply: exit 3' '
	cat vhost.patch stale.patch >broken.mbox &&
	test_expect_code 3 "$MMCHECK" check-patch tree broken.mbox >mail 2>err &&
	grep "^>> drivers/vhost/vhost.c:15:2: error: \[use-mm-mmgrab-only\]" mail &&
	test $(wc -l <err) = 1 &&
	grep "patch 2 .*does not apply" err &&
	test_expect_code 3 "$MMCHECK" check-patch --format=json tree broken.mbox >r.json 2>err &&
	jq -e ".new_findings == 1 and (.patches | length) == 1" r.json &&
	no_scratch_left
'

test_expect_success 'the tree was not touched' '
	diff -r -x .git pristine tree &&
	test -z "$(git -C tree status --porcelain)"
'

test_done
