// mmget_not_zero() called for its side effect: no reference if it failed.
struct ctx {
	struct mm_struct *mm;
	unsigned long addr;
};

static void ignored(struct ctx *c)
{
	mmgrab(c->mm);
	mmget_not_zero(c->mm);
	mmap_read_lock(c->mm);
	find_vma(c->mm, c->addr);
	mmap_read_unlock(c->mm);
	mmput(c->mm);
	mmdrop(c->mm);
}

/* mmcheck-expect report
ignored.c:11:1-15: WARNING: mmap_read_lock(c->mm) on an mm pinned only by mmgrab() (line 9): take mm_users with mmget_not_zero() first [mm-live-mmgrab-only]
*/

/* mmcheck-expect facts
{"api": "find_vma", "col": 2, "context": "other", "fact": "live-use", "file": "ignored.c", "function": "ignored", "grab_line": 9, "key": "struct ctx ->mm", "line": 12, "mm": "c->mm"}
{"api": "mmap_read_lock", "col": 2, "context": "other", "fact": "live-use", "file": "ignored.c", "function": "ignored", "grab_line": 9, "key": "struct ctx ->mm", "line": 11, "mm": "c->mm"}
*/
