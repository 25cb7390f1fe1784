// SPDX-License-Identifier: GPL-2.0-only
/*
 * scan_tree(): the whole pipeline on one tree, for every command.
 *
 *   tree, semantic patches, rules, MAINTAINERS   (set-up)
 *   -> the files of the view (the tree, or the tree after a patch)
 *   -> the rounds (rounds.c: select files, run spatch, read facts)
 *   -> verdicts (uses, live uses) -> lock sites -> arches -> subsystems
 *
 * Each judging stage reads the facts and the sites of the stages before
 * it, never the other way round. docs/ARCHITECTURE.md draws the flow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "datadir.h"
#include "lock-race.h"
#include "progress.h"
#include "runner.h"
#include "scan-state.h"
#include "tree.h"
#include "usage.h"
#include "walk-index.h"

/* The tree, spatch, the semantic patches, the rules and MAINTAINERS. */
static void load_inputs(struct scan_result *r, const char *tree,
			const struct scan_options *opt,
			struct sempatch_set *sps)
{
	char *dir;
	int ret;

	if (tree_check(tree) < 0)
		exit_fatal();
	if (spatch_check(&r->spatch_version) < 0)
		exit_fatal();
	r->tree = realpath(tree, NULL);
	if (!r->tree)
		die_errno("cannot resolve '%s'", tree);
	r->kernel_version = tree_kernel_version(r->tree);

	dir = opt->sp_dir ? xstrdup(opt->sp_dir)
			  : mmcheck_data_path("smpl");
	if (sempatch_load_dir(dir, sps) < 0)
		exit_fatal();
	free(dir);
	if (sps->nr > PREFILTER_MAX_SETS)
		die("too many semantic patches (%zu)", sps->nr);
	dir = mmcheck_data_path("rules");
	if (rules_load(&r->rules, dir) < 0)
		exit_fatal();
	free(dir);

	ret = maintainers_load(&r->maintainers, r->tree);
	if (ret < 0)
		exit_fatal();
	r->have_maintainers = !ret;
	if (ret == 1)
		warning("no MAINTAINERS in '%s': findings go under \"%s\"",
			tree, NO_ENTRY_NAME);
	if (r->maintainers.bad_regex)
		warning("%zu MAINTAINERS patterns do not compile and are "
			"ignored", r->maintainers.bad_regex);
}

/*
 * The files of the view into files: the tree's, or with an overlay the
 * tree's less the deleted plus the added ones (the tree's own list goes
 * to base_files then).
 */
static void list_view(struct scan_state *st, const struct overlay *ov,
		      struct strlist *files, struct strlist *base_files)
{
	struct strlist view = STRLIST_INIT;

	tree_list_sources(st->r->tree, files, &st->unreadable);
	tree_state_key(st->r->tree, files, st->tree_key);
	st->base_files = base_files;
	if (!ov)
		return;
	for (size_t i = 0; i < files->nr; i++)
		if (!strlist_has_sorted(&ov->deleted, files->items[i]))
			strlist_push(&view, files->items[i]);
	for (size_t i = 0; i < ov->changed.nr; i++)
		if (!strlist_has_sorted(files, ov->changed.items[i]) &&
		    is_c_source(ov->changed.items[i]))
			strlist_push(&view, ov->changed.items[i]);
	strlist_sort(&view);
	*base_files = *files;
	*files = view;
	st->ov = ov;
}

static int cmp_na(const void *a, const void *b)
{
	return strcmp(((const struct not_analysed *)a)->file,
		      ((const struct not_analysed *)b)->file);
}

/* 1 if entry i of r->not_analysed is a file not told of before it. */
static int new_na_file(const struct scan_result *r, size_t i)
{
	const char *f = r->not_analysed[i].file;

	/* a directory ("DIR/") is not a candidate file */
	if (*f && f[strlen(f) - 1] == '/')
		return 0;
	return !i || strcmp(f, r->not_analysed[i - 1].file);
}

/* A file is analysed once all its semantic patches ran cleanly. */
static void count_analysed(struct scan_result *r, size_t nfiles)
{
	size_t distinct = 0;

	for (size_t i = 0; i < nfiles; i++)
		r->candidates += r->candidate[i];
	r->analysed = r->candidates;
	if (!r->nnot_analysed)
		return;
	qsort(r->not_analysed, r->nnot_analysed, sizeof(*r->not_analysed),
	      cmp_na);
	for (size_t i = 0; i < r->nnot_analysed; i++)
		distinct += new_na_file(r, i);
	r->analysed -= distinct;
}

/*
 * What could not be read may hold a use: each such file (a candidate, as
 * nothing could rule it out) and directory is not analysed, and the
 * result is incomplete. Told once, however many token scans met it.
 */
static void note_unreadable(struct scan_state *st, const struct strlist *files)
{
	struct scan_result *r = st->r;

	if (!st->unreadable.nr)
		return;
	warning("%zu files or directories of '%s' could not be read",
		st->unreadable.nr, r->tree);
	for (size_t i = 0; i < st->unreadable.nr; i++) {
		const char *f = st->unreadable.items[i];
		int k = find_file(files, f);

		if (k >= 0)
			r->candidate[k] = 1;
		not_analysed(r, f, xstrdup(k >= 0 ? "cannot be read"
					       : "directory cannot be read"));
	}
}

/* The judging stages, in order, each on what the ones before made. */
static void judge(struct scan_result *r, const struct sempatch_set *sps)
{
	struct progress *p;

	facts_sort(&r->facts);
	verdicts_build(&r->verdicts, &r->facts, &r->rules);
	lock_sites_build(&r->verdicts, &r->facts, &r->rules);
	arches_build(&r->arches, &r->facts);
	for (size_t k = 0; k < sps->nr; k++)
		r->arches.ran |= sps->items[k].role == SP_ARCHES;
	p = r->arches.ran ? progress_start("arches", r->verdicts.nr) : NULL;
	for (size_t i = 0; i < r->verdicts.nr; i++) {
		struct use_site *u = &r->verdicts.items[i];

		u->subsystem = maintainers_match(&r->maintainers, u->use->file);
		if (u->nfindings && r->arches.ran)
			arches_buildable(&r->arches, r->tree, u->use->file,
					 &u->arches, &u->arches_how);
		progress_update(p, i + 1);
	}
	progress_stop(&p);
	scan_summarize(r);
}

int scan_tree(struct scan_result *r, const char *tree,
	      const struct scan_options *opt)
{
	struct sempatch_set sps = { NULL, 0, 0 };
	struct strlist files = STRLIST_INIT, base_files = STRLIST_INIT;
	struct round_input in = { &files, &sps, opt };
	struct scan_state st;
	double t0 = monotonic_seconds();

	memset(r, 0, sizeof(*r));
	memset(&st, 0, sizeof(st));
	st.r = r;
	st.timeout = opt->timeout;
	st.batch = opt->batch;
	st.sps = &sps;
	st.keep_raw = opt->shard_n > 0;
	load_inputs(r, tree, opt, &sps);
	list_view(&st, opt->overlay, &files, &base_files);
	r->files = files.nr;
	r->candidate = xcalloc(files.nr ? files.nr : 1, 1);
	if (opt->cache_dir)
		st.cache = cache_open(opt->cache_dir);
	st.spatch_version = r->spatch_version;
	memcpy(r->tree_key, st.tree_key, sizeof(r->tree_key));
	strbuf_init(&r->raw_facts, 0);

	rounds_run(&st, &in);
	note_unreadable(&st, &files);
	count_analysed(r, files.nr);
	judge(r, &sps);
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
	walk_index_free(st.walk);
	strlist_clear(&st.queued);
	strlist_clear(&st.followed);
	strlist_clear(&st.unreadable);
	strlist_clear(&base_files);
	sempatch_set_clear(&sps);
	return (r->errors ? 1 : 0) | (r->nnot_analysed ? 2 : 0);
}
