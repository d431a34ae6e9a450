/* SPDX-License-Identifier: GPL-3.0-or-later */
/* resample.h - exact-ratio resampling for the analysis (private to
 * src/core), and the vector dot products it and the analysis share.
 *
 * Any input rate goes to one output rate by the ratio L/M in lowest terms:
 * a polyphase Blackman-windowed sinc, cut-off at 0.45 of the lower rate's
 * band. Streaming: feed pieces of any size; outputs come as soon as all
 * their taps have arrived, the last ones at flush. */
#ifndef REHEARSE_RESAMPLE_H
#define REHEARSE_RESAMPLE_H

#include <stddef.h>
#include <string.h>

/* Dot product of n floats, n a multiple of 8, in vectors of four (GCC and
 * Clang vector extensions; plain loads and stores through memcpy). */
typedef float v4sf __attribute__((vector_size(16)));

static inline float dot8(const float *a, const float *b, size_t n)
{
	v4sf s0 = {0, 0, 0, 0}, s1 = s0;
	for (size_t i = 0; i < n; i += 8) {
		v4sf a0, a1, b0, b1;
		memcpy(&a0, a + i, sizeof a0);
		memcpy(&a1, a + i + 4, sizeof a1);
		memcpy(&b0, b + i, sizeof b0);
		memcpy(&b1, b + i + 4, sizeof b1);
		s0 += a0 * b0;
		s1 += a1 * b1;
	}
	s0 += s1;
	return (s0[0] + s0[2]) + (s0[1] + s0[3]);
}

/* The same for any n: the last n % 8 one by one. */
static inline float dot8_tail(const float *a, const float *b, size_t n)
{
	size_t body = n / 8 * 8;
	float s = dot8(a, b, body);
	for (size_t i = body; i < n; i++)
		s += a[i] * b[i];
	return s;
}

struct resampler {
	unsigned long long L, M, nout;
	unsigned long long base, phase; /* nout * M = base * L + phase */
	size_t taps, half;
	float *h;	/* L phases of taps coefficients */
	float *buf;	/* pending input; buf[0] is input index buf0 */
	size_t nbuf, capbuf;
	long long buf0;
};

void resampler_init(struct resampler *r, int in, int out);
/* Outputs that in input frames make in all. */
size_t resampler_out_len(const struct resampler *r, size_t in);
/* Append n inputs; write the outputs they complete to out (room for
 * resampler_out_len of everything fed so far); returns how many. */
size_t resampler_run(struct resampler *r, const float *x, size_t n, float *out);
/* The last outputs of in_total inputs, their missing taps taken as zeros. */
size_t resampler_flush(struct resampler *r, size_t in_total, float *out);
void resampler_free(struct resampler *r);

#endif
