// Not the object that holds the lock: the child is freed after the
// parent's unlock, or the pointer was moved on before the free.
struct node {
	struct mutex lock;
	struct list_head children;
	struct list_head sibling;
	struct node *next;
};

static void node_drop_child(struct node *parent, struct node *child)
{
	mutex_lock(&parent->lock);
	list_del(&child->sibling);
	mutex_unlock(&parent->lock);
	kfree(child);
}

static void node_free_next(struct node *n)
{
	mutex_lock(&n->lock);
	mutex_unlock(&n->lock);
	n = n->next;
	kfree(n);
}

static void node_walk(struct node *n)
{
	struct node *next = n->next;

	mutex_lock(&next->lock);
	mutex_unlock(&next->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
