/* editmode.c - edit mode, the command line and the session's questions
 * in the terminal reader. */
#include "config.h"

#include "tui/editmode.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "tui/ui.h"
#include "view/anchor.h"
#include "view/cursor.h"
#include "view/session.h"

void
editmode_open(struct ui *u, bool read_only)
{
	struct buf msg = BUF_INIT;
	/* A story read from standard input has no file to save to. */
	bool from_stdin = u->r.path != NULL && strcmp(u->r.path, "-") == 0;

	u->session = session_open(u->r.st, u->r.path, read_only || from_stdin,
	    &msg);
	u->r.borrowed = true;
	u->r.st = session_story(u->session);
	if (msg.len > 0)
		reader_notify(&u->r, "%s", msg.data);
	buf_free(&msg);
}

void
editmode_close(struct ui *u)
{
	if (u->session != NULL)
		session_free(u->session);
	u->session = NULL;
}

bool
editmode_dirty(const struct ui *u)
{
	return u->session != NULL && session_dirty(u->session);
}

/* Why this story cannot be edited here, or NULL. */
static const char *
editmode_not_editable(const struct ui *u)
{
	if (u->session == NULL || !ui_first_story(u))
		return "this story was opened from a \"Read more\" item and "
		    "cannot be edited here: open it on its own to edit it";
	if (session_read_only(u->session))
		return "this story is open read-only (--read-only, or a file "
		    "you cannot write): editing is off";
	return NULL;
}

void
editmode_enter(struct ui *u)
{
	const char *why = editmode_not_editable(u);

	if (why != NULL) {
		reader_notify(&u->r, "%s", why);
		return;
	}
	if (u->edit)
		return;
	u->edit = true;
	cursor_start(&u->r);
	reader_notify(&u->r, "edit mode: h j k l w b e ( ) 0 $ move, v "
	    "selects, m ' c mark, x unmarks, u undoes, : commands, Escape "
	    "leaves");
}

void
editmode_leave(struct ui *u)
{
	u->edit = false;
	cursor_stop(&u->r);
}

void
editmode_command(struct ui *u, const char *text)
{
	char *line = ui_prompt_line(u, ":", text, KEYS_COMMAND, u->commands,
	    &u->ncommands, NULL);

	if (line == NULL)
		return;
	if (*line != '\0')
		editmode_run(u, line);
	free(line);
}

/* The reader's selection and focus, handed to the session. */
static void
editmode_hand_over(struct ui *u)
{
	size_t b, s, e;

	if (u->edit && cursor_selection(&u->r, &b, &s, &e))
		session_select(u->session, b, s, e);
	else
		session_select(u->session, NONE, 0, 0);
	session_focus(u->session, u->r.focus);
}

/* One line run, the reader's places found again after it. */
static enum session_result
editmode_run_line(struct ui *u, const char *line, struct buf *msg)
{
	struct anchors *a = anchor_save(&u->r);
	size_t undo = session_undo_depth(u->session);
	size_t redo = session_redo_depth(u->session);
	enum session_result res = session_run(u->session, line, msg);

	anchor_restore(&u->r, a);
	if (res == SESSION_OK && (undo != session_undo_depth(u->session) ||
	    redo != session_redo_depth(u->session))) {
		/* The story changed: the session knows the focus now (a
		 * new item, the one undone...), and the selection has
		 * done its work. */
		u->r.focus = session_focused(u->session);
		u->r.cur.selecting = false;
		if (!u->edit && !session_read_only(u->session)) {
			u->edit = true;
			cursor_start(&u->r);
		}
	}
	return res;
}

void
editmode_run(struct ui *u, const char *line)
{
	struct buf msg = BUF_INIT;
	enum session_result res;
	char *answer = NULL;

	/* A read-only story still takes :w OTHER, :q and the rest. */
	if (u->session == NULL || !ui_first_story(u)) {
		reader_notify(&u->r, "%s", editmode_not_editable(u));
		return;
	}
	editmode_hand_over(u);
	res = editmode_run_line(u, line, &msg);
	/* A question is answered on the command line; cancelling it is
	 * an empty answer, which the session takes as "no". */
	while (res == SESSION_ASK && !u->quit) {
		char *q = xstrdup(msg.len ? msg.data : "?");

		buf_truncate(&msg, 0);
		answer = ui_prompt_line(u, "answer: ", "", KEYS_COMMAND, NULL,
		    NULL, q);
		free(q);
		res = editmode_run_line(u, answer ? answer : "", &msg);
		free(answer);
	}
	if (res == SESSION_QUIT)
		u->quit = true;
	else if (msg.len > 0)
		reader_notify(&u->r, "%s", msg.data);
	buf_free(&msg);
}

void
editmode_quit(struct ui *u)
{
	if (u->session == NULL) {
		u->quit = true;
		return;
	}
	editmode_run(u, "q");
}

/* The longest prefix that all n words share. */
static size_t
editmode_common_prefix(char **v, size_t n)
{
	size_t len = strlen(v[0]), i, k;

	for (i = 1; i < n; i++) {
		for (k = 0; k < len && v[i][k] == v[0][k]; k++)
			;
		len = k;
	}
	/* Not inside a UTF-8 sequence. */
	while (len > 0 && ((unsigned char)v[0][len] & 0xC0) == 0x80)
		len--;
	return len;
}

void
editmode_complete(struct ui *u)
{
	struct ui_line *l = u->line;
	char **v = NULL;
	size_t n, i, last, len;
	struct buf b = BUF_INIT;

	if (l == NULL || u->session == NULL)
		return;
	n = session_complete(u->session, l->b.data, &v);
	free(l->above);
	l->above = NULL;
	if (n == 0) {
		l->above = xstrdup("nothing to complete");
		return;
	}
	/* The completions stand for the line's last word. */
	for (last = l->b.len; last > 0 && l->b.data[last - 1] != ' '; last--)
		;
	len = editmode_common_prefix(v, n);
	if (n == 1 || len > l->b.len - last) {
		buf_truncate(&l->b, last);
		buf_append(&l->b, v[0], len);
		if (n == 1)
			buf_puts(&l->b, " ");
	}
	if (n > 1) {
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s%s", i ? "  " : "", v[i]);
		l->above = buf_detach(&b);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
