#!/usr/bin/env bash
# tests/e2e/library.sh - the library's screens in tmux (see lib.sh): the
# list, its order and filter, opening a story and going back, "Read
# more" items across stories and back, an actor's other stories, the
# library's search and n / N, the log, a broken story, at 80x24, 120x40
# and 40x12, with NO_COLOR and in LANG=C.  The library is written into
# $TMPD by make_library; its index goes to $TMPD/cache.  TAP on standard
# output.

. "$(dirname "$0")/lib.sh"

LIB=$TMPD/lib
CACHE=(-e "XDG_CACHE_HOME=$TMPD/cache")

story() {
	# story FILE WHEN HEADLINE SOURCE ACTORS BODY
	mkdir -p "$(dirname "$LIB/$1")"
	cat > "$LIB/$1" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<story version="1" xml:lang="en">
  <head>
    <headline>$3</headline>
    <dateline when="$2">$2</dateline>
    <source>$4</source>
  </head>
  <actors>$5</actors>
  <body>
$6
  </body>
</story>
EOF
}

make_library() {
	local huawei='<actor id="huawei" kind="company"><name>Huawei</name></actor>'
	story a.xml 2020-01-12 "US officials press the UK on Huawei" Reuters \
	    "$huawei<actor id=\"uk\" kind=\"country\"><name>United Kingdom</name></actor><actor id=\"gchq\" kind=\"agency\" member-of=\"uk\"><name>GCHQ</name></actor>" \
	    '<p id="p1">Officials met the <mention actor="uk">UK</mention> about <mention actor="huawei">Huawei</mention>.</p>
<p id="p0">The <mention actor="gchq">GCHQ</mention> listened.</p>
<related id="r1">Britain delays the Huawei decision</related>
<related id="r2" href="sub/c.xml">A visit to London</related>
<related id="r3">A story nobody wrote</related>
<p id="p2">The zebrafish rule came up twice: zebrafish.</p>'
	story b.xml 2020-01-20 "Britain delays the Huawei decision" BBC \
	    "<actor id=\"hw\" kind=\"company\"><name>Huawei</name></actor>" \
	    '<p id="p1">The decision waits another week.</p>
<p id="p2">A zebrafish was not consulted, said <mention actor="hw">Huawei</mention>.</p>'
	story sub/c.xml 2019-12-01 "Pottinger visits London" AP "" \
	    '<p id="p1">A quiet visit, with no zebrafish at all.</p>'
	printf '%s\n' '<?xml version="1.0"?>' '<story version="1"><head>' \
	    '<headline>Ghost</headline></head><body><p>' \
	    '<mention actor="nobody">Ghost</mention></p></body></story>' \
	    > "$LIB/broken.xml"
	mkfifo "$LIB/pipe.xml"
}
make_library

open_library() {
	start "${CACHE[@]}" "$@" -- "$LIB" &&
	    wait_for -F "Library: 4 stories, by date"
}

# row N TEXT: the N-th row of the list (1 is the first) shows TEXT.
row() {
	local line
	line=$(screen | sed -n "$(($1 + 2))p")
	case $line in
	*"$2"*) return 0 ;;
	esac
	fail "row $1 is not \"$2\": $line"
}

test_list() {
	open_library || return 1
	row 1 "2020-01-20 Britain delays the Huawei decision" || return 1
	row 2 "US officials press the UK on Huawei" || return 1
	row 3 "Pottinger visits London" || return 1
	row 4 "BROKEN" || return 1
	row 2 "Reuters" || return 1
	# Actors, claims, quotes.
	row 2 "3a   0c   0q" || return 1
	wait_for -F "1 file skipped (L)" && wait_for -F "Story 1 of 4"
}

test_sort() {
	open_library || return 1
	keys s
	wait_for -F "by headline" || return 1
	row 1 "Britain delays" && row 2 "Pottinger" && row 3 "US officials" &&
	    row 4 "BROKEN" || return 1
	keys s
	wait_for -F "by source" || return 1
	row 1 "Pottinger" && row 2 "Britain delays" && row 3 "US officials" ||
	    return 1
	keys s
	wait_for -F "by size" || return 1
	row 1 "US officials" || return 1
	keys s
	wait_for -F "by date, newest first" && row 1 "Britain delays"
}

test_filter() {
	open_library || return 1
	keys f
	text "POTT"
	wait_for -F '1 of 4 stories hold "POTT"' || return 1
	row 1 "Pottinger visits London" || return 1
	wait_for -F "filter: POTT" || return 1
	keys BSpace BSpace BSpace BSpace
	text "bbc"
	wait_for -F '1 of 4 stories hold "bbc"' || return 1
	row 1 "Britain delays" || return 1
	keys Enter
	wait_for -F "Story 1 of 1" || return 1
	keys Escape
	wait_for -F "Library: 4 stories" && alive
}

# Ctrl-C while filtering cancels the filter, as in less and readline.
test_filter_ctrl_c() {
	open_library || return 1
	keys f
	text "POTT"
	wait_for -F '1 of 4 stories hold "POTT"' || return 1
	keys C-c
	wait_gone -F '"POTT"' || return 1
	wait_for -F "Library: 4 stories" && alive
}

test_open_and_back() {
	open_library || return 1
	keys j j Enter
	wait_for -F "Pottinger visits London" || return 1
	wait_for -F "story 3 of 4" || return 1
	wait_for -F "A quiet visit" || return 1
	keys q
	wait_for -F "Library: 4 stories" || return 1
	wait_for -F "Story 3 of 4: " || return 1
	keys k Enter
	wait_for -F "Officials met the UK" || return 1
	keys BSpace
	wait_for -F "Story 2 of 4: " && alive
}

test_broken() {
	open_library || return 1
	keys G Enter
	wait_for -F "broken, cannot be opened" || return 1
	wait_for -F "nobody" || return 1
	wait_for -F "Library: 4 stories" && alive
}

test_log() {
	open_library || return 1
	keys L
	wait_for -F "Files skipped: 1" || return 1
	wait_for -F "pipe.xml" || return 1
	keys q
	wait_for -F "Library: 4 stories" && alive
}

# Story a, its "Read more" item N focused and its card opened.
read_more_card() {
	open_library || return 1
	keys j Enter
	wait_for -F "Officials met the UK" || return 1
	local i
	for ((i = 0; i < $1; i++)); do
		keys r
	done
	keys Enter
	wait_for "Read more r$1"
}

test_read_more_by_headline_and_back() {
	read_more_card 1 || return 1
	wait_for -F "Open the story: Britain delays the Huawei decision" ||
	    return 1
	wait_for -F "by its headline" || return 1
	keys Enter
	wait_for -F "The decision waits another week" || return 1
	wait_for -F "story 1 of 4" || return 1
	keys BSpace
	wait_for "^ Read more r1\$" || return 1
	wait_for -F "by its headline" || return 1
	keys q
	wait_for -F "Officials met the UK" && wait_for -F "story 2 of 4"
}

test_read_more_by_href() {
	read_more_card 2 || return 1
	wait_for -F "Open the story: Pottinger visits London" || return 1
	wait_for -F "by its file" || return 1
	keys Enter
	wait_for -F "A quiet visit" && wait_for -F "story 3 of 4"
}

test_read_more_none() {
	read_more_card 3 || return 1
	wait_for -F "No story in the library" && alive
}

test_actor_other_stories() {
	open_library || return 1
	keys j Enter
	wait_for -F "Officials met the UK" || return 1
	# The second item: the mention of Huawei.
	keys Tab Tab Enter
	wait_for -F "Actor: Huawei" || return 1
	wait_for -F "In 1 other story" || return 1
	keys G Enter
	wait_for -F "The decision waits another week" || return 1
	wait_for -F "Mention 1 of 1: Huawei" || return 1
	keys BSpace
	wait_for -F "Actor: Huawei" && alive
}

test_library_search() {
	open_library || return 1
	keys /
	wait_for -F "/ library:" || return 1
	text "zebrafish"
	keys Enter
	wait_for -F 'Library search "zebrafish": 4 matches' || return 1
	# In path order: a.xml's two, b.xml's, sub/c.xml's.
	row 1 "US officials press" && row 1 "zebrafish rule" &&
	    row 3 "Britain delays" && row 4 "Pottinger" || return 1
	keys j
	wait_for -F "Result 2 of 4: 2020-01-12 US officials" || return 1
	keys k Enter
	wait_for -F "result 1 of 4 across the library" || return 1
	wait_for -F "US officials press the UK on Huawei" || return 1
	keys n
	wait_for -F "result 2 of 4" || return 1
	keys n
	wait_for -F "result 3 of 4" || return 1
	wait_for -F "The decision waits another week" || return 1
	wait_for -F "story 1 of 4" || return 1
	keys n
	wait_for -F "result 4 of 4" && wait_for -F "A quiet visit" || return 1
	keys N N N
	wait_for -F "result 1 of 4" || return 1
	wait_for -F "Officials met the UK" || return 1
	keys BSpace
	wait_for -F 'Library search "zebrafish"' || return 1
	# n on the results opens the next one at once.
	keys n
	wait_for -F "result 2 of 4" && alive
}

# The match is marked on the results screen.
test_search_marked() {
	open_library || return 1
	keys /
	text "visit"
	keys Enter
	wait_for -F 'Library search "visit": ' || return 1
	screen_e | grep -F "visit" | grep -q $'\e\[' ||
	    fail "no attribute on the match" || return 1
}

test_library_actors() {
	open_library || return 1
	keys A
	wait_for -F "Actors of the library: 3" || return 1
	wait_for -F "Huawei  (2 stories, 2 mentions)" || return 1
	# GCHQ under the United Kingdom, indented.
	screen | grep -A1 -F "United Kingdom  (1 story" |
	    grep -q "^   GCHQ  (1 story, 1 mention)" ||
	    fail "GCHQ is not under the United Kingdom" || return 1
	keys Enter
	wait_for -F "Stories of Huawei: 2" || return 1
	keys j Enter
	wait_for -F "The decision waits another week" || return 1
	wait_for -F "Mention 1 of 1: Huawei" || return 1
	keys q
	wait_for -F "Stories of Huawei: 2" || return 1
	keys q
	wait_for -F "Actors of the library" || return 1
	keys q
	wait_for -F "Library: 4 stories" && alive
}

# The list at other sizes and without colour or UTF-8: drawn, and
# usable.
test_sizes() {
	local size
	for size in 120x40 40x12; do
		start -s "$size" "${CACHE[@]}" -- "$LIB" || return 1
		wait_for -F "Library" || return 1
		wait_for -F "Britain delays" || return 1
		keys Enter
		wait_for -F "The decision waits" || return 1
		keys q
		wait_for -F "Library" || return 1
		keys q
		wait_dead || return 1
	done
}

test_no_color_and_c_locale() {
	start -e NO_COLOR=1 -e LANG=C -e LC_ALL=C "${CACHE[@]}" -- "$LIB" ||
	    return 1
	wait_for -F "Library: 4 stories" || return 1
	row 1 "Britain delays" || return 1
	keys j Enter
	wait_for -F "Officials met the UK" && alive
}

test_files_too() {
	start "${CACHE[@]}" -- "$LIB/a.xml" "$LIB/b.xml" || return 1
	wait_for -F "Library: 2 stories" || return 1
	row 1 "Britain delays" && row 2 "US officials"
}

test_quit_restores() {
	start_wrapped "${CACHE[@]}" -- "$LIB" || return 1
	wait_for -F "Library: 4 stories" || return 1
	keys q
	restored 0
}

# A first indexing long enough to be seen: its progress on the status
# line, Ctrl-C stops it, the stories indexed so far listed; the next
# opening lists them all.
test_index_progress_and_ctrl_c() {
	local big=$TMPD/big story i n
	mkdir -p "$big"
	story=$(cat "$DATADIR/huawei-2020-01-12.xml")
	for ((i = 1; i <= 4000; i++)); do
		printf '%s\n' "${story/US officials to hold/Story $i: US officials to hold}" \
		    > "$big/s$i.xml"
	done
	start -e "XDG_CACHE_HOME=$TMPD/bigcache" -- "$big" || return 1
	wait_for "indexing the library: [1-9][0-9]* of 4000 files" 20 ||
	    return 1
	keys C-c
	wait_for -F "indexing stopped" 20 || return 1
	n=$(screen | sed -n 's/^ Library: \([0-9]*\) stories.*/\1/p')
	if [ -z "$n" ] || [ "$n" -ge 4000 ]; then
		fail "not a part of the library listed: '$n'" || return 1
	fi
	keys q
	wait_dead || return 1
	start -e "XDG_CACHE_HOME=$TMPD/bigcache" -- "$big" || return 1
	wait_for -F "Library: 4000 stories" 60
}

t "the list: newest first, counts, broken, skipped" test_list
t "s cycles the order" test_sort
t "f filters by headline and source as typed" test_filter
t "Ctrl-C while filtering cancels the filter" test_filter_ctrl_c
t "Enter opens, q and Backspace back to the cursor" test_open_and_back
t "a broken story is listed, not opened" test_broken
t "L: the log of skipped files" test_log
t "Read more by headline, and Backspace back to the card" \
    test_read_more_by_headline_and_back
t "Read more by href" test_read_more_by_href
t "Read more with no story in the library" test_read_more_none
t "an actor's other stories" test_actor_other_stories
t "library search, Enter at the match, n and N across stories" \
    test_library_search
t "the match marked on the results" test_search_marked
t "A: the library's actors, grouped, and their stories" test_library_actors
t "120x40 and 40x12" test_sizes
t "NO_COLOR and LANG=C" test_no_color_and_c_locale
t "FILE FILE... is a library too" test_files_too
t "q quits, the terminal restored" test_quit_restores
t "indexing: progress, Ctrl-C keeps what was indexed" \
    test_index_progress_and_ctrl_c
done_testing
