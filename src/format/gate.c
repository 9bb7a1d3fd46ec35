/* gate.c - what makes a file safe to parse (gate.h). */
#include "config.h"

#include "format/gate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xmalloc.h"

int
gate_open(const char *path, size_t max, size_t *size, enum gate_refusal *why)
{
	struct stat sb;
	int fd, err;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd == -1) {
		*why = GATE_OPEN;
		return -1;
	}
	if (fstat(fd, &sb) == -1)
		*why = GATE_STAT;
	else if (S_ISDIR(sb.st_mode))
		*why = GATE_FOLDER;
	else if (!S_ISREG(sb.st_mode))
		*why = GATE_NOT_REGULAR;
	else if ((unsigned long long)sb.st_size > max)
		*why = GATE_TOO_BIG;
	else {
		*size = (size_t)sb.st_size;
		return fd;
	}
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

char *
gate_read(int fd, size_t max, size_t cap, size_t *lenp,
    enum gate_refusal *why)
{
	size_t len = 0;
	ssize_t n;
	char *data;
	int err;

	/* Read to the end rather than trust the size: the file may grow. */
	cap = cap < 4096 ? 4096 : cap + 1;
	data = xmalloc(cap + 1);
	for (;;) {
		if (len == cap) {
			if (cap > max)
				break;
			cap *= 2;
			data = xreallocarray(data, cap + 1, 1);
		}
		n = read(fd, data + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			err = errno;
			free(data);
			*why = GATE_READ;
			errno = err;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > max) {
		free(data);
		*why = GATE_TOO_BIG;
		return NULL;
	}
	data[len] = '\0';
	*lenp = len;
	return data;
}

void
gate_describe(enum gate_refusal why, int err, size_t max, char *out,
    size_t n)
{
	switch (why) {
	case GATE_OPEN:
		snprintf(out, n, "cannot open: %s", strerror(err));
		break;
	case GATE_STAT:
	case GATE_READ:
		snprintf(out, n, "cannot read: %s", strerror(err));
		break;
	case GATE_FOLDER:
		snprintf(out, n, "is a directory, not a story file");
		break;
	case GATE_NOT_REGULAR:
		snprintf(out, n, "is not a regular file");
		break;
	case GATE_TOO_BIG:
		snprintf(out, n, "file is larger than the limit of %zu bytes "
		    "(raise it with --max-size)", max);
		break;
	}
}

bool
gate_encoding_ok(const char *declared)
{
	return declared == NULL || strcasecmp(declared, "UTF-8") == 0;
}

/* ---- the attribute count, before the parser ---------------------- */

/* After "<!": a comment, a CDATA section, or neither (a DOCTYPE, which
 * the parser refuses), when the scan goes on from this byte. */
static bool
gate_scan_bang(struct gate_scan *sc, char c)
{
	static const char cdata[] = "[CDATA[";

	if (sc->matched == 0) {
		sc->cdata = c == '[';
		if (c != '-' && c != '[') {
			sc->mode = GATE_SCAN_TEXT;
			return false;
		}
	} else if (sc->cdata ? c != cdata[sc->matched] : c != '-') {
		sc->mode = GATE_SCAN_TEXT;
		return false;
	}
	sc->matched++;
	if (!sc->cdata && sc->matched == 2) {
		/* A comment is closed by "-->" from its '<' on: "<!-->"
		 * closes the comment it opens. */
		sc->mode = GATE_SCAN_COMMENT;
		sc->matched = 2;
	} else if (sc->cdata && sc->matched == sizeof cdata - 1) {
		sc->mode = GATE_SCAN_CDATA;
		sc->matched = 0;
	}
	return true;
}

/* One byte of a comment (c2 '-') or CDATA section (c2 ']'). */
static void
gate_scan_close(struct gate_scan *sc, char c, char c2)
{
	if (c == '>' && sc->matched >= 2)
		sc->mode = GATE_SCAN_TEXT;
	else if (c == c2)
		sc->matched++;
	else
		sc->matched = 0;
}

/* One byte of a tag; false when it has too many attributes. */
static bool
gate_scan_tag(struct gate_scan *sc, char c)
{
	if (sc->quote)
		sc->quote = c == sc->quote ? 0 : sc->quote;
	else if (c == '"' || c == '\'')
		sc->quote = c;
	else if (c == '>')
		sc->mode = GATE_SCAN_TEXT;
	else if (c == '=' && ++sc->attrs > GATE_MAX_ATTRIBUTES)
		return false;
	return true;
}

/* Scans the next n bytes; false as soon as a tag has too many
 * attributes. */
bool
gate_scan_chunk(struct gate_scan *sc, const char *p, size_t n)
{
	const char *end = p + n, *start = p;
	size_t before = sc->offset;

	sc->offset += n;

	while (p < end) {
		char c = *p;

		switch (sc->mode) {
		case GATE_SCAN_TEXT:
			if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
				return true;
			sc->tag_at = before + (size_t)(p - start);
			sc->mode = GATE_SCAN_OPEN;
			break;
		case GATE_SCAN_OPEN:
			sc->matched = 0;
			sc->quote = 0;
			sc->attrs = 0;
			sc->mode = c == '!' ? GATE_SCAN_BANG : c == '?' ? GATE_SCAN_TEXT :
			    GATE_SCAN_TAG;
			if (sc->mode == GATE_SCAN_TAG)
				continue;	/* the byte is the tag's */
			break;
		case GATE_SCAN_BANG:
			if (!gate_scan_bang(sc, c))
				continue;	/* the byte is text */
			break;
		case GATE_SCAN_COMMENT:
			gate_scan_close(sc, c, '-');
			break;
		case GATE_SCAN_CDATA:
			gate_scan_close(sc, c, ']');
			break;
		case GATE_SCAN_TAG:
			/* Most bytes of a tag are names and values: skip
			 * them without the byte-by-byte switch. */
			if (sc->quote != 0) {
				p = memchr(p, sc->quote, (size_t)(end - p));
				if (p == NULL)
					return true;
				c = *p;
			} else {
				while (p < end && *p != '"' && *p != '\'' &&
				    *p != '=' && *p != '>')
					p++;
				if (p == end)
					return true;
				c = *p;
			}
			if (!gate_scan_tag(sc, c))
				return false;
			break;
		}
		p++;
	}
	return true;
}
