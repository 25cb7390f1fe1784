// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text output, like a compiler: one "file:line:col: severity: [rule] msg"
 * line per finding with its evidence as "note:" lines, then a summary and
 * the per-subsystem table.
 */
#include <stdio.h>
#include <string.h>

#include "scan.h"
#include "usage.h"

/* Past this many findings the rest is only in the JSON. */
#define MAX_TEXT_FINDINGS 500

/* Where a missing mm_users reference also leaves stale TLB entries. */
static void print_arches(FILE *out, const struct use_site *u)
{
	const struct fact *f = u->use;

	fprintf(out, "%s:%d: note: ", f->file, f->line);
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
		print_arches(out, u);
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
	size_t shown = 0, hidden = 0, low = 0;

	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];

		if (!u->nfindings && !show_all)
			continue;
		/* low confidence: no other party named; --all shows it */
		if (!site_shown(u) && !show_all) {
			low++;
			continue;
		}
		if (shown++ >= MAX_TEXT_FINDINGS) {
			hidden++;
			continue;
		}
		print_use(out, u, show_all);
	}
	if (hidden)
		fprintf(out, "mmcheck: too many findings, %zu more in the JSON "
			"output\n", hidden);
	if (low)
		fprintf(out, "mmcheck: %zu finding%s of low confidence not "
			"shown (--all shows them)\n", low, low == 1 ? "" : "s");
	if (shown || low)
		fputc('\n', out);
	return report_subsystems(out, r);
}
