/* test_load_stream.c - the loader's fast path builds the slow path's
 * model, field for field, and refuses what the slow path refuses.
 *
 * load_memory takes the fast path (load_stream) for a valid story and
 * the slow one (load_tree) for anything else; these tests call both
 * directly.  Linked into tests/test_load. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "format/load_int.h"
#include "model/story.h"
#include "testutil.h"

static void
same_str(const char *a, const char *b, const char *what, size_t i)
{
	if (a == NULL || b == NULL)
		cr_assert(a == b, "%s %zu: one is NULL", what, i);
	else
		cr_assert_str_eq(a, b, "%s %zu", what, i);
}

static void
same_idx(const struct idx *a, const struct idx *b, const char *what,
    size_t i)
{
	cr_assert_eq(a->n, b->n, "%s %zu: %zu against %zu", what, i, a->n,
	    b->n);
	if (a->n > 0)
		cr_assert(memcmp(a->v, b->v, a->n * sizeof *a->v) == 0,
		    "%s %zu differ", what, i);
}

/* The same for two stories' derived indexes: the same entries, in
 * the same order, wherever each story keeps them. */
static void
same_ix(const struct story *sa, struct ix a, const struct story *sb,
    struct ix b, const char *what, size_t i)
{
	cr_assert_eq(a.n, b.n, "%s %zu: %u against %u", what, i, a.n, b.n);
	if (a.n > 0)
		cr_assert(memcmp(story_ix(sa, a), story_ix(sb, b),
		    a.n * sizeof *sa->ix) == 0, "%s %zu differ", what, i);
}

static void
same_actor(const struct story *sa, const struct story *sb, size_t i)
{
	const struct actor *a = &sa->actors[i], *b = &sb->actors[i];
	size_t k;

	same_str(a->id, b->id, "actor id", i);
	cr_assert_eq(a->kind, b->kind, "actor kind %zu", i);
	same_str(a->name, b->name, "actor name", i);
	cr_assert_eq(a->naliases, b->naliases, "actor naliases %zu", i);
	for (k = 0; k < a->naliases; k++)
		same_str(a->aliases[k], b->aliases[k], "actor alias", i);
	same_str(a->note, b->note, "actor note", i);
	cr_assert_eq(a->parent, b->parent, "actor parent %zu", i);
	same_ix(sa, a->members, sb, b->members, "actor members", i);
	same_ix(sa, a->mentions, sb, b->mentions, "actor mentions", i);
	cr_assert_eq(a->total_mentions, b->total_mentions, "actor total %zu",
	    i);
	same_ix(sa, a->claims_by, sb, b->claims_by, "actor claims_by", i);
	same_ix(sa, a->claims_about, sb, b->claims_about, "actor claims_about", i);
	same_ix(sa, a->quotes, sb, b->quotes, "actor quotes", i);
	same_ix(sa, a->related, sb, b->related, "actor related", i);
	cr_assert_eq(a->line, b->line, "actor line %zu", i);
}

static void
same_block(const struct block *a, const struct block *b, size_t i)
{
	cr_assert_eq(a->kind, b->kind, "block kind %zu", i);
	same_str(a->id, b->id, "block id", i);
	cr_assert_eq(a->len, b->len, "block len %zu", i);
	cr_assert(memcmp(a->text, b->text, a->len + 1) == 0,
	    "block text %zu", i);
	cr_assert_eq(a->first_item, b->first_item, "block first_item %zu", i);
	cr_assert_eq(a->nitems, b->nitems, "block nitems %zu", i);
	cr_assert_eq(a->related, b->related, "block related %zu", i);
	cr_assert_eq(a->line, b->line, "block line %zu", i);
}

static void
same_item(const struct item *a, const struct item *b, size_t i)
{
	cr_assert_eq(a->kind, b->kind, "item kind %zu", i);
	cr_assert_eq(a->block, b->block, "item block %zu", i);
	cr_assert_eq(a->start, b->start, "item start %zu", i);
	cr_assert_eq(a->end, b->end, "item end %zu", i);
	cr_assert_eq(a->parent, b->parent, "item parent %zu", i);
	cr_assert_eq(a->ref, b->ref, "item ref %zu", i);
	cr_assert_eq(a->line, b->line, "item line %zu", i);
}

static void
same_claim(const struct story *sa, const struct story *sb, size_t i)
{
	const struct claim *a = &sa->claims[i], *b = &sb->claims[i];

	same_str(a->id, b->id, "claim id", i);
	cr_assert_eq(a->item, b->item, "claim item %zu", i);
	same_idx(&a->by, &b->by, "claim by", i);
	same_idx(&a->about, &b->about, "claim about", i);
	same_idx(&a->disputes, &b->disputes, "claim disputes", i);
	same_ix(sa, a->disputed_by, sb, b->disputed_by, "claim disputed_by", i);
	same_ix(sa, a->quotes, sb, b->quotes, "claim quotes", i);
	same_str(a->when, b->when, "claim when", i);
}

static void
same_rest(const struct story *a, const struct story *b)
{
	size_t i;

	for (i = 0; i < a->nquotes; i++) {
		same_str(a->quotes[i].id, b->quotes[i].id, "quote id", i);
		cr_assert_eq(a->quotes[i].item, b->quotes[i].item, "quote %zu",
		    i);
		cr_assert_eq(a->quotes[i].speaker, b->quotes[i].speaker,
		    "quote speaker %zu", i);
		cr_assert_eq(a->quotes[i].claim, b->quotes[i].claim,
		    "quote claim %zu", i);
	}
	for (i = 0; i < a->nrelated; i++) {
		same_str(a->related[i].id, b->related[i].id, "related id", i);
		cr_assert_eq(a->related[i].item, b->related[i].item,
		    "related item %zu", i);
		cr_assert_eq(a->related[i].block, b->related[i].block,
		    "related block %zu", i);
		same_idx(&a->related[i].actors, &b->related[i].actors,
		    "related actors", i);
		same_str(a->related[i].href, b->related[i].href,
		    "related href", i);
	}
	same_ix(a, a->mentions, b, b->mentions, "mentions", 0);
	if (a->nactors > 0)
		cr_assert(memcmp(a->actors_by_id, b->actors_by_id,
		    a->nactors * sizeof *a->actors_by_id) == 0, "actors_by_id");
}

/* Every field of two stories, in every array. */
static void
same_story(const struct story *a, const struct story *b)
{
	size_t i;

	same_str(a->path, b->path, "path", 0);
	same_str(a->lang, b->lang, "lang", 0);
	same_str(a->headline, b->headline, "headline", 0);
	same_str(a->dateline, b->dateline, "dateline", 0);
	same_str(a->dateline_when, b->dateline_when, "dateline_when", 0);
	same_str(a->byline, b->byline, "byline", 0);
	same_str(a->source, b->source, "source", 0);
	cr_assert_eq(a->nactors, b->nactors, "nactors");
	cr_assert_eq(a->nblocks, b->nblocks, "nblocks");
	cr_assert_eq(a->nitems, b->nitems, "nitems");
	cr_assert_eq(a->nclaims, b->nclaims, "nclaims");
	cr_assert_eq(a->nquotes, b->nquotes, "nquotes");
	cr_assert_eq(a->nrelated, b->nrelated, "nrelated");
	for (i = 0; i < a->nactors; i++)
		same_actor(a, b, i);
	for (i = 0; i < a->nblocks; i++)
		same_block(&a->blocks[i], &b->blocks[i], i);
	for (i = 0; i < a->nitems; i++)
		same_item(&a->items[i], &b->items[i], i);
	for (i = 0; i < a->nclaims; i++)
		same_claim(a, b, i);
	same_rest(a, b);
}

/* Both paths load the story, and build the same model. */
static void
both_paths(const char *data, size_t len, const char *name)
{
	struct diag d = DIAG_INIT;
	struct story *fast = load_stream(data, len, name);
	struct story *slow = load_tree(data, len, name, &d);

	cr_assert_not_null(slow, "%s: the slow path refuses it: %s", name,
	    d.n > 0 ? d.msgs[0] : "");
	cr_assert_not_null(fast, "%s: the fast path refuses a valid story",
	    name);
	same_story(fast, slow);
	story_free(fast);
	story_free(slow);
	diag_free(&d);
}

static void
both_paths_file(const char *path)
{
	struct diag d = DIAG_INIT;
	size_t len;
	char *data = load_read_file(path, (size_t)1 << 30, &len, &d);

	cr_assert_not_null(data, "cannot read %s", path);
	both_paths(data, len, path);
	free(data);
	diag_free(&d);
}

Test(stream, same_model_on_the_huawei_story)
{
	char *path = test_join(test_env("DATADIR"), "huawei-2020-01-12.xml");

	both_paths_file(path);
	free(path);
}

Test(stream, same_model_on_every_valid_test_story)
{
	char *dir = test_join(test_env("TESTDIR"), "data");
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(dp, "cannot open %s", dir);
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char *path;

		if (len < 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		path = test_join(dir, e->d_name);
		both_paths_file(path);
		free(path);
		n++;
	}
	closedir(dp);
	free(dir);
	cr_assert_geq(n, 6, "only %zu stories in tests/data", n);
}

/* A story of n paragraphs that uses everything the format has, in
 * both orders where there are two: member-of naming a later actor,
 * claims disputing earlier and later claims, quotes in and out of
 * claims, "Read more" items, comments, CDATA, character references,
 * and white space of every kind. */
static void
gen_story(struct buf *b, size_t n)
{
	size_t i;

	buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<!-- generated -->\n<story version=\"1\" xml:lang=\"en-GB\">\n"
	    "<head><headline> A  big\n story &amp; more </headline>\n"
	    "<dateline when=\"2020-01-12T17:06:00.5+01:00\">London"
	    "</dateline><byline>By A. Writer</byline>"
	    "<source>The Paper</source></head>\n<actors>\n");
	for (i = 0; i < 20; i++) {
		buf_printf(b, "<actor id=\"a%zu\" kind=\"%s\"", i,
		    i % 3 ? "person" : "company");
		if (i % 4 != 0 && i < 15)
			buf_printf(b, " member-of=\" a%zu \"", i + 5);
		buf_printf(b, ">%s<name>Actor\t%zu</name><alias>A%zu</alias>"
		    "<alias>Al %zu</alias></actor>\n",
		    i % 2 ? "<note>a note</note>" : "", i, i, i);
	}
	buf_printf(b, "</actors>\n<body>\n");
	for (i = 0; i < n; i++) {
		if (i % 20 == 19) {
			buf_printf(b, "<related id=\"r%zu\" href=\"https://"
			    "example.org/%zu\" actors=\"a%zu a%zu\">More "
			    "<![CDATA[on <this>]]> story</related>\n", i, i,
			    i % 20, (i + 1) % 20);
			continue;
		}
		buf_printf(b, "<p id=\"p%zu\">Paragraph %zu says\n  "
		    "<mention actor=\"a%zu\">someone</mention> did "
		    "&#x2014; <!-- x=1 --> something.", i, i, i % 20);
		if (i % 3 == 0) {
			buf_printf(b, " <claim id=\"c%zu\" by=\"a%zu\" "
			    "about=\"a%zu  a%zu\"", i, i % 20, (i + 1) % 20,
			    (i + 2) % 20);
			if (i >= 3 && (i - 3) % 20 != 19)
				buf_printf(b, " disputes=\"c%zu\"", i - 3);
			buf_printf(b, " when=\"2020-01-%02zu\">They said "
			    "<quote id=\"q%zu\" speaker=\"a%zu\">it was "
			    "<mention actor=\"a%zu\">them</mention></quote> "
			    "</claim>", i % 28 + 1, i, i % 20, (i + 3) % 20);
		}
		if (i % 6 == 0 && i + 6 < n)
			buf_printf(b, " <claim id=\"d%zu\" disputes=\"c%zu "
			    "c%zu\">Not so.</claim>", i,
			    ((i + 6) / 3) * 3, i - i % 3);
		buf_printf(b, " <quote id=\"u%zu\" speaker=\"a%zu\">"
		    "Fine</quote>.</p>\n", i, (i + 7) % 20);
	}
	buf_printf(b, "</body>\n</story>\n");
}

Test(stream, same_model_on_a_generated_story)
{
	struct buf b = BUF_INIT;

	gen_story(&b, 400);
	both_paths(b.data, b.len, "gen.xml");
	buf_free(&b);
}

/* A paragraph with 12 MB of text between two elements: libxml2 refuses
 * a text node of more than 10 MB without XML_PARSE_HUGE, and the fast
 * path gave the story up to the slow one, which holds the whole file
 * and its tree.  It takes it now, in text nodes of its own size. */
Test(stream, same_model_on_a_text_run_of_12_mb)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\"><head><headline>H</headline></head>"
	    "<actors><actor id=\"a\" kind=\"person\"><name>A</name>"
	    "</actor></actors><body><p><mention actor=\"a\">A</mention>");
	for (i = 0; b.len < (size_t)12 << 20; i++)
		buf_printf(&b, " word%zu\n  we", i % 1000);
	buf_puts(&b, "<mention actor=\"a\">A</mention> end.</p></body>"
	    "</story>\n");
	both_paths(b.data, b.len, "run.xml");
	buf_free(&b);
}

/* Both paths check a when with when_check, and agree. */
Test(stream, when_values_as_the_schema_has_them)
{
	static const char *const whens[] = {
		"2020", "2020-01", "2020-12-31", "2020-01-12T17:06",
		"2020-01-12T23:59:60", "2020-01-12T23:59:59.123Z",
		"2020-01-12T00:00+05:30", "2020-01-12T00:00-23:59",
		"2020-01-12T24:00", "2020-13", "2020-00", "2020-01-32",
		"2020-01-00", "2020-01-12T17:06:61", "2020Z", "2020-01Z",
		"", "20201", "2020-01-12T17", "2020-01-12T17:6",
		"2020-01-12T17:06:00.Z", "2020-01-12T17:06+0530",
		" 2020", "2020 ", "２０２０", "2020-01-12t17:06",
	};
	size_t i;

	for (i = 0; i < sizeof whens / sizeof *whens; i++) {
		struct buf b = BUF_INIT;
		struct diag d = DIAG_INIT;
		struct story *fast, *slow;

		buf_printf(&b, "<story version=\"1\"><head><headline>H"
		    "</headline></head><actors/><body><p>A <claim id=\"c\" "
		    "when=\"%s\">claim</claim>.</p></body></story>", whens[i]);
		fast = load_stream(b.data, b.len, "w.xml");
		slow = load_tree(b.data, b.len, "w.xml", &d);
		cr_expect((fast != NULL) == (slow != NULL),
		    "when=\"%s\": fast %s, slow %s", whens[i],
		    fast ? "loads" : "refuses", slow ? "loads" : "refuses");
		story_free(fast);
		story_free(slow);
		diag_free(&d);
		buf_free(&b);
	}
}

/* What the slow path refuses, the fast path refuses too, and quietly. */
Test(stream, refuses_every_bad_story)
{
	char *dir = test_join(test_env("TESTDIR"), "bad");
	DIR *dp = opendir(dir);
	struct dirent *e;

	cr_assert_not_null(dp, "cannot open %s", dir);
	while ((e = readdir(dp)) != NULL) {
		struct diag d = DIAG_INIT;
		struct story *st;
		size_t len;
		char *path, *data;

		if (e->d_name[0] == '.')
			continue;
		path = test_join(dir, e->d_name);
		data = load_read_file(path, (size_t)1 << 30, &len, &d);
		if (data != NULL) {
			st = load_stream(data, len, path);
			cr_expect_null(st, "%s: the fast path loads it", path);
			story_free(st);
		}
		free(data);
		free(path);
		diag_free(&d);
	}
	closedir(dp);
	free(dir);
}

/* A story with `what` starting k bytes before the end of the fast
 * path's first 64 KiB chunk. */
static void
straddle(struct buf *b, const char *what, size_t k)
{
	static const char head[] = "<story version=\"1\"><head><headline>"
	    "H</headline></head><body><p>";
	size_t pad = 65536 - k - (sizeof head - 1) - 4, i;

	buf_truncate(b, 0);
	buf_puts(b, head);
	for (i = 0; i < pad; i++)
		buf_putc(b, i % 8 ? 'x' : ' ');
	buf_puts(b, "</p>");
	cr_assert_eq(b->len, 65536 - k);
	buf_puts(b, what);
	buf_puts(b, "<p>end</p></body></story>\n");
}

/* The fast path scans the file for tags with too many attributes a
 * chunk at a time: whatever the cut, its verdict is the slow path's. */
Test(stream, scan_across_chunks)
{
	static const char *const whats[] = {
		"<!-- a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 "
		"m=1 n=2 o=3 p=4 q=5 r=6 s=7 t=8 u=9 v=10 w=11 x=12 y=1 "
		"z=2 A=3 B=4 C=5 D=6 E=7 F=8 G=9 - -->",
		"<p>a<![CDATA[ <b c=1 d=2 e=3 f=4 g=5 h=6 i=7 j=8 k=9 l=1 "
		"m=1 n=2 o=3 p=4 q=5 r=6 s=7 t=8 u=9 v=10 w=11 x=12 y=1 "
		"z=2 A=3 B=4 C=5 D=6 E=7 F=8 G=9 ]]]>b</p>",
		"<?pi a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 "
		"m=1 n=2 o=3 p=4 q=5 r=6 s=7 t=8 u=9 v=10 w=11 x=12 y=1 "
		"z=2 A=3 B=4 C=5 D=6 E=7 F=8 G=9 ?>",
		"<related id = 'r' href=\"https://e.org/?a=b&amp;c='>'\" >"
		"R</related>",
		"<p a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\" f=\"6\" g=\"7\" "
		"h=\"8\" i=\"9\" j=\"1\" k=\"1\" l=\"2\" m=\"3\" n=\"4\" "
		"o=\"5\" p=\"6\" q=\"7\" r=\"8\" s=\"9\" t=\"1\" u=\"1\" "
		"v=\"2\" w=\"3\" x=\"4\" y=\"5\" z=\"6\" A=\"7\" B=\"8\" "
		"C=\"9\" D=\"1\" E=\"1\" F=\"2\" G=\"3\">a</p>",
	};
	struct buf b = BUF_INIT;
	size_t i, k;

	for (i = 0; i < sizeof whats / sizeof *whats; i++)
		for (k = 0; k <= 12; k++) {
			struct diag d = DIAG_INIT;
			struct story *fast, *slow;

			straddle(&b, whats[i], k);
			fast = load_stream(b.data, b.len, "s.xml");
			slow = load_tree(b.data, b.len, "s.xml", &d);
			/* All load but the last, which has 33 attributes. */
			cr_expect((slow != NULL) == (i + 1 < sizeof whats /
			    sizeof *whats), "case %zu at %zu: slow %s", i, k,
			    slow ? "loads" : d.msgs[0]);
			cr_expect((fast != NULL) == (slow != NULL),
			    "case %zu at %zu: fast %s, slow %s", i, k,
			    fast ? "loads" : "refuses",
			    slow ? "loads" : d.msgs[0]);
			if (fast != NULL && slow != NULL)
				same_story(fast, slow);
			story_free(fast);
			story_free(slow);
			diag_free(&d);
		}
	buf_free(&b);
}
