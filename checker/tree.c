// SPDX-License-Identifier: GPL-2.0-only
/*
 * Discover stage: validate the tree and list its C files.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

static int is_kind(const char *root, const char *name, mode_t kind)
{
	char *p = xstrfmt("%s/%s", root, name);
	struct stat st;
	int ok = !stat(p, &st) && (st.st_mode & S_IFMT) == kind;

	free(p);
	return ok;
}

int tree_check(const char *root)
{
	if (!is_kind(root, ".", S_IFDIR)) {
		if (errno == ENOENT)
			return error("'%s' does not exist", root);
		return error("'%s' is not a directory", root);
	}
	if (!is_kind(root, "Makefile", S_IFREG) ||
	    !is_kind(root, "Kconfig", S_IFREG) ||
	    (!is_kind(root, "include", S_IFDIR) &&
	     !is_kind(root, "arch", S_IFDIR)))
		return error("'%s' is not a kernel tree (wants Makefile, Kconfig "
			     "and include/ or arch/)", root);
	return 0;
}

char *tree_kernel_version(const char *root)
{
	char *path = xstrfmt("%s/Makefile", root);
	struct strbuf sb = STRBUF_INIT;
	char ver[3][32] = { "", "", "" };
	static const char *const keys[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL" };
	char *line, *save = NULL, *res = NULL;

	if (strbuf_read_file(&sb, path) < 0)
		goto out;
	for (line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		for (int k = 0; k < 3; k++) {
			size_t n = strlen(keys[k]);

			if (!strncmp(line, keys[k], n) &&
			    sscanf(line + n, " = %31s", ver[k]) == 1)
				break;
		}
		if (!strncmp(line, "NAME", 4))
			break;
	}
	if (ver[0][0] && ver[1][0])
		res = ver[2][0] ? xstrfmt("%s.%s.%s", ver[0], ver[1], ver[2])
				: xstrfmt("%s.%s", ver[0], ver[1]);
out:
	strbuf_release(&sb);
	free(path);
	return res;
}

int is_c_source(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && name[n - 2] == '.' &&
	       (name[n - 1] == 'c' || name[n - 1] == 'h');
}

static int walk(const char *root, struct strbuf *rel, struct strlist *out,
		struct strlist *bad)
{
	char *dir = rel->len ? xstrfmt("%s/%s", root, rel->buf) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t base = rel->len;
	int ret = 0;

	if (!d) {
		/* the caller tells of it, once, with the scan's result */
		strlist_push_owned(bad, xstrfmt("%s/", rel->len ? rel->buf : "."));
		free(dir);
		return -1;
	}
	while ((de = readdir(d))) {
		unsigned char type = de->d_type;

		if (de->d_name[0] == '.')
			continue;
		if (base)
			strbuf_addch(rel, '/');
		strbuf_addstr(rel, de->d_name);
		if (type == DT_UNKNOWN || type == DT_LNK) {
			struct stat st;
			char *p = xstrfmt("%s/%s", root, rel->buf);

			/* Symlinks are not followed: no loops, no escapes. */
			type = DT_UNKNOWN;
			if (!lstat(p, &st))
				type = S_ISDIR(st.st_mode) ? DT_DIR :
				       S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
			free(p);
		}
		if (type == DT_DIR)
			ret |= walk(root, rel, out, bad);
		else if (type == DT_REG && is_c_source(de->d_name))
			strlist_push(out, rel->buf);
		strbuf_setlen(rel, base);
	}
	closedir(d);
	free(dir);
	return ret;
}

int tree_list_sources(const char *root, struct strlist *out,
		      struct strlist *bad)
{
	struct strbuf rel = STRBUF_INIT;
	int ret = walk(root, &rel, out, bad);

	strbuf_release(&rel);
	strlist_sort(out);
	return ret;
}

/*
 * No inode numbers, no ctime: the key must survive a copy of the tree to
 * another host (rsync -a, cp -a, tar --format=posix keep names, sizes and
 * nanosecond mtimes), or merge refuses the shards made there. A content
 * hash would survive a fresh git checkout too, but this key is computed
 * on every scan (it also keys the cache's token-scan hits), and reading
 * the whole tree for it would cost a warm re-scan of Linux seconds.
 */
void tree_state_key(const char *root, const struct strlist *files,
		    char out[65])
{
	struct strbuf sb = STRBUF_INIT;
	int dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	for (size_t i = 0; i < files->nr; i++) {
		struct stat st;

		if (dirfd < 0 ||
		    fstatat(dirfd, files->items[i], &st, AT_SYMLINK_NOFOLLOW) < 0)
			memset(&st, 0, sizeof(st));
		/* the NUL ends the name whatever bytes it holds */
		strbuf_add(&sb, files->items[i], strlen(files->items[i]) + 1);
		strbuf_addf(&sb, "%lld %lld.%09ld\n", (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	}
	if (dirfd >= 0)
		close(dirfd);
	sha256_hex(sb.buf, sb.len, out);
	strbuf_release(&sb);
}

void mkdirs_for(const char *path)
{
	char *d = xstrdup(path);

	for (char *s = strchr(d + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(d, 0777);
		*s = '/';
	}
	free(d);
}

void copy_file(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f;

	if (strbuf_read_file(&sb, from) < 0)
		return;		/* a new file: git apply creates it */
	mkdirs_for(to);
	f = fopen(to, "w");
	if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len || fclose(f))
		die_errno("cannot write '%s'", to);
	strbuf_release(&sb);
}
