/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_store.c - the history database on real files in a temporary folder. */
#include <sndfile.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/analysis.h"
#include "rehearse/attempt.h"
#include "rehearse/compare.h"
#include "rehearse/paths.h"
#include "rehearse/metrics.h"
#include "rehearse/store.h"
#include "rehearse/story_text.h"
#include "rehearse/wavio.h"
#include "fixture_db.h"
#include "test.h"

static char *db_path(const char *name)
{
	return xasprintf("%s/%s", test_tmpdir(), name);
}

static void creates_schema_from_empty_file_with_private_mode(void)
{
	char *p = db_path("new.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	CHECK_INT(db_count(&s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	CHECK_INT(db_count(&s, "PRAGMA application_id"), STORE_APP_ID);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM attempts"), 0);
	CHECK_INT(db_count(&s, "PRAGMA foreign_keys"), 1);
	store_close(&s);
	struct stat st;
	CHECK_INT(stat(p, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	/* Opening again is a no-op migration. */
	CHECK_INT(store_open(&s, p, 0, e), 0);
	store_close(&s);
	free(p);
}

/* A history from before 'cut-off' (schema 1) keeps its rows, marks and
 * statistics through the migration, and then takes the new status. */
static void migrates_schema_1_keeping_rows(void)
{
	char *p = db_path("v1.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	/* Back to schema 1's attempts table, with a row and a mark. */
	const char *old =
		"PRAGMA foreign_keys = OFF; DROP TABLE attempts; DROP TABLE story_sentences;"
		"CREATE TABLE attempts (id INTEGER PRIMARY KEY,"
		" round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,"
		" mode TEXT NOT NULL, started_at INTEGER NOT NULL,"
		" question_id TEXT, question_text TEXT, category TEXT, story_id TEXT,"
		" story_title TEXT, wav_path TEXT, sample_rate INTEGER,"
		" status TEXT NOT NULL CHECK (status IN ('recording','complete','stopped',"
		"'interrupted','failed','discarded')), reason TEXT, duration_s REAL, limit_s REAL,"
		" overflows INTEGER NOT NULL DEFAULT 0, dropped_frames INTEGER NOT NULL DEFAULT 0,"
		" pid INTEGER);"
		"INSERT INTO attempts (id, mode, started_at, question_id, status, duration_s)"
		" VALUES (7, 'practice', 1, 'conf-01', 'complete', 61.5);"
		"INSERT INTO marks VALUES (7, 'S', 1.5);"
		"PRAGMA user_version = 1;";
	CHECK_INT(sqlite3_exec(s.db, old, NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < metric_count; i++) { /* nor had its stats schema 2's figures */
		if (metrics[i].since_schema < 2)
			continue;
		char *sql = xasprintf("ALTER TABLE stats DROP COLUMN %s", metrics[i].name);
		CHECK_INT(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	CHECK(sqlite3_exec(s.db, "UPDATE attempts SET status = 'cut-off'", NULL, NULL, NULL) !=
	      SQLITE_OK);
	store_close(&s);
	CHECK_INT(store_open(&s, p, 0, e), 0);
	CHECK_INT(db_count(&s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM marks WHERE attempt_id = 7"), 1);
	struct attempt_end end = {ATTEMPT_CUT_OFF, "time ran out", 61.5, 0, 0};
	CHECK_INT(store_attempt_finish(&s, 7, &end, e), 0);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, 7, &r, e), 0);
	CHECK_STR(attempt_status_name(r.status), "cut-off");
	attempt_row_free(&r);
	/* Foreign keys still hold: deleting the attempt takes its mark. */
	CHECK_INT(store_delete_attempt(&s, 7, e), 0);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM marks"), 0);
	store_close(&s);
	free(p);
}

struct collect {
	int n;
	long long ids[8];
	char status[8][16];
};

static int collect_row(const struct attempt_row *r, void *arg)
{
	struct collect *c = arg;
	if (c->n < 8) {
		c->ids[c->n] = r->id;
		snprintf(c->status[c->n], sizeof c->status[0], "%s", attempt_status_name(r->status));
	}
	c->n++;
	return 0;
}

static void attempt_round_trip(void)
{
	char *p = db_path("trip.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long round, id1, id2;
	CHECK_INT(store_round_begin(&s, "round", 42, 2, &round, e), 0);
	struct attempt_start a = {.mode = "round", .round_id = round, .question_id = "conf-01",
				  .question_text = "Tell me \"quoted\"; DROP TABLE attempts;--",
				  .category = "conflict", .story_id = "s1", .story_title = "S",
				  .wav_name = "2026-01-01_000000_conf-01.wav", .sample_rate = 48000, .limit_s = 90};
	CHECK_INT(store_attempt_begin(&s, &a, &id1, e), 0);
	CHECK_INT(store_add_mark(&s, id1, STAR_A, 12.5, e), 0);
	struct attempt_end end = {ATTEMPT_COMPLETE, NULL, 88.25, 0, 3};
	CHECK_INT(store_attempt_finish(&s, id1, &end, e), 0);
	a.question_id = "fail-01";
	CHECK_INT(store_attempt_begin(&s, &a, &id2, e), 0);

	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id1, &r, e), 0);
	CHECK_STR(r.question_text, a.question_text);
	CHECK_STR(attempt_status_name(r.status), "complete");
	CHECK_NEAR(r.duration_s, 88.25, 1e-9);
	CHECK_INT(r.dropped_frames, 3);
	CHECK_INT(r.round_id, round);
	attempt_row_free(&r);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM marks WHERE section = 'A'"), 1);

	struct collect c = {0};
	struct history_query q = {0};
	CHECK_INT(store_each_attempt(&s, &q, collect_row, &c, e), 0);
	CHECK_INT(c.n, 2);
	CHECK_INT(c.ids[0], id2); /* newest first */
	CHECK_STR(c.status[0], "recording");
	struct collect only = {0};
	q.status = ATTEMPT_RECORDING;
	CHECK_INT(store_each_attempt(&s, &q, collect_row, &only, e), 0);
	CHECK_INT(only.n, 1);

	struct history_view h = {0};
	CHECK_INT(store_load_recency(&s, &h, e), 0);
	CHECK(recency_get(&h.questions, "conf-01") > 0);
	CHECK(recency_get(&h.stories, "s1") > 0);
	CHECK_INT(recency_get(&h.questions, "lead-01"), 0);
	recency_free(&h.questions);
	recency_free(&h.stories);
	/* Statistics ride along with the attempt, replaceable. */
	struct pause pz[2] = {{1, 2.5}, {5, 5.4}};
	struct analysis an = {.first_speech_s = 0.7, .wpm_estimate = 151.5, .pauses = pz,
			      .npauses = 2, .long_pause_count = 1, .syllables = 99};
	CHECK_INT(store_save_analysis(&s, id1, &an, "Pace steady", e), 0);
	an.npauses = 1;
	CHECK_INT(store_save_analysis(&s, id1, &an, "Pace steady", e), 0);
	CHECK_INT(store_get_attempt(&s, id1, &r, e), 0);
	CHECK(r.has_stats);
	CHECK_NEAR(r.stats.wpm_estimate, 151.5, 1e-9);
	CHECK_INT(r.stats.syllables, 99);
	CHECK_STR(r.feedback, "Pace steady");
	attempt_row_free(&r);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM pauses"), 1);
	CHECK_INT(store_get_attempt(&s, id2, &r, e), 0);
	CHECK(!r.has_stats);
	attempt_row_free(&r);
	CHECK_INT(store_get_attempt(&s, 999, &r, e), -1);
	CHECK_STR(e, "no attempt with id 999");
	store_close(&s);
	free(p);
}

static char *slurp(const char *path, size_t *len)
{
	char e[ERRBUF_SIZE];
	return read_file(path, 1 << 20, len, e);
}

static void refuses_foreign_newer_and_corrupt_files_untouched(void)
{
	char e[ERRBUF_SIZE];
	struct store s;
	/* Another program's sqlite database. */
	char *foreign = db_path("foreign.db");
	sqlite3 *db;
	CHECK_INT(sqlite3_open(foreign, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	sqlite3_close(db);
	size_t n1, n2;
	char *before = slurp(foreign, &n1);
	CHECK_INT(store_open(&s, foreign, 0, e), -1);
	CHECK(strstr(e, "not a rehearse database") != NULL);
	char *after = slurp(foreign, &n2);
	CHECK(n1 == n2 && memcmp(before, after, n1) == 0);
	free(before);
	free(after);

	/* Ours, but from the future. */
	char *newer = db_path("newer.db");
	CHECK_INT(store_open(&s, newer, 0, e), 0);
	CHECK_INT(sqlite3_exec(s.db, "PRAGMA user_version = 99;", NULL, NULL, NULL), SQLITE_OK);
	store_close(&s);
	CHECK_INT(store_open(&s, newer, 0, e), -1);
	CHECK(strstr(e, "newer rehearse (schema 99") != NULL);

	/* Not a database at all. */
	char *junk = db_path("junk.db");
	test_write(test_tmpdir(), "junk.db", "this is not sqlite, just some text that is long "
					      "enough to look like a header........\n");
	before = slurp(junk, &n1);
	CHECK_INT(store_open(&s, junk, 0, e), -1);
	CHECK(strstr(e, "not a rehearse database, or it is damaged") != NULL);
	after = slurp(junk, &n2);
	CHECK(n1 == n2 && memcmp(before, after, n1) == 0);
	free(before);
	free(after);
	free(junk);
	free(newer);
	free(foreign);
}

static void critique_round_trip_and_delete_cascade(void)
{
	char *p = db_path("critique.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	struct attempt_start a = {.mode = "practice", .question_id = "c1", .category = "conflict",
				  .limit_s = 90};
	long long id;
	CHECK_INT(store_attempt_begin(&s, &a, &id, e), 0);
	struct critique c = {.rating = 4, .note = "too long on the setup"};
	strvec_push(&c.items, "acknowledged the other side");
	strvec_push(&c.items, "kept the clash short");
	bool ticks[2] = {true, false};
	c.ticked = ticks;
	CHECK_INT(store_set_critique(&s, id, &c, e), 0);
	struct critique back;
	CHECK_INT(store_get_critique(&s, id, &back, e), 0);
	CHECK_INT(back.rating, 4);
	CHECK_STR(back.note, "too long on the setup");
	CHECK_INT(back.items.n, 2);
	CHECK(back.ticked[0] && !back.ticked[1]);
	critique_free(&back);
	/* Editing later replaces it. */
	ticks[1] = true;
	c.rating = 5;
	c.note = NULL;
	CHECK_INT(store_set_critique(&s, id, &c, e), 0);
	CHECK_INT(store_get_critique(&s, id, &back, e), 0);
	CHECK_INT(back.rating, 5);
	CHECK(back.note == NULL && back.ticked[1]);
	critique_free(&back);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	CHECK_INT(r.rating, 5);
	attempt_row_free(&r);
	c.rating = 9;
	CHECK_INT(store_set_critique(&s, id, &c, e), -1);
	strvec_free(&c.items);
	/* Deleting the attempt takes everything hanging off it. */
	struct analysis an = {.npauses = 0};
	CHECK_INT(store_save_analysis(&s, id, &an, "x", e), 0);
	CHECK_INT(store_add_mark(&s, id, STAR_S, 1, e), 0);
	CHECK_INT(store_delete_attempt(&s, id, e), 0);
	CHECK_INT(db_count(&s, "SELECT (SELECT count(*) FROM critiques) + (SELECT count(*) FROM "
				 "critique_checks) + (SELECT count(*) FROM stats) + (SELECT count(*) "
				 "FROM marks)"),
		  0);
	store_close(&s);
	free(p);
}

static void history_filters(void)
{
	char *p = db_path("filters.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	static const char *const cats[] = {"conflict", "failure", "conflict", "leadership"};
	static const char *const stories[] = {"a", "b", "b", NULL};
	static const char *const qs[] = {"c1", "f1", "c2", "l1"};
	for (int i = 0; i < 4; i++) {
		struct attempt_start a = {.mode = "practice", .question_id = qs[i],
					  .category = cats[i], .story_id = stories[i]};
		long long id;
		CHECK_INT(store_attempt_begin(&s, &a, &id, e), 0);
	}
	sqlite3_exec(s.db, "UPDATE attempts SET started_at = 1000 * id", NULL, NULL, NULL);
	struct collect c = {0};
	struct history_query q = {.category = "conflict"};
	CHECK_INT(store_each_attempt(&s, &q, collect_row, &c, e), 0);
	CHECK_INT(c.n, 2);
	memset(&c, 0, sizeof c);
	q = (struct history_query){.story = "b"};
	store_each_attempt(&s, &q, collect_row, &c, e);
	CHECK_INT(c.n, 2);
	memset(&c, 0, sizeof c);
	q = (struct history_query){.story = "b", .category = "conflict"};
	store_each_attempt(&s, &q, collect_row, &c, e);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.ids[0], 3);
	memset(&c, 0, sizeof c);
	q = (struct history_query){.since = 2500, .oldest_first = true};
	store_each_attempt(&s, &q, collect_row, &c, e);
	CHECK_INT(c.n, 2);
	CHECK_INT(c.ids[0], 3);
	memset(&c, 0, sizeof c);
	q = (struct history_query){.question = "l1"};
	store_each_attempt(&s, &q, collect_row, &c, e);
	CHECK_INT(c.n, 1);
	store_close(&s);
	free(p);
}

static long long begin_attempt(struct store *s)
{
	char e[ERRBUF_SIZE];
	struct attempt_start a = {.mode = "practice", .question_id = "conf-01", .limit_s = 90};
	long long id = 0;
	CHECK_INT(store_attempt_begin(s, &a, &id, e), 0);
	return id;
}

/* Every stored metric of the table goes in and comes back under its name. */
static void every_metric_round_trips_by_name(void)
{
	char *p = db_path("metrics.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK(metric_count <= METRIC_MAX);
	for (size_t i = 0; i < metric_count; i++)
		for (size_t j = i + 1; j < metric_count; j++)
			CHECK(strcmp(metrics[i].name, metrics[j].name) != 0);
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long id = begin_attempt(&s);
	struct analysis an = {.has_story = true}; /* the story follower's figures too */
	for (size_t i = 0; i < metric_count; i++)
		metric_set(&metrics[i], &an, metrics[i].type == METRIC_REAL ? i + 0.25 : i + 1.0);
	CHECK_INT(store_save_analysis(&s, id, &an, NULL, e), 0);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	for (size_t i = 0; i < metric_count; i++) {
		double want = metrics[i].since_schema ? metric_get(&metrics[i], &an) : 0;
		CHECK_NEAR(metric_get(&metrics[i], &r.stats), want, 1e-12);
		CHECK_INT((int)(r.stats_missing >> i & 1), metrics[i].since_schema ? 0 : 1);
	}
	attempt_row_free(&r);
	store_close(&s);
	free(p);
}

/* Issue 11: a take started at the device's default rate (0) stores the rate
 * it was recorded at, and says whether speech was heard. */
static void sample_rate_and_speech_are_stored(void)
{
	char *p = db_path("rate.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long id = begin_attempt(&s), silent = begin_attempt(&s);
	struct analysis an = {.sample_rate = 44100, .has_speech = true, .speech_s = 30};
	CHECK_INT(store_save_analysis(&s, id, &an, NULL, e), 0);
	struct analysis quiet = {.sample_rate = 16000};
	CHECK_INT(store_save_analysis(&s, silent, &quiet, NULL, e), 0);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	CHECK_INT(r.sample_rate, 44100);
	CHECK(r.stats.has_speech);
	attempt_row_free(&r);
	CHECK_INT(store_get_attempt(&s, silent, &r, e), 0);
	CHECK(r.has_stats && !r.stats.has_speech);
	attempt_row_free(&r);
	store_close(&s);
	free(p);
}

/* Issue 11: a peak just under full scale rounds to "0 dBFS", not "-0". */
static void level_never_shows_minus_zero(void)
{
	struct analysis a = {.speech_rms_dbfs = -0.4, .peak_dbfs = -0.2};
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].label && !strcmp(metrics[i].label, "Level")) {
			char buf[160];
			metric_show(&metrics[i], &a, 60, buf, sizeof buf);
			CHECK_STR(buf, "speech 0 dBFS, peak 0 dBFS, 0 clipped");
		}
}

/* The Pauses row says what it counts, and "none" rather than a longest
 * pause of 0.0 s when there is none. */
static void pauses_row_says_what_it_counts(void)
{
	struct pause p[] = {{1, 1.5}, {4, 6.9}};
	struct analysis a = {.pauses = p, .npauses = 2, .long_pause_count = 1, .longest_pause_s = 2.9};
	const struct metric *m = metric_find("long_pause_count");
	CHECK(m != NULL);
	char buf[160];
	metric_show(m, &a, 60, buf, sizeof buf);
	CHECK_STR(buf, "2, 1 over 1 s (longest 2.9 s)");
	a = (struct analysis){0};
	metric_show(m, &a, 60, buf, sizeof buf);
	CHECK_STR(buf, "none");
}

/* A database without one metric's column (as an older one would be) still
 * reads: that figure is missing, the others land in their own fields. */
static void reads_columns_by_name_when_one_is_absent(void)
{
	char *p = db_path("older.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long id = begin_attempt(&s);
	struct analysis an = {.first_speech_s = 1.5, .speech_s = 40, .syllables = 120,
			      .wpm_estimate = 150, .peak_dbfs = -3};
	CHECK_INT(store_save_analysis(&s, id, &an, NULL, e), 0);
	CHECK_INT(sqlite3_exec(s.db, "ALTER TABLE stats DROP COLUMN speech_s", NULL, NULL, NULL),
		  SQLITE_OK);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	CHECK(r.has_stats);
	CHECK_NEAR(r.stats.first_speech_s, 1.5, 1e-12);
	CHECK_NEAR(r.stats.speech_s, 0, 1e-12);
	CHECK_INT(r.stats.syllables, 120);
	CHECK_NEAR(r.stats.wpm_estimate, 150, 1e-12);
	CHECK_NEAR(r.stats.peak_dbfs, -3, 1e-12);
	for (size_t i = 0; i < metric_count; i++)
		if (!strcmp(metrics[i].name, "speech_s"))
			CHECK(r.stats_missing >> i & 1);
	attempt_row_free(&r);
	store_close(&s);
	free(p);
}

/* A version-1 database (before the columns of schema 2) is migrated on
 * open: the new columns are added, its rows keep their figures and read
 * the new ones as missing, and new rows store them. */
static void migrates_version_1_database(void)
{
	char *p = db_path("v1.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long id = begin_attempt(&s);
	struct analysis an = {.first_speech_s = 2.5, .wpm_estimate = 140, .snr_db = 30};
	CHECK_INT(store_save_analysis(&s, id, &an, NULL, e), 0);
	for (size_t i = 0; i < metric_count; i++) {
		if (metrics[i].since_schema < 2)
			continue;
		char *sql = xasprintf("ALTER TABLE stats DROP COLUMN %s", metrics[i].name);
		CHECK_INT(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	CHECK_INT(sqlite3_exec(s.db, "DROP TABLE story_sentences; PRAGMA user_version = 1", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	store_close(&s);
	CHECK(STORE_SCHEMA_VERSION >= 2);
	CHECK_INT(store_open(&s, p, 0, e), 0);
	CHECK_INT(db_count(&s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	CHECK_NEAR(r.stats.first_speech_s, 2.5, 1e-12);
	CHECK_NEAR(r.stats.wpm_estimate, 140, 1e-12);
	uint64_t stored = 0; /* bits of the metrics the database keeps */
	for (size_t i = 0; i < metric_count; i++) {
		if (!metrics[i].since_schema)
			continue;
		stored |= 1ull << i;
		/* has_speech is derived from the speaking time for old rows */
		bool derived = !strcmp(metrics[i].name, "has_speech");
		CHECK_INT((int)(r.stats_missing >> i & 1), metrics[i].since_schema >= 2 && !derived);
	}
	CHECK(!r.stats.has_speech); /* no speaking time stored */
	attempt_row_free(&r);
	long long id2 = begin_attempt(&s);
	an.has_speech = true;
	an.has_story = true;
	an.wpm_source = WPM_TEXT;
	CHECK_INT(store_save_analysis(&s, id2, &an, NULL, e), 0);
	CHECK_INT(store_get_attempt(&s, id2, &r, e), 0);
	CHECK_INT(r.stats_missing & stored, 0);
	CHECK(r.stats.has_speech);
	CHECK_INT(r.stats.wpm_source, WPM_TEXT);
	CHECK_NEAR(r.stats.snr_db, 30, 1e-12);
	attempt_row_free(&r);
	store_close(&s);
	free(p);
}

static void status_names_round_trip(void)
{
	for (int i = ATTEMPT_ANY + 1; i < ATTEMPT_STATUS_COUNT; i++)
		CHECK_INT(attempt_status_parse(attempt_status_name(i)), i);
	CHECK_STR(attempt_status_name(ATTEMPT_FAILED), "failed");
	CHECK_INT(attempt_status_parse("bogus"), ATTEMPT_ANY);
	CHECK_INT(attempt_status_parse(NULL), ATTEMPT_ANY);
	CHECK_STR(attempt_status_name(ATTEMPT_STATUS_COUNT), "unknown");
}

/* One order: the row, then the file; a file that cannot go is reported. */
static long long attempt_with_wav(struct store *s, const char *wav)
{
	char e[ERRBUF_SIZE];
	struct attempt_start a = {.mode = "practice", .question_id = "q", .wav_name = wav};
	long long id = 0;
	CHECK_INT(store_attempt_begin(s, &a, &id, e), 0);
	return id;
}

static void attempt_delete_removes_row_then_file(void)
{
	const char *name = "2026-01-01_000000_q.wav", *dname = "2026-01-01_000000_d.wav";
	char *p = db_path("delete.db"), *wav = db_path(name), *dir = db_path(dname);
	struct store s;
	char e[ERRBUF_SIZE];
	bool had;
	CHECK_INT(store_open(&s, p, 0, e), 0);
	FILE *f = fopen(wav, "w");
	CHECK(f != NULL);
	fclose(f);
	long long id = attempt_with_wav(&s, name);
	CHECK_INT(attempt_delete(&s, id, &had, e), 0);
	CHECK(had);
	CHECK(!is_file(wav));
	CHECK_INT(store_get_attempt(&s, id, &(struct attempt_row){0}, e), -1);
	/* Already gone: not an error. */
	id = attempt_with_wav(&s, name);
	CHECK_INT(attempt_delete(&s, id, &had, e), 0);
	/* Not a regular file: the row is gone, the folder stays, and the
	 * warning says so. */
	CHECK_INT(mkdir(dir, 0700), 0);
	id = attempt_with_wav(&s, dname);
	CHECK_INT(attempt_delete(&s, id, &had, e), 1);
	CHECK(!had);
	CHECK(strstr(e, "2026-01-01_000000_d.wav: not a regular file") != NULL);
	CHECK(is_dir(dir));
	CHECK_INT(db_count(&s, "SELECT count(*) FROM attempts"), 0);
	CHECK_INT(attempt_delete(&s, 999, NULL, e), -1);
	CHECK_STR(e, "no attempt with id 999");
	/* A name rehearse never makes is not written. */
	struct attempt_start a = {.mode = "practice", .wav_name = "../x.wav"};
	CHECK_INT(store_attempt_begin(&s, &a, &id, e), -1);
	rmdir(dir);
	store_close(&s);
	free(p);
	free(wav);
	free(dir);
}

/* Schema 2 as it shipped (72aaf37): ids could be reused, and rows named
 * their recordings by the path they were made at. */
static const char schema2[] =
	"CREATE TABLE rounds (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL,"
	" mode TEXT NOT NULL, seed INTEGER, count INTEGER NOT NULL);"
	"CREATE TABLE attempts (id INTEGER PRIMARY KEY,"
	" round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL, mode TEXT NOT NULL,"
	" started_at INTEGER NOT NULL, question_id TEXT, question_text TEXT, category TEXT,"
	" story_id TEXT, story_title TEXT, wav_path TEXT, sample_rate INTEGER,"
	" status TEXT NOT NULL CHECK (status IN ('recording','complete','stopped',"
	"'interrupted','failed','discarded','cut-off')), reason TEXT, duration_s REAL,"
	" limit_s REAL, overflows INTEGER NOT NULL DEFAULT 0,"
	" dropped_frames INTEGER NOT NULL DEFAULT 0, pid INTEGER);"
	"CREATE INDEX attempts_started ON attempts(started_at);"
	"CREATE INDEX attempts_question ON attempts(question_id);"
	"CREATE INDEX attempts_story ON attempts(story_id);"
	"CREATE INDEX attempts_status ON attempts(status);"
	"CREATE TABLE marks (attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
	" section TEXT NOT NULL CHECK (section IN ('S','T','A','R')), at_s REAL NOT NULL);"
	"CREATE INDEX marks_attempt ON marks(attempt_id);"
	"CREATE TABLE critiques (attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id)"
	" ON DELETE CASCADE, rating INTEGER CHECK (rating BETWEEN 1 AND 5), note TEXT,"
	" updated_at INTEGER NOT NULL);"
	"CREATE TABLE critique_checks (attempt_id INTEGER NOT NULL REFERENCES attempts(id)"
	" ON DELETE CASCADE, item TEXT NOT NULL, ticked INTEGER NOT NULL,"
	" PRIMARY KEY (attempt_id, item));"
	"CREATE TABLE stats (attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id)"
	" ON DELETE CASCADE, first_speech_s REAL, last_speech_s REAL, speech_s REAL,"
	" long_pause_count INTEGER, longest_pause_s REAL, syllables INTEGER,"
	" syllables_per_min REAL, articulation_rate REAL, wpm_estimate REAL,"
	" speech_rms_dbfs REAL, peak_dbfs REAL, clipped_samples INTEGER, feedback TEXT,"
	" has_speech INTEGER, syllables_per_word REAL, wpm_source INTEGER, snr_db REAL,"
	" nonfinite_samples INTEGER);"
	"CREATE TABLE pauses (attempt_id INTEGER NOT NULL REFERENCES attempts(id)"
	" ON DELETE CASCADE, start_s REAL NOT NULL, end_s REAL NOT NULL);"
	"CREATE INDEX pauses_attempt ON pauses(attempt_id);"
	"PRAGMA application_id = 1380471379; PRAGMA user_version = 2;";

static void write_tone(const char *path)
{
	SF_INFO info = {.samplerate = 16000, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
	SNDFILE *sf = sf_open(path, SFM_WRITE, &info);
	CHECK(sf != NULL);
	short x[1600] = {0};
	for (int i = 0; i < 1600; i++)
		x[i] = (short)(i % 40 < 20 ? 8000 : -8000);
	sf_writef_short(sf, x, 1600);
	sf_close(sf);
}

/* Issue 16: a schema-2 history whose rows hold absolute (and relative)
 * paths opens; its recordings are found in the folder in use and play
 * (read back) and delete there, never at the old path; ids go on from
 * the highest. */
static void migrates_schema_2_paths_and_ids(void)
{
	char *dir = db_path("v2"), *old = db_path("v2-moved-from");
	CHECK_INT(mkdir(dir, 0700), 0);
	CHECK_INT(mkdir(old, 0700), 0);
	const char *n1 = "2026-01-01_000000_conf-01.wav", *n2 = "2026-01-01_000100_conf-02.wav";
	char *p = xasprintf("%s/history.db", dir);
	char *w1 = xasprintf("%s/%s", dir, n1), *w2 = xasprintf("%s/%s", dir, n2);
	char *decoy = xasprintf("%s/%s", old, n1);
	sqlite3 *db;
	CHECK_INT(sqlite3_open(p, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, schema2, NULL, NULL, NULL), SQLITE_OK);
	char *rows = sqlite3_mprintf(
		"INSERT INTO attempts (id, mode, started_at, question_id, wav_path, status)"
		" VALUES (3, 'practice', 1, 'conf-01', '%q', 'complete'),"
		" (9, 'practice', 2, 'conf-02', 'data/%q', 'complete'),"
		" (10, 'practice', 3, 'conf-03', NULL, 'stopped');"
		"INSERT INTO marks VALUES (3, 'S', 1.5);"
		"INSERT INTO stats (attempt_id, wpm_estimate, feedback) VALUES (3, 140, 'ok');"
		"INSERT INTO critiques VALUES (3, 4, 'n', 1);",
		decoy, n2);
	CHECK_INT(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(rows);
	sqlite3_close(db);
	write_tone(w1);
	write_tone(w2);
	write_tone(decoy);
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	CHECK_INT(db_count(&s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, 3, &r, e), 0);
	CHECK_STR(r.wav_name, n1);
	CHECK_STR(r.wav_path, w1);
	CHECK_NEAR(r.stats.wpm_estimate, 140, 1e-12);
	CHECK_INT(r.rating, 4);
	struct audio_buf info;
	struct analysis an;
	CHECK_INT(audio_analyze_file(r.wav_path, &info, &an, e), 0);
	CHECK_INT((int)info.frames, 1600);
	analysis_free(&an);
	attempt_row_free(&r);
	CHECK_INT(store_get_attempt(&s, 9, &r, e), 0);
	CHECK_STR(r.wav_path, w2);
	attempt_row_free(&r);
	CHECK_INT(store_get_attempt(&s, 10, &r, e), 0);
	CHECK(r.wav_name == NULL && r.wav_path == NULL);
	attempt_row_free(&r);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM marks WHERE attempt_id = 3"), 1);
	/* Deleting removes the folder's file and its dependants, not the
	 * file at the old path; the next id follows the highest ever. */
	bool had = false;
	CHECK_INT(attempt_delete(&s, 3, &had, e), 0);
	CHECK(had && !is_file(w1) && is_file(decoy));
	CHECK_INT(db_count(&s, "SELECT count(*) FROM marks"), 0);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM stats"), 0);
	CHECK_INT(attempt_delete(&s, 10, NULL, e), 0);
	long long id;
	struct attempt_start a = {.mode = "practice", .question_id = "q"};
	CHECK_INT(store_attempt_begin(&s, &a, &id, e), 0);
	CHECK_INT(id, 11);
	store_close(&s);
	free(dir), free(old), free(p), free(w1), free(w2), free(decoy);
}

/* STORE_READ_ONLY (history, stats, exports on a backup or snapshot):
 * nothing is created, a name with URI characters opens, writes fail, and
 * a history of an older schema is named rather than half read. */
static void read_only_open_creates_nothing(void)
{
	struct store s;
	char e[ERRBUF_SIZE];
	char *missing = db_path("ro-missing.db");
	CHECK_INT(store_open(&s, missing, STORE_READ_ONLY, e), -1);
	CHECK(strstr(e, "cannot open") != NULL);
	CHECK(access(missing, F_OK) < 0);
	test_write(test_tmpdir(), "ro-empty.db", "");
	char *empty = db_path("ro-empty.db");
	CHECK_INT(store_open(&s, empty, STORE_READ_ONLY, e), -1);
	CHECK(strstr(e, "holds no history yet") != NULL);
	char *odd = db_path("ro ?#%x.db");
	CHECK_INT(store_open(&s, odd, 0, e), 0);
	store_close(&s);
	CHECK_INT(store_open(&s, odd, STORE_READ_ONLY, e), 0);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM attempts"), 0);
	CHECK(sqlite3_exec(s.db, "DELETE FROM attempts", NULL, NULL, NULL) != SQLITE_OK);
	store_close(&s);
	CHECK_INT(store_open(&s, odd, 0, e), 0);
	CHECK_INT(sqlite3_exec(s.db, "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	store_close(&s);
	CHECK_INT(store_open(&s, odd, STORE_READ_ONLY, e), -1);
	CHECK(strstr(e, "made by an older rehearse (schema 1)") != NULL);
	free(missing);
	free(empty);
	free(odd);
}

/* A follow-up's parent: the latest other take of its round and question
 * before it; none for a take that is no follow-up, or once it is gone. */
static void follow_up_parent_is_derived(void)
{
	char *p = db_path("follow.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long round, other, ids[6], parent = -1;
	CHECK_INT(store_round_begin(&s, "round", 1, 2, &round, e), 0);
	CHECK_INT(store_round_begin(&s, "round", 2, 2, &other, e), 0);
	struct attempt_start a = {.mode = "round", .round_id = round, .question_id = "c1",
				  .question_text = "C one", .category = "conflict", .limit_s = 90};
	CHECK_INT(store_attempt_begin(&s, &a, &ids[0], e), 0); /* c1 */
	CHECK_INT(store_attempt_begin(&s, &a, &ids[1], e), 0); /* c1 again */
	a.mode = ATTEMPT_MODE_FOLLOW_UP;
	CHECK_INT(store_attempt_begin(&s, &a, &ids[2], e), 0); /* its follow-up */
	CHECK_INT(store_attempt_begin(&s, &a, &ids[3], e), 0); /* the follow-up again */
	a.mode = "round";
	a.round_id = other;
	CHECK_INT(store_attempt_begin(&s, &a, &ids[4], e), 0); /* c1 in another round */
	a.round_id = round;
	a.question_id = "f1";
	CHECK_INT(store_attempt_begin(&s, &a, &ids[5], e), 0);
	CHECK_INT(store_follow_up_parent(&s, ids[2], &parent, e), 0);
	CHECK_INT(parent, ids[1]);
	CHECK_INT(store_follow_up_parent(&s, ids[3], &parent, e), 0);
	CHECK_INT(parent, ids[1]);
	CHECK_INT(store_follow_up_parent(&s, ids[5], &parent, e), 0);
	CHECK_INT(parent, 0);
	CHECK_INT(store_follow_up_parent(&s, 9999, &parent, e), 0);
	CHECK_INT(parent, 0);
	CHECK_INT(store_delete_attempt(&s, ids[1], e), 0);
	CHECK_INT(store_follow_up_parent(&s, ids[2], &parent, e), 0);
	CHECK_INT(parent, ids[0]);
	store_close(&s);
	free(p);
}

/* A retry is compared with the answer before it, a follow-up with the
 * follow-up before it: never the one with the other. */
static void follow_ups_are_compared_with_follow_ups(void)
{
	char *p = db_path("compare-follow.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long ids[4];
	const char *modes[4] = {"round", ATTEMPT_MODE_FOLLOW_UP, "round", ATTEMPT_MODE_FOLLOW_UP};
	struct attempt_end end = {ATTEMPT_COMPLETE, NULL, 20, 0, 0};
	for (int i = 0; i < 4; i++) {
		struct attempt_start a = {.mode = modes[i], .question_id = "c1",
					  .question_text = "C one", .category = "conflict",
					  .limit_s = 90};
		CHECK_INT(store_attempt_begin(&s, &a, &ids[i], e), 0);
		CHECK_INT(store_attempt_finish(&s, ids[i], &end, e), 0);
	}
	for (int i = 2; i < 4; i++) {
		struct attempt_row cur, prev;
		double marks[STAR_COUNT];
		CHECK_INT(store_get_attempt(&s, ids[i], &cur, e), 0);
		CHECK_INT(compare_find_previous(&s, &cur, &prev, marks, e), 1);
		CHECK_INT(prev.id, ids[i - 2]);
		attempt_row_free(&cur);
		attempt_row_free(&prev);
	}
	store_close(&s);
	free(p);
}

/* A story follower's result: two sentences of S and R, one left out. */
static void sample_follow(struct follow_result *r)
{
	static struct follow_sentence sent[2];
	sent[0] = (struct follow_sentence){STAR_S, "We shipped late.", true, 2.5, 0.8};
	sent[1] = (struct follow_sentence){STAR_R, "Churn fell by 12%.", false, 0, 0};
	*r = (struct follow_result){.built = true, .followed = true, .sentences = sent,
				    .nsentences = 2, .coverage = 0.5, .words_heard = 31,
				    .wpm_words = 142.5, .cpu_s = 1.25};
	r->part_heard[STAR_S] = true;
	r->part_start_s[STAR_S] = 2.5;
}

/* Issue 18: the follower's figures and sentences go in with a take and
 * come back; a part not heard and a left-out sentence read as missing. */
static void story_figures_round_trip(struct store *s, long long id)
{
	char e[ERRBUF_SIZE];
	struct follow_result in, out;
	sample_follow(&in);
	struct analysis an = {.speech_s = 20};
	metric_story_set(&an, &in);
	CHECK_INT(store_save_analysis(s, id, &an, NULL, e), 0);
	CHECK_INT(store_save_story(s, id, &in, e), 0);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(s, id, &r, e), 0);
	CHECK(r.stats.has_story && r.stats.story_followed);
	CHECK_INT(store_get_story(s, &r, &out, e), 0);
	CHECK(out.followed && out.part_heard[STAR_S] && !out.part_heard[STAR_A]);
	CHECK_NEAR(out.part_start_s[STAR_S], 2.5, 1e-12);
	CHECK_NEAR(out.coverage, 0.5, 1e-12);
	CHECK_NEAR(out.wpm_words, 142.5, 1e-12);
	CHECK_INT(out.words_heard, 31);
	CHECK_INT((int)out.nsentences, 2);
	CHECK_STR(out.sentences[1].text, "Churn fell by 12%.");
	CHECK(out.sentences[0].heard && !out.sentences[1].heard);
	CHECK_INT(out.sentences[1].part, STAR_R);
	CHECK_NEAR(out.sentences[0].start_s, 2.5, 1e-12);
	const struct metric *m = metric_find("story_a_start_s");
	CHECK(m && (r.stats_missing >> (m - metrics) & 1));
	follow_result_free(&out);
	attempt_row_free(&r);
}

/* Issue 18: a schema-3 history (before the follower) opens as schema 4:
 * its rows read every follower figure as missing and have no story, and
 * new takes store theirs. */
static void migrates_schema_3_story_figures(void)
{
	char *p = db_path("v3.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	long long old = begin_attempt(&s);
	struct analysis an = {.first_speech_s = 1.5, .speech_s = 30};
	CHECK_INT(store_save_analysis(&s, old, &an, NULL, e), 0);
	for (size_t i = 0; i < metric_count; i++) { /* back to schema 3 */
		if (metrics[i].since_schema < 4)
			continue;
		char *sql = xasprintf("ALTER TABLE stats DROP COLUMN %s", metrics[i].name);
		CHECK_INT(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	CHECK_INT(sqlite3_exec(s.db, "DROP TABLE story_sentences; PRAGMA user_version = 3", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	store_close(&s);
	CHECK_INT(STORE_SCHEMA_VERSION, 4);
	CHECK_INT(store_open(&s, p, 0, e), 0);
	CHECK_INT(db_count(&s, "PRAGMA user_version"), 4);
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, old, &r, e), 0);
	CHECK(r.has_stats && !r.stats.has_story);
	CHECK_NEAR(r.stats.first_speech_s, 1.5, 1e-12);
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].since_schema == 4)
			CHECK_INT((int)(r.stats_missing >> i & 1), 1);
	struct follow_result none;
	CHECK_INT(store_get_story(&s, &r, &none, e), 0);
	CHECK_INT((int)none.nsentences, 0);
	attempt_row_free(&r);
	story_figures_round_trip(&s, begin_attempt(&s));
	/* Deleting a take takes its sentences. */
	CHECK_INT(store_delete_attempt(&s, old + 1, e), 0);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM story_sentences"), 0);
	store_close(&s);
	free(p);
}

/* The pivot's last telling: the latest earlier take of the same story for
 * any question (not a follow-up, not one without an answer). */
static void last_telling_of_a_story_is_found(void)
{
	char *p = db_path("telling.db");
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, 0, e), 0);
	struct attempt_end end = {ATTEMPT_COMPLETE, NULL, 60, 0, 0};
	const char *qs[4] = {"c1", "f1", "f1", "f2"};
	const char *modes[4] = {"practice", "practice", ATTEMPT_MODE_FOLLOW_UP, "pivot"};
	long long ids[4];
	for (int i = 0; i < 4; i++) {
		struct attempt_start a = {.mode = modes[i], .question_id = qs[i],
					  .question_text = "Q", .category = i ? "failure" : "conflict",
					  .story_id = "billing", .limit_s = 90};
		CHECK_INT(store_attempt_begin(&s, &a, &ids[i], e), 0);
		CHECK_INT(store_attempt_finish(&s, ids[i], &end, e), 0);
	}
	CHECK_INT(store_add_mark(&s, ids[1], STAR_R, 40, e), 0);
	struct attempt_row cur, last;
	double starts[STAR_COUNT];
	CHECK_INT(store_get_attempt(&s, ids[3], &cur, e), 0);
	CHECK_INT(compare_find_last_telling(&s, &cur, &last, starts, e), 1);
	CHECK_INT(last.id, ids[1]); /* f1, passing over its follow-up */
	CHECK_NEAR(starts[STAR_R], 40, 1e-9);
	attempt_row_free(&last);
	attempt_row_free(&cur);
	CHECK_INT(store_get_attempt(&s, ids[0], &cur, e), 0);
	CHECK_INT(compare_find_last_telling(&s, &cur, &last, starts, e), 0); /* the first */
	attempt_row_free(&cur);
	store_close(&s);
	free(p);
}

const struct test_case store_cases[] = {
	TEST(last_telling_of_a_story_is_found),
	TEST(follow_up_parent_is_derived),
	TEST(follow_ups_are_compared_with_follow_ups),
	TEST(migrates_schema_3_story_figures),
	TEST(read_only_open_creates_nothing),
	TEST(status_names_round_trip),
	TEST(attempt_delete_removes_row_then_file),
	TEST(every_metric_round_trips_by_name),
	TEST(sample_rate_and_speech_are_stored),
	TEST(level_never_shows_minus_zero),
	TEST(pauses_row_says_what_it_counts),
	TEST(reads_columns_by_name_when_one_is_absent),
	TEST(migrates_version_1_database),
	TEST(critique_round_trip_and_delete_cascade),
	TEST(history_filters),
	TEST(creates_schema_from_empty_file_with_private_mode),
	TEST(migrates_schema_1_keeping_rows),
	TEST(migrates_schema_2_paths_and_ids),
	TEST(attempt_round_trip),
	TEST(refuses_foreign_newer_and_corrupt_files_untouched),
};
const size_t store_count = ARRAY_SIZE(store_cases);
