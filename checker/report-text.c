// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text output, like a compiler: one "file:line:col: severity: [rule] msg"
 * line per finding with its evidence as "note:" lines, then a summary and
 * the per-subsystem table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "usage.h"

/* Past this many findings the rest is only in the JSON. */
#define MAX_TEXT_FINDINGS 500

/* Where a missing mm_users reference also leaves stale TLB entries. */
static void print_arches(FILE *out, const struct use_site *u,
			 const char *indent)
{
	const struct fact *f = u->use;

	fprintf(out, "%s:%d: note: %s", f->file, f->line, indent);
	if (!u->arches.nr) {
		fprintf(out, "builds on none of the TLB-critical architectures "
			"(%s)\n", u->arches_how);
		return;
	}
	fprintf(out, "builds on TLB-critical ");
	for (size_t i = 0; i < u->arches.nr; i++)
		fprintf(out, "%s%s", i ? ", " : "", u->arches.items[i]);
	fprintf(out, " (%s)\n", u->arches_how);
}

static void print_use(FILE *out, const struct use_site *u, int show_all)
{
	const struct fact *f = u->use;

	if (!u->nfindings) {
		if (!show_all)
			return;
		fprintf(out, "%s:%d:%d: note: [%s] %s(%s) in %s%s%s\n",
			f->file, f->line, f->col, u->verdict, f->api, f->mm,
			f->macro ? "macro " : "", f->function,
			f->macro ? "" : "()");
	}
	for (size_t k = 0; k < u->nfindings; k++)
		fprintf(out, "%s:%d:%d: %s: [%s] %s (verdict: %s, confidence: "
			"%s)\n", f->file, f->line, f->col,
			severity_name(u->findings[k].severity),
			u->findings[k].rule->id, u->findings[k].message,
			u->verdict,
			confidence_name(u->findings[k].confidence));
	for (size_t k = 0; k < u->nevidence; k++)
		fprintf(out, "%s:%d: note: %s\n", u->evidence[k].file,
			u->evidence[k].line, u->evidence[k].what);
	for (size_t k = 0; k < u->nmitigations; k++)
		fprintf(out, "%s:%d: note: mitigation (%s), not proof: %s\n",
			u->mitigations[k].file, u->mitigations[k].line,
			u->mitigations[k].kind, u->mitigations[k].text);
	if (u->arches_how && u->family != FAMILY_LOCK)
		print_arches(out, u, "");
}

/* Root causes: a group of sites printed as one finding */

static int same_evidence(const struct evidence *a, const struct evidence *b)
{
	return a->line == b->line && !strcmp(a->file, b->file) &&
	       !strcmp(a->what, b->what);
}

/*
 * The sites of a group: every member of a field's group; the calls of a
 * wrapper, whose own use leads the group.
 */
static int is_site(const struct site_group *g, size_t m)
{
	return g->kind == GROUP_FIELD || g->members[m] != g->head;
}

/* Every site of g has e among its evidence. */
static int shared_evidence(const struct scan_result *r,
			   const struct site_group *g, const struct evidence *e)
{
	for (size_t m = 0; m < g->n; m++) {
		const struct use_site *u = &r->verdicts.items[g->members[m]];
		size_t k = 0;

		if (!is_site(g, m))
			continue;
		while (k < u->nevidence && !same_evidence(&u->evidence[k], e))
			k++;
		if (k == u->nevidence)
			return 0;
	}
	return 1;
}

static int shared_mitigation(const struct scan_result *r,
			     const struct site_group *g,
			     const struct mitigation *x)
{
	for (size_t m = 0; m < g->n; m++) {
		const struct use_site *u = &r->verdicts.items[g->members[m]];
		size_t k = 0;

		if (!is_site(g, m))
			continue;
		while (k < u->nmitigations &&
		       (u->mitigations[k].line != x->line ||
			strcmp(u->mitigations[k].file, x->file) ||
			strcmp(u->mitigations[k].text, x->text)))
			k++;
		if (k == u->nmitigations)
			return 0;
	}
	return 1;
}

/*
 * A wrapper's own evidence names each call ("called as ..."): the sites
 * of the group say it again, so the head skips those.
 */
static int at_member(const struct scan_result *r, const struct site_group *g,
		     const struct evidence *e)
{
	for (size_t m = 0; m < g->n; m++) {
		const struct fact *f = r->verdicts.items[g->members[m]].use;

		if (g->members[m] != g->head && f->line == e->line &&
		    !strcmp(f->file, e->file) &&
		    !strncmp(e->what, "called as ", 10))
			return 1;
	}
	return 0;
}

/* Every member of g builds on the same TLB-critical architectures. */
static int shared_arches(const struct scan_result *r,
			 const struct site_group *g)
{
	const struct use_site *h = &r->verdicts.items[g->head];

	for (size_t m = 0; m < g->n; m++) {
		const struct use_site *u = &r->verdicts.items[g->members[m]];

		if (!u->arches_how != !h->arches_how ||
		    (h->arches_how && strcmp(u->arches_how, h->arches_how)) ||
		    u->arches.nr != h->arches.nr)
			return 0;
		for (size_t i = 0; i < h->arches.nr; i++)
			if (strcmp(u->arches.items[i], h->arches.items[i]))
				return 0;
	}
	return 1;
}

/* "api(mm) in function()", as a site's first evidence says it */
static char *site_name(const struct fact *f)
{
	return xstrfmt("%s(%s) in %s%s%s", f->api, f->mm,
		       f->macro ? "macro " : "", f->function,
		       f->macro ? "" : "()");
}

/* e is the site's own line, which its note already says */
static int names_site(const struct use_site *u, const struct evidence *e)
{
	char *name = site_name(u->use);
	int is = e->line == u->use->line && !strcmp(e->file, u->use->file) &&
		 !strncmp(e->what, name, strlen(name));

	free(name);
	return is;
}

/* The evidence of a site that the group does not share, indented. */
static void print_own(FILE *out, const struct scan_result *r,
		      const struct site_group *g, const struct use_site *u,
		      const char *indent)
{
	/* a wrapper's own use is no site: what it shares is its own */
	int head = g->kind != GROUP_FIELD && u == &r->verdicts.items[g->head];

	for (size_t k = 0; k < u->nevidence; k++) {
		const struct evidence *e = &u->evidence[k];

		if ((!head && shared_evidence(r, g, e)) || at_member(r, g, e) ||
		    names_site(u, e))
			continue;
		fprintf(out, "%s:%d: note: %s%s\n", e->file, e->line, indent,
			e->what);
	}
	for (size_t k = 0; k < u->nmitigations; k++)
		if (head || !shared_mitigation(r, g, &u->mitigations[k]))
			fprintf(out, "%s:%d: note: %smitigation (%s), not proof: "
				"%s\n", u->mitigations[k].file,
				u->mitigations[k].line, indent,
				u->mitigations[k].kind, u->mitigations[k].text);
	if (u->arches_how && u->family != FAMILY_LOCK &&
	    !shared_arches(r, g))
		print_arches(out, u, indent);
}

/* What every site of g shares, once: the stores, the architectures. */
static void print_shared(FILE *out, const struct scan_result *r,
			 const struct site_group *g)
{
	size_t m = 0;
	const struct use_site *s;

	while (!is_site(g, m))
		m++;
	s = &r->verdicts.items[g->members[m]];
	for (size_t k = 0; k < s->nevidence; k++)
		if (shared_evidence(r, g, &s->evidence[k]) &&
		    !at_member(r, g, &s->evidence[k]) &&
		    !names_site(s, &s->evidence[k]))
			fprintf(out, "%s:%d: note: %s\n", s->evidence[k].file,
				s->evidence[k].line, s->evidence[k].what);
	for (size_t k = 0; k < s->nmitigations; k++)
		if (shared_mitigation(r, g, &s->mitigations[k]))
			fprintf(out, "%s:%d: note: mitigation (%s), not proof: "
				"%s\n", s->mitigations[k].file,
				s->mitigations[k].line, s->mitigations[k].kind,
				s->mitigations[k].text);
	if (s->arches_how && s->family != FAMILY_LOCK && shared_arches(r, g))
		print_arches(out, s, "");
}

/*
 * One head line per finding of the root cause: rule, verdict, the
 * wrapper or field, how many sites; then each site as a note with what
 * is its own, and what they share (the stores of the field) once.
 */
static void print_group(FILE *out, const struct scan_result *r,
			const struct site_group *g)
{
	const struct use_site *h = &r->verdicts.items[g->head];
	const struct fact *f = h->use;
	int wrapper = g->kind != GROUP_FIELD;
	size_t nsites = wrapper ? g->n - 1 : g->n, i = 0;
	char *name = site_name(f);

	for (size_t k = 0; k < h->nfindings; k++) {
		const struct finding *fi = &h->findings[k];

		fprintf(out, "%s:%d:%d: %s: [%s] ", f->file, f->line, f->col,
			severity_name(fi->severity), fi->rule->id);
		if (wrapper)
			fprintf(out, "%s, called at %zu site%s", name, nsites,
				nsites == 1 ? "" : "s");
		else
			fprintf(out, "%zu sites read %s", nsites, g->subject);
		fprintf(out, ": %s (verdict: %s, confidence: %s)\n",
			fi->rule->title, h->verdict,
			confidence_name(fi->confidence));
	}
	free(name);
	if (wrapper)
		print_own(out, r, g, h, "");
	for (size_t m = 0; m < g->n; m++) {
		const struct use_site *u = &r->verdicts.items[g->members[m]];

		if (wrapper && g->members[m] == g->head)
			continue;
		name = site_name(u->use);
		fprintf(out, "%s:%d: note: site %zu of %zu: %s\n",
			u->use->file, u->use->line, ++i, nsites, name);
		free(name);
		print_own(out, r, g, u, "  ");
	}
	print_shared(out, r, g);
}

static void print_list(FILE *out, const char *tag, const struct strlist *l)
{
	if (!l->nr)
		return;
	fprintf(out, "%28s%s: ", "", tag);
	for (size_t i = 0; i < l->nr; i++)
		fprintf(out, "%s%s", i ? ", " : "", l->items[i]);
	fputc('\n', out);
}

int report_subsystems(FILE *out, const struct scan_result *r)
{
	fprintf(out, "mmcheck: %zu use site%s", r->uses,
		r->uses == 1 ? "" : "s");
	if (r->others)
		fprintf(out, " and %zu lock/live-mm finding%s", r->others,
			r->others == 1 ? "" : "s");
	fprintf(out, ": %zu error%s, %zu warning%s, %zu held", r->errors,
		r->errors == 1 ? "" : "s", r->warnings,
		r->warnings == 1 ? "" : "s", r->safe);
	if (r->errors + r->warnings)
		fprintf(out, "; %zu root cause%s at %zu site%s",
			r->root_causes, r->root_causes == 1 ? "" : "s",
			r->errors + r->warnings,
			r->errors + r->warnings == 1 ? "" : "s");
	if (r->errors + r->warnings)
		fprintf(out, "; confidence %zu high, %zu medium, %zu low",
			r->by_confidence[CONF_HIGH],
			r->by_confidence[CONF_MEDIUM],
			r->by_confidence[CONF_LOW]);
	fprintf(out, " (%s%s%s%zu files, %zu candidates, %zu analysed, %.1f s)\n",
		r->kernel_version ? "Linux " : "",
		r->kernel_version ? r->kernel_version : "",
		r->kernel_version ? ", " : "", r->files, r->candidates, r->analysed, r->seconds);
	if (r->arches.ran) {
		const struct strlist *c = &r->arches.critical;

		fprintf(out, "mmcheck: TLB-critical architectures in this tree: ");
		for (size_t i = 0; i < c->nr; i++)
			fprintf(out, "%s%s", i ? ", " : "", c->items[i]);
		fprintf(out, "%s\n", c->nr ? " (mmcheck arches --all: evidence)"
					    : "none found");
	}
	if (r->nnot_analysed) {
		fprintf(out, "mmcheck: %zu file%s not analysed, the result is "
			"incomplete:\n", r->nnot_analysed,
			r->nnot_analysed == 1 ? "" : "s");
		for (size_t i = 0; i < r->nnot_analysed; i++)
			fprintf(out, "  %s: %s\n", r->not_analysed[i].file,
				r->not_analysed[i].reason);
	}
	if (!r->nsubsystems)
		return ferror(out) ? -1 : 0;
	fprintf(out, "\nPer subsystem:\n%6s %8s %6s  %s\n", "errors",
		"warnings", "held", "subsystem");
	for (size_t i = 0; i < r->nsubsystems; i++) {
		const struct subsys_summary *s = &r->subsystems[i];

		fprintf(out, "%6zu %8zu %6zu  %s\n", s->errors, s->warnings,
			s->safe, subsys_name(s->entry));
		if (s->entry && (s->errors || s->warnings)) {
			print_list(out, "M", &s->entry->maintainers);
			print_list(out, "L", &s->entry->lists);
		}
	}
	return ferror(out) ? -1 : 0;
}

int report_text(FILE *out, const struct scan_result *r, int show_all)
{
	size_t shown = 0, hidden = 0, low = 0, low_sites = 0;

	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];
		const struct site_group *g = group_of(&r->groups, i);

		if (!u->nfindings && !show_all)
			continue;
		/* a root cause of several sites is printed at its first */
		if (g && g->n > 1 && g->members[0] != i)
			continue;
		/* low confidence: no other party named; --all shows it */
		if (!site_shown(u) && !show_all) {
			low++;
			low_sites += g ? g->n : 1;
			continue;
		}
		if (shown++ >= MAX_TEXT_FINDINGS) {
			hidden++;
			continue;
		}
		if (g && g->n > 1)
			print_group(out, r, g);
		else
			print_use(out, u, show_all);
	}
	if (hidden)
		fprintf(out, "mmcheck: too many findings, %zu more in the JSON "
			"output\n", hidden);
	if (low)
		fprintf(out, "mmcheck: %zu finding%s of low confidence (%zu "
			"site%s) not shown (--all shows them)\n", low,
			low == 1 ? "" : "s", low_sites,
			low_sites == 1 ? "" : "s");
	if (shown || low)
		fputc('\n', out);
	return report_subsystems(out, r);
}
