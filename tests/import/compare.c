/* compare.c - how close an imported story is to a hand-annotated one.
 *
 * Usage: compare GOLD.xml TEST.xml
 *        compare             (as a test: the shipped story against
 *                             itself scores 1 everywhere; TAP)
 *
 * Prints one line per measure, "NAME MATCHED IN_TEST IN_GOLD", for
 * tests/import/quality.sh to turn into precision (MATCHED / IN_TEST)
 * and recall (MATCHED / IN_GOLD):
 *
 *   blocks    blocks whose text is the same, by position
 *   mentions  the multiset of (block, actor) over every mention: a
 *             mention counts once per block and actor, as many times as
 *             the hand annotation has it there, whatever its words
 *   quotes    the multiset of (block, speaker) over every quote
 *   related   the multiset of (block, title) over the "Read more" items
 *
 * Actors are compared through a map from the imported story's actors
 * to the hand-annotated ones: an imported actor with the id of a hand
 * actor is that actor (the import used the hand story as gazetteer);
 * any other imported actor is the hand actor whose mentions its own
 * mentions overlap most (in the same block, by text offsets), and
 * none if they overlap none.  Pronouns and descriptions count like
 * names: the hand annotation marks them too.
 *
 * Exit status 0, or 2 when a file does not load. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "format/load.h"
#include "model/story.h"

struct pair {
	size_t		 block;
	size_t		 key;	/* an actor index of the gold story */
	const char	*text;	/* or a title */
};

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;
	int c;

	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->text == NULL || b->text == NULL)
		return 0;
	c = strcmp(a->text, b->text);
	return c;
}

/* The size of the multiset intersection of two sorted pair arrays. */
static size_t
matched(struct pair *a, size_t na, struct pair *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	int c;

	qsort(a, na, sizeof *a, pair_cmp);
	qsort(b, nb, sizeof *b, pair_cmp);
	while (i < na && j < nb) {
		c = pair_cmp(&a[i], &b[j]);
		if (c == 0) {
			n++;
			i++;
			j++;
		} else if (c < 0)
			i++;
		else
			j++;
	}
	return n;
}

static struct story *
load(const char *path)
{
	struct diag d = DIAG_INIT;
	struct story *st = load_file(path, NULL, &d);

	diag_print(&d, stderr);
	diag_free(&d);
	return st;
}

/* The gold actor that each test actor stands for (NONE for none). */
static size_t *
actor_map(const struct story *gold, const struct story *test)
{
	size_t *map = calloc(test->nactors + 1, sizeof *map);
	size_t *votes = calloc(test->nactors * (gold->nactors + 1) + 1,
	    sizeof *votes);
	size_t i, j, a, best;

	if (map == NULL || votes == NULL) {
		perror("compare");
		exit(2);
	}
	for (i = 0; i < test->mentions.n; i++) {
		const struct item *t = &test->items[story_ix(test, test->mentions)[i]];
		size_t overlap, most = 0, g = NONE;

		for (j = 0; j < gold->mentions.n; j++) {
			const struct item *h = &gold->items[story_ix(gold, gold->mentions)[j]];

			if (h->block != t->block || h->end <= t->start ||
			    t->end <= h->start)
				continue;
			overlap = (h->end < t->end ? h->end : t->end) -
			    (h->start > t->start ? h->start : t->start);
			if (overlap > most) {
				most = overlap;
				g = h->ref;
			}
		}
		if (g != NONE)
			votes[t->ref * (gold->nactors + 1) + g]++;
	}
	for (a = 0; a < test->nactors; a++) {
		map[a] = story_find_actor(gold, test->actors[a].id);
		if (map[a] != NONE)
			continue;
		for (best = NONE, j = 0; j < gold->nactors; j++)
			if (votes[a * (gold->nactors + 1) + j] > 0 &&
			    (best == NONE || votes[a * (gold->nactors + 1) + j] >
			    votes[a * (gold->nactors + 1) + best]))
				best = j;
		map[a] = best;
	}
	free(votes);
	return map;
}

static void
report(FILE *out, const char *name, struct pair *t, size_t nt,
    struct pair *g, size_t ng)
{
	fprintf(out, "%s %zu %zu %zu\n", name, matched(t, nt, g, ng), nt, ng);
}

static struct pair *
pairs_new(size_t n)
{
	struct pair *p = calloc(n + 1, sizeof *p);

	if (p == NULL) {
		perror("compare");
		exit(2);
	}
	return p;
}

static void
compare_mentions(const struct story *gold, const struct story *test,
    const size_t *map, FILE *out)
{
	struct pair *g = pairs_new(gold->mentions.n);
	struct pair *t = pairs_new(test->mentions.n);
	size_t i;

	for (i = 0; i < gold->mentions.n; i++) {
		const struct item *it = &gold->items[story_ix(gold, gold->mentions)[i]];

		g[i].block = it->block;
		g[i].key = it->ref;
	}
	for (i = 0; i < test->mentions.n; i++) {
		const struct item *it = &test->items[story_ix(test, test->mentions)[i]];

		t[i].block = it->block;
		t[i].key = map[it->ref];
	}
	report(out, "mentions", t, test->mentions.n, g, gold->mentions.n);
	free(g);
	free(t);
}

static void
compare_quotes(const struct story *gold, const struct story *test,
    const size_t *map, FILE *out)
{
	struct pair *g = pairs_new(gold->nquotes);
	struct pair *t = pairs_new(test->nquotes);
	size_t i;

	for (i = 0; i < gold->nquotes; i++) {
		g[i].block = gold->items[gold->quotes[i].item].block;
		g[i].key = gold->quotes[i].speaker;
	}
	for (i = 0; i < test->nquotes; i++) {
		t[i].block = test->items[test->quotes[i].item].block;
		t[i].key = map[test->quotes[i].speaker];
	}
	report(out, "quotes", t, test->nquotes, g, gold->nquotes);
	free(g);
	free(t);
}

static void
compare_related(const struct story *gold, const struct story *test,
    FILE *out)
{
	struct pair *g = pairs_new(gold->nrelated);
	struct pair *t = pairs_new(test->nrelated);
	size_t i;

	for (i = 0; i < gold->nrelated; i++) {
		g[i].block = gold->related[i].block;
		g[i].text = gold->blocks[g[i].block].text;
	}
	for (i = 0; i < test->nrelated; i++) {
		t[i].block = test->related[i].block;
		t[i].text = test->blocks[t[i].block].text;
	}
	report(out, "related", t, test->nrelated, g, gold->nrelated);
	free(g);
	free(t);
}

static bool compare_files(const char *, const char *, FILE *);

/* make check runs the helper with no arguments: then it compares the
 * shipped story with itself, which must match in full, and says so in
 * TAP. */
static int
self_test(void)
{
	const char *dir = getenv("DATADIR");
	char path[4096], line[256];
	unsigned long hit, tst, gld;
	bool ok = true;
	FILE *fp;
	int n = 0;

	snprintf(path, sizeof path, "%s/huawei-2020-01-12.xml",
	    dir ? dir : "data");
	printf("1..1\n");
	fp = tmpfile();
	if (fp == NULL || !compare_files(path, path, fp)) {
		printf("not ok 1 - the shipped story does not load\n");
		return 1;
	}
	rewind(fp);
	while (fgets(line, sizeof line, fp) != NULL) {
		char what[32];

		if (sscanf(line, "%31s %lu %lu %lu", what, &hit, &tst,
		    &gld) != 4 || hit != tst || hit != gld || hit == 0)
			ok = false;
		printf("# %s", line);
		n++;
	}
	fclose(fp);
	printf("%s 1 - the shipped story matches itself in full\n",
	    ok && n == 4 ? "ok" : "not ok");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 1)
		return self_test();
	if (argc != 3) {
		fputs("usage: compare GOLD.xml TEST.xml\n", stderr);
		return 2;
	}
	return compare_files(argv[1], argv[2], stdout) ? 0 : 2;
}

/* Prints the measures of test against gold to out; false if either
 * does not load. */
static bool
compare_files(const char *gold_path, const char *test_path, FILE *out)
{
	struct story *gold, *test;
	size_t *map, i, same = 0;

	gold = load(gold_path);
	test = load(test_path);
	if (gold == NULL || test == NULL) {
		story_free(gold);
		story_free(test);
		return false;
	}
	for (i = 0; i < gold->nblocks && i < test->nblocks; i++)
		same += strcmp(gold->blocks[i].text, test->blocks[i].text) == 0;
	fprintf(out, "blocks %zu %zu %zu\n", same, test->nblocks,
	    gold->nblocks);
	map = actor_map(gold, test);
	compare_mentions(gold, test, map, out);
	compare_quotes(gold, test, map, out);
	compare_related(gold, test, out);
	free(map);
	story_free(gold);
	story_free(test);
	load_cleanup();
	return true;
}
