// SPDX-License-Identifier: GPL-2.0-only
/*
 * The words of a fix series: the subject prefix a subsystem uses, the
 * commit message of one patch, and the cover letter. See fix.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "fix.h"
#include "usage.h"

/* "KVM: x86/xen: fix foo" -> "KVM: x86/xen"; NULL without a prefix. */
static char *prefix_of(const char *subject)
{
	const char *last = NULL, *p = subject;

	while ((p = strstr(p, ": "))) {
		/* a prefix has no spaces but after its own colons */
		const char *q = last ? last + 2 : subject;
		int word = 1;

		for (const char *c = q; c < p; c++)
			if (isspace((unsigned char)*c))
				word = 0;
		if (!word)
			break;
		last = p;
		p += 2;
	}
	return last ? xstrndup(subject, (size_t)(last - subject)) : NULL;
}

/* What the path says, when there is no history to learn from. */
static char *prefix_from_path(const char *file)
{
	char *d = xstrdup(file), *slash = strrchr(d, '/'), *out;

	if (slash)
		*slash = '\0';
	else
		d[0] = '\0';
	if (!strncmp(d, "arch/", 5)) {
		char *arch = d + 5, *s = strchr(arch, '/');
		const char *last = strrchr(d, '/') + 1;

		if (s)
			*s = '\0';
		out = s ? xstrfmt("%s/%s", arch, last) : xstrdup(arch);
	} else if (!strncmp(d, "drivers/", 8)) {
		const char *rest = d + 8;

		if (!strncmp(rest, "gpu/", 4))
			rest += 4;
		out = xstrdup(*rest ? rest : "drivers");
	} else if (!strncmp(d, "fs/", 3) && strchr(d + 3, '/') == NULL &&
		   d[3]) {
		out = xstrdup(d + 3);
	} else {
		const char *last = strrchr(d, '/');

		out = xstrdup(last ? last + 1 : *d ? d : "mm");
	}
	free(d);
	return out;
}

char *fix_subject_prefix(const char *tree, int is_git, const char *file)
{
	struct strbuf out = STRBUF_INIT;
	struct strlist prefixes = STRLIST_INIT;
	const char *args[] = { "log", "-n", "40", "--no-merges", "--format=%s",
			       "--", file, NULL };
	char *best = NULL, *line, *save = NULL;
	size_t best_n = 0;

	if (is_git && !run_git(tree, args, &out, NULL))
		for (line = strtok_r(out.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *p = prefix_of(line);

			if (p)
				strlist_push_owned(&prefixes, p);
		}
	/* the most used prefix; on a tie the most recent */
	for (size_t i = 0; i < prefixes.nr; i++) {
		size_t n = 0;

		for (size_t k = 0; k < prefixes.nr; k++)
			n += !strcmp(prefixes.items[i], prefixes.items[k]);
		if (n > best_n) {
			best_n = n;
			best = prefixes.items[i];
		}
	}
	best = best ? xstrdup(best) : prefix_from_path(file);
	strlist_clear(&prefixes);
	strbuf_release(&out);
	return best;
}

/* Append text wrapped at 72 columns, as commit messages are. */
void wrap_text(struct strbuf *sb, const char *text)
{
	size_t col = 0;
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, " \n");

		if (col && col + 1 + n > 72) {
			strbuf_addch(sb, '\n');
			col = 0;
		} else if (col) {
			strbuf_addch(sb, ' ');
			col++;
		}
		strbuf_add(sb, p, n);
		col += n;
		p += n;
		if (*p == '\n') {
			strbuf_addch(sb, '\n');
			col = 0;
		}
		while (*p == ' ' || *p == '\n') {
			if (p[0] == '\n' && p[1] == '\n')
				strbuf_addch(sb, '\n');
			p++;
		}
	}
	strbuf_addch(sb, '\n');
}

static void arch_list(struct strbuf *sb, const struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		strbuf_addf(sb, "%s%s", i ? (i + 1 == l->nr ? " and " : ", ")
					  : "", l->items[i]);
}

char *fix_commit_message(const struct fix_ctx *cx, const struct use_site *u,
			 size_t nsites, const char *prefix, const char *fixes)
{
	const struct fact *f = u->use;
	struct strbuf sb = STRBUF_INIT, para = STRBUF_INIT;
	const char *unuse = !strcmp(f->api, "use_mm") ? "unuse_mm"
						       : "kthread_unuse_mm";

	strbuf_addf(&sb, "%s: hold an mm_users reference across %s()\n\n",
		    prefix, f->api);
	strbuf_addf(&para, "%s() in %s borrows %s with %s(), but %s is "
		    "pinned only by mmgrab(): mmgrab() keeps the struct "
		    "mm_struct, not the address space. Once the owner exits "
		    "and mm_users drops to zero, the page tables and VMAs are "
		    "torn down under the borrowed mm.", f->function, f->file,
		    f->mm, f->api, f->mm);
	if (nsites > 1)
		strbuf_addf(&para, " The same holds for the other %zu uses in "
			    "this file.", nsites - 1);
	wrap_text(&sb, para.buf);
	strbuf_reset(&para);
	strbuf_addch(&sb, '\n');
	if (cx->critical->nr) {
		strbuf_addstr(&para, "On ");
		arch_list(&para, cx->critical);
		strbuf_addstr(&para, ", the architectures in this tree whose TLB "
			      "code skips the cross-CPU flush while mm_users is "
			      "1, a borrowed mm without its own mm_users "
			      "reference also leaves stale TLB entries behind. ");
		if (u->arches.nr) {
			strbuf_addstr(&para, "This code builds on ");
			arch_list(&para, &u->arches);
			strbuf_addstr(&para, ".");
		} else {
			strbuf_addf(&para, "This code builds on none of them "
				    "(%s).", u->arches_how ? u->arches_how : "?");
		}
		wrap_text(&sb, para.buf);
		strbuf_reset(&para);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addf(&para, "Take mm_users with mmget_not_zero() before the "
		    "use, bail out as the function already does when the mm "
		    "is gone, and drop it with mmput() after %s().", unuse);
	wrap_text(&sb, para.buf);
	strbuf_addch(&sb, '\n');
	strbuf_addstr(&sb, "Evidence:\n");
	for (size_t k = 0; k < u->nevidence; k++)
		strbuf_addf(&sb, "  %s:%d: %s\n", u->evidence[k].file,
			    u->evidence[k].line, u->evidence[k].what);
	strbuf_addch(&sb, '\n');
	if (fixes)
		strbuf_addf(&sb, "Fixes: %s\n", fixes);
	strbuf_addf(&sb, "Link: mmcheck rule %s (mmcheck explain %s)\n",
		    u->findings[0].rule->id, u->findings[0].rule->id);
	strbuf_release(&para);
	return strbuf_detach(&sb, NULL);
}

char *fix_cover_blurb(const struct fix_ctx *cx, const char *subsys,
		      size_t npatches)
{
	struct strbuf sb = STRBUF_INIT, para = STRBUF_INIT;

	strbuf_addf(&para, "mmcheck found %zu place%s in %s where a kernel "
		    "thread borrows an mm with kthread_use_mm() or use_mm() "
		    "while only mmgrab() pins it. mmgrab() keeps the struct "
		    "mm_struct; only an mm_users reference (mmget(), a checked "
		    "mmget_not_zero(), get_task_mm()) keeps the address space.",
		    npatches, npatches == 1 ? "" : "s", subsys);
	wrap_text(&sb, para.buf);
	strbuf_reset(&para);
	strbuf_addch(&sb, '\n');
	if (cx->critical->nr) {
		strbuf_addstr(&para, "TLB-critical architectures in this tree "
			      "(their flush code skips remote CPUs while "
			      "mm_users is 1): ");
		arch_list(&para, cx->critical);
		strbuf_addstr(&para, ".");
		wrap_text(&sb, para.buf);
		strbuf_addch(&sb, '\n');
	}
	strbuf_addstr(&sb, "The patches were written by mmcheck's semantic "
		      "patches and are not signed off:\nreview each one, then "
		      "add your Signed-off-by.\n");
	strbuf_release(&para);
	return strbuf_detach(&sb, NULL);
}
