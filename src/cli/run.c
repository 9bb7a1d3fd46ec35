/* run.c - newslens --run (run.h). */
#include "config.h"

#include "cli/run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/text.h"
#include "view/session.h"

/* Prints "newslens: NAME:LINE: message" (no LINE when 0), sanitised. */
static void
run_say(const char *name, unsigned long line, const char *msg)
{
	struct buf b = BUF_INIT;
	char *safe;

	if (line > 0)
		buf_printf(&b, "%s:%lu: %s", name, line, msg);
	else
		buf_printf(&b, "%s: %s", name, msg);
	safe = text_sanitize(b.data);
	fprintf(stderr, "newslens: %s\n", safe);
	free(safe);
	buf_free(&b);
}

/* Runs the lines of fp; 0, or 1 once one is refused. */
static int
run_lines(struct session *s, FILE *fp, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long no = 0;
	struct buf msg = BUF_INIT;
	enum session_result r = SESSION_OK;
	int status = 0;

	while (getline(&line, &cap, fp) >= 0) {
		const char *p = line + strspn(line, " \t");

		no++;
		if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0')
			continue;
		buf_truncate(&msg, 0);
		r = session_run(s, line, &msg);
		if (r == SESSION_REFUSED) {
			run_say(name, no, msg.data ? msg.data : "refused");
			status = 1;
			break;
		}
		if (r == SESSION_QUIT)
			break;
	}
	if (status == 0 && ferror(fp)) {
		run_say(name, no, strerror(errno));
		status = 1;
	} else if (status == 0 && r == SESSION_ASK)
		run_say(name, no, "the script ends without an answer to the "
		    "question");
	if (status == 0 && r == SESSION_ASK)
		status = 1;
	free(line);
	buf_free(&msg);
	return status;
}

int
run_script(const char *script, const char *file, const struct load_opts *lo)
{
	const char *name = strcmp(script, "-") == 0 ? "(standard input)" :
	    script;
	struct diag d = DIAG_INIT;
	struct buf msg = BUF_INIT;
	struct session *s;
	struct story *st;
	FILE *fp;
	int status;

	fp = strcmp(script, "-") == 0 ? stdin : fopen(script, "re");
	if (fp == NULL) {
		run_say(name, 0, strerror(errno));
		return 1;
	}
	if ((st = load_file(file, lo, &d)) == NULL) {
		diag_print(&d, stderr);
		diag_free(&d);
		if (fp != stdin)
			fclose(fp);
		return 1;
	}
	s = session_open(st, file, false, &msg);
	if (msg.len > 0)
		run_say(file, 0, msg.data);
	status = run_lines(s, fp, name);
	if (fp != stdin)
		fclose(fp);
	/* The end of the script is a clean quit: what was not written
	 * is dropped on purpose, and its journal with it. */
	buf_truncate(&msg, 0);
	if (session_dirty(s) && status == 0)
		run_say(name, 0,
		    "edits not saved: the script has no w after them");
	session_run(s, "q!", &msg);
	session_free(s);
	buf_free(&msg);
	return status;
}
