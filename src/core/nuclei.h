/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nuclei.h - syllable nuclei after de Jong & Wempe (2009) (private to
 * src/core; used by analysis.c).
 *
 * A nucleus is a peak of the intensity contour of the 8 kHz signal, inside
 * speech, prominent enough and voiced. Pure: no I/O, no globals;
 * allocation failures abort (util.h's xmalloc). */
#ifndef REHEARSE_NUCLEI_H
#define REHEARSE_NUCLEI_H

#include "dsp.h"
#include "rehearse/analysis.h"
#include "speech_activity.h"

/* A candidate nucleus: an intensity peak inside speech at t (its frame's
 * centre; tpeak interpolated), and, once nuclei_voice has seen it, its
 * voicing v (normalised autocorrelation, 0 to 1) and whether it is voiced
 * enough. The voicing looks at the 8 kHz signal from lo (the first sample
 * this or any later candidate needs) up to hi. */
struct nucleus {
	double t, tpeak, v;
	bool voiced;
	size_t lo, hi;
};

/* The candidates in c->in (c->nf frames of HOP_S, c->ny samples at
 * SYLLABLE_RATE) at or over thr that fall inside speech, in time order,
 * into *out (the caller frees it); returns how many. Uses p->min_dip_db. */
size_t nuclei_candidates(const struct contours *c, const struct segs *speech,
			 const struct analysis_params *p, double thr, struct nucleus **out);
/* The voicing of candidates from, from+1, ... whose samples lie inside
 * y[0..len), which holds samples off to off+len of the high-passed 8 kHz
 * signal (ny samples in all); returns the first candidate not done. So
 * the signal can be passed whole or piece by piece. */
size_t nuclei_voice(struct nucleus *k, size_t from, size_t n, const float *y, size_t off,
		    size_t len, size_t ny, double threshold);
/* The voiced candidates, appended in time order to out->syllable_times
 * (out->syllables counts them; both start empty), and each one's voicing
 * to *strength (NULL on entry; the caller frees it). */
void nuclei_keep(const struct nucleus *k, size_t n, struct analysis *out, double **strength);

#endif
