/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A progress line on stderr for the long commands, in the manner of
 * git's progress.h: "mmcheck: [CONTEXT: ]TITLE: DONE/TOTAL", rewritten
 * in place, at most ten times a second, from half a second into a stage
 * on (a shorter stage shows nothing), and cleared when the stage ends. Shown only when stderr is a terminal and the command was not
 * given -q/--quiet; otherwise every call below does nothing, so callers
 * never test whether progress is on.
 */
#ifndef MMCHECK_PROGRESS_H
#define MMCHECK_PROGRESS_H

#include <stddef.h>

/* Set-up: once per command, after its options */

/*
 * Show progress from now on if quiet is 0 and stderr is a terminal.
 * Returns whether it is shown.
 */
int progress_setup(int quiet);
int progress_shown(void);

/*
 * A prefix for every line from now on, e.g. "patch 2/3" while check-patch
 * scans the tree after its second patch; NULL for none. Copied.
 */
void progress_context(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* One stage */

struct progress;

/*
 * Start a stage of total steps (0: unknown, the title alone is shown).
 * Returns NULL when progress is not shown; the functions below take NULL.
 */
struct progress *progress_start(const char *title, size_t total);

/*
 * done steps of the stage are over (not an increment). Call it also
 * while nothing moves, so that a long first step is seen: the line is
 * drawn only from the stage's first half second on.
 */
void progress_update(struct progress *p, size_t done);

/* The stage is over: its line is cleared, *p freed and set to NULL. */
void progress_stop(struct progress **p);

#endif
