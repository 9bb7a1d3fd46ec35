/* shingles.c - how close the text --import takes from a web page is to
 * the text it should take.
 *
 *   shingles DIR...
 *
 * Each DIR holds source.html (a saved page) and expected.html (the
 * article's text, as Mozilla Readability extracts it).  The page is
 * imported as `newslens --import` would; the text of the story's blocks
 * and the text of expected.html are cut into words (runs of letters and
 * digits, in small letters) and then into shingles of four words, and
 * the two multisets compared, as the article extraction benchmarks do:
 * precision is the share of the story's shingles that are expected,
 * recall the share of the expected ones that the story has.  The head
 * is compared with expected-metadata.json: the headline with its
 * title, the byline with its byline, each 1 when they are the same
 * (white space aside), 0 when not, - when it expects none.  Prints
 * "DIR P R F1 HEADLINE BYLINE" a line, then "mean P R F1 HEADLINE
 * BYLINE" over them all.
 *
 *   shingles --extracted OUT DIR...
 *
 * scores another extractor the same way: the text is that of
 * OUT/NAME.html and the head the title and byline of OUT/NAME.json,
 * NAME being DIR's name (bench/readability/extract.js writes them for
 * Readability.js), so that both are measured by the one method. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <json.h>
#include <libgen.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/diag.h"
#include "format/load.h"
#include "import/import.h"
#include "model/story.h"

#define N	4

struct words {
	uint64_t	*h;	/* one hash a word */
	size_t		 n, cap;
};

static void
words_push(struct words *w, uint64_t h)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->h = realloc(w->h, w->cap * sizeof *w->h);
		if (w->h == NULL)
			abort();
	}
	w->h[w->n++] = h;
}

/* Letters, marks and digits make words; a Chinese or Japanese
 * character is a word of its own. */
static void
words_add(struct words *w, const char *s, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	uint64_t h = 1469598103934665603ULL;
	size_t i = 0;
	bool in = false;

	while (i <= len) {
		int32_t cp = ' ';
		utf8proc_ssize_t k = 1;
		bool word, alone;

		if (i < len) {
			k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i),
			    &cp);
			if (k <= 0) {
				k = 1;
				cp = ' ';
			}
		}
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
		case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
		case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
		case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND:
		case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
			word = true;
			break;
		default:
			word = false;
		}
		alone = (cp >= 0x3040 && cp <= 0x30FF) ||
		    (cp >= 0x3400 && cp <= 0x9FFF) ||
		    (cp >= 0xF900 && cp <= 0xFAFF);
		if (in && (!word || alone)) {
			words_push(w, h);
			in = false;
			h = 1469598103934665603ULL;
		}
		if (word) {
			int32_t lc = utf8proc_tolower(cp);

			h = (h ^ (uint64_t)lc) * 1099511628211ULL;
			in = true;
			if (alone) {
				words_push(w, h);
				in = false;
				h = 1469598103934665603ULL;
			}
		}
		i += (size_t)k;
	}
}

static int
cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The shingles of the words, sorted; their number in *np. */
static uint64_t *
shingle(const struct words *w, size_t *np)
{
	size_t n = w->n >= N ? w->n - N + 1 : (w->n > 0 ? 1 : 0), i, k;
	uint64_t *s = calloc(n + 1, sizeof *s);

	if (s == NULL)
		abort();
	for (i = 0; i < n; i++) {
		uint64_t h = 0;

		for (k = i; k < i + N && k < w->n; k++)
			h = h * 31 + w->h[k];
		s[i] = h;
	}
	qsort(s, n, sizeof *s, cmp64);
	*np = n;
	return s;
}

static size_t
common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			c++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return c;
}

/* The words of the text of the HTML file at path. */
static bool
html_words(const char *path, struct words *w)
{
	htmlDocPtr doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	xmlChar *t;

	if (doc == NULL)
		return false;
	t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	if (t != NULL)
		words_add(w, (const char *)t, strlen((const char *)t));
	xmlFree(t);
	xmlFreeDoc(doc);
	return true;
}

/* 1 if the two are the same but for white space, 0 if not, -1 if
 * nothing is expected. */
static int
same(const char *want, const char *got)
{
	if (want == NULL)
		return -1;
	if (got == NULL)
		return 0;
	/* "By Jane Doe" is the byline "Jane Doe". */
	while (*want == ' ' || *want == '\n' || *want == '\t')
		want++;
	if (strncasecmp(want, "by", 2) == 0 && (want[2] == ' ' ||
	    want[2] == '\n' || want[2] == '\t'))
		want += 3;
	if (strncasecmp(got, "by ", 3) == 0)
		got += 3;
	for (;;) {
		while (*want == ' ' || *want == '\n' || *want == '\t')
			want++;
		while (*got == ' ' || *got == '\n' || *got == '\t')
			got++;
		if (*want == '\0' || *got == '\0')
			return *want == *got;
		if (*want++ != *got++)
			return 0;
	}
}

struct head {
	int	headline, byline;
};

/* The string of key in the JSON object o, or NULL. */
static const char *
json_str(json_object *o, const char *key)
{
	json_object *v;

	if (o != NULL && json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return NULL;
}

/* The headline and byline got against expected-metadata.json. */
static void
head_compare(const char *dir, const char *headline, const char *byline,
    struct head *h)
{
	struct buf path = BUF_INIT;
	json_object *o;

	buf_printf(&path, "%s/expected-metadata.json", dir);
	o = json_object_from_file(path.data);
	h->headline = same(json_str(o, "title"), headline);
	h->byline = same(json_str(o, "byline"), byline);
	json_object_put(o);
	buf_free(&path);
}

static bool
story_words(const char *dir, const char *path, struct words *w,
    struct head *h)
{
	struct diag d = DIAG_INIT;
	struct import_opts io = { NULL, IMPORT_FROM_HTML };
	struct story *st = NULL;
	size_t len, i;
	char *xml = import_file(path, 256u << 20, &io, &len, &d);

	if (xml != NULL)
		st = load_memory(xml, len, path, NULL, &d);
	head_compare(dir, st ? st->headline : NULL, st ? st->byline : NULL,
	    h);
	if (st == NULL) {
		diag_print(&d, stderr);
		diag_free(&d);
		free(xml);
		return false;
	}
	for (i = 0; i < st->nblocks; i++)
		words_add(w, st->blocks[i].text, st->blocks[i].len);
	story_free(st);
	diag_free(&d);
	free(xml);
	return true;
}

/* The words and head another extractor took from DIR, in OUT. */
static void
extracted_words(const char *out, const char *dir, struct words *w,
    struct head *h)
{
	struct buf d = BUF_INIT, path = BUF_INIT;
	json_object *o;
	const char *name;

	buf_printf(&d, "%s", dir);
	while (d.len > 1 && d.data[d.len - 1] == '/')
		buf_truncate(&d, d.len - 1);
	name = basename(d.data);
	buf_printf(&path, "%s/%s.json", out, name);
	o = json_object_from_file(path.data);
	head_compare(dir, json_str(o, "title"), json_str(o, "byline"), h);
	json_object_put(o);
	buf_truncate(&path, 0);
	buf_printf(&path, "%s/%s.html", out, name);
	/* An empty file is no article: no words. */
	(void)html_words(path.data, w);
	buf_free(&path);
	buf_free(&d);
}

static double
f1_of(const char *x, const char *y)
{
	struct words a = { 0 }, b = { 0 };
	uint64_t *sa, *sb;
	size_t na, nb, c;
	double p, r;

	words_add(&a, x, strlen(x));
	words_add(&b, y, strlen(y));
	sa = shingle(&a, &na);
	sb = shingle(&b, &nb);
	c = common(sa, na, sb, nb);
	free(sa);
	free(sb);
	free(a.h);
	free(b.h);
	p = na ? (double)c / na : 0;
	r = nb ? (double)c / nb : 0;
	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* With no DIR: the measure measured, as TAP. */
static int
self_test(void)
{
	double same = f1_of("One two, three FOUR five.", "one two three four "
	    "five"), none = f1_of("one two three four five", "six seven "
	    "eight nine ten"), half = f1_of("a b c d e f g", "a b c d x y z");
	double cjk = f1_of("\xE4\xB8\xAD\xE6\x96\x87\xE6\xB5\x8B"
	    "\xE8\xAF\x95\xE5\x90\xA7", "\xE4\xB8\xAD\xE6\x96\x87"
	    "\xE6\xB5\x8B\xE8\xAF\x95\xE5\x90\xA7");

	puts("1..4");
	printf("%s 1 - the same words, case and punctuation aside: F1 1\n",
	    same == 1 ? "ok" : "not ok");
	printf("%s 2 - no word in common: F1 0\n", none == 0 ? "ok" :
	    "not ok");
	printf("%s 3 - one shingle of four in common: F1 0.25\n",
	    half > 0.249 && half < 0.251 ? "ok" : "not ok");
	printf("%s 4 - Chinese characters are words of their own\n",
	    cjk == 1 ? "ok" : "not ok");
	return 0;
}

int
main(int argc, char **argv)
{
	double sp = 0, sr = 0, sf = 0;
	const char *out = NULL;
	int i = 1, n = 0, hl[2] = { 0, 0 }, by[2] = { 0, 0 };
	static const char *const mark[] = { "-", "0", "1" };

	if (argc == 1)
		return self_test();
	if (strcmp(argv[1], "--extracted") == 0) {
		if (argc < 3) {
			fputs("usage: shingles [--extracted OUT] DIR...\n",
			    stderr);
			return 2;
		}
		out = argv[2];
		i = 3;
	}

	for (; i < argc; i++) {
		struct words a = { 0 }, b = { 0 };
		struct head h;
		struct buf src = BUF_INIT, exp = BUF_INIT;
		uint64_t *sa, *sb;
		size_t na = 0, nb = 0, c;
		double p, r, f;

		buf_printf(&src, "%s/source.html", argv[i]);
		buf_printf(&exp, "%s/expected.html", argv[i]);
		if (!html_words(exp.data, &b))
			return 1;
		if (out != NULL)
			extracted_words(out, argv[i], &a, &h);
		else if (!story_words(argv[i], src.data, &a, &h))
			a.n = 0;
		sa = shingle(&a, &na);
		sb = shingle(&b, &nb);
		c = common(sa, na, sb, nb);
		p = na > 0 ? (double)c / (double)na : (nb == 0);
		r = nb > 0 ? (double)c / (double)nb : 1;
		f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		printf("%s %.3f %.3f %.3f %s %s\n", argv[i], p, r, f,
		    mark[h.headline + 1], mark[h.byline + 1]);
		if (h.headline >= 0) {
			hl[0] += h.headline;
			hl[1]++;
		}
		if (h.byline >= 0) {
			by[0] += h.byline;
			by[1]++;
		}
		sp += p;
		sr += r;
		sf += f;
		n++;
		free(sa);
		free(sb);
		free(a.h);
		free(b.h);
		buf_free(&src);
		buf_free(&exp);
	}
	if (n > 0)
		printf("mean %.3f %.3f %.3f %.3f %.3f\n", sp / n, sr / n,
		    sf / n, hl[1] ? (double)hl[0] / hl[1] : 1,
		    by[1] ? (double)by[0] / by[1] : 1);
	return 0;
}
