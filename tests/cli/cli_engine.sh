#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The session engine seen from the shell through --dry-run.
. "$(dirname "$0")/lib.sh"

round=$("$REHEARSE" round --count 5 --seed 42 --dry-run); rc=$?
expect_eq "round dry-run exits 0" "$rc" 0
qs=$(printf '%s\n' "$round" | grep -E '^[0-9]+\. ')
expect_eq "5 questions" "$(printf '%s\n' "$qs" | wc -l)" 5
expect_eq "5 distinct question ids" "$(printf '%s\n' "$qs" | awk '{print $3}' | sort -u | wc -l)" 5
expect_eq "5 distinct categories" "$(printf '%s\n' "$qs" | awk '{print $2}' | sort -u | wc -l)" 5
expect_eq "every question has a story line" "$(printf '%s\n' "$round" | grep -c '^   story: ')" 5
again=$("$REHEARSE" round --count 5 --seed 42 --dry-run)
expect_eq "same seed, same round" "$again" "$round"
other=$("$REHEARSE" round --count 5 --seed 43 --dry-run)
[ "$other" != "$round" ] && pass "another seed, another round" || fail "another seed, another round"

full=$("$REHEARSE" round --count 7 --seed 9 --dry-run | grep -E '^[0-9]+\. ' | awk '{print $2}' | sort -u | wc -l)
expect_eq "a round of 7 visits all 7 categories" "$full" 7

out=$("$REHEARSE" round --count 3 --level junior --seed 1 --dry-run)
expect_eq "junior round has no senior question" "$(printf '%s\n' "$out" | grep -c '(senior)')" 0

out=$("$REHEARSE" practice --question conf-01 --dry-run)
expect_match "practice by id" "$out" "^1\. \[conflict\] conf-01 \(any\): Tell me about a time you disagreed with a coworker\."
expect_match "shows the story written for it" "$out" "story: schema-disagreement .*\(written for this question\)"
expect_match "with its angle" "$out" "angle: "

out=$("$REHEARSE" practice --category failure --seed 5 --dry-run)
expect_match "practice by category" "$out" "^1\. \[failure\] fail-"
out=$("$REHEARSE" practice --story offline-pivot --dry-run)
expect_match "practice a story itself" "$out" "\[story\] Tell me about: Re-planning the field app"

out=$("$REHEARSE" pivot schema-disagreement --seed 2 --dry-run); rc=$?
expect_eq "pivot exits 0" "$rc" 0
expect_eq "pivot asks conflict, leadership, then another" "$(printf '%s\n' "$out" | grep -E '^[0-9]+\. ' | awk '{print $2}' | head -2 | tr '\n' ' ')" "[conflict] [leadership] "
expect_eq "pivot asks three" "$(printf '%s\n' "$out" | grep -cE '^[0-9]+\. ')" 3

out=$("$REHEARSE" practice --question nope --dry-run 2>&1); rc=$?
expect_eq "unknown question exits 1" "$rc" 1
expect_match "and names it" "$out" "no question with id 'nope'"
out=$("$REHEARSE" pivot cost-cutting --dry-run 2>&1); rc=$?
expect_eq "pivot on a moment exits 1" "$rc" 1
expect_match "and explains" "$out" "is a moment: write out its STAR sections first"

"$REHEARSE" round --bogus >/dev/null 2>&1; expect_eq "unknown option exits 2" "$?" 2
"$REHEARSE" frobnicate >/dev/null 2>&1; expect_eq "unknown command exits 2" "$?" 2
out=$("$REHEARSE" --help); rc=$?
expect_eq "--help exits 0" "$rc" 0
for c in practice round pivot bank history analyze devices play help; do
	expect_match "--help lists $c" "$out" "^  $c "
done
expect_match "--help says which data folder" "$out" "Data folder in use: $REHEARSE_DATA \(REHEARSE_DATA\)"
expect_match "help round" "$("$REHEARSE" help round)" "usage: rehearse round"
# Each command's help comes from its own option table.
for c in practice round pivot bank history delete stats analyze devices play; do
	out=$("$REHEARSE" help $c); rc=$?
	expect_eq "help $c exits 0" "$rc" 0
	expect_eq "help $c is $c --help" "$("$REHEARSE" $c --help)" "$out"
	expect_match "help $c has a usage line" "$out" "^usage: rehearse $c"
done
expect_match "help lists each option" "$("$REHEARSE" help history)" "^  --since DATE +from this day on"
expect_match "take options on every take command" "$("$REHEARSE" help pivot)" "^  --no-record "
"$REHEARSE" help nope >/dev/null 2>&1; expect_eq "help on no such command exits 2" "$?" 2

# The forms getopt_long took: --opt=value, a unique prefix, options after operands.
expect_eq "--count=5 and a prefix" "$("$REHEARSE" round --count=5 --seed 42 --dry)" "$round"
out=$("$REHEARSE" round --se 1 --dry-run 2>&1); rc=$?
expect_eq "an ambiguous prefix exits 2" "$rc" 2
expect_match "and says so" "$out" "option '--se' is ambiguous"
out=$("$REHEARSE" round --count 0 --dry-run 2>&1); rc=$?
expect_eq "a refused value exits 2" "$rc" 2
expect_eq "and says what it takes" "$out" "rehearse: --count takes 1 to 50, not '0'"
expect_eq "--seconds range" "$("$REHEARSE" practice --seconds 4 --dry-run 2>&1)" "rehearse: --seconds takes 5 to 3600, not '4'"
# The options that set what a setting does take its range and its words
# from the key table (`config --keys` prints it): the two cannot drift.
for pair in seconds:seconds:practice prep:prep:practice count:round-size:round; do
	IFS=: read -r opt key cmd <<<"$pair"
	words=$("$REHEARSE" config --keys | sed -n "s/^$key  *.* (\([0-9][^;]*\); built-in.*/\1/p")
	hi=$(printf '%s' "$words" | sed -n 's/^[0-9]* to \([0-9]*\).*/\1/p')
	expect_eq "--$opt refuses one past the $key setting's $words" \
		"$("$REHEARSE" $cmd --$opt $((hi + 1)) --dry-run 2>&1)" "rehearse: --$opt takes $words, not '$((hi + 1))'"
	"$REHEARSE" $cmd --$opt "$hi" --dry-run >/dev/null 2>&1
	expect_eq "--$opt takes the setting's top, $hi" "$?" 0
done
expect_eq "--level values" "$("$REHEARSE" practice --level boss --dry-run 2>&1)" "rehearse: --level takes junior, senior or any, not 'boss'"
"$REHEARSE" practice --question conf-01 --story ci-pipeline --dry-run >/dev/null 2>&1
expect_eq "question and story together are a usage error" "$?" 2
"$REHEARSE" pivot --dry-run >/dev/null 2>&1; expect_eq "pivot without a story is a usage error" "$?" 2
expect_eq "short options: -n 2 and -n2" "$("$REHEARSE" bank select -n2)" "$("$REHEARSE" bank select --count 2)"
expect_match "short options in help" "$("$REHEARSE" help delete)" "^  -y, --yes "
"$REHEARSE" delete -yx 3 >/dev/null 2>&1; expect_eq "an unknown short option exits 2" "$?" 2

# --dry-run against a database that cannot be opened: the error, and a failure.
mkdir -p "$T/broken" && printf 'garbage garbage garbage garbage garbage garbage garbage garbage\n' > "$T/broken/history.db"
for c in "practice --question conf-01" "round --count 2" "pivot schema-disagreement"; do
	out=$("$REHEARSE" --data "$T/broken" $c --dry-run 2>&1); rc=$?
	expect_eq "$c --dry-run on a broken database exits 1" "$rc" 1
	expect_match "and says why" "$out" "broken/history.db"
done

# Audio backends by name.
out=$("$REHEARSE" --audio fake devices); rc=$?
expect_eq "--audio fake devices exits 0" "$rc" 0
expect_match "and lists the fake device" "$out" "fake device +test +1 +1 +48000"
expect_match "--audio after the command" "$("$REHEARSE" devices --audio fake)" "fake device"
out=$("$REHEARSE" --audio nope devices 2>&1); rc=$?
expect_eq "an unknown backend exits 1" "$rc" 1
expect_match "and names the choices" "$out" "no audio backend 'nope' \(there are: portaudio, fake\)"
expect_match "--version" "$("$REHEARSE" --version)" "^rehearse [0-9]+\.[0-9]+"
finish
