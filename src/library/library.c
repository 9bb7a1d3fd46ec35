/* library.c - opening a library: its rows, its log, loading a story.
 *
 * The rows are kept in path order, their strings in one pool; the sort
 * orders and the other lookups are built from them (library_view.c,
 * library_link.c, library_actor.c). */
#include "config.h"

#include "library/library_int.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/safepath.h"
#include "base/text.h"
#include "base/xmalloc.h"

void
library_opts_init(struct library_opts *o)
{
	memset(o, 0, sizeof *o);
	o->load.max_size = LOAD_MAX_SIZE_DEFAULT;
}

void
lib_log(struct library *lib, const char *name, const char *fmt, ...)
{
	struct buf line = BUF_INIT, msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	text_sanitize_into(&line, name, strlen(name));
	buf_puts(&line, ": ");
	text_sanitize_into(&line, msg.data ? msg.data : "", msg.len);
	buf_free(&msg);
	lib->log = xgrow(lib->log, lib->nlog, &lib->logcap, sizeof *lib->log);
	lib->log[lib->nlog++] = buf_detach(&line);
}

static char *
lib_keep(struct library *lib, const char *s)
{
	return s ? pool_strndup(&lib->pool, s, strlen(s)) : NULL;
}

/* Whether s[0..len) is safe to show (text_is_safe), eight bytes a step
 * where they are all printable ASCII, as nearly every name and headline
 * is: a warm opening checks 60,000 strings. */
static bool
lib_is_safe(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	size_t i;
	uint64_t w;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		/* A byte below 0x20, or above 0x7E (Bit Twiddling Hacks,
		 * hasless and hasmore): exact, for bytes of any value. */
		if (((w - ones * 0x20) & ~w & highs) != 0 ||
		    (((w + ones * (127 - 0x7E)) | w) & highs) != 0)
			return text_is_safe(s, len);
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			return text_is_safe(s, len);
	return true;
}

/* A copy of s, sanitised, in the pool. */
static char *
lib_keep_safe(struct library *lib, const char *s)
{
	char *safe, *kept;

	if (s == NULL)
		return NULL;
	if (lib_is_safe(s, strlen(s)))
		return lib_keep(lib, s);
	safe = text_sanitize(s);
	kept = lib_keep(lib, safe);
	free(safe);
	return kept;
}

size_t
lib_add_row(struct library *lib, const struct library_row *r,
    const char *fkey, const char *hkey)
{
	struct library_row *n;
	struct lib_extra *x;
	size_t cap = lib->cap;

	lib->rows = xgrow(lib->rows, lib->nrows, &cap, sizeof *lib->rows);
	cap = lib->cap;
	lib->extra = xgrow(lib->extra, lib->nrows, &cap, sizeof *lib->extra);
	lib->cap = cap;
	n = &lib->rows[lib->nrows];
	x = &lib->extra[lib->nrows];
	*n = *r;
	/* The shown forms of a name are, nearly always, the name itself:
	 * one copy for both (a warm opening of 10,000 stories copied
	 * 20,000 names for nothing). */
	n->path = lib_keep(lib, r->path);
	n->shown = lib_is_safe(r->path, strlen(r->path)) ? n->path :
	    lib_keep_safe(lib, r->path);
	x->rawrel = lib_keep(lib, r->rel);
	n->rel = x->rawrel == NULL || lib_is_safe(r->rel, strlen(r->rel)) ?
	    x->rawrel : lib_keep_safe(lib, r->rel);
	n->when = lib_keep_safe(lib, r->when);
	n->headline = lib_keep_safe(lib, r->headline ? r->headline : "");
	n->source = lib_keep_safe(lib, r->source);
	n->error = lib_keep_safe(lib, r->error);
	x->fkey = lib_keep(lib, fkey ? fkey : "");
	x->hkey = lib_keep(lib, hkey ? hkey : "");
	x->id = 0;
	x->dead = false;
	return lib->nrows++;
}

char *
lib_filter_key(const char *headline, const char *source)
{
	struct buf b = BUF_INIT;
	char *f;
	size_t len;

	f = text_fold_search(headline, strlen(headline), false, &len, NULL);
	buf_append(&b, f, len);
	free(f);
	if (source != NULL) {
		/* A newline: no needle folds to one, so none spans both. */
		buf_putc(&b, '\n');
		f = text_fold_search(source, strlen(source), false, &len,
		    NULL);
		buf_append(&b, f, len);
		free(f);
	}
	return buf_detach(&b);
}

uint64_t
lib_hash(const char *data, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;
	size_t i = 0;

	/* Eight bytes a step: the hash must cost far less than the parse. */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, data + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)data[i]) * 0x100000001b3ULL;
	return h ^ (h >> 32);
}

char *
lib_join(const struct library *lib, const char *rel)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, lib->dir);
	if (lib->dir[0] != '\0' && lib->dir[strlen(lib->dir) - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, rel);
	return buf_detach(&b);
}

struct story *
lib_parse(struct library *lib, const char *path, uint64_t *hash, char **err,
    uint64_t *size)
{
	struct diag d = DIAG_INIT;
	struct story *st = NULL;
	size_t len = 0;
	char *data;

	*err = NULL;
	data = load_read_file(path, lib->opts.load.max_size, &len, &d);
	if (data != NULL) {
		*hash = lib_hash(data, len);
		*size = len;
		st = load_memory(data, len, path, &lib->opts.load, &d);
		free(data);
	}
	if (st == NULL)
		*err = xstrdup(d.n > 0 ? d.msgs[0] : "cannot be read");
	diag_free(&d);
	return st;
}

size_t
lib_row_from(struct library *lib, const char *path, const char *rel,
    const struct story *st, const char *err, uint64_t size,
    int64_t mtime_ns)
{
	struct library_row r;
	char *fkey = NULL, *hkey = NULL;
	size_t row;

	memset(&r, 0, sizeof r);
	r.path = path;
	r.rel = rel;
	r.size = size;
	r.mtime = mtime_ns / 1000000000;
	r.error = err;
	if (st != NULL) {
		r.when = st->dateline_when;
		r.headline = st->headline;
		r.source = st->source;
		r.nactors = st->nactors;
		r.nclaims = st->nclaims;
		r.nquotes = st->nquotes;
		fkey = lib_filter_key(st->headline, st->source);
		hkey = library_title_key(st->headline);
	}
	row = lib_add_row(lib, &r, fkey, hkey);
	free(fkey);
	free(hkey);
	return row;
}

/* Every file parsed, nothing kept: --no-index, a list of files, or an
 * index that cannot be used. */
void
lib_read_direct(struct library *lib, const struct lib_file *files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *path = lib->listed ? xstrdup(files[i].rel) :
		    lib_join(lib, files[i].rel);
		uint64_t hash, size = files[i].size;
		char *err;
		struct story *st = lib_parse(lib, path, &hash, &err, &size);

		lib_row_from(lib, path, files[i].rel, st, err, size,
		    files[i].mtime_ns);
		story_free(st);
		free(err);
		free(path);
		if (lib->opts.progress != NULL &&
		    lib->opts.progress(lib->opts.progress_arg, i + 1, n)) {
			lib->stopped = true;
			break;
		}
	}
}

static struct library *
lib_new(const struct library_opts *o)
{
	struct library *lib = xcalloc(1, sizeof *lib);

	if (o != NULL)
		lib->opts = *o;
	else
		library_opts_init(&lib->opts);
	if (lib->opts.load.max_size == 0)
		lib->opts.load.max_size = LOAD_MAX_SIZE_DEFAULT;
	return lib;
}

struct library *
library_open_dir(const char *dir, const struct library_opts *o,
    struct diag *d)
{
	struct library *lib;
	struct lib_file *files = NULL;
	struct stat sb;
	char *real;
	size_t n;

	if ((real = realpath(dir, NULL)) == NULL || stat(real, &sb) != 0) {
		diag_add(d, dir, 0, "cannot open the library: %s",
		    strerror(errno));
		free(real);
		return NULL;
	}
	if (!S_ISDIR(sb.st_mode)) {
		diag_add(d, dir, 0, "is not a folder");
		free(real);
		return NULL;
	}
	lib = lib_new(o);
	lib->dir = xstrdup(dir);
	lib->root = real;
	/* The index first: the scan must know the cache folder, to leave
	 * it out should it lie inside the library. */
	lib_index_open(lib);
	n = lib_scan(lib, &files);
	lib_index_sync(lib, files, n);
	free(files);
	return lib;
}

/* The longest folder holding every path (real paths); caller-owned. */
static char *
lib_common_root(char *const *paths, size_t n)
{
	char *root = NULL;
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		char *real = realpath(paths[i], NULL), *dir;

		if (real == NULL)
			continue;
		dir = safepath_folder(real);
		free(real);
		if (root == NULL) {
			root = dir;
			len = strlen(root);
			continue;
		}
		/* Shorten root to a folder that holds dir too. */
		while (len > 1 && !(strncmp(root, dir, len) == 0 &&
		    (dir[len] == '/' || dir[len] == '\0'))) {
			while (len > 1 && root[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			root[len] = '\0';
		}
		free(dir);
	}
	return root ? root : xstrdup("/");
}

struct library *
library_open_files(char *const *paths, size_t n,
    const struct library_opts *o, struct diag *d)
{
	struct library *lib = lib_new(o);
	struct lib_file *files = xcalloc(n ? n : 1, sizeof *files);
	size_t i;

	(void)d;
	lib->listed = true;
	lib->dir = xstrdup("");
	lib->root = lib_common_root(paths, n);
	for (i = 0; i < n; i++) {
		struct stat sb;

		files[i].rel = pool_strndup(&lib->pool, paths[i],
		    strlen(paths[i]));
		if (stat(paths[i], &sb) == 0) {
			files[i].size = (uint64_t)sb.st_size;
			files[i].mtime_ns = (int64_t)sb.st_mtim.tv_sec *
			    1000000000 + sb.st_mtim.tv_nsec;
		}
	}
	lib_index_open(lib);
	lib_index_sync(lib, files, n);
	free(files);
	return lib;
}

void
library_free(struct library *lib)
{
	size_t i;

	if (lib == NULL)
		return;
	lib_index_close(lib);
	for (i = 0; i < lib->nlog; i++)
		free(lib->log[i]);
	free(lib->log);
	lib_view_orders_free(lib);
	free(lib->by_hkey);
	lib_actors_free(lib);
	free(lib->rows);
	free(lib->extra);
	free(lib->dir);
	free(lib->root);
	free(lib->dbpath);
	pool_free(&lib->pool);
	free(lib);
}

struct row_sort {
	const char	*rel;
	size_t		 row;
};

static int
lib_row_sort_cmp(const void *a, const void *b)
{
	return strcmp(((const struct row_sort *)a)->rel,
	    ((const struct row_sort *)b)->rel);
}

void
lib_rows_settle(struct library *lib, bool appended)
{
	struct library_row *rows;
	struct lib_extra *extra;
	struct row_sort *v;
	size_t i, n = 0;

	/* Nothing dropped, nothing added: the rows stand as they are (a
	 * warm opening). */
	for (i = 0; !appended && i < lib->nrows && !lib->extra[i].dead; i++)
		;
	if (!appended && i == lib->nrows)
		return;
	v = xcalloc(lib->nrows ? lib->nrows : 1, sizeof *v);
	for (i = 0; i < lib->nrows; i++)
		if (!lib->extra[i].dead) {
			v[n].rel = lib->extra[i].rawrel;
			v[n++].row = i;
		}
	if (appended)
		qsort(v, n, sizeof *v, lib_row_sort_cmp);
	rows = xcalloc(n ? n : 1, sizeof *rows);
	extra = xcalloc(n ? n : 1, sizeof *extra);
	for (i = 0; i < n; i++) {
		rows[i] = lib->rows[v[i].row];
		extra[i] = lib->extra[v[i].row];
	}
	free(v);
	free(lib->rows);
	free(lib->extra);
	lib->rows = rows;
	lib->extra = extra;
	lib->nrows = lib->cap = n;
}

size_t
library_count(const struct library *lib)
{
	return lib->nrows;
}

const struct library_row *
library_row(const struct library *lib, size_t row)
{
	return row < lib->nrows ? &lib->rows[row] : NULL;
}

const char *
library_root(const struct library *lib)
{
	return lib->root;
}

size_t
library_log_count(const struct library *lib)
{
	return lib->nlog;
}

const char *
library_log_line(const struct library *lib, size_t i)
{
	return i < lib->nlog ? lib->log[i] : NULL;
}

bool
library_stopped(const struct library *lib)
{
	return lib->stopped;
}

bool
library_indexed(const struct library *lib)
{
	return lib->ondisk;
}

static int
lib_cmp_rel(const void *key, const void *elem)
{
	return strcmp(key, ((const struct lib_extra *)elem)->rawrel);
}

size_t
library_find_path(const struct library *lib, const char *path)
{
	const struct lib_extra *r;
	char *real;
	size_t rlen, i;

	for (i = 0; lib->listed && i < lib->nrows; i++)
		if (strcmp(lib->rows[i].path, path) == 0)
			return i;
	if ((real = realpath(path, NULL)) == NULL)
		return NONE;
	rlen = strlen(lib->root);
	r = NULL;
	if (strncmp(real, lib->root, rlen) == 0 && real[rlen] == '/')
		r = bsearch(real + rlen + 1, lib->extra, lib->nrows,
		    sizeof *lib->extra, lib_cmp_rel);
	for (i = 0; r == NULL && lib->listed && i < lib->nrows; i++) {
		char *other = realpath(lib->rows[i].path, NULL);

		if (other != NULL && strcmp(other, real) == 0)
			r = &lib->extra[i];
		free(other);
	}
	free(real);
	return r ? (size_t)(r - lib->extra) : NONE;
}

struct story *
library_load(const struct library *lib, size_t row, struct diag *d)
{
	const struct library_row *r = library_row(lib, row);

	if (r == NULL)
		return NULL;
	if (r->error != NULL) {
		diag_add(d, r->path, 0, "a broken story: %s", r->error);
		return NULL;
	}
	return load_file(r->path, &lib->opts.load, d);
}
