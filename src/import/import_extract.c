/* import_extract.c - the article of a page: which nodes hold it.
 *
 * Readability's way, on libxml2's tree.  First what is never the
 * article goes: scripts, forms, hidden nodes, navigation and boxes
 * whose class or id says they are menus, comments, share bars, ads,
 * cookie notices, "most read" lists (and, when they say "related", the
 * links they hold are kept aside as "Read more" items).  Then every
 * paragraph-like node with text enough gives points (one, one a comma,
 * one a hundred characters up to three) to its parent, half to its
 * grandparent and less to the three above; the node that ends with the
 * most points, less the share of its text inside links, is the
 * article, with those of its siblings that score well or read like
 * prose.  Inside it, tables, lists and divisions that look like
 * navigation, galleries or forms are left out ("cleaning
 * conditionally").  When all that leaves less than 500 characters, the
 * rules are loosened one by one and the best try is kept.
 *
 * Each try walks the tree a fixed number of times: the figures of a
 * node (its characters, link characters, paragraphs…) are summed from
 * its children in one pass from the last node back to the first. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xmalloc.h"
#include "import/import_html.h"

#define CHAR_THRESHOLD	500	/* characters an article must have */
#define TOP_N		5
#define LINKS_MAX	200	/* links kept aside from related boxes */

/* ---- word lists --------------------------------------------------- */

static const char *const unlikely[] = { "-ad-", "ai2html", "banner",
	"breadcrumbs", "combx", "comment", "community", "cover-wrap",
	"disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
	"related", "remark", "replies", "rss", "shoutbox", "sidebar",
	"skyscraper", "social", "sponsor", "supplemental", "ad-break",
	"agegate", "pagination", "pager", "popup", "yom-remote", NULL };
static const char *const maybe[] = { "and", "article", "body", "column",
	"content", "main", "mathjax", "shadow", NULL };
static const char *const negative[] = { "-ad-", "hidden", "banner",
	"combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
	"media", "meta", "outbrain", "promo", "related", "scroll", "share",
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags",
	"widget", NULL };
static const char *const positive[] = { "article", "body", "content",
	"entry", "hentry", "h-entry", "main", "page", "pagination", "post",
	"text", "blog", "story", NULL };
/* Boxes that are boilerplate whatever the rules (trafilatura's). */
static const char *const boiler[] = { "cookie", "consent", "newsletter",
	"subscribe", "paywall", "most-read", "mostread", "most-popular",
	"mostpopular", "trending", "outbrain", "taboola", "advert",
	"share-bar", "sharebar", "share-buttons", "social-share",
	"wp-caption-text", "image-caption", "photo-credit", "skip-link",
	"visually-hidden", "screen-reader", "sr-only", NULL };
static const char *const related_box[] = { "related", "more-stories",
	"see-also", "recommended", NULL };
static const char *const unlikely_roles[] = { "menu", "menubar",
	"complementary", "navigation", "alert", "alertdialog", "dialog",
	NULL };

/* Never the article, by their tag. */
static const char *const strip_tags[] = { "script", "style", "noscript",
	"template", "iframe", "svg", "canvas", "button", "input",
	"select", "textarea", "nav", "footer", "aside", "form", "link",
	"meta", "head", "dialog", "figcaption", "menu", NULL };

static bool
extract_tag_is_one(const xmlNode *n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp((const char *)n->name, list[i]) == 0)
			return true;
	return false;
}

static bool
extract_tag_is_one_str(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strcasecmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool
extract_is_heading(const xmlNode *n)
{
	const char *s = (const char *)n->name;

	return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && s[2] == '\0';
}

/* ---- stripping ---------------------------------------------------- */

static void	extract_count_text(const char *, size_t *, size_t *);

static bool
extract_hidden(const xmlNode *n)
{
	char *style, *aria, *hid;
	bool h = false;

	style = html_attr(n, "style");
	if (style != NULL) {
		size_t i;

		for (i = 0; style[i] != '\0'; i++)
			if (style[i] == ' ')
				memmove(style + i, style + i + 1,
				    strlen(style + i));
		h = strcasestr(style, "display:none") != NULL ||
		    strcasestr(style, "visibility:hidden") != NULL;
		free(style);
	}
	aria = html_attr(n, "aria-hidden");
	if (aria != NULL && strcmp(aria, "true") == 0)
		h = true;
	free(aria);
	hid = html_attr(n, "hidden");
	if (hid != NULL)
		h = true;
	free(hid);
	return h;
}

/* The links of a related box, kept aside. */
static void
extract_harvest(struct hpage *pg, xmlNode *box)
{
	xmlNode *n;

	for (n = box; n != NULL && pg->nlinks < LINKS_MAX;
	    n = html_next(n, box, false)) {
		char *href, *title;

		if (!html_is(n, "a"))
			continue;
		href = html_attr(n, "href");
		title = html_text(n);
		if (href != NULL && strlen(title) >= 20 &&
		    strchr(title, ' ') != NULL) {
			pg->links = xgrow(pg->links, pg->nlinks,
			    &pg->links_cap, sizeof *pg->links);
			pg->links[pg->nlinks].title = title;
			pg->links[pg->nlinks].url = href;
			pg->links[pg->nlinks].box = box;
			pg->nlinks++;
		} else {
			free(title);
			free(href);
		}
	}
}

/* Whether a box is mostly links (and not prose that says "related"):
 * each node is looked at once, as the box is stripped whole. */
static bool
extract_links_box(xmlNode *box)
{
	size_t chars = 0, links = 0, commas = 0, in_link = 0;
	xmlNode *n;

	for (n = box; n != NULL; n = html_next(n, box, false)) {
		const xmlNode *a;

		if (n->type != XML_TEXT_NODE)
			continue;
		in_link = chars;
		extract_count_text((const char *)n->content, &chars, &commas);
		for (a = n->parent; a != NULL && a != box; a = a->parent)
			if (html_is(a, "a"))
				break;
		if (a != NULL && a != box)
			links += chars - in_link;
	}
	return chars < 200 || links * 2 >= chars;
}

/* The first element that says it is the byline (rel=author,
 * itemprop=author, a class or id "byline" or "author"), with a short
 * text: its text is the byline, and it is no part of the article. */
static bool
extract_byline_element(struct hpage *pg, xmlNode *n, const char *ci)
{
	static const char *const words[] = { "byline", "author",
	    "writtenby", "p-author", NULL };
	char *rel, *prop, *t;
	bool is;

	if (pg->byline != NULL || html_is(n, "body") || html_is(n, "html"))
		return false;
	rel = html_attr(n, "rel");
	prop = html_attr(n, "itemprop");
	is = (rel != NULL && strcmp(rel, "author") == 0) ||
	    (prop != NULL && strstr(prop, "author") != NULL) ||
	    html_match(ci, words);
	free(rel);
	free(prop);
	if (!is)
		return false;
	t = html_text(n);
	if (*t == '\0' || strlen(t) >= 100) {
		free(t);
		return false;
	}
	pg->byline = t;
	return true;
}

static bool
extract_strip_this(struct hpage *pg, xmlNode *n)
{
	char *ci, *role;
	bool out = false;

	if (extract_tag_is_one(n, strip_tags) || extract_hidden(n))
		return true;
	if (html_is(n, "body") || html_is(n, "html") || html_is(n, "a"))
		return false;
	role = html_attr(n, "role");
	if (role != NULL && extract_tag_is_one_str(role, unlikely_roles))
		out = true;
	free(role);
	ci = html_class_id(n);
	if (extract_byline_element(pg, n, ci))
		out = true;
	else if (html_match(ci, related_box) && !html_match(ci, maybe) &&
	    extract_links_box(n)) {
		extract_harvest(pg, n);
		out = true;
	} else if (html_match(ci, boiler))
		out = true;
	else if ((pg->flags & HF_STRIP_UNLIKELY) && html_match(ci, unlikely) &&
	    !html_match(ci, maybe) && !html_is(n, "article") &&
	    !html_is(n, "main") && !html_is(n, "table") &&
	    !html_is(n, "tbody") && !html_is(n, "tr") && !html_is(n, "td"))
		out = true;
	free(ci);
	return out;
}

static void
extract_strip(struct hpage *pg)
{
	xmlNode *n = pg->body;
	bool skip;

	while (n != NULL) {
		skip = false;
		if (n->type == XML_ELEMENT_NODE && n != pg->body &&
		    extract_strip_this(pg, n)) {
			html_info(pg, n)->removed = true;
			skip = true;
		}
		n = html_next(n, pg->body, skip);
	}
}

/* ---- the figures of every node ------------------------------------ */

/* Characters of a text, runs of white space as one, and its commas. */
static void
extract_count_text(const char *s, size_t *chars, size_t *commas)
{
	bool sp = true;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!sp)
				(*chars)++;
			sp = true;
			continue;
		}
		sp = false;
		if ((c & 0xC0) != 0x80)
			(*chars)++;
		if (c == ',')
			(*commas)++;
	}
}

struct own {
	size_t	chars, commas;
};

/* Sums the figures up the tree; the elements kept, in document order,
 * go into *order (the caller frees it); their own direct text into
 * *own (indexed like pg->info). */
static xmlNode **
extract_figures(struct hpage *pg, size_t *np, struct own **ownp)
{
	xmlNode **order = xreallocarray(NULL, pg->ninfo + 1, sizeof *order);
	struct own *own = xcalloc(pg->ninfo + 1, sizeof *own);
	xmlNode *n = pg->body;
	size_t count = 0, i;
	bool skip;

	while (n != NULL) {
		struct hnode *h = n->type == XML_ELEMENT_NODE ?
		    html_info(pg, n) : NULL;

		skip = h != NULL && h->removed;
		if (h != NULL && !skip)
			order[count++] = n;
		if (n->type == XML_TEXT_NODE && n->parent != NULL &&
		    html_info(pg, n->parent) != NULL) {
			size_t k = (uintptr_t)n->parent->_private - 1;

			extract_count_text((const char *)n->content,
			    &own[k].chars,
			    &own[k].commas);
		}
		n = html_next(n, pg->body, skip);
	}
	for (i = count; i-- > 0;) {
		struct hnode *h = html_info(pg, order[i]), *up;
		const xmlNode *c = order[i];
		size_t k = (uintptr_t)c->_private - 1;

		h->chars += own[k].chars;
		h->commas += own[k].commas;
		if (html_is(c, "a"))
			h->link_chars = h->chars;
		if (extract_is_heading(c))
			h->heading_chars = h->chars;
		if (c == pg->body || c->parent == NULL ||
		    (up = html_info(pg, c->parent)) == NULL)
			continue;
		up->chars += h->chars;
		up->link_chars += h->link_chars;
		up->commas += h->commas;
		up->heading_chars += h->heading_chars;
		up->p += h->p + html_is(c, "p");
		up->img += h->img + html_is(c, "img");
		up->li += h->li + html_is(c, "li");
		up->input += h->input + (html_is(c, "input") ||
		    html_is(c, "select") || html_is(c, "textarea"));
		up->embed += h->embed + (html_is(c, "embed") ||
		    html_is(c, "object") || html_is(c, "iframe"));
	}
	*np = count;
	*ownp = own;
	return order;
}

static double
extract_link_density(const struct hnode *h)
{
	return h->chars > 0 ? (double)h->link_chars / (double)h->chars : 0;
}

/* ---- scoring ------------------------------------------------------ */

static int
extract_class_weight(const struct hpage *pg, const xmlNode *n)
{
	const char *attrs[] = { "class", "id" };
	int w = 0;
	size_t i, k;

	if (!(pg->flags & HF_WEIGHT_CLASSES))
		return 0;
	for (i = 0; i < 2; i++) {
		char *v = html_attr(n, attrs[i]);

		if (v == NULL)
			continue;
		for (k = 0; v[k] != '\0'; k++)
			if (v[k] >= 'A' && v[k] <= 'Z')
				v[k] = (char)(v[k] + 32);
		if (html_match(v, negative))
			w -= 25;
		if (html_match(v, positive))
			w += 25;
		free(v);
	}
	return w;
}

static void
extract_score_init(struct hpage *pg, xmlNode *n)
{
	struct hnode *h = html_info(pg, n);
	static const char *const plus3[] = { "pre", "td", "blockquote", NULL };
	static const char *const minus3[] = { "address", "ol", "ul", "dl",
	    "dd", "dt", "li", "form", NULL };

	if (h->scored)
		return;
	h->scored = true;
	h->score = extract_class_weight(pg, n);
	if (html_is(n, "div"))
		h->score += 5;
	else if (extract_tag_is_one(n, plus3))
		h->score += 3;
	else if (extract_tag_is_one(n, minus3))
		h->score -= 3;
	else if (extract_is_heading(n) || html_is(n, "th"))
		h->score -= 5;
}

/* A paragraph of chars characters and commas commas under anc gives
 * its points to anc and four of its ancestors. */
static void
extract_score_para(struct hpage *pg, xmlNode *anc, size_t chars, size_t commas)
{
	double points = 1 + (double)commas + (chars / 100 < 3 ?
	    (double)(chars / 100) : 3);
	size_t level;

	for (level = 0; anc != NULL && level < 5 &&
	    anc->type == XML_ELEMENT_NODE && html_info(pg, anc) != NULL;
	    level++, anc = anc->parent) {
		if (anc->parent == NULL || anc->parent->type !=
		    XML_ELEMENT_NODE)
			break;
		extract_score_init(pg, anc);
		html_info(pg, anc)->score += points / (level == 0 ? 1 :
		    level == 1 ? 2 : (double)level * 3);
	}
}

/* A division with no block inside reads as a paragraph. */
static bool
extract_div_is_para(const struct hpage *pg, const xmlNode *div)
{
	static const char *const blocks[] = { "blockquote", "dl", "div",
	    "img", "ol", "p", "pre", "table", "ul", "section", "article",
	    NULL };
	const xmlNode *c;

	for (c = div->children; c != NULL; c = c->next) {
		const struct hnode *h;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		h = html_info(pg, c);
		if (h != NULL && !h->removed && (extract_tag_is_one(c,
		    blocks) ||
		    h->p > 0))
			return false;
	}
	return true;
}

static void
extract_score_all(struct hpage *pg, xmlNode **order, size_t n,
    const struct own *own)
{
	static const char *const tags[] = { "p", "pre", "td", "section", "h2",
	    "h3", "h4", "h5", "h6", NULL };
	size_t i;

	for (i = 0; i < n; i++) {
		xmlNode *e = order[i];
		const struct hnode *h = html_info(pg, e);
		size_t k = (uintptr_t)e->_private - 1;

		if (extract_tag_is_one(e, tags) || (html_is(e, "div") &&
		    extract_div_is_para(pg, e))) {
			if (h->chars >= 25)
				extract_score_para(pg, e->parent, h->chars,
				    h->commas);
		} else if (html_is(e, "div") && own[k].chars >= 25)
			/* The loose text of a division is a paragraph of
			 * its own. */
			extract_score_para(pg, e, own[k].chars, own[k].commas);
	}
}

/* ---- the top node and its siblings -------------------------------- */

static bool
extract_ancestor_of(const xmlNode *a, const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static xmlNode *
extract_top_pick(struct hpage *pg, xmlNode **order, size_t n)
{
	xmlNode *top[TOP_N] = { NULL };
	double best[TOP_N] = { 0 };
	size_t i, k;

	for (i = 0; i < n; i++) {
		struct hnode *h = html_info(pg, order[i]);

		if (!h->scored)
			continue;
		h->score *= 1 - extract_link_density(h);
		for (k = 0; k < TOP_N; k++)
			if (top[k] == NULL || h->score > best[k]) {
				memmove(top + k + 1, top + k,
				    (TOP_N - k - 1) * sizeof *top);
				memmove(best + k + 1, best + k,
				    (TOP_N - k - 1) * sizeof *best);
				top[k] = order[i];
				best[k] = h->score;
				break;
			}
	}
	if (top[0] == NULL || top[0] == pg->body)
		return NULL;
	/* Three of the best close to the first under one ancestor: that
	 * ancestor holds the article. */
	{
		xmlNode *a;

		for (a = top[0]->parent; a != NULL && a != pg->body;
		    a = a->parent) {
			size_t c = 0;

			for (k = 1; k < TOP_N; k++)
				if (top[k] != NULL && best[k] >= 0.75 * best[0] &&
				    extract_ancestor_of(a, top[k]))
					c++;
			if (c >= 3 - 1) {
				top[0] = a;
				extract_score_init(pg, a);
				break;
			}
		}
	}
	return top[0];
}

static xmlNode *
extract_top_raise(struct hpage *pg, xmlNode *top)
{
	struct hnode *h = html_info(pg, top);
	double last = h->score, threshold = last / 3;
	xmlNode *p;
	size_t kids;

	for (p = top->parent; p != NULL && p != pg->body; p = p->parent) {
		struct hnode *ph = html_info(pg, p);

		if (ph == NULL || !ph->scored)
			continue;
		if (ph->score < threshold)
			break;
		if (ph->score > last) {
			top = p;
			break;
		}
		last = ph->score;
	}
	/* An only child stands for its parent. */
	for (;;) {
		const xmlNode *c;

		p = top->parent;
		if (p == NULL || p == pg->body || html_info(pg, p) == NULL)
			break;
		kids = 0;
		for (c = p->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    !html_info(pg, c)->removed)
				kids++;
		if (kids != 1)
			break;
		top = p;
		extract_score_init(pg, top);
	}
	return top;
}

static bool
extract_reads_as_prose(const struct hpage *pg, xmlNode *p)
{
	const struct hnode *h = html_info(pg, p);
	char *t;
	bool ok;

	if (h->chars > 80)
		return extract_link_density(h) < 0.25;
	if (h->chars == 0 || h->link_chars > 0)
		return false;
	t = html_text(p);
	ok = strstr(t, ". ") != NULL || (strlen(t) > 0 &&
	    t[strlen(t) - 1] == '.');
	free(t);
	return ok;
}

static void
extract_keep_siblings(struct hpage *pg, xmlNode *top)
{
	struct hnode *th = html_info(pg, top);
	double threshold = th->score * 0.2 > 10 ? th->score * 0.2 : 10;
	char *tc = html_attr(top, "class");
	xmlNode *s;

	pg->nkeep = 0;
	for (s = top->parent ? top->parent->children : top; s != NULL;
	    s = s->next) {
		struct hnode *h;
		bool keep = s == top;

		if (s->type != XML_ELEMENT_NODE ||
		    (h = html_info(pg, s)) == NULL || h->removed)
			continue;
		if (!keep) {
			char *sc = html_attr(s, "class");
			double bonus = tc && sc && *tc && strcmp(tc, sc) == 0 ?
			    th->score * 0.2 : 0;

			free(sc);
			keep = (h->scored && h->score + bonus >= threshold) ||
			    (html_is(s, "p") && extract_reads_as_prose(pg, s));
		}
		if (keep) {
			pg->keep = xgrow(pg->keep, pg->nkeep, &pg->keep_cap,
			    sizeof *pg->keep);
			pg->keep[pg->nkeep++] = s;
		}
	}
	free(tc);
}

/* ---- cleaning conditionally --------------------------------------- */

static bool
extract_in_figure(const xmlNode *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (html_is(n, "figure"))
			return true;
	return false;
}

static bool
extract_fishy(struct hpage *pg, xmlNode *n)
{
	const struct hnode *h = html_info(pg, n);
	int weight = extract_class_weight(pg, n);
	double p = (double)h->p, img = (double)h->img;
	double li = (double)h->li - 100, ld = extract_link_density(h);
	double hd = h->chars > 0 ? (double)h->heading_chars / h->chars : 0;
	bool list = html_is(n, "ul") || html_is(n, "ol");

	if (weight + (h->scored ? h->score : 0) < 0)
		return true;
	if (h->commas >= 10)
		return false;
	return (img > 1 && p / img < 0.5 && !extract_in_figure(n)) ||
	    (!list && li > p) || (h->input > h->p / 3) ||
	    (!list && hd < 0.9 && h->chars < 25 && (h->img == 0 ||
	    h->img > 2) && !extract_in_figure(n)) ||
	    (!list && weight < 25 && ld > 0.2) ||
	    (weight >= 25 && ld > 0.5) ||
	    (h->embed == 1 && h->chars < 75) || h->embed > 1;
}

static void
extract_clean(struct hpage *pg, xmlNode *root)
{
	static const char *const tags[] = { "table", "ul", "div", "form",
	    "fieldset", "ol", "section", NULL };
	xmlNode *n = root;
	bool skip;

	while (n != NULL) {
		struct hnode *h = n->type == XML_ELEMENT_NODE ?
		    html_info(pg, n) : NULL;

		skip = h == NULL || h->removed || html_is(n, "pre") ||
		    html_is(n, "code");
		if (!skip && n != pg->top && extract_tag_is_one(n, tags) &&
		    (pg->flags & HF_CLEAN_CONDITIONALLY) && extract_fishy(pg,
		    n)) {
			h->removed = true;
			skip = true;
		}
		n = html_next(n, root, skip);
	}
}

/* Characters the article has now. */
static size_t
extract_kept_chars(const struct hpage *pg)
{
	size_t i, total = 0;

	for (i = 0; i < pg->nkeep; i++) {
		xmlNode *root = pg->keep[i], *n = root;
		size_t commas = 0;

		while (n != NULL) {
			const struct hnode *h = n->type == XML_ELEMENT_NODE ?
			    html_info(pg, n) : NULL;
			bool skip = h != NULL && h->removed;

			if (n->type == XML_TEXT_NODE)
				extract_count_text((const char *)n->content,
				    &total,
				    &commas);
			n = html_next(n, root, skip);
		}
	}
	return total;
}

/* ---- the whole ---------------------------------------------------- */

static size_t
extract_try(struct hpage *pg)
{
	xmlNode **order, *top;
	struct own *own;
	size_t n, i;

	for (i = 0; i < pg->nlinks; i++) {
		free(pg->links[i].title);
		free(pg->links[i].url);
	}
	pg->nlinks = 0;
	free(pg->byline);
	pg->byline = NULL;
	for (i = 0; i < pg->ninfo; i++)
		memset(&pg->info[i], 0, sizeof pg->info[i]);
	extract_strip(pg);
	order = extract_figures(pg, &n, &own);
	extract_score_all(pg, order, n, own);
	top = extract_top_pick(pg, order, n);
	free(order);
	free(own);
	if (top != NULL)
		top = extract_top_raise(pg, top);
	pg->top = top != NULL ? top : pg->body;
	extract_keep_siblings(pg, pg->top);
	for (i = 0; i < pg->nkeep; i++)
		extract_clean(pg, pg->keep[i]);
	return extract_kept_chars(pg);
}

/* Whether the related box lies by the article: inside it, or under
 * the top node's parent or grandparent. */
static bool
extract_box_near(const struct hpage *pg, const xmlNode *box)
{
	const xmlNode *near = pg->top;
	size_t k;

	for (k = 0; k < 2 && near->parent != NULL && near != pg->body; k++)
		near = near->parent;
	return extract_ancestor_of(near, box);
}

void
extract_article(struct hpage *pg)
{
	static const unsigned tries[] = {
		HF_STRIP_UNLIKELY | HF_WEIGHT_CLASSES | HF_CLEAN_CONDITIONALLY,
		HF_WEIGHT_CLASSES | HF_CLEAN_CONDITIONALLY,
		HF_CLEAN_CONDITIONALLY,
		0
	};
	unsigned best = tries[0];
	size_t k, chars, most = 0, i, j;
	xmlNode *root = xmlDocGetRootElement(pg->xml), *n;

	pg->body = root;
	for (n = root; n != NULL; n = html_next(n, root, false))
		if (html_is(n, "body")) {
			pg->body = n;
			break;
		}
	for (k = 0; k < sizeof tries / sizeof tries[0]; k++) {
		pg->flags = tries[k];
		chars = extract_try(pg);
		if (chars >= CHAR_THRESHOLD)
			break;
		if (chars > most) {
			most = chars;
			best = tries[k];
		}
	}
	if (k == sizeof tries / sizeof tries[0] && best != pg->flags) {
		pg->flags = best;
		extract_try(pg);
	}
	/* Only the related boxes by the article give items. */
	for (i = j = 0; i < pg->nlinks; i++) {
		if (extract_box_near(pg, pg->links[i].box)) {
			pg->links[i].line = (unsigned long)xmlGetLineNo(
			    pg->links[i].box);
			pg->links[j++] = pg->links[i];
		} else {
			free(pg->links[i].title);
			free(pg->links[i].url);
		}
	}
	pg->nlinks = j;
}
