// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck check-patch TREE PATCH...: what a patch (or a series) changes.
 *
 * The tree is scanned as it is (from the cache, when a bot keeps it warm),
 * then each patch is applied with git apply to copies of the files it
 * touches, in a scratch directory, and the tree is scanned again as seen
 * through those copies (an overlay): only the touched files and whatever
 * new wrappers or struct fields they bring are analysed anew. A series is
 * checked patch by patch, each on the tree with the earlier ones applied.
 * TREE itself is never written to.
 *
 * Findings are matched by rule, file, function and mm expression, never by
 * line: lines move. Output: an email reply in the style of the kernel test
 * robot, or JSON. Exit status: 0 nothing new, 1 new findings, 2 could not
 * check (a malformed patch, a patch that does not apply, a bad tree), 3
 * both: a series stops at a patch that cannot be checked, and what the
 * patches before it added is reported and counts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "exec.h"
#include "json-str.h"
#include "patch-parse.h"
#include "remove-tree.h"
#include "report-sarif.h"
#include "scan.h"
#include "spatch.h"
#include "strbuf.h"
#include "tree.h"
#include "usage.h"

#define EXIT_NEW 1
#define EXIT_CANNOT 2

static const char check_usage[] =
	"mmcheck check-patch [--format=email|json|sarif] [-j N] [--timeout SEC] "
	"[--batch N|auto] [--cache DIR | --no-cache] TREE PATCH... "
	"(- for stdin)";

/* One finding, keyed without its line. */
struct fkey {
	char *key;		/* rule \t file \t function \t mm */
	const struct use_site *u;
	size_t k;		/* which finding of u */
};

struct fkeys {
	struct fkey *items;
	size_t nr, alloc;
};

static char *scratch;

/* A patch or a tree that cannot be checked: one line, exit 2. */
__attribute__((format(printf, 1, 2), noreturn))
static void cannot_check(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_CANNOT);
}

/*
 * git in the scratch directory, never in a repository around it: with a
 * $TMPDIR inside a work tree, git apply took the patch's paths as
 * relative to that work tree and skipped them all.
 */
static int scratch_git(const char *dir, const char *const *args,
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
	rc = run_command(dir, argv, &env, out, err);
	free(argv);
	return rc;
}

static void read_patches(int argc, char **argv, struct patch_msgs *msgs)
{
	for (int i = 0; i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name = strcmp(argv[i], "-") ? argv[i] : "/dev/stdin";

		if (strbuf_read_file(&sb, name) < 0)
			cannot_check("cannot read patch '%s': %s", argv[i],
				     strerror(errno));
		if (!sb.len)
			cannot_check("patch '%s' is empty", argv[i]);
		if (mbox_split(sb.buf, sb.len, msgs) < 0)
			cannot_check("patch '%s' is malformed: it holds a NUL byte",
				     argv[i]);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < msgs->nr; i++) {
		msgs->items[i].number = (int)i + 1;
		if (patch_msg_parse(&msgs->items[i]) < 0)
			cannot_check("patch %zu is malformed: it holds no diff", i + 1);
	}
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
	if (scratch_git(scratch, args, &out, &err))
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

/*
 * Apply patch m over the overlay, updating its changed/deleted lists.
 * -1 after an error message if it cannot be checked: a series stops there.
 */
static int apply_patch(const char *tree, struct overlay *ov,
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
	if (scratch_git(ov->dir, args, &out, &err)) {
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

static int cmp_fkey(const void *a, const void *b)
{
	return strcmp(((const struct fkey *)a)->key, ((const struct fkey *)b)->key);
}

static void collect(const struct scan_result *r, struct fkeys *out)
{
	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];

		for (size_t k = 0; k < u->nfindings; k++) {
			ALLOC_GROW(out->items, out->nr + 1, out->alloc);
			out->items[out->nr].key =
				xstrfmt("%s\t%s\t%s\t%s", u->findings[k].rule->id,
					u->use->file, u->use->function,
					u->subject);
			out->items[out->nr].u = u;
			out->items[out->nr].k = k;
			out->nr++;
		}
	}
	if (out->nr)
		qsort(out->items, out->nr, sizeof(*out->items), cmp_fkey);
}

static void fkeys_clear(struct fkeys *f)
{
	for (size_t i = 0; i < f->nr; i++)
		free(f->items[i].key);
	free(f->items);
	memset(f, 0, sizeof(*f));
}

/* The findings of a that b does not have (by key). */
static void difference(const struct fkeys *a, const struct fkeys *b,
		       struct fkeys *out)
{
	for (size_t i = 0; i < a->nr; i++) {
		struct fkey key = { a->items[i].key, NULL, 0 };

		if (b->nr && bsearch(&key, b->items, b->nr, sizeof(key), cmp_fkey))
			continue;
		ALLOC_GROW(out->items, out->nr + 1, out->alloc);
		out->items[out->nr] = a->items[i];
		out->items[out->nr].key = xstrdup(a->items[i].key);
		out->nr++;
	}
}

struct patch_result {
	struct fkeys added, fixed;
};

static void print_finding(FILE *out, const char *mark, const struct fkey *f)
{
	const struct use_site *u = f->u;
	const struct finding *fi = &u->findings[f->k];

	fprintf(out, "%s%s:%d:%d: %s: [%s] %s\n", mark, u->use->file,
		u->use->line, u->use->col, severity_name(fi->severity),
		fi->rule->id, fi->message);
	for (size_t e = 0; e < u->nevidence; e++)
		fprintf(out, "   %s:%d: note: %s\n", u->evidence[e].file,
			u->evidence[e].line, u->evidence[e].what);
}

/* "vim +LINE FILE" and the lines around it, the finding's marked "> ". */
static void print_excerpt(FILE *out, const char *tree, const struct overlay *ov,
			  const struct use_site *u)
{
	const char *root = strlist_has_sorted(&ov->changed, u->use->file)
			   ? ov->dir : tree;
	char *path = xstrfmt("%s/%s", root, u->use->file);
	struct strbuf sb = STRBUF_INIT;
	int line = 1;

	if (strbuf_read_regular(&sb, path) == 0) {
		fprintf(out, "\nvim +%d %s\n\n", u->use->line, u->use->file);
		for (const char *p = sb.buf; *p; line++) {
			size_t len = strcspn(p, "\n");

			if (line >= u->use->line - 4 && line <= u->use->line + 2)
				fprintf(out, "%s%5d\t%.*s\n",
					line == u->use->line ? "> " : "  ", line,
					(int)len, p);
			p += len + (p[len] == '\n');
		}
	}
	strbuf_release(&sb);
	free(path);
}

static void email_reply(FILE *out, const char *tree, const struct overlay *ov,
			const struct patch_msg *m, const struct patch_result *pr,
			const char *kernel)
{
	fprintf(out, "Subject: Re: %s\n", m->subject);
	if (m->from)
		fprintf(out, "To: %s\n", m->from);
	if (m->msgid) {
		fprintf(out, "In-Reply-To: %s\n", m->msgid);
		fprintf(out, "References: %s\n", m->msgid);
	}
	fprintf(out, "\nHi,\n\nmmcheck noticed that this patch %s:\n\n",
		pr->added.nr ? "adds mm-lifetime findings" :
		pr->fixed.nr ? "fixes mm-lifetime findings and adds none"
			     : "changes no mm-lifetime finding");
	fprintf(out, "patch subject: %s\n", m->subject);
	fprintf(out, "base: Linux %s\n", kernel ? kernel : "(unknown version)");
	if (pr->added.nr) {
		fprintf(out, "\nIf you fix the issue in a separate patch/commit (i.e. "
			"not just a new version of\nthe same patch/commit), kindly "
			"add following tags\n| Reported-by: mmcheck <mmcheck@localhost>\n");
		if (m->msgid)
			fprintf(out, "| Closes: %s\n", m->msgid);
		fprintf(out, "\nAll findings (new ones prefixed by >>):\n\n");
		for (size_t i = 0; i < pr->added.nr; i++)
			print_finding(out, ">> ", &pr->added.items[i]);
		for (size_t i = 0; i < pr->added.nr; i++)
			print_excerpt(out, tree, ov, pr->added.items[i].u);
		fprintf(out, "\nmmcheck explain RULE-ID says why each rule matters "
			"and how to fix it.\n");
	}
	if (pr->fixed.nr) {
		fprintf(out, "\nFindings this patch removes:\n\n");
		for (size_t i = 0; i < pr->fixed.nr; i++)
			print_finding(out, "-- ", &pr->fixed.items[i]);
	}
	fprintf(out, "\n-- \nmmcheck %s\n", "check-patch");
}

static json_t *fkeys_json(const struct fkeys *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->nr; i++) {
		const struct use_site *u = f->items[i].u;
		const struct finding *fi = &u->findings[f->items[i].k];
		json_t *o = json_object();

		json_object_set_new(o, "rule", json_string(fi->rule->id));
		json_object_set_new(o, "severity",
				    json_string(severity_name(fi->severity)));
		json_object_set_new(o, "file", json_path(u->use->file));
		json_object_set_new(o, "line", json_integer(u->use->line));
		json_object_set_new(o, "function", json_text(u->use->function));
		json_object_set_new(o, "mm", json_text(u->subject));
		json_object_set_new(o, "verdict", json_text(u->verdict));
		json_object_set_new(o, "message", json_text(fi->message));
		json_object_set_new(o, "evidence", evidence_json(u));
		json_array_append_new(a, o);
	}
	return a;
}

/* A reply that cannot be written is a check that did not happen. */
static void flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) || ferror(stdout)) {
		if (!errno)
			errno = EIO;
		die_errno("cannot write the reply to stdout");
	}
}

/*
 * Refuse a bad tree or a missing spatch before any work, with exit 2 as
 * the README says; scan_tree() would exit 128 for them.
 */
static void check_tree_and_spatch(const char *tree)
{
	struct stat st;
	char *version;

	if (stat(tree, &st) < 0)
		cannot_check("'%s' is not a kernel tree: %s", tree, strerror(errno));
	if (tree_check(tree) < 0 || spatch_check(&version) < 0)
		exit(EXIT_CANNOT);
	free(version);
}

/*
 * The scratch directory, removed on every way out: the end, die(), exit()
 * and the signals (usage.c). Its path is absolute, since git runs inside
 * it, where a relative $TMPDIR would name nothing.
 */
static void make_scratch(void)
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
}

static void remove_scratch(void)
{
	if (remove_tree(scratch) < 0)
		warning("cannot remove '%s': %s", scratch, strerror(errno));
	unregister_tempdir(scratch);
	free(scratch);
	scratch = NULL;
}

/* The reply to patch m: an email now, or its entry of the JSON document. */
static void report_patch(const char *format, const char *tree,
			 const struct overlay *ov, const struct patch_msg *m,
			 const struct patch_result *pr, const char *kernel,
			 json_t *patches)
{
	json_t *o;

	if (!strcmp(format, "email")) {
		if (m->number > 1)
			printf("\n");
		email_reply(stdout, tree, ov, m, pr, kernel);
		flush_stdout();
		return;
	}
	o = json_object();
	json_object_set_new(o, "number", json_integer(m->number));
	json_object_set_new(o, "subject", json_text(m->subject));
	json_object_set_new(o, "message_id", m->msgid ?
			    json_text(m->msgid) : json_null());
	json_object_set_new(o, "new", fkeys_json(&pr->added));
	json_object_set_new(o, "fixed", fkeys_json(&pr->fixed));
	json_array_append_new(patches, o);
}

/* The JSON document, which takes over patches. */
static void print_json(const char *tree, size_t nadded, json_t *patches)
{
	json_t *doc = json_object();
	char *js;

	json_object_set_new(doc, "schema", json_string("mmcheck-check-patch"));
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(doc, "tree", json_text(tree));
	json_object_set_new(doc, "new_findings", json_integer((json_int_t)nadded));
	json_object_set_new(doc, "patches", patches);
	js = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	puts(js);
	free(js);
	json_decref(doc);
	flush_stdout();
}

int cmd_check_patch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "timeout", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300 };
	struct overlay ov = { NULL, STRLIST_INIT, STRLIST_INIT };
	struct patch_msgs msgs = PATCH_MSGS_INIT;
	size_t nadded = 0;
	struct scan_result before, after;
	struct fkeys fbefore = { NULL, 0, 0 };
	struct sarif_log *sarif = NULL;
	json_t *patches = json_array();
	const char *format = "email", *tree;
	char *cache_dir = cache_default_dir(), *odir;
	int c, status = 0;

	/* README: whatever stops check-patch is "could not check" */
	set_die_status(EXIT_CANNOT);
	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, &opt, &cache_dir, check_usage))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "email") && strcmp(optarg, "json") &&
			    strcmp(optarg, "sarif"))
				usage_die(check_usage, "unknown format '%s'", optarg);
			format = optarg;
			break;
		default:
			usage_die(check_usage, "unknown option");
		}
	}
	if (argc - optind < 2)
		usage_die(check_usage, "wants a TREE and at least one PATCH");
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.cache_dir = cache_dir;
	tree = argv[optind];

	read_patches(argc - optind - 1, argv + optind + 1, &msgs);
	check_tree_and_spatch(tree);
	make_scratch();
	odir = xstrfmt("%s/tree", scratch);
	if (mkdir(odir, 0700) < 0)
		die_errno("cannot create '%s'", odir);
	ov.dir = odir;

	/* the tree as it is */
	scan_tree(&before, tree, &opt);
	collect(&before, &fbefore);
	if (!strcmp(format, "sarif"))
		sarif = sarif_log_new(&before);

	for (size_t i = 0; i < msgs.nr; i++) {
		const struct patch_msg *m = &msgs.items[i];
		struct fkeys fafter = { NULL, 0, 0 };
		struct patch_result pr = { { NULL, 0, 0 }, { NULL, 0, 0 } };

		if (apply_patch(before.tree, &ov, m) < 0) {
			/* the rest of the series builds on this patch */
			status |= EXIT_CANNOT;
			break;
		}
		opt.overlay = &ov;
		scan_prewarm(&before, &opt);
		scan_tree(&after, tree, &opt);
		collect(&after, &fafter);
		difference(&fafter, &fbefore, &pr.added);
		difference(&fbefore, &fafter, &pr.fixed);
		nadded += pr.added.nr;

		if (sarif) {
			for (size_t k = 0; k < pr.added.nr; k++)
				sarif_log_add(sarif, pr.added.items[k].u,
					      pr.added.items[k].k, "new",
					      m->number);
			for (size_t k = 0; k < pr.fixed.nr; k++)
				sarif_log_add(sarif, pr.fixed.items[k].u,
					      pr.fixed.items[k].k, "absent",
					      m->number);
			sarif_log_not_analysed(sarif, &after);
		} else {
			report_patch(format, before.tree, &ov, m, &pr,
				     after.kernel_version, patches);
		}
		fkeys_clear(&pr.added);
		fkeys_clear(&pr.fixed);
		/* the next patch of a series is checked against this one */
		fkeys_clear(&fbefore);
		scan_result_clear(&before);
		before = after;
		fbefore = fafter;
	}
	if (!strcmp(format, "json")) {
		print_json(before.tree, nadded, patches);
		patches = NULL;
	}
	if (sarif) {
		char *s = sarif_log_finish(sarif);

		fputs(s, stdout);
		free(s);
		flush_stdout();
	}
	json_decref(patches);
	fkeys_clear(&fbefore);
	scan_result_clear(&before);
	patch_msgs_clear(&msgs);
	remove_scratch();
	free(odir);
	free(cache_dir);
	strlist_clear(&ov.changed);
	strlist_clear(&ov.deleted);
	return status | (nadded ? EXIT_NEW : 0);
}
