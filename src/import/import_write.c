/* import_write.c - the imported article as a story document, written
 * by the one writer (format/write.h).
 *
 * Spans that would overlap without nesting, or nest in a way the format
 * forbids, are left out here, so that the story is always well-formed;
 * the caller still loads what is written back to be sure.  Strings keep
 * the article's characters (story_keep_text): the writer gives controls,
 * bidi controls and separators as character references.
 *
 * Only the actors the story refers to are kept, with every actor they
 * are members of.  Actors from the gazetteer keep their ids; the others
 * get one made from their name ("brandon-lewis"). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "format/write.h"
#include "import/import_int.h"

#define ID_MAX	32	/* bytes of an id made from a name */

struct writer {
	struct idoc	*doc;
	struct story	*st;
	struct strmap	*ids;		/* every id given */
	size_t		*actor_of;	/* the story's actor for each of the
					 * article's, or NONE */
	size_t		*open;		/* the items open in a paragraph */
	size_t		 nq, nc, np, nr;
	size_t		 items_cap, claims_cap, quotes_cap;
};

/* ---- ids ---------------------------------------------------------- */

static bool
import_write_id_taken(const struct writer *w, const char *id)
{
	return gazetteer_strmap_get(w->ids, id, strlen(id)) != NONE;
}

static void
import_write_id_reserve(struct writer *w, const char *id)
{
	gazetteer_strmap_put(w->ids, id, strlen(id), 1);
}

static char *
import_write_id_claim(struct writer *w, const char *id)
{
	import_write_id_reserve(w, id);
	return xstrdup(id);
}

/* "p7", "q3": the next free id with this prefix.  Not reserved: every
 * id made from a name is made before the first of these (the actors
 * are written first), and these cannot meet each other (one prefix a
 * kind, one counter a prefix).  Reserved, 300,000 paragraphs of 21
 * bytes put 50 MB of map behind their ids. */
static char *
import_write_id_next(struct writer *w, const char *prefix, size_t *counter)
{
	char id[32];

	do
		snprintf(id, sizeof id, "%s%zu", prefix, ++*counter);
	while (import_write_id_taken(w, id));
	return xstrdup(id);
}

/* An id made from a name: ASCII letters and digits in lower case, the
 * words joined by '-', starting with a letter, and unique. */
static char *
import_write_id_from_name(struct writer *w, const char *name)
{
	struct buf b = BUF_INIT;
	size_t i, base;
	unsigned n = 2;
	bool gap = false;
	char *id;

	for (i = 0; name[i] != '\0' && b.len < ID_MAX; i++) {
		unsigned char c = (unsigned char)name[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (gap && b.len > 0)
				buf_putc(&b, '-');
			gap = false;
			buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		} else if (c != '\'' && c < 0x80)
			gap = true;
		else if (c >= 0x80 && (c & 0xC0) != 0x80)
			gap = true;
	}
	if (b.len == 0 || !(b.data[0] >= 'a' && b.data[0] <= 'z')) {
		buf_free(&b);
		buf_puts(&b, "actor");
	}
	base = b.len;
	while (import_write_id_taken(w, b.data)) {
		buf_truncate(&b, base);
		buf_printf(&b, "-%u", n++);
	}
	id = import_write_id_claim(w, b.data);
	buf_free(&b);
	return id;
}

/* ---- actors ------------------------------------------------------- */


static void
import_write_mark_used(struct idoc *doc, size_t a)
{
	size_t depth = 0;

	for (; a != NONE && depth < 64; a = doc->actors[a].parent, depth++)
		doc->actors[a].uses++;
}

static void
import_write_count_uses(struct idoc *doc)
{
	size_t i, k;

	for (i = 0; i < doc->nactors; i++)
		doc->actors[i].uses = 0;
	for (i = 0; i < doc->nblocks; i++) {
		const struct iblock *b = &doc->blocks[i];

		for (k = 0; k < b->actors.n; k++)
			import_write_mark_used(doc, b->actors.v[k]);
		for (k = 0; k < b->nspans; k++) {
			const struct span *sp = &b->spans[k];

			if (sp->kind == SPAN_MENTION)
				import_write_mark_used(doc, sp->ref);
			else if (sp->kind == SPAN_QUOTE)
				import_write_mark_used(doc,
				    doc->quotes[sp->ref].speaker);
		}
	}
	for (i = 0; i < doc->nclaims; i++) {
		for (k = 0; k < doc->claims[i].by.n; k++)
			import_write_mark_used(doc, doc->claims[i].by.v[k]);
		for (k = 0; k < doc->claims[i].about.n; k++)
			import_write_mark_used(doc, doc->claims[i].about.v[k]);
	}
}

/* What the importer guessed from weak evidence: said on standard error
 * and kept as a comment beside what it is about, at `place` (story.h),
 * so that the reader knows what to check. */
static void import_write_doubt(struct writer *, enum comment_place, size_t at,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
import_write_doubt(struct writer *w, enum comment_place place, size_t at,
    unsigned long line, const char *fmt, ...)
{
	struct buf msg = BUF_INIT, c = BUF_INIT;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	import_doc_warn(w->doc, line, "note: guessed: %s", msg.data);
	/* "--" may not stand in a comment, nor "-" at its end. */
	for (i = 0; i + 1 < msg.len; i++)
		if (msg.data[i] == '-' && msg.data[i + 1] == '-')
			msg.data[i + 1] = ' ';
	buf_printf(&c, " guessed: %s ", msg.data);
	story_add_comment(w->st, place, at, c.data, c.len);
	buf_free(&msg);
	buf_free(&c);
}

/* A string of the article, kept in the story. */
static char *
import_write_keep(struct writer *w, const char *s)
{
	return story_keep_str(w->st, s);
}

/* An id given by import_write_id_next or import_write_id_from_name, kept in the
 * story. */
static char *
import_write_keep_id(struct writer *w, char *id)
{
	char *kept = import_write_keep(w, id);

	free(id);
	return kept;
}

/* The story's actors for the article's actors x, into y. */
static void
import_write_map_ids(struct writer *w, const struct idx *x, struct idx *y)
{
	size_t i;

	y->v = NULL;
	y->n = 0;
	if (x->n == 0)
		return;
	y->v = pool_array(&w->st->pool, x->n, sizeof *y->v);
	for (i = 0; i < x->n; i++)
		if (w->actor_of[x->v[i]] != NONE)
			y->v[y->n++] = w->actor_of[x->v[i]];
}

static void
import_write_actors(struct writer *w)
{
	struct idoc *doc = w->doc;
	struct story *st = w->st;
	size_t i, k;

	for (i = 0; i < doc->nactors; i++)
		if (doc->actors[i].id != NULL)
			import_write_id_reserve(w, doc->actors[i].id);
	for (i = 0; i < doc->nactors; i++)
		if (doc->actors[i].uses > 0 && doc->actors[i].id == NULL)
			doc->actors[i].id = import_write_id_from_name(w,
			    doc->actors[i].name);
	w->actor_of = xcalloc(doc->nactors + 1, sizeof *w->actor_of);
	st->actors = xcalloc(doc->nactors + 1, sizeof *st->actors);
	for (i = 0; i < doc->nactors; i++) {
		w->actor_of[i] = NONE;
		if (doc->actors[i].uses > 0)
			w->actor_of[i] = st->nactors++;
	}
	for (i = 0; i < doc->nactors; i++) {
		const struct iactor *ia = &doc->actors[i];
		struct actor *a;

		if (w->actor_of[i] == NONE)
			continue;
		a = &st->actors[w->actor_of[i]];
		if (ia->doubt != NULL)
			import_write_doubt(w, COMMENT_ACTORS, w->actor_of[i],
			    ia->doubt_line, "%s, %s", ia->name, ia->doubt);
		a->id = import_write_keep(w, ia->id);
		a->kind = ia->kind;
		a->name = import_write_keep(w, ia->name);
		a->note = import_write_keep(w, ia->note);
		a->parent = ia->parent != NONE ? w->actor_of[ia->parent] : NONE;
		a->aliases = xcalloc(ia->naliases + 1, sizeof *a->aliases);
		for (k = 0; k < ia->naliases; k++)
			a->aliases[a->naliases++] = import_write_keep(w,
			    ia->aliases[k]);
	}
}

/* ---- the body ----------------------------------------------------- */

static int
import_write_span_cmp(const void *x, const void *y)
{
	const struct span *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return 0;
}

/* Whether span s may open inside span in (NULL: the paragraph). */
static bool
import_write_nests(const struct span *in, const struct span *s)
{
	if (s->end <= s->start)
		return false;
	if (in == NULL)
		return true;
	if (s->end > in->end)
		return false;	/* they would overlap */
	switch (in->kind) {
	case SPAN_CLAIM:
		return s->kind != SPAN_CLAIM;
	case SPAN_QUOTE:
		return s->kind == SPAN_MENTION;
	default:
		return false;
	}
}

static const enum item_kind item_of_span[] = {
	[SPAN_CLAIM] = ITEM_CLAIM, [SPAN_QUOTE] = ITEM_QUOTE,
	[SPAN_MENTION] = ITEM_MENTION,
};

/* The story's item for span s of the block being built, inside parent
 * (an item, or NONE). */
static void
import_write_item(struct writer *w, const struct span *s, size_t parent)
{
	struct idoc *doc = w->doc;
	struct story *st = w->st;
	struct item *it;

	st->items = xgrow(st->items, st->nitems, &w->items_cap,
	    sizeof *st->items);
	it = &st->items[st->nitems];
	it->kind = item_of_span[s->kind];
	it->block = (uint32_t)st->nblocks;
	it->line = 0;
	it->start = s->start;
	it->end = s->end;
	it->parent = parent;
	if (s->kind == SPAN_MENTION)
		it->ref = w->actor_of[s->ref];
	else if (s->kind == SPAN_QUOTE) {
		struct quote *q;

		st->quotes = xgrow(st->quotes, st->nquotes, &w->quotes_cap,
		    sizeof *st->quotes);
		q = &st->quotes[st->nquotes];
		q->id = import_write_keep_id(w, import_write_id_next(w, "q",
		    &w->nq));
		q->item = st->nitems;
		q->speaker = w->actor_of[doc->quotes[s->ref].speaker];
		q->claim = NONE;
		it->ref = st->nquotes++;
	} else {
		struct claim *c;

		st->claims = xgrow(st->claims, st->nclaims, &w->claims_cap,
		    sizeof *st->claims);
		c = &st->claims[st->nclaims];
		memset(c, 0, sizeof *c);
		c->id = import_write_keep_id(w, import_write_id_next(w, "c",
		    &w->nc));
		c->item = st->nitems;
		import_write_map_ids(w, &doc->claims[s->ref].by, &c->by);
		import_write_map_ids(w, &doc->claims[s->ref].about, &c->about);
		it->ref = st->nclaims++;
	}
	st->nitems++;
}

/* Whether the span refers to an actor the story keeps. */
static bool
import_write_span_kept(const struct writer *w, const struct span *s)
{
	if (s->kind == SPAN_MENTION)
		return w->actor_of[s->ref] != NONE;
	if (s->kind == SPAN_QUOTE)
		return w->actor_of[w->doc->quotes[s->ref].speaker] != NONE;
	return true;
}

/* A quote whose speaker is that of the paragraph's other quote: said
 * before the paragraph, with at most 40 bytes of it (whole
 * characters). */
static void
import_write_quote_doubt(struct writer *w, const struct iblock *ib,
    const struct span *sp)
{
	const struct iquote *q = &w->doc->quotes[sp->ref];
	size_t n = sp->end - sp->start;

	if (n > 40)
		for (n = 40; n > 0 && ((unsigned char)ib->text[sp->start + n] &
		    0xC0) == 0x80; n--)
			;
	import_write_doubt(w, COMMENT_BODY, w->st->nblocks, ib->line, "%s is the "
	    "speaker of \"%.*s%s\", as of the paragraph's other quote",
	    w->doc->actors[q->speaker].name, (int)n, ib->text + sp->start,
	    n < sp->end - sp->start ? "\xE2\x80\xA6" : "");
}

/* A paragraph's spans become items in reading order, each inside the
 * one open around it; then its text is kept, the items' offsets with
 * it. */
static void
import_write_paragraph(struct writer *w, struct iblock *ib, struct block *b)
{
	struct story *st = w->st;
	size_t sp = 0, i, first = st->nitems, len;
	uint32_t **at;
	const struct span **open;

	if (ib->nspans > 1)
		qsort(ib->spans, ib->nspans, sizeof *ib->spans,
		    import_write_span_cmp);
	for (i = 0; i < ib->nspans; i++)
		if (ib->spans[i].kind == SPAN_QUOTE &&
		    w->doc->quotes[ib->spans[i].ref].guessed)
			import_write_quote_doubt(w, ib, &ib->spans[i]);
	open = xreallocarray(NULL, ib->nspans + 1, sizeof *open);
	w->open = xreallocarray(w->open, ib->nspans + 1, sizeof *w->open);
	for (i = 0; i < ib->nspans; i++) {
		const struct span *s = &ib->spans[i];

		while (sp > 0 && open[sp - 1]->end <= s->start)
			sp--;
		if (s->end > ib->len || !import_write_nests(sp > 0
		    ? open[sp - 1] : NULL, s) ||
		    !import_write_span_kept(w, s))
			continue;
		import_write_item(w, s, sp > 0 ? w->open[sp - 1] : NONE);
		open[sp] = s;
		w->open[sp++] = st->nitems - 1;
	}
	free(open);
	b->id = import_write_keep_id(w, import_write_id_next(w, "p", &w->np));
	b->first_item = first;
	b->nitems = st->nitems - first;
	at = xreallocarray(NULL, 2 * b->nitems + 1, sizeof *at);
	for (i = 0; i < b->nitems; i++) {
		at[2 * i] = &st->items[first + i].start;
		at[2 * i + 1] = &st->items[first + i].end;
	}
	/* At most IMPORT_PARA_MAX bytes, eight times that shown: far
	 * within STORY_BLOCK_MAX. */
	b->text = story_keep_text(st, ib->text, ib->len, &len, at,
	    2 * b->nitems);
	b->len = (uint32_t)len;
	free(at);
	/* Kept: the article's copy goes, so that the text is held once,
	 * and its spans with it. */
	free(ib->text);
	ib->text = NULL;
	free(ib->spans);
	ib->spans = NULL;
	ib->nspans = ib->spans_cap = 0;
}

/* A title's bytes, cut at a character so that even shown as eight
 * bytes a byte (C1 controls) it fits STORY_BLOCK_MAX. */
static size_t
import_write_related_len(const struct iblock *ib)
{
	size_t n = ib->len;

	if (n <= STORY_BLOCK_MAX / 8)
		return n;
	for (n = STORY_BLOCK_MAX / 8; n > 0 &&
	    ((unsigned char)ib->text[n] & 0xC0) == 0x80; n--)
		;
	return n;
}

static void
import_write_related(struct writer *w, struct iblock *ib, struct block *b)
{
	struct story *st = w->st;
	struct related *r = &st->related[st->nrelated];
	struct item *it;
	size_t len;

	b->text = story_keep_text(st, ib->text, import_write_related_len(ib),
	    &len, NULL,
	    0);
	b->len = (uint32_t)len;
	free(ib->text);
	ib->text = NULL;
	b->related = st->nrelated;
	st->items = xgrow(st->items, st->nitems, &w->items_cap,
	    sizeof *st->items);
	it = &st->items[st->nitems];
	memset(it, 0, sizeof *it);
	it->kind = ITEM_RELATED;
	it->block = (uint32_t)st->nblocks;
	it->end = b->len;
	it->parent = NONE;
	it->ref = st->nrelated;
	b->first_item = st->nitems;
	b->nitems = 1;
	r->id = import_write_keep_id(w, import_write_id_next(w, "r", &w->nr));
	r->item = st->nitems++;
	r->block = st->nblocks;
	r->url = import_write_keep(w, ib->url);
	import_write_map_ids(w, &ib->actors, &r->actors);
	st->nrelated++;
}

static void
import_write_head(struct writer *w)
{
	struct idoc *doc = w->doc;
	struct story *st = w->st;

	st->lang = import_write_keep(w, doc->lang);
	st->headline = import_write_keep(w, doc->headline ? doc->headline : "");
	st->dateline = import_write_keep(w, doc->dateline);
	st->dateline_when = doc->dateline ? import_write_keep(w, doc->when)
	    : NULL;
	st->byline = import_write_keep(w, doc->byline);
	st->source = import_write_keep(w, doc->source);
	st->source_url = doc->source ? import_write_keep(w, doc->source_url)
	    : NULL;
}

struct story *
import_build_story(struct idoc *doc)
{
	struct writer w;
	struct story *st = xcalloc(1, sizeof *st);
	size_t i, nrelated = 0;

	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.st = st;
	w.ids = gazetteer_strmap_new();
	import_write_count_uses(doc);
	import_write_head(&w);
	import_write_actors(&w);
	st->blocks = xcalloc(doc->nblocks + 1, sizeof *st->blocks);
	/* As many as there are, not one a block (56 bytes a paragraph). */
	for (i = 0; i < doc->nblocks; i++)
		nrelated += doc->blocks[i].related;
	st->related = xcalloc(nrelated + 1, sizeof *st->related);
	for (i = 0; i < doc->nblocks; i++) {
		struct block *b = &st->blocks[st->nblocks];

		b->kind = doc->blocks[i].related ? BLOCK_RELATED :
		    BLOCK_PARAGRAPH;
		b->related = NONE;
		b->line = doc->blocks[i].line;
		if (doc->blocks[i].related)
			import_write_related(&w, &doc->blocks[i], b);
		else
			import_write_paragraph(&w, &doc->blocks[i], b);
		st->nblocks++;
	}
	free(w.open);
	free(w.actor_of);
	gazetteer_strmap_free(w.ids);
	return st;
}

/* About the bytes the story takes written: its text, a tenth more for
 * the lines' indentation, and the markup of its blocks, items and
 * actors.  A buffer that doubled when it ran out would hold up to
 * twice the story in reserve beside the story itself; one a little too
 * small grows by an eighth. */
static size_t
import_write_estimate(const struct story *st)
{
	size_t i, k, size = 4096;

	for (i = 0; i < st->nblocks; i++)
		size += st->blocks[i].len + st->blocks[i].len / 10 + 48;
	size += 48 * st->nitems;
	for (i = 0; i < st->nactors; i++) {
		const struct actor *a = &st->actors[i];

		size += 160 + strlen(a->name) + (a->note ? strlen(a->note) : 0);
		for (k = 0; k < a->naliases; k++)
			size += 24 + strlen(a->aliases[k]);
	}
	return size;
}

char *
import_write(struct idoc *doc, size_t *lenp)
{
	struct story *st = import_build_story(doc);
	struct buf out = BUF_INIT;

	/* The article, its actors, quotes and claims, goes before the story
	 * is written: the story and its text are in memory, not the three
	 * of them. */
	import_doc_free(doc);

	buf_reserve(&out, import_write_estimate(st));
	write_story_buf(st, &out);
	story_free(st);
	*lenp = out.len;
	/* What was reserved and not written goes back before the story
	 * is loaded again to check it. */
	return xreallocarray(buf_detach(&out), *lenp + 1, 1);
}
