/* diag.h - problems found in a file, each as "FILE:LINE: message".
 *
 * The loader collects them rather than printing, so that tests can
 * read them and so that the caller decides where they go. */
#ifndef NEWSLENS_DIAG_H
#define NEWSLENS_DIAG_H

#include <stdio.h>

#define DIAG_MAX 100	/* messages kept; the rest are only counted */

struct diag {
	char	**msgs;		/* "FILE:LINE: message" or, for the whole
				 * file, "FILE: message"; sanitised */
	size_t	  n;
	size_t	  dropped;	/* problems past DIAG_MAX */
	char	 *first_dropped; /* "FILE:LINE" of the first of them */
};

#define DIAG_INIT { NULL, 0, 0, NULL }

/* Records one problem; line 0 is the whole file, and names no line
 * ("FILE: message").  The file name and the formatted message are
 * sanitised, so either may hold anything a file or its name holds. */
void	diag_add(struct diag *, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Writes every problem as "newslens: FILE:LINE: message"; problems
 * past DIAG_MAX are counted on one line of that form too. */
void	diag_print(const struct diag *, FILE *);
/* Forgets the problems added since d held n of them, of which
 * `dropped` past DIAG_MAX: what one file said, when it says one thing
 * instead. */
void	diag_truncate(struct diag *, size_t n, size_t dropped);
void	diag_free(struct diag *);

#endif
