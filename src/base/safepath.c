/* safepath.c - an href walked one component at a time inside a folder. */
#include "config.h"

#include "base/safepath.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/xmalloc.h"

/* Symbolic links followed in one walk, as the kernel's ELOOP limit. */
#define SAFEPATH_LINKS_MAX	40

struct walk {
	char		*root;	/* the root's real path, "" for "/" */
	struct buf	 cur;	/* the walked part, below the root: "a/b" */
	struct buf	 rest;	/* what is left to walk */
	int		 links;
};

/* Whether path, read from `depth` folders below the root, stays inside
 * it: no ".." climbs above the root.  Lexical: no system call. */
static bool
safepath_stays(const char *path, size_t depth)
{
	const char *p = path, *e;

	for (; *p != '\0'; p = e) {
		while (*p == '/')
			p++;
		e = p + strcspn(p, "/");
		if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			if (depth == 0)
				return false;
			depth--;
		} else if (e - p > 1 || (e - p == 1 && p[0] != '.'))
			depth++;
	}
	return true;
}

static size_t
safepath_depth(const struct buf *cur)
{
	size_t i, n = cur->len > 0;

	for (i = 0; i < cur->len; i++)
		n += cur->data[i] == '/';
	return n;
}

/* Takes the next component off w->rest into comp; false at the end. */
static bool
safepath_next(struct walk *w, struct buf *comp)
{
	size_t i = 0, n;

	while (i < w->rest.len && w->rest.data[i] == '/')
		i++;
	if (i == w->rest.len)
		return false;
	n = strcspn(w->rest.data + i, "/");
	buf_truncate(comp, 0);
	buf_append(comp, w->rest.data + i, n);
	memmove(w->rest.data, w->rest.data + i + n, w->rest.len - i - n + 1);
	w->rest.len -= i + n;
	return true;
}

/* root/cur, or root/cur/comp. */
static char *
safepath_join(const struct walk *w, const char *comp)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, w->root);
	if (w->cur.len > 0)
		buf_printf(&b, "/%s", w->cur.data);
	if (comp != NULL)
		buf_printf(&b, "/%s", comp);
	return buf_detach(&b);
}

/* ".." in the walked part: drops its last component. */
static bool
safepath_up(struct walk *w)
{
	char *slash;

	if (w->cur.len == 0)
		return false;
	slash = strrchr(w->cur.data, '/');
	buf_truncate(&w->cur, slash ? (size_t)(slash - w->cur.data) : 0);
	return true;
}

/* The link at `path` is walked in its place, if what it says stays
 * inside: read and checked before anything it names is looked at. */
static enum safepath_status
safepath_link(struct walk *w, const char *path)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof target - 1);
	size_t rlen = strlen(w->root);
	struct buf rest = BUF_INIT;
	const char *from = target;

	if (n < 0)
		return SAFEPATH_ERROR;
	if ((size_t)n == sizeof target - 1) {
		errno = ENAMETOOLONG;
		return SAFEPATH_ERROR;
	}
	target[n] = '\0';
	if (++w->links > SAFEPATH_LINKS_MAX) {
		errno = ELOOP;
		return SAFEPATH_ERROR;
	}
	if (target[0] == '/') {
		/* Absolute: only into the root, by its real path. */
		if (strncmp(target, w->root, rlen) != 0 ||
		    (target[rlen] != '/' && target[rlen] != '\0') ||
		    !safepath_stays(target + rlen, 0))
			return SAFEPATH_OUTSIDE;
		from = target + rlen;
		buf_truncate(&w->cur, 0);
	} else if (!safepath_stays(target, safepath_depth(&w->cur)))
		return SAFEPATH_OUTSIDE;
	buf_printf(&rest, "%s/%s", from, w->rest.data ? w->rest.data : "");
	buf_free(&w->rest);
	w->rest = rest;
	return SAFEPATH_OK;
}

/* One component: walked into, or found to be the end of the walk. */
static enum safepath_status
safepath_step(struct walk *w, const char *comp)
{
	struct stat sb;
	char *path;
	enum safepath_status s = SAFEPATH_OK;

	if (strcmp(comp, ".") == 0)
		return SAFEPATH_OK;
	if (strcmp(comp, "..") == 0)
		return safepath_up(w) ? SAFEPATH_OK : SAFEPATH_OUTSIDE;
	path = safepath_join(w, comp);
	if (lstat(path, &sb) != 0)
		s = errno == ENOENT || errno == ENOTDIR ? SAFEPATH_MISSING :
		    SAFEPATH_ERROR;
	else if (S_ISLNK(sb.st_mode))
		s = safepath_link(w, path);
	else if (!S_ISDIR(sb.st_mode) && !S_ISREG(sb.st_mode))
		s = SAFEPATH_NOT_FILE;
	else {
		if (w->cur.len > 0)
			buf_putc(&w->cur, '/');
		buf_puts(&w->cur, comp);
	}
	free(path);
	return s;
}

/* Sets up w from the real paths of root and dir; dir must be inside. */
static enum safepath_status
safepath_start(struct walk *w, const char *root, const char *dir)
{
	char *r = realpath(root, NULL), *d = realpath(dir, NULL);
	size_t rlen;
	enum safepath_status s = SAFEPATH_OK;

	if (r == NULL || d == NULL)
		s = SAFEPATH_ERROR;
	else {
		if (strcmp(r, "/") == 0)
			r[0] = '\0';
		rlen = strlen(r);
		if (strncmp(d, r, rlen) != 0 ||
		    (d[rlen] != '/' && d[rlen] != '\0'))
			s = SAFEPATH_OUTSIDE;
		else
			buf_puts(&w->cur, d + rlen + (d[rlen] == '/'));
	}
	w->root = r;
	free(d);
	return s;
}

enum safepath_status
safepath_resolve(const char *root, const char *dir, const char *href,
    char **out)
{
	struct walk w = { NULL, BUF_INIT, BUF_INIT, 0 };
	struct buf comp = BUF_INIT;
	struct stat sb;
	enum safepath_status s;

	*out = NULL;
	if (href[0] == '/')
		return SAFEPATH_OUTSIDE;
	if (href[0] == '\0')
		return SAFEPATH_MISSING;
	if (strlen(href) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return SAFEPATH_ERROR;
	}
	s = safepath_start(&w, root, dir);
	if (s == SAFEPATH_OK && !safepath_stays(href, safepath_depth(&w.cur)))
		s = SAFEPATH_OUTSIDE;
	buf_puts(&w.rest, href);
	while (s == SAFEPATH_OK && safepath_next(&w, &comp))
		s = safepath_step(&w, comp.data);
	if (s == SAFEPATH_OK) {
		*out = safepath_join(&w, NULL);
		/* Walked to a folder, or back to the root itself. */
		if (w.cur.len == 0 || lstat(*out, &sb) != 0 ||
		    !S_ISREG(sb.st_mode)) {
			free(*out);
			*out = NULL;
			s = SAFEPATH_NOT_FILE;
		}
	}
	free(w.root);
	buf_free(&w.cur);
	buf_free(&w.rest);
	buf_free(&comp);
	return s;
}

char *
safepath_folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}
