/* xmalloc.h - allocation that never returns NULL.
 *
 * newslens has no sensible way to go on without memory, so every
 * allocation goes through these wrappers, which print one message,
 * "newslens: out of memory", and exit with status 1 on failure; first
 * they call the hook given to xmalloc_on_fatal, if any, so that the
 * reader leaves the terminal as it found it and the message shows. */
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
/* Sets (or, with NULL, clears) the function called before dying of a
 * failed allocation.  It must not allocate through these wrappers. */
void  xmalloc_on_fatal(void (*hook)(void));

#endif
