/* explain.c - libxml2's messages about a story, in the format's words.
 *
 * The table below is the format of newslens(5) as data/story.rng has
 * it: each element, the attributes it takes and the elements it may
 * hold.  It is only asked once the schema has refused a file, to say
 * why in words a story's author knows; when it finds nothing wrong,
 * libxml2's own message stands. */
#include "config.h"

#include "format/explain.h"

#include <string.h>

#include <libxml/relaxng.h>

#include "model/story.h"

enum explain_type {
	EXPLAIN_ID,		/* an NCName */
	EXPLAIN_IDLIST,		/* one or more NCNames */
	EXPLAIN_KIND,		/* one of the actor kinds */
	EXPLAIN_VERSION,	/* "1" */
	EXPLAIN_WHEN,		/* an ISO 8601 date: only said when the
				 * schema names the attribute */
	EXPLAIN_TEXT,		/* anything (href, url, same-as) */
};

struct explain_attr {
	const char		*name;
	enum explain_type	 type;
	bool			 required;
};

struct explain_elem {
	const char			*name;
	const char			*label;	/* as a message names it */
	const char			*holds;	/* its child elements, in
						 * order; NULL: text only */
	bool				 nonblank; /* needs some text */
	const struct explain_attr	*attrs;	/* ends with a NULL name */
};

static const struct explain_attr explain_no_attrs[] = { { NULL, 0, 0 } };
static const struct explain_attr explain_story_attrs[] = {
	{ "version", EXPLAIN_VERSION, true }, { NULL, 0, 0 } };
static const struct explain_attr explain_when_attrs[] = {
	{ "when", EXPLAIN_WHEN, false }, { NULL, 0, 0 } };
static const struct explain_attr explain_source_attrs[] = {
	{ "url", EXPLAIN_TEXT, false }, { NULL, 0, 0 } };
static const struct explain_attr explain_actor_attrs[] = {
	{ "id", EXPLAIN_ID, true }, { "kind", EXPLAIN_KIND, true },
	{ "member-of", EXPLAIN_ID, false }, { "same-as", EXPLAIN_TEXT, false },
	{ NULL, 0, 0 } };
static const struct explain_attr explain_p_attrs[] = {
	{ "id", EXPLAIN_ID, false }, { NULL, 0, 0 } };
static const struct explain_attr explain_related_attrs[] = {
	{ "id", EXPLAIN_ID, true }, { "actors", EXPLAIN_IDLIST, false },
	{ "href", EXPLAIN_TEXT, false }, { "url", EXPLAIN_TEXT, false },
	{ NULL, 0, 0 } };
static const struct explain_attr explain_mention_attrs[] = {
	{ "actor", EXPLAIN_ID, true }, { NULL, 0, 0 } };
static const struct explain_attr explain_quote_attrs[] = {
	{ "id", EXPLAIN_ID, true }, { "speaker", EXPLAIN_ID, true },
	{ NULL, 0, 0 } };
static const struct explain_attr explain_claim_attrs[] = {
	{ "id", EXPLAIN_ID, true }, { "by", EXPLAIN_IDLIST, false },
	{ "about", EXPLAIN_IDLIST, false },
	{ "disputes", EXPLAIN_IDLIST, false }, { "when", EXPLAIN_WHEN, false },
	{ NULL, 0, 0 } };

static const struct explain_elem explain_elems[] = {
	{ "story", "the story", "head actors body", false,
	    explain_story_attrs },
	{ "head", "the head", "headline dateline byline source", false,
	    explain_no_attrs },
	{ "headline", "the headline", NULL, true, explain_no_attrs },
	{ "dateline", "the dateline", NULL, false, explain_when_attrs },
	{ "byline", "the byline", NULL, false, explain_no_attrs },
	{ "source", "the source", NULL, false, explain_source_attrs },
	{ "actors", "the list of actors", "actor", false, explain_no_attrs },
	{ "actor", "actor", "name alias note", false, explain_actor_attrs },
	{ "name", "a name", NULL, true, explain_no_attrs },
	{ "alias", "an alias", NULL, true, explain_no_attrs },
	{ "note", "a note", NULL, false, explain_no_attrs },
	{ "body", "the body", "p related", false, explain_no_attrs },
	{ "p", "paragraph", "mention quote claim", false, explain_p_attrs },
	{ "related", "\"Read more\" item", NULL, true,
	    explain_related_attrs },
	{ "mention", "a mention", NULL, false, explain_mention_attrs },
	{ "quote", "quote", "mention", false, explain_quote_attrs },
	{ "claim", "claim", "mention quote", false, explain_claim_attrs },
};

#define EXPLAIN_NELEMS (sizeof explain_elems / sizeof explain_elems[0])
/* Values quoted in a message are cut to this many bytes. */
#define EXPLAIN_VALUE_MAX 40

static const struct explain_elem *
explain_find(const xmlNode *n)
{
	size_t i;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns != NULL)
		return NULL;
	for (i = 0; i < EXPLAIN_NELEMS; i++)
		if (strcmp((const char *)n->name, explain_elems[i].name) == 0)
			return &explain_elems[i];
	return NULL;
}

static unsigned long
explain_line(const xmlNode *n)
{
	long line = n ? xmlGetLineNo((xmlNodePtr)n) : 0;

	return line > 0 ? (unsigned long)line : 0;
}

/* Appends a value from the file, quoted, cut between characters when
 * it is long (the diag sanitises it). */
static void
explain_value(struct buf *msg, const char *v)
{
	size_t len = strlen(v), shown = len;

	if (len > EXPLAIN_VALUE_MAX)
		for (shown = EXPLAIN_VALUE_MAX; shown > 0 &&
		    ((unsigned char)v[shown] & 0xC0) == 0x80; shown--)
			;
	buf_printf(msg, "'%.*s%s'", (int)shown, v, shown < len ? "..." : "");
}

/* The word for e: "story", "paragraph", "\"Read more\" item". */
static const char *
explain_word(const struct explain_elem *e)
{
	const char *l = e->label;

	if (strncmp(l, "the ", 4) == 0)
		return l + 4;
	if (strncmp(l, "an ", 3) == 0)
		return l + 3;
	return strncmp(l, "a ", 2) == 0 ? l + 2 : l;
}

/* "actor 'x'", "paragraph 'p1'", "a paragraph", "the headline"; with
 * its id when with_id and it has one. */
static void
explain_label_id(struct buf *msg, const xmlNode *n, bool with_id)
{
	const struct explain_elem *e = explain_find(n);
	xmlChar *id;

	if (e == NULL) {
		buf_printf(msg, "<%s>", (const char *)n->name);
		return;
	}
	id = with_id ? xmlGetNoNsProp((xmlNodePtr)n, (const xmlChar *)"id") :
	    NULL;
	if (id != NULL && *id != '\0') {
		buf_printf(msg, "%s ", e->label);
		explain_value(msg, (const char *)id);
	} else if (strchr(e->label, ' ') == NULL)
		buf_printf(msg, "a%s %s", strchr("aeiou", e->label[0]) ?
		    "n" : "", e->label);
	else
		buf_puts(msg, e->label);
	xmlFree(id);
}

static void
explain_label(struct buf *msg, const xmlNode *n)
{
	explain_label_id(msg, n, true);
}

/* ---- attribute values --------------------------------------------- */

static bool
explain_name_char(unsigned char c, bool first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	    c >= 0x80)
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
}

/* Whether s[0..len) is an NCName, as far as ASCII goes: letters beyond
 * ASCII are taken as letters. */
static bool
explain_is_id(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!explain_name_char((unsigned char)s[i], i == 0))
			return false;
	return len > 0;
}

static const char explain_id_rule[] = "an id begins with a letter or '_' "
    "and holds only letters, digits, '-', '_' and '.'";

/* Says what is wrong with value v of attribute a of n, if anything;
 * flagged: the schema named this attribute as wrong. */
static bool
explain_attr_value(struct buf *msg, const xmlNode *n,
    const struct explain_attr *a, const char *v, bool flagged)
{
	const char *p = v, *tok;
	int k;

	switch (a->type) {
	case EXPLAIN_ID:
		/* The schema's NCName allows white space around it. */
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		for (tok = p; *p != '\0' && *p != ' ' && *p != '\t' &&
		    *p != '\n' && *p != '\r'; p++)
			;
		if (explain_is_id(tok, (size_t)(p - tok)) &&
		    strspn(p, " \t\r\n") == strlen(p))
			return false;
		explain_label_id(msg, n, strcmp(a->name, "id") != 0);
		buf_printf(msg, ": %s ", a->name);
		explain_value(msg, v);
		buf_printf(msg, " is not an id: %s", explain_id_rule);
		return true;
	case EXPLAIN_IDLIST:
		for (;;) {
			p += strspn(p, " \t\r\n");
			if (*p == '\0')
				break;
			tok = p;
			p += strcspn(p, " \t\r\n");
			if (!explain_is_id(tok, (size_t)(p - tok))) {
				explain_label(msg, n);
				buf_printf(msg, ": %s holds '%.*s', which is not "
				    "an id: %s", a->name, (int)(p - tok), tok,
				    explain_id_rule);
				return true;
			}
		}
		if (strspn(v, " \t\r\n") < strlen(v))
			return false;
		explain_label(msg, n);
		buf_printf(msg, ": %s is empty: it lists one or more ids, "
		    "separated by spaces", a->name);
		return true;
	case EXPLAIN_KIND:
		if (story_actor_kind_parse(v) != ACTOR_NKINDS)
			return false;
		explain_label(msg, n);
		buf_puts(msg, ": kind ");
		explain_value(msg, v);
		buf_puts(msg, " is not one of");
		for (k = 0; k < ACTOR_NKINDS; k++)
			buf_printf(msg, "%s %s", k ? "," : "",
			    story_actor_kind_name((enum actor_kind)k));
		return true;
	case EXPLAIN_VERSION:
		if (strcmp(v, "1") == 0)
			return false;
		buf_puts(msg, "the story is version ");
		explain_value(msg, v);
		buf_puts(msg, ": newslens reads version 1 of the format "
		    "(version=\"1\")");
		return true;
	case EXPLAIN_WHEN:
		if (!flagged)
			return false;
		explain_label(msg, n);
		buf_puts(msg, ": when ");
		explain_value(msg, v);
		buf_puts(msg, " is not a date: ISO 8601, such as 2020-01-12 or "
		    "2020-01-12T17:06");
		return true;
	default:
		return false;
	}
}

static const struct explain_attr *
explain_attr_find(const struct explain_elem *e, const char *name)
{
	const struct explain_attr *a;

	for (a = e->attrs; a->name != NULL; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/* The names of the attributes e takes, for "it takes id, kind". */
static void
explain_attr_names(struct buf *msg, const struct explain_elem *e)
{
	const struct explain_attr *a;

	if (e->attrs[0].name == NULL) {
		buf_puts(msg, "it takes none");
		return;
	}
	buf_puts(msg, "it takes");
	for (a = e->attrs; a->name != NULL; a++)
		buf_printf(msg, "%s %s", a == e->attrs ? "" : ",", a->name);
	if (strcmp(e->name, "story") == 0)
		buf_puts(msg, ", xml:lang");
}

/* The first thing wrong with n's attributes: one that is not in the
 * format, a value of the wrong shape, or a required one missing. */
static bool
explain_attrs(struct buf *msg, const xmlNode *n, const struct explain_elem *e,
    const char *flagged)
{
	const struct explain_attr *a;
	const xmlAttr *at;
	xmlChar *v;
	bool bad;

	for (at = n->properties; at != NULL; at = at->next) {
		if (at->ns != NULL && strcmp((const char *)at->name, "lang") ==
		    0 && strcmp(e->name, "story") == 0)
			continue;
		a = at->ns == NULL ? explain_attr_find(e,
		    (const char *)at->name) : NULL;
		if (a == NULL) {
			explain_label(msg, n);
			buf_printf(msg, ": attribute '%s%s%s' is not part of "
			    "the format (", at->ns && at->ns->prefix ?
			    (const char *)at->ns->prefix : "", at->ns &&
			    at->ns->prefix ? ":" : "", (const char *)at->name);
			explain_attr_names(msg, e);
			buf_putc(msg, ')');
			return true;
		}
		v = xmlNodeListGetString(n->doc, at->children, 1);
		bad = explain_attr_value(msg, n, a, v ? (const char *)v : "",
		    flagged != NULL && strcmp(flagged, a->name) == 0);
		xmlFree(v);
		if (bad)
			return true;
	}
	for (a = e->attrs; a->name != NULL; a++)
		if (a->required && xmlHasNsProp((xmlNodePtr)n,
		    (const xmlChar *)a->name, NULL) == NULL) {
			explain_label(msg, n);
			buf_printf(msg, " has no %s attribute, which every %s "
			    "needs", a->name, explain_word(e));
			return true;
		}
	return false;
}

/* ---- elements and what they hold ---------------------------------- */

/* Whether the space-separated list holds word. */
static bool
explain_in_list(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = list; p != NULL && *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (strncmp(p, word, len) == 0 && (p[len] == ' ' ||
		    p[len] == '\0'))
			return true;
	}
	return false;
}

/* "text and mention, quote, claim"; "only text". */
static void
explain_holds(struct buf *msg, const struct explain_elem *e)
{
	bool text = e->holds == NULL || strcmp(e->name, "p") == 0 ||
	    strcmp(e->name, "claim") == 0 || strcmp(e->name, "quote") == 0;
	const char *p;
	size_t n;

	if (e->holds == NULL) {
		buf_puts(msg, "only text");
		return;
	}
	buf_puts(msg, text ? "text and" : "only");
	for (p = e->holds; *p != '\0'; p += n) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		buf_printf(msg, "%s <%.*s>", p == e->holds ? "" : ",", (int)n,
		    p);
	}
}

/* n where it cannot be: unknown, namespaced, or inside the wrong
 * element. */
static bool
explain_place(struct buf *msg, const xmlNode *n, const struct explain_elem *e)
{
	const xmlNode *parent = n->parent;
	const struct explain_elem *pe;

	if (parent == NULL || parent->type != XML_ELEMENT_NODE) {
		if (e != NULL && strcmp(e->name, "story") == 0)
			return false;
		if (n->ns != NULL)
			buf_printf(msg, "<%s> is in the namespace '%s'; the "
			    "elements of a story are in none", n->name,
			    (const char *)n->ns->href);
		else
			buf_printf(msg, "the root element is <%s>; a story's "
			    "is <story>", (const char *)n->name);
		return true;
	}
	pe = explain_find(parent);
	if (pe == NULL || (e != NULL && explain_in_list(pe->holds, e->name)))
		return false;
	if (e == NULL) {
		buf_printf(msg, "<%s%s%s> is not part of the story format (",
		    n->ns && n->ns->prefix ? (const char *)n->ns->prefix : "",
		    n->ns && n->ns->prefix ? ":" : "", (const char *)n->name);
		explain_label(msg, parent);
		buf_puts(msg, " holds ");
		explain_holds(msg, pe);
		buf_putc(msg, ')');
		return true;
	}
	explain_label(msg, n);
	buf_puts(msg, " is inside ");
	explain_label(msg, parent);
	if (strcmp(e->name, pe->name) == 0)
		buf_printf(msg, ": %ss do not nest", e->name[0] == 'p' ?
		    "paragraph" : e->label);
	else {
		buf_puts(msg, ", which holds ");
		explain_holds(msg, pe);
	}
	return true;
}

static bool
explain_blank(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent((xmlNodePtr)n);
	bool blank = s == NULL || strspn((const char *)s, " \t\r\n") ==
	    strlen((const char *)s);

	xmlFree(s);
	return blank;
}

/* n's own text, when it must have some and has none. */
static bool
explain_text(struct buf *msg, const xmlNode *n, const struct explain_elem *e)
{
	if (!e->nonblank || !explain_blank(n))
		return false;
	if (strcmp(e->name, "related") == 0) {
		explain_label(msg, n);
		buf_puts(msg, " has no title: its text is blank");
	} else if (strcmp(e->name, "headline") == 0)
		buf_puts(msg, "the headline is blank: a story needs one");
	else {
		buf_puts(msg, e->label);
		buf_puts(msg, " of ");
		explain_label(msg, n->parent);
		buf_puts(msg, " is blank");
	}
	return true;
}

/* "head, actors, body". */
static void
explain_list(struct buf *msg, const char *list)
{
	const char *p;
	size_t n;

	for (p = list; *p != '\0'; p += n) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		buf_printf(msg, "%s%.*s", p == list ? "" : ", ", (int)n, p);
	}
}

/* The rank of name in the list, from 1; 0 when it is not there. */
static size_t
explain_rank(const char *list, const char *name)
{
	size_t rank, w, len = strlen(name);
	const char *p;

	for (rank = 1, p = list; *p != '\0'; rank++, p += w) {
		p += strspn(p, " ");
		w = strcspn(p, " ");
		if (w == len && strncmp(p, name, w) == 0)
			return rank;
	}
	return 0;
}

/* Whether n has a child element called name[0..len). */
static bool
explain_has_child(const xmlNode *n, const char *name, size_t len)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    strlen((const char *)c->name) == len &&
		    strncmp((const char *)c->name, name, len) == 0)
			return true;
	return false;
}

/* The children of an element whose order is fixed (story, head): the
 * first one missing or out of order.  The first of each list is
 * required, and so is the story's body. */
static bool
explain_order(struct buf *msg, const xmlNode *n, const struct explain_elem *e)
{
	const char *first = e->holds;
	const xmlNode *c;
	size_t rank, last = 0, len = strcspn(first ? first : "", " ");
	bool story = strcmp(e->name, "story") == 0;

	if (!story && strcmp(e->name, "head") != 0)
		return false;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || explain_find(c) == NULL ||
		    (rank = explain_rank(first, (const char *)c->name)) == 0)
			continue;
		if (last == 0 && rank > 1 && !explain_has_child(n, first,
		    len)) {
			buf_printf(msg, "%s has no <%.*s>: it comes first, "
			    "before <%s>", e->label, (int)len, first,
			    (const char *)c->name);
			return true;
		}
		if (rank < last || (last == 0 && rank > 1)) {
			buf_printf(msg, "%s: <%s> is out of place: %s holds ",
			    e->label, (const char *)c->name, e->label);
			explain_list(msg, first);
			buf_puts(msg, ", in this order");
			if (last == 0)
				buf_printf(msg, ", and <%.*s> first", (int)len,
				    first);
			return true;
		}
		last = rank;
	}
	if (last == 0 || (story && last < 3)) {
		buf_printf(msg, "%s has no <%s>", e->label, last == 0 ?
		    (strcmp(e->name, "head") == 0 ? "headline" : "head") :
		    "body");
		return true;
	}
	return false;
}

/* An actor has one name. */
static bool
explain_actor(struct buf *msg, const xmlNode *n, const struct explain_elem *e)
{
	const xmlNode *c;
	size_t names = 0;

	if (strcmp(e->name, "actor") != 0)
		return false;
	for (c = n->children; c != NULL; c = c->next)
		names += c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    strcmp((const char *)c->name, "name") == 0;
	if (names == 1)
		return false;
	explain_label(msg, n);
	buf_puts(msg, names == 0 ? " has no <name>" : " has more than one "
	    "<name>: an actor has one, and any number of <alias>");
	return true;
}

/* Text where only elements may be (between actors, in the body
 * outside its blocks). */
static bool
explain_stray_text(struct buf *msg, const xmlNode *n,
    const struct explain_elem *e)
{
	const xmlNode *c;

	if (e->holds == NULL || strcmp(e->name, "p") == 0 ||
	    strcmp(e->name, "claim") == 0 || strcmp(e->name, "quote") == 0)
		return false;
	for (c = n->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && !explain_blank(c)) {
			explain_label(msg, n);
			buf_puts(msg, " holds text of its own: it holds only ");
			explain_list(msg, e->holds);
			return true;
		}
	return false;
}

/* What is wrong with the elements or text that n holds. */
static bool
explain_content(struct buf *msg, const xmlNode *n,
    const struct explain_elem *e)
{
	return explain_order(msg, n, e) || explain_actor(msg, n, e) ||
	    explain_stray_text(msg, n, e);
}

/* Everything the table can say about n, in order of likelihood;
 * flagged: the attribute the schema named, or NULL. */
static bool
explain_element(struct buf *msg, const xmlNode *n, const char *flagged)
{
	const struct explain_elem *e = explain_find(n);

	if (explain_place(msg, n, e))
		return true;
	if (e == NULL)
		return false;
	return explain_attrs(msg, n, e, flagged) || explain_text(msg, n, e) ||
	    explain_content(msg, n, e);
}

/* The element an error is about: libxml2 names it in str1 and points
 * at it, at its first child, or at nothing (the root). */
static const xmlNode *
explain_subject(const struct explain *ex, const xmlError *err)
{
	const xmlNode *n = err->node;
	const char *name = err->str1;

	if (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	if (err->code == XML_RELAXNG_ERR_ATTRVALID && name != NULL) {
		const xmlNode *root = ex->doc ?
		    xmlDocGetRootElement((xmlDocPtr)ex->doc) : NULL;

		for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
			if (strcmp((const char *)n->name, name) == 0)
				return n;
		/* Not the root's either (an <actor> with member-of, seen
		 * from elsewhere): about no element known, so that the
		 * error after it, which names the actor, says it, not
		 * libxml2 on the root's line. */
		return root != NULL &&
		    strcmp((const char *)root->name, name) == 0 ? root : NULL;
	}
	return n != NULL && n->type == XML_ELEMENT_NODE ? n : NULL;
}

/* Whether a is b or one of b's ancestors. */
static bool
explain_above(const xmlNode *a, const xmlNode *b)
{
	for (; b != NULL; b = b->parent)
		if (a == b)
			return true;
	return false;
}

bool
explain_schema(struct explain *ex, const xmlError *err, struct buf *msg,
    unsigned long *line)
{
	const xmlNode *n = explain_subject(ex, err);
	const xmlNode *parent = n ? n->parent : NULL;
	const char *flagged = err->code == XML_RELAXNG_ERR_INVALIDATTR ?
	    err->str1 : NULL;

	/* The cascade after an element: its ancestors "have extra
	 * content", and the schema expected something else. */
	if (ex->said && (err->code == XML_RELAXNG_ERR_EXTRACONTENT ||
	    err->code == XML_RELAXNG_ERR_NOELEM ||
	    err->code == XML_RELAXNG_ERR_CONTENTVALID ||
	    (n != NULL && explain_above(n, ex->done))))
		return false;
	/* An error about no element in particular: an error after it
	 * may name the element; if none does, explain_finish says it. */
	if (n == NULL) {
		if (!ex->said && ex->pending.len == 0)
			buf_puts(&ex->pending, err->message ? err->message :
			    "does not match the story format");
		return false;
	}
	*line = explain_line(n);
	if ((explain_element(msg, n, flagged) ||
	    (explain_find(parent) != NULL && explain_content(msg, parent,
	    explain_find(parent))))) {
		ex->done = n;
		ex->said = true;
		buf_free(&ex->pending);
		return true;
	}
	/* Mixed content the schema could not match: the next error names
	 * the element at fault. */
	if (err->code == XML_RELAXNG_ERR_NOELEM)
		return false;
	ex->said = true;
	buf_free(&ex->pending);
	buf_puts(msg, err->message ? err->message : "does not match the "
	    "story format");
	return true;
}

bool
explain_finish(struct explain *ex, struct buf *msg)
{
	bool left = !ex->said && ex->pending.len > 0;
	size_t len = ex->pending.len;

	while (len > 0 && (ex->pending.data[len - 1] == '\n' ||
	    ex->pending.data[len - 1] == ' '))
		len--;
	if (left)
		buf_append(msg, ex->pending.data, len);
	buf_free(&ex->pending);
	return left;
}

/* ---- the parser --------------------------------------------------- */

static bool
explain_char(struct buf *msg, const xmlError *err)
{
	int c = err->int1;

	if (err->str1 != NULL && strncmp(err->str1, "Bytes:", 6) == 0) {
		const char *b = err->str1 + 6;
		size_t len;

		b += strspn(b, " ");
		for (len = strlen(b); len > 0 && (b[len - 1] == ' ' ||
		    b[len - 1] == '\n'); len--)
			;
		buf_printf(msg, "the bytes %.*s are not UTF-8: stories are "
		    "UTF-8", (int)len, b);
		return true;
	}
	/* A surrogate is told twice, as out of range then as invalid. */
	if (c >= 0xD800 && c <= 0xDFFF && err->message != NULL &&
	    strncmp(err->message, "PCDATA", 6) == 0)
		return false;
	if (err->message != NULL && strstr(err->message, "CharRef") != NULL)
		buf_printf(msg, "the character reference &#%d; is ", c);
	else
		buf_printf(msg, "U+%04X in the text is ", (unsigned)c);
	if (c >= 0xD800 && c <= 0xDFFF)
		buf_puts(msg, "a surrogate, which is not a character");
	else if (c == 0)
		buf_puts(msg, "a NUL byte, which XML does not allow");
	else
		buf_puts(msg, "a control character, which XML does not allow");
	return true;
}

bool
explain_parse(const xmlError *err, struct buf *msg, unsigned long *line)
{
	*line = err->line > 0 ? (unsigned long)err->line : 0;
	switch (err->code) {
	case XML_ERR_DOCUMENT_EMPTY:
		buf_puts(msg, "this is not XML: a story begins with "
		    "'<?xml' or '<story'");
		return true;
	case XML_ERR_DOCUMENT_END:
		buf_puts(msg, "there is more after the end of <story>: a "
		    "story is one element, and nothing follows it");
		return true;
	case XML_ERR_INVALID_CHAR:
		return explain_char(msg, err);
	case XML_ERR_UNDECLARED_ENTITY:
		buf_printf(msg, "&%s; is not defined: a story uses only &lt; "
		    "&gt; &amp; &quot; &apos; and character references",
		    err->str1 ? err->str1 : "");
		return true;
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		buf_puts(msg, "an attribute's value is not in quotes, or its "
		    "closing quote is missing");
		return true;
	case XML_ERR_GT_REQUIRED:
		buf_printf(msg, "the tag <%s> is not closed with '>'",
		    err->str1 ? err->str1 : "");
		return true;
	case XML_ERR_TAG_NAME_MISMATCH:
		buf_printf(msg, "</%s> where </%s> was expected (the <%s> "
		    "opened on line %d)", err->str2 ? err->str2 : "",
		    err->str1 ? err->str1 : "", err->str1 ? err->str1 : "",
		    err->int1);
		return true;
	case XML_ERR_TAG_NOT_FINISHED:
		buf_printf(msg, "the file ends inside <%s>, opened on line %d "
		    "and never closed", err->str1 ? err->str1 : "",
		    err->int1);
		return true;
	default:
		/* libxml2's echo of the error before it. */
		if (err->message != NULL && strncmp(err->message,
		    "attributes construct error", 26) == 0)
			return false;
		buf_puts(msg, err->message ? err->message : "invalid XML");
		return true;
	}
}
