/* test_shelf.c - the library session without a terminal: the list, its
 * order and filter, opening and going back, broken stories, "Read
 * more" items across stories, an actor's other stories, the library's
 * search and n / N, the log and the actors view.  The library is a fake
 * source of four rows over files of the source tree. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "view/shelf.h"

enum { ROW_A, ROW_B, ROW_HUAWEI, ROW_BROKEN, NROWS };

static char paths[NROWS][4096];
static struct shelf sh;
static struct reader live;
/* What the fake source answers for "Read more" items. */
static size_t related_to = ROW_B;
static bool related_title = true;

static size_t
fake_search(void *ctx, const char *needle, struct shelf_hit **out)
{
	struct shelf_hit *v = xcalloc(3, sizeof *v);

	(void)ctx;
	if (strcmp(needle, "the") != 0) {
		*out = v;
		return 0;
	}
	/* "the": two in the Huawei story (paragraphs 1 and 5), one in A. */
	v[0].row = ROW_HUAWEI;
	v[0].block = 0;
	v[1].row = ROW_HUAWEI;
	v[1].block = 4;
	v[2].row = ROW_A;
	v[2].block = 0;
	v[0].context = xstrdup("to block Huawei from building");
	v[0].hl_start = 9;
	v[0].hl_end = 15;
	v[1].context = xstrdup("whether Huawei \x1b[31m will");
	v[1].hl_start = 8;
	v[1].hl_end = 14;
	v[2].context = xstrdup("the council");
	*out = v;
	return 3;
}

static size_t
fake_related(void *ctx, size_t row, const struct story *st, size_t rel,
    bool *by_title)
{
	(void)ctx;
	(void)row;
	(void)st;
	(void)rel;
	*by_title = related_title;
	return related_to;
}

static size_t
fake_path_row(void *ctx, const char *path)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < NROWS; i++)
		if (strcmp(paths[i], path) == 0)
			return i;
	return NONE;
}

/* The Huawei story's actors are in row A too, under other ids. */
static size_t
fake_actor_refs(void *ctx, size_t row, const struct story *st, size_t a,
    struct shelf_ref **out)
{
	struct shelf_ref *v = xcalloc(1, sizeof *v);

	(void)ctx;
	*out = v;
	if (row != ROW_HUAWEI || strcmp(st->actors[a].id, "huawei") != 0)
		return 0;
	v[0].row = ROW_HUAWEI;	/* as if a second copy of it */
	v[0].actor = xstrdup("uk");
	v[0].mentions = 3;
	return 1;
}

static size_t
fake_actors(void *ctx, struct shelf_actor **out)
{
	struct shelf_actor *v = xcalloc(2, sizeof *v);

	(void)ctx;
	v[0].name = xstrdup("United States");
	v[0].parent = NONE;
	v[0].nstories = 2;
	v[0].nmentions = 14;
	v[1].name = xstrdup("NSA");
	v[1].parent = 0;
	v[1].depth = 1;
	v[1].nstories = 1;
	v[1].nmentions = 1;
	*out = v;
	return 2;
}

static size_t
fake_actor_rows(void *ctx, size_t actor, struct shelf_ref **out)
{
	struct shelf_ref *v = xcalloc(1, sizeof *v);

	(void)ctx;
	(void)actor;
	v[0].row = ROW_HUAWEI;
	v[0].actor = xstrdup("nsa");
	v[0].mentions = 1;
	*out = v;
	return 1;
}

static void
add(size_t i, const char *file, const char *when, const char *headline,
    const char *source, unsigned long long size, const char *broken)
{
	const char *dir = getenv("TESTDIR");
	struct shelf_row r;

	snprintf(paths[i], sizeof paths[i], "%s/%s", dir ? dir : "tests", file);
	memset(&r, 0, sizeof r);
	r.path = paths[i];
	r.when = (char *)when;
	r.headline = (char *)headline;
	r.source = (char *)source;
	r.size = size;
	r.nactors = i;
	r.broken = (char *)broken;
	shelf_add_row(&sh, &r);
}

static void
setup(void)
{
	struct shelf_source src;
	struct load_opts load = { LOAD_MAX_SIZE_DEFAULT };

	memset(&src, 0, sizeof src);
	src.search = fake_search;
	src.related = fake_related;
	src.path_row = fake_path_row;
	src.actor_refs = fake_actor_refs;
	src.actors = fake_actors;
	src.actor_rows = fake_actor_rows;
	related_to = ROW_B;
	related_title = true;
	memset(&live, 0, sizeof live);
	shelf_init(&sh, &src, &load, true);
	add(ROW_A, "data/linked-a.xml", "2020-01-10", "First story: the "
	    "council meets", "Gazette", 300, NULL);
	add(ROW_B, "data/linked-b.xml", "2020-01-11", "Second story: the vote",
	    "Courier", 200, NULL);
	add(ROW_HUAWEI, "../data/huawei-2020-01-12.xml", "2020-01-12",
	    "US officials to hold last-ditch talks", "City A.M.", 9000, NULL);
	add(ROW_BROKEN, "bad/missing.xml", "", "", "", 10,
	    "bad.xml:3: no such id \x1b[2J'x'");
	shelf_add_log(&sh, "fifo.xml: skipped: not a regular file \x1b]0;x\a");
	shelf_ready(&sh);
	shelf_resize(&sh, 70, 20);
}

static void
teardown(void)
{
	shelf_free(&sh, &live);
}

TestSuite(shelf, .init = setup, .fini = teardown);

static size_t
row_at(size_t i)
{
	const struct shelf_row *r = shelf_list_row(&sh, i);

	cr_assert_not_null(r, "no row %zu", i);
	return (size_t)(r - sh.rows);
}

static size_t
cursor(void)
{
	return shelf_top(&sh)->sel;
}

Test(shelf, newest_first_and_every_order_in_turn)
{
	cr_assert_eq(shelf_count(&sh), NROWS);
	cr_expect_eq(row_at(0), ROW_HUAWEI);
	cr_expect_eq(row_at(1), ROW_B);
	cr_expect_eq(row_at(2), ROW_A);
	cr_expect_eq(row_at(3), ROW_BROKEN, "undated last");
	shelf_move(&sh, 1, 20);			/* on B */
	shelf_sort_next(&sh);			/* headline */
	cr_expect_eq(sh.order, SHELF_BY_HEADLINE);
	cr_expect_eq(row_at(0), ROW_A);
	cr_expect_eq(row_at(1), ROW_B);
	cr_expect_eq(row_at(3), ROW_BROKEN, "no headline: last");
	cr_expect_eq(row_at(cursor()), ROW_B, "the cursor stays on its row");
	shelf_sort_next(&sh);			/* source */
	cr_expect_eq(row_at(0), ROW_HUAWEI);	/* City A.M. */
	cr_expect_eq(row_at(1), ROW_B);		/* Courier */
	cr_expect_eq(row_at(2), ROW_A);		/* Gazette */
	cr_expect_eq(row_at(3), ROW_BROKEN, "no source: last");
	shelf_sort_next(&sh);			/* size */
	cr_expect_eq(row_at(0), ROW_HUAWEI);
	cr_expect_eq(row_at(1), ROW_A);
	cr_expect_eq(row_at(cursor()), ROW_B);
	cr_expect_str_eq(sh.notice, "sorted by size, largest first");
	shelf_sort_next(&sh);
	cr_expect_eq(sh.order, SHELF_BY_DATE, "round to the date again");
}

Test(shelf, filter_by_headline_and_source_as_typed)
{
	shelf_filter(&sh, "STORY");
	cr_expect_eq(shelf_count(&sh), 2);
	shelf_filter(&sh, "story: the v");
	cr_expect_eq(shelf_count(&sh), 1);
	cr_expect_eq(row_at(0), ROW_B);
	shelf_filter(&sh, "gazette");
	cr_expect_eq(shelf_count(&sh), 1, "the source too");
	cr_expect_eq(row_at(0), ROW_A);
	shelf_filter(&sh, "nothing holds this");
	cr_expect_eq(shelf_count(&sh), 0);
	cr_expect_null(shelf_list_row(&sh, 0));
	shelf_filter(&sh, "");
	cr_expect_eq(shelf_count(&sh), NROWS);
}

Test(shelf, open_a_story_and_back_to_the_cursor)
{
	char pos[64];

	shelf_move(&sh, 2, 20);				/* A */
	cr_assert(shelf_follow(&sh, &live));
	cr_assert(shelf_reading(&sh));
	cr_expect_str_eq(live.st->headline, "First story: the council meets");
	cr_expect_eq(live.links, &sh.links);
	shelf_position(&sh, pos, sizeof pos);
	cr_expect_str_eq(pos, "story 3 of 4");
	cr_assert(shelf_back(&sh, &live));
	cr_expect(!shelf_reading(&sh));
	cr_expect_null(live.st, "the story is closed");
	cr_expect_eq(cursor(), 2, "the cursor where it was");
	cr_expect(!shelf_back(&sh, &live), "the list is the bottom");
}

Test(shelf, a_broken_story_is_listed_not_opened)
{
	struct buf b = BUF_INIT;

	shelf_move(&sh, 3, 20);
	cr_expect_eq(row_at(cursor()), ROW_BROKEN);
	cr_expect_not_null(sh.rows[ROW_BROKEN].broken);
	cr_expect_null(strchr(sh.rows[ROW_BROKEN].broken, '\x1b'),
	    "its message sanitised");
	cr_expect(!shelf_follow(&sh, &live));
	cr_expect(!shelf_reading(&sh));
	cr_expect_not_null(strstr(sh.notice, "broken, cannot be opened"));
	cr_expect_not_null(strstr(sh.notice, "no such id"));
	shelf_title(&sh, &b);
	cr_expect_not_null(strstr(b.data, "1 file skipped"));
	buf_free(&b);
}

/* Opens row's story and its "Read more" item rel's card. */
static struct page *
related_card(size_t row, size_t rel)
{
	shelf_move(&sh, (long)sh.place[row], 20);
	cr_assert(shelf_follow(&sh, &live));
	reader_open_related(&live, rel);
	cr_assert_eq(live.npages, 1);
	return live.pages[0];
}

static size_t
entry_with(const struct page *p, const char *text)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->entries[i].text && strstr(p->entries[i].text, text))
			return i;
	return NONE;
}

Test(shelf, read_more_by_headline_and_back_to_the_item)
{
	struct page *p = related_card(ROW_A, 0);
	size_t e = entry_with(p, "Open the story: Second story: the vote");

	cr_assert_neq(e, NONE, "the card names the story it leads to");
	cr_expect_eq(p->entries[e].target, TARGET_LIBRARY);
	cr_expect_neq(entry_with(p, "by its headline"), NONE,
	    "and how it was found");
	p->sel = e;
	cr_expect_null(reader_follow(&live));
	cr_assert_eq(live.open_row, ROW_B);
	cr_assert(shelf_follow_card(&sh, &live));
	cr_expect_str_eq(live.st->headline, "Second story: the vote");
	cr_assert(shelf_back(&sh, &live));
	cr_expect_str_eq(live.st->headline, "First story: the council meets",
	    "back in the story one came from");
	cr_assert_eq(live.npages, 1, "on the card one came from");
	cr_expect_eq(live.pages[0]->kind, PAGE_RELATED);
	cr_expect_eq(live.pages[0]->a, 0);
}

Test(shelf, read_more_with_no_story_in_the_library)
{
	struct page *p;

	related_to = NONE;
	p = related_card(ROW_A, 0);
	cr_expect_neq(entry_with(p, "No story in the library"), NONE);
	cr_expect_eq(entry_with(p, "Open the story"), NONE);
}

Test(shelf, an_actor_s_other_stories_open_at_its_first_mention)
{
	struct page *p;
	size_t e, a, uk;

	shelf_move(&sh, (long)sh.place[ROW_HUAWEI], 20);
	cr_assert(shelf_follow(&sh, &live));
	for (a = 0; strcmp(live.st->actors[a].id, "huawei") != 0; a++)
		;
	reader_open_actor(&live, a);
	p = live.pages[0];
	cr_assert_neq(entry_with(p, "In 1 other story"), NONE);
	e = entry_with(p, "(3 mentions)");
	cr_assert_neq(e, NONE);
	cr_expect_eq(p->entries[e].target, TARGET_LIBRARY);
	p->sel = e;
	reader_follow(&live);
	cr_assert(shelf_follow_card(&sh, &live));
	for (uk = 0; strcmp(live.st->actors[uk].id, "uk") != 0; uk++)
		;
	cr_expect_eq(live.focus, story_ix(live.st, live.st->actors[uk].mentions)[0],
	    "the focus on its first mention there");
	cr_expect_eq(sh.nframes, 3);
}

Test(shelf, search_across_the_library_and_n_across_stories)
{
	struct buf b = BUF_INIT;
	size_t hs, he;

	shelf_search(&sh, "the");
	cr_assert_eq(shelf_top(&sh)->kind, SHELF_RESULTS);
	cr_assert_eq(shelf_count(&sh), 3);
	shelf_entry(&sh, 0, 200, &b, &hs, &he);
	cr_expect_not_null(strstr(b.data, "\xc2\xb6" "1: to block Huawei"));
	cr_expect_eq(he - hs, 6);
	cr_expect_eq(strncmp(b.data + hs, "Huawei", 6), 0, "the match marked");
	buf_truncate(&b, 0);
	shelf_entry(&sh, 1, 200, &b, &hs, &he);
	cr_expect_null(strchr(b.data, '\x1b'), "contexts sanitised");
	buf_free(&b);
	cr_assert(shelf_follow(&sh, &live));
	cr_expect_eq(live.hit.block, 0, "at the match");
	cr_expect_eq(live.nback, 0, "opened at the match: no jump to go back");
	cr_assert(shelf_step_hit(&sh, &live, true));
	cr_expect_eq(live.hit.block, 4, "n: the next result, same story");
	cr_expect_eq(live.nback, 0, "a step through the results, no jump");
	cr_assert(shelf_step_hit(&sh, &live, true));
	cr_expect_str_eq(live.st->headline, "First story: the council meets",
	    "n: the next result, in the next story");
	cr_expect_eq(shelf_story_row(&sh), ROW_A);
	cr_assert(shelf_step_hit(&sh, &live, false));
	cr_expect_eq(shelf_story_row(&sh), ROW_HUAWEI, "N: back again");
	cr_expect_eq(live.hit.block, 4);
	cr_assert(shelf_back(&sh, &live));
	cr_expect_eq(shelf_top(&sh)->kind, SHELF_RESULTS,
	    "Back: the results, not each story stepped through");
	cr_expect_eq(cursor(), 1, "on the result last opened");
}

Test(shelf, n_after_a_search_of_one_s_own_is_the_story_s)
{
	shelf_search(&sh, "the");
	cr_assert(shelf_follow(&sh, &live));
	reader_search(&live, "talks", 5);
	cr_expect(!shelf_step_hit(&sh, &live, true));
}

Test(shelf, log_and_actors)
{
	struct buf b = BUF_INIT;
	size_t hs, he;
	int indent;

	shelf_open_log(&sh);
	cr_assert_eq(shelf_count(&sh), 1);
	shelf_entry(&sh, 0, 80, &b, &hs, &he);
	cr_expect_not_null(strstr(b.data, "fifo.xml: skipped"));
	cr_expect_null(strchr(b.data, '\x1b'));
	cr_assert(shelf_back(&sh, &live));
	shelf_open_actors(&sh);
	cr_assert_eq(shelf_count(&sh), 2);
	buf_truncate(&b, 0);
	indent = shelf_entry(&sh, 1, 80, &b, &hs, &he);
	cr_expect_str_eq(b.data, "NSA  (1 story, 1 mention)");
	cr_expect_gt(indent, 0, "under the one it is a member of");
	shelf_move(&sh, 1, 20);
	cr_expect(!shelf_follow(&sh, &live), "its stories, not a story yet");
	cr_assert_eq(shelf_top(&sh)->kind, SHELF_REFS);
	cr_assert(shelf_follow(&sh, &live));
	cr_expect_eq(shelf_story_row(&sh), ROW_HUAWEI);
	cr_expect_neq(live.focus, NONE, "at the actor's first mention");
	buf_free(&b);
}

Test(shelf, one_story_alone_is_the_bottom)
{
	struct shelf one;
	struct shelf_source none;
	struct load_opts load = { LOAD_MAX_SIZE_DEFAULT };
	struct reader r;

	memset(&none, 0, sizeof none);
	shelf_init(&one, &none, &load, false);
	shelf_ready(&one);
	memset(&r, 0, sizeof r);
	cr_assert(shelf_open(&one, NONE, paths[ROW_A], &r, NULL, NULL, 0, 0));
	cr_expect_null(r.links, "no library behind its cards");
	cr_assert(shelf_open(&one, NONE, paths[ROW_B], &r, NULL, NULL, 0, 0));
	cr_assert(shelf_back(&one, &r));
	cr_expect_str_eq(r.st->headline, "First story: the council meets");
	cr_expect(!shelf_back(&one, &r), "the first story is the bottom");
	shelf_free(&one, &r);
	cr_expect_null(r.st);
}
