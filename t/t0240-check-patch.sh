#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck check-patch: only what a patch introduces or removes, matched
# without line numbers; email and JSON; series; bad patches exit 2; the
# tree is never modified.

. "$(dirname "$0")/test-lib.sh"

test_expect_success 'a git copy of the synthetic tree; patches: one that breaks vhost, one that fixes xen, one that only moves lines' '
	make_patch_series &&
	ls patches/0001-* patches/0002-* patches/0003-* &&
	cp -r tree pristine && rm -rf pristine/.git
'

test_expect_success SPATCH 'a patch that adds a finding: exit 1, an email reply' '
	test_expect_code 1 "$MMCHECK" check-patch tree patches/0001-*.patch >mail 2>err &&
	test_no_sanitizer_report err &&
	grep "^Subject: Re: \[PATCH 1/3\] vhost: pin the owner mm with mmgrab()\$" mail &&
	grep "^To: A Developer <dev@example.org>\$" mail &&
	grep "^In-Reply-To: <" mail &&
	grep "^| Reported-by: mmcheck" mail &&
	id=$(sed -n "s/^Message-ID: <\(mmcheck-[0-9a-f]*@localhost\)>\$/\1/p" mail) &&
	test -n "$id" &&
	grep "^| Closes: https://lore.kernel.org/r/$id/\$" mail &&
	grep "^>> drivers/vhost/vhost.c:15:2: error: \[use-mm-mmgrab-only\]" mail &&
	grep "^   drivers/vhost/vhost.c:28: note: dev->mm = current->mm in vhost_dev_set_owner(): only mmgrab()" mail &&
	grep "^vim +15 drivers/vhost/vhost.c\$" mail &&
	grep "^>    15		kthread_use_mm(dev->mm);\$" mail &&
	test $(grep -c "^>> " mail) = 1
'

test_expect_success 'the tree was not touched' '
	diff -r -x .git pristine tree &&
	test -z "$(git -C tree status --porcelain)"
'

test_expect_success SPATCH 'a patch that fixes a finding: exit 0, the fix listed' '
	"$MMCHECK" check-patch tree patches/0002-*.patch >mail 2>err &&
	! grep "^>> " mail &&
	grep "^Findings this patch removes:" mail &&
	grep "^-- arch/x86/kvm/xen.c:[0-9]*:[0-9]*: error: \[use-mm-mmgrab-only\]" mail
'

test_expect_success SPATCH 'moved lines are not new findings' '
	"$MMCHECK" check-patch --format=json tree patches/0003-*.patch >r.json 2>err &&
	jq -e ".new_findings == 0 and (.patches[0].new | length) == 0 and (.patches[0].fixed | length) == 0" r.json
'

test_expect_success SPATCH 'a series is checked patch by patch, in order' '
	cat patches/0001-*.patch patches/0002-*.patch patches/0003-*.patch >series.mbox &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree series.mbox >s.json 2>err &&
	jq -r ".patches[] | \"\(.number) \(.new | map(.rule + \" \" + .file) | join(\",\")) | \(.fixed | map(.rule + \" \" + .file) | join(\",\"))\"" s.json >actual &&
	cat >expect <<-\EOF &&
	1 use-mm-mmgrab-only drivers/vhost/vhost.c | 
	2  | use-mm-mmgrab-only arch/x86/kvm/xen.c
	3  | 
	EOF
	test_cmp expect actual &&
	jq -e ".schema == \"mmcheck-check-patch\" and .version == 1 and .new_findings == 1" s.json
'

test_expect_success SPATCH 'a plain diff on stdin' '
	git -C tree diff HEAD >/dev/null &&
	sed -n "/^diff --git/,\$p" patches/0001-*.patch | sed "/^-- \$/,\$d" >plain.diff &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree - <plain.diff >p.json 2>err &&
	jq -e ".patches[0].subject == \"(no subject)\" and .new_findings == 1" p.json
'

test_expect_success 'a mail without a diff only: skipped, then exit 2' '
	echo "this is not a patch" >bad.patch &&
	test_expect_code 2 "$MMCHECK" check-patch tree bad.patch >out 2>err &&
	cat >expect <<-\EOF &&
	note: mail 1 ((no subject)) holds no diff: skipped
	error: malformed input: none of its 1 mail holds a diff
	EOF
	test_cmp expect err &&
	test_cmp /dev/null out
'

test_expect_success SPATCH 'a patch that does not apply: exit 2, one line' '
	sed "s/dev->mm = get_task_mm(current);/dev->mm = not_there(current);/" patches/0001-*.patch >stale.patch &&
	test_expect_code 2 "$MMCHECK" check-patch tree stale.patch >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "does not apply" err &&
	! ls "${TMPDIR:-/tmp}"/mmcheck-patch.* 2>/dev/null | grep -q . || true
'

test_expect_success 'not a tree: exit 2' '
	test_expect_code 2 "$MMCHECK" check-patch nowhere patches/0001-*.patch 2>err &&
	grep "not a kernel tree" err
'

test_expect_success 'usage errors exit 129' '
	test_expect_code 129 "$MMCHECK" check-patch tree 2>err &&
	test_expect_code 129 "$MMCHECK" check-patch --format=xml tree x.patch 2>err
'

# The prewarm guesses which runs the scan after needs on the changed file
# from what picked files in the scan before: a driver file is never given
# to the arch-only patch, nor to a patch whose keywords it lacks; the
# scan after runs whatever the guess missed, so the answer is the same.
test_expect_success SPATCH 'check-patch runs on a changed file only the patches that pick it' '
	cat >spatch-log <<-EOF &&
	#!/bin/sh
	for a; do case "\$a" in *.cocci) sp=\$(basename "\$a");; *.c) f=\$a;; esac; done
	[ -n "\$sp" ] && [ -n "\$f" ] && echo "\$sp \$f" >>"$PWD/spatch.log"
	exec spatch "\$@"
	EOF
	chmod +x spatch-log &&
	rm -f spatch.log &&
	"$MMCHECK" scan -q --cache pw-cache --format=json -o /dev/null tree >/dev/null 2>&1;
	: >spatch.log &&
	SPATCH="$PWD/spatch-log" test_expect_code 1 "$MMCHECK" check-patch \
		--cache pw-cache --format=json tree patches/0001-*.patch >pw.json 2>err &&
	grep "^use_mm_unheld.cocci drivers/vhost/vhost.c\$" spatch.log &&
	! grep "^mm_users_readers.cocci drivers/vhost/vhost.c\$" spatch.log &&
	! grep "^mm_live_unheld.cocci drivers/vhost/vhost.c\$" spatch.log &&
	"$MMCHECK" check-patch --no-cache --format=json tree patches/0001-*.patch >nocache.json;
	test_cmp nocache.json pw.json
'

test_done
