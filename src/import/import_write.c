/* import_write.c - the imported article as story XML.
 *
 * The layout follows the shipped stories: two spaces of indent, one
 * block (paragraph or related item) per line, inline elements in the
 * line.  Text is escaped (&amp; &lt; &gt;, and &quot; in attributes);
 * it is already valid UTF-8 with no control characters.  Spans that
 * would overlap without nesting, or nest in a way the format forbids,
 * are left out here, so that what is written is always well-formed;
 * the caller still loads it back to be sure.
 *
 * Only the actors the story refers to are written, with every actor
 * they are members of.  Actors from the gazetteer keep their ids;
 * the others get one made from their name ("brandon-lewis"). */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "base/xmalloc.h"

#define ID_MAX	32	/* bytes of an id made from a name */

struct writer {
	struct idoc	*doc;
	struct buf	 out;
	struct strmap	*ids;		/* every id given */
	char		**claim_ids;	/* by claim, once written */
	char		**quote_ids;
	size_t		 nq, nc, np, nr;
};

static void
put_text(struct buf *b, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		default: break;
		}
		if (rep == NULL)
			continue;
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, len - run);
}

static void
put_attr(struct buf *b, const char *name, const char *value)
{
	size_t i, run = 0;

	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_append(b, "=\"", 2);
	for (i = 0; value[i] != '\0'; i++) {
		const char *rep = NULL;

		switch (value[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: break;
		}
		if (rep == NULL)
			continue;
		buf_append(b, value + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, value + run, i - run);
	buf_putc(b, '"');
}

static void
put_elem(struct buf *b, const char *indent, const char *name,
    const char *text)
{
	buf_printf(b, "%s<%s>", indent, name);
	put_text(b, text, strlen(text));
	buf_printf(b, "</%s>\n", name);
}

/* ---- ids ---------------------------------------------------------- */

static bool
id_taken(const struct writer *w, const char *id)
{
	return strmap_get(w->ids, id, strlen(id)) != NONE;
}

static void
id_reserve(struct writer *w, const char *id)
{
	strmap_put(w->ids, id, strlen(id), 1);
}

static char *
id_claim(struct writer *w, const char *id)
{
	id_reserve(w, id);
	return xstrdup(id);
}

/* "p7", "q3": the next free id with this prefix. */
static char *
id_next(struct writer *w, const char *prefix, size_t *counter)
{
	char id[32];

	do
		snprintf(id, sizeof id, "%s%zu", prefix, ++*counter);
	while (id_taken(w, id));
	return id_claim(w, id);
}

/* An id made from a name: ASCII letters and digits in lower case, the
 * words joined by '-', starting with a letter, and unique. */
static char *
id_from_name(struct writer *w, const char *name)
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
	while (id_taken(w, b.data)) {
		buf_truncate(&b, base);
		buf_printf(&b, "-%u", n++);
	}
	id = id_claim(w, b.data);
	buf_free(&b);
	return id;
}

/* ---- what was guessed --------------------------------------------- */

/* A guess, on standard error as a note and in the story as a comment
 * before the item, so that the user knows what to check. */
static void write_doubt(struct writer *, const char *indent,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
write_doubt(struct writer *w, const char *indent, unsigned long line,
    const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	doc_warn(w->doc, line, "note: guessed: %s", msg.data);
	/* "--" may not stand in a comment. */
	for (i = 0; i + 1 < msg.len; i++)
		if (msg.data[i] == '-' && msg.data[i + 1] == '-')
			msg.data[i + 1] = ' ';
	if (msg.len > 0 && msg.data[msg.len - 1] == '-')
		buf_putc(&msg, ' ');
	buf_printf(&w->out, "%s<!-- guessed: %s -->\n", indent, msg.data);
	buf_free(&msg);
}

/* ---- actors ------------------------------------------------------- */

static void
mark_used(struct idoc *doc, size_t a)
{
	size_t depth = 0;

	for (; a != NONE && depth < 64; a = doc->actors[a].parent, depth++)
		doc->actors[a].uses++;
}

static void
count_uses(struct idoc *doc)
{
	size_t i, k;

	for (i = 0; i < doc->nactors; i++)
		doc->actors[i].uses = 0;
	for (i = 0; i < doc->nblocks; i++) {
		const struct iblock *b = &doc->blocks[i];

		for (k = 0; k < b->actors.n; k++)
			mark_used(doc, b->actors.v[k]);
		for (k = 0; k < b->nspans; k++) {
			const struct span *sp = &b->spans[k];

			if (sp->kind == SPAN_MENTION)
				mark_used(doc, sp->ref);
			else if (sp->kind == SPAN_QUOTE)
				mark_used(doc, doc->quotes[sp->ref].speaker);
		}
	}
	for (i = 0; i < doc->nclaims; i++) {
		for (k = 0; k < doc->claims[i].by.n; k++)
			mark_used(doc, doc->claims[i].by.v[k]);
		for (k = 0; k < doc->claims[i].about.n; k++)
			mark_used(doc, doc->claims[i].about.v[k]);
	}
}

static void
write_ids(struct writer *w, const struct idx *x, const char *attr)
{
	struct buf list = BUF_INIT;
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (i > 0)
			buf_putc(&list, ' ');
		buf_puts(&list, w->doc->actors[x->v[i]].id);
	}
	if (list.len > 0)
		put_attr(&w->out, attr, list.data);
	buf_free(&list);
}

static void
write_actors(struct writer *w)
{
	struct idoc *doc = w->doc;
	size_t i, k, n = 0;

	for (i = 0; i < doc->nactors; i++)
		if (doc->actors[i].id != NULL)
			id_reserve(w, doc->actors[i].id);
	for (i = 0; i < doc->nactors; i++)
		if (doc->actors[i].uses > 0 && doc->actors[i].id == NULL)
			doc->actors[i].id = id_from_name(w, doc->actors[i].name);
	for (i = 0; i < doc->nactors; i++)
		n += doc->actors[i].uses > 0;
	if (n == 0)
		return;
	buf_puts(&w->out, "  <actors>\n");
	for (i = 0; i < doc->nactors; i++) {
		const struct iactor *a = &doc->actors[i];

		if (a->uses == 0)
			continue;
		if (a->doubt != NULL)
			write_doubt(w, "    ", a->doubt_line, "%s, %s", a->name,
			    a->doubt);
		buf_puts(&w->out, "    <actor");
		put_attr(&w->out, "id", a->id);
		put_attr(&w->out, "kind", actor_kind_name(a->kind));
		if (a->parent != NONE)
			put_attr(&w->out, "member-of",
			    doc->actors[a->parent].id);
		buf_puts(&w->out, "><name>");
		put_text(&w->out, a->name, strlen(a->name));
		buf_puts(&w->out, "</name>");
		for (k = 0; k < a->naliases; k++) {
			buf_puts(&w->out, "<alias>");
			put_text(&w->out, a->aliases[k], strlen(a->aliases[k]));
			buf_puts(&w->out, "</alias>");
		}
		if (a->note != NULL) {
			buf_puts(&w->out, "<note>");
			put_text(&w->out, a->note, strlen(a->note));
			buf_puts(&w->out, "</note>");
		}
		buf_puts(&w->out, "</actor>\n");
	}
	buf_puts(&w->out, "  </actors>\n");
}

/* ---- the body ----------------------------------------------------- */

static int
span_cmp(const void *x, const void *y)
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
nests(const struct span *in, const struct span *s)
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

static void
open_span(struct writer *w, const struct span *s)
{
	struct idoc *doc = w->doc;
	struct buf *o = &w->out;

	switch (s->kind) {
	case SPAN_MENTION:
		buf_puts(o, "<mention");
		put_attr(o, "actor", doc->actors[s->ref].id);
		break;
	case SPAN_QUOTE:
		w->quote_ids[s->ref] = id_next(w, "q", &w->nq);
		buf_puts(o, "<quote");
		put_attr(o, "id", w->quote_ids[s->ref]);
		put_attr(o, "speaker",
		    doc->actors[doc->quotes[s->ref].speaker].id);
		break;
	case SPAN_CLAIM:
		w->claim_ids[s->ref] = id_next(w, "c", &w->nc);
		buf_puts(o, "<claim");
		put_attr(o, "id", w->claim_ids[s->ref]);
		write_ids(w, &doc->claims[s->ref].by, "by");
		write_ids(w, &doc->claims[s->ref].about, "about");
		break;
	}
	buf_putc(o, '>');
}

static const char *span_ends[] = { "</claim>", "</quote>", "</mention>" };

static void
write_paragraph(struct writer *w, struct iblock *b)
{
	struct span **stack;
	size_t sp = 0, i, pos = 0;
	char *id;

	if (b->nspans > 1)
		qsort(b->spans, b->nspans, sizeof *b->spans, span_cmp);
	for (i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == SPAN_QUOTE &&
		    w->doc->quotes[b->spans[i].ref].guessed) {
			const struct iquote *q = &w->doc->quotes[b->spans[i].ref];
			size_t n = b->spans[i].end - b->spans[i].start;

			/* At most 40 bytes of the quote, whole characters. */
			if (n > 40)
				for (n = 40; n > 0 && ((unsigned char)b->text[
				    b->spans[i].start + n] & 0xC0) == 0x80; n--)
					;
			write_doubt(w, "    ", b->line, "%s is the speaker of "
			    "\"%.*s%s\", as of the paragraph's other quote",
			    w->doc->actors[q->speaker].name, (int)n,
			    b->text + b->spans[i].start,
			    n < b->spans[i].end - b->spans[i].start ?
			    "\xE2\x80\xA6" : "");
		}
	stack = xreallocarray(NULL, b->nspans + 1, sizeof *stack);
	id = id_next(w, "p", &w->np);
	buf_printf(&w->out, "    <p id=\"%s\">", id);
	free(id);
	for (i = 0; i < b->nspans; i++) {
		struct span *s = &b->spans[i];

		while (sp > 0 && stack[sp - 1]->end <= s->start) {
			put_text(&w->out, b->text + pos, stack[sp - 1]->end - pos);
			pos = stack[sp - 1]->end;
			buf_puts(&w->out, span_ends[stack[--sp]->kind]);
		}
		if (s->start < pos || s->end > b->len ||
		    !nests(sp > 0 ? stack[sp - 1] : NULL, s))
			continue;
		put_text(&w->out, b->text + pos, s->start - pos);
		pos = s->start;
		open_span(w, s);
		stack[sp++] = s;
	}
	while (sp > 0) {
		put_text(&w->out, b->text + pos, stack[sp - 1]->end - pos);
		pos = stack[sp - 1]->end;
		buf_puts(&w->out, span_ends[stack[--sp]->kind]);
	}
	put_text(&w->out, b->text + pos, b->len - pos);
	buf_puts(&w->out, "</p>\n");
	free(stack);
}

static void
write_related(struct writer *w, const struct iblock *b)
{
	char *id = id_next(w, "r", &w->nr);

	buf_puts(&w->out, "    <related");
	put_attr(&w->out, "id", id);
	write_ids(w, &b->actors, "actors");
	if (b->url != NULL)
		put_attr(&w->out, "url", b->url);
	buf_putc(&w->out, '>');
	put_text(&w->out, b->text, b->len);
	buf_puts(&w->out, "</related>\n");
	free(id);
}

static void
write_head(struct writer *w)
{
	struct idoc *doc = w->doc;
	struct buf *o = &w->out;

	buf_puts(o, "  <head>\n");
	put_elem(o, "    ", "headline", doc->headline);
	if (doc->dateline != NULL) {
		buf_puts(o, "    <dateline");
		if (doc->when != NULL)
			put_attr(o, "when", doc->when);
		buf_putc(o, '>');
		put_text(o, doc->dateline, strlen(doc->dateline));
		buf_puts(o, "</dateline>\n");
	}
	if (doc->byline != NULL)
		put_elem(o, "    ", "byline", doc->byline);
	if (doc->source != NULL) {
		buf_puts(o, "    <source");
		if (doc->source_url != NULL)
			put_attr(o, "url", doc->source_url);
		buf_putc(o, '>');
		put_text(o, doc->source, strlen(doc->source));
		buf_puts(o, "</source>\n");
	}
	buf_puts(o, "  </head>\n");
}

char *
write_story(struct idoc *doc, size_t *lenp)
{
	struct writer w;
	size_t i, size = 0;

	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.ids = strmap_new();
	w.claim_ids = xcalloc(doc->nclaims + 1, sizeof *w.claim_ids);
	w.quote_ids = xcalloc(doc->nquotes + 1, sizeof *w.quote_ids);
	count_uses(doc);
	/* Markup roughly doubles an article; one allocation, not twenty. */
	for (i = 0; i < doc->nblocks; i++)
		size += doc->blocks[i].len;
	buf_reserve(&w.out, 2 * size + 4096);
	buf_puts(&w.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\"");
	if (doc->lang != NULL)
		put_attr(&w.out, "xml:lang", doc->lang);
	buf_puts(&w.out, ">\n");
	write_head(&w);
	write_actors(&w);
	buf_puts(&w.out, "  <body>\n");
	for (i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].related)
			write_related(&w, &doc->blocks[i]);
		else
			write_paragraph(&w, &doc->blocks[i]);
	}
	buf_puts(&w.out, "  </body>\n</story>\n");
	for (i = 0; i < doc->nclaims; i++)
		free(w.claim_ids[i]);
	for (i = 0; i < doc->nquotes; i++)
		free(w.quote_ids[i]);
	free(w.claim_ids);
	free(w.quote_ids);
	strmap_free(w.ids);
	*lenp = w.out.len;
	return buf_detach(&w.out);
}
