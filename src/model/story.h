/* story.h - the story model: head, actors, body blocks, inline items
 * and the indexes that make every "next X after here" a lookup.
 *
 * A story is built by format/load.h, changed by model/edit.h and written
 * back by format/write.h.  It holds two kinds of data: the document
 * (the head, the actors, the blocks with their text and inline items,
 * the claims, quotes and "Read more" items with their attributes, the
 * comments), which is what a file says, and the indexes derived from it
 * by story_index (members, mentions, claims by and about, quotes,
 * disputed_by, actors_by_id), which story_index can build again after
 * any change to the document.
 *
 * Every string is kept as it is shown: sanitised (base/text.h), so that
 * nothing from the file can reach a terminal raw.  Where that differs
 * from the file's own characters (a bidi control, a C1 control or DEL
 * given by character reference), the story keeps the file's form too,
 * and story_raw gives it back, for the writer.  Cross references are
 * indices into the story's arrays; NONE marks an absent one.  There is
 * no curses here. */
#ifndef NEWSLENS_STORY_H
#define NEWSLENS_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pool.h"

#define NONE ((size_t)-1)

enum actor_kind {
	ACTOR_COUNTRY,
	ACTOR_GOVERNMENT,
	ACTOR_AGENCY,
	ACTOR_COMPANY,
	ACTOR_PERSON,
	ACTOR_GROUP,
	ACTOR_MEDIA,
	ACTOR_OTHER,
	ACTOR_NKINDS
};

/* An array of indices into one of the story's arrays: the document's
 * lists (a claim's by, about and disputes, a "Read more" item's
 * actors), each in the story's pool. */
struct idx {
	size_t	*v;
	size_t	 n;
};

/* One of the indexes story_index derives: n indices, from position at
 * of the story's one array of them (story->ix), read with story_ix.
 * Eight bytes, where a pointer and a count are sixteen: an actor has
 * six of them, and a story may be mostly actors.  32 bits suffice: a
 * story file is at most INT_MAX bytes, and each index entry stands for
 * more than one byte of it. */
struct ix {
	uint32_t at;
	uint32_t n;
};

/* 112 bytes: the kind and the line (at most INT_MAX, the largest file)
 * share eight. */
struct actor {
	char		*id;
	enum actor_kind	 kind;
	uint32_t	 line;
	char		*name;
	char		**aliases;
	size_t		 naliases;
	char		*note;		/* NULL when absent */
	size_t		 parent;	/* member-of, an actor; NONE at the top */
	struct ix	 members;	/* actors, in file order */
	struct ix	 mentions;	/* items naming this actor itself, in
					 * reading order */
	size_t		 total_mentions; /* its own and its members', all
					 * the way down */
	struct ix	 claims_by;	/* claims it makes */
	struct ix	 claims_about;	/* claims about it */
	struct ix	 quotes;	/* quotes it speaks */
	struct ix	 related;	/* "Read more" items naming it */
	char		*same_as;	/* a library-wide id: the same actor
					 * as in other stories; NULL: none */
};

enum item_kind {
	ITEM_MENTION,
	ITEM_CLAIM,
	ITEM_QUOTE,
	ITEM_RELATED,
	ITEM_NKINDS
};

/* Anything a reader can focus, in reading order.  Mentions, claims and
 * quotes are spans over their paragraph's text; a "Read more" item
 * spans its whole block.
 *
 * Items are the most numerous thing in a story (a mention every ten
 * words or so, three to a claim-quote-mention paragraph): 32 bytes an
 * item, not 48.  A story file is at most INT_MAX bytes and a block at
 * least three of them (`<p/>`, or a line and a blank one in --import),
 * so the block fits in 30 bits beside the kind, and the line in 32; the offsets are 32 bits because a block's
 * shown text is at most UINT32_MAX bytes (STORY_BLOCK_MAX: the loader
 * and the importer refuse a longer one).  parent and ref stay size_t,
 * as NONE is. */
struct item {
	uint32_t	kind : 2;	/* enum item_kind */
	uint32_t	block : 30;
	uint32_t	line;
	uint32_t	start;	/* byte offsets into the block's text */
	uint32_t	end;
	size_t		parent;	/* the enclosing item, or NONE */
	size_t		ref;	/* actor (mention), claim, quote or related */
};

struct claim {
	char		*id;
	size_t		 item;
	struct idx	 by;		/* actors; empty: the publication */
	struct idx	 about;		/* actors */
	struct idx	 disputes;	/* claims it disputes */
	struct ix	 disputed_by;	/* claims that dispute it */
	struct ix	 quotes;	/* quotes inside it */
	char		*when;		/* ISO 8601, or NULL */
};

struct quote {
	char	*id;
	size_t	 item;
	size_t	 speaker;	/* an actor */
	size_t	 claim;		/* the claim that holds it, or NONE */
};

struct related {
	char		*id;
	size_t		 item;
	size_t		 block;
	struct idx	 actors;
	char		*href;		/* NULL when absent */
	char		*url;		/* a web address; NULL when absent */
};

enum block_kind {
	BLOCK_PARAGRAPH,
	BLOCK_RELATED
};

/* The longest shown text of a block, so that struct item's offsets
 * and struct block's length take 32 bits.  Only a paragraph of over a
 * gigabyte of C1 controls (two bytes each in the file, eight shown)
 * can reach it, under a --max-size of more than 1G. */
#define STORY_BLOCK_MAX ((size_t)UINT32_MAX)

/* 40 bytes, not 64: a story may be millions of short paragraphs.  The
 * line fits in 31 bits beside the kind, as a file is at most INT_MAX
 * bytes; the item counts are 32 bits, as an item takes more than one
 * byte of it; the length is at most STORY_BLOCK_MAX. */
struct block {
	char		*id;		/* NULL when absent */
	char		*text;		/* whitespace collapsed and trimmed */
	size_t		 related;	/* for BLOCK_RELATED, else NONE */
	uint32_t	 len;
	enum block_kind	 kind : 1;
	uint32_t	 line : 31;
	uint32_t	 first_item;	/* its items are [first_item,
					 * first_item + nitems) */
	uint32_t	 nitems;
};

/* Where a comment stood: COMMENT_STORY before the head (at 0), the
 * actors (1), the body (2) or at the end of the story (3); in the head
 * before its at-th child; among the actors before actor `at`, in the
 * body before block `at` (at == nactors or nblocks: after the last).
 * A comment inside an actor or a block is kept before it. */
enum comment_place {
	COMMENT_PROLOG,		/* before the root element */
	COMMENT_STORY,
	COMMENT_HEAD,
	COMMENT_ACTORS,
	COMMENT_BODY,
	COMMENT_EPILOG		/* after the root element */
};

struct comment {
	char			*text;	/* sanitised: a comment has no
					 * character references to keep */
	enum comment_place	 place;
	size_t			 at;
};

/* The file's form of strings whose shown form differs from it: pairs
 * of (shown, raw), found by the shown string's address. */
struct story_rawmap {
	const char	**shown;
	const char	**raw;
	size_t		  n;
	size_t		  cap;		/* a power of two, or 0 */
};

struct story {
	struct pool	 pool;		/* holds every string of the story
					 * (path, names, ids, texts...) and
					 * the document's id lists: none is
					 * freed on its own */
	uint32_t	*ix;		/* every struct ix's entries, end to
					 * end, at their exact size; built
					 * again by story_index */
	size_t		 nix;
	struct story_rawmap raws;	/* story_raw */
	struct comment	*comments;	/* in file order */
	size_t		 ncomments;
	size_t		 comments_cap;
	char		*path;		/* as given, sanitised; for messages */
	char		*lang;		/* xml:lang, or NULL */
	char		*headline;
	char		*dateline;	/* NULL when absent */
	char		*dateline_when;	/* NULL when absent */
	char		*byline;	/* NULL when absent */
	char		*source;	/* NULL when absent */
	char		*source_url;	/* source/@url; NULL when absent */

	struct actor	*actors;
	size_t		 nactors;
	struct block	*blocks;
	size_t		 nblocks;
	struct item	*items;		/* reading order */
	size_t		 nitems;
	struct claim	*claims;	/* reading order */
	size_t		 nclaims;
	struct quote	*quotes;	/* reading order */
	size_t		 nquotes;
	struct related	*related;	/* reading order */
	size_t		 nrelated;
	struct ix	 mentions;	/* every mention item, reading order */
	size_t		*actors_by_id;	/* actor indices sorted by id */
};

/* The entries of an index story_index derived: x.n of them. */
static inline const uint32_t *
story_ix(const struct story *st, struct ix x)
{
	return x.n > 0 ? st->ix + x.at : NULL;
}

/* x's entries as a caller-owned array (free its v), for code that
 * takes a struct idx. */
struct idx	story_ix_idx(const struct story *, struct ix x);

/* The word the format uses for a kind ("country", …), and back;
 * story_actor_kind_parse returns ACTOR_NKINDS for an unknown word. */
const char	*story_actor_kind_name(enum actor_kind);
enum actor_kind	 story_actor_kind_parse(const char *);
/* "mention", "claim", "quote", "Read more". */
const char	*story_item_kind_name(enum item_kind);

/* Releases everything the story owns, and the story itself. */
void	story_free(struct story *);

/* Fills in every index from the document: actor members, mentions,
 * claims, quotes and related; claim disputed_by and quotes; quote
 * claims; actors_by_id.  Builds them again, from nothing, when called
 * again after a change.  Linear in the size of the story (and n log n
 * in the actors, for actors_by_id). */
void	story_index(struct story *);

/* The file's form of s, a string of the story as it is shown: s itself
 * unless story_raw_set gave it another. */
const char *story_raw(const struct story *, const char *s);
/* Records raw as the file's form of the story's string shown; both must
 * live as long as the story (its pool). */
void	story_raw_set(struct story *, const char *shown, const char *raw);
/* The shown form of raw[0..len), a text in the file's characters, kept
 * in the story's pool with the file's form beside it when the two
 * differ (story_raw); its length in *shown_len.  The nat offsets *at[i]
 * into raw, which must fall between characters, become offsets into
 * the shown form (the array of pointers is reordered); they are struct
 * item's, so a caller refuses a shown length over STORY_BLOCK_MAX. */
char	*story_keep_text(struct story *, const char *raw, size_t len,
	    size_t *shown_len, uint32_t **at, size_t nat);
/* The same for a string with no offsets; NULL stays NULL. */
char	*story_keep_str(struct story *, const char *raw);
/* Adds a comment (text copied into the pool) at the end of the list. */
void	story_add_comment(struct story *, enum comment_place, size_t at,
	    const char *text, size_t len);

/* The item of kind `kind` (or of any kind, ITEM_NKINDS) that comes
 * first strictly after item `from` in reading order, or before it when
 * `forward` is false; `from` may be NONE to start at either end.
 * Returns NONE when there is none.  O(log n). */
size_t	story_next_item(const struct story *, size_t from,
	    enum item_kind kind, bool forward);
/* The same among one actor's own mentions. */
size_t	story_next_mention(const struct story *, size_t actor, size_t from,
	    bool forward);
/* The text an item covers, as a pointer into its block and a length. */
const char *story_item_text(const struct story *, size_t item,
	    size_t *len);
/* The 1-based position of an item among the items of its kind, with
 * the count in *total ("claim 3 of 9"); mentions count among all
 * mentions. */
size_t	story_item_ordinal(const struct story *, size_t item,
	    size_t *total);
/* The actor whose id is `id`, or NONE.  O(log n) after story_index. */
size_t	story_find_actor(const struct story *, const char *id);
/* Whether actor a is b or one of b's members, at any depth. */
bool	story_actor_within(const struct story *, size_t a, size_t b);
/* The member-of tree in reading order: every actor once, each before
 * its members, roots and members in file order.  Stores the actors in
 * order[] and each one's depth (0 for a root) in depth[], both
 * caller-owned arrays of nactors.  Walked with a stack of its own, so
 * that a member-of chain as long as the story costs no call stack. */
void	story_actor_tree(const struct story *, size_t *order,
	    size_t *depth);

#endif
