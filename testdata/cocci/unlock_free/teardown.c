// Teardowns that ordered themselves: port_destroy() cancels the work that
// takes the lock before it frees the port, and ctx_release() runs after
// the last file operation, which reached the context through the file's
// own private_data (weak: a fact, no report).
struct port {
	struct mutex lock;
	struct work_struct work;
	int pending;
};

struct owner {
	struct port *port;
};

static void owner_poke(struct owner *o)
{
	struct port *p = o->port;

	mutex_lock(&p->lock);
	p->pending++;
	mutex_unlock(&p->lock);
}

static void port_destroy(struct port *p)
{
	cancel_work_sync(&p->work);
	mutex_lock(&p->lock);
	p->pending = 0;
	mutex_unlock(&p->lock);
	kfree(p);
}

struct ctx {
	struct mutex lock;
	int reads;
};

static ssize_t ctx_read(struct file *filp, char __user *buf, size_t len,
			loff_t *off)
{
	struct ctx *c = filp->private_data;

	mutex_lock(&c->lock);
	c->reads++;
	mutex_unlock(&c->lock);
	return 0;
}

static int ctx_release(struct inode *inode, struct file *filp)
{
	struct ctx *c = filp->private_data;

	mutex_lock(&c->lock);
	c->reads = 0;
	mutex_unlock(&c->lock);
	kfree(c);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "unlock-free", "file": "teardown.c", "free": "kfree", "function": "ctx_release", "key": "struct ctx ->lock", "line": 56, "strength": "weak", "unlock": "mutex_unlock", "unlock_line": 55, "why": "locked only by its owner in this file"}
*/
