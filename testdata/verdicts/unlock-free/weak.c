// Only the owner ever takes the lock in this file: weak evidence, a fact
// for the driver but no report in the kernel modes.
struct widget {
	struct mutex lock;
	spinlock_t slock;
	void *buf;
};

static void widget_free(struct widget *w)
{
	mutex_lock(&w->lock);
	kfree(w->buf);
	w->buf = NULL;
	mutex_unlock(&w->lock);
	kvfree(w);
}

static void widget_free_spin(struct kmem_cache *cache, struct widget *w)
{
	unsigned long flags;

	spin_lock_irqsave(&w->slock, flags);
	w->buf = NULL;
	spin_unlock_irqrestore(&w->slock, flags);
	kmem_cache_free(cache, w);
}

