/* export.c - the story as one text with code-point spans, and
 * --export (export.h). */
#include "config.h"

#include "cli/export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/safefile.h"
#include "base/text.h"
#include "base/xmalloc.h"

/* An offset to convert: byte `at` of the text, stored in *to. */
struct cp_ref {
	size_t	 at;
	size_t	*to;
};

static int
export_cp_ref_cmp(const void *a, const void *b)
{
	const struct cp_ref *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

void
export_doc_build(const struct story *st, struct export_doc *d)
{
	size_t *base = xcalloc(st->nblocks + 1, sizeof *base);
	struct cp_ref *refs;
	size_t i, n = st->nitems, pos = 0, cp = 0;

	memset(d, 0, sizeof *d);
	buf_puts(&d->text, st->headline);
	for (i = 0; i < st->nblocks; i++) {
		buf_puts(&d->text, "\n\n");
		base[i] = d->text.len;
		buf_append(&d->text, st->blocks[i].text, st->blocks[i].len);
	}
	buf_putc(&d->text, '\n');
	d->byte_start = xcalloc(n + 1, sizeof *d->byte_start);
	d->byte_end = xcalloc(n + 1, sizeof *d->byte_end);
	d->cp_start = xcalloc(n + 1, sizeof *d->cp_start);
	d->cp_end = xcalloc(n + 1, sizeof *d->cp_end);
	refs = xcalloc(2 * n + 1, sizeof *refs);
	for (i = 0; i < n; i++) {
		d->byte_start[i] = base[st->items[i].block] + st->items[i].start;
		d->byte_end[i] = base[st->items[i].block] + st->items[i].end;
		refs[2 * i].at = d->byte_start[i];
		refs[2 * i].to = &d->cp_start[i];
		refs[2 * i + 1].at = d->byte_end[i];
		refs[2 * i + 1].to = &d->cp_end[i];
	}
	/* One walk of the text, whatever the number of items: a code point
	 * is a byte that does not continue a UTF-8 sequence. */
	if (n > 0)
		qsort(refs, 2 * n, sizeof *refs, export_cp_ref_cmp);
	for (i = 0; i < 2 * n; i++) {
		for (; pos < refs[i].at; pos++)
			if (((unsigned char)d->text.data[pos] & 0xC0) != 0x80)
				cp++;
		*refs[i].to = cp;
	}
	free(refs);
	free(base);
}

void
export_doc_free(struct export_doc *d)
{
	buf_free(&d->text);
	free(d->byte_start);
	free(d->byte_end);
	free(d->cp_start);
	free(d->cp_end);
	memset(d, 0, sizeof *d);
}

bool
export_format_valid(const char *format)
{
	return strcmp(format, "brat") == 0 || strcmp(format, "w3c") == 0;
}

static bool
export_save(const char *path, const struct buf *b)
{
	char *msg = NULL;
	struct diag d = DIAG_INIT;

	if (safefile_replace(path, b->data ? b->data : "", b->len, &msg) == 0)
		return true;
	diag_add(&d, path, 0, "cannot write: %s", msg);
	diag_print(&d, stderr);
	diag_free(&d);
	free(msg);
	return false;
}

/* OUT.txt, OUT.ann and annotation.conf beside them. */
static int
export_write_brat(const struct story *st, const struct export_doc *d,
    const char *file, const char *out)
{
	struct buf txt = BUF_INIT, ann = BUF_INIT, conf = BUF_INIT;
	struct buf name = BUF_INIT;
	const char *slash;
	size_t n;
	bool ok;

	if (out == NULL && strcmp(file, "-") == 0) {
		fprintf(stderr, "newslens: --export brat of standard input "
		    "needs -o OUT\n");
		return 1;
	}
	export_brat(st, d, &txt, &ann, &conf);
	if (out == NULL) {
		n = strlen(file);
		buf_append(&name, file, n > 4 && strcmp(file + n - 4, ".xml") ==
		    0 ? n - 4 : n);
	} else
		buf_puts(&name, out);
	n = name.len;
	buf_puts(&name, ".txt");
	ok = export_save(name.data, &txt);
	buf_truncate(&name, n);
	buf_puts(&name, ".ann");
	ok = ok && export_save(name.data, &ann);
	buf_truncate(&name, n);
	slash = strrchr(name.data, '/');
	buf_truncate(&name, slash ? (size_t)(slash - name.data) + 1 : 0);
	buf_puts(&name, "annotation.conf");
	ok = ok && export_save(name.data, &conf);
	buf_free(&txt);
	buf_free(&ann);
	buf_free(&conf);
	buf_free(&name);
	return ok ? 0 : 1;
}

static int
export_write_w3c(const struct story *st, const struct export_doc *d,
    const char *file, const char *out)
{
	struct buf json = BUF_INIT;
	int status = 0;

	export_w3c(st, d, file, &json);
	if (out != NULL && strcmp(out, "-") != 0)
		status = export_save(out, &json) ? 0 : 1;
	else if (fwrite(json.data, 1, json.len, stdout) != json.len ||
	    fflush(stdout) != 0) {
		fprintf(stderr, "newslens: write error: %s\n", strerror(errno));
		status = 1;
	}
	buf_free(&json);
	return status;
}

int
export_file(const char *format, const char *file, const char *out,
    const struct load_opts *lo)
{
	struct diag dg = DIAG_INIT;
	struct export_doc d;
	struct story *st = load_file(file, lo, &dg);
	int status;

	diag_print(&dg, stderr);
	diag_free(&dg);
	if (st == NULL)
		return 1;
	export_doc_build(st, &d);
	status = strcmp(format, "brat") == 0 ? export_write_brat(st, &d, file,
	    out) :
	    export_write_w3c(st, &d, file, out);
	export_doc_free(&d);
	story_free(st);
	return status;
}
