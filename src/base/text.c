/* text.c - UTF-8, display width and grapheme clusters.
 *
 * Decoding follows the Unicode "maximal subpart" practice (Unicode
 * 15, section 3.9; also what WHATWG encoders do): an invalid sequence
 * is the longest prefix of a well-formed sequence that stops being
 * one, or a single byte if even the first byte cannot start one.  So a
 * truncated "E2 82" is one bad unit, while overlong "C0 80" and the
 * surrogate "ED A0 80" are two and three.  Sanitising turns each bad
 * unit into one U+FFFD and width counting treats it as one cluster of
 * width 1, so the width of raw text agrees with what will be drawn.
 *
 * Widths and cluster boundaries come from utf8proc.  Terminals
 * disagree about emoji, ZWJ sequences and many scripts; there is no
 * right answer, so we follow utf8proc as tmux does, which at least
 * keeps us in step with the most common multiplexer. */
#include "config.h"

#include "base/text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/buf.h"
#include "base/xmalloc.h"

#define BAD_CP		(-1)		/* decoder result for a bad unit */
#define REPLACEMENT	"\xEF\xBF\xBD"	/* U+FFFD in UTF-8 */

/*
 * UTF-8 decoding.
 */

/* Decodes the unit at u[0..len), len >= 1: stores the code point (or
 * BAD_CP) in *cp and returns the unit's length in bytes (at least 1). */
static size_t
text_utf8_decode(const unsigned char *u, size_t len, int32_t *cp)
{
	unsigned char b = u[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	int32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (b == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;	/* overlong */
		else if (b == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		*cp = BAD_CP;	/* continuation, C0, C1, F5..FF */
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || u[i] < lo || u[i] > hi) {
			*cp = BAD_CP;
			return i;
		}
		c = (c << 6) | (u[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return need + 1;
}

/*
 * Sanitising.
 */

enum unsafe {
	SAFE,
	PICTURE,	/* show as a Control Picture */
	HEX		/* show as <U+XXXX> */
};

static bool
text_is_noncharacter(int32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* Bidi controls can reorder the rest of the terminal line, and line or
 * paragraph separators can move the cursor on some terminals. */
static bool
text_is_layout_control(int32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029;
}

static enum unsafe
text_classify(int32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return PICTURE;
	if (cp < 0x80)
		return SAFE;
	if (cp <= 0x9F || text_is_layout_control(cp)
	    || text_is_noncharacter(cp) ||
	    cp == 0xE0001)
		return HEX;
	return SAFE;
}

static void
text_put_placeholder(struct buf *out, int32_t cp)
{
	char pic[3];

	if (cp == BAD_CP) {
		buf_append(out, REPLACEMENT, 3);
		return;
	}
	if (text_classify(cp) == HEX) {
		buf_printf(out, "<U+%04X>", (unsigned)cp);
		return;
	}
	if (cp == 0x7F)
		cp = 0x21;	/* U+2421 SYMBOL FOR DELETE */
	/* U+2400 + cp, cp < 0x40: E2 90 80+cp */
	pic[0] = (char)0xE2;
	pic[1] = (char)0x90;
	pic[2] = (char)(0x80 + cp);
	buf_append(out, pic, 3);
}

/* Length of the longest safe prefix of u[0..len). */
static size_t
text_safe_span(const unsigned char *u, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			i++;
			continue;
		}
		n = text_utf8_decode(u + i, len - i, &cp);
		if (cp == BAD_CP || text_classify(cp) != SAFE)
			break;
		i += n;
	}
	return i;
}

void
text_sanitize_into(struct buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		n = text_safe_span(u + i, len - i);
		buf_append(out, s + i, n);
		i += n;
		if (i == len)
			break;
		i += text_utf8_decode(u + i, len - i, &cp);
		text_put_placeholder(out, cp);
	}
}

char *
text_sanitize(const char *s)
{
	struct buf b = BUF_INIT;

	text_sanitize_into(&b, s, strlen(s));
	return buf_detach(&b);
}

bool
text_is_safe(const char *s, size_t len)
{
	return text_safe_span((const unsigned char *)s, len) == len;
}

long
text_char_at(const char *s, size_t len, size_t pos, size_t *next)
{
	int32_t cp;

	*next = pos + text_utf8_decode((const unsigned char *)s + pos,
	    len - pos,
	    &cp);
	return cp;
}

bool
text_char_unsafe(long cp)
{
	return cp < 0 || text_classify((int32_t)cp) != SAFE;
}

/*
 * Grapheme clusters and widths.
 */

struct cluster {
	size_t	next;	/* offset just past the cluster */
	int	width;	/* display columns */
	int32_t	first;	/* first code point, BAD_CP for a bad unit */
	bool	single;	/* consists of one code point (or bad unit) */
};

/* Accumulates the width of a cluster one code point at a time. */
struct width_acc {
	int	base;		/* width of the first non-zero-width code point */
	int32_t	basecp;
	bool	after_base;	/* last code point seen was basecp */
	bool	vs16;		/* U+FE0F right after an emoji-capable base */
	int	ri;		/* regional indicators seen */
};

static int
text_cp_width(int32_t cp)
{
	/* U+2400..U+2426: our own stand-ins must have a known width. */
	if (cp >= 0x2400 && cp <= 0x2426)
		return 1;
	return utf8proc_charwidth(cp);
}

static bool
text_is_regional(int32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Whether cp can take emoji presentation (then U+FE0F makes it 2 wide):
 * the pictographs, plus the keycap bases # * 0-9. */
static bool
text_emoji_capable(int32_t cp)
{
	if (cp == '#' || cp == '*' || (cp >= '0' && cp <= '9'))
		return true;
	return utf8proc_get_property(cp)->boundclass ==
	    UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC;
}

static void
text_width_add(struct width_acc *a, int32_t cp)
{
	int w;

	if (text_is_regional(cp))
		a->ri++;
	if (cp == 0xFE0F && a->after_base && a->base == 1 &&
	    text_emoji_capable(a->basecp))
		a->vs16 = true;
	a->after_base = false;
	if (a->base == 0 && (w = text_cp_width(cp)) > 0) {
		a->base = w;
		a->basecp = cp;
		a->after_base = true;
	}
}

static int
text_width_result(const struct width_acc *a, size_t pos)
{
	if (a->vs16 || a->ri >= 2)
		return 2;
	/* A lone mark at the start is drawn on a placeholder; counting it
	 * as 1 also means every text has a positive width to lay out. */
	if (a->base == 0 && pos == 0)
		return 1;
	return a->base;
}

/* Single-byte ASCII clusters are by far the most common: any ASCII byte
 * followed by another ASCII byte (or the end) is a whole cluster,
 * except CR before LF. */
static bool
text_ascii_cluster(const unsigned char *u, size_t len, size_t pos)
{
	return u[pos] < 0x80 && u[pos] != '\r' &&
	    (pos + 1 == len || u[pos + 1] < 0x80);
}

static void
text_scan_cluster(const char *s, size_t len, size_t pos, struct cluster *c)
{
	const unsigned char *u = (const unsigned char *)s;
	struct width_acc acc = { 0, 0, false, false, 0 };
	int32_t cp, prev, state = 0;
	size_t p, n;

	c->single = true;
	if (text_ascii_cluster(u, len, pos)) {
		c->first = u[pos];
		c->next = pos + 1;
		c->width = (u[pos] >= 0x20 && u[pos] < 0x7F) || pos == 0;
		return;
	}
	p = pos + text_utf8_decode(u + pos, len - pos, &cp);
	c->first = cp;
	if (cp == BAD_CP) {
		c->next = p;
		c->width = 1;
		return;
	}
	text_width_add(&acc, cp);
	/* The state is valid because pos is a boundary (utf8proc allows
	 * resetting it to zero after a break). */
	for (prev = cp; p < len; prev = cp, p += n) {
		n = text_utf8_decode(u + p, len - p, &cp);
		if (cp == BAD_CP ||
		    utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		text_width_add(&acc, cp);
		c->single = false;
	}
	c->next = p;
	c->width = text_width_result(&acc, pos);
}

int
text_cluster(const char *s, size_t len, size_t pos, size_t *next)
{
	struct cluster c;

	if (pos >= len) {
		*next = len;
		return 0;
	}
	text_scan_cluster(s, len, pos, &c);
	*next = c.next;
	return c.width;
}

size_t
text_width(const char *s, size_t len)
{
	struct cluster c;
	size_t pos, w = 0;

	for (pos = 0; pos < len; pos = c.next) {
		text_scan_cluster(s, len, pos, &c);
		w += (size_t)c.width;
	}
	return w;
}

/*
 * Wrapping.
 */

enum kind {
	K_NONE,		/* start of line */
	K_WORD,
	K_DASH,		/* hyphen-minus or em dash: may break after */
	K_GLUE		/* no-break spaces and joiners: never break */
};

static enum kind
text_cluster_kind(const struct cluster *c)
{
	if (!c->single)
		return K_WORD;
	switch (c->first) {
	case '-':
	case 0x2014:
		return K_DASH;
	case 0x00A0:	/* NO-BREAK SPACE */
	case 0x2007:	/* FIGURE SPACE */
	case 0x202F:	/* NARROW NO-BREAK SPACE */
	case 0x2060:	/* WORD JOINER */
		return K_GLUE;
	default:
		return K_WORD;
	}
}

/* A place where the line may end. */
struct brk {
	bool	set;
	size_t	end;	/* line end (trailing spaces excluded) */
	size_t	col;	/* width of the line up to end */
	size_t	next;	/* start of the following line */
};

struct wrap_state {
	const char	*s;
	size_t		 len, pos, width;
	size_t		 col;	/* columns used so far, spaces included */
	struct brk	 best;	/* last break opportunity seen */
	struct brk	 dash;	/* after a dash, pending the next cluster */
	enum kind	 prev;
};

/* Only a lone U+0020 is a break space: one carrying a combining mark
 * is a cluster like any other and must stay whole. */
static bool
text_is_break_space(const char *s, size_t len, size_t p)
{
	int32_t cp, state = 0;

	if (s[p] != ' ')
		return false;
	if (p + 1 == len || (unsigned char)s[p + 1] < 0x80)
		return true;
	text_utf8_decode((const unsigned char *)s + p + 1, len - p - 1, &cp);
	return cp == BAD_CP || utf8proc_grapheme_break_stateful(' ', cp, &state);
}

static size_t
text_skip_spaces(const char *s, size_t len, size_t p)
{
	while (p < len && text_is_break_space(s, len, p))
		p++;
	return p;
}

static size_t
text_finish(const struct wrap_state *l, struct wrap_line *line, size_t end,
    size_t col, size_t next)
{
	line->start = l->pos;
	line->end = end;
	line->width = col > INT_MAX ? INT_MAX : (int)col;
	return next;
}

/* Handles the run of spaces at p; returns where it ends.  Spaces may
 * hang past the width: they vanish if the line breaks there. */
static size_t
text_take_spaces(struct wrap_state *l, size_t p)
{
	size_t q = text_skip_spaces(l->s, l->len, p);

	l->best.set = true;
	l->best.end = p;
	l->best.col = l->col;
	l->best.next = q;
	l->dash.set = false;
	l->col += q - p;
	l->prev = K_NONE;
	return q;
}

/* Called for each non-space cluster of kind k before it is placed:
 * a pending break after a dash becomes real if k is a word. */
static void
text_note_breaks(struct wrap_state *l, enum kind k)
{
	/* A break after a dash needs a word on both sides: "well-known"
	 * may break, "-5", "a--b" and "a-" NBSP "b" may not. */
	if (l->dash.set && k == K_WORD)
		l->best = l->dash;
	l->dash.set = false;
}

/* Called after a cluster of kind k ending at next has been placed. */
static void
text_note_dash(struct wrap_state *l, enum kind k, size_t next)
{
	if (k == K_DASH && l->prev == K_WORD) {
		l->dash.set = true;
		l->dash.end = l->dash.next = next;
		l->dash.col = l->col;
	}
	l->prev = k;
}

/* The cluster c at p does not fit: decides where the line ends. */
static size_t
text_overflow(struct wrap_state *l, struct wrap_line *line, size_t p,
    const struct cluster *c)
{
	size_t next;

	if (l->best.set)
		return text_finish(l, line, l->best.end, l->best.col,
		    l->best.next);
	if (l->col == 0) {
		/* Wider than the whole line: it goes alone. */
		next = text_skip_spaces(l->s, l->len, c->next);
		return text_finish(l, line, c->next, (size_t)c->width, next);
	}
	return text_finish(l, line, p, l->col, p);
}

/* Whether s[p] is a cluster of its own that is a printable ASCII
 * character of a word (not a space or a dash): one column. */
static bool
text_ascii_letter(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;

	return u[p] > 0x20 && u[p] < 0x7F && u[p] != '-' &&
	    (p + 1 == len || u[p + 1] < 0x80);
}

size_t
text_wrap_next(const char *s, size_t len, size_t pos, int width,
    struct wrap_line *line)
{
	struct wrap_state l;
	struct cluster c;
	enum kind k;
	size_t p;

	if (pos > len)
		pos = len;
	memset(&l, 0, sizeof(l));
	l.s = s;
	l.len = len;
	l.pos = pos;
	l.width = width < 1 ? 1 : (size_t)width;
	l.prev = K_NONE;
	p = pos;
	while (p < len) {
		if (text_ascii_letter(s, len, p)) {
			/* The common case, without text_scan_cluster: what it
			 * would say of a one-column ASCII word cluster. */
			if (l.dash.set)
				l.best = l.dash;
			l.dash.set = false;
			if (l.col + 1 > l.width) {
				c.next = p + 1;
				c.width = 1;
				return text_overflow(&l, line, p, &c);
			}
			l.col++;
			l.prev = K_WORD;
			p++;
			continue;
		}
		if (text_is_break_space(s, len, p)) {
			p = text_take_spaces(&l, p);
			if (p == len)
				return text_finish(&l, line, l.best.end,
				    l.best.col, len);
			continue;
		}
		text_scan_cluster(s, len, p, &c);
		k = text_cluster_kind(&c);
		text_note_breaks(&l, k);
		if (l.col + (size_t)c.width > l.width)
			return text_overflow(&l, line, p, &c);
		l.col += (size_t)c.width;
		text_note_dash(&l, k, c.next);
		p = c.next;
	}
	return text_finish(&l, line, len, l.col, len);
}

size_t
text_wrap(const char *s, size_t len, int width, struct wrap_line **lines)
{
	struct wrap_line *v = NULL;
	size_t n = 0, cap = 0, pos = 0;

	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		pos = text_wrap_next(s, len, pos, width, &v[n++]);
	} while (pos < len);
	*lines = v;
	return n;
}

/*
 * Folding.
 *
 * We fold one grapheme cluster at a time so that every output byte can
 * be traced back to a cluster.  That gives the same result as folding
 * the whole string: canonical reordering and composition never cross a
 * cluster boundary, because a cluster only ends before a mark when it
 * follows a control or a bad unit (U+FFFD), and both are starters.
 * The comparison with utf8proc_map() is in the tests.
 */

#define FOLD_OPTS	(UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)
#define SHORT_RUN	16

/* What a fold does besides NFC and case folding. */
#define FOLD_PUNCT	1u	/* quotes, dashes, spaces to ASCII */
#define FOLD_STRIP	2u	/* diacritics left out */

struct fold {
	int32_t	*cp;	/* code points of the current cluster */
	int32_t	*tmp;	/* scratch for sorting */
	size_t	 n, cap;
};

static void
text_fold_grow(struct fold *f, size_t need)
{
	if (need <= f->cap)
		return;
	while (f->cap < need)
		f->cap = f->cap ? f->cap * 2 : 64;
	f->cp = xreallocarray(f->cp, f->cap, sizeof(*f->cp));
	f->tmp = xreallocarray(f->tmp, f->cap, sizeof(*f->tmp));
}

static int
text_ccc(int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class;
}

/* Stable sort of a run of non-starters by combining class.  utf8proc's
 * own reordering is a bubble sort, quadratic on adversarial input such
 * as thousands of alternating marks; counting sort keeps us linear. */
static void
text_sort_marks(int32_t *v, size_t n, int32_t *tmp)
{
	size_t count[256], i, j, sum, t;
	int32_t x;

	if (n <= SHORT_RUN) {
		for (i = 1; i < n; i++) {
			x = v[i];
			for (j = i; j > 0
			    && text_ccc(v[j - 1]) > text_ccc(x); j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
		count[text_ccc(v[i])]++;
	for (i = 0, sum = 0; i < 256; i++) {
		t = count[i];
		count[i] = sum;
		sum += t;
	}
	for (i = 0; i < n; i++)
		tmp[count[text_ccc(v[i])]++] = v[i];
	memcpy(v, tmp, n * sizeof(*v));
}

static void
text_canonical_order(struct fold *f)
{
	size_t i = 0, j;

	while (i < f->n) {
		if (text_ccc(f->cp[i]) == 0) {
			i++;
			continue;
		}
		for (j = i; j < f->n && text_ccc(f->cp[j]) != 0; j++)
			;
		if (j - i > 1)
			text_sort_marks(f->cp + i, j - i, f->tmp);
		i = j;
	}
}

/* Appends the full decomposition and case folding of cp. */
static void
text_fold_decompose(struct fold *f, int32_t cp)
{
	utf8proc_ssize_t r;

	text_fold_grow(f, f->n + 4);		/* usually enough; never NULL */
	for (;;) {
		r = utf8proc_decompose_char(cp, f->cp + f->n,
		    (utf8proc_ssize_t)(f->cap - f->n), FOLD_OPTS, NULL);
		if (r < 0) {
			/* Cannot happen for valid code points. */
			cp = 0xFFFD;
			continue;
		}
		if ((size_t)r <= f->cap - f->n)
			break;
		text_fold_grow(f, f->n + (size_t)r);
	}
	f->n += (size_t)r;
}

static bool
text_is_diacritic(int32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F);
}

int
text_ascii_punct(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x02BC:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return '-';
	case 0x00A0: case 0x2002: case 0x2003: case 0x2007: case 0x2009:
	case 0x200A: case 0x202F:
		return ' ';
	default:
		return 0;
	}
}

/* The search folds of the decomposed, case-folded cluster in f. */
static void
text_fold_more(struct fold *f, unsigned opts)
{
	size_t i, k = 0;
	int c;

	for (i = 0; i < f->n; i++) {
		if ((opts & FOLD_STRIP) && text_is_diacritic(f->cp[i]))
			continue;
		if ((opts & FOLD_PUNCT) && (c = text_ascii_punct(f->cp[i])))
			f->cp[i] = c;
		f->cp[k++] = f->cp[i];
	}
	f->n = k;
}

static void
text_fold_cluster(struct fold *f, struct buf *out, const char *s, size_t pos,
    size_t end, unsigned opts)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_ssize_t r;
	int32_t cp;

	f->n = 0;
	while (pos < end) {
		pos += text_utf8_decode(u + pos, end - pos, &cp);
		text_fold_decompose(f, cp == BAD_CP ? 0xFFFD : cp);
	}
	if (opts != 0)
		text_fold_more(f, opts);
	text_canonical_order(f);
	/* utf8proc_reencode writes UTF-8 over the buffer and wants one
	 * spare byte for its NUL. */
	text_fold_grow(f, f->n + 1);
	r = utf8proc_reencode(f->cp, (utf8proc_ssize_t)f->n, UTF8PROC_COMPOSE);
	if (r > 0)
		buf_append(out, f->cp, (size_t)r);
}

static void
text_map_extend(size_t **map, size_t *cap, size_t from, size_t to, size_t off)
{
	if (to + 1 > *cap) {
		while (*cap < to + 1)
			*cap = *cap ? *cap * 2 : 64;
		*map = xreallocarray(*map, *cap, sizeof(**map));
	}
	while (from < to)
		(*map)[from++] = off;
}

/* Folds the run of single-byte ASCII clusters from pos in one go, the
 * common case, and stores where it ends in *next. */
static void
text_fold_ascii_run(struct buf *out, const unsigned char *u, size_t len,
    size_t pos, size_t *next)
{
	size_t end = pos;
	char *d;

	while (end < len && text_ascii_cluster(u, len, end))
		end++;
	buf_reserve(out, end - pos);
	d = out->data + out->len;
	for (; pos < end; pos++)
		*d++ = (char)(u[pos] >= 'A' && u[pos] <= 'Z' ?
		    u[pos] + ('a' - 'A') : u[pos]);
	out->len = (size_t)(d - out->data);
	out->data[out->len] = '\0';
	*next = end;
}

static char *
text_fold_opts(const char *s, size_t len, unsigned opts, size_t *outlen,
    size_t **map)
{
	const unsigned char *u = (const unsigned char *)s;
	struct buf out = BUF_INIT;
	struct fold f = { NULL, NULL, 0, 0 };
	struct cluster c;
	size_t *m = NULL, mcap = 0, pos, done;

	for (pos = 0; pos < len; pos = c.next) {
		done = out.len;
		if (text_ascii_cluster(u, len, pos)) {
			text_fold_ascii_run(&out, u, len, pos, &c.next);
			/* A cluster a byte, folded to a byte: output byte
			 * done + k comes from input byte pos + k. */
			if (map != NULL) {
				size_t k;

				text_map_extend(&m, &mcap, done, out.len, pos);
				for (k = 0; done + k < out.len; k++)
					m[done + k] = pos + k;
			}
			continue;
		} else {
			text_scan_cluster(s, len, pos, &c);
			text_fold_cluster(&f, &out, s, pos, c.next, opts);
		}
		if (map != NULL)
			text_map_extend(&m, &mcap, done, out.len, pos);
	}
	free(f.cp);
	free(f.tmp);
	if (map != NULL) {
		text_map_extend(&m, &mcap, out.len, out.len, len);
		m[out.len] = len;
		*map = m;
	}
	if (outlen != NULL)
		*outlen = out.len;
	return buf_detach(&out);
}

char *
text_fold(const char *s, size_t len, size_t *outlen, size_t **map)
{
	return text_fold_opts(s, len, 0, outlen, map);
}

char *
text_fold_search(const char *s, size_t len, bool diacritics,
    size_t *outlen, size_t **map)
{
	return text_fold_opts(s, len, FOLD_PUNCT | (diacritics ? 0
	    : FOLD_STRIP),
	    outlen, map);
}

bool
text_has_diacritic(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_int32_t d[8];
	utf8proc_ssize_t r, k;
	size_t pos = 0;
	int32_t cp;

	while (pos < len) {
		if (u[pos] < 0x80) {
			pos++;
			continue;
		}
		pos += text_utf8_decode(u + pos, len - pos, &cp);
		if (cp == BAD_CP)
			continue;
		if (text_is_diacritic(cp))
			return true;
		/* Canonical decompositions are at most 4 code points. */
		r = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
		for (k = 0; k < r && k < 8; k++)
			if (text_is_diacritic(d[k]))
				return true;
	}
	return false;
}
