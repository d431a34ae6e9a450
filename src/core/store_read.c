/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_read.c - the read side of the history store: listings, exports,
 * one attempt with its marks, pauses and self-critique, and recency for the
 * session engine. See store.h. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/analysis.h"
#include "rehearse/metrics.h"
#include "rehearse/store.h"
#include "rehearse/story_text.h"
#include "store_db.h"

/* Each filter is off when its parameter is NULL (or 0 for the date). */
#define HISTORY_FILTER                                                                       \
	"(?1 IS NULL OR a.status = ?1) AND (?3 IS NULL OR a.story_id = ?3)"                   \
	" AND (?4 IS NULL OR a.category = ?4) AND (?5 IS NULL OR a.question_id = ?5)"         \
	" AND a.started_at >= ?6"

/* A whole attempt: the attempt, whether it has statistics, the
 * self-critique, then every column of the stats table (s.*, last, so a
 * database made before a metric was added still reads: that metric is
 * absent). Columns are read back by name. Caller frees. */
static char *attempt_select(const char *where_order)
{
	return xasprintf("SELECT a.*, s.attempt_id AS stats_id, s.feedback AS feedback,"
			 " c.rating AS rating, c.note AS note, s.*"
			 " FROM attempts a LEFT JOIN stats s ON s.attempt_id = a.id"
			 " LEFT JOIN critiques c ON c.attempt_id = a.id WHERE %s",
			 where_order);
}

/* Where each column of an attempt_select() statement is (-1: absent). */
enum {
	COL_ID, COL_ROUND, COL_STARTED, COL_MODE, COL_QID, COL_QTEXT, COL_CATEGORY, COL_SID,
	COL_STITLE, COL_WAV, COL_STATUS, COL_REASON, COL_RATE, COL_DURATION, COL_LIMIT,
	COL_OVERFLOWS, COL_DROPPED, COL_PID, COL_STATS_ID, COL_FEEDBACK, COL_RATING, COL_NOTE,
	COL_FIXED
};
static const char *const fixed_cols[COL_FIXED] = {
	"id", "round_id", "started_at", "mode", "question_id", "question_text", "category",
	"story_id", "story_title", "wav_path", "status", "reason", "sample_rate", "duration_s",
	"limit_s", "overflows", "dropped_frames", "pid", "stats_id", "feedback", "rating", "note"};

struct row_cols {
	int fixed[COL_FIXED];
	int metric[METRIC_MAX];
};

static int find_col(sqlite3_stmt *st, const char *name, int from)
{
	int n = sqlite3_column_count(st);
	for (int i = from; i < n; i++)
		if (!strcmp(sqlite3_column_name(st, i), name))
			return i;
	return -1;
}

static void map_cols(sqlite3_stmt *st, struct row_cols *c)
{
	for (int i = 0; i < COL_FIXED; i++)
		c->fixed[i] = find_col(st, fixed_cols[i], 0);
	/* The metrics are looked for in s.*, after the note. */
	int stats_from = c->fixed[COL_NOTE] + 1;
	for (size_t i = 0; i < metric_count && i < METRIC_MAX; i++)
		c->metric[i] = metrics[i].since_schema ? find_col(st, metrics[i].name, stats_from) : -1;
}

int store_get_marks(struct store *s, long long id, double at[4], char *errbuf)
{
	for (int i = 0; i < 4; i++)
		at[i] = -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT section, at_s FROM marks WHERE attempt_id = ?"
				      " ORDER BY at_s",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read marks");
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sec = (const char *)sqlite3_column_text(st, 0);
		const char *p = sec ? strchr("STAR", sec[0]) : NULL;
		if (p && sec[0])
			at[p - "STAR"] = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read marks");
}

int store_get_pauses(struct store *s, long long id, struct pause **out, size_t *n, char *errbuf)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT start_s, end_s FROM pauses WHERE attempt_id = ?"
				      " ORDER BY start_s",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read pauses");
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(*out, cap, *n + 1);
		(*out)[*n].start_s = sqlite3_column_double(st, 0);
		(*out)[(*n)++].end_s = sqlite3_column_double(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read pauses");
}

int store_get_story(struct store *s, const struct attempt_row *r, struct follow_result *out,
		    char *errbuf)
{
	memset(out, 0, sizeof *out);
	if (!r->has_stats || !r->stats.has_story)
		return 0;
	metric_story_get(&r->stats, out);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT part, text, heard, start_s FROM story_sentences"
				      " WHERE attempt_id = ? ORDER BY idx",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read the story's sentences");
	sqlite3_bind_int64(st, 1, r->id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		GROW(out->sentences, cap, out->nsentences + 1);
		struct follow_sentence *x = &out->sentences[out->nsentences++];
		const char *part = (const char *)sqlite3_column_text(st, 0);
		const char *p = part && part[0] ? strchr("STAR", part[0]) : NULL;
		*x = (struct follow_sentence){.part = p ? (enum star)(p - "STAR") : STAR_S,
					      .text = col_str(st, 1),
					      .heard = sqlite3_column_int(st, 2) != 0,
					      .start_s = sqlite3_column_double(st, 3)};
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	follow_result_free(out);
	return db_err(s, errbuf, "cannot read the story's sentences");
}

int store_get_critique(struct store *s, long long id, struct critique *out, char *errbuf)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT rating, note FROM critiques WHERE attempt_id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read the self-critique");
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		out->rating = sqlite3_column_int(st, 0);
		out->note = col_str(st, 1);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db,
			       "SELECT item, ticked FROM critique_checks WHERE attempt_id = ?"
			       " ORDER BY rowid",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read the self-critique");
	sqlite3_bind_int64(st, 1, id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strvec_push(&out->items, (const char *)sqlite3_column_text(st, 0));
		GROW(out->ticked, cap, out->items.n);
		out->ticked[out->items.n - 1] = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read the self-critique");
}

void critique_free(struct critique *c)
{
	free(c->note);
	strvec_free(&c->items);
	free(c->ticked);
	memset(c, 0, sizeof *c);
}

static int load_recency_col(struct store *s, const char *sql, struct recency *r, char *errbuf)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read history");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		recency_set(r, (const char *)sqlite3_column_text(st, 0),
			    sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read history");
}

int store_load_recency(struct store *s, struct history_view *h, char *errbuf)
{
	return load_recency_col(s,
				"SELECT question_id, max(started_at) FROM attempts WHERE "
				"question_id IS NOT NULL GROUP BY question_id",
				&h->questions, errbuf) ||
			       load_recency_col(s,
						"SELECT story_id, max(started_at) FROM attempts "
						"WHERE story_id IS NOT NULL GROUP BY story_id",
						&h->stories, errbuf)
		       ? -1
		       : 0;
}

char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

/* The parameters of HISTORY_FILTER, and ?2 for the limit. */
static void bind_history(sqlite3_stmt *st, const struct history_query *q)
{
	bind_text(st, 1, q->status == ATTEMPT_ANY ? NULL : attempt_status_name(q->status));
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, q->limit > 0 ? q->limit : -1);
	bind_text(st, 3, q->story);
	bind_text(st, 4, q->category);
	bind_text(st, 5, q->question);
	sqlite3_bind_int64(st, 6, q->since);
}

static long long col_i64(sqlite3_stmt *st, int i)
{
	return i < 0 ? 0 : sqlite3_column_int64(st, i);
}

static double col_double(sqlite3_stmt *st, int i)
{
	return i < 0 ? 0 : sqlite3_column_double(st, i);
}

static char *col_text(sqlite3_stmt *st, int i)
{
	return i < 0 ? NULL : col_str(st, i);
}

/* Rows stored before has_speech had its column: a take with speech has
 * speaking time. */
static void derive_has_speech(struct attempt_row *r)
{
	for (size_t i = 0; i < metric_count && i < METRIC_MAX; i++) {
		if (strcmp(metrics[i].name, "has_speech") || !(r->stats_missing >> i & 1))
			continue;
		r->stats.has_speech = r->stats.speech_s > 0;
		r->stats_missing &= ~(1ull << i);
	}
}

/* The story follower ran on the take when its figures were stored (rows
 * from before schema 4, or of takes it did not follow, have none). */
static void derive_has_story(struct attempt_row *r)
{
	const struct metric *m = metric_find("story_followed");
	size_t i = (size_t)(m - metrics);
	r->stats.has_story = r->has_stats && i < METRIC_MAX && !(r->stats_missing >> i & 1);
	/* A figure it could not give (a part not heard) reads as missing. */
	for (size_t k = 0; k < metric_count && k < METRIC_MAX; k++)
		if (metrics[k].present && (r->stats_missing >> k & 1) &&
		    metrics[k].type == METRIC_REAL)
			metric_set(&metrics[k], &r->stats, NAN);
}

/* The row's recording in the data folder in use, when its name is one
 * rehearse makes: no stored text can lead outside the folder. A name with
 * a NUL inside (stored bytes longer than the C string) reads as another
 * row's file here while SQL, comparing all bytes, calls it unshared. */
static void place_wav(const struct store *s, int stored_bytes, struct attempt_row *r)
{
	if (attempt_name_ok(r->wav_name) && (size_t)stored_bytes == strlen(r->wav_name))
		r->wav_path = path_join(s->dir, r->wav_name);
}

static void read_row(const struct store *s, sqlite3_stmt *st, const struct row_cols *c,
		     struct attempt_row *r)
{
	const int *f = c->fixed;
	memset(r, 0, sizeof *r);
	r->id = col_i64(st, f[COL_ID]);
	r->round_id = col_i64(st, f[COL_ROUND]);
	r->started_at = col_i64(st, f[COL_STARTED]);
	r->mode = col_text(st, f[COL_MODE]);
	r->question_id = col_text(st, f[COL_QID]);
	r->question_text = col_text(st, f[COL_QTEXT]);
	r->category = col_text(st, f[COL_CATEGORY]);
	r->story_id = col_text(st, f[COL_SID]);
	r->story_title = col_text(st, f[COL_STITLE]);
	r->wav_name = col_text(st, f[COL_WAV]);
	place_wav(s, f[COL_WAV] < 0 ? 0 : sqlite3_column_bytes(st, f[COL_WAV]), r);
	r->status = f[COL_STATUS] < 0 ? ATTEMPT_ANY
				      : attempt_status_parse(
						(const char *)sqlite3_column_text(st, f[COL_STATUS]));
	r->reason = col_text(st, f[COL_REASON]);
	r->sample_rate = (int)col_i64(st, f[COL_RATE]);
	r->duration_s = col_double(st, f[COL_DURATION]);
	r->limit_s = col_double(st, f[COL_LIMIT]);
	r->overflows = col_i64(st, f[COL_OVERFLOWS]);
	r->dropped_frames = col_i64(st, f[COL_DROPPED]);
	r->pid = col_i64(st, f[COL_PID]);
	r->rating = (int)col_i64(st, f[COL_RATING]);
	r->note = col_text(st, f[COL_NOTE]);
	r->has_stats = f[COL_STATS_ID] >= 0 && sqlite3_column_type(st, f[COL_STATS_ID]) != SQLITE_NULL;
	if (!r->has_stats)
		return;
	r->feedback = col_text(st, f[COL_FEEDBACK]);
	for (size_t i = 0; i < metric_count && i < METRIC_MAX; i++) {
		int k = c->metric[i];
		if (k >= 0 && sqlite3_column_type(st, k) != SQLITE_NULL)
			metric_set(&metrics[i], &r->stats, sqlite3_column_double(st, k));
		else
			r->stats_missing |= 1ull << i;
	}
	derive_has_speech(r);
	derive_has_story(r);
}

void attempt_row_free(struct attempt_row *r)
{
	free(r->mode);
	free(r->question_id);
	free(r->question_text);
	free(r->category);
	free(r->story_id);
	free(r->story_title);
	free(r->wav_name);
	free(r->wav_path);
	free(r->reason);
	free(r->feedback);
	free(r->note);
	memset(r, 0, sizeof *r);
}

/* Prepare an attempt_select() with its column map. */
static int prepare_attempts(struct store *s, const char *where_order, sqlite3_stmt **st,
			    struct row_cols *cols, char *errbuf)
{
	char *sql = attempt_select(where_order);
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_err(s, errbuf, "cannot read history");
	map_cols(*st, cols);
	return 0;
}

int store_each_attempt(struct store *s, const struct history_query *q,
		       int (*fn)(const struct attempt_row *, void *), void *ctx, char *errbuf)
{
	sqlite3_stmt *st;
	struct row_cols cols;
	if (prepare_attempts(s,
			     q->oldest_first ? HISTORY_FILTER " ORDER BY a.id ASC LIMIT ?2"
					     : HISTORY_FILTER " ORDER BY a.id DESC LIMIT ?2",
			     &st, &cols, errbuf) < 0)
		return -1;
	bind_history(st, q);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct attempt_row r;
		read_row(s, st, &cols, &r);
		int stop = fn(&r, ctx);
		attempt_row_free(&r);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read history");
}

long long store_count_attempts(struct store *s, const struct history_query *q, char *errbuf)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT count(*) FROM attempts a WHERE " HISTORY_FILTER,
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot count attempts");
	bind_history(st, q);
	long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return n < 0 ? db_err(s, errbuf, "cannot count attempts") : n;
}

int store_each_listing(struct store *s, const struct history_query *q,
		       int (*fn)(const struct listing_row *, void *), void *ctx, char *errbuf)
{
#define LISTING                                                                              \
	"SELECT a.id, a.started_at, a.mode, a.status, a.question_id, a.story_id, a.wav_path,"  \
	" a.duration_s, s.attempt_id, s.wpm_estimate, s.first_speech_s, s.long_pause_count,"   \
	" c.rating, coalesce(s.has_speech, s.speech_s > 0), s.speech_s, a.limit_s"            \
	" FROM attempts a LEFT JOIN stats s ON s.attempt_id = a.id"                           \
	" LEFT JOIN critiques c ON c.attempt_id = a.id WHERE " HISTORY_FILTER
	const char *sql = q->oldest_first ? LISTING " ORDER BY a.id ASC LIMIT ?2"
					  : LISTING " ORDER BY a.id DESC LIMIT ?2";
#undef LISTING
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read history");
	bind_history(st, q);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct listing_row r = {
			.id = sqlite3_column_int64(st, 0),
			.started_at = sqlite3_column_int64(st, 1),
			.mode = (const char *)sqlite3_column_text(st, 2),
			.status = attempt_status_parse((const char *)sqlite3_column_text(st, 3)),
			.question_id = (const char *)sqlite3_column_text(st, 4),
			.story_id = (const char *)sqlite3_column_text(st, 5),
			.wav_name = (const char *)sqlite3_column_text(st, 6),
			.duration_s = sqlite3_column_double(st, 7),
			.has_stats = sqlite3_column_type(st, 8) != SQLITE_NULL,
			.wpm_estimate = sqlite3_column_double(st, 9),
			.first_speech_s = sqlite3_column_double(st, 10),
			.long_pause_count = sqlite3_column_int(st, 11),
			.rating = sqlite3_column_int(st, 12),
		};
		r.has_speech = r.has_stats && sqlite3_column_int(st, 13);
		r.speech_s = sqlite3_column_double(st, 14);
		r.limit_s = sqlite3_column_double(st, 15);
		if (fn(&r, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read history");
}

int store_get_attempt(struct store *s, long long id, struct attempt_row *out, char *errbuf)
{
	sqlite3_stmt *st;
	struct row_cols cols;
	if (prepare_attempts(s, "a.id = ?", &st, &cols, errbuf) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(s, st, &cols, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return set_err(errbuf, "no attempt with id %lld", id);
	return db_err(s, errbuf, "cannot read history");
}

int store_follow_up_parent(struct store *s, long long id, long long *parent, char *errbuf)
{
	/* IS, not =: a round of one question has no round row (NULL). */
	static const char sql[] =
		"SELECT p.id FROM attempts f JOIN attempts p ON p.id < f.id"
		" AND p.round_id IS f.round_id AND p.question_id IS f.question_id"
		" AND p.mode <> ?2 WHERE f.id = ?1 AND f.mode = ?2 ORDER BY p.id DESC LIMIT 1";
	sqlite3_stmt *st;
	*parent = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read history");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, ATTEMPT_MODE_FOLLOW_UP, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*parent = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot read history");
}
