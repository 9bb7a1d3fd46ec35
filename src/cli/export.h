/* export.h - newslens --export: the annotation for other tools.
 *
 * Both formats see the story as one text: the headline, then every
 * block, each after a blank line, as the reader shows them; an item is
 * a span of it counted in Unicode code points, the end excluded. */
#ifndef NEWSLENS_EXPORT_H
#define NEWSLENS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "format/load.h"
#include "model/story.h"

/* The story's text and, for each item, its span in that text: byte
 * offsets (for its words) and code points (for the formats). */
struct export_doc {
	struct buf	 text;
	size_t		*byte_start;	/* per item */
	size_t		*byte_end;
	size_t		*cp_start;
	size_t		*cp_end;
};

void	export_doc_build(const struct story *, struct export_doc *);
void	export_doc_free(struct export_doc *);

/* brat standoff: the text (out_txt) and the annotations (out_ann), and
 * the annotation.conf that declares their types (conf). */
void	export_brat(const struct story *, const struct export_doc *,
	    struct buf *out_txt, struct buf *out_ann, struct buf *conf);
/* W3C Web Annotation JSON-LD: an AnnotationCollection of one annotation
 * per item; `source` names the story in each target. */
void	export_w3c(const struct story *, const struct export_doc *,
	    const char *source, struct buf *out);

bool	export_format_valid(const char *format);
/* --export FORMAT FILE [-o OUT]: 0, or 1 after saying why. */
int	export_file(const char *format, const char *file, const char *out,
	    const struct load_opts *);

#endif
