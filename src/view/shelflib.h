/* shelflib.h - a shelf (view/shelf.h) on a library of src/library: its
 * rows, its log, and its answers to the shelf's questions (search,
 * "Read more" links, actors across stories). */
#ifndef NEWSLENS_SHELFLIB_H
#define NEWSLENS_SHELFLIB_H

#include "library/library.h"
#include "view/shelf.h"

/* Sets up sh as a library's list on lib, which must outlive it. */
void	shelflib_init(struct shelf *sh, struct library *lib,
	    const struct load_opts *load);

#endif
