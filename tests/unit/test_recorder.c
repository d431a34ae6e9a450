/* test_recorder.c - the end of a take against the fake backend: a
 * recording deleted mid-take, the longest take, and the memory of a long
 * one (the analysis reads the file back instead of holding its signal). */
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture_take.h"
#include "rehearse/config.h"
#include "rehearse/recorder.h"
#include "rehearse/attempt.h"
#include "rehearse/take.h"
#include "rehearse/wavio.h"
#include "test.h"

/* Issue 16 #9, its row: the recording deleted during the take leaves a
 * failed row that says what was lost and names no file, so history and
 * play do not offer one that is not there. */
static void a_deleted_recording_is_not_named_by_its_row(void)
{
	struct audio_fake_config cfg = {.rate = 16000, .speed = 1, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, "lost.db", b);
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	struct take_live live;
	do {
		usleep(10000);
		take_poll(&t, &live);
	} while (live.elapsed < 0.2);
	char *wav = xstrdup(t.wav_path);
	CHECK_INT(unlink(wav), 0);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_COMPLETE, NULL, e), 0);
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_STR(attempt_status_name(row.status), "failed");
	CHECK(row.reason && strstr(row.reason, "was deleted during the take") != NULL);
	CHECK(row.wav_name == NULL);
	CHECK(row.wav_path == NULL);
	attempt_row_free(&row);
	CHECK(access(wav, F_OK) != 0);
	/* Deleting the attempt now touches no file, and says nothing of one. */
	bool had_file = true;
	CHECK_INT(attempt_delete(&f.store, t.id, &had_file, e), 0);
	CHECK(!had_file);
	take_free(&t);
	free(wav);
	env_teardown(&f);
	audio_backend_free(b);
}

/* One duration limit: the longest answer the settings allow, with
 * overtime (twice the limit, session.c), can be analysed and recovered;
 * a take asked for longer is refused before any row or file exists. */
static void no_take_is_longer_than_what_can_be_analysed(void)
{
	struct config_range secs = config_key_range(CFG_SECONDS);
	CHECK(secs.max > 0 && 2 * secs.max <= ANALYSIS_MAX_S);
	struct audio_fake_config cfg = {.rate = 16000, .speed = 1, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, "long.db", b);
	char e[ERRBUF_SIZE];
	struct history_query all = {0};
	long long before = store_count_attempts(&f.store, &all, e);
	struct take t;
	f.env.limit_s = ANALYSIS_MAX_S / 2 + 1;
	f.env.max_s = 2 * f.env.limit_s;
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), -1);
	CHECK(strstr(e, "a take lasts at most 10800 s (3 hours)") != NULL);
	CHECK(t.wav_path == NULL);
	CHECK_INT(store_count_attempts(&f.store, &all, e), before);
	/* The longest allowed starts. */
	f.env.limit_s = secs.max;
	f.env.max_s = 2 * secs.max;
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_STOPPED, NULL, e), 0);
	take_free(&t);
	env_teardown(&f);
	audio_backend_free(b);
}

const struct test_case recorder_cases[] = {
	TEST(no_take_is_longer_than_what_can_be_analysed),
	TEST(a_deleted_recording_is_not_named_by_its_row),
};
const size_t recorder_count = ARRAY_SIZE(recorder_cases);
