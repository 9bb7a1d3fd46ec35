/* library_search.c - search across a library (a first stand-in). */
#include "config.h"

#include "library/library_int.h"

#include <stdlib.h>

#include "base/xmalloc.h"

struct library_search {
	struct library_hit	*hits;
	size_t			 n;
};

struct library_search *
library_search(struct library *lib, const char *needle, size_t len)
{
	(void)lib; (void)needle; (void)len;
	return xcalloc(1, sizeof(struct library_search));
}

void
library_search_free(struct library_search *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->hits[i].context);
	free(s->hits);
	free(s);
}

size_t
library_search_count(const struct library_search *s)
{
	return s->n;
}

const struct library_hit *
library_search_hit(const struct library_search *s, size_t i)
{
	return i < s->n ? &s->hits[i] : NULL;
}

size_t
library_search_step(const struct library_search *s, size_t from,
    bool forward)
{
	if (s->n == 0)
		return NONE;
	if (from == NONE || from >= s->n)
		return forward ? 0 : s->n - 1;
	if (forward)
		return from + 1 < s->n ? from + 1 : 0;
	return from > 0 ? from - 1 : s->n - 1;
}
