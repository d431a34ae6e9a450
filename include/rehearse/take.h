/* SPDX-License-Identifier: GPL-3.0-or-later */
/* take.h - one recorded answer from start to stored result, without any
 * screen: the history row, the recorder, the marks, the statistics and the
 * feedback. The screens drive it; the tests drive it with a fake backend.
 *
 * Order: take_start, then any number of take_poll / take_mark, then
 * take_end (or take_discard), then take_free. The row is written with
 * status "recording" before the first sample and completed by take_end. */
#ifndef REHEARSE_TAKE_H
#define REHEARSE_TAKE_H

#include "rehearse/engine.h"
#include "rehearse/feedback.h"
#include "rehearse/follow_live.h"
#include "rehearse/recorder.h"
#include "rehearse/store.h"
#include "rehearse/story_text.h"

struct take_env {
	struct store *store;
	struct audio_backend *audio; /* NULL: timer only, nothing recorded */
	const struct bank *bank;
	const char *data_dir;
	const char *device;
	int rate;
	double limit_s;
	double max_s;	    /* the take ends here (the limit, or twice it with overtime) */
	const char *mode;   /* practice, round, pivot */
	long long round_id; /* 0: none */
	bool keep_flac;	    /* keep-as = flac: convert once the take has ended */
	bool story_follow;  /* follow the told story (setting story-follow) */
};

/* What became of following the story during a take (issue 18): the card
 * says a plain word for each state but DONE. */
enum follow_state {
	FOLLOW_OFF,	  /* turned off: story-follow = no, --no-story-follow */
	FOLLOW_NOT_BUILT, /* this rehearse was built without PocketSphinx */
	FOLLOW_NO_STORY,  /* no story with STAR sections to follow */
	FOLLOW_FAILED,	  /* the follower could not run: follow_note says why */
	FOLLOW_DONE,	  /* follow holds the result (followed or not) */
};

struct take_live {
	double elapsed; /* by the audio clock, or the wall clock when timer-only */
	float peak, rms;
	uint64_t overflows, dropped;
	bool failed; /* the take must end: see reason */
	char reason[ERRBUF_SIZE];
};

struct take {
	const struct pick *pick;
	long long id;
	char *wav_path;
	char *reserve; /* space set aside for the row (WAV_PATH.reserve) */
	struct recorder *rec;
	double t0;
	bool ended;
	struct star_marks marks;
	char note[ERRBUF_SIZE]; /* e.g. a refused sample rate */
	char keep_note[ERRBUF_SIZE]; /* why a keep-as = flac conversion failed */
	/* The outcome, after take_end. */
	enum attempt_status status;
	char reason[ERRBUF_SIZE];
	double duration_s;
	bool has_analysis;
	struct recorder_result result;
	struct feedback feedback;
	/* The story follower's answer, after take_end (during the take the
	 * state is FOLLOW_FAILED while live runs: the answer is not in yet). */
	enum follow_state follow_state;
	struct follow_result follow; /* FOLLOW_DONE only; freed by take_free */
	bool follow_dropped; /* take_drop_follow: stop it, do not wait */
	char follow_note[ERRBUF_SIZE];
	/* The follower during the take (NULL: none runs), how it kept up,
	 * and the seconds from take_end's start to its answer. */
	struct follow_live *live;
	struct follow_live_stats follow_stats;
	double follow_wait_s;
	/* The card shows no story: the follower listens for all the bank's
	 * stories (owned array; NULL: the card's story, or none). */
	const struct story **follow_any;
	size_t nfollow_any;
};

int take_start(struct take *t, const struct take_env *env, const struct pick *p, char *errbuf);
void take_poll(struct take *t, struct take_live *live);
/* Mark where a STAR part begins, at the current elapsed time. Marks go
 * forward in S T A R order, so the parts are always in time order: a part
 * may be skipped, and the latest one marked again (it moves), but a part
 * before one already marked is refused: -1 with why (n bytes) saying so. */
int take_mark(struct take *t, int section, char *why, size_t n);
/* Speech this close to the end of a take the clock ended means the
 * person was cut off mid-answer. */
#define CUT_OFF_GAP_S 1.0
#define TAKE_CUT_OFF_REASON "time ran out while you were still speaking"

/* status: complete or stopped; cut-off when the clock ended it (it
 * becomes complete unless speech was heard within CUT_OFF_GAP_S of the
 * end); a recorder failure overrides it. */
int take_end(struct take *t, const struct take_env *env, enum attempt_status status,
	     const char *reason, char *errbuf);
/* Stop following the story without waiting for its answer (the take is
 * ending on a signal: the recording and its row come first, at once);
 * the card would say why (FOLLOW_FAILED). Before take_end. */
void take_drop_follow(struct take *t, const char *why);
/* The follower's result once it answered (FOLLOW_DONE), else NULL. */
static inline const struct follow_result *take_follow_result(const struct take *t)
{
	return t->follow_state == FOLLOW_DONE ? &t->follow : NULL;
}
/* During the take: the part the follower has heard the telling reach
 * (a pause ends each look), -1 when it cannot say yet or is off. */
static inline int take_heard_part(const struct take *t)
{
	return follow_live_part(t->live);
}
/* When the card showed no story and the follower listened for the
 * bank's: the story it heard, or NULL (none was, or the card had one). */
const struct story *take_heard_story(const struct take *t);
/* Delete the row and its recording (attempt_delete): the person chose not
 * to keep it. */
int take_discard(struct take *t, const struct take_env *env, char *errbuf);
void take_free(struct take *t);

/* At start-up: rows still "recording" whose process is gone are completed
 * from their WAV file as "interrupted", or "failed" with the reason when
 * the file cannot be read back (missing, not a regular file, a link, a
 * rate or length no take has). Each row is settled before its file is
 * analysed, so no file is tried twice. Returns how many, or -1. */
int take_recover(struct store *s, char *errbuf);

#endif
