/* stories.c - --list stories and --search over a library.
 *
 * Both open the library as the reader does, index and all, and write
 * only what the library hands out: every string sanitised already, and
 * the model's text collapsed to single spaces, so that no field holds a
 * tab or a newline. */
#include "config.h"

#include "cli/stories.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"

/* Opens the library and says on standard error what it had to say. */
static struct library *
stories_open(const char *dir, const struct stories_opts *o)
{
	struct diag d = DIAG_INIT;
	struct library *lib = library_open_dir(dir, &o->lib, &d);
	size_t i;

	diag_print(&d, stderr);
	diag_free(&d);
	if (lib == NULL)
		return NULL;
	for (i = 0; i < library_log_count(lib); i++)
		fprintf(stderr, "newslens: %s\n", library_log_line(lib, i));
	return lib;
}

static bool
stories_flush(struct buf *out)
{
	bool ok = out->len == 0 ||
	    fwrite(out->data, 1, out->len, stdout) == out->len;

	buf_truncate(out, 0);
	return ok;
}

static int
stories_done(struct buf *out, int status)
{
	if (!stories_flush(out) || fflush(stdout) != 0) {
		fprintf(stderr, "newslens: write error: %s\n", strerror(errno));
		status = 1;
	}
	buf_free(out);
	return status;
}

int
stories_list(const char *dir, const struct stories_opts *o)
{
	struct library *lib = stories_open(dir, o);
	struct library_view *v;
	struct buf out = BUF_INIT;
	size_t pos, row, shown = 0;

	if (lib == NULL)
		return 1;
	v = library_view_new(lib);
	buf_puts(&out, "path\twhen\theadline\tsource\tactors\tclaims\tquotes\n");
	/* The broken stories first, in path order: the rows need only be
	 * sorted as far as they are shown (--limit 40 is the list's first
	 * screen, which sorts forty of 10,000). */
	for (row = 0; row < library_count(lib); row++)
		if (library_row(lib, row)->error != NULL)
			fprintf(stderr, "newslens: %s\n",
			    library_row(lib, row)->error);
	for (pos = 0; (o->limit == 0 || shown < o->limit) &&
	    (row = library_view_row(v, pos)) != NONE; pos++) {
		const struct library_row *r = library_row(lib, row);

		if (r->error != NULL)
			continue;
		shown++;
		buf_printf(&out, "%s\t%s\t%s\t%s\t%zu\t%zu\t%zu\n", r->shown,
		    r->when ? r->when : "", r->headline,
		    r->source ? r->source : "", r->nactors, r->nclaims,
		    r->nquotes);
		if (out.len > 65536 && !stories_flush(&out))
			break;
	}
	library_view_free(v);
	library_free(lib);
	return stories_done(&out, 0);
}

int
stories_search(const char *text, const char *dir,
    const struct stories_opts *o)
{
	struct library *lib = stories_open(dir, o);
	struct library_search *s;
	struct buf out = BUF_INIT;
	size_t i, n;

	if (lib == NULL)
		return 1;
	s = library_search(lib, text, strlen(text));
	n = library_search_count(s);
	for (i = 0; i < n; i++) {
		const struct library_hit *h = library_search_hit(s, i);

		buf_printf(&out, "%s:%zu: %s\n", library_row(lib, h->row)->shown,
		    h->block == NONE ? (size_t)0 : h->block + 1, h->context);
		if (out.len > 65536 && !stories_flush(&out))
			break;
	}
	library_search_free(s);
	library_free(lib);
	return stories_done(&out, n > 0 ? 0 : 1);
}
