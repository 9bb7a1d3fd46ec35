/* conf.h - the reader's configuration file, in the manner of tig and
 * newsboat: one command a line.
 *
 *	# a comment
 *	set mouse off
 *	set width 72
 *	color quote green default bold
 *	bind article J scroll-down
 *
 * Parsing knows no curses: the colour roles and the check of a bind
 * line come from the caller (tui/), so that this is tested headless.
 * A bad line is one problem, "FILE:LINE: message", and the rest of
 * the file still applies. */
#ifndef NEWSLENS_CONF_H
#define NEWSLENS_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Attributes of a colour line, as bits. */
#define CONF_BOLD		0x01u
#define CONF_DIM		0x02u
#define CONF_UNDERLINE	0x04u
#define CONF_REVERSE		0x08u
#define CONF_STANDOUT		0x10u
#define CONF_BLINK		0x20u
#define CONF_ITALIC		0x40u

/* The widest measure `set width` takes, and the narrowest. */
#define CONF_WIDTH_MIN 20
#define CONF_WIDTH_MAX 1000

struct conf_color {
	size_t		role;	/* index into conf_names.roles */
	short		fg;	/* -1: the terminal's default; 0-255 */
	short		bg;
	unsigned	attrs;	/* CONF_BOLD, ... */
};

struct conf {
	bool			 mouse;		/* true unless "set mouse off" */
	int			 width;		/* the article's measure; 0: not
						 * set */
	struct conf_color	*colors;	/* in file order */
	size_t			 ncolors;
};

/* What the caller knows: the names of its colour roles (compared
 * without case, '-' the same as '_'), and what to do with a bind line:
 * bind it (ctx is the caller's), returning NULL when it is good, else
 * why not (a static string). */
struct conf_names {
	const char *const	*roles;
	size_t			 nroles;
	const char		*(*bind)(void *ctx, const char *screen,
				    const char *key, const char *action);
	void			*ctx;
};

void	conf_init(struct conf *);
void	conf_free(struct conf *);
/* Applies every good line of text[0..len) to c; a bad line adds one
 * problem to *d under `name`.  Returns the number of bad lines. */
size_t	conf_parse(struct conf *c, const char *text, size_t len,
	    const char *name, const struct conf_names *, struct diag *d);
/* $XDG_CONFIG_HOME/newslens/config, else ~/.config/newslens/config
 * ($HOME); caller-owned, or NULL when neither variable is set. */
char	*conf_path(void);
/* Reads and parses the file at path; a file that does not exist is no
 * problem.  Returns the number of problems added to *d. */
size_t	conf_load(struct conf *c, const char *path,
	    const struct conf_names *, struct diag *d);

#endif
