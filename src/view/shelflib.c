/* shelflib.c - the library's answers, in the shelf's terms.  Every
 * string the library hands out is sanitised already; the shelf copies
 * (and sanitises) what it keeps. */
#include "config.h"

#include "view/shelflib.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"

static size_t
shelflib_lib_search(void *ctx, const char *needle, struct shelf_hit **out)
{
	struct library_search *s = library_search(ctx, needle, strlen(needle));
	size_t n = library_search_count(s), i;
	struct shelf_hit *v = xcalloc(n ? n : 1, sizeof *v);

	for (i = 0; i < n; i++) {
		const struct library_hit *h = library_search_hit(s, i);

		v[i].row = h->row;
		v[i].block = h->block;
		v[i].start = h->start;
		v[i].context = xstrdup(h->context ? h->context : "");
		v[i].hl_start = h->cstart;
		v[i].hl_end = h->cend;
	}
	library_search_free(s);
	*out = v;
	return n;
}

static size_t
shelflib_lib_related(void *ctx, size_t row, const struct story *st, size_t rel,
    bool *by_title)
{
	enum library_link how = LIBRARY_LINK_NONE;
	size_t to = library_related(ctx, row, st, rel, &how);

	*by_title = how == LIBRARY_LINK_TITLE;
	return to;
}

static size_t
shelflib_lib_path_row(void *ctx, const char *path)
{
	return library_find_path(ctx, path);
}

static size_t
shelflib_places_to_refs(struct library_place *p, size_t n,
    struct shelf_ref **out)
{
	struct shelf_ref *v = xcalloc(n ? n : 1, sizeof *v);
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].row = p[i].row;
		v[i].actor = xstrdup(p[i].actor_id ? p[i].actor_id : "");
		v[i].mentions = p[i].mentions;
	}
	free(p);
	*out = v;
	return n;
}

static size_t
shelflib_lib_actor_refs(void *ctx, size_t row, const struct story *st, size_t a,
    struct shelf_ref **out)
{
	struct library_place *p = NULL;
	size_t n = library_actor_stories(ctx, row, st, a, &p);

	return shelflib_places_to_refs(p, n, out);
}

static size_t
shelflib_lib_actor_rows(void *ctx, size_t actor, struct shelf_ref **out)
{
	struct library_place *p = NULL;
	size_t n = library_actor_places(ctx, actor, &p);

	return shelflib_places_to_refs(p, n, out);
}

static size_t
shelflib_lib_actors(void *ctx, struct shelf_actor **out)
{
	const struct library_actor *a;
	size_t n = library_actors(ctx, &a), i;
	struct shelf_actor *v = xcalloc(n ? n : 1, sizeof *v);

	for (i = 0; i < n; i++) {
		v[i].name = xstrdup(a[i].name ? a[i].name : "");
		v[i].parent = a[i].parent;
		v[i].depth = a[i].depth;
		v[i].nstories = a[i].nstories;
		v[i].nmentions = a[i].nmentions;
	}
	*out = v;
	return n;
}

/* A broken row's message, its file named from the library's root (the
 * rest of the path is the same on every row); caller-owned or NULL. */
static char *
shelflib_broken_message(const struct library_row *r)
{
	size_t n = r->shown ? strlen(r->shown) : 0;
	struct buf b = BUF_INIT;

	if (r->error == NULL)
		return NULL;
	if (n > 0 && r->rel != NULL && strncmp(r->error, r->shown, n) == 0)
		buf_printf(&b, "%s%s", r->rel, r->error + n);
	else
		buf_puts(&b, r->error);
	return buf_detach(&b);
}

void
shelflib_init(struct shelf *sh, struct library *lib,
    const struct load_opts *load)
{
	struct shelf_source src;
	struct shelf_row row;
	size_t i, n = library_count(lib);

	memset(&src, 0, sizeof src);
	src.ctx = lib;
	src.search = shelflib_lib_search;
	src.related = shelflib_lib_related;
	src.path_row = shelflib_lib_path_row;
	src.actor_refs = shelflib_lib_actor_refs;
	src.actors = shelflib_lib_actors;
	src.actor_rows = shelflib_lib_actor_rows;
	shelf_init(sh, &src, load, true);
	for (i = 0; i < n; i++) {
		const struct library_row *r = library_row(lib, i);

		memset(&row, 0, sizeof row);
		row.path = (char *)r->path;
		row.when = (char *)(r->when ? r->when : "");
		row.headline = (char *)(r->headline ? r->headline : "");
		row.source = (char *)(r->source ? r->source : "");
		row.nactors = r->nactors;
		row.nclaims = r->nclaims;
		row.nquotes = r->nquotes;
		row.size = r->size;
		row.broken = shelflib_broken_message(r);
		shelf_add_row(sh, &row);
		free(row.broken);
	}
	for (i = 0; i < library_log_count(lib); i++)
		shelf_add_log(sh, library_log_line(lib, i));
	shelf_ready(sh);
}
