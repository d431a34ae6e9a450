#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 16 #13: a write error on standard output (a full disk, here
# /dev/full) fails the command with a message instead of exit 0 with a
# truncated listing; a pipe whose reader leaves early is not an error.
. "$(dirname "$0")/lib.sh"
[ -w /dev/full ] || skip_all "no /dev/full"
mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # an empty folder: the schema
python3 "$SRC/tests/cli/seed_history.py" "$REHEARSE_DATA/history.db" 12 --wavs

# full CMD...: run CMD with stdout on /dev/full; check status and message.
full() {
	local what="$*" out rc
	out=$("$REHEARSE" "$@" 2>&1 >/dev/full); rc=$?
	expect_eq "$what > /dev/full exits 1" "$rc" 1
	expect_match "$what > /dev/full says why" "$out" \
		"^rehearse: write failure on standard output: No space left on device$"
}
full history --json
full history
full bank coverage
full analyze "$SRC/tests/fixtures/usm-150-clean.wav"
full stats
full --help
full --version

# A big listing that fills stdio's buffer several times over: the error
# is seen at an earlier write, and still reported once.
mkdir -m 700 "$T/big" && "$REHEARSE" --data "$T/big" history >/dev/null
python3 "$SRC/tests/cli/seed_history.py" "$T/big/history.db" 400
out=$("$REHEARSE" --data "$T/big" history --csv 2>&1 >/dev/full); rc=$?
expect_eq "a long --csv > /dev/full exits 1" "$rc" 1
expect_eq "and says it once" "$(printf '%s\n' "$out" | grep -c 'write failure')" 1

# The same commands on a good file still exit 0, and a reader that stops
# early (head) does not make an error message.
"$REHEARSE" history --json >"$T/out.json"; expect_eq "history --json to a file exits 0" "$?" 0
out=$( { "$REHEARSE" history --csv | head -1 >/dev/null; } 2>&1)
expect_eq "a pipe closed early prints nothing" "$out" ""

finish
