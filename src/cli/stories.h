/* stories.h - the command line's library modes: --list stories DIR and
 * --search TEXT DIR, through the library and its index
 * (library/library.h). */
#ifndef NEWSLENS_STORIES_H
#define NEWSLENS_STORIES_H

#include <stdbool.h>
#include <stddef.h>

#include "library/library.h"

struct stories_opts {
	struct library_opts	 lib;
	size_t			 limit;		/* rows at most; 0: all */
};

/* --list stories DIR: `path when headline source actors claims quotes`,
 * a header row first, one row a valid story, newest first; skipped files,
 * broken stories and index messages on standard error.  Returns the exit
 * status. */
int	stories_list(const char *dir, const struct stories_opts *);
/* --search TEXT DIR: every match, `PATH:PARAGRAPH: context` a line
 * (paragraph 0 is the headline).  Returns 0 when something matched, 1
 * when nothing did (or the library cannot be read). */
int	stories_search(const char *text, const char *dir,
	    const struct stories_opts *);

#endif
