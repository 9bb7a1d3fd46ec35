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

/* Limits that keep libxml2 2.9 out of its quadratic corners; no real
 * story comes near them (newslens(5) documents both). */
#define LOAD_MAX_ATTRIBUTES 32
#define LOAD_MAX_INLINE 10000

enum id_kind { ID_ACTOR, ID_PARAGRAPH, ID_RELATED, ID_CLAIM, ID_QUOTE };

/* One for every id in the story, held while it loads: index and line
 * in 32 bits (neither can exceed INT_MAX, the largest file) make it 24
 * bytes, not 32. */
struct idref {
	char		*id;
	uint32_t	 index;
	uint32_t	 line;
	enum id_kind	 kind;
	bool		 owned;		/* false: the model's string (the
					 * fast path's body ids) */
};

/* A claim's disputes, which may name later claims: the fast path
 * resolves them once the whole body has streamed. */
struct pending {
	size_t		 claim;
	char		*ids;		/* the raw attribute */
	unsigned long	 line;
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
	uint32_t	*hash;		/* ids by hash: pairs of index + 1
					 * (0: empty) and the id's 32-bit
					 * hash, so that probes and growth
					 * compare numbers, not strings; NULL
					 * when the ids are sorted.  32 bits
					 * halve the table, the largest of
					 * the loader's while it streams; a
					 * file of at most INT_MAX bytes has
					 * fewer ids than that. */
	size_t		 hash_mask;
	size_t		 items_cap;
	size_t		 claims_cap;
	size_t		 quotes_cap;
	size_t		 blocks_cap;
	size_t		 related_cap;
	struct buf	 text;		/* the block being built */
	struct buf	 scratch;	/* a string being cleaned */
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
};

void	 load_error(struct loader *, unsigned long line, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

void	 ids_add(struct loader *, const xmlNode *, enum id_kind, size_t index);
bool	 ids_hash_add(struct loader *, size_t i);
void	 ids_resolve_tokens(struct loader *, unsigned long line, char *raw,
	    enum id_kind, const char *what, struct idx *);
void	 ids_free(struct loader *);

void	 build_start(struct loader *, const char *name);
void	 build_head(struct loader *, const xmlNode *root);
void	 build_actors(struct loader *, const xmlNode *root);
void	 build_body_child(struct loader *, const xmlNode *n);
struct story *build_finish(struct loader *);

/* The fast path: the story, or NULL (and no message) on any problem. */
struct story	*load_stream(const char *data, size_t len, const char *name);
/* The same, read from the file a chunk at a time, at most max bytes;
 * NULL also when the file cannot be read (load_read says why). */
struct story	*load_stream_file(const char *path, size_t max);
/* Frees the fast path's schema (load_cleanup calls it). */
void		 load_stream_cleanup(void);
/* The slow path: the story, or NULL with every problem in *d. */
struct story	*load_tree(const char *data, size_t len, const char *name,
		    struct diag *d);

#endif
