/* fuzz_import.c - the importer on arbitrary bytes.
 *
 * The first byte chooses whether the built-in story's actors serve as
 * the gazetteer; the rest is the article (plain text, or NITF when it
 * looks like XML).  import_memory either fails with at least one error
 * or returns a story that loads: the importer validates what it writes,
 * and this checks that promise from the outside. */
#include "config.h"

#include <string.h>

#include "base/diag.h"
#include "fuzz.h"
#include "import/import.h"
#include "format/load.h"
#include "model/story.h"
#include "base/text.h"

static struct story *gazetteer;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d = DIAG_INIT;

	(void)argc;
	(void)argv;
	gazetteer = load_default(&d);
	if (gazetteer == NULL) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts opts = { NULL };
	struct diag d = DIAG_INIT, d2 = DIAG_INIT;
	struct story *st;
	size_t len = 0, i;
	char *xml;

	if (gazetteer == NULL)
		LLVMFuzzerInitialize(NULL, NULL);
	if (size > 0 && (data[0] & 1))
		opts.gazetteer = gazetteer;
	if (size > 0) {
		data++;
		size--;
	}
	xml = import_memory((const char *)data, size, "fuzz.txt", &opts, &len,
	    &d);
	for (i = 0; i < d.n; i++)
		FUZZ_CHECK(text_is_safe(d.msgs[i], strlen(d.msgs[i])));
	if (xml == NULL)
		FUZZ_CHECK(d.n > 0);
	else {
		FUZZ_CHECK(strlen(xml) == len);
		st = load_memory(xml, len, "imported.xml", NULL, &d2);
		if (st == NULL)
			diag_print(&d2, stderr);
		FUZZ_CHECK(st != NULL);
		story_free(st);
	}
	free(xml);
	diag_free(&d);
	diag_free(&d2);
	return 0;
}
