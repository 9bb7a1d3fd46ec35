#!/usr/bin/env bash
# library.sh - a library of 10,000 stories (make bench, make
# bench-library): bench/gen --library writes them (about 200 MB, "Read
# more" items naming each other, 300 actors shared), and the run
# measures, side by side, against grep -rl WORD DIR (every file read:
# the floor of a search without an index) and newslens --check over the
# same files:
#   - the first opening (no index) to the list's first screen;
#   - a later opening, the index warm, to the first screen;
#   - a search across the library (--search), for a word, for a
#     piece inside a word, and for two letters (no trigram to look up:
#     every text in the index is read);
#   - a reopening after one file of the 10,000 changed;
#   - the peak memory of the list (a warm opening);
#   - the CPU time of a key press in the list at 100 and 10,000
#     stories (bench/listkeys).
# "The list's first screen" is `newslens --list stories --limit 40 DIR`:
# the library opened, sorted newest first, and the 40 rows a screen of
# the list shows, printed: what the list screen does before it draws.
# Times are the median of BENCH_RUNS runs (wall clock); the machine is
# shared, so each is printed with the CPU time (user + system) beside.
# Appends (replaces) the "Library" section of bench/RESULTS.md.
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
prog=${NEWSLENS:-$srcdir/src/newslens}
gen=${GEN:-$srcdir/bench/gen}
keys=${LISTKEYS:-$srcdir/bench/listkeys}
n=${BENCH_STORIES:-10000}
runs=${BENCH_RUNS:-5}
results=${BENCH_RESULTS:-$srcdir/bench/RESULTS.md}
word=zephyrine
inside=phyrin
short=zq
work=$(mktemp -d "${TMPDIR:-/tmp}/newslens-library.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
lib=$work/lib
small=$work/small

"$gen" --library "$n" "$lib"
"$gen" --library 100 "$small"
# Files written now are too fresh for the index to trust (it re-hashes
# anything modified within two seconds of its indexing): age them.
find "$lib" "$small" -name '*.xml' -exec touch -d '1 hour ago' {} +
size=$(du -s --apparent-size --block-size=1M "$lib" | cut -f1)

# "wall cpu" of one run of a command, in ms.
measure() {
	local TIMEFORMAT='%3R %3U %3S'
	{ time "$@" >/dev/null 2>&1; } 2>"$work/time" || :
	awk '{ printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000 }' "$work/time"
}
# The median of $runs runs ("wall cpu"); $1 a setup command run before
# each (not timed).
median() {
	local setup=$1 i
	shift
	for i in $(seq "$runs"); do
		eval "$setup"
		measure "$@"
	done | sort -n | awk '{ w[NR] = $1; c[NR] = $2 }
	    END { m = int((NR + 1) / 2); printf "%s %s\n", w[m], c[m] }'
}

files=$work/files
find "$lib" -name '*.xml' | sort > "$files"
check=$(median : xargs -a "$files" "$prog" --check)
grep=$(median : grep -rl "$word" "$lib")
first=$(median 'rm -rf "$XDG_CACHE_HOME"' "$prog" --list stories --limit 40 "$lib")
"$prog" --list stories "$lib" >/dev/null
warm=$(median : "$prog" --list stories --limit 40 "$lib")
search=$(median : "$prog" --search "$word" "$lib")
isearch=$(median : "$prog" --search "$inside" "$lib")
ssearch=$(median : "$prog" --search "$short" "$lib")
dbsize=$(du -s --apparent-size --block-size=1M "$XDG_CACHE_HOME/newslens" | cut -f1)
changed=$lib/42/s4242.xml
change='sed -i "s/Story 4242:/Story 4242 (changed $RANDOM):/" "$changed"'
one=$(median "$change" "$prog" --list stories --limit 40 "$lib")
/usr/bin/time -o "$work/rss" -f '%M' "$prog" --list stories "$lib" >/dev/null
rss=$(tail -1 "$work/rss")
"$prog" --list stories "$small" >/dev/null
k100=$("$keys" "$small" 2000)
k10k=$("$keys" "$lib" 2000)
nmatch=$("$prog" --search "$word" "$lib" | wc -l)

w() { echo "$1" | cut -d' ' -f1; }
c() { echo "$1" | cut -d' ' -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# "wall (CPU)" ratios of two measures.
ratios() { echo "$(ratio "$(w "$1")" "$(w "$2")") ($(ratio "$(c "$1")" "$(c "$2")"))"; }

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r), sqlite $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')"
section=$(cat <<EOT
## Library

\`bench/library.sh\` ($(date +%Y-%m-%d), $machine): $n stories by
\`bench/gen --library\`, $size MB, "Read more" items naming each other,
300 actors shared; "$word" in one story in a hundred ($nmatch matches).
Median of $runs runs, wall clock (CPU, user + system, in brackets: the
machine is shared).  The first screen is \`--list stories --limit 40\`:
the library opened, sorted newest first, its first 40 rows printed.

| measure | ms (CPU) | against | ratio (CPU) | bound |
|---|---:|---|---:|---:|
| \`newslens --check\` of every file | $(w "$check") ($(c "$check")) | | | |
| \`grep -rl $word\` | $(w "$grep") ($(c "$grep")) | | | |
| first opening (no index) to the first screen | $(w "$first") ($(c "$first")) | --check | $(ratios "$first" "$check") | 1.5 |
| later opening, index warm | $(w "$warm") ($(c "$warm")) | grep -rl | $(ratios "$warm" "$grep") | 0.2 |
| \`--search $word\` | $(w "$search") ($(c "$search")) | grep -rl | $(ratios "$search" "$grep") | 0.2 |
| \`--search $inside\` (inside a word) | $(w "$isearch") ($(c "$isearch")) | grep -rl | $(ratios "$isearch" "$grep") | 0.2 |
| \`--search $short\` (two bytes: every text) | $(w "$ssearch") ($(c "$ssearch")) | grep -rl | $(ratios "$ssearch" "$grep") | |
| one file of $n changed, reopening | $(w "$one") ($(c "$one")) | grep -rl | $(ratios "$one" "$grep") | 0.3 |

The index on disk: $dbsize MB (the library: $size MB).
Peak memory of the list at $n stories (\`--list stories\`, warm):
$((rss / 1024)) MB (bound 100 MB).  A key press in the list
(\`bench/listkeys\`: j, Space, s, f and two letters typed and erased,
each with the 40 rows of a screen fetched): $k100 µs of CPU at 100
stories, $k10k µs at $n ($(ratio "$k10k" "$k100") times; bound 1.5).
EOT
)
# The section replaced where it stands, up to the next heading (a
# "###" one too: bench/readability.sh's table follows it), or added.
echo "$section" > "$work/section"
if [ -f "$results" ] && grep -q '^## Library$' "$results"; then
	awk -v f="$work/section" '/^## Library$/ {
		while ((getline l < f) > 0) print l; print ""; skip = 1; next }
	    /^###? / { skip = 0 } !skip' "$results" | cat -s > "$work/results"
	cp "$work/results" "$results"
else
	{ [ -f "$results" ] && cat "$results"; echo; cat "$work/section"; } |
	    cat -s > "$work/results"
	cp "$work/results" "$results"
fi
echo "$section"
