#!/usr/bin/env bash
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
