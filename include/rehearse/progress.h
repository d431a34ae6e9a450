/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.h - progress over time, per story and per category, from the
 * attempts in history (fed oldest first). Pure: rows in, figures out. */
#ifndef REHEARSE_PROGRESS_H
#define REHEARSE_PROGRESS_H

#include <stdio.h>

#include "rehearse/bank.h"
#include "rehearse/store.h"

struct series {
	double *v;
	size_t n, cap;
};

struct progress_group {
	char *key;
	int attempts; /* counted in the figures */
	int silent;   /* analysed takes with no speech: left out of the figures */
	long long last; /* newest attempt, epoch seconds */
	struct series duration, wpm, long_pauses, first_word, rating;
};

struct progress {
	struct progress_group *stories, *cats;
	size_t nstories, capstories, ncats, capcats;
};

/* Add one attempt (discarded and unfinished takes are skipped; a take with
 * no speech counts only in `silent`). */
void progress_add(struct progress *p, const struct attempt_row *r);
void progress_free(struct progress *p);
double series_median(const struct series *s); /* 0 when empty */
double series_last(const struct series *s);
/* The absolute range a trend is drawn over (not the series' own minimum
 * and maximum, which would blow noise up to the full height). */
struct trend_scale {
	double lo, hi;
};
extern const struct trend_scale trend_wpm, trend_pauses, trend_first_word, trend_rating;
/* A sparkline of the latest width values of s on scale sc into buf (UTF-8). */
char *series_sparkline(const struct series *s, const struct trend_scale *sc, int width,
		       char *buf, size_t n);

/* The report of `rehearse stats`: per category and story, the categories
 * never practised and the stories not practised for stale_days, laid out
 * to fit width columns (80 at least). */
void progress_print(const struct progress *p, const struct bank *b, long long now,
		    int stale_days, int width, FILE *out);

#endif
