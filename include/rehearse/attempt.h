/* SPDX-License-Identifier: GPL-3.0-or-later */
/* attempt.h - one recorded answer as history keeps it: the status it ended
 * with, and deleting it together with its recording.
 *
 * The status names are what the database stores and what exports show;
 * they match the CHECK constraint of the schema (store.c), so a new status
 * needs a migration as well as a row of the name table. */
#ifndef REHEARSE_ATTEMPT_H
#define REHEARSE_ATTEMPT_H

#include <stdbool.h>

enum attempt_status {
	ATTEMPT_ANY = 0,   /* in a query: every status; never stored */
	ATTEMPT_RECORDING, /* the row is written before the first sample */
	ATTEMPT_COMPLETE,  /* the clock ran out or the person ended the answer */
	ATTEMPT_STOPPED,   /* stopped early (by the person or a signal) */
	ATTEMPT_INTERRUPTED, /* rehearse died during the take; completed on the next start */
	ATTEMPT_FAILED,	   /* the recording failed (device, disk); the reason says why */
	ATTEMPT_DISCARDED,
	ATTEMPT_CUT_OFF,   /* the clock ended it while the person was still speaking */
	ATTEMPT_STATUS_COUNT
};

/* The stored name ("complete"), or "unknown". */
const char *attempt_status_name(enum attempt_status s);
/* The status called name; ATTEMPT_ANY if there is none. */
enum attempt_status attempt_status_parse(const char *name);

#include <stddef.h>

struct store;
struct attempt_row;

/* A recording is named in its row by its file name alone, joined with the
 * data folder in use, so a copied or moved folder keeps working and no row
 * can point elsewhere. A name rehearse makes: "2026-11-25_184512_ID.wav"
 * (or "..._ID-N.wav"), no '/', no control character. */
bool attempt_name_ok(const char *name);
/* Why r's recording is not used: "attempt N names 'X', which is not a
 * recording rehearse made in DIR; it was left alone", into buf. */
void attempt_wav_refusal(const struct store *s, const struct attempt_row *r, char *buf,
			 size_t n);
/* The process that recorded r is still at it (status recording, its pid
 * alive and not ours): its row and file are not ours to change. */
bool attempt_is_live(const struct attempt_row *r);
/* path is a regular file itself (not a link, FIFO, device or folder):
 * what a recording of rehearse's is. */
bool attempt_file_ok(const char *path);
/* Remove the file called name in s's data folder (through its descriptor,
 * so never elsewhere) only if it is a regular file, never a link, FIFO,
 * device or folder. 0: removed or already gone; 1: something else, or a
 * name with a '/', left alone; -1: errno says why. */
int attempt_unlink_file(const struct store *s, const char *name);

/* Keep a finished take as FLAC (the keep-as setting): write NAME.flac
 * beside *wav (flushed to disk), name it in the row in one statement,
 * then remove the WAV; *wav becomes the FLAC's path. Recording itself
 * stays WAV, so a crash during a take loses nothing; on any failure the
 * WAV and its row stay as they were (a FLAC half-made is removed). 0, or
 * -1 with errbuf. */
int attempt_keep_flac(struct store *s, long long id, char **wav, char *errbuf);
/* Delete an attempt: its history row first, then its recording. A row
 * without its file is worse than a file without its row, which a person
 * can still find and play. *had_file (may be NULL) says whether a
 * recording was removed. Refused (-1) while another process still records
 * it. Returns 0; 1 when the row is gone but the file it names is not a
 * recording rehearse made in the data folder (left alone, errbuf says
 * so); or -1 with errbuf saying what failed (a missing file is not an
 * error: it is gone either way). */
int attempt_delete(struct store *s, long long id, bool *had_file, char *errbuf);

#endif
