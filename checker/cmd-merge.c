// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck merge TREE SHARD.json...: join the shards of a scan.
 *
 * `mmcheck scan --shard I/N` runs the expensive first stage (every
 * candidate file through the uses patch) on a deterministic 1/N of the
 * candidates. merge checks that it has every shard of one N, made from
 * this very tree state, then runs the rest of the pipeline on the joined
 * facts (the callers of wrappers, the stores of struct fields: a few
 * files) and prints what one whole scan would print.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "json-str.h"
#include "scan.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

static const char merge_usage[] =
	"mmcheck merge [--format=text|json] [-o FILE] [--json FILE] [--all] "
	"[-j N] [--cache DIR | --no-cache] [-q] TREE SHARD.json...";

struct shards {
	struct strbuf facts;
	struct strlist candidates;
	struct not_analysed *na;
	size_t nna, ana;
	char *tree_key;
	int of;
	char *seen;		/* shard numbers already loaded */
};

static void load_shard(struct shards *sh, const char *path)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr), *v;
	const char *key;
	size_t i;
	int n, of;

	if (!doc)
		die("cannot read shard '%s': %s", path, jerr.text);
	if (!json_is_string(json_object_get(doc, "schema")) ||
	    strcmp(json_string_value(json_object_get(doc, "schema")),
		   "mmcheck-shard") ||
	    json_integer_value(json_object_get(doc, "version")) != 1)
		die("'%s' is not an mmcheck shard (version 1)", path);
	n = (int)json_integer_value(json_object_get(doc, "shard"));
	of = (int)json_integer_value(json_object_get(doc, "of"));
	key = json_string_value(json_object_get(doc, "tree_key"));
	if (of < 1 || n < 1 || n > of || !key ||
	    !json_is_string(json_object_get(doc, "facts")))
		die("'%s' is a broken shard", path);
	if (!sh->of) {
		sh->of = of;
		sh->seen = xcalloc((size_t)of + 1, 1);
		sh->tree_key = xstrdup(key);
	}
	if (of != sh->of)
		die("'%s' is shard %d of %d, the others are of %d", path, n, of,
		    sh->of);
	if (strcmp(key, sh->tree_key))
		die("'%s' was made from another state of the tree", path);
	if (sh->seen[n])
		die("shard %d/%d given twice ('%s')", n, of, path);
	sh->seen[n] = 1;
	strbuf_addstr(&sh->facts, json_string_value(json_object_get(doc, "facts")));
	json_array_foreach(json_object_get(doc, "candidates"), i, v) {
		char *f = path_from_json(v);

		/*
		 * scan writes its candidates with json_string() for now: a
		 * name that does not decode is valid UTF-8 as it is
		 */
		if (!f && json_is_string(v))
			f = xstrdup(json_string_value(v));
		if (f)
			strlist_push_owned(&sh->candidates, f);
	}
	json_array_foreach(json_object_get(doc, "not_analysed"), i, v) {
		char *f = path_from_json(json_object_get(v, "file"));
		const char *r = json_string_value(json_object_get(v, "reason"));

		if (!f || !r) {
			free(f);
			continue;
		}
		ALLOC_GROW(sh->na, sh->nna + 1, sh->ana);
		sh->na[sh->nna].file = f;
		/* a reason is text: an escaped one is shown escaped */
		sh->na[sh->nna].reason = xstrdup(r);
		sh->nna++;
		/*
		 * A file a shard could not analyse was one of its candidates,
		 * even where the scan's list of them could not name it.
		 */
		strlist_push(&sh->candidates, f);
	}
	json_decref(doc);
}

/*
 * Before any work: is the tree in the state the shards were made from?
 * The key (tree_state_key()) is the scan's own, over the same file list,
 * so a copy that kept names, sizes and mtimes passes on any host.
 */
static void check_tree_state(const char *tree, const char *key)
{
	struct strlist files = STRLIST_INIT;
	char now[65];

	if (tree_check(tree) < 0)
		exit(EXIT_FATAL);
	tree_list_sources(tree, &files);	/* scan_tree() warns */
	tree_state_key(tree, &files, now);
	strlist_clear(&files);
	if (strcmp(now, key))
		die("'%s' changed since the shards ran, or is a copy that did "
		    "not keep its files' sizes and modification times", tree);
}

int cmd_merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", required_argument, NULL, 'J' },
		{ "all", no_argument, NULL, 'a' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300 };
	struct shards sh;
	struct scan_result r;
	struct report_options ro = REPORT_OPTIONS_INIT;
	char *cache_dir = cache_default_dir();
	int c, status;

	memset(&sh, 0, sizeof(sh));
	strbuf_init(&sh.facts, 0);
	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qa", longopts, NULL)) != -1) {
		if (!scan_common_option(c, optarg, &opt, &cache_dir, merge_usage) &&
		    !report_option(c, optarg, &ro, merge_usage))
			usage_die(merge_usage, "unknown option");
	}
	if (argc - optind < 2)
		usage_die(merge_usage, "wants a TREE and its shards");
	for (int i = optind + 1; i < argc; i++)
		load_shard(&sh, argv[i]);
	for (int n = 1; n <= sh.of; n++)
		if (!sh.seen[n])
			die("shard %d/%d is missing", n, sh.of);
	strlist_sort(&sh.candidates);
	check_tree_state(argv[optind], sh.tree_key);

	opt.cache_dir = cache_dir;
	opt.merged_facts = sh.facts.buf;
	opt.merged_candidates = &sh.candidates;
	opt.merged_na = sh.na;
	opt.nmerged_na = sh.nna;
	status = scan_tree(&r, argv[optind], &opt);
	/* and after it: a file edited while merge ran */
	if (strcmp(r.tree_key, sh.tree_key))
		die("'%s' changed while merge ran", argv[optind]);
	if (write_outputs(&r, &ro) < 0)
		status = EXIT_FATAL;
	scan_result_clear(&r);
	for (size_t i = 0; i < sh.nna; i++) {
		free(sh.na[i].file);
		free(sh.na[i].reason);
	}
	free(sh.na);
	free(sh.seen);
	free(sh.tree_key);
	strbuf_release(&sh.facts);
	strlist_clear(&sh.candidates);
	free(cache_dir);
	return status;
}
