/* fuzz.h - what every harness under tests/fuzz shares.
 *
 * A harness defines LLVMFuzzerTestOneInput (and may define
 * LLVMFuzzerInitialize); `make fuzz` links it with libFuzzer, and
 * `make check` links it with replay.c, which feeds it the committed
 * corpus.  A broken invariant is reported with FUZZ_CHECK, which
 * aborts: libFuzzer and the replay both report an abort as a crash. */
#ifndef NEWSLENS_FUZZ_H
#define NEWSLENS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int	LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, \
		    __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif
