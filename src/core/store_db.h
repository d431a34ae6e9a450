/* store_db.h - helpers shared by store.c (schema and writes) and
 * store_read.c (reads). Internal to the store. */
#ifndef REHEARSE_STORE_DB_H
#define REHEARSE_STORE_DB_H

#include <sqlite3.h>

struct store;

/* Fill errbuf with "PATH: what: sqlite's message"; returns -1. */
int db_err(struct store *s, char *errbuf, const char *what);
/* Bind text, or NULL for a NULL pointer. */
void bind_text(sqlite3_stmt *st, int i, const char *v);
/* A column's text, newly allocated, or NULL. */
char *col_str(sqlite3_stmt *st, int i);

#endif
