#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The prefilter reads each file once for all token sets: with few tokens
# a memmem() per token, with many a walk over the file's identifiers
# against a hash table. Either way it must answer exactly what the plain
# definition answers (has_identifier() per token, then the regex), which
# test-prefilter checks file by file.

. "$(dirname "$0")/test-lib.sh"

PREFILTER="$MMCHECK_BUILD/test-prefilter"

# Every patch's keywords, and its keywords with its regex, and its grab
# round's set.
patch_sets() {
	for sp in "$SMPL_DIR"/*.cocci; do
		kw=$(sed -n "s/^\/\/ Keywords: //p" "$sp" | tr -d " ")
		[ -n "$kw" ] || continue	# mmcheck fix's, not a scan's
		re=$(sed -n "s/^\/\/ Mmcheck-regex: //p" "$sp")
		gre=$(sed -n "s/^\/\/ Mmcheck-grab-regex: //p" "$sp")
		printf "%s\n" "$kw"
		[ -z "$re" ] || printf "%s/%s\n" "$kw" "$re"
		[ -z "$gre" ] || printf "%s&mmgrab/%s\n" "$kw" "$gre"
	done
}

# many tokens: the identifier walk
MANY="kfree,kvfree,vfree,kfree_sensitive,kmem_cache_free,mmget,mmgrab,mmput,mmdrop,get_task_mm,mm_alloc,mm_access,current->mm"

test_expect_success 'whole identifiers only, in code and comments alike, both ways' '
	mkdir -p t/d &&
	printf "kfree(x);\n" >t/d/start.c &&
	printf "int y; /* mmgrab */" >t/d/end.c &&
	printf "kfree_rcu(x); xkfree(y); 1kfree; kfreex;\n" >t/d/near.c &&
	printf "\tmm = current->mm;\n" >t/d/arrow.c &&
	printf "mm = current -> mm; current->mmap;\n" >t/d/spaced.c &&
	printf "mmput\n" >t/d/bare.c &&
	: >t/d/empty.c &&
	(cd t && ls d/*.c) >list &&
	"$PREFILTER" t "$MANY" <list >many.out &&
	"$PREFILTER" t "kfree" "mmgrab" "current->mm" <list >few.out &&
	cat >expect.many <<-\EOF &&
	d/arrow.c 0x1
	d/bare.c 0x1
	d/end.c 0x1
	d/start.c 0x1
	EOF
	cat >expect.few <<-\EOF &&
	d/arrow.c 0x4
	d/end.c 0x2
	d/start.c 0x1
	EOF
	test_cmp expect.many many.out &&
	test_cmp expect.few few.out
'

# The walk looks further only where the first two bytes of an identifier
# start a token: a one-byte token starts wherever its byte ends the
# identifier.
test_expect_success 'the walk: one-byte and two-byte tokens' '
	mkdir -p t/o &&
	printf "q = 1;\n" >t/o/q.c &&
	printf "qq = aq + q1;\n" >t/o/noq.c &&
	printf "int a; mm" >t/o/mm.c &&
	printf "int a; mmm;" >t/o/nomm.c &&
	(cd t && ls o/*.c) >list &&
	"$PREFILTER" t "$MANY,q" "$MANY,mm" <list >out &&
	cat >expect <<-\EOF &&
	o/mm.c 0x2
	o/q.c 0x1
	EOF
	test_cmp expect out
'

test_expect_success 'also-tokens and regexes, both ways' '
	printf "struct kvm *k; mutex_unlock(&k->lock); kfree(k);\n" >t/d/uf.c &&
	printf "struct kvm *k; mutex_unlock(&k->lock); kfree(j);\n" >t/d/uf2.c &&
	(cd t && ls d/*.c) >list &&
	"$PREFILTER" t "$MANY&kvm" "kfree&kvm/mutex_unlock\\(&(\\w+)->lock\\);\\s*kfree\\(\\1\\)" <list >out &&
	cat >expect <<-\EOF &&
	d/uf.c 0x3
	d/uf2.c 0x1
	EOF
	test_cmp expect out
'

# A window that may not leave the function, "(?:[^\n]|\n(?!\})){0,1500}",
# backtracks once per character: on a long function it outgrows the JIT's
# default stack, and a stack overflow must not count as a match.
test_expect_success 'a regex window that outgrows the default JIT stack still answers' '
	mkdir -p t/w &&
	for i in $(seq 150); do printf "\tx = %d;\n" $i; done >body &&
	{ printf "void foo(void)\n{\n" && cat body &&
	  printf "}\n\nvoid bar(void)\n{\n\tLOCK();\n}\n"; } >t/w/out.c &&
	{ printf "void foo(void)\n{\n" && cat body &&
	  printf "\tLOCK();\n}\n"; } >t/w/in.c &&
	(cd t && ls w/*.c) >list &&
	"$PREFILTER" t "LOCK/foo\\(void\\)\\s*\\{(?:[^\\n]|\\n(?!\\})){0,1500}?\\bLOCK\\(" \
		<list >out &&
	echo "w/in.c 0x1" >expect &&
	test_cmp expect out
'

# A regex only narrows what spatch is shown: a golden case where a patch
# reports what its first round looks for (its Mmcheck-follow kind, else any
# fact) and that holds its keywords must match its regex too.
test_expect_success 'each regex keeps the golden cases its patch reports' '
	for sp in "$SMPL_DIR"/*.cocci; do
		re=$(sed -n "s/^\/\/ Mmcheck-regex: //p" "$sp") &&
		[ -n "$re" ] || continue
		kw=$(sed -n "s/^\/\/ Keywords: //p" "$sp" | tr -d " ") &&
		kind=$(sed -n "s/^\/\/ Mmcheck-follow: //p" "$sp") &&
		cases="$TESTDATA/cocci/$(basename "$sp" .cocci)" &&
		(cd "$cases" && ls *.[ch]) >cases.list &&
		: >want && n=0 &&
		while read -r c; do
			expect_block facts "$cases/$c" >facts &&
			grep -q "\"fact\": \"${kind:-[a-z-]*}\"" facts || continue
			echo "$c" | "$PREFILTER" "$cases" "$kw" | grep -q . || continue
			echo "$c" >>want
			n=$((n + 1))
		done <cases.list &&
		test "$n" -gt 0 &&
		"$PREFILTER" "$cases" "$kw/$re" <want | sed "s/ .*//" >kept &&
		test_cmp want kept || return 1
	done
'

test_expect_success 'the synthetic tree: every patch set agrees with the definition' '
	(cd "$TESTDATA/tree" && find . -name "*.[ch]" | sed "s|^\./||" | sort) >files &&
	patch_sets >sets &&
	mapfile -t S <sets &&
	"$PREFILTER" "$TESTDATA/tree" "${S[@]}" <files >all.out &&
	test -s all.out &&
	for s in "${S[@]}"; do
		"$PREFILTER" "$TESTDATA/tree" "$s" <files >one.out || return 1
	done
'

test_expect_success KERNEL 'Linux: every patch set agrees with the definition on every file' '
	(cd "$KERNEL_TREE" && find . -name "*.[ch]" | sed "s|^\./||" | sort) >kfiles &&
	patch_sets >sets &&
	mapfile -t S <sets &&
	"$PREFILTER" "$KERNEL_TREE" "${S[@]}" <kfiles >kall.out &&
	test $(wc -l <kall.out) -gt 5000 &&
	"$PREFILTER" "$KERNEL_TREE" "read_user_wptr,mmgrab" <kfiles >kfew.out &&
	test -s kfew.out
'

# The walk lists regular files only, but a file can become a FIFO before
# the token scan opens it: that must not stall a thread for ever.
test_expect_success 'a listed file that is a FIFO is unreadable, not waited on' '
	mkdir fifotree && mkfifo fifotree/fifo.c &&
	echo "void f(void) { kthread_use_mm(mm); }" >fifotree/use.c &&
	printf "fifo.c\nuse.c\n" | timeout 10 "$PREFILTER" -t fifotree kthread_use_mm >t.out &&
	test -s t.out
'

test_done
