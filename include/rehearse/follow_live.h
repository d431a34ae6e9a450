/* SPDX-License-Identifier: GPL-3.0-or-later */
/* follow_live.h - the story follower during a take, off the real-time
 * path (issue 18).
 *
 * The recorder's writer thread hands every written chunk to
 * follow_live_tap (recorder_opts.tap), which only copies it into a
 * lock-free one-reader/one-writer ring: it never blocks, waits or
 * allocates, and what does not fit is counted, never waited for. A
 * thread of its own creates the follower (follow_new loads the
 * recogniser's models, which can take a second: the take does not wait
 * for it) once the first chunk says the rate, and feeds it from the ring.
 *
 * Call order: follow_live_start, any number of follow_live_tap (from one
 * thread: the writer), then follow_live_finish (after the last tap: the
 * recorder has finished) or follow_live_abort. Both free the follower. */
#ifndef REHEARSE_FOLLOW_LIVE_H
#define REHEARSE_FOLLOW_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "rehearse/story_follow.h"

struct follow_live;

/* How the live follower kept up. */
struct follow_live_stats {
	uint64_t tapped; /* samples handed to the tap */
	uint64_t fed;	 /* samples taken from the ring (fed, or dropped after a failure) */
	uint64_t lost;	 /* samples that did not fit in the ring */
	double wait_s;	 /* follow_live_finish: from its call to the answer */
};

/* Start the follower's thread for st (with STAR sections; st and question
 * must outlive it; question may be NULL), with a ring of at least
 * ring_samples. 0, or -1 with errbuf (out of memory, no thread). */
int follow_live_start(struct follow_live **out, const struct story *st, const char *question,
		      size_t ring_samples, char *errbuf);
/* The same for several stories at once (the card shows none: the person
 * may tell any of the bank's; follow_result.story_index says which was
 * heard). stories (the array and the stories) must outlive it. */
int follow_live_start_any(struct follow_live **out, const struct story *const *stories, size_t n,
			  const char *question, size_t ring_samples, char *errbuf);
/* The recorder's tap: ctx is the follow_live, x the samples as the file
 * holds them, at rate (the same in every call). */
void follow_live_tap(void *ctx, const float *x, size_t n, int rate);
/* Follow what is still in the ring, then the result into *out (free with
 * follow_result_free): 0, or -1 with errbuf (the follower could not be
 * made or failed, or it fell behind and missed part of the answer: a
 * result with holes would place the parts wrongly). *stats is filled
 * either way (may be NULL). Frees fl. */
int follow_live_finish(struct follow_live *fl, struct follow_result *out,
		       struct follow_live_stats *stats, char *errbuf);
/* The part the follower's thread last placed the telling in
 * (follow_part_now), -1 before it can say; any thread may ask. */
int follow_live_part(struct follow_live *fl);
/* Stop without a result (a take freed before it ended); frees fl. */
void follow_live_abort(struct follow_live *fl);
/* The ring's capacity, in samples. */
size_t follow_live_capacity(const struct follow_live *fl);

#endif
