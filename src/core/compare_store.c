/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare_store.c - finding the take a retry is compared with (see
 * compare.h); the comparison itself is pure, in compare.c. */
#include "rehearse/compare.h"

#include <string.h>

struct finder {
	long long before;
	bool story_only; /* the current take is a story's, not a question's */
	bool follow_up;	 /* it answers a follow-up: compared with follow-ups only */
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

static bool is_follow_up(const char *mode)
{
	return mode && !strcmp(mode, ATTEMPT_MODE_FOLLOW_UP);
}

static int take_first_before(const struct attempt_row *r, void *ctx)
{
	struct finder *f = ctx;
	if (r->id >= f->before || !answered(r->status) || (f->story_only && r->question_id) ||
	    is_follow_up(r->mode) != f->follow_up)
		return 0;
	/* Copy the row: store_each_attempt frees its own after the call. */
	*f->out = *r;
	memset((struct attempt_row *)r, 0, sizeof *r);
	f->found = true;
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
	struct finder f = {cur->id, !cur->question_id, is_follow_up(cur->mode), prev, false};
	if (store_each_attempt(s, &q, take_first_before, &f, errbuf) < 0)
		return -1;
	if (!f.found)
		return 0;
	if (store_get_marks(s, prev->id, marks, errbuf) < 0) {
		attempt_row_free(prev);
		return -1;
	}
	return 1;
}
