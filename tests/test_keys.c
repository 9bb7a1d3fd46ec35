/* test_keys.c - the key table is the one truth: the help screen is made
 * from it, and the manual's KEYS section names every binding. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tui/ui.h"

/* The KEYS section of newslens(1) as mandoc renders it, as one string
 * with runs of white space folded to one space. */
static char *
man_keys(void)
{
	const char *dir = getenv("TESTDIR");
	struct buf b = BUF_INIT;
	char cmd[4096], line[1024], *start, *p, *q;
	bool in = false;
	FILE *fp;

	snprintf(cmd, sizeof cmd, "mandoc -Tascii '%s/../man/newslens.1' | "
	    "col -b", dir ? dir : "tests");
	fp = popen(cmd, "r");
	cr_assert_not_null(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "KEYS", 4) == 0)
			in = true;
		else if (line[0] >= 'A' && line[0] <= 'Z')
			in = false;
		else if (in)
			buf_puts(&b, line);
	}
	cr_assert_eq(pclose(fp), 0, "mandoc failed");
	cr_assert_gt(b.len, 0, "no KEYS section in newslens(1)");
	start = buf_detach(&b);
	for (p = q = start; *p; p++)
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			if (q > start && q[-1] != ' ')
				*q++ = ' ';
		} else
			*q++ = *p;
	*q = '\0';
	return start;
}

Test(keys, manual_names_every_binding)
{
	char *keys = man_keys();
	const struct key_binding *k;

	for (k = key_table; k->action != NULL; k++)
		cr_expect(strstr(keys, k->names) != NULL,
		    "newslens(1) KEYS lacks \"%s\" (%s)", k->names, k->help);
	free(keys);
}

Test(keys, help_lists_every_binding)
{
	/* Wide enough that no help text wraps. */
	struct page *p = keys_help_page(300);
	const struct key_binding *k;
	size_t i;
	bool found;

	for (k = key_table; k->action != NULL; k++) {
		found = false;
		for (i = 0; i < p->n && !found; i++)
			found = strstr(p->entries[i].text, k->names) != NULL &&
			    strstr(p->entries[i].text, k->help) != NULL;
		cr_expect(found, "help lacks %s", k->names);
	}
	page_free(p);
}

Test(keys, no_key_is_bound_twice)
{
	const struct key_binding *a, *b;
	int i, j;

	for (a = key_table; a->action != NULL; a++)
		for (i = 0; i < 4 && a->keys[i]; i++)
			for (b = a; b->action != NULL; b++)
				for (j = b == a ? i + 1 : 0; j < 4 && b->keys[j];
				    j++)
					cr_expect_neq(a->keys[i], b->keys[j],
					    "%s and %s share a key", a->names,
					    b->names);
}

Test(keys, contract_keys_are_bound)
{
	static const int fixed[] = {
		'q', 'j', 'k', ' ', 'b', 'g', 'G', '\t', '\r', 'c', 'C',
		'\'', '"', 'r', 'R', 'm', 'M', 'a', '/', 'n', 'N', '?',
	};
	const struct key_binding *k;
	size_t f;
	int i;
	bool found;

	for (f = 0; f < sizeof fixed / sizeof fixed[0]; f++) {
		found = false;
		for (k = key_table; k->action != NULL && !found; k++)
			for (i = 0; i < 4 && k->keys[i]; i++)
				found = found || k->keys[i] == fixed[f];
		cr_expect(found, "key '%c' is not bound", fixed[f]);
	}
}

/* A bind line of the configuration file is checked against the
 * screens, the key names and the actions. */
Test(keys, bind_lines_are_checked)
{
	cr_expect_null(keys_bind("article", "J", "scroll-down"));
	cr_expect_null(keys_bind("card", "Ctrl-N", "next-item"));
	cr_expect_null(keys_bind("generic", "F5", "redraw"));
	cr_expect_null(keys_bind("view", "PgDn", "page-down"));
	cr_expect_null(keys_bind("help", "^Q", "quit"));
	cr_expect_not_null(keys_bind("pager", "J", "scroll-down"));
	cr_expect_not_null(keys_bind("article", "JJ", "scroll-down"));
	cr_expect_not_null(keys_bind("article", "F13", "scroll-down"));
	cr_expect_not_null(keys_bind("article", "Ctrl-1", "scroll-down"));
	cr_expect_not_null(keys_bind("article", "J", "fly"));
}
