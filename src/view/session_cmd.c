/* session_cmd.c - the commands of a session, as typed after ':'
 * (session.h; newslens(1), EDITING). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xmalloc.h"
#include "view/session_int.h"

/* ---- words ---------------------------------------------------------- */

static void
session_cmd_args_push(struct session_args *a, struct buf *w, bool quoted,
    size_t *cap)
{
	if (a->n + 1 >= *cap) {
		*cap = *cap ? *cap * 2 : 8;
		a->v = xreallocarray(a->v, *cap, sizeof *a->v);
		a->quoted = xreallocarray(a->quoted, *cap, sizeof *a->quoted);
	}
	a->quoted[a->n] = quoted;
	a->v[a->n++] = buf_detach(w);
	a->v[a->n] = NULL;
}

bool
session_args_parse(const char *line, struct session_args *a, char **why)
{
	struct buf w = BUF_INIT;
	size_t cap = 0;
	bool in = false, quoted = false, word = false;
	const char *p;

	memset(a, 0, sizeof *a);
	for (p = line; ; p++) {
		if (*p == '\0' || (!in && (*p == ' ' || *p == '\t'))) {
			if (word)
				session_cmd_args_push(a, &w, quoted, &cap);
			word = quoted = false;
			if (*p == '\0')
				break;
		} else if (*p == '"') {
			in = !in;
			word = quoted = true;
		} else if (in && *p == '\\' && (p[1] == '"' || p[1] == '\\')) {
			buf_putc(&w, *++p);
		} else {
			buf_putc(&w, *p);
			word = true;
		}
		if (*p == '\0')
			break;
	}
	buf_free(&w);
	if (in || a->n == 0) {
		session_args_free(a);
		*why = xstrdup(in ? "a quotation mark is not closed" :
		    "an empty command");
		return false;
	}
	return true;
}

void
session_args_free(struct session_args *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	free(a->quoted);
	memset(a, 0, sizeof *a);
}

char *
session_args_join(const struct session_args *a, size_t from)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = from; i < a->n; i++) {
		if (i > from)
			buf_putc(&b, ' ');
		buf_puts(&b, a->v[i]);
	}
	return buf_detach(&b);
}

/* Whether word is KEY=…, and then its value (NULL when empty). */
static bool
session_cmd_opt_value(const char *word, const char *key, const char **value)
{
	size_t n = strlen(key);

	if (strncmp(word, key, n) != 0 || word[n] != '=')
		return false;
	*value = word[n + 1] != '\0' ? word + n + 1 : NULL;
	return true;
}

/* A list of ids as a file writes it: commas become spaces. */
static char *
session_cmd_id_list(const char *v)
{
	char *s, *p;

	if (v == NULL)
		return NULL;
	s = xstrdup(v);
	for (p = s; *p != '\0'; p++)
		if (*p == ',')
			*p = ' ';
	return s;
}

static bool
session_cmd_all_digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

/* ---- places --------------------------------------------------------- */

static size_t
session_cmd_block_named(const struct story *st, const char *name)
{
	size_t i;
	unsigned long n;

	for (i = 0; i < st->nblocks; i++)
		if (st->blocks[i].id != NULL &&
		    strcmp(story_raw(st, st->blocks[i].id), name) == 0)
			return i;
	if (!session_cmd_all_digits(name) || strlen(name) > 18)
		return NONE;
	n = strtoul(name, NULL, 10);
	return n >= 1 && n <= st->nblocks ? (size_t)n - 1 : NONE;
}

/* BLOCK ["TEXT" [N]] [KIND] from word `from` on: the Nth occurrence of
 * TEXT in BLOCK (the whole block without TEXT).  KIND only where
 * `kind` is not NULL; it stays ITEM_NKINDS when not given. */
static bool
session_cmd_place_parse(const struct session *s, const struct session_args *a,
    size_t from, struct session_place *p, enum item_kind *kind,
    struct buf *msg)
{
	const struct block *b;
	size_t last = a->n, nth = 1, k, len;
	const char *t, *q;
	char *text;

	if (from >= a->n) {
		buf_puts(msg, "which block? (its id, or its number)");
		return false;
	}
	if ((p->block = session_cmd_block_named(s->st, a->v[from])) == NONE) {
		buf_printf(msg, "there is no block '%s'", a->v[from]);
		return false;
	}
	b = &s->st->blocks[p->block];
	if (kind != NULL && last > from + 2 && !a->quoted[last - 1])
		for (k = 0; k < ITEM_NKINDS; k++)
			if (strcmp(a->v[last - 1], k == ITEM_RELATED ? "related" :
			    story_item_kind_name((enum item_kind)k)) == 0) {
				*kind = (enum item_kind)k;
				last--;
			}
	if (last > from + 2 && !a->quoted[last - 1] &&
	    session_cmd_all_digits(a->v[last - 1])) {
		nth = strtoul(a->v[last - 1], NULL, 10);
		last--;
	}
	if (last == from + 1) {
		p->start = 0;
		p->end = b->len;
		return b->len > 0 || (buf_puts(msg, "the block is empty"), false);
	}
	{
		struct session_args sub = *a;

		sub.n = last;
		text = session_args_join(&sub, from + 1);
	}
	len = strlen(text);
	for (t = b->text, q = NULL, k = 0; len > 0 && k < nth &&
	    (q = memmem(t, (size_t)(b->text + b->len - t), text, len)) != NULL;
	    t = q + 1)
		k++;
	if (len == 0 || k < nth || q == NULL) {
		buf_printf(msg, len == 0 ? "no text to look for" : k == 0 ?
		    "block %s has no \"%s\"" : "block %s has \"%s\" only %zu "
		    "times", a->v[from], text, k);
		free(text);
		return false;
	}
	p->start = (size_t)(q - b->text);
	p->end = p->start + len;
	free(text);
	return true;
}

static enum session_result
session_cmd_select(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct session_place p;
	size_t f;

	if (a->n == 1) {
		session_select(s, NONE, 0, 0);
		buf_puts(msg, "no selection");
		return SESSION_OK;
	}
	if (!session_cmd_place_parse(s, a, 1, &p, NULL, msg))
		return SESSION_REFUSED;
	session_select(s, p.block, p.start, p.end);
	/* The item that is exactly the selection is the one to change. */
	if ((f = session_find_item(s, p.block, p.start, p.end, ITEM_NKINDS))
	    != NONE)
		session_focus(s, f);
	buf_printf(msg, "selected %zu bytes of block %zu", p.end - p.start,
	    p.block + 1);
	return SESSION_OK;
}

/* A claim's, quote's or "Read more" item's id: its item, or NONE. */
static size_t
session_cmd_item_by_id(const struct story *st, const char *id)
{
	size_t i;

	for (i = 0; i < st->nclaims; i++)
		if (strcmp(story_raw(st, st->claims[i].id), id) == 0)
			return st->claims[i].item;
	for (i = 0; i < st->nquotes; i++)
		if (strcmp(story_raw(st, st->quotes[i].id), id) == 0)
			return st->quotes[i].item;
	for (i = 0; i < st->nrelated; i++)
		if (strcmp(story_raw(st, st->related[i].id), id) == 0)
			return st->related[i].item;
	return NONE;
}

static enum session_result
session_cmd_focus(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct session_place p;
	enum item_kind kind = ITEM_NKINDS;
	size_t i;

	if (a->n == 2 && strcmp(a->v[1], "none") == 0) {
		session_focus(s, NONE);
		buf_puts(msg, "nothing in focus");
		return SESSION_OK;
	}
	if (a->n == 2 && (i = session_cmd_item_by_id(s->st, a->v[1])) != NONE) {
		session_focus(s, i);
		buf_printf(msg, "focused %s", a->v[1]);
		return SESSION_OK;
	}
	if (!session_cmd_place_parse(s, a, 1, &p, &kind, msg))
		return SESSION_REFUSED;
	if ((i = session_find_item(s, p.block, p.start, p.end, kind)) == NONE) {
		buf_printf(msg, "no %s is exactly that text", kind == ITEM_NKINDS ?
		    "item" : story_item_kind_name(kind));
		return SESSION_REFUSED;
	}
	session_focus(s, i);
	buf_printf(msg, "focused a %s",
	    story_item_kind_name(s->st->items[i].kind));
	return SESSION_OK;
}

/* ---- actors by name ------------------------------------------------- */

size_t
session_actor(const struct session *s, const char *who, bool *unknown,
    struct buf *msg)
{
	const struct story *st = s->st;
	size_t i, k, found = NONE, n = 0;

	if (unknown != NULL)
		*unknown = false;
	if (*who == '\0') {
		buf_puts(msg, "which actor? (an id or a name)");
		return NONE;
	}
	if ((i = story_find_actor(st, who)) != NONE)
		return i;
	for (i = 0; i < st->nactors; i++) {
		bool match = strcasecmp(st->actors[i].name, who) == 0;

		for (k = 0; !match && k < st->actors[i].naliases; k++)
			match = strcasecmp(st->actors[i].aliases[k], who) == 0;
		if (match && n++ == 0)
			found = i;
	}
	if (n == 1)
		return found;
	if (n > 1)
		buf_printf(msg, "'%s' names %zu actors: give an id", who, n);
	else if (unknown != NULL)
		*unknown = true;
	else
		buf_printf(msg, "no actor '%s'", who);
	return NONE;
}

static const char *
session_cmd_actor_id(const struct session *s, size_t a)
{
	return story_raw(s->st, s->st->actors[a].id);
}

/* An id for a new actor named `name`: its letters and digits, lower
 * case, words joined by '-', not taken. */
static char *
session_cmd_suggest_id(const struct session *s, const char *name)
{
	struct buf b = BUF_INIT;
	const char *p;
	size_t base, n = 1;

	for (p = name; *p != '\0'; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_putc(&b, c);
		else if (b.len > 0 && b.data[b.len - 1] != '-')
			buf_putc(&b, '-');
	}
	while (b.len > 0 && b.data[b.len - 1] == '-')
		buf_truncate(&b, b.len - 1);
	if (b.len == 0 || !(b.data[0] >= 'a' && b.data[0] <= 'z')) {
		struct buf t = BUF_INIT;

		buf_printf(&t, "actor%s%s", b.len ? "-" : "", b.data ? b.data : "");
		buf_free(&b);
		b = t;
	}
	base = b.len;
	while (story_find_actor(s->st, b.data) != NONE) {
		buf_truncate(&b, base);
		buf_printf(&b, "-%zu", ++n);
	}
	return buf_detach(&b);
}

static enum session_result
session_cmd_ask_actor(struct session *s, const char *who, enum item_kind kind,
    const char *id, struct buf *msg)
{
	char *sid = session_cmd_suggest_id(s, who);

	s->ask = ASK_ACTOR;
	s->ask_kind = kind;
	free(s->ask_id);
	s->ask_id = id ? xstrdup(id) : NULL;
	buf_printf(msg, "no actor '%s': to create it, answer \"actor add ID "
	    "KIND NAME\" (for example \"actor add %s person %s\"; KIND one of "
	    "country, government, agency, company, person, group, media, "
	    "other), or \"no\"", who, sid, who);
	free(sid);
	return SESSION_ASK;
}

/* ---- new items ------------------------------------------------------ */

/* The selection as an item to add, or false. */
static bool
session_cmd_item_new(const struct session *s, enum item_kind kind,
    struct edit *e,
    struct buf *msg)
{
	memset(e, 0, sizeof *e);
	if (s->sel.block == NONE) {
		buf_puts(msg, "nothing is selected: select the text first");
		return false;
	}
	e->op = EDIT_ITEM_ADD;
	e->kind = kind;
	e->block = s->sel.block;
	e->start = s->sel.start;
	e->end = s->sel.end;
	e->index = NONE;
	return true;
}

/* An id of the form PREFIX N that nothing uses. */
static char *
session_cmd_new_id(const struct session *s, const char *prefix, size_t n)
{
	struct buf b = BUF_INIT;

	do {
		buf_truncate(&b, 0);
		buf_printf(&b, "%s%zu", prefix, ++n);
	} while (session_cmd_item_by_id(s->st, b.data) != NONE ||
	    story_find_actor(s->st, b.data) != NONE ||
	    session_cmd_block_named(s->st, b.data) != NONE);
	return buf_detach(&b);
}

/* The new item is in focus: the first item the last step's undo would
 * remove. */
static void
session_cmd_focus_new(struct session *s)
{
	const struct session_step *step = &s->undo.v[s->undo.n - 1];
	size_t i;

	for (i = 0; i < step->ed.n; i++)
		if (step->ed.v[i].op == EDIT_ITEM_REMOVE) {
			session_focus(s, session_find_item(s, step->ed.v[i].block,
			    step->ed.v[i].start, step->ed.v[i].end,
			    step->ed.v[i].kind));
			return;
		}
}

static enum session_result
session_cmd_commit_focus(struct session *s, struct edit *e, struct buf *msg)
{
	enum session_result r = session_commit1(s, e, msg);

	edit_free(e);
	if (r == SESSION_OK)
		session_cmd_focus_new(s);
	return r;
}

static enum session_result
session_cmd_mention(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	char *who = session_args_join(a, 1);
	struct edit e;
	bool unknown;
	size_t x;
	enum session_result r;

	if (!session_cmd_item_new(s, ITEM_MENTION, &e, msg)) {
		free(who);
		return SESSION_REFUSED;
	}
	x = session_actor(s, who, &unknown, msg);
	if (x == NONE) {
		r = unknown ? session_cmd_ask_actor(s, who, ITEM_MENTION, NULL,
		    msg) :
		    SESSION_REFUSED;
		free(who);
		return r;
	}
	free(who);
	e.attrs.actor = xstrdup(session_cmd_actor_id(s, x));
	return session_cmd_commit_focus(s, &e, msg);
}

/* The length of the quotation mark that ends (at_end) or begins s[0..n),
 * or 0. */
static size_t
session_cmd_quote_mark(const char *s, size_t n, bool at_end)
{
	static const char *const marks[] = { "\"", "\xe2\x80\x9c",
	    "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9e",
	    "\xe2\x80\x9a", "\xc2\xab", "\xc2\xbb", "\xe2\x80\xb9",
	    "\xe2\x80\xba", "\xe3\x80\x8c", "\xe3\x80\x8d", "\xe3\x80\x8e",
	    "\xe3\x80\x8f" };
	size_t i, m;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		m = strlen(marks[i]);
		if (m <= n && memcmp(at_end ? s + n - m : s, marks[i], m) == 0)
			return m;
	}
	return 0;
}

/* The quotation marks stay outside a quote (newslens(5)): the span
 * loses them, and the spaces beside them; a straight apostrophe only
 * when it stands at both ends. */
static void
session_cmd_trim_marks(const char *text, size_t *start, size_t *end)
{
	size_t m;
	bool more = true;

	while (more && *start < *end) {
		more = false;
		while (*start < *end && text[*start] == ' ')
			(*start)++, more = true;
		while (*end > *start && text[*end - 1] == ' ')
			(*end)--, more = true;
		if ((m = session_cmd_quote_mark(text + *start, *end - *start,
		    false)) > 0)
			*start += m, more = true;
		if ((m = session_cmd_quote_mark(text + *start, *end - *start,
		    true)) > 0)
			*end -= m, more = true;
		if (*end - *start >= 2 && text[*start] == '\'' &&
		    text[*end - 1] == '\'')
			(*start)++, (*end)--, more = true;
	}
}

static enum session_result
session_cmd_quote_add(struct session *s, size_t speaker, const char *id,
    struct buf *msg)
{
	struct edit e;

	if (!session_cmd_item_new(s, ITEM_QUOTE, &e, msg))
		return SESSION_REFUSED;
	session_cmd_trim_marks(s->st->blocks[e.block].text, &e.start, &e.end);
	e.attrs.speaker = xstrdup(session_cmd_actor_id(s, speaker));
	e.attrs.id = id ? xstrdup(id) : session_cmd_new_id(s, "q",
	    s->st->nquotes);
	return session_cmd_commit_focus(s, &e, msg);
}

static enum session_result
session_cmd_quote(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct session_args sub = *a;
	const char *id = NULL;
	char *who;
	bool unknown;
	size_t x;
	enum session_result r;

	if (sub.n > 2 && session_cmd_opt_value(a->v[a->n - 1], "id", &id))
		sub.n--;
	if (s->sel.block == NONE) {
		buf_puts(msg, "nothing is selected: select the text first");
		return SESSION_REFUSED;
	}
	who = session_args_join(&sub, 1);
	x = session_actor(s, who, &unknown, msg);
	if (x == NONE)
		r = unknown ? session_cmd_ask_actor(s, who, ITEM_QUOTE, id,
		    msg) :
		    SESSION_REFUSED;
	else
		r = session_cmd_quote_add(s, x, id, msg);
	free(who);
	return r;
}

/* Sets field `key` of attrs to value (NULL: absent), if kind has it. */
static bool
session_cmd_attr_set(const struct session *s, enum item_kind kind,
    struct edit_attrs *at, const char *key, const char *value,
    struct buf *msg)
{
	static const struct { const char *key; enum item_kind kind;
	    size_t off; bool list, actor; } keys[] = {
		{ "actor", ITEM_MENTION, offsetof(struct edit_attrs, actor),
		    false, true },
		{ "id", ITEM_QUOTE, offsetof(struct edit_attrs, id), 0, 0 },
		{ "speaker", ITEM_QUOTE, offsetof(struct edit_attrs, speaker),
		    false, true },
		{ "id", ITEM_CLAIM, offsetof(struct edit_attrs, id), 0, 0 },
		{ "by", ITEM_CLAIM, offsetof(struct edit_attrs, by), 1, 0 },
		{ "about", ITEM_CLAIM, offsetof(struct edit_attrs, about), 1, 0 },
		{ "disputes", ITEM_CLAIM, offsetof(struct edit_attrs, disputes),
		    1, 0 },
		{ "when", ITEM_CLAIM, offsetof(struct edit_attrs, when), 0, 0 },
		{ "actors", ITEM_RELATED, offsetof(struct edit_attrs, actors),
		    1, 0 },
		{ "href", ITEM_RELATED, offsetof(struct edit_attrs, href), 0, 0 },
	};
	size_t i, x;
	char **field;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].kind == kind && strcmp(keys[i].key, key) == 0)
			break;
	if (i == sizeof keys / sizeof keys[0]) {
		buf_printf(msg, "a %s has no attribute '%s'",
		    story_item_kind_name(kind), key);
		return false;
	}
	field = (char **)((char *)at + keys[i].off);
	free(*field);
	*field = keys[i].list ? session_cmd_id_list(value) : value
	    ? xstrdup(value) : NULL;
	if (keys[i].actor && value != NULL) {
		if ((x = session_actor(s, value, NULL, msg)) == NONE)
			return false;
		free(*field);
		*field = xstrdup(session_cmd_actor_id(s, x));
	}
	return true;
}

static enum session_result
session_cmd_claim(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct edit e;
	const char *v;
	size_t i;

	if (!session_cmd_item_new(s, ITEM_CLAIM, &e, msg))
		return SESSION_REFUSED;
	for (i = 1; i < a->n; i++) {
		const char *eq = strchr(a->v[i], '=');
		char *key = eq ? xstrndup(a->v[i], (size_t)(eq - a->v[i])) :
		    NULL;
		bool ok = key != NULL && session_cmd_opt_value(a->v[i], key,
		    &v) &&
		    session_cmd_attr_set(s, ITEM_CLAIM, &e.attrs, key, v, msg);

		if (key == NULL)
			buf_printf(msg, "'%s' is not KEY=VALUE (by=, about=, "
			    "disputes=, when=, id=)", a->v[i]);
		free(key);
		if (!ok) {
			edit_free(&e);
			return SESSION_REFUSED;
		}
	}
	if (e.attrs.id == NULL)
		e.attrs.id = session_cmd_new_id(s, "c", s->st->nclaims);
	return session_cmd_commit_focus(s, &e, msg);
}

/* ---- the focused item ----------------------------------------------- */

static size_t
session_cmd_focused(const struct session *s, struct buf *msg)
{
	size_t f = session_focused(s);

	if (f == NONE)
		buf_puts(msg, "no item is in focus: focus one first");
	return f;
}

static enum session_result
session_cmd_unmark(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	size_t f = session_cmd_focused(s, msg);
	struct edit e;
	enum session_result r;

	(void)a;
	if (f == NONE)
		return SESSION_REFUSED;
	edit_item_of(s->st, f, &e);
	e.op = EDIT_ITEM_REMOVE;
	r = session_commit1(s, &e, msg);
	edit_free(&e);
	return r;
}

/* set KEY=VALUE… on the focused item; `related` only on a "Read more"
 * item. */
static enum session_result
session_cmd_set_attrs(struct session *s, const struct session_args *a,
    bool related,
    struct buf *msg)
{
	size_t f = session_cmd_focused(s, msg), i;
	struct edit e;
	const char *v;
	enum session_result r;

	if (f == NONE)
		return SESSION_REFUSED;
	if (related && s->st->items[f].kind != ITEM_RELATED) {
		buf_puts(msg, "the item in focus is not a \"Read more\" item");
		return SESSION_REFUSED;
	}
	if (a->n < 2) {
		buf_puts(msg, "set what? KEY=VALUE…");
		return SESSION_REFUSED;
	}
	edit_item_of(s->st, f, &e);
	for (i = 1; i < a->n; i++) {
		const char *eq = strchr(a->v[i], '=');
		char *key = eq ? xstrndup(a->v[i], (size_t)(eq - a->v[i])) :
		    NULL;
		bool ok = key != NULL && session_cmd_opt_value(a->v[i], key,
		    &v) &&
		    session_cmd_attr_set(s, e.kind, &e.attrs, key, v, msg);

		if (key == NULL)
			buf_printf(msg, "'%s' is not KEY=VALUE", a->v[i]);
		free(key);
		if (!ok) {
			edit_free(&e);
			return SESSION_REFUSED;
		}
	}
	r = session_commit1(s, &e, msg);
	edit_free(&e);
	return r;
}

static enum session_result
session_cmd_set(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	return session_cmd_set_attrs(s, a, false, msg);
}

static enum session_result
session_cmd_related(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	return session_cmd_set_attrs(s, a, true, msg);
}

/* Two edits made as one change (an item moved; an actor made with the
 * item that named it), said in what; both are freed, and the item made
 * is focused. */
static enum session_result
session_cmd_commit_pair(struct session *s, struct edit e[2], struct buf *what,
    struct buf *msg)
{
	struct edits es = { e, 2, 2 };
	enum session_result r = session_commit(s, &es, what->data, msg);

	edit_free(&e[0]);
	edit_free(&e[1]);
	buf_free(what);
	if (r == SESSION_OK)
		session_cmd_focus_new(s);
	return r;
}

/* extend and shrink: the focused item moves to the selection, as one
 * change (removed, then added there with its attributes). */
static enum session_result
session_cmd_move_item(struct session *s, bool grow, struct buf *msg)
{
	size_t f = session_cmd_focused(s, msg);
	const struct item *it;
	struct edit e[2];
	struct buf what = BUF_INIT;

	if (f == NONE)
		return SESSION_REFUSED;
	it = &s->st->items[f];
	if (s->sel.block != it->block || (grow ? s->sel.start > it->start ||
	    s->sel.end < it->end : s->sel.start < it->start ||
	    s->sel.end > it->end) || (s->sel.start == it->start &&
	    s->sel.end == it->end)) {
		buf_printf(msg, "select a span %s the %s in focus first",
		    grow ? "larger than and around" : "smaller than and inside",
		    story_item_kind_name(it->kind));
		return SESSION_REFUSED;
	}
	edit_item_of(s->st, f, &e[0]);
	e[0].op = EDIT_ITEM_REMOVE;
	edit_item_of(s->st, f, &e[1]);
	e[1].op = EDIT_ITEM_ADD;
	e[1].start = s->sel.start;
	e[1].end = s->sel.end;
	buf_printf(&what, "%s a %s in paragraph %zu", grow ? "extend" :
	    "shrink", story_item_kind_name(it->kind), e[0].block + 1);
	return session_cmd_commit_pair(s, e, &what, msg);
}

static enum session_result
session_cmd_extend(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_cmd_move_item(s, true, msg);
}

static enum session_result
session_cmd_shrink(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_cmd_move_item(s, false, msg);
}

/* ---- actors --------------------------------------------------------- */

static bool
session_cmd_kind_word(const char *w, enum actor_kind *k, struct buf *msg)
{
	if ((*k = story_actor_kind_parse(w)) < ACTOR_NKINDS)
		return true;
	buf_printf(msg, "'%s' is not a kind: country, government, agency, "
	    "company, person, group, media or other", w);
	return false;
}

/* The ACTOR_ADD of `actor add ID KIND NAME…` (words from 2). */
static bool
session_cmd_actor_new(const struct session_args *a, struct edit *e,
    struct buf *msg)
{
	memset(e, 0, sizeof *e);
	if (a->n < 5) {
		buf_puts(msg, "actor add ID KIND NAME…");
		return false;
	}
	e->op = EDIT_ACTOR_ADD;
	e->index = NONE;
	if (!session_cmd_kind_word(a->v[3], &e->actor.kind, msg))
		return false;
	e->actor.id = xstrdup(a->v[2]);
	e->actor.name = session_args_join(a, 4);
	e->actor.aliases = xcalloc(1, sizeof *e->actor.aliases);
	return true;
}

static enum session_result
session_cmd_actor_add(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct edit e;
	enum session_result r;

	if (!session_cmd_actor_new(a, &e, msg))
		return SESSION_REFUSED;
	r = session_commit1(s, &e, msg);
	edit_free(&e);
	return r;
}

/* The actor of word 2, as an ACTOR_SET of what it has, and the rest of
 * the line (words from 3) in *rest. */
static bool
session_cmd_actor_change(struct session *s, const struct session_args *a,
    size_t min,
    struct edit *e, char **rest, struct buf *msg)
{
	size_t x;

	*rest = NULL;
	if (a->n < min) {
		buf_printf(msg, "actor %s ID%s", a->v[1], min > 3 ? " …" : "");
		return false;
	}
	if ((x = session_actor(s, a->v[2], NULL, msg)) == NONE)
		return false;
	edit_actor_of(s->st, x, e);
	*rest = session_args_join(a, 3);
	return true;
}

/* rename, kind, alias, member-of, note: one field of an actor. */
static enum session_result
session_cmd_actor_field(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	const char *sub = a->v[1];
	bool opt = strcmp(sub, "member-of") == 0 || strcmp(sub, "note") == 0;
	struct edit e;
	char *rest;
	enum session_result r = SESSION_REFUSED;

	if (!session_cmd_actor_change(s, a, opt ? 3 : 4, &e, &rest, msg))
		return SESSION_REFUSED;
	if (strcmp(sub, "rename") == 0) {
		free(e.actor.name);
		e.actor.name = rest;
		rest = NULL;
	} else if (strcmp(sub, "kind") == 0) {
		if (!session_cmd_kind_word(rest, &e.actor.kind, msg))
			goto out;
	} else if (strcmp(sub, "alias") == 0) {
		e.actor.aliases = xreallocarray(e.actor.aliases,
		    e.actor.naliases + 2, sizeof *e.actor.aliases);
		e.actor.aliases[e.actor.naliases++] = rest;
		e.actor.aliases[e.actor.naliases] = NULL;
		rest = NULL;
	} else if (strcmp(sub, "member-of") == 0) {
		size_t p = *rest ? session_actor(s, rest, NULL, msg) : NONE;

		if (*rest && p == NONE)
			goto out;
		free(e.actor.member_of);
		e.actor.member_of = p != NONE ? xstrdup(session_cmd_actor_id(s,
		    p)) : NULL;
	} else {
		free(e.actor.note);
		e.actor.note = *rest ? rest : NULL;
		if (e.actor.note != NULL)
			rest = NULL;
	}
	r = session_commit1(s, &e, msg);
out:
	free(rest);
	edit_free(&e);
	return r;
}

static enum session_result
session_cmd_actor_merge(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct edits es;
	struct buf what = BUF_INIT;
	char *why = NULL;
	size_t keep, gone;
	enum session_result r;

	if (a->n != 4) {
		buf_puts(msg, "actor merge KEEP GONE");
		return SESSION_REFUSED;
	}
	if ((keep = session_actor(s, a->v[2], NULL, msg)) == NONE ||
	    (gone = session_actor(s, a->v[3], NULL, msg)) == NONE)
		return SESSION_REFUSED;
	if (!edit_merge_actors(s->st, session_cmd_actor_id(s, keep),
	    session_cmd_actor_id(s, gone),
	    &es, &why)) {
		buf_puts(msg, why);
		free(why);
		return SESSION_REFUSED;
	}
	buf_printf(&what, "merge actor '%s' into '%s'", session_cmd_actor_id(s,
	    gone),
	    session_cmd_actor_id(s, keep));
	r = session_commit(s, &es, what.data, msg);
	edits_free(&es);
	buf_free(&what);
	return r;
}

static enum session_result
session_cmd_actor_remove(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct edit e;
	size_t x;
	enum session_result r;

	if (a->n != 3) {
		buf_puts(msg, "actor remove ID");
		return SESSION_REFUSED;
	}
	if ((x = session_actor(s, a->v[2], NULL, msg)) == NONE)
		return SESSION_REFUSED;
	memset(&e, 0, sizeof e);
	e.op = EDIT_ACTOR_REMOVE;
	e.index = NONE;
	e.actor.id = xstrdup(session_cmd_actor_id(s, x));
	r = session_commit1(s, &e, msg);
	edit_free(&e);
	return r;
}

static enum session_result
session_cmd_actor(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)s;
	buf_puts(msg, a->n < 2 ? "actor what? add, rename, kind, alias, "
	    "member-of, note, merge or remove" : "not an actor command");
	return SESSION_REFUSED;
}

enum session_result
session_answer_actor(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	struct edit e[2];
	struct buf what = BUF_INIT;

	if (a->n == 1 && (strcmp(a->v[0], "no") == 0 ||
	    strcmp(a->v[0], "n") == 0)) {
		buf_puts(msg, "cancelled");
		return SESSION_OK;
	}
	if (a->n < 2 || strcmp(a->v[0], "actor") != 0 ||
	    strcmp(a->v[1], "add") != 0) {
		buf_puts(msg, "not an answer: \"actor add ID KIND NAME\" "
		    "creates the actor, \"no\" cancels");
		return SESSION_REFUSED;
	}
	if (!session_cmd_actor_new(a, &e[0], msg))
		return SESSION_REFUSED;
	if (!session_cmd_item_new(s, s->ask_kind, &e[1], msg)) {
		edit_free(&e[0]);
		return SESSION_REFUSED;
	}
	if (s->ask_kind == ITEM_QUOTE) {
		session_cmd_trim_marks(s->st->blocks[e[1].block].text,
		    &e[1].start,
		    &e[1].end);
		e[1].attrs.speaker = xstrdup(e[0].actor.id);
		e[1].attrs.id = s->ask_id ? xstrdup(s->ask_id) :
		    session_cmd_new_id(s, "q", s->st->nquotes);
	} else
		e[1].attrs.actor = xstrdup(e[0].actor.id);
	buf_printf(&what, "add actor '%s' and a %s in paragraph %zu",
	    e[0].actor.id, story_item_kind_name(s->ask_kind), e[1].block + 1);
	return session_cmd_commit_pair(s, e, &what, msg);
}

/* ---- history, files ------------------------------------------------- */

static enum session_result
session_cmd_undo(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_undo(s, false, msg);
}

static enum session_result
session_cmd_redo(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_undo(s, true, msg);
}

static enum session_result
session_cmd_save(struct session *s, const struct session_args *a, bool force,
    bool quit, struct buf *msg)
{
	char *to = a->n > 1 ? session_args_join(a, 1) : NULL;
	enum session_result r = session_save(s, to, force, msg);

	free(to);
	if (r == SESSION_ASK)
		s->ask_quit = quit;
	if (r == SESSION_OK && quit) {
		buf_puts(msg, "; ");
		r = session_quit(s, true, msg);
	}
	return r;
}

static enum session_result
session_cmd_w(struct session *s, const struct session_args *a, struct buf *msg)
{
	return session_cmd_save(s, a, false, false, msg);
}

static enum session_result
session_cmd_wbang(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	return session_cmd_save(s, a, true, false, msg);
}

static enum session_result
session_cmd_wq(struct session *s, const struct session_args *a, struct buf *msg)
{
	return session_cmd_save(s, a, false, true, msg);
}

static enum session_result
session_cmd_q(struct session *s, const struct session_args *a, struct buf *msg)
{
	(void)a;
	return session_quit(s, false, msg);
}

static enum session_result
session_cmd_qbang(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_quit(s, true, msg);
}

static enum session_result
session_cmd_recover(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	if (s->read_only) {
		buf_puts(msg, "the story is open read-only: open it without "
		    "--read-only to recover its journal");
		return SESSION_REFUSED;
	}
	return session_recover(s, msg);
}

static enum session_result
session_cmd_discard(struct session *s, const struct session_args *a,
    struct buf *msg)
{
	(void)a;
	return session_discard(s, msg);
}

/* ---- the table ------------------------------------------------------ */

const struct session_cmd session_cmds[] = {
	{ "select",	session_cmd_select,	0 },
	{ "focus",	session_cmd_focus,	0 },
	{ "mention",	session_cmd_mention,	CMD_CHANGES },
	{ "quote",	session_cmd_quote,	CMD_CHANGES },
	{ "claim",	session_cmd_claim,	CMD_CHANGES },
	{ "unmark",	session_cmd_unmark,	CMD_CHANGES },
	{ "set",	session_cmd_set,	CMD_CHANGES },
	{ "extend",	session_cmd_extend,	CMD_CHANGES },
	{ "shrink",	session_cmd_shrink,	CMD_CHANGES },
	{ "related",	session_cmd_related,	CMD_CHANGES },
	{ "actor",	session_cmd_actor,	CMD_CHANGES | CMD_SUB },
	{ "u",		session_cmd_undo,	CMD_CHANGES },
	{ "undo",	session_cmd_undo,	CMD_CHANGES },
	{ "redo",	session_cmd_redo,	CMD_CHANGES },
	{ "w",		session_cmd_w,		0 },
	{ "w!",		session_cmd_wbang,	0 },
	{ "wq",		session_cmd_wq,		0 },
	{ "q",		session_cmd_q,		0 },
	{ "q!",		session_cmd_qbang,	0 },
	{ "recover",	session_cmd_recover,	0 },
	{ "discard",	session_cmd_discard,	0 },
	{ NULL,		NULL,		0 },
};

const struct session_cmd session_actor_cmds[] = {
	{ "add",	session_cmd_actor_add,	CMD_CHANGES },
	{ "rename",	session_cmd_actor_field,	CMD_CHANGES },
	{ "kind",	session_cmd_actor_field,	CMD_CHANGES },
	{ "alias",	session_cmd_actor_field,	CMD_CHANGES },
	{ "member-of",	session_cmd_actor_field,	CMD_CHANGES },
	{ "note",	session_cmd_actor_field,	CMD_CHANGES },
	{ "merge",	session_cmd_actor_merge,	CMD_CHANGES },
	{ "remove",	session_cmd_actor_remove,	CMD_CHANGES },
	{ NULL,		NULL,		0 },
};

const struct session_cmd *
session_cmd_find(const char *name, const char *sub)
{
	const struct session_cmd *c, *t;

	for (c = session_cmds; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			break;
	if (c->name == NULL)
		return NULL;
	if (!(c->flags & CMD_SUB) || sub == NULL)
		return c;
	for (t = session_actor_cmds; t->name != NULL; t++)
		if (strcmp(t->name, sub) == 0)
			return t;
	return c;
}

/* ---- completion ----------------------------------------------------- */

struct words {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static void
session_cmd_words_add(struct words *w, const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		return;
	w->v = xgrow(w->v, w->n, &w->cap, sizeof *w->v);
	w->v[w->n++] = xstrdup(s);
}

static int
session_cmd_words_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each once. */
static size_t
session_cmd_words_done(struct words *w, char ***out)
{
	size_t i, n = 0;

	if (w->n > 0)
		qsort(w->v, w->n, sizeof *w->v, session_cmd_words_cmp);
	for (i = 0; i < w->n; i++)
		if (n > 0 && strcmp(w->v[n - 1], w->v[i]) == 0)
			free(w->v[i]);
		else
			w->v[n++] = w->v[i];
	if (n == 0) {
		free(w->v);
		w->v = NULL;
	}
	*out = w->v;
	return n;
}

static void
session_cmd_complete_actors(const struct story *st, const char *prefix,
    bool names,
    struct words *w)
{
	size_t i;

	for (i = 0; i < st->nactors; i++) {
		session_cmd_words_add(w, story_raw(st, st->actors[i].id),
		    prefix);
		if (names)
			session_cmd_words_add(w, story_raw(st,
			    st->actors[i].name), prefix);
	}
}

size_t
session_complete(const struct session *s, const char *line, char ***out)
{
	struct words w = { NULL, 0, 0 };
	const char *last, *p;
	size_t nword = 0, k;
	char first[16] = "";

	while (*line == ' ' || *line == ':')
		line++;
	last = line;
	for (p = line; *p != '\0'; p++)
		if (*p == ' ' && p[1] != ' ' && p[1] != '\0') {
			nword++;
			last = p + 1;
		} else if (*p == ' ' && p[1] == '\0') {
			nword++;
			last = p + 1;
		}
	k = strcspn(line, " ");
	if (k < sizeof first)
		memcpy(first, line, k), first[k] = '\0';
	if (nword == 0) {
		const struct session_cmd *c;

		for (c = session_cmds; c->name != NULL; c++)
			session_cmd_words_add(&w, c->name, last);
	} else if (strcmp(first, "actor") == 0 && nword == 1) {
		const struct session_cmd *c;

		for (c = session_actor_cmds; c->name != NULL; c++)
			session_cmd_words_add(&w, c->name, last);
	} else if ((strcmp(first, "actor") == 0 && nword == 3 &&
	    strncmp(line + 6, "add ", 4) == 0) || (strcmp(first, "actor") == 0 &&
	    nword == 3 && strncmp(line + 6, "kind ", 5) == 0)) {
		for (k = 0; k < ACTOR_NKINDS; k++)
			session_cmd_words_add(&w,
			    story_actor_kind_name((enum actor_kind)k), last);
	} else if ((p = strchr(last, '=')) != NULL) {
		struct words v = { NULL, 0, 0 };
		struct buf b = BUF_INIT;
		size_t i;

		session_cmd_complete_actors(s->st, p + 1, false, &v);
		for (i = 0; i < v.n; i++) {
			buf_truncate(&b, 0);
			buf_append(&b, last, (size_t)(p + 1 - last));
			buf_puts(&b, v.v[i]);
			session_cmd_words_add(&w, b.data, "");
			free(v.v[i]);
		}
		free(v.v);
		buf_free(&b);
	} else if (strcmp(first, "select") != 0 && strcmp(first, "w") != 0 &&
	    strcmp(first, "w!") != 0)
		session_cmd_complete_actors(s->st, last, true, &w);
	return session_cmd_words_done(&w, out);
}
