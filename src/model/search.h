/* search.h - finding text in a story, Unicode case-insensitively.
 *
 * Both the needle and the text are NFC-normalised and case-folded, and
 * typographic quotes, apostrophes, dashes and spaces are read as their
 * ASCII forms (text_fold_search), so "huawei" finds "HUAWEI", "strasse"
 * finds "Straße", "UK's" finds "UK’s", and decomposed accents find
 * composed ones.  A needle without diacritics ignores them in the text
 * ("Zoe" finds "Zoë", as the screen shows it under LANG=C); one with a
 * diacritic matches exactly ("Zoë" finds "Zoë" only).  A match starts
 * and ends on grapheme cluster boundaries of the story's text. */
#ifndef NEWSLENS_SEARCH_H
#define NEWSLENS_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "model/story.h"

struct search_hit {
	size_t	block;
	size_t	start;	/* byte offsets into the block's text */
	size_t	end;
};

/* Folds a needle for search_block and search_next: a caller-owned
 * string of *flen bytes; *flen is 0 when it folds to nothing. */
char	*search_fold(const char *needle, size_t len, size_t *flen);
/* The matches of a folded needle in block b, in order, without
 * overlaps: returns the count and stores a caller-owned array in *hits
 * (NULL when there are none). */
size_t	search_block(const struct story *, size_t b, const char *folded,
	    size_t flen, struct search_hit **hits);
/* The first match at or after (block, offset), or with forward false
 * the last one before it, going round the story once; *wrapped tells
 * whether it went past an end.  Reads only as far as that match, so
 * its cost is the distance to it, not the story's size.  False when
 * there is no match at all. */
bool	search_next(const struct story *, const char *folded, size_t flen,
	    size_t block, size_t offset, bool forward, struct search_hit *hit,
	    bool *wrapped);
/* The matches of one block found lazily, a window at a time, the same
 * and in the same order as search_block finds them: the ones that
 * start in [lo, hi) of block `block` (NONE: none yet), sorted.  What a
 * look-up costs is the text between where it starts and the match.
 * folded and whole count the bytes of text folded and the folds of a
 * whole block since the caller last zeroed them; window is the first
 * window's size (search_span_init sets it; tests make it small). */
struct search_span {
	size_t		 block;
	size_t		 lo, hi;
	struct search_hit *hits;	/* owned by the span */
	size_t		 n, cap;
	size_t		 folded;
	size_t		 whole;
	size_t		 window;
};

void	search_span_init(struct search_span *);
/* Frees the matches; the span is empty again, with its window. */
void	search_span_free(struct search_span *);
/* The match of block b after (at or after) offset, or the last one
 * before it: an index into sp->hits, or NONE when the block has none
 * there.  The span becomes one of block b. */
size_t	search_span_next(const struct story *, const char *folded,
	    size_t flen, struct search_span *sp, size_t b, size_t offset);
size_t	search_span_prev(const struct story *, const char *folded,
	    size_t flen, struct search_span *sp, size_t b, size_t offset);
/* The matches of block b that overlap bytes [from, to): they are
 * sp->hits[*first, the return value). */
size_t	search_span_range(const struct story *, const char *folded,
	    size_t flen, struct search_span *sp, size_t b, size_t from,
	    size_t to, size_t *first);
/* Finds every match of needle[0..len) in the body, in reading order,
 * without overlaps.  Returns the count and stores a caller-owned array
 * in *hits (NULL when there are none).  An empty needle, or one that
 * folds to nothing, matches nothing. */
size_t	search_story(const struct story *, const char *needle, size_t len,
	    struct search_hit **hits);
/* The matches of a folded needle in s[0..len), any text (a card's
 * entry, a row of the index), as search_block finds them in a block;
 * the hits' block is NONE.  Returns the count; *hits caller-owned. */
size_t	search_text(const char *s, size_t len, const char *folded,
	    size_t flen, struct search_hit **hits);

/* The first hit at or after (block, offset), wrapping to the first hit
 * when there is none after; NONE if n is 0.  O(log n). */
size_t	search_hit_at(const struct search_hit *hits, size_t n, size_t block,
	    size_t offset);

#endif
