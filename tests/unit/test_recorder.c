/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_recorder.c - the end of a take against the fake backend: a
 * recording deleted mid-take, the longest take, and the memory of a long
 * one (the analysis reads the file back instead of holding its signal);
 * and a whole file held in memory that does not fit. */
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture_signal.h"
#include "fixture_take.h"
#include "rehearse/config.h"
#include "rehearse/recorder.h"
#include "rehearse/attempt.h"
#include "rehearse/story_follow.h"
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

/* Every figure of two analyses, to the bit. */
static bool same_bits(const void *a, const void *b, size_t n)
{
	return n == 0 || memcmp(a, b, n) == 0;
}

static void check_same_analysis(const struct analysis *a, const struct analysis *b)
{
	const double fa[] = {a->duration_s, a->first_speech_s, a->last_speech_s, a->speech_s,
			     a->longest_pause_s, a->syllables_per_min, a->articulation_rate,
			     a->wpm_estimate, a->speech_rms_dbfs, a->peak_dbfs,
			     a->noise_floor_dbfs, a->snr_db};
	const double fb[] = {b->duration_s, b->first_speech_s, b->last_speech_s, b->speech_s,
			     b->longest_pause_s, b->syllables_per_min, b->articulation_rate,
			     b->wpm_estimate, b->speech_rms_dbfs, b->peak_dbfs,
			     b->noise_floor_dbfs, b->snr_db};
	for (size_t i = 0; i < ARRAY_SIZE(fa); i++)
		if (!same_bits(&fa[i], &fb[i], sizeof fa[i]))
			CHECK_INT(i, -1); /* names the figure that differs */
	CHECK_INT(a->has_speech, b->has_speech);
	CHECK_INT(a->syllables, b->syllables);
	CHECK_INT(a->npauses, b->npauses);
	CHECK_INT(a->npace, b->npace);
	CHECK_INT(a->long_pause_count, b->long_pause_count);
	CHECK_INT(a->clipped_samples, b->clipped_samples);
	if (a->syllables == b->syllables)
		CHECK(same_bits(a->syllable_times, b->syllable_times,
				(size_t)a->syllables * sizeof *a->syllable_times));
	if (a->npauses == b->npauses)
		CHECK(same_bits(a->pauses, b->pauses, a->npauses * sizeof *a->pauses));
	if (a->npace == b->npace)
		CHECK(same_bits(a->pace, b->pace, a->npace * sizeof *a->pace));
}

/* A take of seconds at rate: the fixture speaker (6.9 s) again and again,
 * every 8 s, over a quiet room. */
static float *long_take(int rate, double seconds, size_t *n)
{
	*n = (size_t)(seconds * rate);
	float *x = xcalloc(*n, sizeof *x);
	size_t m;
	float *speech = synth_bursts(rate, 0.3, &m);
	for (size_t from = 0; from < *n; from += (size_t)(8 * rate))
		for (size_t i = 0; i < m && from + i < *n; i++)
			x[from + i] = speech[i];
	free(speech);
	add_noise(x, 0, *n, 0.003, 7);
	return x;
}

/* Issue 19, a live take: past ANALYSIS_KEEP_S the recorder's analysis
 * drops its 8 kHz signal and reads its own file back at the end, with the
 * figures of an analysis that held the file's samples whole, to the bit.
 * A fake device as fast as the writer takes it, 8 kHz. */
static void a_long_take_reads_its_file_back(void)
{
	const int rate = 8000;
	const double seconds = ANALYSIS_KEEP_S + 5;
	size_t n;
	float *x = long_take(rate, seconds, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = rate, .speed = 0,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/long.wav", test_tmpdir());
	struct recorder_opts o = {.path = path, .max_s = seconds};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	struct recorder_status st;
	do {
		usleep(20000);
		recorder_poll(r, &st);
	} while (st.seconds < seconds && !st.failed && !st.stalled);
	struct recorder_result res;
	recorder_finish(r, &res);
	CHECK(!res.failed && !res.stalled);
	CHECK_INT(res.frames_written, n);
	CHECK(res.analysed);
	CHECK(res.reread);
	CHECK(res.analysis.syllables > (int)(seconds / 8) * 15);
	/* The plain path: the file's samples, held whole, one reading. */
	struct audio_buf back;
	CHECK_INT(audio_read_mono(path, &back, e), 0);
	struct analysis_stream *plain = analysis_stream_new(back.sample_rate);
	analysis_stream_feed(plain, back.samples, back.frames);
	struct analysis held;
	CHECK_INT(analysis_stream_finish(plain, NULL, &held), 0);
	check_same_analysis(&res.analysis, &held);
	analysis_free(&held);
	audio_buf_free(&back);
	analysis_free(&res.analysis);
	audio_backend_free(b);
	free(path);
	free(x);
}

/* A 16-bit mono WAV at rate with frames of silence, sparse (a header,
 * then a hole): a long file that costs no disk. */
static void sparse_wav(const char *path, int rate, uint32_t frames)
{
	uint32_t data = frames * 2, riff = 36 + data, fmt = 16, brate = (uint32_t)rate * 2;
	uint16_t pcm = 1, ch = 1, align = 2, bits = 16;
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	fwrite("RIFF", 1, 4, f), fwrite(&riff, 4, 1, f), fwrite("WAVEfmt ", 1, 8, f);
	fwrite(&fmt, 4, 1, f), fwrite(&pcm, 2, 1, f), fwrite(&ch, 2, 1, f);
	fwrite(&(uint32_t){(uint32_t)rate}, 4, 1, f), fwrite(&brate, 4, 1, f);
	fwrite(&align, 2, 1, f), fwrite(&bits, 2, 1, f), fwrite("data", 1, 4, f);
	fwrite(&data, 4, 1, f);
	CHECK_INT(fclose(f), 0);
	CHECK_INT(truncate(path, 44 + (off_t)data), 0);
}

/* Item 4 of the review: audio_read_mono holds a whole file (20 minutes at
 * 48 kHz: 230 MB). Under an address-space limit it says there is not
 * enough memory instead of aborting in xrealloc. The limit is set in a
 * child; the sanitizers' shadow memory cannot live under one, so there the
 * file is only read whole. */
static void a_file_too_big_to_hold_is_an_error(void)
{
	char *path = xasprintf("%s/sparse.wav", test_tmpdir());
	sparse_wav(path, 48000, 48000u * 1200);
	char e[ERRBUF_SIZE];
#if defined(__SANITIZE_ADDRESS__)
	struct audio_buf whole;
	CHECK_INT(audio_read_mono(path, &whole, e), 0);
	CHECK_INT(whole.frames, 48000u * 1200);
	audio_buf_free(&whole);
#else
	pid_t child = fork();
	if (child == 0) {
		struct rlimit lim = {200u << 20, 200u << 20};
		struct audio_buf b;
		if (setrlimit(RLIMIT_AS, &lim) < 0)
			_exit(3);
		int rc = audio_read_mono(path, &b, e);
		_exit(rc == -1 && strstr(e, "sparse.wav: not enough memory to hold 1200 s of sound")
			      ? 0 : rc == 0 ? 1 : 2);
	}
	int status = -1;
	CHECK_INT(waitpid(child, &status, 0), child);
	CHECK(WIFEXITED(status));
	CHECK_INT(WEXITSTATUS(status), 0);
#endif
	unlink(path);
	free(path);
}

/* One take of c1 (its story "strong") on a fake device as fast as the
 * writer takes it, story-follow as given; ended after 3 s of audio (as
 * on a signal, without the follower's answer, with drop). */
static void follow_take(struct env_fixture *f, struct take *t, bool follow, bool drop)
{
	size_t n;
	float *x = synth_bursts(16000, 0.3, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .speed = 0,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	env_setup(f, follow ? "follow.db" : "nofollow.db", b);
	f->env.story_follow = follow;
	f->env.max_s = 3;
	f->env.limit_s = 3;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(t, &f->env, &f->pick, e), 0);
	struct take_live live;
	do {
		usleep(10000);
		take_poll(t, &live);
	} while (live.elapsed < 3 && !live.failed);
	if (drop) /* a signal ends it: no wait for the follower */
		take_drop_follow(t, "not followed: the take was interrupted");
	CHECK_INT(take_end(t, &f->env, drop ? ATTEMPT_STOPPED : ATTEMPT_COMPLETE, NULL, e), 0);
	audio_backend_free(b);
	free(x);
}

/* Issue 18: a take of a story is followed on the writer's samples, every
 * one of them (none lost), and its answer is kept with the take's row:
 * FOLLOW_DONE with the story's sentences when rehearse has the follower,
 * FOLLOW_NOT_BUILT (and no story figures) when it has not. */
static void a_take_of_a_story_is_followed_and_kept(void)
{
	struct env_fixture f;
	struct take t;
	follow_take(&f, &t, true, false);
	char e[ERRBUF_SIZE];
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	struct follow_result back;
	CHECK_INT(store_get_story(&f.store, &row, &back, e), 0);
	if (story_follow_built()) {
		CHECK_INT(t.follow_state, FOLLOW_DONE);
		CHECK_INT(t.follow_stats.lost, 0);
		CHECK_INT(t.follow_stats.fed, t.result.frames_written);
		CHECK(t.follow.built && t.follow.nsentences == 4);
		CHECK(row.stats.has_story);
		CHECK_INT(row.stats.story_followed, t.follow.followed);
		CHECK_NEAR(row.stats.story_coverage, t.follow.coverage, 1e-9);
		CHECK_INT((int)back.nsentences, 4);
		CHECK_STR(back.sentences[3].text, t.follow.sentences[3].text);
	} else {
		CHECK_INT(t.follow_state, FOLLOW_NOT_BUILT);
		CHECK(row.has_stats && !row.stats.has_story);
		CHECK_INT((int)back.nsentences, 0);
	}
	follow_result_free(&back);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
}

/* story-follow = no (or --no-story-follow): no follower, FOLLOW_OFF; a
 * timer-only take is OFF too, and a question without a story NO_STORY. */
static void story_follow_off_and_without_audio_or_story(void)
{
	struct env_fixture f;
	struct take t;
	follow_take(&f, &t, false, false);
	CHECK_INT(t.follow_state, FOLLOW_OFF);
	CHECK(t.live == NULL);
	take_free(&t);
	f.env.audio = NULL; /* timer only */
	f.env.story_follow = true;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_COMPLETE, NULL, e), 0);
	CHECK_INT(t.follow_state, FOLLOW_OFF);
	take_free(&t);
	struct pick none = {.question = f.pick.question};
	none.match.category = f.pick.match.category;
	struct pick moment = none;
	moment.match.story = bank_story(&f.bank, "idea");
	const struct pick *picks[2] = {&none, &moment};
	for (int i = 0; i < 2; i++) {
		CHECK_INT(take_start(&t, &f.env, picks[i], e), 0);
		CHECK_INT(take_end(&t, &f.env, ATTEMPT_COMPLETE, NULL, e), 0);
		CHECK_INT(t.follow_state, FOLLOW_NO_STORY);
		take_free(&t);
	}
	env_teardown(&f);
}

/* Five LibriVox sentences of ../shared/speech, read by one person, written
 * as a story of the bank: what a person tells when the card shows none. */
static const char dashwood_story[] =
	"# Mister Dashwood's leisure\ncategories: conflict\nstrength: 3\n\n"
	"## Situation\nAnd Mister John Dashwood had then leisure to consider how much there "
	"might be prudently in his power to do for them.\n\n"
	"## Task\nHe was not an ill disposed young man. Unless to be rather cold hearted and "
	"rather selfish is to be ill disposed.\n\n"
	"## Action\nHad he married a more amiable woman, he might have been made still more "
	"respectable than he was.\n\n## Result\nHe might even have been made amiable himself.\n";

/* The five clips, 1 s apart and after 1 s of silence; NULL (skipped) when
 * ../shared/speech is not there. */
static float *dashwood_told(size_t *n)
{
	static const char *const clips[] = {"0870", "0880", "0890", "0920", "0930"};
	const char *env = getenv("REHEARSE_SHARED");
	char path[4096], e[ERRBUF_SIZE];
	float *x = NULL;
	*n = 0;
	for (size_t i = 0; i < ARRAY_SIZE(clips); i++) {
		snprintf(path, sizeof path, "%s/speech/librivox-%s.wav",
			 env ? env : REHEARSE_SOURCE_DIR "/../shared", clips[i]);
		struct audio_buf b;
		if (access(path, R_OK) != 0 || audio_read_mono(path, &b, e) < 0 ||
		    b.sample_rate != 16000) {
			free(x);
			test_skip("%s is missing or not 16 kHz", path);
			return NULL;
		}
		x = xrealloc(x, (*n + 16000 + b.frames + 16000) * sizeof *x);
		memset(x + *n, 0, 16000 * sizeof *x);
		memcpy(x + *n + 16000, b.samples, b.frames * sizeof *x);
		*n += 16000 + b.frames;
		free(b.samples);
	}
	memset(x + *n, 0, 16000 * sizeof *x);
	*n += 16000;
	return x;
}

/* One take of the question c1 with no story on the card (or the bank's
 * story shown, when not NULL), of samples x. */
static void take_of_story(struct env_fixture *f, struct take *t, const float *x, size_t n,
			  const char *db, const char *shown)
{
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .speed = 0,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char e[ERRBUF_SIZE];
	env_setup(f, db, b);
	CHECK_INT(bank_parse_story(&f->bank, "dashwood.md", "dashwood", dashwood_story, e), 0);
	f->env.story_follow = true;
	f->env.limit_s = f->env.max_s = (double)n / 16000;
	f->pick = (struct pick){.question = bank_question(&f->bank, "c1")};
	f->pick.match.story = shown ? bank_story(&f->bank, shown) : NULL;
	CHECK_INT(take_start(t, &f->env, &f->pick, e), 0);
	struct take_live live;
	do {
		usleep(10000);
		take_poll(t, &live);
	} while (live.elapsed < f->env.max_s && !live.failed);
	CHECK_INT(take_end(t, &f->env, ATTEMPT_COMPLETE, NULL, e), 0);
	audio_backend_free(b);
}

static void take_without_story(struct env_fixture *f, struct take *t, const float *x, size_t n,
			       const char *db)
{
	take_of_story(f, t, x, n, db, NULL);
}

/* Issue 18: the card shows no story, so the follower listens for every
 * story of the bank (a person with a bank still tells one of theirs),
 * names the one told, and the row keeps it as the take's story with its
 * sentences; bursts of sound that are no story name none. */
static void a_take_without_a_story_follows_the_banks(void)
{
	size_t n;
	float *x = dashwood_told(&n);
	if (!x)
		return;
	struct env_fixture f;
	struct take t;
	take_without_story(&f, &t, x, n, "any.db");
	char e[ERRBUF_SIZE];
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	struct follow_result back;
	CHECK_INT(store_get_story(&f.store, &row, &back, e), 0);
	if (story_follow_built()) {
		CHECK_INT(t.follow_state, FOLLOW_DONE);
		CHECK_INT((int)t.nfollow_any, 4); /* strong, named, weak, dashwood; not the moment */
		CHECK(t.follow.followed);
		CHECK(take_heard_story(&t) == bank_story(&f.bank, "dashwood"));
		CHECK_STR(row.story_id ? row.story_id : "(none)", "dashwood");
		CHECK_STR(row.story_title ? row.story_title : "(none)", "Mister Dashwood's leisure");
		CHECK_INT((int)back.nsentences, 5);
		CHECK(back.followed);
		CHECK_STR(back.nsentences ? back.sentences[0].text : "", t.follow.sentences[0].text);
	} else {
		CHECK_INT(t.follow_state, FOLLOW_NOT_BUILT);
		CHECK(row.story_id == NULL);
	}
	follow_result_free(&back);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
	free(x);
	float *noise = synth_bursts(16000, 0.3, &n);
	take_without_story(&f, &t, noise, n, "any-none.db");
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	if (story_follow_built()) {
		CHECK_INT(t.follow_state, FOLLOW_DONE);
		CHECK(!t.follow.followed);
		CHECK_INT(t.follow.story_index, -1);
		CHECK(take_heard_story(&t) == NULL);
	}
	CHECK(row.story_id == NULL);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
	/* A moment on the card is what the person tells: the bank's stories
	 * are not listened for, and the row keeps the moment. */
	take_of_story(&f, &t, noise, n, "any-moment.db", "idea");
	CHECK_INT(t.follow_state, FOLLOW_NO_STORY);
	CHECK(t.follow_any == NULL);
	take_free(&t);
	env_teardown(&f);
	free(noise);
}

/* A take ended by a signal keeps its recording and row at once: the
 * follower is stopped, not waited for, and the card would say why. */
static void an_interrupted_take_does_not_wait_for_the_follower(void)
{
	struct env_fixture f;
	struct take t;
	follow_take(&f, &t, true, true);
	if (story_follow_built()) {
		CHECK_INT(t.follow_state, FOLLOW_FAILED);
		CHECK_STR(t.follow_note, "not followed: the take was interrupted");
	} else {
		CHECK_INT(t.follow_state, FOLLOW_NOT_BUILT);
	}
	CHECK(t.live == NULL);
	char e[ERRBUF_SIZE];
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_INT(row.status, ATTEMPT_STOPPED);
	CHECK(row.has_stats && !row.stats.has_story);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
}

const struct test_case recorder_cases[] = {
	TEST(an_interrupted_take_does_not_wait_for_the_follower),
	TEST(a_take_of_a_story_is_followed_and_kept),
	TEST(a_take_without_a_story_follows_the_banks),
	TEST(story_follow_off_and_without_audio_or_story),
	TEST(a_file_too_big_to_hold_is_an_error),
	TEST(a_long_take_reads_its_file_back),
	TEST(no_take_is_longer_than_what_can_be_analysed),
	TEST(a_deleted_recording_is_not_named_by_its_row),
};
const size_t recorder_count = ARRAY_SIZE(recorder_cases);
