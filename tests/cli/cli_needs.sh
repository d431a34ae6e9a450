#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The needs in main.c's commands[] (NEED_BANK | NEED_STORE): what a
# command's row asks for is opened once its whole command line parses, so
# --help and a usage error open (and create) nothing, --bank and --data
# after the command are honoured, and a bank or store that cannot be opened
# ends the command with one message and status 1.
. "$(dirname "$0")/lib.sh"
none="$T/none"   # a data folder that must not come to exist
store_cmds=("history" "delete 1 --yes" "stats" "play 1" "round --dry-run")
bank_cmds=("practice --dry-run" "round --dry-run" "pivot ci-pipeline --dry-run" "stats" "play 1"
	"bank coverage" "bank select" "bank new A title")

for c in "${store_cmds[@]}" "${bank_cmds[@]}"; do
	# shellcheck disable=SC2086
	REHEARSE_DATA=$none "$REHEARSE" $c --help >/dev/null 2>&1
	expect_eq "$c --help exits 0" "$?" 0
	[ ! -e "$none" ] && pass "$c --help creates no data folder" || fail "$c --help creates no data folder"
	# shellcheck disable=SC2086
	REHEARSE_DATA=$none "$REHEARSE" $c --no-such-option >/dev/null 2>&1
	expect_eq "$c with an unknown option exits 2" "$?" 2
	[ ! -e "$none" ] && pass "and creates no data folder" || fail "and creates no data folder"
done
REHEARSE_DATA=$none "$REHEARSE" delete abc >/dev/null 2>&1
expect_eq "delete of a bad id exits 2" "$?" 2
[ ! -e "$none" ] && pass "and opens no store" || fail "and opens no store"

# delete changes history but never makes a data folder to say there is
# nothing to delete (a mistyped REHEARSE_DATA is not a new history).
out=$(REHEARSE_DATA=$none "$REHEARSE" delete 1 --yes 2>&1); rc=$?
expect_eq "delete where there is no data folder exits 1" "$rc" 1
expect_match "and says there is none" "$out" "no data folder at $none"
[ ! -e "$none" ] && pass "and creates none" || fail "and creates none"

# --data after the command: the store opened is that one.
mkdir -m 700 "$T/later" # history reads, and never creates the folder
"$REHEARSE" history --data "$T/later" >/dev/null
[ -f "$T/later/history.db" ] && pass "history --data DIR opens DIR's store" || fail "history --data DIR opens DIR's store"

# A data folder that cannot be made: one message, status 1, for every
# command whose row says NEED_STORE.
: >"$T/a-file"
for c in "${store_cmds[@]}"; do
	# shellcheck disable=SC2086
	out=$("$REHEARSE" --data "$T/a-file" $c 2>&1 </dev/null); rc=$?
	expect_eq "$c without a store exits 1" "$rc" 1
	expect_match "and says why, once" "$out" "^rehearse: $T/a-file: cannot (create|open) the data folder: Not a directory\$"
done

# A bank that is not there: the same for every NEED_BANK command, and the
# bank comes first (no data folder is made for a command that cannot run).
for c in "${bank_cmds[@]}"; do
	# shellcheck disable=SC2086
	out=$(REHEARSE_DATA=$none "$REHEARSE" $c --bank "$T/no-bank" 2>&1 </dev/null); rc=$?
	expect_eq "$c without a bank exits 1" "$rc" 1
	expect_eq "and says why, once" "$out" "rehearse: $T/no-bank: prompt bank folder not found"
	[ ! -e "$none" ] && pass "and creates no data folder" || fail "and creates no data folder"
done

# The commands that need neither run without them.
out=$("$REHEARSE" --data "$T/a-file" --bank "$T/no-bank" config --keys 2>&1); rc=$?
expect_eq "config needs neither" "$rc" 0
"$REHEARSE" --data "$T/a-file" --bank "$T/no-bank" analyze "$SRC/tests/fixtures/usm-150-clean.wav" >/dev/null 2>&1
expect_eq "analyze needs neither" "$?" 0
finish
