/* fuzz_session.c - the command parser and the commands of a session
 * (view/session.h), on a small story, a line of the input at a time.
 *
 * Lines that would save (w, w!, wq, and so a file name anywhere) are
 * left out: the harness writes nothing but the journal, in a folder of
 * its own.  After each line the message is safe for a terminal; a
 * refused line leaves the story as it was; a question is pending only
 * after SESSION_ASK.  At the end the story, written, loads again: no
 * sequence of commands makes an invalid story. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/text.h"
#include "format/load.h"
#include "format/write.h"
#include "fuzz.h"
#include "view/session.h"

#define LINES 64

static const char STORY[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<story version=\"1\"><head><headline>Test</headline></head><actors>"
"<actor id=\"lewis\" kind=\"person\"><name>Brandon Lewis</name>"
"<alias>Lewis</alias></actor><actor id=\"bbc\" kind=\"media\"><name>BBC"
"</name></actor><actor id=\"uk\" kind=\"country\"><name>UK</name></actor>"
"</actors><body><p id=\"p1\">Security minister <mention actor=\"lewis\">"
"Brandon Lewis</mention> told the BBC that <claim id=\"c1\" by=\"lewis\">"
"a decision would be taken \xe2\x80\x9c<quote id=\"q1\" speaker=\"lewis\">"
"relatively soon</quote>\xe2\x80\x9d</claim>.</p><p>The the e\xcc\x81 "
"\xf0\x9d\x94\x98 end.</p><related id=\"r1\" actors=\"uk\">Read this"
"</related></body></story>\n";

static char path[64], state[64], sub[80];

/* The harness's folder goes when it ends (replay runs it at every make
 * check). */
static void
cleanup(void)
{
	char *journal = session_journal_path(path);

	if (journal != NULL)
		unlink(journal);
	free(journal);
	unlink(path);
	rmdir(sub);
	rmdir(state);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char dir[] = "/tmp/newslens-fuzz-session.XXXXXX";

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	setenv("XDG_STATE_HOME", dir, 1);
	snprintf(path, sizeof path, "%s/story.xml", dir);
	snprintf(state, sizeof state, "%s", dir);
	snprintf(sub, sizeof sub, "%s/newslens", dir);
	atexit(cleanup);
	return 0;
}

static char *
canon(struct session *s)
{
	struct buf b = BUF_INIT;

	write_story_buf(session_story(s), &b);
	return buf_detach(&b);
}

/* Whether the line would save: its command starts with w. */
static bool
saves(const char *line)
{
	line += strspn(line, " \t");
	if (*line == ':')
		line++;
	line += strspn(line, " \t");
	return *line == 'w';
}

static void
one_line(struct session *s, const char *line)
{
	struct buf msg = BUF_INIT;
	char *before = canon(s), *after;
	enum session_result r = session_run(s, line, &msg);

	FUZZ_CHECK(msg.data == NULL || text_is_safe(msg.data, msg.len));
	FUZZ_CHECK(session_asking(s) == (r == SESSION_ASK));
	after = canon(s);
	if (r == SESSION_REFUSED)
		FUZZ_CHECK(strcmp(before, after) == 0);
	free(before);
	free(after);
	buf_free(&msg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct load_opts lo = { LOAD_MAX_SIZE_DEFAULT };
	struct buf msg = BUF_INIT;
	struct story *st = load_memory(STORY, sizeof STORY - 1, path, &lo, &d);
	struct session *s;
	char *line, *journal, *xml;
	const uint8_t *p = data, *end = data + size, *nl;
	int n = 0;

	FUZZ_CHECK(st != NULL);
	diag_free(&d);
	/* A journal left by the input before would refuse every change. */
	if ((journal = session_journal_path(path)) != NULL)
		unlink(journal);
	free(journal);
	s = session_open(st, path, false, &msg);
	for (; p < end && n < LINES; p = nl + 1, n++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line = strndup((const char *)p, (size_t)(nl - p));
		if (strlen(line) == (size_t)(nl - p) && !saves(line))
			one_line(s, line);
		free(line);
	}
	xml = canon(s);
	st = load_memory(xml, strlen(xml), "fuzz", &lo, &d);
	FUZZ_CHECK(st != NULL);
	story_free(st);
	diag_free(&d);
	free(xml);
	buf_truncate(&msg, 0);
	session_run(s, "q!", &msg);
	session_free(s);
	buf_free(&msg);
	return 0;
}
