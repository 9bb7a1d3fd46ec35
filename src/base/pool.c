/* pool.c - strings and small arrays packed end to end in large slabs,
 * freed all at once. */
#include "config.h"

#include "base/pool.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

/* Under AddressSanitizer, what no piece has been given stays poisoned,
 * and every piece is followed by a poisoned gap, so that running off
 * the end of one is caught as it would be with malloc. */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_ASAN 1
#endif
#endif
#ifdef POOL_ASAN
#include <sanitizer/asan_interface.h>
#define POOL_GAP 16
#else
#define POOL_GAP 0
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

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
pool_slab_new(size_t size)
{
	struct pool_slab *sl = xmalloc(sizeof *sl + size);

	sl->next = NULL;
	sl->used = 0;
	sl->size = size;
	ASAN_POISON_MEMORY_REGION(sl->data, size);
	return sl;
}

/* n bytes at a multiple of align (a power of two, at most 8: a slab's
 * data is 8-aligned, as malloc's block and the header are). */
static void *
pool_take(struct pool *p, size_t n, size_t align)
{
	struct pool_slab *sl = p->head;
	size_t pad = 0;

	if (n >= POOL_OWN) {
		/* Behind the slab being filled, which goes on filling. */
		sl = pool_slab_new(n);
		sl->used = n;
		ASAN_UNPOISON_MEMORY_REGION(sl->data, n);
		if (p->head != NULL) {
			sl->next = p->head->next;
			p->head->next = sl;
		} else
			p->head = sl;
		return sl->data;
	}
	if (sl != NULL)
		pad = -(uintptr_t)(sl->data + sl->used) & (align - 1);
	if (sl == NULL || sl->size - sl->used < pad + n + POOL_GAP) {
		sl = pool_slab_new(POOL_SLAB);
		sl->next = p->head;
		p->head = sl;
		pad = 0;
	}
	sl->used += pad + n + POOL_GAP;
	ASAN_UNPOISON_MEMORY_REGION(sl->data + sl->used - POOL_GAP - n, n);
	return sl->data + sl->used - POOL_GAP - n;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char *r = pool_take(p, n + 1, 1);

	if (n > 0)
		memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

void *
pool_array(struct pool *p, size_t nmemb, size_t size)
{
	/* xreallocarray reports an overflow, and exits. */
	if (size != 0 && nmemb > SIZE_MAX / size)
		return xreallocarray(NULL, nmemb, size);
	return pool_take(p, nmemb * size, sizeof(size_t));
}

void
pool_free(struct pool *p)
{
	struct pool_slab *sl, *next;

	for (sl = p->head; sl != NULL; sl = next) {
		next = sl->next;
		ASAN_UNPOISON_MEMORY_REGION(sl->data, sl->size);
		free(sl);
	}
	p->head = NULL;
}
