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

#include "cache.h"
#include "callgraph.h"
#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"
#include "walk-index.h"

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

static int is_ctx(const struct fact *f, const char *kind)
{
	return f->kind == FACT_OTHER && !strcmp(f->kind_name, kind);
}

static void push_dir(struct strlist *dirs, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *d = xstrndup(file, slash ? (size_t)(slash - file + 1) : 0);

	if (strlist_has(dirs, d))
		free(d);
	else
		strlist_push_owned(dirs, d);
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

/* head, then one of alts, then tail: "head(?:a|b)tail". */
static struct regex *alternation_regex(const char *head,
					const struct strlist *alts,
					const char *tail)
{
	struct strbuf re = STRBUF_INIT;
	struct regex *rx;

	strbuf_addf(&re, "%s(?:", head);
	for (size_t i = 0; i < alts->nr; i++)
		strbuf_addf(&re, "%s%s", i ? "|" : "", alts->items[i]);
	strbuf_addf(&re, ")%s", tail);
	rx = regex_compile(re.buf);
	strbuf_release(&re);
	return rx;
}

/*
 * A function of names referred to in code: not in a comment or a string
 * (skipped whole with PCRE's (*SKIP)(*FAIL)), and not as a member:
 * "x->brk" and "mm.brk" name a field, not SYSCALL_DEFINE1(brk). Files
 * that only hold such mentions (most of mm/ for brk, munmap, mremap)
 * cannot call the function, and reading them walks nothing.
 */
static struct regex *function_regex(const struct strlist *names)
{
	return alternation_regex("(?s:/\\*.*?\\*/)(*SKIP)(*FAIL)|"
				 "//[^\\n]*(*SKIP)(*FAIL)|"
				 "\"(?:[^\"\\\\\\n]|\\\\.)*\"(*SKIP)(*FAIL)|"
				 "(?<!->)(?<!\\.)\\b", names, "\\b");
}

/*
 * The first step's regex: a lock call on one of the findings' lock
 * fields, "mutex_lock(&x->dev_mutex" (the other users sit where that is).
 */
static struct regex *lock_regex(const struct strlist *fields)
{
	return alternation_regex("\\b(?:\\w*lock\\w*|down_\\w+)\\s*\\(\\s*&[^;]*?"
				 "(?:->|\\.)\\s*", fields, "\\s*[,)]");
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
	push_dir(dirs, f->file);
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

static int in_dirs(const struct strlist *dirs, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *d = xstrndup(file, slash ? (size_t)(slash - file + 1) : 0);
	int in = strlist_has(dirs, d);

	free(d);
	return in;
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
		int caller = is_ctx(f, "ctx-calls") && calls_followed(st, f);

		if (!caller &&
		    !(is_ctx(f, "ctx-lock") && key && strlist_has(keys, key)))
			continue;
		if (!in_dirs(dirs, f->file) || followed(st, f->function, 0) ||
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

		if (is_ctx(f, "ctx-lock") && key && strlist_has(keys, key))
			push_dir(dirs, f->file);
		if (!is_ctx(f, "ctx-calls"))
			continue;
		for (size_t k = 0; (callee = fact_list_str(f, "callees", k)); k++)
			if (strlist_has(frees, callee)) {
				push_dir(dirs, f->file);
				break;
			}
	}
}

/* Is file a direct child of one of dirs ("a/b/" for "a/b/c.c")? */
static int file_in_dirs(const struct strlist *dirs, const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file + 1) : 0;

	for (size_t k = 0; k < dirs->nr; k++)
		if (strlen(dirs->items[k]) == n &&
		    !memcmp(dirs->items[k], file, n))
			return 1;
	return 0;
}

static char *tree_path(const struct scan_state *st, const char *file)
{
	return st->ov && strlist_has_sorted(&st->ov->changed, file)
		       ? xstrfmt("%s/%s", st->ov->dir, file)
		       : xstrfmt("%s/%s", st->r->tree, file);
}

/*
 * The key of the files a pick reads: the tree's state, and an overlay's
 * changed files by content (check-patch's view differs from the tree's
 * only there).
 */
static const char *view_key(struct scan_state *st)
{
	struct strbuf sb = STRBUF_INIT;

	if (st->view_key[0])
		return st->view_key;
	strbuf_addf(&sb, "%s", st->tree_key);
	for (size_t i = 0; st->ov && i < st->ov->changed.nr; i++) {
		struct strbuf text = STRBUF_INIT;
		char *path = xstrfmt("%s/%s", st->ov->dir,
				     st->ov->changed.items[i]);
		char key[65];

		if (strbuf_read_file(&text, path) < 0)
			strbuf_addstr(&text, "(unreadable)");
		sha256_hex(text.buf, text.len, key);
		strbuf_addf(&sb, " +%s %s", st->ov->changed.items[i], key);
		strbuf_release(&text);
		free(path);
	}
	for (size_t i = 0; st->ov && i < st->ov->deleted.nr; i++)
		strbuf_addf(&sb, " -%s", st->ov->deleted.items[i]);
	sha256_hex(sb.buf, sb.len, st->view_key);
	strbuf_release(&sb);
	return st->view_key;
}

/*
 * A walk step's pick, from the cache when the same step ran on the same
 * files before (a warm re-scan, check-patch's two scans): what describes
 * the pick is in what, its result one byte a file of files.
 */
static int pick_from_cache(struct scan_state *st, const struct strlist *files,
			   const struct strbuf *what, char *hit, char key[65])
{
	char *cached;
	int ok = 0;

	if (!st->cache)
		return 0;
	sha256_hex(what->buf, what->len, key);
	if (!cache_get_hits(st->cache, view_key(st), key, &cached))
		return 0;
	if (strlen(cached) == files->nr) {
		for (size_t i = 0; i < files->nr; i++)
			hit[i] = cached[i] == '1';
		ok = 1;
	}
	free(cached);
	return ok;
}

static void pick_to_cache(struct scan_state *st, const struct strlist *files,
			  const char *hit, const char key[65])
{
	char *row;

	if (!st->cache)
		return;
	row = xcalloc(files->nr + 1, 1);
	for (size_t i = 0; i < files->nr; i++)
		row[i] = hit[i] ? '1' : '0';
	cache_put_hits(st->cache, view_key(st), key, row);
	free(row);
}

static void describe_list(struct strbuf *sb, const char *what,
			  const struct strlist *l)
{
	strbuf_addf(sb, "%s:", what);
	for (size_t i = 0; l && i < l->nr; i++)
		strbuf_addf(sb, " %s", l->items[i]);
	strbuf_addch(sb, '\n');
}

/* The files of dirs (direct children) that set matches. */
static void pick_in_dirs(struct scan_state *st, const struct strlist *files,
			 const struct strlist *dirs,
			 const struct token_set *set, char *hit)
{
	struct strbuf what = STRBUF_INIT;
	char key[65];
	int unreadable = 0;

	strbuf_addstr(&what, "lockctx pick\n");
	describe_list(&what, "dirs", dirs);
	describe_list(&what, "tokens", set->tokens);
	describe_list(&what, "also", set->also);
	strbuf_addf(&what, "regex: %s\n",
		    set->regex ? regex_pattern(set->regex) : "");
	if (pick_from_cache(st, files, &what, hit, key)) {
		strbuf_release(&what);
		return;
	}
	strbuf_release(&what);
	for (size_t i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path;

		if (!file_in_dirs(dirs, files->items[i]))
			continue;
		path = tree_path(st, files->items[i]);
		if (strbuf_read_file(&sb, path) == 0)
			hit[i] = token_set_matches(sb.buf, sb.len, set);
		else
			unreadable = 1;
		strbuf_release(&sb);
		free(path);
	}
	/* a file that could not be read may be readable next time */
	if (!unreadable)
		pick_to_cache(st, files, hit, key);
}

/*
 * The files of dirs (direct children) whose code refers to one of fns
 * or calls through one of members, from the walk index: a walk step
 * looks at the same directories as the one before it, with more names.
 */
static void pick_refs_in_dirs(struct scan_state *st,
			      const struct strlist *files,
			      const struct strlist *dirs,
			      const struct strlist *fns,
			      const struct strlist *members, char *hit)
{
	struct strbuf what = STRBUF_INIT;
	char key[65];
	int unreadable = 0;

	strbuf_addstr(&what, "walk pick\n");
	describe_list(&what, "dirs", dirs);
	describe_list(&what, "functions", fns);
	describe_list(&what, "members", members);
	if (pick_from_cache(st, files, &what, hit, key)) {
		strbuf_release(&what);
		return;
	}
	strbuf_release(&what);
	if (!st->walk)
		st->walk = walk_index_new(files->nr);
	for (size_t i = 0; i < files->nr; i++) {
		const struct file_refs *fr;
		char *path;

		if (!file_in_dirs(dirs, files->items[i]))
			continue;
		path = tree_path(st, files->items[i]);
		fr = walk_index_get(st->walk, i, path);
		free(path);
		unreadable |= !fr;
		hit[i] = fr && ((fns && file_refs_any(&fr->refs, fns)) ||
				(members &&
				 file_refs_any(&fr->member_calls, members)));
	}
	if (!unreadable)
		pick_to_cache(st, files, hit, key);
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
			pick_in_dirs(st, files, &dirs, &set, one);
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
		rx = function_regex(&names);
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
			pick_refs_in_dirs(st, files, &dirs, &names, NULL, hit);
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

/*
 * The livectx round: the same facts for the live family, walked up from
 * the functions of the live uses that only mmgrab() pins, to the code
 * that starts them (docs/verdicts.md). Its directories are the uses' and
 * those of the stores into their fields: the mm's owner code (KVM's
 * ioctls in virt/kvm for arch/s390/kvm) sits where the mm is stored.
 * Each run reads the files there that name a function found: first the
 * uses' functions, then their callers in the facts read so far, up to
 * the top (a call through a pointer member names the member).
 */

/* How many levels of callers a walk up from a use looks for. */
#define LIVE_LEVELS 12
/* Names the livectx round looks for, at most. */
#define MAX_LIVE_NAMES 160

/* Does key have a store that takes mm_users, and one that mmgrab()s? */
static void store_kinds(const struct fact_store *fs, const char *key,
			int *grab, int *acquire)
{
	*grab = *acquire = 0;
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];

		if (f->kind != FACT_STORE || !f->key || strcmp(f->key, key))
			continue;
		*grab |= !strcmp(f->klass, "grab");
		*acquire |= !strcmp(f->klass, "acquire");
	}
}

/* The live uses mmgrab() alone pins: their functions and directories. */
static void live_uses(const struct fact_store *fs, struct strlist *names,
		      struct strlist *dirs)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		int grab, acquire;

		if (f->kind != FACT_LIVE_USE)
			continue;
		if (f->key) {
			store_kinds(fs, f->key, &grab, &acquire);
			if (!grab || acquire)
				continue;
			for (size_t k = 0; k < fs->nr; k++)
				if (fs->items[k].kind == FACT_STORE &&
				    fs->items[k].key &&
				    !strcmp(fs->items[k].key, f->key))
					push_dir(dirs, fs->items[k].file);
		} else if (fact_int(f, "grab_line") <= 0) {
			continue;
		}
		push_dir(dirs, f->file);
		if (!strlist_has(names, f->function))
			strlist_push(names, f->function);
	}
	strlist_sort(names);
}

/* Add name to next unless known; keeps next sorted. */
static void add_name(struct strlist *next, const struct strlist *all,
		     const char *name)
{
	if (!strlist_has_sorted(all, name) && !strlist_has(next, name))
		strlist_push(next, name);
}

/*
 * The edges a walk level looks at, taken out of the facts once: the
 * facts are JSON objects, and a lookup per field per fact per level was
 * most of a warm re-scan's time.
 */
struct live_edges {
	struct live_call {
		const struct fact *caller;
		const char *callee;
	} *calls;
	size_t ncalls, acalls;
	struct live_store {
		const char *target;
		char *member;	/* "->m" */
	} *stores;
	size_t nstores, astores;
};

static void live_edges_build(const struct fact_store *fs,
			     struct live_edges *g)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *t = fact_str(f, "target"), *callee;

		if (is_ctx(f, "ctx-entry") && t && fact_str(f, "expr") &&
		    !ctx_is_entry(f)) {
			ALLOC_GROW(g->stores, g->nstores + 1, g->astores);
			g->stores[g->nstores].target = t;
			g->stores[g->nstores++].member =
				xstrfmt("->%s", fact_str(f, "expr"));
		}
		if (!is_ctx(f, "ctx-calls"))
			continue;
		for (size_t k = 0; (callee = fact_list_str(f, "callees", k));
		     k++) {
			ALLOC_GROW(g->calls, g->ncalls + 1, g->acalls);
			g->calls[g->ncalls].caller = f;
			g->calls[g->ncalls++].callee = callee;
		}
	}
}

static void live_edges_release(struct live_edges *g)
{
	for (size_t i = 0; i < g->nstores; i++)
		free(g->stores[i].member);
	free(g->stores);
	free(g->calls);
}

/*
 * One level up from cur: the functions of the facts read so far that
 * call one of cur (unless it checks its mm against current->mm: its
 * callers do not matter), and the members ("->m") a function of cur is
 * stored into outside a subsystem's table.
 */
static void level_up(const struct live_edges *g, const struct strlist *cur,
		     const struct strlist *all, const struct strlist *owners,
		     struct strlist *next, struct strlist *dirs)
{
	for (size_t i = 0; i < g->nstores; i++)
		if (strlist_has_sorted(cur, g->stores[i].target))
			add_name(next, all, g->stores[i].member);
	for (size_t i = 0; i < g->ncalls; i++) {
		const struct live_call *c = &g->calls[i];

		if (strlist_has_sorted(cur, c->callee) &&
		    !strlist_has_sorted(owners, c->callee)) {
			add_name(next, all, c->caller->function);
			push_dir(dirs, c->caller->file);
		}
	}
	strlist_sort(next);
}

/* The functions that check their mm against current->mm, sorted. */
static void owner_checks(const struct fact_store *fs, struct strlist *owners)
{
	for (size_t i = 0; i < fs->nr; i++)
		if (is_ctx(&fs->items[i], "ctx-owner") &&
		    !strlist_has(owners, fs->items[i].function))
			strlist_push(owners, fs->items[i].function);
	strlist_sort(owners);
}

/*
 * The names to look for: the uses' functions and, level by level, their
 * callers and the members they are stored into, in the facts so far.
 */
static void live_names(const struct fact_store *fs, struct strlist *all,
		       struct strlist *dirs)
{
	struct strlist cur = STRLIST_INIT, owners = STRLIST_INIT;
	struct live_edges g;

	owner_checks(fs, &owners);
	live_edges_build(fs, &g);
	for (size_t i = 0; i < all->nr; i++)
		strlist_push(&cur, all->items[i]);
	for (int level = 1; level <= LIVE_LEVELS && cur.nr; level++) {
		struct strlist next = STRLIST_INIT;

		level_up(&g, &cur, all, &owners, &next, dirs);
		strlist_clear(&cur);
		for (size_t i = 0; i < next.nr && all->nr < MAX_LIVE_NAMES;
		     i++) {
			strlist_push(all, next.items[i]);
			strlist_push(&cur, next.items[i]);
		}
		strlist_sort(all);
		strlist_clear(&next);
	}
	live_edges_release(&g);
	strlist_clear(&cur);
	strlist_clear(&owners);
}

/* "(?:->|\.)\s*(?:a|b)\s*\(": a call through one of the members. */
static struct regex *member_regex(const struct strlist *members)
{
	return alternation_regex("(?:->|\\.)\\s*", members, "\\s*\\(");
}

/* Queue the lockctx patch on the files of dirs that name one of names. */
static void queue_live_names(struct scan_state *st,
			     const struct round_input *in,
			     const struct strlist *names,
			     const struct strlist *dirs)
{
	struct strlist fns = STRLIST_INIT, members = STRLIST_INIT;
	struct regex *rx = NULL, *frx = NULL;

	for (size_t i = 0; i < names->nr; i++)
		strlist_push(strncmp(names->items[i], "->", 2) ? &fns : &members,
			     names->items[i] + (strncmp(names->items[i], "->", 2)
						? 0 : 2));
	if (members.nr)
		rx = member_regex(&members);
	if (fns.nr)
		frx = function_regex(&fns);
	for (size_t k = 0; k < in->sps->nr; k++) {
		const struct sempatch *sp = &in->sps->items[k];
		struct token_set set = { &fns, NULL, frx };
		struct token_set mset = { &members, NULL, rx };
		char *hit;

		if (sp->role != SP_LOCKCTX)
			continue;
		hit = xcalloc(in->files->nr ? in->files->nr : 1, 1);
		pick_refs_in_dirs(st, in->files, dirs, fns.nr ? &fns : NULL,
				  members.nr ? &members : NULL, hit);
		note_run_set(st->r, sp, NULL, &set);
		if (rx)
			note_run_set(st->r, sp, NULL, &mset);
		queue_hits(st, in->files, sp, NULL, hit);
		free(hit);
	}
	if (rx)
		regex_free(rx);
	if (frx)
		regex_free(frx);
	strlist_clear(&fns);
	strlist_clear(&members);
}

void queue_livectx_round(struct scan_state *st, const struct round_input *in)
{
	struct strlist names = STRLIST_INIT, dirs = STRLIST_INIT;

	live_uses(&st->r->facts, &names, &dirs);
	if (names.nr) {
		live_names(&st->r->facts, &names, &dirs);
		queue_live_names(st, in, &names, &dirs);
	}
	strlist_clear(&names);
	strlist_clear(&dirs);
}
