/* test_views.c - valid stories built to swamp the reader's views and
 * --dump: a member-of chain as long as the story, a claim that pairs
 * thousands of claimants with thousands of subjects (tests/hostile/
 * README has the table).  The views are built headless, in-process; a
 * 1 MiB stack stands for `ulimit -s 1024`. */
#include "config.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "view/reader.h"
#include "../testutil.h"

#define SMALL_STACK ((size_t)1 << 20)

TestSuite(views, .timeout = 120);

#define PROLOG "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<story version=\"1\"><head><headline>H</headline></head><actors>\n"

/* n actors, each a member of the one before; the last one mentioned. */
static void
chain_story(struct buf *b, size_t n)
{
	size_t i;

	buf_puts(b, PROLOG);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<actor id=\"a%zu\" kind=\"group\"", i);
		if (i > 0)
			buf_printf(b, " member-of=\"a%zu\"", i - 1);
		buf_printf(b, "><name>A%zu</name></actor>\n", i);
	}
	buf_printf(b, "</actors><body><p><mention actor=\"a%zu\">x</mention>"
	    "</p></body></story>\n", n - 1);
}

static struct story *
load_buf(const struct buf *b, const char *name)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(b->data, b->len, name, NULL, &d);

	cr_assert_not_null(st, "%s does not load: %s", name,
	    d.n ? d.msgs[0] : "");
	diag_free(&d);
	return st;
}

static void *
open_actors(void *arg)
{
	reader_open_actors(arg);
	return NULL;
}

/* Runs fn(arg) on a thread whose stack is SMALL_STACK. */
static void
on_small_stack(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t t;

	cr_assert_eq(pthread_attr_init(&attr), 0);
	cr_assert_eq(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
	cr_assert_eq(pthread_create(&t, &attr, fn, arg), 0);
	cr_assert_eq(pthread_join(t, NULL), 0);
	pthread_attr_destroy(&attr);
}

/* The reader's actors view of a 200,000-actor member-of chain, built
 * on a 1 MiB stack: every actor, each under the one before, the
 * indentation capped. */
Test(views, member_of_chain_actors_view)
{
	struct buf b = BUF_INIT;
	struct reader r;
	struct page *p;

	chain_story(&b, 200000);
	reader_init(&r, load_buf(&b, "chain.xml"), NULL);
	on_small_stack(open_actors, &r);
	cr_assert_eq(r.npages, 1);
	p = r.pages[0];
	cr_assert_eq(p->n, 200000);
	cr_expect_str_eq(p->entries[0].text, "A0 (group) 1");
	cr_expect_str_eq(p->entries[199999].text, "A199999 (group) 1");
	cr_expect_eq(p->entries[1].indent, 2);
	cr_expect_eq(p->entries[199999].indent, 40);
	reader_free(&r);
	buf_free(&b);
}

/* --dump of the same chain under `ulimit -s 1024`: every actor, and a
 * clean exit. */
Test(views, member_of_chain_dump)
{
	char *dir = make_tempdir(), *path = test_join(dir, "chain.xml");
	struct buf b = BUF_INIT;
	struct run r;
	const char *argv[] = { "/bin/sh", "-c",
	    "ulimit -s 1024 && exec \"$0\" --dump \"$1\"", test_prog(), path,
	    NULL };

	chain_story(&b, 200000);
	write_file(path, b.data, b.len);
	run_prog_timeout(&r, argv, NULL, 60.0);
	cr_expect_eq(r.status, 0, "exit status %d; stderr:\n%.500s", r.status,
	    r.err);
	cr_expect(strstr(r.out, "\n200000. A199999 (a199999, group): "
	    "1 mention: [1]\n") != NULL, "the last actor is not dumped");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	buf_free(&b);
	free(path);
	free(dir);
}

/* One claim by actors c0..c{n-1} about s0..s{n-1}. */
static void
pairs_story(struct buf *b, size_t n)
{
	size_t i;

	buf_puts(b, PROLOG);
	for (i = 0; i < n; i++)
		buf_printf(b, "<actor id=\"c%zu\" kind=\"person\"><name>C%zu"
		    "</name></actor><actor id=\"s%zu\" kind=\"person\"><name>"
		    "S%zu</name></actor>\n", i, i, i, i);
	buf_puts(b, "</actors><body><p><claim id=\"k\" by=\"");
	for (i = 0; i < n; i++)
		buf_printf(b, "%sc%zu", i ? " " : "", i);
	buf_puts(b, "\" about=\"");
	for (i = 0; i < n; i++)
		buf_printf(b, "%ss%zu", i ? " " : "", i);
	buf_puts(b, "\">x</claim></p></body></story>\n");
}

/* A claim by 3,000 actors about 3,000 others: the relations view lists
 * what fits and counts the 9,000,000 pairs rather than building them
 * (before, it built and sorted every pair: 4 s and 0.8 GB). */
Test(views, relations_of_3000_by_3000)
{
	struct buf b = BUF_INIT;
	struct reader r;
	struct page *p;
	size_t i, links = 0;

	pairs_story(&b, 3000);
	reader_init(&r, load_buf(&b, "pairs.xml"), NULL);
	reader_open_relations(&r);
	cr_assert_eq(r.npages, 1);
	p = r.pages[0];
	/* The rows, what they leave out, the totals, then the disputes
	 * (a blank line, a heading and "No claim disputes another."). */
	cr_expect_leq(p->n, READER_RELATIONS_MAX + 4 + 3, "%zu rows", p->n);
	for (i = 0; i < p->n; i++)
		links += p->entries[i].target == TARGET_CLAIMS;
	cr_expect_eq(links, READER_RELATIONS_MAX);
	cr_expect_str_eq(p->entries[0].text, "C0 claims about");
	cr_expect(strncmp(p->entries[1].text, "S0 ", 3) == 0, "%s",
	    p->entries[1].text);
	cr_expect_str_eq(p->entries[p->n - 4].text, "In all: 3000 claimants, "
	    "3000 subjects and 9000000 claimant-subject pairs, in 1 claim.");
	/* A row still leads to its claims. */
	p->sel = 1;
	reader_follow(&r);
	cr_assert_eq(r.npages, 2);
	cr_expect_str_eq(r.pages[1]->title, "Claims by C0 about S0");
	reader_free(&r);
	buf_free(&b);
}

/* A view that fits is not cut short, and says nothing of totals. */
Test(views, relations_that_fit)
{
	struct buf b = BUF_INIT;
	struct reader r;
	struct page *p;

	pairs_story(&b, 20);
	reader_init(&r, load_buf(&b, "pairs.xml"), NULL);
	reader_open_relations(&r);
	p = r.pages[0];
	/* Then the disputes: a blank line, a heading and "No claim ...". */
	cr_expect_eq(p->n, 20 * 21 + 3);
	cr_expect(strncmp(p->entries[20 * 21 - 1].text, "S19 ", 4) == 0, "%s",
	    p->entries[20 * 21 - 1].text);
	cr_expect_str_eq(p->entries[p->n - 1].text,
	    "No claim disputes another.");
	reader_free(&r);
	buf_free(&b);
}

/* ---- costs per key in one long paragraph --------------------------- */

/* One paragraph of about 20 MB with 10,000 mentions of Huawei, evenly
 * spread. */
static struct story *
long_paragraph(void)
{
	struct buf b = BUF_INIT;
	struct story *st;
	size_t i, j;

	buf_puts(&b, PROLOG "<actor id=\"h\" kind=\"company\"><name>Huawei"
	    "</name></actor></actors><body><p>");
	for (i = 0; i < 10000; i++) {
		for (j = 0; j < 100; j++)
			buf_puts(&b, "lorem ipsum dolor ");
		buf_puts(&b, "<mention actor=\"h\">Huawei</mention> ");
	}
	buf_puts(&b, "</p></body></story>\n");
	st = load_buf(&b, "long.xml");
	buf_free(&b);
	return st;
}

static struct story *
default_story(void)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_default(&d);

	diag_free(&d);
	cr_assert_not_null(st);
	return st;
}

/* Whether an item starts within the rows on screen. */
static bool
on_screen(struct reader *r, size_t item)
{
	struct row row = reader_item_row(r, item), top = r->top;
	int i;

	for (i = 0; i < r->rows; i++) {
		if (row.block == top.block && row.line == top.line)
			return true;
		if (!reader_row_step(r, &top, 1))
			break;
	}
	return false;
}

/* What Tab and Shift-Tab should focus from off screen, found the slow
 * way: the first item that starts on the top row or below it, and the
 * last that starts on screen (else the one before that first). */
static size_t
slow_first(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->st->nitems; i++) {
		struct row row = reader_item_row(r, i);

		if (row.block > r->top.block || (row.block == r->top.block &&
		    row.line >= r->top.line))
			return i;
	}
	return NONE;
}

static size_t
slow_last(struct reader *r)
{
	size_t i, first = slow_first(r);

	for (i = r->st->nitems; i-- > 0;)
		if (on_screen(r, i))
			return i;
	return first == NONE ? r->st->nitems - 1 : first - 1;
}

/* The keys that walked every item or folded the whole paragraph at each
 * press: Shift-Tab at the top, G then Tab, n.  Each is counted (steps
 * over items and lines, folds) and must cost a few steps, the same in
 * the long paragraph as in the default story, and land where the slow
 * way says. */
static void
key_costs(struct story *st, size_t max_steps)
{
	struct reader r;
	size_t i, want;

	reader_init(&r, st, NULL);
	reader_resize(&r, 75, 18);
	/* Shift-Tab at the top. */
	want = slow_last(&r);
	r.cost->steps = 0;
	reader_focus_step(&r, false);
	cr_expect_leq(r.cost->steps, max_steps, "Shift-Tab: %zu steps",
	    r.cost->steps);
	cr_expect_eq(r.focus, want);
	/* G then Tab. */
	reader_bottom(&r);
	r.focus = NONE;
	want = slow_first(&r);
	r.cost->steps = 0;
	reader_focus_step(&r, true);
	cr_expect_leq(r.cost->steps, max_steps, "G Tab: %zu steps",
	    r.cost->steps);
	cr_expect_eq(r.focus, want);
	/* Shift-Tab from off screen at the bottom: the last item. */
	r.focus = NONE;
	reader_focus_step(&r, false);
	cr_expect_eq(r.focus, st->nitems - 1);
	/* A Tab in the middle of the paragraph, from off screen. */
	reader_goto_percent(&r, 50);
	reader_scroll(&r, 1000);
	r.focus = NONE;
	want = slow_first(&r);
	r.cost->steps = 0;
	reader_focus_step(&r, true);
	cr_expect_leq(r.cost->steps, max_steps, "Tab: %zu steps",
	    r.cost->steps);
	cr_expect_eq(r.focus, want);
	/* n, ten times: each match found in the cached matches of the
	 * block on screen; the paragraph is folded once, by the search. */
	reader_top(&r);
	reader_search(&r, "huawei", 6);
	cr_assert_neq(r.hit.block, NONE);
	r.cost->folds = 0;
	for (i = 0; i < 10; i++) {
		struct search_hit at = r.hit;

		r.cost->steps = 0;
		reader_search_step(&r, true);
		cr_expect_leq(r.cost->steps, max_steps, "n: %zu steps",
		    r.cost->steps);
		cr_expect(r.hit.block > at.block || (r.hit.block == at.block &&
		    r.hit.start > at.start) || strstr(r.notice, "wrapped"),
		    "n did not move on: %s", r.notice);
	}
	if (st->nblocks == 1) {
		cr_expect_eq(r.cost->folds, 0, "n folded the paragraph %zu "
		    "times", r.cost->folds);
		cr_assert_neq(r.focus, NONE);
		cr_expect_eq(st->items[r.focus].kind, ITEM_MENTION);
		cr_expect_eq(r.hit.start, st->items[r.focus].start);
	}
	reader_free(&r);
}

Test(views, key_costs_in_a_20mb_paragraph)
{
	key_costs(long_paragraph(), 64);
}

Test(views, key_costs_in_the_default_story)
{
	key_costs(default_story(), 64);
}
