#!/usr/bin/env bash
# tests/e2e/edit.sh - annotating in the reader, in tmux (see lib.sh):
# edit mode, the motions and the selection, the keys that mark, undo and
# redo, the command line and its questions, saving and quitting; and the
# recovery journal after kill -9 and SIGHUP.  Every program runs with a
# state folder of its own, so no journal reaches the real one.

. "$(dirname "$0")/lib.sh"

STORY=$DATADIR/huawei-2020-01-12.xml
STATE=$TMPD/state

# edit_start FILE [ARGS...]: the reader on FILE, up on the screen, at
# 120x40, where the status line shows a whole selection.
edit_start() {
	start -s 120x40 -e XDG_STATE_HOME="$STATE" -- "$@" &&
	    wait_for -F "US officials to hold last-ditch talks"
}

# cmd LINE: types a command line and runs it.
cmd() {
	keys :
	wait_for '^:' || return 1
	text "$1"
	keys Enter
}

# The edits that the tests make, by keys only: a mention that creates
# its actor through the question, a quote, a claim, an undo and a redo.
make_edits() {
	keys e
	wait_for -F "EDIT --" || return 1
	# The search puts the cursor on its match; v e e: two words.
	keys / && text "greater clarity" && keys Enter
	wait_for "match " || return 1
	keys v e e
	wait_for -F "selected in paragraph 9: greater clarity" || return 1
	keys m
	wait_for '^:mention$' || return 1
	text newguy && keys Enter
	wait_for -F "no actor 'newguy'" || return 1
	wait_for '^answer:' || return 1
	text "actor add newguy person New Guy" && keys Enter
	wait_for -F "[+] add actor 'newguy'" || return 1
	# A quote: from the cursor, 0 to the paragraph's start, then w
	# three times ("But the firms have"), v and e.
	keys / && text "total ban" && keys Enter
	wait_for "match " || return 1
	keys v e e
	wait_for -F "selected in paragraph 9: total ban" || return 1
	keys "'"
	wait_for '^:quote$' || return 1
	text new && keys Tab
	wait_for '^:quote newguy$' || return 1
	keys Enter
	wait_for -F "quote" || return 1
	# A claim over words that hold two mentions, outside any claim.
	# The match is at the start of the mention "US officials": v
	# selects the mention, and eight e more words.
	keys / && text "US officials have" && keys Enter
	wait_for "match " || return 1
	keys v
	wait_for -F "selected in paragraph 11: US officials" || return 1
	keys e e e e e e e e
	wait_for -F "selected in paragraph 11: US officials have repeatedly \
warned the UK and other allies" || return 1
	keys c
	wait_for '^:claim$' || return 1
	text "by=newguy" && keys Enter
	wait_for -F "add a claim" || return 1
	# u undoes the claim, Ctrl-R makes it again.
	keys u
	wait_for -F "undid" || return 1
	keys C-r
	wait_for -F "redid" || return 1
}

# lists FILE: what --list says of its actors, quotes and claims.
lists() {
	local k
	for k in actors quotes claims; do
		"$NEWSLENS" --list "$k" "$1" || return 1
	done
}

# The body's text without its tags, as one line.
body_text() {
	"$NEWSLENS" --canonical "$1" | sed -n '/<body>/,/<\/body>/p' |
	    sed 's/<[^>]*>//g' | tr -s ' \n' '  '
}

test_annotate_save_quit() {
	local f=$TMPD/annotate.xml added removed
	cp "$STORY" "$f" && chmod u+w "$f"
	edit_start "$f" || return 1
	make_edits || return 1
	cmd w
	wait_for -F "wrote" || return 1
	wait_gone -F "[+]" || return 1
	cmd q
	wait_dead || return 1
	"$NEWSLENS" --check "$f" || { fail "the saved file is not valid"; return 1; }
	# Only those items differ: the lists gain exactly the actor, the
	# quote and the claim; the text is the same; one more mention.
	lists "$STORY" > "$TMPD/before.lists"
	lists "$f" > "$TMPD/after.lists"
	added=$(diff "$TMPD/before.lists" "$TMPD/after.lists" | grep -c '^>')
	removed=$(diff "$TMPD/before.lists" "$TMPD/after.lists" | grep -c '^<')
	if [ "$added" != 3 ] || [ "$removed" != 0 ]; then
		fail "the lists changed by +$added -$removed, not +3 -0:" \
		    "$(diff "$TMPD/before.lists" "$TMPD/after.lists")"
		return 1
	fi
	diff "$TMPD/before.lists" "$TMPD/after.lists" | grep '^>' |
	    grep -v newguy && { fail "a line that is not about newguy"; return 1; }
	[ "$(body_text "$STORY")" = "$(body_text "$f")" ] ||
	    { fail "the text changed"; return 1; }
	[ "$("$NEWSLENS" --canonical "$f" | grep -o '<mention' | wc -l)" = \
	  "$(($("$NEWSLENS" --canonical "$STORY" | grep -o '<mention' | wc -l) + 1))" ] ||
	    { fail "not one more mention"; return 1; }
	# It reopens with them: the new mention's status names New Guy.
	edit_start "$f" || return 1
	keys / && text "greater clarity" && keys Enter
	wait_for "match " || return 1
	keys C-l
	wait_for "Mention [0-9]+ of 45: New Guy: greater clarity"
}

# Quitting with unsaved edits asks; n quits without saving.
test_quit_asks() {
	local f=$TMPD/ask.xml
	cp "$STORY" "$f"
	edit_start "$f" || return 1
	keys e / && text "greater clarity" && keys Enter
	wait_for "match " || return 1
	keys v e e m && text "huawei" && keys Enter
	wait_for -F "[+]" || return 1
	keys q
	wait_for -F "unsaved edits" || return 1
	alive || return 1
	# Escape answers nothing: still there.
	keys Escape
	wait_for -F "not quit" || return 1
	keys Q
	wait_for -F "unsaved edits" || return 1
	text n && keys Enter
	wait_dead || return 1
	cmp -s "$STORY" "$f" || { fail "the file changed"; return 1; }
}

test_read_only() {
	local f=$TMPD/ro.xml
	cp "$STORY" "$f"
	edit_start -R "$f" || return 1
	keys e
	wait_for -F "read-only" || return 1
	screen | grep -q -F "EDIT --" && { fail "edit mode anyway"; return 1; }
	cmd "mention huawei"
	wait_for -F "read-only" || return 1
	# A file the user cannot write opens the same way.
	chmod a-w "$f"
	if [ -w "$f" ]; then
		diag "running as root: every file is writable"
		return 0
	fi
	edit_start "$f" || return 1
	keys e
	wait_for -F "read-only"
}

# The motions, by what the status line shows of the selection.
test_motions() {
	edit_start "$STORY" || return 1
	keys e / && text "Security minister" && keys Enter
	wait_for "match " || return 1
	keys v w w e
	wait_for -F "selected in paragraph 6: Security minister Brandon" ||
	    return 1
	keys b
	wait_for -F "selected in paragraph 6: Security minister " || return 1
	keys Escape 0 v '$'
	wait_for -F "selected in paragraph 6: The UK was" || return 1
	keys Escape 0 ')' v e
	wait_for -F "selected in paragraph 6: Security" || return 1
	keys Escape '(' '(' v l l
	wait_for -F "selected in paragraph 6: The" || return 1
	# A selection stays in its paragraph.
	keys j j j j j
	wait_for -F "within its paragraph" || return 1
	keys Escape Escape
	wait_gone -F "EDIT --"
}

# edits_then_signal SIG FILE: the edits, then the reader killed by SIG;
# the journal is on disk, and :recover then :w gives what a clean save
# of the same edits gives.
edits_then_signal() {
	local sig=$1 f=$2 ref=$TMPD/ref-$1.xml pid
	cp "$STORY" "$ref" && cp "$STORY" "$f"
	edit_start "$ref" || return 1
	make_edits || return 1
	cmd w && wait_for -F "wrote" || return 1
	cmd q && wait_dead || return 1
	edit_start "$f" || return 1
	make_edits || return 1
	pid=$(pane pane_pid)
	kill -"$sig" "$pid"
	wait_dead || return 1
	cmp -s "$STORY" "$f" || { fail "the file changed before a save"; return 1; }
	ls "$STATE"/newslens/* >/dev/null 2>&1 ||
	    { fail "no journal in $STATE/newslens"; return 1; }
	edit_start "$f" || return 1
	wait_for -F "journal" || return 1
	cmd recover
	wait_for -F "recovered" || return 1
	cmd w
	wait_for -F "wrote" || return 1
	cmd q
	wait_dead || return 1
	cmp -s "$ref" "$f" || { fail "recovered and saved is not as saved:" \
	    "$(diff "$ref" "$f")"; return 1; }
}

test_kill9_recover() {
	edits_then_signal KILL "$TMPD/killed.xml"
}

test_sighup_recover() {
	edits_then_signal HUP "$TMPD/hup.xml"
}

# SIGHUP and SIGTERM restore the terminal on the way out.
test_signal_restores_terminal() {
	local f=$TMPD/term.xml pid
	cp "$STORY" "$f"
	start_wrapped -e XDG_STATE_HOME="$STATE" -- "$f" || return 1
	wait_for -F "US officials to hold" || return 1
	keys e
	wait_for -F "EDIT --" || return 1
	pid=$(pgrep -P "$(pane pane_pid)" -x newslens)
	[ -n "$pid" ] || { fail "no newslens under the shell"; return 1; }
	kill -TERM "$pid"
	restored 143
}

t "annotate: mention with a new actor, quote, claim, undo, redo, save, quit; the file valid, changed only by them, reopened" test_annotate_save_quit
t "quitting with unsaved edits asks first" test_quit_asks
t "-R and a file that cannot be written keep editing off" test_read_only
t "w b e 0 \$ ( ) h l select as in vi, within a paragraph" test_motions
t "kill -9 after edits, then :recover and :w: the same file as a clean save" test_kill9_recover
t "SIGHUP after edits, then :recover and :w: the same file as a clean save" test_sighup_recover
t "SIGTERM in edit mode restores the terminal" test_signal_restores_terminal
done_testing
