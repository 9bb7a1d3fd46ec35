/* library_link.c - "Read more" items to the stories they name.
 *
 * An item with an href names a file: it is resolved within the
 * library's root (base/safepath.h), so that no story can name a file
 * outside it, nor learn whether one exists.  An item without one names
 * a story by its title: the library's headlines are kept sorted by
 * their key (library_title_key), and a title is looked up in them. */
#include "config.h"

#include "library/library_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/safepath.h"
#include "base/text.h"
#include "base/xmalloc.h"

char *
library_title_key(const char *s)
{
	struct buf b = BUF_INIT;
	size_t len, i;
	char *f = text_fold_search(s, strlen(s), false, &len, NULL);
	bool space = false;

	/* text_fold_search has made typographic quotes and dashes ASCII;
	 * every ASCII character but a letter or a digit separates words,
	 * and every byte of a non-ASCII character is part of one. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)f[i];
		bool word = c >= 0x80 || (c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

		if (!word) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = false;
		buf_putc(&b, (char)c);
	}
	free(f);
	return buf_detach(&b);
}

struct hkey_item {
	const char	*key;
	size_t		 row;
};

static int
lib_link_hkey_cmp(const void *a, const void *b)
{
	const struct hkey_item *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->row > y->row) - (x->row < y->row);
}

static const size_t *
lib_link_by_hkey(struct library *lib)
{
	struct hkey_item *items;
	size_t i;

	if (lib->by_hkey != NULL)
		return lib->by_hkey;
	items = xcalloc(lib->nrows ? lib->nrows : 1, sizeof *items);
	for (i = 0; i < lib->nrows; i++) {
		items[i].key = lib->extra[i].hkey;
		items[i].row = i;
	}
	if (lib->nrows > 1)
		qsort(items, lib->nrows, sizeof *items, lib_link_hkey_cmp);
	lib->by_hkey = xcalloc(lib->nrows ? lib->nrows : 1, sizeof(size_t));
	for (i = 0; i < lib->nrows; i++)
		lib->by_hkey[i] = items[i].row;
	free(items);
	return lib->by_hkey;
}

size_t
library_find_headline(struct library *lib, const char *title)
{
	const size_t *by = lib_link_by_hkey(lib);
	char *key = library_title_key(title);
	size_t lo = 0, hi = lib->nrows, found = NONE;

	if (key[0] == '\0') {
		free(key);
		return NONE;
	}
	/* The first row with this key: the lowest in path order. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(lib->extra[by[mid]].hkey, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < lib->nrows && strcmp(lib->extra[by[lo]].hkey, key) == 0 &&
	    lib->rows[by[lo]].error == NULL)
		found = by[lo];
	free(key);
	return found;
}

static size_t
lib_link_href(struct library *lib, size_t row, const char *href)
{
	char *dir, *real, *out = NULL;
	size_t found = NONE;

	if ((real = realpath(lib->rows[row].path, NULL)) == NULL)
		return NONE;
	dir = safepath_folder(real);
	if (safepath_resolve(lib->root, dir, href, &out) ==
	    SAFEPATH_OK)
		found = library_find_path(lib, out);
	free(out);
	free(dir);
	free(real);
	return found;
}

size_t
library_related(struct library *lib, size_t row, const struct story *st,
    size_t related, enum library_link *how)
{
	const struct related *r;
	size_t found = NONE, len;
	const char *title;
	char *t;

	if (how != NULL)
		*how = LIBRARY_LINK_NONE;
	if (row >= lib->nrows || related >= st->nrelated)
		return NONE;
	r = &st->related[related];
	if (r->href != NULL) {
		found = lib_link_href(lib, row, story_raw(st, r->href));
		if (found != NONE && how != NULL)
			*how = LIBRARY_LINK_HREF;
		return found;
	}
	title = story_item_text(st, r->item, &len);
	t = xstrndup(title, len);
	found = library_find_headline(lib, t);
	free(t);
	if (found == row)
		found = NONE;
	if (found != NONE && how != NULL)
		*how = LIBRARY_LINK_TITLE;
	return found;
}
