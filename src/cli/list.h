/* list.h - tab-separated tables of a story's items (--list KIND). */
#ifndef NEWSLENS_LIST_H
#define NEWSLENS_LIST_H

#include <stdbool.h>

#include "base/buf.h"
#include "model/story.h"

/* The kind that KIND names: actors, quotes, claims, related or
 * mentions, or a prefix of just one of them (as options are
 * abbreviated).  NULL when it names none, with *ambiguous set when it
 * is a prefix of several. */
const char *list_kind_match(const char *kind, bool *ambiguous);
/* Appends the table of KIND, header row first, to out.  Returns false
 * (appending nothing) for an unknown kind. */
bool	list_story(const struct story *st, const char *kind,
	    struct buf *out);

#endif
