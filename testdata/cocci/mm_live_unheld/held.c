// Uses that hold mm_users, or whose mm is alive by definition.
struct ctx {
	struct mm_struct *mm;
	struct task_struct *task;
	unsigned long addr;
};

static void checked(struct ctx *c)
{
	if (!mmget_not_zero(c->mm))
		return;
	mmap_read_lock(c->mm);
	mmap_read_unlock(c->mm);
	mmput(c->mm);
}

static void checked_inside(struct ctx *c)
{
	if (mmget_not_zero(c->mm)) {
		mmap_write_lock(c->mm);
		mmap_write_unlock(c->mm);
		mmput(c->mm);
	}
}

static void task_mm(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return;
	mmap_read_lock(mm);
	find_vma(mm, c->addr);
	mmap_read_unlock(mm);
	mmput(mm);
}

static void counted(struct ctx *c)
{
	mmget(c->mm);
	access_remote_vm(c->mm, c->addr, NULL, 0, 0);
	mmput(c->mm);
}

static void own_mm(struct ctx *c)
{
	struct mm_struct *mm = current->mm;

	mmap_read_lock(current->mm);
	find_vma(mm, c->addr);
	mmap_read_unlock(current->mm);
}

// The caller answers for a parameter, even one pinned here.
static void helper(struct mm_struct *mm, unsigned long addr)
{
	mmgrab(mm);
	mmap_read_lock(mm);
	find_vma(mm, addr);
	mmap_read_unlock(mm);
	mmdrop(mm);
}

// A VMA is only reached through its live mm.
static void vma_mm(struct vm_area_struct *vma)
{
	mmap_assert_locked(vma->vm_mm);
	find_vma(vma->vm_mm, vma->vm_start);
}

// A page walk callback runs under the lock of the walked mm.
static int walk_hole(unsigned long addr, unsigned long end,
		     __always_unused int depth, struct mm_walk *walk)
{
	struct vm_area_struct *vma = find_vma(walk->mm, addr);

	return vma ? 1 : 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
