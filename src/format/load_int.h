/* load_int.h - what load.c shares with load_stream.c; not for callers.
 *
 * The loader builds the model in one of two ways.  load_tree, the slow
 * path, parses the whole document into a libxml2 tree, validates it and
 * reports every problem.  load_stream, the fast path, builds one body
 * block's tree at a time, validating as it streams, and gives up
 * quietly at the first problem of any kind: load_memory then runs
 * load_tree for its messages.  Both build through the same functions,
 * so that they build the same model. */
#ifndef NEWSLENS_LOAD_INT_H
#define NEWSLENS_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"
#include "model/story.h"


enum id_kind { ID_ACTOR, ID_PARAGRAPH, ID_RELATED, ID_CLAIM, ID_QUOTE };

/* One for every id in the story, held while the slow path loads (the
 * fast path finds its ids through the model): 16 bytes, not 32.  The line is at most INT_MAX, the largest file; the index fits in
 * 28 bits, as no id takes fewer than 8 bytes of the file (` id="a"`)
 * and the file has at most INT_MAX of them. */
struct idref {
	char		*id;
	uint32_t	 index : 28;
	uint32_t	 kind : 3;	/* enum id_kind */
	uint32_t	 owned : 1;	/* 0: the model's string (the fast
					 * path's ids) */
	uint32_t	 line;
};

/* A claim's disputes, which may name later claims: the fast path
 * resolves them once the whole body has streamed. */
struct pending {
	size_t		 claim;
	char		*ids;		/* the raw attribute */
	unsigned long	 line;
};

/* An actor's member-of, which may name a later actor: the fast path
 * resolves them once the actors have streamed.  Eight bytes and the
 * id, not a pointer and an allocation, as every actor may have one. */
struct member_of {
	uint32_t	 actor;
	uint32_t	 at;		/* the id, in loader.member_ids */
};

struct loader {
	const char	*name;		/* the file, for messages */
	struct diag	*d;		/* NULL: count problems, keep none */
	size_t		 errors;	/* problems found by this load */
	struct story	*st;
	struct idref	*ids;		/* in file order, or sorted by id
					 * when one is used twice */
	size_t		 nids;
	size_t		 ids_cap;
	uint32_t	*hash;		/* ids by hash: pairs of a value
					 * (an index of ids + 1, or
					 * ids_model_slot; 0: empty) and
					 * the id's 32-bit
					 * hash, so that probes and growth
					 * compare numbers, not strings; NULL
					 * when the ids are sorted.  32 bits
					 * halve the table, the largest of
					 * the loader's while it streams; a
					 * file of at most INT_MAX bytes has
					 * fewer ids than that. */
	size_t		 hash_cap;	/* slots */
	size_t		 nhashed;	/* ids in it */
	bool		 ids_in_model;	/* the fast path: a slot names a
					 * thing of the model, whose id it
					 * is, not an entry of ids */
	size_t		 items_cap;
	size_t		 claims_cap;
	size_t		 quotes_cap;
	size_t		 blocks_cap;
	size_t		 related_cap;
	struct buf	 text;		/* the block being built */
	struct buf	 scratch;	/* a string being cleaned */
	struct buf	 raw;		/* its file's form, when has_raw */
	bool		 has_raw;	/* the file's form is not the shown */
	size_t		*found;		/* a list of ids being resolved */
	size_t		 found_cap;
	uint32_t	*listed;	/* by index of actor or claim: the
					 * stamp of the last list that named
					 * it, to refuse one named twice */
	size_t		 listed_cap;
	uint32_t	 nlists;	/* lists resolved so far */
	bool		 space;		/* a space is due before more text */
	unsigned long	 root_line;	/* for schema errors with no line */
	unsigned long	 doctype_line;	/* where a DOCTYPE was, or 0 */
	struct pending	*pending;	/* fast path only, else NULL */
	size_t		 npending;
	size_t		 pending_cap;
	size_t		 actors_cap;	/* fast path: actors grow as read */
	size_t		 left;		/* fast path: bytes not parsed yet,
					 * SIZE_MAX when unknown */
	struct member_of *member_of;	/* fast path only, else NULL */
	size_t		 nmember_of;
	size_t		 member_of_cap;
	struct buf	 member_ids;	/* their ids, each NUL-terminated */
	bool		 oom;		/* libxml2 ran out of memory: that is
					 * the one thing to say */
};

/* Whether a libxml2 error is its failure to allocate, which it reports
 * in many words ("Memory allocation failed : building node") and
 * follows with errors that are not in the file ("Extra content at the
 * end of the document"). */
bool	 load_is_oom(const xmlError *);

void	 load_error(struct loader *, unsigned long line, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

void	 load_ids_add(struct loader *, const xmlNode *, enum id_kind,
    size_t index);
void	 load_ids_resolve_tokens(struct loader *, unsigned long line, char *raw,
	    enum id_kind, const char *what, struct idx *);
void	 load_ids_free(struct loader *);

void	 load_build_start(struct loader *, const char *name);
void	 load_build_head(struct loader *, const xmlNode *root);
void	 load_build_actors(struct loader *, const xmlNode *root);
/* The fast path's actors, one <actor> at a time (its id registered,
 * borrowed from the model, as load_build_body_child does), then the end of
 * them all: the member-of that load_build_actor_child kept, and cycles. */
void	 load_build_actor_child(struct loader *, const xmlNode *n);
void	 load_build_actors_end(struct loader *);
void	 load_build_body_child(struct loader *, const xmlNode *n);
void	 load_build_comment(struct loader *, enum comment_place, size_t at,
	    const xmlNode *n);
void	 load_build_comments_before(struct loader *, const xmlNode *n,
	    enum comment_place, size_t at);
void	 load_build_comments_after(struct loader *, const xmlNode *parent,
	    enum comment_place, size_t at);
void	 load_build_doc_comments(struct loader *, const xmlDoc *doc);
struct story *load_build_finish(struct loader *);

/* The built-in schema, parsed once and used by both paths: true when
 * load_schema_get has it (a failure to allocate sets ld->oom). */
bool		 load_schema_ready(struct loader *);
xmlRelaxNGPtr	 load_schema_get(void);

/* The fast path: the story, or NULL (and no message) on any problem. */
struct story	*load_stream(const char *data, size_t len, const char *name);
/* The same, read from the file a chunk at a time, at most max bytes;
 * NULL also when the file cannot be read (load_read says why), with
 * *oom true when memory ran out (the slow path would need more). */
struct story	*load_stream_file(const char *path, size_t max, bool *oom);
/* The slow path: the story, or NULL with every problem in *d. */
struct story	*load_tree(const char *data, size_t len, const char *name,
		    struct diag *d);

#endif
