/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcheck fix: per subsystem, a git format-patch series that fixes the
 * unsafe uses of kthread_use_mm() the scan found. The stages, one file
 * each: which finding gets which fix (fix-select.c), the code change by
 * smpl/fix_use_mm.cocci in a scratch repository (fix-apply.c), the
 * compile of each patched file (fix-build.c), the commits of one
 * subsystem's series (fix-series.c), the mails and their checks
 * (fix-mail.c), their words (fix-message.c), and the front-end
 * (cmd-fix.c).
 */
#ifndef MMCHECK_FIX_H
#define MMCHECK_FIX_H

#include "maintainers.h"
#include "progress.h"
#include "strbuf.h"
#include "strlist.h"
#include "verdict.h"

/* The code change, one per finding (smpl/fix_use_mm.cocci's SHAPE). */
enum fix_shape {
	SHAPE_NONE,
	SHAPE_HOLD,		/* mmgrab() only: a checked mmget_not_zero() */
	SHAPE_CHECK,		/* an ignored mmget_not_zero(): test it */
	SHAPE_PUT_ORDER,	/* mmput() before the unuse: move it after */
	SHAPE_UNUSE,		/* a return in use: unuse (and put) first */
	SHAPE_PIN,		/* unreferenced: pin the store, then hold */
	SHAPE_LIVE,		/* a live use, mmgrab() only: hold the lock span */
};

const char *fix_shape_name(enum fix_shape s);

struct fix_site {
	struct use_site *u;
	enum fix_shape shape;
	const char *rule;	/* the rule id the fix is for */
	char *why;		/* no patch, and why; NULL: a candidate */
	char *bail;		/* the bail-out the semantic patch chose */
	char *patch;		/* the patch file in DIR, once written */
	char *pin_patch;	/* SHAPE_PIN: the patch that pins the store */
	const struct fix_site *inside;	/* a wrapper call: the wrapper's fix */
	const struct fact *store;	/* SHAPE_PIN: the store to pin */
	int line;		/* the use's line in the scratch copy now */
	int commit, pin_commit;	/* their commits in the series, or -1 */
	int candidate;		/* handed to the semantic patch */
	int patched;
};

struct fix_ctx {
	const struct strlist *critical;	/* the tree's TLB-critical arches */
};

struct fix_state {
	const char *tree;
	int is_git;
	char *sp_path;			/* smpl/fix_use_mm.cocci */
	char *pin_path;			/* smpl/pin_mm_store.cocci */
	size_t commits;			/* in the series being made */
	struct fix_ctx cx;
	char *work;			/* DIR's scratch twin */
	char *tree_key;			/* the scanned tree's state */
	int build;			/* compile each patch (not --no-build) */
	struct progress *progress;	/* findings tried, of the candidates */
	size_t tried;
	int jobs;
	struct strbuf summary;
	struct strbuf build_log;	/* what the compile step did, for DIR */
	size_t npatches, nseries;
};

/* fix-select.c: the shape of the fix for u, or SHAPE_NONE and *why. */
enum fix_shape fix_select(const struct use_site *u, const char **rule,
			  char **why);

/* fix-series.c: the series of one subsystem, sites all in it. */
void fix_subsystem(struct fix_state *st, const struct maint_entry *e,
		   struct fix_site **sites, size_t n);

/* fix-apply.c */
/* A scratch git repository holding a copy of each site's file (and of
 * the file of each store to pin), committed and tagged "base". */
char *fix_repo_create(const struct fix_state *st, const char *name,
		      struct fix_site **sites, size_t n);
/*
 * Fix what can be fixed in sites (all in one file) in repo, check it and
 * leave it uncommitted; the sites that cannot get their why. Returns the
 * number of sites fixed.
 */
size_t fix_apply_file(const struct fix_state *st, const char *repo,
		      struct fix_site **sites, size_t n);
/*
 * Pin s->store (smpl/pin_mm_store.cocci), uncommitted; 0, or -1 and
 * s->why. *frees gets the lines of the frees it drops the pin at.
 */
int fix_pin_store(const struct fix_state *st, const char *repo,
		  struct fix_site *s);
/* Where line of file (as in TREE) is now in repo, after its commits. */
int fix_map_line(const char *repo, const char *file, int line);
int fix_git(const char *dir, const char *const *args, struct strbuf *out);

/* fix-build.c */
/*
 * Compile file as it is in repo, in a configured build of st->tree for
 * the architecture the file builds on. 0 if it compiled; -1 if it did
 * not, -2 if it could not be tried (no compiler, no configuration); why
 * says what went wrong.
 * *how gets the command run (caller frees).
 */
int fix_build_file(struct fix_state *st, const char *repo, const char *file,
		   char **how, char **why);

/* fix-mail.c */
/*
 * The commits HEAD~n..HEAD of repo as mails in outdir: To/Cc per patch,
 * a cover letter only for two patches or more (e: MAINTAINERS entry,
 * for the addresses when the tree has no get_maintainer.pl). Each mail
 * is checked with the tree's checkpatch.pl, the outcome goes in the
 * summary. patches gets the mails' paths, the cover letter left out.
 * Returns 0, or -1 when a mail failed its checks.
 */
int fix_mail_series(struct fix_state *st, const char *repo,
		    const char *outdir, const struct maint_entry *e,
		    const char *subsys, size_t n, struct strlist *patches);
/* "Fixes: 123456789abc ("subject")", or NULL: see fix-mail.c. */
char *fix_fixes_line(const struct fix_state *st, const struct fact *f);

/* fix-message.c */
/*
 * The prefix of the subsystem's subjects ("KVM: x86/xen"): the most used
 * one in git log of file when the tree is a git repository, else a known
 * one for the file or its MAINTAINERS entry, else one made from the path.
 * Caller frees.
 */
char *fix_subject_prefix(const char *tree, int is_git, const char *file,
			 const struct maint_entry *e);

/* The commit message of the patch for s (and nsites - 1 more uses). */
char *fix_commit_message(const struct fix_ctx *cx, const struct fix_site *s,
			 size_t nsites, const char *prefix, const char *fixes);

/* The commit message of the patch that pins s->store. */
char *fix_pin_message(const struct fix_site *s, const char *prefix,
		      const char *fixes);

/* The cover letter's text. */
char *fix_cover_blurb(const struct fix_ctx *cx, const char *subsys,
		      size_t npatches);

/* Append text wrapped at 72 columns; blank lines separate paragraphs. */
void wrap_text(struct strbuf *sb, const char *text);

#endif
