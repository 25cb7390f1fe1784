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

/* mmcheck-expect report
fix_ptr.c:22:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in poke() (mmgrab() is not enough) [use-mm-unheld]
fix_ptr.c:9:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in pin_user_page() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_ptr.c", "function": "pin_user_page", "key": "struct ctx ->mm", "line": 9, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_ptr.c", "function": "poke", "key": "struct ctx ->mm", "line": 22, "mm": "c->mm"}
{"bail": "return NULL;", "col": 2, "fact": "fix", "file": "fix_ptr.c", "function": "pin_user_page", "line": 9, "mm": "c->mm"}
{"bail": "return false;", "col": 2, "fact": "fix", "file": "fix_ptr.c", "function": "poke", "line": 22, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "fix_ptr.c", "function": "pin_user_page", "line": 9}
{"col": 2, "fact": "no-put", "file": "fix_ptr.c", "function": "poke", "line": 22}
{"col": 2, "fact": "some-unuse", "file": "fix_ptr.c", "function": "pin_user_page", "line": 9}
{"col": 2, "fact": "some-unuse", "file": "fix_ptr.c", "function": "poke", "line": 22}
{"col": 2, "fact": "unheld", "file": "fix_ptr.c", "function": "pin_user_page", "line": 9, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_ptr.c", "function": "poke", "line": 22, "reason": "no-acquire"}
*/

/* mmcheck-expect patch
--- fix_ptr.c
+++ fix_ptr.c
@@ -6,9 +6,12 @@ static struct page *pin_user_page(struct
 
 	if (!c->mm)
 		return NULL;
+	if (!mmget_not_zero(c->mm))
+		return NULL;
 	kthread_use_mm(c->mm);			/* fix */
 	get_user_pages_fast(addr, 1, FOLL_WRITE, &page);
 	kthread_unuse_mm(c->mm);
+	mmput(c->mm);
 	return page;
 }
 
@@ -19,8 +22,11 @@ static bool poke(struct ctx *c, u32 __us
 
 	if (!addr)
 		return false;
+	if (!mmget_not_zero(c->mm))
+		return false;
 	kthread_use_mm(c->mm);			/* fix */
 	ok = !put_user(1, addr);
 	kthread_unuse_mm(c->mm);
+	mmput(c->mm);
 	return ok;
 }
*/
