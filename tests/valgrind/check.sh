#!/bin/sh
# tests/valgrind/check.sh - make check-valgrind: memcheck over the unit
# suites, the fuzz corpus replays and the program itself; zero errors
# and zero leaks (definite, indirect or possible) or the run fails.
#
# Usage (from make check-valgrind, in the build directory, with the
# test environment: TESTDIR, DATADIR, NEWSLENS):
#   check.sh PROGRAM...
# Each PROGRAM (a Criterion suite or a fuzz replay) runs under valgrind,
# children traced (Criterion runs every test in a process of its own;
# the replays fork one child per input) but for system programs such
# as mandoc.  Then newslens runs under valgrind over the shipped story,
# tests/data and tests/bad.  A line per run, PASS or FAIL, then a
# summary in automake's format ("# PASS:  N"), which .ci/run adds up.
# Logs: tests/valgrind/*.log in the build directory.
set -u

VALGRIND=${VALGRIND:-valgrind}
here=$(cd "$(dirname "$0")" && pwd)
logdir=tests/valgrind
mkdir -p "$logdir"
pass=0
fail=0

if ! command -v "$VALGRIND" >/dev/null 2>&1; then
	echo "valgrind is not installed (Debian: valgrind)" >&2
	exit 1
fi

# vg NAME STATUS COMMAND...: runs COMMAND under memcheck, expecting its
# exit status to be STATUS; NAME names its logs.
vg() {
	name=$1
	want=$2
	shift 2
	out=$logdir/$name.log
	vgdir=$logdir/$name.vg
	rm -rf "$vgdir"
	mkdir -p "$vgdir"
	"$VALGRIND" --tool=memcheck -q --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --error-exitcode=99 --trace-children=yes \
	    --trace-children-skip='/usr/*,/bin/*,/sbin/*' \
	    --suppressions="$here/valgrind.supp" \
	    --log-file="$vgdir/%p.log" "$@" > "$out" 2>&1
	status=$?
	found=
	for lf in "$vgdir"/*.log; do
		if [ -s "$lf" ]; then
			found=1
			{ echo "---- valgrind: $lf"; cat "$lf"; } >> "$out"
		fi
	done
	if [ "$status" -eq "$want" ] && [ -z "$found" ]; then
		echo "PASS: $name"
		pass=$((pass + 1))
		rm -rf "$vgdir"
	else
		echo "FAIL: $name (exit status $status, not $want; see $out)"
		fail=$((fail + 1))
		tail -n 60 "$out" | sed 's/^/  | /'
	fi
}

for prog in "$@"; do
	vg "$(basename "$prog")" 0 "$prog"
done

# The program: every mode over the shipped and test stories (valid and
# hostile), and every bad file in one --check (which must exit 1).
for f in "$DATADIR"/*.xml "$TESTDIR"/data/*.xml; do
	b=$(basename "$f" .xml)
	vg "newslens-dump-$b" 0 "$NEWSLENS" --dump --width 30 "$f"
	vg "newslens-list-$b" 0 "$NEWSLENS" --list claims "$f"
done
vg newslens-default 0 "$NEWSLENS" --dump
vg newslens-help 0 "$NEWSLENS" --help
# shellcheck disable=SC2046 # one word per file
vg newslens-check-bad 1 "$NEWSLENS" --check $(find "$TESTDIR/bad" -type f |
    sort)

echo "============================================================================"
echo "Testsuite summary for newslens under valgrind"
echo "============================================================================"
echo "# TOTAL: $((pass + fail))"
echo "# PASS:  $pass"
echo "# FAIL:  $fail"
echo "============================================================================"
[ "$fail" -eq 0 ]
