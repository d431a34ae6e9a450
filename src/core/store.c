/* store.c - see store.h. */
#include "rehearse/store.h"
#include "store_db.h"

#include "rehearse/analysis.h"
#include "rehearse/metrics.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
	"  round_id INTEGER REFERENCES rounds(id) ON DELETE SET NULL,"
	"  mode TEXT NOT NULL,"
	"  started_at INTEGER NOT NULL,"
	"  question_id TEXT, question_text TEXT, category TEXT,"
	"  story_id TEXT, story_title TEXT,"
	"  wav_path TEXT, sample_rate INTEGER,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('recording','complete','stopped','interrupted','failed','discarded',"
	"     'cut-off')),"
	"  reason TEXT,"
	"  duration_s REAL, limit_s REAL,"
	"  overflows INTEGER NOT NULL DEFAULT 0,"
	"  dropped_frames INTEGER NOT NULL DEFAULT 0,"
	"  pid INTEGER);"
	"INSERT INTO attempts_new SELECT * FROM attempts;"
	"DROP TABLE attempts;"
	"ALTER TABLE attempts_new RENAME TO attempts;"
	"CREATE INDEX attempts_started ON attempts(started_at);"
	"CREATE INDEX attempts_question ON attempts(question_id);"
	"CREATE INDEX attempts_story ON attempts(story_id);"
	"CREATE INDEX attempts_status ON attempts(status);",
};

int store_schema_version(void)
{
	int v = (int)ARRAY_SIZE(migrations);
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].since_schema > v)
			v = metrics[i].since_schema;
	return v;
}

int db_err(struct store *s, char *errbuf, const char *what)
{
	return set_err(errbuf, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

static int pragma_int(struct store *s, const char *sql, int *out, char *errbuf)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot read database header");
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_err(s, errbuf, "cannot read database header");
	return 0;
}

static int exec(struct store *s, const char *sql, char *errbuf)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		set_err(errbuf, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Schema version v -> v + 1: its SQL, then the columns of the metrics that
 * version adds (the first version's SQL has its metrics already). */
static int migrate_step(struct store *s, int v, char *errbuf)
{
	if (v < (int)ARRAY_SIZE(migrations) && exec(s, migrations[v], errbuf))
		return -1;
	for (size_t i = 0; i < metric_count && v >= 1; i++) {
		const struct metric *m = &metrics[i];
		if (m->since_schema != v + 1)
			continue;
		char sql[160];
		snprintf(sql, sizeof sql, "ALTER TABLE stats ADD COLUMN %s %s;", m->name,
			 metric_sql_type(m));
		if (exec(s, sql, errbuf))
			return -1;
	}
	return 0;
}

/* Run the migrations from `from` on; the caller holds the transaction. */
static int migrate(struct store *s, int from, char *errbuf)
{
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", v + 1);
		if (migrate_step(s, v, errbuf) || exec(s, pragma, errbuf))
			return -1;
		char app[64];
		snprintf(app, sizeof app, "PRAGMA application_id = %d;", STORE_APP_ID);
		if (v == 0 && exec(s, app, errbuf))
			return -1;
	}
	return 0;
}

enum identity { ID_NEW, ID_OURS };

/* Decide whether the file is ours, new, or to be left alone (-1). */
static int check_identity(struct store *s, int *version, char *errbuf)
{
	int app_id = 0, tables = 0;
	*version = 0;
	if (pragma_int(s, "PRAGMA application_id;", &app_id, errbuf) ||
	    pragma_int(s, "PRAGMA user_version;", version, errbuf) ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_schema;", &tables, errbuf))
		return set_err(errbuf,
			       "%s: not a rehearse database, or it is damaged (%s); it was left "
			       "untouched",
			       s->path, sqlite3_errmsg(s->db));
	if (app_id == 0 && *version == 0 && tables == 0)
		return ID_NEW;
	if (app_id != STORE_APP_ID)
		return set_err(errbuf, "%s: not a rehearse database; it was left untouched",
			       s->path);
	if (*version > STORE_SCHEMA_VERSION)
		return set_err(errbuf,
			       "%s: made by a newer rehearse (schema %d, this program knows %d); "
			       "it was left untouched",
			       s->path, *version, STORE_SCHEMA_VERSION);
	return ID_OURS;
}

/* SQLite opens the database and its companions by these names; a link at
 * any of them would put the history somewhere else, or turn someone's
 * file into a database. */
static int refuse_links(const char *path, char *errbuf)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		struct stat st;
		bool link = lstat(p, &st) == 0 && S_ISLNK(st.st_mode);
		if (link)
			set_err(errbuf,
				"%s: is a symbolic link; rehearse does not follow links in its data "
				"folder (move the real file here instead)",
				p);
		free(p);
		if (link)
			return -1;
	}
	return 0;
}

static int open_db(struct store *s, int flags, char *errbuf)
{
	if (s->db)
		sqlite3_close(s->db);
	s->db = NULL;
	if (sqlite3_open_v2(s->path, &s->db, flags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot open");
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	return 0;
}

/* Switching to WAL needs the database to itself for a moment; while
 * another process starting at the same time holds a write lock, SQLite
 * answers "locked" at once rather than wait (it would deadlock), so wait
 * here, within the same 5 s as any other lock. */
static int set_wal(struct store *s, char *errbuf)
{
	for (int tries = 0;; tries++) {
		int rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL;", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY || tries >= 500)
			return db_err(s, errbuf, "cannot set the journal mode");
		sqlite3_sleep(10);
	}
}

/* Read-only first: a foreign database (in WAL mode, say) must not be
 * changed by the mere look. Then, read-write, the check and the migration
 * sit in one IMMEDIATE transaction, so that processes starting together on
 * a new folder see either nothing or a complete schema. */
static int open_checked(struct store *s, char *errbuf)
{
	int version;
	/* One read transaction: the three header reads see one snapshot, not
	 * a half-made schema from a process migrating meanwhile. */
	if (open_db(s, SQLITE_OPEN_READONLY, errbuf) || exec(s, "BEGIN;", errbuf))
		return -1;
	int id = check_identity(s, &version, errbuf);
	sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL);
	if (id < 0)
		return -1;
	if (open_db(s, SQLITE_OPEN_READWRITE, errbuf) || exec(s, "BEGIN IMMEDIATE;", errbuf))
		return -1;
	if (check_identity(s, &version, errbuf) < 0 || migrate(s, version, errbuf) ||
	    exec(s, "COMMIT;", errbuf)) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return -1;
	}
	return set_wal(s, errbuf) || exec(s, "PRAGMA foreign_keys = ON;", errbuf);
}

int store_open(struct store *s, const char *path, char *errbuf)
{
	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	if (refuse_links(path, errbuf)) {
		store_close(s);
		return -1;
	}
	/* Create the file ourselves so it is 0600 whatever the umask, and
	 * never through a link. */
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		set_err(errbuf, "%s: cannot open: %s", path,
			errno == ELOOP ? "it is a symbolic link" : strerror(errno));
		store_close(s);
		return -1;
	}
	close(fd);
	if (open_checked(s, errbuf)) {
		store_close(s);
		return -1;
	}
	return 0;
}

void store_close(struct store *s)
{
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	memset(s, 0, sizeof *s);
}

void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Prepare, let bind() fill the parameters, step once. */
static int run(struct store *s, const char *sql, char *errbuf, const char *what,
	       void (*bind)(sqlite3_stmt *, const void *), const void *arg)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, what);
	bind(st, arg);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_err(s, errbuf, what);
	return 0;
}

static void bind_start(sqlite3_stmt *st, const void *arg)
{
	const struct attempt_start *a = arg;
	bind_text(st, 1, a->mode);
	if (a->round_id)
		sqlite3_bind_int64(st, 2, a->round_id);
	sqlite3_bind_int64(st, 3, (long long)now_s());
	bind_text(st, 4, a->question_id);
	bind_text(st, 5, a->question_text);
	bind_text(st, 6, a->category);
	bind_text(st, 7, a->story_id);
	bind_text(st, 8, a->story_title);
	bind_text(st, 9, a->wav_path);
	sqlite3_bind_int(st, 10, a->sample_rate);
	sqlite3_bind_double(st, 11, a->limit_s);
	sqlite3_bind_int64(st, 12, (long long)getpid());
}

int store_attempt_begin(struct store *s, const struct attempt_start *a, long long *id,
			char *errbuf)
{
	if (run(s,
		"INSERT INTO attempts (mode, round_id, started_at, question_id, question_text,"
		" category, story_id, story_title, wav_path, sample_rate, limit_s, pid, status)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'recording')",
		errbuf, "cannot record the attempt", bind_start, a))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

struct finish_args {
	long long id;
	const struct attempt_end *e;
};

static void bind_finish(sqlite3_stmt *st, const void *arg)
{
	const struct finish_args *f = arg;
	bind_text(st, 1, attempt_status_name(f->e->status));
	bind_text(st, 2, f->e->reason);
	sqlite3_bind_double(st, 3, f->e->duration_s);
	sqlite3_bind_int64(st, 4, f->e->overflows);
	sqlite3_bind_int64(st, 5, f->e->dropped_frames);
	sqlite3_bind_int64(st, 6, f->id);
}

int store_attempt_finish(struct store *s, long long id, const struct attempt_end *e,
			 char *errbuf)
{
	struct finish_args f = {id, e};
	return run(s,
		   "UPDATE attempts SET status = ?, reason = ?, duration_s = ?, overflows = ?,"
		   " dropped_frames = ? WHERE id = ?",
		   errbuf, "cannot complete the attempt", bind_finish, &f);
}

struct mark_args {
	long long id;
	int section;
	double at_s;
};

static void bind_mark(sqlite3_stmt *st, const void *arg)
{
	const struct mark_args *m = arg;
	static const char *const letters[] = {"S", "T", "A", "R"};
	sqlite3_bind_int64(st, 1, m->id);
	bind_text(st, 2, letters[m->section & 3]);
	sqlite3_bind_double(st, 3, m->at_s);
}

int store_add_mark(struct store *s, long long id, int section, double at_s, char *errbuf)
{
	struct mark_args m = {id, section, at_s};
	return run(s, "INSERT INTO marks (attempt_id, section, at_s) VALUES (?,?,?)", errbuf,
		   "cannot store a mark", bind_mark, &m);
}

static int save_pauses(struct store *s, long long id, const struct analysis *a, char *errbuf)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO pauses (attempt_id, start_s, end_s) VALUES (?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot store pauses");
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < a->npauses && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_double(st, 2, a->pauses[i].start_s);
		sqlite3_bind_double(st, 3, a->pauses[i].end_s);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot store pauses");
}

struct stats_args {
	long long id;
	const struct analysis *a;
	const char *feedback;
};

/* Bind attempt_id, feedback, then every stored metric in table order: the
 * order stats_insert_sql() names the columns in. */
static void bind_stats(sqlite3_stmt *st, const void *arg)
{
	const struct stats_args *x = arg;
	sqlite3_bind_int64(st, 1, x->id);
	bind_text(st, 2, x->feedback);
	int k = 3;
	for (size_t i = 0; i < metric_count; i++) {
		const struct metric *m = &metrics[i];
		if (!m->since_schema)
			continue;
		if (m->type == METRIC_REAL)
			sqlite3_bind_double(st, k++, metric_get(m, x->a));
		else
			sqlite3_bind_int64(st, k++, (long long)metric_get(m, x->a));
	}
}

/* INSERT OR REPLACE INTO stats (attempt_id, feedback, METRICS...) VALUES
 * (?, ...); caller frees. */
static char *stats_insert_sql(void)
{
	char *cols = xstrdup("attempt_id, feedback"), *qs = xstrdup("?,?");
	for (size_t i = 0; i < metric_count; i++) {
		if (!metrics[i].since_schema)
			continue;
		char *c = xasprintf("%s, %s", cols, metrics[i].name), *q = xasprintf("%s,?", qs);
		free(cols);
		free(qs);
		cols = c;
		qs = q;
	}
	char *sql = xasprintf("INSERT OR REPLACE INTO stats (%s) VALUES (%s)", cols, qs);
	free(cols);
	free(qs);
	return sql;
}

static void bind_id(sqlite3_stmt *st, const void *arg)
{
	sqlite3_bind_int64(st, 1, *(const long long *)arg);
}

static void bind_rate(sqlite3_stmt *st, const void *arg)
{
	const struct stats_args *x = arg;
	sqlite3_bind_int64(st, 1, x->id);
	sqlite3_bind_int(st, 2, x->a->sample_rate);
}

int store_save_analysis(struct store *s, long long id, const struct analysis *a,
			const char *feedback, char *errbuf)
{
	struct stats_args x = {id, a, feedback};
	if (exec(s, "BEGIN IMMEDIATE;", errbuf))
		return -1;
	char *sql = stats_insert_sql();
	int rc = run(s, sql, errbuf, "cannot store statistics", bind_stats, &x);
	free(sql);
	if (rc == 0)
		rc = run(s, "DELETE FROM pauses WHERE attempt_id = ?", errbuf,
			 "cannot store pauses", bind_id, &id);
	if (rc == 0)
		rc = save_pauses(s, id, a, errbuf);
	/* The rate the file was recorded at is known only now when the device
	 * chose it; rows written before this stay NULL. */
	if (rc == 0 && a->sample_rate > 0)
		rc = run(s, "UPDATE attempts SET sample_rate = ?2 WHERE id = ?1", errbuf,
			 "cannot store the sample rate", bind_rate, &x);
	if (rc == 0)
		return exec(s, "COMMIT;", errbuf);
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return -1;
}

int store_delete_attempt(struct store *s, long long id, char *errbuf)
{
	return run(s, "DELETE FROM attempts WHERE id = ?", errbuf, "cannot delete the attempt",
		   bind_id, &id);
}

int store_attempt_forget_wav(struct store *s, long long id, char *errbuf)
{
	return run(s, "UPDATE attempts SET wav_path = NULL WHERE id = ?", errbuf,
		   "cannot complete the attempt", bind_id, &id);
}

struct rename_args {
	long long id;
	const char *from, *to;
};

static void bind_rename(sqlite3_stmt *st, const void *arg)
{
	const struct rename_args *r = arg;
	sqlite3_bind_int64(st, 1, r->id);
	bind_text(st, 2, r->from);
	bind_text(st, 3, r->to);
}

int store_rename_wav(struct store *s, long long id, const char *from, const char *to,
		     char *errbuf)
{
	struct rename_args r = {id, from, to};
	if (run(s, "UPDATE attempts SET wav_path = ?3 WHERE id = ?1 AND wav_path = ?2", errbuf,
		"cannot rename the recording", bind_rename, &r) < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0
					   : set_err(errbuf, "attempt %lld no longer names %s", id,
						     from);
}

int store_wav_shared(struct store *s, long long id, bool *shared, char *errbuf)
{
	sqlite3_stmt *st;
	*shared = false;
	if (sqlite3_prepare_v2(s->db,
			       "SELECT count(*) FROM attempts a JOIN attempts b"
			       " ON a.wav_path = b.wav_path AND b.id <> a.id WHERE a.id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot look up the recording");
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*shared = sqlite3_column_int64(st, 0) > 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_err(s, errbuf, "cannot look up the recording");
}

struct critique_args {
	long long id;
	const struct critique *c;
};

static void bind_critique(sqlite3_stmt *st, const void *arg)
{
	const struct critique_args *a = arg;
	sqlite3_bind_int64(st, 1, a->id);
	if (a->c->rating > 0)
		sqlite3_bind_int(st, 2, a->c->rating);
	else
		sqlite3_bind_null(st, 2);
	bind_text(st, 3, a->c->note);
	sqlite3_bind_int64(st, 4, (long long)now_s());
}

int store_set_critique(struct store *s, long long id, const struct critique *c, char *errbuf)
{
	struct critique_args args = {id, c};
	if (c->rating < 0 || c->rating > 5)
		return set_err(errbuf, "a rating is 1 to 5");
	if (exec(s, "BEGIN IMMEDIATE;", errbuf))
		return -1;
	int rc = run(s,
		     "INSERT OR REPLACE INTO critiques (attempt_id, rating, note, updated_at)"
		     " VALUES (?, ?, ?, ?)",
		     errbuf, "cannot store the self-critique", bind_critique, &args);
	if (rc == 0)
		rc = run(s, "DELETE FROM critique_checks WHERE attempt_id = ?", errbuf,
			 "cannot store the self-critique", bind_id, &id);
	sqlite3_stmt *st = NULL;
	if (rc == 0 && c->items.n &&
	    sqlite3_prepare_v2(s->db,
			       "INSERT INTO critique_checks (attempt_id, item, ticked) VALUES (?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		rc = db_err(s, errbuf, "cannot store the self-critique");
	for (size_t i = 0; i < c->items.n && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, c->items.v[i]);
		sqlite3_bind_int(st, 3, c->ticked[i] ? 1 : 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_err(s, errbuf, "cannot store the self-critique");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == 0)
		return exec(s, "COMMIT;", errbuf);
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return -1;
}

struct round_args {
	const char *mode;
	unsigned long long seed;
	int count;
};

static void bind_round(sqlite3_stmt *st, const void *arg)
{
	const struct round_args *r = arg;
	sqlite3_bind_int64(st, 1, (long long)now_s());
	bind_text(st, 2, r->mode);
	sqlite3_bind_int64(st, 3, (long long)r->seed);
	sqlite3_bind_int(st, 4, r->count);
}

int store_round_begin(struct store *s, const char *mode, unsigned long long seed, int count,
		      long long *id, char *errbuf)
{
	struct round_args r = {mode, seed, count};
	if (run(s, "INSERT INTO rounds (started_at, mode, seed, count) VALUES (?,?,?,?)", errbuf,
		"cannot record the round", bind_round, &r))
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}
