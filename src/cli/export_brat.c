/* export_brat.c - brat standoff (export.h): a T line for every mention,
 * quote and claim, N lines tying mentions to actors, A lines for
 * speakers, claimants and subjects, R lines for disputes.
 *
 * brat's offsets are code points (as its server, in Python, counts
 * them); its web client counts UTF-16 units instead and so draws every
 * annotation after a character outside the BMP one place off
 * (nlplab/brat#1115).  The offsets here are brat's definition, right
 * for its server and every other reader of the format. */
#include "config.h"

#include "cli/export.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

static const char *const brat_types[ITEM_NKINDS] = {
	"Mention", "Claim", "Quote", NULL,
};

static void
export_brat_attr_lines(const struct story *st, const char *name,
    const struct idx *x,
    size_t t, size_t *na, struct buf *ann)
{
	size_t k;

	for (k = 0; k < x->n; k++)
		buf_printf(ann, "A%zu\t%s T%zu %s\n", ++*na, name, t,
		    story_raw(st, st->actors[x->v[k]].id));
}

static void
export_brat_item_lines(const struct story *st, const struct export_doc *d,
    size_t i,
    const size_t *tnum, size_t *nn, size_t *na, struct buf *ann)
{
	const struct item *it = &st->items[i];
	size_t t = tnum[i];

	buf_printf(ann, "T%zu\t%s %zu %zu\t", t, brat_types[it->kind],
	    d->cp_start[i], d->cp_end[i]);
	buf_append(ann, d->text.data + d->byte_start[i],
	    d->byte_end[i] - d->byte_start[i]);
	buf_putc(ann, '\n');
	if (it->kind == ITEM_MENTION)
		buf_printf(ann, "N%zu\tReference T%zu newslens:%s\t%s\n", ++*nn,
		    t, story_raw(st, st->actors[it->ref].id),
		    st->actors[it->ref].name);
	else if (it->kind == ITEM_QUOTE)
		buf_printf(ann, "A%zu\tSpeaker T%zu %s\n", ++*na, t,
		    story_raw(st, st->actors[st->quotes[it->ref].speaker].id));
	else {
		export_brat_attr_lines(st, "By", &st->claims[it->ref].by, t, na,
		    ann);
		export_brat_attr_lines(st, "About", &st->claims[it->ref].about,
		    t, na, ann);
	}
}

static void
export_brat_conf(const struct story *st, struct buf *conf)
{
	static const char *const attrs[][2] = {
		{ "Speaker", "Quote" }, { "By", "Claim" }, { "About", "Claim" },
	};
	size_t a, i;

	buf_puts(conf, "# annotation.conf - the types of newslens --export "
	    "brat\n[entities]\nMention\nQuote\nClaim\n\n[relations]\n"
	    "Disputes\tArg1:Claim, Arg2:Claim\n\n[events]\n\n[attributes]\n");
	for (a = 0; a < 3 && st->nactors > 0; a++) {
		buf_printf(conf, "%s\tArg:%s, Value:", attrs[a][0], attrs[a][1]);
		for (i = 0; i < st->nactors; i++)
			buf_printf(conf, "%s%s", i ? "|" : "",
			    story_raw(st, st->actors[i].id));
		buf_putc(conf, '\n');
	}
}

void
export_brat(const struct story *st, const struct export_doc *d,
    struct buf *out_txt, struct buf *out_ann, struct buf *conf)
{
	size_t *tnum = xcalloc(st->nitems + 1, sizeof *tnum);
	size_t i, k, nt = 0, nn = 0, na = 0, nr = 0;

	buf_append(out_txt, d->text.data, d->text.len);
	for (i = 0; i < st->nitems; i++)
		if (brat_types[st->items[i].kind] != NULL)
			tnum[i] = ++nt;
	for (i = 0; i < st->nitems; i++)
		if (tnum[i] != 0)
			export_brat_item_lines(st, d, i, tnum, &nn, &na,
			    out_ann);
	for (i = 0; i < st->nclaims; i++)
		for (k = 0; k < st->claims[i].disputes.n; k++)
			buf_printf(out_ann, "R%zu\tDisputes Arg1:T%zu Arg2:T%zu\n",
			    ++nr, tnum[st->claims[i].item],
			    tnum[st->claims[st->claims[i].disputes.v[k]].item]);
	export_brat_conf(st, conf);
	free(tnum);
}
