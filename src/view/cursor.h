/* cursor.h - edit mode's text cursor and selection, without a terminal.
 *
 * In edit mode a cursor sits in the article's text (struct reader's
 * cur) and moves as in vi: by grapheme cluster, word, sentence, line of
 * the layout and block.  `v` starts a selection at it that the motions
 * then extend; the selection stays within one block, since an item
 * cannot span two.  Every motion costs what it moves over, at most
 * CURSOR_SCAN_MAX bytes, and brings the cursor into view; scrolling
 * keeps the cursor on the screen.  ui.c only draws what is here and
 * hands the selection to the editing session. */
#ifndef NEWSLENS_CURSOR_H
#define NEWSLENS_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

#include "view/reader.h"

/* The most a word or sentence motion reads before it stops where it
 * got to: a motion in a paragraph of 20 MB without a full stop costs
 * what one in a short one does. */
#define CURSOR_SCAN_MAX ((size_t)1 << 16)

enum cursor_motion {
	CURSOR_LEFT,		/* h: the cluster before, in the block */
	CURSOR_RIGHT,		/* l: the cluster after, in the block */
	CURSOR_WORD_NEXT,	/* w: the start of the next word */
	CURSOR_WORD_PREV,	/* b: the start of this word or the one before */
	CURSOR_WORD_END,	/* e: the end of this word or the next */
	CURSOR_SENTENCE_NEXT,	/* ): the start of the next sentence */
	CURSOR_SENTENCE_PREV,	/* (: the start of this sentence or the one
				 * before */
	CURSOR_BLOCK_START,	/* 0 */
	CURSOR_BLOCK_END,	/* $: the block's last cluster */
	CURSOR_DOWN,		/* j: the line below, at the same column */
	CURSOR_UP		/* k */
};

/* Shows the cursor: on the focused item when it is on screen, else at
 * the start of the screen's first line of text. */
void	cursor_start(struct reader *);
/* Hides it and forgets the selection. */
void	cursor_stop(struct reader *);
/* Moves n times (n >= 1); with a selection, never out of its block.
 * The focus becomes the innermost item under the cursor.  False, with
 * a notice, when it could not move at all. */
bool	cursor_move(struct reader *, enum cursor_motion, unsigned long n);
/* Puts the cursor at the cluster that holds byte `at` of block (a
 * click), or extends the selection to it (a drag: from the press). */
void	cursor_set(struct reader *, size_t block, size_t at);
void	cursor_drag(struct reader *, size_t block, size_t from, size_t to);
/* Puts the cursor at the start of item (Tab, a jump), keeping it the
 * focus even when an item inside it starts there too. */
void	cursor_to_item(struct reader *, size_t item);
/* After the screen scrolled: a cursor it left is put on its first or
 * last line of text (unless a selection holds it to its block). */
void	cursor_keep_on_screen(struct reader *);
/* v: without a selection, starts one: the focused item's span when the
 * cursor is at that item's start, else the cluster under the cursor.
 * With one that is exactly an item's span inside another item, selects
 * the one around it; otherwise ends the selection. */
void	cursor_visual(struct reader *);
/* The selection as bytes [*start, *end) of *block; false when there is
 * none. */
bool	cursor_selection(const struct reader *, size_t *block, size_t *start,
	    size_t *end);
/* The row the cursor is on. */
struct row cursor_row(struct reader *);
/* Edit mode's status line: "-- EDIT --" (and " [+]" when dirty), then
 * the selection ("12 characters selected in paragraph 3: text") or
 * the focus as reader_status says it; caller-owned. */
char	*cursor_status(struct reader *, bool dirty);

#endif
