/* load_stream.c - the fast path: a valid story, one block at a time.
 *
 * The slow path (load.c) holds the whole document as a libxml2 tree,
 * ten times the file in memory.  Here a push parser builds the tree
 * through libxml2's own SAX2 handlers, so every node is as the slow
 * path would see it, while the schema is checked on the same events
 * (xmlRelaxNGValidatePush*); each child of the root and of body is
 * turned into the model by load.c's builders, then freed.  Only the
 * root and the element being read are ever held.
 *
 * Any problem at all (not well-formed, not valid, a duplicate or
 * unresolved id, a cap exceeded) stops the parser and returns NULL
 * with no message: load_memory then runs the slow path, whose messages
 * are the loader's.  The same safety applies: the prescan, no entity
 * declarations and no DOCTYPE, no network, no XML_PARSE_HUGE. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"
#include "format/embedded.h"
#include "format/gate.h"
#include "format/load_int.h"
#include "base/text.h"
#include "base/xmalloc.h"

#define STREAM_CHUNK 65536	/* bytes fed to the parser at a time */

struct stream {
	struct loader		 ld;	/* d is NULL: problems are counted */
	struct gate_scan	 scan;
	size_t			 len;	/* bytes fed so far */
	size_t			 size;	/* of the whole file, 0 if unknown */
	xmlParserCtxtPtr	 ctxt;
	xmlRelaxNGValidCtxtPtr	 vctxt;
	xmlNodePtr		 full;	/* validated whole at its end, for
					 * content the push API cannot */
	xmlNodePtr		 pushed; /* the last text node validated */
	int			 depth;	/* of the element open, root 1 */
	size_t			 spans;	/* elements in this body block */
	size_t			 story_at; /* where a comment between head,
					 * actors and body stands (story.h) */
	bool			 in_body;
	bool			 in_actors;
	bool			 head_done;
	bool			 actors_done;
	bool			 failed;
};


/* Gives up: the slow path will say why.  The parser is not halted:
 * libxml2 2.9's xmlStopParser frees its input, and a halt from inside
 * a callback (an error about the encoding, say) leaves the parse it
 * returns to reading freed or NULL buffers.  With SAX off it only
 * scans to the end of the chunk it was given, and no chunk follows. */
static void
load_stream_fail(struct stream *s)
{
	s->failed = true;
	if (s->ctxt != NULL)
		s->ctxt->disableSAX = 1;
}

static void
load_stream_error(void *arg, xmlErrorPtr err)
{
	struct stream *s = arg;

	if (err->level != XML_ERR_WARNING)
		load_stream_fail(s);
	if (load_is_oom(err))
		s->ld.oom = true;
}

/* The schema sees text when the element around it starts or ends:
 * only then is the text node complete. */
static void
load_stream_push_text(struct stream *s)
{
	xmlNodePtr parent = s->ctxt->node, t;

	if (parent == NULL || s->full != NULL)
		return;
	t = parent->last;
	if (t == NULL || t->type != XML_TEXT_NODE || t == s->pushed)
		return;
	s->pushed = t;
	if (xmlRelaxNGValidatePushCData(s->vctxt, t->content,
	    xmlStrlen(t->content)) != 1)
		load_stream_fail(s);
}

/* Text goes on in a new node past this many bytes: libxml2 refuses a
 * text node of more than 10 MB (XML_MAX_TEXT_LENGTH) without
 * XML_PARSE_HUGE, and a paragraph may hold more than that between two
 * elements; refused here, it would go to the slow path, which holds
 * the whole file and its tree at once. */
#define STREAM_TEXT_NODE (1 << 20)

static void
load_stream_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream *s = ctxt->_private;
	xmlNodePtr parent = ctxt->node, last = parent ? parent->last : NULL, t;

	/* nodemem > 0: libxml2 is appending to last, nodelen long. */
	if (s->failed || last == NULL || last->type != XML_TEXT_NODE ||
	    ctxt->nodemem <= 0 || (size_t)ctxt->nodelen + (size_t)len <=
	    STREAM_TEXT_NODE) {
		xmlSAX2Characters(ctx, ch, len);
		return;
	}
	load_stream_push_text(s);
	if ((t = xmlNewDocTextLen(ctxt->myDoc, ch, len)) == NULL) {
		s->ld.oom = true;
		load_stream_fail(s);
		return;
	}
	/* Linked by hand: xmlAddChild would merge it into last. */
	t->parent = parent;
	t->prev = last;
	last->next = t;
	parent->last = t;
	ctxt->nodelen = len;
	ctxt->nodemem = len + 1;
}

/* Frees what has been read under parent: each child is either built
 * into the model or white space the schema has seen. */
static void
load_stream_free_children(struct stream *s, xmlNodePtr parent)
{
	xmlNodePtr k, next;

	for (k = parent->children; k != NULL; k = next) {
		next = k->next;
		xmlUnlinkNode(k);
		xmlFreeNode(k);
	}
	s->pushed = NULL;
}

static bool
load_stream_is_named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static void load_stream_done_part(struct stream *, xmlNodePtr);

/* A child of the root or of body has been read and validated. */
static void
load_stream_done(struct stream *s, xmlNodePtr n)
{
	xmlNodePtr parent = n->parent;

	/* Each id is hashed as it is registered; a duplicate counts as an
	 * error. */
	if (s->depth == 2 && s->in_body) {
		load_build_comments_before(&s->ld, n, COMMENT_BODY,
		    s->ld.st->nblocks);
		load_build_body_child(&s->ld, n);
	} else if (s->depth == 2 && s->in_actors) {
		long at = xmlByteConsumed(s->ctxt);

		s->ld.left = s->size == 0 || at < 0 || (size_t)at > s->size ?
		    SIZE_MAX : s->size - (size_t)at;
		load_build_comments_before(&s->ld, n, COMMENT_ACTORS,
		    s->ld.st->nactors);
		load_build_actor_child(&s->ld, n);
	} else if (s->depth == 1)
		load_stream_done_part(s, n);
	if (s->ld.errors > 0)
		load_stream_fail(s);
	load_stream_free_children(s, parent);
}

/* A child of the root: head, actors or body. */
static void
load_stream_done_part(struct stream *s, xmlNodePtr n)
{
	xmlNodePtr parent = n->parent;

	load_build_comments_before(&s->ld, n, COMMENT_STORY, s->story_at);
	if (load_stream_is_named(n, "head")) {
		/* A second one (not valid) must not be built over the
		 * first: the schema has said so already, but be sure. */
		if (s->head_done)
			load_stream_fail(s);
		else
			load_build_head(&s->ld, parent);
		s->head_done = true;
		s->story_at = 1;
	} else if (load_stream_is_named(n, "actors")) {
		if (s->actors_done)
			load_stream_fail(s);
		else
			load_build_actors_end(&s->ld);
		load_build_comments_after(&s->ld, n, COMMENT_ACTORS,
		    s->ld.st->nactors);
		s->actors_done = true;
		s->in_actors = false;
		s->story_at = 2;
	} else if (load_stream_is_named(n, "body")) {
		load_build_comments_after(&s->ld, n, COMMENT_BODY,
		    s->ld.st->nblocks);
		s->in_body = false;
		s->story_at = 3;
	}
}

static void
load_stream_validate_start(struct stream *s)
{
	int rc;

	if (s->full != NULL)
		return;
	rc = xmlRelaxNGValidatePushElement(s->vctxt, s->ctxt->myDoc,
	    s->ctxt->node);
	/* The root, actors and body are never checked whole: that would
	 * hold the story's tree, and keep its parts from being built. */
	if (rc == 0 && (s->depth == 1 || (s->depth == 2 && (s->in_body ||
	    s->in_actors))))
		load_stream_fail(s);
	else if (rc == 0)
		s->full = s->ctxt->node;
	else if (rc != 1)
		load_stream_fail(s);
}

static void
load_stream_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream *s = ctxt->_private;

	if (s->failed)
		return;
	load_stream_push_text(s);
	if (s->failed)
		return;
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
	if (ctxt->node == NULL || ++s->depth > GATE_MAX_DEPTH) {
		load_stream_fail(s);
		return;
	}
	/* The slow path checks the encoding after the parse; the XML
	 * declaration is behind us already. */
	if (s->depth == 1 && !gate_encoding_ok((const char *)ctxt->encoding))
		load_stream_fail(s);
	if (s->depth == 2 && uri == NULL &&
	    strcmp((const char *)localname, "body") == 0)
		s->in_body = true;
	else if (s->depth == 2 && uri == NULL &&
	    strcmp((const char *)localname, "actors") == 0)
		s->in_actors = true;
	else if (s->depth == 3 && s->in_body)
		s->spans = 0;
	/* The cap must hold before the schema sees the spans: checking
	 * many of them costs libxml2 quadratic time. */
	else if (s->depth > 3 && s->in_body && ++s->spans > GATE_MAX_INLINE)
		load_stream_fail(s);
	load_stream_validate_start(s);
}

static void
load_stream_validate_end(struct stream *s, xmlNodePtr n)
{
	if (s->full == NULL) {
		if (xmlRelaxNGValidatePopElement(s->vctxt, s->ctxt->myDoc,
		    n) != 1)
			load_stream_fail(s);
	} else if (s->full == n) {
		s->full = NULL;
		if (xmlRelaxNGValidateFullElement(s->vctxt, s->ctxt->myDoc,
		    n) != 1)
			load_stream_fail(s);
	}
}

static void
load_stream_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct stream *s = ctxt->_private;
	xmlNodePtr n = ctxt->node;

	if (s->failed)
		return;
	load_stream_push_text(s);
	if (s->failed)
		return;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	s->depth--;
	load_stream_validate_end(s, n);
	if (!s->failed && s->full == NULL && (s->depth == 1 ||
	    (s->depth == 2 && (s->in_body || s->in_actors))))
		load_stream_done(s, n);
}

static void
load_stream_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	load_stream_fail(ctxt->_private);
}

static void
load_stream_internal_subset(void *ctx, const xmlChar *name,
    const xmlChar *externalId, const xmlChar *systemId)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name;
	(void)externalId;
	(void)systemId;
	load_stream_fail(ctxt->_private);
}

static xmlParserCtxtPtr
load_stream_new_parser(struct stream *s, const char *head, int n)
{
	xmlSAXHandler sax;
	xmlParserCtxtPtr ctxt;

	memset(&sax, 0, sizeof sax);
	xmlSAXVersion(&sax, 2);
	sax.startElementNs = load_stream_start;
	sax.endElementNs = load_stream_end;
	sax.characters = load_stream_characters;
	sax.ignorableWhitespace = load_stream_characters;
	sax.entityDecl = load_stream_entity_decl;
	sax.internalSubset = load_stream_internal_subset;
	/* The push parser copies the handler, and detects the encoding
	 * from the first bytes, which it must be given here. */
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, head, n, NULL);
	if (ctxt == NULL)
		return NULL;
	ctxt->_private = s;
	xmlCtxtUseOptions(ctxt, GATE_XML_OPTIONS);
	return ctxt;
}

/* After the last byte: what the story lacked, and the encoding. */
static bool
load_stream_end_document(struct stream *s)
{
	xmlDocPtr doc = s->ctxt->myDoc;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;

	if (root == NULL || !gate_encoding_ok((const char *)doc->encoding))
		return false;
	if (!s->head_done)
		load_build_head(&s->ld, root);
	if (!s->actors_done)
		load_build_actors_end(&s->ld);
	load_build_comments_after(&s->ld, root, COMMENT_STORY, s->story_at);
	load_build_doc_comments(&s->ld, doc);
	if (s->ld.st->blocks == NULL)
		s->ld.st->blocks = xcalloc(0, sizeof *s->ld.st->blocks);
	if (s->ld.st->related == NULL)
		s->ld.st->related = xcalloc(0, sizeof *s->ld.st->related);
	return s->ld.errors == 0;
}

/* Only what starts like a UTF-8 story is streamed: a start tag, or
 * the UTF-8 byte order mark.  Anything else (UTF-16, UCS-4, EBCDIC,
 * a NUL) goes to the slow path, which refuses it in its own words,
 * and stays clear of libxml2's push-mode encoding switches. */
static bool
load_stream_looks_utf8(const char *data, size_t len)
{
	if (len < 4 || memchr(data, '\0', 4) != NULL)
		return false;
	return data[0] == '<' || memcmp(data, "\xef\xbb\xbf", 3) == 0;
}

/* The next n bytes: scanned, then parsed.  The first chunk must hold
 * at least the first four bytes, from which libxml2 tells the
 * encoding. */
static void
load_stream_chunk(struct stream *s, const char *p, size_t n)
{
	if (s->failed || n == 0)
		return;
	if (n > INT_MAX - s->len || !gate_scan_chunk(&s->scan, p, n)) {
		s->failed = true;
		return;
	}
	if (s->len == 0) {
		if (!load_stream_looks_utf8(p, n) ||
		    (s->ctxt = load_stream_new_parser(s, p, 4)) == NULL) {
			s->failed = true;
			return;
		}
		s->len = 4;
		p += 4;
		n -= 4;
	}
	s->len += n;
	xmlSetStructuredErrorFunc(s, load_stream_error);
	if (n > 0 && xmlParseChunk(s->ctxt, p, (int)n, 0) != 0)
		s->failed = true;
	xmlSetStructuredErrorFunc(NULL, NULL);
}

/* The end of the bytes: the parser's last checks, then the story's. */
static bool
load_stream_finish(struct stream *s)
{
	bool ok = false;

	if (s->ctxt == NULL)
		return false;
	if (!s->failed) {
		xmlSetStructuredErrorFunc(s, load_stream_error);
		if (xmlParseChunk(s->ctxt, NULL, 0, 1) != 0)
			s->failed = true;
		xmlSetStructuredErrorFunc(NULL, NULL);
		ok = !s->failed && s->ctxt->wellFormed && s->depth == 0 &&
		    s->full == NULL && load_stream_end_document(s);
	}
	xmlFreeDoc(s->ctxt->myDoc);
	s->ctxt->myDoc = NULL;
	xmlFreeParserCtxt(s->ctxt);
	return ok;
}

static bool
load_stream_begin(struct stream *s, const char *name)
{
	memset(s, 0, sizeof *s);
	s->ld.name = name;
	s->ld.ids_in_model = true;
	if (!load_schema_ready(&s->ld) ||
	    (s->vctxt = xmlRelaxNGNewValidCtxt(load_schema_get())) == NULL)
		return false;
	xmlRelaxNGSetValidStructuredErrors(s->vctxt, load_stream_error, s);
	load_build_start(&s->ld, name);
	return true;
}

/* The story, or NULL when anything was wrong. */
static struct story *
load_stream_end_all(struct stream *s)
{
	if (!load_stream_finish(s))
		s->ld.errors++;
	xmlRelaxNGFreeValidCtxt(s->vctxt);
	return load_build_finish(&s->ld);
}

struct story *
load_stream(const char *data, size_t len, const char *name)
{
	struct stream s;
	size_t off, n;

	if (!load_stream_begin(&s, name))
		return NULL;
	s.size = len;
	for (off = 0; off < len && !s.failed; off += n) {
		n = len - off < STREAM_CHUNK ? len - off : STREAM_CHUNK;
		load_stream_chunk(&s, data + off, n);
	}
	return load_stream_end_all(&s);
}

/* Fills buf from fd, up to n bytes; the count, 0 at the end, or -1. */
static ssize_t
load_stream_read_full(int fd, char *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, buf + got, n - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* The fast path straight from the file, a chunk at a time, so that the
 * file is never held whole: at most max bytes of a regular file, as
 * load_read would read it (it then tells what was wrong). */
struct story *
load_stream_file(const char *path, size_t max, bool *oom)
{
	struct stream s;
	enum gate_refusal why;
	char *buf;
	ssize_t n = 0;
	size_t total = 0, size;
	int fd;

	fd = gate_open(path, max, &size, &why);
	if (fd == -1)
		return NULL;
	if (!load_stream_begin(&s, path)) {
		close(fd);
		return NULL;
	}
	s.size = size;
	buf = xmalloc(STREAM_CHUNK);
	while (!s.failed && (n = load_stream_read_full(fd, buf,
	    STREAM_CHUNK)) > 0) {
		total += (size_t)n;
		if (total > max)
			s.failed = true;
		load_stream_chunk(&s, buf, (size_t)n);
	}
	if (n == -1)
		s.failed = true;
	free(buf);
	close(fd);
	*oom = s.ld.oom;
	return load_stream_end_all(&s);
}
