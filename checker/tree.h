/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The discover stage: is a directory a kernel tree, and which C sources
 * and headers does it hold.
 */
#ifndef MMCHECK_TREE_H
#define MMCHECK_TREE_H

#include "strlist.h"

/*
 * A kernel tree is any directory with a top-level Makefile and Kconfig and
 * an include/ or arch/ directory: small trees are real inputs too.
 * Returns 0, or -1 after printing why not.
 */
int tree_check(const char *root);

/* "6.12.57" from the top-level Makefile, or NULL. Caller frees. */
char *tree_kernel_version(const char *root);

/* 1 if name ends in .c or .h: the files mmcheck analyses. */
int is_c_source(const char *name);

/*
 * Every regular *.c and *.h file below root, as paths relative to root,
 * sorted. Hidden directories (.git, .tmp_*) are skipped. A directory
 * that cannot be read goes to bad as "DIR/" (relative, "./" for root),
 * and the result is then -1.
 */
int tree_list_sources(const char *root, struct strlist *out,
		      struct strlist *bad);

/*
 * A key for the state of the listed files: the SHA-256 of every path with
 * its size and mtime (to the nanosecond). It changes whenever a file is
 * added, removed or rewritten, and stays the same in a copy of the tree
 * that keeps mtimes (rsync -a, cp -a), on this host or another.
 */
void tree_state_key(const char *root, const struct strlist *files,
		    char out[65]);

/* Create the directories that path's parent needs. */
void mkdirs_for(const char *path);
/* Copy a file's contents (dies if to cannot be written); a missing from
 * is left alone: a patch may be about to create it. */
void copy_file(const char *from, const char *to);

#endif
