/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_custody.c - issue 16: what rehearse deletes, creates or settles is
 * its own, inside the data folder in use, whatever a row says; and a
 * take's end, ids and the database's health as the issue found them. */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fixture_db.h"
#include "fixture_take.h"
#include "rehearse/attempt.h"
#include "rehearse/take.h"
#include "test.h"

/* A fresh folder under the suite's temporary folder. Caller frees. */
static char *subdir(const char *name)
{
	char *d = xasprintf("%s/%s", test_tmpdir(), name);
	CHECK_INT(mkdir_p(d, 0700), 0);
	return d;
}

/* A fresh folder sub with its history open in s: the folder, and in *db
 * the database's path (the caller frees both). */
static char *open_fresh(struct store *s, const char *sub, char **db)
{
	char *dir = subdir(sub);
	*db = xasprintf("%s/history.db", dir);
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(s, *db, 0, e), 0);
	return dir;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void check_text(const char *path, const char *want)
{
	char *got = file_text(path);
	CHECK_STR(got, want);
	free(got);
}

static float *tone(int rate, double seconds, size_t *n)
{
	*n = (size_t)(rate * seconds);
	float *x = xmalloc(*n * sizeof *x);
	for (size_t i = 0; i < *n; i++)
		x[i] = (float)(0.5 * sin(2 * M_PI * 220 * (double)i / rate));
	return x;
}

/* A take environment on a fake microphone playing a second of tone,
 * with its database at DB (under the suite's folder) and its recordings
 * in dir. */
struct fake_env {
	float *x;
	struct audio_backend *mic;
	struct env_fixture f;
};

static void fake_setup(struct fake_env *k, const char *db, const char *dir)
{
	size_t n;
	k->x = tone(16000, 1.0, &n);
	struct audio_fake_config cfg = {.samples = k->x, .n = n, .rate = 16000,
					.stall_after_s = -1};
	k->mic = audio_fake_new(&cfg);
	env_setup(&k->f, db, k->mic);
	k->f.env.data_dir = dir;
}

static void fake_teardown(struct fake_env *k)
{
	env_teardown(&k->f);
	audio_backend_free(k->mic);
	free(k->x);
}

/* A short take with fake audio in env, with an S mark; the row is kept. */
static int record_take(struct take *t, const struct take_env *env, const struct pick *p)
{
	char e[ERRBUF_SIZE];
	if (take_start(t, env, p, e) < 0)
		return -1;
	struct take_live live;
	do {
		take_poll(t, &live);
	} while (live.elapsed < 0.2 && !live.failed);
	take_mark(t, STAR_S, e, sizeof e);
	return take_end(t, env, ATTEMPT_COMPLETE, NULL, e);
}

/* Item 1: a take recorded with a relative data folder; deleting it from
 * another working folder, with the folder named absolutely, removes its
 * recording and not the decoy at the same relative path there. */
static void a_relative_folder_deletes_its_own_recording(void)
{
	char *a = subdir("rel/a"), *b = subdir("rel/b");
	char *cwd = getcwd(NULL, 0);
	CHECK_INT(chdir(a), 0);
	CHECK_INT(mkdir("data", 0700), 0);
	struct fake_env k;
	fake_setup(&k, "unused.db", "data");
	store_close(&k.f.store);
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&k.f.store, "data/history.db", 0, e), 0);
	struct take t;
	CHECK_INT(record_take(&t, &k.f.env, &k.f.pick), 0);
	char *name = xstrdup(strrchr(t.wav_path, '/') + 1);
	char *real = xasprintf("%s/data/%s", a, name), *decoy = xasprintf("%s/data/%s", b, name);
	long long id = t.id;
	take_free(&t);
	store_close(&k.f.store);
	CHECK(is_file(real));
	CHECK_INT(chdir(b), 0);
	CHECK_INT(mkdir("data", 0700), 0);
	put(decoy, "decoy");
	char *db = xasprintf("%s/data/history.db", a);
	CHECK_INT(store_open(&k.f.store, db, 0, e), 0);
	bool had = false;
	CHECK_INT(attempt_delete(&k.f.store, id, &had, e), 0);
	CHECK(had);
	CHECK(!is_file(real));
	check_text(decoy, "decoy");
	CHECK_INT(chdir(cwd), 0);
	fake_teardown(&k);
	free(name), free(real), free(decoy), free(db), free(cwd), free(a), free(b);
}

/* Open the history at db and begin one practice row naming wav (NULL:
 * timer only); its id. */
static long long open_with_row(struct store *s, const char *db, const char *wav)
{
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(s, db, 0, e), 0);
	struct attempt_start st = {.mode = "practice", .question_id = "conf-01", .wav_name = wav};
	long long id = 0;
	CHECK_INT(store_attempt_begin(s, &st, &id, e), 0);
	return id;
}

/* Item 2, the case found without editing anything: a data folder copied
 * as a backup; deleting an attempt in the copy leaves the original's
 * recording. */
static void a_copied_folder_deletes_only_its_copy(void)
{
	char *orig = subdir("backup/orig"), *copy = subdir("backup/copy");
	const char *name = "2026-01-02_101010_conf-01.wav";
	char *odb = xasprintf("%s/history.db", orig), *cdb = xasprintf("%s/history.db", copy);
	char *owav = xasprintf("%s/%s", orig, name), *cwav = xasprintf("%s/%s", copy, name);
	struct store s;
	char e[ERRBUF_SIZE];
	long long id = open_with_row(&s, odb, name);
	store_close(&s);
	put(owav, "original");
	char *cp = xasprintf("cp -a '%s/.' '%s/'", orig, copy);
	CHECK_INT(system(cp), 0);
	free(cp);
	CHECK_INT(store_open(&s, cdb, 0, e), 0);
	bool had = false;
	CHECK_INT(attempt_delete(&s, id, &had, e), 0);
	CHECK(had);
	CHECK(!is_file(cwav));
	check_text(owav, "original");
	store_close(&s);
	free(orig), free(copy), free(odb), free(cdb), free(owav), free(cwav);
}

/* A folder copied with cp -al shares history.db with the original: a
 * delete there would take the original's row too, and the two folders'
 * own -wal and -shm files would damage the one database. Refused, with
 * the original's history unchanged. */
static void a_hard_linked_history_is_refused(void)
{
	char *orig = subdir("hardlink/orig"), *copy = subdir("hardlink/copy");
	char *odb = xasprintf("%s/history.db", orig), *cdb = xasprintf("%s/history.db", copy);
	struct store s;
	char e[ERRBUF_SIZE];
	open_with_row(&s, odb, NULL);
	store_close(&s);
	CHECK_INT(link(odb, cdb), 0);
	CHECK_INT(store_open(&s, cdb, 0, e), -1);
	CHECK(strstr(e, "history.db: has 2 hard links") != NULL);
	CHECK_INT(unlink(cdb), 0);
	CHECK_INT(store_open(&s, odb, 0, e), 0);
	CHECK_INT(db_count(&s, "SELECT count(*) FROM attempts"), 1);
	store_close(&s);
	free(orig), free(copy), free(odb), free(cdb);
}

/* The data folder is moved away after the history opened and a link to
 * another folder put at its name: the delete happens in the folder that
 * was opened, not through the link (the decoy there survives). */
static void a_folder_swapped_for_a_link_deletes_in_its_own(void)
{
	char *data = subdir("swap/data"), *decoys = subdir("swap/decoys");
	char *moved = xasprintf("%s/swap/moved", test_tmpdir());
	const char *name = "2026-01-03_101010_conf-01.wav";
	char *db = xasprintf("%s/history.db", data), *wav = xasprintf("%s/%s", data, name);
	char *decoy = xasprintf("%s/%s", decoys, name), *gone = xasprintf("%s/%s", moved, name);
	struct store s;
	char e[ERRBUF_SIZE];
	long long id = open_with_row(&s, db, name);
	put(wav, "mine");
	put(decoy, "decoy");
	CHECK_INT(rename(data, moved), 0);
	CHECK_INT(symlink(decoys, data), 0);
	bool had = false;
	CHECK_INT(attempt_delete(&s, id, &had, e), 0);
	CHECK(had);
	check_text(decoy, "decoy");
	CHECK(!is_file(gone));
	store_close(&s);
	free(data), free(decoys), free(moved), free(db), free(wav), free(decoy), free(gone);
}

/* A hostile row names another row's recording with a NUL and more after
 * it: to SQL the two names differ, to the file system they are one. Its
 * delete leaves the other row's recording. */
static void a_name_with_a_nul_is_not_another_rows_file(void)
{
	const char *name = "2026-01-04_101010_conf-01.wav";
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "nul", &db);
	char *wav = xasprintf("%s/%s", dir, name);
	db_insert_attempt(&s, name, "complete", 0);
	char *sql = sqlite3_mprintf("INSERT INTO attempts (mode, started_at, wav_path, status)"
				    " VALUES ('practice', 1, %Q || char(0) || 'x', 'complete')",
				    name);
	CHECK_INT(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	long long hostile = sqlite3_last_insert_rowid(s.db);
	put(wav, "the other row's");
	bool had = true;
	CHECK_INT(attempt_delete(&s, hostile, &had, e), 1);
	CHECK(!had);
	check_text(wav, "the other row's");
	store_close(&s);
	free(dir), free(db), free(wav);
}

/* A hostile row's name with an escape sequence, and long: the refusal
 * shows it escaped and cut, and still says what was done. */
static void a_refused_name_is_shown_escaped_and_cut(void)
{
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "shown", &db);
	char name[400] = "\x1b[2J";
	memset(name + 4, 'a', 300);
	long long id = db_insert_attempt(&s, name, "complete", 0);
	CHECK_INT(attempt_delete(&s, id, NULL, e), 1);
	CHECK(strchr(e, '\x1b') == NULL);
	CHECK(strstr(e, "names '\\x1b[2Jaaa") != NULL);
	CHECK(strstr(e, "aaa...', which is not a recording") != NULL);
	CHECK(strstr(e, "; it was left alone") != NULL);
	store_close(&s);
	free(dir), free(db);
}

/* A dead take's row names the file a live take in another process is
 * just starting in (empty yet, its space set aside): recovery settles the
 * dead row and leaves the live take's file and reserve. */
static void recovery_leaves_a_file_another_row_names(void)
{
	const char *name = "2026-01-05_101010_conf-01.wav";
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "shared", &db);
	char *wav = xasprintf("%s/%s", dir, name), *reserve = xasprintf("%s.reserve", wav);
	db_insert_attempt(&s, name, "recording", (long long)getppid()); /* alive, not us */
	long long dead = db_insert_attempt(&s, name, "recording", dead_pid());
	put(wav, "");
	put(reserve, "set aside");
	CHECK_INT(take_recover(&s, e), 1);
	CHECK(is_file(wav));
	check_text(reserve, "set aside");
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, dead, &r, e), 0);
	CHECK(r.status != ATTEMPT_RECORDING);
	attempt_row_free(&r);
	store_close(&s);
	free(dir), free(db), free(wav), free(reserve);
}

struct odd_rows {
	char *dir, *outside, *decoy, *empty, *fifo_out;
	long long ids[8];
	int n;
};

/* Rows naming what is not a recording of this folder: an absolute path
 * outside, '../', a link in the folder to a file outside, a FIFO and a
 * folder of rehearse's shape, an empty file outside, and a file outside
 * whose '.reserve' recovery would remove. */
static void make_odd_rows(struct store *s, struct odd_rows *o, const char *status, long long pid)
{
	char *link = xasprintf("%s/2026-01-01_000000_link.wav", o->dir);
	char *fifo = xasprintf("%s/2026-01-01_000000_fifo.wav", o->dir);
	char *folder = xasprintf("%s/2026-01-01_000000_dir.wav", o->dir);
	char *reserve = xasprintf("%s.reserve", o->decoy);
	put(o->decoy, "decoy");
	put(reserve, "reserve");
	put(o->empty, "");
	unlink(link);
	CHECK_INT(symlink(o->decoy, link), 0);
	if (access(fifo, F_OK) != 0)
		CHECK_INT(mkfifo(fifo, 0600), 0);
	mkdir(folder, 0700);
	char *up = xasprintf("../%s", strrchr(o->decoy, '/') + 1);
	const char *wavs[] = {o->decoy, up, strrchr(link, '/') + 1, strrchr(fifo, '/') + 1,
			      strrchr(folder, '/') + 1, o->empty, o->fifo_out};
	o->n = 0;
	for (size_t i = 0; i < ARRAY_SIZE(wavs); i++)
		o->ids[o->n++] = db_insert_attempt(s, wavs[i], status, pid);
	free(link), free(fifo), free(folder), free(reserve), free(up);
}

static void check_nothing_outside_changed(const struct odd_rows *o)
{
	check_text(o->decoy, "decoy");
	char *reserve = xasprintf("%s.reserve", o->decoy);
	check_text(reserve, "reserve");
	free(reserve);
	struct stat st;
	CHECK_INT(stat(o->empty, &st), 0);
	CHECK_INT((int)st.st_size, 0);
	CHECK_INT(stat(o->fifo_out, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	char *link = xasprintf("%s/2026-01-01_000000_link.wav", o->dir);
	CHECK_INT(lstat(link, &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	free(link);
	char *fifo = xasprintf("%s/2026-01-01_000000_fifo.wav", o->dir);
	CHECK_INT(lstat(fifo, &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	free(fifo);
}

/* Item 2: delete and recovery against rows that name paths outside the
 * folder, links, FIFOs and empty files: every row is settled or deleted
 * and reported, nothing outside the folder (nor any non-file in it)
 * changes. */
static void rows_naming_outside_paths_touch_nothing(void)
{
	struct odd_rows o = {.dir = subdir("odd/data"), .outside = subdir("odd")};
	o.decoy = xasprintf("%s/decoy.wav", o.outside);
	o.empty = xasprintf("%s/2026-01-01_000000_empty.wav", o.outside);
	o.fifo_out = xasprintf("%s/fifo", o.outside);
	if (access(o.fifo_out, F_OK) != 0)
		CHECK_INT(mkfifo(o.fifo_out, 0600), 0);
	char *db = xasprintf("%s/history.db", o.dir);
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, db, 0, e), 0);
	/* Recovery: rows of a dead take. */
	make_odd_rows(&s, &o, "recording", dead_pid());
	CHECK_INT(take_recover(&s, e), o.n);
	check_nothing_outside_changed(&o);
	for (int i = 0; i < o.n; i++) {
		struct attempt_row r;
		CHECK_INT(store_get_attempt(&s, o.ids[i], &r, e), 0);
		CHECK_STR(attempt_status_name(r.status), "failed");
		CHECK(r.reason != NULL);
		attempt_row_free(&r);
	}
	/* Delete: each row goes, its file stays, and the warning says so. */
	for (int i = 0; i < o.n; i++) {
		bool had = true;
		CHECK_INT(attempt_delete(&s, o.ids[i], &had, e), 1);
		CHECK(!had);
		CHECK(strstr(e, "left alone") != NULL);
	}
	check_nothing_outside_changed(&o);
	CHECK_INT(store_get_attempt(&s, o.ids[0], &(struct attempt_row){0}, e), -1);
	store_close(&s);
	free(o.dir), free(o.outside), free(o.decoy), free(o.empty), free(o.fifo_out), free(db);
}

/* Item 3: a take another process is still recording is not deleted: not
 * its row, not its file. */
static void a_live_take_is_not_deleted(void)
{
	const char *name = "2026-01-01_000000_live.wav";
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "live", &db);
	char *wav = xasprintf("%s/%s", dir, name);
	put(wav, "being recorded");
	long long id = db_insert_attempt(&s, name, "recording", (long long)getppid());
	CHECK_INT(attempt_delete(&s, id, NULL, e), -1);
	CHECK(strstr(e, "still being recorded") != NULL);
	check_text(wav, "being recorded");
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&s, id, &r, e), 0);
	attempt_row_free(&r);
	/* Once that process is gone, it can go. */
	char *sql = sqlite3_mprintf("UPDATE attempts SET pid = %d", dead_pid());
	CHECK_INT(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	CHECK_INT(attempt_delete(&s, id, NULL, e), 0);
	CHECK(!is_file(wav));
	store_close(&s);
	free(dir), free(db), free(wav);
}

/* Item 4: the newest attempt deleted, the next one gets a new id. */
static void ids_are_never_reused(void)
{
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "ids", &db);
	struct attempt_start a = {.mode = "practice", .question_id = "q"};
	long long id1, id2, id3;
	CHECK_INT(store_attempt_begin(&s, &a, &id1, e), 0);
	CHECK_INT(store_attempt_begin(&s, &a, &id2, e), 0);
	CHECK_INT(attempt_delete(&s, id2, NULL, e), 0);
	store_close(&s);
	CHECK_INT(store_open(&s, db, 0, e), 0);
	CHECK_INT(store_attempt_begin(&s, &a, &id3, e), 0);
	CHECK(id3 > id2);
	store_close(&s);
	free(dir), free(db);
}

/* Item 5: the statistics cannot be stored: the take's end is undone as a
 * whole, the row stays "recording" for recovery, with no marks. */
static void a_take_end_is_one_transaction(void)
{
	char *dir = subdir("tx");
	struct fake_env k;
	fake_setup(&k, "tx/history.db", dir);
	struct env_fixture *f = &k.f;
	CHECK_INT(sqlite3_exec(f->store.db,
			       "CREATE TRIGGER no_stats BEFORE INSERT ON stats"
			       " BEGIN SELECT RAISE(ABORT, 'no room for statistics'); END;",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	struct take t;
	CHECK_INT(record_take(&t, &f->env, &f->pick), -1);
	char e[ERRBUF_SIZE];
	struct attempt_row r;
	CHECK_INT(store_get_attempt(&f->store, t.id, &r, e), 0);
	CHECK_STR(attempt_status_name(r.status), "recording");
	attempt_row_free(&r);
	CHECK_INT(db_count(&f->store, "SELECT count(*) FROM marks"), 0);
	/* and the store is usable at once: no transaction left open */
	CHECK_INT(sqlite3_get_autocommit(f->store.db), 1);
	take_free(&t);
	fake_teardown(&k);
	free(dir);
}

/* Item 6: a data folder reached through a link (a home behind /home ->
 * /data/home) opens; a link at history.db itself is still refused. */
static void a_folder_through_a_link_opens(void)
{
	char *real = subdir("linked/real"), *via = xasprintf("%s/linked/via", test_tmpdir());
	CHECK_INT(symlink(real, via), 0);
	char *db = xasprintf("%s/history.db", via);
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, db, 0, e), 0);
	CHECK_STR(s.dir, real);
	store_close(&s);
	char *in = xasprintf("%s/in", real), *linked = xasprintf("%s/in/history.db", real);
	CHECK_INT(mkdir(in, 0700), 0);
	CHECK_INT(symlink(db, linked), 0);
	CHECK_INT(store_open(&s, linked, 0, e), -1);
	CHECK(strstr(e, "history.db: is a symbolic link") != NULL);
	free(real), free(via), free(db), free(in), free(linked);
}

/* Item 11: the 512 KB set aside for the row cannot be had: the take says
 * so before recording. (Its name is taken here, for the next seconds.) */
static void a_missing_reserve_is_said_before_recording(void)
{
	char *dir = subdir("reserve");
	struct fake_env k;
	fake_setup(&k, "reserve/history.db", dir);
	struct env_fixture *f = &k.f;
	time_t now = time(NULL);
	for (int i = 0; i < 5; i++) {
		time_t at = now + i;
		struct tm tm;
		char stamp[32];
		localtime_r(&at, &tm);
		strftime(stamp, sizeof stamp, "%Y-%m-%d_%H%M%S", &tm);
		char *blocker = xasprintf("%s/%s_%s.wav.reserve", dir, stamp, f->pick.question->id);
		CHECK_INT(mkdir(blocker, 0700), 0);
		free(blocker);
	}
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f->env, &f->pick, e), 0);
	CHECK(strstr(t.note, "could not set aside 512 KB") != NULL);
	CHECK_INT(take_end(&t, &f->env, ATTEMPT_COMPLETE, NULL, e), 0);
	take_free(&t);
	fake_teardown(&k);
	free(dir);
}

/* Called by a trigger as the take's end is written: is the space set
 * aside still held then? (1: yes, 0: no, -1: never asked.) */
static int reserve_held = -1;

static void note_reserve(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	reserve_held = is_file(sqlite3_user_data(c));
	sqlite3_result_null(c);
}

/* Item 11: the 512 KB set aside are there for the row's completion, so
 * they are given back before it is written, whatever filled the disk. */
static void the_reserve_is_given_back_before_the_end(void)
{
	char *dir = subdir("giveback");
	struct fake_env k;
	fake_setup(&k, "giveback/history.db", dir);
	struct env_fixture *f = &k.f;
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f->env, &f->pick, e), 0);
	CHECK(t.reserve != NULL);
	char *reserve = xstrdup(t.reserve ? t.reserve : "");
	CHECK_INT(sqlite3_create_function(f->store.db, "note_reserve", 0, SQLITE_UTF8, reserve,
					  note_reserve, NULL, NULL),
		  SQLITE_OK);
	CHECK_INT(sqlite3_exec(f->store.db,
			       "CREATE TEMP TRIGGER ending AFTER UPDATE OF status ON attempts"
			       " WHEN new.status <> 'recording' BEGIN SELECT note_reserve(); END;",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	CHECK_INT(take_end(&t, &f->env, ATTEMPT_COMPLETE, NULL, e), 0);
	CHECK_INT(reserve_held, 0);
	take_free(&t);
	fake_teardown(&k);
	free(reserve), free(dir);
}

/* Item 20: a damaged page is found on open, not met as a short list. */
static void a_damaged_page_is_reported(void)
{
	struct store s;
	char e[ERRBUF_SIZE], *db, *dir = open_fresh(&s, "damaged", &db);
	CHECK_INT(store_quick_check(&s, e), 0);
	CHECK_INT(sqlite3_exec(s.db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	struct attempt_start a = {.mode = "practice", .question_id = "q", .question_text = "x"};
	long long id;
	for (int i = 0; i < 2000; i++)
		CHECK_INT(store_attempt_begin(&s, &a, &id, e), 0);
	CHECK_INT(sqlite3_exec(s.db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL),
		  SQLITE_OK);
	int pages = db_count(&s, "PRAGMA page_count");
	store_close(&s);
	CHECK(pages > 10);
	/* Scribble over a page in the middle of the attempts' index pages. */
	int fd = open(db, O_WRONLY);
	char junk[512];
	memset(junk, 0x5a, sizeof junk);
	CHECK_INT((int)pwrite(fd, junk, sizeof junk, (off_t)(pages - 3) * 4096 + 100), 512);
	close(fd);
	CHECK_INT(store_open(&s, db, 0, e), 0);
	CHECK_INT(store_quick_check(&s, e), -1);
	CHECK(strstr(e, "the database is damaged") != NULL);
	store_close(&s);
	free(dir), free(db);
}

/* The names rehearse makes, and what a row may not name. */
static void only_rehearse_names_are_recordings(void)
{
	static const char *const ok[] = {"2026-11-25_184512_conf-01.wav",
					 "2026-11-25_184512_conf-01-3.wav",
					 "2026-11-25_184512_ci-pipeline.wav"};
	static const char *const bad[] = {"", "x.wav", "/tmp/2026-11-25_184512_a.wav",
					  "../2026-11-25_184512_a.wav", "2026-11-25_184512_.wav",
					  "2026-11-25_184512_a.wav.reserve", "2026-11-25_184512_a/b.wav",
					  "2026-11-25_184512_a\n.wav", "2026-1x-25_184512_a.wav",
					  "2026-11-25_1845_a.wav", "history.db"};
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++)
		CHECK(attempt_name_ok(ok[i]));
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (attempt_name_ok(bad[i])) {
			fprintf(stderr, "  accepted: '%s'\n", bad[i]);
			CHECK(!"a name rehearse never makes is accepted");
		}
	CHECK(!attempt_name_ok(NULL));
	/* A name the file system can hold, and one longer than any can. */
	char longest[NAME_MAX + 2] = "2026-11-25_184512_";
	memset(longest + 18, 'a', NAME_MAX - 18 - 4);
	strcpy(longest + NAME_MAX - 4, ".wav");
	CHECK(attempt_name_ok(longest));
	memmove(longest + 19, longest + 18, NAME_MAX - 18 + 1);
	CHECK_INT((int)strlen(longest), NAME_MAX + 1);
	CHECK(!attempt_name_ok(longest));
}

const struct test_case custody_cases[] = {
	TEST(only_rehearse_names_are_recordings),
	TEST(a_relative_folder_deletes_its_own_recording),
	TEST(a_copied_folder_deletes_only_its_copy),
	TEST(a_hard_linked_history_is_refused),
	TEST(a_folder_swapped_for_a_link_deletes_in_its_own),
	TEST(a_name_with_a_nul_is_not_another_rows_file),
	TEST(a_refused_name_is_shown_escaped_and_cut),
	TEST(recovery_leaves_a_file_another_row_names),
	TEST(rows_naming_outside_paths_touch_nothing),
	TEST(a_live_take_is_not_deleted),
	TEST(ids_are_never_reused),
	TEST(a_take_end_is_one_transaction),
	TEST(a_folder_through_a_link_opens),
	TEST(a_missing_reserve_is_said_before_recording),
	TEST(the_reserve_is_given_back_before_the_end),
	TEST(a_damaged_page_is_reported),
};
const size_t custody_count = ARRAY_SIZE(custody_cases);
