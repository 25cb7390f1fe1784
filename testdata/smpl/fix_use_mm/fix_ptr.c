/* mmcheck-fix 9,22 */
// A pointer function bails out with its own return NULL;.
static struct page *pin_user_page(struct ctx *c, unsigned long addr)
{
	struct page *page = NULL;

	if (!c->mm)
		return NULL;
	kthread_use_mm(c->mm);			/* fix */
	get_user_pages_fast(addr, 1, FOLL_WRITE, &page);
	kthread_unuse_mm(c->mm);
	return page;
}

// A bool function bails out with return false;.
static bool poke(struct ctx *c, u32 __user *addr)
{
	bool ok;

	if (!addr)
		return false;
	kthread_use_mm(c->mm);			/* fix */
	ok = !put_user(1, addr);
	kthread_unuse_mm(c->mm);
	return ok;
}
