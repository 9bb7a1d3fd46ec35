#!/bin/sh
# names.sh - every function defined in src/ carries its file's prefix
# (tests/layout/prefixes), as tmux names its functions, and no two
# files define the same name, static ones included: a name says where
# it lives.  A definition is the project's style: the return type on
# one line, the name and "(" at the start of the next.  Run from
# anywhere, or with TESTDIR set.
set -u
TESTDIR=${TESTDIR:-$(dirname "$0")/..}
SRC=$TESTDIR/../src
TABLE=$TESTDIR/layout/prefixes

echo "1..3"

# Every function of each file, as "file name" (a prototype too: it
# names a function of the file all the same).
defs=$(for f in "$SRC"/*/*.c; do
	rel=${f#"$SRC"/}
	awk -v rel="$rel" 'prev !~ /^#/ && match($0, /^[a-z_][a-z0-9_]*\(/) {
		print rel, substr($0, 1, RLENGTH - 1) }
		{ prev = $0 }' "$f"
done)

missing=$(for f in "$SRC"/*/*.c; do
	rel=${f#"$SRC"/}
	case $rel in format/embedded.c) continue ;; esac
	grep -q "^$rel[[:space:]]" "$TABLE" || echo "# $rel"
done)
if [ -z "$missing" ]; then
	echo "ok 1 - every file of src/ has its prefix in tests/layout/prefixes"
else
	echo "not ok 1 - files with no prefix in tests/layout/prefixes"
	echo "$missing"
fi

bad=$(echo "$defs" | awk -v table="$TABLE" '
	BEGIN {
		while ((getline line < table) > 0) {
			sub(/#.*/, "", line)
			n = split(line, w, /[ \t]+/)
			if (n < 2) continue
			pre[w[1]] = ""
			for (i = 2; i <= n; i++) pre[w[1]] = pre[w[1]] " " w[i]
		}
	}
	$1 in pre {
		n = split(pre[$1], p, " ")
		for (i = 1; i <= n; i++) {
			if (index($2, p[i]) == 1) next
			if (p[i] ~ /_$/ && $2 == substr(p[i], 1, length(p[i]) - 1)) next
		}
		print "# src/" $1 ": " $2 " (prefix" pre[$1] ")"
	}')
if [ -z "$bad" ]; then
	echo "ok 2 - every function carries its file's prefix"
else
	echo "not ok 2 - functions without their file's prefix"
	echo "$bad"
fi

twice=$(echo "$defs" | sort -u | awk '{ n[$2]++; f[$2] = f[$2] " src/" $1 }
	END { for (k in n) if (n[k] > 1) print "# " k ":" f[k] }')
if [ -z "$twice" ]; then
	echo "ok 3 - no two files define the same name"
else
	echo "not ok 3 - names defined in more than one file"
	echo "$twice"
fi
