/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Root causes: the sites with findings that one fix would mend, grouped
 * for the reports (docs/output.md, "Root causes"). Two kinds are joined:
 *
 *   - a wrapper (a function or macro taking the mm as a parameter) and
 *     the calls of it, when they share the wrapper's findings;
 *   - the sites whose mm is read from one struct field ("struct kvm
 *     ->mm"): one set of stores in the tree decides them all.
 *
 * Sites join only when their findings are the same (rules, severities,
 * confidence) and so is their verdict; every other site with findings is
 * a root cause of its own. Grouping reads the verdicts, never changes
 * them: counts, exit status and check-patch stay per site.
 */
#ifndef MMCHECK_GROUP_H
#define MMCHECK_GROUP_H

#include <stddef.h>

#include "facts.h"
#include "site.h"

enum group_kind { GROUP_SITE, GROUP_WRAPPER, GROUP_MACRO, GROUP_FIELD };

struct site_group {
	enum group_kind kind;
	const char *subject;	/* the wrapper's name or the field; or NULL */
	size_t head;		/* the site the text report leads with */
	size_t *members;	/* indices into the verdicts, in their order */
	size_t n, alloc;
	char id[17];		/* stable within a tree: kind, subject, rules */
};

struct site_groups {
	struct site_group *items;	/* in the order of their first site */
	size_t nr, alloc;
	size_t *of_site;	/* per site: its group, or NO_GROUP */
};

#define NO_GROUP ((size_t)-1)

/* Group the sites with findings of v; fs holds the facts they point at. */
void groups_build(struct site_groups *g, const struct verdicts *v,
		  const struct fact_store *fs);
/* The group of site i, or NULL for a site without findings. */
const struct site_group *group_of(const struct site_groups *g, size_t i);
const char *group_kind_name(enum group_kind k);
void groups_clear(struct site_groups *g);

#endif
