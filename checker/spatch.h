/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The spatch stage: which spatch, is it new enough, which semantic patches
 * to run on which files, and how to call it for the driver's fact mode.
 */
#ifndef MMCHECK_SPATCH_H
#define MMCHECK_SPATCH_H

#include "prefilter.h"
#include "strlist.h"

#define SPATCH_MIN_VERSION "1.1.0"

/*
 * What the driver does with a semantic patch, from its "// Mmcheck:" line:
 * uses are run on the files with its keywords and again on the callers of
 * the wrappers found; live uses once, on their keywords, and their struct
 * fields join the uses' for the stores; stores only on the files that may
 * fill the struct fields the uses read; arches only on the files under
 * arch/; locks like a plain patch (with their regex and follow lines);
 * lockctx only in the lockctx round, on the files of the lock findings;
 * fix is never part of a scan (mmcheck fix runs it by its path).
 * Without the line a patch runs once, on its keywords.
 */
enum sempatch_role {
	SP_PLAIN, SP_USES, SP_STORES, SP_LIVE, SP_ARCHES, SP_LOCKS, SP_LOCKCTX,
	SP_FIX
};

/* "uses" -> SP_USES ...; anything unknown is SP_PLAIN. */
enum sempatch_role sempatch_role_parse(const char *s);

struct sempatch {
	char *path;		/* absolute path of the .cocci */
	char *name;		/* file name without directory */
	struct strlist keywords;	/* from its "// Keywords:" header line */
	enum sempatch_role role;
	/*
	 * "// Mmcheck-regex: PCRE": in the first round, a file must also
	 * match it (keywords are a poor filter for lock patterns).
	 * "// Mmcheck-follow: KIND": then run again on the files that name a
	 * struct of the KIND facts' keys (struct-fact prefilter).
	 * "// Mmcheck-grab-regex: PCRE": a file that a round picks because
	 * it calls mmgrab() must also match it: the grab round of a stores
	 * patch (run when a live patch runs too), the live round's mmgrab()
	 * files.
	 */
	struct regex *regex;
	struct regex *grab_regex;
	char *follow;
};

struct sempatch_set {
	struct sempatch *items;
	size_t nr, alloc;
};

/* The spatch to run: $SPATCH, else "spatch". */
const char *spatch_program(void);

/*
 * The Python interpreter spatch's scripts run in: $MMCHECK_PYTHON (empty:
 * none), else the python3 installed beside spatch (/usr/bin/python3 for
 * /usr/bin/spatch), else NULL and spatch looks for one itself. Without
 * --python spatch asks the first python3 on $PATH where its library is;
 * a pyenv shim there costs a dozen processes per spatch start, and the
 * interpreter of another Python than the one spatch was built for may
 * not load at all.
 */
const char *spatch_python(void);

/* Append "--python PATH" when spatch_python() names one. */
void spatch_push_python(struct strlist *argv);

/*
 * Check that spatch runs and is at least SPATCH_MIN_VERSION; on success
 * *version holds its version (caller frees). -1 after an error message.
 */
int spatch_check(char **version);

/* Parse "spatch version 1.1.1 compiled with ..." into "1.1.1"; NULL if not. */
char *spatch_parse_version(const char *banner);
/* strverscmp()-style comparison of dotted versions. */
int version_cmp(const char *a, const char *b);

/* Load every *.cocci in dir, sorted by name. -1 after an error message. */
int sempatch_load_dir(const char *dir, struct sempatch_set *set);
void sempatch_set_clear(struct sempatch_set *set);

/*
 * Append the argv that runs sp in fact mode on file (relative to cwd), or,
 * with file NULL, on the file groups that come on stdin (batch.h).
 */
void spatch_fact_argv(struct strlist *argv, const struct sempatch *sp,
		      const char *file);

/*
 * 1 if spatch's stderr (from the argv above) says it could not parse code
 * that holds one of the keywords: a use there was never analysed. *line
 * is the first parse error's line, or 0.
 */
int spatch_hidden_keyword(const char *err, const struct strlist *keywords,
			  int *line);

#endif
