/* library_scan.c - the files of a library's folder.
 *
 * A walk with a stack of its own (a deep tree costs no call stack).
 * Symbolic links are followed, as a reader who links a story into the
 * folder expects; each folder is entered once, known by its device and
 * inode, so that a link loop (or a link to a folder already walked)
 * ends there with one line in the log.  The cache folder is never
 * walked, should it lie inside the library.  Only regular files named
 * *.xml are stories; every other thing met is one line in the log. */
#include "config.h"

#include "library/library_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xmalloc.h"

/* The folders entered, as (device, inode), in an open-addressing set. */
struct lib_seen {
	uint64_t	*keys;		/* pairs; 0,0 is empty */
	size_t		 n;
	size_t		 cap;		/* slots, a power of two */
};

static uint64_t
lib_scan_seen_slot(uint64_t dev, uint64_t ino, size_t cap)
{
	uint64_t h = (dev * 0x9E3779B97F4A7C15ULL) ^ (ino * 0xC2B2AE3D27D4EB4FULL);

	return (h ^ (h >> 31)) & (cap - 1);
}

static void lib_scan_seen_grow(struct lib_seen *s);

/* Adds the folder; false when it was there already. */
static bool
lib_scan_seen_add(struct lib_seen *s, uint64_t dev, uint64_t ino)
{
	size_t i;

	/* Shifted by one so that no real folder is the empty pair. */
	dev++;
	if (2 * (s->n + 1) > s->cap)
		lib_scan_seen_grow(s);
	for (i = lib_scan_seen_slot(dev, ino, s->cap);; i =
	    (i + 1) & (s->cap - 1)) {
		if (s->keys[2 * i] == 0) {
			s->keys[2 * i] = dev;
			s->keys[2 * i + 1] = ino;
			s->n++;
			return true;
		}
		if (s->keys[2 * i] == dev && s->keys[2 * i + 1] == ino)
			return false;
	}
}

static void
lib_scan_seen_grow(struct lib_seen *s)
{
	struct lib_seen bigger;
	size_t i;

	bigger.cap = s->cap ? 2 * s->cap : 64;
	bigger.n = 0;
	bigger.keys = xcalloc(2 * bigger.cap, sizeof *bigger.keys);
	for (i = 0; i < s->cap; i++)
		if (s->keys[2 * i] != 0)
			lib_scan_seen_add(&bigger, s->keys[2 * i] - 1,
			    s->keys[2 * i + 1]);
	free(s->keys);
	*s = bigger;
}

struct lib_walk {
	struct library	*lib;
	struct lib_seen	 seen;
	char		**stack;	/* folders to walk, rel ("" the root) */
	size_t		 nstack;
	size_t		 stackcap;
	struct lib_file	*files;
	size_t		 nfiles;
	size_t		 filecap;
	struct buf	 rel;		/* the entry being looked at */
};

static bool
lib_scan_ends_xml(const char *name)
{
	size_t len = strlen(name);

	return len > 4 && strcmp(name + len - 4, ".xml") == 0;
}

/* dir/name in the walk's buffer (its own until the next call). */
static char *
lib_scan_walk_rel(struct lib_walk *w, const char *dir, const char *name)
{
	buf_truncate(&w->rel, 0);
	if (dir[0] != '\0') {
		buf_puts(&w->rel, dir);
		buf_putc(&w->rel, '/');
	}
	buf_puts(&w->rel, name);
	return w->rel.data;
}

static void
lib_scan_walk_push(struct lib_walk *w, char *rel)
{
	w->stack = xgrow(w->stack, w->nstack, &w->stackcap, sizeof *w->stack);
	w->stack[w->nstack++] = rel;
}

/* One entry of a folder: a folder to walk, a story, or a log line. */
static void
lib_scan_walk_entry(struct lib_walk *w, int dfd, const char *dir,
    const char *name)
{
	struct stat sb;
	char *rel = lib_scan_walk_rel(w, dir, name);
	struct lib_file *f;

	if (fstatat(dfd, name, &sb, 0) != 0) {
		lib_log(w->lib, rel, "skipped: %s%s", strerror(errno),
		    errno == ELOOP ? " (a symbolic link loop)" : "");
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		if (!lib_scan_seen_add(&w->seen, (uint64_t)sb.st_dev,
		    (uint64_t)sb.st_ino)) {
			lib_log(w->lib, rel, "skipped: a folder met already "
			    "(a symbolic link loop?)");
		} else
			lib_scan_walk_push(w, xstrdup(rel));
		return;
	}
	if (!S_ISREG(sb.st_mode) || !lib_scan_ends_xml(name)) {
		lib_log(w->lib, rel, "skipped: %s", S_ISREG(sb.st_mode) ?
		    "not a story (not named *.xml)" :
		    "not a regular file");
		return;
	}
	w->files = xgrow(w->files, w->nfiles, &w->filecap, sizeof *w->files);
	f = &w->files[w->nfiles++];
	f->rel = pool_strndup(&w->lib->pool, rel, w->rel.len);
	f->size = (uint64_t)sb.st_size;
	f->mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
	    sb.st_mtim.tv_nsec;
	f->ino = (uint64_t)sb.st_ino;
}

static int
lib_scan_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder's entries in name order, its folders pushed so that they are
 * walked in that order too: the files come out in rel order but where
 * a folder's name sorts past a sibling with a longer name ("a/" after
 * "a-b"), and lib_scan then sorts only what is out of order. */
static void
lib_scan_walk_folder(struct lib_walk *w, const char *rel)
{
	char *path = rel[0] ? lib_join(w->lib, rel) : xstrdup(w->lib->dir);
	char **names = NULL;
	size_t nnames = 0, namecap = 0, i, pushed = w->nstack;
	struct dirent *e;
	DIR *d;
	int fd;

	fd = open(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1 || (d = fdopendir(fd)) == NULL) {
		lib_log(w->lib, rel[0] ? rel : path, "skipped: cannot open "
		    "the folder: %s", strerror(errno));
		if (fd != -1)
			close(fd);
		free(path);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = xgrow(names, nnames, &namecap, sizeof *names);
		names[nnames++] = pool_strndup(&w->lib->pool, e->d_name,
		    strlen(e->d_name));
	}
	if (nnames > 1)
		qsort(names, nnames, sizeof *names, lib_scan_name_cmp);
	for (i = 0; i < nnames; i++)
		lib_scan_walk_entry(w, dirfd(d), rel, names[i]);
	/* Popped last first: reversed, the first folder is walked first. */
	for (i = 0; pushed + 2 * i + 1 < w->nstack; i++) {
		char *t = w->stack[pushed + i];

		w->stack[pushed + i] = w->stack[w->nstack - 1 - i];
		w->stack[w->nstack - 1 - i] = t;
	}
	closedir(d);
	free(names);
	free(path);
}

static int
lib_scan_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lib_file *)a)->rel,
	    ((const struct lib_file *)b)->rel);
}

static bool
lib_scan_sorted(const struct lib_file *f, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(f[i - 1].rel, f[i].rel) > 0)
			return false;
	return true;
}

/* The cache folder, if it exists, counts as met: it is never walked. */
static void
lib_scan_walk_skip_cache(struct lib_walk *w)
{
	struct stat sb;

	if (w->lib->dbpath != NULL) {
		char *dir = xstrdup(w->lib->dbpath), *slash = strrchr(dir, '/');

		if (slash != NULL)
			*slash = '\0';
		if (stat(dir, &sb) == 0)
			lib_scan_seen_add(&w->seen, (uint64_t)sb.st_dev,
			    (uint64_t)sb.st_ino);
		free(dir);
	}
}

size_t
lib_scan(struct library *lib, struct lib_file **files)
{
	struct lib_walk w;
	struct stat sb;

	memset(&w, 0, sizeof w);
	w.lib = lib;
	lib_scan_walk_skip_cache(&w);
	if (stat(lib->dir, &sb) == 0)
		lib_scan_seen_add(&w.seen, (uint64_t)sb.st_dev,
		    (uint64_t)sb.st_ino);
	lib_scan_walk_push(&w, xstrdup(""));
	while (w.nstack > 0) {
		char *rel = w.stack[--w.nstack];

		lib_scan_walk_folder(&w, rel);
		free(rel);
	}
	free(w.stack);
	free(w.seen.keys);
	buf_free(&w.rel);
	if (w.nfiles > 1 && !lib_scan_sorted(w.files, w.nfiles))
		qsort(w.files, w.nfiles, sizeof *w.files, lib_scan_file_cmp);
	*files = w.files;
	return w.nfiles;
}
