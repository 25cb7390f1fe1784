// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-patch's scratch tree: each patch is applied with git apply to
 * copies of the files it touches, in a scratch directory, never to the
 * tree itself. The overlay (pipeline.h) then shows the scan the tree as
 * the patch leaves it. Links a patch makes are never followed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check-patch.h"
#include "exec.h"
#include "remove-tree.h"
#include "tree.h"
#include "usage.h"

static char *scratch;

const char *scratch_dir(void)
{
	return scratch;
}

/*
 * git in the scratch directory, never in a repository around it: with a
 * $TMPDIR inside a work tree, git apply took the patch's paths as
 * relative to that work tree and skipped them all.
 */
int scratch_git(const char *dir, const char *const *args, const char *in,
		struct strbuf *out, struct strbuf *err)
{
	static struct strlist env = STRLIST_INIT;
	const char **argv;
	size_t n = 0;
	int rc;

	if (!env.nr) {
		/* git does not go up into the ceiling: $TMPDIR here */
		char *parent = xstrdup(scratch);

		*strrchr(parent, '/') = '\0';
		strlist_push_owned(&env, xstrfmt("GIT_CEILING_DIRECTORIES=%s",
						 *parent ? parent : "/"));
		free(parent);
	}
	while (args[n])
		n++;
	argv = xcalloc(n + 2, sizeof(*argv));
	argv[0] = "git";
	memcpy(argv + 1, args, n * sizeof(*argv));
	rc = run_command_in(dir, argv, &env, in, out, err);
	free(argv);
	return rc;
}

/*
 * The names of one git apply --numstat -z run. git apply prints only the
 * new name of a rename or a copy; reversed (-R) it prints the old one.
 * -1 after an error message.
 */
static int numstat_names(const struct patch_msg *m, const char *patchfile,
			 int reverse, struct strlist *paths)
{
	const char *args[] = { "apply", "--numstat", "-z", patchfile, NULL, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct numstat ns = NUMSTAT_INIT;
	int ret = 0;

	if (reverse) {
		args[3] = "-R";
		args[4] = patchfile;
	}
	if (scratch_git(scratch, args, NULL, &out, &err))
		ret = error("git apply cannot read patch %d: %.*s", m->number,
			    (int)strcspn(err.buf, "\n"), err.buf);
	else if (numstat_parse(out.buf, out.len, &ns) < 0)
		ret = error("git apply --numstat printed a malformed record "
			    "for patch %d (record %zu)", m->number, ns.nr + 1);
	for (size_t i = 0; !ret && i < ns.nr; i++) {
		if (ns.items[i].old_path)
			strlist_push(paths, ns.items[i].old_path);
		strlist_push(paths, ns.items[i].path);
	}
	numstat_clear(&ns);
	strbuf_release(&out);
	strbuf_release(&err);
	return ret;
}

/*
 * Every path a patch touches, sorted, each once: both names of a rename
 * (the old file must be copied in for git apply to move it, and is gone
 * after), of a copy, and the paths it changes, creates or deletes.
 */
static int touched_paths(const struct patch_msg *m, const char *patchfile,
			 struct strlist *paths)
{
	size_t n = 0;

	if (numstat_names(m, patchfile, 0, paths) < 0 ||
	    numstat_names(m, patchfile, 1, paths) < 0)
		return -1;
	strlist_sort(paths);
	for (size_t i = 0; i < paths->nr; i++) {
		if (n && !strcmp(paths->items[n - 1], paths->items[i]))
			free(paths->items[i]);
		else
			paths->items[n++] = paths->items[i];
	}
	paths->nr = n;
	return 0;
}

/* A link of the tree, as a link: what it points to is never read. */
static void copy_link(const char *src, const char *dst)
{
	char target[PATH_MAX];
	ssize_t n = readlink(src, target, sizeof(target) - 1);

	if (n < 0)
		die_errno("cannot read the link '%s'", src);
	target[n] = '\0';
	if (symlink(target, dst) < 0)
		die_errno("cannot create '%s'", dst);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void copy_regular(const char *src, const char *dst, mode_t mode)
{
	struct strbuf sb = STRBUF_INIT;
	int fd;

	if (strbuf_read_regular(&sb, src) < 0)
		die_errno("cannot read '%s'", src);
	fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  mode & 0777);
	if (fd < 0 || write_all(fd, sb.buf, sb.len) < 0 || close(fd) < 0)
		die_errno("cannot write '%s'", dst);
	strbuf_release(&sb);
}

/*
 * The tree's path, copied into the scratch tree for git apply: unless an
 * earlier patch of the series already did, or deleted it, or the tree has
 * none (the patch creates it). A link stays a link, so that git apply
 * sees what the patch was made against.
 */
static void copy_in(const char *tree, const struct overlay *ov,
		    const char *path)
{
	char *src = xstrfmt("%s/%s", tree, path);
	char *dst = xstrfmt("%s/%s", ov->dir, path);
	struct stat st;

	if (lstat(dst, &st) < 0 && !strlist_has_sorted(&ov->deleted, path) &&
	    !lstat(src, &st)) {
		mkdirs_for(dst);
		if (S_ISLNK(st.st_mode))
			copy_link(src, dst);
		else if (S_ISREG(st.st_mode))
			copy_regular(src, dst, st.st_mode);
		/* anything else: git apply says what is wrong with it */
	}
	free(src);
	free(dst);
}

/*
 * After a patch, a path it touched is either changed (modified or added)
 * or deleted, never both: a series may delete a file and add it back, or
 * add one and delete it again.
 *
 * Only regular files are read later. A link that a patch makes (mode
 * 120000) may point out of the tree, at a secret that the reply would
 * quote, or at /dev/zero: it is said to be skipped, removed from the
 * scratch tree so that no later patch writes through it either, and left
 * out of the view like a deleted file.
 */
static void overlay_update(struct overlay *ov, const struct patch_msg *m,
			   const char *path)
{
	char *dst = xstrfmt("%s/%s", ov->dir, path);
	struct stat st;
	int present = !lstat(dst, &st);

	if (present && !S_ISREG(st.st_mode)) {
		warning("'%s' is %s after patch %d: not checked", path,
			S_ISLNK(st.st_mode) ? "a symbolic link"
					    : "not a regular file", m->number);
		if (!S_ISDIR(st.st_mode) && unlink(dst) < 0)
			die_errno("cannot remove '%s'", dst);
		present = 0;
	}
	if (present) {
		strlist_remove_sorted(&ov->deleted, path);
		strlist_insert_sorted(&ov->changed, path);
	} else {
		strlist_remove_sorted(&ov->changed, path);
		strlist_insert_sorted(&ov->deleted, path);
	}
	free(dst);
}

int apply_patch(const char *tree, struct overlay *ov,
		       const struct patch_msg *m)
{
	char *pf = xstrfmt("%s/patch-%d", scratch, m->number);
	const char *args[] = { "apply", "--whitespace=nowarn", pf, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct strlist paths = STRLIST_INIT;
	FILE *f = fopen(pf, "w");
	int ret = -1;

	if (!f || fputs(m->text, f) < 0 || fclose(f))
		die_errno("cannot write '%s'", pf);
	if (touched_paths(m, pf, &paths) < 0)
		goto out;
	if (!paths.nr) {
		error("patch %d is malformed: it changes no file", m->number);
		goto out;
	}
	for (size_t i = 0; i < paths.nr; i++) {
		if (!patch_path_ok(paths.items[i])) {
			error("patch %d touches '%s', outside the tree",
			      m->number, paths.items[i]);
			goto out;
		}
		copy_in(tree, ov, paths.items[i]);
	}
	if (scratch_git(ov->dir, args, NULL, &out, &err)) {
		error("patch %d (%s) does not apply to '%s': %.*s", m->number,
		      m->subject, tree, (int)strcspn(err.buf, "\n"), err.buf);
		goto out;
	}
	for (size_t i = 0; i < paths.nr; i++)
		overlay_update(ov, m, paths.items[i]);
	ret = 0;
out:
	strlist_clear(&paths);
	strbuf_release(&out);
	strbuf_release(&err);
	free(pf);
	return ret;
}

/*
 * The scratch directory, removed on every way out: the end, die(), exit()
 * and the signals (usage.c). Its path is absolute, since git runs inside
 * it, where a relative $TMPDIR would name nothing.
 */
void make_scratch(struct overlay *ov)
{
	const char *tmp = getenv("TMPDIR");
	char *dir;
	sigset_t block, old;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	dir = realpath(tmp, NULL);
	if (!dir)
		die_errno("cannot use '%s' for a scratch directory", tmp);
	scratch = xstrfmt("%s/mmcheck-patch.XXXXXX", strcmp(dir, "/") ? dir : "");
	free(dir);
	/* no signal between its creation and its registration */
	sigemptyset(&block);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGPIPE);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (!mkdtemp(scratch))
		die_errno("cannot create a scratch directory '%s'", scratch);
	register_tempdir(scratch);
	sigprocmask(SIG_SETMASK, &old, NULL);
	ov->dir = xstrfmt("%s/tree", scratch);
	if (mkdir(ov->dir, 0700) < 0)
		die_errno("cannot create '%s'", ov->dir);
}

void remove_scratch(struct overlay *ov)
{
	if (remove_tree(scratch) < 0)
		warning("cannot remove '%s': %s", scratch, strerror(errno));
	unregister_tempdir(scratch);
	free(scratch);
	scratch = NULL;
	free((char *)ov->dir);
	ov->dir = NULL;
	strlist_clear(&ov->changed);
	strlist_clear(&ov->deleted);
}

