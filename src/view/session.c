/* session.c - one story open for editing: places, the history, the
 * journal, saving and the dispatch of command lines (session.h).  The
 * commands themselves are in session_cmd.c. */
#include "config.h"

#include "view/session.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/text.h"
#include "base/xmalloc.h"
#include "format/write.h"
#include "view/session_int.h"

#define JOURNAL_MAGIC	"# newslens journal 1:"

/* ---- opening -------------------------------------------------------- */

/* The built-in story's stamp is that of what a save would write. */
static void
session_builtin_stamp(const struct story *st, struct safefile_stamp *stamp)
{
	struct buf b = BUF_INIT;

	write_story_buf(st, &b);
	safefile_stamp_data(b.data ? b.data : "", b.len, stamp);
	buf_free(&b);
}

static void
session_place_clear(struct session_place *p)
{
	p->block = NONE;
	p->start = p->end = 0;
	p->kind = ITEM_NKINDS;
}

/* The stamp a journal's first line records, or false. */
static bool
session_journal_stamp_parse(const char *line, struct safefile_stamp *stamp)
{
	int exists;
	long long size;
	unsigned long long hash;

	memset(stamp, 0, sizeof *stamp);
	if (strncmp(line, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC)) != 0 ||
	    sscanf(line + strlen(JOURNAL_MAGIC),
	    " exists=%d size=%lld hash=%llx", &exists, &size, &hash) != 3)
		return false;
	stamp->exists = exists != 0;
	stamp->size = (off_t)size;
	stamp->hash = hash;
	return true;
}

/* Whether the journal at s->jpath was written over the story as it is
 * now (the file's stamp, or the built-in story's). */
static bool
session_journal_applies(const struct session *s)
{
	char line[256];
	struct safefile_stamp js;
	FILE *fp = fopen(s->jpath, "re");
	bool ok;

	if (fp == NULL)
		return false;
	ok = fgets(line, sizeof line, fp) != NULL &&
	    session_journal_stamp_parse(line, &js);
	fclose(fp);
	return ok && js.exists == s->stamp.exists &&
	    js.size == s->stamp.size && js.hash == s->stamp.hash;
}

/* Renames the journal aside, never over another; the new name in out. */
static bool
session_journal_keep_aside(const struct session *s, struct buf *out)
{
	struct buf name = BUF_INIT;
	unsigned i;
	bool ok = false;

	for (i = 0; i < 1000 && !ok; i++) {
		buf_truncate(&name, 0);
		buf_printf(&name, "%s.%lld-%u.stale", s->jpath,
		    (long long)time(NULL), i);
		ok = link(s->jpath, name.data) == 0;
		if (!ok && errno != EEXIST)
			break;
	}
	if (ok && unlink(s->jpath) != 0)
		ok = false;
	if (ok)
		buf_puts(out, name.data);
	buf_free(&name);
	return ok;
}

static void
session_journal_notice(struct session *s, struct buf *msg)
{
	struct buf aside = BUF_INIT;

	if (s->jpath == NULL || access(s->jpath, F_OK) != 0)
		return;
	if (!session_journal_applies(s)) {
		if (session_journal_keep_aside(s, &aside))
			buf_printf(msg, "a recovery journal that no longer "
			    "applies (the file changed since) was kept aside "
			    "as %s", aside.data);
		else
			buf_printf(msg, "a recovery journal that no longer "
			    "applies could not be kept aside: %s",
			    strerror(errno));
		buf_free(&aside);
		return;
	}
	s->jfound = true;
	buf_puts(msg, s->read_only ? "a recovery journal exists: open the "
	    "file without --read-only to :recover it" :
	    "a recovery journal of unsaved edits exists: :recover to replay "
	    "it, :discard to drop it");
}

struct session *
session_open(struct story *st, const char *path, bool read_only,
    struct buf *msg)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->st = st;
	s->path = path ? xstrdup(path) : NULL;
	s->read_only = read_only;
	s->jfd = -1;
	session_place_clear(&s->sel);
	session_place_clear(&s->focus);
	if (path == NULL)
		session_builtin_stamp(st, &s->stamp);
	else if (safefile_stat(path, &s->stamp) != 0)
		memset(&s->stamp, 0, sizeof s->stamp);
	if (path != NULL && !read_only && access(path, W_OK) != 0) {
		s->read_only = true;
		buf_puts(msg, "read-only: the file cannot be written");
	}
	s->jpath = session_journal_path(path);
	if (s->jpath != NULL) {
		if (msg->len > 0 && access(s->jpath, F_OK) == 0)
			buf_puts(msg, "; ");
		session_journal_notice(s, msg);
	}
	return s;
}

static void
session_hist_clear(struct session_hist *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		edits_free(&h->v[i].ed);
		free(h->v[i].what);
	}
	h->n = 0;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	session_hist_clear(&s->undo);
	session_hist_clear(&s->redo);
	free(s->undo.v);
	free(s->redo.v);
	if (s->jfd >= 0)
		close(s->jfd);
	free(s->jpath);
	free(s->path);
	free(s->ask_id);
	story_free(s->st);
	free(s);
}

struct story *
session_story(const struct session *s)
{
	return s->st;
}

const char *
session_path(const struct session *s)
{
	return s->path;
}

bool
session_dirty(const struct session *s)
{
	return s->saved_lost || s->undo.n != s->saved_at;
}

bool
session_read_only(const struct session *s)
{
	return s->read_only;
}

bool
session_asking(const struct session *s)
{
	return s->ask != ASK_NONE;
}

size_t
session_undo_depth(const struct session *s)
{
	return s->undo.n;
}

size_t
session_redo_depth(const struct session *s)
{
	return s->redo.n;
}

/* ---- places --------------------------------------------------------- */

void
session_select(struct session *s, size_t block, size_t start, size_t end)
{
	const struct block *b;

	session_place_clear(&s->sel);
	if (block >= s->st->nblocks || start == end)
		return;
	b = &s->st->blocks[block];
	if (start > end) {
		size_t t = start;

		start = end;
		end = t;
	}
	s->sel.block = block;
	s->sel.start = start < b->len ? start : b->len;
	s->sel.end = end < b->len ? end : b->len;
	if (s->sel.start == s->sel.end)
		session_place_clear(&s->sel);
}

bool
session_selection(const struct session *s, size_t *block, size_t *start,
    size_t *end)
{
	if (s->sel.block == NONE)
		return false;
	*block = s->sel.block;
	*start = s->sel.start;
	*end = s->sel.end;
	return true;
}

void
session_focus(struct session *s, size_t item)
{
	const struct item *it;

	session_place_clear(&s->focus);
	if (item >= s->st->nitems)
		return;
	it = &s->st->items[item];
	s->focus.block = it->block;
	s->focus.start = it->start;
	s->focus.end = it->end;
	s->focus.kind = it->kind;
}

size_t
session_focused(const struct session *s)
{
	if (s->focus.block == NONE)
		return NONE;
	return session_find_item(s, s->focus.block, s->focus.start,
	    s->focus.end, s->focus.kind);
}

size_t
session_find_item(const struct session *s, size_t block, size_t start,
    size_t end, enum item_kind kind)
{
	const struct story *st = s->st;
	const struct block *b;
	size_t i, found = NONE;

	if (block >= st->nblocks)
		return NONE;
	b = &st->blocks[block];
	/* Children come after their parent: the last match is innermost. */
	for (i = b->first_item; i < b->first_item + b->nitems; i++)
		if (st->items[i].start == start && st->items[i].end == end &&
		    (kind == ITEM_NKINDS || st->items[i].kind == kind))
			found = i;
	return found;
}

void
session_place_words(const struct session *s, const struct session_place *p,
    struct buf *out)
{
	const struct block *b = &s->st->blocks[p->block];
	size_t n = 1, len = p->end - p->start, i;
	const char *t = b->text + p->start, *q;

	for (q = b->text; (q = memmem(q, (size_t)(b->text + b->len - q), t,
	    len)) != NULL && q < t; q++)
		n++;
	if (b->id != NULL)
		buf_puts(out, b->id);
	else
		buf_printf(out, "%zu", p->block + 1);
	buf_puts(out, " \"");
	for (i = 0; i < len; i++) {
		if (t[i] == '"' || t[i] == '\\')
			buf_putc(out, '\\');
		buf_putc(out, t[i]);
	}
	buf_printf(out, "\" %zu", n);
}

/* ---- the history ---------------------------------------------------- */

static void
session_hist_push(struct session_hist *h, struct edits *ed, char *what)
{
	h->v = xgrow(h->v, h->n, &h->cap, sizeof *h->v);
	h->v[h->n].ed = *ed;
	h->v[h->n].what = what;
	h->n++;
}

/* The focused item, if its place is gone, is none. */
static void
session_places_check(struct session *s)
{
	if (s->focus.block != NONE && session_focused(s) == NONE)
		session_place_clear(&s->focus);
	if (s->sel.block != NONE && (s->sel.block >= s->st->nblocks ||
	    s->sel.end > s->st->blocks[s->sel.block].len))
		session_place_clear(&s->sel);
}

enum session_result
session_commit(struct session *s, struct edits *es, const char *what,
    struct buf *msg)
{
	struct edits inv;
	char *why = NULL;

	if (!edits_apply(s->st, es, &inv, &why)) {
		buf_puts(msg, why ? why : "refused");
		free(why);
		return SESSION_REFUSED;
	}
	if (s->saved_at > s->undo.n)
		s->saved_lost = true;
	session_hist_push(&s->undo, &inv, xstrdup(what));
	session_hist_clear(&s->redo);
	session_places_check(s);
	buf_puts(msg, what);
	return SESSION_OK;
}

enum session_result
session_commit1(struct session *s, struct edit *e, struct buf *msg)
{
	struct edits es = { e, 1, 1 };
	struct buf what = BUF_INIT;
	enum session_result r;

	edit_describe(e, &what);
	r = session_commit(s, &es, what.data, msg);
	buf_free(&what);
	return r;
}

enum session_result
session_undo(struct session *s, bool redo, struct buf *msg)
{
	struct session_hist *from = redo ? &s->redo : &s->undo;
	struct session_hist *to = redo ? &s->undo : &s->redo;
	struct session_step *step;
	struct edits inv;
	char *why = NULL;

	if (from->n == 0) {
		buf_puts(msg, redo ? "nothing to redo" :
		    "nothing to undo (since the story was opened or saved)");
		return SESSION_REFUSED;
	}
	step = &from->v[from->n - 1];
	if (!edits_apply(s->st, &step->ed, &inv, &why)) {
		buf_printf(msg, "cannot %s %s: %s", redo ? "redo" : "undo",
		    step->what, why ? why : "refused");
		free(why);
		return SESSION_REFUSED;
	}
	edits_free(&step->ed);
	from->n--;
	session_hist_push(to, &inv, step->what);
	session_places_check(s);
	buf_printf(msg, "%s: %s", redo ? "redid" : "undid", step->what);
	return SESSION_OK;
}

/* ---- the journal ---------------------------------------------------- */

/* The folder of the journals, caller-owned, or NULL. */
static char *
session_journal_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct buf b = BUF_INIT;

	if (state != NULL && state[0] == '/')
		buf_printf(&b, "%s/newslens", state);
	else if (home != NULL && home[0] == '/')
		buf_printf(&b, "%s/.local/state/newslens", home);
	else
		return NULL;
	return buf_detach(&b);
}

/* The absolute form of path, links resolved where it exists. */
static char *
session_absolute(const char *path)
{
	char *real = realpath(path, NULL), cwd[PATH_MAX];
	struct buf b = BUF_INIT;

	if (real != NULL)
		return real;
	if (path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL)
		return xstrdup(path);
	buf_printf(&b, "%s/%s", cwd, path);
	return buf_detach(&b);
}

char *
session_journal_path(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *dir = session_journal_dir(), *abs;
	struct buf name = BUF_INIT, b = BUF_INIT;
	const unsigned char *p;

	if (dir == NULL)
		return NULL;
	if (path == NULL) {
		buf_printf(&b, "%s/built-in.journal", dir);
		free(dir);
		return buf_detach(&b);
	}
	abs = session_absolute(path);
	/* Every byte but [A-Za-z0-9._-] as %XX: one name a path, and
	 * back again by eye. */
	for (p = (const unsigned char *)abs; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
		    *p == '-')
			buf_putc(&name, (char)*p);
		else {
			buf_putc(&name, '%');
			buf_putc(&name, hex[*p >> 4]);
			buf_putc(&name, hex[*p & 15]);
		}
	/* Within NAME_MAX: a long path keeps its hash and its end. */
	if (name.len > 200)
		buf_printf(&b, "%s/%016" PRIx64 "-%s.journal", dir,
		    safefile_fnv1a(SAFEFILE_FNV_OFFSET, abs, strlen(abs)),
		    name.data + name.len - 180);
	else
		buf_printf(&b, "%s/%s.journal", dir, name.data);
	free(abs);
	free(dir);
	buf_free(&name);
	return buf_detach(&b);
}

/* Makes the folders of path's parent, mode 0700. */
static int
session_mkdirs(const char *file)
{
	char *d = xstrdup(file), *p;
	int err = 0;

	if ((p = strrchr(d, '/')) != NULL)
		*p = '\0';
	for (p = d + 1; err == 0; p++)
		if (*p == '/' || *p == '\0') {
			char c = *p;

			*p = '\0';
			if (mkdir(d, 0700) != 0 && errno != EEXIST)
				err = errno;
			*p = c;
			if (c == '\0')
				break;
		}
	free(d);
	return err;
}

static int
session_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
session_journal_open(struct session *s)
{
	struct buf head = BUF_INIT;
	struct stat sb;
	char *safe;
	int err;

	if (s->jpath == NULL)
		return ENOENT;
	if ((err = session_mkdirs(s->jpath)) != 0)
		return err;
	s->jfd = open(s->jpath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0600);
	if (s->jfd < 0)
		return errno;
	if (fstat(s->jfd, &sb) == 0 && sb.st_size > 0)
		return 0;
	safe = text_sanitize(s->path ? s->path : "(the built-in story)");
	buf_printf(&head, "%s exists=%d size=%lld hash=%016llx\n"
	    "# the unsaved edits of %s, for newslens --run or :recover\n",
	    JOURNAL_MAGIC, s->stamp.exists ? 1 : 0, (long long)s->stamp.size,
	    (unsigned long long)s->stamp.hash, safe);
	free(safe);
	err = session_write_all(s->jfd, head.data, head.len);
	buf_free(&head);
	return err;
}

/* Appends lines, synced, before the command they record runs. */
static int
session_journal_append(struct session *s, const char *lines, size_t len)
{
	int err;

	if (s->jfd < 0 && (err = session_journal_open(s)) != 0) {
		if (s->jfd >= 0)
			close(s->jfd);
		s->jfd = -1;
		return err;
	}
	if ((err = session_write_all(s->jfd, lines, len)) != 0)
		return err;
	return fsync(s->jfd) == 0 ? 0 : errno;
}

/* The journal goes: after a save to the story's own file, or a quit. */
static void
session_journal_remove(struct session *s)
{
	if (s->jfd >= 0) {
		close(s->jfd);
		s->jfd = -1;
		if (s->jpath != NULL)
			unlink(s->jpath);
	}
}

/* The lines that give a command its places, then the command. */
static void
session_journal_lines(const struct session *s, const char *line,
    struct buf *out)
{
	size_t f = session_focused(s);

	if (s->sel.block != NONE) {
		buf_puts(out, "select ");
		session_place_words(s, &s->sel, out);
		buf_putc(out, '\n');
	}
	if (f == NONE)
		buf_puts(out, "focus none\n");
	else if (s->st->items[f].kind == ITEM_MENTION) {
		buf_puts(out, "focus ");
		session_place_words(s, &s->focus, out);
		buf_puts(out, " mention\n");
	} else {
		const struct item *it = &s->st->items[f];
		const char *id = it->kind == ITEM_CLAIM ?
		    s->st->claims[it->ref].id : it->kind == ITEM_QUOTE ?
		    s->st->quotes[it->ref].id : s->st->related[it->ref].id;

		buf_printf(out, "focus %s\n", story_raw(s->st, id));
	}
	buf_puts(out, line);
	buf_putc(out, '\n');
}

/* Journals a line (with its places unless it answers a question);
 * false, with the reason, when the journal cannot be written. */
static bool
session_journal_line(struct session *s, const char *line, bool session_answer,
    struct buf *msg)
{
	struct buf b = BUF_INIT;
	int err;

	if (s->replaying)
		return true;
	if (session_answer) {
		buf_puts(&b, line);
		buf_putc(&b, '\n');
	} else
		session_journal_lines(s, line, &b);
	err = session_journal_append(s, b.data, b.len);
	buf_free(&b);
	if (err == 0)
		return true;
	buf_printf(msg, "not done: the recovery journal cannot be written "
	    "(%s): %s", s->jpath ? s->jpath : "no HOME", strerror(err));
	return false;
}

/* ---- saving and quitting -------------------------------------------- */

/* Whether target names the story's own file. */
static bool
session_own_file(const struct session *s, const char *target)
{
	char *a, *b;
	bool same;

	if (target == NULL)
		return true;
	if (s->path == NULL)
		return false;
	a = session_absolute(target);
	b = session_absolute(s->path);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

static bool
session_save_checks(const struct session *s, const char *target, bool own,
    bool force, const char *shown, struct buf *msg)
{
	if (force)
		return true;
	if (own && s->read_only) {
		buf_printf(msg, "%s is open read-only: :w! to write it anyway, "
		    ":w FILE to save elsewhere", shown);
		return false;
	}
	if (own && !safefile_same(target, &s->stamp)) {
		buf_printf(msg, "%s changed on disk since it was read: :w! to "
		    "overwrite it, :w FILE to save elsewhere", shown);
		return false;
	}
	if (own && access(target, F_OK) == 0 && access(target, W_OK) != 0) {
		buf_printf(msg, "%s cannot be written (%s): :w! to replace it "
		    "anyway", shown, strerror(errno));
		return false;
	}
	if (!own && access(target, F_OK) == 0) {
		buf_printf(msg, "%s exists: :w! %s to replace it", shown,
		    shown);
		return false;
	}
	return true;
}

/* The story's file is now target, as it was just written. */
static void
session_saved_as(struct session *s, const char *target)
{
	if (s->path == NULL || strcmp(s->path, target) != 0) {
		session_journal_remove(s);
		free(s->path);
		s->path = xstrdup(target);
		free(s->jpath);
		s->jpath = session_journal_path(target);
	}
	safefile_stat(target, &s->stamp);
	session_journal_remove(s);
	/* The journal starts again from the saved file: the history before
	 * it could not be replayed onto it. */
	session_hist_clear(&s->undo);
	session_hist_clear(&s->redo);
	s->saved_at = 0;
	s->saved_lost = false;
	s->read_only = false;
}

enum session_result
session_save(struct session *s, const char *target, bool force,
    struct buf *msg)
{
	bool own = session_own_file(s, target);
	const char *to = target ? target : s->path;
	struct buf out = BUF_INIT;
	char *why = NULL, *shown;
	enum session_result r = SESSION_OK;

	if (to == NULL) {
		s->ask = ASK_NAME;
		buf_puts(msg, "the built-in story has no file: save it as? "
		    "(a file name; nothing to cancel)");
		return SESSION_ASK;
	}
	shown = text_sanitize(to);
	if (!session_save_checks(s, to, own, force, shown, msg)) {
		free(shown);
		return SESSION_REFUSED;
	}
	write_story_buf(s->st, &out);
	if (safefile_replace(to, out.data ? out.data : "", out.len, &why)
	    != 0) {
		buf_printf(msg, "cannot save %s: %s; %s", shown, why,
		    session_dirty(s) ? "the edits are kept" : "nothing lost");
		r = SESSION_REFUSED;
	} else {
		if (own || s->path == NULL)
			session_saved_as(s, to);
		buf_printf(msg, "wrote %s", shown);
	}
	free(why);
	free(shown);
	buf_free(&out);
	return r;
}

enum session_result
session_quit(struct session *s, bool force, struct buf *msg)
{
	if (!force && session_dirty(s)) {
		s->ask = ASK_QUIT;
		buf_puts(msg, "there are unsaved edits: save them? (y: save "
		    "and quit, n: quit without saving, anything else: stay)");
		return SESSION_ASK;
	}
	session_journal_remove(s);
	buf_puts(msg, "quit");
	return SESSION_QUIT;
}

/* ---- recovering ----------------------------------------------------- */

/* Runs the journal's complete lines (the last one, cut short by a
 * crash, is not); refused ones were refused when they were typed too.
 * Returns the number of lines run. */
static size_t
session_replay(struct session *s, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl;
	struct buf line = BUF_INIT, m = BUF_INIT;
	size_t n = 0;

	s->replaying = true;
	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p = nl + 1) {
		buf_truncate(&line, 0);
		buf_append(&line, p, (size_t)(nl - p));
		if (line.len == 0 || line.data[strspn(line.data, " ")] == '#')
			continue;
		buf_truncate(&m, 0);
		session_run(s, line.data, &m);
		n++;
	}
	s->replaying = false;
	buf_free(&line);
	buf_free(&m);
	return n;
}

enum session_result
session_recover(struct session *s, struct buf *msg)
{
	FILE *fp;
	struct buf data = BUF_INIT;
	char chunk[8192];
	size_t n, lines;

	if (!s->jfound) {
		buf_puts(msg, "there is no recovery journal to replay");
		return SESSION_REFUSED;
	}
	if ((fp = fopen(s->jpath, "re")) == NULL) {
		buf_printf(msg, "cannot read the recovery journal: %s",
		    strerror(errno));
		return SESSION_REFUSED;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&data, chunk, n);
	fclose(fp);
	s->jfound = false;
	lines = session_replay(s, data.data ? data.data : "", data.len);
	buf_free(&data);
	/* Later edits go on in the same journal. */
	if (session_journal_open(s) != 0 && s->jfd >= 0) {
		close(s->jfd);
		s->jfd = -1;
	}
	if (s->ask != ASK_NONE) {
		/* Its answer never came: the journal says so too. */
		s->ask = ASK_NONE;
		if (s->jfd >= 0)
			session_journal_append(s, "no\n", 3);
	}
	buf_printf(msg, "recovered %zu commands from the journal: %zu edits "
	    "to save", lines, s->undo.n);
	return SESSION_OK;
}

enum session_result
session_discard(struct session *s, struct buf *msg)
{
	if (!s->jfound) {
		buf_puts(msg, "there is no recovery journal to discard");
		return SESSION_REFUSED;
	}
	if (unlink(s->jpath) != 0 && errno != ENOENT) {
		buf_printf(msg, "cannot remove the recovery journal: %s",
		    strerror(errno));
		return SESSION_REFUSED;
	}
	s->jfound = false;
	buf_puts(msg, "discarded the recovery journal");
	return SESSION_OK;
}

/* ---- running a line ------------------------------------------------- */

static bool
session_is_word(const char *s, const char *a, const char *b)
{
	return strcmp(s, a) == 0 || (b != NULL && strcmp(s, b) == 0);
}

static enum session_result
session_answer(struct session *s, const char *line, struct buf *msg)
{
	enum session_ask ask = s->ask;
	struct session_args a;
	enum session_result r = SESSION_OK;
	char *why = NULL;

	s->ask = ASK_NONE;
	/* q! leaves whatever was asked. */
	if (strcmp(line, "q!") == 0)
		return session_quit(s, true, msg);
	if (s->ask_journaled && !session_journal_line(s, line, true, msg))
		return SESSION_REFUSED;
	if (ask == ASK_QUIT && session_is_word(line, "y", "yes")) {
		r = session_save(s, NULL, false, msg);
		s->ask_quit = r == SESSION_ASK;
		if (r == SESSION_OK) {
			buf_puts(msg, "; ");
			r = session_quit(s, true, msg);
		}
		return r;
	}
	if (ask == ASK_QUIT) {
		if (session_is_word(line, "n", "no"))
			return session_quit(s, true, msg);
		buf_puts(msg, "not quit");
		return SESSION_OK;
	}
	if (ask == ASK_NAME) {
		if (*line == '\0') {
			buf_puts(msg, "not saved");
			return SESSION_OK;
		}
		r = session_save(s, line, false, msg);
		if (r == SESSION_OK && s->ask_quit) {
			buf_puts(msg, "; ");
			r = session_quit(s, true, msg);
		}
		return r;
	}
	if (!session_args_parse(line, &a, &why)) {
		buf_puts(msg, why);
		free(why);
		return SESSION_REFUSED;
	}
	r = session_answer_actor(s, &a, msg);
	session_args_free(&a);
	return r;
}

/* The text of msg from `from` on, sanitised: it may hold what was
 * typed, and it is shown on a terminal. */
static void
session_msg_sanitize(struct buf *msg, size_t from)
{
	char *tail;

	if (msg->len <= from || text_is_safe(msg->data + from,
	    msg->len - from))
		return;
	tail = xstrndup(msg->data + from, msg->len - from);
	buf_truncate(msg, from);
	text_sanitize_into(msg, tail, strlen(tail));
	free(tail);
}

static enum session_result
session_dispatch(struct session *s, const char *line, struct buf *msg)
{
	const struct session_cmd *c;
	struct session_args a;
	enum session_result r;
	char *why = NULL;

	if (!session_args_parse(line, &a, &why)) {
		buf_puts(msg, why);
		free(why);
		return SESSION_REFUSED;
	}
	c = session_cmd_find(a.v[0], a.n > 1 ? a.v[1] : NULL);
	if (c == NULL) {
		buf_printf(msg, "not a command: %s", a.v[0]);
		r = SESSION_REFUSED;
	} else if ((c->flags & CMD_CHANGES) && s->read_only) {
		buf_puts(msg, "the story is open read-only (--read-only, or "
		    "a file that cannot be written): it cannot be changed");
		r = SESSION_REFUSED;
	} else if ((c->flags & CMD_CHANGES) && s->jfound) {
		buf_puts(msg, "a recovery journal of unsaved edits exists: "
		    ":recover or :discard it first");
		r = SESSION_REFUSED;
	} else if ((c->flags & CMD_CHANGES) &&
	    !session_journal_line(s, line, false, msg))
		r = SESSION_REFUSED;
	else {
		r = c->run(s, &a, msg);
		s->ask_journaled = r == SESSION_ASK &&
		    (c->flags & CMD_CHANGES) != 0;
	}
	session_args_free(&a);
	return r;
}

enum session_result
session_run(struct session *s, const char *line, struct buf *msg)
{
	size_t from = msg->len;
	enum session_result r;
	char *copy;
	size_t n;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == ':')
		line++;
	while (*line == ' ' || *line == '\t')
		line++;
	copy = xstrdup(line);
	n = strlen(copy);
	while (n > 0 && (copy[n - 1] == ' ' || copy[n - 1] == '\t' ||
	    copy[n - 1] == '\n' || copy[n - 1] == '\r'))
		copy[--n] = '\0';
	if (s->ask != ASK_NONE)
		r = session_answer(s, copy, msg);
	else if (n == 0)
		r = SESSION_OK;
	else
		r = session_dispatch(s, copy, msg);
	free(copy);
	session_msg_sanitize(msg, from);
	return r;
}
