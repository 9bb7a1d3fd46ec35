/* import_claim.c - assertions a reader may want to weigh.
 *
 * A claim is found from the way reported speech is written:
 *
 *   X warned (Y) that CLAIM      X said: CLAIM      X suggested CLAIM
 *   X has denied CLAIM           X has accused Y of CLAIM
 *   … over fears that CLAIM      according to X, CLAIM
 *
 * The claim runs from the words after the verb (or after "that") to
 * the end of the clause: the end of the sentence, a semicolon, or a
 * comma before "and", "but", "while" or an attribution.  A denial or an
 * accusation is the whole clause, verb included.  "by" is the subject:
 * the first mention of the clause before the verb (a clause with none,
 * "… and has accused …", borrows the sentence's); "about" is the actors
 * mentioned inside the claim.  A claim never starts inside a quotation
 * (the format has no claim inside a quote), takes in whole any
 * quotation or mention it would cut, and never overlaps another. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "import/import_int.h"
#include "base/xmalloc.h"

enum pattern { PAT_NONE, PAT_THAT, PAT_DENY, PAT_ACCUSE, PAT_FEAR,
	PAT_ACCORDING };

#define THAT_WINDOW	12	/* words between "warned" and "that" */
#define MIN_WORDS	3	/* a shorter claim says too little */

static bool
claim_quoted(const struct para *p, size_t i)
{
	return p->t[i].quote != NONE || (p->t[i].flags & T_MARK);
}

/* Whether the words from i on are a short attribution that ends its
 * sentence or clause: "Lewis.", "council leader Priya Shah,". */
static bool
claim_attribution_ends(const struct para *p, size_t i)
{
	size_t k;
	bool named = false;

	for (k = i; k < p->nt && k <= i + 5 && tok_word(p, k); k++)
		named |= p->t[k].mention != NONE;
	return named && (k == p->nt || (p->t[k].flags & T_END) ||
	    tok_punct(p, k, ','));
}

/* Whether a clause ends before token i (a comma or semicolon at i). */
static bool
claim_clause_break(const struct para *p, size_t i)
{
	size_t j;

	if (claim_quoted(p, i))
		return false;
	if (tok_punct(p, i, ';'))
		return true;
	if (!tok_punct(p, i, ','))
		return false;
	j = i + 1;
	if (tok_in(p, j, LEX_CONJ) || tok_is(p, j, "according"))
		return true;
	/* ", said Lewis." but not ", said the council had …" */
	if (quote_is_speech_verb(p, j))
		return claim_attribution_ends(p, j + 1);
	/* ", sources told Reuters", ", a spokesperson said" */
	for (; j < p->nt && j <= i + 5 && tok_word(p, j); j++)
		if (quote_is_speech_verb(p, j))
			return p->t[i + 1].mention != NONE ||
			    tok_is(p, i + 1, "a") || tok_is(p, i + 1, "the") ||
			    tok_is(p, i + 1, "he") || tok_is(p, i + 1, "she") ||
			    tok_is(p, i + 1, "they");
	return false;
}

/* The first token of the clause that holds token i. */
static size_t
claim_clause_first(const struct para *p, size_t i)
{
	size_t first = tok_sent_first(p, i), k;

	if (i > first + IMPORT_REACH)
		first = i - IMPORT_REACH;
	for (k = i; k > first; k--)
		if (claim_clause_break(p, k - 1))
			return k;
	return first;
}

/* The token just past the clause that goes on from token i, with the
 * closing punctuation of the sentence left out. */
static size_t
claim_clause_end(const struct para *p, size_t i)
{
	size_t end = tok_sent_end(p, i), k;

	if (end > i + IMPORT_REACH)
		end = i + IMPORT_REACH;
	for (k = i; k < end; k++)
		if (claim_clause_break(p, k))
			break;
	while (k > i && !(p->t[k - 1].flags & T_WORD) &&
	    !(p->t[k - 1].flags & T_MARK))
		k--;
	return k;
}

static enum pattern
claim_pattern(const struct para *p, size_t i)
{
	if (!tok_word(p, i) || claim_quoted(p, i))
		return PAT_NONE;
	if (tok_in(p, i, LEX_THAT))
		return PAT_THAT;
	if (tok_in(p, i, LEX_DENY))
		return PAT_DENY;
	if (tok_in(p, i, LEX_ACCUSE))
		return PAT_ACCUSE;
	if (tok_in(p, i, LEX_FEAR) && i > 0 && (tok_is(p, i - 1, "over") ||
	    tok_is(p, i - 1, "amid")))
		return PAT_FEAR;
	if (tok_is(p, i, "according") && tok_is(p, i + 1, "to"))
		return PAT_ACCORDING;
	return PAT_NONE;
}

/* Where the claim of a "that" verb at v starts, or NONE. */
static size_t
claim_that_start(const struct para *p, size_t v, enum pattern pat)
{
	size_t k, end = claim_clause_end(p, v);

	if (tok_punct(p, v + 1, ':'))
		return v + 2;
	for (k = v + 1; k < end && k <= v + THAT_WINDOW; k++) {
		if (claim_quoted(p, k))
			break;
		if (tok_is(p, k, "that") && k + 1 < end)
			return k + 1;
	}
	if ((pat == PAT_FEAR || tok_in(p, v, LEX_BARE)) &&
	    tok_in(p, v + 1, LEX_START))
		return v + 1;
	return NONE;
}

/* The subject of the verb at v: the first mention of its clause, or of
 * the sentence when the clause has none ("… and has accused …"). */
static size_t
claim_subject(const struct para *p, size_t v)
{
	size_t first = claim_clause_first(p, v), m;

	m = ner_subject(p, first, v);
	if (m == NONE && first > tok_sent_first(p, v) && (tok_in(p, first,
	    LEX_AUX) || tok_in(p, first, LEX_CONJ)))
		m = ner_subject(p, tok_sent_first(p, v), first);
	if (m == NONE && first > tok_sent_first(p, v) &&
	    tok_in(p, first, LEX_CONJ) && tok_in(p, first + 1, LEX_AUX))
		m = ner_subject(p, tok_sent_first(p, v), first);
	return m;
}

/* Widens [*a, *b) to take in whole every quotation and mention it
 * would cut; false if that would run into another claim, or make it
 * longer than anyone would read as one claim. */
static bool
claim_widen(const struct para *p, size_t *a, size_t *b)
{
	size_t i, q, m;
	bool changed = true;

	while (changed) {
		if (*b - *a > 2 * IMPORT_REACH)
			return false;
		changed = false;
		for (i = *a; i < *b; i++) {
			if ((q = p->t[i].quote) != NONE) {
				size_t qa = p->q[q].open != NONE ?
				    p->q[q].open : p->q[q].a;
				size_t qb = p->q[q].close != NONE ?
				    p->q[q].close + 1 : p->q[q].b;

				if (qa < *a || qb > *b) {
					*a = qa < *a ? qa : *a;
					*b = qb > *b ? qb : *b;
					changed = true;
				}
			}
			if ((m = p->t[i].mention) != NONE &&
			    (p->m[m].a < *a || p->m[m].b > *b)) {
				*a = p->m[m].a < *a ? p->m[m].a : *a;
				*b = p->m[m].b > *b ? p->m[m].b : *b;
				changed = true;
			}
		}
	}
	for (i = *a; i < *b; i++)
		if (p->t[i].claim != NONE)
			return false;
	return true;
}

static void
claim_add(struct para *p, size_t a, size_t b, size_t by,
    enum pattern pat)
{
	struct idoc *doc = p->doc;
	struct iclaim *c;
	size_t i, m, claim;

	if (b <= a || tok_count_words(p, a, b) < MIN_WORDS ||
	    !claim_widen(p, &a, &b))
		return;
	claim = import_doc_add_claim(doc);
	c = &doc->claims[claim];
	if (by != NONE)
		import_idx_push(&c->by, by);
	for (i = a; i < b; i++)
		if ((m = p->t[i].mention) != NONE && p->m[m].a == i &&
		    !import_idx_has(&c->about, p->m[m].actor))
			import_idx_push(&c->about, p->m[m].actor);
	if (c->about.n == 0 && pat == PAT_DENY && by != NONE)
		import_idx_push(&c->about, by);
	if (p->nc == p->ccap) {
		p->ccap = p->ccap ? p->ccap * 2 : 8;
		p->c = xreallocarray(p->c, p->ccap, sizeof *p->c);
	}
	p->c[p->nc].a = a;
	p->c[p->nc].b = b;
	p->c[p->nc].claim = claim;
	for (i = a; i < b; i++)
		p->t[i].claim = p->nc;
	p->nc++;
}

/* The first token of "has always denied": back over the auxiliaries. */
static size_t
claim_aux_start(const struct para *p, size_t v)
{
	while (v > 0 && tok_in(p, v - 1, LEX_AUX) && !claim_quoted(p, v - 1))
		v--;
	return v;
}

static bool
claim_inside(const struct para *p, size_t i)
{
	return p->t[i].claim != NONE;
}

static void
claim_at(struct para *p, size_t v)
{
	enum pattern pat = claim_pattern(p, v);
	size_t start = NONE, end, subj, by = NONE, m;

	if (pat == PAT_NONE || claim_inside(p, v))
		return;
	/* "…,” said Lewis": the attribution of a quotation, not a claim. */
	if (v > 0 && (p->t[v - 1].flags & T_MARK) &&
	    p->t[v - 1].quote == NONE && pat == PAT_THAT)
		return;
	subj = pat == PAT_ACCORDING ? NONE : claim_subject(p, v);
	if (subj != NONE)
		by = p->m[subj].actor;
	switch (pat) {
	case PAT_THAT:
	case PAT_FEAR:
		start = claim_that_start(p, v, pat);
		break;
	case PAT_DENY:
		/* "Huawei has always denied …": the subject with it. */
		start = claim_aux_start(p, v);
		if (subj != NONE && p->m[subj].a >= claim_clause_first(p, v))
			start = p->m[subj].a;
		break;
	case PAT_ACCUSE:
		start = claim_aux_start(p, v);
		break;
	case PAT_ACCORDING:
		if ((m = p->t[v + 2 < p->nt ? v + 2 : v].mention) == NONE ||
		    p->m[m].a != v + 2 || !tok_punct(p, p->m[m].b, ','))
			return;
		by = p->m[m].actor;
		start = p->m[m].b + 1;
		break;
	default:
		return;
	}
	/* An opening mark may start a claim; a quoted word may not. */
	if (start == NONE || start >= p->nt || p->t[start].quote != NONE)
		return;
	end = claim_clause_end(p, start);
	claim_add(p, start, end, by, pat);
}

void
claim_find(struct para *p)
{
	size_t i;

	for (i = 0; i < p->nt; i++)
		claim_at(p, i);
}
