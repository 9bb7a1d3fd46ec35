#!/bin/sh
# layers.sh - the folders of src/ are layers, and a lower one never
# includes a higher one:
#
#   base < model < format < import, library < view < tui < cli
#
# import and library stand side by side: neither includes the other.  A
# file may include the headers of its own folder and of any folder
# below it.  Each folder is one TAP test; a failure names the file, the
# line and the header.  Run from anywhere, or with TESTDIR set.
set -u
TESTDIR=${TESTDIR:-$(dirname "$0")/..}
SRC=$TESTDIR/../src

rank() {
	case $1 in
	base) echo 0 ;; model) echo 1 ;; format) echo 2 ;;
	import|library) echo 3 ;; view) echo 4 ;; tui) echo 5 ;;
	cli) echo 6 ;;
	*) echo 99 ;;
	esac
}

dirs="base model format import library view tui cli"
echo "1..$(($(echo $dirs | wc -w) + 1))"
n=0
for d in $dirs; do
	n=$((n + 1))
	mine=$(rank "$d")
	bad=$(grep -n '^#include "[a-z]*/' "$SRC/$d"/*.[ch] 2>/dev/null |
	    while IFS= read -r line; do
		hdr=${line#*#include \"}
		to=${hdr%%/*}
		theirs=$(rank "$to")
		if [ "$to" != "$d" ] && [ "$theirs" -ge "$mine" ]; then
			echo "# ${line#"$SRC"/}"
		fi
	    done)
	if [ -z "$bad" ]; then
		echo "ok $n - src/$d includes only its own folder and lower ones"
	else
		echo "not ok $n - src/$d includes a folder at or above its layer"
		echo "$bad"
	fi
done
# Every source file sits in one of the layers: none at the top of src/.
n=$((n + 1))
stray=$(ls "$SRC"/*.[ch] 2>/dev/null | grep -v '/embedded\.c$')
if [ -z "$stray" ]; then
	echo "ok $n - no source file outside the layers"
else
	echo "not ok $n - source files outside the layers"
	echo "$stray" | sed 's/^/# /'
fi
