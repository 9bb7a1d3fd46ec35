/* library_search.c - search across a library.
 *
 * A story's search (model/search.h) finds any substring of a text once
 * both are folded; so does this one, and finds the same with the index
 * as without.  The index holds the trigrams of every story's texts
 * folded without diacritics (lib_blob_folded): that is how the story's
 * search folds a text for a needle without any, and a needle with some
 * is looked up folded the same way (a text that holds "Zoë" holds
 * "zoe" so folded).  So the stories that hold every trigram of the
 * needle (one of three bytes or more) are all those that can match;
 * their texts, kept in the index, are searched as a story's search
 * searches them (search_text), for the exact places and their context.
 * A needle of one or two bytes has no trigram: the texts of every
 * story in the index are searched.  The index only narrows; what
 * matches is what the reader would find in the story.  Without an
 * index on disk, every story is read from its file and searched. */
#include "config.h"

#include "library/library_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "model/search.h"

#define CONTEXT_BEFORE	40	/* bytes of context before a match */
#define CONTEXT_AFTER	60

struct library_search {
	struct library_hit	*hits;
	size_t			 n;
	size_t			 cap;
	char			*folded;	/* as search_fold folds */
	size_t			 flen;
	char			*key;		/* as the index folds */
	size_t			 klen;
	struct buf		 lower;		/* lib_search_may_hold's */
};

static bool
lib_search_is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* A line around text[start, end): a few words either side, cut between
 * characters, with "…" where cut; sanitised. */
static void
lib_search_hit_context(struct library_hit *h, const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	size_t from = h->start > CONTEXT_BEFORE ? h->start - CONTEXT_BEFORE :
	    0, to = len - h->end > CONTEXT_AFTER ? h->end + CONTEXT_AFTER : len;

	while (from > 0 && from < h->start && text[from - 1] != ' ')
		from++;
	while (from > 0 && lib_search_is_cont((unsigned char)text[from]))
		from++;
	while (to < len && to > h->end && text[to] != ' ')
		to--;
	while (to < len && lib_search_is_cont((unsigned char)text[to]))
		to--;
	if (from > 0)
		buf_puts(&b, "…");
	text_sanitize_into(&b, text + from, h->start - from);
	h->cstart = b.len;
	text_sanitize_into(&b, text + h->start, h->end - h->start);
	h->cend = b.len;
	text_sanitize_into(&b, text + h->end, to - h->end);
	if (to < len)
		buf_puts(&b, "…");
	h->context = buf_detach(&b);
}

/* The matches in one text of a row (block NONE: the headline). */
static void
lib_search_one(struct library_search *s, size_t row, size_t block,
    const char *text, size_t len)
{
	struct search_hit *hits;
	size_t i, n = search_text(text, len, s->folded, s->flen, &hits);

	for (i = 0; i < n; i++) {
		struct library_hit *h;

		s->hits = xgrow(s->hits, s->n, &s->cap, sizeof *s->hits);
		h = &s->hits[s->n++];
		h->row = row;
		h->block = block;
		h->start = hits[i].start;
		h->end = hits[i].end;
		lib_search_hit_context(h, text, len);
	}
	free(hits);
}

/* A row's texts from its file (no index on disk). */
static void
lib_search_file(struct library *lib, struct library_search *s, size_t row)
{
	struct diag d = DIAG_INIT;
	struct story *st = library_load(lib, row, &d);
	size_t b;

	diag_free(&d);
	if (st == NULL)
		return;
	lib_search_one(s, row, NONE, st->headline, strlen(st->headline));
	for (b = 0; b < st->nblocks; b++)
		lib_search_one(s, row, b, st->blocks[b].text,
		    st->blocks[b].len);
	story_free(st);
}

struct id_row {
	int64_t	id;
	size_t	row;
};

static int
lib_search_id_row_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct id_row *)a)->id;
	int64_t y = ((const struct id_row *)b)->id;

	return (x > y) - (x < y);
}

static int
lib_search_size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* The rows the index says may match, in path order; false when the
 * index cannot answer (the caller searches every row). */
static bool
lib_search_candidates(struct library *lib, const char *query, size_t **rows,
    size_t *nrows)
{
	struct id_row *ids = xcalloc(lib->nrows + 1, sizeof *ids), key, *hit;
	sqlite3_stmt *q;
	size_t i, n = 0, cap = 0;
	int rc;

	*rows = NULL;
	for (i = 0; i < lib->nrows; i++) {
		ids[i].id = lib->extra[i].id;
		ids[i].row = i;
	}
	if (lib->nrows > 1)
		qsort(ids, lib->nrows, sizeof *ids, lib_search_id_row_cmp);
	rc = sqlite3_prepare_v2(lib->db, "SELECT rowid FROM texts WHERE texts "
	    "MATCH ?1", -1, &q, NULL);
	if (rc == SQLITE_OK)
		sqlite3_bind_text(q, 1, query, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		rc = SQLITE_OK;
		key.id = sqlite3_column_int64(q, 0);
		/* A dropped file's rowid stays in the index: skipped. */
		hit = bsearch(&key, ids, lib->nrows, sizeof *ids,
		    lib_search_id_row_cmp);
		if (hit == NULL)
			continue;
		*rows = xgrow(*rows, n, &cap, sizeof **rows);
		(*rows)[n++] = hit->row;
	}
	sqlite3_finalize(q);
	free(ids);
	if (rc != SQLITE_DONE) {
		free(*rows);
		*rows = NULL;
		return false;
	}
	if (n > 1)
		qsort(*rows, n, sizeof **rows, lib_search_size_cmp);
	*nrows = n;
	return true;
}

/* Whether a text may hold the key.  A plain ASCII text folds to
 * itself lowered: that and a look for the key tell, for a few bytes'
 * work a byte rather than a fold's (search_text folds every text it
 * is given, and most texts of a candidate story do not match). */
static bool
lib_search_may_hold(struct library_search *s, const char *text, size_t len)
{
	size_t i;

	if (s->klen == 0 || !lib_blob_plain_ascii(text, len))
		return true;
	s->lower.len = 0;
	buf_reserve(&s->lower, len);
	for (i = 0; i < len; i++)
		s->lower.data[i] = (char)((unsigned)(text[i] - 'A') < 26 ?
		    text[i] + ('a' - 'A') : text[i]);
	s->lower.len = len;
	s->lower.data[len] = '\0';
	return memmem(s->lower.data, len, s->key, s->klen) != NULL;
}

/* A row's texts from the index's blob. */
static void
lib_search_blob(struct library_search *s, size_t row, const char *blob,
    size_t len)
{
	const char *text;
	size_t k, tlen;

	for (k = 0; lib_blob_text(blob, len, k, &text, &tlen); k++)
		if (lib_search_may_hold(s, text, tlen))
			lib_search_one(s, row, k == 0 ? NONE : k - 1, text,
			    tlen);
}

/* Rows rows[0..n) (every row when rows is NULL), from the index. */
static void
lib_search_rows_blobs(struct library *lib, struct library_search *s,
    const size_t *rows, size_t n)
{
	sqlite3_stmt *q;
	size_t i;

	if (sqlite3_prepare_v2(lib->db, "SELECT texts FROM blobs WHERE file = "
	    "?1", -1, &q, NULL) != SQLITE_OK)
		return;
	for (i = 0; i < n; i++) {
		size_t row = rows ? rows[i] : i;

		if (lib->rows[row].error != NULL)
			continue;
		sqlite3_bind_int64(q, 1, lib->extra[row].id);
		if (sqlite3_step(q) == SQLITE_ROW)
			lib_search_blob(s, row, sqlite3_column_blob(q, 0),
			    (size_t)sqlite3_column_bytes(q, 0));
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
}

/* The needle as the index folds its texts: as search_text folds a
 * text for it. */
static void
lib_search_key(struct library_search *s)
{
	if (text_has_diacritic(s->folded, s->flen))
		s->key = text_fold_search(s->folded, s->flen, false, &s->klen,
		    NULL);
	else {
		s->key = xstrndup(s->folded, s->flen);
		s->klen = s->flen;
	}
}

struct library_search *
library_search(struct library *lib, const char *needle, size_t len)
{
	struct library_search *s = xcalloc(1, sizeof *s);
	size_t *rows = NULL, n = 0, i;
	char *query;

	s->folded = search_fold(needle, len, &s->flen);
	if (s->flen == 0)
		return s;
	if (!lib->ondisk) {
		for (i = 0; i < lib->nrows; i++)
			if (lib->rows[i].error == NULL)
				lib_search_file(lib, s, i);
		return s;
	}
	lib_search_key(s);
	query = lib_trigram_query(s->key, s->klen);
	if (query != NULL && lib_search_candidates(lib, query, &rows, &n))
		lib_search_rows_blobs(lib, s, rows, n);
	else
		lib_search_rows_blobs(lib, s, NULL, lib->nrows);
	free(rows);
	free(query);
	return s;
}

void
library_search_free(struct library_search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->hits[i].context);
	free(s->hits);
	free(s->folded);
	free(s->key);
	buf_free(&s->lower);
	free(s);
}

size_t
library_search_count(const struct library_search *s)
{
	return s->n;
}

const struct library_hit *
library_search_hit(const struct library_search *s, size_t i)
{
	return i < s->n ? &s->hits[i] : NULL;
}

size_t
library_search_step(const struct library_search *s, size_t from,
    bool forward)
{
	if (s->n == 0)
		return NONE;
	if (from == NONE || from >= s->n)
		return forward ? 0 : s->n - 1;
	if (forward)
		return from + 1 < s->n ? from + 1 : 0;
	return from > 0 ? from - 1 : s->n - 1;
}
