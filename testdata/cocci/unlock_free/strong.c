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

/* mmcheck-expect report
strong.c:28:1-6: WARNING: kfree(c) right after mutex_unlock(&c->lock) on line 27: a lock inside the object cannot order its free (also locked through another pointer in chan_unbind()) [unlock-free]
*/

/* mmcheck-expect facts
{"col": 2, "fact": "unlock-free", "file": "strong.c", "free": "kfree", "function": "chan_destroy", "key": "struct chan ->lock", "line": 28, "strength": "strong", "unlock": "mutex_unlock", "unlock_line": 27, "why": "also locked through another pointer in chan_unbind()"}
*/
