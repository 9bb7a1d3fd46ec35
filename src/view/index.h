/* index.h - the rows of the index (i) and their filter.
 *
 * Each row's text is folded once, when the index opens, as search
 * folds it; a filter typed a character at a time then reads only the
 * rows that the filter before it kept (a character narrows the last
 * result), and Backspace goes back to the result before (the results
 * of the filter's prefixes are kept), so that a key in the index costs
 * what the rows still shown cost, not the whole story. */
#ifndef NEWSLENS_INDEX_H
#define NEWSLENS_INDEX_H

#include <stddef.h>

#include "view/reader.h"

/* A row: a claim, quote or "Read more" item (TARGET_CARD, a = the
 * item) or an actor (TARGET_ACTOR, a = the actor). */
struct index_row {
	enum target_kind t;
	size_t		 a;
};

struct index;

/* Every row of st, in reading order, then the actors; caller-owned. */
struct index *index_new(const struct story *st);
void	index_free(struct index *);
/* The rows, index_total() of them; owned by the index. */
const struct index_row *index_rows(const struct index *);
size_t	index_total(const struct index *);
/* The rows that hold `filter` (folded as search is; NULL or "": every
 * row), as indexes into index_rows() in order, owned by the index
 * until the next call; their number in *n.  A row holds the filter
 * when its folded text does, byte for byte. */
const size_t *index_filter(struct index *, const char *filter, size_t *n);
/* What filtering has cost since the index was made: rows folded and
 * rows read; only tests look, to show that a key typed reads the rows
 * the last filter kept and Backspace reads none. */
void	index_cost(const struct index *, size_t *folded, size_t *read);

#endif
