/* SPDX-License-Identifier: GPL-3.0-or-later */
/* resample.c - see resample.h. */
#include "resample.h"

#include <math.h>
#include <stdlib.h>

#include "rehearse/util.h"

/* Zero crossings of the sinc on either side: few, because the analysis
 * looks at energy and periodicity, not at fine spectral detail, and a 90 s
 * take must cost no more than reading it (issue 8). Every rate gets the
 * same cut-off in hertz, so the figures do not move with the rate. */
#define RESAMPLE_ZEROS 2.0

static unsigned long long gcd(unsigned long long a, unsigned long long b)
{
	while (b) {
		unsigned long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void resampler_init(struct resampler *r, int in, int out)
{
	memset(r, 0, sizeof *r);
	unsigned long long g = gcd((unsigned long long)in, (unsigned long long)out);
	r->L = (unsigned long long)out / g;
	r->M = (unsigned long long)in / g;
	double fc = 0.45 * (in < out ? in : out) / in; /* cycles per input sample */
	r->half = (size_t)ceil(RESAMPLE_ZEROS / (2 * fc));
	r->taps = (2 * r->half + 7) / 8 * 8; /* taps past 2 * half are zero */
	r->h = xmalloc(r->L * r->taps * sizeof *r->h);
	for (unsigned long long p = 0; p < r->L; p++) {
		float *h = r->h + p * r->taps;
		double sum = 0;
		for (size_t k = 0; k < r->taps; k++) {
			double t = (double)k - (double)r->half + 1 - (double)p / (double)r->L;
			if (k >= 2 * r->half) {
				h[k] = 0;
				continue;
			}
			double u = M_PI * t / (double)r->half;
			double wnd = 0.42 + 0.5 * cos(u) + 0.08 * cos(2 * u);
			double x = 2 * M_PI * fc * t;
			h[k] = (float)((fabs(x) < 1e-9 ? 1.0 : sin(x) / x) * (wnd > 0 ? wnd : 0));
			sum += h[k];
		}
		for (size_t k = 0; k < r->taps; k++)
			h[k] = (float)(h[k] / sum); /* unit gain at DC for every phase */
	}
	r->buf0 = -(long long)r->half; /* the signal is zero before it starts */
	GROW(r->buf, r->capbuf, r->half);
	memset(r->buf, 0, r->half * sizeof *r->buf);
	r->nbuf = r->half;
}

/* Outputs that in input frames make. */
size_t resampler_out_len(const struct resampler *r, size_t in)
{
	return (size_t)((unsigned long long)in * r->L / r->M);
}

/* Outputs whose taps all lie in src (input index src0 up to end) and whose
 * first tap is before stop. */
static size_t produce(struct resampler *r, const float *src, long long src0, long long end,
		      long long stop, float *out)
{
	size_t made = 0;
	unsigned long long qstep = r->M / r->L, rstep = r->M % r->L; /* no division per output */
	long long half = (long long)r->half, taps = (long long)r->taps;
	if (r->L == 1) { /* an integer ratio (48 kHz, 32 kHz, 16 kHz): one phase */
		long long first = (long long)r->base - half + 1, m = (long long)r->M;
		long long by_end = end - first - taps, by_stop = stop - first - 1;
		long long reach = by_end < by_stop ? by_end : by_stop; /* the last k * M allowed */
		size_t n = first >= src0 && reach >= 0 ? (size_t)(reach / m) + 1 : 0;
		const float *x = src + (first - src0);
		if (r->taps == 16) /* 48 kHz: a length the compiler unrolls */
			for (size_t k = 0; k < n; k++)
				out[k] = dot8(r->h, x + k * r->M, 16);
		else
			for (size_t k = 0; k < n; k++)
				out[k] = dot8(r->h, x + k * r->M, r->taps);
		r->nout += n;
		r->base += n * r->M;
		return n;
	}
	for (;;) {
		long long first = (long long)r->base - half + 1;
		if (first < src0 || first - 1 + taps >= end || first >= stop)
			break;
		out[made++] = dot8(r->h + r->phase * r->taps, src + (first - src0), r->taps);
		r->nout++;
		r->base += qstep;
		r->phase += rstep;
		if (r->phase >= r->L) {
			r->phase -= r->L;
			r->base++;
		}
	}
	return made;
}

/* Append n inputs and write every output they complete; returns how many.
 * Only the seam between pieces is copied: outputs inside x read x. */
size_t resampler_run(struct resampler *r, const float *x, size_t n, float *out)
{
	long long x0 = r->buf0 + (long long)r->nbuf; /* input index of x[0] */
	size_t head = n < r->taps ? n : r->taps;
	GROW(r->buf, r->capbuf, r->nbuf + n + 1);
	memcpy(r->buf + r->nbuf, x, head * sizeof *x);
	size_t made = produce(r, r->buf, r->buf0, x0 + (long long)head, x0, out);
	made += produce(r, x, x0, x0 + (long long)n, x0 + (long long)n, out + made);
	/* Keep from the next output's first tap on. */
	long long first = (long long)r->base - (long long)r->half + 1;
	if (first >= x0) {
		r->nbuf = (size_t)(x0 + (long long)n - first);
		memcpy(r->buf, x + (first - x0), r->nbuf * sizeof *x);
	} else { /* x was too short to finish an output: keep it all */
		size_t old = (size_t)(first - r->buf0), inbuf = (size_t)(x0 - first);
		memmove(r->buf, r->buf + old, inbuf * sizeof *x);
		memcpy(r->buf + inbuf, x, n * sizeof *x);
		r->nbuf = inbuf + n;
	}
	r->buf0 = first;
	return made;
}

/* The last outputs, their missing taps taken as zeros. */
size_t resampler_flush(struct resampler *r, size_t in_total, float *out)
{
	size_t want = resampler_out_len(r, in_total);
	if (r->nout >= want)
		return 0;
	float *zeros = xcalloc(r->taps + 1, sizeof *zeros);
	/* The zeros complete every output up to the padded length's. */
	float *tmp = xmalloc((resampler_out_len(r, in_total + r->taps + 1) - r->nout + 1) * sizeof *tmp);
	size_t made = resampler_run(r, zeros, r->taps + 1, tmp), keep = want - (r->nout - made);
	memcpy(out, tmp, (keep < made ? keep : made) * sizeof *out);
	free(tmp);
	free(zeros);
	return keep < made ? keep : made;
}

void resampler_free(struct resampler *r)
{
	free(r->h);
	free(r->buf);
}

