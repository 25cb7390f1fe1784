#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck check-patch on what mailing lists carry: a git format-patch
# --cover-letter series with replies in its thread, quoted-printable,
# base64 and CRLF mails that git am applies, a patch inside a reply, a
# series whose third patch does not apply; and the reply's settings
# (Reported-by, Closes and link templates, Cc) from options and a file.

. "$(dirname "$0")/test-lib.sh"

REENCODE="$TEST_DIRECTORY/helper/reencode-mail.py"
command -v b4 >/dev/null && test_set_prereq B4

# The findings of a check-patch JSON: "NUMBER MAIL new|fixed RULE FILE".
json_findings() {
	jq -r '.patches[] | . as $p |
		(.new[] | "\($p.number) \($p.mail) new \(.rule) \(.file)"),
		(.fixed[] | "\($p.number) \($p.mail) fixed \(.rule) \(.file)")' "$1"
}

# check-patch of MBOX (one re-encoded mail of patch 1): exit 1, and
# patch 1's one new finding, vhost pinned with mmgrab() only.
finds_vhost_pin() {
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree "$1" >"$1.json" 2>err &&
	test_no_sanitizer_report err &&
	json_findings "$1.json" >actual &&
	echo "1 1 new use-mm-mmgrab-only drivers/vhost/vhost.c" >expect &&
	test_cmp expect actual
}

# git am of MBOX on a fresh copy of the tree at its base: the mail is one
# that git applies.
git_am_applies() {
	rm -rf am && git clone -q tree am &&
	git -C am -c user.email=am@example.org -c user.name=Am am -q "$PWD/$1" &&
	test "$(git -C am log --format=%s -1)" = "$2"
}

test_expect_success 'a 3-patch series made by git format-patch --cover-letter' '
	make_patch_series "" --cover-letter \
		--to "Linux MM <linux-mm@kvack.org>" \
		--cc "KVM <kvm@vger.kernel.org>, \"Doe, Jane\" <jane@example.org>" &&
	ls patches/0000-cover-letter.patch patches/0001-* patches/0002-* patches/0003-* &&
	grep "^Subject: \[PATCH 0/3\]" patches/0000-cover-letter.patch &&
	cat patches/*.patch >series.mbox &&
	test $(grep -c "^From [0-9a-f]* Mon Sep 17 00:00:00 2001\$" series.mbox) = 4
'

test_expect_success SPATCH 'the cover letter is skipped and said so; the three patches are checked' '
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree series.mbox >s.json 2>err &&
	test_no_sanitizer_report err &&
	grep "^note: mail 1 (\[PATCH 0/3\] \*\*\* SUBJECT HERE \*\*\*) holds no diff: skipped\$" err &&
	json_findings s.json >actual &&
	cat >expect <<-\EOF &&
	1 2 new use-mm-mmgrab-only drivers/vhost/vhost.c
	2 3 fixed use-mm-mmgrab-only arch/x86/kvm/xen.c
	EOF
	test_cmp expect actual &&
	jq -e "(.patches | map(.subject)) == [\"[PATCH 1/3] vhost: pin the owner mm with mmgrab()\", \"[PATCH 2/3] KVM: x86/xen: hold mm_users across kthread_use_mm()\", \"[PATCH 3/3] drm/i915/gvt: a comment\"]" s.json &&
	jq -e "(.skipped | length) == 1 and .skipped[0].mail == 1 and (.skipped[0].message_id | startswith(\"<cover.\"))" s.json &&
	jq -e ".patches[0].new[0].confidence == \"high\"" s.json
'

test_expect_success SPATCH 'the email replies go to the author, Cc the lists, and thread' '
	test_expect_code 1 "$MMCHECK" check-patch tree series.mbox >mail 2>err &&
	test $(grep -c "^Subject: Re: \[PATCH [123]/3\]" mail) = 3 &&
	sed -n "/^Subject: Re: \[PATCH 1\/3\]/,/^\$/p" mail >h1 &&
	sed -n "1,/^Subject: Re: \[PATCH 1\/3\]/p" mail >before1 &&
	grep "^To: A Developer <dev@example.org>\$" before1 &&
	grep "^Cc: Linux MM <linux-mm@kvack.org>,\$" before1 &&
	grep "^	KVM <kvm@vger.kernel.org>,\$" before1 &&
	grep "^	\"Doe, Jane\" <jane@example.org>\$" before1 &&
	msgid=$(sed -n "s/^Message-Id: //Ip" patches/0001-*.patch) &&
	grep "^In-Reply-To: $msgid\$" h1 &&
	grep "^Content-Type: text/plain; charset=UTF-8\$" h1 &&
	grep "^>> drivers/vhost/vhost.c:15:2: error: \[use-mm-mmgrab-only\] .* (confidence: high)\$" mail &&
	grep "^        mmcheck check-patch \. patch\.mbox\$" mail &&
	bare=${msgid#<} && bare=${bare%>} &&
	grep "^patch link: https://lore.kernel.org/r/$bare/\$" mail
'

# Replies in the thread: one that only quotes the patch, one that
# carries a patch of its own (a fix-up, as a reviewer sends one).
test_expect_success SPATCH 'a thread: replies without a diff are skipped, a patch inside a reply is checked' '
	msgid=$(sed -n "s/^Message-Id: //Ip" patches/0002-*.patch) &&
	{
		cat patches/0000-cover-letter.patch patches/0001-*.patch &&
		printf "From reviewer Mon Sep 17 00:00:00 2001\nFrom: Reviewer <rev@example.org>\nSubject: Re: [PATCH 1/3] vhost: pin the owner mm with mmgrab()\nIn-Reply-To: $msgid\nMessage-ID: <quote@example.org>\n\nOn a day, A Developer wrote:\n" &&
		sed -n "/^diff --git/,/^-- \$/p" patches/0001-*.patch | sed "s/^/> /" &&
		printf "\nThis looks wrong to me.\n\n" &&
		cat patches/0002-*.patch &&
		printf "From reviewer Mon Sep 17 00:00:00 2001\nFrom: Reviewer <rev@example.org>\nSubject: Re: [PATCH 2/3] KVM: x86/xen: hold mm_users across kthread_use_mm()\nMessage-ID: <fixup@example.org>\n\nHow about this on top?\n\n-- >8 --\n" &&
		sed -n "/^diff --git/,/^-- \$/p" patches/0003-*.patch | sed "/^-- \$/d"
	} >thread.mbox &&
	test $(grep -c "^From " thread.mbox) -ge 5 &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree thread.mbox >t.json 2>err &&
	test_no_sanitizer_report err &&
	grep "^note: mail 1 .* holds no diff: skipped\$" err &&
	grep "^note: mail 3 (Re: \[PATCH 1/3\] vhost: pin the owner mm with mmgrab()) holds no diff: skipped\$" err &&
	jq -r ".patches[] | \"\(.number) \(.mail) \(.message_id)\"" t.json >actual &&
	cat >expect <<-EOF &&
	1 2 $(sed -n "s/^Message-Id: //Ip" patches/0001-*.patch)
	2 4 $msgid
	3 5 <fixup@example.org>
	EOF
	test_cmp expect actual &&
	jq -e "[.skipped[].mail] == [1, 3]" t.json
'

test_expect_success SPATCH 'a series whose third patch does not apply reports on the two before it: exit 3' '
	sed "s/^+\/\* two new lines move the finding \*\//+\/* two new lines *\//; s/^ static int kvmgt_rw_gpa/ static int kvmgt_rw_gpa_gone/" patches/0003-*.patch >stale3.patch &&
	cat patches/0000-cover-letter.patch patches/0001-*.patch patches/0002-*.patch stale3.patch >stale.mbox &&
	test_expect_code 3 "$MMCHECK" check-patch --format=json tree stale.mbox >st.json 2>err &&
	grep "^error: patch 3 (\[PATCH 3/3\] drm/i915/gvt: a comment) does not apply" err &&
	json_findings st.json >actual &&
	cat >expect <<-\EOF &&
	1 2 new use-mm-mmgrab-only drivers/vhost/vhost.c
	2 3 fixed use-mm-mmgrab-only arch/x86/kvm/xen.c
	EOF
	test_cmp expect actual &&
	test_expect_code 3 "$MMCHECK" check-patch tree stale.mbox >mail 2>err &&
	test $(grep -c "^Subject: Re: " mail) = 2
'

# b4 am reads the thread from a local mbox (-m), offline; it wants a git
# identity, given here so that the test does not depend on the machine's.
test_expect_success SPATCH,B4 'the mbox that b4 am makes of the thread' '
	printf "[user]\n\tname = Maintainer\n\temail = maint@example.org\n" >b4.gitconfig &&
	cover=$(sed -n "s/^Message-Id: <\(.*\)>/\1/Ip" patches/0000-cover-letter.patch) &&
	mkdir b4out &&
	GIT_CONFIG_GLOBAL="$PWD/b4.gitconfig" b4 am -m series.mbox -o b4out "$cover" &&
	ls b4out/*.mbx b4out/*.cover &&
	head -1 b4out/*.mbx | grep "^From " &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree b4out/*.mbx >b4.json 2>err &&
	test_no_sanitizer_report err &&
	json_findings b4.json >actual &&
	cat >expect <<-\EOF &&
	1 1 new use-mm-mmgrab-only drivers/vhost/vhost.c
	2 2 fixed use-mm-mmgrab-only arch/x86/kvm/xen.c
	EOF
	test_cmp expect actual &&
	jq -e "(.patches | length) == 3 and .skipped == []" b4.json
'

test_expect_success 'a quoted-printable mail that git am applies' '
	python3 "$REENCODE" patches/0001-*.patch quoted-printable >qp.mbox &&
	grep "^Content-Transfer-Encoding: quoted-printable\$" qp.mbox &&
	grep "=3D" qp.mbox &&
	! grep "^+	dev->mm = current->mm;" qp.mbox &&
	git_am_applies qp.mbox "vhost: pin the owner mm with mmgrab()"
'

test_expect_success SPATCH 'check-patch reads the quoted-printable mail as git am does' '
	finds_vhost_pin qp.mbox
'

test_expect_success SPATCH 'a base64 mail, and a CRLF one, that git am applies' '
	python3 "$REENCODE" patches/0001-*.patch base64 >b64.mbox &&
	grep "^Content-Transfer-Encoding: base64\$" b64.mbox &&
	! grep "^[-+ ].*mmgrab" b64.mbox &&
	git_am_applies b64.mbox "vhost: pin the owner mm with mmgrab()" &&
	sed "s/\$/\r/" patches/0001-*.patch >crlf.mbox &&
	test $(grep -c "$(printf "\r")\$" crlf.mbox) = $(wc -l <crlf.mbox) &&
	git_am_applies crlf.mbox "vhost: pin the owner mm with mmgrab()" &&
	finds_vhost_pin b64.mbox &&
	finds_vhost_pin crlf.mbox
'

# format=flowed cannot carry a line that ends in a space, such as a
# blank context line: with one line of context this patch has none.
test_expect_success SPATCH 'a format=flowed mail (space-stuffed, a long line cut) that git am applies' '
	rm -rf u1 && git clone -q tree u1 &&
	git -C u1 -c user.email=dev@example.org -c user.name="A Developer" am -q "$PWD"/patches/0001-*.patch &&
	git -C u1 format-patch -U1 --stdout -1 >u1.patch &&
	! grep "^ \$" u1.patch &&
	sed "0,/^---\$/s//The owner mm is now pinned with mmgrab() only, which a checker of mm lifetimes should notice at once.\n\n---/" u1.patch >u1-long.patch &&
	python3 "$REENCODE" u1-long.patch flowed >flowed.mbox &&
	grep "^Content-Type: text/plain; charset=UTF-8; format=flowed\$" flowed.mbox &&
	grep "^The owner mm .* \$" flowed.mbox &&
	grep "^  {\$" flowed.mbox &&
	git_am_applies flowed.mbox "vhost: pin the owner mm with mmgrab()" &&
	finds_vhost_pin flowed.mbox
'

test_expect_success SPATCH 'the bot settings from options: From, Reported-by, Closes, link, Cc' '
	test_expect_code 1 "$MMCHECK" check-patch --from "MM Bot <bot@ci.example.org>" \
		--reported-by "MM Bot <bot@ci.example.org>" \
		--closes "https://ci.example.org/report/%r" \
		--link "https://patchwork.example.org/msg/%m" \
		--cc "Archive <archive@example.org>" --cc "linux-mm@KVACK.org" \
		tree patches/0001-*.patch >mail 2>err &&
	sed -n "1,/^\$/p" mail >headers &&
	grep "^From: MM Bot <bot@ci.example.org>\$" headers &&
	id=$(sed -n "s/^Message-ID: <\(mmcheck-[0-9a-f]*@ci.example.org\)>\$/\1/p" headers) &&
	test -n "$id" &&
	grep "^| Reported-by: MM Bot <bot@ci.example.org>\$" mail &&
	grep "^| Closes: https://ci.example.org/report/$id\$" mail &&
	msgid=$(sed -n "s/^Message-Id: <\(.*\)>/\1/Ip" patches/0001-*.patch) &&
	grep "^patch link: https://patchwork.example.org/msg/$msgid\$" mail &&
	sed -n "/^Cc:/,/^Subject:/p" headers >cc &&
	printf "%s\n" "Cc: Linux MM <linux-mm@kvack.org>," \
		"	KVM <kvm@vger.kernel.org>," \
		"	\"Doe, Jane\" <jane@example.org>," \
		"	Archive <archive@example.org>" \
		"Subject: Re: [PATCH 1/3] vhost: pin the owner mm with mmgrab()" >expect &&
	test_cmp expect cc
'

test_expect_success SPATCH 'the bot settings from a file; later options win; empty templates drop their line' '
	cat >bot.conf <<-\EOF &&
	# the bot of example.org
	reported-by = Robot <robot@example.org>
	closes = https://lists.example.org/r/%r/
	link =
	cc = One <one@example.org>, two@example.org
	cc-patch = false
	EOF
	test_expect_code 1 "$MMCHECK" check-patch --config bot.conf --closes "" \
		tree patches/0001-*.patch >mail 2>err &&
	grep "^| Reported-by: Robot <robot@example.org>\$" mail &&
	! grep "^| Closes:" mail &&
	! grep "^patch link:" mail &&
	sed -n "1,/^\$/p" mail >headers &&
	grep "^Cc: One <one@example.org>,\$" headers &&
	grep "^	two@example.org\$" headers &&
	! grep "linux-mm" headers &&
	grep "^Message-ID: <mmcheck-[0-9a-f]*@example.org>\$" headers
'

test_expect_success 'a bad config file: one line, exit 2' '
	printf "reported-by = X <x@y>\nnot a setting\n" >bad.conf &&
	test_expect_code 2 "$MMCHECK" check-patch --config bad.conf tree patches/0001-*.patch >out 2>err &&
	test $(wc -l <err) = 1 &&
	grep "bad.conf:2:" err &&
	printf "colour = blue\n" >bad.conf &&
	test_expect_code 2 "$MMCHECK" check-patch --config bad.conf tree patches/0001-*.patch >out 2>err &&
	grep "bad.conf:1: unknown key" err &&
	test_expect_code 2 "$MMCHECK" check-patch --config nowhere.conf tree patches/0001-*.patch >out 2>err &&
	grep "nowhere.conf" err
'

test_expect_success 'the tree was not touched' '
	test -z "$(git -C tree status --porcelain)"
'

test_done
