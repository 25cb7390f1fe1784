// SPDX-License-Identifier: GPL-2.0-only
/*
 * File selection: which files of the view a token set picks.
 *
 * Every round starts from a semantic patch's keywords, and reading the
 * tree is the cost of a token scan, so one pass finds every patch's
 * keyword hits (with and without its regex) and later sets look only at
 * those hits. Answers are cached per tree state; with an overlay (the
 * tree after a patch) the changed files are looked at afresh.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "runner.h"
#include "scan-state.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

int find_file(const struct strlist *files, const char *name)
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
	char *bad = xcalloc(files->nr ? files->nr : 1, 1);

	prefilter_run(st->r->tree, files, sets, nsets, jobs, masks, unreadable,
		      bad);
	st->r->prefilter_seconds += monotonic_seconds() - t0;
	st->r->prefilter_passes++;
	/* told once, at the end of the scan (pipeline.c) */
	for (size_t i = 0; *unreadable && i < files->nr; i++)
		if (bad[i] && !strlist_has(&st->unreadable, files->items[i]))
			strlist_push(&st->unreadable, files->items[i]);
	free(bad);
}

void free_keyword_hits(struct scan_state *st)
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
void select_files(struct scan_state *st, const struct strlist *files,
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
