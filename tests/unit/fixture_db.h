/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture_db.h - what the store, hardening and custody tests share: a
 * count from the database, a file's text, a raw attempt row, a dead pid. */
#ifndef REHEARSE_FIXTURE_DB_H
#define REHEARSE_FIXTURE_DB_H

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rehearse/store.h"
#include "rehearse/util.h"
#include "test.h"

/* The first column of the first row of sql, or -1. */
static inline int db_count(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int n = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The file's text, or "(unreadable)". Caller frees. */
static inline char *file_text(const char *path)
{
	size_t len;
	char e[ERRBUF_SIZE];
	char *t = read_file(path, 1 << 16, &len, e);
	return t ? t : xstrdup("(unreadable)");
}

/* A row written as any file could write it, bypassing the store's checks:
 * the history a hostile or older file may hold. Returns its id. */
static inline long long db_insert_attempt(struct store *s, const char *wav, const char *status,
					  long long pid)
{
	char *sql = sqlite3_mprintf("INSERT INTO attempts (mode, started_at, wav_path, sample_rate,"
				    " status, pid) VALUES ('practice', 1, %Q, 16000, %Q, %lld)",
				    wav, status, pid);
	CHECK_INT(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	return sqlite3_last_insert_rowid(s->db);
}

/* The id of a process that has exited (a take killed long ago). */
static inline int dead_pid(void)
{
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	return (int)child;
}

#endif
