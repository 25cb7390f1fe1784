// SPDX-License-Identifier: GPL-2.0-only
/*
 * Root causes from the sites; see group.h. A union-find over the sites
 * with findings: a wrapper joins the calls of it, then the sites left
 * alone join the others that read the same field.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "group.h"
#include "strbuf.h"
#include "usage.h"

struct grouping {
	const struct verdicts *v;
	const struct fact_store *fs;
	size_t *parent;
	char **sig;		/* per site with findings: what must match */
	const char **wrapper;	/* per site: the wrapper it is the use of */
	int *joined;		/* per site: joined through a wrapper */
};

static size_t find_root(size_t *parent, size_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void join(size_t *parent, size_t a, size_t b)
{
	a = find_root(parent, a);
	b = find_root(parent, b);
	/* the earlier site is the root: groups keep the report's order */
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

/* Whether the evidence names another party (a work item, a notifier...). */
static int names_other_party(const struct use_site *u)
{
	for (size_t k = 0; k < u->nevidence; k++)
		if (!strncmp(u->evidence[k].what, EVIDENCE_OTHER_PARTY,
			     strlen(EVIDENCE_OTHER_PARTY)))
			return 1;
	return 0;
}

/*
 * What two sites of one root cause share: family, verdict, whether an
 * other party is named (a use a work item reaches is not grouped under
 * one whose context is unknown), and each finding's rule, severity and
 * confidence (so one head line says it).
 */
static char *signature(const struct use_site *u)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%d\t%s\t%d", (int)u->family, u->verdict,
		    names_other_party(u));
	for (size_t k = 0; k < u->nfindings; k++)
		strbuf_addf(&sb, "\t%s:%d:%d", u->findings[k].rule->id,
			    (int)u->findings[k].severity,
			    (int)u->findings[k].confidence);
	return strbuf_detach(&sb, NULL);
}

static int same_place(const struct fact *a, const struct fact *b)
{
	return !strcmp(a->file, b->file) && a->line == b->line &&
	       a->col == b->col;
}

/* Join each wrapper's use with the calls of it that share its findings. */
static void join_wrappers(struct grouping *gr, const size_t *site_of_fact)
{
	const struct fact_store *fs = gr->fs;
	const struct verdicts *v = gr->v;

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *w = &fs->items[i];
		size_t s = NO_GROUP;

		if (w->kind != FACT_WRAPPER)
			continue;
		/* the use at the same place: facts are sorted by place */
		for (size_t k = i; k-- > 0 && same_place(&fs->items[k], w);)
			if (site_of_fact[k] != NO_GROUP)
				s = site_of_fact[k];
		for (size_t k = i + 1; s == NO_GROUP && k < fs->nr &&
		     same_place(&fs->items[k], w); k++)
			s = site_of_fact[k];
		if (s == NO_GROUP || v->items[s].family != FAMILY_USE_MM)
			continue;
		gr->wrapper[s] = w->wrapper;
		for (size_t c = 0; c < v->nr; c++) {
			const struct fact *f = v->items[c].use;

			if (c == s || !gr->sig[c] ||
			    v->items[c].family != FAMILY_USE_MM ||
			    f->kind != FACT_USE || strcmp(f->api, w->wrapper) ||
			    f->arg != w->index ||
			    (w->is_static && strcmp(f->file, w->file)) ||
			    strcmp(gr->sig[c], gr->sig[s]))
				continue;
			join(gr->parent, s, c);
			gr->joined[s] = gr->joined[c] = 1;
		}
	}
}

/*
 * The field whose stores decided the site: its use's own, or that of the
 * nearest local copy above it, as verdict.c follows them.
 */
static const char *field_of(const struct grouping *gr, const struct use_site *u,
			    size_t at)
{
	const struct fact_store *fs = gr->fs;
	const struct fact *use = u->use, *origin = NULL;

	if (use->key)
		return use->key;
	if (u->family != FAMILY_USE_MM)
		return NULL;
	for (size_t k = at; k-- > 0 && same_place(&fs->items[k], use);)
		if (fs->items[k].kind == FACT_ORIGIN && (!origin ||
		    fs->items[k].origin_line > origin->origin_line))
			origin = &fs->items[k];
	for (size_t k = at + 1; k < fs->nr && same_place(&fs->items[k], use);
	     k++)
		if (fs->items[k].kind == FACT_ORIGIN && (!origin ||
		    fs->items[k].origin_line > origin->origin_line))
			origin = &fs->items[k];
	return origin ? origin->key : NULL;
}

/* Join the sites not joined through a wrapper that read one field. */
static void join_fields(struct grouping *gr, const char **field)
{
	const struct verdicts *v = gr->v;

	for (size_t i = 0; i < v->nr; i++) {
		if (!field[i] || gr->joined[i])
			continue;
		for (size_t j = 0; j < i; j++)
			if (field[j] && !gr->joined[j] &&
			    !strcmp(field[i], field[j]) &&
			    !strcmp(gr->sig[i], gr->sig[j])) {
				join(gr->parent, j, i);
				break;
			}
	}
}

/*
 * The head of a wrapper group: the innermost wrapper, whose own use is
 * not a call of another wrapper of the group.
 */
static size_t wrapper_head(const struct grouping *gr,
			   const struct site_group *sg)
{
	for (size_t a = 0; a < sg->n; a++) {
		size_t s = sg->members[a];
		int outer = 0;

		if (!gr->wrapper[s])
			continue;
		for (size_t b = 0; b < sg->n; b++) {
			const char *w = gr->wrapper[sg->members[b]];

			if (w && !strcmp(w, gr->v->items[s].use->api))
				outer = 1;
		}
		if (!outer)
			return s;
	}
	return sg->members[0];
}

static void finish_group(const struct grouping *gr, struct site_group *sg,
			 const char **field)
{
	const struct use_site *u;
	char *key, hex[65];

	sg->head = sg->members[0];
	sg->kind = GROUP_SITE;
	if (sg->n > 1 && gr->joined[sg->head]) {
		sg->head = wrapper_head(gr, sg);
		sg->subject = gr->wrapper[sg->head];
		sg->kind = gr->v->items[sg->head].use->macro ? GROUP_MACRO :
							       GROUP_WRAPPER;
	} else if (sg->n > 1) {
		sg->subject = field[sg->head];
		sg->kind = GROUP_FIELD;
	}
	u = &gr->v->items[sg->head];
	/*
	 * Stable while the tree keeps its shape: no line in a group's key;
	 * a site alone keeps its place, as two can share the rest.
	 */
	if (sg->kind == GROUP_SITE)
		key = xstrfmt("site\t%s\t%s\t%s\t%d:%d\t%s", u->use->file,
			      u->use->function ? u->use->function : "",
			      u->subject ? u->subject : "", u->use->line,
			      u->use->col, gr->sig[sg->head]);
	else
		key = xstrfmt("%s\t%s\t%s\t%s", group_kind_name(sg->kind),
			      sg->subject ? sg->subject : "",
			      sg->kind == GROUP_FIELD ? "" : u->use->file,
			      gr->sig[sg->head]);
	sha256_hex(key, strlen(key), hex);
	memcpy(sg->id, hex, 16);
	sg->id[16] = '\0';
	free(key);
}

static void collect(struct site_groups *g, const struct grouping *gr,
		    const char **field)
{
	const struct verdicts *v = gr->v;

	for (size_t i = 0; i < v->nr; i++) {
		size_t root;
		struct site_group *sg;

		if (!gr->sig[i])
			continue;
		root = find_root(gr->parent, i);
		if (root == i) {
			ALLOC_GROW(g->items, g->nr + 1, g->alloc);
			sg = &g->items[g->nr];
			memset(sg, 0, sizeof(*sg));
			g->of_site[i] = g->nr++;
		} else {
			g->of_site[i] = g->of_site[root];
			sg = &g->items[g->of_site[i]];
		}
		ALLOC_GROW(sg->members, sg->n + 1, sg->alloc);
		sg->members[sg->n++] = i;
	}
	for (size_t k = 0; k < g->nr; k++)
		finish_group(gr, &g->items[k], field);
}

void groups_build(struct site_groups *g, const struct verdicts *v,
		  const struct fact_store *fs)
{
	struct grouping gr = { v, fs, NULL, NULL, NULL, NULL };
	size_t *site_of_fact = xcalloc(fs->nr + 1, sizeof(*site_of_fact));
	const char **field = xcalloc(v->nr + 1, sizeof(*field));

	memset(g, 0, sizeof(*g));
	g->of_site = xcalloc(v->nr + 1, sizeof(*g->of_site));
	gr.parent = xcalloc(v->nr + 1, sizeof(*gr.parent));
	gr.sig = xcalloc(v->nr + 1, sizeof(*gr.sig));
	gr.wrapper = xcalloc(v->nr + 1, sizeof(*gr.wrapper));
	gr.joined = xcalloc(v->nr + 1, sizeof(*gr.joined));
	for (size_t i = 0; i < fs->nr; i++)
		site_of_fact[i] = NO_GROUP;
	for (size_t i = 0; i < v->nr; i++) {
		const struct use_site *u = &v->items[i];
		size_t at = (size_t)(u->use - fs->items);

		gr.parent[i] = i;
		g->of_site[i] = NO_GROUP;
		gr.sig[i] = u->nfindings ? signature(u) : NULL;
		/* sites point into the store; anything else joins nothing */
		if (!u->nfindings || u->family == FAMILY_LOCK ||
		    u->use < fs->items || at >= fs->nr)
			continue;
		site_of_fact[at] = i;
		field[i] = field_of(&gr, u, at);
	}
	join_wrappers(&gr, site_of_fact);
	join_fields(&gr, field);
	collect(g, &gr, field);
	for (size_t i = 0; i < v->nr; i++)
		free(gr.sig[i]);
	free(gr.sig);
	free(gr.parent);
	free(gr.wrapper);
	free(gr.joined);
	free(site_of_fact);
	free(field);
}

const struct site_group *group_of(const struct site_groups *g, size_t i)
{
	if (!g->of_site || g->of_site[i] == NO_GROUP)
		return NULL;
	return &g->items[g->of_site[i]];
}

const char *group_kind_name(enum group_kind k)
{
	static const char *const names[] = {
		[GROUP_SITE] = "site", [GROUP_WRAPPER] = "wrapper",
		[GROUP_MACRO] = "macro", [GROUP_FIELD] = "field",
	};

	return names[k];
}

void groups_clear(struct site_groups *g)
{
	for (size_t k = 0; k < g->nr; k++)
		free(g->items[k].members);
	free(g->items);
	free(g->of_site);
	memset(g, 0, sizeof(*g));
}
