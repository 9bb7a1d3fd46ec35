/* import_text.c - the plain-text front end.
 *
 * The shape of an article copied out of a browser or a press release:
 *
 *   [dateline]            Sunday 12 January 2020 5:06 pm
 *   headline              US officials to hold last-ditch talks …
 *   [byline]              By Jane Doe
 *   paragraphs            separated by blank lines, or by single
 *                         newlines when the text has no blank lines
 *   "Read more: TITLE"    (also "Related:", "See also:") a related item
 *
 * First the bytes are made clean: a UTF-8 byte order mark is skipped,
 * CRLF and CR become LF, tabs become spaces, invalid UTF-8 becomes
 * U+FFFD and control characters are dropped, each with one warning
 * that names the first line it happened on.  In a text with blank
 * lines, the lines between two blank lines are one paragraph (hard
 * wrapped) unless they are long; without blank lines, a line is a
 * paragraph unless it is short and stops mid-sentence. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "base/xmalloc.h"

#define REPLACEMENT	"\xEF\xBF\xBD"
#define WRAP_MAX	100	/* characters: a longer line is not wrapped */
#define HEADLINE_MAX	250	/* characters: a longer first line is a
				 * paragraph, and the headline is missing */
#define DATELINE_MAX	100	/* bytes */
#define BINARY_SHARE	10	/* per cent of bad bytes that make a file
				 * binary rather than text */

struct cleaner {
	struct idoc	*doc;
	struct buf	 out;
	unsigned long	 line;
	unsigned long	 bad_line, bad_lines;	/* invalid UTF-8 */
	unsigned long	 ctl_line, ctl_lines;	/* control characters */
	size_t		 bad_bytes;
};

static void
import_text_clean_note(unsigned long *first, unsigned long *count,
    unsigned long line,
    unsigned long *last)
{
	if (*first == 0)
		*first = line;
	if (*last != line)
		(*count)++;
	*last = line;
}

/* The bytes, made valid UTF-8 with LF line ends and no controls. */
static bool
import_text_clean(struct cleaner *c, const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	size_t i = 0;
	unsigned long last_bad = 0, last_ctl = 0;
	utf8proc_ssize_t n;
	int32_t cp;

	c->line = 1;
	/* The clean text is the size of the input (more only where U+FFFD
	 * stands for a bad byte): reserved once, not doubled. */
	buf_reserve(&c->out, len + 64);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		if (u[i] >= 0x20 && u[i] < 0x7F) {
			size_t run = i;

			while (i < len && u[i] >= 0x20 && u[i] < 0x7F)
				i++;
			buf_append(&c->out, data + run, i - run);
			continue;
		}
		if (u[i] == '\n' || u[i] == '\r') {
			if (u[i] == '\r' && i + 1 < len && u[i + 1] == '\n')
				i++;
			buf_putc(&c->out, '\n');
			c->line++;
			i++;
			continue;
		}
		if (u[i] == '\t') {
			buf_putc(&c->out, ' ');
			i++;
			continue;
		}
		n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			/* One U+FFFD for each bad byte. */
			buf_append(&c->out, REPLACEMENT, 3);
			import_text_clean_note(&c->bad_line, &c->bad_lines,
			    c->line,
			    &last_bad);
			c->bad_bytes++;
			i++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			import_text_clean_note(&c->ctl_line, &c->ctl_lines,
			    c->line,
			    &last_ctl);
			c->bad_bytes += (size_t)n;
		} else if (cp == 0x2028 || cp == 0x2029)
			buf_putc(&c->out, '\n');
		else
			buf_append(&c->out, data + i, (size_t)n);
		i += (size_t)n;
	}
	if (len >= 64 && c->bad_bytes * 100 > len * BINARY_SHARE) {
		import_doc_warn(c->doc, c->bad_line ? c->bad_line : c->ctl_line,
		    "not a text article: %zu of its %zu bytes are not text",
		    c->bad_bytes, len);
		return false;
	}
	if (c->bad_line != 0)
		import_doc_warn(c->doc, c->bad_line, "warning: invalid UTF-8 "
		    "replaced by U+FFFD%s", c->bad_lines > 1 ?
		    " (here and on later lines)" : "");
	if (c->ctl_line != 0)
		import_doc_warn(c->doc, c->ctl_line,
		    "warning: control characters "
		    "dropped%s", c->ctl_lines > 1 ?
		    " (here and on later lines)" : "");
	return true;
}

/* ---- lines -------------------------------------------------------- */

enum line_kind { L_BLANK, L_TEXT, L_RELATED };

/* 32 bytes, not 48: a text of short paragraphs has two lines for each
 * (the blank one between), and a line may be one byte of the input.
 * 32 bits suffice, as the input is at most 2 GiB (--max-size). */
struct line {
	char		*s;		/* trimmed, single spaces, in the
					 * clean text */
	uint32_t	 len;
	uint32_t	 chars;		/* code points */
	uint32_t	 no;
	uint32_t	 title;		/* L_RELATED: where the title starts */
	enum line_kind	 kind;
};

static bool
import_text_has_alnum(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	utf8proc_ssize_t n;
	int cat;

	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return false;
		cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
			return true;
		i += (size_t)n;
	}
	return false;
}

static size_t
import_text_count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static const char *related_labels[] = {
	"read more", "related", "see also", "also read", "more on this",
	"related article", "related story", "read also",
};

/* "Read more: TITLE": where TITLE starts, or 0. */
static size_t
import_text_related_title(const char *s, size_t len)
{
	size_t k, n, i;

	for (k = 0; k < sizeof related_labels / sizeof related_labels[0];
	    k++) {
		n = strlen(related_labels[k]);
		if (len <= n || strncasecmp(s, related_labels[k], n) != 0)
			continue;
		i = n;
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && (s[i] == ':' || s[i] == '-' || s[i] == '|' ||
		    s[i] == '>'))
			i++;
		else if (i + 3 <= len && (memcmp(s + i, "\xE2\x80\x93", 3) ==
		    0 || memcmp(s + i, "\xE2\x80\x94", 3) == 0 ||
		    memcmp(s + i, "\xC2\xBB", 2) == 0))
			i += (unsigned char)s[i] == 0xC2 ? 2 : 3;
		else
			continue;
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && import_text_has_alnum(s + i, len - i))
			return i;
	}
	return 0;
}

/* Splits the clean text into trimmed lines with single spaces, in
 * place: a line never grows, so each is rewritten where it stands and
 * ends with a NUL where its newline (or less) was.  The lines point
 * into s, which must outlive them; no line costs an allocation. */
static struct line *
import_text_lines(char *s, size_t len, size_t *np)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0, i = 0, j, w;
	unsigned long no = 1;

	while (i <= len) {
		bool space = false;

		for (j = w = i; j < len && s[j] != '\n'; ) {
			if (s[j] == ' ') {
				space = true;
				j++;
				continue;
			}
			if (space && w > i)
				s[w++] = ' ';
			space = false;
			while (j < len && s[j] != '\n' && s[j] != ' ')
				s[w++] = s[j++];
		}
		v = xgrow(v, n, &cap, sizeof *v);
		v[n].s = s + i;
		v[n].len = (uint32_t)(w - i);
		s[w] = '\0';
		v[n].chars = (uint32_t)import_text_count_chars(v[n].s,
		    v[n].len);
		v[n].no = (uint32_t)no++;
		v[n].title = 0;
		if (!import_text_has_alnum(v[n].s, v[n].len))
			v[n].kind = L_BLANK;	/* also "###", "* * *" */
		else if ((v[n].title =
		    (uint32_t)import_text_related_title(v[n].s,
		    v[n].len)) > 0)
			v[n].kind = L_RELATED;
		else
			v[n].kind = L_TEXT;
		n++;
		i = j + 1;
	}
	*np = n;
	return v;
}

static void
import_text_lines_free(struct line *v, size_t n)
{
	(void)n;
	free(v);
}

static size_t
import_text_next_text(const struct line *v, size_t n, size_t i)
{
	while (i < n && v[i].kind == L_BLANK)
		i++;
	return i;
}

/* ---- the head ----------------------------------------------------- */

static bool
import_text_is_dateline(const struct line *l, char **when)
{
	size_t words;
	char *w;

	if (l->kind != L_TEXT || l->len > DATELINE_MAX)
		return false;
	w = date_parse(l->s, l->len, &words);
	if (w == NULL || words > 2) {
		free(w);
		return false;
	}
	*when = w;
	return true;
}

static bool
import_text_is_label(const struct line *l)
{
	static const char *labels[] = { "for immediate release",
	    "press release", "news release", "embargoed" };
	size_t k;

	for (k = 0; k < sizeof labels / sizeof labels[0]; k++)
		if (strncasecmp(l->s, labels[k], strlen(labels[k])) == 0 &&
		    l->len < strlen(labels[k]) + 40)
			return true;
	return false;
}

static bool
import_text_is_byline(const struct line *l)
{
	return l->kind == L_TEXT && l->len < 100 && l->len > 3 &&
	    (strncmp(l->s, "By ", 3) == 0 || strncmp(l->s, "BY ", 3) == 0);
}

/* Dateline, headline, byline: returns the first line of the body, or
 * NONE (with an error) when there is no headline. */
static size_t
import_text_head(struct idoc *doc, struct line *v, size_t n)
{
	size_t i = import_text_next_text(v, n, 0), k;
	char *when = NULL;

	if (i == n) {
		import_doc_warn(doc, 1, "the file is empty");
		return NONE;
	}
	while (i < n && v[i].kind == L_TEXT && import_text_is_label(&v[i])) {
		import_doc_warn(doc, v[i].no, "note: '%s' left out", v[i].s);
		i = import_text_next_text(v, n, i + 1);
	}
	if (i < n && import_text_is_dateline(&v[i], &when)) {
		doc->dateline = xstrdup(v[i].s);
		doc->when = when;
		i = import_text_next_text(v, n, i + 1);
	}
	if (i == n || v[i].kind != L_TEXT) {
		import_doc_warn(doc, i < n ? v[i].no : v[n - 1].no,
		    "no headline: the article must start with one, after an "
		    "optional dateline");
		return NONE;
	}
	if (v[i].chars > HEADLINE_MAX) {
		import_doc_warn(doc, v[i].no,
		    "no headline: the first line is a "
		    "paragraph of %zu characters", (size_t)v[i].chars);
		return NONE;
	}
	doc->headline = xstrdup(v[i].s);
	i++;
	/* A byline or a dateline may follow the headline. */
	for (k = 0; k < 2; k++) {
		size_t j = import_text_next_text(v, n, i);

		if (j < n && doc->byline == NULL
		    && import_text_is_byline(&v[j])) {
			doc->byline = xstrdup(v[j].s + 3);
			i = j + 1;
		} else if (j < n && doc->dateline == NULL &&
		    import_text_is_dateline(&v[j], &when)) {
			doc->dateline = xstrdup(v[j].s);
			doc->when = when;
			i = j + 1;
		}
	}
	return i;
}

/* "LONDON, 3 March 2021 – Acme …": a dateline at the head of the first
 * paragraph is also the article's dateline (the paragraph keeps it). */
static void
import_text_inline_dateline(struct idoc *doc, const char *s, size_t len)
{
	static const char *dashes[] = { " \xE2\x80\x93 ", " \xE2\x80\x94 ",
	    " -- ", " - " };
	size_t k, words, end;
	const char *p;
	char *when;

	for (k = 0; k < sizeof dashes / sizeof dashes[0]; k++) {
		p = memmem(s, len < 80 ? len : 80, dashes[k],
		    strlen(dashes[k]));
		if (p == NULL)
			continue;
		end = (size_t)(p - s);
		when = date_parse(s, end, &words);
		if (when == NULL || words > 3) {
			free(when);
			continue;
		}
		doc->dateline = xstrndup(s, end);
		doc->when = when;
		return;
	}
}

/* The end of a place in capitals at s: "PARIS", "NEW YORK",
 * "WASHINGTON, D.C."; 0 if there is none. */
static size_t
import_text_caps_place(const char *s, size_t len)
{
	size_t i = 0, letters = 0, words = 1;

	while (i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.' ||
	    s[i] == '\'' || s[i] == '-' || (s[i] == ' ' && i + 1 < len &&
	    s[i + 1] >= 'A' && s[i + 1] <= 'Z' && words++ < 4) ||
	    (s[i] == ',' && i + 2 < len && s[i + 1] == ' ' &&
	    s[i + 2] >= 'A' && s[i + 2] <= 'Z' && i + 3 < len &&
	    (s[i + 3] == '.' || (s[i + 3] >= 'A' && s[i + 3] <= 'Z'))))) {
		letters += s[i] >= 'A' && s[i] <= 'Z';
		i++;
	}
	return letters >= 3 ? i : 0;
}

void
import_text_dateline_prefix(struct idoc *doc, struct iblock *blk)
{
	static const char *dashes[] = { " \xE2\x80\x93 ", " \xE2\x80\x94 ",
	    " -- ", " - " };
	const char *s = blk->text, *agency = NULL, *close;
	size_t len = blk->len, i = import_text_caps_place(s, len), k, alen = 0,
	    words;
	char *when = NULL;

	if (i == 0)
		return;
	/* ", 3 March 2021": a date after the place. */
	if (i + 2 < len && s[i] == ',') {
		for (k = 0; k < sizeof dashes / sizeof dashes[0]; k++) {
			const char *d = memmem(s + i, len - i < 40 ? len - i :
			    40, dashes[k], strlen(dashes[k]));
			const char *par = memchr(s + i, '(', len - i < 40 ?
			    len - i : 40);
			const char *stop = par != NULL && (d == NULL ||
			    par < d) ? par - 1 : d;

			if (stop == NULL)
				continue;
			when = date_parse(s + i + 1, (size_t)(stop - s - i - 1),
			    &words);
			if (when != NULL && words <= 1) {
				i = (size_t)(stop - s);
				break;
			}
			free(when);
			when = NULL;
		}
	}
	if (i + 3 < len && s[i] == ' ' && s[i + 1] == '(' &&
	    (close = memchr(s + i + 2, ')', len - i - 2 < 40 ? len - i - 2 :
	    40)) != NULL) {
		agency = s + i + 2;
		alen = (size_t)(close - agency);
		i = (size_t)(close - s) + 1;
	}
	for (k = 0; k < sizeof dashes / sizeof dashes[0]; k++)
		if (len - i > strlen(dashes[k]) && memcmp(s + i, dashes[k],
		    strlen(dashes[k])) == 0)
			break;
	if (k == sizeof dashes / sizeof dashes[0]) {
		free(when);
		return;
	}
	blk->skip = i + strlen(dashes[k]);
	if (doc->dateline == NULL) {
		doc->dateline = xstrndup(s, i);
		doc->when = when;
		when = NULL;
	}
	if (doc->source == NULL && agency != NULL && alen > 0)
		doc->source = xstrndup(agency, alen);
	free(when);
}

/* ---- the body ----------------------------------------------------- */

static bool
import_text_ends_sentence(const struct line *l)
{
	const char *end = l->s + l->len;

	if (l->len == 0)
		return true;
	if (strchr(".!?:\"')", end[-1]) != NULL)
		return true;
	/* ” ’ » and … */
	return l->len >= 3 && ((unsigned char)end[-3] == 0xE2 &&
	    (unsigned char)end[-2] == 0x80 && ((unsigned char)end[-1] == 0x9D ||
	    (unsigned char)end[-1] == 0x99 || (unsigned char)end[-1] == 0xA6));
}

/* The paragraph becomes a block: a long one takes its buffer, so that
 * it is not held twice; a short one is copied, and the buffer kept for
 * the next (a buffer cut down to each short paragraph leaves a hole in
 * the heap beside it). */
static void
import_text_flush(struct idoc *doc, struct buf *para, unsigned long line)
{
	size_t len = para->len;

	if (len == 0)
		return;
	if (len < IMPORT_PARA_MAX) {
		import_doc_add_block(doc, false, xstrndup(para->data, len), len,
		    line);
		buf_truncate(para, 0);
		return;
	}
	import_doc_add_block(doc, false, xreallocarray(buf_detach(para),
	    len + 1, 1),
	    len, line);
}

static void
import_text_body(struct idoc *doc, struct line *v, size_t n, size_t i)
{
	struct buf para = BUF_INIT;
	unsigned long line = 0;
	size_t k, prev = NONE;
	bool blanks = false, seen = false;

	for (k = i; k < n; k++) {
		if (v[k].kind != L_BLANK)
			seen = true;
		else if (seen && import_text_next_text(v, n, k) < n)
			blanks = true;
	}
	for (k = i; k < n; k++) {
		const struct line *l = &v[k];

		if (l->kind == L_BLANK) {
			import_text_flush(doc, &para, line);
			prev = NONE;
			continue;
		}
		if (l->kind == L_RELATED) {
			import_text_flush(doc, &para, line);
			import_doc_add_block(doc, true,
			    xstrdup(l->s + l->title),
			    l->len - l->title, l->no);
			prev = NONE;
			continue;
		}
		if (prev != NONE && (v[prev].chars > WRAP_MAX ||
		    (!blanks && import_text_ends_sentence(&v[prev]))))
			import_text_flush(doc, &para, line);
		if (para.len == 0)
			line = l->no;
		else
			buf_putc(&para, ' ');
		buf_append(&para, l->s, l->len);
		prev = k;
	}
	import_text_flush(doc, &para, line);
	buf_free(&para);
}

/* Whether the clean text has at most IMPORT_MAX_LINES lines; else
 * one message, before any line is made. */
static bool
import_text_lines_fit(struct idoc *doc, const char *s, size_t len)
{
	const char *end, *nl;
	size_t n = 1;

	if (s == NULL)
		return true;
	for (end = s + len; s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL;
	    s = nl + 1)
		if (++n > IMPORT_MAX_LINES) {
			diag_add(doc->d, doc->name, 0, "more than %zu lines: "
			    "a text to import has at most that many (newslens(1) "
			    "says why)", IMPORT_MAX_LINES);
			return false;
		}
	return true;
}

bool
import_text_front(struct idoc *doc, const char *data, size_t len)
{
	struct cleaner c;
	struct line *v;
	size_t n, body, k;
	bool ok = false;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	if (!import_text_clean(&c, data, len)) {
		buf_free(&c.out);
		return false;
	}
	import_doc_release_input(doc);
	if (!import_text_lines_fit(doc, c.out.data, c.out.len)) {
		buf_free(&c.out);
		return false;
	}
	buf_putc(&c.out, '\n');	/* a buffer, even when empty */
	v = import_text_lines(c.out.data, c.out.len - 1, &n);
	body = import_text_head(doc, v, n);
	if (body != NONE) {
		import_text_body(doc, v, n, body);
		if (doc->dateline == NULL)
			for (k = 0; k < doc->nblocks; k++)
				if (!doc->blocks[k].related) {
					import_text_inline_dateline(doc,
					    doc->blocks[k].text,
					    doc->blocks[k].len);
					break;
				}
		ok = true;
	}
	import_text_lines_free(v, n);
	buf_free(&c.out);
	return ok;
}
