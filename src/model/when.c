/* when.c - the one checker of `when` values (when.h).
 *
 * It reads the value left to right, each field in turn, and stops at
 * the first that is wrong, so that the reason names one field and its
 * value: a reader fixing "2020-02-30T24:00" learns first of the day. */
#include "config.h"

#include "model/when.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const when_months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* n digits at s, as a number; -1 when any is not a digit. */
static int
when_digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static bool
when_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
when_month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && when_leap(y) ? 29 : days[m - 1];
}

/* "1st", "2nd", "30th", "31st": the day as English writes it. */
static const char *
when_ordinal(int d)
{
	if (d % 100 >= 11 && d % 100 <= 13)
		return "th";
	switch (d % 10) {
	case 1: return "st";
	case 2: return "nd";
	case 3: return "rd";
	default: return "th";
	}
}

static bool __attribute__((format(printf, 3, 4)))
when_fail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && n > 0) {
		va_start(ap, fmt);
		vsnprintf(why, n, fmt, ap);
		va_end(ap);
	}
	return false;
}

static bool
when_form(char *why, size_t n)
{
	return when_fail(why, n, "it is not of the form "
	    "YYYY[-MM[-DD[Thh:mm[:ss[.s]][Z|+hh:mm|-hh:mm]]]]");
}

/* hh:mm at s, of a time of day or (zone) of an offset. */
static bool
when_hhmm(const char *s, bool zone, char *why, size_t n)
{
	int h = when_digits(s, 2), m;

	/* In this order: s may end at any byte. */
	if (h < 0 || s[2] != ':' || (m = when_digits(s + 3, 2)) < 0)
		return when_form(why, n);
	if (h > 23)
		return when_fail(why, n, zone ? "there is no offset of %02d "
		    "hours" : "there is no hour %02d", h);
	if (m > 59)
		return when_fail(why, n, zone ? "there is no offset of %02d "
		    "minutes" : "there is no minute %02d", m);
	return true;
}

/* The time and zone, after the "T". */
static bool
when_time(const char *s, char *why, size_t n)
{
	int sec;

	if (!when_hhmm(s, false, why, n))
		return false;
	s += 5;
	if (*s == ':') {
		if ((sec = when_digits(s + 1, 2)) < 0)
			return when_form(why, n);
		if (sec > 60)
			return when_fail(why, n, "there is no second %02d", sec);
		s += 3;
		if (*s == '.') {
			if (when_digits(s + 1, 1) < 0)
				return when_form(why, n);
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
		}
	}
	if (*s == 'Z')
		return s[1] == '\0' || when_form(why, n);
	if (*s == '+' || *s == '-')
		return strlen(s + 1) == 5 ? when_hhmm(s + 1, true, why, n) :
		    when_form(why, n);
	return *s == '\0' || when_form(why, n);
}

/* The day, at s, of month m of year y, and what follows it. */
static bool
when_day(const char *s, int y, int m, char *why, size_t n)
{
	int d = when_digits(s, 2);

	if (d < 0)
		return when_form(why, n);
	if (d == 0)
		return when_fail(why, n, "there is no day 00");
	if (m == 2 && d == 29 && !when_leap(y))
		return when_fail(why, n, "February %04d has no 29th", y);
	if (d > when_month_days(y, m))
		return when_fail(why, n, "%s has no %d%s", when_months[m - 1],
		    d, when_ordinal(d));
	s += 2;
	if (*s == '\0')
		return true;
	return *s == 'T' ? when_time(s + 1, why, n) : when_form(why, n);
}

bool
when_check(const char *s, char *why, size_t n)
{
	int y = when_digits(s, 4), m;

	if (y < 0)
		return when_form(why, n);
	if (s[4] == '\0')
		return true;
	if (s[4] != '-' || (m = when_digits(s + 5, 2)) < 0)
		return when_form(why, n);
	if (m < 1 || m > 12)
		return when_fail(why, n, "there is no month %02d", m);
	if (s[7] == '\0')
		return true;
	if (s[7] != '-')
		return when_form(why, n);
	return when_day(s + 8, y, m, why, n);
}
