/* cursor.c - edit mode's cursor and selection: vi's motions over the
 * story's blocks, without a terminal.
 *
 * The cursor is a byte offset at the start of a grapheme cluster.
 * Going forward is text_cluster's; going back starts again from the
 * start of the layout's line (every line starts a cluster), so a step
 * back costs a line, not the block. */
#include "config.h"

#include "view/cursor.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/text.h"

/* The most times a count repeats a motion. */
#define CURSOR_REPEAT_MAX 10000

static const struct block *
cursor_blk(const struct reader *r, size_t b)
{
	return &r->st->blocks[b];
}

static size_t
cursor_next_cl(const struct reader *r, size_t b, size_t at)
{
	size_t next;

	text_cluster(cursor_blk(r, b)->text, cursor_blk(r, b)->len, at, &next);
	return next;
}

/* The line of block b's layout that holds byte pos: the last that
 * starts at or before it. */
static size_t
cursor_line_at(struct reader *r, size_t b, size_t pos)
{
	return reader_line_at(r, b, pos);
}

/* Line `line` of block b (it exists). */
static struct wrap_line
cursor_line_n(struct reader *r, size_t b, size_t line)
{
	struct wrap_line wl = { 0, 0, 0 };

	reader_line(r, b, line, &wl);
	return wl;
}

/* Whether row holds text (not the blank row after a block). */
static bool
cursor_row_text(struct reader *r, struct row row)
{
	struct wrap_line wl;

	return reader_line(r, row.block, row.line, &wl);
}

/* The start of the cluster that holds byte pos (the last cluster for
 * pos at or past the end). */
static size_t
cursor_snap(struct reader *r, size_t b, size_t pos)
{
	const struct block *bl = cursor_blk(r, b);
	size_t p, next;

	if (bl->len == 0)
		return 0;
	if (pos >= bl->len)
		pos = bl->len - 1;
	p = cursor_line_n(r, b, cursor_line_at(r, b, pos)).start;
	while (p < bl->len && (next = cursor_next_cl(r, b, p)) <= pos) {
		r->cost->steps++;
		p = next;
	}
	return p;
}

static size_t
cursor_prev_cl(struct reader *r, size_t b, size_t at)
{
	return at == 0 ? 0 : cursor_snap(r, b, at - 1);
}

static size_t
cursor_last_cl(struct reader *r, size_t b)
{
	return cursor_snap(r, b, cursor_blk(r, b)->len);
}

/* What a cluster is for w, b and e, by its first character: 0 a space,
 * 1 a word's (letters, digits, marks, connectors), 2 anything else. */
static int
cursor_cls(const struct reader *r, size_t b, size_t at)
{
	const struct block *bl = cursor_blk(r, b);
	size_t next;
	long cp = at < bl->len ? text_char_at(bl->text, bl->len, at, &next) :
	    ' ';

	if (cp < 0)
		return 2;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 0;
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
		return 1;
	default:
		return cp == '\t' || cp == '\n' ? 0 : 2;
	}
}

/* ---- places: a block and a byte, across blocks ---------------------- */

struct cpos {
	size_t	b;
	size_t	at;
};

/* Whether a motion may go on into block b (which may not exist). */
static bool
cursor_may_enter(const struct reader *r, size_t b)
{
	return !r->cur.selecting && b < r->st->nblocks;
}

static struct cpos
cursor_word_next(struct reader *r, struct cpos p)
{
	size_t len = cursor_blk(r, p.b)->len, at = p.at, start = p.at;
	int c = cursor_cls(r, p.b, at);

	while (c != 0 && at < len && cursor_cls(r, p.b, at) == c &&
	    at - start < CURSOR_SCAN_MAX)
		at = cursor_next_cl(r, p.b, at);
	while (at < len && cursor_cls(r, p.b, at) == 0
	    && at - start < CURSOR_SCAN_MAX)
		at = cursor_next_cl(r, p.b, at);
	if (at < len) {
		p.at = at;
		return p;
	}
	if (cursor_may_enter(r, p.b + 1))
		return (struct cpos){ p.b + 1, 0 };
	p.at = cursor_last_cl(r, p.b);
	return p;
}

static struct cpos
cursor_word_end(struct reader *r, struct cpos p)
{
	size_t at = cursor_next_cl(r, p.b, p.at), start = p.at, n;
	int c;

	for (;;) {
		while (at < cursor_blk(r, p.b)->len && cursor_cls(r, p.b,
		    at) == 0 &&
		    at - start < CURSOR_SCAN_MAX)
			at = cursor_next_cl(r, p.b, at);
		if (at < cursor_blk(r, p.b)->len || !cursor_may_enter(r,
		    p.b + 1))
			break;
		p.b++;
		at = start = 0;
	}
	if (at >= cursor_blk(r, p.b)->len) {
		p.at = cursor_last_cl(r, p.b);
		return p;
	}
	c = cursor_cls(r, p.b, at);
	while ((n = cursor_next_cl(r, p.b, at)) < cursor_blk(r, p.b)->len &&
	    cursor_cls(r, p.b, n) == c && n - start < CURSOR_SCAN_MAX)
		at = n;
	p.at = at;
	return p;
}

static struct cpos
cursor_word_prev(struct reader *r, struct cpos p)
{
	size_t at = p.at, start;
	int c;

	if (at == 0) {
		if (p.b == 0 || r->cur.selecting)
			return p;
		p.b--;
		at = cursor_blk(r, p.b)->len;
	}
	start = at;
	at = at >= cursor_blk(r, p.b)->len ? cursor_last_cl(r, p.b)
	    : cursor_prev_cl(r, p.b, at);
	while (at > 0 && cursor_cls(r, p.b, at) == 0
	    && start - at < CURSOR_SCAN_MAX)
		at = cursor_prev_cl(r, p.b, at);
	c = cursor_cls(r, p.b, at);
	while (at > 0 && c != 0 && cursor_cls(r, p.b, cursor_prev_cl(r, p.b,
	    at)) == c &&
	    start - at < CURSOR_SCAN_MAX)
		at = cursor_prev_cl(r, p.b, at);
	p.at = at;
	return p;
}

/* ---- sentences ------------------------------------------------------ */

static bool
cursor_is_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0 ||
	    (cp > 0x7f && utf8proc_category((utf8proc_int32_t)cp) ==
	    UTF8PROC_CATEGORY_ZS);
}

static bool
cursor_is_end(long cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* What may stand between a sentence's end and the space after it. */
static bool
cursor_is_closer(long cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' ||
	    cp == 0x2019 || cp == 0x201D || cp == 0xBB || cp == 0x203A;
}

static size_t
cursor_prev_cp(const char *s, size_t p)
{
	if (p == 0)
		return 0;
	for (p--; p > 0 && ((unsigned char)s[p] & 0xC0) == 0x80; p--)
		;
	return p;
}

static long
cursor_cp_at(const struct block *bl, size_t p)
{
	size_t next;

	return p < bl->len ? text_char_at(bl->text, bl->len, p, &next) : -1;
}

/* Whether a sentence starts at byte p of bl (a character's start): the
 * block's start, or something not a space after an end (. ! ? …),
 * closing marks, and at least one space. */
static bool
cursor_sentence_starts(const struct block *bl, size_t p)
{
	size_t q = p;

	if (p == 0)
		return true;
	if (cursor_is_space(cursor_cp_at(bl, p)))
		return false;
	q = cursor_prev_cp(bl->text, q);
	if (!cursor_is_space(cursor_cp_at(bl, q)))
		return false;
	while (q > 0 && cursor_is_space(cursor_cp_at(bl, q))
	    && p - q < CURSOR_SCAN_MAX)
		q = cursor_prev_cp(bl->text, q);
	while (q > 0 && cursor_is_closer(cursor_cp_at(bl, q))
	    && p - q < CURSOR_SCAN_MAX)
		q = cursor_prev_cp(bl->text, q);
	return cursor_is_end(cursor_cp_at(bl, q));
}

static struct cpos
cursor_sentence_next(struct reader *r, struct cpos p)
{
	const struct block *bl = cursor_blk(r, p.b);
	size_t at = p.at;
	int state = 0;	/* 1: after an end; 2: and a space after it */
	long cp;

	while (at < bl->len && at - p.at < CURSOR_SCAN_MAX) {
		cp = cursor_cp_at(bl, at);
		if (state == 2 && !cursor_is_space(cp) && at > p.at) {
			p.at = at;
			return p;
		}
		state = cursor_is_end(cp) ? 1 : state >= 1
		    && cursor_is_space(cp) ? 2 :
		    state == 1 && cursor_is_closer(cp) ? 1 : 0;
		at = cursor_next_cl(r, p.b, at);
	}
	if (at >= bl->len && cursor_may_enter(r, p.b + 1))
		return (struct cpos){ p.b + 1, 0 };
	p.at = at >= bl->len ? cursor_last_cl(r, p.b) : cursor_snap(r, p.b, at);
	return p;
}

static struct cpos
cursor_sentence_prev(struct reader *r, struct cpos p)
{
	const struct block *bl;
	size_t at = p.at;

	if (at == 0) {
		if (p.b == 0 || r->cur.selecting)
			return p;
		p.b--;
		at = cursor_blk(r, p.b)->len;
	}
	bl = cursor_blk(r, p.b);
	for (size_t q = at; q > 0 && at - q < CURSOR_SCAN_MAX;) {
		q = cursor_prev_cp(bl->text, q);
		if (cursor_sentence_starts(bl, q)) {
			p.at = cursor_snap(r, p.b, q);
			return p;
		}
	}
	p.at = at > CURSOR_SCAN_MAX ? cursor_snap(r, p.b, at - CURSOR_SCAN_MAX)
	    : 0;
	return p;
}

/* ---- lines ---------------------------------------------------------- */

static int
cursor_column_of(struct reader *r, size_t b, size_t at)
{
	size_t start = cursor_line_n(r, b, cursor_line_at(r, b, at)).start;

	return (int)text_width(cursor_blk(r, b)->text + start, at - start);
}

/* The cluster of line `line` of block b under column col, or the
 * line's last. */
static size_t
cursor_at_column(struct reader *r, size_t b, size_t line, int col)
{
	struct wrap_line line_at_col = cursor_line_n(r, b, line), *wl =
	    &line_at_col;
	const struct block *bl = cursor_blk(r, b);
	size_t at = wl->start, next;
	int x = 0, w;

	while (at < wl->end) {
		w = text_cluster(bl->text, bl->len, at, &next);
		if (x + w > col || next >= wl->end)
			break;
		x += w;
		at = next;
	}
	return at;
}

/* j and k: the next row that holds text, by rows of the layout. */
static struct cpos
cursor_line_step(struct reader *r, struct cpos p, bool down)
{
	struct row row = { p.b, cursor_line_at(r, p.b, p.at) };
	int col = r->cur.want >= 0 ? r->cur.want : cursor_column_of(r, p.b,
	    p.at);

	do {
		if (!reader_row_step(r, &row, down ? 1 : -1))
			return p;
	} while (!cursor_row_text(r, row));
	if (row.block != p.b && !cursor_may_enter(r, row.block))
		return p;
	r->cur.want = col;
	return (struct cpos){ row.block, cursor_at_column(r, row.block,
	    row.line,
	    col) };
}

/* ---- the cursor ----------------------------------------------------- */

struct row
cursor_row(struct reader *r)
{
	struct row row = { r->cur.block, 0 };

	if (r->st->nblocks > 0)
		row.line = cursor_line_at(r, r->cur.block, r->cur.at);
	return row;
}

/* The focus becomes the innermost item under the cursor. */
static void
cursor_focus_cursor(struct reader *r)
{
	r->focus = reader_item_at(r, r->cur.block, r->cur.at);
}

static struct cpos
cursor_step(struct reader *r, enum cursor_motion m, struct cpos p)
{
	switch (m) {
	case CURSOR_LEFT:
		p.at = cursor_prev_cl(r, p.b, p.at);
		return p;
	case CURSOR_RIGHT:
		if (cursor_next_cl(r, p.b, p.at) < cursor_blk(r, p.b)->len)
			p.at = cursor_next_cl(r, p.b, p.at);
		return p;
	case CURSOR_WORD_NEXT:	return cursor_word_next(r, p);
	case CURSOR_WORD_PREV:	return cursor_word_prev(r, p);
	case CURSOR_WORD_END:	return cursor_word_end(r, p);
	case CURSOR_SENTENCE_NEXT: return cursor_sentence_next(r, p);
	case CURSOR_SENTENCE_PREV: return cursor_sentence_prev(r, p);
	case CURSOR_BLOCK_START:
		p.at = 0;
		return p;
	case CURSOR_BLOCK_END:
		p.at = cursor_last_cl(r, p.b);
		return p;
	case CURSOR_DOWN:	return cursor_line_step(r, p, true);
	case CURSOR_UP:		return cursor_line_step(r, p, false);
	}
	return p;
}

bool
cursor_move(struct reader *r, enum cursor_motion m, unsigned long n)
{
	struct cpos p = { r->cur.block, r->cur.at }, q;
	bool moved = false;
	unsigned long i;

	if (r->st->nblocks == 0)
		return false;
	if (m != CURSOR_DOWN && m != CURSOR_UP)
		r->cur.want = -1;
	for (i = 0; i < (n ? n : 1) && i < CURSOR_REPEAT_MAX; i++) {
		q = cursor_step(r, m, p);
		if (q.b == p.b && q.at == p.at)
			break;
		p = q;
		moved = true;
	}
	if (!moved) {
		reader_notify(r, r->cur.selecting ? "a selection stays within "
		    "its paragraph: Escape ends it" : m == CURSOR_LEFT ||
		    m == CURSOR_WORD_PREV || m == CURSOR_SENTENCE_PREV ||
		    m == CURSOR_UP || m == CURSOR_BLOCK_START ?
		    "at the start" : "at the end");
		return false;
	}
	r->cur.block = p.b;
	r->cur.at = p.at;
	cursor_focus_cursor(r);
	reader_show_row(r, cursor_row(r));
	return true;
}

void
cursor_start(struct reader *r)
{
	size_t focus = reader_visible_focus(r);
	struct row row = r->top;

	r->cur.on = true;
	r->cur.selecting = false;
	r->cur.want = -1;
	if (r->st->nblocks == 0) {
		r->cur.block = r->cur.at = 0;
		return;
	}
	if (focus != NONE) {
		cursor_to_item(r, focus);
		return;
	}
	while (!cursor_row_text(r, row))
		if (!reader_row_step(r, &row, 1))
			break;
	r->cur.block = row.block;
	r->cur.at = cursor_row_text(r, row) ? cursor_line_n(r, row.block,
	    row.line).start :
	    0;
	cursor_focus_cursor(r);
}

void
cursor_stop(struct reader *r)
{
	r->cur.on = false;
	r->cur.selecting = false;
}

void
cursor_set(struct reader *r, size_t block, size_t at)
{
	if (block >= r->st->nblocks)
		return;
	r->cur.block = block;
	r->cur.at = cursor_snap(r, block, at);
	r->cur.want = -1;
	r->cur.selecting = false;
	cursor_focus_cursor(r);
}

void
cursor_drag(struct reader *r, size_t block, size_t from, size_t to)
{
	cursor_set(r, block, to);
	if (block >= r->st->nblocks)
		return;
	r->cur.anchor = cursor_snap(r, block, from);
	r->cur.selecting = r->cur.anchor != r->cur.at;
}

void
cursor_to_item(struct reader *r, size_t item)
{
	if (item == NONE || item >= r->st->nitems)
		return;
	r->cur.selecting = false;
	r->cur.block = r->st->items[item].block;
	r->cur.at = cursor_snap(r, r->cur.block, r->st->items[item].start);
	r->cur.want = -1;
	r->focus = item;
	reader_show_row(r, cursor_row(r));
}

static int
cursor_row_cmp(struct row a, struct row b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	return (a.line > b.line) - (a.line < b.line);
}

void
cursor_keep_on_screen(struct reader *r)
{
	struct row row, to;
	bool below;

	if (!r->cur.on || r->cur.selecting || r->st->nblocks == 0)
		return;
	row = cursor_row(r);
	if (reader_row_shown(r, row))
		return;
	below = cursor_row_cmp(row, r->top) > 0;
	to = r->top;
	if (below)
		reader_row_step(r, &to, r->rows - 1);
	/* The blank row between blocks holds no text. */
	while (!cursor_row_text(r, to))
		if (!reader_row_step(r, &to, below ? -1 : 1))
			break;
	if (!cursor_row_text(r, to))
		return;
	r->cur.block = to.block;
	r->cur.at = cursor_line_n(r, to.block, to.line).start;
	r->cur.want = -1;
	cursor_focus_cursor(r);
}

bool
cursor_selection(const struct reader *r, size_t *block, size_t *start,
    size_t *end)
{
	size_t lo, hi, next;
	const struct block *bl;

	if (!r->cur.on || !r->cur.selecting || r->cur.block >= r->st->nblocks)
		return false;
	bl = cursor_blk(r, r->cur.block);
	lo = r->cur.anchor < r->cur.at ? r->cur.anchor : r->cur.at;
	hi = r->cur.anchor < r->cur.at ? r->cur.at : r->cur.anchor;
	text_cluster(bl->text, bl->len, hi, &next);
	*block = r->cur.block;
	*start = lo;
	*end = next > bl->len ? bl->len : next;
	return *end > *start;
}

/* Selects item's span, the cursor on its last cluster. */
static void
cursor_select_item(struct reader *r, size_t item)
{
	const struct item *it = &r->st->items[item];

	r->cur.block = it->block;
	r->cur.anchor = it->start;
	r->cur.at = it->end > it->start ? cursor_snap(r, it->block,
	    it->end - 1) :
	    it->start;
	r->cur.selecting = true;
	r->focus = item;
}

/* The innermost item over exactly [start, end) of block, or NONE. */
static size_t
cursor_item_over(const struct reader *r, size_t block, size_t start, size_t end)
{
	size_t k, i, found = NONE;

	for (k = 0; k < ITEM_NKINDS; k++) {
		i = reader_find_item(r, block, start, end, (enum item_kind)k);
		if (i != NONE && (found == NONE || i > found))
			found = i;
	}
	return found;
}

void
cursor_visual(struct reader *r)
{
	size_t b, s, e, i, f = r->focus;

	if (!r->cur.on || r->st->nblocks == 0)
		return;
	if (!r->cur.selecting) {
		if (f != NONE && r->st->items[f].block == r->cur.block &&
		    r->st->items[f].start == r->cur.at)
			cursor_select_item(r, f);
		else {
			r->cur.anchor = r->cur.at;
			r->cur.selecting = true;
		}
		return;
	}
	if (cursor_selection(r, &b, &s, &e) &&
	    (i = cursor_item_over(r, b, s, e)) != NONE &&
	    r->st->items[i].parent != NONE) {
		cursor_select_item(r, r->st->items[i].parent);
		return;
	}
	r->cur.selecting = false;
}

/* The most of a selection the status line quotes. */
#define CURSOR_STATUS_TEXT 160

char *
cursor_status(struct reader *r, bool dirty)
{
	struct buf b = BUF_INIT;
	size_t blk_no, s, e, cut, next;
	char *focus;

	buf_puts(&b, dirty ? "-- EDIT -- [+] " : "-- EDIT -- ");
	if (r->npages == 0 && cursor_selection(r, &blk_no, &s, &e)) {
		const struct block *bl = cursor_blk(r, blk_no);

		for (cut = s; cut < e && cut - s < CURSOR_STATUS_TEXT;
		    cut = next)
			text_cluster(bl->text, bl->len, cut, &next);
		if (cut > e)
			cut = e;
		buf_printf(&b, "selected in paragraph %zu: %.*s%s", blk_no + 1,
		    (int)(cut - s), bl->text + s, cut < e ? "\xe2\x80\xa6" : "");
		return buf_detach(&b);
	}
	focus = reader_status(r);
	buf_puts(&b, focus);
	free(focus);
	return buf_detach(&b);
}
