/* when.h - the dates and times of the story format (newslens(5),
 * "Dates and times"), checked in one place.
 *
 * A `when` is an ISO 8601 calendar date with reduced precision, YYYY,
 * YYYY-MM or YYYY-MM-DD, the last optionally followed by THH:MM, then
 * :SS (00 to 60, for a leap second) with an optional decimal fraction,
 * then Z or an offset +HH:MM / -HH:MM.  The day must exist in its month
 * (February 29th only in a leap year).  The loader, on both of its
 * paths, and the importer, before it writes one, ask this; the schema
 * leaves it to them, as a pattern cannot know the calendar. */
#ifndef NEWSLENS_WHEN_H
#define NEWSLENS_WHEN_H

#include <stdbool.h>
#include <stddef.h>

#define WHEN_WHY_MAX 96	/* room for any reason when_check gives */

/* Whether s is a `when`.  If not, and why is not NULL, the reason, in
 * words that follow "is not a date: " ("February has no 30th", "there
 * is no hour 24"), NUL-terminated in why[0..n). */
bool	when_check(const char *s, char *why, size_t n);

#endif
