/* dsp.h - the analysis' numeric helpers and per-frame contours (private to
 * src/core; used by analysis.c, speech_activity.c and nuclei.c).
 *
 * The analysis looks at one working signal at WORK_RATE in frames of
 * HOP_S, whatever the input rate; syllable nuclei are looked for in the
 * same signal decimated to SYLLABLE_RATE. Pure functions: no I/O, no
 * globals; allocation failures abort (util.h's xmalloc). */
#ifndef REHEARSE_DSP_H
#define REHEARSE_DSP_H

#include <math.h>
#include <stddef.h>

#include "rehearse/analysis.h"

#define HOP_S 0.010
/* Every rate is resampled to this before analysis, so a device at 44.1 kHz
 * and one at 48 kHz give the same figures. */
#define WORK_RATE 16000
#define SYLLABLE_RATE 8000

/* Power to dB, never under ANALYSIS_FLOOR_DB. Inline: it sits in the
 * inner loops of every module. */
static inline double to_db(double power)
{
	double db = 10.0 * log10(power + 1e-30);
	return db < ANALYSIS_FLOOR_DB ? ANALYSIS_FLOOR_DB : db;
}

/* The q-quantile of v[0..n) (linear interpolation), by selection: O(n);
 * v is left as it was. ANALYSIS_FLOOR_DB when n is 0. */
double quantile(const double *v, size_t n, double q);

/* Per-frame contours (one frame every HOP_S) and the 8 kHz signal the
 * syllable nuclei are looked for in. */
struct contours {
	size_t nf;
	double *low;   /* 150-1000 Hz energy, dB: where a voice stands out */
	double *diff;  /* first-difference energy, dB: keeps fricatives */
	double *power; /* mean square of the working signal */
	float *y;      /* high-passed, at SYLLABLE_RATE */
	size_t ny;
};

/* All contours of nf frames from the working signal w (nw samples at
 * WORK_RATE, nf >= 1), which becomes the 8 kHz signal of the syllable
 * stage: c->y points into w, decimated over it (w is not needed after).
 * Free with contours_free, which leaves w to its owner. */
void contours_compute(float *w, size_t nw, size_t nf, struct contours *c);
void contours_free(struct contours *c);

#endif
