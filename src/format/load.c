/* load.c - reading a story file into the model, safely.
 *
 * Three steps, each of which may add problems to the diag and stop:
 * read the bytes (load_read), parse and validate them (load_parse), and
 * build the model from the tree in two passes: the first registers
 * every id, the second builds the arrays and resolves each reference
 * against those ids.  Only the built model outlives this file.
 *
 * That is the slow path, which holds the whole tree (ten times the
 * file) and reports every problem.  A valid story takes the fast path
 * instead (load_stream.c), which builds through the same functions a
 * block at a time; anything it is unsure of comes back here, so that
 * an invalid file is told about in exactly these words. */
#include "config.h"

#include "format/load.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/buf.h"
#include "format/embedded.h"
#include "format/gate.h"
#include "format/explain.h"
#include "format/load_int.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "model/when.h"

const char load_default_name[] = "(built-in story)";

static const char *const id_kind_names[] = {
	"an actor", "a paragraph", "a \"Read more\" item", "a claim", "a quote",
};

void
load_error(struct loader *ld, unsigned long line, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	ld->errors++;
	/* The fast path only needs to know; after running out of memory,
	 * nothing said would be about the file. */
	if (ld->d == NULL || ld->oom)
		return;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_add(ld->d, ld->name, line, "%s", msg.data ? msg.data : "");
	buf_free(&msg);
}

/* ---- step one: the bytes ------------------------------------------ */

static char *
load_read(struct loader *ld, const char *path, size_t max, size_t *lenp)
{
	enum gate_refusal why;
	char *data = NULL, msg[160];
	size_t size;
	int fd = gate_open(path, max, &size, &why), err = errno;

	if (fd != -1) {
		data = gate_read(fd, max, size, lenp, &why);
		err = errno;
		close(fd);
	}
	if (data == NULL) {
		gate_describe(why, err, max, msg, sizeof msg);
		load_error(ld, 0, "%s", msg);
	}
	return data;
}

/* ---- step two: parse and validate --------------------------------- */

static xmlRelaxNGPtr load_schema;

bool
load_is_oom(const xmlError *err)
{
	/* libxml2 2.9 reports its cap on a text node (10 MB without
	 * XML_PARSE_HUGE) as a failure to allocate: the push parser
	 * stops there, and the slow path reads such a node whole. */
	if (err->message != NULL && strstr(err->message, "huge text node"))
		return false;
	return err->code == XML_ERR_NO_MEMORY || err->domain == XML_FROM_MEMORY;
}

/* Every parser and schema error comes here, and says what is wrong in
 * the format's words (explain.h) where it can; ex is NULL for the
 * parser. */
static void
load_report(struct loader *ld, struct explain *ex, xmlErrorPtr err)
{
	struct buf msg = BUF_INIT;
	unsigned long line = 0;
	size_t n;
	bool keep;

	if (err->level == XML_ERR_WARNING)
		return;
	if (load_is_oom(err))
		ld->oom = true;
	if (ld->oom)
		return;
	if (err->domain == XML_FROM_PARSER && err->message != NULL &&
	    strncmp(err->message, "Excessive depth in document", 27) == 0) {
		buf_puts(&msg, "elements are nested too deep (more than 256 "
		    "levels)");
		line = err->line > 0 ? (unsigned long)err->line : 0;
		keep = true;
	} else if (ex != NULL)
		keep = explain_schema(ex, err, &msg, &line);
	else
		keep = explain_parse(err, &msg, &line);
	if (line == 0 && err->line > 0)
		line = (unsigned long)err->line;
	if (line == 0 && err->node != NULL)
		line = (unsigned long)xmlGetLineNo((xmlNodePtr)err->node);
	if (line == 0)
		line = ld->root_line;
	if (keep && msg.data != NULL) {
		/* libxml2 ends its messages with a newline and splits some
		 * over two lines: keep one. */
		while (msg.len > 0 && (msg.data[msg.len - 1] == '\n' ||
		    msg.data[msg.len - 1] == ' '))
			buf_truncate(&msg, msg.len - 1);
		for (n = 0; n < msg.len; n++)
			if (msg.data[n] == '\n')
				msg.data[n] = ' ';
		load_error(ld, line, "%s", msg.data);
	}
	buf_free(&msg);
}

static void
load_xml_error(void *arg, xmlErrorPtr err)
{
	load_report(arg, NULL, err);
}

/* The schema's errors, with what this validation has said so far. */
struct load_check {
	struct loader	*ld;
	struct explain	 ex;
};

static void
load_schema_error(void *arg, xmlErrorPtr err)
{
	struct load_check *c = arg;

	load_report(c->ld, &c->ex, err);
}

/* A story has no use for entities, and declaring one is the way in for
 * entity expansion bombs and external entities: refuse the first one
 * and stop the parser there. */
static void
load_entity_decl(void *ctx, const xmlChar *name, int type,
    const xmlChar *publicId, const xmlChar *systemId, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *ld = ctxt->_private;

	(void)type;
	(void)publicId;
	(void)systemId;
	(void)content;
	load_error(ld, ctxt->input ? (unsigned long)ctxt->input->line : 0,
	    "entity declarations are not allowed (entity '%s')",
	    (const char *)name);
	xmlStopParser(ctxt);
}

/* Stories need no document type declaration, and one is where entity
 * and external DTD tricks start: refuse any. */
/* load_internal_subset makes no node for the DOCTYPE, and libxml2's own
 * handlers attach a comment or processing instruction inside it to
 * that node, or, when there is none, to nothing, leaking it: drop those
 * (the DOCTYPE is refused anyway) and build the others as usual. */
static void
load_comment(void *ctx, const xmlChar *value)
{
	if (((xmlParserCtxtPtr)ctx)->inSubset == 0)
		xmlSAX2Comment(ctx, value);
}

static void
load_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (((xmlParserCtxtPtr)ctx)->inSubset == 0)
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

static void
load_internal_subset(void *ctx, const xmlChar *name,
    const xmlChar *externalId, const xmlChar *systemId)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct loader *ld = ctxt->_private;

	(void)name;
	if (externalId != NULL || systemId != NULL)
		load_error(ld, ctxt->input ? (unsigned long)ctxt->input->line :
		    0, "external document type definitions are not allowed "
		    "('%s')", systemId ? (const char *)systemId :
		    (const char *)externalId);
	else {
		/* Let an entity declaration inside be named first: that is
		 * the more telling message; the parse is refused after. */
		ld->doctype_line = ctxt->input ?
		    (unsigned long)ctxt->input->line : 1;
		return;
	}
	xmlStopParser(ctxt);
}

/* The built-in schema has no errors: any is a failure to allocate. */
static void
load_schema_parse_error(void *arg, xmlErrorPtr err)
{
	struct loader *ld = arg;

	if (err->level != XML_ERR_WARNING)
		ld->oom = true;
}

/* The one schema, parsed once, for both paths. */
bool
load_schema_ready(struct loader *ld)
{
	xmlRelaxNGParserCtxtPtr pctxt;

	if (load_schema != NULL)
		return true;
	pctxt = xmlRelaxNGNewMemParserCtxt(embedded_schema,
	    (int)embedded_schema_len);
	if (pctxt == NULL) {
		ld->oom = true;
		return false;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, load_schema_parse_error,
	    ld);
	load_schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return load_schema != NULL;
}

xmlRelaxNGPtr
load_schema_get(void)
{
	return load_schema;
}

static bool
load_validate(struct loader *ld, xmlDocPtr doc)
{
	xmlRelaxNGValidCtxtPtr vctxt;
	struct load_check check;
	struct buf left = BUF_INIT;
	int rc;

	if (!load_schema_ready(ld)) {
		load_error(ld, 0, "the built-in schema does not parse");
		return false;
	}
	ld->root_line = (unsigned long)xmlGetLineNo(xmlDocGetRootElement(doc));
	memset(&check, 0, sizeof check);
	check.ld = ld;
	check.ex.doc = doc;
	if ((vctxt = xmlRelaxNGNewValidCtxt(load_schema)) == NULL) {
		ld->oom = true;
		return false;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, load_schema_error, &check);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (explain_finish(&check.ex, &left))
		load_error(ld, ld->root_line, "%s", left.data);
	buf_free(&left);
	if (rc != 0 && ld->errors == 0)
		load_error(ld, 0, "does not match the story schema");
	return rc == 0;
}

/* No element of a story needs more than a handful of attributes, and
 * libxml2 2.9 checks for duplicates in time quadratic in their number:
 * refuse a start tag with many before the parser sees it.  One pass,
 * skipping comments, CDATA sections and processing instructions. */
static bool
load_prescan(struct loader *ld, const char *s, size_t len)
{
	struct gate_scan sc;
	unsigned long line = 1;
	const char *p;

	memset(&sc, 0, sizeof sc);
	if (gate_scan_chunk(&sc, s, len))
		return true;
	for (p = s; p < s + sc.tag_at; p++)
		line += *p == '\n';
	load_error(ld, line, "an element has more than %d attributes",
	    GATE_MAX_ATTRIBUTES);
	return false;
}

/* The schema check of mixed content costs libxml2 time quadratic in
 * the number of inline elements: refuse a block with very many before
 * validating.  Counts every element below each child of body. */
static size_t
load_count_elements(const xmlNode *n, size_t limit)
{
	size_t count = 0;

	for (n = n->children; n != NULL && count <= limit; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			count += 1 + load_count_elements(n, limit - count);
	return count;
}

static bool
load_check_blocks(struct loader *ld, xmlDocPtr doc)
{
	const xmlNode *n, *root = xmlDocGetRootElement(doc);

	for (n = root ? root->children : NULL; n != NULL; n = n->next) {
		const xmlNode *b;

		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "body") != 0)
			continue;
		for (b = n->children; b != NULL; b = b->next)
			if (b->type == XML_ELEMENT_NODE &&
			    load_count_elements(b, GATE_MAX_INLINE) >
			    GATE_MAX_INLINE) {
				load_error(ld, (unsigned long)xmlGetLineNo(
				    (xmlNodePtr)b), "a paragraph holds more "
				    "than %d marked-up spans", GATE_MAX_INLINE);
				return false;
			}
	}
	return true;
}

/* The parse alone, with every safety setting but neither the schema
 * nor the story's encoding rules; load_parse_xml shares it. */
static xmlDocPtr
load_parse_safely(struct loader *ld, const char *data, size_t len)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int opts = GATE_XML_OPTIONS;

	if (len == 0) {
		load_error(ld, 1, "the file is empty");
		return NULL;
	}
	if (len > INT_MAX) {
		load_error(ld, 0, "file is too large to parse");
		return NULL;
	}
	if (!load_prescan(ld, data, len))
		return NULL;
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		ld->oom = true;
		return NULL;
	}
	ctxt->_private = ld;
	ctxt->sax->entityDecl = load_entity_decl;
	ctxt->sax->internalSubset = load_internal_subset;
	ctxt->sax->comment = load_comment;
	ctxt->sax->processingInstruction = load_pi;
	xmlSetStructuredErrorFunc(ld, load_xml_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (ld->doctype_line > 0 && ld->errors == 0)
		load_error(ld, ld->doctype_line,
		    "document type declarations are not allowed");
	if (doc != NULL && (ld->errors > 0 || !ctxt->wellFormed)) {
		if (ld->errors == 0)
			load_error(ld, 0, "not well-formed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (doc == NULL && ld->errors == 0)
		load_error(ld, 0, "not well-formed XML");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static xmlDocPtr
load_parse(struct loader *ld, const char *data, size_t len)
{
	xmlDocPtr doc;

	if (len >= 2 && ((data[0] == '\xfe' && data[1] == '\xff') ||
	    (data[0] == '\xff' && data[1] == '\xfe'))) {
		load_error(ld, 1, "the file is UTF-16; stories are UTF-8");
		return NULL;
	}
	doc = load_parse_safely(ld, data, len);
	if (doc != NULL && !gate_encoding_ok((const char *)doc->encoding)) {
		load_error(ld, 1, "the file declares encoding '%s'; "
		    "stories are UTF-8", (const char *)doc->encoding);
		xmlFreeDoc(doc);
		return NULL;
	}
	if (doc != NULL && (!load_check_blocks(ld, doc) ||
	    !load_validate(ld, doc))) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* ---- tree helpers ------------------------------------------------- */

static bool
load_is_elem(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

unsigned long
load_node_line(const xmlNode *n)
{
	long line = xmlGetLineNo((xmlNodePtr)n);

	return line > 0 ? (unsigned long)line : 0;
}

/* The attribute's raw value, owned by the caller (xmlFree), or NULL. */
static char *
load_attr_raw(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp((xmlNodePtr)n, (const xmlChar *)name);
}

/* The attribute's value as the tree holds it, without a copy, when it
 * is one text node, as it is but for an empty value (entities are
 * refused); else NULL, and load_attr_raw must be asked. */
static const char *
load_attr_peek(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children != NULL &&
			    a->children->next == NULL &&
			    a->children->type == XML_TEXT_NODE ?
			    (const char *)a->children->content : NULL;
	return NULL;
}

static bool
load_is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends s to b with runs of XML white space folded into one space,
 * none at the start of b; *space carries a pending space from one call
 * to the next.  The characters are the file's: sanitising them is for
 * the shown form (shown_scratch, load_build_block_shown). */
static void
load_collapse_into(struct buf *b, bool *space, const char *s)
{
	const char *run;

	while (*s != '\0') {
		if (load_is_xml_space(*s)) {
			*space = true;
			s++;
			continue;
		}
		/* A single space between words stays as it is: keep it in
		 * the run, which is then appended in one call, not a call
		 * a word. */
		for (run = s; *s != '\0' && (!load_is_xml_space(*s) ||
		    (*s == ' ' && s[1] != '\0'
		    && !load_is_xml_space(s[1]))); s++)
			;
		if (*space && b->len > 0)
			buf_putc(b, ' ');
		*space = false;
		buf_append(b, run, (size_t)(s - run));
	}
}

/* s collapsed, trimmed and sanitised, in ld->scratch: it lasts until
 * the next call.  When sanitising changed it, ld->raw holds the file's
 * form (collapsed and trimmed) and ld->has_raw is set.  NULL stays
 * NULL. */
static const char *
load_clean_scratch(struct loader *ld, const char *s)
{
	struct buf t;
	bool space = false;

	if (s == NULL)
		return NULL;
	buf_truncate(&ld->raw, 0);
	load_collapse_into(&ld->raw, &space, s);
	buf_truncate(&ld->scratch, 0);
	ld->has_raw = !text_is_safe(ld->raw.data ? ld->raw.data : "",
	    ld->raw.len);
	if (ld->has_raw)
		text_sanitize_into(&ld->scratch, ld->raw.data, ld->raw.len);
	else {
		t = ld->scratch;
		ld->scratch = ld->raw;
		ld->raw = t;
	}
	return ld->scratch.data ? ld->scratch.data : "";
}

/* A string of the story: in its pool (pool.h), which frees it. */
static char *
load_model_str(struct loader *ld, const char *s, size_t n)
{
	return pool_strndup(&ld->st->pool, s, n);
}

/* The string load_clean_scratch has just cleaned, for the model, with the
 * file's form beside it when that differs (story_raw). */
static char *
load_keep_scratch(struct loader *ld)
{
	char *shown = load_model_str(ld, ld->scratch.data ? ld->scratch.data
	    : "",
	    ld->scratch.len);

	if (ld->has_raw)
		story_raw_set(ld->st, shown, load_model_str(ld, ld->raw.data,
		    ld->raw.len));
	return shown;
}

/* A string for the model: collapsed, trimmed and sanitised.  NULL
 * stays NULL. */
static char *
load_clean_str(struct loader *ld, const char *s)
{
	return load_clean_scratch(ld, s) ? load_keep_scratch(ld) : NULL;
}

/* An attribute's value as load_clean_scratch leaves it, or NULL. */
static const char *
load_attr_scratch(struct loader *ld, const xmlNode *n, const char *name)
{
	const char *v = load_attr_peek(n, name), *s;
	char *raw;

	if (v != NULL)
		return load_clean_scratch(ld, v);
	raw = load_attr_raw(n, name);
	s = load_clean_scratch(ld, raw);
	xmlFree(raw);
	return s;
}

static char *
load_attr_clean(struct loader *ld, const xmlNode *n, const char *name)
{
	return load_attr_scratch(ld, n, name) ? load_keep_scratch(ld) : NULL;
}

static char *
load_content_clean(struct loader *ld, const xmlNode *n)
{
	char *raw = (char *)xmlNodeGetContent((xmlNodePtr)n);
	char *s = load_clean_str(ld, raw ? raw : "");

	xmlFree(raw);
	return s;
}

static const xmlNode *
load_child_elem(const xmlNode *parent, const char *name)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n != NULL; n = n->next)
		if (load_is_elem(n, name))
			return n;
	return NULL;
}

/* ---- pass one: the ids -------------------------------------------- */

static bool load_ids_hash_put(struct loader *, uint32_t v, const char *id);

/* A hash slot's value for the fast path's id of a thing of `kind` at
 * `index`, found through the model (story.h): 28 bits suffice for the
 * index (struct idref), and 0 is an empty slot. */
static uint32_t
load_ids_model_slot(enum id_kind kind, size_t index)
{
	return ((uint32_t)kind << 28 | ((uint32_t)index & 0xFFFFFFF)) + 1;
}

/* Registers id, which the loader frees if it owns it.  The fast path's
 * ids are the model's strings (owned false), and go straight into the
 * hash table: it finds each through the model, so that an id costs its
 * slot and nothing more (an idref of 16 bytes a claim, a quote and a
 * paragraph with an id were a fifth of such a story's memory).  A
 * duplicate is an error there, and the slow path says which. */
static void
load_ids_add_str(struct loader *ld, char *id, bool owned, enum id_kind kind,
    size_t index, unsigned long line)
{
	if (id == NULL)
		return;
	if (ld->ids_in_model) {
		if (!load_ids_hash_put(ld, load_ids_model_slot(kind, index),
		    id))
			ld->errors++;
		return;
	}
	ld->ids = xgrow(ld->ids, ld->nids, &ld->ids_cap, sizeof *ld->ids);
	ld->ids[ld->nids].id = id;
	ld->ids[ld->nids].owned = owned;
	ld->ids[ld->nids].kind = (uint32_t)kind;
	ld->ids[ld->nids].index = (uint32_t)index & 0xFFFFFFF;
	ld->ids[ld->nids].line = (uint32_t)line;
	ld->nids++;
}

void
load_ids_add(struct loader *ld, const xmlNode *n, enum id_kind kind,
    size_t index)
{
	const char *id = load_attr_scratch(ld, n, "id");

	/* The loader's own copy: the model's comes later, if at all. */
	load_ids_add_str(ld, id ? xstrndup(id, ld->scratch.len) : NULL, true,
	    kind,
	    index, load_node_line(n));
}

static void
load_ids_inline(struct loader *ld, const xmlNode *parent, size_t *nclaims,
    size_t *nquotes)
{
	const xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next) {
		if (load_is_elem(n, "claim"))
			load_ids_add(ld, n, ID_CLAIM, (*nclaims)++);
		else if (load_is_elem(n, "quote"))
			load_ids_add(ld, n, ID_QUOTE, (*nquotes)++);
		if (n->type == XML_ELEMENT_NODE)
			load_ids_inline(ld, n, nclaims, nquotes);
	}
}

static int
load_idref_cmp(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return (x->line > y->line) - (x->line < y->line);
}

static uint32_t
load_ids_hash_of(const char *s)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	/* FNV-1a leaves the high bits alike for ids that differ in their
	 * last characters ("a1", "a2"), and the table starts from the
	 * high bits (load_ids_hash_home): MurmurHash3's finaliser mixes them.
	 * */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (uint32_t)(h ^ (h >> 32));
}

/* What a hash slot's value v stands for: an entry of ld->ids (the slow
 * path's, v - 1), or a thing of the model (load_ids_model_slot). */
static void
load_ids_slot_ref(const struct loader *ld, uint32_t v, uint32_t *kind,
    size_t *index)
{
	if (ld->ids_in_model) {
		*kind = (v - 1) >> 28;
		*index = (v - 1) & 0xFFFFFFF;
	} else {
		*kind = ld->ids[v - 1].kind;
		*index = ld->ids[v - 1].index;
	}
}

static const char *
load_ids_slot_id(const struct loader *ld, uint32_t v)
{
	const struct story *st = ld->st;
	uint32_t kind;
	size_t i;

	if (!ld->ids_in_model)
		return ld->ids[v - 1].id;
	load_ids_slot_ref(ld, v, &kind, &i);
	switch ((enum id_kind)kind) {
	case ID_ACTOR:
		return st->actors[i].id;
	case ID_PARAGRAPH:
		return st->blocks[i].id;
	case ID_RELATED:
		return st->related[i].id;
	case ID_CLAIM:
		return st->claims[i].id;
	case ID_QUOTE:
		return st->quotes[i].id;
	}
	return "";
}

/* The slot a hash starts from: its high bits scaled to the table
 * (Lemire's multiply-shift), so that the table can be of any size. */
static size_t
load_ids_hash_home(const struct loader *ld, uint32_t full)
{
	return (size_t)(((uint64_t)full * ld->hash_cap) >> 32);
}

static size_t
load_ids_hash_next(const struct loader *ld, size_t h)
{
	return h + 1 < ld->hash_cap ? h + 1 : 0;
}

/* Half as many slots again, each where its stored hash puts it. */
static void
load_ids_hash_grow(struct loader *ld, size_t want)
{
	uint32_t *old = ld->hash;
	size_t oldcap = old ? ld->hash_cap : 0, cap, h, j;

	for (cap = oldcap ? oldcap : 16; cap / 4 * 3 < want; cap += cap / 2)
		;
	ld->hash = xcalloc(cap, 2 * sizeof *ld->hash);
	ld->hash_cap = cap;
	for (j = 0; j < oldcap; j++)
		if (old[2 * j] != 0) {
			for (h = load_ids_hash_home(ld, old[2 * j + 1]);
			    ld->hash[2 * h] != 0; h = load_ids_hash_next(ld, h))
				;
			ld->hash[2 * h] = old[2 * j];
			ld->hash[2 * h + 1] = old[2 * j + 1];
		}
	free(old);
}

/* Adds the slot value v, whose id is id, to the hash table, which
 * grows to keep at least a quarter of its slots free; false, and no
 * table, when the id is there already.  The fast path adds each id as
 * it streams, the slow path all of them at once.  The table is the
 * largest of the loader's allocations: grown by half, it is at most
 * twice the slots in use (doubling, 2.7), and holds 2.5 times them
 * while it grows (3); at three quarters full, linear probing still
 * takes about 2.5 probes to find an id, each a 32-bit compare first. */
static bool
load_ids_hash_put(struct loader *ld, uint32_t v, const char *id)
{
	size_t h, cap = ld->hash ? ld->hash_cap : 0;
	uint32_t full;

	if (ld->hash == NULL && ld->nhashed > 0)
		return false;	/* a duplicate was found before */
	if (cap / 4 * 3 < ld->nhashed + 1)
		load_ids_hash_grow(ld, ld->nhashed + 1);
	full = load_ids_hash_of(id);
	for (h = load_ids_hash_home(ld, full); ld->hash[2 * h] != 0;
	    h = load_ids_hash_next(ld, h))
		if (ld->hash[2 * h + 1] == full &&
		    strcmp(load_ids_slot_id(ld, ld->hash[2 * h]), id) == 0) {
			free(ld->hash);
			ld->hash = NULL;
			return false;
		}
	ld->hash[2 * h] = v;
	ld->hash[2 * h + 1] = full;
	ld->nhashed++;
	return true;
}

/* Indexes every id; false, and no table, when an id is used twice. */
static bool
load_ids_hash(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nids; i++)
		if (!load_ids_hash_put(ld, (uint32_t)(i + 1), ld->ids[i].id))
			return false;
	return true;
}

static void
load_ids_collect(struct loader *ld, const xmlNode *root)
{
	const xmlNode *n;
	size_t i, nactors = 0, nblocks = 0, nclaims = 0, nquotes = 0;
	size_t nrelated = 0;

	for (n = load_child_elem(root, "actors"); n != NULL; n = NULL) {
		const xmlNode *a;

		for (a = n->children; a != NULL; a = a->next)
			if (load_is_elem(a, "actor"))
				load_ids_add(ld, a, ID_ACTOR, nactors++);
	}
	n = load_child_elem(root, "body");
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		if (load_is_elem(n, "p")) {
			load_ids_add(ld, n, ID_PARAGRAPH, nblocks++);
			load_ids_inline(ld, n, &nclaims, &nquotes);
		} else if (load_is_elem(n, "related")) {
			load_ids_add(ld, n, ID_RELATED, nrelated++);
			nblocks++;
		}
	}
	/* Look-ups go through a hash table.  Only when an id is used twice
	 * are the ids sorted, to report each duplicate in the order of
	 * the ids, and looked up by bisection. */
	if (load_ids_hash(ld))
		return;
	if (ld->nids > 1)
		qsort(ld->ids, ld->nids, sizeof *ld->ids, load_idref_cmp);
	for (i = 1; i < ld->nids; i++)
		if (strcmp(ld->ids[i].id, ld->ids[i - 1].id) == 0)
			load_error(ld, ld->ids[i].line,
			    "duplicate id '%s' (first used on line %lu)",
			    ld->ids[i].id,
			    (unsigned long)ld->ids[i - 1].line);
}

/* The kind and index of any thing with this id (duplicates have been
 * reported already); false when there is none. */
static bool
load_ids_find(const struct loader *ld, const char *id, uint32_t *kind,
    size_t *index)
{
	size_t lo = 0, hi = ld->nids, mid, h;
	uint32_t full;
	int c;

	if (ld->hash != NULL) {
		full = load_ids_hash_of(id);
		for (h = load_ids_hash_home(ld, full); ld->hash[2 * h] != 0;
		    h = load_ids_hash_next(ld, h))
			if (ld->hash[2 * h + 1] == full &&
			    strcmp(load_ids_slot_id(ld, ld->hash[2 * h]),
			    id) == 0) {
				load_ids_slot_ref(ld, ld->hash[2 * h], kind,
				    index);
				return true;
			}
		return false;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(id, ld->ids[mid].id);
		if (c == 0) {
			*kind = ld->ids[mid].kind;
			*index = ld->ids[mid].index;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Resolves one id that must name a thing of `kind`; what = "actor of
 * mention", and so on, for the message.  Returns NONE if it does not. */
static size_t
load_ids_resolve(struct loader *ld, unsigned long line, const char *id,
    enum id_kind kind, const char *what)
{
	uint32_t found;
	size_t index;

	if (!load_ids_find(ld, id, &found, &index)) {
		load_error(ld, line, "%s: no such id '%s'", what, id);
		return NONE;
	}
	if (found != (uint32_t)kind) {
		load_error(ld, line, "%s: '%s' is %s, not %s", what, id,
		    id_kind_names[found], id_kind_names[kind]);
		return NONE;
	}
	return index;
}

/* Whether v was named before in the list being resolved, which has
 * the stamp 2 * ld->nlists; the stamp's low bit says that it has been
 * reported, so that "a a a" says so once.  Stamps need no clearing
 * between lists, so a list costs its length, however long. */
static bool
load_ids_listed_twice(struct loader *ld, size_t v, bool *reported)
{
	uint32_t stamp = 2 * ld->nlists;
	size_t old = ld->listed_cap;

	if (v >= ld->listed_cap) {
		ld->listed_cap = v + 1 > 2 * old ? v + 1 : 2 * old;
		ld->listed = xreallocarray(ld->listed, ld->listed_cap,
		    sizeof *ld->listed);
		memset(ld->listed + old, 0, (ld->listed_cap - old) *
		    sizeof *ld->listed);
	}
	if ((ld->listed[v] | 1) != (stamp | 1)) {
		ld->listed[v] = stamp;
		return false;
	}
	*reported = ld->listed[v] & 1;
	ld->listed[v] = stamp | 1;
	return true;
}

/* Resolves a space-separated list of ids, raw (cut up by strtok_r),
 * into x, an empty index: in ld->found first, then in the story's
 * pool at its exact size (most lists name one or two ids).  An id
 * named twice is refused: it would say nothing more, and every view
 * that pairs the ids of two lists would pay for it. */
void
load_ids_resolve_tokens(struct loader *ld, unsigned long line, char *raw,
    enum id_kind kind, const char *what, struct idx *x)
{
	char *tok, *save = NULL;
	size_t v, n = 0;
	bool reported;

	/* Stamps are even and start at 2: 0 is "never listed". */
	ld->nlists++;
	for (tok = strtok_r(raw, " \t\r\n", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n", &save)) {
		v = load_ids_resolve(ld, line, tok, kind, what);
		if (v == NONE)
			continue;
		if (load_ids_listed_twice(ld, v, &reported)) {
			/* `what` is "by of claim" and so on: the
			 * attribute is its first word. */
			if (!reported)
				load_error(ld, line, "id '%s' is listed twice "
				    "in %.*s", tok, (int)strcspn(what, " "),
				    what);
			continue;
		}
		ld->found = xgrow(ld->found, n, &ld->found_cap,
		    sizeof *ld->found);
		ld->found[n++] = v;
	}
	if (n == 0)
		return;
	x->v = pool_array(&ld->st->pool, n, sizeof *x->v);
	memcpy(x->v, ld->found, n * sizeof *x->v);
	x->n = n;
}

static void
load_ids_resolve_list(struct loader *ld, const xmlNode *n, const char *attr,
    enum id_kind kind, const char *what, struct idx *x)
{
	char *raw = load_attr_raw(n, attr);

	if (raw == NULL)
		return;
	load_ids_resolve_tokens(ld, load_node_line(n), raw, kind, what, x);
	xmlFree(raw);
}

static size_t
load_ids_resolve_attr(struct loader *ld, const xmlNode *n, const char *attr,
    enum id_kind kind, const char *what)
{
	const char *raw = load_attr_peek(n, attr), *id;
	size_t v = NONE;

	/* Most ids need no cleaning: look them up where they are. */
	if (raw != NULL && *raw != '\0' && raw[strcspn(raw, " \t\r\n")] ==
	    '\0' && text_is_safe(raw, strlen(raw)))
		return load_ids_resolve(ld, load_node_line(n), raw, kind, what);
	/* The schema's NCName allows white space around the id. */
	id = load_attr_scratch(ld, n, attr);
	if (id != NULL)
		v = load_ids_resolve(ld, load_node_line(n), id, kind, what);
	return v;
}

void
load_ids_free(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nids; i++)
		if (ld->ids[i].owned)
			free(ld->ids[i].id);
	free(ld->ids);
	ld->ids = NULL;
	ld->nids = 0;
	free(ld->hash);
	ld->hash = NULL;
	ld->nhashed = 0;
}

/* ---- pass two: the model ------------------------------------------ */

/* A comment of the file, kept where it stands (story.h). */
void
load_build_comment(struct loader *ld, enum comment_place place, size_t at,
    const xmlNode *n)
{
	const char *c = n->content ? (const char *)n->content : "";
	size_t run;

	/* Line breaks and tabs are a comment's layout, and safe in a file:
	 * everything between them is sanitised. */
	buf_truncate(&ld->scratch, 0);
	while (*c != '\0') {
		run = strcspn(c, "\n\t");
		text_sanitize_into(&ld->scratch, c, run);
		c += run;
		if (*c != '\0')
			buf_putc(&ld->scratch, *c++);
	}
	story_add_comment(ld->st, place, at,
	    ld->scratch.data ? ld->scratch.data : "", ld->scratch.len);
}

/* The comments among n's siblings between the element before it and
 * n: the streaming path sees them only once n is read. */
void
load_build_comments_before(struct loader *ld, const xmlNode *n,
    enum comment_place place, size_t at)
{
	const xmlNode *c = n;

	while (c->prev != NULL && c->prev->type != XML_ELEMENT_NODE)
		c = c->prev;
	for (; c != n; c = c->next)
		if (c->type == XML_COMMENT_NODE)
			load_build_comment(ld, place, at, c);
}

/* The comments among parent's children after its last element. */
void
load_build_comments_after(struct loader *ld, const xmlNode *parent,
    enum comment_place place, size_t at)
{
	const xmlNode *c = parent->last;

	while (c != NULL && c->type != XML_ELEMENT_NODE)
		c = c->prev;
	for (c = c ? c->next : parent->children; c != NULL; c = c->next)
		if (c->type == XML_COMMENT_NODE)
			load_build_comment(ld, place, at, c);
}

/* The comments before and after the root element. */
void
load_build_doc_comments(struct loader *ld, const xmlDoc *doc)
{
	const xmlNode *c;
	enum comment_place place = COMMENT_PROLOG;

	for (c = doc->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			place = COMMENT_EPILOG;
		else if (c->type == XML_COMMENT_NODE)
			load_build_comment(ld, place, 0, c);
}

/* Comments inside a child of head (there is no markup there to keep
 * them in place): before that child. */
static void
load_build_head_comments(struct loader *ld, const xmlNode *head)
{
	const xmlNode *n, *c;
	size_t at = 0;

	for (n = head ? head->children : NULL; n != NULL; n = n->next) {
		if (n->type == XML_COMMENT_NODE)
			load_build_comment(ld, COMMENT_HEAD, at, n);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_COMMENT_NODE)
				load_build_comment(ld, COMMENT_HEAD, at, c);
		at++;
	}
}

/* The when attribute of n, checked as written (when.h): a copy for
 * the model, or NULL when there is none or it is wrong, which is said
 * once, naming what has it.  A valid one is ASCII with no space, so
 * its copy is the same as load_attr_clean's. */
static char *
load_build_when(struct loader *ld, const xmlNode *n, const char *what,
    const char *id)
{
	char *raw = load_attr_raw(n, "when"), *v = NULL;
	char why[WHEN_WHY_MAX];
	size_t len, shown;

	if (raw == NULL)
		return NULL;
	len = strlen(raw);
	if (when_check(raw, why, sizeof why))
		v = load_model_str(ld, raw, len);
	else {
		/* Enough of a long value to recognise it, cut between
		 * characters. */
		for (shown = len > 40 ? 40 : len; shown > 0 &&
		    ((unsigned char)raw[shown] & 0xC0) == 0x80; shown--)
			;
		load_error(ld, load_node_line(n), "%s%s%s: when '%.*s%s' is "
		    "not a date: %s", what, id ? " " : "", id ? id : "",
		    (int)shown, raw, shown < len ? "..." : "", why);
	}
	xmlFree(raw);
	return v;
}

void
load_build_head(struct loader *ld, const xmlNode *root)
{
	struct story *st = ld->st;
	const xmlNode *head = load_child_elem(root, "head"), *n;
	char *lang;

	lang = (char *)xmlGetNsProp((xmlNodePtr)root,
	    (const xmlChar *)"lang", XML_XML_NAMESPACE);
	st->lang = load_clean_str(ld, lang);
	xmlFree(lang);
	n = load_child_elem(head, "headline");
	st->headline = n ? load_content_clean(ld, n) : load_model_str(ld, "",
	    0);
	if ((n = load_child_elem(head, "dateline")) != NULL) {
		st->dateline = load_content_clean(ld, n);
		st->dateline_when = load_build_when(ld, n, "dateline", NULL);
	}
	if ((n = load_child_elem(head, "byline")) != NULL)
		st->byline = load_content_clean(ld, n);
	if ((n = load_child_elem(head, "source")) != NULL) {
		st->source = load_content_clean(ld, n);
		st->source_url = load_attr_clean(ld, n, "url");
	}
	load_build_head_comments(ld, head);
}

/* The fast path's member-of, for load_build_actors_end: the id as the slow
 * path would look it up (load_ids_resolve_attr). */
static void
load_build_member_of_later(struct loader *ld, const xmlNode *n, size_t actor)
{
	const char *id = load_attr_scratch(ld, n, "member-of");

	if (id == NULL)
		return;
	if (ld->member_ids.len > UINT32_MAX - ld->scratch.len - 1) {
		ld->errors++;	/* cannot be: the file is under 2 GiB */
		return;
	}
	ld->member_of = xgrow(ld->member_of, ld->nmember_of,
	    &ld->member_of_cap, sizeof *ld->member_of);
	ld->member_of[ld->nmember_of].actor = (uint32_t)actor;
	ld->member_of[ld->nmember_of].at = (uint32_t)ld->member_ids.len;
	ld->nmember_of++;
	buf_append(&ld->member_ids, id, ld->scratch.len + 1);
}

/* The aliases of actor n, allocated once at their exact number, not
 * grown an alias at a time. */
static void
load_build_aliases(struct loader *ld, const xmlNode *n, struct actor *a)
{
	const xmlNode *c;
	size_t count = 0;

	for (c = n->children; c != NULL; c = c->next)
		count += load_is_elem(c, "alias");
	if (count == 0)
		return;
	a->aliases = xcalloc(count, sizeof *a->aliases);
	for (c = n->children; c != NULL; c = c->next)
		if (load_is_elem(c, "alias"))
			a->aliases[a->naliases++] = load_content_clean(ld, c);
}

static void
load_build_actor(struct loader *ld, const xmlNode *n, size_t index)
{
	struct actor *a = &ld->st->actors[index];
	const xmlNode *c;
	char *kind = load_attr_raw(n, "kind");

	memset(a, 0, sizeof *a);
	a->id = load_attr_clean(ld, n, "id");
	a->kind = kind ? story_actor_kind_parse(kind) : ACTOR_OTHER;
	if (a->kind == ACTOR_NKINDS)
		a->kind = ACTOR_OTHER;
	xmlFree(kind);
	a->line = load_node_line(n);
	a->same_as = load_attr_clean(ld, n, "same-as");
	a->parent = NONE;
	if (ld->d != NULL)
		a->parent = load_ids_resolve_attr(ld, n, "member-of", ID_ACTOR,
		    "member-of of actor");
	else
		load_build_member_of_later(ld, n, index);
	for (c = n->children; c != NULL; c = c->next) {
		if (load_is_elem(c, "name") && a->name == NULL)
			a->name = load_content_clean(ld, c);
		else if (load_is_elem(c, "note") && a->note == NULL)
			a->note = load_content_clean(ld, c);
		else if (c->type == XML_COMMENT_NODE)
			load_build_comment(ld, COMMENT_ACTORS, index, c);
	}
	load_build_aliases(ld, n, a);
	if (a->name == NULL)
		a->name = load_model_str(ld, a->id, strlen(a->id));
}

/* Member-of must be a tree: follow each chain, marking the actors on
 * the current walk, and stop at one already known to reach a root. */
static void
load_build_check_cycles(struct loader *ld)
{
	struct story *st = ld->st;
	unsigned char *state = xcalloc(st->nactors, 1);	/* 0 new, 1 on
							 * walk, 2 done */
	size_t i, a;

	for (i = 0; i < st->nactors; i++) {
		for (a = i; a != NONE && state[a] == 0; a = st->actors[a].parent)
			state[a] = 1;
		if (a != NONE && state[a] == 1) {
			load_error(ld, st->actors[a].line,
			    "actor '%s' is a member of itself through "
			    "member-of", st->actors[a].id);
			st->actors[a].parent = NONE;
		}
		for (a = i; a != NONE && state[a] == 1; a = st->actors[a].parent)
			state[a] = 2;
	}
	free(state);
}

void
load_build_actors(struct loader *ld, const xmlNode *root)
{
	struct story *st = ld->st;
	const xmlNode *list = load_child_elem(root, "actors"), *n;
	size_t count = 0;

	for (n = list ? list->children : NULL; n != NULL; n = n->next)
		count += load_is_elem(n, "actor");
	st->actors = xcalloc(count, sizeof *st->actors);
	for (n = list ? list->children : NULL; n != NULL; n = n->next)
		if (load_is_elem(n, "actor"))
			load_build_actor(ld, n, st->nactors++);
		else if (n->type == XML_COMMENT_NODE)
			load_build_comment(ld, COMMENT_ACTORS, st->nactors, n);
	load_build_check_cycles(ld);
}

void
load_build_actor_child(struct loader *ld, const xmlNode *n)
{
	struct story *st = ld->st;

	if (!load_is_elem(n, "actor"))
		return;
	/* By half, and no further than the rest of the file can fill (an
	 * actor takes at least 48 bytes of it): the array is the largest
	 * of a story of many actors, and what it holds in reserve counts
	 * against a limit on address space (ulimit -v). */
	if (st->nactors == ld->actors_cap) {
		size_t more = ld->actors_cap / 2 + 16;

		if (ld->left / 48 + 16 < more)
			more = ld->left / 48 + 16;
		ld->actors_cap += more;
		st->actors = xreallocarray(st->actors, ld->actors_cap,
		    sizeof *st->actors);
	}
	load_build_actor(ld, n, st->nactors);
	load_ids_add_str(ld, st->actors[st->nactors].id, false, ID_ACTOR,
	    st->nactors, st->actors[st->nactors].line);
	st->nactors++;
}

void
load_build_actors_end(struct loader *ld)
{
	struct story *st = ld->st;
	size_t i;

	if (st->actors == NULL)
		st->actors = xcalloc(0, sizeof *st->actors);
	/* At its exact size: no story keeps up to twice its actors. */
	else if (ld->actors_cap > st->nactors)
		st->actors = xreallocarray(st->actors, st->nactors,
		    sizeof *st->actors);
	ld->actors_cap = st->nactors;
	for (i = 0; i < ld->nmember_of && ld->errors == 0; i++)
		st->actors[ld->member_of[i].actor].parent = load_ids_resolve(ld,
		    st->actors[ld->member_of[i].actor].line,
		    ld->member_ids.data + ld->member_of[i].at, ID_ACTOR,
		    "member-of of actor");
	free(ld->member_of);
	ld->member_of = NULL;
	ld->nmember_of = ld->member_of_cap = 0;
	buf_free(&ld->member_ids);
	if (ld->errors == 0)
		load_build_check_cycles(ld);
}

static size_t
load_build_item(struct loader *ld, enum item_kind kind, size_t parent,
    const xmlNode *n)
{
	struct story *st = ld->st;
	struct item *it;

	st->items = xgrow(st->items, st->nitems, &ld->items_cap,
	    sizeof *st->items);
	it = &st->items[st->nitems];
	it->kind = kind;
	/* Both fit: the file is at most INT_MAX bytes (story.h). */
	it->block = (uint32_t)st->nblocks;
	it->line = (uint32_t)load_node_line(n);
	it->start = ld->text.len;
	it->end = ld->text.len;
	it->parent = parent;
	it->ref = NONE;
	return st->nitems++;
}

static void load_build_inline(struct loader *, const xmlNode *, size_t);

static void
load_build_claim(struct loader *ld, const xmlNode *n, size_t item)
{
	struct story *st = ld->st;
	struct claim *c;

	st->claims = xgrow(st->claims, st->nclaims, &ld->claims_cap,
	    sizeof *st->claims);
	c = &st->claims[st->nclaims];
	memset(c, 0, sizeof *c);
	c->id = load_attr_clean(ld, n, "id");
	c->item = item;
	c->when = load_build_when(ld, n, "claim", c->id);
	st->items[item].ref = st->nclaims++;
	load_ids_resolve_list(ld, n, "by", ID_ACTOR, "by of claim", &c->by);
	load_ids_resolve_list(ld, n, "about", ID_ACTOR, "about of claim",
	    &c->about);
	if (ld->d != NULL) {
		load_ids_resolve_list(ld, n, "disputes", ID_CLAIM,
		    "disputes of claim", &c->disputes);
		return;
	}
	/* Streaming: a claim may dispute one not read yet. */
	ld->pending = xgrow(ld->pending, ld->npending, &ld->pending_cap,
	    sizeof *ld->pending);
	ld->pending[ld->npending].claim = st->nclaims - 1;
	ld->pending[ld->npending].ids = load_attr_raw(n, "disputes");
	ld->pending[ld->npending].line = load_node_line(n);
	if (ld->pending[ld->npending].ids != NULL)
		ld->npending++;
}

static void
load_build_quote(struct loader *ld, const xmlNode *n, size_t item)
{
	struct story *st = ld->st;
	struct quote *q;

	st->quotes = xgrow(st->quotes, st->nquotes, &ld->quotes_cap,
	    sizeof *st->quotes);
	q = &st->quotes[st->nquotes];
	q->id = load_attr_clean(ld, n, "id");
	q->item = item;
	q->claim = NONE;
	q->speaker = load_ids_resolve_attr(ld, n, "speaker", ID_ACTOR,
	    "speaker of quote");
	st->items[item].ref = st->nquotes++;
}

/* Spans are opened before the space that separates them from the text
 * before, and may end on one: trim them to their words. */
static void
load_build_trim(struct loader *ld, size_t item)
{
	struct item *it = &ld->st->items[item];
	const char *t = ld->text.data;

	it->end = ld->text.len;
	while (it->start < it->end && t[it->start] == ' ')
		it->start++;
	while (it->end > it->start && t[it->end - 1] == ' ')
		it->end--;
}

static void
load_build_span(struct loader *ld, const xmlNode *n, size_t parent)
{
	size_t item;

	if (load_is_elem(n, "mention")) {
		item = load_build_item(ld, ITEM_MENTION, parent, n);
		ld->st->items[item].ref = load_ids_resolve_attr(ld, n, "actor",
		    ID_ACTOR, "actor of mention");
	} else if (load_is_elem(n, "claim")) {
		item = load_build_item(ld, ITEM_CLAIM, parent, n);
		load_build_claim(ld, n, item);
	} else if (load_is_elem(n, "quote")) {
		item = load_build_item(ld, ITEM_QUOTE, parent, n);
		load_build_quote(ld, n, item);
	} else {
		load_build_inline(ld, n, parent);
		return;
	}
	load_build_inline(ld, n, item);
	load_build_trim(ld, item);
}

static void
load_build_inline(struct loader *ld, const xmlNode *parent, size_t item)
{
	const xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			load_collapse_into(&ld->text, &ld->space,
			    (const char *)n->content);
			/* Read once: in a paragraph of megabytes, the tree's
			 * text shrinks as the model's grows, rather than both
			 * being held whole at its end. */
			xmlNodeSetContent((xmlNodePtr)n, NULL);
		} else if (n->type == XML_ELEMENT_NODE)
			load_build_span(ld, n, item);
		else if (n->type == XML_COMMENT_NODE)
			load_build_comment(ld, COMMENT_BODY, ld->st->nblocks, n);
	}
}

/* The block's text, in ld->text, has characters that are shown as
 * placeholders: the model gets the shown text, its items the offsets
 * of the shown text, and story_raw the file's. */
static size_t
load_build_block_shown(struct loader *ld, struct block *b)
{
	struct story *st = ld->st;
	size_t first = b->first_item, n = st->nitems - first, i, len;
	uint32_t **at = xreallocarray(NULL, 2 * n, sizeof *at);

	for (i = 0; i < n; i++) {
		at[2 * i] = &st->items[first + i].start;
		at[2 * i + 1] = &st->items[first + i].end;
	}
	b->text = story_keep_text(st, ld->text.data, ld->text.len, &len,
	    at, 2 * n);
	free(at);
	return len;
}

static struct block *
load_build_block(struct loader *ld, const xmlNode *n, enum block_kind kind)
{
	struct story *st = ld->st;
	struct block *b = &st->blocks[st->nblocks];
	size_t len;

	b->kind = kind;
	b->id = load_attr_clean(ld, n, "id");
	b->line = load_node_line(n);
	b->related = NONE;
	b->first_item = st->nitems;
	buf_truncate(&ld->text, 0);
	ld->space = false;
	load_build_inline(ld, n, NONE);
	if (text_is_safe(ld->text.data ? ld->text.data : "", ld->text.len)) {
		len = ld->text.len;
		b->text = load_model_str(ld, ld->text.len ? ld->text.data : "",
		    ld->text.len);
	} else
		len = load_build_block_shown(ld, b);
	/* Offsets and lengths are 32 bits (story.h). */
	if (len > STORY_BLOCK_MAX)
		load_error(ld, b->line, "the text of this block is %zu bytes "
		    "as shown; the most is %zu", len, STORY_BLOCK_MAX);
	b->len = (uint32_t)len;
	return b;
}

static void
load_build_related(struct loader *ld, const xmlNode *n)
{
	struct story *st = ld->st;
	struct related *r = &st->related[st->nrelated];
	struct block *b;
	size_t item;

	b = load_build_block(ld, n, BLOCK_RELATED);
	item = load_build_item(ld, ITEM_RELATED, NONE, n);
	b->first_item = item;
	st->items[item].start = 0;
	st->items[item].end = b->len;
	st->items[item].ref = st->nrelated;
	b->related = st->nrelated;
	r->id = load_attr_clean(ld, n, "id");
	r->item = item;
	r->block = st->nblocks;
	r->href = load_attr_clean(ld, n, "href");
	r->url = load_attr_clean(ld, n, "url");
	load_ids_resolve_list(ld, n, "actors", ID_ACTOR, "actors of related",
	    &r->actors);
	st->nrelated++;
}

/* The fast path's ids of the block just built, in file order: the
 * strings the model holds, not copies of them, so that each id is in
 * memory once.  They are the strings load_ids_collect would have found:
 * both come from load_attr_clean of the same attribute. */
static void
load_ids_borrow_block(struct loader *ld, size_t claim, size_t quote)
{
	struct story *st = ld->st;
	const struct block *b = &st->blocks[st->nblocks];
	const struct item *it;

	if (b->kind == BLOCK_RELATED) {
		load_ids_add_str(ld, st->related[b->related].id, false,
		    ID_RELATED,
		    b->related, b->line);
		return;
	}
	load_ids_add_str(ld, b->id, false, ID_PARAGRAPH, st->nblocks, b->line);
	while (claim < st->nclaims || quote < st->nquotes)
		if (quote == st->nquotes || (claim < st->nclaims &&
		    st->claims[claim].item < st->quotes[quote].item)) {
			it = &st->items[st->claims[claim].item];
			load_ids_add_str(ld, st->claims[claim].id, false,
			    ID_CLAIM,
			    claim, it->line);
			claim++;
		} else {
			it = &st->items[st->quotes[quote].item];
			load_ids_add_str(ld, st->quotes[quote].id, false,
			    ID_QUOTE,
			    quote, it->line);
			quote++;
		}
}

/* One child of body, which the slow path has in its whole tree and
 * the fast path alone; arrays grow as needed.  The fast path registers
 * its ids here, once the block is built; the slow path has registered
 * them all before. */
void
load_build_body_child(struct loader *ld, const xmlNode *n)
{
	struct story *st = ld->st;
	struct block *b;
	size_t nclaims = st->nclaims, nquotes = st->nquotes;
	bool para = load_is_elem(n, "p");

	if (n->type == XML_COMMENT_NODE)
		load_build_comment(ld, COMMENT_BODY, st->nblocks, n);
	if (!para && !load_is_elem(n, "related"))
		return;
	st->blocks = xgrow(st->blocks, st->nblocks, &ld->blocks_cap,
	    sizeof *st->blocks);
	b = &st->blocks[st->nblocks];
	memset(b, 0, sizeof *b);
	if (para)
		load_build_block(ld, n, BLOCK_PARAGRAPH);
	else {
		st->related = xgrow(st->related, st->nrelated,
		    &ld->related_cap, sizeof *st->related);
		memset(&st->related[st->nrelated], 0, sizeof *st->related);
		load_build_related(ld, n);
	}
	b->nitems = st->nitems - b->first_item;
	if (ld->d == NULL)
		load_ids_borrow_block(ld, nclaims, nquotes);
	st->nblocks++;
}

static void
load_build_body(struct loader *ld, const xmlNode *root)
{
	struct story *st = ld->st;
	const xmlNode *body = load_child_elem(root, "body"), *n;

	/* Exact sizes: the slow path knows them before it builds. */
	for (n = body ? body->children : NULL; n != NULL; n = n->next) {
		ld->blocks_cap += load_is_elem(n, "p") || load_is_elem(n, "related");
		ld->related_cap += load_is_elem(n, "related");
	}
	st->blocks = xcalloc(ld->blocks_cap, sizeof *st->blocks);
	st->related = xcalloc(ld->related_cap, sizeof *st->related);
	for (n = body ? body->children : NULL; n != NULL; n = n->next)
		load_build_body_child(ld, n);
}

/* The first of both paths: an empty story, named. */
void
load_build_start(struct loader *ld, const char *name)
{
	ld->st = xcalloc(1, sizeof *ld->st);
	buf_truncate(&ld->scratch, 0);
	text_sanitize_into(&ld->scratch, name, strlen(name));
	ld->st->path = load_model_str(ld, ld->scratch.data ? ld->scratch.data
	    : "",
	    ld->scratch.len);
}

/* An array grown as it streamed, down to its n elements: up to an
 * eighth of it was held in reserve (xgrow), which a limit on address
 * space counts for as long as the story is open.  malloc shrinks a
 * mapped array in place. */
static void *
load_fit(void *p, size_t n, size_t *cap, size_t size)
{
	if (p == NULL || n >= *cap || n == 0)
		return p;
	*cap = n;
	return xreallocarray(p, n, size);
}

/* The last of both paths: the fast path's pending references, the
 * arrays at their size, the indexes, or the story freed if anything
 * was wrong. */
struct story *
load_build_finish(struct loader *ld)
{
	struct story *st;
	size_t i;

	for (i = 0; i < ld->npending; i++) {
		struct pending *p = &ld->pending[i];

		if (ld->errors == 0)
			load_ids_resolve_tokens(ld, p->line, p->ids, ID_CLAIM,
			    "disputes of claim",
			    &ld->st->claims[p->claim].disputes);
		xmlFree(p->ids);
	}
	free(ld->pending);
	ld->pending = NULL;
	ld->npending = 0;
	free(ld->member_of);
	ld->member_of = NULL;
	buf_free(&ld->member_ids);
	buf_free(&ld->text);
	buf_free(&ld->scratch);
	buf_free(&ld->raw);
	free(ld->found);
	ld->found = NULL;
	ld->found_cap = 0;
	free(ld->listed);
	ld->listed = NULL;
	ld->listed_cap = 0;
	load_ids_free(ld);
	if (ld->errors > 0) {
		story_free(ld->st);
		ld->st = NULL;
		return NULL;
	}
	st = ld->st;
	st->items = load_fit(st->items, st->nitems, &ld->items_cap,
	    sizeof *st->items);
	st->claims = load_fit(st->claims, st->nclaims, &ld->claims_cap,
	    sizeof *st->claims);
	st->quotes = load_fit(st->quotes, st->nquotes, &ld->quotes_cap,
	    sizeof *st->quotes);
	st->blocks = load_fit(st->blocks, st->nblocks, &ld->blocks_cap,
	    sizeof *st->blocks);
	st->related = load_fit(st->related, st->nrelated, &ld->related_cap,
	    sizeof *st->related);
	story_index(st);
	return ld->st;
}

static struct story *
load_build_story(struct loader *ld, xmlDocPtr doc, const char *name)
{
	const xmlNode *root = xmlDocGetRootElement(doc);

	const xmlNode *n;
	size_t at = 0;

	load_build_start(ld, name);
	load_ids_collect(ld, root);
	load_build_head(ld, root);
	load_build_actors(ld, root);
	load_build_body(ld, root);
	load_build_doc_comments(ld, doc);
	/* The comments between head, actors and body: after the last of
	 * them read (story.h). */
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_COMMENT_NODE)
			load_build_comment(ld, COMMENT_STORY, at, n);
		else if (load_is_elem(n, "head"))
			at = 1;
		else if (load_is_elem(n, "actors"))
			at = 2;
		else if (load_is_elem(n, "body"))
			at = 3;
	return load_build_finish(ld);
}

/* ---- entry points ------------------------------------------------- */

struct story *
load_tree(const char *data, size_t len, const char *name, struct diag *d)
{
	struct loader ld;
	struct story *st = NULL;
	xmlDocPtr doc;

	size_t n0 = d->n, dropped0 = d->dropped;

	memset(&ld, 0, sizeof ld);
	ld.name = name;
	ld.d = d;
	doc = load_parse(&ld, data, len);
	if (doc != NULL && !ld.oom) {
		st = load_build_story(&ld, doc, name);
		xmlFreeDoc(doc);
	} else if (doc != NULL)
		xmlFreeDoc(doc);
	if (ld.oom) {
		/* What was said before it ran out may be its effect too. */
		story_free(st);
		diag_truncate(d, n0, dropped0);
		diag_add(d, name, 0, "out of memory");
		return NULL;
	}
	return st;
}

/* A valid story takes the fast path; anything else, or anything the
 * fast path is unsure of, the slow one, for its messages. */
struct story *
load_memory(const char *data, size_t len, const char *name,
    const struct load_opts *opts, struct diag *d)
{
	struct story *st;

	(void)opts;
	if ((st = load_stream(data, len, name)) != NULL)
		return st;
	return load_tree(data, len, name, d);
}

xmlDocPtr
load_parse_xml(const char *data, size_t len, const char *name,
    struct diag *d)
{
	struct loader ld;

	memset(&ld, 0, sizeof ld);
	ld.name = name;
	ld.d = d;
	return load_parse_safely(&ld, data, len);
}

char *
load_read_file(const char *path, size_t max, size_t *lenp, struct diag *d)
{
	struct loader ld;

	memset(&ld, 0, sizeof ld);
	ld.name = path;
	ld.d = d;
	return load_read(&ld, path, max, lenp);
}

struct story *
load_file(const char *path, const struct load_opts *opts, struct diag *d)
{
	struct loader ld;
	struct story *st;
	size_t max = opts ? opts->max_size : LOAD_MAX_SIZE_DEFAULT, len;
	char *data;
	bool oom = false;

	/* A valid story streams from the file, never held whole; any
	 * other is read again, whole, for the slow path's messages. */
	if ((st = load_stream_file(path, max, &oom)) != NULL)
		return st;
	if (oom) {
		diag_add(d, path, 0, "out of memory");
		return NULL;
	}
	memset(&ld, 0, sizeof ld);
	ld.name = path;
	ld.d = d;
	data = load_read(&ld, path, max, &len);
	if (data == NULL)
		return NULL;
	st = load_tree(data, len, path, d);
	free(data);
	return st;
}

struct story *
load_default(struct diag *d)
{
	return load_memory(embedded_story, embedded_story_len,
	    load_default_name, NULL, d);
}

void
load_cleanup(void)
{
	if (load_schema != NULL) {
		xmlRelaxNGFree(load_schema);
		load_schema = NULL;
	}
	xmlCleanupParser();
}
