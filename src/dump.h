/* dump.h - the story as plain wrapped text (--dump).
 *
 * Every item is marked with its number in brackets where it starts, as
 * lynx -dump numbers links, and numbered lists of the actors, claims,
 * quotes and "Read more" items follow the text. */
#ifndef NEWSLENS_DUMP_H
#define NEWSLENS_DUMP_H

#include "buf.h"
#include "story.h"

#define DUMP_WIDTH_DEFAULT 80

/* Appends the dump of st, wrapped to `width` display columns, to out. */
void	dump_story(const struct story *st, int width, struct buf *out);

#endif
