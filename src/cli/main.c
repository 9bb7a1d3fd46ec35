/* main.c - the command line: options, modes and exit statuses.
 *
 * Exit statuses: 0 success, 1 a bad file (or a failed write), 2 a
 * usage error.  Every mode loads through load.h, so every mode gets the
 * same checks and the same messages. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/safefile.h"
#include "cli/dump.h"
#include "import/import.h"
#include "cli/list.h"
#include "cli/run.h"
#include "cli/export.h"
#include "cli/stories.h"
#include "format/gate.h"
#include "format/load.h"
#include "format/write.h"
#include "model/story.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "tui/ui.h"

#define EXIT_BAD_FILE	1
#define EXIT_USAGE	2

enum mode { MODE_READ, MODE_DUMP, MODE_CHECK, MODE_LIST, MODE_IMPORT,
	MODE_CANONICAL, MODE_RUN, MODE_EXPORT, MODE_SEARCH };

struct options {
	enum mode	 mode;
	int		 width;		/* 0: not given */
	const char	*list_kind;
	const char	*import;	/* --import FILE */
	const char	*output;	/* -o OUT; NULL: standard output */
	const char	*actors;	/* --actors STORY */
	enum import_from from;		/* --from KIND */
	const char	*script;	/* --run SCRIPT */
	const char	*export;	/* --export FORMAT */
	struct load_opts load;
	struct ui_opts	 ui;		/* --no-mouse, --width, -R */
	const char	*search;	/* --search TEXT */
	bool		 no_index;	/* --no-index */
	size_t		 limit;		/* --limit N; 0: none */
};

enum { OPT_DUMP = 256, OPT_CHECK, OPT_LIST, OPT_MAX_SIZE, OPT_IMPORT,
	OPT_ACTORS, OPT_CANONICAL, OPT_NO_MOUSE, OPT_FROM, OPT_RUN,
	OPT_EXPORT, OPT_SEARCH, OPT_NO_INDEX, OPT_LIMIT };

static const struct option long_options[] = {
	{ "dump",	no_argument,		NULL, OPT_DUMP },
	{ "width",	required_argument,	NULL, 'w' },
	{ "check",	no_argument,		NULL, OPT_CHECK },
	{ "list",	required_argument,	NULL, OPT_LIST },
	{ "max-size",	required_argument,	NULL, OPT_MAX_SIZE },
	{ "import",	required_argument,	NULL, OPT_IMPORT },
	{ "output",	required_argument,	NULL, 'o' },
	{ "actors",	required_argument,	NULL, OPT_ACTORS },
	{ "canonical",	no_argument,		NULL, OPT_CANONICAL },
	{ "no-mouse",	no_argument,		NULL, OPT_NO_MOUSE },
	{ "from",	required_argument,	NULL, OPT_FROM },
	{ "run",	required_argument,	NULL, OPT_RUN },
	{ "export",	required_argument,	NULL, OPT_EXPORT },
	{ "read-only",	no_argument,		NULL, 'R' },
	{ "search",	required_argument,	NULL, OPT_SEARCH },
	{ "no-index",	no_argument,		NULL, OPT_NO_INDEX },
	{ "limit",	required_argument,	NULL, OPT_LIMIT },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 },
};

static void
main_usage_help(void)
{
	printf("Usage: newslens [OPTION]... [FILE]\n"
"Explore a news story: its actors, their claims, the quotes and the\n"
"\"Read more\" items.  Without FILE, the built-in story of 12 January 2020,\n"
"\"US officials to hold last-ditch talks with UK over Huawei ban\".\n"
"\n"
"  (no option)         read FILE in the terminal; prints the --dump text\n"
"                      when standard output is not a terminal\n"
"      --dump          print the story as plain wrapped text, every item\n"
"                      numbered, with lists of actors, claims, quotes and\n"
"                      \"Read more\" items at the end\n"
"  -w, --width=N       wrap --dump at N columns (default %d); in the\n"
"                      reader, the article's lines at most N columns\n"
"                      (default 100)\n"
"      --no-mouse      in the reader, leave the mouse to the terminal\n"
"      --check FILE... validate each FILE; print nothing when all are valid\n"
"                      (a FILE of - is standard input, here and below)\n"
"      --list=KIND     print a tab-separated table of KIND: actors, quotes,\n"
"                      claims, related or mentions (or a prefix of one)\n"
"      --max-size=N    accept story files of up to N bytes (suffixes K, M,\n"
"                      G; default 128M)\n"
"      --import=FILE   turn FILE, a plain-text article, an NITF document or\n"
"                      a saved web page, into a story, written to standard\n"
"                      output; a feed (RSS or Atom) into a story an item\n"
"  -o, --output=OUT    with --import: write the story to OUT instead; for\n"
"                      a feed, OUT is the folder the stories go into\n"
"      --from=KIND     with --import: FILE is text, nitf, html or feed\n"
"                      (by default, what its content says)\n"
"      --canonical     print FILE as newslens writes a story: every element\n"
"                      kept, in a fixed order and indentation\n"
"      --actors=STORY  with --import: take the actors of STORY (names,\n"
"                      aliases, kinds, member-of) as the ones to look for\n"
"      --run=SCRIPT FILE  run the editing commands of SCRIPT (- for standard\n"
"                      input) on FILE; saves only on w\n"
"      --export=FORMAT FILE  the annotation as brat standoff (OUT.txt,\n"
"                      OUT.ann) or w3c Web Annotation JSON-LD; -o OUT\n"
"  -R, --read-only     in the reader, keep editing off\n"
"      --list stories DIR  the stories of the library in folder DIR, one\n"
"                      row a story, newest first (--limit=N: the first N)\n"
"      --search=TEXT DIR  every match of TEXT in the library, a line each,\n"
"                      PATH:PARAGRAPH: context; exit 1 when none\n"
"      --no-index      read the library's files directly: no index\n"
"  -h, --help          show this help and exit\n"
"  -V, --version       show the version and exit\n"
"\n"
"Exit status: 0 on success, 1 when a file is unreadable or invalid,\n"
"2 on a usage error.\n"
"\n"
"See newslens(1) for the keys of the reader and newslens(5) for the story\n"
"format.\n", DUMP_WIDTH_DEFAULT);
}

static void
main_usage_version(void)
{
	printf("newslens %s\n", PACKAGE_VERSION);
}

/* The message may hold a file name or any other argument: it is
 * sanitised before it reaches the terminal. */
static int main_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
main_usage_error(const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	char *safe;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	safe = text_sanitize(msg.data ? msg.data : "");
	fprintf(stderr, "newslens: %s\n"
	    "Try 'newslens --help' for more information.\n", safe);
	free(safe);
	buf_free(&msg);
	return EXIT_USAGE;
}

/* A number with an optional K, M or G suffix (powers of 1024). */
static bool
main_parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return false;
	switch (*end) {
	case 'k': case 'K': v = v > (ULLONG_MAX >> 10) ? 0 : v << 10; end++;
		break;
	case 'm': case 'M': v = v > (ULLONG_MAX >> 20) ? 0 : v << 20; end++;
		break;
	case 'g': case 'G': v = v > (ULLONG_MAX >> 30) ? 0 : v << 30; end++;
		break;
	default:
		break;
	}
	if (*end != '\0' || v == 0 || v > (1ULL << 31))
		return false;
	/* 2G is allowed, as the help says, but libxml2 takes an int
	 * length: the largest file it can parse is one byte short. */
	*out = v > INT_MAX ? (size_t)INT_MAX : (size_t)v;
	return true;
}

static bool
main_parse_width(const char *s, int *out)
{
	long v;
	char *end;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < 1 || v > 100000)
		return false;
	*out = (int)v;
	return true;
}

static bool
main_parse_limit(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || v > SIZE_MAX)
		return false;
	*out = (size_t)v;
	return true;
}

/* --list stories DIR and --search TEXT DIR (cli/stories.c). */
static int
main_run_library(int nfiles, char **files, const struct options *o)
{
	struct stories_opts so;

	if (nfiles != 1)
		return main_usage_error("%s needs one DIR",
		    o->mode == MODE_SEARCH ?
		    "--search" : "--list stories");
	memset(&so, 0, sizeof so);
	library_opts_init(&so.lib);
	so.lib.load = o->load;
	so.lib.no_index = o->no_index;
	so.limit = o->limit;
	if (o->mode == MODE_SEARCH)
		return stories_search(o->search, files[0], &so);
	return stories_list(files[0], &so);
}

static bool
main_is_dir(const char *path)
{
	struct stat sb;

	return strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    S_ISDIR(sb.st_mode);
}

/* newslens DIR, newslens FILE FILE... on a terminal: the library's
 * list in the reader (on a pipe, a folder is refused as a FILE was
 * before, and --list stories DIR is what lists it); on a terminal that
 * cannot be driven, a folder's --list stories. */
static int
main_run_shelf(int nfiles, char **files, const struct options *o)
{
	struct stories_opts so;
	int status;
	bool dir = nfiles == 1;

	status = ui_run_library(dir ? files[0] : NULL, files, (size_t)nfiles,
	    &o->load, o->no_index);
	if (status >= 0)
		return status;
	if (!dir)
		return main_usage_error("several files make a library for the "
		    "terminal: '%s' and more", files[0]);
	memset(&so, 0, sizeof so);
	library_opts_init(&so.lib);
	so.lib.load = o->load;
	so.lib.no_index = o->no_index;
	return stories_list(files[0], &so);
}

/* Writes out to standard output; false on a write error. */
static bool
main_emit(const struct buf *out)
{
	if (out->len > 0 && fwrite(out->data, 1, out->len, stdout) != out->len)
		return false;
	return fflush(stdout) == 0;
}

/* What standard input is called in messages. */
static const char stdin_name[] = "(standard input)";

static bool
main_is_stdin(const char *path)
{
	return path != NULL && strcmp(path, "-") == 0;
}

/* All of standard input, at most max bytes of it, as load_read_file
 * reads a file: caller-owned and NUL-terminated, or NULL with the
 * problem in *d. */
static char *
main_read_stdin(size_t max, size_t *lenp, struct diag *d)
{
	enum gate_refusal why;
	char msg[160], *data = gate_read(STDIN_FILENO, max, 65536, lenp,
	    &why);

	if (data == NULL) {
		gate_describe(why, errno, max, msg, sizeof msg);
		diag_add(d, stdin_name, 0, "%s", msg);
	}
	return data;
}

static struct story *
main_load_stdin(const struct options *o, struct diag *d)
{
	struct story *st;
	size_t len;
	char *data = main_read_stdin(o->load.max_size, &len, d);

	if (data == NULL)
		return NULL;
	st = load_memory(data, len, stdin_name, &o->load, d);
	free(data);
	return st;
}

/* The story in path: "-" is standard input, NULL the default story. */
static struct story *
main_open_story(const char *path, const struct options *o)
{
	struct diag d = DIAG_INIT;
	struct story *st;

	if (main_is_stdin(path))
		st = main_load_stdin(o, &d);
	else
		st = path ? load_file(path, &o->load, &d) : load_default(&d);
	diag_print(&d, stderr);
	diag_free(&d);
	return st;
}

/* --import of standard input. */
static char *
main_import_stdin(const struct options *o, const struct import_opts *io,
    size_t *lenp, struct diag *d)
{
	size_t len;
	char *data = main_read_stdin(o->load.max_size, &len, d), *xml;

	if (data == NULL)
		return NULL;
	xml = import_memory(data, len, stdin_name, io, lenp, d);
	free(data);
	return xml;
}

static int
main_run_check(int argc, char **argv, const struct options *o)
{
	int i, status = EXIT_SUCCESS;

	for (i = 0; i < argc; i++) {
		struct story *st = main_open_story(argv[i], o);

		if (st == NULL)
			status = EXIT_BAD_FILE;
		story_free(st);
	}
	return status;
}

/* Prints the dump or the list of st, then frees it. */
static int
main_print_story(struct story *st, const struct options *o)
{
	struct buf out = BUF_INIT;
	int status = EXIT_SUCCESS;
	bool ok = true;

	if (o->mode == MODE_LIST)
		list_story(st, o->list_kind, &out);
	else if (o->mode == MODE_CANONICAL)
		ok = write_story_file(st, stdout) == 0;
	else
		ok = dump_story(st, o->width ? o->width : DUMP_WIDTH_DEFAULT,
		    &out, stdout);
	if (!main_emit(&out) || !ok) {
		fprintf(stderr, "newslens: write error: %s\n",
		    strerror(errno));
		status = EXIT_BAD_FILE;
	}
	buf_free(&out);
	story_free(st);
	return status;
}

static int
main_run_output(const char *path, const struct options *o)
{
	struct story *st = main_open_story(path, o);

	return st ? main_print_story(st, o) : EXIT_BAD_FILE;
}

/* The reader, or the dump when the terminal cannot be driven. */
static int
main_run_reader(const char *path, const struct options *o)
{
	struct story *st;
	int status;

	if (!isatty(STDOUT_FILENO))
		return main_run_output(path, o);
	st = main_open_story(path, o);
	if (st == NULL)
		return EXIT_BAD_FILE;
	status = ui_run(st, path, &o->load, &o->ui);
	/* -1: no terminal to drive, and the story is still ours. */
	return status >= 0 ? status : main_print_story(st, o);
}

/* Writes xml to OUT in place: standard output (OUT NULL), or a device
 * or a FIFO such as /dev/null, which has nothing to lose and must not
 * be renamed over.  Returns 0 or an errno value. */
static int
main_write_in_place(const char *xml, size_t len, const char *out)
{
	FILE *fp = out ? fopen(out, "w") : stdout;
	int err = 0;

	if (fp == NULL)
		return errno;
	if (len > 0 && fwrite(xml, 1, len, fp) != len)
		err = errno;
	if ((out ? fclose(fp) : fflush(fp)) != 0 && err == 0)
		err = errno;
	return err;
}

/* Writes the story to OUT, or to standard output (no OUT, or "-");
 * false on an error, which it reports.  A regular file OUT is replaced
 * whole or not at all: newslens(1) promises that a failed import
 * writes nothing. */
static bool
main_write_import(const char *xml, size_t len, const char *out)
{
	struct diag d = DIAG_INIT;
	struct stat sb;
	char *msg = NULL;
	int err;

	if (out != NULL && strcmp(out, "-") == 0)
		out = NULL;
	if (out != NULL && (stat(out, &sb) != 0 || S_ISREG(sb.st_mode) ||
	    S_ISDIR(sb.st_mode)))
		err = safefile_replace(out, xml, len, &msg);
	else if ((err = main_write_in_place(xml, len, out)) != 0) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "cannot write: %s", strerror(err));
		msg = buf_detach(&b);
	}
	if (err != 0) {
		diag_add(&d, out ? out : "(standard output)", 0, "%s", msg);
		diag_print(&d, stderr);
		diag_free(&d);
	}
	free(msg);
	return err == 0;
}

static const char *const from_names[] = { "text", "nitf", "html", "feed",
	NULL };

/* Each story of a feed, written into the folder; its path printed. */
static bool
main_feed_put(void *arg, const struct import_item *it)
{
	struct diag d = DIAG_INIT;
	char *path = import_folder_put(arg, it, &d), *safe;

	diag_print(&d, stderr);
	diag_free(&d);
	if (path == NULL)
		return false;
	safe = text_sanitize(path);
	printf("%s\n", safe);
	free(safe);
	free(path);
	return true;
}

/* --import FEED -o DIR. */
static int
main_run_import_feed(const struct options *o, const struct import_opts *io)
{
	struct diag d = DIAG_INIT;
	struct import_folder *f;
	bool ok = false;

	if (o->output == NULL || strcmp(o->output, "-") == 0) {
		main_usage_error("a feed is imported into a folder: give it "
		    "with -o DIR");
		return EXIT_USAGE;
	}
	f = import_folder_open(o->output, &d);
	if (f != NULL)
		ok = import_feed_file(o->import, o->load.max_size, io,
		    main_feed_put, f, &d);
	import_folder_close(f);
	diag_print(&d, stderr);
	diag_free(&d);
	return ok && fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_BAD_FILE;
}

/* Whether FILE is a feed: by --from, else by its first bytes. */
static bool
main_import_is_feed(const struct options *o)
{
	char head[65536];
	size_t n = 0;
	FILE *fp;

	if (o->from != IMPORT_FROM_AUTO)
		return o->from == IMPORT_FROM_FEED;
	fp = fopen(o->import, "rb");
	if (fp == NULL)
		return false;	/* the import says why */
	n = fread(head, 1, sizeof head, fp);
	fclose(fp);
	return import_detect(head, n) == IMPORT_FROM_FEED;
}

/* --import: the article, with the actors of another story if given. */
static int
main_run_import(const struct options *o)
{
	struct import_opts io = { NULL };
	struct diag d = DIAG_INIT;
	struct story *gazetteer = NULL;
	char *xml = NULL;
	size_t len = 0;
	int status = EXIT_BAD_FILE;

	if (o->actors != NULL)
		gazetteer = main_open_story(o->actors, o);
	io.from = o->from;
	if ((o->actors == NULL || gazetteer != NULL)
	    && main_import_is_feed(o)) {
		io.gazetteer = gazetteer;
		status = main_run_import_feed(o, &io);
		story_free(gazetteer);
		return status;
	}
	if (o->actors == NULL || gazetteer != NULL) {
		io.gazetteer = gazetteer;
		xml = main_is_stdin(o->import) ? main_import_stdin(o, &io, &len,
		    &d) :
		    import_file(o->import, o->load.max_size, &io, &len, &d);
		diag_print(&d, stderr);
		diag_free(&d);
	}
	/* Nothing is written unless the whole story is good. */
	if (xml != NULL && main_write_import(xml, len, o->output))
		status = EXIT_SUCCESS;
	free(xml);
	story_free(gazetteer);
	return status;
}

static int
main_set_mode(struct options *o, enum mode m, const char *opt)
{
	if (o->mode != MODE_READ && o->mode != m) {
		main_usage_error("%s cannot be combined with another mode",
		    opt);
		return -1;
	}
	o->mode = m;
	return 0;
}

/* Parses the options into *o; returns -1 to go on, or an exit status. */
static int
main_parse_options(int argc, char **argv, struct options *o)
{
	bool ambiguous;
	int c;

	/* getopt's own messages would print the argument raw. */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hVRw:o:", long_options, NULL)) !=
	    -1) {
		switch (c) {
		case OPT_DUMP:
			if (main_set_mode(o, MODE_DUMP, "--dump") < 0)
				return EXIT_USAGE;
			break;
		case OPT_CHECK:
			if (main_set_mode(o, MODE_CHECK, "--check") < 0)
				return EXIT_USAGE;
			break;
		case OPT_LIST:
			if (main_set_mode(o, MODE_LIST, "--list") < 0)
				return EXIT_USAGE;
			if (strcmp(optarg, "stories") == 0)
				o->list_kind = "stories";
			else if ((o->list_kind = list_kind_match(optarg,
			    &ambiguous)) == NULL)
				return main_usage_error("--list: %s kind '%s' "
				    "(actors, quotes, claims, related, "
				    "mentions or stories)", ambiguous ?
				    "ambiguous" : "unknown", optarg);
			break;
		case 'w':
			if (!main_parse_width(optarg, &o->width))
				return main_usage_error("--width: '%s' is not a "
				    "width from 1 to 100000", optarg);
			break;
		case OPT_MAX_SIZE:
			if (!main_parse_size(optarg, &o->load.max_size))
				return main_usage_error("--max-size: '%s' is not a "
				    "size from 1 byte to 2G", optarg);
			break;
		case OPT_CANONICAL:
			if (main_set_mode(o, MODE_CANONICAL, "--canonical") < 0)
				return EXIT_USAGE;
			break;
		case OPT_IMPORT:
			if (main_set_mode(o, MODE_IMPORT, "--import") < 0)
				return EXIT_USAGE;
			o->import = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_ACTORS:
			o->actors = optarg;
			break;
		case OPT_NO_MOUSE:
			o->ui.no_mouse = true;
			break;
		case OPT_FROM: {
			size_t k;

			for (k = 0; from_names[k] != NULL; k++)
				if (strcmp(optarg, from_names[k]) == 0)
					break;
			if (from_names[k] == NULL)
				return main_usage_error("--from: unknown kind '%s' "
				    "(text, nitf, html or feed)", optarg);
			o->from = (enum import_from)(IMPORT_FROM_TEXT + k);
			break;
		}
		case 'R':
			o->ui.read_only = true;
			break;
		case OPT_RUN:
			if (main_set_mode(o, MODE_RUN, "--run") < 0)
				return EXIT_USAGE;
			o->script = optarg;
			break;
		case OPT_EXPORT:
			if (main_set_mode(o, MODE_EXPORT, "--export") < 0)
				return EXIT_USAGE;
			if (!export_format_valid(optarg))
				return main_usage_error("--export: unknown format "
				    "'%s' (brat or w3c)", optarg);
			o->export = optarg;
			break;
		case OPT_SEARCH:
			if (main_set_mode(o, MODE_SEARCH, "--search") < 0)
				return EXIT_USAGE;
			o->search = optarg;
			break;
		case OPT_NO_INDEX:
			o->no_index = true;
			break;
		case OPT_LIMIT:
			if (!main_parse_limit(optarg, &o->limit))
				return main_usage_error("--limit: '%s' is not a "
				    "number of rows from 1", optarg);
			break;
		case 'h':
			main_usage_help();
			return fflush(stdout) == 0 ? EXIT_SUCCESS : 1;
		case 'V':
			main_usage_version();
			return fflush(stdout) == 0 ? EXIT_SUCCESS : 1;
		case ':':
			return main_usage_error("option '%s' needs an argument",
			    argv[optind - 1]);
		default:
			if (optopt != 0)
				return main_usage_error("unknown option '-%c'",
				    optopt);
			return main_usage_error("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct options o;
	int status, nfiles;

	/* The reader needs the locale's character set; the model and the
	 * dump work in UTF-8 whatever it is. */
	setlocale(LC_ALL, "");
	memset(&o, 0, sizeof o);
	o.load.max_size = LOAD_MAX_SIZE_DEFAULT;
	if ((status = main_parse_options(argc, argv, &o)) >= 0)
		return status;
	nfiles = argc - optind;
	o.ui.measure = o.width;
	if (o.width != 0 && o.mode != MODE_DUMP && o.mode != MODE_READ)
		return main_usage_error("%s only goes with --dump", "--width");
	if (o.output != NULL && o.mode == MODE_EXPORT)
		;
	else if ((o.output != NULL || o.actors != NULL ||
	    o.from != IMPORT_FROM_AUTO) && o.mode != MODE_IMPORT)
		return main_usage_error("%s only goes with --import",
		    o.output != NULL ? "--output" : o.actors != NULL ?
		    "--actors" : "--from");
	if (o.mode == MODE_SEARCH || (o.mode == MODE_LIST &&
	    strcmp(o.list_kind, "stories") == 0))
		status = main_run_library(nfiles, argv + optind, &o);
	else if (o.mode == MODE_IMPORT) {
		if (nfiles > 0)
			return main_usage_error("--import takes one FILE: '%s' is "
			    "one too many", argv[optind]);
		status = main_run_import(&o);
	} else if (o.mode == MODE_RUN || o.mode == MODE_EXPORT) {
		if (nfiles != 1)
			return main_usage_error("%s takes one FILE", o.mode ==
			    MODE_RUN ? "--run" : "--export");
		status = o.mode == MODE_RUN ? run_script(o.script,
		    argv[optind], &o.load) : export_file(o.export,
		    argv[optind], o.output, &o.load);
	} else if (o.mode == MODE_CHECK) {
		if (nfiles == 0)
			return main_usage_error("%s needs at least one FILE",
			    "--check");
		status = main_run_check(nfiles, argv + optind, &o);
	} else if (o.mode == MODE_READ && isatty(STDOUT_FILENO) &&
	    (nfiles > 1 || (nfiles == 1 && main_is_dir(argv[optind]))))
		status = main_run_shelf(nfiles, argv + optind, &o);
	else if (nfiles > 1)
		return main_usage_error("too many files: '%s' (one at a time)",
		    argv[optind + 1]);
	else if (o.mode == MODE_READ)
		status = main_run_reader(nfiles ? argv[optind] : NULL, &o);
	else
		status = main_run_output(nfiles ? argv[optind] : NULL, &o);
	load_cleanup();
	return status;
}
