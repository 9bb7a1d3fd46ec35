/* library_index.c - the SQLite index of a library.
 *
 * One database per library root, in the cache folder, named from the
 * root's real path (its last component, made safe, and a hash of the
 * whole).  It holds a row per file (what stat and the hash said, and
 * the story's row), the story's actors with their name keys, and its
 * paragraphs (headline included), with an FTS5 index of the trigrams
 * of their text folded for search (library_trigram.c) that finds a
 * needle anywhere, inside a word or across words.
 *
 * The index is a cache.  A database that cannot be opened, is not
 * ours (application_id), is of another version (user_version) or
 * another root, or says it is corrupt at any step, is deleted and
 * built again, with a line in the log; when even that fails, an
 * in-memory database takes its place for this run (the files read
 * directly, as --no-index does).  WAL and a busy timeout let two
 * processes use one library: a second writer waits for the first's
 * transaction (short ones, a few hundred files each), and one that
 * waits too long reads the rest directly.
 *
 * A file is taken from the index when its size, mtime and inode are
 * what the index has and its mtime is older than when it was indexed
 * (by two seconds: a file written in the same tick as it was indexed
 * may have changed unseen).  Any other is read and hashed; a file whose
 * hash is unchanged only has its stat updated, and only the rest are
 * parsed. */
#include "config.h"

#include "library/library_int.h"

#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xmalloc.h"

#define LIB_APP_ID	0x4e4c4942	/* "NLIB" */
/* 2: trigrams of the folded text in place of its words.  3: a file's
 * row one blob (lib_index_rec_put) in place of fourteen columns: a warm
 * opening of 10,000 stories read them in 40 M instructions of SQLite,
 * the blob in a tenth of that. */
#define LIB_VERSION	3
#define LIB_STR_(x)	#x
#define LIB_STR(x)	LIB_STR_(x)
#define LIB_BATCH	256		/* files a write transaction */
#define LIB_BUSY_MS	5000
#define LIB_RACY_NS	((int64_t)2000000000)

static const char lib_schema[] =
	"PRAGMA application_id = 1313622338;"
	"PRAGMA user_version = " LIB_STR(LIB_VERSION) ";"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
	/* File ids are never reused (AUTOINCREMENT): the FTS index is
	 * contentless, so a dropped file's entries stay in it, and a
	 * search drops the rowids whose file is gone. */
	"CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" rel BLOB UNIQUE NOT NULL, rec BLOB NOT NULL);"
	"CREATE TABLE blobs(file INTEGER PRIMARY KEY, actors BLOB, texts BLOB);"
	"CREATE VIRTUAL TABLE texts USING fts5(folded, content='',"
	" columnsize=0, detail=none, tokenize='newslens_trigram');"
	/* FTS5 merges its segments four at a time by default: each commit
	 * of LIB_BATCH files makes one, so the first indexing of 10,000
	 * stories merged them over and over (6% of its instructions).
	 * Sixteen at a time (its crisis threshold) leaves a search at most
	 * a few dozen segments to look in, a millisecond. */
	"INSERT INTO texts(texts, rank) VALUES('automerge', 16);";

/* The statements the sync runs for every file, prepared once. */
enum {
	Q_DEL_FILE, Q_DEL_BLOB, Q_INS_FILE, Q_INS_BLOB, Q_INS_FTS, Q_STAT,
	Q_NQ
};

static const char *const lib_sql[Q_NQ] = {
	"DELETE FROM files WHERE rel = ?1",
	"DELETE FROM blobs WHERE file = ?1",
	"INSERT INTO files(rel, rec) VALUES(?1, ?2)",
	"INSERT INTO blobs VALUES(?1, ?2, ?3)",
	"INSERT INTO texts(rowid, folded) VALUES(?1, ?2)",
	"UPDATE files SET rec = ?2 WHERE id = ?1",
};

struct lib_sync {
	struct library	*lib;
	sqlite3_stmt	*q[Q_NQ];
	bool		 failed;	/* the database gave up: read directly */
	bool		 intx;
	bool		 appended;	/* rows out of rel order */
	size_t		 batch;
	int64_t		 now;
	struct buf	 rec;		/* a record being written */
};

static int64_t
lib_index_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool
lib_index_db_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The cache folder: opts, else $XDG_CACHE_HOME/newslens, else
 * ~/.cache/newslens; caller-owned, NULL when there is no home. */
static char *
lib_index_cache_dir(const struct library *lib)
{
	struct buf b = BUF_INIT;
	const char *env;

	if (lib->opts.cache_dir != NULL)
		return xstrdup(lib->opts.cache_dir);
	if ((env = getenv("XDG_CACHE_HOME")) != NULL && env[0] == '/')
		buf_printf(&b, "%s/newslens", env);
	else if ((env = getenv("HOME")) != NULL && env[0] == '/')
		buf_printf(&b, "%s/.cache/newslens", env);
	else
		return NULL;
	return buf_detach(&b);
}

/* mkdir -p, private: the index holds the text of every story. */
static bool
lib_index_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	bool ok = true;

	for (s = p + 1; ok; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			ok = false;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return ok;
}

/* cache/lib-NAME-HASH.sqlite, NAME the root's last component in
 * [A-Za-z0-9._-], for a person who looks in the folder. */
static char *
lib_index_db_name(const char *cache, const char *root)
{
	struct buf b = BUF_INIT;
	const char *base = strrchr(root, '/');
	size_t i;

	buf_printf(&b, "%s/lib-", cache);
	base = base && base[1] ? base + 1 : "root";
	for (i = 0; base[i] != '\0' && i < 32; i++) {
		char c = base[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';

		buf_putc(&b, ok ? c : '_');
	}
	buf_printf(&b, "-%016llx.sqlite",
	    (unsigned long long)lib_hash(root, strlen(root)));
	return buf_detach(&b);
}

/* Whether path lies in the folder root (or is it). */
static bool
lib_index_within(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(path, root, n) == 0 &&
	    (path[n] == '/' || path[n] == '\0');
}

static void
lib_index_unlink(const char *db)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "%s%s", db, ext[i]);
		unlink(b.data);
		buf_free(&b);
	}
}

static int64_t
lib_index_db_int(sqlite3 *db, const char *sql, int *rc)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	*rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	if (*rc != SQLITE_OK)
		return -1;
	if ((*rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = sqlite3_column_int64(s, 0);
		*rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return v;
}

/* The root the database says it is for, or NULL; caller-owned. */
static char *
lib_index_db_root(sqlite3 *db)
{
	sqlite3_stmt *s;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = "
	    "'root'", -1, &s, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static bool
lib_index_db_create(sqlite3 *db, const char *root)
{
	sqlite3_stmt *s;
	bool ok;

	if (!lib_index_db_exec(db, "BEGIN IMMEDIATE"))
		return false;
	/* Another process may have made it while we waited. */
	if (lib_index_db_int(db, "PRAGMA user_version",
	    &(int){ 0 }) == LIB_VERSION) {
		lib_index_db_exec(db, "COMMIT");
		return true;
	}
	ok = lib_index_db_exec(db, lib_schema) && sqlite3_prepare_v2(db,
	    "INSERT INTO meta VALUES('root', ?1)", -1, &s, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_bind_text(s, 1, root, -1, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_DONE;
		sqlite3_finalize(s);
	}
	return lib_index_db_exec(db, ok ? "COMMIT" : "ROLLBACK") && ok;
}

/* What is wrong with the database, or NULL when it can be used (made
 * now if it was empty). */
static const char *
lib_index_db_check(sqlite3 *db, const char *root)
{
	int64_t app, ver;
	char *theirs;
	int rc;

	app = lib_index_db_int(db, "PRAGMA application_id", &rc);
	if (rc != SQLITE_OK)
		return sqlite3_errstr(rc);
	ver = lib_index_db_int(db, "PRAGMA user_version", &rc);
	if (rc != SQLITE_OK)
		return sqlite3_errstr(rc);
	if (app == 0 && ver == 0 && lib_index_db_int(db, "SELECT count(*) FROM "
	    "sqlite_schema", &rc) == 0 && rc == SQLITE_OK)
		return lib_index_db_create(db, root) ? NULL
		    : "cannot be created";
	if (app != LIB_APP_ID)
		return "not a newslens index";
	if (ver != LIB_VERSION)
		return "an index of another version";
	if ((theirs = lib_index_db_root(db)) == NULL || strcmp(theirs,
	    root) != 0) {
		free(theirs);
		return "the index of another library";
	}
	free(theirs);
	return NULL;
}

static sqlite3 *
lib_index_db_open(const char *path)
{
	sqlite3 *db = NULL;

	/* NOMUTEX: one thread uses a connection, and a warm opening of
	 * 10,000 stories spent an eighth of its instructions locking. */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, LIB_BUSY_MS);
	sqlite3_extended_result_codes(db, 0);
	if (!lib_trigram_register(db)) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static sqlite3 *
lib_index_open_memory(struct library *lib)
{
	sqlite3 *db = lib_index_db_open(":memory:");

	if (db == NULL || !lib_index_db_exec(db, lib_schema)) {
		sqlite3_close(db);
		return NULL;
	}
	(void)lib;
	return db;
}

/* The temporary a first build writes: the index's name, ".new-", the
 * builder's pid, in the same folder (a rename is then atomic). */
static char *
lib_index_temp_name(const char *path, long pid)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s.new-%ld", path, pid);
	return buf_detach(&b);
}

/* Removes the temporaries of builds whose process is gone (a crash or
 * a kill mid-build): never an index, only what it left. */
static void
lib_index_drop_stale(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : NULL;
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d;

	if (dir == NULL || (d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char *end, *p;
		long pid;

		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(e->d_name + blen, ".new-", 5) != 0)
			continue;
		pid = strtol(e->d_name + blen + 5, &end, 10);
		if (pid <= 0 || *end != '\0' || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		p = lib_index_temp_name(path, pid);
		unlink(p);
		free(p);
	}
	closedir(d);
	free(dir);
}

/* A new index built into a temporary beside path, with no journal and
 * no sync (a build that does not finish is never renamed into place,
 * so it cannot leave a wrong index; the WAL wrote every page twice:
 * the build costs some 5 % less); NULL when it cannot be made. */
static sqlite3 *
lib_index_open_build(struct library *lib, const char *path)
{
	sqlite3 *db;
	char *tmp;

	lib_index_drop_stale(path);
	tmp = lib_index_temp_name(path, (long)getpid());
	unlink(tmp);
	if ((db = lib_index_db_open(tmp)) == NULL) {
		free(tmp);
		return NULL;
	}
	lib_index_db_exec(db, "PRAGMA page_size = 16384");
	lib_index_db_exec(db, "PRAGMA journal_mode = OFF");
	lib_index_db_exec(db, "PRAGMA synchronous = OFF");
	if (lib_index_db_check(db, lib->root) != NULL) {
		sqlite3_close(db);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	free(lib->dbtemp);
	lib->dbtemp = tmp;
	return db;
}

/* Opens and checks the database; one that fails the check is removed
 * and made again, once.  A database that is not there is built into a
 * temporary (lib_index_open_build), put in its place by
 * lib_index_settle. */
static sqlite3 *
lib_index_open_file(struct library *lib, const char *path)
{
	const char *why = NULL;
	sqlite3 *db;
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (access(path, F_OK) != 0 && errno == ENOENT &&
		    (db = lib_index_open_build(lib, path)) != NULL)
			return db;
		if ((db = lib_index_db_open(path)) != NULL) {
			/* A story's texts are a blob of some 14 kB: in pages of
			 * 16 kB rather than 4 kB, a handful of pages less a
			 * story (the first indexing of 10,000 stories costs
			 * 0.2 s less).  Only a new database takes it, and
			 * before WAL. */
			lib_index_db_exec(db, "PRAGMA page_size = 16384");
			/* WAL: readers never wait for a writer.  Where it
			 * cannot be had, the rollback journal still locks. */
			lib_index_db_exec(db, "PRAGMA journal_mode = WAL");
			/* A cache: a power cut that tears it makes it corrupt, and a
			 * corrupt index is rebuilt, so it is not worth a sync. */
			lib_index_db_exec(db, "PRAGMA synchronous = OFF");
			if ((why = lib_index_db_check(db, lib->root)) == NULL)
				return db;
			sqlite3_close(db);
		} else
			why = "cannot be opened";
		lib_log(lib, path, "index %s: rebuilt", why);
		lib_index_unlink(path);
	}
	lib_log(lib, path, "index %s: the files are read directly", why);
	return NULL;
}

/* Drops a first build that is not to be kept. */
static void
lib_index_drop_build(struct library *lib)
{
	if (lib->dbtemp == NULL)
		return;
	unlink(lib->dbtemp);
	free(lib->dbtemp);
	lib->dbtemp = NULL;
}

static bool
lib_index_fsync(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* A first build, complete (or stopped, with what was indexed): closed,
 * synced and linked into its place, then opened there, in WAL, as any
 * later opening opens it.  link, not rename: an index another process
 * put there first is in use, and is kept (this build dropped). */
static void
lib_index_settle(struct library *lib, bool ok)
{
	char *dir, *slash;
	bool linked;

	if (lib->dbtemp == NULL)
		return;
	sqlite3_close(lib->db);
	lib->db = NULL;
	dir = strdup(lib->dbpath);
	if (dir != NULL && (slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	linked = ok && lib_index_fsync(lib->dbtemp, O_RDONLY) &&
	    link(lib->dbtemp, lib->dbpath) == 0;
	if (linked && dir != NULL)
		lib_index_fsync(dir, O_RDONLY | O_DIRECTORY);
	free(dir);
	lib_index_drop_build(lib);
	/* Not linked: the rows' ids are this build's, not those of an index
	 * put there meanwhile, so a search reads the files. */
	lib->db = linked ? lib_index_open_file(lib, lib->dbpath) : NULL;
	if (lib->db == NULL) {
		if (ok && !linked)
			lib_log(lib, lib->dbpath, "index not kept: %s; the files "
			    "are read directly", strerror(errno));
		lib->ondisk = false;
		lib->db = lib_index_open_memory(lib);
	}
}

bool
lib_index_open(struct library *lib)
{
	char *cache = NULL, *real = NULL;

	lib->db = NULL;
	if (!lib->opts.no_index && !lib->listed &&
	    (cache = lib_index_cache_dir(lib)) != NULL) {
		if (!lib_index_mkdirs(cache))
			lib_log(lib, cache, "cannot make the index folder: %s",
			    strerror(errno));
		else if ((real = realpath(cache, NULL)) == NULL)
			lib_log(lib, cache, "%s", strerror(errno));
		else if (lib_index_within(real, lib->root))
			/* Nothing is ever written into a library. */
			lib_log(lib, cache, "the index folder is inside the "
			    "library: the files are read directly");
		else {
			lib->dbpath = lib_index_db_name(real, lib->root);
			lib->db = lib_index_open_file(lib, lib->dbpath);
		}
	}
	free(cache);
	free(real);
	lib->ondisk = lib->db != NULL;
	if (lib->db == NULL)
		lib->db = lib_index_open_memory(lib);
	return lib->db != NULL;
}

void
lib_index_close(struct library *lib)
{
	if (lib->db != NULL)
		sqlite3_close(lib->db);
	lib->db = NULL;
	lib_index_drop_build(lib);
}

/* ---- the sync -------------------------------------------------------- */

static bool
lib_index_sync_prepare(struct lib_sync *s)
{
	int i;

	for (i = 0; i < Q_NQ; i++)
		if (sqlite3_prepare_v3(s->lib->db, lib_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL) != SQLITE_OK)
			return false;
	return true;
}

static void
lib_index_sync_finish(struct lib_sync *s)
{
	int i;

	if (s->intx)
		lib_index_db_exec(s->lib->db, s->failed ? "ROLLBACK"
		    : "COMMIT");
	s->intx = false;
	for (i = 0; i < Q_NQ; i++)
		sqlite3_finalize(s->q[i]);
	buf_free(&s->rec);
}

/* Gives up on the database for the rest of this opening. */
static void
lib_index_sync_fail(struct lib_sync *s, const char *what)
{
	if (s->failed)
		return;
	lib_log(s->lib, s->lib->dbpath ? s->lib->dbpath : "index",
	    "index: %s: %s; the files are read directly", what,
	    sqlite3_errmsg(s->lib->db));
	s->failed = true;
	if (s->intx)
		lib_index_db_exec(s->lib->db, "ROLLBACK");
	s->intx = false;
	/* The rows of this opening are no longer all in the index (the
	 * batch rolled back, the files after it): a search that trusted
	 * it would miss them, so it reads the files, as said. */
	s->lib->ondisk = false;
}

static bool
lib_index_sync_run(struct lib_sync *s, sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		lib_index_sync_fail(s, "cannot write");
		return false;
	}
	return true;
}

/* A write transaction is open, and closed every LIB_BATCH files so
 * that a stop keeps what was done and another process gets its turn. */
static bool
lib_index_sync_tx(struct lib_sync *s)
{
	if (s->failed)
		return false;
	if (s->intx && ++s->batch < LIB_BATCH)
		return true;
	if (s->intx && !lib_index_db_exec(s->lib->db, "COMMIT")) {
		lib_index_sync_fail(s, "cannot commit");
		return false;
	}
	s->intx = false;
	s->batch = 0;
	if (!lib_index_db_exec(s->lib->db, "BEGIN IMMEDIATE")) {
		lib_index_sync_fail(s, "cannot lock");
		return false;
	}
	s->intx = true;
	return true;
}

static bool
lib_index_sync_delete(struct lib_sync *s, int64_t id, const char *rel)
{
	sqlite3_bind_int64(s->q[Q_DEL_BLOB], 1, id);
	if (!lib_index_sync_run(s, s->q[Q_DEL_BLOB]))
		return false;
	sqlite3_bind_blob(s->q[Q_DEL_FILE], 1, rel, (int)strlen(rel),
	    SQLITE_TRANSIENT);
	return lib_index_sync_run(s, s->q[Q_DEL_FILE]);
}

/* One FTS row a story, its rowid the file's id, of its texts folded:
 * a trigram that stands in ten paragraphs is indexed once, and the
 * search reads the story's texts for the paragraphs and the places
 * (library_search.c). */
static bool
lib_index_sync_fts(struct lib_sync *s, int64_t file, const struct story *st)
{
	sqlite3_stmt *q = s->q[Q_INS_FTS];
	struct buf folded = BUF_INIT;
	bool ok;

	lib_blob_folded(st, &folded);
	sqlite3_bind_int64(q, 1, file);
	sqlite3_bind_text(q, 2, folded.data ? folded.data : "",
	    (int)folded.len, SQLITE_STATIC);
	ok = lib_index_sync_run(s, q);
	buf_free(&folded);
	return ok;
}

/* The story's actors and texts, and its text in the FTS index; the
 * texts only in a database on disk: in memory, a search reads the
 * files (library_search.c). */
static bool
lib_index_sync_story(struct lib_sync *s, int64_t file, const struct story *st)
{
	sqlite3_stmt *q = s->q[Q_INS_BLOB];
	struct buf actors = BUF_INIT, texts = BUF_INIT;
	bool ok;

	lib_blob_actors(st, &actors);
	if (s->lib->ondisk)
		lib_blob_texts(st, &texts);
	sqlite3_bind_int64(q, 1, file);
	sqlite3_bind_blob(q, 2, actors.data ? actors.data : "", (int)actors.len,
	    SQLITE_STATIC);
	sqlite3_bind_blob(q, 3, texts.data ? texts.data : "", (int)texts.len,
	    SQLITE_STATIC);
	ok = lib_index_sync_run(s, q);
	buf_free(&actors);
	buf_free(&texts);
	return ok && (!s->lib->ondisk || lib_index_sync_fts(s, file, st));
}

/* ---- a file's record ---------------------------------------------- */

/* What the index keeps of a file besides its name: its stat, hash and
 * the time it was checked, the row's counts, and its strings.  Eight
 * integers little-endian (size, mtime, ino, hash, checked, nactors,
 * nclaims, nquotes), a byte of flags (which of when, source and error
 * there are), then when, headline, source, error, fkey and hkey, each
 * ended by a NUL (an absent one empty). */
enum { REC_WHEN = 1, REC_SOURCE = 2, REC_ERROR = 4 };
#define REC_INTS	8
#define REC_HEAD	(REC_INTS * 8 + 1)

struct lib_rec_stat {
	uint64_t	 size;
	int64_t		 mtime;
	uint64_t	 ino;
	uint64_t	 hash;
	int64_t		 checked;
};

static void
lib_index_rec_str(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_puts(b, s);
	buf_append(b, "", 1);
}

static void
lib_index_rec_put(struct buf *b, const struct library_row *r,
    const struct lib_extra *x, const struct lib_rec_stat *st)
{
	uint64_t v[REC_INTS] = { st->size, (uint64_t)st->mtime, st->ino,
	    st->hash, (uint64_t)st->checked, r->nactors, r->nclaims,
	    r->nquotes };
	unsigned char head[REC_HEAD];
	size_t i;

	for (i = 0; i < REC_INTS; i++) {
		v[i] = htole64(v[i]);
		memcpy(head + 8 * i, &v[i], 8);
	}
	head[REC_INTS * 8] = (unsigned char)((r->when ? REC_WHEN : 0) |
	    (r->source ? REC_SOURCE : 0) | (r->error ? REC_ERROR : 0));
	buf_truncate(b, 0);
	buf_append(b, head, sizeof head);
	lib_index_rec_str(b, r->when);
	lib_index_rec_str(b, r->headline);
	lib_index_rec_str(b, r->source);
	lib_index_rec_str(b, r->error);
	lib_index_rec_str(b, x->fkey);
	lib_index_rec_str(b, x->hkey);
}

/* Reads a record into r, st and the two keys (pointers into p); false
 * when it is not one lib_index_rec_put wrote. */
static bool
lib_index_rec_get(const unsigned char *p, size_t len, struct library_row *r,
    struct lib_rec_stat *st, const char **fkey, const char **hkey)
{
	const char *str[6];
	uint64_t v[REC_INTS];
	size_t i, at = REC_HEAD;
	unsigned flags;

	if (p == NULL || len < REC_HEAD)
		return false;
	for (i = 0; i < REC_INTS; i++) {
		memcpy(&v[i], p + 8 * i, 8);
		v[i] = le64toh(v[i]);
	}
	flags = p[REC_INTS * 8];
	for (i = 0; i < 6; i++) {
		const unsigned char *nul = at < len ? memchr(p + at, '\0',
		    len - at) : NULL;

		if (nul == NULL)
			return false;
		str[i] = (const char *)p + at;
		at = (size_t)(nul - p) + 1;
	}
	st->size = v[0];
	st->mtime = (int64_t)v[1];
	st->ino = v[2];
	st->hash = v[3];
	st->checked = (int64_t)v[4];
	r->size = v[0];
	r->mtime = st->mtime / 1000000000;
	r->nactors = (size_t)v[5];
	r->nclaims = (size_t)v[6];
	r->nquotes = (size_t)v[7];
	r->when = flags & REC_WHEN ? str[0] : NULL;
	r->headline = str[1];
	r->source = flags & REC_SOURCE ? str[2] : NULL;
	r->error = flags & REC_ERROR ? str[3] : NULL;
	*fkey = str[4];
	*hkey = str[5];
	return true;
}

/* Writes the row just added to the library (and its story) into the
 * index, in place of any it had under that name. */
static void
lib_index_sync_insert(struct lib_sync *s, const struct lib_file *f, size_t row,
    const struct story *st, uint64_t hash, int64_t old)
{
	const struct library_row *r = &s->lib->rows[row];
	struct lib_rec_stat rs = { r->size, f->mtime_ns, f->ino, hash,
	    s->now };
	sqlite3_stmt *q = s->q[Q_INS_FILE];
	int64_t id;

	if (!lib_index_sync_tx(s) || !lib_index_sync_delete(s, old, f->rel))
		return;
	lib_index_rec_put(&s->rec, r, &s->lib->extra[row], &rs);
	sqlite3_bind_blob(q, 1, f->rel, (int)strlen(f->rel), SQLITE_STATIC);
	sqlite3_bind_blob(q, 2, s->rec.data, (int)s->rec.len, SQLITE_STATIC);
	if (!lib_index_sync_run(s, q))
		return;
	id = sqlite3_last_insert_rowid(s->lib->db);
	if (st != NULL && !lib_index_sync_story(s, id, st))
		return;
	s->lib->extra[row].id = id;
}

/* The index's row of a file, read once for every file at open, and
 * the library's row made from it. */
struct idx_row {
	int64_t		 id;
	const char	*rel;		/* the row's rawrel */
	uint64_t	 size;
	int64_t		 mtime;
	uint64_t	 ino;
	uint64_t	 hash;
	int64_t		 checked;
	size_t		 row;
};

/* Reads every row of the index into the library, in rel order, before
 * anything is written: a statement must not read a table that is being
 * written under it. */
static int
lib_index_sync_load(struct lib_sync *s, struct idx_row **out, size_t *nout)
{
	struct library *lib = s->lib;
	struct idx_row *v = NULL;
	size_t n = 0, cap = 0, dirlen;
	struct buf path = BUF_INIT;
	struct lib_rec_stat rs;
	const char *fkey, *hkey;
	sqlite3_stmt *q;
	int rc;

	/* Every row's path is the root's and its rel, made in one buffer
	 * (lib_add_row copies it). */
	buf_puts(&path, lib->dir);
	if (path.len > 0 && path.data[path.len - 1] != '/')
		buf_putc(&path, '/');
	dirlen = path.len;

	rc = sqlite3_prepare_v2(lib->db, "SELECT id, rel, rec FROM files"
	    " ORDER BY rel", -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct library_row r;
		struct idx_row *ir;
		const char *rel = sqlite3_column_blob(q, 1);
		size_t rlen = (size_t)sqlite3_column_bytes(q, 1);

		rc = SQLITE_OK;
		v = xgrow(v, n, &cap, sizeof *v);
		ir = &v[n++];
		memset(&r, 0, sizeof r);
		buf_truncate(&path, dirlen);
		buf_append(&path, rel ? rel : "", rlen);
		/* rel is the path's tail: its own NUL, whatever the blob. */
		r.path = path.data ? path.data : "";
		r.rel = r.path + dirlen;
		if (!lib_index_rec_get(sqlite3_column_blob(q, 2),
		    (size_t)sqlite3_column_bytes(q, 2), &r, &rs, &fkey, &hkey)) {
			/* Not a record of ours: the index is not to be
			 * trusted, and is built again. */
			n--;
			rc = SQLITE_CORRUPT;
			break;
		}
		ir->size = rs.size;
		ir->mtime = rs.mtime;
		ir->ino = rs.ino;
		ir->hash = rs.hash;
		ir->checked = rs.checked;
		ir->row = lib_add_row(lib, &r, fkey, hkey);
		ir->id = lib->extra[ir->row].id = sqlite3_column_int64(q, 0);
		ir->rel = lib->extra[ir->row].rawrel;
	}
	sqlite3_finalize(q);
	buf_free(&path);
	*out = v;
	*nout = n;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A touched file's record with its new stat, the rest as it was. */
static void
lib_index_sync_stat(struct lib_sync *s, const struct lib_file *f,
    const struct idx_row *ir)
{
	sqlite3_stmt *u = s->q[Q_STAT];
	struct lib_rec_stat rs = { f->size, f->mtime_ns, f->ino, ir->hash,
	    s->now };

	if (!lib_index_sync_tx(s))
		return;
	lib_index_rec_put(&s->rec, &s->lib->rows[ir->row],
	    &s->lib->extra[ir->row], &rs);
	sqlite3_bind_int64(u, 1, ir->id);
	sqlite3_bind_blob(u, 2, s->rec.data, (int)s->rec.len, SQLITE_STATIC);
	lib_index_sync_run(s, u);
}

/* Reads and parses a file the index does not have (ir NULL), or has
 * otherwise; one whose content is unchanged keeps its indexed row. */
static void
lib_index_sync_parse(struct lib_sync *s, const struct lib_file *f,
    const struct idx_row *ir)
{
	char *path = lib_join(s->lib, f->rel), *err = NULL;
	uint64_t hash = 0, size = f->size;
	struct story *st = lib_parse(s->lib, path, &hash, &err, &size);
	size_t row;

	if (ir != NULL && hash == ir->hash && size == ir->size &&
	    (err == NULL) == (s->lib->rows[ir->row].error == NULL))
		/* Touched, not changed: the stat is all that is new. */
		lib_index_sync_stat(s, f, ir);
	else {
		if (ir != NULL)
			s->lib->extra[ir->row].dead = true;
		row = lib_row_from(s->lib, path, f->rel, st, err, size,
		    f->mtime_ns);
		s->lib->extra[row].rawrel = f->rel;
		if (!s->failed)
			lib_index_sync_insert(s, f, row, st, hash, ir ? ir->id
			    : -1);
		s->appended = true;
	}
	story_free(st);
	free(err);
	free(path);
}

static bool
lib_index_sync_trusted(const struct lib_file *f, const struct idx_row *ir)
{
	return ir->size == f->size && ir->mtime == f->mtime_ns &&
	    ir->ino == f->ino && f->mtime_ns < ir->checked - LIB_RACY_NS;
}

static void
lib_index_sync_progress(struct lib_sync *s, size_t *done, size_t todo)
{
	struct library *lib = s->lib;

	++*done;
	if (lib->opts.progress != NULL &&
	    lib->opts.progress(lib->opts.progress_arg, *done, todo))
		lib->stopped = true;
}

/* The files the index does not trust, to report progress against. */
static size_t
lib_index_sync_count_todo(const struct lib_file *files, size_t n,
    const struct idx_row *v, size_t nv)
{
	size_t todo = 0, i = 0, j = 0;

	while (i < n) {
		int c = j < nv ? strcmp(files[i].rel, v[j].rel) : -1;

		if (c > 0) {
			j++;
			continue;
		}
		todo += c < 0 || !lib_index_sync_trusted(&files[i], &v[j]);
		j += c == 0;
		i++;
	}
	return todo;
}

static void
lib_index_sync_gone(struct lib_sync *s, const struct idx_row *ir)
{
	s->lib->extra[ir->row].dead = true;
	if (lib_index_sync_tx(s))
		lib_index_sync_delete(s, ir->id, ir->rel);
}

/* The index's rows and the files, both in rel order, side by side: a
 * file on both sides is trusted or read again, one only on disk is
 * read, one only in the index is dropped. */
static void
lib_index_sync_merge(struct lib_sync *s, const struct lib_file *files, size_t n,
    const struct idx_row *v, size_t nv)
{
	size_t i = 0, j = 0, done = 0, todo = lib_index_sync_count_todo(files,
	    n, v, nv);

	while ((i < n || j < nv) && !s->lib->stopped) {
		int c = i == n ? 1 : j == nv ? -1 :
		    strcmp(files[i].rel, v[j].rel);

		if (c > 0) {
			lib_index_sync_gone(s, &v[j++]);
			continue;
		}
		if (c == 0 && lib_index_sync_trusted(&files[i], &v[j])) {
			i++;
			j++;
			continue;
		}
		lib_index_sync_parse(s, &files[i++], c == 0 ? &v[j] : NULL);
		j += c == 0;
		lib_index_sync_progress(s, &done, todo);
	}
	/* Stopped: the rows not reached are not the library's. */
	for (; j < nv; j++)
		s->lib->extra[v[j].row].dead = true;
}

void
lib_index_sync(struct library *lib, const struct lib_file *files, size_t n)
{
	struct idx_row *v = NULL;
	struct lib_sync s;
	size_t nv = 0;
	int rc, tries;

	for (tries = 0; tries < 2 && lib->db != NULL; tries++) {
		memset(&s, 0, sizeof s);
		s.lib = lib;
		s.now = lib_index_now_ns();
		rc = lib_index_sync_prepare(&s) ? lib_index_sync_load(&s, &v,
		    &nv) :
		    sqlite3_errcode(lib->db);
		if (rc == SQLITE_OK) {
			lib_index_sync_merge(&s, files, n, v, nv);
			lib_index_sync_finish(&s);
			lib_index_settle(lib, !s.failed);
			free(v);
			lib_rows_settle(lib, s.appended);
			return;
		}
		lib_index_sync_finish(&s);
		free(v);
		v = NULL;
		/* The index broke as it was read: start again without it. */
		lib_log(lib, lib->dbpath ? lib->dbpath : "index", "index "
		    "cannot be read (%s): rebuilt", sqlite3_errstr(rc));
		lib->nrows = 0;
		lib_index_close(lib);
		if (lib->dbpath != NULL && lib->ondisk) {
			lib_index_unlink(lib->dbpath);
			lib->db = lib_index_open_file(lib, lib->dbpath);
		}
		lib->ondisk = lib->db != NULL;
		if (lib->db == NULL)
			lib->db = lib_index_open_memory(lib);
	}
	/* Not even a database in memory: the files read directly. */
	lib_read_direct(lib, files, n);
}
