// Not reported: client_leave() touches the hub again after its unlock (it
// wakes the hub's waiters), so the unlock is not its last access, and
// hub_unregister() is a decide side with no last-access side to pair with.
struct hub {
	struct mutex lock;
	struct list_head clients;
	wait_queue_head_t wq;
};

struct client {
	struct hub *hub;
	struct list_head node;
};

static void client_leave(struct client *c)
{
	struct hub *hub = c->hub;

	mutex_lock(&hub->lock);
	list_del_init(&c->node);
	mutex_unlock(&hub->lock);
	wake_up(&hub->wq);
}

int hub_unregister(struct hub *hub)
{
	mutex_lock(&hub->lock);
	if (!list_empty(&hub->clients)) {
		mutex_unlock(&hub->lock);
		return -EBUSY;
	}
	mutex_unlock(&hub->lock);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-decide", "file": "touched_after.c", "function": "hub_unregister", "key": "struct hub ->lock", "line": 27, "lock": "mutex_lock", "test": "!list_empty(&hub->clients)", "test_line": 28, "unlock_line": 32, "waits": ""}
*/
