/* test_load.c - loading stories: what is built, and every way a file
 * can be refused, with its message. */
#include "config.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "format/load.h"
#include "model/story.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<story version=\"1\"><head><headline>H</headline></head>\n"
#define ACTORS "<actors>\n" \
	"<actor id=\"a\" kind=\"country\"><name>Aland</name></actor>\n" \
	"<actor id=\"b\" kind=\"person\" member-of=\"a\"><name>Bea</name>" \
	"</actor>\n" \
	"<actor id=\"c\" kind=\"company\"><name>Cee Corp</name></actor>\n" \
	"</actors>\n"

static struct diag d = DIAG_INIT;

static void
teardown(void)
{
	diag_free(&d);
}

TestSuite(load, .fini = teardown);

static struct story *
load_str(const char *xml)
{
	return load_memory(xml, strlen(xml), "t.xml", NULL, &d);
}

/* Asserts that loading fails with a first message that starts with
 * prefix ("t.xml:3: ") and contains needle. */
static void
expect_error(const char *xml, const char *prefix, const char *needle)
{
	struct story *st;

	diag_free(&d);
	st = load_str(xml);
	cr_assert_null(st, "loaded what should fail: %s", xml);
	cr_assert_gt(d.n, 0, "no message");
	cr_expect(strncmp(d.msgs[0], prefix, strlen(prefix)) == 0,
	    "message '%s' does not start with '%s'", d.msgs[0], prefix);
	cr_expect(strstr(d.msgs[0], needle) != NULL,
	    "message '%s' lacks '%s'", d.msgs[0], needle);
}

Test(load, builds_head_actors_and_body)
{
	struct story *st = load_str(HEAD ACTORS
	    "<body><p id=\"p1\">The <mention actor=\"a\">Alanders</mention>"
	    " said</p>\n<related id=\"r1\" actors=\"a c\" href=\"x.xml\">"
	    "More</related></body></story>");

	cr_assert_not_null(st, "%s", d.n ? d.msgs[0] : "");
	cr_expect_str_eq(st->headline, "H");
	cr_assert_eq(st->nactors, 3);
	cr_expect_eq(st->actors[1].parent, 0);
	cr_expect_eq(st->actors[0].parent, NONE);
	cr_assert_eq(st->nblocks, 2);
	cr_expect_str_eq(st->blocks[0].text, "The Alanders said");
	cr_expect_eq(st->blocks[1].kind, BLOCK_RELATED);
	cr_expect_str_eq(st->related[0].href, "x.xml");
	cr_expect_eq(st->related[0].actors.n, 2);
	cr_assert_eq(st->nitems, 2);
	cr_expect_eq(st->items[0].start, 4);
	cr_expect_eq(st->items[0].end, 12);
	cr_expect_eq(st->items[1].kind, ITEM_RELATED);
	cr_expect_eq(st->blocks[1].first_item, 1);
	story_free(st);
}

Test(load, collapses_white_space_and_trims_spans)
{
	struct story *st = load_str(HEAD ACTORS
	    "<body><p>\n  Hello <mention actor=\"a\"> big \n\t world "
	    "</mention> !  </p></body></story>");
	size_t len;
	const char *t;

	cr_assert_not_null(st);
	cr_expect_str_eq(st->blocks[0].text, "Hello big world !");
	t = story_item_text(st, 0, &len);
	cr_expect_eq(len, strlen("big world"));
	cr_expect(strncmp(t, "big world", len) == 0);
	story_free(st);
}

Test(load, keeps_no_break_space_and_sanitises_controls)
{
	struct story *st = load_str(HEAD ACTORS
	    "<body><p>a\xc2\xa0" "b &#x85;c&#x7F;d &#x202E;e</p></body>"
	    "</story>");

	cr_assert_not_null(st, "%s", d.n ? d.msgs[0] : "");
	cr_expect_str_eq(st->blocks[0].text,
	    "a\xc2\xa0" "b <U+0085>c\xe2\x90\xa1" "d <U+202E>e");
	story_free(st);
}

Test(load, trims_ids_in_references)
{
	struct story *st = load_str(HEAD ACTORS
	    "<body><p><mention actor=\" a \">x</mention></p></body></story>");

	cr_assert_not_null(st, "%s", d.n ? d.msgs[0] : "");
	cr_expect_eq(st->items[0].ref, 0);
	story_free(st);
}

Test(load, empty_file)
{
	struct story *st = load_memory("", 0, "t.xml", NULL, &d);

	cr_assert_null(st);
	cr_expect_str_eq(d.msgs[0], "t.xml:1: the file is empty");
}

Test(load, not_well_formed_names_the_line)
{
	expect_error(HEAD "<body>\n<p>open\n</body></story>", "t.xml:5: ",
	    "was expected");
}

Test(load, entity_declaration_is_refused)
{
	expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE story [\n"
	    "<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;\">]>\n"
	    "<story version=\"1\"/>", "t.xml:3: ",
	    "entity declarations are not allowed");
}

Test(load, external_entity_is_refused)
{
	expect_error("<!DOCTYPE story [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><story version=\"1\">&x;</story>",
	    "t.xml:1: ", "entity declarations are not allowed");
}

Test(load, external_dtd_is_refused)
{
	expect_error("<!DOCTYPE story SYSTEM \"file:///etc/passwd\">\n"
	    "<story version=\"1\"/>", "t.xml:1: ",
	    "external document type definitions are not allowed");
}

Test(load, declared_encoding_must_be_utf8)
{
	expect_error("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<story version=\"1\"/>", "t.xml:1: ", "stories are UTF-8");
}

Test(load, utf16_is_refused)
{
	struct story *st = load_memory("\xff\xfe<\0s\0", 6, "t.xml", NULL,
	    &d);

	cr_assert_null(st);
	cr_expect(strstr(d.msgs[0], "UTF-16") != NULL, "%s", d.msgs[0]);
}

Test(load, schema_errors_name_the_line)
{
	expect_error(HEAD "<body>\n<p>x</p>\n<table/>\n</body></story>",
	    "t.xml:", "table");
	expect_error("<story version=\"2\"><head><headline>H</headline>"
	    "</head><body/></story>", "t.xml:1: ", "story");
}

Test(load, dangling_actor)
{
	expect_error(HEAD ACTORS "<body>\n<p><mention actor=\"zz\">x</mention>"
	    "</p></body></story>", "t.xml:9: ", "no such id 'zz'");
}

Test(load, dangling_claim_in_disputes)
{
	expect_error(HEAD ACTORS "<body>\n<p><claim id=\"k1\" disputes=\"k9\">"
	    "x</claim></p></body></story>", "t.xml:9: ", "'k9'");
}

Test(load, reference_of_the_wrong_kind)
{
	expect_error(HEAD ACTORS "<body>\n<p><quote id=\"q1\" speaker=\"a\">"
	    "x</quote> <claim id=\"k1\" by=\"q1\">y</claim></p></body></story>",
	    "t.xml:9: ", "'q1' is a quote, not an actor");
}

Test(load, duplicate_ids_across_kinds)
{
	expect_error(HEAD ACTORS "<body>\n<p id=\"a\">x</p></body></story>",
	    "t.xml:9: ", "duplicate id 'a' (first used on line 4)");
}

Test(load, member_of_cycle)
{
	expect_error(HEAD "<actors>\n"
	    "<actor id=\"a\" kind=\"group\" member-of=\"b\"><name>A</name>"
	    "</actor>\n<actor id=\"b\" kind=\"group\" member-of=\"a\">"
	    "<name>B</name></actor>\n</actors><body/></story>", "t.xml:",
	    "member of itself");
}

Test(load, every_problem_gets_a_line)
{
	struct story *st = load_str(HEAD ACTORS "<body>\n"
	    "<p><mention actor=\"x1\">x</mention></p>\n"
	    "<p><mention actor=\"x2\">y</mention></p></body></story>");

	cr_assert_null(st);
	cr_assert_eq(d.n, 2);
	cr_expect(strstr(d.msgs[1], "t.xml:10: ") == d.msgs[1], "%s",
	    d.msgs[1]);
}

static char tmpdir[] = "/tmp/newslens-test-XXXXXX";

static void
file_error(const char *path, const char *needle)
{
	struct story *st = load_file(path, NULL, &d);
	char prefix[4096];

	cr_assert_null(st);
	cr_assert_gt(d.n, 0);
	/* The whole file: no line, not line 0. */
	snprintf(prefix, sizeof prefix, "%s: ", path);
	cr_expect(strncmp(d.msgs[0], prefix, strlen(prefix)) == 0, "%s",
	    d.msgs[0]);
	cr_expect(strstr(d.msgs[0], needle) != NULL, "'%s' lacks '%s'",
	    d.msgs[0], needle);
}

Test(load, missing_file)
{
	file_error("/nonexistent/story.xml", "cannot open");
}

Test(load, directory)
{
	file_error("/tmp", "is a directory");
}

Test(load, device)
{
	file_error("/dev/zero", "not a regular file");
}

Test(load, fifo_does_not_block)
{
	char path[256];

	cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(path, sizeof path, "%s/fifo", tmpdir);
	cr_assert_eq(mkfifo(path, 0600), 0);
	file_error(path, "not a regular file");
	unlink(path);
	rmdir(tmpdir);
}

Test(load, size_cap)
{
	struct load_opts small = { 16 };
	char path[256];
	FILE *fp;
	struct story *st;

	cr_assert_not_null(mkdtemp(tmpdir));
	snprintf(path, sizeof path, "%s/big.xml", tmpdir);
	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(HEAD "<body/></story>", fp);
	fclose(fp);
	st = load_file(path, &small, &d);
	cr_expect_null(st);
	cr_expect(d.n > 0 && strstr(d.msgs[0], "larger than the limit"));
	diag_free(&d);
	st = load_file(path, NULL, &d);
	cr_expect_not_null(st, "%s", d.n ? d.msgs[0] : "");
	story_free(st);
	unlink(path);
	rmdir(tmpdir);
}

Test(load, file_name_is_sanitised)
{
	struct story *st = load_file("/nonexistent/\x1b[2J\n.xml", NULL, &d);

	cr_assert_null(st);
	cr_expect(strchr(d.msgs[0], '\x1b') == NULL);
	cr_expect(strchr(d.msgs[0], '\n') == NULL);
	cr_expect(strstr(d.msgs[0], "\xe2\x90\x9b[2J\xe2\x90\x8a.xml") != NULL,
	    "%s", d.msgs[0]);
}
