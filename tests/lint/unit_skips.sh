#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The unit harness' skips (test.h, test_skip): a case that cannot run is
# reported "skip" and counted, never "ok"; REHEARSE_EXPECT_NO_SKIPS=1 (set
# by .ci/run) turns a skip into a failed run.
# usage: unit_skips.sh TEST_UNIT
set -u
unit=$1
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
expect_eq() { if [ "$2" == "$3" ]; then pass "$1"; else fail "$1"; printf '  got:  %s\n  want: %s\n' "$2" "$3"; fi; }

# The real-voice cases read ../shared/speech; point them at nothing.
export REHEARSE_SHARED=/nonexistent-rehearse-shared
out=$(REHEARSE_EXPECT_NO_SKIPS= "$unit" speech 2>&1); rc=$?
expect_eq "a suite with skips and no failure exits 0" "$rc" 0
expect_eq "each is reported skip" "$(printf '%s\n' "$out" | grep -c '^skip speech\.')" 3
expect_eq "none of them is reported ok" "$(printf '%s\n' "$out" | grep -cE '^ok +speech\.(real_voices|real_recordings)$')" 0
expect_eq "the reason is given" "$(printf '%s\n' "$out" | grep -c 'skip speech\.real_voices: /nonexistent-rehearse-shared/speech is missing')" 1
expect_eq "and the summary counts them" "$(printf '%s\n' "$out" | tail -1)" "0 failures, 3 skipped"
out=$(REHEARSE_EXPECT_NO_SKIPS=1 "$unit" speech 2>&1); rc=$?
expect_eq "with REHEARSE_EXPECT_NO_SKIPS=1 a skip fails the run" "$rc" 1
expect_eq "and says why" "$(printf '%s\n' "$out" | grep -c '3 cases skipped, and REHEARSE_EXPECT_NO_SKIPS is set')" 1
# A suite that skips nothing is unaffected by the variable.
REHEARSE_EXPECT_NO_SKIPS=1 "$unit" util >/dev/null 2>&1
expect_eq "a suite with no skip still passes under it" "$?" 0
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
