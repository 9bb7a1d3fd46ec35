/* import_lex.c - the importer's word lists, in one lexicon.
 *
 * Every word list the importer consults (stop words, titles, months,
 * verbs of speech, …) is here, and a word's lists are looked up once,
 * when the word is tokenised: a token carries the set of lists it is
 * in, so that asking "is this a verb of speech?" costs a bit test, not
 * a search, however often it is asked.  The lists are English, like
 * the rest of the heuristics.
 *
 * The lexicon is built on first use and kept for the life of the
 * process. */
#include "config.h"

#include <string.h>

#include "import/import_int.h"

static const char *const abbrevs[] = {
	"capt", "co", "col", "corp", "dr", "e", "etc", "fig", "gen", "gov", "i",
	"inc", "jr", "lt", "ltd", "mr", "mrs", "ms", "mt", "no", "prof", "rep",
	"rev", "sen", "sgt", "sr", "st", "vs",
};

/* The last word of a name that is too generic to stand for it. */
static const char *const generic_words[] = {
	"agency", "association", "authority", "bank", "board", "bureau", "co",
	"commission", "committee", "company", "corp", "corporation", "council",
	"court", "department", "foundation", "group", "inc", "institute",
	"league", "limited", "ltd", "ministry", "network", "news", "office",
	"organisation", "organization", "party", "plc", "police", "post",
	"service", "services", "society", "states", "times", "union",
	"university",
};

static const char *const joining_words[] = {
	"and", "for", "of", "on", "the",
};

static const char *const english_words[] = {
	"and", "is", "of", "that", "the", "to", "was", "with",
};

/* Verbs of reported speech that take a "that" clause. */
static const char *const that_verbs[] = {
	"acknowledged", "added", "admitted", "alleged", "alleges", "announced",
	"argued", "argues", "believe", "believed", "believes", "claimed",
	"claims", "concluded", "confirmed", "confirms", "estimated", "feared",
	"fears", "insisted", "insists", "maintained", "maintains", "noted",
	"predicted", "predicts", "reported", "reports", "revealed", "reveals",
	"said", "says", "stated", "stressed", "suggested", "suggests", "tells",
	"told", "warned", "warns",
};

/* Of those, the ones whose claim may follow with no "that". */
static const char *const bare_verbs[] = {
	"admitted", "argued", "argues", "believe", "believed", "believes",
	"claimed", "claims", "feared", "fears", "insisted", "insists",
	"predicted", "predicts", "said", "says", "stressed", "suggested",
	"suggests", "warned", "warns",
};

static const char *const deny_verbs[] = {
	"denied", "denies", "deny", "disputed", "disputes", "refuted",
	"refutes", "rejected", "rejects",
};

static const char *const accuse_verbs[] = {
	"accuse", "accused", "accuses", "blamed", "blames", "condemned",
	"condemns", "criticised", "criticises", "criticized", "criticizes",
};

static const char *const fear_nouns[] = {
	"allegations", "claims", "concerns", "fears", "reports", "suggestions",
	"warnings", "worries",
};

/* Words that stand between a subject and its verb: "has always". */
static const char *const aux_words[] = {
	"again", "already", "also", "always", "had", "has", "have", "is",
	"later", "never", "not", "now", "previously", "recently", "repeatedly",
	"since", "strongly", "vehemently", "was", "will", "would",
};

/* What a bare claim may start with: "warned a total ban would …". */
static const char *const claim_starts[] = {
	"a", "all", "an", "any", "he", "it", "its", "no", "she", "some", "the",
	"their", "there", "these", "they", "this", "those", "we",
};

static const char *const conjunctions[] = {
	"although", "and", "but", "though", "whereas", "which", "while", "who",
};

/* Words that start no name, even with a capital. */
static const char *const stop_words[] = {
	"a", "about", "according", "after", "again", "against", "all", "also",
	"although", "amid", "among", "an", "and", "another", "any", "are", "as",
	"at", "be", "because", "before", "being", "both", "but", "by", "can",
	"could", "despite", "did", "do", "does", "during", "each", "earlier",
	"either", "even", "every", "few", "first", "for", "from", "had", "has",
	"have", "he", "her", "here", "his", "how", "however", "i", "if", "in",
	"indeed", "instead", "into", "is", "it", "its", "just", "last", "later",
	"like", "many", "may", "meanwhile", "more", "moreover", "most", "much",
	"must", "my", "neither", "never", "nevertheless", "next", "no", "nor",
	"not", "now", "of", "on", "once", "one", "only", "or", "other", "our",
	"over", "perhaps", "second", "several", "she", "should", "since", "so",
	"some", "still", "such", "than", "that", "the", "their", "them", "then",
	"there", "these", "they", "third", "this", "those", "though", "through",
	"thus", "to", "today", "tomorrow", "under", "unlike", "until", "up",
	"us", "was", "we", "were", "what", "when", "where", "whether", "which",
	"while", "who", "whom", "whose", "why", "will", "with", "within",
	"without", "would", "yes", "yesterday", "yet", "you", "your",
};

/* Titles stand before names but are not part of them. */
static const char *const title_words[] = {
	"adm", "admiral", "ambassador", "archbishop", "attorney", "bishop",
	"capt", "captain", "ceo", "cfo", "chair", "chairman", "chairwoman",
	"chancellor", "chief", "col", "colonel", "commander", "commissioner",
	"congressman", "congresswoman", "coo", "councillor", "dame", "deputy",
	"det", "detective", "director", "dr", "emperor", "executive", "father",
	"founder", "gen", "general", "gov", "governor", "imam", "inspector",
	"judge", "justice", "king", "lady", "leader", "lieutenant", "lord",
	"lt", "maj", "major", "mayor", "minister", "miss", "mp", "mr", "mrs",
	"ms", "mx", "officer", "pope", "premier", "president", "prime",
	"prince", "princess", "prof", "professor", "queen", "rabbi", "rep",
	"rev", "reverend", "secretary", "sen", "senator", "sergeant", "sgt",
	"sheriff", "sir", "speaker", "spokesman", "spokesperson", "spokeswoman",
	"superintendent", "vice",
};

static const char *const time_words[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb", "february",
	"fri", "friday", "jan", "january", "jul", "july", "jun", "june", "mar",
	"march", "may", "mon", "monday", "nov", "november", "oct", "october",
	"sat", "saturday", "sep", "sept", "september", "sun", "sunday", "thu",
	"thursday", "tue", "tuesday", "wed", "wednesday",
};

static const char *const demonym_words[] = {
	"afghan", "african", "algerian", "american", "arab", "argentine",
	"argentinian", "asian", "australian", "austrian", "belgian",
	"brazilian", "bulgarian", "canadian", "chilean", "colombian",
	"croatian", "cuban", "czech", "dutch", "eastern", "egyptian", "emirati",
	"ethiopian", "european", "filipino", "french", "german", "greek",
	"hungarian", "indian", "indonesian", "iranian", "iraqi", "israeli",
	"italian", "jordanian", "kenyan", "korean", "kuwaiti", "latin",
	"libyan", "malaysian", "mexican", "moroccan", "nigerian", "northern",
	"norwegian", "pakistani", "palestinian", "peruvian", "qatari",
	"romanian", "russian", "saudi", "serbian", "southern", "soviet",
	"swiss", "syrian", "thai", "tunisian", "ukrainian", "venezuelan",
	"welsh", "western", "yemeni",
};

/* "US officials", "Chinese authorities": a group named after a place. */
static const char *const group_words[] = {
	"authorities", "diplomats", "envoys", "executives", "forces",
	"insiders", "investigators", "lawmakers", "leaders", "legislators",
	"ministers", "negotiators", "officers", "officials", "police",
	"politicians", "prosecutors", "regulators", "sources", "troops",
};

/* Small words inside a name: "Bank of England", "Ludwig van Beethoven". */
static const char *const connector_words[] = {
	"al", "bin", "da", "de", "del", "der", "di", "du", "for", "la", "le",
	"of", "van", "von",
};

/* "the government", "the police": institutions a text names without a
 * proper noun, each taken as one actor. */
static const char *const institution_words[] = {
	"administration", "army", "board", "cabinet", "commission", "committee",
	"congress", "council", "court", "government", "military", "ministry",
	"navy", "opposition", "parliament", "police", "regulator", "senate",
};

static const char *const prepositions[] = {
	"about", "against", "at", "behind", "by", "for", "from", "in", "into",
	"like", "of", "on", "onto", "over", "than", "to", "toward", "towards",
	"upon", "with", "without",
};

static const char *const speech_verbs[] = {
	"acknowledged", "add", "added", "adds", "admits", "admitted",
	"agreed", "agrees", "announced", "announces", "argued", "argues", "ask", "asked", "asks",
	"cautioned", "claimed", "claims", "commented", "conceded", "concedes",
	"complained", "confirmed", "confirms", "continued", "countered",
	"declared", "declares", "disagreed", "disagrees", "emphasised", "emphasized", "explained", "explains",
	"insisted", "insists", "joked", "noted", "notes", "objected", "pledged",
	"protested",
	"predicted", "promised", "recalled", "recalls", "remarked", "replied",
	"replies", "responded", "said", "say", "says", "stated", "stressed",
	"stresses", "suggested", "tell", "tells", "told", "tweeted", "urged",
	"urges", "vowed", "vows", "warned", "warns", "writes", "wrote",
};

/* The nouns of a speaker with no name: "a government spokesperson". */
static const char *const speaker_nouns[] = {
	"adviser", "advisor", "aide", "analyst", "chief", "diplomat",
	"director", "economist", "executive", "expert", "founder", "insider",
	"lawyer", "manager", "member", "minister", "officer", "official",
	"officials", "person", "representative", "researcher", "scientist",
	"source", "sources", "spokesman", "spokespeople", "spokesperson",
	"spokeswoman", "witness",
};

#define LIST(e, a) [e] = { (a), sizeof(a) / sizeof((a)[0]) }

static const struct {
	const char *const	*words;
	size_t			 n;
} lex_lists[LEX_N] = {
	LIST(LEX_ABBREV, abbrevs),
	LIST(LEX_GENERIC, generic_words),
	LIST(LEX_JOINING, joining_words),
	LIST(LEX_ENGLISH, english_words),
	LIST(LEX_THAT, that_verbs),
	LIST(LEX_BARE, bare_verbs),
	LIST(LEX_DENY, deny_verbs),
	LIST(LEX_ACCUSE, accuse_verbs),
	LIST(LEX_FEAR, fear_nouns),
	LIST(LEX_AUX, aux_words),
	LIST(LEX_START, claim_starts),
	LIST(LEX_CONJ, conjunctions),
	LIST(LEX_STOP, stop_words),
	LIST(LEX_TITLE, title_words),
	LIST(LEX_TIME, time_words),
	LIST(LEX_DEMONYM, demonym_words),
	LIST(LEX_GROUP, group_words),
	LIST(LEX_CONNECTOR, connector_words),
	LIST(LEX_INSTITUTION, institution_words),
	LIST(LEX_PREP, prepositions),
	LIST(LEX_SPEECH, speech_verbs),
	LIST(LEX_SPEAKER, speaker_nouns),
};

static struct strmap *lexicon;

static void
lex_build(void)
{
	size_t i, k, have;
	const char *w;

	lexicon = gazetteer_strmap_new();
	for (i = 0; i < LEX_N; i++)
		for (k = 0; k < lex_lists[i].n; k++) {
			w = lex_lists[i].words[k];
			have = gazetteer_strmap_get(lexicon, w, strlen(w));
			gazetteer_strmap_put(lexicon, w, strlen(w),
			    (have == NONE ? 0 : have) | (size_t)1 << i);
		}
}

uint32_t
lex_lookup(const char *w, size_t len)
{
	size_t v;

	if (lexicon == NULL)
		lex_build();
	v = gazetteer_strmap_get(lexicon, w, len);
	return v == NONE ? 0 : (uint32_t)v;
}
