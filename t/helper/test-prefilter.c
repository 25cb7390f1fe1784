// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-prefilter [-j N] ROOT SET...: run the prefilter over the files
 * listed on stdin (relative to ROOT), one pass for all sets, and check
 * each answer against the plain definition of a match (has_identifier()
 * for each token, then the regex) on the same text. A SET is
 * "TOK,TOK..." or "TOK,TOK...&ALSO,ALSO...", optionally followed by
 * "/REGEX". Prints "FILE MASK" per file with any bit set and, on stderr,
 * every disagreement; exits 1 if there was one. With -t, only the
 * prefilter's own time, in seconds, on stdout: no check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "runner.h"
#include "strbuf.h"
#include "usage.h"

static void split(struct strlist *l, const char *s, size_t len)
{
	while (len) {
		size_t n = 0;

		while (n < len && s[n] != ',')
			n++;
		if (n) {
			char *tok = xstrndup(s, n);

			strlist_push_owned(l, tok);
		}
		s += n + (n < len);
		len -= n + (n < len);
	}
}

int main(int argc, char **argv)
{
	struct token_set sets[PREFILTER_MAX_SETS];
	struct strlist lists[2 * PREFILTER_MAX_SETS];
	struct strlist files = STRLIST_INIT;
	struct strbuf line = STRBUF_INIT;
	int jobs = 2, nsets = 0, bad = 0, a = 1, c, timing = 0;
	double t0;
	size_t unreadable;
	uint32_t *masks;

	if (argc > a && !strcmp(argv[a], "-t")) {
		timing = 1;
		a++;
	}
	if (argc > a + 1 && !strcmp(argv[a], "-j")) {
		jobs = atoi(argv[a + 1]);
		a += 2;
	}
	if (argc - a < 2 || argc - a - 1 > PREFILTER_MAX_SETS)
		die("usage: test-prefilter [-t] [-j N] ROOT SET... <FILES");
	for (int i = a + 1; i < argc; i++, nsets++) {
		const char *s = argv[i], *re = strchr(s, '/'), *amp, *tend;

		/* the regex may hold '&': look for it before the '/' only */
		amp = memchr(s, '&', re ? (size_t)(re - s) : strlen(s));
		tend = amp ? amp : re ? re : s + strlen(s);

		memset(&lists[2 * nsets], 0, 2 * sizeof(lists[0]));
		split(&lists[2 * nsets], s, (size_t)(tend - s));
		sets[nsets].tokens = &lists[2 * nsets];
		sets[nsets].also = NULL;
		sets[nsets].regex = NULL;
		if (amp) {
			const char *aend = re ? re : amp + strlen(amp);

			split(&lists[2 * nsets + 1], amp + 1,
			      (size_t)(aend - amp - 1));
			sets[nsets].also = &lists[2 * nsets + 1];
		}
		if (re && !(sets[nsets].regex = regex_compile(re + 1)))
			return 2;
	}
	while ((c = getchar()) != EOF) {
		if (c != '\n') {
			strbuf_addch(&line, c);
			continue;
		}
		if (line.len)
			strlist_push(&files, line.buf);
		strbuf_reset(&line);
	}
	if (line.len)
		strlist_push(&files, line.buf);
	masks = xcalloc(files.nr ? files.nr : 1, sizeof(*masks));
	t0 = monotonic_seconds();
	prefilter_run(argv[a], &files, sets, nsets, jobs, masks, &unreadable,
		      NULL);
	if (timing) {
		printf("%.3f\n", monotonic_seconds() - t0);
		goto out;
	}
	for (size_t i = 0; i < files.nr; i++) {
		char *path = xstrfmt("%s/%s", argv[a], files.items[i]);
		struct strbuf sb = STRBUF_INIT;
		uint32_t want = 0;

		if (strbuf_read_file(&sb, path) == 0)
			for (int k = 0; k < nsets; k++)
				if (token_set_matches(sb.buf, sb.len, &sets[k]))
					want |= 1u << k;
		if (want != masks[i]) {
			fprintf(stderr, "%s: prefilter %#x, definition %#x\n",
				files.items[i], masks[i], want);
			bad = 1;
		}
		if (masks[i])
			printf("%s %#x\n", files.items[i], masks[i]);
		strbuf_release(&sb);
		free(path);
	}
out:
	for (int k = 0; k < nsets; k++) {
		strlist_clear(&lists[2 * k]);
		strlist_clear(&lists[2 * k + 1]);
		regex_free((struct regex *)sets[k].regex);
	}
	strlist_clear(&files);
	strbuf_release(&line);
	free(masks);
	return bad;
}
