# tests/e2e/lib.sh - drives the real newslens in a private tmux server,
# the way fzf tests its screen: start the program in a pane of a fixed
# size, send keys, and poll the screen (every 50 ms, up to a few
# seconds) until it shows what a person would see; on a timeout, print
# the whole screen as TAP diagnostics.  Sourced by bash test scripts,
# which write TAP for automake's tap-driver.
#
# Environment (exported by AM_TESTS_ENVIRONMENT; defaults for running a
# script by hand from the source tree): NEWSLENS, TESTDIR, DATADIR.
#
# The API:
#   start [-s WxH] [-e VAR=VALUE]... [-T TITLE] [--] ARGS...
#                     kill the last test's window and run "newslens ARGS"
#                     in a new one, of size WxH (80x24), in an explicit
#                     environment (env -i) plus the VAR=VALUE overrides;
#                     -T sets the pane title first.
#   start_sh [-s WxH] [-e VAR=VALUE]... SCRIPT [ARGS...]
#                     the same for "sh -c SCRIPT ARGS", run in $TMPD.
#   start_wrapped [-s WxH] [-e VAR=VALUE]... [--] ARGS...
#                     newslens run from a shell that saves "stty -g" and
#                     the exit status; then restored STATUS checks that it
#                     exited with STATUS and left the terminal as it was.
#   screen, screen_e, screen_all
#                     the pane as text; with attributes (capture-pane -e);
#                     with the scrollback.
#   wait_for [-F] [-q] PATTERN [SECONDS]
#                     poll until the screen matches (grep -E, or -F for a
#                     fixed string); 1 on timeout or if the program exited
#                     first, with the screen as diagnostics (-q: quietly).
#   wait_gone [-F] [-q] PATTERN [SECONDS]   until it no longer matches.
#   keys KEY...       tmux send-keys (key names: Tab BTab Enter BSpace ...)
#   text STRING       send-keys -l: the string as literal text.
#   resize W H        resize the window (tmux 3.3 then keeps that size).
#   pane FORMAT       a tmux format of the pane, e.g. pane pane_dead.
#   dead, alive, wait_dead [SECONDS], exit_status, hold_alive SECONDS
#   focus             "Claim c1, 1 of 17", "Mention 3 of 44": the focus.
#   fail MESSAGE      a diagnostic and the screen; returns 1.
#   diag LINE...      "# " diagnostics, printed after the test's TAP line.
#   t NAME COMMAND... run a test function: "ok N - NAME" or "not ok".
#   done_testing      print the plan "1..N".
#   item N, item_who N, count KIND
#                     what the status line says of item N of the default
#                     story, numbered as --dump numbers it ("Claim c1, 1
#                     of 17", "Mention 3 of 44: Huawei"); how many of a kind.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${NEWSLENS:=$E2E_DIR/../../src/newslens}"
: "${TESTDIR:=$E2E_DIR/..}"
: "${DATADIR:=$E2E_DIR/../../data}"
export NEWSLENS TESTDIR DATADIR

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux not installed"
	exit 0
fi
if ! locale -a 2>/dev/null | grep -Eqi '^c\.utf-?8$'; then
	echo "1..0 # SKIP the C.UTF-8 locale is not installed"
	exit 0
fi
if [ ! -x "$NEWSLENS" ]; then
	echo "Bail out! $NEWSLENS is not an executable program (make first)"
	exit 1
fi

unset TMUX TMUX_PANE
TMUX_SOCKET=newslens-test-$$
TMUX_SOCKET_PATH=
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/newslens-e2e.XXXXXX")
DIAG_FILE=$TMPD/diag
: > "$DIAG_FILE"
T_NUM=0
PANE=
WINDOW=
W=80
H=24

tm() {
	tmux -L "$TMUX_SOCKET" -f /dev/null "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	# tmux 3.3a leaves its socket behind after kill-server.
	if [ -n "$TMUX_SOCKET_PATH" ] && [ -S "$TMUX_SOCKET_PATH" ]; then
		rm -f "$TMUX_SOCKET_PATH"
	fi
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server, with a placeholder window that keeps the session alive
# while test windows come and go.  No "set -g window-size manual": tmux
# 3.3a crashes in new-window with it when no client is attached;
# resize-window sets it on each window instead, which is what we need.
if ! tm new-session -d -s e2e -x 80 -y 24 cat; then
	echo "Bail out! cannot start a tmux server"
	exit 1
fi
TMUX_SOCKET_PATH=$(tm display-message -p '#{socket_path}')
tm set-option -g status off >/dev/null
tm set-option -g remain-on-exit on >/dev/null
tm set-option -g history-limit 5000 >/dev/null

# The environment every program starts in: nothing inherited but HOME and
# PATH (and the sanitizers' options, for sanitizer builds).
BASE_ENV=(HOME="${HOME:-/tmp}" PATH="$PATH" TERM=screen-256color
	LANG=C.UTF-8 LC_ALL=C.UTF-8)
# No configuration file of the person running the tests applies.
BASE_ENV+=(XDG_CONFIG_HOME="$TMPD/no-config")
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS MSAN_OPTIONS; do
	if [ -n "${!v+x}" ]; then
		BASE_ENV+=("$v=${!v}")
	fi
done

# ---- TAP -----------------------------------------------------------------

diag() {
	local line
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /' >> "$DIAG_FILE"
	done
}

ok() {
	T_NUM=$((T_NUM + 1))
	echo "ok $T_NUM - $*"
	: > "$DIAG_FILE"
}

not_ok() {
	T_NUM=$((T_NUM + 1))
	echo "not ok $T_NUM - $*"
	cat "$DIAG_FILE"
	: > "$DIAG_FILE"
}

# t NAME COMMAND [ARGS...]: one TAP line for one test function.
t() {
	local name=$1
	shift
	: > "$DIAG_FILE"
	if "$@"; then
		ok "$name"
	else
		not_ok "$name"
	fi
}

done_testing() {
	echo "1..$T_NUM"
}

# ---- the program in a pane -----------------------------------------------

# new_window WxH TITLE: a fresh window of that size holding a placeholder
# that respawn-pane then replaces, so that the program starts at the
# right size and after the title is set.
new_window() {
	local size=$1 title=$2 ids
	if [ -n "$WINDOW" ]; then
		tm kill-window -t "$WINDOW" >/dev/null 2>&1
	fi
	ids=$(tm new-window -d -P -F '#{window_id} #{pane_id}' cat) || return 1
	WINDOW=${ids% *}
	PANE=${ids#* }
	W=${size%x*}
	H=${size#*x}
	tm resize-window -t "$WINDOW" -x "$W" -y "$H" || return 1
	if [ -n "$title" ]; then
		tm select-pane -t "$PANE" -T "$title"
	fi
}

# parse_start_options "$@": sets START_SIZE, START_ENV, START_TITLE and
# START_SHIFT (the number of words it used).
parse_start_options() {
	START_SIZE=80x24
	START_ENV=()
	START_TITLE=
	START_SHIFT=0
	while [ $# -gt 0 ]; do
		case $1 in
		-s) START_SIZE=$2; shift 2; START_SHIFT=$((START_SHIFT + 2)) ;;
		-e) START_ENV+=("$2"); shift 2; START_SHIFT=$((START_SHIFT + 2)) ;;
		-T) START_TITLE=$2; shift 2; START_SHIFT=$((START_SHIFT + 2)) ;;
		--) START_SHIFT=$((START_SHIFT + 1)); break ;;
		*) break ;;
		esac
	done
}

start() {
	parse_start_options "$@"
	shift "$START_SHIFT"
	new_window "$START_SIZE" "$START_TITLE" || return 1
	tm respawn-pane -k -t "$PANE" -c "$TMPD" -- \
	    env -i "${BASE_ENV[@]}" "${START_ENV[@]}" "$NEWSLENS" "$@"
}

start_sh() {
	parse_start_options "$@"
	shift "$START_SHIFT"
	new_window "$START_SIZE" "$START_TITLE" || return 1
	tm respawn-pane -k -t "$PANE" -c "$TMPD" -- \
	    env -i "${BASE_ENV[@]}" "${START_ENV[@]}" NEWSLENS="$NEWSLENS" \
	    sh -c "$@"
}

# start_wrapped [-s WxH] [-e VAR=VALUE]... [--] ARGS...: "newslens ARGS"
# run from a shell in the pane, which saves "stty -g" before and after in
# $TMPD/before and $TMPD/after, the exit status in $TMPD/rc, then prints
# "newslens exited" and waits for Enter before it exits with that status.
# A dead pane's cursor and modes are tmux's, not the program's: check
# them with restored while the shell still runs.
start_wrapped() {
	parse_start_options "$@"
	shift "$START_SHIFT"
	local e
	local -a opts=(-s "$START_SIZE")
	for e in "${START_ENV[@]}"; do
		opts+=(-e "$e")
	done
	rm -f "$TMPD/before" "$TMPD/after" "$TMPD/rc"
	# shellcheck disable=SC2016 # for the shell in the pane
	start_sh "${opts[@]}" \
	    'stty -g > before; "$NEWSLENS" "$@"; echo $? > rc
	     stty -g > after; echo "newslens exited"; read x; exit "$(cat rc)"' \
	    sh "$@"
}

# restored STATUS: after start_wrapped, the program has exited with STATUS
# and left the terminal as it found it: the same tty modes, the main
# screen, the cursor visible.
restored() {
	local want=$1 rc
	wait_for '^newslens exited' || return 1
	rc=$(cat "$TMPD/rc")
	if [ "$rc" != "$want" ]; then
		fail "exit status $rc, not $want"
		return 1
	fi
	if ! cmp -s "$TMPD/before" "$TMPD/after"; then
		fail "stty -g before: $(cat "$TMPD/before")" \
		    "stty -g after:  $(cat "$TMPD/after")"
		return 1
	fi
	if [ "$(pane alternate_on)" != 0 ]; then
		fail "the alternate screen is still on"
		return 1
	fi
	if [ "$(pane cursor_flag)" != 1 ]; then
		fail "the cursor is still hidden"
		return 1
	fi
}

screen() {
	tm capture-pane -p -t "$PANE"
}

screen_e() {
	tm capture-pane -p -e -t "$PANE"
}

screen_all() {
	tm capture-pane -p -S - -t "$PANE"
}

pane() {
	tm display-message -p -t "$PANE" "#{$1}"
}

dead() {
	[ "$(pane pane_dead)" = 1 ]
}

show_screen() {
	local size
	size=$(tm display-message -p -t "$PANE" '#{pane_width}x#{pane_height}')
	diag "----- screen ($size) -----"
	screen | sed 's/^/|/' | while IFS= read -r line; do diag "$line"; done
	diag "----- end of screen -----"
	if dead; then
		diag "(the program has exited, status $(exit_status))"
	fi
}

fail() {
	diag "$@"
	show_screen
	return 1
}

alive() {
	if dead; then
		fail "the program died (exit status $(exit_status))"
		return 1
	fi
}

# wait_for [-F] [-q] [-v] PATTERN [SECONDS]; -v: until it does not match.
wait_for() {
	local mode=-E quiet='' invert='' pat timeout n i=0 matched
	while [ $# -gt 0 ]; do
		case $1 in
		-F) mode=-F; shift ;;
		-q) quiet=1; shift ;;
		-v) invert=1; shift ;;
		*) break ;;
		esac
	done
	pat=$1
	timeout=${2:-5}
	n=$(awk -v s="$timeout" 'BEGIN { print int(s * 20 + 0.5) }')
	while :; do
		# Read dead before the screen: a program that draws and exits
		# between the two reads is then judged by its last screen.
		local was_dead=
		dead && was_dead=1
		if screen | grep -q "$mode" -- "$pat"; then
			matched=1
		else
			matched=
		fi
		if [ -z "$invert" ] && [ -n "$matched" ]; then
			return 0
		fi
		if [ -n "$invert" ] && [ -z "$matched" ]; then
			return 0
		fi
		if [ -n "$was_dead" ] || [ "$i" -ge "$n" ]; then
			if [ -z "$quiet" ]; then
				if [ -n "$invert" ]; then
					fail "still on the screen after ${timeout}s: $pat"
				elif [ -n "$was_dead" ]; then
					fail "the program exited before the screen showed: $pat"
				else
					fail "not on the screen after ${timeout}s: $pat"
				fi
			fi
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
}

wait_gone() {
	wait_for -v "$@"
}

# wait_dead [SECONDS]: until the program has exited and tmux has its exit
# status.  pane_dead comes when the terminal closes, pane_dead_status when
# tmux reaps the process on SIGCHLD; tmux 3.3a sometimes misses that
# signal and leaves a zombie, so every quarter second a run-shell child
# makes it reap again.
wait_dead() {
	local timeout=${1:-5} n i=0
	n=$(awk -v s="$timeout" 'BEGIN { print int(s * 20 + 0.5) }')
	while ! dead || [ -z "$(pane pane_dead_status)$(pane pane_dead_signal)" ]
	do
		if [ "$i" -ge "$n" ]; then
			if dead; then
				fail "tmux never got the exit status"
			else
				fail "the program is still running after ${timeout}s"
			fi
			return 1
		fi
		if dead && [ $((i % 5)) = 4 ]; then
			tm run-shell true
		fi
		sleep 0.05
		i=$((i + 1))
	done
}

# exit_status: of the dead program, "signal N" if a signal killed it (or
# nothing if tmux has no status after a second).
exit_status() {
	local i=0 st sig
	while [ "$i" -lt 20 ]; do
		st=$(pane pane_dead_status)
		sig=$(pane pane_dead_signal)
		if [ -n "$sig" ]; then
			echo "signal $sig"
			return
		elif [ -n "$st" ]; then
			echo "$st"
			return
		fi
		if [ $((i % 5)) = 4 ]; then
			tm run-shell true
		fi
		sleep 0.05
		i=$((i + 1))
	done
}

# hold_alive SECONDS: the program stays alive that long.  Only for
# states with nothing definite to wait for on the screen (a 1x1 window).
hold_alive() {
	local n i=0
	n=$(awk -v s="$1" 'BEGIN { print int(s * 20 + 0.5) }')
	while [ "$i" -lt "$n" ]; do
		alive || return 1
		sleep 0.05
		i=$((i + 1))
	done
	alive
}

keys() {
	tm send-keys -t "$PANE" "$@"
}

text() {
	tm send-keys -t "$PANE" -l -- "$1"
}

# mouse BUTTON X Y: a mouse report typed into the pane, in the X10 form
# that TERM=screen-256color's kmous (\E[M) announces: button 0 the left
# one pressed, 3 released, 64 and 65 the wheel up and down; X and Y are
# 0-based and under 94, so that every byte is printable ASCII.
mouse() {
	text "$(printf '\033[M%b%b%b' "\\$(printf %03o $(($1 + 32)))" \
	    "\\$(printf %03o $(($2 + 33)))" "\\$(printf %03o $(($3 + 33)))")"
}

click() {
	mouse 0 "$1" "$2"
	mouse 3 "$1" "$2"
}

# screen_at TEXT: "X Y" of the first place TEXT shows on the screen, in
# characters (not bytes), 0-based.
screen_at() {
	local LC_ALL=C.UTF-8 y=0 line before
	while IFS= read -r line; do
		if [ "${line#*"$1"}" != "$line" ]; then
			before=${line%%"$1"*}
			echo "${#before} $y"
			return 0
		fi
		y=$((y + 1))
	done < <(screen)
	return 1
}

resize() {
	W=$1
	H=$2
	tm resize-window -t "$WINDOW" -x "$1" -y "$2"
}

# focus: "Claim c1, 1 of 17" or "Mention 3 of 44", the focused item, from
# the status line.
focus() {
	screen | grep -Eo 'Mention [0-9]+ of [0-9]+|(Claim|Quote|Read more) [^ ]+, [0-9]+ of [0-9]+' |
	    tail -n 1
}

# ---- what the story says the status line will show ------------------------

# items_from_dump: from "newslens --dump" of the default story, one line
# per item in reading order: number, kind, index within its kind, count of
# its kind, who (actor, speaker or the actors of a "Read more" item), id
# (none for a mention), tab-separated.
items_from_dump() {
	"$NEWSLENS" --dump | awk '
	BEGIN { sec = "body"; OFS = "\t" }
	/^Actors$/ { sec = "actors"; next }
	/^Claims$/ { sec = "claims"; next }
	/^Quotes$/ { sec = "quotes"; next }
	/^Read more$/ { sec = "related"; next }
	function numbers(s, k, w,    n) {
		while (match(s, /\[[0-9]+\]/)) {
			n = substr(s, RSTART + 1, RLENGTH - 2) + 0
			if (k != "") { kind[n] = k; who[n] = w }
			if (n > max) max = n
			s = substr(s, RSTART + RLENGTH)
		}
	}
	# "   [21] c5, by ...": c5.
	function ident(s) {
		s = substr(s, index(s, "] ") + 2)
		return substr(s, 1, index(s, ",") - 1)
	}
	sec == "body" { numbers($0, "", ""); next }
	sec == "actors" {
		if (match($0, /^ *[0-9]+\. /)) {
			rest = substr($0, RLENGTH + 1)
			name = substr(rest, 1, index(rest, " (") - 1)
			numbers(substr(rest, index(rest, "): ")), "Mention", name)
		} else
			numbers($0, "Mention", name)
		next
	}
	sec == "claims" && match($0, /^ *\[[0-9]+\] c[^,]*, /) {
		n = substr($0, index($0, "[") + 1) + 0
		kind[n] = "Claim"; who[n] = ""; id[n] = ident($0)
		next
	}
	sec == "quotes" && match($0, /^ *\[[0-9]+\] q[^,]*, /) {
		n = substr($0, index($0, "[") + 1) + 0
		w = substr($0, RSTART + RLENGTH)
		sub(/ \(paragraph.*/, "", w)
		kind[n] = "Quote"; who[n] = w; id[n] = ident($0)
		next
	}
	sec == "related" && match($0, /^ *\[[0-9]+\] r[^,]*, about /) {
		n = substr($0, index($0, "[") + 1) + 0
		kind[n] = "Read more"; who[n] = substr($0, RSTART + RLENGTH)
		id[n] = ident($0)
		sub(/ \(paragraph.*/, "", who[n])
		next
	}
	END {
		for (n = 1; n <= max; n++) {
			k = (n in kind) ? kind[n] : "?"
			total[k]++
		}
		for (n = 1; n <= max; n++) {
			k = (n in kind) ? kind[n] : "?"
			idx[k]++
			print n, k, idx[k], total[k], who[n], id[n]
		}
	}'
}

ITEMS=$TMPD/items.tsv
items_from_dump > "$ITEMS"

# item N: what the status line calls item N of the default story, as
# --dump numbers it: "Claim c5, 5 of 17" by its id, "Mention 3 of 44";
# item_who N: the same, then ": who".
item() {
	awk -F '\t' -v n="$1" '$1 == n { print $2 " " ($6 == "" ? "" : \
	    $6 ", ") $3 " of " $4 }' "$ITEMS"
}

item_who() {
	echo "$(item "$1"): $(awk -F '\t' -v n="$1" '$1 == n { print $5 }' \
	    "$ITEMS")"
}

# count KIND: how many items of that kind the default story has.
count() {
	awk -F '\t' -v k="$1" '$2 == k { n++ } END { print n + 0 }' "$ITEMS"
}
