/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store.c - see store.h. */
#include "rehearse/store.h"
#include "store_db.h"

#include "rehearse/analysis.h"
#include "rehearse/metrics.h"
#include "rehearse/strbuf.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* SQLite calls a write that found no room "disk I/O error" as often as
 * "database or disk is full": either way a person must hear the disk is
 * full, not that the history is damaged. */
static bool disk_full(struct store *s)
{
	return (sqlite3_errcode(s->db) & 0xff) == SQLITE_FULL ||
	       sqlite3_system_errno(s->db) == ENOSPC || sqlite3_system_errno(s->db) == EDQUOT;
}

static const char *db_message(struct store *s)
{
	return disk_full(s) ? "the disk is full (no space left on device)"
			    : sqlite3_errmsg(s->db);
}

int db_err(struct store *s, char *errbuf, const char *what)
{
	return set_err(errbuf, "%s: %s: %s", s->path, what, db_message(s));
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

int db_exec(struct store *s, const char *sql, char *errbuf)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		set_err(errbuf, "%s: %s", s->path, disk_full(s) || !msg ? db_message(s) : msg);
		sqlite3_free(msg);
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
	    pragma_int(s, "SELECT count(*) FROM sqlite_schema;", &tables, errbuf)) {
		if (disk_full(s))
			return set_err(errbuf, "%s: cannot open: %s; it was left untouched",
				       s->path, db_message(s));
		return set_err(errbuf,
			       "%s: not a rehearse database, or it is damaged (%s); it was left "
			       "untouched",
			       s->path, sqlite3_errmsg(s->db));
	}
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
 * file into a database. A hard link too (a folder copied with cp -al):
 * every change would reach the other folder's history as well, and two
 * folders writing one database through their own -wal and -shm damage it. */
static int refuse_link_at(const char *p, char *errbuf)
{
	struct stat st;
	if (lstat(p, &st) < 0)
		return 0;
	if (S_ISLNK(st.st_mode))
		return set_err(errbuf,
			       "%s: is a symbolic link; rehearse does not follow links in its data "
			       "folder (move the real file here instead)",
			       p);
	if (S_ISREG(st.st_mode) && st.st_nlink > 1)
		return set_err(errbuf,
			       "%s: has %ju hard links (a folder copied with 'cp -al'?), so a change "
			       "here would change the other copy too; it was left untouched (give this "
			       "folder its own copy: cp -p FILE FILE.new && mv FILE.new FILE)",
			       p, (uintmax_t)st.st_nlink);
	return 0;
}

static int refuse_links(const char *path, char *errbuf)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	int rc = 0;
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix && rc == 0; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		rc = refuse_link_at(p, errbuf);
		free(p);
	}
	return rc;
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
	if (open_db(s, SQLITE_OPEN_READONLY, errbuf) || db_exec(s, "BEGIN;", errbuf))
		return -1;
	int id = check_identity(s, &version, errbuf);
	sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL);
	if (id < 0)
		return -1;
	if (open_db(s, SQLITE_OPEN_READWRITE, errbuf) || db_exec(s, "BEGIN IMMEDIATE;", errbuf))
		return -1;
	if (check_identity(s, &version, errbuf) < 0 || store_migrate(s, version, errbuf) ||
	    db_exec(s, "COMMIT;", errbuf)) {
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
		return -1;
	}
	return set_wal(s, errbuf) || db_exec(s, "PRAGMA foreign_keys = ON;", errbuf);
}

/* s->dir and s->path from path, its folder resolved: SQLite's no-follow
 * flag refuses a link in any component, so a home reached through a link
 * (/home -> /data/home) would make every command fail. The links that
 * matter are at the names in the folder; refuse_links checks those. */
static int resolve_folder(struct store *s, const char *path, char *errbuf)
{
	const char *slash = strrchr(path, '/');
	char *dir = !slash ? xstrdup(".") : xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	s->dir = realpath(dir, NULL);
	if (!s->dir)
		set_err(errbuf, "%s: cannot open the data folder: %s", dir, strerror(errno));
	free(dir);
	if (!s->dir)
		return -1;
	s->path = path_join(s->dir, slash ? slash + 1 : path);
	s->dir_fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (s->dir_fd >= 0)
		return 0;
	set_err(errbuf, "%s: cannot open the data folder: %s", s->dir, strerror(errno));
	free(s->dir); /* no folder, no descriptor for store_close to close */
	s->dir = NULL;
	return -1;
}

/* A file: URI for path: "?" "#" "%" and bytes outside printable ASCII
 * escaped, as RFC 3986 and SQLite's URI rules want. */
static char *file_uri(const char *path, bool immutable)
{
	size_t n = strlen(path);
	char *uri = xmalloc(3 * n + 32), *o = uri;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("?#%", *p))
			o += sprintf(o, "%%%02X", *p);
		else
			*o++ = (char)*p;
	sprintf(o, "?mode=ro%s", immutable ? "&immutable=1" : "");
	return uri;
}

/* SQLite reads a WAL database through its -shm file, which it must create
 * when it is not there; in a folder it cannot write to, read the file as
 * it is (immutable), which is what a backup or snapshot holds. */
static bool needs_immutable(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	bool writable = access(slash ? dir : ".", W_OK) == 0;
	free(dir);
	char *shm = xasprintf("%s-shm", path), *wal = xasprintf("%s-wal", path);
	bool companions = is_file(shm) && is_file(wal);
	free(shm);
	free(wal);
	return !writable && !companions;
}

static int open_read_only(struct store *s, char *errbuf)
{
	char *uri = file_uri(s->path, needs_immutable(s->path));
	int rc = sqlite3_open_v2(uri, &s->db,
				 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return db_err(s, errbuf, "cannot open");
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_extended_result_codes(s->db, 1);
	int version;
	if (db_exec(s, "BEGIN;", errbuf))
		return -1;
	int id = check_identity(s, &version, errbuf);
	sqlite3_exec(s->db, "COMMIT;", NULL, NULL, NULL);
	if (id == ID_NEW)
		return set_err(errbuf, "%s: holds no history yet", s->path);
	if (id == ID_OURS && version < STORE_SCHEMA_VERSION)
		return set_err(errbuf,
			       "%s: made by an older rehearse (schema %d); it is read only once a "
			       "command that records or deletes has brought it up to date, which "
			       "needs the folder writable",
			       s->path, version);
	return id < 0 ? -1 : 0;
}

int store_open(struct store *s, const char *path, unsigned flags, char *errbuf)
{
	memset(s, 0, sizeof *s);
	if (resolve_folder(s, path, errbuf) || refuse_links(s->path, errbuf)) {
		store_close(s);
		return -1;
	}
	if (flags & STORE_READ_ONLY) {
		struct stat st;
		int rc = stat(path, &st) < 0 ? set_err(errbuf, "%s: cannot open: %s", path,
						       strerror(errno))
					     : open_read_only(s, errbuf);
		if (rc < 0)
			store_close(s);
		return rc;
	}
	/* Create the file ourselves so it is 0600 whatever the umask, and
	 * never through a link. */
	int fd = open(s->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		set_err(errbuf, "%s: cannot open: %s", s->path,
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
	if (s->dir) /* dir_fd is open exactly when dir is set */
		close(s->dir_fd);
	free(s->dir);
	memset(s, 0, sizeof *s);
}

/* quick_check reads every page: about 4 ms a megabyte. Up to here (some
 * 14,000 takes, years of practice) every command can afford it; a larger
 * history relies on each read reporting the damage it meets. */
#define QUICK_CHECK_MAX_BYTES (4 << 20)

int store_quick_check(struct store *s, char *errbuf)
{
	int pages = 0, page_size = 0;
	if (pragma_int(s, "PRAGMA page_count;", &pages, errbuf) ||
	    pragma_int(s, "PRAGMA page_size;", &page_size, errbuf))
		return -1;
	if ((long long)pages * page_size > QUICK_CHECK_MAX_BYTES)
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check(3)", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot check the database");
	char found[ERRBUF_SIZE] = "";
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") && strlen(found) + strlen(line) + 3 < sizeof found)
			snprintf(found + strlen(found), sizeof found - strlen(found), "%s%s",
				 found[0] ? "; " : "", line);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && !found[0])
		snprintf(found, sizeof found, "%s", db_message(s));
	if (!found[0])
		return 0;
	return set_err(errbuf,
		       "%s: the database is damaged (%s); history may be incomplete: copy the "
		       "folder somewhere safe, then try 'sqlite3 history.db .recover'",
		       s->path, found);
}

/* Inside store_begin's transaction the writes below join it; on their own
 * each opens (and ends) its own. *own says which. */
static int tx_begin(struct store *s, bool *own, char *errbuf)
{
	*own = sqlite3_get_autocommit(s->db) != 0;
	return *own ? db_exec(s, "BEGIN IMMEDIATE;", errbuf) : 0;
}

static int tx_end(struct store *s, bool own, int rc, char *errbuf)
{
	if (!own)
		return rc;
	if (rc == 0)
		return db_exec(s, "COMMIT;", errbuf);
	sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
	return -1;
}

int store_begin(struct store *s, char *errbuf)
{
	return db_exec(s, "BEGIN IMMEDIATE;", errbuf);
}

int store_commit(struct store *s, char *errbuf)
{
	if (db_exec(s, "COMMIT;", errbuf) == 0)
		return 0;
	store_rollback(s);
	return -1;
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK;", NULL, NULL, NULL);
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
	bind_text(st, 9, a->wav_name);
	sqlite3_bind_int(st, 10, a->sample_rate);
	sqlite3_bind_double(st, 11, a->limit_s);
	sqlite3_bind_int64(st, 12, (long long)getpid());
}

int store_attempt_begin(struct store *s, const struct attempt_start *a, long long *id,
			char *errbuf)
{
	if (a->wav_name && !attempt_name_ok(a->wav_name))
		return set_err(errbuf, "%s: not a recording name rehearse makes", a->wav_name);
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
	assert(m->section >= 0 && m->section < (int)ARRAY_SIZE(letters)); /* an enum star_section */
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
		double v = metric_get(m, x->a);
		if (v != v) /* missing (a figure the take has not): NULL, never 0 */
			sqlite3_bind_null(st, k++);
		else if (m->type == METRIC_REAL)
			sqlite3_bind_double(st, k++, v);
		else
			sqlite3_bind_int64(st, k++, (long long)v);
	}
}

/* INSERT OR REPLACE INTO stats (attempt_id, feedback, METRICS...) VALUES
 * (?, ...); caller frees. */
static char *stats_insert_sql(void)
{
	struct strbuf sql = STRBUF_INIT, qs = STRBUF_INIT;
	strbuf_addstr(&sql, "INSERT OR REPLACE INTO stats (attempt_id, feedback");
	strbuf_addstr(&qs, "?,?");
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].since_schema) {
			strbuf_addf(&sql, ", %s", metrics[i].name);
			strbuf_addstr(&qs, ",?");
		}
	strbuf_addf(&sql, ") VALUES (%s)", qs.buf);
	strbuf_release(&qs);
	return strbuf_detach(&sql, NULL);
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
	bool own;
	if (tx_begin(s, &own, errbuf))
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
	return tx_end(s, own, rc, errbuf);
}

static int save_sentences(struct store *s, long long id, const struct follow_result *r,
			  char *errbuf)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO story_sentences (attempt_id, idx, part, text,"
				      " heard, start_s) VALUES (?,?,?,?,?,?)",
			       -1, &st, NULL) != SQLITE_OK)
		return db_err(s, errbuf, "cannot store the story's sentences");
	int rc = SQLITE_DONE;
	for (size_t i = 0; i < r->nsentences && rc == SQLITE_DONE; i++) {
		const struct follow_sentence *x = &r->sentences[i];
		char part[2] = {"STAR"[x->part], '\0'};
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (long long)i);
		sqlite3_bind_text(st, 3, part, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, x->text ? x->text : "", -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, x->heard);
		if (x->heard)
			sqlite3_bind_double(st, 6, x->start_s);
		else
			sqlite3_bind_null(st, 6);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_err(s, errbuf, "cannot store the story's sentences");
}

int store_save_story(struct store *s, long long id, const struct follow_result *r, char *errbuf)
{
	bool own;
	if (tx_begin(s, &own, errbuf))
		return -1;
	int rc = run(s, "DELETE FROM story_sentences WHERE attempt_id = ?", errbuf,
		     "cannot store the story's sentences", bind_id, &id);
	if (rc == 0)
		rc = save_sentences(s, id, r, errbuf);
	return tx_end(s, own, rc, errbuf);
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

struct set_story_args {
	long long id;
	const char *story_id, *story_title;
};

static void bind_set_story(sqlite3_stmt *st, const void *arg)
{
	const struct set_story_args *a = arg;
	sqlite3_bind_int64(st, 1, a->id);
	bind_text(st, 2, a->story_id);
	bind_text(st, 3, a->story_title);
}

int store_attempt_set_story(struct store *s, long long id, const char *story_id,
			    const char *story_title, char *errbuf)
{
	struct set_story_args a = {id, story_id, story_title};
	return run(s, "UPDATE attempts SET story_id = ?2, story_title = ?3 WHERE id = ?1", errbuf,
		   "cannot store the story heard", bind_set_story, &a);
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
	bool own;
	if (tx_begin(s, &own, errbuf))
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
	return tx_end(s, own, rc, errbuf);
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
