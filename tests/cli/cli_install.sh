#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installed with `cmake --install` to a prefix, the program finds its own
# bundled bank, and the whole-program suites pass against the installed copy.
# $1: the rehearse binary (unused), $2: cmake, $3: the build folder.
. "$(dirname "$0")/lib.sh"
CMAKE=$2
BUILD=$3
"$CMAKE" --install "$BUILD" --prefix "$T/prefix" >"$T/install.log" 2>&1
expect_eq "cmake --install to a prefix" "$?" 0
bin="$T/prefix/bin/rehearse"
[ -x "$bin" ] && pass "the binary is installed" || fail "the binary is installed"

out=$(env -u REHEARSE_BANK "$bin" bank check 2>&1); rc=$?
expect_eq "the installed binary finds its bundled bank" "$rc" 0
expect_match "in the prefix" "$(env -u REHEARSE_BANK "$bin" --help)" \
	"Prompt bank in use: $(realpath "$T/prefix/share/rehearse/prompts") \(bundled\)"
out=$(env -u REHEARSE_BANK "$bin" bank init "$T/mine" 2>&1); rc=$?
expect_eq "bank init copies the installed bank" "$rc" 0
expect_eq "every story of it" "$(ls "$T/mine/stories" | wc -l)" "$(ls "$SRC/prompts/stories" | wc -l)"

for f in share/man/man1/rehearse.1 share/bash-completion/completions/rehearse \
	share/zsh/vendor-completions/_rehearse share/doc/rehearse/CHANGELOG.md; do
	[ -f "$T/prefix/$f" ] && pass "installs $f" || fail "installs $f"
done

for suite in cli_bank cli_engine cli_store cli_analyze cli_history cli_config cli_complete; do
	out=$(REHEARSE="$bin" bash "$SRC/tests/cli/$suite.sh" 2>&1); rc=$?
	expect_eq "$suite against the installed binary" "$rc" 0
	[ "$rc" -eq 0 ] || printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/  | /'
done
finish
