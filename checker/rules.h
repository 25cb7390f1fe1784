/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rule catalogue: one file per rule id under rules/, a header of
 * "key: value" lines (id, severity, title, ...), a blank line, then the
 * text that `mmcheck explain` prints.
 */
#ifndef MMCHECK_RULES_H
#define MMCHECK_RULES_H

#include <stddef.h>

enum severity { SEV_NONE, SEV_WARNING, SEV_ERROR };

struct rule {
	char *id;
	enum severity severity;
	char *title;
	char *path;
};

struct rule_catalogue {
	struct rule *items;
	size_t nr, alloc;
};

int rules_load(struct rule_catalogue *rc, const char *dir);
const struct rule *rules_find(const struct rule_catalogue *rc, const char *id);
/* Like rules_find(), but a missing rule is a bug in mmcheck. */
const struct rule *rules_get(const struct rule_catalogue *rc, const char *id);
void rules_clear(struct rule_catalogue *rc);

const char *severity_name(enum severity s);
int severity_parse(const char *s, enum severity *out);

#endif
