/* import_html.h - the HTML front end's parts, shared by its files.
 *
 * A page goes: import_html.c parses it with libxml2's HTML parser (no
 * network, no entities beyond HTML's own), reads the head from its
 * metadata (import_meta.c), strips what is never article text, scores
 * the blocks that are left and keeps the best subtree with its good
 * siblings (import_extract.c), and turns it into paragraphs and "Read
 * more" items (import_html.c again).
 *
 * Every walk over the tree goes by the nodes' parent pointers, never by
 * recursion: a page nested a million deep costs time, not stack.  The
 * per-node figures are kept in one array, reached through each node's
 * _private field. */
#ifndef NEWSLENS_IMPORT_HTML_H
#define NEWSLENS_IMPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "import/import_int.h"

/* What the page says about itself, best source first. */
struct hmeta {
	char	*headline, *when, *byline, *source, *url;
	char	*title;		/* <title>, for comparing headings with */
};

/* The figures of one node, over its subtree: one for every element of
 * the page, so counted in 32 bits (a page is less than 2 GB), 48 bytes
 * an element where they were 88. */
struct hnode {
	double	 score;
	uint32_t chars;		/* characters, runs of space as one */
	uint32_t link_chars;	/* of those, inside links */
	uint32_t commas;
	uint32_t p, img, li, input, embed, heading_chars;
	bool	 scored;	/* a candidate: its score is set */
	bool	 removed;	/* left out of the article */
};

/* The extraction's switches, dropped one by one when the first tries
 * find too little text (as Readability does). */
enum hflag {
	HF_STRIP_UNLIKELY	= 1 << 0,
	HF_WEIGHT_CLASSES	= 1 << 1,
	HF_CLEAN_CONDITIONALLY	= 1 << 2
};

/* A link found in a "related" box before the box was stripped. */
struct hlink {
	char		*title, *url;
	xmlNode		*box;		/* the box it was in */
	unsigned long	 line;		/* its line, kept once the box is
					 * freed */
};

struct hpage {
	struct idoc	*doc;
	xmlDoc		*xml;
	xmlNode		*body;
	struct hmeta	 meta;
	struct hnode	*info;
	size_t		 ninfo;
	unsigned	 flags;		/* enum hflag */
	struct hlink	*links;
	size_t		 nlinks;
	size_t		 links_cap;
	char		*byline;	/* from a byline element of the page */
	/* The article: its top node and the nodes kept (the top node and
	 * its siblings), in document order. */
	xmlNode		*top;
	xmlNode		**keep;
	size_t		 nkeep;
	size_t		 keep_cap;
};

/* import_html.c */
struct hnode	*html_info(const struct hpage *, const xmlNode *);
bool		 html_is(const xmlNode *, const char *name);
/* The words of s[0..len), runs of characters between single spaces. */
size_t		 html_words(const char *s, size_t len);
/* The next node in document order within root, into n's children
 * unless skip. */
xmlNode		*html_next(xmlNode *n, const xmlNode *root, bool skip);
/* The class and id of n, in small letters, joined by a space. */
char		*html_class_id(const xmlNode *n);
/* Whether a word list (alternatives joined by '|') has one in s. */
bool		 html_match(const char *s, const char *const *words);
char		*html_attr(const xmlNode *, const char *name);
/* The text of n, whitespace folded, trimmed, control characters
 * dropped; caller-owned. */
char		*html_text(const xmlNode *n);
/* The same for a string of the page (an attribute's value). */
char		*html_text_str(const char *s);

/* import_meta.c */
void		 meta_read(struct hpage *);
void		 meta_free(struct hmeta *);
/* The date in s as ISO 8601 and as words ("12 January 2020, 17:06"). */
bool		 meta_date(const char *s, char **when, char **words);

/* import_extract.c */
void		 extract_article(struct hpage *);

#endif
