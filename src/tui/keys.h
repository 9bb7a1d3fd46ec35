/* keys.h - actions, screens and their keymaps, as vis keeps its modes.
 *
 * Every action is named once, with its help, in one table; each screen
 * (the article, a card, a view, the help, the index, the prompt) has a
 * keymap of its own that falls back to its parent's, down to the
 * common one.  The loop, the prompt, the count prefix and the mouse
 * dispatch through these maps; the help screen is generated from the
 * map of the screen it is opened from; a test checks newslens(1)'s
 * KEYS section against them both ways.  Edit mode is one more screen
 * that falls back to the article's, and the command line one that falls
 * back to the prompt's. */
#ifndef NEWSLENS_KEYS_H
#define NEWSLENS_KEYS_H

#include <stdbool.h>
#include <stddef.h>

struct ui;
struct page;

/* Key codes: a character is its code point; a curses function key
 * (KEY_DOWN, KEY_MOUSE...) is KEYS_FN(code), above every code point;
 * Escape then a character, typed together, is KEYS_META(c). */
#define KEYS_FN(k)	(0x1000000 | (k))
#define KEYS_META(c)	(0x2000000 | (c))
#define KEYS_CTRL(c)	((c) & 0x1f)

enum keys_mode {
	KEYS_COMMON,		/* what every screen falls back to */
	KEYS_ARTICLE,
	KEYS_CARD,		/* an actor's, claim's, quote's card... */
	KEYS_VIEW,		/* actors, relations, timeline, claims */
	KEYS_HELP,
	KEYS_INDEX,		/* typing filters its rows */
	KEYS_PROMPT,		/* a line typed at the bottom */
	KEYS_EDIT,		/* the article with a text cursor */
	KEYS_COMMAND,		/* the line typed after ':' */
	KEYS_LIST,		/* a library's list of stories */
	KEYS_LIBRARY,		/* the views over it: log, actors, results */
	KEYS_FILTER,		/* typing filters the list */
	KEYS_NMODES
};

struct keys_action {
	const char	*name;		/* for `bind` in the configuration */
	const char	*group;		/* the help screen's heading */
	const char	*help;
	void		(*fn)(struct ui *, int key);
};

struct keys_binding {
	int		 key;
	int		 action;	/* into keys_actions; -1: unbound */
};

struct keys_map {
	const char		*name;		/* "article", "card"... */
	enum keys_mode		 parent;	/* KEYS_NMODES: none */
	const struct keys_binding *map;		/* ends with key 0 */
	/* What a printable character that no map binds does (the
	 * prompt and the index type it), or -1. */
	int			 self_insert;
};

/* Bindings that the configuration adds over the built-in maps, the
 * last made first; owned by struct ui. */
struct keys {
	struct keys_binding	*extra[KEYS_NMODES];
	size_t			 nextra[KEYS_NMODES];
};

extern const struct keys_action keys_actions[];
extern const size_t keys_nactions;
extern const struct keys_map keys_maps[KEYS_NMODES];

/* The action key runs on screen mode, after k's own bindings, the
 * mode's map and its parents'; -1 when nothing binds it. */
int	keys_lookup(const struct keys *, enum keys_mode, int key);
/* Runs it; false when nothing binds the key there. */
bool	keys_dispatch(struct ui *, enum keys_mode, int key);
/* Binds key (a name as newslens(1) writes it: "j", "Ctrl-D", "Down",
 * "Space") to the action named `action` ("none" unbinds) on the screen
 * named `screen`; NULL, or what is wrong, for the configuration's
 * message. */
const char *keys_bind(struct keys *, const char *screen, const char *key,
	    const char *action);
void	keys_free(struct keys *);
/* The screen named name, or KEYS_NMODES. */
enum keys_mode keys_mode_named(const char *name);
/* The action named name, or -1. */
int	keys_action_named(const char *name);
/* A key's name ("Ctrl-D", "Down"), in a static buffer. */
const char *keys_name(int key);
/* The codes a name stands for (Enter is three of them), at most 4
 * into codes; 0 when it names no key. */
size_t	keys_parse(const char *name, int codes[4]);
/* The help of screen mode: every binding its map and its parents' make,
 * by group, wrapped to width; caller-owned.  ctx is a struct keys (the
 * configuration's bindings) or NULL. */
struct page *keys_help_page(const void *ctx, size_t mode, int width);

#endif
