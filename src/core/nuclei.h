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
 * centre; tpeak interpolated) of c->in, or of c->in_hi when high, and,
 * once nuclei_voice has seen it, its voicing v (normalised
 * autocorrelation, 0 to 1), the pitch f0 that is at (Hz; 0 if none) and
 * whether it is voiced enough. The voicing looks at the 8 kHz signal from
 * lo (the first sample this or any later candidate needs) up to hi. */
struct nucleus {
	double t, tpeak, v, f0;
	bool voiced, high;
	size_t lo, hi;
};

/* The candidates in c->in_hi (high) or c->in (c->nf frames of HOP_S,
 * c->ny samples at SYLLABLE_RATE) that fall inside speech, at or over
 * thr[1] (in_hi) or thr[0] (in) and over thr[0] in c->in either way, in
 * time order, into *out (the caller frees it); returns how many. Uses
 * p->min_dip_db. */
size_t nuclei_candidates(const struct contours *c, bool high, const struct segs *speech,
			 const struct analysis_params *p, const double thr[2], struct nucleus **out);
/* The candidates of a (na, which it frees) and b (nb) in one time order
 * into *out, ready for nuclei_voice (the caller frees it); returns
 * na + nb. */
size_t nuclei_merge(struct nucleus *a, size_t na, const struct nucleus *b, size_t nb,
		    struct nucleus **out);
/* The median pitch (Hz) of the voiced candidates of c->in; 0 if none. */
double nuclei_pitch(const struct nucleus *k, size_t n);
/* The voicing of candidates from, from+1, ... whose samples lie inside
 * y[0..len), which holds samples off to off+len of the high-passed 8 kHz
 * signal (ny samples in all); returns the first candidate not done. So
 * the signal can be passed whole or piece by piece. */
size_t nuclei_voice(struct nucleus *k, size_t from, size_t n, const float *y, size_t off,
		    size_t len, size_t ny, double threshold);
/* The voiced candidates of c->in_hi (high) or c->in, appended in time
 * order to out->syllable_times (out->syllables counts them; both start
 * empty), and each one's voicing to *strength (NULL on entry; the caller
 * frees it). */
void nuclei_keep(const struct nucleus *k, size_t n, bool high, struct analysis *out,
		 double **strength);

#endif
