/* edit.h - changes to a story's document, as operations with inverses.
 *
 * Every change a person can make to a story's annotation is one of a
 * few operations: add, remove or change an item (a mention, quote or
 * claim over a span of a paragraph; a "Read more" item's attributes),
 * add, remove or change an actor, change a field of the head.  An
 * operation names what it changes by what a file says (ids, and a span
 * of a block's text), never by a position in the story's arrays, so
 * that it means the same after other changes.  edit_apply checks that
 * the story stays valid (spans within one paragraph, nesting without
 * overlap and in the format's order, references that resolve, ids that
 * are unique, kinds, dates) and, if not, changes nothing and says why;
 * otherwise it changes the document, builds the index again and gives
 * the operation that undoes it.  Undo and redo are two stacks of them.
 *
 * Strings in an operation are as a person types them (the file's
 * characters): the story keeps them with their shown form beside
 * (story_keep_str).  Offsets are of the shown text of the block, as the
 * reader shows it.  There is no curses here. */
#ifndef NEWSLENS_EDIT_H
#define NEWSLENS_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "model/story.h"

enum edit_op {
	EDIT_ITEM_ADD,		/* a mention, quote or claim over a span */
	EDIT_ITEM_REMOVE,	/* the item at the span; its text stays */
	EDIT_ITEM_SET,		/* the item's attributes, all of them */
	EDIT_ACTOR_ADD,
	EDIT_ACTOR_REMOVE,	/* refused while the actor is referenced */
	EDIT_ACTOR_SET,		/* every field but the id */
	EDIT_HEAD_SET
};

enum edit_head {
	EDIT_HEADLINE,
	EDIT_DATELINE,
	EDIT_WHEN,		/* the dateline's when */
	EDIT_BYLINE,
	EDIT_SOURCE,
	EDIT_LANG		/* xml:lang */
};

/* An item's attributes as a file writes them: ids and space-separated
 * lists of ids, NULL when absent. */
struct edit_attrs {
	char	*actor;		/* a mention's */
	char	*id;		/* a claim's or a quote's */
	char	*speaker;	/* a quote's */
	char	*by;		/* a claim's */
	char	*about;
	char	*disputes;
	char	*when;
	char	*actors;	/* a "Read more" item's */
	char	*href;
};

struct edit_actor {
	char		*id;
	enum actor_kind	 kind;
	char		*name;
	char		**aliases;
	size_t		 naliases;
	char		*note;		/* NULL: none */
	char		*member_of;	/* NULL: none */
	char		*same_as;	/* NULL: none */
};

/* One operation; every string is owned by it (edit_free). */
struct edit {
	enum edit_op		 op;
	/* EDIT_ITEM_*: the item, by its block, its span of the block's
	 * shown text and its kind ("Read more" items: the whole block). */
	size_t			 block;
	size_t			 start;
	size_t			 end;
	enum item_kind		 kind;
	struct edit_attrs	 attrs;	/* ADD, SET: the item's (new) ones */
	/* EDIT_ACTOR_*: the actor (REMOVE needs only its id); ADD puts
	 * it at position `index` among the actors, NONE: at the end. */
	struct edit_actor	 actor;
	size_t			 index;
	/* EDIT_HEAD_SET: the field and its new value (NULL: none). */
	enum edit_head		 field;
	char			*value;
};

/* A sequence of operations, applied in order as one change. */
struct edits {
	struct edit	*v;
	size_t		 n;
	size_t		 cap;
};

/* Applies e.  On success returns true, has rebuilt the index and, if
 * inverse is not NULL, stores there the operation that undoes e
 * (caller-owned).  Otherwise returns false with the reason in *why
 * (caller-owned, NULL when why is NULL) and the story as it was. */
bool	edit_apply(struct story *, const struct edit *e,
	    struct edit *inverse, char **why);
/* Applies each of es in order, all or none: if one is refused, those
 * applied before are undone.  The inverse, if not NULL, undoes all. */
bool	edits_apply(struct story *, const struct edits *es,
	    struct edits *inverse, char **why);

/* A copy of e, caller-owned. */
void	edit_copy(struct edit *dst, const struct edit *src);
void	edit_free(struct edit *);
/* Appends a copy of e to es. */
void	edits_push(struct edits *, const struct edit *e);
void	edits_free(struct edits *);

/* The operations that merge actor `gone` into `keep`: every reference
 * to gone then names keep, gone's name and aliases become keep's
 * aliases, and gone is removed.  False, with the reason, if either is
 * not an actor or they are the same. */
bool	edit_merge_actors(const struct story *, const char *keep,
	    const char *gone, struct edits *out, char **why);

/* What e does, in a few words for a status line ("add a mention of
 * lewis in paragraph 3"), appended to out. */
void	edit_describe(const struct edit *e, struct buf *out);

#endif
