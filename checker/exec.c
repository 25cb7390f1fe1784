// SPDX-License-Identifier: GPL-2.0-only
/*
 * One child process, both its outputs read through poll() so that neither
 * pipe can fill up and stall it; see exec.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec.h"
#include "usage.h"

int run_command(const char *dir, const char *const *argv,
		const struct strlist *env, struct strbuf *out,
		struct strbuf *err)
{
	return run_command_in(dir, argv, env, NULL, out, err);
}

int run_command_in(const char *dir, const char *const *argv,
		   const struct strlist *env, const char *in,
		   struct strbuf *out, struct strbuf *err)
{
	int po[2], pe[2], st, open_fds = 2;
	struct pollfd fds[2];
	pid_t pid;
	char buf[8192];

	if (pipe(po) || pipe(pe))
		die_errno("cannot create a pipe");
	pid = fork();
	if (pid < 0)
		die_errno("cannot fork");
	if (!pid) {
		if (in) {
			int fd = open(in, O_RDONLY | O_NOFOLLOW);

			if (fd < 0 || (fd != 0 && dup2(fd, 0) < 0))
				_exit(127);
			if (fd != 0)
				close(fd);
		}
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		close(po[1]);
		close(pe[1]);
		for (size_t i = 0; env && i < env->nr; i++)
			putenv(env->items[i]);
		if (dir && chdir(dir) < 0)
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	/* on a signal, killed before what it may be writing is removed */
	set_cleanup_child(pid);
	close(po[1]);
	close(pe[1]);
	fds[0].fd = po[0];
	fds[1].fd = pe[0];
	fds[0].events = fds[1].events = POLLIN;
	while (open_fds) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("poll");
		}
		for (int k = 0; k < 2; k++) {
			struct strbuf *sb = k ? err : out;
			ssize_t n;

			if (fds[k].fd < 0 || !fds[k].revents)
				continue;
			n = read(fds[k].fd, buf, sizeof(buf));
			if (n > 0) {
				if (sb)
					strbuf_add(sb, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[k].fd);
				fds[k].fd = -1;
				open_fds--;
			}
		}
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die_errno("waitpid");
	set_cleanup_child(0);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int run_git(const char *dir, const char *const *args, struct strbuf *out,
	    struct strbuf *err)
{
	size_t n = 0;
	const char **argv;
	int rc;

	while (args[n])
		n++;
	argv = xcalloc(n + 2, sizeof(*argv));
	argv[0] = "git";
	memcpy(argv + 1, args, n * sizeof(*argv));
	rc = run_command(dir, argv, NULL, out, err);
	free(argv);
	return rc;
}
