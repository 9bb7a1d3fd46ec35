/* text.h - UTF-8, display width and grapheme clusters.
 *
 * The one place in newslens that knows how text is encoded and how wide
 * it is on a terminal.  Everything here works on byte ranges (s, len),
 * never needs a NUL terminator, accepts arbitrary bytes (invalid UTF-8
 * included) and runs in time linear in its input.  No curses: this is
 * part of the headless model library. */
#ifndef NEWSLENS_TEXT_H
#define NEWSLENS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* Visible stand-ins for characters that must never reach a terminal raw. */
/* Appends s[0..len) to out with every unsafe character replaced by a
 * visible placeholder: C0 controls and DEL become Control Pictures
 * (U+2400-U+241F, U+2421), C1 controls, bidi controls, U+2028, U+2029,
 * noncharacters and U+E0001 become "<U+XXXX>", each invalid UTF-8
 * sequence becomes U+FFFD; everything else is copied byte for byte. */
void	text_sanitize_into(struct buf *out, const char *s, size_t len);
/* Returns a sanitised, NUL-terminated copy of the C string s, owned by
 * the caller. */
char	*text_sanitize(const char *s);
/* Whether s[0..len) needs no sanitising (fast path). */
bool	text_is_safe(const char *s, size_t len);
/* The code point at s[pos] (pos < len), or -1 for a unit that is not
 * valid UTF-8; stores in *next the offset just past it. */
long	text_char_at(const char *s, size_t len, size_t pos, size_t *next);
/* Whether the code point is one text_sanitize_into would replace. */
bool	text_char_unsafe(long cp);

/* Display columns of the grapheme cluster starting at s[pos]; stores in
 * *next the byte offset just past it (0 and len when pos >= len). */
int	text_cluster(const char *s, size_t len, size_t pos, size_t *next);
/* Display columns of the whole string (sum over clusters). */
size_t	text_width(const char *s, size_t len);

struct wrap_line {
	size_t	start;	/* byte offset of the line's first byte */
	size_t	end;	/* byte offset just past its last byte; trailing spaces excluded */
	int	width;	/* display columns of [start,end) */
};

/* Lays out the line of s[0..len) starting at byte pos in at most width
 * columns (width < 1 counts as 1) into *line; returns where the next
 * line starts (spaces at the break skipped), or len when exhausted. */
size_t	text_wrap_next(const char *s, size_t len, size_t pos, int width,
	    struct wrap_line *line);
/* Wraps the whole text; returns the number of lines (at least one) and
 * stores a caller-owned array of them in *lines. */
size_t	text_wrap(const char *s, size_t len, int width,
	    struct wrap_line **lines);

/* Search folding (NFC + full Unicode case folding) of s[0..len); returns
 * a caller-owned NUL-terminated string, its length in *outlen (if not
 * NULL) and, if map is not NULL, a caller-owned array of *outlen + 1
 * source offsets in *map (map[i]: start of the source grapheme cluster
 * that produced output byte i; map[*outlen] == len). */
char	*text_fold(const char *s, size_t len, size_t *outlen, size_t **map);
/* Folding for search, so that it finds what the screen shows: text_fold,
 * then the typographic quotes, apostrophes, dashes and spaces as their
 * ASCII forms (text_ascii_punct), and, unless `diacritics`, every
 * diacritic (a combining mark of U+0300-U+036F, U+1AB0-U+1AFF,
 * U+1DC0-U+1DFF, U+20D0-U+20FF or U+FE20-U+FE2F, also within a
 * precomposed letter) left out: "Zoë" folds to "zoe", "UK’s" to "uk's".
 * The map is as text_fold's. */
char	*text_fold_search(const char *s, size_t len, bool diacritics,
	    size_t *outlen, size_t **map);
/* Whether s[0..len) holds a diacritic (as above), alone or within a
 * precomposed letter such as U+00E9. */
bool	text_has_diacritic(const char *s, size_t len);
/* The ASCII form of a typographic quote or apostrophe ('\'' or '"'), a
 * dash or minus sign ('-') or a space (' '), else 0: what a terminal
 * that cannot show cp shows, and what search folds cp to. */
int	text_ascii_punct(int32_t cp);

#endif
