// Safe: table_busy() checks the list under the lock and returns an error,
// but nothing frees the table on its answer and its name is no teardown.
struct table {
	struct mutex lock;
	struct list_head entries;
};

struct entry {
	struct table *table;
	struct list_head node;
};

static void entry_remove(struct entry *e)
{
	struct table *t = e->table;

	mutex_lock(&t->lock);
	list_del(&e->node);
	mutex_unlock(&t->lock);
}

static int table_busy(struct table *t)
{
	mutex_lock(&t->lock);
	if (!list_empty(&t->entries)) {
		mutex_unlock(&t->lock);
		return -EBUSY;
	}
	mutex_unlock(&t->lock);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-last-access", "file": "lookup_only.c", "function": "entry_remove", "key": "struct table ->lock", "line": 19, "what": "list_del(&e->node)", "what_line": 18}
*/
