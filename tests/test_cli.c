/* test_cli.c - the program from the outside: every bad file in
 * tests/bad and a few made at run time are refused the same way, the
 * modes print what the contract says, and nothing from a file reaches
 * the terminal raw.
 *
 * The program is $NEWSLENS, run without a shell; the test files are in
 * $TESTDIR and the shipped story in $DATADIR (make check sets all
 * three). */
#include "config.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "base/buf.h"
#include "base/text.h"

#define STORY		"huawei-2020-01-12.xml"
#define HEADLINE	"US officials to hold last-ditch talks with UK over Huawei ban"
/* How long refusing a file may take, and when a run is killed. */
#define REFUSE_SECONDS	1.0
#define KILL_SECONDS	5.0

TestSuite(cli, .timeout = 60);
TestSuite(bad, .timeout = 60);

/* ---- helpers ------------------------------------------------------ */

/* Runs the program with the given arguments (NL0: with none). */
#define NL(r, ...) do { \
	const char *nl_argv_[] = { test_prog(), __VA_ARGS__, NULL }; \
	run_prog_timeout((r), nl_argv_, NULL, KILL_SECONDS); \
} while (0)
#define NL0(r) do { \
	const char *nl_argv_[] = { test_prog(), NULL }; \
	run_prog_timeout((r), nl_argv_, NULL, KILL_SECONDS); \
} while (0)

static bool
line_matches(const char *line)
{
	static regex_t re;
	static bool ready;

	if (!ready) {
		/* A whole-file problem names no line; none names line 0. */
		cr_assert(regcomp(&re, "^newslens: .+(:[1-9][0-9]*)?: .+$",
		    REG_EXTENDED | REG_NOSUB) == 0);
		ready = true;
	}
	return regexec(&re, line, 0, NULL, 0) == 0;
}

/* Every line of stderr is "newslens: NAME:LINE: message", where NAME is
 * shown (the file name as the program must display it). */
static void
expect_error_lines(const struct run *r, const char *shown, const char *what)
{
	char *copy, *line, *save = NULL;
	size_t prefix_len = strlen("newslens: ") + strlen(shown) + 1;
	char *prefix = malloc(prefix_len + 1);
	int n = 0;

	cr_assert_not_null(prefix);
	snprintf(prefix, prefix_len + 1, "newslens: %s:", shown);
	cr_expect_gt(r->errlen, 0, "%s: nothing on stderr", what);
	if (r->errlen == 0) {
		free(prefix);
		return;
	}
	cr_expect_eq(r->err[r->errlen - 1], '\n',
	    "%s: stderr does not end with a newline:\n%s", what, r->err);
	cr_expect_eq(strlen(r->err), r->errlen,
	    "%s: stderr holds a NUL byte:\n%s", what, r->err);
	copy = strdup(r->err);
	cr_assert_not_null(copy);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		cr_expect(line_matches(line),
		    "%s: stderr line not of the form "
		    "'newslens: FILE[:LINE]: message': [%s]\nstderr:\n%s",
		    what, line, r->err);
		cr_expect(strncmp(line, prefix, prefix_len) == 0,
		    "%s: stderr line does not name the file as [%s]: [%s]",
		    what, prefix, line);
	}
	cr_expect_gt(n, 0, "%s: no message", what);
	free(copy);
	free(prefix);
}

/* The rules for a refused file: exit 1, nothing on stdout, quickly, and
 * every stderr line of the form, naming the file as `shown`. */
static void
expect_refused(const struct run *r, const char *shown, const char *what)
{
	cr_expect(!r->timed_out, "%s: still running after %.0f s (killed)",
	    what, KILL_SECONDS);
	cr_expect_eq(r->status, 1, "%s: exit status %d, not 1; stderr:\n%s",
	    what, r->status, r->err);
	cr_expect_eq(r->outlen, 0, "%s: %zu bytes on stdout:\n%s", what,
	    r->outlen, r->out);
	cr_expect_lt(r->seconds, REFUSE_SECONDS,
	    "%s: took %.2f s to refuse; stderr:\n%.2000s", what, r->seconds,
	    r->err);
	expect_error_lines(r, shown, what);
}

/* Decodes one UTF-8 sequence at s[*i]; -1 if invalid. */
static long
utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	int n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 :
	    c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
	long cp = n == 0 ? c : n == 1 ? c & 0x1F : n == 2 ? c & 0x0F : c & 7;

	if (n < 0 || *i + (size_t)n >= len + (n == 0))
		return (*i)++, -1;
	for (int k = 1; k <= n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			return (*i)++, -1;
		cp = cp << 6 | (s[*i + k] & 0x3F);
	}
	*i += (size_t)n + 1;
	if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 ||
	    cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	return cp;
}

/* Output that is safe on a terminal: valid UTF-8 with no control
 * character but newline (and tab, if allowed), no DEL, no C1 control,
 * no bidi control and no line or paragraph separator. */
static void
expect_safe(const char *s, size_t len, bool tabs, const char *what)
{
	size_t i = 0, at;
	long cp;
	bool bad;

	while (i < len) {
		at = i;
		cp = utf8_next((const unsigned char *)s, len, &i);
		cr_expect(cp >= 0, "%s: invalid UTF-8 at byte %zu", what, at);
		if (cp < 0)
			return;
		bad = ((cp < 0x20 && cp != '\n' && !(tabs && cp == '\t'))
		    || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
		    cp == 0x200E || cp == 0x200F ||
		    (cp >= 0x2028 && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069));
		if (bad) {
			char *v = vis(s, len);

			cr_expect(!bad, "%s: raw U+%04lX at byte %zu in:\n%s",
			    what, cp, at, v);
			free(v);
		}
	}
}

/* The content of the lines of s, one at a time: *line and *n, advancing
 * *pos; false at the end. */
static bool
next_line(const char *s, size_t len, size_t *pos, const char **line,
    size_t *n)
{
	const char *nl_at;

	if (*pos >= len)
		return false;
	*line = s + *pos;
	nl_at = memchr(*line, '\n', len - *pos);
	*n = nl_at ? (size_t)(nl_at - *line) : len - *pos;
	*pos += *n + (nl_at != NULL);
	return true;
}

/* ---- every file in tests/bad -------------------------------------- */

/* Every case in tests/bad: X(test name, file name). */
#define BAD_CASES \
	X(a_directory, "a-directory.xml") \
	X(bad_id, "bad-id.xml") \
	X(bad_kind, "bad-kind.xml") \
	X(bad_kind_member_of, "bad-kind-member-of.xml") \
	X(bad_when, "bad-when.xml") \
	X(bad_when_day, "bad-when-day.xml") \
	X(bad_when_hour, "bad-when-hour.xml") \
	X(bad_when_month, "bad-when-month.xml") \
	X(binary, "binary.xml") \
	X(blank_headline, "blank-headline.xml") \
	X(claim_in_claim, "claim-in-claim.xml") \
	X(claim_in_quote, "claim-in-quote.xml") \
	X(dangling_actor, "dangling-actor.xml") \
	X(dangling_claim, "dangling-claim.xml") \
	X(dangling_member_of, "dangling-member-of.xml") \
	X(dangling_related_actor, "dangling-related-actor.xml") \
	X(dangling_speaker, "dangling-speaker.xml") \
	X(deep_nesting, "deep-nesting.xml") \
	X(doctype_comment_pi, "doctype-comment-pi.xml") \
	X(doctype_internal_subset, "doctype-internal-subset.xml") \
	X(duplicate_id_kinds, "duplicate-id-kinds.xml") \
	X(duplicate_id, "duplicate-id.xml") \
	X(empty, "empty.xml") \
	X(entity_bomb, "entity-bomb.xml") \
	X(esc_charref, "esc-charref.xml") \
	X(esc_in_name, "esc-in-name.xml") \
	X(esc_in_text, "esc-in-text.xml") \
	X(external_dtd, "external-dtd.xml") \
	X(external_entity, "external-entity.xml") \
	X(gzip, "gzip.xml.gz") \
	X(internal_entity, "internal-entity.xml") \
	X(invalid_utf8, "invalid-utf8.xml") \
	X(latin1_declared, "latin1-declared.xml") \
	X(listed_twice, "listed-twice.xml") \
	X(many_errors, "many-errors.xml") \
	X(member_cycle, "member-cycle.xml") \
	X(member_of_self, "member-of-self.xml") \
	X(mismatched_tag, "mismatched-tag.xml") \
	X(missing_headline, "missing-headline.xml") \
	X(missing_quote_id, "missing-quote-id.xml") \
	X(missing_version, "missing-version.xml") \
	X(namespaced_element, "namespaced-element.xml") \
	X(namespaced, "namespaced.xml") \
	X(not_xml, "not-xml.xml") \
	X(nul_in_text, "nul-in-text.xml") \
	X(overlong_utf8, "overlong-utf8.xml") \
	X(paragraph_in_paragraph, "paragraph-in-paragraph.xml") \
	X(parameter_entity, "parameter-entity.xml") \
	X(public_dtd, "public-dtd.xml") \
	X(script_element, "script-element.xml") \
	X(surrogate_utf8, "surrogate-utf8.xml") \
	X(text_after_root, "text-after-root.xml") \
	X(truncated, "truncated.xml") \
	X(two_roots, "two-roots.xml") \
	X(unclosed_tag, "unclosed-tag.xml") \
	X(undefined_entity, "undefined-entity.xml") \
	X(unknown_attribute, "unknown-attribute.xml") \
	X(unknown_element, "unknown-element.xml") \
	X(utf16_no_bom, "utf16-no-bom.xml") \
	X(utf16, "utf16.xml") \
	X(utf16be, "utf16be.xml") \
	X(wrong_kind_ref, "wrong-kind-ref.xml") \
	X(wrong_root, "wrong-root.xml") \
	X(wrong_version, "wrong-version.xml") \
	X(xinclude, "xinclude.xml") \
	X(xml11_esc_charref, "xml11-esc-charref.xml")

#define X(test, file) file,
static const char *const bad_files[] = { BAD_CASES };
#undef X
#define NBAD (sizeof bad_files / sizeof bad_files[0])

/* The same bad file is refused the same way by --check, by --list, and
 * with no option (the reader, which dumps when stdout is a pipe). */
static void
check_bad(const char *name)
{
	char *rel = test_join("bad", name), *path = test_path(rel);
	struct run check, plain, list;

	NL(&check, "--check", path);
	expect_refused(&check, path, name);
	expect_safe(check.err, check.errlen, false, name);
	cr_expect(strstr(check.err, "root:") == NULL,
	    "%s: the message shows what looks like /etc/passwd:\n%s", name,
	    check.err);

	NL(&plain, path);
	expect_refused(&plain, path, name);
	cr_expect_str_eq(plain.err, check.err,
	    "%s: no option and --check report differently", name);
	NL(&list, "--list", "claims", path);
	expect_refused(&list, path, name);
	cr_expect_str_eq(list.err, check.err,
	    "%s: --list and --check report differently", name);
	run_free(&check);
	run_free(&plain);
	run_free(&list);
	free(rel);
	free(path);
}

#define X(test, file) Test(bad, test) { check_bad(file); }
BAD_CASES
#undef X

/* --check speaks the format's language: what is wrong, in the words
 * of newslens(5), never libxml2's or RELAX NG's. */
Test(bad, messages_in_the_formats_words)
{
	static const char *const want[][2] = {
		{ "bad-kind.xml", "actor 'alice': kind 'alien' is not one of "
		    "country, government, agency, company, person, group, "
		    "media, other" },
		/* libxml2 said "Element actor failed to validate
		 * attributes" on the story's line first. */
		{ "bad-kind-member-of.xml", ":8: actor 'alice': kind 'alien' "
		    "is not one of country" },
		{ "bad-id.xml", "id '1st' is not an id: an id begins with a "
		    "letter or '_'" },
		{ "blank-headline.xml", ":4: the headline is blank" },
		{ "missing-headline.xml", "the head has no <headline>" },
		{ "missing-quote-id.xml", "has no id attribute" },
		{ "missing-version.xml", "has no version attribute" },
		{ "wrong-version.xml", "newslens reads version 1" },
		{ "claim-in-claim.xml", "claim 'c2' is inside claim 'c1': "
		    "claims do not nest" },
		{ "claim-in-quote.xml", "claim 'c1' is inside quote 'q1'" },
		{ "unknown-attribute.xml", "attribute 'style' is not part of "
		    "the format (it takes id)" },
		{ "unknown-element.xml", "<blink> is not part of the story "
		    "format" },
		{ "wrong-root.xml", "the root element is <article>" },
		{ "esc-charref.xml", "&#27; is a control character" },
		{ "invalid-utf8.xml", "are not UTF-8" },
		{ "not-xml.xml", "this is not XML" },
		{ "truncated.xml", "the file ends inside <p>, opened on line "
		    "11" },
	};
	static const char *const libxml2[] = {
		"Element ", "Expecting", "Did not expect", "failed to validate",
		"xmlParse", "PCDATA", "Invalid attribute", "extra content",
		"interleave", "datatype", "construct error", "Start tag",
		"Premature", "Opening and ending", "Document is empty",
	};
	struct run r;
	size_t i, j;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		char *rel = test_join("bad", want[i][0]), *path = test_path(rel);

		NL(&r, "--check", path);
		cr_expect(strstr(r.err, want[i][1]) != NULL,
		    "%s: no [%s] in:\n%s", want[i][0], want[i][1], r.err);
		run_free(&r);
		free(rel);
		free(path);
	}
	for (i = 0; i < NBAD; i++) {
		char *rel = test_join("bad", bad_files[i]), *path = test_path(rel);

		NL(&r, "--check", path);
		for (j = 0; j < sizeof libxml2 / sizeof libxml2[0]; j++)
			cr_expect(strstr(r.err, libxml2[j]) == NULL,
			    "%s: libxml2's words [%s]:\n%s", bad_files[i],
			    libxml2[j], r.err);
		run_free(&r);
		free(rel);
		free(path);
	}
}

/* Every case in tests/bad is in the list above (so has its test), and
 * every case in the list is in tests/bad. */
Test(bad, corpus_is_listed)
{
	char *dir = test_path("bad");
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i, found = 0;

	cr_assert_not_null(d, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		for (i = 0; i < NBAD; i++)
			if (strcmp(e->d_name, bad_files[i]) == 0)
				break;
		cr_expect_lt(i, NBAD, "tests/bad/%s has no test: add it to "
		    "BAD_CASES in test_cli.c", e->d_name);
		found += i < NBAD;
	}
	closedir(d);
	cr_expect_eq(found, NBAD, "only %zu of the %zu listed cases are in "
	    "%s", found, NBAD, dir);
	free(dir);
}

/* Every bad file given to one --check at once: exit 1, and every file
 * is named in the messages. */
Test(bad, all_in_one_check)
{
	const char *argv[NBAD + 3];
	char *paths[NBAD];
	struct run r;
	size_t i;

	argv[0] = test_prog();
	argv[1] = "--check";
	for (i = 0; i < NBAD; i++) {
		char *rel = test_join("bad", bad_files[i]);

		paths[i] = test_path(rel);
		argv[i + 2] = paths[i];
		free(rel);
	}
	argv[NBAD + 2] = NULL;
	run_prog_timeout(&r, argv, NULL, 30);
	cr_expect_eq(r.status, 1, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.outlen, 0, "stdout:\n%s", r.out);
	for (i = 0; i < NBAD; i++) {
		char needle[4096];

		snprintf(needle, sizeof needle, "newslens: %s:", paths[i]);
		cr_expect(strstr(r.err, needle) != NULL,
		    "no message names %s", paths[i]);
		free(paths[i]);
	}
	run_free(&r);
}

/* ---- bad files made at run time ----------------------------------- */

/* A problem with the whole file names the file and no line, not line
 * 0: "newslens: FILE: message". */
static void
expect_whole_file(const struct run *r, const char *path, const char *msg)
{
	char want[4096];

	snprintf(want, sizeof want, "newslens: %s: %s", path, msg);
	cr_expect(strncmp(r->err, want, strlen(want)) == 0,
	    "not [%s...]:\n%s", want, r->err);
	cr_expect(strstr(r->err, ":0:") == NULL, "line 0 named:\n%s",
	    r->err);
}

Test(bad, directory)
{
	char *dir = make_tempdir();
	struct run r;

	NL(&r, "--check", dir);
	expect_refused(&r, dir, "a directory");
	expect_whole_file(&r, dir, "is a directory");
	run_free(&r);
	rmdir(dir);
	free(dir);
}

Test(bad, missing_file)
{
	char *dir = make_tempdir(), *path = test_join(dir, "no-such.xml");
	struct run r;

	NL(&r, "--check", path);
	expect_refused(&r, path, "a missing file");
	expect_whole_file(&r, path, "cannot open: ");
	run_free(&r);
	NL(&r, path);
	expect_refused(&r, path, "a missing file, no option");
	run_free(&r);
	rmdir(dir);
	free(path);
	free(dir);
}

/* A FIFO with no writer: refused, not waited on. */
Test(bad, fifo)
{
	char *dir = make_tempdir(), *path = test_join(dir, "fifo.xml");
	struct run r;

	cr_assert(mkfifo(path, 0600) == 0, "mkfifo: %s", strerror(errno));
	NL(&r, "--check", path);
	expect_refused(&r, path, "a FIFO");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(bad, symlink_loop)
{
	char *dir = make_tempdir(), *path = test_join(dir, "loop.xml");
	struct run r;

	cr_assert(symlink("loop.xml", path) == 0, "symlink: %s",
	    strerror(errno));
	NL(&r, "--check", path);
	expect_refused(&r, path, "a symbolic link loop");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(bad, device)
{
	struct run r;

	NL(&r, "--check", "/dev/null");
	expect_refused(&r, "/dev/null", "/dev/null");
	run_free(&r);
}

Test(bad, unreadable)
{
	char *dir = make_tempdir(), *path = test_join(dir, "secret.xml");
	struct run r;

	write_file(path, "<story/>", 8);
	chmod(path, 0);
	if (access(path, R_OK) == 0) {
		unlink(path);
		rmdir(dir);
		cr_skip_test("running as a user who can read a mode-000 file");
	}
	NL(&r, "--check", path);
	expect_refused(&r, path, "an unreadable file");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

Test(bad, over_max_size)
{
	char *path = test_path("data/minimal.xml");
	struct run r;

	NL(&r, "--max-size", "10", "--check", path);
	expect_refused(&r, path, "a file over --max-size");
	expect_whole_file(&r, path, "file is larger than the limit");
	run_free(&r);
	free(path);
}

/* A bad when is told once, in one line that names the element, the
 * value and what is wrong with it (not as the schema's two messages
 * about an unexpected element and an invalid attribute). */
Test(bad, when_said_once)
{
	static const struct {
		const char *file, *msg;
	} cases[] = {
		{ "bad-when-day.xml", ":12: claim c1: when '2020-02-30T24:00' "
		    "is not a date: February has no 30th\n" },
		{ "bad-when-hour.xml", ":12: claim c1: when '2020-01-12T24:00' "
		    "is not a date: there is no hour 24\n" },
		{ "bad-when-month.xml", ":5: dateline: when '2020-13-01' is not "
		    "a date: there is no month 13\n" },
		{ "bad-when.xml", ":5: dateline: when 'yesterday' is not a "
		    "date: it is not of the form "
		    "YYYY[-MM[-DD[Thh:mm[:ss[.s]][Z|+hh:mm|-hh:mm]]]]\n" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *rel = test_join("bad", cases[i].file);
		char *path = test_path(rel), *want;
		struct run r;

		cr_assert(asprintf(&want, "newslens: %s%s", path,
		    cases[i].msg) > 0);
		NL(&r, "--check", path);
		cr_expect_str_eq(r.err, want, "%s", cases[i].file);
		run_free(&r);
		free(want);
		free(path);
		free(rel);
	}
}

/* "from 1 byte to 2G", as --help and newslens(1) say: both ends and
 * 2G written out in bytes are accepted. */
Test(cli, max_size_limits)
{
	static const char *const sizes[] = { "1", "2G", "2048M", "2097152K",
	    "2147483648" };
	char *path = test_path("data/minimal.xml");
	struct run r;
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		NL(&r, "--max-size", sizes[i], "--check", path);
		if (i == 0)
			cr_expect_eq(r.status, 1, "--max-size 1: exit %d, "
			    "not 1 (the file is larger):\n%s", r.status,
			    r.err);
		else
			cr_expect_eq(r.status, 0, "--max-size %s: exit %d:\n%s",
			    sizes[i], r.status, r.err);
		run_free(&r);
	}
	free(path);
}

/* A file name holding ESC and a newline: shown as Control Pictures,
 * with the message still on one line. */
Test(bad, name_with_escape_and_newline)
{
	char *dir = make_tempdir(), *path, *shown;
	const char *name = "evil\x1b[31m\nname.xml";
	struct run r;

	path = test_join(dir, name);
	shown = test_join(dir, "evil\xe2\x90\x9b[31m\xe2\x90\x8aname.xml");
	write_file(path, "not a story", 11);
	NL(&r, "--check", path);
	expect_refused(&r, shown, "a name with ESC and a newline");
	cr_expect(memchr(r.err, 0x1b, r.errlen) == NULL,
	    "raw ESC in the message:\n%s", r.err);
	cr_expect(strchr(r.err, '\n') == r.err + r.errlen - 1,
	    "the message is not one line:\n%s", r.err);
	cr_expect(strstr(r.err, "\xe2\x90\x9b") && strstr(r.err, "\xe2\x90\x8a"),
	    "no \xe2\x90\x9b or \xe2\x90\x8a in:\n%s", r.err);
	run_free(&r);
	unlink(path);

	/* The same name, missing. */
	NL(&r, path);
	expect_refused(&r, shown, "a missing name with ESC and a newline");
	cr_expect(memchr(r.err, 0x1b, r.errlen) == NULL,
	    "raw ESC in the message:\n%s", r.err);
	run_free(&r);
	rmdir(dir);
	free(shown);
	free(path);
	free(dir);
}

/* A name holding C1 and bidi controls. */
Test(bad, name_with_c1_and_bidi)
{
	char *dir = make_tempdir(), *path, *shown;
	struct run r;

	path = test_join(dir, "a\xc2\x9b" "2J\xe2\x80\xae" "lmx.exe");
	shown = test_join(dir, "a<U+009B>2J<U+202E>lmx.exe");
	NL(&r, "--check", path);
	expect_refused(&r, shown, "a missing name with C1 and bidi");
	expect_safe(r.err, r.errlen, false, "the message");
	run_free(&r);
	rmdir(dir);
	free(shown);
	free(path);
	free(dir);
}

/* A name that is not UTF-8. */
Test(bad, name_not_utf8)
{
	struct run r;

	NL(&r, "--check", "/nonexistent/\xff\xfe.xml");
	expect_refused(&r, "/nonexistent/\xef\xbf\xbd\xef\xbf\xbd.xml",
	    "a name that is not UTF-8");
	expect_safe(r.err, r.errlen, false, "the message");
	run_free(&r);
}

/* ---- entities, DTDs and XInclude never open what they name -------- */

#define SECRET "s3cr3t-passwd-content"
#define PROLOG "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define STORY_WITH(inline) "<story version=\"1\"><head><headline>H" \
	"</headline></head><actors><actor id=\"a\" kind=\"person\"><name>A" \
	"</name></actor></actors><body><p>" inline "</p></body></story>\n"

/* Writes each hostile reference to target into dir and checks that it
 * is refused, quickly (a FIFO target would hang a program that opened
 * it), without the target's content. */
static void
check_refs_to(const char *dir, const char *target)
{
	static const char *const forms[][2] = {
		{ "entity", PROLOG "<!DOCTYPE story [<!ENTITY x SYSTEM "
		    "\"TARGET\">]>\n" STORY_WITH("&x;") },
		{ "entity-in-attribute", PROLOG "<!DOCTYPE story [<!ENTITY x "
		    "SYSTEM \"TARGET\">]>\n" STORY_WITH("<mention actor="
		    "\"&x;\">x</mention>") },
		{ "dtd", PROLOG "<!DOCTYPE story SYSTEM \"TARGET\">\n"
		    STORY_WITH("x") },
		{ "parameter-entity", PROLOG "<!DOCTYPE story [<!ENTITY % p "
		    "SYSTEM \"TARGET\"> %p;]>\n" STORY_WITH("x") },
		{ "xinclude", PROLOG STORY_WITH("<xi:include xmlns:xi="
		    "\"http://www.w3.org/2001/XInclude\" href=\"TARGET\" "
		    "parse=\"text\"/>") },
		{ "xinclude-xml", PROLOG STORY_WITH("<xi:include xmlns:xi="
		    "\"http://www.w3.org/2001/XInclude\" href=\"TARGET\"/>") },
	};
	char *path, *xml;
	size_t i;
	struct run r;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		xml = subst(forms[i][1], target);
		path = test_join(dir, forms[i][0]);
		write_file(path, xml, strlen(xml));
		NL(&r, "--check", path);
		expect_refused(&r, path, xml);
		cr_expect(!mem_has(r.err, r.errlen, SECRET, strlen(SECRET)),
		    "the target's content is in the message:\n%s", r.err);
		run_free(&r);
		NL(&r, "--dump", path);
		expect_refused(&r, path, xml);
		cr_expect(!mem_has(r.out, r.outlen, SECRET, strlen(SECRET)),
		    "the target's content is in the output");
		run_free(&r);
		unlink(path);
		free(path);
		free(xml);
	}
}

Test(bad, references_to_a_file)
{
	char *dir = make_tempdir(), *target = test_join(dir, "secret.txt");

	write_file(target, SECRET "\n", strlen(SECRET) + 1);
	check_refs_to(dir, target);
	unlink(target);
	rmdir(dir);
	free(target);
	free(dir);
}

Test(bad, references_to_a_fifo)
{
	char *dir = make_tempdir(), *target = test_join(dir, "fifo");

	cr_assert(mkfifo(target, 0600) == 0, "mkfifo: %s", strerror(errno));
	check_refs_to(dir, target);
	unlink(target);
	rmdir(dir);
	free(target);
	free(dir);
}

/* ---- hostile sizes: refused quickly, not after minutes ------------ */

static char *
big_story(const char *p_attrs, const char *inline_item, size_t count,
    const char *after)
{
	size_t n = strlen(inline_item) * count + strlen(p_attrs) + 1024 +
	    strlen(after), len;
	char *s = malloc(n);

	cr_assert_not_null(s);
	len = (size_t)snprintf(s, n, PROLOG "<story version=\"1\"><head>"
	    "<headline>H</headline></head><actors><actor id=\"a\" "
	    "kind=\"person\"><name>A</name></actor></actors><body><p%s>",
	    p_attrs);
	for (size_t i = 0; i < count; i++) {
		strcpy(s + len, inline_item);
		len += strlen(inline_item);
	}
	snprintf(s + len, n - len, "</p>%s</body></story>\n", after);
	return s;
}

/* 40000 attributes on one element (430 KB). */
Test(bad, many_attributes)
{
	char *dir = make_tempdir(), *path = test_join(dir, "attrs.xml");
	size_t n = 40000, i, len = 0;
	char *attrs = malloc(n * 16), *xml;
	struct run r;

	cr_assert_not_null(attrs);
	for (i = 0; i < n; i++)
		len += (size_t)sprintf(attrs + len, " a%zu=\"x\"", i);
	xml = big_story(attrs, "text", 1, "");
	write_file(path, xml, strlen(xml));
	NL(&r, "--check", path);
	expect_refused(&r, path, "40000 attributes on a <p>");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	free(xml);
	free(attrs);
	free(path);
	free(dir);
}

/* 80000 mentions in one paragraph (2.6 MB), then an unknown element. */
Test(bad, many_children)
{
	char *dir = make_tempdir(), *path = test_join(dir, "mentions.xml");
	char *xml = big_story("", "<mention actor=\"a\">x</mention> ", 80000,
	    "<blink/>");
	struct run r;

	write_file(path, xml, strlen(xml));
	NL(&r, "--check", path);
	expect_refused(&r, path, "80000 mentions in a <p>, then <blink/>");
	run_free(&r);
	unlink(path);
	rmdir(dir);
	free(xml);
	free(path);
	free(dir);
}

/* ---- --check ------------------------------------------------------ */

static void
expect_valid(const char *path)
{
	struct run r;

	NL(&r, "--check", path);
	cr_expect_eq(r.status, 0, "%s: exit status %d; stderr:\n%s", path,
	    r.status, r.err);
	cr_expect_eq(r.outlen, 0, "%s: stdout:\n%s", path, r.out);
	cr_expect_eq(r.errlen, 0, "%s: stderr:\n%s", path, r.err);
	run_free(&r);
}

Test(cli, check_shipped_story)
{
	char *p = data_path(STORY);

	expect_valid(p);
	free(p);
}

Test(cli, check_minimal)
{
	char *p = test_path("data/minimal.xml");

	expect_valid(p);
	free(p);
}

Test(cli, check_hostile_text_is_valid)
{
	char *p = test_path("data/hostile-text.xml");

	expect_valid(p);
	free(p);
}

Test(cli, check_several_files_one_bad)
{
	char *good1 = test_path("data/minimal.xml"), *good2 = data_path(STORY);
	char *bad = test_path("bad/dangling-actor.xml");
	struct run r;

	NL(&r, "--check", good1, bad, good2);
	expect_refused(&r, bad, "--check good bad good");
	cr_expect(strstr(r.err, "carol") != NULL,
	    "the dangling id is not named:\n%s", r.err);
	run_free(&r);
	free(good1);
	free(good2);
	free(bad);
}

Test(cli, check_several_bad_files)
{
	char *b1 = test_path("bad/dangling-actor.xml");
	char *b2 = test_path("bad/duplicate-id.xml");
	char *good = test_path("data/minimal.xml");
	struct run r;
	const char *at1, *at2;

	NL(&r, "--check", b1, good, b2);
	cr_expect_eq(r.status, 1, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.outlen, 0);
	at1 = strstr(r.err, b1);
	at2 = strstr(r.err, b2);
	cr_expect(at1 && at2 && at1 < at2,
	    "both files must be reported, in order:\n%s", r.err);
	cr_expect(strstr(r.err, good) == NULL,
	    "the valid file is named:\n%s", r.err);
	run_free(&r);
	free(b1);
	free(b2);
	free(good);
}

/* An id named twice in one list is refused, in each kind of list, once
 * per id however often it is repeated, with the file and the line. */
Test(cli, check_listed_twice)
{
	char *p = test_path("bad/listed-twice.xml");
	struct buf want = BUF_INIT;
	struct run r;

	buf_printf(&want, "newslens: %s:11: id 'a' is listed twice in by\n"
	    "newslens: %s:12: id 'b' is listed twice in about\n"
	    "newslens: %s:12: id 'c1' is listed twice in disputes\n"
	    "newslens: %s:13: id 'a' is listed twice in actors\n", p, p, p, p);
	NL(&r, "--check", p);
	cr_expect_eq(r.status, 1, "exit status %d", r.status);
	cr_expect_str_eq(r.err, want.data);
	run_free(&r);
	buf_free(&want);
	free(p);
}

Test(cli, check_without_files)
{
	struct run r;

	NL(&r, "--check");
	cr_expect_eq(r.status, 2, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.outlen, 0);
	cr_expect(strstr(r.err, "--help") != NULL, "stderr:\n%s", r.err);
	run_free(&r);
}

/* ---- --list ------------------------------------------------------- */

static size_t
count_fields(const char *line, size_t n)
{
	size_t k = 1;

	for (size_t i = 0; i < n; i++)
		k += line[i] == '\t';
	return k;
}

/* Checks the table: exit 0, empty stderr, the header row, every row
 * with as many fields as the header, safe text.  Returns the number of
 * rows after the header. */
static size_t
expect_table(const struct run *r, const char *header, const char *what)
{
	size_t pos = 0, n, fields = count_fields(header, strlen(header)),
	    rows = 0;
	const char *line;

	cr_assert_eq(r->status, 0, "%s: exit status %d; stderr:\n%s", what,
	    r->status, r->err);
	cr_expect_eq(r->errlen, 0, "%s: stderr:\n%s", what, r->err);
	cr_assert(r->outlen > 0 && r->out[r->outlen - 1] == '\n',
	    "%s: the table does not end with a newline:\n%s", what, r->out);
	cr_assert(next_line(r->out, r->outlen, &pos, &line, &n));
	cr_expect(n == strlen(header) && memcmp(line, header, n) == 0,
	    "%s: header row [%.*s], not [%s]", what, (int)n, line, header);
	while (next_line(r->out, r->outlen, &pos, &line, &n)) {
		rows++;
		cr_expect_eq(count_fields(line, n), fields,
		    "%s: row %zu has %zu fields, not %zu: [%.*s]", what, rows,
		    count_fields(line, n), fields, (int)n, line);
		cr_expect(memchr(line, '\r', n) == NULL,
		    "%s: carriage return in row %zu", what, rows);
	}
	expect_safe(r->out, r->outlen, true, what);
	return rows;
}

/* Field col (0-based) of the row whose first field is id, as a new
 * string; NULL if there is no such row. */
static char *
table_cell(const struct run *r, const char *id, size_t col)
{
	size_t pos = 0, n, idlen = strlen(id);
	const char *line;

	while (next_line(r->out, r->outlen, &pos, &line, &n)) {
		const char *f = line, *end = line + n, *tab;

		if (n <= idlen || memcmp(line, id, idlen) != 0 ||
		    line[idlen] != '\t')
			continue;
		for (size_t c = 0; c < col && f != NULL; c++) {
			tab = memchr(f, '\t', (size_t)(end - f));
			f = tab ? tab + 1 : NULL;
		}
		if (f == NULL)
			return NULL;
		tab = memchr(f, '\t', (size_t)(end - f));
		return strndup(f, (size_t)((tab ? tab : end) - f));
	}
	return NULL;
}

static void
expect_cell(const struct run *r, const char *id, size_t col,
    const char *want)
{
	char *got = table_cell(r, id, col);

	cr_expect(got != NULL, "no row %s:\n%s", id, r->out);
	if (got != NULL)
		cr_expect_str_eq(got, want, "row %s, field %zu", id, col + 1);
	free(got);
}

Test(cli, list_actors)
{
	struct run r;
	size_t rows;

	NL(&r, "--list", "actors");
	rows = expect_table(&r, "id\tkind\tname\tmentions\tmember-of\taliases", "--list actors");
	cr_expect_geq(rows, 15, "only %zu actors", rows);
	expect_cell(&r, "lewis", 1, "person");
	expect_cell(&r, "lewis", 2, "Brandon Lewis");
	expect_cell(&r, "huawei", 1, "company");
	expect_cell(&r, "spokesperson", 2, "Government spokesperson");
	/* The columns added at the end: member-of, then the aliases. */
	expect_cell(&r, "nsa", 4, "us");
	expect_cell(&r, "nsa", 5, "NSA");
	expect_cell(&r, "us", 4, "");
	expect_cell(&r, "us", 5, "US; Washington");
	run_free(&r);
}

Test(cli, list_claims)
{
	struct run r;
	size_t rows, filled = 0, i;
	char id[8];

	NL(&r, "--list", "claims");
	rows = expect_table(&r, "id\tby\tabout\tparagraph\ttext\tdisputes\twhen",
	    "--list claims");
	cr_expect_geq(rows, 8, "only %zu claims", rows);
	for (i = 1; i <= rows; i++) {
		char *by, *about;

		snprintf(id, sizeof id, "c%zu", i);
		by = table_cell(&r, id, 1);
		about = table_cell(&r, id, 2);
		filled += (by && *by) || (about && *about);
		free(by);
		free(about);
	}
	cr_expect_geq(filled, 8, "only %zu claims with by or about", filled);
	expect_cell(&r, "c7", 1, "lewis");
	expect_cell(&r, "c7", 2, "ukgov huawei");
	expect_cell(&r, "c5", 1, "us trump");
	/* The columns added at the end: disputes, then when. */
	expect_cell(&r, "c15", 5, "c5 c14");
	expect_cell(&r, "c16", 5, "c5");
	expect_cell(&r, "c2", 6, "2020-01-13");
	expect_cell(&r, "c1", 5, "");
	expect_cell(&r, "c1", 6, "");
	run_free(&r);
}

Test(cli, list_quotes)
{
	struct run r;
	char *text;

	NL(&r, "--list", "quotes");
	cr_expect_eq(expect_table(&r, "id\tspeaker\tparagraph\ttext",
	    "--list quotes"), 2);
	expect_cell(&r, "q1", 1, "lewis");
	expect_cell(&r, "q1", 3, "relatively soon");
	expect_cell(&r, "q2", 1, "spokesperson");
	text = table_cell(&r, "q2", 3);
	cr_expect(text && strncmp(text, "The security and resilience", 27) == 0,
	    "q2 text: [%s]", text ? text : "(none)");
	free(text);
	run_free(&r);
}

Test(cli, list_related)
{
	struct run r;

	NL(&r, "--list", "related");
	cr_expect_eq(expect_table(&r, "id\thref\ttitle\tactors\tparagraph", "--list related"), 2);
	expect_cell(&r, "r1", 2,
	    "Just one in 10 Brits trusts Huawei amid China spying fears");
	expect_cell(&r, "r2", 2,
	    "Huawei predicts \xe2\x80\x98" "difficult\xe2\x80\x99 2020 as US "
	    "sanctions bite");
	/* The columns added at the end: actors, then the paragraph. */
	expect_cell(&r, "r1", 3, "brits uk huawei china");
	expect_cell(&r, "r1", 4, "3");
	expect_cell(&r, "r2", 4, "12");
	run_free(&r);
}

/* One row a mention, in reading order: the actor, the paragraph, the
 * words. */
Test(cli, list_mentions)
{
	struct run r;
	size_t pos = 0, n;
	const char *line;

	NL(&r, "--list", "mentions");
	cr_expect_eq(expect_table(&r, "actor\tparagraph\ttext",
	    "--list mentions"), 44);
	cr_assert(next_line(r.out, r.outlen, &pos, &line, &n));
	cr_assert(next_line(r.out, r.outlen, &pos, &line, &n));
	cr_expect(n == strlen("usofficials\t1\tUS officials") &&
	    memcmp(line, "usofficials\t1\tUS officials", n) == 0,
	    "first mention: [%.*s]", (int)n, line);
	cr_expect(strstr(r.out, "\nlewis\t6\tSecurity minister Brandon Lewis\n") != NULL,
	    "no mention of Brandon Lewis in paragraph 6:\n%s", r.out);
	run_free(&r);
}

/* KIND is abbreviated as options are: a prefix of one kind names it, a
 * prefix of several is a usage error that says so. */
Test(cli, list_kind_abbreviated)
{
	static const char *const kinds[][2] = {
		{ "a", "actors" }, { "cl", "claims" }, { "quo", "quotes" },
		{ "rel", "related" }, { "m", "mentions" },
	};
	struct run r, whole;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		NL(&r, "--list", kinds[i][0]);
		NL(&whole, "--list", kinds[i][1]);
		cr_expect_eq(r.status, 0, "--list %s: status %d:\n%s",
		    kinds[i][0], r.status, r.err);
		cr_expect_str_eq(r.out, whole.out, "--list %s is not --list %s",
		    kinds[i][0], kinds[i][1]);
		run_free(&r);
		run_free(&whole);
	}
	NL(&r, "--list=");
	cr_expect_eq(r.status, 2, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect(strstr(r.err, "ambiguous") != NULL, "stderr:\n%s", r.err);
	cr_expect_eq(r.outlen, 0);
	run_free(&r);
	NL(&r, "--list", "actorsx");
	cr_expect_eq(r.status, 2, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect(strstr(r.err, "unknown") != NULL, "stderr:\n%s", r.err);
	run_free(&r);
}

Test(cli, list_of_a_file)
{
	char *p = data_path(STORY);
	struct run file, builtin;

	NL(&file, "--list", "claims", p);
	NL(&builtin, "--list", "claims");
	expect_table(&file, "id\tby\tabout\tparagraph\ttext\tdisputes\twhen", "--list FILE");
	cr_expect_str_eq(file.out, builtin.out,
	    "the shipped file and the built-in story differ");
	run_free(&file);
	run_free(&builtin);
	free(p);
}

Test(cli, list_unknown_kind)
{
	struct run r;

	NL(&r, "--list", "people");
	cr_expect_eq(r.status, 2, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.outlen, 0);
	cr_expect(strstr(r.err, "--help") != NULL, "stderr:\n%s", r.err);
	run_free(&r);
}

Test(cli, list_hostile_text)
{
	static const char *const kinds[][2] = {
		{ "actors", "id\tkind\tname\tmentions\tmember-of\taliases" },
		{ "claims", "id\tby\tabout\tparagraph\ttext\tdisputes\twhen" },
		{ "quotes", "id\tspeaker\tparagraph\ttext" },
		{ "related", "id\thref\ttitle\tactors\tparagraph" },
		{ "mentions", "actor\tparagraph\ttext" },
	};
	char *p = test_path("data/hostile-text.xml");
	struct run r;

	for (size_t i = 0; i < 5; i++) {
		NL(&r, "--list", kinds[i][0], p);
		cr_expect_geq(expect_table(&r, kinds[i][1], kinds[i][0]), 1,
		    "--list %s: no rows", kinds[i][0]);
		run_free(&r);
	}
	NL(&r, "--list", "related", p);
	expect_cell(&r, "r1", 1, "other story <U+009B>31m.xml");
	run_free(&r);
	NL(&r, "--list", "actors", p);
	expect_cell(&r, "tabby", 2, "Tab and newline");
	run_free(&r);
	free(p);
}

/* ---- standard input ----------------------------------------------- */

/* Runs the program on standard input `in`. */
#define NL_IN(r, in, ...) do { \
	const char *nl_argv_[] = { test_prog(), __VA_ARGS__, NULL }; \
	run_prog_timeout((r), nl_argv_, (in), KILL_SECONDS); \
} while (0)

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

/* "-" is standard input for --check, --dump, --list and --import, and
 * gives the same output as the file itself. */
Test(cli, stdin_is_dash)
{
	char *p = data_path(STORY), *story = slurp(p);
	struct run in, file;

	NL_IN(&in, story, "--check", "-");
	cr_expect_eq(in.status, 0, "--check -: %d\n%s", in.status, in.err);
	cr_expect_eq(in.outlen + in.errlen, 0, "--check -: output");
	run_free(&in);
	NL_IN(&in, story, "--dump", "-");
	NL(&file, "--dump", p);
	cr_expect_eq(in.status, 0, "--dump -: %d\n%s", in.status, in.err);
	cr_expect_str_eq(in.out, file.out, "--dump - differs from the file");
	run_free(&in);
	run_free(&file);
	NL_IN(&in, story, "--list", "claims", "-");
	NL(&file, "--list", "claims", p);
	cr_expect_str_eq(in.out, file.out, "--list - differs from the file");
	run_free(&in);
	run_free(&file);
	NL_IN(&in, "Talks on Huawei\n\nThe UK said it would decide.\n",
	    "--import", "-");
	cr_expect_eq(in.status, 0, "--import -: %d\n%s", in.status, in.err);
	cr_expect(strstr(in.out, "<headline>Talks on Huawei</headline>") !=
	    NULL, "--import -:\n%s", in.out);
	run_free(&in);
	free(story);
	free(p);
}

/* A bad story on standard input is called "(standard input)", and the
 * size cap applies to it as to a file. */
Test(cli, stdin_bad_and_capped)
{
	char *p = data_path(STORY), *story = slurp(p);
	struct run r;

	NL_IN(&r, "<story version=\"1\"><head>", "--check", "-");
	expect_refused(&r, "(standard input)", "a bad story on stdin");
	run_free(&r);
	NL_IN(&r, story, "--max-size=1K", "--list", "actors", "-");
	expect_refused(&r, "(standard input)", "stdin over --max-size");
	cr_expect(strstr(r.err, "newslens: (standard input): file is larger "
	    "than the limit of 1024 bytes") != NULL, "%s", r.err);
	run_free(&r);
	free(story);
	free(p);
}

/* ---- --dump ------------------------------------------------------- */

/* Index of the first line equal to s, or -1. */
static long
line_index(const struct run *r, const char *s)
{
	size_t pos = 0, n;
	const char *line;
	long i = 0;

	for (; next_line(r->out, r->outlen, &pos, &line, &n); i++)
		if (n == strlen(s) && memcmp(line, s, n) == 0)
			return i;
	return -1;
}

/* Index of the first line containing s, or -1. */
static long
line_containing(const struct run *r, const char *s)
{
	size_t pos = 0, n;
	const char *line;
	long i = 0;

	for (; next_line(r->out, r->outlen, &pos, &line, &n); i++)
		if (mem_has(line, n, s, strlen(s)))
			return i;
	return -1;
}

Test(cli, dump_default_story)
{
	static const char *const headings[] = {
		"Actors", "Claims", "Quotes", "Read more",
	};
	struct run r;
	long last, at;

	NL(&r, "--dump");
	cr_assert_eq(r.status, 0, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.errlen, 0, "stderr:\n%s", r.err);
	cr_expect(strncmp(r.out, HEADLINE "\n", strlen(HEADLINE) + 1) == 0,
	    "the first line is not the headline:\n%.200s", r.out);
	cr_expect(strstr(r.out, "[1]") != NULL, "no [1] in:\n%s", r.out);
	cr_expect(r.outlen > 0 && r.out[r.outlen - 1] == '\n',
	    "no final newline");
	/* The lists come after the last paragraph, in this order. */
	last = line_containing(&r, "in due course");
	cr_expect_geq(last, 0, "the last paragraph is missing");
	for (size_t i = 0; i < 4; i++) {
		at = line_index(&r, headings[i]);
		cr_expect_gt(at, last, "heading \"%s\" at line %ld, not after "
		    "line %ld:\n%s", headings[i], at, last, r.out);
		last = at;
	}
	expect_safe(r.out, r.outlen, true, "--dump");
	run_free(&r);
}

/* No line wider than width columns, but for a single cluster. */
static void
expect_width(const struct run *r, int width, const char *what)
{
	size_t pos = 0, n, next;
	const char *line;
	int lineno = 0;

	cr_assert_eq(r->status, 0, "%s: exit status %d; stderr:\n%s", what,
	    r->status, r->err);
	cr_expect_gt(r->outlen, 0, "%s: no output", what);
	while (next_line(r->out, r->outlen, &pos, &line, &n)) {
		size_t w = text_width(line, n);

		lineno++;
		if (w <= (size_t)width)
			continue;
		text_cluster(line, n, 0, &next);
		cr_expect(next == n, "%s: line %d is %zu columns wide: [%.*s]",
		    what, lineno, w, (int)n, line);
	}
}

static void
check_widths(const char *file)
{
	static const char *const widths[] = { "20", "40", "80", "300" };
	char what[256];
	struct run r;

	for (size_t i = 0; i < 4; i++) {
		snprintf(what, sizeof what, "--dump --width %s %s", widths[i],
		    file ? file : "");
		if (file)
			NL(&r, "--dump", "--width", widths[i], file);
		else
			NL(&r, "--dump", "--width", widths[i]);
		expect_width(&r, atoi(widths[i]), what);
		run_free(&r);
	}
}

Test(cli, dump_widths_default_story)
{
	check_widths(NULL);
}

Test(cli, dump_widths_hostile_text)
{
	char *p = test_path("data/hostile-text.xml");

	check_widths(p);
	free(p);
}

Test(cli, dump_default_width_is_80)
{
	struct run a, b;

	NL(&a, "--dump");
	NL(&b, "--dump", "--width", "80");
	cr_expect_str_eq(a.out, b.out);
	expect_width(&a, 80, "--dump");
	run_free(&a);
	run_free(&b);
}

Test(cli, dump_hostile_text)
{
	static const char *const shown[] = {
		"<U+009B>", "<U+0085>", "<U+202E>", "<U+202C>", "<U+2066>",
		"<U+2028>", "<U+009D>", "\xe2\x90\xa1" /* ␡ */,
	};
	char *p = test_path("data/hostile-text.xml");
	struct run r;

	NL(&r, "--dump", p);
	cr_assert_eq(r.status, 0, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.errlen, 0, "stderr:\n%s", r.err);
	expect_safe(r.out, r.outlen, true, "--dump of hostile-text.xml");
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		cr_expect(strstr(r.out, shown[i]) != NULL,
		    "no placeholder %s in:\n%s", shown[i], r.out);
	cr_expect(strstr(r.out, "Hostile <U+009B>31m headline") == r.out,
	    "the headline is not first:\n%.200s", r.out);
	run_free(&r);
	free(p);
}

Test(cli, dump_minimal)
{
	char *p = test_path("data/minimal.xml");
	struct run r;

	NL(&r, "--dump", p);
	cr_expect_eq(r.status, 0, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect_eq(r.errlen, 0, "stderr:\n%s", r.err);
	cr_expect(strncmp(r.out, "Minimal\n", 8) == 0, "stdout:\n%s", r.out);
	run_free(&r);
	free(p);
}

/* One numbering: every block starts with its number in the margin, as
 * the reader's margin shows it ("3»" for a "Read more" item), and the
 * claims are named by their ids, as the cards name them. */
Test(cli, dump_numbers_blocks_and_names_claims)
{
	struct run r;

	NL(&r, "--dump");
	cr_assert_eq(r.status, 0, "stderr:\n%s", r.err);
	cr_expect_geq(line_index(&r, "  1  [1][2]US officials are gearing up "
	    "for a final attempt to persuade [3]the"), 0, "%s", r.out);
	cr_expect_geq(line_index(&r, "     government to block [4]Huawei "
	    "from building [5]the UK\xe2\x80\x99s 5G network."), 0, "%s",
	    r.out);
	cr_expect_geq(line_index(&r, "  3\xc2\xbb Read more: [12]Just one in "
	    "10 Brits trusts Huawei amid China spying fears"), 0, "%s", r.out);
	cr_expect_geq(line_containing(&r, " 14  "), 0, "no block 14");
	cr_expect_geq(line_containing(&r, "c15, by Huawei, about Huawei, "
	    "disputes c5 c14 (paragraph 13)"), 0, "%s", r.out);
	cr_expect_geq(line_containing(&r, "disputed by c15 c16"), 0, "%s",
	    r.out);
	cr_expect_eq(line_containing(&r, "disputes ["), -1, "%s", r.out);
	cr_expect_geq(line_containing(&r, "[12] r1, about Brits, United "
	    "Kingdom, Huawei, China (paragraph 3)"), 0, "%s", r.out);
	run_free(&r);
	/* Too narrow for the margin: the number on a line of its own. */
	NL(&r, "--dump", "--width", "12");
	cr_assert_eq(r.status, 0, "stderr:\n%s", r.err);
	cr_expect_geq(line_index(&r, "  3\xc2\xbb"), 0, "%s", r.out);
	cr_expect_geq(line_index(&r, "  1"), 0, "%s", r.out);
	run_free(&r);
}

/* Not a terminal: the reader prints the --dump text instead. */
Test(cli, no_option_is_dump_when_not_a_terminal)
{
	char *p = test_path("data/hostile-text.xml");
	struct run plain, dump;

	NL0(&plain);
	NL(&dump, "--dump");
	cr_expect_eq(plain.status, 0, "exit status %d; stderr:\n%s",
	    plain.status, plain.err);
	cr_expect_eq(plain.errlen, 0, "stderr:\n%s", plain.err);
	cr_expect_str_eq(plain.out, dump.out);
	run_free(&plain);
	run_free(&dump);

	NL(&plain, p);
	NL(&dump, "--dump", p);
	cr_expect_eq(plain.status, 0);
	cr_expect_str_eq(plain.out, dump.out);
	run_free(&plain);
	run_free(&dump);

	NL(&plain, "--width", "30", p);
	NL(&dump, "--dump", "--width", "30", p);
	cr_expect_eq(plain.status, 0);
	cr_expect_str_eq(plain.out, dump.out);
	run_free(&plain);
	run_free(&dump);
	free(p);
}

/* ---- options ------------------------------------------------------ */

Test(cli, help)
{
	struct run r;

	NL(&r, "--help");
	cr_expect_eq(r.status, 0, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect(strncmp(r.out, "Usage: newslens", 15) == 0,
	    "stdout:\n%s", r.out);
	cr_expect_eq(r.errlen, 0, "stderr:\n%s", r.err);
	run_free(&r);
}

Test(cli, version)
{
	struct run r;

	NL(&r, "--version");
	cr_expect_eq(r.status, 0, "exit status %d; stderr:\n%s", r.status,
	    r.err);
	cr_expect(strncmp(r.out, "newslens ", 9) == 0 &&
	    r.out[9] >= '0' && r.out[9] <= '9', "stdout:\n%s", r.out);
	cr_expect(strstr(r.out, PACKAGE_VERSION) != NULL, "stdout:\n%s",
	    r.out);
	cr_expect_eq(r.errlen, 0, "stderr:\n%s", r.err);
	run_free(&r);
}

static void
expect_usage_error(const char *what, const struct run *r)
{
	cr_expect_eq(r->status, 2, "%s: exit status %d; stderr:\n%s", what,
	    r->status, r->err);
	cr_expect_eq(r->outlen, 0, "%s: stdout:\n%s", what, r->out);
	cr_expect(strstr(r->err, "--help") != NULL,
	    "%s: no pointer to --help:\n%s", what, r->err);
	expect_safe(r->err, r->errlen, false, what);
}

#define USAGE(test, ...) Test(cli, usage_ ## test) { \
	struct run r; \
	NL(&r, __VA_ARGS__); \
	expect_usage_error(#__VA_ARGS__, &r); \
	run_free(&r); \
}
USAGE(unknown_option, "--frobnicate")
USAGE(unknown_short_option, "-Z")
USAGE(width_zero, "--dump", "--width", "0")
USAGE(width_not_a_number, "--dump", "--width", "wide")
USAGE(width_negative, "--dump", "--width", "-5")
USAGE(width_with_check, "--check", "--width", "40", "/dev/null")
USAGE(two_files, "a.xml", "b.xml")
USAGE(two_files_dump, "--dump", "a.xml", "b.xml")
USAGE(dump_and_check, "--dump", "--check", "a.xml")
USAGE(list_without_kind, "--list")
USAGE(max_size_zero, "--max-size", "0", "--check", "a.xml")
USAGE(max_size_over_2g, "--max-size", "2049M", "--check", "a.xml")
USAGE(max_size_over_2g_bytes, "--max-size=2147483649", "--check", "a.xml")
/* An argument (perhaps a file name from a glob) with ESC: shown safely
 * in the message, whether it is taken for a file, a kind or an option. */
USAGE(list_kind_with_escape, "--list", "\x1b[31mactors")
USAGE(option_with_escape, "--\x1b]0;pwned\x07")
USAGE(too_many_with_escape, "a.xml", "b\x1b[2J.xml")
