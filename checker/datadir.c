// SPDX-License-Identifier: GPL-2.0-only
/*
 * Locating mmcheck's data files; see datadir.h.
 */
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "usage.h"

#ifndef MMCHECK_DATADIR
#define MMCHECK_DATADIR "."
#endif

static char *found;

static int has_rules(const char *dir)
{
	char *p = xstrfmt("%s/rules", dir);
	struct stat st;
	int ok = !stat(p, &st) && S_ISDIR(st.st_mode);

	free(p);
	return ok;
}

const char *mmcheck_datadir(void)
{
	const char *env = getenv("MMCHECK_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;

	if (found)
		return found;
	if (env && *env) {
		found = xstrdup(env);
		return found;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *up;

		exe[n] = '\0';
		up = xstrfmt("%s/..", dirname(exe));
		if (has_rules(up)) {
			found = realpath(up, NULL);
			free(up);
			if (found)
				return found;
		} else {
			free(up);
		}
	}
	found = xstrdup(MMCHECK_DATADIR);
	return found;
}

char *mmcheck_data_path(const char *rel)
{
	return xstrfmt("%s/%s", mmcheck_datadir(), rel);
}
