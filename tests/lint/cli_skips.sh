#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The shell tests' skips (tests/cli/lib.sh): skip counts a check that
# cannot run, skip_all ends a script with 77 (ctest: skipped), and under
# REHEARSE_EXPECT_NO_SKIPS=1 (CI) each is a failure instead.
# usage: cli_skips.sh SRC
set -u
lib="$1/tests/cli/lib.sh"
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { if [ "$2" == "$3" ]; then ok "$1"; else bad "$1"; printf '  got:  %s\n  want: %s\n' "$2" "$3"; fi; }

out=$(REHEARSE_EXPECT_NO_SKIPS= bash -c ". '$lib' /bin/true; pass a; skip 'zsh: not installed'; finish"); rc=$?
check "a skipped check does not fail the script" "$rc" 0
check "it is said and counted" "$out" $'ok   a\nskip zsh: not installed\n1 passed, 0 failed, 1 skipped'
out=$(REHEARSE_EXPECT_NO_SKIPS=1 bash -c ". '$lib' /bin/true; pass a; skip 'zsh: not installed'; finish"); rc=$?
check "under REHEARSE_EXPECT_NO_SKIPS=1 it fails the script" "$rc" 1
out=$(REHEARSE_EXPECT_NO_SKIPS= bash -c ". '$lib' /bin/true; skip_all 'no tmpfs'; pass never"); rc=$?
check "skip_all exits 77 for ctest" "$rc:$out" "77:skip: no tmpfs"
out=$(REHEARSE_EXPECT_NO_SKIPS=1 bash -c ". '$lib' /bin/true; skip_all 'no tmpfs'"); rc=$?
check "and 1 under REHEARSE_EXPECT_NO_SKIPS=1" "$rc" 1
out=$(REHEARSE_EXPECT_NO_SKIPS= bash -c ". '$lib' /bin/true; pass a; finish")
check "with no skip the summary is as before" "$out" $'ok   a\n1 passed, 0 failed'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
