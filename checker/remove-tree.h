/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Removing a scratch directory with everything in it, from anywhere: an
 * ordinary exit, die(), or a signal handler.
 */
#ifndef MMCHECK_REMOVE_TREE_H
#define MMCHECK_REMOVE_TREE_H

/*
 * Remove the directory path and everything below it. Links are removed,
 * never followed. It allocates nothing and calls only async-signal-safe
 * functions, keeps two descriptors open at most, and never builds a path
 * longer than one directory entry, however deep the tree. A path that
 * does not exist is not an error. Returns 0, or -1 with errno set.
 */
int remove_tree(const char *path);

#endif
