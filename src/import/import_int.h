/* import_int.h - the inner parts of the importer, shared by its files.
 *
 * An import goes: a front end (import_text.c for plain text, with the
 * dates of import_date.c; import_nitf.c for NITF) fills an idoc with
 * the head and the blocks; the analysis (import.c) first learns how the
 * text writes its words (ner_learn), then takes each paragraph in
 * reading order, tokenises it (import_tok.c, with the word lists of
 * import_lex.c), finds the quotation marks (import_quote.c), the
 * mentions of actors (import_ner.c, with the names in gazetteer.c), the
 * speakers of the quotes and the claims (import_claim.c), and records
 * them as spans of the block's text; the writer (import_write.c) turns
 * the idoc into story XML.
 *
 * Everything here is linear in the size of the article, or n log n: a
 * paragraph is looked at a bounded number of times, no look around a
 * word goes further than IMPORT_REACH tokens, names are found through a
 * hashed trie, and "the most recent actor of a kind" is kept as running
 * state rather than searched for. */
#ifndef NEWSLENS_IMPORT_INT_H
#define NEWSLENS_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "model/story.h"

#define AMBIGUOUS	((size_t)-2)	/* a short form of several actors */

/* The most spans written in one paragraph: load.c refuses a block with
 * more than 10000 marked-up elements, and the schema check is
 * quadratic in their number. */
#define IMPORT_MAX_SPANS	4000
/* How far, in tokens, the analysis looks around a word: a claim, an
 * attribution or a pronoun's antecedent further away is not found, so
 * that a paragraph of megabytes with no full stop costs no more per
 * word than a short one. */
#define IMPORT_REACH		200
/* The longest paragraph analysed and written as one, in bytes: a
 * longer one is cut, at a sentence end where there is one, into
 * paragraphs of at most this size (with a warning).  The analysis then
 * holds one such piece at a time (its folded text and its tokens), and
 * loading the story back holds one block's tree, so that the import of
 * a paragraph of any size costs a few times that paragraph's bytes. */
#define IMPORT_PARA_MAX		((size_t)64 << 10)
/* The most lines a plain text may have: each costs its struct line
 * (32 bytes) and a short paragraph's block, article and story about
 * 100 more, beyond the 3 times the text's size the rest takes; 200,000
 * lines (a book is some 20,000) hold that to about 30 MB, and a text
 * of short lines, or of nothing but newlines, to that.  Checked before
 * the lines are made. */
#define IMPORT_MAX_LINES	((size_t)200000)
/* The largest web page imported: its libxml2 tree is held while the
 * article is found, 120 bytes a node whatever it holds, so a page
 * takes 5 to 7 times its size (a page as saved, one of short
 * paragraphs), 21 times one of links and up to 60 times one of
 * nothing but empty elements.  16 MiB (an article page is some 100 KB
 * to 2 MB) holds that to about 1 GB, however hostile the page; checked
 * before it is parsed. */
#define IMPORT_MAX_PAGE		((size_t)16 << 20)

/* ---- the article being imported ---------------------------------- */

enum span_kind { SPAN_CLAIM, SPAN_QUOTE, SPAN_MENTION };	/* outermost
								 * first */

struct span {
	size_t		start, end;	/* bytes of the block's text */
	enum span_kind	kind;
	size_t		ref;		/* actor, quote or claim */
};

/* 64 bytes, not 96: a text of 21-byte paragraphs has one for each.
 * The counts and offsets are 32 bits, as the input is at most 2 GiB
 * (--max-size). */
struct iblock {
	char		*text;		/* valid UTF-8, single spaces, trimmed */
	struct span	*spans;
	struct idx	 actors;	/* a related item: actors its title names */
	char		*url;		/* a related item: its web address, or
					 * NULL */
	uint32_t	 len;
	uint32_t	 line;		/* in the input, for messages */
	uint32_t	 nspans, spans_cap;
	uint32_t	 skip;		/* bytes of a dateline at its start, in
					 * which no name is looked for */
	bool		 related;
};

enum actor_flag {
	ACT_GAZETTEER	= 1 << 0,	/* from --actors */
	ACT_KIND	= 1 << 1,	/* the kind is known, not a guess */
	ACT_PERSONLIKE	= 1 << 2,	/* a proper name that looks like a
					 * person's: "Brandon Lewis" */
	ACT_PLURAL	= 1 << 3,	/* "US officials", "the firms" */
	ACT_SHORTENED	= 1 << 4	/* its short forms are registered */
};

struct iactor {
	char		*id;		/* NULL until the writer gives one */
	enum actor_kind	 kind;
	char		*name;
	char		**aliases;
	size_t		 naliases;
	char		*note;		/* NULL when absent */
	size_t		 parent;	/* member-of, or NONE */
	size_t		 uses;		/* references written */
	unsigned	 flags;
	char		*doubt;		/* what was guessed about it, or NULL */
	unsigned long	 doubt_line;
};

struct iquote {
	size_t	speaker;
	bool	guessed;	/* the speaker is another quote's */
};

struct iclaim {
	struct idx	by, about;
};

struct names;
struct strmap;

struct idoc {
	const char	*name;		/* the file, for messages */
	struct diag	*d;
	char		*input;		/* the bytes being imported, when the
					 * import owns them, or NULL: freed by
					 * import_doc_release_input as soon as
					 * the
					 * front end no longer needs them */
	char		*headline, *dateline, *when, *byline, *source, *lang;
	char		*source_url;	/* the page's own address, or NULL */
	struct iblock	*blocks;
	size_t		 nblocks, blocks_cap;
	struct iactor	*actors;
	size_t		 nactors, actors_cap;
	struct iquote	*quotes;
	size_t		 nquotes, quotes_cap;
	struct iclaim	*claims;
	size_t		 nclaims, claims_cap;
	struct names	*names;		/* every name, alias and short form */
	struct strmap	*capwords;	/* words seen capitalised inside a
					 * sentence */
	struct strmap	*lowerwords;	/* words seen in small letters */
	bool		 gazetteer;	/* --actors was given */

	/* Running state of the analysis, in reading order. */
	size_t		 last_kind[ACTOR_NKINDS];
	size_t		 last_person;
	size_t		 last_speaker;
	size_t		 open_speaker;	/* a quotation left open at the end
					 * of the last paragraph, or NONE */
	size_t		 words, english;
	bool		 capped;	/* some paragraph hit IMPORT_MAX_SPANS */
	/* Actors whose kind is known (ACT_KIND), by kind: how many, and
	 * the first. */
	size_t		 kind_count[ACTOR_NKINDS];
	size_t		 kind_first[ACTOR_NKINDS];
};

/* import.c */
struct import_opts;
void	 import_doc_init(struct idoc *, const char *name, struct diag *);
/* import_doc_init, and the gazetteer of the options. */
void	 import_doc_start(struct idoc *, const char *name,
	    const struct import_opts *, struct diag *);
/* The analysis of a filled article and the story written from it,
 * loaded back to be sure; frees the article.  The story is
 * caller-owned, or NULL (with an error) when it does not load. */
char	*import_doc_finish(struct idoc *, size_t *lenp);
void	 import_doc_free(struct idoc *);
/* The front end has what it needs of the input: frees it, if the
 * import owns it (doc->input). */
void	 import_doc_release_input(struct idoc *);
/* A new block owning text (which must already be clean); returns it. */
struct iblock *import_doc_add_block(struct idoc *, bool related, char *text,
	    size_t len, unsigned long line);
void	 import_block_add_span(struct iblock *, size_t start, size_t end,
	    enum span_kind, size_t ref);
/* A new actor; name is copied.  Returns its index. */
size_t	 import_doc_add_actor(struct idoc *, const char *name, size_t len,
	    enum actor_kind, unsigned flags);
size_t	 import_doc_add_quote(struct idoc *, size_t speaker);
/* The actor's kind, known now (ACT_KIND), with the counts by kind. */
void	 import_doc_set_kind(struct idoc *, size_t actor, enum actor_kind);
size_t	 import_doc_add_claim(struct idoc *);
void	 import_idx_push(struct idx *, size_t);
bool	 import_idx_has(const struct idx *, size_t);
/* A message about the input, "FILE:LINE: message": an error, or a
 * warning or note when the message says so. */
void	 import_doc_warn(struct idoc *, unsigned long line, const char *fmt,
    ...)
	    __attribute__((format(printf, 3, 4)));

/* ---- a paragraph under analysis (import_tok.c) ------------------- */

enum tok_flag {
	T_WORD	= 1 << 0,	/* letters, digits, marks; else one
				 * punctuation or symbol character */
	T_CAP	= 1 << 1,	/* starts with a capital letter */
	T_UPPER	= 1 << 2,	/* two or more letters, all capitals */
	T_LOWER	= 1 << 3,	/* starts with a small letter */
	T_DIGIT	= 1 << 4,	/* starts with a digit */
	T_SPACE	= 1 << 5,	/* white space just before it */
	T_SENT	= 1 << 6,	/* the first word of a sentence, or of a
				 * quotation */
	T_END	= 1 << 7,	/* punctuation that ends a sentence */
	T_MARK	= 1 << 8,	/* a quotation mark that opens or closes
				 * a quotation */
	T_SKIP	= 1 << 9	/* part of a title or a dateline: no name
				 * starts here */
};

/* 56 bytes, not 80: offsets and sentences fit in 32 bits, as a
 * paragraph is at most IMPORT_PARA_MAX bytes (doc_split), folded at
 * most a few times that, and a related item's title at most the input
 * (--max-size, under 4 GiB). */
struct tok {
	uint32_t	s, e;		/* bytes of the paragraph's text */
	uint32_t	fs, fe;		/* bytes of the folded text */
	int32_t		cp;		/* punctuation: the character; -1 */
	unsigned	flags;
	uint32_t	lex;		/* the word lists it is in, a bit each */
	uint32_t	sent;		/* its sentence */
	size_t		quote;		/* the quotation it lies in, or NONE */
	size_t		mention;	/* the mention covering it, or NONE */
	size_t		claim;		/* the claim covering it, or NONE */
};

/* A quotation: the marks around it and what they enclose. */
struct qregion {
	size_t	open, close;	/* tokens of the marks, NONE if absent */
	size_t	a, b;		/* the enclosed tokens [a, b) */
	size_t	start, end;	/* the enclosed bytes */
	size_t	speaker;	/* an actor, or NONE */
	bool	continued;	/* carries on a quotation of the last
				 * paragraph */
	bool	open_end;	/* runs on into the next paragraph */
	bool	guessed;	/* its speaker is that of another quote of
				 * the paragraph */
};

enum how { HOW_NAME, HOW_SHORT, HOW_PROPER, HOW_DESC, HOW_PRONOUN,
	HOW_MARKUP, HOW_SPEAKER };

struct pmention {
	size_t		a, b;		/* tokens [a, b) */
	size_t		actor;
	enum how	how;
};

struct pclaim {
	size_t	a, b;		/* tokens [a, b) */
	size_t	claim;
};

struct para {
	struct idoc	*doc;
	struct iblock	*blk;
	const char	*text;
	size_t		 len;
	char		*fold;		/* text_fold() of the text */
	size_t		 flen;
	size_t		*map;		/* folded byte -> text byte */
	struct tok	*t;
	size_t		 nt, tcap;
	size_t		*sents;		/* first token of each sentence, and
					 * nt at the end */
	size_t		 nsent;
	struct qregion	*q;
	size_t		 nq, qcap;
	struct pmention	*m;
	size_t		 nm, mcap;
	struct pclaim	*c;
	size_t		 nc, ccap;
};

/* The words of a text, one at a time, without a full tokenisation:
 * for the first pass over the article, which only needs to know how
 * each word is written.  Sentence ends are found the same way as in
 * tok_para_tokenise, less the look at what follows a full stop. */
struct word_scan {
	const char	*s;
	size_t		 len, pos;
	bool		 start;		/* the next word starts a sentence */
	/* The word found: */
	size_t		 ws, we;	/* its bytes */
	char		 fold[64];	/* folded; flen 0 when too long */
	size_t		 flen;
	unsigned	 flags;		/* T_CAP, T_UPPER, T_LOWER, T_DIGIT,
					 * T_SENT, and T_SPACE when only
					 * white space is between it and the
					 * word before */
	uint32_t	 lex;
};

void	 tok_word_scan_init(struct word_scan *, const char *s, size_t len);
bool	 tok_word_scan_next(struct word_scan *);

void	 tok_para_init(struct para *, struct idoc *, const char *text,
	    size_t len);
void	 tok_para_free(struct para *);
void	 tok_para_tokenise(struct para *);
/* The folded text of token i, and whether it is the word w. */
const char *tok_str(const struct para *, size_t i, size_t *len);
bool	 tok_is(const struct para *, size_t i, const char *w);
bool	 tok_punct(const struct para *, size_t i, int32_t cp);
bool	 tok_apostrophe(const struct para *, size_t i);
/* Whether token i is a word, and how many words [a, b) holds. */
bool	 tok_word(const struct para *, size_t i);
size_t	 tok_count_words(const struct para *, size_t a, size_t b);
/* The first token of the sentence that holds token i, and the token
 * just past its last. */
size_t	 tok_sent_first(const struct para *, size_t i);
size_t	 tok_sent_end(const struct para *, size_t i);

/* The word lists (import_lex.c); a word token carries the set of
 * lists it is in. */
enum lex {
	LEX_ABBREV,
	LEX_GENERIC,
	LEX_JOINING,
	LEX_ENGLISH,
	LEX_THAT,
	LEX_BARE,
	LEX_DENY,
	LEX_ACCUSE,
	LEX_FEAR,
	LEX_AUX,
	LEX_START,
	LEX_CONJ,
	LEX_STOP,
	LEX_TITLE,
	LEX_TIME,
	LEX_DEMONYM,
	LEX_GROUP,
	LEX_CONNECTOR,
	LEX_INSTITUTION,
	LEX_PREP,
	LEX_SPEECH,
	LEX_SPEAKER,
	LEX_N
};
uint32_t lex_lookup(const char *w, size_t len);
bool	 tok_in(const struct para *, size_t i, enum lex);

/* ---- names (gazetteer.c) ----------------------------------------- */

enum name_kind {
	NAME_FULL,	/* a name or an alias */
	NAME_SHORT,	/* a later short form: "Lewis", "NSA" */
	NAME_DERIVED	/* a gazetteer name less a leading name of
			 * another actor: "telecoms providers" */
};

struct name_hit {
	size_t		 end;		/* token just past the name */
	size_t		 actor;		/* or AMBIGUOUS */
	enum name_kind	 kind;
};

struct names	*gazetteer_names_new(void);
void		 gazetteer_names_free(struct names *);
/* Registers tokens [a, b) of p as a name of actor.  A full name always
 * wins over a short form; two actors with the same short form make it
 * AMBIGUOUS.  Returns false if nothing was added. */
bool		 gazetteer_names_add(struct names *, const struct para *,
    size_t a,
		    size_t b, size_t actor, enum name_kind);
bool		 gazetteer_names_add_str(struct names *, struct idoc *,
    const char *s,
		    size_t actor, enum name_kind);
/* The actor named exactly by tokens [a, b), or NONE. */
size_t		 gazetteer_names_lookup(const struct names *,
    const struct para *,
		    size_t a, size_t b, enum name_kind *kind);
/* Every name that starts at token i, shortest first; returns how many
 * (at most max). */
size_t		 gazetteer_names_hits(const struct names *, const struct para *,
		    size_t i, struct name_hit *, size_t max);

/* A map from byte strings to indices. */
struct strmap	*gazetteer_strmap_new(void);
void		 gazetteer_strmap_free(struct strmap *);
void		 gazetteer_strmap_put(struct strmap *, const char *, size_t len,
		    size_t value);
size_t		 gazetteer_strmap_get(const struct strmap *, const char *,
    size_t len);

/* Takes every actor of st, with its names, aliases and short forms. */
void		 gazetteer_load(struct idoc *, const struct story *st);
/* Registers the short forms of an actor first named in the text. */
void		 gazetteer_shorten(struct idoc *, size_t actor,
		    const struct para *, size_t a, size_t b);

/* ---- the analysis ------------------------------------------------ */

/* import_ner.c */
void	 ner_learn(struct idoc *, const char *text, size_t len);
void	 ner_mentions(struct para *);
size_t	 ner_add_mention(struct para *, size_t a, size_t b, size_t actor,
	    enum how);
void	 ner_sort(struct para *);
/* The mention that is the subject of token i's clause, or NONE. */
size_t	 ner_subject(const struct para *, size_t first, size_t verb);
bool	 ner_person(const struct idoc *, size_t actor);
/* An actor for the noun phrase tokens [a, b) ("a government
 * spokesperson"), made or found; the determiner is left out of the
 * name. */
size_t	 ner_phrase_actor(struct para *, size_t a, size_t b);
void	 ner_related(struct idoc *, struct iblock *);
/* A new actor called by tokens [a, b), with its names registered. */
size_t	 ner_actor(struct para *, size_t a, size_t b, unsigned flags);

/* import_role.c: kinds from the evidence of a name, titles and roles,
 * the short forms of organisations. */
enum actor_kind role_kind(const char *name, bool personlike, bool *sure);
void	 role_classify(struct idoc *, size_t actor, unsigned long line);
void	 role_shorten(struct idoc *, size_t actor, const struct para *,
	    size_t a, size_t b);
void	 role_titles(struct para *);
void	 role_appositives(struct para *);

/* import_quote.c */
void	 quote_regions(struct para *);
void	 quote_speakers(struct para *);
bool	 quote_is_speech_verb(const struct para *, size_t i);

/* import_claim.c */
void	 claim_find(struct para *);

/* ---- front ends and the writer ----------------------------------- */

/* import_text.c: fills the head and the blocks from plain text;
 * false (with an error in doc->d) when there is nothing to import. */
bool	 import_text_front(struct idoc *, const char *data, size_t len);
/* "PARIS (Reuters) - …": a dateline at the start of the paragraph is
 * the story's dateline (and its agency the source, when the story has
 * none), and no actor; sets blk->skip. */
void	 import_text_dateline_prefix(struct idoc *, struct iblock *);
/* import_nitf.c: what the bytes are, by their first element. */
enum input_kind { INPUT_TEXT, INPUT_NITF, INPUT_OTHER_XML };
enum input_kind nitf_detect(const char *data, size_t len, char **root);
bool	 nitf_front(struct idoc *, const char *data, size_t len);
/* import_html.c: fills the head and blocks from a web page (the
 * article found in it), or from a fragment of HTML (a feed's item, all
 * of it); false (with an error) when there is no article text.
 * html_detect: whether an element that starts a document is HTML's. */
bool	 html_front(struct idoc *, const char *data, size_t len);
bool	 html_fragment_front(struct idoc *, const char *data, size_t len);
bool	 html_detect(const char *root);
/* import_date.c: the ISO 8601 form of the date (and time) in s, or
 * NULL; *words counts the words of s that are not part of it. */
char	*date_parse(const char *s, size_t len, size_t *words);
/* The ISO 8601 form of an NITF norm value ("20200112T170600Z"). */
char	*date_from_norm(const char *s);
/* import_write.c: the story as XML text, caller-owned. */
/* The article as a story (import_write.c): only the actors it refers
 * to, ids given to everything; caller-owned, with no index built.  The
 * blocks' texts are given up (freed, NULL) as the story keeps them. */
struct story *import_build_story(struct idoc *);
/* That story written as a file: caller-owned, its length in *lenp;
 * the article is freed (import_doc_free) as soon as the story is built. */
char	*import_write(struct idoc *, size_t *lenp);

#endif
