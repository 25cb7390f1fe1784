/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Batches: one spatch run over several files. Starting spatch costs about
 * 0.3 s (its macro file, the semantic patch, Python) before it reads a
 * line of C, and many candidate files take less than that to analyse, so
 * the scan hands each run a batch of files with --file-groups, one file a
 * group: spatch treats each group on its own, exactly as a run on that
 * file alone, and the driver splits what it printed back into per-file
 * results, for the fact store and the per-file cache alike.
 *
 * A batch file that anything is wrong with (spatch raised an exception on
 * it, never reached it, or printed a line that names no file of the
 * batch) is not guessed at: the caller runs it again on its own, where a
 * failure is spatch's exit status and an error message of its own.
 */
#ifndef MMCHECK_BATCH_H
#define MMCHECK_BATCH_H

#include <stddef.h>

#include "strbuf.h"

/* Files in one batch, at most. */
#define BATCH_MAX_FILES 32

struct batch_file {
	const char *file;	/* as spatch was given it: relative */
	struct strbuf out;	/* its fact lines */
	struct strbuf err;	/* what spatch said on stderr while on it */
	int bad;		/* to be run again alone */
};

/*
 * Bytes of C a batch gets at least, when the group has that many: a
 * spatch start with Python scripting (pyml looks for libpython with a
 * dozen subprocesses) costs about 0.3 s, the time to analyse some 80 KB
 * of C; at 1 MB a batch the starts are under a tenth of the run.
 */
#define BATCH_MIN_BYTES (1024 * 1024)

/*
 * How many files a batch of a group of n tasks (one semantic patch, one
 * environment) of bytes bytes in all gets, for jobs workers: as few
 * batches as keep each start under a tenth of its batch's work
 * (BATCH_MIN_BYTES a batch), but at least one a worker, so that a group
 * alone keeps every worker busy, and at most BATCH_MAX_FILES files a
 * batch. The batches are dealt equal bytes, the biggest file first, so
 * the last ones end close together. 1 means no batching.
 */
size_t batch_size(size_t n, size_t bytes, int jobs);

/* The --file-groups text for these files: one group each. Caller frees. */
char *batch_groups(const struct batch_file *files, size_t nr);

/*
 * Split the stdout and stderr of a successful run over files[] (in that
 * order) into files[i].out and .err, and set .bad where a file cannot be
 * trusted. Returns how many are bad.
 */
size_t batch_split(const char *out, const char *err, struct batch_file *files,
		   size_t nr);

void batch_files_release(struct batch_file *files, size_t nr);

#endif
