/* import_html.c - the HTML front end: a saved article page, or the
 * HTML of a feed's item, into the head and blocks of a story.
 *
 * The page is parsed by libxml2's HTML parser with no network and no
 * error output; HTML knows no entities but its own, so an entity bomb
 * is only text.  Bytes that are valid UTF-8 are read as UTF-8 whatever
 * the page declares (a page that says ISO-8859-1 and is UTF-8 is the
 * common lie); others as the page declares, and as Windows-1252 when it
 * declares nothing the parser knows.
 *
 * The article is found by import_extract.c; here its nodes become
 * blocks: every block-level element ends a paragraph, inline text is
 * joined with single spaces, and a block that is one link to another
 * article ("Read more: …", a list of related stories) becomes a "Read
 * more" item with the link's address. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>
#include <utf8proc.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "import/import_html.h"

#define RELATED_MAX	20	/* "Read more" items taken from a page */
#define URL_MAX		2048	/* bytes of an address kept */

/* ---- tree helpers ------------------------------------------------- */

struct hnode *
html_info(const struct hpage *pg, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;

	return i > 0 && i <= pg->ninfo ? &pg->info[i - 1] : NULL;
}

bool
html_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNode *
html_next(xmlNode *n, const xmlNode *root, bool skip)
{
	if (!skip && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

char *
html_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp((xmlNodePtr)n, (const xmlChar *)name);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

char *
html_class_id(const xmlNode *n)
{
	char *c = html_attr(n, "class"), *id = html_attr(n, "id");
	struct buf b = BUF_INIT;
	size_t i;

	if (c != NULL)
		buf_puts(&b, c);
	buf_putc(&b, ' ');
	if (id != NULL)
		buf_puts(&b, id);
	for (i = 0; i < b.len; i++)
		if (b.data[i] >= 'A' && b.data[i] <= 'Z')
			b.data[i] = (char)(b.data[i] + 32);
	free(c);
	free(id);
	return buf_detach(&b);
}

bool
html_match(const char *s, const char *const *words)
{
	size_t i;

	for (i = 0; words[i] != NULL; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

/* ---- text --------------------------------------------------------- */

/* Appends s to b: runs of white space (Unicode's too) as one space,
 * none at the start, control and zero-width characters dropped,
 * invalid UTF-8 as U+FFFD.  *space says a space is owed. */
static void
html_text_put(struct buf *b, const char *s, bool *space)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t i = 0, len = strlen(s);
	utf8proc_ssize_t k;
	int32_t cp;

	while (i < len) {
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		}
		i += (size_t)k;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
		    cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
		    cp == 0x2028 || cp == 0x2029) {
			*space = true;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200B ||
		    cp == 0xFEFF || cp == 0xAD || cp == 0x200C || cp == 0x200D)
			continue;
		if (*space && b->len > 0)
			buf_putc(b, ' ');
		*space = false;
		if (cp == 0xFFFD && k == 1)
			buf_puts(b, "\xEF\xBF\xBD");
		else
			buf_append(b, s + i - (size_t)k, (size_t)k);
	}
}

char *
html_text_str(const char *s)
{
	struct buf b = BUF_INIT;
	bool space = false;

	html_text_put(&b, s, &space);
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

char *
html_text(const xmlNode *root)
{
	struct buf b = BUF_INIT;
	bool space = false;
	xmlNode *n;

	for (n = (xmlNode *)root; n != NULL; n = html_next(n, root,
	    html_is(n, "script") || html_is(n, "style")))
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			html_text_put(&b, (const char *)n->content, &space);
	if (b.data == NULL)
		return xstrdup("");
	return buf_detach(&b);
}

/* ---- blocks ------------------------------------------------------- */

static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "body", "center", "dd",
	"details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figure",
	"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
	"hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
	"section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td",
	"th", "ul", "caption", "figcaption", "legend", "option", NULL
};

/* Never text of the article, wherever they stand. */
static const char *const skip_tags[] = {
	"script", "style", "noscript", "template", "iframe", "object",
	"embed", "svg", "canvas", "video", "audio", "select",
	"textarea", "button", "input", "figcaption", "head", "title",
	"link", "meta", "map", "picture", "img", NULL
};

static bool
html_tag_in(const xmlNode *n, const char *const *list)
{
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return false;
	for (i = 0; list[i] != NULL; i++)
		if (strcmp((const char *)n->name, list[i]) == 0)
			return true;
	return false;
}

struct emit {
	struct hpage	*pg;
	struct buf	 text;
	bool		 space;
	unsigned long	 line;
	/* The links of the block being built. */
	size_t		 nlinks, link_bytes;
	char		*href;		/* the first one's */
	size_t		 nrelated;
};

size_t
html_words(const char *s, size_t len)
{
	size_t i, w = 0;
	bool in = false;

	for (i = 0; i < len; i++) {
		bool sp = s[i] == ' ';

		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* Whether href, on a page at base, looks like another article: a path
 * with a slug or an id in it, not a section front, a file or the page
 * itself.  The absolute address, caller-owned, or NULL. */
static char *
html_article_url(const char *href, const char *base)
{
	static const char *const files[] = { ".jpg", ".jpeg", ".png",
	    ".gif", ".pdf", ".mp3", ".mp4", ".zip", ".svg", ".webp", NULL };
	xmlChar *abs;
	const char *path, *p;
	char *url = NULL;
	size_t i, hyphens = 0, digits = 0, slashes = 0;

	if (href == NULL || *href == '\0' || *href == '#' ||
	    strncasecmp(href, "javascript:", 11) == 0 ||
	    strncasecmp(href, "mailto:", 7) == 0 || strlen(href) > URL_MAX)
		return NULL;
	abs = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
	if (abs == NULL)
		return NULL;
	path = strstr((const char *)abs, "://");
	path = path ? strchr(path + 3, '/') : (const char *)abs;
	if (path == NULL || (base != NULL && strcmp((const char *)abs,
	    base) == 0))
		goto out;
	for (i = 0; files[i] != NULL; i++)
		if ((p = strstr(path, files[i])) != NULL && (p[strlen(files[i])]
		    == '\0' || p[strlen(files[i])] == '?'))
			goto out;
	for (p = path; *p != '\0' && *p != '?' && *p != '#'; p++) {
		hyphens += *p == '-' || *p == '_';
		digits += *p >= '0' && *p <= '9';
		slashes += *p == '/';
	}
	if (hyphens >= 2 || digits >= 4 || (slashes >= 3 && p - path > 12))
		url = html_text_str((const char *)abs);
out:
	xmlFree(abs);
	return url;
}

static const char *const related_labels[] = { "read more", "related",
	"see also", "also read", "more", "read also", "further reading",
	"recommended", NULL };

/* "Read more: TITLE": the length of the label and its mark, or 0. */
static size_t
html_label_len(const char *s, size_t len)
{
	size_t k, n, i;

	for (k = 0; related_labels[k] != NULL; k++) {
		n = strlen(related_labels[k]);
		if (len <= n || strncasecmp(s, related_labels[k], n) != 0)
			continue;
		i = n;
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && strchr(":|>-", s[i]) != NULL)
			i++;
		else if (i + 3 <= len && memcmp(s + i, "\xC2\xBB", 2) == 0)
			i += 2;
		else
			continue;
		while (i < len && s[i] == ' ')
			i++;
		return i;
	}
	return 0;
}

static void
html_emit_flush(struct emit *e)
{
	struct buf *t = &e->text;
	char *url = NULL;
	size_t lab, i;
	bool alnum = false;

	for (i = 0; i < t->len && !alnum; i++)
		alnum = (unsigned char)t->data[i] >= 0x80 ||
		    strchr("0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", t->data[i]) != NULL;
	if (alnum && e->nlinks == 1 && e->nrelated < RELATED_MAX) {
		lab = html_label_len(t->data, t->len);
		if ((e->link_bytes * 10 >= (t->len - lab) * 9 || lab > 0) &&
		    html_words(t->data + lab, t->len - lab) >= 3)
			url = html_article_url(e->href, e->pg->meta.url);
		if (url != NULL) {
			struct iblock *b = import_doc_add_block(e->pg->doc,
			    true,
			    xstrndup(t->data + lab, t->len - lab),
			    t->len - lab, e->line);

			b->url = url;
			e->nrelated++;
			alnum = false;
		}
	}
	if (alnum)
		import_doc_add_block(e->pg->doc, false, xstrndup(t->data,
		    t->len),
		    t->len, e->line);
	buf_truncate(t, 0);
	e->space = false;
	e->nlinks = e->link_bytes = 0;
	free(e->href);
	e->href = NULL;
}

/* The text of a link, as it goes into the block. */
static void
html_emit_link(struct emit *e, xmlNode *a)
{
	size_t before = e->text.len;
	xmlNode *n;

	for (n = a->children ? a->children : NULL; n != NULL;
	    n = html_next(n, a, html_tag_in(n, skip_tags)))
		if (n->type == XML_TEXT_NODE)
			html_text_put(&e->text, (const char *)n->content,
			    &e->space);
	if (e->text.len > before) {
		e->link_bytes += e->text.len - before;
		if (e->nlinks++ == 0)
			e->href = html_attr(a, "href");
	}
}

static bool
html_skipped(const struct hpage *pg, const xmlNode *n)
{
	const struct hnode *h;

	if (html_tag_in(n, skip_tags))
		return true;
	h = n->type == XML_ELEMENT_NODE ? html_info(pg, n) : NULL;
	return h != NULL && h->removed;
}

/* Frees n, done with, and its subtree. */
static void
html_emit_drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* n is done with: each block element left on the way to the next node
 * ends the paragraph it held, and is freed, so that the page's tree
 * goes as the article's blocks come (the two were held at once, the
 * tree and every paragraph copied from it).  Returns the next node, or
 * NULL. */
static xmlNode *
html_emit_up(struct emit *e, xmlNode *n, const xmlNode *root, bool entered)
{
	xmlNode *up;

	for (;;) {
		if (entered && html_tag_in(n, block_tags))
			html_emit_flush(e);
		if (n == root || n->parent == NULL)
			return NULL;
		if (n->next != NULL) {
			up = n->next;
			html_emit_drop(n);
			return up;
		}
		up = n->parent;
		html_emit_drop(n);
		n = up;
		entered = true;
	}
}

/* The blocks of root's subtree, in document order; the subtree is
 * freed as it goes, root left without children. */
static void
html_emit_tree(struct emit *e, xmlNode *root)
{
	xmlNode *n = root;
	bool skip;

	while (n != NULL) {
		skip = n != root && html_skipped(e->pg, n);
		if (!skip && (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)) {
			if (e->text.len == 0)
				e->line = (unsigned long)xmlGetLineNo(n);
			html_text_put(&e->text, (const char *)n->content,
			    &e->space);
		} else if (!skip && n->type == XML_ELEMENT_NODE) {
			if (html_tag_in(n, block_tags))
				html_emit_flush(e);
			else if (html_is(n, "br"))
				e->space = true;
			else if (html_is(n, "a")) {
				if (e->text.len == 0)
					e->line = (unsigned long)
					    xmlGetLineNo(n);
				html_emit_link(e, n);
				n = html_emit_up(e, n, root, true);
				continue;
			}
		}
		if (!skip && n->type == XML_ELEMENT_NODE && n->children != NULL)
			n = n->children;
		else
			n = html_emit_up(e, n, root, !skip);
	}
	html_emit_flush(e);
}

/* The links of the "related" boxes by the article, as items. */
static void
html_emit_boxes(struct emit *e)
{
	size_t i;

	for (i = 0; i < e->pg->nlinks && e->nrelated < RELATED_MAX; i++) {
		struct hlink *l = &e->pg->links[i];
		struct iblock *b;
		char *url = html_article_url(l->url, e->pg->meta.url), *t;

		if (url == NULL)
			continue;
		t = html_text_str(l->title);
		b = import_doc_add_block(e->pg->doc, true, t, strlen(t),
		    l->line);
		b->url = url;
		e->nrelated++;
	}
}

/* ---- the page ----------------------------------------------------- */

/* The encoding to read the bytes in: UTF-8 if they are UTF-8, else
 * NULL (what the page declares). */
static const char *
html_page_encoding(const char *data, size_t len)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)data;
	size_t i = 0;
	utf8proc_ssize_t k;
	int32_t cp;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			return NULL;
		i += (size_t)k;
	}
	return "UTF-8";
}

/* libxml2's errors while it parses a page: only running out of memory
 * matters (the page is read however broken), and none is printed.
 * libxml2 2.9's HTML parser, out of memory, can go round for ever
 * without getting further: stopped here, once it has begun the tree
 * (stopped while it converts the page's encoding, it crashes). */
struct page_err {
	htmlParserCtxtPtr	 ctxt;
	bool			 oom;
};

static void
html_page_error(void *arg, xmlErrorPtr err)
{
	struct page_err *pe = arg;

	if (err->code == XML_ERR_NO_MEMORY || err->domain == XML_FROM_MEMORY) {
		pe->oom = true;
		if (pe->ctxt->myDoc != NULL)
			xmlStopParser(pe->ctxt);
	}
}

/* ---- the tree, built smaller ---------------------------------------
 *
 * libxml2's tree builder, wrapped: what can never be article text or
 * make a difference to finding it is not kept (a node is 120 bytes
 * whatever it holds).  White space between blocks (a line break
 * between two paragraphs: one node each) is read as the next block's
 * start, which ends it anyway; the text of scripts and styles is never
 * read, but for the metadata of JSON-LD; comments are never read. */

static bool
html_sax_block(const xmlNode *n)
{
	return n != NULL && html_tag_in(n, block_tags);
}

/* Whether ch[0..len) is all white space, as the HTML parser reads it. */
static bool
html_sax_blank(const xmlChar *ch, int len)
{
	int i;

	for (i = 0; i < len; i++)
		if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\n' &&
		    ch[i] != '\r' && ch[i] != '\f')
			return false;
	return true;
}

static void
html_sax_characters(void *arg, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = arg;
	const xmlNode *parent = ctxt->node;

	if (parent != NULL && html_sax_blank(ch, len) &&
	    !html_is(parent, "pre") && !html_is(parent, "textarea") &&
	    (parent->last != NULL ? html_sax_block(parent->last) :
	    html_sax_block(parent)))
		return;
	xmlSAX2Characters(arg, ch, len);
}

/* The text of a script or a style: only JSON-LD's is kept. */
static void
html_sax_cdata(void *arg, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = arg;
	xmlNode *parent = ctxt->node;
	xmlChar *type;
	bool keep = true;

	if (html_is(parent, "style"))
		keep = false;
	else if (html_is(parent, "script")) {
		type = xmlGetNoNsProp(parent, (const xmlChar *)"type");
		keep = type != NULL && xmlStrcasecmp(type,
		    (const xmlChar *)"application/ld+json") == 0;
		xmlFree(type);
	}
	if (keep)
		xmlSAX2CDataBlock(arg, ch, len);
}

/* The attributes the front end reads (import_meta.c, import_extract.c
 * and the links here); the others (src, srcset, alt, data-*, on*, a
 * page's images inline as data: addresses) are not kept. */
static const char *const kept_attrs[] = {
	"class", "id", "style", "hidden", "aria-hidden", "role", "href",
	"rel", "itemprop", "type", "content", "property", "name", NULL
};

#define KEPT_ATTRS_MAX	(sizeof kept_attrs / sizeof kept_attrs[0])

static void
html_sax_start(void *arg, const xmlChar *name, const xmlChar **atts)
{
	const xmlChar *kept[2 * KEPT_ATTRS_MAX + 1];
	size_t i, k, n = 0;

	for (i = 0; atts != NULL && atts[i] != NULL; i += 2)
		for (k = 0; kept_attrs[k] != NULL; k++)
			if (xmlStrcasecmp(atts[i],
			    (const xmlChar *)kept_attrs[k]) == 0 &&
			    n + 2 < sizeof kept / sizeof kept[0]) {
				kept[n++] = atts[i];
				kept[n++] = atts[i + 1];
				break;
			}
	kept[n] = NULL;
	xmlSAX2StartElement(arg, name, n > 0 ? kept : NULL);
}

static void
html_sax_wrap(htmlParserCtxtPtr ctxt)
{
	ctxt->sax->startElement = html_sax_start;
	ctxt->sax->characters = html_sax_characters;
	if (ctxt->sax->ignorableWhitespace == xmlSAX2Characters)
		ctxt->sax->ignorableWhitespace = html_sax_characters;
	ctxt->sax->cdataBlock = html_sax_cdata;
	ctxt->sax->comment = NULL;
}

#define PAGE_CHUNK	(256 << 10)

/* A page in UTF-8, pushed to the parser a chunk at a time: read from
 * memory, libxml2 copies the page whole into its input buffer and again
 * to convert it (from UTF-8 to UTF-8), three times the page beside its
 * tree.  The encoding the page declares is ignored, as it is when one
 * is given to htmlReadMemory.  pe->ctxt is replaced by the push
 * parser's. */
static xmlDoc *
html_page_push(struct page_err *pe, const char *data, size_t len,
    const char *name, int opts)
{
	htmlParserCtxtPtr ctxt;
	xmlDoc *x;
	size_t at = 0, n;

	ctxt = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, name,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL) {
		pe->oom = true;
		return NULL;
	}
	htmlFreeParserCtxt(pe->ctxt);
	pe->ctxt = ctxt;
	html_sax_wrap(ctxt);
	htmlCtxtUseOptions(ctxt, opts | HTML_PARSE_IGNORE_ENC);
	do {
		n = len - at < PAGE_CHUNK ? len - at : PAGE_CHUNK;
		htmlParseChunk(ctxt, data + at, (int)n, at + n == len);
		at += n;
	} while (at < len && !pe->oom);
	x = ctxt->myDoc;
	ctxt->myDoc = NULL;
	return x;
}

/* The page's tree, or NULL; *oom when libxml2 ran out of memory, which
 * it says as a tree cut short (or none), not by failing. */
static xmlDoc *
html_page_parse(const char *data, size_t len, const char *name, bool *oom)
{
	const int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
	const char *enc = html_page_encoding(data, len);
	struct page_err pe = { NULL, false };
	xmlDoc *x = NULL;

	*oom = false;
	if (len > INT32_MAX || (pe.ctxt = htmlNewParserCtxt()) == NULL) {
		*oom = len <= INT32_MAX;
		return NULL;
	}
	xmlSetStructuredErrorFunc(&pe, html_page_error);
	html_sax_wrap(pe.ctxt);
	if (enc != NULL) {
		x = html_page_push(&pe, data, len, name, opts);
		goto done;
	}
	x = htmlCtxtReadMemory(pe.ctxt, data, (int)len, name, enc, opts);
	/* A declared encoding the parser does not know. */
	if (x == NULL && enc == NULL && !pe.oom)
		x = htmlCtxtReadMemory(pe.ctxt, data, (int)len, name,
		    "windows-1252", opts);
done:
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlFreeParserCtxt(pe.ctxt);
	if (pe.oom) {
		xmlFreeDoc(x);
		x = NULL;
	}
	*oom = pe.oom;
	return x;
}

/* One node of the figures array for every element, in document order. */
static void
html_page_index(struct hpage *pg)
{
	xmlNode *root = xmlDocGetRootElement(pg->xml), *n;
	size_t count = 0;

	for (n = root; n != NULL; n = html_next(n, root, false))
		if (n->type == XML_ELEMENT_NODE)
			count++;
	pg->info = xcalloc(count + 1, sizeof *pg->info);
	pg->ninfo = count;
	count = 0;
	for (n = root; n != NULL; n = html_next(n, root, false))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = (void *)(uintptr_t)++count;
}

static void
html_page_free(struct hpage *pg)
{
	size_t i;

	for (i = 0; i < pg->nlinks; i++) {
		free(pg->links[i].title);
		free(pg->links[i].url);
	}
	free(pg->links);
	free(pg->byline);
	free(pg->keep);
	free(pg->info);
	meta_free(&pg->meta);
	xmlFreeDoc(pg->xml);
}

/* The head from the metadata: the importer's head fields. */
static void
html_page_head(struct hpage *pg)
{
	struct idoc *doc = pg->doc;
	char *when, *words;

	if (doc->headline == NULL && pg->meta.headline != NULL)
		doc->headline = xstrdup(pg->meta.headline);
	if (doc->dateline == NULL && pg->meta.when != NULL &&
	    meta_date(pg->meta.when, &when, &words)) {
		doc->dateline = words;
		doc->when = when;
	}
	if (doc->byline == NULL && pg->meta.byline != NULL)
		doc->byline = xstrdup(pg->meta.byline);
	if (doc->byline == NULL && pg->byline != NULL)
		doc->byline = xstrdup(pg->byline + (strncasecmp(pg->byline,
		    "by ", 3) == 0 ? 3 : 0));
	if (doc->source == NULL && pg->meta.source != NULL)
		doc->source = xstrdup(pg->meta.source);
	if (doc->source_url == NULL && pg->meta.url != NULL &&
	    strlen(pg->meta.url) <= URL_MAX) {
		doc->source_url = xstrdup(pg->meta.url);
		/* The format has the address on <source> only. */
		if (doc->source == NULL) {
			xmlURI *u = xmlParseURI(pg->meta.url);

			if (u != NULL && u->server != NULL)
				doc->source = html_text_str(u->server);
			xmlFreeURI(u);
		}
	}
}

/* A first paragraph that only repeats the headline goes. */
static void
html_page_drop_title(struct idoc *doc)
{
	size_t i;

	for (i = 0; i < doc->nblocks && i < 3; i++) {
		struct iblock *b = &doc->blocks[i];

		if (b->related || doc->headline == NULL ||
		    strcmp(b->text, doc->headline) != 0)
			continue;
		free(b->text);
		free(b->url);
		memmove(b, b + 1, (doc->nblocks - i - 1) * sizeof *b);
		doc->nblocks--;
		return;
	}
}

/* No title anywhere: the first words of the text stand for one. */
static void
html_page_first_words(struct idoc *doc)
{
	size_t i, k, words = 0;

	for (i = 0; i < doc->nblocks && doc->blocks[i].related; i++)
		;
	if (i == doc->nblocks)
		return;
	for (k = 0; k < doc->blocks[i].len && k < 200; k++)
		if (doc->blocks[i].text[k] == ' ' && ++words == 10)
			break;
	if (k == doc->blocks[i].len) {
		doc->headline = xstrdup(doc->blocks[i].text);
		return;
	}
	while (k > 0 && ((unsigned char)doc->blocks[i].text[k] & 0xC0) == 0x80)
		k--;
	doc->headline = xmalloc(k + 4);
	memcpy(doc->headline, doc->blocks[i].text, k);
	memcpy(doc->headline + k, "\xE2\x80\xA6", 4);
}

static bool
html_page_front(struct idoc *doc, const char *data, size_t len, bool whole)
{
	struct hpage pg;
	struct emit e;
	size_t i;
	bool oom;

	if (len > IMPORT_MAX_PAGE) {
		diag_add(doc->d, doc->name, 0, "a web page of %zu bytes: one "
		    "to import has at most %zu MiB (newslens(1) says why)",
		    len, IMPORT_MAX_PAGE >> 20);
		return false;
	}
	memset(&pg, 0, sizeof pg);
	pg.doc = doc;
	pg.xml = html_page_parse(data, len, doc->name, &oom);
	import_doc_release_input(doc);
	if (oom) {
		diag_add(doc->d, doc->name, 0, "out of memory");
		return false;
	}
	if (pg.xml == NULL || xmlDocGetRootElement(pg.xml) == NULL) {
		import_doc_warn(doc, 1,
		    "not an HTML document that can be read");
		xmlFreeDoc(pg.xml);
		return false;
	}
	html_page_index(&pg);
	meta_read(&pg);
	if (whole)
		extract_article(&pg);
	memset(&e, 0, sizeof e);
	e.pg = &pg;
	if (pg.nkeep == 0)
		html_emit_tree(&e, xmlDocGetRootElement(pg.xml));
	for (i = 0; i < pg.nkeep; i++)
		html_emit_tree(&e, pg.keep[i]);
	html_emit_boxes(&e);
	buf_free(&e.text);
	free(e.href);
	html_page_head(&pg);
	html_page_free(&pg);
	html_page_drop_title(doc);
	if (doc->headline == NULL)
		html_page_first_words(doc);
	for (i = 0; i < doc->nblocks && doc->blocks[i].related; i++)
		;
	if (i == doc->nblocks || doc->headline == NULL) {
		import_doc_warn(doc, 1, "no article text found in the page");
		return false;
	}
	return true;
}

bool
html_front(struct idoc *doc, const char *data, size_t len)
{
	return html_page_front(doc, data, len, true);
}

bool
html_fragment_front(struct idoc *doc, const char *data, size_t len)
{
	return html_page_front(doc, data, len, false);
}

/* An HTML element a page may start with. */
bool
html_detect(const char *root)
{
	static const char *const starts[] = { "html", "head", "body", "meta",
	    "title", "div", "p", "article", "link", "script", "style",
	    "section", "main", "header", "table", NULL };
	size_t i;

	for (i = 0; starts[i] != NULL; i++)
		if (strcasecmp(root, starts[i]) == 0)
			return true;
	return false;
}
