/* test_keys.c - the keymaps are the one truth: the help screen is made
 * from them, and newslens(1)'s KEYS section agrees with them both ways:
 * every binding is documented under its screen, and every key the
 * manual names is bound there. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tui/keys.h"
#include "tui/ui.h"

/* The subsections of KEYS and the screens they document. */
static const struct {
	const char	*title;
	enum keys_mode	 modes[2];
} sections[] = {
	{ "In every screen", { KEYS_COMMON, KEYS_COMMON } },
	{ "Moving", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "Items", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "History", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "Search", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "Views", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "On a card or view", { KEYS_CARD, KEYS_VIEW } },
	{ "In the help", { KEYS_HELP, KEYS_HELP } },
	{ "In the index", { KEYS_INDEX, KEYS_INDEX } },
	{ "In the prompt", { KEYS_PROMPT, KEYS_PROMPT } },
	{ "Annotating", { KEYS_ARTICLE, KEYS_ARTICLE } },
	{ "In edit mode", { KEYS_EDIT, KEYS_EDIT } },
	{ "On the command line", { KEYS_COMMAND, KEYS_COMMAND } },
	{ "In the library's list", { KEYS_LIST, KEYS_LIST } },
	{ "In the library's views", { KEYS_LIBRARY, KEYS_LIBRARY } },
	{ "Filtering the list", { KEYS_FILTER, KEYS_FILTER } },
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

#define MAX_DOC 512

/* A key the manual names, and the section it is named in. */
struct doc {
	char	name[32];
	size_t	section;
};

/* "\&'" is ', "\(dq" is ". */
static void
unescape(char *s)
{
	char *p = s, *q = s;

	while (*p) {
		if (strncmp(p, "\\&", 2) == 0)
			p += 2;
		else if (strncmp(p, "\\(dq", 4) == 0) {
			*q++ = '"';
			p += 4;
		} else if (strncmp(p, "\\e", 2) == 0) {
			*q++ = '\\';
			p += 2;
		} else
			*q++ = *p++;
	}
	*q = '\0';
}

/* Each name of each ".It Ic" of each known subsection of KEYS. */
static size_t
man_keys(struct doc *docs)
{
	const char *dir = getenv("TESTDIR");
	char path[4096], line[1024], *arg, *end, *name;
	size_t n = 0, section = NSECTIONS, i;
	bool in = false;
	FILE *fp;

	snprintf(path, sizeof path, "%s/../man/newslens.1", dir ? dir : "tests");
	fp = fopen(path, "r");
	cr_assert_not_null(fp, "cannot open %s", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, ".Sh ", 4) == 0) {
			in = strcmp(line + 4, "KEYS") == 0;
			section = NSECTIONS;
		} else if (in && strncmp(line, ".Ss ", 4) == 0) {
			for (section = 0; section < NSECTIONS &&
			    strcmp(sections[section].title, line + 4) != 0;
			    section++)
				;
			cr_expect_lt(section, NSECTIONS, "KEYS has a section "
			    "\"%s\" that this test does not know", line + 4);
		} else if (in && section < NSECTIONS &&
		    strncmp(line, ".It Ic ", 7) == 0) {
			arg = line + 7;
			if (*arg == '"') {
				arg++;
				end = strrchr(arg, '"');
				if (end)
					*end = '\0';
			}
			unescape(arg);
			for (name = strtok(arg, ","); name != NULL;
			    name = strtok(NULL, ",")) {
				while (*name == ' ')
					name++;
				cr_assert_lt(n, MAX_DOC);
				snprintf(docs[n].name, sizeof docs[n].name, "%s",
				    name);
				docs[n++].section = section;
			}
		}
	}
	fclose(fp);
	cr_assert_gt(n, 0, "no keys in newslens(1)'s KEYS");
	for (i = 0; i < n; i++)
		cr_assert_neq(docs[i].name[0], '\0');
	return n;
}

static const struct keys_binding *
own_map(enum keys_mode m)
{
	return keys_maps[m].map;
}

Test(keys, every_documented_key_is_bound_there)
{
	struct doc docs[MAX_DOC];
	size_t n = man_keys(docs), i, c, nc;
	int codes[4], j;

	for (i = 0; i < n; i++) {
		nc = keys_parse(docs[i].name, codes);
		cr_expect_gt(nc, 0, "newslens(1) names a key \"%s\" that is "
		    "no key", docs[i].name);
		for (c = 0; c < nc; c++)
			for (j = 0; j < 2; j++)
				cr_expect_geq(keys_lookup(NULL,
				    sections[docs[i].section].modes[j],
				    codes[c]), 0, "newslens(1) says \"%s\" does "
				    "something in \"%s\", but it is not bound "
				    "there", docs[i].name,
				    sections[docs[i].section].title);
	}
}

Test(keys, every_binding_is_documented_under_its_screen)
{
	struct doc docs[MAX_DOC];
	size_t n = man_keys(docs), i;
	const struct keys_binding *b;
	int m, j;
	bool found;

	for (m = 0; m < KEYS_NMODES; m++)
		for (b = own_map((enum keys_mode)m); b->key != 0; b++) {
			const char *name = keys_name(b->key);

			found = false;
			for (i = 0; i < n && !found; i++)
				for (j = 0; j < 2; j++)
					found = found || (strcmp(docs[i].name,
					    name) == 0 &&
					    (int)sections[docs[i].section].modes[j]
					    == m);
			cr_expect(found, "%s, bound on the %s screen to %s, is "
			    "not in newslens(1)'s KEYS for it", name,
			    keys_maps[m].name, keys_actions[b->action].name);
		}
}

/* Whether the help of mode has an entry naming key with help text. */
static bool
help_has(const struct page *p, const char *name, const char *help)
{
	size_t i, len = strlen(name);
	const char *t;
	bool named = false;

	for (i = 0; i < p->n; i++) {
		for (t = p->entries[i].text; (t = strstr(t, name)) != NULL;
		    t += len)
			if ((t == p->entries[i].text || t[-1] == ' ') &&
			    (t[len] == ',' || t[len] == ' ' ||
			    t[len] == '\0'))
				named = true;
		/* The help follows the names, or the line after them. */
		if (named && strstr(p->entries[i].text, help) != NULL)
			return true;
	}
	return false;
}

Test(keys, help_lists_every_binding_of_its_screen)
{
	int m, c;
	enum keys_mode chain;
	const struct keys_binding *b;

	for (m = 0; m < KEYS_NMODES; m++) {
		/* Wide enough that no help text wraps. */
		struct page *p = keys_help_page(NULL, (size_t)m, 400);

		for (chain = (enum keys_mode)m; chain < KEYS_NMODES;
		    chain = keys_maps[chain].parent)
			for (b = own_map(chain); b->key != 0; b++) {
				c = keys_lookup(NULL, (enum keys_mode)m, b->key);
				if (c != b->action)
					continue;	/* shadowed */
				cr_expect(help_has(p, keys_name(b->key),
				    keys_actions[c].help), "the help of %s "
				    "lacks %s (%s)", keys_maps[m].name,
				    keys_name(b->key), keys_actions[c].name);
			}
		page_free(p);
	}
}

Test(keys, help_of_a_card_is_not_the_article_s)
{
	struct page *card = keys_help_page(NULL, KEYS_CARD, 400);
	struct page *art = keys_help_page(NULL, KEYS_ARTICLE, 400);

	cr_expect(help_has(card, "j", "focus the next entry"));
	cr_expect(!help_has(card, "c", "next claim"));
	cr_expect(help_has(art, "j", "scroll down a line"));
	cr_expect(help_has(art, "Escape", "hide the matches"));
	cr_expect(help_has(card, "Escape", "close the card"));
	page_free(card);
	page_free(art);
}

Test(keys, no_key_is_bound_twice_in_a_map)
{
	const struct keys_binding *a, *b;
	int m;

	for (m = 0; m < KEYS_NMODES; m++)
		for (a = own_map((enum keys_mode)m); a->key != 0; a++)
			for (b = a + 1; b->key != 0; b++)
				cr_expect_neq(a->key, b->key, "%s is bound "
				    "twice on %s", keys_name(a->key),
				    keys_maps[m].name);
}

Test(keys, names_parse_back_to_their_keys)
{
	const struct keys_binding *b;
	int m, codes[4];
	size_t n, i;
	bool found;

	for (m = 0; m < KEYS_NMODES; m++)
		for (b = own_map((enum keys_mode)m); b->key != 0; b++) {
			n = keys_parse(keys_name(b->key), codes);
			found = false;
			for (i = 0; i < n; i++)
				found = found || codes[i] == b->key;
			cr_expect(found, "%s does not parse back",
			    keys_name(b->key));
		}
}

Test(keys, contract_keys_are_bound_in_the_article)
{
	static const int fixed[] = {
		'q', 'j', 'k', ' ', 'b', 'g', 'G', '\t', '\r', 'c', 'C',
		'\'', '"', 'r', 'R', 'm', 'M', 'a', '/', 'n', 'N', '?', 0x1b,
		'Q', 'i', 'y', KEYS_FN(KEY_F(1)), KEYS_FN(KEY_BACKSPACE),
	};
	size_t f;

	for (f = 0; f < sizeof fixed / sizeof fixed[0]; f++)
		cr_expect_geq(keys_lookup(NULL, KEYS_ARTICLE, fixed[f]), 0,
		    "%s is not bound", keys_name(fixed[f]));
}

Test(keys, quit_and_escape_everywhere_but_where_text_is_typed)
{
	int m;

	for (m = KEYS_ARTICLE; m < KEYS_NMODES; m++) {
		int esc = keys_lookup(NULL, (enum keys_mode)m, 0x1b);

		cr_expect_geq(esc, 0, "Escape unbound on %s",
		    keys_maps[m].name);
		if (m != KEYS_INDEX && m != KEYS_PROMPT && m != KEYS_COMMAND &&
		    m != KEYS_FILTER)
			cr_expect_str_eq(keys_actions[keys_lookup(NULL,
			    (enum keys_mode)m, 'Q')].name, "quit");
	}
	/* The index, the prompt and the list's filter type a Q; Escape
	 * leaves them. */
	cr_expect_str_eq(keys_actions[keys_lookup(NULL, KEYS_INDEX,
	    'Q')].name, "filter-insert");
	cr_expect_str_eq(keys_actions[keys_lookup(NULL, KEYS_INDEX,
	    0x1b)].name, "close");
	cr_expect_str_eq(keys_actions[keys_lookup(NULL, KEYS_PROMPT,
	    KEYS_CTRL('c'))].name, "line-cancel");
}

Test(keys, bind_by_screen_and_action_name)
{
	struct keys k;

	memset(&k, 0, sizeof k);
	cr_expect_null(keys_bind(&k, "article", "x", "quit"));
	cr_expect_str_eq(keys_actions[keys_lookup(&k, KEYS_ARTICLE,
	    'x')].name, "quit");
	cr_expect_lt(keys_lookup(&k, KEYS_CARD, 'x'), 0, "only there");
	/* The common map reaches every screen that falls back to it. */
	cr_expect_null(keys_bind(&k, "common", "Ctrl-X", "index"));
	cr_expect_str_eq(keys_actions[keys_lookup(&k, KEYS_VIEW,
	    KEYS_CTRL('x'))].name, "index");
	cr_expect_null(keys_bind(&k, "article", "j", "none"));
	cr_expect_lt(keys_lookup(&k, KEYS_ARTICLE, 'j'), 0);
	cr_expect_null(keys_bind(&k, "card", "Enter", "close"));
	cr_expect_str_eq(keys_actions[keys_lookup(&k, KEYS_CARD,
	    '\n')].name, "close");
	cr_expect_not_null(keys_bind(&k, "nowhere", "j", "quit"));
	cr_expect_not_null(keys_bind(&k, "article", "Ctrl-", "quit"));
	cr_expect_not_null(keys_bind(&k, "article", "j", "fly"));
	keys_free(&k);
}

/* The actions a bind line may name, as newslens(1)'s CONFIGURATION
 * lists them after "The actions": the key table's, both ways. */
Test(keys, the_man_page_lists_every_action_for_bind)
{
	const char *dir = getenv("TESTDIR");
	char path[4096], line[1024], *tok, *save;
	bool in = false, listed[256] = { false };
	size_t i, n = 0;
	FILE *fp;
	int a;

	snprintf(path, sizeof path, "%s/../man/newslens.1", dir ? dir : "tests");
	fp = fopen(path, "r");
	cr_assert_not_null(fp, "cannot open %s", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "The actions", 11) == 0)
			in = true;
		else if (in && strncmp(line, ".Cm ", 4) == 0) {
			for (tok = strtok_r(line + 4, " ,.", &save); tok;
			    tok = strtok_r(NULL, " ,.", &save)) {
				a = keys_action_named(tok);
				cr_expect_geq(a, 0, "newslens(1) names an action "
				    "\"%s\" that the key table lacks", tok);
				if (a >= 0 && (size_t)a < sizeof listed)
					listed[a] = true;
				n++;
			}
		} else if (in && n > 0)
			break;
	}
	fclose(fp);
	cr_assert_gt(n, 0, "no actions listed after \"The actions\"");
	for (i = 0; i < keys_nactions; i++)
		cr_expect(listed[i], "the action \"%s\" is not in newslens(1)'s "
		    "CONFIGURATION", keys_actions[i].name);
}
