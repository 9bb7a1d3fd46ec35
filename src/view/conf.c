/* conf.c - the reader's configuration file: set, color and bind.
 *
 * Lines are split at white space into at most CONF_WORDS words;
 * nothing is quoted, since no value needs a space. */
#include "config.h"

#include "view/conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "format/load.h"

#define CONF_WORDS 8
/* A configuration file is small: more than this is a mistake. */
#define CONF_MAX_SIZE ((size_t)1 << 20)

struct conf_line {
	char	*w[CONF_WORDS];
	size_t	 n;
	bool	 too_many;
};

void
conf_init(struct conf *c)
{
	memset(c, 0, sizeof *c);
	c->mouse = true;
}

void
conf_free(struct conf *c)
{
	free(c->colors);
	conf_init(c);
}

/* Splits line (modified in place) into words. */
static void
conf_split(char *line, struct conf_line *l)
{
	char *save = NULL, *w;

	memset(l, 0, sizeof *l);
	for (w = strtok_r(line, " \t\r", &save); w != NULL;
	    w = strtok_r(NULL, " \t\r", &save)) {
		if (l->n == CONF_WORDS) {
			l->too_many = true;
			return;
		}
		l->w[l->n++] = w;
	}
}

static bool
conf_number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static const char *
conf_set(struct conf *c, const struct conf_line *l)
{
	long v;

	if (l->n != 3)
		return "set takes a name and a value: set mouse off, "
		    "set width N";
	if (strcmp(l->w[1], "mouse") == 0) {
		if (strcmp(l->w[2], "on") != 0 && strcmp(l->w[2], "off") != 0)
			return "set mouse takes on or off";
		c->mouse = strcmp(l->w[2], "on") == 0;
		return NULL;
	}
	if (strcmp(l->w[1], "width") == 0) {
		if (!conf_number(l->w[2], CONF_WIDTH_MIN,
		    CONF_WIDTH_MAX, &v))
			return "set width takes a number of columns from 20 "
			    "to 1000";
		c->width = (int)v;
		return NULL;
	}
	return "set knows mouse and width";
}

static const char *const conf_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan",
	"white",
};

static bool
conf_colour(const char *s, short *out)
{
	long v;
	size_t i;

	if (strcmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < sizeof conf_color_names /
	    sizeof conf_color_names[0]; i++)
		if (strcmp(s, conf_color_names[i]) == 0) {
			*out = (short)i;
			return true;
		}
	if (strncmp(s, "color", 5) == 0)
		s += 5;
	if (!conf_number(s, 0, 255, &v))
		return false;
	*out = (short)v;
	return true;
}

static const struct {
	const char	*name;
	unsigned	 bit;
} conf_attrs[] = {
	{ "normal", 0 }, { "bold", CONF_BOLD }, { "dim", CONF_DIM },
	{ "underline", CONF_UNDERLINE }, { "reverse", CONF_REVERSE },
	{ "standout", CONF_STANDOUT }, { "blink", CONF_BLINK },
	{ "italic", CONF_ITALIC },
};

/* Whether a and b are the same role name: no case, '-' as '_'. */
static bool
conf_same_name(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if ((x | 0x20) != (y | 0x20) || (x == '_') != (y == '_'))
			return false;
	}
	return *a == *b;
}

static const char *
conf_color(struct conf *c, const struct conf_line *l,
    const struct conf_names *names)
{
	struct conf_color cc;
	size_t i, j;

	if (l->n < 4)
		return "color takes a role, a foreground and a background: "
		    "color quote green default [bold]";
	for (i = 0; i < names->nroles; i++)
		if (conf_same_name(l->w[1], names->roles[i]))
			break;
	if (i == names->nroles)
		return "no such colour role (newslens(1) lists them)";
	cc.role = i;
	cc.attrs = 0;
	if (!conf_colour(l->w[2], &cc.fg) || !conf_colour(l->w[3], &cc.bg))
		return "a colour is default, black, red, green, yellow, blue, "
		    "magenta, cyan, white or a number from 0 to 255";
	for (i = 4; i < l->n; i++) {
		for (j = 0; j < sizeof conf_attrs / sizeof conf_attrs[0];
		    j++)
			if (strcmp(l->w[i], conf_attrs[j].name) == 0)
				break;
		if (j == sizeof conf_attrs / sizeof conf_attrs[0])
			return "an attribute is normal, bold, dim, underline, "
			    "reverse, standout, blink or italic";
		cc.attrs |= conf_attrs[j].bit;
	}
	c->colors = xreallocarray(c->colors, c->ncolors + 1,
	    sizeof *c->colors);
	c->colors[c->ncolors++] = cc;
	return NULL;
}

/* One line: NULL when it is good (or blank, or a comment). */
static const char *
conf_line(struct conf *c, char *line, const struct conf_names *names)
{
	struct conf_line l;

	conf_split(line, &l);
	if (l.n == 0 || l.w[0][0] == '#')
		return NULL;
	if (l.too_many)
		return "too many words";
	if (strcmp(l.w[0], "set") == 0)
		return conf_set(c, &l);
	if (strcmp(l.w[0], "color") == 0)
		return conf_color(c, &l, names);
	if (strcmp(l.w[0], "bind") == 0) {
		if (l.n != 4)
			return "bind takes a screen, a key and an action: "
			    "bind article J scroll-down";
		return names->bind ? names->bind(names->ctx, l.w[1],
		    l.w[2], l.w[3]) :
		    "bind is not known here";
	}
	return "unknown command: the commands are set, color and bind";
}

size_t
conf_parse(struct conf *c, const char *text, size_t len,
    const char *name, const struct conf_names *names, struct diag *d)
{
	const char *p = text, *end = text + len, *nl;
	unsigned long lineno = 0;
	size_t bad = 0;
	char *line;
	const char *why;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		lineno++;
		line = xstrndup(p, (size_t)((nl ? nl : end) - p));
		if (strlen(line) != (size_t)((nl ? nl : end) - p))
			why = "a NUL byte in the line";
		else
			why = conf_line(c, line, names);
		if (why != NULL) {
			diag_add(d, name, lineno, "%s", why);
			bad++;
		}
		free(line);
		p = nl ? nl + 1 : end;
	}
	return bad;
}

char *
conf_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct buf b = BUF_INIT;

	/* The XDG base directory specification: a relative value is to
	 * be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		buf_printf(&b, "%s/newslens/config", xdg);
	else if (home != NULL && home[0] != '\0')
		buf_printf(&b, "%s/.config/newslens/config", home);
	else
		return NULL;
	return buf_detach(&b);
}

size_t
conf_load(struct conf *c, const char *path,
    const struct conf_names *names, struct diag *d)
{
	struct stat sb;
	size_t len, before = d->n + d->dropped;
	char *text;

	if (stat(path, &sb) == -1 && errno == ENOENT)
		return 0;
	text = load_read_file(path, CONF_MAX_SIZE, &len, d);
	if (text != NULL)
		conf_parse(c, text, len, path, names, d);
	free(text);
	return d->n + d->dropped - before;
}
