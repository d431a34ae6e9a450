/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plan.h - what a run asks and the take environment its takes share.
 *
 * Every plan is made here, for the command line (--dry-run and the screen)
 * and for the screens alike: practice by filter, by question or by story,
 * a mock round, a pivot drill, and practice's "another question". A
 * builder loads the history view it needs from the store and frees it
 * again; when history cannot be read the plan is still made, as if nothing
 * had been practised, and history_err says why (the caller shows it once).
 * The picks are the plan's own: plan_free. */
#ifndef REHEARSE_PLAN_H
#define REHEARSE_PLAN_H

#include <stdint.h>

#include "rehearse/engine.h"
#include "rehearse/take.h"

/* PLAN_FOLLOW_UP is no plan of its own: a round's follow-up questions
 * (plan_follow_up_env), asked by the interviewer as the round's are. */
enum plan_mode { PLAN_PRACTICE, PLAN_ROUND, PLAN_PIVOT, PLAN_FOLLOW_UP, PLAN_NMODES };
/* "practice", "round", "pivot", "follow-up": the name stored with each
 * take. */
const char *plan_mode_name(enum plan_mode m);

/* The options of a run of takes (the settings file, then the command line). */
struct take_opts {
	double seconds;	  /* answer limit */
	double prep;	  /* < 0: wait for Space */
	bool overtime;	  /* clock may run on to twice the limit */
	bool no_record;	  /* timer only */
	bool dry_run;
	const char *device; /* NULL: default input */
	int rate;	    /* 0: the device's default */
	uint64_t seed;
	enum level level;
	int round_size; /* questions in a mock round (the home menu's too) */
	/* Rounds are interviewer mode: the question read aloud, then the
	 * answer; the cue card hidden until h. */
	bool no_voice;	/* read nothing aloud */
	bool show_card; /* the cue card shown from the start */
	bool no_follow_ups; /* a round asks no follow-up questions */
	bool no_story_follow; /* --no-story-follow, story-follow = no */
};

/* A follow-up is one point (the lesson, the change made, your own part),
 * not a story: about a third of the 90 s a STAR story is practised in,
 * which is also what interviewers leave for one. Never longer than the
 * answer's own limit. */
#define FOLLOW_UP_S 30.0

struct plan {
	enum plan_mode mode;
	struct pick *picks; /* owned */
	size_t npicks;
	uint64_t seed;
	/* practice: where "another question" is drawn from */
	struct filter filter;
	char history_err[ERRBUF_SIZE]; /* "": history was read (or not needed) */
};

/* Practice: the least practised question fitting f (none: npicks 0). */
void plan_practice(struct plan *p, const struct bank *b, struct store *st,
		   const struct filter *f, uint64_t seed);
/* Practice this question, with its best story. */
void plan_question(struct plan *p, const struct bank *b, struct store *st,
		   const struct question *q);
/* Practice a story told as itself, in its first category (not a moment). */
void plan_story(struct plan *p, const struct story *s);
/* A mock round of up to count questions fitting f. */
void plan_round(struct plan *p, const struct bank *b, struct store *st, const struct filter *f,
		size_t count, uint64_t seed);
/* A pivot drill: the story for up to three categories. */
void plan_pivot(struct plan *p, const struct bank *b, struct store *st, const struct story *s,
		uint64_t seed);
/* Practice goes on: picks[0] becomes the least practised question fitting
 * p->filter other than the one asked. False (the plan unchanged) if there
 * is none. */
bool plan_another(struct plan *p, const struct bank *b, struct store *st, struct rng *r);
/* A copy with its own picks. */
void plan_copy(struct plan *to, const struct plan *from);
void plan_free(struct plan *p);

/* The environment every take of the plan shares: base (store, bank,
 * folder, audio, device, rate) with the plan's mode, the answer limit and
 * where the clock stops (twice the limit with overtime), and, for more
 * than one pick, a round row in history to group them. -1 (errbuf says
 * why) when the round row could not be written: the takes still run, only
 * ungrouped. */
int plan_take_env(const struct plan *p, const struct take_opts *o, const struct take_env *base,
		  struct take_env *env, char *errbuf);
/* The environment of a follow-up take, from its round's (plan_take_env):
 * mode "follow-up" (ATTEMPT_MODE_FOLLOW_UP), the same round, and the
 * limit FOLLOW_UP_S (the answer's, if shorter; twice it with overtime). */
void plan_follow_up_env(const struct take_env *round, const struct take_opts *o,
			struct take_env *env);

#endif
