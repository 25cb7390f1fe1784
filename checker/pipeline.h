/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scan pipeline's API: what every command (scan, check-patch, merge,
 * arches, fix) calls, and the options they share. The stages behind it
 * are described in docs/ARCHITECTURE.md; their internals in scan-state.h.
 */
#ifndef MMCHECK_PIPELINE_H
#define MMCHECK_PIPELINE_H

#include "strlist.h"

struct scan_result;
struct not_analysed;

/*
 * A view of a tree with some files replaced: the changed (modified or
 * added) files are read from dir, the deleted ones are gone, the rest
 * comes from the tree. check-patch scans the tree after a patch this way,
 * without touching the tree.
 */
struct overlay {
	const char *dir;
	struct strlist changed;		/* sorted, relative paths */
	struct strlist deleted;		/* sorted, relative paths */
};

struct scan_options {
	int jobs;
	double timeout;		/* seconds a file may take in spatch */
	int batch;		/* files a spatch run; 0: chosen per round */
	const char *sp_dir;	/* semantic patches, if not the built-in ones */
	const char *cache_dir;	/* NULL: no cache */
	const struct overlay *overlay;	/* NULL: the tree as it is */
	int arches_only;	/* only the patches that read arch/ */
	/*
	 * Shards: with shard_n, run only the first stage, on the shard_i-th
	 * (1-based) of shard_n slices of its files, and keep the raw facts
	 * (r->raw_facts) for mmcheck merge. With merged_facts, take the first
	 * stage from those instead (the merged shards) and run the rest.
	 */
	int shard_i, shard_n;
	const char *merged_facts;
	const struct strlist *merged_candidates;
	const struct not_analysed *merged_na;
	size_t nmerged_na;
};

/*
 * Run the whole scan pipeline on tree into r (cleared first). Dies on a
 * bad tree or a missing spatch. Returns the exit status bits: 1 error
 * findings, 2 incomplete.
 */
int scan_tree(struct scan_result *r, const char *tree,
	      const struct scan_options *opt);

/*
 * The options every scanning command takes, by getopt letter: 'j' jobs,
 * 'C' --cache DIR, 'N' --no-cache, 't' --timeout SEC, 'B' --batch N.
 * Returns 1 if c was one of them (dies with usage on a bad value), else 0.
 */
int scan_common_option(int c, const char *arg, struct scan_options *opt,
		       char **cache_dir, const char *usage);

/*
 * Run, in parallel and into the cache only, every semantic patch run of
 * the scan before on the files opt->overlay changed: the scan after then
 * finds them all cached instead of running them round after round.
 */
void scan_prewarm(const struct scan_result *before,
		  const struct scan_options *opt);

/* Where and how scan and merge print their result. */
struct report_options {
	const char *format;	/* "text", "json" or "sarif" */
	const char *output;	/* NULL: stdout */
	const char *json_out;	/* the JSON here too, or NULL */
	int show_all;		/* held uses too */
	int quiet;		/* no summary when the report goes to a file */
};
#define REPORT_OPTIONS_INIT { "text", NULL, NULL, 0, 0 }

/*
 * The report options by getopt letter: 'f' --format, 'o' -o, 'J' --json,
 * 'a' --all, 'q' -q. Returns 1 if c was one of them, else 0.
 */
int report_option(int c, const char *arg, struct report_options *ro,
		  const char *usage);

/* Print r as ro says; -1 after an error message. */
int write_outputs(struct scan_result *r, const struct report_options *ro);

#endif
