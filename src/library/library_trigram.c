/* library_trigram.c - the FTS5 tokenizer of the library's index: every
 * three bytes of a story's folded text (ASCII letters lowered), each
 * once.
 *
 * SQLite's own trigram tokenizer would do, but it hands FTS5 one token
 * a character, each looked up in FTS5's hash: indexing the texts of
 * 1,000 generated stories (14 MB) took 0.31 s with it, 0.05 s with
 * this one, which hands over each distinct trigram of a story once (a
 * story holds a few thousand in its tens of thousands of bytes).  It
 * cuts bytes, not characters: the text is folded UTF-8 on both sides,
 * so a needle's bytes are a substring of the text's wherever the
 * needle is, and a trigram that cuts a character is as good a key as
 * any.  The table has detail=none (no positions: a story is a
 * candidate when it holds all of the needle's trigrams, and the search
 * then finds the places itself), which keeps the index small.
 *
 * A query term is six hex digits, the three bytes of one trigram: the
 * query never carries the needle's own bytes, so no FTS5 syntax
 * (quotes, `*`, NEAR, `-`, `:`) in a needle can mean anything. */
#include "config.h"

#include "library/library_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#define TRI_NAME	"newslens_trigram"
#define TRI_TERMS	24		/* a query's trigrams at most */
#define TRI_BITS0	13		/* a text's set starts at 2^13 slots */

/* The trigrams met in the text being tokenized: an open-addressing set
 * of trigram + 1 (0 is empty) of 2^bits slots, kept at most half full
 * by doubling, so that it is as large as the text's distinct trigrams
 * need (a few thousand in a story), not as its length; made empty for
 * each text at the cost of its first 2^TRI_BITS0 slots. */
struct tri_tok {
	uint32_t	*set;
	size_t		 cap;		/* slots allocated */
	unsigned	 bits;		/* this text's 2^bits of them */
	size_t		 n;		/* trigrams in the set */
};

static uint32_t
lib_trigram_at(const unsigned char *u)
{
	return (uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2];
}

static int
lib_trigram_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tri_tok *t = calloc(1, sizeof *t);

	(void)ctx;
	(void)argv;
	(void)argc;
	/* Not xcalloc: SQLite wants an error code, not an exit. */
	if (t == NULL)
		return SQLITE_NOMEM;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
lib_trigram_delete(Fts5Tokenizer *p)
{
	struct tri_tok *t = (struct tri_tok *)p;

	free(t->set);
	free(t);
}

static size_t
lib_trigram_slot(uint32_t key, unsigned bits)
{
	/* Fibonacci hashing: the product's high bits mix all of key's. */
	return (uint32_t)(key * 0x9E3779B1u) >> (32 - bits);
}

/* An empty set; false when out of memory. */
static bool
lib_trigram_reset(struct tri_tok *t)
{
	size_t want = (size_t)1 << TRI_BITS0;

	if (t->cap < want) {
		free(t->set);
		if ((t->set = malloc(want * sizeof *t->set)) == NULL) {
			t->cap = 0;
			return false;
		}
		t->cap = want;
	}
	t->bits = TRI_BITS0;
	t->n = 0;
	memset(t->set, 0, want * sizeof *t->set);
	return true;
}

/* Doubles the set; false when out of memory. */
static bool
lib_trigram_grow(struct tri_tok *t)
{
	unsigned bits = t->bits + 1;
	size_t i, j, old = (size_t)1 << t->bits, mask = ((size_t)1 << bits) - 1;
	uint32_t *set = calloc(mask + 1, sizeof *set);

	if (set == NULL)
		return false;
	for (i = 0; i < old; i++) {
		if (t->set[i] == 0)
			continue;
		for (j = lib_trigram_slot(t->set[i], bits); set[j] != 0; j =
		    (j + 1) & mask)
			;
		set[j] = t->set[i];
	}
	free(t->set);
	t->set = set;
	t->cap = mask + 1;
	t->bits = bits;
	return true;
}

static int
lib_trigram_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A query term: six hex digits, one token; anything else none. */
static int
lib_trigram_tri_query(void *ctx, const char *text, int len,
    int (*token)(void *, int, const char *, int, int, int))
{
	char b[3];
	int i, hi, lo;

	if (len != 6)
		return SQLITE_OK;
	for (i = 0; i < 3; i++) {
		if ((hi = lib_trigram_hex_digit(text[2 * i])) < 0 ||
		    (lo = lib_trigram_hex_digit(text[2 * i + 1])) < 0)
			return SQLITE_OK;
		b[i] = (char)(hi << 4 | lo);
	}
	return token(ctx, 0, b, 3, 0, len);
}

/* a..z for A..Z, every other byte itself: a table, one load a byte of
 * the loop that reads every byte of every text. */
#define TRI_L1(c)	((unsigned)((c) - 'A') < 26 ? (c) + ('a' - 'A') : (c))
#define TRI_L4(c)	TRI_L1(c), TRI_L1(c + 1), TRI_L1(c + 2), TRI_L1(c + 3)
#define TRI_L16(c)	TRI_L4(c), TRI_L4(c + 4), TRI_L4(c + 8), TRI_L4(c + 12)
#define TRI_L64(c)	TRI_L16(c), TRI_L16(c + 16), TRI_L16(c + 32), \
			TRI_L16(c + 48)
static const unsigned char tri_lower[256] = {
	TRI_L64(0), TRI_L64(64), TRI_L64(128), TRI_L64(192)
};

static uint32_t
lib_trigram_lower(unsigned char c)
{
	return tri_lower[c];
}

static int
lib_trigram_emit(void *ctx, int (*token)(void *, int, const char *, int, int,
    int),
    uint32_t v, int at)
{
	char b[3] = { (char)(v >> 16), (char)(v >> 8), (char)v };

	return token(ctx, 0, b, 3, at, at + 3);
}

/* A trigram new to the text, put in its slot: the set grown if it is
 * half full, the token handed over.  Out of the loop (noinline): the
 * loop keeps its few values in registers. */
static __attribute__((noinline)) int
lib_trigram_fresh(struct tri_tok *t, void *ctx, int (*token)(void *, int,
    const char *, int, int, int), uint32_t v, int at)
{
	if (++t->n * 2 > ((size_t)1 << t->bits) && !lib_trigram_grow(t))
		return SQLITE_NOMEM;
	return lib_trigram_emit(ctx, token, v, at);
}

static int
lib_trigram_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
    int len, int (*token)(void *, int, const char *, int, int, int))
{
	struct tri_tok *t = (struct tri_tok *)p;
	const unsigned char *u = (const unsigned char *)text;
	uint32_t v, key, *set;
	size_t mask, j;
	unsigned bits;
	int i, rc = SQLITE_OK;

	if (flags & FTS5_TOKENIZE_QUERY)
		return lib_trigram_tri_query(ctx, text, len, token);
	if (len < 3)
		return SQLITE_OK;
	if (!lib_trigram_reset(t))
		return SQLITE_NOMEM;
	/* The set's fields in locals, the probe inline: the loop runs for
	 * every byte of every text, and the callback (an opaque call) made
	 * the compiler reload them at each byte. */
	set = t->set;
	bits = t->bits;
	mask = ((size_t)1 << bits) - 1;
	/* ASCII letters lowered as they are read: lib_blob_folded leaves
	 * plain ASCII texts as they are, and a folded text has no capital
	 * ASCII letter to lower. */
	v = lib_trigram_lower(u[0]) << 8 | lib_trigram_lower(u[1]);
	for (i = 0; i + 3 <= len; i++) {
		v = (v << 8 | lib_trigram_lower(u[i + 2])) & 0xFFFFFF;
		key = v + 1;
		for (j = lib_trigram_slot(key, bits);
		    set[j] != 0 && set[j] != key; j = (j + 1) & mask)
			;
		if (set[j] == key)
			continue;
		set[j] = key;
		if ((rc = lib_trigram_fresh(t, ctx, token, v, i)) != SQLITE_OK)
			break;
		set = t->set;
		bits = t->bits;
		mask = ((size_t)1 << bits) - 1;
	}
	return rc;
}

bool
lib_trigram_register(struct sqlite3 *db)
{
	static fts5_tokenizer tok = { lib_trigram_create, lib_trigram_delete,
	    lib_trigram_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *q;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) !=
	    SQLITE_OK)
		return false;
	sqlite3_bind_pointer(q, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(q);
	sqlite3_finalize(q);
	return api != NULL && api->iVersion >= 2 && api->xCreateTokenizer(api,
	    TRI_NAME, NULL, &tok, NULL) == SQLITE_OK;
}

char *
lib_trigram_query(const char *key, size_t len)
{
	struct buf q = BUF_INIT;
	size_t n, k, at;

	if (len < 3)
		return NULL;
	/* Every trigram of a short needle; of a long one, TRI_TERMS spread
	 * from its start to its end: any of them narrow, none can miss. */
	n = len - 2 < TRI_TERMS ? len - 2 : TRI_TERMS;
	for (k = 0; k < n; k++) {
		at = n == 1 ? 0 : k * (len - 3) / (n - 1);
		buf_printf(&q, "%s\"%06x\"", k ? " " : "",
		    (unsigned)lib_trigram_at((const unsigned char *)key + at));
	}
	return buf_detach(&q);
}
