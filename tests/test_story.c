/* test_story.c - the shipped story against the seed article, the
 * indexes and look-ups of the model, and search. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "model/search.h"
#include "model/story.h"
#include "model/when.h"

static struct story *st;

static void
setup(void)
{
	struct diag d = DIAG_INIT;

	st = load_default(&d);
	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	cr_assert_not_null(st, "the built-in story does not load");
}

static void
teardown(void)
{
	story_free(st);
}

TestSuite(shipped, .init = setup, .fini = teardown);
TestSuite(index, .fini = teardown);

/* The seed's blank-line separated paragraphs, in order. */
static size_t
seed_paragraphs(char ***out)
{
	const char *dir = getenv("TESTDIR");
	char path[4096], *p, *next, **v = NULL;
	struct buf b = BUF_INIT;
	size_t n = 0;
	FILE *fp;
	int c;

	snprintf(path, sizeof path, "%s/data/seed.txt", dir ? dir : "tests");
	fp = fopen(path, "rb");
	cr_assert_not_null(fp, "cannot open %s", path);
	while ((c = getc(fp)) != EOF)
		buf_putc(&b, (char)c);
	fclose(fp);
	for (p = b.data; p != NULL; p = next) {
		next = strstr(p, "\n\n");
		if (next != NULL)
			*next = '\0', next += 2;
		v = realloc(v, (n + 1) * sizeof *v);
		v[n++] = strdup(p);
	}
	buf_free(&b);
	*out = v;
	return n;
}

Test(shipped, text_is_the_seed_verbatim)
{
	char **para;
	size_t n = seed_paragraphs(&para), i, b = 0;
	const char *rm = "Read more: ";

	cr_assert_eq(n, 2 + 12 + 2, "the seed has %zu paragraphs", n);
	cr_expect_str_eq(st->dateline, para[0]);
	cr_expect_str_eq(st->headline, para[1]);
	cr_assert_eq(st->nblocks, 14);
	for (i = 2; i < n; i++, b++) {
		if (strncmp(para[i], rm, strlen(rm)) == 0) {
			cr_expect_eq(st->blocks[b].kind, BLOCK_RELATED,
			    "block %zu", b + 1);
			cr_expect_str_eq(st->blocks[b].text,
			    para[i] + strlen(rm));
		} else {
			cr_expect_eq(st->blocks[b].kind, BLOCK_PARAGRAPH);
			cr_expect_str_eq(st->blocks[b].text, para[i]);
		}
	}
	for (i = 0; i < n; i++)
		free(para[i]);
	free(para);
}

Test(shipped, counts)
{
	cr_expect_eq(st->nactors, 18);
	cr_expect_eq(st->nclaims, 17);
	cr_expect_eq(st->nquotes, 2);
	cr_expect_eq(st->nrelated, 2);
	cr_expect_eq(st->mentions.n, 44);
	cr_expect_str_eq(st->dateline_when, "2020-01-12T17:06");
}

Test(shipped, required_actors_are_there)
{
	static const char *ids[] = {
		"us", "uk", "huawei", "china", "ukgov", "telcos", "nec", "nsa",
		"pottinger", "trump", "lewis", "bbc", "reuters",
		"spokesperson", "brits",
	};
	size_t i;

	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		cr_expect_neq(story_find_actor(st, ids[i]), NONE, "%s", ids[i]);
	cr_expect(story_actor_within(st, story_find_actor(st, "lewis"),
	    story_find_actor(st, "uk")));
	cr_expect(story_actor_within(st, story_find_actor(st, "nsa"),
	    story_find_actor(st, "us")));
}

Test(shipped, quotes_have_their_speakers)
{
	size_t len;
	const char *t;

	cr_assert_eq(st->nquotes, 2);
	cr_expect_str_eq(st->actors[st->quotes[0].speaker].id, "lewis");
	t = story_item_text(st, st->quotes[0].item, &len);
	cr_expect(len == strlen("relatively soon") &&
	    strncmp(t, "relatively soon", len) == 0);
	cr_expect_str_eq(st->actors[st->quotes[1].speaker].id,
	    "spokesperson");
	cr_expect_neq(st->quotes[0].claim, NONE, "q1 sits in a claim");
}

Test(shipped, huawei_denial_disputes_us_claims)
{
	size_t i, huawei = story_find_actor(st, "huawei"), disputing = 0;

	for (i = 0; i < st->nclaims; i++)
		if (st->claims[i].by.n > 0 && st->claims[i].by.v[0] == huawei)
			disputing += st->claims[i].disputes.n > 0;
	cr_expect_geq(disputing, 1);
	cr_expect_geq(st->actors[huawei].claims_by.n, 2);
	cr_expect_geq(st->actors[huawei].claims_about.n, 8);
}

Test(shipped, member_mentions_count_towards_the_group)
{
	size_t us = story_find_actor(st, "us"), i, sum;

	sum = st->actors[us].mentions.n;
	for (i = 0; i < st->nactors; i++)
		if (i != us && story_actor_within(st, i, us))
			sum += st->actors[i].mentions.n;
	cr_expect_eq(st->actors[us].total_mentions, sum);
	cr_expect_gt(sum, st->actors[us].mentions.n);
}

#define SMALL "<story version=\"1\"><head><headline>H</headline></head>" \
	"<actors><actor id=\"a\" kind=\"country\"><name>A</name></actor>" \
	"<actor id=\"b\" kind=\"person\" member-of=\"a\"><name>B</name>" \
	"</actor><actor id=\"c\" kind=\"person\" member-of=\"b\">" \
	"<name>C</name></actor></actors><body>" \
	"<p><mention actor=\"a\">A</mention> says <claim id=\"k1\" by=\"a\" " \
	"about=\"b\">B is <quote id=\"q1\" speaker=\"c\">wrong</quote></claim>" \
	".</p><related id=\"r1\" actors=\"b\">More</related>" \
	"<p><claim id=\"k2\" by=\"b\" disputes=\"k1\"><mention actor=\"b\">" \
	"B</mention> denies it</claim>; <mention actor=\"c\">C</mention> " \
	"and <mention actor=\"a\">A</mention>.</p></body></story>"

static void
load_small(void)
{
	struct diag d = DIAG_INIT;

	st = load_memory(SMALL, strlen(SMALL), "small.xml", NULL, &d);
	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	cr_assert_not_null(st);
}

Test(index, items_in_reading_order)
{
	static const enum item_kind want[] = {
		ITEM_MENTION, ITEM_CLAIM, ITEM_QUOTE, ITEM_RELATED, ITEM_CLAIM,
		ITEM_MENTION, ITEM_MENTION, ITEM_MENTION,
	};
	size_t i;

	load_small();
	cr_assert_eq(st->nitems, 8);
	for (i = 0; i < st->nitems; i++)
		cr_expect_eq(st->items[i].kind, want[i], "item %zu", i);
	cr_expect_eq(st->items[2].parent, 1, "the quote sits in k1");
	cr_expect_eq(st->items[5].parent, 4, "the mention sits in k2");
	cr_expect_eq(st->quotes[0].claim, 0);
	cr_expect_eq(st->claims[0].quotes.n, 1);
}

Test(index, actors)
{
	load_small();
	cr_expect_eq(st->actors[0].mentions.n, 2);
	cr_expect_eq(st->actors[0].total_mentions, 4, "A, B and C's");
	cr_expect_eq(st->actors[1].total_mentions, 2);
	cr_expect_eq(st->actors[0].members.n, 1);
	cr_expect_eq(st->actors[1].claims_by.n, 1);
	cr_expect_eq(st->actors[1].claims_about.n, 1);
	cr_expect_eq(st->actors[2].quotes.n, 1);
	cr_expect_eq(st->actors[1].related.n, 1);
	cr_expect_eq(st->claims[0].disputed_by.n, 1);
	cr_expect_eq(story_ix(st, st->claims[0].disputed_by)[0], 1);
	cr_expect_eq(story_find_actor(st, "c"), 2);
	cr_expect_eq(story_find_actor(st, "zz"), NONE);
}

/* actors_by_id is sorted in its own room (a merge sort of 32-bit
 * indices, widened in place): 1,000 actors whose ids come in no
 * order, the runs of the merge of every length, each found again. */
Test(index, actors_by_id_sorted_in_place)
{
	struct buf b = BUF_INIT;
	struct diag d = DIAG_INIT;
	char id[32];
	size_t i, n = 1000;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<story "
	    "version=\"1\"><head><headline>H</headline></head><actors>");
	for (i = 0; i < n; i++)
		buf_printf(&b, "<actor id=\"x%zu\" kind=\"person\"><name>N"
		    "</name></actor>", (i * 7919) % n);
	buf_puts(&b, "</actors><body><p>T</p></body></story>");
	st = load_memory(b.data, b.len, "many.xml", NULL, &d);
	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	buf_free(&b);
	cr_assert_not_null(st);
	for (i = 1; i < n; i++)
		cr_assert(strcmp(st->actors[st->actors_by_id[i - 1]].id,
		    st->actors[st->actors_by_id[i]].id) < 0, "at %zu", i);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "x%zu", (i * 7919) % n);
		cr_assert_eq(story_find_actor(st, id), i, "%s", id);
	}
	cr_expect_eq(story_find_actor(st, "x1000"), NONE);
}

Test(index, next_and_previous)
{
	load_small();
	cr_expect_eq(story_next_item(st, NONE, ITEM_CLAIM, true), 1);
	cr_expect_eq(story_next_item(st, 1, ITEM_CLAIM, true), 4);
	cr_expect_eq(story_next_item(st, 4, ITEM_CLAIM, true), NONE);
	cr_expect_eq(story_next_item(st, 4, ITEM_CLAIM, false), 1);
	cr_expect_eq(story_next_item(st, 3, ITEM_CLAIM, false), 1);
	cr_expect_eq(story_next_item(st, 1, ITEM_CLAIM, false), NONE);
	cr_expect_eq(story_next_item(st, NONE, ITEM_CLAIM, false), 4);
	cr_expect_eq(story_next_item(st, 0, ITEM_QUOTE, true), 2);
	cr_expect_eq(story_next_item(st, 0, ITEM_RELATED, true), 3);
	cr_expect_eq(story_next_item(st, 7, ITEM_MENTION, false), 6);
	cr_expect_eq(story_next_item(st, 7, ITEM_NKINDS, true), NONE);
	cr_expect_eq(story_next_item(st, NONE, ITEM_NKINDS, true), 0);
	cr_expect_eq(story_next_mention(st, 0, 0, true), 7);
	cr_expect_eq(story_next_mention(st, 0, 7, false), 0);
	cr_expect_eq(story_next_mention(st, 0, 3, false), 0);
}

Test(index, ordinals)
{
	size_t total;

	load_small();
	cr_expect_eq(story_item_ordinal(st, 4, &total), 2);
	cr_expect_eq(total, 2);
	cr_expect_eq(story_item_ordinal(st, 6, &total), 3);
	cr_expect_eq(total, 4);
	cr_expect_eq(story_item_ordinal(st, 0, &total), 1);
}

Test(index, search)
{
	struct search_hit *hits;
	size_t n;

	load_small();
	n = search_story(st, "b", 1, &hits);
	cr_assert_eq(n, 2, "B is, B denies");
	cr_expect_eq(hits[0].block, 0);
	cr_expect_eq(hits[1].block, 2);
	cr_expect_eq(search_hit_at(hits, n, 1, 0), 1);
	cr_expect_eq(search_hit_at(hits, n, 2, 5), 0, "wraps around");
	free(hits);
	n = search_story(st, "", 0, &hits);
	cr_expect_eq(n, 0);
	cr_expect_null(hits);
}

Test(index, search_next_goes_round_once)
{
	struct search_hit h, *hits;
	size_t flen;
	char *b = search_fold("B", 1, &flen);
	bool wrapped;

	load_small();
	cr_assert_eq(search_story(st, "b", 1, &hits), 2);
	cr_assert(search_next(st, b, flen, 0, 0, true, &h, &wrapped));
	cr_expect(h.block == 0 && h.start == hits[0].start && !wrapped);
	cr_assert(search_next(st, b, flen, 0, h.start + 1, true, &h,
	    &wrapped));
	cr_expect(h.block == 2 && h.start == hits[1].start && !wrapped);
	cr_assert(search_next(st, b, flen, 2, h.start + 1, true, &h,
	    &wrapped));
	cr_expect(h.block == 0 && wrapped, "forward past the end");
	cr_assert(search_next(st, b, flen, 0, h.start, false, &h,
	    &wrapped));
	cr_expect(h.block == 2 && wrapped, "backward past the start");
	cr_assert(search_next(st, b, flen, 2, h.start, false, &h,
	    &wrapped));
	cr_expect(h.block == 0 && !wrapped);
	cr_assert(search_next(st, b, flen, 1, 0, false, &h, &wrapped));
	cr_expect(h.block == 0 && !wrapped);
	/* Only match in its own block, on the far side of the offset. */
	cr_assert(search_next(st, b, flen, 2, 0, true, &h, &wrapped));
	cr_expect(h.block == 2 && !wrapped);
	cr_assert(search_next(st, b, flen, 2, 0, false, &h, &wrapped));
	cr_expect(h.block == 0 && !wrapped);
	cr_expect_not(search_next(st, b, 0, 0, 0, true, &h, &wrapped));
	free(hits);
	free(b);
	b = search_fold("zz", 2, &flen);
	cr_expect_not(search_next(st, b, flen, 1, 3, true, &h, &wrapped));
	cr_expect_not(search_next(st, b, flen, 1, 3, false, &h, &wrapped));
	free(b);
}

Test(shipped, search_is_case_insensitive)
{
	struct search_hit *hits;
	size_t n = search_story(st, "HUAWEI", 6, &hits), len;

	cr_expect_geq(n, 8);
	len = hits[0].end - hits[0].start;
	cr_expect(strncmp(st->blocks[hits[0].block].text + hits[0].start,
	    "Huawei", len) == 0);
	free(hits);
	n = search_story(st, "RELATIVELY SOON", 15, &hits);
	cr_expect_eq(n, 1);
	free(hits);
}

/* ---- when values (when.h) ---------------------------------------- */

TestSuite(when);

Test(when, accepts_every_precision)
{
	static const char *const good[] = {
		"2020", "0000", "2020-01", "2020-12-31", "2020-02-29",
		"2000-02-29", "2020-01-12T17:06", "2020-01-12T23:59:60",
		"2020-01-12T23:59:59.123Z", "2020-01-12T00:00+05:30",
		"2020-01-12T00:00-23:59", "2020-04-30T00:00:00",
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof *good; i++)
		cr_expect(when_check(good[i], NULL, 0), "%s refused", good[i]);
}

/* Each bad value, and the first thing wrong with it, in words. */
Test(when, says_what_is_wrong)
{
	static const char *const form = "it is not of the form "
	    "YYYY[-MM[-DD[Thh:mm[:ss[.s]][Z|+hh:mm|-hh:mm]]]]";
	static const struct {
		const char *value, *why;
	} bad[] = {
		{ "2020-02-30T24:00", "February has no 30th" },
		{ "2021-02-29", "February 2021 has no 29th" },
		{ "1900-02-29", "February 1900 has no 29th" },
		{ "2020-04-31", "April has no 31st" },
		{ "2020-01-32", "January has no 32nd" },
		{ "2020-01-00", "there is no day 00" },
		{ "2020-13", "there is no month 13" },
		{ "2020-00-01", "there is no month 00" },
		{ "2020-01-12T24:00", "there is no hour 24" },
		{ "2020-01-12T23:60", "there is no minute 60" },
		{ "2020-01-12T23:59:61", "there is no second 61" },
		{ "2020-01-12T23:59+24:00", "there is no offset of 24 hours" },
		{ "2020-01-12T23:59-05:60", "there is no offset of 60 minutes" },
		{ "yesterday", NULL }, { "", NULL }, { "20201", NULL },
		{ "2020-1", NULL }, { "2020-01-12T17", NULL },
		{ "2020-01-12T17:6", NULL }, { "2020-01-12T17:06:00.Z", NULL },
		{ "2020-01-12T17:06+0530", NULL }, { " 2020", NULL },
		{ "2020 ", NULL }, { "2020Z", NULL }, { "2020-01-12t17:06", NULL },
		{ "2020-01-12T17:06Z ", NULL }, { "2020-01-12T17:06:0", NULL },
	};
	char why[WHEN_WHY_MAX];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		strcpy(why, "(unchanged)");
		cr_expect_not(when_check(bad[i].value, why, sizeof why),
		    "'%s' accepted", bad[i].value);
		cr_expect_str_eq(why, bad[i].why ? bad[i].why : form,
		    "'%s': %s", bad[i].value, why);
	}
}

/* ---- search finds what the screen shows --------------------------- */

/* "UK’s" with a typographic apostrophe, "Zoë" once composed and once
 * decomposed, "Zoe" without the accent, an en dash. */
#define TYPO "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<story version=\"1\"><head><headline>H</headline></head>" \
	"<actors/><body>" \
	"<p>The UK\xE2\x80\x99s plan, Zo\xC3\xAB and Zoe\xCC\x88 said.</p>" \
	"<p>Zoe, 2020\xE2\x80\x93" "21, \xE2\x80\x9Cso\xE2\x80\x9D.</p>" \
	"</body></story>\n"

static size_t
typo_search(const char *needle, struct search_hit **hits)
{
	return search_story(st, needle, strlen(needle), hits);
}

/* Hit i covers exactly `want` in the text. */
static void
expect_hit(const struct search_hit *h, size_t block, const char *want)
{
	const struct block *b = &st->blocks[h->block];

	cr_expect_eq(h->block, block);
	cr_expect(h->end - h->start == strlen(want) &&
	    memcmp(b->text + h->start, want, strlen(want)) == 0,
	    "hit [%zu, %zu) is \"%.*s\", want \"%s\"", h->start, h->end,
	    (int)(h->end - h->start), b->text + h->start, want);
}

Test(index, search_folds_typography_and_diacritics)
{
	struct diag d = DIAG_INIT;
	struct search_hit *hits;
	size_t n;

	st = load_memory(TYPO, strlen(TYPO), "typo.xml", NULL, &d);
	diag_free(&d);
	cr_assert_not_null(st);
	n = typo_search("UK's", &hits);
	cr_assert_eq(n, 1, "a straight apostrophe finds UK’s");
	expect_hit(&hits[0], 0, "UK\xE2\x80\x99s");
	free(hits);
	n = typo_search("UK\xE2\x80\x99s", &hits);
	cr_expect_eq(n, 1, "so does the typographic one");
	free(hits);
	n = typo_search("zoe", &hits);
	cr_assert_eq(n, 3, "no diacritic in the needle: all three");
	expect_hit(&hits[0], 0, "Zo\xC3\xAB");
	expect_hit(&hits[1], 0, "Zoe\xCC\x88");
	expect_hit(&hits[2], 1, "Zoe");
	free(hits);
	n = typo_search("ZO\xC3\x8B", &hits);
	cr_assert_eq(n, 2, "a diacritic in the needle: exactly, either form");
	expect_hit(&hits[0], 0, "Zo\xC3\xAB");
	expect_hit(&hits[1], 0, "Zoe\xCC\x88");
	free(hits);
	n = typo_search("2020-21, \"so\"", &hits);
	cr_assert_eq(n, 1, "dashes and double quotes");
	expect_hit(&hits[0], 1,
	    "2020\xE2\x80\x93" "21, \xE2\x80\x9Cso\xE2\x80\x9D");
	free(hits);
	/* "zo" ends inside neither cluster; "zoe" must not end before a
	 * mark when the needle keeps marks: "zoë" finds no plain "Zoe". */
	n = typo_search("zo\xC3\xAB,", &hits);
	cr_expect_eq(n, 0);
	free(hits);
}
