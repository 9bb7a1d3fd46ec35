/* fuzz_load.c - a story from arbitrary bytes: load_memory either
 * refuses it with at least one message or returns a story, which is
 * then dumped, listed, and walked by the headless reader (its cards
 * and views opened), as the program would. */
#include "config.h"

#include <string.h>

#include "base/diag.h"
#include "cli/dump.h"
#include "fuzz.h"
#include "cli/list.h"
#include "format/load.h"
#include "view/reader.h"
#include "base/text.h"

/* Cards opened per kind: enough to reach every page builder without
 * making one input cost time quadratic in its size. */
#define CARDS 4

static void
walk(struct story *st)
{
	static const char *const kinds[] = {
		"actors", "quotes", "claims", "related",
	};
	struct reader r;
	struct buf out = BUF_INIT;
	size_t i;
	char *s;

	dump_story(st, 40, &out, NULL);
	buf_free(&out);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		FUZZ_CHECK(list_story(st, kinds[i], &out));
		buf_free(&out);
	}
	for (i = 0; i < st->nblocks; i++) {
		FUZZ_CHECK(st->blocks[i].len == strlen(st->blocks[i].text));
		FUZZ_CHECK(text_is_safe(st->blocks[i].text, st->blocks[i].len));
	}
	FUZZ_CHECK(text_is_safe(st->headline, strlen(st->headline)));

	reader_init(&r, st, "fuzz.xml");
	reader_resize(&r, 30, 8);
	reader_bottom(&r);
	reader_top(&r);
	for (i = 0; i < st->nitems && i < 64; i++) {
		reader_focus_step(&r, true);
		s = reader_status(&r);
		FUZZ_CHECK(text_is_safe(s, strlen(s)));
		free(s);
	}
	reader_resize(&r, 1, 1);
	reader_focus_step(&r, false);
	reader_resize(&r, 200, 3);
	for (i = 0; i < st->nactors && i < CARDS; i++) {
		reader_open_actor(&r, i);
		reader_page_step(&r, 1000, 5);
		free(reader_follow(&r));
	}
	for (i = 0; i < st->nclaims && i < CARDS; i++)
		reader_open_claim(&r, i);
	for (i = 0; i < st->nquotes && i < CARDS; i++)
		reader_open_quote(&r, i);
	for (i = 0; i < st->nrelated && i < CARDS; i++) {
		reader_open_related(&r, i);
		free(reader_follow(&r));
	}
	reader_open_actors(&r);
	reader_open_relations(&r);
	reader_open_timeline(&r);
	for (i = 0; i < r.npages; i++)
		reader_rebuild_page(&r, i);
	while (r.npages > 0)
		reader_close_page(&r);
	reader_search(&r, "a", 1);
	reader_search_step(&r, true);
	reader_search_step(&r, false);
	FUZZ_CHECK(text_is_safe(r.notice, strlen(r.notice)));
	/* The same without counting, as in a story of over 1 MiB. */
	r.count_max = 0;
	reader_goto_percent(&r, 50);
	reader_search(&r, "a", 1);
	reader_search_step(&r, false);
	FUZZ_CHECK(text_is_safe(r.notice, strlen(r.notice)));
	reader_notify_where(&r);
	FUZZ_CHECK(text_is_safe(r.notice, strlen(r.notice)));
	reader_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct story *st;

	st = load_memory((const char *)data, size, "fuzz.xml", NULL, &d);
	if (st == NULL)
		FUZZ_CHECK(d.n > 0);
	for (size_t i = 0; i < d.n; i++)
		FUZZ_CHECK(text_is_safe(d.msgs[i], strlen(d.msgs[i])));
	diag_free(&d);
	if (st != NULL)
		walk(st);	/* reader_free frees the story */
	return 0;
}
