/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_rec.c - the take screen's record phase: the take runs (take.h),
 * the countdown, level and STAR marks, and the stop question asked on
 * the screen while recording goes on. Its state is struct rec_state. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "rehearse/metrics.h"
#include "ui_take.h"

static const struct ui_binding rec_keys[], stop_keys[];

static void fill_summary(struct take_screen *t)
{
	struct take *k = &t->take;
	struct take_summary *sum = t->sum;
	sum->done = true;
	const struct analysis *a = &k->result.analysis;
	struct take_meaning m = take_meaning(k->status, k->has_analysis, a->has_speech, a->speech_s,
					     k->duration_s, take_limit(t));
	snprintf(sum->status, sizeof sum->status, "%s", m.status);
	sum->heard = m.heard;
	sum->pace_known = m.pace_known;
	sum->duration_s = k->duration_s;
	sum->has_stats = m.heard;
	if (sum->has_stats) {
		metric_copy(&sum->stats, &k->result.analysis);
	}
	sum->attempt_id = k->id;
	sum->has_wav = k->wav_path != NULL;
	sum->cut_off = k->status == ATTEMPT_CUT_OFF;
	sum->shape = k->feedback.shape;
	sum->shape_heard = k->feedback.heard;
	/* Weakest first: nothing heard, an answer not finished, then the
	 * most warnings. */
	sum->weakness = !m.heard ? 90 : k->status == ATTEMPT_COMPLETE && !m.over ? 0 : 50;
	for (int i = 0; i < k->feedback.n; i++)
		sum->weakness += !k->feedback.notes[i].good;
	take_weak_points(&m, k->status, &k->feedback, sum->why, sizeof sum->why);
}

bool take_begin_rec(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	if (take_start(&t->take, t->env, t->p, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
		return false;
	}
	t->started = true;
	take_set_phase(t, REC);
	t->meter.silent_since = 0;
	t->msg[0] = '\0';
	if (t->take.note[0]) {
		snprintf(t->msg, sizeof t->msg, "%s", t->take.note);
		t->msg_attr = ui_attr(C_WARN);
	}
	return true;
}

void take_end_rec(struct take_screen *t, enum attempt_status status, const char *reason)
{
	char errbuf[ERRBUF_SIZE];
	t->msg[0] = '\0'; /* a word about the take (a refused mark) ends with it */
	if (take_end(&t->take, t->env, status, reason, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "the history row could not be saved: %s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
	} else if (t->take.keep_note[0]) { /* keep-as = flac failed: the WAV stays */
		snprintf(t->msg, sizeof t->msg, "kept as WAV: %s", t->take.keep_note);
		t->msg_attr = ui_attr(C_WARN);
	}
	take_set_phase(t, RESULT);
	t->result.first_note = 0;
	t->result.rating = 0; /* a new take: not critiqued yet */
	t->result.note[0] = '\0';
	fill_summary(t);
	take_load_compare(t);
}

static void discard_take(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	bool gone = take_discard(&t->take, t->env, errbuf) == 0;
	take_free(&t->take);
	t->started = false;
	snprintf(t->msg, sizeof t->msg, "%s%s", gone ? "take discarded" : "could not discard the take: ",
		 gone ? "" : errbuf);
	t->msg_attr = ui_attr(gone ? C_DIM : C_URGENT);
	take_begin_prep(t);
}

/* The card follows the part being told: drawn again when the clock
 * moves the guess on or the follower hears the words reach another part
 * (a mark is a key, which redraws anyway). */
static void follow_told_part(struct take_screen *t)
{
	enum told_how how;
	int told = take_told_part(t, &how), seen = told < 0 ? -1 : told * 3 + (int)how;
	if (seen != t->card_told) {
		t->card_told = seen;
		t->ui.dirty = true;
	}
}

static void rec_tick(struct take_screen *t)
{
	take_poll(&t->take, &t->meter.live);
	follow_told_part(t);
	if (t->meter.live.failed)
		take_end_rec(t, ATTEMPT_FAILED, t->meter.live.reason);
	else if (t->meter.live.elapsed >= t->env->max_s) /* cut off, if still speaking */
		take_end_rec(t, ATTEMPT_CUT_OFF, NULL);
	else
		take_track_silence(t);
}

static struct ui_action key_end(void *self, int key)
{
	(void)key;
	take_end_rec(self, ATTEMPT_COMPLETE, NULL);
	return ui_stay();
}

/* The keys of the STAR marks, in section order (strchr and the
 * subtraction in one array). */
static const char star_keys[] = "star";

/* A refused mark (out of order) says why; a good one clears that. */
static struct ui_action key_mark(void *self, int key)
{
	struct take_screen *t = self;
	char why[ERRBUF_SIZE];
	if (take_mark(&t->take, (int)(strchr(star_keys, key) - star_keys), why, sizeof why) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", why);
		t->msg_attr = ui_attr(C_WARN);
	} else if (t->msg_attr == ui_attr(C_WARN) && strstr(t->msg, " not marked: ")) {
		t->msg[0] = '\0';
	}
	return ui_stay();
}

/* The stop question is asked on this screen, not over it, so the clock
 * and the limit keep running while it is up: recording goes on, and the
 * question says so. */
static struct ui_action key_stop(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->rec.asking = true;
	t->ui.keys = stop_keys;
	return ui_stay();
}

static struct ui_action stop_answer(void *self, int key)
{
	struct take_screen *t = self;
	t->rec.asking = false;
	t->ui.keys = rec_keys;
	if (key == 'k')
		take_end_rec(t, ATTEMPT_STOPPED, "you stopped it early");
	else if (key == 'd')
		discard_take(t);
	return ui_stay();
}

/* Marks go forward: S T A R, any may be skipped (see take_mark). */
/* The clock runs while recording, and a screen over this one would stop
 * it being watched: help waits for the result card. */
static struct ui_action key_no_help(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	snprintf(t->msg, sizeof t->msg, "help (?) once the answer is done: the clock is running");
	t->msg_attr = ui_attr(C_DIM);
	return ui_stay();
}

static const struct ui_binding rec_keys[] = {
	{{' '}, "Space end answer", key_end, NULL, 0},
	{{'s', 't', 'a', 'r'}, "s t a r mark a part (in order)", key_mark, NULL, 0},
	{{'h'}, "h/f card", take_key_hide, NULL, 0},
	{{'f'}, NULL, take_key_full, NULL, 0},
	{{'q', 27}, "q stop", key_stop, NULL, 0},
	{{KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE}, NULL, take_key_scroll, NULL, 0},
	{{'?'}, NULL, key_no_help, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_binding stop_keys[] = {
	{{'k'}, "k keep the recording", stop_answer, NULL, 0},
	{{'d'}, "d discard it", stop_answer, NULL, 0},
	{{'c', 27}, "c carry on", stop_answer, NULL, 0},
	UI_END_KEYS,
};

const struct take_phase take_rec_phase = {
	"recording", take_draw_live, rec_tick, rec_keys, UI_TICK_MS * 2};
