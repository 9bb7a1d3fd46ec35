/* edit.c - changes to a story's document, with inverses (edit.h).
 *
 * The document is the story's arrays: the items of each block, in
 * reading order (each before the items inside it), the claims and
 * quotes in reading order, the actors in file order.  An operation
 * checks everything first, then changes the arrays, moving the indices
 * that point past the place it changed, then builds the index again:
 * each is linear in the size of the story, as a person makes them one
 * at a time. */
#include "config.h"

#include "model/edit.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "model/when.h"

/* The format nests claims around quotes around mentions, never one
 * inside another of its kind (newslens(5)). */
static int
edit_kind_rank(enum item_kind k)
{
	return k == ITEM_CLAIM ? 0 : k == ITEM_QUOTE ? 1 : 2;
}

static const char *const kind_words[ITEM_NKINDS] = {
	"mention", "claim", "quote", "\"Read more\" item",
};

static bool edit_refuse(char **why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Says why an operation is refused; always false. */
static bool
edit_refuse(char **why, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (why == NULL)
		return false;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*why = buf_detach(&b);
	return false;
}

static char *
edit_dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The file's form of a string of the story, copied; NULL stays NULL. */
static char *
edit_raw_dup(const struct story *st, const char *s)
{
	return s ? xstrdup(story_raw(st, s)) : NULL;
}

/* ---- what may be written --------------------------------------------- */

/* An id as the schema's NCName allows it, kept to what needs no
 * sanitising: a letter, '_' or a non-ASCII character, then those,
 * digits, '-' and '.'. */
static bool
edit_id_ok(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (n == 0 || !text_is_safe(s, n))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_' || c >= 0x80;

		if (i == 0 ? !letter : !(letter || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.'))
			return false;
	}
	return true;
}

/* Text that a file can hold: no control characters (which XML has
 * no way to write), and, for names, something besides spaces. */
static bool
edit_text_ok(const char *s, bool nonblank, const char *what, char **why)
{
	const char *p;
	bool blank = true;

	for (p = s; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n')
			return edit_refuse(why,
			    "%s may not hold control characters",
			    what);
		if (*p != ' ' && *p != '\t' && *p != '\n')
			blank = false;
	}
	if (nonblank && blank)
		return edit_refuse(why, "%s may not be blank", what);
	return true;
}

static bool
edit_when_ok(const char *when, const char *what, char **why)
{
	char reason[WHEN_WHY_MAX];

	if (when == NULL || when_check(when, reason, sizeof reason))
		return true;
	return edit_refuse(why, "%s: when '%s' is not a date: %s", what, when,
	    reason);
}

/* ---- finding things ------------------------------------------------- */

static size_t
edit_claim_by_id(const struct story *st, const char *id)
{
	size_t i;

	for (i = 0; i < st->nclaims; i++)
		if (strcmp(st->claims[i].id, id) == 0)
			return i;
	return NONE;
}

/* Whether an id is used by anything of the story but `self` (a string
 * of the story, or NULL). */
static bool
edit_id_taken(const struct story *st, const char *id, const char *self)
{
	size_t i;

	i = story_find_actor(st, id);
	if (i != NONE && st->actors[i].id != self)
		return true;
	for (i = 0; i < st->nblocks; i++)
		if (st->blocks[i].id && st->blocks[i].id != self &&
		    strcmp(st->blocks[i].id, id) == 0)
			return true;
	for (i = 0; i < st->nrelated; i++)
		if (st->related[i].id != self &&
		    strcmp(st->related[i].id, id) == 0)
			return true;
	for (i = 0; i < st->nclaims; i++)
		if (st->claims[i].id != self && strcmp(st->claims[i].id, id) == 0)
			return true;
	for (i = 0; i < st->nquotes; i++)
		if (st->quotes[i].id != self && strcmp(st->quotes[i].id, id) == 0)
			return true;
	return false;
}

/* The item of kind `kind` over exactly [start, end) of the block, or
 * NONE. */
static size_t
edit_item_at(const struct story *st, size_t block, size_t start, size_t end,
    enum item_kind kind)
{
	const struct block *b;
	size_t i;

	if (block >= st->nblocks)
		return NONE;
	b = &st->blocks[block];
	for (i = b->first_item; i < b->first_item + b->nitems; i++)
		if (st->items[i].kind == kind && st->items[i].start == start &&
		    st->items[i].end == end)
			return i;
	return NONE;
}

/* The ids of a space-separated list, resolved to actors (claims when
 * `claims`) into a new array of the pool; none named twice. */
static bool
edit_resolve_list(struct story *st, const char *list, bool claims,
    const char *what, struct idx *out, char **why)
{
	char *copy = edit_dup_or_null(list), *tok, *save = NULL;
	size_t *v = NULL, n = 0, cap = 0, x, i;
	bool ok = true;

	out->v = NULL;
	out->n = 0;
	for (tok = copy ? strtok_r(copy, " \t\n", &save) : NULL;
	    tok != NULL && ok; tok = strtok_r(NULL, " \t\n", &save)) {
		x = claims ? edit_claim_by_id(st, tok) : story_find_actor(st,
		    tok);
		if (x == NONE)
			ok = edit_refuse(why, "%s: no %s '%s'", what,
			    claims ? "claim" : "actor", tok);
		for (i = 0; ok && i < n; i++)
			if (v[i] == x)
				ok = edit_refuse(why,
				    "id '%s' is listed twice in %s",
				    tok, what);
		if (ok) {
			v = xgrow(v, n, &cap, sizeof *v);
			v[n++] = x;
		}
	}
	if (ok && n > 0) {
		out->v = pool_array(&st->pool, n, sizeof *out->v);
		memcpy(out->v, v, n * sizeof *v);
		out->n = n;
	}
	free(v);
	free(copy);
	return ok;
}

/* The ids of x, as a file lists them; NULL for an empty list. */
static char *
edit_list_text(const struct story *st, const struct idx *x, bool claims)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, story_raw(st, claims ? st->claims[x->v[i]].id :
		    st->actors[x->v[i]].id));
	}
	return x->n > 0 ? buf_detach(&b) : NULL;
}

/* The attributes of item i, as edit_attrs (caller-owned strings). */
static void
edit_attrs_of(const struct story *st, size_t i, struct edit_attrs *a)
{
	const struct item *it = &st->items[i];

	memset(a, 0, sizeof *a);
	if (it->kind == ITEM_MENTION)
		a->actor = edit_raw_dup(st, st->actors[it->ref].id);
	else if (it->kind == ITEM_QUOTE) {
		a->id = edit_raw_dup(st, st->quotes[it->ref].id);
		a->speaker = edit_raw_dup(st,
		    st->actors[st->quotes[it->ref].speaker].id);
	} else if (it->kind == ITEM_CLAIM) {
		const struct claim *c = &st->claims[it->ref];

		a->id = edit_raw_dup(st, c->id);
		a->by = edit_list_text(st, &c->by, false);
		a->about = edit_list_text(st, &c->about, false);
		a->disputes = edit_list_text(st, &c->disputes, true);
		a->when = edit_raw_dup(st, c->when);
	} else {
		const struct related *r = &st->related[it->ref];

		a->actors = edit_list_text(st, &r->actors, false);
		a->href = edit_raw_dup(st, r->href);
	}
}

static void
edit_attrs_free(struct edit_attrs *a)
{
	free(a->actor);
	free(a->id);
	free(a->speaker);
	free(a->by);
	free(a->about);
	free(a->disputes);
	free(a->when);
	free(a->actors);
	free(a->href);
	memset(a, 0, sizeof *a);
}

static void
edit_attrs_copy(struct edit_attrs *dst, const struct edit_attrs *src)
{
	dst->actor = edit_dup_or_null(src->actor);
	dst->id = edit_dup_or_null(src->id);
	dst->speaker = edit_dup_or_null(src->speaker);
	dst->by = edit_dup_or_null(src->by);
	dst->about = edit_dup_or_null(src->about);
	dst->disputes = edit_dup_or_null(src->disputes);
	dst->when = edit_dup_or_null(src->when);
	dst->actors = edit_dup_or_null(src->actors);
	dst->href = edit_dup_or_null(src->href);
}

/* ---- an item's attributes, checked and resolved --------------------- */

/* What an item of a kind refers to, resolved: checked before anything
 * changes, then put in place. */
struct resolved {
	size_t		 actor;		/* mention: actor; quote: speaker */
	const char	*id;		/* claim, quote: a new string */
	struct idx	 by, about, disputes, actors;
	const char	*when;
	const char	*href;
};

/* `self`: the item's current id string (a change keeps it), or NULL. */
static bool
edit_resolve_attrs(struct story *st, enum item_kind kind,
    const struct edit_attrs *a, const char *self, struct resolved *r,
    char **why)
{
	const char *what = kind_words[kind];

	memset(r, 0, sizeof *r);
	r->actor = NONE;
	if (kind == ITEM_MENTION || kind == ITEM_QUOTE) {
		const char *who = kind == ITEM_MENTION ? a->actor : a->speaker;

		if (who == NULL)
			return edit_refuse(why, "a %s needs %s", what,
			    kind == ITEM_MENTION ? "an actor" : "a speaker");
		if ((r->actor = story_find_actor(st, who)) == NONE)
			return edit_refuse(why, "%s: no actor '%s'", what, who);
	}
	if (kind == ITEM_CLAIM || kind == ITEM_QUOTE) {
		if (!edit_id_ok(a->id))
			return edit_refuse(why,
			    "a %s needs an id: a letter or '_', "
			    "then letters, digits, '-', '_' or '.'", what);
		if (edit_id_taken(st, a->id, self))
			return edit_refuse(why, "the id '%s' is taken", a->id);
	}
	if (kind == ITEM_CLAIM &&
	    (!edit_resolve_list(st, a->by, false, "by", &r->by, why) ||
	    !edit_resolve_list(st, a->about, false, "about", &r->about, why) ||
	    !edit_resolve_list(st, a->disputes, true, "disputes", &r->disputes,
	    why) || !edit_when_ok(a->when, a->id, why)))
		return false;
	if (kind == ITEM_CLAIM && a->disputes != NULL && self != NULL &&
	    strstr(a->disputes, self) != NULL) {
		size_t i;

		for (i = 0; i < r->disputes.n; i++)
			if (st->claims[r->disputes.v[i]].id == self)
				return edit_refuse(why,
				    "claim '%s' cannot dispute "
				    "itself", self);
	}
	if (kind == ITEM_RELATED &&
	    (!edit_resolve_list(st, a->actors, false, "actors", &r->actors,
	    why) ||
	    (a->href != NULL && !edit_text_ok(a->href, true, "an href", why))))
		return false;
	return true;
}

/* Puts r in place for item i (whose kind's record exists). */
static void
edit_attrs_put(struct story *st, size_t i, const struct edit_attrs *a,
    const struct resolved *r)
{
	struct item *it = &st->items[i];

	if (it->kind == ITEM_MENTION)
		it->ref = r->actor;
	else if (it->kind == ITEM_QUOTE) {
		st->quotes[it->ref].speaker = r->actor;
		st->quotes[it->ref].id = story_keep_str(st, a->id);
	} else if (it->kind == ITEM_CLAIM) {
		struct claim *c = &st->claims[it->ref];

		c->id = story_keep_str(st, a->id);
		c->by = r->by;
		c->about = r->about;
		c->disputes = r->disputes;
		c->when = story_keep_str(st, a->when);
	} else {
		st->related[it->ref].actors = r->actors;
		st->related[it->ref].href = story_keep_str(st, a->href);
	}
}

/* ---- spans ------------------------------------------------------------ */

/* Whether shown offset `off` of block b falls between characters of the
 * file's text: not inside a UTF-8 sequence, nor inside a placeholder
 * that stands for one character of the file. */
static bool
edit_boundary_ok(const struct story *st, const struct block *b, size_t off)
{
	const char *raw = story_raw(st, b->text);
	size_t r = 0, d = 0, rlen, next;
	struct buf tmp = BUF_INIT;
	long cp;

	if (off > b->len)
		return false;
	if (off == b->len || off == 0)
		return true;
	if (raw == b->text)
		return ((unsigned char)b->text[off] & 0xC0) != 0x80;
	rlen = strlen(raw);
	while (d < off && r < rlen) {
		cp = text_char_at(raw, rlen, r, &next);
		if (text_char_unsafe(cp)) {
			buf_truncate(&tmp, 0);
			text_sanitize_into(&tmp, raw + r, next - r);
			d += tmp.len;
		} else
			d += next - r;
		r = next;
	}
	buf_free(&tmp);
	return d == off;
}

/* The span [*start, *end) of a paragraph, trimmed to its words as the
 * format trims inline elements, checked. */
static bool
edit_span_ok(const struct story *st, size_t block, size_t *start, size_t *end,
    char **why)
{
	const struct block *b;

	if (block >= st->nblocks)
		return edit_refuse(why, "there is no block %zu", block + 1);
	b = &st->blocks[block];
	if (b->kind != BLOCK_PARAGRAPH)
		return edit_refuse(why,
		    "block %zu is a \"Read more\" item, not a "
		    "paragraph", block + 1);
	if (*start > *end || *end > b->len)
		return edit_refuse(why, "the span is not within paragraph %zu",
		    block + 1);
	while (*start < *end && b->text[*start] == ' ')
		(*start)++;
	while (*end > *start && b->text[*end - 1] == ' ')
		(*end)--;
	if (*start == *end)
		return edit_refuse(why, "the span holds no text");
	if (!edit_boundary_ok(st, b, *start) || !edit_boundary_ok(st, b, *end))
		return edit_refuse(why,
		    "the span does not begin and end between "
		    "characters");
	return true;
}

/* Where a new item of `kind` over [s, e) of block b goes: its parent
 * (NONE: the paragraph) and its position in the items, the first of
 * its children if it has any.  Refused when it would overlap an item
 * without nesting, or nest against the format's order. */
static bool
edit_span_place(const struct story *st, size_t block, size_t s, size_t e,
    enum item_kind kind, size_t *parentp, size_t *posp, char **why)
{
	const struct block *b = &st->blocks[block];
	size_t i, parent = NONE, pos = NONE, last = b->first_item + b->nitems;
	int rank = edit_kind_rank(kind);

	for (i = b->first_item; i < last; i++) {
		const struct item *it = &st->items[i];
		bool holds = it->start <= s && e <= it->end;
		bool inside = s <= it->start && it->end <= e;

		if (holds && inside && edit_kind_rank(it->kind) == rank)
			return edit_refuse(why, "that is a %s already",
			    kind_words[kind]);
		if (holds && (!inside || edit_kind_rank(it->kind) < rank)) {
			if (edit_kind_rank(it->kind) >= rank)
				return edit_refuse(why,
				    "a %s cannot be inside a %s",
				    kind_words[kind], kind_words[it->kind]);
			parent = i;
		} else if (inside) {
			if (edit_kind_rank(it->kind) <= rank)
				return edit_refuse(why, "a %s cannot hold a %s",
				    kind_words[kind], kind_words[it->kind]);
		} else if (it->end > s && it->start < e)
			return edit_refuse(why,
			    "the span overlaps a %s without "
			    "holding it or being inside it",
			    kind_words[it->kind]);
	}
	for (i = parent == NONE ? b->first_item : parent + 1; i < last; i++)
		if (st->items[i].start >= s && !(st->items[i].start == s &&
		    st->items[i].end >= e
		    && edit_kind_rank(st->items[i].kind) < rank)) {
			pos = i;
			break;
		}
	*parentp = parent;
	*posp = pos == NONE ? last : pos;
	return true;
}

/* ---- moving indices ------------------------------------------------- */

/* Every index into the items at or past `from` moves by delta (+1 or
 * -1). */
static void
edit_shift_items(struct story *st, size_t from, long delta)
{
	size_t i;

	for (i = 0; i < st->nitems; i++)
		if (st->items[i].parent != NONE && st->items[i].parent >= from)
			st->items[i].parent = (size_t)((long)st->items[i].parent +
			    delta);
	for (i = 0; i < st->nclaims; i++)
		if (st->claims[i].item >= from)
			st->claims[i].item = (size_t)((long)st->claims[i].item +
			    delta);
	for (i = 0; i < st->nquotes; i++)
		if (st->quotes[i].item >= from)
			st->quotes[i].item = (size_t)((long)st->quotes[i].item +
			    delta);
	for (i = 0; i < st->nrelated; i++)
		if (st->related[i].item >= from)
			st->related[i].item = (size_t)((long)st->related[i].item +
			    delta);
}

/* The blocks after `block` begin one item later (delta +1) or sooner. */
static void
edit_shift_blocks(struct story *st, size_t block, long delta)
{
	size_t i;

	for (i = block + 1; i < st->nblocks; i++)
		st->blocks[i].first_item = (size_t)
		    ((long)st->blocks[i].first_item + delta);
}

static void
edit_shift_idx(struct idx *x, size_t from, long delta)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->v[i] >= from)
			x->v[i] = (size_t)((long)x->v[i] + delta);
}

/* The items of `kind` that refer to records (claims or quotes) at or
 * past `from`, and the claims' disputes, move by delta. */
static void
edit_shift_records(struct story *st, enum item_kind kind, size_t from,
    long delta)
{
	size_t i;

	for (i = 0; i < st->nitems; i++)
		if (st->items[i].kind == kind && st->items[i].ref >= from)
			st->items[i].ref = (size_t)((long)st->items[i].ref +
			    delta);
	if (kind == ITEM_CLAIM)
		for (i = 0; i < st->nclaims; i++)
			edit_shift_idx(&st->claims[i].disputes, from, delta);
}

/* Every reference to an actor at or past `from` moves by delta. */
static void
edit_shift_actors(struct story *st, size_t from, long delta)
{
	size_t i;

	for (i = 0; i < st->nitems; i++)
		if (st->items[i].kind == ITEM_MENTION && st->items[i].ref >= from)
			st->items[i].ref = (size_t)((long)st->items[i].ref +
			    delta);
	for (i = 0; i < st->nquotes; i++)
		if (st->quotes[i].speaker >= from)
			st->quotes[i].speaker = (size_t)
			    ((long)st->quotes[i].speaker + delta);
	for (i = 0; i < st->nclaims; i++) {
		edit_shift_idx(&st->claims[i].by, from, delta);
		edit_shift_idx(&st->claims[i].about, from, delta);
	}
	for (i = 0; i < st->nrelated; i++)
		edit_shift_idx(&st->related[i].actors, from, delta);
	for (i = 0; i < st->nactors; i++)
		if (st->actors[i].parent != NONE && st->actors[i].parent >= from)
			st->actors[i].parent = (size_t)
			    ((long)st->actors[i].parent + delta);
}

/* The number of records (claims or quotes) whose item comes before
 * item `pos`: where a new one at pos goes, in reading order. */
static size_t
edit_record_pos(const struct story *st, enum item_kind kind, size_t pos)
{
	size_t i, n = 0;

	if (kind == ITEM_CLAIM) {
		for (i = 0; i < st->nclaims; i++)
			n += st->claims[i].item < pos;
	} else
		for (i = 0; i < st->nquotes; i++)
			n += st->quotes[i].item < pos;
	return n;
}

/* ---- items ------------------------------------------------------------ */

static bool
edit_item_add(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	size_t s = e->start, t = e->end, parent = NONE, pos = NONE, rec = NONE;
	size_t i;
	struct resolved r;
	struct item *it;

	if (e->kind == ITEM_RELATED)
		return edit_refuse(why,
		    "a \"Read more\" item is a block: it cannot "
		    "be added over a span");
	if (!edit_span_ok(st, e->block, &s, &t, why) ||
	    !edit_span_place(st, e->block, s, t, e->kind, &parent, &pos, why) ||
	    !edit_resolve_attrs(st, e->kind, &e->attrs, NULL, &r, why))
		return false;
	/* The children of the new item: its parent's, inside its span. */
	st->items = xreallocarray(st->items, st->nitems + 1, sizeof *st->items);
	edit_shift_items(st, pos, 1);
	memmove(&st->items[pos + 1], &st->items[pos],
	    (st->nitems - pos) * sizeof *st->items);
	st->nitems++;
	st->blocks[e->block].nitems++;
	edit_shift_blocks(st, e->block, 1);
	for (i = pos + 1; i < st->blocks[e->block].first_item +
	    st->blocks[e->block].nitems; i++)
		if (st->items[i].parent == parent && st->items[i].start >= s &&
		    st->items[i].end <= t)
			st->items[i].parent = pos;
	it = &st->items[pos];
	memset(it, 0, sizeof *it);
	it->kind = e->kind;
	it->block = (uint32_t)e->block;
	it->start = s;
	it->end = t;
	it->parent = parent;
	it->ref = NONE;
	if (e->kind == ITEM_CLAIM) {
		rec = edit_record_pos(st, ITEM_CLAIM, pos);
		st->claims = xreallocarray(st->claims, st->nclaims + 1,
		    sizeof *st->claims);
		edit_shift_records(st, ITEM_CLAIM, rec, 1);
		memmove(&st->claims[rec + 1], &st->claims[rec],
		    (st->nclaims - rec) * sizeof *st->claims);
		st->nclaims++;
		memset(&st->claims[rec], 0, sizeof *st->claims);
		st->claims[rec].item = pos;
		/* The lists resolved before the claims moved. */
		edit_shift_idx(&r.disputes, rec, 1);
	} else if (e->kind == ITEM_QUOTE) {
		rec = edit_record_pos(st, ITEM_QUOTE, pos);
		st->quotes = xreallocarray(st->quotes, st->nquotes + 1,
		    sizeof *st->quotes);
		edit_shift_records(st, ITEM_QUOTE, rec, 1);
		memmove(&st->quotes[rec + 1], &st->quotes[rec],
		    (st->nquotes - rec) * sizeof *st->quotes);
		st->nquotes++;
		memset(&st->quotes[rec], 0, sizeof *st->quotes);
		st->quotes[rec].item = pos;
		st->quotes[rec].claim = NONE;
	}
	it->ref = rec;
	edit_attrs_put(st, pos, &e->attrs, &r);
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ITEM_REMOVE;
		inv->block = e->block;
		inv->start = s;
		inv->end = t;
		inv->kind = e->kind;
	}
	return true;
}

static bool
edit_item_remove(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	size_t pos = edit_item_at(st, e->block, e->start, e->end, e->kind), i;
	size_t parent, rec;
	enum item_kind kind = e->kind;

	if (pos == NONE)
		return edit_refuse(why, "there is no %s there",
		    kind_words[e->kind]);
	if (kind == ITEM_RELATED)
		return edit_refuse(why,
		    "a \"Read more\" item is a block of its "
		    "own: it cannot be unmarked");
	rec = st->items[pos].ref;
	if (kind == ITEM_CLAIM)
		for (i = 0; i < st->nclaims; i++) {
			size_t k;

			for (k = 0; k < st->claims[i].disputes.n; k++)
				if (st->claims[i].disputes.v[k] == rec)
					return edit_refuse(why, "claim '%s' is "
					    "disputed by claim '%s'",
					    st->claims[rec].id,
					    st->claims[i].id);
		}
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ITEM_ADD;
		inv->block = e->block;
		inv->start = e->start;
		inv->end = e->end;
		inv->kind = kind;
		edit_attrs_of(st, pos, &inv->attrs);
	}
	parent = st->items[pos].parent;
	for (i = 0; i < st->nitems; i++)
		if (st->items[i].parent == pos)
			st->items[i].parent = parent;
	if (kind == ITEM_CLAIM) {
		memmove(&st->claims[rec], &st->claims[rec + 1],
		    (st->nclaims - rec - 1) * sizeof *st->claims);
		st->nclaims--;
		edit_shift_records(st, ITEM_CLAIM, rec + 1, -1);
	} else if (kind == ITEM_QUOTE) {
		memmove(&st->quotes[rec], &st->quotes[rec + 1],
		    (st->nquotes - rec - 1) * sizeof *st->quotes);
		st->nquotes--;
		edit_shift_records(st, ITEM_QUOTE, rec + 1, -1);
	}
	memmove(&st->items[pos], &st->items[pos + 1],
	    (st->nitems - pos - 1) * sizeof *st->items);
	st->nitems--;
	st->blocks[e->block].nitems--;
	edit_shift_blocks(st, e->block, -1);
	edit_shift_items(st, pos + 1, -1);
	return true;
}

static bool
edit_item_set(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	size_t pos = edit_item_at(st, e->block, e->start, e->end, e->kind);
	const char *self = NULL;
	struct resolved r;
	struct edit_attrs old;

	if (pos == NONE)
		return edit_refuse(why, "there is no %s there",
		    kind_words[e->kind]);
	if (e->kind == ITEM_CLAIM)
		self = st->claims[st->items[pos].ref].id;
	else if (e->kind == ITEM_QUOTE)
		self = st->quotes[st->items[pos].ref].id;
	if (!edit_resolve_attrs(st, e->kind, &e->attrs, self, &r, why))
		return false;
	edit_attrs_of(st, pos, &old);
	edit_attrs_put(st, pos, &e->attrs, &r);
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ITEM_SET;
		inv->block = e->block;
		inv->start = e->start;
		inv->end = e->end;
		inv->kind = e->kind;
		inv->attrs = old;
	} else
		edit_attrs_free(&old);
	return true;
}

/* ---- actors ----------------------------------------------------------- */

static void
edit_actor_data_free(struct edit_actor *a)
{
	size_t i;

	free(a->id);
	free(a->name);
	for (i = 0; i < a->naliases; i++)
		free(a->aliases[i]);
	free(a->aliases);
	free(a->note);
	free(a->member_of);
	free(a->same_as);
	memset(a, 0, sizeof *a);
}

static void
edit_actor_data_copy(struct edit_actor *dst, const struct edit_actor *src)
{
	size_t i;

	dst->id = edit_dup_or_null(src->id);
	dst->kind = src->kind;
	dst->name = edit_dup_or_null(src->name);
	dst->naliases = src->naliases;
	dst->aliases = xcalloc(src->naliases + 1, sizeof *dst->aliases);
	for (i = 0; i < src->naliases; i++)
		dst->aliases[i] = xstrdup(src->aliases[i]);
	dst->note = edit_dup_or_null(src->note);
	dst->member_of = edit_dup_or_null(src->member_of);
	dst->same_as = edit_dup_or_null(src->same_as);
}

/* Actor i as edit_actor (caller-owned strings). */
static void
edit_actor_data_of(const struct story *st, size_t i, struct edit_actor *a)
{
	const struct actor *x = &st->actors[i];
	size_t k;

	memset(a, 0, sizeof *a);
	a->id = edit_raw_dup(st, x->id);
	a->kind = x->kind;
	a->name = edit_raw_dup(st, x->name);
	a->naliases = x->naliases;
	a->aliases = xcalloc(x->naliases + 1, sizeof *a->aliases);
	for (k = 0; k < x->naliases; k++)
		a->aliases[k] = edit_raw_dup(st, x->aliases[k]);
	a->note = edit_raw_dup(st, x->note);
	a->member_of = x->parent != NONE ?
	    edit_raw_dup(st, st->actors[x->parent].id) : NULL;
	a->same_as = edit_raw_dup(st, x->same_as);
}

/* The fields of a (all but the id) checked; *parent resolved.  `self`:
 * the actor being changed, NONE for a new one. */
static bool
edit_actor_fields_ok(const struct story *st, const struct edit_actor *a,
    size_t self, size_t *parent, char **why)
{
	size_t i, p;

	if (a->kind >= ACTOR_NKINDS)
		return edit_refuse(why, "actor '%s': not a kind", a->id);
	if (a->name == NULL || !edit_text_ok(a->name, true, "a name", why))
		return a->name == NULL ? edit_refuse(why,
		    "actor '%s' needs a name",
		    a->id) : false;
	for (i = 0; i < a->naliases; i++)
		if (!edit_text_ok(a->aliases[i], true, "an alias", why))
			return false;
	if (a->note != NULL && !edit_text_ok(a->note, false, "a note", why))
		return false;
	if (a->same_as != NULL && !edit_id_ok(a->same_as))
		return edit_refuse(why, "actor '%s': same-as must be an id",
		    a->id);
	*parent = NONE;
	if (a->member_of == NULL)
		return true;
	if ((*parent = story_find_actor(st, a->member_of)) == NONE)
		return edit_refuse(why, "actor '%s': member-of: no actor '%s'",
		    a->id, a->member_of);
	for (p = *parent; p != NONE; p = st->actors[p].parent)
		if (p == self)
			return edit_refuse(why,
			    "actor '%s' would be a member of "
			    "itself through member-of", a->id);
	return true;
}

static void
edit_actor_put(struct story *st, size_t i, const struct edit_actor *a,
    size_t parent)
{
	struct actor *x = &st->actors[i];
	size_t k;

	x->kind = a->kind;
	x->name = story_keep_str(st, a->name);
	free(x->aliases);
	x->aliases = xcalloc(a->naliases + 1, sizeof *x->aliases);
	for (k = 0; k < a->naliases; k++)
		x->aliases[k] = story_keep_str(st, a->aliases[k]);
	x->naliases = a->naliases;
	x->note = story_keep_str(st, a->note);
	x->same_as = story_keep_str(st, a->same_as);
	x->parent = parent;
}

static bool
edit_actor_add(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	const struct edit_actor *a = &e->actor;
	size_t at = e->index == NONE || e->index > st->nactors ?
	    st->nactors : e->index, parent;

	if (!edit_id_ok(a->id))
		return edit_refuse(why,
		    "an actor needs an id: a letter or '_', "
		    "then letters, digits, '-', '_' or '.'");
	if (edit_id_taken(st, a->id, NULL))
		return edit_refuse(why, "the id '%s' is taken", a->id);
	if (!edit_actor_fields_ok(st, a, NONE, &parent, why))
		return false;
	st->actors = xreallocarray(st->actors, st->nactors + 1,
	    sizeof *st->actors);
	edit_shift_actors(st, at, 1);
	if (parent != NONE && parent >= at)
		parent++;
	memmove(&st->actors[at + 1], &st->actors[at],
	    (st->nactors - at) * sizeof *st->actors);
	st->nactors++;
	memset(&st->actors[at], 0, sizeof *st->actors);
	st->actors[at].id = story_keep_str(st, a->id);
	edit_actor_put(st, at, a, parent);
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ACTOR_REMOVE;
		inv->actor.id = xstrdup(a->id);
	}
	return true;
}

/* Where an actor is referenced, for the refusal to remove it; NULL
 * when nowhere. */
static char *
edit_actor_used(const struct story *st, size_t a)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	for (i = 0; i < st->nitems && b.len == 0; i++)
		if (st->items[i].kind == ITEM_MENTION && st->items[i].ref == a)
			buf_printf(&b, "a mention in paragraph %u",
			    (unsigned)st->items[i].block + 1);
	for (i = 0; i < st->nquotes && b.len == 0; i++)
		if (st->quotes[i].speaker == a)
			buf_printf(&b, "quote '%s' is its", st->quotes[i].id);
	for (i = 0; i < st->nclaims && b.len == 0; i++)
		for (k = 0; k < st->claims[i].by.n + st->claims[i].about.n; k++)
			if ((k < st->claims[i].by.n ? st->claims[i].by.v[k] :
			    st->claims[i].about.v[k - st->claims[i].by.n]) == a) {
				buf_printf(&b, "claim '%s' names it",
				    st->claims[i].id);
				break;
			}
	for (i = 0; i < st->nrelated && b.len == 0; i++)
		for (k = 0; k < st->related[i].actors.n; k++)
			if (st->related[i].actors.v[k] == a) {
				buf_printf(&b, "\"Read more\" item '%s' names it",
				    st->related[i].id);
				break;
			}
	for (i = 0; i < st->nactors && b.len == 0; i++)
		if (st->actors[i].parent == a)
			buf_printf(&b, "actor '%s' is a member of it",
			    st->actors[i].id);
	return b.len > 0 ? buf_detach(&b) : NULL;
}

static bool
edit_actor_remove(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	size_t a = e->actor.id ? story_find_actor(st, e->actor.id) : NONE;
	char *used;

	if (a == NONE)
		return edit_refuse(why, "no actor '%s'", e->actor.id
		    ? e->actor.id :
		    "");
	if ((used = edit_actor_used(st, a)) != NULL) {
		edit_refuse(why, "actor '%s' is referenced: %s", e->actor.id,
		    used);
		free(used);
		return false;
	}
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ACTOR_ADD;
		inv->index = a;
		edit_actor_data_of(st, a, &inv->actor);
	}
	free(st->actors[a].aliases);
	memmove(&st->actors[a], &st->actors[a + 1],
	    (st->nactors - a - 1) * sizeof *st->actors);
	st->nactors--;
	edit_shift_actors(st, a + 1, -1);
	return true;
}

static bool
edit_actor_set(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	size_t a = e->actor.id ? story_find_actor(st, e->actor.id) : NONE;
	size_t parent;
	struct edit_actor old;

	if (a == NONE)
		return edit_refuse(why, "no actor '%s'", e->actor.id
		    ? e->actor.id :
		    "");
	if (!edit_actor_fields_ok(st, &e->actor, a, &parent, why))
		return false;
	edit_actor_data_of(st, a, &old);
	edit_actor_put(st, a, &e->actor, parent);
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_ACTOR_SET;
		inv->actor = old;
	} else
		edit_actor_data_free(&old);
	return true;
}

/* ---- the head --------------------------------------------------------- */

static char **
edit_head_field(struct story *st, enum edit_head f)
{
	switch (f) {
	case EDIT_HEADLINE:	return &st->headline;
	case EDIT_DATELINE:	return &st->dateline;
	case EDIT_WHEN:		return &st->dateline_when;
	case EDIT_BYLINE:	return &st->byline;
	case EDIT_SOURCE:	return &st->source;
	case EDIT_LANG:		return &st->lang;
	}
	return &st->headline;
}

static bool
edit_head_set(struct story *st, const struct edit *e, struct edit *inv,
    char **why)
{
	char **field = edit_head_field(st, e->field);
	const char *v = e->value;

	if (e->field == EDIT_HEADLINE &&
	    (v == NULL || !edit_text_ok(v, true, "the headline", why)))
		return v == NULL ? edit_refuse(why,
		    "a story needs a headline") :
		    false;
	if (e->field == EDIT_WHEN && v != NULL &&
	    !edit_when_ok(v, "the dateline", why))
		return false;
	if (e->field == EDIT_WHEN && v != NULL && st->dateline == NULL)
		return edit_refuse(why, "a when needs a dateline");
	if (e->field == EDIT_DATELINE && v == NULL && st->dateline_when)
		return edit_refuse(why,
		    "the dateline has a when: remove it first");
	if (e->field == EDIT_LANG && v != NULL && !edit_id_ok(v) &&
	    strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-") != strlen(v))
		return edit_refuse(why, "'%s' is not a language tag", v);
	if (v != NULL && !edit_text_ok(v, false, "the head", why))
		return false;
	if (inv != NULL) {
		memset(inv, 0, sizeof *inv);
		inv->op = EDIT_HEAD_SET;
		inv->field = e->field;
		inv->value = edit_raw_dup(st, *field);
	}
	*field = story_keep_str(st, v);
	return true;
}

/* ---- applying ------------------------------------------------------- */

bool
edit_apply(struct story *st, const struct edit *e, struct edit *inverse,
    char **why)
{
	bool ok = false;

	if (why != NULL)
		*why = NULL;
	switch (e->op) {
	case EDIT_ITEM_ADD:	ok = edit_item_add(st, e, inverse, why); break;
	case EDIT_ITEM_REMOVE:	ok = edit_item_remove(st, e, inverse,
	    why); break;
	case EDIT_ITEM_SET:	ok = edit_item_set(st, e, inverse, why); break;
	case EDIT_ACTOR_ADD:	ok = edit_actor_add(st, e, inverse, why); break;
	case EDIT_ACTOR_REMOVE:	ok = edit_actor_remove(st, e, inverse, why); break;
	case EDIT_ACTOR_SET:	ok = edit_actor_set(st, e, inverse, why); break;
	case EDIT_HEAD_SET:	ok = edit_head_set(st, e, inverse, why); break;
	}
	if (ok)
		story_index(st);
	return ok;
}

bool
edits_apply(struct story *st, const struct edits *es, struct edits *inverse,
    char **why)
{
	struct edits undo = { NULL, 0, 0 };
	struct edit inv;
	size_t i;

	for (i = 0; i < es->n; i++) {
		if (!edit_apply(st, &es->v[i], &inv, why)) {
			while (undo.n > 0) {
				edit_apply(st, &undo.v[undo.n - 1], NULL, NULL);
				edit_free(&undo.v[--undo.n]);
			}
			edits_free(&undo);
			return false;
		}
		undo.v = xgrow(undo.v, undo.n, &undo.cap, sizeof *undo.v);
		undo.v[undo.n++] = inv;
	}
	if (inverse == NULL) {
		edits_free(&undo);
		return true;
	}
	/* The inverse undoes the last first. */
	memset(inverse, 0, sizeof *inverse);
	for (i = undo.n; i > 0; i--) {
		inverse->v = xgrow(inverse->v, inverse->n, &inverse->cap,
		    sizeof *inverse->v);
		inverse->v[inverse->n++] = undo.v[i - 1];
	}
	free(undo.v);
	return true;
}

void
edit_copy(struct edit *dst, const struct edit *src)
{
	*dst = *src;
	edit_attrs_copy(&dst->attrs, &src->attrs);
	edit_actor_data_copy(&dst->actor, &src->actor);
	dst->value = edit_dup_or_null(src->value);
}

void
edit_free(struct edit *e)
{
	edit_attrs_free(&e->attrs);
	edit_actor_data_free(&e->actor);
	free(e->value);
	e->value = NULL;
}

void
edits_push(struct edits *es, const struct edit *e)
{
	es->v = xgrow(es->v, es->n, &es->cap, sizeof *es->v);
	edit_copy(&es->v[es->n++], e);
}

void
edits_free(struct edits *es)
{
	size_t i;

	for (i = 0; i < es->n; i++)
		edit_free(&es->v[i]);
	free(es->v);
	es->v = NULL;
	es->n = es->cap = 0;
}

/* ---- merging actors ------------------------------------------------- */

/* list with every gone replaced by keep (once); NULL stays NULL. */
static char *
edit_list_replace(const struct story *st, const struct idx *x, size_t keep,
    size_t gone, bool *changed)
{
	struct buf b = BUF_INIT;
	size_t i, k;
	bool have_keep = false;

	for (i = 0; i < x->n; i++)
		have_keep |= x->v[i] == keep;
	for (i = 0; i < x->n; i++) {
		k = x->v[i];
		if (k == gone) {
			*changed = true;
			if (have_keep)
				continue;
			k = keep;
			have_keep = true;
		}
		if (b.len > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, story_raw(st, st->actors[k].id));
	}
	return b.len > 0 ? buf_detach(&b) : NULL;
}

/* The change of item i's attributes that names keep for gone. */
static void
edit_merge_item(const struct story *st, size_t i, size_t keep, size_t gone,
    struct edits *out)
{
	const struct item *it = &st->items[i];
	struct edit e;
	bool changed = false;
	char *l;

	memset(&e, 0, sizeof e);
	e.op = EDIT_ITEM_SET;
	e.block = it->block;
	e.start = it->start;
	e.end = it->end;
	e.kind = it->kind;
	edit_attrs_of(st, i, &e.attrs);
	if (it->kind == ITEM_MENTION && it->ref == gone)
		changed = true;
	if (it->kind == ITEM_QUOTE && st->quotes[it->ref].speaker == gone)
		changed = true;
	if (changed) {
		free(e.attrs.actor);
		free(e.attrs.speaker);
		e.attrs.actor = it->kind == ITEM_MENTION ?
		    edit_raw_dup(st, st->actors[keep].id) : NULL;
		e.attrs.speaker = it->kind == ITEM_QUOTE ?
		    edit_raw_dup(st, st->actors[keep].id) : NULL;
	}
	if (it->kind == ITEM_CLAIM) {
		l = edit_list_replace(st, &st->claims[it->ref].by, keep, gone,
		    &changed);
		free(e.attrs.by);
		e.attrs.by = l;
		l = edit_list_replace(st, &st->claims[it->ref].about, keep,
		    gone,
		    &changed);
		free(e.attrs.about);
		e.attrs.about = l;
	}
	if (it->kind == ITEM_RELATED) {
		l = edit_list_replace(st, &st->related[it->ref].actors, keep,
		    gone,
		    &changed);
		free(e.attrs.actors);
		e.attrs.actors = l;
	}
	if (changed)
		edits_push(out, &e);
	edit_free(&e);
}

bool
edit_merge_actors(const struct story *st, const char *keep_id,
    const char *gone_id, struct edits *out, char **why)
{
	size_t keep = story_find_actor(st, keep_id);
	size_t gone = story_find_actor(st, gone_id), i, k;
	struct edit e;

	if (why != NULL)
		*why = NULL;
	if (keep == NONE || gone == NONE)
		return edit_refuse(why, "no actor '%s'", keep == NONE
		    ? keep_id :
		    gone_id);
	if (keep == gone)
		return edit_refuse(why,
		    "an actor cannot be merged into itself");
	if (story_actor_within(st, keep, gone))
		return edit_refuse(why, "actor '%s' is a member of '%s'",
		    keep_id,
		    gone_id);
	memset(out, 0, sizeof *out);
	for (i = 0; i < st->nitems; i++)
		edit_merge_item(st, i, keep, gone, out);
	/* Gone's members become keep's. */
	for (i = 0; i < st->nactors; i++)
		if (st->actors[i].parent == gone) {
			memset(&e, 0, sizeof e);
			e.op = EDIT_ACTOR_SET;
			edit_actor_data_of(st, i, &e.actor);
			free(e.actor.member_of);
			e.actor.member_of = edit_raw_dup(st,
			    st->actors[keep].id);
			edits_push(out, &e);
			edit_free(&e);
		}
	memset(&e, 0, sizeof e);
	e.op = EDIT_ACTOR_SET;
	edit_actor_data_of(st, keep, &e.actor);
	e.actor.aliases = xreallocarray(e.actor.aliases, e.actor.naliases +
	    st->actors[gone].naliases + 2, sizeof *e.actor.aliases);
	e.actor.aliases[e.actor.naliases++] = edit_raw_dup(st,
	    st->actors[gone].name);
	for (k = 0; k < st->actors[gone].naliases; k++)
		e.actor.aliases[e.actor.naliases++] = edit_raw_dup(st,
		    st->actors[gone].aliases[k]);
	edits_push(out, &e);
	edit_free(&e);
	memset(&e, 0, sizeof e);
	e.op = EDIT_ACTOR_REMOVE;
	e.actor.id = edit_raw_dup(st, st->actors[gone].id);
	edits_push(out, &e);
	edit_free(&e);
	return true;
}

/* ---- words for a status line ---------------------------------------- */

void
edit_item_of(const struct story *st, size_t item, struct edit *out)
{
	const struct item *it = &st->items[item];

	memset(out, 0, sizeof *out);
	out->op = EDIT_ITEM_SET;
	out->block = it->block;
	out->start = it->start;
	out->end = it->end;
	out->kind = it->kind;
	out->index = NONE;
	edit_attrs_of(st, item, &out->attrs);
}

void
edit_actor_of(const struct story *st, size_t actor, struct edit *out)
{
	memset(out, 0, sizeof *out);
	out->op = EDIT_ACTOR_SET;
	out->index = NONE;
	edit_actor_data_of(st, actor, &out->actor);
}

void
edit_describe(const struct edit *e, struct buf *out)
{
	switch (e->op) {
	case EDIT_ITEM_ADD:
	case EDIT_ITEM_REMOVE:
	case EDIT_ITEM_SET:
		buf_printf(out, "%s a %s in paragraph %zu",
		    e->op == EDIT_ITEM_ADD ? "add" : e->op == EDIT_ITEM_REMOVE ?
		    "remove" : "change", kind_words[e->kind], e->block + 1);
		break;
	case EDIT_ACTOR_ADD:
		buf_printf(out, "add actor '%s'", e->actor.id);
		break;
	case EDIT_ACTOR_REMOVE:
		buf_printf(out, "remove actor '%s'", e->actor.id);
		break;
	case EDIT_ACTOR_SET:
		buf_printf(out, "change actor '%s'", e->actor.id);
		break;
	case EDIT_HEAD_SET:
		buf_puts(out, "change the head");
		break;
	}
}
