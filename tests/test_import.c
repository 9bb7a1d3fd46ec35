/* test_import.c - --import: plain text and NITF into stories.
 *
 * Most tests import text in-process (import_memory) and look at the
 * story that comes out, loaded back with load_memory; the command line
 * tests run $NEWSLENS for the exit statuses, the messages and -o.  The
 * articles in tests/import/data have their expected --list output next
 * to them, in FILE.expected. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "import/import.h"
#include "cli/list.h"
#include "format/load.h"
#include "model/story.h"
#include "testutil.h"

#define SEED_GAZETTEER	"huawei-2020-01-12.xml"

static struct diag d = DIAG_INIT;
static struct story *gazetteer;

static void
teardown(void)
{
	diag_free(&d);
	story_free(gazetteer);
	gazetteer = NULL;
}

TestSuite(import, .fini = teardown, .timeout = 60);
TestSuite(import_cli, .timeout = 60);

/* ---- helpers ------------------------------------------------------ */

static const struct story *
huawei(void)
{
	char *path;

	if (gazetteer == NULL) {
		path = data_path(SEED_GAZETTEER);
		gazetteer = load_file(path, NULL, &d);
		cr_assert_not_null(gazetteer, "cannot load %s", path);
		free(path);
	}
	return gazetteer;
}

/* Imports text (with the gazetteer gaz, or none) and loads the result
 * back; the import must work and its story must load. */
static struct story *
imp_gaz(const char *text, const struct story *gaz)
{
	struct import_opts o = { gaz, IMPORT_FROM_AUTO };
	struct diag vd = DIAG_INIT;
	struct story *st;
	size_t len;
	char *xml;

	diag_free(&d);
	xml = import_memory(text, strlen(text), "t.txt", &o, &len, &d);
	cr_assert_not_null(xml, "import failed: %s",
	    d.n > 0 ? d.msgs[0] : "(no message)");
	cr_assert_eq(strlen(xml), len);
	st = load_memory(xml, len, "t.xml", NULL, &vd);
	cr_assert_not_null(st, "the import does not load: %s\n%s",
	    vd.n > 0 ? vd.msgs[0] : "", xml);
	diag_free(&vd);
	free(xml);
	return st;
}

static struct story *
imp(const char *text)
{
	return imp_gaz(text, NULL);
}

/* The import fails, with a first message that holds needle. */
static void
imp_fails(const char *text, size_t len, const char *needle)
{
	char *xml;

	diag_free(&d);
	xml = import_memory(text, len, "t.txt", NULL, NULL, &d);
	cr_assert_null(xml, "imported what should fail:\n%s", xml);
	cr_assert_gt(d.n, 0, "no message");
	cr_expect(strstr(d.msgs[d.n - 1], needle) != NULL,
	    "message '%s' lacks '%s'", d.msgs[d.n - 1], needle);
}

/* Whether some message holds needle. */
static bool
said(const char *needle)
{
	size_t i;

	for (i = 0; i < d.n; i++)
		if (strstr(d.msgs[i], needle) != NULL)
			return true;
	return false;
}

static bool
item_is(const struct story *st, size_t item, const char *text)
{
	size_t len;
	const char *s = story_item_text(st, item, &len);

	return strlen(text) == len && memcmp(s, text, len) == 0;
}

/* The id of the actor of the first mention that reads exactly text, or
 * NULL if no mention does. */
static const char *
mention_of(const struct story *st, const char *text)
{
	size_t i;

	for (i = 0; i < st->mentions.n; i++)
		if (item_is(st, story_ix(st, st->mentions)[i], text))
			return st->actors[st->items[story_ix(st, st->mentions)[i]].ref].id;
	return NULL;
}

static size_t
mentions_reading(const struct story *st, const char *text)
{
	size_t i, n = 0;

	for (i = 0; i < st->mentions.n; i++)
		n += item_is(st, story_ix(st, st->mentions)[i], text);
	return n;
}

/* The speaker's id of the quote that reads exactly text, or NULL. */
static const char *
speaker_of(const struct story *st, const char *text)
{
	size_t i;

	for (i = 0; i < st->nquotes; i++)
		if (item_is(st, st->quotes[i].item, text))
			return st->actors[st->quotes[i].speaker].id;
	return NULL;
}

/* The claim that reads exactly text, or NULL. */
static const struct claim *
claim_reading(const struct story *st, const char *text)
{
	size_t i;

	for (i = 0; i < st->nclaims; i++)
		if (item_is(st, st->claims[i].item, text))
			return &st->claims[i];
	return NULL;
}

static bool
has_actor(const struct story *st, const struct idx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (strcmp(st->actors[x->v[i]].id, id) == 0)
			return true;
	return false;
}

static const char *
name_of(const struct story *st, const char *id)
{
	size_t a = story_find_actor(st, id);

	return a == NONE ? NULL : st->actors[a].name;
}

static char *
read_all(const char *path, size_t *lenp)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	cr_assert_not_null(fp, "cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	if (lenp != NULL)
		*lenp = b.len;
	return buf_detach(&b);
}

/* Imports a file of tests/import/data through the library. */
static struct story *
imp_file(const char *name, const struct story *gaz)
{
	char *rel = test_join("import/data", name), *path = test_path(rel);
	char *text = read_all(path, NULL);
	struct story *st = imp_gaz(text, gaz);

	free(text);
	free(path);
	free(rel);
	return st;
}

/* ---- structure ---------------------------------------------------- */

Test(import, seed_structure)
{
	struct story *st = imp_file("../../data/seed.txt", NULL);

	cr_expect_str_eq(st->headline,
	    "US officials to hold last-ditch talks with UK over Huawei ban");
	cr_expect_str_eq(st->dateline, "Sunday 12 January 2020 5:06 pm");
	cr_expect_str_eq(st->dateline_when, "2020-01-12T17:06");
	cr_expect_str_eq(st->lang, "en");
	cr_expect_eq(st->nblocks, 14);
	cr_expect_eq(st->nrelated, 2);
	cr_expect_eq(st->blocks[2].kind, BLOCK_RELATED);
	cr_expect_str_eq(st->blocks[2].text,
	    "Just one in 10 Brits trusts Huawei amid China spying fears");
	cr_expect_str_eq(st->blocks[11].text,
	    "Huawei predicts ‘difficult’ 2020 as US sanctions bite");
	cr_expect(strncmp(st->blocks[13].text, "A government spokesperson "
	    "said: “The security", 44) == 0, "%s", st->blocks[13].text);
	story_free(st);
}

Test(import, seed_text_is_kept_verbatim)
{
	struct story *gold, *st = imp_file("../../data/seed.txt", NULL);
	char *path = data_path(SEED_GAZETTEER);
	size_t i;

	gold = load_file(path, NULL, &d);
	free(path);
	cr_assert_not_null(gold);
	cr_assert_eq(st->nblocks, gold->nblocks);
	for (i = 0; i < st->nblocks; i++)
		cr_expect_str_eq(st->blocks[i].text, gold->blocks[i].text);
	story_free(gold);
	story_free(st);
}

Test(import, crlf_and_bom_change_nothing)
{
	const char *lf = "Monday 3 May 2021\n\nA headline\n\nFirst "
	    "paragraph.\n\nSecond paragraph.\n";
	const char *crlf = "\xEF\xBB\xBFMonday 3 May 2021\r\n\r\nA headline"
	    "\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n";
	struct story *a = imp(lf), *b = imp(crlf);
	size_t i;

	cr_expect_str_eq(b->headline, "A headline");
	cr_expect_str_eq(b->dateline_when, "2021-05-03");
	cr_assert_eq(a->nblocks, 2);
	cr_assert_eq(b->nblocks, 2);
	for (i = 0; i < a->nblocks; i++)
		cr_expect_str_eq(a->blocks[i].text, b->blocks[i].text);
	cr_expect_eq(d.n, 0, "%s", d.n ? d.msgs[0] : "");
	story_free(a);
	story_free(b);
}

Test(import, single_newlines_separate_paragraphs)
{
	struct story *st = imp("A headline\nThe first paragraph is here.\n"
	    "The second one.\nAnd a third.\n");

	cr_expect_str_eq(st->headline, "A headline");
	cr_expect_null(st->dateline);
	cr_assert_eq(st->nblocks, 3);
	cr_expect_str_eq(st->blocks[1].text, "The second one.");
	story_free(st);
}

Test(import, wrapped_lines_are_joined)
{
	struct story *st = imp("A headline\n\nThis paragraph was wrapped at "
	    "a narrow width by\nthe program that wrote it, so its lines\n"
	    "are one paragraph.\n\nA second paragraph.\n");

	cr_assert_eq(st->nblocks, 2);
	cr_expect_str_eq(st->blocks[0].text, "This paragraph was wrapped at a "
	    "narrow width by the program that wrote it, so its lines are one "
	    "paragraph.");
	story_free(st);
}

Test(import, read_more_related_and_see_also)
{
	struct story *st = imp("Headline\n\nText.\n\nRead more: One title\n\n"
	    "Related: Two title\nSee also - Three title\nREAD MORE: Four\n\n"
	    "Read more:\n\nMore text.\n");

	cr_assert_eq(st->nrelated, 4);
	cr_expect_str_eq(st->blocks[st->related[0].block].text, "One title");
	cr_expect_str_eq(st->blocks[st->related[1].block].text, "Two title");
	cr_expect_str_eq(st->blocks[st->related[2].block].text,
	    "Three title");
	cr_expect_str_eq(st->blocks[st->related[3].block].text, "Four");
	/* A label with no title is text. */
	cr_expect_str_eq(st->blocks[st->nblocks - 2].text, "Read more:");
	story_free(st);
}

Test(import, related_items_name_their_actors)
{
	struct story *st = imp_gaz("Headline\n\nHuawei is in the news.\n\n"
	    "Read more: Huawei predicts ‘difficult’ 2020 as US sanctions "
	    "bite\n", huawei());

	cr_assert_eq(st->nrelated, 1);
	cr_expect(has_actor(st, &st->related[0].actors, "huawei"));
	cr_expect(has_actor(st, &st->related[0].actors, "us"));
	story_free(st);
}

Test(import, byline_and_datelines)
{
	struct story *st = imp("Headline here\nBy Jane Doe\n12 March 2021 "
	    "14:30 GMT\n\nText.\n");

	cr_expect_str_eq(st->byline, "Jane Doe");
	cr_expect_str_eq(st->dateline, "12 March 2021 14:30 GMT");
	cr_expect_str_eq(st->dateline_when, "2021-03-12T14:30Z");
	story_free(st);
	st = imp("Published: January 5, 2020 at 9:15 am\nHeadline\n\nText.\n");
	cr_expect_str_eq(st->headline, "Headline");
	cr_expect_str_eq(st->dateline_when, "2020-01-05T09:15");
	story_free(st);
	st = imp("2020-02-29T23:59\nLeap day\n\nText.\n");
	cr_expect_str_eq(st->dateline_when, "2020-02-29T23:59");
	story_free(st);
	/* Not a date: the line is the headline. */
	st = imp("30 February 2021\nText.\n");
	cr_expect_str_eq(st->headline, "30 February 2021");
	cr_expect_null(st->dateline);
	story_free(st);
}

Test(import, press_release_dateline_in_the_first_paragraph)
{
	struct story *st = imp("FOR IMMEDIATE RELEASE\n\nAcme opens a plant\n\n"
	    "LONDON, 3 March 2021 – Acme Corp opened a plant today.\n");

	cr_expect_str_eq(st->headline, "Acme opens a plant");
	cr_expect_str_eq(st->dateline, "LONDON, 3 March 2021");
	cr_expect_str_eq(st->dateline_when, "2021-03-03");
	cr_expect(said("'FOR IMMEDIATE RELEASE' left out"));
	story_free(st);
}

Test(import, markup_characters_are_escaped)
{
	struct story *st = imp("Q&A: <b> \"tags\" & 'quotes'\n\n"
	    "A & B < C > D \"E\" said Ann Lee.\n");

	cr_expect_str_eq(st->headline, "Q&A: <b> \"tags\" & 'quotes'");
	cr_expect_str_eq(st->blocks[0].text,
	    "A & B < C > D \"E\" said Ann Lee.");
	story_free(st);
}

/* ---- quotes and speakers ------------------------------------------ */

Test(import, quote_then_speaker_said)
{
	struct story *st = imp("H\n\n“We will build it,” Brandon Lewis said.\n"
	    "“It is ready,” said Brandon Lewis.\n");

	cr_expect_str_eq(speaker_of(st, "We will build it,"), "brandon-lewis");
	cr_expect_str_eq(speaker_of(st, "It is ready,"), "brandon-lewis");
	cr_expect_eq(st->nactors, 1);
	story_free(st);
}

Test(import, speaker_said_colon_quote)
{
	struct story *st = imp_gaz("H\n\nA government spokesperson said: “The "
	    "security of the UK’s networks is of paramount importance.”\n",
	    huawei());

	cr_expect_str_eq(speaker_of(st, "The security of the UK’s networks is "
	    "of paramount importance."), "spokesperson");
	story_free(st);
}

Test(import, speaker_told_the_bbc)
{
	struct story *st = imp_gaz("H\n\nSecurity minister Brandon Lewis told "
	    "the BBC today that a decision would be taken “relatively soon”.\n",
	    huawei());

	cr_expect_str_eq(speaker_of(st, "relatively soon"), "lewis");
	story_free(st);
}

Test(import, according_to_speaker)
{
	struct story *st = imp("H\n\nAccording to Maria Alvarez, “the plant is "
	    "ready”.\n\n“It will open in May,” according to Tom Ellis.\n");

	cr_expect_str_eq(speaker_of(st, "the plant is ready"),
	    "maria-alvarez");
	cr_expect_str_eq(speaker_of(st, "It will open in May,"), "tom-ellis");
	story_free(st);
}

Test(import, quote_continues_into_the_next_paragraph)
{
	struct story *st = imp("H\n\nPriya Shah said: “We listened to "
	    "everyone.\n\n“And this is the right plan.”\n\n“Really?” asked "
	    "Tom Ellis.\n");

	cr_assert_eq(st->nquotes, 3);
	cr_expect_str_eq(speaker_of(st, "We listened to everyone."),
	    "priya-shah");
	cr_expect_str_eq(speaker_of(st, "And this is the right plan."),
	    "priya-shah");
	cr_expect_str_eq(speaker_of(st, "Really?"), "tom-ellis");
	story_free(st);
}

Test(import, nested_single_quotes_stay_in_the_quote)
{
	struct story *st = imp("H\n\n“They told us ‘no parking, no "
	    "shopping’, and left,” Tom Ellis said.\n\n‘We are ready,’ said "
	    "Priya Shah.\n");

	cr_expect_str_eq(speaker_of(st, "They told us ‘no parking, no "
	    "shopping’, and left,"), "tom-ellis");
	cr_expect_str_eq(speaker_of(st, "We are ready,"), "priya-shah");
	cr_expect_eq(st->nquotes, 2);
	story_free(st);
}

Test(import, straight_quotes)
{
	struct story *st = imp("H\n\n\"Nobody asked us,\" Tom Ellis said. "
	    "\"Half of our customers come by car.\"\n");

	cr_expect_str_eq(speaker_of(st, "Nobody asked us,"), "tom-ellis");
	cr_expect_str_eq(speaker_of(st, "Half of our customers come by car."),
	    "tom-ellis");
	story_free(st);
}

Test(import, pronoun_speaker_is_the_last_person)
{
	struct story *st = imp_gaz("H\n\nBrandon Lewis spoke to reporters.\n\n"
	    "“It will be soon,” he said.\n", huawei());

	cr_expect_str_eq(speaker_of(st, "It will be soon,"), "lewis");
	cr_expect_str_eq(mention_of(st, "he"), "lewis");
	story_free(st);
}

Test(import, scare_quotes_without_a_speaker_stay_text)
{
	struct story *st = imp("H\n\nThe so-called “special relationship” is "
	    "under strain.\n");

	cr_expect_eq(st->nquotes, 0);
	cr_expect_str_eq(st->blocks[0].text,
	    "The so-called “special relationship” is under strain.");
	story_free(st);
}

/* ---- the gazetteer ------------------------------------------------ */

Test(import, gazetteer_is_case_insensitive)
{
	struct story *st = imp_gaz("H\n\nHUAWEI and huawei and Huawei; the "
	    "Government and THE GOVERNMENT.\n", huawei());

	cr_expect_eq(mentions_reading(st, "HUAWEI"), 1);
	cr_expect_str_eq(mention_of(st, "huawei"), "huawei");
	cr_expect_str_eq(mention_of(st, "Huawei"), "huawei");
	cr_expect_str_eq(mention_of(st, "the Government"), "ukgov");
	cr_expect_str_eq(mention_of(st, "THE GOVERNMENT"), "ukgov");
	story_free(st);
}

Test(import, gazetteer_matches_whole_words)
{
	struct story *st = imp_gaz("H\n\nUKIP and Chinese firms met in "
	    "Chinatown, not in China or the UK.\n", huawei());
	size_t i;

	cr_expect_str_eq(mention_of(st, "China"), "china");
	cr_expect_str_eq(mention_of(st, "UK"), "uk");
	/* Nothing else is China or the UK: not "UKIP", not "Chinese". */
	for (i = 0; i < st->mentions.n; i++) {
		const char *id = st->actors[st->items[story_ix(st, st->mentions)[i]].ref].id;

		cr_expect(strcmp(id, "uk") != 0 || item_is(st,
		    story_ix(st, st->mentions)[i], "UK"));
		cr_expect(strcmp(id, "china") != 0 || item_is(st,
		    story_ix(st, st->mentions)[i], "China"));
	}
	cr_expect_eq(mentions_reading(st, "Chinese"), 0);
	story_free(st);
}

Test(import, gazetteer_longest_name_first)
{
	struct story *st = imp_gaz("H\n\nThe US National Economic Council met "
	    "authorities in Beijing and US officials.\n", huawei());

	cr_expect_str_eq(mention_of(st, "US National Economic Council"),
	    "nec");
	cr_expect_str_eq(mention_of(st, "authorities in Beijing"),
	    "chinagov");
	cr_expect_str_eq(mention_of(st, "US officials"), "usofficials");
	cr_expect_eq(st->mentions.n, 3);
	story_free(st);
}

Test(import, gazetteer_possessives)
{
	struct story *st = imp_gaz("H\n\nThe UK’s networks and the UK's "
	    "firms, and Huawei’s and the firms’ plans.\n", huawei());

	cr_expect_str_eq(mention_of(st, "UK’s"), "uk");
	cr_expect_str_eq(mention_of(st, "UK's"), "uk");
	cr_expect_str_eq(mention_of(st, "Huawei’s"), "huawei");
	cr_expect_str_eq(mention_of(st, "the firms’"), "telcos");
	story_free(st);
}

Test(import, gazetteer_acronyms_only_in_capitals)
{
	struct story *st = imp_gaz("H\n\nLet us talk about the US.\n",
	    huawei());

	cr_expect_eq(st->mentions.n, 1);
	cr_expect_str_eq(mention_of(st, "US"), "us");
	story_free(st);
}

Test(import, gazetteer_keeps_ids_kinds_and_members)
{
	struct story *st = imp_gaz("H\n\nBrandon Lewis met Huawei.\n",
	    huawei());
	size_t lewis = story_find_actor(st, "lewis");

	cr_assert_neq(lewis, NONE);
	cr_expect_eq(st->actors[lewis].kind, ACTOR_PERSON);
	cr_expect_str_eq(st->actors[lewis].note, "Security minister");
	/* Its group and country come with it, for member-of. */
	cr_assert_neq(st->actors[lewis].parent, NONE);
	cr_expect_str_eq(st->actors[st->actors[lewis].parent].id, "ukgov");
	cr_expect_neq(story_find_actor(st, "uk"), NONE);
	/* Actors the article does not name are left out. */
	cr_expect_eq(story_find_actor(st, "pottinger"), NONE);
	story_free(st);
}

Test(import, gazetteer_surnames)
{
	struct story *st = imp_gaz("H\n\nLewis said no. Lewis Hamilton did "
	    "not.\n", huawei());

	cr_expect_str_eq(mention_of(st, "Lewis"), "lewis");
	cr_expect_str_eq(mention_of(st, "Lewis Hamilton"), "lewis-hamilton");
	story_free(st);
}

Test(import, seed_with_gazetteer_finds_descriptions_and_pronouns)
{
	struct story *st = imp_file("../../data/seed.txt", huawei());

	cr_expect_str_eq(mention_of(st, "the embattled Chinese tech firm"),
	    "huawei");
	cr_expect_str_eq(mention_of(st, "the firm’s"), "huawei");
	cr_expect_str_eq(mention_of(st, "US President Donald Trump"),
	    "trump");
	cr_expect_str_eq(mention_of(st, "their"), "telcos");
	cr_expect_str_eq(mention_of(st, "sources"), "sources");
	cr_expect_str_eq(mention_of(st, "The delegation of officials"),
	    "usofficials");
	cr_expect_str_eq(speaker_of(st, "relatively soon"), "lewis");
	story_free(st);
}

/* ---- without a gazetteer ------------------------------------------ */

Test(import, proper_nouns_and_acronyms)
{
	struct story *st = imp("H\n\nThe BBC said that Huawei and Brandon "
	    "Lewis met the NSA in London.\n");

	cr_expect_str_eq(mention_of(st, "Huawei"), "huawei");
	cr_expect_str_eq(mention_of(st, "BBC"), "bbc");
	cr_expect_str_eq(mention_of(st, "Brandon Lewis"), "brandon-lewis");
	cr_expect_str_eq(mention_of(st, "NSA"), "nsa");
	cr_expect_str_eq(mention_of(st, "London"), "london");
	/* Kinds from the evidence of the names (issue 14). */
	cr_expect_eq(st->actors[story_find_actor(st, "bbc")].kind,
	    ACTOR_MEDIA);
	cr_expect_eq(st->actors[story_find_actor(st, "brandon-lewis")].kind,
	    ACTOR_PERSON);
	cr_expect_eq(st->actors[story_find_actor(st, "london")].kind,
	    ACTOR_COUNTRY);
	cr_expect_eq(st->actors[story_find_actor(st, "huawei")].kind,
	    ACTOR_OTHER);
	story_free(st);
}

Test(import, later_short_forms)
{
	struct story *st = imp("H\n\nLewis spoke first.\n\nBrandon Lewis "
	    "arrived late.\n\nLewis said so. The National Security Agency "
	    "agreed, and the NSA said so too.\n");

	/* Before the full name, "Lewis" is no one yet. */
	cr_expect_eq(mentions_reading(st, "Lewis"), 1);
	cr_expect_str_eq(mention_of(st, "Lewis"), "brandon-lewis");
	cr_expect_str_eq(mention_of(st, "NSA"), "national-security-agency");
	story_free(st);
}

Test(import, ambiguous_short_forms_are_not_linked)
{
	struct story *st = imp("H\n\nJohn Smith and Jane Smith met. Smith "
	    "spoke.\n");

	cr_expect_null(mention_of(st, "Smith"));
	story_free(st);
}

Test(import, sentence_capitals_and_titles_are_not_names)
{
	struct story *st = imp("H\n\nRepresentatives met in April. Security "
	    "minister Brandon Lewis and President Donald Trump spoke on "
	    "Monday. The Chinese firm agreed.\n");

	cr_expect_null(name_of(st, "representatives"));
	cr_expect_null(name_of(st, "security"));
	cr_expect_null(name_of(st, "april"));
	cr_expect_null(name_of(st, "monday"));
	cr_expect_null(name_of(st, "chinese"));
	cr_expect_str_eq(mention_of(st, "Donald Trump"), "donald-trump");
	cr_expect_str_eq(mention_of(st, "Brandon Lewis"), "brandon-lewis");
	story_free(st);
}

Test(import, groups_named_after_places)
{
	struct story *st = imp("H\n\nThe US and China met. US officials and "
	    "Chinese authorities spoke.\n");

	cr_expect_str_eq(mention_of(st, "US"), "us");
	cr_expect_str_eq(mention_of(st, "US officials"), "us-officials");
	cr_expect_str_eq(mention_of(st, "Chinese authorities"),
	    "chinese-authorities");
	story_free(st);
}

/* ---- claims ------------------------------------------------------- */

Test(import, claims_from_reported_speech)
{
	struct story *st = imp_gaz("H\n\nUS officials have repeatedly warned "
	    "the UK and other allies that any cooperation with Huawei could "
	    "put agreements at risk.\n\nHuawei has always denied allegations "
	    "of wrongdoing, and has accused the US of launching a campaign "
	    "against it.\n\nA leak suggested the government will allow Huawei "
	    "to take part.\n\nTrump added Huawei to a blacklist over fears "
	    "that its equipment could be used for spying.\n\nAccording to "
	    "Reuters, the decision is close.\n", huawei());
	const struct claim *c;

	c = claim_reading(st, "any cooperation with Huawei could put "
	    "agreements at risk");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "usofficials"));
	cr_expect(has_actor(st, &c->about, "huawei"));
	c = claim_reading(st, "Huawei has always denied allegations of "
	    "wrongdoing");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "huawei"));
	c = claim_reading(st, "has accused the US of launching a campaign "
	    "against it");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "huawei"));
	cr_expect(has_actor(st, &c->about, "us"));
	c = claim_reading(st, "the government will allow Huawei to take "
	    "part");
	cr_assert_not_null(c);
	cr_expect_eq(c->by.n, 0);
	cr_expect(has_actor(st, &c->about, "ukgov"));
	c = claim_reading(st, "its equipment could be used for spying");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "trump"));
	c = claim_reading(st, "the decision is close");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "reuters"));
	story_free(st);
}

Test(import, claims_hold_whole_quotes)
{
	struct story *st = imp_gaz("H\n\nA government spokesperson said: “The "
	    "networks matter. A decision will be made in due course.”\n",
	    huawei());
	const struct claim *c;

	c = claim_reading(st, "“The networks matter. A decision will be made "
	    "in due course.”");
	cr_assert_not_null(c);
	cr_expect(has_actor(st, &c->by, "spokesperson"));
	cr_expect_eq(c->quotes.n, 1);
	story_free(st);
}

Test(import, attributions_are_not_claims)
{
	struct story *st = imp("H\n\n“We will win,” said Maria Alvarez, chief "
	    "executive of Northwind Energy.\n");

	cr_expect_eq(st->nclaims, 0);
	story_free(st);
}

/* ---- bad input ---------------------------------------------------- */

Test(import, invalid_utf8_becomes_replacement_with_one_warning)
{
	struct story *st = imp("H\n\nFirst.\n\nBad \xff byte and \xc3 "
	    "another.\n\nMore \xfe bad.\n");

	cr_expect_eq(d.n, 1);
	cr_expect(said("t.txt:5: warning: invalid UTF-8 replaced by U+FFFD"),
	    "%s", d.n ? d.msgs[0] : "");
	cr_expect_str_eq(st->blocks[1].text,
	    "Bad \xEF\xBF\xBD byte and \xEF\xBF\xBD another.");
	story_free(st);
}

Test(import, control_characters_are_dropped_with_a_warning)
{
	struct story *st = imp("H\n\nAn \x1b[31mescape\x07 and a \xc2\x85 C1 "
	    "control.\n");

	cr_expect_str_eq(st->blocks[0].text, "An [31mescape and a C1 control.");
	cr_expect(said("t.txt:3: warning: control characters dropped"));
	story_free(st);
}

Test(import, empty_and_blank_files_fail)
{
	imp_fails("", 0, "the file is empty");
	imp_fails("\xEF\xBB\xBF \n\n\t\r\n", 7, "the file is empty");
}

Test(import, no_headline_fails)
{
	imp_fails("Sunday 12 January 2020\n\n", 24, "no headline");
	imp_fails("Read more: Only a link\n", 23, "no headline");
}

Test(import, a_paragraph_is_not_a_headline)
{
	char text[600];

	memset(text, 'a', sizeof text);
	memcpy(text + 590, " word.\n\n", 8);
	text[sizeof text - 1] = '\0';
	imp_fails(text, strlen(text), "no headline");
}

Test(import, binary_data_fails)
{
	char bin[256];
	size_t i;

	for (i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i * 37 + 11);
	imp_fails(bin, sizeof bin, "not a text article");
}

Test(import, other_xml_fails)
{
	const char *xml = "<?xml version=\"1.0\"?>\n<story version=\"1\"/>\n";

	imp_fails(xml, strlen(xml), "root element 'story'");
}

/* Whatever the text, what is written loads: pieces of articles, marks
 * and odd characters in many orders. */
Test(import, every_output_validates)
{
	static const char *pieces[] = {
		"Huawei", "the UK’s", "“", "”", "‘", "’", "\"", "'", " said ",
		"Brandon Lewis", " told the BBC that ", ", according to ",
		"US officials", " has denied ", " warned that ", ". ", ", ",
		"\n", "\n\n", "Read more: ", "its", " it ", "the firm",
		"NSA", "(NSA)", "é", "\xcc\x81", "日本", "\xf0\x9f\x98\x80",
		"&", "<", ">", "]]>", "Mr. ", "U.S.", " of ", "-", "—",
		"\xff", "\x01", "   ", "X", "said:", " he said",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	struct import_opts o = { NULL };
	unsigned seed = 12345;
	int round, k;

	for (round = 0; round < 300; round++) {
		struct buf b = BUF_INIT;
		char *xml;

		buf_puts(&b, "A headline\n\n");
		for (k = 0; k < 60; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&b, pieces[(seed >> 16) % npieces]);
		}
		o.gazetteer = round % 2 ? huawei() : NULL;
		diag_free(&d);
		xml = import_memory(b.data, b.len, "t.txt", &o, NULL, &d);
		cr_expect_not_null(xml, "round %d: %s\n--- input:\n%s", round,
		    d.n ? d.msgs[d.n - 1] : "", b.data);
		free(xml);
		buf_free(&b);
	}
}

/* ---- NITF --------------------------------------------------------- */

Test(import, nitf_with_namespace)
{
	struct story *st = imp_file("nitf-namespace.xml", NULL);
	size_t owen;

	cr_expect_str_eq(st->headline,
	    "Harbour authority approves second ferry terminal");
	cr_expect_str_eq(st->dateline, "Portlaw, 11 March 2021");
	cr_expect_str_eq(st->dateline_when, "2021-03-11T09:30Z");
	cr_expect_str_eq(st->byline, "Ana Ferreira, transport correspondent");
	cr_expect_str_eq(st->source, "The Coastal Courier");
	cr_expect_eq(st->nblocks, 4);
	cr_expect_str_eq(mention_of(st, "Portlaw Harbour Authority"),
	    "portlaw-harbour-authority");
	owen = story_find_actor(st, "gareth-owen");
	cr_assert_neq(owen, NONE);
	cr_expect_eq(st->actors[owen].kind, ACTOR_PERSON);
	cr_expect_eq(st->actors[story_find_actor(st,
	    "bluewater-lines")].kind, ACTOR_GROUP);
	cr_expect_eq(st->actors[story_find_actor(st, "wales")].kind,
	    ACTOR_COUNTRY);
	cr_expect_str_eq(speaker_of(st, "This terminal will double our "
	    "capacity and keep the port competitive"), "gareth-owen");
	cr_expect_str_eq(mention_of(st, "Owen"), "gareth-owen");
	cr_expect(said("t.txt:8: note: NITF <key-list> dropped"));
	cr_expect(said("note: NITF <table> dropped"));
	cr_expect(said("note: NITF <media> dropped"));
	cr_expect(said("note: NITF <tagline> dropped"));
	story_free(st);
}

Test(import, nitf_without_namespace)
{
	struct story *st = imp_file("nitf-plain.xml", NULL);

	cr_expect_str_eq(st->headline, "Library reopens after flood repairs");
	cr_expect_str_eq(st->dateline_when, "2022-06-02");
	cr_expect_eq(st->nblocks, 3);
	cr_expect_str_eq(speaker_of(st, "We have replaced every shelf and most "
	    "of the books,"), "mei-tanaka");
	/* Character references are text like any other. */
	cr_expect(strstr(st->blocks[2].text, "cost £1.2m & were") != NULL,
	    "%s", st->blocks[2].text);
	cr_expect_eq(d.n, 0, "%s", d.n ? d.msgs[0] : "");
	story_free(st);
}

Test(import, nitf_names_link_to_the_gazetteer)
{
	const char *nitf = "<nitf><body><body.head><hedline><hl1>H</hl1>"
	    "</hedline></body.head><body.content><p><org>Huawei</org> met "
	    "<person>Brandon Lewis</person>.</p></body.content></body></nitf>";
	struct story *st = imp_gaz(nitf, huawei());

	cr_expect_str_eq(mention_of(st, "Huawei"), "huawei");
	cr_expect_str_eq(mention_of(st, "Brandon Lewis"), "lewis");
	story_free(st);
}

/* A name is the text its element wrote, nested names included; one too
 * long to be a name stays text, with a note (hostile nested_nitf_names
 * has 240 levels of them). */
Test(import, nitf_nested_and_long_names)
{
	struct buf b = BUF_INIT;
	struct story *st;
	size_t ann, acme;

	buf_puts(&b, "<nitf><body><body.head><hedline><hl1>H</hl1></hedline>"
	    "</body.head><body.content><p>Met <person> Ann <org>Acme Ltd</org>"
	    " Bee </person> and <person>");
	for (int i = 0; i < 60; i++)
		buf_puts(&b, "Long ");
	buf_puts(&b, "</person>.</p></body.content></body></nitf>");
	st = imp(b.data);
	ann = story_find_actor(st, "ann-acme-ltd-bee");
	acme = story_find_actor(st, "acme-ltd");
	cr_assert_neq(ann, NONE);
	cr_assert_neq(acme, NONE);
	cr_expect_str_eq(st->actors[ann].name, "Ann Acme Ltd Bee");
	cr_expect_eq(st->actors[ann].kind, ACTOR_PERSON);
	cr_expect_eq(st->actors[acme].kind, ACTOR_GROUP);
	cr_expect_eq(story_find_actor(st, "long-long-long-long-long-long-lo"),
	    NONE);
	cr_expect(strstr(st->blocks[0].text, "Long Long Long") != NULL, "%s",
	    st->blocks[0].text);
	cr_expect(said("t.txt:1: note: NITF names longer than 256 bytes kept "
	    "as text"));
	story_free(st);
	buf_free(&b);
}

Test(import, nitf_is_parsed_safely)
{
	const char *bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n"
	    "<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;\">\n]>\n"
	    "<nitf><body><body.content><p>&b;</p></body.content></body>"
	    "</nitf>\n";
	const char *broken = "<nitf><head><title>T</title></head>\n<body>"
	    "<p>unclosed\n</nitf>\n";
	const char *notitle = "<nitf><body><body.content><p>Text</p>"
	    "</body.content></body></nitf>";

	imp_fails(bomb, strlen(bomb), "not allowed");
	imp_fails(broken, strlen(broken), "t.txt:");
	imp_fails(notitle, strlen(notitle), "no headline");
}

/* ---- the articles in tests/import/data ---------------------------- */

/* --list actors, quotes, claims and related of the story in xml, as
 * one text. */
static char *
listing(const char *xml, size_t len)
{
	static const char *kinds[] = { "actors", "quotes", "claims",
	    "related" };
	struct story *st = load_memory(xml, len, "t.xml", NULL, &d);
	struct buf out = BUF_INIT;
	size_t k;

	cr_assert_not_null(st);
	for (k = 0; k < 4; k++) {
		buf_printf(&out, "== %s\n", kinds[k]);
		list_story(st, kinds[k], &out);
	}
	story_free(st);
	return buf_detach(&out);
}

static void
expect_listing(const char *name, const struct story *gaz)
{
	char *rel = test_join("import/data", name), *path = test_path(rel);
	char *exp_rel, *exp_path, *text, *expected, *xml, *got;
	struct import_opts o = { gaz, IMPORT_FROM_AUTO };
	size_t len, xlen;

	exp_rel = malloc(strlen(rel) + 10);
	cr_assert_not_null(exp_rel);
	sprintf(exp_rel, "%s.expected", rel);
	exp_path = test_path(exp_rel);
	text = read_all(path, &len);
	expected = read_all(exp_path, NULL);
	xml = import_memory(text, len, name, &o, &xlen, &d);
	cr_assert_not_null(xml, "%s: %s", name, d.n ? d.msgs[0] : "");
	got = listing(xml, xlen);
	cr_expect_str_eq(got, expected, "%s: the import lists differently "
	    "from %s", name, exp_path);
	free(got);
	free(xml);
	free(expected);
	free(text);
	free(exp_path);
	free(exp_rel);
	free(path);
	free(rel);
}

Test(import, press_release_as_expected)
{
	expect_listing("press-release.txt", NULL);
}

Test(import, local_news_as_expected)
{
	expect_listing("local-news.txt", NULL);
}

Test(import, nitf_as_expected)
{
	expect_listing("nitf-namespace.xml", NULL);
	expect_listing("nitf-plain.xml", NULL);
}

/* ---- the command line --------------------------------------------- */

#define NL(r, ...) do { \
	const char *nl_argv_[] = { test_prog(), __VA_ARGS__, NULL }; \
	run_prog_timeout((r), nl_argv_, NULL, 20.0); \
} while (0)

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<story version=\"1\""

Test(import_cli, writes_the_story_to_standard_output)
{
	struct run r;
	char *seed = test_path("data/seed.txt");

	NL(&r, "--import", seed);
	cr_expect_eq(r.status, 0, "%s", r.err);
	cr_expect(strncmp(r.out, HEAD, strlen(HEAD)) == 0, "%.80s", r.out);
	cr_expect_eq(r.errlen, 0, "%s", r.err);
	run_free(&r);
	free(seed);
}

Test(import_cli, output_file_checks_and_lists)
{
	struct run r;
	char *dir = make_tempdir(), *out = test_join(dir, "seed.xml");
	char *seed = test_path("data/seed.txt"), *gaz = data_path(SEED_GAZETTEER);

	NL(&r, "--import", seed, "-o", out, "--actors", gaz);
	cr_expect_eq(r.status, 0, "%s", r.err);
	cr_expect_eq(r.outlen, 0);
	run_free(&r);
	NL(&r, "--check", out);
	cr_expect_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	NL(&r, "--list", "quotes", out);
	cr_expect_str_eq(r.out, "id\tspeaker\tparagraph\ttext\n"
	    "q1\tlewis\t6\trelatively soon\n"
	    "q2\tspokesperson\t14\tThe security and resilience of the UK’s "
	    "telecoms networks is of paramount importance.\xc2\xa0The "
	    "government continues to consider its position on high risk "
	    "vendors and a decision will be made in due course.\n");
	run_free(&r);
	unlink(out);
	rmdir(dir);
	free(out);
	free(dir);
	free(seed);
	free(gaz);
}

/* -o on a file system that is full: exit 1 with a message, and the
 * story already at OUT byte for byte as it was, no temporary beside it
 * (before, OUT was truncated first and left invalid). */
Test(import_cli, output_on_a_full_file_system_is_kept)
{
	struct run r;
	char *dir = make_tempdir(), *out = test_join(dir, "out.xml");
	char *fill = test_join(dir, "filler"), *seed = test_path("data/seed.txt");
	char *in = test_join(dir, "short.txt"), *before, *after, chunk[1024];
	size_t blen, alen;
	FILE *fp;
	DIR *dp;
	struct dirent *de;
	int n = 0;

	if (!test_small_tmpfs(dir, "64k"))
		cr_skip_test("cannot mount a tmpfs here (needs root)");
	write_file(in, "Short story\n\nIt is short.\n", 27);
	NL(&r, "--import", in, "-o", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	before = read_all(out, &blen);
	/* Fill what is left, so that the longer seed cannot fit. */
	memset(chunk, 'x', sizeof chunk);
	fp = fopen(fill, "w");
	cr_assert_not_null(fp);
	while (fwrite(chunk, 1, sizeof chunk, fp) == sizeof chunk &&
	    fflush(fp) == 0)
		;
	fclose(fp);
	NL(&r, "--import", seed, "-o", out);
	cr_expect_eq(r.status, 1, "exit status %d", r.status);
	cr_expect(strstr(r.err, "out.xml: cannot write: No space left on "
	    "device") != NULL, "%s", r.err);
	run_free(&r);
	after = read_all(out, &alen);
	cr_expect(alen == blen && memcmp(before, after, blen) == 0,
	    "out.xml changed: %zu bytes before, %zu after", blen, alen);
	dp = opendir(dir);
	cr_assert_not_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (de->d_name[0] != '.' || strstr(de->d_name, "out.xml"))
			n++;
	closedir(dp);
	cr_expect_eq(n, 3, "a temporary file is left beside out.xml");
	free(before);
	free(after);
	umount(dir);
	rmdir(dir);
	free(out);
	free(fill);
	free(seed);
	free(in);
	free(dir);
}

Test(import_cli, warnings_name_the_file_and_line)
{
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "bad.txt");
	static const char text[] = "Headline\n\nGood.\n\nBad \xff\x01 text.\n";

	write_file(in, text, sizeof text - 1);
	NL(&r, "--import", in, "-o", "/dev/null");
	cr_expect_eq(r.status, 0, "%s", r.err);
	cr_expect(strstr(r.err, "newslens: ") == r.err, "%s", r.err);
	cr_expect(strstr(r.err, "bad.txt:5: warning: invalid UTF-8") != NULL,
	    "%s", r.err);
	cr_expect(strstr(r.err, "bad.txt:5: warning: control characters "
	    "dropped") != NULL, "%s", r.err);
	run_free(&r);
	unlink(in);
	rmdir(dir);
	free(in);
	free(dir);
}

Test(import_cli, bad_input_exits_1_and_writes_nothing)
{
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "empty.txt");
	char *out = test_join(dir, "out.xml");
	char *bad = test_path("bad/duplicate-id.xml");

	write_file(in, "", 0);
	NL(&r, "--import", in, "-o", out);
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "empty.txt:1: the file is empty") != NULL,
	    "%s", r.err);
	cr_expect(access(out, F_OK) != 0, "an output was written");
	run_free(&r);
	NL(&r, "--import", in);
	cr_expect_eq(r.status, 1);
	cr_expect_eq(r.outlen, 0);
	run_free(&r);
	NL(&r, "--import", "/nonexistent/article.txt");
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "cannot open") != NULL, "%s", r.err);
	run_free(&r);
	/* A gazetteer must be a valid story. */
	write_file(in, "Headline\n\nText.\n", 16);
	NL(&r, "--import", in, "--actors", bad);
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "duplicate-id.xml:") != NULL, "%s", r.err);
	cr_expect_eq(r.outlen, 0);
	run_free(&r);
	unlink(in);
	rmdir(dir);
	free(in);
	free(out);
	free(bad);
	free(dir);
}

Test(import_cli, nitf_doctype_is_refused)
{
	struct run r;
	char *in = test_path("import/data/nitf-doctype.xml");

	NL(&r, "--import", in);
	cr_expect_eq(r.status, 1);
	cr_expect(strstr(r.err, "nitf-doctype.xml:2: ") != NULL, "%s", r.err);
	run_free(&r);
	free(in);
}

Test(import_cli, usage_errors)
{
	struct run r;
	char *seed = test_path("data/seed.txt");

	NL(&r, "-o", "x.xml", seed);
	cr_expect_eq(r.status, 2);
	cr_expect(strstr(r.err, "--output only goes with --import") != NULL,
	    "%s", r.err);
	run_free(&r);
	NL(&r, "--actors", seed, "--dump");
	cr_expect_eq(r.status, 2);
	run_free(&r);
	NL(&r, "--import", seed, seed);
	cr_expect_eq(r.status, 2);
	cr_expect(strstr(r.err, "one too many") != NULL, "%s", r.err);
	run_free(&r);
	NL(&r, "--import", seed, "--check");
	cr_expect_eq(r.status, 2);
	run_free(&r);
	NL(&r, "--import");
	cr_expect_eq(r.status, 2);
	run_free(&r);
	free(seed);
}

Test(import_cli, help_names_the_options)
{
	struct run r;

	NL(&r, "--help");
	cr_expect_eq(r.status, 0);
	cr_expect(strstr(r.out, "--import=FILE") != NULL);
	cr_expect(strstr(r.out, "-o, --output=OUT") != NULL);
	cr_expect(strstr(r.out, "--actors=STORY") != NULL);
	run_free(&r);
}

/* A paragraph of 200 kB is cut, at sentence ends, into paragraphs of
 * at most 64 KiB that hold its text, word for word, and each its names:
 * the analysis holds one piece at a time (it tokenised and folded the
 * whole paragraph, 88 bytes a byte, and the story loaded back held the
 * paragraph's whole tree). */
Test(import, long_paragraph_is_cut_at_sentence_ends)
{
	struct buf t = BUF_INIT, joined = BUF_INIT;
	struct story *st;
	const char *para;
	size_t i, mentions = 0;

	buf_puts(&t, "Talks on the network\n\n");
	for (i = 0; t.len < 200000; i++)
		buf_printf(&t, "%sBrandon Lewis said the review of sentence %zu "
		    "would end soon.", i > 0 ? " " : "", i);
	buf_puts(&t, "\n");
	/* The paragraph, once the buffer has stopped moving. */
	para = t.data + strlen("Talks on the network\n\n");
	st = imp(t.data);
	cr_expect(said("is cut into"), "no warning of the cut");
	cr_assert_geq(st->nblocks, 4, "%zu blocks", st->nblocks);
	for (i = 0; i < st->nblocks; i++) {
		const struct block *b = &st->blocks[i];

		cr_expect_leq(b->len, (size_t)64 << 10, "block %zu: %zu bytes",
		    i, b->len);
		cr_expect_eq(b->text[b->len - 1], '.', "block %zu does not end "
		    "a sentence: ...%.20s", i, b->text + b->len - 20);
		if (i > 0)
			buf_putc(&joined, ' ');
		buf_append(&joined, b->text, b->len);
	}
	cr_expect_eq(joined.len, strlen(para) - 1);
	cr_expect(memcmp(joined.data, para, joined.len) == 0,
	    "the pieces do not hold the paragraph's text");
	for (i = 0; i < st->nitems; i++)
		mentions += st->items[i].kind == ITEM_MENTION;
	cr_expect_gt(mentions, 1000, "%zu mentions", mentions);
	cr_expect(item_is(st, st->blocks[st->nblocks - 1].first_item,
	    "Brandon Lewis") || mention_of(st, "Lewis") != NULL,
	    "the last piece has no name");
	story_free(st);
	buf_free(&t);
	buf_free(&joined);
}
