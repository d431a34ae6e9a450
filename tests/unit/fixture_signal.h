/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture_signal.h - synthetic signals for the analysis tests: a
 * "speaker" of voiced bursts with a long pause, and noise to add. */
#ifndef REHEARSE_FIXTURE_SIGNAL_H
#define REHEARSE_FIXTURE_SIGNAL_H

#include <math.h>
#include <stdlib.h>

#include "rehearse/util.h"

/* A synthetic "speaker": voiced bursts (120 Hz with harmonics) of 160 ms
 * every 250 ms, in two groups of ten separated by a 1.5 s gap, starting at
 * 0.6 s. Made at any rate, it must give the same answer. */
static inline float *synth_bursts(int rate, double amp, size_t *n)
{
	double dur = 0.6 + 10 * 0.25 + 1.5 + 10 * 0.25 + 0.8;
	*n = (size_t)(dur * rate);
	float *x = xcalloc(*n, sizeof *x);
	for (int g = 0; g < 2; g++)
		for (int k = 0; k < 10; k++) {
			double t0 = 0.6 + g * (2.5 + 1.5) + k * 0.25;
			for (size_t i = (size_t)(t0 * rate); i < (size_t)((t0 + 0.16) * rate); i++) {
				double t = (double)i / rate, env = sin(M_PI * (t - t0) / 0.16);
				double v = 0;
				for (int h = 1; h <= 8; h++)
					v += sin(2 * M_PI * 120 * h * t) / h;
				x[i] = (float)(amp * env * v / 2.0);
			}
		}
	return x;
}

/* A voice that never stops voicing between syllables (a run of nasals
 * and glides, as flite's slt reads them): phrases of `per` syllables, 4 a
 * second, 0.6 s apart, starting at 0.5 s. The fundamental f0 holds
 * steady through each phrase; only harmonics 3 to 15 (the vowels'
 * formants) swell and fade with each syllable, by 20 dB. At 200 Hz most
 * of the energy is the fundamental's, so the whole band dips about 1 dB
 * between syllables; at 110 Hz the 150 Hz high-pass takes it out. */
static inline float *synth_legato(int rate, double f0, int phrases, int per, size_t *n)
{
	double len = per * 0.25, dur = 0.5 + phrases * (len + 0.6) + 0.5;
	*n = (size_t)(dur * rate);
	float *x = xcalloc(*n, sizeof *x);
	for (int g = 0; g < phrases; g++) {
		double t0 = 0.5 + g * (len + 0.6);
		for (size_t i = (size_t)(t0 * rate); i < (size_t)((t0 + len) * rate); i++) {
			double t = (double)i / rate, u = t - t0;
			double edge = fmin(1, fmin(u, len - u) / 0.03);
			double swell = 0.1 + 0.9 * pow(sin(M_PI * fmod(u, 0.25) / 0.25), 2);
			double v = sin(2 * M_PI * f0 * t);
			for (int h = 3; h <= 15; h++)
				v += 0.08 * swell * sin(2 * M_PI * f0 * h * t + h);
			x[i] = (float)(0.2 * edge * v);
		}
	}
	return x;
}

static inline void add_noise(float *x, size_t from, size_t to, double amp, unsigned seed)
{
	for (size_t i = from; i < to; i++)
		x[i] += (float)(amp * ((double)rand_r(&seed) / RAND_MAX - 0.5));
}

#endif
