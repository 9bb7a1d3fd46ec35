/* test_reader.c - the reader without a terminal: layout, scrolling,
 * focus, history, search, the status line and the pages. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "format/load.h"
#include "view/index.h"
#include "view/reader.h"
#include "base/buf.h"
#include "base/text.h"

static struct reader r;

static void
setup(void)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_default(&d);

	diag_free(&d);
	cr_assert_not_null(st);
	reader_init(&r, st, NULL);
	reader_resize(&r, 75, 18);
}

static void
teardown(void)
{
	reader_free(&r);
}

TestSuite(reader, .init = setup, .fini = teardown);

static void
expect_status(const char *want)
{
	char *s = reader_status(&r);

	cr_expect(strncmp(s, want, strlen(want)) == 0,
	    "status '%s' does not start with '%s'", s, want);
	free(s);
}

static bool
visible(size_t item)
{
	struct row top = r.top, row = reader_item_row(&r, item);
	int i;

	for (i = 0; i < r.rows; i++) {
		if (top.block == row.block && top.line == row.line)
			return true;
		if (!reader_row_step(&r, &top, 1))
			break;
	}
	return false;
}

Test(reader, layout_fits_the_width)
{
	size_t b, i;

	for (b = 0; b < r.st->nblocks; b++) {
		const struct layout *l = reader_layout(&r, b);

		for (i = 0; i < l->nlines; i++)
			cr_expect_leq(l->lines[i].width, 75);
	}
	reader_resize(&r, 20, 5);
	cr_expect_gt(reader_layout(&r, 0)->nlines, 3, "rewrapped at 20");
	for (i = 0; i < reader_layout(&r, 0)->nlines; i++)
		cr_expect_leq(reader_layout(&r, 0)->lines[i].width, 20);
}

Test(reader, scrolling_stops_at_both_ends)
{
	struct row before;

	reader_scroll(&r, -5);
	cr_expect_eq(r.top.block, 0);
	cr_expect_eq(r.top.line, 0);
	reader_bottom(&r);
	before = r.top;
	reader_scroll(&r, 10);
	cr_expect_eq(r.top.block, before.block);
	cr_expect_eq(r.top.line, before.line);
	cr_expect_gt(r.top.block, 5);
	reader_top(&r);
	reader_scroll(&r, 3);
	cr_expect(r.top.block > 0 || r.top.line == 3);
}

Test(reader, tab_walks_items_in_reading_order)
{
	expect_status("Paragraph 1 of 14");
	reader_focus_step(&r, true);
	cr_expect_eq(r.focus, 0);
	reader_focus_step(&r, true);
	cr_expect_eq(r.focus, 1);
	expect_status("Mention 1 of 44: US officials: US officials");
	reader_focus_step(&r, false);
	cr_expect_eq(r.focus, 0);
	expect_status("Claim c1, 1 of 17: the publication: US officials are");
	cr_expect_eq(r.nback, 0, "Tab is not a jump");
}

Test(reader, jumps_by_kind_and_history)
{
	reader_jump_kind(&r, ITEM_QUOTE, true);
	expect_status("Quote q1, 1 of 2: Brandon Lewis: relatively soon");
	reader_jump_kind(&r, ITEM_QUOTE, true);
	expect_status("Quote q2, 2 of 2: Government spokesperson: The security");
	cr_expect(visible(r.focus));
	reader_jump_kind(&r, ITEM_QUOTE, true);
	cr_expect_not_null(r.notice, "no more quotes below");
	cr_expect_eq(r.nback, 2);
	cr_assert(reader_back(&r));
	expect_status("Quote q1, 1 of 2");
	cr_assert(reader_back(&r));
	cr_expect_eq(r.focus, NONE);
	cr_expect_eq(r.top.block, 0);
	cr_assert(reader_forward(&r));
	expect_status("Quote q1, 1 of 2");
	reader_jump_kind(&r, ITEM_RELATED, true);
	expect_status("Read more r2, 2 of 2:");
	reader_jump_kind(&r, ITEM_CLAIM, false);
	expect_status("Claim c14, 14 of 17");
}

Test(reader, mentions_of_the_actor_in_focus)
{
	size_t huawei = story_find_actor(r.st, "huawei"), n = 1;

	reader_focus(&r, story_ix(r.st, r.st->actors[huawei].mentions)[0], false);
	while (reader_jump_mention(&r, true), r.notice == NULL)
		n++;
	cr_expect_eq(n, r.st->actors[huawei].mentions.n);
	cr_expect_eq(r.st->items[r.focus].ref, huawei);
	reader_jump_mention(&r, false);
	cr_expect_eq(r.focus, story_ix(r.st, r.st->actors[huawei].mentions)[n - 2]);
}

Test(reader, resize_keeps_the_focus_in_view)
{
	reader_jump_kind(&r, ITEM_QUOTE, true);
	reader_jump_kind(&r, ITEM_QUOTE, true);
	reader_resize(&r, 30, 4);
	cr_expect(visible(r.focus));
	reader_resize(&r, 1, 1);
	cr_expect(visible(r.focus));
	reader_resize(&r, 200, 60);
	cr_expect(visible(r.focus));
}

Test(reader, goto_block_and_percent)
{
	size_t last = r.st->nblocks - 1;
	struct row bottom;

	reader_goto_block(&r, 3);
	cr_expect_eq(r.top.block, 3);
	cr_expect_eq(r.top.line, 0);
	expect_status("Paragraph 4 of");
	reader_bottom(&r);
	bottom = r.top;
	/* Past the end, or near it: no further than G goes. */
	reader_goto_block(&r, (size_t)-1);
	cr_expect(r.top.block == bottom.block && r.top.line == bottom.line);
	reader_goto_block(&r, last);
	cr_expect(r.top.block == bottom.block && r.top.line == bottom.line);
	reader_goto_percent(&r, 0);
	cr_expect_eq(r.top.block, 0);
	reader_goto_percent(&r, 50);
	cr_expect_eq(r.top.block, r.st->nblocks / 2);
	reader_goto_percent(&r, 1000);
	cr_expect(r.top.block == bottom.block && r.top.line == bottom.line);
}

Test(reader, where)
{
	reader_goto_block(&r, 6);
	reader_notify_where(&r);
	/* What the screen shows, and how far its bottom is, as less. */
	cr_expect_str_eq(r.notice, "(built-in story): paragraphs 7-11 of 14 "
	    "(78%); 18 actors, 17 claims, 2 quotes, 2 \"Read more\" items");
	reader_bottom(&r);
	reader_notify_where(&r);
	cr_expect(strstr(r.notice, " of 14 (100%)") != NULL, "%s", r.notice);
}

static bool
same_hit(const struct search_hit *a, const struct search_hit *b)
{
	return a->block == b->block && a->start == b->start &&
	    a->end == b->end;
}

Test(reader, search_wraps_with_a_notice)
{
	reader_search(&r, "HUAWEI", 6);
	/* The seed holds "Huawei" nine times, once in the headline. */
	cr_assert_eq(r.nhits, 8);
	cr_expect(same_hit(&r.hit, &r.hits[0]));
	cr_expect(strstr(r.notice, "match 1 of 8") != NULL, "%s", r.notice);
	reader_search_step(&r, false);
	cr_expect(same_hit(&r.hit, &r.hits[7]));
	cr_expect(strstr(r.notice, "wrapped; match 8 of 8") != NULL, "%s",
	    r.notice);
	reader_search_step(&r, true);
	cr_expect(same_hit(&r.hit, &r.hits[0]));
	reader_search_step(&r, true);
	cr_expect(same_hit(&r.hit, &r.hits[1]));
	cr_expect_str_eq(r.notice, "match 2 of 8");
	reader_search(&r, "brandon lewis", 13);
	cr_expect_eq(r.nhits, 1);
	expect_status("Mention");
	reader_search(&r, "no such words", 13);
	cr_expect_eq(r.hit.block, NONE);
	cr_expect(strstr(r.notice, "not found") != NULL);
	reader_search_step(&r, true);
	cr_expect(strstr(r.notice, "not found") != NULL);
}

Test(reader, step_before_any_search)
{
	reader_search_step(&r, true);
	cr_expect_str_eq(r.notice, "no search yet: / then text");
}

/* A story with more text than count_max is searched without counting:
 * n and N must still visit the same matches, in the same order, as
 * with the count. */
Test(reader, uncounted_search_visits_the_same_matches)
{
	static const char *const needles[] = { "huawei", "the", "uk", "5g",
	    "relatively soon" };
	struct search_hit seen[64];
	size_t i, k, n;
	int dir;

	for (i = 0; i < sizeof needles / sizeof *needles; i++)
		for (dir = 0; dir < 2; dir++) {
			r.count_max = READER_COUNT_MAX;
			reader_top(&r);
			reader_search(&r, needles[i], strlen(needles[i]));
			cr_assert_neq(r.nhits, NONE);
			n = r.nhits < 64 ? r.nhits : 64;
			for (k = 0; k < n; k++) {
				seen[k] = r.hit;
				reader_search_step(&r, dir == 0);
			}
			cr_expect(same_hit(&r.hit, &seen[n < r.nhits ? n : 0]));

			r.count_max = 0;
			reader_top(&r);
			reader_search(&r, needles[i], strlen(needles[i]));
			cr_assert_eq(r.nhits, NONE);
			cr_assert_null(r.hits);
			cr_expect(strstr(r.notice, "match in paragraph") != NULL,
			    "%s", r.notice);
			for (k = 0; k < n; k++) {
				cr_expect(same_hit(&r.hit, &seen[k]),
				    "%s: match %zu differs", needles[i], k);
				reader_search_step(&r, dir == 0);
			}
		}
}

/* What is drawn highlighted is what the search found. */
Test(reader, block_hits_agree_with_the_count)
{
	const struct search_hit *hits;
	size_t b, i, k = 0, n;

	reader_search(&r, "the", 3);
	cr_assert_gt(r.nhits, 20);
	for (b = 0; b < r.st->nblocks; b++) {
		n = reader_block_hits(&r, b, &hits);
		for (i = 0; i < n; i++, k++) {
			cr_assert_lt(k, r.nhits);
			cr_expect(same_hit(&hits[i], &r.hits[k]));
		}
	}
	cr_expect_eq(k, r.nhits);
	/* Again from the cache, in the other order. */
	for (b = r.st->nblocks; b-- > 0; )
		k -= reader_block_hits(&r, b, &hits);
	cr_expect_eq(k, 0);
}

static size_t
find_entry(const struct page *p, const char *prefix)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strncmp(page_entry_text(r.st, &p->entries[i]), prefix,
		    strlen(prefix)) == 0)
			return i;
	return NONE;
}

Test(reader, actor_card_follows_into_the_article)
{
	size_t huawei = story_find_actor(r.st, "huawei"), i;
	struct page *p;

	reader_open_actor(&r, huawei);
	cr_assert_eq(r.npages, 1);
	p = r.pages[0];
	cr_expect_str_eq(p->title, "Actor: Huawei");
	cr_expect_neq(find_entry(p, "Kind: company"), NONE);
	cr_expect_neq(find_entry(p, "Claims by (2)"), NONE);
	i = find_entry(p, "Mentions (");
	cr_assert_neq(i, NONE);
	/* Built when first asked for: the paragraph, then an excerpt. */
	cr_expect(strncmp(page_entry_text(r.st, &p->entries[i + 1]),
	    "\xc2\xb6", 2) == 0, "%s", p->entries[i + 1].text);
	p->sel = i + 3;
	cr_assert_eq(p->entries[p->sel].target, TARGET_ITEM);
	reader_follow(&r);
	cr_expect_eq(r.npages, 0);
	cr_expect_eq(r.focus, story_ix(r.st, r.st->actors[huawei].mentions)[2]);
	cr_expect(visible(r.focus));
	cr_expect_eq(r.nback, 1);
}

Test(reader, cards_for_each_kind)
{
	reader_jump_kind(&r, ITEM_QUOTE, true);
	cr_assert(reader_open_focus(&r));
	cr_expect_str_eq(r.pages[0]->title, "Quote q1");
	cr_expect_neq(find_entry(r.pages[0], "Speaker: Brandon Lewis"), NONE);
	cr_expect_neq(find_entry(r.pages[0], "In claim c7"), NONE);
	reader_page_step(&r, 2, 10);
	reader_follow(&r);
	cr_expect_str_eq(r.pages[r.npages - 1]->title, "Claim c7");
	cr_expect_neq(find_entry(r.pages[1], "By: Brandon Lewis"), NONE);
	reader_close_page(&r);
	reader_close_page(&r);
	reader_jump_kind(&r, ITEM_RELATED, false);
	cr_assert(reader_open_focus(&r));
	cr_expect_str_eq(r.pages[0]->title, "Read more r1");
	cr_expect_neq(find_entry(r.pages[0],
	    "Paragraphs that mention them"), NONE);
}

Test(reader, relations_and_timeline)
{
	struct page *p;
	size_t i;

	reader_open_relations(&r);
	p = r.pages[0];
	i = find_entry(p, "Huawei claims about");
	cr_assert_neq(i, NONE);
	cr_expect_eq(p->entries[i + 1].target, TARGET_CLAIMS);
	p->sel = i + 1;
	reader_follow(&r);
	cr_assert_eq(r.npages, 2);
	cr_expect(strncmp(r.pages[1]->title, "Claims by Huawei about ", 23) ==
	    0);
	reader_close_page(&r);
	reader_close_page(&r);
	reader_open_timeline(&r);
	p = r.pages[0];
	cr_assert_gt(p->n, 3);
	for (i = 2; i < p->n; i++)
		cr_expect(strcmp(p->entries[i - 1].text, p->entries[i].text)
		    <= 0 || p->entries[i - 1].target == TARGET_NONE,
		    "timeline out of order at %zu", i);
	cr_expect_neq(find_entry(p, "2019-04"), NONE);
}

Test(reader, pages_rewrap_on_resize)
{
	reader_jump_kind(&r, ITEM_QUOTE, true);
	reader_jump_kind(&r, ITEM_QUOTE, true);
	reader_open_focus(&r);
	reader_resize(&r, 20, 10);
	cr_expect(text_width(r.pages[0]->entries[r.pages[0]->n - 1].text,
	    strlen(r.pages[0]->entries[r.pages[0]->n - 1].text)) <= 25);
}

Test(reader, tab_from_off_screen_starts_on_screen)
{
	reader_focus_step(&r, true);
	cr_assert_eq(r.focus, 0);
	reader_bottom(&r);
	cr_assert(!visible(0));
	reader_focus_step(&r, false);
	cr_expect(visible(r.focus), "Shift-Tab lands on screen");
	cr_expect_eq(r.focus, r.st->nitems - 1, "the last item on screen");
	reader_top(&r);
	reader_focus_step(&r, true);
	cr_expect(visible(r.focus), "Tab lands on screen");
	cr_expect_eq(r.focus, 0);
}

Test(empty, a_story_without_a_body)
{
	static const char xml[] = "<story version=\"1\"><head><headline>"
	    "H</headline></head><body/></story>";
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(xml, sizeof xml - 1, "e.xml", NULL, &d);
	struct reader e;
	char *s;

	cr_assert_not_null(st);
	reader_init(&e, st, NULL);
	reader_resize(&e, 1, 1);
	reader_resize(&e, 40, 10);
	reader_focus_step(&e, true);
	reader_jump_kind(&e, ITEM_CLAIM, true);
	reader_jump_mention(&e, false);
	reader_scroll(&e, 5);
	reader_bottom(&e);
	reader_search(&e, "x", 1);
	reader_search_step(&e, true);
	cr_expect(!reader_back(&e));
	cr_expect(!reader_forward(&e));
	reader_open_actors(&e);
	reader_open_relations(&e);
	reader_open_timeline(&e);
	cr_expect_eq(e.npages, 3);
	s = reader_status(&e);
	cr_expect_str_eq(s, "Timeline", "the page on top, not the article");
	free(s);
	while (e.npages > 0)
		reader_close_page(&e);
	reader_open_index(&e);
	reader_index_filter(&e, "x");
	reader_page_search(&e, "x", 1);
	reader_close_page(&e);
	s = reader_status(&e);
	cr_expect_str_eq(s, "Paragraph 0 of 0");
	free(s);
	reader_free(&e);
	diag_free(&d);
}

/* ---- cards: excerpts, empty sections, claims ---------------------- */

/* Every mention excerpt on Huawei's card holds the mention's words as
 * its highlight, and is the block's text from the start of a word to
 * the end of one, with an ellipsis where it is cut. */
Test(reader, card_excerpts_highlight_the_mention_cut_at_words)
{
	static const char ell[] = "\xe2\x80\xa6";
	size_t huawei = story_find_actor(r.st, "huawei"), i, len, n = 0;
	struct page *p;

	reader_open_actor(&r, huawei);
	p = r.pages[0];
	for (i = 0; i < p->n; i++) {
		struct entry *e = &p->entries[i];
		const char *t, *body, *end, *item, *at;
		const struct block *bl;
		size_t blen, off;

		if (e->target != TARGET_ITEM ||
		    r.st->items[e->a].kind != ITEM_MENTION)
			continue;
		n++;
		t = page_entry_text(r.st, e);
		item = story_item_text(r.st, e->a, &len);
		cr_assert_lt(e->hl_start, e->hl_end, "%s", t);
		cr_expect(e->hl_end - e->hl_start == len &&
		    memcmp(t + e->hl_start, item, len) == 0,
		    "highlight [%zu, %zu) of '%s' is not '%.*s'", e->hl_start,
		    e->hl_end, t, (int)len, item);
		/* "¶N   " then the excerpt. */
		body = strchr(t, ' ');
		while (*body == ' ')
			body++;
		end = t + strlen(t);
		if (strncmp(body, ell, 3) == 0)
			body += 3;
		if (end - body >= 3 && strcmp(end - 3, ell) == 0)
			end -= 3;
		bl = &r.st->blocks[r.st->items[e->a].block];
		blen = (size_t)(end - body);
		at = NULL;
		for (off = 0; off + blen <= bl->len && at == NULL; off++)
			if (memcmp(bl->text + off, body, blen) == 0 &&
			    (off == 0 || bl->text[off - 1] == ' ') &&
			    (off + blen == bl->len || bl->text[off + blen] == ' '
			    || bl->text[off + blen] == '.'
			    || bl->text[off + blen] == ','))
				at = bl->text + off;
		cr_expect_not_null(at, "'%s' is not whole words of '%s'", t,
		    bl->text);
		cr_expect_leq(text_width(body, blen), 30 + 50 + len);
	}
	cr_expect_eq(n, r.st->actors[huawei].mentions.n);
}

Test(reader, card_leaves_out_empty_sections)
{
	size_t brits = story_find_actor(r.st, "brits");
	size_t huawei = story_find_actor(r.st, "huawei");

	cr_assert_neq(brits, NONE);
	cr_assert_eq(r.st->actors[brits].mentions.n, 0);
	reader_open_actor(&r, brits);
	cr_expect_eq(find_entry(r.pages[0], "Mentions ("), NONE);
	cr_expect_eq(find_entry(r.pages[0], "Claims by ("), NONE);
	cr_expect_eq(find_entry(r.pages[0], "Quotes ("), NONE);
	cr_expect_neq(find_entry(r.pages[0], "Read more (1)"), NONE);
	reader_close_page(&r);
	reader_open_actor(&r, huawei);
	cr_expect_eq(r.st->actors[huawei].quotes.n, 0);
	cr_expect_eq(find_entry(r.pages[0], "Quotes ("), NONE);
	cr_expect_neq(find_entry(r.pages[0], "Mentions (10)"), NONE);
}

/* An actor card's claims open the claim's card, not the article. */
Test(reader, actor_card_claims_open_their_cards)
{
	size_t huawei = story_find_actor(r.st, "huawei"), i;
	struct page *p;

	reader_open_actor(&r, huawei);
	p = r.pages[0];
	i = find_entry(p, "Claims by (2)");
	cr_assert_neq(i, NONE);
	cr_assert_eq(p->entries[i + 1].target, TARGET_CLAIM);
	cr_expect_str_eq(page_entry_text(r.st, &p->entries[i + 1]),
	    "\xc2\xb6" "13  c15: Huawei has always denied allegations of "
	    "wrongdoing");
	p->sel = i + 1;
	cr_expect_null(reader_follow(&r));
	cr_assert_eq(r.npages, 2);
	cr_expect_str_eq(r.pages[1]->title, "Claim c15");
	cr_expect_eq(r.focus, NONE, "the article's focus is untouched");
}

/* ---- the page stack, Back into pages, what keys act on ------------- */

Test(reader, page_stack_is_bounded)
{
	size_t i;

	for (i = 0; i < 2000; i++)
		reader_open_actor(&r, i % r.st->nactors);
	cr_expect_leq(r.npages, READER_PAGES_MAX);
	cr_expect_eq(r.pages[r.npages - 1]->a, 1999 % r.st->nactors);
}

Test(reader, reopening_a_page_brings_it_forward)
{
	reader_open_actors(&r);
	reader_open_actors(&r);
	reader_open_actors(&r);
	cr_expect_eq(r.npages, 1);
	reader_open_help(&r, 3);
	reader_open_relations(&r);
	reader_open_actors(&r);
	cr_expect_eq(r.npages, 3);
	cr_expect_eq(r.pages[2]->kind, PAGE_ACTORS);
	cr_expect_eq(r.pages[1]->kind, PAGE_RELATIONS);
	cr_expect_eq(r.pages[0]->kind, PAGE_HELP);
	/* The help of another screen is another page. */
	reader_open_help(&r, 1);
	cr_expect_eq(r.npages, 4);
}

Test(reader, back_returns_into_the_view_on_its_entry)
{
	size_t sel;
	char *path;

	reader_open_relations(&r);
	reader_page_step(&r, 1, 18);
	sel = r.pages[0]->sel;
	path = reader_follow(&r);		/* the list of claims */
	cr_expect_null(path);
	cr_assert_eq(r.npages, 2);
	cr_assert_eq(r.pages[1]->kind, PAGE_CLAIMS);
	path = reader_follow(&r);		/* into the article */
	cr_expect_null(path);
	cr_assert_eq(r.npages, 0);
	cr_assert_neq(r.focus, NONE);
	cr_assert(reader_back(&r));
	/* One Back: the view, not the list of claims its row opened. */
	cr_assert_eq(r.npages, 1, "Back opens the view the jump left");
	cr_expect_eq(r.pages[0]->kind, PAGE_RELATIONS);
	cr_expect_eq(r.pages[0]->sel, sel, "on the same entry");
	/* And forward again, into the article. */
	cr_expect(reader_forward(&r));
	cr_expect_eq(r.npages, 0);
}

/* A card is a place: a jump from a claim's card comes back to it,
 * over the view it was opened from. */
Test(reader, back_returns_into_a_card_over_its_view)
{
	reader_open_actors(&r);
	reader_follow(&r);			/* an actor's card */
	cr_assert_eq(r.npages, 2);
	reader_open_claim(&r, 6);
	cr_assert_eq(r.npages, 3);
	r.pages[2]->sel = NONE;
	for (size_t i = 0; i < r.pages[2]->n; i++)
		if (r.pages[2]->entries[i].target == TARGET_ITEM) {
			r.pages[2]->sel = i;
			break;
		}
	cr_assert_neq(r.pages[2]->sel, NONE);
	reader_follow(&r);
	cr_assert_eq(r.npages, 0);
	cr_assert(reader_back(&r));
	cr_expect_eq(r.npages, 3);
	cr_expect_eq(r.pages[2]->kind, PAGE_CLAIM);
}

Test(reader, focus_off_screen_is_not_acted_on)
{
	char *s;

	reader_focus_step(&r, true);
	cr_assert_neq(reader_visible_focus(&r), NONE);
	reader_bottom(&r);
	cr_expect_eq(reader_visible_focus(&r), NONE);
	cr_expect(!reader_open_focus(&r));
	cr_expect_eq(r.npages, 0, "Enter opened a card off the screen");
	s = reader_status(&r);
	cr_expect(strncmp(s, "Paragraph ", 10) == 0, "status: %s", s);
	free(s);
}

Test(reader, where_the_screen_is)
{
	char w[64];

	reader_where(&r, w, sizeof w);
	cr_expect_str_eq(w, "more below");
	reader_scroll(&r, 3);
	reader_where(&r, w, sizeof w);
	cr_expect_str_eq(w, "more above and below");
	reader_goto_percent(&r, 100);
	reader_where(&r, w, sizeof w);
	cr_expect_str_eq(w, "(END)", "100%% is the end, as G");
	reader_top(&r);
	reader_goto_percent(&r, 99);
	reader_bottom(&r);
	reader_where(&r, w, sizeof w);
	cr_expect_str_eq(w, "(END)");
}

Test(reader, status_on_a_card_names_its_entry)
{
	char w[64], *s;

	reader_open_claim(&r, 6);
	s = reader_status(&r);
	cr_expect(strncmp(s, "Claim c7: By: Brandon Lewis", 27) == 0, "%s", s);
	free(s);
	reader_where(&r, w, sizeof w);
	cr_expect(strncmp(w, "entry 1 of ", 11) == 0, "%s", w);
	reader_page_step(&r, 1, 18);
	reader_where(&r, w, sizeof w);
	cr_expect(strncmp(w, "entry 2 of ", 11) == 0, "%s", w);
}

/* An entry that leads to a claim, quote or "Read more" item is named
 * by the item's id, on every page: the claims of a relations row, the
 * index, a card's "In paragraph". */
Test(reader, status_on_a_page_names_the_entry_by_its_id)
{
	char w[64], *s;

	reader_open_relations(&r);
	reader_page_step(&r, 1, 18);
	reader_follow(&r);			/* by the publication about US officials */
	cr_assert_eq(r.pages[r.npages - 1]->kind, PAGE_CLAIMS);
	s = reader_status(&r);
	cr_expect(strncmp(s, "Claim c1: the publication: US officials", 39) == 0,
	    "%s", s);
	free(s);
	cr_expect(strstr(page_entry_text(r.st, &r.pages[1]->entries[
	    r.pages[1]->sel]), "c1: ") != NULL, "the entry shows the id");
	reader_where(&r, w, sizeof w);
	cr_expect_str_eq(w, "entry 1 of 2");
	reader_page_step(&r, 1, 18);
	s = reader_status(&r);
	cr_expect(strncmp(s, "Claim c2: ", 10) == 0, "%s", s);
	free(s);
	reader_close_page(&r);
	reader_close_page(&r);
	reader_open_index(&r);
	s = reader_status(&r);
	cr_expect(strncmp(s, "Claim c1: the publication: ", 27) == 0, "%s", s);
	free(s);
	cr_expect(strstr(page_entry_text(r.st, &r.pages[0]->entries[0]),
	    "\xc2\xb6" "1   c1: US officials") != NULL, "%s",
	    page_entry_text(r.st, &r.pages[0]->entries[0]));
}

/* Entries wrap at the page's width: none is cut, the focus and the
 * end of the page are counted in screen lines. */
Test(reader, page_entries_wrap_and_keep_their_text)
{
	struct wrap_line lines[64];
	struct page *p;
	size_t i, n, len, shown;
	const char *text;
	char w[64];

	r.page_cols = 40;
	r.page_rows = 10;
	reader_open_timeline(&r);
	p = r.pages[0];
	for (i = 0; i < p->n; i++) {
		text = page_entry_text(r.st, &p->entries[i]);
		len = strlen(text);
		n = page_entry_lines(&r, &p->entries[i], lines, 64);
		cr_expect_eq(lines[n - 1].end, len, "entry %zu cut: %s", i,
		    text);
		cr_expect_leq(lines[0].width, 39 - p->entries[i].indent);
		if (n > 1)
			cr_expect_leq(lines[1].width, 37 -
			    p->entries[i].indent);
	}
	cr_assert_gt(page_entry_lines(&r, &p->entries[0], NULL, 64), 1,
	    "the first dated claim is longer than 40 columns");
	/* Its second line is a line of the first entry. */
	cr_expect_eq(page_entry_at(&r, p, 1, 10), 0);
	/* Five entries, more lines than the screen has. */
	reader_where(&r, w, sizeof w);
	cr_expect(strstr(w, "more below") != NULL, "%s", w);
	/* The focus is always shown whole. */
	for (i = 0; i < 4; i++) {
		reader_page_step(&r, 1, 10);
		cr_expect(page_fits(&r, p, p->top, p->sel, 10),
		    "entry %zu from %zu", p->sel, p->top);
	}
	/* A page down goes a screen of lines, not a screen of entries. */
	reader_page_step_rows(&r, -9, 10);
	shown = p->sel;
	cr_expect_lt(shown, 4);
	/* A table's rows keep to one line. */
	reader_open_actors(&r);
	cr_expect_eq(page_entry_lines(&r, &r.pages[1]->entries[0], NULL, 64),
	    1);
}

Test(reader, index_rows_and_filter)
{
	const struct story *st = r.st;
	struct page *p;
	size_t i;

	reader_open_index(&r);
	p = r.pages[0];
	cr_expect_eq(p->n, st->nclaims + st->nquotes + st->nrelated +
	    st->nactors);
	reader_index_filter(&r, "BRANDON");
	p = r.pages[0];
	cr_expect_eq(r.npages, 1);
	cr_assert_geq(p->n, 3, "a claim, a quote and the actor");
	for (i = 0; i < p->n; i++)
		cr_expect(strstr(page_entry_text(r.st, &p->entries[i]),
		    "Brandon") != NULL, "%s", p->entries[i].text);
	cr_expect(strstr(p->title, "3 of ") != NULL, "%s", p->title);
	reader_follow(&r);
	cr_expect_eq(r.npages, 2);
	cr_expect_eq(r.pages[1]->kind, PAGE_CLAIM);
	/* Back from the card: the index is still filtered. */
	reader_close_page(&r);
	cr_expect_str_eq(r.pages[0]->filter, "BRANDON");
}

/* The rows of the index whose text holds the folded filter, counted
 * the slow way: every row built and searched. */
static size_t
index_brute(const char *filter)
{
	struct index *ix = index_new(r.st);
	const struct index_row *rows = index_rows(ix);
	struct search_hit *hits;
	struct buf row = BUF_INIT;
	size_t i, n = 0, flen;
	char *folded = search_fold(filter, strlen(filter), &flen);

	for (i = 0; i < index_total(ix); i++) {
		buf_truncate(&row, 0);
		page_index_key(r.st, rows[i].t, rows[i].a, &row);
		n += search_text(row.data, row.len, folded, flen, &hits) > 0;
		free(hits);
	}
	buf_free(&row);
	free(folded);
	index_free(ix);
	return n;
}

/* A character typed narrows the last result: it reads only the rows
 * that one kept; Backspace goes back to the result before without
 * reading a row; no row is folded twice. */
Test(reader, index_filter_narrows_and_widens)
{
	static const char *const typed[] = {
		"b", "br", "bra", "bran", "bra", "br", "bre", "b", "", "L",
		"LE", "LEW", "LE", "L", "",
	};
	struct index *ix = index_new(r.st);
	size_t i, n, folded, read, before, last = index_total(ix);

	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		index_cost(ix, &folded, &before);
		index_filter(ix, typed[i], &n);
		index_cost(ix, &folded, &read);
		cr_expect_eq(n, *typed[i] ? index_brute(typed[i]) :
		    index_total(ix), "\"%s\"", typed[i]);
		if (i > 0 && strlen(typed[i]) > strlen(typed[i - 1]))
			cr_expect_eq(read - before, *typed[i - 1] ? last :
			    index_total(ix), "\"%s\" read %zu rows",
			    typed[i], read - before);
		else if (i > 0 && strlen(typed[i]) < strlen(typed[i - 1]))
			cr_expect_eq(read, before, "Backspace read rows");
		cr_expect_eq(folded, index_total(ix), "rows folded again");
		last = n;
	}
	index_free(ix);
}

Test(reader, disputes_are_visible)
{
	const struct story *st = r.st;
	struct page *p;
	size_t c, i;
	bool heading = false, row = false;

	reader_open_relations(&r);
	p = r.pages[0];
	for (i = 0; i < p->n; i++) {
		heading = heading || strncmp(p->entries[i].text, "Disputes (",
		    10) == 0;
		row = row || (strstr(p->entries[i].text, ") disputes ") &&
		    p->entries[i].target == TARGET_CLAIM);
	}
	cr_expect(heading && row);
	for (c = 0; c < st->nclaims && st->claims[c].disputed_by.n == 0; c++)
		;
	cr_assert_lt(c, st->nclaims, "the seed has a disputed claim");
	reader_open_claim(&r, c);
	p = r.pages[1];
	for (i = 0, row = false; i < p->n; i++)
		row = row || (p->entries[i].target == TARGET_CLAIM &&
		    strstr(p->entries[i].text, ", by ") != NULL);
	cr_expect(row, "Disputed by names the claimants");
}

Test(reader, search_on_a_page)
{
	struct page *p;

	reader_open_actor(&r, 0);
	p = r.pages[0];
	reader_page_search(&r, "claims ABOUT", 12);
	cr_assert_neq(p->hit, NONE);
	cr_expect(strstr(p->entries[p->hit].text, "Claims about") != NULL);
	reader_page_search_step(&r, true);
	cr_expect(strstr(p->entries[p->hit].text, "Claims about") != NULL,
	    "one match: n wraps to it");
	cr_expect(strstr(r.notice, "wrapped") != NULL);
	reader_page_search(&r, "zzzz", 4);
	cr_expect_eq(p->hit, NONE);
	cr_expect(strncmp(r.notice, "not found", 9) == 0);
}

Test(reader, highlight_hidden_and_shown)
{
	reader_search(&r, "huawei", 6);
	cr_expect(r.highlight);
	reader_clear_highlight(&r);
	cr_expect(!r.highlight);
	reader_search_step(&r, true);
	cr_expect(r.highlight);
}

Test(reader, copy_a_quote_with_its_citation)
{
	size_t item;
	char *c;

	reader_jump_kind(&r, ITEM_QUOTE, true);
	item = reader_copy_item(&r);
	cr_assert_eq(item, r.focus);
	c = reader_citation(&r, item);
	cr_expect(strstr(c, "relatively soon") && strstr(c, "Brandon Lewis") &&
	    strstr(c, "Huawei ban") && strstr(c, "2020-01-12"), "%s", c);
	free(c);
	reader_bottom(&r);
	cr_expect_eq(reader_copy_item(&r), NONE, "off the screen");
}

Test(empty, a_citation_is_sanitised)
{
	static const char xml[] = "<story version=\"1\"><head><headline>"
	    "H&#x202E;x</headline></head><actors><actor id=\"a\" "
	    "kind=\"person\"><name>A</name></actor></actors><body><p>"
	    "<quote id=\"q\" speaker=\"a\">say&#x202E;it&#x9b;</quote></p>"
	    "</body></story>";
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(xml, sizeof xml - 1, "e.xml", NULL, &d);
	struct reader e;
	char *c;

	cr_assert_not_null(st);
	reader_init(&e, st, NULL);
	c = reader_citation(&e, 0);
	cr_expect_null(strstr(c, "\xe2\x80\xae"), "a bidi override: %s", c);
	cr_expect_null(strstr(c, "\xc2\x9b"), "a C1 control: %s", c);
	cr_expect(strstr(c, "say") != NULL);
	free(c);
	reader_free(&e);
	diag_free(&d);
}

/* ---- edit mode's cursor and selection (view/cursor.h) ------------- */

#include "base/buf.h"
#include "view/cursor.h"

/* A story of its own for the cursor: clusters of several code points,
 * sentences, a mention inside a claim, two paragraphs. */
static void
cursor_story(void)
{
	static const char xml[] =
	    "<story version=\"1\"><head><headline>H</headline></head>"
	    "<actors><actor id=\"z\" kind=\"person\"><name>Zoe</name></actor>"
	    "</actors><body>"
	    "<p>Zoe\xcc\x81 said: \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
	    "fine. <claim id=\"c1\" by=\"z\"><mention actor=\"z\">Brandon "
	    "Lewis</mention> told us</claim> today! Next (one) here.</p>"
	    "<p>Second block, word_two end.</p></body></story>";
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(xml, sizeof xml - 1, "c.xml", NULL, &d);

	diag_free(&d);
	cr_assert_not_null(st);
	reader_free(&r);
	reader_init(&r, st, NULL);
	reader_resize(&r, 75, 18);
	cursor_start(&r);
}

/* The byte where `what` starts in block b. */
static size_t
at_text(size_t b, const char *what)
{
	const char *p = strstr(r.st->blocks[b].text, what);

	cr_assert_not_null(p, "no \"%s\" in block %zu", what, b);
	return (size_t)(p - r.st->blocks[b].text);
}

static void
expect_cursor(size_t b, const char *what)
{
	cr_expect_eq(r.cur.block, b, "cursor in block %zu, not %zu",
	    r.cur.block, b);
	cr_expect_eq(r.cur.at, at_text(b, what), "cursor at \"%s\", not at "
	    "\"%s\"", r.st->blocks[r.cur.block].text + r.cur.at, what);
}

static void
expect_selection(const char *want)
{
	size_t b, s, e;

	cr_assert(cursor_selection(&r, &b, &s, &e), "no selection");
	cr_expect(e - s == strlen(want) &&
	    memcmp(r.st->blocks[b].text + s, want, e - s) == 0,
	    "selected \"%.*s\", not \"%s\"", (int)(e - s),
	    r.st->blocks[b].text + s, want);
}

Test(reader, cursor_starts_at_the_top_and_h_l_go_by_cluster)
{
	cursor_story();
	cr_expect(r.cur.on);
	expect_cursor(0, "Zoe");
	cursor_move(&r, CURSOR_RIGHT, 2);
	expect_cursor(0, "e\xcc\x81");
	/* e and its combining acute are one step. */
	cursor_move(&r, CURSOR_RIGHT, 1);
	expect_cursor(0, " said");
	cursor_move(&r, CURSOR_LEFT, 1);
	expect_cursor(0, "e\xcc\x81");
	/* The family emoji, three code points and two joiners, is one. */
	cursor_set(&r, 0, at_text(0, ": ") + 2);
	cursor_move(&r, CURSOR_RIGHT, 1);
	expect_cursor(0, " fine");
	cursor_move(&r, CURSOR_LEFT, 1);
	expect_cursor(0, "\xf0\x9f\x91\xa9");
	/* A click inside the cluster lands on its start. */
	cursor_set(&r, 0, at_text(0, "\xe2\x80\x8d"));
	expect_cursor(0, "\xf0\x9f\x91\xa9");
	/* h at the start of a block does not leave it. */
	cursor_set(&r, 1, 0);
	cr_expect_not(cursor_move(&r, CURSOR_LEFT, 1));
	expect_cursor(1, "Second");
}

Test(reader, cursor_words_w_b_e)
{
	cursor_story();
	cursor_move(&r, CURSOR_WORD_NEXT, 1);
	expect_cursor(0, "said");
	/* Punctuation is a word of its own, as in vi. */
	cursor_move(&r, CURSOR_WORD_NEXT, 1);
	expect_cursor(0, ": ");
	cursor_move(&r, CURSOR_WORD_NEXT, 2);
	expect_cursor(0, "fine");
	cursor_move(&r, CURSOR_WORD_PREV, 1);
	expect_cursor(0, "\xf0\x9f\x91\xa9");
	cursor_move(&r, CURSOR_WORD_PREV, 2);
	expect_cursor(0, "said");
	cursor_move(&r, CURSOR_WORD_END, 1);
	expect_cursor(0, "d: ");
	cursor_set(&r, 0, 0);
	cursor_move(&r, CURSOR_WORD_END, 1);
	expect_cursor(0, "e\xcc\x81 said");
	/* w at a block's last word goes on into the next block, b back. */
	cursor_set(&r, 0, at_text(0, "here."));
	cursor_move(&r, CURSOR_WORD_NEXT, 2);
	expect_cursor(1, "Second");
	cursor_move(&r, CURSOR_WORD_PREV, 1);
	cr_expect_eq(r.cur.at, r.st->blocks[0].len - 1);
	/* An underscore joins a word. */
	cursor_set(&r, 1, at_text(1, "word_two"));
	cursor_move(&r, CURSOR_WORD_NEXT, 1);
	expect_cursor(1, "end");
	/* The focus follows the cursor: the innermost item under it. */
	cursor_set(&r, 0, at_text(0, "Lewis"));
	cr_assert_neq(r.focus, NONE);
	cr_expect_eq(r.st->items[r.focus].kind, ITEM_MENTION);
	cursor_move(&r, CURSOR_WORD_NEXT, 1);
	cr_expect_eq(r.st->items[r.focus].kind, ITEM_CLAIM);
}

Test(reader, cursor_sentences_and_block_ends)
{
	cursor_story();
	cursor_move(&r, CURSOR_SENTENCE_NEXT, 1);
	expect_cursor(0, "Brandon");
	cursor_move(&r, CURSOR_SENTENCE_NEXT, 1);
	expect_cursor(0, "Next");
	cursor_move(&r, CURSOR_SENTENCE_NEXT, 1);
	expect_cursor(1, "Second");
	cursor_move(&r, CURSOR_SENTENCE_PREV, 1);
	expect_cursor(0, "Next");
	/* From inside a sentence, ( goes to its start first. */
	cursor_set(&r, 0, at_text(0, "told"));
	cursor_move(&r, CURSOR_SENTENCE_PREV, 1);
	expect_cursor(0, "Brandon");
	cursor_move(&r, CURSOR_SENTENCE_PREV, 1);
	expect_cursor(0, "Zoe");
	cursor_move(&r, CURSOR_BLOCK_END, 1);
	cr_expect_eq(r.cur.at, r.st->blocks[0].len - 1);
	cursor_move(&r, CURSOR_BLOCK_START, 1);
	expect_cursor(0, "Zoe");
}

Test(reader, cursor_selects_within_a_block)
{
	cursor_story();
	cursor_set(&r, 0, at_text(0, "Brandon"));
	/* At the start of the focused item, v selects the item. */
	cursor_visual(&r);
	expect_selection("Brandon Lewis");
	/* v again: the item around it. */
	cursor_visual(&r);
	expect_selection("Brandon Lewis told us");
	cr_expect_eq(r.st->items[r.focus].kind, ITEM_CLAIM);
	cursor_visual(&r);
	cr_expect_not(cursor_selection(&r, &(size_t){0}, &(size_t){0},
	    &(size_t){0}), "a third v ends it");
	/* Elsewhere v starts at the cursor and motions extend it. */
	cursor_set(&r, 0, at_text(0, "said"));
	cursor_visual(&r);
	expect_selection("s");
	cursor_move(&r, CURSOR_WORD_END, 1);
	expect_selection("said");
	cursor_move(&r, CURSOR_WORD_END, 1);
	expect_selection("said:");
	/* Backwards from the anchor too. */
	cursor_move(&r, CURSOR_WORD_PREV, 3);
	expect_selection("Zoe\xcc\x81 s");
	/* A selection does not leave its block. */
	cursor_move(&r, CURSOR_BLOCK_END, 1);
	cr_expect_not(cursor_move(&r, CURSOR_WORD_NEXT, 1));
	cr_expect_not(cursor_move(&r, CURSOR_DOWN, 5));
	cr_expect_eq(r.cur.block, 0);
	cr_expect(strstr(r.notice, "within its paragraph") != NULL);
	/* A drag selects from the press to the release. */
	cursor_drag(&r, 1, at_text(1, "block"), at_text(1, "word") + 2);
	expect_selection("block, wor");
	cursor_drag(&r, 1, 3, 3);
	cr_expect_not(r.cur.selecting, "a click is no selection");
}

Test(reader, cursor_status_says_edit_and_the_selection)
{
	char *s;

	cursor_story();
	s = cursor_status(&r, false);
	cr_expect(strncmp(s, "-- EDIT -- ", 11) == 0, "%s", s);
	free(s);
	cursor_set(&r, 0, at_text(0, "Lewis"));
	s = cursor_status(&r, true);
	cr_expect(strstr(s, "-- EDIT -- [+] Mention") == s, "%s", s);
	free(s);
	cursor_visual(&r);
	cursor_move(&r, CURSOR_WORD_END, 2);
	s = cursor_status(&r, true);
	cr_expect(strstr(s, "selected in paragraph 1: Lewis told") != NULL,
	    "%s", s);
	free(s);
}

Test(reader, cursor_up_down_keep_the_column_and_the_screen)
{
	size_t col;

	reader_resize(&r, 30, 6);
	cursor_start(&r);
	cr_expect_eq(r.cur.block, 0);
	cursor_move(&r, CURSOR_WORD_NEXT, 2);
	col = r.cur.at;
	cursor_move(&r, CURSOR_DOWN, 1);
	cr_expect_eq(cursor_row(&r).line, 1);
	cursor_move(&r, CURSOR_UP, 1);
	cr_expect_eq(r.cur.at, col, "back to the same column");
	/* j goes over the blank row into the next block, and the screen
	 * follows the cursor. */
	cursor_move(&r, CURSOR_DOWN, 40);
	cr_expect(reader_row_shown(&r, cursor_row(&r)));
	cr_expect_gt(r.cur.block, 1);
	/* Scrolling brings a cursor it left onto the screen. */
	reader_top(&r);
	cursor_keep_on_screen(&r);
	cr_expect(reader_row_shown(&r, cursor_row(&r)));
	cr_expect_eq(r.cur.block, 0);
	reader_scroll(&r, 20);
	cursor_keep_on_screen(&r);
	cr_expect(reader_row_shown(&r, cursor_row(&r)));
	/* Tab puts the cursor on the item it focuses. */
	reader_focus_step(&r, true);
	cursor_to_item(&r, r.focus);
	cr_expect_eq(r.cur.at, r.st->items[r.focus].start);
}

/* A sentence motion in one paragraph of 4 MB without a full stop costs
 * what it reads, never the paragraph. */
Test(reader, cursor_motions_cost_what_they_read)
{
	struct buf xml = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct story *st;
	size_t i;

	buf_puts(&xml, "<story version=\"1\"><head><headline>H</headline>"
	    "</head><body><p>");
	for (i = 0; i < 4 * 1024 * 1024 / 8; i++)
		buf_puts(&xml, "abc def ");
	buf_puts(&xml, "</p></body></story>");
	st = load_memory(xml.data, xml.len, "big.xml", NULL, &d);
	buf_free(&xml);
	diag_free(&d);
	cr_assert_not_null(st);
	reader_free(&r);
	reader_init(&r, st, NULL);
	reader_resize(&r, 75, 18);
	cursor_start(&r);
	cursor_move(&r, CURSOR_BLOCK_END, 1);
	r.cost->steps = 0;
	cursor_move(&r, CURSOR_SENTENCE_PREV, 1);
	cr_expect_lt(r.st->blocks[0].len - r.cur.at, 2 * CURSOR_SCAN_MAX);
	cr_expect_gt(r.cur.at, 0, "stopped where it had read to");
	cr_expect_lt(r.cost->steps, 5000, "%zu steps", r.cost->steps);
	r.cost->steps = 0;
	cursor_move(&r, CURSOR_SENTENCE_NEXT, 1);
	cursor_move(&r, CURSOR_WORD_PREV, 5);
	cursor_move(&r, CURSOR_LEFT, 5);
	cr_expect_lt(r.cost->steps, 5000, "%zu steps", r.cost->steps);
}

/* ---- places found again after an edit (view/anchor.h) -------------- */

#include "model/edit.h"
#include "view/anchor.h"

static void
apply(struct edit *e)
{
	struct edit inv;
	char *why = NULL;

	cr_assert(edit_apply(r.st, e, &inv, &why), "refused: %s", why);
	edit_free(&inv);
}

Test(reader, places_are_found_again_after_an_edit)
{
	size_t b = 8, focus, claim, n;
	const char *t = r.st->blocks[b].text, *w = strstr(t, "greater clarity");
	struct edit e;
	struct anchors *a;

	/* Block 9 ("But the firms have called for greater clarity..."):
	 * the focus on its last item, a claim's card open, one place in
	 * the history. */
	cr_assert_not_null(w);
	focus = r.st->blocks[b].first_item + r.st->blocks[b].nitems - 1;
	claim = 0;
	reader_focus(&r, focus, true);
	reader_focus(&r, 0, true);
	reader_focus(&r, focus, false);
	reader_open_claim(&r, claim);
	reader_open_actor(&r, story_find_actor(r.st, "huawei"));
	cr_assert_eq(r.nback, 2);
	/* A mention added before the focus, in its block, shifts every
	 * item after it by one. */
	a = anchor_save(&r);
	memset(&e, 0, sizeof e);
	e.op = EDIT_ITEM_ADD;
	e.block = b;
	e.start = (size_t)(w - t);
	e.end = e.start + strlen("greater clarity");
	e.kind = ITEM_MENTION;
	e.attrs.actor = "huawei";
	apply(&e);
	anchor_restore(&r, a);
	cr_expect_eq(r.focus, focus + 1, "the focus is the same item");
	cr_expect_eq(r.st->items[r.focus].block, b);
	cr_assert_eq(r.npages, 2);
	cr_expect_eq(r.pages[0]->kind, PAGE_CLAIM);
	cr_expect_eq(r.pages[1]->kind, PAGE_ACTOR);
	cr_expect_str_eq(r.st->actors[r.pages[1]->a].id, "huawei");
	cr_expect_eq(r.back[1].focus, focus + 1, "history's too");
	/* The focused item removed: no focus; its claim's card closes. */
	reader_close_page(&r);
	reader_close_page(&r);
	n = r.st->nitems;
	reader_focus(&r, focus + 1, false);
	cr_assert_eq(r.st->items[r.focus].kind, ITEM_CLAIM);
	reader_open_claim(&r, r.st->items[r.focus].ref);
	a = anchor_save(&r);
	memset(&e, 0, sizeof e);
	e.op = EDIT_ITEM_REMOVE;
	e.block = b;
	e.start = r.st->items[r.focus].start;
	e.end = r.st->items[r.focus].end;
	e.kind = ITEM_CLAIM;
	apply(&e);
	anchor_restore(&r, a);
	cr_expect_eq(r.st->nitems, n - 1);
	cr_expect_eq(r.focus, NONE);
	cr_expect_eq(r.npages, 0, "the card of a claim that is gone closes");
}

Test(reader, hiding_matches_without_a_search_says_so)
{
	/* Escape in the article before any search: nothing was shown, so
	 * "matches hidden: n or N shows them again" would be untrue (n
	 * then says "no search yet"). */
	reader_clear_highlight(&r);
	cr_assert_not_null(r.notice);
	cr_expect(strstr(r.notice, "matches hidden") == NULL, "%s", r.notice);
	cr_expect(strstr(r.notice, "no search") != NULL, "%s", r.notice);
}

/* The filter reads every name whole, where the row's "who" column cuts
 * them: "spokesperson" finds the Government spokesperson's claim,
 * quote and actor, "donald trump" the claim of "United States, Donald
 * Trump" (the column showed "Government spokesper" and "United
 * States, Donal", which the filter read). */
Test(reader, index_filter_reads_names_whole)
{
	struct index *ix = index_new(r.st);
	const struct index_row *rows = index_rows(ix);
	const size_t *keep;
	struct buf row = BUF_INIT;
	size_t i, n;
	bool c5 = false;

	index_filter(ix, "spokesperson", &n);
	cr_expect_eq(n, 3, "claim c17, quote q2, the actor: %zu rows", n);
	keep = index_filter(ix, "donald trump", &n);
	for (i = 0; i < n; i++) {
		buf_truncate(&row, 0);
		page_index_row(r.st, rows[keep[i]].t, rows[keep[i]].a, &row);
		c5 |= strstr(row.data, " c5: ") != NULL;
	}
	cr_expect(c5, "c5, by United States and Donald Trump, not kept");
	buf_free(&row);
	index_free(ix);
}

/* The "who" column holds whole names: those that fit, then "+N" for
 * the others; never a name cut inside a word. */
Test(reader, index_who_column_keeps_whole_names)
{
	struct index *ix = index_new(r.st);
	const struct index_row *rows = index_rows(ix);
	struct buf row = BUF_INIT;
	size_t i;
	bool c5 = false;

	for (i = 0; i < index_total(ix); i++) {
		buf_truncate(&row, 0);
		page_index_row(r.st, rows[i].t, rows[i].a, &row);
		cr_expect(strstr(row.data, "Donal ") == NULL &&
		    strstr(row.data, "spokesper ") == NULL &&
		    strstr(row.data, "Kingdo ") == NULL, "%s", row.data);
		if (strstr(row.data, " c5: ") != NULL) {
			c5 = true;
			cr_expect(strstr(row.data, "United States +1 ") != NULL,
			    "%s", row.data);
		}
	}
	cr_expect(c5);
	buf_free(&row);
	index_free(ix);
}
