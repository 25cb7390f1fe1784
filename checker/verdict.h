/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The join/verdict stage of the use and live families: one verdict per
 * use site, made from the facts of every file, with the evidence
 * (file:line steps) that led to it and the findings (rule id, severity,
 * message) it raises.
 *
 * Verdicts (see README):
 *   held-local    an mm_users reference is held on every path to the use,
 *                 in the same function
 *   held-field    the mm comes from a struct field that every store fills
 *                 from an mm_users acquisition (the vhost model)
 *   held-caller   the mm is a wrapper's parameter and every direct caller
 *                 holds mm_users across the call
 *   mmgrab-only   only mm_count (mmgrab) is ever held: error
 *   unreferenced  the mm was stored with no count at all: error
 *   mixed         stores disagree: warning
 *   unknown       the origin could not be followed: warning, saying where
 *                 it stopped
 * A lifetime comment or an mmu_notifier .release lowers an error to a
 * warning (a mitigation) but never makes a use safe.
 */
#ifndef MMCHECK_VERDICT_H
#define MMCHECK_VERDICT_H

#include "site.h"

/*
 * Append the use and live sites of the facts to v, uses first. Facts
 * must be sorted (facts_sort()).
 */
void verdicts_build(struct verdicts *v, const struct fact_store *fs,
		    const struct rule_catalogue *rc);

#endif
