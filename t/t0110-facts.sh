#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The fact parser and the verdicts made from facts, without spatch: fact
# lines are the interface between the semantic patches and the driver.

. "$(dirname "$0")/test-lib.sh"

TF="$MMCHECK_BUILD/test-facts"

test_expect_success 'well-formed facts are parsed and sorted' '
	cat >in <<-\EOF &&
	{"fact": "refop", "file": "a.c", "line": 7, "col": 2, "function": "f", "op": "mmput", "mm": "mm"}
	{"fact": "use", "file": "a.c", "line": 5, "col": 2, "function": "f", "api": "kthread_use_mm", "mm": "mm"}
	{"fact": "unheld", "file": "a.c", "line": 5, "col": 2, "function": "f", "reason": "after-release", "release_line": 3}
	{"fact": "use", "file": "b.h", "line": 9, "col": 5, "function": "wptr", "macro": true, "api": "kthread_use_mm", "mm": "mmptr"}
	{"fact": "future-kind", "file": "a.c", "line": 1, "col": 1, "function": "f", "extra": [1, 2]}
	EOF
	cat >expect <<-\EOF &&
	future-kind a.c:1:1 f
	use a.c:5:2 f api=kthread_use_mm mm=mm
	unheld a.c:5:2 f reason=after-release release_line=3
	refop a.c:7:2 f mm=mm op=mmput
	use b.h:9:5 wptr (macro) api=kthread_use_mm mm=mmptr
	EOF
	"$TF" <in >actual 2>err &&
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'malformed facts are rejected with a reason' '
	cat >in <<-\EOF &&
	not json at all
	{"fact": "use", "file": "a.c", "line": 5, "col": 2, "function": "f", "mm": "mm"}
	{"fact": "use", "file": "a.c", "line": "5", "col": 2, "function": "f", "api": "x", "mm": "m"}
	{"fact": "refop", "file": "a.c", "line": 0, "col": 2, "function": "f", "op": "mmget", "mm": "m"}
	["fact", "use"]
	{"fact": "use", "fact": "use", "file": "a.c", "line": 5, "col": 2, "function": "f", "api": "x", "mm": "m"}
	{"fact": "unheld", "file": "a.c", "line": 5, "col": 2, "function": "f"}
	EOF
	"$TF" <in >actual 2>err &&
	test $(grep -c "^error: " actual) = 7 &&
	grep "^error: 1: not JSON" actual &&
	grep "^error: 2: .use. fact lacks .api." actual &&
	grep "^error: 4: .refop. fact has line 0" actual &&
	grep "^error: 7: .unheld. fact lacks .reason." actual &&
	test_no_sanitizer_report err
'

test_expect_success 'each kind needs its members, of their types' '
	C="\"file\": \"a.c\", \"line\": 5, \"col\": 2, \"function\": \"f\"" &&
	cat >in <<-EOF &&
	{"fact": "store", $C, "key": "struct k ->mm", "lhs": "k->mm", "rhs": "mm", "class": "grab"}
	{"fact": "store", $C, "key": "struct k ->mm", "lhs": "k->mm", "rhs": "mm", "class": "grab", "ops": "mmgrab(mm):4"}
	{"fact": "store", $C, "key": "struct k ->mm", "lhs": "k->mm", "rhs": "mm", "class": "grab", "ops": [4]}
	{"fact": "store", $C, "lhs": "k->mm", "rhs": "mm", "ops": []}
	{"fact": "use", $C, "api": "kthread_use_mm", "mm": 7}
	{"fact": "use", $C, "api": "kthread_use_mm", "mm": "mm", "key": ["struct k ->mm"]}
	{"fact": "refop", $C, "mm": "mm"}
	{"fact": "ignored-result", $C, "op": "mmget_not_zero"}
	{"fact": "origin", $C, "mm": "mm"}
	{"fact": "wrapper", $C, "wrapper": "w"}
	{"fact": "wrapper", $C, "wrapper": "w", "index": 2147483647}
	{"fact": "comment", $C}
	{"fact": "notifier", $C, "release": true}
	{"fact": "notifier", $C, "struct": "struct k", "release": 1}
	{"fact": "live-use", $C, "mm": "mm"}
	{"fact": "lock-decide", $C, "lock": "mutex_lock"}
	{"fact": "lock-last-access", $C, "key": null}
	{"fact": "lock-ordered", $C, "how": "kref"}
	{"fact": "unlock-free", $C, "key": 1}
	{"fact": "mm-users-read", $C}
	{"fact": "unheld", $C, "reason": "after-release", "release_line": -1}
	{"fact": "unheld", $C, "reason": "no-acquire", "macro": "yes"}
	{"fact": "put-in-use", "file": "a.c", "line": 4294967298, "col": 2, "function": "f"}
	{"fact": "put-in-use", "file": "a.c", "line": 2, "col": -1, "function": "f"}
	{"fact": "no-put", "file": "/etc/passwd", "line": 2, "col": 1, "function": "f"}
	{"fact": "no-put", "file": "drivers/../../x.c", "line": 2, "col": 1, "function": "f"}
	{"fact": "no-put", "file": "", "line": 2, "col": 1, "function": "f"}
	EOF
	"$TF" --verdicts <in >actual 2>err &&
	cat >expect <<-\EOF &&
	error: 1: '\''store'\'' fact lacks '\''ops'\''
	error: 2: '\''store'\'' fact has '\''ops'\'' that is not an array of strings
	error: 3: '\''store'\'' fact has '\''ops'\'' that is not an array of strings
	error: 4: '\''store'\'' fact lacks '\''class'\''
	error: 5: '\''use'\'' fact has '\''mm'\'' that is not a string
	error: 6: '\''use'\'' fact has '\''key'\'' that is not a string
	error: 7: '\''refop'\'' fact lacks '\''op'\''
	error: 8: '\''ignored-result'\'' fact lacks '\''mm'\''
	error: 9: '\''origin'\'' fact lacks '\''origin'\''
	error: 10: '\''wrapper'\'' fact lacks '\''index'\''
	error: 11: '\''wrapper'\'' fact has '\''index'\'' that is not an integer from 0 to 2147483646
	error: 12: '\''comment'\'' fact lacks '\''text'\''
	error: 13: '\''notifier'\'' fact lacks '\''struct'\''
	error: 14: '\''notifier'\'' fact has '\''release'\'' that is not true or false
	error: 15: '\''live-use'\'' fact lacks '\''api'\''
	error: 16: '\''lock-decide'\'' fact lacks '\''key'\''
	error: 17: '\''lock-last-access'\'' fact lacks '\''key'\''
	error: 18: '\''lock-ordered'\'' fact lacks '\''key'\''
	error: 19: '\''unlock-free'\'' fact has '\''key'\'' that is not a string
	error: 20: '\''mm-users-read'\'' fact lacks '\''class'\''
	error: 21: '\''unheld'\'' fact has '\''release_line'\'' that is not an integer from 0 to 2147483647
	error: 22: '\''unheld'\'' fact has '\''macro'\'' that is not true or false
	error: 23: '\''put-in-use'\'' fact has line 4294967298
	error: 24: '\''put-in-use'\'' fact has col -1
	error: 25: '\''no-put'\'' fact names '\''/etc/passwd'\'', not a file inside the tree
	error: 26: '\''no-put'\'' fact names '\''drivers/../../x.c'\'', not a file inside the tree
	error: 27: '\''no-put'\'' fact names '\'''\'', not a file inside the tree
	EOF
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'a store without ops is a bad line, not a crash in the verdicts' '
	cat >in <<-\EOF &&
	{"fact": "use", "file": "b.c", "line": 5, "col": 2, "function": "x", "api": "kthread_use_mm", "mm": "kvm->mm", "key": "struct kvm ->mm"}
	{"fact": "unheld", "file": "b.c", "line": 5, "col": 2, "function": "x", "reason": "no-acquire"}
	{"fact": "store", "file": "k.c", "line": 9, "col": 2, "function": "create", "key": "struct kvm ->mm", "lhs": "kvm->mm", "rhs": "current->mm", "class": "grab"}
	EOF
	cat >expect <<-\EOF &&
	error: 3: '\''store'\'' fact lacks '\''ops'\''
	b.c:5 unknown warning use-mm-unknown
	EOF
	"$TF" --verdicts <in >actual 2>err &&
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'verdicts: held, unheld, after-put, ignored result' '
	cat >in <<-\EOF &&
	{"fact": "use", "file": "a.c", "line": 5, "col": 2, "function": "held", "api": "kthread_use_mm", "mm": "mm"}
	{"fact": "refop", "file": "a.c", "line": 3, "col": 2, "function": "held", "op": "get_task_mm", "mm": "mm"}
	{"fact": "use", "file": "a.c", "line": 15, "col": 2, "function": "bare", "api": "use_mm", "mm": "kvm->mm"}
	{"fact": "unheld", "file": "a.c", "line": 15, "col": 2, "function": "bare", "reason": "no-acquire"}
	{"fact": "use", "file": "a.c", "line": 25, "col": 2, "function": "loop", "api": "kthread_use_mm", "mm": "c->mm"}
	{"fact": "unheld", "file": "a.c", "line": 25, "col": 2, "function": "loop", "reason": "after-release", "release_line": 28}
	{"fact": "use", "file": "a.c", "line": 35, "col": 2, "function": "ign", "api": "kthread_use_mm", "mm": "c->mm"}
	{"fact": "ignored-result", "file": "a.c", "line": 34, "col": 2, "function": "ign", "op": "mmget_not_zero", "mm": "c->mm"}
	{"fact": "ignored-result", "file": "a.c", "line": 44, "col": 2, "function": "other", "op": "mmget_not_zero", "mm": "c->mm"}
	EOF
	cat >expect <<-\EOF &&
	a.c:5 held-local none
	a.c:15 unknown warning use-mm-unknown
	a.c:25 unknown error use-mm-after-put use-mm-unknown
	a.c:35 unknown error mmget-unchecked use-mm-unknown
	EOF
	"$TF" --verdicts <in >actual 2>err &&
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'verdicts joined with the stores of a field' '
	cat >in <<-\EOF &&
	{"fact": "use", "file": "b.c", "line": 5, "col": 2, "function": "x", "api": "kthread_use_mm", "mm": "kvm->mm", "key": "struct kvm ->mm"}
	{"fact": "unheld", "file": "b.c", "line": 5, "col": 2, "function": "x", "reason": "no-acquire"}
	{"fact": "store", "file": "k.c", "line": 9, "col": 2, "function": "create", "key": "struct kvm ->mm", "lhs": "kvm->mm", "rhs": "current->mm", "class": "grab", "ops": ["mmgrab(current->mm):8"]}
	{"fact": "use", "file": "c.c", "line": 7, "col": 2, "function": "y", "api": "kthread_use_mm", "mm": "d->mm", "key": "struct d ->mm"}
	{"fact": "unheld", "file": "c.c", "line": 7, "col": 2, "function": "y", "reason": "no-acquire"}
	{"fact": "store", "file": "c.c", "line": 2, "col": 2, "function": "s1", "key": "struct d ->mm", "lhs": "d->mm", "rhs": "get_task_mm(current)", "class": "acquire", "ops": []}
	{"fact": "store", "file": "e.c", "line": 3, "col": 2, "function": "s2", "key": "struct d ->mm", "lhs": "d->mm", "rhs": "current->mm", "class": "none", "ops": []}
	{"fact": "use", "file": "f.c", "line": 4, "col": 2, "function": "z", "api": "kthread_use_mm", "mm": "e->mm", "key": "struct e ->mm"}
	{"fact": "unheld", "file": "f.c", "line": 4, "col": 2, "function": "z", "reason": "no-acquire"}
	{"fact": "store", "file": "f.c", "line": 2, "col": 2, "function": "s3", "key": "struct e ->mm", "lhs": "e->mm", "rhs": "current->mm", "class": "none", "ops": [], "comment": "/* waited for in exit_aio() */"}
	EOF
	cat >expect <<-\EOF &&
	b.c:5 mmgrab-only error use-mm-mmgrab-only
	c.c:7 mixed warning use-mm-mixed
	f.c:4 unreferenced warning use-mm-unreferenced
	EOF
	"$TF" --verdicts <in >actual 2>err &&
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'spatch versions: parsed and compared' '
	cat >expect <<-\EOF &&
	1.1.1 ok
	1.0.8 too-old
	1.10.0 ok
	none
	none
	EOF
	"$MMCHECK_BUILD/test-spatch-version" \
		"spatch version 1.1.1 compiled with OCaml version 4.13.1" \
		"spatch version 1.0.8 compiled with OCaml version 4.11.1" \
		"spatch version 1.10.0" "gcc (Debian 12.2.0-14) 12.2.0" \
		"spatch version .1" >actual &&
	test_cmp expect actual
'

test_done
