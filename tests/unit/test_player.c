/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_player.c - the player over samples in memory (the voice's path:
 * issue 17 #6, no temporary WAV) and the voice through it, on the fake
 * backend. */
#include <math.h>
#include <stdlib.h>

#include "rehearse/audio.h"
#include "rehearse/player.h"
#include "rehearse/util.h"
#include "rehearse/voice.h"
#include "test.h"

static float *sine(int rate, double secs, size_t *n)
{
	*n = (size_t)(rate * secs);
	float *x = xmalloc(*n * sizeof *x);
	for (size_t i = 0; i < *n; i++)
		x[i] = 0.5f * (float)sin(2 * M_PI * 440 * (double)i / rate);
	return x;
}

static bool wait_done(struct player *p, double limit_s)
{
	double until = monotonic_s() + limit_s;
	while (!player_done(p) && monotonic_s() < until)
		sleep_ms(5);
	return player_done(p);
}

static void samples_play_to_the_end_and_seek(void)
{
	size_t n;
	float *x = sine(16000, 0.6, &n);
	struct audio_fake_config cfg = {.rate = 16000, .speed = 8.0, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct player *p = NULL;
	char e[ERRBUF_SIZE];
	CHECK_INT(player_open_samples(&p, b, x, n, 16000, NULL, e), 0); /* p owns x now */
	if (!p) {
		audio_backend_free(b);
		return;
	}
	CHECK_NEAR(player_duration(p), 0.6, 1e-9);
	CHECK(wait_done(p, 5));
	CHECK_NEAR(player_position(p), 0.6, 0.011);
	/* Back to the middle, paused (nothing is heard while paused, so the
	 * position holds still), then the rest plays again, from memory. */
	player_pause(p, true);
	CHECK_INT(player_seek(p, 0.3, e), 0);
	sleep_ms(20);
	CHECK_NEAR(player_position(p), 0.3, 1e-9);
	CHECK(!player_done(p));
	player_pause(p, false);
	CHECK(wait_done(p, 5));
	CHECK_NEAR(player_position(p), 0.6, 0.011);
	/* Past the end is the end. */
	CHECK_INT(player_seek(p, 9, e), 0);
	CHECK(wait_done(p, 5));
	player_close(p);
	audio_backend_free(b);
}

static void no_samples_is_refused(void)
{
	struct audio_fake_config cfg = {.rate = 16000, .speed = 8.0, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct player *p = NULL;
	char e[ERRBUF_SIZE];
	CHECK_INT(player_open_samples(&p, b, xmalloc(4), 0, 16000, NULL, e), -1);
	CHECK_STR(e, "nothing to play");
	CHECK(p == NULL);
	audio_backend_free(b);
}

/* The question read aloud plays through the player from memory to its
 * end (that no file is made on the way is seen from outside, with strace:
 * tests/cli/audio_voice.sh). */
static void the_voice_plays_from_memory(void)
{
	if (!voice_available()) {
		test_skip("built without the voice, or libespeak-ng.so.1 is missing");
		return;
	}
	struct audio_fake_config cfg = {.rate = 22050, .speed = 8.0, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct voice *v = NULL;
	char e[ERRBUF_SIZE];
	CHECK_INT(voice_say(&v, b, NULL, "Why this role?", e), 0);
	if (v) {
		double until = monotonic_s() + 10;
		while (!voice_done(v) && monotonic_s() < until)
			sleep_ms(5);
		CHECK(voice_done(v));
		voice_stop(v);
	}
	audio_backend_free(b);
}

const struct test_case player_cases[] = {
	TEST(samples_play_to_the_end_and_seek),
	TEST(no_samples_is_refused),
	TEST(the_voice_plays_from_memory),
};
const size_t player_count = ARRAY_SIZE(player_cases);
