// The idle branch form under an rwsem: ns_destroy() returns 0 from inside
// the branch that found no member, while member_leave() may still be in
// up_write() on the same rwsem, reached through the member.
struct ns {
	struct rw_semaphore sem;
	struct list_head members;
};

struct member {
	struct ns *ns;
	struct list_head node;
};

void member_leave(struct member *m)
{
	down_write(&m->ns->sem);
	list_del(&m->node);
	up_write(&m->ns->sem);
}

int ns_destroy(struct ns *ns)
{
	down_write(&ns->sem);
	if (list_empty(&ns->members)) {
		up_write(&ns->sem);
		return 0;
	}
	up_write(&ns->sem);
	return -EBUSY;
}

/* mmcheck-expect report
rwsem_idle.c:23:1-11: ERROR: ns_destroy() decides struct ns is idle under ->sem while member_leave() may still be unlocking it at rwsem_idle.c:18: the lock cannot order the free [unregister-race]
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-decide", "file": "rwsem_idle.c", "function": "ns_destroy", "key": "struct ns ->sem", "line": 23, "lock": "down_write", "test": "list_empty(&ns->members)", "test_line": 24, "unlock_line": 25, "waits": ""}
{"col": 2, "fact": "lock-last-access", "file": "rwsem_idle.c", "function": "member_leave", "key": "struct ns ->sem", "line": 18, "what": "list_del(&m->node)", "what_line": 17}
*/
