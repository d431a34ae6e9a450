/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include <stdbool.h>
#include <stddef.h>

#include "rehearse/analysis.h"

#define HOP_S 0.010
/* Every rate is resampled to this before analysis, so a device at 44.1 kHz
 * and one at 48 kHz give the same figures. */
#define WORK_RATE 16000
#define SYLLABLE_RATE 8000
/* in_hi's high-pass: well over a high voice's fundamental (dsp.c). */
#define HIGH_VOICE_HZ 400.0

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
/* The same, reordering v instead of copying it (a take's worth of
 * frames is megabytes). */
double quantile_reorder(double *v, size_t n, double q);

/* Per-frame contours (one frame every HOP_S) and the 8 kHz signal the
 * syllable nuclei are looked for in. */
struct contours {
	size_t nf;
	double *low;   /* 150-1000 Hz energy, dB: where a voice stands out */
	double *diff;  /* first-difference energy, dB: keeps fricatives */
	double *power; /* mean square of the working signal */
	double *in;    /* intensity of the 8 kHz signal (64 ms Hann), dB */
	double *in_hi; /* the same over HIGH_VOICE_HZ: a high voice's nuclei */
	size_t cap;    /* room in each of the five */
	bool oom;      /* memory ran out: the contours are incomplete */
	float *y;      /* high-passed, at SYLLABLE_RATE, if kept (else NULL) */
	size_t ny;     /* samples of it, kept or not */
};
void contours_free(struct contours *c);

/* A second-order section (RBJ cookbook). */
struct biquad {
	double b0, b1, b2, a1, a2, x1, x2, y1, y2;
};

/* The front end, fed the working signal at WORK_RATE piece by piece:
 * decimates it to SYLLABLE_RATE and high-passes that, handing each piece
 * of the high-passed signal to sink, and (with features) builds the
 * per-frame contours into c, all of it in a window of a few frames, so
 * memory does not grow with the take but for the contours. The figures
 * are those of the same steps run over the whole signal at once. */
struct front {
	bool features;
	void (*sink)(void *ctx, const float *y, size_t n);
	void *ctx;
	struct contours c;
	size_t nw;	    /* working samples fed */
	float hop[160];	    /* the working signal's frame being filled */
	size_t nhop;
	double dc;	    /* the DC followed so far */
	float *d;	    /* working samples still needed by the decimator */
	size_t dn, dcap, d0; /* d[0] is sample d0 */
	size_t no;	    /* 8 kHz samples made */
	float h[64];	    /* decimation filter, zeros past its taps */
	struct biquad h1, h2;
	struct biquad v1, v2; /* in_hi's high-pass, after h1 and h2 */
	float raw[81];	    /* this 8 kHz frame before the high-pass, after the last of the one before */
	size_t nraw, nfy;   /* its samples; 8 kHz frames done */
	double *sq;	    /* 1 ms sums of squares still needed, in pairs (all, high) */
	size_t nsq, capsq, sq0, sqdone; /* sq[0] is sum sq0; sqdone made */
	size_t nin;	    /* intensity frames done */
	double iw[65], iwsum;
};
void front_init(struct front *fr, bool features, void (*sink)(void *, const float *, size_t),
		void *ctx);
void front_feed(struct front *fr, const float *w, size_t n);
/* Set aside what pieces of up to `piece` working samples need. */
void front_set_aside(struct front *fr, size_t piece);
/* Room for this many frames from the start (the length is known). */
void front_reserve(struct front *fr, size_t frames);
/* The last samples: afterwards c holds c.nf = ceil(nw / hop) frames. */
void front_flush(struct front *fr);
/* Frees the front but for c (contours_free). */
void front_free(struct front *fr);

#endif
