/* import.h - turning an article (plain text or NITF) into a story.
 *
 * The importer reads a plain-text article (an optional dateline line,
 * the headline, paragraphs, "Read more: …" lines) or an NITF 3.x
 * document, finds its actors, their mentions, the quotes and their
 * speakers and the claims, and writes the text of a version-1 story.
 * What it writes has been validated in-process with load_memory(): an
 * importer bug never leaves an invalid story behind.
 *
 * Part of the headless model library: no curses. */
#ifndef NEWSLENS_IMPORT_H
#define NEWSLENS_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "model/story.h"

/* What the input is: found from its content, or forced (--from). */
enum import_from {
	IMPORT_FROM_AUTO,
	IMPORT_FROM_TEXT,
	IMPORT_FROM_NITF,
	IMPORT_FROM_HTML,
	IMPORT_FROM_FEED
};

struct import_opts {
	/* A story whose actors (ids, names, aliases, kinds, member-of,
	 * notes) are the gazetteer; NULL for none. */
	const struct story	*gazetteer;
	enum import_from	 from;
};

/* The kind of input in data[0..len), by its content. */
enum import_from import_detect(const char *data, size_t len);

/* Imports the article in data[0..len), called `name` in messages.
 * Returns the story as caller-owned, NUL-terminated UTF-8 XML (its
 * length in *lenp when lenp is not NULL), or NULL when the article
 * cannot be imported.  Either way *d may hold warnings and notes
 * ("invalid UTF-8 …", "NITF <table> dropped …"); on failure it holds
 * at least one error. */
char	*import_memory(const char *data, size_t len, const char *name,
	    const struct import_opts *, size_t *lenp, struct diag *d);

/* The same for the regular file `path`, read with a size cap of max
 * bytes (as load_file reads a story). */
char	*import_file(const char *path, size_t max,
	    const struct import_opts *, size_t *lenp, struct diag *d);

/* One story of a feed. */
struct import_item {
	const char	*xml;		/* the story */
	size_t		 len;
	const char	*stem;		/* a file name for it, less ".xml":
					 * "2020-01-12-us-officials-to-hold" */
	const char	*url;		/* the item's address, or NULL */
};

/* Called for each story of a feed; false stops the import. */
typedef bool	(*import_item_fn)(void *arg, const struct import_item *);

/* Imports each item of the RSS or Atom feed in data[0..len) as a
 * story and gives it to fn.  An item that cannot be imported is a
 * warning in *d, and the others go on.  False (with an error in *d)
 * when the feed cannot be read, or fn said stop. */
bool	 import_feed_memory(const char *data, size_t len, const char *name,
	    const struct import_opts *, import_item_fn fn, void *arg,
	    struct diag *d);
bool	 import_feed_file(const char *path, size_t max,
	    const struct import_opts *, import_item_fn fn, void *arg,
	    struct diag *d);

/* A folder that stories are imported into (import_folder.c). */
struct import_folder;

/* Opens dir, and learns the source address of every story already in
 * it (*.xml), so that a story of the same address is updated rather
 * than added.  NULL (with the problem in *d) if dir is no folder. */
struct import_folder *import_folder_open(const char *dir, struct diag *d);
/* Writes the item into the folder: over the story of the same address
 * if there is one, else as STEM.xml, or STEM-2.xml… when a different
 * story has that name.  Returns the path written (caller-owned), or
 * NULL with the problem in *d. */
char	*import_folder_put(struct import_folder *,
	    const struct import_item *, struct diag *d);
void	 import_folder_close(struct import_folder *);

#endif
