#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The call-graph walks pick a file for a function its code refers to, or
# for a call through a member, from an index of the file's identifiers
# (checker/walk-index.c): not in comments, strings or character
# literals, not as a field after "->" or ".".

. "$(dirname "$0")/test-lib.sh"

WALK="$MMCHECK_BUILD/test-walk-index"

test_expect_success 'references in code count; comments, strings and fields do not' '
	cat >t.c <<-\EOC &&
	int f(void)
	{
		/* brk() in a comment */
		pr_err("munmap failed: \"old_mmap\"");
		x->mremap = 1; y.vm_mmap = 2;
		ops->fault (vmf);
		ops -> open(i);
		call(a, done_fn);
		char c = '"'"'"'"'"'; real_call();
		// vm_munmap()
		return SYSCALL(z) + 0x1f + 1.5 + sizeof(u64brk);
	}
	EOC
	"$WALK" t.c f brk munmap old_mmap mremap vm_mmap fault "->fault" \
		"->open" "->mremap" done_fn real_call vm_munmap SYSCALL x1f \
		u64brk >out &&
	cat >want <<-\EOC &&
	f ref
	brk no
	munmap no
	old_mmap no
	mremap no
	vm_mmap no
	fault no
	->fault member-call
	->open member-call
	->mremap no
	done_fn ref
	real_call ref
	vm_munmap no
	SYSCALL ref
	x1f no
	u64brk ref
	EOC
	test_cmp want out
'

test_expect_success 'an unterminated comment or string ends the file, not the process' '
	printf "int a; /* open" >c.c &&
	printf "int b; \"open\\\\" >s.c &&
	"$WALK" c.c a open >out1 &&
	"$WALK" s.c b open >out2 &&
	printf "a ref\nopen no\n" >want1 &&
	printf "b ref\nopen no\n" >want2 &&
	test_cmp want1 out1 &&
	test_cmp want2 out2
'

test_expect_success 'a file with thousands of names: each is found' '
	for i in $(seq 1 5000); do echo "void fn_$i(void) { call_$i(); }"; done >big.c &&
	"$WALK" big.c fn_1 fn_2500 fn_5000 call_4999 fn_5001 call_0 >out &&
	printf "fn_1 ref\nfn_2500 ref\nfn_5000 ref\ncall_4999 ref\nfn_5001 no\ncall_0 no\n" >want &&
	test_cmp want out
'

test_done
