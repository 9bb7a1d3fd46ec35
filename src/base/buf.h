/* buf.h - a growable byte buffer, always NUL-terminated. */
#ifndef NEWSLENS_BUF_H
#define NEWSLENS_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated; NULL until the first append */
	size_t	 len;	/* bytes in use, not counting the NUL */
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	buf_reserve(struct buf *, size_t extra);
void	buf_append(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	buf_truncate(struct buf *, size_t len);
/* Hands the contents to the caller (never NULL) and empties the buffer. */
char	*buf_detach(struct buf *);
void	buf_free(struct buf *);

#endif
