/* ui.h - the terminal reader: curses screen, keymaps and main loop.
 *
 * ui.c draws the reader's state (reader.h) and owns the terminal;
 * keys.c (keys.h) holds the actions and each screen's keymap, which the
 * loop and the prompt dispatch on and the help screen and the manual
 * are generated from. */
#ifndef NEWSLENS_UI_H
#define NEWSLENS_UI_H

#include <stdbool.h>

#include "base/buf.h"
#include "format/load.h"
#include "tui/keys.h"
#include "view/reader.h"
#include "view/shelf.h"

/* How many searches the prompt remembers, for Up and Down. */
#define UI_HISTORY_MAX 32

/* A line being typed at the prompt. */
struct ui_line {
	struct buf	 b;		/* b.data is never NULL */
	size_t		 at;		/* the history entry shown */
	int		 done;		/* 1 entered, -1 cancelled */
	char		**hist;		/* the lines entered before it */
	size_t		*nhist;
	char		*above;		/* for the row above it (a question,
					 * what Tab found), or NULL */
};

struct session;
struct ui_roles;

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
	struct keys	 keys;		/* bindings the configuration made */
	enum keys_mode	 mode;		/* the screen the key was typed on */
	bool		 keep_count;	/* the key was a digit of a count */
	struct ui_line	*line;		/* the prompt's, while it is open */
	bool		 mouse;		/* clicks and the wheel are taken */
	int		 measure;	/* the article's widest line */
	/* Editing (tui/editmode.c): the first story's session, edit
	 * mode, the command line's history and a mouse press. */
	struct session	*session;
	bool		 edit;
	char		*commands[UI_HISTORY_MAX];
	size_t		 ncommands;
	bool		 pressed;
	size_t		 press_block;
	size_t		 press_at;
	struct shelf	*shelf;		/* the stories open, the library's
					 * list and views */
	bool		 filtering;	/* f: typing filters the list */
	struct ui_roles	*roles;		/* how each role is drawn (ui.c) */
};

/* The article's widest line unless the options or the configuration
 * say otherwise: a readable measure on a wide terminal. */
#define UI_MEASURE_DEFAULT 100

/* What the command line asks of the reader. */
struct ui_opts {
	bool	no_mouse;	/* --no-mouse */
	int	measure;	/* --width N; 0: not given */
	bool	read_only;	/* -R, --read-only */
};

/* The most a count typed before a key can be: nine digits. */
#define UI_COUNT_MAX 999999999UL

/* Asks for a line of text on the bottom row; returns it (caller-owned)
 * or NULL when the reader cancels.  Defined in ui.c. */
char	*ui_prompt(struct ui *, const char *prompt);
/* The same with text already typed, on screen `mode` (the prompt's or
 * one that falls back to it), with its own history (hist may be NULL)
 * and `above` on the row above it (may be NULL). */
char	*ui_prompt_line(struct ui *, const char *prompt, const char *text,
	    enum keys_mode mode, char **hist, size_t *nhist,
	    const char *above);
/* Keeps a line entered, the newest last, in a history of
 * UI_HISTORY_MAX. */
void	ui_remember(char **hist, size_t *n, const char *line);
/* Whether the reader shows the first story (not one opened from a
 * "Read more" card). */
bool	ui_first_story(const struct ui *);

/* Rows that a card or view has for its entries at the current size. */
int	ui_page_rows(const struct ui *);
/* The prompt's editing: a character typed at the end, the last one
 * or the last word erased, the history's older or newer entry. */
void	ui_line_insert(struct buf *, int key);
void	ui_line_erase(struct buf *);
void	ui_line_erase_word(struct buf *);
void	ui_line_recall(struct ui *, bool older);
/* A mouse event, read and acted on. */
void	ui_mouse(struct ui *);
/* Sends text (sanitised) to the terminal's clipboard, OSC 52; false
 * when that goes through tmux, which keeps it only with its option
 * set-clipboard on (its default, external, drops it). */
bool	ui_copy(struct ui *, const char *text);
/* Back from the first place of a story opened from another: true when
 * it went back to that story. */
bool	ui_close_story(struct ui *);
/* The story the shelf just put in u->r, set up for this screen. */
void	ui_adopt(struct ui *);
/* Enter, q and ? on the library's list and views. */
void	ui_list_follow(struct ui *);
void	ui_list_back(struct ui *);
void	ui_list_help(struct ui *);

/* Runs the reader on story st (which it takes over) read from path
 * (NULL: the built-in story); stories opened from "Read more" cards are
 * loaded with opts; uo and the configuration file (view/conf.h) set
 * the mouse and the measure, and uo whether it may be edited.  Returns
 * the exit status, or -1 when the terminal cannot be driven (the caller
 * then prints the dump). */
int	ui_run(struct story *st, const char *path,
	    const struct load_opts *opts, const struct ui_opts *uo);
/* Runs the library's list on folder dir (paths NULL) or on the n files
 * of paths, indexing with its progress on the status line (Ctrl-C
 * stops it, keeping what was indexed).  Returns the exit status, or -1
 * when the terminal cannot be driven. */
int	ui_run_library(const char *dir, char *const *paths, size_t n,
	    const struct load_opts *opts, bool no_index);

#endif
