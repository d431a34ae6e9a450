#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The microphone lost during a take, then a retry (issue 20 item 18): the
# sound server behind the virtual microphone goes away, the take fails and
# keeps what it had, and r's new take cannot open the device. The screen
# says so in words and how to go on, not PortAudio's bare "Illegal
# combination of I/O devices"; it waits for Space, not "starting in
# 999999996 s".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
trap 'pulse_stop; tm_cleanup; sleep 0.5; rm -rf "$T"' EXIT
pulse_start
tm_start gone "$REHEARSE practice --question fail-01 --prep 0 --seconds 30" 80 24
wait_screen gone "0:02 of 0:30" 15 || true
pulse_stop
wait_screen gone "Status +failed" 15 && pass "the lost microphone fails the take" || fail "the lost microphone fails the take"
tm send-keys -t gone r
wait_screen gone "press Space to try again, q to go back" 10 && pass "the retry waits for Space and says so" || fail "the retry waits for Space and says so"
scr=$(screen_of gone)
echo "--- the retry with the microphone gone, at 80x24"; printf '%s\n' "$scr"
flat=$(printf '%s\n' "$scr" | sed 's/^.\{20\}//' | tr -s ' \n' '  ')
expect_match "it says the microphone is gone" "$flat" "the microphone 'default' is gone \(PortAudio: [^)]*\): plug it back in"
if printf '%s' "$scr" | grep -q "starting in [0-9]\{4,\}"; then fail "no countdown of a billion seconds"; else pass "no countdown of a billion seconds"; fi
if printf '%s' "$scr" | grep -q "cannot open input"; then fail "not the bare PortAudio error"; else pass "not the bare PortAudio error"; fi
tm send-keys -t gone q
wait_screen gone "EXIT=" 10 && pass "q leaves" || fail "q leaves"
finish
