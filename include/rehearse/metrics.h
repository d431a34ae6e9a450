/* SPDX-License-Identifier: GPL-3.0-or-later */
/* metrics.h - the one list of pacing figures (after cmus' options.c).
 *
 * Each row names a figure of struct analysis once: its column in the
 * history database, its key in JSON exports, its CSV column, its unit and
 * the label it has on the result card and in `rehearse analyze`. The
 * store's schema, INSERT and SELECT, `history --json/--csv`, `analyze`
 * and the result card all read this table, by name, never by position.
 *
 * Adding a figure: compute it in the analysis (a field of struct analysis),
 * then add one row here (with a comparison, compare.h, to have the change
 * from the previous take shown; naming it in a column table to have it in
 * the round summary). A stored row with since_schema above every
 * existing one raises the schema version, and opening an older database
 * adds its column (existing rows read it as missing). Never change the
 * name, json or csv of a shipped row: exports and databases rely on them. */
#ifndef REHEARSE_METRICS_H
#define REHEARSE_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rehearse/analysis.h"
#include "rehearse/story_text.h"

enum metric_type { METRIC_REAL, METRIC_INT, METRIC_INT64, METRIC_BOOL };

struct compare_take;
struct compare_line;

struct metric {
	const char *name; /* column of the stats table */
	const char *json; /* key in `history --json` and `analyze --json` */
	const char *csv;  /* column of `history --csv` */
	enum metric_type type;
	const char *unit;  /* "s", "dBFS", "wpm", "/min" or "" */
	const char *label; /* on the result card and in `analyze`; NULL: shown with another */
	size_t offset;	   /* of the value in struct analysis */
	int since_schema;  /* schema version whose migration adds the column; 0: not stored */
	/* How a person reads it (NULL: the number and its unit). take_s is
	 * the length of the take, for shares of it. */
	void (*show)(const struct analysis *a, double take_s, char *buf, size_t n);
	/* Worth a second look (drawn in the warning colour); NULL: never. */
	bool (*warn)(const struct analysis *a);
	/* For an enumerated METRIC_INT: the name of each value, which JSON and
	 * CSV give instead of the number (the database keeps the number). */
	const char *const *names;
	size_t nnames;
	/* How two takes compare in it (compare.h; NULL: not compared), and its
	 * label there (NULL: label). */
	void (*compare)(const struct metric *m, const struct compare_take *before,
			const struct compare_take *after, struct compare_line *l);
	const char *compare_label;
	/* Whether a has this figure (NULL: whenever the take was analysed);
	 * when not, metric_get says NaN: NULL in history, null in JSON. */
	bool (*present)(const struct analysis *a);
};

extern const struct metric metrics[];
extern const size_t metric_count;
#define METRIC_MAX 64 /* room the store keeps per row; checked by the tests */

/* The row called name, or NULL. */
const struct metric *metric_find(const char *name);
/* A take's figures: to gets from's value of every row of the table, and
 * nothing else (no arrays, so it needs no freeing and outlives from). */
void metric_copy(struct analysis *to, const struct analysis *from);
/* The story follower's result as the single figures of a (has_story),
 * and back (the per-sentence list is the store's: store_get_story). */
void metric_story_set(struct analysis *a, const struct follow_result *r);
void metric_story_get(const struct analysis *a, struct follow_result *r);
/* The value of m in a, as a double (exact for the integer types; NaN
 * when a has none: m->present). */
double metric_get(const struct metric *m, const struct analysis *a);
void metric_set(const struct metric *m, struct analysis *a, double v);
/* What a person reads for m (for labelled rows), into buf. */
void metric_show(const struct metric *m, const struct analysis *a, double take_s, char *buf,
		 size_t n);
bool metric_warn(const struct metric *m, const struct analysis *a);
/* Write v, a value of m (NaN: missing), as JSON (null, true/false, a
 * name in quotes, or a number) or as a CSV field (empty when missing). */
void metric_json(FILE *out, const struct metric *m, double v);
void metric_csv(FILE *out, const struct metric *m, double v);
/* The SQL type of a stored metric's column. */
const char *metric_sql_type(const struct metric *m);

/* The figures on the result card (and in plain `analyze`): calls fn with
 * each labelled metric's label and text, in table order. */
void metric_each_figure(const struct analysis *a, double take_s,
			void (*fn)(const char *label, const char *text, bool warn, void *ctx),
			void *ctx);

#endif
