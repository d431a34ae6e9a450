#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The settings file and 'rehearse config': precedence (command line, then
# environment, then file, then built-in), problems named by file and line
# without stopping the program, and atomic, private writes. Also
# --version, which must name the libraries without starting PortAudio or
# ncurses.
. "$(dirname "$0")/lib.sh"
CFG="$XDG_CONFIG_HOME/rehearse/config"
unset REHEARSE_DATA REHEARSE_BANK # the file names them here
line_of() { printf '%s\n' "$2" | awk -v k="$1" '$1 == k'; }

out=$("$REHEARSE" config); rc=$?
expect_eq "config with no file exits 0" "$rc" 0
expect_match "says where the file would be" "$out" "^# settings file: $CFG \(not there yet\)"
expect_match "built-in seconds" "$(line_of seconds "$out")" "^seconds += 90 +# built-in$"
[ ! -e "$CFG" ] && pass "showing the settings writes nothing" || fail "config wrote $CFG"

"$REHEARSE" config seconds 120 && "$REHEARSE" config round-size 3 &&
	"$REHEARSE" config level senior && "$REHEARSE" config device "USB Audio (hw:1)" &&
	"$REHEARSE" config bank "$T/nowhere" && "$REHEARSE" config data "$T/filedata"
expect_eq "config KEY VALUE exits 0" "$?" 0
expect_match "setting what the environment overrides warns" \
	"$(REHEARSE_DATA=/x "$REHEARSE" config data "$T/filedata" 2>&1)" \
	"REHEARSE_DATA is set in the environment, which wins over the file"
expect_eq "the file is 0600" "$(stat -c %a "$CFG")" 600
expect_eq "its folder is 0700" "$(stat -c %a "$(dirname "$CFG")")" 700
expect_eq "no temporary file is left" "$(ls -A "$(dirname "$CFG")")" config
expect_eq "config KEY prints one value" "$("$REHEARSE" config seconds)" 120

# Each source at once: --bank (command line), REHEARSE_DATA (environment),
# seconds (file), prep (built-in).
out=$(REHEARSE_DATA="$T/envdata" "$REHEARSE" --bank "$SRC/prompts" config)
expect_match "command line wins over the file" "$(line_of bank "$out")" "^bank += $SRC/prompts +# --bank$"
expect_match "environment wins over the file" "$(line_of data "$out")" "^data += $T/envdata +# REHEARSE_DATA$"
expect_match "the file names its line" "$(line_of seconds "$out")" "^seconds += 120 +# $CFG:1$"
expect_match "built-in when nothing sets it" "$(line_of prep "$out")" "^prep += off +# built-in$"
expect_match "a value with spaces" "$(line_of device "$out")" "= USB Audio \(hw:1\) +#"
expect_match "NO_COLOR is the environment for color" \
	"$(NO_COLOR=1 "$REHEARSE" config | awk '$1 == "color"')" "^color += no +# NO_COLOR$"

# The file's bank is used when nothing else names one...
out=$("$REHEARSE" bank check 2>&1); rc=$?
expect_eq "the file's bank is used" "$rc" 1
expect_match "and named in the error" "$out" "$T/nowhere"
expect_match "help names the file's line as the origin" "$("$REHEARSE" --help)" \
	"Data folder in use: $T/filedata \($CFG:6\)"
# ...and the commands take their defaults from it, under their options.
out=$("$REHEARSE" --bank "$SRC/prompts" round --dry-run --seed 7)
expect_eq "round-size from the file" "$(printf '%s\n' "$out" | grep -c '^[0-9]\. ')" 3
expect_eq "level from the file: no junior questions" "$(printf '%s\n' "$out" | grep -c '(junior)')" 0
out=$("$REHEARSE" --bank "$SRC/prompts" round --dry-run --seed 7 --count 2 --level junior)
expect_eq "--count wins over the file" "$(printf '%s\n' "$out" | grep -c '^[0-9]\. ')" 2
expect_eq "--level wins over the file" "$(printf '%s\n' "$out" | grep -c '(senior)')" 0

# Bad lines: a warning with file:line each, and the rest still counts.
cat >>"$CFG" <<'CFGEOF'
# a comment
this line has no equals sign
favourite = blue
seconds = 2
prep = 15
CFGEOF
err=$("$REHEARSE" --bank "$SRC/prompts" bank check 2>&1 >/dev/null); rc=$?
expect_eq "the program still runs with bad lines" "$rc" 0
expect_match "malformed line: file:line" "$err" "^rehearse: warning: $CFG:8: expected 'key = value'; line ignored$"
expect_match "unknown key is a warning" "$err" "warning: $CFG:9: unknown setting 'favourite' ignored"
expect_match "bad value names what it takes" "$err" "warning: $CFG:10: seconds takes 5 to 3600, not '2'; line ignored"
out=$("$REHEARSE" config 2>/dev/null)
expect_match "the earlier good line stands" "$(line_of seconds "$out")" "= 120 +# $CFG:1$"
expect_match "a later good line counts" "$(line_of prep "$out")" "= 15 +# $CFG:11$"
expect_eq "completion stays quiet about them" "$("$REHEARSE" complete settings 2>&1 | grep -c warning)" 0

# Setting keeps comments and other lines; bad input is refused.
"$REHEARSE" config seconds 60 2>/dev/null
expect_match "the line is replaced in place" "$(sed -n 1p "$CFG")" "^seconds = 60$"
expect_match "comments are kept" "$(cat "$CFG")" "# a comment"
"$REHEARSE" config --unset device 2>/dev/null
expect_eq "--unset removes the line" "$(grep -c '^device' "$CFG")" 0
err=$("$REHEARSE" config seconds lots 2>&1); rc=$?
err=$(printf '%s\n' "$err" | tail -1)
expect_eq "a bad value exits 1" "$rc" 1
expect_eq "and says what it takes" "$err" "rehearse: seconds takes 5 to 3600, not 'lots'"
err=$("$REHEARSE" config favourite blue 2>&1); rc=$?
expect_eq "an unknown key exits 1" "$rc" 1
expect_match "and points to --keys" "$err" "no setting 'favourite'"
expect_eq "config with three words is a usage error" "$("$REHEARSE" config a b c 2>/dev/null; echo $?)" 2
expect_match "--keys lists every setting" "$("$REHEARSE" config --keys 2>/dev/null | awk '{print $1}' | tr '\n' ' ')" \
	"^seconds prep overtime device level round-size bank data color voice round-card keep-as follow-ups story-follow $"

# The folders are resolved in one place: "bundled" and "default" in the
# file ask for the built-in folder, not a folder of that name.
"$REHEARSE" config bank bundled 2>/dev/null && "$REHEARSE" config data default 2>/dev/null
out=$(env -u XDG_DATA_HOME HOME="$T/home" "$REHEARSE" --help)
expect_match "bank = bundled is the bundled bank" "$out" "Prompt bank in use: [^ ]*/prompts \(bundled\)"
# A developer build run from its checkout uses its recordings/; any other
# build (a distribution's, or one installed) the XDG folder.
want="$T/home/.local/share/rehearse (XDG_DATA_HOME)"
case ${REHEARSE_DEVELOPER_BUILD:-0}:$REHEARSE in 1:"$SRC"/*) want="$SRC/recordings (checkout)" ;; esac
expect_eq "data = default is the default folder" "$(printf '%s\n' "$out" | grep '^Data folder in use: ')" \
	"Data folder in use: $want"
expect_match "REHEARSE_BANK=bundled is the bundled bank too" \
	"$(REHEARSE_BANK=bundled "$REHEARSE" --help)" "Prompt bank in use: [^ ]*/prompts \(bundled\)"

# color = no reaches the screens in the context, not through the
# environment, so the editor a command starts does not inherit NO_COLOR.
"$REHEARSE" config color no 2>/dev/null
printf '#!/bin/sh\nenv > "%s"\n' "$T/editor-env" >"$T/editor" && chmod +x "$T/editor"
"$REHEARSE" --bank "$SRC/prompts" bank init "$T/colorbank" >/dev/null 2>&1
# bank new starts the editor only on a terminal: script(1) gives it one.
EDITOR="$T/editor" VISUAL= script -qec "$(printf '%q ' env -u NO_COLOR "$REHEARSE" \
	--bank "$T/colorbank" bank new "Colour Check")" /dev/null >/dev/null 2>&1 </dev/null
expect_eq "the editor ran" "$([ -s "$T/editor-env" ] && echo yes)" yes
expect_eq "color = no does not put NO_COLOR in the editor's environment" \
	"$(grep -c '^NO_COLOR=' "$T/editor-env")" 0

# --version: the libraries, without starting PortAudio or ncurses. An ALSA
# configuration without a PCM makes PortAudio's start-up abort, so this
# also proves --version never starts it.
printf '' >"$T/empty-alsa.conf"
out=$(ALSA_CONFIG_PATH="$T/empty-alsa.conf" TERM=dumb "$REHEARSE" --version </dev/null); rc=$?
expect_eq "--version exits 0" "$rc" 0
expect_match "--version: the program" "$out" "^rehearse [0-9]+\.[0-9]+\.[0-9]+"
expect_match "--version: PortAudio" "$out" "PortAudio V[0-9]"
expect_match "--version: libsndfile" "$out" "libsndfile-[0-9]"
expect_match "--version: SQLite" "$out" "SQLite 3\.[0-9]+"
expect_match "--version: ncurses" "$out" "ncurses [0-9]+\.[0-9]+"
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
	strace -f -e trace=openat,open -o "$T/trace" "$REHEARSE" --version >/dev/null
	expect_eq "--version opens no sound device or terminal database" \
		"$(grep -vE '\.so[.0-9]*"' "$T/trace" | grep -cE '/dev/snd|asound|terminfo|pulse')" 0
fi
finish
