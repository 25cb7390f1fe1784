// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLB-critical architectures and where a file builds; see arches.h.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arches.h"
#include "readfile.h"
#include "strbuf.h"
#include "usage.h"

/* Kconfig symbols defined under arch/: "SYM\tarch", sorted. */
struct kconfig {
	struct strlist syms;
};

static int cmp_reader(const void *a, const void *b)
{
	const struct arch_reader *x = a, *y = b;
	int c = strcmp(x->arch, y->arch);

	if (c)
		return c;
	c = strcmp(x->fact->file, y->fact->file);
	if (c)
		return c;
	return x->fact->line - y->fact->line;
}

void arches_build(struct arch_report *ar, const struct fact_store *fs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		struct arch_reader *r;
		const char *slash;

		if (f->kind != FACT_MM_USERS_READ ||
		    strncmp(f->file, "arch/", 5) ||
		    !(slash = strchr(f->file + 5, '/')))
			continue;
		ALLOC_GROW(ar->items, ar->nr + 1, ar->alloc);
		r = &ar->items[ar->nr++];
		r->arch = xstrndup(f->file + 5, (size_t)(slash - f->file - 5));
		r->fact = f;
		r->critical = !strcmp(f->klass, "flush-shortcut");
		if (r->critical && !strlist_has(&ar->critical, r->arch))
			strlist_push(&ar->critical, r->arch);
	}
	if (ar->nr)
		qsort(ar->items, ar->nr, sizeof(*ar->items), cmp_reader);
	strlist_sort(&ar->critical);
}

static void kconfig_free(struct kconfig *kc)
{
	if (!kc)
		return;
	strlist_clear(&kc->syms);
	free(kc);
}

void arches_clear(struct arch_report *ar)
{
	for (size_t i = 0; i < ar->nr; i++)
		free(ar->items[i].arch);
	free(ar->items);
	strlist_clear(&ar->critical);
	kconfig_free(ar->kconfig);
	memset(ar, 0, sizeof(*ar));
}

static int is_kconfig_name(const char *name)
{
	return !strncmp(name, "Kconfig", 7);
}

/* "config FOO" / "menuconfig FOO" -> "FOO" in sym, else 0. */
static int config_line(const char *line, char *sym, size_t n)
{
	const char *p = line;
	size_t len = 0;

	while (isspace((unsigned char)*p))
		p++;
	if (!strncmp(p, "menuconfig", 10))
		p += 10;
	else if (!strncmp(p, "config", 6))
		p += 6;
	else
		return 0;
	if (!isspace((unsigned char)*p))
		return 0;
	while (isspace((unsigned char)*p))
		p++;
	while ((isalnum((unsigned char)p[len]) || p[len] == '_') && len + 1 < n)
		len++;
	if (!len)
		return 0;
	memcpy(sym, p, len);
	sym[len] = '\0';
	return 1;
}

void kconfig_text_symbols(const char *text, const char *arch,
			  struct strlist *out)
{
	char *copy = xstrdup(text), *line, *save = NULL, sym[128];

	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (config_line(line, sym, sizeof(sym)))
			strlist_push_owned(out, xstrfmt("%s\t%s", sym, arch));
	free(copy);
}

/* Every Kconfig* under dir (recursively), its symbols tagged with arch. */
static void collect_arch_syms(struct kconfig *kc, const char *dir,
			      const char *arch)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = xstrfmt("%s/%s", dir, de->d_name);
		if (lstat(path, &st) < 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			collect_arch_syms(kc, path, arch);
		} else if (S_ISREG(st.st_mode) && is_kconfig_name(de->d_name)) {
			struct strbuf sb = STRBUF_INIT;

			if (read_regular_file(&sb, path, READ_NOFOLLOW) == 0)
				kconfig_text_symbols(sb.buf, arch, &kc->syms);
			strbuf_release(&sb);
		}
		free(path);
	}
	closedir(d);
}

static struct kconfig *kconfig_load(const char *tree)
{
	struct kconfig *kc = xcalloc(1, sizeof(*kc));
	char *archdir = xstrfmt("%s/arch", tree);
	DIR *d = opendir(archdir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char *path;

		if (de->d_name[0] == '.')
			continue;
		path = xstrfmt("%s/%s", archdir, de->d_name);
		collect_arch_syms(kc, path, de->d_name);
		free(path);
	}
	if (d)
		closedir(d);
	free(archdir);
	strlist_sort(&kc->syms);
	return kc;
}

/*
 * The one architecture that defines sym, or NULL: a symbol that several
 * architectures define (MMU, SMP, PCI ...) says nothing about where a
 * file builds.
 */
static const char *arch_of_symbol(const struct strlist *arch_syms,
				  const char *sym)
{
	size_t n = strlen(sym);
	const char *found = NULL;

	for (size_t i = 0; i < arch_syms->nr; i++) {
		const char *s = arch_syms->items[i];

		if (strncmp(s, sym, n) || s[n] != '\t')
			continue;
		if (found && strcmp(found, s + n + 1))
			return NULL;
		found = s + n + 1;
	}
	return found;
}

void kconfig_join_lines(struct strbuf *sb)
{
	/* one pass: a strstr() from the start each time was quadratic */
	for (size_t i = 0; i + 1 < sb->len; i++)
		if (sb->buf[i] == '\\' && sb->buf[i + 1] == '\n') {
			sb->buf[i++] = ' ';
			sb->buf[i] = ' ';
		}
}

/*
 * The file's text with backslash-newline continuations joined. A FIFO or
 * a link in the tree is not read: it could block us or lead out of it.
 */
static int read_joined(const char *path, struct strbuf *sb)
{
	if (read_regular_file(sb, path, READ_NOFOLLOW) < 0)
		return -1;
	kconfig_join_lines(sb);
	return 0;
}

void makefile_text_symbols(const char *text, const char *obj,
			   struct strlist *syms, char *composite, size_t n)
{
	const char *line = text;
	size_t olen = strlen(obj);

	composite[0] = '\0';
	while (line && *line) {
		const char *end = strchr(line, '\n'), *p = line, *hit = NULL;
		size_t len = end ? (size_t)(end - line) : strlen(line);

		while ((p = memmem(p, len - (size_t)(p - line), obj, olen))) {
			int left = p == line || isspace((unsigned char)p[-1]) ||
				   p[-1] == '=' || p[-1] == '/';
			int right = p + olen == line + len ||
				    isspace((unsigned char)p[olen]);

			if (left && right) {
				hit = p;
				break;
			}
			p += olen;
		}
		if (hit && line[0] != '#') {
			const char *c = line;
			size_t lhs = strcspn(line, " \t:+=");

			while ((c = memmem(c, len - (size_t)(c - line),
					   "CONFIG_", 7))) {
				size_t k = 7;

				while (isalnum((unsigned char)c[k]) || c[k] == '_')
					k++;
				strlist_push_owned(syms, xstrndup(c + 7, k - 7));
				c += k;
			}
			/* "idxd-y := ... cdev.o": built into idxd.o */
			if (lhs < len && strncmp(line, "obj-", 4)) {
				const char *dash = memchr(line, '-', lhs);

				if (dash && (size_t)(dash - line) + 1 < n) {
					memcpy(composite, line,
					       (size_t)(dash - line));
					composite[dash - line] = '\0';
				}
			}
			return;
		}
		line = end ? end + 1 : NULL;
	}
}

int kconfig_text_depends(const char *text, const char *sym,
			 struct strbuf *deps)
{
	char *copy = xstrdup(text), *line, *next, s[128];
	int in = 0, lineno = 0, at = 0;

	/* strtok_r would skip empty lines and miscount */
	for (line = copy; line; line = next) {
		char *p;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (config_line(line, s, sizeof(s))) {
			if (in)
				break;
			in = !strcmp(s, sym);
			at = lineno;
			continue;
		}
		if (!in)
			continue;
		p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!strncmp(p, "depends on", 10)) {
			strbuf_addf(deps, "%s%s", deps->len ? " && " : "",
				    p + 10);
		} else if (!strncmp(p, "endmenu", 7) ||
			   !strncmp(p, "endif", 5) ||
			   !strncmp(p, "choice", 6) ||
			   !strncmp(p, "menu ", 5) ||
			   !strncmp(p, "source", 6)) {
			break;
		}
	}
	free(copy);
	return in ? at : 0;
}

/* The depends-on text of "config sym" in the Kconfig* files of dir. */
static int kconfig_depends(const char *dir, const char *sym,
			   struct strbuf *deps, char **where)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	while (d && !found && (de = readdir(d))) {
		struct strbuf sb = STRBUF_INIT;
		char *path;
		int at;

		if (!is_kconfig_name(de->d_name))
			continue;
		path = xstrfmt("%s/%s", dir, de->d_name);
		if (read_joined(path, &sb) == 0 &&
		    (at = kconfig_text_depends(sb.buf, sym, deps))) {
			found = 1;
			*where = xstrfmt("%s:%d", path, at);
		}
		strbuf_release(&sb);
		free(path);
	}
	if (d)
		closedir(d);
	return found;
}

void depends_text_arches(const struct strlist *arch_syms, const char *deps,
			 struct strlist *arches, struct strlist *syms)
{
	const char *p = deps;

	while (*p) {
		size_t k = 0;
		int negated = 0;
		const char *q;

		if (!(isalnum((unsigned char)*p) || *p == '_')) {
			p++;
			continue;
		}
		while (isalnum((unsigned char)p[k]) || p[k] == '_')
			k++;
		/* "!UML": built where the symbol is off says nothing */
		for (q = p; q > deps && isspace((unsigned char)q[-1]); q--)
			;
		negated = q > deps && q[-1] == '!';
		if (!negated) {
			char *sym = xstrndup(p, k);
			const char *a = arch_of_symbol(arch_syms, sym);

			if (a) {
				if (!strlist_has(arches, a))
					strlist_push(arches, a);
				strlist_push(syms, sym);
			}
			free(sym);
		}
		p += k;
	}
}

/*
 * The symbols that build file: its own Makefile line, through one
 * composite object, then the line of the parent Makefile that descends
 * into its directory.
 */
static void build_symbols(const char *tree, const char *file,
			  struct strlist *syms)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/'), *base, *obj;
	struct strbuf mk = STRBUF_INIT;
	char composite[128], *path;

	if (!slash) {
		free(dir);
		return;
	}
	*slash = '\0';
	base = xstrdup(slash + 1);
	if (strrchr(base, '.'))
		*strrchr(base, '.') = '\0';
	obj = xstrfmt("%s.o", base);
	path = xstrfmt("%s/%s/Makefile", tree, dir);
	if (read_joined(path, &mk) == 0) {
		makefile_text_symbols(mk.buf, obj, syms, composite, sizeof(composite));
		if (!syms->nr && composite[0]) {
			char *cobj = xstrfmt("%s.o", composite);

			makefile_text_symbols(mk.buf, cobj, syms, composite,
					 sizeof(composite));
			free(cobj);
		}
	}
	strbuf_release(&mk);
	free(path);
	/* the directory itself: "obj-$(CONFIG_VHOST) += vhost/" above it */
	slash = strrchr(dir, '/');
	if (slash) {
		char *sub = xstrfmt("%s/", slash + 1);

		*slash = '\0';
		path = xstrfmt("%s/%s/Makefile", tree, dir);
		if (read_joined(path, &mk) == 0)
			makefile_text_symbols(mk.buf, sub, syms, composite,
					 sizeof(composite));
		strbuf_release(&mk);
		free(path);
		free(sub);
	}
	free(obj);
	free(base);
	free(dir);
}

void arches_buildable(struct arch_report *ar, const char *tree,
		      const char *file, struct strlist *out, char **how)
{
	struct strlist syms = STRLIST_INIT, arches = STRLIST_INIT;
	struct strlist why = STRLIST_INIT;
	struct strbuf sb = STRBUF_INIT;

	*how = NULL;
	if (!strncmp(file, "arch/", 5) && strchr(file + 5, '/')) {
		char *a = xstrndup(file + 5, strcspn(file + 5, "/"));

		if (strlist_has(&ar->critical, a))
			strlist_push(out, a);
		*how = xstrfmt("it sits in arch/%s", a);
		free(a);
		return;
	}
	if (!ar->critical.nr) {
		*how = xstrdup("this tree has none");
		return;
	}
	if (!ar->kconfig)
		ar->kconfig = kconfig_load(tree);
	build_symbols(tree, file, &syms);
	for (size_t i = 0; i < syms.nr && !arches.nr; i++) {
		/* the symbol's Kconfig is in the file's directory or above */
		char *dir = xstrdup(file), *slash;

		while ((slash = strrchr(dir, '/'))) {
			struct strbuf deps = STRBUF_INIT;
			char *path, *where = NULL;

			*slash = '\0';
			path = xstrfmt("%s/%s", tree, dir);
			if (kconfig_depends(path, syms.items[i], &deps, &where)) {
				depends_text_arches(&ar->kconfig->syms, deps.buf,
						    &arches, &why);
				if (arches.nr) {
					strbuf_addf(&sb, "%s depends on",
						    syms.items[i]);
					for (size_t k = 0; k < why.nr; k++)
						strbuf_addf(&sb, " %s", why.items[k]);
					strbuf_addf(&sb, " (%s)",
						    where + strlen(tree) + 1);
				}
				free(where);
				strbuf_release(&deps);
				free(path);
				break;
			}
			strbuf_release(&deps);
			free(path);
		}
		free(dir);
	}
	if (arches.nr) {
		for (size_t i = 0; i < arches.nr; i++)
			if (strlist_has(&ar->critical, arches.items[i]))
				strlist_push(out, arches.items[i]);
		*how = strbuf_detach(&sb, NULL);
	} else {
		for (size_t i = 0; i < ar->critical.nr; i++)
			strlist_push(out, ar->critical.items[i]);
		*how = xstrdup("no architecture dependency found: all");
		strbuf_release(&sb);
	}
	strlist_sort(out);
	strlist_clear(&syms);
	strlist_clear(&arches);
	strlist_clear(&why);
}
