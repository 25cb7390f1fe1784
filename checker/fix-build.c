// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every patch compiles: the patched file is built with the kernel's own
 * make in a configured build of TREE, never in TREE. The build lives in
 * the cache, configured once per tree (its path and the state of its
 * files) and architecture: BUILD/src is a hard-link copy of TREE in
 * which only the file being compiled is replaced (unlinked and written,
 * never written through the link) and put back after, and BUILD/ARCH is
 * the O= directory, configured with allmodconfig so that the file's
 * Kconfig symbol is on. Files under arch/X/ build for X with Debian's
 * cross compiler when it is installed; everything else for x86_64 with
 * the host's gcc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "exec.h"
#include "fix.h"
#include "readfile.h"
#include "remove-tree.h"
#include "scan.h"
#include "tree.h"
#include "usage.h"

/* An architecture: its ARCH=, its Debian cross prefix, its O= name. */
struct build_arch {
	const char *dir;	/* arch/DIR/ */
	const char *arch;	/* ARCH= */
	const char *cross;	/* CROSS_COMPILE=, "" for the host's gcc */
};

static const struct build_arch arches[] = {
	{ "x86", "x86_64", "" },
	{ "powerpc", "powerpc", "powerpc64le-linux-gnu-" },
	{ "s390", "s390", "s390x-linux-gnu-" },
	{ "arm64", "arm64", "aarch64-linux-gnu-" },
	{ "riscv", "riscv", "riscv64-linux-gnu-" },
	{ "mips", "mips", "mips64el-linux-gnuabi64-" },
};

/* The architecture file builds on; NULL and *why when there is none. */
static const struct build_arch *arch_of(const char *file, char **why)
{
	char name[64];
	const char *slash;

	if (strncmp(file, "arch/", 5))
		return &arches[0];
	slash = strchr(file + 5, '/');
	if (!slash || (size_t)(slash - file - 5) >= sizeof(name))
		return &arches[0];
	memcpy(name, file + 5, (size_t)(slash - file - 5));
	name[slash - file - 5] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
		if (!strcmp(arches[i].dir, name))
			return &arches[i];
	*why = xstrfmt("no cross compiler known for arch/%s", name);
	return NULL;
}

/* 1 if the compiler of a runs. */
static int have_compiler(const struct build_arch *a)
{
	char *gcc = xstrfmt("%sgcc", a->cross);
	const char *argv[] = { gcc, "--version", NULL };
	int ok = !run_command(NULL, argv, NULL, NULL, NULL);

	free(gcc);
	return ok;
}

/* BUILD for this tree: MMCHECK_BUILD_DIR, else the cache's build/. */
static char *build_root(const struct fix_state *st)
{
	const char *env = getenv("MMCHECK_BUILD_DIR");
	char *cdir = cache_default_dir();
	char *base = env && *env ? xstrdup(env) : xstrfmt("%s/build", cdir);
	char *real = realpath(st->tree, NULL), *key_src, *res;
	char key[65];

	key_src = xstrfmt("%s\n%s", real ? real : st->tree, st->tree_key);
	sha256_hex(key_src, strlen(key_src), key);
	key[16] = '\0';
	res = xstrfmt("%s/%s", base, key);
	free(key_src);
	free(real);
	free(base);
	free(cdir);
	return res;
}

/* Run make in the build's src with O=obj; its output on failure in log. */
static int run_make(const struct fix_state *st, const char *root,
		    const struct build_arch *a, const char *target,
		    struct strbuf *log)
{
	char *src = xstrfmt("%s/src", root), *o = xstrfmt("O=%s/%s", root,
							 a->arch);
	char *arch = xstrfmt("ARCH=%s", a->arch);
	char *cross = xstrfmt("CROSS_COMPILE=%s", a->cross);
	char *jobs = xstrfmt("-j%d", st->jobs > 0 ? st->jobs : 1);
	const char *argv[] = { "make", "-s", jobs, o, arch, cross, target,
			       NULL };
	struct strbuf out = STRBUF_INIT;
	int rc = run_command(src, argv, NULL, &out, &out);

	strbuf_reset(log);
	strbuf_add(log, out.buf, out.len);
	strbuf_release(&out);
	free(src);
	free(o);
	free(arch);
	free(cross);
	free(jobs);
	return rc;
}

/* BUILD/src: the hard-link copy of TREE, made once. */
static int ensure_src(const struct fix_state *st, const char *root,
		      char **why)
{
	char *src = xstrfmt("%s/src", root), *tmp = xstrfmt("%s.tmp", src);
	const char *argv[] = { "cp", "-al", st->tree, tmp, NULL };
	struct stat sb;
	int rc = 0;

	if (!stat(src, &sb))
		goto out;
	mkdirs_for(tmp);
	remove_tree(tmp);
	if (run_command(NULL, argv, NULL, NULL, NULL) || rename(tmp, src)) {
		*why = xstrfmt("cannot make the build copy '%s'", src);
		remove_tree(tmp);
		rc = -1;
	}
out:
	free(src);
	free(tmp);
	return rc;
}

/* BUILD/ARCH: configured with allmodconfig, once. */
static int ensure_config(struct fix_state *st, const char *root,
			 const struct build_arch *a, char **why)
{
	char *mark = xstrfmt("%s/%s/.mmcheck-configured", root, a->arch);
	struct strbuf log = STRBUF_INIT;
	struct stat sb;
	int rc = 0;

	if (!stat(mark, &sb))
		goto out;
	if (run_make(st, root, a, "allmodconfig", &log)) {
		*why = xstrfmt("make allmodconfig for %s failed: %.300s",
			       a->arch, log.buf);
		rc = -1;
		goto out;
	}
	strbuf_addf(&st->build_log, "configured %s/%s: make O=%s/%s ARCH=%s "
		    "CROSS_COMPILE=%s allmodconfig\n", root, a->arch, root,
		    a->arch, a->arch, a->cross);
	if (write_file_atomic(mark, "", 0) < 0)
		die("cannot write '%s'", mark);
out:
	strbuf_release(&log);
	free(mark);
	return rc;
}

/* Replace BUILD/src/file by a new file with the content of from. */
static int swap_in(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;

	if (read_regular_file(&sb, from, READ_NOFOLLOW) < 0)
		goto out;
	if (unlink(to) < 0 && errno != ENOENT)
		goto out;
	rc = write_file_atomic(to, sb.buf, sb.len) < 0 ? -1 : 0;
out:
	strbuf_release(&sb);
	return rc;
}

/* The last lines of a failed build that say why. */
static char *build_error(const struct strbuf *log)
{
	const char *p = strstr(log->buf, "error:");
	const char *start = p ? p : log->buf;
	const char *eol = strchr(start, '\n');
	size_t n = eol ? (size_t)(eol - start) : strlen(start);

	return xstrndup(start, n > 300 ? 300 : n);
}

int fix_build_file(struct fix_state *st, const char *repo, const char *file,
		   char **how, char **why)
{
	const struct build_arch *a = arch_of(file, why);
	char *root, *obj, *patched, *in_src, *orig;
	struct strbuf log = STRBUF_INIT;
	int rc;

	*how = NULL;
	if (!a)
		return -2;
	if (!have_compiler(a)) {
		*why = xstrfmt("no %sgcc installed to build for %s",
			       a->cross, a->arch);
		return -2;
	}
	root = build_root(st);
	obj = xstrfmt("%.*s.o", (int)(strlen(file) - 2), file);
	patched = xstrfmt("%s/%s", repo, file);
	in_src = xstrfmt("%s/src/%s", root, file);
	orig = xstrfmt("%s/%s", st->tree, file);
	*how = xstrfmt("make -C %s/src O=%s/%s ARCH=%s CROSS_COMPILE=%s %s "
		       "(allmodconfig)", root, root, a->arch, a->arch,
		       a->cross, obj);
	rc = -2;
	if (ensure_src(st, root, why) || ensure_config(st, root, a, why))
		goto out;
	if (swap_in(patched, in_src)) {
		*why = xstrfmt("cannot put the patched file in '%s'", in_src);
		goto out;
	}
	rc = run_make(st, root, a, obj, &log) ? -1 : 0;
	if (rc)
		*why = build_error(&log);
	strbuf_addf(&st->build_log, "%s: %s\n", *how, rc ? "FAILED" : "ok");
	if (rc)
		strbuf_addf(&st->build_log, "%s\n", log.buf);
	if (swap_in(orig, in_src))
		die("cannot put '%s' back", in_src);
out:
	strbuf_release(&log);
	free(root);
	free(obj);
	free(patched);
	free(in_src);
	free(orig);
	return rc;
}
