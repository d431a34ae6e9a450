/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank_tools.h - reports over a loaded bank: check, coverage, select.
 * They print to the given stream and need no screen. */
#ifndef REHEARSE_BANK_TOOLS_H
#define REHEARSE_BANK_TOOLS_H

#include <stdio.h>

#include "rehearse/bank.h"
#include "rehearse/store.h"

/* How long a story takes to tell, from the answer limit (the `seconds`
 * setting) and a pace: the person's own (the median of their recent
 * takes, own = true, low = high) or the steady band of feedback.h. */
struct pace_basis {
	double limit_s;
	double low_wpm, high_wpm;
	bool own;
};
/* The steady band (130-160 words per minute) for a limit. */
struct pace_basis pace_basis_steady(double limit_s);
/* The median of n recent paces (words per minute; 0 and below ignored),
 * or 0 when there are fewer than PACE_MIN_TAKES to go by. */
#define PACE_MIN_TAKES 3
double pace_median(const double *wpm, size_t n);

/* The person's own pace for a limit: the median of their newest
 * PACE_RECENT complete takes whose pace could be judged, or the steady
 * band when there are fewer than PACE_MIN_TAKES (or st is NULL). 0, or -1
 * with errbuf when the history cannot be read (out is then the band). */
#define PACE_RECENT 10
int pace_basis_from_store(struct store *st, double limit_s, struct pace_basis *out,
			  char *errbuf);

enum length_verdict {
	LENGTH_FITS,  /* fits the limit at the reference pace */
	LENGTH_TIGHT, /* fits only at the fast end of the steady band */
	LENGTH_OVER,  /* over the limit even at the fast end (or at the own pace) */
	LENGTH_SHORT, /* under two thirds of the limit even at the slow end */
};
struct length_grade {
	enum length_verdict verdict;
	int words;
	double fast_s, slow_s; /* time to tell it at high_wpm and at low_wpm */
	int fit_words;	       /* the most words the limit holds at the reference pace */
	int over_words;	       /* words beyond what the limit holds at the fast end */
};
/* The reference pace is the person's own, or the middle of the band. */
void story_length_grade(int words, const struct pace_basis *p, struct length_grade *out);
/* One line of advice: "at your pace (145 wpm) it takes 1:52; about 55
 * words over 90 s: cut it to about 217". Returns buf. */
const char *story_length_text(const struct length_grade *g, const struct pace_basis *p, char *buf,
			      size_t n);
/* For the result card (issue 18): "Story fit: 240 words; at your pace
 * (145 wpm) it takes 1:39; about 22 words over 90 s: cut it to about
 * 217" when the pace is the person's own (p->own) and the story is over
 * the limit at it; otherwise false and buf "" (a moment, a story that
 * fits, no pace of their own yet). */
bool story_fit_text(const struct story *s, const struct pace_basis *p, char *buf, size_t n);
/* A word for a table: "fits", "tight", "55 over", "short". Returns buf. */
const char *story_length_word(const struct length_grade *g, char *buf, size_t n);

/* Print warnings (length, too few categories, uncovered categories) as
 * "file: warning: ..." (a tight length as "file: note: ..."); returns how
 * many warnings. */
int bank_check_warnings(const struct bank *b, const struct pace_basis *p, FILE *out);
/* The follow-up questions of every category, for `bank check`'s count. */
size_t bank_follow_up_count(const struct bank *b);

void bank_print_coverage(const struct bank *b, const struct pace_basis *p, FILE *out);

/* The method's score: categories covered (1-5) and result strength (1-5). */
int story_coverage_score(const struct story *s);
int story_combined_score(const struct story *s);

/* Rank every story and moment by combined score, best first (stable by
 * id). Fills order with indexes into b->stories. */
void bank_rank(const struct bank *b, size_t *order);
/* Greedy pick of up to count entries covering the most categories. Returns
 * how many were picked into order. */
size_t bank_max_cover(const struct bank *b, size_t count, size_t *order);

void bank_print_select(const struct bank *b, size_t count, FILE *out);

#endif
