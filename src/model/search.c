/* search.c - finding text in a story, Unicode case-insensitively. */
#include "config.h"

#include "model/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"

/* A window of a block's text, folded: text [from, to), cut where
 * folding the pieces apart gives the pieces of the whole fold (see
 * search_cut_ok), and map[i] the source offset of folded byte i. */
struct window {
	size_t	 from, to;
	char	*f;
	size_t	 flen;
	size_t	*map;
};

/* Whether the text may be cut at p: folding [0, p) and [p, len) apart
 * gives the two pieces of the fold of the whole.  Between two ASCII
 * bytes (but CR LF) a grapheme cluster always ends, and no canonical
 * composition or reordering joins an ASCII character to the one
 * before it, so folding, which goes one cluster at a time, sees the
 * same clusters on either side. */
static bool
search_cut_ok(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;

	return p == 0 || p >= len || (u[p - 1] < 0x80 && u[p] < 0x80 &&
	    !(u[p - 1] == '\r' && u[p] == '\n'));
}

static size_t
search_cut_before(const char *s, size_t len, size_t p)
{
	if (p > len)
		p = len;
	while (!search_cut_ok(s, len, p))
		p--;
	return p;
}

static size_t
search_cut_after(const char *s, size_t len, size_t p)
{
	if (p >= len)
		return len;
	while (!search_cut_ok(s, len, p))
		p++;
	return p;
}

/* Folds [from, to) of block bl, both cuts, with its map when `map`. */
static void
search_window_fold(const struct block *bl, size_t from, size_t to,
    bool diacritics,
    bool map, struct window *w, struct search_span *sp)
{
	size_t i;

	w->from = from;
	w->to = to;
	w->map = NULL;
	w->f = text_fold_search(bl->text + from, to - from, diacritics,
	    &w->flen, map ? &w->map : NULL);
	if (map)
		for (i = 0; i <= w->flen; i++)
			w->map[i] += from;
	if (sp != NULL) {
		sp->folded += to - from;
		sp->whole += from == 0 && to == bl->len;
	}
}

static void
search_window_free(struct window *w)
{
	free(w->f);
	free(w->map);
}

/* The first folded byte of w that comes from source offset p or after. */
static size_t
search_window_index(const struct window *w, size_t p)
{
	size_t lo = 0, hi = w->flen, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->map[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether folded byte i of w starts a source grapheme cluster; the
 * window's ends are cuts, so they do. */
static bool
search_fold_boundary(const struct window *w, size_t i)
{
	return i == 0 || i == w->flen || w->map[i] != w->map[i - 1];
}

/* The matches of the needle in w from folded byte i on, taken from the
 * left without overlaps as a search of the whole block takes them,
 * appended to *hits.  Returns the source offset where the last one
 * ends, or w->map[i] when there is none. */
static size_t
search_window_scan(const struct window *w, const char *needle, size_t nlen,
    size_t block, size_t i, struct search_hit **hits, size_t *n,
    size_t *cap)
{
	size_t end = w->map[i];
	const char *p;

	while (i + nlen <= w->flen &&
	    (p = memmem(w->f + i, w->flen - i, needle, nlen)) != NULL) {
		i = (size_t)(p - w->f);
		if (!search_fold_boundary(w, i) || !search_fold_boundary(w,
		    i + nlen)) {
			i++;
			continue;
		}
		*hits = xgrow(*hits, *n, cap, sizeof **hits);
		(*hits)[*n].block = block;
		(*hits)[*n].start = w->map[i];
		(*hits)[*n].end = end = w->map[i + nlen];
		(*n)++;
		i += nlen;
	}
	return end;
}

static void
search_block_append(const struct story *st, size_t b, const char *needle,
    size_t nlen, struct search_hit **hits, size_t *n, size_t *cap)
{
	const struct block *bl = &st->blocks[b];
	/* A needle with no diacritic finds the text with or without them
	 * ("Zoe" finds "Zoë"); one with a diacritic, only the same. */
	bool diacritics = text_has_diacritic(needle, nlen);
	struct window w;

	/* Most blocks do not hold the needle: fold them without the map
	 * of offsets, which costs more than the folding itself. */
	search_window_fold(bl, 0, bl->len, diacritics, false, &w, NULL);
	if (memmem(w.f, w.flen, needle, nlen) == NULL) {
		search_window_free(&w);
		return;
	}
	search_window_free(&w);
	search_window_fold(bl, 0, bl->len, diacritics, true, &w, NULL);
	search_window_scan(&w, needle, nlen, b, 0, hits, n, cap);
	search_window_free(&w);
}

char *
search_fold(const char *needle, size_t len, size_t *flen)
{
	return text_fold_search(needle, len, true, flen, NULL);
}

size_t
search_block(const struct story *st, size_t b, const char *folded,
    size_t flen, struct search_hit **hits)
{
	size_t n = 0, cap = 0;

	*hits = NULL;
	if (flen > 0)
		search_block_append(st, b, folded, flen, hits, &n, &cap);
	return n;
}

/* ---- matches found lazily, a window at a time ---------------------
 *
 * A span holds the matches of one block that start in [lo, hi), as a
 * search of the whole block finds them (from the left, without
 * overlaps).  lo is a place no match straddles, so the matches after it
 * do not depend on the text before; every match that starts before hi
 * is held, and the next one is the first match that starts at hi or
 * after.  n, N and drawing widen the span a window at a time, so their
 * cost is the text between the screen and the match, not the block's
 * length. */

/* The first window's size (unless the span says); each further one in
 * the same call doubles, up to SPAN_WINDOW_MAX. */
#define SPAN_WINDOW	4096
#define SPAN_WINDOW_MAX	((size_t)1 << 20)
/* A place this many first windows outside the span starts a new one. */
#define SPAN_FAR	16
/* Cuts tried for a place no match straddles before the block's start. */
#define SPAN_TRIES	8

struct search_span_needle {
	const char	*s;
	size_t		 len;
	bool		 diacritics;
};

/* Whether a match straddles cut p (one starts before it and ends after
 * it); *start is then where it starts. */
static bool
search_straddled(const struct block *bl, const struct search_span_needle *nd,
    size_t p,
    struct search_span *sp, size_t *start)
{
	size_t m = 4 * nd->len + 16, a, b, ip, i;
	const char *q;
	struct window w;
	bool found = false;

	/* A window with at least a needle's length of folded text on
	 * either side of p, or the block's end. */
	for (;;) {
		a = search_cut_before(bl->text, bl->len, p > m ? p - m : 0);
		b = search_cut_after(bl->text, bl->len, p + m);
		search_window_fold(bl, a, b, nd->diacritics, true, &w, sp);
		ip = search_window_index(&w, p);
		if ((ip >= nd->len || a == 0) &&
		    (w.flen - ip >= nd->len || b == bl->len))
			break;
		search_window_free(&w);
		m *= 2;
	}
	for (i = ip >= nd->len ? ip - nd->len + 1 : 0; i < ip &&
	    (q = memmem(w.f + i, w.flen - i, nd->s, nd->len)) != NULL &&
	    (size_t)(q - w.f) < ip; i++) {
		i = (size_t)(q - w.f);
		if (search_fold_boundary(&w, i) && search_fold_boundary(&w,
		    i + nd->len)) {
			*start = w.map[i];
			found = true;
			break;
		}
	}
	search_window_free(&w);
	return found;
}

/* A place at or before p that no match straddles: a cut, or the start. */
static size_t
search_sync_before(const struct block *bl, const struct search_span_needle *nd,
    size_t p,
    struct search_span *sp)
{
	size_t c = search_cut_before(bl->text, bl->len, p), start;
	int tries;

	for (tries = 0; c > 0 && tries < SPAN_TRIES; tries++) {
		if (!search_straddled(bl, nd, c, sp, &start))
			return c;
		c = search_cut_before(bl->text, bl->len, start);
	}
	return 0;
}

/* Widens the span forward by a window of at least w bytes. */
static void
search_span_forward(const struct block *bl, const struct search_span_needle *nd,
    struct search_span *sp, size_t w)
{
	size_t from = search_cut_before(bl->text, bl->len, sp->hi), to, i, j, r;
	struct window win;

	for (;; w *= 2) {
		to = search_cut_after(bl->text, bl->len, sp->hi + w);
		if (to == bl->len) {
			/* Nothing can straddle the end: the window may be
			 * ruled out without the map. */
			search_window_fold(bl, from, to, nd->diacritics, false,
			    &win,
			    sp);
			r = memmem(win.f, win.flen, nd->s, nd->len) == NULL;
			search_window_free(&win);
			if (r) {
				sp->hi = to;
				return;
			}
		}
		search_window_fold(bl, from, to, nd->diacritics, true, &win,
		    sp);
		i = search_window_index(&win, sp->hi);
		r = search_window_scan(&win, nd->s, nd->len, sp->block, i,
		    &sp->hits,
		    &sp->n, &sp->cap);
		/* A match that straddles the window's end starts in its
		 * last needle's length of folded bytes: go on from there,
		 * or from the last match's end. */
		j = win.flen + 1 > nd->len ? win.flen + 1 - nd->len : 0;
		if (to == bl->len)
			r = bl->len;
		else if (win.map[j > i ? j : i] > r)
			r = win.map[j > i ? j : i];
		search_window_free(&win);
		if (r > sp->hi) {
			sp->hi = r;
			return;
		}
	}
}

/* Widens the span back to a place no match straddles, at least w bytes
 * before lo. */
static void
search_span_back(const struct block *bl, const struct search_span_needle *nd,
    struct search_span *sp, size_t w)
{
	size_t c = search_sync_before(bl, nd, sp->lo > w ? sp->lo - w : 0, sp);
	struct search_hit *v = NULL;
	size_t n = 0, cap = 0;
	struct window win;

	search_window_fold(bl, c, sp->lo, nd->diacritics, true, &win, sp);
	search_window_scan(&win, nd->s, nd->len, sp->block, 0, &v, &n, &cap);
	search_window_free(&win);
	if (n > 0) {
		sp->hits = xreallocarray(sp->hits, sp->n + n, sizeof *v);
		sp->cap = sp->n + n;
		memmove(sp->hits + n, sp->hits, sp->n * sizeof *v);
		memcpy(sp->hits, v, n * sizeof *v);
		sp->n += n;
	}
	free(v);
	sp->lo = c;
}

static size_t
search_span_grow(size_t w)
{
	return w < SPAN_WINDOW_MAX ? w * 2 : w;
}

/* Makes the span one of block b that reaches back to offset (at most
 * the block's length): a new one when it is of another block or far
 * from offset. */
static void
search_span_seek(const struct story *st, const struct search_span_needle *nd,
    struct search_span *sp, size_t b, size_t offset)
{
	const struct block *bl = &st->blocks[b];
	size_t w = sp->window, far = SPAN_FAR * sp->window;

	if (sp->block != b || offset + far < sp->lo || offset > sp->hi + far) {
		sp->block = b;
		sp->n = 0;
		sp->lo = sp->hi = search_sync_before(bl, nd, offset, sp);
	}
	for (; offset < sp->lo; w = search_span_grow(w))
		search_span_back(bl, nd, sp, w);
}

/* The first of the span's matches that starts at or after offset (or,
 * with `ends`, that ends after it), or sp->n. */
static size_t
search_span_from(const struct search_span *sp, size_t offset, bool ends)
{
	size_t lo = 0, hi = sp->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((ends ? sp->hits[mid].end <= offset :
		    sp->hits[mid].start < offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
search_span_needle(const char *folded, size_t flen,
    struct search_span_needle *nd)
{
	nd->s = folded;
	nd->len = flen;
	nd->diacritics = text_has_diacritic(folded, flen);
	return flen > 0;
}

void
search_span_init(struct search_span *sp)
{
	memset(sp, 0, sizeof *sp);
	sp->block = NONE;
	sp->window = SPAN_WINDOW;
}

void
search_span_free(struct search_span *sp)
{
	size_t w = sp->window;

	free(sp->hits);
	search_span_init(sp);
	sp->window = w;
}

size_t
search_span_next(const struct story *st, const char *folded, size_t flen,
    struct search_span *sp, size_t b, size_t offset)
{
	const struct block *bl = &st->blocks[b];
	struct search_span_needle nd;
	size_t k, w;

	if (!search_span_needle(folded, flen, &nd))
		return NONE;
	offset = offset < bl->len ? offset : bl->len;
	search_span_seek(st, &nd, sp, b, offset);
	for (w = sp->window;; w = search_span_grow(w)) {
		if ((k = search_span_from(sp, offset, false)) < sp->n)
			return k;
		if (sp->hi >= bl->len)
			return NONE;
		search_span_forward(bl, &nd, sp, w);
	}
}

size_t
search_span_prev(const struct story *st, const char *folded, size_t flen,
    struct search_span *sp, size_t b, size_t offset)
{
	const struct block *bl = &st->blocks[b];
	struct search_span_needle nd;
	size_t k, w;

	if (!search_span_needle(folded, flen, &nd))
		return NONE;
	offset = offset < bl->len ? offset : bl->len;
	search_span_seek(st, &nd, sp, b, offset);
	for (w = sp->window; sp->hi < offset; w = search_span_grow(w))
		search_span_forward(bl, &nd, sp, w);
	for (w = sp->window;; w = search_span_grow(w)) {
		if ((k = search_span_from(sp, offset, false)) > 0)
			return k - 1;
		if (sp->lo == 0)
			return NONE;
		search_span_back(bl, &nd, sp, w);
	}
}

size_t
search_span_range(const struct story *st, const char *folded, size_t flen,
    struct search_span *sp, size_t b, size_t from, size_t to, size_t *first)
{
	const struct block *bl = &st->blocks[b];
	struct search_span_needle nd;
	size_t w;

	*first = 0;
	if (!search_span_needle(folded, flen, &nd))
		return 0;
	from = from < bl->len ? from : bl->len;
	to = to < bl->len ? to : bl->len;
	search_span_seek(st, &nd, sp, b, from);
	for (w = sp->window; sp->hi < to; w = search_span_grow(w))
		search_span_forward(bl, &nd, sp, w);
	*first = search_span_from(sp, from, true);
	return search_span_from(sp, to, false);
}

/* Step i of a round trip over the blocks from block: i == nblocks is
 * block again, for the matches on the far side of the offset. */
static size_t
search_round_block(size_t nblocks, size_t block, size_t i, bool forward)
{
	return forward ? (block + i) % nblocks :
	    (block + nblocks - i % nblocks) % nblocks;
}

bool
search_next(const struct story *st, const char *folded, size_t flen,
    size_t block, size_t offset, bool forward, struct search_hit *hit,
    bool *wrapped)
{
	struct search_span sp;
	size_t i, b, k = NONE;

	if (flen == 0 || st->nblocks == 0)
		return false;
	if (block >= st->nblocks) {
		/* No such place: from the start, or back from the end. */
		block = forward ? 0 : st->nblocks - 1;
		offset = forward ? 0 : SIZE_MAX;
	}
	search_span_init(&sp);
	/* In the first block, only matches on the right side of the
	 * offset count; round the story, the first or last of a block;
	 * back in the first block, those on the far side. */
	for (i = 0; i <= st->nblocks && k == NONE; i++) {
		b = search_round_block(st->nblocks, block, i, forward);
		if (forward)
			k = search_span_next(st, folded, flen, &sp, b,
			    i == 0 ? offset : 0);
		else
			k = search_span_prev(st, folded, flen, &sp, b,
			    i == 0 ? offset : SIZE_MAX);
		if (k != NONE) {
			*hit = sp.hits[k];
			*wrapped = forward ? block + i >= st->nblocks :
			    i > block;
		}
	}
	search_span_free(&sp);
	return k != NONE;
}

size_t
search_story(const struct story *st, const char *needle, size_t len,
    struct search_hit **hits)
{
	size_t nlen, n = 0, cap = 0, b;
	char *folded = search_fold(needle, len, &nlen);

	*hits = NULL;
	if (nlen > 0)
		for (b = 0; b < st->nblocks; b++)
			search_block_append(st, b, folded, nlen, hits, &n,
			    &cap);
	free(folded);
	return n;
}

size_t
search_hit_at(const struct search_hit *hits, size_t n, size_t block,
    size_t offset)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0)
		return NONE;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (hits[mid].block < block ||
		    (hits[mid].block == block && hits[mid].start < offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? lo : 0;
}

size_t
search_text(const char *s, size_t len, const char *folded, size_t flen,
    struct search_hit **hits)
{
	struct block bl;
	struct story st;
	size_t n = 0, cap = 0, i;

	/* A story of one block holding s: the one matching there is. */
	memset(&bl, 0, sizeof bl);
	memset(&st, 0, sizeof st);
	bl.text = (char *)s;
	bl.len = len;
	st.blocks = &bl;
	st.nblocks = 1;
	*hits = NULL;
	if (flen > 0)
		search_block_append(&st, 0, folded, flen, hits, &n, &cap);
	for (i = 0; i < n; i++)
		(*hits)[i].block = NONE;
	return n;
}
