#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 9 item 11: a take that fills the disk keeps the reason it ended
# with ("failed", no space), not "interrupted" as if rehearse had been
# killed; its WAV plays and its statistics are stored. The disk is a 2 MB
# tmpfs: mounted directly as root, else in a user namespace, else skipped.
if [ "$(id -u)" -ne 0 ] && [ -z "${HARDENING_NS:-}" ]; then
	if unshare -rm true 2>/dev/null; then
		HARDENING_NS=1 exec unshare -rm bash "$0" "$@"
	fi
	. "$(dirname "$0")/lib.sh"
	skip_all "cannot mount a small file system here (not root, no user namespaces)"
fi
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/audio_lib.sh"
FULL="$T/small"
mkdir -p "$FULL"
trap 'tm_cleanup; umount "$FULL" 2>/dev/null; rm -rf "$T"' EXIT
mount -t tmpfs -o size=2M,mode=700 tmpfs "$FULL" 2>/dev/null || skip_all "cannot mount a tmpfs"
vmic_file "$SRC/tests/fixtures/usm-150-clean.wav" 48000
export REHEARSE_DATA="$FULL/data"
"$REHEARSE" practice --dry-run >/dev/null # creates the folder and the schema
tm_start full "$REHEARSE practice --question conf-01 --prep 0 --seconds 120"
wait_screen full "Status +(complete|failed)" 30 && pass "the take on a filling disk ends" ||
	fail "the take on a filling disk ends"
expect_match "the screen says why" "$(screen_of full)" "No space left on device"
tm send-keys -t full q
wait_screen full "EXIT=" 10 >/dev/null || true
row=$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT status, reason FROM attempts WHERE id = 1")
expect_match "the row is failed with that reason" "$row" "^failed\|could not write the recording \(No space left on device\)"
out=$("$REHEARSE" history 2>&1)
row=$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT status, reason FROM attempts WHERE id = 1")
expect_match "and the next start keeps it so" "$row" "^failed\|could not write the recording \(No space left on device\)"
expect_eq "with its statistics" \
	"$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT count(*) FROM stats WHERE attempt_id = 1")" 1
wav=$(ls "$REHEARSE_DATA"/*.wav)
secs=$(soxi -D "$wav" 2>/dev/null || echo 0)
python3 -c "import sys; sys.exit(0 if $secs > 5 else 1)" && pass "the WAV plays ($secs s)" ||
	fail "the WAV plays ($secs s)"
expect_eq "no space stays set aside" "$(ls "$REHEARSE_DATA" | grep -c reserve)" 0

# Issue 16 item 11: on a disk with no room left at all, the commands say
# the disk is full, not that the history is damaged.
dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
for cmd in history stats "delete 1 --yes"; do
	out=$(timeout 20 "$REHEARSE" $cmd 2>&1); rc=$?
	expect_eq "$cmd on a full disk exits 1" "$rc" 1
	expect_match "saying the disk is full" "$out" "history.db: .*the disk is full"
	case $out in *damaged*) fail "and not that it is damaged: $out" ;; esac
done
rm -f "$FULL/filler"
expect_eq "the row is still there" \
	"$(sqlite3 "$REHEARSE_DATA/history.db" "SELECT count(*) FROM attempts WHERE id = 1")" 1
finish
