// SPDX-License-Identifier: GPL-2.0-only
/*
 * The release of a file's last reference frees the object its mappings
 * lock: buf_vma_close() is an operation of the same file (a mapping holds
 * a reference of the file), so it cannot run once ->release does.
 * Low confidence.
 */
struct buf_priv {
	struct mutex lock;
	struct list_head list;
};

struct buf_map {
	struct buf_priv *owner;
	struct list_head node;
};

static void buf_vma_close(struct vm_area_struct *vma)
{
	struct buf_map *m = vma->vm_private_data;
	struct buf_priv *b = m->owner;

	mutex_lock(&b->lock);
	list_del(&m->node);
	mutex_unlock(&b->lock);
}

static const struct vm_operations_struct buf_vm_ops = {
	.close = buf_vma_close,
};

static int buf_release(struct inode *ino, struct file *file)
{
	struct buf_priv *b = file->private_data;

	mutex_lock(&b->lock);
	WARN_ON(!list_empty(&b->list));
	mutex_unlock(&b->lock);
	kfree(b);
	return 0;
}

static const struct file_operations buf_fops = {
	.release = buf_release,
};
