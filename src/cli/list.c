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
list_claim_ids(const struct story *st, const struct idx *x, struct buf *out)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		if (i > 0)
			buf_putc(out, ' ');
		buf_puts(out, st->claims[x->v[i]].id);
	}
}

/* The 1-based number of the item's body block, as --dump and the
 * margin count blocks. */
static size_t
list_paragraph(const struct story *st, size_t item)
{
	return (size_t)st->items[item].block + 1;
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

	size_t j;

	buf_puts(out, "id\tkind\tname\tmentions\tmember-of\taliases\n");
	for (i = 0; i < st->nactors; i++) {
		const struct actor *a = &st->actors[i];

		buf_printf(out, "%s\t%s\t%s\t%zu\t%s\t", a->id,
		    story_actor_kind_name(a->kind), a->name, a->total_mentions,
		    a->parent != NONE ? st->actors[a->parent].id : "");
		/* Aliases may hold spaces: they are separated by "; ". */
		for (j = 0; j < a->naliases; j++)
			buf_printf(out, "%s%s", j ? "; " : "", a->aliases[j]);
		buf_putc(out, '\n');
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
		    list_paragraph(st, q->item));
		list_item_text(st, q->item, out);
		buf_putc(out, '\n');
	}
}

static void
list_claims(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\tby\tabout\tparagraph\ttext\tdisputes\twhen\n");
	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];

		buf_printf(out, "%s\t", c->id);
		list_ids(st, &c->by, out);
		buf_putc(out, '\t');
		list_ids(st, &c->about, out);
		buf_printf(out, "\t%zu\t", list_paragraph(st, c->item));
		list_item_text(st, c->item, out);
		buf_putc(out, '\t');
		list_claim_ids(st, &c->disputes, out);
		buf_printf(out, "\t%s\n", c->when ? c->when : "");
	}
}

static void
list_related(const struct story *st, struct buf *out)
{
	size_t i;

	buf_puts(out, "id\thref\ttitle\tactors\tparagraph\n");
	for (i = 0; i < st->nrelated; i++) {
		const struct related *r = &st->related[i];

		buf_printf(out, "%s\t%s\t", r->id, r->href ? r->href : "");
		list_item_text(st, r->item, out);
		buf_putc(out, '\t');
		list_ids(st, &r->actors, out);
		buf_printf(out, "\t%zu\n", r->block + 1);
	}
}

static void
list_mentions(const struct story *st, struct buf *out)
{
	size_t i, item;

	buf_puts(out, "actor\tparagraph\ttext\n");
	for (i = 0; i < st->mentions.n; i++) {
		item = story_ix(st, st->mentions)[i];
		buf_printf(out, "%s\t%zu\t", st->actors[st->items[item].ref].id,
		    list_paragraph(st, item));
		list_item_text(st, item, out);
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
	{ "mentions", list_mentions },
};

#define LIST_NKINDS (sizeof list_kinds / sizeof list_kinds[0])

/* As getopt_long takes options: the whole name, or a prefix of only
 * one name. */
const char *
list_kind_match(const char *kind, bool *ambiguous)
{
	size_t i, len = strlen(kind);
	const char *found = NULL;

	*ambiguous = false;
	for (i = 0; i < LIST_NKINDS; i++) {
		if (strcmp(kind, list_kinds[i].kind) == 0)
			return list_kinds[i].kind;
		if (strncmp(kind, list_kinds[i].kind, len) == 0) {
			*ambiguous = found != NULL;
			found = list_kinds[i].kind;
		}
	}
	return *ambiguous ? NULL : found;
}

bool
list_story(const struct story *st, const char *kind, struct buf *out)
{
	size_t i;

	for (i = 0; i < LIST_NKINDS; i++)
		if (strcmp(kind, list_kinds[i].kind) == 0) {
			list_kinds[i].fn(st, out);
			return true;
		}
	return false;
}
