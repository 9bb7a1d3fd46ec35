/* search.c - finding text in a story, Unicode case-insensitively. */
#include "config.h"

#include "model/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmalloc.h"

/* Whether folded byte i starts a source grapheme cluster. */
static bool
fold_boundary(const size_t *map, size_t outlen, size_t i)
{
	return i == 0 || i == outlen || map[i] != map[i - 1];
}

static void
search_block_append(const struct story *st, size_t b, const char *needle,
    size_t nlen, struct search_hit **hits, size_t *n, size_t *cap)
{
	const struct block *bl = &st->blocks[b];
	size_t flen, *map, i = 0;
	/* A needle with no diacritic finds the text with or without them
	 * ("Zoe" finds "Zoë"); one with a diacritic, only the same. */
	bool diacritics = text_has_diacritic(needle, nlen);
	char *folded = text_fold_search(bl->text, bl->len, diacritics,
	    &flen, NULL);
	const char *p;

	/* Most blocks do not hold the needle: fold them without the map
	 * of offsets, which costs more than the folding itself. */
	if (memmem(folded, flen, needle, nlen) == NULL) {
		free(folded);
		return;
	}
	free(folded);
	folded = text_fold_search(bl->text, bl->len, diacritics, &flen, &map);
	while (i + nlen <= flen &&
	    (p = memmem(folded + i, flen - i, needle, nlen)) != NULL) {
		i = (size_t)(p - folded);
		if (!fold_boundary(map, flen, i) ||
		    !fold_boundary(map, flen, i + nlen)) {
			i++;
			continue;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*hits = xreallocarray(*hits, *cap, sizeof **hits);
		}
		(*hits)[*n].block = b;
		(*hits)[*n].start = map[i];
		(*hits)[*n].end = map[i + nlen];
		(*n)++;
		i += nlen;
	}
	free(folded);
	free(map);
}

char *
search_fold(const char *needle, size_t len, size_t *flen)
{
	return text_fold_search(needle, len, true, flen, NULL);
}

size_t
search_block(const struct story *st, size_t b, const char *folded,
    size_t flen, struct search_hit **hits)
{
	size_t n = 0, cap = 0;

	*hits = NULL;
	if (flen > 0)
		search_block_append(st, b, folded, flen, hits, &n, &cap);
	return n;
}

/* Step i of a round trip over the blocks from block: i == nblocks is
 * block again, for the matches on the far side of the offset. */
static size_t
round_block(size_t nblocks, size_t block, size_t i, bool forward)
{
	return forward ? (block + i) % nblocks :
	    (block + nblocks - i % nblocks) % nblocks;
}

bool
search_next(const struct story *st, const char *folded, size_t flen,
    size_t block, size_t offset, bool forward, struct search_hit *hit,
    bool *wrapped)
{
	struct search_hit *hits;
	size_t i, k, n;
	bool found = false;

	if (flen == 0 || st->nblocks == 0)
		return false;
	if (block >= st->nblocks) {
		/* No such place: from the start, or back from the end. */
		block = forward ? 0 : st->nblocks - 1;
		offset = forward ? 0 : SIZE_MAX;
	}
	for (i = 0; i <= st->nblocks && !found; i++) {
		n = search_block(st, round_block(st->nblocks, block, i,
		    forward), folded, flen, &hits);
		/* In the first block, only matches on the right side of
		 * the offset count; forward, k is the match, backward
		 * the one after it. */
		if (forward)
			for (k = 0; k < n && i == 0 && hits[k].start < offset;
			    k++)
				;
		else
			for (k = n; k > 0 && i == 0 &&
			    hits[k - 1].start >= offset; k--)
				;
		found = forward ? k < n : k > 0;
		if (found && !forward)
			k--;
		if (found) {
			*hit = hits[k];
			*wrapped = forward ? block + i >= st->nblocks :
			    i > block;
		}
		free(hits);
	}
	return found;
}

size_t
search_story(const struct story *st, const char *needle, size_t len,
    struct search_hit **hits)
{
	size_t nlen, n = 0, cap = 0, b;
	char *folded = search_fold(needle, len, &nlen);

	*hits = NULL;
	if (nlen > 0)
		for (b = 0; b < st->nblocks; b++)
			search_block_append(st, b, folded, nlen, hits, &n,
			    &cap);
	free(folded);
	return n;
}

size_t
search_hit_at(const struct search_hit *hits, size_t n, size_t block,
    size_t offset)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0)
		return NONE;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (hits[mid].block < block ||
		    (hits[mid].block == block && hits[mid].start < offset))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n ? lo : 0;
}

size_t
search_text(const char *s, size_t len, const char *folded, size_t flen,
    struct search_hit **hits)
{
	struct block bl;
	struct story st;
	size_t n = 0, cap = 0, i;

	/* A story of one block holding s: the one matching there is. */
	memset(&bl, 0, sizeof bl);
	memset(&st, 0, sizeof st);
	bl.text = (char *)s;
	bl.len = len;
	st.blocks = &bl;
	st.nblocks = 1;
	*hits = NULL;
	if (flen > 0)
		search_block_append(&st, 0, folded, flen, hits, &n, &cap);
	for (i = 0; i < n; i++)
		(*hits)[i].block = NONE;
	return n;
}
