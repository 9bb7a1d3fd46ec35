/* gen_library.c - gen --library N DIR: a library of N stories for
 * bench/library.sh.
 *
 * DIR/NN/sI.xml, a hundred stories a folder, about 20 kB each (27
 * paragraphs of 40 to 90 words), dated a minute apart.  Each story has
 * 20 actors drawn from 300 shared by the whole library (the same id,
 * kind and name wherever they appear, some members of others) and a
 * few of its own, and two "Read more" items: one naming another story
 * by href, one by its headline alone.  The rare word "zephyrine"
 * stands in one story in a hundred, for the search.  Deterministic. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench/gen_library.h"

#define SHARED	300
#define PER	20
#define PARAS	27

static uint64_t
lrnd(uint64_t *s, uint32_t n)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (uint32_t)((*s * 0x2545F4914F6CDD1DULL) >> 32) % n;
}

static const char *const lw[] = {
	"the", "a", "of", "to", "in", "and", "on", "for", "with", "that",
	"is", "was", "will", "has", "government", "officials", "minister",
	"talks", "decision", "network", "security", "company", "equipment",
	"market", "deal", "report", "week", "pressure", "risk", "concerns",
	"evidence", "review", "vote", "meeting", "statement", "agency",
	"council", "country", "allies", "rules", "ban", "contract",
	"supplier", "technology", "investment", "jobs", "prices", "budget",
	"parliament", "court", "ruling", "inquiry", "sources", "said",
	"told", "warned", "added", "announced", "denied", "final", "new",
	"senior", "former", "national", "foreign", "public", "key", "early",
};
#define NLW (sizeof lw / sizeof lw[0])

static const char *const lkinds[] = {
	"country", "government", "agency", "company", "person", "group",
	"media", "other",
};

static void
shared_name(int k, char *buf, size_t n)
{
	static const char *const a[] = { "North", "South", "East", "West",
	    "Upper", "Lower", "Grand", "New", "Old", "Great" };
	static const char *const b[] = { "Avalon", "Borealia", "Corvinia",
	    "Dalmark", "Estoria", "Fenland", "Galdor", "Hestia", "Istria",
	    "Jorvik", "Kestrel", "Lunaria", "Marisco", "Norvale", "Ostland" };
	static const char *const c[] = { "", " Telecom", " Networks" };

	snprintf(buf, n, "%s %s%s", a[k % 10], b[(k / 10) % 15],
	    c[(k / 150) % 3]);
}

static void
headline(int i, char *buf, size_t n)
{
	uint64_t s = 0x51ED2701ULL + (uint64_t)i * 7919;

	snprintf(buf, n, "Story %d: %s %s %s %s", i, lw[lrnd(&s, NLW)],
	    lw[lrnd(&s, NLW)], lw[lrnd(&s, NLW)], lw[lrnd(&s, NLW)]);
}

static void
story(FILE *f, int i, int n)
{
	uint64_t s = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)i * 0x100000001b3ULL);
	int act[PER], k, p, w, m, other;
	char name[96];

	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\" xml:lang=\"en\">\n  <head>\n");
	headline(i, name, sizeof name);
	fprintf(f, "    <headline>%s</headline>\n    <dateline when=\""
	    "2020-%02d-%02dT%02d:%02d\">d</dateline>\n    <source>%s</source>\n"
	    "  </head>\n  <actors>\n", name, 1 + (i / 40000) % 12,
	    1 + (i / 1440) % 28, (i / 60) % 24, i % 60,
	    i % 3 ? "The Daily Record" : "Evening Post");
	for (k = 0; k < PER; k++) {
		act[k] = (int)lrnd(&s, SHARED);
		for (p = 0; p < k; p++)
			if (act[p] == act[k]) {
				act[k] = (act[k] + 1 + k) % SHARED;
				p = -1;
			}
	}
	for (k = 0; k < PER; k++) {
		shared_name(act[k], name, sizeof name);
		fprintf(f, "    <actor id=\"a%d\" kind=\"%s\"><name>%s</name>"
		    "</actor>\n", act[k], lkinds[act[k] % 8], name);
	}
	fprintf(f, "    <actor id=\"own\" kind=\"person\"><name>Reporter %d"
	    "</name></actor>\n  </actors>\n  <body>\n", i);
	for (p = 0; p < PARAS; p++) {
		fprintf(f, "    <p>");
		m = 40 + (int)lrnd(&s, 50);
		for (w = 0; w < m; w++) {
			if (w % 9 == 4) {
				k = (int)lrnd(&s, PER);
				shared_name(act[k], name, sizeof name);
				fprintf(f, " <mention actor=\"a%d\">%s</mention>",
				    act[k], name);
			} else
				fprintf(f, "%s%s", w ? " " : "",
				    lw[lrnd(&s, NLW)]);
		}
		if (p == 7 && i % 100 == 0)
			fprintf(f, " zephyrine");
		fprintf(f, ".</p>\n");
		if (p == 10) {
			other = (i + 1 + (int)lrnd(&s, (uint32_t)n - 1)) % n;
			headline(other, name, sizeof name);
			fprintf(f, "    <related id=\"r1\" href=\"../%02d/s%d.xml"
			    "\">%s</related>\n", other / 100 % 100, other, name);
			other = (i + 1 + (int)lrnd(&s, (uint32_t)n - 1)) % n;
			headline(other, name, sizeof name);
			fprintf(f, "    <related id=\"r2\">%s</related>\n", name);
		}
	}
	fprintf(f, "  </body>\n</story>\n");
}

int
gen_library(int n, const char *dir)
{
	char path[4096];
	int i;
	FILE *f;

	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return perror(dir), 1;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%02d", dir, i / 100 % 100);
		if (i % 100 == 0 && mkdir(path, 0755) != 0 && errno != EEXIST)
			return perror(path), 1;
		snprintf(path, sizeof path, "%s/%02d/s%d.xml", dir,
		    i / 100 % 100, i);
		if ((f = fopen(path, "w")) == NULL)
			return perror(path), 1;
		story(f, i, n);
		if (fclose(f) != 0)
			return perror(path), 1;
	}
	return 0;
}
