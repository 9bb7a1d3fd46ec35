#!/bin/sh
# webhostile.sh - web pages and feeds too large or too hostile for the
# unit suite: a page of 15 MiB, one of 50 MB (over the cap of 16 MiB),
# the same page over --max-size, a feed of 10,000 items, a feed with an
# entity bomb in its DTD, and bytes that are no page at all.  Each must end in a story (or stories) that
# --check accepts, or in one message `newslens: FILE:LINE: message`
# and exit status 1.  TAP; run by make check, or by hand from the
# build directory (NEWSLENS may name the program).
set -u
NEWSLENS=${NEWSLENS:-./src/newslens}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newslens-webhostile.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "1..9"
n=0
ok() {	# ok TRUE DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 1 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# one_message FILE: 1 if FILE holds one line, in the form of a message
# (`newslens: FILE:LINE: message`, or `newslens: FILE: message` for the
# file as a whole, as newslens(1) says).
one_message() {
	[ "$(wc -l <"$1")" -eq 1 ] && grep -q '^newslens: [^ ]*: ' "$1" &&
	    echo 1 || echo 0
}

# page MB: boilerplate, then an article of many paragraphs, MB MiB.
page() {
	awk -v mb="$1" 'BEGIN {
	print "<!DOCTYPE html><html><head><title>A very long page | Site</title>"
	print "<meta charset=\"utf-8\"></head><body><nav><a href=\"/\">Home</a></nav>"
	print "<article>"
	p = "<p>The minister said on Tuesday that the port would reopen, " \
	    "and the union, which had called the strike, agreed to talks.</p>"
	for (bytes = 0; bytes < mb * 1024 * 1024; bytes += length(p) + 1)
		print p
	print "</article><footer>All rights reserved</footer></body></html>"
	}'
}
# A page of 15 MiB, under the cap of 16 MiB (newslens(1)).
page 15 >"$tmp/big.html"
"$NEWSLENS" --import "$tmp/big.html" -o "$tmp/big.xml" 2>"$tmp/big.err"
st=$?
ok "$([ $st -eq 0 ] && [ -s "$tmp/big.xml" ] && echo 1 || echo 0)" \
    "a page of 15 MiB is imported (exit $st)"
"$NEWSLENS" --check "$tmp/big.xml" 2>"$tmp/check.err" && c=1 || c=0
ok "$c" "its story is valid"
rm -f "$tmp/big.xml"

# A page of 50 MB: over the cap, refused before it is parsed.
page 50 >"$tmp/big.html"
"$NEWSLENS" --import "$tmp/big.html" -o "$tmp/big.xml" 2>"$tmp/big.err"
st=$?
ok "$([ $st -eq 1 ] && [ ! -e "$tmp/big.xml" ] &&
    [ "$(one_message "$tmp/big.err")" = 1 ] &&
    grep -q 'a web page of [0-9]* bytes: .*at most 16 MiB' "$tmp/big.err" &&
    echo 1 || echo 0)" \
    "a page of 50 MB is refused: one message, exit 1 (exit $st: $(head -c 100 "$tmp/big.err"))"

"$NEWSLENS" --import "$tmp/big.html" --max-size=1M >"$tmp/cap.out" \
    2>"$tmp/cap.err"
st=$?
ok "$([ $st -eq 1 ] && [ ! -s "$tmp/cap.out" ] &&
    [ "$(one_message "$tmp/cap.err")" = 1 ] && echo 1 || echo 0)" \
    "over --max-size: one message, exit 1 (exit $st: $(head -c 100 "$tmp/cap.err"))"
rm -f "$tmp/big.html"

# A feed of 10,000 items, all of the same title and day.
awk 'BEGIN {
	print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>"
	for (i = 0; i < 10000; i++)
		printf "<item><title>The same title</title>" \
		    "<link>https://x.example/2024/03/05/item-%d</link>" \
		    "<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>" \
		    "<description>&lt;p&gt;Text of item %d, said Jo " \
		    "Bloggs.&lt;/p&gt;</description></item>\n", i, i
	print "</channel></rss>"
}' >"$tmp/feed.xml"
mkdir "$tmp/out"
"$NEWSLENS" --import "$tmp/feed.xml" -o "$tmp/out" >"$tmp/feed.out" \
    2>"$tmp/feed.err"
st=$?
files=$(ls "$tmp/out" | wc -l)
lines=$(wc -l <"$tmp/feed.out")
ok "$([ $st -eq 0 ] && [ "$files" -eq 10000 ] && [ "$lines" -eq 10000 ] &&
    echo 1 || echo 0)" \
    "a feed of 10,000 items: 10,000 stories, each path printed (exit $st, $files files, $lines lines)"
ok "$([ -f "$tmp/out/2024-03-05-the-same-title-10000.xml" ] && echo 1 ||
    echo 0)" "names of the same title numbered, none overwritten"
"$NEWSLENS" --check "$tmp/out/2024-03-05-the-same-title.xml" \
    "$tmp/out/2024-03-05-the-same-title-5000.xml" 2>"$tmp/check.err" &&
    c=1 || c=0
ok "$c" "the stories of the feed are valid"
rm -rf "$tmp/out" "$tmp/feed.xml"

# A feed with an entity bomb in its DTD: refused, as a story would be.
{
	echo '<?xml version="1.0"?><!DOCTYPE rss ['
	echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
	echo '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
	echo '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
	echo '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
	echo ']><rss version="2.0"><channel><title>&d;</title><item>'
	echo '<title>&d;</title><description>&d;</description></item>'
	echo '</channel></rss>'
} >"$tmp/bomb.xml"
mkdir "$tmp/bomb"
"$NEWSLENS" --import "$tmp/bomb.xml" -o "$tmp/bomb" >/dev/null \
    2>"$tmp/bomb.err"
st=$?
ok "$([ $st -eq 1 ] && [ "$(ls "$tmp/bomb" | wc -l)" -eq 0 ] &&
    grep -q '^newslens: .*bomb.xml:[0-9]*: ' "$tmp/bomb.err" && echo 1 ||
    echo 0)" "a feed with an entity bomb is refused (exit $st: $(head -c 100 "$tmp/bomb.err"))"

# Bytes that are no page: control characters never reach the terminal.
printf '<html><body>\033[2J\033]0;owned\007\001\002<p>\377\376 x</p>' \
    >"$tmp/junk.html"
"$NEWSLENS" --import "$tmp/junk.html" --from html >"$tmp/junk.out" \
    2>"$tmp/junk.err"
st=$?
ok "$( ! grep -q "$(printf '\033')" "$tmp/junk.out" "$tmp/junk.err" &&
    { [ $st -eq 0 ] || [ "$(one_message "$tmp/junk.err")" = 1 ]; } &&
    echo 1 || echo 0)" "a page of junk: no escape written, exit 0 or one message (exit $st)"
