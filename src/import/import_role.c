/* import_role.c - who an actor is: its kind from the evidence of its
 * name, the title or role that stands with a person's name, and the
 * short forms of an organisation's name.
 *
 * Kinds, first match wins, from the words of the name:
 *   company     a last word like Inc, Ltd, Corp, Group, Telecom, Systems,
 *               Bank, Airlines
 *   group       Union, Association, Federation, Party, Alliance
 *   government  Government, Ministry, Department, Cabinet, Parliament
 *   agency      Agency, Authority, Commission, Council, Bureau, Police
 *   media       a list of news organisations, or Radio, TV, News, Times,
 *               Post, Herald, Gazette, Journal in the name
 *   country     a list of countries, and of capitals that stand for
 *               their governments ("Beijing", "Washington")
 *   person      a title before the name ("Digital Minister Jo Bloggs"),
 *               a first name from a list, or two or three capitalised
 *               words that the text never writes in small letters
 * and `other` only when nothing says more.  A kind from the shape of a
 * name alone is a guess: it is said on standard error and in the story
 * as a comment beside the actor.
 *
 * A title goes into the person's note and is no actor of its own: in
 * "said Digital Minister Jo Bloggs" the speaker is Jo Bloggs, and
 * "union leader Karl Weber" is not the union. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/xmalloc.h"
#include "import/import_int.h"

#define TITLE_LEFT	3	/* words of a title before its title word */
#define NOTE_WORDS	14	/* words of an appositive kept as a note */

/* ---- word lists --------------------------------------------------- */

static const char *const company_words[] = { "inc", "ltd", "llc", "plc",
	"corp", "corporation", "co", "group", "holdings", "telecom",
	"telecoms", "systems", "technologies", "technology", "bank",
	"airlines", "airways", "motors", "industries", "ferries", "energy",
	"pharmaceuticals", "partners", "capital", "gmbh", "ag", "sa", "nv",
	"limited", "enterprises", "electric", "networks", "software",
	"labs", "foods", "mining", "oil", "petroleum", "shipping",
	"logistics", "insurance", "investments", "solutions", NULL };
static const char *const group_words[] = { "union", "unions",
	"association", "federation", "party", "alliance", "coalition",
	"movement", "front", "league", "society", "club", "confederation",
	"guild", "chamber", "congress of trade unions", "brotherhood",
	"foundation", "institute", "committee", NULL };
static const char *const government_words[] = { "government", "ministry",
	"department", "cabinet", "parliament", "senate", "assembly",
	"administration", "treasury", "kremlin", "white house",
	"downing street", "elysee", "whitehall", "state department", NULL };
static const char *const agency_words[] = { "agency", "authority",
	"commission", "council", "bureau", "police", "office", "service",
	"directorate", "regulator", "inspectorate", "court", "tribunal",
	"board", "fbi", "cia", "nsa", "gchq", "mi5", "mi6", "nasa", "nato",
	"un", "who", "imf", "eu", "european union", "united nations",
	"world bank", "opec", NULL };
static const char *const media_words[] = { "radio", "tv", "television",
	"news", "times", "post", "herald", "gazette", "journal", "tribune",
	"telegraph", "daily", "broadcasting", "press", "chronicle",
	"observer", "guardian", "independent", "mirror", "express",
	"magazine", "newspaper", NULL };
static const char *const media_names[] = { "bbc", "reuters", "ap", "afp",
	"cnn", "bloomberg", "cnbc", "nbc", "abc", "cbs", "fox", "npr", "pbs",
	"itv", "sky", "al jazeera", "dpa", "efe", "ansa", "xinhua", "tass",
	"ria novosti", "kyodo", "yonhap", "politico", "axios", "vox",
	"the economist", "economist", "financial times", "ft", "wsj",
	"the wall street journal", "wall street journal", "the new york times",
	"new york times", "the washington post", "washington post",
	"the guardian", "le monde", "der spiegel", "spiegel", "el pais",
	"nikkei", "the sun", "buzzfeed", "huffpost", "the verge", "wired",
	"techcrunch", "associated press", "agence france-presse",
	"press association", "pa", "channel 4", "rte", "cbc", "abc news",
	"deutsche welle", "dw", "france 24", "euronews", "rtl", "zdf", "ard",
	NULL };
static const char *const countries[] = { "afghanistan", "albania",
	"algeria", "andorra", "angola", "argentina", "armenia", "australia",
	"austria", "azerbaijan", "bahamas", "bahrain", "bangladesh",
	"barbados", "belarus", "belgium", "belize", "benin", "bhutan",
	"bolivia", "bosnia", "botswana", "brazil", "brunei", "bulgaria",
	"burkina faso", "burundi", "cambodia", "cameroon", "canada", "chad",
	"chile", "china", "colombia", "congo", "costa rica", "croatia",
	"cuba", "cyprus", "czech republic", "czechia", "denmark", "djibouti",
	"dominica", "ecuador", "egypt", "el salvador", "eritrea", "estonia",
	"eswatini", "ethiopia", "fiji", "finland", "france", "gabon",
	"gambia", "georgia", "germany", "ghana", "greece", "grenada",
	"guatemala", "guinea", "guyana", "haiti", "honduras", "hungary",
	"iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel",
	"italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya",
	"kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon",
	"lesotho", "liberia", "libya", "liechtenstein", "lithuania",
	"luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali",
	"malta", "mauritania", "mauritius", "mexico", "moldova", "monaco",
	"mongolia", "montenegro", "morocco", "mozambique", "myanmar",
	"namibia", "nepal", "netherlands", "new zealand", "nicaragua",
	"niger", "nigeria", "north korea", "north macedonia", "norway",
	"oman", "pakistan", "palestine", "panama", "paraguay", "peru",
	"philippines", "poland", "portugal", "qatar", "romania", "russia",
	"rwanda", "samoa", "san marino", "saudi arabia", "senegal", "serbia",
	"seychelles", "sierra leone", "singapore", "slovakia", "slovenia",
	"somalia", "south africa", "south korea", "south sudan", "spain",
	"sri lanka", "sudan", "suriname", "sweden", "switzerland", "syria",
	"taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga",
	"tunisia", "turkey", "turkmenistan", "uganda", "ukraine",
	"united arab emirates", "uae", "united kingdom", "uk", "britain",
	"great britain", "england", "scotland", "wales", "northern ireland",
	"united states", "us", "usa", "america", "uruguay", "uzbekistan",
	"vanuatu", "vatican", "venezuela", "vietnam", "yemen", "zambia",
	"zimbabwe",
	/* Capitals and seats that stand for their governments. */
	"beijing", "washington", "moscow", "london", "paris", "berlin",
	"tokyo", "brussels", "kyiv", "kiev", "tehran", "ankara", "delhi",
	"new delhi", "seoul", "pyongyang", "canberra", "ottawa", "rome",
	"madrid", "taipei", "jerusalem", "riyadh", "cairo", NULL };
/* Common first names, as evidence that a name is a person's. */
static const char *const first_names[] = { "aaron", "adam", "ahmed",
	"alan", "alex", "alexander", "alice", "amanda", "amina", "amy",
	"ana", "andrea", "andrew", "angela", "anna", "anne", "anthony",
	"antonio", "barbara", "ben", "benjamin", "bill", "bob", "boris",
	"brandon", "brian", "carlos", "carol", "caroline", "catherine",
	"charles", "charlotte", "chen", "chris", "christine", "christopher",
	"claire", "daniel", "david", "deborah", "diana", "donald", "elena",
	"elizabeth", "emily", "emma", "emmanuel", "eric", "fatima",
	"francesca", "francis", "frank", "gary", "george", "giorgia",
	"grace", "hannah", "hans", "harry", "helen", "henry", "hiro",
	"ingrid", "isabel", "jack", "jacob", "james", "jane", "janet",
	"jason", "javier", "jean", "jeff", "jennifer", "jessica", "jim",
	"jo", "joe", "johan", "john", "jonathan", "jose", "joseph", "juan",
	"julia", "julie", "karen", "karl", "kate", "katherine", "kevin",
	"kim", "kwame", "laura", "lena", "li", "linda", "lisa", "liz",
	"louis", "lucy", "luis", "maria", "marie", "mark", "martin", "mary",
	"matt", "matthew", "mei", "michael", "michelle", "mike", "mohammed",
	"muhammad", "nancy", "natalia", "nicola", "nicolas", "nora", "olaf",
	"olga", "oliver", "olivia", "omar", "patricia", "paul", "pedro",
	"peter", "philip", "pierre", "priya", "rachel", "rafael", "raj",
	"rebecca", "richard", "rishi", "robert", "sam", "samuel", "sandra",
	"sara", "sarah", "scott", "sergei", "simon", "sofia", "sophie",
	"stephen", "steve", "steven", "susan", "thomas", "tim", "tom",
	"tony", "ursula", "victoria", "vladimir", "wang", "william", "xi",
	"yusuf", "zhang", NULL };

static bool
role_in_list(const char *s, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == len && strncasecmp(s, list[i], len) == 0)
			return true;
	return false;
}

/* ---- kinds -------------------------------------------------------- */

/* The name's words, each checked against a list; whether any is. */
static bool
role_any_word(const char *name, const char *const *list, bool last_only)
{
	const char *p = name, *w;
	size_t n;
	bool hit = false;

	while (*p != '\0') {
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    (unsigned char)*p >= 0x80))
			p++;
		w = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (unsigned char)*p >= 0x80)
			p++;
		n = (size_t)(p - w);
		if (n == 0)
			continue;
		hit = role_in_list(w, n, list);
		if (hit && !last_only)
			return true;
	}
	return hit;
}

enum actor_kind
role_kind(const char *name, bool personlike, bool *sure)
{
	const char *p = name;
	size_t len;

	if (strncasecmp(p, "the ", 4) == 0)
		p += 4;
	len = strlen(p);
	*sure = true;
	if (role_in_list(p, len, media_names) || role_in_list(name,
	    strlen(name),
	    media_names))
		return ACTOR_MEDIA;
	if (role_in_list(p, len, countries))
		return ACTOR_COUNTRY;
	if (role_in_list(p, len, government_words) ||
	    role_any_word(p, government_words, false))
		return ACTOR_GOVERNMENT;
	if (role_in_list(p, len, agency_words))
		return ACTOR_AGENCY;
	if (role_any_word(p, company_words, true))
		return ACTOR_COMPANY;
	if (role_any_word(p, group_words, false))
		return ACTOR_GROUP;
	if (role_any_word(p, agency_words, false))
		return ACTOR_AGENCY;
	if (role_any_word(p, media_words, false))
		return ACTOR_MEDIA;
	if (personlike) {
		const char *sp = strchr(p, ' ');

		*sure = sp != NULL && role_in_list(p, (size_t)(sp - p),
		    first_names);
		return ACTOR_PERSON;
	}
	*sure = false;
	return ACTOR_OTHER;
}

void
role_classify(struct idoc *doc, size_t actor, unsigned long line)
{
	struct iactor *a = &doc->actors[actor];
	enum actor_kind k;
	bool sure;

	if (a->flags & ACT_KIND)
		return;
	k = role_kind(a->name, (a->flags & ACT_PERSONLIKE) != 0, &sure);
	if (k == ACTOR_OTHER)
		return;
	if (sure)
		import_doc_set_kind(doc, actor, k);
	else {
		a->kind = k;
		a->doubt = xstrdup("kind person guessed from the shape of the "
		    "name");
		a->doubt_line = line;
	}
}

/* ---- short forms -------------------------------------------------- */

/* "Acme Telecom" … "Acme", "SeaCo Ferries Ltd" … "SeaCo Ferries" …
 * "SeaCo": an organisation's name less its last words of kind. */
void
role_shorten(struct idoc *doc, size_t actor, const struct para *p, size_t a,
    size_t b)
{
	size_t k = b;
	enum actor_kind kind = doc->actors[actor].kind;
	size_t len;
	const char *w;

	if (kind != ACTOR_COMPANY && kind != ACTOR_GROUP)
		return;
	while (k > a + 1) {
		w = tok_str(p, k - 1, &len);
		if (!tok_word(p, k - 1) || !(role_in_list(w, len,
		    company_words) ||
		    role_in_list(w, len, group_words)))
			break;
		k--;
		if (tok_word(p, k - 1) && !tok_in(p, k - 1, LEX_JOINING))
			gazetteer_names_add(doc->names, p, a, k, actor,
			    NAME_SHORT);
	}
}

/* ---- titles ------------------------------------------------------- */

/* The person's name that starts at j: two or three capitalised words
 * (or one, when it names a person already known); its end, or NONE. */
static size_t
role_title_name(const struct para *p, size_t j)
{
	size_t e = j, known;
	enum name_kind nk;

	while (e < p->nt && e < j + 3 && tok_word(p, e) &&
	    (p->t[e].flags & T_CAP) && !(p->t[e].flags & T_UPPER) &&
	    !tok_in(p, e, LEX_TITLE) && !tok_in(p, e, LEX_STOP) &&
	    !tok_in(p, e, LEX_TIME) && (e == j || (p->t[e].flags & T_SPACE)))
		e++;
	if (e == j || p->t[j].mention != NONE)
		return NONE;
	if (e - j >= 2)
		return e;
	known = gazetteer_names_lookup(p->doc->names, p, j, e, &nk);
	return known != NONE && known != AMBIGUOUS &&
	    ner_person(p->doc, known) ? e : NONE;
}

/* The words before the title word at i that belong to the title:
 * "Digital" of "Digital Minister", "union" of "union leader"; not a
 * known name ("US President"), a verb or a small word. */
static size_t
role_title_left(const struct para *p, size_t i)
{
	size_t a = i, n = 0, len;
	bool capital = (p->t[i].flags & T_CAP) != 0;
	const char *w;
	struct name_hit h[4];

	while (a > 0 && n < TITLE_LEFT) {
		size_t k = a - 1;

		if (!tok_word(p, k) || !(p->t[k + 1].flags & T_SPACE) ||
		    p->t[k].mention != NONE || tok_in(p, k, LEX_STOP) ||
		    tok_in(p, k, LEX_PREP) || tok_in(p, k, LEX_AUX) ||
		    tok_in(p, k, LEX_CONJ) || quote_is_speech_verb(p, k) ||
		    (p->t[k].flags & (T_DIGIT | T_UPPER)) ||
		    gazetteer_names_hits(p->doc->names, p, k, h, 4) > 0)
			break;
		w = tok_str(p, k, &len);
		if (p->t[k].flags & T_CAP) {
			/* "Acme chief executive": the company is no part of
			 * a title written in small letters, but "Security
			 * minister" at the start of a sentence is one. */
			if (!capital && !(p->t[k].flags & T_SENT))
				break;
		} else if (len > 2 && memcmp(w + len - 2, "ed", 2) == 0)
			break;
		a = k;
		n++;
	}
	return a;
}

static void
role_title_note(struct idoc *doc, size_t actor, const struct para *p, size_t a,
    size_t b)
{
	struct iactor *ac = &doc->actors[actor];
	char *note;

	if (ac->note != NULL || b <= a)
		return;
	note = xstrndup(p->text + p->t[a].s, p->t[b - 1].e - p->t[a].s);
	if (note[0] >= 'a' && note[0] <= 'z')
		note[0] = (char)(note[0] - 'a' + 'A');
	ac->note = note;
}

void
role_titles(struct para *p)
{
	size_t i, e, a, j, actor;

	for (i = 0; i < p->nt; i++) {
		if (!tok_word(p, i) || !tok_in(p, i, LEX_TITLE) ||
		    (p->t[i].flags & T_SKIP) || p->t[i].mention != NONE)
			continue;
		for (j = i + 1; j < p->nt && tok_in(p, j, LEX_TITLE) &&
		    (p->t[j].flags & T_SPACE); j++)
			;
		if (j >= p->nt || !(p->t[j].flags & T_SPACE) ||
		    (e = role_title_name(p, j)) == NONE)
			continue;
		a = role_title_left(p, i);
		actor = gazetteer_names_lookup(p->doc->names, p, j, e, NULL);
		if (actor == AMBIGUOUS)
			continue;
		if (actor == NONE)
			actor = ner_actor(p, j, e, ACT_PERSONLIKE);
		import_doc_set_kind(p->doc, actor, ACTOR_PERSON);
		role_title_note(p->doc, actor, p, a, j);
		for (; a < j; a++)
			p->t[a].flags |= T_SKIP;
		ner_add_mention(p, j, e, actor, HOW_NAME);
		i = e - 1;
	}
}

/* "Maria Lind, who has run the port authority since 2019, said": the
 * clause between the commas is the person's note. */
void
role_appositives(struct para *p)
{
	size_t k, i, end;

	for (k = 0; k < p->nm; k++) {
		const struct pmention *m = &p->m[k];
		struct iactor *ac = &p->doc->actors[m->actor];

		bool role;

		if (ac->note != NULL || !ner_person(p->doc, m->actor) ||
		    m->b + 2 >= p->nt || !tok_punct(p, m->b, ','))
			continue;
		/* ", chief executive of Northwind Energy." */
		role = tok_in(p, m->b + 1, LEX_TITLE) &&
		    (p->t[m->b + 1].flags & T_LOWER);
		if (!role && !(tok_is(p, m->b + 1, "who") ||
		    tok_is(p, m->b + 1, "the") || tok_is(p, m->b + 1, "a") ||
		    tok_is(p, m->b + 1, "an")))
			continue;
		for (i = m->b + 1, end = NONE; i < p->nt &&
		    i < m->b + 2 + NOTE_WORDS; i++) {
			if (tok_punct(p, i, ',') || (role &&
			    (p->t[i].flags & T_END))) {
				end = i;
				break;
			}
			if ((p->t[i].flags & (T_END | T_MARK)) ||
			    p->t[i].quote != NONE)
				break;
		}
		if (end == NONE || end <= m->b + 2)
			continue;
		role_title_note(p->doc, m->actor, p, m->b + 1 +
		    tok_is(p, m->b + 1, "who"), end);
	}
}
