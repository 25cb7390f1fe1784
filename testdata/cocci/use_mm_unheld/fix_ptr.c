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

/* mmcheck-expect report
fix_ptr.c:21:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in poke() (mmgrab() is not enough) [use-mm-unheld]
fix_ptr.c:8:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in pin_user_page() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_ptr.c", "function": "pin_user_page", "key": "struct ctx ->mm", "line": 8, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_ptr.c", "function": "poke", "key": "struct ctx ->mm", "line": 21, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "fix_ptr.c", "function": "pin_user_page", "line": 8}
{"col": 2, "fact": "no-put", "file": "fix_ptr.c", "function": "poke", "line": 21}
{"col": 2, "fact": "some-unuse", "file": "fix_ptr.c", "function": "pin_user_page", "line": 8}
{"col": 2, "fact": "some-unuse", "file": "fix_ptr.c", "function": "poke", "line": 21}
{"col": 2, "fact": "unheld", "file": "fix_ptr.c", "function": "pin_user_page", "line": 8, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_ptr.c", "function": "poke", "line": 21, "reason": "no-acquire"}
*/
