/* export_w3c.c - W3C Web Annotation JSON-LD (export.h), written with
 * json-c: an AnnotationCollection whose first page holds one annotation
 * per item, each with a TextQuoteSelector (exact, prefix, suffix) and a
 * TextPositionSelector in code points.  The bodies are TextualBody:
 * one "classifying" the item's kind, one "tagging" per attribute as
 * KEY=VALUE (actor=lewis, speaker=lewis, by=…, about=…, disputes=…,
 * when=…, actors=…, href=…). */
#include "config.h"

#include "cli/export.h"

#include <json-c/json.h>
#include <string.h>

#include "base/xmalloc.h"
#include "model/edit.h"

/* Code points of context on either side of an exact quote. */
#define W3C_CONTEXT 32

static json_object *
export_w3c_jstr(const char *s, size_t n)
{
	return json_object_new_string_len(s, (int)n);
}

static json_object *
export_w3c_body(const char *purpose, const char *value)
{
	json_object *b = json_object_new_object();

	json_object_object_add(b, "type", json_object_new_string("TextualBody"));
	json_object_object_add(b, "purpose", json_object_new_string(purpose));
	json_object_object_add(b, "value", json_object_new_string(value));
	return b;
}

static void
export_w3c_tag(json_object *bodies, const char *key, const char *value)
{
	struct buf b = BUF_INIT;

	if (value == NULL)
		return;
	buf_printf(&b, "%s=%s", key, value);
	json_object_array_add(bodies, export_w3c_body("tagging", b.data));
	buf_free(&b);
}

static json_object *
export_w3c_bodies_of(const struct story *st, size_t i)
{
	json_object *bodies = json_object_new_array();
	struct edit e;

	json_object_array_add(bodies, export_w3c_body("classifying",
	    st->items[i].kind == ITEM_RELATED ? "related" :
	    story_item_kind_name(st->items[i].kind)));
	edit_item_of(st, i, &e);
	export_w3c_tag(bodies, "actor", e.attrs.actor);
	export_w3c_tag(bodies, "speaker", e.attrs.speaker);
	export_w3c_tag(bodies, "by", e.attrs.by);
	export_w3c_tag(bodies, "about", e.attrs.about);
	export_w3c_tag(bodies, "disputes", e.attrs.disputes);
	export_w3c_tag(bodies, "when", e.attrs.when);
	export_w3c_tag(bodies, "actors", e.attrs.actors);
	export_w3c_tag(bodies, "href", e.attrs.href);
	edit_free(&e);
	return bodies;
}

/* Back or forth from byte `at` by up to W3C_CONTEXT code points. */
static size_t
export_w3c_context(const struct buf *t, size_t at, bool back)
{
	size_t n = 0;

	while (n < W3C_CONTEXT && (back ? at > 0 : at < t->len)) {
		if (back)
			while (at > 0 && ((unsigned char)t->data[--at] & 0xC0) ==
			    0x80)
				;
		else
			while (++at < t->len && ((unsigned char)t->data[at] &
			    0xC0) == 0x80)
				;
		n++;
	}
	return at;
}

static json_object *
export_w3c_target_of(const struct export_doc *d, size_t i, const char *source)
{
	json_object *t = json_object_new_object();
	json_object *sel = json_object_new_array();
	json_object *q = json_object_new_object();
	json_object *p = json_object_new_object();
	size_t s = d->byte_start[i], e = d->byte_end[i], a, b;

	a = export_w3c_context(&d->text, s, true);
	b = export_w3c_context(&d->text, e, false);
	json_object_object_add(q, "type",
	    json_object_new_string("TextQuoteSelector"));
	json_object_object_add(q, "exact", export_w3c_jstr(d->text.data + s,
	    e - s));
	json_object_object_add(q, "prefix", export_w3c_jstr(d->text.data + a,
	    s - a));
	json_object_object_add(q, "suffix", export_w3c_jstr(d->text.data + e,
	    b - e));
	json_object_object_add(p, "type",
	    json_object_new_string("TextPositionSelector"));
	json_object_object_add(p, "start",
	    json_object_new_int64((int64_t)d->cp_start[i]));
	json_object_object_add(p, "end",
	    json_object_new_int64((int64_t)d->cp_end[i]));
	json_object_array_add(sel, q);
	json_object_array_add(sel, p);
	json_object_object_add(t, "source", json_object_new_string(source));
	json_object_object_add(t, "selector", sel);
	return t;
}

static json_object *
export_w3c_annotation(const struct story *st, const struct export_doc *d,
    size_t i,
    const char *source)
{
	json_object *a = json_object_new_object();
	struct buf id = BUF_INIT;

	buf_printf(&id, "#item-%zu", i + 1);
	json_object_object_add(a, "id", json_object_new_string(id.data));
	json_object_object_add(a, "type", json_object_new_string("Annotation"));
	json_object_object_add(a, "motivation", json_object_new_string(
	    st->items[i].kind == ITEM_RELATED ? "linking" : "identifying"));
	json_object_object_add(a, "body", export_w3c_bodies_of(st, i));
	json_object_object_add(a, "target", export_w3c_target_of(d, i, source));
	buf_free(&id);
	return a;
}

void
export_w3c(const struct story *st, const struct export_doc *d,
    const char *source, struct buf *out)
{
	json_object *c = json_object_new_object();
	json_object *page = json_object_new_object();
	json_object *items = json_object_new_array();
	size_t i;

	for (i = 0; i < st->nitems; i++)
		json_object_array_add(items, export_w3c_annotation(st, d, i,
		    source));
	json_object_object_add(c, "@context",
	    json_object_new_string("http://www.w3.org/ns/anno.jsonld"));
	json_object_object_add(c, "type",
	    json_object_new_string("AnnotationCollection"));
	json_object_object_add(c, "label", json_object_new_string(st->headline));
	json_object_object_add(c, "total",
	    json_object_new_int64((int64_t)st->nitems));
	json_object_object_add(page, "type",
	    json_object_new_string("AnnotationPage"));
	json_object_object_add(page, "items", items);
	json_object_object_add(c, "first", page);
	buf_puts(out, json_object_to_json_string_ext(c,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	buf_putc(out, '\n');
	json_object_put(c);
}
