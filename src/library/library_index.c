/* library_index.c - the SQLite index of a library (a first stand-in:
 * no index yet, every file read directly). */
#include "config.h"

#include "library/library_int.h"

bool
lib_index_open(struct library *lib)
{
	(void)lib;
	return false;
}

void
lib_index_sync(struct library *lib, const struct lib_file *files, size_t n)
{
	(void)lib;
	(void)files;
	(void)n;
}

void
lib_index_close(struct library *lib)
{
	(void)lib;
}
