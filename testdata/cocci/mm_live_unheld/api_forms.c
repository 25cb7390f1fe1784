// The other live uses: the rwsem forms, the VMA iterators, the maple tree,
// the older get_user_pages_remote() with a task first, and page walks.
struct obj {
	struct mm_struct *mm;
	struct task_struct *task;
	unsigned long start, end;
};

static void old_sem(struct obj *o)
{
	mmgrab(o->mm);
	down_write(&o->mm->mmap_sem);
	up_write(&o->mm->mmap_sem);
	down_read_killable(&o->mm->mmap_lock);
	up_read(&o->mm->mmap_lock);
	mmdrop(o->mm);
}

static int count_vmas(struct obj *o)
{
	struct mm_struct *mm = o->mm;
	struct vm_area_struct *vma;
	int n = 0;
	VMA_ITERATOR(vmi, mm, 0);

	for_each_vma(vmi, vma)
		n++;
	return n;
}

static int count_mas(struct obj *o)
{
	struct vm_area_struct *vma;
	int n = 0;
	MA_STATE(mas, &o->mm->mm_mt, 0, 0);

	mas_for_each(&mas, vma, ULONG_MAX)
		n++;
	return n;
}

static long old_gup(struct obj *o, struct page **pages)
{
	return get_user_pages_remote(o->task, o->mm, o->start, 1, 0, pages,
				     NULL, NULL);
}

static int walk(struct obj *o, const struct mm_walk_ops *ops)
{
	int ret;

	mmap_read_lock(o->mm);
	ret = walk_page_range(o->mm, o->start, o->end, ops, NULL);
	mmap_read_unlock(o->mm);
	return ret;
}

static void nested(struct obj *o)
{
	mmap_write_lock_nested(o->mm, SINGLE_DEPTH_NESTING);
	mmap_write_unlock(o->mm);
}

/* mmcheck-expect report
api_forms.c:12:1-11: WARNING: down_write(o->mm) on an mm pinned only by mmgrab() (line 11): take mm_users with mmget_not_zero() first [mm-live-mmgrab-only]
*/

/* mmcheck-expect facts
{"api": "MA_STATE", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "count_mas", "grab_line": 0, "key": "struct obj ->mm", "line": 35, "mm": "o->mm"}
{"api": "VMA_ITERATOR", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "count_vmas", "grab_line": 0, "key": "struct obj ->mm", "line": 24, "mm": "mm"}
{"api": "down_read_killable", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "old_sem", "grab_line": 11, "key": "struct obj ->mm", "line": 14, "mm": "o->mm"}
{"api": "down_write", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "old_sem", "grab_line": 11, "key": "struct obj ->mm", "line": 12, "mm": "o->mm"}
{"api": "get_user_pages_remote", "col": 9, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "old_gup", "grab_line": 0, "key": "struct obj ->mm", "line": 44, "mm": "o->mm"}
{"api": "mmap_read_lock", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "walk", "grab_line": 0, "key": "struct obj ->mm", "line": 52, "mm": "o->mm"}
{"api": "mmap_write_lock_nested", "col": 2, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "nested", "grab_line": 0, "key": "struct obj ->mm", "line": 60, "mm": "o->mm"}
{"api": "walk_page_range", "col": 8, "context": "other", "fact": "live-use", "file": "api_forms.c", "function": "walk", "grab_line": 0, "key": "struct obj ->mm", "line": 53, "mm": "o->mm"}
*/
