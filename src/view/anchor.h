/* anchor.h - the reader's places, found again after an edit.
 *
 * The reader holds items, claims, quotes, actors... as indices into the
 * story's arrays: its focus, the places of its history and the pages
 * open now and in those places.  An edit rebuilds the arrays, so before
 * one the reader's places are saved by what a file says (an item by
 * its block, span and kind; an actor by its id) and after it found
 * again, by bisection: a focus whose item is gone is no focus, a page
 * about something gone is closed.  Text is never edited, so rows and
 * cursor offsets stay as they are. */
#ifndef NEWSLENS_ANCHOR_H
#define NEWSLENS_ANCHOR_H

#include "view/reader.h"

struct anchors;

/* The reader's places, by what they are; caller-owned until
 * anchor_restore, which frees them. */
struct anchors	*anchor_save(const struct reader *);
/* Finds them again in the reader's story as it is now: sets the focus
 * and the history's places, and builds the open pages again. */
void		 anchor_restore(struct reader *, struct anchors *);

#endif
