#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 16 item 3 on the history screen: deleting a take another process
# is still recording is refused, and its row and file stay.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
sleeper=""
trap 'tm_cleanup; [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null; rm -rf "$T"' EXIT
no_devices
mkdir -m 700 "$REHEARSE_DATA" && "$REHEARSE" history >/dev/null # the schema
name=2026-01-01_000000_conf-01.wav
printf 'being recorded' > "$REHEARSE_DATA/$name"
sleep 600 & # stands for the rehearse that is recording
sleeper=$!
sqlite3 "$REHEARSE_DATA/history.db" "INSERT INTO attempts (mode, started_at, question_id,
	question_text, wav_path, sample_rate, status, pid)
	VALUES ('practice', 1, 'conf-01', 'Tell me about a conflict.', '$name', 48000,
	'recording', $sleeper)"
tm_start h "$REHEARSE"
expect_screen "home opens" h "rehearse"
tm send-keys -t h Down Down Down Down Enter
expect_screen "history opens" h "history \(newest first\)"
tm send-keys -t h d
expect_screen "delete asks" h "Delete attempt 1 and its recording\?"
tm send-keys -t h y
expect_screen "and is refused, saying why" h "attempt 1 is still being recorded \(by process $sleeper\)"
expect_eq "the row stays" "$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT count(*) FROM attempts")" 1
expect_eq "and its file" "$(cat "$REHEARSE_DATA/$name")" "being recorded"
tm send-keys -t h Enter q q
finish
