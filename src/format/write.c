/* write.c - a story written back as format version 1 (write.h). */
#include "config.h"

#include "format/write.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"

#define FLUSH_AT	(64 * 1024)
#define INDENT_BLOCK	"    "
#define INDENT_WRAP	"      "	/* a paragraph's continuation lines */
#define INDENT_ACTOR	"      "	/* an actor's name, aliases and note */

/* Where comments are written, in the order of the file (story.h). */
enum section {
	SEC_PROLOG, SEC_STORY0, SEC_HEAD, SEC_STORY1, SEC_ACTORS,
	SEC_STORY2, SEC_BODY, SEC_STORY3, SEC_EPILOG
};

struct writer {
	const struct story	*st;
	struct buf		*out;
	FILE			*fp;	/* NULL: everything stays in out */
	int			 err;	/* errno of the first failed write */
	size_t			*order;	/* comments, in the order written */
	size_t			 next;	/* the next of them to write */
	size_t			 col;	/* code points on the current line */
	struct buf		 tmp;
};

/* ---- output --------------------------------------------------------- */

static void
write_w_flush(struct writer *w, bool all)
{
	if (w->fp == NULL || (!all && w->out->len < FLUSH_AT))
		return;
	if (w->err == 0 && w->out->len > 0 &&
	    fwrite(w->out->data, 1, w->out->len, w->fp) != w->out->len)
		w->err = errno ? errno : EIO;
	buf_truncate(w->out, 0);
}

static void
write_w_put(struct writer *w, const char *s, size_t n)
{
	size_t i;

	buf_append(w->out, s, n);
	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			w->col = 0;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			w->col++;
}

static void
write_w_str(struct writer *w, const char *s)
{
	write_w_put(w, s, strlen(s));
}

/* s[0..len), the file's characters, escaped for text (attr false) or
 * for an attribute value in double quotes. */
static void
write_w_escaped(struct writer *w, const char *s, size_t len, bool attr)
{
	size_t i = 0, run = 0, next;
	long cp;
	char ref[24];

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;

		if (c >= 0x20 && c < 0x7F) {
			if (c == '&')
				esc = "&amp;";
			else if (c == '<')
				esc = "&lt;";
			else if (c == '>')
				esc = "&gt;";
			else if (c == '"' && attr)
				esc = "&quot;";
			next = i + 1;
		} else {
			cp = text_char_at(s, len, i, &next);
			/* A bad unit, U+FFFE and U+FFFF cannot come from a
			 * file (XML has no such characters): U+FFFD stands
			 * for them. */
			if (cp < 0 || cp == 0xFFFE || cp == 0xFFFF)
				esc = "\xEF\xBF\xBD";
			else if (cp < 0x20) {
				/* Not even a reference may name these in
				 * XML 1.0: their Control Pictures. */
				ref[0] = (char)0xE2;
				ref[1] = (char)0x90;
				ref[2] = (char)(0x80 + cp);
				ref[3] = '\0';
				esc = ref;
			} else if (text_char_unsafe(cp)) {
				snprintf(ref, sizeof ref, "&#x%lX;", cp);
				esc = ref;
			}
		}
		if (esc != NULL) {
			write_w_put(w, s + run, i - run);
			write_w_str(w, esc);
			run = next;
		}
		i = next;
	}
	write_w_put(w, s + run, len - run);
}

static void
write_w_text(struct writer *w, const char *shown)
{
	const char *raw = story_raw(w->st, shown);

	write_w_escaped(w, raw, strlen(raw), false);
}

/* ` name="value"`, the value the file's form of a string of the story;
 * nothing when it is NULL. */
static void
write_w_attr(struct writer *w, const char *name, const char *shown)
{
	const char *raw;

	if (shown == NULL)
		return;
	raw = story_raw(w->st, shown);
	write_w_str(w, " ");
	write_w_str(w, name);
	write_w_str(w, "=\"");
	write_w_escaped(w, raw, strlen(raw), true);
	write_w_str(w, "\"");
}

/* ` name="id id..."`: the ids of actors (claims when claims is true);
 * nothing when the list is empty. */
static void
write_w_ids(struct writer *w, const char *name, const struct idx *x,
    bool claims)
{
	size_t i;
	const char *id, *raw;

	if (x->n == 0)
		return;
	write_w_str(w, " ");
	write_w_str(w, name);
	write_w_str(w, "=\"");
	for (i = 0; i < x->n; i++) {
		id = claims ? w->st->claims[x->v[i]].id :
		    w->st->actors[x->v[i]].id;
		raw = story_raw(w->st, id);
		if (i > 0)
			write_w_str(w, " ");
		write_w_escaped(w, raw, strlen(raw), true);
	}
	write_w_str(w, "\"");
}

/* <name attr="value">text</name> on a line of its own; no attribute
 * where value is NULL (attr may then be NULL too). */
static void
write_w_element_line(struct writer *w, const char *indent, const char *name,
    const char *attr, const char *value, const char *text)
{
	write_w_str(w, indent);
	write_w_str(w, "<");
	write_w_str(w, name);
	write_w_attr(w, attr, value);
	write_w_str(w, ">");
	write_w_text(w, text);
	write_w_str(w, "</");
	write_w_str(w, name);
	write_w_str(w, ">\n");
}

/* ---- comments ------------------------------------------------------- */

static size_t
write_comment_section(const struct comment *c)
{
	switch (c->place) {
	case COMMENT_PROLOG:	return SEC_PROLOG;
	case COMMENT_HEAD:	return SEC_HEAD;
	case COMMENT_ACTORS:	return SEC_ACTORS;
	case COMMENT_BODY:	return SEC_BODY;
	case COMMENT_EPILOG:	return SEC_EPILOG;
	case COMMENT_STORY:
	default:
		return c->at == 0 ? SEC_STORY0 : c->at == 1 ? SEC_STORY1 :
		    c->at == 2 ? SEC_STORY2 : SEC_STORY3;
	}
}

/* qsort has no context: each comment's key travels with its index. */
struct comment_key {
	size_t	section;
	size_t	at;
	size_t	i;
};

static int
write_comment_key_cmp(const void *a, const void *b)
{
	const struct comment_key *x = a, *y = b;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The comments in the order they are written: by section and place,
 * and in file order at one place. */
static size_t *
write_comment_order(const struct story *st)
{
	struct comment_key *k = xcalloc(st->ncomments, sizeof *k);
	size_t *order = xcalloc(st->ncomments, sizeof *order), i;

	for (i = 0; i < st->ncomments; i++) {
		k[i].section = write_comment_section(&st->comments[i]);
		k[i].at = st->comments[i].place == COMMENT_STORY ? 0 :
		    st->comments[i].at;
		k[i].i = i;
	}
	qsort(k, st->ncomments, sizeof *k, write_comment_key_cmp);
	for (i = 0; i < st->ncomments; i++)
		order[i] = k[i].i;
	free(k);
	return order;
}

/* Every comment not yet written that stands in `section` at a place up
 * to `at` (SIZE_MAX: anywhere in it), or in an earlier section. */
static void
write_w_comments(struct writer *w, size_t section, size_t at,
    const char *indent)
{
	const struct story *st = w->st;

	while (w->next < st->ncomments) {
		const struct comment *c = &st->comments[w->order[w->next]];
		size_t sec = write_comment_section(c);
		size_t cat = c->place == COMMENT_STORY ? 0 : c->at;

		if (sec > section || (sec == section && cat > at))
			break;
		write_w_str(w, indent);
		write_w_str(w, "<!--");
		write_w_str(w, c->text);
		write_w_str(w, "-->\n");
		w->next++;
	}
}

/* Whether a comment stands in the section. */
static bool
write_has_comments(const struct story *st, size_t section)
{
	size_t i;

	for (i = 0; i < st->ncomments; i++)
		if (write_comment_section(&st->comments[i]) == section)
			return true;
	return false;
}

/* ---- the head and the actors --------------------------------------- */

static void
write_w_head(struct writer *w)
{
	const struct story *st = w->st;
	const char *ind = INDENT_BLOCK;
	size_t at = 0;

	write_w_str(w, "  <head>\n");
	write_w_comments(w, SEC_HEAD, at++, ind);
	write_w_element_line(w, ind, "headline", NULL, NULL, st->headline);
	if (st->dateline != NULL) {
		write_w_comments(w, SEC_HEAD, at++, ind);
		write_w_element_line(w, ind, "dateline", "when",
		    st->dateline_when, st->dateline);
	}
	if (st->byline != NULL) {
		write_w_comments(w, SEC_HEAD, at++, ind);
		write_w_element_line(w, ind, "byline", NULL, NULL, st->byline);
	}
	if (st->source != NULL) {
		write_w_comments(w, SEC_HEAD, at++, ind);
		write_w_element_line(w, ind, "source", "url", st->source_url,
		    st->source);
	}
	write_w_comments(w, SEC_HEAD, (size_t)-1, ind);
	write_w_str(w, "  </head>\n");
}

static void
write_w_actor(struct writer *w, const struct actor *a)
{
	const struct story *st = w->st;
	size_t i;

	write_w_str(w, INDENT_BLOCK "<actor");
	write_w_attr(w, "id", a->id);
	write_w_attr(w, "kind", story_actor_kind_name(a->kind));
	if (a->parent != NONE)
		write_w_attr(w, "member-of", st->actors[a->parent].id);
	if (a->same_as != NULL)
		write_w_attr(w, "same-as", a->same_as);
	write_w_str(w, ">\n");
	write_w_element_line(w, INDENT_ACTOR, "name", NULL, NULL, a->name);
	for (i = 0; i < a->naliases; i++)
		write_w_element_line(w, INDENT_ACTOR, "alias", NULL, NULL,
		    a->aliases[i]);
	if (a->note != NULL)
		write_w_element_line(w, INDENT_ACTOR, "note", NULL, NULL,
		    a->note);
	write_w_str(w, INDENT_BLOCK "</actor>\n");
}

static void
write_w_actors(struct writer *w)
{
	const struct story *st = w->st;
	size_t i;

	/* <actors> may be left out; written when it holds anything, so
	 * that what stood in or after it stays there. */
	if (st->nactors == 0 && !write_has_comments(st, SEC_ACTORS) &&
	    !write_has_comments(st, SEC_STORY2))
		return;
	write_w_str(w, "  <actors>\n");
	for (i = 0; i < st->nactors; i++) {
		write_w_comments(w, SEC_ACTORS, i, INDENT_BLOCK);
		write_w_actor(w, &st->actors[i]);
		write_w_flush(w, false);
	}
	write_w_comments(w, SEC_ACTORS, (size_t)-1, INDENT_BLOCK);
	write_w_str(w, "  </actors>\n");
}

/* ---- the body ------------------------------------------------------- */

/* A block's text, shown as the model has it, written as the file's: a
 * cursor that maps offsets of the shown text to the file's text. */
struct tcur {
	const char	*shown;
	const char	*raw;		/* == shown when they are the same */
	size_t		 rawlen;
	size_t		 d;		/* offset in the shown text */
	size_t		 r;		/* the same place in raw */
};

/* Moves the cursor to offset `to` of the shown text, which is past it
 * and falls between characters of the file's text. */
static void
write_tcur_advance(struct writer *w, struct tcur *t, size_t to)
{
	size_t next;
	long cp;

	if (t->raw == t->shown) {
		t->d = t->r = to;
		return;
	}
	while (t->d < to && t->r < t->rawlen) {
		cp = text_char_at(t->raw, t->rawlen, t->r, &next);
		if (text_char_unsafe(cp)) {
			buf_truncate(&w->tmp, 0);
			text_sanitize_into(&w->tmp, t->raw + t->r, next - t->r);
			t->d += w->tmp.len;
		} else
			t->d += next - t->r;
		t->r = next;
	}
}

/* The block's text up to shown offset `to`, broken into lines at
 * spaces in paragraphs. */
static void
write_w_block_text(struct writer *w, struct tcur *t, size_t to, bool wrap)
{
	size_t from = t->r, i, word;

	write_tcur_advance(w, t, to);
	if (!wrap) {
		write_w_escaped(w, t->raw + from, t->r - from, false);
		return;
	}
	for (i = from; i < t->r; i++) {
		if (t->raw[i] != ' ')
			continue;
		write_w_escaped(w, t->raw + from, i - from, false);
		for (word = i + 1; word < t->rawlen && t->raw[word] != ' ';
		    word++)
			;
		if (w->col + (word - i) > WRITE_WIDTH)
			write_w_str(w, "\n" INDENT_WRAP);
		else
			write_w_str(w, " ");
		from = i + 1;
	}
	write_w_escaped(w, t->raw + from, t->r - from, false);
}

static const char *const item_tags[ITEM_NKINDS] = {
	"mention", "claim", "quote", "related",
};

static void
write_w_open_item(struct writer *w, const struct item *it)
{
	const struct story *st = w->st;

	write_w_str(w, "<");
	write_w_str(w, item_tags[it->kind]);
	if (it->kind == ITEM_MENTION)
		write_w_attr(w, "actor", st->actors[it->ref].id);
	else if (it->kind == ITEM_CLAIM) {
		const struct claim *c = &st->claims[it->ref];

		write_w_attr(w, "id", c->id);
		write_w_ids(w, "by", &c->by, false);
		write_w_ids(w, "about", &c->about, false);
		write_w_ids(w, "disputes", &c->disputes, true);
		write_w_attr(w, "when", c->when);
	} else if (it->kind == ITEM_QUOTE) {
		const struct quote *q = &st->quotes[it->ref];

		write_w_attr(w, "id", q->id);
		write_w_attr(w, "speaker", st->actors[q->speaker].id);
	}
	write_w_str(w, ">");
}

static void
write_w_close_item(struct writer *w, const struct item *it)
{
	write_w_str(w, "</");
	write_w_str(w, item_tags[it->kind]);
	write_w_str(w, ">");
}

/* A paragraph's text with its items, which are in reading order: each
 * one's parent is open when it starts, so the open ones are a stack. */
static void
write_w_paragraph_text(struct writer *w, const struct block *b, struct tcur *t)
{
	const struct story *st = w->st;
	size_t *open = NULL, nopen = 0, cap = 0, i;

	for (i = b->first_item; i < b->first_item + b->nitems; i++) {
		const struct item *it = &st->items[i];

		while (nopen > 0 && open[nopen - 1] != it->parent) {
			const struct item *o = &st->items[open[--nopen]];

			write_w_block_text(w, t, o->end, true);
			write_w_close_item(w, o);
		}
		write_w_block_text(w, t, it->start, true);
		write_w_open_item(w, it);
		open = xgrow(open, nopen, &cap, sizeof *open);
		open[nopen++] = i;
	}
	while (nopen > 0) {
		const struct item *o = &st->items[open[--nopen]];

		write_w_block_text(w, t, o->end, true);
		write_w_close_item(w, o);
	}
	write_w_block_text(w, t, b->len, true);
	free(open);
}

static void
write_w_block(struct writer *w, const struct block *b)
{
	const struct story *st = w->st;
	struct tcur t;

	t.shown = b->text;
	t.raw = story_raw(st, b->text);
	t.rawlen = t.raw == t.shown ? b->len : strlen(t.raw);
	t.d = t.r = 0;
	write_w_str(w, INDENT_BLOCK);
	if (b->kind == BLOCK_RELATED) {
		const struct related *r = &st->related[b->related];

		write_w_str(w, "<related");
		write_w_attr(w, "id", r->id);
		write_w_ids(w, "actors", &r->actors, false);
		write_w_attr(w, "href", r->href);
		write_w_attr(w, "url", r->url);
		write_w_str(w, ">");
		write_w_block_text(w, &t, b->len, false);
		write_w_str(w, "</related>\n");
		return;
	}
	write_w_str(w, "<p");
	write_w_attr(w, "id", b->id);
	write_w_str(w, ">");
	write_w_paragraph_text(w, b, &t);
	write_w_str(w, "</p>\n");
}

static void
write_w_body(struct writer *w)
{
	const struct story *st = w->st;
	size_t i;

	write_w_str(w, "  <body>\n");
	for (i = 0; i < st->nblocks; i++) {
		write_w_comments(w, SEC_BODY, i, INDENT_BLOCK);
		write_w_block(w, &st->blocks[i]);
		write_w_flush(w, false);
	}
	write_w_comments(w, SEC_BODY, (size_t)-1, INDENT_BLOCK);
	write_w_str(w, "  </body>\n");
}

/* ---- the story ------------------------------------------------------ */

static void
write_w_story(struct writer *w)
{
	const struct story *st = w->st;

	w->order = write_comment_order(st);
	write_w_str(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	write_w_comments(w, SEC_PROLOG, (size_t)-1, "");
	write_w_str(w, "<story version=\"1\"");
	write_w_attr(w, "xml:lang", st->lang);
	write_w_str(w, ">\n");
	write_w_comments(w, SEC_STORY0, (size_t)-1, "  ");
	write_w_head(w);
	write_w_comments(w, SEC_STORY1, (size_t)-1, "  ");
	write_w_actors(w);
	write_w_comments(w, SEC_STORY2, (size_t)-1, "  ");
	write_w_body(w);
	write_w_comments(w, SEC_STORY3, (size_t)-1, "  ");
	write_w_str(w, "</story>\n");
	write_w_comments(w, SEC_EPILOG, (size_t)-1, "");
	free(w->order);
	buf_free(&w->tmp);
}

void
write_story_buf(const struct story *st, struct buf *out)
{
	struct writer w;

	memset(&w, 0, sizeof w);
	w.st = st;
	w.out = out;
	write_w_story(&w);
}

int
write_story_file(const struct story *st, FILE *fp)
{
	struct writer w;
	struct buf out = BUF_INIT;

	memset(&w, 0, sizeof w);
	w.st = st;
	w.out = &out;
	w.fp = fp;
	write_w_story(&w);
	write_w_flush(&w, true);
	buf_free(&out);
	if (w.err == 0 && fflush(fp) != 0)
		w.err = errno ? errno : EIO;
	errno = w.err;
	return w.err == 0 ? 0 : -1;
}
