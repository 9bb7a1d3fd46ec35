/* page.c - cards and views: the pages opened over the article.
 *
 * Each page is a titled list of entries; an entry may lead somewhere
 * (an item in the article, an actor's card, a claim's card, a list of
 * claims, another story).  Pages are built from the model alone, so
 * they are tested without a terminal. */
#include "config.h"

#include "view/reader.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/xmalloc.h"

/* Excerpts around a mention: this many bytes of context each side. */
#define EXCERPT_BEFORE 30
#define EXCERPT_AFTER 50

struct page *
page_new(const char *title)
{
	struct page *p = xcalloc(1, sizeof *p);

	p->title = xstrdup(title);
	p->sel = NONE;
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
	size_t n = wrap_text(s, len, r->width + r->margin - 2 - indent,
	    &lines), i;

	for (i = 0; i < n; i++)
		page_add(p, ENTRY_PLAIN, indent, "%.*s",
		    (int)(lines[i].end - lines[i].start), s + lines[i].start);
	free(lines);
}

/* Moves a byte offset back to the start of a UTF-8 sequence. */
static size_t
utf8_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* "…some words around the item…", one line. */
static void
excerpt(const struct story *st, size_t item, struct buf *b)
{
	const struct item *it = &st->items[item];
	const struct block *bl = &st->blocks[it->block];
	size_t from = it->start > EXCERPT_BEFORE ? it->start - EXCERPT_BEFORE
	    : 0, to = it->end + EXCERPT_AFTER < bl->len ?
	    it->end + EXCERPT_AFTER : bl->len;

	from = utf8_floor(bl->text, from);
	to = utf8_floor(bl->text, to);
	/* Start and end on word boundaries where there is one near. */
	if (from > 0) {
		const char *sp = memchr(bl->text + from, ' ', it->start - from);

		if (sp != NULL)
			from = (size_t)(sp - bl->text) + 1;
	}
	if (to < bl->len) {
		size_t t = to;

		while (t > it->end && bl->text[t] != ' ')
			t--;
		if (t > it->end)
			to = t;
	}
	buf_printf(b, "%s%.*s%s", from > 0 ? "\xe2\x80\xa6" : "",
	    (int)(to - from), bl->text + from, to < bl->len ?
	    "\xe2\x80\xa6" : "");
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

	page_add(p, ENTRY_HEADING, 0, "%s (%zu)", heading, n);
	for (i = 0; i < n; i++) {
		struct entry *e = page_push(p, ENTRY_LINK, 2, NULL);

		e->target = TARGET_ITEM;
		e->a = items[i];
	}
}

const char *
page_entry_text(const struct story *st, struct entry *e)
{
	struct buf b = BUF_INIT;

	if (e->text != NULL)
		return e->text;
	/* Only page_items leaves the text to be built: "¶N excerpt". */
	buf_printf(&b, "\xc2\xb6%-3zu ", (size_t)st->items[e->a].block + 1);
	excerpt(st, e->a, &b);
	e->text = buf_detach(&b);
	return e->text;
}

static void
page_claims(struct page *p, const struct story *st, const char *heading,
    const struct idx *claims)
{
	size_t *items = xcalloc(claims->n, sizeof *items), i;

	for (i = 0; i < claims->n; i++)
		items[i] = st->claims[claims->v[i]].item;
	page_items(p, heading, items, claims->n);
	free(items);
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
build_actor(struct reader *r, size_t a)
{
	const struct story *st = r->st;
	const struct actor *ac = &st->actors[a];
	struct buf t = BUF_INIT;
	struct page *p;
	size_t i, *quotes;

	buf_printf(&t, "Actor: %s", ac->name);
	p = page_new(t.data);
	buf_free(&t);
	page_add(p, ENTRY_PLAIN, 0, "Kind: %s", actor_kind_name(ac->kind));
	if (ac->note)
		page_add(p, ENTRY_PLAIN, 0, "Note: %s", ac->note);
	if (ac->parent != NONE)
		page_link(p, 0, TARGET_ACTOR, ac->parent, "Member of: %s",
		    st->actors[ac->parent].name);
	for (i = 0; i < ac->naliases; i++)
		page_add(p, ENTRY_PLAIN, i ? 13 : 0, "%s%s",
		    i ? "" : "Also called: ", ac->aliases[i]);
	page_add(p, ENTRY_PLAIN, 0, "Mentions: %zu, with its members %zu",
	    ac->mentions.n, ac->total_mentions);
	if (ac->members.n > 0) {
		page_add(p, ENTRY_HEADING, 0, "Members (%zu)", ac->members.n);
		for (i = 0; i < ac->members.n; i++)
			page_link(p, 2, TARGET_ACTOR, ac->members.v[i], "%s",
			    st->actors[ac->members.v[i]].name);
	}
	page_items(p, "Mentions", ac->mentions.v, ac->mentions.n);
	page_claims(p, st, "Claims by", &ac->claims_by);
	page_claims(p, st, "Claims about", &ac->claims_about);
	quotes = xcalloc(ac->quotes.n, sizeof *quotes);
	for (i = 0; i < ac->quotes.n; i++)
		quotes[i] = st->quotes[ac->quotes.v[i]].item;
	page_items(p, "Quotes", quotes, ac->quotes.n);
	free(quotes);
	if (ac->related.n > 0) {
		quotes = xcalloc(ac->related.n, sizeof *quotes);
		for (i = 0; i < ac->related.n; i++)
			quotes[i] = st->related[ac->related.v[i]].item;
		page_items(p, "Read more", quotes, ac->related.n);
		free(quotes);
	}
	return p;
}

static void
page_claim_refs(struct page *p, const struct story *st, const char *label,
    const struct idx *claims)
{
	size_t i, len;
	const char *text;

	if (claims->n == 0)
		return;
	page_add(p, ENTRY_HEADING, 0, "%s (%zu)", label, claims->n);
	for (i = 0; i < claims->n; i++) {
		const struct claim *c = &st->claims[claims->v[i]];

		text = story_item_text(st, c->item, &len);
		page_link(p, 2, TARGET_CLAIM, claims->v[i], "%s: %.*s", c->id,
		    (int)len, text);
	}
}

static struct page *
build_claim(struct reader *r, size_t c)
{
	const struct story *st = r->st;
	const struct claim *cl = &st->claims[c];
	struct buf t = BUF_INIT;
	struct page *p;
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
	page_claim_refs(p, st, "Disputed by", &cl->disputed_by);
	if (cl->quotes.n > 0) {
		page_add(p, ENTRY_HEADING, 0, "Quotes (%zu)", cl->quotes.n);
		for (i = 0; i < cl->quotes.n; i++) {
			const struct quote *q = &st->quotes[cl->quotes.v[i]];

			text = story_item_text(st, q->item, &len);
			page_link(p, 2, TARGET_ITEM, q->item, "%s, %s: %.*s",
			    q->id, st->actors[q->speaker].name, (int)len, text);
		}
	}
	return p;
}

static struct page *
build_quote(struct reader *r, size_t q)
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

/* The story file an href names, relative to this story's directory,
 * if it is a regular file; caller-owned, or NULL. */
static char *
related_path(const struct reader *r, const char *href)
{
	struct buf b = BUF_INIT;
	const char *slash;
	struct stat sb;

	if (href == NULL || *href == '\0')
		return NULL;
	if (href[0] != '/' && r->path != NULL &&
	    (slash = strrchr(r->path, '/')) != NULL)
		buf_append(&b, r->path, (size_t)(slash - r->path) + 1);
	else if (href[0] != '/' && r->path == NULL)
		return NULL;
	buf_puts(&b, href);
	if (stat(b.data, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static int
size_cmp(const void *x, const void *y)
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
mentions_within(const struct story *st, const struct idx *actors,
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

		if (ac->mentions.n > 0) {
			v = xreallocarray(v, n + ac->mentions.n, sizeof *v);
			memcpy(v + n, ac->mentions.v,
			    ac->mentions.n * sizeof *v);
			n += ac->mentions.n;
		}
		for (i = 0; i < ac->members.n; i++)
			if (!seen[ac->members.v[i]]) {
				seen[ac->members.v[i]] = true;
				todo[ntodo++] = ac->members.v[i];
			}
	}
	if (n > 1)
		qsort(v, n, sizeof *v, size_cmp);
	for (i = 0; i < n; i++)
		if (k == 0 || st->items[v[i]].block !=
		    st->items[v[k - 1]].block)
			v[k++] = v[i];
	free(seen);
	free(todo);
	*out = v;
	return k;
}

static struct page *
build_related(struct reader *r, size_t rel)
{
	const struct story *st = r->st;
	const struct related *re = &st->related[rel];
	struct buf t = BUF_INIT;
	struct page *p;
	size_t *items, n;
	char *path;

	buf_printf(&t, "Read more %s", re->id);
	p = page_new(t.data);
	buf_free(&t);
	page_text(r, p, 0, st->blocks[re->block].text, st->blocks[re->block].len);
	page_actor_links(p, st, "Actors: ", &re->actors);
	if ((path = related_path(r, re->href)) != NULL) {
		page_link(p, 0, TARGET_STORY, NONE, "Open the story: %s",
		    re->href)->target = TARGET_STORY;
		free(path);
	} else if (re->href)
		page_add(p, ENTRY_PLAIN, 0, "Story file not found: %s",
		    re->href);
	n = mentions_within(st, &re->actors, &items);
	page_items(p, "Paragraphs that mention them", items, n);
	free(items);
	return p;
}

/* Every actor under the one it is a member of, in the tree's order
 * (story_actor_tree: no recursion, however deep the tree). */
static struct page *
build_actors(struct reader *r)
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
		    actor_kind_name(ac->kind), ac->total_mentions);
	}
	free(order);
	free(depth);
	return p;
}

/* Claims by a (NONE: the publication) about b. */
static size_t
count_claims(const struct story *st, size_t a, size_t b, size_t *out)
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
claimant_name(const struct story *st, size_t a)
{
	return a == NONE ? "the publication" : st->actors[a].name;
}

/* The claims a claimant makes (NONE: the publication); caller-owned
 * when *owned, else the actor's own index. */
static const size_t *
claimant_claims(const struct story *st, size_t a, size_t *n, bool *owned)
{
	size_t *v, i;

	*owned = a == NONE;
	if (a != NONE) {
		*n = st->actors[a].claims_by.n;
		return st->actors[a].claims_by.v;
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
claimant_subjects(const struct story *st, size_t a, size_t *tally,
    size_t *subj)
{
	size_t nc, i, j, ns = 0;
	bool owned;
	const size_t *claims = claimant_claims(st, a, &nc, &owned);

	for (i = 0; i < nc; i++) {
		const struct idx *about = &st->claims[claims[i]].about;

		for (j = 0; j < about->n; j++)
			if (tally[about->v[j]]++ == 0)
				subj[ns++] = about->v[j];
	}
	if (owned)
		free((size_t *)claims);
	if (ns > 1)
		qsort(subj, ns, sizeof *subj, size_cmp);
	return ns;
}

/* "In all: …": what the view would hold, counted from the claims
 * without pairing anything, for a view cut short. */
static void
relations_totals(struct page *p, const struct story *st, size_t shown)
{
	size_t i, claimants = 0, subjects = 0, pairs = 0, anon = 0;

	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		pairs += (c->by.n ? c->by.n : 1) * c->about.n;
		anon += c->by.n == 0;
	}
	for (i = 0; i < st->nactors; i++) {
		claimants += st->actors[i].claims_by.n > 0;
		subjects += st->actors[i].claims_about.n > 0;
	}
	page_add(p, ENTRY_PLAIN, 0, "The first %zu rows are shown.", shown);
	page_add(p, ENTRY_PLAIN, 0, "In all: %zu claimants, %zu subjects and "
	    "%zu claimant-subject pairs, in %zu claim%s.",
	    claimants + (anon > 0), subjects, pairs, st->nclaims,
	    st->nclaims == 1 ? "" : "s");
}

/* Whether any claimant after a (NONE: the publication) names a
 * subject: whether a view cut short at a leaves rows out. */
static bool
relations_after(const struct story *st, size_t a)
{
	size_t i;

	for (a++; a < st->nactors; a++)
		for (i = 0; i < st->actors[a].claims_by.n; i++)
			if (st->claims[st->actors[a].claims_by.v[i]].about.n)
				return true;
	return false;
}

/* A table of claimants by subjects: under each claimant a row per
 * subject with its count of claims; a row opens the list of them.
 * One claim may pair thousands of claimants with thousands of
 * subjects: the view lists the first READER_RELATIONS_MAX rows and
 * counts the rest, so that it costs what it shows, not every pair. */
static struct page *
build_relations(struct reader *r)
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
		ns = claimant_subjects(st, a, tally, subj);
		if (ns > 0)
			page_add(p, ENTRY_HEADING, 0, "%s claims about",
			    a == NONE ? "The publication" :
			    claimant_name(st, a));
		for (k = 0; k < ns && rows < READER_RELATIONS_MAX; k++, rows++)
			page_link(p, 2, TARGET_CLAIMS, a, "%-28s %3zu",
			    st->actors[subj[k]].name, tally[subj[k]])->b =
			    subj[k];
		if (k < ns)
			page_add(p, ENTRY_PLAIN, 2, "and %zu more subjects",
			    ns - k);
		cut = k < ns || (rows == READER_RELATIONS_MAX &&
		    relations_after(st, a));
		for (k = 0; k < ns; k++)
			tally[subj[k]] = 0;
	}
	if (p->n == 0)
		page_add(p, ENTRY_PLAIN, 0, "No claim names its subject.");
	if (cut)
		relations_totals(p, st, rows);
	free(tally);
	free(subj);
	return p;
}

static struct page *
build_claims(struct reader *r, size_t a, size_t b)
{
	const struct story *st = r->st;
	struct buf t = BUF_INIT;
	struct page *p;
	size_t *items = xcalloc(st->nclaims ? st->nclaims : 1, sizeof *items);
	size_t n = count_claims(st, a, b, items);

	buf_printf(&t, "Claims by %s about %s", claimant_name(st, a),
	    st->actors[b].name);
	p = page_new(t.data);
	buf_free(&t);
	page_items(p, "Claims", items, n);
	free(items);
	return p;
}

static const struct story *timeline_story;

static int
timeline_cmp(const void *x, const void *y)
{
	const struct claim *a = &timeline_story->claims[*(const size_t *)x];
	const struct claim *b = &timeline_story->claims[*(const size_t *)y];
	int c = strcmp(a->when, b->when);

	/* ISO 8601 sorts as text; ties keep reading order. */
	return c ? c : (a->item > b->item) - (a->item < b->item);
}

static struct page *
build_timeline(struct reader *r)
{
	const struct story *st = r->st;
	struct page *p = page_new("Timeline");
	size_t *order = xcalloc(st->nclaims ? st->nclaims : 1, sizeof *order);
	size_t i, n = 0, len;
	const char *text;

	for (i = 0; i < st->nclaims; i++)
		if (st->claims[i].when)
			order[n++] = i;
	timeline_story = st;
	qsort(order, n, sizeof *order, timeline_cmp);
	timeline_story = NULL;
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
		    c->when, c->id, claimant_name(st, c->by.n ? c->by.v[0] :
		    NONE), (int)len, text);
	}
	if (n == 0)
		page_add(p, ENTRY_PLAIN, 0, "No claim in this story is dated.");
	free(order);
	return p;
}

static struct page *
build_page(struct reader *r, enum page_kind kind, size_t a, size_t b)
{
	struct page *p;

	switch (kind) {
	case PAGE_ACTOR:	p = build_actor(r, a); break;
	case PAGE_CLAIM:	p = build_claim(r, a); break;
	case PAGE_QUOTE:	p = build_quote(r, a); break;
	case PAGE_RELATED:	p = build_related(r, a); break;
	case PAGE_ACTORS:	p = build_actors(r); break;
	case PAGE_RELATIONS:	p = build_relations(r); break;
	case PAGE_CLAIMS:	p = build_claims(r, a, b); break;
	case PAGE_TIMELINE:	p = build_timeline(r); break;
	default:		return NULL;
	}
	p->kind = kind;
	p->a = a;
	p->b = b;
	return p;
}

/* Focuses the first entry that leads somewhere. */
static void
page_first(struct page *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->entries[i].target != TARGET_NONE) {
			p->sel = i;
			return;
		}
}

void
reader_push_page(struct reader *r, struct page *p)
{
	r->pages = xreallocarray(r->pages, r->npages + 1, sizeof *r->pages);
	r->pages[r->npages++] = p;
	if (p->sel == NONE)
		page_first(p);
}

static void
open_page(struct reader *r, enum page_kind kind, size_t a, size_t b)
{
	reader_push_page(r, build_page(r, kind, a, b));
}

void
reader_rebuild_page(struct reader *r, size_t i)
{
	struct page *old = r->pages[i], *p;

	if (old->kind == PAGE_STATIC && old->rebuild == NULL)
		return;
	/* Only pages that wrap text to the width change with it; the
	 * views of the whole story (relations, timeline) do not, and
	 * rebuilding them would cost a resize the length of the story. */
	if (old->kind != PAGE_STATIC && old->kind != PAGE_CLAIM &&
	    old->kind != PAGE_QUOTE && old->kind != PAGE_RELATED)
		return;
	p = old->kind == PAGE_STATIC ? old->rebuild(r->width +
	    r->margin) : build_page(r, old->kind, old->a, old->b);
	p->sel = old->sel < p->n ? old->sel : NONE;
	p->top = old->top < p->n ? old->top : 0;
	if (p->sel == NONE)
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
{ open_page(r, PAGE_ACTOR, a, NONE); }
void reader_open_claim(struct reader *r, size_t c)
{ open_page(r, PAGE_CLAIM, c, NONE); }
void reader_open_quote(struct reader *r, size_t q)
{ open_page(r, PAGE_QUOTE, q, NONE); }
void reader_open_related(struct reader *r, size_t rel)
{ open_page(r, PAGE_RELATED, rel, NONE); }
void reader_open_actors(struct reader *r)
{ open_page(r, PAGE_ACTORS, NONE, NONE); }
void reader_open_relations(struct reader *r)
{ open_page(r, PAGE_RELATIONS, NONE, NONE); }
void reader_open_timeline(struct reader *r)
{ open_page(r, PAGE_TIMELINE, NONE, NONE); }

bool
reader_open_focus(struct reader *r)
{
	const struct item *it;

	if (r->focus == NONE) {
		reader_notify(r, "nothing is focused: Tab to an item first");
		return false;
	}
	it = &r->st->items[r->focus];
	switch (it->kind) {
	case ITEM_MENTION:	reader_open_actor(r, it->ref); break;
	case ITEM_CLAIM:	reader_open_claim(r, it->ref); break;
	case ITEM_QUOTE:	reader_open_quote(r, it->ref); break;
	case ITEM_RELATED:	reader_open_related(r, it->ref); break;
	default:		return false;
	}
	return true;
}

char *
reader_follow(struct reader *r)
{
	struct page *p;
	const struct entry *e;

	if (r->npages == 0)
		return NULL;
	p = r->pages[r->npages - 1];
	if (p->sel == NONE || p->sel >= p->n)
		return NULL;
	e = &p->entries[p->sel];
	switch (e->target) {
	case TARGET_ITEM: {
		size_t item = e->a;	/* e goes with its page */

		while (r->npages > 0)
			reader_close_page(r);
		reader_focus(r, item, true);
		break;
	}
	case TARGET_ACTOR:
		reader_open_actor(r, e->a);
		break;
	case TARGET_CLAIM:
		reader_open_claim(r, e->a);
		break;
	case TARGET_CLAIMS:
		open_page(r, PAGE_CLAIMS, e->a, e->b);
		break;
	case TARGET_STORY:
		return p->kind == PAGE_RELATED ? related_path(r,
		    r->st->related[p->a].href) : NULL;
	default:
		break;
	}
	return NULL;
}

static void
page_keep_visible(struct page *p, int rows)
{
	size_t h = rows > 0 ? (size_t)rows : 1;

	if (p->sel == NONE)
		return;
	if (p->sel < p->top)
		p->top = p->sel;
	else if (p->sel >= p->top + h)
		p->top = p->sel - h + 1;
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
		if (n < 0)
			p->top = (size_t)-n > p->top ? 0 : p->top - (size_t)-n;
		else if (p->n > h)
			p->top = p->top + (size_t)n > p->n - h ? p->n - h :
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
	page_keep_visible(p, rows);
	if (p->sel < h && p->top > 0 && n != 0)
		p->top = 0;
}
