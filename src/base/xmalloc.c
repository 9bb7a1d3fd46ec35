/* xmalloc.c - allocation that never returns NULL. */
#include "config.h"

#include "base/xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What must be undone before dying: the terminal reader's curses
 * screen.  Set only by the layer that owns the terminal (tui), around
 * the time it drives it. */
static void (*xmalloc_fatal_hook)(void);

void
xmalloc_on_fatal(void (*hook)(void))
{
	xmalloc_fatal_hook = hook;
}

static void
xmalloc_fail(size_t nmemb, size_t size)
{
	void (*hook)(void) = xmalloc_fatal_hook;

	(void)nmemb;
	(void)size;
	/* Once: a hook that itself runs out of memory dies plainly. */
	xmalloc_fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fputs("newslens: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		xmalloc_fail(1, size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		xmalloc_fail(nmemb, size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		xmalloc_fail(nmemb, size);
	p = realloc(ptr, nmemb != 0 && size != 0 ? nmemb * size : 1);
	if (p == NULL)
		xmalloc_fail(nmemb, size);
	return p;
}

void *
xgrow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	/* Doubling, up to a megabyte; then by an eighth.  A story's
	 * largest arrays (blocks, items) are most of its memory, and a
	 * limit on address space counts what they hold in reserve; malloc
	 * maps arrays that large, and grows them by remapping their pages,
	 * not by copying them. */
	if (*cap == 0)
		*cap = 16;
	else if (*cap * size < ((size_t)1 << 20))
		*cap *= 2;
	else
		*cap += *cap / 8;
	return xreallocarray(p, *cap, size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
