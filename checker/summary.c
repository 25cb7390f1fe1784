// SPDX-License-Identifier: GPL-2.0-only
/*
 * Aggregation per subsystem and atomic report writing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"
#include "usage.h"

const char *subsys_name(const struct maint_entry *e)
{
	return e ? e->name : NO_ENTRY_NAME;
}

static int cmp_summary(const void *a, const void *b)
{
	const struct subsys_summary *x = a, *y = b;

	if (x->errors != y->errors)
		return x->errors > y->errors ? -1 : 1;
	if (x->warnings != y->warnings)
		return x->warnings > y->warnings ? -1 : 1;
	if (x->uses != y->uses)
		return x->uses > y->uses ? -1 : 1;
	return strcmp(subsys_name(x->entry), subsys_name(y->entry));
}

void scan_summarize(struct scan_result *r)
{
	size_t alloc = 0;

	r->errors = r->warnings = r->safe = r->uses = r->others = 0;
	memset(r->by_confidence, 0, sizeof(r->by_confidence));
	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];
		struct subsys_summary *s = NULL;

		if (u->family == FAMILY_USE_MM)
			r->uses++;
		else
			r->others++;
		for (size_t k = 0; k < r->nsubsystems; k++)
			if (r->subsystems[k].entry == u->subsystem)
				s = &r->subsystems[k];
		if (!s) {
			ALLOC_GROW(r->subsystems, r->nsubsystems + 1, alloc);
			s = &r->subsystems[r->nsubsystems++];
			memset(s, 0, sizeof(*s));
			s->entry = u->subsystem;
		}
		s->uses++;
		if (u->nfindings)
			r->by_confidence[u->confidence]++;
		if (u->severity == SEV_ERROR) {
			s->errors++;
			r->errors++;
		} else if (u->severity == SEV_WARNING) {
			s->warnings++;
			r->warnings++;
		} else {
			s->safe++;
			r->safe++;
		}
	}
	groups_clear(&r->groups);
	groups_build(&r->groups, &r->verdicts, &r->facts);
	r->root_causes = r->groups.nr;
	if (r->nsubsystems)
		qsort(r->subsystems, r->nsubsystems, sizeof(*r->subsystems),
		      cmp_summary);
}

void scan_result_clear(struct scan_result *r)
{
	for (size_t i = 0; i < r->nnot_analysed; i++) {
		free(r->not_analysed[i].file);
		free(r->not_analysed[i].reason);
	}
	free(r->not_analysed);
	free(r->subsystems);
	free(r->candidate);
	strbuf_release(&r->raw_facts);
	for (size_t i = 0; i < r->nfile_list; i++)
		free(r->file_list[i]);
	free(r->file_list);
	for (size_t i = 0; i < r->nenvs; i++) {
		strlist_clear(r->envs[i]);
		free(r->envs[i]);
	}
	free(r->envs);
	for (size_t i = 0; i < r->nruns; i++) {
		struct scan_run *run = &r->runs[i];

		free(run->sp_path);
		free(run->sp_name);
		for (size_t k = 0; k < run->nsets; k++) {
			strlist_clear(&run->sets[k].tokens);
			strlist_clear(&run->sets[k].also);
			free(run->sets[k].regex);
		}
		free(run->sets);
		strlist_clear(&run->files);
	}
	free(r->runs);
	free(r->tree);
	free(r->kernel_version);
	free(r->spatch_version);
	groups_clear(&r->groups);
	verdicts_clear(&r->verdicts);
	arches_clear(&r->arches);
	for (size_t i = 0; i < r->npatch_stats; i++)
		free(r->patch_stats[i].name);
	free(r->patch_stats);
	facts_clear(&r->facts);
	rules_clear(&r->rules);
	maintainers_clear(&r->maintainers);
	memset(r, 0, sizeof(*r));
}

/*
 * A target that exists and is not a regular file (/dev/null, /dev/stdout,
 * a FIFO) is written in place: renaming over it would replace it.
 */
static int write_in_place(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		return error_errno("cannot open '%s'", path);
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			return error_errno("cannot write '%s'", path);
		}
		done += (size_t)n;
	}
	if (close(fd) < 0)
		return error_errno("cannot write '%s'", path);
	return 0;
}

int stage_file(const char *path, const char *buf, size_t len, char **tmp)
{
	struct stat st;
	int fd;
	size_t done = 0;

	*tmp = NULL;
	if (!stat(path, &st) && !S_ISREG(st.st_mode))
		return 0;	/* written in place by commit_file() */
	*tmp = xstrfmt("%s.tmp.%ld", path, (long)getpid());
	fd = open(*tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		error_errno("cannot create '%s'", *tmp);
		free(*tmp);
	*tmp = NULL;
		return -1;
	}
	register_tempfile(*tmp);
	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		done += (size_t)n;
	}
	if (fsync(fd) < 0 && errno != EINVAL)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	error_errno("cannot write '%s'", path);
	if (fd >= 0)
		close(fd);
	unstage_file(tmp);
	return -1;
}

void unstage_file(char **tmp)
{
	if (!*tmp)
		return;
	unlink(*tmp);
	unregister_tempfile(*tmp);
	free(*tmp);
	*tmp = NULL;
}

int commit_file(const char *path, const char *buf, size_t len, char **tmp)
{
	if (!*tmp)
		return write_in_place(path, buf, len);
	if (rename(*tmp, path) < 0) {
		error_errno("cannot write '%s'", path);
		unstage_file(tmp);
		return -1;
	}
	unregister_tempfile(*tmp);
	free(*tmp);
	*tmp = NULL;
	return 0;
}

int write_file_atomic(const char *path, const char *buf, size_t len)
{
	char *tmp;

	if (stage_file(path, buf, len, &tmp) < 0)
		return -1;
	return commit_file(path, buf, len, &tmp);
}

int write_or_print(const char *path, const char *buf)
{
	if (!path) {
		/* a write error stays in the stream: fflush() may not repeat it */
		if (fputs(buf, stdout) == EOF || fflush(stdout) || ferror(stdout))
			return error_errno("cannot write to standard output");
		return 0;
	}
	return write_file_atomic(path, buf, strlen(buf));
}
