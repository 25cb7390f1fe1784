/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcheck fix: per subsystem, a git format-patch series that fixes the
 * use sites mmgrab() alone pins, written by the uses semantic patch's
 * patch mode and checked before it is kept (cmd-fix.c); the words of the
 * series (fix-message.c).
 */
#ifndef MMCHECK_FIX_H
#define MMCHECK_FIX_H

#include "strbuf.h"
#include "strlist.h"
#include "verdict.h"

struct fix_ctx {
	const struct strlist *critical;	/* the tree's TLB-critical arches */
};

/*
 * The prefix of the subsystem's subjects ("vhost", "KVM: x86/xen"): the
 * most used one in git log of file when the tree is a git repository,
 * else one made from the path. Caller frees.
 */
char *fix_subject_prefix(const char *tree, int is_git, const char *file);

/* The commit message of the patch for u (and nsites - 1 more uses). */
char *fix_commit_message(const struct fix_ctx *cx, const struct use_site *u,
			 size_t nsites, const char *prefix, const char *fixes);

/* The cover letter's text. */
char *fix_cover_blurb(const struct fix_ctx *cx, const char *subsys,
		      size_t npatches);

/* Append text wrapped at 72 columns; blank lines separate paragraphs. */
void wrap_text(struct strbuf *sb, const char *text);

#endif
