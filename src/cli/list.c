/* list.c - tab-separated tables of a story's items (--list KIND).
 *
 * Fields never hold a tab or a newline: the model's text is already
 * collapsed to single spaces and sanitised, so the only work here is
 * choosing the columns. */
#include "config.h"

#include "cli/list.h"

#include <string.h>

static void
list_ids(const struct story *st, const struct idx *x, struct buf *out)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		buf_puts(out, st->actors[x->v[i]].id);
	}
}

static void
list_item_text(const struct story *st, size_t item, struct buf *out)
{
	size_t len;
	const char *text = story_item_text(st, item, &len);

	buf_append(out, text, len);
}

static void
list_actors(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\tkind\tname\tmentions\n");
	for (i = 0; i < st->nactors; i++) {
		const struct actor *a = &st->actors[i];

		buf_printf(out, "%s\t%s\t%s\t%zu\n", a->id,
		    actor_kind_name(a->kind), a->name, a->total_mentions);
	}
}

static void
list_quotes(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\tspeaker\tparagraph\ttext\n");
	for (i = 0; i < st->nquotes; i++) {
		const struct quote *q = &st->quotes[i];

		buf_printf(out, "%s\t%s\t%zu\t", q->id,
		    st->actors[q->speaker].id,
		    (size_t)st->items[q->item].block + 1);
		list_item_text(st, q->item, out);
		buf_putc(out, '\n');
	}
}

static void
list_claims(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\tby\tabout\tparagraph\ttext\n");
	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		buf_printf(out, "%s\t", c->id);
		list_ids(st, &c->by, out);
		buf_putc(out, '\t');
		list_ids(st, &c->about, out);
		buf_printf(out, "\t%zu\t",
		    (size_t)st->items[c->item].block + 1);
		list_item_text(st, c->item, out);
		buf_putc(out, '\n');
	}
}

static void
list_related(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\thref\ttitle\n");
	for (i = 0; i < st->nrelated; i++) {
		const struct related *r = &st->related[i];

		buf_printf(out, "%s\t%s\t", r->id, r->href ? r->href : "");
		list_item_text(st, r->item, out);
		buf_putc(out, '\n');
	}
}

static const struct {
	const char	*kind;
	void		(*fn)(const struct story *, struct buf *);
} list_kinds[] = {
	{ "actors", list_actors },
	{ "quotes", list_quotes },
	{ "claims", list_claims },
	{ "related", list_related },
};

bool
list_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof list_kinds / sizeof list_kinds[0]; i++)
		if (strcmp(kind, list_kinds[i].kind) == 0)
			return true;
	return false;
}

bool
list_story(const struct story *st, const char *kind, struct buf *out)
{
	size_t i;

	for (i = 0; i < sizeof list_kinds / sizeof list_kinds[0]; i++)
		if (strcmp(kind, list_kinds[i].kind) == 0) {
			list_kinds[i].fn(st, out);
			return true;
		}
	return false;
}
