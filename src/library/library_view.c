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

/* An order is sorted as far as it is read: a heap of the rows not yet
 * placed, popped into the sorted prefix on demand.  The first screen of
 * 10,000 rows builds the heap (about 2n comparisons) and pops forty,
 * where a whole sort took n log n (a third of a warm opening's
 * instructions in the program itself); reading the whole order costs a
 * sort, as before.  The comparisons end in the row, so the order is
 * total and the same whichever way it is built. */
struct lib_order {
	size_t			*order;		/* rows, nsorted placed */
	size_t			 nsorted;
	struct sort_item	*heap;		/* the rest, least on top */
	size_t			 nheap;
};

static void
lib_view_heap_down(struct sort_item *h, size_t n, size_t i,
    int (*cmp)(const void *, const void *))
{
	struct sort_item it = h[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && cmp(&h[c + 1], &h[c]) < 0)
			c++;
		if (cmp(&h[c], &it) >= 0)
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = it;
}

static struct lib_order *
lib_view_order_new(struct library *lib, enum library_sort s)
{
	struct lib_order *o = xcalloc(1, sizeof *o);
	size_t i, n = lib->nrows;

	o->order = xcalloc(n ? n : 1, sizeof *o->order);
	o->heap = xcalloc(n ? n : 1, sizeof *o->heap);
	for (i = 0; i < n; i++) {
		o->heap[i].r = &lib->rows[i];
		o->heap[i].x = &lib->extra[i];
		o->heap[i].row = i;
	}
	o->nheap = n;
	for (i = n / 2; i-- > 0;)
		lib_view_heap_down(o->heap, n, i, sort_cmps[s]);
	return o;
}

/* The order of sort s, sorted at least up to position pos. */
static const size_t *
lib_view_order(struct library *lib, enum library_sort s, size_t pos)
{
	struct lib_order *o = lib->orders[s];

	if (o == NULL)
		o = lib->orders[s] = lib_view_order_new(lib, s);
	while (o->nsorted <= pos && o->nheap > 0) {
		o->order[o->nsorted++] = o->heap[0].row;
		o->heap[0] = o->heap[--o->nheap];
		lib_view_heap_down(o->heap, o->nheap, 0, sort_cmps[s]);
	}
	if (o->nheap == 0 && o->heap != NULL) {
		free(o->heap);
		o->heap = NULL;
	}
	return o->order;
}

void
lib_view_orders_free(struct library *lib)
{
	size_t i;

	for (i = 0; i < LIBRARY_NSORTS; i++) {
		if (lib->orders[i] != NULL) {
			free(lib->orders[i]->order);
			free(lib->orders[i]->heap);
			free(lib->orders[i]);
		}
		lib->orders[i] = NULL;
	}
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
	size_t n = v->lib->nrows;

	while (v->nfound <= pos && v->scanned < n) {
		size_t row = lib_view_order(v->lib, v->sort,
		    v->scanned)[v->scanned];

		v->scanned++;
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
		    v->sort, pos)[pos] : NONE;
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
	for (i = 0; i < v->lib->nrows; i++) {
		order = lib_view_order(v->lib, v->sort, i);
		if (order[i] == row)
			return i;
	}
	return NONE;
}
