// The success branch of mmget_not_zero() holds mm_users, also when the mm
// reaches the use through a copy or the test's result through a flag.
struct sess {
	struct mm_struct *mm;
};

/* a copy made in the success branch */
static void copy_in_branch(struct sess *s)
{
	struct mm_struct *cur;

	if (mmget_not_zero(s->mm)) {
		cur = s->mm;
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
		mmput(s->mm);
	}
}

/* the result in a flag, the use under its success test */
static int flag_and_copy(struct sess *s)
{
	struct mm_struct *mm = s->mm, *cur;
	int fault;

	fault = !mmget_not_zero(mm);
	if (!fault) {
		cur = mm;
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
		mmput(mm);
	}
	return fault;
}

/* the else branch of a failed test */
static void else_branch(struct sess *s)
{
	struct mm_struct *cur;

	if (!mmget_not_zero(s->mm)) {
		pr_debug("owner gone\n");
	} else {
		cur = s->mm;
		kthread_use_mm(cur);
		run(s);
		kthread_unuse_mm(cur);
		mmput(s->mm);
	}
}

/* a copy of the same mm, made before the test */
static void copy_before_same(struct sess *s)
{
	struct mm_struct *cur = s->mm;

	if (!mmget_not_zero(s->mm))
		return;
	kthread_use_mm(cur);
	run(s);
	kthread_unuse_mm(cur);
	mmput(s->mm);
}

/* a flag declared with the test's result */
static void bool_flag(struct sess *s)
{
	bool live = mmget_not_zero(s->mm);

	if (live) {
		kthread_use_mm(s->mm);
		run(s);
		kthread_unuse_mm(s->mm);
		mmput(s->mm);
	}
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_checked_branch.c", "function": "copy_before_same", "key": null, "line": 61, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_checked_branch.c", "function": "bool_flag", "key": "struct sess ->mm", "line": 73, "mm": "s->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_checked_branch.c", "function": "copy_in_branch", "key": null, "line": 14, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_checked_branch.c", "function": "else_branch", "key": null, "line": 47, "mm": "cur"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_checked_branch.c", "function": "flag_and_copy", "key": null, "line": 30, "mm": "cur"}
{"col": 11, "fact": "refop", "file": "held_checked_branch.c", "function": "flag_and_copy", "line": 27, "mm": "mm", "op": "mmget_not_zero"}
{"col": 14, "fact": "refop", "file": "held_checked_branch.c", "function": "bool_flag", "line": 70, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 2, "fact": "no-put", "file": "held_checked_branch.c", "function": "copy_before_same", "line": 61}
{"col": 2, "fact": "origin", "file": "held_checked_branch.c", "function": "copy_before_same", "held": true, "key": "struct sess ->mm", "line": 61, "mm": "cur", "origin": "s->mm", "origin_line": 57}
{"col": 2, "fact": "refop", "file": "held_checked_branch.c", "function": "copy_before_same", "line": 64, "mm": "s->mm", "op": "mmput"}
{"col": 2, "fact": "some-unuse", "file": "held_checked_branch.c", "function": "copy_before_same", "line": 61}
{"col": 3, "fact": "origin", "file": "held_checked_branch.c", "function": "copy_in_branch", "held": true, "key": "struct sess ->mm", "line": 14, "mm": "cur", "origin": "s->mm", "origin_line": 13}
{"col": 3, "fact": "origin", "file": "held_checked_branch.c", "function": "else_branch", "held": true, "key": "struct sess ->mm", "line": 47, "mm": "cur", "origin": "s->mm", "origin_line": 46}
{"col": 3, "fact": "origin", "file": "held_checked_branch.c", "function": "flag_and_copy", "held": true, "key": null, "line": 30, "mm": "cur", "origin": "mm", "origin_line": 29}
{"col": 3, "fact": "refop", "file": "held_checked_branch.c", "function": "bool_flag", "line": 76, "mm": "s->mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "held_checked_branch.c", "function": "copy_in_branch", "line": 17, "mm": "s->mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "held_checked_branch.c", "function": "else_branch", "line": 50, "mm": "s->mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "held_checked_branch.c", "function": "flag_and_copy", "line": 33, "mm": "mm", "op": "mmput"}
{"col": 6, "fact": "refop", "file": "held_checked_branch.c", "function": "copy_in_branch", "line": 12, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 7, "fact": "refop", "file": "held_checked_branch.c", "function": "copy_before_same", "line": 59, "mm": "s->mm", "op": "mmget_not_zero"}
{"col": 7, "fact": "refop", "file": "held_checked_branch.c", "function": "else_branch", "line": 43, "mm": "s->mm", "op": "mmget_not_zero"}
*/
