/* xmalloc.h - allocation that never returns NULL.
 *
 * newslens has no sensible way to go on without memory, so every
 * allocation goes through these wrappers, which print one message and
 * exit with status 1 on failure. */
#ifndef NEWSLENS_XMALLOC_H
#define NEWSLENS_XMALLOC_H

#include <stddef.h>

/* Each returns memory owned by the caller, to be released with free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
/* Grows the array p, of *cap elements of `size` bytes, so that it can
 * hold element n (doubling); returns it, maybe moved. */
void *xgrow(void *p, size_t n, size_t *cap, size_t size);
char *xstrndup(const char *s, size_t n);

#endif
