/* reader.h - what the reader shows, without a terminal.
 *
 * The reader's state: the wrapped layout of the story (block by block,
 * and within a block line by line, on demand, so that a key press or a
 * resize never rewraps the whole story), the scroll position, the focused item, the history of jumps,
 * the search, and the stack of pages (cards and views) opened over the
 * article.  The curses front end (ui.c) only draws this state and
 * calls these functions from its key table, so everything here is
 * tested headless. */
#ifndef NEWSLENS_READER_H
#define NEWSLENS_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "model/search.h"
#include "model/story.h"
#include "base/text.h"

/* The article's left margin: a paragraph number of at least three
 * digits, the claim bar and a space; reader_init() widens it for a
 * story of 1,000 blocks or more (struct reader's margin). */
#define READER_MARGIN 5

/* A row of the article: line `line` of block `block`; line == nlines
 * is the blank row after the block. */
struct row {
	size_t	block;
	size_t	line;
};

/* A block's lines, wrapped lazily from its start as far as asked:
 * lines [0, nlines) are those of text_wrap at `width`, and `next` is
 * where the line after them starts; `done` when they are all. */
struct layout {
	struct wrap_line *lines;	/* NULL until laid out */
	size_t		  nlines;
	size_t		  cap;
	size_t		  next;
	bool		  done;
	int		  width;	/* the width it was laid out for */
};

/* The layouts of long blocks at widths lately left (a resize and
 * back finds them again): this many, of at least READER_KEEP_LINES. */
#define READER_KEPT	4
#define READER_KEEP_LINES 1024

enum target_kind {
	TARGET_NONE,		/* a heading or plain text */
	TARGET_ITEM,		/* an item in the article: jump to it */
	TARGET_ACTOR,		/* open the actor's card */
	TARGET_CLAIM,		/* open the claim's card */
	TARGET_CLAIMS,		/* open the list of claims by x about y */
	TARGET_STORY,		/* open another story file */
	TARGET_CARD,		/* open the card of item a */
	TARGET_LIBRARY,		/* open story a of the library (at the
				 * first mention of actor b, or NONE) */
};

enum entry_style {
	ENTRY_PLAIN,
	ENTRY_HEADING,
	ENTRY_LINK,
};

struct entry {
	char		*text;	/* NULL until page_entry_text builds it */
	int		 indent;
	enum entry_style style;
	enum target_kind target;
	size_t		 a;	/* item, actor, claim or claimant */
	size_t		 b;	/* TARGET_CLAIMS: the subject */
	/* Bytes [hl_start, hl_end) of text show the item an excerpt is
	 * around (hl_end 0: nothing to show); set with the text. */
	size_t		 hl_start;
	size_t		 hl_end;
	/* A row of a table (the actors, the relations, the index): kept
	 * to one screen line, cut there; any other entry wraps. */
	bool		 oneline;
};

enum page_kind {
	PAGE_STATIC,		/* built once (the help) */
	PAGE_ACTOR,
	PAGE_CLAIM,
	PAGE_QUOTE,
	PAGE_RELATED,
	PAGE_ACTORS,
	PAGE_RELATIONS,
	PAGE_CLAIMS,		/* claims by a about b */
	PAGE_TIMELINE,
	PAGE_HELP,		/* the keys of screen a (built by reader.help) */
	PAGE_INDEX,		/* every claim, quote, "Read more" and actor */
};

/* At most this many pages are open at once; opening one more drops the
 * oldest, and opening one that is open brings it forward. */
#define READER_PAGES_MAX 16

struct index;

/* A card or a view: a titled list of entries.  Pages that wrap text
 * (claim, quote and "Read more" cards) are rebuilt from (kind, a, b)
 * when the width changes; the others do not depend on it. */
struct page {
	enum page_kind	 kind;
	size_t		 a;
	size_t		 b;
	char		*title;
	char		*filter;	/* PAGE_INDEX: what the rows hold */
	struct index	*index;		/* PAGE_INDEX: its rows (view/index.h) */
	struct entry	*entries;
	size_t		 n;
	size_t		 cap;
	size_t		 sel;	/* the focused entry, or NONE */
	size_t		 top;	/* the first entry on screen */
	size_t		 hit;	/* the entry of the current match, or NONE */
	size_t		 nlinks;	/* entries that lead somewhere */
};

/* What it takes to build a page again: for Back into a card. */
struct page_ref {
	enum page_kind	 kind;
	size_t		 a;
	size_t		 b;
	size_t		 sel;
	size_t		 top;
	char		*filter;
};

struct place {
	size_t		 focus;
	struct row	 top;
	struct page_ref	*pages;		/* the pages open then, bottom first;
					 * owned by the place */
	size_t		 npages;
};

#define READER_HISTORY_MAX 256
/* The most text a search reads at once to count its matches. */
#define READER_COUNT_MAX ((size_t)1 << 20)
#define READER_HITS 64
/* The most rows the relations view lists; it counts the rest. */
#define READER_RELATIONS_MAX 1000


/* What the reader's look-ups have cost since a test last zeroed it:
 * steps taken over items and lines, whole blocks folded for a search,
 * bytes of text folded for it and bytes wrapped.  Only tests read it,
 * to show that a key costs the same in a story of any shape. */
struct reader_cost {
	size_t	steps;
	size_t	folds;
	size_t	folded;
	size_t	wrapped;
};

/* Edit mode's text cursor and selection (view/cursor.h): a place in a
 * block's shown text, always at the start of a grapheme cluster. */
struct reader_cursor {
	bool	on;		/* edit mode: the cursor is shown */
	size_t	block;
	size_t	at;		/* byte offset into the block's text */
	int	want;		/* the column j and k keep to; -1: at's */
	bool	selecting;	/* v: from anchor to at, both included */
	size_t	anchor;		/* in the same block as at */
};

struct reader;
struct buf;

/* What the cards ask of a library, when the story was opened from one
 * (view/shelf.c); NULL otherwise. */
struct reader_links {
	const void	*ctx;
	/* The library story "Read more" item rel leads to (its href's,
	 * else the one whose headline matches its title), or NONE; what
	 * the card says of it, into b. */
	size_t	(*related)(const void *ctx, const struct reader *, size_t rel,
		    struct buf *b);
	/* Adds to p, under a heading, the other stories of the library
	 * that actor a of this story is in (TARGET_LIBRARY entries). */
	void	(*actor)(const void *ctx, const struct reader *, size_t a,
		    struct page *p);
};

struct reader {
	struct story	*st;
	char		*path;		/* the story's file; NULL: built in */
	int		 width;		/* columns of article text */
	int		 margin;	/* columns left of it */
	int		 rows;		/* rows of article */
	struct layout	*lay;		/* one per block, laid out lazily */
	struct layout	 kept[READER_KEPT];
	size_t		 kept_block[READER_KEPT];
	struct row	 top;
	size_t		 focus;		/* an item, or NONE */

	struct place	 back[READER_HISTORY_MAX];
	size_t		 nback;
	struct place	 fwd[READER_HISTORY_MAX];
	size_t		 nfwd;

	char		*needle;	/* the last search as typed, or NULL */
	char		*folded;	/* the same, search_fold()ed */
	size_t		 nfolded;
	struct search_hit hit;		/* the current match; hit.block is
					 * NONE when there is none */
	/* Every match, found at once only in a story of at most
	 * count_max bytes of text, so that a search costs the same in
	 * any story: in a longer one nhits is NONE and n and N read on
	 * to the next match. */
	struct search_hit *hits;
	size_t		 nhits;
	size_t		 count_max;
	/* The matches of blocks lately drawn or searched, by block %
	 * READER_HITS, found lazily around what is looked at
	 * (search_span); filled in even on a const reader. */
	struct search_span *drawn;

	struct page	**pages;	/* pages[npages - 1] is on top */
	size_t		 npages;
	int		 page_rows;	/* rows a page has on screen */
	int		 page_cols;	/* and columns */
	bool		 highlight;	/* the matches are shown */
	/* Builds the help of screen `mode` (the front end's keymaps); a
	 * page with only a title without it. */
	struct page	*(*help)(const void *ctx, size_t mode, int width);
	const void	*help_ctx;

	char		*notice;	/* a one-off message for the status
					 * line, or NULL */
	struct reader_cost *cost;	/* counted even on a const reader */
	struct reader_cursor cur;	/* edit mode's (view/cursor.h) */
	bool		 borrowed;	/* st belongs to someone else (an
					 * editing session): not freed */
	const struct reader_links *links; /* a library's, or NULL */
	/* Set by reader_follow on a TARGET_LIBRARY entry, for the
	 * caller to open: the library's row and the actor, else NONE. */
	size_t		 open_row;
	size_t		 open_actor;
};

/* Sets up a reader on st, which it then owns (path may be NULL). */
void	reader_init(struct reader *, struct story *st, const char *path);
void	reader_free(struct reader *);
/* Sets the article's size; the layout is redone lazily.  Keeps the
 * focused item, or else the top block, in view. */
void	reader_resize(struct reader *, int width, int rows);

/* The wrapped lines of a block at the current width, all of them (it
 * wraps the whole block: what is drawn asks reader_line). */
const struct layout *reader_layout(struct reader *, size_t block);
/* Line `line` of a block at the current width into *out, wrapping only
 * as far as it; false past the block's last line. */
bool	reader_line(struct reader *, size_t block, size_t line,
	    struct wrap_line *out);
/* The line of a block that holds byte `offset` (the last that starts
 * at or before it), wrapping only as far as it. */
size_t	reader_line_at(struct reader *, size_t block, size_t offset);
/* Moves r by n rows (negative: up); returns false at either end. */
bool	reader_row_step(struct reader *, struct row *r, long n);
/* Scrolls by n rows, clamped so the last row stays on the last line. */
void	reader_scroll(struct reader *, long n);
void	reader_top(struct reader *);
void	reader_bottom(struct reader *);
/* Puts the start of block (0-based; past the end: the last block), or
 * of the block `percent` of the way through, at the top, as far as
 * the end of the story allows. */
void	reader_goto_block(struct reader *, size_t block);
void	reader_goto_percent(struct reader *, unsigned long percent);
/* The row where an item starts. */
struct row reader_item_row(struct reader *, size_t item);
/* The innermost item that holds byte `offset` of block b, or NONE; the
 * items that enclose it follow by their parent.  O(log n), so that
 * drawing a line costs what is on it. */
size_t	reader_item_at(const struct reader *, size_t block, size_t offset);
/* The items of block b that start in bytes [from, to): they are
 * [*first, the return value). */
size_t	reader_items_in(const struct reader *, size_t block, size_t from,
	    size_t to, size_t *first);

/* Focuses an item and scrolls it into view; with `jump`, the place left
 * is recorded for Back. */
void	reader_focus(struct reader *, size_t item, bool jump);
/* Tab / Shift-Tab: the next item after the focus (or the first on
 * screen), of any kind. */
void	reader_focus_step(struct reader *, bool forward);
/* c, ', r and their capitals: the next item of kind after the focus or
 * the top of the screen.  Sets a notice when there is none. */
void	reader_jump_kind(struct reader *, enum item_kind, bool forward);
/* m / M: the next mention of the focused actor. */
void	reader_jump_mention(struct reader *, bool forward);
/* The actor the focus names: a mention's actor, a quote's speaker, a
 * claim's first claimant; NONE otherwise. */
size_t	reader_focus_actor(const struct reader *);
bool	reader_back(struct reader *);
bool	reader_forward(struct reader *);
/* Forgets every jump: where the reader is now is where Back stops (a
 * story opened at a place, from a library's list or results). */
void	reader_forget_history(struct reader *);

/* Runs a search and focuses the first hit after the top of the
 * screen; n / N move among hits, wrapping with a notice. */
void	reader_search(struct reader *, const char *needle, size_t len);
void	reader_search_step(struct reader *, bool forward);
/* The matches of the last search in block b, in order; 0 when there
 * is no search.  It reads the whole block: drawing asks reader_hit_at,
 * which reads only around the offset.  Valid until the next look-up. */
size_t	reader_block_hits(const struct reader *, size_t b,
	    const struct search_hit **hits);
/* The match of the last search that holds byte `offset` of block b, or
 * NULL; from the cache of the block's matches, widened only as far as
 * the offset, so that drawing a screen costs what is on it. */
const struct search_hit *reader_hit_at(const struct reader *, size_t b,
	    size_t offset);

/* Whether row is on the screen; brings it into view (a third of the
 * way down) when it is not. */
bool	reader_row_shown(struct reader *, struct row row);
void	reader_show_row(struct reader *, struct row row);
/* The item of kind `kind` over exactly bytes [start, end) of block, the
 * innermost when several are; NONE when there is none.  O(log n). */
size_t	reader_find_item(const struct reader *, size_t block, size_t start,
	    size_t end, enum item_kind kind);

/* The focus if it is on screen, else NONE: what keys act on. */
size_t	reader_visible_focus(struct reader *);
/* Hides the matches until the next search, n or N (less's ESC-u). */
void	reader_clear_highlight(struct reader *);
/* Searches the entries of the top page, from its focus or match;
 * reader_page_search_step moves among its matches, wrapping. */
void	reader_page_search(struct reader *, const char *needle, size_t len);
void	reader_page_search_step(struct reader *, bool forward);

/* Opens the card of the focused item (Enter in the article). */
bool	reader_open_focus(struct reader *);
/* Opens the card of an item of any kind but a mention's (its actor's). */
void	reader_open_item(struct reader *, size_t item);
/* The index, its rows filtered by `filter` (folded as search is). */
void	reader_open_index(struct reader *);
void	reader_index_filter(struct reader *, const char *filter);
/* The help of screen mode (see reader.help). */
void	reader_open_help(struct reader *, size_t mode);
/* The quote or claim that y copies: on a card, its item; on a view,
 * the focused entry's; in the article, the visible focus or the quote
 * or claim that holds it.  NONE when there is none. */
size_t	reader_copy_item(struct reader *);
/* That item's text with its citation (who, headline, date), sanitised,
 * caller-owned. */
char	*reader_citation(const struct reader *, size_t item);
void	reader_open_actor(struct reader *, size_t actor);
void	reader_open_claim(struct reader *, size_t claim);
void	reader_open_actors(struct reader *);
void	reader_open_relations(struct reader *);
void	reader_open_timeline(struct reader *);
void	reader_open_related(struct reader *, size_t related);
void	reader_open_quote(struct reader *, size_t quote);
/* Pushes a page built elsewhere (the help); the reader owns it then. */
void	reader_push_page(struct reader *, struct page *);
void	reader_close_page(struct reader *);
/* Builds page i again at the current width, keeping its place, if
 * it depends on the width. */
void	reader_rebuild_page(struct reader *, size_t i);
/* Enter on the focused entry of the top page.  Returns the path of a
 * story to open (TARGET_STORY; caller-owned), else NULL. */
char	*reader_follow(struct reader *);
/* Moves the top page's focus by n entries (or scrolls it when it has
 * nothing to focus), keeping it within `rows` rows on screen. */
void	reader_page_step(struct reader *, long n, int rows);
/* The same by n screen lines of entries (a page, half a page): the
 * focus goes to the last entry that many lines away, as entries wrap
 * onto several lines. */
void	reader_page_step_rows(struct reader *, long n, int rows);

/* The status line for the focus (or the top paragraph), or on a page
 * for its focused entry and its place, as UTF-8; caller-owned. */
char	*reader_status(struct reader *);
/* Where the screen is, into out: "(END)", "more below", "more above
 * and below", "more above" or "" when everything is shown; on a page,
 * after the focused entry's place ("entry 3 of 12; more below"). */
void	reader_where(struct reader *, char *out, size_t size);
/* Sets the one-off notice (printf-style). */
void	reader_notify(struct reader *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Says on the status line which story this is (its file, sanitised),
 * which paragraphs the screen shows and how far into it its bottom is,
 * and what it holds. */
void	reader_notify_where(struct reader *);

/* The open pages as refs (caller-owned, reader_free_refs), and back:
 * how history keeps the cards a jump left. */
struct page_ref *reader_page_refs(const struct reader *, size_t *n);
void	reader_free_refs(struct page_ref *, size_t n);
void	reader_restore_pages(struct reader *, const struct page_ref *,
	    size_t n);

/* A row of the index (view/index.h), into row: kind, who, paragraph,
 * id and text of item a (t TARGET_CARD), or actor a's kind, name and
 * mentions (TARGET_ACTOR). */
void	page_index_row(const struct story *, enum target_kind t, size_t a,
	    struct buf *row);
/* What the index's filter reads of that row: the row with every name
 * whole, where the row cuts them to its column. */
void	page_index_key(const struct story *, enum target_kind t, size_t a,
	    struct buf *key);
/* How far in the lines after an entry's first start. */
#define PAGE_HANG 2
/* The screen lines entry e takes on a page r->page_cols wide, at most
 * max of them (at least one), into lines when it is not NULL: the
 * first from column 1 + indent, the others PAGE_HANG columns further
 * in; a oneline entry takes one, cut when drawn.  It wraps no more
 * text than max lines hold, so a huge entry costs what is shown. */
size_t	page_entry_lines(const struct reader *, struct entry *e,
	    struct wrap_line *lines, size_t max);
/* Whether entries [from, to] of p fit in `rows` screen lines. */
bool	page_fits(const struct reader *, struct page *, size_t from,
	    size_t to, size_t rows);
/* The entry that screen line y of the page's rows shows (0: the line
 * of entry p->top), or NONE: what a click there is on. */
size_t	page_entry_at(const struct reader *, struct page *, size_t y,
	    size_t rows);
/* Scrolls p, if need be, so that entry i is on screen whole (or, if
 * it is longer than the screen, from its start). */
void	page_bring_into_view(const struct reader *, struct page *,
	    size_t i, size_t rows);

/* Page construction, shared with the help screen. */
struct page *page_new(const char *title);
struct entry *page_add(struct page *, enum entry_style, int indent,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	page_free(struct page *);
/* The id of a claim, quote or "Read more" item ("c5", "q1", "r1");
 * NULL for a mention, which has none. */
const char *reader_item_id(const struct story *, size_t item);
/* An entry's text, built the first time it is asked for (the long
 * lists of a card are built that way); owned by the page. */
const char *page_entry_text(const struct story *, struct entry *);

#endif
