#!/usr/bin/env bash
# tests/e2e/hostile.sh - the terminal against hostile stories and hostile
# events, in tmux (see lib.sh): escape sequences in the text do nothing
# but show as placeholders; signals while loading and while reading,
# and a suspend and resume, leave the terminal as it was; a storm of
# resizes and absurd sizes do not crash the reader; hrefs that leave
# the story's folder are not followed; running out of memory restores
# the terminal before it says so.  TAP on standard output.  tests/hostile/README has the whole hostile corpus.

. "$(dirname "$0")/lib.sh"

# OSC 52 (set the clipboard) then lands in tmux's paste buffers, so an
# empty buffer list shows that none got through.
tm set-option -s set-clipboard on >/dev/null

# ---- the stories ---------------------------------------------------------

# XML 1.0 forbids ESC, so every sequence is written with its C1 control
# (CSI U+009B, OSC U+009D, DCS U+0090, ST U+009C) by reference, and once
# more as harmless literal text.
ESCAPES=$TMPD/terminal-escapes.xml
cat > "$ESCAPES" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story version="1" xml:lang="en">
  <head><headline>Terminal escapes stay text</headline></head>
  <actors>
    <actor id="m" kind="person"><name>Mallory &#x9D;52;c;cHduZWQ=&#x9C;</name></actor>
  </actors>
  <body>
    <p>clear &#x9B;2J&#x9B;H end-clear, literal ESC[2J text.</p>
    <p>title &#x9D;0;pwned-title&#x9C; end-title &#x9D;2;pwned-two&#x9C;</p>
    <p>clip &#x9D;52;c;cHduZWQ=&#x9C; end-clip, literal ESC]52;c;cHduZWQ= text.</p>
    <p>link &#x9D;8;;http://evil.example/&#x9C;click&#x9D;8;;&#x9C; end-link</p>
    <p>dcs &#x90;+q544e&#x9C; end-dcs &#x90;tmux;&#x9B;2J&#x9C;</p>
    <p>query &#x9B;6n end-query &#x9B;c end-da</p>
    <p><mention actor="m">Mallory</mention> was here.</p>
  </body>
</story>
EOF

# A story that takes the reader about a second to load, so that a
# signal surely comes while it loads: 200,000 paragraphs, each with a
# mention, a claim and a quote (29 MB).
SLOW=$TMPD/slow.xml
awk 'BEGIN {
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<story version=\"1\"><head><headline>Slow story</headline></head>"
	print "<actors><actor id=\"a\" kind=\"person\"><name>A</name></actor></actors><body>"
	for (i = 0; i < 200000; i++)
		printf "<p><mention actor=\"a\">A</mention> said <claim id=\"c%d\" by=\"a\" about=\"a\"><quote id=\"q%d\" speaker=\"a\">thing %d</quote></claim>.</p>\n", i, i, i
	print "</body></story>"
}' > "$SLOW"

HEADLINE="US officials to hold last-ditch talks with UK over Huawei ban"

# ---- helpers ---------------------------------------------------------------

# prog_pid: the pid of newslens, the child of the wrapping shell in the
# pane (start_wrapped); waits up to 5 seconds for it to start.
prog_pid() {
	local i=0 ppid f pid comm state parent rest
	ppid=$(pane pane_pid)
	while [ "$i" -lt 100 ]; do
		# /proc/PID/stat: pid (comm) state ppid ...
		for f in /proc/[0-9]*/stat; do
			read -r pid comm state parent rest < "$f" 2>/dev/null ||
			    continue
			if [ "$parent" = "$ppid" ] && [ "$comm" = "(newslens)" ]
			then
				echo "$pid"
				return 0
			fi
		done
		sleep 0.05
		i=$((i + 1))
	done
	fail "newslens never started"
	return 1
}

# proc_state PID: R (running), S (sleeping), T (stopped)...
proc_state() {
	awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null
}

buffers_empty() {
	local b
	b=$(tm list-buffers 2>&1)
	if [ -n "$b" ]; then
		fail "tmux has paste buffers (an OSC 52 got through):" "$b"
		return 1
	fi
}

title_is() {
	local title
	title=$(pane pane_title)
	if [ "$title" != "$1" ]; then
		fail "the pane title is \"$title\", not \"$1\""
		return 1
	fi
}

# ---- 1. escape sequences ------------------------------------------------------

# The checks below can fail: a real OSC 52 and a real OSC 2, printed in a
# pane, do set a paste buffer and the title.
test_controls_can_fail() {
	start_sh -T known "printf '\\033]52;c;cHduZWQ=\\007\\033]2;pwned\\033\\\\'; echo printed; sleep 30" ||
	    return 1
	wait_for '^printed' || return 1
	if [ -z "$(tm list-buffers)" ]; then
		fail "a printed OSC 52 made no paste buffer: the test of buffers proves nothing"
		return 1
	fi
	title_is pwned || return 1
	tm delete-buffer >/dev/null 2>&1
	buffers_empty
}

test_escapes_check() {
	local out
	out=$("$NEWSLENS" --check "$ESCAPES" 2>&1) || { diag "$out"; return 1; }
	[ -z "$out" ] || { diag "$out"; return 1; }
}

test_escapes_on_screen() {
	local s
	start -T known -s 90x40 -- "$ESCAPES" || return 1
	wait_for -F "Terminal escapes stay text" || return 1
	for s in "clear <U+009B>2J<U+009B>H end-clear" "literal ESC[2J text" \
	    "<U+009D>0;pwned-title<U+009C> end-title" \
	    "<U+009D>2;pwned-two<U+009C>" \
	    "clip <U+009D>52;c;cHduZWQ=<U+009C> end-clip" \
	    "literal ESC]52;c;cHduZWQ= text" \
	    "<U+009D>8;;http://evil.example/<U+009C>click<U+009D>8;;<U+009C>" \
	    "dcs <U+0090>+q544e<U+009C> end-dcs" \
	    "<U+0090>tmux;<U+009B>2J<U+009C>" \
	    "query <U+009B>6n end-query <U+009B>c end-da"; do
		wait_for -F "$s" 1 || return 1
	done
	# Nothing cleared the screen, set the title or the clipboard.
	wait_for -F "Terminal escapes stay text" 0 || return 1
	title_is known && buffers_empty || return 1
	# Nothing answered CSI 6n or CSI c with keys of its own: no key
	# reached the reader, whose status line would complain.
	hold_alive 0.3 || return 1
	if screen | grep -q "no key bound"; then
		fail "keys arrived that nobody typed (a reply to CSI 6n?)"
		return 1
	fi
	# Through the status line and the actor's card too.
	keys Tab
	wait_for -F "Mallory <U+009D>52;c;cHduZWQ=<U+009C>" || return 1
	keys Enter
	wait_for "Actor: Mallory <U\\+009D>52" || return 1
	title_is known && buffers_empty || return 1
	keys q
	wait_for -F "Terminal escapes stay text" && alive
}

# The same through --dump, printed raw into the pane.
test_escapes_dump() {
	# shellcheck disable=SC2016 # for the shell in the pane
	start_sh -T known '"$NEWSLENS" --dump "$1"; echo dumped; sleep 30' sh \
	    "$ESCAPES" || return 1
	wait_for '^dumped' || return 1
	wait_for -F "<U+009D>52;c;cHduZWQ=<U+009C>" 0 &&
	    wait_for -F "Terminal escapes stay text" 0 || return 1
	title_is known && buffers_empty
}

# A file name with escapes in it, which = shows on the status line.
test_escapes_file_name() {
	local f
	f="$TMPD/$(printf 'evil\033]2;pwned\007\033[2Jname.xml')"
	cp "$ESCAPES" "$f" || return 1
	start -T known -- "$f" || return 1
	wait_for -F "Terminal escapes stay text" || return 1
	keys =
	wait_for -F "]2;pwned" || return 1
	wait_for -F "[2Jname.xml: paragraphs 1-" 0 || return 1
	wait_for -F "Terminal escapes stay text" 0 || return 1
	title_is known
}

# ---- 2. signals ----------------------------------------------------------------

# signal_reading SIG STATUS: the signal while the article is on the
# screen: the program dies of it (exit status 128 + N, as the shell sees
# it) with the terminal restored.
signal_reading() {
	local pid
	start_wrapped || return 1
	wait_for -F "$HEADLINE" || return 1
	pid=$(prog_pid) || return 1
	kill -s "$1" "$pid"
	restored "$2"
}

# signal_loading SIG STATUS: the signal while the slow story is still
# being loaded, before anything is drawn.
signal_loading() {
	local pid state
	start_wrapped -- "$SLOW" || return 1
	pid=$(prog_pid) || return 1
	state=$(proc_state "$pid")
	if [ "$state" != R ] || screen | grep -qF "Slow story"; then
		fail "not loading any more (state $state) when the signal was due"
		return 1
	fi
	kill -s "$1" "$pid"
	restored "$2" || return 1
	if screen | grep -qF "Slow story"; then
		fail "the story was drawn"
		return 1
	fi
}

# The slow story does load, and quits normally: the cases above are
# about loading, not about a story that cannot be read.
test_slow_story_loads() {
	start_wrapped -- "$SLOW" || return 1
	wait_for -F "Slow story" 30 || return 1
	keys q
	restored 0
}

# SIGTSTP, then SIGCONT, as Ctrl-Z and fg at a prompt: in a shell with
# job control (set -m) newslens runs as a foreground job of its own, so
# SIGTSTP stops it (in the orphaned process group of a plain sh -c the
# kernel would discard it), the shell gets the terminal back and saves
# its modes, and fg continues the job with SIGCONT.  While it is stopped
# the terminal must be as it was: the same modes, the main screen, the
# cursor visible; after, the reader is back, redrawn, and quits cleanly.
test_suspend_resume() {
	local pid
	rm -f "$TMPD/before" "$TMPD/stopped" "$TMPD/after" "$TMPD/rc"
	# shellcheck disable=SC2016 # for the shell in the pane
	start_sh 'set -m; stty -g > before; "$NEWSLENS"; echo "stopped: $?"
	     stty -g > stopped; echo "newslens stopped"; read x; fg
	     echo $? > rc; stty -g > after; echo "newslens exited"; read x
	     exit "$(cat rc)"' || return 1
	wait_for -F "$HEADLINE" || return 1
	pid=$(prog_pid) || return 1
	kill -s TSTP "$pid"
	wait_for '^newslens stopped' || return 1
	if [ "$(proc_state "$pid")" != T ]; then
		fail "newslens is not stopped (state $(proc_state "$pid"))"
		return 1
	fi
	if ! cmp -s "$TMPD/before" "$TMPD/stopped"; then
		fail "stty -g before:        $(cat "$TMPD/before")" \
		    "stty -g while stopped: $(cat "$TMPD/stopped")"
		return 1
	fi
	if [ "$(pane alternate_on)" != 0 ] || [ "$(pane cursor_flag)" != 1 ]; then
		fail "while stopped: alternate screen $(pane alternate_on)," \
		    "cursor visible $(pane cursor_flag)"
		return 1
	fi
	keys Enter
	wait_for -F "$HEADLINE" || return 1
	if [ "$(pane alternate_on)" != 1 ]; then
		fail "resumed, but not on the alternate screen"
		return 1
	fi
	keys Tab
	wait_for 'Claim [^ ]+, 1 of|Mention 1 of' || return 1
	keys q
	restored 0
}

# ---- 3. sizes ----------------------------------------------------------------------

# 200 resizes as fast as tmux takes them (about a second), through
# 1x1, 2x300, 300x2 and ordinary sizes, with a key now and then; the
# reader survives and is whole at 80x24.
test_resize_storm() {
	local i sizes=(1x1 2x300 300x2 80x24 20x6 200x60 7x3 100x40 1x50 50x1)
	local start_s end_s s
	start_wrapped || return 1
	wait_for -F "$HEADLINE" || return 1
	start_s=$(date +%s.%N)
	for ((i = 0; i < 200; i++)); do
		s=${sizes[i % ${#sizes[@]}]}
		tm resize-window -t "$WINDOW" -x "${s%x*}" -y "${s#*x}"
		if ((i % 40 == 39)); then
			keys Tab
		fi
	done
	end_s=$(date +%s.%N)
	diag "200 resizes in $(awk -v a="$start_s" -v b="$end_s" 'BEGIN { printf "%.2f", b - a }') s"
	hold_alive 0.3 || return 1
	resize 80 24
	wait_for -F "$HEADLINE" || { keys g; wait_for -F "$HEADLINE"; } ||
	    return 1
	wait_gone "too small" || return 1
	keys q
	restored 0
}

# sized W H: started at WxH, the reader stays alive, and is whole again
# at 80x24.
sized() {
	start_wrapped -s "$1x$2" || return 1
	hold_alive 0.5 || return 1
	keys Tab j
	hold_alive 0.3 || return 1
	resize 80 24
	wait_for -F "$HEADLINE" || return 1
	keys q
	restored 0
}

test_size_1x1() {
	sized 1 1
}

test_size_2x300() {
	sized 2 300
}

test_size_300x2() {
	sized 300 2
}

# ---- hrefs that leave the story's folder ----------------------------------

# A story in $TMPD/deep/a/b whose "Read more" items name /etc/passwd,
# ../../../../etc/passwd and a link beside it that leads there: each card
# says "not followed", and (under strace, when installed) no system call
# but readlink on the link itself names the target.
HREFDIR=$TMPD/deep/a/b
mkdir -p "$HREFDIR"
ln -s /etc/passwd "$HREFDIR/evil.xml"
cat > "$HREFDIR/hrefs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story version="1" xml:lang="en">
  <head><headline>Hrefs that leave the folder</headline></head>
  <body>
    <p>Three links out.</p>
    <related id="r1" href="/etc/passwd">Absolute</related>
    <related id="r2" href="../../../../etc/passwd">Climbing</related>
    <related id="r3" href="evil.xml">Through a link</related>
  </body>
</story>
EOF

# card_not_followed N HREF: the card of "Read more" N says HREF is not
# followed, and Enter on it opens nothing.
card_not_followed() {
	keys r
	wait_for -F "Read more r$1, $1 of 3" || return 1
	keys Enter
	wait_for "^ Read more r$1\$" || return 1
	wait_for -F "Story file $2: not followed: outside the story's folder" ||
	    return 1
	if screen | grep -q "Open the story"; then
		fail "the card offers to open $2"
		return 1
	fi
	keys j j j Enter
	wait_for "^ Read more r$1\$" || return 1
	keys q
	wait_gone "^ Read more r$1\$" || return 1
}

test_hrefs_not_followed() {
	local log=$TMPD/href-strace.log strace asan=${ASAN_OPTIONS:-}
	strace=$(command -v strace)
	rm -f "$log"
	if [ -n "$strace" ]; then
		# LeakSanitizer cannot run under ptrace.
		start_sh -s 100x24 -e "ASAN_OPTIONS=${asan:+$asan:}detect_leaks=0" \
		    '"$1" -f -qq -e trace=%file -o "$2" "$NEWSLENS" "$3"' sh "$strace" "$log" \
		    "$HREFDIR/hrefs.xml" || return 1
	else
		start -s 100x24 -- "$HREFDIR/hrefs.xml" || return 1
	fi
	wait_for -F "Hrefs that leave the folder" || return 1
	card_not_followed 1 /etc/passwd || return 1
	card_not_followed 2 ../../../../etc/passwd || return 1
	card_not_followed 3 evil.xml || return 1
	wait_for -F "Hrefs that leave the folder" || return 1
	keys q
	wait_dead || return 1
	if [ -z "$strace" ]; then
		diag "strace is not installed: the system calls are not checked"
		return 0
	fi
	if ! grep -q 'hrefs\.xml' "$log"; then
		fail "strace logged nothing of the story: is it working?"
		return 1
	fi
	if grep -v 'readlink' "$log" | grep -q 'etc/passwd'; then
		fail "a system call touched /etc/passwd:" \
		    "$(grep -v 'readlink' "$log" | grep 'etc/passwd')"
		return 1
	fi
}

# ---- out of memory in the reader ------------------------------------------

# A story whose "Read more" item names a 512 MiB file beside it (sparse:
# NUL bytes that take no disk); with --max-size=1G the reader reads it
# whole to say what is wrong with it, and under ulimit -v that
# allocation fails: newslens dies with "out of memory", status 1, and
# the terminal restored first.
OOMDIR=$TMPD/oom
mkdir -p "$OOMDIR"
truncate -s 512M "$OOMDIR/huge.xml"
cat > "$OOMDIR/oom.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<story version="1" xml:lang="en">
  <head><headline>Out of memory while reading</headline></head>
  <body>
    <p>The next story is too big for the memory left.</p>
    <related id="r1" href="huge.xml">A huge story</related>
  </body>
</story>
EOF

# The address space the reader may take: enough to start and draw,
# far too little for the 512 MiB it will ask for.
OOM_LIMIT_KB=$((400 * 1024))

test_out_of_memory_restores() {
	if grep -q __asan_init "$NEWSLENS" 2>/dev/null; then
		diag "skipped: AddressSanitizer reserves more than ulimit -v allows"
		return 0
	fi
	rm -f "$TMPD/before" "$TMPD/after" "$TMPD/rc"
	# start_wrapped, with the limit set in a subshell around the program.
	# shellcheck disable=SC2016 # for the shell in the pane
	start_sh 'stty -g > before
	    (ulimit -v "$1" && exec "$NEWSLENS" --max-size=1G "$2")
	    echo $? > rc; stty -g > after; echo "newslens exited"; read x
	    exit "$(cat rc)"' sh "$OOM_LIMIT_KB" "$OOMDIR/oom.xml" || return 1
	wait_for -F "Out of memory while reading" || return 1
	keys r
	wait_for 'Read more [^ ]+, 1 of 1' || return 1
	keys Enter
	wait_for -F "Open the story: huge.xml" || return 1
	keys Enter
	restored 1 || return 1
	if ! screen | grep -qx "newslens: out of memory"; then
		fail "no \"newslens: out of memory\" line on the restored screen"
		return 1
	fi
	keys Enter
}

# A member-of chain of 200,000 actors (16 MB), each a member of the one
# before: the actors view under `ulimit -s 1024` (it recursed once per
# level and overflowed the stack, leaving the terminal raw), then q, q.
test_member_of_chain() {
	local chain=$TMPD/chain.xml
	awk 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<story version=\"1\"><head><headline>A long chain</headline></head><actors>"
		print "<actor id=\"a0\" kind=\"group\"><name>A0</name></actor>"
		for (i = 1; i < 200000; i++)
			printf "<actor id=\"a%d\" kind=\"group\" member-of=\"a%d\"><name>A%d</name></actor>\n", i, i - 1, i
		print "</actors><body><p><mention actor=\"a199999\">the last</mention>.</p></body></story>"
	}' > "$chain"
	rm -f "$TMPD/before" "$TMPD/after" "$TMPD/rc"
	# shellcheck disable=SC2016 # for the shell in the pane
	start_sh 'ulimit -s 1024 || exit 9; stty -g > before
	     "$NEWSLENS" "$1"; echo $? > rc
	     stty -g > after; echo "newslens exited"; read x; exit "$(cat rc)"' \
	    sh "$chain" || return 1
	wait_for -F "A long chain" 20 || return 1
	keys a
	wait_for -F "A0 (group) 1" 20 || return 1
	keys G
	wait_for -F "A199999 (group) 1" 20 || return 1
	keys q
	wait_for -F "A long chain" || return 1
	keys q
	restored 0 || return 1
	keys Enter
}

t "the checks can fail: a printed OSC 52 and OSC 2 do land" \
    test_controls_can_fail
t "the escapes story is valid" test_escapes_check
t "ESC[2J, OSC 0/2/52/8, DCS, CSI 6n: placeholders, no effect" \
    test_escapes_on_screen
t "the same through --dump: placeholders, no title, no clipboard" \
    test_escapes_dump
t "escapes in the file name, shown by =: placeholders, no title" \
    test_escapes_file_name
t "SIGINT while reading: status 130, terminal restored" \
    signal_reading INT 130
t "SIGTERM while reading: status 143, terminal restored" \
    signal_reading TERM 143
t "SIGHUP while reading: status 129, terminal restored" \
    signal_reading HUP 129
t "SIGINT while loading: status 130, nothing drawn, terminal as it was" \
    signal_loading INT 130
t "SIGTERM while loading: status 143, terminal as it was" \
    signal_loading TERM 143
t "SIGHUP while loading: status 129, terminal as it was" \
    signal_loading HUP 129
t "the slow story does load and quit" test_slow_story_loads
t "SIGTSTP, then fg (SIGCONT): terminal restored while stopped, reader back after" \
    test_suspend_resume
t "a member-of chain of 200,000 actors: the actors view under ulimit -s 1024" \
    test_member_of_chain
t "a storm of 200 resizes, down to 1x1 and 2x300: no crash" \
    test_resize_storm
t "started at 1x1: alive, whole again at 80x24" test_size_1x1
t "started at 2x300: alive, whole again at 80x24" test_size_2x300
t "started at 300x2: alive, whole again at 80x24" test_size_300x2
t "hrefs out of the story's folder (absolute, .., a link): not followed, nothing opened" \
    test_hrefs_not_followed
t "out of memory in the reader: status 1, \"out of memory\", terminal restored" \
    test_out_of_memory_restores
done_testing
