/* import_folder.c - stories imported into a folder (a feed's items).
 *
 * When it opens the folder, it reads the head of each *.xml file in it
 * (its first 64 KiB) for the address on <source url="…">: an item with
 * the same address replaces that story instead of adding a second one.
 * Any other name already in the folder is never written over: a new
 * story takes STEM.xml, else STEM-2.xml, STEM-3.xml…, and the next
 * number of each stem is remembered, so that a feed of ten thousand
 * items of the same title costs no more than ten thousand names.
 *
 * Each story is written to a temporary file in the folder, flushed to
 * the disk, and renamed over its name: a crash leaves the old story or
 * the new one, never half of one. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/safefile.h"
#include "base/xmalloc.h"
#include "import/import.h"
#include "import/import_int.h"

#define HEAD_BYTES	65536	/* of a story read for its address */

struct import_folder {
	char		*dir;
	struct strmap	*by_url;	/* address -> index in names */
	struct strmap	*taken;		/* file names in the folder */
	struct strmap	*next;		/* stem -> the next number to try */
	char		**names;
	size_t		 nnames, names_cap;
};

static size_t
folder_name(struct import_folder *f, const char *name)
{
	f->names = xgrow(f->names, f->nnames, &f->names_cap,
	    sizeof *f->names);
	f->names[f->nnames] = xstrdup(name);
	gazetteer_strmap_put(f->taken, name, strlen(name), f->nnames);
	return f->nnames++;
}

/* The value of url="…" on the <source> element of the text, with the
 * five XML entities decoded; NULL if none. */
static char *
folder_source_url(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *gt, *u, *q;
	struct buf b = BUF_INIT;

	while ((p = memmem(p, (size_t)(end - p), "<source", 7)) != NULL) {
		p += 7;
		if (p < end && (*p == ' ' || *p == '\t' || *p == '\n'))
			break;
	}
	if (p == NULL || (gt = memchr(p, '>', (size_t)(end - p))) == NULL)
		return NULL;
	u = memmem(p, (size_t)(gt - p), "url=\"", 5);
	if (u == NULL || (u > p && u[-1] != ' ' && u[-1] != '\t' &&
	    u[-1] != '\n'))
		return NULL;
	u += 5;
	q = memchr(u, '"', (size_t)(gt - u));
	if (q == NULL)
		return NULL;
	while (u < q) {
		static const char *const ent[] = { "&amp;", "&lt;", "&gt;",
		    "&quot;", "&apos;" };
		static const char chr[] = "&<>\"'";
		size_t k;

		for (k = 0; k < 5; k++)
			if ((size_t)(q - u) >= strlen(ent[k]) &&
			    memcmp(u, ent[k], strlen(ent[k])) == 0)
				break;
		if (k < 5) {
			buf_putc(&b, chr[k]);
			u += strlen(ent[k]);
		} else
			buf_putc(&b, *u++);
	}
	if (b.data == NULL)
		return NULL;
	return buf_detach(&b);
}

static void
folder_learn(struct import_folder *f, const char *name)
{
	struct buf path = BUF_INIT;
	char head[HEAD_BYTES];
	ssize_t n;
	size_t i;
	int fd;
	char *url;

	i = folder_name(f, name);
	buf_printf(&path, "%s/%s", f->dir, name);
	fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	buf_free(&path);
	if (fd < 0)
		return;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n <= 0)
		return;
	url = folder_source_url(head, (size_t)n);
	if (url != NULL && gazetteer_strmap_get(f->by_url, url,
	    strlen(url)) == NONE)
		gazetteer_strmap_put(f->by_url, url, strlen(url), i);
	free(url);
}

struct import_folder *
import_folder_open(const char *dir, struct diag *d)
{
	struct import_folder *f;
	struct dirent *e;
	DIR *dp = opendir(dir);

	if (dp == NULL) {
		diag_add(d, dir, 0, "cannot open the folder: %s",
		    strerror(errno));
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->dir = xstrdup(dir);
	f->by_url = gazetteer_strmap_new();
	f->taken = gazetteer_strmap_new();
	f->next = gazetteer_strmap_new();
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0)
			folder_learn(f, e->d_name);
	}
	closedir(dp);
	return f;
}

/* Writes data to path whole or not at all (base/safefile.h). */
static bool
folder_replace(const char *path, const char *data, size_t len,
    struct diag *d)
{
	char *msg = NULL;
	int err = safefile_replace(path, data, len, &msg);

	if (err != 0)
		diag_add(d, path, 0, "%s", msg ? msg : strerror(err));
	free(msg);
	return err == 0;
}

/* STEM.xml, or the first STEM-N.xml that no file has. */
static char *
folder_new_name(struct import_folder *f, const char *stem)
{
	struct buf b = BUF_INIT;
	struct buf path = BUF_INIT;
	struct stat sb;
	size_t n = gazetteer_strmap_get(f->next, stem, strlen(stem));

	if (n == NONE)
		n = 1;
	for (;; n++) {
		buf_truncate(&b, 0);
		if (n == 1)
			buf_printf(&b, "%s.xml", stem);
		else
			buf_printf(&b, "%s-%zu.xml", stem, n);
		if (gazetteer_strmap_get(f->taken, b.data, b.len) != NONE)
			continue;
		buf_truncate(&path, 0);
		buf_printf(&path, "%s/%s", f->dir, b.data);
		if (lstat(path.data, &sb) == 0 || errno != ENOENT)
			continue;
		break;
	}
	gazetteer_strmap_put(f->next, stem, strlen(stem), n + 1);
	buf_free(&path);
	return buf_detach(&b);
}

char *
import_folder_put(struct import_folder *f, const struct import_item *it,
    struct diag *d)
{
	struct buf path = BUF_INIT;
	size_t i = it->url ? gazetteer_strmap_get(f->by_url, it->url,
	    strlen(it->url)) :
	    NONE;
	char *name;

	if (i != NONE)
		name = xstrdup(f->names[i]);
	else {
		name = folder_new_name(f, it->stem);
		i = folder_name(f, name);
		if (it->url != NULL)
			gazetteer_strmap_put(f->by_url, it->url,
			    strlen(it->url), i);
	}
	buf_printf(&path, "%s/%s", f->dir, name);
	free(name);
	if (!folder_replace(path.data, it->xml, it->len, d)) {
		buf_free(&path);
		return NULL;
	}
	return buf_detach(&path);
}

void
import_folder_close(struct import_folder *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nnames; i++)
		free(f->names[i]);
	free(f->names);
	gazetteer_strmap_free(f->by_url);
	gazetteer_strmap_free(f->taken);
	gazetteer_strmap_free(f->next);
	free(f->dir);
	free(f);
}
