/* mmcheck-fix 20:live,36:live,53:live,64:live */
// A live use (the mmap lock, a VMA lookup) of an mm that a worker keeps
// with mmgrab() alone: the fix takes mm_users with mmget_not_zero() before
// the lock, bails out as the function already does, and drops it with
// mmput() after each unlock that ends the locked span.
struct fault_ctx {
	struct mm_struct *mm;
	struct work_struct work;
	unsigned long addr;
	bool active;
};

static void fault_work(struct work_struct *work)
{
	struct fault_ctx *ctx = container_of(work, struct fault_ctx, work);
	struct vm_area_struct *vma;

	if (!ctx->active)
		return;
	mmap_read_lock(ctx->mm);		/* fix: return; */
	vma = find_vma(ctx->mm, ctx->addr);
	if (vma)
		vma->vm_flags |= VM_DONTCOPY;
	mmap_read_unlock(ctx->mm);
}

// An int function with two unlocks: mmput() after each.
static int fault_resolve(struct fault_ctx *ctx, unsigned long addr)
{
	struct mm_struct *mm = ctx->mm;
	struct vm_area_struct *vma;
	int ret = 0;

	if (!addr)
		return -EINVAL;
	mmap_write_lock(mm);			/* fix: return -EINVAL; */
	vma = vma_lookup(mm, addr);
	if (!vma) {
		mmap_write_unlock(mm);
		return -EFAULT;
	}
	ret = fixup_user_fault(mm, addr, FAULT_FLAG_WRITE, NULL);
	mmap_write_unlock(mm);
	return ret;
}

// No patch: a void worker with no return before the use; it always
// completes the request after the use, a bail-out would skip that.
static void fault_work_complete(struct work_struct *work)
{
	struct fault_ctx *ctx = container_of(work, struct fault_ctx, work);

	mmap_read_lock(ctx->mm);		/* no fix */
	find_vma(ctx->mm, ctx->addr);
	mmap_read_unlock(ctx->mm);
	complete(&ctx->done);
}

// No patch: a path returns with the lock still taken.
static int fault_leaky(struct fault_ctx *ctx)
{
	if (!ctx->active)
		return -ENODEV;
	mmap_read_lock(ctx->mm);		/* no fix */
	if (!find_vma(ctx->mm, ctx->addr))
		return -EFAULT;
	mmap_read_unlock(ctx->mm);
	return 0;
}
