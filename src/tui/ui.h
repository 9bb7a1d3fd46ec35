/* ui.h - the terminal reader: curses screen, key table and main loop.
 *
 * ui.c draws the reader's state (reader.h) and owns the terminal;
 * keys.c holds the one key table that the loop dispatches on and that
 * the help screen and the manual are generated from. */
#ifndef NEWSLENS_UI_H
#define NEWSLENS_UI_H

#include <stdbool.h>

#include "format/load.h"
#include "view/reader.h"

/* How many searches the prompt remembers, for Up and Down. */
#define UI_HISTORY_MAX 32

struct ui {
	struct reader	 r;
	bool		 quit;
	bool		 panel;		/* the side panel is wanted */
	bool		 ascii;		/* the locale cannot show UTF-8 */
	bool		 mono;		/* no colours (NO_COLOR, or none) */
	int		 cols;		/* the terminal's size */
	int		 lines;
	bool		 too_small;
	size_t		 click_item;	/* the item clicked last, or NONE */
	char		*open_path;	/* a story to open next, or NULL */
	unsigned long	 count;		/* a number typed before a key, or 0 */
	char		*history[UI_HISTORY_MAX]; /* lines entered at the
					 * prompt, the newest last */
	size_t		 nhistory;
	struct load_opts load;		/* for stories opened from cards */
	bool		 mouse;		/* clicks and the wheel are taken */
	int		 measure;	/* the article's widest line */
};

/* The article's widest line unless the options or the configuration
 * say otherwise: a readable measure on a wide terminal. */
#define UI_MEASURE_DEFAULT 100

/* What the command line asks of the reader. */
struct ui_opts {
	bool	no_mouse;	/* --no-mouse */
	int	measure;	/* --width N; 0: not given */
};

struct key_binding {
	int		 keys[4];	/* curses key codes; 0 ends the list */
	const char	*names;		/* as the help and the manual show them */
	const char	*group;
	const char	*help;
	void		(*action)(struct ui *);
};

/* The key table, ending with an entry whose action is NULL. */
extern const struct key_binding key_table[];

/* The most a count typed before a key can be: nine digits. */
#define UI_COUNT_MAX 999999999UL

/* Checks a bind line of the configuration file (view/conf.h): NULL
 * when SCREEN, KEY and ACTION are all known, else why not. */
const char *keys_bind(const char *screen, const char *key,
	    const char *action);
/* Runs the action bound to key; returns false when no binding has it. */
bool	keys_dispatch(struct ui *, int key);
/* The help page, generated from key_table and wrapped to `width`
 * columns; owned by the caller. */
struct page *keys_help_page(int width);
/* Asks for a line of text on the bottom row; returns it (caller-owned)
 * or NULL when the reader cancels.  Defined in ui.c. */
char	*ui_prompt(struct ui *, const char *prompt);

/* Rows that a card or view has for its entries at the current size. */
int	ui_page_rows(const struct ui *);

/* Runs the reader on story st (which it takes over) read from path
 * (NULL: the built-in story); stories opened from "Read more" cards are
 * loaded with opts; uo and the configuration file (view/conf.h) set
 * the mouse and the measure.  Returns the exit status, or -1 when the
 * terminal cannot be driven (the caller then prints the dump). */
int	ui_run(struct story *st, const char *path,
	    const struct load_opts *opts, const struct ui_opts *uo);

#endif
