// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lockctx round: the facts lockctx.c judges a lock finding with (who
 * else takes the lock, from what context, what the free waits for).
 *
 * Its first run takes, for each lock finding (an unlock-free with strong
 * evidence, a decide side that does not wait), the files of its
 * directory that name its struct and lock its lock field: the users of
 * the lock, and the calls, quiescing calls and entries of those
 * files. Each later run walks the call graph one step
 * up: the files that name a function found (another user of the lock, a
 * caller of a function followed), looked for in the directories where
 * those facts are, which keeps a driver's call graph to the driver
 * instead of a token scan of the whole tree per step. The patch runs
 * once a file whatever the round: its facts do not depend on the step.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "callgraph.h"
#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"
#include "walk-pick.h"

/* Names a step looks for, at most: a widely called helper stops here. */
#define MAX_CALLEES 48

/* The names the round followed are kept in st->followed as "ctx:NAME". */
static int followed(struct scan_state *st, const char *name, int mark)
{
	char *id = xstrfmt("ctx:%s", name);
	int had = strlist_has(&st->followed, id);

	if (!had && mark)
		strlist_push_owned(&st->followed, id);
	else
		free(id);
	return had;
}

static int lock_finding(const struct fact *f)
{
	const char *strength = fact_str(f, "strength");

	if (f->kind == FACT_UNLOCK_FREE)
		return strength && !strcmp(strength, "strong");
	return f->kind == FACT_LOCK_DECIDE && !fact_waits(f);
}

/* "struct T ->a.lock" -> "lock" */
static void push_field(struct strlist *fields, const char *key)
{
	const char *e = key + strlen(key), *b = e;

	while (b > key && (b[-1] == '_' || isalnum((unsigned char)b[-1])))
		b--;
	if (b < e && !strlist_has(fields, b))
		strlist_push(fields, b);
}

/*
 * The first step's regex: a lock call on one of the findings' lock
 * fields, "mutex_lock(&x->dev_mutex" (the other users sit where that is).
 */
static struct regex *lock_regex(const struct strlist *fields)
{
	return walk_alternation_regex("\\b(?:\\w*lock\\w*|down_\\w+)"
				      "\\s*\\(\\s*&[^;]*?(?:->|\\.)\\s*",
				      fields, "\\s*[,)]");
}

/* The key of lock finding f, its struct tag, function, field, directory. */
static void finding_keys_of(const struct fact *f, struct strlist *keys,
			    struct strlist *tags, struct strlist *names,
			    struct strlist *fields, struct strlist *dirs)
{
	size_t n;

	if (!strlist_has(keys, f->key))
		strlist_push(keys, f->key);
	n = strcspn(f->key + 7, " ");
	if (n) {
		char *tag = xstrndup(f->key + 7, n);

		if (strlist_has(tags, tag))
			free(tag);
		else
			strlist_push_owned(tags, tag);
	}
	if (!strlist_has(names, f->function))
		strlist_push(names, f->function);
	walk_push_dir(dirs, f->file);
	push_field(fields, f->key);
}

/* The keys of the lock findings, and their struct tags, their functions. */
static void finding_keys(const struct fact_store *fs, struct strlist *keys,
			 struct strlist *tags, struct strlist *names,
			 struct strlist *fields, struct strlist *dirs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];

		if (lock_finding(f) && f->key && !strncmp(f->key, "struct ", 7))
			finding_keys_of(f, keys, tags, names, fields, dirs);
	}
}

/* Does f (a ctx-calls fact) call a function the round followed? */
static int calls_followed(struct scan_state *st, const struct fact *f)
{
	const char *callee;

	for (size_t i = 0; (callee = fact_list_str(f, "callees", i)); i++)
		if (followed(st, callee, 0))
			return 1;
	return 0;
}

/*
 * The next step up: the other users of the keys and the callers of the
 * functions followed, not followed yet, and the directories they are in.
 */
static void next_names(struct scan_state *st, const struct strlist *keys,
		       struct strlist *names, struct strlist *dirs)
{
	const struct fact_store *fs = &st->r->facts;
	struct strlist found[2] = { STRLIST_INIT, STRLIST_INIT };

	/*
	 * The users first, then the callers, each sorted: facts arrive in
	 * the order their runs end, and the names a step takes must not
	 * depend on it.
	 */
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *key = fact_str(f, "key");
		int caller = ctx_is_kind(f, "ctx-calls") &&
			     calls_followed(st, f);

		if (!caller && !(ctx_is_kind(f, "ctx-lock") && key &&
				 strlist_has(keys, key)))
			continue;
		if (!walk_in_dirs(dirs, f->file) ||
		    followed(st, f->function, 0) ||
		    strlist_has(&found[caller], f->function))
			continue;
		strlist_push(&found[caller], f->function);
	}
	for (int k = 0; k < 2; k++) {
		strlist_sort(&found[k]);
		for (size_t i = 0; i < found[k].nr && names->nr < MAX_CALLEES;
		     i++)
			if (!strlist_has(names, found[k].items[i]))
				strlist_push(names, found[k].items[i]);
		strlist_clear(&found[k]);
	}
}

/*
 * The directories a walk looks in: the findings' (already in dirs), the
 * other users' of their locks, and their callers' of the freeing
 * functions (a driver's remove() calling a shared library's teardown).
 */
static void user_dirs(const struct fact_store *fs, const struct strlist *keys,
		      const struct strlist *frees, struct strlist *dirs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *key = fact_str(f, "key"), *callee;

		if (ctx_is_kind(f, "ctx-lock") && key && strlist_has(keys, key))
			walk_push_dir(dirs, f->file);
		if (!ctx_is_kind(f, "ctx-calls"))
			continue;
		for (size_t k = 0; (callee = fact_list_str(f, "callees", k)); k++)
			if (strlist_has(frees, callee)) {
				walk_push_dir(dirs, f->file);
				break;
			}
	}
}

/*
 * The first step's files: for each lock finding, the files of its
 * directory that name its struct and lock its field ("struct pinctrl_dev
 * ->mutex": pinctrl_dev, and a lock call on "->mutex"). One regex for
 * every finding's field would take each driver of a directory that
 * locks a "->lock" of its own and merely names the core's struct.
 */
static void first_step_hits(struct scan_state *st, const struct strlist *files,
			    const struct sempatch *sp, char *hit)
{
	const struct fact_store *fs = &st->r->facts;
	char *one = xcalloc(files->nr ? files->nr : 1, 1);

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		struct strlist keys = STRLIST_INIT, tags = STRLIST_INIT;
		struct strlist names = STRLIST_INIT, fields = STRLIST_INIT;
		struct strlist dirs = STRLIST_INIT;
		struct regex *rx;

		if (!lock_finding(f) || !f->key || strncmp(f->key, "struct ", 7))
			continue;
		finding_keys_of(f, &keys, &tags, &names, &fields, &dirs);
		rx = lock_regex(&fields);
		if (rx) {
			struct token_set set = { &tags, NULL, rx };

			memset(one, 0, files->nr);
			walk_pick_in_dirs(st, files, &dirs, &set, one);
			note_run_set(st->r, sp, NULL, &set);
			for (size_t k = 0; k < files->nr; k++)
				hit[k] |= one[k];
			regex_free(rx);
		}
		strlist_clear(&keys);
		strlist_clear(&tags);
		strlist_clear(&names);
		strlist_clear(&fields);
		strlist_clear(&dirs);
	}
	free(one);
}

void queue_lockctx_round(struct scan_state *st, const struct round_input *in)
{
	struct strlist keys = STRLIST_INIT, tags = STRLIST_INIT;
	struct strlist names = STRLIST_INIT, dirs = STRLIST_INIT;
	struct strlist fields = STRLIST_INIT;
	int first = !followed(st, "", 1);
	const struct strlist *files = in->files;
	struct regex *rx = NULL;

	finding_keys(&st->r->facts, &keys, &tags, &names, &fields, &dirs);
	if (!keys.nr)
		goto out;
	if (!first) {
		struct strlist frees = names;

		names = (struct strlist)STRLIST_INIT;
		user_dirs(&st->r->facts, &keys, &frees, &dirs);
		strlist_clear(&frees);
		next_names(st, &keys, &names, &dirs);
	}
	if (!names.nr)
		goto out;
	strlist_sort(&names);
	if (!first)
		rx = walk_function_regex(&names);
	for (size_t k = 0; k < in->sps->nr; k++) {
		const struct sempatch *sp = &in->sps->items[k];
		struct token_set nset = { &names, NULL, rx };
		char *hit;

		if (sp->role != SP_LOCKCTX)
			continue;
		hit = xcalloc(files->nr ? files->nr : 1, 1);
		if (first) {
			first_step_hits(st, files, sp, hit);
		} else {
			walk_pick_refs(st, files, &dirs, &names, NULL, hit);
			note_run_set(st->r, sp, NULL, &nset);
		}
		queue_hits(st, files, sp, NULL, hit);
		free(hit);
	}
	for (size_t i = 0; i < names.nr; i++)
		followed(st, names.items[i], 1);
out:
	if (rx)
		regex_free(rx);
	strlist_clear(&fields);
	strlist_clear(&keys);
	strlist_clear(&tags);
	strlist_clear(&names);
	strlist_clear(&dirs);
}
