// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a patch changes, and check-patch's reply to it: findings are
 * matched by rule, file, function and mm expression, never by line
 * (lines move); the reply is an email in the style of the kernel test
 * robot, to the patch's author and its lists, or an entry of the JSON
 * document.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cache.h"
#include "check-patch.h"
#include "json-str.h"
#include "scan.h"
#include "usage.h"

static int cmp_fkey(const void *a, const void *b)
{
	return strcmp(((const struct fkey *)a)->key, ((const struct fkey *)b)->key);
}

void fkeys_collect(const struct scan_result *r, struct fkeys *out)
{
	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];

		for (size_t k = 0; k < u->nfindings; k++) {
			ALLOC_GROW(out->items, out->nr + 1, out->alloc);
			out->items[out->nr].key =
				xstrfmt("%s\t%s\t%s\t%s", u->findings[k].rule->id,
					u->use->file, u->use->function,
					u->subject);
			out->items[out->nr].u = u;
			out->items[out->nr].k = k;
			out->nr++;
		}
	}
	if (out->nr)
		qsort(out->items, out->nr, sizeof(*out->items), cmp_fkey);
}

void fkeys_clear(struct fkeys *f)
{
	for (size_t i = 0; i < f->nr; i++)
		free(f->items[i].key);
	free(f->items);
	memset(f, 0, sizeof(*f));
}

void fkeys_difference(const struct fkeys *a, const struct fkeys *b,
		      struct fkeys *out)
{
	for (size_t i = 0; i < a->nr; i++) {
		struct fkey key = { a->items[i].key, NULL, 0 };

		if (b->nr && bsearch(&key, b->items, b->nr, sizeof(key), cmp_fkey))
			continue;
		ALLOC_GROW(out->items, out->nr + 1, out->alloc);
		out->items[out->nr] = a->items[i];
		out->items[out->nr].key = xstrdup(a->items[i].key);
		out->nr++;
	}
}

static void print_finding(FILE *out, const char *mark, const struct fkey *f)
{
	const struct use_site *u = f->u;
	const struct finding *fi = &u->findings[f->k];

	fprintf(out, "%s%s:%d:%d: %s: [%s] %s (confidence: %s)\n", mark,
		u->use->file, u->use->line, u->use->col,
		severity_name(fi->severity), fi->rule->id, fi->message,
		confidence_name(fi->confidence));
	for (size_t e = 0; e < u->nevidence; e++)
		fprintf(out, "   %s:%d: note: %s\n", u->evidence[e].file,
			u->evidence[e].line, u->evidence[e].what);
}

/* "vim +LINE FILE" and the lines around it, the finding's marked "> ". */
static void print_excerpt(FILE *out, const char *tree, const struct overlay *ov,
			  const struct use_site *u)
{
	const char *root = strlist_has_sorted(&ov->changed, u->use->file)
			   ? ov->dir : tree;
	char *path = xstrfmt("%s/%s", root, u->use->file);
	struct strbuf sb = STRBUF_INIT;
	int line = 1;

	if (strbuf_read_regular(&sb, path) == 0) {
		fprintf(out, "\nvim +%d %s\n\n", u->use->line, u->use->file);
		for (const char *p = sb.buf; *p; line++) {
			size_t len = strcspn(p, "\n");

			if (line >= u->use->line - 4 && line <= u->use->line + 2)
				fprintf(out, "%s%5d\t%.*s\n",
					line == u->use->line ? "> " : "  ", line,
					(int)len, p);
			p += len + (p[len] == '\n');
		}
	}
	strbuf_release(&sb);
	free(path);
}

/* The domain of an address's mailbox ("x@example.org" -> example.org). */
static char *mailbox_domain(const char *addr)
{
	char *box = addr ? address_mailbox(addr) : NULL;
	char *at = box ? strrchr(box, '@') : NULL;
	char *domain = at && at[1] ? xstrdup(at + 1) : NULL;

	free(box);
	return domain;
}

/*
 * The reply's own Message-ID, without angle brackets: the same for the
 * same patch and findings, so that a bot that runs twice says it twice
 * under one id, and mail clients drop the copy.
 */
static char *reply_msgid(const struct reply *r)
{
	struct strbuf sb = STRBUF_INIT;
	char hex[65], *domain;
	char *id;

	strbuf_addstr(&sb, r->m->msgid ? r->m->msgid : r->m->text);
	for (size_t i = 0; i < r->pr->added.nr; i++)
		strbuf_addf(&sb, "\n+%s", r->pr->added.items[i].key);
	for (size_t i = 0; i < r->pr->fixed.nr; i++)
		strbuf_addf(&sb, "\n-%s", r->pr->fixed.items[i].key);
	sha256_hex(sb.buf, sb.len, hex);
	domain = mailbox_domain(r->bc->from);
	if (!domain)
		domain = mailbox_domain(r->bc->reported_by);
	id = xstrfmt("mmcheck-%.20s@%s", hex, domain ? domain : "localhost");
	free(domain);
	strbuf_release(&sb);
	return id;
}

static int seen_mailbox(struct strlist *seen, const char *addr)
{
	char *box = address_mailbox(addr);
	int seen_before = strlist_has(seen, box);

	if (seen_before)
		free(box);
	else
		strlist_push_owned(seen, box);
	return seen_before;
}

/* Cc: the patch's To and Cc, then the bot's, each once, not the author. */
static void print_cc(FILE *out, const struct reply *r)
{
	struct strlist seen = STRLIST_INIT;
	const struct strlist *lists[2] = { r->bc->cc_patch ? &r->m->cc : NULL,
					   &r->bc->cc };
	int n = 0;

	if (r->m->from)
		seen_mailbox(&seen, r->m->from);
	if (r->bc->from)
		seen_mailbox(&seen, r->bc->from);
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; lists[l] && i < lists[l]->nr; i++) {
			const char *a = lists[l]->items[i];

			if (seen_mailbox(&seen, a))
				continue;
			fprintf(out, "%s%s", n++ ? ",\n\t" : "Cc: ", a);
		}
	if (n)
		fputc('\n', out);
	strlist_clear(&seen);
}

static void print_headers(FILE *out, const struct reply *r, const char *id)
{
	const struct patch_msg *m = r->m;
	const char *subject = m->raw_subject ? m->raw_subject : m->subject;

	if (r->bc->from)
		fprintf(out, "From: %s\n", r->bc->from);
	if (m->from)
		fprintf(out, "To: %s\n", m->from);
	print_cc(out, r);
	fprintf(out, "Subject: %s%s\n",
		strncasecmp(subject, "Re:", 3) ? "Re: " : "", subject);
	fprintf(out, "Message-ID: <%s>\n", id);
	if (m->msgid) {
		fprintf(out, "In-Reply-To: %s\n", m->msgid);
		fprintf(out, "References: %s\n", m->msgid);
	}
	/* the body quotes a decoded subject and the tree's code */
	fprintf(out, "MIME-Version: 1.0\n"
		"Content-Type: text/plain; charset=UTF-8\n"
		"Content-Transfer-Encoding: 8bit\n");
}

/* The template's line, when it expands: "PREFIX URL". */
static void print_template(FILE *out, const char *prefix, const char *tmpl,
			   const struct reply *r, const char *id)
{
	char *s = tmpl ? bot_expand(tmpl, r->m->msgid, id) : NULL;

	if (s)
		fprintf(out, "%s%s\n", prefix, s);
	free(s);
}

/* What the reply says about the patch, and how to see it again. */
static void print_preamble(FILE *out, const struct reply *r, const char *id)
{
	const char *kernel = r->kernel ? r->kernel : "(unknown version)";

	fprintf(out, "\nHi,\n\nmmcheck noticed that this patch %s:\n\n",
		r->pr->added.nr ? "adds mm-lifetime findings" :
		r->pr->fixed.nr ? "fixes mm-lifetime findings and adds none"
				: "changes no mm-lifetime finding");
	fprintf(out, "patch subject: %s\n", r->m->subject);
	print_template(out, "patch link: ", r->bc->link, r, id);
	fprintf(out, "base: Linux %s\n", kernel);
	fprintf(out, "reproduce (the patch and those before it in its series "
		"saved as patch.mbox,\nin a tree of Linux %s):\n"
		"        mmcheck check-patch . patch.mbox\n", kernel);
}

void email_reply(FILE *out, const struct reply *r)
{
	const struct patch_result *pr = r->pr;
	char *id = reply_msgid(r);

	print_headers(out, r, id);
	print_preamble(out, r, id);
	if (pr->added.nr) {
		fprintf(out, "\nIf you fix the issue in a separate patch/commit (i.e. "
			"not just a new version of\nthe same patch/commit), kindly "
			"add following tags\n| Reported-by: %s\n",
			r->bc->reported_by);
		print_template(out, "| Closes: ", r->bc->closes, r, id);
		fprintf(out, "\nAll findings (new ones prefixed by >>):\n\n");
		for (size_t i = 0; i < pr->added.nr; i++)
			print_finding(out, ">> ", &pr->added.items[i]);
		for (size_t i = 0; i < pr->added.nr; i++)
			print_excerpt(out, r->tree, r->ov, pr->added.items[i].u);
		fprintf(out, "\nmmcheck explain RULE-ID says why each rule matters "
			"and how to fix it.\n");
	}
	if (pr->fixed.nr) {
		fprintf(out, "\nFindings this patch removes:\n\n");
		for (size_t i = 0; i < pr->fixed.nr; i++)
			print_finding(out, "-- ", &pr->fixed.items[i]);
	}
	fprintf(out, "\n-- \nmmcheck %s\n", "check-patch");
	free(id);
}

static json_t *fkeys_json(const struct fkeys *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->nr; i++) {
		const struct use_site *u = f->items[i].u;
		const struct finding *fi = &u->findings[f->items[i].k];
		json_t *o = json_object();

		json_object_set_new(o, "rule", json_string(fi->rule->id));
		json_object_set_new(o, "severity",
				    json_string(severity_name(fi->severity)));
		json_object_set_new(o, "confidence",
				    json_string(confidence_name(fi->confidence)));
		json_object_set_new(o, "file", json_path(u->use->file));
		json_object_set_new(o, "line", json_integer(u->use->line));
		json_object_set_new(o, "function", json_text(u->use->function));
		json_object_set_new(o, "mm", json_text(u->subject));
		json_object_set_new(o, "verdict", json_text(u->verdict));
		json_object_set_new(o, "message", json_text(fi->message));
		json_object_set_new(o, "evidence", evidence_json(u));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *patch_json(const struct reply *r)
{
	const struct patch_msg *m = r->m;
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer(m->number));
	json_object_set_new(o, "mail", json_integer(m->mail));
	json_object_set_new(o, "subject", json_text(m->subject));
	json_object_set_new(o, "message_id", m->msgid ?
			    json_text(m->msgid) : json_null());
	json_object_set_new(o, "new", fkeys_json(&r->pr->added));
	json_object_set_new(o, "fixed", fkeys_json(&r->pr->fixed));
	return o;
}

void flush_stdout(void)
{
	errno = 0;
	if (fflush(stdout) || ferror(stdout)) {
		if (!errno)
			errno = EIO;
		die_errno("cannot write the reply to stdout");
	}
}

void print_json(const char *tree, size_t nadded, json_t *patches,
		json_t *skipped)
{
	json_t *doc = json_object();
	char *js;

	json_object_set_new(doc, "schema", json_string("mmcheck-check-patch"));
	json_object_set_new(doc, "version", json_integer(1));
	json_object_set_new(doc, "tree", json_text(tree));
	json_object_set_new(doc, "new_findings", json_integer((json_int_t)nadded));
	json_object_set_new(doc, "patches", patches);
	json_object_set_new(doc, "skipped", skipped);
	js = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	puts(js);
	free(js);
	json_decref(doc);
	flush_stdout();
}
