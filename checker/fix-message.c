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

/*
 * The prefixes the kernel uses where git log cannot tell (a tree
 * unpacked from a tarball): the longest path prefix wins.
 */
static const struct known_prefix {
	const char *path, *prefix;
} known_prefixes[] = {
	{ "arch/x86/kvm/xen.c", "KVM: x86/xen" },
	{ "arch/x86/kvm/", "KVM: x86" },
	{ "arch/s390/kvm/", "KVM: s390" },
	{ "arch/powerpc/kvm/", "KVM: PPC" },
	{ "arch/powerpc/platforms/book3s/vas", "powerpc/vas" },
	{ "arch/powerpc/platforms/powernv/vas", "powerpc/vas" },
	{ "arch/powerpc/platforms/pseries/vas", "powerpc/pseries/vas" },
	{ "drivers/dma/idxd/", "dmaengine: idxd" },
	{ "drivers/gpu/drm/amd/amdgpu/", "drm/amdgpu" },
	{ "drivers/gpu/drm/amd/amdkfd/", "drm/amdkfd" },
	{ "drivers/gpu/drm/i915/", "drm/i915" },
	{ "drivers/vhost/", "vhost" },
	{ "drivers/vfio/", "vfio" },
	{ "drivers/iommu/", "iommu" },
	{ "drivers/usb/gadget/", "usb: gadget" },
	{ "fs/bcachefs/", "bcachefs" },
	{ "fs/aio.c", "fs/aio" },
	{ "io_uring/", "io_uring" },
	{ "mm/", "mm" },
};

static const char *known_prefix(const char *file)
{
	const char *best = NULL;
	size_t best_len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(known_prefixes); i++) {
		size_t n = strlen(known_prefixes[i].path);

		if (!strncmp(file, known_prefixes[i].path, n) && n > best_len) {
			best = known_prefixes[i].prefix;
			best_len = n;
		}
	}
	return best;
}

/* The most used prefix of git log of file; on a tie the most recent. */
static char *history_prefix(const char *tree, const char *file)
{
	struct strbuf out = STRBUF_INIT;
	struct strlist prefixes = STRLIST_INIT;
	const char *args[] = { "log", "-n", "40", "--no-merges", "--format=%s",
			       "--", file, NULL };
	char *best = NULL, *line, *save = NULL;
	size_t best_n = 0;

	if (!run_git(tree, args, &out, NULL))
		for (line = strtok_r(out.buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *p = prefix_of(line);

			if (p)
				strlist_push_owned(&prefixes, p);
		}
	for (size_t i = 0; i < prefixes.nr; i++) {
		size_t n = 0;

		for (size_t k = 0; k < prefixes.nr; k++)
			n += !strcmp(prefixes.items[i], prefixes.items[k]);
		if (n > best_n) {
			best_n = n;
			best = prefixes.items[i];
		}
	}
	best = best ? xstrdup(best) : NULL;
	strlist_clear(&prefixes);
	strbuf_release(&out);
	return best;
}

/*
 * The MAINTAINERS entry's own prefix when its name is one word or a
 * "WORD SUBSYSTEM" that the kernel uses lower case ("VHOST", "IOMMU").
 */
static char *entry_prefix(const struct maint_entry *e)
{
	char *s, *sp;

	if (!e || !e->name || strlen(e->name) > 24)
		return NULL;
	s = xstrdup(e->name);
	sp = strchr(s, ' ');
	if (sp && (strcmp(sp + 1, "DRIVER") && strcmp(sp + 1, "SUBSYSTEM") &&
		   strcmp(sp + 1, "DRIVERS"))) {
		free(s);
		return NULL;
	}
	if (sp)
		*sp = '\0';
	for (char *c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

char *fix_subject_prefix(const char *tree, int is_git, const char *file,
			 const struct maint_entry *e)
{
	char *p = is_git ? history_prefix(tree, file) : NULL;

	if (!p && known_prefix(file))
		p = xstrdup(known_prefix(file));
	if (!p)
		p = entry_prefix(e);
	return p ? p : prefix_from_path(file);
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

static const char *unuse_of(const struct fact *f)
{
	if (!strcmp(f->api, "mmap_read_lock"))
		return "mmap_read_unlock";
	if (!strcmp(f->api, "mmap_write_lock"))
		return "mmap_write_unlock";
	return !strcmp(f->api, "use_mm") ? "unuse_mm" : "kthread_unuse_mm";
}

static void add_subject(struct strbuf *sb, const struct fix_site *s,
			const char *prefix)
{
	const struct fact *f = s->u->use;

	switch (s->shape) {
	case SHAPE_CHECK:
		strbuf_addf(sb, "%s: check the result of mmget_not_zero() in "
			    "%s()\n\n", prefix, f->function);
		break;
	case SHAPE_PUT_ORDER:
		strbuf_addf(sb, "%s: drop the mm reference after %s() in "
			    "%s()\n\n", prefix, unuse_of(f), f->function);
		break;
	case SHAPE_UNUSE:
		strbuf_addf(sb, "%s: unuse the mm before returning from "
			    "%s()\n\n", prefix, f->function);
		break;
	case SHAPE_LIVE:
		strbuf_addf(sb, "%s: hold an mm_users reference in %s()\n\n",
			    prefix, f->function);
		break;
	default:
		strbuf_addf(sb, "%s: hold an mm_users reference across "
			    "%s()\n\n", prefix, f->api);
	}
}

/* What is wrong, in the words of the shape. */
static void add_problem(struct strbuf *para, const struct fix_site *s,
			size_t nsites)
{
	const struct fact *f = s->u->use;

	switch (s->shape) {
	case SHAPE_CHECK:
		strbuf_addf(para, "%s() in %s calls mmget_not_zero(%s) and "
			    "ignores its result. When mm_users was already "
			    "zero it takes no reference: %s() then borrows an "
			    "address space that is being torn down, and the "
			    "mmput() after the use drops a reference that was "
			    "never taken.", f->function, f->file, f->mm,
			    f->api);
		break;
	case SHAPE_PUT_ORDER:
		strbuf_addf(para, "%s() in %s drops its mm_users reference "
			    "with mmput(%s) while the mm is still in use by "
			    "%s(). If that was the last reference, the page "
			    "tables and VMAs are torn down under the borrowed "
			    "mm before %s().", f->function, f->file, f->mm,
			    f->api, unuse_of(f));
		break;
	case SHAPE_UNUSE:
		strbuf_addf(para, "A path out of %s() in %s returns while %s "
			    "is still in use by %s(): the kernel thread keeps "
			    "the borrowed mm as its active mm after the "
			    "function is done with it, and a reference taken "
			    "for the use is not dropped on that path.",
			    f->function, f->file, f->mm, f->api);
		break;
	case SHAPE_LIVE:
		strbuf_addf(para, "%s() in %s runs in a %s and takes the mmap "
			    "lock of %s with %s(), but %s is pinned only by "
			    "mmgrab(): mmgrab() keeps the struct mm_struct, "
			    "not the address space. Once the owner exits and "
			    "mm_users drops to zero, exit_mmap() tears down "
			    "the VMAs and page tables that the worker walks.",
			    f->function, f->file,
			    !strcmp(fact_str(f, "context"), "work") ?
			    "work item" : "kernel thread",
			    f->mm, f->api, f->mm);
		break;
	default:
		strbuf_addf(para, "%s() in %s borrows %s with %s(), but %s is "
			    "pinned only by mmgrab(): mmgrab() keeps the struct "
			    "mm_struct, not the address space. Once the owner "
			    "exits and mm_users drops to zero, the page tables "
			    "and VMAs are torn down under the borrowed mm.",
			    f->function, f->file, f->mm, f->api, f->mm);
		if (nsites > 1)
			strbuf_addf(para, " The same holds for the other %zu "
				    "uses in this file.", nsites - 1);
	}
}

/* What the patch does. */
static void add_change(struct strbuf *para, const struct fix_site *s)
{
	const struct fact *f = s->u->use;
	int releases = s->bail && strchr(s->bail, '(');

	switch (s->shape) {
	case SHAPE_CHECK:
		strbuf_addstr(para, "Test the result and bail out as the "
			      "function already does when it cannot go on.");
		break;
	case SHAPE_PUT_ORDER:
		strbuf_addf(para, "Move the mmput() after %s().",
			    unuse_of(f));
		break;
	case SHAPE_UNUSE:
		if (s->bail && !strncmp(s->bail, "goto ", 5)) {
			strbuf_addf(para, "Jump to the function's own exit "
				    "instead (%.*s), which calls %s() and drops "
				    "the reference as the other paths do.",
				    (int)strcspn(s->bail, ";"), s->bail,
				    unuse_of(f));
			break;
		}
		strbuf_addf(para, "Call %s() on that path before returning, "
			    "and mmput() too when the function drops its "
			    "reference after the use, as the other paths do.",
			    unuse_of(f));
		break;
	case SHAPE_LIVE:
		strbuf_addf(para, "Take mm_users with mmget_not_zero() before "
			    "%s(), bail out as the function already does "
			    "when it cannot go on%s, and drop it with mmput() "
			    "after %s().", f->api, releases ? ", releasing "
			    "what it took before" : "", unuse_of(f));
		break;
	default:
		strbuf_addf(para, "Take mm_users with mmget_not_zero() before "
			    "the use, bail out as the function already does "
			    "when the mm is gone%s, and drop it with mmput() "
			    "after %s().", releases ? ", releasing what it "
			    "took before the use" : "", unuse_of(f));
	}
}

static void add_arches(struct strbuf *sb, const struct fix_ctx *cx,
		       const struct use_site *u)
{
	struct strbuf para = STRBUF_INIT;

	if (!cx->critical->nr)
		return;
	strbuf_addstr(&para, "On ");
	arch_list(&para, cx->critical);
	strbuf_addstr(&para, ", the architectures in this tree whose TLB "
		      "code skips the cross-CPU flush while mm_users is 1, a "
		      "borrowed mm without its own mm_users reference also "
		      "leaves stale TLB entries behind. ");
	if (u->arches.nr) {
		strbuf_addstr(&para, "This code builds on ");
		arch_list(&para, &u->arches);
		strbuf_addstr(&para, ".");
	} else {
		strbuf_addf(&para, "This code builds on none of them (%s).",
			    u->arches_how ? u->arches_how : "?");
	}
	wrap_text(sb, para.buf);
	strbuf_addch(sb, '\n');
	strbuf_release(&para);
}

char *fix_commit_message(const struct fix_ctx *cx, const struct fix_site *s,
			 size_t nsites, const char *prefix, const char *fixes)
{
	const struct use_site *u = s->u;
	struct strbuf sb = STRBUF_INIT, para = STRBUF_INIT;

	add_subject(&sb, s, prefix);
	add_problem(&para, s, nsites);
	wrap_text(&sb, para.buf);
	strbuf_addch(&sb, '\n');
	if (s->shape == SHAPE_HOLD)
		add_arches(&sb, cx, u);
	strbuf_reset(&para);
	add_change(&para, s);
	wrap_text(&sb, para.buf);
	strbuf_addch(&sb, '\n');
	strbuf_reset(&para);
	strbuf_addf(&para, "Found by mmcheck, rule %s (mmcheck explain %s), "
		    "from:", s->rule, s->rule);
	wrap_text(&sb, para.buf);
	for (size_t k = 0; k < u->nevidence; k++) {
		strbuf_reset(&para);
		strbuf_addf(&para, "- %s:%d: %s", u->evidence[k].file,
			    u->evidence[k].line, u->evidence[k].what);
		wrap_text(&sb, para.buf);
	}
	if (fixes)
		strbuf_addf(&sb, "\nFixes: %s\n", fixes);
	strbuf_release(&para);
	return strbuf_detach(&sb, NULL);
}

char *fix_pin_message(const struct fix_site *s, const char *prefix,
		      const char *fixes)
{
	const struct fact *st = s->store, *f = s->u->use;
	const char *lhs = fact_str(st, "lhs"), *rhs = fact_str(st, "rhs");
	struct strbuf sb = STRBUF_INIT, para = STRBUF_INIT;

	strbuf_addf(&sb, "%s: pin the mm stored in %s\n\n", prefix,
		    lhs ? lhs : "the object");
	strbuf_addf(&para, "%s() stores %s in %s without taking any count, "
		    "and %s() in %s later borrows it with %s(). Nothing keeps "
		    "the struct mm_struct alive in between: once the process "
		    "exits, the mm may be freed and the use reads freed "
		    "memory.", st->function, rhs ? rhs : "the mm",
		    lhs ? lhs : "the object", f->function, f->file, f->api);
	wrap_text(&sb, para.buf);
	strbuf_addch(&sb, '\n');
	strbuf_reset(&para);
	strbuf_addf(&para, "Take mm_count with mmgrab() at the store and drop "
		    "it with mmdrop() where the object is freed. The next "
		    "patch takes mm_users across the use.");
	wrap_text(&sb, para.buf);
	strbuf_addch(&sb, '\n');
	strbuf_reset(&para);
	strbuf_addf(&para, "Found by mmcheck, rule %s (mmcheck explain %s), "
		    "from:", s->rule, s->rule);
	wrap_text(&sb, para.buf);
	for (size_t k = 0; k < s->u->nevidence; k++) {
		strbuf_reset(&para);
		strbuf_addf(&para, "- %s:%d: %s", s->u->evidence[k].file,
			    s->u->evidence[k].line, s->u->evidence[k].what);
		wrap_text(&sb, para.buf);
	}
	if (fixes)
		strbuf_addf(&sb, "\nFixes: %s\n", fixes);
	strbuf_release(&para);
	return strbuf_detach(&sb, NULL);
}

char *fix_cover_blurb(const struct fix_ctx *cx, const char *subsys,
		      size_t npatches)
{
	struct strbuf sb = STRBUF_INIT, para = STRBUF_INIT;

	strbuf_addf(&para, "These %zu patches fix how code of %s borrows an "
		    "mm with kthread_use_mm() or use_mm(): only an mm_users "
		    "reference (mmget(), a checked mmget_not_zero(), "
		    "get_task_mm()) keeps the address space; mmgrab() keeps "
		    "only the struct mm_struct, and an mm stored with no count "
		    "at all may be freed under the use. Each patch says which "
		    "mmcheck rule found it.", npatches, subsys);
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
	wrap_text(&sb, "The patches were written by mmcheck's semantic "
		  "patches and are not signed off: review each one, then "
		  "add your Signed-off-by.");
	strbuf_release(&para);
	return strbuf_detach(&sb, NULL);
}
