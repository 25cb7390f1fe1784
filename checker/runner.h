/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs child processes in parallel through one loop with callbacks: the
 * caller hands out tasks and is told when each finishes, with that child's
 * stdout and stderr buffered whole so that outputs never interleave.
 */
#ifndef MMCHECK_RUNNER_H
#define MMCHECK_RUNNER_H

#include "strbuf.h"
#include "strlist.h"

struct child {
	struct strlist argv;	/* filled by next_task; argv[0] is looked up in PATH */
	const char *dir;	/* working directory, or NULL */
	const struct strlist *env;	/* "NAME=value" to add, or NULL */
	const char *input;	/* the child's stdin, or NULL: the runner's */
	/*
	 * If set, the limit is per piece of work: it starts again each time
	 * the child's stderr shows this text (spatch's "HANDLING: " before
	 * each file of a batch).
	 */
	const char *progress;
	void *data;		/* the caller's, per task */

	/* filled when the child finishes */
	struct strbuf out, err;
	int status;		/* exit code, or 128 + signal number */
	int timed_out;		/* killed after the time limit */
	int spawn_errno;	/* exec failed: errno, status is 127 */
	double seconds;
};

struct runner_ops {
	/* Fill c->argv (and dir, data); return 0 when no task is left. */
	int (*next_task)(struct child *c, void *cb);
	/* Called once per task, in completion order. */
	void (*task_done)(struct child *c, void *cb);
};

/* Seconds on the monotonic clock, for elapsed times. */
double monotonic_seconds(void);

/*
 * Run tasks with at most jobs children at once. A child running longer
 * than timeout seconds (0: no limit) since it started or last showed
 * progress is killed with its process group.
 * Returns 0, or -1 if interrupted.
 */
int run_parallel(int jobs, double timeout, const struct runner_ops *ops,
		 void *cb);

#endif
