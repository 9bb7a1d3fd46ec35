/* test_search.c - the lazy search (search_span_*) against the search of
 * whole blocks: the same matches, in the same order, from any place and
 * through windows of any size; the stories of tests/data and generated
 * long paragraphs. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "model/search.h"
#include "view/reader.h"
#include "testutil.h"

/* First windows small enough to cut every block into many, and the
 * one the reader uses. */
static const size_t windows[] = { 1, 2, 3, 7, 64, 4096 };
#define NWINDOWS (sizeof windows / sizeof windows[0])

static bool
same_hit(const struct search_hit *a, const struct search_hit *b)
{
	return a->block == b->block && a->start == b->start &&
	    a->end == b->end;
}

/* Every match of block b, one search_span_next after another, each from
 * just past the start of the one before, equals search_block's. */
static void
expect_next_walk(const struct story *st, size_t b, const char *f, size_t fl,
    const struct search_hit *want, size_t n, size_t window)
{
	struct search_span sp;
	size_t i = 0, k, offset = 0;

	search_span_init(&sp);
	sp.window = window;
	while ((k = search_span_next(st, f, fl, &sp, b, offset)) != NONE) {
		cr_assert_lt(i, n, "block %zu, window %zu: match %zu at %zu is "
		    "one too many", b, window, i, sp.hits[k].start);
		cr_assert(same_hit(&sp.hits[k], &want[i]), "block %zu, window "
		    "%zu: match %zu is [%zu, %zu), want [%zu, %zu)", b, window,
		    i, sp.hits[k].start, sp.hits[k].end, want[i].start,
		    want[i].end);
		offset = sp.hits[k].start + 1;
		i++;
	}
	cr_expect_eq(i, n, "block %zu, window %zu: %zu matches, want %zu", b,
	    window, i, n);
	search_span_free(&sp);
}

/* The same backwards with search_span_prev, from past the end. */
static void
expect_prev_walk(const struct story *st, size_t b, const char *f, size_t fl,
    const struct search_hit *want, size_t n, size_t window)
{
	struct search_span sp;
	size_t i = n, k, offset = SIZE_MAX;

	search_span_init(&sp);
	sp.window = window;
	while ((k = search_span_prev(st, f, fl, &sp, b, offset)) != NONE) {
		cr_assert_gt(i, 0, "block %zu, window %zu: one match too many "
		    "backwards", b, window);
		i--;
		cr_assert(same_hit(&sp.hits[k], &want[i]), "block %zu, window "
		    "%zu: backwards, match %zu is [%zu, %zu), want [%zu, %zu)",
		    b, window, i, sp.hits[k].start, sp.hits[k].end,
		    want[i].start, want[i].end);
		offset = sp.hits[k].start;
	}
	cr_expect_eq(i, 0, "block %zu, window %zu: %zu matches missed "
	    "backwards", b, window, i);
	search_span_free(&sp);
}

/* From places spread over the block, in a jumbled order with one span
 * (so that it is widened both ways and started again): the next match,
 * the one before, and the matches over a range are search_block's. */
static void
expect_places(const struct story *st, size_t b, const char *f, size_t fl,
    const struct search_hit *want, size_t n, size_t window)
{
	size_t len = st->blocks[b].len, step = len / 37 + 1, i, j, k, at;
	size_t first, end, wf, we;
	struct search_span sp;

	search_span_init(&sp);
	sp.window = window;
	for (i = 0; i <= 2 * len / step + 1; i++) {
		/* Forth and back and far: 0, len, step, len - step, ... */
		at = i % 2 ? len - (i / 2) * step : (i / 2) * step;
		at = at > len ? len : at;
		for (j = 0; j < n && want[j].start < at; j++)
			;
		k = search_span_next(st, f, fl, &sp, b, at);
		if (j < n) {
			cr_assert_neq(k, NONE, "window %zu: no match after %zu",
			    window, at);
			cr_assert(same_hit(&sp.hits[k], &want[j]), "window "
			    "%zu: after %zu, [%zu, %zu), want [%zu, %zu)",
			    window, at, sp.hits[k].start, sp.hits[k].end,
			    want[j].start, want[j].end);
		} else
			cr_assert_eq(k, NONE, "window %zu: a match after %zu",
			    window, at);
		k = search_span_prev(st, f, fl, &sp, b, at);
		if (j > 0) {
			cr_assert_neq(k, NONE, "window %zu: no match before %zu",
			    window, at);
			cr_assert(same_hit(&sp.hits[k], &want[j - 1]),
			    "window %zu: before %zu, [%zu, %zu)", window, at,
			    sp.hits[k].start, sp.hits[k].end);
		} else
			cr_assert_eq(k, NONE, "window %zu: a match before %zu",
			    window, at);
		/* The matches that overlap [at, at + step). */
		for (wf = 0; wf < n && want[wf].end <= at; wf++)
			;
		for (we = wf; we < n && want[we].start < at + step; we++)
			;
		end = search_span_range(st, f, fl, &sp, b, at, at + step,
		    &first);
		cr_assert_eq(end - first, we - wf, "window %zu: %zu matches "
		    "over [%zu, %zu), want %zu", window, end - first, at,
		    at + step, we - wf);
		for (k = 0; k < end - first; k++)
			cr_assert(same_hit(&sp.hits[first + k], &want[wf + k]));
	}
	search_span_free(&sp);
}

/* Everything above, for needle in every block of st at every window. */
static size_t
expect_same(const struct story *st, const char *needle)
{
	struct search_hit *want;
	size_t fl, b, n, w, total = 0;
	char *f = search_fold(needle, strlen(needle), &fl);

	for (b = 0; b < st->nblocks; b++) {
		n = search_block(st, b, f, fl, &want);
		total += n;
		for (w = 0; w < NWINDOWS; w++) {
			expect_next_walk(st, b, f, fl, want, n, windows[w]);
			expect_prev_walk(st, b, f, fl, want, n, windows[w]);
			if (st->blocks[b].len < 100000 || w >= 4)
				expect_places(st, b, f, fl, want, n,
				    windows[w]);
		}
		free(want);
	}
	free(f);
	return total;
}

/* A story of one block holding s, as search_text makes one. */
struct one {
	struct story	st;
	struct block	bl;
};

static void
one_block(struct one *o, const char *s, size_t len)
{
	memset(o, 0, sizeof *o);
	o->bl.text = (char *)s;
	o->bl.len = len;
	o->st.blocks = &o->bl;
	o->st.nblocks = 1;
}

static struct story *
load_test(const char *rel)
{
	struct diag d = DIAG_INIT;
	char *path = test_path(rel);
	struct story *st = load_file(path, NULL, &d);

	cr_assert_not_null(st, "%s does not load: %s", path,
	    d.n ? d.msgs[0] : "");
	diag_free(&d);
	free(path);
	return st;
}

Test(span, the_stories_of_tests_data)
{
	static const char *const files[] = {
		"data/accents.xml", "data/clusters.xml", "data/escapes.xml",
		"data/hostile-text.xml", "data/minimal.xml",
		"data/linked-a.xml",
	};
	static const char *const needles[] = {
		"e", "the", "a", "zoe", "zoë", "strasse", "uk's", "- ", " ",
		"\xc3\xa9", "e\xcc\x81", "ss", "an", "in the",
	};
	size_t i, j, total = 0;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct story *st = load_test(files[i]);

		for (j = 0; j < sizeof needles / sizeof needles[0]; j++)
			total += expect_same(st, needles[j]);
		story_free(st);
	}
	/* The comparison compared something. */
	cr_expect_gt(total, 100, "only %zu matches in all", total);
}

Test(span, the_default_story)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_default(&d);

	diag_free(&d);
	cr_assert_not_null(st);
	cr_expect_gt(expect_same(st, "huawei"), 5);
	cr_expect_gt(expect_same(st, "the uk"), 1);
	expect_same(st, "o");
	story_free(st);
}

/* Matches that overlap one another, straddle the places a window may be
 * cut (spaces, ASCII pairs) or fold from several bytes: the greedy
 * order from the left is what a window must keep. */
Test(span, overlapping_and_straddling_matches)
{
	static const struct {
		const char *text, *needle;
	} cases[] = {
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aa" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaa" },
		{ "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a", "a a" },
		{ "ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab", "b a" },
		{ "Stra\xc3\x9f" "e STRASSE stra\xc3\x9f" "e Strasse strasse", "ss" },
		{ "Zo\xc3\xab Zoe\xcc\x88 zoe ZO\xc3\x8b zo\xc3\xab", "zoe" },
		{ "e\xcc\x81\xcc\x81\xcc\x81 e\xcc\x81 e e\xcc\x81\xcc\x81", "e" },
		{ "x\r\nx\r\nx\r\nx\r\nx\r\nx\r\nx\r\nx\r\n", "\nx" },
		{ "\xff\xfe a \xff a\xff\xfe\xfd a \xe2\x80 a", "a" },
		{ "UK\xe2\x80\x99s UK's uk\xe2\x80\x99s", "uk's" },
		{ "\xef\xac\x81le file FILE \xef\xac\x81", "fi" },
	};
	size_t i, n = 0;
	struct one o;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		one_block(&o, cases[i].text, strlen(cases[i].text));
		n += expect_same(&o.st, cases[i].needle);
	}
	cr_expect_gt(n, 100);
}

/* A paragraph of 2 MB as bench/keys.sh's, the needle every 2 KB. */
static char *
long_text(size_t *len)
{
	struct buf b = BUF_INIT;
	size_t i, j;

	for (i = 0; i < 1000; i++) {
		for (j = 0; j < 110; j++)
			buf_puts(&b, i % 7 ? "lorem ipsum dolor " :
			    "L\xc3\xb6rem \xe2\x80\x9cipsum\xe2\x80\x9d dolor ");
		buf_puts(&b, "Huawei ");
	}
	*len = b.len;
	return buf_detach(&b);
}

Test(span, a_long_paragraph)
{
	struct one o;
	size_t len;
	char *s = long_text(&len);

	one_block(&o, s, len);
	cr_expect_eq(expect_same(&o.st, "huawei"), 1000);
	cr_expect_eq(expect_same(&o.st, "dolor huawei lorem"), 999);
	expect_same(&o.st, "lorem \"ipsum\"");
	free(s);
}

/* What the lazy search reads: the first match after a place, and the
 * next, fold a few windows of the text, not the whole paragraph. */
Test(span, a_match_costs_the_text_up_to_it)
{
	struct search_span sp;
	struct one o;
	size_t len, fl, k;
	char *s = long_text(&len), *f = search_fold("huawei", 6, &fl);

	one_block(&o, s, len);
	search_span_init(&sp);
	k = search_span_next(&o.st, f, fl, &sp, 0, len / 2);
	cr_assert_neq(k, NONE);
	cr_expect_lt(sp.folded, 64 * 1024, "%zu bytes folded", sp.folded);
	cr_expect_eq(sp.whole, 0);
	sp.folded = 0;
	k = search_span_next(&o.st, f, fl, &sp, 0, sp.hits[k].start + 1);
	cr_assert_neq(k, NONE);
	k = search_span_prev(&o.st, f, fl, &sp, 0, sp.hits[k].start);
	cr_assert_neq(k, NONE);
	cr_expect_lt(sp.folded, 64 * 1024, "%zu bytes folded", sp.folded);
	search_span_free(&sp);
	free(f);
	free(s);
}

/* search_next, which goes through spans, agrees with search_story round
 * a story of several blocks, a long one among them. */
Test(span, search_next_round_the_story)
{
	struct block bl[3];
	struct story st;
	struct search_hit *all, h;
	size_t len, n, i, fl;
	char *s = long_text(&len), *f = search_fold("huawei", 6, &fl);
	bool wrapped;

	memset(&st, 0, sizeof st);
	memset(bl, 0, sizeof bl);
	bl[0].text = (char *)"Huawei and huawei";
	bl[0].len = strlen(bl[0].text);
	bl[1].text = s;
	bl[1].len = len;
	bl[2].text = (char *)"no match here, HUAWEI";
	bl[2].len = strlen(bl[2].text);
	st.blocks = bl;
	st.nblocks = 3;
	n = search_story(&st, "huawei", 6, &all);
	cr_assert_eq(n, 1003);
	for (i = 0; i < n; i++) {
		cr_assert(search_next(&st, f, fl, all[i].block,
		    all[i].start + 1, true, &h, &wrapped));
		cr_assert(same_hit(&h, &all[(i + 1) % n]), "after %zu", i);
		cr_expect_eq(wrapped, i + 1 == n);
		cr_assert(search_next(&st, f, fl, all[i].block, all[i].start,
		    false, &h, &wrapped));
		cr_assert(same_hit(&h, &all[(i + n - 1) % n]), "before %zu",
		    i);
		cr_expect_eq(wrapped, i == 0);
	}
	free(all);
	free(f);
	free(s);
}

/* ---- the reader: the lazy search and the lazy layout ---------------- */

/* A story of one paragraph of about 20 MB, as bench/keys.sh's (10,000
 * mentions of Huawei), loaded. */
static struct story *
long_story(void)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct story *st;
	size_t i, j;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<story "
	    "version=\"1\"><head><headline>One long paragraph</headline>"
	    "</head><actors><actor id=\"h\" kind=\"company\"><name>Huawei"
	    "</name></actor></actors><body><p>");
	for (i = 0; i < 10000; i++) {
		for (j = 0; j < 110; j++)
			buf_puts(&b, "lorem ipsum dolor ");
		buf_puts(&b, "<mention actor=\"h\">Huawei</mention> ");
	}
	buf_puts(&b, "</p></body></story>\n");
	st = load_memory(b.data, b.len, "long.xml", NULL, &d);
	cr_assert_not_null(st, "%s", d.n ? d.msgs[0] : "");
	diag_free(&d);
	buf_free(&b);
	return st;
}

/* Every line of every block, asked for out of order through
 * reader_line and reader_line_at, is text_wrap's. */
static void
expect_lines(struct reader *r)
{
	struct wrap_line *want, got;
	size_t b, n, i, k;

	for (b = 0; b < r->st->nblocks; b++) {
		n = text_wrap(r->st->blocks[b].text, r->st->blocks[b].len,
		    r->width, &want);
		/* From the middle first, then the end, then all. */
		cr_assert(reader_line(r, b, n / 2, &got));
		cr_assert_eq(got.start, want[n / 2].start);
		cr_expect_not(reader_line(r, b, n, &got), "block %zu has more "
		    "than %zu lines", b, n);
		for (i = 0; i < n; i++) {
			k = (i * 7919) % n;
			cr_assert(reader_line(r, b, k, &got));
			cr_assert(got.start == want[k].start &&
			    got.end == want[k].end && got.width ==
			    want[k].width, "block %zu, line %zu at %d", b, k,
			    r->width);
			cr_assert_eq(reader_line_at(r, b, want[k].start), k);
		}
		cr_assert_eq(reader_layout(r, b)->nlines, n);
		free(want);
	}
}

Test(lazy, a_lazy_layout_gives_the_lines_of_the_whole_wrap)
{
	static const char *const files[] = {
		"data/accents.xml", "data/clusters.xml", "data/hostile-text.xml",
	};
	static const int widths[] = { 1, 7, 30, 75 };
	struct reader r;
	size_t i, w;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		reader_init(&r, load_test(files[i]), NULL);
		for (w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			reader_resize(&r, widths[w], 18);
			expect_lines(&r);
		}
		/* Back to a width seen before. */
		reader_resize(&r, 30, 18);
		expect_lines(&r);
		reader_free(&r);
	}
}

/* A resize in a 20 MB paragraph wraps what the screen shows, not the
 * paragraph; G then wraps it all once, and a resize and back finds
 * that layout again. */
Test(lazy, a_resize_wraps_what_is_seen)
{
	struct reader r;
	struct wrap_line got, *want;
	const struct block *bl;
	size_t n;

	reader_init(&r, long_story(), NULL);
	bl = &r.st->blocks[0];
	reader_resize(&r, 75, 18);
	r.cost->wrapped = 0;
	reader_resize(&r, 74, 18);
	cr_expect_lt(r.cost->wrapped, 64 * 1024, "%zu bytes wrapped",
	    r.cost->wrapped);
	reader_focus_step(&r, true);
	reader_resize(&r, 75, 18);
	cr_expect_lt(r.cost->wrapped, 64 * 1024, "%zu bytes wrapped",
	    r.cost->wrapped);
	cr_assert_neq(r.focus, NONE);
	reader_bottom(&r);
	cr_expect_geq(r.cost->wrapped, bl->len, "G wraps the paragraph");
	n = text_wrap(bl->text, bl->len, 75, &want);
	cr_expect_eq(r.top.line + 18, n, "the last line on the last row");
	cr_assert(reader_line(&r, 0, n - 1, &got));
	cr_expect_eq(got.start, want[n - 1].start);
	free(want);
	reader_top(&r);
	r.cost->wrapped = 0;
	reader_resize(&r, 74, 18);
	reader_resize(&r, 75, 18);
	reader_bottom(&r);
	cr_expect_lt(r.cost->wrapped, 64 * 1024, "a resize and back, then G: "
	    "%zu bytes wrapped", r.cost->wrapped);
	reader_free(&r);
}

/* A new search in the 20 MB paragraph folds from the screen to the
 * first match, and n and N visit the matches search_story finds, in
 * its order. */
Test(lazy, a_new_search_folds_from_the_screen_to_the_match)
{
	struct search_hit *all;
	struct reader r;
	size_t n, i, at;

	reader_init(&r, long_story(), NULL);
	reader_resize(&r, 75, 18);
	n = search_story(r.st, "huawei", 6, &all);
	cr_assert_eq(n, 10000);
	reader_goto_percent(&r, 0);
	reader_scroll(&r, 5000);
	r.cost->folded = 0;
	reader_search(&r, "huawei", 6);
	cr_expect_lt(r.cost->folded, 64 * 1024, "%zu bytes folded",
	    r.cost->folded);
	cr_expect_eq(r.cost->folds, 0);
	cr_assert_neq(r.hit.block, NONE);
	at = search_hit_at(all, n, 0, r.hit.start);
	cr_assert(same_hit(&r.hit, &all[at]));
	cr_expect_gt(at, 100);
	for (i = 1; i <= 300; i++) {
		reader_search_step(&r, true);
		cr_assert(same_hit(&r.hit, &all[(at + i) % n]), "n %zu", i);
	}
	for (i = 1; i <= 600; i++) {
		reader_search_step(&r, false);
		cr_assert(same_hit(&r.hit, &all[(at + 300 - i + n) % n]),
		    "N %zu", i);
	}
	cr_expect_lt(r.cost->folded, 4 * 1024 * 1024, "%zu bytes folded",
	    r.cost->folded);
	free(all);
	reader_free(&r);
}

/* In the stories of tests/data, n from the top visits every match of
 * search_story in order, round to the first. */
Test(lazy, n_visits_the_matches_of_the_whole_search)
{
	static const char *const files[] = {
		"data/accents.xml", "data/clusters.xml", "data/linked-a.xml",
	};
	static const char *const needles[] = { "e", "the", "zoe", "a" };
	struct search_hit *all;
	struct reader r;
	size_t i, j, k, n;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		reader_init(&r, load_test(files[i]), NULL);
		reader_resize(&r, 30, 5);
		for (j = 0; j < sizeof needles / sizeof needles[0]; j++) {
			n = search_story(r.st, needles[j], strlen(needles[j]),
			    &all);
			reader_top(&r);
			r.count_max = 0;
			reader_search(&r, needles[j], strlen(needles[j]));
			for (k = 0; k <= n && n > 0; k++) {
				cr_assert(same_hit(&r.hit, &all[k % n]),
				    "%s: %s, match %zu", files[i], needles[j],
				    k);
				reader_search_step(&r, true);
			}
			free(all);
		}
		reader_free(&r);
	}
}
