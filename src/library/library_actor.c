/* library_actor.c - actors across stories (a first stand-in). */
#include "config.h"

#include "library/library_int.h"

#include <stdlib.h>

size_t
library_actor_stories(struct library *lib, size_t row, const struct story *st,
    size_t actor, struct library_place **out)
{
	(void)lib; (void)row; (void)st; (void)actor;
	*out = NULL;
	return 0;
}

size_t
library_actors(struct library *lib, const struct library_actor **out)
{
	(void)lib;
	*out = NULL;
	return 0;
}

size_t
library_actor_places(struct library *lib, size_t lactor,
    struct library_place **out)
{
	(void)lib; (void)lactor;
	*out = NULL;
	return 0;
}

void
lib_actors_free(struct library *lib)
{
	(void)lib;
}
