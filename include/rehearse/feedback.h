/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feedback.h - turn pacing statistics and STAR marks into the short notes
 * shown on the result card. Pure; the thresholds are the table in
 * feedback.c and the category targets from the prompt bank. */
#ifndef REHEARSE_FEEDBACK_H
#define REHEARSE_FEEDBACK_H

#include "rehearse/analysis.h"
#include "rehearse/attempt.h"
#include "rehearse/bank.h"
#include "rehearse/story_text.h"

struct pace_band {
	double min_wpm; /* from this speed (inclusive) ... */
	const char *label;
	bool good;
};
/* The band a WPM estimate falls in. */
const struct pace_band *pace_band_for(double wpm);

/* The judgements the feedback, the card and the comparison share, one
 * constant each: a steady interview pace (words per minute); a first word
 * later than this is worth a note; a full answer speaks at least this
 * long, or this share of a shorter limit. */
#define PACE_STEADY_LO 130.0
#define PACE_STEADY_HI 160.0
#define FIRST_WORD_MAX_S 3.0
#define FULL_ANSWER_S 60.0
#define FULL_ANSWER_SHARE (2.0 / 3.0)
/* How long a full answer speaks, for an answer limit of limit_s (0: none). */
double full_answer_s(double limit_s);

#define FEEDBACK_MAX 16
/* How much a note matters, most first: feedback_build orders the notes by
 * it (stable within a rank), so a screen too small for them all shows the
 * ones that change the next take first (issue 20). */
enum note_rank {
	NOTE_LIMIT,	/* cut off by the clock, over the limit */
	NOTE_TARGET,	/* the category's STAR targets */
	NOTE_DELIVERY,	/* pace, first word, level, length, the recording */
	NOTE_PAUSE,	/* single pauses a listener notices */
	NOTE_PRAISE,	/* what went well */
};
struct feedback_note {
	bool good; /* praise rather than a warning */
	enum note_rank rank;
	char text[200];
};

/* Where each STAR part starts (seconds into the take; < 0: not marked). */
struct star_marks {
	double at[STAR_COUNT];
};

struct star_shape {
	bool marked;		   /* at least one mark */
	double share[STAR_COUNT]; /* of the marked time, 0..1 */
};
void star_shape_from_marks(const struct star_marks *m, double end_s, struct star_shape *out);

struct feedback {
	struct feedback_note notes[FEEDBACK_MAX];
	int n;
	struct star_shape shape;
	/* Where the shape's parts begin: the key pressed for a part, else
	 * the start the story follower heard (when it followed the story);
	 * bit (1 << part) of heard says the start came from the words. */
	struct star_marks starts;
	unsigned heard;
};

/* The parts' starts the shape is drawn from (issue 18): a pressed key
 * wins for its part; a part not pressed takes the follower's heard start
 * when f followed the story and that start sits between the pressed ones
 * (the parts stay in S T A R order). f may be NULL. *heard: bit (1 <<
 * part) for each start taken from the follower. */
void star_starts(const struct star_marks *pressed, const struct follow_result *f,
		 struct star_marks *out, unsigned *heard);
/* Each part's share as a whole percent, the marked parts summing to 100
 * (a part with no share is 0): what every screen prints of a shape. */
void star_percents(const struct star_shape *sh, int pct[STAR_COUNT]);
/* The sum of those percents over the sections (bits 1 << part). */
int star_percent_of(const struct star_shape *sh, unsigned sections);
/* The sections' letters, "S+T". Returns buf. */
const char *star_parts_text(unsigned sections, char *buf, size_t n);
/* For the card's STAR row: each part's start and where it came from,
 * "S 0:02 · T 0:14 · A 0:31 · R 1:12 (A pressed)", "(all pressed)",
 * "(all heard)"; a part with no start is "R —". "" when no part has a
 * start. Returns buf. */
const char *star_starts_text(const struct feedback *f, char *buf, size_t n);
/* The story follower's result as the feedback reads it: present, built
 * and followed (a result that was not followed gives nothing but its one
 * note). */
bool follow_usable(const struct follow_result *f);
/* The pace is told from the follower's words: it followed the story, has
 * a words-a-minute figure, and there was enough speech to judge. */
bool pace_from_words(const struct analysis *a, const struct follow_result *fr);
/* A written sentence carries the story's detail: a digit, or a name (a
 * capitalised word not at the sentence's start, "I" aside). */
bool sentence_has_detail(const char *text);
/* Add a note made outside feedback_build (the card's story fit) after the
 * notes of its rank, keeping the order; false when full. */
bool feedback_add(struct feedback *f, enum note_rank rank, bool good, const char *text);

/* How a pause reads to a listener (issue 20): a pause under a second is
 * not mentioned; one of a second or two between sentences or STAR parts
 * is a breath, which coaching counts as good; the warned ones are long
 * for anyone (over 2 s; over 3 s between parts) or long for this speaker
 * (well above the take's own median pause). */
enum pause_kind {
	PAUSE_SHORT,	    /* under 1 s */
	PAUSE_BREATH,	    /* 1-2 s inside a part */
	PAUSE_BETWEEN,	    /* 1-3 s where a STAR part begins */
	PAUSE_LONG,	    /* over 2 s inside a part */
	PAUSE_LONG_FOR_YOU, /* 1-2 s but well above this take's median pause */
	PAUSE_LONG_GAP,	    /* over 3 s between parts */
};
/* Judge pause i of n; m may be NULL (no marks). */
enum pause_kind pause_judge(const struct pause *p, size_t n, const struct star_marks *m, size_t i);
/* The kinds a screen marks with "!". */
bool pause_is_warned(enum pause_kind k);

struct take_facts {
	const struct analysis *analysis; /* NULL in timer-only mode */
	const struct category *category; /* NULL: no shape targets */
	struct star_marks marks;
	double duration_s, limit_s;
	bool cut_off;	/* the clock ended it mid-speech */
	bool follow_up; /* a round's follow-up: short on purpose, never "short" */
	/* The story follower's result (NULL: none); its part starts stand in
	 * for unpressed keys when it followed the story. */
	const struct follow_result *follow;
};
void feedback_build(const struct take_facts *t, struct feedback *out);

/* The pace as the result card's "Pace" line should show it (issue 8: a
 * weak number is not shown as a confident one): "~150 wpm (131-175),
 * steady", "roughly 120-180 wpm (noisy)" or "too little speech to say".
 * From syllables alone the words are never known, even with the shown
 * story's syllables per word (it may not be the story told: issue 20
 * #12), so the range is always given. *good says whether it is praise.
 * Returns buf. */
const char *pace_summary(const struct analysis *a, char *buf, size_t n, bool *good);
/* The same with the story follower's result (may be NULL): when it
 * followed the story, the pace from the words it heard ("152 wpm, from
 * the words heard, steady"); otherwise pace_summary's estimate, which
 * never claims the shown story's words (issue 20 #12). */
const char *pace_summary_heard(const struct analysis *a, const struct follow_result *f, char *buf,
			       size_t n, bool *good);
/* Enough speech to judge the pace at all (pace_summary says "too little
 * speech to say" otherwise). */
bool pace_is_judgeable(const struct analysis *a);

/* What a take's figures mean: the one rule every screen and export
 * follows (issue 20 #3), so a take is never "complete" on one screen and
 * "no speech" on another, nor given a pace its card calls too weak.
 * heard: analysed and speech was heard; pace_known: enough of it to state
 * a pace (pace_is_judgeable); over: a complete take that ran past its
 * limit (the clock's overtime; limit_s 0: no limit known); status: the
 * word to show ("no speech" for an analysed take nothing was heard in,
 * "over time" for one over, else the status's name: the stored statuses
 * have no word of their own for it, issue 20 #19). */
struct take_meaning {
	bool heard, pace_known, over;
	const char *status;
};
struct take_meaning take_meaning(enum attempt_status status, bool analysed, bool has_speech,
				 double speech_s, double duration_s, double limit_s);
/* Why a take is weak, for "weakest: #2, cut off, 3 target misses": its
 * shown status when it is not complete, then its target misses and its
 * other warnings, counted; "" when nothing is wrong. Returns buf. */
const char *take_weak_points(const struct take_meaning *m, enum attempt_status status,
			     const struct feedback *f, char *buf, size_t n);

/* Syllables per word of a story's STAR sections (syllables.h), or 0 when
 * it has too few words to say (a moment, an empty story). */
double story_syllables_per_word(const struct story *s);

/* All notes joined by newlines, for storing with the attempt. Caller frees. */
char *feedback_join(const struct feedback *f);

#endif
