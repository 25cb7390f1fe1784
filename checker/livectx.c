// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live family's other party; see livectx.h.
 *
 * A live use of an mm that only mmgrab() pins (the mmap lock, a VMA
 * lookup, remote GUP) is a bug when it can run after the owner's last
 * mm_users reference is gone. Two things make it safe without a
 * reference of its own: every direct caller holds mm_users across the
 * call (mmget_not_zero() ... mmput() around it: held-caller), or it is
 * reached only from the mm's owner (an ioctl that returns unless X->mm
 * is current->mm, as KVM's VM and vCPU ioctls do). What makes it a bug
 * is a context that the owner's exit does not wait for: a work item, a
 * timer, a kernel thread, an interrupt, a notifier, a wait queue
 * callback run by another process. Those are named in the evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "livectx.h"
#include "strbuf.h"
#include "usage.h"

/* How far the call graph is walked up from the use's function. */
#define LIVE_DEPTH 12
/* Evidence lines of contexts per finding, beyond which they are counted. */
#define MAX_LINES 6

/* Is caller c (a ctx-calls fact) holding mm_users across its call of fn? */
static const struct fact *held_call(const struct ctxfacts *cf,
				    const struct fact *c, const char *fn,
				    const char *field)
{
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *h = cf->items[i];
		const char *m = fact_str(h, "expr");

		if (!ctx_is_kind(h, "ctx-held") ||
		    !ctx_str_is(fact_str(h, "callee"), fn) ||
		    strcmp(h->function, c->function) || strcmp(h->file, c->file) ||
		    !m)
			continue;
		/* the same field (ctx->mm), or a local copy of it (mm) */
		if (!strcmp(ctx_last_field(m), field) || !strpbrk(m, "->.["))
			return h;
	}
	return NULL;
}

/* Is fn started some other way than by a direct call (a table, a pointer)? */
static int not_only_called(const struct ctxfacts *cf, const char *fn)
{
	size_t lo, hi = named_range(&cf->entries, fn, &lo);

	return hi > lo;
}

/*
 * held-caller: every direct caller of the use's function found holds
 * mm_users on the mm's field across its call. The callers' evidence is
 * written either way.
 */
static int judge_callers(const struct ctxfacts *cf, const struct fact *use,
			 struct use_site *u)
{
	const char *fn = use->function;
	const char *field = ctx_last_field(use->key ? use->key : use->mm);
	int is_static = ctx_is_static(cf, use->file, fn);
	int callers = 0, held = 0;
	size_t lo, hi;

	if (not_only_called(cf, fn))
		return 0;
	hi = named_range(&cf->calls, fn, &lo);
	for (; lo < hi; lo++) {
		const struct fact *c = cf->calls.items[lo].f;
		const struct fact *h;

		if (!strcmp(c->function, fn) ||
		    (is_static && strcmp(c->file, use->file)))
			continue;
		callers++;
		h = held_call(cf, c, fn, field);
		held += h != NULL;
		if (callers > MAX_LINES)
			continue;
		if (h)
			site_evidence(u, h->file, h->line,
				      xstrfmt("called from %s() with mm_users "
					      "held: %s(%s) at line %d, "
					      "mmput() after the call",
					      c->function, fact_str(h, "op"),
					      fact_str(h, "expr"),
					      fact_int(h, "acquired")));
		else
			site_evidence(u, c->file, cf->calls.items[lo].line,
				      xstrfmt("called from %s() with no "
					      "mm_users held across the call",
					      c->function));
	}
	if (!callers || held < callers)
		return 0;
	site_evidence(u, use->file, use->line,
		      xstrfmt("held-caller: each of the %d direct caller%s "
			      "holds mm_users across the call", callers,
			      callers == 1 ? "" : "s"));
	return 1;
}

enum ctx_class { C_OPEN, C_OWNER, C_UNKNOWN };

/*
 * Code that runs after the owner is gone unless someone stops it: the
 * owner's exit does not wait for work items, timers, threads,
 * interrupts, notifiers or the wakeups of other processes.
 */
static int is_async(const struct fact *e)
{
	static const char *const async[] = {
		"work", "timer", "tasklet", "kthread", "irq", "wakeup", "ptr",
		NULL,
	};

	return ctx_in_list(fact_str(e, "how"), async) ||
	       ctx_str_is(fact_str(e, "via"), "struct notifier_block");
}

static enum ctx_class classify(const struct context *c)
{
	if (c->owner)
		return C_OWNER;
	if (!c->entry)
		return C_UNKNOWN;
	if (is_async(c->entry))
		return C_OPEN;
	/* the mm's notifier runs inside an operation on that mm */
	if (ctx_str_is(fact_str(c->entry, "via"), "struct mmu_notifier_ops"))
		return C_OWNER;
	/* a system call on a file: its caller may or may not be the owner */
	return C_UNKNOWN;
}

static char *context_text(const struct fact *use, const struct context *c,
			  enum ctx_class k)
{
	char *e, *s;

	if (k == C_OWNER && c->owner)
		return xstrfmt("owner: %s() runs as %s, which returns unless "
			       "%s is current->mm (%s:%d): in the mm's owner",
			       use->function, c->chain,
			       fact_str(c->owner, "expr"), c->owner->file,
			       c->owner->line);
	if (c->entry) {
		e = entry_text(c->entry);
		s = k == C_OPEN
			? xstrfmt(EVIDENCE_OTHER_PARTY "%s() runs as %s, "
				  "started as %s, which the owner's exit does "
				  "not wait for", use->function, c->chain, e)
			: k == C_OWNER
			? xstrfmt("owner: %s() runs as %s, %s: the notifier "
				  "runs inside an operation on the mm",
				  use->function, c->chain, e)
			: xstrfmt("%s() runs as %s, %s, whose caller may or "
				  "may not be the mm's owner", use->function,
				  c->chain, e);
		free(e);
		return s;
	}
	if (c->cut)
		return xstrfmt("%s() runs as %s, and the walk stops there with "
			       "callers left", use->function, c->chain);
	return xstrfmt("%s() runs as %s, %s", use->function, c->chain,
		       c->outside ? "called from outside the files read"
				  : "a static function nothing found starts");
}

/*
 * The contexts of the use's function: open ones first in the evidence,
 * then the owner's, then the rest.
 */
static enum live_party judge_contexts(const struct ctxfacts *cf,
				      const struct fact *use,
				      struct use_site *u)
{
	struct contexts cs = { NULL, 0, 0 };
	int count[3] = { 0, 0, 0 }, lines = 0;
	enum live_party p;

	contexts_of(cf, use->file, use->function, LIVE_DEPTH,
		    CG_POINTERS | CG_OWNER | CG_CUT, &cs);
	for (size_t i = 0; i < cs.nr; i++)
		count[classify(&cs.items[i])]++;
	for (int k = C_OPEN; k <= C_UNKNOWN; k++)
		for (size_t i = 0; i < cs.nr; i++) {
			const struct context *c = &cs.items[i];
			const struct fact *at = c->owner ? c->owner :
						c->entry ? c->entry : use;

			if ((int)classify(c) != k || lines++ >= MAX_LINES)
				continue;
			site_evidence(u, at->file, at->line,
				      context_text(use, c, k));
		}
	if (lines > MAX_LINES)
		site_evidence(u, use->file, use->line,
			      xstrfmt("and %d more contexts",
				      lines - MAX_LINES));
	p = count[C_OPEN] ? LIVE_OPEN
	    : count[C_OWNER] && !count[C_UNKNOWN] ? LIVE_OWNER
						   : LIVE_UNDECIDED;
	free(cs.items);
	return p;
}

enum live_party livectx_judge(const struct ctxfacts *cf,
			      const struct fact *use, struct use_site *u)
{
	if (!cf || !ctx_scanned(cf, use->file))
		return LIVE_UNDECIDED;
	if (judge_callers(cf, use, u))
		return LIVE_HELD_CALLER;
	return judge_contexts(cf, use, u);
}
