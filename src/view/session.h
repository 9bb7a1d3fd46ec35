/* session.h - one story open for reading and editing, without a
 * terminal: the commands as typed after ':', undo and redo, the
 * selection, the focused item, saving, and the recovery journal.
 *
 * The reader's edit mode and `newslens --run` both drive a story
 * through session_run, one command line at a time, so that a script
 * does exactly what keys do.  Every change goes through model/edit.h
 * (a refused one changes nothing and says why) and is one step of the
 * undo history, named by what it did.
 *
 * Places in the story: a selection is a span [start, end) of a block's
 * shown text (byte offsets, as in model/story.h); the focused item is
 * an index into the story's items.  After a change the index has been
 * rebuilt: the session keeps the selection and finds its focused item
 * again (session_focused); a caller that holds other item indices finds
 * them again with session_find_item.
 *
 * The journal: every change is appended, as the command lines that made
 * it (a `select` and a `focus` giving its places, then the command), to
 * a file of $XDG_STATE_HOME/newslens/ (else ~/.local/state/newslens/)
 * named after the story's absolute path, and synced before session_run
 * returns; it is removed after a save to the story's own file or a
 * clean quit.  Its first line records the file's stamp (base/
 * safefile.h): session_open keeps aside, renamed, a journal that does
 * not match the file, and offers one that does (`recover`, `discard`).
 * A journal is a --run script. */
#ifndef NEWSLENS_SESSION_H
#define NEWSLENS_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "model/story.h"

struct session;

/* Opens st (owned by the session from now on) as the file at path, or
 * as the built-in story when path is NULL.  A file the user cannot
 * write opens read-only too.  What the user should know (read-only, a
 * recovery journal found, one kept aside) is appended to *msg, nothing
 * when there is nothing to say.  Never NULL. */
struct session	*session_open(struct story *st, const char *path,
		    bool read_only, struct buf *msg);
/* Frees the session and its story.  The journal, if any, stays on disk
 * (a clean quit removes it: run "q" or "q!" first). */
void		 session_free(struct session *);

/* The story as it is now; it changes under the caller after every
 * SESSION_OK (the pointer stays the same). */
struct story	*session_story(const struct session *);
/* The file it was opened from (or last saved to as its own name); NULL
 * for the built-in story. */
const char	*session_path(const struct session *);

/* The selection: [start, end) of block's shown text; start == end, or
 * block NONE, clears it.  Clamped to the block. */
void	session_select(struct session *, size_t block, size_t start,
	    size_t end);
/* False when there is no selection. */
bool	session_selection(const struct session *, size_t *block,
	    size_t *start, size_t *end);
/* The focused item, an index into the story's items; NONE: none. */
void	session_focus(struct session *, size_t item);
size_t	session_focused(const struct session *);
/* The item of kind `kind` (ITEM_NKINDS: of any kind, the innermost)
 * over exactly [start, end) of block, or NONE. */
size_t	session_find_item(const struct session *, size_t block,
	    size_t start, size_t end, enum item_kind kind);

enum session_result {
	SESSION_OK,		/* done (or nothing to do); *msg says what */
	SESSION_REFUSED,	/* nothing changed; *msg says why */
	SESSION_QUIT,		/* the session should end (q, wq, q!) */
	SESSION_ASK		/* *msg is a question: the next line run is
				 * its answer */
};

/* Runs one command line as typed after ':' (the colon optional, leading
 * spaces ignored; an empty line does nothing).  Appends its message to
 * *msg: what it did, what it undid, why it was refused, or a question.
 * newslens(1), EDITING, lists the commands. */
enum session_result session_run(struct session *, const char *line,
		    struct buf *msg);

/* The completions of the last word of line (a command name as the first
 * word; else an actor id or name, or a kind where a kind goes), sorted
 * and unique: a caller-owned array of caller-owned strings, its length
 * returned (0: none, *out NULL). */
size_t	session_complete(const struct session *, const char *line,
	    char ***out);

/* Whether there are changes not saved to the story's own file. */
bool	session_dirty(const struct session *);
bool	session_read_only(const struct session *);
/* Whether a question is waiting for its answer (the last SESSION_ASK). */
bool	session_asking(const struct session *);
/* The number of steps that `u` / `redo` can take. */
size_t	session_undo_depth(const struct session *);
size_t	session_redo_depth(const struct session *);

/* The journal's file for the story at path (NULL: the built-in story):
 * caller-owned, or NULL when no state folder can be named (no HOME). */
char	*session_journal_path(const char *path);

#endif
