/* import_meta.c - the head of a story from a page's metadata.
 *
 * In the order the best extractors trust them: schema.org JSON-LD (an
 * Article, NewsArticle or one of their kin: headline, datePublished,
 * author, publisher, url), then OpenGraph and article:* properties,
 * then <meta name=…> (Dublin Core, author, Parse.ly), then <title>
 * (less the site's name) and the first <h1>.  The page's address is
 * its <link rel=canonical>, else og:url, else the JSON-LD url.
 *
 * JSON-LD is read with json-c, its depth capped, so that a page's
 * scripts cannot make the parser go deep. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "import/import_html.h"

#define JSON_DEPTH	24	/* nesting json-c may go into */
#define JSON_MAX	(1024 * 1024)	/* bytes of one script read */
#define META_MAX	2000	/* bytes of one value kept */

/* Where a value came from: a lower rank wins; among meta elements,
 * the one earlier in meta_rules. */
enum rank { R_JSONLD = 0, R_OG = 10, R_META = 40, R_TITLE = 90,
	R_NONE = 100 };

struct found {
	char		*v[5];		/* headline when byline source url */
	int		 r[5];		/* enum rank, plus the rule's place */
	char		*title, *h1, *canonical;
};

enum field { F_HEADLINE, F_WHEN, F_BYLINE, F_SOURCE, F_URL };

static void
meta_found_set(struct found *f, enum field k, int r, const char *v)
{
	char *s;
	size_t n;

	if (v == NULL || r >= f->r[k])
		return;
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
		v++;
	n = strlen(v);
	if (n == 0 || n > META_MAX)
		return;
	s = html_text_str(v);
	if (s == NULL || *s == '\0') {
		free(s);
		return;
	}
	free(f->v[k]);
	f->v[k] = s;
	f->r[k] = r;
}

/* ---- JSON-LD ------------------------------------------------------ */

static const char *const article_types[] = {
	"Article", "NewsArticle", "ReportageNewsArticle",
	"AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
	"ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
	"BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report",
	"ScholarlyArticle", "TechArticle", "MedicalScholarlyArticle",
	"AdvertiserContentArticle", "APIReference", "DiscussionForumPosting",
	"WebPage", NULL
};

static bool
meta_type_is_article(json_object *t)
{
	size_t i, k;

	if (json_object_is_type(t, json_type_array)) {
		for (k = 0; k < json_object_array_length(t) && k < 16; k++)
			if (meta_type_is_article(json_object_array_get_idx(t,
			    k)))
				return true;
		return false;
	}
	if (!json_object_is_type(t, json_type_string))
		return false;
	for (i = 0; article_types[i] != NULL; i++)
		if (strcmp(json_object_get_string(t), article_types[i]) == 0)
			return true;
	return false;
}

static const char *
meta_jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* A person or organisation: a string, {"name": …}, or a list of them,
 * joined with ", ". */
static void
meta_jnames(json_object *v, struct buf *out, size_t depth)
{
	size_t k;
	const char *s = NULL;

	if (v == NULL || depth > 2)
		return;
	if (json_object_is_type(v, json_type_array)) {
		for (k = 0; k < json_object_array_length(v) && k < 16; k++)
			meta_jnames(json_object_array_get_idx(v, k), out,
			    depth + 1);
		return;
	}
	if (json_object_is_type(v, json_type_string))
		s = json_object_get_string(v);
	else if (json_object_is_type(v, json_type_object))
		s = meta_jstr(v, "name");
	/* An author given as a web address says nothing to a reader. */
	if (s == NULL || *s == '\0' || strncmp(s, "http", 4) == 0)
		return;
	if (out->len > 0)
		buf_puts(out, ", ");
	buf_puts(out, s);
}

static void
meta_jarticle(struct found *f, json_object *o)
{
	json_object *v;
	struct buf b = BUF_INIT;
	const char *h = meta_jstr(o, "headline"), *name = meta_jstr(o, "name");

	/* Both: the one the page's title holds (Readability's rule). */
	if (h != NULL && name != NULL && f->title != NULL &&
	    strstr(f->title, h) == NULL && strstr(f->title, name) != NULL)
		h = name;
	meta_found_set(f, F_HEADLINE, R_JSONLD, h ? h : name);
	meta_found_set(f, F_WHEN, R_JSONLD, meta_jstr(o, "datePublished"));
	meta_found_set(f, F_WHEN, R_JSONLD, meta_jstr(o, "dateCreated"));
	if (json_object_object_get_ex(o, "author", &v))
		meta_jnames(v, &b, 0);
	if (b.len > 0)
		meta_found_set(f, F_BYLINE, R_JSONLD, b.data);
	buf_truncate(&b, 0);
	if (json_object_object_get_ex(o, "publisher", &v))
		meta_jnames(v, &b, 1);
	if (b.len > 0)
		meta_found_set(f, F_SOURCE, R_JSONLD, b.data);
	buf_free(&b);
	meta_found_set(f, F_URL, R_JSONLD, meta_jstr(o, "url"));
}

/* The objects of a script: itself, a list, or an @graph. */
static void
meta_jscan(struct found *f, json_object *o, size_t depth)
{
	json_object *v;
	size_t k;

	if (o == NULL || depth > 3)
		return;
	if (json_object_is_type(o, json_type_array)) {
		for (k = 0; k < json_object_array_length(o) && k < 64; k++)
			meta_jscan(f, json_object_array_get_idx(o, k),
			    depth + 1);
		return;
	}
	if (!json_object_is_type(o, json_type_object))
		return;
	if (json_object_object_get_ex(o, "@type", &v)
	    && meta_type_is_article(v))
		meta_jarticle(f, o);
	if (json_object_object_get_ex(o, "@graph", &v))
		meta_jscan(f, v, depth + 1);
}

static void
meta_jsonld(struct found *f, const xmlNode *script)
{
	xmlChar *s = xmlNodeGetContent(script);
	json_tokener *tok;
	json_object *o;
	size_t len = s ? strlen((const char *)s) : 0;

	if (len == 0 || len > JSON_MAX) {
		xmlFree(s);
		return;
	}
	tok = json_tokener_new_ex(JSON_DEPTH);
	if (tok != NULL) {
		o = json_tokener_parse_ex(tok, (const char *)s, (int)len);
		if (o != NULL)
			meta_jscan(f, o, 0);
		json_object_put(o);
		json_tokener_free(tok);
	}
	xmlFree(s);
}

/* ---- meta and link ------------------------------------------------ */

struct meta_rule {
	const char	*key;	/* property or name, small letters */
	enum field	 field;
	enum rank	 rank;
};

static const struct meta_rule meta_rules[] = {
	{ "og:title",			F_HEADLINE,	R_OG },
	{ "og:site_name",		F_SOURCE,	R_OG },
	{ "og:url",			F_URL,		R_OG },
	{ "article:published_time",	F_WHEN,		R_OG },
	{ "article:author",		F_BYLINE,	R_OG },
	{ "dc.title",			F_HEADLINE,	R_META },
	{ "dcterm.title",		F_HEADLINE,	R_META },
	{ "twitter:title",		F_HEADLINE,	R_META },
	{ "title",			F_HEADLINE,	R_META },
	{ "dc.creator",			F_BYLINE,	R_META },
	{ "dcterm.creator",		F_BYLINE,	R_META },
	{ "author",			F_BYLINE,	R_META },
	{ "parsely-author",		F_BYLINE,	R_META },
	{ "byl",			F_BYLINE,	R_META },
	{ "dc.date",			F_WHEN,		R_META },
	{ "date",			F_WHEN,		R_META },
	{ "pubdate",			F_WHEN,		R_META },
	{ "parsely-pub-date",		F_WHEN,		R_META },
	{ "publish-date",		F_WHEN,		R_META },
	{ "sailthru.date",		F_WHEN,		R_META },
	{ "dc.publisher",		F_SOURCE,	R_META },
	{ "application-name",		F_SOURCE,	R_TITLE },
};

/* One property of a meta element: "og:title", or several separated by
 * spaces ("dc:title og:title"). */
static void
meta_key(struct found *f, const char *key, size_t n, const char *content)
{
	char k[64];
	size_t i, j;

	if (n == 0 || n >= sizeof k)
		return;
	for (i = 0; i < n; i++)
		k[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 :
		    key[i]);
	k[n] = '\0';
	/* dc:title and dc.title are the same property. */
	if (strncmp(k, "dc", 2) == 0)
		for (i = 0; i < n; i++)
			if (k[i] == ':')
				k[i] = '.';
	for (j = 0; j < sizeof meta_rules / sizeof meta_rules[0]; j++)
		if (strcmp(k, meta_rules[j].key) == 0)
			meta_found_set(f, meta_rules[j].field,
			    (int)meta_rules[j].rank + (int)j, content);
}

static void
meta_element(struct found *f, const xmlNode *n)
{
	char *content = html_attr(n, "content");
	const char *attrs[] = { "property", "name", "itemprop" };
	size_t i;

	if (content == NULL)
		return;
	for (i = 0; i < 3; i++) {
		char *v = html_attr(n, attrs[i]);
		const char *p = v;

		while (p != NULL && *p != '\0') {
			size_t len = strcspn(p, " \t\n\r");

			meta_key(f, p, len, content);
			p += len;
			p += strspn(p, " \t\n\r");
		}
		free(v);
	}
	free(content);
}

static void
meta_link(struct found *f, const xmlNode *n)
{
	char *rel = html_attr(n, "rel");

	if (rel != NULL && strcasecmp(rel, "canonical") == 0 &&
	    f->canonical == NULL)
		f->canonical = html_attr(n, "href");
	free(rel);
}

static void
meta_node(struct found *f, xmlNode *n)
{
	char *type;

	if (html_is(n, "meta"))
		meta_element(f, n);
	else if (html_is(n, "link"))
		meta_link(f, n);
	else if (html_is(n, "h1") && f->h1 == NULL)
		f->h1 = html_text(n);
	else if (html_is(n, "script")) {
		type = html_attr(n, "type");
		if (type != NULL && strcasecmp(type, "application/ld+json") == 0)
			meta_jsonld(f, n);
		free(type);
	}
}

/* ---- the title ---------------------------------------------------- */

/* "Headline | Site", "Headline - Site": the headline, when what is
 * left has words enough to be one (as Readability decides). */
static char *
meta_title_clean(const char *t)
{
	static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ",
	    " \xE2\x80\x94 ", " \\ ", " / ", " > ", " \xC2\xBB ", " :: ",
	    NULL };
	const char *cut = NULL, *p;
	size_t i, n = strlen(t);

	for (i = 0; seps[i] != NULL; i++) {
		const char *last = NULL;

		for (p = t; (p = strstr(p, seps[i])) != NULL; p++)
			last = p;
		if (last != NULL && (cut == NULL || last > cut))
			cut = last;
	}
	if (cut != NULL && html_words(t, (size_t)(cut - t)) >= 3)
		return xstrndup(t, (size_t)(cut - t));
	if (cut != NULL) {
		p = strstr(t, " | ");
		if (p == NULL)
			p = strstr(t, " - ");
		if (p != NULL && html_words(p, n - (size_t)(p - t)) >= 4)
			return xstrdup(p + 3);
	}
	return xstrdup(t);
}

/* ---- dates -------------------------------------------------------- */

static const char *const month_names[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

bool
meta_date(const char *s, char **when, char **words)
{
	size_t other;
	char *w = date_parse(s, strlen(s), &other);
	int y = 0, m = 0, d = 0, hh = -1, mm = 0;

	*when = NULL;
	*words = NULL;
	if (w == NULL)
		return false;
	if (sscanf(w, "%4d-%2d-%2dT%2d:%2d", &y, &m, &d, &hh, &mm) < 3) {
		*words = xstrdup(w);
	} else {
		struct buf b = BUF_INIT;

		buf_printf(&b, "%d %s %d", d, month_names[(m - 1) % 12], y);
		if (hh >= 0)
			buf_printf(&b, ", %02d:%02d", hh, mm);
		*words = buf_detach(&b);
	}
	*when = w;
	return true;
}

/* ---- the whole head ----------------------------------------------- */

static char *
meta_take(char **p)
{
	char *s = *p;

	*p = NULL;
	return s;
}

void
meta_read(struct hpage *pg)
{
	struct found f;
	xmlNode *root = xmlDocGetRootElement(pg->xml), *n;
	size_t k;

	memset(&f, 0, sizeof f);
	for (k = 0; k < 5; k++)
		f.r[k] = R_NONE;
	for (n = root; n != NULL && f.title == NULL; n = html_next(n, root,
	    false))
		if (html_is(n, "title"))
			f.title = html_text(n);
	for (n = root; n != NULL; n = html_next(n, root, false))
		if (n->type == XML_ELEMENT_NODE)
			meta_node(&f, n);
	if (f.title != NULL) {
		pg->meta.title = xstrdup(f.title);
		if (f.r[F_HEADLINE] == R_NONE) {
			char *t = meta_title_clean(f.title);

			meta_found_set(&f, F_HEADLINE, R_TITLE, t);
			free(t);
		}
	}
	meta_found_set(&f, F_HEADLINE, R_TITLE, f.h1);
	if (f.canonical != NULL && *f.canonical != '\0') {
		free(f.v[F_URL]);
		f.v[F_URL] = html_text_str(f.canonical);
	}
	pg->meta.headline = meta_take(&f.v[F_HEADLINE]);
	pg->meta.when = meta_take(&f.v[F_WHEN]);
	pg->meta.byline = meta_take(&f.v[F_BYLINE]);
	pg->meta.source = meta_take(&f.v[F_SOURCE]);
	pg->meta.url = meta_take(&f.v[F_URL]);
	for (k = 0; k < 5; k++)
		free(f.v[k]);
	free(f.title);
	free(f.h1);
	free(f.canonical);
	/* An author given as an address (article:author often is one). */
	if (pg->meta.byline != NULL && strncmp(pg->meta.byline, "http", 4) ==
	    0) {
		free(pg->meta.byline);
		pg->meta.byline = NULL;
	}
}

void
meta_free(struct hmeta *m)
{
	free(m->headline);
	free(m->when);
	free(m->byline);
	free(m->source);
	free(m->url);
	free(m->title);
	memset(m, 0, sizeof *m);
}
