#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 11, item 11: the small things a careful user notices, through the
# real binary.
. "$(dirname "$0")/lib.sh"

out=$("$REHEARSE" help help 2>&1); rc=$?
expect_eq "help help exits 0" "$rc" 0
expect_match "and prints the main help" "$out" "^rehearse .* - rehearse behavioural interview answers"

out=$("$REHEARSE" practice conf-01 2>&1); rc=$?
expect_eq "practice with a bare question id is a usage error" "$rc" 2
expect_match "that says what was meant" "$out" "did you mean --question conf-01\?"
out=$("$REHEARSE" practice conflict 2>&1)
expect_match "a bare category is recognised too" "$out" "did you mean --category conflict\?"
out=$("$REHEARSE" practice nonsense 2>&1)
expect_match "anything else names the options" "$out" "'nonsense' is not an option"

out=$("$REHEARSE" practice --category failures --dry-run 2>&1); rc=$?
expect_eq "an unknown category exits 1" "$rc" 1
expect_match "and lists the valid ones" "$out" "unknown category 'failures'; the categories are: .*failure.*"

for name in "ci pipeline" "CI-Pipeline" "ci_pipeline" "cutting the ci pipeline from 41 to 9 minutes"; do
	out=$("$REHEARSE" practice --story "$name" --dry-run 2>&1); rc=$?
	expect_match "--story '$name' finds ci-pipeline" "$rc $(printf "%s" "$out" | tr "\n" " ")" "^0 .*story: ci-pipeline"
done
out=$("$REHEARSE" practice --story "no such" --dry-run 2>&1); rc=$?
expect_eq "a story that is not there still exits 1" "$rc" 1
finish
