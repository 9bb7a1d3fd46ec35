/* library_actor.c - actors across the stories of a library.
 *
 * Built on first use from the actors the index keeps (one blob a
 * story): every actor of every valid story as a record, and three
 * lookups sorted by key (its id and kind, each folded name and alias,
 * its same-as).  An actor's other stories are a few binary searches.
 * The library-wide list joins the records that any rule makes the same
 * (a union-find, so the sameness is carried through: A is B by name and
 * B is C by id), then lays out the member-of tree with a stack of its
 * own; a member-of loop that only the joining made (A in B in one
 * story, B in A in another) is cut where the walk meets it. */
#include "config.h"

#include "library/library_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmalloc.h"

struct arec {
	size_t		 row;
	uint32_t	 idx;		/* the actor in its story */
	uint32_t	 kind;
	uint32_t	 parent;	/* idx of its member-of, or UINT32_MAX */
	uint32_t	 mentions;	/* its own */
	uint32_t	 fblock, fstart, fend;
	const char	*id, *name, *same_as;	/* same_as NULL: none */
};

struct akey {
	const char	*key;
	uint32_t	 kind;		/* for the id lookup; else 0 */
	size_t		 rec;
};

struct lib_actorset {
	struct pool		 pool;
	struct arec		*recs;		/* by row, then idx */
	size_t			 nrecs;
	size_t			*row_first;	/* row -> its first rec */
	struct akey		*by_id, *by_name, *by_same;
	size_t			 nid, nname, nsame;
	struct library_actor	*list;		/* library_actors */
	size_t			 nlist;
	size_t			*rec_class;	/* rec -> index into list */
};

static int
lib_actor_akey_cmp(const void *a, const void *b)
{
	const struct akey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c == 0)
		c = (x->kind > y->kind) - (x->kind < y->kind);
	return c ? c : (x->rec > y->rec) - (x->rec < y->rec);
}

static void
lib_actor_akey_add(struct akey **v, size_t *n, size_t *cap, const char *key,
    uint32_t kind, size_t rec)
{
	*v = xgrow(*v, *n, cap, sizeof **v);
	(*v)[*n].key = key;
	(*v)[*n].kind = kind;
	(*v)[(*n)++].rec = rec;
}

struct aset_build {
	struct lib_actorset	*a;
	size_t			 reccap, idcap, namecap, samecap;
};

static void
lib_actor_aset_name(struct aset_build *b, const char *name, size_t rec)
{
	char *key = library_title_key(name);

	if (key[0] != '\0')
		lib_actor_akey_add(&b->a->by_name, &b->a->nname, &b->namecap,
		    pool_strndup(&b->a->pool, key, strlen(key)), 0, rec);
	free(key);
}

static const char *
lib_actor_aset_keep(struct lib_actorset *a, const char *s)
{
	return pool_strndup(&a->pool, s, strlen(s));
}

/* The records of one story's blob; a blob that is not what the
 * index writes ends the story's actors there. */
static void
lib_actor_aset_blob(struct aset_build *b, size_t row, const char *blob,
    size_t len)
{
	struct lib_actorset *a = b->a;
	const char *p = blob, *end = blob + len, *al;
	struct lib_blob_actor ba;
	uint32_t idx = 0, k;

	while (p < end && lib_blob_actor_next(&p, end, &ba)) {
		struct arec *r;

		a->recs = xgrow(a->recs, a->nrecs, &b->reccap, sizeof *a->recs);
		r = &a->recs[a->nrecs];
		r->row = row;
		r->idx = idx++;
		r->kind = ba.kind;
		r->parent = ba.parent;
		r->mentions = ba.mentions;
		r->fblock = ba.fblock;
		r->fstart = ba.fstart;
		r->fend = ba.fend;
		r->id = lib_actor_aset_keep(a, ba.id);
		r->name = lib_actor_aset_keep(a, ba.name);
		r->same_as = ba.same_as[0] ? lib_actor_aset_keep(a, ba.same_as)
		    : NULL;
		lib_actor_akey_add(&a->by_id, &a->nid, &b->idcap, r->id,
		    r->kind,
		    a->nrecs);
		if (r->same_as != NULL)
			lib_actor_akey_add(&a->by_same, &a->nsame, &b->samecap,
			    r->same_as, 0, a->nrecs);
		lib_actor_aset_name(b, r->name, a->nrecs);
		for (k = 0, al = ba.aliases; k < ba.naliases; k++) {
			lib_actor_aset_name(b, al, a->nrecs);
			al += strlen(al) + 1;
		}
		a->nrecs++;
	}
}

static struct lib_actorset *
lib_actor_aset_get(struct library *lib)
{
	struct aset_build b;
	sqlite3_stmt *q;
	size_t row;

	if (lib->actors != NULL)
		return lib->actors;
	memset(&b, 0, sizeof b);
	b.a = lib->actors = xcalloc(1, sizeof *lib->actors);
	b.a->row_first = xcalloc(lib->nrows + 1, sizeof *b.a->row_first);
	if (lib->db != NULL && sqlite3_prepare_v2(lib->db, "SELECT actors FROM "
	    "blobs WHERE file = ?1", -1, &q, NULL) == SQLITE_OK) {
		for (row = 0; row < lib->nrows; row++) {
			b.a->row_first[row] = b.a->nrecs;
			sqlite3_bind_int64(q, 1, lib->extra[row].id);
			if (lib->rows[row].error == NULL &&
			    sqlite3_step(q) == SQLITE_ROW)
				lib_actor_aset_blob(&b, row,
				    sqlite3_column_blob(q, 0),
				    (size_t)sqlite3_column_bytes(q, 0));
			sqlite3_reset(q);
		}
		sqlite3_finalize(q);
	}
	b.a->row_first[lib->nrows] = b.a->nrecs;
	/* qsort may not be given NULL, even for nothing to sort. */
	if (b.a->nid > 0)
		qsort(b.a->by_id, b.a->nid, sizeof *b.a->by_id,
		    lib_actor_akey_cmp);
	if (b.a->nname > 0)
		qsort(b.a->by_name, b.a->nname, sizeof *b.a->by_name,
		    lib_actor_akey_cmp);
	if (b.a->nsame > 0)
		qsort(b.a->by_same, b.a->nsame, sizeof *b.a->by_same,
		    lib_actor_akey_cmp);
	return b.a;
}

/* The first entry of v with this key (and kind, unless any_kind). */
static size_t
lib_actor_akey_lower(const struct akey *v, size_t n, const char *key,
    uint32_t kind,
    bool any_kind)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid].key, key);

		if (c == 0 && !any_kind)
			c = (v[mid].kind > kind) - (v[mid].kind < kind);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Calls each rec under key in v (with kind, unless any_kind). */
static void
lib_actor_akey_each(const struct akey *v, size_t n, const char *key,
    uint32_t kind,
    bool any_kind, void (*fn)(void *, size_t), void *arg)
{
	size_t i = lib_actor_akey_lower(v, n, key, kind, any_kind);

	for (; i < n && strcmp(v[i].key, key) == 0 &&
	    (any_kind || v[i].kind == kind); i++)
		fn(arg, v[i].rec);
}

/* ---- one actor's other stories ------------------------------------ */

struct found {
	struct lib_actorset	*a;
	size_t			 self;		/* the row asked about */
	size_t			*recs;
	size_t			 n, cap;
};

static void
lib_actor_found_add(void *arg, size_t rec)
{
	struct found *f = arg;

	if (f->a->recs[rec].row == f->self)
		return;
	f->recs = xgrow(f->recs, f->n, &f->cap, sizeof *f->recs);
	f->recs[f->n++] = rec;
}

static int
lib_actor_rec_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* The places of recs (sorted, so by row then idx), one a row. */
static size_t
lib_actor_places_of(struct lib_actorset *a, size_t *recs, size_t n,
    struct library_place **out)
{
	size_t i, m = 0;

	if (n > 1)
		qsort(recs, n, sizeof *recs, lib_actor_rec_cmp);
	*out = n ? xcalloc(n, sizeof **out) : NULL;
	for (i = 0; i < n; i++) {
		const struct arec *r = &a->recs[recs[i]];
		struct library_place *p;

		if (m > 0 && (*out)[m - 1].row == r->row)
			continue;
		p = &(*out)[m++];
		p->row = r->row;
		p->actor_id = r->id;
		p->mentions = r->mentions;
		p->block = r->fblock == UINT32_MAX ? NONE : r->fblock;
		p->start = r->fstart;
		p->end = r->fend;
	}
	if (m == 0) {
		free(*out);
		*out = NULL;
	}
	return m;
}

static void
lib_actor_found_names(struct found *f, const char *name)
{
	char *key = library_title_key(name);

	if (key[0] != '\0')
		lib_actor_akey_each(f->a->by_name, f->a->nname, key, 0, true,
		    lib_actor_found_add,
		    f);
	free(key);
}

size_t
library_actor_stories(struct library *lib, size_t row, const struct story *st,
    size_t actor, struct library_place **out)
{
	struct lib_actorset *a = lib_actor_aset_get(lib);
	const struct actor *x;
	struct found f;
	size_t k, n;

	*out = NULL;
	if (actor >= st->nactors)
		return 0;
	x = &st->actors[actor];
	memset(&f, 0, sizeof f);
	f.a = a;
	f.self = row;
	lib_actor_akey_each(a->by_id, a->nid, x->id, (uint32_t)x->kind, false,
	    lib_actor_found_add,
	    &f);
	lib_actor_akey_each(a->by_same, a->nsame, x->id, 0, true,
	    lib_actor_found_add, &f);
	if (x->same_as != NULL) {
		lib_actor_akey_each(a->by_same, a->nsame, x->same_as, 0, true,
		    lib_actor_found_add,
		    &f);
		lib_actor_akey_each(a->by_id, a->nid, x->same_as, 0, true,
		    lib_actor_found_add, &f);
	}
	lib_actor_found_names(&f, x->name);
	for (k = 0; k < x->naliases; k++)
		lib_actor_found_names(&f, x->aliases[k]);
	n = lib_actor_places_of(a, f.recs, f.n, out);
	free(f.recs);
	return n;
}

/* ---- the library-wide list ---------------------------------------- */

static size_t
lib_actor_uf_find(size_t *up, size_t i)
{
	while (up[i] != i)
		i = up[i] = up[up[i]];
	return i;
}

static void
lib_actor_uf_join(size_t *up, size_t i, size_t j)
{
	i = lib_actor_uf_find(up, i);
	j = lib_actor_uf_find(up, j);
	if (i != j)
		up[i > j ? i : j] = i > j ? j : i;	/* the lower rec leads */
}

/* Joins the recs of each run of equal keys (and kinds, unless any). */
static void
lib_actor_uf_runs(size_t *up, const struct akey *v, size_t n, bool any_kind)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(v[i].key, v[i - 1].key) == 0 &&
		    (any_kind || v[i].kind == v[i - 1].kind))
			lib_actor_uf_join(up, v[i].rec, v[i - 1].rec);
}

/* A same-as S joins the actors whose id is S, whatever their kind. */
static void
lib_actor_uf_same_ids(struct lib_actorset *a, size_t *up)
{
	size_t i, j;

	for (i = 0; i < a->nsame; i++) {
		j = lib_actor_akey_lower(a->by_id, a->nid, a->by_same[i].key, 0,
		    true);
		for (; j < a->nid && strcmp(a->by_id[j].key,
		    a->by_same[i].key) == 0; j++)
			lib_actor_uf_join(up, a->by_same[i].rec,
			    a->by_id[j].rec);
	}
}

struct aclass {
	size_t	 lead;		/* its lowest rec */
	size_t	 nstories;
	size_t	 nmentions;
	size_t	 parent;	/* a class, or NONE */
	char	*key;		/* folded name, for the order */
};

static int
lib_actor_class_cmp_key(const struct aclass *c, size_t x, size_t y)
{
	int k = strcmp(c[x].key, c[y].key);

	return k ? k : (x > y) - (x < y);
}

/* Sorts class indices by folded name: a merge sort of our own, as
 * qsort cannot pass the classes to its comparison (recursion log n
 * deep, whatever the data). */
static void
lib_actor_class_sort(const struct aclass *c, size_t *v, size_t n, size_t *tmp)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	lib_actor_class_sort(c, v, mid, tmp);
	lib_actor_class_sort(c, v + mid, n - mid, tmp);
	while (i < mid || j < n)
		tmp[k++] = j == n || (i < mid && lib_actor_class_cmp_key(c,
		    v[i], v[j]) <=
		    0) ? v[i++] : v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* Each class: its lead, its count of stories and mentions, its parent
 * (the class of its lead's member-of). */
static struct aclass *
lib_actor_classes_make(struct lib_actorset *a, size_t *up, size_t *nc)
{
	struct aclass *c;
	size_t i, n = 0, *last_row;

	a->rec_class = xcalloc(a->nrecs + 1, sizeof *a->rec_class);
	for (i = 0; i < a->nrecs; i++)
		if (lib_actor_uf_find(up, i) == i)
			a->rec_class[i] = n++;
	c = xcalloc(n + 1, sizeof *c);
	last_row = xcalloc(n + 1, sizeof *last_row);
	for (i = 0; i < a->nrecs; i++) {
		size_t k = a->rec_class[i] = a->rec_class[lib_actor_uf_find(up,
		    i)];

		if (c[k].nstories == 0 || last_row[k] != a->recs[i].row) {
			if (c[k].nstories == 0)
				c[k].lead = i;
			c[k].nstories++;
			last_row[k] = a->recs[i].row;
		}
		c[k].nmentions += a->recs[i].mentions;
	}
	free(last_row);
	for (i = 0; i < n; i++) {
		const struct arec *r = &a->recs[c[i].lead];
		size_t first = a->row_first[r->row];
		size_t p = first + r->parent;

		c[i].parent = NONE;
		if (r->parent != UINT32_MAX && p < a->row_first[r->row + 1])
			c[i].parent = a->rec_class[p];
		if (c[i].parent == i)
			c[i].parent = NONE;
		c[i].key = library_title_key(r->name);
	}
	*nc = n;
	return c;
}

/* The member-of tree, each class before its members, with a stack:
 * the list in tree order with parents and depths. */
static void
lib_actor_classes_tree(struct lib_actorset *a, struct aclass *c, size_t n)
{
	size_t *kids = xcalloc(n + 1, sizeof *kids), *start = xcalloc(n + 2,
	    sizeof *start), *stack = xcalloc(n + 1, sizeof *stack);
	size_t *pos = xcalloc(n + 1, sizeof *pos), *tmp = xcalloc(n + 1,
	    sizeof *tmp), *at = xcalloc(n + 1, sizeof *at);
	unsigned char *done = xcalloc(n + 1, 1);
	size_t i, sp, root, out = 0;

	/* kids of class p: kids[start[p] .. start[p + 1]); the roots are
	 * kept as the kids of n. */
	for (i = 0; i < n; i++)
		start[(c[i].parent == NONE ? n : c[i].parent) + 1]++;
	for (i = 1; i <= n + 1; i++)
		start[i] += start[i - 1];
	for (i = 0; i <= n; i++)
		at[i] = start[i];
	for (i = 0; i < n; i++)
		kids[at[c[i].parent == NONE ? n : c[i].parent]++] = i;
	for (i = 0; i <= n; i++)
		lib_actor_class_sort(c, kids + start[i],
		    start[i + 1] - start[i], tmp);
	a->list = xcalloc(n + 1, sizeof *a->list);
	for (root = 0; root <= n; root++) {
		/* The roots first; then any class a loop kept from them. */
		size_t from = root == 0 ? n : root - 1;

		if (from != n && done[from])
			continue;
		sp = 0;
		if (from == n) {
			for (i = start[n + 1]; i > start[n]; i--)
				stack[sp++] = kids[i - 1];
		} else
			stack[sp++] = from;
		while (sp > 0) {
			size_t k = stack[--sp];
			const struct arec *r = &a->recs[c[k].lead];
			struct library_actor *l;

			if (done[k])
				continue;
			done[k] = 1;
			pos[k] = out;
			l = &a->list[out++];
			l->name = r->name;
			l->id = r->same_as ? r->same_as : r->id;
			l->kind = (enum actor_kind)r->kind;
			l->nstories = c[k].nstories;
			l->nmentions = c[k].nmentions;
			/* A loop's first class stands at the top. */
			l->parent = c[k].parent != NONE && k != from &&
			    done[c[k].parent] ? pos[c[k].parent] : NONE;
			l->depth = l->parent == NONE ? 0 :
			    a->list[l->parent].depth + 1;
			for (i = start[k + 1]; i > start[k]; i--)
				if (!done[kids[i - 1]])
					stack[sp++] = kids[i - 1];
		}
	}
	a->nlist = out;
	/* rec_class now names places in the list. */
	for (i = 0; i < a->nrecs; i++)
		a->rec_class[i] = pos[a->rec_class[i]];
	free(kids);
	free(start);
	free(stack);
	free(pos);
	free(tmp);
	free(at);
	free(done);
}

size_t
library_actors(struct library *lib, const struct library_actor **out)
{
	struct lib_actorset *a = lib_actor_aset_get(lib);
	struct aclass *c;
	size_t *up, i, n;

	if (a->list == NULL) {
		up = xcalloc(a->nrecs + 1, sizeof *up);
		for (i = 0; i < a->nrecs; i++)
			up[i] = i;
		lib_actor_uf_runs(up, a->by_id, a->nid, false);
		lib_actor_uf_runs(up, a->by_name, a->nname, true);
		lib_actor_uf_runs(up, a->by_same, a->nsame, true);
		lib_actor_uf_same_ids(a, up);
		c = lib_actor_classes_make(a, up, &n);
		lib_actor_classes_tree(a, c, n);
		for (i = 0; i < n; i++)
			free(c[i].key);
		free(c);
		free(up);
	}
	*out = a->list;
	return a->nlist;
}

size_t
library_actor_places(struct library *lib, size_t lactor,
    struct library_place **out)
{
	const struct library_actor *list;
	struct lib_actorset *a;
	size_t i, n = 0, cap = 0, *recs = NULL, m;

	*out = NULL;
	if (lactor >= library_actors(lib, &list))
		return 0;
	a = lib->actors;
	for (i = 0; i < a->nrecs; i++)
		if (a->rec_class[i] == lactor) {
			recs = xgrow(recs, n, &cap, sizeof *recs);
			recs[n++] = i;
		}
	m = lib_actor_places_of(a, recs, n, out);
	free(recs);
	return m;
}

void
lib_actors_free(struct library *lib)
{
	struct lib_actorset *a = lib->actors;

	if (a == NULL)
		return;
	pool_free(&a->pool);
	free(a->recs);
	free(a->row_first);
	free(a->by_id);
	free(a->by_name);
	free(a->by_same);
	free(a->list);
	free(a->rec_class);
	free(a);
	lib->actors = NULL;
}
