/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_schema.c - the history database's schema: its migrations, one
 * per version, and the metrics columns each version adds. See store.h. */
#include <stdio.h>

#include "rehearse/metrics.h"
#include "rehearse/store.h"
#include "store_db.h"

/* The attempts table rebuilt as the 1 -> 2 and 2 -> 3 migrations rebuild
 * it: schema 2's columns after the id, and the swap of the new table for
 * the old with its indexes. Frozen with those migrations: never edit. */
#define ATTEMPTS_2_COLUMNS                                                                     \
	"  round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,"                         \
	"  mode TEXT NOT NULL,"                                                                \
	"  started_at INTEGER NOT NULL,"                                                       \
	"  question_id TEXT, question_text TEXT, category TEXT,"                               \
	"  story_id TEXT, story_title TEXT,"                                                   \
	"  wav_path TEXT, sample_rate INTEGER,"                                                \
	"  status TEXT NOT NULL CHECK (status IN"                                              \
	"    ('recording','complete','stopped','interrupted','failed','discarded',"            \
	"     'cut-off')),"                                                                    \
	"  reason TEXT,"                                                                       \
	"  duration_s REAL, limit_s REAL,"                                                     \
	"  overflows INTEGER NOT NULL DEFAULT 0,"                                              \
	"  dropped_frames INTEGER NOT NULL DEFAULT 0,"                                         \
	"  pid INTEGER);"
#define ATTEMPTS_NEW_IN_PLACE                                                                  \
	"DROP TABLE attempts;"                                                                 \
	"ALTER TABLE attempts_new RENAME TO attempts;"                                         \
	"CREATE INDEX attempts_started ON attempts(started_at);"                               \
	"CREATE INDEX attempts_question ON attempts(question_id);"                             \
	"CREATE INDEX attempts_story ON attempts(story_id);"                                   \
	"CREATE INDEX attempts_status ON attempts(status);"

/* Each entry moves the schema from version i to i + 1. Never edit a
 * shipped entry; add a new one. */
static const char *const migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE rounds ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at INTEGER NOT NULL,"
	"  mode TEXT NOT NULL,"
	"  seed INTEGER,"
	"  count INTEGER NOT NULL);"
	"CREATE TABLE attempts ("
	"  id INTEGER PRIMARY KEY,"
	"  round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,"
	"  mode TEXT NOT NULL,"
	"  started_at INTEGER NOT NULL,"
	"  question_id TEXT, question_text TEXT, category TEXT,"
	"  story_id TEXT, story_title TEXT,"
	"  wav_path TEXT, sample_rate INTEGER,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('recording','complete','stopped','interrupted','failed','discarded')),"
	"  reason TEXT,"
	"  duration_s REAL, limit_s REAL,"
	"  overflows INTEGER NOT NULL DEFAULT 0,"
	"  dropped_frames INTEGER NOT NULL DEFAULT 0,"
	"  pid INTEGER);"
	"CREATE INDEX attempts_started ON attempts(started_at);"
	"CREATE INDEX attempts_question ON attempts(question_id);"
	"CREATE INDEX attempts_story ON attempts(story_id);"
	"CREATE INDEX attempts_status ON attempts(status);"
	"CREATE TABLE marks ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
	"  section TEXT NOT NULL CHECK (section IN ('S','T','A','R')),"
	"  at_s REAL NOT NULL);"
	"CREATE INDEX marks_attempt ON marks(attempt_id);"
	"CREATE TABLE critiques ("
	"  attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,"
	"  rating INTEGER CHECK (rating BETWEEN 1 AND 5),"
	"  note TEXT, updated_at INTEGER NOT NULL);"
	"CREATE TABLE critique_checks ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
	"  item TEXT NOT NULL, ticked INTEGER NOT NULL,"
	"  PRIMARY KEY (attempt_id, item));"
	"CREATE TABLE stats ("
	"  attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,"
	"  first_speech_s REAL, last_speech_s REAL, speech_s REAL,"
	"  long_pause_count INTEGER, longest_pause_s REAL,"
	"  syllables INTEGER, syllables_per_min REAL, articulation_rate REAL,"
	"  wpm_estimate REAL, speech_rms_dbfs REAL, peak_dbfs REAL,"
	"  clipped_samples INTEGER, feedback TEXT);"
	"CREATE TABLE pauses ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
	"  start_s REAL NOT NULL, end_s REAL NOT NULL);"
	"CREATE INDEX pauses_attempt ON pauses(attempt_id);",
	/* 1 -> 2: the status 'cut-off' (issue 11). SQLite cannot change a
	 * CHECK in place: the table is rebuilt as its manual describes. This
	 * runs before store_open turns foreign keys on, so dropping the old
	 * table leaves the marks, stats and critiques that point to it. */
	"CREATE TABLE attempts_new ("
	"  id INTEGER PRIMARY KEY,"
	ATTEMPTS_2_COLUMNS
	"INSERT INTO attempts_new SELECT * FROM attempts;"
	ATTEMPTS_NEW_IN_PLACE,
	/* 2 -> 3 (issue 16): ids are never reused (AUTOINCREMENT: `play 12`
	 * from an old note must not reach another take), and a recording is
	 * named by its file name alone, joined with the data folder in use:
	 * an absolute or relative path of an older row keeps what follows
	 * its last '/'. */
	"CREATE TABLE attempts_new ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	ATTEMPTS_2_COLUMNS
	"INSERT INTO attempts_new SELECT id, round_id, mode, started_at, question_id,"
	"  question_text, category, story_id, story_title,"
	"  substr(wav_path, length(rtrim(wav_path, replace(wav_path, '/', ''))) + 1),"
	"  sample_rate, status, reason, duration_s, limit_s, overflows, dropped_frames, pid"
	"  FROM attempts;"
	ATTEMPTS_NEW_IN_PLACE,
	/* 3 -> 4 (issue 18): what the story follower heard of each written
	 * sentence (its single figures are metrics columns, added after
	 * this). Older takes have no rows here and read as not followed. */
	"CREATE TABLE story_sentences ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL,"
	"  part TEXT NOT NULL CHECK (part IN ('S','T','A','R')),"
	"  text TEXT NOT NULL,"
	"  heard INTEGER NOT NULL,"
	"  start_s REAL,"
	"  PRIMARY KEY (attempt_id, idx));",
};

int store_schema_version(void)
{
	int v = (int)ARRAY_SIZE(migrations);
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].since_schema > v)
			v = metrics[i].since_schema;
	return v;
}

/* Schema version v -> v + 1: its SQL, then the columns of the metrics that
 * version adds (the first version's SQL has its metrics already). */
static int migrate_step(struct store *s, int v, char *errbuf)
{
	if (v < (int)ARRAY_SIZE(migrations) && db_exec(s, migrations[v], errbuf))
		return -1;
	for (size_t i = 0; i < metric_count && v >= 1; i++) {
		const struct metric *m = &metrics[i];
		if (m->since_schema != v + 1)
			continue;
		char sql[160];
		snprintf(sql, sizeof sql, "ALTER TABLE stats ADD COLUMN %s %s;", m->name,
			 metric_sql_type(m));
		if (db_exec(s, sql, errbuf))
			return -1;
	}
	return 0;
}

/* Run the migrations from `from` on; the caller holds the transaction. */
int store_migrate(struct store *s, int from, char *errbuf)
{
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
		if (migrate_step(s, v, errbuf) || db_exec(s, pragma, errbuf))
			return -1;
		char app[64];
		snprintf(app, sizeof app, "PRAGMA application_id = %d;", STORE_APP_ID);
		if (v == 0 && db_exec(s, app, errbuf))
			return -1;
	}
	return 0;
}

