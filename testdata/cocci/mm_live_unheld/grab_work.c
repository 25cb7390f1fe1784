// A work item that pins the mm with mmgrab() and then uses it live.
struct svm_ctx {
	struct mm_struct *mm;
	struct work_struct work;
	unsigned long addr;
};

static void fault_work(struct work_struct *work)
{
	struct svm_ctx *ctx = container_of(work, struct svm_ctx, work);
	struct mm_struct *mm = ctx->mm;
	struct vm_area_struct *vma;

	mmgrab(mm);
	mmap_read_lock(mm);
	vma = find_vma(mm, ctx->addr);
	if (vma)
		handle(vma);
	mmap_read_unlock(mm);
	mmdrop(mm);
}

// The fixed twin: mm_users is taken around the use.
static void fault_work_fixed(struct work_struct *work)
{
	struct svm_ctx *ctx = container_of(work, struct svm_ctx, work);
	struct mm_struct *mm = ctx->mm;
	struct vm_area_struct *vma;

	mmgrab(mm);
	if (!mmget_not_zero(mm))
		goto out;
	mmap_read_lock(mm);
	vma = find_vma(mm, ctx->addr);
	if (vma)
		handle(vma);
	mmap_read_unlock(mm);
	mmput(mm);
out:
	mmdrop(mm);
}

// A kernel thread that borrows a grabbed field and pins its pages.
static int pin_thread(void *data)
{
	struct svm_ctx *ctx = data;
	struct page *page;

	mmgrab(ctx->mm);
	kthread_use_mm(ctx->mm);
	get_user_pages_remote(ctx->mm, ctx->addr, 1, FOLL_WRITE, &page, NULL);
	kthread_unuse_mm(ctx->mm);
	mmdrop(ctx->mm);
	return 0;
}

/* mmcheck-expect report
grab_work.c:15:1-15: WARNING: mmap_read_lock(mm) on an mm pinned only by mmgrab() (line 14): take mm_users with mmget_not_zero() first [mm-live-mmgrab-only]
grab_work.c:51:1-22: WARNING: get_user_pages_remote(ctx->mm) on an mm pinned only by mmgrab() (line 49): take mm_users with mmget_not_zero() first [mm-live-mmgrab-only]
*/

/* mmcheck-expect facts
{"api": "find_vma", "col": 8, "context": "work", "fact": "live-use", "file": "grab_work.c", "function": "fault_work", "grab_line": 14, "key": "struct svm_ctx ->mm", "line": 16, "mm": "mm"}
{"api": "get_user_pages_remote", "col": 2, "context": "kthread", "fact": "live-use", "file": "grab_work.c", "function": "pin_thread", "grab_line": 49, "key": "struct svm_ctx ->mm", "line": 51, "mm": "ctx->mm"}
{"api": "mmap_read_lock", "col": 2, "context": "work", "fact": "live-use", "file": "grab_work.c", "function": "fault_work", "grab_line": 14, "key": "struct svm_ctx ->mm", "line": 15, "mm": "mm"}
*/
