/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_audio.c - the ring, the recorder and a whole take, against the fake
 * backend (the PortAudio backend is tested through a virtual microphone by
 * tests/cli/audio_*.sh). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sndfile.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture_take.h"
#include "rehearse/attempt.h"
#include "rehearse/rate.h"
#include "rehearse/recorder.h"
#include "rehearse/ring.h"
#include "rehearse/take.h"
#include "rehearse/voice.h"
#include "rehearse/wavio.h"
#include "test.h"

/* test_unit is linked with -Wl,--wrap=close: every close() in rehearse's
 * own code comes here (libsndfile's own do not), so a descriptor closed a
 * second time shows as EBADF. */
int __real_close(int fd);
int __wrap_close(int fd);
static atomic_int bad_closes;
int __wrap_close(int fd)
{
	int rc = __real_close(fd);
	if (rc < 0 && errno == EBADF)
		atomic_fetch_add(&bad_closes, 1);
	return rc;
}

static void ring_wraps_and_refuses_overflow(void)
{
	struct ring r;
	CHECK_INT(ring_init(&r, 100), 0);
	CHECK_INT(ring_capacity(&r), 128);
	float in[200], out[200];
	for (int i = 0; i < 200; i++)
		in[i] = (float)i;
	CHECK_INT(ring_write(&r, in, 100), 100);
	CHECK_INT(ring_read(&r, out, 60), 60);
	CHECK_INT(ring_write(&r, in + 100, 100), 88); /* 40 queued + 88 = full */
	CHECK_INT(ring_available(&r), 128);
	CHECK_INT(ring_read(&r, out, 200), 128);
	CHECK(out[0] == 60 && out[39] == 99 && out[40] == 100 && out[127] == 187);
	ring_free(&r);
}

struct spsc {
	struct ring r;
	size_t total;
};

static void *producer(void *arg)
{
	struct spsc *s = arg;
	float buf[97];
	size_t next = 0;
	while (next < s->total) {
		size_t k = s->total - next < 97 ? s->total - next : 97;
		for (size_t i = 0; i < k; i++)
			buf[i] = (float)((next + i) % 65536);
		size_t put = ring_write(&s->r, buf, k);
		next += put;
	}
	return NULL;
}

static void ring_is_safe_across_threads(void)
{
	struct spsc s = {.total = 2000000};
	CHECK_INT(ring_init(&s.r, 1024), 0);
	pthread_t t;
	pthread_create(&t, NULL, producer, &s);
	size_t got = 0, bad = 0;
	float buf[61];
	while (got < s.total) {
		size_t n = ring_read(&s.r, buf, 61);
		for (size_t i = 0; i < n; i++)
			bad += buf[i] != (float)((got + i) % 65536);
		got += n;
	}
	pthread_join(t, NULL);
	CHECK_INT(bad, 0);
	CHECK_INT(got, s.total);
	ring_free(&s.r);
}

static float *tone(int rate, double seconds, size_t *n)
{
	*n = (size_t)(rate * seconds);
	float *x = xmalloc(*n * sizeof *x);
	for (size_t i = 0; i < *n; i++)
		x[i] = (float)(0.5 * sin(2 * M_PI * 220 * (double)i / rate));
	return x;
}

static void wait_seconds(struct recorder *r, double s)
{
	struct recorder_status st;
	do {
		usleep(2000);
		recorder_poll(r, &st);
	} while (st.seconds < s && !st.failed && !st.stalled);
}

static void recorder_writes_what_the_device_gave(void)
{
	size_t n;
	float *x = tone(16000, 2.0, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/rec.wav", test_tmpdir());
	struct recorder_opts o = {.path = path};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	wait_seconds(r, 2.5);
	struct recorder_result res;
	recorder_finish(r, &res);
	CHECK(res.seconds >= 2.5);
	CHECK_INT(res.dropped, 0);
	CHECK(!res.failed && !res.stalled);
	struct stat st;
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	struct audio_buf back;
	CHECK_INT(audio_read_mono(path, &back, e), 0);
	CHECK_INT(back.frames, res.frames_written);
	double maxerr = 0;
	for (size_t i = 0; i < n && i < back.frames; i++)
		maxerr = fmax(maxerr, fabs(back.samples[i] - x[i]));
	CHECK(maxerr < 1.5 / 32768);
	audio_buf_free(&back);
	analysis_free(&res.analysis);
	/* An existing file is never replaced. */
	CHECK_INT(recorder_start(&r, b, &o, note, e), -1);
	CHECK(strstr(e, "cannot create the recording") != NULL);
	audio_backend_free(b);
	free(path);
	free(x);
}

static void recorder_notices_a_stalled_device(void)
{
	size_t n;
	float *x = tone(8000, 1.0, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 8000, .speed = 4,
					.stall_after_s = 0.5};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/stall.wav", test_tmpdir());
	struct recorder_opts o = {.path = path, .stall_s = 0.3};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	struct recorder_status st;
	for (int i = 0; i < 300; i++) {
		usleep(10000);
		recorder_poll(r, &st);
		if (st.stalled)
			break;
	}
	CHECK(st.stalled);
	CHECK(strstr(st.reason, "stopped delivering sound") != NULL);
	struct recorder_result res;
	recorder_finish(r, &res);
	CHECK_NEAR(res.seconds, 0.5, 0.011);
	CHECK(res.stalled);
	analysis_free(&res.analysis);
	audio_backend_free(b);
	free(path);
	free(x);
}

static void refused_rate_falls_back_and_says_so(void)
{
	size_t n;
	float *x = tone(16000, 0.5, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/rate.wav", test_tmpdir());
	struct recorder_opts o = {.path = path, .rate = 44100};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	CHECK_STR(note, "the device refused 44100 Hz; recording at 16000 Hz");
	struct recorder_status st;
	recorder_poll(r, &st);
	CHECK_INT(st.rate, 16000);
	struct recorder_result res;
	recorder_finish(r, &res);
	CHECK_INT(res.rate, 16000);
	analysis_free(&res.analysis);
	audio_backend_free(b);
	free(path);
	free(x);
}

static void monitor_shows_levels_then_hands_over(void)
{
	size_t n;
	float *x = tone(16000, 2.0, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .speed = 1,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct level_monitor *m;
	char e[ERRBUF_SIZE], note[ERRBUF_SIZE];
	CHECK_INT(monitor_start(&m, b, NULL, 0, e), 0);
	float peak = 0, rms = 0;
	for (int i = 0; i < 100 && peak == 0; i++) {
		usleep(10000);
		monitor_levels(m, &peak, &rms);
	}
	CHECK_NEAR(peak, 0.5, 0.01);
	CHECK_NEAR(rms, 0.5 / sqrt(2), 0.02);
	monitor_stop(m);
	/* The device is free again for the take itself. */
	char *path = xasprintf("%s/after-monitor.wav", test_tmpdir());
	struct recorder_opts o = {.path = path};
	struct recorder *r;
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	wait_seconds(r, 0.2);
	struct recorder_result res;
	recorder_finish(r, &res);
	CHECK(res.frames_written > 0);
	analysis_free(&res.analysis);
	audio_backend_free(b);
	free(path);
	free(x);
}

static void recorder_start_failure_leaves_no_file(void)
{
	struct audio_fake_config cfg = {.rate = 8000, .no_input = true, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/none.wav", test_tmpdir());
	struct recorder_opts o = {.path = path};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	CHECK_INT(recorder_start(&r, b, &o, note, e), -1);
	CHECK(strstr(e, "no input device found") != NULL);
	CHECK(access(path, F_OK) != 0);
	audio_backend_free(b);
	free(path);
}

/* libsndfile closes the descriptor when sf_open_fd(..., SF_TRUE) fails: a
 * second close could shut a number another thread was given meanwhile. A
 * pipe is a file libsndfile cannot write a WAV to. */
static void failed_wav_open_closes_once(void)
{
	struct audio_fake_config cfg = {.rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/pipe.wav", test_tmpdir());
	CHECK_INT(mkfifo(path, 0600), 0);
	int reader = open(path, O_RDONLY | O_NONBLOCK); /* so the open does not wait */
	CHECK(reader >= 0);
	struct recorder_opts o = {.path = path, .reserved = true};
	struct recorder *r;
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	int before = atomic_load(&bad_closes);
	CHECK_INT(recorder_start(&r, b, &o, note, e), -1);
	CHECK(strstr(e, "cannot write a WAV file") != NULL);
	CHECK_INT(atomic_load(&bad_closes), before);
	close(reader);
	unlink(path);
	audio_backend_free(b);
	free(path);
}

/* The ring holds the seconds asked for at the rate the device gave, up to
 * the highest rate --rate takes (at 384 kHz it once held 5.5 s of 8); a
 * device beyond that range is refused. */
static void ring_holds_its_seconds_at_any_rate(void)
{
	static const int rates[] = {REHEARSE_MIN_RATE, 48000, REHEARSE_MAX_RATE};
	char *path = xasprintf("%s/ring.wav", test_tmpdir());
	char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
	for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
		struct audio_fake_config cfg = {.rate = rates[i], .stall_after_s = -1};
		struct audio_backend *b = audio_fake_new(&cfg);
		struct recorder_opts o = {.path = path, .ring_s = 8};
		struct recorder *r;
		CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
		struct recorder_status st;
		recorder_poll(r, &st);
		CHECK_INT(st.rate, rates[i]);
		CHECK(st.buffer_s >= 8);
		if (rates[i] == REHEARSE_MAX_RATE)
			CHECK(st.buffer_s < 16); /* sized for the rate, not far beyond */
		struct recorder_result res;
		recorder_finish(r, &res);
		analysis_free(&res.analysis);
		unlink(path);
		audio_backend_free(b);
	}
	struct audio_fake_config cfg = {.rate = REHEARSE_MAX_RATE + 1, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct recorder_opts o = {.path = path, .ring_s = 8};
	struct recorder *r;
	CHECK_INT(recorder_start(&r, b, &o, note, e), -1);
	CHECK(strstr(e, "384001 Hz; rehearse records at 8000 to 384000 Hz") != NULL);
	CHECK(access(path, F_OK) != 0);
	audio_backend_free(b);
	free(path);
}

/* The recording deleted during the take, then its whole folder: the take
 * fails within about a second, saying what was lost. */
static void recorder_notices_its_file_deleted(void)
{
	struct audio_fake_config cfg = {.rate = 16000, .speed = 1, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *dir = xasprintf("%s/doomed", test_tmpdir());
	char *path = xasprintf("%s/take.wav", dir);
	for (int folder = 0; folder < 2; folder++) {
		CHECK_INT(mkdir(dir, 0700), 0);
		struct recorder_opts o = {.path = path};
		struct recorder *r;
		char note[ERRBUF_SIZE], e[ERRBUF_SIZE];
		CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
		wait_seconds(r, 0.2);
		unlink(path);
		if (folder)
			rmdir(dir);
		struct recorder_status st;
		double t0 = monotonic_s();
		do {
			usleep(10000);
			recorder_poll(r, &st);
		} while (!st.failed && monotonic_s() - t0 < 5);
		CHECK(st.failed);
		CHECK(monotonic_s() - t0 < 2);
		CHECK(strstr(st.reason, folder ? "was removed during the take: this recording and"
					       : "take.wav was deleted during the take: what was "
						 "said is lost") != NULL);
		struct recorder_result res;
		recorder_finish(r, &res);
		CHECK(res.failed && res.lost);
		CHECK_STR(res.reason, st.reason);
		analysis_free(&res.analysis);
		rmdir(dir);
	}
	audio_backend_free(b);
	free(path);
	free(dir);
}

static void take_stores_row_marks_and_statistics(void)
{
	size_t n;
	float *x = tone(16000, 3.0, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, "take.db", b);
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_STR(attempt_status_name(row.status), "recording"); /* before anything is heard */
	attempt_row_free(&row);
	struct take_live live;
	do {
		take_poll(&t, &live);
	} while (live.elapsed < 0.5);
	CHECK_INT(take_mark(&t, STAR_S, e, sizeof e), 0);
	do {
		take_poll(&t, &live);
	} while (live.elapsed < 1.0);
	CHECK_INT(take_mark(&t, STAR_A, e, sizeof e), 0);
	/* Out of order: T after A is refused and says why (issue 11 item 5). */
	CHECK_INT(take_mark(&t, STAR_T, e, sizeof e), -1);
	CHECK(strstr(e, "T not marked: A is already marked at ") != NULL);
	do {
		take_poll(&t, &live);
	} while (live.elapsed < 3.0);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_COMPLETE, NULL, e), 0);
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_STR(attempt_status_name(row.status), "complete");
	CHECK(row.duration_s >= 3.0);
	CHECK(row.has_stats);
	CHECK_STR(row.wav_path, t.wav_path);
	CHECK_STR(row.question_text, "C one");
	attempt_row_free(&row);
	double at[4];
	CHECK_INT(store_get_marks(&f.store, t.id, at, e), 0);
	CHECK(at[STAR_S] >= 0.5 && at[STAR_A] >= 1.0 && at[STAR_T] < 0);
	CHECK(t.feedback.n > 0);
	/* Discarding removes the row and the file. */
	char *wav = xstrdup(t.wav_path);
	CHECK_INT(take_discard(&t, &f.env, e), 0);
	CHECK(access(wav, F_OK) != 0);
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), -1);
	free(wav);
	take_free(&t);
	env_teardown(&f);
	audio_backend_free(b);
	free(x);
}

/* keep-as = flac (issue 20): the take records to WAV as always; once it
 * has ended the row names a FLAC of the same samples and the WAV is gone. */
static void finished_take_is_kept_as_flac(void)
{
	size_t n;
	float *x = tone(16000, 1.5, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, "flac.db", b);
	f.env.keep_flac = true;
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	char *wav = xstrdup(t.wav_path);
	struct take_live live;
	do {
		take_poll(&t, &live);
	} while (live.elapsed < 1.5);
	struct audio_buf before;
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_COMPLETE, NULL, e), 0);
	CHECK_STR(t.keep_note, "");
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK(strstr(row.wav_path, ".flac") != NULL);
	CHECK_STR(row.wav_path, t.wav_path);
	CHECK(access(wav, F_OK) != 0); /* the WAV is gone */
	struct stat st;
	CHECK_INT(stat(row.wav_path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(audio_read_mono(row.wav_path, &before, e), 0);
	CHECK_INT(before.sample_rate, 16000);
	CHECK(before.frames > 16000); /* what was recorded, not an empty file */
	audio_buf_free(&before);
	/* A row that no longer names the WAV is never pointed elsewhere. */
	char *other = xstrdup(row.wav_path);
	CHECK_INT(attempt_keep_flac(&f.store, t.id, &other, e), -1);
	free(other);
	attempt_row_free(&row);
	CHECK_INT(take_discard(&t, &f.env, e), 0);
	take_free(&t);
	free(wav);
	env_teardown(&f);
	audio_backend_free(b);
	free(x);
}

/* The clock ends a take: cut off if speech was heard within a second of
 * the end, else complete (issue 11 item 2). Real-time fake device. */
static struct take cut_take(float *x, size_t n, double end_at, const char *db)
{
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .speed = 1.0,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, db, b);
	f.env.limit_s = end_at;
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	struct take_live live;
	do {
		take_poll(&t, &live);
		usleep(10000);
	} while (live.elapsed < end_at);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_CUT_OFF, NULL, e), 0);
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_STR(attempt_status_name(row.status), attempt_status_name(t.status));
	if (t.status == ATTEMPT_CUT_OFF)
		CHECK_STR(row.reason, "time ran out while you were still speaking");
	attempt_row_free(&row);
	env_teardown(&f);
	audio_backend_free(b);
	return t;
}

/* Silence, then from lead_s to lead_s + on_s syllable-like voiced bursts
 * (120 Hz with harmonics, 160 ms every 250 ms): speech to the analysis,
 * which wants syllable nuclei, not a steady tone. */
static float *burst(double lead_s, double on_s, size_t *n)
{
	const int rate = 16000;
	*n = (size_t)((lead_s + on_s) * rate);
	float *x = xcalloc(*n, sizeof *x);
	for (double t0 = lead_s; t0 + 0.16 <= lead_s + on_s + 1e-9; t0 += 0.25)
		for (size_t i = (size_t)(t0 * rate); i < (size_t)((t0 + 0.16) * rate); i++) {
			double t = (double)i / rate, env = sin(M_PI * (t - t0) / 0.16), v = 0;
			for (int h = 1; h <= 8; h++)
				v += sin(2 * M_PI * 120 * h * t) / h;
			x[i] = (float)(0.25 * env * v);
		}
	return x;
}

static void clock_cuts_off_a_take_mid_speech(void)
{
	size_t n;
	float *x = burst(0.5, 3.0, &n);
	struct take t = cut_take(x, n, 1.5, "cut.db");
	CHECK_STR(attempt_status_name(t.status), "cut-off");
	CHECK_STR(t.reason, "time ran out while you were still speaking");
	take_free(&t);
	free(x);
	x = burst(0.3, 0.5, &n); /* then silence: finished before the clock */
	t = cut_take(x, n, 2.0, "done.db");
	CHECK_STR(attempt_status_name(t.status), "complete");
	take_free(&t);
	free(x);
}

/* The interviewer's voice: speech of about the expected length. */
static void voice_reads_a_question(void)
{
	float *x = NULL;
	size_t n = 0;
	int rate = 0;
	char e[ERRBUF_SIZE];
	const char *q = "Tell me about a time you disagreed with your manager.";
	if (!voice_available()) {
		CHECK_INT(voice_synth(q, &x, &n, &rate, e), -1);
		CHECK(strstr(e, "without a voice") != NULL);
		return;
	}
	CHECK_INT(voice_synth(q, &x, &n, &rate, e), 0);
	double secs = rate > 0 ? (double)n / rate : 0, peak = 0;
	for (size_t i = 0; i < n; i++)
		peak = fmax(peak, fabs(x[i]));
	/* Ten words at 160 a minute: 3.75 s, give or take the pauses. */
	CHECK(secs > 2.5 && secs < 6.0);
	CHECK(peak > 0.1);
	free(x);
	/* Again in the same process: espeak-ng is started once, and used again. */
	CHECK_INT(voice_synth("Why this role?", &x, &n, &rate, e), 0);
	CHECK(n > 0 && (double)n / rate < secs);
	free(x);
}

static void timer_only_take_has_no_file(void)
{
	struct env_fixture f;
	env_setup(&f, "timer.db", NULL);
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	usleep(100000);
	CHECK_INT(take_mark(&t, STAR_R, e, sizeof e), 0);
	CHECK_INT(take_end(&t, &f.env, ATTEMPT_STOPPED, NULL, e), 0);
	CHECK(t.duration_s >= 0.1 && t.duration_s < 5);
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK(row.wav_path == NULL);
	CHECK_STR(attempt_status_name(row.status), "stopped");
	CHECK(!row.has_stats);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
}

static void recovery_completes_orphaned_rows(void)
{
	size_t n;
	float *x = tone(16000, 1.5, &n);
	struct audio_fake_config cfg = {.samples = x, .n = n, .rate = 16000, .stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	struct env_fixture f;
	env_setup(&f, "recover.db", b);
	struct take t;
	char e[ERRBUF_SIZE];
	CHECK_INT(take_start(&t, &f.env, &f.pick, e), 0);
	struct take_live live;
	do {
		take_poll(&t, &live);
	} while (live.elapsed < 1.5);
	/* Finish the file but leave the row as a crash would. */
	struct recorder_result res;
	recorder_finish(t.rec, &res);
	t.rec = NULL;
	analysis_free(&res.analysis);
	/* While its process lives, the row is left alone ... */
	CHECK_INT(take_recover(&f.store, e), 0);
	/* ... once it is gone, it is completed from the file. */
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE attempts SET pid = %d WHERE id = %lld", (int)child, t.id);
	CHECK_INT(sqlite3_exec(f.store.db, sql, NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(take_recover(&f.store, e), 1);
	struct attempt_row row;
	CHECK_INT(store_get_attempt(&f.store, t.id, &row, e), 0);
	CHECK_STR(attempt_status_name(row.status), "interrupted");
	CHECK(row.duration_s >= 1.5);
	CHECK(row.has_stats);
	CHECK(strstr(row.reason, "were recovered") != NULL);
	attempt_row_free(&row);
	take_free(&t);
	env_teardown(&f);
	audio_backend_free(b);
	free(x);
}

/* The analysis' parameters go in with the recorder's options, before the
 * take (issue 17, item 4): the story's syllables per word gives the pace,
 * and the clip level is counted while recording. */
static void recorder_analyses_with_its_parameters(void)
{
	struct audio_buf speech;
	char e[ERRBUF_SIZE], note[ERRBUF_SIZE];
	CHECK_INT(audio_read_mono(REHEARSE_SOURCE_DIR "/tests/fixtures/usm-150-clean.wav", &speech,
				  e),
		  0);
	size_t n = speech.frames < (size_t)speech.sample_rate * 4 ? speech.frames
								  : (size_t)speech.sample_rate * 4;
	/* Paced (4x real time): unpaced, minutes of silence would follow. */
	struct audio_fake_config cfg = {.samples = speech.samples, .n = n,
					.rate = speech.sample_rate, .speed = 4,
					.stall_after_s = -1};
	struct audio_backend *b = audio_fake_new(&cfg);
	char *path = xasprintf("%s/params.wav", test_tmpdir());
	struct analysis_params ap;
	analysis_default_params(&ap);
	ap.syllables_per_word = 2.0;
	ap.clip_level = 0.05; /* speech is louder than this: "clipped" */
	struct recorder_opts o = {.path = path, .analysis = &ap};
	struct recorder *r;
	CHECK_INT(recorder_start(&r, b, &o, note, e), 0);
	wait_seconds(r, (double)n / speech.sample_rate + 0.3);
	struct recorder_result res;
	recorder_finish(r, &res);
	const struct analysis *a = &res.analysis;
	CHECK(a->has_speech);
	CHECK_INT(a->wpm_source, WPM_TEXT);
	CHECK_NEAR(a->syllables_per_word, 2.0, 1e-12);
	CHECK_NEAR(a->wpm_estimate, a->syllables_per_min / 2.0, 1e-9);
	CHECK(a->clipped_samples > 0);
	analysis_free(&res.analysis);
	audio_backend_free(b);
	free(path);
	audio_buf_free(&speech);
}

const struct test_case audio_cases[] = {
	TEST(ring_wraps_and_refuses_overflow),
	TEST(ring_is_safe_across_threads),
	TEST(recorder_writes_what_the_device_gave),
	TEST(recorder_analyses_with_its_parameters),
	TEST(recorder_notices_a_stalled_device),
	TEST(refused_rate_falls_back_and_says_so),
	TEST(monitor_shows_levels_then_hands_over),
	TEST(recorder_start_failure_leaves_no_file),
	TEST(failed_wav_open_closes_once),
	TEST(ring_holds_its_seconds_at_any_rate),
	TEST(recorder_notices_its_file_deleted),
	TEST(take_stores_row_marks_and_statistics),
	TEST(finished_take_is_kept_as_flac),
	TEST(clock_cuts_off_a_take_mid_speech),
	TEST(voice_reads_a_question),
	TEST(timer_only_take_has_no_file),
	TEST(recovery_completes_orphaned_rows),
};
const size_t audio_count = ARRAY_SIZE(audio_cases);
