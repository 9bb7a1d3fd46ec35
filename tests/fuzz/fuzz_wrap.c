/* fuzz_wrap.c - sanitising and wrapping arbitrary bytes at a width
 * taken from the input.  The first byte chooses the width: 0, 1,
 * negative, INT_MAX, a million, or (most often) the second byte, so
 * that both ends and everything between are reached; the rest is the
 * text.
 *
 * Checked: sanitised text is safe and sanitising it again changes
 * nothing; widths add up cluster by cluster; every line of a wrap lies
 * within the text, in order, with only spaces between lines, is as
 * wide as its clusters, and fits the width unless it holds a single
 * visible cluster wider than it. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "base/buf.h"
#include "fuzz.h"
#include "base/text.h"

static int
pick_width(const uint8_t *data, size_t size, size_t *used)
{
	if (size < 2) {
		*used = size;
		return 1;
	}
	*used = 2;
	switch (data[0] & 7) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return -(int)data[1] - 1;
	case 3:
		return INT_MAX - data[1];
	case 4:
		return 1000000;
	default:
		return data[1];
	}
}

static void
check_widths(const char *s, size_t len)
{
	size_t pos, next, sum = 0;
	int w;

	for (pos = 0; pos < len; pos = next) {
		w = text_cluster(s, len, pos, &next);
		FUZZ_CHECK(next > pos && next <= len);
		FUZZ_CHECK(w >= 0 && w <= 2);
		sum += (size_t)w;
	}
	FUZZ_CHECK(sum == text_width(s, len));
	FUZZ_CHECK(text_cluster(s, len, len, &next) == 0 && next == len);
}

static void
check_wrap(const char *s, size_t len, int width)
{
	struct wrap_line *lines;
	int w;
	size_t n, i, p, prev_end = 0, next, sum, visible;
	size_t limit = width < 1 ? 1 : (size_t)width;

	n = text_wrap(s, len, width, &lines);
	FUZZ_CHECK(n >= 1);
	for (i = 0; i < n; i++) {
		const struct wrap_line *l = &lines[i];

		FUZZ_CHECK(l->start >= prev_end);
		FUZZ_CHECK(l->start <= l->end && l->end <= len);
		FUZZ_CHECK(l->width >= 0);
		/* Only spaces between one line and the next. */
		for (p = prev_end; p < l->start; p++)
			FUZZ_CHECK(s[p] == ' ');
		if (i > 0)
			FUZZ_CHECK(l->start > lines[i - 1].start);
		/* The line's width is that of its clusters, and it fits
		 * unless it holds a single visible cluster too wide for
		 * any line (with whatever zero-width ones come before). */
		sum = 0;
		visible = 0;
		for (p = l->start; p < l->end; p = next) {
			w = text_cluster(s, len, p, &next);
			sum += (size_t)w;
			visible += w > 0;
		}
		FUZZ_CHECK(p == l->end);
		FUZZ_CHECK(sum == (size_t)l->width);
		FUZZ_CHECK((size_t)l->width <= limit || visible == 1);
		prev_end = l->end;
	}
	for (p = prev_end; p < len; p++)
		FUZZ_CHECK(s[p] == ' ');
	free(lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT, again = BUF_INIT;
	const char *s;
	size_t used, len;
	int width = pick_width(data, size, &used);
	char *copy;

	s = (const char *)data + used;
	len = size - used;

	text_sanitize_into(&b, s, len);
	FUZZ_CHECK(b.len == 0 || text_is_safe(b.data, b.len));
	FUZZ_CHECK(text_is_safe(s, len) == (b.len == len &&
	    (len == 0 || memcmp(b.data, s, len) == 0)));
	text_sanitize_into(&again, b.data ? b.data : "", b.len);
	FUZZ_CHECK(again.len == b.len &&
	    (b.len == 0 || memcmp(again.data, b.data, b.len) == 0));

	/* text_sanitize on a C string: stops at the first NUL. */
	copy = malloc(len + 1);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, s, len);
	copy[len] = '\0';
	free(text_sanitize(copy));
	free(copy);

	check_widths(s, len);
	check_widths(b.data ? b.data : "", b.len);
	check_wrap(s, len, width);
	check_wrap(b.data ? b.data : "", b.len, width);
	buf_free(&b);
	buf_free(&again);
	return 0;
}
