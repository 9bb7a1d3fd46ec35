/* import_tok.c - a paragraph as words, punctuation and sentences.
 *
 * The paragraph is folded once (text_fold: NFC and full case folding,
 * with a map back to the text), and the folded text is cut into
 * tokens: a word is a run of letters, marks and digits; every other
 * character that is not white space is a token of its own.  Matching
 * works on the folded text, so "UK", "uk" and "Uk" are one word;
 * capitals are read from the original text, through the map. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "import/import_int.h"
#include "base/text.h"
#include "base/xmalloc.h"

enum cclass { C_WORD, C_SPACE, C_PUNCT };

static enum cclass
tok_class(int32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_')
			return C_WORD;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r')
			return C_SPACE;
		return C_PUNCT;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_CF:
		return C_WORD;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return C_SPACE;
	default:
		return C_PUNCT;
	}
}

/* The code point at s[0..len), len >= 1; U+FFFD for a bad unit. */
static size_t
tok_decode(const char *s, size_t len, int32_t *cp)
{
	utf8proc_ssize_t n;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	    (utf8proc_ssize_t)len, cp);
	if (n <= 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return (size_t)n;
}

void
tok_para_init(struct para *p, struct idoc *doc, const char *text, size_t len)
{
	memset(p, 0, sizeof *p);
	p->doc = doc;
	p->text = text;
	p->len = len;
}

void
tok_para_free(struct para *p)
{
	free(p->fold);
	free(p->map);
	free(p->t);
	free(p->sents);
	free(p->q);
	free(p->m);
	free(p->c);
	memset(p, 0, sizeof *p);
}

/* Capitals, read from the original text of a word. */
static unsigned
tok_case(const char *s, size_t len)
{
	unsigned flags = 0;
	size_t i = 0, letters = 0, upper = 0;
	int32_t cp;
	int cat;

	while (i < len) {
		i += tok_decode(s + i, len - i, &cp);
		if (cp >= 'a' && cp <= 'z')
			cat = UTF8PROC_CATEGORY_LL;
		else if (cp >= 'A' && cp <= 'Z')
			cat = UTF8PROC_CATEGORY_LU;
		else if (cp >= '0' && cp <= '9')
			cat = UTF8PROC_CATEGORY_ND;
		else
			cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
			upper++;
			letters++;
		} else if (cat == UTF8PROC_CATEGORY_LL ||
		    cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_LM)
			letters++;
		if (flags == 0) {
			if (upper > 0)
				flags = T_CAP;
			else if (letters > 0)
				flags = T_LOWER;
			else if (cat == UTF8PROC_CATEGORY_ND)
				flags = T_DIGIT;
			else
				flags = T_LOWER;	/* marks and the like */
		}
	}
	if (letters >= 2 && upper == letters)
		flags |= T_UPPER;
	return flags;
}

static struct tok *
tok_push(struct para *p)
{
	struct tok *t;

	if (p->nt == p->tcap) {
		p->tcap = p->tcap ? p->tcap * 2 : 64;
		p->t = xreallocarray(p->t, p->tcap, sizeof *p->t);
	}
	t = &p->t[p->nt++];
	memset(t, 0, sizeof *t);
	t->quote = NONE;
	t->mention = NONE;
	t->claim = NONE;
	t->cp = -1;
	return t;
}

/* The text bytes of folded bytes [fs, fe): a token never ends inside
 * the text of a character, even when folding made several of one. */
static void
tok_source(struct para *p, struct tok *t)
{
	size_t j;

	t->s = p->map[t->fs];
	t->e = p->map[t->fe];
	for (j = t->fe; t->e <= t->s && j < p->flen; j++)
		t->e = p->map[j + 1];
	if (t->e <= t->s)
		t->e = p->len;
}

static void
tok_words(struct para *p)
{
	size_t i = 0, n;
	bool space = false;
	int32_t cp;
	struct tok *t;
	enum cclass c;

	while (i < p->flen) {
		n = tok_decode(p->fold + i, p->flen - i, &cp);
		c = tok_class(cp);
		if (c == C_SPACE) {
			space = true;
			i += n;
			continue;
		}
		t = tok_push(p);
		t->fs = i;
		t->flags = space ? T_SPACE : 0;
		space = false;
		if (c == C_PUNCT) {
			t->cp = cp;
			i += n;
		} else {
			for (i += n; i < p->flen; i += n) {
				n = tok_decode(p->fold + i, p->flen - i, &cp);
				if (tok_class(cp) != C_WORD)
					break;
			}
			t->flags |= T_WORD;
		}
		t->fe = i;
		tok_source(p, t);
		if (t->flags & T_WORD) {
			t->flags |= tok_case(p->text + t->s, t->e - t->s);
			t->lex = lex_lookup(p->fold + t->fs, t->fe - t->fs);
		}
	}
}

/* ---- sentences ---------------------------------------------------- */

static bool
tok_is_closing(int32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\'' ||
	    cp == ')' || cp == ']' || cp == 0xBB;
}

static bool
tok_is_opening(int32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0x201E || cp == 0xAB ||
	    cp == '(' || cp == '[';
}

/* Whether the full stop, question or exclamation mark at i ends its
 * sentence; *last is the last token that belongs to it. */
static bool
tok_ends(const struct para *p, size_t i, size_t *last)
{
	const struct tok *t = p->t;
	size_t j = i + 1;
	bool stop = t[i].cp == '.';

	if (t[i].cp != '.' && t[i].cp != '!' && t[i].cp != '?' &&
	    t[i].cp != 0x2026)
		return false;
	/* "3.5", "bbc.co.uk", "...": not an end yet. */
	if (j < p->nt && !(t[j].flags & T_SPACE) &&
	    ((t[j].flags & T_WORD) || t[j].cp == '.'))
		return false;
	while (j < p->nt && !(t[j].flags & T_WORD) && tok_is_closing(t[j].cp) &&
	    !(t[j].flags & T_SPACE && t[j].cp == '"'))
		j++;
	*last = j - 1;
	if (j >= p->nt)
		return true;
	if ((t[j].flags & T_WORD) && (t[j].flags & T_LOWER))
		return false;
	if (stop && i > 0 && (t[i - 1].flags & T_WORD) && *last == i) {
		if (tok_in(p, i - 1, LEX_ABBREV))
			return false;
		/* An initial: "J. Smith", "U.S. officials". */
		if (t[i - 1].fe - t[i - 1].fs == 1 && (t[i - 1].flags & T_CAP))
			return false;
	}
	return true;
}

static void
tok_sentences(struct para *p)
{
	size_t i, last, cap = 16;
	bool start = true;

	p->sents = xreallocarray(NULL, cap, sizeof *p->sents);
	p->nsent = 0;
	p->sents[0] = 0;
	for (i = 0; i < p->nt; i++) {
		struct tok *t = &p->t[i];

		if (p->nsent + 2 > cap) {
			cap *= 2;
			p->sents = xreallocarray(p->sents, cap,
			    sizeof *p->sents);
		}
		t->sent = p->nsent;
		if (t->flags & T_WORD) {
			if (start)
				t->flags |= T_SENT;
			start = false;
			continue;
		}
		if (tok_is_opening(t->cp) || (t->cp == '"'
		    && (t->flags & T_SPACE ||
		    i == 0)))
			start = true;
		if (!tok_ends(p, i, &last))
			continue;
		t->flags |= T_END;
		for (; i < last; i++)
			p->t[i + 1].sent = p->nsent;
		p->sents[++p->nsent] = i + 1;
		start = true;
	}
	if (p->nt == 0 || p->sents[p->nsent] != p->nt)
		p->sents[++p->nsent] = p->nt;
}

void
tok_para_tokenise(struct para *p)
{
	p->fold = text_fold(p->text, p->len, &p->flen, &p->map);
	tok_words(p);
	tok_sentences(p);
}

/* ---- the first pass's words --------------------------------------- */

void
tok_word_scan_init(struct word_scan *w, const char *s, size_t len)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->len = len;
	w->start = true;
}

/* Folds the word into w->fold: ASCII by hand, the rest by text_fold. */
static void
tok_word_fold(struct word_scan *w, bool ascii)
{
	size_t n = w->we - w->ws, i;
	char *f;

	w->flen = 0;
	if (ascii) {
		if (n > sizeof w->fold)
			return;
		for (i = 0; i < n; i++) {
			char c = w->s[w->ws + i];

			w->fold[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
		}
		w->flen = n;
		return;
	}
	f = text_fold(w->s + w->ws, n, &i, NULL);
	if (i <= sizeof w->fold) {
		memcpy(w->fold, f, i);
		w->flen = i;
	}
	free(f);
}

bool
tok_word_scan_next(struct word_scan *w)
{
	const char *s = w->s;
	size_t i = w->pos, n;
	bool space = true, ascii = true, stop = false;
	unsigned prev = w->flags;
	size_t prevlen = w->flen;
	enum cclass c;
	int32_t cp;

	/* To the next word, through spaces and punctuation. */
	while (i < w->len) {
		n = tok_decode(s + i, w->len - i, &cp);
		c = tok_class(cp);
		if (c == C_WORD)
			break;
		if (c == C_PUNCT) {
			space = false;
			if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
				stop = true;
			else if (tok_is_opening(cp) || cp == '"')
				w->start = true;
		} else if (stop)
			w->start = true;
		i += n;
	}
	if (i >= w->len)
		return false;
	/* "Mr. Smith", "J. Smith": no end of sentence. */
	if (stop && w->start && prevlen > 0 &&
	    ((prev & T_CAP && prevlen == 1) ||
	    (lex_lookup(w->fold, prevlen) & (uint32_t)1 << LEX_ABBREV)))
		w->start = false;
	w->ws = i;
	while (i < w->len) {
		n = tok_decode(s + i, w->len - i, &cp);
		if (tok_class(cp) != C_WORD)
			break;
		ascii &= cp < 0x80;
		i += n;
	}
	w->we = w->pos = i;
	tok_word_fold(w, ascii);
	w->flags = tok_case(s + w->ws, w->we - w->ws);
	if (space)
		w->flags |= T_SPACE;
	if (w->start)
		w->flags |= T_SENT;
	w->start = false;
	w->lex = w->flen > 0 ? lex_lookup(w->fold, w->flen) : 0;
	return true;
}

/* ---- looking at tokens -------------------------------------------- */

const char *
tok_str(const struct para *p, size_t i, size_t *len)
{
	*len = p->t[i].fe - p->t[i].fs;
	return p->fold + p->t[i].fs;
}

bool
tok_is(const struct para *p, size_t i, const char *w)
{
	size_t len;
	const char *s;

	if (i >= p->nt || !(p->t[i].flags & T_WORD))
		return false;
	s = tok_str(p, i, &len);
	/* Called for many words a token: reject on the first letter
	 * before measuring w. */
	return len > 0 && s[0] == w[0] && strncmp(s, w, len) == 0 &&
	    w[len] == '\0';
}

bool
tok_punct(const struct para *p, size_t i, int32_t cp)
{
	return i < p->nt && p->t[i].cp == cp;
}

bool
tok_word(const struct para *p, size_t i)
{
	return i < p->nt && (p->t[i].flags & T_WORD);
}

size_t
tok_count_words(const struct para *p, size_t a, size_t b)
{
	size_t n = 0;

	for (; a < b; a++)
		n += tok_word(p, a);
	return n;
}

bool
tok_apostrophe(const struct para *p, size_t i)
{
	return tok_punct(p, i, '\'') || tok_punct(p, i, 0x2019);
}

size_t
tok_sent_first(const struct para *p, size_t i)
{
	return p->sents[p->t[i].sent];
}

size_t
tok_sent_end(const struct para *p, size_t i)
{
	return p->sents[p->t[i].sent + 1];
}

bool
tok_in(const struct para *p, size_t i, enum lex l)
{
	return i < p->nt && (p->t[i].lex & (uint32_t)1 << l) != 0;
}
