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
 * check (a malformed patch, a patch that does not apply, a bad tree).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "builtin.h"
#include "exec.h"
#include "cache.h"
#include "report-sarif.h"
#include "scan.h"
#include "tree.h"
#include "strbuf.h"
#include "usage.h"

#define EXIT_NEW 1
#define EXIT_CANNOT 2

static const char check_usage[] =
	"mmcheck check-patch [--format=email|json|sarif] [-j N] [--timeout SEC] "
	"[--batch N|auto] [--cache DIR | --no-cache] TREE PATCH... "
	"(- for stdin)";

struct patch_msg {
	char *text;
	char *subject, *from, *msgid;
	int number;
};

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

/* A fatal error that is the patch's or the tree's: exit 2, clean up. */
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
	if (scratch) {
		char *cmd = xstrfmt("rm -rf '%s'", scratch);
		int rc = system(cmd);

		(void)rc;	/* exiting anyway */
		free(cmd);
	}
	exit(EXIT_CANNOT);
}

static char *header(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	/* headers end at the first empty line */
	while (*p && *p != '\n') {
		if (!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1;
			struct strbuf sb = STRBUF_INIT;

			v += strspn(v, " \t");
			strbuf_add(&sb, v, strcspn(v, "\n"));
			/* folded continuation lines */
			for (p = strchr(v, '\n'); p && (p[1] == ' ' || p[1] == '\t');
			     p = strchr(p + 1, '\n')) {
				const char *c = p + 1 + strspn(p + 1, " \t");

				strbuf_addch(&sb, ' ');
				strbuf_add(&sb, c, strcspn(c, "\n"));
			}
			return strbuf_detach(&sb, NULL);
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return NULL;
}

static int has_diff(const char *text)
{
	return strstr(text, "\ndiff --git ") || !strncmp(text, "diff --git ", 11) ||
	       (strstr(text, "\n--- ") && strstr(text, "\n+++ ")) ||
	       (!strncmp(text, "--- ", 4) && strstr(text, "\n+++ "));
}

/* An mbox holds messages each starting with a "From " line. */
static void split_input(const char *buf, struct patch_msg **msgs, size_t *nr,
			size_t *alloc)
{
	const char *p = buf, *start = buf;

	if (strncmp(buf, "From ", 5)) {
		ALLOC_GROW(*msgs, *nr + 1, *alloc);
		memset(&(*msgs)[*nr], 0, sizeof(**msgs));
		(*msgs)[(*nr)++].text = xstrdup(buf);
		return;
	}
	for (;;) {
		const char *next = strstr(p + 1, "\nFrom ");

		/* a "From " line of an mbox ends in a date: "... 2001" */
		while (next) {
			const char *eol = strchr(next + 1, '\n');
			size_t len = eol ? (size_t)(eol - next) : strlen(next);

			if (len > 8 && next[len - 1] >= '0' && next[len - 1] <= '9' &&
			    strchr(next + 6, ' '))
				break;
			next = strstr(next + 1, "\nFrom ");
		}
		ALLOC_GROW(*msgs, *nr + 1, *alloc);
		memset(&(*msgs)[*nr], 0, sizeof(**msgs));
		if (!next) {
			(*msgs)[(*nr)++].text = xstrdup(start);
			return;
		}
		(*msgs)[(*nr)++].text = xstrndup(start, (size_t)(next + 1 - start));
		start = p = next + 1;
	}
}

static void read_patches(int argc, char **argv, struct patch_msg **msgs,
			 size_t *nr)
{
	size_t alloc = 0;

	for (int i = 0; i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name = strcmp(argv[i], "-") ? argv[i] : "/dev/stdin";

		if (strbuf_read_file(&sb, name) < 0)
			cannot_check("cannot read patch '%s': %s", argv[i],
				     strerror(errno));
		if (!sb.len)
			cannot_check("patch '%s' is empty", argv[i]);
		split_input(sb.buf, msgs, nr, &alloc);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < *nr; i++) {
		struct patch_msg *m = &(*msgs)[i];
		char *s;

		m->number = (int)i + 1;
		if (!has_diff(m->text))
			cannot_check("patch %zu is malformed: it holds no diff", i + 1);
		s = header(m->text, "Subject");
		m->subject = s ? s : xstrdup("(no subject)");
		m->from = header(m->text, "From");
		m->msgid = header(m->text, "Message-ID");
		if (!m->msgid)
			m->msgid = header(m->text, "Message-Id");
	}
}

/* The paths a patch touches, from git apply --numstat -z. */
static void touched_paths(const char *patchfile, struct strlist *paths)
{
	const char *args[] = { "apply", "--numstat", "-z", patchfile, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *p, *end;

	if (run_git(scratch, args, &out, &err))
		cannot_check("git apply cannot read the patch: %.*s",
			     (int)strcspn(err.buf, "\n"), err.buf);
	/* "added\tdeleted\tpath\0" or, for renames, "a\td\t\0old\0new\0" */
	for (p = out.buf, end = out.buf + out.len; p < end;) {
		const char *t2 = strchr(p, '\t');

		t2 = t2 ? strchr(t2 + 1, '\t') : NULL;
		if (!t2)
			break;
		p = t2 + 1;
		if (!*p) {
			p++;
			strlist_push(paths, p);
			p += strlen(p) + 1;
		}
		strlist_push(paths, p);
		p += strlen(p) + 1;
	}
	strbuf_release(&out);
	strbuf_release(&err);
}

/* Apply patch m over the overlay, updating its changed/deleted lists. */
static void apply_patch(const char *tree, struct overlay *ov,
			const struct patch_msg *m)
{
	char *pf = xstrfmt("%s/patch-%d", scratch, m->number);
	char *odir = xstrfmt("%s/tree", scratch);
	const char *args[] = { "apply", "--whitespace=nowarn", pf, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct strlist paths = STRLIST_INIT;
	FILE *f = fopen(pf, "w");

	if (!f || fputs(m->text, f) < 0 || fclose(f))
		die_errno("cannot write '%s'", pf);
	touched_paths(pf, &paths);
	if (!paths.nr)
		cannot_check("patch %d is malformed: it changes no file", m->number);
	for (size_t i = 0; i < paths.nr; i++) {
		char *dst = xstrfmt("%s/%s", odir, paths.items[i]);
		char *src = xstrfmt("%s/%s", tree, paths.items[i]);
		struct stat st;

		if (strstr(paths.items[i], "..") || paths.items[i][0] == '/')
			cannot_check("patch %d touches '%s', outside the tree",
				     m->number, paths.items[i]);
		/* earlier patches of the series already copied it, or deleted it */
		if (stat(dst, &st) < 0 &&
		    !strlist_has_sorted(&ov->deleted, paths.items[i]))
			copy_file(src, dst);
		free(dst);
		free(src);
	}
	if (run_git(odir, args, &out, &err))
		cannot_check("patch %d (%s) does not apply to '%s': %.*s",
			     m->number, m->subject, tree,
			     (int)strcspn(err.buf, "\n"), err.buf);
	for (size_t i = 0; i < paths.nr; i++) {
		char *dst = xstrfmt("%s/%s", odir, paths.items[i]);
		struct stat st;

		if (!stat(dst, &st)) {
			if (!strlist_has_sorted(&ov->changed, paths.items[i]))
				strlist_push(&ov->changed, paths.items[i]);
		} else if (!strlist_has_sorted(&ov->deleted, paths.items[i])) {
			strlist_push(&ov->deleted, paths.items[i]);
		}
		strlist_sort(&ov->changed);
		strlist_sort(&ov->deleted);
		free(dst);
	}
	strlist_clear(&paths);
	strbuf_release(&out);
	strbuf_release(&err);
	free(pf);
	free(odir);
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

	if (strbuf_read_file(&sb, path) == 0) {
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
		json_object_set_new(o, "file", json_string(u->use->file));
		json_object_set_new(o, "line", json_integer(u->use->line));
		json_object_set_new(o, "function", json_string(u->use->function));
		json_object_set_new(o, "mm", json_string(u->subject));
		json_object_set_new(o, "verdict", json_string(u->verdict));
		json_object_set_new(o, "message", json_string(fi->message));
		json_object_set_new(o, "evidence", evidence_json(u));
		json_array_append_new(a, o);
	}
	return a;
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
	struct patch_msg *msgs = NULL;
	size_t nmsgs = 0, nadded = 0;
	struct scan_result before, after;
	struct fkeys fbefore = { NULL, 0, 0 };
	struct sarif_log *sarif = NULL;
	json_t *patches = json_array();
	const char *format = "email", *tree;
	char *cache_dir = cache_default_dir(), *odir, *cmd;
	int c;

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

	read_patches(argc - optind - 1, argv + optind + 1, &msgs, &nmsgs);
	{
		const char *tmp = getenv("TMPDIR");

		scratch = xstrfmt("%s/mmcheck-patch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(scratch))
			die_errno("cannot create a scratch directory");
	}
	odir = xstrfmt("%s/tree", scratch);
	mkdir(odir, 0777);
	ov.dir = odir;

	/* the tree as it is; a bad tree is a "could not check" */
	{
		struct stat st;
		char *mk = xstrfmt("%s/Makefile", tree);

		if (stat(tree, &st) < 0 || !S_ISDIR(st.st_mode) || stat(mk, &st) < 0)
			cannot_check("'%s' is not a kernel tree", tree);
		free(mk);
	}
	scan_tree(&before, tree, &opt);
	collect(&before, &fbefore);
	if (!strcmp(format, "sarif"))
		sarif = sarif_log_new(&before);

	for (size_t i = 0; i < nmsgs; i++) {
		struct fkeys fafter = { NULL, 0, 0 };
		struct patch_result pr = { { NULL, 0, 0 }, { NULL, 0, 0 } };

		apply_patch(before.tree, &ov, &msgs[i]);
		opt.overlay = &ov;
		scan_prewarm(&before, &opt);
		scan_tree(&after, tree, &opt);
		collect(&after, &fafter);
		difference(&fafter, &fbefore, &pr.added);
		difference(&fbefore, &fafter, &pr.fixed);
		nadded += pr.added.nr;

		if (!strcmp(format, "email")) {
			if (i)
				printf("\n");
			email_reply(stdout, before.tree, &ov, &msgs[i], &pr,
				    after.kernel_version);
		} else if (sarif) {
			for (size_t k = 0; k < pr.added.nr; k++)
				sarif_log_add(sarif, pr.added.items[k].u,
					      pr.added.items[k].k, "new",
					      msgs[i].number);
			for (size_t k = 0; k < pr.fixed.nr; k++)
				sarif_log_add(sarif, pr.fixed.items[k].u,
					      pr.fixed.items[k].k, "absent",
					      msgs[i].number);
			sarif_log_not_analysed(sarif, &after);
		} else {
			json_t *o = json_object();

			json_object_set_new(o, "number", json_integer(msgs[i].number));
			json_object_set_new(o, "subject", json_string(msgs[i].subject));
			json_object_set_new(o, "message_id", msgs[i].msgid ?
					    json_string(msgs[i].msgid) : json_null());
			json_object_set_new(o, "new", fkeys_json(&pr.added));
			json_object_set_new(o, "fixed", fkeys_json(&pr.fixed));
			json_array_append_new(patches, o);
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
		json_t *doc = json_object();
		char *js;

		json_object_set_new(doc, "schema", json_string("mmcheck-check-patch"));
		json_object_set_new(doc, "version", json_integer(1));
		json_object_set_new(doc, "tree", json_string(before.tree));
		json_object_set_new(doc, "new_findings",
				    json_integer((json_int_t)nadded));
		json_object_set_new(doc, "patches", patches);
		patches = NULL;
		js = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		puts(js);
		free(js);
		json_decref(doc);
	}
	if (sarif) {
		char *s = sarif_log_finish(sarif);

		fputs(s, stdout);
		free(s);
	}
	json_decref(patches);
	fkeys_clear(&fbefore);
	scan_result_clear(&before);
	for (size_t i = 0; i < nmsgs; i++) {
		free(msgs[i].text);
		free(msgs[i].subject);
		free(msgs[i].from);
		free(msgs[i].msgid);
	}
	free(msgs);
	cmd = xstrfmt("rm -rf '%s'", scratch);
	if (system(cmd))
		warning("cannot remove '%s'", scratch);
	free(cmd);
	free(scratch);
	scratch = NULL;
	free(odir);
	free(cache_dir);
	strlist_clear(&ov.changed);
	strlist_clear(&ov.deleted);
	return nadded ? EXIT_NEW : 0;
}
