/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TLB-critical architectures, learned from the tree: an architecture
 * is critical when its own code tests mm_users against 1 to skip a
 * cross-CPU TLB flush or IPI (the mm_users_readers patch classifies every
 * read). There, a borrowed mm without its own mm_users reference leaves
 * stale TLB entries behind. No architecture is named in this code.
 *
 * And on which of them a file can be built: the architecture directory it
 * sits in, else the Kconfig "depends on" of the symbol that builds it, when
 * that is easy to tell from its Makefile, else all.
 */
#ifndef MMCHECK_ARCHES_H
#define MMCHECK_ARCHES_H

#include "facts.h"
#include "strbuf.h"
#include "strlist.h"

struct arch_reader {
	char *arch;			/* "mips" */
	const struct fact *fact;	/* the mm-users-read fact */
	int critical;			/* a flush shortcut */
};

struct arch_report {
	struct arch_reader *items;	/* sorted by arch, file, line */
	size_t nr, alloc;
	struct strlist critical;	/* sorted, distinct arch names */
	int ran;			/* the arches patch ran at all */
	struct kconfig *kconfig;	/* loaded on first use */
};

/* The readers among the facts (sorted), and the critical arches. */
void arches_build(struct arch_report *ar, const struct fact_store *fs);
void arches_clear(struct arch_report *ar);

/*
 * The critical architectures file (relative to tree) can be built on,
 * into out (sorted); *how says why in one line (caller frees).
 */
void arches_buildable(struct arch_report *ar, const char *tree,
		      const char *file, struct strlist *out, char **how);

/*
 * Reading Kconfig and Makefile text: no I/O, nothing trusted about the
 * text (fuzz/fuzz-kconfig.c calls these on any bytes).
 */

/* Join backslash-newline continuations in place (into two spaces). */
void kconfig_join_lines(struct strbuf *sb);

/* "SYM\tarch" into out for each config and menuconfig line of text. */
void kconfig_text_symbols(const char *text, const char *arch,
			  struct strlist *out);

/*
 * The "depends on" lines of "config sym" in Kconfig text (joined), " && "
 * between them, appended to deps. Returns the line of "config sym", or 0
 * when text does not define sym.
 */
int kconfig_text_depends(const char *text, const char *sym,
			 struct strbuf *deps);

/*
 * The CONFIG_ symbols of the line of Makefile text (joined) that builds
 * obj ("cdev.o", or "vhost/" for a directory) into syms; composite (n
 * bytes) gets the composite object the line builds instead ("idxd" for
 * "idxd-y := cdev.o"), or "".
 */
void makefile_text_symbols(const char *text, const char *obj,
			   struct strlist *syms, char *composite, size_t n);

/*
 * The positive symbols of a depends-on expression that exactly one
 * architecture defines (arch_syms: sorted "SYM\tarch" lines) into syms,
 * and their architectures into arches.
 */
void depends_text_arches(const struct strlist *arch_syms, const char *deps,
			 struct strlist *arches, struct strlist *syms);

#endif
