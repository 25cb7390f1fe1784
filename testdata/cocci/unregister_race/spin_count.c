// A count tested under a spinlock: port_group_release() sees no port left
// and frees the group while port_detach() may still be unlocking it. Its
// unlock is a single store on most configurations: a warning.
struct port_group {
	spinlock_t lock;
	int nr_ports;
};

struct port {
	struct port_group *group;
};

void port_detach(struct port *port)
{
	struct port_group *grp = port->group;

	spin_lock(&grp->lock);
	grp->nr_ports--;
	spin_unlock(&grp->lock);
}

void port_group_release(struct port_group *grp)
{
	spin_lock(&grp->lock);
	if (grp->nr_ports) {
		spin_unlock(&grp->lock);
		return;
	}
	spin_unlock(&grp->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-decide", "file": "spin_count.c", "function": "port_group_release", "key": "struct port_group ->lock", "line": 24, "lock": "spin_lock", "test": "grp->nr_ports", "test_line": 25, "unlock_line": 29, "waits": ""}
{"col": 2, "fact": "lock-last-access", "file": "spin_count.c", "function": "port_detach", "key": "struct port_group ->lock", "line": 19, "what": "grp->nr_ports--", "what_line": 18}
*/
