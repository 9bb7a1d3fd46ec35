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
#include "tui/editmode.h"
#include "view/cursor.h"
#include "library/library.h"
#include "view/shelflib.h"

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
	X(HIT,		COLOR_YELLOW,	A_REVERSE,		A_BOLD | A_UNDERLINE) \
	X(CURRENT,	COLOR_YELLOW,	A_REVERSE | A_BOLD | A_UNDERLINE, \
	    A_REVERSE | A_BOLD | A_UNDERLINE) \
	X(STATUS,	-1,		A_REVERSE,		A_REVERSE) \
	X(SELECTION,	COLOR_CYAN,	A_REVERSE,		A_REVERSE) \
	X(CURSOR,	COLOR_MAGENTA,	A_REVERSE | A_BOLD,	\
	    A_REVERSE | A_BOLD | A_UNDERLINE) \
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

/* The attributes each role is drawn with, from role_table and the
 * configuration's colour lines: the reader's own (struct ui), not a
 * global. */
struct ui_roles {
	attr_t	attr[ROLE_COUNT];
};

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
ui_conf_colors(struct ui *u, const struct conf *c, bool mono)
{
	const struct conf_color *cc;
	size_t i;

	for (i = 0; i < c->ncolors; i++) {
		cc = &c->colors[i];
		u->roles->attr[cc->role] = ui_conf_attrs(cc->attrs);
		if (mono || (cc->fg >= COLORS || cc->bg >= COLORS))
			continue;
		init_pair((short)(cc->role + 1), cc->fg, cc->bg);
		if (cc->fg >= 0 || cc->bg >= 0)
			u->roles->attr[cc->role] |= COLOR_PAIR(cc->role + 1);
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
			u->roles->attr[i] = role_table[i].color |
			    (role_table[i].fg >= 0 ? COLOR_PAIR(i + 1) : 0);
		}
		ui_conf_colors(u, c, false);
		return;
	}
	u->mono = true;
	for (i = 0; i < ROLE_COUNT; i++)
		u->roles->attr[i] = role_table[i].mono;
	ui_conf_colors(u, c, true);
}

/* A bind line of the configuration file, into the reader's keymaps. */
static const char *
ui_conf_bind(void *keys, const char *screen, const char *key,
    const char *action)
{
	return keys_bind(keys, screen, key, action);
}

/* Reads the configuration file: its colours and options into c, its
 * bindings into u->keys.  Its problems go to standard error before the
 * screen is taken, one line each, and the reader starts with the rest.
 * Returns how many there were. */
static size_t
ui_conf_load(struct ui *u, struct conf *c)
{
	const struct conf_names names = {
		role_names, ROLE_COUNT, ui_conf_bind, &u->keys,
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
	/* The same stand-ins that search folds to, so that it finds
	 * what this screen shows. */
	if ((i = text_ascii_punct(cp)) != 0) {
		out[0] = (char)i;
		return;
	}
	switch (cp) {
	case 0x2500:
		out[0] = '-'; return;
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

/* Puts the grapheme cluster s[0..len) in the cell at (y, x) as one
 * cchar_t, so that its combining marks, joiners and modifiers reach the
 * terminal with it.  setcchar() keeps only a spacing character and the
 * non-spacing ones after it, so an emoji sequence (a ZWJ family, a skin
 * tone) is put into the cell's characters here; ncursesw writes them
 * all, in order.  A cluster of more than CCHARW_MAX code points keeps
 * what fits, less a joiner left dangling at the end.  A cluster that
 * starts with a mark gets a space to sit on, as a dotted circle would,
 * rather than landing on the cell before it. */
static void
ui_cluster(int y, int x, const char *s, size_t len, attr_t attr)
{
	wchar_t wc[CCHARW_MAX + 1];
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	cchar_t cc;
	size_t pos = 0, k = 0;

	while (pos < len && k < CCHARW_MAX) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
		    (utf8proc_ssize_t)(len - pos), &cp);
		if (n < 1)
			break;	/* cannot happen: the text is sanitised */
		if (k == 0 && wcwidth((wchar_t)cp) <= 0)
			wc[k++] = L' ';
		if (k < CCHARW_MAX)
			wc[k++] = (wchar_t)cp;
		pos += (size_t)n;
	}
	if (pos < len && k > 1 && wc[k - 1] == 0x200D)
		k--;
	wc[k] = L'\0';
	if (k == 0 || setcchar(&cc, wc, attr & ~A_COLOR,
	    (short)PAIR_NUMBER(attr), NULL) != OK)
		return;
	memcpy(cc.chars, wc, k * sizeof *wc);
	mvadd_wch(y, x, &cc);
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
		if (next - pos == 1 && (unsigned char)s[pos] < 0x80)
			mvaddch(y, x, (chtype)(unsigned char)s[pos] | attr);
		else if (u->ascii) {
			ui_ascii(s + pos, next - pos, w < 15 ? w : 15, ascii);
			mvaddstr(y, x, ascii);
		} else if (w > 0)
			ui_cluster(y, x, s + pos, next - pos, attr);
		x += w;
		pos = next;
	}
	attrset(A_NORMAL);
	return x;
}

static int
ui_str(struct ui *u, int y, int x, int right, const char *s, enum role r)
{
	return ui_text(u, y, x, right, s, strlen(s), u->roles->attr[r]);
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
	bool	edit;	/* it is edit mode's, which the focus leaves be */
};

static enum role
ui_mention_role(enum actor_kind k)
{
	return (enum role)(ROLE_M_COUNTRY + (k < ACTOR_NKINDS ? k :
	    ACTOR_OTHER));
}

/* The attributes of the byte at offset in block b. */
static attr_t
ui_attr_at(struct ui *u, size_t b, size_t offset, bool *claim)
{
	const struct story *st = u->r.st;
	attr_t attr = u->roles->attr[ROLE_TEXT];
	bool inner = false;
	size_t i;

	/* The items that hold the offset, innermost first (found by
	 * bisection: a cluster costs the same in a paragraph of 10,000
	 * items); the innermost one that has a colour gives it. */
	for (i = reader_item_at(&u->r, b, offset); i != NONE;
	    i = st->items[i].parent) {
		const struct item *it = &st->items[i];

		if (it->kind == ITEM_CLAIM)
			*claim = true;
		else if (!inner) {
			inner = true;
			attr = u->roles->attr[it->kind == ITEM_MENTION ?
			    ui_mention_role(st->actors[it->ref].kind) :
			    it->kind == ITEM_QUOTE ? ROLE_QUOTE :
			    ROLE_RELATED];
		}
	}
	if (u->r.focus != NONE && !u->r.cur.selecting &&
	    st->items[u->r.focus].block == b &&
	    offset >= st->items[u->r.focus].start &&
	    offset < st->items[u->r.focus].end)
		attr |= A_REVERSE;
	return attr;
}

static bool
ui_in_hit(const struct reader *r, size_t b, size_t offset, bool *current)
{
	const struct search_hit *hit = r->highlight ?
	    reader_hit_at(r, b, offset) : NULL;

	if (hit == NULL)
		return false;
	*current = b == r->hit.block && hit->start == r->hit.start;
	return true;
}

/* Whether a claim covers any part of the line. */
static bool
ui_line_in_claim(const struct reader *r, size_t b,
    const struct wrap_line *l)
{
	const struct story *st = r->st;
	size_t i, end;

	/* A claim that holds the line's start, or one that starts on it. */
	for (i = reader_item_at(r, b, l->start); i != NONE;
	    i = st->items[i].parent)
		if (st->items[i].kind == ITEM_CLAIM)
			return true;
	for (end = reader_items_in(r, b, l->start, l->end, &i); i < end; i++)
		if (st->items[i].kind == ITEM_CLAIM)
			return true;
	return false;
}

static void
ui_margin(struct ui *u, int y, size_t b, size_t line, bool claim)
{
	const struct block *bl = &u->r.st->blocks[b];
	int digits = u->r.margin - 2;
	char num[32];

	/* Every block shows its number, the one that g, --dump and --list
	 * use; a "Read more" item's has a sign after it, in the column of
	 * the claim bar (such an item holds no claim). */
	if (line == 0) {
		snprintf(num, sizeof num, "%*zu", digits, b + 1);
		ui_str(u, y, 0, digits, num, ROLE_MARGIN);
		if (bl->kind == BLOCK_RELATED)
			ui_str(u, y, digits, digits + 1, u->ascii ? ">" :
			    "\xc2\xbb", ROLE_MARGIN);
	}
	if (claim)
		ui_str(u, y, digits, digits + 1, u->ascii ? "|" :
		    "\xe2\x94\x82", ROLE_CLAIMBAR);
}

/* The selection and edit mode's cursor over attr, at byte pos of b. */
static attr_t
ui_edit_attr(struct ui *u, size_t b, size_t pos, attr_t attr)
{
	size_t sb, ss, se;

	if (!u->r.cur.on)
		return attr;
	if (b == u->r.cur.block && pos == u->r.cur.at)
		return u->roles->attr[ROLE_CURSOR];
	if (cursor_selection(&u->r, &sb, &ss, &se) && sb == b && pos >= ss &&
	    pos < se)
		return u->roles->attr[ROLE_SELECTION];
	return attr;
}

/* The cursor on a space where the line breaks (after its end, before
 * the next line) is drawn just past the line's text. */
static void
ui_edit_break(struct ui *u, int y, int x, int right, size_t b, size_t line,
    struct ui_cursor *cur)
{
	struct wrap_line wl, nl;
	size_t from, to;

	if (!reader_line(&u->r, b, line, &wl))
		return;
	from = wl.end;
	to = reader_line(&u->r, b, line + 1, &nl) ? nl.start :
	    u->r.st->blocks[b].len + 1;

	if (!u->r.cur.on || b != u->r.cur.block || u->r.cur.at < from ||
	    u->r.cur.at >= to || x >= right)
		return;
	ui_fill(y, x, x + 1, u->roles->attr[ROLE_CURSOR]);
	cur->y = y;
	cur->x = x;
	cur->edit = true;
}

static void
ui_article_line(struct ui *u, int y, int right, size_t b, size_t line,
    struct ui_cursor *cur)
{
	struct reader *r = &u->r;
	const struct block *bl = &r->st->blocks[b];
	struct wrap_line line_at, *wl = &line_at;
	size_t pos, next;
	int x = r->margin;

	if (!reader_line(r, b, line, wl))
		return;
	ui_margin(u, y, b, line, ui_line_in_claim(r, b, wl));
	for (pos = wl->start; pos < wl->end && x < right; pos = next) {
		bool claim = false, current = false;
		attr_t attr = ui_attr_at(u, b, pos, &claim);

		text_cluster(bl->text, bl->len, pos, &next);
		if (ui_in_hit(r, b, pos, &current))
			attr = u->roles->attr[current ? ROLE_CURRENT : ROLE_HIT];
		attr = ui_edit_attr(u, b, pos, attr);
		if (r->cur.on && b == r->cur.block && pos == r->cur.at) {
			cur->y = y;
			cur->x = x;
			cur->edit = true;
		}
		if (cur->x < 0 && !cur->edit && ((r->focus != NONE &&
		    r->st->items[r->focus].block == b &&
		    pos >= r->st->items[r->focus].start &&
		    pos < r->st->items[r->focus].end) || current)) {
			cur->y = y;
			cur->x = x;
		}
		x = ui_text(u, y, x, right, bl->text + pos, next - pos, attr);
	}
	ui_edit_break(u, y, x, right, b, line, cur);
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
	    ui_mention_role(ac->kind));
	(void)cx;
	ui_str(u, *y, u->cols - (int)strlen(count), u->cols, count,
	    ROLE_MARGIN);
	(*y)++;
	for (i = 0; i < ac->members.n; i++)
		ui_panel_actor(u, story_ix(st, ac->members)[i], depth + 1, y, y1,
		    x);
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

/* The attributes an item has in the article, for its words in an
 * excerpt. */
static attr_t
ui_item_attr(const struct ui *u, size_t item)
{
	const struct story *st = u->r.st;
	const struct item *it = &st->items[item];

	switch (it->kind) {
	case ITEM_MENTION:
		return u->roles->attr[ui_mention_role(st->actors[it->ref].kind)];
	case ITEM_QUOTE:
		return u->roles->attr[ROLE_QUOTE];
	case ITEM_RELATED:
		return u->roles->attr[ROLE_RELATED];
	default:
		return u->roles->attr[ROLE_CLAIMBAR];
	}
}

/* Where an entry too long for its row is cut: after a word, with room
 * for an ellipsis and, if the entry ends in a number (the actors
 * view's counts), for the number, which stays.  The number's start in
 * *tail (len when there is none) and the right edge of the rest. */
static size_t
ui_entry_cut(const struct ui *u, int x, const char *text, size_t len,
    size_t *tail, int *right)
{
	struct wrap_line first;
	size_t t = len;

	while (t > 0 && text[t - 1] >= '0' && text[t - 1] <= '9')
		t--;
	if (t == len || t == 0 || text[t - 1] != ' ' ||
	    len - t + 2 >= (size_t)(u->cols - x))
		t = len;
	*tail = t;
	*right = u->cols - (int)(len - t) - (t < len);
	/* Room for the ellipsis: "..." where "\xe2\x80\xa6" cannot be
	 * shown, as ui_cut_words does, for a lone "." reads as a full
	 * stop ("gearing up for a."). */
	text_wrap_next(text, t < len ? t - 1 : len, 0,
	    *right - (u->ascii ? 3 : 1) - x, &first);
	return first.end;
}

/* How an entry is drawn: its text, the matches of the search in it,
 * the item's words (hs..he) and their attributes. */
struct ui_entry_look {
	const char		*text;
	struct search_hit	*hits;
	size_t			 nhits;
	size_t			 hs, he;
	attr_t			 attr, hl;
	bool			 current;
};

/* Bytes [at, cut) of an entry from column x of row y, up to `right`:
 * a match (the first of them as the current one when `current`), else
 * the item's words drawn as in the article, else the rest. */
static int
ui_entry_span(struct ui *u, int y, int x, int right,
    const struct ui_entry_look *k, size_t at, size_t cut)
{
	size_t i = 0, end, hs = k->hs, he = k->he;
	attr_t a;

	while (at < cut) {
		while (i < k->nhits && k->hits[i].end <= at)
			i++;
		if (i < k->nhits && k->hits[i].start <= at) {
			end = k->hits[i].end < cut ? k->hits[i].end : cut;
			a = u->roles->attr[k->current && i == 0 ?
			    ROLE_CURRENT : ROLE_HIT];
		} else {
			end = i < k->nhits && k->hits[i].start < cut ?
			    k->hits[i].start : cut;
			a = at < hs ? k->attr : at < he ? k->hl : k->attr;
			if (at < hs && end > hs)
				end = hs;
			else if (at >= hs && at < he && end > he)
				end = he;
		}
		x = ui_text(u, y, x, right, k->text + at, end - at, a);
		at = end;
	}
	return x;
}

/* The look of entry e over bytes [0, upto) of its text: the matches
 * of the search found there (caller frees k->hits). */
static void
ui_entry_look(struct ui *u, const struct entry *e, const char *text,
    size_t upto, attr_t attr, bool current, struct ui_entry_look *k)
{
	struct search_hit *hits = NULL;
	size_t len = strlen(text);

	memset(k, 0, sizeof *k);
	k->text = text;
	k->attr = k->hl = attr;
	k->current = current;
	k->hs = e->hl_start;
	k->he = e->hl_end;
	if (k->he > len || k->hs > k->he)
		k->hs = k->he = 0;
	if (k->he > 0 && e->target == TARGET_ITEM && e->a < u->r.st->nitems)
		k->hl = ui_item_attr(u, e->a) | (attr & A_REVERSE);
	if (u->r.highlight && u->r.nfolded > 0)
		k->nhits = search_text(text, upto, u->r.folded, u->r.nfolded,
		    &hits);
	k->hits = hits;
}

/* An entry on one row (a row of a table, the status's head): one too
 * long for the row is cut as ui_entry_cut says, with an ellipsis. */
static void
ui_entry(struct ui *u, int y, int x, const struct entry *e,
    const char *text, attr_t attr, bool current)
{
	size_t len = strlen(text), cut = len, tail = len;
	bool more = x + (int)text_width(text, len) > u->cols;
	int right = u->cols;
	struct ui_entry_look k;

	if (more)
		cut = ui_entry_cut(u, x, text, len, &tail, &right);
	ui_entry_look(u, e, text, cut, attr, current, &k);
	x = ui_entry_span(u, y, x, right, &k, 0, cut);
	free(k.hits);
	if (!more)
		return;
	x = ui_text(u, y, x, right, u->ascii ? "..." : "\xe2\x80\xa6", 3,
	    attr);
	if (tail < len)
		ui_text(u, y, x + 1, u->cols, text + tail, len - tail, attr);
}

/* Entry i of p from row y, wrapped onto as many rows as it needs up
 * to y1 (page_entry_lines); the rows it took.  The focused one is in
 * reverse video on all of them. */
static int
ui_page_entry(struct ui *u, const struct page *p, size_t i, int y, int y1)
{
	struct entry *e = &p->entries[i];
	enum role role = e->style == ENTRY_HEADING ? ROLE_HEADING :
	    e->style == ENTRY_LINK ? ROLE_LINK : ROLE_TEXT;
	attr_t attr = u->roles->attr[role] | (i == p->sel ? A_REVERSE : 0);
	const char *text = page_entry_text(u->r.st, e);
	struct wrap_line *lines;
	struct ui_entry_look k;
	size_t n, l;
	int x = 1 + e->indent;

	if (e->oneline) {
		if (i == p->sel)
			ui_fill(y, 0, u->cols, A_REVERSE);
		ui_entry(u, y, x, e, text, attr, i == p->hit);
		return 1;
	}
	lines = xcalloc((size_t)(y1 - y), sizeof *lines);
	n = page_entry_lines(&u->r, e, lines, (size_t)(y1 - y));
	ui_entry_look(u, e, text, lines[n - 1].end, attr, i == p->hit, &k);
	for (l = 0; l < n; l++) {
		if (i == p->sel)
			ui_fill(y + (int)l, 0, u->cols, A_REVERSE);
		ui_entry_span(u, y + (int)l, x + (l ? PAGE_HANG : 0), u->cols,
		    &k, lines[l].start, lines[l].end);
	}
	free(k.hits);
	free(lines);
	return (int)n;
}

static void ui_cut_words(struct ui *, int, int, int, const char *,
    enum role);

static void
ui_draw_page(struct ui *u, const struct page *p, int y0, int y1,
    struct ui_cursor *cur)
{
	size_t i;
	int y;

	/* A long title ends at a word, as the status does. */
	ui_cut_words(u, y0, 1, u->cols - 1, p->title, ROLE_TITLE);
	for (i = p->top, y = y0 + 2; i < p->n && y < y1; i++) {
		if (i == p->sel) {
			cur->y = y;
			cur->x = 1 + p->entries[i].indent;
		}
		y += ui_page_entry(u, p, i, y, y1);
	}
}

/* ---- status, hint, whole screen ----------------------------------- */

/* Draws s in `width` columns from x; too long, it is cut after the
 * last word that fits, with an ellipsis, never inside a word (unless
 * its first word alone is too long). */
static void
ui_cut_words(struct ui *u, int y, int x, int width, const char *s,
    enum role r)
{
	/* Where "…" cannot be shown, three dots, in three columns. */
	const char *dots = u->ascii ? "..." : "\xe2\x80\xa6";
	int dw = u->ascii ? 3 : 1;
	size_t len = strlen(s), pos = 0, next, cut = 0;
	int w = 0;

	if ((int)text_width(s, len) <= width) {
		ui_str(u, y, x, x + width, s, r);
		return;
	}
	while (pos < len) {
		int cw = text_cluster(s, len, pos, &next);

		if (w + cw > width - dw)
			break;
		if (s[pos] == ' ' && pos > 0 && s[pos - 1] != ' ')
			cut = pos;
		w += cw;
		pos = next;
	}
	if (cut == 0)
		cut = pos;
	while (cut > 0 && strchr(" ,;:", s[cut - 1]) != NULL)
		cut--;
	x = ui_text(u, y, x, x + width, s, cut, u->roles->attr[r]);
	ui_text(u, y, x, x + dw, dots, strlen(dots), u->roles->attr[r]);
}

/* The notice or the focus; in edit mode after "-- EDIT --", which the
 * status line always shows there. */
static char *
ui_status_text(struct ui *u)
{
	struct buf b = BUF_INIT;

	if (!u->edit || u->r.npages > 0)
		return u->r.notice ? xstrdup(u->r.notice) :
		    reader_status(&u->r);
	if (u->r.notice == NULL)
		return cursor_status(&u->r, editmode_dirty(u));
	buf_printf(&b, "-- EDIT --%s %s", editmode_dirty(u) ? " [+]" : "",
	    u->r.notice);
	return buf_detach(&b);
}
static char *ui_shelf_status(struct ui *);
static void ui_draw_shelf(struct ui *, int y0, int y1, struct ui_cursor *);

/* Below this width a status that does not fit takes the room of the
 * words "more above and below" (a claim's status kept only "Claim c6:
 * the..." at 40 columns), which then become arrows. */
#define UI_NARROW 60
/* Below this, even an arrow costs the status its first words ("Quote
 * q1, 1 of 2" at 20 columns): the status takes the whole line. */
#define UI_TINY 30

/* "more below" as an arrow, "more above and below" as two; "(END)"
 * and the entry's place stay. */
static void
ui_where_short(const struct ui *u, char *where, size_t size)
{
	static const struct {
		const char *words, *arrows, *ascii;
	} more[] = {
		{ "more above and below", "\xe2\x86\x91\xe2\x86\x93", "^v" },
		{ "more below", "\xe2\x86\x93", "v" },
		{ "more above", "\xe2\x86\x91", "^" },
	};
	size_t i, len = strlen(where), wl;

	for (i = 0; i < sizeof more / sizeof more[0]; i++) {
		wl = strlen(more[i].words);
		if (len >= wl && strcmp(where + len - wl, more[i].words) == 0) {
			snprintf(where + len - wl, size - (len - wl), "%s",
			    u->ascii ? more[i].ascii : more[i].arrows);
			return;
		}
	}
}

/* The status: the notice or the focus, cut at a word, and at the right
 * where the screen is (less's "(END)"), after the story's place in the
 * library. */
static void
ui_draw_status(struct ui *u, int y)
{
	bool reading = shelf_reading(u->shelf);
	char *status = !reading ? ui_shelf_status(u) : ui_status_text(u);
	char where[64], pos[48];
	int ww, room;

	where[0] = '\0';
	if (reading)
		reader_where(&u->r, where, sizeof where);
	shelf_position(u->shelf, pos, sizeof pos);
	if (*pos != '\0' && u->r.npages == 0) {
		size_t pl = strlen(pos);

		if (*where != '\0' && pl + 2 + strlen(where) < sizeof where) {
			memmove(where + pl + 2, where, strlen(where) + 1);
			memcpy(where, pos, pl);
			memcpy(where + pl, "; ", 2);
		} else if (*where == '\0')
			memcpy(where, pos, pl + 1);
	}
	ww = (int)strlen(where);
	/* On a narrow screen, "more below" without the entry's place. */
	if (u->cols - ww - 2 < u->cols / 2 && strstr(where, "; ") != NULL) {
		memmove(where, strstr(where, "; ") + 2,
		    strlen(strstr(where, "; ") + 2) + 1);
		ww = (int)strlen(where);
	}
	room = u->cols - (ww ? ww + 2 : 0);
	if (u->cols >= UI_TINY && u->cols < UI_NARROW &&
	    (int)text_width(status, strlen(status)) > room) {
		ui_where_short(u, where, sizeof where);
		ww = (int)text_width(where, strlen(where));
		room = u->cols - (ww ? ww + 2 : 0);
	}
	/* In edit mode what the status says of the edits and the selection
	 * goes before where. */
	if (room < u->cols / 2 || (u->edit && u->r.npages == 0 &&
	    (int)text_width(status, strlen(status)) > room)) {
		where[0] = '\0';
		ww = 0;
		room = u->cols;
	}
	ui_fill(y, 0, u->cols, u->roles->attr[ROLE_STATUS]);
	ui_cut_words(u, y, 0, room, status, ROLE_STATUS);
	if (ww > 0)
		ui_str(u, y, u->cols - ww, u->cols, where, ROLE_STATUS);
	free(status);
}

/* The hints of each screen, the most needed first; as many whole
 * hints as fit are shown. */
static const char *const hint_article[] = {
	"q quit", "? help", "Tab next item", "Enter open", "c claim",
	"' quote", "/ search", "a actors", "i index", NULL,
};
static const char *const hint_shelved[] = {
	"q back to the list", "? help", "Tab next item", "Enter open",
	"/ search", "a actors", "i index", NULL,
};
static const char *const hint_page[] = {
	"q close", "Enter follow", "j/k move", "/ search", "Backspace back",
	"? help", NULL,
};
static const char *const hint_index[] = {
	"Escape close", "type to filter", "Up/Down move", "Enter open",
	"F1 help", NULL,
};
static const char *const hint_help[] = {
	"q close", "j/k move", "/ search", NULL,
};
static const char *const hint_edit[] = {
	"Escape leave", "v select", "m mention", "' quote", "c claim",
	"x unmark", "u undo", ": command", "? help", NULL,
};
static const char *const hint_list[] = {
	"q quit", "Enter open", "s sort", "f filter", "/ search",
	"A actors", "L log", "? help", NULL,
};
static const char *const hint_library[] = {
	"q back", "Enter open", "j/k move", "n/N next result", "? help", NULL,
};
static const char *const hint_filter[] = {
	"type to filter", "Enter keep", "Escape empty", "Up/Down move", NULL,
};

static void
ui_draw_hint(struct ui *u, int y)
{
	const char *const *h = u->edit ? hint_edit : u->shelf->library ?
	    hint_shelved : hint_article;
	int x = 0, w;

	if (!shelf_reading(u->shelf))
		h = u->filtering ? hint_filter : shelf_top(u->shelf)->kind ==
		    SHELF_LIST ? hint_list : hint_library;
	else if (u->r.npages > 0)
		switch (u->r.pages[u->r.npages - 1]->kind) {
		case PAGE_INDEX: h = hint_index; break;
		case PAGE_HELP: h = hint_help; break;
		default: h = hint_page; break;
		}
	for (; *h != NULL; h++) {
		w = (int)strlen(*h);
		if (x + w > u->cols)
			break;
		ui_str(u, y, x, u->cols, *h, ROLE_HINT);
		x += w + 2;
	}
}

/* The dateline, the byline and the source, on the row under the
 * headline: who wrote it and for whom is part of reading it. */
static void
ui_draw_dateline(struct ui *u, int y)
{
	const struct story *st = u->r.st;
	const char *part[3] = { st->dateline, st->byline, st->source };
	struct entry none;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 3; i++)
		if (part[i] != NULL && *part[i] != '\0') {
			if (b.len > 0)
				buf_puts(&b, u->ascii ? " - " : " \xc2\xb7 ");
			buf_puts(&b, part[i]);
		}
	memset(&none, 0, sizeof none);
	if (b.len > 0)
		ui_entry(u, y, 0, &none, b.data, u->roles->attr[ROLE_DATELINE],
		    false);
	buf_free(&b);
}

/* The headline wraps on a narrow window rather than lose its end, on
 * at most a quarter of the rows (and 3). */
static size_t
ui_headline_lines(const struct ui *u, struct wrap_line **lines)
{
	const char *h = u->r.st->headline;
	size_t n = text_wrap(h, strlen(h), u->cols > 1 ? u->cols : 1, lines);
	size_t most = u->lines / 4 < 3 ? (size_t)(u->lines / 4) : 3;

	return n < most ? n : most > 0 ? most : 1;
}

/* Rows above the article: the headline, the dateline (10 lines and
 * more) and a blank row (14 and more). */
static int
ui_head_rows(const struct ui *u)
{
	struct wrap_line *lines;
	size_t n = 1;

	/* A library's list has no story, and no headline, open. */
	if (u->r.st != NULL) {
		n = ui_headline_lines(u, &lines);
		free(lines);
	}
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
		    lines[i].end - lines[i].start, u->roles->attr[ROLE_HEADLINE]);
	free(lines);
	if (u->lines >= 10)
		ui_draw_dateline(u, (*y)++);
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
	/* Stories opened from the list are laid out for the screen. */
	if (u->shelf != NULL)
		shelf_resize(u->shelf, u->r.st ? width : width - READER_MARGIN,
		    u->r.st ? u->lines - head - foot : ui_page_rows(u));
	if (u->r.st == NULL)
		return;
	if (!u->too_small)
		reader_resize(&u->r, width, u->lines - head - foot);
	u->r.page_rows = ui_page_rows(u);
	u->r.page_cols = u->cols;
}

static void
ui_draw(struct ui *u)
{
	struct ui_cursor cur = { 0, -1, false };
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
	if (!shelf_reading(u->shelf))
		ui_draw_shelf(u, 0, u->lines - foot, &cur);
	else if (u->r.npages > 0)
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
	/* The cursor sits on the focused item, for screen readers; in
	 * edit mode, where the text cursor is. */
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
/* A question or the choices of Tab, wrapped on as many as three rows
 * above the prompt's row y (the last of them cut). */
static void
ui_prompt_above(struct ui *u, int y, const char *text)
{
	struct wrap_line *l;
	size_t len = strlen(text), n = text_wrap(text, len, u->cols, &l), i;
	int rows = n < 3 ? (int)n : 3;

	if (rows > y)
		rows = y;
	for (i = 0; i < (size_t)rows; i++) {
		int row = y - rows + (int)i;

		ui_fill(row, 0, u->cols, u->roles->attr[ROLE_STATUS]);
		if (i + 1 == (size_t)rows && i + 1 < n)
			ui_cut_words(u, row, 0, u->cols, text + l[i].start,
			    ROLE_STATUS);
		else
			ui_text(u, row, 0, u->cols, text + l[i].start,
			    l[i].end - l[i].start, u->roles->attr[ROLE_STATUS]);
	}
	free(l);
}

static void
ui_prompt_draw(struct ui *u, const char *prompt, const struct buf *b,
    const char *above)
{
	int y = u->lines - 1, x = (int)strlen(prompt);
	size_t pos = 0, next;
	size_t room = u->cols > x + 1 ? (size_t)(u->cols - x - 1) : 0;

	while (pos < b->len && text_width(b->data + pos, b->len - pos) >
	    room) {
		text_cluster(b->data, b->len, pos, &next);
		pos = next;
	}
	if (above != NULL)
		ui_prompt_above(u, y, above);
	else if (ui_foot(u) > 1)
		ui_draw_status(u, y - 1);
	ui_fill(y, 0, u->cols, A_NORMAL);
	ui_str(u, y, 0, u->cols, prompt, ROLE_TEXT);
	x = ui_text(u, y, x, u->cols, b->data + pos, b->len - pos, A_NORMAL);
	move(y, x < u->cols ? x : u->cols - 1);
	refresh();
}

/* Backspace: drops the last code point. */
void
ui_line_erase(struct buf *b)
{
	size_t len = b->len;

	while (len > 0 && ((unsigned char)b->data[len - 1] & 0xC0) == 0x80)
		len--;
	buf_truncate(b, len > 0 ? len - 1 : 0);
}

/* Ctrl-W: drops the spaces at the end, then the word before them. */
void
ui_line_erase_word(struct buf *b)
{
	size_t len = b->len;

	while (len > 0 && b->data[len - 1] == ' ')
		len--;
	while (len > 0 && b->data[len - 1] != ' ')
		len--;
	buf_truncate(b, len);
}

/* A character typed: valid code points only, 1 KiB at most. */
void
ui_line_insert(struct buf *b, int key)
{
	utf8proc_uint8_t enc[4];

	if (key < 0x20 || key == 0x7f || b->len >= 1024 ||
	    !utf8proc_codepoint_valid((utf8proc_int32_t)key))
		return;
	buf_append(b, enc, (size_t)utf8proc_encode_char(
	    (utf8proc_int32_t)key, enc));
}

/* Up and Down: the older or newer entry of the history into the line;
 * line->at is the entry shown, nhistory for the line being typed. */
void
ui_line_recall(struct ui *u, bool older)
{
	struct ui_line *l = u->line;
	size_t n = l->nhist ? *l->nhist : 0;

	if (older ? l->at == 0 : l->at >= n)
		return;
	l->at = older ? l->at - 1 : l->at + 1;
	buf_truncate(&l->b, 0);
	if (l->at < n)
		buf_puts(&l->b, l->hist[l->at]);
}

/* Keeps a line the reader entered, the newest last, without repeating
 * the one before it. */
void
ui_remember(char **hist, size_t *n, const char *line)
{
	if (*line == '\0' || (*n > 0 && strcmp(hist[*n - 1], line) == 0))
		return;
	if (*n == UI_HISTORY_MAX) {
		free(hist[0]);
		memmove(hist, hist + 1, (UI_HISTORY_MAX - 1) * sizeof *hist);
		(*n)--;
	}
	hist[(*n)++] = xstrdup(line);
}

/* The key code of what get_wch read (keys.h). */
static int
ui_keycode(int rc, wint_t wc)
{
	return rc == KEY_CODE_YES ? KEYS_FN((int)wc) : (int)wc;
}

/* The prompt's keys go through its keymap (keys.c); in raw mode, so
 * that Ctrl-C reaches it as a key and cancels the line, as in less
 * and readline, instead of ending the program. */
char *
ui_prompt(struct ui *u, const char *prompt)
{
	return ui_prompt_line(u, prompt, "", KEYS_PROMPT, u->history,
	    &u->nhistory, NULL);
}

char *
ui_prompt_line(struct ui *u, const char *prompt, const char *text,
    enum keys_mode kmode, char **hist, size_t *nhist, const char *above)
{
	struct ui_line line, *outer = u->line;
	const char *drawn_above = NULL;
	enum keys_mode mode = u->mode;
	wint_t wc;
	int rc;

	memset(&line, 0, sizeof line);
	buf_puts(&line.b, text);	/* never NULL from here on */
	line.hist = hist;
	line.nhist = nhist;
	line.at = nhist ? *nhist : 0;
	line.above = above ? xstrdup(above) : NULL;
	u->line = &line;
	raw();
	while (line.done == 0) {
		/* What was above the line goes with it. */
		if (line.above != drawn_above) {
			ui_draw(u);
			drawn_above = line.above;
		}
		ui_prompt_draw(u, prompt, &line.b, line.above);
		rc = get_wch(&wc);
		if (ui_signal) {
			line.done = -1;
			break;
		}
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && wc == KEY_RESIZE) {
			getmaxyx(stdscr, u->lines, u->cols);
			ui_layout(u);
			ui_draw(u);
			continue;
		}
		keys_dispatch(u, kmode, ui_keycode(rc, wc));
	}
	noraw();
	cbreak();
	u->line = outer;
	u->mode = mode;
	free(line.above);
	if (line.done > 0) {
		if (hist != NULL)
			ui_remember(hist, nhist, line.b.data);
		return buf_detach(&line.b);
	}
	buf_free(&line.b);
	return NULL;
}

/* The text under screen cell (y, x) of the article: its block and the
 * byte of the cluster there (the line's end past its text); false off
 * the text. */
static bool
ui_text_at(struct ui *u, int y, int x, size_t *block, size_t *at)
{
	int head = ui_head_rows(u);
	struct row row = u->r.top;
	struct wrap_line wl;
	const struct block *bl;
	size_t pos, next;
	int cx = u->r.margin;

	if (y < head || y >= head + u->r.rows || x < u->r.margin ||
	    u->r.st->nblocks == 0)
		return false;
	if (!reader_row_step(&u->r, &row, y - head) && y != head)
		return false;
	if (!reader_line(&u->r, row.block, row.line, &wl))
		return false;
	bl = &u->r.st->blocks[row.block];
	for (pos = wl.start; pos < wl.end; pos = next) {
		cx += text_cluster(bl->text, bl->len, pos, &next);
		if (cx > x)
			break;
	}
	*block = row.block;
	*at = pos;
	return true;
}

/* The item under screen cell (y, x) of the article, or NONE. */
static size_t
ui_item_at(struct ui *u, int y, int x)
{
	size_t b, at;

	return ui_text_at(u, y, x, &b, &at) ? reader_item_at(&u->r, b, at) :
	    NONE;
}

/* In edit mode a press puts the cursor, and a release elsewhere in the
 * same paragraph selects from the press to it. */
static bool
ui_mouse_edit(struct ui *u, const MEVENT *ev)
{
	size_t b, at;

	if (!u->edit || u->r.npages > 0 ||
	    !(ev->bstate & (BUTTON1_PRESSED | BUTTON1_RELEASED)))
		return false;
	if (!ui_text_at(u, ev->y, ev->x, &b, &at)) {
		u->pressed = false;
		return true;
	}
	if (ev->bstate & BUTTON1_PRESSED) {
		cursor_set(&u->r, b, at);
		u->pressed = true;
		u->press_block = b;
		u->press_at = at;
	} else if (u->pressed && b == u->press_block) {
		cursor_drag(&u->r, b, u->press_at, at);
		u->pressed = false;
	} else
		u->pressed = false;
	return true;
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
	/* Entries wrap: the row is a line of which entry. */
	i = page_entry_at(&u->r, p, (size_t)(y - 2), (size_t)ui_page_rows(u));
	if (i == NONE || p->entries[i].target == TARGET_NONE)
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

void
ui_mouse(struct ui *u)
{
	MEVENT ev;
	size_t item;

	if (getmouse(&ev) != OK || ui_mouse_edit(u, &ev))
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

/* ---- stories opened from others, and the library's list ---------- */

/* The reader the shelf just put in u->r (a story opened, or one under
 * a frame that closed), with the help made of this ui's keymaps. */
void
ui_adopt(struct ui *u)
{
	u->r.help = keys_help_page;
	u->r.help_ctx = &u->keys;
	u->r.width = 0;
	ui_layout(u);
}

/* A story file that a "Read more" card names: the library's row when
 * it is one of them, so that it has its place in the list. */
static void
ui_open_story(struct ui *u)
{
	char *path = u->open_path;
	size_t row = u->shelf->src.path_row ?
	    u->shelf->src.path_row(u->shelf->src.ctx, path) : NONE;

	u->open_path = NULL;
	if (u->edit)
		editmode_leave(u);
	if (shelf_open(u->shelf, row, path, &u->r, NULL, NULL, 0, 0))
		ui_adopt(u);
	else
		reader_notify(&u->r, "%s", u->shelf->notice ?
		    u->shelf->notice : "cannot open");
	free(path);
}

bool
ui_close_story(struct ui *u)
{
	if (u->shelf == NULL || !shelf_reading(u->shelf) || u->r.nback > 0 ||
	    u->r.npages > 0 || !shelf_back(u->shelf, &u->r))
		return false;
	if (shelf_reading(u->shelf))
		ui_adopt(u);
	else
		ui_layout(u);
	return true;
}

bool
ui_first_story(const struct ui *u)
{
	return !u->shelf->library && u->shelf->nframes <= 1;
}

void
ui_list_follow(struct ui *u)
{
	if (shelf_follow(u->shelf, &u->r))
		ui_adopt(u);
}

void
ui_list_back(struct ui *u)
{
	if (!shelf_back(u->shelf, &u->r))
		u->quit = true;
	else if (shelf_reading(u->shelf))
		ui_adopt(u);
}

void
ui_list_help(struct ui *u)
{
	const struct shelf_frame *f = shelf_top(u->shelf);

	if (f->kind == SHELF_HELP)
		ui_list_back(u);
	else
		shelf_open_help(u->shelf, keys_help_page(&u->keys,
		    f->kind == SHELF_LIST ? KEYS_LIST : KEYS_LIBRARY,
		    u->cols));
}

/* The list's row i: date, headline (or what is broken), source and the
 * counts, as many columns as the width has room for. */
static void
ui_list_row(struct ui *u, int y, const struct shelf_row *r, bool sel)
{
	char counts[64];
	int src = u->cols >= 100 ? 16 : u->cols >= 70 ? 10 : 0, cw, x, right;
	struct buf b = BUF_INIT;

	if (sel)
		ui_fill(y, 0, u->cols, u->roles->attr[ROLE_STATUS]);
	snprintf(counts, sizeof counts, "%4zua %3zuc %3zuq", r->nactors,
	    r->nclaims, r->nquotes);
	cw = r->broken || u->cols < 50 ? 0 : (int)strlen(counts);
	x = u->cols >= 40 ? 11 : 0;
	if (x > 0)
		ui_str(u, y, 1, 11, *r->when ? r->when : "undated",
		    sel ? ROLE_STATUS : ROLE_DATELINE);
	if (r->broken) {
		/* What is wrong, as much of it as the row holds. */
		buf_printf(&b, "BROKEN: %s", r->broken);
		ui_text(u, y, x + 1, u->cols, b.data, b.len, u->roles->attr[sel ?
		    ROLE_STATUS : ROLE_TOO_SMALL]);
		buf_free(&b);
		return;
	}
	right = u->cols - (cw ? cw + 1 : 0) - (src ? src + 2 : 0);
	ui_cut_words(u, y, x + 1, right - x - 1, *r->headline ? r->headline :
	    r->shown, sel ? ROLE_STATUS : ROLE_HEADLINE);
	if (src > 0)
		ui_cut_words(u, y, right + 1, src, r->source, sel ? ROLE_STATUS :
		    ROLE_MARGIN);
	if (cw > 0)
		ui_str(u, y, u->cols - cw, u->cols, counts, sel ? ROLE_STATUS :
		    ROLE_MARGIN);
}

/* An entry of a view over the list, its match marked. */
static void
ui_shelf_entry(struct ui *u, int y, size_t i, bool sel)
{
	struct buf b = BUF_INIT;
	size_t hs, he;
	int x = 1 + shelf_entry(u->shelf, i, u->cols - 2, &b, &hs, &he);
	attr_t attr = sel ? u->roles->attr[ROLE_STATUS] : u->roles->attr[ROLE_TEXT];

	if (sel)
		ui_fill(y, 0, u->cols, attr);
	if (b.data == NULL)
		buf_puts(&b, "");
	if (he > hs && he <= b.len) {
		x = ui_text(u, y, x, u->cols, b.data, hs, attr);
		x = ui_text(u, y, x, u->cols, b.data + hs, he - hs,
		    u->roles->attr[sel ? ROLE_CURRENT : ROLE_HIT]);
		ui_text(u, y, x, u->cols, b.data + he, b.len - he, attr);
	} else
		ui_text(u, y, x, u->cols, b.data, b.len, attr);
	buf_free(&b);
}

static void
ui_draw_shelf(struct ui *u, int y0, int y1, struct ui_cursor *cur)
{
	struct shelf *sh = u->shelf;
	const struct shelf_frame *f = shelf_top(sh);
	struct buf t = BUF_INIT;
	size_t i, n = shelf_count(sh);
	int y;

	shelf_title(sh, &t);
	ui_cut_words(u, y0, 1, u->cols - 1, t.data ? t.data : "", ROLE_TITLE);
	buf_free(&t);
	if (n == 0)
		ui_str(u, y0 + 2, 1, u->cols, f->kind == SHELF_LIST &&
		    sh->filter ? "No story holds that." : "Nothing here.",
		    ROLE_HINT);
	for (i = f->top, y = y0 + 2; i < n && y < y1; i++, y++) {
		if (i == f->sel) {
			cur->y = y;
			cur->x = 0;
		}
		if (f->kind == SHELF_LIST)
			ui_list_row(u, y, shelf_list_row(sh, i), i == f->sel);
		else
			ui_shelf_entry(u, y, i, i == f->sel &&
			    f->kind != SHELF_HELP && f->kind != SHELF_LOG);
	}
}

/* The status line over the list: the notice, the filter being typed,
 * or the focused entry. */
static char *
ui_shelf_status(struct ui *u)
{
	struct shelf *sh = u->shelf;
	const struct shelf_frame *f = shelf_top(sh);
	const struct shelf_row *r;
	struct buf b = BUF_INIT;
	size_t n = shelf_count(sh);

	if (u->filtering)
		buf_printf(&b, "filter: %s", sh->filter ? sh->filter : "");
	else if (sh->notice)
		buf_puts(&b, sh->notice);
	else if (f->kind == SHELF_LIST && (r = shelf_list_row(sh, f->sel))) {
		buf_printf(&b, "Story %zu of %zu: %s", f->sel + 1, n,
		    r->broken ? r->broken : r->shown);
	} else if (f->kind == SHELF_RESULTS && f->sel < sh->nhits) {
		r = &sh->rows[sh->hits[f->sel].row];
		buf_printf(&b, "Result %zu of %zu: %s %s", f->sel + 1, n,
		    *r->when ? r->when : "undated", r->headline);
	} else if (n > 0)
		buf_printf(&b, "Entry %zu of %zu", f->sel + 1, n);
	else
		buf_puts(&b, "");
	return buf_detach(&b);
}

/* The screen a key is typed on: the page on top, or the article. */
static enum keys_mode
ui_mode(const struct ui *u)
{
	if (!shelf_reading(u->shelf))
		return u->filtering ? KEYS_FILTER :
		    shelf_top(u->shelf)->kind == SHELF_LIST ? KEYS_LIST :
		    KEYS_LIBRARY;
	if (u->r.npages == 0)
		return u->edit ? KEYS_EDIT : KEYS_ARTICLE;
	switch (u->r.pages[u->r.npages - 1]->kind) {
	case PAGE_HELP:		return KEYS_HELP;
	case PAGE_INDEX:	return KEYS_INDEX;
	case PAGE_ACTORS:
	case PAGE_RELATIONS:
	case PAGE_CLAIMS:
	case PAGE_TIMELINE:	return KEYS_VIEW;
	default:		return KEYS_CARD;
	}
}

/* Escape then a character, typed together (ESC-u): one key. */
static int
ui_meta(int key)
{
	wint_t wc;
	int rc;

	if (key != 0x1b)
		return key;
	nodelay(stdscr, TRUE);
	rc = get_wch(&wc);
	nodelay(stdscr, FALSE);
	if (rc == OK && wc > 0x20 && wc < 0x7f)
		return KEYS_META((int)wc);
	if (rc == OK)
		unget_wch(wc);
	else if (rc == KEY_CODE_YES)
		ungetch((int)wc);
	return key;
}

/* In edit mode, what a key did to the screen moves the cursor: a jump
 * or Tab to the item it focused, a search to its match, a scroll onto
 * the screen. */
static void
ui_edit_follow(struct ui *u, size_t focus, struct search_hit hit)
{
	if (!u->edit || u->r.npages > 0)
		return;
	if (u->r.hit.block != NONE && (u->r.hit.block != hit.block ||
	    u->r.hit.start != hit.start))
		cursor_set(&u->r, u->r.hit.block, u->r.hit.start);
	else if (u->r.focus != focus && u->r.focus != NONE &&
	    (u->r.st->items[u->r.focus].block != u->r.cur.block ||
	    u->r.st->items[u->r.focus].start > u->r.cur.at ||
	    u->r.st->items[u->r.focus].end <= u->r.cur.at))
		cursor_to_item(&u->r, u->r.focus);
	cursor_keep_on_screen(&u->r);
}

static void
ui_key(struct ui *u, int key)
{
	size_t focus = u->r.focus;
	struct search_hit hit = u->r.hit;

	free(u->r.notice);
	u->r.notice = NULL;
	free(u->shelf->notice);
	u->shelf->notice = NULL;
	if (key == KEYS_FN(KEY_RESIZE)) {
		getmaxyx(stdscr, u->lines, u->cols);
		ui_layout(u);
		return;
	}
	if (u->too_small) {
		if (key == 'q' || key == 'Q')
			u->quit = true;
		return;
	}
	u->keep_count = false;
	if (!keys_dispatch(u, ui_mode(u), key)) {
		/* An ESC-x that nothing binds is Escape, then x. */
		if (key & KEYS_META(0) && !(key & KEYS_FN(0)) &&
		    keys_dispatch(u, ui_mode(u), 0x1b))
			keys_dispatch(u, ui_mode(u), key & 0x7f);
		else
			reader_notify(&u->r, "no key bound here: ? shows "
			    "the keys");
	}
	if (!u->keep_count)
		u->count = 0;
	ui_edit_follow(u, focus, hit);
	if (u->open_path)
		ui_open_story(u);
	if (shelf_reading(u->shelf) && u->r.open_row != NONE) {
		if (shelf_follow_card(u->shelf, &u->r))
			ui_adopt(u);
		else
			reader_notify(&u->r, "%s", u->shelf->notice ?
			    u->shelf->notice : "cannot open");
	}
	/* A key may have opened or closed the panel. */
	ui_layout(u);
}

/* Called by xmalloc before it dies of a failed allocation: the
 * terminal back as the reader found it, so that the message shows and
 * the shell is usable again. */
static void
ui_fatal(void)
{
	endwin();
}

/* OSC 52 takes the text in base64: nothing of it reaches the terminal
 * as itself. */
bool
ui_copy(struct ui *u, const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *t = (const unsigned char *)text;
	size_t len = strlen(text), i;
	struct buf b = BUF_INIT;
	unsigned long v;

	(void)u;
	buf_puts(&b, "\033]52;c;");
	for (i = 0; i < len; i += 3) {
		v = (unsigned long)t[i] << 16 |
		    (i + 1 < len ? (unsigned long)t[i + 1] << 8 : 0) |
		    (i + 2 < len ? t[i + 2] : 0);
		buf_printf(&b, "%c%c%c%c", b64[v >> 18 & 63], b64[v >> 12 & 63],
		    i + 1 < len ? b64[v >> 6 & 63] : '=',
		    i + 2 < len ? b64[v & 63] : '=');
	}
	buf_puts(&b, "\a");
	fflush(stdout);
	if (write(STDOUT_FILENO, b.data, b.len) < 0) {
		/* The copy is lost; the screen is not. */
	}
	buf_free(&b);
	/* tmux answers no query of whether it kept it. */
	return getenv("TMUX") == NULL || *getenv("TMUX") == '\0';
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

/* Ctrl-C reaches the reader as SIGINT (cbreak mode; only the prompt
 * reads it raw).  On a screen that types text (the index's filter,
 * the library's), it is the key Ctrl-C, which cancels what is typed
 * there, as in less and readline; anywhere else it ends the program. */
static bool
ui_interrupt_is_key(struct ui *u)
{
	if (ui_signal != SIGINT ||
	    keys_maps[ui_mode(u)].self_insert < 0 ||
	    keys_lookup(&u->keys, ui_mode(u), KEYS_CTRL('c')) < 0)
		return false;
	ui_signal = 0;
	ui_key(u, KEYS_CTRL('c'));
	return true;
}

static void
ui_loop(struct ui *u)
{
	wint_t wc;
	int rc;

	while (!u->quit && (!ui_signal || ui_interrupt_is_key(u))) {
		ui_draw(u);
		rc = get_wch(&wc);
		if (rc == ERR)
			continue;
		ui_key(u, ui_meta(ui_keycode(rc, wc)));
	}
}

/* The terminal set up for the reader and the configuration file read
 * (how many of its lines were bad in *bad); NULL when the terminal
 * cannot be driven. */
static SCREEN *
ui_start(struct ui *u, const struct load_opts *opts,
    const struct ui_opts *uo, size_t *bad)
{
	struct conf conf;
	SCREEN *scr;
	const char *codeset, *term;

	memset(u, 0, sizeof *u);
	if ((term = ui_term()) == NULL)
		return NULL;
	*bad = ui_conf_load(u, &conf);
	ui_signals();
	scr = newterm(term, stdout, stdin);
	if (scr == NULL) {
		conf_free(&conf);
		keys_free(&u->keys);
		return NULL;
	}
	u->roles = xcalloc(1, sizeof *u->roles);
	xmalloc_on_fatal(ui_fatal);
	u->mouse = conf.mouse && !(uo != NULL && uo->no_mouse);
	u->measure = uo != NULL && uo->measure ? uo->measure :
	    conf.width ? conf.width : UI_MEASURE_DEFAULT;
	codeset = nl_langinfo(CODESET);
	u->ascii = codeset == NULL || strcmp(codeset, "UTF-8") != 0;
	u->panel = true;
	u->click_item = NONE;
	u->load = *opts;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	if (u->mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED |
		    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	ui_colors(u, &conf);
	conf_free(&conf);
	curs_set(1);
	getmaxyx(stdscr, u->lines, u->cols);
	return scr;
}

/* The configuration's bad lines, said on the status line too. */
static void
ui_conf_notice(struct ui *u, size_t bad)
{
	if (bad > 0)
		reader_notify(&u->r, "%zu bad line%s in the configuration "
		    "file, left out (see standard error)", bad,
		    bad == 1 ? "" : "s");
}

/* The terminal back as it was, everything freed; a signal that ended
 * the loop ends the program, as the shell expects. */
static int
ui_stop(struct ui *u, SCREEN *scr)
{
	endwin();
	xmalloc_on_fatal(NULL);
	delscreen(scr);
	shelf_free(u->shelf, &u->r);
	if (u->r.st != NULL)
		reader_free(&u->r);
	/* After a signal the journal stays, for :recover; a clean quit
	 * has removed it already. */
	editmode_close(u);
	free(u->open_path);
	while (u->nhistory > 0)
		free(u->history[--u->nhistory]);
	while (u->ncommands > 0)
		free(u->commands[--u->ncommands]);
	keys_free(&u->keys);
	free(u->roles);
	if (ui_signal) {
		int sig = ui_signal;

		/* Die of the signal, with the terminal already restored. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}

int
ui_run(struct story *st, const char *path, const struct load_opts *opts,
    const struct ui_opts *uo)
{
	static const struct shelf_source none;
	struct shelf shelf;
	struct ui u;
	size_t bad = 0;
	SCREEN *scr = ui_start(&u, opts, uo, &bad);

	if (scr == NULL)
		return -1;
	/* One story: the bottom of the shelf, "Read more" opening others
	 * over it; the only one that may be edited. */
	shelf_init(&shelf, &none, opts, false);
	shelf_ready(&shelf);
	u.shelf = &shelf;
	reader_init(&u.r, st, path);
	editmode_open(&u, uo != NULL && uo->read_only);
	shelf_adopt(&shelf, &u.r, NONE);
	ui_adopt(&u);
	ui_conf_notice(&u, bad);
	ui_loop(&u);
	return ui_stop(&u, scr);
}

/* Indexing a library: its progress on the status line; Ctrl-C (SIGINT,
 * noted by the handler) stops it there, keeping what was indexed. */
static bool
ui_progress(void *arg, size_t done, size_t total)
{
	struct ui *u = arg;
	char line[160];

	if (ui_signal == SIGINT) {
		ui_signal = 0;
		return true;
	}
	if (ui_signal)
		return true;
	snprintf(line, sizeof line, "indexing the library: %zu of %zu "
	    "files; Ctrl-C stops, keeping what is indexed", done, total);
	erase();
	ui_fill(u->lines - 1 - (u->lines >= 8), 0, u->cols,
	    u->roles->attr[ROLE_STATUS]);
	ui_cut_words(u, u->lines - 1 - (u->lines >= 8), 0, u->cols, line,
	    ROLE_STATUS);
	refresh();
	return false;
}

int
ui_run_library(const char *dir, char *const *paths, size_t n,
    const struct load_opts *opts, bool no_index)
{
	struct library_opts lo;
	struct library *lib;
	struct diag d = DIAG_INIT;
	struct shelf shelf;
	struct ui u;
	size_t bad = 0;
	SCREEN *scr = ui_start(&u, opts, NULL, &bad);

	if (scr == NULL)
		return -1;
	library_opts_init(&lo);
	lo.load = *opts;
	lo.no_index = no_index;
	lo.progress = ui_progress;
	lo.progress_arg = &u;
	ui_progress(&u, 0, 0);
	lib = dir ? library_open_dir(dir, &lo, &d) :
	    library_open_files(paths, n, &lo, &d);
	if (lib == NULL || ui_signal) {
		endwin();
		xmalloc_on_fatal(NULL);
		delscreen(scr);
		keys_free(&u.keys);
		free(u.roles);
		diag_print(&d, stderr);
		diag_free(&d);
		if (lib != NULL)
			library_free(lib);
		if (ui_signal) {
			/* A signal before the list: die of it, the terminal
			 * restored. */
			signal(ui_signal, SIG_DFL);
			raise(ui_signal);
		}
		return 1;
	}
	diag_free(&d);
	shelflib_init(&shelf, lib, opts);
	u.shelf = &shelf;
	if (library_stopped(lib))
		shelf_notify(&shelf, "indexing stopped: %zu stories listed; "
		    "the rest are indexed at the next opening",
		    library_count(lib));
	else if (bad > 0)
		shelf_notify(&shelf, "%zu bad line%s in the configuration "
		    "file, left out (see standard error)", bad,
		    bad == 1 ? "" : "s");
	ui_layout(&u);
	ui_loop(&u);
	n = (size_t)ui_stop(&u, scr);
	library_free(lib);
	return (int)n;
}
