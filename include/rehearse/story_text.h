/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_text.h - the written story as the story follower needs it, and the
 * pure half of following: no recogniser here, so all of it is built and
 * tested with or without PocketSphinx.
 *
 * - story_text_split: the story's STAR sections cut into sentences (at `.`,
 *   `!` or `?` followed by white space or the end), each with its words as
 *   a recogniser spells them (lower-case ASCII, numbers written out:
 *   "1,200" -> "one thousand two hundred").
 * - story_arpa: a trigram language model of those sentences in ARPA text,
 *   its unigrams mixed with general English, so that a retelling in other
 *   words still decodes.
 * - story_align: recognised words (with times) against the sentences:
 *   which were told, when, each part's start, coverage and words per
 *   minute, and whether the story was followed at all; story_align_any
 *   the same against several stories, choosing the one that was told. */
#ifndef REHEARSE_STORY_TEXT_H
#define REHEARSE_STORY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "rehearse/bank.h"
#include "rehearse/util.h"

struct story_sentence {
	enum star part;
	char *text;	      /* as written, white space folded */
	struct strvec words; /* as spoken: lower case, numbers as words */
};

struct story_text {
	struct story_sentence *s;
	size_t n, cap;
};

/* Split a story's S, T, A, R sections (a moment has none: n stays 0). */
void story_text_split(const struct story *st, struct story_text *out);
void story_text_free(struct story_text *t);
/* Whether st can be followed: a story with words in its STAR sections (a
 * moment has none). */
bool story_followable(const struct story *st);
/* The bank's stories that can be followed, in the bank's order (NULL when
 * none; caller frees the array, not the stories): *n says how many. */
const struct story **story_followable_all(const struct bank *b, size_t *n);
/* Append copies of src's sentences to dst (a model of several stories). */
void story_text_append(struct story_text *dst, const struct story_text *src);
/* Append the spoken words of text to out. */
void story_words(const char *text, struct strvec *out);

/* A word of general English and its probability (log10). */
struct lm_word {
	const char *word;
	float log10p;
};

/* The model of the sentences (and of extra, e.g. the question, may be
 * NULL), unigrams: story_weight of the story's own, the rest from general
 * (those words only). Words for which known() is false (not in the
 * recogniser's dictionary) are left out; known may be NULL. Caller frees. */
char *story_arpa(const struct story_text *t, const char *extra, const struct lm_word *general,
		 size_t ngeneral, double story_weight, bool (*known)(const char *w, void *ctx),
		 void *ctx);

/* A recognised word; times in seconds from the start of the audio. */
struct heard_word {
	char *word;
	double start_s, end_s;
};

struct follow_sentence {
	enum star part;
	char *text; /* as written; owned */
	bool heard;
	double start_s; /* when heard */
	double match;	/* share of its content words heard in place, 0..1 */
};

struct follow_result {
	bool built;	/* false: rehearse was built without the follower */
	bool followed;	/* false: too little of the story recognised */
	struct follow_sentence *sentences;
	size_t nsentences;
	bool part_heard[STAR_COUNT];
	double part_start_s[STAR_COUNT];
	double coverage; /* share of written sentences heard, 0..1 */
	size_t nreached; /* sentences up to the last one heard (0: none) */
	int words_heard; /* recognised words in the aligned span */
	double wpm_words; /* words_heard a minute; when followed only */
	double audio_s, cpu_s; /* audio followed, processor time it took */
	/* Which of the stories followed was heard: 0 for one story; over
	 * several (story_align_any), the index of the one heard, or -1 when
	 * none was (then not followed, and no sentences). */
	int story_index;
};

/* Align heard words (fillers and silences left out) against the
 * sentences; fills *out (free with follow_result_free). When not followed
 * every sentence is "not heard" and no part has a start. */
void story_align(const struct story_text *t, const struct heard_word *hw, size_t n,
		 struct follow_result *out);
/* The same against each of n stories (when none is shown, the person may
 * tell any story of the bank): the one with the highest coverage of those
 * followed, with story_index saying which; none followed: story_index -1,
 * followed false, no sentences, words_heard all that was recognised. */
void story_align_any(const struct story_text *texts, size_t n, const struct heard_word *hw,
		     size_t nhw, struct follow_result *out);
/* Of the n stories r was followed over (story_align_any's), the one told;
 * NULL when none was (or r is NULL). */
const struct story *follow_heard_story(const struct follow_result *r,
				       const struct story *const *stories, size_t n);
/* The part the telling has reached: of the parts r heard a start for,
 * the one that began last; -1 when r was not followed (too little of the
 * story yet) or heard no part. */
int follow_latest_part(const struct follow_result *r);
void follow_result_free(struct follow_result *r);

#endif
