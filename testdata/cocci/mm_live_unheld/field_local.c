// The mm is read from a struct field into a local, nothing is taken.
struct dev_state {
	struct mm_struct *mm;
	unsigned long base;
};

static int walk_user(struct dev_state *st)
{
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int ret = -EFAULT;

	mm = st->mm;
	if (mmap_read_lock_killable(mm))
		return -EINTR;
	vma = vma_lookup(mm, st->base);
	if (vma)
		ret = 0;
	mmap_read_unlock(mm);
	return ret;
}

// A field used directly with get_user_pages_remote().
static long pin_pages(struct dev_state *st, struct page **pages)
{
	long n;

	mmap_read_lock(st->mm);
	n = pin_user_pages_remote(st->mm, st->base, 1, 0, pages, NULL);
	mmap_read_unlock(st->mm);
	return n;
}

// The check is on the field, the use on the local copied from it.
static int walk_checked_origin(struct dev_state *st)
{
	struct mm_struct *mm;

	if (!mmget_not_zero(st->mm))
		return -ESRCH;
	mm = st->mm;
	mmap_read_lock(mm);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "mmap_read_lock", "col": 2, "context": "other", "fact": "live-use", "file": "field_local.c", "function": "pin_pages", "grab_line": 0, "key": "struct dev_state ->mm", "line": 28, "mm": "st->mm"}
{"api": "mmap_read_lock_killable", "col": 6, "context": "other", "fact": "live-use", "file": "field_local.c", "function": "walk_user", "grab_line": 0, "key": "struct dev_state ->mm", "line": 14, "mm": "mm"}
{"api": "pin_user_pages_remote", "col": 6, "context": "other", "fact": "live-use", "file": "field_local.c", "function": "pin_pages", "grab_line": 0, "key": "struct dev_state ->mm", "line": 29, "mm": "st->mm"}
{"api": "vma_lookup", "col": 8, "context": "other", "fact": "live-use", "file": "field_local.c", "function": "walk_user", "grab_line": 0, "key": "struct dev_state ->mm", "line": 16, "mm": "mm"}
*/
