#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seed a rehearse history database (created by rehearse itself, so the
schema is the real one) with known attempts, for the history, export,
stats and benchmark tests.

usage: seed_history.py DB COUNT [--wavs]
Attempt i (1-based) is at 2026-01-01 + i hours, category and story cycle
through fixed lists, WPM is 120 + i % 50, long pauses i % 3, first word
1 + (i % 4) / 2, ratings 1 + i % 5 on every other attempt. With --wavs, a
tiny WAV is written per attempt into the database's folder, named as
rehearse names it (2026-01-01_000000_seed-I.wav), and that name stored."""
import sqlite3, sys, os, wave, struct

db, count = sys.argv[1], int(sys.argv[2])
wav_dir = os.path.dirname(os.path.abspath(db)) if sys.argv[3:] == ["--wavs"] else None
cats = ["conflict", "leadership", "failure", "achievement"]
stories = ["ci-pipeline", "schema-disagreement", "billing-outage"]
base = 1767225600  # 2026-01-01 00:00 UTC
con = sqlite3.connect(db)
con.execute("BEGIN")
for i in range(1, count + 1):
    cat, story = cats[i % len(cats)], stories[i % len(stories)]
    path = None
    if wav_dir:
        path = "2026-01-01_000000_seed-%d.wav" % i
        with wave.open(os.path.join(wav_dir, path), "wb") as w:
            w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
            w.writeframes(struct.pack("<800h", *([1000, -1000] * 400)))
    con.execute(
        "INSERT INTO attempts (id, mode, started_at, question_id, question_text, category,"
        " story_id, story_title, wav_path, sample_rate, status, duration_s, limit_s)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (i, "practice", base + i * 3600, "%s-%02d" % (cat[:4], i % 7 + 1),
         "Question %d, with a comma and \"quotes\"" % i, cat, story, story.title(), path,
         16000, "complete", 60.0 + i % 30, 90.0))
    con.execute(
        "INSERT INTO stats (attempt_id, first_speech_s, last_speech_s, speech_s,"
        " long_pause_count, longest_pause_s, syllables, syllables_per_min,"
        " articulation_rate, wpm_estimate, speech_rms_dbfs, peak_dbfs, clipped_samples,"
        " feedback) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (i, 1 + (i % 4) / 2, 80.0, 70.0, i % 3, 1.5, 300, 225.0, 260.0, 120 + i % 50,
         -20.0, -3.0, 0, "Pace steady"))
    if i % 2 == 0:
        con.execute("INSERT INTO critiques (attempt_id, rating, note, updated_at)"
                    " VALUES (?,?,?,?)", (i, 1 + i % 5, "note %d" % i, base))
con.execute("COMMIT")
con.close()
