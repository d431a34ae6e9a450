/* SPDX-License-Identifier: GPL-3.0-or-later */
/* story_follow.h - the story follower: which written sentences of a story
 * were told in a recording, when each STAR part began, and words per
 * minute from the words, offline (PocketSphinx, when rehearse was built
 * with it; otherwise every call says "not built" and callers need no
 * #ifdef).
 *
 * Call order: follow_new (the story, optionally the question, and the
 * rate of the samples to come), follow_feed any number of times with mono
 * samples in [-1, 1] (from a thread beside the recorder's writer, never
 * the real-time callback: it decodes as it goes and may take a few ms a
 * call; the call in which the first utterance ends decodes that utterance
 * again, up to 20 s of audio, about 0.1 s of processor a second of it),
 * follow_finish once for the result, follow_free. One follower is
 * used by one thread at a time. Errors: -1 (NULL from follow_new) with the
 * reason in errbuf (ERRBUF_SIZE). */
#ifndef REHEARSE_STORY_FOLLOW_H
#define REHEARSE_STORY_FOLLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "rehearse/bank.h"
#include "rehearse/story_text.h"

/* Whether this rehearse was built with the follower. */
bool story_follow_built(void);

struct follower;
/* A follower for st (a story with STAR sections) told at sample_rate
 * (any rate: resampled to the recogniser's 16 kHz). question may be NULL. */
struct follower *follow_new(const struct story *st, const char *question, int sample_rate,
			    char *errbuf);
/* A follower for several stories at once (each with STAR sections), when
 * none is shown and the person may tell any of them: one model of all
 * their sentences; follow_finish aligns the words against each and says
 * in follow_result.story_index which was told (-1: none was). */
struct follower *follow_new_any(const struct story *const *stories, size_t n,
				const char *question, int sample_rate, char *errbuf);
int follow_feed(struct follower *f, const float *mono, size_t n, char *errbuf);
/* During the audio: the part the words decoded so far place the telling
 * in (follow_latest_part of them), -1 before the follower can say. The
 * words change only when an utterance ends (at a pause), so this aligns
 * again only then; from the thread that feeds f. */
int follow_part_now(struct follower *f);
/* End the audio and fill *out (free with follow_result_free). */
int follow_finish(struct follower *f, struct follow_result *out, char *errbuf);
void follow_free(struct follower *f);

/* The same over a whole buffer, in one call. */
int story_follow_samples(const struct story *st, const char *question, const float *mono,
			 size_t n, int sample_rate, struct follow_result *out, char *errbuf);

#endif
