/* shelf.c - the library session: the list, its order and filter, and
 * the stack of frames (lists and stories) that Enter opens and q and
 * Backspace close.  See shelf.h. */
#include "config.h"

#include "view/shelf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "model/search.h"

static const char *const order_names[SHELF_NORDERS] = {
	"date, newest first", "headline", "source", "size, largest first",
};

const char *
shelf_order_name(enum shelf_order o)
{
	return o < SHELF_NORDERS ? order_names[o] : "";
}

void
shelf_notify(struct shelf *sh, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(sh->notice);
	sh->notice = buf_detach(&b);
}

/* ---- the links the cards ask for ----------------------------------- */

static size_t shelf_related(const void *ctx, const struct reader *r,
	    size_t rel, struct buf *b);
static void shelf_actor_card(const void *ctx, const struct reader *r,
	    size_t a, struct page *p);

void
shelf_init(struct shelf *sh, const struct shelf_source *src,
    const struct load_opts *load, bool library)
{
	memset(sh, 0, sizeof *sh);
	sh->src = *src;
	sh->load = *load;
	sh->library = library;
	sh->width = 75;
	sh->rows_shown = 20;
	sh->links.ctx = sh;
	sh->links.related = shelf_related;
	sh->links.actor = shelf_actor_card;
}

static char *
shelf_safe_dup(const char *s)
{
	return text_sanitize(s != NULL ? s : "");
}

void
shelf_add_row(struct shelf *sh, const struct shelf_row *in)
{
	struct shelf_row *r;

	if (sh->nrows % 64 == 0)
		sh->rows = xreallocarray(sh->rows, sh->nrows + 64,
		    sizeof *sh->rows);
	r = &sh->rows[sh->nrows++];
	*r = *in;
	r->path = xstrdup(in->path);
	r->shown = shelf_safe_dup(in->path);
	r->when = shelf_safe_dup(in->when);
	r->headline = shelf_safe_dup(in->headline);
	r->source = shelf_safe_dup(in->source);
	r->broken = in->broken ? shelf_safe_dup(in->broken) : NULL;
	r->folded = NULL;
}

/* Headlines and sources folded, for the filter and two of the orders:
 * at their first use, so that opening a large library costs no
 * folding. */
static void
shelf_fold_rows(struct shelf *sh)
{
	struct buf b = BUF_INIT;
	size_t i, flen;

	for (i = 0; i < sh->nrows; i++) {
		struct shelf_row *r = &sh->rows[i];

		if (r->folded != NULL)
			continue;
		buf_truncate(&b, 0);
		buf_printf(&b, "%s\t%s", r->headline, r->source);
		r->folded = text_fold_search(b.data, b.len, false, &flen, NULL);
	}
	buf_free(&b);
}

void
shelf_add_log(struct shelf *sh, const char *line)
{
	if (sh->nlog % 64 == 0)
		sh->log = xreallocarray(sh->log, sh->nlog + 64,
		    sizeof *sh->log);
	sh->log[sh->nlog++] = shelf_safe_dup(line);
}

static struct shelf_frame *
shelf_push_frame(struct shelf *sh, enum shelf_screen kind)
{
	struct shelf_frame *f;

	sh->frames = xreallocarray(sh->frames, sh->nframes + 1,
	    sizeof *sh->frames);
	f = &sh->frames[sh->nframes++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->row = NONE;
	return f;
}

static void
shelf_free_frame(struct shelf_frame *f)
{
	if (f->held)
		reader_free(&f->r);
	shelf_free_refs(f->refs, f->nrefs);
	if (f->page != NULL)
		page_free(f->page);
	memset(f, 0, sizeof *f);
}

void
shelf_free(struct shelf *sh, struct reader *live)
{
	size_t i;

	if (shelf_reading(sh) && live != NULL && live->st != NULL)
		reader_free(live);
	for (i = 0; i < sh->nframes; i++)
		shelf_free_frame(&sh->frames[i]);
	free(sh->frames);
	for (i = 0; i < sh->nrows; i++) {
		free(sh->rows[i].path);
		free(sh->rows[i].shown);
		free(sh->rows[i].when);
		free(sh->rows[i].headline);
		free(sh->rows[i].source);
		free(sh->rows[i].broken);
		free(sh->rows[i].folded);
	}
	free(sh->rows);
	for (i = 0; i < sh->nlog; i++)
		free(sh->log[i]);
	free(sh->log);
	free(sh->sorted);
	free(sh->view);
	free(sh->place);
	free(sh->filter);
	free(sh->needle);
	shelf_free_hits(sh->hits, sh->nhits);
	shelf_free_actors(sh->actors, sh->nactors);
	free(sh->notice);
	memset(sh, 0, sizeof *sh);
}

/* ---- order and filter ---------------------------------------------- */

/* qsort has no context: the rows are sorted as pointers, which carry
 * their own. */
static int
shelf_cmp_path(const struct shelf_row *a, const struct shelf_row *b)
{
	return strcmp(a->path, b->path);
}

static int
shelf_cmp_date(const void *x, const void *y)
{
	const struct shelf_row *a = *(struct shelf_row *const *)x;
	const struct shelf_row *b = *(struct shelf_row *const *)y;
	int c = strcmp(b->when, a->when);

	return c ? c : shelf_cmp_path(a, b);
}

static int
shelf_cmp_headline(const void *x, const void *y)
{
	const struct shelf_row *a = *(struct shelf_row *const *)x;
	const struct shelf_row *b = *(struct shelf_row *const *)y;
	int c;

	/* A story without a headline (a broken one) after the others. */
	if ((*a->folded == '\t') != (*b->folded == '\t'))
		return *a->folded == '\t' ? 1 : -1;
	c = strcmp(a->folded, b->folded);
	return c ? c : shelf_cmp_path(a, b);
}

static int
shelf_cmp_source(const void *x, const void *y)
{
	const struct shelf_row *a = *(struct shelf_row *const *)x;
	const struct shelf_row *b = *(struct shelf_row *const *)y;
	const char *sa = strchr(a->folded, '\t'), *sb = strchr(b->folded, '\t');
	int c;

	/* Stories without a source after those with one. */
	sa = sa && sa[1] ? sa + 1 : "\x7f";
	sb = sb && sb[1] ? sb + 1 : "\x7f";
	c = strcmp(sa, sb);
	return c ? c : shelf_cmp_date(x, y);
}

static int
shelf_cmp_size(const void *x, const void *y)
{
	const struct shelf_row *a = *(struct shelf_row *const *)x;
	const struct shelf_row *b = *(struct shelf_row *const *)y;

	if (a->size != b->size)
		return a->size < b->size ? 1 : -1;
	return shelf_cmp_path(a, b);
}

static int (*const order_cmp[SHELF_NORDERS])(const void *, const void *) = {
	shelf_cmp_date, shelf_cmp_headline, shelf_cmp_source, shelf_cmp_size,
};

static void
shelf_sort_rows(struct shelf *sh)
{
	struct shelf_row **v = xcalloc(sh->nrows ? sh->nrows : 1, sizeof *v);
	size_t i;

	if (sh->order == SHELF_BY_HEADLINE || sh->order == SHELF_BY_SOURCE)
		shelf_fold_rows(sh);
	for (i = 0; i < sh->nrows; i++)
		v[i] = &sh->rows[i];
	if (sh->nrows > 1)
		qsort(v, sh->nrows, sizeof *v, order_cmp[sh->order]);
	for (i = 0; i < sh->nrows; i++)
		sh->sorted[i] = (size_t)(v[i] - sh->rows);
	free(v);
}

/* The view: the sorted rows that hold the filter. */
static void
shelf_make_view(struct shelf *sh)
{
	size_t i, flen = 0, n = 0;
	/* Folded once, as the rows were: a key typed costs a strstr a
	 * row. */
	char *folded = sh->filter ? text_fold_search(sh->filter,
	    strlen(sh->filter), false, &flen, NULL) : NULL;

	if (flen > 0)
		shelf_fold_rows(sh);
	for (i = 0; i < sh->nrows; i++)
		sh->place[i] = NONE;
	for (i = 0; i < sh->nrows; i++) {
		const struct shelf_row *r = &sh->rows[sh->sorted[i]];

		if (flen > 0 && strstr(r->folded, folded) == NULL)
			continue;
		sh->place[sh->sorted[i]] = n;
		sh->view[n++] = sh->sorted[i];
	}
	sh->nview = n;
	free(folded);
}

static struct shelf_frame *
shelf_list_frame(struct shelf *sh)
{
	return sh->library && sh->nframes > 0 ? &sh->frames[0] : NULL;
}

/* Keeps the list's focus on row `row` if it is still shown, else on
 * the nearest place. */
static void
shelf_refocus(struct shelf *sh, size_t row)
{
	struct shelf_frame *f = shelf_list_frame(sh);

	if (f == NULL)
		return;
	if (row != NONE && sh->place[row] != NONE)
		f->sel = sh->place[row];
	else if (f->sel >= sh->nview)
		f->sel = sh->nview ? sh->nview - 1 : 0;
	if (f->sel < f->top || f->sel >= f->top + (size_t)sh->rows_shown)
		f->top = f->sel > (size_t)sh->rows_shown / 2 ?
		    f->sel - (size_t)sh->rows_shown / 2 : 0;
}

void
shelf_ready(struct shelf *sh)
{
	size_t n = sh->nrows ? sh->nrows : 1;

	sh->sorted = xcalloc(n, sizeof *sh->sorted);
	sh->view = xcalloc(n, sizeof *sh->view);
	sh->place = xcalloc(n, sizeof *sh->place);
	shelf_sort_rows(sh);
	shelf_make_view(sh);
	if (sh->library)
		shelf_push_frame(sh, SHELF_LIST);
}

static size_t
shelf_focused_row(const struct shelf *sh)
{
	const struct shelf_frame *f = sh->library && sh->nframes > 0 ?
	    &sh->frames[0] : NULL;

	return f && f->sel < sh->nview ? sh->view[f->sel] : NONE;
}

void
shelf_sort_next(struct shelf *sh)
{
	size_t row = shelf_focused_row(sh);

	sh->order = (enum shelf_order)((sh->order + 1) % SHELF_NORDERS);
	shelf_sort_rows(sh);
	shelf_make_view(sh);
	shelf_refocus(sh, row);
	shelf_notify(sh, "sorted by %s", order_names[sh->order]);
}

void
shelf_filter(struct shelf *sh, const char *filter)
{
	size_t row = shelf_focused_row(sh);

	free(sh->filter);
	sh->filter = filter && *filter ? xstrdup(filter) : NULL;
	shelf_make_view(sh);
	shelf_refocus(sh, row);
}

const struct shelf_row *
shelf_list_row(const struct shelf *sh, size_t i)
{
	return i < sh->nview ? &sh->rows[sh->view[i]] : NULL;
}

/* ---- frames -------------------------------------------------------- */

struct shelf_frame *
shelf_top(struct shelf *sh)
{
	return sh->nframes ? &sh->frames[sh->nframes - 1] : NULL;
}

bool
shelf_reading(const struct shelf *sh)
{
	return sh->nframes > 0 &&
	    sh->frames[sh->nframes - 1].kind == SHELF_STORY;
}

size_t
shelf_story_row(const struct shelf *sh)
{
	return shelf_reading(sh) ? sh->frames[sh->nframes - 1].row : NONE;
}

static size_t
shelf_frame_count(const struct shelf *sh, const struct shelf_frame *f)
{
	switch (f->kind) {
	case SHELF_LIST:	return sh->nview;
	case SHELF_LOG:		return sh->nlog;
	case SHELF_ACTORS:	return sh->nactors;
	case SHELF_REFS:	return f->nrefs;
	case SHELF_RESULTS:	return sh->nhits;
	case SHELF_HELP:	return f->page ? f->page->n : 0;
	default:		return 0;
	}
}

size_t
shelf_count(const struct shelf *sh)
{
	return sh->nframes ? shelf_frame_count(sh,
	    &sh->frames[sh->nframes - 1]) :
	    0;
}

void
shelf_move(struct shelf *sh, long n, int rows)
{
	struct shelf_frame *f = shelf_top(sh);
	size_t count, h = rows > 0 ? (size_t)rows : 1;

	if (f == NULL || f->kind == SHELF_STORY)
		return;
	count = shelf_frame_count(sh, f);
	if (count == 0)
		return;
	if (n < 0)
		f->sel = (size_t)-n > f->sel ? 0 : f->sel - (size_t)-n;
	else
		f->sel = (size_t)n >= count - f->sel ? count - 1 :
		    f->sel + (size_t)n;
	if (f->sel < f->top)
		f->top = f->sel;
	else if (f->sel >= f->top + h)
		f->top = f->sel - h + 1;
}

void
shelf_resize(struct shelf *sh, int width, int rows)
{
	struct shelf_frame *f = shelf_top(sh);

	sh->width = width > 0 ? width : 1;
	sh->rows_shown = rows > 0 ? rows : 1;
	if (f != NULL && f->kind != SHELF_STORY && f->sel >= f->top +
	    (size_t)sh->rows_shown)
		f->top = f->sel - (size_t)sh->rows_shown + 1;
}

/* Moves the story on top into its frame, for a frame over it. */
static void
shelf_hold_live(struct shelf *sh, struct reader *live)
{
	struct shelf_frame *f = shelf_top(sh);

	if (f != NULL && f->kind == SHELF_STORY && !f->held) {
		f->r = *live;
		f->held = true;
		memset(live, 0, sizeof *live);
	}
}

bool
shelf_back(struct shelf *sh, struct reader *live)
{
	struct shelf_frame *f;

	if (sh->nframes <= 1)
		return false;
	f = shelf_top(sh);
	if (f->kind == SHELF_STORY && live->st != NULL)
		reader_free(live);
	shelf_free_frame(f);
	sh->nframes--;
	f = shelf_top(sh);
	if (f->kind == SHELF_STORY && f->held) {
		*live = f->r;
		f->held = false;
		memset(&f->r, 0, sizeof f->r);
		/* Laid out again at today's size. */
		live->width = 0;
	}
	return true;
}

void
shelf_adopt(struct shelf *sh, struct reader *live, size_t row)
{
	struct shelf_frame *f;

	shelf_hold_live(sh, live);
	f = shelf_push_frame(sh, SHELF_STORY);
	f->row = row;
}

void
shelf_open_help(struct shelf *sh, struct page *p)
{
	shelf_push_frame(sh, SHELF_HELP)->page = p;
}

void
shelf_open_log(struct shelf *sh)
{
	shelf_push_frame(sh, SHELF_LOG);
}

void
shelf_open_actors(struct shelf *sh)
{
	if (!sh->have_actors) {
		sh->nactors = sh->src.actors ? sh->src.actors(sh->src.ctx,
		    &sh->actors) : 0;
		sh->have_actors = true;
	}
	shelf_push_frame(sh, SHELF_ACTORS);
}

/* Contexts come from the library's files: sanitised here whatever the
 * source did, the highlight dropped where that moved it. */
static void
shelf_safe_hits(struct shelf_hit *v, size_t n)
{
	size_t i;
	char *s;

	for (i = 0; i < n; i++) {
		if (v[i].context == NULL)
			v[i].context = xstrdup("");
		if (text_is_safe(v[i].context, strlen(v[i].context)))
			continue;
		s = text_sanitize(v[i].context);
		free(v[i].context);
		v[i].context = s;
		v[i].hl_start = v[i].hl_end = 0;
	}
}

void
shelf_search(struct shelf *sh, const char *needle)
{
	shelf_free_hits(sh->hits, sh->nhits);
	free(sh->needle);
	sh->hits = NULL;
	sh->needle = xstrdup(needle);
	sh->nhits = sh->src.search ? sh->src.search(sh->src.ctx, needle,
	    &sh->hits) : 0;
	shelf_safe_hits(sh->hits, sh->nhits);
	/* A new search replaces the results on the stack. */
	while (sh->nframes > 1 && shelf_top(sh)->kind != SHELF_STORY &&
	    shelf_top(sh)->kind != SHELF_LIST)
		shelf_free_frame(&sh->frames[--sh->nframes]);
	shelf_push_frame(sh, SHELF_RESULTS);
	shelf_notify(sh, sh->nhits ? "%zu matches of \"%s\" across the "
	    "library" : "%zu matches: \"%s\" is in no story of the library",
	    sh->nhits, sh->needle);
}

/* ---- opening stories ----------------------------------------------- */

static size_t
shelf_actor_by_id(const struct story *st, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < st->nactors; i++)
		if (strcmp(st->actors[i].id, id) == 0)
			return i;
	return NONE;
}

/* Puts the reader at the match of needle at or after (block, start). */
static void
shelf_goto_match(struct reader *r, const char *needle, size_t block,
    size_t start)
{
	size_t guard;

	reader_goto_block(r, block);
	reader_search(r, needle, strlen(needle));
	free(r->notice);
	r->notice = NULL;
	/* A later match of the same paragraph: step to it, as far as
	 * the paragraph's matches go. */
	for (guard = 0; guard < 4096 && r->hit.block == block &&
	    r->hit.start < start; guard++)
		reader_search_step(r, true);
}

bool
shelf_open(struct shelf *sh, size_t row, const char *path,
    struct reader *live, const char *actor, const char *needle,
    size_t block, size_t start)
{
	struct diag d = DIAG_INIT;
	struct story *st;
	struct shelf_frame *f;
	size_t a;

	if (row != NONE && row < sh->nrows) {
		if (sh->rows[row].broken != NULL) {
			shelf_notify(sh, "broken, cannot be opened: %s",
			    sh->rows[row].broken);
			return false;
		}
		path = sh->rows[row].path;
	}
	if (path == NULL)
		return false;
	st = load_file(path, &sh->load, &d);
	if (st == NULL) {
		shelf_notify(sh, "%s", d.n ? d.msgs[0] : "cannot open");
		diag_free(&d);
		return false;
	}
	diag_free(&d);
	shelf_hold_live(sh, live);
	f = shelf_push_frame(sh, SHELF_STORY);
	f->row = row;
	reader_init(live, st, path);
	live->links = sh->library ? &sh->links : NULL;
	reader_resize(live, sh->width, sh->rows_shown);
	if (actor != NULL && (a = shelf_actor_by_id(st, actor)) != NONE &&
	    st->actors[a].mentions.n > 0)
		reader_focus(live, story_ix(st, st->actors[a].mentions)[0], false);
	else if (needle != NULL && block < st->nblocks)
		shelf_goto_match(live, needle, block, start);
	/* Back from here closes the story: the place it opened at was
	 * no jump. */
	reader_forget_history(live);
	return true;
}

static bool
shelf_open_hit(struct shelf *sh, struct reader *live, size_t i)
{
	const struct shelf_hit *h = &sh->hits[i];

	if (!shelf_open(sh, h->row, NULL, live, NULL, sh->needle, h->block,
	    h->start))
		return false;
	shelf_top(sh)->from_results = true;
	reader_notify(live, "result %zu of %zu across the library: n, N "
	    "the next and previous", i + 1, sh->nhits);
	return true;
}

bool
shelf_follow(struct shelf *sh, struct reader *live)
{
	struct shelf_frame *f = shelf_top(sh);
	struct shelf_ref *r;

	if (f == NULL || f->sel >= shelf_frame_count(sh, f))
		return false;
	switch (f->kind) {
	case SHELF_LIST:
		return shelf_open(sh, sh->view[f->sel], NULL, live, NULL,
		    NULL, 0, 0);
	case SHELF_ACTORS: {
		size_t actor = f->sel;
		struct shelf_frame *g = shelf_push_frame(sh, SHELF_REFS);

		g->row = actor;
		g->nrefs = sh->src.actor_rows ? sh->src.actor_rows(
		    sh->src.ctx, actor, &g->refs) : 0;
		return false;
	}
	case SHELF_REFS:
		r = &f->refs[f->sel];
		return shelf_open(sh, r->row, NULL, live, r->actor, NULL, 0, 0);
	case SHELF_RESULTS:
		return shelf_open_hit(sh, live, f->sel);
	default:
		return false;
	}
}

/* The other stories actor `a` of the story on top is in. */
static size_t
shelf_other_refs(struct shelf *sh, const struct reader *r, size_t a,
    struct shelf_ref **refs)
{
	size_t row = shelf_story_row(sh);

	*refs = NULL;
	if (row == NONE || sh->src.actor_refs == NULL || a >= r->st->nactors)
		return 0;
	return sh->src.actor_refs(sh->src.ctx, row, r->st, a, refs);
}

bool
shelf_follow_card(struct shelf *sh, struct reader *live)
{
	size_t row = live->open_row, a = live->open_actor, n, i;
	struct shelf_ref *refs;
	char *actor = NULL;
	bool ok;

	live->open_row = live->open_actor = NONE;
	if (row == NONE)
		return false;
	if (a != NONE) {
		n = shelf_other_refs(sh, live, a, &refs);
		for (i = 0; i < n; i++)
			if (refs[i].row == row)
				actor = xstrdup(refs[i].actor);
		shelf_free_refs(refs, n);
	}
	ok = shelf_open(sh, row, NULL, live, actor, NULL, 0, 0);
	free(actor);
	return ok;
}

bool
shelf_step_hit(struct shelf *sh, struct reader *live, bool forward)
{
	struct shelf_frame *f = shelf_top(sh);
	size_t i, at = NONE, row;

	if (f == NULL || f->kind != SHELF_STORY || !f->from_results ||
	    sh->nhits == 0 || live->hit.block == NONE ||
	    live->needle == NULL || strcmp(live->needle, sh->needle) != 0)
		return false;
	row = f->row;
	/* The result the reader's match is (the last of this story's at
	 * or before it), then the one after it. */
	for (i = 0; i < sh->nhits; i++) {
		const struct shelf_hit *h = &sh->hits[i];

		if (h->row != row)
			continue;
		if (at == NONE || h->block < live->hit.block ||
		    (h->block == live->hit.block &&
		    h->start <= live->hit.start))
			at = i;
		else
			break;
	}
	if (at == NONE)
		return false;
	if (forward ? at + 1 >= sh->nhits : at == 0) {
		reader_notify(live, "%s result of the library's search",
		    forward ? "the last" : "the first");
		return true;
	}
	i = forward ? at + 1 : at - 1;
	/* The results under the story follow, for Back and for n there. */
	if (sh->nframes > 1 && sh->frames[sh->nframes - 2].kind ==
	    SHELF_RESULTS)
		sh->frames[sh->nframes - 2].sel = i;
	if (sh->hits[i].row == row) {
		shelf_goto_match(live, sh->needle, sh->hits[i].block,
		    sh->hits[i].start);
		/* A step through the results, not a jump: Back goes back to
		 * them. */
		reader_forget_history(live);
		reader_notify(live, "result %zu of %zu across the library",
		    i + 1, sh->nhits);
		return true;
	}
	/* Another story: it replaces this one, Back still going to the
	 * results. */
	reader_free(live);
	shelf_free_frame(f);
	sh->nframes--;
	return shelf_open_hit(sh, live, i);
}

void
shelf_position(const struct shelf *sh, char *out, size_t size)
{
	size_t row = shelf_story_row(sh);

	if (row == NONE || row >= sh->nrows || size == 0)
		*out = '\0';
	else if (sh->place[row] != NONE)
		snprintf(out, size, "story %zu of %zu", sh->place[row] + 1,
		    sh->nview);
	else
		snprintf(out, size, "story (filtered out) of %zu", sh->nview);
}

/* ---- what frames show ---------------------------------------------- */

void
shelf_title(const struct shelf *sh, struct buf *b)
{
	const struct shelf_frame *f = sh->nframes ?
	    &sh->frames[sh->nframes - 1] : NULL;

	if (f == NULL)
		return;
	switch (f->kind) {
	case SHELF_LIST:
		if (sh->filter)
			buf_printf(b, "Library: %zu of %zu stories hold \"%s\", "
			    "by %s", sh->nview, sh->nrows, sh->filter,
			    order_names[sh->order]);
		else
			buf_printf(b, "Library: %zu stories, by %s", sh->nrows,
			    order_names[sh->order]);
		if (sh->nlog > 0)
			buf_printf(b, "; %zu %s skipped (L)", sh->nlog,
			    sh->nlog == 1 ? "file" : "files");
		break;
	case SHELF_LOG:
		buf_printf(b, "Files skipped: %zu", sh->nlog);
		break;
	case SHELF_ACTORS:
		buf_printf(b, "Actors of the library: %zu", sh->nactors);
		break;
	case SHELF_REFS:
		buf_printf(b, "Stories of %s: %zu", f->row < sh->nactors ?
		    sh->actors[f->row].name : "?", f->nrefs);
		break;
	case SHELF_RESULTS:
		buf_printf(b, "Library search \"%s\": %zu matches", sh->needle,
		    sh->nhits);
		break;
	case SHELF_HELP:
		buf_puts(b, f->page->title);
		break;
	default:
		break;
	}
}

static void
shelf_row_label(const struct shelf *sh, size_t row, struct buf *b)
{
	const struct shelf_row *r = &sh->rows[row];

	buf_printf(b, "%.10s %s", *r->when ? r->when : "(undated) ",
	    r->headline);
}

/* s cut to at most cols columns, whole clusters, "…" for the rest. */
static void
shelf_put_cut(struct buf *b, const char *s, size_t len, int cols)
{
	size_t pos = 0, next;
	int w = 0, cw;

	if ((int)text_width(s, len) <= cols) {
		buf_append(b, s, len);
		return;
	}
	while (pos < len) {
		cw = text_cluster(s, len, pos, &next);
		if (w + cw > cols - 1)
			break;
		w += cw;
		pos = next;
	}
	buf_append(b, s, pos);
	buf_puts(b, "\xe2\x80\xa6");
}

/* "headline ¶N: context", the context started late enough that the
 * match shows within cols. */
static void
shelf_result_entry(const struct shelf *sh, const struct shelf_hit *h, int cols,
    struct buf *b, size_t *hl_start, size_t *hl_end)
{
	const char *c = h->context;
	size_t len = strlen(c), from = 0, next;
	int room;
	bool hl = h->hl_end > h->hl_start && h->hl_end <= len;

	shelf_put_cut(b, sh->rows[h->row].headline,
	    strlen(sh->rows[h->row].headline),
	    cols / 3 > 8 ? cols / 3 : 8);
	if (h->block == NONE)
		buf_puts(b, " (headline): ");
	else
		buf_printf(b, " \xc2\xb6%zu: ", h->block + 1);
	room = cols - (int)text_width(b->data, b->len) - 2;
	if (hl && room > 4)
		while (from < h->hl_start && (int)text_width(c + from,
		    h->hl_end - from) > room) {
			text_cluster(c, len, from, &next);
			from = next;
		}
	if (from > 0)
		buf_puts(b, "\xe2\x80\xa6");
	if (hl) {
		*hl_start = b->len + h->hl_start - from;
		*hl_end = b->len + h->hl_end - from;
	}
	buf_append(b, c + from, len - from);
}

int
shelf_entry(const struct shelf *sh, size_t i, int cols, struct buf *b,
    size_t *hl_start, size_t *hl_end)
{
	const struct shelf_frame *f = sh->nframes ?
	    &sh->frames[sh->nframes - 1] : NULL;
	const struct shelf_hit *h;
	const struct shelf_actor *a;

	*hl_start = *hl_end = 0;
	if (f == NULL || i >= shelf_frame_count(sh, f))
		return 0;
	switch (f->kind) {
	case SHELF_LOG:
		buf_puts(b, sh->log[i]);
		return 0;
	case SHELF_ACTORS:
		a = &sh->actors[i];
		buf_printf(b, "%s  (%zu %s, %zu %s)", a->name,
		    a->nstories, a->nstories == 1 ? "story" : "stories",
		    a->nmentions, a->nmentions == 1 ? "mention" : "mentions");
		return 2 * (int)(a->depth < 6 ? a->depth : 6);
	case SHELF_REFS:
		shelf_row_label(sh, f->refs[i].row, b);
		buf_printf(b, "  (%zu %s)", f->refs[i].mentions,
		    f->refs[i].mentions == 1 ? "mention" : "mentions");
		return 0;
	case SHELF_RESULTS:
		h = &sh->hits[i];
		shelf_result_entry(sh, h, cols, b, hl_start, hl_end);
		return 0;
	case SHELF_HELP:
		buf_puts(b, f->page->entries[i].text ? f->page->entries[i].text :
		    "");
		return f->page->entries[i].indent;
	default:
		return 0;
	}
}

/* ---- the cards' questions ------------------------------------------ */

static size_t
shelf_related(const void *ctx, const struct reader *r, size_t rel,
    struct buf *b)
{
	struct shelf *sh = (struct shelf *)ctx;
	size_t row = shelf_story_row(sh), to = NONE;
	bool by_title = false;

	if (row != NONE && sh->src.related != NULL)
		to = sh->src.related(sh->src.ctx, row, r->st, rel, &by_title);
	if (to == NONE || to >= sh->nrows) {
		buf_puts(b, r->st->related[rel].href ? "No story in the "
		    "library: its file is not one of the library's stories" :
		    "No story in the library: no headline matches its title");
		return NONE;
	}
	/* The link, then how it was found: the card shows the match. */
	buf_printf(b, "Open the story: %s\n%s", sh->rows[to].headline,
	    by_title ? "Found in the library by its headline, which matches "
	    "this title" : "Found in the library by its file");
	return to;
}

static void
shelf_actor_card(const void *ctx, const struct reader *r, size_t a,
    struct page *p)
{
	struct shelf *sh = (struct shelf *)ctx;
	struct shelf_ref *refs;
	struct buf b = BUF_INIT;
	size_t n = shelf_other_refs(sh, r, a, &refs), i;
	struct entry *e;

	if (shelf_story_row(sh) == NONE)
		return;
	page_add(p, ENTRY_HEADING, 0, "In %zu other %s", n,
	    n == 1 ? "story" : "stories");
	for (i = 0; i < n; i++) {
		if (refs[i].row >= sh->nrows)
			continue;
		buf_truncate(&b, 0);
		shelf_row_label(sh, refs[i].row, &b);
		e = page_add(p, ENTRY_LINK, 2, "%s  (%zu %s)", b.data,
		    refs[i].mentions, refs[i].mentions == 1 ? "mention" :
		    "mentions");
		e->target = TARGET_LIBRARY;
		e->a = refs[i].row;
		e->b = a;
	}
	buf_free(&b);
	shelf_free_refs(refs, n);
}

/* ---- freeing what the source returned ------------------------------ */

void
shelf_free_hits(struct shelf_hit *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].context);
	free(v);
}

void
shelf_free_refs(struct shelf_ref *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].actor);
	free(v);
}

void
shelf_free_actors(struct shelf_actor *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
