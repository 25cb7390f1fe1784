// The USB gadget AIO worker: no count, but the order is explained.
struct kiocb_priv {
	struct mm_struct *mm;
};

static ssize_t ep_aio(struct kiocb_priv *priv)
{
	priv->mm = current->mm; /* mm teardown waits for iocbs in exit_aio() */
	return -EIOCBQUEUED;
}
