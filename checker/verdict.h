/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The join/verdict stage: one verdict per use site, made from the facts of
 * every file, with the evidence (file:line steps) that led to it and the
 * findings (rule id, severity, message) it raises.
 *
 * Verdicts (see README):
 *   held-local  an mm_users reference is held on every path to the use,
 *               in the same function
 *   unknown     no reference in the function, and the mm's origin was not
 *               followed to a decision
 */
#ifndef MMCHECK_VERDICT_H
#define MMCHECK_VERDICT_H

#include "facts.h"
#include "rules.h"

struct maint_entry;

struct evidence {
	char *file;
	int line;
	char *what;
};

struct finding {
	const struct rule *rule;
	char *message;
};

struct use_site {
	const struct fact *use;
	const char *verdict;
	enum severity severity;		/* the worst of its findings */
	struct finding *findings;
	size_t nfindings, afindings;
	struct evidence *evidence;
	size_t nevidence, aevidence;
	const struct maint_entry *subsystem;	/* set by the caller */
};

struct verdicts {
	struct use_site *items;
	size_t nr, alloc;
};

/* Facts must be sorted (facts_sort()). */
void verdicts_build(struct verdicts *v, const struct fact_store *fs,
		    const struct rule_catalogue *rc);
void verdicts_clear(struct verdicts *v);

#endif
