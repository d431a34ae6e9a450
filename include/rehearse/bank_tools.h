/* bank_tools.h - reports over a loaded bank: check, coverage, select.
 * They print to the given stream and need no screen. */
#ifndef REHEARSE_BANK_TOOLS_H
#define REHEARSE_BANK_TOOLS_H

#include <stdio.h>

#include "rehearse/bank.h"

#define STORY_MIN_WORDS 200
#define STORY_MAX_WORDS 300

/* Print warnings (length, too few categories, uncovered categories) as
 * "file: warning: ..."; returns how many. */
int bank_check_warnings(const struct bank *b, FILE *out);

void bank_print_coverage(const struct bank *b, FILE *out);

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
