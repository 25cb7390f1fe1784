// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck scan: the front-end of the pipeline (pipeline.c) on one tree,
 * its report in text, JSON or SARIF, or with --shard the first round's facts
 * of one slice for mmcheck merge.
 *
 * Exit status: 0 nothing of severity error and every candidate analysed;
 * bit 1 (1) error findings; bit 2 (2) the result is incomplete (a file was
 * not analysed); 128 fatal (bad tree, no spatch); 129 usage.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "json-str.h"
#include "scan.h"
#include "progress.h"
#include "usage.h"

const char scan_usage[] =
	"mmcheck scan [-j N] [--format=text|json|sarif] [-o FILE] "
	"[--json FILE] [--all] [--timeout SEC] [--batch N|auto] [--cache DIR | --no-cache] "
	"[--shard I/N] [--stats] [-q] TREE";

/* What a shard hands to mmcheck merge. */
static char *shard_json(const struct scan_result *r,
			const struct scan_options *opt)
{
	json_t *doc = json_object(), *cand = json_array();
	char *s;

	json_object_set_new(doc, "schema", json_string("mmcheck-shard"));
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(doc, "shard", json_integer(opt->shard_i));
	json_object_set_new(doc, "of", json_integer(opt->shard_n));
	json_object_set_new(doc, "tree", json_path(r->tree));
	json_object_set_new(doc, "tree_key", json_string(r->tree_key));
	for (size_t i = 0; i < r->nfile_list; i++)
		if (r->candidate[i])
			json_array_append_new(cand, json_path(r->file_list[i]));
	json_object_set_new(doc, "candidates", cand);
	json_object_set_new(doc, "not_analysed", not_analysed_json(r));
	/* facts_parse_buffer() took every line: valid JSON, so UTF-8 */
	json_object_set_new(doc, "facts", json_string(r->raw_facts.buf));
	s = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	if (!s)
		die("out of memory writing JSON");
	return s;
}

/* --stats: where the time went, and what the cache saved. */
static void print_stats(const struct scan_result *r)
{
	fprintf(stderr, "mmcheck: %.2f s; cache: %s, %zu of %zu spatch runs "
		"reused, %zu of %zu token scans reused%s; %zu passes "
		"over files for token scans, %.2f s\n", r->seconds,
		r->cached ? "on" : "off", r->cache.fact_hits,
		r->cache.fact_hits + r->cache.fact_misses,
		r->cache.prefilter_hits,
		r->cache.prefilter_hits + r->cache.prefilter_misses,
		r->cache.rebuilt ? " (rebuilt)" : "",
		r->prefilter_passes, r->prefilter_seconds);
	for (size_t i = 0; i < r->npatch_stats; i++)
		fprintf(stderr, "mmcheck: %-24s %5zu runs, %5zu cached, "
			"%4zu processes, %8.1f s of spatch\n",
			r->patch_stats[i].name, r->patch_stats[i].runs,
			r->patch_stats[i].cached, r->patch_stats[i].processes,
			r->patch_stats[i].seconds);
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", required_argument, NULL, 'J' },
		{ "all", no_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "semantic-patches", required_argument, NULL, 'S' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "stats", no_argument, NULL, 's' },
		{ "shard", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300 };
	char *cache_dir = cache_default_dir();
	struct report_options ro = REPORT_OPTIONS_INIT;
	int stats = 0, c, status, failed = 0;
	char junk;
	struct scan_result r;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qa", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, &opt, &cache_dir, scan_usage) ||
		    report_option(c, optarg, &ro, scan_usage))
			continue;
		switch (c) {
		case 'S':
			opt.sp_dir = optarg;
			break;
		case 's':
			stats = 1;
			break;
		case 'H':
			if (sscanf(optarg, "%d/%d%c", &opt.shard_i, &opt.shard_n,
				   &junk) != 2 || opt.shard_n < 1 ||
			    opt.shard_i < 1 || opt.shard_i > opt.shard_n)
				usage_die(scan_usage, "--shard wants I/N with "
					  "1 <= I <= N, not '%s'", optarg);
			break;
		default:
			usage_die(scan_usage, "unknown option");
		}
	}
	if (optind != argc - 1)
		usage_die(scan_usage, optind < argc ? "one TREE only"
						    : "which TREE?");
	if (opt.jobs < 1)
		opt.jobs = 1;
	progress_setup(ro.quiet);
	opt.cache_dir = cache_dir;

	status = scan_tree(&r, argv[optind], &opt);

	if (stats)
		print_stats(&r);
	if (opt.shard_n) {
		char *js = shard_json(&r, &opt);

		failed = write_or_print(ro.output, js) < 0;
		free(js);
		status &= 2;	/* the verdicts come from mmcheck merge */
	} else {
		failed = write_outputs(&r, &ro) < 0;
	}
	scan_result_clear(&r);
	free(cache_dir);
	/*
	 * A failed write left the target as it was (write_file_atomic()):
	 * the last good report, or whatever the path is, stays.
	 */
	return failed ? EXIT_FATAL : status;
}
