/* library.h - a library of stories: a folder (or a list of files), one
 * row a story, the index that keeps them, and what links them.
 *
 * Opening a library walks its folder (subfolders included, with a stack
 * of its own; symbolic links followed, a folder met twice skipped, so a
 * link loop ends) and finds every file named *.xml.  Anything else it
 * meets (a FIFO, a device, an unreadable file, a folder it cannot
 * open) is skipped with one line in the library's log, never more than
 * one a file, and never a crash.  A file that fails the checks of
 * format/load.h is a row all the same, "broken", with its first
 * message.
 *
 * The index (an SQLite database, one per library root, in
 * $XDG_CACHE_HOME/newslens/ or ~/.cache/newslens/) keeps each file's
 * row, its paragraphs for the text search (FTS5), its actors and its
 * "Read more" items.  At open, a file whose size, mtime and inode are
 * those the index has is taken from the index; any other is hashed, and
 * parsed only when its content changed.  The index is a cache, never
 * the truth: a database that is missing, locked for too long, corrupt,
 * foreign or of an older version is rebuilt (or, if it cannot be, left
 * alone and the files read directly), with a line in the log.  Nothing
 * is ever written into the library's folder.
 *
 * Every string handed out is sanitised (base/text.h) except
 * library_row's `path`, the file's own name, which is for opening: show
 * `shown`.  Everything returned is owned by the library and lives until
 * library_free, unless said otherwise.  There is no curses here. */
#ifndef NEWSLENS_LIBRARY_H
#define NEWSLENS_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "format/load.h"
#include "model/story.h"

struct library;

/* Called now and then while files are parsed (done of total); returns
 * true to stop there.  What was indexed until then is kept, and the
 * library holds the rows read so far. */
typedef bool	(*library_progress_fn)(void *arg, size_t done, size_t total);

struct library_opts {
	struct load_opts	 load;
	bool			 no_index;	/* read every file, write nothing */
	const char		*cache_dir;	/* NULL: $XDG_CACHE_HOME/newslens,
						 * else ~/.cache/newslens */
	library_progress_fn	 progress;	/* NULL: none */
	void			*progress_arg;
};

/* Fills *o with the defaults: the default size cap, the index on, the
 * default cache folder, no progress. */
void	library_opts_init(struct library_opts *o);

struct library_row {
	const char	*path;		/* the file, as opened: root/rel (raw) */
	const char	*shown;		/* path, sanitised */
	const char	*rel;		/* path from the root, sanitised */
	const char	*when;		/* the dateline's when, or NULL */
	const char	*headline;	/* "" for a broken story */
	const char	*source;	/* NULL when absent */
	size_t		 nactors;
	size_t		 nclaims;
	size_t		 nquotes;
	uint64_t	 size;		/* bytes */
	int64_t		 mtime;		/* seconds since the epoch */
	const char	*error;		/* NULL: valid; else its first message */
};

/* Opens the library in folder dir.  Returns a library owned by the
 * caller (library_free), or NULL when dir itself cannot be read, with
 * the problem in *d.  A stop asked by the progress callback is not a
 * failure: library_stopped says so. */
struct library	*library_open_dir(const char *dir, const struct library_opts *,
		    struct diag *d);
/* The same for a list of story files; their root (for "Read more"
 * hrefs) is the folder holding them all.  A list is not indexed. */
struct library	*library_open_files(char *const *paths, size_t n,
		    const struct library_opts *, struct diag *d);
void		 library_free(struct library *);

/* The rows, in the order of their paths from the root (byte order). */
size_t		 library_count(const struct library *);
const struct library_row *library_row(const struct library *, size_t row);
/* The root's real path (absolute, no symbolic link). */
const char	*library_root(const struct library *);
/* The log: one line a skipped file or an index problem, sanitised,
 * "FILE: message". */
size_t		 library_log_count(const struct library *);
const char	*library_log_line(const struct library *, size_t i);
/* Whether the progress callback stopped the opening. */
bool		 library_stopped(const struct library *);
/* Whether the rows came through the index (false with no_index, a list
 * of files, or an index that could not be used). */
bool		 library_indexed(const struct library *);
/* The row of the file at path (as a row's `path` or its real path), or
 * NONE. */
size_t		 library_find_path(const struct library *, const char *path);

/* Loads the story of a row, as format/load.h does.  NULL for a broken
 * row (its message in *d) or a file that changed into one since. */
struct story	*library_load(const struct library *, size_t row,
		    struct diag *d);

/* The list screen's rows: the library sorted and filtered.  Sorting is
 * a lookup (every order is built at open); filtering finds rows as they
 * are asked for, so a key press costs the rows it shows, not the
 * library's size. */
enum library_sort {
	LIBRARY_SORT_DATE,	/* newest first; undated last */
	LIBRARY_SORT_HEADLINE,	/* folded, A to Z */
	LIBRARY_SORT_SOURCE,	/* folded, A to Z; none last */
	LIBRARY_SORT_SIZE,	/* largest first */
	LIBRARY_NSORTS
};
/* "date", "headline", "source", "size". */
const char	*library_sort_name(enum library_sort);

struct library_view;

/* A view of every row, newest first.  Owned by the caller; it must not
 * outlive the library. */
struct library_view *library_view_new(struct library *);
void		 library_view_free(struct library_view *);
void		 library_view_sort(struct library_view *, enum library_sort);
enum library_sort library_view_order(const struct library_view *);
/* Keeps only the rows whose headline or source holds text[0..len),
 * folded as search folds (base/text.h text_fold_search); an empty text
 * keeps every row. */
void		 library_view_filter(struct library_view *, const char *text,
		    size_t len);
/* The row shown at position pos (from 0), or NONE past the last.  Costs
 * the rows it must look at beyond those already found. */
size_t		 library_view_row(struct library_view *, size_t pos);
/* The number of rows shown: exact when *complete (may be NULL) is set,
 * else a lower bound (the rows found so far).  O(1). */
size_t		 library_view_known(const struct library_view *,
		    bool *complete);
/* The exact number of rows shown; looks at every row not yet seen. */
size_t		 library_view_count(struct library_view *);
/* The position of a row in the view, or NONE when filtered out (to keep
 * the cursor on its row when the order changes). */
size_t		 library_view_find(struct library_view *, size_t row);

/* "Read more" items: the row that item `related` of st (the story of
 * `row`) leads to: by its href, confined to the library's root
 * (base/safepath.h), or, without href, the row whose headline matches
 * its title (library_title_key).  NONE when the library has no such
 * story. */
enum library_link {
	LIBRARY_LINK_NONE,
	LIBRARY_LINK_HREF,
	LIBRARY_LINK_TITLE
};
size_t		 library_related(struct library *, size_t row,
		    const struct story *st, size_t related,
		    enum library_link *how);
/* The row whose headline matches title, or NONE (the first in path order
 * when several do). */
size_t		 library_find_headline(struct library *, const char *title);
/* The key under which titles, headlines and actor names match: case
 * folded (text_fold_search, diacritics ignored), quotes, dashes and
 * every other punctuation read as a space, spaces collapsed.  Caller-
 * owned. */
char		*library_title_key(const char *s);

/* Actors across stories.  Two actors are the same when their ids match
 * and their kinds agree, when a name or alias of one matches one of the
 * other's once folded (library_title_key), or when one's same-as names
 * the other's id or same-as. */
struct library_place {
	size_t		 row;		/* the story */
	const char	*actor_id;	/* the actor's id there */
	size_t		 mentions;	/* its mentions there */
	size_t		 block;		/* its first mention: block and byte */
	size_t		 start;		/* offsets; block NONE when none */
	size_t		 end;
};
/* The other stories actor `actor` of st (the story of `row`) is in, in
 * path order, one place a story: a caller-owned array in *out (NULL
 * when none); returns the count. */
size_t		 library_actor_stories(struct library *, size_t row,
		    const struct story *st, size_t actor,
		    struct library_place **out);

struct library_actor {
	const char	*name;		/* as the first story names it */
	const char	*id;		/* its id there (or its same-as) */
	enum actor_kind	 kind;
	size_t		 nstories;
	size_t		 nmentions;	/* over all its stories */
	size_t		 parent;	/* a library_actor, or NONE at the top */
	size_t		 depth;		/* 0 for a root */
};
/* Every actor of the library, once, grouped by member-of as in a story
 * (each before its members, roots by folded name); built on the first
 * call.  Returns the count and the array (owned by the library). */
size_t		 library_actors(struct library *,
		    const struct library_actor **out);
/* The stories a library_actor is in, as library_actor_stories. */
size_t		 library_actor_places(struct library *, size_t lactor,
		    struct library_place **out);

/* Search across the library: the text of every valid story, headlines
 * included, folded as a story's search folds (model/search.h). */
struct library_hit {
	size_t	 row;
	size_t	 block;		/* NONE: the headline */
	size_t	 start;		/* byte offsets into the block's text */
	size_t	 end;
	char	*context;	/* a line around the match, sanitised */
	size_t	 cstart;	/* the match within context */
	size_t	 cend;
};
struct library_search;

/* Every match of needle[0..len), in path order, then reading order.
 * Caller-owned (library_search_free); never NULL. */
struct library_search *library_search(struct library *, const char *needle,
		    size_t len);
void		 library_search_free(struct library_search *);
size_t		 library_search_count(const struct library_search *);
const struct library_hit *library_search_hit(const struct library_search *,
		    size_t i);
/* The hit after (forward) or before hit `from`, going round; `from` NONE
 * starts at either end.  NONE when there are no hits. */
size_t		 library_search_step(const struct library_search *,
		    size_t from, bool forward);

#endif
