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

void
gate_describe(enum gate_refusal why, int err, size_t max, char *out,
    size_t n)
{
	switch (why) {
	case GATE_OPEN:
		snprintf(out, n, "cannot open: %s", strerror(err));
		break;
	case GATE_STAT:
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
