/* write.h - a story written back as format version 1, canonically.
 *
 * The one writer of story files: the editor's save, --canonical and
 * --import all write through it.  Everything the model keeps is written
 * (the head, every actor with its aliases and note, every block with its
 * id, every mention, claim and quote with all their attributes, "Read
 * more" items with their actors and href, the comments where they
 * stood), in a fixed order with a fixed indentation, so that a story
 * written, read and written again comes out byte for byte the same.
 * Characters that must not appear raw (controls, bidi controls, line
 * and paragraph separators, noncharacters) are written as character
 * references; the text is the file's (story_raw), not its placeholders.
 * Paragraphs are wrapped at spaces, which the format folds into one. */
#ifndef NEWSLENS_WRITE_H
#define NEWSLENS_WRITE_H

#include <stdio.h>

#include "base/buf.h"
#include "model/story.h"

/* Lines of a paragraph are broken at the first space after this many
 * columns (counted in code points). */
#define WRITE_WIDTH 80

/* Appends the story, as a file, to out. */
void	write_story_buf(const struct story *, struct buf *out);
/* Writes the story to fp, a block at a time; 0, or -1 with errno set
 * when a write failed (fp is not closed). */
int	write_story_file(const struct story *, FILE *fp);

#endif
