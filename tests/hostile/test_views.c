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
	cr_expect_leq(p->n, READER_RELATIONS_MAX + 4, "%zu rows", p->n);
	for (i = 0; i < p->n; i++)
		links += p->entries[i].target == TARGET_CLAIMS;
	cr_expect_eq(links, READER_RELATIONS_MAX);
	cr_expect_str_eq(p->entries[0].text, "C0 claims about");
	cr_expect(strncmp(p->entries[1].text, "S0 ", 3) == 0, "%s",
	    p->entries[1].text);
	cr_expect_str_eq(p->entries[p->n - 1].text, "In all: 3000 claimants, "
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
	cr_expect_eq(p->n, 20 * 21);
	cr_expect(strncmp(p->entries[p->n - 1].text, "S19 ", 4) == 0, "%s",
	    p->entries[p->n - 1].text);
	reader_free(&r);
	buf_free(&b);
}
