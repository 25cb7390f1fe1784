/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a whole file that comes from the tree being checked, or from
 * anywhere else we do not control. A FIFO named MAINTAINERS or Makefile
 * would block open() and read() forever, a device may never end, and a
 * link may lead out of the tree: every such reader goes through
 * read_regular_file(), which reads regular files only and never blocks
 * on opening one.
 */
#ifndef MMCHECK_READFILE_H
#define MMCHECK_READFILE_H

#include <sys/stat.h>

#include "strbuf.h"

/* Flags of read_regular_file() */
#define READ_NOFOLLOW 1		/* a symlink (last component) is skipped */

/* What read_regular_file() returns besides 0 */
#define READ_ERROR (-1)		/* cannot open or read it; errno says why */
#define READ_SKIPPED (-2)	/* not a regular file; a warning said so */

/*
 * Append the contents of path to sb. Returns 0, READ_ERROR with errno set
 * (ENOENT: there is no such file), or READ_SKIPPED after a warning, printed
 * once per path, that the file is a FIFO, a device, a directory or (with
 * READ_NOFOLLOW) a symlink and was not read.
 */
int read_regular_file(struct strbuf *sb, const char *path, unsigned flags);

/*
 * The descriptor of path (relative to dirfd, or AT_FDCWD) opened for
 * reading if it is a regular file, O_NONBLOCK; READ_ERROR with errno set;
 * or READ_SKIPPED, with nothing printed, when it is not a regular file,
 * *st telling what it is. For readers that keep their own buffers.
 */
int open_regular_file(int dirfd, const char *path, unsigned flags,
		      struct stat *st);

#endif
