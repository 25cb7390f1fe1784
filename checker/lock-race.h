/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The lock family's join (the unregister race, unlock-then-free): reads
 * the facts and appends its sites after the use and live ones.
 */
#ifndef MMCHECK_LOCK_RACE_H
#define MMCHECK_LOCK_RACE_H

#include "facts.h"
#include "rules.h"
#include "site.h"

/* Facts must be sorted (facts_sort()). */
void lock_sites_build(struct verdicts *v, const struct fact_store *fs,
		      const struct rule_catalogue *rc);

#endif
