/* list.h - tab-separated tables of a story's items (--list KIND). */
#ifndef NEWSLENS_LIST_H
#define NEWSLENS_LIST_H

#include <stdbool.h>

#include "base/buf.h"
#include "model/story.h"

/* Whether KIND is one that list_story knows: actors, quotes, claims or
 * related. */
bool	list_kind_valid(const char *kind);
/* Appends the table of KIND, header row first, to out.  Returns false
 * (appending nothing) for an unknown kind. */
bool	list_story(const struct story *st, const char *kind,
	    struct buf *out);

#endif
