#!/usr/bin/env bash
# tests/e2e/reader.sh - end-to-end tests of the terminal reader: the real
# src/newslens, driven in tmux (see lib.sh), judged by what its screen
# shows.  Every test starts a fresh program.  TAP on standard output.

. "$(dirname "$0")/lib.sh"

HEADLINE="US officials to hold last-ditch talks with UK over Huawei ban"
DATELINE="Sunday 12 January 2020 5:06 pm"
ACCENTS=$TESTDIR/data/accents.xml
ESCAPES=$TESTDIR/data/escapes.xml

# The default story, opened at 80x24, up on the screen.
open_default() {
	start "$@" && wait_for -F "$HEADLINE"
}

# close_to_article TITLE-PATTERN: q closes a card or view, back to the
# article (its headline), the program still running.
close_to_article() {
	keys q
	wait_gone "$1" && wait_for -F "$HEADLINE" && alive
}

# first_tab: the first Tab focuses the first item.  Claim c1 and its
# first mention start at the same place, so either may come first.
first_tab() {
	keys Tab
	wait_for "$(item 1)|$(item 2)"
}

# ---- 1. opening the article, moving the focus -------------------------

test_open() {
	open_default || return 1
	wait_for -F "$DATELINE" || return 1
	# 14 body blocks: 12 paragraphs and 2 "Read more" items.
	wait_for -F "Paragraph 1 of 14" || return 1
	# The expectations rest on --dump; it agrees with --list.
	local kind list rows
	for kind in Claim:claims Quote:quotes "Read more:related"; do
		list=${kind#*:}
		kind=${kind%:*}
		rows=$("$NEWSLENS" --list "$list" | tail -n +2 | wc -l)
		if [ "$(count "$kind")" != "$rows" ]; then
			fail "--dump has $(count "$kind") ${kind}s," \
			    "--list $list $rows" || return 1
		fi
	done
	# The side panel is not shown below 100 columns.
	if screen | grep -Eq '^Actors|  Actors'; then
		fail "a side panel at 80 columns" || return 1
	fi
	alive
}

test_tab() {
	open_default || return 1
	first_tab || return 1
	# Items that start at the same place may be in either order, but
	# the third Tab lands on the third item whatever that order.
	keys Tab Tab
	wait_for -F "$(item_who 3): the government" || return 1
	keys Tab
	wait_for -F "$(item_who 4): Huawei" || return 1
	keys Tab
	wait_for -F "$(item_who 5): the UK" || return 1
	keys BTab
	wait_for -F "$(item_who 4): Huawei" || return 1
	keys BTab
	wait_for -F "$(item_who 3): the government" || return 1
	# From item 3, nine Tabs: item 12, the first "Read more".
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
	wait_for -F "$(item_who 12)" || return 1
	keys BTab
	wait_for -F "$(item_who 11): the embattled Chinese tech firm" || return 1
	alive
}

# ---- 2. cards ---------------------------------------------------------------

test_actor_card() {
	open_default || return 1
	keys Tab Tab Tab Tab
	wait_for -F "$(item_who 4): Huawei" || return 1
	keys Enter
	wait_for -F "Actor: Huawei" || return 1
	local line
	# Huawei says nothing in quotation marks: no empty "Quotes (0)".
	for line in "Kind: company" "Mentions" "Claims by" "Claims about" \
	    "Read more (2)"; do
		see "$line" || return 1
	done
	if screen | grep -q 'Quotes ('; then
		fail "an empty Quotes section" || return 1
	fi
	close_to_article "Actor: Huawei" || return 1
	wait_for -F "$(item_who 4): Huawei"
}

test_claim_card() {
	open_default || return 1
	keys c
	wait_for "$(item 1)" || return 1
	keys Enter
	wait_for 'Claim c1([^0-9]|$)' || return 1
	close_to_article '^ Claim c1([^0-9]|$)' || return 1
	wait_for -F "$(item 1)" || return 1
	keys c c c c c c
	wait_for -F "$(item 29): Brandon Lewis" || return 1
	keys Enter
	wait_for 'Claim c7([^0-9]|$)' && wait_for -F "By: Brandon Lewis" ||
	    return 1
	close_to_article '^ Claim c7([^0-9]|$)'
}

test_quote_card() {
	open_default || return 1
	text "'"
	wait_for -F "$(item_who 30): relatively soon" || return 1
	keys Enter
	wait_for 'Quote q1([^0-9]|$)' && wait_for -F "Speaker: Brandon Lewis" ||
	    return 1
	close_to_article '^ Quote q1([^0-9]|$)'
}

test_related_card() {
	open_default || return 1
	keys r
	wait_for -F "$(item_who 12): Just" || return 1
	keys Enter
	wait_for 'Read more r1([^0-9]|$)' || return 1
	close_to_article '^ Read more r1([^0-9]|$)'
}

# A "Read more" item whose href names a story file: Enter on its card's
# "Open the story" entry opens that story; Backspace returns to the card.
test_related_href() {
	start -- "$TESTDIR/data/linked-a.xml" || return 1
	wait_for -F "First story: the council meets" || return 1
	keys r
	wait_for 'Read more [^ ]+, 1 of 1' || return 1
	keys Enter
	wait_for -F "Open the story: linked-b.xml" || return 1
	keys Enter
	wait_for -F "Second story: the vote" || return 1
	wait_for -F "The council voted on Tuesday." || return 1
	# Back returns to where the jump came from: the first story's card.
	keys BSpace
	wait_for -F "Open the story: linked-b.xml" || return 1
	keys q
	wait_for -F "First story: the council meets" || return 1
	alive
}

# In an actor card, follow a mention: back in the article with that
# mention focused; Backspace returns, Right goes forward again, Left back.
test_follow_and_back() {
	local before after
	before=$(item 4)
	open_default || return 1
	keys Tab Tab Tab Tab
	wait_for -F "$(item_who 4): Huawei" || return 1
	keys Enter
	wait_for -F "Actor: Huawei" || return 1
	# Two entries down: Huawei's second or third mention, whether or
	# not the card opens with its first entry focused.
	keys j j Enter
	wait_gone -F "Actor: Huawei" || return 1
	wait_for 'Mention [0-9]+ of [0-9]+: Huawei' || return 1
	after=$(focus)
	if [ "$after" = "$before" ]; then
		fail "following the entry left the focus where it was ($after)" ||
		    return 1
	fi
	diag "followed to: $after"
	# Back is where the jump came from: the card, then the article.
	keys BSpace
	wait_for -F "Actor: Huawei" || return 1
	keys q
	wait_gone -F "Actor: Huawei" || return 1
	wait_for -F "$(item_who 4)" || return 1
	keys Right
	wait_for -F "$after: Huawei" || return 1
	keys Left
	wait_for -F "$(item_who 4)" || return 1
	alive
}

# ---- 3. the item keys ---------------------------------------------------------

test_claim_keys() {
	open_default || return 1
	keys c
	wait_for -F "$(item 1)" || return 1
	keys c
	wait_for -F "$(item 6)" || return 1
	keys C
	wait_for -F "$(item 1)" || return 1
	[ "$(count Claim)" = 17 ] || fail "--dump lists $(count Claim) claims"
}

test_quote_keys() {
	open_default || return 1
	# The last paragraph is below the first screen at 80x24.
	if screen | grep -q 'paramount importance'; then
		fail "the whole story fits on the screen: this test shows nothing" ||
		    return 1
	fi
	text "'"
	wait_for -F "$(item_who 30): relatively soon" || return 1
	text "'"
	wait_for -F "$(item_who 62)" || return 1
	# Scrolled into view.
	wait_for -F "paramount importance" || return 1
	text '"'
	wait_for -F "$(item_who 30): relatively soon"
}

test_related_keys() {
	open_default || return 1
	keys r
	wait_for -F "$(item 12)" || return 1
	keys r
	wait_for -F "$(item 54): Huawei" || return 1
	wait_for -F "Huawei predicts" || return 1
	keys R
	wait_for -F "$(item 12): Brits"
}

test_mention_keys() {
	open_default || return 1
	keys Tab Tab Tab Tab
	wait_for -F "$(item_who 4): Huawei" || return 1
	keys m
	wait_for -F "$(item_who 11): the embattled Chinese tech firm" || return 1
	keys m
	wait_for -F "$(item_who 20): Huawei" || return 1
	keys M
	wait_for -F "$(item_who 11)" || return 1
	keys M
	wait_for -F "$(item_who 4): Huawei"
}

# ---- 4. search ----------------------------------------------------------------

# search NEEDLE: type "/NEEDLE" and Enter.
search() {
	text "/$1"
	keys Enter
}

# The matches in the text the reader shows: the body (with the titles of
# the "Read more" items), with or without the headline.
huawei_body=$("$NEWSLENS" --dump | sed '/^Actors$/,$d' | sed 1,2d |
    grep -o -i huawei | wc -l)
huawei_all=$("$NEWSLENS" --dump | sed '/^Actors$/,$d' |
    grep -o -i huawei | wc -l)

match_count() {
	screen | grep -Eo 'match [0-9]+ of [0-9]+' | tail -n 1 |
	    sed 's/.* of //'
}

test_search() {
	local n
	open_default || return 1
	search huawei
	wait_for 'match 1 of [0-9]+' || return 1
	n=$(match_count)
	if [ "$n" -ne "$huawei_body" ] && [ "$n" -ne "$huawei_all" ]; then
		fail "$n matches for huawei; the text has $huawei_body" \
		    "($huawei_all with the headline)" || return 1
	fi
	keys n
	wait_for "match 2 of $n" || return 1
	keys N
	wait_for "match 1 of $n" || return 1
	keys N
	wait_for -F "search wrapped" || return 1
	alive
}

test_search_case() {
	local n upper mixed
	open_default || return 1
	search huawei
	wait_for 'match 1 of [0-9]+' || return 1
	n=$(match_count)
	open_default || return 1
	search HUAWEI
	wait_for 'match 1 of [0-9]+' || return 1
	upper=$(match_count)
	open_default || return 1
	search HuAwEi
	wait_for 'match 1 of [0-9]+' || return 1
	mixed=$(match_count)
	if [ "$upper" != "$n" ] || [ "$mixed" != "$n" ]; then
		fail "huawei: $n matches, HUAWEI: $upper, HuAwEi: $mixed"
	fi
}

test_search_name() {
	open_default || return 1
	search Brandon
	wait_for 'match 1 of [0-9]+' || return 1
	alive
}

test_accents_check() {
	local out
	out=$("$NEWSLENS" --check "$ACCENTS" 2>&1) ||
	    { diag "$out"; return 1; }
	[ -z "$out" ] || { diag "$out"; return 1; }
}

# The story has "Café" in NFC once, and "cafe" once; "CAFÉ" typed with a
# combining acute accent finds the first only.
test_search_accents() {
	start -- "$ACCENTS" && wait_for -F "Accents in the reader" || return 1
	wait_for -F "Café" || return 1
	search "$(printf 'CAFE\314\201')"
	wait_for 'match 1 of 1([^0-9]|$)'
}

# long_story N FILE: a story of N numbered paragraphs, the word
# "needle" only in the 5,000th and the 9,000th.
long_story() {
	awk -v n="$1" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		print "<story version=\"1\"><head><headline>Long story</headline></head>"
		print "<actors><actor id=\"a\" kind=\"person\"><name>A</name></actor></actors><body>"
		for (i = 1; i <= n; i++)
			printf "<p>Paragraph %d, said <mention actor=\"a\">A</mention>, has a %s and some words to fill it out a little further, to make the story longer than a mebibyte.</p>\n", i, i == 5000 || i == 9000 ? "needle" : "thread"
		print "</body></story>"
	}' > "$2"
}

# The prompt: Up brings back the last search, Ctrl-W drops a word,
# Ctrl-U the line; a line too long for the screen shows its end.
test_search_prompt() {
	open_default || return 1
	search huawei
	wait_for 'match 1 of [0-9]+' || return 1
	search Brandon
	wait_for 'match 1 of 1([^0-9]|$)' || return 1
	keys /
	wait_for '^/$' || return 1
	keys Up Up
	wait_for '^/huawei$' || return 1
	keys Down
	wait_for '^/Brandon$' || return 1
	text " lewis"
	wait_for '^/Brandon lewis$' || return 1
	keys C-w
	wait_for '^/Brandon$' || return 1
	keys C-u
	wait_for '^/$' || return 1
	text "$(printf 'x%.0s' $(seq 100))end"
	wait_for 'xxxend$' || return 1
	keys Escape
	wait_for -F "q quit" || return 1
	alive
}

# A story of more than a mebibyte of text: the reader does not count
# the matches there; it names the paragraph instead.  The margin widens
# to hold five-digit numbers.
test_search_long() {
	local long=$TMPD/long.xml
	long_story 12000 "$long"
	start -- "$long" && wait_for -F "Long story" || return 1
	search NEEDLE
	wait_for -F "match in paragraph 5000 of 12000" || return 1
	wait_for '^ 5000  Paragraph 5000, said A, has a needle' || return 1
	keys n
	wait_for -F "match in paragraph 9000 of 12000" || return 1
	keys n
	wait_for -F "search wrapped; match in paragraph 5000 of 12000" ||
	    return 1
	keys N
	wait_for -F "search wrapped; match in paragraph 9000 of 12000" ||
	    return 1
	keys g
	search needle
	wait_for -F "match in paragraph 5000 of 12000" || return 1
	alive
}

# A number before g, G and %; Escape forgets it.
test_count() {
	local long=$TMPD/count.xml
	long_story 400 "$long"
	start -- "$long" && wait_for -F "Long story" || return 1
	text 250
	wait_for -F "250: g goes to paragraph 250" || return 1
	keys g
	wait_for '^250  Paragraph 250, said A' || return 1
	text 50%
	wait_for '^201  Paragraph 201, said A' || return 1
	text 5
	wait_for -F "5: g goes to paragraph 5," || return 1
	keys Escape
	wait_gone -F "5: g goes" || return 1
	keys g
	wait_for '^  1  Paragraph 1, said A' || return 1
	# Three rows a paragraph: ten lines down leaves the fifth in view
	# and none of the first three.
	text 10j
	wait_gone -F "Paragraph 3, said A" || return 1
	wait_for '^  5  Paragraph 5, said A' || return 1
	text 12G
	wait_for '^ 12  Paragraph 12, said A' || return 1
	keys d
	wait_gone '^ 12  Paragraph 12, said A' || return 1
	wait_for -F "Paragraph 17, said A" || return 1
	keys u
	wait_for '^ 12  Paragraph 12, said A' || return 1
	alive
}

# ---- 5. views -----------------------------------------------------------------

# see TEXT: TEXT is on the screen, if need be after paging down (Space).
see() {
	local i
	# Entries wrap, so a long card may be several screens: page down.
	for i in 1 2 3 4 5 6; do
		wait_for -q -F "$1" 1 && return 0
		keys Space
	done
	wait_for -F "$1"
}

test_help() {
	open_default || return 1
	text "?"
	wait_for -F "newslens keys" || return 1
	wait_for -F "Tab" || return 1
	see "search" || return 1
	close_to_article "newslens keys" || return 1
	keys F1
	wait_for -F "newslens keys" || return 1
	close_to_article "newslens keys"
}

test_actors_view() {
	open_default || return 1
	keys a
	wait_for -F "Actors" || return 1
	# Not in the article's text: only the list shows it.
	wait_for -F "United States" || return 1
	see "Huawei" || return 1
	close_to_article "Actors|United States"
}

test_relations_view() {
	open_default || return 1
	keys w
	wait_for -F "Relations: who claims what about whom" || return 1
	close_to_article "Relations: who claims"
}

test_timeline_view() {
	open_default || return 1
	keys t
	wait_for -F "Timeline" || return 1
	see "2019-04" || return 1
	close_to_article "Timeline"
}

test_side_panel() {
	open_default -s 120x40 || return 1
	wait_for -F "Actors" || return 1
	keys p
	wait_gone -F "Actors" || return 1
	keys p
	wait_for -F "Actors" || return 1
	alive
}

# = and Ctrl-G say which story, where, and what it holds; h is help.
test_where() {
	open_default || return 1
	keys =
	# The paragraphs on the screen; how far its bottom is, as less.
	wait_for -F "(built-in story): paragraphs 1-6 of 14 (42%); 18 actors" ||
	    return 1
	keys 5 g C-g
	wait_for "\(built-in story\): paragraphs 5-[0-9]+ of 14 \([0-9]+%\)" ||
	    return 1
	keys G =
	wait_for -F "of 14 (100%)" || return 1
	keys h
	wait_for -F "newslens keys" || return 1
	close_to_article "newslens keys"
}

# ---- 5b. the mouse -----------------------------------------------------------

# A click on a mention focuses it, a second opens its card; clicks on a
# card change nothing; the wheel scrolls three lines each way.
test_mouse() {
	local at before
	open_default || return 1
	at=$(screen_at "block Huawei") || { fail "no 'block Huawei'"; return 1; }
	set -- $at
	click $(($1 + 8)) "$2"
	wait_for -F "Mention 3 of 44: Huawei: Huawei" || return 1
	click $(($1 + 8)) "$2"
	wait_for -F "Actor: Huawei" || return 1
	# A click off the entries (the title, the row under it) does
	# nothing; one on an entry is test_mouse_card's.
	before=$(screen)
	click 2 0
	click 2 1
	hold_alive 0.3 || return 1
	if [ "$(screen)" != "$before" ]; then
		fail "a click off the card's entries changed the screen"
		return 1
	fi
	close_to_article "Actor: Huawei" || return 1
	wait_for '^  1. US officials are gearing up' || return 1
	mouse 65 10 10
	wait_gone '^  1. US officials are gearing up' || return 1
	wait_for '^  2. Representatives from the US' || return 1
	mouse 64 10 10
	wait_for '^  1. US officials are gearing up' || return 1
	alive
}

# A click on an entry of a card or view focuses it; a second opens it.
test_mouse_card() {
	local at
	open_default || return 1
	keys a
	wait_for -F "Actors" || return 1
	at=$(screen_at "Huawei (company)") ||
	    { fail "no 'Huawei (company)' in the actors view"; return 1; }
	set -- $at
	click $(($1 + 2)) "$2"
	hold_alive 0.3 || return 1
	if screen | grep -qF "Actor: Huawei"; then
		fail "one click opened the entry" || return 1
	fi
	click $(($1 + 2)) "$2"
	wait_for -F "Actor: Huawei" || return 1
	alive
}

# The terminal's mouse reporting, as tmux sees it: 1 when on.
mouse_flag() {
	pane mouse_standard_flag
}

# --no-mouse and "set mouse off" leave the mouse to the terminal.
test_no_mouse() {
	open_default || return 1
	[ "$(mouse_flag)" = 1 ] || { fail "the mouse is not on by default"; return 1; }
	open_default -- --no-mouse || return 1
	[ "$(mouse_flag)" = 0 ] || { fail "--no-mouse: the mouse is on"; return 1; }
	mkdir -p "$TMPD/cfg/newslens" &&
	    printf 'set mouse off\n' > "$TMPD/cfg/newslens/config" || return 1
	open_default -e XDG_CONFIG_HOME="$TMPD/cfg" || return 1
	[ "$(mouse_flag)" = 0 ] || { fail "set mouse off: the mouse is on"; return 1; }
	alive
}

# p below the panel's width says why, and flips nothing: the panel is
# there when the window grows.
test_panel_narrow() {
	open_default || return 1
	keys p
	wait_for -F "the side panel needs 100 columns; this window has 80" ||
	    return 1
	resize 120 40
	wait_for -F '│Actors' || return 1
	alive
}

# The longest line of the article on the screen, in characters, less
# its margin of 5 columns: rows 4 to the last but two (not the head,
# the status or the hint).
longest_line() {
	local LC_ALL=C.UTF-8 line m=0
	while IFS= read -r line; do
		line=${line%"${line##*[! ]}"}
		[ $((${#line} - 5)) -gt "$m" ] && m=$((${#line} - 5))
	done < <(screen | sed -n "4,$((H - 2))p")
	echo "$m"
}

# A wide window keeps a readable measure (100 columns by default);
# --width and "set width" change it.
test_measure() {
	local n
	open_default -s 200x40 || return 1
	keys p
	wait_gone -F '│Actors' || return 1
	n=$(longest_line)
	if [ "$n" -gt 101 ] || [ "$n" -lt 90 ]; then
		fail "at 200 columns the longest line has $n columns, not about 100"
		return 1
	fi
	open_default -s 200x40 -- --width 60 || return 1
	keys p
	wait_gone -F '│Actors' || return 1
	n=$(longest_line)
	[ "$n" -le 60 ] || { fail "--width 60: a line of $n columns"; return 1; }
	mkdir -p "$TMPD/cfg2/newslens" &&
	    printf 'set width 50\n' > "$TMPD/cfg2/newslens/config" || return 1
	open_default -s 200x40 -e XDG_CONFIG_HOME="$TMPD/cfg2" || return 1
	keys p
	wait_gone -F '│Actors' || return 1
	n=$(longest_line)
	[ "$n" -le 50 ] || { fail "set width 50: a line of $n columns"; return 1; }
	alive
}

# The configuration file: a bad line is one message on standard error
# (FILE:LINE), the status line says so, and the rest still applies.
test_config() {
	mkdir -p "$TMPD/home/.config/newslens" || return 1
	printf '# newslens\nset width 40\nfrobnicate\ncolor quote red default bold\nbind article J scroll-down\nbind article J no-such-action\n' \
	    > "$TMPD/home/.config/newslens/config" || return 1
	# HOME relative to the pane's directory: the message starts its
	# screen line whatever the length of $TMPD.
	start_wrapped -e HOME=home -e XDG_CONFIG_HOME= || return 1
	wait_for -F "$HEADLINE" || return 1
	wait_for -F "2 bad lines in the configuration file" || return 1
	n=$(longest_line)
	[ "$n" -le 40 ] || { fail "set width 40 not applied: $n columns"; return 1; }
	keys q
	restored 0 || return 1
	wait_for '^newslens: home/\.config/newslens/config:3: unknown command' ||
	    return 1
	wait_for '^newslens: home/\.config/newslens/config:6: no such action' ||
	    return 1
}

# At 40 columns the headline wraps (not cut), the hint line holds whole
# hints, and the actors view keeps its counts.
test_narrow() {
	start -s 40x20 || return 1
	wait_for -F "US officials to hold last-ditch talks" || return 1
	wait_for -F "Huawei ban" || return 1
	wait_for '^q quit  \? help  Tab next item$' || return 1
	keys a
	wait_for -F "Actors" || return 1
	wait_for 'US National Economic.* 1$' || return 1
	alive
}

# ---- 6. resizing ----------------------------------------------------------------

# Each step waits for something only a redraw at the new size shows: tmux
# keeps the old cells when a window grows or shrinks.
test_resize() {
	local quote
	quote=$(item 30)
	open_default || return 1
	text "'"
	wait_for -F "$(item_who 30)" || return 1
	resize 120 40
	# The side panel appears at 100 columns and more.
	wait_for -F "Actors" && wait_for -F "$(item_who 30): relatively soon" ||
	    return 1
	resize 60 20
	# The headline (61 columns) no longer fits whole.
	wait_gone -F "$HEADLINE" && wait_gone -F "Actors" || return 1
	wait_for -F "US officials to hold" && wait_for -F "$quote" || return 1
	resize 30 8
	wait_for -F "$quote" || return 1
	resize 19 24
	wait_for "too small" || return 1
	# 20x6 is the smallest size that shows the article.
	resize 20 6
	wait_gone "too small" && wait_for -F "$quote" || return 1
	resize 80 5
	wait_for "too small" || return 1
	resize 10 3
	hold_alive 0.3 || return 1
	resize 2 2
	hold_alive 0.3 || return 1
	resize 1 1
	hold_alive 0.5 || return 1
	resize 80 24
	wait_for -F "$HEADLINE" && wait_gone "too small" || return 1
	wait_for -F "$(item_who 30): relatively soon" || return 1
	alive
}

# ---- 7. NO_COLOR and LANG=C ------------------------------------------------------

# sgr_params: every parameter of every SGR sequence on the screen, one a line.
sgr_params() {
	screen_e | grep -o $'\e\\[[0-9;:]*m' |
	    sed 's/^.\[//; s/m$//; s/^$/0/; s/[;:]/\n/g'
}

test_no_color() {
	local colours
	open_default -e NO_COLOR=1 || return 1
	first_tab || return 1
	colours=$(sgr_params | grep -E '^(3[0-8]|4[0-8]|58|9[0-7]|10[0-7])$' |
	    sort -u | tr '\n' ' ')
	if [ -n "$colours" ]; then
		diag "colour SGR parameters on the screen: $colours"
		screen_e | grep -n $'\e\\[[0-9;:]*\\(3[0-8]\\|4[0-8]\\)' | head -5 |
		    cat -v | while IFS= read -r l; do diag "$l"; done
		return 1
	fi
	if ! sgr_params | grep -qx 7; then
		fail "the focused item is not in reverse video (no SGR 7)"
		return 1
	fi
}

test_lang_c() {
	local bad
	open_default -e LANG=C -e LC_ALL=C || return 1
	keys c c c c c c c
	wait_for -F "$(item 29): Brandon Lewis: a decision would be" ||
	    return 1
	wait_for -F '"relatively soon"' || return 1
	wait_for -F "UK's" || return 1
	bad=$(screen | LC_ALL=C grep -n '[^ -~]')
	if [ -n "$bad" ]; then
		fail "characters that are not printable ASCII on these lines:" \
		    "$(printf '%s\n' "$bad" | LC_ALL=C cat -v)"
		return 1
	fi
	if screen | grep -q 'M-[[:alnum:]^]'; then
		fail "bytes shown as M- escapes: UTF-8 sent to a non-UTF-8 terminal"
		return 1
	fi
	alive
}

# ---- 8. hostile text -----------------------------------------------------------------

test_escapes_check() {
	local out
	out=$("$NEWSLENS" --check "$ESCAPES" 2>&1) ||
	    { diag "$out"; return 1; }
	[ -z "$out" ] || { diag "$out"; return 1; }
}

title_unchanged() {
	local title
	title=$(pane pane_title)
	if [ "$title" != known ]; then
		fail "the pane title changed to \"$title\""
		return 1
	fi
}

test_escapes() {
	local s
	start -T known -- "$ESCAPES" || return 1
	wait_for -F "Escapes stay on the page" || return 1
	for s in "after-csi" "<U+009B>2J" "<U+009D>0;pwned<U+009C>" \
	    "<U+202E>txt.exe" "after-rlo" "ESC[2J" "after-del"; do
		wait_for -F "$s" 1 || return 1
	done
	# Not cleared: the headline and the text before the CSI are still there.
	wait_for -F "Escapes stay on the page" 0 && wait_for -F "Before" 0 ||
	    return 1
	title_unchanged || return 1
	# Through the status line and a card too.
	keys Tab
	wait_for -F "Mallory <U+009B>2J" || return 1
	text "'"
	wait_for -F "<U+009B>31mred<U+009B>0m" || return 1
	keys Enter
	wait_for '^ Quote q1([^0-9]|$)' || return 1
	title_unchanged || return 1
	keys q
	wait_for -F "Escapes stay on the page" && title_unchanged && alive
}

# ---- 9. quitting ----------------------------------------------------------------------

test_quit() {
	start_wrapped || return 1
	wait_for -F "$HEADLINE" || return 1
	# q closes a card first, then quits.
	keys Tab Tab Tab Tab Enter
	wait_for "Actor: Huawei" || return 1
	keys q
	wait_gone "Actor: Huawei" && wait_for -F "$HEADLINE" || return 1
	keys q
	restored 0 || return 1
	keys Enter
	wait_dead 5 || return 1
	[ "$(exit_status)" = 0 ] ||
	    fail "the pane exited with status $(exit_status)"
}

test_quit_direct() {
	open_default || return 1
	keys q
	wait_dead 5 || return 1
	[ "$(exit_status)" = 0 ] ||
	    { fail "exit status $(exit_status)"; return 1; }
	[ "$(pane alternate_on)" = 0 ] || fail "the alternate screen is still on"
}

# Quitting with a card and the help over it open:
# q closes each, the last q quits, the terminal as it was.
test_quit_from_everywhere() {
	start_wrapped -s 120x40 || return 1
	wait_for -F "$HEADLINE" || return 1
	text "'"
	keys Enter
	wait_for "^ Quote q1" || return 1
	text "?"
	wait_for "newslens keys" || return 1
	keys q
	wait_gone "newslens keys" || return 1
	keys q
	wait_gone "^ Quote q1" || return 1
	keys q
	restored 0
}

# ---- 10. no terminal to drive ---------------------------------------------------------

# dump_on_screen TERM: the program, in a pane with that TERM, prints the
# dump and exits 0.
dump_on_screen() {
	# From a shell that stays in the pane (start_wrapped): a dead
	# pane's last output may not all be drawn yet.
	start_wrapped -e "TERM=$1" || return 1
	restored 0 || return 1
	if ! screen_all | grep -qx 'Actors' ||
	    ! screen_all | grep -qF "$HEADLINE" ||
	    ! screen_all | grep -qF '[1]'; then
		fail "no dump (headline, [1], \"Actors\") in the output"
		return 1
	fi
}

test_term_dumb() {
	dump_on_screen dumb
}

# A TERM that terminfo does not know (kitty over SSH): one line of
# warning, then the reader on xterm-256color, as less does; not the dump.
test_term_unknown() {
	start_wrapped -e TERM=no-such-terminal || return 1
	wait_for -F "$HEADLINE" || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	keys q
	restored 0 || return 1
	wait_for -F "newslens: unknown TERM 'no-such-terminal'; using xterm-256color" ||
	    return 1
	if screen_all | grep -qx 'Actors'; then
		fail "the dump was printed" || return 1
	fi
}

# An unset TERM prints the dump, as dumb does.
test_term_unset() {
	start_sh -e TERM= 'unset TERM; "$NEWSLENS"; echo "newslens exited $?"; read x' ||
	    return 1
	wait_for '^newslens exited 0' || return 1
	if ! screen_all | grep -qx 'Actors'; then
		fail "no dump with TERM unset" || return 1
	fi
}

test_not_a_terminal() {
	local rc
	env -i "${BASE_ENV[@]}" "$NEWSLENS" > "$TMPD/out" 2> "$TMPD/err" \
	    < /dev/null
	rc=$?
	[ "$rc" = 0 ] || { diag "exit status $rc"; return 1; }
	[ -s "$TMPD/err" ] && { diag "standard error:" "$(cat "$TMPD/err")"; return 1; }
	env -i "${BASE_ENV[@]}" "$NEWSLENS" --dump > "$TMPD/dump" 2>&1
	cmp -s "$TMPD/out" "$TMPD/dump" ||
	    { diag "the output is not the --dump text:" \
	        "$(diff "$TMPD/dump" "$TMPD/out" | head -20)"; return 1; }
}

# ---- grapheme clusters ----------------------------------------------------

CLUSTERS=$TESTDIR/data/clusters.xml
ACUTE=$(printf '\314\201')
FAMILY=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
THUMBS=$(printf '\360\237\221\215\360\237\217\275')

# Combining marks, a ZWJ sequence and a skin tone reach the screen whole,
# in the headline as in the text; the mention after them is where the
# layout put it, for the mouse.  (tmux 3.3a draws a skin tone as a
# character of its own, two columns more than the layout's, so the click
# is on a mention before it.)
test_clusters() {
	local zoe
	zoe=$(printf 'Zoe\314\210')
	start -- "$CLUSTERS" || return 1
	wait_for -F "Cafe$ACUTE clusters" || return 1
	wait_for -F "Sunday 12 January 2020 · By Zoë Dupont · The Café Gazette" ||
	    return 1
	wait_for -F "At the Cafe$ACUTE an e$ACUTE then $FAMILY and $zoe, $THUMBS ends." ||
	    return 1
	# Margin 5, then 29 columns: "At the Café an é then " is 22, the
	# family 2, " and " 5.
	click 35 3
	wait_for -F "Mention 1 of 2: Zoë Dupont: $zoe" || return 1
	alive
}

# The same under LANG=C: ASCII stand-ins, nothing else.
test_clusters_lang_c() {
	local bad
	start -e LANG=C -e LC_ALL=C -- "$CLUSTERS" || return 1
	wait_for -F "Cafe clusters" || return 1
	wait_for -F "Sunday 12 January 2020 - By Zoe Dupont - The Cafe Gazette" ||
	    return 1
	wait_for -F "At the Cafe an e then ?? and Zoe, ?? ends." || return 1
	bad=$(screen | LC_ALL=C grep -n '[^ -~]')
	if [ -n "$bad" ]; then
		fail "not printable ASCII: $(printf '%s\n' "$bad" | LC_ALL=C cat -v)"
		return 1
	fi
	alive
}

# Search finds what the screen shows: under LANG=C the screen shows
# "UK's" and "Zoe", and those find "UK’s" and both Zoës (one composed,
# one decomposed), the highlight on exactly those characters.
test_search_shown() {
	local esc
	esc=$(printf '\033')
	start -e LANG=C -e LC_ALL=C -- "$CLUSTERS" || return 1
	wait_for -F "Zoe read the UK's plan" || return 1
	search "UK's"
	wait_for 'match 1 of 1([^0-9]|$)' || return 1
	if ! screen_e | grep -q "[0-9]mUK's$esc\[0m"; then
		fail "UK's is not the highlighted span:" \
		    "$(screen_e | grep -F "UK's" | cat -v)"
		return 1
	fi
	search Zoe
	wait_for 'match 1 of 2([^0-9]|$)' || return 1
	search "2020-2021"
	wait_for 'match 1 of 1([^0-9]|$)' || return 1
	alive
}

# One numbering: every block shows its number in the margin, a "Read
# more" item as 3»; 3g goes there, and --dump numbers it the same.
test_numbering() {
	open_default || return 1
	wait_for '^  3» Just one in 10 Brits trusts Huawei' || return 1
	text 3
	keys g
	wait_for -F "Paragraph 3 of 14" || return 1
	if ! screen | sed -n 4p | grep -q '^  3» Just one in 10 Brits'; then
		fail "3g does not put 3» at the top" || return 1
	fi
	"$NEWSLENS" --dump | grep -q '^  3» Read more: \[12\]Just one in 10' ||
	    { diag "--dump does not number it 3»"; return 1; }
	alive
}

# An invalid story: messages on standard error, exit 1, nothing drawn.
# The file is given by a short name relative to the pane's directory
# ($TMPD), so that the message starts a screen line whatever the length
# of the path the tests run in (make distcheck's is long).
test_bad_story() {
	cp "$TESTDIR/bad/truncated.xml" "$TMPD/truncated.xml" || return 1
	start_wrapped -- truncated.xml || return 1
	restored 1 || return 1
	wait_for '^newslens: truncated\.xml:[0-9]+: ' 0
}


# ---- 11. keys and modes, the status line, views that answer ------------------

# Escape closes a card, the help, the prompt, and forgets a count.
test_escape_closes() {
	open_default || return 1
	first_tab || return 1
	keys Enter
	wait_for '^ Actor: |^ Claim c1' || return 1
	keys Escape
	wait_for -F "$HEADLINE" || return 1
	text "?"
	wait_for -F "newslens keys: in the article" || return 1
	keys Escape
	wait_gone -F "newslens keys" || return 1
	text "/"
	wait_for '^/' || return 1
	text "abc"
	wait_for '^/abc' || return 1
	keys Escape
	wait_gone '^/abc' || return 1
	keys 5
	wait_for -F "5: g goes to paragraph 5" || return 1
	keys Escape
	wait_gone -F "5: g goes to paragraph 5" || return 1
	# The count is gone: g goes to the top, not to paragraph 5, and
	# the first item is on the screen, focused, again.
	keys G g
	wait_for "$(item 1)|$(item 2)" && alive
}

# Q quits from a card with the help over it, the terminal as it was.
test_Q_quits_from_anywhere() {
	start_wrapped || return 1
	wait_for -F "$HEADLINE" || return 1
	text "'"
	keys Enter
	wait_for "^ Quote q1" || return 1
	text "?"
	wait_for "newslens keys: on a card" || return 1
	text "Q"
	restored 0
}

# A view that is open comes forward; ? in the help closes it.
test_reopen_brings_forward() {
	open_default || return 1
	text "aaa"
	wait_for -F "Actors" || return 1
	text "??"
	wait_gone -F "newslens keys" || return 1
	wait_for -F "United States (country)" || return 1
	keys q
	wait_for -F "$HEADLINE" || return 1
	wait_for -F "Paragraph 1 of 14" && alive
}

# Ctrl-C at the prompt cancels the prompt; the program goes on.
test_ctrl_c_in_prompt() {
	open_default || return 1
	text "/huaw"
	wait_for '^/huaw' || return 1
	keys C-c
	wait_gone '^/huaw' || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	alive || return 1
	keys q
	wait_dead
}

# Tab, then G: the focus is off the screen; Enter opens nothing, and the
# next Tab starts from the screen.
test_focus_off_screen() {
	open_default || return 1
	first_tab || return 1
	keys G
	wait_for -F "(END)" || return 1
	keys Enter
	wait_for -F "the focus is off the screen" || return 1
	if screen | grep -Eq '^ (Actor|Claim) '; then
		fail "Enter opened a card for a focus off the screen" || return 1
	fi
	keys Tab
	wait_gone -F "the focus is off the screen" || return 1
	local f
	f=$(focus)
	case $f in
	"$(item 2)"|"$(item 1)"|"$(item 3)"|"")
		fail "Tab went on from the old focus: '$f'" || return 1 ;;
	esac
	diag "Tab from the end: $f"
	alive
}

# sgr_before WORD: each distinct run of escape sequences that comes
# right before WORD on the screen, one a line.
sgr_before() {
	screen_e | grep -o $'\e\\[[0-9;]*m\\(\e\\[[0-9;]*m\\)*'"$1" |
	    sed "s/$1\$//" | sort -u
}

# The current match is drawn unlike the other matches, and unlike the
# focus; Escape hides the matches.
current_match_differs() {
	open_default "$@" || return 1
	text "/Huawei"
	keys Enter
	wait_for -F "match 1 of 8" || return 1
	local runs
	runs=$(sgr_before Huawei | wc -l)
	if [ "$runs" -lt 2 ]; then
		fail "the current match looks like the others:" \
		    "$(sgr_before Huawei | cat -v)" || return 1
	fi
	# The focus (the mention around the match) has another look again.
	keys n
	wait_for -F "match 2 of 8" || return 1
	keys Escape
	wait_for -F "matches hidden" || return 1
	keys n
	wait_for -F "match 3 of 8" && alive
}

test_current_match() {
	current_match_differs
}

test_current_match_no_color() {
	current_match_differs -e NO_COLOR=1
}

# w, j, Enter (the row's list of claims), Enter (into the article),
# Backspace: back in the relations view, on the same entry.
test_back_into_views() {
	open_default || return 1
	keys w
	wait_for -F "Relations: who claims" || return 1
	keys j
	wait_for -F "entry 2 of" || return 1
	keys Enter
	wait_for "^ Claims by " || return 1
	keys Enter
	wait_for -F "$HEADLINE" || return 1
	keys BSpace
	wait_for -F "Relations: who claims" || return 1
	wait_for -F "entry 2 of" || return 1
	if screen | grep -q "^ Claims by "; then
		fail "Back stopped in the list of claims" || return 1
	fi
	alive
}

# The status line on a card names the card, its entry and its place;
# the article's says more below, then (END).
test_status_on_pages() {
	open_default || return 1
	wait_for -F "more below" || return 1
	# In the article a claim is named by its id and its place.
	keys c
	wait_for '^Claim c1, 1 of 17: the publication: US officials' || return 1
	keys Enter
	wait_for '^ Claim c1([^0-9]|$)' || return 1
	wait_for "Claim c1: .*entry 1 of [0-9]+" || return 1
	keys j
	wait_for "entry 2 of [0-9]+" || return 1
	# An entry that leads to a claim is named by the claim's id.
	keys q w j Enter
	wait_for "^ Claims by " || return 1
	wait_for "^Claim c1: the publication: US officials.* entry 1 of 2" ||
	    return 1
	wait_for -F "c1: US officials" || return 1
	keys q
	wait_for -F "Relations: who claims" || return 1
	keys q
	text "?"
	wait_for "newslens keys: in the article.*lines 1-[0-9]+ of [0-9]+; more below" ||
	    return 1
	keys q G
	wait_for -F "(END)" || return 1
	keys g 1 0 0 %
	wait_for -F "(END)" && alive
}

# The index: every row, typing filters, Enter opens the row's card.
test_index() {
	open_default || return 1
	keys i
	wait_for -F "Index: 39 rows" || return 1
	text "brandon"
	wait_for -F 'Index: 3 of 39 rows hold "brandon"' || return 1
	wait_for "claim +Brandon Lewis" || return 1
	keys Enter
	wait_for '^ Claim c7([^0-9]|$)' || return 1
	keys Escape
	wait_for -F 'Index: 3 of 39' || return 1
	keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	wait_for -F "Index: 39 rows" || return 1
	keys Escape
	wait_for -F "$HEADLINE" && alive
}

# Disputes in the relations view, with claimants on both sides.
test_disputes() {
	open_default -s 120x40 || return 1
	keys w G
	wait_for -F "Disputes (" || return 1
	wait_for '\) disputes c[0-9]+ \(' && alive
}

# / searches the card on top.
test_search_in_card() {
	open_default || return 1
	keys a
	wait_for -F "United States (country)" || return 1
	text "/brandon"
	keys Enter
	wait_for -F "match on this page: Brandon Lewis (person)" || return 1
	keys j k
	wait_for "Actors: +Brandon Lewis" || return 1
	keys n
	wait_for -F "search wrapped" && alive
}

# y: the focused quote and its citation into tmux's buffer (OSC 52).
test_copy() {
	open_default || return 1
	tm set-option -g set-clipboard on
	text "'"
	wait_for -F "$(item_who 30): relatively soon" || return 1
	text "y"
	wait_for -F "copied quote q1" || return 1
	local buf
	buf=$(tm show-buffer 2>/dev/null)
	case $buf in
	*"relatively soon"*"Brandon Lewis"*"Huawei ban"*) ;;
	*) fail "the clipboard holds: '$buf'" || return 1 ;;
	esac
	alive
}

# At 40x12, long status lines end at a word with an ellipsis.
test_status_cut_at_words() {
	start -s 40x12 || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	keys c
	wait_for 'Claim c1, 1 of 17' || return 1
	local status
	status=$(screen | grep -E '^Claim c1, 1 of 17')
	case $status in
	*…*) ;;
	*) fail "no ellipsis on a long status: '$status'" || return 1 ;;
	esac
	# The word before the ellipsis is one of the claim's words, whole.
	local word
	word=$(printf '%s\n' "$status" | sed 's/….*//; s/.* //')
	if ! "$NEWSLENS" --dump | grep -qw -- "$word"; then
		fail "cut inside a word: '$word'" || return 1
	fi
	alive
}

# Ctrl-C in the index's filter cancels the filter, then closes the
# index, as in less and readline; the program goes on.
test_ctrl_c_in_index() {
	open_default || return 1
	keys i
	wait_for -F "Index: 39 rows" || return 1
	text "brandon"
	wait_for -F 'Index: 3 of 39 rows hold "brandon"' || return 1
	keys C-c
	wait_for -F "Index: 39 rows; type to filter" || return 1
	alive || return 1
	keys C-c
	wait_gone -F "Index: 39 rows" || return 1
	wait_for -F "$HEADLINE" || return 1
	alive || return 1
	# In the article, Ctrl-C still ends the program.
	keys C-c
	wait_dead
}

# The timeline keeps its text: a long entry wraps onto several lines
# (at 40 and at 80 columns), the focus keeps to its entry, and a click
# on an entry's second line is a click on that entry.
test_timeline_wraps() {
	start -s 40x12 || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	keys t
	wait_for -F "Timeline" || return 1
	# The end of c6, the first dated claim, far past 40 columns.
	wait_for -F "kicked back the" || return 1
	wait_for -F "decision" || return 1
	keys j
	wait_for "^Claim c8: " || return 1
	# c8's four lines are shown whole, its end included.
	keys j
	wait_for "^Claim c7: " || return 1
	wait_for -F "soon”" || return 1
	start || return 1
	wait_for -F "$HEADLINE" || return 1
	keys t
	wait_for -F "Timeline" || return 1
	wait_for -F "be banned from building the core" || return 1
	wait_for "^Claim c6: .*entry 1 of 4" || return 1
	local at
	at=$(screen_at "in so-called non-core") ||
	    { fail "no second line of c8"; return 1; }
	set -- $at
	click "$1" "$2"
	wait_for "^Claim c8: .*entry 2 of 4" || return 1
	click "$1" "$2"
	wait_for -F "$HEADLINE" && alive
}

# At 40 columns a page's long title ends at a word, with an ellipsis.
test_page_title_cut_at_words() {
	start -s 40x12 || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	keys w j Enter
	wait_for '^ Claims by the publication about US…$' && alive
}

t "opens the default story at 80x24: headline, dateline, status" test_open
t "Tab and Shift-Tab move the focus in reading order" test_tab
t "Enter on a mention opens the actor card; q closes it" test_actor_card
t "Enter on a claim opens its card (c1; c7 by Brandon Lewis)" test_claim_card
t "Enter on a quote opens its card with the speaker" test_quote_card
t "Enter on a \"Read more\" item opens its card" test_related_card
t "a \"Read more\" href opens that story; Backspace returns to the card" \
    test_related_href
t "following a mention from an actor card; Backspace, Right, Left" \
    test_follow_and_back
t "c / C step through the claims" test_claim_keys
t "' / \" step through the quotes, scrolled into view" test_quote_keys
t "r / R step through the \"Read more\" items" test_related_keys
t "m / M step through the focused actor's mentions" test_mention_keys
t "search /huawei: match counts, n, N, wrapping" test_search
t "search is case-insensitive: HUAWEI, HuAwEi" test_search_case
t "search /Brandon" test_search_name
t "tests/data/accents.xml is a valid story" test_accents_check
t "search: NFC Café found by CAFE + U+0301, and only it" test_search_accents
t "the search prompt: Up / Down history, Ctrl-W, Ctrl-U, long lines" \
    test_search_prompt
t "search in a story of over 1 MiB of text: no count, the paragraph" \
    test_search_long
t "a number before g, G, % and j; d and u scroll half a page" test_count
t "? and F1 show the help (Tab, search); q closes it" test_help
t "a shows the actors; q closes them" test_actors_view
t "w shows the relations; q closes them" test_relations_view
t "t shows the timeline (2019-04); q closes it" test_timeline_view
t "at 120 columns the side panel shows the actors; p toggles it" \
    test_side_panel
t "= and Ctrl-G: the story, how far into it; h: the help" test_where
t "mouse: a click focuses, a second opens; the wheel scrolls" test_mouse
t "mouse: a click on a view's entry focuses it, a second opens it" \
    test_mouse_card
t "--no-mouse and set mouse off leave the mouse to the terminal" \
    test_no_mouse
t "p below 100 columns says why and flips nothing" test_panel_narrow
t "a wide window keeps a measure of 100; --width, set width" test_measure
t "the configuration file: bad lines told, the rest applied" test_config
t "40 columns: the headline wraps, whole hints, the actors' counts" \
    test_narrow
t "resizes from 120x40 down to 1x1 and back keep the focus" test_resize
t "NO_COLOR=1: no colours, the focus still in reverse video" test_no_color
t "LANG=C: only ASCII on the screen, straight quotes" test_lang_c
t "tests/data/escapes.xml is a valid story" test_escapes_check
t "escapes in the text are placeholders: no title, no clear" test_escapes
t "q quits: exit 0, tty modes, main screen and cursor restored" test_quit
t "q in the article quits at once with status 0" test_quit_direct
t "q closes the help, then the card, then quits" \
    test_quit_from_everywhere
t "TERM=dumb prints the dump and exits 0" test_term_dumb
t "an unknown TERM warns, falls back to xterm-256color, reads" \
    test_term_unknown
t "an unset TERM prints the dump and exits 0" test_term_unset
t "standard output not a terminal: the --dump text" test_not_a_terminal
t "an invalid story: error messages, exit 1, terminal as it was" \
    test_bad_story
t "clusters drawn whole: accents, a ZWJ family, a skin tone" test_clusters
t "LANG=C: clusters as ASCII stand-ins" test_clusters_lang_c
t "one numbering: 3» in the margin, 3g, --dump" test_numbering
t "LANG=C: /UK's finds UK’s, /Zoe finds Zoë, highlighted exactly" \
    test_search_shown
t "Escape closes a card, the help, the prompt; forgets a count" \
    test_escape_closes
t "Q quits from a card under the help" test_Q_quits_from_anywhere
t "a a a ? ? then q: back in the article" test_reopen_brings_forward
t "Ctrl-C in the / prompt cancels it" test_ctrl_c_in_prompt
t "Tab, G: Enter does nothing off screen, Tab starts on it" \
    test_focus_off_screen
t "the current match differs from the others; Escape hides them" \
    test_current_match
t "the current match differs, NO_COLOR" test_current_match_no_color
t "w j Enter Enter Backspace: the relations view, same entry" \
    test_back_into_views
t "status: a card's entry and place; more below, (END), 100%" \
    test_status_on_pages
t "i: the index, filtered by typing; Enter opens a card" test_index
t "w shows which claims dispute which, with claimants" test_disputes
t "/ searches inside a view" test_search_in_card
t "y copies the focused quote with its citation (OSC 52)" test_copy
t "at 40x12 the status is cut at a word, with an ellipsis" \
    test_status_cut_at_words
t "Ctrl-C in the index cancels the filter, then the index" \
    test_ctrl_c_in_index
t "the timeline wraps its entries at 40 and 80 columns; clicks follow" \
    test_timeline_wraps
t "at 40 columns a page title is cut at a word" \
    test_page_title_cut_at_words
# ---- issue 10, audited item by item ---------------------------------------

# At 40 columns a status too long for the line takes the room of
# "more below", which becomes an arrow: the claimant stays ("Claim c1,
# 1 of 17: the…  more below" kept no name); where there is more is
# still said, and "(END)" stays as it is.
test_status_narrow_arrows() {
	start -s 40x12 || return 1
	wait_for -F "Paragraph 1 of 14" || return 1
	keys c
	wait_for '^Claim c1, 1 of 17: the publication.* ↓$' || return 1
	keys i
	wait_for '^Claim c1: the publication: US.* ↓$' || return 1
	keys Escape G
	wait_for -F "(END)" && alive
}

# LANG=C: a table row too long for the screen ends in "...", as the
# status does; a lone "." would read as a full stop ("for a.").
test_row_cut_lang_c() {
	open_default -e LANG=C -e LC_ALL=C || return 1
	keys i
	wait_for -F "Index: 39 rows" || return 1
	wait_for -F "c1: US officials are gearing up for a..." && alive
}

# Under tmux with its default set-clipboard (external), tmux drops an
# application's OSC 52: y says where the copy went and what keeps it,
# not "copied to the clipboard".
test_copy_under_tmux() {
	tm set-option -g set-clipboard external
	# test_copy left its buffer on this server.
	while tm delete-buffer 2>/dev/null; do :; done
	open_default -e TMUX=/tmp/tmux-e2e/default,1,0 || return 1
	text "'"
	wait_for -F "$(item_who 30): relatively soon" || return 1
	text "y"
	wait_for -F "sent quote q1 to tmux, which keeps it with set-clipboard on" \
	    || return 1
	if tm show-buffer >/dev/null 2>&1; then
		fail "tmux kept a buffer with set-clipboard external" || return 1
	fi
	alive
}

t "LANG=C: a row too long ends in ..., not a lone full stop" \
    test_row_cut_lang_c
t "at 40 columns a long status keeps its words; more below as an arrow" \
    test_status_narrow_arrows
t "y under tmux: says it went to tmux and what keeps it" \
    test_copy_under_tmux
done_testing
