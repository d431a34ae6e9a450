/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store_db.h - helpers shared by store.c (opening and writes),
 * store_schema.c (migrations) and store_read.c (reads). Internal to the store. */
#ifndef REHEARSE_STORE_DB_H
#define REHEARSE_STORE_DB_H

#include <sqlite3.h>

struct store;

/* Fill errbuf with "PATH: what: sqlite's message"; returns -1. */
int db_err(struct store *s, char *errbuf, const char *what);
/* Run sql (no rows); 0, or -1 with errbuf "PATH: message". */
int db_exec(struct store *s, const char *sql, char *errbuf);
/* Move the schema from version `from` to STORE_SCHEMA_VERSION; the caller
 * holds the transaction (store_schema.c). */
int store_migrate(struct store *s, int from, char *errbuf);
/* Bind text, or NULL for a NULL pointer. */
void bind_text(sqlite3_stmt *st, int i, const char *v);
/* A column's text, newly allocated, or NULL. */
char *col_str(sqlite3_stmt *st, int i);

#endif
