#!/bin/sh
# readability.sh PAGES - newslens --import against Readability.js (with
# jsdom) on the same saved pages, side by side in one run: the time of
# each, all pages in one process and one process a page, and the text
# of each against the pages' expected text by the same 4-gram shingle
# F1 (tests/import/shingles; --extracted scores Readability's output).
#
# PAGES is a folder of page folders (source.html, expected.html,
# expected-metadata.json), as Mozilla Readability's test pages are.
# Not part of make check: it times things, and the first run installs
# Readability.js and jsdom with npm (bench/readability/package-lock.json)
# into bench/readability/node_modules, which needs the npm registry;
# later runs need no network.  Times are hyperfine's (RUNS runs of each,
# default 3, after one warm-up) where it is installed, else one run of
# each.  Prints the table bench/RESULTS.md keeps.  From the build tree:
#   make bench-readability PAGES=../readability-test-pages
set -eu
NEWSLENS=${NEWSLENS:-./src/newslens}
SHINGLES=${SHINGLES:-./tests/import/shingles}
RUNS=${RUNS:-3}
HYPERFINE=${HYPERFINE:-hyperfine}	# HYPERFINE=none times each once
JS=$(cd "$(dirname "$0")/readability" && pwd)

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
	echo "usage: readability.sh PAGES" >&2
	exit 2
fi
dir=$(cd "$1" && pwd)
command -v node >/dev/null || { echo "readability.sh: no node" >&2; exit 1; }
if [ ! -d "$JS/node_modules/jsdom" ]; then
	echo "readability.sh: installing Readability.js and jsdom" >&2
	(cd "$JS" && npm ci --no-audit --no-fund >&2)
fi
NEWSLENS=$(cd "$(dirname "$NEWSLENS")" && pwd)/$(basename "$NEWSLENS")
SHINGLES=$(cd "$(dirname "$SHINGLES")" && pwd)/$(basename "$SHINGLES")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newslens-readability.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The pages, one a line, and the four ways to run through them, each a
# script so that hyperfine times one command.
for page in "$dir"/*/; do
	[ -f "$page/source.html" ] && printf '%s\n' "${page%/}"
done >"$tmp/pages"
n=$(wc -l <"$tmp/pages")
bytes=$(sed 's|$|/source.html|' "$tmp/pages" | xargs cat | wc -c)
{
	printf '%s' "exec '$SHINGLES'"
	sed "s|.*| '&'|" "$tmp/pages" | tr -d '\n'
	echo
} >"$tmp/nl-one.sh"
sed "s|.*|'$NEWSLENS' --import '&/source.html' \|\| :|" \
    "$tmp/pages" >"$tmp/nl-each.sh"
{
	printf '%s' "exec node '$JS/extract.js' '$tmp/rd'"
	sed "s|.*| '&'|" "$tmp/pages" | tr -d '\n'
	echo
} >"$tmp/rd-one.sh"
sed "s|.*|node '$JS/extract.js' '$tmp/rd' '&' \|\| :|" \
    "$tmp/pages" >"$tmp/rd-each.sh"

# The F1s first: they check that both work before anything is timed.
sh "$tmp/rd-one.sh" || echo "readability.sh: Readability failed on some" >&2
nl_f1=$(sh "$tmp/nl-one.sh" 2>/dev/null | tail -n 1)
rd_f1=$(sed "s|^exec '$SHINGLES'|exec '$SHINGLES' --extracted '$tmp/rd'|" \
    "$tmp/nl-one.sh" | sh | tail -n 1)

# time NAME: mean wall and CPU seconds of $tmp/NAME.sh into $tmp/NAME.t
# ("wall sd user+system runs").
if command -v "$HYPERFINE" >/dev/null; then
	"$HYPERFINE" --warmup 1 --runs "$RUNS" -i \
	    --export-json "$tmp/times.json" \
	    -n nl-one "sh '$tmp/nl-one.sh'" -n nl-each "sh '$tmp/nl-each.sh'" \
	    -n rd-one "sh '$tmp/rd-one.sh'" -n rd-each "sh '$tmp/rd-each.sh'" \
	    >&2
	node -e '
const r = require(process.argv[1]).results;
for (const x of r)
	require("fs").writeFileSync(process.argv[2] + "/" + x.command + ".t",
	    `${x.mean} ${x.stddev || 0} ${x.user + x.system} ${x.times.length}\n`);
' "$tmp/times.json" "$tmp"
	timer="hyperfine $("$HYPERFINE" --version | cut -d' ' -f2), $RUNS runs each after a warm-up"
else
	for t in nl-one nl-each rd-one rd-each; do
		/usr/bin/time -f '%e 0 %U %S 1' -o "$tmp/$t.u" \
		    sh "$tmp/$t.sh" >/dev/null 2>&1 || :
		awk '{ print $1, $2, $3 + $4, $5 }' "$tmp/$t.u" >"$tmp/$t.t"
	done
	timer="one run each (no hyperfine)"
fi

ver() {	# ver PACKAGE: its installed version
	node -e 'console.log(require(process.argv[1] + "/package.json").version)' \
	    "$JS/node_modules/$1"
}
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
    head -n 1)
echo "$(date +%Y-%m-%d), $(uname -sm), ${cpu:-unknown CPU}, $(nproc) cores,"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?);"
echo "$n pages, $bytes bytes of HTML; $timer;"
echo "$("$NEWSLENS" --version | head -n 1), Node.js $(node --version),"
echo "@mozilla/readability $(ver @mozilla/readability), jsdom $(ver jsdom)"
echo
awk -v n="$n" -v nl="$nl_f1" -v rd="$rd_f1" \
    -v nlo="$(cat "$tmp/nl-one.t")" -v nle="$(cat "$tmp/nl-each.t")" \
    -v rdo="$(cat "$tmp/rd-one.t")" -v rde="$(cat "$tmp/rd-each.t")" '
function ms(t,   a) { split(t, a, " "); return sprintf("%.2f s ± %.2f (%.1f ms a page; CPU %.2f s)", a[1], a[2], a[1] * 1000 / n, a[3]) }
function s(t,   a) { split(t, a, " "); return a[1] }
function cpu(t,   a) { split(t, a, " "); return a[3] }
function f(m,   a) { split(m, a, " "); return sprintf("%s / %s / %s | %s | %s", a[2], a[3], a[4], a[5], a[6]) }
BEGIN {
	print "| | all pages, one process | one process a page | shingle P / R / F1 | headline | byline |"
	print "|---|---:|---:|---:|---:|---:|"
	print "| newslens --import | " ms(nlo) " | " ms(nle) " | " f(nl) " |"
	print "| Readability.js (jsdom) | " ms(rdo) " | " ms(rde) " | " f(rd) " |"
	printf "| Readability / newslens | %.1f× (CPU %.1f×) | %.1f× (CPU %.1f×) | | | |\n",
	    s(rdo) / s(nlo), cpu(rdo) / cpu(nlo), s(rde) / s(nle), cpu(rde) / cpu(nle)
	printf "| Readability in one process / newslens a process a page | %.1f× (CPU %.1f×) | | | | |\n",
	    s(rdo) / s(nle), cpu(rdo) / cpu(nle)
}'
