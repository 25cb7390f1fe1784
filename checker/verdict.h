/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The join/verdict stage: one verdict per use site, made from the facts of
 * every file, with the evidence (file:line steps) that led to it and the
 * findings (rule id, severity, message) it raises.
 *
 * Verdicts (see README):
 *   held-local    an mm_users reference is held on every path to the use,
 *                 in the same function
 *   held-field    the mm comes from a struct field that every store fills
 *                 from an mm_users acquisition (the vhost model)
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

#include "facts.h"
#include "rules.h"
#include "strlist.h"

struct maint_entry;

struct evidence {
	char *file;
	int line;
	char *what;
};

struct finding {
	const struct rule *rule;
	enum severity severity;	/* the rule's, or lowered by a mitigation */
	char *message;
};

struct mitigation {
	const char *kind;	/* "lifetime-comment", "mmu-notifier-release" */
	char *file;
	int line;
	char *text;
};

/*
 * What a site is: a use of kthread_use_mm()/use_mm() (every one is a
 * site, the held ones too), an mm used as a live address space while only
 * mmgrab() pins it, or a lock that is asked to decide a free (the
 * unregister race and unlock-then-free). The last two are sites only when
 * they are findings.
 */
enum site_family { FAMILY_USE_MM, FAMILY_LIVE, FAMILY_LOCK };

struct use_site {
	enum site_family family;
	const struct fact *use;		/* the fact the site is reported at */
	const char *subject;	/* the mm expression, or "struct T ->lock" */
	const char *verdict;
	enum severity severity;		/* the worst of its findings */
	struct finding *findings;
	size_t nfindings, afindings;
	struct evidence *evidence;
	size_t nevidence, aevidence;
	struct mitigation *mitigations;
	size_t nmitigations, amitigations;
	const struct maint_entry *subsystem;	/* set by the caller */
	/* the TLB-critical architectures it builds on, set by the caller */
	struct strlist arches;
	char *arches_how;	/* why those, one line */
};

struct verdicts {
	struct use_site *items;
	size_t nr, alloc;
};

/*
 * Facts must be sorted (facts_sort()). The sites come out in family
 * order: uses, live uses, locks.
 */
void verdicts_build(struct verdicts *v, const struct fact_store *fs,
		    const struct rule_catalogue *rc);
void verdicts_clear(struct verdicts *v);

/* Shared with the lock family's join (lock-race.c). */
struct use_site *site_new(struct verdicts *v, enum site_family family,
			  const struct fact *f, const char *subject);
void site_evidence(struct use_site *u, const char *file, int line, char *what);
void site_finding(struct use_site *u, const struct rule *r, enum severity sev,
		  char *msg);
void site_release(struct use_site *u);
/* The lock family: appended to v. */
void lock_sites_build(struct verdicts *v, const struct fact_store *fs,
		      const struct rule_catalogue *rc);

#endif
