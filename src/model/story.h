/* story.h - the story model: head, actors, body blocks, inline items
 * and the indexes that make every "next X after here" a lookup.
 *
 * A story is built by load.h and is read-only afterwards.  Every string
 * in it has been sanitised (text.h): nothing from the file can reach a
 * terminal raw.  Cross references are indices into the story's arrays;
 * NONE marks an absent one.  There is no curses here. */
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

/* An array of indices into one of the story's arrays. */
struct idx {
	size_t	*v;
	size_t	 n;
};

struct actor {
	char		*id;
	enum actor_kind	 kind;
	char		*name;
	char		**aliases;
	size_t		 naliases;
	char		*note;		/* NULL when absent */
	size_t		 parent;	/* member-of, an actor; NONE at the top */
	struct idx	 members;	/* actors, in file order */
	struct idx	 mentions;	/* items naming this actor itself, in
					 * reading order */
	size_t		 total_mentions; /* its own and its members', all
					 * the way down */
	struct idx	 claims_by;	/* claims it makes */
	struct idx	 claims_about;	/* claims about it */
	struct idx	 quotes;	/* quotes it speaks */
	struct idx	 related;	/* "Read more" items naming it */
	unsigned long	 line;
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
 * words or so): block and line are 32 bits, which pack with kind into
 * 48 bytes an item, not 56.  A story file is at most INT_MAX bytes,
 * so neither can exceed that.  The offsets stay size_t: sanitising
 * can make a block's text four times its bytes in the file. */
struct item {
	enum item_kind	kind;
	uint32_t	block;
	uint32_t	line;
	size_t		start;	/* byte offsets into the block's text */
	size_t		end;
	size_t		parent;	/* the enclosing item, or NONE */
	size_t		ref;	/* actor (mention), claim, quote or related */
};

struct claim {
	char		*id;
	size_t		 item;
	struct idx	 by;		/* actors; empty: the publication */
	struct idx	 about;		/* actors */
	struct idx	 disputes;	/* claims it disputes */
	struct idx	 disputed_by;	/* claims that dispute it */
	struct idx	 quotes;	/* quotes inside it */
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

struct block {
	enum block_kind	 kind;
	char		*id;		/* NULL when absent */
	char		*text;		/* whitespace collapsed and trimmed */
	size_t		 len;
	size_t		 first_item;	/* its items are [first_item,
					 * first_item + nitems) */
	size_t		 nitems;
	size_t		 related;	/* for BLOCK_RELATED, else NONE */
	unsigned long	 line;
};

struct story {
	struct pool	 pool;		/* holds every string of the story
					 * (path, names, ids, texts...) and
					 * every struct idx's array: none is
					 * freed on its own */
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
	struct idx	 mentions;	/* every mention item, reading order */
	size_t		*actors_by_id;	/* actor indices sorted by id */
};

/* The word the format uses for a kind ("country", …), and back;
 * actor_kind_parse returns ACTOR_NKINDS for an unknown word. */
const char	*actor_kind_name(enum actor_kind);
enum actor_kind	 actor_kind_parse(const char *);
/* "mention", "claim", "quote", "Read more". */
const char	*item_kind_name(enum item_kind);

/* Releases everything the story owns, and the story itself. */
void	story_free(struct story *);

/* Fills in every index from the arrays a loader has built: actor
 * members, mentions, claims, quotes and related; claim disputed_by and
 * quotes; quote claims.  Linear in the size of the story. */
void	story_index(struct story *);

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

#endif
