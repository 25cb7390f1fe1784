// SPDX-License-Identifier: GPL-2.0-only
/*
 * Verdicts from facts; see verdict.h.
 *
 * The semantic patch says, per use, whether some path from the function
 * entry reaches it without an mm_users acquisition on the same expression
 * ("unheld") or after an mmput() ("after-release"). Here those are joined
 * with the other facts of the same function: an mmget_not_zero() whose
 * result is ignored does not count as held, and the acquisitions and
 * releases seen become the evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "usage.h"
#include "verdict.h"

static const char *const acquire_ops[] = {
	"mmget", "mmget_not_zero", "get_task_mm", "mm_alloc", "mm_access",
};

static int is_acquire(const char *op)
{
	for (size_t i = 0; i < ARRAY_SIZE(acquire_ops); i++)
		if (!strcmp(op, acquire_ops[i]))
			return 1;
	return 0;
}

/* Acquisitions that return the mm rather than take it as argument. */
static int is_returning(const char *op)
{
	return !strcmp(op, "get_task_mm") || !strcmp(op, "mm_alloc") ||
	       !strcmp(op, "mm_access");
}

static int same_function(const struct fact *a, const struct fact *b)
{
	return !strcmp(a->file, b->file) && !strcmp(a->function, b->function);
}

static void add_evidence(struct use_site *u, const char *file, int line,
			 char *what)
{
	ALLOC_GROW(u->evidence, u->nevidence + 1, u->aevidence);
	u->evidence[u->nevidence].file = xstrdup(file);
	u->evidence[u->nevidence].line = line;
	u->evidence[u->nevidence].what = what;
	u->nevidence++;
}

static void add_finding(struct use_site *u, const struct rule *r, char *msg)
{
	ALLOC_GROW(u->findings, u->nfindings + 1, u->afindings);
	u->findings[u->nfindings].rule = r;
	u->findings[u->nfindings].message = msg;
	u->nfindings++;
	if (r->severity > u->severity)
		u->severity = r->severity;
}

/* Facts of one file are contiguous once sorted: [*lo, *hi). */
static void file_range(const struct fact_store *fs, size_t i, size_t *lo,
		       size_t *hi)
{
	size_t a = i, b = i;

	while (a > 0 && !strcmp(fs->items[a - 1].file, fs->items[i].file))
		a--;
	while (b < fs->nr && !strcmp(fs->items[b].file, fs->items[i].file))
		b++;
	*lo = a;
	*hi = b;
}

static void judge(struct use_site *u, const struct fact_store *fs,
		  size_t lo, size_t hi, const struct rule_catalogue *rc)
{
	const struct fact *use = u->use;
	const struct fact *unheld = NULL, *released = NULL, *ignored = NULL;
	int nacq = 0;
	char where[256];

	snprintf(where, sizeof(where), use->macro ? "macro %s" : "%s()",
		 use->function);
	add_evidence(u, use->file, use->line,
		     xstrfmt("%s(%s) in %s", use->api, use->mm,
			     where));
	for (size_t k = lo; k < hi; k++) {
		const struct fact *f = &fs->items[k];

		if (!same_function(f, use))
			continue;
		if (f->kind == FACT_UNHELD && f->line == use->line &&
		    f->col == use->col) {
			if (!strcmp(f->reason, "after-release"))
				released = f;
			else
				unheld = f;
		} else if (f->kind == FACT_IGNORED_RESULT &&
			   !strcmp(f->mm, use->mm) && f->line <= use->line) {
			ignored = f;
		} else if (f->kind == FACT_REFOP && !strcmp(f->mm, use->mm) &&
			   f->line < use->line && is_acquire(f->op)) {
			nacq++;
			add_evidence(u, f->file, f->line,
				     is_returning(f->op)
				     ? xstrfmt("%s = %s() takes an mm_users "
					       "reference", f->mm, f->op)
				     : xstrfmt("%s(%s) takes an mm_users "
					       "reference", f->op, f->mm));
		}
	}

	if (!unheld && !released && !ignored) {
		u->verdict = "held-local";
		return;
	}
	u->verdict = "unknown";
	if (ignored) {
		add_evidence(u, ignored->file, ignored->line,
			     xstrfmt("the result of mmget_not_zero(%s) is "
				     "ignored", ignored->mm));
		add_finding(u, rules_get(rc, "mmget-unchecked"),
			    xstrfmt("mmget_not_zero(%s) result ignored before "
				    "%s(%s)", ignored->mm, use->api, use->mm));
	}
	if (released) {
		add_evidence(u, use->file, released->release_line,
			     xstrfmt("mmput(%s) drops the reference, and a "
				     "path from here reaches the use",
				     use->mm));
		add_finding(u, rules_get(rc, "use-mm-after-put"),
			    xstrfmt("%s(%s) can run after mmput(%s) on line %d",
				    use->api, use->mm, use->mm,
				    released->release_line));
	}
	if (unheld || ignored) {
		add_evidence(u, use->file, use->line,
			     xstrfmt(nacq ? "a path from the entry of %s "
					    "misses every acquisition above"
					  : "no mmget, checked mmget_not_zero, "
					    "get_task_mm or mm_alloc in %s",
				     where));
		add_evidence(u, use->file, use->line,
			     xstrfmt("stopped: where %s comes from was not "
				     "followed out of %s", use->mm, where));
		add_finding(u, rules_get(rc, "use-mm-unheld"),
			    xstrfmt("%s(%s) in %s without an mm_users "
				    "reference held there",
				    use->api, use->mm, where));
	}
}

void verdicts_build(struct verdicts *v, const struct fact_store *fs,
		    const struct rule_catalogue *rc)
{
	size_t lo = 0, hi = 0;

	for (size_t i = 0; i < fs->nr; i++) {
		struct use_site *u;

		if (fs->items[i].kind != FACT_USE)
			continue;
		if (i >= hi)
			file_range(fs, i, &lo, &hi);
		ALLOC_GROW(v->items, v->nr + 1, v->alloc);
		u = &v->items[v->nr++];
		memset(u, 0, sizeof(*u));
		u->use = &fs->items[i];
		judge(u, fs, lo, hi, rc);
	}
}

void verdicts_clear(struct verdicts *v)
{
	for (size_t i = 0; i < v->nr; i++) {
		struct use_site *u = &v->items[i];

		for (size_t k = 0; k < u->nfindings; k++)
			free(u->findings[k].message);
		for (size_t k = 0; k < u->nevidence; k++) {
			free(u->evidence[k].file);
			free(u->evidence[k].what);
		}
		free(u->findings);
		free(u->evidence);
	}
	free(v->items);
	memset(v, 0, sizeof(*v));
}
