/* run.h - newslens --run: editing commands from a script, without a
 * terminal (view/session.h runs them). */
#ifndef NEWSLENS_RUN_H
#define NEWSLENS_RUN_H

#include "format/load.h"

/* Runs the commands of SCRIPT ("-": standard input) on the story FILE:
 * one a line, as typed after ':' (the colon optional), '#' comments and
 * blank lines skipped, a question answered by the next line.  Saves
 * only on `w`.  Returns 0, or 1 after printing "newslens: SCRIPT:LINE:
 * message" for the first refused command (FILE then is as the last
 * `w` left it, whole). */
int	run_script(const char *script, const char *file,
	    const struct load_opts *);

#endif
