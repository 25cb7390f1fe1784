// Every kind of store of an mm into a struct field.
struct ctx {
	struct mm_struct *mm;
	struct mm_struct *source_mm;
};

static void store_acquire(struct ctx *c)
{
	c->mm = get_task_mm(current);
}

static void store_mmget(struct ctx *c, struct mm_struct *mm)
{
	mmget(mm);
	c->mm = mm;
}

static void store_checked(struct ctx *c, struct mm_struct *mm)
{
	if (mmget_not_zero(mm))
		c->mm = mm;
}

static void store_grab(struct ctx *c)
{
	mmgrab(current->mm);
	c->source_mm = current->mm;
}

static void store_traded(struct ctx *c)
{
	c->mm = get_task_mm(current);
	if (!c->mm)
		return;
	mmgrab(c->mm);
	mmput(c->mm);
}

static void store_none(struct ctx *c)
{
	c->mm = current->mm; /* the request is waited for in exit_aio() */
}

static void store_copy(struct ctx *c, struct other *o)
{
	c->mm = o->mm;
}

static void store_clear(struct ctx *c)
{
	c->mm = NULL;
}

static int kvm_init_notifier(struct kvm *kvm)
{
	kvm->mmu_notifier.ops = &kvm_mmu_notifier_ops;
	return mmu_notifier_register(&kvm->mmu_notifier, current->mm);
}

static const struct mmu_notifier_ops kvm_mmu_notifier_ops = {
	.invalidate_range_start	= kvm_invalidate_range_start,
	.release		= kvm_mmu_notifier_release,
};

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"class": "acquire", "col": 5, "comment": null, "fact": "store", "file": "stores.c", "function": "store_acquire", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 9, "ops": [], "rhs": "get_task_mm(current)"}
{"class": "acquire", "col": 5, "comment": null, "fact": "store", "file": "stores.c", "function": "store_mmget", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 15, "ops": ["mmget(mm):14"], "rhs": "mm"}
{"class": "acquire", "col": 6, "comment": null, "fact": "store", "file": "stores.c", "function": "store_checked", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 21, "ops": ["mmget_not_zero(mm):20"], "rhs": "mm"}
{"class": "copy", "col": 5, "comment": null, "fact": "store", "file": "stores.c", "function": "store_copy", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 46, "ops": [], "rhs": "o->mm"}
{"class": "grab", "col": 5, "comment": null, "fact": "store", "file": "stores.c", "function": "store_grab", "key": "struct ctx ->source_mm", "lhs": "c->source_mm", "line": 27, "ops": ["mmgrab(current->mm):26"], "rhs": "current->mm"}
{"class": "grab", "col": 5, "comment": null, "fact": "store", "file": "stores.c", "function": "store_traded", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 32, "ops": ["mmgrab(c->mm):35", "mmput(c->mm):36"], "rhs": "get_task_mm(current)"}
{"class": "none", "col": 5, "comment": "/* the request is waited for in exit_aio() */", "fact": "store", "file": "stores.c", "function": "store_none", "key": "struct ctx ->mm", "lhs": "c->mm", "line": 41, "ops": [], "rhs": "current->mm"}
{"col": 9, "fact": "notifier", "file": "stores.c", "function": "kvm_init_notifier", "line": 57, "release": true, "struct": "struct kvm"}
*/
