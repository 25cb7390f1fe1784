/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The result of a scan, as every output format sees it, and the
 * per-subsystem aggregation shared by the formats.
 */
#ifndef MMCHECK_SCAN_H
#define MMCHECK_SCAN_H

#include <stdio.h>

#include "arches.h"
#include "cache.h"
#include "facts.h"
#include "group.h"
#include "maintainers.h"
#include "strbuf.h"
#include "verdict.h"

#define SCAN_SCHEMA_VERSION 1
#define NO_ENTRY_NAME "(no MAINTAINERS entry)"

struct not_analysed {
	char *file;
	char *reason;		/* one line */
};

struct subsys_summary {
	const struct maint_entry *entry;	/* NULL: no entry */
	size_t uses, errors, warnings, safe;
};

struct scan_result {
	char *tree;
	char *kernel_version;
	char *spatch_version;
	size_t files, candidates, analysed;
	char *candidate;		/* per listed file: handed to spatch */
	struct strlist **envs;		/* children's environments */
	size_t nenvs, aenvs;
	/*
	 * Every (semantic patch, environment) the scan ran, for prewarming,
	 * with what picked its files: token sets, and files by name.
	 */
	struct scan_run {
		char *sp_path, *sp_name;
		const struct strlist *env;
		int arch_only;		/* only files under arch/ */
		struct run_set {
			struct strlist tokens, also;
			int has_also;
			char *regex;	/* pattern, or NULL */
		} *sets;
		size_t nsets, asets;
		struct strlist files;
	} *runs;
	size_t nruns, aruns;
	struct not_analysed *not_analysed;
	size_t nnot_analysed, anot_analysed;
	struct fact_store facts;
	struct verdicts verdicts;
	struct site_groups groups;	/* the root causes of the findings */
	struct rule_catalogue rules;	/* findings point into it */
	struct maintainers maintainers;
	int have_maintainers;
	struct subsys_summary *subsystems;	/* most findings first */
	size_t nsubsystems;
	size_t errors, warnings, safe;
	size_t by_confidence[3];	/* sites with findings, per confidence */
	size_t uses, others;		/* use_mm sites; live and lock findings */
	size_t root_causes;		/* groups of sites with findings */
	struct arch_report arches;	/* the TLB-critical architectures */
	double seconds;
	double prefilter_seconds;	/* in token scan passes */
	size_t prefilter_passes;
	int cached;			/* a cache was used */
	struct strbuf raw_facts;	/* shards: the first stage's facts */
	char tree_key[65];		/* the state of the scanned files */
	char **file_list;		/* the scanned files, sorted */
	size_t nfile_list;
	struct cache_stats cache;
	struct patch_stat {
		char *name;
		size_t runs, cached;	/* a file each */
		size_t processes;	/* spatch processes: runs batch */
		double seconds;		/* summed over its spatch runs */
	} *patch_stats;
	size_t npatch_stats, apatch_stats;
};

/* Counts and subsystems from the verdicts. */
void scan_summarize(struct scan_result *r);
void scan_result_clear(struct scan_result *r);

const char *subsys_name(const struct maint_entry *e);

/* Output formats. Return 0, or -1 if writing failed. */
int report_text(FILE *out, const struct scan_result *r, int show_all);
int report_subsystems(FILE *out, const struct scan_result *r);
/* The JSON document as a string; caller frees. */
char *report_json(const struct scan_result *r);
/* Pieces of it that other documents share (jansson json_t *). */
struct json_t;
struct json_t *evidence_json(const struct use_site *u);
struct json_t *not_analysed_json(const struct scan_result *r);
/* The readers per architecture: the critical ones, or all with all. */
struct json_t *arches_json(const struct arch_report *ar, int all);

/*
 * Write buf to path through a temporary file and rename(), so that a
 * reader never sees half a report. -1 after an error message.
 */
int write_file_atomic(const char *path, const char *buf, size_t len);
/*
 * write_file_atomic() in two steps, for outputs written all or none:
 * stage_file() writes buf next to path (*tmp; NULL when path exists and
 * is not a regular file, which commit_file() then writes in place),
 * commit_file() renames it over path, unstage_file() removes it. Each
 * returns -1 after an error message and leaves path as it was.
 */
int stage_file(const char *path, const char *buf, size_t len, char **tmp);
int commit_file(const char *path, const char *buf, size_t len, char **tmp);
void unstage_file(char **tmp);
/* write_file_atomic() of buf, or buf on stdout when path is NULL. */
int write_or_print(const char *path, const char *buf);

#endif
