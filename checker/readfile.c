// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading files we do not trust to be regular; see readfile.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"
#include "strlist.h"
#include "usage.h"

/*
 * The Kconfig files of a directory are read once per finding below it:
 * one warning per path is enough.
 */
static struct strlist warned = STRLIST_INIT;

static int skip(const char *path, const char *what)
{
	if (!strlist_has(&warned, path)) {
		strlist_push(&warned, path);
		warning("'%s' is %s: not read", path, what);
	}
	return READ_SKIPPED;
}

static const char *kind_of(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

static int read_fd(struct strbuf *sb, int fd)
{
	char tmp[65536];
	ssize_t n;

	while ((n = read(fd, tmp, sizeof(tmp))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return READ_ERROR;
		}
		strbuf_add(sb, tmp, (size_t)n);
	}
	return 0;
}

int open_regular_file(int dirfd, const char *path, unsigned flags,
		      struct stat *st)
{
	int nofollow = flags & READ_NOFOLLOW, fd, e;

	/* look before opening: opening some devices has side effects */
	if (fstatat(dirfd, path, st, nofollow ? AT_SYMLINK_NOFOLLOW : 0) < 0)
		return READ_ERROR;
	if (!S_ISREG(st->st_mode))
		return READ_SKIPPED;
	/* a FIFO's open() would wait for a writer */
	fd = openat(dirfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
				 (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (!nofollow || errno != ELOOP)
			return READ_ERROR;
		st->st_mode = S_IFLNK;
		return READ_SKIPPED;
	}
	/* and look again at what was opened: it may have changed since */
	if (fstat(fd, st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return READ_ERROR;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return READ_SKIPPED;
	}
	return fd;
}

int read_regular_file(struct strbuf *sb, const char *path, unsigned flags)
{
	struct stat st;
	int fd = open_regular_file(AT_FDCWD, path, flags, &st), ret, e;

	if (fd == READ_SKIPPED)
		return skip(path, kind_of(st.st_mode));
	if (fd < 0)
		return READ_ERROR;
	ret = read_fd(sb, fd);
	e = errno;
	close(fd);
	errno = e;
	return ret;
}
