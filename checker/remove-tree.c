// SPDX-License-Identifier: GPL-2.0-only
/*
 * remove_tree(); see remove-tree.h.
 *
 * Not nftw(): it allocates, which a signal handler must not do, and it
 * works with whole path names, which the deep paths of a patch can push
 * past PATH_MAX. Not "rm -rf" through a shell: a quote in $TMPDIR would be
 * shell syntax. Instead one directory at a time, by descriptor: empty it,
 * go down into the first subdirectory that is not empty yet, and come back
 * up through "..", which then finds that subdirectory empty.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "remove-tree.h"

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

static int is_dot(const char *name)
{
	return name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]));
}

/* Remove the entry name of the directory fd; 1 if it is a directory
 * that is not empty: *sub is then open on it. */
static int remove_entry(int fd, const char *name, int *sub)
{
	if (!unlinkat(fd, name, 0) || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	if (!unlinkat(fd, name, AT_REMOVEDIR) || errno == ENOENT)
		return 0;
	if (errno != ENOTEMPTY && errno != EEXIST)
		return -1;
	*sub = openat(fd, name, DIR_FLAGS);
	return *sub < 0 ? -1 : 1;
}

/*
 * Remove what the directory open as fd holds. 0 when it is empty, 1 with
 * *sub open on a subdirectory to empty first, -1 on an error.
 */
static int empty_dir(int fd, int *sub)
{
	char buf[4096] __attribute__((aligned(8)));
	int removed;

	/* entries removed while reading may hide others: read it again */
	do {
		removed = 0;
		if (lseek(fd, 0, SEEK_SET) < 0)
			return -1;
		for (;;) {
			ssize_t n = getdents64(fd, buf, sizeof(buf));

			if (n <= 0) {
				if (n < 0)
					return -1;
				break;
			}
			for (ssize_t off = 0; off < n;) {
				struct dirent64 *d = (struct dirent64 *)(buf + off);
				int r;

				off += d->d_reclen;
				if (is_dot(d->d_name))
					continue;
				r = remove_entry(fd, d->d_name, sub);
				if (r)
					return r;
				removed = 1;
			}
		}
	} while (removed);
	return 0;
}

int remove_tree(const char *path)
{
	int fd = open(path, DIR_FLAGS), depth = 0, e;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	for (;;) {
		int sub, r = empty_dir(fd, &sub);

		if (r < 0)
			goto fail;
		if (!r) {
			if (!depth)
				break;
			sub = openat(fd, "..", DIR_FLAGS);
			if (sub < 0)
				goto fail;
			depth--;
		} else {
			depth++;
		}
		close(fd);
		fd = sub;
	}
	close(fd);
	return rmdir(path);
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}
