// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running the queued spatch tasks: each task's facts come from the cache
 * when its file and patch are unchanged; the others are grouped into
 * batches (one spatch process runs one patch, environment and root on
 * many files) of about equal bytes, run in parallel through the runner,
 * split back per file, parsed and cached. A batch that fails runs again
 * file by file, so that every failure is told of the file it belongs to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "cache.h"
#include "progress.h"
#include "runner.h"
#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"

const char *view_root(const struct scan_state *st, const char *file)
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
	c->dir = view_root(st, t->file);
	c->env = t->env;
	c->data = b;
	return 1;
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
	progress_update(st->progress, st->done - st->next);
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
	char *path = xstrfmt("%s/%s", view_root(st, file), file);
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
	       view_root(st, a->file) == view_root(st, b->file);
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
	char *path = xstrfmt("%s/%s", view_root(st, file), file);
	struct stat sb;
	off_t n = stat(path, &sb) ? 0 : sb.st_size;

	free(path);
	return n;
}

/*
 * Cut a group of n tasks into batches of at most size files (0: as
 * batch_size() says for their bytes) with about the same bytes each: the
 * biggest file first, each to the batch with the fewest bytes so far
 * that has room.
 */
static void cut_group(struct scan_state *st, const size_t *group, size_t n,
		      size_t size, int jobs, size_t *alloc)
{
	struct sized_task *sized = xmalloc(n * sizeof(*sized));
	size_t nb, first = st->nbatches, bytes = 0;

	for (size_t k = 0; k < n; k++) {
		sized[k].task = group[k];
		sized[k].bytes = file_bytes(st, st->tasks[group[k]].file);
		bytes += (size_t)sized[k].bytes;
	}
	if (!size)
		size = batch_size(n, bytes, jobs);
	nb = (n + size - 1) / size;
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
		cut_group(st, group, n, (size_t)st->batch, jobs, &alloc);
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

/* The progress line of this run: its tasks, counted from st->next. */
static void progress_begin(struct scan_state *st)
{
	char *title;

	st->done = st->next;
	if (st->ntasks == st->next || !progress_shown())
		return;
	title = xstrfmt("spatch%s%s", st->round_name ? ", round " : "",
			st->round_name ? st->round_name : "");
	st->progress = progress_start(title, st->ntasks - st->next);
	free(title);
}

/* See scan-state.h. */
void run_tasks(struct scan_state *st, int jobs)
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
	progress_begin(st);
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
	progress_stop(&st->progress);
	st->next = st->ntasks;
}
