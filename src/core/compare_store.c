/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare_store.c - finding the take a retry is compared with (see
 * compare.h); the comparison itself is pure, in compare.c. */
#include "rehearse/compare.h"

#include <math.h>
#include <string.h>

struct finder {
	long long before;
	bool story_only; /* the current take is a story's, not a question's */
	bool follow_up;	 /* it answers a follow-up: compared with follow-ups only */
	bool any_question; /* the same story told for any question (pivot) */
	struct attempt_row *out;
	bool found;
};

/* Anything but a take still recording, thrown away or failed is an answer
 * (also statuses added later, such as one cut off by the clock). */
static bool answered(enum attempt_status s)
{
	return s != ATTEMPT_ANY && s != ATTEMPT_RECORDING && s != ATTEMPT_DISCARDED &&
	       s != ATTEMPT_FAILED;
}

static int take_first_before(const struct attempt_row *r, void *ctx)
{
	struct finder *f = ctx;
	if (r->id >= f->before || !answered(r->status) ||
	    (f->story_only && !f->any_question && r->question_id) ||
	    attempt_mode_is_follow_up(r->mode) != f->follow_up)
		return 0;
	/* Copy the row: store_each_attempt frees its own after the call. */
	*f->out = *r;
	memset((struct attempt_row *)r, 0, sizeof *r);
	f->found = true;
	return 1;
}

/* The take f finds under q, and the starts it was judged by. */
static int find_with_starts(struct store *s, const struct history_query *q, struct finder *f,
			    double starts[STAR_COUNT], char *errbuf)
{
	if (store_each_attempt(s, q, take_first_before, f, errbuf) < 0)
		return -1;
	if (!f->found)
		return 0;
	if (store_get_marks(s, f->out->id, starts, errbuf) < 0) {
		attempt_row_free(f->out);
		return -1;
	}
	compare_starts_of_row(f->out, starts);
	return 1;
}

int compare_find_previous(struct store *s, const struct attempt_row *cur,
			  struct attempt_row *prev, double marks[STAR_COUNT], char *errbuf)
{
	memset(prev, 0, sizeof *prev);
	if (!cur->question_id && !cur->story_id)
		return 0;
	struct history_query q = {.question = cur->question_id,
				  .story = cur->question_id ? NULL : cur->story_id};
	struct finder f = {cur->id, !cur->question_id, attempt_mode_is_follow_up(cur->mode), false, prev, false};
	return find_with_starts(s, &q, &f, marks, errbuf);
}

void compare_starts_of_row(const struct attempt_row *r, double starts[STAR_COUNT])
{
	const struct analysis *a = &r->stats;
	if (!r->has_stats || !a->has_story || !a->story_followed)
		return;
	const double heard[STAR_COUNT] = {a->story_s_start_s, a->story_t_start_s,
					  a->story_a_start_s, a->story_r_start_s};
	struct follow_result fr = {.built = true, .followed = true};
	struct star_marks pressed, out;
	for (int i = 0; i < STAR_COUNT; i++) {
		pressed.at[i] = starts[i];
		fr.part_heard[i] = !isnan(heard[i]) && heard[i] >= 0;
		fr.part_start_s[i] = fr.part_heard[i] ? heard[i] : -1;
	}
	unsigned from_heard;
	star_starts(&pressed, &fr, &out, &from_heard);
	for (int i = 0; i < STAR_COUNT; i++)
		starts[i] = out.at[i];
}

int compare_find_last_telling(struct store *s, const struct attempt_row *cur,
			      struct attempt_row *prev, double starts[STAR_COUNT], char *errbuf)
{
	memset(prev, 0, sizeof *prev);
	if (!cur->story_id || attempt_mode_is_follow_up(cur->mode))
		return 0;
	struct history_query q = {.story = cur->story_id};
	struct finder f = {cur->id, true, false, true, prev, false};
	return find_with_starts(s, &q, &f, starts, errbuf);
}
