/* ui.c - the terminal reader: curses set-up, drawing and the loop.
 *
 * Everything shown comes from the reader's state (reader.h), whose
 * text the model has already sanitised; this file decides only where
 * and how it appears.  Colours come from one table of roles with a
 * monochrome column, so NO_COLOR changes attributes, never layout. */
#include "config.h"

#include "tui/ui.h"

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <term.h>
/* term.h names capabilities as macros; these two clash with struct ui. */
#undef lines
#undef columns
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>
#include <wchar.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "view/conf.h"

/* Below this the screen shows only "terminal too small". */
#define UI_MIN_COLS 20
#define UI_MIN_LINES 6
/* The side panel, on terminals at least this wide. */
#define UI_PANEL_MIN_COLS 100
#define UI_PANEL_WIDTH 30
/* Stories opened from "Read more" items, Back returning to each. */
#define UI_STORY_DEPTH 8

/* Roles: name, foreground colour, attributes with colour, attributes
 * without.  Every kind of item stays distinct in the last column. */
#define UI_ROLES \
	X(TEXT,		-1,		A_NORMAL,		A_NORMAL) \
	X(HEADLINE,	-1,		A_BOLD,			A_BOLD) \
	X(DATELINE,	COLOR_CYAN,	A_NORMAL,		A_DIM) \
	X(MARGIN,	COLOR_BLUE,	A_NORMAL,		A_DIM) \
	X(CLAIMBAR,	COLOR_YELLOW,	A_BOLD,			A_BOLD) \
	X(QUOTE,	COLOR_GREEN,	A_NORMAL,		A_BOLD) \
	X(RELATED,	COLOR_BLUE,	A_UNDERLINE | A_BOLD,	A_UNDERLINE | A_BOLD) \
	X(M_COUNTRY,	COLOR_BLUE,	A_UNDERLINE,		A_UNDERLINE) \
	X(M_GOVERNMENT,	COLOR_CYAN,	A_UNDERLINE,		A_UNDERLINE) \
	X(M_AGENCY,	COLOR_MAGENTA,	A_UNDERLINE,		A_UNDERLINE) \
	X(M_COMPANY,	COLOR_RED,	A_UNDERLINE,		A_UNDERLINE) \
	X(M_PERSON,	COLOR_GREEN,	A_UNDERLINE | A_BOLD,	A_UNDERLINE) \
	X(M_GROUP,	COLOR_YELLOW,	A_UNDERLINE,		A_UNDERLINE) \
	X(M_MEDIA,	COLOR_MAGENTA,	A_UNDERLINE | A_BOLD,	A_UNDERLINE) \
	X(M_OTHER,	-1,		A_UNDERLINE,		A_UNDERLINE) \
	X(HIT,		COLOR_YELLOW,	A_STANDOUT,		A_STANDOUT | A_BOLD) \
	X(STATUS,	-1,		A_REVERSE,		A_REVERSE) \
	X(HINT,		-1,		A_DIM,			A_DIM) \
	X(TITLE,	-1,		A_BOLD | A_UNDERLINE,	A_BOLD | A_UNDERLINE) \
	X(HEADING,	COLOR_CYAN,	A_BOLD,			A_BOLD) \
	X(LINK,		-1,		A_NORMAL,		A_NORMAL) \
	X(TOO_SMALL,	COLOR_RED,	A_BOLD,			A_BOLD)

enum role {
#define X(name, fg, color, mono) ROLE_##name,
	UI_ROLES
#undef X
	ROLE_COUNT
};

static const struct {
	short	fg;
	attr_t	color;
	attr_t	mono;
} role_table[ROLE_COUNT] = {
#define X(name, fg, color, mono) { fg, color, mono },
	UI_ROLES
#undef X
};

/* The roles' names, for color lines of the configuration file. */
static const char *const role_names[ROLE_COUNT] = {
#define X(name, fg, color, mono) #name,
	UI_ROLES
#undef X
};

static attr_t role_attr[ROLE_COUNT];

/* Set by the signal handler, acted on by the loop. */
static volatile sig_atomic_t ui_signal;

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

static attr_t
ui_conf_attrs(unsigned a)
{
	return (a & CONF_BOLD ? A_BOLD : 0) | (a & CONF_DIM ? A_DIM : 0) |
	    (a & CONF_UNDERLINE ? A_UNDERLINE : 0) |
	    (a & CONF_REVERSE ? A_REVERSE : 0) |
	    (a & CONF_STANDOUT ? A_STANDOUT : 0) |
	    (a & CONF_BLINK ? A_BLINK : 0) | (a & CONF_ITALIC ? A_ITALIC : 0);
}

/* The color lines of the configuration, over the table; without
 * colours only their attributes count. */
static void
ui_conf_colors(const struct conf *c, bool mono)
{
	const struct conf_color *cc;
	size_t i;

	for (i = 0; i < c->ncolors; i++) {
		cc = &c->colors[i];
		role_attr[cc->role] = ui_conf_attrs(cc->attrs);
		if (mono || (cc->fg >= COLORS || cc->bg >= COLORS))
			continue;
		init_pair((short)(cc->role + 1), cc->fg, cc->bg);
		if (cc->fg >= 0 || cc->bg >= 0)
			role_attr[cc->role] |= COLOR_PAIR(cc->role + 1);
	}
}

static void
ui_colors(struct ui *u, const struct conf *c)
{
	int i;

	u->mono = getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0';
	if (!u->mono && has_colors() && start_color() == OK) {
		use_default_colors();
		for (i = 0; i < ROLE_COUNT; i++) {
			init_pair((short)(i + 1), role_table[i].fg, -1);
			role_attr[i] = role_table[i].color |
			    (role_table[i].fg >= 0 ? COLOR_PAIR(i + 1) : 0);
		}
		ui_conf_colors(c, false);
		return;
	}
	u->mono = true;
	for (i = 0; i < ROLE_COUNT; i++)
		role_attr[i] = role_table[i].mono;
	ui_conf_colors(c, true);
}

/* Reads the configuration file; its problems go to standard error
 * before the screen is taken, one line each, and the reader starts
 * with the rest.  Returns how many there were. */
static size_t
ui_conf_load(struct conf *c)
{
	static const struct conf_names names = {
		role_names, ROLE_COUNT, keys_bind,
	};
	struct diag d = DIAG_INIT;
	char *path = conf_path();
	size_t bad = 0;

	conf_init(c);
	if (path != NULL)
		bad = conf_load(c, path, &names, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(path);
	return bad;
}

/* ---- text output -------------------------------------------------- */

/* An ASCII stand-in for a cluster `width` columns wide, in a locale
 * that cannot show it: the usual typographic marks, accented letters
 * without their accents, else question marks. */
static void
ui_ascii(const char *s, size_t len, int width, char *out)
{
	utf8proc_int32_t cp;
	utf8proc_uint8_t *plain = NULL;
	int i;

	for (i = 0; i < width; i++)
		out[i] = '?';
	out[width > 0 ? width : 0] = '\0';
	if (width < 1 || utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, &cp) < 1)
		return;
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		out[0] = '\''; return;
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		out[0] = '"'; return;
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0x2500:
		out[0] = '-'; return;
	case 0x00A0: case 0x2002: case 0x2003: case 0x2009:
		out[0] = ' '; return;
	case 0x2026: case 0x00B7:
		out[0] = '.'; return;
	case 0x00B6:
		out[0] = 'P'; return;
	case 0x2502:
		out[0] = '|'; return;
	case 0x00BB: case 0x203A:
		out[0] = '>'; return;
	default:
		break;
	}
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &plain, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) > 0 &&
	    plain[0] > 0x20 && plain[0] < 0x7f)
		out[0] = (char)plain[0];
	free(plain);
}

/* Draws s[0..len) from column x, clipped at column `right`; returns
 * the column after it.  Each cluster is placed where the layout says,
 * whatever width the terminal gives it. */
static int
ui_text(struct ui *u, int y, int x, int right, const char *s, size_t len,
    attr_t attr)
{
	size_t pos = 0, next;
	char ascii[16];
	int w;

	attrset(attr);
	while (pos < len && x < right) {
		w = text_cluster(s, len, pos, &next);
		if (x + w > right)
			break;
		move(y, x);
		if (u->ascii || (unsigned char)s[pos] < 0x80) {
			if ((unsigned char)s[pos] < 0x80 && next - pos == 1)
				addch((chtype)(unsigned char)s[pos] | attr);
			else {
				ui_ascii(s + pos, next - pos,
				    w < 15 ? w : 15, ascii);
				addstr(ascii);
			}
		} else
			addnstr(s + pos, (int)(next - pos));
		x += w;
		pos = next;
	}
	attrset(A_NORMAL);
	return x;
}

static int
ui_str(struct ui *u, int y, int x, int right, const char *s, enum role r)
{
	return ui_text(u, y, x, right, s, strlen(s), role_attr[r]);
}

static void
ui_fill(int y, int x, int right, attr_t attr)
{
	attrset(attr);
	for (; x < right; x++)
		mvaddch(y, x, ' ');
	attrset(A_NORMAL);
}

/* ---- the article -------------------------------------------------- */

struct ui_cursor {
	int	y;
	int	x;	/* -1: not on screen */
};

static enum role
mention_role(enum actor_kind k)
{
	return (enum role)(ROLE_M_COUNTRY + (k < ACTOR_NKINDS ? k :
	    ACTOR_OTHER));
}

/* The attributes of the byte at offset in block b. */
static attr_t
ui_attr_at(struct ui *u, size_t b, size_t offset, bool *claim)
{
	const struct story *st = u->r.st;
	const struct block *bl = &st->blocks[b];
	attr_t attr = role_attr[ROLE_TEXT];
	size_t i;

	for (i = bl->first_item; i < bl->first_item + bl->nitems; i++) {
		const struct item *it = &st->items[i];

		if (it->start > offset)
			break;
		if (offset >= it->end)
			continue;
		switch (it->kind) {
		case ITEM_MENTION:
			attr = role_attr[mention_role(
			    st->actors[it->ref].kind)];
			break;
		case ITEM_QUOTE:
			attr = role_attr[ROLE_QUOTE];
			break;
		case ITEM_RELATED:
			attr = role_attr[ROLE_RELATED];
			break;
		case ITEM_CLAIM:
			*claim = true;
			break;
		default:
			break;
		}
	}
	if (u->r.focus != NONE && st->items[u->r.focus].block == b &&
	    offset >= st->items[u->r.focus].start &&
	    offset < st->items[u->r.focus].end)
		attr |= A_REVERSE;
	return attr;
}

static bool
ui_in_hit(const struct reader *r, size_t b, size_t offset, bool *current)
{
	const struct search_hit *hits;
	size_t i, n = reader_block_hits(r, b, &hits);

	for (i = 0; i < n && hits[i].start <= offset; i++)
		if (offset < hits[i].end) {
			*current = b == r->hit.block &&
			    hits[i].start == r->hit.start;
			return true;
		}
	return false;
}

/* Whether a claim covers any part of the line. */
static bool
ui_line_in_claim(const struct story *st, size_t b,
    const struct wrap_line *l)
{
	const struct block *bl = &st->blocks[b];
	size_t i;

	for (i = bl->first_item; i < bl->first_item + bl->nitems; i++) {
		const struct item *it = &st->items[i];

		if (it->kind == ITEM_CLAIM && it->start < l->end &&
		    it->end > l->start)
			return true;
	}
	return false;
}

static void
ui_margin(struct ui *u, int y, size_t b, size_t line, bool claim)
{
	const struct block *bl = &u->r.st->blocks[b];
	int digits = u->r.margin - 2;
	char num[32];

	if (line == 0) {
		if (bl->kind == BLOCK_RELATED)
			snprintf(num, sizeof num, "%*s", digits, u->ascii ?
			    ">>" : "\xc2\xbb");
		else
			snprintf(num, sizeof num, "%*zu", digits, b + 1);
		ui_str(u, y, 0, digits, num, ROLE_MARGIN);
	}
	if (claim)
		ui_str(u, y, digits, digits + 1, u->ascii ? "|" :
		    "\xe2\x94\x82", ROLE_CLAIMBAR);
}

static void
ui_article_line(struct ui *u, int y, int right, size_t b, size_t line,
    struct ui_cursor *cur)
{
	struct reader *r = &u->r;
	const struct layout *l = reader_layout(r, b);
	const struct block *bl = &r->st->blocks[b];
	const struct wrap_line *wl;
	size_t pos, next;
	int x = r->margin;

	if (line >= l->nlines)
		return;
	wl = &l->lines[line];
	ui_margin(u, y, b, line, ui_line_in_claim(r->st, b, wl));
	for (pos = wl->start; pos < wl->end && x < right; pos = next) {
		bool claim = false, current = false;
		attr_t attr = ui_attr_at(u, b, pos, &claim);

		text_cluster(bl->text, bl->len, pos, &next);
		if (ui_in_hit(r, b, pos, &current))
			attr = role_attr[ROLE_HIT] | (current ? A_REVERSE : 0);
		if (cur->x < 0 && ((r->focus != NONE &&
		    r->st->items[r->focus].block == b &&
		    pos >= r->st->items[r->focus].start &&
		    pos < r->st->items[r->focus].end) || current)) {
			cur->y = y;
			cur->x = x;
		}
		x = ui_text(u, y, x, right, bl->text + pos, next - pos, attr);
	}
}

static void
ui_draw_article(struct ui *u, int y0, int y1, int right,
    struct ui_cursor *cur)
{
	struct row row = u->r.top;
	int y;

	if (u->r.st->nblocks == 0) {
		ui_str(u, y0, u->r.margin, right, "(this story has no text)",
		    ROLE_HINT);
		return;
	}
	for (y = y0; y < y1; y++) {
		ui_article_line(u, y, right, row.block, row.line, cur);
		if (!reader_row_step(&u->r, &row, 1))
			break;
	}
}

/* ---- the side panel ----------------------------------------------- */

static void
ui_panel_actor(struct ui *u, size_t a, int depth, int *y, int y1, int x)
{
	const struct story *st = u->r.st;
	const struct actor *ac = &st->actors[a];
	char count[32];
	size_t i, focus = reader_focus_actor(&u->r);
	int cx;

	if (*y >= y1)
		return;
	snprintf(count, sizeof count, " %zu", ac->total_mentions);
	cx = ui_str(u, *y, x + 1 + 2 * (depth < 5 ? depth : 5),
	    u->cols - (int)strlen(count), ac->name, a == focus ? ROLE_STATUS :
	    mention_role(ac->kind));
	(void)cx;
	ui_str(u, *y, u->cols - (int)strlen(count), u->cols, count,
	    ROLE_MARGIN);
	(*y)++;
	for (i = 0; i < ac->members.n; i++)
		ui_panel_actor(u, ac->members.v[i], depth + 1, y, y1, x);
}

static void
ui_draw_panel(struct ui *u, int y0, int y1, int x)
{
	size_t a;
	int y;

	for (y = y0; y < y1; y++)
		ui_str(u, y, x, x + 1, u->ascii ? "|" : "\xe2\x94\x82",
		    ROLE_MARGIN);
	ui_str(u, y0, x + 1, u->cols, "Actors", ROLE_TITLE);
	y = y0 + 1;
	for (a = 0; a < u->r.st->nactors; a++)
		if (u->r.st->actors[a].parent == NONE)
			ui_panel_actor(u, a, 0, &y, y1, x);
}

/* ---- pages (cards and views) -------------------------------------- */

/* Rows at the foot of the screen: the status line, and the key hint
 * when there is room for it. */
static int
ui_foot(const struct ui *u)
{
	return 1 + (u->lines >= 8);
}

int
ui_page_rows(const struct ui *u)
{
	/* The title and the blank row under it. */
	int rows = u->lines - ui_foot(u) - 2;

	return rows > 0 ? rows : 1;
}

/* An entry on one row; one too long for it is cut with an ellipsis,
 * before the number it ends with, if any (the actors view's counts),
 * so that the number stays. */
static void
ui_entry(struct ui *u, int y, int x, const char *text, attr_t attr)
{
	size_t len = strlen(text), keep = len;
	int right;

	if (x + (int)text_width(text, len) <= u->cols) {
		ui_text(u, y, x, u->cols, text, len, attr);
		return;
	}
	while (keep > 0 && text[keep - 1] >= '0' && text[keep - 1] <= '9')
		keep--;
	if (keep == len || keep == 0 || text[keep - 1] != ' ' ||
	    len - keep + 2 >= (size_t)(u->cols - x))
		keep = len;
	right = u->cols - (int)(len - keep) - (keep < len);
	x = ui_text(u, y, x, right - 1, text, keep, attr);
	x = ui_text(u, y, x, right, "\xe2\x80\xa6", 3, attr);
	if (keep < len)
		ui_text(u, y, x + 1, u->cols, text + keep, len - keep, attr);
}

static void
ui_draw_page(struct ui *u, const struct page *p, int y0, int y1,
    struct ui_cursor *cur)
{
	size_t i;
	int y;

	ui_str(u, y0, 1, u->cols, p->title, ROLE_TITLE);
	for (i = p->top, y = y0 + 2; i < p->n && y < y1; i++, y++) {
		struct entry *e = &p->entries[i];
		enum role role = e->style == ENTRY_HEADING ? ROLE_HEADING :
		    e->style == ENTRY_LINK ? ROLE_LINK : ROLE_TEXT;
		attr_t attr = role_attr[role];

		if (i == p->sel) {
			attr |= A_REVERSE;
			cur->y = y;
			cur->x = 1 + e->indent;
			ui_fill(y, 0, u->cols, A_REVERSE);
		}
		ui_entry(u, y, 1 + e->indent, page_entry_text(u->r.st, e),
		    attr);
	}
}

/* ---- status, hint, whole screen ----------------------------------- */

static void
ui_draw_status(struct ui *u, int y)
{
	char *status = u->r.notice ? xstrdup(u->r.notice) :
	    reader_status(&u->r);

	ui_fill(y, 0, u->cols, role_attr[ROLE_STATUS]);
	ui_str(u, y, 0, u->cols, status, ROLE_STATUS);
	free(status);
}

static void
ui_draw_hint(struct ui *u, int y)
{
	const char *hint = u->r.npages > 0 ?
	    "q close  Enter follow  j/k move  Backspace back  ? help" :
	    "q quit  ? help  Tab next item  Enter open  c claim  ' quote  "
	    "/ search  a actors";

	const char *p = hint, *end;
	int x = 0, w;

	/* Whole hints only, separated by two spaces: on a narrow window
	 * the ones that do not fit are left out, not cut. */
	while (*p != '\0') {
		end = strstr(p, "  ");
		if (end == NULL)
			end = p + strlen(p);
		w = (int)text_width(p, (size_t)(end - p));
		if (x + w > u->cols)
			break;
		ui_text(u, y, x, u->cols, p, (size_t)(end - p),
		    role_attr[ROLE_HINT]);
		x += w + 2;
		p = *end ? end + 2 : end;
	}
}

/* The headline wraps on a narrow window rather than lose its end, on
 * at most a quarter of the rows (and 3). */
static size_t
ui_headline_lines(const struct ui *u, struct wrap_line **lines)
{
	const char *h = u->r.st->headline;
	size_t n = wrap_text(h, strlen(h), u->cols > 1 ? u->cols : 1, lines);
	size_t most = u->lines / 4 < 3 ? (size_t)(u->lines / 4) : 3;

	return n < most ? n : most > 0 ? most : 1;
}

/* Rows above the article: the headline, the dateline (10 lines and
 * more) and a blank row (14 and more). */
static int
ui_head_rows(const struct ui *u)
{
	struct wrap_line *lines;
	size_t n = ui_headline_lines(u, &lines);

	free(lines);
	return (int)n + (u->lines >= 10) + (u->lines >= 14);
}

static void
ui_draw_head(struct ui *u, int *y)
{
	const struct story *st = u->r.st;
	struct wrap_line *lines;
	size_t i, n = ui_headline_lines(u, &lines);

	for (i = 0; i < n; i++)
		ui_text(u, (*y)++, 0, u->cols, st->headline + lines[i].start,
		    lines[i].end - lines[i].start, role_attr[ROLE_HEADLINE]);
	free(lines);
	if (u->lines >= 10 && st->dateline)
		ui_str(u, (*y)++, 0, u->cols, st->dateline, ROLE_DATELINE);
	if (u->lines >= 14)
		(*y)++;
}

static bool
ui_panel_shown(const struct ui *u)
{
	return u->panel && u->cols >= UI_PANEL_MIN_COLS;
}

/* Works out the article's size for the current terminal. */
static void
ui_layout(struct ui *u)
{
	int head = ui_head_rows(u);
	int foot = ui_foot(u);
	int width = (ui_panel_shown(u) ? u->cols - UI_PANEL_WIDTH :
	    u->cols) - u->r.margin - 1;

	/* A readable measure: on a wide terminal, lines no longer than
	 * that, as reader views keep them. */
	if (u->measure > 0 && width > u->measure)
		width = u->measure;

	u->too_small = u->cols < UI_MIN_COLS || u->lines < UI_MIN_LINES;
	if (!u->too_small)
		reader_resize(&u->r, width, u->lines - head - foot);
}

static void
ui_draw(struct ui *u)
{
	struct ui_cursor cur = { 0, -1 };
	int y = 0, foot = ui_foot(u);
	int right = ui_panel_shown(u) ? u->cols - UI_PANEL_WIDTH : u->cols;

	erase();
	if (u->too_small) {
		ui_str(u, 0, 0, u->cols, "terminal too small", ROLE_TOO_SMALL);
		if (u->lines > 1)
			ui_str(u, 1, 0, u->cols, "q quits", ROLE_HINT);
		move(0, 0);
		refresh();
		return;
	}
	if (u->r.npages > 0)
		ui_draw_page(u, u->r.pages[u->r.npages - 1], 0,
		    u->lines - foot, &cur);
	else {
		ui_draw_head(u, &y);
		ui_draw_article(u, y, u->lines - foot, right, &cur);
		if (ui_panel_shown(u))
			ui_draw_panel(u, y, u->lines - foot, right);
	}
	ui_draw_status(u, u->lines - foot);
	if (foot > 1)
		ui_draw_hint(u, u->lines - 1);
	/* The cursor sits on the focused item, for screen readers. */
	if (cur.x >= 0)
		move(cur.y, cur.x);
	else
		move(u->lines - foot, 0);
	refresh();
}

/* ---- input -------------------------------------------------------- */

/* Draws the prompt and what has been typed (b->data is never NULL) on
 * the bottom row; when it is too wide, the end of it, which is where
 * the typing goes on. */
static void
ui_prompt_draw(struct ui *u, const char *prompt, const struct buf *b)
{
	int y = u->lines - 1, x = (int)strlen(prompt);
	size_t pos = 0, next;
	size_t room = u->cols > x + 1 ? (size_t)(u->cols - x - 1) : 0;

	while (pos < b->len && text_width(b->data + pos, b->len - pos) >
	    room) {
		text_cluster(b->data, b->len, pos, &next);
		pos = next;
	}
	ui_fill(y, 0, u->cols, A_NORMAL);
	ui_str(u, y, 0, u->cols, prompt, ROLE_TEXT);
	x = ui_text(u, y, x, u->cols, b->data + pos, b->len - pos, A_NORMAL);
	move(y, x < u->cols ? x : u->cols - 1);
	refresh();
}

/* Backspace: drops the last code point. */
static void
prompt_drop_char(struct buf *b)
{
	while (b->len > 0 && ((unsigned char)b->data[b->len - 1] & 0xC0) ==
	    0x80)
		b->len--;
	if (b->len > 0)
		b->len--;
	buf_truncate(b, b->len);
}

/* Ctrl-W: drops the spaces at the end, then the word before them. */
static void
prompt_drop_word(struct buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	while (b->len > 0 && b->data[b->len - 1] != ' ')
		b->len--;
	buf_truncate(b, b->len);
}

/* Up and Down: the older or newer entry of the history into b; *at is
 * the entry shown, nhistory for the line being typed. */
static void
prompt_recall(const struct ui *u, struct buf *b, size_t *at, bool older)
{
	if (older ? *at == 0 : *at >= u->nhistory)
		return;
	*at = older ? *at - 1 : *at + 1;
	buf_truncate(b, 0);
	if (*at < u->nhistory)
		buf_puts(b, u->history[*at]);
}

/* Keeps a line the reader entered, the newest last, without repeating
 * the one before it. */
static void
prompt_remember(struct ui *u, const char *line)
{
	if (*line == '\0' || (u->nhistory > 0 &&
	    strcmp(u->history[u->nhistory - 1], line) == 0))
		return;
	if (u->nhistory == UI_HISTORY_MAX) {
		free(u->history[0]);
		memmove(u->history, u->history + 1,
		    (UI_HISTORY_MAX - 1) * sizeof *u->history);
		u->nhistory--;
	}
	u->history[u->nhistory++] = xstrdup(line);
}

/* Applies an editing key to b; false when the key edits nothing. */
static bool
prompt_edit(const struct ui *u, struct buf *b, size_t *at, int rc,
    wint_t wc)
{
	utf8proc_uint8_t enc[4];

	if ((rc == KEY_CODE_YES && wc == KEY_BACKSPACE) ||
	    (rc == OK && (wc == 127 || wc == 8)))
		prompt_drop_char(b);
	else if (rc == OK && wc == 0x15)	/* Ctrl-U */
		buf_truncate(b, 0);
	else if (rc == OK && wc == 0x17)	/* Ctrl-W */
		prompt_drop_word(b);
	else if (rc == KEY_CODE_YES && (wc == KEY_UP || wc == KEY_DOWN))
		prompt_recall(u, b, at, wc == KEY_UP);
	else if (rc == OK && wc >= 0x20 && wc != 0x7f && b->len < 1024 &&
	    utf8proc_codepoint_valid((utf8proc_int32_t)wc))
		buf_append(b, enc, (size_t)utf8proc_encode_char(
		    (utf8proc_int32_t)wc, enc));
	else
		return false;
	return true;
}

char *
ui_prompt(struct ui *u, const char *prompt)
{
	struct buf b = BUF_INIT;
	size_t at = u->nhistory;
	wint_t wc;
	int rc;

	buf_puts(&b, "");	/* b.data is never NULL from here on */
	for (;;) {
		ui_prompt_draw(u, prompt, &b);
		rc = get_wch(&wc);
		if (ui_signal)
			break;
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			getmaxyx(stdscr, u->lines, u->cols);
			ui_layout(u);
			ui_draw(u);
			continue;
		}
		if ((rc == OK && (wc == '\n' || wc == '\r')) ||
		    (rc == KEY_CODE_YES && wc == KEY_ENTER)) {
			prompt_remember(u, b.data);
			return buf_detach(&b);
		}
		if (rc == OK && (wc == 27 || wc == 7 || wc == 3))
			break;
		prompt_edit(u, &b, &at, rc, wc);
	}
	buf_free(&b);
	return NULL;
}

/* The item under screen cell (y, x) of the article, or NONE. */
static size_t
ui_item_at(struct ui *u, int y, int x)
{
	int head = ui_head_rows(u);
	struct row row = u->r.top;
	const struct layout *l;
	const struct block *bl;
	size_t pos, next, i, found = NONE;
	int cx = u->r.margin;

	if (y < head || y >= head + u->r.rows || x < u->r.margin ||
	    u->r.st->nblocks == 0)
		return NONE;
	if (!reader_row_step(&u->r, &row, y - head) && y != head)
		return NONE;
	l = reader_layout(&u->r, row.block);
	if (row.line >= l->nlines)
		return NONE;
	bl = &u->r.st->blocks[row.block];
	for (pos = l->lines[row.line].start; pos < l->lines[row.line].end;
	    pos = next) {
		cx += text_cluster(bl->text, bl->len, pos, &next);
		if (cx > x)
			break;
	}
	for (i = bl->first_item; i < bl->first_item + bl->nitems; i++)
		if (u->r.st->items[i].start <= pos &&
		    pos < u->r.st->items[i].end)
			found = i;
	return found;
}

/* A click on an entry of the card or view on top focuses it, and a
 * second click on it follows it, as Enter does.  Entries are drawn
 * from row 2 (ui_draw_page). */
static void
ui_mouse_page(struct ui *u, int y)
{
	struct page *p = u->r.pages[u->r.npages - 1];
	size_t i;
	char *path;

	if (y < 2 || y >= 2 + ui_page_rows(u))
		return;
	i = p->top + (size_t)(y - 2);
	if (i >= p->n || p->entries[i].target == TARGET_NONE)
		return;
	if (i != p->sel) {
		p->sel = i;
		return;
	}
	if ((path = reader_follow(&u->r)) != NULL) {
		free(u->open_path);
		u->open_path = path;
	}
}

static void
ui_mouse(struct ui *u)
{
	MEVENT ev;
	size_t item;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		if (u->r.npages > 0)
			reader_page_step(&u->r, -3, ui_page_rows(u));
		else
			reader_scroll(&u->r, -3);
		return;
	}
	if (ev.bstate & (BUTTON5_PRESSED)) {
		if (u->r.npages > 0)
			reader_page_step(&u->r, 3, ui_page_rows(u));
		else
			reader_scroll(&u->r, 3);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	if (u->r.npages > 0) {
		ui_mouse_page(u, ev.y);
		return;
	}
	item = ui_item_at(u, ev.y, ev.x);
	if (item == NONE)
		return;
	if (item == u->r.focus && item == u->click_item)
		reader_open_focus(&u->r);
	else
		reader_focus(&u->r, item, false);
	u->click_item = item;
}

/* ---- stories opened from "Read more" items ------------------------ */

struct ui_stack {
	struct reader	r[UI_STORY_DEPTH];
	size_t		n;
};

static void
ui_open_story(struct ui *u, struct ui_stack *stack)
{
	struct diag d = DIAG_INIT;
	struct story *st;
	char *path = u->open_path;

	u->open_path = NULL;
	if (stack->n == UI_STORY_DEPTH) {
		reader_notify(&u->r, "too many stories open: go back first");
		free(path);
		return;
	}
	st = load_file(path, &u->load, &d);
	if (st == NULL) {
		reader_notify(&u->r, "%s", d.n ? d.msgs[0] : "cannot open");
		diag_free(&d);
		free(path);
		return;
	}
	diag_free(&d);
	stack->r[stack->n++] = u->r;
	reader_init(&u->r, st, path);
	free(path);
	u->r.width = 0;
	ui_layout(u);
}

/* Back from the first place of a story opened from another. */
static bool
ui_close_story(struct ui *u, struct ui_stack *stack)
{
	if (stack->n == 0 || u->r.nback > 0 || u->r.npages > 0)
		return false;
	reader_free(&u->r);
	u->r = stack->r[--stack->n];
	u->r.width = 0;
	ui_layout(u);
	return true;
}

static bool
ui_is_back(int rc, wint_t wc)
{
	if (rc == KEY_CODE_YES)
		return wc == KEY_BACKSPACE || wc == KEY_LEFT;
	return wc == 0x7f || wc == 8;
}

/* Digits typed before a key make a count for it (keys.c); Escape
 * forgets it.  Returns whether the key was taken for that. */
static bool
ui_count_key(struct ui *u, int rc, wint_t wc)
{
	if (rc != OK)
		return false;
	if (wc == 0x1b && u->count > 0) {
		u->count = 0;
		return true;
	}
	if (wc < '0' || wc > '9' || (wc == '0' && u->count == 0))
		return false;
	if (u->count <= (UI_COUNT_MAX - (wc - '0')) / 10)
		u->count = u->count * 10 + (wc - '0');
	reader_notify(&u->r, "%lu: g goes to paragraph %lu, %% to %lu%%, "
	    "j %lu lines down; Escape forgets it", u->count, u->count,
	    u->count > 100 ? 100 : u->count, u->count);
	return true;
}

static void
ui_key(struct ui *u, struct ui_stack *stack, int rc, wint_t wc)
{
	free(u->r.notice);
	u->r.notice = NULL;
	if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
		getmaxyx(stdscr, u->lines, u->cols);
		ui_layout(u);
		return;
	}
	if (u->too_small) {
		if (rc == OK && wc == 'q')
			u->quit = true;
		return;
	}
	if (rc == KEY_CODE_YES && wc == KEY_MOUSE) {
		ui_mouse(u);
		if (u->open_path)
			ui_open_story(u, stack);
		ui_layout(u);
		return;
	}
	if (ui_is_back(rc, wc) && ui_close_story(u, stack))
		return;
	if (rc == OK && wc > 0x7f)
		return;
	if (ui_count_key(u, rc, wc))
		return;
	if (!keys_dispatch(u, (int)wc))
		reader_notify(&u->r, "no key bound here: ? shows the keys");
	u->count = 0;
	if (u->open_path)
		ui_open_story(u, stack);
	/* A key may have opened or closed the panel. */
	ui_layout(u);
}

static void
ui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake the read in get_wch. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Whether terminfo knows the terminal type `term`. */
static bool
ui_term_known(const char *term)
{
	int err;

	/* Ask terminfo first: newterm on an unknown terminal fails
	 * after allocating what it never frees. */
	if (setupterm(term, STDOUT_FILENO, &err) != OK)
		return false;
	del_curterm(cur_term);
	return true;
}

/* The terminal type to drive, or NULL when there is no terminal to
 * drive (the caller prints the dump).  A type terminfo does not know
 * (kitty, alacritty or ghostty over SSH, where the remote host has no
 * entry for it) is replaced by the first of these that it knows, with
 * a warning, as less does. */
static const char *
ui_term(void)
{
	static const char *const fallbacks[] = {
		"xterm-256color", "xterm", "vt100",
	};
	const char *term = getenv("TERM");
	char *safe;
	size_t i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
	    term == NULL || *term == '\0' || strcmp(term, "dumb") == 0)
		return NULL;
	if (ui_term_known(term))
		return term;
	for (i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
		if (ui_term_known(fallbacks[i])) {
			safe = text_sanitize(term);
			fprintf(stderr, "newslens: unknown TERM '%s'; using "
			    "%s\n", safe, fallbacks[i]);
			free(safe);
			return fallbacks[i];
		}
	return NULL;
}

static void
ui_loop(struct ui *u)
{
	struct ui_stack stack;
	wint_t wc;
	int rc;

	stack.n = 0;
	while (!u->quit && !ui_signal) {
		ui_draw(u);
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		ui_key(u, &stack, rc, wc);
	}
	while (stack.n > 0) {
		reader_free(&u->r);
		u->r = stack.r[--stack.n];
	}
}

int
ui_run(struct story *st, const char *path, const struct load_opts *opts,
    const struct ui_opts *uo)
{
	struct ui u;
	struct conf conf;
	SCREEN *scr;
	const char *codeset, *term;
	size_t bad;

	if ((term = ui_term()) == NULL)
		return -1;
	bad = ui_conf_load(&conf);
	ui_signals();
	scr = newterm(term, stdout, stdin);
	if (scr == NULL) {
		conf_free(&conf);
		return -1;
	}
	memset(&u, 0, sizeof u);
	u.mouse = conf.mouse && !uo->no_mouse;
	u.measure = uo->measure ? uo->measure : conf.width ? conf.width :
	    UI_MEASURE_DEFAULT;
	codeset = nl_langinfo(CODESET);
	u.ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0;
	u.panel = true;
	u.click_item = NONE;
	u.load = *opts;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	if (u.mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	ui_colors(&u, &conf);
	conf_free(&conf);
	curs_set(1);
	reader_init(&u.r, st, path);
	if (bad > 0)
		reader_notify(&u.r, "%zu bad line%s in the configuration "
		    "file, left out (see standard error)", bad,
		    bad == 1 ? "" : "s");
	getmaxyx(stdscr, u.lines, u.cols);
	u.r.width = 0;
	ui_layout(&u);
	ui_loop(&u);
	endwin();
	delscreen(scr);
	reader_free(&u.r);
	free(u.open_path);
	while (u.nhistory > 0)
		free(u.history[--u.nhistory]);
	if (ui_signal) {
		int sig = ui_signal;

		/* Die of the signal, as the shell expects, with the
		 * terminal already restored. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
