// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lock family's other party; see lockctx.h.
 *
 * A lock inside an object cannot order the object's free, but something
 * else often does: the other users of the lock run in contexts that the
 * freeing side stops first (a work item it cancels, a timer it deletes
 * synchronously, a thread it stops, a sysfs group it removes), or they
 * are operations of the very file whose last reference the free
 * releases, or the object was never published (the free is the error
 * path of the function that allocated it). This file finds, for each
 * other user, the contexts it runs in by walking the call graph up to the
 * code that starts it (ctx-call and ctx-entry facts), and the quiescing
 * calls before the free, in the freeing function, the helpers it calls
 * first and its callers before their call (ctx-quiesce facts). A user
 * whose context the free does not wait for is the other party, named in
 * the evidence; a finding with none left goes to low confidence.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "callgraph.h"
#include "lockctx.h"
#include "strbuf.h"
#include "usage.h"

/* How far the call graph is walked up from a user, and from the free. */
#define USER_DEPTH 4
#define FREE_DEPTH 2
/* Evidence lines per finding, beyond which the rest is counted. */
#define MAX_PARTIES 6

struct quiesces {
	const struct fact **items;
	size_t nr, alloc;
};

static void add_quiesces(const struct ctxfacts *cf, const char *file,
			 const char *fn, int before, struct quiesces *qs)
{
	for (size_t i = 0; i < cf->quiesces->nr; i++) {
		const struct fact *f = cf->quiesces->items[i];

		if (strcmp(f->function, fn) ||
		    strcmp(f->file, file) || (before && f->line >= before))
			continue;
		ALLOC_GROW(qs->items, qs->nr + 1, qs->alloc);
		qs->items[qs->nr++] = f;
	}
}

/*
 * The quiescing calls that run before line before of fn (0: anywhere in
 * it): its own, those of the helpers of its file it calls before, and,
 * up to depth, those of its callers before their call.
 */
static void quiesced_before(const struct ctxfacts *cf, const char *file,
			    const char *fn, int before, int depth,
			    struct quiesces *qs)
{
	size_t lo, hi;

	add_quiesces(cf, file, fn, before, qs);
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *f = cf->items[i];
		json_t *names = json_object_get(f->obj, "callees"), *x;
		size_t k;
		int at;

		if (!ctx_is_kind(f, "ctx-calls") || strcmp(f->function, fn) ||
		    strcmp(f->file, file))
			continue;
		/* the helpers of the file it calls first */
		json_array_foreach(names, k, x) {
			const char *callee = json_string_value(x);

			at = callee ? call_line(f, callee) : 0;
			if (at && (!before || at < before))
				add_quiesces(cf, file, callee, 0, qs);
		}
	}
	if (depth <= 0)
		return;
	hi = named_range(&cf->calls, fn, &lo);
	for (; lo < hi; lo++) {
		const struct named *c = &cf->calls.items[lo];

		if (strcmp(c->f->function, fn))
			quiesced_before(cf, c->f->file, c->f->function,
					c->line, depth - 1, qs);
	}
}

static const char *const work_waits[] = {
	"cancel_work_sync", "flush_work", "cancel_delayed_work_sync",
	"flush_delayed_work", "kthread_cancel_work_sync", NULL,
};
static const char *const queue_waits[] = {
	"destroy_workqueue", "drain_workqueue", "flush_workqueue", NULL,
};
static const char *const timer_waits[] = {
	"del_timer_sync", "timer_delete_sync", "timer_shutdown_sync",
	"hrtimer_cancel", NULL,
};
static const char *const irq_waits[] = {
	"free_irq", "devm_free_irq", "synchronize_irq", NULL,
};
static const char *const attr_removes[] = {
	"sysfs_remove_group", "sysfs_remove_groups", "device_remove_group",
	"device_remove_groups", "device_remove_file", "sysfs_remove_file",
	"device_unregister", "device_del", NULL,
};
static const char *const seq_removes[] = {
	"debugfs_remove", "debugfs_remove_recursive",
	"debugfs_lookup_and_remove", "proc_remove", "remove_proc_entry", NULL,
};

static const char *const netdev_unregisters[] = {
	"unregister_netdev", "unregister_netdevice", NULL,
};

/* An unregister (or deregister) whose argument names var. */
static int unregisters(const struct fact *q, const char *var)
{
	const char *call = fact_str(q, "call"), *arg = fact_str(q, "expr");

	return call && arg && var && *var &&
	       (strstr(call, "unregister") || strstr(call, "deregister")) &&
	       !strcmp(ctx_last_field(arg), var);
}

/* Does q stop the context that entry e starts? */
static int stops(const struct fact *q, const struct fact *e)
{
	const char *how = fact_str(e, "how"), *via = fact_str(e, "via");
	const char *call = fact_str(q, "call"), *qarg = fact_str(q, "expr");
	const char *field = ctx_last_field(fact_str(e, "expr"));

	if (!how || !call)
		return 0;
	if (!strcmp(how, "work"))
		return ctx_in_list(call, queue_waits) ||
		       (ctx_in_list(call, work_waits) &&
			!strcmp(ctx_last_field(qarg), field));
	if (!strcmp(how, "timer"))
		return ctx_in_list(call, timer_waits) &&
		       !strcmp(ctx_last_field(qarg), field);
	if (!strcmp(how, "tasklet"))
		return !strcmp(call, "tasklet_kill") &&
		       !strcmp(ctx_last_field(qarg), field);
	if (!strcmp(how, "kthread"))
		return !strncmp(call, "kthread_stop", 12);
	if (!strcmp(how, "irq"))
		return ctx_in_list(call, irq_waits);
	if (!strcmp(how, "sysfs"))
		return ctx_in_list(call, attr_removes);
	if (!strcmp(how, "seq"))
		return ctx_in_list(call, seq_removes);
	/* ops: the unregister of what reaches it */
	if (ctx_str_is(via, "struct block_device_operations") &&
	    !strcmp(call, "del_gendisk"))
		return 1;	/* ->release runs under the disk's open_mutex */
	if (ctx_str_is(via, "struct notifier_block") &&
	    !strncmp(call, "synchronize_", 12))
		return 1;
	if ((ctx_str_is(via, "struct file_operations") ||
	     ctx_str_is(via, "struct seq_operations")) &&
	    ctx_in_list(call, seq_removes))
		return 1;	/* debugfs removal waits for its files' ops */
	if (ctx_str_is(via, "struct net_device_ops") &&
	    ctx_in_list(call, netdev_unregisters))
		return 1;	/* ndo calls hold rtnl, which unregister takes */
	return unregisters(q, fact_str(e, "var"));
}

/* The members through which a file's last reference is released. */
static const char *const release_members[] = {
	"release", "postclose", NULL,
};

/*
 * Is the free the release of a file's last reference, and e an
 * operation of that same file (an ops table of the same source file: its
 * file_operations, or the vm_operations_struct of its mappings, which
 * hold a reference of the file)? Returns the release entry, or NULL.
 */
static const struct fact *own_file_op(const struct contexts *freeside,
				      const struct fact *e)
{
	if (!ctx_str_is(fact_str(e, "how"), "ops"))
		return NULL;
	for (size_t i = 0; i < freeside->nr; i++) {
		const struct fact *r = freeside->items[i].entry;

		if (r && ctx_str_is(fact_str(r, "how"), "ops") &&
		    ctx_in_list(fact_str(r, "expr"), release_members) &&
		    !strcmp(r->file, e->file) && r != e)
			return r;
	}
	return NULL;
}


struct judgement {
	const struct ctxfacts *cf;
	const struct lock_free *f;
	struct quiesces qs;
	struct contexts freeside;
	struct use_site *u;
	int open;		/* contexts the free does not wait for */
	int lines;		/* evidence lines written */
	int pass;		/* evidence of this rank only (say()) */
};

/*
 * Evidence of rank 0 (an open entry: the other party, named), 1 (an open
 * root) or 2 (the rest), written in that order, one rank a pass.
 */
static void say(struct judgement *j, int rank, const char *file, int line,
		char *what)
{
	if (rank != j->pass)
		free(what);
	else if (j->lines++ < MAX_PARTIES)
		site_evidence(j->u, file, line, what);
	else
		free(what);
}

/* One context c of the user at fact l: quiesced, own, or open. */
static void judge_context(struct judgement *j, const struct fact *l,
			  const struct context *c)
{
	const struct fact *e = c->entry, *r;
	char *ctx;

	if (!e && c->outside) {
		j->open += j->pass == 1;
		say(j, 1, l->file, l->line,
		    xstrfmt(EVIDENCE_OTHER_PARTY "%s() takes the lock as %s, "
			    "and the last of them is not static: called from outside "
			    "the files read, in any context", l->function,
			    c->chain));
		return;
	}
	if (!e) {
		say(j, 2, l->file, l->line,
		    xstrfmt("%s() takes the lock, reached only as %s: a "
			    "static function that no work item, timer, thread, "
			    "interrupt, attribute or subsystem ops member "
			    "starts", l->function, c->chain));
		return;
	}
	ctx = entry_text(e);
	for (size_t i = 0; i < j->qs.nr; i++) {
		const struct fact *q = j->qs.items[i];

		if (!stops(q, e))
			continue;
		say(j, 2, q->file, q->line,
		    xstrfmt("quiesced: %s() takes the lock as %s, run as %s; "
			    "%s(%s) in %s() stops it before the free",
			    l->function, c->chain, ctx, fact_str(q, "call"),
			    fact_str(q, "expr"), q->function));
		free(ctx);
		return;
	}
	if ((r = own_file_op(&j->freeside, e))) {
		say(j, 2, l->file, l->line,
		    xstrfmt("%s() takes the lock as %s, run as %s: an "
			    "operation of the file whose last reference the "
			    "free releases (.%s = %s at %s:%d)", l->function,
			    c->chain, ctx, fact_str(r, "expr"),
			    fact_str(r, "target"), r->file, r->line));
		free(ctx);
		return;
	}
	j->open += j->pass == 0;
	say(j, 0, l->file, l->line,
	    xstrfmt(EVIDENCE_OTHER_PARTY "%s() takes the lock as %s, "
		    "run as %s, which nothing before the free waits for", l->function,
		    c->chain, ctx));
	free(ctx);
}

static void judge_user(struct judgement *j, const struct fact *l)
{
	struct contexts cs = { NULL, 0, 0 };

	contexts_of(j->cf, l->file, l->function, USER_DEPTH, 0, &cs);
	for (size_t i = 0; i < cs.nr; i++)
		judge_context(j, l, &cs.items[i]);
	free(cs.items);
}

/* The allocation that makes the free an error path, or NULL. */
static const struct fact *own_alloc(const struct ctxfacts *cf,
				    const struct lock_free *f)
{
	size_t n = strcspn(f->key, " ");

	n += f->key[n] ? 1 + strcspn(f->key + n + 1, " ") : 0;
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *a = cf->items[i];
		const char *key = fact_str(a, "key");

		if (ctx_is_kind(a, "ctx-alloc") && key && strlen(key) == n &&
		    !strncmp(key, f->key, n) && !strcmp(a->file, f->file) &&
		    !strcmp(a->function, f->function) && a->line < f->line)
			return a;
	}
	return NULL;
}

/* One user fact per other function: its first lock of the key. */
static int first_of_function(const struct ctxfacts *cf, size_t k)
{
	const struct fact *l = cf->items[k];

	for (size_t i = 0; i < k; i++) {
		const struct fact *o = cf->items[i];

		if (ctx_is_kind(o, "ctx-lock") &&
		    ctx_str_is(fact_str(o, "key"), fact_str(l, "key")) &&
		    !strcmp(o->function, l->function) &&
		    !strcmp(o->file, l->file))
			return 0;
	}
	return 1;
}

static int is_other_user(const struct ctxfacts *cf, size_t k,
			 const struct lock_free *f)
{
	const struct fact *l = cf->items[k];

	if (!ctx_is_kind(l, "ctx-lock") || !ctx_str_is(fact_str(l, "key"), f->key) ||
	    (!strcmp(l->function, f->function) && !strcmp(l->file, f->file)))
		return 0;
	return first_of_function(cf, k);
}


enum confidence lockctx_judge(const struct ctxfacts *cf,
			      const struct lock_free *f,
			      struct use_site *u, enum confidence dflt)
{
	struct judgement j = { cf, f, { NULL, 0, 0 }, { NULL, 0, 0 }, u, 0, 0, 0 };
	const struct fact *a;
	int users = 0;

	if (!ctx_scanned(cf, f->file))
		return dflt;
	if (f->may_be_unpublished && (a = own_alloc(cf, f))) {
		site_evidence(u, a->file, a->line,
			      xstrfmt("never published: %s() allocates the "
				      "object here (%s()), and the free is "
				      "its error path", a->function,
				      fact_str(a, "alloc")));
		return CONF_LOW;
	}
	quiesced_before(cf, f->file, f->function, f->line, FREE_DEPTH, &j.qs);
	contexts_of(cf, f->file, f->function, USER_DEPTH, 0, &j.freeside);
	for (j.pass = 0; j.pass < 3; j.pass++)
		for (size_t k = 0; k < cf->locks->nr; k++) {
			if (!is_other_user(cf->locks, k, f))
				continue;
			users += !j.pass;
			judge_user(&j, cf->locks->items[k]);
		}
	if (j.lines > MAX_PARTIES)
		site_evidence(u, f->file, f->line,
			      xstrfmt("and %d more contexts of the other users",
				      j.lines - MAX_PARTIES));
	free(j.qs.items);
	free(j.freeside.items);
	if (!users)
		return dflt;
	return j.open ? dflt : CONF_LOW;
}
