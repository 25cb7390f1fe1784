// SPDX-License-Identifier: GPL-2.0-only
/*
 * What check-patch's mail says about the bot that sends it: its From,
 * the Reported-by and Closes tags it asks for, the link to the patch,
 * whom it copies. From options, or a file of "key = value" lines (the
 * same names), read where --config stands among the options: what comes
 * later wins. docs/bot.md documents them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check-patch.h"
#include "usage.h"

void bot_config_init(struct bot_config *bc)
{
	memset(bc, 0, sizeof(*bc));
	bc->reported_by = xstrdup("mmcheck <mmcheck@localhost>");
	/* the reply goes to the patch's lists: lore archives it there */
	bc->closes = xstrdup("https://lore.kernel.org/r/%r/");
	bc->link = xstrdup("https://lore.kernel.org/r/%m/");
	bc->cc_patch = 1;
}

void bot_config_clear(struct bot_config *bc)
{
	free(bc->from);
	free(bc->reported_by);
	free(bc->closes);
	free(bc->link);
	strlist_clear(&bc->cc);
	memset(bc, 0, sizeof(*bc));
}

/* An empty template turns its line off. */
static void set_string(char **field, const char *value)
{
	free(*field);
	*field = *value ? xstrdup(value) : NULL;
}

/* -1 for a key the file may not hold, or a bad value. */
static int set_key(struct bot_config *bc, const char *key, const char *value)
{
	if (!strcmp(key, "from"))
		set_string(&bc->from, value);
	else if (!strcmp(key, "reported-by") && *value)
		set_string(&bc->reported_by, value);
	else if (!strcmp(key, "closes"))
		set_string(&bc->closes, value);
	else if (!strcmp(key, "link"))
		set_string(&bc->link, value);
	else if (!strcmp(key, "cc"))
		address_list_split(value, &bc->cc);
	else if (!strcmp(key, "cc-patch") &&
		 (!strcmp(value, "true") || !strcmp(value, "false")))
		bc->cc_patch = !strcmp(value, "true");
	else
		return -1;
	return 0;
}

static char *trim(char *s)
{
	char *e = s + strlen(s);

	while (*s == ' ' || *s == '\t')
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

void bot_config_read(struct bot_config *bc, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char *line, *save = NULL;
	int nr = 0;

	if (strbuf_read_regular(&sb, path) < 0)
		die_errno("cannot read the config '%s'", path);
	if (memchr(sb.buf, '\0', sb.len))
		die("config '%s' holds a NUL byte", path);
	/* strtok_r would skip empty lines and miscount: cut by hand */
	for (line = sb.buf; line; line = save) {
		char *eq, *key;

		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		nr++;
		key = trim(line);
		if (!*key || *key == '#' || *key == ';')
			continue;
		eq = strchr(key, '=');
		if (!eq)
			die("%s:%d: not 'key = value'", path, nr);
		*eq = '\0';
		if (set_key(bc, trim(key), trim(eq + 1)) < 0)
			die("%s:%d: unknown key or bad value '%s'", path, nr,
			    trim(key));
	}
	strbuf_release(&sb);
}

int bot_config_option(struct bot_config *bc, int c, const char *arg)
{
	static const char *const keys[] = {
		[OPT_BOT_FROM - OPT_BOT_FROM] = "from",
		[OPT_BOT_REPORTED_BY - OPT_BOT_FROM] = "reported-by",
		[OPT_BOT_CLOSES - OPT_BOT_FROM] = "closes",
		[OPT_BOT_LINK - OPT_BOT_FROM] = "link",
		[OPT_BOT_CC - OPT_BOT_FROM] = "cc",
	};

	if (c == OPT_BOT_NO_CC_PATCH) {
		bc->cc_patch = 0;
		return 1;
	}
	if (c == OPT_BOT_CONFIG) {
		bot_config_read(bc, arg);
		return 1;
	}
	if (c < OPT_BOT_FROM || c > OPT_BOT_CC)
		return 0;
	if (strchr(arg, '\n'))
		die("--%s: a line break in '%s'", keys[c - OPT_BOT_FROM], arg);
	if (set_key(bc, keys[c - OPT_BOT_FROM], arg) < 0)
		die("--%s wants a value", keys[c - OPT_BOT_FROM]);
	return 1;
}

/* A Message-ID without its angle brackets. */
static void add_msgid(struct strbuf *sb, const char *id)
{
	size_t len = strlen(id);

	if (len >= 2 && id[0] == '<' && id[len - 1] == '>')
		strbuf_add(sb, id + 1, len - 2);
	else
		strbuf_addstr(sb, id);
}

char *bot_expand(const char *tmpl, const char *patch_msgid,
		 const char *reply_msgid)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = tmpl; *p; p++) {
		const char *id = NULL;

		if (*p != '%' || !p[1] || !strchr("mr%", p[1])) {
			strbuf_addch(&sb, *p);
			continue;
		}
		p++;
		if (*p == '%') {
			strbuf_addch(&sb, '%');
			continue;
		}
		id = *p == 'm' ? patch_msgid : reply_msgid;
		if (!id) {
			strbuf_release(&sb);
			return NULL;
		}
		add_msgid(&sb, id);
	}
	return strbuf_detach(&sb, NULL);
}
