// chan_destroy() frees the channel right after dropping its mutex, while
// chan_unbind() reaches the same channel through a listener and may still
// be in mutex_lock() or mutex_unlock() on it: strong, reported.
struct chan {
	struct mutex lock;
	struct list_head listeners;
};

struct listener {
	struct chan *chan;
	struct list_head node;
};

static void chan_unbind(struct listener *l)
{
	struct chan *c = l->chan;

	mutex_lock(&c->lock);
	list_del(&l->node);
	mutex_unlock(&c->lock);
}

static void chan_destroy(struct chan *c)
{
	mutex_lock(&c->lock);
	WARN_ON(!list_empty(&c->listeners));
	mutex_unlock(&c->lock);
	kfree(c);
}

