/* diag.c - problems found in a file, each as "FILE:LINE: message".
 *
 * Line 0 means the whole file (it cannot be opened, it is too large):
 * such a problem names no line, "FILE: message", as cc and grep do. */
#include "config.h"

#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"

void
diag_add(struct diag *d, const char *file, unsigned long line,
    const char *fmt, ...)
{
	struct buf raw = BUF_INIT, out = BUF_INIT;
	va_list ap;

	if (d->n >= DIAG_MAX) {
		if (d->dropped++ == 0) {
			buf_puts(&raw, file);
			if (line > 0)
				buf_printf(&raw, ":%lu", line);
			d->first_dropped = text_sanitize(raw.data);
			buf_free(&raw);
		}
		return;
	}
	buf_puts(&raw, file);
	if (line > 0)
		buf_printf(&raw, ":%lu", line);
	buf_puts(&raw, ": ");
	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	text_sanitize_into(&out, raw.data, raw.len);
	buf_free(&raw);
	/* Doubling, at each power of two: the capacity is implied by n
	 * (diag_truncate only ever leaves more room than that). */
	if ((d->n & (d->n - 1)) == 0)
		d->msgs = xreallocarray(d->msgs, d->n ? 2 * d->n : 1,
		    sizeof *d->msgs);
	d->msgs[d->n++] = buf_detach(&out);
}

void
diag_print(const struct diag *d, FILE *fp)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		fprintf(fp, "newslens: %s\n", d->msgs[i]);
	if (d->dropped > 0)
		fprintf(fp, "newslens: %s: %zu more problem%s from here on, "
		    "not shown\n", d->first_dropped, d->dropped,
		    d->dropped == 1 ? "" : "s");
}

void
diag_truncate(struct diag *d, size_t n, size_t dropped)
{
	while (d->n > n)
		free(d->msgs[--d->n]);
	if (dropped == 0) {
		free(d->first_dropped);
		d->first_dropped = NULL;
	}
	if (d->dropped > dropped)
		d->dropped = dropped;
}

void
diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	free(d->first_dropped);
	d->msgs = NULL;
	d->first_dropped = NULL;
	d->n = d->dropped = 0;
}
