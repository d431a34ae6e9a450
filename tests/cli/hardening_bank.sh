#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9, the bank: a story at the size limit (item 5), titles that would
# break the bank (item 8).
. "$(dirname "$0")/lib.sh"
B="$T/bank"
"$REHEARSE" --bank "$SRC/prompts" bank init "$B" >/dev/null 2>&1

# --- a 256 KB story of short lines loads at once (item 5) ---------------
# It took 41 s when every line rebuilt its section; 10 s is a hang guard,
# not a speed target (the figure is printed for the record).
python3 - "$B/stories/long.md" <<'PY'
import sys
head = "# A long story\ncategories: conflict, failure, leadership\nstrength: 3\n\n## Situation\n"
tail = "## Task\nt\n## Action\na\n## Result\nr\n"
lines = (256 * 1024 - len(head) - len(tail) - 1) // 2
open(sys.argv[1], "w").write(head + "w\n" * lines + tail)
PY
size=$(stat -c %s "$B/stories/long.md")
start=$(date +%s.%N)
out=$(timeout 10 "$REHEARSE" --bank "$B" bank check 2>&1); rc=$?
took=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
echo "     (a $size-byte story of one-letter lines: bank check took $took s)"
[ "$rc" -ne 124 ] && pass "a story of short lines near the limit loads without hanging" ||
	fail "bank check on a $size-byte story did not finish in 10 s"
expect_match "and it is read whole" "$out" "long.md: warning: [0-9]+ words"
rm "$B/stories/long.md"

# --- titles that would break the bank are refused (item 8) --------------
export EDITOR=true VISUAL=
before=$(ls "$B/stories" | sort)
for title in $'Good title\ncategories: nope\nstrength: 9' $'   \t  ' $'bad \xff byte' $'tab\there'; do
	out=$("$REHEARSE" --bank "$B" bank new "$title" 2>&1); rc=$?
	label=$(printf '%q' "$title")
	expect_eq "bank new $label exits 1" "$rc" 1
	expect_match "with a reason" "$out" "control character|needs a title|not valid UTF-8"
done
expect_eq "and nothing was written" "$(ls "$B/stories" | sort)" "$before"
out=$("$REHEARSE" --bank "$B" bank check 2>&1); rc=$?
expect_eq "the bank still loads" "$rc" 0
out=$("$REHEARSE" --bank "$B" bank new "Café launch, 2024" 2>&1); rc=$?
expect_eq "a good title (with UTF-8 and a comma) is accepted" "$rc" 0
expect_match "and its story loads" "$("$REHEARSE" --bank "$B" bank coverage 2>&1)" "caf-?e?-launch-2024"

# --- ids and headings fold case in ASCII, whatever the locale (issue 16,
# item 17): Turkish folds I to a dotless i, so strcasecmp("SITUATION",
# "Situation") fails there. The locale is made in $T (no root needed).
TB="$T/trbank"
"$REHEARSE" --bank "$SRC/prompts" bank init "$TB" >/dev/null 2>&1
mkdir -p "$T/locale"
if localedef -i tr_TR -f UTF-8 "$T/locale/tr_TR.UTF-8" >/dev/null 2>&1 &&
	[ -z "$(LOCPATH="$T/locale" LC_ALL=tr_TR.UTF-8 locale 2>&1 >/dev/null)" ]; then
	in_tr() { LOCPATH="$T/locale" LC_ALL=tr_TR.UTF-8 "$REHEARSE" "$@"; }
	out=$(in_tr --bank "$TB" practice --story CI-PIPELINE --dry-run 2>&1); rc=$?
	expect_eq "tr_TR: --story CI-PIPELINE names ci-pipeline" "$rc" 0
	expect_match "and it is the one asked for" "$out" "story: ci-pipeline "
	sed -E 's/^## (.*)$/## \U\1/' "$TB/stories/ci-pipeline.md" >"$TB/stories/ci-loud.md"
	sed -i 's/^# .*/# The same story, headings in capitals/' "$TB/stories/ci-loud.md"
	out=$(in_tr --bank "$TB" bank check 2>&1); rc=$?
	expect_eq "tr_TR: '## SITUATION' is the Situation heading" "$rc" 0
	expect_eq "with no complaint" "$(printf '%s\n' "$out" | grep 'ci-loud.md' | grep -vc ': note: ')" 0
	rm "$TB/stories/ci-loud.md"
else
	echo "skip tr_TR: the locale cannot be made here (localedef, package locales)"
fi

# --- a UTF-8 byte order mark at the start of a file is no text (issue 16,
# item 18): every bank file, and the settings file, on its first line.
BB="$T/bombank"
"$REHEARSE" --bank "$SRC/prompts" bank init "$BB" >/dev/null 2>&1
for f in categories.txt questions.txt stories/ci-pipeline.md; do
	{ printf '\xef\xbb\xbf'; cat "$BB/$f"; } >"$T/bom" && mv "$T/bom" "$BB/$f"
done
out=$("$REHEARSE" --bank "$BB" bank check 2>&1); rc=$?
expect_eq "bank files that start with a byte order mark load" "$rc" 0
expect_eq "every one of them" "$(printf '%s\n' "$out" | tail -n 1 | sed 's/.*: ok: //')" \
	"$("$REHEARSE" --bank "$SRC/prompts" bank check 2>&1 | tail -n 1 | sed 's/.*: ok: //')"
expect_match "the story's title is read from its first line" \
	"$("$REHEARSE" --bank "$BB" practice --story ci-pipeline --dry-run 2>&1)" \
	'story: ci-pipeline "Cutting the CI pipeline'
mkdir -p "$T/bomcfg/rehearse"
printf '\xef\xbb\xbfseconds = 75\n' >"$T/bomcfg/rehearse/config"
expect_eq "a settings file with one: its first key is read" \
	"$(XDG_CONFIG_HOME="$T/bomcfg" "$REHEARSE" config seconds 2>&1)" 75
XDG_CONFIG_HOME="$T/bomcfg" "$REHEARSE" config round-size 4 >/dev/null 2>&1
expect_eq "and is kept when another is set" \
	"$(XDG_CONFIG_HOME="$T/bomcfg" "$REHEARSE" config seconds 2>&1)" 75

# --- story ids come from file names (issue 16, item 19): a name with an
# escape sequence, a newline or a byte that is not UTF-8 is refused, named
# escaped; the terminal never receives it raw, and the others still load.
IB="$T/idbank"
"$REHEARSE" --bank "$SRC/prompts" bank init "$IB" >/dev/null 2>&1
for name in $'clear\e[2J' $'two\nlines' $'bad\xff'; do
	cp "$IB/stories/ci-pipeline.md" "$IB/stories/$name.md"
done
out=$("$REHEARSE" --bank "$IB" bank check 2>&1); rc=$?
expect_eq "bank check refuses story file names that are no id" "$rc" 1
expect_eq "naming each" "$(printf '%s\n' "$out" | grep -c "a story's file name is its id")" 3
expect_match "escaped" "$out" 'stories/clear\\x1b\[2J\.md: a story'
expect_match "each" "$out" 'stories/two\\x0alines\.md: a story'
for what in "bank check" "bank coverage" "practice --story ci-pipeline --dry-run"; do
	out=$("$REHEARSE" --bank "$IB" $what 2>&1)
	printf '%s' "$out" | LC_ALL=C grep -q $'\e\|\xff' && fail "$what: no escape sequence or bad byte reaches the terminal" ||
		pass "$what: no escape sequence or bad byte reaches the terminal"
done
expect_match "the good stories still load" "$("$REHEARSE" --bank "$IB" bank coverage 2>&1)" "^ci-pipeline +"

# $EDITOR itself: tests/unit/test_hardening.c (run_editor needs no terminal
# there; `bank new` starts an editor only on one).
finish
