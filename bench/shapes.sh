#!/usr/bin/env bash
# shapes.sh - peak memory by the shape of the story (make bench-shapes).
#
#   bash bench/shapes.sh [gen SHAPE MB FILE]
#
# With "gen", writes one valid story of about MB megabytes (MiB) and
# the given shape to FILE (and, for the shape "paragraph", the same
# text as FILE.txt, for --import).  Without arguments, writes each
# shape at $SHAPES_MB (default 50) MiB, measures the peak RSS
# (/usr/bin/time) of --check, --dump and the reader at its first screen
# (VmHWM, in tmux), and of --import of the one-paragraph text, and puts
# the table in bench/RESULTS.md under "## Memory by the shape of the
# story", in place of the one there.
#
# The shapes are what a story can be made of at its most numerous:
#   actors      many actors, a name each (the issue's 900,000 in 50 MB)
#   names       few actors with long names, aliases and notes
#   aliases     actors with 40 aliases each
#   paragraph   one paragraph, 10,000 mentions in it
#   paragraphs  many paragraphs of a few words
#   nesting     many paragraphs, each a claim holding a quote holding
#               a mention: the deepest nesting the format has
#
# Environment: NEWSLENS (default: this tree's), SHAPES (default all of
# them), SHAPES_MB, SHAPES_DIR (default a temporary directory, removed
# at the end), BENCH_RESULTS (default bench/RESULTS.md).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
prog=${NEWSLENS:-$srcdir/src/newslens}
results=${BENCH_RESULTS:-$srcdir/bench/RESULTS.md}
all_shapes="actors names aliases paragraph paragraphs nesting"

head_xml() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n'
	printf '<story version="1" xml:lang="en">\n<head>\n'
	printf '<headline>Shape story %s</headline>\n</head>\n' "$1"
}

# gen SHAPE MB FILE
gen() {
	local shape=$1 bytes=$(($2 * 1048576)) out=$3
	{
		head_xml "$shape"
		awk -v shape="$shape" -v bytes="$bytes" -v txt="$out.txt" '
		function word(i) { return w[i % nw] }
		BEGIN {
			nw = split("the of talks minister network said would " \
			    "security officials decision ban review", w, " ")
			n = 0
			if (shape == "actors") {
				print "<actors>"
				for (i = 1; n < bytes; i++) {
					s = sprintf("<actor id=\"a%d\" kind=\"person\">" \
					    "<name>Person %d</name></actor>", i, i)
					print s; n += length(s) + 1
				}
				print "</actors>\n<body>\n<p>Said by " \
				    "<mention actor=\"a1\">Person 1</mention>.</p>"
			} else if (shape == "names" || shape == "aliases") {
				long = ""
				for (i = 0; i < 200; i++)
					long = long " " word(i * 7)
				print "<actors>"
				for (i = 1; n < bytes; i++) {
					if (shape == "names")
						s = sprintf("<actor id=\"a%d\" kind=\"person\">" \
						    "<name>Name%s %d</name><alias>Alias%s" \
						    "</alias><note>Note%s</note></actor>",
						    i, long, i, long, long)
					else {
						s = sprintf("<actor id=\"a%d\" kind=\"group\">" \
						    "<name>Group %d</name>", i, i)
						for (j = 1; j <= 40; j++)
							s = s sprintf("<alias>G%d.%d</alias>", i, j)
						s = s "</actor>"
					}
					print s; n += length(s) + 1
				}
				print "</actors>\n<body>\n<p>Said by " \
				    "<mention actor=\"a1\">a1</mention>.</p>"
			} else if (shape == "paragraph") {
				print "<actors><actor id=\"a1\" kind=\"person\">" \
				    "<name>Person</name></actor></actors>\n<body>\n<p>"
				# The text for --import: a headline, a blank line
				# and the paragraph on one line, so that it is one
				# paragraph there too (a line of more than 100
				# characters is not taken for hard wrapping).
				print "Shape story paragraph\n" > txt
				every = int(bytes / 60 / 10000) + 1
				for (i = 0; n < bytes; i++) {
					if (i % every == 0 && m < 10000) {
						s = "<mention actor=\"a1\">Person</mention>"
						t = "Person"; m++
					} else
						s = t = word(i)
					printf "%s ", s; printf "%s ", t > txt
					n += length(s) + 1
					if (i % 16 == 15) print ""
				}
				print "</p>"; print "" > txt
			} else if (shape == "paragraphs") {
				print "<body>"
				for (i = 0; n < bytes; i++) {
					s = "<p>" word(i) " " word(i * 3 + 1) ".</p>"
					print s; n += length(s) + 1
				}
			} else if (shape == "nesting") {
				print "<actors><actor id=\"a1\" kind=\"person\">" \
				    "<name>Person</name></actor></actors>\n<body>"
				for (i = 1; n < bytes; i++) {
					s = sprintf("<p><claim id=\"c%d\" by=\"a1\">" \
					    "<quote id=\"q%d\" speaker=\"a1\"><mention " \
					    "actor=\"a1\">he</mention> said</quote>" \
					    "</claim></p>", i, i)
					print s; n += length(s) + 1
				}
			}
			print "</body>\n</story>"
		}'
	} > "$out"
}

if [ "${1:-}" = gen ]; then
	gen "$2" "$3" "$4"
	exit 0
fi

shapes=${SHAPES:-$all_shapes}
mbs=${SHAPES_MB:-50}
missing=""
for t in tmux awk; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
[ -x /usr/bin/time ] || missing="$missing /usr/bin/time"
if [ -n "$missing" ]; then
	echo "shapes: missing:$missing (sh bench/deps.sh installs them)" >&2
	exit 1
fi
if [ -n "${SHAPES_DIR:-}" ]; then
	work=$SHAPES_DIR
	mkdir -p "$work"
else
	work=$(mktemp -d)
fi
sock=newslens-shapes-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	tm kill-server 2>/dev/null || true
	[ -n "${SHAPES_DIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
say() { printf 'shapes: %s\n' "$*" >&2; }

# max_rss CMD...: the peak resident set of CMD, in bytes; "failed" if
# it did not exit 0.
max_rss() {
	if /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/err"
	then
		awk '{ v = $1 } END { print v * 1024 }' "$work/rss"
	else
		echo failed
	fi
}

# reader_hwm FILE HEADLINE: the reader's VmHWM at its first screen.
reader_hwm() {
	local i pid
	rm -f "$work/pid"
	tm new-window -d -t s: -n r \
	    "echo \$\$ > $work/pid; exec env LANG=C.UTF-8 TERM=screen-256color $prog $1"
	for ((i = 0; i < 12000; i++)); do
		tm capture-pane -p -t s:r 2>/dev/null | grep -q "$2" && break
		sleep 0.01
	done
	((i < 12000)) || { echo failed; tm kill-window -t s:r; return; }
	pid=$(cat "$work/pid")
	awk '/^VmHWM/ { print $2 * 1024 }' "/proc/$pid/status"
	tm kill-window -t s:r
}

mb() { awk -v a="$1" 'BEGIN { printf "%.1f", a / 1048576 }'; }
times_of() {
	case $1 in failed) echo failed ;;
	*) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f MB, %.2f ×", a / 1048576, a / b }' ;;
	esac
}

tm new-session -d -x 80 -y 24 -s s 'sleep 100000'
base=$(max_rss "$prog" --check "$srcdir/data/huawei-2020-01-12.xml")
rows=""
for shape in $shapes; do
	f=$work/$shape.xml
	say "$shape: $mbs MiB"
	gen "$shape" "$mbs" "$f"
	size=$(wc -c < "$f")
	c=$(max_rss "$prog" --check "$f")
	d=$(max_rss "$prog" --dump "$f")
	r=$(reader_hwm "$f" "Shape story")
	row="| $shape | $(mb "$size") | $(times_of "$c" "$size") | $(times_of "$d" "$size") | $(times_of "$r" "$size") |"
	if [ -f "$f.txt" ]; then
		tsize=$(wc -c < "$f.txt")
		i=$(max_rss "$prog" --import "$f.txt")
		row="$row $(mb "$tsize") MB: $(times_of "$i" "$tsize") |"
	else
		row="$row |"
	fi
	say "$row"
	rows="$rows$row"$'\n'
done

{
	echo "## Memory by the shape of the story"
	echo
	echo "Written by \`make bench-shapes\` (\`bench/shapes.sh\`) on $(date -u '+%Y-%m-%d %H:%M UTC'):"
	echo "peak RSS, and its ratio to the file, of each shape at $mbs MiB"
	echo "(\`bash bench/shapes.sh gen SHAPE MB FILE\` writes one).  The base,"
	echo "--check of the 12 kB default story, is $(mb "$base") MB."
	echo
	echo "| shape | file (MB) | --check | --dump | reader, first screen | --import of its text |"
	echo "|---|---:|---:|---:|---:|---:|"
	printf '%s' "$rows"
} > "$work/section"
# The file as it was, this section replaced where it stands (up to the
# next "## " heading), or added at the end; the sections after it stay.
: > "$work/res"
[ -f "$results" ] && awk -v sec="$work/section" '
    function put(  l) { while ((getline l < sec) > 0) print l; done = 1 }
    /^## Memory by the shape of the story/ { put(); print ""; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; put() } }' "$results" > "$work/res"
[ -s "$work/res" ] || cat "$work/section" > "$work/res"
cat "$work/res" > "$results"
say "wrote $results"
cat "$work/section"
