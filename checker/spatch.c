// SPDX-License-Identifier: GPL-2.0-only
/*
 * spatch stage helpers; see spatch.h.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "exec.h"
#include "prefilter.h"
#include "spatch.h"
#include "strbuf.h"
#include "usage.h"

const char *spatch_program(void)
{
	const char *s = getenv("SPATCH");

	return s && *s ? s : "spatch";
}

/* The directory of prog, found on $PATH when it has no slash; NULL if not. */
static char *program_dir(const char *prog)
{
	char *real = NULL, *slash;

	if (strchr(prog, '/')) {
		real = realpath(prog, NULL);
	} else {
		const char *path = getenv("PATH");

		while (path && *path && !real) {
			size_t n = strcspn(path, ":");
			char *cand = xstrfmt("%.*s/%s", (int)n, path, prog);

			if (n && !access(cand, X_OK))
				real = realpath(cand, NULL);
			free(cand);
			path += n + (path[n] == ':');
		}
	}
	if (!real)
		return NULL;
	slash = strrchr(real, '/');
	*slash = '\0';
	return real;
}

const char *spatch_python(void)
{
	static int done;
	static char *python;
	const char *env = getenv("MMCHECK_PYTHON");
	char *dir;

	if (env)
		return *env ? env : NULL;
	if (done)
		return python;
	done = 1;
	dir = program_dir(spatch_program());
	if (dir) {
		python = xstrfmt("%s/python3", dir);
		if (access(python, X_OK)) {
			free(python);
			python = NULL;
		}
		free(dir);
	}
	return python;
}

void spatch_push_python(struct strlist *argv)
{
	const char *python = spatch_python();

	if (python) {
		strlist_push(argv, "--python");
		strlist_push(argv, python);
	}
}

char *spatch_parse_version(const char *banner)
{
	const char *p = strstr(banner, "spatch version ");
	size_t n;

	if (!p)
		return NULL;
	p += strlen("spatch version ");
	n = strspn(p, "0123456789.");
	if (!n || p[0] == '.')
		return NULL;
	return xstrndup(p, n);
}

int version_cmp(const char *a, const char *b)
{
	return strverscmp(a, b);
}

/*
 * spatch --version, run without a shell: a quote in $SPATCH is part of
 * the name. -1 after an error message.
 */
static int spatch_version(const char *prog, char **version)
{
	const char *argv[] = { prog, "--version", NULL };
	struct strbuf out = STRBUF_INIT;
	int st = run_command(NULL, argv, NULL, &out, &out);

	*version = NULL;
	if (st == 127 || st >= 128) {
		strbuf_release(&out);
		return error("spatch not found ('%s'); install Debian's coccinelle "
			     "package: apt-get install coccinelle", prog);
	}
	*version = spatch_parse_version(out.buf);
	strbuf_release(&out);
	if (!*version)
		return error("'%s --version' does not look like spatch", prog);
	return 0;
}

int spatch_check(char **version)
{
	/* a command scans many times (check-patch): ask spatch once */
	static char *checked_prog, *checked_version;
	const char *prog = spatch_program();

	if (checked_prog && !strcmp(checked_prog, prog)) {
		*version = xstrdup(checked_version);
		return 0;
	}
	if (spatch_version(prog, version) < 0)
		return -1;
	if (version_cmp(*version, SPATCH_MIN_VERSION) < 0) {
		error("spatch %s is too old, mmcheck needs %s or newer",
		      *version, SPATCH_MIN_VERSION);
		free(*version);
		*version = NULL;
		return -1;
	}
	free(checked_prog);
	free(checked_version);
	checked_prog = xstrdup(prog);
	checked_version = xstrdup(*version);
	return 0;
}

static const char *const role_names[] = {
	[SP_PLAIN] = "plain", [SP_USES] = "uses", [SP_STORES] = "stores",
	[SP_LIVE] = "live", [SP_ARCHES] = "arches", [SP_LOCKS] = "locks",
	[SP_LOCKCTX] = "lockctx", [SP_FIX] = "fix",
};

enum sempatch_role sempatch_role_parse(const char *s)
{
	for (size_t k = 1; k < ARRAY_SIZE(role_names); k++) {
		size_t n = strlen(role_names[k]);

		if (!strncmp(s, role_names[k], n) &&
		    (!s[n] || isspace((unsigned char)s[n])))
			return (enum sempatch_role)k;
	}
	return SP_PLAIN;
}

/* *re from "TAG PCRE" when line is one and *re is unset; dies if bad. */
static void read_regex(const struct sempatch *sp, const char *line,
		       const char *tag, struct regex **re)
{
	size_t n = strlen(tag);

	if (strncmp(line, tag, n) || *re)
		return;
	*re = regex_compile(line + n);
	if (!*re)
		die("%s: bad %sline", sp->path, tag);
}

/* "// Keywords: a, b c" -> a, b, c */
static void read_keywords(struct sempatch *sp)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;

	sp->role = SP_PLAIN;
	if (strbuf_read_file(&sb, sp->path) < 0)
		return;
	for (line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tok, *s2 = NULL;

		if (!strncmp(line, "// Mmcheck: ", 12))
			sp->role = sempatch_role_parse(line + 12);
		read_regex(sp, line, "// Mmcheck-regex: ", &sp->regex);
		read_regex(sp, line, "// Mmcheck-grab-regex: ", &sp->grab_regex);
		if (!strncmp(line, "// Mmcheck-follow: ", 19) && !sp->follow)
			sp->follow = xstrdup(line + 19);
		if (strncmp(line, "// Keywords:", 12))
			continue;
		for (tok = strtok_r(line + 12, " ,\t", &s2); tok;
		     tok = strtok_r(NULL, " ,\t", &s2))
			strlist_push(&sp->keywords, tok);
	}
	strbuf_release(&sb);
}

static int cmp_sempatch(const void *a, const void *b)
{
	return strcmp(((const struct sempatch *)a)->name,
		      ((const struct sempatch *)b)->name);
}

/* The private directory that holds the semantic patches with includes. */
static const char *expanded_dir(void)
{
	static char *dir;
	const char *tmp = getenv("TMPDIR");

	if (dir)
		return dir;
	dir = xstrfmt("%s/mmcheck-smpl-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		die_errno("cannot create '%s'", dir);
	register_tempdir(dir);
	return dir;
}

/*
 * A driver semantic patch shares the kernel rules it builds on with
 * '#include "scripts/coccinelle/mm/NAME.cocci"', a path under the data
 * directory. spatch looks for an included file from its working
 * directory, which is the tree, so the driver runs a copy with the
 * included file written in place of the line, after the file's own
 * virtual rules: one file, which the cache key (spatch-run.c) then
 * covers whole. sp->path names the copy.
 */
static int expand_include(struct sempatch *sp)
{
	struct strbuf sb = STRBUF_INIT, out = STRBUF_INIT;
	const char *line, *end;
	int found = 0;
	char *copy;
	FILE *f;

	if (strbuf_read_file(&sb, sp->path) < 0)
		return error_errno("cannot read '%s'", sp->path);
	/* its virtual rules go first: none may follow the included rules */
	for (line = sb.buf; *line; line = end + (*end == '\n')) {
		end = line + strcspn(line, "\n");
		if (!strncmp(line, "virtual ", 8))
			strbuf_add(&out, line, end - line + (*end == '\n'));
	}
	for (line = sb.buf; *line; line = end + (*end == '\n')) {
		char rel[PATH_MAX], *inc;

		end = line + strcspn(line, "\n");
		if (!strncmp(line, "virtual ", 8))
			continue;
		if (sscanf(line, "#include \"%4095[^\"]\"", rel) != 1) {
			strbuf_add(&out, line, end - line + (*end == '\n'));
			continue;
		}
		inc = mmcheck_data_path(rel);
		if (strbuf_read_file(&out, inc) < 0) {
			error_errno("%s: cannot read the included '%s'",
				    sp->path, inc);
			free(inc);
			strbuf_release(&sb);
			strbuf_release(&out);
			return -1;
		}
		free(inc);
		found = 1;
	}
	if (found) {
		copy = xstrfmt("%s/%s", expanded_dir(), sp->name);
		/* a second load (check-patch scans twice) writes it again */
		f = fopen(copy, "w");
		if (!f || fwrite(out.buf, 1, out.len, f) != out.len ||
		    fclose(f))
			die_errno("cannot write '%s'", copy);
		free(sp->path);
		sp->path = copy;
	}
	strbuf_release(&sb);
	strbuf_release(&out);
	return 0;
}

static void sempatch_release(struct sempatch *sp)
{
	free(sp->path);
	free(sp->name);
	strlist_clear(&sp->keywords);
	regex_free(sp->regex);
	regex_free(sp->grab_regex);
	free(sp->follow);
}

int sempatch_load_dir(const char *dir, struct sempatch_set *set)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *abs;

	if (!d)
		return error_errno("cannot read semantic patches in '%s'", dir);
	abs = realpath(dir, NULL);
	if (!abs)
		die_errno("cannot resolve '%s'", dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		struct sempatch *sp;

		if (n < 7 || strcmp(de->d_name + n - 6, ".cocci"))
			continue;
		ALLOC_GROW(set->items, set->nr + 1, set->alloc);
		sp = &set->items[set->nr++];
		memset(sp, 0, sizeof(*sp));
		sp->path = xstrfmt("%s/%s", abs, de->d_name);
		sp->name = xstrdup(de->d_name);
		read_keywords(sp);
		if (sp->role == SP_FIX) {
			/* mmcheck fix's own: run by path, never by a scan */
			sempatch_release(sp);
			set->nr--;
			continue;
		}
		if (!sp->keywords.nr) {
			closedir(d);
			free(abs);
			return error("'%s' has no '// Keywords:' line for the "
				     "prefilter", sp->path);
		}
		if (expand_include(sp) < 0) {
			closedir(d);
			free(abs);
			return -1;
		}
	}
	closedir(d);
	free(abs);
	if (!set->nr)
		return error("no semantic patches in '%s'", dir);
	qsort(set->items, set->nr, sizeof(*set->items), cmp_sempatch);
	return 0;
}

/*
 * Blank out comments in one line of code, carrying the state of a block
 * comment from line to line: a keyword in a comment is no use.
 */
static void blank_comments(char *l, int *in_block)
{
	for (char *c = l; *c; c++) {
		if (*in_block) {
			if (c[0] == '*' && c[1] == '/') {
				*in_block = 0;
				*c++ = ' ';
			}
			*c = ' ';
		} else if (c[0] == '/' && c[1] == '*') {
			*in_block = 1;
			*c++ = ' ';
			*c = ' ';
		} else if (c[0] == '/' && c[1] == '/') {
			*c = '\0';
			break;
		}
	}
}

int spatch_hidden_keyword(const char *err, const struct strlist *keywords,
			  int *line)
{
	const char *p = err;
	int hidden = 0, in_block = 0;

	*line = 0;
	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *at;

		/* ' = File "drivers/x.c", line 8, column 9, charpos = 113' */
		if (!*line && !strncmp(p, " = File \"", 9) &&
		    (at = strstr(p, "\", line ")) && at < p + len)
			*line = atoi(at + 8);
		if (!strncmp(p, "bad:", 4) || !strncmp(p, "BAD:", 4)) {
			/* "bad: code" or "BAD:!!!!! code" */
			size_t skip = strspn(p + 4, "!") + 4;
			char *code = xstrndup(p + skip, len - skip);

			blank_comments(code, &in_block);
			for (size_t k = 0; k < keywords->nr && !hidden; k++)
				hidden = has_identifier(code, strlen(code),
							keywords->items[k]);
			free(code);
		}
		p += len + (p[len] == '\n');
	}
	return hidden;
}

void sempatch_set_clear(struct sempatch_set *set)
{
	for (size_t i = 0; i < set->nr; i++)
		sempatch_release(&set->items[i]);
	free(set->items);
	memset(set, 0, sizeof(*set));
}

void spatch_fact_argv(struct strlist *argv, const struct sempatch *sp,
		      const char *file)
{
	strlist_push(argv, spatch_program());
	spatch_push_python(argv);
	strlist_push(argv, "-D");
	strlist_push(argv, "facts");
	/*
	 * --quiet --verbose-parsing puts the code spatch could not parse on
	 * stderr as "bad:" lines, so the driver can tell a use it never saw.
	 */
	strlist_push(argv, "--quiet");
	strlist_push(argv, "--verbose-parsing");
	strlist_push(argv, "--no-show-diff");
	strlist_push(argv, "--no-includes");
	strlist_push(argv, "--include-headers");
	/* The driver's own timeout kills the process group instead. */
	strlist_push(argv, "--timeout");
	strlist_push(argv, "0");
	strlist_push(argv, "--sp-file");
	strlist_push(argv, sp->path);
	if (file) {
		strlist_push(argv, file);
	} else {
		strlist_push(argv, "--file-groups");
		strlist_push(argv, "/dev/stdin");
	}
}
