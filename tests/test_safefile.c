/* test_safefile.c - base/safefile: a file replaced whole or not at all,
 * and a stamp that tells whether it changed since it was read.
 *
 * The failures are real ones: a folder that cannot be written (a
 * read-only tmpfs when we are root, mode 0555 otherwise), a target that
 * is a folder, a file system that fills up (a 64 KiB tmpfs, mounted in a
 * mount namespace of the test's own, so that it goes away with the test
 * process; skipped where that is not allowed) and a write refused by
 * RLIMIT_FSIZE.  After each, the original must be byte for byte what it
 * was and no temporary file may be left beside it. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/safefile.h"
#include "testutil.h"

#define ORIGINAL "<story>the original, which must survive</story>\n"

TestSuite(safefile, .timeout = 30);

/* ---- helpers ------------------------------------------------------ */

static char *
slurp(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	cr_assert_not_null(fp, "cannot open %s: %s", path, strerror(errno));
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	cr_assert_not_null(s);
	cr_assert_eq(fread(s, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	s[n] = '\0';
	*lenp = (size_t)n;
	return s;
}

/* The file at path holds exactly want. */
static void
expect_content(const char *path, const char *want, size_t wantlen)
{
	size_t len;
	char *s = slurp(path, &len);

	cr_expect(len == wantlen && memcmp(s, want, len) == 0,
	    "%s: %zu bytes, not the %zu expected", path, len, wantlen);
	free(s);
}

/* The folder holds only the entry `only` (or nothing, when NULL). */
static void
expect_alone(const char *dir, const char *only)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	cr_assert_not_null(dp);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		cr_expect(only != NULL && strcmp(de->d_name, only) == 0,
		    "left behind in %s: %s", dir, de->d_name);
		n++;
	}
	closedir(dp);
	cr_expect_eq(n, only ? 1 : 0);
}

static char *
big_data(size_t n)
{
	char *s = malloc(n);

	cr_assert_not_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + i % 26);
	return s;
}

/* ---- replacing ---------------------------------------------------- */

Test(safefile, replaces_and_keeps_the_mode)
{
	char *dir = make_tempdir(), *path = test_join(dir, "story.xml");
	char *msg = NULL;
	struct stat sb;

	write_file(path, ORIGINAL, strlen(ORIGINAL));
	cr_assert_eq(chmod(path, 0640), 0);
	cr_assert_eq(safefile_replace(path, "new\n", 4, &msg), 0, "%s", msg);
	cr_expect_null(msg);
	expect_content(path, "new\n", 4);
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_eq(sb.st_mode & 07777, 0640, "mode %o", sb.st_mode & 07777);
	expect_alone(dir, "story.xml");
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(safefile, creates_with_the_umask)
{
	char *dir = make_tempdir(), *path = test_join(dir, "new.xml");
	char *msg = NULL;
	mode_t old = umask(027);
	struct stat sb;

	cr_assert_eq(safefile_replace(path, "", 0, &msg), 0, "%s", msg);
	umask(old);
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_eq(sb.st_mode & 07777, 0640, "mode %o", sb.st_mode & 07777);
	cr_expect_eq(sb.st_size, 0);
	expect_alone(dir, "new.xml");
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

/* A link is followed: the file it names is replaced, the link stays. */
Test(safefile, follows_a_symbolic_link)
{
	char *dir = make_tempdir(), *real = test_join(dir, "real.xml");
	char *link = test_join(dir, "link.xml"), *msg = NULL;
	struct stat sb;

	write_file(real, ORIGINAL, strlen(ORIGINAL));
	cr_assert_eq(symlink("real.xml", link), 0);
	cr_assert_eq(safefile_replace(link, "new\n", 4, &msg), 0, "%s", msg);
	cr_assert_eq(lstat(link, &sb), 0);
	cr_expect(S_ISLNK(sb.st_mode), "the link was replaced by a file");
	expect_content(real, "new\n", 4);
	unlink(link);
	unlink(real);
	rmdir(dir);
	free(real);
	free(link);
	free(dir);
}

/* ---- failing, and leaving everything as it was -------------------- */

Test(safefile, read_only_folder)
{
	char *dir = make_tempdir(), *path = test_join(dir, "story.xml");
	char *msg = NULL;
	bool mounted = test_small_tmpfs(dir, "64k");
	int err;

	write_file(path, ORIGINAL, strlen(ORIGINAL));
	if (mounted)
		cr_assert_eq(mount("none", dir, "none", MS_REMOUNT | MS_RDONLY,
		    NULL), 0, "remount: %s", strerror(errno));
	else {
		cr_assert_eq(chmod(dir, 0555), 0);
		if (access(dir, W_OK) == 0)
			cr_skip_test("a 0555 folder is writable here");
	}
	err = safefile_replace(path, "new\n", 4, &msg);
	cr_expect(err == EROFS || err == EACCES, "%s", strerror(err));
	cr_assert_not_null(msg);
	cr_expect(strstr(msg, "cannot create a temporary file in") != NULL,
	    "%s", msg);
	cr_expect(strstr(msg, strerror(err)) != NULL, "%s", msg);
	expect_content(path, ORIGINAL, strlen(ORIGINAL));
	expect_alone(dir, "story.xml");
	free(msg);
	if (mounted)
		umount(dir);
	else {
		chmod(dir, 0755);
		unlink(path);
	}
	rmdir(dir);
	free(path);
	free(dir);
}

Test(safefile, target_is_a_folder)
{
	char *dir = make_tempdir(), *sub = test_join(dir, "sub");
	char *inner = test_join(sub, "kept.xml"), *msg = NULL;

	cr_assert_eq(mkdir(sub, 0755), 0);
	write_file(inner, ORIGINAL, strlen(ORIGINAL));
	cr_expect_eq(safefile_replace(sub, "new\n", 4, &msg), EISDIR);
	cr_assert_not_null(msg);
	cr_expect(strstr(msg, strerror(EISDIR)) != NULL, "%s", msg);
	expect_content(inner, ORIGINAL, strlen(ORIGINAL));
	expect_alone(dir, "sub");
	expect_alone(sub, "kept.xml");
	free(msg);
	unlink(inner);
	rmdir(sub);
	rmdir(dir);
	free(inner);
	free(sub);
	free(dir);
}

Test(safefile, file_system_full)
{
	char *dir = make_tempdir(), *path = test_join(dir, "story.xml");
	char *msg = NULL, *data = big_data(200000);

	if (!test_small_tmpfs(dir, "64k"))
		cr_skip_test("cannot mount a tmpfs here (needs root)");
	write_file(path, ORIGINAL, strlen(ORIGINAL));
	cr_expect_eq(safefile_replace(path, data, 200000, &msg), ENOSPC);
	cr_assert_not_null(msg);
	cr_expect(strstr(msg, "cannot write: ") != NULL, "%s", msg);
	expect_content(path, ORIGINAL, strlen(ORIGINAL));
	expect_alone(dir, "story.xml");
	free(msg);
	free(data);
	umount(dir);
	rmdir(dir);
	free(path);
	free(dir);
}

/* A write error anywhere, with no privilege: the file size limit. */
Test(safefile, write_error)
{
	char *dir = make_tempdir(), *path = test_join(dir, "story.xml");
	char *msg = NULL, *data = big_data(100000);
	struct rlimit rl = { 4096, 4096 };

	write_file(path, ORIGINAL, strlen(ORIGINAL));
	signal(SIGXFSZ, SIG_IGN);
	cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	cr_expect_eq(safefile_replace(path, data, 100000, &msg), EFBIG);
	cr_assert_not_null(msg);
	cr_expect(strstr(msg, "cannot write: ") != NULL, "%s", msg);
	expect_content(path, ORIGINAL, strlen(ORIGINAL));
	expect_alone(dir, "story.xml");
	free(msg);
	free(data);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(safefile, dangling_link_is_refused)
{
	char *dir = make_tempdir(), *link = test_join(dir, "link.xml");
	char *msg = NULL;

	cr_assert_eq(symlink("missing.xml", link), 0);
	cr_expect_eq(safefile_replace(link, "new\n", 4, &msg), ENOENT);
	cr_assert_not_null(msg);
	expect_alone(dir, "link.xml");
	free(msg);
	unlink(link);
	rmdir(dir);
	free(link);
	free(dir);
}

/* ---- changed since loaded ----------------------------------------- */

Test(safefile, stamp_sees_changes_of_content)
{
	char *dir = make_tempdir(), *path = test_join(dir, "story.xml");
	struct safefile_stamp st;
	struct timespec times[2];
	struct stat sb;

	write_file(path, ORIGINAL, strlen(ORIGINAL));
	cr_assert_eq(safefile_stat(path, &st), 0);
	cr_expect(st.exists);
	cr_expect_eq(st.size, (off_t)strlen(ORIGINAL));
	cr_expect(safefile_same(path, &st));

	/* Touched: not a byte changed. */
	cr_assert_eq(utimensat(AT_FDCWD, path, NULL, 0), 0);
	cr_expect(safefile_same(path, &st), "a touch counts as a change");

	/* One byte changed, same size, same time: the hash sees it. */
	cr_assert_eq(stat(path, &sb), 0);
	write_file(path, ORIGINAL, strlen(ORIGINAL));
	{
		FILE *fp = fopen(path, "r+");

		cr_assert_not_null(fp);
		fputc('X', fp);
		fclose(fp);
	}
	times[0] = sb.st_atim;
	times[1] = sb.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, path, times, 0), 0);
	cr_expect(!safefile_same(path, &st), "same size and time, other bytes");

	/* Another size. */
	write_file(path, "short", 5);
	cr_expect(!safefile_same(path, &st));

	/* Gone. */
	unlink(path);
	cr_expect(!safefile_same(path, &st));
	rmdir(dir);
	free(path);
	free(dir);
}

Test(safefile, stamp_of_a_missing_file)
{
	char *dir = make_tempdir(), *path = test_join(dir, "none.xml");
	struct safefile_stamp st;

	cr_assert_eq(safefile_stat(path, &st), 0);
	cr_expect(!st.exists);
	cr_expect(safefile_same(path, &st));
	write_file(path, "", 0);
	cr_expect(!safefile_same(path, &st), "a file appeared");
	cr_expect_eq(safefile_stat(dir, &st), EISDIR);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}
