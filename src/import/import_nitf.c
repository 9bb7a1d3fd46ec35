/* import_nitf.c - the NITF front end.
 *
 * NITF 3.x (the IPTC News Industry Text Format) is recognised by its
 * root element, nitf, with or without its namespace (any namespace on
 * the root is accepted; the other elements must share it or have
 * none).  It is parsed by load_parse_xml(), with the same safety as a
 * story.  The mapping:
 *
 *   body.head/hedline/hl1 (else head/title)    headline
 *   body.head/dateline, story.date@norm         dateline and its when
 *     (else docdata/date.issue@norm, pubdata@date.publication)
 *   body.head/byline                            byline
 *   body.head/distributor (else pubdata@name)   source
 *   body.content p, hl2, li, dd, pre            paragraphs
 *     (inside block and bq too)
 *   person, org, location (inline)              actors and mentions:
 *     kind person, group, other (country when it holds a <country>)
 *   q (inline), its quote-source                a quote and its speaker
 *
 * The rest of the head is metadata with no place in a story and goes
 * quietly, except key-list, identified-content and tobject, which hold
 * what the story is about; those, and anything in the body that is not
 * text (tables, media, notes, abstracts), are dropped with one note on
 * standard error for each kind of element. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "format/load.h"
#include "base/xmalloc.h"

/* Bytes: a longer person, org or location is text, not a name.  It
 * bounds what each of nested names costs, which keeps an import linear
 * however deep they nest. */
#define NITF_NAME_MAX	256

struct dropped {
	char		*name;
	unsigned long	 line;
	size_t		 count;
};

struct nitf {
	struct idoc	*doc;
	const xmlNs	*ns;		/* the root's namespace, or NULL */
	struct dropped	*drops;
	size_t		 ndrops;
	unsigned long	 ctl_line;	/* first control character */
	unsigned long	 long_line;	/* first name too long to be one */
	/* The paragraph being built. */
	struct buf	 text;
	bool		 space;
	struct iblock	*blk;
	struct span	*spans;
	size_t		 nspans, spans_cap;
};

/* ---- recognising it ----------------------------------------------- */

static bool
nitf_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (unsigned char)c >= 0x80;
}

static bool
nitf_name_char(char c)
{
	return nitf_name_start(c) || (c >= '0' && c <= '9') || c == '-' ||
	    c == '.' || c == ':';
}

enum input_kind
nitf_detect(const char *data, size_t len, char **root)
{
	const char *p = data, *end = data + len, *q, *colon;

	*root = NULL;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	/* Past the XML declaration, comments and a document type
	 * declaration (which the parser will refuse) to the root. */
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r'))
			p++;
		if (p >= end || *p != '<')
			return INPUT_TEXT;
		if (end - p >= 2 && p[1] == '?')
			q = memmem(p, (size_t)(end - p), "?>", 2);
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = memmem(p, (size_t)(end - p), "-->", 3);
		else if (end - p >= 2 && p[1] == '!') {
			const char *gt = memchr(p, '>', (size_t)(end - p));
			const char *br = memchr(p, '[', (size_t)(end - p));

			q = br != NULL && (gt == NULL || br < gt) ?
			    memmem(br, (size_t)(end - br), "]>", 2) : gt;
		} else
			break;
		if (q == NULL)
			return INPUT_TEXT;
		p = (const char *)memchr(q, '>', (size_t)(end - q)) + 1;
	}
	if (end - p < 2 || !nitf_name_start(p[1]))
		return INPUT_TEXT;
	for (q = p + 1; q < end && nitf_name_char(*q); q++)
		;
	*root = xstrndup(p + 1, (size_t)(q - p - 1));
	colon = strrchr(*root, ':');
	return strcmp(colon ? colon + 1 : *root, "nitf") == 0 ? INPUT_NITF :
	    INPUT_OTHER_XML;
}

/* ---- tree helpers ------------------------------------------------- */

static bool
nitf_is_elem(const struct nitf *nf, const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return false;
	return n->ns == NULL || (nf->ns != NULL && n->ns->href != NULL &&
	    xmlStrEqual(n->ns->href, nf->ns->href));
}

static const xmlNode *
nitf_child(const struct nitf *nf, const xmlNode *parent, const char *name)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n != NULL; n = n->next)
		if (nitf_is_elem(nf, n, name))
			return n;
	return NULL;
}

static char *
nitf_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp((xmlNodePtr)n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static void
nitf_drop(struct nitf *nf, const xmlNode *n)
{
	size_t i;
	const char *name = (const char *)n->name;

	for (i = 0; i < nf->ndrops; i++)
		if (strcmp(nf->drops[i].name, name) == 0) {
			nf->drops[i].count++;
			return;
		}
	nf->drops = xreallocarray(nf->drops, nf->ndrops + 1,
	    sizeof *nf->drops);
	nf->drops[nf->ndrops].name = xstrdup(name);
	nf->drops[nf->ndrops].line = load_node_line(n);
	nf->drops[nf->ndrops].count = 1;
	nf->ndrops++;
}

/* ---- text --------------------------------------------------------- */

/* Appends s with runs of white space folded into one space (none at
 * the start) and control characters dropped. */
static void
nitf_put_text(struct nitf *nf, const char *s, const xmlNode *n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len = strlen(s);
	utf8proc_ssize_t k;
	int32_t cp;

	while (i < len) {
		if (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' ||
		    u[i] == '\r') {
			nf->space = true;
			i++;
			continue;
		}
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			if (nf->ctl_line == 0)
				nf->ctl_line = load_node_line(n);
			i += (size_t)k;
			continue;
		}
		if (nf->space && nf->text.len > 0)
			buf_putc(&nf->text, ' ');
		nf->space = false;
		buf_append(&nf->text, s + i, (size_t)k);
		i += (size_t)k;
	}
}

/* The whole text of an element, collapsed; caller-owned. */
static char *
nitf_text_of(struct nitf *nf, const xmlNode *n)
{
	xmlChar *raw = xmlNodeGetContent((xmlNodePtr)n);
	struct buf save = nf->text;
	bool space = nf->space;
	char *s;

	memset(&nf->text, 0, sizeof nf->text);
	nf->space = false;
	nitf_put_text(nf, raw ? (const char *)raw : "", n);
	xmlFree(raw);
	s = buf_detach(&nf->text);
	nf->text = save;
	nf->space = space;
	return s;
}

/* ---- actors ------------------------------------------------------- */

/* The actor called `name`, found among the names known so far or made
 * with the kind of the element. */
static size_t
nitf_actor(struct nitf *nf, const char *name, enum actor_kind kind)
{
	struct idoc *doc = nf->doc;
	struct para p;
	size_t actor;

	tok_para_init(&p, doc, name, strlen(name));
	tok_para_tokenise(&p);
	actor = p.nt > 0 ? gazetteer_names_lookup(doc->names, &p, 0, p.nt, NULL)
	    : NONE;
	if (actor == NONE || actor == AMBIGUOUS) {
		actor = import_doc_add_actor(doc, name, strlen(name), kind,
		    ACT_KIND | (kind == ACTOR_PERSON ? ACT_PERSONLIKE : 0));
		if (p.nt > 0) {
			gazetteer_names_add(doc->names, &p, 0, p.nt, actor,
			    NAME_FULL);
			gazetteer_shorten(doc, actor, &p, 0, p.nt);
		}
	}
	tok_para_free(&p);
	return actor;
}

static enum actor_kind
nitf_element_kind(const struct nitf *nf, const xmlNode *n)
{
	if (nitf_is_elem(nf, n, "person"))
		return ACTOR_PERSON;
	if (nitf_is_elem(nf, n, "org"))
		return ACTOR_GROUP;
	if (nitf_is_elem(nf, n, "country") || nitf_child(nf, n,
	    "country") != NULL)
		return ACTOR_COUNTRY;
	return ACTOR_OTHER;
}

static void
nitf_add_span(struct nitf *nf, size_t start, enum span_kind kind, size_t ref)
{
	if (nf->text.len <= start)
		return;
	/* Geometrically: a paragraph may hold tens of thousands. */
	nf->spans = xgrow(nf->spans, nf->nspans, &nf->spans_cap,
	    sizeof *nf->spans);
	nf->spans[nf->nspans].start = start;
	nf->spans[nf->nspans].end = nf->text.len;
	nf->spans[nf->nspans].kind = kind;
	nf->spans[nf->nspans].ref = ref;
	nf->nspans++;
}

/* ---- paragraphs --------------------------------------------------- */

static void nitf_inline(struct nitf *, const xmlNode *);

/* Where the next character will go, the pending space included. */
static size_t
nitf_text_pos(struct nitf *nf)
{
	if (nf->space && nf->text.len > 0) {
		buf_putc(&nf->text, ' ');
		nf->space = false;
	}
	return nf->text.len;
}

static bool
nitf_ends_with_open_quote(const struct buf *b)
{
	return (b->len >= 3 && memcmp(b->data + b->len - 3, "\xE2\x80\x9C",
	    3) == 0) || (b->len >= 1 && b->data[b->len - 1] == '"');
}

static void
nitf_q(struct nitf *nf, const xmlNode *n)
{
	char *source = nitf_attr(n, "quote-source");
	size_t speaker = NONE, start;
	bool marks;

	if (source != NULL) {
		char *clean = xstrdup(source);

		if (clean[strspn(clean, " \t\r\n")] != '\0')
			speaker = nitf_actor(nf, clean, ACTOR_PERSON);
		free(clean);
		free(source);
	}
	start = nitf_text_pos(nf);
	/* The format keeps quotation marks in the text; NITF leaves them
	 * to the renderer. */
	marks = !nitf_ends_with_open_quote(&nf->text);
	if (marks) {
		buf_puts(&nf->text, "\xE2\x80\x9C");
		start = nf->text.len;
	}
	nitf_inline(nf, n);
	nf->space = false;
	nitf_add_span(nf, start, SPAN_QUOTE, speaker);
	if (marks)
		buf_puts(&nf->text, "\xE2\x80\x9D");
}

/* A person, org or location: its text is the name, taken from what
 * nitf_inline wrote rather than from the subtree again, so that nested
 * names cost what their text costs, once. */
static void
nitf_name(struct nitf *nf, const xmlNode *n)
{
	size_t start = nitf_text_pos(nf), from, actor;
	char *name;

	nitf_inline(nf, n);
	for (from = start; from < nf->text.len && nf->text.data[from] == ' ';
	    from++)
		;
	if (from == nf->text.len)
		return;
	if (nf->text.len - from > NITF_NAME_MAX) {
		if (nf->long_line == 0)
			nf->long_line = load_node_line(n);
		return;
	}
	name = xstrndup(nf->text.data + from, nf->text.len - from);
	actor = nitf_actor(nf, name, nitf_element_kind(nf, n));
	nitf_add_span(nf, start, SPAN_MENTION, actor);
	free(name);
}

static void
nitf_inline(struct nitf *nf, const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			nitf_put_text(nf, (const char *)n->content, n);
		else if (n->type != XML_ELEMENT_NODE)
			continue;
		else if (nitf_is_elem(nf, n, "person") || nitf_is_elem(nf, n, "org") ||
		    nitf_is_elem(nf, n, "location"))
			nitf_name(nf, n);
		else if (nitf_is_elem(nf, n, "q"))
			nitf_q(nf, n);
		else if (nitf_is_elem(nf, n, "br"))
			nf->space = true;
		else
			nitf_inline(nf, n);	/* em, a, chron, money, … */
	}
}

static void
nitf_paragraph(struct nitf *nf, const xmlNode *n)
{
	struct iblock *b;
	size_t k;

	buf_truncate(&nf->text, 0);
	nf->space = false;
	nf->nspans = 0;
	nitf_inline(nf, n);
	if (nf->text.len == 0)
		return;
	b = import_doc_add_block(nf->doc, false, xstrndup(nf->text.data,
	    nf->text.len), nf->text.len, load_node_line(n));
	for (k = 0; k < nf->nspans; k++)
		import_block_add_span(b, nf->spans[k].start, nf->spans[k].end,
		    nf->spans[k].kind, nf->spans[k].ref);
}

static void
nitf_blocks(struct nitf *nf, const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (nitf_is_elem(nf, n, "p") || nitf_is_elem(nf, n, "hl2") ||
		    nitf_is_elem(nf, n, "li") || nitf_is_elem(nf, n, "dt") ||
		    nitf_is_elem(nf, n, "dd") || nitf_is_elem(nf, n, "pre"))
			nitf_paragraph(nf, n);
		else if (nitf_is_elem(nf, n, "block") || nitf_is_elem(nf, n, "bq") ||
		    nitf_is_elem(nf, n, "ol") || nitf_is_elem(nf, n, "ul") ||
		    nitf_is_elem(nf, n, "dl"))
			nitf_blocks(nf, n);
		else
			nitf_drop(nf,
			    n);	/* table, media, fn, note, hr, … */
	}
}

/* ---- the head ----------------------------------------------------- */

static void
nitf_set_once(char **field, char *value)
{
	if (*field == NULL && value != NULL && value[0] != '\0')
		*field = value;
	else
		free(value);
}

static void
nitf_when(struct nitf *nf, const char *norm)
{
	if (norm != NULL && nf->doc->when == NULL)
		nf->doc->when = date_from_norm(norm);
}

static void
nitf_head(struct nitf *nf, const xmlNode *head)
{
	const xmlNode *n, *d;

	for (n = head ? head->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (nitf_is_elem(nf, n, "docdata")) {
			for (d = n->children; d != NULL; d = d->next)
				if (nitf_is_elem(nf, d, "key-list") ||
				    nitf_is_elem(nf, d, "identified-content"))
					nitf_drop(nf, d);
		} else if (nitf_is_elem(nf, n, "tobject"))
			nitf_drop(nf, n);
	}
}

static void
nitf_body_head(struct nitf *nf, const xmlNode *bh)
{
	const xmlNode *n, *c;
	char *v;

	for (n = bh ? bh->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (nitf_is_elem(nf, n, "hedline")) {
			for (c = n->children; c != NULL; c = c->next)
				if (nitf_is_elem(nf, c, "hl1"))
					nitf_set_once(&nf->doc->headline,
					    nitf_text_of(nf, c));
				else if (c->type == XML_ELEMENT_NODE)
					nitf_drop(nf, c);
		} else if (nitf_is_elem(nf, n, "byline")) {
			v = nitf_text_of(nf, n);
			if (strncmp(v, "By ", 3) == 0 ||
			    strncmp(v, "BY ", 3) == 0)
				memmove(v, v + 3, strlen(v + 3) + 1);
			nitf_set_once(&nf->doc->byline, v);
		} else if (nitf_is_elem(nf, n, "distributor"))
			nitf_set_once(&nf->doc->source, nitf_text_of(nf, n));
		else if (nitf_is_elem(nf, n, "dateline")) {
			nitf_set_once(&nf->doc->dateline, nitf_text_of(nf, n));
			if ((c = nitf_child(nf, n, "story.date")) != NULL) {
				v = nitf_attr(c, "norm");
				nitf_when(nf, v);
				free(v);
			}
		} else
			nitf_drop(nf,
			    n);	/* abstract, note, rights, series */
	}
}

/* Fallbacks from the metadata: title, issue date, publication. */
static void
nitf_metadata(struct nitf *nf, const xmlNode *head)
{
	const xmlNode *n;
	char *v;
	size_t words;

	if (nf->doc->when == NULL && nf->doc->dateline != NULL)
		nf->doc->when = date_parse(nf->doc->dateline,
		    strlen(nf->doc->dateline), &words);
	if ((n = nitf_child(nf, head, "title")) != NULL)
		nitf_set_once(&nf->doc->headline, nitf_text_of(nf, n));
	if ((n = nitf_child(nf, nitf_child(nf, head, "docdata"),
	    "date.issue")) != NULL) {
		v = nitf_attr(n, "norm");
		nitf_when(nf, v);
		free(v);
	}
	if ((n = nitf_child(nf, head, "pubdata")) != NULL) {
		v = nitf_attr(n, "date.publication");
		nitf_when(nf, v);
		free(v);
		nitf_set_once(&nf->doc->source, nitf_attr(n, "name"));
	}
}

bool
nitf_front(struct idoc *doc, const char *data, size_t len)
{
	struct nitf nf;
	xmlDocPtr x;
	const xmlNode *root, *head, *body, *n;
	unsigned long root_line;
	size_t i;

	x = load_parse_xml(data, len, doc->name, doc->d);
	import_doc_release_input(doc);
	if (x == NULL)
		return false;
	memset(&nf, 0, sizeof nf);
	nf.doc = doc;
	root = xmlDocGetRootElement(x);
	nf.ns = root->ns;
	head = nitf_child(&nf, root, "head");
	body = nitf_child(&nf, root, "body");
	nitf_head(&nf, head);
	for (n = body ? body->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (nitf_is_elem(&nf, n, "body.head"))
			nitf_body_head(&nf, n);
		else if (nitf_is_elem(&nf, n, "body.content"))
			nitf_blocks(&nf, n);
		else if (nitf_is_elem(&nf, n, "body.end"))
			nitf_blocks(&nf, n);	/* tagline, bibliography */
		else
			nitf_drop(&nf, n);
	}
	nitf_metadata(&nf, head);
	for (i = 0; i < nf.ndrops; i++) {
		import_doc_warn(doc, nf.drops[i].line,
		    "note: NITF <%s> dropped: it "
		    "has no place in a story%s", nf.drops[i].name,
		    nf.drops[i].count > 1 ? " (and later ones)" : "");
		free(nf.drops[i].name);
	}
	free(nf.drops);
	if (nf.ctl_line != 0)
		import_doc_warn(doc, nf.ctl_line, "warning: control characters "
		    "dropped");
	if (nf.long_line != 0)
		import_doc_warn(doc, nf.long_line,
		    "note: NITF names longer than %d "
		    "bytes kept as text, not as actors", NITF_NAME_MAX);
	buf_free(&nf.text);
	free(nf.spans);
	/* The root's line before the tree that holds it is freed. */
	root_line = load_node_line(root);
	xmlFreeDoc(x);
	if (doc->headline == NULL) {
		import_doc_warn(doc, root_line,
		    "no headline: the NITF document "
		    "has neither hedline/hl1 nor title");
		return false;
	}
	return true;
}
