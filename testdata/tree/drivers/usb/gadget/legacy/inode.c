// SPDX-License-Identifier: GPL-2.0+
/* The AIO copy worker as it was: the mm relies on AIO teardown order. */
#include <linux/mmu_context.h>

struct kiocb_priv {
	struct mm_struct *mm;
	struct work_struct work;
};

static void ep_user_copy_worker(struct work_struct *work)
{
	struct kiocb_priv *priv = container_of(work, struct kiocb_priv, work);
	struct mm_struct *mm = priv->mm;
	size_t ret;

	use_mm(mm);
	ret = copy_to_iter(priv->buf, priv->actual, &priv->to);
	unuse_mm(mm);
	priv->iocb->ki_complete(priv->iocb, ret);
}

static ssize_t ep_aio(struct kiocb *iocb, struct kiocb_priv *priv)
{
	iocb->private = priv;
	priv->iocb = iocb;
	priv->mm = current->mm; /* mm teardown waits for iocbs in exit_aio() */
	return -EIOCBQUEUED;
}
