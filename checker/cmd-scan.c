// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck scan: the whole pipeline on one tree.
 *
 *   discover -> prefilter -> spatch workers -> facts -> verdicts
 *            -> subsystems -> text / JSON
 *
 * Exit status: 0 nothing of severity error and every candidate analysed;
 * bit 1 (1) error findings; bit 2 (2) the result is incomplete (a file was
 * not analysed); 128 fatal (bad tree, no spatch); 129 usage.
 */
#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "builtin.h"
#include "cache.h"
#include "datadir.h"
#include "prefilter.h"
#include "runner.h"
#include "scan.h"
#include "spatch.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

static const char scan_usage[] =
	"mmcheck scan [-j N] [--format=text|json] [-o FILE] [--json FILE] "
	"[--all] [--timeout SEC] [--batch N|auto] [--cache DIR | --no-cache] "
	"[--shard I/N] [--stats] [-q] TREE";

/* One spatch run: a semantic patch on a file, with its environment. */
struct task {
	const char *file;
	const struct sempatch *sp;
	const struct strlist *env;
	char file_key[65], patch_key[65];	/* "" when not cacheable */
};

/* One spatch process: tasks of one patch, environment and root. */
struct batch_run {
	size_t *task;		/* indices into scan_state.tasks */
	size_t nr;
	off_t bytes;		/* of its files: the measure of its work */
	char *groups;		/* --file-groups input when nr > 1 */
};

struct scan_state {
	struct scan_result *r;
	struct task *tasks;
	size_t ntasks, alloc, next;
	size_t done;
	struct batch_run *batches;	/* of the run_tasks() under way */
	size_t nbatches, next_batch;
	size_t *retry;		/* tasks of failed batches, to run alone */
	size_t nretry, aretry;
	int batch;		/* files a spatch run; 0: batch_size() */
	/*
	 * The keyword hits of every semantic patch, without and with its
	 * regex, from one pass over the files of kw_files: the token sets
	 * of all rounds start from a patch's keywords, and reading the tree
	 * is the cost of a token scan, so later sets read only those hits.
	 */
	const struct sempatch_set *sps;
	const struct strlist *kw_files;
	char **kw_hits, **kw_regex_hits;
	double timeout;
	int progress;
	struct cache *cache;
	char tree_key[65];
	const char *spatch_version;
	const struct overlay *ov;
	const struct strlist *base_files;	/* the tree's, without overlay */
	int keep_raw;		/* shards keep the facts' text */
	struct strlist queued;	/* every (patch, environment, file) queued */
};

/* Where a file of the view is read from. */
static const char *root_of(const struct scan_state *st, const char *file)
{
	if (st->ov && strlist_has_sorted(&st->ov->changed, file))
		return st->ov->dir;
	return st->r->tree;
}

/* Bump when the facts or their meaning change: cached facts then expire. */
#define FACTS_FORMAT "mmcheck-facts-3"

static int next_task(struct child *c, void *cb)
{
	struct scan_state *st = cb;
	struct batch_run *b;
	const struct task *t;

	if (st->next_batch >= st->nbatches)
		return 0;
	b = &st->batches[st->next_batch++];
	t = &st->tasks[b->task[0]];
	if (b->nr == 1) {
		spatch_fact_argv(&c->argv, t->sp, t->file);
	} else {
		spatch_fact_argv(&c->argv, t->sp, NULL);
		c->input = b->groups;
		/* each file of the batch gets the whole limit */
		c->progress = "HANDLING: ";
	}
	c->dir = root_of(st, t->file);
	c->env = t->env;
	c->data = b;
	return 1;
}

static struct scan_run *note_run(struct scan_result *r,
				 const struct sempatch *sp,
				 const struct strlist *env)
{
	struct scan_run *run;

	for (size_t i = 0; i < r->nruns; i++)
		if (r->runs[i].env == env && !strcmp(r->runs[i].sp_path, sp->path))
			return &r->runs[i];
	ALLOC_GROW(r->runs, r->nruns + 1, r->aruns);
	run = &r->runs[r->nruns++];
	memset(run, 0, sizeof(*run));
	run->sp_path = xstrdup(sp->path);
	run->sp_name = xstrdup(sp->name);
	run->env = env;
	run->arch_only = sp->role == SP_ARCHES;
	return run;
}

static void copy_strlist(struct strlist *to, const struct strlist *from)
{
	for (size_t i = 0; from && i < from->nr; i++)
		strlist_push(to, from->items[i]);
}

/*
 * Keep what picks the files of a run: a check-patch prewarms a changed
 * file only with the runs that would pick it.
 */
static void note_run_set(struct scan_result *r, const struct sempatch *sp,
			 const struct strlist *env, const struct token_set *set)
{
	struct scan_run *run = note_run(r, sp, env);
	struct run_set *rs;

	ALLOC_GROW(run->sets, run->nsets + 1, run->asets);
	rs = &run->sets[run->nsets++];
	memset(rs, 0, sizeof(*rs));
	copy_strlist(&rs->tokens, set->tokens);
	copy_strlist(&rs->also, set->also);
	rs->has_also = set->also != NULL;
	rs->regex = set->regex ? xstrdup(regex_pattern(set->regex)) : NULL;
}

static void add_task(struct scan_state *st, const char *file,
		     const struct sempatch *sp, const struct strlist *env)
{
	/* a later round may pick a file an earlier one ran this patch on */
	char *id = xstrfmt("%p %p %s", (const void *)sp, (const void *)env,
			   file);

	if (strlist_has(&st->queued, id)) {
		free(id);
		return;
	}
	strlist_push_owned(&st->queued, id);
	note_run(st->r, sp, env);
	ALLOC_GROW(st->tasks, st->ntasks + 1, st->alloc);
	st->tasks[st->ntasks].file = file;
	st->tasks[st->ntasks].sp = sp;
	st->tasks[st->ntasks].env = env;
	st->ntasks++;
}

/*
 * Per semantic patch: how many runs (a file each), how many cached, how
 * many spatch processes, spatch seconds.
 */
static void note_time(struct scan_result *r, const struct sempatch *sp,
		      double seconds, int cached, size_t processes)
{
	size_t i;

	for (i = 0; i < r->npatch_stats; i++)
		if (!strcmp(r->patch_stats[i].name, sp->name))
			break;
	if (i == r->npatch_stats) {
		ALLOC_GROW(r->patch_stats, i + 1, r->apatch_stats);
		memset(&r->patch_stats[i], 0, sizeof(r->patch_stats[i]));
		r->patch_stats[i].name = xstrdup(sp->name);
		r->npatch_stats++;
	}
	r->patch_stats[i].runs++;
	r->patch_stats[i].cached += (size_t)cached;
	r->patch_stats[i].processes += processes;
	r->patch_stats[i].seconds += seconds;
}

static void not_analysed(struct scan_result *r, const char *file,
			 char *reason)
{
	ALLOC_GROW(r->not_analysed, r->nnot_analysed + 1, r->anot_analysed);
	r->not_analysed[r->nnot_analysed].file = xstrdup(file);
	r->not_analysed[r->nnot_analysed].reason = reason;
	r->nnot_analysed++;
}

/* The first non-empty line of a child's stderr, for a one-line reason. */
static char *first_line(const struct strbuf *sb)
{
	const char *p = sb->buf;

	while (*p == '\n' || *p == ' ')
		p++;
	return xstrndup(p, strcspn(p, "\n"));
}

/* What one file's run printed, once spatch ran cleanly on it. */
static void file_done(struct scan_state *st, const struct task *t,
		      const char *out, const char *err, double seconds,
		      size_t processes)
{
	size_t bad;
	char *why, *reason;
	int line;

	if (facts_parse_buffer(&st->r->facts, out, &bad, &why) < 0) {
		not_analysed(st->r, t->file,
			     xstrfmt("%zu unreadable fact line%s: %s", bad,
				     bad == 1 ? "" : "s", why));
		free(why);
		return;
	}
	note_time(st->r, t->sp, seconds, 0, processes);
	reason = NULL;
	/*
	 * A use_mm use spatch never saw would be lost without a word; what
	 * the other patches miss in code spatch cannot parse is the same gap
	 * make coccicheck has, and does not make the scan incomplete.
	 */
	if (t->sp->role == SP_USES &&
	    spatch_hidden_keyword(err, &t->sp->keywords, &line))
		reason = xstrfmt("spatch cannot parse the code around line "
				 "%d, where %s looks for uses", line,
				 t->sp->name);
	if (*t->file_key)
		cache_put_facts(st->cache, t->file_key, t->patch_key, out,
				reason);
	if (st->keep_raw)
		strbuf_addstr(&st->r->raw_facts, out);
	if (reason)
		not_analysed(st->r, t->file, reason);
}

/* A spatch run on one file, the unit every failure is told of. */
static void single_done(struct scan_state *st, const struct task *t,
			struct child *c)
{
	const char *file = t->file;

	if (c->timed_out) {
		not_analysed(st->r, file, xstrfmt("spatch timed out after %g s",
						  st->timeout));
		return;
	}
	if (c->spawn_errno) {
		not_analysed(st->r, file, xstrfmt("cannot run spatch: %s",
						  strerror(c->spawn_errno)));
		return;
	}
	if (c->status) {
		char *l = first_line(&c->err);

		not_analysed(st->r, file, xstrfmt("spatch failed (exit %d)%s%s",
						  c->status, *l ? ": " : "", l));
		free(l);
		return;
	}
	file_done(st, t, c->out.buf, c->err.buf, c->seconds, 1);
}

static void retry_alone(struct scan_state *st, size_t task)
{
	st->done--;	/* counted again when it is done */
	ALLOC_GROW(st->retry, st->nretry + 1, st->aretry);
	st->retry[st->nretry++] = task;
}

static void task_done(struct child *c, void *cb)
{
	struct scan_state *st = cb;
	const struct batch_run *b = c->data;
	struct batch_file *files;

	st->done += b->nr;
	if (st->progress)
		fprintf(stderr, "\rmmcheck: spatch %zu/%zu", st->done,
			st->ntasks);
	if (b->nr == 1) {
		single_done(st, &st->tasks[b->task[0]], c);
		return;
	}
	/* a batch that failed as a whole: each file alone tells why */
	if (c->timed_out || c->spawn_errno || c->status) {
		for (size_t i = 0; i < b->nr; i++)
			retry_alone(st, b->task[i]);
		return;
	}
	files = xcalloc(b->nr, sizeof(*files));
	for (size_t i = 0; i < b->nr; i++) {
		files[i].file = st->tasks[b->task[i]].file;
		strbuf_init(&files[i].out, 0);
		strbuf_init(&files[i].err, 0);
	}
	batch_split(c->out.buf, c->err.buf, files, b->nr);
	for (size_t i = 0, process = 1; i < b->nr; i++) {
		if (files[i].bad) {
			retry_alone(st, b->task[i]);
			continue;
		}
		/* the process is counted with the first file it answered */
		file_done(st, &st->tasks[b->task[i]], files[i].out.buf,
			  files[i].err.buf, c->seconds / (double)b->nr, process);
		process = 0;
	}
	batch_files_release(files, b->nr);
	free(files);
}

static int cmp_na(const void *a, const void *b)
{
	return strcmp(((const struct not_analysed *)a)->file,
		      ((const struct not_analysed *)b)->file);
}

/* The cache key of a semantic patch run: its text, environment, spatch. */
static void patch_key(const struct scan_state *st, const struct task *t,
		      char out[65])
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, t->sp->path) < 0)
		die_errno("cannot read '%s'", t->sp->path);
	strbuf_addf(&sb, "\n%s\n%s\n", FACTS_FORMAT, st->spatch_version);
	for (size_t i = 0; t->env && i < t->env->nr; i++)
		strbuf_addf(&sb, "%s\n", t->env->items[i]);
	sha256_hex(sb.buf, sb.len, out);
	strbuf_release(&sb);
}

/* The cache key of a file: its path and content. 0, or -1 if unreadable. */
static int file_key(const struct scan_state *st, const char *file,
		    char out[65])
{
	char *path = xstrfmt("%s/%s", root_of(st, file), file);
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	strbuf_addstr(&sb, file);
	strbuf_addch(&sb, '\0');
	if (strbuf_read_file(&sb, path) < 0)
		ret = -1;
	else
		sha256_hex(sb.buf, sb.len, out);
	strbuf_release(&sb);
	free(path);
	return ret;
}

static void free_batches(struct scan_state *st)
{
	for (size_t i = 0; i < st->nbatches; i++) {
		free(st->batches[i].task);
		free(st->batches[i].groups);
	}
	free(st->batches);
	st->batches = NULL;
	st->nbatches = st->next_batch = 0;
}

static int same_run(const struct scan_state *st, const struct task *a,
		    const struct task *b)
{
	return a->sp == b->sp && a->env == b->env &&
	       root_of(st, a->file) == root_of(st, b->file);
}

static int cmp_batch_bytes(const void *a, const void *b)
{
	const struct batch_run *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	/* the task index keeps the order stable */
	return x->task[0] < y->task[0] ? -1 : x->task[0] > y->task[0];
}

/* A task of a group and the size of its file. */
struct sized_task {
	size_t task;
	off_t bytes;
};

static int cmp_sized_task(const void *a, const void *b)
{
	const struct sized_task *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return x->task < y->task ? -1 : x->task > y->task;
}

static off_t file_bytes(const struct scan_state *st, const char *file)
{
	char *path = xstrfmt("%s/%s", root_of(st, file), file);
	struct stat sb;
	off_t n = stat(path, &sb) ? 0 : sb.st_size;

	free(path);
	return n;
}

/*
 * Cut a group of n tasks into batches of at most size files with about
 * the same bytes each: the biggest file first, each to the batch with
 * the fewest bytes so far that has room.
 */
static void cut_group(struct scan_state *st, const size_t *group, size_t n,
		      size_t size, size_t *alloc)
{
	struct sized_task *sized = xmalloc(n * sizeof(*sized));
	size_t nb = (n + size - 1) / size, first = st->nbatches;

	for (size_t k = 0; k < n; k++) {
		sized[k].task = group[k];
		sized[k].bytes = file_bytes(st, st->tasks[group[k]].file);
	}
	qsort(sized, n, sizeof(*sized), cmp_sized_task);
	ALLOC_GROW(st->batches, st->nbatches + nb, *alloc);
	for (size_t b = 0; b < nb; b++) {
		struct batch_run *r = &st->batches[st->nbatches++];

		r->task = xmalloc(size * sizeof(*r->task));
		r->nr = 0;
		r->bytes = 0;
		r->groups = NULL;
	}
	for (size_t k = 0; k < n; k++) {
		struct batch_run *best = NULL;

		for (size_t b = first; b < st->nbatches; b++) {
			struct batch_run *r = &st->batches[b];

			if (r->nr < size && (!best || r->bytes < best->bytes))
				best = r;
		}
		best->task[best->nr++] = sized[k].task;
		best->bytes += sized[k].bytes;
	}
	free(sized);
}

/*
 * Batch the tasks from st->next on: the tasks that one spatch process can
 * run (same patch, environment and root), cut into batch_size() pieces
 * of about equal bytes, the biggest first so that the small ones fill the
 * gaps at the end.
 */
static void make_batches(struct scan_state *st, int jobs)
{
	size_t total = st->ntasks - st->next, alloc = 0;
	char *grouped = xcalloc(total ? total : 1, 1);

	st->nbatches = st->next_batch = 0;
	for (size_t i = 0; i < total; i++) {
		const struct task *lead = &st->tasks[st->next + i];
		size_t n = 0, *group;

		if (grouped[i])
			continue;
		group = xmalloc(total * sizeof(*group));
		for (size_t j = i; j < total; j++)
			if (!grouped[j] &&
			    same_run(st, lead, &st->tasks[st->next + j])) {
				grouped[j] = 1;
				group[n++] = st->next + j;
			}
		cut_group(st, group, n,
			  st->batch ? (size_t)st->batch
				    : batch_size(n, total, jobs), &alloc);
		free(group);
	}
	free(grouped);
	for (size_t b = 0; b < st->nbatches; b++) {
		struct batch_run *r = &st->batches[b];
		struct batch_file *files;

		if (r->nr == 1)
			continue;
		files = xcalloc(r->nr, sizeof(*files));
		for (size_t x = 0; x < r->nr; x++)
			files[x].file = st->tasks[r->task[x]].file;
		r->groups = batch_groups(files, r->nr);
		free(files);
	}
	if (st->nbatches)
		qsort(st->batches, st->nbatches, sizeof(*st->batches),
		      cmp_batch_bytes);
}

static void run_batches(struct scan_state *st, int jobs)
{
	struct runner_ops ops = { next_task, task_done };

	if (run_parallel(jobs, st->timeout, &ops, st) < 0)
		die("interrupted");
}

/*
 * Take the queued tasks (from st->next on) from the cache where it has
 * them, run the others in batches and wait for them.
 */
static void run_tasks(struct scan_state *st, int jobs)
{
	size_t keep = st->next;

	for (size_t i = st->next; i < st->ntasks; i++) {
		struct task t = st->tasks[i];
		char *facts, *reason;
		size_t bad;
		char *why;

		t.file_key[0] = t.patch_key[0] = '\0';
		if (st->cache && !file_key(st, t.file, t.file_key))
			patch_key(st, &t, t.patch_key);
		if (*t.file_key && cache_get_facts(st->cache, t.file_key,
						   t.patch_key, &facts,
						   &reason)) {
			note_time(st->r, t.sp, 0, 1, 0);
			if (facts_parse_buffer(&st->r->facts, facts, &bad,
					       &why) < 0)
				die("BUG: cached facts do not parse: %s", why);
			if (reason && t.sp->role == SP_USES)
				not_analysed(st->r, t.file, reason);
			else
				free(reason);
			if (st->keep_raw)
				strbuf_addstr(&st->r->raw_facts, facts);
			free(facts);
			continue;
		}
		st->tasks[keep++] = t;
	}
	st->ntasks = keep;
	make_batches(st, jobs);
	run_batches(st, jobs);
	/* the files of batches that went wrong, each on its own */
	while (st->nretry) {
		free_batches(st);
		st->batches = xcalloc(st->nretry, sizeof(*st->batches));
		for (size_t i = 0; i < st->nretry; i++) {
			struct batch_run *b = &st->batches[i];

			b->task = xmalloc(sizeof(*b->task));
			b->task[0] = st->retry[i];
			b->nr = 1;
		}
		st->nbatches = st->nretry;
		st->nretry = 0;
		run_batches(st, jobs);
	}
	free_batches(st);
	st->next = st->ntasks;
}

static int find_file(const struct strlist *files, const char *name)
{
	size_t lo = 0, hi = files->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(files->items[mid], name);

		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void run_prefilter(struct scan_state *st,
			  const struct strlist *files,
			  const struct token_set *sets, int nsets, int jobs,
			  uint32_t *masks, size_t *unreadable)
{
	double t0 = monotonic_seconds();

	prefilter_run(st->r->tree, files, sets, nsets, jobs, masks, unreadable);
	st->r->prefilter_seconds += monotonic_seconds() - t0;
	st->r->prefilter_passes++;
	if (*unreadable)
		warning("%zu files of '%s' could not be read", *unreadable,
			st->r->tree);
}

static void free_keyword_hits(struct scan_state *st)
{
	for (size_t k = 0; st->kw_hits && k < st->sps->nr; k++) {
		free(st->kw_hits[k]);
		free(st->kw_regex_hits[k]);
	}
	free(st->kw_hits);
	free(st->kw_regex_hits);
	st->kw_hits = st->kw_regex_hits = NULL;
	st->kw_files = NULL;
}

/*
 * The hits of every patch's keywords in files, one pass for all; the
 * first call for a list makes them. 0 if that cannot be (a file was
 * unreadable: the sets then take passes of their own, which warn).
 */
static int keyword_hits(struct scan_state *st, const struct strlist *files,
			int jobs)
{
	const struct sempatch_set *sps = st->sps;
	struct token_set sets[PREFILTER_MAX_SETS];
	int slot[PREFILTER_MAX_SETS], rslot[PREFILTER_MAX_SETS], n = 0;
	size_t nf = files->nr ? files->nr : 1, unreadable;
	uint32_t *masks;

	if (st->kw_files == files)
		return 1;
	free_keyword_hits(st);
	if (!sps || 2 * sps->nr > PREFILTER_MAX_SETS)
		return 0;
	for (size_t k = 0; k < sps->nr; k++) {
		const struct sempatch *sp = &sps->items[k];

		sets[n] = (struct token_set){ &sp->keywords, NULL, NULL };
		slot[k] = n++;
		rslot[k] = -1;
		if (sp->regex) {
			sets[n] = (struct token_set){ &sp->keywords, NULL,
						      sp->regex };
			rslot[k] = n++;
		}
	}
	masks = xcalloc(nf, sizeof(*masks));
	run_prefilter(st, files, sets, n, jobs, masks, &unreadable);
	if (unreadable) {
		free(masks);
		return 0;
	}
	st->kw_hits = xcalloc(sps->nr, sizeof(*st->kw_hits));
	st->kw_regex_hits = xcalloc(sps->nr, sizeof(*st->kw_regex_hits));
	for (size_t k = 0; k < sps->nr; k++) {
		st->kw_hits[k] = xcalloc(nf, 1);
		if (rslot[k] >= 0)
			st->kw_regex_hits[k] = xcalloc(nf, 1);
		for (size_t i = 0; i < files->nr; i++) {
			st->kw_hits[k][i] = (masks[i] >> slot[k]) & 1;
			if (rslot[k] >= 0)
				st->kw_regex_hits[k][i] =
					(masks[i] >> rslot[k]) & 1;
		}
	}
	free(masks);
	st->kw_files = files;
	return 1;
}

/* 1 if every token of sub is one of all's. */
static int covers(const struct strlist *all, const struct strlist *sub)
{
	if (all == sub)
		return 1;
	for (size_t i = 0; i < sub->nr; i++)
		if (!strlist_has(all, sub->items[i]))
			return 0;
	return 1;
}

/*
 * Answer set from the keyword hits where its tokens are some patch's
 * keywords: those hits as they are when they are all of them, else a
 * pass over those hits alone for the rest of the set. 0 when no patch's
 * keywords hold set's tokens.
 */
static int select_from_keywords(struct scan_state *st,
				const struct strlist *files,
				const struct token_set *set, int jobs, char *hit)
{
	struct strlist sub = STRLIST_INIT;
	const char *base;
	size_t k, unreadable;
	uint32_t *masks;
	struct token_set rest = *set;
	int own_regex;

	for (k = 0; st->sps && k < st->sps->nr; k++)
		if (covers(&st->sps->items[k].keywords, set->tokens))
			break;
	if (!st->sps || k == st->sps->nr || !keyword_hits(st, files, jobs))
		return 0;
	/* another regex (a grab round's) is matched in the pass below */
	own_regex = set->regex && set->regex == st->sps->items[k].regex;
	base = own_regex ? st->kw_regex_hits[k] : st->kw_hits[k];
	if (!set->also && set->tokens == &st->sps->items[k].keywords &&
	    (!set->regex || own_regex)) {
		memcpy(hit, base, files->nr);
		return 1;
	}
	/*
	 * hits of the patch's own keywords have one: then only the rest of
	 * the set is looked for, often a few tokens where the keywords are
	 * many
	 */
	if (set->also && set->tokens == &st->sps->items[k].keywords)
		rest = (struct token_set){ set->also, NULL,
					   own_regex ? NULL : set->regex };
	for (size_t i = 0; i < files->nr; i++)
		if (base[i])
			strlist_push(&sub, files->items[i]);
	masks = xcalloc(sub.nr ? sub.nr : 1, sizeof(*masks));
	run_prefilter(st, &sub, &rest, 1, jobs, masks, &unreadable);
	for (size_t i = 0, j = 0; i < files->nr; i++)
		hit[i] = base[i] && (masks[j++] & 1);
	free(masks);
	strlist_clear(&sub);
	return !unreadable;
}

/*
 * Mark the files holding a token of set (and one of set->also) in hit,
 * from the cache when the tree has not changed since.
 */
static void select_base(struct scan_state *st, const struct strlist *files,
			const struct token_set *set, int jobs, char *hit)
{
	struct strbuf tk = STRBUF_INIT;
	char tokens_key[65], *cached;
	uint32_t *masks;
	size_t unreadable;

	for (size_t i = 0; i < set->tokens->nr; i++)
		strbuf_addf(&tk, "%s ", set->tokens->items[i]);
	strbuf_addstr(&tk, "& ");
	for (size_t i = 0; set->also && i < set->also->nr; i++)
		strbuf_addf(&tk, "%s ", set->also->items[i]);
	if (set->regex)
		strbuf_addf(&tk, "& /%s/", regex_pattern(set->regex));
	sha256_hex(tk.buf, tk.len, tokens_key);
	strbuf_release(&tk);
	if (cache_get_hits(st->cache, st->tree_key, tokens_key, &cached)) {
		if (strlen(cached) == files->nr) {
			for (size_t i = 0; i < files->nr; i++)
				hit[i] = cached[i] == '1';
			free(cached);
			return;
		}
		free(cached);
	}
	unreadable = 0;
	if (!select_from_keywords(st, files, set, jobs, hit)) {
		masks = xcalloc(files->nr ? files->nr : 1, sizeof(*masks));
		run_prefilter(st, files, set, 1, jobs, masks, &unreadable);
		for (size_t i = 0; i < files->nr; i++)
			hit[i] = masks[i] & 1;
		free(masks);
	}
	cached = xcalloc(files->nr + 1, 1);
	for (size_t i = 0; i < files->nr; i++)
		cached[i] = hit[i] ? '1' : '0';
	if (!unreadable)
		cache_put_hits(st->cache, st->tree_key, tokens_key, cached);
	free(cached);
}

static int has_tokens(const char *path, const struct token_set *set)
{
	struct strbuf sb = STRBUF_INIT;
	int ok = 0;

	if (strbuf_read_file(&sb, path) == 0)
		ok = token_set_matches(sb.buf, sb.len, set);
	strbuf_release(&sb);
	return ok;
}

/*
 * The same for the files of the view: with an overlay, the tree's own
 * answer (cached) for the files it keeps, a fresh look at the changed ones.
 */
static void select_files(struct scan_state *st, const struct strlist *files,
			 const struct token_set *set, int jobs, char *hit)
{
	const struct strlist *base = st->base_files;
	char *base_hit;
	size_t j = 0;

	if (!st->ov) {
		select_base(st, files, set, jobs, hit);
		return;
	}
	base_hit = xcalloc(base->nr ? base->nr : 1, 1);
	select_base(st, base, set, jobs, base_hit);
	for (size_t i = 0; i < files->nr; i++) {
		const char *f = files->items[i];

		while (j < base->nr && strcmp(base->items[j], f) < 0)
			j++;
		if (strlist_has_sorted(&st->ov->changed, f)) {
			char *p = xstrfmt("%s/%s", st->ov->dir, f);

			hit[i] = has_tokens(p, set);
			free(p);
		} else {
			hit[i] = j < base->nr && !strcmp(base->items[j], f) &&
				 base_hit[j];
		}
	}
	free(base_hit);
}

/* An environment for spatch runs; it lives as long as the result. */
static struct strlist *keep_env(struct scan_result *r, const char *var,
				const char *var2)
{
	struct strlist *e = xcalloc(1, sizeof(*e));

	strlist_push(e, var);
	if (var2)
		strlist_push(e, var2);
	ALLOC_GROW(r->envs, r->nenvs + 1, r->aenvs);
	r->envs[r->nenvs++] = e;
	return e;
}

/* Queue sp with env on the files marked in hit. */
static void queue_hits(struct scan_state *st, const struct strlist *files,
		       const struct sempatch *sp, const struct strlist *env,
		       const char *hit)
{
	for (size_t i = 0; i < files->nr; i++)
		if (hit[i]) {
			add_task(st, files->items[i], sp, env);
			st->r->candidate[i] = 1;
		}
}

/* Queue sp with env on the files that set selects. */
static void queue_selected(struct scan_state *st, const struct strlist *files,
			   const struct sempatch *sp, const struct strlist *env,
			   const struct token_set *set, int jobs)
{
	char *hit = xcalloc(files->nr ? files->nr : 1, 1);

	note_run_set(st->r, sp, env, set);
	select_files(st, files, set, jobs, hit);
	queue_hits(st, files, sp, env, hit);
	free(hit);
}

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
 * patches on the files that may call them. Returns how many tasks.
 */
static size_t queue_wrapper_round(struct scan_state *st,
				  const struct strlist *files,
				  const struct sempatch_set *sps,
				  struct strlist *followed, int jobs)
{
	struct scan_result *r = st->r;
	struct strlist names = STRLIST_INIT, spec = STRLIST_INIT;
	struct strlist statics = STRLIST_INIT;	/* static wrappers' files */
	struct token_set set = { &names, NULL, NULL };
	struct strbuf env = STRBUF_INIT;
	char *hit = xcalloc(files->nr ? files->nr : 1, 1);
	size_t before = st->ntasks;

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
	return st->ntasks - before;
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
			      const struct strlist *files,
			      const struct sempatch_set *sps, int jobs)
{
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
static void queue_grab_round(struct scan_state *st, const struct strlist *files,
			     const struct sempatch_set *sps, int jobs)
{
	struct strlist grab = STRLIST_INIT;
	int live = 0;

	for (size_t k = 0; k < sps->nr; k++)
		live |= sps->items[k].role == SP_LIVE;
	if (!live)
		return;
	strlist_push(&grab, "mmgrab");
	queue_role(st, files, sps, SP_STORES, &grab, NULL, 1, jobs);
	strlist_clear(&grab);
}

/*
 * Then the live patch, on the files that name such a struct, and on the
 * files that call mmgrab() and match its grab regex (a live use after
 * mmgrab() in the same function).
 */
static void queue_live_round(struct scan_state *st, const struct strlist *files,
			     const struct sempatch_set *sps, int jobs)
{
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
			       const struct strlist *files,
			       const struct sempatch_set *sps, int jobs)
{
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

/* How deep wrappers of wrappers are followed. */
#define MAX_WRAPPER_ROUNDS 4

int scan_tree(struct scan_result *r, const char *tree,
	      const struct scan_options *opt)
{
	struct sempatch_set sps = { NULL, 0, 0 };
	struct strlist files = STRLIST_INIT, followed = STRLIST_INIT;
	struct strlist base_files = STRLIST_INIT;
	struct scan_state st;
	char *dir, *hit;
	double t0 = monotonic_seconds();
	int ret;

	memset(r, 0, sizeof(*r));
	memset(&st, 0, sizeof(st));
	st.r = r;
	st.timeout = opt->timeout;
	st.batch = opt->batch;
	st.progress = opt->progress;
	if (tree_check(tree) < 0)
		exit(EXIT_FATAL);
	if (spatch_check(&r->spatch_version) < 0)
		exit(EXIT_FATAL);
	r->tree = realpath(tree, NULL);
	if (!r->tree)
		die_errno("cannot resolve '%s'", tree);
	r->kernel_version = tree_kernel_version(r->tree);

	dir = opt->sp_dir ? xstrdup(opt->sp_dir)
			  : mmcheck_data_path("scripts/coccinelle/mm");
	if (sempatch_load_dir(dir, &sps) < 0)
		exit(EXIT_FATAL);
	free(dir);
	if (sps.nr > PREFILTER_MAX_SETS)
		die("too many semantic patches (%zu)", sps.nr);
	dir = mmcheck_data_path("rules");
	if (rules_load(&r->rules, dir) < 0)
		exit(EXIT_FATAL);
	free(dir);

	ret = maintainers_load(&r->maintainers, r->tree);
	if (ret < 0)
		exit(EXIT_FATAL);
	r->have_maintainers = !ret;
	if (ret == 1)
		warning("no MAINTAINERS in '%s': findings go under \"%s\"",
			tree, NO_ENTRY_NAME);
	if (r->maintainers.bad_regex)
		warning("%zu MAINTAINERS patterns do not compile and are "
			"ignored", r->maintainers.bad_regex);

	if (tree_list_sources(r->tree, &files) < 0)
		warning("some directories of '%s' could not be read", tree);
	tree_state_key(r->tree, &files, st.tree_key);
	if (opt->overlay) {
		/* the view: the tree's files less the deleted, plus the added */
		const struct overlay *ov = opt->overlay;
		struct strlist view = STRLIST_INIT;

		for (size_t i = 0; i < files.nr; i++)
			if (!strlist_has_sorted(&ov->deleted, files.items[i]))
				strlist_push(&view, files.items[i]);
		for (size_t i = 0; i < ov->changed.nr; i++)
			if (!strlist_has_sorted(&files, ov->changed.items[i]) &&
			    is_c_source(ov->changed.items[i]))
				strlist_push(&view, ov->changed.items[i]);
		strlist_sort(&view);
		base_files = files;
		files = view;
		st.ov = ov;
	}
	st.base_files = &base_files;
	st.sps = &sps;
	r->files = files.nr;
	r->candidate = xcalloc(files.nr ? files.nr : 1, 1);


	if (opt->cache_dir)
		st.cache = cache_open(opt->cache_dir);
	st.spatch_version = r->spatch_version;

	memcpy(r->tree_key, st.tree_key, sizeof(r->tree_key));
	strbuf_init(&r->raw_facts, 0);
	if (opt->merged_facts) {
		/* the first stage comes from the shards */
		size_t bad;
		char *why;

		if (facts_parse_buffer(&r->facts, opt->merged_facts, &bad,
				       &why) < 0)
			die("the shards hold %zu bad fact lines: %s", bad, why);
		for (size_t i = 0; i < opt->merged_candidates->nr; i++) {
			int k = find_file(&files, opt->merged_candidates->items[i]);

			if (k >= 0)
				r->candidate[k] = 1;
		}
	} else {
		/*
		 * round 0: every patch but the stores one, on its keywords; a
		 * patch the follow round runs again may leave to it what it
		 * looks for there
		 */
		const struct strlist *first = keep_env(r, "MMCHECK_ROUND=first",
						       NULL);
		size_t slot = 0;

		st.keep_raw = opt->shard_n > 0;
		hit = xcalloc(files.nr ? files.nr : 1, 1);
		for (size_t k = 0; k < sps.nr; k++) {
			struct token_set set = { &sps.items[k].keywords, NULL,
						 sps.items[k].regex };

			enum sempatch_role role = sps.items[k].role;

			if (role == SP_STORES || role == SP_LIVE ||
			    (opt->arches_only && role != SP_ARCHES))
				continue;
			note_run_set(r, &sps.items[k],
				     sps.items[k].follow ? first : NULL, &set);
			select_files(&st, &files, &set, opt->jobs, hit);
			for (size_t i = 0; i < files.nr; i++) {
				if (!hit[i])
					continue;
				/* the TLB code the arches patch reads is there */
				if (role == SP_ARCHES &&
				    strncmp(files.items[i], "arch/", 5))
					continue;
				/* a shard takes every shard_n-th candidate */
				if (opt->shard_n &&
				    (slot++ % (size_t)opt->shard_n) !=
				    (size_t)(opt->shard_i - 1))
					continue;
				add_task(&st, files.items[i], &sps.items[k],
					 sps.items[k].follow ? first : NULL);
				r->candidate[i] = 1;
			}
		}
		free(hit);
		/* independent of round 0: the same round, no idle cores */
		if (!opt->shard_n && !opt->arches_only)
			queue_grab_round(&st, &files, &sps, opt->jobs);
		run_tasks(&st, opt->jobs);
	}
	for (size_t i = 0; i < opt->nmerged_na; i++)
		not_analysed(r, opt->merged_na[i].file,
			     xstrdup(opt->merged_na[i].reason));
	if (opt->shard_n || opt->arches_only)
		goto done;

	if (opt->merged_facts) {
		/* the shards ran round 0 only */
		queue_grab_round(&st, &files, &sps, opt->jobs);
		run_tasks(&st, opt->jobs);
	}
	/*
	 * What round 0 found decides the next rounds, which do not depend on
	 * each other: the other side of what the lock patches found, the
	 * live uses of mms that mmgrab() pins, the callers of wrappers (then
	 * of wrappers of wrappers).
	 */
	queue_follow_round(&st, &files, &sps, opt->jobs);
	queue_live_round(&st, &files, &sps, opt->jobs);
	for (int round = 0; round < MAX_WRAPPER_ROUNDS; round++) {
		if (!queue_wrapper_round(&st, &files, &sps, &followed,
					 opt->jobs) && round)
			break;
		run_tasks(&st, opt->jobs);
	}

	/* the stores into the struct fields the uses read */
	queue_store_round(&st, &files, &sps, opt->jobs);
	run_tasks(&st, opt->jobs);

done:
	if (st.progress)
		fprintf(stderr, "\r%40s\r", "");

	/* a file is analysed once all its semantic patches ran cleanly */
	for (size_t i = 0; i < files.nr; i++)
		r->candidates += r->candidate[i];
	r->analysed = r->candidates;
	if (r->nnot_analysed) {
		size_t distinct = 1;

		qsort(r->not_analysed, r->nnot_analysed,
		      sizeof(*r->not_analysed), cmp_na);
		for (size_t i = 1; i < r->nnot_analysed; i++)
			distinct += !!strcmp(r->not_analysed[i].file,
					     r->not_analysed[i - 1].file);
		r->analysed -= distinct;
	}

	facts_sort(&r->facts);
	verdicts_build(&r->verdicts, &r->facts, &r->rules);
	arches_build(&r->arches, &r->facts);
	for (size_t k = 0; k < sps.nr; k++)
		r->arches.ran |= sps.items[k].role == SP_ARCHES;
	for (size_t i = 0; i < r->verdicts.nr; i++) {
		struct use_site *u = &r->verdicts.items[i];

		u->subsystem = maintainers_match(&r->maintainers, u->use->file);
		if (u->nfindings && r->arches.ran)
			arches_buildable(&r->arches, r->tree, u->use->file,
					 &u->arches, &u->arches_how);
	}
	scan_summarize(r);
	r->seconds = monotonic_seconds() - t0;

	r->file_list = files.items;
	r->nfile_list = files.nr;
	files.items = NULL;
	files.nr = files.alloc = 0;
	if (st.cache) {
		r->cache = *cache_stats(st.cache);
		r->cached = 1;
	}
	cache_close(st.cache);
	free(st.tasks);
	free(st.retry);
	free_keyword_hits(&st);
	strlist_clear(&st.queued);
	strlist_clear(&files);
	strlist_clear(&base_files);
	strlist_clear(&followed);
	sempatch_set_clear(&sps);
	return (r->errors ? 1 : 0) | (r->nnot_analysed ? 2 : 0);
}

/*
 * Whether run would pick file (read from dir) by what picked its files in
 * the scan before: a guess at the scan after, which runs whatever the
 * guess missed itself.
 */
static int run_picks(const struct scan_run *run, const char *dir,
		     const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	char *path;
	int yes = 0, readable;

	if (run->arch_only && strncmp(file, "arch/", 5))
		return 0;
	if (strlist_has(&run->files, file))
		return 1;
	path = xstrfmt("%s/%s", dir, file);
	/* an unreadable file is the scan after's to report */
	readable = strbuf_read_file(&sb, path) == 0;
	for (size_t k = 0; readable && k < run->nsets && !yes; k++) {
		const struct run_set *rs = &run->sets[k];
		struct regex *re = rs->regex ? regex_compile(rs->regex) : NULL;
		struct token_set set = { &rs->tokens,
					 rs->has_also ? &rs->also : NULL, re };

		if (!rs->regex || re)
			yes = token_set_matches(sb.buf, sb.len, &set);
		regex_free(re);
	}
	strbuf_release(&sb);
	free(path);
	return yes;
}

void scan_prewarm(const struct scan_result *before,
		  const struct scan_options *opt)
{
	struct scan_result tmp;
	struct scan_state st;
	struct sempatch *sps;
	const struct overlay *ov = opt->overlay;

	if (!opt->cache_dir || !ov || !before->nruns)
		return;
	memset(&tmp, 0, sizeof(tmp));
	memset(&st, 0, sizeof(st));
	tmp.tree = before->tree;	/* borrowed */
	st.r = &tmp;
	st.ov = ov;
	st.timeout = opt->timeout;
	st.batch = opt->batch;
	st.spatch_version = before->spatch_version;
	st.cache = cache_open(opt->cache_dir);
	if (!st.cache)
		return;
	sps = xcalloc(before->nruns, sizeof(*sps));
	for (size_t k = 0; k < before->nruns; k++) {
		sps[k].path = before->runs[k].sp_path;
		sps[k].name = before->runs[k].sp_name;
		for (size_t i = 0; i < ov->changed.nr; i++)
			if (is_c_source(ov->changed.items[i]) &&
			    run_picks(&before->runs[k], ov->dir,
				      ov->changed.items[i]))
				add_task(&st, ov->changed.items[i], &sps[k],
					 before->runs[k].env);
	}
	run_tasks(&st, opt->jobs);
	cache_close(st.cache);
	free(st.tasks);
	free(st.retry);
	strlist_clear(&st.queued);
	free(sps);
	tmp.tree = NULL;
	scan_result_clear(&tmp);
}

int scan_common_option(int c, const char *arg, struct scan_options *opt,
		       char **cache_dir, const char *usage)
{
	char *end;

	switch (c) {
	case 'j':
		opt->jobs = (int)strtol(arg, &end, 10);
		if (*end || opt->jobs < 1)
			usage_die(usage, "-j wants a positive number, not '%s'",
				  arg);
		return 1;
	case 't':
		opt->timeout = strtod(arg, &end);
		if (*end || opt->timeout < 0)
			usage_die(usage, "--timeout wants seconds, not '%s'", arg);
		return 1;
	case 'B':
		opt->batch = (int)strtol(arg, &end, 10);
		if (!strcmp(arg, "auto"))
			opt->batch = 0;
		else if (*end || opt->batch < 1 || opt->batch > BATCH_MAX_FILES)
			usage_die(usage, "--batch wants 'auto' or 1 to %d, not "
				  "'%s'", BATCH_MAX_FILES, arg);
		return 1;
	case 'C':
		free(*cache_dir);
		*cache_dir = xstrdup(arg);
		return 1;
	case 'N':
		free(*cache_dir);
		*cache_dir = NULL;
		return 1;
	default:
		return 0;
	}
}

static char *text_of(const struct scan_result *r, int show_all);

/* What a shard hands to mmcheck merge. */
static char *shard_json(const struct scan_result *r,
			const struct scan_options *opt)
{
	json_t *doc = json_object(), *cand = json_array();
	char *s;

	json_object_set_new(doc, "schema", json_string("mmcheck-shard"));
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(doc, "shard", json_integer(opt->shard_i));
	json_object_set_new(doc, "of", json_integer(opt->shard_n));
	json_object_set_new(doc, "tree", json_string(r->tree));
	json_object_set_new(doc, "tree_key", json_string(r->tree_key));
	for (size_t i = 0; i < r->nfile_list; i++)
		if (r->candidate[i])
			json_array_append_new(cand, json_string(r->file_list[i]));
	json_object_set_new(doc, "candidates", cand);
	json_object_set_new(doc, "not_analysed", not_analysed_json(r));
	json_object_set_new(doc, "facts", json_string(r->raw_facts.buf));
	s = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	if (!s)
		die("out of memory writing JSON");
	return s;
}

int report_option(int c, const char *arg, struct report_options *ro,
		  const char *usage)
{
	switch (c) {
	case 'f':
		if (strcmp(arg, "text") && strcmp(arg, "json"))
			usage_die(usage, "unknown format '%s'", arg);
		ro->format = arg;
		return 1;
	case 'o':
		ro->output = arg;
		return 1;
	case 'J':
		ro->json_out = arg;
		return 1;
	case 'a':
		ro->show_all = 1;
		return 1;
	case 'q':
		ro->quiet = 1;
		return 1;
	default:
		return 0;
	}
}

int write_outputs(struct scan_result *r, const struct report_options *ro)
{
	char *main_out = !strcmp(ro->format, "json") ? report_json(r)
						     : text_of(r, ro->show_all);
	int failed = 0;

	if (write_or_print(ro->output, main_out) < 0)
		failed = 1;
	free(main_out);
	if (ro->json_out && !failed) {
		char *js = report_json(r);

		if (write_file_atomic(ro->json_out, js, strlen(js)) < 0)
			failed = 1;
		free(js);
	}
	if (ro->output && !ro->quiet && !failed) {
		/* the report went to a file: show the summary here */
		report_subsystems(stdout, r);
		printf("\nreport: %s\n", ro->output);
		if (ro->json_out)
			printf("json:   %s\n", ro->json_out);
	}
	return failed ? -1 : 0;
}

static char *text_of(const struct scan_result *r, int show_all)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		die_errno("cannot allocate the report");
	report_text(f, r, show_all);
	if (fclose(f))
		die_errno("cannot build the report");
	return buf;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", required_argument, NULL, 'J' },
		{ "all", no_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "semantic-patches", required_argument, NULL, 'S' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "stats", no_argument, NULL, 's' },
		{ "shard", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300 };
	char *cache_dir = cache_default_dir();
	struct report_options ro = REPORT_OPTIONS_INIT;
	int stats = 0, c, status, failed = 0;
	char junk;
	struct scan_result r;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qa", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, &opt, &cache_dir, scan_usage) ||
		    report_option(c, optarg, &ro, scan_usage))
			continue;
		switch (c) {
		case 'S':
			opt.sp_dir = optarg;
			break;
		case 's':
			stats = 1;
			break;
		case 'H':
			if (sscanf(optarg, "%d/%d%c", &opt.shard_i, &opt.shard_n,
				   &junk) != 2 || opt.shard_n < 1 ||
			    opt.shard_i < 1 || opt.shard_i > opt.shard_n)
				usage_die(scan_usage, "--shard wants I/N with "
					  "1 <= I <= N, not '%s'", optarg);
			break;
		default:
			usage_die(scan_usage, "unknown option");
		}
	}
	if (optind != argc - 1)
		usage_die(scan_usage, optind < argc ? "one TREE only"
						    : "which TREE?");
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.progress = !ro.quiet && isatty(2);
	opt.cache_dir = cache_dir;

	status = scan_tree(&r, argv[optind], &opt);

	if (stats)
		fprintf(stderr, "mmcheck: %.2f s; cache: %s, %zu of %zu spatch runs "
			"reused, %zu of %zu token scans reused%s; %zu passes "
			"over files for token scans, %.2f s\n", r.seconds,
			r.cached ? "on" : "off", r.cache.fact_hits,
			r.cache.fact_hits + r.cache.fact_misses,
			r.cache.prefilter_hits,
			r.cache.prefilter_hits + r.cache.prefilter_misses,
			r.cache.rebuilt ? " (rebuilt)" : "",
			r.prefilter_passes, r.prefilter_seconds);
	for (size_t i = 0; stats && i < r.npatch_stats; i++)
		fprintf(stderr, "mmcheck: %-24s %5zu runs, %5zu cached, "
			"%4zu processes, %8.1f s of spatch\n",
			r.patch_stats[i].name, r.patch_stats[i].runs,
			r.patch_stats[i].cached, r.patch_stats[i].processes,
			r.patch_stats[i].seconds);
	if (opt.shard_n) {
		char *js = shard_json(&r, &opt);

		failed = write_or_print(ro.output, js) < 0;
		free(js);
		status &= 2;	/* the verdicts come from mmcheck merge */
	} else {
		failed = write_outputs(&r, &ro) < 0;
	}
	scan_result_clear(&r);
	free(cache_dir);
	if (failed) {
		if (ro.output)
			unlink(ro.output);
		return EXIT_FATAL;
	}
	return status;
}
