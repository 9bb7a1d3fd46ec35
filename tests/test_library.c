/* test_library.c - the library of stories: scan, index, links, actors,
 * search, and the command line's --list stories and --search.
 *
 * Every test makes its own library folder and its own cache folder,
 * and checks that nothing was written into the library. */
#include "config.h"

#include <dirent.h>
#include <sqlite3.h>
#include <sys/time.h>

#include "testutil.h"
#include "base/buf.h"
#include "base/xmalloc.h"
#include "library/library.h"

TestSuite(library, .timeout = 120);
TestSuite(library_cli, .timeout = 120);

#define KILL_SECONDS 60.0

/* ---- helpers -------------------------------------------------------- */

static char *
story_xml(const char *headline, const char *when, const char *actors,
    const char *body)
{
	char *s = NULL;

	cr_assert(asprintf(&s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\"><head><headline>%s</headline>%s%s%s</head>"
	    "<actors>%s</actors><body>%s</body></story>\n", headline,
	    when ? "<dateline when=\"" : "", when ? when : "",
	    when ? "\">d</dateline>" : "", actors, body) > 0);
	return s;
}

static void
put_story(const char *dir, const char *rel, const char *headline,
    const char *when, const char *actors, const char *body)
{
	char *path = test_join(dir, rel), *xml = story_xml(headline, when,
	    actors, body);

	write_file(path, xml, strlen(xml));
	free(xml);
	free(path);
}

/* Sets a file's mtime an hour back: an index trusts only files older
 * than their indexing. */
static void
age(const char *dir, const char *rel)
{
	char *path = test_join(dir, rel);
	struct timeval tv[2];

	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	cr_assert(utimes(path, tv) == 0);
	free(path);
}

static size_t
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

struct progress {
	size_t	calls;
	size_t	total;
	size_t	stop_at;	/* 0: never */
	void	(*hook)(struct progress *, size_t done);
	const char *dir;
};

static bool
on_progress(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;

	p->calls++;
	p->total = total;
	if (p->hook != NULL)
		p->hook(p, done);
	return p->stop_at != 0 && done >= p->stop_at;
}

static struct library *
open_lib(const char *dir, const char *cache, struct progress *p)
{
	struct library_opts o;
	struct diag d = DIAG_INIT;
	struct library *lib;

	library_opts_init(&o);
	o.cache_dir = cache;
	if (p != NULL) {
		o.progress = on_progress;
		o.progress_arg = p;
	}
	lib = library_open_dir(dir, &o, &d);
	cr_assert_not_null(lib, "%s", d.n ? d.msgs[0] : "?");
	diag_free(&d);
	return lib;
}

static bool
log_has(const struct library *lib, const char *needle)
{
	size_t i;

	for (i = 0; i < library_log_count(lib); i++)
		if (strstr(library_log_line(lib, i), needle) != NULL)
			return true;
	return false;
}

static size_t
row_by_headline(const struct library *lib, const char *h)
{
	size_t i;

	for (i = 0; i < library_count(lib); i++)
		if (strcmp(library_row(lib, i)->headline, h) == 0)
			return i;
	return NONE;
}

/* The index file in cache (there is one a library). */
static char *
the_db(const char *cache)
{
	DIR *d = opendir(cache);
	struct dirent *e;
	char *path = NULL;

	cr_assert_not_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 7 && strcmp(e->d_name + n - 7, ".sqlite") == 0)
			path = test_join(cache, e->d_name);
	}
	closedir(d);
	cr_assert_not_null(path, "no index in %s", cache);
	return path;
}

static void
three_stories(const char *dir)
{
	put_story(dir, "a.xml", "Alpha talks", "2020-01-10",
	    "<actor id=\"uk\" kind=\"country\"><name>United Kingdom</name>"
	    "</actor>", "<p>The <mention actor=\"uk\">UK</mention> met.</p>");
	put_story(dir, "b.xml", "Bravo vote", "2020-01-12", "",
	    "<p>Parliament voted on the ban.</p>");
	put_story(dir, "c.xml", "Charlie court", "2020-01-11", "",
	    "<p>The court ruled.</p>");
	age(dir, "a.xml");
	age(dir, "b.xml");
	age(dir, "c.xml");
}

/* ---- the index ------------------------------------------------------ */

Test(library, build_and_nothing_in_the_library)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library *lib;
	struct library_view *v;

	three_stories(dir);
	lib = open_lib(dir, cache, NULL);
	cr_assert_eq(library_count(lib), 3);
	cr_assert(library_indexed(lib));
	v = library_view_new(lib);
	/* Newest first. */
	cr_assert_str_eq(library_row(lib, library_view_row(v, 0))->headline,
	    "Bravo vote");
	cr_assert_str_eq(library_row(lib, library_view_row(v, 2))->headline,
	    "Alpha talks");
	cr_assert_eq(library_view_row(v, 3), NONE);
	library_view_free(v);
	library_free(lib);
	cr_assert_eq(count_entries(dir), 3, "something was written into "
	    "the library");
	free(the_db(cache));
}

Test(library, warm_open_parses_nothing_and_one_change_one_file)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct progress p = { 0 };
	struct library *lib;
	char *path;

	three_stories(dir);
	library_free(open_lib(dir, cache, &p));
	cr_assert_eq(p.total, 3);
	memset(&p, 0, sizeof p);
	lib = open_lib(dir, cache, &p);
	cr_assert_eq(p.calls, 0, "a warm index parsed %zu files", p.calls);
	cr_assert_eq(library_count(lib), 3);
	library_free(lib);
	/* One changed, one deleted, one new. */
	put_story(dir, "b.xml", "Bravo vote again", "2020-01-12", "",
	    "<p>Again.</p>");
	path = test_join(dir, "c.xml");
	cr_assert(unlink(path) == 0);
	free(path);
	put_story(dir, "d.xml", "Delta", NULL, "", "<p>New.</p>");
	memset(&p, 0, sizeof p);
	lib = open_lib(dir, cache, &p);
	cr_assert_eq(p.total, 2, "parsed %zu files, not the two new ones",
	    p.total);
	cr_assert_eq(library_count(lib), 3);
	cr_assert_neq(row_by_headline(lib, "Bravo vote again"), NONE);
	cr_assert_eq(row_by_headline(lib, "Charlie court"), NONE);
	cr_assert_neq(row_by_headline(lib, "Delta"), NONE);
	library_free(lib);
}

Test(library, touched_is_hashed_not_parsed_again)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct progress p = { 0 };
	struct library *lib;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	/* A new mtime, the same bytes: the row stays as it was. */
	age(dir, "a.xml");
	lib = open_lib(dir, cache, &p);
	cr_assert_eq(library_count(lib), 3);
	cr_assert_neq(row_by_headline(lib, "Alpha talks"), NONE);
	library_free(lib);
}

static void
garbage_over(const char *db, long offset, size_t n)
{
	FILE *fp = fopen(db, "r+b");
	size_t i;

	cr_assert_not_null(fp);
	cr_assert(fseek(fp, offset, SEEK_SET) == 0);
	for (i = 0; i < n; i++)
		fputc((int)((i * 7919 + 13) & 0xff), fp);
	cr_assert(fclose(fp) == 0);
}

Test(library, database_replaced_by_garbage_is_rebuilt)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db;
	struct library *lib;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	db = the_db(cache);
	garbage_over(db, 0, 8192);
	lib = open_lib(dir, cache, NULL);
	cr_assert_eq(library_count(lib), 3);
	cr_assert(log_has(lib, "rebuilt"), "no message on a garbage index");
	cr_assert(library_indexed(lib));
	library_free(lib);
	free(db);
}

Test(library, corrupt_pages_are_never_trusted)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db;
	struct library *lib;
	struct stat sb;
	long off;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	db = the_db(cache);
	cr_assert(stat(db, &sb) == 0);
	/* Every page but the first, one at a time, garbled: whatever it
	 * held, the library opens with its three stories. */
	for (off = 4096; off < sb.st_size; off += 4096) {
		library_free(open_lib(dir, cache, NULL));
		garbage_over(db, off, 512);
		lib = open_lib(dir, cache, NULL);
		cr_assert_eq(library_count(lib), 3, "page at %ld", off);
		library_free(lib);
	}
	free(db);
}

static void
set_pragma(const char *db, const char *sql)
{
	sqlite3 *h;

	cr_assert(sqlite3_open(db, &h) == SQLITE_OK);
	cr_assert(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
}

Test(library, another_version_is_rebuilt)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db;
	struct progress p = { 0 };
	struct library *lib;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	db = the_db(cache);
	set_pragma(db, "PRAGMA user_version = 99");
	lib = open_lib(dir, cache, &p);
	cr_assert(log_has(lib, "another version"));
	cr_assert_eq(p.total, 3, "an old index was trusted");
	cr_assert_eq(library_count(lib), 3);
	library_free(lib);
	free(db);
}

/* A file's record cut short (its last NUL gone) or replaced by a few
 * bytes is no record: the index is not trusted, every file is read. */
Test(library, a_record_that_is_not_one_is_rebuilt)
{
	static const char *const cuts[] = {
		"UPDATE files SET rec = substr(rec, 1, length(rec) - 1)"
		" WHERE id = (SELECT min(id) FROM files)",
		"UPDATE files SET rec = x'0102' WHERE id = (SELECT max(id)"
		" FROM files)",
	};
	size_t i;

	for (i = 0; i < 2; i++) {
		char *dir = make_tempdir(), *cache = make_tempdir(), *db;
		struct progress p = { 0 };
		struct library *lib;

		three_stories(dir);
		library_free(open_lib(dir, cache, NULL));
		db = the_db(cache);
		set_pragma(db, cuts[i]);
		lib = open_lib(dir, cache, &p);
		cr_assert(log_has(lib, "cannot be read"), "cut %zu", i);
		cr_assert_eq(p.total, 3, "a broken record was trusted");
		cr_assert_eq(library_count(lib), 3);
		cr_assert_neq(row_by_headline(lib, "Alpha talks"), NONE);
		cr_assert_neq(row_by_headline(lib, "Bravo vote"), NONE);
		library_free(lib);
		lib = open_lib(dir, cache, &p);
		cr_assert_not(log_has(lib, "cannot be read"));
		cr_assert_eq(library_count(lib), 3);
		library_free(lib);
		free(db);
	}
}

Test(library, foreign_database_is_rebuilt)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db;
	struct library *lib;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	db = the_db(cache);
	set_pragma(db, "PRAGMA application_id = 7");
	lib = open_lib(dir, cache, NULL);
	cr_assert(log_has(lib, "not a newslens index"));
	cr_assert_eq(library_count(lib), 3);
	library_free(lib);
	free(db);
}

Test(library, two_writers_at_once)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	pid_t kids[2];
	int i, status;

	for (i = 0; i < 300; i++) {
		char name[32], head[32];

		snprintf(name, sizeof name, "s%03d.xml", i);
		snprintf(head, sizeof head, "Story %d", i);
		put_story(dir, name, head, "2020-01-01", "", "<p>Text.</p>");
	}
	/* Both index the same cold library at the same time. */
	for (i = 0; i < 2; i++) {
		kids[i] = fork();
		cr_assert(kids[i] >= 0);
		if (kids[i] == 0) {
			struct library_opts o;
			struct diag d = DIAG_INIT;
			struct library *lib;

			library_opts_init(&o);
			o.cache_dir = cache;
			lib = library_open_dir(dir, &o, &d);
			_exit(lib != NULL && library_count(lib) == 300 ? 0 : 1);
		}
	}
	for (i = 0; i < 2; i++) {
		cr_assert(waitpid(kids[i], &status, 0) == kids[i]);
		cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "writer %d did not see the whole library", i);
	}
	library_free(open_lib(dir, cache, NULL));
}

Test(library, interrupted_keeps_what_was_indexed)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct progress p = { 0 };
	struct library *lib;
	int i;

	for (i = 0; i < 600; i++) {
		char name[32];

		snprintf(name, sizeof name, "s%03d.xml", i);
		put_story(dir, name, "Same", NULL, "", "<p>T.</p>");
		age(dir, name);
	}
	p.stop_at = 300;
	lib = open_lib(dir, cache, &p);
	cr_assert(library_stopped(lib));
	cr_assert_eq(library_count(lib), 300);
	library_free(lib);
	memset(&p, 0, sizeof p);
	lib = open_lib(dir, cache, &p);
	cr_assert_not(library_stopped(lib));
	cr_assert_eq(library_count(lib), 600);
	/* The first 256 were committed before the stop (a transaction a
	 * 256 files): at most 344 are left to parse. */
	cr_assert_leq(p.total, 344, "the interrupted work was lost: %zu",
	    p.total);
	library_free(lib);
}

Test(library, no_index_writes_nothing)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library_opts o;
	struct diag d = DIAG_INIT;
	struct library *lib;

	three_stories(dir);
	library_opts_init(&o);
	o.cache_dir = cache;
	o.no_index = true;
	lib = library_open_dir(dir, &o, &d);
	cr_assert_eq(library_count(lib), 3);
	cr_assert_not(library_indexed(lib));
	library_free(lib);
	cr_assert_eq(count_entries(cache), 0);
}

Test(library, cache_inside_the_library_is_not_used)
{
	char *dir = make_tempdir(), *cache;
	struct library *lib;

	three_stories(dir);
	cache = test_join(dir, "cache");
	lib = open_lib(dir, cache, NULL);
	cr_assert_not(library_indexed(lib));
	cr_assert(log_has(lib, "inside the library"));
	cr_assert_eq(library_count(lib), 3);
	library_free(lib);
	/* The folder may have been made; nothing is in it. */
	cr_assert(access(cache, F_OK) != 0 || count_entries(cache) == 0);
}

/* ---- hostile libraries --------------------------------------------- */

Test(library, symlink_loop_fifo_and_escape_names)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *p;
	struct library *lib;
	size_t i;

	three_stories(dir);
	p = test_join(dir, "loop");
	cr_assert(symlink(".", p) == 0);
	free(p);
	p = test_join(dir, "self.xml");
	cr_assert(symlink("self.xml", p) == 0);
	free(p);
	p = test_join(dir, "fifo.xml");
	cr_assert(mkfifo(p, 0600) == 0);
	free(p);
	put_story(dir, "\x1b[2J\x9b" "evil.xml", "Evil \x1b]0;title\x07", NULL,
	    "", "<p>x</p>");
	lib = open_lib(dir, cache, NULL);
	cr_assert_eq(library_count(lib), 4);
	cr_assert(log_has(lib, "loop"), "no line for the link loop");
	cr_assert(log_has(lib, "fifo.xml: skipped: not a regular file"));
	for (i = 0; i < library_log_count(lib); i++)
		cr_assert_null(strchr(library_log_line(lib, i), '\x1b'));
	for (i = 0; i < library_count(lib); i++) {
		const struct library_row *r = library_row(lib, i);

		cr_assert_null(strchr(r->shown, '\x1b'));
		cr_assert_null(strchr(r->rel, '\x1b'));
		cr_assert(r->error == NULL || strchr(r->error, '\x1b') == NULL);
	}
	library_free(lib);
}

static void
change_next(struct progress *p, size_t done)
{
	/* While the first file is indexed, the last one changes. */
	if (done == 1)
		put_story(p->dir, "c.xml", "Charlie changed", NULL, "",
		    "<p>Changed while indexed.</p>");
}

Test(library, file_changed_while_indexed)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct progress p = { 0 };
	struct library *lib;

	three_stories(dir);
	p.hook = change_next;
	p.dir = dir;
	library_free(open_lib(dir, cache, &p));
	lib = open_lib(dir, cache, NULL);
	cr_assert_neq(row_by_headline(lib, "Charlie changed"), NONE,
	    "a change during indexing was missed");
	library_free(lib);
}

Test(library, ten_thousand_broken_files)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct progress p = { 0 };
	struct library *lib;
	size_t i;

	for (i = 0; i < 10000; i++) {
		char name[32], *path;

		snprintf(name, sizeof name, "b%05zu.xml", i);
		path = test_join(dir, name);
		write_file(path, "<story version=\"1\">", 19);
		free(path);
		age(dir, name);
	}
	lib = open_lib(dir, cache, NULL);
	cr_assert_eq(library_count(lib), 10000);
	for (i = 0; i < library_count(lib); i++)
		cr_assert_not_null(library_row(lib, i)->error);
	library_free(lib);
	/* Broken files are kept in the index too: not parsed again. */
	lib = open_lib(dir, cache, &p);
	cr_assert_eq(p.calls, 0);
	cr_assert_eq(library_count(lib), 10000);
	library_free(lib);
}

/* ---- the list's view ------------------------------------------------ */

Test(library, sort_and_filter)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library *lib;
	struct library_view *v;
	bool complete;

	three_stories(dir);
	put_story(dir, "e.xml", "Échos du café", NULL, "", "<p>x</p>");
	lib = open_lib(dir, cache, NULL);
	v = library_view_new(lib);
	library_view_sort(v, LIBRARY_SORT_HEADLINE);
	cr_assert_str_eq(library_row(lib, library_view_row(v, 0))->headline,
	    "Alpha talks");
	library_view_filter(v, "CAFE", 4);
	cr_assert_eq(library_view_known(v, &complete), 0);
	cr_assert_not(complete);
	cr_assert_str_eq(library_row(lib, library_view_row(v, 0))->headline,
	    "Échos du café");
	cr_assert_eq(library_view_row(v, 1), NONE);
	cr_assert_eq(library_view_count(v), 1);
	library_view_filter(v, "", 0);
	cr_assert_eq(library_view_count(v), 4);
	library_view_sort(v, LIBRARY_SORT_DATE);
	cr_assert_eq(library_view_find(v, row_by_headline(lib, "Bravo vote")),
	    0);
	library_view_free(v);
	library_free(lib);
}

/* Whether row a stands before row b in the date order: newest first,
 * undated last, ties in path order. */
static bool
date_before(const struct library *lib, size_t a, size_t b)
{
	const char *wa = library_row(lib, a)->when, *wb = library_row(lib, b)->when;
	int c;

	if (wa == NULL || wb == NULL)
		c = (wa == NULL) - (wb == NULL);
	else
		c = -strcmp(wa, wb);
	return c != 0 ? c < 0 : a < b;
}

/* An order is sorted as far as it is read (library_view.c): read in
 * pieces, from two views, a find and a filter between, it is the whole
 * sort all the same, ties (same date, same size) in path order. */
Test(library, orders_read_in_pieces_are_the_whole_sort)
{
	static const char *const whens[] = { "2020-01-12", "2019-05-01",
	    "2020-01-12T10:00", NULL, "2021-03-03" };
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library *lib;
	struct library_view *v, *w;
	size_t i, n, *seen;

	for (i = 0; i < 60; i++) {
		char rel[32], head[32];

		snprintf(rel, sizeof rel, "s%02zu.xml", i);
		snprintf(head, sizeof head, "Story %zu", i % 7);
		put_story(dir, rel, head, whens[i % 5], "", i % 3 ? "<p>x</p>"
		    : "<p>xyz</p>");
	}
	lib = open_lib(dir, cache, NULL);
	n = library_count(lib);
	cr_assert_eq(n, 60);
	v = library_view_new(lib);
	w = library_view_new(lib);
	cr_assert_neq(library_view_row(v, 0), NONE);
	cr_assert_lt(library_view_find(w, 30), n);
	library_view_filter(w, "Story 3", 7);
	cr_assert_eq(library_view_count(w), 9);
	library_view_filter(w, "", 0);
	seen = calloc(n, sizeof *seen);
	for (i = 0; i < n; i++) {
		size_t r = library_view_row(i % 2 ? v : w, i);

		cr_assert_lt(r, n);
		cr_assert_eq(seen[r], 0, "row %zu twice", r);
		seen[r] = 1;
		if (i > 0)
			cr_assert(date_before(lib, library_view_row(v, i - 1), r),
			    "position %zu out of order", i);
	}
	cr_assert_eq(library_view_row(v, n), NONE);
	library_view_sort(v, LIBRARY_SORT_SIZE);
	for (i = 1; i < n; i++) {
		const struct library_row *a = library_row(lib,
		    library_view_row(v, i - 1)), *b = library_row(lib,
		    library_view_row(v, i));

		cr_assert(a->size > b->size || (a->size == b->size &&
		    library_view_row(v, i - 1) < library_view_row(v, i)));
	}
	free(seen);
	library_view_free(v);
	library_view_free(w);
	library_free(lib);
}

/* ---- titles and links ------------------------------------------------ */

Test(library, title_keys_fold_case_punctuation_quotes_dashes)
{
	char *a = library_title_key("US officials’ “last-ditch” talks — UK"),
	    *b = library_title_key("us officials' \"last ditch\" talks - uk"),
	    *c = library_title_key("US officials: last–ditch talks, UK!"),
	    *d = library_title_key("US officials last talks UK");

	cr_assert_str_eq(a, b);
	cr_assert_str_eq(a, c);
	cr_assert_str_neq(a, d);
	cr_assert_str_eq(a, "us officials last ditch talks uk");
	free(a);
	free(b);
	free(c);
	free(d);
}

Test(library, read_more_by_href_and_by_title)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct diag d = DIAG_INIT;
	struct library *lib;
	struct story *st;
	enum library_link how;
	size_t a;

	put_story(dir, "a.xml", "Alpha", NULL, "",
	    "<p>x</p><related id=\"r1\" href=\"sub/b.xml\">B</related>"
	    "<related id=\"r2\">“Charlie” — the COURT</related>"
	    "<related id=\"r3\" href=\"../outside.xml\">Out</related>"
	    "<related id=\"r4\">Nowhere</related>");
	cr_assert(mkdir(test_join(dir, "sub"), 0700) == 0);
	put_story(dir, "sub/b.xml", "Bravo", NULL, "", "<p>x</p>");
	put_story(dir, "c.xml", "Charlie: the court", NULL, "", "<p>x</p>");
	lib = open_lib(dir, cache, NULL);
	a = row_by_headline(lib, "Alpha");
	st = library_load(lib, a, &d);
	cr_assert_not_null(st);
	cr_assert_eq(library_related(lib, a, st, 0, &how),
	    row_by_headline(lib, "Bravo"));
	cr_assert_eq(how, LIBRARY_LINK_HREF);
	cr_assert_eq(library_related(lib, a, st, 1, &how),
	    row_by_headline(lib, "Charlie: the court"));
	cr_assert_eq(how, LIBRARY_LINK_TITLE);
	cr_assert_eq(library_related(lib, a, st, 2, &how), NONE);
	cr_assert_eq(how, LIBRARY_LINK_NONE);
	cr_assert_eq(library_related(lib, a, st, 3, &how), NONE);
	story_free(st);
	library_free(lib);
	diag_free(&d);
}

/* ---- actors across stories ----------------------------------------- */

static void
actor_library(const char *dir)
{
	put_story(dir, "a.xml", "A", NULL,
	    "<actor id=\"huawei\" kind=\"company\"><name>Huawei</name></actor>"
	    "<actor id=\"china\" kind=\"country\"><name>China</name></actor>",
	    "<p><mention actor=\"huawei\">Huawei</mention> and "
	    "<mention actor=\"china\">China</mention>.</p>");
	put_story(dir, "b.xml", "B", NULL,
	    "<actor id=\"hw\" kind=\"company\"><name>Huawei Technologies"
	    "</name><alias>HUAWEI</alias></actor>",
	    "<p>Said <mention actor=\"hw\">it</mention>.</p>"
	    "<p><mention actor=\"hw\">Huawei</mention> again.</p>");
	put_story(dir, "c.xml", "C", NULL,
	    "<actor id=\"huawei\" kind=\"person\"><name>Mr Huawei Li</name>"
	    "</actor>", "<p><mention actor=\"huawei\">Li</mention>.</p>");
	put_story(dir, "d.xml", "D", NULL,
	    "<actor id=\"beijing\" kind=\"government\" same-as=\"china\">"
	    "<name>Beijing</name></actor>"
	    "<actor id=\"min\" kind=\"person\" member-of=\"beijing\">"
	    "<name>A minister</name></actor>",
	    "<p><mention actor=\"beijing\">Beijing</mention>, "
	    "<mention actor=\"min\">he</mention>.</p>");
}

Test(library, actor_identity_across_stories)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct diag d = DIAG_INIT;
	struct library_place *p;
	struct library *lib;
	struct story *st;
	size_t a, n;

	actor_library(dir);
	lib = open_lib(dir, cache, NULL);
	a = row_by_headline(lib, "A");
	st = library_load(lib, a, &d);
	/* huawei (company): b by alias; not c, a person of the same id. */
	n = library_actor_stories(lib, a, st, 0, &p);
	cr_assert_eq(n, 1);
	cr_assert_eq(p[0].row, row_by_headline(lib, "B"));
	cr_assert_str_eq(p[0].actor_id, "hw");
	cr_assert_eq(p[0].mentions, 2);
	cr_assert_eq(p[0].block, 0, "the first mention's place");
	free(p);
	/* china: d by its same-as. */
	n = library_actor_stories(lib, a, st, 1, &p);
	cr_assert_eq(n, 1);
	cr_assert_eq(p[0].row, row_by_headline(lib, "D"));
	free(p);
	story_free(st);
	library_free(lib);
	diag_free(&d);
}

Test(library, library_wide_actors_grouped)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	const struct library_actor *la;
	struct library_place *p;
	struct library *lib;
	size_t n, i, china = NONE, huawei = NONE;

	actor_library(dir);
	lib = open_lib(dir, cache, NULL);
	n = library_actors(lib, &la);
	/* Huawei (a, b), China (a, d) with its minister, Mr Huawei Li. */
	cr_assert_eq(n, 4);
	for (i = 0; i < n; i++) {
		if (strcmp(la[i].name, "China") == 0)
			china = i;
		if (strcmp(la[i].name, "Huawei") == 0)
			huawei = i;
	}
	cr_assert_neq(china, NONE);
	cr_assert_neq(huawei, NONE);
	cr_assert_eq(la[huawei].nstories, 2);
	cr_assert_eq(la[huawei].nmentions, 3);
	cr_assert_eq(la[china].nstories, 2);
	cr_assert_eq(la[china + 1].parent, china, "the minister under China");
	cr_assert_eq(la[china + 1].depth, 1);
	cr_assert_eq(library_actor_places(lib, huawei, &p), 2);
	free(p);
	library_free(lib);
}

/* ---- search ---------------------------------------------------------- */

Test(library, search_folds_and_steps)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library_search *s;
	struct library *lib;
	const struct library_hit *h;

	put_story(dir, "a.xml", "Café talks", NULL, "",
	    "<p>At the CAFE on Monday.</p><p>No match.</p>");
	put_story(dir, "b.xml", "Other", NULL, "",
	    "<p>The café’s owner \xc2\x9b" "2J.</p>");
	lib = open_lib(dir, cache, NULL);
	s = library_search(lib, "cafe", 4);
	cr_assert_eq(library_search_count(s), 3);
	h = library_search_hit(s, 0);
	cr_assert_eq(h->block, NONE, "the headline first");
	h = library_search_hit(s, 1);
	cr_assert_eq(h->block, 0);
	cr_assert_eq(h->end - h->start, 4);
	cr_assert(strncmp(h->context + h->cstart, "CAFE", 4) == 0);
	h = library_search_hit(s, 2);
	cr_assert_eq(h->row, row_by_headline(lib, "Other"));
	cr_assert_null(strstr(h->context, "\xc2\x9b"), "a C1 control raw");
	cr_assert_eq(library_search_step(s, 2, true), 0);
	cr_assert_eq(library_search_step(s, 0, false), 2);
	library_search_free(s);
	s = library_search(lib, "nothing here", 12);
	cr_assert_eq(library_search_count(s), 0);
	cr_assert_eq(library_search_step(s, NONE, true), NONE);
	library_search_free(s);
	library_free(lib);
}

/* Both ways of searching, the index and the files (--no-index), over
 * one library: the same hits, or the message says which needle. */
static struct library *
open_no_index(const char *dir)
{
	struct library_opts o;
	struct diag d = DIAG_INIT;
	struct library *lib;

	library_opts_init(&o);
	o.no_index = true;
	lib = library_open_dir(dir, &o, &d);
	cr_assert_not_null(lib);
	diag_free(&d);
	return lib;
}

/* The hits of needle in lib as lines "rel block start end". */
static char *
hits_of(struct library *lib, const char *needle, size_t len, size_t *n)
{
	struct library_search *s = library_search(lib, needle, len);
	struct buf b = BUF_INIT;
	size_t i;

	*n = library_search_count(s);
	for (i = 0; i < *n; i++) {
		const struct library_hit *h = library_search_hit(s, i);

		buf_printf(&b, "%s %zd %zu %zu\n", library_row(lib, h->row)->rel,
		    h->block == NONE ? (ssize_t)-1 : (ssize_t)h->block,
		    h->start, h->end);
	}
	library_search_free(s);
	return b.data ? buf_detach(&b) : xstrdup("");
}

/* Asserts that both give the same hits for needle; returns how many. */
static size_t
same_hits(struct library *indexed, struct library *direct,
    const char *needle, size_t len)
{
	size_t ni, nd;
	char *hi = hits_of(indexed, needle, len, &ni);
	char *hd = hits_of(direct, needle, len, &nd);

	cr_assert_str_eq(hi, hd, "needle \"%s\": the index found %zu, the "
	    "files %zu:\n%s---\n%s", vis(needle, len), ni, nd, hi, hd);
	free(hi);
	free(hd);
	return ni;
}

static void
tricky_stories(const char *dir)
{
	put_story(dir, "a.xml", "Huawei’s rivals", "2020-01-10", "",
	    "<p>The HUAWEI phone sold; Huawei said so.</p>"
	    "<p>The UK’s ban, the UK's ban, and co-op key:value.</p>");
	put_story(dir, "b.xml", "Zoë and Zoe\xcc\x88", "2020-01-11", "",
	    "<p>Zoë met Zoe\xcc\x88 at the Straße café — then left.</p>"
	    "<p>He said \"no\" and a*b NEAR(x y) -minus ^caret (paren).</p>");
	put_story(dir, "c.xml", "ab", "2020-01-12", "",
	    "<p>a</p><p>x</p><p>naïve NAIVE naive</p>");
	age(dir, "a.xml");
	age(dir, "b.xml");
	age(dir, "c.xml");
}

Test(library, search_index_and_files_agree_on_every_needle)
{
	static const char *const needles[] = {
		/* inside a word, across a space, across words */
		"uawei", "awe", "ei phone", "i said so", "e hu",
		/* an apostrophe either way, against either */
		"uk's", "UK’s", "k’s b", "s'",
		/* diacritics: none finds both, one finds its own */
		"zoe", "zoë", "Zoe\xcc\x88", "ZOË", "e\xcc\x88", "naive",
		"naïve", "strasse", "STRASSE", "ße", "caf", "é", "\xcc\x88",
		/* dashes, one and two bytes */
		"—", "-", " - ", "e", "a", "ab", "b", "x", "é ", "’",
		/* FTS5 syntax, and text that looks like it */
		"\"", "\"no\"", "*", "a*", "a*b", "NEAR", "NEAR(x y)",
		"NEAR(", "-minus", ":", "key:value", "^", "^caret", "(",
		"(paren)", "AND", "OR", "NOT", "\"\"", "a OR b",
		/* nothing there */
		"zephyr", "huaweii",
	};
	char *dir = make_tempdir(), *cache = make_tempdir(), *longer;
	struct library *indexed, *direct;
	size_t i, found = 0;

	tricky_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	indexed = open_lib(dir, cache, NULL);
	cr_assert(library_indexed(indexed));
	direct = open_no_index(dir);
	cr_assert_not(library_indexed(direct));
	for (i = 0; i < sizeof needles / sizeof needles[0]; i++)
		found += same_hits(indexed, direct, needles[i],
		    strlen(needles[i])) > 0;
	/* Not all empty on both sides: the needles above that are in
	 * the texts. */
	cr_assert_geq(found, 40, "only %zu needles found anything", found);
	cr_assert_eq(same_hits(indexed, direct, "uawei", 5), 3);
	cr_assert_eq(same_hits(indexed, direct, "uk's", 4), 2);
	cr_assert_eq(same_hits(indexed, direct, "zoe", 3), 4);
	cr_assert_eq(same_hits(indexed, direct, "zoë", 4), 4);
	cr_assert_eq(same_hits(indexed, direct, "\"no\"", 4), 1);
	cr_assert_eq(same_hits(indexed, direct, "ab", 2), 1);
	longer = xmalloc(4097);
	memset(longer, 'a', 4096);
	longer[4096] = '\0';
	cr_assert_eq(same_hits(indexed, direct, longer, 4096), 0);
	memcpy(longer, "huawei phone sold", 17);
	cr_assert_eq(same_hits(indexed, direct, longer, 4096), 0);
	free(longer);
	library_free(indexed);
	library_free(direct);
}

/* A small generator of texts made to trouble a fold: letters with and
 * without marks, composed and not, ligatures, sharp s, dotted I, final
 * sigma, typographic quotes, dashes and spaces. */
static const char *const tricky_pieces[] = {
	"a", "b", "e", "E", "é", "e\xcc\x81", "\xcc\x81", "ß", "ss", "ﬁ",
	"fi", "İ", "i", "Σ", "σ", "ς", "’", "'", "“", "\"", "–", "-", " ",
	"\xc2\xa0", "ǅ", "\xea\xb0\x80", "\xe1\x84\x80\xe1\x85\xa1", "ñ",
	"n\xcc\x83", "*", ":", "(",
};
#define NPIECES (sizeof tricky_pieces / sizeof tricky_pieces[0])

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void
tricky_text(struct buf *b, uint32_t *seed, size_t pieces)
{
	size_t i;

	for (i = 0; i < pieces; i++)
		buf_puts(b, tricky_pieces[lcg(seed) % NPIECES]);
}

Test(library, search_index_and_files_agree_on_generated_text)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct library *indexed, *direct;
	uint32_t seed = 13;
	size_t i, k, found = 0;

	for (i = 0; i < 6; i++) {
		struct buf body = BUF_INIT, head = BUF_INIT, rel = BUF_INIT;

		tricky_text(&head, &seed, 6);
		for (k = 0; k < 4; k++) {
			buf_puts(&body, "<p>x");
			tricky_text(&body, &seed, 40);
			buf_puts(&body, "</p>");
		}
		buf_printf(&rel, "s%zu.xml", i);
		put_story(dir, rel.data, head.data, NULL, "", body.data);
		age(dir, rel.data);
		buf_free(&body);
		buf_free(&head);
		buf_free(&rel);
	}
	library_free(open_lib(dir, cache, NULL));
	indexed = open_lib(dir, cache, NULL);
	cr_assert(library_indexed(indexed));
	cr_assert_eq(library_count(indexed), 6, "a generated story broken");
	direct = open_no_index(dir);
	for (i = 0; i < 400; i++) {
		struct buf needle = BUF_INIT;

		tricky_text(&needle, &seed, 1 + i % 5);
		found += same_hits(indexed, direct, needle.data, needle.len) > 0;
		buf_free(&needle);
	}
	cr_assert_geq(found, 100, "only %zu needles found anything", found);
	library_free(indexed);
	library_free(direct);
}

/* A story of some 20,000 distinct trigrams, more than the index's
 * tokenizer starts with room for: each of its words is found. */
Test(library, search_index_and_files_agree_on_a_story_of_many_trigrams)
{
	char *dir = make_tempdir(), *cache = make_tempdir();
	struct buf body = BUF_INIT, word = BUF_INIT;
	struct library *indexed, *direct;
	uint32_t seed = 7;
	size_t i, k;

	buf_puts(&body, "<p>");
	for (i = 0; i < 12000; i++) {
		for (k = 0; k < 5; k++)
			buf_putc(&body, (char)('a' + lcg(&seed) % 26));
		buf_putc(&body, ' ');
	}
	buf_puts(&body, "</p>");
	put_story(dir, "many.xml", "Many", NULL, "", body.data);
	age(dir, "many.xml");
	library_free(open_lib(dir, cache, NULL));
	indexed = open_lib(dir, cache, NULL);
	direct = open_no_index(dir);
	for (i = 0; i < 60; i++) {
		/* A word from all along the text, and its end and the next
		 * one's start. */
		size_t at = 3 + (i * 997 % 12000) * 6;

		buf_free(&word);
		buf_append(&word, body.data + at, 5);
		cr_assert_geq(same_hits(indexed, direct, word.data, 5), 1,
		    "\"%s\" not found", word.data);
		buf_free(&word);
		buf_append(&word, body.data + at + 3, 5);
		cr_assert_geq(same_hits(indexed, direct, word.data, 5), 1);
	}
	buf_free(&word);
	buf_free(&body);
	library_free(indexed);
	library_free(direct);
}

/* A new story the index cannot take (another process holds the write
 * lock past the busy timeout) is read directly, and found all the
 * same: a search does not trust an index that missed rows. */
Test(library, search_finds_what_a_locked_index_could_not_take)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db;
	struct library_search *s;
	struct library *lib;
	sqlite3 *h;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	put_story(dir, "new.xml", "Phones", NULL, "", "<p>Huawei sold.</p>");
	age(dir, "new.xml");
	db = the_db(cache);
	cr_assert(sqlite3_open(db, &h) == SQLITE_OK);
	cr_assert(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK);
	lib = open_lib(dir, cache, NULL);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
	cr_assert(log_has(lib, "cannot lock"), "%s",
	    library_log_count(lib) ? library_log_line(lib, 0) : "no log");
	cr_assert_eq(library_count(lib), 4);
	s = library_search(lib, "uawei", 5);
	cr_assert_eq(library_search_count(s), 1, "the new story missed");
	library_search_free(s);
	s = library_search(lib, "court", 5);
	cr_assert_eq(library_search_count(s), 2);
	library_search_free(s);
	library_free(lib);
	free(db);
}

/* The tables of version 1, which indexed words: a library indexed by
 * it must be indexed again, or a substring would not be found. */
static const char version1[] =
	"PRAGMA application_id = 1313622338;"
	"PRAGMA user_version = 1;"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" rel BLOB UNIQUE NOT NULL, size INTEGER, mtime INTEGER, ino INTEGER,"
	" hash INTEGER, checked INTEGER, whenx TEXT, headline TEXT,"
	" source TEXT, nactors INTEGER, nclaims INTEGER, nquotes INTEGER,"
	" error TEXT, fkey TEXT, hkey TEXT);"
	"CREATE TABLE blobs(file INTEGER PRIMARY KEY, actors BLOB, texts BLOB);"
	"CREATE VIRTUAL TABLE texts USING fts5(folded, content='',"
	" columnsize=0, detail=none, tokenize='unicode61 remove_diacritics 2');";

static void
unlink_db(const char *db)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	size_t i;

	for (i = 0; i < 3; i++) {
		char *p = NULL;

		cr_assert(asprintf(&p, "%s%s", db, ext[i]) > 0);
		unlink(p);
		free(p);
	}
}

Test(library, a_build_left_by_a_dead_process_is_removed_never_used)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db, *tmp = NULL;
	struct library *lib;
	FILE *f;

	three_stories(dir);
	library_free(open_lib(dir, cache, NULL));
	/* A complete build leaves the index alone, no temporary. */
	cr_assert_eq(count_entries(cache), 1);
	db = the_db(cache);
	unlink_db(db);
	/* A build killed midway: its temporary, of a pid beyond any. */
	cr_assert(asprintf(&tmp, "%s.new-99999999", db) > 0);
	cr_assert_not_null(f = fopen(tmp, "w"));
	fputs("half an index", f);
	fclose(f);
	lib = open_lib(dir, cache, NULL);
	cr_assert_eq(library_count(lib), 3);
	cr_assert(library_indexed(lib));
	library_free(lib);
	cr_assert(access(tmp, F_OK) != 0, "the dead build was left");
	cr_assert(access(db, F_OK) == 0);
	cr_assert_eq(count_entries(cache), 1);
	free(tmp);
	free(db);
}

Test(library, version_1_index_is_rebuilt_for_substrings)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *db, *sql;
	struct progress p = { 0 };
	struct library_search *s;
	struct library *lib;
	sqlite3 *h;

	tricky_stories(dir);
	lib = open_lib(dir, cache, NULL);
	cr_assert(asprintf(&sql, "INSERT INTO meta VALUES('root', '%s')",
	    library_root(lib)) > 0);
	library_free(lib);
	/* In its place, the same library as version 1 indexed it. */
	db = the_db(cache);
	unlink_db(db);
	cr_assert(sqlite3_open(db, &h) == SQLITE_OK);
	cr_assert(sqlite3_exec(h, version1, NULL, NULL, NULL) == SQLITE_OK);
	cr_assert(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	free(sql);
	lib = open_lib(dir, cache, &p);
	cr_assert(log_has(lib, "index an index of another version: rebuilt"),
	    "%s", library_log_count(lib) ? library_log_line(lib, 0) : "");
	cr_assert_eq(p.total, 3, "a version 1 index was trusted");
	s = library_search(lib, "uawei", 5);
	cr_assert_eq(library_search_count(s), 3);
	library_search_free(s);
	library_free(lib);
	free(db);
}

/* ---- the command line ---------------------------------------------- */

#define NL(r, ...) do { \
	const char *nl_argv_[] = { test_prog(), __VA_ARGS__, NULL }; \
	run_prog_timeout((r), nl_argv_, NULL, KILL_SECONDS); \
} while (0)

static char *
cli_library(void)
{
	char *dir = make_tempdir(), *cache = make_tempdir();

	setenv("XDG_CACHE_HOME", cache, 1);
	three_stories(dir);
	put_story(dir, "\x1b]0;x\x07name.xml", "Hostile \xc2\x9b" "2J", NULL,
	    "", "<p>The ban \xe2\x80\xae txt.</p>");
	put_story(dir, "broken.xml", "Broken", NULL, "",
	    "<p><mention actor=\"nobody\">x</mention></p>");
	return dir;
}

Test(library_cli, list_stories)
{
	char *dir = cli_library();
	struct run r;

	NL(&r, "--list", "stories", dir);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strncmp(r.out, "path\twhen\theadline\tsource\tactors\t"
	    "claims\tquotes\n", 44) == 0);
	cr_assert_not_null(strstr(r.out, "/a.xml\t2020-01-10\tAlpha talks\t\t"
	    "1\t0\t0\n"));
	cr_assert_null(strstr(r.out, "Broken"), "a broken story listed");
	cr_assert_not_null(strstr(r.err, "broken.xml"));
	cr_assert_null(memchr(r.out, '\x1b', r.outlen));
	cr_assert_null(strstr(r.out, "\xc2\x9b"), "a C1 control raw");
	/* Newest first: b (12th) before c (11th) before a (10th). */
	cr_assert(strstr(r.out, "Bravo") < strstr(r.out, "Charlie"));
	cr_assert(strstr(r.out, "Charlie") < strstr(r.out, "Alpha"));
	run_free(&r);
	NL(&r, "--list", "stories", "--limit", "1", dir);
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, "Bravo"));
	cr_assert_null(strstr(r.out, "Charlie"));
	/* The broken story sorts last, past the limit: still said. */
	cr_assert_not_null(strstr(r.err, "broken.xml"));
	run_free(&r);
	NL(&r, "--list", "stories", "--no-index", dir);
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, "Alpha talks"));
	run_free(&r);
	NL(&r, "--list", "stories", "/nonexistent/library");
	cr_assert_eq(r.status, 1);
	run_free(&r);
	NL(&r, "--list", "stories");
	cr_assert_eq(r.status, 2);
	run_free(&r);
}

Test(library_cli, search)
{
	char *dir = cli_library();
	struct run r;

	NL(&r, "--search", "BAN", dir);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_not_null(strstr(r.out, "/b.xml:1: Parliament voted on the "
	    "ban.\n"));
	cr_assert_not_null(strstr(r.out, "name.xml:1: The ban <U+202E> "
	    "txt.\n"), "%s", r.out);
	cr_assert_null(memchr(r.out, '\x1b', r.outlen));
	cr_assert_null(strstr(r.out, "\xe2\x80\xae"), "a bidi override raw");
	run_free(&r);
	NL(&r, "--search", "Alpha", dir);
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, "/a.xml:0: Alpha talks\n"));
	run_free(&r);
	NL(&r, "--search", "zebra", dir);
	cr_assert_eq(r.status, 1, "nothing matched, as grep");
	cr_assert_eq(r.outlen, 0);
	run_free(&r);
	NL(&r, "--search", "ban", "--no-index", dir);
	cr_assert_eq(r.status, 0);
	cr_assert_not_null(strstr(r.out, "Parliament voted"));
	run_free(&r);
	NL(&r, "--search", "ban");
	cr_assert_eq(r.status, 2);
	run_free(&r);
}

Test(library_cli, search_inside_words_as_without_the_index)
{
	char *dir = make_tempdir(), *cache = make_tempdir(), *indexed;
	struct run r;

	setenv("XDG_CACHE_HOME", cache, 1);
	put_story(dir, "h.xml", "Phones", NULL, "",
	    "<p>Huawei sold more; the UK’s ban held.</p>");
	age(dir, "h.xml");
	NL(&r, "--list", "stories", dir);
	run_free(&r);
	NL(&r, "--search", "uawei", dir);
	cr_assert_eq(r.status, 0, "not found through the index: %s", r.err);
	cr_assert_not_null(strstr(r.out, "/h.xml:1: Huawei sold more; the UK’s "
	    "ban held.\n"), "%s", r.out);
	indexed = xstrdup(r.out);
	run_free(&r);
	NL(&r, "--search", "uawei", "--no-index", dir);
	cr_assert_eq(r.status, 0);
	cr_assert_str_eq(r.out, indexed);
	run_free(&r);
	NL(&r, "--search", "i sold m", dir);
	cr_assert_eq(r.status, 0, "not found across words");
	run_free(&r);
	NL(&r, "--search", "uk's b", dir);
	cr_assert_eq(r.status, 0, "a straight apostrophe missed a curly one");
	run_free(&r);
	free(indexed);
}
