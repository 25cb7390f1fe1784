// mm_users traded for mm_count: the reference is gone before the use.
struct win_ref {
	struct mm_struct *mm;
	unsigned long addr;
};

static void open_window(struct win_ref *ref)
{
	struct mm_struct *mm = get_task_mm(current_task());

	if (!mm)
		return;
	mmgrab(mm);
	mmput(mm);
	mmap_read_lock(mm);
	find_vma(mm, ref->addr);
	mmap_read_unlock(mm);
	ref->mm = mm;
}

// Held again before the use.
static void open_window_fixed(struct win_ref *ref)
{
	struct mm_struct *mm = get_task_mm(current_task());

	if (!mm)
		return;
	mmgrab(mm);
	mmput(mm);
	if (!mmget_not_zero(mm))
		return;
	mmap_read_lock(mm);
	find_vma(mm, ref->addr);
	mmap_read_unlock(mm);
	mmput(mm);
	ref->mm = mm;
}

/* mmcheck-expect report
traded.c:15:1-15: WARNING: mmap_read_lock(mm) on an mm pinned only by mmgrab() (line 13): take mm_users with mmget_not_zero() first [mm-live-mmgrab-only]
*/

/* mmcheck-expect facts
{"api": "find_vma", "col": 2, "context": "other", "fact": "live-use", "file": "traded.c", "function": "open_window", "grab_line": 13, "key": null, "line": 16, "mm": "mm"}
{"api": "mmap_read_lock", "col": 2, "context": "other", "fact": "live-use", "file": "traded.c", "function": "open_window", "grab_line": 13, "key": null, "line": 15, "mm": "mm"}
*/
