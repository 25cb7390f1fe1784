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

/*
 * How sure a finding is: high, the other party is known (a kernel thread
 * or work item on an mm nobody holds); medium, the shape is there and the
 * other party is named but not proven to outlive the owner; low, the
 * evidence stopped before it reached one (shown with --all only). A
 * rule's "confidence:" line is its default; the judging stages move a
 * finding up or down from the evidence they have.
 */
enum confidence { CONF_LOW, CONF_MEDIUM, CONF_HIGH };

struct rule {
	char *id;
	enum severity severity;
	enum confidence confidence;	/* default: medium */
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
const char *confidence_name(enum confidence c);
int confidence_parse(const char *s, enum confidence *out);

#endif
