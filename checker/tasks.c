// SPDX-License-Identifier: GPL-2.0-only
/*
 * Queueing spatch tasks: a (semantic patch, environment, file) is queued
 * once per scan, whichever rounds pick it, and every run is noted with
 * what picked its files, so that check-patch can prewarm the runs that
 * would pick a changed file.
 */
#include <stdlib.h>
#include <string.h>

#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"

struct scan_run *note_run(struct scan_result *r,
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
void note_run_set(struct scan_result *r, const struct sempatch *sp,
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

void add_task(struct scan_state *st, const char *file,
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

/* An environment for spatch runs; it lives as long as the result. */
struct strlist *keep_env(struct scan_result *r, const char *var,
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
void queue_hits(struct scan_state *st, const struct strlist *files,
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
void queue_selected(struct scan_state *st, const struct strlist *files,
		    const struct sempatch *sp, const struct strlist *env,
		    const struct token_set *set, int jobs)
{
	char *hit = xcalloc(files->nr ? files->nr : 1, 1);

	note_run_set(st->r, sp, env, set);
	select_files(st, files, set, jobs, hit);
	queue_hits(st, files, sp, env, hit);
	free(hit);
}

void not_analysed(struct scan_result *r, const char *file,
		  char *reason)
{
	ALLOC_GROW(r->not_analysed, r->nnot_analysed + 1, r->anot_analysed);
	r->not_analysed[r->nnot_analysed].file = xstrdup(file);
	r->not_analysed[r->nnot_analysed].reason = reason;
	r->nnot_analysed++;
}
