/* test_run.c - newslens --run and --export, the real program: scripts
 * for the commands and their refusals, kill -9 and SIGHUP in the middle
 * of a script (the journal replays to the file a clean save writes),
 * and the offsets of both exports on combining marks, emoji and astral
 * characters. */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <json-c/json.h>
#include <string.h>

#include "testutil.h"

static const char STORY[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<story version=\"1\">\n"
"  <head><headline>Test</headline></head>\n"
"  <actors>\n"
"    <actor id=\"lewis\" kind=\"person\"><name>Brandon Lewis</name></actor>\n"
"    <actor id=\"bbc\" kind=\"media\"><name>BBC</name></actor>\n"
"  </actors>\n"
"  <body>\n"
"    <p id=\"p1\">Security minister <mention actor=\"lewis\">Brandon "
"Lewis</mention> told the BBC that a decision would be taken "
"\xe2\x80\x9crelatively soon\xe2\x80\x9d.</p>\n"
"    <p>The the the end.</p>\n"
"    <related id=\"r1\">Read this</related>\n"
"  </body>\n"
"</story>\n";

static char *dir, *path, *script, *state;

static void
setup(void)
{
	dir = make_tempdir();
	path = test_join(dir, "story.xml");
	script = test_join(dir, "script");
	state = test_join(dir, "state");
	setenv("XDG_STATE_HOME", state, 1);
	write_file(path, STORY, strlen(STORY));
}

static void
teardown(void)
{
	struct run r;
	const char *argv[] = { "/bin/rm", "-rf", dir, NULL };

	run_prog(&r, argv, NULL);
	run_free(&r);
	free(path);
	free(script);
	free(state);
	free(dir);
}

TestSuite(run, .init = setup, .fini = teardown);

static char *
slurp(const char *p)
{
	FILE *fp = fopen(p, "rb");
	char *data = NULL;
	size_t len = 0;
	char chunk[4096];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		data = realloc(data, len + n + 1);
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(fp);
	if (data == NULL)
		data = calloc(1, 1);
	data[len] = '\0';
	return data;
}

/* Runs --run with the script's text; the story file is `file`. */
static void
run_script_on(struct run *r, const char *text, const char *file)
{
	const char *argv[] = { test_prog(), "--run", script, file, NULL };

	write_file(script, text, strlen(text));
	run_prog(r, argv, NULL);
}

static void
run_script(struct run *r, const char *text)
{
	run_script_on(r, text, path);
}

/* The script is refused at `line` with `why`, and the file is as it
 * was. */
static void
expect_refused(const char *text, int line, const char *why)
{
	struct run r;
	char want[256], *now;

	run_script(&r, text);
	snprintf(want, sizeof want, "newslens: %s:%d: ", script, line);
	cr_expect_eq(r.status, 1, "%s", text);
	cr_expect(strncmp(r.err, want, strlen(want)) == 0 &&
	    strstr(r.err, why) != NULL, "%s: stderr '%s', want '%s…%s'", text,
	    r.err, want, why);
	now = slurp(path);
	cr_expect_str_eq(now, STORY, "a refused script wrote the story");
	free(now);
	run_free(&r);
}

Test(run, every_command_through_a_script)
{
	struct run r, c;
	const char *argv[] = { test_prog(), "--check", path, NULL };
	char *now;

	run_script(&r,
	    "# every command, as in newslens(1)\n"
	    "\n"
	    "select p1 \"BBC\"\n"
	    ":mention bbc\n"
	    "  select p1 \"told the\"\n"
	    "mention Jane Doe\n"
	    "actor add jane person Jane Doe\n"
	    "select p1 \"\xe2\x80\x9crelatively soon\xe2\x80\x9d\"\n"
	    "quote Brandon Lewis\n"
	    "select p1 \"a decision would be taken\"\n"
	    "claim by=lewis about=jane when=2020-01-12\n"
	    "set about=bbc,jane\n"
	    "select 2 \"the end\"\n"
	    "claim disputes=c1\n"
	    "select 2 \"The the the end\"\n"
	    "extend\n"
	    "select 2 \"the the end\"\n"
	    "shrink\n"
	    "select p1 \"Brandon Lewis\"\n"
	    "unmark\n"
	    "u\n"
	    "undo\n"
	    "redo\n"
	    "focus r1\n"
	    "related actors=lewis href=other.xml\n"
	    "actor add joe person Joe\n"
	    "actor rename joe Joe Bloggs\n"
	    "actor kind joe group\n"
	    "actor alias joe JB\n"
	    "actor member-of joe jane\n"
	    "actor note joe A note\n"
	    "actor remove joe\n"
	    "actor merge lewis jane\n"
	    "w\n");
	cr_expect_eq(r.status, 0, "%s", r.err);
	cr_expect_str_eq(r.err, "");
	run_prog(&c, argv, NULL);
	cr_expect_eq(c.status, 0, "the saved story is valid: %s", c.err);
	now = slurp(path);
	cr_expect(strstr(now, "<mention actor=\"bbc\">BBC</mention>") != NULL);
	cr_expect(strstr(now, "<quote id=\"q1\" speaker=\"lewis\">relatively")
	    != NULL, "%s", now);
	cr_expect(strstr(now, "<claim id=\"c2\" disputes=\"c1\">the the"
	    " end</claim>") != NULL, "%s", now);
	cr_expect(strstr(now, "href=\"other.xml\"") != NULL);
	cr_expect(strstr(now, "jane") == NULL, "merged into lewis");
	cr_expect(strstr(now, "<alias>Jane Doe</alias>") != NULL);
	cr_expect(strstr(now, "Joe") == NULL);
	free(now);
	run_free(&r);
	run_free(&c);
}

Test(run, refusals_name_the_line)
{
	expect_refused("select p1 \"BBC\"\nmention nobody at all\nno\n"
	    "mention\n", 4, "which actor?");
	expect_refused("frobnicate\n", 1, "not a command: frobnicate");
	expect_refused("# first\nselect p9 \"x\"\n", 2, "no block 'p9'");
	expect_refused("mention bbc\n", 1, "nothing is selected");
	expect_refused("select p1 \"BBC\"\nmention bbc\n\nmention bbc\n", 4,
	    "that is a mention already");
	expect_refused("select p1 \"Security minister Brandon\"\nmention bbc\n",
	    2, "overlaps");
	expect_refused("select p1 \"BBC\"\nclaim when=2020-02-30\n", 2,
	    "not a date");
	expect_refused("select p1 \"BBC\"\nclaim by=ghost\n", 2,
	    "no actor 'ghost'");
	expect_refused("unmark\n", 1, "no item is in focus");
	expect_refused("actor remove lewis\n", 1, "a mention in paragraph 1");
	expect_refused("actor add x alien X\n", 1, "not a kind");
	expect_refused("actor merge bbc bbc\n", 1, "into itself");
	expect_refused("u\n", 1, "nothing to undo");
	expect_refused("redo\n", 1, "nothing to redo");
	expect_refused("focus r1\nset actor=bbc\n", 2, "has no attribute");
	expect_refused("select p1 \"BBC\"\nmention Jane\nmaybe\n", 3,
	    "not an answer");
	expect_refused("select p1 \"BBC\"\nmention Jane\n", 2,
	    "without an answer");
	expect_refused("recover\n", 1, "no recovery journal");
	expect_refused("select p1 \"open\n", 1, "not closed");
}

/* A script after a `w` and then refused leaves the saved file. */
Test(run, a_refused_script_keeps_what_was_saved)
{
	struct run r;
	char *now;

	run_script(&r, "select p1 \"BBC\"\nmention bbc\nw\nactor add a person "
	    "A\nactor remove nobody\nw\n");
	cr_expect_eq(r.status, 1);
	now = slurp(path);
	cr_expect(strstr(now, "<mention actor=\"bbc\">BBC</mention>") != NULL);
	cr_expect(strstr(now, "id=\"a\"") == NULL, "%s", now);
	free(now);
	run_free(&r);
}

Test(run, saves_only_on_w)
{
	struct run r;
	char *now;

	run_script(&r, "actor add a person A\n");
	cr_expect_eq(r.status, 0);
	cr_expect(strstr(r.err, "not saved") != NULL, "%s", r.err);
	now = slurp(path);
	cr_expect_str_eq(now, STORY);
	free(now);
	run_free(&r);
}

Test(run, standard_input_and_w_elsewhere)
{
	struct run r;
	char *other = test_join(dir, "other.xml"), *now, line[512];
	const char *argv[] = { test_prog(), "--run", "-", path, NULL };

	snprintf(line, sizeof line, "select p1 \"BBC\"\nmention bbc\nw %s\n"
	    "q!\nactor add never person Never\n", other);
	run_prog(&r, argv, line);
	cr_expect_eq(r.status, 0, "%s", r.err);
	now = slurp(other);
	cr_expect(now != NULL && strstr(now, ">BBC</mention>") != NULL);
	free(now);
	now = slurp(path);
	cr_expect_str_eq(now, STORY, "w OTHER leaves the file");
	free(now);
	run_free(&r);
	free(other);
}

Test(run, a_file_changed_underneath_is_not_overwritten)
{
	/* The script rewrites its own file between load and w. */
	struct run r;
	char text[1024], *now;

	snprintf(text, sizeof text, "actor add a person A\nw\n");
	write_file(script, text, strlen(text));
	{
		/* Load, then change the file, then save: via a FIFO script
		 * the test feeds after changing the file. */
		const char *argv[] = { test_prog(), "--run", "-", path, NULL };
		int in[2];
		pid_t pid;
		int st;
		char *jpath = NULL;

		cr_assert_eq(pipe(in), 0);
		pid = fork();
		cr_assert_neq(pid, -1);
		if (pid == 0) {
			dup2(in[0], 0);
			close(in[1]);
			execv(argv[0], (char *const *)argv);
			_exit(127);
		}
		close(in[0]);
		cr_assert(write(in[1], "actor add a person A\n", 21) == 21);
		/* Once the journal has the line, the file is loaded. */
		{
			char *dirj = test_join(state, "newslens");

			for (int i = 0; i < 100000 && jpath == NULL; i++) {
				DIR *dp = opendir(dirj);
				struct dirent *e;

				while (dp && (e = readdir(dp)) != NULL)
					if (strstr(e->d_name, ".journal"))
						jpath = test_join(dirj, e->d_name);
				if (dp)
					closedir(dp);
				sched_yield();
			}
			free(dirj);
		}
		cr_assert_not_null(jpath, "the journal never appeared");
		write_file(path, "changed\n", 8);
		cr_assert(write(in[1], "w\n", 2) == 2);
		close(in[1]);
		waitpid(pid, &st, 0);
		cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1);
		free(jpath);
	}
	now = slurp(path);
	cr_expect_str_eq(now, "changed\n");
	free(now);
	(void)r;
}

/* ---- killed in the middle ------------------------------------------ */

static const char EDITS[] =
    "select p1 \"BBC\"\n"
    "mention bbc\n"
    "select p1 \"told the\"\n"
    "mention Jane Doe\n"
    "actor add jane person Jane Doe\n"
    "u\n"
    "redo\n"
    "select p1 \"relatively soon\"\n"
    "quote lewis\n"
    "select 2 \"the end\"\n"
    "claim by=jane about=bbc\n"
    "actor note jane \"A \\\"note\\\"\"\n";

/* The file a clean run of EDITS saves. */
static char *
clean_save(void)
{
	char *copy = test_join(dir, "clean.xml"), *text, *out;
	struct run r;

	write_file(copy, STORY, strlen(STORY));
	text = malloc(strlen(EDITS) + 3);
	strcpy(text, EDITS);
	strcat(text, "w\n");
	run_script_on(&r, text, copy);
	cr_assert_eq(r.status, 0, "%s", r.err);
	out = slurp(copy);
	run_free(&r);
	free(text);
	free(copy);
	return out;
}

/* Starts --run reading its script from a pipe, feeds it EDITS, waits
 * until the journal holds the last one, and kills it with sig. */
static void
kill_in_the_middle(int sig)
{
	const char *argv[] = { test_prog(), "--run", "-", path, NULL };
	char *dirj = test_join(state, "newslens"), *j = NULL;
	int in[2], st;
	pid_t pid;
	bool there = false;

	cr_assert_eq(pipe(in), 0);
	pid = fork();
	cr_assert_neq(pid, -1);
	if (pid == 0) {
		/* Under nohup SIGHUP comes ignored, and an ignored signal
		 * stays ignored across exec: the test sends it to a program
		 * that takes it as a user's terminal would give it. */
		signal(SIGHUP, SIG_DFL);
		dup2(in[0], 0);
		close(in[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	cr_assert(write(in[1], EDITS, strlen(EDITS)) == (ssize_t)strlen(EDITS));
	for (int i = 0; i < 1000000 && !there; i++) {
		DIR *dp = opendir(dirj);
		struct dirent *e;

		while (dp && (e = readdir(dp)) != NULL)
			if (strstr(e->d_name, ".journal")) {
				char *p = test_join(dirj, e->d_name);

				free(j);
				j = slurp(p);
				free(p);
				there = j && strstr(j, "actor note jane") != NULL;
			}
		if (dp)
			closedir(dp);
		sched_yield();
	}
	cr_assert(there, "the journal never got the last edit: %s", j);
	kill(pid, sig);
	/* The script's end: should the signal not end the program, it
	 * ends at the end of its script, and the test fails, not hangs. */
	close(in[1]);
	waitpid(pid, &st, 0);
	cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == sig,
	    "the program was not ended by signal %d (status %#x)", sig, st);
	free(j);
	free(dirj);
}

static void
expect_recovered(void)
{
	struct run r;
	char *want = clean_save(), *got;

	got = slurp(path);
	cr_expect_str_eq(got, STORY, "nothing was saved before the kill");
	free(got);
	run_script(&r, "recover\nw\n");
	cr_expect_eq(r.status, 0, "%s", r.err);
	cr_expect(strstr(r.err, "recovery journal") != NULL, "%s", r.err);
	got = slurp(path);
	cr_expect_str_eq(got, want, "the journal replays to the clean save");
	free(got);
	free(want);
	run_free(&r);
}

Test(run, kill_9_loses_no_edit)
{
	kill_in_the_middle(SIGKILL);
	expect_recovered();
}

Test(run, sighup_loses_no_edit)
{
	kill_in_the_middle(SIGHUP);
	expect_recovered();
}

/* The journal is itself a script: --run of it on a fresh copy gives
 * the same file. */
Test(run, the_journal_is_a_script)
{
	char *dirj = test_join(state, "newslens"), *jp = NULL, *want, *got;
	DIR *dp;
	struct dirent *e;
	struct run r;

	kill_in_the_middle(SIGKILL);
	dp = opendir(dirj);
	cr_assert_not_null(dp);
	while ((e = readdir(dp)) != NULL)
		if (strstr(e->d_name, ".journal"))
			jp = test_join(dirj, e->d_name);
	closedir(dp);
	cr_assert_not_null(jp);
	want = clean_save();
	{
		char *copy = test_join(dir, "copy.xml"), *text = slurp(jp);
		char *full = malloc(strlen(text) + 3);

		strcpy(full, text);
		strcat(full, "w\n");
		write_file(copy, STORY, strlen(STORY));
		run_script_on(&r, full, copy);
		cr_expect_eq(r.status, 0, "%s", r.err);
		got = slurp(copy);
		cr_expect_str_eq(got, want);
		free(got);
		free(copy);
		free(text);
		free(full);
		run_free(&r);
	}
	free(want);
	free(jp);
	free(dirj);
}

/* ---- export --------------------------------------------------------- */

/* é as e + U+0301, a family emoji of five code points (ZWJ), the
 * astral U+1D518, then Lewis: code points 3..5, 12..13, 14..19 of the
 * text "Test\n\n…" less the headline's 3 extra (see below). */
static const char UNISTORY[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<story version=\"1\">\n"
"  <head><headline>H</headline></head>\n"
"  <actors>\n"
"    <actor id=\"lewis\" kind=\"person\"><name>Brandon Lewis</name></actor>\n"
"  </actors>\n"
"  <body>\n"
"    <p><mention actor=\"lewis\">e\xcc\x81</mention> "
"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
"<quote id=\"q1\" speaker=\"lewis\">\xf0\x9d\x94\x98</quote> "
"<claim id=\"c1\" by=\"lewis\"><mention actor=\"lewis\">Lewis</mention>"
"</claim></p>\n"
"  </body>\n"
"</story>\n";

/* The code points [s, e) of UTF-8 text t, as a new string. */
static char *
cp_slice(const char *t, size_t s, size_t e)
{
	size_t cp = 0, i, a = 0, b = 0, n = strlen(t);
	char *out;

	for (i = 0; i <= n; i++) {
		if (i == n || ((unsigned char)t[i] & 0xC0) != 0x80) {
			if (cp == s)
				a = i;
			if (cp == e)
				b = i;
			cp++;
		}
	}
	out = malloc(b - a + 1);
	memcpy(out, t + a, b - a);
	out[b - a] = '\0';
	return out;
}

Test(run, export_brat_counts_code_points)
{
	char *in = test_join(dir, "uni.xml"), *out = test_join(dir, "out");
	char *txtp = test_join(dir, "out.txt"), *annp = test_join(dir, "out.ann");
	char *confp = test_join(dir, "annotation.conf");
	const char *argv[] = { test_prog(), "--export", "brat", in, "-o", out,
	    NULL };
	struct run r;
	char *txt, *ann, *conf, *line, *save = NULL;
	int t = 0;

	write_file(in, UNISTORY, strlen(UNISTORY));
	run_prog(&r, argv, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	txt = slurp(txtp);
	ann = slurp(annp);
	conf = slurp(confp);
	cr_assert(txt && ann && conf);
	cr_expect(strncmp(txt, "H\n\ne\xcc\x81 ", 6) == 0);
	cr_expect(strstr(ann, "T1\tMention 3 5\te\xcc\x81\n") != NULL, "%s", ann);
	cr_expect(strstr(ann, "\tQuote 12 13\t\xf0\x9d\x94\x98\n") != NULL,
	    "%s", ann);
	cr_expect(strstr(ann, "\tClaim 14 19\tLewis\n") != NULL, "%s", ann);
	cr_expect(strstr(ann, "\tMention 14 19\tLewis\n") != NULL, "%s", ann);
	cr_expect(strstr(ann, "Reference T1 newslens:lewis\tBrandon Lewis") !=
	    NULL, "%s", ann);
	cr_expect(strstr(ann, "Speaker T2 lewis") != NULL, "%s", ann);
	cr_expect(strstr(ann, "By T3 lewis") != NULL, "%s", ann);
	cr_expect(strstr(conf, "[entities]\nMention\nQuote\nClaim\n") != NULL);
	cr_expect(strstr(conf, "Speaker\tArg:Quote, Value:lewis") != NULL);
	/* Every T line's offsets give back its text from out.txt. */
	for (line = strtok_r(ann, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		size_t s, e;
		char type[16], *text = strrchr(line, '\t') + 1, *got;

		if (line[0] != 'T')
			continue;
		cr_assert_eq(sscanf(strchr(line, '\t') + 1, "%15s %zu %zu", type,
		    &s, &e), 3);
		got = cp_slice(txt, s, e);
		cr_expect_str_eq(got, text);
		free(got);
		t++;
	}
	cr_expect_eq(t, 4);
	free(txt);
	free(ann);
	free(conf);
	run_free(&r);
	free(in);
	free(out);
	free(txtp);
	free(annp);
	free(confp);
}

Test(run, export_w3c_selectors)
{
	char *in = test_join(dir, "uni.xml");
	const char *argv[] = { test_prog(), "--export", "w3c", in, NULL };
	struct run r;
	json_object *doc, *items, *a, *sel, *q, *p, *body;
	size_t i, n;
	const char *text = "H\n\ne\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0"
	    "\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \xf0\x9d\x94\x98 Lewis\n";
	static const int want[][2] = { { 3, 5 }, { 12, 13 }, { 14, 19 },
	    { 14, 19 } };

	write_file(in, UNISTORY, strlen(UNISTORY));
	run_prog(&r, argv, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	doc = json_tokener_parse(r.out);
	cr_assert_not_null(doc, "not JSON: %s", r.out);
	cr_expect_str_eq(json_object_get_string(json_object_object_get(doc,
	    "@context")), "http://www.w3.org/ns/anno.jsonld");
	items = json_object_object_get(json_object_object_get(doc, "first"),
	    "items");
	n = json_object_array_length(items);
	cr_assert_eq(n, 4);
	for (i = 0; i < n; i++) {
		char *exact;

		a = json_object_array_get_idx(items, i);
		cr_expect_str_eq(json_object_get_string(json_object_object_get(a,
		    "type")), "Annotation");
		sel = json_object_object_get(json_object_object_get(a, "target"),
		    "selector");
		q = json_object_array_get_idx(sel, 0);
		p = json_object_array_get_idx(sel, 1);
		cr_expect_str_eq(json_object_get_string(json_object_object_get(q,
		    "type")), "TextQuoteSelector");
		cr_expect_eq(json_object_get_int(json_object_object_get(p,
		    "start")), want[i][0], "item %zu", i);
		cr_expect_eq(json_object_get_int(json_object_object_get(p,
		    "end")), want[i][1], "item %zu", i);
		exact = cp_slice(text, (size_t)want[i][0], (size_t)want[i][1]);
		cr_expect_str_eq(json_object_get_string(json_object_object_get(q,
		    "exact")), exact);
		free(exact);
	}
	/* The quote's context either side. */
	q = json_object_array_get_idx(json_object_object_get(
	    json_object_object_get(json_object_array_get_idx(items, 1),
	    "target"), "selector"), 0);
	cr_expect_str_eq(json_object_get_string(json_object_object_get(q,
	    "prefix")), "H\n\ne\xcc\x81 \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f"
	    "\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 ");
	cr_expect_str_eq(json_object_get_string(json_object_object_get(q,
	    "suffix")), " Lewis\n");
	body = json_object_object_get(json_object_array_get_idx(items, 1),
	    "body");
	cr_expect_str_eq(json_object_get_string(json_object_object_get(
	    json_object_array_get_idx(body, 1), "value")), "speaker=lewis");
	json_object_put(doc);
	run_free(&r);
	free(in);
}

Test(run, export_usage)
{
	const char *argv[] = { test_prog(), "--export", "csv", path, NULL };
	const char *argv2[] = { test_prog(), "--run", script, NULL };
	struct run r;

	run_prog(&r, argv, NULL);
	cr_expect_eq(r.status, 2);
	cr_expect(strstr(r.err, "unknown format 'csv'") != NULL, "%s", r.err);
	run_free(&r);
	run_prog(&r, argv2, NULL);
	cr_expect_eq(r.status, 2);
	run_free(&r);
}
