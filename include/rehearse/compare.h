/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.h - how a take compares with the previous take of the same
 * question: first word, speaking time, pace, long pauses, the STAR split
 * against the category's targets, and the self-rating. Pure: figures in,
 * lines of text and a verdict out; the caller finds the two takes. */
#ifndef REHEARSE_COMPARE_H
#define REHEARSE_COMPARE_H

#include <stdbool.h>

#include "rehearse/bank.h"
#include "rehearse/feedback.h"
#include "rehearse/store.h"

/* What is compared of one take: its figures (those of the metrics table,
 * metric_copy) and what is not a figure. */
struct compare_take {
	long long id;
	bool analysed;	 /* has pacing figures (not timer only) */
	bool has_speech; /* analysed and speech was heard */
	bool pace_known; /* enough speech to judge the pace (pace_is_judgeable) */
	struct analysis stats;
	double limit_s;
	int rating; /* 1-5; 0: not rated */
	struct star_shape shape;
};
/* From a stored row and its marks (seconds, -1 where not marked). */
void compare_take_from_row(const struct attempt_row *r, const double marks[STAR_COUNT],
			   struct compare_take *out);

enum compare_verdict { CMP_SAME, CMP_BETTER, CMP_WORSE, CMP_NONE /* not comparable */ };

#define COMPARE_MAX 8
struct compare_line {
	const char *label;  /* "First word", "Speaking", ... */
	char before[32];    /* "1.5 s"; "—" when the take has no such figure */
	char after[32];
	char change[64];    /* "0.5 s sooner", "same", "" when not comparable */
	enum compare_verdict verdict;
};

/* The lines for prev -> cur: one for each row of the metrics table that
 * has a comparison (in table order), then the STAR split and the rating;
 * cat may be NULL (no STAR targets). Returns how many lines were filled
 * (at most COMPARE_MAX). */
int compare_takes(const struct compare_take *prev, const struct compare_take *cur,
		  const struct category *cat, struct compare_line *out);
/* The comparisons a row of the metrics table can name (metrics.h): the
 * metric's value in the two takes, into l. Sooner is better (seconds);
 * closer to a full answer's speaking time; closer to the steady pace;
 * fewer is better (a count). */
struct metric;
void compare_sooner(const struct metric *m, const struct compare_take *p,
		    const struct compare_take *c, struct compare_line *l);
void compare_speaking(const struct metric *m, const struct compare_take *p,
		      const struct compare_take *c, struct compare_line *l);
void compare_pace(const struct metric *m, const struct compare_take *p,
		  const struct compare_take *c, struct compare_line *l);
void compare_fewer(const struct metric *m, const struct compare_take *p,
		   const struct compare_take *c, struct compare_line *l);

/* "better", "worse", "same" or "" for a verdict, and a mark for it. */
const char *compare_verdict_word(enum compare_verdict v);
const char *compare_verdict_mark(enum compare_verdict v); /* "▲", "▼", "=" or "" */

/* The take before cur of the same question (of the same story for a
 * story-only take) that ended with an answer (complete, stopped or
 * recovered), with its marks. Returns 1 and fills *prev (free it with
 * attempt_row_free), 0 when there is none, -1 with errbuf on a store error.
 * The one function here that reads the store (compare_store.c). */
int compare_find_previous(struct store *s, const struct attempt_row *cur,
			  struct attempt_row *prev, double marks[STAR_COUNT], char *errbuf);

/* The latest take before cur of the same story, told for any question
 * (not a follow-up), that ended with an answer, and the parts' starts it
 * was judged by: keys, and the follower's heard starts for the rest
 * (star_starts). 1, 0 (none), or -1 with errbuf. For the pivot line. */
int compare_find_last_telling(struct store *s, const struct attempt_row *cur,
			      struct attempt_row *prev, double starts[STAR_COUNT], char *errbuf);
/* The starts a stored take was judged by: its marks, and where a part
 * was not marked and the follower followed the story, the heard start
 * kept in its figures (the rule of star_starts). In place. */
void compare_starts_of_row(const struct attempt_row *r, double starts[STAR_COUNT]);
/* Pivot (issue 18): the story told now for another category than last
 * time, the shift in its parts' shares, "Pivot from conflict (take 12):
 * S 30→12% · T 10→8% · A 40→55% · R 20→25%". "" when the categories are
 * the same or either take has no split. Returns buf. */
const char *compare_pivot_text(const struct attempt_row *before, const struct star_shape *was,
			       const char *now_category, const struct star_shape *now, char *buf,
			       size_t n);

#endif
