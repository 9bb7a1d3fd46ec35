/* replay.c - runs a fuzz harness over its committed corpus without
 * libFuzzer, for make check.
 *
 * Linked with one harness (its LLVMFuzzerTestOneInput), the program
 * replays every file of $TESTDIR/fuzz/corpus/NAME, NAME being its own
 * name without the "replay_" prefix, or the files and directories given
 * as arguments.  Each input runs in a child process, so that a crash
 * names its input and the others still run.  TAP on standard output:
 * one "not ok" per input that fails, and one line for the whole corpus. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* Harnesses with no set-up leave this undefined. */
int LLVMFuzzerInitialize(int *, char ***) __attribute__((weak));

static int tap_n;
static size_t inputs, failures;

static unsigned char *
slurp(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - len < 65536) {
			cap = cap * 2 + 65536;
			data = realloc(data, cap);
			if (data == NULL) {
				fclose(fp);
				return NULL;
			}
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		free(data);
		data = NULL;
	}
	fclose(fp);
	*lenp = len;
	return data;
}

static void
replay_file(const char *path)
{
	unsigned char *data;
	size_t len = 0;
	pid_t pid;
	int status;

	inputs++;
	fflush(stdout);
	pid = fork();
	if (pid == -1) {
		printf("Bail out! fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		data = slurp(path, &len);
		if (data == NULL) {
			fprintf(stderr, "%s: cannot read: %s\n", path,
			    strerror(errno));
			exit(1);
		}
		/* An exact-size copy, so that ASan sees reads past the end. */
		unsigned char *copy = malloc(len ? len : 1);

		if (copy == NULL)
			exit(1);
		memcpy(copy, data, len);
		free(data);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		/* exit, not _exit: the leak checker runs at exit. */
		exit(0);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			printf("Bail out! waitpid: %s\n", strerror(errno));
			exit(1);
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	failures++;
	if (WIFSIGNALED(status))
		printf("not ok %d - %s: killed by signal %d\n", ++tap_n, path,
		    WTERMSIG(status));
	else
		printf("not ok %d - %s: exit status %d\n", ++tap_n, path,
		    WEXITSTATUS(status));
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file below path (in name order), or path itself. */
static void
replay_path(const char *path)
{
	struct stat sb;
	struct dirent *e;
	char **names = NULL, *sub;
	size_t n = 0, i;
	DIR *d;

	if (stat(path, &sb) == -1) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(1);
	}
	if (!S_ISDIR(sb.st_mode)) {
		replay_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		printf("Bail out! %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		if (names == NULL || (names[n] = strdup(e->d_name)) == NULL) {
			printf("Bail out! out of memory\n");
			exit(1);
		}
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		sub = malloc(strlen(path) + strlen(names[i]) + 2);
		if (sub == NULL) {
			printf("Bail out! out of memory\n");
			exit(1);
		}
		sprintf(sub, "%s/%s", path, names[i]);
		replay_path(sub);
		free(sub);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	const char *self = strrchr(argv[0], '/'), *testdir, *name;
	char *dir;
	int i;

	self = self ? self + 1 : argv[0];
	/* libtool-style "lt-" and automake's .exe need no handling here. */
	name = strncmp(self, "replay_", 7) == 0 ? self + 7 : self;
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (i = 1; i < argc; i++)
			replay_path(argv[i]);
		printf("%s %d - %zu inputs replayed\n", failures ? "not ok" :
		    "ok", ++tap_n, inputs);
		printf("1..%d\n", tap_n);
		return failures > 0;
	}
	testdir = getenv("TESTDIR");
	if (testdir == NULL || *testdir == '\0') {
		printf("Bail out! TESTDIR is not set: run with make check\n");
		return 1;
	}
	dir = malloc(strlen(testdir) + strlen(name) + 16);
	if (dir == NULL)
		return 1;
	sprintf(dir, "%s/fuzz/corpus/%s", testdir, name);
	replay_path(dir);
	printf("%s %d - fuzz/corpus/%s: %zu inputs replayed, %zu failed\n",
	    failures ? "not ok" : "ok", ++tap_n, name, inputs, failures);
	printf("1..%d\n", tap_n);
	free(dir);
	return 0;
}
