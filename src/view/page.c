/* page.c - cards and views: the pages opened over the article.
 *
 * Each page is a titled list of entries; an entry may lead somewhere
 * (an item in the article, an actor's card, a claim's card, a list of
 * claims, another story).  Pages are built from the model alone, so
 * they are tested without a terminal. */
#include "config.h"

#include "view/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/safepath.h"
#include "base/xmalloc.h"
#include "view/index.h"

/* Excerpts around a mention: at most this many columns of context
 * each side, in whole words. */
#define EXCERPT_BEFORE 30
#define EXCERPT_AFTER 50

struct page *
page_new(const char *title)
{
	struct page *p = xcalloc(1, sizeof *p);

	p->title = xstrdup(title);
	p->sel = NONE;
	p->hit = NONE;
	return p;
}

static struct entry *page_vadd(struct page *, enum entry_style, int,
    const char *, va_list) __attribute__((format(printf, 4, 0)));

/* Appends an entry whose text, owned by the page from now on, is
 * `text`, or, when NULL, built by page_entry_text when first needed. */
static struct entry *
page_push(struct page *p, enum entry_style style, int indent, char *text)
{
	struct entry *e;

	/* Doubling: an actor's card may list thousands of mentions. */
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->entries = xreallocarray(p->entries, p->cap,
		    sizeof *p->entries);
	}
	e = &p->entries[p->n++];
	memset(e, 0, sizeof *e);
	e->text = text;
	e->style = style;
	e->indent = indent;
	e->a = e->b = NONE;
	return e;
}

static struct entry *
page_vadd(struct page *p, enum entry_style style, int indent,
    const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	buf_vprintf(&b, fmt, ap);
	return page_push(p, style, indent, buf_detach(&b));
}

struct entry *
page_add(struct page *p, enum entry_style style, int indent,
    const char *fmt, ...)
{
	struct entry *e;
	va_list ap;

	va_start(ap, fmt);
	e = page_vadd(p, style, indent, fmt, ap);
	va_end(ap);
	return e;
}

void
page_free(struct page *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->entries[i].text);
	free(p->entries);
	free(p->title);
	free(p->filter);
	index_free(p->index);
	free(p);
}

static struct entry *
page_link(struct page *p, int indent, enum target_kind t, size_t a,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static struct entry *
page_link(struct page *p, int indent, enum target_kind t, size_t a,
    const char *fmt, ...)
{
	struct entry *e;
	va_list ap;

	va_start(ap, fmt);
	e = page_vadd(p, ENTRY_LINK, indent, fmt, ap);
	va_end(ap);
	e->target = t;
	e->a = a;
	return e;
}

/* Adds text wrapped to the reader's width as plain entries. */
static void
page_text(struct reader *r, struct page *p, int indent, const char *s,
    size_t len)
{
	struct wrap_line *lines;
	size_t n = text_wrap(s, len, r->width + r->margin - 2 - indent,
	    &lines), i;

	for (i = 0; i < n; i++)
		page_add(p, ENTRY_PLAIN, indent, "%.*s",
		    (int)(lines[i].end - lines[i].start), s + lines[i].start);
	free(lines);
}

/* Where the words before byte `start` of s begin, taking no more than
 * max columns of them: the start of the text or just after a space. */
static size_t
page_excerpt_from(const char *s, size_t start, size_t max)
{
	size_t from = start, p = start, q, w = 0;

	while (p > 0) {
		for (q = p - 1; q > 0 && s[q - 1] != ' '; q--)
			;
		w += text_width(s + q, p - q);
		if (w > max)
			break;
		from = p = q;
	}
	return from;
}

/* Where the words after byte `end` of s[0..len) stop, taking no more
 * than max columns of them: the end of a word or of the text. */
static size_t
page_excerpt_to(const char *s, size_t len, size_t end, size_t max)
{
	size_t to = end, p = end, q, w = 0;

	while (p < len) {
		for (q = p; q < len && s[q] == ' '; q++)
			;
		while (q < len && s[q] != ' ')
			q++;
		w += text_width(s + p, q - p);
		if (w > max)
			break;
		to = p = q;
	}
	return to;
}

/* "…some words around the item…", one line, cut at words; e's
 * highlight is set on the item's own words. */
static void
page_excerpt(const struct story *st, size_t item, struct buf *b,
    struct entry *e)
{
	const struct item *it = &st->items[item];
	const struct block *bl = &st->blocks[it->block];
	size_t from = page_excerpt_from(bl->text, it->start, EXCERPT_BEFORE);
	size_t to = page_excerpt_to(bl->text, bl->len, it->end, EXCERPT_AFTER);

	if (from > 0)
		buf_puts(b, "\xe2\x80\xa6");
	buf_append(b, bl->text + from, it->start - from);
	e->hl_start = b->len;
	buf_append(b, bl->text + it->start, it->end - it->start);
	e->hl_end = b->len;
	buf_append(b, bl->text + it->end, to - it->end);
	if (to < bl->len)
		buf_puts(b, "\xe2\x80\xa6");
}

/* A list of items, each a link to it.  Their text waits until it is
 * shown (page_entry_text): an actor's card may list thousands of
 * mentions, all over the story, and opening it must not cost as much
 * as reading them all. */
static void
page_items(struct page *p, const char *heading, const size_t *items,
    size_t n)
{
	size_t i;

	/* An empty list says nothing the card does not say already. */
	if (n == 0)
		return;
	page_add(p, ENTRY_HEADING, 0, "%s (%zu)", heading, n);
	for (i = 0; i < n; i++) {
		struct entry *e = page_push(p, ENTRY_LINK, 2, NULL);

		e->target = TARGET_ITEM;
		e->a = items[i];
	}
}

const char *
reader_item_id(const struct story *st, size_t item)
{
	const struct item *it = &st->items[item];

	switch (it->kind) {
	case ITEM_CLAIM:	return st->claims[it->ref].id;
	case ITEM_QUOTE:	return st->quotes[it->ref].id;
	case ITEM_RELATED:	return st->related[it->ref].id;
	default:		return NULL;
	}
}

const char *
page_entry_text(const struct story *st, struct entry *e)
{
	struct buf b = BUF_INIT;
	const struct claim *c;
	const char *text;
	size_t len;

	if (e->text != NULL)
		return e->text;
	if (e->target == TARGET_CARD || e->target == TARGET_ACTOR) {
		/* Only the index leaves these to be built. */
		page_index_row(st, e->target, e->a, &b);
		e->text = buf_detach(&b);
		return e->text;
	}
	/* Only page_items and page_claims leave the text to be built:
	 * "¶N excerpt" for an item, "¶N cK: text" for a claim. */
	if (e->target == TARGET_CLAIM) {
		c = &st->claims[e->a];
		text = story_item_text(st, c->item, &len);
		buf_printf(&b, "\xc2\xb6%-3zu %s: %.*s",
		    (size_t)st->items[c->item].block + 1, c->id, (int)len,
		    text);
	} else {
		/* A claim, quote or "Read more" item by its id too. */
		buf_printf(&b, "\xc2\xb6%-3zu ",
		    (size_t)st->items[e->a].block + 1);
		if (reader_item_id(st, e->a) != NULL)
			buf_printf(&b, "%s: ", reader_item_id(st, e->a));
		page_excerpt(st, e->a, &b, e);
	}
	e->text = buf_detach(&b);
	return e->text;
}

/* A list of claims, each a link to its card, text built when shown. */
static void
page_claims(struct page *p, const char *heading, const struct idx *claims)
{
	size_t i;

	if (claims->n == 0)
		return;
	page_add(p, ENTRY_HEADING, 0, "%s (%zu)", heading, claims->n);
	for (i = 0; i < claims->n; i++) {
		struct entry *e = page_push(p, ENTRY_LINK, 2, NULL);

		e->target = TARGET_CLAIM;
		e->a = claims->v[i];
	}
}

/* The same for one of the story's derived indexes. */
static void
page_ix_claims(struct page *p, const struct story *st, const char *heading,
    struct ix claims)
{
	struct idx v = story_ix_idx(st, claims);

	page_claims(p, heading, &v);
	free(v.v);
}

static void
page_ix_items(struct page *p, const struct story *st, const char *heading,
    struct ix items)
{
	struct idx v = story_ix_idx(st, items);

	page_items(p, heading, v.v, v.n);
	free(v.v);
}

static void
page_actor_links(struct page *p, const struct story *st, const char *label,
    const struct idx *actors)
{
	size_t i;

	for (i = 0; i < actors->n; i++)
		page_link(p, 0, TARGET_ACTOR, actors->v[i], "%s%s",
		    i == 0 ? label : "", st->actors[actors->v[i]].name)->indent =
		    i == 0 ? 0 : (int)strlen(label);
}

static struct page *
page_build_actor(struct reader *r, size_t a)
{
	const struct story *st = r->st;
	const struct actor *ac = &st->actors[a];
	struct buf t = BUF_INIT;
	struct page *p;
	size_t i, *quotes;

	buf_printf(&t, "Actor: %s", ac->name);
	p = page_new(t.data);
	buf_free(&t);
	page_add(p, ENTRY_PLAIN, 0, "Kind: %s",
	    story_actor_kind_name(ac->kind));
	if (ac->note)
		page_add(p, ENTRY_PLAIN, 0, "Note: %s", ac->note);
	if (ac->parent != NONE)
		page_link(p, 0, TARGET_ACTOR, ac->parent, "Member of: %s",
		    st->actors[ac->parent].name);
	for (i = 0; i < ac->naliases; i++)
		page_add(p, ENTRY_PLAIN, i ? 13 : 0, "%s%s",
		    i ? "" : "Also called: ", ac->aliases[i]);
	page_add(p, ENTRY_PLAIN, 0, "Mentions: %zu, with its members %zu",
	    (size_t)ac->mentions.n, ac->total_mentions);
	if (ac->members.n > 0) {
		page_add(p, ENTRY_HEADING, 0, "Members (%zu)",
		    (size_t)ac->members.n);
		for (i = 0; i < ac->members.n; i++)
			page_link(p, 2, TARGET_ACTOR,
			    story_ix(st, ac->members)[i], "%s",
			    st->actors[story_ix(st, ac->members)[i]].name);
	}
	page_ix_items(p, st, "Mentions", ac->mentions);
	page_ix_claims(p, st, "Claims by", ac->claims_by);
	page_ix_claims(p, st, "Claims about", ac->claims_about);
	quotes = xcalloc(ac->quotes.n, sizeof *quotes);
	for (i = 0; i < ac->quotes.n; i++)
		quotes[i] = st->quotes[story_ix(st, ac->quotes)[i]].item;
	page_items(p, "Quotes", quotes, ac->quotes.n);
	free(quotes);
	if (ac->related.n > 0) {
		quotes = xcalloc(ac->related.n, sizeof *quotes);
		for (i = 0; i < ac->related.n; i++)
			quotes[i] = st->related[story_ix(st, ac->related)[i]].item;
		page_items(p, "Read more", quotes, ac->related.n);
		free(quotes);
	}
	if (r->links != NULL)
		r->links->actor(r->links->ctx, r, a, p);
	return p;
}

/* "Brandon Lewis, the UK": who makes claim c. */
static void
page_claimants(const struct story *st, const struct claim *c, struct buf *b)
{
	size_t i;

	if (c->by.n == 0)
		buf_puts(b, "the publication");
	for (i = 0; i < c->by.n; i++)
		buf_printf(b, "%s%s", i ? ", " : "",
		    st->actors[c->by.v[i]].name);
}

static void
page_claim_refs(struct page *p, const struct story *st, const char *label,
    const struct idx *claims)
{
	struct buf who = BUF_INIT;
	size_t i, len;
	const char *text;

	if (claims->n == 0)
		return;
	page_add(p, ENTRY_HEADING, 0, "%s (%zu)", label, claims->n);
	for (i = 0; i < claims->n; i++) {
		const struct claim *c = &st->claims[claims->v[i]];

		buf_truncate(&who, 0);
		page_claimants(st, c, &who);
		text = story_item_text(st, c->item, &len);
		page_link(p, 2, TARGET_CLAIM, claims->v[i], "%s, by %s: %.*s",
		    c->id, who.data, (int)len, text);
	}
	buf_free(&who);
}

static struct page *
page_build_claim(struct reader *r, size_t c)
{
	const struct story *st = r->st;
	const struct claim *cl = &st->claims[c];
	struct buf t = BUF_INIT;
	struct page *p;
	struct idx disputed_by;
	size_t len, i;
	const char *text;

	buf_printf(&t, "Claim %s", cl->id);
	p = page_new(t.data);
	buf_free(&t);
	if (cl->by.n == 0)
		page_add(p, ENTRY_PLAIN, 0, "By: the publication");
	page_actor_links(p, st, "By: ", &cl->by);
	page_actor_links(p, st, "About: ", &cl->about);
	if (cl->when)
		page_add(p, ENTRY_PLAIN, 0, "When: %s", cl->when);
	page_link(p, 0, TARGET_ITEM, cl->item, "In paragraph %zu",
	    (size_t)st->items[cl->item].block + 1);
	page_add(p, ENTRY_HEADING, 0, "Text");
	text = story_item_text(st, cl->item, &len);
	page_text(r, p, 2, text, len);
	page_claim_refs(p, st, "Disputes", &cl->disputes);
	disputed_by = story_ix_idx(st, cl->disputed_by);
	page_claim_refs(p, st, "Disputed by", &disputed_by);
	free(disputed_by.v);
	if (cl->quotes.n > 0) {
		page_add(p, ENTRY_HEADING, 0, "Quotes (%zu)",
		    (size_t)cl->quotes.n);
		for (i = 0; i < cl->quotes.n; i++) {
			const struct quote *q =
			    &st->quotes[story_ix(st, cl->quotes)[i]];

			text = story_item_text(st, q->item, &len);
			page_link(p, 2, TARGET_ITEM, q->item, "%s, %s: %.*s",
			    q->id, st->actors[q->speaker].name, (int)len, text);
		}
	}
	return p;
}

static struct page *
page_build_quote(struct reader *r, size_t q)
{
	const struct story *st = r->st;
	const struct quote *qu = &st->quotes[q];
	struct buf t = BUF_INIT;
	struct page *p;
	size_t len;
	const char *text;

	buf_printf(&t, "Quote %s", qu->id);
	p = page_new(t.data);
	buf_free(&t);
	page_link(p, 0, TARGET_ACTOR, qu->speaker, "Speaker: %s",
	    st->actors[qu->speaker].name);
	page_link(p, 0, TARGET_ITEM, qu->item, "In paragraph %zu",
	    (size_t)st->items[qu->item].block + 1);
	if (qu->claim != NONE) {
		const struct claim *c = &st->claims[qu->claim];

		text = story_item_text(st, c->item, &len);
		page_link(p, 0, TARGET_CLAIM, qu->claim, "In claim %s: %.*s",
		    c->id, (int)len, text);
	}
	page_add(p, ENTRY_HEADING, 0, "Text");
	text = story_item_text(st, qu->item, &len);
	page_text(r, p, 2, text, len);
	return p;
}

/* The story file an href names, relative to this story's folder and
 * never outside it (safepath.h: refused before anything outside is
 * looked at); caller-owned, or NULL with *status saying why.  The
 * built-in story has no folder, so its hrefs lead nowhere. */
static char *
page_related_path(const struct reader *r, const char *href,
    enum safepath_status *status)
{
	char *dir, *path = NULL;

	*status = SAFEPATH_MISSING;
	if (href == NULL || *href == '\0' || r->path == NULL)
		return NULL;
	dir = safepath_folder(r->path);
	*status = safepath_resolve(dir, dir, href, &path);
	free(dir);
	return path;
}

static int
page_size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

/* The paragraphs that mention any of `actors` or their members, at any
 * depth: the first such mention in each, in reading order.  Returns
 * the count and stores the items in *out (caller-owned).  Made from
 * the actors' own lists of mentions, so that it costs what the card
 * lists rather than a walk through the whole story. */
static size_t
page_mentions_within(const struct story *st, const struct idx *actors,
    size_t **out)
{
	size_t na = st->nactors ? st->nactors : 1;
	bool *seen = xcalloc(na, sizeof *seen);
	size_t *todo = xcalloc(na, sizeof *todo), ntodo = 0;
	size_t *v = NULL, n = 0, i, k = 0;

	for (i = 0; i < actors->n; i++)
		if (!seen[actors->v[i]]) {
			seen[actors->v[i]] = true;
			todo[ntodo++] = actors->v[i];
		}
	while (ntodo > 0) {
		const struct actor *ac = &st->actors[todo[--ntodo]];

		const uint32_t *m = story_ix(st, ac->mentions);
		const uint32_t *members = story_ix(st, ac->members);

		if (ac->mentions.n > 0) {
			v = xreallocarray(v, n + ac->mentions.n, sizeof *v);
			for (i = 0; i < ac->mentions.n; i++)
				v[n++] = m[i];
		}
		for (i = 0; i < ac->members.n; i++)
			if (!seen[members[i]]) {
				seen[members[i]] = true;
				todo[ntodo++] = members[i];
			}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, page_size_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || st->items[v[i]].block !=
		    st->items[v[k - 1]].block)
			v[k++] = v[i];
	free(seen);
	free(todo);
	*out = v;
	return k;
}

/* In a library, the story the item leads to, or that there is none. */
static void
page_related_in_library(struct reader *r, struct page *p, size_t rel)
{
	struct buf b = BUF_INIT;
	size_t row = r->links->related(r->links->ctx, r, rel, &b);
	char *how = b.data ? strchr(b.data, '\n') : NULL;

	if (how != NULL)
		*how++ = '\0';
	if (row != NONE)
		page_link(p, 0, TARGET_LIBRARY, row, "%s", b.data)->b = NONE;
	else
		page_add(p, ENTRY_PLAIN, 0, "%s", b.data ? b.data : "");
	if (how != NULL)
		page_add(p, ENTRY_PLAIN, 0, "%s", how);
	buf_free(&b);
}

static struct page *
page_build_related(struct reader *r, size_t rel)
{
	const struct story *st = r->st;
	const struct related *re = &st->related[rel];
	struct buf t = BUF_INIT;
	struct page *p;
	size_t *items, n;
	enum safepath_status status;
	char *path;

	buf_printf(&t, "Read more %s", re->id);
	p = page_new(t.data);
	buf_free(&t);
	page_text(r, p, 0, st->blocks[re->block].text, st->blocks[re->block].len);
	page_actor_links(p, st, "Actors: ", &re->actors);
	if (r->links != NULL)
		page_related_in_library(r, p, rel);
	else if ((path = page_related_path(r, re->href, &status)) != NULL) {
		page_link(p, 0, TARGET_STORY, NONE, "Open the story: %s",
		    re->href)->target = TARGET_STORY;
		free(path);
	} else if (re->href && status == SAFEPATH_OUTSIDE)
		page_add(p, ENTRY_PLAIN, 0, "Story file %s: not followed: "
		    "outside the story's folder", re->href);
	else if (re->href)
		page_add(p, ENTRY_PLAIN, 0, "Story file not found: %s",
		    re->href);
	n = page_mentions_within(st, &re->actors, &items);
	page_items(p, "Paragraphs that mention them", items, n);
	free(items);
	return p;
}

/* Every actor under the one it is a member of, in the tree's order
 * (story_actor_tree: no recursion, however deep the tree). */
static struct page *
page_build_actors(struct reader *r)
{
	const struct story *st = r->st;
	struct page *p = page_new("Actors");
	size_t *order, *depth, i;

	if (st->nactors == 0)
		return p;
	order = xcalloc(st->nactors, sizeof *order);
	depth = xcalloc(st->nactors, sizeof *depth);
	story_actor_tree(st, order, depth);
	for (i = 0; i < st->nactors; i++) {
		const struct actor *ac = &st->actors[order[i]];

		/* Indent no further than a screen allows. */
		page_link(p, 2 * (int)(depth[i] < 20 ? depth[i] : 20),
		    TARGET_ACTOR, order[i], "%s (%s) %zu", ac->name,
		    story_actor_kind_name(ac->kind),
		    ac->total_mentions)->oneline =
		    true;
	}
	free(order);
	free(depth);
	return p;
}

/* Claims by a (NONE: the publication) about b. */
static size_t
page_count_claims(const struct story *st, size_t a, size_t b, size_t *out)
{
	size_t i, j, n = 0;

	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];
		bool by = a == NONE ? c->by.n == 0 : false;

		for (j = 0; j < c->by.n && !by; j++)
			by = c->by.v[j] == a;
		if (!by)
			continue;
		for (j = 0; j < c->about.n; j++)
			if (c->about.v[j] == b) {
				if (out)
					out[n] = c->item;
				n++;
				break;
			}
	}
	return n;
}

static const char *
page_claimant_name(const struct story *st, size_t a)
{
	return a == NONE ? "the publication" : st->actors[a].name;
}

/* The claims a claimant makes (NONE: the publication); caller-owned
 * when *owned (always, now that the actor's own index is 32 bits). */
static const size_t *
page_claimant_claims(const struct story *st, size_t a, size_t *n, bool *owned)
{
	size_t *v, i;

	*owned = true;
	if (a != NONE) {
		struct idx by = story_ix_idx(st, st->actors[a].claims_by);

		*n = by.n;
		return by.v;
	}
	v = xcalloc(st->nclaims ? st->nclaims : 1, sizeof *v);
	for (*n = i = 0; i < st->nclaims; i++)
		if (st->claims[i].by.n == 0)
			v[(*n)++] = i;
	return v;
}

/* Counts, in tally[] (one per actor, zero outside this call), the
 * claims that claimant a makes about each subject; stores the
 * subjects it names in subj[], sorted, and returns their number.
 * Costs the claimant's claims and their subjects, nothing more. */
static size_t
page_claimant_subjects(const struct story *st, size_t a, size_t *tally,
    size_t *subj)
{
	size_t nc, i, j, ns = 0;
	bool owned;
	const size_t *claims = page_claimant_claims(st, a, &nc, &owned);

	for (i = 0; i < nc; i++) {
		const struct idx *about = &st->claims[claims[i]].about;

		for (j = 0; j < about->n; j++)
			if (tally[about->v[j]]++ == 0)
				subj[ns++] = about->v[j];
	}
	if (owned)
		free((size_t *)claims);
	if (ns > 1)
		qsort(subj, ns, sizeof *subj, page_size_cmp);
	return ns;
}

/* "In all: …": what the view would hold, counted from the claims
 * without pairing anything, for a view cut short. */
static void
page_relations_totals(struct page *p, const struct story *st, size_t shown)
{
	size_t i, page_claimants = 0, subjects = 0, pairs = 0, anon = 0;

	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		pairs += (c->by.n ? c->by.n : 1) * c->about.n;
		anon += c->by.n == 0;
	}
	for (i = 0; i < st->nactors; i++) {
		page_claimants += st->actors[i].claims_by.n > 0;
		subjects += st->actors[i].claims_about.n > 0;
	}
	page_add(p, ENTRY_PLAIN, 0, "The first %zu rows are shown.", shown);
	page_add(p, ENTRY_PLAIN, 0, "In all: %zu claimants, %zu subjects and "
	    "%zu claimant-subject pairs, in %zu claim%s.",
	    page_claimants + (anon > 0), subjects, pairs, st->nclaims,
	    st->nclaims == 1 ? "" : "s");
}

/* Whether any claimant after a (NONE: the publication) names a
 * subject: whether a view cut short at a leaves rows out. */
static bool
page_relations_after(const struct story *st, size_t a)
{
	size_t i;

	for (a++; a < st->nactors; a++)
		for (i = 0; i < st->actors[a].claims_by.n; i++)
			if (st->claims[story_ix(st,
			    st->actors[a].claims_by)[i]].about.n)
				return true;
	return false;
}

/* Which claims dispute which, with the claimants on both sides; each
 * claim counted once, however many actors make it. */
static void
page_relations_disputes(struct page *p, const struct story *st)
{
	struct buf b = BUF_INIT;
	size_t i, j, n = 0, disputed = 0;

	for (i = 0; i < st->nclaims; i++) {
		n += st->claims[i].disputes.n;
		disputed += st->claims[i].disputed_by.n > 0;
	}
	page_add(p, ENTRY_PLAIN, 0, "%s", "");
	page_add(p, ENTRY_HEADING, 0, "Disputes (%zu; %zu of %zu claims "
	    "disputed)", n, disputed, st->nclaims);
	if (n == 0)
		page_add(p, ENTRY_PLAIN, 2, "No claim disputes another.");
	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		for (j = 0; j < c->disputes.n; j++) {
			const struct claim *d = &st->claims[c->disputes.v[j]];

			buf_truncate(&b, 0);
			buf_printf(&b, "%s (", c->id);
			page_claimants(st, c, &b);
			buf_printf(&b, ") disputes %s (", d->id);
			page_claimants(st, d, &b);
			buf_puts(&b, ")");
			page_link(p, 2, TARGET_CLAIM, i, "%s", b.data);
		}
	}
	buf_free(&b);
}

/* A table of claimants by subjects: under each claimant a row per
 * subject with its count of claims; a row opens the list of them.
 * One claim may pair thousands of claimants with thousands of
 * subjects: the view lists the first READER_RELATIONS_MAX rows and
 * counts the rest, so that it costs what it shows, not every pair. */
static struct page *
page_build_relations(struct reader *r)
{
	const struct story *st = r->st;
	struct page *p = page_new("Relations: who claims what about whom");
	size_t na = st->nactors ? st->nactors : 1, rows = 0, a, k, ns;
	size_t *tally = xcalloc(na, sizeof *tally);
	size_t *subj = xcalloc(na, sizeof *subj);
	bool cut = false;

	/* The publication (NONE) first, then the actors in file order. */
	for (a = NONE; !cut && (a == NONE || a < st->nactors); a++) {
		if (a != NONE && st->actors[a].claims_by.n == 0)
			continue;
		ns = page_claimant_subjects(st, a, tally, subj);
		if (ns > 0)
			page_add(p, ENTRY_HEADING, 0, "%s claims about",
			    a == NONE ? "The publication" :
			    page_claimant_name(st, a));
		for (k = 0; k < ns && rows < READER_RELATIONS_MAX; k++, rows++) {
			struct entry *e = page_link(p, 2, TARGET_CLAIMS, a,
			    "%-28s %3zu", st->actors[subj[k]].name,
			    tally[subj[k]]);

			e->b = subj[k];
			e->oneline = true;
		}
		if (k < ns)
			page_add(p, ENTRY_PLAIN, 2, "and %zu more subjects",
			    ns - k);
		cut = k < ns || (rows == READER_RELATIONS_MAX &&
		    page_relations_after(st, a));
		for (k = 0; k < ns; k++)
			tally[subj[k]] = 0;
	}
	if (p->n == 0)
		page_add(p, ENTRY_PLAIN, 0, "No claim names its subject.");
	if (cut)
		page_relations_totals(p, st, rows);
	page_relations_disputes(p, st);
	free(tally);
	free(subj);
	return p;
}

static struct page *
page_build_claims(struct reader *r, size_t a, size_t b)
{
	const struct story *st = r->st;
	struct buf t = BUF_INIT;
	struct page *p;
	size_t *items = xcalloc(st->nclaims ? st->nclaims : 1, sizeof *items);
	size_t n = page_count_claims(st, a, b, items);

	buf_printf(&t, "Claims by %s about %s", page_claimant_name(st, a),
	    st->actors[b].name);
	p = page_new(t.data);
	buf_free(&t);
	page_items(p, "Claims", items, n);
	free(items);
	return p;
}

/* A dated claim as the timeline sorts it: qsort has no context, so
 * what it compares travels with the claim. */
struct timeline_key {
	const char	*when;
	size_t		 item;
	size_t		 claim;
};

static int
page_timeline_cmp(const void *x, const void *y)
{
	const struct timeline_key *a = x, *b = y;
	int c = strcmp(a->when, b->when);

	/* ISO 8601 sorts as text; ties keep reading order. */
	return c ? c : (a->item > b->item) - (a->item < b->item);
}

/* The dated claims in date order, into order; their number. */
static size_t
page_timeline_order(const struct story *st, size_t *order)
{
	struct timeline_key *k = xcalloc(st->nclaims + 1, sizeof *k);
	size_t i, n = 0;

	for (i = 0; i < st->nclaims; i++)
		if (st->claims[i].when) {
			k[n].when = st->claims[i].when;
			k[n].item = st->claims[i].item;
			k[n++].claim = i;
		}
	qsort(k, n, sizeof *k, page_timeline_cmp);
	for (i = 0; i < n; i++)
		order[i] = k[i].claim;
	free(k);
	return n;
}

static struct page *
page_build_timeline(struct reader *r)
{
	const struct story *st = r->st;
	struct page *p = page_new("Timeline");
	size_t *order = xcalloc(st->nclaims ? st->nclaims : 1, sizeof *order);
	size_t i, n, len;
	const char *text;

	n = page_timeline_order(st, order);
	for (i = 0; i <= n; i++) {
		const struct claim *c;

		/* The publication, among the claims in date order. */
		if (st->dateline_when != NULL && (i == n ||
		    strcmp(st->dateline_when, st->claims[order[i]].when) < 0)
		    && (i == 0 || strcmp(st->dateline_when,
		    st->claims[order[i - 1]].when) >= 0))
			page_add(p, ENTRY_PLAIN, 0, "%-16s  the story is "
			    "published", st->dateline_when);
		if (i == n)
			break;
		c = &st->claims[order[i]];

		text = story_item_text(st, c->item, &len);
		page_link(p, 0, TARGET_ITEM, c->item, "%-16s  %s, %s: %.*s",
		    c->when, c->id, page_claimant_name(st, c->by.n
		    ? c->by.v[0] :
		    NONE), (int)len, text);
	}
	if (n == 0)
		page_add(p, ENTRY_PLAIN, 0, "No claim in this story is dated.");
	free(order);
	return p;
}

/* Appends s to b in a cell of `width` columns: cut at a cluster that
 * fits, padded with spaces. */
static void
page_cell(struct buf *b, const char *s, size_t width)
{
	size_t len = strlen(s), pos = 0, next, w = 0;
	int cw;

	while (pos < len) {
		cw = text_cluster(s, len, pos, &next);
		if (w + (size_t)cw > width)
			break;
		w += (size_t)cw;
		pos = next;
	}
	buf_append(b, s, pos);
	for (; w <= width; w++)
		buf_puts(b, " ");
}

/* page_cell for a name: too long, it ends after its last whole word
 * that fits, with an ellipsis, never inside a word. */
static void
page_cell_words(struct buf *b, const char *s, size_t width)
{
	size_t len = strlen(s), pos = 0, next, w = 0, cut = 0, cutw = 0;
	int cw;

	if (text_width(s, len) <= width) {
		page_cell(b, s, width);
		return;
	}
	while (pos < len) {
		cw = text_cluster(s, len, pos, &next);
		if (w + (size_t)cw + 1 > width)
			break;
		if (s[pos] == ' ' && pos > 0 && s[pos - 1] != ' ' &&
		    s[pos - 1] != ',') {
			cut = pos;
			cutw = w;
		}
		w += (size_t)cw;
		pos = next;
	}
	if (cut == 0) {
		cut = pos;
		cutw = w;
	}
	buf_append(b, s, cut);
	buf_puts(b, "\xe2\x80\xa6");
	for (w = cutw + 1; w <= width; w++)
		buf_puts(b, " ");
}

/* Who an item is by: claimants, speaker, a "Read more" item's actors;
 * their names into *names (caller frees the array, not the names). */
static size_t
page_index_who(const struct story *st, const struct item *it,
    const char ***names)
{
	static const char *const publication = "the publication";
	const struct idx *x = NULL;
	size_t i, n = 1;

	if (it->kind == ITEM_CLAIM)
		x = &st->claims[it->ref].by;
	else if (it->kind == ITEM_RELATED)
		x = &st->related[it->ref].actors;
	if (x != NULL)
		n = x->n;
	*names = xcalloc(n ? n : 1, sizeof **names);
	if (it->kind == ITEM_QUOTE)
		(*names)[0] = st->actors[st->quotes[it->ref].speaker].name;
	else if (n == 0)
		(*names)[n++] = publication;
	else
		for (i = 0; i < n; i++)
			(*names)[i] = st->actors[x->v[i]].name;
	return n;
}

/* The names in a cell of `width` columns: as many whole names as fit,
 * then "+N" for the others, as a mail reader's "and 2 others"; a
 * first name too long alone is cut at a word, with an ellipsis.  In
 * full (for the filter), every name whole. */
static void
page_who_cell(struct buf *b, const char **names, size_t n,
    size_t width, bool full)
{
	struct buf c = BUF_INIT;
	char more[24];
	size_t i, keep = 0, w;

	for (i = 0; i < n; i++) {
		size_t at = c.len;

		buf_printf(&c, "%s%s", i ? ", " : "", names[i]);
		snprintf(more, sizeof more, " +%zu", n - i - 1);
		w = text_width(c.data, c.len) + (i + 1 < n ? strlen(more) : 0);
		if (!full && w > width && i > 0) {
			buf_truncate(&c, at);
			break;
		}
		keep = i + 1;
	}
	if (full) {
		buf_append(b, c.data, c.len);
		buf_puts(b, " ");
	} else {
		if (keep < n) {
			snprintf(more, sizeof more, " +%zu", n - keep);
			buf_puts(&c, more);
		}
		page_cell_words(b, c.data ? c.data : "", width);
	}
	buf_free(&c);
}

static void
page_index_build(const struct story *st, enum target_kind t, size_t a,
    struct buf *row, bool full)
{
	const struct item *it;
	const char **names, *text;
	size_t len, n;

	if (t == TARGET_ACTOR) {
		text = st->actors[a].name;
		page_cell(row, "actor", 9);
		page_who_cell(row, &text, 1, 20, full);
		n = st->actors[a].total_mentions;
		buf_printf(row, "%s, %zu mention%s",
		    story_actor_kind_name(st->actors[a].kind), n,
		    n == 1 ? "" : "s");
		return;
	}
	it = &st->items[a];
	n = page_index_who(st, it, &names);
	page_cell(row, it->kind == ITEM_RELATED ? "read-more" :
	    story_item_kind_name(it->kind), 9);
	page_who_cell(row, names, n, 20, full);
	free(names);
	buf_printf(row, "\xc2\xb6%-3zu %s: ", (size_t)it->block + 1,
	    reader_item_id(st, a));
	text = story_item_text(st, a, &len);
	buf_append(row, text, len);
}

void
page_index_row(const struct story *st, enum target_kind t, size_t a,
    struct buf *row)
{
	page_index_build(st, t, a, row, false);
}

void
page_index_key(const struct story *st, enum target_kind t, size_t a,
    struct buf *key)
{
	page_index_build(st, t, a, key, true);
}

/* The index's page shows the rows that hold filter: its entries are
 * those rows, their text built when shown (page_entry_text), so that
 * a key typed costs the rows kept, not their text. */
static void
page_index_show(struct page *p, const char *filter)
{
	const struct index_row *rows = index_rows(p->index);
	const size_t *keep;
	struct buf t = BUF_INIT;
	size_t i, n;

	for (i = 0; i < p->n; i++)
		free(p->entries[i].text);
	p->n = 0;
	p->sel = p->top = 0;
	p->sel = p->hit = NONE;
	keep = index_filter(p->index, filter, &n);
	for (i = 0; i < n; i++) {
		struct entry *e = page_push(p, ENTRY_LINK, 0, NULL);

		e->target = rows[keep[i]].t;
		e->a = rows[keep[i]].a;
		e->oneline = true;
	}
	if (filter && *filter)
		buf_printf(&t, "Index: %zu of %zu rows hold \"%s\"", n,
		    index_total(p->index), filter);
	else
		buf_printf(&t, "Index: %zu rows; type to filter them",
		    index_total(p->index));
	free(p->title);
	p->title = buf_detach(&t);
	free(p->filter);
	p->filter = filter ? xstrdup(filter) : NULL;
	if (p->n == 0)
		page_add(p, ENTRY_PLAIN, 0, "No row holds that.");
}

/* One row per claim, quote and "Read more" item, in reading order,
 * then per actor: kind, who, paragraph, id, text. */
static struct page *
page_build_index(struct reader *r, const char *filter)
{
	struct page *p = page_new("Index");

	p->index = index_new(r->st);
	page_index_show(p, filter);
	return p;
}

static struct page *
page_build_help(struct reader *r, size_t mode)
{
	if (r->help == NULL)
		return page_new("Help");
	return r->help(r->help_ctx, mode, r->width + r->margin);
}

static struct page *
page_build_page(struct reader *r, enum page_kind kind, size_t a, size_t b)
{
	struct page *p;

	switch (kind) {
	case PAGE_ACTOR:	p = page_build_actor(r, a); break;
	case PAGE_CLAIM:	p = page_build_claim(r, a); break;
	case PAGE_QUOTE:	p = page_build_quote(r, a); break;
	case PAGE_RELATED:	p = page_build_related(r, a); break;
	case PAGE_ACTORS:	p = page_build_actors(r); break;
	case PAGE_RELATIONS:	p = page_build_relations(r); break;
	case PAGE_CLAIMS:	p = page_build_claims(r, a, b); break;
	case PAGE_TIMELINE:	p = page_build_timeline(r); break;
	case PAGE_HELP:		p = page_build_help(r, a); break;
	case PAGE_INDEX:	p = page_build_index(r, NULL); break;
	default:		return NULL;
	}
	p->kind = kind;
	p->a = a;
	p->b = b;
	return p;
}

/* Counts the entries that lead somewhere and, when nothing is
 * focused, focuses the first. */
static void
page_first(struct page *p)
{
	size_t i;

	p->nlinks = 0;
	for (i = 0; i < p->n; i++)
		if (p->entries[i].target != TARGET_NONE) {
			if (p->sel == NONE)
				p->sel = i;
			p->nlinks++;
		}
}

void
reader_push_page(struct reader *r, struct page *p)
{
	if (r->pages == NULL)
		r->pages = xcalloc(READER_PAGES_MAX, sizeof *r->pages);
	if (r->npages == READER_PAGES_MAX) {
		/* The oldest goes: a key held down must not grow the
		 * reader without end. */
		page_free(r->pages[0]);
		memmove(r->pages, r->pages + 1, (READER_PAGES_MAX - 1) *
		    sizeof *r->pages);
		r->npages--;
	}
	r->pages[r->npages++] = p;
	page_first(p);
}

/* The open page of that kind about a and b, or NONE. */
static size_t
page_find_page(const struct reader *r, enum page_kind kind, size_t a, size_t b)
{
	size_t i;

	for (i = r->npages; i-- > 0;)
		if (r->pages[i]->kind == kind && r->pages[i]->a == a &&
		    r->pages[i]->b == b)
			return i;
	return NONE;
}

/* Opens a page, or brings forward the same page when it is open. */
static void
page_open_page(struct reader *r, enum page_kind kind, size_t a, size_t b)
{
	size_t i = page_find_page(r, kind, a, b);
	struct page *p;

	if (i == NONE) {
		reader_push_page(r, page_build_page(r, kind, a, b));
		return;
	}
	p = r->pages[i];
	memmove(r->pages + i, r->pages + i + 1, (r->npages - i - 1) *
	    sizeof *r->pages);
	r->pages[r->npages - 1] = p;
}

struct page_ref *
reader_page_refs(const struct reader *r, size_t *n)
{
	struct page_ref *v;
	size_t i;

	*n = r->npages;
	if (r->npages == 0)
		return NULL;
	v = xcalloc(r->npages, sizeof *v);
	for (i = 0; i < r->npages; i++) {
		const struct page *p = r->pages[i];

		v[i].kind = p->kind;
		v[i].a = p->a;
		v[i].b = p->b;
		v[i].sel = p->sel;
		v[i].top = p->top;
		v[i].filter = p->filter ? xstrdup(p->filter) : NULL;
	}
	return v;
}

void
reader_free_refs(struct page_ref *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].filter);
	free(v);
}

void
reader_restore_pages(struct reader *r, const struct page_ref *v, size_t n)
{
	struct page *p;
	size_t i;

	while (r->npages > 0)
		reader_close_page(r);
	for (i = 0; i < n; i++) {
		p = v[i].kind == PAGE_INDEX ? page_build_index(r, v[i].filter) :
		    page_build_page(r, v[i].kind, v[i].a, v[i].b);
		if (p == NULL)
			continue;
		p->kind = v[i].kind;
		p->a = v[i].a;
		p->b = v[i].b;
		p->sel = v[i].sel < p->n ? v[i].sel : NONE;
		p->top = v[i].top < p->n ? v[i].top : 0;
		reader_push_page(r, p);
	}
}

void
reader_rebuild_page(struct reader *r, size_t i)
{
	struct page *old = r->pages[i], *p;

	/* Only pages that wrap text to the width change with it; the
	 * views of the whole story (relations, timeline) do not, and
	 * rebuilding them would cost a resize the length of the story. */
	if (old->kind != PAGE_HELP && old->kind != PAGE_CLAIM &&
	    old->kind != PAGE_QUOTE && old->kind != PAGE_RELATED)
		return;
	p = page_build_page(r, old->kind, old->a, old->b);
	p->sel = old->sel < p->n ? old->sel : NONE;
	p->top = old->top < p->n ? old->top : 0;
	page_first(p);
	page_free(old);
	r->pages[i] = p;
}

void
reader_close_page(struct reader *r)
{
	if (r->npages > 0)
		page_free(r->pages[--r->npages]);
}

void reader_open_actor(struct reader *r, size_t a)
{ page_open_page(r, PAGE_ACTOR, a, NONE); }
void reader_open_claim(struct reader *r, size_t c)
{ page_open_page(r, PAGE_CLAIM, c, NONE); }
void reader_open_quote(struct reader *r, size_t q)
{ page_open_page(r, PAGE_QUOTE, q, NONE); }
void reader_open_related(struct reader *r, size_t rel)
{ page_open_page(r, PAGE_RELATED, rel, NONE); }
void reader_open_actors(struct reader *r)
{ page_open_page(r, PAGE_ACTORS, NONE, NONE); }
void reader_open_relations(struct reader *r)
{ page_open_page(r, PAGE_RELATIONS, NONE, NONE); }
void reader_open_timeline(struct reader *r)
{ page_open_page(r, PAGE_TIMELINE, NONE, NONE); }
void reader_open_index(struct reader *r)
{ page_open_page(r, PAGE_INDEX, NONE, NONE); }
void reader_open_help(struct reader *r, size_t mode)
{ page_open_page(r, PAGE_HELP, mode, NONE); }

void
reader_index_filter(struct reader *r, const char *filter)
{
	struct page *p;

	if (r->npages == 0 || r->pages[r->npages - 1]->kind != PAGE_INDEX)
		return;
	p = r->pages[r->npages - 1];
	page_index_show(p, filter);
	page_first(p);
}

void
reader_open_item(struct reader *r, size_t item)
{
	const struct item *it = &r->st->items[item];

	switch (it->kind) {
	case ITEM_MENTION:	reader_open_actor(r, it->ref); break;
	case ITEM_CLAIM:	reader_open_claim(r, it->ref); break;
	case ITEM_QUOTE:	reader_open_quote(r, it->ref); break;
	case ITEM_RELATED:	reader_open_related(r, it->ref); break;
	default:		break;
	}
}

bool
reader_open_focus(struct reader *r)
{
	size_t focus = reader_visible_focus(r);

	if (focus == NONE) {
		reader_notify(r, r->focus == NONE ?
		    "nothing is focused: Tab to an item first" :
		    "the focus is off the screen: Tab to an item on it");
		return false;
	}
	reader_open_item(r, focus);
	return true;
}

char *
reader_follow(struct reader *r)
{
	struct page *p;
	const struct entry *e;
	size_t item;

	if (r->npages == 0)
		return NULL;
	p = r->pages[r->npages - 1];
	if (p->sel == NONE || p->sel >= p->n)
		return NULL;
	e = &p->entries[p->sel];
	switch (e->target) {
	case TARGET_ITEM:
		/* A jump: Back comes back to this page, this entry.  A
		 * list of claims is a step of the view row that opened
		 * it (the relations view's), not a place of its own:
		 * Back comes back to that row. */
		item = e->a;	/* e goes with the page it is on */
		if (p->kind == PAGE_CLAIMS && r->npages > 1)
			reader_close_page(r);
		reader_focus(r, item, true);
		break;
	case TARGET_CARD:
		reader_open_item(r, e->a);
		break;
	case TARGET_ACTOR:
		reader_open_actor(r, e->a);
		break;
	case TARGET_CLAIM:
		reader_open_claim(r, e->a);
		break;
	case TARGET_CLAIMS:
		page_open_page(r, PAGE_CLAIMS, e->a, e->b);
		break;
	case TARGET_LIBRARY:
		r->open_row = e->a;
		r->open_actor = e->b;
		break;
	case TARGET_STORY: {
		enum safepath_status status;

		return p->kind == PAGE_RELATED ? page_related_path(r,
		    r->st->related[p->a].href, &status) : NULL;
	}
	default:
		break;
	}
	return NULL;
}

size_t
page_entry_lines(const struct reader *r, struct entry *e,
    struct wrap_line *lines, size_t max)
{
	const char *s = page_entry_text(r->st, e);
	size_t len = strlen(s), pos = 0, n = 0;
	int w = r->page_cols - 1 - e->indent;
	struct wrap_line l;

	if (e->oneline || max <= 1) {
		if (lines != NULL) {
			lines[0].start = 0;
			lines[0].end = len;
			lines[0].width = 0;
		}
		return 1;
	}
	do {
		pos = text_wrap_next(s, len, pos, n == 0 ? w : w - PAGE_HANG,
		    &l);
		if (lines != NULL)
			lines[n] = l;
		n++;
	} while (pos < len && n < max);
	return n;
}

bool
page_fits(const struct reader *r, struct page *p, size_t from, size_t to,
    size_t rows)
{
	size_t used = 0, i;

	for (i = from; i <= to && i < p->n; i++) {
		used += page_entry_lines(r, &p->entries[i], NULL, rows + 1);
		if (used > rows)
			return false;
	}
	return true;
}

size_t
page_entry_at(const struct reader *r, struct page *p, size_t y,
    size_t rows)
{
	size_t line = 0, i;

	for (i = p->top; i < p->n && line < rows; i++) {
		line += page_entry_lines(r, &p->entries[i], NULL, rows - line);
		if (y < line)
			return i;
	}
	return NONE;
}

void
page_bring_into_view(const struct reader *r, struct page *p, size_t i,
    size_t rows)
{
	size_t used, k;

	if (i >= p->n)
		return;
	if (i < p->top) {
		p->top = i;
		return;
	}
	/* The first entry from which i still fits, going back from i no
	 * further than the top: a screenful of entries at most. */
	used = page_entry_lines(r, &p->entries[i], NULL, rows);
	for (k = i; k > p->top; k--) {
		size_t more = page_entry_lines(r, &p->entries[k - 1], NULL,
		    rows);

		if (used + more > rows)
			break;
		used += more;
	}
	p->top = k;
}

static void
page_keep_visible(struct reader *r, struct page *p, int rows)
{
	if (p->sel != NONE)
		page_bring_into_view(r, p, p->sel, rows > 0 ? (size_t)rows : 1);
}

/* The last top entry from which the page's end fits on the screen. */
static size_t
page_last_top(const struct reader *r, struct page *p, size_t rows)
{
	size_t used = 0, k;

	for (k = p->n; k > 0; k--) {
		used += page_entry_lines(r, &p->entries[k - 1], NULL, rows);
		if (used > rows)
			break;
	}
	return k;
}

void
reader_page_step(struct reader *r, long n, int rows)
{
	struct page *p;
	size_t i, h = rows > 0 ? (size_t)rows : 1;

	if (r->npages == 0)
		return;
	p = r->pages[r->npages - 1];
	if (p->sel == NONE) {
		/* Nothing to focus: scroll. */
		size_t last = page_last_top(r, p, h);

		if (n < 0)
			p->top = (size_t)-n > p->top ? 0 : p->top - (size_t)-n;
		else if (p->top < last)
			p->top = (size_t)n > last - p->top ? last :
			    p->top + (size_t)n;
		return;
	}
	for (i = p->sel; n != 0;) {
		if (n > 0 && i + 1 < p->n)
			i++;
		else if (n < 0 && i > 0)
			i--;
		else
			break;
		if (p->entries[i].target != TARGET_NONE) {
			p->sel = i;
			n += n > 0 ? -1 : 1;
		}
	}
	/* Show the headings above the first entry. */
	if (n < 0 && p->sel == i)
		p->top = p->top > i ? i : p->top;
	page_keep_visible(r, p, rows);
	if (p->top > 0 && n != 0 && p->sel < h && page_fits(r, p, 0, p->sel, h))
		p->top = 0;
}

void
reader_page_step_rows(struct reader *r, long n, int rows)
{
	struct page *p;
	size_t i, from, used = 0, links = 0, h = rows > 0 ? (size_t)rows : 1;
	size_t want = n < 0 ? (size_t)-(n + 1) + 1 : (size_t)n;

	if (r->npages == 0 || n == 0)
		return;
	p = r->pages[r->npages - 1];
	from = i = p->sel != NONE ? p->sel : p->top;
	/* Over the entries `want` lines cover, counting the links among
	 * them: no more entries than lines, so a screenful at most. */
	if (n > 0)
		for (; i + 1 < p->n; i++) {
			used += page_entry_lines(r, &p->entries[i], NULL, h);
			if (used > want)
				break;
			links += p->entries[i + 1].target != TARGET_NONE;
		}
	else
		for (; i > 0; i--) {
			used += page_entry_lines(r, &p->entries[i - 1], NULL, h);
			if (used > want)
				break;
			links += p->entries[i - 1].target != TARGET_NONE;
		}
	if (p->sel == NONE)
		links = i > from ? i - from : from - i;
	if (links == 0)
		links = 1;
	reader_page_step(r, n > 0 ? (long)links : -(long)links, rows);
}
