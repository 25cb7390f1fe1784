/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the stages of the scan pipeline share while a scan runs: the
 * queued spatch tasks, the batches under way, the keyword hits of the
 * file selection. Only the pipeline's own files include this; commands
 * use pipeline.h.
 *
 *   select.c      which files a token set (keywords, also, regex) picks
 *   tasks.c       queueing (patch, environment, file) tasks, once each
 *   spatch-run.c  the cache, batching, running spatch, reading its facts
 *   rounds.c      the rounds as a table, and the scheduler that runs them
 *   pipeline.c    scan_tree(): set-up, the rounds, the judging stages
 *   prewarm.c     check-patch's cache prewarm
 */
#ifndef MMCHECK_SCAN_STATE_H
#define MMCHECK_SCAN_STATE_H

#include <stddef.h>

#include "pipeline.h"
#include "prefilter.h"
#include "scan.h"
#include "spatch.h"
#include "strlist.h"

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
	const char *round_name;	/* of the run under way, for the progress line */
	struct progress *progress;	/* of the run under way, or NULL */
	struct cache *cache;
	char tree_key[65];
	const char *spatch_version;
	const struct overlay *ov;
	const struct strlist *base_files;	/* the tree's, without overlay */
	int keep_raw;		/* shards keep the facts' text */
	struct strlist queued;	/* every (patch, environment, file) queued */
	struct strlist followed;	/* wrappers whose callers were queued */
	struct strlist unreadable;	/* files the token scans could not read */
	struct walk_index *walk;	/* the call-graph walks' file index */
	char view_key[65];	/* tree_key and the overlay's files; "" unset */
};

/* select.c */

/* The index of name in the sorted files, or -1. */
int find_file(const struct strlist *files, const char *name);
/*
 * Mark in hit (one byte a file of files) the files that hold a token of
 * set (and one of set->also, and match set->regex): from the cache when
 * the tree has not changed, with an overlay a fresh look at its files.
 */
void select_files(struct scan_state *st, const struct strlist *files,
		  const struct token_set *set, int jobs, char *hit);
void free_keyword_hits(struct scan_state *st);

/* tasks.c */

/* The run of sp with env, as the result keeps it for prewarming. */
struct scan_run *note_run(struct scan_result *r, const struct sempatch *sp,
			  const struct strlist *env);
/* And what picked its files. */
void note_run_set(struct scan_result *r, const struct sempatch *sp,
		  const struct strlist *env, const struct token_set *set);
/* Queue sp with env on file, unless that exact task was queued before. */
void add_task(struct scan_state *st, const char *file,
	      const struct sempatch *sp, const struct strlist *env);
/* An environment for spatch runs; it lives as long as the result. */
struct strlist *keep_env(struct scan_result *r, const char *var,
			 const char *var2);
/* Queue sp with env on the files marked in hit; they become candidates. */
void queue_hits(struct scan_state *st, const struct strlist *files,
		const struct sempatch *sp, const struct strlist *env,
		const char *hit);
/* Queue sp with env on the files that set selects. */
void queue_selected(struct scan_state *st, const struct strlist *files,
		    const struct sempatch *sp, const struct strlist *env,
		    const struct token_set *set, int jobs);
/* Record that file was not analysed, and why (reason is taken). */
void not_analysed(struct scan_result *r, const char *file, char *reason);

/* spatch-run.c */

/* Where a file of the view is read from: the overlay's, or the tree. */
const char *view_root(const struct scan_state *st, const char *file);

/*
 * Take the queued tasks (from st->next on) from the cache where it has
 * them, run the others in batches and wait for them; their facts join
 * st->r->facts.
 */
void run_tasks(struct scan_state *st, int jobs);

/* rounds.c */

struct round_input {
	const struct strlist *files;	/* the view's files, sorted */
	const struct sempatch_set *sps;
	const struct scan_options *opt;
};

/* Run every round of the table whose inputs are ready, until none is. */
void rounds_run(struct scan_state *st, const struct round_input *in);

/* round-lockctx.c: the lockctx round's queue function */
void queue_lockctx_round(struct scan_state *st, const struct round_input *in);
void queue_livectx_round(struct scan_state *st, const struct round_input *in);

#endif
