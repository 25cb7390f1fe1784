// SPDX-License-Identifier: GPL-2.0-only
/*
 * The error path of the function that allocated the object: nobody else
 * can have reached ring yet, although ring_poll() takes the same lock
 * through another pointer. Never published: low confidence.
 */
struct ring {
	struct mutex lock;
	int head;
};

struct port {
	struct ring *ring;
};

static void ring_poll(struct port *p)
{
	struct ring *r = p->ring;

	mutex_lock(&r->lock);
	r->head++;
	mutex_unlock(&r->lock);
}

int ring_probe(struct port *p, int size)
{
	struct ring *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	mutex_lock(&r->lock);
	if (size > 4096) {
		mutex_unlock(&r->lock);
		kfree(r);
		return -EINVAL;
	}
	r->head = 0;
	mutex_unlock(&r->lock);
	p->ring = r;
	return 0;
}
