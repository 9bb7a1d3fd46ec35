/* test_edit.c - operations on a story's document (model/edit.h): each
 * one and its refusals, their inverses, and random sequences of them
 * checked against what the writer and the loader make of the result. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/dump.h"
#include "cli/list.h"
#include "format/load.h"
#include "format/write.h"
#include "model/edit.h"
#include "model/story.h"

#include "doccmp.h"

static char *
xstrdup_test_text(const char *s)
{
	char *p = strdup(s);

	cr_assert_not_null(p);
	return p;
}

static void *
xcalloc_test(size_t n)
{
	void *p = calloc(n + 1, sizeof(struct edit));

	cr_assert_not_null(p);
	return p;
}

static struct story *
load_text(const char *xml, size_t len)
{
	struct load_opts o = { LOAD_MAX_SIZE_DEFAULT };
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(xml, len, "test.xml", &o, &d);

	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	return st;
}

static struct story *
seed(void)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_default(&d);

	diag_free(&d);
	cr_assert_not_null(st);
	return st;
}

static char *
written(const struct story *st, size_t *len)
{
	struct buf b = BUF_INIT;

	write_story_buf(st, &b);
	*len = b.len;
	return buf_detach(&b);
}

/* The story after an edit is what its file says: written and read back
 * it is the same document, with the same --dump and --list. */
static void
check_valid(const struct story *st, const char *after)
{
	size_t len;
	char *xml = written(st, &len), *why;
	struct story *back = load_text(xml, len);
	struct buf o1 = BUF_INIT, o2 = BUF_INIT;
	static const char *const kinds[] = { "actors", "quotes", "claims",
	    "related" };
	size_t k;

	cr_assert_not_null(back, "after %s, the story does not load:\n%s",
	    after, xml);
	why = doc_diff(st, back);
	cr_assert_null(why, "after %s, the model is not what its file says: "
	    "%s", after, why);
	dump_story(st, 80, &o1, NULL);
	dump_story(back, 80, &o2, NULL);
	for (k = 0; k < 4; k++) {
		list_story(st, kinds[k], &o1);
		list_story(back, kinds[k], &o2);
	}
	cr_assert(o1.len == o2.len && memcmp(o1.data, o2.data, o1.len) == 0,
	    "after %s, the index is not the one the file gives", after);
	buf_free(&o1);
	buf_free(&o2);
	story_free(back);
	free(xml);
}

/* The offset of the n-th occurrence (0-based) of s in block b. */
static size_t
find(const struct story *st, size_t b, const char *s)
{
	const char *at = strstr(st->blocks[b].text, s);

	cr_assert_not_null(at, "'%s' not in block %zu", s, b + 1);
	return (size_t)(at - st->blocks[b].text);
}

static struct edit
span_edit(enum edit_op op, enum item_kind kind, size_t block, size_t start,
    size_t end)
{
	struct edit e;

	memset(&e, 0, sizeof e);
	e.op = op;
	e.kind = kind;
	e.block = block;
	e.start = start;
	e.end = end;
	e.index = NONE;
	return e;
}

/* Applies e, checks the story, undoes it, and checks that the story is
 * again what it was, byte for byte once written. */
static void
apply_and_undo(struct story *st, const struct edit *e, const char *what)
{
	size_t len0, len1;
	char *before = written(st, &len0), *after, *why = NULL;
	struct edit inv, redo;

	cr_assert(edit_apply(st, e, &inv, &why), "%s refused: %s", what, why);
	check_valid(st, what);
	cr_assert(edit_apply(st, &inv, &redo, &why), "undo of %s refused: %s",
	    what, why);
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0,
	    "undoing %s does not give the story back", what);
	free(after);
	/* Redo, then undo again. */
	edit_free(&inv);
	cr_assert(edit_apply(st, &redo, &inv, &why), "redo of %s: %s", what,
	    why);
	check_valid(st, what);
	cr_assert(edit_apply(st, &inv, NULL, &why), "undo of the redo: %s",
	    why);
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0);
	edit_free(&inv);
	edit_free(&redo);
	free(before);
	free(after);
}

/* e is refused with a reason that contains `reason`, and the story is
 * unchanged. */
static void
refused(struct story *st, const struct edit *e, const char *reason)
{
	size_t len0, len1;
	char *before = written(st, &len0), *after, *why = NULL;
	struct edit inv;

	cr_assert_not(edit_apply(st, e, &inv, &why), "accepted, but should "
	    "have been refused with '%s'", reason);
	cr_assert_not_null(why);
	cr_assert(strstr(why, reason) != NULL, "refused with '%s', not '%s'",
	    why, reason);
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0,
	    "a refused edit changed the story");
	free(why);
	free(before);
	free(after);
}

/* ---- items -------------------------------------------------------- */

Test(edit, add_a_mention)
{
	struct story *st = seed();
	size_t b = 6, s = find(st, b, "April");
	struct edit e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, b, s, s + 5);
	size_t before = st->actors[story_find_actor(st, "huawei")].mentions.n;
	char *why;
	struct edit inv;

	e.attrs.actor = "huawei";
	apply_and_undo(st, &e, "a mention");
	cr_assert(edit_apply(st, &e, &inv, &why));
	cr_assert_eq(st->actors[story_find_actor(st, "huawei")].mentions.n,
	    before + 1);
	edit_free(&inv);
	story_free(st);
}

Test(edit, a_span_is_trimmed_to_its_words)
{
	struct story *st = seed();
	size_t b = 0, s = find(st, b, "final attempt");
	struct edit e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, b, s - 1,
	    s + 6);
	struct edit inv;
	char *why;

	e.attrs.actor = "us";
	cr_assert(edit_apply(st, &e, &inv, &why), "%s", why);
	cr_assert_eq(inv.start, s);
	cr_assert_eq(inv.end, s + 5);
	check_valid(st, "a trimmed mention");
	edit_free(&inv);
	story_free(st);
}

Test(edit, add_a_quote_inside_a_claim_and_a_claim_around_items)
{
	struct story *st = seed();
	size_t b = 0, s = find(st, b, "final attempt"), t;
	struct edit q = span_edit(EDIT_ITEM_ADD, ITEM_QUOTE, b, s, s + 13);
	struct edit c;

	q.attrs.id = "qnew";
	q.attrs.speaker = "usofficials";
	apply_and_undo(st, &q, "a quote inside a claim");
	/* A claim around two mentions of another paragraph. */
	b = 3;
	s = 0;
	t = st->blocks[b].len;
	c = span_edit(EDIT_ITEM_ADD, ITEM_CLAIM, b, s, t);
	c.attrs.id = "cnew";
	c.attrs.by = "a";
	c.attrs.about = "b a";
	c.attrs.disputes = "c1";
	c.attrs.when = "2020-01-13";
	if (st->blocks[b].nitems > 0 &&
	    st->items[st->blocks[b].first_item].kind == ITEM_CLAIM)
		c.start = st->items[st->blocks[b].first_item].end + 1;
	story_free(st);
	/* On a story of our own, where the paragraph is known. */
	{
		static const char xml[] = "<story version=\"1\"><head><headline>H"
		    "</headline></head><actors><actor id=\"a\" kind=\"person\">"
		    "<name>A</name></actor><actor id=\"b\" kind=\"group\"><name>"
		    "B</name></actor></actors><body><p>One <mention actor=\"a\">"
		    "A</mention> said <quote id=\"q1\" speaker=\"a\">it is <mention"
		    " actor=\"b\">B</mention></quote> again.</p><p><claim id=\"c1\""
		    ">Two</claim> three.</p></body></story>";
		struct story *s2 = load_text(xml, sizeof xml - 1);

		cr_assert_not_null(s2);
		c.block = 0;
		c.start = 0;
		c.end = s2->blocks[0].len;
		apply_and_undo(s2, &c, "a claim around a mention and a quote");
		story_free(s2);
	}
}

Test(edit, refusals_of_spans)
{
	static const char xml[] = "<story version=\"1\"><head><headline>H"
	    "</headline></head><actors><actor id=\"a\" kind=\"person\"><name>A"
	    "</name></actor></actors><body><p>One <mention actor=\"a\">two "
	    "three</mention> four <quote id=\"q1\" speaker=\"a\">five six</quote>"
	    " <claim id=\"c1\">seven</claim>.</p><related id=\"r1\">Title"
	    "</related></body></story>";
	struct story *st = load_text(xml, sizeof xml - 1);
	size_t two = find(st, 0, "two"), five = find(st, 0, "five");
	size_t seven = find(st, 0, "seven");
	struct edit e;

	cr_assert_not_null(st);
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 0, 0, two + 2);
	e.attrs.actor = "a";
	refused(st, &e, "overlaps a mention");
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 0, two, two + 9);
	e.attrs.actor = "a";
	refused(st, &e, "that is a mention already");
	e = span_edit(EDIT_ITEM_ADD, ITEM_CLAIM, 0, five, five + 4);
	e.attrs.id = "c2";
	refused(st, &e, "a claim cannot be inside a quote");
	e = span_edit(EDIT_ITEM_ADD, ITEM_QUOTE, 0, seven, seven + 5);
	e.attrs.id = "q2";
	e.attrs.speaker = "a";
	apply_and_undo(st, &e, "a quote as long as its claim");
	e = span_edit(EDIT_ITEM_ADD, ITEM_QUOTE, 0, two, two + 3);
	e.attrs.id = "q2";
	e.attrs.speaker = "a";
	refused(st, &e, "a quote cannot be inside a mention");
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 0, 3, 4);
	e.attrs.actor = "a";
	refused(st, &e, "holds no text");
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 0, 0, 999);
	e.attrs.actor = "a";
	refused(st, &e, "not within paragraph 1");
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 1, 0, 3);
	e.attrs.actor = "a";
	refused(st, &e, "is a \"Read more\" item");
	e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, 7, 0, 3);
	e.attrs.actor = "a";
	refused(st, &e, "there is no block 8");
	story_free(st);
}

Test(edit, refusals_of_attributes)
{
	struct story *st = seed();
	size_t b = 6, s = find(st, b, "April");
	struct edit e = span_edit(EDIT_ITEM_ADD, ITEM_MENTION, b, s, s + 5);

	e.attrs.actor = "nobody";
	refused(st, &e, "no actor 'nobody'");
	e.attrs.actor = NULL;
	refused(st, &e, "needs an actor");
	e.kind = ITEM_QUOTE;
	e.attrs.speaker = "lewis";
	e.attrs.id = "q1";
	refused(st, &e, "the id 'q1' is taken");
	e.attrs.id = "9lives";
	refused(st, &e, "needs an id");
	e.attrs.id = "huawei";
	refused(st, &e, "the id 'huawei' is taken");
	/* Inside claim [31], a claim may not go. */
	e.kind = ITEM_CLAIM;
	e.attrs.id = "cx";
	refused(st, &e, "a claim cannot be inside a claim");
	e.block = 8;
	e.start = 0;
	e.end = 3;
	cr_assert(strncmp(st->blocks[8].text, "But ", 4) == 0);
	e.attrs.by = "lewis lewis";
	refused(st, &e, "id 'lewis' is listed twice in by");
	e.attrs.by = "lewis";
	e.attrs.about = "nobody";
	refused(st, &e, "about: no actor 'nobody'");
	e.attrs.about = NULL;
	e.attrs.disputes = "c99";
	refused(st, &e, "disputes: no claim 'c99'");
	e.attrs.disputes = NULL;
	e.attrs.when = "2020-02-30";
	refused(st, &e, "when '2020-02-30' is not a date: February has no 30th");
	e.attrs.when = "2020-02-29T17:06";
	apply_and_undo(st, &e, "a dated claim");
	story_free(st);
}

Test(edit, remove_an_item_keeps_its_text_and_what_it_held)
{
	struct story *st = seed();
	size_t i, claim = NONE, n0 = st->nitems, held = 0, it;
	struct edit e, inv;
	char *text, *why = NULL;

	/* A claim that holds other items and that nothing disputes. */
	for (i = 0; i < st->nclaims && claim == NONE; i++)
		if (st->claims[i].disputed_by.n == 0 &&
		    st->claims[i].quotes.n > 0)
			claim = i;
	cr_assert_neq(claim, NONE);
	it = st->claims[claim].item;
	text = xstrdup_test_text(st->blocks[st->items[it].block].text);
	for (i = 0; i < st->nitems; i++)
		held += st->items[i].parent == it;
	cr_assert_gt(held, 0);
	e = span_edit(EDIT_ITEM_REMOVE, ITEM_CLAIM, st->items[it].block,
	    st->items[it].start, st->items[it].end);
	apply_and_undo(st, &e, "removing a claim");
	cr_assert(edit_apply(st, &e, &inv, &why), "%s", why);
	cr_assert_eq(st->nitems, n0 - 1);
	cr_assert_str_eq(st->blocks[e.block].text, text);
	cr_assert_eq(inv.op, EDIT_ITEM_ADD);
	cr_assert_not_null(inv.attrs.id);
	edit_free(&inv);
	free(text);
	story_free(st);
}

Test(edit, a_disputed_claim_is_not_removed)
{
	struct story *st = seed();
	size_t i, claim = NONE, it;
	struct edit e;

	for (i = 0; i < st->nclaims && claim == NONE; i++)
		if (st->claims[i].disputed_by.n > 0)
			claim = i;
	cr_assert_neq(claim, NONE);
	it = st->claims[claim].item;
	e = span_edit(EDIT_ITEM_REMOVE, ITEM_CLAIM, st->items[it].block,
	    st->items[it].start, st->items[it].end);
	refused(st, &e, "is disputed by claim");
	e.start++;
	refused(st, &e, "there is no claim there");
	story_free(st);
}

Test(edit, set_the_attributes_of_items)
{
	struct story *st = seed();
	size_t c = st->claims[0].item, q = st->quotes[0].item;
	size_t r = st->related[0].item, m = story_ix(st, st->mentions)[0];
	struct edit e;

	e = span_edit(EDIT_ITEM_SET, ITEM_CLAIM, st->items[c].block,
	    st->items[c].start, st->items[c].end);
	e.attrs.id = "c1renamed";
	e.attrs.by = "lewis ukgov";
	e.attrs.about = "huawei";
	e.attrs.when = "2020-01";
	apply_and_undo(st, &e, "changing a claim");
	e.attrs.disputes = "c1renamed";
	refused(st, &e, "no claim 'c1renamed'");
	e.attrs.id = "c1";
	e.attrs.disputes = "c1";
	refused(st, &e, "cannot dispute itself");
	e = span_edit(EDIT_ITEM_SET, ITEM_QUOTE, st->items[q].block,
	    st->items[q].start, st->items[q].end);
	e.attrs.id = st->quotes[0].id;
	e.attrs.speaker = "trump";
	apply_and_undo(st, &e, "changing a quote's speaker");
	e = span_edit(EDIT_ITEM_SET, ITEM_RELATED, st->items[r].block,
	    st->items[r].start, st->items[r].end);
	e.attrs.actors = "huawei brits";
	e.attrs.href = "brits.xml";
	apply_and_undo(st, &e, "changing a \"Read more\" item");
	e = span_edit(EDIT_ITEM_SET, ITEM_MENTION, st->items[m].block,
	    st->items[m].start, st->items[m].end);
	e.attrs.actor = "china";
	apply_and_undo(st, &e, "changing a mention's actor");
	story_free(st);
}

/* ---- actors ------------------------------------------------------- */

static struct edit
actor_edit(enum edit_op op, const char *id, enum actor_kind kind,
    const char *name)
{
	struct edit e;

	memset(&e, 0, sizeof e);
	e.op = op;
	e.index = NONE;
	e.actor.id = (char *)id;
	e.actor.kind = kind;
	e.actor.name = (char *)name;
	return e;
}

Test(edit, add_change_and_remove_actors)
{
	struct story *st = seed();
	char *aliases[] = { "the Ministry", "DCMS" };
	struct edit e = actor_edit(EDIT_ACTOR_ADD, "dcms", ACTOR_GOVERNMENT,
	    "Department for Digital, Culture, Media and Sport");
	size_t n0 = st->nactors;

	e.actor.member_of = "ukgov";
	e.actor.aliases = aliases;
	e.actor.naliases = 2;
	e.actor.note = "A ministry";
	apply_and_undo(st, &e, "adding an actor");
	e.index = 0;
	apply_and_undo(st, &e, "adding an actor at the top");
	cr_assert_eq(st->nactors, n0);
	/* Change: rename, re-kind, re-parent, alias. */
	e = actor_edit(EDIT_ACTOR_SET, "lewis", ACTOR_PERSON,
	    "Brandon Lewis MP");
	e.actor.member_of = "uk";
	e.actor.aliases = aliases;
	e.actor.naliases = 1;
	apply_and_undo(st, &e, "changing an actor");
	e.actor.member_of = "lewis";
	refused(st, &e, "a member of itself");
	e = actor_edit(EDIT_ACTOR_SET, "us", ACTOR_COUNTRY, "United States");
	e.actor.member_of = "nsa";
	refused(st, &e, "a member of itself");
	e.actor.member_of = NULL;
	e.actor.name = " ";
	refused(st, &e, "a name may not be blank");
	e.actor.name = "Bad\x1b[2J";
	refused(st, &e, "control characters");
	e = actor_edit(EDIT_ACTOR_ADD, "lewis", ACTOR_PERSON, "Another");
	refused(st, &e, "the id 'lewis' is taken");
	e.actor.id = "p1";
	refused(st, &e, "the id 'p1' is taken");
	e.actor.id = "new one";
	refused(st, &e, "needs an id");
	e = actor_edit(EDIT_ACTOR_REMOVE, "lewis", ACTOR_PERSON, NULL);
	refused(st, &e, "actor 'lewis' is referenced");
	e.actor.id = "us";
	refused(st, &e, "is referenced");
	e.actor.id = "ghost";
	refused(st, &e, "no actor 'ghost'");
	story_free(st);
}

Test(edit, remove_an_unreferenced_actor)
{
	static const char xml[] = "<story version=\"1\"><head><headline>H"
	    "</headline></head><actors><actor id=\"a\" kind=\"person\"><name>A"
	    "</name></actor><actor id=\"b\" kind=\"group\"><name>B</name>"
	    "<alias>Bee</alias></actor><actor id=\"c\" kind=\"person\" "
	    "member-of=\"a\"><name>C</name></actor></actors><body><p>One "
	    "<mention actor=\"c\">C</mention> and <mention actor=\"a\">A"
	    "</mention>.</p></body></story>";
	struct story *st = load_text(xml, sizeof xml - 1);
	struct edit e = actor_edit(EDIT_ACTOR_REMOVE, "b", ACTOR_PERSON, NULL);

	cr_assert_not_null(st);
	apply_and_undo(st, &e, "removing an actor");
	story_free(st);
}

Test(edit, merge_two_actors)
{
	struct story *st = seed();
	struct edits es = { NULL, 0, 0 }, inv = { NULL, 0, 0 };
	size_t len0, len1, keep, i, k;
	char *before = written(st, &len0), *after, *why = NULL;
	size_t mentions;

	keep = story_find_actor(st, "ukgov");
	mentions = st->actors[keep].mentions.n +
	    st->actors[story_find_actor(st, "spokesperson")].mentions.n;
	cr_assert(edit_merge_actors(st, "ukgov", "spokesperson", &es, &why),
	    "%s", why);
	cr_assert(edits_apply(st, &es, &inv, &why), "%s", why);
	check_valid(st, "a merge");
	cr_assert_eq(story_find_actor(st, "spokesperson"), NONE);
	keep = story_find_actor(st, "ukgov");
	cr_assert_eq(st->actors[keep].mentions.n, mentions);
	for (i = k = 0; i < st->actors[keep].naliases; i++)
		k += strcmp(st->actors[keep].aliases[i],
		    "Government spokesperson") == 0;
	cr_assert_eq(k, 1, "the gone actor's name is not an alias");
	cr_assert(edits_apply(st, &inv, NULL, &why), "%s", why);
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0,
	    "undoing a merge does not give the story back");
	edits_free(&es);
	edits_free(&inv);
	cr_assert_not(edit_merge_actors(st, "us", "us", &es, &why));
	free(why);
	cr_assert_not(edit_merge_actors(st, "nsa", "us", &es, &why));
	cr_assert(strstr(why, "is a member of") != NULL, "%s", why);
	free(why);
	free(before);
	free(after);
	story_free(st);
}

/* A sequence is all or nothing. */
Test(edit, a_refused_edit_in_a_sequence_undoes_the_others)
{
	struct story *st = seed();
	struct edits es = { NULL, 0, 0 };
	struct edit a = actor_edit(EDIT_ACTOR_ADD, "x1", ACTOR_OTHER, "X one");
	struct edit b = actor_edit(EDIT_ACTOR_ADD, "x1", ACTOR_OTHER, "again");
	size_t len0, len1, n0 = st->nactors;
	char *before = written(st, &len0), *after, *why = NULL;

	edits_push(&es, &a);
	edits_push(&es, &b);
	cr_assert_not(edits_apply(st, &es, NULL, &why));
	cr_assert(strstr(why, "taken") != NULL);
	cr_assert_eq(st->nactors, n0);
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0);
	edits_free(&es);
	free(why);
	free(before);
	free(after);
	story_free(st);
}

/* ---- the head ----------------------------------------------------- */

static struct edit
head_edit(enum edit_head f, const char *v)
{
	struct edit e;

	memset(&e, 0, sizeof e);
	e.op = EDIT_HEAD_SET;
	e.field = f;
	e.value = (char *)v;
	return e;
}

Test(edit, change_the_head)
{
	struct story *st = seed();
	struct edit e;

	e = head_edit(EDIT_HEADLINE, "A new headline \xE2\x80\xAE reversed");
	apply_and_undo(st, &e, "a new headline");
	e = head_edit(EDIT_BYLINE, "By A. Reporter");
	apply_and_undo(st, &e, "a byline");
	e = head_edit(EDIT_SOURCE, "City A.M.");
	apply_and_undo(st, &e, "a source");
	e = head_edit(EDIT_WHEN, "2020-01-12");
	apply_and_undo(st, &e, "a dateline's when");
	e = head_edit(EDIT_LANG, "en-GB");
	apply_and_undo(st, &e, "a language");
	e = head_edit(EDIT_HEADLINE, NULL);
	refused(st, &e, "needs a headline");
	e = head_edit(EDIT_HEADLINE, "   ");
	refused(st, &e, "may not be blank");
	e = head_edit(EDIT_WHEN, "2020-13");
	refused(st, &e, "is not a date: there is no month 13");
	e = head_edit(EDIT_DATELINE, NULL);
	refused(st, &e, "has a when");
	story_free(st);
}

/* A headline typed with a bidi override keeps it in the file and shows
 * a placeholder. */
Test(edit, typed_controls_are_kept_and_never_shown)
{
	struct story *st = seed();
	struct edit e = head_edit(EDIT_HEADLINE, "Left \xE2\x80\xAE right");
	size_t len;
	char *xml, *why = NULL;

	cr_assert(edit_apply(st, &e, NULL, &why), "%s", why);
	cr_assert(strstr(st->headline, "<U+202E>") != NULL, "%s",
	    st->headline);
	xml = written(st, &len);
	cr_assert(strstr(xml, "Left &#x202E; right") != NULL);
	free(xml);
	story_free(st);
}

/* ---- random sequences --------------------------------------------- */

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static size_t
rnd(size_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (size_t)((rng * 0x2545F4914F6CDD1DULL) >> 33) % n : 0;
}

/* A random span of whole words of a random paragraph. */
static bool
random_span(const struct story *st, size_t *block, size_t *s, size_t *e)
{
	const struct block *b;
	size_t a, z, tries;

	for (tries = 0; tries < 20; tries++) {
		*block = rnd(st->nblocks);
		b = &st->blocks[*block];
		if (b->kind == BLOCK_PARAGRAPH && b->len > 2)
			break;
	}
	b = &st->blocks[*block];
	if (b->kind != BLOCK_PARAGRAPH || b->len < 3)
		return false;
	a = rnd(b->len);
	while (a > 0 && b->text[a - 1] != ' ')
		a--;
	z = a + 1 + rnd(40);
	if (z > b->len)
		z = b->len;
	while (z < b->len && b->text[z] != ' ')
		z++;
	*s = a;
	*e = z;
	return true;
}

static const char *
random_actor(const struct story *st)
{
	return st->actors[rnd(st->nactors)].id;
}

/* One random edit, which may well be refused. */
static void
random_edit(const struct story *st, struct edit *e, size_t n, char *id,
    size_t idlen, char *list, size_t listlen)
{
	size_t i;

	memset(e, 0, sizeof *e);
	e->index = NONE;
	snprintf(id, idlen, "z%zu", n);
	switch (rnd(8)) {
	case 0: case 1: case 2:
		e->op = EDIT_ITEM_ADD;
		e->kind = rnd(3) == 0 ? ITEM_CLAIM : rnd(2) ? ITEM_QUOTE :
		    ITEM_MENTION;
		if (!random_span(st, &e->block, &e->start, &e->end))
			return;
		e->attrs.actor = (char *)random_actor(st);
		e->attrs.speaker = (char *)random_actor(st);
		e->attrs.id = id;
		if (e->kind == ITEM_CLAIM) {
			snprintf(list, listlen, "%s %s", random_actor(st),
			    random_actor(st));
			e->attrs.about = list;
			e->attrs.when = rnd(2) ? "2020-01-12" : NULL;
		}
		return;
	case 3: case 4:
		if (st->nitems == 0)
			return;
		i = rnd(st->nitems);
		e->op = rnd(2) ? EDIT_ITEM_REMOVE : EDIT_ITEM_SET;
		e->kind = st->items[i].kind;
		e->block = st->items[i].block;
		e->start = st->items[i].start;
		e->end = st->items[i].end;
		e->attrs.actor = (char *)random_actor(st);
		e->attrs.speaker = (char *)random_actor(st);
		e->attrs.id = id;
		e->attrs.by = (char *)random_actor(st);
		e->attrs.actors = (char *)random_actor(st);
		return;
	case 5:
		e->op = EDIT_ACTOR_ADD;
		e->index = rnd(st->nactors + 1);
		e->actor.id = id;
		e->actor.kind = (enum actor_kind)rnd(ACTOR_NKINDS);
		e->actor.name = "A new actor";
		e->actor.member_of = rnd(2) ? (char *)random_actor(st) : NULL;
		return;
	case 6:
		e->op = rnd(3) ? EDIT_ACTOR_SET : EDIT_ACTOR_REMOVE;
		i = rnd(st->nactors);
		e->actor.id = st->actors[i].id;
		e->actor.kind = (enum actor_kind)rnd(ACTOR_NKINDS);
		e->actor.name = "Renamed";
		e->actor.member_of = rnd(2) ? (char *)random_actor(st) : NULL;
		return;
	default:
		e->op = EDIT_HEAD_SET;
		e->field = rnd(2) ? EDIT_BYLINE : EDIT_HEADLINE;
		e->value = "Changed";
		return;
	}
}

/* Random edits, each checked against the file it makes, then undone
 * one by one back to the story as it was. */
static void
random_walk(struct story *st, size_t steps)
{
	struct edit e, *undo = xcalloc_test(steps);
	size_t len0, len1, n = 0, i, applied = 0;
	char *before = written(st, &len0), *after, *why, id[32], list[128];
	struct buf what = BUF_INIT;

	for (i = 0; i < steps; i++) {
		random_edit(st, &e, i, id, sizeof id, list, sizeof list);
		why = NULL;
		if (e.op == EDIT_ITEM_ADD && e.start == e.end)
			continue;
		if (!edit_apply(st, &e, &undo[n], &why)) {
			free(why);
			continue;
		}
		buf_truncate(&what, 0);
		buf_printf(&what, "step %zu (", i);
		edit_describe(&e, &what);
		buf_puts(&what, ")");
		check_valid(st, what.data);
		n++;
		applied++;
	}
	cr_assert_geq(applied, steps / 10, "only %zu of %zu edits applied",
	    applied, steps);
	while (n > 0) {
		why = NULL;
		cr_assert(edit_apply(st, &undo[n - 1], NULL, &why),
		    "an inverse was refused: %s", why);
		edit_free(&undo[--n]);
	}
	after = written(st, &len1);
	cr_assert(len0 == len1 && memcmp(before, after, len0) == 0,
	    "undoing every edit does not give the story back");
	buf_free(&what);
	free(undo);
	free(before);
	free(after);
}

Test(edit, random_edits_and_their_inverses_on_the_seed)
{
	struct story *st = seed();

	random_walk(st, 400);
	story_free(st);
}

Test(edit, random_edits_and_their_inverses_on_hostile_text)
{
	char *path = NULL;
	struct load_opts o = { LOAD_MAX_SIZE_DEFAULT };
	struct diag d = DIAG_INIT;
	struct story *st;
	const char *dir = getenv("TESTDIR");

	cr_assert_not_null(dir);
	cr_assert(asprintf(&path, "%s/data/hostile-text.xml", dir) > 0);
	st = load_file(path, &o, &d);
	diag_free(&d);
	cr_assert_not_null(st);
	random_walk(st, 300);
	story_free(st);
	free(path);
}
