#!/bin/sh
# pages.sh DIR... - how fast and how well --import takes the article
# out of web pages: each DIR is a folder of page folders (source.html,
# expected.html), as Mozilla Readability's test pages are.  Prints the
# mean shingle F1 (tests/import/shingles), the time of the whole set
# in one process, and the time of one `newslens --import` a page.
# Not part of make check (it times things); run from the build tree:
#   sh bench/pages.sh ../readability-test-pages
set -eu
NEWSLENS=${NEWSLENS:-./src/newslens}
SHINGLES=${SHINGLES:-./tests/import/shingles}
for dir in "$@"; do
	n=$(ls -d "$dir"/*/ | wc -l)
	bytes=$(cat "$dir"/*/source.html | wc -c)
	echo "$dir: $n pages, $bytes bytes of HTML"
	start=$(date +%s.%N)
	"$SHINGLES" "$dir"/*/ 2>/dev/null | tail -n 1
	mid=$(date +%s.%N)
	for page in "$dir"/*/; do
		"$NEWSLENS" --import "$page/source.html" >/dev/null 2>&1 || :
	done
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$mid" -v c="$end" -v n="$n" 'BEGIN {
	    printf "one process, import and measure: %.3f s (%.1f ms a page)\n",
	        b - a, (b - a) * 1000 / n
	    printf "newslens --import a page: %.3f s (%.1f ms a page)\n",
	        c - b, (c - b) * 1000 / n }'
done
