/* test_session.c - view/session.h: every command and its refusals, the
 * history and its names, saving (and failing to), the journal. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "format/write.h"
#include "model/story.h"
#include "testutil.h"
#include "view/session.h"

static const char STORY[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<story version=\"1\">\n"
"  <head><headline>Test</headline></head>\n"
"  <actors>\n"
"    <actor id=\"lewis\" kind=\"person\"><name>Brandon Lewis</name>"
"<alias>Lewis</alias></actor>\n"
"    <actor id=\"bbc\" kind=\"media\"><name>BBC</name></actor>\n"
"    <actor id=\"uk\" kind=\"country\"><name>United Kingdom</name></actor>\n"
"    <actor id=\"ukgov\" kind=\"government\" member-of=\"uk\">"
"<name>UK government</name></actor>\n"
"  </actors>\n"
"  <body>\n"
"    <p id=\"p1\">Security minister <mention actor=\"lewis\">Brandon "
"Lewis</mention> told the BBC that a decision would be taken "
"\xe2\x80\x9crelatively soon\xe2\x80\x9d.</p>\n"
"    <p>The the the end.</p>\n"
"    <related id=\"r1\" actors=\"uk\">Read this</related>\n"
"  </body>\n"
"</story>\n";

/* Each test: a folder with story.xml, and a state folder of its own. */
static char *dir, *path, *state;
static struct session *s;
static struct buf msg;

static void
setup(void)
{
	struct diag d = DIAG_INIT;
	struct story *st;
	struct buf m = BUF_INIT;

	dir = make_tempdir();
	path = test_join(dir, "story.xml");
	state = test_join(dir, "state");
	setenv("XDG_STATE_HOME", state, 1);
	write_file(path, STORY, strlen(STORY));
	st = load_file(path, &(struct load_opts){ LOAD_MAX_SIZE_DEFAULT }, &d);
	cr_assert_not_null(st);
	diag_free(&d);
	s = session_open(st, path, false, &m);
	cr_assert_eq(m.len, 0, "%s", m.data);
	buf_free(&m);
	memset(&msg, 0, sizeof msg);
}

static void
teardown(void)
{
	struct run r;
	const char *argv[] = { "/bin/rm", "-rf", dir, NULL };

	session_free(s);
	s = NULL;
	buf_free(&msg);
	run_prog(&r, argv, NULL);
	run_free(&r);
	free(path);
	free(state);
	free(dir);
}

TestSuite(session, .init = setup, .fini = teardown);

/* Runs line; its message is in msg. */
static enum session_result
run(const char *line)
{
	buf_truncate(&msg, 0);
	return session_run(s, line, &msg);
}

static const char *
said(void)
{
	return msg.data ? msg.data : "";
}

#define OK(line) cr_assert_eq(run(line), SESSION_OK, "%s: %s", line, said())
#define REFUSED(line, why) do { \
	char *before_ = canon(); \
	cr_assert_eq(run(line), SESSION_REFUSED, "%s: %s", line, said()); \
	cr_expect(strstr(said(), why) != NULL, "%s: '%s' lacks '%s'", line, \
	    said(), why); \
	char *after_ = canon(); \
	cr_expect_str_eq(after_, before_, "%s changed the story", line); \
	free(before_); \
	free(after_); \
} while (0)

/* The story as a save would write it. */
static char *
canon(void)
{
	struct buf b = BUF_INIT;

	write_story_buf(session_story(s), &b);
	return buf_detach(&b);
}

static char *
slurp(const char *p)
{
	FILE *fp = fopen(p, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b);
}

/* The item of kind over exactly `text` in block (first occurrence). */
static size_t
item(size_t block, const char *text, enum item_kind kind)
{
	const struct story *st = session_story(s);
	const char *at = strstr(st->blocks[block].text, text);

	if (at == NULL)
		return NONE;
	return session_find_item(s, block, (size_t)(at - st->blocks[block].text),
	    (size_t)(at - st->blocks[block].text) + strlen(text), kind);
}

/* ---- select, focus ---------------------------------------------------- */

Test(session, select_by_id_and_number)
{
	size_t b, st, en;

	OK("select p1 \"told the BBC\"");
	cr_assert(session_selection(s, &b, &st, &en));
	cr_expect_eq(b, 0);
	cr_expect_eq(en - st, strlen("told the BBC"));
	OK(":select 2 \"the\" 2");
	cr_assert(session_selection(s, &b, &st, &en));
	cr_expect_eq(b, 1);
	cr_expect_eq(st, 8, "the second 'the' of 'The the the end.'");
	OK("  select 2 the");
	session_selection(s, &b, &st, &en);
	cr_expect_eq(st, 4);
	OK("select 2");
	session_selection(s, &b, &st, &en);
	cr_expect(st == 0 && en == strlen("The the the end."));
	OK("select");
	cr_expect(!session_selection(s, &b, &st, &en));
}

Test(session, select_refusals)
{
	REFUSED("select p9 \"x\"", "there is no block 'p9'");
	REFUSED("select 4 \"x\"", "there is no block '4'");
	REFUSED("select p1 \"nowhere\"", "has no \"nowhere\"");
	REFUSED("select 2 \"the\" 3", "only 2 times");
	REFUSED("select p1 \"open", "quotation mark is not closed");
	REFUSED("frobnicate", "not a command: frobnicate");
}

Test(session, select_focuses_the_item_it_is)
{
	OK("select p1 \"Brandon Lewis\"");
	cr_expect_eq(session_focused(s), item(0, "Brandon Lewis", ITEM_MENTION));
	OK("select p1 \"minister Brandon Lewis\"");
	cr_expect_eq(session_focused(s), item(0, "Brandon Lewis", ITEM_MENTION),
	    "a selection that is no item leaves the focus");
	OK("focus none");
	cr_expect_eq(session_focused(s), NONE);
	OK("focus r1");
	cr_expect_eq(session_story(s)->items[session_focused(s)].kind,
	    ITEM_RELATED);
	OK("focus p1 \"Brandon Lewis\" mention");
	cr_expect_eq(session_focused(s), item(0, "Brandon Lewis", ITEM_MENTION));
	REFUSED("focus p1 \"told\"", "no item is exactly that text");
}

/* ---- mention, quote, claim ------------------------------------------- */

Test(session, mention_by_id_name_and_alias)
{
	OK("select p1 \"BBC\"");
	OK("mention bbc");
	cr_expect_neq(item(0, "BBC", ITEM_MENTION), NONE);
	cr_expect_eq(session_focused(s), item(0, "BBC", ITEM_MENTION),
	    "the new item is in focus");
	cr_expect(session_dirty(s));
	OK("select 2 \"end\"");
	OK("mention lewis");
	OK("u");
	OK("mention Brandon Lewis");
	cr_expect_str_eq(said(), "add a mention in paragraph 2");
	OK("u");
	OK("mention lewis");
	REFUSED("mention uk", "that is a mention already");
	OK("u");
	OK(":mention LEWIS");
	cr_expect_eq(session_story(s)->items[item(1, "end", ITEM_MENTION)].ref,
	    story_find_actor(session_story(s), "lewis"));
}

Test(session, mention_refusals)
{
	REFUSED("mention bbc", "nothing is selected");
	OK("select p1 \"told the\"");
	cr_expect_eq(run("mention Brandon"), SESSION_ASK, "an unknown name");
	OK("no");
	REFUSED("mention", "which actor?");
	OK("select p1 \"Security minister Brandon\"");
	REFUSED("mention bbc", "overlaps");
}

Test(session, mention_of_an_unknown_name_asks)
{
	char *before;

	OK("select p1 \"told the BBC\"");
	before = canon();
	cr_assert_eq(run("mention Jane Doe"), SESSION_ASK, "%s", said());
	cr_expect(strstr(said(), "actor add jane-doe person Jane Doe") != NULL,
	    "%s", said());
	cr_expect(session_asking(s));
	OK("actor add jane person Jane Doe");
	cr_expect(!session_asking(s));
	cr_expect_neq(story_find_actor(session_story(s), "jane"), NONE);
	cr_expect_neq(item(0, "told the BBC", ITEM_MENTION), NONE);
	OK("u");
	cr_expect_str_eq(said(), "undid: add actor 'jane' and a mention in "
	    "paragraph 1");
	{
		char *after = canon();

		cr_expect_str_eq(after, before, "one step undoes both");
		free(after);
	}
	/* "no" cancels; anything else is refused, and asks no more. */
	cr_assert_eq(run("mention Jane Doe"), SESSION_ASK);
	OK("no");
	cr_expect_eq(story_find_actor(session_story(s), "jane"), NONE);
	cr_assert_eq(run("mention Jane Doe"), SESSION_ASK);
	REFUSED("mention bbc", "not an answer");
	cr_expect(!session_asking(s));
	cr_assert_eq(run("mention Jane Doe"), SESSION_ASK);
	REFUSED("actor add 9x person Jane", "an actor needs an id");
	free(before);
}

Test(session, quote_trims_its_marks)
{
	size_t q;

	OK("select p1 \"\xe2\x80\x9crelatively soon\xe2\x80\x9d\"");
	OK("quote lewis");
	q = item(0, "relatively soon", ITEM_QUOTE);
	cr_assert_neq(q, NONE, "the marks stay outside");
	cr_expect_str_eq(session_story(s)->quotes[
	    session_story(s)->items[q].ref].id, "q1");
	OK("u");
	OK("select p1 \"\xe2\x80\x9crelatively soon\"");
	OK("quote Brandon Lewis id=lw1");
	q = item(0, "relatively soon", ITEM_QUOTE);
	cr_expect_str_eq(session_story(s)->quotes[
	    session_story(s)->items[q].ref].id, "lw1");
	OK("select 2 \"end\"");
	REFUSED("quote lewis id=lw1", "the id 'lw1' is taken");
	cr_assert_eq(run("quote Nobody Known"), SESSION_ASK);
	OK("actor add nobody person Nobody Known");
	cr_expect_neq(item(1, "end", ITEM_QUOTE), NONE);
}

Test(session, claim_with_its_attributes)
{
	const struct story *st;
	const struct claim *c;

	OK("select p1 \"a decision would be taken\"");
	OK("claim by=lewis about=ukgov,uk when=2020-01-12");
	st = session_story(s);
	c = &st->claims[st->items[item(0, "a decision would be taken",
	    ITEM_CLAIM)].ref];
	cr_expect_str_eq(c->id, "c1");
	cr_expect_eq(c->by.n, 1);
	cr_expect_eq(c->about.n, 2);
	cr_expect_str_eq(c->when, "2020-01-12");
	OK("select 2 \"The the\"");
	OK("claim id=c9 disputes=c1");
	st = session_story(s);
	cr_expect_eq(st->claims[1].disputes.n, 1);
	OK("select 2 \"end\"");
	REFUSED("claim when=2020-13-01", "not a date");
	REFUSED("claim by=nobody", "by: no actor 'nobody'");
	REFUSED("claim disputes=c77", "disputes: no claim 'c77'");
	REFUSED("claim bogus", "is not KEY=VALUE");
	REFUSED("claim speaker=lewis", "a claim has no attribute 'speaker'");
	REFUSED("claim id=c1", "the id 'c1' is taken");
}

/* ---- the focused item ------------------------------------------------ */

Test(session, unmark_removes_the_focused_item)
{
	REFUSED("unmark", "no item is in focus");
	OK("select p1 \"Brandon Lewis\"");
	OK("unmark");
	cr_expect_str_eq(said(), "remove a mention in paragraph 1");
	cr_expect_eq(item(0, "Brandon Lewis", ITEM_MENTION), NONE);
	cr_expect_eq(session_focused(s), NONE);
	OK("focus r1");
	REFUSED("unmark", "cannot be unmarked");
	/* A disputed claim stays. */
	OK("select p1 \"a decision\"");
	OK("claim");
	OK("select 2 \"end\"");
	OK("claim disputes=c1");
	OK("select p1 \"a decision\"");
	REFUSED("unmark", "is disputed by claim 'c2'");
}

Test(session, set_changes_the_focused_item)
{
	const struct story *st;

	OK("select p1 \"Brandon Lewis\"");
	OK("set actor=bbc");
	st = session_story(s);
	cr_expect_eq(st->items[item(0, "Brandon Lewis", ITEM_MENTION)].ref,
	    story_find_actor(st, "bbc"));
	cr_expect_str_eq(said(), "change a mention in paragraph 1");
	REFUSED("set actor=nobody", "no actor 'nobody'");
	REFUSED("set speaker=lewis", "a mention has no attribute 'speaker'");
	REFUSED("set", "set what?");
	OK("select 2 \"end\"");
	OK("claim when=2019");
	OK("set when= by=lewis,bbc");
	st = session_story(s);
	cr_expect_null(st->claims[0].when);
	cr_expect_eq(st->claims[0].by.n, 2);
	REFUSED("set when=yesterday", "not a date");
	OK("set id=newid");
	cr_expect_str_eq(session_story(s)->claims[0].id, "newid");
}

Test(session, extend_and_shrink_move_the_focused_item)
{
	const struct story *st;

	OK("select p1 \"Brandon Lewis\"");
	OK("select p1 \"minister Brandon Lewis\"");
	OK("extend");
	cr_expect_str_eq(said(), "extend a mention in paragraph 1");
	cr_expect_eq(item(0, "Brandon Lewis", ITEM_MENTION), NONE);
	cr_assert_neq(item(0, "minister Brandon Lewis", ITEM_MENTION), NONE);
	st = session_story(s);
	cr_expect_eq(st->items[item(0, "minister Brandon Lewis",
	    ITEM_MENTION)].ref, story_find_actor(st, "lewis"),
	    "the attributes move with it");
	cr_expect_eq(session_focused(s), item(0, "minister Brandon Lewis",
	    ITEM_MENTION));
	REFUSED("extend", "larger than and around");
	OK("select p1 \"Lewis\"");
	OK("shrink");
	cr_expect_neq(item(0, "Lewis", ITEM_MENTION), NONE);
	REFUSED("shrink", "smaller than and inside");
	OK("u");
	OK("u");
	cr_expect_str_eq(said(), "undid: extend a mention in paragraph 1");
	cr_expect_neq(item(0, "Brandon Lewis", ITEM_MENTION), NONE);
	OK("select p1 \"Brandon Lewis told the BBC\"");
	OK("focus p1 \"Brandon Lewis\"");
	OK("extend");
	OK("select 2 \"end\"");
	REFUSED("extend", "larger than and around");
}

Test(session, related_sets_a_read_more_item)
{
	const struct story *st;

	OK("focus r1");
	OK("related actors=lewis,bbc href=other.xml");
	st = session_story(s);
	cr_expect_eq(st->related[0].actors.n, 2);
	cr_expect_str_eq(st->related[0].href, "other.xml");
	OK("related href=");
	cr_expect_null(session_story(s)->related[0].href);
	REFUSED("related actors=nobody", "no actor 'nobody'");
	OK("select p1 \"Brandon Lewis\"");
	REFUSED("related href=x.xml", "not a \"Read more\" item");
}

/* ---- actors ----------------------------------------------------------- */

Test(session, actor_commands)
{
	const struct story *st;
	size_t a;

	OK("actor add jane person Jane Doe");
	cr_expect_str_eq(said(), "add actor 'jane'");
	OK("actor rename jane Jane Q. Doe");
	OK("actor kind jane group");
	OK("actor alias jane JQD");
	OK("actor member-of jane ukgov");
	OK("actor note jane Spokesperson of the group");
	st = session_story(s);
	a = story_find_actor(st, "jane");
	cr_assert_neq(a, NONE);
	cr_expect_str_eq(st->actors[a].name, "Jane Q. Doe");
	cr_expect_eq(st->actors[a].kind, ACTOR_GROUP);
	cr_expect_eq(st->actors[a].naliases, 1);
	cr_expect_str_eq(st->actors[a].aliases[0], "JQD");
	cr_expect_eq(st->actors[a].parent, story_find_actor(st, "ukgov"));
	cr_expect_str_eq(st->actors[a].note, "Spokesperson of the group");
	OK("actor note jane");
	OK("actor member-of jane");
	st = session_story(s);
	a = story_find_actor(st, "jane");
	cr_expect_null(st->actors[a].note);
	cr_expect_eq(st->actors[a].parent, NONE);
	OK("actor remove jane");
	cr_expect_eq(story_find_actor(session_story(s), "jane"), NONE);
	OK("u");
	cr_expect_str_eq(said(), "undid: remove actor 'jane'");
	cr_expect_neq(story_find_actor(session_story(s), "jane"), NONE);
}

Test(session, actor_refusals)
{
	REFUSED("actor", "actor what?");
	REFUSED("actor fly jane", "not an actor command");
	REFUSED("actor add jane alien Jane", "'alien' is not a kind");
	REFUSED("actor add lewis person Other", "the id 'lewis' is taken");
	REFUSED("actor add p1 person Other", "the id 'p1' is taken");
	REFUSED("actor add jane person", "actor add ID KIND NAME");
	REFUSED("actor rename nobody X", "no actor 'nobody'");
	REFUSED("actor kind lewis", "actor kind ID");
	REFUSED("actor member-of uk ukgov", "member of itself");
	REFUSED("actor remove lewis", "a mention in paragraph 1");
	REFUSED("actor remove uk", "names it");
	REFUSED("actor merge lewis lewis", "cannot be merged into itself");
	REFUSED("actor merge lewis", "actor merge KEEP GONE");
	REFUSED("actor merge ukgov uk", "is a member of");
}

Test(session, actor_merge)
{
	const struct story *st;
	size_t a;

	OK("select p1 \"BBC\"");
	OK("mention bbc");
	OK("actor merge lewis bbc");
	cr_expect_str_eq(said(), "merge actor 'bbc' into 'lewis'");
	st = session_story(s);
	cr_expect_eq(story_find_actor(st, "bbc"), NONE);
	a = story_find_actor(st, "lewis");
	cr_expect_eq(st->items[item(0, "BBC", ITEM_MENTION)].ref, a);
	cr_expect_eq(st->actors[a].naliases, 2, "Lewis, and BBC");
	OK("u");
	cr_expect_neq(story_find_actor(session_story(s), "bbc"), NONE);
}

/* ---- history ---------------------------------------------------------- */

Test(session, undo_and_redo_name_what_they_do)
{
	char *orig = canon(), *one;

	REFUSED("u", "nothing to undo");
	REFUSED("redo", "nothing to redo");
	OK("select p1 \"BBC\"");
	OK("mention bbc");
	one = canon();
	OK("undo");
	cr_expect_str_eq(said(), "undid: add a mention in paragraph 1");
	{
		char *now = canon();

		cr_expect_str_eq(now, orig);
		free(now);
	}
	cr_expect(!session_dirty(s), "back where it was saved");
	OK("redo");
	cr_expect_str_eq(said(), "redid: add a mention in paragraph 1");
	{
		char *now = canon();

		cr_expect_str_eq(now, one);
		free(now);
	}
	OK("u");
	OK("select 2 \"end\"");
	OK("mention uk");
	REFUSED("redo", "nothing to redo");
	cr_expect_eq(session_undo_depth(s), 1);
	free(orig);
	free(one);
}

/* ---- read-only -------------------------------------------------------- */

Test(session, read_only_refuses_changes)
{
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;

	session_free(s);
	s = session_open(load_file(path, &(struct load_opts){
	    LOAD_MAX_SIZE_DEFAULT }, &d), path, true, &m);
	diag_free(&d);
	cr_expect(session_read_only(s));
	OK("select p1 \"BBC\"");
	REFUSED("mention bbc", "read-only");
	REFUSED("actor add x person X", "read-only");
	REFUSED("u", "read-only");
	REFUSED("w", "open read-only");
	cr_expect_eq(run("q"), SESSION_QUIT);
	buf_free(&m);
}

/* ---- saving ----------------------------------------------------------- */

Test(session, save_writes_the_story_and_keeps_the_mode)
{
	char *want, *got;
	struct stat sb;
	char *jpath = session_journal_path(path);

	chmod(path, 0640);
	OK("select p1 \"BBC\"");
	OK("mention bbc");
	cr_expect_eq(access(jpath, F_OK), 0, "the journal exists");
	want = canon();
	OK("w");
	cr_expect(strstr(said(), "wrote ") != NULL, "%s", said());
	got = slurp(path);
	cr_expect_str_eq(got, want);
	cr_expect(!session_dirty(s));
	cr_expect_neq(access(jpath, F_OK), 0, "the journal is gone");
	cr_assert_eq(stat(path, &sb), 0);
	cr_expect_eq(sb.st_mode & 0777, 0640);
	cr_expect_eq(session_undo_depth(s), 0, "history starts at the save");
	free(want);
	free(got);
	free(jpath);
}

Test(session, save_refuses_a_file_changed_on_disk)
{
	static const char other[] = "changed by someone else\n";
	char *got, *elsewhere = test_join(dir, "elsewhere.xml"), *want;

	OK("select p1 \"BBC\"");
	OK("mention bbc");
	write_file(path, other, strlen(other));
	REFUSED("w", "changed on disk since it was read");
	got = slurp(path);
	cr_expect_str_eq(got, other, "the file is as the other left it");
	free(got);
	cr_expect(session_dirty(s));
	{
		char line[4096];

		snprintf(line, sizeof line, "w %s", elsewhere);
		want = canon();
		OK(line);
		got = slurp(elsewhere);
		cr_expect_str_eq(got, want);
		free(got);
		cr_expect(session_dirty(s), "its own file still lacks them");
		REFUSED(line, "exists");
	}
	OK("w!");
	got = slurp(path);
	cr_expect_str_eq(got, want);
	cr_expect(!session_dirty(s));
	free(got);
	free(want);
	free(elsewhere);
}

static void
expect_alone(const char *d, const char *name)
{
	DIR *dp = opendir(d);
	struct dirent *e;

	cr_assert_not_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			cr_expect_str_eq(e->d_name, name, "a stray file in %s", d);
	closedir(dp);
}

/* A small tmpfs holding the story: a save too big for it fails, and
 * the original stays whole. */
Test(session, save_onto_a_full_file_system)
{
	char *fsdir = test_join(dir, "fs"), *p = test_join(fsdir, "story.xml");
	char *got, line[256];
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	int i;

	mkdir(fsdir, 0755);
	if (!test_small_tmpfs(fsdir, "8k"))
		cr_skip_test("cannot mount a tmpfs here (needs root)");
	write_file(p, STORY, strlen(STORY));
	session_free(s);
	s = session_open(load_file(p, &(struct load_opts){
	    LOAD_MAX_SIZE_DEFAULT }, &d), p, false, &m);
	diag_free(&d);
	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof line, "actor add a%d person A long name "
		    "to fill the file system, number %d", i, i);
		OK(line);
	}
	REFUSED("w", "cannot save");
	cr_expect(strstr(said(), "the edits are kept") != NULL, "%s", said());
	got = slurp(p);
	cr_expect_str_eq(got, STORY);
	cr_expect(session_dirty(s));
	expect_alone(fsdir, "story.xml");
	free(got);
	session_free(s);
	s = NULL;
	umount(fsdir);
	free(p);
	free(fsdir);
	buf_free(&m);
}

Test(session, save_onto_a_read_only_file_system)
{
	char *fsdir = test_join(dir, "fs"), *p = test_join(fsdir, "story.xml");
	char *got;
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;

	mkdir(fsdir, 0755);
	if (!test_small_tmpfs(fsdir, "64k"))
		cr_skip_test("cannot mount a tmpfs here (needs root)");
	write_file(p, STORY, strlen(STORY));
	session_free(s);
	s = session_open(load_file(p, &(struct load_opts){
	    LOAD_MAX_SIZE_DEFAULT }, &d), p, false, &m);
	diag_free(&d);
	OK("select p1 \"BBC\"");
	OK("mention bbc");
	cr_assert_eq(mount("none", fsdir, "none", MS_REMOUNT | MS_RDONLY, NULL),
	    0, "remount: %s", strerror(errno));
	REFUSED("w", "cannot be written");
	REFUSED("w!", "cannot save");
	got = slurp(p);
	cr_expect_str_eq(got, STORY);
	cr_expect(session_dirty(s));
	free(got);
	session_free(s);
	s = NULL;
	umount(fsdir);
	free(p);
	free(fsdir);
	buf_free(&m);
}

Test(session, the_built_in_story_asks_for_a_name)
{
	struct diag d = DIAG_INIT;
	struct buf m = BUF_INIT;
	char *to = test_join(dir, "saved.xml"), *got, *want;

	session_free(s);
	s = session_open(load_default(&d), NULL, false, &m);
	diag_free(&d);
	cr_expect_null(session_path(s));
	OK("actor add jane person Jane Doe");
	cr_assert_eq(run("w"), SESSION_ASK, "%s", said());
	cr_expect(strstr(said(), "save it as?") != NULL);
	want = canon();
	OK(to);
	got = slurp(to);
	cr_expect_str_eq(got, want);
	cr_expect_str_eq(session_path(s), to);
	cr_expect(!session_dirty(s));
	free(got);
	free(want);
	free(to);
	buf_free(&m);
}

/* ---- quitting --------------------------------------------------------- */

Test(session, quit_with_unsaved_edits_asks)
{
	char *jpath = session_journal_path(path);

	cr_expect_eq(run("q"), SESSION_QUIT, "nothing to lose");
	OK("actor add jane person Jane Doe");
	cr_assert_eq(run("q"), SESSION_ASK);
	cr_expect(strstr(said(), "unsaved edits") != NULL);
	OK("stay");
	cr_expect_eq(access(jpath, F_OK), 0);
	cr_assert_eq(run(":q"), SESSION_ASK);
	cr_expect_eq(run("n"), SESSION_QUIT);
	cr_expect_neq(access(jpath, F_OK), 0, "a clean quit drops the journal");
	free(jpath);
}

Test(session, wq_saves_and_quits)
{
	char *got, *want;

	OK("actor add jane person Jane Doe");
	want = canon();
	cr_expect_eq(run("wq"), SESSION_QUIT, "%s", said());
	got = slurp(path);
	cr_expect_str_eq(got, want);
	free(got);
	free(want);
	cr_assert_eq(run("actor add joe person Joe"), SESSION_OK);
	cr_assert_eq(run("q"), SESSION_ASK);
	cr_expect_eq(run("y"), SESSION_QUIT, "%s", said());
	got = slurp(path);
	cr_expect(strstr(got, "Joe") != NULL);
	free(got);
}

/* ---- the journal ------------------------------------------------------ */

/* A new session on the file, as after a crash: its open message. */
static void
reopen(struct buf *m)
{
	struct diag d = DIAG_INIT;

	/* The old one is not quit: its journal stays, as after kill -9. */
	session_free(s);
	s = session_open(load_file(path, &(struct load_opts){
	    LOAD_MAX_SIZE_DEFAULT }, &d), path, false, m);
	diag_free(&d);
	cr_assert_not_null(s);
}

/* Edits of every kind, undone and redone, with a question answered. */
static void
edit_a_lot(void)
{
	OK("select p1 \"BBC\"");
	OK("mention bbc");
	OK("select p1 \"a decision would be taken\"");
	OK("claim by=lewis about=ukgov");
	OK("select p1 \"relatively soon\"");
	OK("quote Lewis");
	OK("select p1 \"minister\"");
	cr_assert_eq(run("mention The \"Minister\""), SESSION_ASK);
	OK("actor add minister person The Minister");
	OK("u");
	OK("u");
	OK("redo");
	OK("select 2 \"the end\"");
	OK("mention uk");
	OK("select 2 \"The the the end\"");
	OK("extend");
	OK("set actor=ukgov");
	OK("actor merge uk ukgov");
	OK("focus r1");
	OK("related href=x.xml");
	OK("actor note lewis \"A \\\"quoted\\\" note\"");
}

Test(session, journal_replays_to_the_same_story)
{
	struct buf m = BUF_INIT;
	char *want, *got, *jpath = session_journal_path(path), *j;

	edit_a_lot();
	want = canon();
	j = slurp(jpath);
	cr_assert_not_null(j);
	cr_expect(strncmp(j, "# newslens journal 1:", 21) == 0, "%s", j);
	free(j);
	reopen(&m);
	cr_expect(strstr(m.data ? m.data : "", ":recover") != NULL, "%s",
	    m.data);
	REFUSED("mention bbc", ":recover or :discard it first");
	OK("recover");
	got = canon();
	cr_expect_str_eq(got, want);
	cr_expect(session_dirty(s));
	free(got);
	/* Later edits go on in the same journal, and replay too. */
	OK("actor add late person Late");
	free(want);
	want = canon();
	buf_truncate(&m, 0);
	reopen(&m);
	OK("recover");
	got = canon();
	cr_expect_str_eq(got, want);
	free(got);
	/* A save gives the same file the journal did. */
	OK("w");
	got = slurp(path);
	cr_expect_str_eq(got, want);
	cr_expect_neq(access(jpath, F_OK), 0);
	free(got);
	free(want);
	free(jpath);
	buf_free(&m);
}

Test(session, journal_discard)
{
	struct buf m = BUF_INIT;
	char *jpath = session_journal_path(path), *got;

	OK("actor add jane person Jane Doe");
	reopen(&m);
	OK("discard");
	cr_expect_neq(access(jpath, F_OK), 0);
	got = canon();
	cr_expect(strstr(got, "Jane") == NULL);
	free(got);
	REFUSED("recover", "no recovery journal");
	REFUSED("discard", "no recovery journal");
	OK("actor add joe person Joe");
	free(jpath);
	buf_free(&m);
}

Test(session, a_journal_that_no_longer_applies_is_kept_aside)
{
	struct buf m = BUF_INIT;
	char *jpath = session_journal_path(path), *jdir, *slash;
	DIR *dp;
	struct dirent *e;
	int aside = 0;

	OK("actor add jane person Jane Doe");
	/* The file changes under the journal. */
	write_file(path, STORY, strlen(STORY) - 1);
	{
		FILE *fp = fopen(path, "a");

		fputs("\n\n", fp);
		fclose(fp);
	}
	reopen(&m);
	cr_expect(strstr(m.data ? m.data : "", "kept aside") != NULL, "%s",
	    m.data);
	cr_expect_neq(access(jpath, F_OK), 0, "not where it would be found");
	jdir = strdup(jpath);
	slash = strrchr(jdir, '/');
	*slash = '\0';
	dp = opendir(jdir);
	cr_assert_not_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".stale") != NULL)
			aside++;
	closedir(dp);
	cr_expect_eq(aside, 1);
	REFUSED("recover", "no recovery journal");
	OK("actor add joe person Joe");
	free(jdir);
	free(jpath);
	buf_free(&m);
}

Test(session, a_journal_that_cannot_be_written_refuses_the_edit)
{
	setenv("XDG_STATE_HOME", "/dev/null/nowhere", 1);
	session_free(s);
	{
		struct diag d = DIAG_INIT;
		struct buf m = BUF_INIT;

		s = session_open(load_file(path, &(struct load_opts){
		    LOAD_MAX_SIZE_DEFAULT }, &d), path, false, &m);
		diag_free(&d);
		buf_free(&m);
	}
	OK("select p1 \"BBC\"");
	REFUSED("mention bbc", "the recovery journal cannot be written");
	cr_expect(!session_dirty(s));
}

Test(session, journal_folder_is_private)
{
	char *jpath = session_journal_path(path), *slash;
	struct stat sb;

	OK("actor add jane person Jane Doe");
	cr_assert_eq(stat(jpath, &sb), 0);
	cr_expect_eq(sb.st_mode & 0777, 0600);
	slash = strrchr(jpath, '/');
	*slash = '\0';
	cr_assert_eq(stat(jpath, &sb), 0);
	cr_expect_eq(sb.st_mode & 0777, 0700);
	cr_expect(strstr(slash + 1, "%2F") != NULL && strchr(slash + 1, '/') ==
	    NULL, "%s", slash + 1);
	free(jpath);
}

/* ---- completion ------------------------------------------------------- */

static bool
completes(const char *line, const char *want)
{
	char **v;
	size_t n = session_complete(s, line, &v), i;
	bool found = false;

	for (i = 0; i < n; i++) {
		found = found || strcmp(v[i], want) == 0;
		free(v[i]);
	}
	free(v);
	return found;
}

Test(session, completion)
{
	cr_expect(completes("me", "mention"));
	cr_expect(!completes("me", "quote"));
	cr_expect(completes(":ac", "actor"));
	cr_expect(completes("actor me", "member-of"));
	cr_expect(completes("mention Br", "Brandon Lewis"));
	cr_expect(completes("mention le", "lewis"));
	cr_expect(completes("actor add x pe", "person"));
	cr_expect(completes("claim by=le", "by=lewis"));
	cr_expect(!completes("mention zz", "lewis"));
}
