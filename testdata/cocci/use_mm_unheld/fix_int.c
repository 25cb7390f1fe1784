// An int function whose only error exit is a later return -EFAULT;.
static int read_status(struct ctx *c, void __user *ubuf)
{
	struct status st;
	int rc;

	kthread_use_mm(c->mm);			/* fix */
	rc = fetch_status(c, &st);
	kthread_unuse_mm(c->mm);
	if (copy_to_user(ubuf, &st, sizeof(st)))
		return -EFAULT;
	return rc;
}

// The first error exit wins: the -EINVAL before the use.
static long write_word(struct ctx *c, unsigned long addr, u32 val)
{
	long rc;

	if (addr & 3)
		return -EINVAL;
	kthread_use_mm(c->mm);			/* fix */
	rc = put_user(val, (u32 __user *)addr);
	kthread_unuse_mm(c->mm);
	if (rc)
		return -EFAULT;
	return 0;
}

/* mmcheck-expect report
fix_int.c:22:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in write_word() (mmgrab() is not enough) [use-mm-unheld]
fix_int.c:7:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in read_status() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_int.c", "function": "read_status", "key": "struct ctx ->mm", "line": 7, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_int.c", "function": "write_word", "key": "struct ctx ->mm", "line": 22, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "fix_int.c", "function": "read_status", "line": 7}
{"col": 2, "fact": "no-put", "file": "fix_int.c", "function": "write_word", "line": 22}
{"col": 2, "fact": "some-unuse", "file": "fix_int.c", "function": "read_status", "line": 7}
{"col": 2, "fact": "some-unuse", "file": "fix_int.c", "function": "write_word", "line": 22}
{"col": 2, "fact": "unheld", "file": "fix_int.c", "function": "read_status", "line": 7, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_int.c", "function": "write_word", "line": 22, "reason": "no-acquire"}
*/
