/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The subcommands, one file each (cmd-NAME.c), dispatched from main.c.
 */
#ifndef MMCHECK_BUILTIN_H
#define MMCHECK_BUILTIN_H

struct scan_result;

int cmd_scan(int argc, char **argv);
int cmd_explain(int argc, char **argv);

struct scan_options {
	int jobs;
	double timeout;		/* per spatch run, seconds */
	int progress;		/* a progress line on stderr */
	const char *sp_dir;	/* semantic patches, if not the built-in ones */
	const char *cache_dir;	/* NULL: no cache */
};

/*
 * Run the whole scan pipeline on tree into r (cleared first). Dies on a
 * bad tree or a missing spatch. Returns the exit status bits: 1 error
 * findings, 2 incomplete.
 */
int scan_tree(struct scan_result *r, const char *tree,
	      const struct scan_options *opt);

#endif
