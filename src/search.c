/* search.c - finding text in a story, Unicode case-insensitively. */
#include "config.h"

#include "search.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

/* Whether folded byte i starts a source grapheme cluster. */
static bool
fold_boundary(const size_t *map, size_t outlen, size_t i)
{
	return i == 0 || i == outlen || map[i] != map[i - 1];
}

static void
search_block(const struct story *st, size_t b, const char *needle,
    size_t nlen, struct search_hit **hits, size_t *n, size_t *cap)
{
	const struct block *bl = &st->blocks[b];
	size_t flen, *map, i = 0;
	char *folded = text_fold(bl->text, bl->len, &flen, NULL);
	const char *p;

	/* Most blocks do not hold the needle: fold them without the map
	 * of offsets, which costs more than the folding itself. */
	if (memmem(folded, flen, needle, nlen) == NULL) {
		free(folded);
		return;
	}
	free(folded);
	folded = text_fold(bl->text, bl->len, &flen, &map);
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

size_t
search_story(const struct story *st, const char *needle, size_t len,
    struct search_hit **hits)
{
	size_t nlen, n = 0, cap = 0, b;
	char *folded = text_fold(needle, len, &nlen, NULL);

	*hits = NULL;
	if (nlen > 0)
		for (b = 0; b < st->nblocks; b++)
			search_block(st, b, folded, nlen, hits, &n, &cap);
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
