#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The rule ARCHITECTURE.md states: every function in src/ under 60 lines
# and under cyclomatic complexity 15 (pmccabe; the traditional count, which
# counts each case of a switch, is the stricter of its two).
# usage: complexity.sh ROOT          check ROOT/src
#        complexity.sh --self-test   show that an over-long and an
#                                    over-complex function are caught
# Exits 77 (ctest: skipped) when pmccabe is missing, unless
# REHEARSE_EXPECT_NO_SKIPS=1 says every test must run (CI).
# PMCCABE names the program (a test points it at nothing to see the skip).
set -u
PMCCABE=${PMCCABE:-pmccabe}
MAX_LINES=60
MAX_COMPLEXITY=15

if ! command -v "$PMCCABE" >/dev/null; then
	if [ -n "${REHEARSE_EXPECT_NO_SKIPS:-}" ] && [ "${REHEARSE_EXPECT_NO_SKIPS}" != 0 ]; then
		echo "FAIL pmccabe is not installed (scripts/install-deps.sh test), and REHEARSE_EXPECT_NO_SKIPS is set"
		exit 1
	fi
	echo "skip: pmccabe is not installed (scripts/install-deps.sh test)"
	exit 77
fi

# over FILE...: print each function over a limit; status 1 when any.
over() {
	"$PMCCABE" "$@" | awk -v L=$MAX_LINES -v C=$MAX_COMPLEXITY '
		$2 > C { printf "%s %s complexity %d (limit %d)\n", $6, $7, $2, C; bad = 1 }
		$5 > L { printf "%s %s %d lines (limit %d)\n", $6, $7, $5, L; bad = 1 }
		END { exit bad }'
}

if [ "${1:-}" = --self-test ]; then
	t=$(mktemp -d "${TMPDIR:-/tmp}/rehearse-pmccabe.XXXXXX")
	trap 'rm -rf "$t"' EXIT
	{
		echo "int long_one(int x) {"
		for i in $(seq 1 $MAX_LINES); do echo "	x += $i;"; done
		echo "	return x; }"
		echo "int branchy(int x) {"
		for i in $(seq 1 $MAX_COMPLEXITY); do echo "	if (x == $i) x++;"; done
		echo "	return x; }"
		echo "int fine(int x) { return x + 1; }"
	} >"$t/over.c"
	out=$(over "$t/over.c")
	printf '%s\n' "$out"
	if [ "$(printf '%s\n' "$out" | grep -c 'long_one .* lines')" = 1 ] &&
		[ "$(printf '%s\n' "$out" | grep -c 'branchy complexity 16')" = 1 ] &&
		! printf '%s\n' "$out" | grep -q fine; then
		echo "self-test: ok"
		exit 0
	fi
	echo "self-test: FAIL"
	exit 1
fi

root=${1:?usage: complexity.sh ROOT}
files=$(find "$root/src" -name '*.c' | sort)
# shellcheck disable=SC2086
if over $files; then
	echo "$("$PMCCABE" $files | wc -l) functions, none over $MAX_LINES lines or complexity $MAX_COMPLEXITY"
	exit 0
fi
echo "FAIL: split the functions above (ARCHITECTURE.md, Rules between layers)"
exit 1
