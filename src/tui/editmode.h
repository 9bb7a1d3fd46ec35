/* editmode.h - annotating in the terminal reader.
 *
 * The first story the reader shows is open in an editing session
 * (view/session.h) from the start: `e` enters edit mode, with a cursor
 * (view/cursor.h) and the keys of the "edit" screen; `:` opens the
 * command line, in either mode, whose lines the session runs.  Before
 * each one the reader hands the session its selection and focus, and
 * after it finds its own places again (view/anchor.h).  Quitting goes
 * through the session too, which asks when there are unsaved edits; a
 * signal does not, so that the recovery journal stays. */
#ifndef NEWSLENS_EDITMODE_H
#define NEWSLENS_EDITMODE_H

#include <stdbool.h>

struct ui;

/* Opens the session on the reader's story (which it then holds) and
 * says on the status line what the session found (a journal, a
 * read-only file). */
void	editmode_open(struct ui *, bool read_only);
/* Frees it; a journal of unsaved edits stays on disk. */
void	editmode_close(struct ui *);
void	editmode_enter(struct ui *);
void	editmode_leave(struct ui *);
/* The command line, with text already typed, then the line run. */
void	editmode_command(struct ui *, const char *text);
/* Runs a command line, the session's questions asked and answered on
 * the command line too. */
void	editmode_run(struct ui *, const char *line);
/* Tab on the command line. */
void	editmode_complete(struct ui *);
/* q and Q: quits, unless there are unsaved edits, which the session
 * asks about first. */
void	editmode_quit(struct ui *);
/* Whether there are unsaved edits. */
bool	editmode_dirty(const struct ui *);

#endif
