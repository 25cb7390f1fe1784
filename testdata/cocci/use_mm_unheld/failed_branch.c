// The unsafe twins of held_checked_branch.c: the use sits where
// mmget_not_zero() failed, or the copy comes from another mm.
struct sess {
	struct mm_struct *mm;
};

/* the flag tested the wrong way */
static int flag_wrong_way(struct sess *s)
{
	struct mm_struct *mm = s->mm, *cur;
	int fault;

	fault = !mmget_not_zero(mm);
	if (fault) {
		cur = mm;
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
	}
	return fault;
}

/* the copy made before the test, from another mm */
static void copy_of_other(struct sess *s, struct sess *peer)
{
	struct mm_struct *cur = peer->mm;

	if (mmget_not_zero(s->mm)) {
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
		mmput(s->mm);
	}
}

/* the use in the failure branch itself */
static void in_failure(struct sess *s)
{
	if (!mmget_not_zero(s->mm)) {
		kthread_use_mm(s->mm);
		run(s);
		kthread_unuse_mm(s->mm);
	}
}

/* the else branch of a test that succeeded */
static void else_of_success(struct sess *s)
{
	struct mm_struct *cur;

	if (mmget_not_zero(s->mm)) {
		mmput(s->mm);
	} else {
		cur = s->mm;
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
	}
}

/* a declared flag tested the wrong way */
static void bool_flag_wrong(struct sess *s)
{
	bool live = mmget_not_zero(s->mm);

	if (!live) {
		kthread_use_mm(s->mm);
		run(s);
		kthread_unuse_mm(s->mm);
	}
}

/* mmcheck-expect report
failed_branch.c:16:2-16: ERROR: kthread_use_mm(cur) in the branch where mmget_not_zero(mm) on line 13 failed [mmget-unchecked]
failed_branch.c:29:2-16: WARNING: kthread_use_mm(cur) without an mm_users reference held in copy_of_other() (mmgrab() is not enough) [use-mm-unheld]
failed_branch.c:40:2-16: ERROR: kthread_use_mm(s->mm) in the branch where mmget_not_zero(s->mm) on line 39 failed [mmget-unchecked]
failed_branch.c:55:2-16: ERROR: kthread_use_mm(cur) in the branch where mmget_not_zero(s->mm) on line 51 failed [mmget-unchecked]
failed_branch.c:67:2-16: ERROR: kthread_use_mm(s->mm) in the branch where mmget_not_zero(s->mm) on line 64 failed [mmget-unchecked]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "failed_branch.c", "function": "bool_flag_wrong", "key": "struct sess ->mm", "line": 67, "mm": "s->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "failed_branch.c", "function": "copy_of_other", "key": null, "line": 29, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "failed_branch.c", "function": "else_of_success", "key": null, "line": 55, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "failed_branch.c", "function": "flag_wrong_way", "key": null, "line": 16, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "failed_branch.c", "function": "in_failure", "key": "struct sess ->mm", "line": 40, "mm": "s->mm"}
{"col": 11, "fact": "refop", "file": "failed_branch.c", "function": "flag_wrong_way", "line": 13, "mm": "mm", "op": "mmget_not_zero"}
{"col": 14, "fact": "refop", "file": "failed_branch.c", "function": "bool_flag_wrong", "line": 64, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 3, "fact": "no-put", "file": "failed_branch.c", "function": "else_of_success", "line": 55}
{"col": 3, "fact": "origin", "file": "failed_branch.c", "function": "copy_of_other", "key": "struct sess ->mm", "line": 29, "mm": "cur", "origin": "peer->mm", "origin_line": 26}
{"col": 3, "fact": "origin", "file": "failed_branch.c", "function": "else_of_success", "key": "struct sess ->mm", "line": 55, "mm": "cur", "origin": "s->mm", "origin_line": 54}
{"col": 3, "fact": "origin", "file": "failed_branch.c", "function": "flag_wrong_way", "key": null, "line": 16, "mm": "cur", "origin": "mm", "origin_line": 15}
{"col": 3, "fact": "refop", "file": "failed_branch.c", "function": "copy_of_other", "line": 32, "mm": "s->mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "failed_branch.c", "function": "else_of_success", "line": 52, "mm": "s->mm", "op": "mmput"}
{"col": 3, "fact": "some-unuse", "file": "failed_branch.c", "function": "else_of_success", "line": 55}
{"col": 3, "fact": "unheld", "file": "failed_branch.c", "function": "bool_flag_wrong", "line": 67, "mm": "s->mm", "reason": "failed-check", "release_line": 64}
{"col": 3, "fact": "unheld", "file": "failed_branch.c", "function": "copy_of_other", "line": 29, "reason": "no-acquire"}
{"col": 3, "fact": "unheld", "file": "failed_branch.c", "function": "else_of_success", "line": 55, "mm": "s->mm", "reason": "failed-check", "release_line": 51}
{"col": 3, "fact": "unheld", "file": "failed_branch.c", "function": "flag_wrong_way", "line": 16, "mm": "mm", "reason": "failed-check", "release_line": 13}
{"col": 3, "fact": "unheld", "file": "failed_branch.c", "function": "in_failure", "line": 40, "mm": "s->mm", "reason": "failed-check", "release_line": 39}
{"col": 6, "fact": "refop", "file": "failed_branch.c", "function": "copy_of_other", "line": 28, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 6, "fact": "refop", "file": "failed_branch.c", "function": "else_of_success", "line": 51, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 7, "fact": "refop", "file": "failed_branch.c", "function": "in_failure", "line": 39, "mm": "s->mm", "op": "mmget_not_zero"}
*/
