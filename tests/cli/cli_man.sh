#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page keeps up with --help: every command and option that
# 'rehearse --help' and 'rehearse help COMMAND' print appears in the
# rendered page, short names included, and the page lints clean. It parses the help text rather
# than listing names, so new commands and options are checked as they come.
. "$(dirname "$0")/lib.sh"
MAN="$SRC/rehearse.1"

if command -v mandoc >/dev/null; then
	lint=$(mandoc -T lint -W warning "$MAN" 2>&1); rc=$?
	expect_eq "mandoc -T lint finds nothing" "$rc:$lint" "0:"
	page=$(mandoc -T utf8 "$MAN" | col -b)
else
	skip "mandoc lint: mandoc is not installed"
	page=$(groff -mdoc -T utf8 -P -cbou "$MAN" 2>/dev/null)
fi
if command -v groff >/dev/null; then
	warn=$(groff -ww -z -mdoc "$MAN" 2>&1)
	expect_eq "groff -ww -z warns about nothing" "$warn" ""
fi
# Hyphenation at line ends would split words: render without it.
page=$(printf '%s\n' "$page" | tr -s ' \n' '  ')

main=$("$REHEARSE" --help)
# Command names: the indented words of the "Commands:" list.
cmds=$(printf '%s\n' "$main" | awk '/^Commands:/ {on=1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on=0}')
expect_match "found the commands in --help" "$cmds" "practice"

in_page() { # in_page WHAT WORD: WORD appears in the page as a whole word
	if printf '%s' "$page" | grep -Eq -- "(^|[^[:alnum:]-])$2([^[:alnum:]-]|$)"; then
		pass "$1"; else fail "$1: '$2' is not in rehearse.1"; fi
}

for opt in $(printf '%s\n' "$main" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
	in_page "man page has main option $opt" "$opt"
done
for cmd in $cmds; do
	[ "$cmd" = help ] && { in_page "man page has command help" "help"; continue; }
	in_page "man page has command $cmd" "$cmd"
	help=$("$REHEARSE" help "$cmd")
	for opt in $(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		in_page "man page has $cmd $opt" "$opt"
	done
	# Short names, as the generated help shows them: "  -n, --count N".
	for opt in $(printf '%s\n' "$help" | grep -oE -- '^  -[[:alnum:]],' | tr -d ' ,'); do
		in_page "man page has $cmd $opt" "$opt"
	done
	# Sub-commands: indented lines that start with a lower-case word.
	for sub in $(printf '%s\n' "$help" | grep -E '^  [a-z]' | awk '{print $1}'); do
		in_page "man page has $cmd $sub" "$cmd $sub"
	done
done
# The settings: every key 'rehearse config --keys' knows is in SETTINGS.
for key in $("$REHEARSE" config --keys | awk '{print $1}'); do
	in_page "man page has the setting $key" "$key ="
done
finish
