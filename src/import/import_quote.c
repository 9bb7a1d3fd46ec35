/* import_quote.c - quotations and who said them.
 *
 * Quotation marks are paired first, before any name is looked for, so
 * that names stay inside or outside a quotation.  “…” and «…» pair up
 * as they are written; a straight "…" opens before a word and closes
 * after one; ‘…’ is a quotation of its own only outside a double one
 * (inside, it is the nested quotation of the same speaker, which the
 * story format keeps as part of the outer quote), and its closing ’ is
 * told from an apostrophe by what follows it.  A quotation still open
 * at the end of a paragraph runs on, and the next paragraph's opening
 * mark continues it, with the same speaker.
 *
 * The speaker comes from the attribution around the quotation, in this
 * order: after it ("…,” Lewis said; “…,” said the spokesperson), before
 * it in the same sentence (Lewis said: “…”; Lewis told the BBC that …
 * “…”; according to Lewis, “…”), or from another quotation of the same
 * paragraph that has one.  A quotation with no speaker stays plain
 * text: the format has no quote without one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import/import_int.h"
#include "base/xmalloc.h"

#define SPEAKER_WINDOW	6	/* words between a quotation and "said" */
#define NP_WORDS	4	/* "a senior government spokesperson" */
#define TITLE_WORDS	3	/* "said council leader Priya Shah" */

bool
quote_is_speech_verb(const struct para *p, size_t i)
{
	return tok_in(p, i, LEX_SPEECH) && p->t[i].quote == NONE;
}

/* ---- pairing the marks -------------------------------------------- */

static size_t
quote_region_add(struct para *p, size_t open, size_t close)
{
	struct qregion *q;
	size_t a = open == NONE ? 0 : open + 1;
	size_t b = close == NONE ? p->nt : close;
	size_t i;

	while (b > a && !(p->t[b - 1].flags & T_WORD) &&
	    close == NONE && p->t[b - 1].cp != '.' && p->t[b - 1].cp != '?' &&
	    p->t[b - 1].cp != '!')
		b--;
	if (b <= a)
		return NONE;
	if (p->nq == p->qcap) {
		p->qcap = p->qcap ? p->qcap * 2 : 8;
		p->q = xreallocarray(p->q, p->qcap, sizeof *p->q);
	}
	q = &p->q[p->nq];
	memset(q, 0, sizeof *q);
	q->open = open;
	q->close = close;
	q->a = a;
	q->b = b;
	q->start = p->t[a].s;
	q->end = p->t[b - 1].e;
	q->speaker = NONE;
	q->open_end = close == NONE;
	for (i = a; i < b; i++)
		p->t[i].quote = p->nq;
	if (open != NONE)
		p->t[open].flags |= T_MARK;
	if (close != NONE)
		p->t[close].flags |= T_MARK;
	return p->nq++;
}

/* A straight quotation mark opens before a word, closes after one. */
static bool
quote_straight_opens(const struct para *p, size_t i)
{
	return i + 1 < p->nt && !(p->t[i + 1].flags & T_SPACE) &&
	    (i == 0 || (p->t[i].flags & T_SPACE) ||
	    !(p->t[i - 1].flags & T_WORD));
}

/* A ’ closes a single quotation unless a word goes on right after it
 * ("it’s") or it ends a plural possessive mid-phrase. */
static bool
quote_single_closes(const struct para *p, size_t i)
{
	return i + 1 >= p->nt || (p->t[i + 1].flags & T_SPACE) ||
	    !(p->t[i + 1].flags & T_WORD);
}

void
quote_regions(struct para *p)
{
	size_t i, dq = NONE, sq = NONE;
	int32_t cp, want = 0;

	for (i = 0; i < p->nt; i++) {
		if (p->t[i].flags & T_WORD)
			continue;
		cp = p->t[i].cp;
		if (dq == NONE && sq == NONE && (cp == 0x201C || cp == 0xAB ||
		    cp == 0x201E || (cp == '"' && quote_straight_opens(p,
		    i)))) {
			dq = i;
			want = cp == 0x201C || cp == 0x201E ? 0x201D :
			    cp == 0xAB ? 0xBB : '"';
		} else if (dq != NONE && (cp == want ||
		    (want == 0x201D && cp == 0x201C && p->t[dq].cp == 0x201E))) {
			quote_region_add(p, dq, i);
			dq = NONE;
		} else if (dq == NONE && sq == NONE && cp == 0x2018 &&
		    i + 1 < p->nt && !(p->t[i + 1].flags & T_SPACE)) {
			sq = i;
		} else if (sq != NONE && cp == 0x2019 && quote_single_closes(p,
		    i)) {
			quote_region_add(p, sq, i);
			sq = NONE;
		}
	}
	/* Left open: it runs on into the next paragraph. */
	if (dq != NONE)
		quote_region_add(p, dq, NONE);
	else if (sq != NONE)
		quote_region_add(p, sq, NONE);
	if (p->nq > 0 && p->doc->open_speaker != NONE &&
	    p->q[0].open == 0)
		p->q[0].continued = true;
}

/* ---- speakers ----------------------------------------------------- */

static bool
quote_is_word(const struct para *p, size_t i)
{
	return i < p->nt && (p->t[i].flags & T_WORD);
}

/* A speaker with no name, the noun phrase [a, b) ending in a speaker
 * noun: made an actor, with its mention.  Returns the actor or NONE. */
static size_t
quote_noun_speaker(struct para *p, size_t a, size_t b)
{
	size_t i;

	if (b <= a || !tok_in(p, b - 1, LEX_SPEAKER))
		return NONE;
	for (i = a; i < b; i++)
		if (!quote_is_word(p, i) || p->t[i].mention != NONE ||
		    p->t[i].quote != NONE)
			return NONE;
	return ner_phrase_actor(p, a, b);
}

/* The noun phrase that ends just before token end: back over small
 * words to its determiner. */
static size_t
quote_np_back(const struct para *p, size_t end, size_t first)
{
	size_t a = end, n = 0;

	while (a > first && n < NP_WORDS && quote_is_word(p, a - 1) &&
	    (p->t[a - 1].flags & T_LOWER || tok_is(p, a - 1, "a") ||
	    tok_is(p, a - 1, "the") || tok_is(p, a - 1, "an"))) {
		a--;
		n++;
		if (tok_is(p, a, "a") || tok_is(p, a, "an") ||
		    tok_is(p, a, "the"))
			return a;
	}
	return a == first ? a : NONE;
}

/* The noun phrase that starts at token a: its end, or NONE. */
static size_t
quote_np_forward(const struct para *p, size_t a)
{
	size_t b = a, n = 0;

	if (tok_is(p, b, "a") || tok_is(p, b, "an") || tok_is(p, b, "the"))
		b++;
	while (b < p->nt && n < NP_WORDS && quote_is_word(p, b) &&
	    (p->t[b].flags & T_LOWER) && p->t[b].mention == NONE) {
		b++;
		n++;
		if (tok_in(p, b - 1, LEX_SPEAKER))
			return b;
	}
	return NONE;
}

/* The speaker named by whatever starts at token i: a mention, or a
 * noun phrase like "the spokesperson"; *end is the token after it. */
static size_t
quote_speaker_at(struct para *p, size_t i, size_t *end)
{
	size_t m, b;

	if (i >= p->nt)
		return NONE;
	if ((m = p->t[i].mention) != NONE && p->m[m].a == i) {
		*end = p->m[m].b;
		return p->m[m].actor;
	}
	if ((b = quote_np_forward(p, i)) != NONE) {
		size_t actor, k = b;

		/* "its chief executive, Mark Fenwick, …": the person the
		 * description names. */
		while (k < p->nt && k < b + TITLE_WORDS && quote_is_word(p, k) &&
		    (p->t[k].flags & T_LOWER) && tok_in(p, k, LEX_TITLE))
			k++;
		if (k + 1 < p->nt && tok_punct(p, k, ',') &&
		    (m = p->t[k + 1].mention) != NONE && p->m[m].a == k + 1 &&
		    ner_person(p->doc, p->m[m].actor)) {
			*end = p->m[m].b;
			return p->m[m].actor;
		}
		actor = quote_noun_speaker(p, i, b);

		if (actor != NONE) {
			*end = b;
			return actor;
		}
	}
	return NONE;
}

/* “…,” Lewis said / “…,” said Lewis / “…,” according to Lewis. */
static size_t
quote_speaker_after(struct para *p, size_t close)
{
	size_t j = close + 1, end, actor, k;

	while (j < p->nt && !(p->t[j].flags & T_WORD) &&
	    !(p->t[j].flags & T_MARK) && j <= close + 2)
		j++;
	if (j >= p->nt || !(p->t[j].flags & T_WORD))
		return NONE;
	/* "said Lewis", "said council leader Priya Shah" */
	if (quote_is_speech_verb(p, j)) {
		for (k = j + 1; k < p->nt && k <= j + 1 + TITLE_WORDS; k++) {
			if ((actor = quote_speaker_at(p, k, &end)) != NONE)
				return actor;
			if (!quote_is_word(p, k) || p->t[k].mention != NONE)
				break;
		}
		return NONE;
	}
	if (tok_is(p, j, "according") && tok_is(p, j + 1, "to"))
		return quote_speaker_at(p, j + 2, &end);
	/* "Lewis said", "librarian Mei Tanaka told". */
	for (k = j, actor = NONE; k < p->nt && k <= j + TITLE_WORDS; k++) {
		if ((actor = quote_speaker_at(p, k, &end)) != NONE)
			break;
		if (!quote_is_word(p, k) || !(p->t[k].flags & T_LOWER) ||
		    quote_is_speech_verb(p, k))
			break;
	}
	if (actor == NONE)
		return NONE;
	/* "Acme chief executive Laura Martin told": past the company and
	 * the title to the person. */
	if (!quote_is_speech_verb(p, end)) {
		size_t k2 = end, end2, a2;

		while (k2 < p->nt && k2 < end + TITLE_WORDS &&
		    (p->t[k2].flags & T_SKIP))
			k2++;
		if (k2 > end && (a2 = quote_speaker_at(p, k2, &end2)) != NONE &&
		    quote_is_speech_verb(p, end2))
			return a2;
	}
	/* "Lewis later said", "the spokesperson also told". */
	while (end < p->nt && end < j + SPEAKER_WINDOW && quote_is_word(p, end) &&
	    !quote_is_speech_verb(p, end) && (p->t[end].flags & T_LOWER) &&
	    p->t[end].fe - p->t[end].fs > 2 &&
	    (memcmp(p->fold + p->t[end].fe - 2, "ly", 2) == 0 ||
	    tok_is(p, end, "also") || tok_is(p, end, "later") ||
	    tok_is(p, end, "has") || tok_is(p, end, "had")))
		end++;
	return quote_is_speech_verb(p, end) ? actor : NONE;
}

/* Lewis said: “…” / Lewis told the BBC that … “…” / according to
 * Lewis, “…”. */
static size_t
quote_speaker_before(struct para *p, size_t open)
{
	size_t first = tok_sent_first(p, open), v, m, a, end, actor;

	if (open == NONE || open == 0)
		return NONE;
	if (open > first + IMPORT_REACH)
		first = open - IMPORT_REACH;
	for (v = open; v > first; v--) {
		size_t k = v - 1;

		if (p->t[k].quote != NONE || (p->t[k].flags & T_MARK))
			break;
		if (tok_is(p, k, "according") && tok_is(p, k + 1, "to")) {
			actor = quote_speaker_at(p, k + 2, &end);
			if (actor != NONE)
				return actor;
		}
		if (!quote_is_speech_verb(p, k))
			continue;
		m = ner_subject(p, first, k);
		if (m != NONE)
			return p->m[m].actor;
		/* "said Lewis: “…”" */
		actor = quote_speaker_at(p, k + 1, &end);
		if (actor != NONE)
			return actor;
		a = quote_np_back(p, k, first);
		if (a != NONE && (actor = quote_noun_speaker(p, a, k)) != NONE)
			return actor;
		return NONE;
	}
	return NONE;
}

/* “…,” she said, “…” or “…,” she said. “…”: quote i follows the quote
 * before it across no more than its attribution, and its speaker is
 * no guess. */
static bool
quote_split(const struct para *p, size_t i)
{
	const struct qregion *a = &p->q[i - 1], *b = &p->q[i];

	return a->close != NONE && b->open != NONE && b->open > a->close &&
	    b->open - a->close <= SPEAKER_WINDOW + TITLE_WORDS + 3;
}

void
quote_speakers(struct para *p)
{
	struct idoc *doc = p->doc;
	size_t i, last;

	for (i = 0; i < p->nq; i++) {
		struct qregion *q = &p->q[i];

		if (q->continued)
			q->speaker = doc->open_speaker;
		if (q->speaker == NONE && q->close != NONE)
			q->speaker = quote_speaker_after(p, q->close);
		if (q->speaker == NONE)
			q->speaker = quote_speaker_before(p, q->open);
	}
	/* “…,” he said. “…”: the same speaker for the paragraph's others. */
	for (last = NONE, i = 0; i < p->nq; i++) {
		if (p->q[i].speaker != NONE)
			last = p->q[i].speaker;
		else if ((p->q[i].speaker = last) != NONE)
			p->q[i].guessed = i > 0 && !quote_split(p, i);
	}
	for (last = NONE, i = p->nq; i > 0; i--) {
		if (p->q[i - 1].speaker != NONE)
			last = p->q[i - 1].speaker;
		else if ((p->q[i - 1].speaker = last) != NONE)
			p->q[i - 1].guessed = true;
	}
	for (i = 0; i < p->nq; i++)
		if (p->q[i].speaker != NONE)
			doc->last_speaker = p->q[i].speaker;
	doc->open_speaker = p->nq > 0 && p->q[p->nq - 1].open_end ?
	    p->q[p->nq - 1].speaker : NONE;
}
