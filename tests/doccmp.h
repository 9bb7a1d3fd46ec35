/* doccmp.h - two stories compared field by field, as documents.
 *
 * What a file says is compared (the head, actors, blocks, items,
 * claims, quotes, "Read more" items, comments, and the file's form of
 * every string, story_raw), not the indexes derived from it nor the
 * lines things were read from.  doc_diff returns NULL when the two are
 * the same document, or a caller-owned description of the first
 * difference.  Static inline, for the suites that include it. */
#ifndef NEWSLENS_DOCCMP_H
#define NEWSLENS_DOCCMP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/story.h"

static inline char *
doc_why(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s ? s : strdup("?");
}

/* Both NULL, or the same shown and file's strings. */
static inline int
doc_str_same(const struct story *a, const char *x, const struct story *b,
    const char *y)
{
	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0 &&
	    strcmp(story_raw(a, x), story_raw(b, y)) == 0;
}

static inline int
doc_idx_same(const struct idx *x, const struct idx *y)
{
	return x->n == y->n && (x->n == 0 ||
	    memcmp(x->v, y->v, x->n * sizeof *x->v) == 0);
}

#define DOC_STR(what, x, y) do { \
	if (!doc_str_same(a, (x), b, (y))) \
		return doc_why("%s: '%s' / '%s'", (what), \
		    (x) ? story_raw(a, (x)) : "(none)", \
		    (y) ? story_raw(b, (y)) : "(none)"); \
} while (0)
#define DOC_NUM(what, x, y) do { \
	if ((size_t)(x) != (size_t)(y)) \
		return doc_why("%s: %zu / %zu", (what), (size_t)(x), \
		    (size_t)(y)); \
} while (0)

static inline char *
doc_diff_actors(const struct story *a, const struct story *b)
{
	size_t i, j;

	DOC_NUM("actors", a->nactors, b->nactors);
	for (i = 0; i < a->nactors; i++) {
		const struct actor *x = &a->actors[i], *y = &b->actors[i];

		DOC_STR("actor id", x->id, y->id);
		DOC_NUM("actor kind", x->kind, y->kind);
		DOC_STR("actor name", x->name, y->name);
		DOC_STR("actor note", x->note, y->note);
		DOC_STR("actor same-as", x->same_as, y->same_as);
		DOC_NUM("actor member-of", x->parent, y->parent);
		DOC_NUM("actor aliases", x->naliases, y->naliases);
		for (j = 0; j < x->naliases; j++)
			DOC_STR("alias", x->aliases[j], y->aliases[j]);
	}
	return NULL;
}

static inline char *
doc_diff_blocks(const struct story *a, const struct story *b)
{
	size_t i;

	DOC_NUM("blocks", a->nblocks, b->nblocks);
	for (i = 0; i < a->nblocks; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];

		DOC_NUM("block kind", x->kind, y->kind);
		DOC_STR("block id", x->id, y->id);
		DOC_STR("block text", x->text, y->text);
		DOC_NUM("block length", x->len, y->len);
		DOC_NUM("block first item", x->first_item, y->first_item);
		DOC_NUM("block items", x->nitems, y->nitems);
		DOC_NUM("block related", x->related, y->related);
	}
	DOC_NUM("items", a->nitems, b->nitems);
	for (i = 0; i < a->nitems; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];

		DOC_NUM("item kind", x->kind, y->kind);
		DOC_NUM("item block", x->block, y->block);
		DOC_NUM("item start", x->start, y->start);
		DOC_NUM("item end", x->end, y->end);
		DOC_NUM("item parent", x->parent, y->parent);
		DOC_NUM("item ref", x->ref, y->ref);
	}
	return NULL;
}

static inline char *
doc_diff_refs(const struct story *a, const struct story *b)
{
	size_t i;

	DOC_NUM("claims", a->nclaims, b->nclaims);
	for (i = 0; i < a->nclaims; i++) {
		const struct claim *x = &a->claims[i], *y = &b->claims[i];

		DOC_STR("claim id", x->id, y->id);
		DOC_NUM("claim item", x->item, y->item);
		DOC_STR("claim when", x->when, y->when);
		if (!doc_idx_same(&x->by, &y->by) ||
		    !doc_idx_same(&x->about, &y->about) ||
		    !doc_idx_same(&x->disputes, &y->disputes))
			return doc_why("claim %s: by, about or disputes", x->id);
	}
	DOC_NUM("quotes", a->nquotes, b->nquotes);
	for (i = 0; i < a->nquotes; i++) {
		DOC_STR("quote id", a->quotes[i].id, b->quotes[i].id);
		DOC_NUM("quote item", a->quotes[i].item, b->quotes[i].item);
		DOC_NUM("quote speaker", a->quotes[i].speaker,
		    b->quotes[i].speaker);
	}
	DOC_NUM("related", a->nrelated, b->nrelated);
	for (i = 0; i < a->nrelated; i++) {
		const struct related *x = &a->related[i], *y = &b->related[i];

		DOC_STR("related id", x->id, y->id);
		DOC_STR("related href", x->href, y->href);
		DOC_STR("related url", x->url, y->url);
		DOC_NUM("related block", x->block, y->block);
		if (!doc_idx_same(&x->actors, &y->actors))
			return doc_why("related %s: actors", x->id);
	}
	return NULL;
}

/* The next comment at `place` from *i on, or NULL. */
static inline const struct comment *
doc_next_comment(const struct story *st, int place, size_t *i)
{
	for (; *i < st->ncomments; (*i)++)
		if ((int)st->comments[*i].place == place)
			return &st->comments[(*i)++];
	return NULL;
}

/* The comments at each place, in the order they were added. */
static inline char *
doc_diff_comments(const struct story *a, const struct story *b)
{
	const struct comment *x, *y;
	size_t i, j;
	int place;

	DOC_NUM("comments", a->ncomments, b->ncomments);
	for (place = COMMENT_PROLOG; place <= COMMENT_EPILOG; place++) {
		i = j = 0;
		do {
			x = doc_next_comment(a, place, &i);
			y = doc_next_comment(b, place, &j);
			if ((x == NULL) != (y == NULL))
				return doc_why("comments at place %d", place);
			if (x != NULL) {
				DOC_NUM("comment at", x->at, y->at);
				DOC_STR("comment", x->text, y->text);
			}
		} while (x != NULL);
	}
	return NULL;
}

static inline char *
doc_diff(const struct story *a, const struct story *b)
{
	char *why;

	DOC_STR("xml:lang", a->lang, b->lang);
	DOC_STR("headline", a->headline, b->headline);
	DOC_STR("dateline", a->dateline, b->dateline);
	DOC_STR("dateline when", a->dateline_when, b->dateline_when);
	DOC_STR("byline", a->byline, b->byline);
	DOC_STR("source", a->source, b->source);
	DOC_STR("source url", a->source_url, b->source_url);
	if ((why = doc_diff_actors(a, b)) != NULL ||
	    (why = doc_diff_blocks(a, b)) != NULL ||
	    (why = doc_diff_refs(a, b)) != NULL ||
	    (why = doc_diff_comments(a, b)) != NULL)
		return why;
	return NULL;
}

#undef DOC_STR
#undef DOC_NUM

#endif
