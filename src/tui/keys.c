/* keys.c - the key table: what every key does, in one place.
 *
 * The loop dispatches on this table, the help screen (?) is generated
 * from it, and a test checks that man/newslens.1 names every entry.
 * Actions that mean something else on a card or view (moving, Enter,
 * q) look at whether a page is open. */
#include "config.h"

#include "tui/ui.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"

#define CTRL(c) ((c) & 0x1f)

static struct page *
top_page(struct ui *u)
{
	return u->r.npages ? u->r.pages[u->r.npages - 1] : NULL;
}

/* Item jumps act on the article: they close any open page first. */
static void
close_pages(struct ui *u)
{
	while (u->r.npages > 0)
		reader_close_page(&u->r);
}

static void
act_quit(struct ui *u)
{
	if (u->r.npages > 0)
		reader_close_page(&u->r);
	else
		u->quit = true;
}

/* Moves by n lines of the article, or n entries of the card on top,
 * times the count typed before the key: as far as a long goes, which
 * is past either end. */
static void
move_by(struct ui *u, long n)
{
	long far = LONG_MAX / (n < 0 ? -n : n);

	if (u->count > 0)
		n = u->count < (unsigned long)far ? n * (long)u->count :
		    n < 0 ? -far : far;
	if (top_page(u))
		reader_page_step(&u->r, n, ui_page_rows(u));
	else
		reader_scroll(&u->r, n);
}

/* A page of the article keeps two lines of the last in view; a page of
 * a card keeps one entry. */
static long
page_size(struct ui *u)
{
	if (top_page(u))
		return ui_page_rows(u) > 1 ? ui_page_rows(u) - 1 : 1;
	return u->r.rows > 2 ? u->r.rows - 2 : 1;
}

static long
half_page(struct ui *u)
{
	int rows = top_page(u) ? ui_page_rows(u) : u->r.rows;

	return rows > 1 ? rows / 2 : 1;
}

static void
act_down(struct ui *u)
{
	move_by(u, 1);
}

static void
act_up(struct ui *u)
{
	move_by(u, -1);
}

static void
act_page_down(struct ui *u)
{
	move_by(u, page_size(u));
}

static void
act_page_up(struct ui *u)
{
	move_by(u, -page_size(u));
}

static void
act_half_down(struct ui *u)
{
	move_by(u, half_page(u));
}

static void
act_half_up(struct ui *u)
{
	move_by(u, -half_page(u));
}

/* g and G with a count go to that paragraph of the article. */
static bool
goto_counted(struct ui *u)
{
	if (u->count == 0 || top_page(u))
		return false;
	reader_goto_block(&u->r, u->count - 1);
	return true;
}

static void
act_top(struct ui *u)
{
	struct page *p = top_page(u);

	if (goto_counted(u))
		return;
	if (p) {
		reader_page_step(&u->r, -(long)p->n, ui_page_rows(u));
		p->top = 0;
	} else
		reader_top(&u->r);
}

static void
act_bottom(struct ui *u)
{
	struct page *p = top_page(u);

	if (goto_counted(u))
		return;
	if (p)
		reader_page_step(&u->r, (long)p->n, ui_page_rows(u));
	else
		reader_bottom(&u->r);
}

static void
act_percent(struct ui *u)
{
	close_pages(u);
	reader_goto_percent(&u->r, u->count);
}

static void
act_next(struct ui *u)
{
	if (top_page(u))
		reader_page_step(&u->r, 1, ui_page_rows(u));
	else
		reader_focus_step(&u->r, true);
}

static void
act_prev(struct ui *u)
{
	if (top_page(u))
		reader_page_step(&u->r, -1, ui_page_rows(u));
	else
		reader_focus_step(&u->r, false);
}

static void
act_enter(struct ui *u)
{
	if (top_page(u)) {
		char *path = reader_follow(&u->r);

		if (path) {
			free(u->open_path);
			u->open_path = path;
		}
	} else
		reader_open_focus(&u->r);
}

static void
act_back(struct ui *u)
{
	if (top_page(u))
		reader_close_page(&u->r);
	else
		reader_back(&u->r);
}

static void
act_forward(struct ui *u)
{
	if (!top_page(u))
		reader_forward(&u->r);
}

#define JUMP(name, kind, fwd) \
static void \
name(struct ui *u) \
{ \
	close_pages(u); \
	reader_jump_kind(&u->r, kind, fwd); \
}
JUMP(act_claim_next, ITEM_CLAIM, true)
JUMP(act_claim_prev, ITEM_CLAIM, false)
JUMP(act_quote_next, ITEM_QUOTE, true)
JUMP(act_quote_prev, ITEM_QUOTE, false)
JUMP(act_related_next, ITEM_RELATED, true)
JUMP(act_related_prev, ITEM_RELATED, false)

static void
act_mention_next(struct ui *u)
{
	close_pages(u);
	reader_jump_mention(&u->r, true);
}

static void
act_mention_prev(struct ui *u)
{
	close_pages(u);
	reader_jump_mention(&u->r, false);
}

static void
act_actors(struct ui *u)
{
	reader_open_actors(&u->r);
}

static void
act_relations(struct ui *u)
{
	reader_open_relations(&u->r);
}

static void
act_timeline(struct ui *u)
{
	reader_open_timeline(&u->r);
}

/* Below the panel's width, p says why it does nothing, and does not
 * flip a state that the reader cannot see. */
static void
act_panel(struct ui *u)
{
	if (u->cols < 100) {
		reader_notify(&u->r, "the side panel needs 100 columns; this "
		    "window has %d", u->cols);
		return;
	}
	u->panel = !u->panel;
}

static void
act_search(struct ui *u)
{
	char *needle = ui_prompt(u, "/");

	if (needle == NULL)
		return;
	close_pages(u);
	if (*needle != '\0')
		reader_search(&u->r, needle, strlen(needle));
	else if (u->r.needle != NULL)
		reader_search_step(&u->r, true);
	free(needle);
}

static void
act_search_next(struct ui *u)
{
	close_pages(u);
	reader_search_step(&u->r, true);
}

static void
act_search_prev(struct ui *u)
{
	close_pages(u);
	reader_search_step(&u->r, false);
}

static void
act_help(struct ui *u)
{
	reader_push_page(&u->r, keys_help_page(u->cols));
}

static void
act_where(struct ui *u)
{
	reader_notify_where(&u->r);
}

static void
act_redraw(struct ui *u)
{
	(void)u;
	clearok(curscr, TRUE);
}

const struct key_binding key_table[] = {
	{ { 'j', KEY_DOWN, CTRL('n') }, "j, Down",
	    "Moving", "scroll down a line; on a card, the next entry",
	    act_down },
	{ { 'k', KEY_UP, CTRL('p') }, "k, Up",
	    "Moving", "scroll up a line; on a card, the previous entry",
	    act_up },
	{ { ' ', KEY_NPAGE, 'f', CTRL('f') }, "Space, PgDn, f",
	    "Moving", "scroll down a page", act_page_down },
	{ { 'b', KEY_PPAGE, CTRL('b') }, "b, PgUp",
	    "Moving", "scroll up a page", act_page_up },
	{ { 'd', CTRL('d') }, "d",
	    "Moving", "scroll down half a page", act_half_down },
	{ { 'u', CTRL('u') }, "u",
	    "Moving", "scroll up half a page", act_half_up },
	{ { 'g', KEY_HOME, '<' }, "g, Home, <",
	    "Moving", "go to the top; N g: to paragraph N", act_top },
	{ { 'G', KEY_END, '>' }, "G, End, >",
	    "Moving", "go to the bottom; N G: to paragraph N", act_bottom },
	{ { '%' }, "%",
	    "Moving", "N %: go N percent of the way into the article",
	    act_percent },
	{ { '\t' }, "Tab",
	    "Items", "focus the next item (mention, claim, quote, Read more)",
	    act_next },
	{ { KEY_BTAB }, "Shift-Tab",
	    "Items", "focus the previous item", act_prev },
	{ { '\n', '\r', KEY_ENTER }, "Enter",
	    "Items", "open the focused item's card; on a card, follow the "
	    "focused entry", act_enter },
	{ { 'c' }, "c", "Items", "next claim", act_claim_next },
	{ { 'C' }, "C", "Items", "previous claim", act_claim_prev },
	{ { '\'' }, "'", "Items", "next quote", act_quote_next },
	{ { '"' }, "\"", "Items", "previous quote", act_quote_prev },
	{ { 'r' }, "r", "Items", "next \"Read more\" item",
	    act_related_next },
	{ { 'R' }, "R", "Items", "previous \"Read more\" item",
	    act_related_prev },
	{ { 'm' }, "m", "Items", "next mention of the actor in focus",
	    act_mention_next },
	{ { 'M' }, "M", "Items", "previous mention of the actor in focus",
	    act_mention_prev },
	{ { KEY_BACKSPACE, KEY_LEFT, 0x7f, CTRL('h') }, "Backspace, Left",
	    "History", "back to where the last jump came from; on a card, "
	    "close it", act_back },
	{ { KEY_RIGHT }, "Right",
	    "History", "forward again, after Back", act_forward },
	{ { '/' }, "/",
	    "Search", "search the story (Unicode, case-insensitive); Enter "
	    "runs it, Escape cancels", act_search },
	{ { 'n' }, "n", "Search", "next match", act_search_next },
	{ { 'N' }, "N", "Search", "previous match", act_search_prev },
	{ { 'a' }, "a",
	    "Views", "the actors, grouped under what they are members of",
	    act_actors },
	{ { 'w' }, "w",
	    "Views", "relations: who claims what about whom", act_relations },
	{ { 't' }, "t",
	    "Views", "timeline of the dated claims", act_timeline },
	{ { 'p' }, "p",
	    "Views", "show or hide the side panel of actors (100 columns "
	    "and wider)", act_panel },
	{ { '?', KEY_F(1), 'h' }, "?, F1, h",
	    "Views", "this help", act_help },
	{ { '=', CTRL('g') }, "=",
	    "Views", "which story this is, how far into it, what it holds",
	    act_where },
	{ { CTRL('l') }, "Ctrl-L",
	    "Views", "redraw the screen", act_redraw },
	{ { 'q' }, "q",
	    "Views", "close the open card, view or help; in the article, quit",
	    act_quit },
	{ { 0 }, NULL, NULL, NULL, NULL },
};

/* The actions by name, for bind lines in the configuration file. */
static const struct {
	const char	*name;
	void		(*action)(struct ui *);
} key_actions[] = {
	{ "scroll-down", act_down }, { "scroll-up", act_up },
	{ "page-down", act_page_down }, { "page-up", act_page_up },
	{ "half-page-down", act_half_down }, { "half-page-up", act_half_up },
	{ "top", act_top }, { "bottom", act_bottom },
	{ "percent", act_percent }, { "next-item", act_next },
	{ "previous-item", act_prev }, { "open", act_enter },
	{ "next-claim", act_claim_next }, { "previous-claim", act_claim_prev },
	{ "next-quote", act_quote_next }, { "previous-quote", act_quote_prev },
	{ "next-related", act_related_next },
	{ "previous-related", act_related_prev },
	{ "next-mention", act_mention_next },
	{ "previous-mention", act_mention_prev },
	{ "back", act_back }, { "forward", act_forward },
	{ "search", act_search }, { "search-next", act_search_next },
	{ "search-previous", act_search_prev }, { "actors", act_actors },
	{ "relations", act_relations }, { "timeline", act_timeline },
	{ "panel", act_panel }, { "help", act_help }, { "where", act_where },
	{ "redraw", act_redraw }, { "quit", act_quit },
};

static const char *const key_screens[] = {
	"generic", "article", "card", "view", "help", "prompt",
};

static const char *const key_names[] = {
	"Space", "Tab", "Enter", "Backspace", "Escape", "Delete", "Up",
	"Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
};

/* A key as a bind line writes it: one printable ASCII character, a
 * name from key_names, F1 to F12, or Ctrl- (or ^) and a letter. */
static bool
key_name_valid(const char *key)
{
	size_t i;
	int f;

	if (key[0] > ' ' && key[0] < 0x7f && key[1] == '\0')
		return true;
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key, key_names[i]) == 0)
			return true;
	if ((key[0] == 'F' || key[0] == 'f') && (f = atoi(key + 1)) >= 1 &&
	    f <= 12 && strspn(key + 1, "0123456789") == strlen(key + 1))
		return true;
	if (strncasecmp(key, "Ctrl-", 5) == 0)
		key += 5;
	else if (key[0] == '^')
		key++;
	else
		return false;
	return ((key[0] | 0x20) >= 'a' && (key[0] | 0x20) <= 'z') &&
	    key[1] == '\0';
}

/* Checks a bind line of the configuration file against the screens,
 * the key names and the actions of the key table.  The keymaps are
 * one table today, so a good line is accepted and not yet applied. */
const char *
keys_bind(const char *screen, const char *key, const char *action)
{
	size_t i;

	for (i = 0; i < sizeof key_screens / sizeof key_screens[0]; i++)
		if (strcmp(screen, key_screens[i]) == 0)
			break;
	if (i == sizeof key_screens / sizeof key_screens[0])
		return "no such screen: generic, article, card, view, help "
		    "or prompt";
	if (!key_name_valid(key))
		return "no such key: a character, Ctrl-X, F1 to F12, or a "
		    "name such as Enter, Space, PgDn";
	for (i = 0; i < sizeof key_actions / sizeof key_actions[0]; i++)
		if (strcmp(action, key_actions[i].name) == 0)
			return NULL;
	return "no such action (newslens(1) lists them)";
}

bool
keys_dispatch(struct ui *u, int key)
{
	const struct key_binding *k;
	int i;

	for (k = key_table; k->action != NULL; k++)
		for (i = 0; i < 4 && k->keys[i] != 0; i++)
			if (k->keys[i] == key) {
				k->action(u);
				return true;
			}
	return false;
}

/* Adds "names  help" with the help wrapped under itself. */
static void
help_entry(struct page *p, const struct key_binding *k, int width)
{
	const int col = 19;	/* 2 of indent, 16 for the names, 1 space */
	struct wrap_line *lines;
	size_t n, i, len = strlen(k->help);

	n = wrap_text(k->help, len, width - col - 1 > 20 ? width - col - 1 :
	    20, &lines);
	for (i = 0; i < n; i++)
		page_add(p, ENTRY_PLAIN, 2, "%-16s %.*s", i ? "" : k->names,
		    (int)(lines[i].end - lines[i].start),
		    k->help + lines[i].start);
	free(lines);
}

struct page *
keys_help_page(int width)
{
	struct page *p = page_new("newslens keys");
	const struct key_binding *k;
	const char *group = NULL;

	p->rebuild = keys_help_page;
	for (k = key_table; k->action != NULL; k++) {
		if (group == NULL || strcmp(group, k->group) != 0) {
			if (group != NULL)
				page_add(p, ENTRY_PLAIN, 0, "%s", "");
			group = k->group;
			page_add(p, ENTRY_HEADING, 0, "%s", group);
		}
		help_entry(p, k, width);
	}
	page_add(p, ENTRY_PLAIN, 0, "%s", "");
	page_add(p, ENTRY_PLAIN, 0, "%s",
	    "A number N typed before a moving key moves N times as far;");
	page_add(p, ENTRY_PLAIN, 0, "%s",
	    "Escape forgets it.");
	page_add(p, ENTRY_PLAIN, 0, "%s",
	    "Mouse: a click focuses an item, a second click opens it;");
	page_add(p, ENTRY_PLAIN, 0, "%s", "the wheel scrolls.");
	return p;
}
