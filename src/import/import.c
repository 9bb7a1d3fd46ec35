/* import.c - turning an article into a story: the whole run.
 *
 * A front end fills the article (head and blocks); the analysis then
 * reads the paragraphs twice in reading order: once to learn which
 * words the text capitalises inside sentences (so that a capital that
 * only starts a sentence is not taken for a name), once to find the
 * quotations, mentions, speakers and claims.  The writer makes the
 * story, and the story is loaded back, schema and references and all,
 * before anyone sees it. */
#include "config.h"

#include "import/import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>	/* mallopt */
#endif

#include "base/buf.h"
#include "import/import_int.h"
#include "format/load.h"
#include "base/xmalloc.h"

/* Blocks of this size and more are mapped, not taken from the heap. */
#define IMPORT_MMAP_MIN	(32 << 10)

/* ---- the article -------------------------------------------------- */

void
import_doc_init(struct idoc *doc, const char *name, struct diag *d)
{
	size_t k;

	memset(doc, 0, sizeof *doc);
	doc->name = name;
	doc->d = d;
	doc->names = gazetteer_names_new();
	doc->capwords = gazetteer_strmap_new();
	doc->lowerwords = gazetteer_strmap_new();
	for (k = 0; k < ACTOR_NKINDS; k++) {
		doc->last_kind[k] = NONE;
		doc->kind_first[k] = NONE;
	}
	doc->last_person = NONE;
	doc->last_speaker = NONE;
	doc->open_speaker = NONE;
}

void
import_doc_free(struct idoc *doc)
{
	size_t i, j;

	free(doc->input);
	free(doc->headline);
	free(doc->dateline);
	free(doc->when);
	free(doc->byline);
	free(doc->source);
	free(doc->source_url);
	free(doc->lang);
	for (i = 0; i < doc->nblocks; i++) {
		free(doc->blocks[i].text);
		free(doc->blocks[i].spans);
		free(doc->blocks[i].actors.v);
		free(doc->blocks[i].url);
	}
	free(doc->blocks);
	for (i = 0; i < doc->nactors; i++) {
		struct iactor *a = &doc->actors[i];

		free(a->id);
		free(a->name);
		free(a->note);
		free(a->doubt);
		for (j = 0; j < a->naliases; j++)
			free(a->aliases[j]);
		free(a->aliases);
	}
	free(doc->actors);
	free(doc->quotes);
	for (i = 0; i < doc->nclaims; i++) {
		free(doc->claims[i].by.v);
		free(doc->claims[i].about.v);
	}
	free(doc->claims);
	gazetteer_names_free(doc->names);
	gazetteer_strmap_free(doc->capwords);
	gazetteer_strmap_free(doc->lowerwords);
	memset(doc, 0, sizeof *doc);
}

void
import_doc_release_input(struct idoc *doc)
{
	free(doc->input);
	doc->input = NULL;
}

struct iblock *
import_doc_add_block(struct idoc *doc, bool related, char *text, size_t len,
    unsigned long line)
{
	struct iblock *b;

	doc->blocks = xgrow(doc->blocks, doc->nblocks, &doc->blocks_cap,
	    sizeof *doc->blocks);
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->related = related;
	b->text = text;
	b->len = (uint32_t)len;
	b->line = (uint32_t)line;
	return b;
}

void
import_block_add_span(struct iblock *b, size_t start, size_t end,
    enum span_kind kind, size_t ref)
{
	/* Most paragraphs hold a few spans: xgrow's first sixteen would
	 * be four times the text of a short one. */
	if (b->nspans == b->spans_cap) {
		b->spans_cap = b->spans_cap ? 2 * b->spans_cap : 2;
		b->spans = xreallocarray(b->spans, b->spans_cap,
		    sizeof *b->spans);
	}
	b->spans[b->nspans].start = start;
	b->spans[b->nspans].end = end;
	b->spans[b->nspans].kind = kind;
	b->spans[b->nspans].ref = ref;
	b->nspans++;
}

size_t
import_doc_add_actor(struct idoc *doc, const char *name, size_t len,
    enum actor_kind kind, unsigned flags)
{
	struct iactor *a;

	doc->actors = xgrow(doc->actors, doc->nactors, &doc->actors_cap,
	    sizeof *doc->actors);
	a = &doc->actors[doc->nactors];
	memset(a, 0, sizeof *a);
	a->name = xstrndup(name, len);
	a->kind = kind;
	a->flags = flags;
	a->parent = NONE;
	if (flags & ACT_KIND) {
		if (doc->kind_count[kind]++ == 0)
			doc->kind_first[kind] = doc->nactors;
	}
	return doc->nactors++;
}

void
import_doc_set_kind(struct idoc *doc, size_t actor, enum actor_kind kind)
{
	struct iactor *a = &doc->actors[actor];

	if (a->flags & ACT_GAZETTEER)
		return;
	if ((a->flags & ACT_KIND) && a->kind == kind)
		return;
	if (a->flags & ACT_KIND) {
		if (--doc->kind_count[a->kind] == 0)
			doc->kind_first[a->kind] = NONE;
	}
	a->kind = kind;
	a->flags |= ACT_KIND;
	free(a->doubt);
	a->doubt = NULL;
	if (doc->kind_count[kind]++ == 0)
		doc->kind_first[kind] = actor;
}

size_t
import_doc_add_quote(struct idoc *doc, size_t speaker)
{
	doc->quotes = xgrow(doc->quotes, doc->nquotes, &doc->quotes_cap,
	    sizeof *doc->quotes);
	doc->quotes[doc->nquotes].speaker = speaker;
	doc->quotes[doc->nquotes].guessed = false;
	return doc->nquotes++;
}

size_t
import_doc_add_claim(struct idoc *doc)
{
	doc->claims = xgrow(doc->claims, doc->nclaims, &doc->claims_cap,
	    sizeof *doc->claims);
	memset(&doc->claims[doc->nclaims], 0, sizeof doc->claims[0]);
	return doc->nclaims++;
}

void
import_idx_push(struct idx *x, size_t v)
{
	x->v = xreallocarray(x->v, x->n + 1, sizeof *x->v);
	x->v[x->n++] = v;
}

bool
import_idx_has(const struct idx *x, size_t v)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->v[i] == v)
			return true;
	return false;
}

void
import_doc_warn(struct idoc *doc, unsigned long line, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_add(doc->d, doc->name, line, "%s", msg.data ? msg.data : "");
	buf_free(&msg);
}

/* ---- paragraphs too long to take whole ---------------------------- */

/* Whether the text before s[i] (a space) ends a sentence: a full stop,
 * question or exclamation mark, or one of them and a closing quotation
 * mark or bracket. */
static bool
import_split_sentence_end(const char *s, size_t i)
{
	size_t k = i;

	if (k >= 3 && (unsigned char)s[k - 3] == 0xE2 &&
	    (unsigned char)s[k - 2] == 0x80 &&
	    ((unsigned char)s[k - 1] == 0x9D || (unsigned char)s[k - 1] == 0x99))
		k -= 3;	/* ” ’ */
	else if (k >= 1 && (s[k - 1] == '"' || s[k - 1] == '\'' ||
	    s[k - 1] == ')'))
		k--;
	return k >= 1 && (s[k - 1] == '.' || s[k - 1] == '!' ||
	    s[k - 1] == '?');
}

/* Where the first piece of s ends, s being longer than
 * IMPORT_PARA_MAX: at the last sentence end in the second half of its
 * first IMPORT_PARA_MAX bytes, else at the last space there, else at
 * the start of a character.  *next is where the next piece starts
 * (past the space). */
static size_t
import_split_point(const char *s, size_t *next)
{
	size_t max = IMPORT_PARA_MAX, i, space = 0;

	for (i = max; i > max / 2; i--)
		if (s[i] == ' ') {
			if (import_split_sentence_end(s, i)) {
				*next = i + 1;
				return i;
			}
			if (space == 0)
				space = i;
		}
	if (space != 0) {
		*next = space + 1;
		return space;
	}
	for (i = max; i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80; i--)
		;
	*next = i;
	return i;
}

/* The spans of piece [from, to) of a block, in its own offsets: a
 * quotation's markup cut with the text, any other dropped when it
 * crosses the cut. */
static void
import_split_spans(const struct iblock *whole, struct iblock *piece,
    size_t from,
    size_t to)
{
	size_t k;

	for (k = 0; k < whole->nspans; k++) {
		const struct span *sp = &whole->spans[k];
		size_t a = sp->start, b = sp->end;

		if (b <= from || a >= to)
			continue;
		if ((a < from || b > to) && sp->kind != SPAN_QUOTE)
			continue;
		a = a < from ? from : a;
		b = b > to ? to : b;
		import_block_add_span(piece, a - from, b - from, sp->kind,
		    sp->ref);
	}
}

/* The pieces of a long block, appended to *v: copied out from the
 * last, each time giving back the tail of the block's text, so that
 * the paragraph is held about once.  Returns how many. */
static size_t
import_split_block(struct iblock *b, struct iblock **v, size_t *n, size_t *cap)
{
	size_t *cut = NULL, ncut = 0, ccap = 0, at = 0, next, end, k, first;
	struct iblock *pc;

	while (b->len - at > IMPORT_PARA_MAX) {
		end = at + import_split_point(b->text + at, &next);
		cut = xgrow(cut, ncut, &ccap, 2 * sizeof *cut);
		cut[2 * ncut] = at;
		cut[2 * ncut++ + 1] = end;
		at += next;
	}
	cut = xreallocarray(cut, ncut + 1, 2 * sizeof *cut);
	cut[2 * ncut] = at;
	cut[2 * ncut++ + 1] = b->len;
	first = *n;
	for (k = 0; k < ncut; k++) {
		*v = xgrow(*v, *n, cap, sizeof **v);
		pc = &(*v)[(*n)++];
		memset(pc, 0, sizeof *pc);
		pc->line = b->line;
	}
	for (k = ncut; k-- > 0;) {
		pc = &(*v)[first + k];
		pc->len = cut[2 * k + 1] - cut[2 * k];
		if (k == 0) {
			pc->text = xreallocarray(b->text, pc->len + 1, 1);
			pc->text[pc->len] = '\0';
		} else {
			pc->text = xstrndup(b->text + cut[2 * k], pc->len);
			b->text = xreallocarray(b->text, cut[2 * k] + 1, 1);
		}
		import_split_spans(b, pc, cut[2 * k], cut[2 * k + 1]);
	}
	b->text = NULL;
	free(b->spans);
	free(cut);
	return ncut;
}

/* Every paragraph longer than IMPORT_PARA_MAX, cut into pieces, with
 * one warning for them all. */
static void
import_doc_split(struct idoc *doc)
{
	struct iblock *v = NULL;
	size_t i, n = 0, cap = 0, first_len = 0, first_pieces = 0, more = 0;
	unsigned long first_line = 0;

	for (i = 0; i < doc->nblocks; i++)
		if (!doc->blocks[i].related &&
		    doc->blocks[i].len > IMPORT_PARA_MAX)
			break;
	if (i == doc->nblocks)
		return;
	for (i = 0; i < doc->nblocks; i++) {
		struct iblock *b = &doc->blocks[i];

		if (b->related || b->len <= IMPORT_PARA_MAX) {
			v = xgrow(v, n, &cap, sizeof *v);
			v[n++] = *b;
		} else if (first_pieces == 0) {
			first_line = b->line;
			first_len = b->len;
			first_pieces = import_split_block(b, &v, &n, &cap);
		} else {
			import_split_block(b, &v, &n, &cap);
			more++;
		}
	}
	if (more > 0)
		import_doc_warn(doc, first_line,
		    "warning: a paragraph of %zu bytes "
		    "is cut into %zu paragraphs of at most %zu KiB (and %zu "
		    "later paragraphs longer than that)", first_len,
		    first_pieces, IMPORT_PARA_MAX >> 10, more);
	else
		import_doc_warn(doc, first_line,
		    "warning: a paragraph of %zu bytes "
		    "is cut into %zu paragraphs of at most %zu KiB", first_len,
		    first_pieces, IMPORT_PARA_MAX >> 10);
	free(doc->blocks);
	doc->blocks = v;
	doc->nblocks = n;
	doc->blocks_cap = cap;
}

/* ---- the analysis ------------------------------------------------- */

/* Marked-up spans (NITF) become mentions of their actors, and speakers
 * of the quotations they mark. */
static void
import_analyse_markup(struct para *p, size_t *hints, size_t *nhints)
{
	struct iblock *blk = p->blk;
	size_t k, a = 0, b;

	/* The front end adds spans in document order, so that their starts
	 * never go back: one walk over the tokens. */
	*nhints = 0;
	for (k = 0; k < blk->nspans; k++) {
		const struct span *sp = &blk->spans[k];

		while (a > 0 && p->t[a - 1].s >= sp->start)
			a--;
		while (a < p->nt && p->t[a].s < sp->start)
			a++;
		for (b = a; b < p->nt && p->t[b].e <= sp->end; b++)
			;
		if (b <= a)
			continue;
		if (sp->kind == SPAN_MENTION)
			ner_add_mention(p, a, b, sp->ref, HOW_MARKUP);
		else if (sp->kind == SPAN_QUOTE && sp->ref != NONE)
			hints[(*nhints)++] = k;
	}
}

static void
import_analyse_hints(struct para *p, const size_t *hints, size_t nhints)
{
	size_t k, i;

	for (k = 0; k < nhints; k++) {
		const struct span *sp = &p->blk->spans[hints[k]];

		for (i = 0; i < p->nq; i++)
			if (p->q[i].start < sp->end && sp->start < p->q[i].end)
				p->q[i].speaker = sp->ref;
	}
}

/* The spans found, written into the block (at most IMPORT_MAX_SPANS). */
static void
import_analyse_emit(struct para *p)
{
	struct idoc *doc = p->doc;
	struct iblock *blk = p->blk;
	size_t i, room = IMPORT_MAX_SPANS, q;

	blk->nspans = 0;
	for (i = 0; i < p->nc && room > 0; i++, room--)
		import_block_add_span(blk, p->t[p->c[i].a].s,
		    p->t[p->c[i].b - 1].e,
		    SPAN_CLAIM, p->c[i].claim);
	for (i = 0; i < p->nq && room > 0; i++) {
		if (p->q[i].speaker == NONE)
			continue;
		q = import_doc_add_quote(doc, p->q[i].speaker);
		doc->quotes[q].guessed = p->q[i].guessed;
		import_block_add_span(blk, p->q[i].start, p->q[i].end,
		    SPAN_QUOTE, q);
		room--;
	}
	for (i = 0; i < p->nm && room > 0; i++, room--)
		import_block_add_span(blk, p->t[p->m[i].a].s,
		    p->t[p->m[i].b - 1].e,
		    SPAN_MENTION, p->m[i].actor);
	if (room == 0 && !doc->capped) {
		doc->capped = true;
		import_doc_warn(doc, blk->line,
		    "warning: a paragraph holds more "
		    "than %d names, quotes and claims; the rest are left "
		    "unmarked", IMPORT_MAX_SPANS);
	}
}

static void
import_analyse_count(struct para *p)
{
	size_t i;

	for (i = 0; i < p->nt; i++) {
		if (!(p->t[i].flags & T_WORD))
			continue;
		p->doc->words++;
		p->doc->english += tok_in(p, i, LEX_ENGLISH);
	}
}

static void
import_analyse_paragraph(struct idoc *doc, struct iblock *blk)
{
	struct para p;
	size_t *hints, nhints, i;

	tok_para_init(&p, doc, blk->text, blk->len);
	p.blk = blk;
	tok_para_tokenise(&p);
	for (i = 0; i < p.nt && p.t[i].s < blk->skip; i++)
		p.t[i].flags |= T_SKIP;
	import_analyse_count(&p);
	hints = xreallocarray(NULL, blk->nspans + 1, sizeof *hints);
	import_analyse_markup(&p, hints, &nhints);
	quote_regions(&p);
	ner_mentions(&p);
	quote_speakers(&p);
	import_analyse_hints(&p, hints, nhints);
	claim_find(&p);
	import_analyse_emit(&p);
	free(hints);
	tok_para_free(&p);
}

static void
import_analyse(struct idoc *doc)
{
	size_t i;

	import_doc_split(doc);
	for (i = 0; i < doc->nblocks && doc->blocks[i].related; i++)
		;
	if (i < doc->nblocks)
		import_text_dateline_prefix(doc, &doc->blocks[i]);
	for (i = 0; i < doc->nblocks; i++)
		if (!doc->blocks[i].related)
			ner_learn(doc, doc->blocks[i].text, doc->blocks[i].len);
	for (i = 0; i < doc->nblocks; i++)
		if (!doc->blocks[i].related)
			import_analyse_paragraph(doc, &doc->blocks[i]);
	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].related)
			ner_related(doc, &doc->blocks[i]);
	/* The word lists are English: say so only when the text is. */
	if (doc->lang == NULL && doc->english >= 3 &&
	    doc->english * 100 >= doc->words * 8)
		doc->lang = xstrdup("en");
}

/* ---- entry points ------------------------------------------------- */

/* What the bytes are; for an XML document of no kind known,
 * IMPORT_FROM_AUTO with its root element's name in *root. */
static enum import_from
import_detect_root(const char *data, size_t len, char **root)
{
	const char *r;

	*root = NULL;
	switch (nitf_detect(data, len, root)) {
	case INPUT_NITF:
		return IMPORT_FROM_NITF;
	case INPUT_OTHER_XML:
		r = strrchr(*root, ':');
		r = r != NULL ? r + 1 : *root;
		if (strcmp(r, "rss") == 0 || strcmp(r, "feed") == 0 ||
		    strcmp(r, "RDF") == 0)
			return IMPORT_FROM_FEED;
		if (html_detect(*root))
			return IMPORT_FROM_HTML;
		return IMPORT_FROM_AUTO;
	default:
		/* A page that starts with text before its first tag. */
		if (len > 0 && (memmem(data, len < 4096 ? len : 4096,
		    "<html", 5) != NULL || memmem(data, len < 4096 ? len :
		    4096, "<HTML", 5) != NULL))
			return IMPORT_FROM_HTML;
		return IMPORT_FROM_TEXT;
	}
}

enum import_from
import_detect(const char *data, size_t len)
{
	char *root;
	enum import_from f = import_detect_root(data, len, &root);

	free(root);
	return f;
}

/* The story must load, schema and references and all: if it does not,
 * the importer is wrong, and nothing is written. */
static bool
import_verify(const char *xml, size_t len, const char *name, struct diag *d)
{
	struct diag vd = DIAG_INIT;
	struct story *st = load_memory(xml, len, name, NULL, &vd);
	bool ok = st != NULL;

	if (!ok)
		diag_add(d, name, 0, "internal error: the imported story is "
		    "not valid (%s); please report this",
		    vd.n > 0 ? vd.msgs[0] : "no reason given");
	story_free(st);
	diag_free(&vd);
	return ok;
}

void
import_doc_start(struct idoc *doc, const char *name,
    const struct import_opts *opts,
    struct diag *d)
{
	import_doc_init(doc, name, d);
	if (opts != NULL && opts->gazetteer != NULL) {
		gazetteer_load(doc, opts->gazetteer);
		doc->gazetteer = true;
	}
}

char *
import_doc_finish(struct idoc *doc, size_t *lenp)
{
	const char *name = doc->name;
	struct diag *d = doc->d;
	char *out;
	size_t outlen = 0;

	import_analyse(doc);
	/* import_write frees the article once it has the story, before
	 * it is written and loaded back. */
	out = import_write(doc, &outlen);
	if (out != NULL && !import_verify(out, outlen, name, d)) {
		free(out);
		out = NULL;
	}
	if (out != NULL && lenp != NULL)
		*lenp = outlen;
	return out;
}

/* The import of data; owned (the same bytes, or NULL) is given to the
 * import, which frees it as soon as the front end is done with it. */
static char *
import_run(const char *data, char *owned, size_t len, const char *name,
    const struct import_opts *opts, size_t *lenp, struct diag *d)
{
	struct idoc doc;
	char *root = NULL;
	enum import_from from;
	bool ok;

#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
	/* glibc raises its threshold for mapping a block to the size of
	 * the largest one freed, here the input: after it, the pieces,
	 * the story's text and its growing arrays would come from the heap
	 * and leave it in holes that a limit on address space still
	 * counts (a 10 MB paragraph: 5 MB).  A fixed threshold keeps them
	 * mapped, each given back whole when freed. */
	mallopt(M_MMAP_THRESHOLD, IMPORT_MMAP_MIN);
#endif
	import_doc_start(&doc, name, opts, d);
	doc.input = owned;
	from = opts != NULL ? opts->from : IMPORT_FROM_AUTO;
	if (from == IMPORT_FROM_AUTO)
		from = import_detect_root(data, len, &root);
	switch (from) {
	case IMPORT_FROM_NITF:
		ok = nitf_front(&doc, data, len);
		break;
	case IMPORT_FROM_HTML:
		ok = html_front(&doc, data, len);
		break;
	case IMPORT_FROM_FEED:
		diag_add(d, name, 1, "a feed (RSS or Atom): import it into "
		    "a folder, with -o DIR");
		ok = false;
		break;
	case IMPORT_FROM_AUTO:
		diag_add(d, name, 1, "an XML document with the root element "
		    "'%s': only NITF, HTML, feeds and plain text can be "
		    "imported", root);
		ok = false;
		break;
	default:
		ok = import_text_front(&doc, data, len);
		break;
	}
	free(root);
	import_doc_release_input(&doc);
	if (ok)
		return import_doc_finish(&doc, lenp);
	import_doc_free(&doc);
	return NULL;
}

char *
import_memory(const char *data, size_t len, const char *name,
    const struct import_opts *opts, size_t *lenp, struct diag *d)
{
	return import_run(data, NULL, len, name, opts, lenp, d);
}

char *
import_file(const char *path, size_t max, const struct import_opts *opts,
    size_t *lenp, struct diag *d)
{
	char *data;
	size_t len;

	data = load_read_file(path, max, &len, d);
	if (data == NULL)
		return NULL;
	return import_run(data, data, len, path, opts, lenp, d);
}
