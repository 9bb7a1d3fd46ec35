/* import_feed.c - an RSS 2.0 or Atom feed, one story an item.
 *
 * The feed is XML and is parsed by load_parse_xml(), with a story's
 * safety (no network, no DTD, no entities declared).  Elements are
 * known by their local names, whatever their namespace:
 *
 *   RSS 2.0 (rss/channel/item; RSS 1.0's rdf:RDF/item too)
 *     title, link, guid, pubDate (else dc:date), dc:creator (else
 *     author), content:encoded (else description)
 *   Atom (feed/entry)
 *     title, link rel=alternate (or none) @href, id, published (else
 *     updated), author/name, content (else summary)
 *
 * The item's HTML goes through the HTML front end whole (a feed's
 * content is the article, not a page around it); its head comes from
 * the item, its source from the channel's title and the item's link.
 * An item that cannot be imported is said so on standard error and
 * skipped; the rest go on. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "format/load.h"
#include "import/import.h"
#include "import/import_html.h"

#define STEM_WORDS	8	/* words of the title in a file name */
#define STEM_MAX	60	/* bytes of the title's part */

static bool
feed_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *
feed_child(const xmlNode *parent, const char *name)
{
	const xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next)
		if (feed_is(n, name))
			return n;
	return NULL;
}

/* The text of the first child called name, cleaned; NULL if none or
 * empty. */
static char *
feed_text(const xmlNode *parent, const char *name)
{
	const xmlNode *n = feed_child(parent, name);
	xmlChar *c;
	char *s;

	if (n == NULL)
		return NULL;
	c = xmlNodeGetContent(n);
	s = html_text_str(c ? (const char *)c : "");
	xmlFree(c);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* An Atom link to the entry itself: rel="alternate" or no rel. */
static char *
feed_atom_link(const xmlNode *entry)
{
	const xmlNode *n;

	for (n = entry->children; n != NULL; n = n->next) {
		xmlChar *rel, *href;
		char *s = NULL;

		if (!feed_is(n, "link"))
			continue;
		rel = xmlGetProp(n, (const xmlChar *)"rel");
		href = xmlGetProp(n, (const xmlChar *)"href");
		if (href != NULL && (rel == NULL ||
		    strcmp((const char *)rel, "alternate") == 0))
			s = html_text_str((const char *)href);
		xmlFree(rel);
		xmlFree(href);
		if (s != NULL && *s != '\0')
			return s;
		free(s);
	}
	return NULL;
}

/* The HTML of the item: content:encoded, Atom content (type html or
 * text as its text, xhtml as its markup), else the summary. */
static char *
feed_html(const xmlNode *item, bool *plain)
{
	static const char *const names[] = { "encoded", "content",
	    "description", "summary", NULL };
	const xmlNode *n = NULL;
	xmlChar *type;
	size_t i;
	char *s = NULL;

	*plain = false;
	for (i = 0; names[i] != NULL && n == NULL; i++)
		n = feed_child(item, names[i]);
	if (n == NULL)
		return NULL;
	type = xmlGetProp(n, (const xmlChar *)"type");
	if (type != NULL && strcmp((const char *)type, "xhtml") == 0) {
		xmlBuffer *b = xmlBufferCreate();
		const xmlNode *c;

		for (c = n->children; c != NULL && b != NULL; c = c->next)
			xmlNodeDump(b, n->doc, (xmlNode *)c, 0, 0);
		if (b != NULL)
			s = xstrdup((const char *)xmlBufferContent(b));
		xmlBufferFree(b);
	} else {
		xmlChar *c = xmlNodeGetContent(n);

		s = xstrdup(c ? (const char *)c : "");
		xmlFree(c);
		*plain = type != NULL && strcmp((const char *)type, "text") ==
		    0;
	}
	xmlFree(type);
	return s;
}

/* "2020-01-12-us-officials-to-hold-last-ditch-talks": the date and the
 * first words of the title, in small ASCII letters. */
static char *
feed_stem(const char *when, const char *title)
{
	struct buf b = BUF_INIT;
	size_t i, words = 0, start;
	bool gap = false;

	if (when != NULL && strlen(when) >= 10)
		buf_append(&b, when, 10);
	else
		buf_puts(&b, "undated");
	start = b.len;
	for (i = 0; title != NULL && title[i] != '\0'; i++) {
		unsigned char c = (unsigned char)title[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (gap || b.len == start) {
				if (++words > STEM_WORDS ||
				    b.len - start > STEM_MAX)
					break;
				buf_putc(&b, '-');
			}
			gap = false;
			buf_putc(&b, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
		} else if (c != '\'')
			gap = true;
	}
	if (b.len == start)
		buf_puts(&b, "-story");
	return buf_detach(&b);
}

/* Atom text content: paragraphs between blank lines. */
static bool
feed_plain(struct idoc *doc, const char *s)
{
	const char *p = s, *end;
	char *t;

	while (*p != '\0') {
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		t = xstrndup(p, (size_t)(end - p));
		p = *end != '\0' ? end + 2 : end;
		if (*t != '\0') {
			char *c = html_text_str(t);

			if (*c != '\0')
				import_doc_add_block(doc, false, c, strlen(c),
				    1);
			else
				free(c);
		}
		free(t);
	}
	if (doc->nblocks == 0)
		import_doc_warn(doc, 1, "an item with no text");
	return doc->nblocks > 0 && doc->headline != NULL;
}

struct feed {
	const char		*name;
	const struct import_opts *opts;
	struct diag		*d;
	char			*channel;	/* its title */
	import_item_fn		 fn;
	void			*arg;
	size_t			 items, failed;
};

/* One item; false when fn says to stop. */
static bool
feed_item(struct feed *f, const xmlNode *item, bool atom)
{
	struct idoc doc;
	struct import_item it;
	char *html, *xml = NULL, *when, *words;
	char *date = feed_text(item, atom ? "published" : "pubDate");
	bool plain, ok, go = true;
	size_t len = 0;

	import_doc_start(&doc, f->name, f->opts, f->d);
	doc.headline = feed_text(item, "title");
	doc.source_url = atom ? feed_atom_link(item) : feed_text(item, "link");
	if (doc.source_url == NULL)
		doc.source_url = feed_text(item, atom ? "id" : "guid");
	if (date == NULL)
		date = feed_text(item, atom ? "updated" : "date");
	if (date != NULL && meta_date(date, &when, &words)) {
		doc.dateline = words;
		doc.when = when;
	}
	free(date);
	doc.byline = feed_text(item, "creator");
	if (doc.byline == NULL && atom && feed_child(item, "author") != NULL)
		doc.byline = feed_text(feed_child(item, "author"), "name");
	else if (doc.byline == NULL)
		doc.byline = feed_text(item, "author");
	if (f->channel != NULL)
		doc.source = xstrdup(f->channel);
	html = feed_html(item, &plain);
	ok = html != NULL && (plain ? feed_plain(&doc, html) : html_fragment_front(&doc, html, strlen(html)));
	if (html == NULL)
		import_doc_warn(&doc, load_node_line(item),
		    "warning: an item with "
		    "no content and no summary is left out");
	free(html);
	f->items++;
	it.stem = feed_stem(doc.when, doc.headline);
	it.url = doc.source_url ? xstrdup(doc.source_url) : NULL;
	if (ok)
		xml = import_doc_finish(&doc, &len);
	else
		import_doc_free(&doc);
	if (xml != NULL) {
		it.xml = xml;
		it.len = len;
		go = f->fn(f->arg, &it);
	} else
		f->failed++;
	free(xml);
	free((char *)it.stem);
	free((char *)it.url);
	return go;
}

static bool
feed_walk(struct feed *f, const xmlNode *root)
{
	const xmlNode *chan = root, *n;
	bool atom = feed_is(root, "feed");

	if (feed_is(root, "rss"))
		chan = feed_child(root, "channel");
	if (chan == NULL) {
		diag_add(f->d, f->name, load_node_line(root), "an RSS feed "
		    "with no channel");
		return false;
	}
	f->channel = feed_text(feed_is(root, "RDF") && feed_child(root,
	    "channel") ? feed_child(root, "channel") : chan, "title");
	for (n = chan->children; n != NULL; n = n->next)
		if (feed_is(n, atom ? "entry" : "item") && !feed_item(f, n,
		    atom))
			return false;
	/* RSS 1.0 has its items beside the channel. */
	if (feed_is(root, "RDF"))
		for (n = root->children; n != NULL; n = n->next)
			if (feed_is(n, "item") && !feed_item(f, n, false))
				return false;
	return true;
}

bool
import_feed_memory(const char *data, size_t len, const char *name,
    const struct import_opts *opts, import_item_fn fn, void *arg,
    struct diag *d)
{
	struct feed f;
	xmlDoc *x = load_parse_xml(data, len, name, d);
	const xmlNode *root;
	bool ok;

	if (x == NULL)
		return false;
	root = xmlDocGetRootElement(x);
	memset(&f, 0, sizeof f);
	f.name = name;
	f.opts = opts;
	f.d = d;
	f.fn = fn;
	f.arg = arg;
	if (root == NULL || !(feed_is(root, "rss") || feed_is(root, "feed") ||
	    feed_is(root, "RDF"))) {
		diag_add(d, name, 1, "not an RSS or Atom feed");
		xmlFreeDoc(x);
		return false;
	}
	ok = feed_walk(&f, root);
	if (ok && f.items == 0)
		diag_add(d, name, load_node_line(root), "warning: the feed "
		    "has no items");
	free(f.channel);
	xmlFreeDoc(x);
	return ok;
}

bool
import_feed_file(const char *path, size_t max, const struct import_opts *opts,
    import_item_fn fn, void *arg, struct diag *d)
{
	size_t len;
	char *data = load_read_file(path, max, &len, d);
	bool ok;

	if (data == NULL)
		return false;
	ok = import_feed_memory(data, len, path, opts, fn, arg, d);
	free(data);
	return ok;
}
