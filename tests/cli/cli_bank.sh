#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The bank commands on the bundled bank and on broken banks.
. "$(dirname "$0")/lib.sh"

out=$("$REHEARSE" bank check 2>&1); rc=$?
expect_eq "bank check passes on the bundled bank" "$rc" 0
expect_match "bank check counts" "$out" "ok: 7 categories, [0-9]+ questions, 7 stories, [3-9] moments, 18 follow-ups, 0 warnings"

out=$("$REHEARSE" bank coverage); rc=$?
expect_eq "bank coverage exits 0" "$rc" 0
expect_match "coverage has a row per story with words" "$out" "^ci-pipeline +x +\. +\. +x +x +\. +x +[0-9]+ +5 +story"
expect_match "coverage says all categories are covered" "$out" "Every category is covered"

out=$("$REHEARSE" bank select --count 5); rc=$?
expect_eq "bank select exits 0" "$rc" 0
expect_match "select ranks by combined score" "$out" "1\. ci-pipeline +cov 4 \+ str 5 =  9"
expect_match "select shows the max-coverage pick" "$out" "The 5 that together cover the most categories"
expect_eq "select --count 0 is a usage error" "$("$REHEARSE" bank select --count 0 >/dev/null 2>&1; echo $?)" 2

# Each folder under bad-banks overlays the bundled bank with broken files
# and holds the exact first line of the error it must produce.
for case in "$SRC"/tests/bad-banks/*/; do
	name=$(basename "$case")
	bank="$T/banks/$name"
	mkdir -p "$bank"
	cp -r "$SRC/prompts/." "$bank/"
	(cd "$case" && find . -type f ! -name expected -exec cp --parents {} "$bank/" \;)
	want=$(sed "s|BANK|$bank|g" "$case/expected")
	got=$("$REHEARSE" --bank "$bank" bank check 2>&1 >/dev/null); rc=$?
	expect_eq "bad bank $name: message" "$got" "rehearse: $want"
	expect_eq "bad bank $name: exit code" "$rc" 1
done

# bank init copies the bank it is given; a second init refuses to overwrite.
out=$("$REHEARSE" --bank "$SRC/prompts" bank init "$T/mine" 2>&1); rc=$?
expect_eq "bank init exits 0" "$rc" 0
expect_eq "bank init copies every story" "$(ls "$T/mine/stories" | wc -l)" "$(ls "$SRC/prompts/stories" | wc -l)"
out=$("$REHEARSE" --bank "$SRC/prompts" bank init "$T/mine" 2>&1); rc=$?
expect_eq "bank init refuses an existing bank" "$rc" 1
expect_match "and says why" "$out" "already there; not overwriting"

# bank new writes a template the parser accepts, in the chosen bank, and
# runs $EDITOR on it (here an editor that appends a question id).
out=$(EDITOR=true REHEARSE_BANK="$T/mine" "$REHEARSE" bank new "My New Story" 2>&1 </dev/null); rc=$?
expect_eq "bank new exits 0" "$rc" 0
expect_eq "bank new writes a slugged file" "$(ls "$T/mine/stories/my-new-story.md")" "$T/mine/stories/my-new-story.md"
expect_match "bank new re-checks the story after the editor" "$out" "to do: .*my-new-story.md:3: unknown category 'TODO'"
out=$(REHEARSE_BANK="$T/mine" "$REHEARSE" bank check 2>&1); rc=$?
expect_eq "an unedited template fails bank check (its placeholder)" "$rc" 1
expect_match "naming the placeholder line" "$out" "my-new-story.md:3: unknown category 'TODO'"
out=$(REHEARSE_BANK="$T/mine" "$REHEARSE" bank coverage 2>&1)
if printf '%s' "$out" | grep -q '^my-new-story '; then fail "an unedited template counts as no coverage"; else pass "an unedited template counts as no coverage"; fi
sed -i 's/^categories: TODO$/categories: conflict/' "$T/mine/stories/my-new-story.md"
out=$(REHEARSE_BANK="$T/mine" "$REHEARSE" bank check 2>&1); rc=$?
expect_eq "filled in, the template passes bank check" "$rc" 0
expect_match "with a length warning for the short template" "$out" "my-new-story.md: warning: [0-9]+ words"
out=$(REHEARSE_BANK="$T/mine" "$REHEARSE" bank new "My New Story" 2>&1 </dev/null); rc=$?
expect_eq "bank new will not overwrite" "$rc" 1

# An oversized file is refused before it is parsed.
mkdir -p "$T/banks/oversized" && cp -r "$SRC/prompts/." "$T/banks/oversized/"
head -c 300000 /dev/zero | tr '\0' '#' > "$T/banks/oversized/questions.txt"
got=$("$REHEARSE" --bank "$T/banks/oversized" bank check 2>&1); rc=$?
expect_eq "oversized file is refused" "$got" "rehearse: $T/banks/oversized/questions.txt:1: file is too large (300000 bytes, the limit is 262144)"

# Issue 11: every mistake in one run; a broken story leaves the rest usable.
mkdir -p "$T/banks/three" && cp -r "$SRC/prompts/." "$T/banks/three/"
sed -i 's/^strength: .*/strength: 9/' "$T/banks/three/stories/ci-pipeline.md"
sed -i 's/^categories: .*/categories: bravery/' "$T/banks/three/stories/billing-outage.md"
sed -i '0,/^## Result/s//## Outcome/' "$T/banks/three/stories/offline-pivot.md"
out=$("$REHEARSE" --bank "$T/banks/three" bank check 2>&1); rc=$?
expect_eq "bank check with three broken stories exits 1" "$rc" 1
expect_eq "and names all three in one run" "$(printf '%s\n' "$out" | grep -cE 'stories/(ci-pipeline|billing-outage|offline-pivot)\.md:[0-9]+: ')" 3
mkdir -p -m 700 "$REHEARSE_DATA"
out=$("$REHEARSE" --bank "$T/banks/three" stats 2>&1); rc=$?
expect_eq "stats still runs with broken stories" "$rc" 0
expect_match "naming the file left out" "$out" "ci-pipeline.md:[0-9]+: .*story left out"
out=$("$REHEARSE" --bank "$T/banks/three" practice --dry-run 2>&1); rc=$?
expect_eq "practice still runs with broken stories" "$rc" 0
mkdir -p "$T/banks/qs" && cp -r "$SRC/prompts/." "$T/banks/qs/"
printf 'x1 | conflict | any | fine\nx2 | conflicts | any | bad category\nx3 | conflict | principal | bad level\nx1 | conflict | any | duplicate\n' >>"$T/banks/qs/questions.txt"
out=$("$REHEARSE" --bank "$T/banks/qs" bank check 2>&1); rc=$?
expect_eq "three bad question lines, three messages" "$(printf '%s\n' "$out" | grep -c 'questions.txt:')" 3

# Issue 11: bank init refuses a path whose parent folder is missing.
out=$("$REHEARSE" bank init "$T/nonexistent/dir/x" 2>&1); rc=$?
expect_eq "bank init into a missing parent exits 1" "$rc" 1
expect_match "and says which folder is missing" "$out" "nonexistent/dir: no such folder"
[ ! -e "$T/nonexistent" ] && pass "and creates nothing" || fail "and creates nothing"

out=$("$REHEARSE" --bank "$T/nowhere" bank check 2>&1); rc=$?
expect_eq "missing bank folder exits 1" "$rc" 1
expect_match "and names it" "$out" "nowhere: prompt bank folder not found"
finish
