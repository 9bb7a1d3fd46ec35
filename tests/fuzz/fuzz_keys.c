/* fuzz_keys.c - the reader's keys, headless, in any order.
 *
 * The bytes before the first NUL, when there is one and they load, are
 * the story; else it is the default story.  Each byte after is a key:
 * a reader operation (view/reader.h: scrolling, focus, jumps, history,
 * a search typed from printable text and its steps, cards, views, entries followed, resizes), some
 * with their arguments in the bytes after them, as tui/keys.c would
 * call them.  After each key the reader's state is whole: the top row
 * and the focus exist, the status line and the notice are safe for a
 * terminal, and the look-ups by bisection (reader_item_row,
 * reader_item_at, reader_hit_at) agree with a walk over the block. */
#include "config.h"

#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/text.h"
#include "format/load.h"
#include "fuzz.h"
#include "view/reader.h"

/* Keys per input, pages kept open, characters in a search. */
#define KEYS 4096
#define PAGES 8
#define NEEDLE 6

/* What a search is typed from: letters, a space, and some that fold. */
static const char *const typed[] = {
	"a", "e", "h", "i", "l", "n", "o", "r", "s", "t", "u", "w", "x",
	"A", "H", "S", " ", "-", "\xc3\x9f", "\xc3\xa9", "e\xcc\x81",
	"\xce\xa3", "\xe2\x80\x9c", "\xef\xac\x81",
};
#define NTYPED (sizeof typed / sizeof typed[0])

struct keys {
	const uint8_t	*p;
	size_t		 n;
};

static unsigned
next_byte(struct keys *k)
{
	if (k->n == 0)
		return 0;
	k->n--;
	return *k->p++;
}

/* The innermost item that holds offset, walking the whole block. */
static size_t
slow_item_at(const struct story *st, size_t b, size_t offset)
{
	const struct block *bl = &st->blocks[b];
	size_t i, found = NONE;

	for (i = bl->first_item; i < bl->first_item + bl->nitems; i++)
		if (st->items[i].start <= offset && offset < st->items[i].end)
			found = i;
	return found;
}

static void
check_place(struct reader *r, unsigned arg)
{
	const struct story *st = r->st;
	const struct layout *l;
	const struct search_hit *hits, *hit;
	size_t off, n, i;
	struct row row;

	if (st->nblocks == 0)
		return;
	FUZZ_CHECK(r->top.block < st->nblocks);
	l = reader_layout(r, r->top.block);
	FUZZ_CHECK(r->top.line <= l->nlines);
	if (r->focus != NONE) {
		FUZZ_CHECK(r->focus < st->nitems);
		row = reader_item_row(r, r->focus);
		l = reader_layout(r, row.block);
		FUZZ_CHECK(row.line == 0 || l->lines[row.line].start <=
		    st->items[r->focus].start);
		FUZZ_CHECK(row.line + 1 >= l->nlines ||
		    l->lines[row.line + 1].start > st->items[r->focus].start);
	}
	/* An offset in the top block, from the key's argument. */
	if (st->blocks[r->top.block].len == 0)
		return;
	off = arg * 7919u % st->blocks[r->top.block].len;
	FUZZ_CHECK(reader_item_at(r, r->top.block, off) ==
	    slow_item_at(st, r->top.block, off));
	n = reader_block_hits(r, r->top.block, &hits);
	hit = reader_hit_at(r, r->top.block, off);
	for (i = 0; i < n; i++)
		if (hits[i].start <= off && off < hits[i].end)
			break;
	FUZZ_CHECK(hit == (i < n ? &hits[i] : NULL));
}

static void
check_text(const char *s)
{
	FUZZ_CHECK(s == NULL || text_is_safe(s, strlen(s)));
}

/* One key; its arguments, if any, from the bytes after it. */
static void
key(struct reader *r, unsigned c, struct keys *k)
{
	struct buf needle = BUF_INIT;
	size_t i, len;
	unsigned w, h;

	switch (c % 26) {
	case 0: reader_scroll(r, 1); break;
	case 1: reader_scroll(r, -1); break;
	case 2: reader_scroll(r, r->rows); break;
	case 3: reader_scroll(r, -(long)r->rows); break;
	case 4: reader_top(r); break;
	case 5: reader_bottom(r); break;
	case 6: reader_focus_step(r, true); break;
	case 7: reader_focus_step(r, false); break;
	case 8:
		w = next_byte(k);
		reader_jump_kind(r, (enum item_kind)(w % ITEM_NKINDS), w & 4);
		break;
	case 9: reader_jump_mention(r, c & 32); break;
	case 10: reader_back(r); break;
	case 11: reader_forward(r); break;
	case 12:
		/* What the prompt lets a person type: printable text. */
		len = 1 + next_byte(k) % NEEDLE;
		buf_truncate(&needle, 0);
		for (i = 0; i < len; i++)
			buf_puts(&needle, typed[next_byte(k) % NTYPED]);
		reader_search(r, needle.data, needle.len);
		buf_free(&needle);
		break;
	case 13: reader_search_step(r, true); break;
	case 14: reader_search_step(r, false); break;
	case 15: reader_open_focus(r); break;
	case 16: reader_open_actors(r); break;
	case 17: reader_open_relations(r); break;
	case 18: reader_open_timeline(r); break;
	case 19: reader_page_step(r, c & 32 ? 1 : -1, r->rows); break;
	case 20: reader_page_step(r, c & 32 ? 1000 : -1000, r->rows); break;
	case 21: free(reader_follow(r)); break;
	case 22: reader_close_page(r); break;
	case 23:
		w = next_byte(k) % 200;
		h = next_byte(k) % 60;
		reader_resize(r, (int)w, (int)h);
		break;
	case 24: reader_goto_percent(r, next_byte(k)); break;
	default:
		reader_notify_where(r);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	struct diag d = DIAG_INIT;
	struct story *st = NULL;
	struct keys k = { data, size };
	struct reader r;
	size_t n;
	char *s;

	if (nul != NULL) {
		st = load_memory((const char *)data, (size_t)(nul - data),
		    "fuzz.xml", NULL, &d);
		k.p = nul + 1;
		k.n = size - (size_t)(nul - data) - 1;
	}
	if (st == NULL)
		st = load_default(&d);
	diag_free(&d);
	FUZZ_CHECK(st != NULL);
	reader_init(&r, st, "fuzz.xml");
	reader_resize(&r, 40, 10);
	for (n = 0; n < KEYS && k.n > 0; n++) {
		unsigned c = next_byte(&k);

		key(&r, c, &k);
		while (r.npages > PAGES)
			reader_close_page(&r);
		check_place(&r, c);
		s = reader_status(&r);
		check_text(s);
		free(s);
		check_text(r.notice);
	}
	reader_free(&r);
	return 0;
}
