/* import_date.c - the dates of datelines, as ISO 8601.
 *
 * Datelines are written many ways: "Sunday 12 January 2020 5:06 pm",
 * "January 12, 2020", "12 Jan 2020 17:06 GMT", "2020-01-12T17:06",
 * "Published: March 2021".  A month and a year are needed; a day makes
 * it a date, and a time of day is kept only with a day.  A time zone
 * written as GMT, UTC, BST, EST and the like becomes an offset. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "import/import_int.h"
#include "base/xmalloc.h"
#include "model/when.h"

struct when {
	int	year, month, day;	/* 0: not seen */
	int	hour, minute, second;	/* hour -1: no time */
	int	meridiem;		/* 0, 'a' or 'p' */
	const char *zone;		/* "Z", "+01:00", or NULL */
};

static const char *months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static const char *weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday",
};

/* Words a dateline may hold besides the date. */
static const char *fillers[] = {
	"at", "by", "last", "modified", "on", "posted", "published",
	"updated",
};

static const struct {
	const char	*name;
	const char	*offset;
} zones[] = {
	{ "bst", "+01:00" }, { "cdt", "-05:00" }, { "cest", "+02:00" },
	{ "cet", "+01:00" }, { "cst", "-06:00" }, { "edt", "-04:00" },
	{ "est", "-05:00" }, { "gmt", "Z" }, { "mdt", "-06:00" },
	{ "mst", "-07:00" }, { "pdt", "-07:00" }, { "pst", "-08:00" },
	{ "utc", "Z" }, { "z", "Z" },
};

/* The ISO form of w, if it is a date: the model's checker (when.h)
 * has the last word, so that the importer writes only what the loader
 * reads.  A year is four digits from 1000: smaller numbers are rarely
 * years in a dateline. */
static char *
date_format(const struct when *w)
{
	struct buf b = BUF_INIT;
	char *s;

	if (w->year < 1000 || w->year > 9999)
		return NULL;
	buf_printf(&b, "%04d-%02d", w->year, w->month);
	if (w->day != 0)
		buf_printf(&b, "-%02d", w->day);
	if (w->day != 0 && w->hour >= 0) {
		buf_printf(&b, "T%02d:%02d", w->hour, w->minute);
		if (w->second > 0)
			buf_printf(&b, ":%02d", w->second);
		if (w->zone != NULL)
			buf_puts(&b, w->zone);
	}
	s = buf_detach(&b);
	if (!when_check(s, NULL, 0)) {
		free(s);
		return NULL;
	}
	return s;
}

/* The number made of s[0..n), all digits; -1 otherwise. */
static int
date_number(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	if (n == 0 || n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
date_list_index(const char *const *list, size_t n, const char *w, size_t len,
    size_t min)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (len >= min && len <= strlen(list[i]) &&
		    strncmp(list[i], w, len) == 0)
			return (int)i;
	return -1;
}

/* "2020-01-12", optionally "T17:06" or "T17:06:30": the ISO form. */
static bool
date_iso(const char *s, size_t len, struct when *w)
{
	size_t i;

	for (i = 0; i + 10 <= len; i++) {
		const char *p = s + i;

		if (i > 0 && isdigit((unsigned char)p[-1]))
			continue;
		if (date_number(p, 4) < 0 || p[4] != '-' || date_number(p + 5,
		    2) < 0 ||
		    p[7] != '-' || date_number(p + 8, 2) < 0)
			continue;
		w->year = date_number(p, 4);
		w->month = date_number(p + 5, 2);
		w->day = date_number(p + 8, 2);
		if (i + 16 <= len && (p[10] == 'T' || p[10] == ' ') &&
		    date_number(p + 11, 2) >= 0 && p[13] == ':' &&
		    date_number(p + 14, 2) >= 0) {
			w->hour = date_number(p + 11, 2);
			w->minute = date_number(p + 14, 2);
			if (i + 19 <= len && p[16] == ':' &&
			    date_number(p + 17, 2) >= 0)
				w->second = date_number(p + 17, 2);
		}
		return true;
	}
	return false;
}

/* One word of a written-out date; false if it is no part of one. */
static bool
date_word(struct when *w, const char *s, size_t n)
{
	char low[16];
	size_t i, k;
	int v;
	const char *colon;

	if (n >= sizeof low)
		return false;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = '\0';
	if (n > 0 && low[n - 1] == '.')
		n--;
	/* "5:06", "17:06", "5:06pm". */
	colon = memchr(low, ':', n);
	if (colon != NULL) {
		size_t h = (size_t)(colon - low);
		int hh = date_number(low, h), mm = date_number(colon + 1, 2);

		if (hh < 0 || mm < 0)
			return false;
		w->hour = hh;
		w->minute = mm;
		if (n >= h + 5 && (low[h + 3] == 'a' || low[h + 3] == 'p') &&
		    low[h + 4] == 'm')
			w->meridiem = low[h + 3];
		return true;
	}
	if ((n == 2 || n == 4) && (strncmp(low, "am", 2) == 0 ||
	    strncmp(low, "pm", 2) == 0 || strcmp(low, "a.m") == 0 ||
	    strcmp(low, "p.m") == 0)) {
		w->meridiem = low[0];
		return true;
	}
	for (k = 0; k < sizeof zones / sizeof zones[0]; k++)
		if (strlen(zones[k].name) == n &&
		    strncmp(zones[k].name, low, n) == 0) {
			w->zone = zones[k].offset;
			return true;
		}
	if ((v = date_list_index(months, 12, low, n, 3)) >= 0
	    && w->month == 0) {
		w->month = v + 1;
		return true;
	}
	if (date_list_index(weekdays, 7, low, n, 3) >= 0 ||
	    date_list_index(fillers, sizeof fillers / sizeof fillers[0], low, n,
	    2) >= 0)
		return true;
	/* "12", "12th", "2020". */
	for (i = 0; i < n && isdigit((unsigned char)low[i]); i++)
		;
	v = date_number(low, i);
	if (v < 0 || (i < n && !(n - i == 2 && (strncmp(low + i, "st", 2) ==
	    0 || strncmp(low + i, "nd", 2) == 0 || strncmp(low + i, "rd", 2) ==
	    0 || strncmp(low + i, "th", 2) == 0))))
		return false;
	if (i == 4 && w->year == 0 && i == n) {
		w->year = v;
		return true;
	}
	if (i <= 2 && v >= 1 && v <= 31 && w->day == 0) {
		w->day = v;
		return true;
	}
	return false;
}

char *
date_parse(const char *s, size_t len, size_t *words)
{
	struct when w = { 0, 0, 0, -1, 0, 0, 0, NULL };
	size_t i = 0, start, other = 0;

	if (date_iso(s, len, &w)) {
		*words = 0;
		return date_format(&w);
	}
	while (i < len) {
		while (i < len && !isalnum((unsigned char)s[i]))
			i++;
		start = i;
		while (i < len && (isalnum((unsigned char)s[i]) ||
		    ((s[i] == ':' || s[i] == '.') && i + 1 < len &&
		    isalnum((unsigned char)s[i + 1]))))
			i++;
		if (i > start && !date_word(&w, s + start, i - start))
			other++;
	}
	*words = other;
	if (w.month == 0 || w.year == 0)
		return NULL;
	if (w.day == 0 || w.hour < 0) {
		w.hour = -1;
		w.zone = NULL;
	} else if (w.meridiem != 0) {
		if (w.hour < 1 || w.hour > 12)
			return NULL;
		w.hour = w.hour % 12 + (w.meridiem == 'p' ? 12 : 0);
	}
	return date_format(&w);
}

char *
date_from_norm(const char *s)
{
	struct when w = { 0, 0, 0, -1, 0, 0, 0, NULL };
	char zone[8];
	size_t len = strlen(s), words;

	if (len >= 10 && s[4] == '-')
		return date_parse(s, len, &words);
	if (len < 8 || date_number(s, 4) < 0 || date_number(s + 4, 2) < 0 ||
	    date_number(s + 6, 2) < 0)
		return NULL;
	w.year = date_number(s, 4);
	w.month = date_number(s + 4, 2);
	w.day = date_number(s + 6, 2);
	if (len >= 13 && s[8] == 'T' && date_number(s + 9, 2) >= 0 &&
	    date_number(s + 11, 2) >= 0) {
		w.hour = date_number(s + 9, 2);
		w.minute = date_number(s + 11, 2);
		s += 13;
		if (date_number(s, 2) >= 0) {
			w.second = date_number(s, 2);
			s += 2;
		}
		if (*s == 'Z')
			w.zone = "Z";
		else if ((*s == '+' || *s == '-') && date_number(s + 1,
		    2) >= 0 &&
		    date_number(s + 3, 2) >= 0) {
			snprintf(zone, sizeof zone, "%c%.2s:%.2s", *s, s + 1,
			    s + 3);
			w.zone = zone;
		}
	}
	return date_format(&w);
}
