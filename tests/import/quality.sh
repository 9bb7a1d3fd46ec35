#!/bin/sh
# quality.sh - how well --import does on the seed article, measured
# against the hand-annotated story of the same article.
#
# Imports tests/data/seed.txt twice, with the shipped story as
# gazetteer (--actors) and without one, compares each import with
# data/huawei-2020-01-12.xml (tests/import/compare.c says how: mentions
# as the multiset of (paragraph, actor), quotes as (paragraph, speaker),
# related items as (paragraph, title)), prints a table of precision and
# recall, and checks the targets:
#
#   with --actors:  mentions P and R >= 0.95, both quotes with the right
#                   speakers, both related items
#   without:        mentions R >= 0.75
#
# Output is TAP, so that make check counts it; the table is in the
# comments.  Run by hand from the build directory, or with NEWSLENS,
# TESTDIR, DATADIR and COMPARE set.
set -u

NEWSLENS=${NEWSLENS:-./src/newslens}
TESTDIR=${TESTDIR:-$(dirname "$0")/..}
DATADIR=${DATADIR:-$TESTDIR/../data}
COMPARE=${COMPARE:-$(dirname "$NEWSLENS")/../tests/import/compare}
SHINGLES=${SHINGLES:-$(dirname "$COMPARE")/shingles}
PAGES=$TESTDIR/import/pages
SEED=$TESTDIR/data/seed.txt
GOLD=$DATADIR/huawei-2020-01-12.xml

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newslens-quality.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "1..16"
n=0
ok() {	# ok TRUE DESCRIPTION, where TRUE is 1 or 0
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

# ratio A B: A / B with two decimals (1.00 when B is 0).
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 1) }'
}

# at_least X T: 1 if X >= T.
at_least() {
	awk -v x="$1" -v t="$2" 'BEGIN { print (x + 0 >= t + 0) ? 1 : 0 }'
}

# measure NAME [--actors STORY]: imports and compares; sets the
# variables NAME_blocks, NAME_mentions_p, … from compare's output.
measure() {
	name=$1
	shift
	if ! "$NEWSLENS" --import "$SEED" -o "$tmp/$name.xml" "$@" \
	    2>"$tmp/$name.err"; then
		sed 's/^/# /' "$tmp/$name.err"
		return 1
	fi
	"$COMPARE" "$GOLD" "$tmp/$name.xml" >"$tmp/$name.cmp" || return 1
	while read -r what hit tst gld; do
		eval "${name}_${what}_p=\$(ratio $hit $tst)"
		eval "${name}_${what}_r=\$(ratio $hit $gld)"
		eval "${name}_${what}_n=\"$hit/$tst/$gld\""
	done <"$tmp/$name.cmp"
}

measure gaz --actors "$GOLD" && worked=1 || worked=0
ok $worked "import of the seed with --actors works"
measure bare && worked=1 || worked=0
ok $worked "import of the seed without --actors works"

echo "#"
echo "# import of tests/data/seed.txt vs data/huawei-2020-01-12.xml"
echo "# (matched/imported/hand-annotated in brackets)"
echo "#"
printf '# %-9s | %-28s | %-28s\n' "" "with --actors" "without"
printf '# %-9s | %-28s | %-28s\n' "" "P     R     (n)" "P     R     (n)"
for what in blocks mentions quotes related; do
	eval "gp=\${gaz_${what}_p:-?} gr=\${gaz_${what}_r:-?} gn=\${gaz_${what}_n:-?}"
	eval "bp=\${bare_${what}_p:-?} br=\${bare_${what}_r:-?} bn=\${bare_${what}_n:-?}"
	printf '# %-9s | %-5s %-5s %-16s | %-5s %-5s %-16s\n' "$what" \
	    "$gp" "$gr" "($gn)" "$bp" "$br" "($bn)"
done
echo "#"

ok "$(at_least "${gaz_blocks_r:-0}" 1)" \
    "paragraphs and related items are the seed's, in order"
ok "$(at_least "${gaz_mentions_p:-0}" 0.95)" \
    "with --actors: mention precision ${gaz_mentions_p:-?} >= 0.95"
ok "$(at_least "${gaz_mentions_r:-0}" 0.95)" \
    "with --actors: mention recall ${gaz_mentions_r:-?} >= 0.95"
ok "$(at_least "${gaz_quotes_r:-0}" 1)" \
    "with --actors: both quotes, with the right speakers"
ok "$(at_least "${gaz_quotes_p:-0}" 1)" \
    "with --actors: no other quotes"
ok "$(at_least "${gaz_related_r:-0}" 1)" \
    "with --actors: both related items"
ok "$(at_least "${bare_mentions_r:-0}" 0.75)" \
    "without --actors: mention recall ${bare_mentions_r:-?} >= 0.75"

# ---- web pages: the article's text, against Readability's ----------
# Each page of tests/import/pages is imported and its text compared
# with the text Readability takes from it, by 4-gram shingle F1
# (tests/import/shingles.c); its headline and byline with Readability's.
"$SHINGLES" "$PAGES"/*/ >"$tmp/pages" 2>"$tmp/pages.err"
echo "#"
echo "# web pages of tests/import/pages: the text against Readability's"
echo "# (4-gram shingles), the head against its metadata (1 the same)"
echo "#"
row() {
	printf '# %-30s %-5s %-5s %-5s %-8s %s\n' "$@"
}
row page P R F1 headline byline
sed '$d' "$tmp/pages" | while read -r dir p r f h b; do
	row "$(basename "$dir")" "$p" "$r" "$f" "$h" "$b"
done
set -- $(tail -n 1 "$tmp/pages")
pf=${4:-0} ph=${5:-0}
row "$@"
echo "#"
sed 's/^/# /' "$tmp/pages.err"
worst=$(sed '$d' "$tmp/pages" | awk 'BEGIN { m = 1 } $4 < m { m = $4 }
    END { print m }')
ok "$(at_least "$pf" 0.95)" "web pages: mean F1 $pf >= 0.95"
ok "$(at_least "$worst" 0.70)" \
    "web pages: every page's F1 >= 0.70 (the worst: $worst)"
ok "$(at_least "$ph" 0.80)" \
    "web pages: the headline is Readability's on $ph >= 0.80 of them"

# ---- who said what, on articles nobody tuned for ---------------------
# tests/import/data/*.txt.gold annotate three articles by hand: each
# direct quotation (paragraph, speaker's name, first words) and the
# people named.  A quote imported is matched when one of the gold
# quotes of its paragraph starts its text; its speaker is right when
# the speaker's name is the gold one.  People get kind person when an
# actor of that name has it.
: >"$tmp/gold.sum"
for gold in "$TESTDIR"/import/data/*.txt.gold; do
	art=${gold%.gold}
	name=$(basename "$art" .txt)
	"$NEWSLENS" --import "$art" -o "$tmp/$name.xml" 2>/dev/null || continue
	"$NEWSLENS" --list actors "$tmp/$name.xml" >"$tmp/$name.actors"
	"$NEWSLENS" --list quotes "$tmp/$name.xml" >"$tmp/$name.quotes"
	awk -F '\t' -v name="$name" '
	FILENAME == ARGV[1] && FNR > 1 { kind[$1] = $2; nm[$1] = $3
	    kindof[$3] = $2; next }
	FILENAME == ARGV[2] && FNR > 1 { n++; qp[n] = $3; qs[n] = nm[$2]
	    qt[n] = $4; next }
	FILENAME == ARGV[3] && $1 == "quote" { g++; gp[g] = $2; gs[g] = $3
	    gt[g] = $4; next }
	FILENAME == ARGV[3] && $1 == "person" { people++
	    if (kindof[$2] == "person") persons++ }
	END {
		for (i = 1; i <= n; i++)
			for (k = 1; k <= g; k++)
				if (!used[k] && gp[k] == qp[i] &&
				    index(qt[i], gt[k]) == 1) {
					used[k] = 1; matched++
					if (qs[i] == gs[k]) right++
					break
				}
		printf "%s %d %d %d %d %d %d\n", name, matched + 0, n + 0,
		    g + 0, right + 0, persons + 0, people + 0
	}' "$tmp/$name.actors" "$tmp/$name.quotes" "$gold" >>"$tmp/gold.sum"
done
echo "#"
echo "# who said what, against the hand annotation of tests/import/data/*.gold"
echo "# (quotes matched/imported/hand; speakers right/matched; persons)"
echo "#"
awk '{ printf "# %-14s quotes P %.2f R %.2f (%d/%d/%d)  speaker %.2f (%d/%d)  person %.2f (%d/%d)\n",
    $1, ($3 ? $2 / $3 : 1), ($4 ? $2 / $4 : 1), $2, $3, $4,
    ($2 ? $5 / $2 : 1), $5, $2, ($7 ? $6 / $7 : 1), $6, $7 }' "$tmp/gold.sum"
set -- $(awk '{ m += $2; n += $3; g += $4; r += $5; p += $6; q += $7 }
    END { printf "%.2f %.2f %.2f %.2f", (n ? m / n : 0), (g ? m / g : 0),
    (m ? r / m : 0), (q ? p / q : 0) }' "$tmp/gold.sum")
echo "# all            quotes P $1 R $2  speaker $3  person $4"
echo "#"
ok "$(at_least "$1" 0.90)" "who said what: quote precision $1 >= 0.90"
ok "$(at_least "$2" 0.85)" "who said what: quote recall $2 >= 0.85"
ok "$(at_least "$3" 0.85)" "who said what: the speaker right for $3 >= 0.85"
ok "$(at_least "$4" 0.90)" "who said what: people of kind person $4 >= 0.90"
