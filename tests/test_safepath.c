/* test_safepath.c - base/safepath: an href confined to its folder.
 *
 * Each test builds, in a new temporary folder T:
 *   T/outside/secret.xml      a file the story must never reach
 *   T/lib/story/              the story's folder (the root, mostly)
 *   T/lib/story/other.xml     a story beside it
 *   T/lib/story/sub/deep.xml  a story below it
 *   T/lib/next/far.xml        a story in the library, beside the folder
 * and links made by each test. */
#include "config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/safepath.h"
#include "testutil.h"

static char *top, *story, *lib;

static void
setup(void)
{
	char *p;

	top = make_tempdir();
	lib = test_join(top, "lib");
	story = test_join(lib, "story");
	p = test_join(top, "outside");
	cr_assert_eq(mkdir(p, 0755), 0);
	free(p);
	cr_assert_eq(mkdir(lib, 0755), 0);
	cr_assert_eq(mkdir(story, 0755), 0);
	p = test_join(story, "sub");
	cr_assert_eq(mkdir(p, 0755), 0);
	free(p);
	p = test_join(lib, "next");
	cr_assert_eq(mkdir(p, 0755), 0);
	free(p);
	p = test_join(top, "outside/secret.xml");
	write_file(p, "secret", 6);
	free(p);
	p = test_join(story, "other.xml");
	write_file(p, "other", 5);
	free(p);
	p = test_join(story, "sub/deep.xml");
	write_file(p, "deep", 4);
	free(p);
	p = test_join(lib, "next/far.xml");
	write_file(p, "far", 3);
	free(p);
}

static void
teardown(void)
{
	struct run r;
	const char *argv[] = { "/bin/rm", "-rf", top, NULL };

	run_prog(&r, argv, NULL);
	run_free(&r);
	free(top);
	free(lib);
	free(story);
}

TestSuite(safepath, .init = setup, .fini = teardown, .timeout = 30);

/* A link at T/lib/story/name (or T/rel) to target. */
static void
link_at(const char *rel, const char *target)
{
	char *p = test_join(story, rel);

	cr_assert_eq(symlink(target, p), 0, "symlink %s: %s", p,
	    strerror(errno));
	free(p);
}

/* href from the story's folder (which is the root) has status want,
 * and, when it is OK, leads to the file whose content is `content`. */
static void
expect(const char *href, enum safepath_status want, const char *content)
{
	char *out = (char *)"unset";
	enum safepath_status s = safepath_resolve(story, story, href, &out);

	cr_expect_eq(s, want, "%s: status %d, not %d", href, s, want);
	if (want != SAFEPATH_OK) {
		cr_expect_null(out, "%s: a path for a refused href", href);
		return;
	}
	cr_assert_not_null(out, "%s", href);
	{
		FILE *fp = fopen(out, "r");
		char buf[32] = "";

		cr_assert_not_null(fp, "%s -> %s", href, out);
		cr_assert_not_null(fgets(buf, sizeof buf, fp));
		fclose(fp);
		cr_expect_str_eq(buf, content, "%s -> %s", href, out);
	}
	free(out);
}

Test(safepath, beside_and_below)
{
	expect("other.xml", SAFEPATH_OK, "other");
	expect("./other.xml", SAFEPATH_OK, "other");
	expect("sub/deep.xml", SAFEPATH_OK, "deep");
	expect("sub//./deep.xml", SAFEPATH_OK, "deep");
	expect("sub/../other.xml", SAFEPATH_OK, "other");
}

Test(safepath, absolute_is_refused)
{
	char *secret = test_join(top, "outside/secret.xml");
	char *inside = test_join(story, "other.xml");

	expect("/etc/passwd", SAFEPATH_OUTSIDE, NULL);
	expect(secret, SAFEPATH_OUTSIDE, NULL);
	/* Even the story's own folder, named absolutely. */
	expect(inside, SAFEPATH_OUTSIDE, NULL);
	expect("/nonexistent/file.xml", SAFEPATH_OUTSIDE, NULL);
	free(secret);
	free(inside);
}

/* Whether the target exists makes no difference to the answer. */
Test(safepath, dot_dot_is_refused)
{
	expect("../../outside/secret.xml", SAFEPATH_OUTSIDE, NULL);
	expect("../../outside/missing.xml", SAFEPATH_OUTSIDE, NULL);
	expect("../../../../../../../../etc/passwd", SAFEPATH_OUTSIDE, NULL);
	expect("sub/../../story/other.xml", SAFEPATH_OUTSIDE, NULL);
	expect("missing/../../x.xml", SAFEPATH_OUTSIDE, NULL);
	expect("..", SAFEPATH_OUTSIDE, NULL);
}

Test(safepath, symbolic_links_out_are_refused)
{
	char *secret = test_join(top, "outside/secret.xml");
	char *missing = test_join(top, "outside/missing.xml");

	link_at("abs.xml", secret);
	link_at("abs-missing.xml", missing);
	link_at("rel.xml", "../../outside/secret.xml");
	link_at("etc", "/etc");
	link_at("up", "..");
	link_at("sub/climb.xml", "../../../outside/secret.xml");
	expect("abs.xml", SAFEPATH_OUTSIDE, NULL);
	expect("abs-missing.xml", SAFEPATH_OUTSIDE, NULL);
	expect("rel.xml", SAFEPATH_OUTSIDE, NULL);
	expect("etc/passwd", SAFEPATH_OUTSIDE, NULL);
	expect("up/story/other.xml", SAFEPATH_OUTSIDE, NULL);
	expect("sub/climb.xml", SAFEPATH_OUTSIDE, NULL);
	free(secret);
	free(missing);
}

Test(safepath, symbolic_links_that_stay_inside)
{
	char *abs = test_join(story, "sub/deep.xml");
	char *out = NULL;

	link_at("alias.xml", "sub/deep.xml");
	link_at("sub/back.xml", "../other.xml");
	link_at("abs-in.xml", abs);
	link_at("dir", "sub");
	link_at("chain.xml", "alias.xml");
	expect("alias.xml", SAFEPATH_OK, "deep");
	expect("sub/back.xml", SAFEPATH_OK, "other");
	expect("abs-in.xml", SAFEPATH_OK, "deep");
	expect("dir/deep.xml", SAFEPATH_OK, "deep");
	expect("chain.xml", SAFEPATH_OK, "deep");
	/* The path handed back has no link left in it. */
	cr_assert_eq(safepath_resolve(story, story, "chain.xml", &out),
	    SAFEPATH_OK);
	cr_expect(strstr(out, "/sub/deep.xml") != NULL, "%s", out);
	free(out);
	free(abs);
}

Test(safepath, missing_and_not_files)
{
	expect("missing.xml", SAFEPATH_MISSING, NULL);
	expect("nodir/missing.xml", SAFEPATH_MISSING, NULL);
	expect("other.xml/x.xml", SAFEPATH_MISSING, NULL);
	expect("", SAFEPATH_MISSING, NULL);
	expect("sub", SAFEPATH_NOT_FILE, NULL);
	expect(".", SAFEPATH_NOT_FILE, NULL);
	expect("sub/..", SAFEPATH_NOT_FILE, NULL);
	expect("/dev/null", SAFEPATH_OUTSIDE, NULL);
	link_at("dangling.xml", "nothing.xml");
	expect("dangling.xml", SAFEPATH_MISSING, NULL);
}

Test(safepath, link_loops_end)
{
	link_at("a.xml", "b.xml");
	link_at("b.xml", "a.xml");
	errno = 0;
	expect("a.xml", SAFEPATH_ERROR, NULL);
	cr_expect_eq(errno, ELOOP, "%s", strerror(errno));
}

/* A library's root: the story may name another story of the library,
 * never what is outside the library. */
Test(safepath, library_root)
{
	char *out = NULL;

	cr_expect_eq(safepath_resolve(lib, story, "../next/far.xml", &out),
	    SAFEPATH_OK);
	cr_expect(out != NULL && strstr(out, "/lib/next/far.xml") != NULL,
	    "%s", out ? out : "(null)");
	free(out);
	cr_expect_eq(safepath_resolve(lib, story, "../../outside/secret.xml",
	    &out), SAFEPATH_OUTSIDE);
	cr_expect_null(out);
	/* A folder outside the root is refused as a whole. */
	cr_expect_eq(safepath_resolve(story, lib, "story/other.xml", &out),
	    SAFEPATH_OUTSIDE);
	cr_expect_eq(safepath_resolve(story, story, "../next/far.xml", &out),
	    SAFEPATH_OUTSIDE);
}

Test(safepath, folder_of_a_file)
{
	char *f;

	f = safepath_folder("a/b/c.xml");
	cr_expect_str_eq(f, "a/b");
	free(f);
	f = safepath_folder("c.xml");
	cr_expect_str_eq(f, ".");
	free(f);
	f = safepath_folder("/c.xml");
	cr_expect_str_eq(f, "/");
	free(f);
}
