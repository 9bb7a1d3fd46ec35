/* embedded.h - files built into the program (build-aux/embed.sh). */
#ifndef NEWSLENS_EMBEDDED_H
#define NEWSLENS_EMBEDDED_H

#include <stddef.h>

/* data/story.rng, NUL-terminated. */
extern const char embedded_schema[];
extern const size_t embedded_schema_len;
/* data/huawei-2020-01-12.xml, NUL-terminated. */
extern const char embedded_story[];
extern const size_t embedded_story_len;

#endif
