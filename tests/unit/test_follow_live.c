/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_follow_live.c - the live story follower (issue 18): its tap never
 * blocks the writer, counts what did not fit, and the follower gets every
 * sample when it keeps up. With or without PocketSphinx: built, the
 * follower answers; not built, every call says so and the ring is still
 * drained. */
#include <stdlib.h>
#include <string.h>

#include "fixture_bank.h"
#include "fixture_signal.h"
#include "rehearse/follow_live.h"
#include "test.h"

#define RATE 16000

static const struct story *fixture_story_of(struct bank *b, const char *id)
{
	CHECK_INT(fixture_bank(b), 0);
	const struct story *st = bank_story(b, id);
	CHECK(st != NULL);
	return st;
}

/* Handed four times what its ring holds, in one call, the tap returns at
 * once: it takes what fits and counts the rest as lost, and the follower
 * refuses a result with holes rather than place the parts wrongly. */
static void the_tap_never_blocks_and_counts_what_did_not_fit(void)
{
	struct bank b;
	const struct story *st = fixture_story_of(&b, "strong");
	struct follow_live *fl;
	char e[ERRBUF_SIZE];
	CHECK_INT(follow_live_start(&fl, st, "C one", 1u << 16, e), 0);
	size_t cap = follow_live_capacity(fl), n = 4 * cap;
	CHECK(cap >= 1u << 16);
	float *x = xcalloc(n, sizeof *x);
	double t0 = monotonic_s();
	follow_live_tap(fl, x, n, RATE);
	follow_live_tap(fl, x, n, RATE);
	double took = monotonic_s() - t0;
	CHECK(took < 0.1); /* two copies of a few MB; a wait would be a second or more */
	struct follow_result r = {0};
	struct follow_live_stats st_ = {0};
	CHECK_INT(follow_live_finish(fl, &r, &st_, e), -1);
	CHECK_INT(st_.tapped, 2 * n);
	CHECK(st_.lost >= 2 * n - 2 * cap);
	CHECK_INT(st_.fed + st_.lost, st_.tapped);
	if (story_follow_built())
		CHECK(strstr(e, "fell behind and missed") != NULL);
	else
		CHECK(strstr(e, "built without the story follower") != NULL);
	free(x);
	bank_free(&b);
}

/* Fed as a writer feeds it (10 ms pieces of a take), within what the
 * ring holds, the follower gets every sample and answers: built, with a
 * result for the story's sentences; not built, "not built". */
static void the_follower_gets_every_sample_when_keeping_up(void)
{
	struct bank b;
	const struct story *st = fixture_story_of(&b, "strong");
	size_t n;
	float *x = synth_bursts(RATE, 0.3, &n);
	struct follow_live *fl;
	char e[ERRBUF_SIZE];
	CHECK_INT(follow_live_start(&fl, st, NULL, 1u << 20, e), 0);
	for (size_t i = 0; i < n; i += RATE / 100)
		follow_live_tap(fl, x + i, n - i < RATE / 100 ? n - i : RATE / 100, RATE);
	struct follow_result r = {0};
	struct follow_live_stats s = {0};
	int rc = follow_live_finish(fl, &r, &s, e);
	CHECK_INT(s.tapped, n);
	CHECK_INT(s.fed, n);
	CHECK_INT(s.lost, 0);
	CHECK(s.wait_s >= 0);
	if (story_follow_built()) {
		CHECK_INT(rc, 0);
		CHECK(r.built);
		CHECK_INT((int)r.nsentences, 4); /* s, t, a, r: one sentence each */
		CHECK(r.audio_s > 0);
	} else {
		CHECK_INT(rc, -1);
		CHECK(strstr(e, "built without the story follower") != NULL);
	}
	follow_result_free(&r);
	free(x);
	bank_free(&b);
}

/* Stopped before any audio (a take discarded at once, a freed one):
 * nothing leaks and nothing waits for a rate that never comes. */
static void it_stops_without_any_audio(void)
{
	struct bank b;
	const struct story *st = fixture_story_of(&b, "strong");
	struct follow_live *fl;
	char e[ERRBUF_SIZE];
	CHECK_INT(follow_live_start(&fl, st, NULL, 1u << 16, e), 0);
	follow_live_abort(fl);
	CHECK_INT(follow_live_start(&fl, st, NULL, 1u << 16, e), 0);
	struct follow_result r = {0};
	struct follow_live_stats s;
	int rc = follow_live_finish(fl, &r, &s, e);
	CHECK_INT(s.tapped, 0);
	CHECK_INT(rc, story_follow_built() ? 0 : -1);
	follow_result_free(&r);
	bank_free(&b);
}

const struct test_case follow_live_cases[] = {
	TEST(the_tap_never_blocks_and_counts_what_did_not_fit),
	TEST(the_follower_gets_every_sample_when_keeping_up),
	TEST(it_stops_without_any_audio),
};
const size_t follow_live_count = ARRAY_SIZE(follow_live_cases);
