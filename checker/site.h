/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A site is what the judging stages report: a use of kthread_use_mm() or
 * use_mm() (every one is a site, the held ones too), an mm used as a live
 * address space while only mmgrab() pins it, or a lock that is asked to
 * decide a free. Each stage (verdict.c, lock-race.c) appends its sites to
 * one list, with the evidence (file:line steps) and the findings (rule
 * id, severity, message) they raise; the stages after them (arches,
 * subsystems, the outputs) only read it.
 */
#ifndef MMCHECK_SITE_H
#define MMCHECK_SITE_H

#include "facts.h"
#include "rules.h"
#include "strlist.h"

struct maint_entry;

/*
 * How an evidence line that names the other party of a finding (the
 * context that can run after the owner is gone, the other user of the
 * lock) starts: grouping keeps such sites apart from the others.
 */
#define EVIDENCE_OTHER_PARTY "other party: "

struct evidence {
	char *file;
	int line;
	char *what;
};

struct finding {
	const struct rule *rule;
	enum severity severity;	/* the rule's, or lowered by a mitigation */
	enum confidence confidence;	/* the rule's, or moved by the evidence */
	char *message;
};

struct mitigation {
	const char *kind;	/* "lifetime-comment", "mmu-notifier-release" */
	char *file;
	int line;
	char *text;
};

/*
 * The family of a site. Live uses and locks are sites only when they are
 * findings, or, for a live use, held by each of its callers (held-caller).
 */
enum site_family { FAMILY_USE_MM, FAMILY_LIVE, FAMILY_LOCK };

struct use_site {
	enum site_family family;
	const struct fact *use;		/* the fact the site is reported at */
	const char *subject;	/* the mm expression, or "struct T ->lock" */
	const char *verdict;
	enum severity severity;		/* the worst of its findings */
	enum confidence confidence;	/* the highest of its findings */
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

/* A new, empty site of family at fact f, appended to v. */
struct use_site *site_new(struct verdicts *v, enum site_family family,
			  const struct fact *f, const char *subject);
/* Append a step of evidence (what is taken). */
void site_evidence(struct use_site *u, const char *file, int line, char *what);
/*
 * Append a finding (msg is taken) at the rule's default confidence; the
 * site's severity is the worst, its confidence the highest.
 */
void site_finding(struct use_site *u, const struct rule *r, enum severity sev,
		  char *msg);
/* The same, at confidence conf. */
void site_finding_conf(struct use_site *u, const struct rule *r,
		       enum severity sev, enum confidence conf, char *msg);
/* Shown in the default report: no findings, or one of medium or high. */
int site_shown(const struct use_site *u);
void site_release(struct use_site *u);
void verdicts_clear(struct verdicts *v);

#endif
