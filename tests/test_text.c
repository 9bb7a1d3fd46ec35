/* test_text.c - tests for the text module (UTF-8, width, wrapping, folding). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <criterion/criterion.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"

#define S(lit)	(lit), (sizeof(lit) - 1)

/* Sanitises s[0..len) into a fresh string; returns it, owned by the
 * caller, with its length in *outlen. */
static char *
san(const char *s, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;

	text_sanitize_into(&b, s, len);
	*outlen = b.len;
	return buf_detach(&b);
}

static void
check_san(const char *in, size_t inlen, const char *want)
{
	size_t n;
	char *got = san(in, inlen, &n);

	cr_assert_eq(n, strlen(want), "length %zu, want %zu for \"%s\"", n,
	    strlen(want), want);
	cr_assert(memcmp(got, want, n) == 0, "got \"%s\", want \"%s\"", got,
	    want);
	cr_assert_not(text_is_safe(in, inlen));
	cr_assert(text_is_safe(got, n), "output not safe: \"%s\"", got);
	free(got);
}

static void
check_unchanged(const char *in, size_t inlen)
{
	size_t n;
	char *got = san(in, inlen, &n);

	cr_assert(text_is_safe(in, inlen), "\"%s\" should be safe", in);
	cr_assert_eq(n, inlen);
	cr_assert(memcmp(got, in, n) == 0, "\"%s\" changed to \"%s\"", in,
	    got);
	free(got);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "x" followed by n combining acute accents: one cluster. */
static char *
many_marks(size_t n, size_t *len)
{
	char *s = xmalloc(1 + 2 * n + 1);
	size_t i;

	s[0] = 'x';
	for (i = 0; i < n; i++)
		memcpy(s + 1 + 2 * i, "\xCC\x81", 2);
	*len = 1 + 2 * n;
	s[*len] = '\0';
	return s;
}

/* Pieces for random texts: spaces, dashes, glue, marks, emoji parts,
 * Hangul jamo, Indic conjuncts, controls and (last) invalid bytes. */
static const char *pieces[] = {
	"a", "Z", "w", " ", "  ", "-", "\xE2\x80\x94", "\xC2\xA0", "\xC3\xA9",
	"e\xCC\x81", "\xCC\x81", "\xCC\xA3", "\xE4\xB8\x96",
	"\xF0\x9F\x98\x80", "\xE2\x9D\xA4", "\xEF\xB8\x8F", "\xE2\x80\x8D",
	"\xF0\x9F\x87\xBA", "\xF0\x9F\x87\xB8", "\r", "\n", "1",
	"\xE2\x83\xA3", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8",
	"\xC3\x9F", "\xE1\xBA\x9E", "\xC4\xB0", "\xE0\xA4\x95",
	"\xE0\xA5\x8D", "\xE0\xA4\xB7", "\xE2\x80\x8B", "\x1b",
	"\xF0\x9F\x8F\xBD", "\xCD\x85",
	/* invalid from here on */
	"\xFF", "\xE2\x82", "\xC0\x80", "\xED\xA0\x80",
};
#define NPIECES		(sizeof(pieces) / sizeof(pieces[0]))
#define NVALID		(NPIECES - 4)

/* Fills b with n random pieces chosen among the first npieces. */
static void
random_text(struct buf *b, unsigned int *seed, size_t n, size_t npieces)
{
	size_t i;

	b->len = 0;
	buf_puts(b, "");
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		buf_puts(b, pieces[(*seed >> 16) % npieces]);
	}
}

/*
 * Sanitising.
 */

Test(sanitize, c0_controls_become_pictures)
{
	check_san(S("a\x1b[31mb"), "a\xE2\x90\x9B[31mb");	/* ␛ */
	check_san(S("\a"), "\xE2\x90\x87");			/* ␇ */
	check_san(S("a\0b"), "a\xE2\x90\x80" "b");		/* ␀ */
	check_san(S("\x7f"), "\xE2\x90\xA1");			/* ␡ */
	check_san(S("x\ty\n"), "x\xE2\x90\x89y\xE2\x90\x8A");
	check_san(S("\x1f"), "\xE2\x90\x9F");
}

Test(sanitize, c1_controls_become_hex)
{
	check_san(S("a\xC2\x85" "b"), "a<U+0085>b");
	check_san(S("\xC2\x9B" "2J"), "<U+009B>2J");
	check_san(S("\xC2\x80\xC2\x9F"), "<U+0080><U+009F>");
}

Test(sanitize, bidi_and_separators_become_hex)
{
	check_san(S("abc\xE2\x80\xAE" "def"), "abc<U+202E>def");
	check_san(S("\xE2\x81\xA6" "x"), "<U+2066>x");
	check_san(S("\xE2\x81\xA9"), "<U+2069>");
	check_san(S("\xD8\x9C"), "<U+061C>");
	check_san(S("\xE2\x80\x8E\xE2\x80\x8F"), "<U+200E><U+200F>");
	check_san(S("\xE2\x80\xAA"), "<U+202A>");
	check_san(S("a\xE2\x80\xA8" "b"), "a<U+2028>b");
	check_san(S("\xE2\x80\xA9"), "<U+2029>");
}

Test(sanitize, noncharacters_and_language_tag)
{
	check_san(S("\xEF\xB7\x90"), "<U+FDD0>");
	check_san(S("\xEF\xB7\xAF"), "<U+FDEF>");
	check_san(S("\xEF\xBF\xBE"), "<U+FFFE>");
	check_san(S("\xEF\xBF\xBF"), "<U+FFFF>");
	check_san(S("\xF0\x9F\xBF\xBE"), "<U+1FFFE>");
	check_san(S("\xF4\x8F\xBF\xBF"), "<U+10FFFF>");
	check_san(S("\xF3\xA0\x80\x81"), "<U+E0001>");
}

Test(sanitize, invalid_utf8_becomes_replacement)
{
	/* lone continuation */
	check_san(S("a\x80" "b"), "a\xEF\xBF\xBD" "b");
	/* overlong NUL: C0 can never start a sequence, 80 is alone */
	check_san(S("\xC0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");
	/* overlong three-byte form */
	check_san(S("\xE0\x80\xAF"),
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* surrogate U+D800 */
	check_san(S("\xED\xA0\x80"),
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* truncated euro sign: one maximal subpart, one U+FFFD */
	check_san(S("\xE2\x82"), "\xEF\xBF\xBD");
	check_san(S("\xE2\x82z"), "\xEF\xBF\xBDz");
	check_san(S("\xF0\x9F\x98"), "\xEF\xBF\xBD");
	/* above U+10FFFF */
	check_san(S("\xF4\x90\x80\x80"),
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_san(S("\xF5"), "\xEF\xBF\xBD");
	check_san(S("\xF8\x88\x80\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD"
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_san(S("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

Test(sanitize, safe_text_unchanged)
{
	check_unchanged(S(""));
	check_unchanged(S("Plain ASCII, with punctuation! ~"));
	check_unchanged(S("Caf\xC3\xA9 na\xC3\xAFve \xE4\xB8\x96\xE7\x95\x8C"));
	/* combining marks */
	check_unchanged(S("e\xCC\x81\xCC\x80\xCC\xA3"));
	/* family: man ZWJ woman ZWJ girl */
	check_unchanged(S("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"
	    "\xE2\x80\x8D\xF0\x9F\x91\xA7"));
	/* ZWNJ */
	check_unchanged(S("\xD9\x85\xE2\x80\x8C\xD9\x8A"));
	/* flag of Scotland: black flag + tag characters + cancel tag */
	check_unchanged(S("\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2"
	    "\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF"));
	/* U.S. flag, NBSP, U+FFFD itself, U+10FFFD (private use) */
	check_unchanged(S("\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8\xC2\xA0"
	    "\xEF\xBF\xBD\xF4\x8F\xBF\xBD"));
}

Test(sanitize, c_string_copy)
{
	char *s = text_sanitize("bell\a and \xE2\x80\xAE");

	cr_assert_str_eq(s, "bell\xE2\x90\x87 and <U+202E>");
	free(s);
	s = text_sanitize("");
	cr_assert_str_eq(s, "");
	free(s);
}

Test(sanitize, appends_to_existing_buffer)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "pre:");
	text_sanitize_into(&b, S("\x1b"));
	cr_assert_str_eq(b.data, "pre:\xE2\x90\x9B");
	buf_free(&b);
}

Test(sanitize, random_bytes_always_come_out_safe)
{
	unsigned int seed = 12345;
	char in[64];
	size_t i, k, n;
	char *out;

	for (k = 0; k < 2000; k++) {
		for (i = 0; i < sizeof(in); i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		out = san(in, sizeof(in), &n);
		cr_assert(text_is_safe(out, n));
		free(out);
	}
}

/*
 * Widths and clusters.
 */

Test(width, ascii)
{
	cr_assert_eq(text_width(S("hello, world")), 12);
	cr_assert_eq(text_width(S("")), 0);
}

Test(width, cjk_is_two)
{
	size_t next;

	cr_assert_eq(text_cluster(S("\xE4\xB8\x96\xE7\x95\x8C"), 0, &next), 2);
	cr_assert_eq(next, 3);
	cr_assert_eq(text_width(S("\xE4\xB8\x96\xE7\x95\x8C")), 4);
	/* Hangul jamo L + V form one two-column syllable */
	cr_assert_eq(text_cluster(S("\xE1\x84\x80\xE1\x85\xA1"), 0, &next), 2);
	cr_assert_eq(next, 6);
}

Test(width, emoji)
{
	size_t next;

	cr_assert_eq(text_width(S("\xF0\x9F\x98\x80")), 2);
	/* heart alone is text style; with U+FE0F it becomes an emoji */
	cr_assert_eq(text_width(S("\xE2\x9D\xA4")), 1);
	cr_assert_eq(text_cluster(S("\xE2\x9D\xA4\xEF\xB8\x8F"), 0, &next), 2);
	cr_assert_eq(next, 6);
	/* keycap one: 1 FE0F 20E3 */
	cr_assert_eq(text_width(S("1\xEF\xB8\x8F\xE2\x83\xA3")), 2);
	/* family ZWJ sequence: one cluster, two columns */
	cr_assert_eq(text_cluster(S("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91"
	    "\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"), 0, &next), 2);
	cr_assert_eq(next, 18);
	/* thumbs up + skin tone */
	cr_assert_eq(text_width(S("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD")), 2);
	/* rainbow flag: white flag FE0F ZWJ rainbow */
	cr_assert_eq(text_width(S("\xF0\x9F\x8F\xB3\xEF\xB8\x8F\xE2\x80\x8D"
	    "\xF0\x9F\x8C\x88")), 2);
}

Test(width, flags)
{
	size_t next;
	const char us[] = "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";

	cr_assert_eq(text_cluster(us, 8, 0, &next), 2);
	cr_assert_eq(next, 8);
	/* three indicators: a flag, then a lone one */
	cr_assert_eq(text_cluster(S("\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"
	    "\xF0\x9F\x87\xBA"), 0, &next), 2);
	cr_assert_eq(next, 8);
	cr_assert_eq(text_width(S("\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"
	    "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7")), 4);
}

Test(width, combining_marks_add_nothing)
{
	size_t next;

	cr_assert_eq(text_cluster(S("e\xCC\x81x"), 0, &next), 1);
	cr_assert_eq(next, 3);
	cr_assert_eq(text_width(S("e\xCC\x81")), 1);
	cr_assert_eq(text_width(S("Cafe\xCC\x81 cre\xCC\x80me")), 10);
	cr_assert_eq(text_width(S("a\xCC\x81\xCC\x82\xCC\x83\xCC\xA3")), 1);
	/* a mark on a CJK character keeps it two wide */
	cr_assert_eq(text_width(S("\xE4\xB8\x96\xCC\x81")), 2);
}

Test(width, lone_mark_at_start_counts_one)
{
	size_t next;

	cr_assert_eq(text_cluster(S("\xCC\x81\xCC\x82" "a"), 0, &next), 1);
	cr_assert_eq(next, 4);
	cr_assert_eq(text_width(S("\xCC\x81")), 1);
}

Test(width, control_pictures_count_one)
{
	cr_assert_eq(text_width(S("\xE2\x90\x9B\xE2\x90\x80\xE2\x90\xA1")), 3);
}

Test(width, invalid_bytes_are_width_one_clusters)
{
	size_t next;

	cr_assert_eq(text_cluster(S("\xFF" "a"), 0, &next), 1);
	cr_assert_eq(next, 1);
	cr_assert_eq(text_cluster(S("\xE2\x82" "a"), 0, &next), 1);
	cr_assert_eq(next, 2);
	/* a bad unit ends the cluster before it */
	cr_assert_eq(text_cluster(S("e\x80\xCC\x81"), 0, &next), 1);
	cr_assert_eq(next, 1);
	cr_assert_eq(text_width(S("\xC0\x80")), 2);
	cr_assert_eq(text_width(S("a\xED\xA0\x80" "b")), 5);
}

Test(width, position_at_or_past_end)
{
	size_t next = 99;

	cr_assert_eq(text_cluster(S("abc"), 3, &next), 0);
	cr_assert_eq(next, 3);
	next = 99;
	cr_assert_eq(text_cluster(S("abc"), 7, &next), 0);
	cr_assert_eq(next, 3);
	cr_assert_eq(text_cluster("", 0, 0, &next), 0);
	cr_assert_eq(next, 0);
}

Test(width, crlf_is_one_cluster)
{
	size_t next;

	text_cluster(S("\r\nx"), 0, &next);
	cr_assert_eq(next, 2);
}

/* Cluster boundaries must match utf8proc's own segmentation, which
 * marks each cluster start with a 0xFF byte under UTF8PROC_CHARBOUND. */
Test(width, clusters_agree_with_utf8proc)
{
	struct buf b = BUF_INIT, mine = BUF_INIT;
	unsigned int seed = 7;
	utf8proc_uint8_t *ref;
	utf8proc_ssize_t r;
	size_t k, pos, next;

	for (k = 0; k < 500; k++) {
		random_text(&b, &seed, 12, NVALID);
		r = utf8proc_map((const utf8proc_uint8_t *)b.data,
		    (utf8proc_ssize_t)b.len, &ref, UTF8PROC_CHARBOUND);
		cr_assert_geq(r, 0);
		mine.len = 0;
		for (pos = 0; pos < b.len; pos = next) {
			text_cluster(b.data, b.len, pos, &next);
			buf_putc(&mine, (char)0xFF);
			buf_append(&mine, b.data + pos, next - pos);
		}
		cr_assert_eq(mine.len, (size_t)r);
		cr_assert(memcmp(mine.data, ref, mine.len) == 0,
		    "segmentation differs for \"%s\"", b.data);
		free(ref);
	}
	buf_free(&b);
	buf_free(&mine);
}

Test(width, ten_thousand_marks_one_cluster, .timeout = 10)
{
	size_t len, next;
	char *s = many_marks(10000, &len);

	cr_assert_eq(text_cluster(s, len, 0, &next), 1);
	cr_assert_eq(next, len);
	cr_assert_eq(text_width(s, len), 1);
	free(s);
}

/*
 * Wrapping.
 */

/* Whether off is a grapheme cluster boundary of s[0..len). */
static bool
is_boundary(const char *s, size_t len, size_t off)
{
	size_t pos = 0, next;

	while (pos < off) {
		text_cluster(s, len, pos, &next);
		pos = next;
	}
	return pos == off;
}

/* Width of the clusters in s[start..end), measured in the whole text. */
static size_t
range_width(const char *s, size_t len, size_t start, size_t end)
{
	size_t w = 0, next;

	while (start < end) {
		w += (size_t)text_cluster(s, len, start, &next);
		start = next;
	}
	return w;
}

/* Wraps s and checks every invariant of the layout; returns the lines. */
static size_t
check_wrap(const char *s, size_t len, int width, struct wrap_line **out)
{
	struct wrap_line *v;
	size_t n, i, next, w1;
	int w;

	n = text_wrap(s, len, width, &v);
	cr_assert_geq(n, 1);
	cr_assert_eq(v[0].start, 0);
	for (i = 0; i < n; i++) {
		cr_assert_leq(v[i].start, v[i].end);
		cr_assert_leq(v[i].end, len);
		cr_assert_eq((size_t)v[i].width,
		    range_width(s, len, v[i].start, v[i].end),
		    "line %zu width %d", i, v[i].width);
		cr_assert(is_boundary(s, len, v[i].start));
		cr_assert(is_boundary(s, len, v[i].end));
		if (v[i].end > v[i].start)
			cr_assert_neq(s[v[i].end - 1], ' ');
		if (v[i].width > (width < 1 ? 1 : width)) {
			/* only a single over-wide cluster may overflow,
			 * after nothing but zero-width clusters */
			for (next = v[i].start, w = 0; w == 0 && next < v[i].end; )
				w = text_cluster(s, len, next, &next);
			cr_assert_eq(next, v[i].end, "line %zu too wide", i);
			cr_assert_gt(w, width < 1 ? 1 : width);
		}
		if (i + 1 < n) {
			cr_assert_leq(v[i].end, v[i + 1].start);
			for (w1 = v[i].end; w1 < v[i + 1].start; w1++)
				cr_assert_eq(s[w1], ' ');
			/* only a space carrying a mark may start a line */
			text_cluster(s, len, v[i + 1].start, &next);
			cr_assert(s[v[i + 1].start] != ' ' ||
			    next > v[i + 1].start + 1);
			cr_assert_eq(text_wrap_next(s, len, v[i].start, width,
			    &(struct wrap_line){ 0, 0, 0 }), v[i + 1].start);
		} else {
			for (w1 = v[i].end; w1 < len; w1++)
				cr_assert_eq(s[w1], ' ');
		}
	}
	if (out != NULL)
		*out = v;
	else
		free(v);
	return n;
}

/* Joins the lines with single spaces. */
static char *
join_lines(const char *s, const struct wrap_line *v, size_t n,
    const char *sep)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(&b, sep);
		buf_append(&b, s + v[i].start, v[i].end - v[i].start);
	}
	return buf_detach(&b);
}

static const char *samples[] = {
	"The quick brown fox jumps over the lazy dog and keeps running "
	"until the end of the paragraph, which is rather long.",
	"Caf\xC3\xA9 cre\xCC\x80me bru\xCC\x82le\xCC\x81\xCC\x81 "
	"na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 d\xC3\xA9j\xC3\xA0 vu",
	"\xE5\x8C\x97\xE4\xBA\xAC\xE5\xB8\x82 \xE4\xB8\x96\xE7\x95\x8C "
	"\xE6\x96\xB0\xE9\x97\xBB\xE6\x8A\xA5\xE9\x81\x93 abc "
	"\xE4\xB8\xAD\xE5\x9B\xBD\xE4\xBA\xBA\xE6\xB0\x91",
	"Flags \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 and \xF0\x9F\x87\xAC\xF0\x9F"
	"\x87\xA7 emoji \xF0\x9F\x98\x80 \xE2\x9D\xA4\xEF\xB8\x8F family "
	"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F"
	"\x91\xA7 end",
	"supercalifragilisticexpialidocious is a word longer than twenty",
	"\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5"
	"\x87 \xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF"
	"\xE0\xA4\xBE \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 "
	"\xD8\xA8\xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x84\xD9\x85",
	"x",
	"a b c d e f g h i j k l m n o p q r s t u v w x y z",
};

Test(wrap, invariants_and_round_trip_at_many_widths)
{
	static const int widths[] = { 20, 80, 300 };
	struct wrap_line *v;
	size_t i, k, n;
	char *joined;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
			if (i == 4 && widths[k] == 20)
				continue;	/* has a word wider than 20 */
			n = check_wrap(samples[i], strlen(samples[i]),
			    widths[k], &v);
			joined = join_lines(samples[i], v, n, " ");
			cr_assert_str_eq(joined, samples[i],
			    "width %d sample %zu", widths[k], i);
			free(joined);
			free(v);
		}
	}
}

Test(wrap, width_one)
{
	struct wrap_line *v;
	size_t i, j, n, len;
	char *joined;
	struct buf nospace = BUF_INIT;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		len = strlen(samples[i]);
		n = check_wrap(samples[i], len, 1, &v);
		joined = join_lines(samples[i], v, n, "");
		buf_free(&nospace);
		for (j = 0; j < len; j++)
			if (samples[i][j] != ' ')
				buf_putc(&nospace, samples[i][j]);
		cr_assert_str_eq(joined, nospace.data);
		free(joined);
		free(v);
	}
	buf_free(&nospace);
}

Test(wrap, random_texts_keep_invariants)
{
	static const int widths[] = { 1, 2, 3, 5, 20 };
	struct buf b = BUF_INIT;
	unsigned int seed = 99;
	size_t k;

	for (k = 0; k < 400; k++) {
		random_text(&b, &seed, 30, NPIECES);
		check_wrap(b.data, b.len, widths[k % 5], NULL);
	}
	buf_free(&b);
}

Test(wrap, width_below_one_counts_as_one)
{
	struct wrap_line a, b;

	cr_assert_eq(text_wrap_next(S("abc"), 0, 0, &a), 1);
	cr_assert_eq(text_wrap_next(S("abc"), 0, -5, &b), 1);
	cr_assert_eq(a.end, 1);
	cr_assert_eq(b.width, 1);
}

Test(wrap, wide_cluster_does_not_straddle_last_column)
{
	/* 19 ASCII + a CJK character at width 20 */
	const char s[] = "abcdefghijklmnopqrs\xE4\xB8\x96";
	struct wrap_line *v;
	size_t n;

	n = check_wrap(s, strlen(s), 20, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].end, 19);
	cr_assert_eq(v[0].width, 19);
	cr_assert_eq(v[1].start, 19);
	cr_assert_eq(v[1].width, 2);
	free(v);

	/* the same with an emoji after a space */
	n = check_wrap(S("abcdefghijklmnopqr \xF0\x9F\x98\x80"), 20, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].width, 18);
	cr_assert_eq(v[1].width, 2);
	free(v);
}

Test(wrap, lone_wide_cluster_at_width_one)
{
	struct wrap_line *v;
	size_t n;

	n = check_wrap(S("\xE4\xB8\x96\xE7\x95\x8C"), 1, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].width, 2);
	cr_assert_eq(v[0].end, 3);
	cr_assert_eq(v[1].start, 3);
	free(v);
}

Test(wrap, combining_marks_stay_with_base)
{
	struct wrap_line *v;
	size_t n, i;

	n = check_wrap(S("e\xCC\x81" "e\xCC\x81" "e\xCC\x81\xCC\xA3"), 1, &v);
	cr_assert_eq(n, 3);
	for (i = 0; i < n; i++)
		cr_assert_eq(v[i].width, 1);
	cr_assert_eq(v[0].end, 3);
	cr_assert_eq(v[1].end, 6);
	cr_assert_eq(v[2].end, 11);
	free(v);
	/* a space carrying a mark is not a break space */
	n = check_wrap(S("ab \xCC\x81" "cd"), 3, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].end, 5);
	free(v);
}

Test(wrap, nbsp_never_breaks)
{
	const char s[] = "x aaaa\xC2\xA0" "bbbb";
	struct wrap_line *v;
	size_t n;

	n = check_wrap(s, strlen(s), 10, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].end, 1);
	cr_assert_eq(v[1].start, 2);
	cr_assert_eq(v[1].end, strlen(s));
	cr_assert_eq(v[1].width, 9);
	free(v);
	/* nor does a hyphen next to it: "10 - 20" is split by force at
	 * the width, not after the hyphen */
	n = check_wrap(S("x 10\xC2\xA0-\xC2\xA0" "20"), 5, &v);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0].end, 1);
	cr_assert_eq(v[1].end, 9);
	free(v);
}

Test(wrap, long_word_is_split)
{
	struct wrap_line *v;
	size_t n;

	n = check_wrap(S("abcdefghij"), 4, &v);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0].end, 4);
	cr_assert_eq(v[1].start, 4);
	cr_assert_eq(v[1].end, 8);
	cr_assert_eq(v[2].end, 10);
	free(v);
	/* after a short word, the long one starts on a line of its own */
	n = check_wrap(S("ab abcdefghij"), 4, &v);
	cr_assert_eq(n, 4);
	cr_assert_eq(v[0].end, 2);
	cr_assert_eq(v[1].start, 3);
	free(v);
}

Test(wrap, hyphen_and_em_dash)
{
	struct wrap_line *v;
	size_t n;

	n = check_wrap(S("a well-known fact"), 8, &v);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[0].end, 7);		/* "a well-" */
	cr_assert_eq(v[1].start, 7);		/* "known" */
	cr_assert_eq(v[1].end, 12);
	free(v);
	n = check_wrap(S("yes\xE2\x80\x94no"), 4, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].end, 6);		/* "yes—" */
	free(v);
	/* no break inside "--" or before a leading minus */
	n = check_wrap(S("ab--cd"), 4, &v);
	cr_assert_eq(v[0].end, 4);
	free(v);
	n = check_wrap(S("x -5678"), 4, &v);
	cr_assert_eq(v[0].end, 1);
	cr_assert_eq(v[1].start, 2);
	free(v);
}

Test(wrap, trailing_and_multiple_spaces)
{
	struct wrap_line *v;
	size_t n;

	n = check_wrap(S("abc   def   "), 5, &v);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].end, 3);
	cr_assert_eq(v[1].start, 6);
	cr_assert_eq(v[1].end, 9);
	free(v);
	n = check_wrap(S("abc   def"), 80, &v);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].end, 9);
	cr_assert_eq(v[0].width, 9);
	free(v);
}

Test(wrap, empty_text)
{
	struct wrap_line *v, l = { 9, 9, 9 };
	size_t n;

	cr_assert_eq(text_wrap_next("", 0, 0, 20, &l), 0);
	cr_assert_eq(l.start, 0);
	cr_assert_eq(l.end, 0);
	cr_assert_eq(l.width, 0);
	n = text_wrap("", 0, 20, &v);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].end, 0);
	free(v);
	n = check_wrap(S("     "), 3, &v);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].end, 0);
	free(v);
}

Test(wrap, ten_thousand_marks, .timeout = 10)
{
	struct wrap_line *v;
	size_t len, n;
	char *s = many_marks(10000, &len);
	struct buf b = BUF_INIT;

	n = text_wrap(s, len, 1, &v);
	cr_assert_eq(n, 1);
	cr_assert_eq(v[0].end, len);
	cr_assert_eq(v[0].width, 1);
	free(v);
	buf_puts(&b, "ab ");
	buf_append(&b, s, len);
	buf_puts(&b, " cd");
	n = check_wrap(b.data, b.len, 2, &v);
	cr_assert_eq(n, 3);
	cr_assert_eq(v[1].start, 3);
	cr_assert_eq(v[1].end, 3 + len);
	free(v);
	buf_free(&b);
	free(s);
}

/* 10 MB of mixed text: every operation must stay linear. */
Test(large, ten_megabytes, .timeout = 30)
{
	static const char chunk[] = "News \xE4\xB8\x96\xE7\x95\x8C "
	    "caf\xC3\xA9 e\xCC\x81 \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 "
	    "well-known\xC2\xA0thing \xF0\x9F\x98\x80 ";
	struct buf b = BUF_INIT;
	struct wrap_line *v, l;
	size_t n, outlen, pos, lines = 0;
	size_t *map;
	char *f;
	double t0;

	while (b.len < 10 * 1024 * 1024)
		buf_append(&b, chunk, sizeof(chunk) - 1);
	t0 = seconds();
	cr_assert(text_is_safe(b.data, b.len));
	cr_assert_gt(text_width(b.data, b.len), b.len / 2);
	for (pos = 0; pos < b.len; lines++)
		pos = text_wrap_next(b.data, b.len, pos, 80, &l);
	n = text_wrap(b.data, b.len, 80, &v);
	cr_assert_eq(n, lines);
	free(v);
	f = text_fold(b.data, b.len, &outlen, &map);
	cr_assert_eq(map[outlen], b.len);
	free(f);
	free(map);
	f = text_sanitize(b.data);
	free(f);
	cr_log_info("10 MB: %.2f s", seconds() - t0);
	buf_free(&b);
}

Test(large, one_huge_cluster_and_long_word, .timeout = 30)
{
	size_t len, n, outlen;
	char *s = many_marks(1000000, &len), *f;
	struct wrap_line *v;
	struct buf b = BUF_INIT;

	cr_assert_eq(text_width(s, len), 1);
	n = text_wrap(s, len, 1, &v);
	cr_assert_eq(n, 1);
	free(v);
	f = text_fold(s, len, &outlen, NULL);
	cr_assert_eq(outlen, len);	/* x + marks: nothing composes */
	free(f);
	free(s);
	while (b.len < 1000000)
		buf_puts(&b, "abcdefghij");
	n = text_wrap(b.data, b.len, 7, &v);
	cr_assert_eq(n, (b.len + 6) / 7);
	free(v);
	buf_free(&b);
}

/*
 * Folding.
 */

static void
check_fold(const char *in, size_t inlen, const char *want)
{
	size_t n;
	char *got = text_fold(in, inlen, &n, NULL);

	cr_assert_eq(n, strlen(want), "length %zu, want %zu", n,
	    strlen(want));
	cr_assert_str_eq(got, want);
	free(got);
}

/* Folding must agree with utf8proc_map() on valid UTF-8. */
static void
check_like_utf8proc(const char *in, size_t inlen)
{
	utf8proc_uint8_t *ref;
	utf8proc_ssize_t r;
	size_t n;
	char *got;

	r = utf8proc_map((const utf8proc_uint8_t *)in,
	    (utf8proc_ssize_t)inlen, &ref,
	    UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	cr_assert_geq(r, 0);
	got = text_fold(in, inlen, &n, NULL);
	cr_assert_eq(n, (size_t)r);
	cr_assert(memcmp(got, ref, n) == 0, "\"%s\" vs \"%s\"", got, ref);
	free(got);
	free(ref);
}

Test(fold, ascii_case)
{
	check_fold(S("HUAWEI"), "huawei");
	check_fold(S("huawei"), "huawei");
	check_fold(S("MiXeD 123 !?"), "mixed 123 !?");
	check_fold(S(""), "");
}

Test(fold, sharp_s)
{
	check_fold(S("Stra\xC3\x9F" "e"), "strasse");
	check_fold(S("STRASSE"), "strasse");
	check_fold(S("\xE1\xBA\x9E"), "ss");	/* capital sharp s */
}

Test(fold, nfd_equals_nfc)
{
	check_fold(S("e\xCC\x81"), "\xC3\xA9");
	check_fold(S("\xC3\xA9"), "\xC3\xA9");
	check_fold(S("\xC3\x89"), "\xC3\xA9");
	check_fold(S("E\xCC\x81"), "\xC3\xA9");
	/* Hangul jamo compose to a syllable */
	check_fold(S("\xE1\x84\x80\xE1\x85\xA1"), "\xEA\xB0\x80");
	/* mark order does not matter: dot below and acute */
	check_fold(S("a\xCC\x81\xCC\xA3"), "\xE1\xBA\xA1\xCC\x81");
	check_fold(S("a\xCC\xA3\xCC\x81"), "\xE1\xBA\xA1\xCC\x81");
}

Test(fold, agrees_with_utf8proc)
{
	struct buf b = BUF_INIT;
	size_t i;

	check_like_utf8proc(S("Stra\xC3\x9F" "e \xC3\x89T\xC3\x89 \xC4\xB0stanbul"
	    " \xCE\xA3\xCE\x99\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3 "
	    "\xEF\xAC\x81 \xE2\x84\xAA \xF0\x9F\x98\x80 \xE4\xB8\x96"));
	check_like_utf8proc(S("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8 "
	    "\xE0\xAF\x86\xE0\xAE\xBE \xE0\xA4\xA8\xE0\xA4\xBC"));
	/* a long run of alternating marks, long enough for counting sort */
	buf_putc(&b, 'A');
	for (i = 0; i < 500; i++)
		buf_puts(&b, i % 3 ? "\xCC\x81" : "\xCC\xA3\xCC\x9B");
	check_like_utf8proc(b.data, b.len);
	/* U+0345 folds to a starter, U+03B9, in the middle of the run */
	buf_puts(&b, "\xCD\x85\xCC\x81");
	check_like_utf8proc(b.data, b.len);
	buf_free(&b);
}

Test(fold, random_texts_agree_with_utf8proc)
{
	struct buf b = BUF_INIT;
	unsigned int seed = 3;
	size_t k;

	for (k = 0; k < 500; k++) {
		random_text(&b, &seed, 20, NVALID);
		check_like_utf8proc(b.data, b.len);
	}
	buf_free(&b);
}

Test(fold, map_offsets)
{
	size_t n, *map;
	char *f;
	static const size_t want1[] = { 0, 1, 2, 3, 4, 4, 6, 7 };
	static const size_t want2[] = { 0, 1, 1, 4, 5 };
	size_t i;

	f = text_fold(S("Stra\xC3\x9F" "e"), &n, &map);
	cr_assert_str_eq(f, "strasse");
	for (i = 0; i <= n; i++)
		cr_assert_eq(map[i], want1[i], "map[%zu] = %zu", i, map[i]);
	free(f);
	free(map);

	f = text_fold(S("Ae\xCC\x81x"), &n, &map);
	cr_assert_str_eq(f, "a\xC3\xA9x");
	cr_assert_eq(n, 4);
	for (i = 0; i <= n; i++)
		cr_assert_eq(map[i], want2[i], "map[%zu] = %zu", i, map[i]);
	free(f);
	free(map);

	/* CR LF is one cluster: both bytes map to the CR */
	f = text_fold(S("a\r\n"), &n, &map);
	cr_assert_eq(n, 3);
	cr_assert_eq(map[2], 1);
	cr_assert_eq(map[3], 3);
	free(f);
	free(map);

	f = text_fold("", 0, &n, &map);
	cr_assert_eq(n, 0);
	cr_assert_eq(map[0], 0);
	free(f);
	free(map);
}

Test(fold, find_with_map)
{
	const char hay[] = "Die Stra\xC3\x9F" "e in M\xC3\xBC" "nchen";
	size_t n, *map, m;
	char *fh, *fn, *hit;

	fh = text_fold(hay, strlen(hay), &n, &map);
	fn = text_fold(S("STRASSE"), &m, NULL);
	hit = strstr(fh, fn);
	cr_assert_not_null(hit);
	cr_assert_eq(map[hit - fh], 4);
	cr_assert_eq(map[hit - fh + m], 11);
	free(fh);
	free(fn);
	free(map);
}

Test(fold, invalid_utf8)
{
	size_t n, *map;
	char *f;
	static const size_t want[] = { 0, 1, 1, 1, 2, 3, 3, 3, 5, 6 };
	size_t i;

	f = text_fold(S("a\xFF" "B\xE2\x82" "c"), &n, &map);
	cr_assert_eq(n, 9);
	cr_assert(memcmp(f, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c", 10) == 0);
	for (i = 0; i <= n; i++)
		cr_assert_eq(map[i], want[i], "map[%zu] = %zu", i, map[i]);
	free(f);
	free(map);
	/* embedded NUL survives */
	f = text_fold(S("A\0B"), &n, NULL);
	cr_assert_eq(n, 3);
	cr_assert(memcmp(f, "a\0b", 4) == 0);
	free(f);
}

Test(fold, ten_thousand_marks, .timeout = 10)
{
	size_t len, n, *map;
	char *s = many_marks(10000, &len), *f;

	s[0] = 'E';
	f = text_fold(s, len, &n, &map);
	/* é plus 9,999 acutes */
	cr_assert_eq(n, len - 1);
	cr_assert(memcmp(f, "\xC3\xA9\xCC\x81", 4) == 0);
	cr_assert_eq(map[0], 0);
	cr_assert_eq(map[n - 1], 0);
	cr_assert_eq(map[n], len);
	free(f);
	free(map);
	free(s);
}

/* ---- search folding: what the screen shows ------------------------- */

static void
check_fold_search(const char *in, size_t inlen, bool diacritics,
    const char *want)
{
	size_t n;
	char *got = text_fold_search(in, inlen, diacritics, &n, NULL);

	cr_expect(n == strlen(want) && memcmp(got, want, n) == 0,
	    "\"%s\" folds to \"%s\", want \"%s\"", in, got, want);
	free(got);
}

Test(fold_search, quotes_apostrophes_dashes_spaces)
{
	check_fold_search(S("UK\xE2\x80\x99s"), true, "uk's");
	check_fold_search(S("\xE2\x80\x98" "a\xE2\x80\x99 \xE2\x80\x9C" "b"
	    "\xE2\x80\x9D \xE2\x80\x9E" "c\xE2\x80\x9F"), true,
	    "'a' \"b\" \"c\"");
	check_fold_search(S("2020\xE2\x80\x93" "21 a\xE2\x80\x94" "b "
	    "\xE2\x88\x92" "5 x\xE2\x80\x90y"), true, "2020-21 a-b -5 x-y");
	check_fold_search(S("10\xC2\xA0" "000"), true, "10 000");
	/* text_fold itself keeps them: the importer relies on it. */
	{
		size_t n;
		char *f = text_fold(S("UK\xE2\x80\x99s"), &n, NULL);

		cr_expect_str_eq(f, "uk\xE2\x80\x99s");
		free(f);
	}
}

Test(fold_search, diacritics_left_out_or_kept)
{
	/* Zoë composed, Zoe + U+0308 decomposed, Café, e + U+0301. */
	check_fold_search(S("Zo\xC3\xAB"), false, "zoe");
	check_fold_search(S("Zoe\xCC\x88"), false, "zoe");
	check_fold_search(S("CAF\xC3\x89 e\xCC\x81"), false, "cafe e");
	check_fold_search(S("Zo\xC3\xAB"), true, "zo\xC3\xAB");
	check_fold_search(S("Zoe\xCC\x88"), true, "zo\xC3\xAB");
	/* Not a diacritic: a Devanagari vowel sign stays. */
	check_fold_search(S("\xE0\xA4\x95\xE0\xA4\xBF"), false,
	    "\xE0\xA4\x95\xE0\xA4\xBF");
}

Test(fold_search, has_diacritic)
{
	cr_expect_not(text_has_diacritic(S("Zoe UK's 2020-21")));
	cr_expect_not(text_has_diacritic(S("UK\xE2\x80\x99s \xE2\x80\x94")));
	cr_expect(text_has_diacritic(S("Zo\xC3\xAB")));
	cr_expect(text_has_diacritic(S("Zoe\xCC\x88")));
	cr_expect(text_has_diacritic(S("\xC3\xA7")));
	cr_expect_not(text_has_diacritic(S("\xC3\x9F \xE0\xA4\x95")));
	cr_expect_not(text_has_diacritic(S("\xFF\xE2\x82")));
}

/* The map still points at the source's clusters, so that a match of
 * "zoe" in "Zoë's" covers the ë (2 bytes) and stops before the ’. */
Test(fold_search, map_offsets)
{
	static const char s[] = "Zo\xC3\xAB\xE2\x80\x99s";
	static const size_t want[] = { 0, 1, 2, 4, 7, 8 };
	size_t n, *map, i;
	char *f = text_fold_search(S(s), false, &n, &map);

	cr_assert_str_eq(f, "zoe's");
	for (i = 0; i <= n; i++)
		cr_expect_eq(map[i], want[i], "map[%zu] = %zu", i, map[i]);
	free(f);
	free(map);
}
