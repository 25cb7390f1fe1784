// SPDX-License-Identifier: GPL-2.0-only
/*
 * Batches of files in one spatch run; see batch.h.
 *
 * What spatch prints in --file-groups mode, with --quiet:
 *   stderr: a preamble (init_defs_builtins: ..., parse warnings of the
 *           semantic patch), then per group "HANDLING: FILE" followed by
 *           what was said while on it, parse errors and "bad:" lines, or
 *           "EXN: ... in FILE" when a script raised and spatch went on;
 *   stdout: the fact lines, each a JSON object naming its "file".
 */
#include <jansson.h>
#include <string.h>

#include "batch.h"
#include "usage.h"

size_t batch_size(size_t n, size_t bytes, int jobs)
{
	size_t nb = bytes / BATCH_MIN_BYTES;
	size_t workers = jobs > 0 ? (size_t)jobs : 1;

	if (!n)
		return 1;
	if (nb < workers)
		nb = workers;
	if (nb > n)
		nb = n;
	if ((n + nb - 1) / nb > BATCH_MAX_FILES)
		nb = (n + BATCH_MAX_FILES - 1) / BATCH_MAX_FILES;
	return (n + nb - 1) / nb;
}

char *batch_groups(const struct batch_file *files, size_t nr)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < nr; i++)
		strbuf_addf(&sb, "%s\n\n", files[i].file);
	return strbuf_detach(&sb, NULL);
}

static struct batch_file *find(struct batch_file *files, size_t nr,
			       const char *file, size_t len)
{
	for (size_t i = 0; i < nr; i++)
		if (strlen(files[i].file) == len &&
		    !memcmp(files[i].file, file, len))
			return &files[i];
	return NULL;
}

/* The "file" of one fact line, or NULL if the line is not a fact. */
static char *fact_file(const char *line, size_t len)
{
	json_t *o = json_loadb(line, len, 0, NULL);
	const char *f = json_string_value(json_object_get(o, "file"));
	char *ret = f ? xstrdup(f) : NULL;

	json_decref(o);
	return ret;
}

static void split_out(const char *out, struct batch_file *files, size_t nr)
{
	const char *p = out;

	while (*p) {
		size_t len = strcspn(p, "\n");
		char *f = len ? fact_file(p, len) : NULL;
		struct batch_file *bf = f ? find(files, nr, f, strlen(f)) : NULL;

		if (bf) {
			strbuf_add(&bf->out, p, len);
			strbuf_addch(&bf->out, '\n');
		} else if (len) {
			/* not a fact, or not of this batch: nobody's */
			for (size_t i = 0; i < nr; i++)
				files[i].bad = 1;
		}
		free(f);
		p += len + (p[len] == '\n');
	}
}

static void split_err(const char *err, struct batch_file *files, size_t nr)
{
	struct batch_file *cur = NULL;
	const char *p = err;
	int *seen = xcalloc(nr ? nr : 1, sizeof(*seen));

	while (*p) {
		size_t len = strcspn(p, "\n");

		if (!strncmp(p, "HANDLING: ", 10)) {
			cur = find(files, nr, p + 10, len - 10);
			if (cur)
				seen[cur - files] = 1;
		} else if (cur) {
			strbuf_add(&cur->err, p, len);
			strbuf_addch(&cur->err, '\n');
			if (!strncmp(p, "EXN:", 4))
				cur->bad = 1;
		}
		p += len + (p[len] == '\n');
	}
	for (size_t i = 0; i < nr; i++)
		if (!seen[i])
			files[i].bad = 1;
	free(seen);
}

size_t batch_split(const char *out, const char *err, struct batch_file *files,
		   size_t nr)
{
	size_t bad = 0;

	split_out(out, files, nr);
	split_err(err, files, nr);
	for (size_t i = 0; i < nr; i++)
		bad += files[i].bad;
	return bad;
}

void batch_files_release(struct batch_file *files, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		strbuf_release(&files[i].out);
		strbuf_release(&files[i].err);
	}
}
