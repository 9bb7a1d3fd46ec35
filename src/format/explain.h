/* explain.h - libxml2's messages about a story, told in the words of
 * the story format (newslens(5)) instead: "actor 'x': kind 'alien' is
 * not one of country, …" rather than "Element actor failed to validate
 * attributes".  Internal to format/: load.c routes every parser and
 * schema error through here, at one place.
 *
 * The schema's errors name an element, not always the right one, and
 * come in cascades (the element, then each ancestor "has extra
 * content").  explain_schema looks at the element itself against a
 * table of the format, says what is wrong with it once, and drops the
 * cascade; what the table cannot explain keeps libxml2's words. */
#ifndef NEWSLENS_EXPLAIN_H
#define NEWSLENS_EXPLAIN_H

#include <stdbool.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"

/* What one validation has said so far. */
struct explain {
	const xmlDoc	*doc;
	const xmlNode	*done;	/* the last element explained, or NULL */
	bool		 said;	/* anything reported yet */
	struct buf	 pending; /* an error that named no element, kept
				 * in case none after it does */
};

/* Puts the message for a parser error in *msg and its line in *line
 * (0 when unknown); false when the error adds nothing and is dropped
 * (the echo of one already given). */
bool	explain_parse(const xmlError *err, struct buf *msg,
	    unsigned long *line);
/* The same for a schema error; ex carries what was said before. */
bool	explain_schema(struct explain *ex, const xmlError *err,
	    struct buf *msg, unsigned long *line);
/* After the validation: the message still to say, if any (true), in
 * *msg; frees what ex holds. */
bool	explain_finish(struct explain *ex, struct buf *msg);

#endif
