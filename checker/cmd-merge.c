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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "scan.h"
#include "shard.h"
#include "strbuf.h"
#include "tree.h"
#include "progress.h"
#include "usage.h"

const char merge_usage[] =
	"mmcheck merge [--format=text|json|sarif] [-o FILE] [--json FILE] [--all] "
	"[-j N] [--cache DIR | --no-cache] [-q] TREE SHARD.json...";

struct shards {
	struct strbuf facts;
	struct strlist candidates;
	struct not_analysed *na;
	size_t nna, ana;
	char *tree_key;
	int of;
	int *seen;		/* shard numbers already loaded */
	size_t nseen, aseen;
};

/* Take s's file names and reasons into sh; s keeps the rest. */
static void take_not_analysed(struct shards *sh, struct shard *s)
{
	for (size_t i = 0; i < s->nna; i++) {
		ALLOC_GROW(sh->na, sh->nna + 1, sh->ana);
		sh->na[sh->nna++] = s->na[i];
		/*
		 * A file a shard could not analyse was one of its candidates,
		 * even where the scan's list of them could not name it.
		 */
		strlist_push(&sh->candidates, s->na[i].file);
	}
	s->nna = 0;
}

static void load_shard(struct shards *sh, const char *path)
{
	struct shard s;
	struct strbuf err = STRBUF_INIT;

	if (shard_read(&s, path, &err) < 0)
		die("%s", err.buf);
	if (!sh->of) {
		sh->of = s.of;
		sh->tree_key = xstrdup(s.tree_key);
	}
	if (s.of != sh->of)
		die("'%s' is shard %d of %d, the others are of %d", path, s.n,
		    s.of, sh->of);
	if (strcmp(s.tree_key, sh->tree_key))
		die("'%s' was made from another state of the tree", path);
	for (size_t i = 0; i < sh->nseen; i++)
		if (sh->seen[i] == s.n)
			die("shard %d/%d given twice ('%s')", s.n, s.of, path);
	ALLOC_GROW(sh->seen, sh->nseen + 1, sh->aseen);
	sh->seen[sh->nseen++] = s.n;
	strbuf_addstr(&sh->facts, s.facts);
	/* a shard whose facts do not end a line must not join the next's */
	if (sh->facts.len && sh->facts.buf[sh->facts.len - 1] != '\n')
		strbuf_addch(&sh->facts, '\n');
	for (size_t i = 0; i < s.candidates.nr; i++)
		strlist_push(&sh->candidates, s.candidates.items[i]);
	take_not_analysed(sh, &s);
	shard_release(&s);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* Numbers are distinct and 1..of: sorted, the first gap is missing. */
static void check_complete(struct shards *sh)
{
	size_t i;

	if (sh->nseen)
		qsort(sh->seen, sh->nseen, sizeof(*sh->seen), cmp_int);
	for (i = 0; i < sh->nseen; i++)
		if (sh->seen[i] != (int)i + 1)
			break;
	if (i < (size_t)sh->of)
		die("shard %zu/%d is missing", i + 1, sh->of);
}

/*
 * Before any work: is the tree in the state the shards were made from?
 * The key (tree_state_key()) is the scan's own, over the same file list,
 * so a copy that kept names, sizes and mtimes passes on any host.
 */
static void check_tree_state(const char *tree, const char *key)
{
	struct strlist files = STRLIST_INIT, unreadable = STRLIST_INIT;
	char now[65];

	if (tree_check(tree) < 0)
		exit(EXIT_FATAL);
	/* what cannot be read, scan_tree() tells of */
	tree_list_sources(tree, &files, &unreadable);
	tree_state_key(tree, &files, now);
	strlist_clear(&files);
	strlist_clear(&unreadable);
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
	check_complete(&sh);
	strlist_sort(&sh.candidates);
	check_tree_state(argv[optind], sh.tree_key);

	opt.cache_dir = cache_dir;
	progress_setup(ro.quiet);
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
