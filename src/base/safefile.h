/* safefile.h - replacing a file without ever losing it, and telling
 * whether it changed since it was read.
 *
 * A replacement is written to a new temporary file in the target's own
 * folder (so that the rename cannot cross file systems), synced, then
 * renamed over the target, and the folder synced: at every moment the
 * target is either the old file whole or the new one whole.  When
 * anything fails the temporary file is removed and the target is left
 * as it was.  The importer's -o writes through it, and so will the
 * editor's save, which checks first with safefile_same that nobody
 * changed the file since it was loaded. */
#ifndef NEWSLENS_SAFEFILE_H
#define NEWSLENS_SAFEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* Replaces the file at path with data[0..len), or creates it.  A
 * symbolic link is followed: the file it names is replaced and the link
 * stays.  The new file gets the old one's mode (and owner, where
 * allowed), or 0666 less the umask.  Returns 0, or an errno value with
 * *msg set to a caller-owned message that says what failed ("cannot
 * create a temporary file in DIR: Permission denied"), without the
 * path itself, which the caller names. */
int	safefile_replace(const char *path, const char *data, size_t len,
	    char **msg);

/* What a file was when it was read. */
struct safefile_stamp {
	bool		exists;
	off_t		size;
	struct timespec	mtime;
	uint64_t	hash;	/* FNV-1a of the whole content */
};

/* Takes the stamp of the file at path (a missing file is a stamp too,
 * with exists false).  Returns 0, or an errno value when the file
 * cannot be read (or is not a regular file). */
int	safefile_stat(const char *path, struct safefile_stamp *stamp);

/* FNV-1a of p[0..n), going on from h (SAFEFILE_FNV_OFFSET to start):
 * the hash of a stamp. */
#define SAFEFILE_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t safefile_fnv1a(uint64_t h, const char *p, size_t n);

/* The stamp a file holding data[0..len) would have (no mtime): for
 * what exists only in memory, such as the built-in story. */
void	safefile_stamp_data(const char *data, size_t len,
	    struct safefile_stamp *stamp);

/* Whether the file at path still is what stamp says: there or not as
 * it was, of the same size and content.  The modification time alone
 * decides nothing (a touch changes no byte; a same-second edit may keep
 * it), so the content is hashed again whenever the size matches. */
bool	safefile_same(const char *path, const struct safefile_stamp *stamp);

#endif
