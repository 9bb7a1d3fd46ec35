/* fuzz_views.c - every card and view of a story from arbitrary bytes.
 *
 * A story that loads has its actors, relations and timeline views
 * built, the card of every actor, claim, quote and "Read more" item
 * (up to CARDS of each), every entry of each page followed one level
 * (claims by X about Y included), at two widths.  Every page's text is
 * safe for a terminal, every entry leads to something that exists, the
 * actors view lists each actor once after the one it is a member of,
 * and the relations view agrees with the claims, counted the slow way
 * (view/page.c). */
#include "config.h"

#include <string.h>

#include "base/diag.h"
#include "base/text.h"
#include "format/load.h"
#include "fuzz.h"
#include "view/reader.h"

/* Cards per kind, and entries followed per page: enough to reach every
 * builder without making one input cost time quadratic in its size. */
#define CARDS 32
#define FOLLOW 32

static void
check_page(const struct story *st, struct page *p)
{
	size_t i;

	FUZZ_CHECK(p->title != NULL && text_is_safe(p->title,
	    strlen(p->title)));
	FUZZ_CHECK(p->sel == NONE || (p->sel < p->n &&
	    p->entries[p->sel].target != TARGET_NONE));
	for (i = 0; i < p->n; i++) {
		struct entry *e = &p->entries[i];
		const char *t = page_entry_text(st, e);

		FUZZ_CHECK(t != NULL && text_is_safe(t, strlen(t)));
		switch (e->target) {
		case TARGET_ITEM:
			FUZZ_CHECK(e->a < st->nitems);
			break;
		case TARGET_ACTOR:
			FUZZ_CHECK(e->a < st->nactors);
			break;
		case TARGET_CLAIM:
			FUZZ_CHECK(e->a < st->nclaims);
			break;
		case TARGET_CLAIMS:
			FUZZ_CHECK(e->a == NONE || e->a < st->nactors);
			FUZZ_CHECK(e->b < st->nactors);
			break;
		default:
			break;
		}
	}
}

/* Follows up to FOLLOW entries of the top page, each one level. */
static void
follow_all(struct reader *r)
{
	size_t i, n = r->npages, followed = 0;
	struct page *p = r->pages[n - 1];

	for (i = 0; i < p->n && followed < FOLLOW; i++) {
		if (p->entries[i].target == TARGET_NONE ||
		    p->entries[i].target == TARGET_ITEM)
			continue;
		p->sel = i;
		free(reader_follow(r));
		followed++;
		if (r->npages > n) {
			check_page(r->st, r->pages[r->npages - 1]);
			reader_close_page(r);
		}
		FUZZ_CHECK(r->npages == n);
	}
}

/* Each actor once, after the one it is a member of. */
static void
check_actors(const struct story *st, const struct page *p)
{
	size_t *pos = calloc(st->nactors + 1, sizeof *pos), i, a;

	FUZZ_CHECK(pos != NULL);
	FUZZ_CHECK(p->n == (st->nactors ? st->nactors : 0));
	for (i = 0; i < p->n; i++) {
		a = p->entries[i].a;
		FUZZ_CHECK(a < st->nactors && pos[a] == 0);
		pos[a] = i + 1;
	}
	for (a = 0; a < st->nactors; a++)
		if (st->actors[a].parent != NONE)
			FUZZ_CHECK(pos[st->actors[a].parent] < pos[a]);
	free(pos);
}

/* The claims by a (NONE: the publication) about b, the slow way. */
static size_t
slow_count(const struct story *st, size_t a, size_t b)
{
	size_t i, j, k, n = 0;

	for (i = 0; i < st->nclaims; i++) {
		const struct claim *c = &st->claims[i];
		bool by = a == NONE && c->by.n == 0;

		for (j = 0; j < c->by.n; j++)
			by = by || c->by.v[j] == a;
		for (k = 0; by && k < c->about.n; k++)
			if (c->about.v[k] == b) {
				n++;
				break;
			}
	}
	return n;
}

/* Every row of the relations view counts its claims right, in order,
 * and no more rows than the view lists. */
static void
check_relations(const struct story *st, const struct page *p)
{
	size_t i, rows = 0, last_a = NONE, last_b = NONE;
	char want[64];

	for (i = 0; i < p->n; i++) {
		const struct entry *e = &p->entries[i];
		size_t n;

		if (e->target != TARGET_CLAIMS)
			continue;
		rows++;
		FUZZ_CHECK(rows <= READER_RELATIONS_MAX);
		/* Claimants in order (the publication first), subjects in
		 * order under each. */
		FUZZ_CHECK(last_b == NONE || e->a + 1 > last_a + 1 ||
		    (e->a == last_a && e->b > last_b));
		last_a = e->a;
		last_b = e->b;
		if (st->nclaims > 64)
			continue;
		n = slow_count(st, e->a, e->b);
		FUZZ_CHECK(n > 0);
		snprintf(want, sizeof want, " %3zu", n);
		FUZZ_CHECK(strlen(e->text) >= strlen(want) &&
		    strcmp(e->text + strlen(e->text) - strlen(want), want) == 0);
	}
}

static void
all_pages(struct reader *r)
{
	const struct story *st = r->st;
	size_t i;

	for (i = 0; i < st->nactors && i < CARDS; i++) {
		reader_open_actor(r, i);
		check_page(st, r->pages[0]);
		follow_all(r);
		reader_close_page(r);
	}
	for (i = 0; i < st->nclaims && i < CARDS; i++) {
		reader_open_claim(r, i);
		check_page(st, r->pages[0]);
		follow_all(r);
		reader_close_page(r);
	}
	for (i = 0; i < st->nquotes && i < CARDS; i++) {
		reader_open_quote(r, i);
		check_page(st, r->pages[0]);
		follow_all(r);
		reader_close_page(r);
	}
	for (i = 0; i < st->nrelated && i < CARDS; i++) {
		reader_open_related(r, i);
		check_page(st, r->pages[0]);
		free(reader_follow(r));
		while (r->npages > 0)
			reader_close_page(r);
	}
	reader_open_actors(r);
	check_page(st, r->pages[0]);
	check_actors(st, r->pages[0]);
	reader_close_page(r);
	reader_open_relations(r);
	check_page(st, r->pages[0]);
	check_relations(st, r->pages[0]);
	follow_all(r);
	reader_close_page(r);
	reader_open_timeline(r);
	check_page(st, r->pages[0]);
	reader_close_page(r);
	FUZZ_CHECK(r->npages == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct story *st;
	struct reader r;

	st = load_memory((const char *)data, size, "fuzz.xml", NULL, &d);
	diag_free(&d);
	if (st == NULL)
		return 0;
	reader_init(&r, st, "fuzz.xml");
	reader_resize(&r, 60, 10);
	all_pages(&r);
	reader_resize(&r, 1, 1);
	all_pages(&r);
	reader_free(&r);
	return 0;
}
