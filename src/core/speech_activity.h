/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_activity.h - where the speech is (private to src/core; used by
 * analysis.c and nuclei.c).
 *
 * Speech is decided per frame in the low band against a noise floor
 * followed through the take, grown at word edges where the fricatives are,
 * and then kept only where syllable nuclei show it is speech. Times are in
 * seconds from the start of the take. Pure functions: no I/O, no globals;
 * allocation failures abort (util.h's xmalloc). */
#ifndef REHEARSE_SPEECH_ACTIVITY_H
#define REHEARSE_SPEECH_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "dsp.h"
#include "rehearse/analysis.h"

/* Speech segments, in time order, not overlapping. */
struct segs {
	struct pause *v; /* reused as [start, end) of speech */
	size_t n, cap;
};

/* The raw speech segments of the contours into s (appended; s starts
 * empty): the runs of activity in the voice band, edges not grown. Sets
 * out->noise_floor_dbfs. Leaves s empty when the low band's range is
 * under p->min_snr_db: no speech. */
void speech_activity(const struct contours *c, const struct analysis_params *p,
		     struct analysis *out, struct segs *s);

/* What frication grows a word's edge: first-difference energy margin dB
 * over its floor and at least weakest; before a word, or after a long
 * closure, at least strong as well; never over the frames barred (NULL:
 * none). */
struct edge_levels {
	double *floor;
	double margin;
	double strong;
	double weakest;
	const bool *barred;
};

/* The edge levels of the contours (free .floor when done). */
struct edge_levels edge_levels(const struct contours *c, const struct analysis_params *p);
/* Grow the edges of the runs in s over the frication beside them. */
void grow_edges(const struct contours *c, const struct edge_levels *e, struct segs *s);
/* A copy of s (its own storage). */
struct segs segs_copy(const struct segs *s);

/* Speech level (dBFS): mean of power[] (one per HOP_S frame, nf frames)
 * over the frames inside s; ANALYSIS_FLOOR_DB if there are none. */
double speech_rms(const double *power, size_t nf, const struct segs *s);

/* Whether t falls inside one of s's segments. */
bool in_speech(const struct segs *s, double t);

/* The steps after the syllable nuclei are known (a->syllable_times, in
 * time order), in the order analysis.c runs them: drop_empty_runs and
 * trim_swells on the raw runs, grow_edges (barring the swells),
 * clean_segments, keep_voiced_segments, then first_word_start. */

/* Drop runs of activity long enough to hold a nucleus that hold none. */
void drop_empty_runs(struct segs *s, const struct analysis *a);
/* Cut the swells of noise off the ends of the runs in s with nuclei: true
 * in the array returned (one per frame; free it) for the frames cut. */
bool *trim_swells(struct segs *s, const struct contours *c, const struct analysis *a);
/* Merge gaps shorter than min_pause, then drop segments shorter than
 * min_speech. */
void clean_segments(struct segs *s, double min_pause, double min_speech);
/* Keep the segments with a clearly voiced nucleus (strength[j] is nucleus
 * j's voicing) and enough nuclei for their length; the nuclei outside the
 * kept segments are dropped from a, and from strength, which stays in step. */
void keep_voiced_segments(struct segs *s, struct analysis *a, double *strength);
/* Where the first word starts in raw (the grown runs, before
 * clean_segments): the start of the run holding the first clearly voiced
 * nucleus, or of the runs before it closer than a short gap; 0 if there is
 * none or the nucleus lies in no run of raw. */
double first_word_start(const struct segs *raw, const struct analysis *a, const double *strength);

#endif
