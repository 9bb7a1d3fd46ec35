/* import_ner.c - who is named where: the mentions of actors.
 *
 * In this order, each step taking only the words no earlier step took:
 *
 * 1. Names: every name, alias and short form in the trie (the
 *    gazetteer's, and those of actors found earlier in the text),
 *    longest first, possessives ("the UK's") included.
 * 2. Proper nouns: runs of capitalised words and acronyms that are not
 *    titles, months, demonyms or sentence-initial common words become
 *    actors of kind other; "US officials" is a group of its own; a
 *    later surname or set of initials is linked to the actor it
 *    shortens when only one actor has it.
 * 3. Joins: "US President Donald Trump" is one mention of Trump, not
 *    one of the US and one of Trump, when Trump is a member of the US.
 * 4. Descriptions and pronouns: "the firm" is the company last named,
 *    "its" the subject of its sentence, "their" the group last named
 *    in it, "he" and "she" the person last named.
 *
 * Step 4 needs kinds, so without a gazetteer it does little; that is
 * the price of not guessing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "base/xmalloc.h"

/* ---- word lists --------------------------------------------------- */

/* The nouns of descriptions, and the kind of actor each stands for. */
static const struct {
	const char	*noun;
	enum actor_kind	 kind;
} kind_nouns[] = {
	{ "administration", ACTOR_GOVERNMENT },
	{ "agency", ACTOR_AGENCY },
	{ "association", ACTOR_GROUP },
	{ "authority", ACTOR_AGENCY },
	{ "bank", ACTOR_COMPANY },
	{ "broadcaster", ACTOR_MEDIA },
	{ "cabinet", ACTOR_GOVERNMENT },
	{ "carrier", ACTOR_COMPANY },
	{ "company", ACTOR_COMPANY },
	{ "conglomerate", ACTOR_COMPANY },
	{ "commission", ACTOR_AGENCY },
	{ "corporation", ACTOR_COMPANY },
	{ "council", ACTOR_AGENCY },
	{ "country", ACTOR_COUNTRY },
	{ "department", ACTOR_GOVERNMENT },
	{ "firm", ACTOR_COMPANY },
	{ "giant", ACTOR_COMPANY },
	{ "government", ACTOR_GOVERNMENT },
	{ "insurer", ACTOR_COMPANY },
	{ "lender", ACTOR_COMPANY },
	{ "maker", ACTOR_COMPANY },
	{ "ministry", ACTOR_GOVERNMENT },
	{ "manufacturer", ACTOR_COMPANY },
	{ "nation", ACTOR_COUNTRY },
	{ "party", ACTOR_GROUP },
	{ "newspaper", ACTOR_MEDIA },
	{ "regime", ACTOR_GOVERNMENT },
	{ "regulator", ACTOR_AGENCY },
	{ "retailer", ACTOR_COMPANY },
	{ "startup", ACTOR_COMPANY },
	{ "supplier", ACTOR_COMPANY },
	{ "union", ACTOR_GROUP },
	{ "vendor", ACTOR_COMPANY },
	{ "watchdog", ACTOR_AGENCY },
};

#define MAX_NAME_WORDS	6	/* a longer run of capitals is a title */
#define SUBJECT_WINDOW	3	/* words of a clause before its subject */
#define RECENT		16	/* mentions back to look for "its" */
#define ACRONYM_MAX	6	/* letters: "UNESCO"; "KIRKWALL" is shouted */
#define MAX_MODIFIERS	4	/* "the embattled Chinese tech firm" */

/* ---- helpers ------------------------------------------------------ */

static bool
ner_covered(const struct para *p, size_t i)
{
	return p->t[i].mention != NONE;
}

/* A capitalised word that could be part of a name. */
static bool
ner_is_proper(const struct para *p, size_t i)
{
	if (!tok_word(p, i) || (p->t[i].flags & (T_DIGIT | T_SKIP)))
		return false;
	/* "US" is a name; "Us" and "THE" at the start of a sentence are
	 * not, nor the "KIRKWALL" of a dateline. */
	if (p->t[i].flags & T_UPPER)
		return p->t[i].e - p->t[i].s <= ACRONYM_MAX &&
		    (!tok_in(p, i, LEX_STOP) || p->t[i].e - p->t[i].s == 2);
	return (p->t[i].flags & T_CAP) && !tok_in(p, i, LEX_STOP);
}

static bool
ner_is_demonym(const struct para *p, size_t i)
{
	size_t len;
	const char *w;

	if (!tok_word(p, i) || !(p->t[i].flags & T_CAP))
		return false;
	if (tok_in(p, i, LEX_DEMONYM))
		return true;
	w = tok_str(p, i, &len);
	return len >= 5 && (memcmp(w + len - 3, "ese", 3) == 0 ||
	    memcmp(w + len - 3, "ish", 3) == 0);
}

bool
ner_person(const struct idoc *doc, size_t actor)
{
	const struct iactor *a = &doc->actors[actor];

	if (a->flags & ACT_KIND)
		return a->kind == ACTOR_PERSON;
	return (a->flags & ACT_PERSONLIKE) != 0;
}

static bool
ner_is_plural(const struct idoc *doc, size_t actor)
{
	return (doc->actors[actor].flags & ACT_PLURAL) != 0;
}

static bool
ner_within(const struct idoc *doc, size_t a, size_t b)
{
	size_t depth = 0;

	for (; a != NONE && depth < 64; a = doc->actors[a].parent, depth++)
		if (a == b)
			return true;
	return false;
}

size_t
ner_add_mention(struct para *p, size_t a, size_t b, size_t actor,
    enum how how)
{
	struct pmention *m;
	size_t i;

	for (i = a; i < b; i++)
		if (p->t[i].mention != NONE)
			return NONE;
	if (p->nm == p->mcap) {
		p->mcap = p->mcap ? p->mcap * 2 : 16;
		p->m = xreallocarray(p->m, p->mcap, sizeof *p->m);
	}
	m = &p->m[p->nm];
	m->a = a;
	m->b = b;
	m->actor = actor;
	m->how = how;
	for (i = a; i < b; i++)
		p->t[i].mention = p->nm;
	return p->nm++;
}

static int
ner_mention_cmp(const void *x, const void *y)
{
	const struct pmention *a = x, *b = y;

	return (a->a > b->a) - (a->a < b->a);
}

/* Sorts the mentions into reading order and points the tokens at them
 * again. */
void
ner_sort(struct para *p)
{
	size_t i, j;

	if (p->nm > 1)
		qsort(p->m, p->nm, sizeof *p->m, ner_mention_cmp);
	for (i = 0; i < p->nt; i++)
		p->t[i].mention = NONE;
	for (i = 0; i < p->nm; i++)
		for (j = p->m[i].a; j < p->m[i].b; j++)
			p->t[j].mention = i;
}

/* The token just past a possessive after token b - 1: "UK’s", "firms’". */
static size_t
ner_possessive(const struct para *p, size_t b)
{
	if (b < p->nt && (p->t[b].flags & T_MARK))
		return b;
	if (b + 1 < p->nt && tok_apostrophe(p, b) &&
	    !(p->t[b].flags & T_SPACE) && tok_is(p, b + 1, "s") &&
	    !(p->t[b + 1].flags & T_SPACE) && !ner_covered(p, b) &&
	    !ner_covered(p, b + 1))
		return b + 2;
	if (b < p->nt && tok_apostrophe(p, b) && !(p->t[b].flags & T_SPACE) &&
	    !ner_covered(p, b) && p->t[b - 1].fe > p->t[b - 1].fs &&
	    p->fold[p->t[b - 1].fe - 1] == 's' &&
	    (b + 1 == p->nt || (p->t[b + 1].flags & T_SPACE) ||
	    !tok_word(p, b + 1)))
		return b + 1;
	return b;
}

/* ---- pass one ----------------------------------------------------- */

/* ner_is_proper() for the first pass's words. */
static bool
ner_learn_proper(const struct word_scan *w)
{
	size_t n = w->we - w->ws;
	bool stop = (w->lex & (uint32_t)1 << LEX_STOP) != 0;

	if (w->flen == 0 || (w->flags & T_DIGIT))
		return false;
	if (w->flags & T_UPPER)
		return n <= ACRONYM_MAX && (!stop || n == 2);
	return (w->flags & T_CAP) && !stop;
}

/* Learns which words the text writes in small letters, and which it
 * capitalises inside a sentence on their own ("… blocked Huawei from
 * …"): those are names wherever they stand, while "Security" in
 * "National Security Agency" says nothing about "Security minister".
 * One word of delay, to see the word after. */
void
ner_learn(struct idoc *doc, const char *text, size_t len)
{
	struct word_scan w;
	char key[sizeof w.fold];
	size_t keylen = 0;
	bool proper, prev = false, prev_alone = false;

	tok_word_scan_init(&w, text, len);
	while (tok_word_scan_next(&w)) {
		if (w.flen > 0 && (w.flags & T_LOWER))
			gazetteer_strmap_put(doc->lowerwords, w.fold, w.flen,
			    1);
		proper = ner_learn_proper(&w);
		if (prev && prev_alone && !(proper && (w.flags & T_SPACE)))
			gazetteer_strmap_put(doc->capwords, key, keylen, 1);
		prev_alone = proper && !(w.flags & T_SENT) &&
		    !(prev && (w.flags & T_SPACE));
		prev = proper;
		memcpy(key, w.fold, w.flen);
		keylen = w.flen;
	}
	if (prev && prev_alone)
		gazetteer_strmap_put(doc->capwords, key, keylen, 1);
}

/* ---- step 1: names ------------------------------------------------ */

static bool ner_group(struct para *, size_t, size_t);

struct cand {
	size_t	a, b, actor;
	enum how how;
};

static int
ner_cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	size_t la = a->b - a->a, lb = b->b - b->a;

	if (la != lb)
		return la < lb ? 1 : -1;
	return (a->a > b->a) - (a->a < b->a);
}

/* A short or derived form must stand alone: "Lewis" is not the Lewis
 * of "Lewis Hamilton", nor "government" that of "Chinese government". */
static bool
ner_stands_alone(const struct para *p, size_t a, size_t b)
{
	if (a > 0 && tok_word(p, a - 1) && (p->t[a].flags & T_SPACE) &&
	    (ner_is_proper(p, a - 1) || ner_is_demonym(p, a - 1)))
		return false;
	if (b < p->nt && ner_is_proper(p, b) && (p->t[b].flags & T_SPACE))
		return false;
	return true;
}

/* A short form is a name only where it is written as one, and only if
 * the text never uses it as a common word: "Energy" stands for
 * "Northwind Energy" nowhere in a text about "tidal energy". */
static bool
ner_short_ok(const struct para *p, size_t a, size_t b)
{
	size_t len;
	const char *w;

	if (b != a + 1)
		return true;
	if (p->t[a].flags & T_UPPER)
		return true;
	if (!(p->t[a].flags & T_CAP))
		return false;
	w = tok_str(p, a, &len);
	return gazetteer_strmap_get(p->doc->lowerwords, w, len) == NONE;
}

static bool
ner_same_quote(const struct para *p, size_t a, size_t b)
{
	size_t i;

	for (i = a + 1; i < b; i++)
		if (p->t[i].quote != p->t[a].quote)
			return false;
	return true;
}

static bool ner_name_word(const struct para *, size_t);
static bool ner_possessive_inside(const struct para *, size_t, size_t);

static bool
ner_org_continues(const struct para *p, size_t a, size_t b)
{
	size_t j = b;

	while (j < p->nt && ner_name_word(p, j) && (p->t[j].flags & T_SPACE) &&
	    j < b + MAX_NAME_WORDS)
		j++;
	if (j == b)
		return false;
	return tok_in(p, j - 1, LEX_GENERIC) || ner_possessive_inside(p, j, a);
}

static void
ner_names(struct para *p)
{
	struct name_hit hits[16];
	struct cand *c = NULL;
	size_t nc = 0, cap = 0, i, k, n;

	for (i = 0; i < p->nt; i++) {
		if (!tok_word(p, i) || ner_covered(p, i) ||
		    (p->t[i].flags & T_SKIP))
			continue;
		n = gazetteer_names_hits(p->doc->names, p, i, hits, 16);
		for (k = 0; k < n; k++) {
			if (hits[k].actor == AMBIGUOUS ||
			    !ner_same_quote(p, i, hits[k].end))
				continue;
			if (hits[k].kind != NAME_FULL &&
			    !ner_stands_alone(p, i, hits[k].end))
				continue;
			if (hits[k].kind == NAME_SHORT &&
			    !ner_short_ok(p, i, hits[k].end))
				continue;
			if (nc == cap) {
				cap = cap ? cap * 2 : 16;
				c = xreallocarray(c, cap, sizeof *c);
			}
			c[nc].a = i;
			c[nc].b = hits[k].end;
			c[nc].actor = hits[k].actor;
			c[nc].how = hits[k].kind == NAME_FULL ? HOW_NAME :
			    HOW_SHORT;
			nc++;
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof *c, ner_cand_cmp);
	for (k = 0; k < nc; k++) {
		size_t m;

		/* "Brookhaven Fishermen's Association": the known name is
		 * the start of a longer one, which step 2 takes whole. */
		if (c[k].how == HOW_NAME && ner_org_continues(p, c[k].a,
		    c[k].b))
			continue;

		/* "US officials" even when "US" is known: a group of its
		 * own. */
		if (!ner_covered(p, c[k].a) && !ner_covered(p, c[k].b - 1) &&
		    ner_group(p, c[k].a, c[k].b))
			continue;
		m = ner_add_mention(p, c[k].a, c[k].b, c[k].actor, c[k].how);

		if (m != NONE) {
			p->m[m].b = ner_possessive(p, c[k].b);
			for (i = c[k].b; i < p->m[m].b; i++)
				p->t[i].mention = m;
		}
	}
	free(c);
}

/* ---- step 2: proper nouns ----------------------------------------- */

static bool
ner_name_word(const struct para *p, size_t i)
{
	return ner_is_proper(p, i) && !ner_covered(p, i) &&
	    !tok_in(p, i, LEX_TITLE) && !tok_in(p, i, LEX_TIME);
}

static bool ner_looks_personal(const struct para *, size_t, size_t);

/* "The Bankers' Association", "Dockworkers' Union": a possessive at j
 * followed by the word of an institution is inside the name. */
static bool
ner_possessive_inside(const struct para *p, size_t j, size_t i)
{
	size_t k = ner_possessive(p, j);

	return k > j && k < p->nt && ner_name_word(p, k) &&
	    (p->t[k].flags & T_SPACE) && tok_in(p, k, LEX_GENERIC) &&
	    p->t[k].quote == p->t[i].quote;
}

/* The end of the run of name words that starts at i. */
static size_t
ner_phrase_end(const struct para *p, size_t i)
{
	size_t j = i + 1;

	while (j < p->nt && p->t[j].quote == p->t[i].quote) {
		if (ner_name_word(p, j) && (p->t[j].flags & T_SPACE))
			j++;
		else if ((tok_punct(p, j, '-') || tok_punct(p, j, '&')) &&
		    ner_name_word(p, j + 1)
		    && p->t[j + 1].quote == p->t[i].quote &&
		    (tok_punct(p, j, '&') || (!(p->t[j].flags & T_SPACE) &&
		    !(p->t[j + 1].flags & T_SPACE))))
			j += 2;
		else if (ner_possessive_inside(p, j, i))
			j = ner_possessive(p, j) + 1;
		else if (tok_word(p, j) && (p->t[j].flags & T_LOWER) &&
		    tok_in(p, j, LEX_CONNECTOR) && ner_name_word(p, j + 1) &&
		    /* "Olu Adeyemi of Stop Northfield Expansion": a
		     * person of an organisation, two names */
		    !ner_looks_personal(p, i, j) &&
		    p->t[j + 1].quote == p->t[i].quote &&
		    !tok_in(p, j + 1, LEX_CONNECTOR))
			j += 2;
		else
			break;
	}
	return j;
}

/* Two or three capitalised words, none of them a word the text also
 * uses in small letters ("Security") or the word of an institution
 * ("Agency"): likely a person's name, whose surname may stand alone. */
static bool
ner_looks_personal(const struct para *p, size_t a, size_t b)
{
	size_t i, n = tok_count_words(p, a, b), len;
	const char *w;

	if (n < 2 || n > 3 || b - a != n)
		return false;
	for (i = a; i < b; i++) {
		if ((p->t[i].flags & T_UPPER) || !(p->t[i].flags & T_CAP) ||
		    tok_in(p, i, LEX_GENERIC))
			return false;
		w = tok_str(p, i, &len);
		if (gazetteer_strmap_get(p->doc->lowerwords, w, len) != NONE)
			return false;
	}
	return true;
}

/* The text of tokens [a, b) with single spaces, caller-owned. */
static char *
ner_span_text(const struct para *p, size_t a, size_t b)
{
	return xstrndup(p->text + p->t[a].s, p->t[b - 1].e - p->t[a].s);
}

/* An actor called by tokens [a, b) of the text, and known by tokens
 * [key, b) of it. */
static size_t
ner_new_actor_key(struct para *p, size_t key, size_t a, size_t b,
    unsigned flags)
{
	struct idoc *doc = p->doc;
	char *name = ner_span_text(p, a, b);
	size_t actor;

	/* "government spokesperson" is shown as "Government
	 * spokesperson". */
	if (name[0] >= 'a' && name[0] <= 'z')
		name[0] = (char)(name[0] - 'a' + 'A');
	actor = import_doc_add_actor(doc, name, strlen(name), ACTOR_OTHER,
	    flags);
	free(name);
	gazetteer_names_add(doc->names, p, key, b, actor, NAME_FULL);
	role_classify(doc, actor, p->blk != NULL ? p->blk->line : 0);
	gazetteer_shorten(doc, actor, p, a, b);
	role_shorten(doc, actor, p, a, b);
	return actor;
}

size_t
ner_actor(struct para *p, size_t a, size_t b, unsigned flags)
{
	return ner_new_actor_key(p, a, a, b, flags);
}

static size_t
ner_new_actor(struct para *p, size_t a, size_t b, unsigned flags)
{
	return ner_new_actor_key(p, a, a, b, flags);
}

/* "National Security Agency (NSA)": the acronym is an alias. */
static void
ner_acronym_alias(struct para *p, size_t actor, size_t b)
{
	struct iactor *ac = &p->doc->actors[actor];
	char *alias;

	if (b + 2 >= p->nt || !tok_punct(p, b, '(') ||
	    !tok_punct(p, b + 2, ')') || !tok_word(p, b + 1) ||
	    !(p->t[b + 1].flags & T_UPPER) || ner_covered(p, b + 1) ||
	    gazetteer_names_lookup(p->doc->names, p, b + 1, b + 2,
	    NULL) != NONE)
		return;
	alias = ner_span_text(p, b + 1, b + 2);
	ac->aliases = xreallocarray(ac->aliases, ac->naliases + 1,
	    sizeof *ac->aliases);
	ac->aliases[ac->naliases++] = alias;
	gazetteer_names_add(p->doc->names, p, b + 1, b + 2, actor, NAME_FULL);
	ner_add_mention(p, b + 1, b + 2, actor, HOW_NAME);
}

/* Whether the words are shouted: a paragraph mostly in capitals has no
 * acronyms to find. */
static bool
ner_shouting(const struct para *p)
{
	size_t i, words = 0, upper = 0;

	for (i = 0; i < p->nt; i++)
		if (tok_word(p, i) && !(p->t[i].flags & T_DIGIT)) {
			words++;
			upper += (p->t[i].flags & T_UPPER) != 0;
		}
	return words >= 4 && upper * 5 >= words * 3;
}

/* One run of name words [a, b): link it, or make it an actor. */
static void
ner_phrase(struct para *p, size_t a, size_t b)
{
	enum name_kind kind;
	size_t actor, n = tok_count_words(p, a, b), len;
	unsigned flags = 0;
	const char *w;

	actor = gazetteer_names_lookup(p->doc->names, p, a, b, &kind);
	if (actor == AMBIGUOUS || (actor != NONE && kind == NAME_SHORT &&
	    !ner_short_ok(p, a, b)))
		return;
	if (actor != NONE) {
		ner_add_mention(p, a, ner_possessive(p, b), actor,
		    kind == NAME_FULL ? HOW_NAME : HOW_SHORT);
		ner_acronym_alias(p, actor, b);
		return;
	}
	if (n > MAX_NAME_WORDS)
		return;
	if (n == 1 && !(p->t[a].flags & T_UPPER)) {
		w = tok_str(p, a, &len);
		/* A capital that only the sentence gave it. */
		if ((p->t[a].flags & T_SENT) &&
		    gazetteer_strmap_get(p->doc->capwords, w, len) == NONE)
			return;
		if (ner_is_demonym(p, a))
			return;
	}
	if (n == 1 && (p->t[a].e - p->t[a].s) < 2)
		return;
	if (ner_looks_personal(p, a, b))
		flags |= ACT_PERSONLIKE;
	actor = ner_new_actor(p, a, b, flags);
	ner_add_mention(p, a, ner_possessive(p, b), actor, HOW_PROPER);
	ner_acronym_alias(p, actor, b);
}

/* "US officials", "Chinese authorities": [a, b) and the group noun at
 * b are one actor, a group. */
static bool
ner_group(struct para *p, size_t a, size_t b)
{
	size_t actor, i;

	if (b >= p->nt || !tok_in(p, b, LEX_GROUP) ||
	    !(p->t[b].flags & T_LOWER) || tok_count_words(p, a, b) > 2 ||
	    !(p->t[b].flags & T_SPACE))
		return false;
	for (i = a; i <= b; i++)
		if (ner_covered(p, i))
			return false;
	actor = gazetteer_names_lookup(p->doc->names, p, a, b + 1, NULL);
	if (actor == AMBIGUOUS)
		return false;
	if (actor == NONE)
		actor = ner_new_actor(p, a, b + 1, ACT_PLURAL);
	ner_add_mention(p, a, ner_possessive(p, b + 1), actor, HOW_PROPER);
	return true;
}

static enum actor_kind
ner_noun_kind(const struct para *p, size_t i)
{
	size_t k;

	for (k = 0; k < sizeof kind_nouns / sizeof kind_nouns[0]; k++)
		if (tok_is(p, i, kind_nouns[k].noun))
			return kind_nouns[k].kind;
	return ACTOR_NKINDS;
}

/* "the government": an institution named by its common noun, unless
 * an actor of its kind is known, when step 4 takes the description. */
static void
ner_institution(struct para *p, size_t i)
{
	size_t actor;
	enum actor_kind kind;

	if (!tok_is(p, i, "the") || !tok_in(p, i + 1, LEX_INSTITUTION) ||
	    ner_covered(p, i) || ner_covered(p, i + 1) ||
	    /* "the Ministry of Digital Affairs" is a name */
	    (i + 3 < p->nt && tok_in(p, i + 2, LEX_CONNECTOR) &&
	    (p->t[i + 1].flags & T_CAP) && ner_is_proper(p, i + 3)) ||
	    (i + 2 < p->nt && tok_word(p, i + 2) && (p->t[i + 2].flags &
	    T_SPACE) && (tok_in(p, i + 2, LEX_INSTITUTION) ||
	    ner_is_proper(p, i + 2))))
		return;
	kind = ner_noun_kind(p, i + 1);
	if (kind != ACTOR_NKINDS && p->doc->kind_count[kind] > 0)
		return;
	/* Known as "the government", so that "a government spokesperson"
	 * is not it. */
	actor = gazetteer_names_lookup(p->doc->names, p, i, i + 2, NULL);
	if (actor == AMBIGUOUS)
		return;
	if (actor == NONE) {
		actor = ner_new_actor_key(p, i, i + 1, i + 2, 0);
		if (kind != ACTOR_NKINDS)
			p->doc->actors[actor].kind = kind;
	}
	ner_add_mention(p, i, ner_possessive(p, i + 2), actor, HOW_DESC);
}

static void
ner_proper(struct para *p)
{
	bool loud = ner_shouting(p);
	size_t i, b;

	for (i = 0; i < p->nt; i++) {
		if (ner_covered(p, i))
			continue;
		if (tok_is(p, i, "the")) {
			ner_institution(p, i);
			continue;
		}
		if (ner_is_demonym(p, i) && ner_group(p, i, i + 1))
			continue;
		if (loud || !ner_name_word(p, i))
			continue;
		b = ner_phrase_end(p, i);
		if (ner_group(p, i, b)) {
			i = b;
			continue;
		}
		ner_phrase(p, i, b);
		i = b - 1;
	}
}

/* ---- step 3: joins ------------------------------------------------ */

static bool
ner_title_between(const struct para *p, size_t a, size_t b)
{
	size_t i;

	if (b - a > 3)
		return false;
	for (i = a; i < b; i++)
		if (!tok_word(p, i) || !(tok_in(p, i, LEX_TITLE) ||
		    (p->t[i].flags & T_CAP)))
			return false;
	return true;
}

static void
ner_join(struct para *p)
{
	size_t i, out = 0;
	struct pmention *m = p->m;
	bool changed = false;

	ner_sort(p);
	for (i = 0; i < p->nm; i++) {
		struct pmention *prev = out > 0 ? &m[out - 1] : NULL;

		/* "The delegation of officials": one description. */
		if (prev != NULL && prev->actor == m[i].actor &&
		    m[i].a == prev->b + 1 && tok_is(p, prev->b, "of")) {
			prev->b = m[i].b;
			changed = true;
			continue;
		}
		/* "US President Donald Trump". */
		if (prev != NULL && prev->actor != m[i].actor &&
		    ner_within(p->doc, m[i].actor, prev->actor) &&
		    !ner_within(p->doc, prev->actor, m[i].actor) &&
		    !tok_apostrophe(p, prev->b - 1) &&
		    !tok_is(p, prev->b - 1, "s") &&
		    ner_title_between(p, prev->b, m[i].a)) {
			prev->b = m[i].b;
			prev->actor = m[i].actor;
			prev->how = m[i].how;
			changed = true;
			continue;
		}
		m[out++] = m[i];
	}
	p->nm = out;
	if (changed)
		ner_sort(p);
}

/* ---- step 4: descriptions and pronouns ---------------------------- */

struct recent {
	size_t	sent;		/* the sentence of these mentions */
	size_t	*v;		/* mentions of it so far */
	size_t	n, cap;
};

static void
ner_note_mention(struct para *p, struct recent *r, size_t m)
{
	struct idoc *doc = p->doc;
	size_t actor = p->m[m].actor;
	const struct iactor *a = &doc->actors[actor];

	if (a->flags & ACT_KIND)
		doc->last_kind[a->kind] = actor;
	if (ner_person(doc, actor))
		doc->last_person = actor;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xreallocarray(r->v, r->cap, sizeof *r->v);
	}
	r->v[r->n++] = m;
}

/* The subject of the sentence: a mention among its first words. */
static size_t
ner_sentence_subject(const struct para *p, const struct recent *r, size_t i)
{
	size_t first = tok_sent_first(p, i), m;

	if (r->n == 0)
		return NONE;
	m = r->v[0];
	/* Skip an opening quotation mark and a word like "But". */
	if (p->m[m].a > first + 2)
		return NONE;
	return p->m[m].actor;
}

static size_t
ner_resolve_its(const struct para *p, const struct recent *r, size_t i)
{
	const struct idoc *doc = p->doc;
	size_t actor = ner_sentence_subject(p, r, i), k;

	if (actor != NONE && !ner_person(doc, actor) && !ner_is_plural(doc,
	    actor))
		return actor;
	for (k = r->n; k > 0 && k + RECENT > r->n; k--) {
		actor = p->m[r->v[k - 1]].actor;
		if (!ner_person(doc, actor) && !ner_is_plural(doc, actor))
			return actor;
	}
	return NONE;
}

static size_t
ner_resolve_their(const struct para *p, const struct recent *r)
{
	size_t k;

	for (k = r->n; k > 0 && k + RECENT > r->n; k--)
		if (ner_is_plural(p->doc, p->m[r->v[k - 1]].actor))
			return p->m[r->v[k - 1]].actor;
	return NONE;
}

static size_t
ner_resolve_pronoun(const struct para *p, const struct recent *r, size_t i)
{
	const struct idoc *doc = p->doc;
	size_t actor;

	if (tok_is(p, i, "its"))
		return ner_resolve_its(p, r, i);
	if (tok_is(p, i, "their"))
		return ner_resolve_their(p, r);
	if (tok_is(p, i, "it")) {
		/* Only as an object, where it stands for the subject:
		 * "campaign against it". */
		if (i == 0 || !tok_in(p, i - 1, LEX_PREP))
			return NONE;
		actor = ner_sentence_subject(p, r, i);
		if (actor == NONE || ner_person(doc, actor) ||
		    ner_is_plural(doc, actor))
			return NONE;
		return actor;
	}
	if ((tok_is(p, i, "he") || tok_is(p, i, "she") ||
	    tok_is(p, i, "his") || tok_is(p, i, "him") ||
	    tok_is(p, i, "her")) && p->t[i].quote == NONE)
		return doc->last_person;
	return NONE;
}

/* "the embattled Chinese tech firm": the company last named. */
static size_t
ner_description(struct para *p, size_t i, size_t *endp)
{
	const struct idoc *doc = p->doc;
	enum actor_kind kind;
	size_t j, actor;

	if (!tok_is(p, i, "the"))
		return NONE;
	for (j = i + 1; j < p->nt && j <= i + 1 + MAX_MODIFIERS; j++) {
		if (ner_covered(p, j) || p->t[j].quote != p->t[i].quote)
			return NONE;
		if (tok_punct(p, j, '-') && !(p->t[j].flags & T_SPACE))
			continue;
		if (!tok_word(p, j) || tok_in(p, j, LEX_STOP))
			return NONE;
		if ((kind = ner_noun_kind(p, j)) != ACTOR_NKINDS)
			break;
	}
	if (j >= p->nt || j > i + 1 + MAX_MODIFIERS ||
	    (kind = ner_noun_kind(p, j)) == ACTOR_NKINDS)
		return NONE;
	/* "the firm-wide policy", "the company car": not the company. */
	if (j + 1 < p->nt && (tok_punct(p, j + 1, '-') ||
	    ner_noun_kind(p, j + 1) != ACTOR_NKINDS))
		return NONE;
	/* None named yet: the only one of its kind, if there is one. */
	actor = doc->last_kind[kind];
	if (actor == NONE && doc->kind_count[kind] == 1)
		actor = doc->kind_first[kind];
	*endp = j + 1;
	return actor;
}

static void
ner_refer(struct para *p)
{
	struct recent r = { NONE, NULL, 0, 0 };
	size_t i, actor, end, m, n = p->nm;

	for (i = 0; i < p->nt; i++) {
		if (p->t[i].sent != r.sent) {
			r.sent = p->t[i].sent;
			r.n = 0;
		}
		if ((m = p->t[i].mention) != NONE) {
			if (p->m[m].a == i)
				ner_note_mention(p, &r, m);
			continue;
		}
		if (!tok_word(p, i))
			continue;
		actor = ner_description(p, i, &end);
		if (actor == NONE) {
			actor = ner_resolve_pronoun(p, &r, i);
			end = i + 1;
		}
		if (actor == NONE)
			continue;
		m = ner_add_mention(p, i, ner_possessive(p, end), actor,
		    end > i + 1 ? HOW_DESC : HOW_PRONOUN);
		if (m != NONE) {
			ner_note_mention(p, &r, m);
			i = p->m[m].b - 1;
		}
	}
	free(r.v);
	if (p->nm != n)
		ner_sort(p);
}

void
ner_mentions(struct para *p)
{
	role_titles(p);
	ner_names(p);
	ner_proper(p);
	ner_join(p);
	ner_refer(p);
	role_appositives(p);
}

/* ---- for the other steps ------------------------------------------ */

/* The subject of a verb: a mention among the first words of its clause
 * ("But the firms have called …"), or one just before it, auxiliaries
 * aside ("… US officials have repeatedly warned").  A mention deeper in
 * the clause is more likely an object ("over the government's position
 * and warned"), so none is better than a guess. */
size_t
ner_subject(const struct para *p, size_t first, size_t verb)
{
	size_t i, m;

	/* "Her neighbour, Dev Shah, disagreed": the person named between
	 * the commas, not the "her" before them. */
	if (verb > first + 3 && tok_punct(p, verb - 1, ',') &&
	    (m = p->t[verb - 2].mention) != NONE && p->m[m].a > first &&
	    tok_punct(p, p->m[m].a - 1, ',') &&
	    ner_person(p->doc, p->m[m].actor))
		return m;
	for (i = first; i < verb && i < first + SUBJECT_WINDOW; i++)
		if ((m = p->t[i].mention) != NONE && p->t[i].quote == NONE &&
		    p->m[m].b <= verb)
			return m;
	for (i = verb; i > first && tok_in(p, i - 1, LEX_AUX); i--)
		;
	/* "Maria Lind, who has run the port since 2019, said" */
	if (i > first + 2 && tok_punct(p, i - 1, ',')) {
		size_t k;

		for (k = i - 2; k > first && k + IMPORT_REACH / 10 > i; k--) {
			if (p->t[k].quote != NONE || (p->t[k].flags & T_END))
				break;
			if (!tok_punct(p, k, ','))
				continue;
			if ((m = p->t[k - 1].mention) != NONE &&
			    ner_person(p->doc, p->m[m].actor))
				return m;
			break;
		}
	}
	/* "Its chairman, Tom Ellis, said" */
	if (i > first + 1 && tok_punct(p, i - 1, ','))
		i--;
	if (i > first && (m = p->t[i - 1].mention) != NONE &&
	    p->t[i - 1].quote == NONE)
		return m;
	return NONE;
}

size_t
ner_phrase_actor(struct para *p, size_t a, size_t b)
{
	size_t start = a, actor;

	if (tok_is(p, a, "a") || tok_is(p, a, "an") || tok_is(p, a, "the"))
		start = a + 1;
	if (start >= b)
		return NONE;
	actor = gazetteer_names_lookup(p->doc->names, p, start, b, NULL);
	if (actor == AMBIGUOUS)
		return NONE;
	if (actor == NONE)
		actor = ner_new_actor(p, start, b,
		    tok_in(p, b - 1, LEX_GROUP) ? ACT_PLURAL : 0);
	if (ner_add_mention(p, a, b, actor, HOW_SPEAKER) == NONE)
		return NONE;
	ner_sort(p);
	return actor;
}

void
ner_related(struct idoc *doc, struct iblock *blk)
{
	struct name_hit hits[16];
	struct para p;
	size_t i, k, n, best;

	tok_para_init(&p, doc, blk->text, blk->len);
	tok_para_tokenise(&p);
	for (i = 0; i < p.nt; i++) {
		if (!tok_word(&p, i))
			continue;
		n = gazetteer_names_hits(doc->names, &p, i, hits, 16);
		best = NONE;
		for (k = 0; k < n; k++)
			if (hits[k].actor != AMBIGUOUS &&
			    (hits[k].kind == NAME_FULL ||
			    ner_stands_alone(&p, i, hits[k].end)) &&
			    (best == NONE || hits[k].end > hits[best].end))
				best = k;
		if (best == NONE)
			continue;
		if (!import_idx_has(&blk->actors, hits[best].actor))
			import_idx_push(&blk->actors, hits[best].actor);
		i = hits[best].end - 1;
	}
	tok_para_free(&p);
}
