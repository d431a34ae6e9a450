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

pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

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
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
