// Uses that are selected but get no fix, each with its reason.

// An int function with no error exit to imitate.
static int count_pages(struct ctx *c)
{
	int n;

	kthread_use_mm(c->mm);			/* fix */
	n = walk(c);
	kthread_unuse_mm(c->mm);
	return n;
}

// The mm expression has a side effect.
static void next_mm(struct ctx *c)
{
	kthread_use_mm(c->mms[c->i++]);		/* fix */
	copy(c);
	kthread_unuse_mm(c->mms[c->i]);
}

// In a loop, a bail-out would skip the kfree() after it.
static void copy_all(struct ctx *c)
{
	void *tmp = kmalloc(64, GFP_KERNEL);
	int i;

	for (i = 0; i < c->n; i++) {
		kthread_use_mm(c->mm);		/* fix */
		copy_chunk(c, tmp, i);
		kthread_unuse_mm(c->mm);
	}
	kfree(tmp);
}

// In a macro body.
#define WITH_MM(mm, stmt)					\
	do {							\
		kthread_use_mm(mm);	/* fix */		\
		stmt;						\
		kthread_unuse_mm(mm);				\
	} while (0)

// mmput() already follows the use: the reference comes from elsewhere.
static void put_after(struct ctx *c)
{
	kthread_use_mm(c->mm);			/* fix */
	copy(c);
	kthread_unuse_mm(c->mm);
	mmput(c->mm);
}

/* mmcheck-expect report
fix_refused.c:17:1-15: WARNING: kthread_use_mm(c->mms[c->i ++]) without an mm_users reference held in next_mm() (mmgrab() is not enough) [use-mm-unheld]
fix_refused.c:29:2-16: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in copy_all() (mmgrab() is not enough) [use-mm-unheld]
fix_refused.c:39:2-16: WARNING: kthread_use_mm(mm) without an mm_users reference held in WITH_MM() (mmgrab() is not enough) [use-mm-unheld]
fix_refused.c:47:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in put_after() (mmgrab() is not enough) [use-mm-unheld]
fix_refused.c:8:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in count_pages() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_refused.c", "function": "count_pages", "key": "struct ctx ->mm", "line": 8, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_refused.c", "function": "next_mm", "key": null, "line": 17, "mm": "c->mms[c->i ++]"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_refused.c", "function": "put_after", "key": "struct ctx ->mm", "line": 47, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "fix_refused.c", "function": "WITH_MM", "key": null, "line": 39, "macro": true, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "fix_refused.c", "function": "copy_all", "key": "struct ctx ->mm", "line": 29, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "fix_refused.c", "function": "count_pages", "line": 8}
{"col": 2, "fact": "no-put", "file": "fix_refused.c", "function": "next_mm", "line": 17}
{"col": 2, "fact": "no-unuse", "file": "fix_refused.c", "function": "next_mm", "line": 17}
{"col": 2, "fact": "refop", "file": "fix_refused.c", "function": "put_after", "line": 50, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "fix_refused.c", "function": "put_after", "line": 47}
{"col": 2, "fact": "some-unuse", "file": "fix_refused.c", "function": "count_pages", "line": 8}
{"col": 2, "fact": "some-unuse", "file": "fix_refused.c", "function": "put_after", "line": 47}
{"col": 2, "fact": "unheld", "file": "fix_refused.c", "function": "count_pages", "line": 8, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_refused.c", "function": "next_mm", "line": 17, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_refused.c", "function": "put_after", "line": 47, "reason": "no-acquire"}
{"col": 3, "fact": "no-put", "file": "fix_refused.c", "function": "copy_all", "line": 29}
{"col": 3, "fact": "some-unuse", "file": "fix_refused.c", "function": "copy_all", "line": 29}
{"col": 3, "fact": "unheld", "file": "fix_refused.c", "function": "WITH_MM", "line": 39, "macro": true, "reason": "no-acquire"}
{"col": 3, "fact": "unheld", "file": "fix_refused.c", "function": "copy_all", "line": 29, "reason": "no-acquire"}
{"col": 3, "fact": "wrapper", "file": "fix_refused.c", "function": "WITH_MM", "index": 0, "line": 39, "macro": true, "mm": "mm", "static": true, "wrapper": "WITH_MM"}
*/
