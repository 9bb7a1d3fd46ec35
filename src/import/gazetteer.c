/* gazetteer.c - the names of actors, and finding them in a paragraph.
 *
 * Names are kept in a trie over folded tokens (import_tok.c), so that
 * finding every name that starts at a word costs the length of the
 * longest name there, not the number of names: the edges of the trie
 * live in one hash table keyed by (node, token).  A token written in
 * capitals in a name ("US", "NSA") only matches capitals in the text,
 * so that the acronym "US" is never the word "us".
 *
 * The gazetteer is the actors of an existing story (--actors): their
 * names and aliases, a person's surname as a short form ("Lewis"),
 * the initials of a many-word organisation ("NSA"), and what is left
 * of a name once a leading name of another actor is taken away
 * ("telecoms providers" from "UK telecoms providers"). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "base/xmalloc.h"

struct edge {
	size_t		 parent;	/* NONE: the slot is free */
	uint64_t	 hash;
	char		*tok;
	size_t		 len;
	bool		 caps;
	size_t		 child;
};

struct node {
	size_t		actor;		/* NONE: no name ends here */
	enum name_kind	kind;
};

struct names {
	struct node	*nodes;
	size_t		 nnodes, ncap;
	struct edge	*tab;
	size_t		 tcap, tn;	/* tcap a power of two */
};

static uint64_t
gazetteer_hash_bytes(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
gazetteer_edge_hash(size_t parent, const char *tok, size_t len, bool caps)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL);

	h = gazetteer_hash_bytes(h, tok, len);
	return h ^ (caps ? 0x5bd1e995ULL : 0);
}

static size_t
gazetteer_node_new(struct names *nm)
{
	if (nm->nnodes == nm->ncap) {
		nm->ncap = nm->ncap ? nm->ncap * 2 : 64;
		nm->nodes = xreallocarray(nm->nodes, nm->ncap,
		    sizeof *nm->nodes);
	}
	nm->nodes[nm->nnodes].actor = NONE;
	nm->nodes[nm->nnodes].kind = NAME_FULL;
	return nm->nnodes++;
}

struct names *
gazetteer_names_new(void)
{
	struct names *nm = xcalloc(1, sizeof *nm);
	size_t i;

	nm->tcap = 64;
	nm->tab = xreallocarray(NULL, nm->tcap, sizeof *nm->tab);
	for (i = 0; i < nm->tcap; i++)
		nm->tab[i].parent = NONE;
	gazetteer_node_new(nm);	/* the root */
	return nm;
}

void
gazetteer_names_free(struct names *nm)
{
	size_t i;

	if (nm == NULL)
		return;
	for (i = 0; i < nm->tcap; i++)
		if (nm->tab[i].parent != NONE)
			free(nm->tab[i].tok);
	free(nm->tab);
	free(nm->nodes);
	free(nm);
}

static size_t
gazetteer_edge_find(const struct names *nm, size_t parent, const char *tok,
    size_t len, bool caps)
{
	uint64_t h = gazetteer_edge_hash(parent, tok, len, caps);
	size_t i = (size_t)h & (nm->tcap - 1);
	const struct edge *e;

	for (;; i = (i + 1) & (nm->tcap - 1)) {
		e = &nm->tab[i];
		if (e->parent == NONE)
			return NONE;
		if (e->hash == h && e->parent == parent && e->caps == caps &&
		    e->len == len && memcmp(e->tok, tok, len) == 0)
			return e->child;
	}
}

static void
gazetteer_edge_put(struct names *nm, struct edge *src)
{
	size_t i = (size_t)src->hash & (nm->tcap - 1);

	while (nm->tab[i].parent != NONE)
		i = (i + 1) & (nm->tcap - 1);
	nm->tab[i] = *src;
	nm->tn++;
}

static void
gazetteer_edge_grow(struct names *nm)
{
	struct edge *old = nm->tab;
	size_t oldcap = nm->tcap, i;

	nm->tcap *= 2;
	nm->tab = xreallocarray(NULL, nm->tcap, sizeof *nm->tab);
	for (i = 0; i < nm->tcap; i++)
		nm->tab[i].parent = NONE;
	nm->tn = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].parent != NONE)
			gazetteer_edge_put(nm, &old[i]);
	free(old);
}

static size_t
gazetteer_edge_add(struct names *nm, size_t parent, const char *tok, size_t len,
    bool caps)
{
	struct edge e;
	size_t child = gazetteer_edge_find(nm, parent, tok, len, caps);

	if (child != NONE)
		return child;
	if ((nm->tn + 1) * 2 > nm->tcap)
		gazetteer_edge_grow(nm);
	child = gazetteer_node_new(nm);
	e.parent = parent;
	e.hash = gazetteer_edge_hash(parent, tok, len, caps);
	e.tok = xstrndup(tok, len);
	e.len = len;
	e.caps = caps;
	e.child = child;
	gazetteer_edge_put(nm, &e);
	return child;
}

bool
gazetteer_names_add(struct names *nm, const struct para *p, size_t a, size_t b,
    size_t actor, enum name_kind kind)
{
	struct node *n;
	size_t node = 0, i, len;
	const char *s;

	if (a >= b || !(p->t[a].flags & T_WORD))
		return false;
	for (i = a; i < b; i++) {
		s = tok_str(p, i, &len);
		node = gazetteer_edge_add(nm, node, s, len,
		    (p->t[i].flags & T_UPPER) != 0);
	}
	n = &nm->nodes[node];
	if (n->actor == NONE || (kind == NAME_FULL && n->kind != NAME_FULL)) {
		n->actor = actor;
		n->kind = kind;
		return true;
	}
	if (n->kind != NAME_FULL && kind != NAME_FULL && n->actor != actor)
		n->actor = AMBIGUOUS;
	return false;
}

bool
gazetteer_names_add_str(struct names *nm, struct idoc *doc, const char *s,
    size_t actor, enum name_kind kind)
{
	struct para p;
	bool added;

	tok_para_init(&p, doc, s, strlen(s));
	tok_para_tokenise(&p);
	added = gazetteer_names_add(nm, &p, 0, p.nt, actor, kind);
	tok_para_free(&p);
	return added;
}

/* The children of node for token i: the one for any case, and the one
 * for capitals when the token is in capitals. */
static size_t
gazetteer_names_step(const struct names *nm, const struct para *p, size_t node,
    size_t i, size_t out[2])
{
	size_t len, n = 0, c;
	const char *s = tok_str(p, i, &len);

	if ((c = gazetteer_edge_find(nm, node, s, len, false)) != NONE)
		out[n++] = c;
	if ((p->t[i].flags & T_UPPER) &&
	    (c = gazetteer_edge_find(nm, node, s, len, true)) != NONE)
		out[n++] = c;
	return n;
}

size_t
gazetteer_names_lookup(const struct names *nm, const struct para *p, size_t a,
    size_t b, enum name_kind *kind)
{
	size_t stack[64], depth[64], sp = 0, next[2], n, k, node, i;

	if (a >= b)
		return NONE;
	stack[sp] = 0;
	depth[sp++] = a;
	while (sp > 0) {
		sp--;
		node = stack[sp];
		i = depth[sp];
		if (i == b) {
			if (nm->nodes[node].actor != NONE) {
				if (kind != NULL)
					*kind = nm->nodes[node].kind;
				return nm->nodes[node].actor;
			}
			continue;
		}
		n = gazetteer_names_step(nm, p, node, i, next);
		for (k = 0; k < n && sp < 64; k++) {
			stack[sp] = next[k];
			depth[sp++] = i + 1;
		}
	}
	return NONE;
}

size_t
gazetteer_names_hits(const struct names *nm, const struct para *p, size_t i,
    struct name_hit *hits, size_t max)
{
	size_t stack[64], depth[64], sp = 0, next[2], n, k, node, j, nh = 0;

	if (i >= p->nt)
		return 0;
	stack[sp] = 0;
	depth[sp++] = i;
	while (sp > 0) {
		sp--;
		node = stack[sp];
		j = depth[sp];
		if (node != 0 && nm->nodes[node].actor != NONE && nh < max) {
			hits[nh].end = j;
			hits[nh].actor = nm->nodes[node].actor;
			hits[nh].kind = nm->nodes[node].kind;
			nh++;
		}
		if (j >= p->nt)
			continue;
		n = gazetteer_names_step(nm, p, node, j, next);
		for (k = 0; k < n && sp < 64; k++) {
			stack[sp] = next[k];
			depth[sp++] = j + 1;
		}
	}
	return nh;
}

/* ---- a map from strings to indices -------------------------------- */

struct slot {
	char		*key;		/* NULL: free */
	size_t		 len;
	uint64_t	 hash;
	size_t		 value;
};

struct strmap {
	struct slot	*tab;
	size_t		 cap, n;
};

struct strmap *
gazetteer_strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof *m);

	m->cap = 64;
	m->tab = xcalloc(m->cap, sizeof *m->tab);
	return m;
}

void
gazetteer_strmap_free(struct strmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++)
		free(m->tab[i].key);
	free(m->tab);
	free(m);
}

static struct slot *
gazetteer_strmap_slot(const struct strmap *m, const char *s, size_t len,
    uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct slot *sl = &m->tab[i];

		if (sl->key == NULL || (sl->hash == h && sl->len == len &&
		    memcmp(sl->key, s, len) == 0))
			return sl;
	}
}

void
gazetteer_strmap_put(struct strmap *m, const char *s, size_t len, size_t value)
{
	uint64_t h = gazetteer_hash_bytes(0xcbf29ce484222325ULL, s, len);
	struct slot *sl;

	if ((m->n + 1) * 2 > m->cap) {
		struct slot *old = m->tab;
		size_t oldcap = m->cap, i;

		m->cap *= 2;
		m->tab = xcalloc(m->cap, sizeof *m->tab);
		for (i = 0; i < oldcap; i++)
			if (old[i].key != NULL)
				*gazetteer_strmap_slot(m, old[i].key,
				    old[i].len,
				    old[i].hash) = old[i];
		free(old);
	}
	sl = gazetteer_strmap_slot(m, s, len, h);
	if (sl->key == NULL) {
		sl->key = xstrndup(s, len);
		sl->len = len;
		sl->hash = h;
		m->n++;
	}
	sl->value = value;
}

size_t
gazetteer_strmap_get(const struct strmap *m, const char *s, size_t len)
{
	uint64_t h = gazetteer_hash_bytes(0xcbf29ce484222325ULL, s, len);
	const struct slot *sl = gazetteer_strmap_slot(m, s, len, h);

	return sl->key ? sl->value : NONE;
}

/* ---- the gazetteer ------------------------------------------------ */

/* "National Security Agency" -> "NSA": the initials of three or more
 * capitalised words (small joining words skipped), or NULL. */
static char *
gazetteer_initials(const struct para *p, size_t a, size_t b)
{
	struct buf out = BUF_INIT;
	size_t i, n = 0;

	for (i = a; i < b; i++) {
		const struct tok *t = &p->t[i];

		if (tok_in(p, i, LEX_JOINING) && (t->flags & T_LOWER))
			continue;
		if (!(t->flags & T_WORD) || !(t->flags & T_CAP) ||
		    (t->flags & T_UPPER) || (unsigned char)p->text[t->s] >= 0x80) {
			buf_free(&out);
			return NULL;
		}
		buf_putc(&out, p->text[t->s]);
		n++;
	}
	if (n < 3) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static size_t
gazetteer_count_words(const struct para *p, size_t a, size_t b)
{
	size_t n = 0;

	for (; a < b; a++)
		n += (p->t[a].flags & T_WORD) != 0;
	return n;
}

void
gazetteer_shorten(struct idoc *doc, size_t actor, const struct para *p,
    size_t a, size_t b)
{
	struct iactor *ac = &doc->actors[actor];
	size_t last = b - 1;
	char *ini;

	if (b - a < 2 || gazetteer_count_words(p, a, b) < 2)
		return;
	if (ac->kind == ACTOR_PERSON || (ac->flags & ACT_PERSONLIKE)) {
		if ((p->t[last].flags & T_WORD) &&
		    (p->t[last].flags & T_CAP) &&
		    !tok_in(p, last, LEX_GENERIC))
			gazetteer_names_add(doc->names, p, last, b, actor,
			    NAME_SHORT);
		return;
	}
	if ((ini = gazetteer_initials(p, a, b)) != NULL) {
		gazetteer_names_add_str(doc->names, doc, ini, actor,
		    NAME_SHORT);
		free(ini);
	}
}

/* What is left of the name once a leading name of another actor is
 * taken off: "UK telecoms providers" -> "telecoms providers". */
static void
gazetteer_derive(struct idoc *doc, size_t actor, const char *name)
{
	struct para p;
	size_t k, other, len;

	tok_para_init(&p, doc, name, strlen(name));
	tok_para_tokenise(&p);
	for (k = p.nt - (p.nt > 0); k > 0; k--) {
		other = gazetteer_names_lookup(doc->names, &p, 0, k, NULL);
		if (other == NONE || other == actor || other == AMBIGUOUS)
			continue;
		if (!(p.t[k].flags & T_WORD))
			break;
		tok_str(&p, k, &len);
		/* One small word on its own says too little. */
		if (p.nt - k == 1 && (len < 5 || !(p.t[k].flags & T_LOWER) ||
		    tok_in(&p, k, LEX_JOINING)))
			break;
		gazetteer_names_add(doc->names, &p, k, p.nt, actor,
		    NAME_DERIVED);
		break;
	}
	tok_para_free(&p);
}

static void
gazetteer_names(struct idoc *doc, size_t actor, const char *name)
{
	struct para p;

	tok_para_init(&p, doc, name, strlen(name));
	tok_para_tokenise(&p);
	gazetteer_names_add(doc->names, &p, 0, p.nt, actor, NAME_FULL);
	tok_para_free(&p);
}

static void
gazetteer_short(struct idoc *doc, size_t actor, const char *name)
{
	struct para p;

	tok_para_init(&p, doc, name, strlen(name));
	tok_para_tokenise(&p);
	if (p.nt > 0)
		gazetteer_shorten(doc, actor, &p, 0, p.nt);
	tok_para_free(&p);
}

void
gazetteer_load(struct idoc *doc, const struct story *st)
{
	size_t i, j, base = doc->nactors;

	for (i = 0; i < st->nactors; i++) {
		const struct actor *a = &st->actors[i];
		struct iactor *ac;
		size_t n;

		n = import_doc_add_actor(doc, a->name, strlen(a->name), a->kind,
		    ACT_GAZETTEER | ACT_KIND);
		ac = &doc->actors[n];
		ac->id = xstrdup(a->id);
		ac->note = a->note ? xstrdup(a->note) : NULL;
		ac->parent = a->parent == NONE ? NONE : base + a->parent;
		if (a->kind == ACTOR_GROUP)
			ac->flags |= ACT_PLURAL;
		for (j = 0; j < a->naliases; j++) {
			ac->aliases = xreallocarray(ac->aliases,
			    ac->naliases + 1, sizeof *ac->aliases);
			ac->aliases[ac->naliases++] = xstrdup(a->aliases[j]);
		}
	}
	/* Every full name first, so that short and derived forms never
	 * take the place of one. */
	for (i = base; i < doc->nactors; i++) {
		gazetteer_names(doc, i, doc->actors[i].name);
		for (j = 0; j < doc->actors[i].naliases; j++)
			gazetteer_names(doc, i, doc->actors[i].aliases[j]);
	}
	for (i = base; i < doc->nactors; i++) {
		gazetteer_short(doc, i, doc->actors[i].name);
		gazetteer_derive(doc, i, doc->actors[i].name);
		for (j = 0; j < doc->actors[i].naliases; j++)
			gazetteer_derive(doc, i, doc->actors[i].aliases[j]);
	}
}
