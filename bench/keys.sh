#!/usr/bin/env bash
# keys.sh [STORY] [ROUNDS] - the CPU cost of a key press in the reader.
#
# Runs src/newslens in a private tmux server at 80x24 under
# /usr/bin/time, types ROUNDS rounds of a fixed mix of keys (Tab, c, ',
# a search, n, Enter on a card and q, Backspace, G, g, a resize), then
# q.  A second run types only q.  The difference in user+system CPU
# time, divided by the keys typed, is the cost of one key press,
# drawing included.  Prints one line: keys, seconds, ms per key.
set -eu
cd "$(dirname "$0")/.."
story=${1:-}
rounds=${2:-100}
prog=$PWD/src/newslens
sock=newslens-bench-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null || true' EXIT
out=$(mktemp -d)

# One run: $1 = rounds of keys; writes "user sys" to $out/time.$1.
run() {
	tm kill-server 2>/dev/null || true
	tm new-session -d -x 80 -y 24 -s b \
	    "env LANG=C.UTF-8 TERM=screen-256color /usr/bin/time -f '%U %S' -o $out/time.$1 $prog $story; touch $out/done.$1"
	tm set -g remain-on-exit off
	# Wait for the first screen.
	for _ in $(seq 200); do
		tm capture-pane -p -t b 2>/dev/null | grep -q 'q quit' && break
		sleep 0.05
	done
	for _ in $(seq "$1"); do
		tm send-keys -t b Tab c "'" / h u a w e i Enter n Enter q BSpace G g
		tm resize-window -t b -x 79 -y 24
		tm resize-window -t b -x 80 -y 24
	done
	tm send-keys -t b q
	for _ in $(seq 1200); do
		[ -e "$out/done.$1" ] && break
		sleep 0.05
	done
}

run 0
run "$rounds"
read -r u0 s0 < "$out/time.0"
read -r u1 s1 < "$out/time.$rounds"
# 16 keys and 2 resizes a round.
keys=$((rounds * 18))
awk -v u0="$u0" -v s0="$s0" -v u1="$u1" -v s1="$s1" -v k="$keys" 'BEGIN {
	cpu = (u1 + s1) - (u0 + s0)
	printf "%d key presses, %.3f s CPU, %.3f ms per key\n", k, cpu, cpu * 1000 / k
}'
rm -rf "$out"
