/* session_int.h - what the session's files share (session.h). */
#ifndef NEWSLENS_SESSION_INT_H
#define NEWSLENS_SESSION_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/safefile.h"
#include "model/edit.h"
#include "view/session.h"

/* One step of the history: applying `ed` goes the other way (undo on
 * the undo stack, redo on the redo stack). */
struct session_step {
	struct edits	 ed;
	char		*what;
};

struct session_hist {
	struct session_step	*v;
	size_t			 n;
	size_t			 cap;
};

/* What a question waits for. */
enum session_ask {
	ASK_NONE,
	ASK_ACTOR,	/* an unknown actor: "actor add …" or "no" */
	ASK_QUIT,	/* unsaved edits: y, n, or stay */
	ASK_NAME	/* the built-in story's file name */
};

/* A span of a block and an item's kind: a place that means the same
 * after other changes (the item at it is found again). */
struct session_place {
	size_t		block;		/* NONE: none */
	size_t		start;
	size_t		end;
	enum item_kind	kind;
};

struct session {
	struct story		*st;
	char			*path;		/* NULL: the built-in story */
	bool			 read_only;
	struct session_hist	 undo;
	struct session_hist	 redo;
	size_t			 saved_at;	/* undo.n at the last save */
	bool			 saved_lost;	/* that state is gone */
	struct session_place	 sel;
	struct session_place	 focus;
	struct safefile_stamp	 stamp;		/* of the file as loaded */
	char			*jpath;		/* the journal; NULL: none */
	int			 jfd;		/* open for appending, or -1 */
	bool			 jfound;	/* a journal waits: recover or
						 * discard it first */
	bool			 replaying;	/* running the journal */
	enum session_ask	 ask;
	bool			 ask_journaled;	/* the answer is journaled */
	enum item_kind		 ask_kind;	/* ASK_ACTOR: mention, quote */
	char			*ask_id;	/* ASK_ACTOR: a quote's id= */
	bool			 ask_quit;	/* ASK_NAME: quit once saved */
};

/* A command line cut into words: quoted ones ("…", with \" and \\)
 * are marked, so that "3" is text where 3 is a number. */
struct session_args {
	char	**v;
	bool	 *quoted;
	size_t	  n;
};

bool	session_args_parse(const char *line, struct session_args *a,
	    char **why);
void	session_args_free(struct session_args *a);
/* Words from..n-1 joined by single spaces; caller-owned ("" if none). */
char	*session_args_join(const struct session_args *a, size_t from);

/* Applies es as one step named `what` (copied): pushed on the undo
 * stack, the redo stack emptied.  On refusal, the reason in *msg. */
enum session_result session_commit(struct session *, struct edits *es,
		    const char *what, struct buf *msg);
/* The same for one edit, named by edit_describe. */
enum session_result session_commit1(struct session *, struct edit *e,
		    struct buf *msg);

/* The commands (session_cmd.c): runs a parsed line; a command that
 * changes the story has been checked and journaled already. */
struct session_cmd {
	const char	*name;
	enum session_result (*run)(struct session *,
			    const struct session_args *, struct buf *);
	unsigned	 flags;
};
#define CMD_CHANGES	1u	/* checked for read-only and journaled */
#define CMD_SUB		2u	/* "actor": the second word names it */

const struct session_cmd *session_cmd_find(const char *name,
		    const char *sub);
extern const struct session_cmd session_cmds[];
extern const struct session_cmd session_actor_cmds[];
/* Answers the pending ASK_ACTOR question. */
enum session_result session_answer_actor(struct session *,
		    const struct session_args *, struct buf *);

/* Saving and quitting (session.c). */
enum session_result session_save(struct session *, const char *target,
		    bool force, struct buf *msg);
enum session_result session_quit(struct session *, bool force,
		    struct buf *msg);
enum session_result session_recover(struct session *, struct buf *msg);
enum session_result session_discard(struct session *, struct buf *msg);
enum session_result session_undo(struct session *, bool redo,
		    struct buf *msg);

/* The actor named by id, name or alias; NONE with the reason in *msg
 * (or, with `unknown` set, nothing said, when no actor has that name). */
size_t	session_actor(const struct session *, const char *who,
	    bool *unknown, struct buf *msg);
/* The text of a place and its occurrence, as `select` takes them:
 * appends BLOCK "TEXT" N (a block's id, else its number). */
void	session_place_words(const struct session *,
	    const struct session_place *, struct buf *out);

#endif
