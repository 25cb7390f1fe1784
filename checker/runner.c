// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parallel child runner; see runner.h.
 *
 * Each child gets its own process group, so that a timeout or an interrupt
 * also kills what it started (spatch starts Python). Output is read with
 * poll() into per-child buffers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"
#include "usage.h"

struct slot {
	struct child c;
	pid_t pid;
	int fd[2];		/* stdout, stderr; -1 when closed */
	double start;
	double since;		/* start, or the last progress */
	int busy;
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child_reset(struct child *c)
{
	strlist_clear(&c->argv);
	strbuf_release(&c->out);
	strbuf_release(&c->err);
	c->dir = NULL;
	c->env = NULL;
	c->input = NULL;
	c->progress = NULL;
	c->data = NULL;
	c->status = c->timed_out = c->spawn_errno = 0;
	c->seconds = 0;
}

/*
 * The child's input as a file without a name: it can be as long as it
 * likes without a writer in the poll loop, and nothing is left on disk.
 */
static int input_fd(const char *input)
{
	size_t len = strlen(input);
	int fd = memfd_create("mmcheck-input", MFD_CLOEXEC);

	if (fd < 0)
		die_errno("cannot create the input of a child");
	while (len) {
		ssize_t n = write(fd, input, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die_errno("cannot write the input of a child");
		input += n;
		len -= (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) < 0)
		die_errno("cannot rewind the input of a child");
	return fd;
}

static void start(struct slot *s)
{
	int out[2], err[2], ex[2], in = -1;
	char **argv;
	ssize_t n;
	int e = 0;

	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) ||
	    pipe2(ex, O_CLOEXEC))
		die_errno("cannot create pipe");
	if (s->c.input)
		in = input_fd(s->c.input);
	argv = xcalloc(s->c.argv.nr + 1, sizeof(*argv));
	memcpy(argv, s->c.argv.items, s->c.argv.nr * sizeof(*argv));
	s->start = s->since = monotonic_seconds();
	s->pid = fork();
	if (s->pid < 0)
		die_errno("cannot fork");
	if (!s->pid) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		if (in >= 0)
			dup2(in, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		for (size_t i = 0; s->c.env && i < s->c.env->nr; i++)
			putenv(s->c.env->items[i]);
		if (s->c.dir && chdir(s->c.dir) < 0) {
			e = errno;
		} else {
			execvp(argv[0], argv);
			e = errno;
		}
		/* tell the parent why exec failed */
		n = write(ex[1], &e, sizeof(e));
		(void)n;
		_exit(127);
	}
	setpgid(s->pid, s->pid);
	free(argv);
	if (in >= 0)
		close(in);
	close(out[1]);
	close(err[1]);
	close(ex[1]);
	if (read(ex[0], &e, sizeof(e)) == (ssize_t)sizeof(e))
		s->c.spawn_errno = e;
	close(ex[0]);
	s->fd[0] = out[0];
	s->fd[1] = err[0];
	s->busy = 1;
}

static void drain(struct slot *s, int which)
{
	char buf[65536];
	ssize_t n = read(s->fd[which], buf, sizeof(buf));

	if (n > 0) {
		strbuf_add(which ? &s->c.err : &s->c.out, buf, (size_t)n);
		/* a marker split across two reads is only noticed late */
		if (which && s->c.progress &&
		    memmem(buf, (size_t)n, s->c.progress, strlen(s->c.progress)))
			s->since = monotonic_seconds();
	} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(s->fd[which]);
		s->fd[which] = -1;
	}
}

static void finish(struct slot *s, const struct runner_ops *ops, void *cb)
{
	int st;

	while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st))
		s->c.status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		s->c.status = 128 + WTERMSIG(st);
	s->c.seconds = monotonic_seconds() - s->start;
	s->busy = 0;
	ops->task_done(&s->c, cb);
	child_reset(&s->c);
}

static void kill_group(struct slot *s)
{
	kill(-s->pid, SIGKILL);
	kill(s->pid, SIGKILL);
}

/* Start a task in every idle slot while there are tasks; *more = 0 after. */
static int fill_slots(struct slot *slots, int jobs,
		      const struct runner_ops *ops, void *cb, int *more)
{
	int started = 0;

	for (int i = 0; *more && i < jobs; i++) {
		if (slots[i].busy)
			continue;
		if (!ops->next_task(&slots[i].c, cb)) {
			child_reset(&slots[i].c);
			*more = 0;
			break;
		}
		start(&slots[i]);
		started++;
	}
	return started;
}

/* Wait up to wait_ms for output of the busy slots; how many fds polled. */
static int poll_slots(struct slot *slots, int jobs, struct pollfd *pfd,
		      int wait_ms)
{
	int n = 0;

	for (int i = 0; i < jobs; i++)
		for (int w = 0; w < 2; w++)
			if (slots[i].busy && slots[i].fd[w] >= 0) {
				pfd[n].fd = slots[i].fd[w];
				pfd[n].events = POLLIN;
				pfd[n].revents = 0;
				n++;
			}
	if (n && poll(pfd, (nfds_t)n, wait_ms) < 0 && errno != EINTR)
		die_errno("poll failed");
	return n;
}

/*
 * Read what the children printed, kill the ones over the time limit,
 * finish the ones that closed both pipes. Returns how many finished.
 */
static int service_slots(struct slot *slots, int jobs,
			 const struct pollfd *pfd, int n, double timeout,
			 const struct runner_ops *ops, void *cb)
{
	int finished = 0;

	for (int i = 0; i < jobs; i++) {
		struct slot *s = &slots[i];

		if (!s->busy)
			continue;
		for (int w = 0; w < 2; w++)
			for (int k = 0; k < n; k++)
				if (pfd[k].fd == s->fd[w] && pfd[k].revents)
					drain(s, w);
		if (timeout > 0 && !s->c.timed_out &&
		    monotonic_seconds() - s->since > timeout) {
			s->c.timed_out = 1;
			kill_group(s);
		}
		if (s->fd[0] < 0 && s->fd[1] < 0) {
			finish(s, ops, cb);
			finished++;
		}
	}
	return finished;
}

/* Interrupted: no child outlives the run. */
static void kill_all(struct slot *slots, int jobs)
{
	for (int i = 0; i < jobs; i++) {
		if (!slots[i].busy)
			continue;
		kill_group(&slots[i]);
		for (int w = 0; w < 2; w++)
			if (slots[i].fd[w] >= 0)
				close(slots[i].fd[w]);
		waitpid(slots[i].pid, NULL, 0);
		child_reset(&slots[i].c);
	}
}

int run_parallel(int jobs, double timeout, const struct runner_ops *ops,
		 void *cb)
{
	struct slot *slots;
	struct pollfd *pfd;
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };
	struct sigaction sa, old[ARRAY_SIZE(sigs)];
	int more = 1, running = 0;

	if (jobs < 1)
		jobs = 1;
	slots = xcalloc((size_t)jobs, sizeof(*slots));
	pfd = xcalloc((size_t)jobs * 2, sizeof(*pfd));
	for (int i = 0; i < jobs; i++) {
		strbuf_init(&slots[i].c.out, 0);
		strbuf_init(&slots[i].c.err, 0);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* no spatch outlives the run, whatever signal ends it */
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		sigaction(sigs[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	interrupted = 0;

	while (!interrupted && (more || running)) {
		int n;

		running += fill_slots(slots, jobs, ops, cb, &more);
		n = poll_slots(slots, jobs, pfd, 200);
		running -= service_slots(slots, jobs, pfd, n, timeout, ops, cb);
	}
	if (interrupted)
		kill_all(slots, jobs);
	for (int i = 0; i < jobs; i++)
		child_reset(&slots[i].c);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &old[i], NULL);
	/*
	 * The children are gone. An interrupt or a termination is reported
	 * ("interrupted"); a hang-up or a quit goes on to the handler from
	 * before (which removes temporary files), and we die of it.
	 */
	if (interrupted == SIGHUP || interrupted == SIGQUIT)
		raise(interrupted);
	free(slots);
	free(pfd);
	return interrupted ? -1 : 0;
}
