// SPDX-License-Identifier: GPL-2.0-only
/*
 * The progress line on stderr; see progress.h.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner.h"
#include "progress.h"
#include "usage.h"

/* A terminal is redrawn this often at most: it is cheap, but not free. */
#define PROGRESS_INTERVAL 0.1
/* A stage shorter than this shows nothing: no flicker of short stages. */
#define PROGRESS_DELAY 0.5

struct progress {
	char *title;
	size_t total, last;
	double started;
	double drawn;		/* when it was last drawn */
	size_t width;		/* of the line drawn, to clear it */
};

static int shown;
static char *context;

int progress_setup(int quiet)
{
	shown = !quiet && isatty(STDERR_FILENO);
	return shown;
}

int progress_shown(void)
{
	return shown;
}

void progress_context(const char *fmt, ...)
{
	va_list ap;

	free(context);
	context = NULL;
	if (!fmt)
		return;
	va_start(ap, fmt);
	if (vasprintf(&context, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
}

static void draw(struct progress *p, size_t done)
{
	char line[256];
	int n;

	if (p->total)
		n = snprintf(line, sizeof(line), "mmcheck: %s%s%s: %zu/%zu",
			     context ? context : "", context ? ": " : "",
			     p->title, done, p->total);
	else
		n = snprintf(line, sizeof(line), "mmcheck: %s%s%s...",
			     context ? context : "", context ? ": " : "",
			     p->title);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	/* pad over what a longer line before left */
	fprintf(stderr, "\r%s%*s", line,
		p->width > (size_t)n ? (int)(p->width - (size_t)n) : 0, "");
	fflush(stderr);
	if ((size_t)n > p->width)
		p->width = (size_t)n;
	p->drawn = monotonic_seconds();
	p->last = done;
}

struct progress *progress_start(const char *title, size_t total)
{
	struct progress *p;

	if (!shown)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->title = xstrdup(title);
	p->total = total;
	p->started = monotonic_seconds();
	return p;
}

void progress_update(struct progress *p, size_t done)
{
	double now;

	if (!p || (p->width && done == p->last))
		return;
	now = monotonic_seconds();
	if (now - p->started < PROGRESS_DELAY ||
	    (p->width && now - p->drawn < PROGRESS_INTERVAL))
		return;
	draw(p, done);
}

void progress_stop(struct progress **pp)
{
	struct progress *p = *pp;

	if (!p)
		return;
	if (p->width) {
		fprintf(stderr, "\r%*s\r", (int)p->width, "");
		fflush(stderr);
	}
	free(p->title);
	free(p);
	*pp = NULL;
}
