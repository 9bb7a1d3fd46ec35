/* test_write.c - the canonical writer: every valid story shipped or
 * tested goes load -> write -> load and comes back the same document,
 * written a second time it is byte for byte the first, and its --dump
 * and every --list are unchanged. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "cli/dump.h"
#include "cli/list.h"
#include "format/load.h"
#include "format/write.h"
#include "import/import.h"
#include "model/story.h"

#include "doccmp.h"
#include "testutil.h"

static const char *const list_kinds[] = {
	"actors", "quotes", "claims", "related",
};

static struct story *
load_quiet(const char *path)
{
	struct load_opts o = { LOAD_MAX_SIZE_DEFAULT };
	struct diag d = DIAG_INIT;
	struct story *st = load_file(path, &o, &d);

	diag_free(&d);
	return st;
}

static struct story *
load_buf(const struct buf *b, const char *name)
{
	struct load_opts o = { LOAD_MAX_SIZE_DEFAULT };
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(b->data, b->len, name, &o, &d);

	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	return st;
}

/* The dump and every list of st, one after the other. */
static void
outputs(const struct story *st, struct buf *out)
{
	size_t k;

	dump_story(st, 80, out, NULL);
	for (k = 0; k < sizeof list_kinds / sizeof *list_kinds; k++)
		list_story(st, list_kinds[k], out);
}

/* The round trip of one story; st is freed. */
static void
round_trip(struct story *st, const char *name)
{
	struct buf w1 = BUF_INIT, w2 = BUF_INIT, o1 = BUF_INIT, o2 = BUF_INIT;
	struct story *back;
	char *why;

	write_story_buf(st, &w1);
	back = load_buf(&w1, name);
	cr_assert_not_null(back, "%s: the written story does not load:\n%s",
	    name, w1.data);
	why = doc_diff(st, back);
	cr_assert_null(why, "%s: not the same document after a round trip: "
	    "%s", name, why);
	write_story_buf(back, &w2);
	cr_assert(w1.len == w2.len && memcmp(w1.data, w2.data, w1.len) == 0,
	    "%s: the second writing differs from the first", name);
	outputs(st, &o1);
	outputs(back, &o2);
	cr_assert(o1.len == o2.len && memcmp(o1.data, o2.data, o1.len) == 0,
	    "%s: --dump or --list changed in the round trip", name);
	story_free(back);
	story_free(st);
	buf_free(&w1);
	buf_free(&w2);
	buf_free(&o1);
	buf_free(&o2);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Round trips every valid story among the files of dir whose names end
 * in suffix ("" for any); returns how many there were. */
static size_t
round_trip_dir(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i, valid = 0, sl = strlen(suffix);

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l < sl ||
		    strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = test_join(dir, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++) {
		struct story *st = load_quiet(names[i]);

		if (st != NULL) {
			round_trip(st, names[i]);
			valid++;
		}
		free(names[i]);
	}
	free(names);
	return valid;
}

Test(write, the_default_story)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_default(&d);

	cr_assert_not_null(st);
	diag_free(&d);
	round_trip(st, "(built-in story)");
}

Test(write, every_shipped_story)
{
	char *dir = data_path("");

	cr_assert_geq(round_trip_dir(dir, ".xml"), 1);
	free(dir);
}

Test(write, every_tested_story)
{
	char *dir = test_path("data");

	cr_assert_geq(round_trip_dir(dir, ".xml"), 5);
	free(dir);
}

/* The fuzz corpus of the loader: what in it is a valid story. */
Test(write, every_valid_story_of_the_fuzz_corpus)
{
	char *dir = test_path("fuzz/corpus/load");

	cr_assert_geq(round_trip_dir(dir, ""), 5);
	free(dir);
}

/* bench/gen's stories: many paragraphs, claims, quotes, "Read more"
 * items and actor trees. */
Test(write, the_bench_generator)
{
	const char *gen = test_env("BENCHGEN");
	char *dir = make_tempdir(), *prefix = test_join(dir, "gen");
	char *xml, *html, *txt;
	const char *argv[] = { gen, "2000", "60", prefix, NULL };
	struct story *st;
	struct run r;

	run_prog(&r, argv, NULL);
	cr_assert_eq(r.status, 0, "bench/gen failed: %s", r.err);
	run_free(&r);
	xml = test_join(dir, "gen.xml");
	html = test_join(dir, "gen.html");
	txt = test_join(dir, "gen.txt");
	st = load_quiet(xml);
	cr_assert_not_null(st, "bench/gen wrote an invalid story");
	round_trip(st, xml);
	remove(xml);
	remove(html);
	remove(txt);
	rmdir(dir);
	free(xml);
	free(html);
	free(txt);
	free(prefix);
	free(dir);
}

static struct story *
load_text(const char *xml)
{
	struct load_opts o = { LOAD_MAX_SIZE_DEFAULT };
	struct diag d = DIAG_INIT;
	struct story *st = load_memory(xml, strlen(xml), "test.xml", &o, &d);

	if (st == NULL)
		diag_print(&d, stderr);
	diag_free(&d);
	cr_assert_not_null(st);
	return st;
}

static char *
written(const struct story *st)
{
	struct buf b = BUF_INIT;

	write_story_buf(st, &b);
	return buf_detach(&b);
}

/* The story written, with each run of white space folded into one
 * space, as the format folds it: what it says, however it is wrapped. */
static char *
written_folded(const struct story *st)
{
	char *s = written(st), *r, *w;

	for (r = w = s; *r != '\0'; r++)
		if (*r == ' ' || *r == '\n') {
			if (w == s || w[-1] != ' ')
				*w++ = ' ';
		} else
			*w++ = *r;
	*w = '\0';
	return s;
}

/* Bidi and C1 controls and DEL, by reference, stay in the file and
 * never reach what is shown. */
Test(write, controls_by_reference_are_kept_and_never_shown)
{
	static const char xml[] =
	    "<story version=\"1\"><head><headline>H&#x202E;x</headline></head>"
	    "<actors><actor id=\"a\" kind=\"person\"><name>N&#x9B;2J</name>"
	    "</actor></actors><body><p>L&#x200E;R&#x200F; <mention actor=\"a\">"
	    "D&#x7F;EL</mention> &#x2066;iso&#x2069; &#x85;.</p></body></story>";
	struct story *st = load_text(xml);
	char *out = written_folded(st);
	struct buf dump = BUF_INIT;

	cr_assert(strstr(out, "H&#x202E;x") != NULL, "%s", out);
	cr_assert(strstr(out, "N&#x9B;2J") != NULL, "%s", out);
	cr_assert(strstr(out, "L&#x200E;R&#x200F; <mention actor=\"a\">"
	    "D&#x7F;EL</mention> &#x2066;iso&#x2069; &#x85;.") != NULL,
	    "%s", out);
	cr_assert(strstr(st->blocks[0].text, "<U+200E>") != NULL);
	cr_assert(strstr(st->headline, "<U+202E>") != NULL);
	/* The mention still covers what it covered, as shown. */
	cr_assert_eq(st->items[0].end - st->items[0].start,
	    strlen("D\xE2\x90\xA1" "EL"));
	dump_story(st, 80, &dump, NULL);
	{
		static const char *const raw[] = { "\xE2\x80\xAE",
		    "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x81\xA6",
		    "\xE2\x81\xA9", "\xC2\x85", "\xC2\x9B", "\x7F" };
		size_t k;

		for (k = 0; k < sizeof raw / sizeof *raw; k++)
			cr_assert_null(strstr(dump.data, raw[k]),
			    "a raw control in the dump");
		cr_assert(strstr(dump.data, "<U+202E>") != NULL);
	}
	buf_free(&dump);
	free(out);
	round_trip(st, "test.xml");
}

/* Comments, wherever they stand, are written back where they stood. */
Test(write, comments_are_kept_where_they_stand)
{
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- prolog -->\n"
	    "<story version=\"1\"><!-- s0 --><head><!-- h0 -->"
	    "<headline>H<!-- in headline --></headline><!-- h1 -->"
	    "<dateline>D</dateline><!-- h-end --></head><!-- s1 -->"
	    "<actors><!-- a0 --><actor id=\"a\" kind=\"person\"><name>N</name>"
	    "<!-- in actor --></actor><!-- a-end --></actors><!-- s2 -->"
	    "<body><!-- b0 --><p>One <!-- inline --> two.</p><!-- b1 -->"
	    "<p>Three.</p><!-- b-end --></body><!-- s3 --></story>\n"
	    "<!-- epilog\n  two lines -->\n";
	struct story *st = load_text(xml);
	char *out = written(st);
	const char *order[] = { "prolog", "s0", "h0", "in headline", "h1",
	    "h-end", "s1", "a0", "in actor", "a-end", "s2", "b0", "inline",
	    "b1", "b-end", "s3", "epilog\n  two lines" };
	const char *at = out;
	size_t i;
	char want[64];

	cr_assert_eq(st->ncomments, sizeof order / sizeof *order);
	for (i = 0; i < sizeof order / sizeof *order; i++) {
		snprintf(want, sizeof want, "<!-- %s -->", order[i]);
		at = strstr(at, want);
		cr_assert_not_null(at, "comment '%s' not in its place:\n%s",
		    order[i], out);
	}
	/* The head's comments stay in the head, the body's in the body. */
	cr_assert(strstr(out, "<!-- h1 -->\n    <dateline>") != NULL, "%s", out);
	cr_assert(strstr(out, "<!-- b1 -->\n    <p>Three.</p>") != NULL,
	    "%s", out);
	free(out);
	round_trip(st, "test.xml");
}

/* Every element and attribute of the format is written. */
Test(write, every_attribute_is_kept)
{
	static const char xml[] =
	    "<story version=\"1\" xml:lang=\"fr\"><head><headline>H</headline>"
	    "<dateline when=\"2020-01-12T17:06\">D</dateline><byline>B</byline>"
	    "<source url=\"https://example.org/a\">S</source></head><actors>"
	    "<actor id=\"g\" kind=\"government\"><name>G</name></actor>"
	    "<actor id=\"p\" kind=\"person\" member-of=\"g\" same-as=\"lib-p\">"
	    "<name>P</name>"
	    "<alias>Q</alias><alias>R</alias><note>a note</note></actor>"
	    "</actors><body><p id=\"p1\"><claim id=\"c1\" by=\"p g\" about=\"g\""
	    " disputes=\"c2\" when=\"2020-01\">“<quote id=\"q1\" speaker=\"p\">"
	    "It is <mention actor=\"g\">G</mention></quote>”</claim> and "
	    "<claim id=\"c2\">no</claim>.</p><related id=\"r1\" actors=\"p g\" "
	    "href=\"other &amp; more.xml\" url=\"https://example.org/b?x=1&amp;y=2\">"
	    "Read &lt;this&gt;</related></body>"
	    "</story>";
	struct story *st = load_text(xml);
	char *out = written_folded(st);
	const char *want[] = {
	    "<story version=\"1\" xml:lang=\"fr\">",
	    "<dateline when=\"2020-01-12T17:06\">D</dateline>",
	    "<byline>B</byline>", "<source url=\"https://example.org/a\">S</source>",
	    "<actor id=\"p\" kind=\"person\" member-of=\"g\" same-as=\"lib-p\">",
	    "<alias>Q</alias>", "<alias>R</alias>", "<note>a note</note>",
	    "<p id=\"p1\"><claim id=\"c1\" by=\"p g\" about=\"g\" "
	    "disputes=\"c2\" when=\"2020-01\">“<quote id=\"q1\" speaker=\"p\">"
	    "It is <mention actor=\"g\">G</mention></quote>”</claim>",
	    "<related id=\"r1\" actors=\"p g\" href=\"other &amp; more.xml\" "
	    "url=\"https://example.org/b?x=1&amp;y=2\">Read &lt;this&gt;</related>",
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert(strstr(out, want[i]) != NULL, "missing %s in\n%s",
		    want[i], out);
	free(out);
	round_trip(st, "test.xml");
}

/* Long paragraphs are broken into lines at spaces, and read back as
 * the same text. */
Test(write, long_paragraphs_are_wrapped)
{
	struct buf xml = BUF_INIT;
	struct story *st;
	char *out, *line, *save = NULL;
	int i;

	buf_printf(&xml, "<story version=\"1\"><head><headline>H</headline>"
	    "</head><body><p>");
	for (i = 0; i < 100; i++)
		buf_printf(&xml, "word%d ", i);
	buf_printf(&xml, "</p></body></story>");
	st = load_text(xml.data);
	out = written(st);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		cr_assert_leq(strlen(line), WRITE_WIDTH + 8, "%s", line);
	free(out);
	buf_free(&xml);
	round_trip(st, "test.xml");
}

/* The importer writes through the one writer: bidi controls, isolates
 * and separators in an article reach its output as character
 * references, never raw (issue 15, item 6). */
static void
import_is_clean(const char *article, const char *const *refs, size_t nrefs)
{
	static const char *const raw[] = { "\xE2\x80\xAE", "\xE2\x80\xAC",
	    "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",
	    "\xE2\x80\x8F", "\xD8\x9C", "\xE2\x80\xA8" };
	struct import_opts io = { NULL, IMPORT_FROM_AUTO };
	struct diag d = DIAG_INIT;
	size_t len = 0, i;
	char *out = import_memory(article, strlen(article), "article", &io,
	    &len, &d);

	diag_print(&d, stderr);
	diag_free(&d);
	cr_assert_not_null(out);
	for (i = 0; i < sizeof raw / sizeof *raw; i++)
		cr_assert_null(strstr(out, raw[i]), "a raw control in\n%s", out);
	for (i = 0; i < nrefs; i++)
		cr_assert(strstr(out, refs[i]) != NULL, "no %s in\n%s", refs[i],
		    out);
	free(out);
}

Test(write, import_of_text_writes_controls_as_references)
{
	static const char article[] =
	    "Bidi \xE2\x80\xAE" "test headline\n\n"
	    "Isolates \xE2\x81\xA6one\xE2\x81\xA9 and \xE2\x81\xA7two\xE2\x81\xA8"
	    " here, a mark \xE2\x80\x8F and an Arabic mark \xD8\x9C too.\n";
	static const char *const refs[] = { "&#x202E;", "&#x2066;",
	    "&#x2069;", "&#x2067;", "&#x2068;", "&#x200F;", "&#x61C;" };

	import_is_clean(article, refs, sizeof refs / sizeof *refs);
}

Test(write, import_of_nitf_writes_controls_as_references)
{
	static const char article[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nitf><head><title>T"
	    "</title></head><body><body.head><hedline><hl1>Head &#x202E;line"
	    "&#x202C;</hl1></hedline></body.head><body.content><p>A line"
	    "&#x2028;separator and <person>Mei &#x202E;Tanaka</person> said"
	    " so.</p></body.content></body></nitf>";
	static const char *const refs[] = { "&#x202E;", "&#x202C;",
	    "&#x2028;" };

	import_is_clean(article, refs, sizeof refs / sizeof *refs);
}

/* --canonical, from the outside: the shipped story's canonical form is
 * a fixed point, and a bad file prints nothing and exits 1. */
Test(write, canonical_on_the_command_line)
{
	char *story = data_path("huawei-2020-01-12.xml");
	char *dir = make_tempdir(), *once = test_join(dir, "once.xml");
	char *bad = test_path("bad/dangling-actor.xml");
	const char *a1[] = { test_prog(), "--canonical", story, NULL };
	const char *a2[] = { test_prog(), "--canonical", once, NULL };
	const char *a3[] = { test_prog(), "--canonical", bad, NULL };
	struct run r1, r2, r3;

	run_prog(&r1, a1, NULL);
	cr_assert_eq(r1.status, 0, "%s", r1.err);
	cr_assert(strncmp(r1.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\"", 56) == 0, "%s", r1.out);
	write_file(once, r1.out, r1.outlen);
	run_prog(&r2, a2, NULL);
	cr_assert_eq(r2.status, 0, "%s", r2.err);
	cr_assert(r1.outlen == r2.outlen &&
	    memcmp(r1.out, r2.out, r1.outlen) == 0,
	    "--canonical of its own output differs");
	run_prog(&r3, a3, NULL);
	cr_assert_eq(r3.status, 1);
	cr_assert_eq(r3.outlen, 0);
	cr_assert(strstr(r3.err, "dangling-actor.xml:") != NULL, "%s", r3.err);
	run_free(&r1);
	run_free(&r2);
	run_free(&r3);
	remove(once);
	rmdir(dir);
	free(once);
	free(dir);
	free(story);
	free(bad);
}
