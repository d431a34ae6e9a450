/* compare.h - how a take compares with the one before it of the same
 * question: first word, speaking time, pace, long pauses, the STAR split
 * against the category's target, and the self-critique rating. Pure over
 * two history rows and their marks (take_compare); compare_previous finds
 * the earlier row in the store. Used by the result card, and meant for
 * `history --question` and the history screen. */
#ifndef REHEARSE_COMPARE_H
#define REHEARSE_COMPARE_H

#include "rehearse/bank.h"
#include "rehearse/store.h"

/* One take as compared: its history row (duration, limit, statistics,
 * rating) and where each STAR part was marked (seconds; < 0: not marked). */
struct take_side {
	const struct attempt_row *row;
	double marks[STAR_COUNT];
};

enum compare_dir { CMP_UNKNOWN, CMP_SAME, CMP_BETTER, CMP_WORSE };

/* One figure, before and after, formatted, and which way it moved. */
struct compare_item {
	const char *label; /* "First word", "Speaking", "Pace", "Pauses", "STAR split", "Rating" */
	char before[40], after[40];
	enum compare_dir dir;
};

#define COMPARE_MAX 6
struct take_compare {
	struct compare_item items[COMPARE_MAX];
	int n;
};

/* Compare after with before. cat gives the STAR target (its first one;
 * NULL or none: no STAR item). A figure one side lacks (no speech, timer
 * only, not marked, not rated) is shown as such, with CMP_UNKNOWN.
 * Better means: an earlier first word; speaking time nearer the band of
 * two thirds of the limit (at most 60 s) up to the limit; a pace nearer
 * the steady band; fewer long pauses; a STAR share that misses its target
 * by less; a higher rating. Changes within a small tolerance are "same". */
void take_compare(const struct take_side *before, const struct take_side *after,
		  const struct category *cat, struct take_compare *out);

/* "better", "worse", "same", or "" when unknown. */
const char *compare_dir_word(enum compare_dir d);

/* The item called label, or NULL. */
const struct compare_item *compare_find(const struct take_compare *c, const char *label);

/* The newest attempt before current_id of the same question (or, when
 * question_id is NULL, of the same story) that was answered (complete,
 * cut off, stopped or interrupted), into *out (free with
 * attempt_row_free) with its marks. Returns 1 found, 0 none, -1 error. */
int compare_previous(struct store *s, const char *question_id, const char *story_id,
		     long long current_id, struct take_side *out_side, struct attempt_row *out,
		     char *errbuf);

#endif
