/* story.c - the story model's indexes and look-ups. */
#include "config.h"

#include "model/story.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"

/* What the comments in story.h promise, where size_t is 64 bits. */
#if SIZE_MAX == UINT64_MAX
_Static_assert(sizeof(struct item) == 32, "struct item is 32 bytes");
_Static_assert(sizeof(struct block) == 40, "struct block is 40 bytes");
#endif

static const char *const actor_kind_names[ACTOR_NKINDS] = {
	"country", "government", "agency", "company",
	"person", "group", "media", "other",
};

static const char *const item_kind_names[ITEM_NKINDS] = {
	"mention", "claim", "quote", "Read more",
};

const char *
story_actor_kind_name(enum actor_kind kind)
{
	return kind < ACTOR_NKINDS ? actor_kind_names[kind] : "other";
}

enum actor_kind
story_actor_kind_parse(const char *word)
{
	int k;

	for (k = 0; k < ACTOR_NKINDS; k++)
		if (strcmp(word, actor_kind_names[k]) == 0)
			return (enum actor_kind)k;
	return ACTOR_NKINDS;
}

const char *
story_item_kind_name(enum item_kind kind)
{
	return kind < ITEM_NKINDS ? item_kind_names[kind] : "item";
}

/* The indexes are built in two passes over the story, so that all of
 * them take one array of the exact size: grown by doubling, the many
 * small ones (every actor's mentions, say) would hold up to twice
 * their size, a fifth of a large story's model.  The first pass
 * (st->ix NULL) counts, story_ix_alloc gives each its place, the second
 * fills. */
static void
story_ix_push(struct story *st, struct ix *x, size_t v)
{
	if (st->ix != NULL)
		st->ix[x->at + x->n] = (uint32_t)v;
	x->n++;
}

/* After the counting pass: x's place in the array, from st->nix on,
 * and n back to 0 for the filling pass. */
static void
story_ix_alloc(struct story *st, struct ix *x)
{
	x->at = (uint32_t)st->nix;
	st->nix += x->n;
	x->n = 0;
}

static void
story_free_actors(struct story *st)
{
	size_t i;

	for (i = 0; i < st->nactors; i++)
		free(st->actors[i].aliases);
	free(st->actors);
}

void
story_free(struct story *st)
{
	if (st == NULL)
		return;
	story_free_actors(st);
	free(st->blocks);
	free(st->items);
	free(st->claims);
	free(st->quotes);
	free(st->related);
	free(st->actors_by_id);
	free(st->comments);
	free(st->raws.shown);
	free(st->raws.raw);
	free(st->ix);
	pool_free(&st->pool);
	free(st);
}

static void
story_index_members(struct story *st)
{
	size_t i, p;

	for (i = 0; i < st->nactors; i++) {
		p = st->actors[i].parent;
		if (p != NONE)
			story_ix_push(st, &st->actors[p].members, i);
	}
}

/* Merges the sorted runs src[lo, mid) and src[mid, hi) into dst,
 * by the actors' ids. */
static void
story_merge_by_id(const struct story *st, const uint32_t *src, uint32_t *dst,
    size_t lo, size_t mid, size_t hi)
{
	size_t i = lo, j = mid, k = lo;

	while (i < mid && j < hi)
		dst[k++] = strcmp(st->actors[src[j]].id,
		    st->actors[src[i]].id) < 0 ? src[j++] : src[i++];
	while (i < mid)
		dst[k++] = src[i++];
	while (j < hi)
		dst[k++] = src[j++];
}

/* actors_by_id, sorted in its own room: its n size_t hold 2n 32-bit
 * indices, the first n sorted by a bottom-up merge through the second
 * n, then widened in place from the last (entry i's 8 bytes start at
 * byte 8i, after the 4-byte entries below i still to be read).  qsort
 * of (id, index) pairs took 16 bytes an actor, and glibc's merge sort
 * as much again; with the result, 40 bytes an actor at the end of the
 * load, a third of what the actors themselves take. */
static void
story_sort_actors(struct story *st)
{
	size_t n = st->nactors, i, w;
	uint32_t *a, *b, *t;

	free(st->actors_by_id);
	st->actors_by_id = xcalloc(n ? n : 1, sizeof *st->actors_by_id);
	a = (uint32_t *)st->actors_by_id;
	b = a + n;
	for (i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	for (w = 1; w < n; w *= 2) {
		for (i = 0; i < n; i += 2 * w)
			story_merge_by_id(st, a, b, i, i + w < n ? i + w : n,
			    i + 2 * w < n ? i + 2 * w : n);
		t = a;
		a = b;
		b = t;
	}
	if (a != (uint32_t *)st->actors_by_id)
		memcpy(st->actors_by_id, a, n * sizeof *a);
	a = (uint32_t *)st->actors_by_id;
	for (i = n; i-- > 0;)
		st->actors_by_id[i] = a[i];
}

/* Every derived field back to empty, and the arrays they held freed,
 * so that the index can be built from the document alone. */
static void
story_index_clear(struct story *st)
{
	static const struct ix empty = { 0, 0 };
	size_t i;

	free(st->ix);
	st->ix = NULL;
	st->nix = 0;
	for (i = 0; i < st->nactors; i++) {
		struct actor *a = &st->actors[i];

		a->members = a->mentions = a->claims_by = empty;
		a->claims_about = a->quotes = a->related = empty;
		a->total_mentions = 0;
	}
	for (i = 0; i < st->nclaims; i++)
		st->claims[i].disputed_by = st->claims[i].quotes = empty;
	for (i = 0; i < st->nquotes; i++)
		st->quotes[i].claim = NONE;
	st->mentions = empty;
}

/* Adds each actor's own mentions to every actor above it, children
 * before parents: a breadth-first order from the roots, walked
 * backwards, so that a deep member-of chain costs no more than a flat
 * one.  The loader has rejected member-of cycles, so every actor is
 * reached from a root. */
static void
story_count_mentions(struct story *st)
{
	size_t *order, head = 0, tail = 0, i, j, a;

	order = xcalloc(st->nactors, sizeof *order);
	for (i = 0; i < st->nactors; i++) {
		st->actors[i].total_mentions = st->actors[i].mentions.n;
		if (st->actors[i].parent == NONE)
			order[tail++] = i;
	}
	while (head < tail) {
		a = order[head++];
		for (j = 0; j < st->actors[a].members.n; j++)
			order[tail++] = story_ix(st, st->actors[a].members)[j];
	}
	while (tail > 0) {
		a = order[--tail];
		if (st->actors[a].parent != NONE)
			st->actors[st->actors[a].parent].total_mentions +=
			    st->actors[a].total_mentions;
	}
	free(order);
}

static void
story_index_items(struct story *st)
{
	size_t i, j;

	for (i = 0; i < st->nitems; i++) {
		const struct item *it = &st->items[i];

		if (it->kind == ITEM_MENTION) {
			story_ix_push(st, &st->actors[it->ref].mentions, i);
			story_ix_push(st, &st->mentions, i);
		}
	}
	for (i = 0; i < st->nclaims; i++) {
		struct claim *c = &st->claims[i];

		for (j = 0; j < c->by.n; j++)
			story_ix_push(st, &st->actors[c->by.v[j]].claims_by, i);
		for (j = 0; j < c->about.n; j++)
			story_ix_push(st,
			    &st->actors[c->about.v[j]].claims_about,
			    i);
		for (j = 0; j < c->disputes.n; j++)
			story_ix_push(st,
			    &st->claims[c->disputes.v[j]].disputed_by,
			    i);
	}
	for (i = 0; i < st->nquotes; i++) {
		struct quote *q = &st->quotes[i];
		size_t p;

		story_ix_push(st, &st->actors[q->speaker].quotes, i);
		q->claim = NONE;
		for (p = st->items[q->item].parent; p != NONE;
		    p = st->items[p].parent)
			if (st->items[p].kind == ITEM_CLAIM) {
				q->claim = st->items[p].ref;
				story_ix_push(st, &st->claims[q->claim].quotes,
				    i);
				break;
			}
	}
	for (i = 0; i < st->nrelated; i++)
		for (j = 0; j < st->related[i].actors.n; j++)
			story_ix_push(st,
			    &st->actors[st->related[i].actors.v[j]].related, i);
}

/* Room for every index the counting pass has counted. */
static void
story_alloc_index(struct story *st)
{
	size_t i;

	for (i = 0; i < st->nactors; i++) {
		struct actor *a = &st->actors[i];

		story_ix_alloc(st, &a->members);
		story_ix_alloc(st, &a->mentions);
		story_ix_alloc(st, &a->claims_by);
		story_ix_alloc(st, &a->claims_about);
		story_ix_alloc(st, &a->quotes);
		story_ix_alloc(st, &a->related);
	}
	for (i = 0; i < st->nclaims; i++) {
		story_ix_alloc(st, &st->claims[i].disputed_by);
		story_ix_alloc(st, &st->claims[i].quotes);
	}
	story_ix_alloc(st, &st->mentions);
	st->ix = xreallocarray(NULL, st->nix, sizeof *st->ix);
}

void
story_index(struct story *st)
{
	story_index_clear(st);
	story_index_members(st);
	story_index_items(st);
	story_alloc_index(st);
	story_index_members(st);
	story_index_items(st);
	story_count_mentions(st);
	story_sort_actors(st);
}

struct idx
story_ix_idx(const struct story *st, struct ix x)
{
	struct idx r = { xcalloc(x.n ? x.n : 1, sizeof *r.v), x.n };
	const uint32_t *v = story_ix(st, x);
	size_t i;

	for (i = 0; i < x.n; i++)
		r.v[i] = v[i];
	return r;
}

/* The first position in the sorted array whose value is > from
 * (forward) or the last whose value is < from (backward); NONE if
 * there is none.  `at` reads the value at a position. */
static size_t
story_search_sorted(size_t n, size_t from, bool forward,
    size_t (*at)(const struct story *, const void *, size_t),
    const struct story *st, const void *arr)
{
	size_t lo = 0, hi = n, mid;

	/* lo becomes the first position whose value is > from. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (from != NONE && at(st, arr, mid) <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (forward)
		return lo < n ? lo : NONE;
	if (from == NONE)
		return n > 0 ? n - 1 : NONE;
	/* Step back over the item itself when it is in the array. */
	if (lo > 0 && at(st, arr, lo - 1) == from)
		lo--;
	return lo > 0 ? lo - 1 : NONE;
}

static size_t
story_at_ix(const struct story *st, const void *arr, size_t i)
{
	(void)st;
	return ((const uint32_t *)arr)[i];
}

static size_t
story_at_claim(const struct story *st, const void *arr, size_t i)
{
	(void)arr;
	return st->claims[i].item;
}

static size_t
story_at_quote(const struct story *st, const void *arr, size_t i)
{
	(void)arr;
	return st->quotes[i].item;
}

static size_t
story_at_related(const struct story *st, const void *arr, size_t i)
{
	(void)arr;
	return st->related[i].item;
}

size_t
story_next_item(const struct story *st, size_t from, enum item_kind kind,
    bool forward)
{
	size_t pos;

	switch (kind) {
	case ITEM_MENTION:
		pos = story_search_sorted(st->mentions.n, from, forward,
		    story_at_ix, st,
		    story_ix(st, st->mentions));
		return pos == NONE ? NONE : story_ix(st, st->mentions)[pos];
	case ITEM_CLAIM:
		pos = story_search_sorted(st->nclaims, from, forward,
		    story_at_claim, st,
		    NULL);
		return pos == NONE ? NONE : st->claims[pos].item;
	case ITEM_QUOTE:
		pos = story_search_sorted(st->nquotes, from, forward,
		    story_at_quote, st,
		    NULL);
		return pos == NONE ? NONE : st->quotes[pos].item;
	case ITEM_RELATED:
		pos = story_search_sorted(st->nrelated, from, forward,
		    story_at_related,
		    st, NULL);
		return pos == NONE ? NONE : st->related[pos].item;
	default:
		break;
	}
	if (forward) {
		from = from == NONE ? 0 : from + 1;
		return from < st->nitems ? from : NONE;
	}
	if (from == NONE)
		return st->nitems > 0 ? st->nitems - 1 : NONE;
	return from > 0 ? from - 1 : NONE;
}

size_t
story_next_mention(const struct story *st, size_t actor, size_t from,
    bool forward)
{
	const uint32_t *m = story_ix(st, st->actors[actor].mentions);
	size_t pos = story_search_sorted(st->actors[actor].mentions.n, from,
	    forward,
	    story_at_ix, st, m);

	return pos == NONE ? NONE : m[pos];
}

const char *
story_item_text(const struct story *st, size_t item, size_t *len)
{
	const struct item *it = &st->items[item];

	*len = it->end - it->start;
	return st->blocks[it->block].text + it->start;
}

size_t
story_item_ordinal(const struct story *st, size_t item, size_t *total)
{
	const struct item *it = &st->items[item];
	size_t pos;

	switch (it->kind) {
	case ITEM_MENTION:
		*total = st->mentions.n;
		pos = story_search_sorted(st->mentions.n, item, false,
		    story_at_ix, st,
		    story_ix(st, st->mentions));
		return pos == NONE ? 1 : pos + 2;
	case ITEM_CLAIM:
		*total = st->nclaims;
		break;
	case ITEM_QUOTE:
		*total = st->nquotes;
		break;
	case ITEM_RELATED:
		*total = st->nrelated;
		break;
	default:
		*total = st->nitems;
		return item + 1;
	}
	return it->ref + 1;
}

size_t
story_find_actor(const struct story *st, const char *id)
{
	size_t lo = 0, hi = st->nactors, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, st->actors[st->actors_by_id[mid]].id);
		if (c == 0)
			return st->actors_by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NONE;
}

bool
story_actor_within(const struct story *st, size_t a, size_t b)
{
	for (; a != NONE; a = st->actors[a].parent)
		if (a == b)
			return true;
	return false;
}

/* ---- the file's form of shown strings, and comments ---------------- */

static size_t
story_rawmap_slot(const struct story_rawmap *m, const char *shown)
{
	size_t h = (size_t)((uintptr_t)shown >> 3) * (size_t)0x9E3779B97F4A7C15ULL;
	size_t i = h & (m->cap - 1);

	while (m->shown[i] != NULL && m->shown[i] != shown)
		i = (i + 1) & (m->cap - 1);
	return i;
}

const char *
story_raw(const struct story *st, const char *s)
{
	size_t i;

	if (s == NULL || st->raws.n == 0)
		return s;
	i = story_rawmap_slot(&st->raws, s);
	return st->raws.shown[i] != NULL ? st->raws.raw[i] : s;
}

static void
story_rawmap_grow(struct story_rawmap *m)
{
	struct story_rawmap old = *m;
	size_t i, j;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->shown = xcalloc(m->cap, sizeof *m->shown);
	m->raw = xcalloc(m->cap, sizeof *m->raw);
	for (i = 0; i < old.cap; i++)
		if (old.shown[i] != NULL) {
			j = story_rawmap_slot(m, old.shown[i]);
			m->shown[j] = old.shown[i];
			m->raw[j] = old.raw[i];
		}
	free(old.shown);
	free(old.raw);
}

void
story_raw_set(struct story *st, const char *shown, const char *raw)
{
	struct story_rawmap *m = &st->raws;
	size_t i;

	if ((m->n + 1) * 4 > m->cap * 3)
		story_rawmap_grow(m);
	i = story_rawmap_slot(m, shown);
	if (m->shown[i] == NULL)
		m->n++;
	m->shown[i] = shown;
	m->raw[i] = raw;
}

void
story_add_comment(struct story *st, enum comment_place place, size_t at,
    const char *text, size_t len)
{
	struct comment *c;

	st->comments = xgrow(st->comments, st->ncomments, &st->comments_cap,
	    sizeof *st->comments);
	c = &st->comments[st->ncomments++];
	c->text = pool_strndup(&st->pool, text, len);
	c->place = place;
	c->at = at;
}

static int
story_offset_ptr_cmp(const void *a, const void *b)
{
	uint32_t x = **(uint32_t *const *)a, y = **(uint32_t *const *)b;

	return x < y ? -1 : x > y;
}

/* Sanitising works a character at a time, so the text sanitised
 * between two offsets (which fall between characters) is that part of
 * the whole text sanitised. */
char *
story_keep_text(struct story *st, const char *raw, size_t len,
    size_t *shown_len, uint32_t **at, size_t nat)
{
	struct buf b = BUF_INIT;
	size_t i, from = 0;
	char *shown;

	if (text_is_safe(raw, len)) {
		*shown_len = len;
		return pool_strndup(&st->pool, raw, len);
	}
	if (nat > 0)
		qsort(at, nat, sizeof *at, story_offset_ptr_cmp);
	for (i = 0; i < nat; i++) {
		size_t to = *at[i] < len ? *at[i] : len;

		if (to > from) {
			text_sanitize_into(&b, raw + from, to - from);
			from = to;
		}
		/* Truncated past STORY_BLOCK_MAX, which the caller
		 * refuses. */
		*at[i] = (uint32_t)b.len;
	}
	text_sanitize_into(&b, raw + from, len - from);
	*shown_len = b.len;
	shown = pool_strndup(&st->pool, b.data, b.len);
	story_raw_set(st, shown, pool_strndup(&st->pool, raw, len));
	buf_free(&b);
	return shown;
}

char *
story_keep_str(struct story *st, const char *raw)
{
	size_t n;

	return raw ? story_keep_text(st, raw, strlen(raw), &n, NULL, 0) : NULL;
}

void
story_actor_tree(const struct story *st, size_t *order, size_t *depth)
{
	/* 32 bits each (an actor takes more than a byte of the file):
	 * beside the caller's two arrays, the stack costs a third as much
	 * again, not as much. */
	uint32_t *todo, *level;
	size_t n = 0, out = 0, i, a, d;

	if (st->nactors == 0)
		return;
	todo = xcalloc(st->nactors, sizeof *todo);
	level = xcalloc(st->nactors, sizeof *level);
	/* Pushed in reverse, so that they come off in file order; every
	 * actor is pushed once (no cycles), so nactors slots suffice. */
	for (i = st->nactors; i-- > 0;)
		if (st->actors[i].parent == NONE) {
			todo[n] = (uint32_t)i;
			level[n++] = 0;
		}
	while (n > 0) {
		a = todo[--n];
		d = level[n];
		order[out] = a;
		depth[out++] = d;
		for (i = st->actors[a].members.n; i-- > 0;) {
			todo[n] = story_ix(st, st->actors[a].members)[i];
			level[n++] = (uint32_t)d + 1;
		}
	}
	free(todo);
	free(level);
}
