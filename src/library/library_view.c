/* library_view.c - the list screen's rows: sorted, filtered, found as
 * they are asked for.
 *
 * Each order is built once, on first use, and kept by the library (a
 * sort is then a lookup).  A filter does not go through the library
 * when it changes: library_view_row looks at the rows of the order
 * only as far as the position asked for, so a key press that shows
 * forty rows looks at forty matching rows (and those between them),
 * whether the library holds a hundred stories or ten thousand. */
#include "config.h"

#include "library/library_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"

struct library_view {
	struct library		*lib;
	enum library_sort	 sort;
	char			*needle;	/* folded; NULL: no filter */
	size_t			 nlen;
	size_t			*found;		/* rows shown, found so far */
	size_t			 nfound;
	size_t			 cap;
	size_t			 scanned;	/* positions of the order seen */
};

static const char *const sort_names[LIBRARY_NSORTS] = {
	"date", "headline", "source", "size",
};

const char *
library_sort_name(enum library_sort s)
{
	return s < LIBRARY_NSORTS ? sort_names[s] : "?";
}

/* qsort has no argument for the library: the comparisons go through
 * the rows with their index, which the sort carries. */
struct sort_item {
	const struct library_row	*r;
	const struct lib_extra		*x;
	size_t				 row;
};

static int
lib_view_cmp_str_last(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

static int
lib_view_cmp_tie(const struct sort_item *a, const struct sort_item *b)
{
	return (a->row > b->row) - (a->row < b->row);
}

static int
lib_view_cmp_date(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	int c;

	/* Newest first; a story with no date after every dated one. */
	if (a->r->when == NULL || b->r->when == NULL)
		c = (a->r->when == NULL) - (b->r->when == NULL);
	else
		c = -strcmp(a->r->when, b->r->when);
	return c ? c : lib_view_cmp_tie(a, b);
}

static int
lib_view_cmp_headline(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	int c = strcmp(a->x->fkey, b->x->fkey);

	return c ? c : lib_view_cmp_tie(a, b);
}

/* The source's folded form is the filter key's part after the newline. */
static const char *
lib_view_fkey_source(const struct lib_extra *x)
{
	const char *nl = strchr(x->fkey, '\n');

	return nl ? nl + 1 : NULL;
}

static int
lib_view_cmp_source(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;
	int c = lib_view_cmp_str_last(lib_view_fkey_source(a->x),
	    lib_view_fkey_source(b->x));

	return c ? c : lib_view_cmp_headline(pa, pb);
}

static int
lib_view_cmp_size(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;

	if (a->r->size != b->r->size)
		return a->r->size > b->r->size ? -1 : 1;
	return lib_view_cmp_tie(a, b);
}

static int (*const sort_cmps[LIBRARY_NSORTS])(const void *, const void *) = {
	lib_view_cmp_date, lib_view_cmp_headline, lib_view_cmp_source,
	    lib_view_cmp_size,
};

static const size_t *
lib_view_order(struct library *lib, enum library_sort s)
{
	struct sort_item *items;
	size_t i, *order;

	if (lib->orders[s] != NULL)
		return lib->orders[s];
	items = xcalloc(lib->nrows ? lib->nrows : 1, sizeof *items);
	for (i = 0; i < lib->nrows; i++) {
		items[i].r = &lib->rows[i];
		items[i].x = &lib->extra[i];
		items[i].row = i;
	}
	if (lib->nrows > 1)
		qsort(items, lib->nrows, sizeof *items, sort_cmps[s]);
	order = xcalloc(lib->nrows ? lib->nrows : 1, sizeof *order);
	for (i = 0; i < lib->nrows; i++)
		order[i] = items[i].row;
	free(items);
	return lib->orders[s] = order;
}

struct library_view *
library_view_new(struct library *lib)
{
	struct library_view *v = xcalloc(1, sizeof *v);

	v->lib = lib;
	v->sort = LIBRARY_SORT_DATE;
	return v;
}

void
library_view_free(struct library_view *v)
{
	if (v == NULL)
		return;
	free(v->needle);
	free(v->found);
	free(v);
}

static void
lib_view_reset(struct library_view *v)
{
	v->nfound = 0;
	v->scanned = 0;
}

void
library_view_sort(struct library_view *v, enum library_sort s)
{
	if (s >= LIBRARY_NSORTS || s == v->sort)
		return;
	v->sort = s;
	lib_view_reset(v);
}

enum library_sort
library_view_order(const struct library_view *v)
{
	return v->sort;
}

void
library_view_filter(struct library_view *v, const char *text, size_t len)
{
	free(v->needle);
	v->needle = NULL;
	v->nlen = 0;
	if (len > 0) {
		v->needle = text_fold_search(text, len,
		    text_has_diacritic(text, len), &v->nlen, NULL);
		if (v->nlen == 0) {
			free(v->needle);
			v->needle = NULL;
		}
	}
	lib_view_reset(v);
}

/* Looks further along the order until pos is found or the order ends. */
static void
lib_view_extend(struct library_view *v, size_t pos)
{
	const size_t *order = lib_view_order(v->lib, v->sort);
	size_t n = v->lib->nrows;

	while (v->nfound <= pos && v->scanned < n) {
		size_t row = order[v->scanned++];
		const char *key = v->lib->extra[row].fkey;

		if (strstr(key, v->needle) == NULL)
			continue;
		v->found = xgrow(v->found, v->nfound, &v->cap,
		    sizeof *v->found);
		v->found[v->nfound++] = row;
	}
}

size_t
library_view_row(struct library_view *v, size_t pos)
{
	if (v->needle == NULL)
		return pos < v->lib->nrows ? lib_view_order(v->lib,
		    v->sort)[pos] :
		    NONE;
	lib_view_extend(v, pos);
	return pos < v->nfound ? v->found[pos] : NONE;
}

size_t
library_view_known(const struct library_view *v, bool *complete)
{
	if (v->needle == NULL) {
		if (complete != NULL)
			*complete = true;
		return v->lib->nrows;
	}
	if (complete != NULL)
		*complete = v->scanned == v->lib->nrows;
	return v->nfound;
}

size_t
library_view_count(struct library_view *v)
{
	if (v->needle != NULL)
		lib_view_extend(v, (size_t)-2);
	return library_view_known(v, NULL);
}

size_t
library_view_find(struct library_view *v, size_t row)
{
	const size_t *order;
	size_t i;

	if (row >= v->lib->nrows)
		return NONE;
	if (v->needle != NULL) {
		for (i = 0;; i++) {
			size_t r = library_view_row(v, i);

			if (r == NONE || r == row)
				return r == NONE ? NONE : i;
		}
	}
	order = lib_view_order(v->lib, v->sort);
	for (i = 0; i < v->lib->nrows; i++)
		if (order[i] == row)
			return i;
	return NONE;
}
