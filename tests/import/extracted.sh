#!/bin/sh
# extracted.sh - tests/import/shingles --extracted, which scores
# another extractor's output (bench/readability.sh: Readability.js's)
# by the same 4-gram shingle F1 as --import's: the expected text given
# as the extracted one scores 1, no text 0, and the head is read from
# NAME.json.  Output is TAP.
set -u
TESTDIR=${TESTDIR:-$(dirname "$0")/..}
NEWSLENS=${NEWSLENS:-./src/newslens}
SHINGLES=${SHINGLES:-$(dirname "$NEWSLENS")/../tests/import/shingles}
PAGES=$TESTDIR/import/pages

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newslens-extracted.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "1..5"
n=0
check() {	# check DESCRIPTION WANT GOT
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "# want '$2', got '$3'"
	fi
}

# 001: its own expected text and head, so everything the same.
cp "$PAGES/001/expected.html" "$tmp/001.html"
printf '{"title": "%s", "byline": "%s"}\n' \
    "Get your Frontend JavaScript Code Covered | Code" \
    "Nicolas Perriault" >"$tmp/001.json"
# bbc-1: nothing extracted, and no head.
: >"$tmp/bbc-1.html"

out=$("$SHINGLES" --extracted "$tmp" "$PAGES/001/" "$PAGES/bbc-1" 2>&1)
check "the expected text and head as extracted: F1 1, both the same" \
    "1.000 1.000 1.000 1 1" \
    "$(echo "$out" | sed -n 's|^.*/001/* ||p')"
check "nothing extracted: F1 0, no headline, no byline" \
    "0.000 0.000 0.000 0 0" \
    "$(echo "$out" | sed -n 's|^.*/bbc-1/* ||p')"
check "the mean over the two" "mean 0.500 0.500 0.500 0.500 0.500" \
    "$(echo "$out" | tail -n 1)"
# The same pages imported score otherwise: --extracted reads OUT.
imported=$("$SHINGLES" "$PAGES/bbc-1" 2>/dev/null | cut -d' ' -f4)
check "without --extracted the page is imported (F1 above 0.9)" 1 \
    "$(awk -v f="$imported" 'BEGIN { print (f + 0 > 0.9) ? 1 : 0 }')"
"$SHINGLES" --extracted >/dev/null 2>&1
check "--extracted with no folder is a usage error" 2 "$?"
