/* library_blob.c - a story's actors and texts as the index keeps them:
 * one blob each a file, so that indexing a story costs a few rows, not
 * one a paragraph and one an actor.
 *
 * Read back from a database that may hold anything, every length is
 * checked against the blob's end before it is used. */
#include "config.h"

#include "library/library_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"

static void
lib_blob_put_u32(struct buf *b, uint64_t v)
{
	uint32_t x = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;

	buf_append(b, &x, sizeof x);
}

static void
lib_blob_put_str(struct buf *b, const char *s)
{
	buf_append(b, s ? s : "", s ? strlen(s) + 1 : 1);
}

void
lib_blob_actors(const struct story *st, struct buf *out)
{
	size_t i, k;

	for (i = 0; i < st->nactors; i++) {
		const struct actor *a = &st->actors[i];
		const struct item *first = a->mentions.n > 0 ?
		    &st->items[story_ix(st, a->mentions)[0]] : NULL;

		lib_blob_put_u32(out, (uint64_t)a->kind);
		lib_blob_put_u32(out, a->parent == NONE ? UINT32_MAX
		    : a->parent);
		lib_blob_put_u32(out, a->mentions.n);
		lib_blob_put_u32(out, a->total_mentions);
		lib_blob_put_u32(out, first ? first->block : UINT32_MAX);
		lib_blob_put_u32(out, first ? first->start : 0);
		lib_blob_put_u32(out, first ? first->end : 0);
		lib_blob_put_u32(out, a->naliases);
		lib_blob_put_str(out, a->id);
		lib_blob_put_str(out, a->name);
		lib_blob_put_str(out, a->same_as);
		for (k = 0; k < a->naliases; k++)
			lib_blob_put_str(out, a->aliases[k]);
	}
}

void
lib_blob_texts(const struct story *st, struct buf *out)
{
	size_t i, end;

	/* The count, the end of each text, then the texts: the headline
	 * first, then every block. */
	lib_blob_put_u32(out, st->nblocks + 1);
	end = strlen(st->headline);
	lib_blob_put_u32(out, end);
	for (i = 0; i < st->nblocks; i++)
		lib_blob_put_u32(out, end += st->blocks[i].len);
	buf_puts(out, st->headline);
	for (i = 0; i < st->nblocks; i++)
		buf_append(out, st->blocks[i].text, st->blocks[i].len);
}

/* Whether s folds to itself but for the case of its ASCII letters:
 * text_fold_search takes ASCII but a carriage return a byte at a time
 * and only lowers its case. */
bool
lib_blob_plain_ascii(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = ones << 7;
	uint64_t w, cr;
	size_t i = 0;

	/* Eight bytes at a time: a high bit set, or a byte of w ^ CRs
	 * zero (the classic test: (x - ones) & ~x & highs). */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		cr = w ^ (ones * '\r');
		if ((w & highs) || ((cr - ones) & ~cr & highs))
			return false;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\r')
			return false;
	return true;
}

static void
lib_blob_put_folded(struct buf *out, const char *s, size_t len)
{
	size_t flen;
	char *f;

	/* Most paragraphs of some libraries (all of bench/gen's): as
	 * they are, the tokenizer lowers their case (library_trigram.c),
	 * at a tenth of a fold's cost. */
	if (lib_blob_plain_ascii(s, len)) {
		buf_append(out, s, len);
		return;
	}
	f = text_fold_search(s, len, false, &flen, NULL);
	buf_append(out, f, flen);
	free(f);
}

void
lib_blob_folded(const struct story *st, struct buf *out)
{
	size_t i;

	/* A line a text: the trigrams across a newline only make a
	 * story a candidate, which its texts then answer for. */
	lib_blob_put_folded(out, st->headline, strlen(st->headline));
	for (i = 0; i < st->nblocks; i++) {
		buf_putc(out, '\n');
		lib_blob_put_folded(out, st->blocks[i].text, st->blocks[i].len);
	}
}

static bool
lib_blob_get_u32(const char **p, const char *end, uint32_t *v)
{
	if ((size_t)(end - *p) < sizeof *v)
		return false;
	memcpy(v, *p, sizeof *v);
	*p += sizeof *v;
	return true;
}

static bool
lib_blob_get_str(const char **p, const char *end, const char **s)
{
	const char *nul = memchr(*p, '\0', (size_t)(end - *p));

	if (nul == NULL)
		return false;
	*s = *p;
	*p = nul + 1;
	return true;
}

bool
lib_blob_actor_next(const char **p, const char *end, struct lib_blob_actor *a)
{
	uint32_t *f[] = { &a->kind, &a->parent, &a->mentions, &a->total,
	    &a->fblock, &a->fstart, &a->fend, &a->naliases };
	const char *s;
	size_t i;

	for (i = 0; i < sizeof f / sizeof f[0]; i++)
		if (!lib_blob_get_u32(p, end, f[i]))
			return false;
	if (!lib_blob_get_str(p, end, &a->id) || !lib_blob_get_str(p, end,
	    &a->name) ||
	    !lib_blob_get_str(p, end, &a->same_as) || a->kind >= ACTOR_NKINDS)
		return false;
	a->aliases = *p;
	for (i = 0; i < a->naliases; i++)
		if (!lib_blob_get_str(p, end, &s))
			return false;
	return true;
}

bool
lib_blob_text(const char *blob, size_t len, size_t k, const char **text,
    size_t *tlen)
{
	const char *p = blob, *end = blob + len;
	uint32_t n, from = 0, to;

	if (!lib_blob_get_u32(&p, end, &n) || k >= n ||
	    (size_t)(end - p) / sizeof(uint32_t) < n)
		return false;
	if (k > 0)
		memcpy(&from, p + (k - 1) * sizeof(uint32_t), sizeof from);
	memcpy(&to, p + k * sizeof(uint32_t), sizeof to);
	p += (size_t)n * sizeof(uint32_t);
	if (from > to || to > (size_t)(end - p))
		return false;
	*text = p + from;
	*tlen = to - from;
	return true;
}
