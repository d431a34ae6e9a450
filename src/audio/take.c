/* SPDX-License-Identifier: GPL-3.0-or-later */
/* take.c - see take.h. */
#include "rehearse/take.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rehearse/metrics.h"
#include "rehearse/rate.h"
#include "rehearse/wavio.h"

/* DATA/2026-11-25_184512_conf-01.wav, never an existing name: the file
 * is created empty with O_EXCL, so two takes starting in the same second
 * (in two processes) cannot both claim one name. NULL with errbuf filled
 * when the folder refuses. */
static char *new_wav_path(const char *dir, const struct pick *p, char *errbuf)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d_%H%M%S", &tm);
	const char *what = p->question ? p->question->id : p->match.story->id;
	for (int k = 0; k < 10000; k++) {
		char *path = k ? xasprintf("%s/%s_%s-%d.wav", dir, stamp, what, k)
			       : xasprintf("%s/%s_%s.wav", dir, stamp, what);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
			return path;
		}
		if (errno != EEXIST) {
			set_err(errbuf, "%s: cannot create the recording: %s", path,
				strerror(errno));
			free(path);
			return NULL;
		}
		free(path);
	}
	set_err(errbuf, "%s: no free name for the recording", dir);
	return NULL;
}

/* A take that fills the disk must still be able to write its row: a
 * little space is set aside before recording and given back before the
 * row of a failed take is written (and at the end of every take). */
#define TAKE_RESERVE_BYTES (512 * 1024)

static char *reserve_path(const char *wav)
{
	return xasprintf("%s.reserve", wav);
}

static char *reserve_space(const char *wav)
{
	char *path = reserve_path(wav);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd >= 0 && posix_fallocate(fd, 0, TAKE_RESERVE_BYTES) == 0) {
		close(fd);
		return path;
	}
	if (fd >= 0) { /* already too full to set anything aside */
		close(fd);
		unlink(path);
	}
	free(path);
	return NULL;
}

static void release_space(struct take *t)
{
	if (!t->reserve)
		return;
	unlink(t->reserve);
	free(t->reserve);
	t->reserve = NULL;
}

/* Whether the story can be followed in this take: FOLLOW_DONE means
 * "start the follower" here, over the bank's stories when it fills
 * t->follow_any (the cue card shows no story, and a person with a bank
 * will still tell one of theirs); any other state is the take's answer. */
static enum follow_state follow_plan(const struct take_env *env, const struct pick *p,
				     struct take *t)
{
	if (!env->story_follow)
		return FOLLOW_OFF;
	/* A follow-up's answer is one point, not the story (issue 20 #20). */
	if (attempt_mode_is_follow_up(env->mode))
		return FOLLOW_NO_STORY;
	/* A story on the card that cannot be followed (a moment, or STAR
	 * headings still empty) is what the person tells: not the bank's. */
	if (p->match.story && !story_followable(p->match.story))
		return FOLLOW_NO_STORY;
	if (!p->match.story && !env->audio)
		return FOLLOW_NO_STORY;
	if (!env->audio)
		return FOLLOW_OFF; /* a timer-only take has nothing to follow */
	if (!p->match.story) {
		t->follow_any = story_followable_all(env->bank, &t->nfollow_any);
		if (!t->follow_any)
			return FOLLOW_NO_STORY;
	}
	if (story_follow_built())
		return FOLLOW_DONE;
	free(t->follow_any); /* nothing will listen */
	t->follow_any = NULL;
	return FOLLOW_NOT_BUILT;
}

/* The follower's ring holds this much audio: more than the models take
 * to load (about a second) and any stall of its thread. */
#define FOLLOW_RING_S 30
#define FOLLOW_RING_MIN (1u << 20)

/* Start the live follower (it loads its models on its own thread, so the
 * take does not wait); a follower that cannot start is said on the card. */
static void start_follow(struct take *t, const struct take_env *env)
{
	t->follow_state = follow_plan(env, t->pick, t);
	if (t->follow_state != FOLLOW_DONE)
		return;
	t->follow_state = FOLLOW_FAILED; /* until its answer comes */
	size_t ring = (size_t)FOLLOW_RING_S * (size_t)(env->rate > 0 ? env->rate : 48000);
	if (ring < FOLLOW_RING_MIN)
		ring = FOLLOW_RING_MIN;
	const char *q = t->pick->question ? t->pick->question->text : NULL;
	int rc;
	if (t->follow_any) {
		rc = follow_live_start_any(&t->live, t->follow_any, t->nfollow_any, q, ring,
					   t->follow_note);
	} else {
		rc = follow_live_start(&t->live, t->pick->match.story, q, ring, t->follow_note);
	}
	if (rc < 0)
		t->live = NULL;
}

/* The row exists; start the recorder into the claimed file. */
static int start_recording(struct take *t, const struct take_env *env, char *errbuf)
{
	/* After the row, so recovery finds and frees it after a crash. */
	t->reserve = reserve_space(t->wav_path);
	/* The typical syllables per word, never the shown story's: the person
	 * may tell another story (issue 20 #12). When the follower says the
	 * story on the card was told, its words give the pace instead. */
	struct analysis_params ap;
	analysis_default_params(&ap);
	struct recorder_opts o = {.path = t->wav_path, .device = env->device,
				  .rate = env->rate, .ring_s = 8, .reserved = true,
				  .max_s = env->max_s > 0 ? env->max_s : env->limit_s,
				  .analysis = &ap,
				  .tap = t->live ? follow_live_tap : NULL,
				  .tap_ctx = t->live};
	if (recorder_start(&t->rec, env->audio, &o, t->note, errbuf) == 0) {
		if (!t->reserve) /* said before the first word, not after the loss */
			snprintf(t->note + strlen(t->note), sizeof t->note - strlen(t->note),
				 "%scould not set aside %d KB for this take's history row: the disk "
				 "is (nearly) full, and if it fills the take's statistics may be lost",
				 t->note[0] ? "; " : "", TAKE_RESERVE_BYTES / 1024);
		return 0;
	}
	/* Nothing was recorded: the row keeps the reason, and no path that
	 * could later name someone else's file. */
	struct attempt_end e = {.status = ATTEMPT_FAILED, .reason = errbuf};
	char ignored[ERRBUF_SIZE];
	if (store_attempt_finish(env->store, t->id, &e, ignored) == 0)
		store_attempt_forget_wav(env->store, t->id, ignored);
	return -1;
}

/* Longer could be neither analysed nor recovered: refused before a row or
 * a file exists (the settings' ranges keep within it). */
static int check_length(const struct take_env *env, char *errbuf)
{
	if (env->limit_s <= ANALYSIS_MAX_S && env->max_s <= ANALYSIS_MAX_S)
		return 0;
	return set_err(errbuf, "a take lasts at most %d s (%d hours), what can be analysed; "
		       "%.0f s asked", ANALYSIS_MAX_S, ANALYSIS_MAX_S / 3600,
		       fmax(env->limit_s, env->max_s));
}

/* The new row of the take of p (title: room for a story's prompt). */
static struct attempt_start row_start(const struct take_env *env, const struct pick *p,
				      char *title, size_t n)
{
	const struct bank *b = env->bank;
	if (!p->question)
		snprintf(title, n, "Tell me about: %s", p->match.story->title);
	return (struct attempt_start){
		.mode = env->mode,
		.round_id = env->round_id,
		.question_id = p->question ? p->question->id : NULL,
		.question_text = p->question ? p->question->text : title,
		.category = b->cats[p->question ? p->question->first_cat : p->match.category].name,
		.story_id = p->match.story ? p->match.story->id : NULL,
		.story_title = p->match.story ? p->match.story->title : NULL,
		.limit_s = env->limit_s,
	};
}

int take_start(struct take *t, const struct take_env *env, const struct pick *p, char *errbuf)
{
	memset(t, 0, sizeof *t);
	t->pick = p;
	for (int i = 0; i < STAR_COUNT; i++)
		t->marks.at[i] = -1;
	char title[512];
	struct attempt_start a = row_start(env, p, title, sizeof title);
	if (check_length(env, errbuf) < 0)
		return -1;
	if (env->audio && !(t->wav_path = new_wav_path(env->data_dir, p, errbuf)))
		return -1;
	/* The row names the file alone: joined with whichever folder the
	 * history is opened from, it can never name anything outside it. */
	a.wav_name = t->wav_path ? strrchr(t->wav_path, '/') + 1 : NULL;
	a.sample_rate = env->rate;
	if (store_attempt_begin(env->store, &a, &t->id, errbuf) < 0)
		goto fail;
	start_follow(t, env);
	if (env->audio && start_recording(t, env, errbuf) < 0)
		goto fail;
	t->t0 = monotonic_s();
	return 0;
fail:
	follow_live_abort(t->live);
	t->live = NULL;
	free(t->follow_any);
	t->follow_any = NULL;
	release_space(t);
	if (t->wav_path)
		unlink(t->wav_path); /* the empty file that claimed the name */
	free(t->wav_path);
	t->wav_path = NULL;
	return -1;
}

void take_poll(struct take *t, struct take_live *live)
{
	memset(live, 0, sizeof *live);
	if (!t->rec) {
		live->elapsed = monotonic_s() - t->t0;
		return;
	}
	struct recorder_status st;
	recorder_poll(t->rec, &st);
	live->elapsed = st.seconds; /* the audio clock: timer and file agree */
	live->peak = st.peak;
	live->rms = st.rms;
	live->overflows = st.overflows;
	live->dropped = st.dropped;
	live->failed = st.failed || st.stalled;
	snprintf(live->reason, sizeof live->reason, "%s", st.reason);
}

int take_mark(struct take *t, int section, char *why, size_t n)
{
	if (t->ended || section < 0 || section >= STAR_COUNT)
		return -1;
	for (int k = STAR_COUNT - 1; k > section; k--) {
		if (t->marks.at[k] < 0)
			continue;
		char at[16];
		format_mmss(t->marks.at[k], at, sizeof at);
		snprintf(why, n, "%c not marked: %c is already marked at %s, and marks go in order "
				 "S T A R",
			 "STAR"[section], "STAR"[k], at);
		return -1;
	}
	struct take_live live;
	take_poll(t, &live);
	t->marks.at[section] = live.elapsed;
	return 0;
}

/* The clock ended the take: was the person still speaking? Speech heard
 * within the last CUT_OFF_GAP_S says so; a timer-only take cannot tell,
 * and counts as complete. */
static void judge_cut_off(struct take *t)
{
	const struct analysis *a = t->has_analysis ? &t->result.analysis : NULL;
	if (a && a->has_speech && a->last_speech_s >= t->duration_s - CUT_OFF_GAP_S) {
		snprintf(t->reason, sizeof t->reason, "%s", TAKE_CUT_OFF_REASON);
		return;
	}
	t->status = ATTEMPT_COMPLETE;
}

/* Stop the recorder (if any) and settle the status and duration. */
static void finish_recording(struct take *t)
{
	if (t->rec) {
		recorder_finish(t->rec, &t->result);
		t->rec = NULL;
		t->has_analysis = t->result.analysed; /* no figures rather than zeros */
		t->duration_s = t->result.seconds;
		if (t->result.failed || t->result.stalled) {
			t->status = ATTEMPT_FAILED;
			snprintf(t->reason, sizeof t->reason, "%s", t->result.reason);
		}
		if (t->result.lost) { /* no card may name it as kept */
			free(t->wav_path);
			t->wav_path = NULL;
		}
	} else {
		t->duration_s = monotonic_s() - t->t0;
	}
	if (t->status == ATTEMPT_CUT_OFF)
		judge_cut_off(t);
}

/* What the follower heard, with the statistics: the sentences, and when
 * the card showed no story and one of the bank's was told, the row names
 * it as the take's story (history, its filters, its sentences). */
static int save_follow(struct store *s, const struct take *t, char *errbuf)
{
	if (!t->has_analysis || t->follow_state != FOLLOW_DONE)
		return 0;
	if (store_save_story(s, t->id, &t->follow, errbuf) < 0)
		return -1;
	const struct story *heard = take_heard_story(t);
	return heard ? store_attempt_set_story(s, t->id, heard->id, heard->title, errbuf) : 0;
}

/* The status, the marks and the statistics: one transaction, so a failure
 * part-way leaves the row "recording" for recovery to settle from the
 * file, never "complete" without its figures. */
static int store_save_end(struct store *s, struct take *t, const struct attempt_end *e,
			  char *errbuf)
{
	int rc = store_begin(s, errbuf);
	if (rc == 0)
		rc = store_attempt_finish(s, t->id, e, errbuf);
	/* The file was deleted during the take: the row must not offer it to
	 * history or play (its status and reason say what was lost). */
	if (rc == 0 && t->result.lost)
		rc = store_attempt_forget_wav(s, t->id, errbuf);
	for (int i = 0; i < STAR_COUNT && rc == 0; i++)
		if (t->marks.at[i] >= 0)
			rc = store_add_mark(s, t->id, i, t->marks.at[i], errbuf);
	if (rc == 0 && t->has_analysis) {
		char *fb = feedback_join(&t->feedback);
		rc = store_save_analysis(s, t->id, &t->result.analysis, fb, errbuf);
		free(fb);
	}
	if (rc == 0)
		rc = save_follow(s, t, errbuf);
	if (rc == 0)
		return store_commit(s, errbuf);
	store_rollback(s);
	return -1;
}

/* The follower's answer, once the recorder has finished (no more taps):
 * it followed the last chunks while the recorder analysed the take. Its
 * figures go with the statistics. */
static void collect_follow(struct take *t, double since)
{
	if (!t->live)
		return;
	if (t->follow_dropped) { /* no wait: the note says why */
		follow_live_abort(t->live);
		t->live = NULL;
		return;
	}
	char why[ERRBUF_SIZE];
	int rc = follow_live_finish(t->live, &t->follow, &t->follow_stats, why);
	t->live = NULL;
	t->follow_wait_s = monotonic_s() - since;
	if (rc < 0) {
		snprintf(t->follow_note, sizeof t->follow_note, "%s", why);
		return;
	}
	t->follow_state = FOLLOW_DONE;
	if (!t->has_analysis)
		return;
	struct analysis *a = &t->result.analysis;
	metric_story_set(a, &t->follow);
	a->story_wait_s = t->follow_wait_s;
	/* The pace the card gives is the take's pace everywhere (history,
	 * the round summary, comparisons, the story's fit): from the words
	 * when the story was followed. */
	if (pace_from_words(a, &t->follow)) {
		a->wpm_estimate = t->follow.wpm_words;
		a->wpm_source = WPM_WORDS;
		a->syllables_per_word = a->syllables_per_min / a->wpm_estimate;
	}
}

const struct story *take_heard_story(const struct take *t)
{
	return follow_heard_story(take_follow_result(t), t->follow_any, t->nfollow_any);
}

void take_drop_follow(struct take *t, const char *why)
{
	if (!t->live || t->ended)
		return;
	t->follow_dropped = true; /* stopped in take_end, once the writer is */
	snprintf(t->follow_note, sizeof t->follow_note, "%s", why);
}

int take_end(struct take *t, const struct take_env *env, enum attempt_status status,
	     const char *reason, char *errbuf)
{
	if (t->ended)
		return 0;
	double since = monotonic_s();
	t->ended = true;
	t->status = status;
	snprintf(t->reason, sizeof t->reason, "%s", reason ? reason : "");
	finish_recording(t);
	collect_follow(t, since);
	const struct category *cat = NULL;
	if (t->pick->question)
		cat = &env->bank->cats[t->pick->question->first_cat];
	else
		cat = &env->bank->cats[t->pick->match.category];
	struct take_facts facts = {.analysis = t->has_analysis ? &t->result.analysis : NULL,
				   .category = cat,
				   .marks = t->marks,
				   .duration_s = t->duration_s,
				   .limit_s = env->limit_s,
				   .cut_off = t->status == ATTEMPT_CUT_OFF,
				   .follow_up = attempt_mode_is_follow_up(env->mode),
				   .follow = take_follow_result(t)};
	feedback_build(&facts, &t->feedback);
	struct attempt_end e = {.status = t->status,
				.reason = t->reason[0] ? t->reason : NULL,
				.duration_s = t->duration_s,
				.overflows = (long long)t->result.overflows,
				.dropped_frames = (long long)t->result.dropped};
	/* The recording is over: the space set aside is for this write, had
	 * anything filled the disk meanwhile. */
	release_space(t);
	int rc = store_save_end(env->store, t, &e, errbuf);
	/* A failed conversion keeps the WAV and its row as they were. */
	if (rc == 0 && env->keep_flac && t->wav_path)
		attempt_keep_flac(env->store, t->id, &t->wav_path, t->keep_note);
	return rc;
}

int take_discard(struct take *t, const struct take_env *env, char *errbuf)
{
	if (!t->ended && take_end(t, env, ATTEMPT_STOPPED, "discarded", errbuf) < 0)
		return -1;
	return attempt_delete(env->store, t->id, NULL, errbuf);
}

void take_free(struct take *t)
{
	if (t->rec) {
		struct recorder_result r;
		recorder_finish(t->rec, &r);
		analysis_free(&r.analysis);
	}
	follow_live_abort(t->live); /* after the recorder: its writer taps into it */
	free(t->follow_any);	    /* after the follower, which reads it */
	if (t->has_analysis)
		analysis_free(&t->result.analysis);
	if (t->follow_state == FOLLOW_DONE)
		follow_result_free(&t->follow);
	release_space(t);
	free(t->wav_path);
	memset(t, 0, sizeof *t);
}

/* Recovery: read back what an interrupted take left on disk. */
struct recovered {
	long long ids[64];
	char *paths[64]; /* in the data folder; NULL: none, or refused[] says why */
	char *refused[64];
	int n;
	const struct store *store;
};

static int collect_orphan(const struct attempt_row *r, void *ctx)
{
	struct recovered *rv = ctx;
	/* Still recording here or in another rehearse? Not ours to touch. */
	if (attempt_is_live(r) || r->pid == (long long)getpid())
		return 0;
	if (rv->n < 64) {
		rv->ids[rv->n] = r->id;
		rv->refused[rv->n] = NULL;
		if (r->wav_name && !r->wav_path) {
			char why[ERRBUF_SIZE];
			attempt_wav_refusal(rv->store, r, why, sizeof why);
			rv->refused[rv->n] = xstrdup(why);
		}
		rv->paths[rv->n++] = r->wav_path ? xstrdup(r->wav_path) : NULL;
	}
	return 0;
}

/* What recovery will read: a regular file (never a link, FIFO or device,
 * which could hang or point elsewhere) at a rate and length a recording of
 * ours could have. Anything else is reported, not analysed, so one odd
 * file can never stop rehearse from starting. 0: read it; 1: the file is
 * empty (killed before the first write); -1: refused, why says so. A
 * take is never longer than ANALYSIS_MAX_S (take_start). */
static int recover_probe(const char *path, double *seconds, char *why)
{
	*seconds = 0;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return set_err(why, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return set_err(why, "%s: not a regular file", path);
	}
	if (st.st_size == 0) { /* the name was claimed, nothing written yet */
		close(fd);
		return 1;
	}
	SF_INFO info = {0};
	SNDFILE *sf = sf_open_fd(fd, SFM_READ, &info, SF_TRUE);
	if (!sf)
		return set_err(why, "%s: %s", path, sf_strerror(NULL));
	sf_close(sf);
	if (info.frames == 0) /* killed between the header and the first audio */
		return 1;
	if (info.samplerate < REHEARSE_MIN_RATE || info.samplerate > REHEARSE_MAX_RATE)
		return set_err(why, "%s: %d Hz is not a rate rehearse records at", path,
			       info.samplerate);
	*seconds = (double)info.frames / info.samplerate;
	if (*seconds > ANALYSIS_MAX_S)
		return set_err(why, "%s: %.0f s is longer than any take (at most %d s)", path,
			       *seconds, ANALYSIS_MAX_S);
	return 0;
}

/* A row with no file to read back: timer-only, or naming something that
 * is not a recording of the folder (settled, and nothing it names is
 * touched). */
static int recover_without_file(struct store *s, long long id, const char *refused,
				char *errbuf)
{
	char reason[ERRBUF_SIZE + 128];
	struct attempt_end e = {.status = ATTEMPT_INTERRUPTED,
				.reason = "rehearse stopped during a timer-only take"};
	if (refused) {
		snprintf(reason, sizeof reason, "rehearse stopped during the take, and %s",
			 refused);
		e.status = ATTEMPT_FAILED;
		e.reason = reason;
	}
	return store_attempt_finish(s, id, &e, errbuf);
}

/* A killed take's leftover in the folder (its set-aside space, or its
 * file when nothing was written), removed unless another row names the
 * same recording: a take in another process may be just starting in it. */
static void remove_leftover(struct store *s, long long id, const char *name)
{
	bool shared = true;
	char ignored[ERRBUF_SIZE];
	if (store_wav_shared(s, id, &shared, ignored) == 0 && !shared)
		attempt_unlink_file(s, name);
}

static int recover_one(struct store *s, long long id, const char *path, const char *refused,
		       char *errbuf)
{
	struct attempt_end e = {.status = ATTEMPT_FAILED};
	char why[ERRBUF_SIZE], reason[ERRBUF_SIZE + 128];
	if (refused || !path)
		return recover_without_file(s, id, refused, errbuf);
	const char *name = strrchr(path, '/') + 1; /* path is s->dir/name */
	char *reserve = reserve_path(name); /* a killed take's set-aside space */
	remove_leftover(s, id, reserve);
	free(reserve);
	double seconds;
	int probe = recover_probe(path, &seconds, why);
	if (probe > 0) {
		e.status = ATTEMPT_INTERRUPTED;
		e.reason = "rehearse stopped before anything was recorded";
		remove_leftover(s, id, name);
		if (store_attempt_finish(s, id, &e, errbuf) < 0)
			return -1;
		return store_attempt_forget_wav(s, id, errbuf);
	}
	if (probe < 0) {
		snprintf(reason, sizeof reason,
			 "rehearse stopped during the take and the recording could not be "
			 "read back: %s",
			 why);
		e.reason = reason;
		return store_attempt_finish(s, id, &e, errbuf);
	}
	/* Settle the row before analysing: should the analysis ever fail
	 * badly, the next start does not try this file again. */
	e.duration_s = seconds;
	snprintf(reason, sizeof reason,
		 "rehearse stopped during the take; %.1f s were recovered but not analysed",
		 seconds);
	e.status = ATTEMPT_INTERRUPTED;
	e.reason = reason;
	if (store_attempt_finish(s, id, &e, errbuf) < 0)
		return -1;
	struct audio_buf info;
	struct analysis an;
	if (audio_analyze_file(path, &info, &an, why) < 0)
		return 0; /* the row already says so */
	e.duration_s = info.sample_rate ? (double)info.frames / info.sample_rate : 0;
	snprintf(reason, sizeof reason, "rehearse stopped during the take; %.1f s were recovered",
		 e.duration_s);
	int rc = store_attempt_finish(s, id, &e, errbuf);
	if (rc == 0)
		rc = store_save_analysis(s, id, &an, NULL, errbuf);
	analysis_free(&an);
	return rc;
}

int take_recover(struct store *s, char *errbuf)
{
	struct recovered rv = {.store = s};
	struct history_query q = {.status = ATTEMPT_RECORDING, .oldest_first = true};
	int rc = store_each_attempt(s, &q, collect_orphan, &rv, errbuf);
	int done = 0;
	for (int i = 0; i < rv.n; i++) {
		if (rc == 0 && recover_one(s, rv.ids[i], rv.paths[i], rv.refused[i], errbuf) == 0)
			done++;
		else
			rc = -1;
		free(rv.paths[i]);
		free(rv.refused[i]);
	}
	return rc < 0 ? -1 : done;
}
