/* index.c - the rows of the index and their filter, folded once. */
#include "config.h"

#include "view/index.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "model/search.h"

/* The rows a filter holds: one for each of its prefixes typed. */
struct index_level {
	char		*folded;	/* the filter, folded */
	size_t		 flen;
	bool		 diacritics;	/* read against fold[1] */
	size_t		*keep;
	size_t		 n;
};

struct index {
	const struct story	*st;
	struct index_row	*rows;
	size_t			*all;	/* 0, 1, …: every row */
	size_t			 nrows;
	/* The rows' folded texts one after another, row i from off[i]
	 * to off[i + 1]: [0] without the diacritics, for a filter with
	 * none ("Zoe" finds "Zoë"), [1] with them; each made once, when
	 * first needed. */
	struct buf		 fold[2];
	size_t			*off[2];
	struct index_level	*levels;
	size_t			 nlevels;
	size_t			 cap;
	size_t			 folded;	/* rows folded, and read */
	size_t			 read;
};

struct index *
index_new(const struct story *st)
{
	struct index *ix = xcalloc(1, sizeof *ix);
	size_t i, n = 0, max = st->nitems + st->nactors;

	ix->st = st;
	ix->rows = xcalloc(max ? max : 1, sizeof *ix->rows);
	for (i = 0; i < st->nitems; i++)
		if (st->items[i].kind != ITEM_MENTION) {
			ix->rows[n].t = TARGET_CARD;
			ix->rows[n++].a = i;
		}
	for (i = 0; i < st->nactors; i++) {
		ix->rows[n].t = TARGET_ACTOR;
		ix->rows[n++].a = i;
	}
	ix->nrows = n;
	ix->all = xcalloc(n ? n : 1, sizeof *ix->all);
	for (i = 0; i < n; i++)
		ix->all[i] = i;
	return ix;
}

static void
index_pop(struct index *ix)
{
	struct index_level *l = &ix->levels[--ix->nlevels];

	free(l->folded);
	free(l->keep);
}

void
index_free(struct index *ix)
{
	if (ix == NULL)
		return;
	while (ix->nlevels > 0)
		index_pop(ix);
	free(ix->levels);
	buf_free(&ix->fold[0]);
	buf_free(&ix->fold[1]);
	free(ix->off[0]);
	free(ix->off[1]);
	free(ix->all);
	free(ix->rows);
	free(ix);
}

const struct index_row *
index_rows(const struct index *ix)
{
	return ix->rows;
}

size_t
index_total(const struct index *ix)
{
	return ix->nrows;
}

/* Folds every row's text once, with or without the diacritics. */
static void
index_fold(struct index *ix, int d)
{
	struct buf row = BUF_INIT;
	size_t i, flen;
	char *f;

	if (ix->off[d] != NULL)
		return;
	ix->off[d] = xcalloc(ix->nrows + 1, sizeof *ix->off[d]);
	for (i = 0; i < ix->nrows; i++) {
		buf_truncate(&row, 0);
		page_index_key(ix->st, ix->rows[i].t, ix->rows[i].a, &row);
		f = text_fold_search(row.data ? row.data : "", row.len,
		    d == 1, &flen, NULL);
		buf_append(&ix->fold[d], f, flen);
		free(f);
		ix->off[d][i + 1] = ix->fold[d].len;
	}
	ix->folded += ix->nrows;
	buf_free(&row);
}

/* Forgets the results of filters that are not a prefix of this one. */
static void
index_unwind(struct index *ix, const char *folded, size_t flen, bool d)
{
	const struct index_level *l;

	while (ix->nlevels > 0) {
		l = &ix->levels[ix->nlevels - 1];
		if (l->diacritics == d && l->flen <= flen &&
		    memcmp(l->folded, folded, l->flen) == 0)
			return;
		index_pop(ix);
	}
}

/* A level for folded, from the rows of the level under it. */
static void
index_narrow(struct index *ix, char *folded, size_t flen, bool d)
{
	const size_t *from = ix->all;
	size_t nfrom = ix->nrows, i, k;
	const char *fold;
	struct index_level *l;

	if (ix->nlevels > 0) {
		from = ix->levels[ix->nlevels - 1].keep;
		nfrom = ix->levels[ix->nlevels - 1].n;
	}
	index_fold(ix, d);
	if (ix->nlevels == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 8;
		ix->levels = xreallocarray(ix->levels, ix->cap,
		    sizeof *ix->levels);
	}
	l = &ix->levels[ix->nlevels++];
	l->folded = folded;
	l->flen = flen;
	l->diacritics = d;
	l->keep = xcalloc(nfrom ? nfrom : 1, sizeof *l->keep);
	l->n = 0;
	fold = ix->fold[d].data ? ix->fold[d].data : "";
	ix->read += nfrom;
	for (i = 0; i < nfrom; i++) {
		k = from[i];
		if (memmem(fold + ix->off[d][k], ix->off[d][k + 1] -
		    ix->off[d][k], folded, flen) != NULL)
			l->keep[l->n++] = k;
	}
}

const size_t *
index_filter(struct index *ix, const char *filter, size_t *n)
{
	size_t flen = 0;
	char *folded = filter && *filter ? search_fold(filter,
	    strlen(filter), &flen) : NULL;
	bool d;

	if (flen == 0) {
		free(folded);
		while (ix->nlevels > 0)
			index_pop(ix);
		*n = ix->nrows;
		return ix->all;
	}
	/* As search_block reads a needle: with a diacritic, exactly. */
	d = text_has_diacritic(folded, flen);
	index_unwind(ix, folded, flen, d);
	if (ix->nlevels > 0 && ix->levels[ix->nlevels - 1].flen == flen)
		free(folded);
	else
		index_narrow(ix, folded, flen, d);
	*n = ix->levels[ix->nlevels - 1].n;
	return ix->levels[ix->nlevels - 1].keep;
}

void
index_cost(const struct index *ix, size_t *folded, size_t *read)
{
	*folded = ix->folded;
	*read = ix->read;
}
