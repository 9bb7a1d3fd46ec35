/* load.h - reading a story file into the model, safely.
 *
 * The file is read by us (a regular file, up to a size cap), parsed
 * by libxml2 with no network, no DTD loading, no entity substitution
 * and no XML_PARSE_HUGE, and refused if it declares any entity.  It is
 * validated against the built-in RELAX NG schema, every reference is
 * resolved, and the libxml2 tree is freed before the model is
 * returned.  A valid story is read, parsed, validated and built a
 * block at a time, never held whole; any other is read again whole
 * for the messages. */
#ifndef NEWSLENS_LOAD_H
#define NEWSLENS_LOAD_H

#include <stddef.h>

#include "base/diag.h"
#include "model/story.h"

struct _xmlNode;

#define LOAD_MAX_SIZE_DEFAULT ((size_t)128 << 20)	/* 128 MiB */

struct load_opts {
	size_t	max_size;	/* the largest file accepted, in bytes */
};

/* Loads the story in `path`.  Returns a story owned by the caller
 * (story_free), or NULL with at least one problem added to *d. */
struct story	*load_file(const char *path, const struct load_opts *,
		    struct diag *d);
/* The same for a story already in memory; `name` stands for the file
 * in messages. */
struct story	*load_memory(const char *data, size_t len, const char *name,
		    const struct load_opts *, struct diag *d);
/* The bytes of the regular file `path`, at most max of them, read the
 * way load_file reads a story: caller-owned and NUL-terminated (the
 * length, without the NUL, in *lenp), or NULL with the problem in *d. */
char		*load_read_file(const char *path, size_t max, size_t *lenp,
		    struct diag *d);
/* Parses XML other than a story (an article to import) with the same
 * safety as a story: no network, no DTD, no entity declarations, no
 * XML_PARSE_HUGE; but neither the schema nor the story's encoding
 * rules.  Returns a tree for xmlFreeDoc, or NULL with the problems in
 * *d, the file called `name`. */
struct _xmlDoc	*load_parse_xml(const char *data, size_t len, const char *name,
		    struct diag *d);
/* The line of a node of such a tree, 0 when libxml2 does not know. */
unsigned long	 load_node_line(const struct _xmlNode *n);
/* The default story, built into the program. */
struct story	*load_default(struct diag *d);
/* The name the default story goes by in messages and listings. */
extern const char load_default_name[];
/* Frees libxml2's global state; call once at exit (for leak checkers). */
void		 load_cleanup(void);

#endif
