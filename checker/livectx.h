/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live family's other party: who can run a live use of an mm that
 * only mmgrab() pins. Reads the call graph of callgraph.h; see
 * docs/verdicts.md.
 */
#ifndef MMCHECK_LIVECTX_H
#define MMCHECK_LIVECTX_H

#include "callgraph.h"
#include "site.h"

enum live_party {
	LIVE_UNDECIDED,		/* nothing found, or not all of it known */
	LIVE_HELD_CALLER,	/* every direct caller holds mm_users */
	LIVE_OWNER,		/* reached only from the mm's owner */
	LIVE_OPEN,		/* a context that can outlive the owner: named */
};

/*
 * Judge the live use (a FACT_LIVE_USE) of site u: first its direct
 * callers (do they all hold mm_users across the call?), then the
 * contexts its function runs in. Appends the evidence to u.
 */
enum live_party livectx_judge(const struct ctxfacts *cf,
			      const struct fact *use, struct use_site *u);

#endif
