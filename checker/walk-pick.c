// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the call-graph rounds (round-lockctx.c, round-livectx.c) share:
 * the regexes and the picks of a walk step's files in the directories it
 * walks, from the walk index and the cache; see walk-pick.h.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "scan-state.h"
#include "strbuf.h"
#include "usage.h"
#include "walk-index.h"
#include "walk-pick.h"

void walk_push_dir(struct strlist *dirs, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *d = xstrndup(file, slash ? (size_t)(slash - file + 1) : 0);

	if (strlist_has(dirs, d))
		free(d);
	else
		strlist_push_owned(dirs, d);
}

/* head, then one of alts, then tail: "head(?:a|b)tail". */
struct regex *walk_alternation_regex(const char *head,
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
struct regex *walk_function_regex(const struct strlist *names)
{
	return walk_alternation_regex("(?s:/\\*.*?\\*/)(*SKIP)(*FAIL)|"
				      "//[^\\n]*(*SKIP)(*FAIL)|"
				      "\"(?:[^\"\\\\\\n]|\\\\.)*\"(*SKIP)(*FAIL)|"
				      "(?<!->)(?<!\\.)\\b", names, "\\b");
}

/* Is file a direct child of one of dirs ("a/b/" for "a/b/c.c")? */
int walk_in_dirs(const struct strlist *dirs, const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file + 1) : 0;

	for (size_t k = 0; k < dirs->nr; k++)
		if (strlen(dirs->items[k]) == n &&
		    !memcmp(dirs->items[k], file, n))
			return 1;
	return 0;
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
 * the pick is in what (released here), its result one byte a file of
 * files; key is set for pick_to_cache().
 */
static int pick_from_cache(struct scan_state *st, const struct strlist *files,
			   struct strbuf *what, char *hit, char key[65])
{
	char *cached;
	int ok = 0;

	sha256_hex(what->buf, what->len, key);
	strbuf_release(what);
	if (!st->cache)
		return 0;
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
void walk_pick_in_dirs(struct scan_state *st, const struct strlist *files,
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
	if (pick_from_cache(st, files, &what, hit, key))
		return;
	for (size_t i = 0; i < files->nr; i++) {
		struct strbuf sb = STRBUF_INIT;
		char *path;

		if (!walk_in_dirs(dirs, files->items[i]))
			continue;
		path = xstrfmt("%s/%s", view_root(st, files->items[i]),
			       files->items[i]);
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
void walk_pick_refs(struct scan_state *st, const struct strlist *files,
		    const struct strlist *dirs, const struct strlist *fns,
		    const struct strlist *members, char *hit)
{
	struct strbuf what = STRBUF_INIT;
	char key[65];
	int unreadable = 0;

	strbuf_addstr(&what, "walk pick\n");
	describe_list(&what, "dirs", dirs);
	describe_list(&what, "functions", fns);
	describe_list(&what, "members", members);
	if (pick_from_cache(st, files, &what, hit, key))
		return;
	if (!st->walk)
		st->walk = walk_index_new(files->nr);
	for (size_t i = 0; i < files->nr; i++) {
		const struct file_refs *fr;
		char *path;

		if (!walk_in_dirs(dirs, files->items[i]))
			continue;
		path = xstrfmt("%s/%s", view_root(st, files->items[i]),
			       files->items[i]);
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
