/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stages of mmcheck check-patch, which cmd-check-patch.c drives:
 * reading the mails (patch-mail.c), applying each patch in a scratch
 * tree (patch-apply.c), and the reply (patch-reply.c, with the bot's
 * settings from bot-config.c).
 */
#ifndef MMCHECK_CHECK_PATCH_H
#define MMCHECK_CHECK_PATCH_H

#include <stdio.h>

#include "patch-parse.h"
#include "pipeline.h"
#include "strbuf.h"
#include "strlist.h"

struct scan_result;
struct use_site;

/* The exit statuses: 1 new findings, 2 could not check, 3 both. */
#define EXIT_NEW 1
#define EXIT_CANNOT 2

/* A patch or a tree that cannot be checked: one line, exit 2. */
__attribute__((format(printf, 1, 2), noreturn))
void cannot_check(const char *fmt, ...);

/* patch-apply.c: the scratch directory and the patched view of the tree */

/*
 * Create the scratch directory, removed on every way out (the end,
 * die(), exit() and the signals), and its overlay directory ov->dir.
 */
void make_scratch(struct overlay *ov);
void remove_scratch(struct overlay *ov);
const char *scratch_dir(void);

/*
 * git args in dir, never in a repository around the scratch directory;
 * its stdin from the file in (NULL: ours).
 */
int scratch_git(const char *dir, const char *const *args, const char *in,
		struct strbuf *out, struct strbuf *err);

/*
 * Apply patch m over the overlay, updating its changed/deleted lists.
 * -1 after an error message if it cannot be checked: a series stops there.
 */
int apply_patch(const char *tree, struct overlay *ov,
		const struct patch_msg *m);

/* patch-mail.c: the mails */

/*
 * Read the patch files (or "-", stdin) first, before any work: a file
 * that cannot be read, is empty or holds a NUL byte cannot be checked.
 */
void read_inputs(int argc, char **argv, struct strlist *inputs);

/*
 * Cut the inputs into mails with git mailsplit and decode each with git
 * mailinfo, into the scratch directory: msgs gets the mails that hold a
 * diff, numbered; skipped the others, which are said to be skipped on
 * stderr.
 */
void read_mails(const struct strlist *inputs, struct patch_msgs *msgs,
		struct patch_msgs *skipped);

/* bot-config.c: what the bot's mail says about itself */

struct bot_config {
	char *from;		/* the reply's From, or NULL */
	char *reported_by;	/* the Reported-by tag's value */
	char *closes;		/* Closes tag template, or NULL for none */
	char *link;		/* the patch's link template, or NULL */
	struct strlist cc;	/* Cc'd on every reply */
	int cc_patch;		/* Cc the patch's own To and Cc */
};

/* The long options of the bot's settings, for getopt_long(). */
enum {
	OPT_BOT_FROM = 256, OPT_BOT_REPORTED_BY, OPT_BOT_CLOSES, OPT_BOT_LINK,
	OPT_BOT_CC, OPT_BOT_NO_CC_PATCH, OPT_BOT_CONFIG
};

#define BOT_CONFIG_LONGOPTS \
	{ "from", required_argument, NULL, OPT_BOT_FROM }, \
	{ "reported-by", required_argument, NULL, OPT_BOT_REPORTED_BY }, \
	{ "closes", required_argument, NULL, OPT_BOT_CLOSES }, \
	{ "link", required_argument, NULL, OPT_BOT_LINK }, \
	{ "cc", required_argument, NULL, OPT_BOT_CC }, \
	{ "no-cc-patch", no_argument, NULL, OPT_BOT_NO_CC_PATCH }, \
	{ "config", required_argument, NULL, OPT_BOT_CONFIG }

/* The defaults: see docs/bot.md. */
void bot_config_init(struct bot_config *bc);
/* Read a config file ("key = value" lines); dies on a bad one. */
void bot_config_read(struct bot_config *bc, const char *path);
/*
 * The check-patch option c (an OPT_BOT_*): 1 if it was one of the bot's,
 * --config FILE included (read there: later options win).
 */
int bot_config_option(struct bot_config *bc, int c, const char *arg);
void bot_config_clear(struct bot_config *bc);
/*
 * Expand a template: %m the patch's Message-ID, %r the reply's (both
 * without angle brackets), %% a "%". NULL if it names a Message-ID
 * there is none of.
 */
char *bot_expand(const char *tmpl, const char *patch_msgid,
		 const char *reply_msgid);

/* patch-reply.c: what a patch changes, and the reply */

/* One finding, keyed without its line. */
struct fkey {
	char *key;		/* rule \t file \t function \t mm */
	const struct use_site *u;
	size_t k;		/* which finding of u */
};

struct fkeys {
	struct fkey *items;
	size_t nr, alloc;
};

#define FKEYS_INIT { NULL, 0, 0 }

struct patch_result {
	struct fkeys added, fixed;
};

/* The findings of r, keyed and sorted. */
void fkeys_collect(const struct scan_result *r, struct fkeys *out);
/* The findings of a that b does not have (by key). */
void fkeys_difference(const struct fkeys *a, const struct fkeys *b,
		      struct fkeys *out);
void fkeys_clear(struct fkeys *f);

/* Everything a reply is made of. */
struct reply {
	const char *tree;	/* the tree as given */
	const struct overlay *ov;	/* the tree after the patch */
	const struct patch_msg *m;
	const struct patch_result *pr;
	const char *kernel;	/* the tree's version, or NULL */
	const struct bot_config *bc;
};

void email_reply(FILE *out, const struct reply *r);
/* The entry of the patch in the JSON document. */
struct json_t *patch_json(const struct reply *r);
/* The JSON document of the patches (which it takes over) */
void print_json(const char *tree, size_t nadded, struct json_t *patches,
		struct json_t *skipped);

/* A reply that cannot be written is a check that did not happen. */
void flush_stdout(void);

#endif
