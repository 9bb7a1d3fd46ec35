/* shelf.h - the library session: several stories open at once, the
 * list of a library's stories, and the ways from one to another.
 *
 * A shelf is a stack of frames, the one on top being what the screen
 * shows: the list of stories (at the bottom, when a library was opened),
 * the log of skipped files, the library's actors, an actor's stories,
 * the results of a search across the library, and stories, each with its
 * own reader.  The reader of the story on top is the caller's (the
 * front end draws it as struct ui's reader): the shelf moves it into its
 * frame when another frame opens over it, and back when that one closes,
 * so that Backspace returns to the story and the item one came from.
 *
 * What the shelf knows of the library it asks of a struct shelf_source
 * (the index of src/library, mapped onto it in tui/libsource.c; tests
 * give their own); everything it keeps is sanitised text. */
#ifndef NEWSLENS_SHELF_H
#define NEWSLENS_SHELF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "format/load.h"
#include "view/reader.h"

/* One story of the library, one row of the list.  Every string is
 * sanitised and owned by the shelf once added. */
struct shelf_row {
	char		*path;		/* the file, for opening: never shown */
	char		*shown;		/* the same, sanitised (set by the
					 * shelf) */
	char		*when;		/* ISO 8601; "" when undated */
	char		*headline;
	char		*source;	/* "" when none */
	size_t		 nactors;
	size_t		 nclaims;
	size_t		 nquotes;
	unsigned long long size;	/* bytes */
	char		*broken;	/* --check's first message; NULL:
					 * valid */
	char		*folded;	/* headline and source, folded for
					 * the filter (set by the shelf at
					 * its first use; NULL until then) */
};

/* A match of a search across the library. */
struct shelf_hit {
	size_t		 row;
	size_t		 block;		/* 0-based paragraph */
	size_t		 start;		/* bytes into the block's text */
	char		*context;	/* a line around it, sanitised */
	size_t		 hl_start;	/* the match, bytes into context */
	size_t		 hl_end;
};

/* Where an actor is in a story of the library. */
struct shelf_ref {
	size_t		 row;
	char		*actor;		/* its id in that story */
	size_t		 mentions;
};

/* An actor of the whole library. */
struct shelf_actor {
	char		*name;
	size_t		 parent;	/* member-of: an index, or NONE */
	size_t		 depth;		/* under how many parents */
	size_t		 nstories;
	size_t		 nmentions;
};

/* The library's answers.  Arrays returned are caller-owned (freed with
 * shelf_free_hits, shelf_free_refs, shelf_free_actors). */
struct shelf_source {
	void	*ctx;
	/* Every match of needle across the library, in list order. */
	size_t	(*search)(void *ctx, const char *needle,
		    struct shelf_hit **hits);
	/* The row "Read more" item rel of st (the story of row) leads
	 * to, or NONE; *by_title says whether its headline matched. */
	size_t	(*related)(void *ctx, size_t row, const struct story *st,
		    size_t rel, bool *by_title);
	/* The row of the story file at path, or NONE. */
	size_t	(*path_row)(void *ctx, const char *path);
	/* The rows other than `row` where actor a of st (its story) is. */
	size_t	(*actor_refs)(void *ctx, size_t row, const struct story *st,
		    size_t a, struct shelf_ref **refs);
	/* The library's actors, each after the one it is a member of. */
	size_t	(*actors)(void *ctx, struct shelf_actor **actors);
	/* The rows where library actor `actor` is. */
	size_t	(*actor_rows)(void *ctx, size_t actor,
		    struct shelf_ref **refs);
};

enum shelf_order {
	SHELF_BY_DATE,		/* newest first */
	SHELF_BY_HEADLINE,
	SHELF_BY_SOURCE,
	SHELF_BY_SIZE,		/* largest first */
	SHELF_NORDERS
};

enum shelf_screen {
	SHELF_LIST,		/* the stories */
	SHELF_LOG,		/* files skipped */
	SHELF_ACTORS,		/* the library's actors */
	SHELF_REFS,		/* the stories of one of them */
	SHELF_RESULTS,		/* a search across the library */
	SHELF_STORY,		/* a story in its reader */
	SHELF_HELP,		/* the keys of the screen under it */
};

struct shelf_frame {
	enum shelf_screen kind;
	size_t		 sel;		/* the focused entry */
	size_t		 top;		/* the first entry on screen */
	size_t		 row;		/* SHELF_STORY: its row, or NONE;
					 * SHELF_REFS: the library actor */
	bool		 from_results;	/* SHELF_STORY: n, N step through
					 * the library's results */
	struct reader	 r;		/* SHELF_STORY under another frame */
	bool		 held;		/* r holds a story */
	struct shelf_ref *refs;		/* SHELF_REFS */
	size_t		 nrefs;
	struct page	*page;		/* SHELF_HELP, owned */
};

struct shelf {
	struct shelf_source src;
	struct load_opts load;
	bool		 library;	/* the list is at the bottom */

	struct shelf_row *rows;		/* in the order added */
	size_t		 nrows;
	char		**log;		/* files skipped, one line each */
	size_t		 nlog;

	enum shelf_order order;
	size_t		*sorted;	/* every row, in order */
	size_t		*view;		/* those the filter keeps */
	size_t		 nview;
	size_t		*place;		/* row -> its place in view, or NONE */
	char		*filter;	/* NULL: none */

	char		*needle;	/* the last library search */
	struct shelf_hit *hits;
	size_t		 nhits;
	struct shelf_actor *actors;	/* asked for at the first A */
	size_t		 nactors;
	bool		 have_actors;

	struct shelf_frame *frames;	/* frames[nframes - 1] on top */
	size_t		 nframes;
	int		 width;		/* the article's size, for stories */
	int		 rows_shown;	/* opened from here */
	char		*notice;	/* for the status line, or NULL */
	/* What the cards of stories opened from here ask the library. */
	struct reader_links links;
};

/* A shelf on src; `library` puts the list at the bottom (a folder or
 * several files), else the first story opened is the bottom. */
void	shelf_init(struct shelf *, const struct shelf_source *src,
	    const struct load_opts *load, bool library);
/* Frees everything; *live too when a story is on top. */
void	shelf_free(struct shelf *, struct reader *live);
/* A row, copied (the strings sanitised again, never trusted); a line
 * of the log. */
void	shelf_add_row(struct shelf *, const struct shelf_row *);
void	shelf_add_log(struct shelf *, const char *line);
/* After the rows: sorts them newest first and opens the list. */
void	shelf_ready(struct shelf *);

struct shelf_frame *shelf_top(struct shelf *);
/* Whether the frame on top is a story (in the caller's reader). */
bool	shelf_reading(const struct shelf *);
/* The row of the story on top, or NONE. */
size_t	shelf_story_row(const struct shelf *);
/* How many entries the frame on top lists. */
size_t	shelf_count(const struct shelf *);
/* Moves its focus by n entries, kept within `rows` rows on screen;
 * beyond either end it stops there. */
void	shelf_move(struct shelf *, long n, int rows);
/* The article's size the stories opened from here are laid out for. */
void	shelf_resize(struct shelf *, int width, int rows);

/* s: the next order, the focused row kept. */
void	shelf_sort_next(struct shelf *);
const char *shelf_order_name(enum shelf_order);
/* f: the rows whose headline or source hold filter (folded as search
 * is); NULL or "" keeps every row. */
void	shelf_filter(struct shelf *, const char *filter);
/* The row of entry i of the list as it is shown. */
const struct shelf_row *shelf_list_row(const struct shelf *, size_t i);

/* The story already in *live (opened by the caller) as the frame on
 * top, of row `row` or NONE. */
void	shelf_adopt(struct shelf *, struct reader *live, size_t row);
/* The help (the shelf owns the page from now on). */
void	shelf_open_help(struct shelf *, struct page *);
/* L, A, /: the log, the library's actors, a search across it. */
void	shelf_open_log(struct shelf *);
void	shelf_open_actors(struct shelf *);
void	shelf_search(struct shelf *, const char *needle);
/* Entry i of the frame on top (not the list) as text for `cols`
 * columns, with the part to highlight (hl_end 0: none), into b; its
 * indent.  A result's headline is cut to a third of them, and its
 * context to show the match. */
int	shelf_entry(const struct shelf *, size_t i, int cols, struct buf *b,
	    size_t *hl_start, size_t *hl_end);
/* The title of the frame on top. */
void	shelf_title(const struct shelf *, struct buf *);

/* Enter on the focused entry: a story opened (true), or why not in
 * the notice. */
bool	shelf_follow(struct shelf *, struct reader *live);
/* Opens row (NONE: the file at path, not in the library) over what is
 * on top; at actor `actor` (its id there) when not NULL, at the
 * matches of needle from (block, start) when needle is not NULL. */
bool	shelf_open(struct shelf *, size_t row, const char *path,
	    struct reader *live, const char *actor, const char *needle,
	    size_t block, size_t start);
/* Enter on a card's library entry (reader_follow set live->open_row). */
bool	shelf_follow_card(struct shelf *, struct reader *live);
/* q or Backspace: closes the frame on top, unless it is the bottom
 * one; the story under it back into *live.  False at the bottom. */
bool	shelf_back(struct shelf *, struct reader *live);
/* n, N in a story opened from the library's results: the next result,
 * in this story or the next one.  False when the story was not. */
bool	shelf_step_hit(struct shelf *, struct reader *live, bool forward);
/* "story 12 of 480" for the story on top; "" when it is not listed. */
void	shelf_position(const struct shelf *, char *out, size_t size);
/* Sets the notice (printf-style). */
void	shelf_notify(struct shelf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

void	shelf_free_hits(struct shelf_hit *, size_t n);
void	shelf_free_refs(struct shelf_ref *, size_t n);
void	shelf_free_actors(struct shelf_actor *, size_t n);

#endif
