/* mmcheck-pin 21 */
// The context is defined, allocated zeroed and freed only here: the store
// is pinned, and each free drops the pin when the field was set.
struct user_ctx {
	struct mm_struct *mm;
	int id;
};

static void ctx_release(struct user_ctx *ctx)
{
	kfree(ctx);
}

static int ctx_open(struct file *filp, bool sva)
{
	struct user_ctx *ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	if (sva)
		ctx->mm = current->mm;
	if (register_ctx(ctx)) {
		kfree(ctx);
		return -EBUSY;
	}
	filp->private_data = ctx;
	return 0;
}
