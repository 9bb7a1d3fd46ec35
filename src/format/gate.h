/* gate.h - what makes a file safe to parse, in one place.
 *
 * A story may come from anyone.  Both of the loader's paths (load.c,
 * which reads a story whole and words every message, and load_stream.c,
 * which streams a valid one) and the importer's XML go through the
 * same rules, all of them here:
 *
 *   - the file: a regular file, never a folder, FIFO or device, opened
 *     without waiting for a writer and without becoming the controlling
 *     terminal, read to its end but never past the size cap (gate_open);
 *   - the parser: no network, no DTD loading, no entity substitution,
 *     no XML_PARSE_HUGE (GATE_XML_OPTIONS); every entity declaration and
 *     every document type declaration refused (the paths' handlers);
 *   - the encoding: UTF-8 alone (gate_encoding_ok);
 *   - the shapes that take libxml2 2.9 into its quadratic corners: at
 *     most GATE_MAX_ATTRIBUTES attributes on an element, counted before
 *     the parser sees them, GATE_MAX_INLINE marked-up spans in a block
 *     and GATE_MAX_DEPTH levels of elements.
 *
 * newslens(5), "Safety", documents them for people. */
#ifndef NEWSLENS_GATE_H
#define NEWSLENS_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/parser.h>

#define GATE_MAX_ATTRIBUTES	32
#define GATE_MAX_INLINE		10000
#define GATE_MAX_DEPTH		256	/* as libxml2's own limit */

/* COMPACT keeps short text (most attribute values) inside its node:
 * fewer allocations for a tree that is only read. */
#define GATE_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | \
	XML_PARSE_BIG_LINES | XML_PARSE_COMPACT)

enum gate_refusal {
	GATE_OPEN,		/* open(2) failed: errno */
	GATE_STAT,		/* fstat(2) failed: errno */
	GATE_FOLDER,
	GATE_NOT_REGULAR,
	GATE_TOO_BIG,
	GATE_READ		/* read(2) failed: errno */
};

/* Opens path to be read as a story file of at most max bytes: the
 * descriptor (close it), its size now in *size; or -1 with the reason
 * in *why (and errno for GATE_OPEN and GATE_STAT). */
int	gate_open(const char *path, size_t max, size_t *size,
	    enum gate_refusal *why);
/* The bytes of fd, read to its end but never past max: a caller-owned,
 * NUL-terminated copy (its length in *lenp), or NULL with the reason in
 * *why (GATE_TOO_BIG, or GATE_READ and errno).  cap is a first guess of
 * the size (the file's, when it is known). */
char	*gate_read(int fd, size_t max, size_t cap, size_t *lenp,
	    enum gate_refusal *why);
/* What gate_open's or gate_read's refusal means, in the loader's words: "cannot open:
 * No such file or directory", "is a directory, not a story file"... */
void	gate_describe(enum gate_refusal, int err, size_t max, char *out,
	    size_t n);
/* The count of attributes on every element, made before libxml2 sees
 * the bytes (it is quadratic in them), a chunk at a time: the same
 * verdict on the same bytes however they are cut.  Start from a zeroed
 * struct. */
enum gate_scan_mode {
	GATE_SCAN_TEXT,		/* looking for '<' */
	GATE_SCAN_OPEN,		/* just after '<' */
	GATE_SCAN_BANG,		/* after "<!", matching "--" or "[CDATA[" */
	GATE_SCAN_COMMENT,	/* looking for "-->" */
	GATE_SCAN_CDATA,	/* looking for "]]>" */
	GATE_SCAN_TAG		/* in a start or end tag, counting '=' */
};

struct gate_scan {
	enum gate_scan_mode	 mode;
	size_t			 matched;	/* of "--", "[CDATA[", or of
						 * the closing "--" / "]]" */
	bool			 cdata;		/* GATE_SCAN_BANG: matching
						 * "[CDATA[" */
	char			 quote;		/* GATE_SCAN_TAG: in a quoted
						 * value */
	size_t			 attrs;		/* GATE_SCAN_TAG: '=' so far */
	size_t			 offset;	/* bytes scanned */
	size_t			 tag_at;	/* where the last tag began */
};

/* Scans the next n bytes; false as soon as an element has more than
 * GATE_MAX_ATTRIBUTES attributes (its '<' at sc->tag_at). */
bool	gate_scan_chunk(struct gate_scan *sc, const char *p, size_t n);

/* Whether the encoding a document declares (NULL: none) is UTF-8. */
bool	gate_encoding_ok(const char *declared);

#endif
