#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The critique note (issue 20 item 14) through tmux at 80x24 with
# `--audio fake`: without an editor set, an inline line that Esc cancels
# (getnstr typed it as "^[") and Enter keeps; with $EDITOR set, the note
# opens in it, as the man page says, through a file in the data folder
# that is gone afterwards.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
FAKE="$REHEARSE --audio fake"

# A take to critique: c on its result card opens the critique.
critique() { # critique NAME ENV...
	local name=$1
	shift
	tm_start "$name" "env $* $FAKE practice --question conf-02 --prep 0 --seconds 20" 80 24
	wait_screen "$name" "● REC" 10 || true
	tm send-keys -t "$name" Space
	wait_screen "$name" "c critique" 5 || true
	tm send-keys -t "$name" c
	wait_screen "$name" "e note" 5 || true
}

critique inline -u EDITOR -u VISUAL
tm send-keys -t inline e
wait_screen inline "Note \(Enter keeps, Esc cancels\):" 5 && pass "e opens the inline note line" || fail "e opens the inline note line"
tm send-keys -t inline "not this"
wait_screen inline "Esc cancels\): not this" 5 || true
tm send-keys -t inline Escape
wait_screen inline "e note · Enter save" 5 && screen_has inline "press e to write one" && pass "Esc cancels the note" || fail "Esc cancels the note"
scr=$(screen_of inline)
if printf '%s' "$scr" | grep -qF -e '^[' -e 'not this'; then fail "nothing of the cancelled line is kept"; else pass "nothing of the cancelled line is kept"; fi
tm send-keys -t inline e
wait_screen inline "Esc cancels\):" 5 || true
tm send-keys -t inline "kept notex" BSpace Enter
wait_screen inline "^  kept note *$" 5 && pass "Enter keeps the line (Backspace edits it)" || fail "Enter keeps the line (Backspace edits it)"
tm send-keys -t inline Enter
poll_until 5 sh -c '"$1" history --json | grep -q "\"note\": *\"kept note\""' - "$REHEARSE" && pass "and the note is saved" || fail "and the note is saved"
echo "--- the critique at 80x24 with its note"; screen_of inline

# An editor that shows what it was given and writes a note of its own.
cat >"$T/editor" <<'SH'
#!/bin/sh
{ printf 'given: '; cat "$1"; printf 'second line\n'; } >"$1.new" && mv "$1.new" "$1"
echo "$1" >>"$(dirname "$0")/editor.log"
SH
chmod +x "$T/editor"
export REHEARSE_DATA="$T/data2"
critique ed VISUAL= "EDITOR=$T/editor"
tm send-keys -t ed e
wait_screen ed "^  given: +second line *$" 5 && pass "with \$EDITOR set, e opens the note in it" || fail "with \$EDITOR set, e opens the note in it"
tm send-keys -t ed e
wait_screen ed "^  given: given: +second line second line *$" 5 && pass "the editor gets the note to edit" || fail "the editor gets the note to edit"
file=$(head -1 "$T/editor.log" 2>/dev/null)
case "$file" in "$T/data2/"*) pass "the note's file is in the data folder" ;; *) fail "the note's file is in the data folder ($file)" ;; esac
[ -n "$file" ] && [ ! -e "$file" ] && pass "and is removed after" || fail "and is removed after"
finish
