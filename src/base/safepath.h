/* safepath.h - a path named inside a file (a "Read more" item's href),
 * confined to a folder.
 *
 * A story may name another story beside it; it may not name
 * /etc/passwd, ../../secret or a symbolic link that leads out, nor learn
 * from the reader whether such a file exists.  So the path is refused
 * as soon as it is absolute or its own ".." components leave the folder,
 * before any system call; then it is walked one component at a time
 * with lstat, from the real path of the folder, and every symbolic
 * link met on the way is read and checked the same way before anything
 * it names is looked at.  No system call ever touches a path outside
 * the folder, and the answer for a path outside is the same whether or
 * not it exists. */
#ifndef NEWSLENS_SAFEPATH_H
#define NEWSLENS_SAFEPATH_H

enum safepath_status {
	SAFEPATH_OK,		/* a regular file inside the root */
	SAFEPATH_OUTSIDE,	/* absolute, or leads out of the root */
	SAFEPATH_MISSING,	/* inside, but nothing is there */
	SAFEPATH_NOT_FILE,	/* inside, but not a regular file */
	SAFEPATH_ERROR,		/* cannot tell (errno says why) */
};

/* Resolves href, relative to the folder dir, confined to the folder
 * root (dir itself, or a folder holding it: a library's root).  On
 * SAFEPATH_OK, *out is a caller-owned path of the file with no symbolic
 * link in it; otherwise *out is NULL. */
enum safepath_status	 safepath_resolve(const char *root, const char *dir,
			    const char *href, char **out);

/* The folder of the file at path (what is before its last slash, "."
 * when there is none); caller-owned. */
char			*safepath_folder(const char *path);

#endif
