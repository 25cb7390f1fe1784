// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-patch's prewarm: before the scan of the tree after a patch, run
 * every semantic patch run of the scan before that would pick a changed
 * file, all at once and into the cache only, so that the scan after
 * finds them cached instead of running them round after round.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "scan-state.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

/*
 * Whether run would pick file (read from dir) by what picked its files in
 * the scan before: a guess at the scan after, which runs whatever the
 * guess missed itself.
 */
static int run_picks(const struct scan_run *run, const char *dir,
		     const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	char *path;
	int yes = 0, readable;

	if (run->arch_only && strncmp(file, "arch/", 5))
		return 0;
	if (strlist_has(&run->files, file))
		return 1;
	path = xstrfmt("%s/%s", dir, file);
	/* an unreadable file is the scan after's to report */
	readable = strbuf_read_file(&sb, path) == 0;
	for (size_t k = 0; readable && k < run->nsets && !yes; k++) {
		const struct run_set *rs = &run->sets[k];
		struct regex *re = rs->regex ? regex_compile(rs->regex) : NULL;
		struct token_set set = { &rs->tokens,
					 rs->has_also ? &rs->also : NULL, re };

		if (!rs->regex || re)
			yes = token_set_matches(sb.buf, sb.len, &set);
		regex_free(re);
	}
	strbuf_release(&sb);
	free(path);
	return yes;
}

void scan_prewarm(const struct scan_result *before,
		  const struct scan_options *opt)
{
	struct scan_result tmp;
	struct scan_state st;
	struct sempatch *sps;
	const struct overlay *ov = opt->overlay;

	if (!opt->cache_dir || !ov || !before->nruns)
		return;
	memset(&tmp, 0, sizeof(tmp));
	memset(&st, 0, sizeof(st));
	tmp.tree = before->tree;	/* borrowed */
	st.r = &tmp;
	st.ov = ov;
	st.timeout = opt->timeout;
	st.batch = opt->batch;
	st.spatch_version = before->spatch_version;
	st.cache = cache_open(opt->cache_dir);
	if (!st.cache)
		return;
	sps = xcalloc(before->nruns, sizeof(*sps));
	for (size_t k = 0; k < before->nruns; k++) {
		sps[k].path = before->runs[k].sp_path;
		sps[k].name = before->runs[k].sp_name;
		for (size_t i = 0; i < ov->changed.nr; i++)
			if (is_c_source(ov->changed.items[i]) &&
			    run_picks(&before->runs[k], ov->dir,
				      ov->changed.items[i]))
				add_task(&st, ov->changed.items[i], &sps[k],
					 before->runs[k].env);
	}
	run_tasks(&st, opt->jobs);
	cache_close(st.cache);
	free(st.tasks);
	free(st.retry);
	strlist_clear(&st.queued);
	free(sps);
	tmp.tree = NULL;
	scan_result_clear(&tmp);
}
