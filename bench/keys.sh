#!/usr/bin/env bash
# keys.sh [STORY] [ROUNDS] - the CPU cost of a key press in the reader.
#
# Runs newslens in a private tmux server at 80x24, waits for its first
# screen, then types ROUNDS rounds of a fixed mix of keys and resizes
# and ends with "?", whose help screen shows that every key before it
# has been handled.  The CPU time the reader spent between its first
# screen and the help screen (from /proc/PID/schedstat, in
# nanoseconds; loading the story is not in it), divided by the keys
# and resizes typed, is the cost of one key press, drawing included.
# Prints one line: keys, seconds, ms per key.
#
# STORY "long-paragraph" is generated: one paragraph of 20 MB with
# 10,000 mentions of Huawei, where a key that walks the items of the
# paragraph or folds it whole shows at once.
#
# Environment:
#   NEWSLENS     the program (default: src/newslens of this tree)
#   KEYS_SEARCH  the word searched for (default: huawei); every hit must
#                lie inside an item, since Enter on the hit opens a card
#                that q then closes
#   KEYS_MIX     full (default): Tab c ' / WORD Enter n Enter q
#                  Backspace G g, then a resize to 79 columns and back;
#                nosearch: the same without "/ WORD Enter" (one search
#                  is made before the clock starts, for n to step on);
#                search: only "/ WORD Enter";
#                focus: g Shift-Tab G Tab n (one search made before).
#   KEYS_RESIZE  yes (default): each round of full and nosearch ends with
#                a resize to 79 columns and back; no: without it.
set -eu
cd "$(dirname "$0")/.."
story=${1:-}
rounds=${2:-100}
prog=${NEWSLENS:-$PWD/src/newslens}
word=${KEYS_SEARCH:-huawei}
mix=${KEYS_MIX:-full}
resize=${KEYS_RESIZE:-yes}
sock=newslens-bench-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
out=$(mktemp -d)
trap 'tm kill-server 2>/dev/null || true; rm -rf "$out"' EXIT

# long_paragraph FILE: the generated story.
long_paragraph() {
	awk 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<story version=\"1\"><head><headline>One long paragraph</headline></head>"
		print "<actors><actor id=\"h\" kind=\"company\"><name>Huawei</name></actor></actors>"
		printf "<body><p>"
		for (j = 0; j < 110; j++)
			f = f "lorem ipsum dolor "
		for (i = 0; i < 10000; i++)
			printf "%s<mention actor=\"h\">Huawei</mention> ", f
		print "</p></body></story>"
	}' > "$1"
}
if [ "$story" = long-paragraph ]; then
	story=$out/long-paragraph.xml
	long_paragraph "$story"
fi

# The word as separate keys for send-keys.
letters=()
for ((i = 0; i < ${#word}; i++)); do
	letters+=("${word:i:1}")
done

die() {
	echo "keys.sh: $*" >&2
	tm capture-pane -p -t b >&2 2>/dev/null || true
	exit 1
}

# wait_for TEXT SECONDS: poll the screen until it shows TEXT.
wait_for() {
	local n=$(($2 * 50))
	while ((n-- > 0)); do
		tm capture-pane -p -t b 2>/dev/null | grep -qF -- "$1" && return 0
		[ -d "/proc/$pid" ] || die "the reader exited before showing '$1'"
		sleep 0.02
	done
	die "timed out waiting for '$1'"
}

cpu_ns() {
	local ns
	read -r ns _ < "/proc/$pid/schedstat" || die "the reader has gone"
	echo "$ns"
}

tm new-session -d -x 80 -y 24 -s b \
    "echo \$\$ > $out/pid; exec env LANG=C.UTF-8 TERM=screen-256color $prog $story"
tm set -g remain-on-exit off
for _ in $(seq 100); do
	[ -s "$out/pid" ] && break
	sleep 0.02
done
pid=$(cat "$out/pid")
wait_for 'q quit' 120

search_keys=(/ "${letters[@]}" Enter)
case $mix in
full)
	round=(Tab c "'" "${search_keys[@]}" n Enter q BSpace G g) ;;
nosearch)
	tm send-keys -t b "${search_keys[@]}"
	wait_for 'match ' 120
	round=(Tab c "'" n Enter q BSpace G g) ;;
search)
	round=("${search_keys[@]}") ;;
focus)
	tm send-keys -t b "${search_keys[@]}"
	wait_for 'match ' 120
	round=(g BTab G Tab n) ;;
*)
	die "KEYS_MIX is full, nosearch, search or focus, not '$mix'" ;;
esac

start=$(cpu_ns)
keys=0
for _ in $(seq "$rounds"); do
	tm send-keys -t b "${round[@]}"
	keys=$((keys + ${#round[@]}))
	if [ "$mix" != search ] && [ "$mix" != focus ] &&
	    [ "$resize" = yes ]; then
		tm resize-window -t b -x 79 -y 24
		tm resize-window -t b -x 80 -y 24
		keys=$((keys + 2))
	fi
done
tm send-keys -t b '?'
keys=$((keys + 1))
wait_for 'newslens keys' 600
end=$(cpu_ns)
tm send-keys -t b q q

awk -v ns="$((end - start))" -v k="$keys" 'BEGIN {
	printf "%d key presses, %.3f s CPU, %.3f ms per key\n", k, ns / 1e9,
	    ns / 1e6 / k
}'
