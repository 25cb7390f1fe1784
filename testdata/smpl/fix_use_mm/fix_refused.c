/* mmcheck-fix 9,18,30,40,48 */
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
