/* safefile.c - replacing a file through a temporary in its folder. */
#include "config.h"

#include "base/safefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/safepath.h"
#include "base/xmalloc.h"

/* Bytes of the target's name kept in the temporary's, so that
 * ".NAME.XXXXXX" stays within NAME_MAX. */
#define SAFEFILE_NAME_KEPT	200

/* The file being replaced. */
struct target {
	char	*real;		/* the path renamed over (links followed) */
	char	*dir;		/* its folder */
	char	*tmp;		/* the temporary, once made; else NULL */
	bool	 existed;
	mode_t	 mode;
	uid_t	 uid;
	gid_t	 gid;
};

/* Sets *msg to "what: strerror(err)" and returns err. */
static int safefile_fail(char **msg, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
safefile_fail(char **msg, int err, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_printf(&b, ": %s", strerror(err));
	*msg = buf_detach(&b);
	return err;
}

static mode_t
safefile_new_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* Finds out what path is and what the new file must be like. */
static int
safefile_target(const char *path, struct target *t, char **msg)
{
	struct stat sb;

	memset(t, 0, sizeof *t);
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return safefile_fail(msg, EISDIR, "cannot replace a "
			    "folder with a file");
		if (!S_ISREG(sb.st_mode)) {
			*msg = xstrdup("not a regular file: not replaced");
			return EINVAL;
		}
		t->real = realpath(path, NULL);
		if (t->real == NULL)
			return safefile_fail(msg, errno, "cannot resolve the "
			    "path");
		t->existed = true;
		t->mode = sb.st_mode & 07777;
		t->uid = sb.st_uid;
		t->gid = sb.st_gid;
	} else if (errno != ENOENT)
		return safefile_fail(msg, errno, "cannot look at the file");
	else if (lstat(path, &sb) == 0)
		return safefile_fail(msg, ENOENT, "cannot write through a "
		    "symbolic link to a missing file");
	else {
		t->real = xstrdup(path);
		t->mode = safefile_new_mode();
	}
	t->dir = safepath_folder(t->real);
	return 0;
}

/* Writes all of data to fd, through short writes and signals. */
static int
safefile_write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Makes t->tmp beside the target and fills it with data, synced. */
static int
safefile_fill(struct target *t, const char *data, size_t len, char **msg)
{
	const char *base = strrchr(t->real, '/');
	struct buf name = BUF_INIT;
	int fd, err;

	base = base ? base + 1 : t->real;
	buf_printf(&name, "%s/.%.*s.XXXXXX", t->dir, SAFEFILE_NAME_KEPT, base);
	t->tmp = buf_detach(&name);
	fd = mkostemp(t->tmp, O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		free(t->tmp);
		t->tmp = NULL;
		return safefile_fail(msg, err, "cannot create a temporary file "
		    "in %s", t->dir);
	}
	/* The owner as before where we may set it (as root); else ours. */
	if (t->existed && fchown(fd, t->uid, t->gid) != 0)
		(void)fchown(fd, (uid_t)-1, t->gid);
	if (fchmod(fd, t->mode) != 0)
		err = safefile_fail(msg, errno, "cannot set the mode of the "
		    "temporary file");
	else if ((err = safefile_write_all(fd, data, len)) != 0)
		safefile_fail(msg, err, "cannot write");
	else if (fsync(fd) != 0)
		err = safefile_fail(msg, errno, "cannot write");
	if (close(fd) != 0 && err == 0)
		err = safefile_fail(msg, errno, "cannot write");
	return err;
}

/* Makes the rename itself durable; file systems that cannot sync a
 * folder have nothing more to do. */
static int
safefile_sync_dir(const struct target *t, char **msg)
{
	int fd = open(t->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return safefile_fail(msg, errno, "replaced, but cannot open "
		    "its folder to sync it");
	if (fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP)
		err = safefile_fail(msg, errno, "replaced, but its folder "
		    "cannot be synced");
	close(fd);
	return err;
}

int
safefile_replace(const char *path, const char *data, size_t len, char **msg)
{
	struct target t;
	int err;

	*msg = NULL;
	err = safefile_target(path, &t, msg);
	if (err == 0)
		err = safefile_fill(&t, data, len, msg);
	if (err == 0 && rename(t.tmp, t.real) != 0)
		err = safefile_fail(msg, errno, "cannot rename the temporary "
		    "file over it");
	if (err != 0 && t.tmp != NULL)
		unlink(t.tmp);
	else if (err == 0)
		err = safefile_sync_dir(&t, msg);
	free(t.real);
	free(t.dir);
	free(t.tmp);
	return err;
}

/* ---- changed since loaded ----------------------------------------- */

#define FNV_PRIME	0x100000001b3ULL

uint64_t
safefile_fnv1a(uint64_t h, const char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ (unsigned char)*p++) * FNV_PRIME;
	return h;
}

void
safefile_stamp_data(const char *data, size_t len,
    struct safefile_stamp *stamp)
{
	memset(stamp, 0, sizeof *stamp);
	stamp->exists = true;
	stamp->size = (off_t)len;
	stamp->hash = safefile_fnv1a(SAFEFILE_FNV_OFFSET, data, len);
}

/* The hash of what is left to read on fd. */
static int
safefile_hash(int fd, uint64_t *hash)
{
	char chunk[65536];
	uint64_t h = SAFEFILE_FNV_OFFSET;
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			break;
		h = safefile_fnv1a(h, chunk, (size_t)n);
	}
	*hash = h;
	return 0;
}

int
safefile_stat(const char *path, struct safefile_stamp *stamp)
{
	struct stat sb;
	int fd, err;

	memset(stamp, 0, sizeof *stamp);
	/* Non-blocking, so that a FIFO put in the file's place cannot
	 * hang us; it is then refused as not regular. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	if (fstat(fd, &sb) != 0)
		err = errno;
	else if (!S_ISREG(sb.st_mode))
		err = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
	else
		err = safefile_hash(fd, &stamp->hash);
	close(fd);
	if (err != 0)
		return err;
	stamp->exists = true;
	stamp->size = sb.st_size;
	stamp->mtime = sb.st_mtim;
	return 0;
}

bool
safefile_same(const char *path, const struct safefile_stamp *stamp)
{
	struct safefile_stamp now;
	struct stat sb;

	if (stat(path, &sb) != 0)
		return errno == ENOENT && !stamp->exists;
	if (!stamp->exists || sb.st_size != stamp->size)
		return false;
	if (safefile_stat(path, &now) != 0)
		return false;
	return now.exists && now.size == stamp->size &&
	    now.hash == stamp->hash;
}
