/* listkeys.c - the CPU time of a key press in the library's list,
 * headless: what the list screen asks of library/library.h for each
 * key (bench/library.sh).
 *
 *   listkeys DIR ROUNDS
 *
 * opens the library (its index warm), then for ROUNDS rounds does what
 * j, a page down, s (the next order), and f with two letters typed and
 * erased cost the screen: the rows of a 40-line screen fetched after
 * each.  Prints the CPU microseconds a key press. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "library/library.h"

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The rows a screen of 40 lines shows from top. */
static size_t
screen(struct library_view *v, size_t top)
{
	size_t i, sum = 0;

	for (i = 0; i < 40; i++)
		sum += library_view_row(v, top + i);
	return sum;
}

int
main(int argc, char **argv)
{
	struct library_opts o;
	struct diag d = DIAG_INIT;
	struct library *lib;
	struct library_view *v;
	size_t rounds, r, keys = 0, sink = 0, top = 0;
	double t0;

	if (argc != 3 || (rounds = strtoul(argv[2], NULL, 10)) == 0)
		return fprintf(stderr, "usage: listkeys DIR ROUNDS\n"), 2;
	library_opts_init(&o);
	if ((lib = library_open_dir(argv[1], &o, &d)) == NULL)
		return diag_print(&d, stderr), 1;
	v = library_view_new(lib);
	/* Every order built once, as the screen's first s builds it. */
	for (r = 0; r < LIBRARY_NSORTS; r++) {
		library_view_sort(v, (enum library_sort)r);
		sink += screen(v, 0);
	}
	t0 = cpu_ms();
	for (r = 0; r < rounds; r++) {
		top = (top + 1) % 50;			/* j */
		sink += screen(v, top), keys++;
		sink += screen(v, top + 40), keys++;	/* Space */
		library_view_sort(v, (enum library_sort)(r % LIBRARY_NSORTS));
		sink += screen(v, 0), keys++;		/* s */
		library_view_filter(v, "s", 1);		/* f, then "st" */
		sink += screen(v, 0), keys++;
		library_view_filter(v, "st", 2);
		sink += screen(v, 0), keys++;
		library_view_filter(v, "", 0);		/* erased */
		sink += screen(v, 0), keys++;
	}
	printf("%.2f\n", (cpu_ms() - t0) * 1e3 / (double)keys);
	library_view_free(v);
	library_free(lib);
	return sink == 42 ? 3 : 0;
}
