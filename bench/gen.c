/* gen.c - writes a synthetic story for the benchmarks, three ways.
 *
 *   gen PARAGRAPHS ACTORS PREFIX
 *   gen --library N DIR		(bench/gen_library.c)
 *
 * writes PREFIX.xml (a valid version-1 story), PREFIX.html (the same
 * text for w3m and lynx: mentions and "Read more" items as links, the
 * actors as a list) and PREFIX.txt (the same text for less).  The
 * density follows real articles: a mention every ten words or so, a
 * claim every third paragraph with a quotation inside it, a "Read
 * more" item every twenty paragraphs, actors in member-of trees with
 * aliases.  The output depends only on the arguments: the random
 * numbers come from a fixed seed. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/gen_library.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

/* xorshift64*: fast, and the same on every machine. */
static uint32_t
rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32) % n;
}

static const char *const words[] = {
	"the", "a", "of", "to", "in", "and", "on", "for", "with", "that",
	"is", "was", "will", "has", "have", "had", "be", "been", "would",
	"could", "its", "their", "at", "by", "from", "as", "after", "before",
	"over", "under", "about", "against", "between", "during", "while",
	"government", "officials", "minister", "talks", "decision", "network",
	"security", "company", "equipment", "market", "deal", "report",
	"week", "month", "year", "today", "tomorrow", "yesterday", "plans",
	"pressure", "risk", "concerns", "evidence", "review", "vote",
	"meeting", "statement", "spokesman", "agency", "council", "country",
	"allies", "rules", "ban", "contract", "supplier", "technology",
	"investment", "jobs", "prices", "growth", "budget", "debate",
	"parliament", "court", "ruling", "inquiry", "sources", "briefing",
	"expected", "said", "told", "warned", "added", "announced", "denied",
	"confirmed", "argued", "suggested", "insisted", "claimed", "agreed",
	"final", "major", "new", "senior", "former", "local", "national",
	"foreign", "public", "private", "key", "critical", "early", "late",
	"last-ditch", "high-risk", "long-term", "cross-party", "growing",
	"strong", "weak", "clear", "limited", "further", "recent", "several",
	"many", "few", "some", "most", "other", "such", "more", "less",
	"not", "also", "still", "already", "now", "then", "soon", "again",
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *const given[] = {
	"Anna", "Brandon", "Carla", "David", "Elena", "Farid", "Grace",
	"Henrik", "Ines", "James", "Keiko", "Liam", "Maria", "Nikolai",
	"Olga", "Pedro", "Qiu", "Rosa", "Samuel", "Tomas", "Uma", "Victor",
	"Wen", "Yusuf", "Zara",
};
static const char *const family[] = {
	"Abbott", "Barros", "Chen", "Dubois", "Evans", "Fischer", "Garcia",
	"Hughes", "Ivanova", "Jensen", "Kowalski", "Lewis", "Moreau",
	"Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt",
	"Tanaka", "Usman", "Varga", "Walsh", "Xu", "Young", "Zhou",
};
static const char *const places[] = {
	"Avalon", "Borealia", "Corvinia", "Dalmark", "Estoria", "Fenland",
	"Galdor", "Hestia", "Istria", "Jorvik", "Kestrel", "Lunaria",
	"Marisco", "Norvale", "Ostland", "Pellar", "Quarry", "Rovina",
	"Silvania", "Tarsis", "Umbria", "Valdor", "Westmark", "Zembla",
};
static const char *const things[] = {
	"Telecom", "Networks", "Energy", "Holdings", "Systems", "Capital",
	"Media", "Press", "Broadcasting", "Security", "Trade", "Transport",
};
static const char *const bodies[] = {
	"Ministry of Defence", "Treasury", "Foreign Office", "Cabinet",
	"Trade Department", "Home Office", "Security Council",
	"Economic Council", "Intelligence Service", "Competition Authority",
};

enum { K_COUNTRY, K_GOVERNMENT, K_AGENCY, K_COMPANY, K_PERSON, K_GROUP,
	K_MEDIA, K_OTHER, K_N };
static const char *const kinds[K_N] = {
	"country", "government", "agency", "company", "person", "group",
	"media", "other",
};

struct actor {
	int	 kind;
	long	 parent;	/* -1 at the top */
	char	 name[64];
	char	 alias[2][64];
	int	 naliases;
	char	 note[64];
};

static struct actor *actors;
static long nactors;

static FILE *fx, *fh, *ft;
/* No space is due before the next word: a paragraph or a quotation
 * has just opened. */
static int fresh;

static void
die(const char *msg)
{
	perror(msg);
	exit(1);
}

/* Appends to one of the three outputs. */
static void __attribute__((format(printf, 2, 3)))
out(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
}

/* The same text to all three (it holds nothing that needs escaping). */
static void
all(const char *s)
{
	fputs(s, fx);
	fputs(s, fh);
	fputs(s, ft);
}

static void
make_actors(long n)
{
	long i;

	actors = calloc((size_t)n, sizeof *actors);
	if (actors == NULL)
		die("calloc");
	for (i = 0; i < n; i++) {
		struct actor *a = &actors[i];
		long k = i < 6 ? K_COUNTRY : (long)rnd(10);

		a->parent = -1;
		switch (k) {
		case K_COUNTRY:
			snprintf(a->name, sizeof a->name, "Republic of %s",
			    places[i % 24]);
			snprintf(a->alias[a->naliases++], 64, "%s",
			    places[i % 24]);
			a->kind = K_COUNTRY;
			break;
		case 1:
			/* A government department of a country. */
			a->parent = (long)rnd(i < 6 ? (uint32_t)i + 1 : 6);
			snprintf(a->name, sizeof a->name, "%s %s",
			    places[a->parent % 24], bodies[rnd(10)]);
			a->kind = rnd(2) ? K_GOVERNMENT : K_AGENCY;
			break;
		case 2: case 3:
			snprintf(a->name, sizeof a->name, "%s %s",
			    places[rnd(24)], things[rnd(12)]);
			snprintf(a->alias[a->naliases++], 64, "%s",
			    places[rnd(24)]);
			a->kind = rnd(4) ? K_COMPANY : K_MEDIA;
			if (i > 6 && rnd(3) == 0)
				a->parent = (long)rnd((uint32_t)i);
			break;
		default: {
			const char *g = given[rnd(25)], *f = family[rnd(26)];

			snprintf(a->name, sizeof a->name, "%s %s", g, f);
			snprintf(a->alias[a->naliases++], 64, "%s", f);
			if (rnd(3) == 0)
				snprintf(a->alias[a->naliases++], 64,
				    "Mr %s", f);
			snprintf(a->note, sizeof a->note, "Senior %s",
			    words[35 + rnd(30)]);
			a->kind = K_PERSON;
			/* Most people belong to something. */
			if (i > 0 && rnd(4) != 0)
				a->parent = (long)rnd((uint32_t)i);
			break;
		}
		}
	}
	nactors = n;
}

static void
write_head(long paragraphs)
{
	const char *headline = "Officials gear up for last-ditch talks on the "
	    "network ban";

	out(fx, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<story version=\"1\" xml:lang=\"en\">\n<head>\n"
	    "<headline>%s</headline>\n"
	    "<dateline when=\"2020-01-12T17:06\">Sunday 12 January 2020 "
	    "5:06 pm</dateline>\n"
	    "<byline>newslens bench, %ld paragraphs</byline>\n</head>\n",
	    headline, paragraphs);
	out(fh, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n"
	    "<h1>%s</h1>\n<p>Sunday 12 January 2020 5:06 pm</p>\n"
	    "<p>newslens bench, %ld paragraphs</p>\n",
	    headline, headline, paragraphs);
	out(ft, "%s\nSunday 12 January 2020 5:06 pm\n"
	    "newslens bench, %ld paragraphs\n", headline, paragraphs);
}

static void
write_actors(void)
{
	long i;
	int j;

	out(fx, "<actors>\n");
	for (i = 0; i < nactors; i++) {
		const struct actor *a = &actors[i];

		out(fx, "<actor id=\"a%ld\" kind=\"%s\"", i + 1, kinds[a->kind]);
		if (a->parent >= 0)
			out(fx, " member-of=\"a%ld\"", a->parent + 1);
		out(fx, "><name>%s</name>", a->name);
		for (j = 0; j < a->naliases; j++)
			out(fx, "<alias>%s</alias>", a->alias[j]);
		if (a->note[0])
			out(fx, "<note>%s</note>", a->note);
		out(fx, "</actor>\n");
	}
	out(fx, "</actors>\n<body>\n");
}

/* The list of actors goes at the end of the HTML page, each an anchor
 * that the mentions link to. */
static void
write_actor_list(void)
{
	long i;

	out(fh, "<h2>Actors</h2>\n<ul>\n");
	for (i = 0; i < nactors; i++) {
		const struct actor *a = &actors[i];

		out(fh, "<li id=\"a%ld\">%s (%s", i + 1, a->name,
		    kinds[a->kind]);
		if (a->parent >= 0)
			out(fh, ", member of <a href=\"#a%ld\">%s</a>",
			    a->parent + 1, actors[a->parent].name);
		out(fh, ")</li>\n");
	}
	out(fh, "</ul>\n");
}

/* The space before a word or a span, unless one has just opened. */
static const char *
sp(void)
{
	const char *s = fresh ? "" : " ";

	fresh = 0;
	return s;
}

/* Words of running text: n of them, starting a sentence when `cap`. */
static void
text_words(int n, int *cap)
{
	int i;

	for (i = 0; i < n; i++) {
		char buf[32];

		snprintf(buf, sizeof buf, "%s", words[rnd(NWORDS)]);
		if (*cap)
			buf[0] = (char)(buf[0] - 'a' + 'A');
		*cap = 0;
		all(sp());
		all(buf);
		if (i + 1 < n && rnd(14) == 0) {
			*cap = rnd(3) != 0;
			all(*cap ? "." : ",");
		}
	}
}

static void
mention(long a)
{
	const struct actor *ac = &actors[a];
	const char *t = ac->naliases && rnd(2) ? ac->alias[rnd(
	    (uint32_t)ac->naliases)] : ac->name;

	const char *s = sp();

	out(fx, "%s<mention actor=\"a%ld\">%s</mention>", s, a + 1, t);
	out(fh, "%s<a href=\"#a%ld\">%s</a>", s, a + 1, t);
	out(ft, "%s%s", s, t);
}

/* Words with a mention every ten words or so. */
static void
run(int n, int *cap)
{
	while (n > 0) {
		int k = 4 + (int)rnd(12);

		if (k > n)
			k = n;
		text_words(k, cap);
		n -= k;
		if (n > 0) {
			mention((long)rnd((uint32_t)nactors));
			n--;
		}
	}
}

/* A speaker: a person when one comes quickly to hand. */
static long
speaker(void)
{
	long a = (long)rnd((uint32_t)nactors);
	int tries;

	for (tries = 0; tries < 8 && actors[a].kind != K_PERSON; tries++)
		a = (long)rnd((uint32_t)nactors);
	return a;
}

static void
quote(long *nq, long who)
{
	int cap = 0;

	const char *s = sp();

	++*nq;
	out(fx, "%s\xe2\x80\x9c<quote id=\"q%ld\" speaker=\"a%ld\">", s,
	    *nq, who + 1);
	out(fh, "%s\xe2\x80\x9c<span class=\"quote\" id=\"q%ld\">", s,
	    *nq);
	out(ft, "%s\xe2\x80\x9c", s);
	fresh = 1;
	run(4 + (int)rnd(8), &cap);
	out(fx, "</quote>\xe2\x80\x9d");
	out(fh, "</span>\xe2\x80\x9d");
	out(ft, "\xe2\x80\x9d");
}

static void
claim(long *nc, long *nq)
{
	long by = speaker(), about = (long)rnd((uint32_t)nactors);
	int cap = 0;

	const char *s = sp();

	++*nc;
	out(fx, "%s<claim id=\"c%ld\" by=\"a%ld\" about=\"a%ld\"", s,
	    *nc, by + 1, about + 1);
	if (*nc > 1 && rnd(5) == 0)
		out(fx, " disputes=\"c%ld\"", *nc - 1 - (long)rnd(
		    (uint32_t)(*nc - 1 < 5 ? *nc - 1 : 5)));
	if (rnd(4) == 0)
		out(fx, " when=\"2020-01-%02u\"", 1 + rnd(28));
	out(fx, ">");
	out(fh, "%s<span class=\"claim\" id=\"c%ld\">", s, *nc);
	run(4 + (int)rnd(8), &cap);
	quote(nq, by);
	run(2 + (int)rnd(6), &cap);
	out(fx, "</claim>");
	out(fh, "</span>");
}

static void
related(long *nr)
{
	int cap = 1;
	uint32_t a = 1 + rnd((uint32_t)nactors), b = 1 + rnd((uint32_t)nactors);

	/* Two actors, never one twice: the format refuses that. */
	if (b == a)
		b = a % (uint32_t)nactors + 1;
	++*nr;
	if (a == b)
		out(fx, "<related id=\"r%ld\" actors=\"a%u\" "
		    "href=\"related-%ld.xml\">", *nr, a, *nr);
	else
		out(fx, "<related id=\"r%ld\" actors=\"a%u a%u\" "
		    "href=\"related-%ld.xml\">", *nr, a, b, *nr);
	out(fh, "<p class=\"related\">Read more: <a href=\"related-%ld.html\">",
	    *nr);
	out(ft, "\nRead more: ");
	fresh = 1;
	text_words(6 + (int)rnd(8), &cap);
	out(fx, "</related>\n");
	out(fh, "</a></p>\n");
	out(ft, "\n");
}

static void
paragraph(long i, long *nc, long *nq)
{
	int cap = 1, n = 25 + (int)rnd(45);

	out(fx, "<p id=\"p%ld\">", i + 1);
	out(fh, "<p id=\"p%ld\">", i + 1);
	out(ft, "\n");
	fresh = 1;
	/* A claim in every third paragraph, with a quote inside it. */
	if (i % 3 == 1) {
		run(n / 2, &cap);
		claim(nc, nq);
		run(n - n / 2, &cap);
	} else
		run(n, &cap);
	all(".");
	out(fx, "</p>\n");
	out(fh, "</p>\n");
	out(ft, "\n");
}

static FILE *
open_out(const char *prefix, const char *ext)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s.%s", prefix, ext);
	if ((f = fopen(path, "w")) == NULL)
		die(path);
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	return f;
}

int
main(int argc, char **argv)
{
	long n, m, i, nc = 0, nq = 0, nr = 0;

	if (argc == 4 && strcmp(argv[1], "--library") == 0 &&
	    atoi(argv[2]) > 1)
		return gen_library(atoi(argv[2]), argv[3]);
	if (argc != 4 || (n = atol(argv[1])) < 1 || (m = atol(argv[2])) < 6) {
		fprintf(stderr, "usage: gen PARAGRAPHS ACTORS PREFIX "
		    "(ACTORS at least 6)\n");
		return 2;
	}
	fx = open_out(argv[3], "xml");
	fh = open_out(argv[3], "html");
	ft = open_out(argv[3], "txt");
	make_actors(m);
	write_head(n);
	write_actors();
	for (i = 0; i < n; i++) {
		paragraph(i, &nc, &nq);
		if (i % 20 == 19)
			related(&nr);
	}
	out(fx, "</body>\n</story>\n");
	write_actor_list();
	out(fh, "</body>\n</html>\n");
	if (fclose(fx) || fclose(fh) || fclose(ft))
		die("write");
	free(actors);
	return 0;
}
