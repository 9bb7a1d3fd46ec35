/* anchor.c - the reader's places saved by what they are, before an
 * edit, and found again after it. */
#include "config.h"

#include "view/anchor.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

enum key_type {
	KEY_KEEP,		/* not an index into the story: kept as is */
	KEY_NONE,		/* NONE */
	KEY_ITEM,		/* an item, or the claim, quote or related it is */
	KEY_ACTOR
};

struct key {
	enum key_type	 type;
	size_t		 value;		/* KEY_KEEP */
	size_t		 block, start, end;
	enum item_kind	 kind;
	char		*id;		/* KEY_ACTOR, caller-owned */
};

/* A place's keys: its focus and, for each of its pages, a and b. */
struct place_keys {
	struct key	 focus;
	struct key	*ab;		/* 2 per page */
	size_t		 n;		/* pages */
};

struct anchors {
	struct place_keys	 now;
	struct page_ref		*pages;	/* the open pages */
	struct place_keys	*back;
	struct place_keys	*fwd;
	size_t			 nback, nfwd;
};

static struct key
anchor_item_key(const struct story *st, size_t item)
{
	struct key k = { .type = KEY_NONE };

	if (item == NONE || item >= st->nitems)
		return k;
	k.type = KEY_ITEM;
	k.block = st->items[item].block;
	k.start = st->items[item].start;
	k.end = st->items[item].end;
	k.kind = st->items[item].kind;
	return k;
}

static struct key
anchor_actor_key(const struct story *st, size_t actor)
{
	struct key k = { .type = KEY_NONE };

	if (actor == NONE || actor >= st->nactors)
		return k;
	k.type = KEY_ACTOR;
	k.id = xstrdup(st->actors[actor].id);
	return k;
}

/* The key of a page's a (second: its b). */
static struct key
anchor_ref_key(const struct story *st, const struct page_ref *p, bool second)
{
	struct key k = { .type = KEY_KEEP };
	size_t v = second ? p->b : p->a;

	k.value = v;
	switch (p->kind) {
	case PAGE_ACTOR:
		return second ? k : anchor_actor_key(st, v);
	case PAGE_CLAIMS:
		return anchor_actor_key(st, v);
	case PAGE_CLAIM:
		return second || v >= st->nclaims ? k :
		    anchor_item_key(st, st->claims[v].item);
	case PAGE_QUOTE:
		return second || v >= st->nquotes ? k :
		    anchor_item_key(st, st->quotes[v].item);
	case PAGE_RELATED:
		return second || v >= st->nrelated ? k :
		    anchor_item_key(st, st->related[v].item);
	default:
		return k;
	}
}

/* What k is now; *lost when it is gone. */
static size_t
anchor_key_find(const struct reader *r, const struct key *k, bool ref,
    bool *lost)
{
	size_t i;

	switch (k->type) {
	case KEY_KEEP:
		return k->value;
	case KEY_NONE:
		return NONE;
	case KEY_ACTOR:
		i = story_find_actor(r->st, k->id);
		break;
	case KEY_ITEM:
		i = reader_find_item(r, k->block, k->start, k->end, k->kind);
		if (i != NONE && ref && k->kind != ITEM_MENTION)
			i = r->st->items[i].ref;
		break;
	default:
		i = NONE;
	}
	if (i == NONE)
		*lost = true;
	return i;
}

static void
anchor_save_place(const struct story *st, size_t focus,
    const struct page_ref *v,
    size_t n, struct place_keys *pk)
{
	size_t i;

	pk->focus = anchor_item_key(st, focus);
	pk->n = n;
	pk->ab = n ? xcalloc(2 * n, sizeof *pk->ab) : NULL;
	for (i = 0; i < n; i++) {
		pk->ab[2 * i] = anchor_ref_key(st, &v[i], false);
		pk->ab[2 * i + 1] = anchor_ref_key(st, &v[i], true);
	}
}

/* Finds a place's keys again: its focus, and its pages, less those
 * about something gone; frees the keys. */
static void
anchor_restore_place(const struct reader *r, struct place_keys *pk,
    size_t *focus,
    struct page_ref *v, size_t *n)
{
	size_t i, kept = 0;
	bool lost = false;

	*focus = anchor_key_find(r, &pk->focus, false, &lost);
	for (i = 0; i < pk->n; i++) {
		lost = false;
		v[i].a = anchor_key_find(r, &pk->ab[2 * i], true, &lost);
		v[i].b = anchor_key_find(r, &pk->ab[2 * i + 1], true, &lost);
		if (lost) {
			free(v[i].filter);
			continue;
		}
		v[kept++] = v[i];
	}
	for (i = 0; i < 2 * pk->n; i++)
		free(pk->ab[i].id);
	free(pk->ab);
	free(pk->focus.id);
	*n = kept;
}

struct anchors *
anchor_save(const struct reader *r)
{
	struct anchors *a = xcalloc(1, sizeof *a);
	size_t i, n;

	a->pages = reader_page_refs(r, &n);
	anchor_save_place(r->st, r->focus, a->pages, n, &a->now);
	a->nback = r->nback;
	a->nfwd = r->nfwd;
	a->back = xcalloc(r->nback + 1, sizeof *a->back);
	a->fwd = xcalloc(r->nfwd + 1, sizeof *a->fwd);
	for (i = 0; i < r->nback; i++)
		anchor_save_place(r->st, r->back[i].focus, r->back[i].pages,
		    r->back[i].npages, &a->back[i]);
	for (i = 0; i < r->nfwd; i++)
		anchor_save_place(r->st, r->fwd[i].focus, r->fwd[i].pages,
		    r->fwd[i].npages, &a->fwd[i]);
	return a;
}

void
anchor_restore(struct reader *r, struct anchors *a)
{
	size_t i, n;

	for (i = 0; i < a->nback && i < r->nback; i++)
		anchor_restore_place(r, &a->back[i], &r->back[i].focus,
		    r->back[i].pages, &r->back[i].npages);
	for (i = 0; i < a->nfwd && i < r->nfwd; i++)
		anchor_restore_place(r, &a->fwd[i], &r->fwd[i].focus,
		    r->fwd[i].pages, &r->fwd[i].npages);
	anchor_restore_place(r, &a->now, &r->focus, a->pages, &n);
	reader_restore_pages(r, a->pages, n);
	reader_free_refs(a->pages, n);
	free(a->back);
	free(a->fwd);
	free(a);
}
