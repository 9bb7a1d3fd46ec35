/* test_conf.c - the configuration file's parser (view/conf.h), without
 * a terminal: good lines apply, each bad line is one FILE:LINE problem
 * and the lines after it still apply. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "view/conf.h"

static const char *const roles[] = { "TEXT", "QUOTE", "M_PERSON" };

/* A stand-in for keys_bind: knows the article screen and one action. */
static const char *
bind_check(void *ctx, const char *screen, const char *key,
    const char *action)
{
	(void)ctx;
	if (strcmp(screen, "article") != 0)
		return "no such screen";
	if (strlen(key) != 1)
		return "no such key";
	return strcmp(action, "scroll-down") == 0 ? NULL : "no such action";
}

static const struct conf_names names = { roles, 3, bind_check, NULL };

static size_t
parse(struct conf *c, struct diag *d, const char *text)
{
	conf_init(c);
	return conf_parse(c, text, strlen(text), "rc", &names, d);
}

Test(conf, defaults)
{
	struct conf c;
	struct diag d = DIAG_INIT;

	cr_expect_eq(parse(&c, &d, ""), 0);
	cr_expect(c.mouse);
	cr_expect_eq(c.width, 0);
	cr_expect_eq(c.ncolors, 0);
	conf_free(&c);
	diag_free(&d);
}

Test(conf, good_lines)
{
	struct conf c;
	struct diag d = DIAG_INIT;

	cr_assert_eq(parse(&c, &d, "# a comment\n\n  set mouse off\n"
	    "set width 72\ncolor quote green default bold underline\n"
	    "color m-person 208 color17\r\nbind article J scroll-down\n"), 0,
	    "%s", d.n ? d.msgs[0] : "");
	cr_expect(!c.mouse);
	cr_expect_eq(c.width, 72);
	cr_assert_eq(c.ncolors, 2);
	cr_expect_eq(c.colors[0].role, 1);
	cr_expect_eq(c.colors[0].fg, 2);
	cr_expect_eq(c.colors[0].bg, -1);
	cr_expect_eq(c.colors[0].attrs, CONF_BOLD | CONF_UNDERLINE);
	cr_expect_eq(c.colors[1].role, 2);
	cr_expect_eq(c.colors[1].fg, 208);
	cr_expect_eq(c.colors[1].bg, 17);
	cr_expect_eq(c.colors[1].attrs, 0);
	cr_expect_eq(d.n, 0);
	conf_free(&c);
	diag_free(&d);
}

/* Each bad line: one message naming its line; the others apply. */
Test(conf, bad_lines)
{
	static const char *const want[] = {
		"rc:1: unknown command", "rc:2: set knows mouse and width",
		"rc:3: set mouse takes on or off", "rc:4: set width takes",
		"rc:6: no such colour role", "rc:7: a colour is default",
		"rc:8: an attribute is normal", "rc:9: color takes a role",
		"rc:10: no such action", "rc:11: no such screen",
		"rc:12: bind takes a screen",
	};
	struct conf c;
	struct diag d = DIAG_INIT;
	size_t i;

	cr_expect_eq(parse(&c, &d, "frobnicate\nset colour on\n"
	    "set mouse maybe\nset width 5\nset width 64\n"
	    "color nosuch red default\ncolor quote purple default\n"
	    "color quote red default shiny\ncolor quote\n"
	    "bind article J fly\nbind pager J scroll-down\nbind article J\n"),
	    11);
	cr_assert_eq(d.n, 11);
	for (i = 0; i < d.n; i++)
		cr_expect(strncmp(d.msgs[i], want[i], strlen(want[i])) == 0,
		    "[%s], not [%s...]", d.msgs[i], want[i]);
	/* The good line among them applied; the bad ones changed nothing. */
	cr_expect_eq(c.width, 64);
	cr_expect(c.mouse);
	cr_expect_eq(c.ncolors, 0);
	conf_free(&c);
	diag_free(&d);
}

Test(conf, path_from_the_environment)
{
	char *p;

	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	setenv("HOME", "/home/u", 1);
	p = conf_path();
	cr_expect_str_eq(p, "/x/cfg/newslens/config");
	free(p);
	/* A relative XDG_CONFIG_HOME is ignored, as the spec says. */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	p = conf_path();
	cr_expect_str_eq(p, "/home/u/.config/newslens/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = conf_path();
	cr_expect_str_eq(p, "/home/u/.config/newslens/config");
	free(p);
	unsetenv("HOME");
	cr_expect_null(conf_path());
}

/* No file is no problem; a directory is one. */
Test(conf, load_missing_and_unreadable)
{
	struct conf c;
	struct diag d = DIAG_INIT;

	conf_init(&c);
	cr_expect_eq(conf_load(&c, "/nonexistent/newslens/config", &names,
	    &d), 0);
	cr_expect_eq(d.n, 0);
	cr_expect_eq(conf_load(&c, "/", &names, &d), 1);
	cr_expect_eq(d.n, 1);
	conf_free(&c);
	diag_free(&d);
}
