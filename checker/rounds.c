// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rounds of a scan, as data, and the scheduler that runs them.
 *
 * A round queues semantic patch runs on the files that the facts of
 * earlier rounds point to: the callers of the wrappers found, the stores
 * into the struct fields that the uses read, the other side of a lock.
 * Each round of the table names the rounds whose facts it reads; the
 * scheduler queues every round whose inputs are final, runs all that
 * they queued together (independent rounds share the cores), and goes on
 * until no round is left. A (patch, environment, file) task runs once
 * per scan, whichever rounds pick it (tasks.c).
 *
 * Adding a round: a queue function below, an entry in rounds[] with the
 * rounds it reads, and the join of its facts in a judging stage.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"

/*
 * The struct tag of a key: "struct kvm ->snap[].mm" gives "kvm" (caller
 * frees) and *rest "->snap[].mm", or NULL there when the key names no
 * field. NULL for a key that is not "struct TAG ...".
 */
static char *key_tag(const char *key, const char **rest)
{
	size_t n;

	*rest = NULL;
	if (!key || strncmp(key, "struct ", 7))
		return NULL;
	n = strcspn(key + 7, " ");
	if (key[7 + n])
		*rest = key + 7 + n + 1;
	return xstrndup(key + 7, n);
}

/*
 * Wrappers found by the last round and not followed yet: queue the uses
 * patches on the files that may call them.
 */
static void queue_wrapper_round(struct scan_state *st,
				const struct round_input *in)
{
	const struct strlist *files = in->files;
	const struct sempatch_set *sps = in->sps;
	int jobs = in->opt->jobs;
	struct strlist *followed = &st->followed;
	struct scan_result *r = st->r;
	struct strlist names = STRLIST_INIT, spec = STRLIST_INIT;
	struct strlist statics = STRLIST_INIT;	/* static wrappers' files */
	struct token_set set = { &names, NULL, NULL };
	struct strbuf env = STRBUF_INIT;
	char *hit = xcalloc(files->nr ? files->nr : 1, 1);

	for (size_t i = 0; i < r->facts.nr; i++) {
		const struct fact *f = &r->facts.items[i];
		char *id;

		if (f->kind != FACT_WRAPPER)
			continue;
		id = xstrfmt("%s:%d", f->wrapper, f->index);
		if (strlist_has(followed, id)) {
			free(id);
			continue;
		}
		strlist_push(followed, id);
		strlist_push_owned(&spec, id);
		if (f->is_static) {
			int k = find_file(files, f->file);

			if (k >= 0) {
				hit[k] = 1;
				strlist_push(&statics, f->file);
			}
		} else {
			strlist_push(&names, f->wrapper);
		}
	}
	if (!spec.nr)
		goto out;
	/* facts arrive in completion order: sort for stable cache keys */
	strlist_sort(&spec);
	strlist_sort(&names);
	if (names.nr) {
		char *more = xcalloc(files->nr ? files->nr : 1, 1);

		select_files(st, files, &set, jobs, more);
		for (size_t i = 0; i < files->nr; i++)
			hit[i] |= more[i];
		free(more);
	}
	strbuf_addstr(&env, "MMCHECK_WRAPPERS=");
	for (size_t i = 0; i < spec.nr; i++)
		strbuf_addf(&env, "%s%s", i ? "," : "", spec.items[i]);
	for (size_t k = 0; k < sps->nr; k++) {
		const struct strlist *e;
		struct scan_run *run;

		if (sps->items[k].role != SP_USES)
			continue;
		e = keep_env(r, env.buf, "MMCHECK_ONLY_WRAPPERS=1");
		queue_hits(st, files, &sps->items[k], e, hit);
		/* what picks the files: the names, and the static wrappers' own */
		if (names.nr)
			note_run_set(r, &sps->items[k], e, &set);
		run = note_run(r, &sps->items[k], e);
		for (size_t i = 0; i < statics.nr; i++)
			strlist_push(&run->files, statics.items[i]);
	}
out:
	strbuf_release(&env);
	free(hit);
	strlist_clear(&names);
	strlist_clear(&spec);
	strlist_clear(&statics);
}

static int has_grab_store(const struct fact_store *fs, const char *key)
{
	for (size_t i = 0; i < fs->nr; i++)
		if (fs->items[i].kind == FACT_STORE && fs->items[i].key &&
		    !strcmp(fs->items[i].klass, "grab") &&
		    !strcmp(fs->items[i].key, key))
			return 1;
	return 0;
}

/*
 * The struct fields the uses read ("struct kvm ->mm"): queue the stores
 * patches on the files that mention one of those structs and take or
 * store an mm.
 */
static void queue_store_round(struct scan_state *st,
			      const struct round_input *in)
{
	const struct strlist *files = in->files;
	const struct sempatch_set *sps = in->sps;
	int jobs = in->opt->jobs;
	static const char *const acquire[] = {
		"get_task_mm", "mm_alloc", "mm_access", "mmget", "mmget_not_zero",
	};
	struct scan_result *r = st->r;
	struct strlist tags = STRLIST_INIT, fields = STRLIST_INIT;
	struct strlist ltags = STRLIST_INIT, acq = STRLIST_INIT;
	struct strbuf env = STRBUF_INIT;

	for (size_t i = 0; i < r->facts.nr; i++) {
		const struct fact *f = &r->facts.items[i];
		const char *k = f->key, *rest, *fld;
		struct strlist *into = &tags;
		char *tag;

		if (!k || (f->kind != FACT_USE && f->kind != FACT_ORIGIN &&
			   f->kind != FACT_LIVE_USE))
			continue;
		if (f->kind == FACT_LIVE_USE) {
			/* a finding only if its field has a grab store */
			if (!has_grab_store(&r->facts, k))
				continue;
			into = &ltags;
		}
		/* "struct kvm ->snap[].mm": tag "kvm", field "mm" */
		tag = key_tag(k, &rest);
		if (!tag || !rest) {
			free(tag);
			continue;
		}
		if (!strlist_has(into, tag))
			strlist_push(into, tag);
		free(tag);
		fld = k + strlen(k);
		while (fld > rest && (fld[-1] == '_' || isalnum((unsigned char)fld[-1])))
			fld--;
		if (*fld && !strlist_has(&fields, fld))
			strlist_push(&fields, fld);
	}
	if ((!tags.nr && !ltags.nr) || !fields.nr)
		goto out;
	strlist_sort(&tags);
	strlist_sort(&ltags);
	strlist_sort(&fields);
	for (size_t i = 0; i < ARRAY_SIZE(acquire); i++)
		strlist_push(&acq, acquire[i]);
	strbuf_addstr(&env, "MMCHECK_FIELDS=");
	for (size_t i = 0; i < fields.nr; i++)
		strbuf_addf(&env, "%s%s", i ? "," : "", fields.items[i]);
	for (size_t k = 0; k < sps->nr; k++) {
		struct token_set set = { &sps->items[k].keywords, &tags, NULL };
		/*
		 * The grab stores of the live uses' fields are known from the
		 * mmgrab() files: what could still clear them is a store that
		 * takes mm_users, so only files that take one are read.
		 */
		struct token_set lset = { &acq, &ltags, NULL };
		struct strlist *e;

		if (sps->items[k].role != SP_STORES)
			continue;
		e = keep_env(r, env.buf, NULL);
		if (tags.nr)
			queue_selected(st, files, &sps->items[k], e, &set, jobs);
		if (ltags.nr)
			queue_selected(st, files, &sps->items[k], e, &lset, jobs);
	}
out:
	strbuf_release(&env);
	strlist_clear(&tags);
	strlist_clear(&ltags);
	strlist_clear(&acq);
	strlist_clear(&fields);
}

/*
 * Queue the patches of role on the files hit by their keywords and also,
 * with env; with grab (files picked for their mmgrab() call), the files
 * must match the patch's grab regex as well.
 */
static void queue_role(struct scan_state *st, const struct strlist *files,
		       const struct sempatch_set *sps, enum sempatch_role role,
		       const struct strlist *also, const char *envvar,
		       int grab, int jobs)
{
	struct scan_result *r = st->r;

	for (size_t k = 0; k < sps->nr; k++) {
		struct token_set set = { &sps->items[k].keywords, also,
					 grab ? sps->items[k].grab_regex : NULL };

		if (sps->items[k].role == role)
			queue_selected(st, files, &sps->items[k],
				       envvar ? keep_env(r, envvar, NULL) : NULL,
				       &set, jobs);
	}
}

/*
 * A live use matters only when mmgrab() alone pins its mm: the stores
 * patch first runs on the few files that call mmgrab(), to learn which
 * structs hold such mms.
 */
static void queue_grab_round(struct scan_state *st,
			     const struct round_input *in)
{
	const struct sempatch_set *sps = in->sps;
	struct strlist grab = STRLIST_INIT;
	int live = 0;

	for (size_t k = 0; k < sps->nr; k++)
		live |= sps->items[k].role == SP_LIVE;
	if (!live)
		return;
	strlist_push(&grab, "mmgrab");
	queue_role(st, in->files, sps, SP_STORES, &grab, NULL, 1,
		   in->opt->jobs);
	strlist_clear(&grab);
}

/*
 * Then the live patch, on the files that name such a struct, and on the
 * files that call mmgrab() and match its grab regex (a live use after
 * mmgrab() in the same function).
 */
static void queue_live_round(struct scan_state *st,
			     const struct round_input *in)
{
	const struct strlist *files = in->files;
	const struct sempatch_set *sps = in->sps;
	int jobs = in->opt->jobs;
	struct scan_result *r = st->r;
	struct strlist also = STRLIST_INIT, grab = STRLIST_INIT;

	for (size_t i = 0; i < r->facts.nr; i++) {
		const struct fact *f = &r->facts.items[i];
		const char *rest;
		char *tag;

		if (f->kind != FACT_STORE || strcmp(f->klass, "grab"))
			continue;
		tag = key_tag(f->key, &rest);
		if (!tag || !rest) {
			free(tag);
			continue;
		}
		/*
		 * A task's mm is not the live patch's business; an mmu
		 * notifier's is the notifier core's, whose callbacks run
		 * while the mm is alive.
		 */
		if (strcmp(tag, "task_struct") && !strstr(tag, "mmu_notifier") &&
		    strcmp(tag, "mmu_interval_notifier") &&
		    !strlist_has(&also, tag))
			strlist_push(&also, tag);
		free(tag);
	}
	strlist_sort(&also);
	if (also.nr)
		queue_role(st, files, sps, SP_LIVE, &also, NULL, 0, jobs);
	strlist_push(&grab, "mmgrab");
	queue_role(st, files, sps, SP_LIVE, &grab, NULL, 1, jobs);
	strlist_clear(&also);
	strlist_clear(&grab);
}

/*
 * "// Mmcheck-follow: KIND": the patch runs again on the files that name
 * a struct of the keys of its KIND facts: the unregister race's other
 * side sits wherever the struct is used, not where the keywords and the
 * regex of the first round point. A KIND fact with a "waits" of its own
 * (the decide side waits for the other users) is not followed.
 */
static void queue_follow_round(struct scan_state *st,
			       const struct round_input *in)
{
	const struct strlist *files = in->files;
	const struct sempatch_set *sps = in->sps;
	int jobs = in->opt->jobs;
	struct scan_result *r = st->r;

	for (size_t k = 0; k < sps->nr; k++) {
		const struct sempatch *sp = &sps->items[k];
		struct strlist tags = STRLIST_INIT;
		struct token_set set = { &sp->keywords, &tags, NULL };

		if (!sp->follow)
			continue;
		for (size_t i = 0; i < r->facts.nr; i++) {
			const struct fact *f = &r->facts.items[i];
			const char *rest;
			char *tag;

			/* a side that waits for the others already ordered them */
			if (strcmp(f->kind_name, sp->follow) || fact_waits(f) ||
			    !(tag = key_tag(f->key, &rest)))
				continue;
			if (!strlist_has(&tags, tag))
				strlist_push(&tags, tag);
			free(tag);
		}
		if (tags.nr) {
			strlist_sort(&tags);
			queue_selected(st, files, sp, NULL, &set, jobs);
		}
		strlist_clear(&tags);
	}
}


/*
 * Round 0: every patch but the stores and live ones, on its keywords
 * (and its regex); a patch the follow round runs again may leave to it
 * what it looks for there. A shard takes every shard_n-th task; an
 * arches-only scan runs the arches patch alone.
 */
static void queue_first_round(struct scan_state *st,
			      const struct round_input *in)
{
	const struct strlist *files = in->files;
	const struct sempatch_set *sps = in->sps;
	const struct scan_options *opt = in->opt;
	struct scan_result *r = st->r;
	const struct strlist *first = keep_env(r, "MMCHECK_ROUND=first", NULL);
	char *hit = xcalloc(files->nr ? files->nr : 1, 1);
	size_t slot = 0;

	for (size_t k = 0; k < sps->nr; k++) {
		const struct sempatch *sp = &sps->items[k];
		struct token_set set = { &sp->keywords, NULL, sp->regex };

		if (sp->role == SP_STORES || sp->role == SP_LIVE ||
		    sp->role == SP_LOCKCTX ||
		    (opt->arches_only && sp->role != SP_ARCHES))
			continue;
		note_run_set(r, sp, sp->follow ? first : NULL, &set);
		select_files(st, files, &set, opt->jobs, hit);
		for (size_t i = 0; i < files->nr; i++) {
			if (!hit[i])
				continue;
			/* the TLB code the arches patch reads is there */
			if (sp->role == SP_ARCHES &&
			    strncmp(files->items[i], "arch/", 5))
				continue;
			if (opt->shard_n &&
			    (slot++ % (size_t)opt->shard_n) !=
			    (size_t)(opt->shard_i - 1))
				continue;
			add_task(st, files->items[i], sp,
				 sp->follow ? first : NULL);
			r->candidate[i] = 1;
		}
	}
	free(hit);
}

/* mmcheck merge: round 0's facts come from the shards, which ran it. */
static void load_first_round(struct scan_state *st,
			     const struct round_input *in)
{
	const struct scan_options *opt = in->opt;
	struct scan_result *r = st->r;
	size_t bad;
	char *why;

	if (facts_parse_buffer(&r->facts, opt->merged_facts, &bad, &why) < 0)
		die("the shards hold %zu bad fact lines: %s", bad, why);
	for (size_t i = 0; i < opt->merged_candidates->nr; i++) {
		int k = find_file(in->files, opt->merged_candidates->items[i]);

		if (k >= 0)
			r->candidate[k] = 1;
	}
	for (size_t i = 0; i < opt->nmerged_na; i++)
		not_analysed(r, opt->merged_na[i].file,
			     xstrdup(opt->merged_na[i].reason));
}

static void first_round(struct scan_state *st, const struct round_input *in)
{
	if (in->opt->merged_facts)
		load_first_round(st, in);
	else
		queue_first_round(st, in);
}

enum round_id {
	ROUND_FIRST, ROUND_GRAB, ROUND_FOLLOW, ROUND_LIVE, ROUND_WRAPPERS,
	ROUND_STORES, ROUND_LOCKCTX, ROUND_LIVECTX, NR_ROUNDS
};

#define AFTER(id) (1u << (id))

struct round {
	const char *name;
	unsigned needs;		/* AFTER() the rounds whose facts it reads */
	int whole_scan;		/* not in a shard or an arches-only scan */
	int repeat;		/* runs again on its own new facts, this often */
	void (*queue)(struct scan_state *st, const struct round_input *in);
};

/* How deep wrappers of wrappers are followed. */
#define MAX_WRAPPER_ROUNDS 4

static const struct round rounds[NR_ROUNDS] = {
	[ROUND_FIRST] = { "first", 0, 0, 1, first_round },
	/* the structs whose mm only mmgrab() pins: stores in mmgrab() files */
	[ROUND_GRAB] = { "grab", 0, 1, 1, queue_grab_round },
	/* the other side of what the lock patches found */
	[ROUND_FOLLOW] = { "follow", AFTER(ROUND_FIRST), 1, 1,
			   queue_follow_round },
	/* live uses of the mms of the grab stores' structs */
	[ROUND_LIVE] = { "live", AFTER(ROUND_GRAB), 1, 1, queue_live_round },
	/* the callers of the wrappers found, then of wrappers of wrappers */
	[ROUND_WRAPPERS] = { "wrappers", AFTER(ROUND_FIRST), 1,
			     MAX_WRAPPER_ROUNDS, queue_wrapper_round },
	/* the stores into the fields that the uses and live uses read */
	[ROUND_STORES] = { "stores", AFTER(ROUND_FIRST) | AFTER(ROUND_GRAB) |
			   AFTER(ROUND_LIVE) | AFTER(ROUND_WRAPPERS), 1, 1,
			   queue_store_round },
	/* the contexts of the lock findings' other users, a call a run */
	[ROUND_LOCKCTX] = { "lockctx", AFTER(ROUND_FIRST) | AFTER(ROUND_FOLLOW),
			    1, 3, queue_lockctx_round },
	/* the contexts of the live uses mmgrab() alone pins, a level a run */
	[ROUND_LIVECTX] = { "livectx", AFTER(ROUND_STORES), 1, 6,
			    queue_livectx_round },
};

struct round_state {
	int runs;		/* times queued */
	int waiting;		/* queued, its tasks not run yet */
	int done;		/* its facts are final */
};

static int is_ready(const struct round *rd, const struct round_state *rs)
{
	for (int i = 0; i < NR_ROUNDS; i++)
		if ((rd->needs & AFTER(i)) && !rs[i].done)
			return 0;
	return 1;
}

/*
 * Queue every round whose inputs are final. A round that queued nothing
 * is done at once, and may make others ready in the same pass; but a
 * repeating round's first look waits for the run of the others, whose
 * facts it reads too. Returns 1 if some round waits for a run.
 */
static int queue_ready(struct scan_state *st, const struct round_input *in,
		       struct round_state *rs)
{
	int partial = in->opt->shard_n || in->opt->arches_only;
	int waiting = 0, changed;

	do {
		changed = 0;
		for (int i = 0; i < NR_ROUNDS; i++) {
			const struct round *rd = &rounds[i];
			size_t before = st->ntasks;

			if (rs[i].done || rs[i].waiting || !is_ready(rd, rs))
				continue;
			if (rd->whole_scan && partial) {
				rs[i].done = changed = 1;
				continue;
			}
			rd->queue(st, in);
			rs[i].runs++;
			if (st->ntasks == before &&
			    (rd->repeat == 1 || rs[i].runs > 1))
				rs[i].done = changed = 1;
			else
				rs[i].waiting = waiting = 1;
		}
	} while (changed);
	return waiting;
}

void rounds_run(struct scan_state *st, const struct round_input *in)
{
	struct round_state rs[NR_ROUNDS];
	char names[128];

	memset(rs, 0, sizeof(rs));
	while (queue_ready(st, in, rs)) {
		/* the progress line names the rounds that share this run */
		names[0] = '\0';
		for (int i = 0; i < NR_ROUNDS; i++)
			if (rs[i].waiting)
				snprintf(names + strlen(names), sizeof(names) -
					 strlen(names), "%s%s", *names ? "+" : "",
					 rounds[i].name);
		st->round_name = names;
		run_tasks(st, in->opt->jobs);
		for (int i = 0; i < NR_ROUNDS; i++) {
			if (!rs[i].waiting)
				continue;
			rs[i].waiting = 0;
			if (rs[i].runs >= rounds[i].repeat)
				rs[i].done = 1;
		}
	}
	st->round_name = NULL;
}
