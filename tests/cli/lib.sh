# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh - helpers for the whole-program tests. Source it; $1 of the
# calling script is the rehearse binary.
set -u
REHEARSE=${REHEARSE:-$1}
SRC=${SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 143' TERM INT
export REHEARSE_DATA="$T/data"
export XDG_CONFIG_HOME="$T/config" # no settings file but the test's own
export TZ=UTC
# The tests name the bank: they pass wherever the binary was built or
# installed (the bundled bank is found from the binary's location).
export REHEARSE_BANK="$SRC/prompts"
passed=0
failed=0
skipped=0

pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# git test-lib's skips. REHEARSE_EXPECT_NO_SKIPS=1 (set by .ci/run, where
# every tool is installed) turns a skip into a failure.
expect_no_skips() { [ -n "${REHEARSE_EXPECT_NO_SKIPS:-}" ] && [ "$REHEARSE_EXPECT_NO_SKIPS" != 0 ]; }
# skip WHAT: checks that cannot run here (a tool missing): said and counted.
skip() {
	if expect_no_skips; then fail "$* (a skip, and REHEARSE_EXPECT_NO_SKIPS is set)"
	else skipped=$((skipped + 1)); echo "skip $*"; fi
}
# skip_all REASON: the whole script cannot run here: exit 77, which ctest
# counts as skipped (SKIP_RETURN_CODE), or 1 under REHEARSE_EXPECT_NO_SKIPS.
skip_all() {
	if expect_no_skips; then echo "FAIL skipped ($*), and REHEARSE_EXPECT_NO_SKIPS is set"; exit 1; fi
	echo "skip: $*"
	exit 77
}

# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" == "$3" ]; then pass "$1"; else
		fail "$1"; printf '  got:  %s\n  want: %s\n' "$2" "$3"; fi
}

# expect_match WHAT TEXT REGEX
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then pass "$1"; else
		fail "$1"; printf '  no match for /%s/ in:\n%s\n' "$3" "$2"; fi
}

# poll_until SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds;
# 1 when SECONDS pass first. Tests wait for a state, never for a fixed
# time: on a loaded machine a sleep is too short, and a generous deadline
# costs nothing when the state comes at once.
poll_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.1
	done
}

finish() {
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
}
