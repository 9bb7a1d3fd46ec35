/* keys.c - the actions, named once, and the keymap of each screen.
 *
 * The loop and the prompt dispatch on these maps, the help screen (?)
 * is generated from them, and a test checks them against newslens(1)
 * both ways.  A screen's map falls back to its parent's (a view's to a
 * card's, a card's to the common one), as vis' modes do, so that j is
 * "scroll" in the article and "next entry" on a card without either
 * asking where it is. */
#include "config.h"

#include "tui/keys.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "tui/editmode.h"
#include "tui/ui.h"
#include "view/cursor.h"
#include "view/shelf.h"

static struct page *
keys_top_page(struct ui *u)
{
	return u->r.npages ? u->r.pages[u->r.npages - 1] : NULL;
}

/* ---- moving ------------------------------------------------------- */

/* Moves by n lines of the article, or n entries of the card on top,
 * times the count typed before the key: as far as a long goes, which
 * is past either end. */
static void
keys_move_by(struct ui *u, long n)
{
	long far = LONG_MAX / (n < 0 ? -n : n);

	if (u->count > 0)
		n = u->count < (unsigned long)far ? n * (long)u->count :
		    n < 0 ? -far : far;
	if (keys_top_page(u))
		reader_page_step(&u->r, n, ui_page_rows(u));
	else
		reader_scroll(&u->r, n);
}

/* A page of the article keeps two lines of the last in view; a page of
 * a card keeps one entry. */
static long
keys_page_size(struct ui *u)
{
	if (keys_top_page(u))
		return ui_page_rows(u) > 1 ? ui_page_rows(u) - 1 : 1;
	return u->r.rows > 2 ? u->r.rows - 2 : 1;
}

static long
keys_half_page(struct ui *u)
{
	int rows = keys_top_page(u) ? ui_page_rows(u) : u->r.rows;

	return rows > 1 ? rows / 2 : 1;
}

/* A page or half of one: on a card, n screen lines of its entries,
 * which wrap (reader_page_step_rows), times the count. */
static void
keys_move_rows(struct ui *u, long n)
{
	unsigned long c = u->count > 0 ? u->count : 1;
	long rows = ui_page_rows(u);

	if (!keys_top_page(u)) {
		keys_move_by(u, n);
		return;
	}
	/* More than the page holds is as far as it goes. */
	if (c > (unsigned long)(LONG_MAX / (n < 0 ? -n : n)))
		c = (unsigned long)(LONG_MAX / (n < 0 ? -n : n));
	reader_page_step_rows(&u->r, n * (long)c, (int)rows);
}

static void act_down(struct ui *u, int k) { (void)k; keys_move_by(u, 1); }
static void act_up(struct ui *u, int k) { (void)k; keys_move_by(u, -1); }
static void act_page_down(struct ui *u, int k)
{ (void)k; keys_move_rows(u, keys_page_size(u)); }
static void act_page_up(struct ui *u, int k)
{ (void)k; keys_move_rows(u, -keys_page_size(u)); }
static void act_half_down(struct ui *u, int k)
{ (void)k; keys_move_rows(u, keys_half_page(u)); }
static void act_half_up(struct ui *u, int k)
{ (void)k; keys_move_rows(u, -keys_half_page(u)); }

/* g and G with a count go to that paragraph of the article. */
static bool
keys_goto_counted(struct ui *u)
{
	if (u->count == 0 || keys_top_page(u))
		return false;
	reader_goto_block(&u->r, u->count - 1);
	return true;
}

static void
keys_act_top(struct ui *u, int k)
{
	struct page *p = keys_top_page(u);

	(void)k;
	if (keys_goto_counted(u))
		return;
	if (p) {
		reader_page_step(&u->r, -(long)p->n, ui_page_rows(u));
		p->top = 0;
	} else
		reader_top(&u->r);
}

static void
keys_act_bottom(struct ui *u, int k)
{
	struct page *p = keys_top_page(u);

	(void)k;
	if (keys_goto_counted(u))
		return;
	if (p)
		reader_page_step(&u->r, (long)p->n, ui_page_rows(u));
	else
		reader_bottom(&u->r);
}

static void
keys_act_percent(struct ui *u, int k)
{
	(void)k;
	reader_goto_percent(&u->r, u->count);
}

/* ---- items -------------------------------------------------------- */

static void
keys_act_next(struct ui *u, int k)
{
	(void)k;
	reader_focus_step(&u->r, true);
}

static void
keys_act_prev(struct ui *u, int k)
{
	(void)k;
	reader_focus_step(&u->r, false);
}

static void
keys_act_open(struct ui *u, int k)
{
	(void)k;
	reader_open_focus(&u->r);
}

static void
keys_act_follow(struct ui *u, int k)
{
	char *path = reader_follow(&u->r);

	(void)k;
	if (path) {
		free(u->open_path);
		u->open_path = path;
	}
}

#define JUMP(name, kind, fwd) \
static void name(struct ui *u, int k) \
{ (void)k; reader_jump_kind(&u->r, kind, fwd); }
JUMP(act_claim_next, ITEM_CLAIM, true)
JUMP(act_claim_prev, ITEM_CLAIM, false)
JUMP(act_quote_next, ITEM_QUOTE, true)
JUMP(act_quote_prev, ITEM_QUOTE, false)
JUMP(act_related_next, ITEM_RELATED, true)
JUMP(act_related_prev, ITEM_RELATED, false)

static void act_mention_next(struct ui *u, int k)
{ (void)k; reader_jump_mention(&u->r, true); }
static void act_mention_prev(struct ui *u, int k)
{ (void)k; reader_jump_mention(&u->r, false); }

/* y: OSC 52 (ui.c) with the citation; what the file holds is
 * sanitised in reader_citation. */
static void
keys_act_copy(struct ui *u, int k)
{
	size_t item = reader_copy_item(&u->r);
	const struct item *it;
	const char *kind, *id;
	char *text;

	(void)k;
	if (item == NONE) {
		reader_notify(&u->r, "nothing to copy: focus a quote or a "
		    "claim first");
		return;
	}
	it = &u->r.st->items[item];
	kind = story_item_kind_name(it->kind);
	id = it->kind == ITEM_QUOTE ? u->r.st->quotes[it->ref].id :
	    u->r.st->claims[it->ref].id;
	text = reader_citation(&u->r, item);
	/* Under tmux the copy may be dropped: the status says on what. */
	if (!ui_copy(u, text))
		reader_notify(&u->r, "sent %s %s to tmux, which keeps it with "
		    "set-clipboard on", kind, id);
	else
		reader_notify(&u->r, "copied %s %s with its citation (%zu "
		    "bytes) to the clipboard", kind, id, strlen(text));
	free(text);
}

/* ---- history ------------------------------------------------------ */

static void
keys_act_back(struct ui *u, int k)
{
	(void)k;
	if (!ui_close_story(u))
		reader_back(&u->r);
}

static void
keys_act_forward(struct ui *u, int k)
{
	(void)k;
	reader_forward(&u->r);
}

/* ---- search ------------------------------------------------------- */

static void
keys_act_search(struct ui *u, int k)
{
	char *needle = ui_prompt(u, "/");
	bool page = keys_top_page(u) != NULL;

	(void)k;
	if (needle == NULL)
		return;
	if (*needle != '\0') {
		if (page)
			reader_page_search(&u->r, needle, strlen(needle));
		else
			reader_search(&u->r, needle, strlen(needle));
	} else if (u->r.needle != NULL) {
		if (page)
			reader_page_search_step(&u->r, true);
		else
			reader_search_step(&u->r, true);
	}
	free(needle);
}

static void
keys_act_search_next(struct ui *u, int k)
{
	(void)k;
	if (!keys_top_page(u) && shelf_step_hit(u->shelf, &u->r, true))
		ui_adopt(u);
	else if (keys_top_page(u))
		reader_page_search_step(&u->r, true);
	else
		reader_search_step(&u->r, true);
}

static void
keys_act_search_prev(struct ui *u, int k)
{
	(void)k;
	if (!keys_top_page(u) && shelf_step_hit(u->shelf, &u->r, false))
		ui_adopt(u);
	else if (keys_top_page(u))
		reader_page_search_step(&u->r, false);
	else
		reader_search_step(&u->r, false);
}

static void
keys_act_unhighlight(struct ui *u, int k)
{
	(void)k;
	if (u->count > 0)
		u->count = 0;
	else
		reader_clear_highlight(&u->r);
}

/* ---- views and the rest ------------------------------------------- */

static void act_actors(struct ui *u, int k)
{ (void)k; reader_open_actors(&u->r); }
static void act_relations(struct ui *u, int k)
{ (void)k; reader_open_relations(&u->r); }
static void act_timeline(struct ui *u, int k)
{ (void)k; reader_open_timeline(&u->r); }
static void act_index(struct ui *u, int k)
{ (void)k; reader_open_index(&u->r); }
static void act_help(struct ui *u, int k)
{ (void)k; reader_open_help(&u->r, u->mode); }
static void act_where(struct ui *u, int k)
{ (void)k; reader_notify_where(&u->r); }
static void act_redraw(struct ui *u, int k)
{ (void)k; (void)u; clearok(curscr, TRUE); }
static void act_quit(struct ui *u, int k)
{ (void)k; editmode_quit(u); }
static void act_mouse(struct ui *u, int k)
{ (void)k; ui_mouse(u); }

/* Below the panel's width, p says why it does nothing, and does not
 * flip a state that the reader cannot see. */
static void
keys_act_panel(struct ui *u, int k)
{
	(void)k;
	if (u->cols < 100) {
		reader_notify(&u->r, "the side panel needs 100 columns; this "
		    "window has %d", u->cols);
		return;
	}
	u->panel = !u->panel;
}

/* q: the page on top, or in the article the program; Escape forgets a
 * count first. */
static void
keys_act_close(struct ui *u, int k)
{
	if (k == 0x1b && u->count > 0)
		u->count = 0;
	else if (u->r.npages > 0)
		reader_close_page(&u->r);
	else if (!(u->shelf->library && ui_close_story(u)))
		editmode_quit(u);
}

/* Digits make a count for the key after them; a 0 first is no count. */
static void
keys_act_count(struct ui *u, int k)
{
	if (k == '0' && u->count == 0) {
		reader_notify(&u->r, "no key bound here: ? shows the keys");
		return;
	}
	if (u->count <= (UI_COUNT_MAX - (unsigned long)(k - '0')) / 10)
		u->count = u->count * 10 + (unsigned long)(k - '0');
	u->keep_count = true;
	reader_notify(&u->r, "%lu: g goes to paragraph %lu, %% to %lu%%, "
	    "j %lu lines down; Escape forgets it", u->count, u->count,
	    u->count > 100 ? 100 : u->count, u->count);
}

/* ---- the index's filter ------------------------------------------- */

/* The filter with key typed at its end (0: one character less; -1:
 * emptied), applied. */
static void
keys_index_edit(struct ui *u, int k)
{
	struct page *p = keys_top_page(u);
	struct buf b = BUF_INIT;

	if (p == NULL || p->kind != PAGE_INDEX)
		return;
	buf_puts(&b, p->filter ? p->filter : "");
	if (k > 0)
		ui_line_insert(&b, k);
	else if (k == 0)
		ui_line_erase(&b);
	else
		buf_truncate(&b, 0);
	reader_index_filter(&u->r, b.data);
	buf_free(&b);
}

static void act_index_insert(struct ui *u, int k) { keys_index_edit(u, k); }
static void act_index_erase(struct ui *u, int k)
{ (void)k; keys_index_edit(u, 0); }
static void act_index_kill(struct ui *u, int k)
{ (void)k; keys_index_edit(u, -1); }

/* Ctrl-C, as in less and readline: the filter typed goes; an empty
 * one, the index. */
static void
keys_act_index_cancel(struct ui *u, int k)
{
	struct page *p = keys_top_page(u);

	if (p != NULL && p->filter != NULL && *p->filter != '\0')
		keys_index_edit(u, -1);
	else
		keys_act_close(u, k);
}

/* ---- the prompt (its line is in u->line, ui.c) --------------------- */

static void act_line_enter(struct ui *u, int k)
{ (void)k; u->line->done = 1; }
static void act_line_cancel(struct ui *u, int k)
{ (void)k; u->line->done = -1; }
static void act_line_insert(struct ui *u, int k)
{ ui_line_insert(&u->line->b, k); }
static void act_line_erase(struct ui *u, int k)
{ (void)k; ui_line_erase(&u->line->b); }
static void act_line_kill(struct ui *u, int k)
{ (void)k; buf_truncate(&u->line->b, 0); }
static void act_line_word(struct ui *u, int k)
{ (void)k; ui_line_erase_word(&u->line->b); }
static void act_line_older(struct ui *u, int k)
{ (void)k; ui_line_recall(u, true); }
static void act_line_newer(struct ui *u, int k)
{ (void)k; ui_line_recall(u, false); }

/* ---- edit mode (tui/editmode.c) ------------------------------------ */

static void act_edit(struct ui *u, int k) { (void)k; editmode_enter(u); }
static void act_command(struct ui *u, int k)
{ (void)k; editmode_command(u, ""); }

/* Escape: a count first, then the selection, then edit mode. */
static void
keys_act_edit_leave(struct ui *u, int k)
{
	(void)k;
	if (u->count > 0)
		u->count = 0;
	else if (u->r.cur.selecting)
		u->r.cur.selecting = false;
	else
		editmode_leave(u);
}

static void
keys_cursor_by(struct ui *u, enum cursor_motion m)
{
	cursor_move(&u->r, m, u->count);
}

#define MOTION(name, m) \
static void name(struct ui *u, int k) { (void)k; keys_cursor_by(u, m); }
MOTION(act_cur_left, CURSOR_LEFT)
MOTION(act_cur_right, CURSOR_RIGHT)
MOTION(act_cur_down, CURSOR_DOWN)
MOTION(act_cur_up, CURSOR_UP)
MOTION(act_cur_word_next, CURSOR_WORD_NEXT)
MOTION(act_cur_word_prev, CURSOR_WORD_PREV)
MOTION(act_cur_word_end, CURSOR_WORD_END)
MOTION(act_cur_sentence_next, CURSOR_SENTENCE_NEXT)
MOTION(act_cur_sentence_prev, CURSOR_SENTENCE_PREV)
MOTION(act_cur_end, CURSOR_BLOCK_END)

/* 0 is the start of the paragraph, as in vi, but a digit of a count
 * already begun. */
static void
keys_act_cur_start(struct ui *u, int k)
{
	if (u->count > 0)
		keys_act_count(u, k);
	else
		cursor_move(&u->r, CURSOR_BLOCK_START, 1);
}

static void act_visual(struct ui *u, int k)
{ (void)k; cursor_visual(&u->r); }
/* m, ' and c ask for what the item needs on the command line; x, u and
 * Ctrl-R need nothing more. */
static void act_mark_mention(struct ui *u, int k)
{ (void)k; editmode_command(u, "mention "); }
static void act_mark_quote(struct ui *u, int k)
{ (void)k; editmode_command(u, "quote "); }
static void act_mark_claim(struct ui *u, int k)
{ (void)k; editmode_command(u, "claim "); }
static void act_unmark(struct ui *u, int k)
{ (void)k; editmode_run(u, "unmark"); }
static void act_undo(struct ui *u, int k)
{ (void)k; editmode_run(u, "u"); }
static void act_redo(struct ui *u, int k)
{ (void)k; editmode_run(u, "redo"); }
static void act_line_complete(struct ui *u, int k)
{ (void)k; editmode_complete(u); }

/* ---- a library's list and its views (ui_list.c draws them) --------- */

static void
keys_list_move(struct ui *u, long n)
{
	if (u->count > 0 && u->count < 1000000)
		n *= (long)u->count;
	shelf_move(u->shelf, n, ui_page_rows(u));
}

static void act_list_next(struct ui *u, int k) { (void)k; keys_list_move(u,
    1); }
static void act_list_prev(struct ui *u, int k) { (void)k; keys_list_move(u,
    -1); }
static void act_list_page_down(struct ui *u, int k)
{ (void)k; keys_list_move(u, ui_page_rows(u) > 1 ? ui_page_rows(u) - 1 : 1); }
static void act_list_page_up(struct ui *u, int k)
{ (void)k; keys_list_move(u, -(ui_page_rows(u) > 1 ? ui_page_rows(u) - 1
    : 1)); }
static void act_list_first(struct ui *u, int k)
{ (void)k; shelf_move(u->shelf, -(long)(LONG_MAX / 2), ui_page_rows(u)); }
static void act_list_last(struct ui *u, int k)
{ (void)k; shelf_move(u->shelf, LONG_MAX / 2, ui_page_rows(u)); }
static void act_list_open(struct ui *u, int k)
{ (void)k; ui_list_follow(u); }
static bool
keys_on_list(struct ui *u)
{
	if (shelf_top(u->shelf)->kind == SHELF_LIST)
		return true;
	shelf_notify(u->shelf, "that key is for the list: q goes back to it");
	return false;
}

static void act_list_sort(struct ui *u, int k)
{ (void)k; if (keys_on_list(u)) shelf_sort_next(u->shelf); }
static void act_list_log(struct ui *u, int k)
{ (void)k; shelf_open_log(u->shelf); }
static void act_list_actors(struct ui *u, int k)
{ (void)k; shelf_open_actors(u->shelf); }
static void act_list_back(struct ui *u, int k)
{ (void)k; ui_list_back(u); }
static void act_list_help(struct ui *u, int k)
{ (void)k; ui_list_help(u); }

static void
keys_act_list_search(struct ui *u, int k)
{
	char *needle = ui_prompt(u, "/ library: ");

	(void)k;
	if (needle != NULL && *needle != '\0')
		shelf_search(u->shelf, needle);
	free(needle);
}

/* n, N on the results: the next result, opened. */
static void
keys_act_result_step(struct ui *u, int k)
{
	struct shelf_frame *f = shelf_top(u->shelf);

	if (f == NULL || f->kind != SHELF_RESULTS) {
		shelf_notify(u->shelf, "n and N step through the results of "
		    "/ (the library's search)");
		return;
	}
	if (u->shelf->nhits == 0)
		return;
	shelf_move(u->shelf, k == 'N' ? -1 : 1, ui_page_rows(u));
	ui_list_follow(u);
}

static void
keys_act_filter_start(struct ui *u, int k)
{
	(void)k;
	if (!keys_on_list(u))
		return;
	u->filtering = true;
	shelf_notify(u->shelf, "filter: type words of headlines or sources; "
	    "Enter keeps it, Escape empties it");
}

/* The filter with key typed at its end (0: one character less; -1:
 * emptied), applied as it is typed. */
static void
keys_filter_edit(struct ui *u, int k)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, u->shelf->filter ? u->shelf->filter : "");
	if (k > 0)
		ui_line_insert(&b, k);
	else if (k == 0)
		ui_line_erase(&b);
	else
		buf_truncate(&b, 0);
	shelf_filter(u->shelf, b.data);
	buf_free(&b);
}

static void act_filter_insert(struct ui *u, int k) { keys_filter_edit(u, k); }
static void act_filter_erase(struct ui *u, int k)
{ (void)k; keys_filter_edit(u, 0); }
static void act_filter_kill(struct ui *u, int k)
{ (void)k; keys_filter_edit(u, -1); }
static void act_filter_done(struct ui *u, int k)
{ (void)k; u->filtering = false; }

static void
keys_act_filter_cancel(struct ui *u, int k)
{
	(void)k;
	keys_filter_edit(u, -1);
	u->filtering = false;
}

/* ---- the tables --------------------------------------------------- */

#define KEYS_ACTIONS \
X(DOWN, "scroll-down", "Moving", "scroll down a line", act_down) \
X(UP, "scroll-up", "Moving", "scroll up a line", act_up) \
X(PAGE_DOWN, "page-down", "Moving", "scroll down a page", act_page_down) \
X(PAGE_UP, "page-up", "Moving", "scroll up a page", act_page_up) \
X(HALF_DOWN, "half-down", "Moving", "scroll down half a page", \
    act_half_down) \
X(HALF_UP, "half-up", "Moving", "scroll up half a page", act_half_up) \
X(TOP, "top", "Moving", "go to the top; N then this: to paragraph N", \
    keys_act_top) \
X(BOTTOM, "bottom", "Moving", "go to the end, its last line at the " \
    "bottom; N then this: to paragraph N", keys_act_bottom) \
X(PERCENT, "percent", "Moving", "N then this: go N percent of the way " \
    "into the article (100: the end)", keys_act_percent) \
X(ENTRY_NEXT, "entry-next", "Moving", "focus the next entry", act_down) \
X(ENTRY_PREV, "entry-prev", "Moving", "focus the previous entry", act_up) \
X(ENTRY_PAGE_DOWN, "entry-page-down", "Moving", "a page of entries down", \
    act_page_down) \
X(ENTRY_PAGE_UP, "entry-page-up", "Moving", "a page of entries up", \
    act_page_up) \
X(ENTRY_HALF_DOWN, "entry-half-down", "Moving", "half a page of entries " \
    "down", act_half_down) \
X(ENTRY_HALF_UP, "entry-half-up", "Moving", "half a page of entries up", \
    act_half_up) \
X(ENTRY_FIRST, "entry-first", "Moving", "the first entry", keys_act_top) \
X(ENTRY_LAST, "entry-last", "Moving", "the last entry", keys_act_bottom) \
X(COUNT, "count", "Moving", "a number N before a key: N times as far, " \
    "or paragraph N", keys_act_count) \
X(NEXT, "next-item", "Items", "focus the next item (mention, claim, " \
    "quote, Read more) on the screen or after it", keys_act_next) \
X(PREV, "prev-item", "Items", "focus the previous item", keys_act_prev) \
X(OPEN, "open", "Items", "open the card of the focused item, when it is " \
    "on the screen", keys_act_open) \
X(FOLLOW, "follow", "Items", "follow the focused entry: a card, a list, " \
    "a place in the article, a story", keys_act_follow) \
X(CLAIM_NEXT, "claim-next", "Items", "next claim", act_claim_next) \
X(CLAIM_PREV, "claim-prev", "Items", "previous claim", act_claim_prev) \
X(QUOTE_NEXT, "quote-next", "Items", "next quote", act_quote_next) \
X(QUOTE_PREV, "quote-prev", "Items", "previous quote", act_quote_prev) \
X(RELATED_NEXT, "related-next", "Items", "next \"Read more\" item", \
    act_related_next) \
X(RELATED_PREV, "related-prev", "Items", "previous \"Read more\" item", \
    act_related_prev) \
X(MENTION_NEXT, "mention-next", "Items", "next mention of the actor in " \
    "focus", act_mention_next) \
X(MENTION_PREV, "mention-prev", "Items", "previous mention of the actor " \
    "in focus", act_mention_prev) \
X(COPY, "copy", "Items", "copy the focused quote or claim with its " \
    "citation to the clipboard (OSC 52)", keys_act_copy) \
X(BACK, "back", "History", "back to where the last jump came from, " \
    "cards and views included", keys_act_back) \
X(FORWARD, "forward", "History", "forward again, after back", \
    keys_act_forward) \
X(SEARCH, "search", "Search", "search the story (Unicode, " \
    "case-insensitive); on a card, view or help, search it", keys_act_search) \
X(SEARCH_NEXT, "search-next", "Search", "next match", keys_act_search_next) \
X(SEARCH_PREV, "search-prev", "Search", "previous match", \
    keys_act_search_prev) \
X(UNHIGHLIGHT, "unhighlight", "Search", "hide the matches (a count " \
    "first: forget it)", keys_act_unhighlight) \
X(ACTORS, "actors", "Views", "the actors, grouped under what they are " \
    "members of", act_actors) \
X(RELATIONS, "relations", "Views", "relations: who claims what about " \
    "whom, and which claims dispute which", act_relations) \
X(TIMELINE, "timeline", "Views", "timeline of the dated claims", \
    act_timeline) \
X(INDEX, "index", "Views", "the index: every claim, quote, Read more " \
    "item and actor; typing filters", act_index) \
X(PANEL, "panel", "Views", "show or hide the side panel of actors (100 " \
    "columns and wider)", keys_act_panel) \
X(HELP, "help", "Views", "the keys of this screen", act_help) \
X(WHERE, "where", "Views", "which story this is, what the screen shows " \
    "of it, what it holds", act_where) \
X(REDRAW, "redraw", "Views", "redraw the screen", act_redraw) \
X(MOUSE, "mouse", "Views", "a click focuses an item, a second opens it; " \
    "the wheel scrolls", act_mouse) \
X(CLOSE, "close", "Views", "close the card, view, help or index on top; " \
    "in the article, quit", keys_act_close) \
X(QUIT, "quit", "Views", "quit newslens, from anywhere", act_quit) \
X(INDEX_INSERT, "filter-insert", "Filter", "a character typed: the rows " \
    "that hold what is typed", act_index_insert) \
X(INDEX_ERASE, "filter-erase", "Filter", "erase the filter's last " \
    "character", act_index_erase) \
X(INDEX_KILL, "filter-kill", "Filter", "empty the filter", \
    act_index_kill) \
X(INDEX_CANCEL, "filter-cancel", "Filter", "cancel the filter; with " \
    "none, close the index (never the program)", keys_act_index_cancel) \
X(LINE_ENTER, "line-enter", "Editing", "run what is typed (empty: the " \
    "next match)", act_line_enter) \
X(LINE_CANCEL, "line-cancel", "Editing", "cancel", act_line_cancel) \
X(LINE_INSERT, "line-insert", "Editing", "a character typed", \
    act_line_insert) \
X(LINE_ERASE, "line-erase", "Editing", "erase the last character", \
    act_line_erase) \
X(LINE_WORD, "line-erase-word", "Editing", "erase the last word", \
    act_line_word) \
X(LINE_KILL, "line-kill", "Editing", "erase the whole line", \
    act_line_kill) \
X(LINE_OLDER, "line-older", "Editing", "the search before (the last 32 " \
    "are kept)", act_line_older) \
X(LINE_NEWER, "line-newer", "Editing", "the search after", \
    act_line_newer) \
X(CMD_OLDER, "command-older", "Editing", "the command before (the last " \
    "32 are kept)", act_line_older) \
X(CMD_NEWER, "command-newer", "Editing", "the command after", \
    act_line_newer) \
X(LINE_COMPLETE, "line-complete", "Editing", "complete the last word: a " \
    "command, an actor's id or name, a kind; the choices on the line " \
    "above", act_line_complete) \
X(EDIT, "edit", "Edit mode", "edit mode: a cursor in the text and keys " \
    "that annotate", act_edit) \
X(COMMAND, "command", "Edit mode", "the command line: an editing " \
    "command, as newslens(1) EDITING lists them", act_command) \
X(EDIT_LEAVE, "edit-leave", "Edit mode", "end the selection; without " \
    "one, leave edit mode", keys_act_edit_leave) \
X(CUR_LEFT, "cursor-left", "Edit mode", "the cursor a character left " \
    "(a grapheme cluster)", act_cur_left) \
X(CUR_RIGHT, "cursor-right", "Edit mode", "the cursor a character right", \
    act_cur_right) \
X(CUR_DOWN, "cursor-down", "Edit mode", "the cursor a line down, in the " \
    "same column", act_cur_down) \
X(CUR_UP, "cursor-up", "Edit mode", "the cursor a line up", act_cur_up) \
X(CUR_WORD_NEXT, "cursor-word-next", "Edit mode", "the start of the next " \
    "word", act_cur_word_next) \
X(CUR_WORD_PREV, "cursor-word-prev", "Edit mode", "the start of this " \
    "word, or of the one before", act_cur_word_prev) \
X(CUR_WORD_END, "cursor-word-end", "Edit mode", "the end of this word, " \
    "or of the next", act_cur_word_end) \
X(CUR_SENTENCE_NEXT, "cursor-sentence-next", "Edit mode", "the start of " \
    "the next sentence", act_cur_sentence_next) \
X(CUR_SENTENCE_PREV, "cursor-sentence-prev", "Edit mode", "the start of " \
    "this sentence, or of the one before", act_cur_sentence_prev) \
X(CUR_START, "cursor-start", "Edit mode", "the start of the paragraph " \
    "(after a digit: a digit of the count)", keys_act_cur_start) \
X(CUR_END, "cursor-end", "Edit mode", "the end of the paragraph", \
    act_cur_end) \
X(VISUAL, "select", "Edit mode", "start a selection at the cursor (at the " \
    "start of the focused item: its words); again, the item around it, " \
    "or the end of it", act_visual) \
X(MARK_MENTION, "mark-mention", "Edit mode", "the selection becomes a " \
    "mention: :mention, then the actor", act_mark_mention) \
X(MARK_QUOTE, "mark-quote", "Edit mode", "the selection becomes a quote: " \
    ":quote, then the speaker", act_mark_quote) \
X(MARK_CLAIM, "mark-claim", "Edit mode", "the selection becomes a claim: " \
    ":claim, then by=, about=...", act_mark_claim) \
X(UNMARK, "unmark", "Edit mode", "remove the focused item; its words stay " \
    "(:unmark)", act_unmark) \
X(UNDO, "undo", "Edit mode", "undo the last edit (:u)", act_undo) \
X(REDO, "redo", "Edit mode", "redo the edit undone last (:redo)", \
    act_redo) \
X(LIST_NEXT, "list-next", "Library", "focus the next row", act_list_next) \
X(LIST_PREV, "list-prev", "Library", "focus the previous row", \
    act_list_prev) \
X(LIST_PAGE_DOWN, "list-page-down", "Library", "a page of rows down", \
    act_list_page_down) \
X(LIST_PAGE_UP, "list-page-up", "Library", "a page of rows up", \
    act_list_page_up) \
X(LIST_FIRST, "list-first", "Library", "the first row", act_list_first) \
X(LIST_LAST, "list-last", "Library", "the last row", act_list_last) \
X(LIST_OPEN, "list-open", "Library", "open the focused story (a broken " \
    "one says why it cannot be), actor or result", act_list_open) \
X(LIST_SORT, "list-sort", "Library", "sort by the next order: date, " \
    "headline, source, size", act_list_sort) \
X(LIST_FILTER, "list-filter", "Library", "filter the rows by headline " \
    "and source as you type", keys_act_filter_start) \
X(LIST_SEARCH, "library-search", "Library", "search the text of every " \
    "story of the library", keys_act_list_search) \
X(LIST_RESULT, "library-result", "Library", "open the next (N: previous) " \
    "result of the library's search", keys_act_result_step) \
X(LIST_ACTORS, "library-actors", "Library", "the actors of the whole " \
    "library, with their stories and mentions", act_list_actors) \
X(LIST_LOG, "library-log", "Library", "the log of the files skipped", \
    act_list_log) \
X(LIST_BACK, "list-back", "Library", "close this view: back to the one " \
    "under it", act_list_back) \
X(LIST_HELP, "list-help", "Library", "the keys of this screen (again: " \
    "close them)", act_list_help) \
X(FILTER_INSERT, "list-filter-insert", "Filter", "a character typed: the " \
    "rows whose headline or source hold what is typed", act_filter_insert) \
X(FILTER_ERASE, "list-filter-erase", "Filter", "erase the filter's last " \
    "character", act_filter_erase) \
X(FILTER_KILL, "list-filter-kill", "Filter", "empty the filter", \
    act_filter_kill) \
X(FILTER_DONE, "list-filter-done", "Filter", "keep the filter and go " \
    "back to the list's keys", act_filter_done) \
X(FILTER_CANCEL, "list-filter-cancel", "Filter", "empty the filter and " \
    "go back to the list's keys", keys_act_filter_cancel)

enum {
#define X(id, name, group, help, fn) ACT_##id,
	KEYS_ACTIONS
#undef X
	ACT_COUNT_OF
};

const struct keys_action keys_actions[] = {
#define X(id, name, group, help, fn) { name, group, help, fn },
	KEYS_ACTIONS
#undef X
};
const size_t keys_nactions = ACT_COUNT_OF;

#define F(k) KEYS_FN(k)
#define C(c) KEYS_CTRL(c)

static const struct keys_binding map_common[] = {
	{ 'q', ACT_CLOSE }, { 'Q', ACT_QUIT },
	{ '?', ACT_HELP }, { F(KEY_F(1)), ACT_HELP }, { 'h', ACT_HELP },
	{ '=', ACT_WHERE }, { C('g'), ACT_WHERE }, { C('l'), ACT_REDRAW },
	{ 'a', ACT_ACTORS }, { 'w', ACT_RELATIONS }, { 't', ACT_TIMELINE },
	{ 'i', ACT_INDEX }, { 'y', ACT_COPY },
	{ KEYS_META('u'), ACT_UNHIGHLIGHT }, { F(KEY_MOUSE), ACT_MOUSE },
	{ '0', ACT_COUNT }, { '1', ACT_COUNT }, { '2', ACT_COUNT },
	{ '3', ACT_COUNT }, { '4', ACT_COUNT }, { '5', ACT_COUNT },
	{ '6', ACT_COUNT }, { '7', ACT_COUNT }, { '8', ACT_COUNT },
	{ '9', ACT_COUNT },
	{ 0, 0 },
};

static const struct keys_binding map_article[] = {
	{ 'j', ACT_DOWN }, { F(KEY_DOWN), ACT_DOWN }, { C('n'), ACT_DOWN },
	{ C('e'), ACT_DOWN },
	{ 'k', ACT_UP }, { F(KEY_UP), ACT_UP }, { C('p'), ACT_UP },
	{ C('y'), ACT_UP },
	{ ' ', ACT_PAGE_DOWN }, { F(KEY_NPAGE), ACT_PAGE_DOWN },
	{ 'f', ACT_PAGE_DOWN }, { C('f'), ACT_PAGE_DOWN },
	{ 'b', ACT_PAGE_UP }, { F(KEY_PPAGE), ACT_PAGE_UP }, { C('b'), ACT_PAGE_UP },
	{ 'd', ACT_HALF_DOWN }, { C('d'), ACT_HALF_DOWN },
	{ 'u', ACT_HALF_UP }, { C('u'), ACT_HALF_UP },
	{ 'g', ACT_TOP }, { F(KEY_HOME), ACT_TOP }, { '<', ACT_TOP },
	{ 'G', ACT_BOTTOM }, { F(KEY_END), ACT_BOTTOM }, { '>', ACT_BOTTOM },
	{ '%', ACT_PERCENT },
	{ '\t', ACT_NEXT }, { F(KEY_BTAB), ACT_PREV },
	{ '\r', ACT_OPEN }, { '\n', ACT_OPEN }, { F(KEY_ENTER), ACT_OPEN },
	{ 'c', ACT_CLAIM_NEXT }, { 'C', ACT_CLAIM_PREV },
	{ '\'', ACT_QUOTE_NEXT }, { '"', ACT_QUOTE_PREV },
	{ 'r', ACT_RELATED_NEXT }, { 'R', ACT_RELATED_PREV },
	{ 'm', ACT_MENTION_NEXT }, { 'M', ACT_MENTION_PREV },
	{ F(KEY_BACKSPACE), ACT_BACK }, { 0x7f, ACT_BACK }, { C('h'), ACT_BACK },
	{ F(KEY_LEFT), ACT_BACK }, { F(KEY_DC), ACT_BACK },
	{ F(KEY_RIGHT), ACT_FORWARD },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ 0x1b, ACT_UNHIGHLIGHT },
	{ 'p', ACT_PANEL },
	{ 'e', ACT_EDIT }, { ':', ACT_COMMAND },
	{ 0, 0 },
};

/* vi's motions over the reading keys; the scrolling keys that are not
 * motions scroll, and the cursor stays on the screen. */
static const struct keys_binding map_edit[] = {
	{ 0x1b, ACT_EDIT_LEAVE },
	{ 'h', ACT_CUR_LEFT }, { F(KEY_LEFT), ACT_CUR_LEFT },
	{ 'l', ACT_CUR_RIGHT }, { F(KEY_RIGHT), ACT_CUR_RIGHT },
	{ 'j', ACT_CUR_DOWN }, { F(KEY_DOWN), ACT_CUR_DOWN },
	{ 'k', ACT_CUR_UP }, { F(KEY_UP), ACT_CUR_UP },
	{ 'w', ACT_CUR_WORD_NEXT }, { 'b', ACT_CUR_WORD_PREV },
	{ 'e', ACT_CUR_WORD_END },
	{ ')', ACT_CUR_SENTENCE_NEXT }, { '(', ACT_CUR_SENTENCE_PREV },
	{ '0', ACT_CUR_START }, { '$', ACT_CUR_END },
	{ 'v', ACT_VISUAL },
	{ 'm', ACT_MARK_MENTION }, { '\'', ACT_MARK_QUOTE },
	{ 'c', ACT_MARK_CLAIM }, { 'x', ACT_UNMARK },
	{ 'u', ACT_UNDO }, { C('r'), ACT_REDO },
	{ 0, 0 },
};

static const struct keys_binding map_card[] = {
	{ 'j', ACT_ENTRY_NEXT }, { F(KEY_DOWN), ACT_ENTRY_NEXT },
	{ C('n'), ACT_ENTRY_NEXT }, { '\t', ACT_ENTRY_NEXT },
	{ 'k', ACT_ENTRY_PREV }, { F(KEY_UP), ACT_ENTRY_PREV },
	{ C('p'), ACT_ENTRY_PREV }, { F(KEY_BTAB), ACT_ENTRY_PREV },
	{ ' ', ACT_ENTRY_PAGE_DOWN }, { F(KEY_NPAGE), ACT_ENTRY_PAGE_DOWN },
	{ 'f', ACT_ENTRY_PAGE_DOWN }, { C('f'), ACT_ENTRY_PAGE_DOWN },
	{ 'b', ACT_ENTRY_PAGE_UP }, { F(KEY_PPAGE), ACT_ENTRY_PAGE_UP },
	{ C('b'), ACT_ENTRY_PAGE_UP },
	{ 'd', ACT_ENTRY_HALF_DOWN }, { C('d'), ACT_ENTRY_HALF_DOWN },
	{ 'u', ACT_ENTRY_HALF_UP }, { C('u'), ACT_ENTRY_HALF_UP },
	{ 'g', ACT_ENTRY_FIRST }, { F(KEY_HOME), ACT_ENTRY_FIRST },
	{ '<', ACT_ENTRY_FIRST },
	{ 'G', ACT_ENTRY_LAST }, { F(KEY_END), ACT_ENTRY_LAST },
	{ '>', ACT_ENTRY_LAST },
	{ '\r', ACT_FOLLOW }, { '\n', ACT_FOLLOW }, { F(KEY_ENTER), ACT_FOLLOW },
	{ 0x1b, ACT_CLOSE }, { F(KEY_BACKSPACE), ACT_CLOSE }, { 0x7f, ACT_CLOSE },
	{ C('h'), ACT_CLOSE }, { F(KEY_LEFT), ACT_CLOSE }, { F(KEY_DC), ACT_CLOSE },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ 0, 0 },
};

/* A view is a card of the whole story: the same keys. */
static const struct keys_binding map_view[] = {
	{ 0, 0 },
};

/* ? in the help closes it: ? ? is where it started. */
static const struct keys_binding map_help[] = {
	{ '?', ACT_CLOSE }, { F(KEY_F(1)), ACT_CLOSE }, { 'h', ACT_CLOSE },
	{ 0, 0 },
};

/* Typing filters the index, so only keys that type nothing move. */
static const struct keys_binding map_index[] = {
	{ F(KEY_DOWN), ACT_ENTRY_NEXT }, { C('n'), ACT_ENTRY_NEXT },
	{ '\t', ACT_ENTRY_NEXT },
	{ F(KEY_UP), ACT_ENTRY_PREV }, { C('p'), ACT_ENTRY_PREV },
	{ F(KEY_BTAB), ACT_ENTRY_PREV },
	{ F(KEY_NPAGE), ACT_ENTRY_PAGE_DOWN }, { F(KEY_PPAGE), ACT_ENTRY_PAGE_UP },
	{ F(KEY_HOME), ACT_ENTRY_FIRST }, { F(KEY_END), ACT_ENTRY_LAST },
	{ '\r', ACT_FOLLOW }, { '\n', ACT_FOLLOW }, { F(KEY_ENTER), ACT_FOLLOW },
	{ 0x1b, ACT_CLOSE }, { F(KEY_LEFT), ACT_CLOSE },
	{ F(KEY_BACKSPACE), ACT_INDEX_ERASE }, { 0x7f, ACT_INDEX_ERASE },
	{ C('h'), ACT_INDEX_ERASE }, { C('u'), ACT_INDEX_KILL },
	{ C('c'), ACT_INDEX_CANCEL },
	{ F(KEY_F(1)), ACT_HELP }, { C('l'), ACT_REDRAW },
	{ F(KEY_MOUSE), ACT_MOUSE },
	{ 0, 0 },
};

static const struct keys_binding map_prompt[] = {
	{ '\r', ACT_LINE_ENTER }, { '\n', ACT_LINE_ENTER },
	{ F(KEY_ENTER), ACT_LINE_ENTER },
	{ 0x1b, ACT_LINE_CANCEL }, { C('g'), ACT_LINE_CANCEL },
	{ C('c'), ACT_LINE_CANCEL },
	{ F(KEY_BACKSPACE), ACT_LINE_ERASE }, { 0x7f, ACT_LINE_ERASE },
	{ C('h'), ACT_LINE_ERASE },
	{ C('w'), ACT_LINE_WORD }, { C('u'), ACT_LINE_KILL },
	{ F(KEY_UP), ACT_LINE_OLDER }, { F(KEY_DOWN), ACT_LINE_NEWER },
	{ 0, 0 },
};

/* The list of a library's stories.  Nothing falls back to the common
 * map: its keys act on a story, and none is open here. */
static const struct keys_binding map_list[] = {
	{ 'j', ACT_LIST_NEXT }, { F(KEY_DOWN), ACT_LIST_NEXT },
	{ C('n'), ACT_LIST_NEXT },
	{ 'k', ACT_LIST_PREV }, { F(KEY_UP), ACT_LIST_PREV },
	{ C('p'), ACT_LIST_PREV },
	{ ' ', ACT_LIST_PAGE_DOWN }, { F(KEY_NPAGE), ACT_LIST_PAGE_DOWN },
	{ 'b', ACT_LIST_PAGE_UP }, { F(KEY_PPAGE), ACT_LIST_PAGE_UP },
	{ 'g', ACT_LIST_FIRST }, { F(KEY_HOME), ACT_LIST_FIRST },
	{ 'G', ACT_LIST_LAST }, { F(KEY_END), ACT_LIST_LAST },
	{ '\r', ACT_LIST_OPEN }, { '\n', ACT_LIST_OPEN },
	{ F(KEY_ENTER), ACT_LIST_OPEN },
	{ 's', ACT_LIST_SORT }, { 'f', ACT_LIST_FILTER },
	{ '/', ACT_LIST_SEARCH }, { 'A', ACT_LIST_ACTORS }, { 'L', ACT_LIST_LOG },
	{ 'q', ACT_QUIT }, { 'Q', ACT_QUIT }, { 0x1b, ACT_FILTER_CANCEL },
	{ '?', ACT_LIST_HELP }, { F(KEY_F(1)), ACT_LIST_HELP },
	{ C('l'), ACT_REDRAW },
	{ '0', ACT_COUNT }, { '1', ACT_COUNT }, { '2', ACT_COUNT },
	{ '3', ACT_COUNT }, { '4', ACT_COUNT }, { '5', ACT_COUNT },
	{ '6', ACT_COUNT }, { '7', ACT_COUNT }, { '8', ACT_COUNT },
	{ '9', ACT_COUNT },
	{ 0, 0 },
};

/* The log, the actors, an actor's stories, the results, the help:
 * lists over the list, closed as cards are. */
static const struct keys_binding map_library[] = {
	{ 'q', ACT_LIST_BACK }, { 0x1b, ACT_LIST_BACK },
	{ F(KEY_BACKSPACE), ACT_LIST_BACK }, { 0x7f, ACT_LIST_BACK },
	{ C('h'), ACT_LIST_BACK }, { F(KEY_LEFT), ACT_LIST_BACK },
	{ 'n', ACT_LIST_RESULT }, { 'N', ACT_LIST_RESULT },
	{ '/', ACT_LIST_SEARCH },
	{ 0, 0 },
};

/* Typing filters the list, so only keys that type nothing move. */
static const struct keys_binding map_filter[] = {
	{ F(KEY_DOWN), ACT_LIST_NEXT }, { F(KEY_UP), ACT_LIST_PREV },
	{ F(KEY_NPAGE), ACT_LIST_PAGE_DOWN }, { F(KEY_PPAGE), ACT_LIST_PAGE_UP },
	{ '\r', ACT_FILTER_DONE }, { '\n', ACT_FILTER_DONE },
	{ F(KEY_ENTER), ACT_FILTER_DONE },
	{ 0x1b, ACT_FILTER_CANCEL }, { C('g'), ACT_FILTER_CANCEL },
	{ C('c'), ACT_FILTER_CANCEL },
	{ F(KEY_BACKSPACE), ACT_FILTER_ERASE }, { 0x7f, ACT_FILTER_ERASE },
	{ C('h'), ACT_FILTER_ERASE }, { C('u'), ACT_FILTER_KILL },
	{ C('l'), ACT_REDRAW },
	{ 0, 0 },
};

/* The prompt's keys, and Tab completes. */
static const struct keys_binding map_command[] = {
	{ '\t', ACT_LINE_COMPLETE },
	{ F(KEY_UP), ACT_CMD_OLDER }, { F(KEY_DOWN), ACT_CMD_NEWER },
	{ 0, 0 },
};

const struct keys_map keys_maps[KEYS_NMODES] = {
	[KEYS_COMMON] = { "common", KEYS_NMODES, map_common, -1 },
	[KEYS_ARTICLE] = { "article", KEYS_COMMON, map_article, -1 },
	[KEYS_CARD] = { "card", KEYS_COMMON, map_card, -1 },
	[KEYS_VIEW] = { "view", KEYS_CARD, map_view, -1 },
	[KEYS_HELP] = { "help", KEYS_CARD, map_help, -1 },
	[KEYS_INDEX] = { "index", KEYS_NMODES, map_index, ACT_INDEX_INSERT },
	[KEYS_PROMPT] = { "prompt", KEYS_NMODES, map_prompt, ACT_LINE_INSERT },
	[KEYS_EDIT] = { "edit", KEYS_ARTICLE, map_edit, -1 },
	[KEYS_COMMAND] = { "command", KEYS_PROMPT, map_command, -1 },
	[KEYS_LIST] = { "list", KEYS_NMODES, map_list, -1 },
	[KEYS_LIBRARY] = { "library", KEYS_LIST, map_library, -1 },
	[KEYS_FILTER] = { "filter", KEYS_NMODES, map_filter,
	    ACT_FILTER_INSERT },
};

#undef F
#undef C

/* ---- lookup and dispatch ------------------------------------------ */

static int
keys_map_find(const struct keys_binding *m, size_t n, int key, bool *found)
{
	size_t i;

	for (i = 0; n == SIZE_MAX ? m[i].key != 0 : i < n; i++)
		if (m[i].key == key) {
			*found = true;
			return m[i].action;
		}
	return -1;
}

/* A character a line can take: printable, not a function key. */
static bool
keys_printable(int key)
{
	return key >= 0x20 && key != 0x7f && key < 0x110000 &&
	    !(key >= 0x80 && key < 0xa0);
}

int
keys_lookup(const struct keys *k, enum keys_mode mode, int key)
{
	enum keys_mode m;
	bool found = false;
	int a;

	for (m = mode; m < KEYS_NMODES; m = keys_maps[m].parent) {
		/* The configuration's, the last made first. */
		if (k != NULL && k->nextra[m] > 0) {
			size_t i;

			for (i = k->nextra[m]; i-- > 0;)
				if (k->extra[m][i].key == key)
					return k->extra[m][i].action;
		}
		a = keys_map_find(keys_maps[m].map, SIZE_MAX, key, &found);
		if (found)
			return a;
		if (keys_maps[m].self_insert >= 0 && keys_printable(key))
			return keys_maps[m].self_insert;
	}
	return -1;
}

bool
keys_dispatch(struct ui *u, enum keys_mode mode, int key)
{
	int a = keys_lookup(&u->keys, mode, key);

	if (a < 0)
		return false;
	u->mode = mode;
	keys_actions[a].fn(u, key);
	return true;
}

/* ---- names ---------------------------------------------------------- */

static const struct {
	int		 key;
	const char	*name;
} key_names[] = {
	{ ' ', "Space" }, { '\t', "Tab" }, { '\r', "Enter" },
	{ '\n', "Enter" }, { 0x1b, "Escape" }, { 0x7f, "Backspace" },
	{ KEYS_FN(KEY_ENTER), "Enter" },
	{ KEYS_FN(KEY_BACKSPACE), "Backspace" },
	{ KEYS_FN(KEY_DC), "Delete" },
	{ KEYS_FN(KEY_UP), "Up" }, { KEYS_FN(KEY_DOWN), "Down" },
	{ KEYS_FN(KEY_LEFT), "Left" }, { KEYS_FN(KEY_RIGHT), "Right" },
	{ KEYS_FN(KEY_NPAGE), "PgDn" }, { KEYS_FN(KEY_PPAGE), "PgUp" },
	{ KEYS_FN(KEY_HOME), "Home" }, { KEYS_FN(KEY_END), "End" },
	{ KEYS_FN(KEY_BTAB), "Shift-Tab" }, { KEYS_FN(KEY_MOUSE), "Mouse" },
};

const char *
keys_name(int key)
{
	static char name[16];
	size_t i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key)
			return key_names[i].name;
	if (key >= KEYS_FN(KEY_F(1)) && key <= KEYS_FN(KEY_F(63)))
		snprintf(name, sizeof name, "F%d", key - KEYS_FN(KEY_F(0)));
	else if (key > 0 && key < 0x20)
		snprintf(name, sizeof name, "Ctrl-%c", key + 'A' - 1);
	else if ((key & KEYS_META(0)) && (key & ~KEYS_META(0)) < 0x80)
		snprintf(name, sizeof name, "ESC-%c", key & 0x7f);
	else if (key > 0x20 && key < 0x7f)
		snprintf(name, sizeof name, "%c", key);
	else
		snprintf(name, sizeof name, "U+%04X", key & 0xffffff);
	return name;
}

size_t
keys_parse(const char *name, int codes[4])
{
	size_t i, n = 0;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(key_names[i].name, name) == 0 && n < 4)
			codes[n++] = key_names[i].key;
	if (n > 0)
		return n;
	if (strncmp(name, "Ctrl-", 5) == 0 && name[5] != '\0' &&
	    name[6] == '\0' && ((name[5] >= 'A' && name[5] <= 'Z') ||
	    (name[5] >= 'a' && name[5] <= 'z')))
		codes[n++] = KEYS_CTRL(name[5]);
	else if (strncmp(name, "ESC-", 4) == 0 && name[4] > 0x20 &&
	    name[4] < 0x7f && name[5] == '\0')
		codes[n++] = KEYS_META(name[4]);
	else if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9' &&
	    (name[2] == '\0' || (name[2] >= '0' && name[2] <= '9' &&
	    name[3] == '\0')))
		codes[n++] = KEYS_FN(KEY_F(atoi(name + 1)));
	else if (name[0] > 0x20 && name[0] < 0x7f && name[1] == '\0')
		codes[n++] = name[0];
	return n;
}

enum keys_mode
keys_mode_named(const char *name)
{
	int m;

	for (m = 0; m < KEYS_NMODES; m++)
		if (strcmp(keys_maps[m].name, name) == 0)
			return (enum keys_mode)m;
	return KEYS_NMODES;
}

int
keys_action_named(const char *name)
{
	size_t a;

	for (a = 0; a < keys_nactions; a++)
		if (strcmp(keys_actions[a].name, name) == 0)
			return (int)a;
	return -1;
}

const char *
keys_bind(struct keys *k, const char *screen, const char *key,
    const char *action)
{
	enum keys_mode m = keys_mode_named(screen);
	int codes[4], a = strcmp(action, "none") == 0 ? -1 :
	    keys_action_named(action);
	size_t n = keys_parse(key, codes), i;

	if (m == KEYS_NMODES)
		return "no such screen (common, article, card, view, help, "
		    "index, prompt, edit, command, list, library, filter)";
	if (n == 0)
		return "no such key";
	if (a < 0 && strcmp(action, "none") != 0)
		return "no such action";
	k->extra[m] = xreallocarray(k->extra[m], k->nextra[m] + n,
	    sizeof *k->extra[m]);
	for (i = 0; i < n; i++) {
		k->extra[m][k->nextra[m]].key = codes[i];
		k->extra[m][k->nextra[m]++].action = a;
	}
	return NULL;
}

void
keys_free(struct keys *k)
{
	int m;

	for (m = 0; m < KEYS_NMODES; m++) {
		free(k->extra[m]);
		k->extra[m] = NULL;
		k->nextra[m] = 0;
	}
}

/* ---- the help ------------------------------------------------------- */

static const char *const mode_titles[KEYS_NMODES] = {
	"newslens keys", "newslens keys: in the article",
	"newslens keys: on a card", "newslens keys: in a view",
	"newslens keys: in the help", "newslens keys: in the index",
	"newslens keys: at the prompt", "newslens keys: in edit mode",
	"newslens keys: on the command line",
	"newslens keys: in the library's list",
	"newslens keys: in the library's views",
	"newslens keys: filtering the list",
};

/* Adds to names the name of each key that runs action a on screen
 * mode, from one binding list, without repeating a name. */
static void
keys_help_names(const struct keys *k, enum keys_mode mode,
    const struct keys_binding *m, size_t n, int a, struct buf *names)
{
	size_t i;
	const char *name, *p;
	size_t len;

	for (i = 0; n == SIZE_MAX ? m[i].key != 0 : i < n; i++) {
		if (m[i].action != a || keys_lookup(k, mode, m[i].key) != a)
			continue;
		name = keys_name(m[i].key);
		len = strlen(name);
		for (p = names->data; p != NULL &&
		    (p = strstr(p, name)) != NULL; p += len)
			if ((p == names->data || p[-1] == ' ') &&
			    (p[len] == ',' || p[len] == '\0'))
				break;
		if (p != NULL)
			continue;
		buf_printf(names, "%s%s", names->len ? ", " : "", name);
	}
}

/* Adds "names  help" with the help wrapped under itself. */
static void
keys_help_entry(struct page *p, const char *names, const char *help, int width)
{
	const int col = 19;	/* 2 of indent, 16 for the names, 1 space */
	struct wrap_line *lines;
	size_t n, i, len = strlen(help);
	bool own = strlen(names) > 16;

	/* Names too many for their column go on a line of their own. */
	if (own)
		page_add(p, ENTRY_PLAIN, 2, "%s", names);
	n = text_wrap(help, len, width - col - 1 > 20 ? width - col - 1 :
	    20, &lines);
	for (i = 0; i < n; i++)
		page_add(p, ENTRY_PLAIN, 2, "%-16s %.*s", i || own ? "" : names,
		    (int)(lines[i].end - lines[i].start),
		    help + lines[i].start);
	free(lines);
}

struct page *
keys_help_page(const void *ctx, size_t mode, int width)
{
	const struct keys *k = ctx;
	struct page *p;
	struct buf names = BUF_INIT;
	const char *group = NULL;
	enum keys_mode m;
	size_t a;

	if (mode >= KEYS_NMODES)
		mode = KEYS_ARTICLE;
	p = page_new(mode_titles[mode]);
	for (a = 0; a < keys_nactions; a++) {
		buf_truncate(&names, 0);
		for (m = (enum keys_mode)mode; m < KEYS_NMODES;
		    m = keys_maps[m].parent) {
			if (k != NULL)
				keys_help_names(k, mode, k->extra[m],
				    k->nextra[m],
				    (int)a, &names);
			keys_help_names(k, mode, keys_maps[m].map, SIZE_MAX,
			    (int)a,
			    &names);
			if (keys_maps[m].self_insert == (int)a)
				buf_printf(&names, "%s%s", names.len ? ", " :
				    "", "a character");
		}
		if (names.len == 0)
			continue;
		if (group == NULL || strcmp(group, keys_actions[a].group) != 0) {
			if (group != NULL)
				page_add(p, ENTRY_PLAIN, 0, "%s", "");
			group = keys_actions[a].group;
			page_add(p, ENTRY_HEADING, 0, "%s", group);
		}
		keys_help_entry(p, names.data, keys_actions[a].help, width);
	}
	buf_free(&names);
	return p;
}
