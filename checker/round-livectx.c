// SPDX-License-Identifier: GPL-2.0-only
/*
 * The livectx round: the same facts for the live family, walked up from
 * the functions of the live uses that only mmgrab() pins, to the code
 * that starts them (docs/verdicts.md). Its directories are the uses' and
 * those of the stores into their fields: the mm's owner code (KVM's
 * ioctls in virt/kvm for arch/s390/kvm) sits where the mm is stored.
 * Each run reads the files there that name a function found: first the
 * uses' functions, then their callers in the facts read so far, up to
 * the top (a call through a pointer member names the member).
 */
#include <stdlib.h>
#include <string.h>

#include "callgraph.h"
#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"
#include "walk-pick.h"

/* How many levels of callers a walk up from a use looks for. */
#define LIVE_LEVELS 12
/* Names the livectx round looks for, at most. */
#define MAX_LIVE_NAMES 160

/* Does key have a store that takes mm_users, and one that mmgrab()s? */
static void store_kinds(const struct fact_store *fs, const char *key,
			int *grab, int *acquire)
{
	*grab = *acquire = 0;
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];

		if (f->kind != FACT_STORE || !f->key || strcmp(f->key, key))
			continue;
		*grab |= !strcmp(f->klass, "grab");
		*acquire |= !strcmp(f->klass, "acquire");
	}
}

/* The live uses mmgrab() alone pins: their functions and directories. */
static void live_uses(const struct fact_store *fs, struct strlist *names,
		      struct strlist *dirs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		int grab, acquire;

		if (f->kind != FACT_LIVE_USE)
			continue;
		if (f->key) {
			store_kinds(fs, f->key, &grab, &acquire);
			if (!grab || acquire)
				continue;
			for (size_t k = 0; k < fs->nr; k++)
				if (fs->items[k].kind == FACT_STORE &&
				    fs->items[k].key &&
				    !strcmp(fs->items[k].key, f->key))
					walk_push_dir(dirs, fs->items[k].file);
		} else if (fact_int(f, "grab_line") <= 0) {
			continue;
		}
		walk_push_dir(dirs, f->file);
		if (!strlist_has(names, f->function))
			strlist_push(names, f->function);
	}
	strlist_sort(names);
}

/* Add name to next unless known; keeps next sorted. */
static void add_name(struct strlist *next, const struct strlist *all,
		     const char *name)
{
	if (!strlist_has_sorted(all, name) && !strlist_has(next, name))
		strlist_push(next, name);
}

/*
 * The edges a walk level looks at, taken out of the facts once: the
 * facts are JSON objects, and a lookup per field per fact per level was
 * most of a warm re-scan's time.
 */
struct live_edges {
	struct live_call {
		const struct fact *caller;
		const char *callee;
	} *calls;
	size_t ncalls, acalls;
	struct live_store {
		const char *target;
		char *member;	/* "->m" */
	} *stores;
	size_t nstores, astores;
};

static void live_edges_build(const struct fact_store *fs,
			     struct live_edges *g)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *t = fact_str(f, "target"), *callee;

		if (ctx_is_kind(f, "ctx-entry") && t && fact_str(f, "expr") &&
		    !ctx_is_entry(f)) {
			ALLOC_GROW(g->stores, g->nstores + 1, g->astores);
			g->stores[g->nstores].target = t;
			g->stores[g->nstores++].member =
				xstrfmt("->%s", fact_str(f, "expr"));
		}
		if (!ctx_is_kind(f, "ctx-calls"))
			continue;
		for (size_t k = 0; (callee = fact_list_str(f, "callees", k));
		     k++) {
			ALLOC_GROW(g->calls, g->ncalls + 1, g->acalls);
			g->calls[g->ncalls].caller = f;
			g->calls[g->ncalls++].callee = callee;
		}
	}
}

static void live_edges_release(struct live_edges *g)
{
	for (size_t i = 0; i < g->nstores; i++)
		free(g->stores[i].member);
	free(g->stores);
	free(g->calls);
}

/*
 * One level up from cur: the functions of the facts read so far that
 * call one of cur (unless it checks its mm against current->mm: its
 * callers do not matter), and the members ("->m") a function of cur is
 * stored into outside a subsystem's table.
 */
static void level_up(const struct live_edges *g, const struct strlist *cur,
		     const struct strlist *all, const struct strlist *owners,
		     struct strlist *next, struct strlist *dirs)
{
	for (size_t i = 0; i < g->nstores; i++)
		if (strlist_has_sorted(cur, g->stores[i].target))
			add_name(next, all, g->stores[i].member);
	for (size_t i = 0; i < g->ncalls; i++) {
		const struct live_call *c = &g->calls[i];

		if (strlist_has_sorted(cur, c->callee) &&
		    !strlist_has_sorted(owners, c->callee)) {
			add_name(next, all, c->caller->function);
			walk_push_dir(dirs, c->caller->file);
		}
	}
	strlist_sort(next);
}

/* The functions that check their mm against current->mm, sorted. */
static void owner_checks(const struct fact_store *fs, struct strlist *owners)
{
	for (size_t i = 0; i < fs->nr; i++)
		if (ctx_is_kind(&fs->items[i], "ctx-owner") &&
		    !strlist_has(owners, fs->items[i].function))
			strlist_push(owners, fs->items[i].function);
	strlist_sort(owners);
}

/*
 * The names to look for: the uses' functions and, level by level, their
 * callers and the members they are stored into, in the facts so far.
 */
static void live_names(const struct fact_store *fs, struct strlist *all,
		       struct strlist *dirs)
{
	struct strlist cur = STRLIST_INIT, owners = STRLIST_INIT;
	struct live_edges g;

	owner_checks(fs, &owners);
	live_edges_build(fs, &g);
	for (size_t i = 0; i < all->nr; i++)
		strlist_push(&cur, all->items[i]);
	for (int level = 1; level <= LIVE_LEVELS && cur.nr; level++) {
		struct strlist next = STRLIST_INIT;

		level_up(&g, &cur, all, &owners, &next, dirs);
		strlist_clear(&cur);
		for (size_t i = 0; i < next.nr && all->nr < MAX_LIVE_NAMES;
		     i++) {
			strlist_push(all, next.items[i]);
			strlist_push(&cur, next.items[i]);
		}
		strlist_sort(all);
		strlist_clear(&next);
	}
	live_edges_release(&g);
	strlist_clear(&cur);
	strlist_clear(&owners);
}

/* "(?:->|\.)\s*(?:a|b)\s*\(": a call through one of the members. */
static struct regex *member_regex(const struct strlist *members)
{
	return walk_alternation_regex("(?:->|\\.)\\s*", members, "\\s*\\(");
}

/* Queue the lockctx patch on the files of dirs that name one of names. */
static void queue_live_names(struct scan_state *st,
			     const struct round_input *in,
			     const struct strlist *names,
			     const struct strlist *dirs)
{
	struct strlist fns = STRLIST_INIT, members = STRLIST_INIT;
	struct regex *rx = NULL, *frx = NULL;

	for (size_t i = 0; i < names->nr; i++)
		strlist_push(strncmp(names->items[i], "->", 2) ? &fns : &members,
			     names->items[i] + (strncmp(names->items[i], "->", 2)
						? 0 : 2));
	if (members.nr)
		rx = member_regex(&members);
	if (fns.nr)
		frx = walk_function_regex(&fns);
	for (size_t k = 0; k < in->sps->nr; k++) {
		const struct sempatch *sp = &in->sps->items[k];
		struct token_set set = { &fns, NULL, frx };
		struct token_set mset = { &members, NULL, rx };
		char *hit;

		if (sp->role != SP_LOCKCTX)
			continue;
		hit = xcalloc(in->files->nr ? in->files->nr : 1, 1);
		walk_pick_refs(st, in->files, dirs, fns.nr ? &fns : NULL,
			       members.nr ? &members : NULL, hit);
		note_run_set(st->r, sp, NULL, &set);
		if (rx)
			note_run_set(st->r, sp, NULL, &mset);
		queue_hits(st, in->files, sp, NULL, hit);
		free(hit);
	}
	if (rx)
		regex_free(rx);
	if (frx)
		regex_free(frx);
	strlist_clear(&fns);
	strlist_clear(&members);
}

void queue_livectx_round(struct scan_state *st, const struct round_input *in)
{
	struct strlist names = STRLIST_INIT, dirs = STRLIST_INIT;

	live_uses(&st->r->facts, &names, &dirs);
	if (names.nr) {
		live_names(&st->r->facts, &names, &dirs);
		queue_live_names(st, in, &names, &dirs);
	}
	strlist_clear(&names);
	strlist_clear(&dirs);
}
