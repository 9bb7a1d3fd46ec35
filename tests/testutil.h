/* testutil.h - helpers shared by the test suites: running a program
 * without a shell and capturing what it does, and finding test files.
 *
 * Everything is static inline, so a suite that includes this file and
 * uses only part of it gets no warnings.  The helpers abort the test
 * (cr_assert_fail) only on failures of the test machinery itself, never
 * because of what the program under test does. */
#ifndef NEWSLENS_TESTUTIL_H
#define NEWSLENS_TESTUTIL_H

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* What one run of a program did. */
struct run {
	int	 status;	/* exit status; 128 + N if killed by signal N */
	bool	 signaled;	/* it was killed by a signal */
	bool	 timed_out;	/* it ran past the timeout and was killed */
	double	 seconds;	/* wall-clock time from spawn to exit */
	long	 maxrss_kb;	/* its peak resident set size, in KiB */
	char	*out;		/* its standard output, NUL-terminated */
	size_t	 outlen;
	char	*err;		/* its standard error, NUL-terminated */
	size_t	 errlen;
};

#define RUN_TIMEOUT_DEFAULT 10.0	/* seconds */

/* The value of an environment variable that the test needs; fails the
 * test with a hint when it is not set (run the suite with make check). */
static inline const char *
test_env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL || *v == '\0')
		cr_assert_fail("%s is not set: run the tests with 'make check', "
		    "or set NEWSLENS, TESTDIR and DATADIR", name);
	return v;
}

/* A caller-owned "dir/rel". */
static inline char *
test_join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = malloc(n);

	cr_assert_not_null(p);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

/* A caller-owned path of rel inside the tests directory ($TESTDIR). */
static inline char *
test_path(const char *rel)
{
	return test_join(test_env("TESTDIR"), rel);
}

/* A caller-owned path of rel inside the data directory ($DATADIR). */
static inline char *
data_path(const char *rel)
{
	return test_join(test_env("DATADIR"), rel);
}

/* The program under test ($NEWSLENS). */
static inline const char *
test_prog(void)
{
	return test_env("NEWSLENS");
}

static inline double
run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Appends what is ready on fd to *buf; returns false at end of file. */
static inline bool
run_drain(int fd, char **buf, size_t *len, size_t *cap)
{
	ssize_t n;

	if (*cap - *len < 4096) {
		*cap = *cap * 2 + 4096;
		*buf = realloc(*buf, *cap + 1);
		cr_assert_not_null(*buf);
	}
	n = read(fd, *buf + *len, *cap - *len);
	if (n > 0) {
		*len += (size_t)n;
		return true;
	}
	return n == -1 && (errno == EINTR || errno == EAGAIN);
}

/* Runs argv[0] with argv (NULL-terminated; argv[0] is the path of the
 * program, not searched in PATH) and no shell, feeding it stdin_data
 * (or /dev/null when NULL) and capturing its standard output and error
 * separately.  Kills it after timeout seconds. */
static inline void
run_prog_timeout(struct run *r, const char *const argv[],
    const char *stdin_data, double timeout)
{
	posix_spawn_file_actions_t fa;
	int in[2], out[2], err[2], wstatus, rc;
	struct rusage ru;
	size_t outcap = 0, errcap = 0, inlen, inoff = 0;
	struct pollfd pfd[3];
	double start, deadline;
	bool out_open = true, err_open = true;
	pid_t pid;

	memset(r, 0, sizeof *r);
	inlen = stdin_data ? strlen(stdin_data) : 0;
	cr_assert(pipe(in) == 0 && pipe(out) == 0 && pipe(err) == 0,
	    "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	if (stdin_data != NULL)
		posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
		    O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	for (int i = 0; i < 2; i++) {
		posix_spawn_file_actions_addclose(&fa, in[i]);
		posix_spawn_file_actions_addclose(&fa, out[i]);
		posix_spawn_file_actions_addclose(&fa, err[i]);
	}
	start = run_now();
	deadline = start + timeout;
	rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv,
	    environ);
	posix_spawn_file_actions_destroy(&fa);
	cr_assert(rc == 0, "cannot run %s: %s", argv[0], strerror(rc));
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (stdin_data == NULL || inlen == 0) {
		close(in[1]);
		in[1] = -1;
	} else
		fcntl(in[1], F_SETFL, O_NONBLOCK);
	/* A program that dies early must not kill the test with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);

	while (out_open || err_open) {
		double left = deadline - run_now();
		int n = 0, ms;

		if (left <= 0) {
			r->timed_out = true;
			kill(pid, SIGKILL);
			break;
		}
		ms = (int)(left * 1000) + 1;
		pfd[0] = (struct pollfd){ .fd = out_open ? out[0] : -1,
		    .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = err_open ? err[0] : -1,
		    .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = in[1], .events = POLLOUT };
		n = poll(pfd, 3, ms);
		if (n == -1 && errno == EINTR)
			continue;
		cr_assert(n >= 0, "poll: %s", strerror(errno));
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			out_open = run_drain(out[0], &r->out, &r->outlen,
			    &outcap);
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))
			err_open = run_drain(err[0], &r->err, &r->errlen,
			    &errcap);
		if (pfd[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
			ssize_t w = write(in[1], stdin_data + inoff,
			    inlen - inoff);

			if (w > 0)
				inoff += (size_t)w;
			if ((w == -1 && errno != EAGAIN && errno != EINTR) ||
			    inoff == inlen) {
				close(in[1]);
				in[1] = -1;
			}
		}
	}
	if (in[1] != -1)
		close(in[1]);
	close(out[0]);
	close(err[0]);
	while (wait4(pid, &wstatus, 0, &ru) == -1)
		cr_assert(errno == EINTR, "wait4: %s", strerror(errno));
	r->seconds = run_now() - start;
	r->maxrss_kb = ru.ru_maxrss;
	if (WIFEXITED(wstatus))
		r->status = WEXITSTATUS(wstatus);
	else {
		r->signaled = true;
		r->status = 128 + WTERMSIG(wstatus);
	}
	/* Always NUL-terminated, even when empty. */
	if (r->out == NULL)
		r->out = calloc(1, 1);
	if (r->err == NULL)
		r->err = calloc(1, 1);
	cr_assert(r->out != NULL && r->err != NULL);
	r->out[r->outlen] = '\0';
	r->err[r->errlen] = '\0';
}

static inline void
run_prog(struct run *r, const char *const argv[], const char *stdin_data)
{
	run_prog_timeout(r, argv, stdin_data, RUN_TIMEOUT_DEFAULT);
}

static inline void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
	r->outlen = r->errlen = 0;
}

/* Whether s[0..len) holds the n bytes of needle. */
static inline bool
mem_has(const char *s, size_t len, const char *needle, size_t n)
{
	size_t i;

	if (n == 0)
		return true;
	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* Writes len bytes to a new file at path (fails the test otherwise). */
static inline void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	cr_assert_not_null(fp, "cannot create %s: %s", path, strerror(errno));
	cr_assert(fwrite(data, 1, len, fp) == len && fclose(fp) == 0,
	    "cannot write %s", path);
}

/* A new, caller-owned temporary directory. */
static inline char *
make_tempdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = test_join(tmp && *tmp ? tmp : "/tmp",
	    "newslens-test.XXXXXX");

	cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
	return dir;
}

/* s[0..len) with its control bytes as \xNN, for a failure message
 * that must not itself drive the terminal; a new string. */
static inline char *
vis(const char *s, size_t len)
{
	char *v = malloc(len * 4 + 1), *p = v;

	cr_assert_not_null(v);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			p += sprintf(p, "\\x%02X", c);
		else
			*p++ = (char)c;
	}
	*p = '\0';
	return v;
}

/* tmpl with every "TARGET" replaced by target; a new string. */
static inline char *
subst(const char *tmpl, const char *target)
{
	size_t cap = strlen(tmpl) * (strlen(target) + 1) + 1, len = 0;
	char *s = malloc(cap);
	const char *at;

	cr_assert_not_null(s);
	while ((at = strstr(tmpl, "TARGET")) != NULL) {
		memcpy(s + len, tmpl, (size_t)(at - tmpl));
		len += (size_t)(at - tmpl);
		strcpy(s + len, target);
		len += strlen(target);
		tmpl = at + 6;
	}
	strcpy(s + len, tmpl);
	return s;
}

/* Mounts a tmpfs of `size` (as "64k") on dir, in a mount namespace of
 * the calling test process alone, so that it goes away with it and the
 * programs it runs see it; false where that is not allowed (not root,
 * no namespaces), for the test to skip. */
static inline bool
test_small_tmpfs(const char *dir, const char *size)
{
	char opts[64];

	if (geteuid() != 0 || unshare(CLONE_NEWNS) != 0)
		return false;
	if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
		return false;
	snprintf(opts, sizeof opts, "size=%s,mode=0755", size);
	return mount("tmpfs", dir, "tmpfs", 0, opts) == 0;
}

#endif
