/* dump.h - the story as plain wrapped text (--dump).
 *
 * Every item is marked with its number in brackets where it starts, as
 * lynx -dump numbers links, and numbered lists of the actors, claims,
 * quotes and "Read more" items follow the text. */
#ifndef NEWSLENS_DUMP_H
#define NEWSLENS_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"
#include "model/story.h"

#define DUMP_WIDTH_DEFAULT 80

/* Appends the dump of st, wrapped to `width` display columns, to out.
 * With fp, whatever has piled up in out is written to fp as the dump
 * goes (the rest stays in out for the caller); returns false if such a
 * write failed. */
bool	dump_story(const struct story *st, int width, struct buf *out,
	    FILE *fp);

#endif
