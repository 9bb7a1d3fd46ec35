/* reader.c - the reader's state without a terminal: layout, scrolling,
 * focus, history, search and the status line.  Pages are in page.c. */
#include "config.h"

#include "view/reader.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"

static void reader_history_clear(struct place *, size_t *);
static void reader_status_names(const struct story *, const struct idx *,
    struct buf *);

/* Empties the cache of drawn blocks' matches. */
static void
reader_forget_drawn(struct reader *r)
{
	size_t i;

	for (i = 0; i < READER_HITS; i++)
		search_span_free(&r->drawn[i]);
}

/* The margin that holds the number of the last of nblocks blocks. */
static int
reader_margin(size_t nblocks)
{
	int digits = 1;

	while (nblocks >= 10)
		nblocks /= 10, digits++;
	return digits > READER_MARGIN - 2 ? digits + 2 : READER_MARGIN;
}

void
reader_init(struct reader *r, struct story *st, const char *path)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->st = st;
	r->path = path ? xstrdup(path) : NULL;
	r->lay = xcalloc(st->nblocks ? st->nblocks : 1, sizeof *r->lay);
	r->margin = reader_margin(st->nblocks);
	r->width = 80 - r->margin;
	r->rows = 20;
	r->focus = NONE;
	r->hit.block = NONE;
	r->count_max = READER_COUNT_MAX;
	r->page_rows = 18;
	r->page_cols = 80;
	r->highlight = true;
	r->open_row = NONE;
	r->open_actor = NONE;
	r->drawn = xcalloc(READER_HITS, sizeof *r->drawn);
	r->cost = xcalloc(1, sizeof *r->cost);
	for (i = 0; i < READER_HITS; i++)
		search_span_init(&r->drawn[i]);
	for (i = 0; i < READER_KEPT; i++)
		r->kept_block[i] = NONE;
}

void
reader_free(struct reader *r)
{
	size_t i;

	while (r->npages > 0)
		reader_close_page(r);
	free(r->pages);
	reader_history_clear(r->back, &r->nback);
	reader_history_clear(r->fwd, &r->nfwd);
	for (i = 0; i < r->st->nblocks; i++)
		free(r->lay[i].lines);
	free(r->lay);
	for (i = 0; i < READER_KEPT; i++)
		free(r->kept[i].lines);
	free(r->needle);
	free(r->folded);
	free(r->hits);
	reader_forget_drawn(r);
	free(r->drawn);
	free(r->cost);
	free(r->notice);
	free(r->path);
	if (!r->borrowed)
		story_free(r->st);
	memset(r, 0, sizeof *r);
}

void
reader_notify(struct reader *r, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(r->notice);
	r->notice = buf_detach(&b);
}

/* ---- layout and rows ---------------------------------------------- */

/* Block b's layout at the current width: the one it has, one kept
 * from before a resize, or a new one.  A long layout left for another
 * width is kept, so that a resize and back wraps nothing again. */
static struct layout *
reader_layout_at_width(struct reader *r, size_t block)
{
	struct layout *l = &r->lay[block], found = { .width = r->width };
	size_t i;

	if (l->width == r->width)
		return l;
	for (i = 0; i < READER_KEPT; i++)
		if (r->kept_block[i] == block && r->kept[i].width == r->width)
			break;
	if (i < READER_KEPT) {
		found = r->kept[i];
		memmove(r->kept + i, r->kept + i + 1, (READER_KEPT - 1 - i) *
		    sizeof *r->kept);
		memmove(r->kept_block + i, r->kept_block + i + 1,
		    (READER_KEPT - 1 - i) * sizeof *r->kept_block);
		memset(&r->kept[READER_KEPT - 1], 0, sizeof *r->kept);
		r->kept_block[READER_KEPT - 1] = NONE;
	}
	if (l->nlines >= READER_KEEP_LINES) {
		free(r->kept[READER_KEPT - 1].lines);
		memmove(r->kept + 1, r->kept, (READER_KEPT - 1) *
		    sizeof *r->kept);
		memmove(r->kept_block + 1, r->kept_block, (READER_KEPT - 1) *
		    sizeof *r->kept_block);
		r->kept[0] = *l;
		r->kept_block[0] = block;
	} else
		free(l->lines);
	*l = found;
	return l;
}

/* Lines wrapped at a time, at least: about a screen. */
#define LAYOUT_CHUNK 64

/* Wraps block b's layout on until it holds line `line` and the line
 * that holds byte `offset`, and LAYOUT_CHUNK lines more, or is done:
 * each line starts where the one before ended, so the lines are
 * text_wrap's, whatever was asked first. */
static struct layout *
reader_layout_to(struct reader *r, size_t block, size_t line, size_t offset)
{
	struct layout *l = reader_layout_at_width(r, block);
	const struct block *b = &r->st->blocks[block];
	size_t more = LAYOUT_CHUNK, from;

	if (l->nlines > line && l->next > offset)
		return l;
	while (!l->done && (l->nlines <= line || l->next <= offset ||
	    more > 0)) {
		if (l->nlines > line && l->next > offset)
			more--;
		l->lines = xgrow(l->lines, l->nlines, &l->cap,
		    sizeof *l->lines);
		from = l->next;
		l->next = text_wrap_next(b->text, b->len, from, r->width,
		    &l->lines[l->nlines++]);
		r->cost->wrapped += l->next - from;
		l->done = l->next >= b->len;
	}
	return l;
}

const struct layout *
reader_layout(struct reader *r, size_t block)
{
	return reader_layout_to(r, block, SIZE_MAX, SIZE_MAX);
}

bool
reader_line(struct reader *r, size_t block, size_t line,
    struct wrap_line *out)
{
	const struct layout *l = reader_layout_to(r, block, line, 0);

	if (line >= l->nlines)
		return false;
	*out = l->lines[line];
	return true;
}

/* Whether block b has line `line` (or, past its lines, the blank row
 * after them): a row of the article. */
static bool
reader_has_row(struct reader *r, size_t block, size_t line)
{
	const struct layout *l = reader_layout_to(r, block, line ? line - 1 : 0,
	    0);

	return line <= l->nlines;
}

/* Rows of a block: its lines and the blank row after it (all of its
 * lines wrapped). */
static size_t
reader_block_rows(struct reader *r, size_t block)
{
	return reader_layout(r, block)->nlines + 1;
}

static int
reader_row_cmp(struct row a, struct row b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	return (a.line > b.line) - (a.line < b.line);
}

bool
reader_row_step(struct reader *r, struct row *row, long n)
{
	if (r->st->nblocks == 0)
		return false;
	for (; n > 0; n--) {
		if (reader_has_row(r, row->block, row->line + 1))
			row->line++;
		else if (row->block + 1 < r->st->nblocks) {
			row->block++;
			row->line = 0;
		} else
			return false;
	}
	for (; n < 0; n++) {
		if (row->line > 0)
			row->line--;
		else if (row->block > 0) {
			row->block--;
			row->line = reader_block_rows(r, row->block) - 1;
		} else
			return false;
	}
	return true;
}

/* The highest top row that still fills the screen: the last line of
 * the story on the last row. */
static struct row
reader_last_top(struct reader *r)
{
	struct row row = { 0, 0 };

	if (r->st->nblocks == 0)
		return row;
	row.block = r->st->nblocks - 1;
	row.line = reader_layout(r, row.block)->nlines - 1;
	reader_row_step(r, &row, -(long)(r->rows > 1 ? r->rows - 1 : 0));
	return row;
}

/* Whether the screen from the top row reaches the story's last line:
 * it steps down a screen, so that a long last paragraph is wrapped
 * only when its end is near. */
static bool
reader_reaches_end(struct reader *r)
{
	struct wrap_line wl;
	struct row row = r->top;

	if (r->st->nblocks == 0 ||
	    !reader_row_step(r, &row, r->rows > 1 ? r->rows - 1 : 0))
		return true;
	return row.block + 1 == r->st->nblocks &&
	    !reader_line(r, row.block, row.line + 1, &wl);
}

static void
reader_clamp_top(struct reader *r)
{
	struct row max;

	if (!reader_reaches_end(r))
		return;
	max = reader_last_top(r);
	if (reader_row_cmp(r->top, max) > 0)
		r->top = max;
}

void
reader_scroll(struct reader *r, long n)
{
	reader_row_step(r, &r->top, n);
	reader_clamp_top(r);
}

void
reader_top(struct reader *r)
{
	r->top.block = 0;
	r->top.line = 0;
}

void
reader_bottom(struct reader *r)
{
	r->top = reader_last_top(r);
}

void
reader_goto_block(struct reader *r, size_t block)
{
	if (r->st->nblocks == 0)
		return;
	r->top.block = block < r->st->nblocks ? block : r->st->nblocks - 1;
	r->top.line = 0;
	reader_clamp_top(r);
}

void
reader_goto_percent(struct reader *r, unsigned long percent)
{
	/* All the way: the last line on the last row, as G. */
	if (percent >= 100) {
		reader_bottom(r);
		return;
	}
	/* nblocks * percent / 100, without overflowing. */
	reader_goto_block(r, r->st->nblocks / 100 * percent +
	    r->st->nblocks % 100 * percent / 100);
}

/* The line of a layout that holds byte `offset`: the last one that
 * starts at or before it (line 0 for anything before the first), by
 * bisection, so that finding a place in a paragraph of a hundred
 * thousand lines costs a few steps. */
static size_t
reader_line_of(const struct reader *r, const struct layout *l, size_t offset)
{
	size_t lo = 1, hi = l->nlines, mid;

	while (lo < hi) {
		r->cost->steps++;
		mid = lo + (hi - lo) / 2;
		if (l->lines[mid].start <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

size_t
reader_line_at(struct reader *r, size_t block, size_t offset)
{
	return reader_line_of(r, reader_layout_to(r, block, 0, offset), offset);
}

/* The first item of block b that starts at or after `offset`, or the
 * end of the block's items: items are in reading order, so within a
 * block by their start. */
static size_t
reader_item_from(const struct reader *r, size_t b, size_t offset)
{
	const struct block *bl = &r->st->blocks[b];
	size_t lo = bl->first_item, hi = bl->first_item + bl->nitems, mid;

	while (lo < hi) {
		r->cost->steps++;
		mid = lo + (hi - lo) / 2;
		if (r->st->items[mid].start < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct row
reader_item_row(struct reader *r, size_t item)
{
	const struct item *it = &r->st->items[item];
	struct row row = { it->block, 0 };

	row.line = reader_line_at(r, it->block, it->start);
	return row;
}

/* Whether row is on screen, given the current top. */
static bool
reader_row_visible(struct reader *r, struct row row)
{
	struct row bottom = r->top;

	if (reader_row_cmp(row, r->top) < 0)
		return false;
	reader_row_step(r, &bottom, r->rows - 1);
	return reader_row_cmp(row, bottom) <= 0;
}

size_t
reader_visible_focus(struct reader *r)
{
	if (r->focus == NONE || !reader_row_visible(r, reader_item_row(r,
	    r->focus)))
		return NONE;
	return r->focus;
}

/* Brings a row into view, a third of the way down when it was off. */
static void
reader_row_show(struct reader *r, struct row row)
{
	if (reader_row_visible(r, row))
		return;
	r->top = row;
	reader_row_step(r, &r->top, -(long)(r->rows / 3));
	reader_clamp_top(r);
}

bool
reader_row_shown(struct reader *r, struct row row)
{
	return reader_row_visible(r, row);
}

void
reader_show_row(struct reader *r, struct row row)
{
	reader_row_show(r, row);
}

size_t
reader_find_item(const struct reader *r, size_t block, size_t start,
    size_t end, enum item_kind kind)
{
	const struct story *st = r->st;
	size_t i, last, found = NONE;

	if (block >= st->nblocks)
		return NONE;
	/* Items that start at the same byte nest, the outer first: the
	 * last one that fits is the innermost. */
	last = st->blocks[block].first_item + st->blocks[block].nitems;
	for (i = reader_item_from(r, block, start); i < last &&
	    st->items[i].start == start; i++) {
		r->cost->steps++;
		if (st->items[i].end == end && st->items[i].kind == kind)
			found = i;
	}
	return found;
}

void
reader_resize(struct reader *r, int width, int rows)
{
	struct row keep = r->top;
	size_t i;

	width = width < 1 ? 1 : width;
	rows = rows < 1 ? 1 : rows;
	if (width == r->width && rows == r->rows)
		return;
	r->width = width;
	r->rows = rows;
	/* The old line index means nothing at the new width: keep the
	 * block, and the focused item when there is one. */
	r->top.block = keep.block;
	r->top.line = 0;
	if (r->st->nblocks > 0)
		reader_clamp_top(r);
	if (r->focus != NONE)
		reader_row_show(r, reader_item_row(r, r->focus));
	for (i = 0; i < r->npages; i++)
		reader_rebuild_page(r, i);
}

/* ---- focus and history -------------------------------------------- */

static void
reader_history_push(struct place *stack, size_t *n, struct place p)
{
	if (*n == READER_HISTORY_MAX) {
		reader_free_refs(stack[0].pages, stack[0].npages);
		memmove(stack, stack + 1, (READER_HISTORY_MAX - 1) *
		    sizeof *stack);
		(*n)--;
	}
	stack[(*n)++] = p;
}

static void
reader_history_clear(struct place *stack, size_t *n)
{
	while (*n > 0) {
		(*n)--;
		reader_free_refs(stack[*n].pages, stack[*n].npages);
	}
}

/* The place the reader is at, the open pages included. */
static struct place
reader_here(const struct reader *r)
{
	struct place p;

	p.focus = r->focus;
	p.top = r->top;
	p.pages = reader_page_refs(r, &p.npages);
	return p;
}

/* A jump from a card or view closes it; Back opens it again. */
void
reader_focus(struct reader *r, size_t item, bool jump)
{
	if (item == NONE || item >= r->st->nitems)
		return;
	if (jump && (item != r->focus || r->npages > 0)) {
		reader_history_push(r->back, &r->nback, reader_here(r));
		reader_history_clear(r->fwd, &r->nfwd);
	}
	if (jump)
		while (r->npages > 0)
			reader_close_page(r);
	r->focus = item;
	reader_row_show(r, reader_item_row(r, item));
}

/* Goes to place p, which it frees. */
static void
reader_go_to(struct reader *r, struct place p)
{
	r->focus = p.focus;
	r->top = p.top;
	reader_restore_pages(r, p.pages, p.npages);
	reader_free_refs(p.pages, p.npages);
	if (r->st->nblocks == 0)
		return;
	if (r->top.block >= r->st->nblocks)
		r->top.block = 0, r->top.line = 0;
	if (!reader_has_row(r, r->top.block, r->top.line))
		r->top.line = 0;
	reader_clamp_top(r);
	if (r->focus != NONE)
		reader_row_show(r, reader_item_row(r, r->focus));
}

void
reader_forget_history(struct reader *r)
{
	reader_history_clear(r->back, &r->nback);
	reader_history_clear(r->fwd, &r->nfwd);
}

bool
reader_back(struct reader *r)
{
	if (r->nback == 0) {
		reader_notify(r, "nothing to go back to");
		return false;
	}
	reader_history_push(r->fwd, &r->nfwd, reader_here(r));
	reader_go_to(r, r->back[--r->nback]);
	return true;
}

bool
reader_forward(struct reader *r)
{
	struct place p;

	if (r->nfwd == 0) {
		reader_notify(r, "nothing to go forward to");
		return false;
	}
	p = r->fwd[--r->nfwd];
	reader_history_push(r->back, &r->nback, reader_here(r));
	reader_go_to(r, p);
	return true;
}

/* The first item that starts on or below the top row, or NONE. */
static size_t
reader_first_on_screen(struct reader *r)
{
	size_t lo = 0, hi = r->st->nitems, mid, end;
	struct wrap_line wl;

	/* The first item of the top block or after it, by bisection:
	 * walking the blocks would cost a key press the length of a run
	 * of paragraphs without items. */
	while (lo < hi) {
		r->cost->steps++;
		mid = lo + (hi - lo) / 2;
		if (r->st->items[mid].block < r->top.block)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == r->st->nitems)
		return NONE;
	if (r->st->items[lo].block > r->top.block)
		return lo;
	/* In the top block, the first that starts on the top line or
	 * after it: the items on a line are found by bisection too. */
	end = r->st->blocks[r->top.block].first_item +
	    r->st->blocks[r->top.block].nitems;
	if (!reader_line(r, r->top.block, r->top.line, &wl))
		lo = end;
	else if (r->top.line > 0)
		lo = reader_item_from(r, r->top.block, wl.start);
	return lo < r->st->nitems ? lo : NONE;
}

/* The last item of block b that starts within rows [top, bottom] of
 * the screen, or NONE. */
static size_t
reader_last_in_block(struct reader *r, size_t b, struct row bottom)
{
	const struct block *bl = &r->st->blocks[b];
	size_t from = bl->first_item, to = bl->first_item + bl->nitems;
	struct wrap_line wl;

	if (b == bottom.block && reader_line(r, b, bottom.line + 1, &wl))
		to = reader_item_from(r, b, wl.start);
	if (b == r->top.block && !reader_line(r, b, r->top.line, &wl))
		return NONE;
	if (b == r->top.block && r->top.line > 0)
		from = reader_item_from(r, b, wl.start);
	return to > from ? to - 1 : NONE;
}

/* The last item that starts on screen, or NONE. */
static size_t
reader_last_on_screen(struct reader *r)
{
	struct row bottom = r->top;
	size_t b, i;

	reader_row_step(r, &bottom, r->rows - 1);
	for (b = bottom.block + 1; b-- > r->top.block;)
		if ((i = reader_last_in_block(r, b, bottom)) != NONE)
			return i;
	return NONE;
}

/* Where "next" and "previous" count from: the focus, or the top of the
 * screen.  *from is the item to search strictly after (forward) or
 * before (backward). */
static size_t
reader_anchor(struct reader *r, bool forward)
{
	size_t first, focus = reader_visible_focus(r);

	if (focus != NONE)
		return focus;
	first = reader_first_on_screen(r);
	if (first == NONE)
		return forward ? r->st->nitems - 1 : r->st->nitems;
	if (forward)
		return first == 0 ? NONE : first - 1;
	return first;
}

void
reader_focus_step(struct reader *r, bool forward)
{
	size_t next;

	if (r->st->nitems == 0) {
		reader_notify(r, "this story has no items");
		return;
	}
	if (r->focus == NONE || !reader_row_visible(r, reader_item_row(r,
	    r->focus))) {
		/* From off screen, Tab starts at the top of the screen and
		 * Shift-Tab at its bottom. */
		next = forward ? reader_first_on_screen(r)
		    : reader_last_on_screen(r);
		if (next == NONE) {
			r->focus = NONE;
			next = story_next_item(r->st, reader_anchor(r, forward),
			    ITEM_NKINDS, forward);
		}
	} else
		next = story_next_item(r->st, r->focus, ITEM_NKINDS, forward);
	if (next == NONE) {
		reader_notify(r, forward ? "no more items below" :
		    "no more items above");
		return;
	}
	reader_focus(r, next, false);
}

static const char *const kind_plural[ITEM_NKINDS] = {
	"mentions", "claims", "quotes", "\"Read more\" items",
};

void
reader_jump_kind(struct reader *r, enum item_kind kind, bool forward)
{
	size_t from = reader_anchor(r, forward), next;

	if (from == r->st->nitems)
		from = NONE;
	next = story_next_item(r->st, from, kind, forward);
	if (next == NONE) {
		reader_notify(r, "no more %s %s", kind_plural[kind],
		    forward ? "below" : "above");
		return;
	}
	reader_focus(r, next, true);
}

size_t
reader_focus_actor(const struct reader *r)
{
	const struct item *it;

	if (r->focus == NONE)
		return NONE;
	it = &r->st->items[r->focus];
	switch (it->kind) {
	case ITEM_MENTION:
		return it->ref;
	case ITEM_QUOTE:
		return r->st->quotes[it->ref].speaker;
	case ITEM_CLAIM:
		return r->st->claims[it->ref].by.n > 0 ?
		    r->st->claims[it->ref].by.v[0] : NONE;
	default:
		return NONE;
	}
}

void
reader_jump_mention(struct reader *r, bool forward)
{
	size_t actor = reader_focus_actor(r), next;

	if (actor == NONE) {
		reader_notify(r, "focus a mention first (Tab), then m or M");
		return;
	}
	next = story_next_mention(r->st, actor, r->focus, forward);
	if (next == NONE) {
		reader_notify(r, "no more mentions of %s %s",
		    r->st->actors[actor].name, forward ? "below" : "above");
		return;
	}
	reader_focus(r, next, true);
}

/* ---- search ------------------------------------------------------- */

/* The last item that starts at or before offset, or the nearest of its
 * enclosing items that reaches past it: items do not overlap, so any
 * item that holds the offset encloses that last one. */
size_t
reader_item_at(const struct reader *r, size_t block, size_t offset)
{
	const struct block *bl = &r->st->blocks[block];
	size_t i = reader_item_from(r, block, offset + 1);

	if (i == bl->first_item)
		return NONE;
	for (i--; i != NONE; i = r->st->items[i].parent) {
		r->cost->steps++;
		if (offset < r->st->items[i].end)
			return i;
	}
	return NONE;
}

size_t
reader_items_in(const struct reader *r, size_t block, size_t from,
    size_t to, size_t *first)
{
	*first = reader_item_from(r, block, from);
	return to > from ? reader_item_from(r, block, to) : *first;
}

/* Shows a match: scrolls to it, focuses the item that holds it. */
static void
reader_show_hit(struct reader *r, const struct search_hit *hit, bool wrapped)
{
	struct row row = { hit->block, 0 };
	struct buf b = BUF_INIT;

	reader_history_push(r->back, &r->nback, reader_here(r));
	reader_history_clear(r->fwd, &r->nfwd);
	r->highlight = true;
	r->hit = *hit;
	r->focus = reader_item_at(r, hit->block, hit->start);
	row.line = reader_line_at(r, hit->block, hit->start);
	reader_row_show(r, row);
	if (wrapped)
		buf_puts(&b, "search wrapped; ");
	if (r->nhits != NONE)
		buf_printf(&b, "match %zu of %zu", search_hit_at(r->hits,
		    r->nhits, hit->block, hit->start) + 1, r->nhits);
	else
		buf_printf(&b, "match in paragraph %zu of %zu",
		    hit->block + 1, r->st->nblocks);
	reader_notify(r, "%s", b.data);
	buf_free(&b);
}

/* Whether the story holds at most max bytes of text, few enough to
 * count every match of a search in; reads no more
 * blocks than it takes to tell. */
static bool
reader_countable(const struct story *st, size_t max)
{
	size_t b, total = 0;

	for (b = 0; b < st->nblocks && total <= max; b++)
		total += st->blocks[b].len;
	return total <= max;
}

/* The span that holds block b's matches (the cache of drawn blocks). */
static struct search_span *
reader_span_of(const struct reader *r, size_t b)
{
	return &r->drawn[b % READER_HITS];
}

/* What a look-up in span sp cost, into the reader's count. */
static void
reader_span_cost(const struct reader *r, struct search_span *sp)
{
	r->cost->folds += sp->whole;
	r->cost->folded += sp->folded;
	sp->whole = sp->folded = 0;
}

/* The match of block b at or after offset (forward) or the last one
 * before it, into *hit; false when the block has none there. */
static bool
reader_block_match(const struct reader *r, size_t b, size_t offset,
    bool forward,
    struct search_hit *hit)
{
	struct search_span *sp = reader_span_of(r, b);
	size_t k = forward ?
	    search_span_next(r->st, r->folded, r->nfolded, sp, b, offset) :
	    search_span_prev(r->st, r->folded, r->nfolded, sp, b, offset);

	reader_span_cost(r, sp);
	if (k != NONE)
		*hit = sp->hits[k];
	return k != NONE;
}

/* The match nearest (block, offset): forward, the first at or after
 * it; backward, the last before it; going round the story once, and
 * *wrapped when it went past an end.  Each block's matches are found
 * lazily from the place asked for (search_span), and kept while the
 * block is on screen: a search, n and N cost the text between the
 * place and the match, not the length of the paragraph. */
static bool
reader_search_from(struct reader *r, size_t block, size_t offset, bool forward,
    struct search_hit *hit, bool *wrapped)
{
	size_t nb = r->st->nblocks, i, b;

	if (r->nfolded == 0 || nb == 0)
		return false;
	if (block >= nb) {
		block = forward ? 0 : nb - 1;
		offset = forward ? 0 : SIZE_MAX;
	}
	*wrapped = false;
	if (reader_block_match(r, block, offset, forward, hit))
		return true;
	for (i = 1; i < nb; i++) {
		b = forward ? (block + i) % nb : (block + nb - i) % nb;
		if (reader_block_match(r, b, forward ? 0 : SIZE_MAX, forward,
		    hit)) {
			*wrapped = forward ? b < block : b > block;
			return true;
		}
	}
	/* Round to the far side of the block itself. */
	*wrapped = true;
	return reader_block_match(r, block, forward ? 0 : SIZE_MAX, forward,
	    hit);
}

/* A new search: its needle folded, and what the last one found
 * forgotten. */
static void
reader_new_needle(struct reader *r, const char *needle, size_t len)
{
	free(r->needle);
	free(r->folded);
	free(r->hits);
	reader_forget_drawn(r);
	r->needle = xstrndup(needle, len);
	r->folded = search_fold(needle, len, &r->nfolded);
	r->hits = NULL;
	r->nhits = NONE;
	r->hit.block = NONE;
}

void
reader_search(struct reader *r, const char *needle, size_t len)
{
	struct search_hit hit;
	struct wrap_line wl;
	size_t start = 0;
	bool wrapped;

	reader_new_needle(r, needle, len);
	if (r->top.block < r->st->nblocks &&
	    reader_line(r, r->top.block, r->top.line, &wl))
		start = wl.start;
	if (!reader_search_from(r, r->top.block, start, true, &hit, &wrapped)) {
		reader_notify(r, "not found: %s", r->needle);
		return;
	}
	if (reader_countable(r->st, r->count_max))
		r->nhits = search_story(r->st, needle, len, &r->hits);
	reader_show_hit(r, &hit, wrapped);
}

void
reader_search_step(struct reader *r, bool forward)
{
	struct search_hit hit;
	size_t block = r->top.block, offset = 0;
	bool wrapped;

	if (r->needle == NULL) {
		reader_notify(r, "no search yet: / then text");
		return;
	}
	r->highlight = true;
	if (r->hit.block != NONE) {
		block = r->hit.block;
		offset = r->hit.start + (forward ? 1 : 0);
	}
	if (!reader_search_from(r, block, offset, forward, &hit, &wrapped)) {
		reader_notify(r, "not found: %s", r->needle);
		return;
	}
	reader_show_hit(r, &hit, wrapped);
}

size_t
reader_block_hits(const struct reader *r, size_t b,
    const struct search_hit **hits)
{
	struct search_span *sp = reader_span_of(r, b);
	size_t first, end;

	*hits = NULL;
	if (r->nfolded == 0)
		return 0;
	end = search_span_range(r->st, r->folded, r->nfolded, sp, b, 0,
	    SIZE_MAX, &first);
	reader_span_cost(r, sp);
	/* A block with no match may have no array at all. */
	*hits = first < end ? sp->hits + first : NULL;
	return end - first;
}

const struct search_hit *
reader_hit_at(const struct reader *r, size_t b, size_t offset)
{
	struct search_span *sp = reader_span_of(r, b);
	size_t first, end;

	if (r->nfolded == 0)
		return NULL;
	/* Matches do not overlap: only one may hold the offset. */
	end = search_span_range(r->st, r->folded, r->nfolded, sp, b, offset,
	    offset + 1, &first);
	reader_span_cost(r, sp);
	return first < end ? &sp->hits[first] : NULL;
}

/* The row at the bottom of the screen. */
static struct row
reader_bottom_row(struct reader *r)
{
	struct row bottom = r->top;

	reader_row_step(r, &bottom, r->rows - 1);
	return bottom;
}

static bool
reader_at_end(struct reader *r)
{
	return reader_reaches_end(r);
}

/* How far into the story the bottom of the screen is, as less counts:
 * 100% when the end is on screen. */
void
reader_notify_where(struct reader *r)
{
	const struct story *st = r->st;
	size_t n = st->nblocks, at = n ? r->top.block + 1 : 0;
	size_t last = n ? reader_bottom_row(r).block + 1 : 0;
	size_t pct = n == 0 || reader_at_end(r) ? 100 : last * 100 / n;
	struct buf b = BUF_INIT;

	if (last > at)
		buf_printf(&b, "paragraphs %zu-%zu", at, last);
	else
		buf_printf(&b, "paragraph %zu", at);
	reader_notify(r, "%s: %s of %zu (%zu%%); %zu actors, "
	    "%zu claims, %zu quotes, %zu \"Read more\" items", st->path,
	    b.data, n, pct, st->nactors, st->nclaims, st->nquotes,
	    st->nrelated);
	buf_free(&b);
}

void
reader_clear_highlight(struct reader *r)
{
	r->highlight = false;
	/* Before any search there is nothing to hide, and n would say so. */
	if (r->needle == NULL)
		reader_notify(r, "no search to hide: / then text searches");
	else
		reader_notify(r, "matches hidden: n or N shows them again");
}

/* ---- search on a page --------------------------------------------- */

static struct page *
reader_top_page(const struct reader *r)
{
	return r->npages ? r->pages[r->npages - 1] : NULL;
}

/* Whether entry i of p holds the search. */
static bool
reader_entry_holds(const struct reader *r, struct page *p, size_t i)
{
	const char *text = page_entry_text(r->st, &p->entries[i]);
	struct search_hit *hits;
	size_t n = search_text(text, strlen(text), r->folded, r->nfolded,
	    &hits);

	free(hits);
	return n > 0;
}

/* Shows entry i, the match: focused when it leads somewhere, else
 * scrolled to. */
static void
reader_page_show_entry(struct reader *r, struct page *p, size_t i)
{
	size_t h = r->page_rows > 0 ? (size_t)r->page_rows : 1;

	p->hit = i;
	if (p->entries[i].target != TARGET_NONE)
		p->sel = i;
	if (i < p->top || i >= p->top + h)
		p->top = i >= h / 3 ? i - h / 3 : 0;
	page_bring_into_view(r, p, i, h);
}

/* From the match, the focus or the top, one entry at a time round the
 * page: a page's entries are few, or built lazily as this reads them. */
static void
reader_page_search_from(struct reader *r, bool forward, bool again)
{
	struct page *p = reader_top_page(r);
	size_t from, k, i;

	if (p == NULL || p->n == 0)
		return;
	from = p->hit != NONE ? p->hit : p->sel != NONE ? p->sel : p->top;
	for (k = again ? 1 : 0; k <= p->n; k++) {
		i = forward ? (from + k) % p->n : (from + p->n - k % p->n) %
		    p->n;
		if (reader_entry_holds(r, p, i)) {
			reader_page_show_entry(r, p, i);
			reader_notify(r, "%smatch on this page: %s",
			    (forward ? from + k >= p->n : k > from) ?
			    "search wrapped; " : "",
			    page_entry_text(r->st, &p->entries[i]));
			return;
		}
	}
	p->hit = NONE;
	reader_notify(r, "not found on this page: %s", r->needle);
}

void
reader_page_search(struct reader *r, const char *needle, size_t len)
{
	reader_new_needle(r, needle, len);
	r->highlight = true;
	if (reader_top_page(r))
		reader_top_page(r)->hit = NONE;
	reader_page_search_from(r, true, false);
}

void
reader_page_search_step(struct reader *r, bool forward)
{
	if (r->needle == NULL) {
		reader_notify(r, "no search yet: / then text");
		return;
	}
	r->highlight = true;
	reader_page_search_from(r, forward, true);
}

/* ---- copying ------------------------------------------------------ */

/* The quote or claim an item is, or is inside; NONE for neither. */
static size_t
reader_quote_or_claim(const struct story *st, size_t item)
{
	while (item != NONE && st->items[item].kind != ITEM_QUOTE &&
	    st->items[item].kind != ITEM_CLAIM)
		item = st->items[item].parent;
	return item;
}

size_t
reader_copy_item(struct reader *r)
{
	const struct page *p = reader_top_page(r);
	const struct entry *e;

	if (p == NULL)
		return reader_quote_or_claim(r->st, reader_visible_focus(r));
	if (p->kind == PAGE_CLAIM)
		return r->st->claims[p->a].item;
	if (p->kind == PAGE_QUOTE)
		return r->st->quotes[p->a].item;
	if (p->sel == NONE || p->sel >= p->n)
		return NONE;
	e = &p->entries[p->sel];
	if (e->target == TARGET_CLAIM)
		return r->st->claims[e->a].item;
	if (e->target == TARGET_ITEM || e->target == TARGET_CARD)
		return reader_quote_or_claim(r->st, e->a);
	return NONE;
}

char *
reader_citation(const struct reader *r, size_t item)
{
	const struct story *st = r->st;
	const struct item *it = &st->items[item];
	struct buf b = BUF_INIT;
	size_t len;
	const char *text = story_item_text(st, item, &len);
	char *out;

	buf_puts(&b, "\xe2\x80\x9c");
	buf_append(&b, text, len);
	buf_puts(&b, "\xe2\x80\x9d \xe2\x80\x94 ");
	if (it->kind == ITEM_QUOTE)
		buf_puts(&b, st->actors[st->quotes[it->ref].speaker].name);
	else {
		buf_puts(&b, "claimed by ");
		if (st->claims[it->ref].by.n == 0)
			buf_puts(&b, "the publication");
		reader_status_names(st, &st->claims[it->ref].by, &b);
	}
	buf_printf(&b, ", in \"%s\"", st->headline);
	if (st->dateline_when || st->dateline)
		buf_printf(&b, ", %s", st->dateline_when ? st->dateline_when :
		    st->dateline);
	/* Only what text_sanitize lets through reaches the terminal. */
	out = text_sanitize(b.data);
	buf_free(&b);
	return out;
}

/* ---- the status line ---------------------------------------------- */

static void
reader_status_names(const struct story *st, const struct idx *x, struct buf *b)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", st->actors[x->v[i]].name);
}

/* Who an item is about: a mention's actor, a quote's speaker, a
 * claim's claimants, a "Read more" item's actors. */
static void
reader_status_who(const struct story *st, const struct item *it, struct buf *b)
{
	switch (it->kind) {
	case ITEM_MENTION:
		buf_puts(b, st->actors[it->ref].name);
		break;
	case ITEM_QUOTE:
		buf_puts(b, st->actors[st->quotes[it->ref].speaker].name);
		break;
	case ITEM_CLAIM:
		if (st->claims[it->ref].by.n == 0)
			buf_puts(b, "the publication");
		reader_status_names(st, &st->claims[it->ref].by, b);
		break;
	case ITEM_RELATED:
		reader_status_names(st, &st->related[it->ref].actors, b);
		break;
	default:
		break;
	}
}

static const char *const status_kind[ITEM_NKINDS] = {
	"Mention", "Claim", "Quote", "Read more",
};

/* "Claim c5: United States, Donald Trump: the firm's…": an item by
 * its kind, its id (mentions have none) and, with `place`, its number
 * among the items of its kind ("Claim c5, 5 of 17", "Mention 3 of
 * 44"), then who it concerns and its text. */
static void
reader_status_item(const struct story *st, size_t item, bool place,
    struct buf *b)
{
	const struct item *it = &st->items[item];
	const char *id = reader_item_id(st, item), *text;
	size_t total, no, len, at;

	buf_puts(b, status_kind[it->kind]);
	if (id != NULL)
		buf_printf(b, " %s", id);
	if (place) {
		no = story_item_ordinal(st, item, &total);
		buf_printf(b, "%s %zu of %zu", id ? "," : "", no, total);
	}
	buf_puts(b, ": ");
	at = b->len;
	reader_status_who(st, it, b);
	/* A "Read more" item may name no actor: no empty field then. */
	if (b->len > at)
		buf_puts(b, ": ");
	text = story_item_text(st, item, &len);
	buf_append(b, text, len);
}

/* The claim, quote or "Read more" item an entry leads to, or NONE. */
static size_t
reader_entry_item(const struct story *st, const struct entry *e)
{
	size_t item = NONE;

	if (e->target == TARGET_CLAIM && e->a < st->nclaims)
		item = st->claims[e->a].item;
	else if ((e->target == TARGET_ITEM || e->target == TARGET_CARD) &&
	    e->a < st->nitems)
		item = e->a;
	return item != NONE && st->items[item].kind != ITEM_MENTION ? item :
	    NONE;
}

/* On a page: the focused entry, by the id of the item it leads to
 * ("Claim c5: …"), else after the page's title; its place is
 * reader_where's ("entry 3 of 12"). */
static char *
reader_page_status(const struct reader *r, struct page *p)
{
	struct buf b = BUF_INIT;
	size_t item;

	if (p->sel != NONE && p->sel < p->n &&
	    (item = reader_entry_item(r->st, &p->entries[p->sel])) != NONE) {
		reader_status_item(r->st, item, false, &b);
		return buf_detach(&b);
	}
	buf_puts(&b, p->title);
	if (p->sel != NONE && p->sel < p->n)
		buf_printf(&b, ": %s", page_entry_text(r->st,
		    &p->entries[p->sel]));
	return buf_detach(&b);
}

void
reader_where(struct reader *r, char *out, size_t size)
{
	struct page *p = reader_top_page(r);
	const char *more;
	bool above, below;
	size_t i, no = 0;

	if (p != NULL) {
		size_t h = r->page_rows > 0 ? (size_t)r->page_rows : 1;

		above = p->top > 0;
		below = p->n > 0 && !page_fits(r, p, p->top,
		    p->n - 1, h);
	} else {
		above = r->top.block > 0 || r->top.line > 0;
		below = !reader_at_end(r);
	}
	more = above && below ? "more above and below" : below ?
	    "more below" : "";
	if (p == NULL && !below)
		more = "(END)";
	else if (p != NULL && above && !below)
		more = "more above";
	if (p == NULL) {
		snprintf(out, size, "%s", more);
		return;
	}
	if (p->sel == NONE || p->sel >= p->n) {
		/* Nothing to focus (the help): the lines shown. */
		size_t h = r->page_rows > 0 ? (size_t)r->page_rows : 1;
		size_t last = page_entry_at(r, p, h - 1, h);

		last = last == NONE ? p->n : last + 1;

		snprintf(out, size, "lines %zu-%zu of %zu%s%s", p->n ?
		    p->top + 1 : 0, last, p->n, *more ? "; " : "", more);
		return;
	}
	/* The focused entry's place among those that lead somewhere. */
	for (i = 0; i <= p->sel; i++)
		no += p->entries[i].target != TARGET_NONE;
	snprintf(out, size, "entry %zu of %zu%s%s", no, p->nlinks,
	    *more ? "; " : "", more);
}

char *
reader_status(struct reader *r)
{
	const struct story *st = r->st;
	struct buf b = BUF_INIT;
	size_t focus = reader_visible_focus(r);

	if (reader_top_page(r))
		return reader_page_status(r, reader_top_page(r));
	if (focus == NONE) {
		buf_printf(&b, "Paragraph %zu of %zu", st->nblocks ?
		    r->top.block + 1 : 0, st->nblocks);
		return buf_detach(&b);
	}
	reader_status_item(st, focus, true, &b);
	return buf_detach(&b);
}
