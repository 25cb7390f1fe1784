// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which finding gets which fix. The finding's rule says what is wrong
 * inside the function (a put before the unuse, an ignored test, a path
 * out in use) or, for the verdicts, where the mm comes from; a shape
 * exists only where the rewrite is local and safe, and everything else
 * gets the reason a human must decide.
 */
#include <string.h>

#include "facts.h"
#include "fix.h"
#include "usage.h"

static const char *const shape_names[] = {
	[SHAPE_NONE] = "none",
	[SHAPE_HOLD] = "hold",
	[SHAPE_CHECK] = "check",
	[SHAPE_PUT_ORDER] = "put-order",
	[SHAPE_UNUSE] = "unuse",
	[SHAPE_PIN] = "hold",	/* the use's own fix, after the pin */
	[SHAPE_LIVE] = "live",
};

const char *fix_shape_name(enum fix_shape s)
{
	return shape_names[s];
}

/* The finding of rule id, or NULL. */
static const struct finding *finding_of(const struct use_site *u,
					const char *id)
{
	for (size_t i = 0; i < u->nfindings; i++)
		if (!strcmp(u->findings[i].rule->id, id))
			return &u->findings[i];
	return NULL;
}

/* The findings about the function's own flow, each with its shape. */
static enum fix_shape local_shape(const struct use_site *u, const char **rule)
{
	const struct finding *f;

	if (finding_of(u, "use-mm-put-before-unuse")) {
		*rule = "use-mm-put-before-unuse";
		return SHAPE_PUT_ORDER;
	}
	f = finding_of(u, "mmget-unchecked");
	/* an ignored result can be tested; a failed branch cannot */
	if (f && strstr(f->message, "result ignored")) {
		*rule = "mmget-unchecked";
		return SHAPE_CHECK;
	}
	if (finding_of(u, "use-mm-unbalanced")) {
		*rule = "use-mm-unbalanced";
		return SHAPE_UNUSE;
	}
	return SHAPE_NONE;
}

/* Why a use whose verdict is v gets no fix. */
static char *verdict_why(const struct use_site *u)
{
	if (!strcmp(u->verdict, "mixed"))
		return xstrdup("the stores disagree (some hold mm_users): "
			       "which path is wrong is a human decision");
	if (!strcmp(u->verdict, "unknown"))
		return xstrdup("where the mm comes from could not be "
			       "followed: no evidence that a reference is "
			       "missing");
	return xstrfmt("no automatic fix for the verdict %s", u->verdict);
}

/*
 * A live use of an mm pinned by mmgrab() alone: held across the span of
 * the mmap lock, when that is the first live use and it runs where the
 * owner may be gone (a work item, a kernel thread).
 */
static enum fix_shape live_shape(const struct use_site *u, char **why)
{
	const struct fact *f = u->use;
	const char *ctx = fact_str(f, "context");

	if (!ctx || (strcmp(ctx, "work") && strcmp(ctx, "kthread"))) {
		*why = xstrfmt("%s() is not a work item or a kernel thread: "
			       "it may run in the owner's own context, where "
			       "the mm is live", f->function);
		return SHAPE_NONE;
	}
	if (strcmp(f->api, "mmap_read_lock") && strcmp(f->api, "mmap_write_lock")) {
		*why = xstrfmt("the first live use is %s(), not an mmap lock "
			       "taken and released in %s(): which span to "
			       "hold is a human decision", f->api, f->function);
		return SHAPE_NONE;
	}
	return SHAPE_LIVE;
}

enum fix_shape fix_select(const struct use_site *u, const char **rule,
			  char **why)
{
	const struct fact *f = u->use;
	enum fix_shape s;

	*rule = u->findings[0].rule->id;
	*why = NULL;
	if (u->family == FAMILY_LIVE &&
	    !strcmp(*rule, "mm-live-mmgrab-only"))
		return live_shape(u, why);
	if (u->family != FAMILY_USE_MM) {
		*why = xstrdup("no automatic fix for this rule: the free or "
			       "the lifetime must be restructured by hand");
		return SHAPE_NONE;
	}
	if (f->macro) {
		*why = xstrfmt("the use is in macro %s: spatch does not "
			       "rewrite the statements of a #define body, and "
			       "each caller needs the reference%s",
			       f->function, strcmp(u->verdict, "unknown") ? "" :
			       " (where its callers' mm comes from was not "
			       "followed either)");
		return SHAPE_NONE;
	}
	if (strcmp(f->api, "kthread_use_mm") && strcmp(f->api, "use_mm")) {
		*why = xstrfmt("a call of wrapper %s(), whose own use got no "
			       "fix: the reference belongs in the wrapper or "
			       "its callers", f->api);
		return SHAPE_NONE;
	}
	s = local_shape(u, rule);
	if (s != SHAPE_NONE)
		return s;
	if (!strcmp(u->verdict, "mmgrab-only")) {
		*rule = "use-mm-mmgrab-only";
		return SHAPE_HOLD;
	}
	if (!strcmp(u->verdict, "unreferenced")) {
		*rule = "use-mm-unreferenced";
		return SHAPE_PIN;
	}
	/* a finding about the flow that no shape rewrites */
	if (strncmp(*rule, "use-mm-", 7) || strcmp(*rule + 7, u->verdict))
		*why = xstrfmt("no automatic fix for %s: the function's flow "
			       "must be changed by hand", *rule);
	else
		*why = verdict_why(u);
	return SHAPE_NONE;
}
