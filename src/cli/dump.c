/* dump.c - the story as plain wrapped text (--dump). */
#include "config.h"

#include "cli/dump.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"

/* Two numberings, as in the reader: blocks (paragraphs and "Read more"
 * items together) are numbered from 1 in the margin, as the reader's
 * margin, --list's paragraph column and the cards number them; items
 * are numbered from 1 in reading order, in brackets where they start.
 * Claims, quotes and "Read more" items are named by their ids. */
#define ITEM_NO(i) ((i) + 1)
/* The margin before a block: its number (of at least three digits'
 * room), a column for the reader's claim bar or the "Read more" sign,
 * and a space. */
#define DUMP_MARGIN 5

/* With a file to write to, the dump goes out as it is made, so that
 * its memory does not grow with the story. */
#define DUMP_FLUSH_AT ((size_t)1 << 16)

static bool
dump_flush(struct buf *out, FILE *fp)
{
	bool ok = true;

	if (fp == NULL || out->len < DUMP_FLUSH_AT)
		return true;
	if (fwrite(out->data, 1, out->len, fp) != out->len)
		ok = false;
	buf_truncate(out, 0);
	return ok;
}

/* Writes s wrapped to width with `first` and then `rest` columns of
 * indentation, flushed to fp as it fills (an actor's list of its
 * 400,000 mentions is megabytes; a failed write shows in ferror). */
static void
dump_wrapped(struct buf *out, FILE *fp, const char *s, size_t len,
    int width, int first, int rest)
{
	struct wrap_line line;
	size_t pos = 0;
	int indent = first, i;

	do {
		int avail = width - indent;

		/* A narrow dump keeps the words rather than the indent. */
		if (avail < 10 && width >= 1)
			indent = 0, avail = width;
		pos = text_wrap_next(s, len, pos, avail, &line);
		for (i = 0; i < indent; i++)
			buf_putc(out, ' ');
		buf_append(out, s + line.start, line.end - line.start);
		buf_putc(out, '\n');
		(void)dump_flush(out, fp);
		indent = rest;
	} while (pos < len);
}

/* The margin that holds the number of the last of nblocks blocks, as
 * wide as the reader's. */
static int
dump_margin(size_t nblocks)
{
	int digits = 1;

	while (nblocks >= 10)
		nblocks /= 10, digits++;
	return digits > DUMP_MARGIN - 2 ? digits + 2 : DUMP_MARGIN;
}

/* Block b's text wrapped after its number in the margin, as the reader
 * shows it: "  3» " for a "Read more" item.  Too narrow a dump puts the
 * number on a line of its own and the text under it, unindented.  Out
 * is flushed to fp as it fills, so that a paragraph of 50 MB is not
 * held a third time, wrapped, beside the story and its marked copy;
 * false when writing failed. */
static bool
dump_block_text(const struct story *st, size_t b, int margin, int width,
    const struct buf *text, struct buf *out, FILE *fp)
{
	bool ok = true;
	struct wrap_line line;
	size_t pos = 0;
	int i;

	buf_printf(out, "%*zu%s", margin - 2, b + 1,
	    st->blocks[b].kind == BLOCK_RELATED ? "\xc2\xbb" : "");
	if (width - margin < 10) {
		buf_putc(out, '\n');
		dump_wrapped(out, fp, text->data, text->len, width, 0, 0);
		return true;
	}
	buf_puts(out, st->blocks[b].kind == BLOCK_RELATED ? " " : "  ");
	do {
		pos = text_wrap_next(text->data, text->len, pos, width - margin,
		    &line);
		if (line.start > 0)
			for (i = 0; i < margin; i++)
				buf_putc(out, ' ');
		buf_append(out, text->data + line.start, line.end - line.start);
		buf_putc(out, '\n');
		ok = dump_flush(out, fp) && ok;
	} while (pos < text->len);
	return ok;
}

/* The block's text with "[N]" before each item that starts in it. */
static void
dump_marked(const struct story *st, size_t b, struct buf *tmp)
{
	const struct block *bl = &st->blocks[b];
	size_t i, at = 0;

	buf_truncate(tmp, 0);
	if (bl->kind == BLOCK_RELATED)
		buf_puts(tmp, "Read more: ");
	for (i = bl->first_item; i < bl->first_item + bl->nitems; i++) {
		size_t start = st->items[i].start;

		if (start > at)
			buf_append(tmp, bl->text + at, start - at);
		at = start > at ? start : at;
		buf_printf(tmp, "[%zu]", ITEM_NO(i));
	}
	buf_append(tmp, bl->text + at, bl->len - at);
}

static void
dump_head(const struct story *st, int width, struct buf *out)
{
	dump_wrapped(out, NULL, st->headline, strlen(st->headline), width,
	    0, 0);
	if (st->dateline)
		dump_wrapped(out, NULL, st->dateline, strlen(st->dateline),
		    width, 0, 0);
	if (st->byline)
		dump_wrapped(out, NULL, st->byline, strlen(st->byline), width,
		    0, 0);
	if (st->source)
		dump_wrapped(out, NULL, st->source, strlen(st->source), width,
		    0, 0);
}

static void
dump_names(const struct story *st, const struct idx *x, struct buf *out)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		buf_printf(out, "%s%s", i ? ", " : "", st->actors[x->v[i]].name);
}

static void
dump_actor(const struct story *st, size_t a, size_t depth, size_t no,
    int width, struct buf *out, struct buf *tmp, FILE *fp)
{
	const struct actor *ac = &st->actors[a];
	/* Indent no deeper than the widest line allows: the words wrap
	 * under it anyway. */
	int d = depth < (size_t)width ? (int)depth : width;
	size_t i;

	buf_truncate(tmp, 0);
	buf_printf(tmp, "%zu. %s (%s, %s): %zu mention%s", no, ac->name,
	    ac->id, story_actor_kind_name(ac->kind), (size_t)ac->mentions.n,
	    ac->mentions.n == 1 ? "" : "s");
	if (ac->total_mentions != ac->mentions.n)
		buf_printf(tmp, ", %zu with its members", ac->total_mentions);
	for (i = 0; i < ac->mentions.n; i++)
		buf_printf(tmp, "%s[%zu]", i ? " " : ": ",
		    ITEM_NO((size_t)story_ix(st, ac->mentions)[i]));
	dump_wrapped(out, fp, tmp->data, tmp->len, width, 3 + 3 * d,
	    6 + 3 * d);
}

/* Each actor under the one it is a member of, in the tree's order
 * (story_actor_tree: no recursion, however deep the tree). */
static bool
dump_actors(const struct story *st, int width, struct buf *out,
    struct buf *tmp, FILE *fp)
{
	size_t *order, *depth, i;
	bool ok = true;

	if (st->nactors == 0)
		return true;
	order = xcalloc(st->nactors, sizeof *order);
	depth = xcalloc(st->nactors, sizeof *depth);
	story_actor_tree(st, order, depth);
	buf_puts(out, "\nActors\n\n");
	for (i = 0; i < st->nactors; i++) {
		dump_actor(st, order[i], depth[i], i + 1, width, out, tmp, fp);
		ok = dump_flush(out, fp) && ok;
	}
	free(order);
	free(depth);
	return ok;
}

/* "[N] " then the item's text, wrapped under a hanging indent. */
static void
dump_entry(const struct story *st, size_t item, const char *about,
    int width, struct buf *out, struct buf *tmp, FILE *fp)
{
	size_t len;
	const char *text = story_item_text(st, item, &len);

	buf_truncate(tmp, 0);
	buf_printf(tmp, "[%zu] %s", ITEM_NO(item), about);
	dump_wrapped(out, fp, tmp->data, tmp->len, width, 3, 7);
	dump_wrapped(out, fp, text, len, width, 7, 7);
}

static bool
dump_claims(const struct story *st, int width, struct buf *out,
    struct buf *tmp, FILE *fp)
{
	struct buf about = BUF_INIT;
	size_t i, j;
	bool ok = true;

	if (st->nclaims == 0)
		return true;
	buf_puts(out, "\nClaims\n\n");
	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		buf_truncate(&about, 0);
		buf_printf(&about, "%s, by ", c->id);
		if (c->by.n == 0)
			buf_puts(&about, "the publication");
		dump_names(st, &c->by, &about);
		if (c->about.n > 0) {
			buf_puts(&about, ", about ");
			dump_names(st, &c->about, &about);
		}
		for (j = 0; j < c->disputes.n; j++)
			buf_printf(&about, "%s%s", j ? " " : ", disputes ",
			    st->claims[c->disputes.v[j]].id);
		for (j = 0; j < c->disputed_by.n; j++)
			buf_printf(&about, "%s%s",
			    j ? " " : ", disputed by ",
			    st->claims[story_ix(st, c->disputed_by)[j]].id);
		if (c->when)
			buf_printf(&about, ", dated %s", c->when);
		buf_printf(&about, " (paragraph %zu)",
		    (size_t)st->items[c->item].block + 1);
		dump_entry(st, c->item, about.data, width, out, tmp, fp);
		ok = dump_flush(out, fp) && ok;
	}
	buf_free(&about);
	return ok;
}

static bool
dump_quotes(const struct story *st, int width, struct buf *out,
    struct buf *tmp, FILE *fp)
{
	struct buf about = BUF_INIT;
	size_t i;
	bool ok = true;

	if (st->nquotes == 0)
		return true;
	buf_puts(out, "\nQuotes\n\n");
	for (i = 0; i < st->nquotes; i++) {
		const struct quote *q = &st->quotes[i];

		buf_truncate(&about, 0);
		buf_printf(&about, "%s, %s (paragraph %zu)", q->id,
		    st->actors[q->speaker].name,
		    (size_t)st->items[q->item].block + 1);
		dump_entry(st, q->item, about.data, width, out, tmp, fp);
		ok = dump_flush(out, fp) && ok;
	}
	buf_free(&about);
	return ok;
}

static bool
dump_related(const struct story *st, int width, struct buf *out,
    struct buf *tmp, FILE *fp)
{
	struct buf about = BUF_INIT;
	size_t i;
	bool ok = true;

	if (st->nrelated == 0)
		return true;
	buf_puts(out, "\nRead more\n\n");
	for (i = 0; i < st->nrelated; i++) {
		const struct related *r = &st->related[i];

		buf_truncate(&about, 0);
		buf_printf(&about, "%s", r->id);
		if (r->actors.n > 0) {
			buf_puts(&about, ", about ");
			dump_names(st, &r->actors, &about);
		}
		if (r->href)
			buf_printf(&about, ", %s", r->href);
		buf_printf(&about, " (paragraph %zu)", r->block + 1);
		dump_entry(st, r->item, about.data, width, out, tmp, fp);
		ok = dump_flush(out, fp) && ok;
	}
	buf_free(&about);
	return ok;
}

bool
dump_story(const struct story *st, int width, struct buf *out, FILE *fp)
{
	struct buf tmp = BUF_INIT;
	size_t b;
	int margin = dump_margin(st->nblocks);
	bool ok = true;

	if (width < 1)
		width = 1;
	dump_head(st, width, out);
	for (b = 0; b < st->nblocks; b++) {
		buf_putc(out, '\n');
		dump_marked(st, b, &tmp);
		ok = dump_block_text(st, b, margin, width, &tmp, out, fp) &&
		    ok;
	}
	ok = dump_actors(st, width, out, &tmp, fp) && ok;
	ok = dump_claims(st, width, out, &tmp, fp) && ok;
	ok = dump_quotes(st, width, out, &tmp, fp) && ok;
	ok = dump_related(st, width, out, &tmp, fp) && ok;
	buf_free(&tmp);
	/* The flushes inside a wrapped text leave their failure here. */
	return ok && (fp == NULL || !ferror(fp));
}
