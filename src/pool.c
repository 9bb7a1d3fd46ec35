/* pool.c - strings packed end to end in large slabs, freed all at once. */
#include "config.h"

#include "pool.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* Big enough that malloc's overhead on a slab is nothing, small enough
 * that a tiny story does not pay for much more than it uses. */
#define POOL_SLAB 32768
/* A longer string gets a slab of its own, so that no more than this
 * is ever left unused at the end of a slab. */
#define POOL_OWN (POOL_SLAB / 16)

struct pool_slab {
	struct pool_slab *next;
	size_t		  used;
	size_t		  size;
	char		  data[];
};

static struct pool_slab *
slab_new(size_t size)
{
	struct pool_slab *sl = xmalloc(sizeof *sl + size);

	sl->next = NULL;
	sl->used = 0;
	sl->size = size;
	return sl;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	struct pool_slab *sl = p->head;
	char *r;

	if (n >= POOL_OWN) {
		/* Behind the slab being filled, which goes on filling. */
		sl = slab_new(n + 1);
		sl->used = n + 1;
		if (p->head != NULL) {
			sl->next = p->head->next;
			p->head->next = sl;
		} else
			p->head = sl;
		r = sl->data;
	} else {
		if (sl == NULL || sl->size - sl->used < n + 1) {
			sl = slab_new(POOL_SLAB);
			sl->next = p->head;
			p->head = sl;
		}
		r = sl->data + sl->used;
		sl->used += n + 1;
	}
	if (n > 0)
		memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

void
pool_free(struct pool *p)
{
	struct pool_slab *sl, *next;

	for (sl = p->head; sl != NULL; sl = next) {
		next = sl->next;
		free(sl);
	}
	p->head = NULL;
}
