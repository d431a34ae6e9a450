/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screens.h - what the screens share: the session they run in (handed
 * down by the session layer; screens never reach above it) and each
 * screen's constructor. A constructor returns a screen for the driver in
 * ui.h (or NULL when there is nothing to show); screens move between each
 * other only by returning actions to the driver. */
#ifndef REHEARSE_SCREENS_H
#define REHEARSE_SCREENS_H

#include <stdint.h>
#include <stdio.h>

#include "rehearse/engine.h"
#include "rehearse/plan.h"
#include "rehearse/take.h"
#include "ui.h"

/* Everything a screen may use, read-only: the take environment (store,
 * bank, data folder, the audio backend to record with or NULL; a plan
 * adds its mode, limits and round to a copy, plan_take_env), the audio
 * backend to play with (NULL: none), and the options of the run. */
struct session {
	const struct take_opts *opts;
	struct take_env env;
	struct audio_backend *audio;
	char audio_err[ERRBUF_SIZE]; /* why audio is NULL */
	bool from_home; /* "back to the menu" makes sense */
	bool have_input; /* the home menu: a microphone was found */
	double between_s; /* a round's pause between questions */
};

/* What a take, a round's pause or its summary pops with: go on, take it
 * again, skip it (practice: draw another), to the menu, back to the
 * screen that opened the plan, quit the program. */
enum outcome { OUT_NEXT, OUT_RETRY, OUT_SKIP, OUT_MENU, OUT_BACK, OUT_QUIT };

/* Summary of one answered question, for the end of a round. */
struct take_summary {
	const struct pick *pick;
	bool done;
	char status[16];
	double duration_s;
	struct analysis stats; /* the figures (metric_copy), when has_stats */
	bool has_stats;
	long long attempt_id; /* 0: not stored */
	bool has_wav, cut_off;
	bool heard, pace_known; /* take_meaning (feedback.h), as every screen */
	int weakness;	       /* higher: more to work on (see fill_summary) */
	char why[64];	       /* take_weak_points: "cut off, 3 target misses" */
	struct star_shape shape; /* the STAR split (feedback.h), keys and heard starts */
	unsigned shape_heard;	 /* bit (1 << part): its start was heard, not pressed */
};

/* The home menu (`rehearse` with no command); pops with 0. */
struct ui_screen *screen_home(const struct session *s);
/* A plan (practice, round, pivot; plan.h): each pick's take, the pauses
 * between and a round's summary. The plan is copied; its history_err is
 * shown on the first take's message line. NULL when it has no picks.
 * Pops with an outcome. */
struct ui_screen *screen_plan(const struct session *s, const struct plan *p);
/* One question of a plan run in env (plan_take_env): prepare, record,
 * result card; fills *sum when answered. note: for the message line, or
 * NULL. */
struct ui_screen *screen_take(const struct session *s, const struct take_env *env,
			      enum plan_mode mode, const struct pick *p, int index, int count,
			      struct take_summary *sum, const char *note);
/* Playback of a recording with its waveform, marks and pauses. */
struct ui_screen *screen_play(const struct session *s, long long attempt_id);
/* Two takes back to back (a retry against the take before it): the first,
 * then the second in its place. */
struct ui_screen *screen_play_pair(const struct session *s, long long first_id, long long then_id);
/* Rate an attempt, tick its category's checklist, write a note. NULL if
 * the attempt cannot be read. Pops with 0 when saved, -1 when cancelled. */
struct ui_screen *screen_critique(const struct session *s, long long attempt_id);
/* A read-only, scrollable page of text (tables are cut, not wrapped). */
struct ui_screen *screen_text(const char *title, const char *text);
/* A report rendered into memory for width columns, shown as text (and
 * rendered again when the terminal is resized). */
struct ui_screen *screen_report(const char *title,
				void (*render)(const struct session *, FILE *, int width),
				const struct session *s);
/* The end-of-round table: pops OUT_RETRY with *retry set to the weakest
 * answer's index when the person asks to retry it. follow_ups (n
 * entries, or NULL): each answer's follow-up take, shown under it when
 * its pick is set. */
struct ui_screen *screen_round_summary(const struct session *s, enum plan_mode mode,
				       const struct take_summary *sums, size_t n,
				       const struct take_summary *follow_ups, size_t *retry);
/* A short pause between questions of a round. */
struct ui_screen *screen_between(const struct session *s, enum plan_mode mode,
				 const struct pick *next, int index, int count);
/* The story bank list (pivot_only: choose a story for the pivot drill). */
struct ui_screen *screen_bank(const struct session *s, struct rng *r, bool pivot_only);
/* The history list. */
struct ui_screen *screen_history(const struct session *s);

#endif
