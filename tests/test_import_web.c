/* test_import_web.c - importing web pages and feeds (issue 14): the
 * article found in a page, its head from the metadata, "Read more"
 * items with their addresses, hostile pages, and feeds into a folder,
 * through the library and through the program. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "import/import.h"
#include "model/story.h"
#include "testutil.h"

static struct diag d = DIAG_INIT;

static void
teardown(void)
{
	diag_free(&d);
}

TestSuite(web, .fini = teardown, .timeout = 60);
TestSuite(web_cli, .timeout = 120);

/* Imports the page (as from), loads the story back. */
static struct story *
page_from(const char *html, size_t len, enum import_from from)
{
	struct import_opts o = { NULL, from };
	struct diag vd = DIAG_INIT;
	struct story *st;
	size_t n;
	char *xml;

	diag_free(&d);
	xml = import_memory(html, len, "page.html", &o, &n, &d);
	cr_assert_not_null(xml, "import failed: %s",
	    d.n > 0 ? d.msgs[0] : "(no message)");
	st = load_memory(xml, n, "page.xml", NULL, &vd);
	cr_assert_not_null(st, "the import does not load: %s\n%s",
	    vd.n > 0 ? vd.msgs[0] : "", xml);
	diag_free(&vd);
	free(xml);
	return st;
}

static struct story *
page(const char *html)
{
	return page_from(html, strlen(html), IMPORT_FROM_AUTO);
}

/* The story's text, its blocks joined by newlines. */
static char *
text_of(const struct story *st)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < st->nblocks; i++) {
		buf_append(&b, st->blocks[i].text, st->blocks[i].len);
		buf_putc(&b, '\n');
	}
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

static bool
has_text(const struct story *st, const char *needle)
{
	char *t = text_of(st);
	bool yes = strstr(t, needle) != NULL;

	free(t);
	return yes;
}

/* Five paragraphs of prose, enough for any extractor to call it the
 * article. */
#define PROSE \
	"<p>The port strike ended on Tuesday after two days of talks, " \
	"the union said, and the ferries will run again from Wednesday " \
	"morning, with the first sailing at six.</p>\n" \
	"<p>Talks had stalled over pay, hours and the new rota, but a " \
	"mediator brought both sides back to the table on Monday night, " \
	"and by noon a deal was ready.</p>\n" \
	"<p>The company, which runs twelve ships, said it was glad the " \
	"dispute was over, and that it would meet the union again in " \
	"June, as it does every year.</p>\n" \
	"<p>Passengers whose sailings were cancelled can claim a refund, " \
	"the company said, at its offices or online, until the end of " \
	"the month, with their tickets.</p>\n" \
	"<p>The union's members will vote on the deal next week, and " \
	"their leaders expect it to pass, though some crews, in the " \
	"north, have said they are unhappy.</p>\n"

#define BOILER \
	"<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a " \
	"href=\"/sport\">Sport</a></nav>\n" \
	"<div class=\"share-bar\">Share on Facebook Share on Twitter</div>\n" \
	"<div class=\"cookie-banner\">We use cookies to improve your " \
	"experience. Accept all cookies.</div>\n" \
	"<div class=\"advert\">ADVERTISEMENT buy now</div>\n"

#define AFTER \
	"<div class=\"most-read\"><h3>Most read</h3><ol><li><a " \
	"href=\"/2024/celebrity-wedding-pictures\">Celebrity wedding " \
	"pictures you must see</a></li></ol></div>\n" \
	"<div id=\"comments\"><p>Great article, thanks a lot, I agree " \
	"with every word of it, truly.</p></div>\n" \
	"<footer>Copyright 2024 Coastal Gazette. All rights " \
	"reserved.</footer>\n"

/* ---- the article -------------------------------------------------- */

Test(web, the_article_not_the_page)
{
	struct story *st = page("<!DOCTYPE html><html><head><title>Port "
	    "strike ends after talks | Coastal Gazette</title></head><body>"
	    BOILER "<article><h1>Port strike ends after talks</h1>"
	    "<figure><img src=\"a.jpg\"><figcaption>The port, on Monday. "
	    "Photo: J. Doe</figcaption></figure>" PROSE "</article>" AFTER
	    "<script>var tracking = 'secret words';</script>"
	    "<style>.x { content: 'styled words'; }</style></body></html>");

	cr_expect_str_eq(st->headline, "Port strike ends after talks");
	cr_expect_eq(st->nblocks, 5, "%zu blocks:\n%s", st->nblocks,
	    text_of(st));
	cr_expect(has_text(st, "The port strike ended on Tuesday"));
	cr_expect(has_text(st, "have said they are unhappy."));
	cr_expect(!has_text(st, "Home"), "navigation kept");
	cr_expect(!has_text(st, "Share on"), "share bar kept");
	cr_expect(!has_text(st, "cookies"), "cookie notice kept");
	cr_expect(!has_text(st, "ADVERTISEMENT"), "advert kept");
	cr_expect(!has_text(st, "Photo: J. Doe"), "caption kept");
	cr_expect(!has_text(st, "Most read"), "most-read box kept");
	cr_expect(!has_text(st, "Great article"), "comments kept");
	cr_expect(!has_text(st, "rights reserved"), "footer kept");
	cr_expect(!has_text(st, "secret words"), "script kept");
	cr_expect(!has_text(st, "styled words"), "style kept");
	story_free(st);
}

Test(web, a_page_is_known_by_its_content)
{
	static const char html[] = "\n  <html><body>" PROSE "</body></html>";

	cr_expect_eq(import_detect(html, strlen(html)), IMPORT_FROM_HTML);
	cr_expect_eq(import_detect("<!-- x --><!DOCTYPE html><HTML>", 30),
	    IMPORT_FROM_HTML);
	cr_expect_eq(import_detect("<?xml version=\"1.0\"?><rss>", 26),
	    IMPORT_FROM_FEED);
	cr_expect_eq(import_detect("<feed xmlns=\"http://www.w3.org/2005/"
	    "Atom\">", 40), IMPORT_FROM_FEED);
	cr_expect_eq(import_detect("Headline\n\nText.\n", 16),
	    IMPORT_FROM_TEXT);
}

Test(web, from_forces_the_kind)
{
	static const char html[] = "Headline <b>bold</b>\n\n<p>Text of it, "
	    "a paragraph of words.</p>\n";
	struct story *st = page_from(html, strlen(html), IMPORT_FROM_HTML);

	cr_expect(!has_text(st, "<p>"));
	story_free(st);
	st = page_from(html, strlen(html), IMPORT_FROM_TEXT);
	cr_expect(has_text(st, "<p>Text of it"), "%s", text_of(st));
	story_free(st);
}

/* ---- the head ----------------------------------------------------- */

#define JSONLD \
	"<script type=\"application/ld+json\">{\"@context\": " \
	"\"https://schema.org\", \"@graph\": [{\"@type\": \"WebSite\", " \
	"\"name\": \"Not this\"}, {\"@type\": [\"NewsArticle\"], " \
	"\"headline\": \"From JSON-LD\", \"datePublished\": " \
	"\"2024-03-05T09:30:00+00:00\", \"author\": [{\"@type\": " \
	"\"Person\", \"name\": \"Jane Doe\"}, {\"name\": \"John Roe\"}], " \
	"\"publisher\": {\"@type\": \"Organization\", \"name\": \"Coastal " \
	"Gazette\"}}]}</script>"

#define OG \
	"<meta property=\"og:title\" content=\"From OpenGraph\">" \
	"<meta property=\"og:site_name\" content=\"OG Site\">" \
	"<meta property=\"article:published_time\" content=\"2023-01-02\">" \
	"<meta property=\"og:url\" content=\"https://og.example/a\">"

#define META \
	"<meta name=\"title\" content=\"From meta\">" \
	"<meta name=\"author\" content=\"Meta Author\">"

static struct story *
head_page(const char *head)
{
	struct buf b = BUF_INIT;
	struct story *st;

	buf_printf(&b, "<html><head><title>From title</title>%s</head>"
	    "<body><h1>From h1</h1>%s</body></html>", head, PROSE);
	st = page(b.data);
	buf_free(&b);
	return st;
}

Test(web, jsonld_comes_first)
{
	struct story *st = head_page(META OG JSONLD);

	cr_expect_str_eq(st->headline, "From JSON-LD");
	cr_expect_str_eq(st->byline, "Jane Doe, John Roe");
	cr_expect_str_eq(st->source, "Coastal Gazette");
	cr_expect_str_eq(st->dateline_when, "2024-03-05T09:30");
	cr_expect_str_eq(st->dateline, "5 March 2024, 09:30");
	cr_expect_str_eq(st->source_url, "https://og.example/a");
	story_free(st);
}

Test(web, then_opengraph_then_meta_then_title)
{
	struct story *st = head_page(META OG);

	cr_expect_str_eq(st->headline, "From OpenGraph");
	cr_expect_str_eq(st->source, "OG Site");
	cr_expect_str_eq(st->dateline_when, "2023-01-02");
	cr_expect_str_eq(st->byline, "Meta Author");
	story_free(st);
	st = head_page(META);
	cr_expect_str_eq(st->headline, "From meta");
	story_free(st);
	st = head_page("");
	cr_expect_str_eq(st->headline, "From title");
	cr_expect_null(st->byline);
	story_free(st);
}

Test(web, broken_jsonld_is_passed_over)
{
	struct story *st = head_page("<script type=\"application/ld+json\">"
	    "{\"@type\": \"NewsArticle\", \"headline\": [[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "</script>" OG);

	cr_expect_str_eq(st->headline, "From OpenGraph");
	story_free(st);
}

Test(web, canonical_link_is_the_source_url)
{
	struct story *st = head_page("<link rel=\"canonical\" "
	    "href=\"https://news.example/2024/03/05/port-strike\">" OG);

	cr_expect_str_eq(st->source_url,
	    "https://news.example/2024/03/05/port-strike");
	story_free(st);
}

/* ---- "Read more" -------------------------------------------------- */

Test(web, related_links_become_read_more_items)
{
	struct story *st = page("<html><head><link rel=\"canonical\" "
	    "href=\"https://news.example/2024/03/05/port-strike\"></head>"
	    "<body><article>" PROSE "<p>Read more: <a href=\"/2024/03/01/"
	    "ferry-crews-walk-out\">Ferry crews walk out over pay</a></p>"
	    "</article><div class=\"related-stories\"><h3>Related</h3><ul>"
	    "<li><a href=\"https://news.example/2024/02/20/seaco-wins-first-"
	    "round\">SeaCo wins first round of ferry contract</a></li>"
	    "<li><a href=\"/news\">News</a></li></ul></div></body></html>");

	cr_assert_eq(st->nrelated, 2, "%zu related:\n%s", st->nrelated,
	    text_of(st));
	cr_expect_str_eq(st->blocks[st->related[0].block].text,
	    "Ferry crews walk out over pay");
	cr_expect_str_eq(st->related[0].url,
	    "https://news.example/2024/03/01/ferry-crews-walk-out");
	cr_expect_str_eq(st->related[1].url,
	    "https://news.example/2024/02/20/seaco-wins-first-round");
	cr_expect(!has_text(st, "Read more:"));
	story_free(st);
}

Test(web, url_attributes_load_and_are_kept)
{
	static const char xml[] = "<story version=\"1\"><head><headline>H"
	    "</headline><source url=\"https://a.example/x?a=1&amp;b=2\">A"
	    "</source></head><body><p>T.</p><related id=\"r1\" "
	    "url=\"https://a.example/y\">Y</related></body></story>";
	struct story *st = load_memory(xml, strlen(xml), "u.xml", NULL, &d);

	cr_assert_not_null(st, "%s", d.n ? d.msgs[0] : "");
	cr_expect_str_eq(st->source_url, "https://a.example/x?a=1&b=2");
	cr_expect_str_eq(st->related[0].url, "https://a.example/y");
	story_free(st);
}

/* ---- hostile pages ------------------------------------------------ */

Test(web, charset_that_lies_is_not_believed)
{
	/* Declared Latin-1, written in UTF-8. */
	struct story *st = page("<html><head><meta charset=\"iso-8859-1\">"
	    "</head><body><p>Caf\xc3\xa9 owners in the old town said, on "
	    "Monday, that the new rules would cost them dear.</p>" PROSE
	    "</body></html>");

	cr_expect(has_text(st, "Caf\xc3\xa9 owners"), "%s", text_of(st));
	story_free(st);
}

Test(web, invalid_bytes_become_text)
{
	/* Latin-1, declared as nothing: read as Windows-1252. */
	struct story *st = page("<html><body><p>Caf\xe9 owners in the old "
	    "town said, on Monday, that the \x93new\x94 rules would cost "
	    "them dear.</p>" PROSE "</body></html>");

	cr_expect(has_text(st, "Caf\xc3\xa9 owners"), "%s", text_of(st));
	story_free(st);
}

Test(web, entity_bomb_stays_small)
{
	struct buf b = BUF_INIT;
	struct story *st;
	int i;

	buf_puts(&b, "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaaaaaaaa\">");
	for (i = 1; i < 10; i++)
		buf_printf(&b, "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;"
		    "&%c;&%c;&%c;\">", 'a' + i, 'a' + i - 1, 'a' + i - 1,
		    'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
		    'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1);
	buf_puts(&b, "]><html><body><p>&j;&j;&j;</p>" PROSE "</body></html>");
	st = page(b.data);
	cr_expect(!has_text(st, "aaaaaaaaaaaaaaaa"), "an entity expanded");
	story_free(st);
	buf_free(&b);
}

Test(web, comments_by_the_thousand)
{
	struct buf b = BUF_INIT;
	struct story *st;
	int i;

	buf_puts(&b, "<html><body>");
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "<!-- <p>hidden words</p> -->");
	buf_puts(&b, PROSE "<!-- unclosed </body></html>");
	st = page(b.data);
	cr_expect(!has_text(st, "hidden words"));
	cr_expect(has_text(st, "The port strike ended"));
	story_free(st);
	buf_free(&b);
}

Test(web, deep_nesting_costs_no_stack)
{
	struct buf b = BUF_INIT;
	struct story *st;
	int i;

	buf_puts(&b, "<html><body>" PROSE);
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "<div><span>");
	buf_puts(&b, "<p>At the bottom of it all, a paragraph of words, "
	    "which some would call the end.</p></body></html>");
	st = page(b.data);
	cr_expect(st->nblocks >= 1);
	story_free(st);
	buf_free(&b);
}

Test(web, a_page_of_nothing_is_an_error)
{
	static const char html[] = "<html><head><script>x()</script></head>"
	    "<body><nav><a href=\"/\">Home</a></nav></body></html>";
	char *xml;

	xml = import_memory(html, strlen(html), "p.html", NULL, NULL, &d);
	cr_expect_null(xml);
	cr_assert_gt(d.n, 0);
	cr_expect(strstr(d.msgs[d.n - 1], "p.html:1: no article text") !=
	    NULL, "%s", d.msgs[d.n - 1]);
}

/* ---- feeds -------------------------------------------------------- */

#define NL(r, ...) do { \
	const char *nl_argv_[] = { test_prog(), __VA_ARGS__, NULL }; \
	run_prog_timeout((r), nl_argv_, NULL, 100.0); \
} while (0)

#define RSS_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" " \
	"xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" " \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>" \
	"<title>Coastal Gazette</title>"

#define RSS_ITEM1 \
	"<item><title>Port strike ends after talks</title>" \
	"<link>https://gazette.example/2024/03/05/port-strike-ends</link>" \
	"<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>" \
	"<dc:creator>Jane Doe</dc:creator><description>Short.</description>" \
	"<content:encoded><![CDATA[<p>The port strike ended on Tuesday, " \
	"the union said.</p><script>bad()</script>]]></content:encoded>" \
	"</item>"

#define RSS_ITEM2 \
	"<item><title>Ferry timetable changes</title>" \
	"<link>https://gazette.example/2024/03/06/ferry-timetable</link>" \
	"<pubDate>Wed, 06 Mar 2024 10:00:00 +0000</pubDate>" \
	"<description>&lt;p&gt;SeaCo will run fewer ferries.&lt;/p&gt;" \
	"</description></item>"

static size_t
files_in(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(dp);
	while ((e = readdir(dp)) != NULL)
		n += e->d_name[0] != '.';
	closedir(dp);
	return n;
}

static void
rm_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;

	while (dp != NULL && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..")) {
			char *p = test_join(dir, e->d_name);

			unlink(p);
			free(p);
		}
	if (dp != NULL)
		closedir(dp);
	rmdir(dir);
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	cr_assert_not_null(fp, "cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b);
}

Test(web_cli, rss_one_story_an_item)
{
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "feed.rss");
	char *out = test_join(dir, "out"), *s1, *p1, *p2;

	write_file(in, RSS_HEAD RSS_ITEM1 RSS_ITEM2 "</channel></rss>",
	    strlen(RSS_HEAD RSS_ITEM1 RSS_ITEM2 "</channel></rss>"));
	cr_assert_eq(mkdir(out, 0755), 0);
	NL(&r, "--import", in, "-o", out);
	cr_expect_eq(r.status, 0, "%s", r.err);
	p1 = test_join(out, "2024-03-05-port-strike-ends-after-talks.xml");
	p2 = test_join(out, "2024-03-06-ferry-timetable-changes.xml");
	s1 = subst("TARGET\n", p1);
	cr_expect(strstr(r.out, s1) != NULL, "%s", r.out);
	free(s1);
	run_free(&r);
	cr_expect_eq(files_in(out), 2);
	s1 = slurp(p1);
	cr_expect(strstr(s1, "<source url=\"https://gazette.example/2024/03/"
	    "05/port-strike-ends\">Coastal Gazette</source>") != NULL, "%s",
	    s1);
	cr_expect(strstr(s1, "<byline>Jane Doe</byline>") != NULL, "%s", s1);
	cr_expect(strstr(s1, "when=\"2024-03-05T09:30\"") != NULL, "%s", s1);
	cr_expect(strstr(s1, "The port strike ended") != NULL, "%s", s1);
	cr_expect(strstr(s1, "bad()") == NULL, "%s", s1);
	free(s1);
	NL(&r, "--check", p1, p2);
	cr_expect_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	/* Again: the same stories, updated, not added. */
	NL(&r, "--import", in, "-o", out);
	cr_expect_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_expect_eq(files_in(out), 2);
	rm_dir(out);
	unlink(in);
	rmdir(dir);
	free(p1);
	free(p2);
	free(in);
	free(out);
	free(dir);
}

Test(web_cli, a_different_story_of_the_same_name_is_kept)
{
	static const char other[] = "<story version=\"1\"><head><headline>"
	    "Other</headline></head><body/></story>\n";
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "feed.rss");
	char *out = test_join(dir, "out"), *p1, *p2, *s;

	write_file(in, RSS_HEAD RSS_ITEM1 "</channel></rss>",
	    strlen(RSS_HEAD RSS_ITEM1 "</channel></rss>"));
	cr_assert_eq(mkdir(out, 0755), 0);
	p1 = test_join(out, "2024-03-05-port-strike-ends-after-talks.xml");
	p2 = test_join(out, "2024-03-05-port-strike-ends-after-talks-2.xml");
	write_file(p1, other, strlen(other));
	NL(&r, "--import", in, "-o", out);
	cr_expect_eq(r.status, 0, "%s", r.err);
	s = subst("TARGET\n", p2);
	cr_expect_str_eq(r.out, s);
	free(s);
	run_free(&r);
	s = slurp(p1);
	cr_expect_str_eq(s, other);
	free(s);
	rm_dir(out);
	unlink(in);
	rmdir(dir);
	free(p1);
	free(p2);
	free(in);
	free(out);
	free(dir);
}

Test(web_cli, atom_entries)
{
	static const char atom[] = "<?xml version=\"1.0\"?><feed xmlns=\""
	    "http://www.w3.org/2005/Atom\"><title>Example Blog</title>"
	    "<entry><title>Minister announces plan</title><link href=\""
	    "https://blog.example/2024/minister-plan\"/><id>urn:1</id>"
	    "<updated>2024-02-01T12:00:00Z</updated><author><name>John Roe"
	    "</name></author><content type=\"xhtml\"><div xmlns=\"http://"
	    "www.w3.org/1999/xhtml\"><p>The plan starts today.</p></div>"
	    "</content></entry><entry><title>Plain</title><id>urn:2</id>"
	    "<updated>2024-02-02</updated><content type=\"text\">A &lt;b&gt; "
	    "is text here.</content></entry></feed>";
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "feed.atom");
	char *p1 = test_join(dir, "2024-02-01-minister-announces-plan.xml");
	char *p2 = test_join(dir, "2024-02-02-plain.xml"), *s;

	write_file(in, atom, strlen(atom));
	NL(&r, "--import", in, "-o", dir);
	cr_expect_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	s = slurp(p1);
	cr_expect(strstr(s, "<byline>John Roe</byline>") != NULL, "%s", s);
	cr_expect(strstr(s, "The plan starts today.") != NULL, "%s", s);
	cr_expect(strstr(s, "url=\"https://blog.example/2024/minister-plan\"")
	    != NULL, "%s", s);
	free(s);
	s = slurp(p2);
	cr_expect(strstr(s, "A &lt;b&gt; is text here.") != NULL, "%s", s);
	free(s);
	rm_dir(dir);
	free(p1);
	free(p2);
	free(in);
	free(dir);
}

Test(web_cli, a_feed_needs_a_folder)
{
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "feed.rss");

	write_file(in, RSS_HEAD RSS_ITEM1 "</channel></rss>",
	    strlen(RSS_HEAD RSS_ITEM1 "</channel></rss>"));
	NL(&r, "--import", in);
	cr_expect_eq(r.status, 2, "%s", r.err);
	cr_expect(strstr(r.err, "-o DIR") != NULL, "%s", r.err);
	cr_expect_eq(r.outlen, 0);
	run_free(&r);
	NL(&r, "--import", in, "--from", "html");
	cr_expect_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	NL(&r, "--import", in, "--from", "pdf");
	cr_expect_eq(r.status, 2, "%s", r.err);
	run_free(&r);
	unlink(in);
	rmdir(dir);
	free(in);
	free(dir);
}

Test(web_cli, a_broken_feed_is_one_message)
{
	struct run r;
	char *dir = make_tempdir(), *in = test_join(dir, "feed.rss");
	static const char bad[] = "<rss><channel><item><title>x</title>"
	    "</channel>";

	write_file(in, bad, strlen(bad));
	NL(&r, "--import", in, "-o", dir);
	cr_expect_eq(r.status, 1, "%s", r.err);
	cr_expect(strncmp(r.err, "newslens: ", 10) == 0, "%s", r.err);
	cr_expect(strstr(r.err, "feed.rss:1:") != NULL, "%s", r.err);
	run_free(&r);
	unlink(in);
	rmdir(dir);
	free(in);
	free(dir);
}
