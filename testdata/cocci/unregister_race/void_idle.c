// Not a decide side: a void function that returns early when the list is
// empty has nothing to do, it does not hand the object to a free.
struct host {
	spinlock_t lock;
	struct list_head evlist;
};

struct event {
	struct host *host;
	struct list_head list;
};

static void host_handle_event(struct event *ev)
{
	struct host *host = ev->host;

	spin_lock(&host->lock);
	list_del(&ev->list);
	spin_unlock(&host->lock);
}

static void host_evlist_free(struct host *host)
{
	spin_lock(&host->lock);
	if (list_empty(&host->evlist)) {
		spin_unlock(&host->lock);
		return;
	}
	INIT_LIST_HEAD(&host->evlist);
	spin_unlock(&host->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-last-access", "file": "void_idle.c", "function": "host_handle_event", "key": "struct host ->lock", "line": 19, "what": "list_del(&ev->list)", "what_line": 18}
*/
