#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `rehearse analyze` from the shell: JSON shape, errors, and no screen or
# audio system started.
. "$(dirname "$0")/lib.sh"
FX="$SRC/tests/fixtures"

out=$("$REHEARSE" analyze --json "$FX/usm-150-clean.wav" "$FX/gbf-180-pink.wav"); rc=$?
expect_eq "analyze --json exits 0" "$rc" 0
check=$(printf '%s\n' "$out" | python3 -c '
import json, sys, math
want = ["file","sample_rate","channels","duration_s","first_speech_s","last_speech_s",
        "speech_s","pauses","long_pause_count","longest_pause_s","syllables",
        "syllables_per_min","articulation_rate","wpm_estimate","speech_rms_dbfs",
        "peak_dbfs","clipped_samples"]
lines = sys.stdin.read().splitlines()
assert len(lines) == 2, "one object per file"
for line in lines:
    o = json.loads(line)
    missing = [k for k in want if k not in o]
    assert not missing, missing
    for p in o["pauses"]:
        assert set(p) == {"start_s", "end_s"} and p["end_s"] > p["start_s"]
    for k, v in o.items():
        if isinstance(v, float):
            assert math.isfinite(v), k
print("ok")
' 2>&1)
expect_eq "one JSON object per file with every key" "$check" ok

sox -n -r 48000 -c 2 -b 16 "$T/silence.wav" trim 0 3
out=$("$REHEARSE" analyze --json "$T/silence.wav"); rc=$?
expect_eq "silence exits 0" "$rc" 0
expect_match "silence gives zeros" "$out" '"first_speech_s":0,.*"syllables":0,.*"wpm_estimate":0,'
expect_match "silence is stereo" "$out" '"channels":2'

printf 'not audio at all\n' > "$T/notes.wav"
out=$("$REHEARSE" analyze "$T/notes.wav" 2>&1); rc=$?
expect_eq "non-audio exits 1" "$rc" 1
expect_match "and says which file" "$out" "notes.wav: cannot read as audio"
: > "$T/empty.wav"
"$REHEARSE" analyze "$T/empty.wav" >/dev/null 2>&1; expect_eq "empty file exits 1" "$?" 1
"$REHEARSE" analyze "$T/missing.wav" >/dev/null 2>&1; expect_eq "missing file exits 1" "$?" 1
"$REHEARSE" analyze >/dev/null 2>&1; expect_eq "no file is a usage error" "$?" 2

# Memory does not grow with the take (issue 19): 40 minutes of 8 kHz tone
# and silence (small on disk) under a 150 MB address-space limit; the old
# analysis held the whole 16 kHz working signal and aborted there. Not
# under AddressSanitizer, whose shadow memory alone is more.
python3 - "$T/long.wav" <<'PY'
import math, struct, sys
tone = bytes(128 + int(40 * math.sin(2 * math.pi * 220 * i / 8000)) for i in range(8000))
second = tone + bytes([128]) * (19 * 8000)  # 1 s of tone in every 20
data = second * 120
with open(sys.argv[1], "wb") as f:  # 8-bit PCM WAV, 8 kHz mono
    f.write(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " +
            struct.pack("<IHHIIHH", 16, 1, 1, 8000, 8000, 1, 8) + b"data" +
            struct.pack("<I", len(data)) + data)
PY
asan=$(ldd "$REHEARSE" 2>/dev/null | grep -c libasan)
if [ "$asan" = 0 ]; then
	out=$( (ulimit -v 150000; "$REHEARSE" analyze --json "$T/long.wav") 2>&1); rc=$?
	expect_eq "40 minutes in 150 MB of address space exits 0" "$rc" 0
	expect_match "and gives its duration" "$out" '"duration_s":2400,'
	# With less memory than that needs: a message and exit 1, never an
	# abort (issue 19 item 2); how much the program itself takes varies.
	for kb in 26000 34000 42000; do
		out=$( (ulimit -v $kb; "$REHEARSE" analyze --json "$T/long.wav") 2>&1); rc=$?
		[ "$rc" = 1 ] && ! printf '%s' "$out" | grep -q "long.wav: not enough memory" && rc=x
		expect_match "in $kb kB it analyses or says there is not enough memory" "$rc" '^[01]$'
	done
fi
# Over the limit in seconds: a message and exit 1 before anything is read,
# never an abort: a FLAC whose header claims 12 hours (the old analysis
# asked for 4 GB at once for that).
sox -n -r 8000 -c 1 "$T/12h.flac" trim 0 1
python3 - "$T/12h.flac" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
v = int.from_bytes(b[18:26], "big")  # STREAMINFO: rate, channels, bits, total samples
v = (v >> 36 << 36) | 43200 * 8000
b[18:26] = v.to_bytes(8, "big")
open(sys.argv[1], "wb").write(bytes(b))
PY
out=$( ([ "$asan" = 0 ] && ulimit -v 1000000; "$REHEARSE" analyze "$T/12h.flac") 2>&1); rc=$?
expect_eq "12 hours exits 1" "$rc" 1
expect_match "and says the header claims too long" "$out" \
	"12h.flac: too long to analyse: the header claims 43200 s, and at most 10800 s"
# A header claiming 3 hours (within the limit) over 1 s of sound: the room
# set aside for what it claims is only a saving, never an abort.
python3 - "$T/12h.flac" "$T/3h.flac" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
v = int.from_bytes(b[18:26], "big")
b[18:26] = ((v >> 36 << 36) | 10800 * 8000).to_bytes(8, "big")
open(sys.argv[2], "wb").write(bytes(b))
PY
out=$( ([ "$asan" = 0 ] && ulimit -v 60000; "$REHEARSE" analyze --json "$T/3h.flac") 2>&1); rc=$?
expect_eq "a header claiming 3 h over 1 s, in 60 MB, exits 0" "$rc" 0
expect_match "with the second it holds" "$out" '"duration_s":1,'


# A FIFO nothing writes to is refused, not waited on for ever (issue 16 #8);
# standard input through - still works.
mkfifo "$T/fifo.wav"
out=$(timeout 10 "$REHEARSE" analyze "$T/fifo.wav" 2>&1); rc=$?
expect_eq "a FIFO exits 1" "$rc" 1
expect_match "as not a regular file" "$out" "fifo.wav: not a regular file"
out=$("$REHEARSE" analyze --json - < "$FX/usm-150-clean.wav"); rc=$?
expect_eq "standard input exits 0" "$rc" 0
expect_eq "and gives the file's figures" "${out#*,}" \
	"$("$REHEARSE" analyze --json "$FX/usm-150-clean.wav" | cut -d, -f2-)"

# A length the header does not know (issue 16 #10): FLAC made from a
# stream of unknown length, written to a pipe, has total_samples 0, and a
# cut Ogg has no end; both are read up to the end of their sound.
sox "$FX/usm-150-clean.wav" -t raw - |
	sox -t raw -r 16000 -e signed -b 16 -c 1 - -t flac - | cat > "$T/streamed.flac"
out=$("$REHEARSE" analyze --json "$T/streamed.flac" 2>&1); rc=$?
expect_eq "a FLAC of unknown length exits 0" "$rc" 0
expect_eq "with the figures of the whole" "${out#*,}" \
	"$("$REHEARSE" analyze --json "$FX/usm-150-clean.wav" | cut -d, -f2-)"
sox "$FX/usm-150-clean.wav" "$T/whole.ogg"
head -c $(( $(stat -c %s "$T/whole.ogg") / 2 )) "$T/whole.ogg" > "$T/cut.ogg"
out=$("$REHEARSE" analyze --json "$T/cut.ogg" 2>&1); rc=$?
expect_eq "a cut Ogg exits 0" "$rc" 0
expect_match "with what it holds" "$out" '"duration_s":[1-9]'

out=$("$REHEARSE" analyze "$FX/gbm-210-loud.wav")
expect_match "plain output has the result card's pace" "$out" "Pace +~[0-9]+ wpm[ ,]"

# Neither the screen nor the audio system: no terminfo, no ALSA or JACK
# configuration is even opened.
if command -v strace >/dev/null; then
	strace -f -e trace=openat,open -o "$T/trace" "$REHEARSE" analyze --json "$FX/usm-150-clean.wav" >/dev/null 2>&1
	opened=$(grep -E 'terminfo|alsa|/dev/snd|jack|pulse' "$T/trace" | grep -v ENOENT | grep -v '\.so' | head -3)
	expect_eq "analyze opens no terminal or audio files" "$opened" ""
	strace -f -e trace=openat,open -o "$T/trace2" "$REHEARSE" history --json >/dev/null 2>&1
	opened=$(grep -E 'terminfo|alsa|/dev/snd|jack|pulse' "$T/trace2" | grep -v ENOENT | grep -v '\.so' | head -3)
	expect_eq "history --json opens no terminal or audio files" "$opened" ""
fi
finish
