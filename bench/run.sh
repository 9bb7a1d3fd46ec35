#!/usr/bin/env bash
# run.sh - newslens against the readers people already use (make bench).
#
# For stories of 1,000, 10,000 and 100,000 paragraphs written by
# bench/gen (as XML for newslens and xmllint, HTML for w3m and lynx,
# plain text for less), measures:
#   - --check against xmllint --noout --relaxng data/story.rng;
#   - --dump against w3m -dump and lynx -dump on the HTML, all at 80
#     columns;
#   - peak memory (maximum RSS, /usr/bin/time) against the file's size;
#   - the time from launch to the first screen in tmux, against less on
#     the plain text (the median of several runs);
#   - the CPU time of a key press in a scripted session of about 1,000
#     keys (bench/keys.sh), at the smallest and the largest size;
#   - the same keys in the default story and in one paragraph of 20 MB
#     with 10,000 mentions (bench/keys.sh long-paragraph);
# and writes bench/RESULTS.md: the ratios, the times, the machine.
#
# Environment: NEWSLENS, GEN (the programs; default: this tree's),
# BENCH_SIZES (default "1000 10000 100000"), BENCH_ACTORS (200),
# BENCH_DIR (where the stories go; default a temporary directory,
# removed at the end), BENCH_RESULTS (default bench/RESULTS.md).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
prog=${NEWSLENS:-$srcdir/src/newslens}
gen=${GEN:-$srcdir/bench/gen}
sizes=${BENCH_SIZES:-1000 10000 100000}
actors=${BENCH_ACTORS:-200}
results=${BENCH_RESULTS:-$srcdir/bench/RESULTS.md}
schema=$srcdir/data/story.rng
# Every hit of this word is inside a mention (bench/gen puts place
# names only in actors' names), as bench/keys.sh needs.
word=avalon

# ---- tools -----------------------------------------------------------

missing=""
for t in hyperfine xmllint w3m lynx tmux less awk; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
if [ -n "$missing" ]; then
	echo "bench: missing:$missing" >&2
	echo "bench: on Debian, 'sh bench/deps.sh' installs them" >&2
	exit 1
fi
for f in "$prog" "$gen"; do
	[ -x "$f" ] || { echo "bench: $f is not built" >&2; exit 1; }
done

if [ -n "${BENCH_DIR:-}" ]; then
	work=$BENCH_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d)
fi
sock=newslens-run-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	tm kill-server 2>/dev/null || true
	[ -n "${BENCH_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

say() { printf 'bench: %s\n' "$*" >&2; }

# ---- measuring -------------------------------------------------------

# hyperfine_medians RUNS CMD...: for each command, in order, one line:
# its median wall time and its mean CPU time (user + system), seconds.
hyperfine_medians() {
	local runs=$1 csv=$work/hf.csv
	shift
	hyperfine -N --style none --warmup 1 --runs "$runs" \
	    --export-csv "$csv" "$@" >&2
	awk -F, 'NR > 1 { print $4, $5 + $6 }' "$csv"
}

# max_rss CMD...: the peak resident set of CMD, in bytes.
max_rss() {
	/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
	awk '{ v = $1 } END { print v * 1024 }' "$work/rss"
}

# first_screen CMD: seconds from launch until the headline shows in an
# 80x24 pane; also leaves the program's peak RSS (VmHWM, bytes) in
# $work/hwm.
first_screen() {
	local t0 t1 pid i
	rm -f "$work/pid"
	t0=$(date +%s%N)
	tm new-window -d -t b: -n r \
	    "echo \$\$ > $work/pid; exec env LANG=C.UTF-8 TERM=screen-256color LESS= $1"
	# Poll every 10 ms (no faster: the polling takes CPU from the
	# program measured), for at most a minute.
	for ((i = 0; i < 6000; i++)); do
		tm capture-pane -p -t b:r 2>/dev/null |
		    grep -q 'Officials gear up' && break
		sleep 0.01
	done
	((i < 6000)) || { say "no first screen from: $1"; exit 1; }
	t1=$(date +%s%N)
	pid=$(cat "$work/pid")
	awk '/^VmHWM/ { print $2 * 1024 }' "/proc/$pid/status" > "$work/hwm"
	tm kill-window -t b:r
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}

# median_of N CMD: the median of N runs of first_screen CMD.
median_of() {
	local i
	for ((i = 0; i < $1; i++)); do
		first_screen "$2"
	done | sort -n | awk '{ v[NR] = $1 } END {
		print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# keys_ms STORY MIX ROUNDS: the keys typed and the ms of CPU per key
# (bench/keys.sh).
keys_ms() {
	NEWSLENS=$prog KEYS_SEARCH=$word KEYS_MIX=$2 \
	    bash "$srcdir/bench/keys.sh" "$1" "$3" |
	    awk '{ print $1, $(NF - 3) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v a="$1" 'BEGIN { printf "%.1f", a * 1000 }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1048576 }'; }

tm new-session -d -x 80 -y 24 -s b 'sleep 100000'
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# What the program takes whatever the story: its libraries and the
# schema (the default story is 12 kB).
base_rss=$(max_rss "$prog" --check "$srcdir/data/huawei-2020-01-12.xml")
# What a program linked with libxml2 takes before it reads anything.
version_rss=$(max_rss "$prog" --version)
xmllint_version_rss=$(max_rss xmllint --version)
tm set -g default-size 80x24

declare -A R
largest=""
smallest=""
for n in $sizes; do
	base=$work/s$n
	say "generating $n paragraphs"
	"$gen" "$n" "$actors" "$base"
	"$prog" --check "$base.xml"
	[ -n "$smallest" ] || smallest=$n
	largest=$n
	R[xml,$n]=$(wc -c < "$base.xml")
	R[html,$n]=$(wc -c < "$base.html")
	R[txt,$n]=$(wc -c < "$base.txt")
	if [ "$n" -ge 100000 ]; then runs=5
	elif [ "$n" -ge 10000 ]; then runs=10
	else runs=30
	fi

	say "$n: --check against xmllint"
	{ read -r "R[check,$n]" "R[check_cpu,$n]"
	  read -r "R[xmllint,$n]" "R[xmllint_cpu,$n]"; } < <(hyperfine_medians \
	    "$runs" "$prog --check $base.xml" \
	    "xmllint --noout --relaxng $schema $base.xml")

	say "$n: --dump against w3m and lynx"
	{ read -r "R[dump,$n]" "R[dump_cpu,$n]"
	  read -r "R[w3m,$n]" "R[w3m_cpu,$n]"
	  read -r "R[lynx,$n]" "R[lynx_cpu,$n]"; } < \
	    <(hyperfine_medians "$runs" "$prog --dump $base.xml" \
	    "w3m -dump -cols 80 -T text/html $base.html" \
	    "lynx -dump -width=80 -force_html $base.html")

	say "$n: peak memory"
	R[rss_check,$n]=$(max_rss "$prog" --check "$base.xml")
	R[rss_dump,$n]=$(max_rss "$prog" --dump "$base.xml")
	R[rss_xmllint,$n]=$(max_rss xmllint --noout --relaxng "$schema" \
	    "$base.xml")
	R[rss_w3m,$n]=$(max_rss w3m -dump -cols 80 -T text/html "$base.html")
	R[rss_lynx,$n]=$(max_rss lynx -dump -width=80 -force_html \
	    "$base.html")

	say "$n: first screen against less"
	R[first,$n]=$(median_of 5 "$prog $base.xml")
	R[rss_reader,$n]=$(cat "$work/hwm")
	R[first_less,$n]=$(median_of 5 "less $base.txt")
done

for n in $smallest $largest; do
	base=$work/s$n
	say "$n: key presses (three sessions)"
	read -r "R[nkeys]" "R[keys,$n]" < <(keys_ms "$base.xml" nosearch 91)
	read -r "R[nkeys_full]" "R[keys_full,$n]" < \
	    <(keys_ms "$base.xml" full 53)
	read -r "R[nsearch]" "R[search,$n]" < <(keys_ms "$base.xml" search 10)
done

# long_keys STORY MIX ROUNDS RESIZE: keys_ms for the default story ("")
# and the generated long paragraph, where every hit of huawei is a
# mention.
long_keys() {
	NEWSLENS=$prog KEYS_SEARCH=huawei KEYS_MIX=$2 KEYS_RESIZE=$4 \
	    bash "$srcdir/bench/keys.sh" "$1" "$3" |
	    awk '{ print $1, $(NF - 3) }'
}
for kind in default long-paragraph; do
	say "$kind: key presses (four sessions)"
	st=$kind
	[ "$kind" = default ] && st=""
	read -r "R[nl_focus]" "R[l_focus,$kind]" < <(long_keys "$st" focus 100 no)
	read -r "R[nl_nosearch]" "R[l_nosearch,$kind]" < \
	    <(long_keys "$st" nosearch 91 no)
	read -r "R[nl_resize]" "R[l_resize,$kind]" < \
	    <(long_keys "$st" nosearch 91 yes)
	read -r "R[nl_search]" "R[l_search,$kind]" < <(long_keys "$st" search 10 no)
done

# ---- the report ------------------------------------------------------

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
deb=$(cat /etc/debian_version 2>/dev/null || echo unknown)
cc=$( (${CC:-cc} --version 2>/dev/null || echo unknown) | head -n 1)
cflags=$(sed -n 's/^CFLAGS = //p' "$(dirname "$prog")/../Makefile" \
    2>/dev/null || true)
libxml=$(xmllint --version 2>&1 | awk '/using libxml/ { print $NF; exit }')
w3mv=$(w3m -version 2>/dev/null |
    awk '{ sub(/,$/, "", $3); print $3; exit }')
lynxv=$(lynx -version 2>/dev/null | head -n 1)
lessv=$(less --version 2>/dev/null | head -n 1)

verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {
	ok = op == "<" ? v < t : v <= t; printf "%s", ok ? "yes" : "**no**" }'; }

{
	echo "# newslens against the readers people already use"
	echo
	echo "Written by \`make bench\` (\`bench/run.sh\`) on $(date -u '+%Y-%m-%d %H:%M UTC')."
	echo
	echo "Machine: $(nproc) CPUs ($cpu), $mem of memory, Debian $deb;"
	echo "$cc${cflags:+, CFLAGS \`$cflags\`}; libxml2 $libxml; $w3mv; $lynxv; $lessv;"
	echo "$(tmux -V); $(hyperfine --version).  Load average at the start:"
	echo "$load_before; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "Stories from \`bench/gen N $actors\`: a mention every ten words or"
	echo "so, a claim with a quote in every third paragraph, a \"Read more\""
	echo "item every twentieth, $actors actors in member-of trees; the same"
	echo "text as HTML (mentions and \"Read more\" items as links, the actors"
	echo "as a list) and as plain text.  Times are medians of several runs"
	echo "(hyperfine -N); a ratio below 1 means newslens is faster or smaller."
	echo
	echo "## Ratios"
	echo
	echo "| paragraphs | --check ÷ xmllint (≤ 1.5) | --dump ÷ w3m (< 1) | --dump ÷ lynx (< 1) | peak RSS ÷ file (≤ 3) | (peak RSS − base) ÷ file | first screen ÷ less | first screen (< 1 s) |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
	for n in $sizes; do
		peak=${R[rss_check,$n]}
		for k in rss_dump rss_reader; do
			[ "${R[$k,$n]}" -gt "$peak" ] && peak=${R[$k,$n]}
		done
		c=$(ratio "${R[check,$n]}" "${R[xmllint,$n]}")
		w=$(ratio "${R[dump,$n]}" "${R[w3m,$n]}")
		l=$(ratio "${R[dump,$n]}" "${R[lynx,$n]}")
		m=$(ratio "$peak" "${R[xml,$n]}")
		g=$(ratio "$((peak - base_rss))" "${R[xml,$n]}")
		f=$(ratio "${R[first,$n]}" "${R[first_less,$n]}")
		printf '| %d | %s %s | %s %s | %s %s | %s %s | %s | %s | %s s %s |\n' \
		    "$n" "$c" "$(verdict "$c" 1.5 '<=')" \
		    "$w" "$(verdict "$w" 1 '<')" "$l" "$(verdict "$l" 1 '<')" \
		    "$m" "$(verdict "$m" 3 '<=')" "$g" "$f" \
		    "$(printf %.3f "${R[first,$n]}")" \
		    "$(verdict "${R[first,$n]}" 1 '<')"
	done
	echo
	echo "The same by CPU time (user + system, the mean of the same runs),"
	echo "which a busy machine disturbs less than wall time:"
	echo
	echo "| paragraphs | --check ÷ xmllint | --dump ÷ w3m | --dump ÷ lynx |"
	echo "|---:|---:|---:|---:|"
	for n in $sizes; do
		printf '| %d | %s | %s | %s |\n' "$n" \
		    "$(ratio "${R[check_cpu,$n]}" "${R[xmllint_cpu,$n]}")" \
		    "$(ratio "${R[dump_cpu,$n]}" "${R[w3m_cpu,$n]}")" \
		    "$(ratio "${R[dump_cpu,$n]}" "${R[lynx_cpu,$n]}")"
	done
	echo
	echo "Peak RSS is the largest of --check, --dump and the reader at its"
	echo "first screen; \"base\" is $(mb "$base_rss") MB, what --check takes on the"
	echo "12 kB default story (the program, its libraries, the schema)."
	echo "Before it reads anything, \`newslens --version\` takes"
	echo "$(mb "$version_rss") MB and \`xmllint --version\` $(mb "$xmllint_version_rss") MB: the pages of the"
	echo "shared libraries that libxml2 brings (ICU, libstdc++, libc), which"
	echo "are shared with every other process using them.  That alone is"
	echo "more than 3 times a file under $(mb "$((version_rss / 3))") MB, so for the smallest"
	echo "story what can be held to 3 times the file is what the story adds"
	echo "to that base: the (peak RSS − base) column."
	echo
	echo "Key presses, CPU per key (ms), drawing included:"
	echo
	echo "| session | $smallest paragraphs | $largest paragraphs | ratio (≤ 2) |"
	echo "|---|---:|---:|---:|"
	k=$(ratio "${R[keys_full,$largest]}" "${R[keys_full,$smallest]}")
	echo "| ${R[nkeys_full]} keys: Tab c ' / $word Enter n Enter q Backspace G g, a resize and back | ${R[keys_full,$smallest]} | ${R[keys_full,$largest]} | $k $(verdict "$k" 2 '<=') |"
	k=$(ratio "${R[keys,$largest]}" "${R[keys,$smallest]}")
	echo "| ${R[nkeys]} keys: the same without the search | ${R[keys,$smallest]} | ${R[keys,$largest]} | $k $(verdict "$k" 2 '<=') |"
	k=$(ratio "${R[search,$largest]}" "${R[search,$smallest]}")
	echo "| ${R[nsearch]} keys: / $word Enter, ten times | ${R[search,$smallest]} | ${R[search,$largest]} | $k |"
	echo
	echo "A search reads only as far as its first match; it also counts"
	echo "the matches, reading the whole story, when the story holds at most"
	echo "a mebibyte of text (the smallest story here, not the largest), so"
	echo "the last row costs more at the smallest size."
	echo
	echo "The same, CPU per key (ms), in the default story and in one"
	echo "paragraph of 20 MB with 10,000 mentions (\`bench/keys.sh"
	echo "long-paragraph\`), searching for huawei:"
	echo
	echo "| session | default story | one 20 MB paragraph | ratio (≤ 2) |"
	echo "|---|---:|---:|---:|"
	for row in "focus:${R[nl_focus]} keys: g Shift-Tab G Tab n" \
	    "nosearch:${R[nl_nosearch]} keys: Tab c ' n Enter q Backspace G g" \
	    "resize:${R[nl_resize]} keys: the same, a resize and back" \
	    "search:${R[nl_search]} keys: / huawei Enter, ten times"; do
		key=${row%%:*}
		a=${R[l_$key,default]}
		b=${R[l_$key,long-paragraph]}
		k=$(ratio "$b" "$a")
		echo "| ${row#*:} | $a | $b | $k $(verdict "$k" 2 '<=') |"
	done
	echo
	echo "A new search folds from the screen to its first match, and a resize"
	echo "rewraps what is seen; the first G at a width wraps the paragraph"
	echo "once (about 30 ms for 20 MB, in the sessions above).  Every other key"
	echo "costs what is on the screen."
	echo
	echo "## Times and sizes"
	echo
	echo "| paragraphs | XML | HTML | text | --check | xmllint | --dump | w3m | lynx | first screen | less |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for n in $sizes; do
		printf '| %d | %s MB | %s MB | %s MB | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms | %s ms |\n' \
		    "$n" "$(mb "${R[xml,$n]}")" "$(mb "${R[html,$n]}")" \
		    "$(mb "${R[txt,$n]}")" "$(ms "${R[check,$n]}")" \
		    "$(ms "${R[xmllint,$n]}")" "$(ms "${R[dump,$n]}")" \
		    "$(ms "${R[w3m,$n]}")" "$(ms "${R[lynx,$n]}")" \
		    "$(ms "${R[first,$n]}")" "$(ms "${R[first_less,$n]}")"
	done
	echo
	echo "Peak memory (maximum RSS), MB:"
	echo
	echo "| paragraphs | XML file | --check | --dump | reader | xmllint | w3m | lynx |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
	for n in $sizes; do
		printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$n" \
		    "$(mb "${R[xml,$n]}")" "$(mb "${R[rss_check,$n]}")" \
		    "$(mb "${R[rss_dump,$n]}")" "$(mb "${R[rss_reader,$n]}")" \
		    "$(mb "${R[rss_xmllint,$n]}")" "$(mb "${R[rss_w3m,$n]}")" \
		    "$(mb "${R[rss_lynx,$n]}")"
	done
} > "$results.tmp"
# bench/shapes.sh's section, which this run does not measure, stays.
if [ -f "$results" ] && grep -q '^## Memory by the shape of the story' "$results"; then
	echo >> "$results.tmp"
	sed -n '/^## Memory by the shape of the story/,$p' "$results" >> "$results.tmp"
fi
mv "$results.tmp" "$results"
say "wrote $results"
cat "$results"
