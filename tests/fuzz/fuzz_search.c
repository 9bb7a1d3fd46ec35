/* fuzz_search.c - search folding on arbitrary bytes.
 *
 * The whole input is folded (text_fold, with its map) and searched for
 * in a fixed small story; when it holds a NUL byte, what comes before
 * is also searched for, as a needle, in what comes after, as a
 * one-paragraph story of its own.
 *
 * Checked: the map is monotonic and ends at the input's length; on
 * valid UTF-8 the fold agrees with utf8proc_map() (short inputs only:
 * utf8proc's reordering is quadratic); folding is idempotent; every
 * hit lies within its block, on cluster boundaries, in order, without
 * overlaps, and folds (as search folds it: text_fold_search) to the
 * folded needle; from each hit, search_next
 * finds the next and the previous one. */
#include "config.h"

#include <string.h>

#include <utf8proc.h>

#include "base/buf.h"
#include "base/diag.h"
#include "fuzz.h"
#include "format/load.h"
#include "model/search.h"
#include "model/story.h"
#include "base/text.h"

#define COMPARE_MAX 256

static const char fixed_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<story version=\"1\"><head><headline>Stra\xC3\x9F" "e</headline>"
    "</head><actors><actor id=\"a\" kind=\"person\"><name>A</name>"
    "</actor></actors><body>"
    "<p>Die <mention actor=\"a\">STRASSE</mention> in M\xC3\xBC" "nchen, "
    "die Stra\xC3\x9F" "e, caf\xC3\xA9 and cafe\xCC\x81, "
    "\xE1\x84\x80\xE1\x85\xA1 and \xEA\xB0\x80, \xEF\xAC\x81 fi, "
    "\xCE\xA3\xCE\x99\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3 "
    "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7 a\xCC\xA3\xCC\x81 "
    "&#x9B;2J \xE2\x80\xAE ss SS \xC3\x9F\xC3\x9F.</p>"
    "<related id=\"r\">\xC4\xB0stanbul I\xCC\x87 i \xC4\xB1 K\xE2\x84\xAA</related>"
    "<p>x</p></body></story>\n";

static struct story *fixed;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d = DIAG_INIT;

	(void)argc;
	(void)argv;
	fixed = load_memory(fixed_xml, sizeof fixed_xml - 1, "fixed.xml",
	    NULL, &d);
	if (fixed == NULL) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
	return 0;
}

static void
check_fold(const char *s, size_t len)
{
	size_t n, n2, *map, i;
	char *f, *f2;
	utf8proc_uint8_t *ref;
	utf8proc_ssize_t r;

	f = text_fold(s, len, &n, &map);
	FUZZ_CHECK(f != NULL && f[n] == '\0');
	FUZZ_CHECK(map[0] == 0 || n == 0);
	FUZZ_CHECK(map[n] == len);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(map[i] <= map[i + 1] && map[i] < len);
	if (len <= COMPARE_MAX) {
		r = utf8proc_map((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, &ref,
		    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
		if (r >= 0) {
			FUZZ_CHECK((size_t)r == n &&
			    memcmp(ref, f, n) == 0);
			free(ref);
		}
	}
	f2 = text_fold(f, n, &n2, NULL);
	FUZZ_CHECK(n2 == n && memcmp(f, f2, n) == 0);
	free(f2);
	free(f);
	free(map);
}

/* Whether pos is a cluster boundary of s[0..len). */
static bool
boundary(const char *s, size_t len, size_t pos)
{
	size_t p = 0, next;

	while (p < pos) {
		text_cluster(s, len, p, &next);
		p = next;
	}
	return p == pos;
}

static bool
same_hit(const struct search_hit *a, const struct search_hit *b)
{
	return a->block == b->block && a->start == b->start &&
	    a->end == b->end;
}

/* From hit i of n, search_next finds hit i + 1 and hit i - 1, round
 * the story, as n and N do in the reader. */
static void
check_next(const struct story *st, const char *fneedle, size_t fn,
    const struct search_hit *hits, size_t n, size_t i)
{
	const struct search_hit *h = &hits[i];
	struct search_hit next;
	bool wrapped;

	FUZZ_CHECK(search_next(st, fneedle, fn, h->block, h->start + 1,
	    true, &next, &wrapped));
	FUZZ_CHECK(same_hit(&next, &hits[(i + 1) % n]));
	FUZZ_CHECK(wrapped == (i + 1 == n));
	FUZZ_CHECK(search_next(st, fneedle, fn, h->block, h->start, false,
	    &next, &wrapped));
	FUZZ_CHECK(same_hit(&next, &hits[(i + n - 1) % n]));
	FUZZ_CHECK(wrapped == (i == 0));
}

static void
check_search(const struct story *st, const char *needle, size_t nlen)
{
	struct search_hit *hits, next;
	size_t n, i, fn, fh, at;
	char *fneedle, *fhit;
	bool wrapped, diacritics;

	n = search_story(st, needle, nlen, &hits);
	fneedle = search_fold(needle, nlen, &fn);
	diacritics = text_has_diacritic(fneedle, fn);
	for (i = 0; i < n; i++) {
		const struct search_hit *h = &hits[i];
		const struct block *b;

		FUZZ_CHECK(h->block < st->nblocks);
		b = &st->blocks[h->block];
		FUZZ_CHECK(h->start < h->end && h->end <= b->len);
		if (i > 0)
			FUZZ_CHECK(h->block > hits[i - 1].block ||
			    (h->block == hits[i - 1].block &&
			    h->start >= hits[i - 1].end));
		FUZZ_CHECK(boundary(b->text, b->len, h->start));
		FUZZ_CHECK(boundary(b->text, b->len, h->end));
		fhit = text_fold_search(b->text + h->start, h->end - h->start,
		    diacritics, &fh, NULL);
		FUZZ_CHECK(fh == fn && memcmp(fhit, fneedle, fn) == 0);
		free(fhit);
		at = search_hit_at(hits, n, h->block, h->start);
		FUZZ_CHECK(at == i);
		check_next(st, fneedle, fn, hits, n, i);
	}
	if (n == 0) {
		FUZZ_CHECK(search_hit_at(hits, n, 0, 0) == NONE);
		FUZZ_CHECK(!search_next(st, fneedle, fn, 0, 0, true, &next,
		    &wrapped));
	}
	free(fneedle);
	free(hits);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nul;
	struct block blk;
	struct story one;

	if (fixed == NULL)
		LLVMFuzzerInitialize(NULL, NULL);
	check_fold(s, size);
	check_search(fixed, s, size);
	nul = memchr(s, '\0', size);
	if (nul != NULL) {
		/* A story of one block, the text after the NUL, as the
		 * loader would leave it: sanitised. */
		struct buf text = BUF_INIT;

		text_sanitize_into(&text, nul + 1, size - (size_t)(nul - s) - 1);
		memset(&blk, 0, sizeof blk);
		memset(&one, 0, sizeof one);
		blk.kind = BLOCK_PARAGRAPH;
		blk.text = text.data ? text.data : (char *)"";
		blk.len = text.len;
		blk.related = NONE;
		one.blocks = &blk;
		one.nblocks = 1;
		check_search(&one, s, (size_t)(nul - s));
		check_fold(nul + 1, size - (size_t)(nul - s) - 1);
		buf_free(&text);
	}
	return 0;
}
