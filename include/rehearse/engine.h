/* SPDX-License-Identifier: GPL-3.0-or-later */
/* engine.h - the session engine: what to ask and which story to show.
 *
 * Pure logic over a loaded bank and a view of history (when each question
 * and story was last practised). All randomness comes from a seeded
 * generator, so a round is reproducible from its seed. No I/O. */
#ifndef REHEARSE_ENGINE_H
#define REHEARSE_ENGINE_H

#include <stdint.h>

#include "rehearse/bank.h"

struct rng {
	uint64_t state;
};
void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n); n > 0. */
unsigned rng_below(struct rng *r, unsigned n);

/* When each id was last practised (epoch seconds); absent means never. */
struct recency {
	struct recency_entry {
		char *id;
		long long when;
	} *e;
	size_t n, cap;
};
void recency_set(struct recency *r, const char *id, long long when);
long long recency_get(const struct recency *r, const char *id); /* 0: never */
void recency_free(struct recency *r);

struct history_view {
	struct recency questions, stories;
};

/* The story to show for a question. */
struct match {
	const struct story *story; /* NULL when no story covers the question */
	int category;		   /* the category the story is told for */
	const char *angle;	   /* the story's angle for it, may be NULL */
	bool named;		   /* the story names the question */
	int missing_category;	   /* when story is NULL: the uncovered category */
	const struct story *moment; /* and a moment that could fill it, or NULL */
};

/* One thing to answer: a question and its story. For "tell the story
 * itself" question is NULL and match.story is the story. */
struct pick {
	const struct question *question;
	struct match match;
	/* In a round: what the interviewer asks after the answer, one of
	 * its category's follow-ups in the bank; NULL: none. */
	const char *follow_up;
};

struct filter {
	int category;	   /* -1: any */
	enum level level;  /* LEVEL_ANY: any */
};

bool question_fits(const struct question *q, const struct filter *f);

/* Best story for q. used (nstories entries, may be NULL) marks stories to
 * avoid if any other will do. */
void engine_match(const struct bank *b, const struct question *q, const struct history_view *h,
		  const bool *used, struct match *out);

/* A random question fitting f, preferring the least recently practised.
 * NULL when none fits. */
const struct question *engine_pick_question(const struct bank *b, const struct filter *f,
					    const struct history_view *h, struct rng *r);

/* A mock round of up to count distinct questions, spread across main
 * categories (none twice until all available were used), each story used
 * at most once where possible. Returns how many picks were filled. */
size_t engine_round(const struct bank *b, const struct filter *f, const struct history_view *h,
		    struct rng *r, size_t count, struct pick *out);

/* Each pick's follow-up (a round's): one of the follow-ups of the
 * question's main category (a story's own: the category it is told for),
 * uniformly at random, not one already asked in these picks while the
 * category has another; NULL for a category without any. */
void engine_follow_ups(const struct bank *b, struct rng *r, struct pick *picks, size_t n);

/* Pivot drill: up to three questions from different categories the story
 * covers, conflict, leadership and failure first. Returns how many. */
size_t engine_pivot(const struct bank *b, const struct story *s, const struct history_view *h,
		    struct rng *r, struct pick out[3]);

#endif
