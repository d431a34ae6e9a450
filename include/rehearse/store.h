/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.h - the history database (sqlite3).
 *
 * One file in the data folder, created 0600. The schema is versioned with
 * PRAGMA user_version and marked as ours with PRAGMA application_id; a file
 * that is not a rehearse database, is newer than this program, or is
 * corrupt is refused with a message and never written to. Every statement
 * uses bound parameters. Functions return 0 or -1 with errbuf filled. */
#ifndef REHEARSE_STORE_H
#define REHEARSE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rehearse/analysis.h"
#include "rehearse/attempt.h"
#include "rehearse/engine.h"

#define STORE_APP_ID 0x52485253 /* "RHRS" */
/* The schema version this program writes: its migrations, and the
 * metrics table's columns (rehearse/metrics.h) with theirs. */
int store_schema_version(void);
#define STORE_SCHEMA_VERSION (store_schema_version())

struct sqlite3;
struct store {
	struct sqlite3 *db;
	char *path; /* DIR/history.db, DIR resolved (no link on the way) */
	char *dir;  /* the data folder in use: the recordings are named in it */
	/* That folder, held open: what is deleted in it is deleted there even
	 * if a folder on its path is swapped for a link meanwhile. */
	int dir_fd;
};

/* The folder holding path is resolved first (realpath), so a data folder
 * reached through a link works; a link at the database's own name or its
 * companions is refused, and so said.
 * flags: 0, or STORE_READ_ONLY for a command that only reads (history,
 * stats, exports, play) on a folder it may not write, such as a backup or
 * a read-only snapshot: the file must exist and be of this schema; nothing
 * is created, migrated or recovered, and when the folder cannot take
 * SQLite's shared-memory file the database is read as immutable. */
enum { STORE_READ_ONLY = 1 };
int store_open(struct store *s, const char *path, unsigned flags, char *errbuf);
void store_close(struct store *s);
/* PRAGMA quick_check, on a database of up to 4 MB (larger ones rely on
 * each read reporting the damage it meets): 0, or -1 with errbuf saying
 * what is damaged (the caller warns; the sound pages still read). */
int store_quick_check(struct store *s, char *errbuf);

/* Group the writes between store_begin and store_commit into one
 * transaction (one logical change): the writes below join it instead of
 * opening their own. store_rollback undoes them all. */
int store_begin(struct store *s, char *errbuf);
int store_commit(struct store *s, char *errbuf);
void store_rollback(struct store *s);


/* The mode of a round's follow-up question: its parent is the latest
 * other take of the same round and question before it
 * (store_follow_up_parent). */
#define ATTEMPT_MODE_FOLLOW_UP "follow-up"
/* Whether a take's mode (may be NULL) is a follow-up's. */
static inline bool attempt_mode_is_follow_up(const char *mode)
{
	return mode && !strcmp(mode, ATTEMPT_MODE_FOLLOW_UP);
}

/* What is known when a take starts; the row is written with status
 * ATTEMPT_RECORDING before the first sample. */
struct attempt_start {
	const char *mode; /* practice, round, pivot, follow-up */
	long long round_id; /* 0: none */
	const char *question_id, *question_text, *category;
	const char *story_id, *story_title;
	const char *wav_name; /* file name in the data folder; NULL: timer only */
	int sample_rate;
	double limit_s;
};
int store_attempt_begin(struct store *s, const struct attempt_start *a, long long *id,
			char *errbuf);

struct attempt_end {
	enum attempt_status status; /* complete, stopped, interrupted, failed */
	const char *reason; /* may be NULL */
	double duration_s;
	long long overflows, dropped_frames;
};
int store_attempt_finish(struct store *s, long long id, const struct attempt_end *e,
			 char *errbuf);
int store_add_mark(struct store *s, long long id, int section, double at_s, char *errbuf);

/* Store (or replace) the pacing statistics and feedback of an attempt. */
struct analysis;
int store_save_analysis(struct store *s, long long id, const struct analysis *a,
			const char *feedback, char *errbuf);

/* The story follower's sentences of an attempt (heard or left out, and
 * when), replacing any stored before; its single figures go with the
 * statistics (analysis.has_story, metric_story_set). */
struct follow_result;
int store_save_story(struct store *s, long long id, const struct follow_result *r,
		     char *errbuf);
/* Name the story told in row id (a take whose card showed none, in which
 * the follower heard one of the bank's): its story_id and story_title, so
 * history, its filters and `history --json` name the story heard. */
int store_attempt_set_story(struct store *s, long long id, const char *story_id,
			    const char *story_title, char *errbuf);

int store_delete_attempt(struct store *s, long long id, char *errbuf);
/* Set true when another row names the same WAV file as row `id`: such a
 * file must not be deleted with `id`. Rows that never had a file share
 * nothing. 0, or -1 with errbuf filled. */
int store_wav_shared(struct store *s, long long id, bool *shared, char *errbuf);
/* Clear the WAV path of a row whose file was never written. */
int store_attempt_forget_wav(struct store *s, long long id, char *errbuf);
/* Name `to` instead of `from` as row id's recording, in one statement;
 * -1 when the row no longer names `from`. */
int store_rename_wav(struct store *s, long long id, const char *from, const char *to,
		     char *errbuf);
/* Where each STAR part was marked (seconds; -1 where not marked). */
int store_get_marks(struct store *s, long long id, double at[4], char *errbuf);
/* The stored pauses of an attempt, newly allocated (caller frees *out). */
struct pause;
int store_get_pauses(struct store *s, long long id, struct pause **out, size_t *n,
		     char *errbuf);

/* What the story follower heard in row r, when it was followed
 * (r->has_stats and r->stats.has_story; otherwise *out is left empty):
 * the row's figures and the stored sentences (free with
 * follow_result_free). 0, or -1 with errbuf. */
struct attempt_row;
int store_get_story(struct store *s, const struct attempt_row *r, struct follow_result *out,
		    char *errbuf);

/* Self-critique: a rating (1-5, 0 for none), checklist items with whether
 * each was ticked, and a note. Setting replaces what was there. */
struct critique {
	int rating;
	char *note;
	struct strvec items;
	bool *ticked; /* items.n entries */
};
int store_set_critique(struct store *s, long long id, const struct critique *c, char *errbuf);
int store_get_critique(struct store *s, long long id, struct critique *out, char *errbuf);
void critique_free(struct critique *c);

int store_round_begin(struct store *s, const char *mode, unsigned long long seed, int count,
		      long long *id, char *errbuf);

/* Fill when each question and story was last practised. */
int store_load_recency(struct store *s, struct history_view *h, char *errbuf);

/* One attempt as listed by history. Strings are owned by the row. */
struct attempt_row {
	long long id, round_id, started_at;
	char *mode, *question_id, *question_text, *category, *story_id, *story_title;
	/* wav_name: as the row stores it (NULL: timer only). wav_path: that
	 * name in the data folder in use, or NULL when the row has none or
	 * names something rehearse never made (wav_name set, wav_path NULL:
	 * the row is reported, its file never touched). */
	char *wav_name, *wav_path;
	char *reason;
	enum attempt_status status;
	int sample_rate;
	double duration_s, limit_s;
	long long overflows, dropped_frames;
	/* Pacing statistics, when the attempt was analysed: every stored
	 * figure of rehearse/metrics.h (pauses, pace and the rest unset);
	 * stats.has_speech is false for a take in which no speech was heard. */
	bool has_stats;
	struct analysis stats;
	uint64_t stats_missing; /* bit i: metrics[i] has no value in this row */
	char *feedback;
	long long pid; /* of the process that recorded it */
	int rating;    /* self-critique, 1-5; 0: not rated */
	char *note;    /* self-critique note, may be NULL */
};
void attempt_row_free(struct attempt_row *r);

struct history_query {
	enum attempt_status status; /* ATTEMPT_ANY: any */
	const char *story;    /* story id; NULL: any */
	const char *category; /* NULL: any */
	const char *question; /* question id; NULL: any */
	long long since;      /* epoch seconds; 0: any */
	int limit;	      /* 0: no limit */
	bool oldest_first;
};
/* Calls fn for each row; stops early when fn returns non-zero. */
int store_each_attempt(struct store *s, const struct history_query *q,
		       int (*fn)(const struct attempt_row *, void *), void *ctx, char *errbuf);
int store_get_attempt(struct store *s, long long id, struct attempt_row *out, char *errbuf);
/* The take a follow-up (mode ATTEMPT_MODE_FOLLOW_UP) followed: the latest
 * take before it of the same round and question that is not a follow-up.
 * *parent is 0 when id is no follow-up or its parent was deleted. */
int store_follow_up_parent(struct store *s, long long id, long long *parent, char *errbuf);

/* The few columns a one-line listing shows, borrowed from sqlite (valid
 * only during the callback): fast enough for 100,000 rows. */
struct listing_row {
	long long id, started_at;
	const char *mode, *question_id, *story_id, *wav_name; /* as stored */
	enum attempt_status status;
	double duration_s, limit_s;
	bool has_stats;
	bool has_speech; /* analysed, and speech was heard */
	double wpm_estimate, first_speech_s, speech_s;
	int long_pause_count, rating;
};
/* How many attempts match the query's filters (its limit aside). */
long long store_count_attempts(struct store *s, const struct history_query *q, char *errbuf);
int store_each_listing(struct store *s, const struct history_query *q,
		       int (*fn)(const struct listing_row *, void *), void *ctx, char *errbuf);

#endif
