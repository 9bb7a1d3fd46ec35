/* pool.h - strings and small arrays packed end to end in large slabs,
 * freed all at once.
 *
 * A story keeps tens of thousands of short strings (ids, dates, the
 * text of every paragraph) and of short arrays (a claim's one or two
 * actors) for as long as it is open.  malloc gives each a header and
 * rounds it up to a multiple of 16 bytes, 32 at least: an id such as
 * "p1234" costs 32 bytes, a paragraph 8 to 23 more than its text.  A
 * pool packs them instead, and frees its slabs, never one string. */
#ifndef NEWSLENS_POOL_H
#define NEWSLENS_POOL_H

#include <stddef.h>

struct pool_slab;

struct pool {
	struct pool_slab *head;	/* the slab being filled, then the rest */
};

#define POOL_INIT { NULL }

/* A copy of the n bytes at s, NUL-terminated, owned by the pool. */
char	*pool_strndup(struct pool *, const char *s, size_t n);
/* Room for nmemb objects of the given size, aligned for size_t and
 * pointers (not zeroed), owned by the pool. */
void	*pool_array(struct pool *, size_t nmemb, size_t size);
/* Frees everything in the pool at once; it can be used again. */
void	 pool_free(struct pool *);

#endif
