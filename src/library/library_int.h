/* library_int.h - what the library's files share: the library itself,
 * the scanner's file list, and the index's interface to the rest. */
#ifndef NEWSLENS_LIBRARY_INT_H
#define NEWSLENS_LIBRARY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/pool.h"
#include "library/library.h"

struct sqlite3;

/* A file the scanner found: what stat said, relative to the root. */
struct lib_file {
	char		*rel;		/* raw, in the library's pool */
	uint64_t	 size;
	int64_t		 mtime_ns;
	uint64_t	 ino;
};

/* What the library knows of a row beyond library_row. */
struct lib_extra {
	char		*rawrel;	/* rel as the file system has it */
	char		*fkey;		/* folded "headline\nsource", filter */
	char		*hkey;		/* library_title_key(headline) */
	int64_t		 id;		/* its id in the index, or 0 */
	bool		 dead;		/* dropped while opening */
};

struct lib_actorset;
struct lib_order;

struct library {
	struct pool		 pool;		/* every row's strings */
	struct library_opts	 opts;
	char			*dir;		/* as given, "" for a list */
	char			*root;		/* real path */
	struct library_row	*rows;
	struct lib_extra	*extra;
	size_t			 nrows;
	size_t			 cap;
	char			**log;
	size_t			 nlog;
	size_t			 logcap;
	bool			 stopped;
	bool			 listed;	/* a list of files, not a folder */
	struct sqlite3		*db;		/* on disk, or in memory */
	bool			 ondisk;	/* db is the index on disk */
	char			*dbpath;
	char			*dbtemp;	/* a first build, renamed into dbpath */
	struct lib_order	*orders[LIBRARY_NSORTS]; /* built on demand */
	size_t			*by_hkey;	/* rows sorted by hkey */
	struct lib_actorset	*actors;	/* library_actors, on demand */
};

/* Adds a line to the log, "NAME: message" (NAME sanitised). */
void	lib_log(struct library *, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Appends a row (strings copied into the pool, sanitised ones as
 * they are); returns its index. */
size_t	lib_add_row(struct library *, const struct library_row *,
	    const char *fkey, const char *hkey);
/* The folded key of a row's headline and source, for filtering;
 * caller-owned. */
char	*lib_filter_key(const char *headline, const char *source);
/* A 64-bit hash of data[0..len), to tell a changed file from a touched
 * one (not against an adversary: a changed file that hashes the same
 * only keeps its old row, in a cache). */
uint64_t lib_hash(const char *data, size_t len);

/* The scanner: every *.xml under the root, sorted by rel, in *files
 * (a caller-owned array, strings in the library's pool). */
size_t	lib_scan(struct library *, struct lib_file **files);

/* The index (library_index.c).  lib_index_open opens or rebuilds the
 * database for lib->root; false (with a log line) when there is none
 * to use.  lib_index_sync brings it up to date with files[] and fills
 * the library's rows from it. */
bool	lib_index_open(struct library *);
void	lib_index_sync(struct library *, const struct lib_file *files,
	    size_t n);
void	lib_index_close(struct library *);
/* Parses one file into a row; returns the story (caller-owned) or NULL
 * for a broken one, whose first message is in *err (caller-owned). */
struct story *lib_parse(struct library *, const char *path, uint64_t *hash,
	    char **err, uint64_t *size);
/* Adds the row of a parsed story (st NULL: broken, with err). */
size_t	lib_row_from(struct library *, const char *path, const char *rel,
	    const struct story *st, const char *err, uint64_t size,
	    int64_t mtime_ns);
/* The blobs a story leaves in the index (library_blob.c): its actors
 * and its texts (the headline as text 0, block b as text b + 1). */
struct buf;
void	lib_blob_actors(const struct story *, struct buf *out);
void	lib_blob_texts(const struct story *, struct buf *out);
/* The same texts folded as a search without diacritics folds them
 * (text_fold_search), one a line, but for the case of ASCII letters,
 * which the index's tokenizer lowers: what the FTS index holds. */
void	lib_blob_folded(const struct story *, struct buf *out);
/* Whether text_fold_search of s[0..len) is s with its ASCII letters
 * lowered: s is all ASCII, no carriage return in it. */
bool	lib_blob_plain_ascii(const char *s, size_t len);
struct lib_blob_actor {
	uint32_t	 kind, parent, mentions, total;
	uint32_t	 fblock, fstart, fend;	/* fblock UINT32_MAX: none */
	uint32_t	 naliases;
	const char	*id, *name, *same_as;	/* same_as "" for none */
	const char	*aliases;		/* naliases, NUL-ended */
};
/* The next actor of a blob; false at its end or where it is not what
 * lib_blob_actors writes. */
bool	lib_blob_actor_next(const char **p, const char *end,
	    struct lib_blob_actor *);
/* Text k of a texts blob; false when it has none such. */
bool	lib_blob_text(const char *blob, size_t len, size_t k,
	    const char **text, size_t *tlen);

/* The index's tokenizer (library_trigram.c), registered on a
 * connection before its FTS table is touched; false when it cannot be
 * (no FTS5).  lib_trigram_query makes the FTS5 query of a folded
 * needle of 3 bytes or more (caller-owned; NULL for a shorter one). */
bool	lib_trigram_register(struct sqlite3 *);
char	*lib_trigram_query(const char *key, size_t len);

/* Frees the sort orders (library_view.c). */
void	lib_view_orders_free(struct library *);
/* Frees what library_actors built (library_actor.c). */
void	lib_actors_free(struct library *);
/* Every file parsed into a row, in order (no database at all). */
void	lib_read_direct(struct library *, const struct lib_file *, size_t);
/* Drops the dead rows and, if rows were appended out of order, sorts
 * them by rel again. */
void	lib_rows_settle(struct library *, bool appended);
/* The path of a file under the root; caller-owned. */
char	*lib_join(const struct library *, const char *rel);

#endif
