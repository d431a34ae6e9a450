/* dsp.c - see dsp.h.
 *
 * The contours are built at SYLLABLE_RATE and HOP_S, fixed here rather
 * than passed in: the filters and window sums are then computed with
 * constants, as they always were, and the figures stay bit for bit. */
#include "dsp.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/util.h"
#include "resample.h"

/* The k-th smallest of s[0..n) (s is reordered). */
static double kth(double *s, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = s[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (s[i] < pivot)
				i++;
			while (s[j] > pivot)
				j--;
			if (i <= j) {
				double t = s[i];
				s[i] = s[j];
				s[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return s[k];
	}
	return s[k];
}

double quantile(const double *v, size_t n, double q)
{
	if (n == 0)
		return ANALYSIS_FLOOR_DB;
	double *s = xmalloc(n * sizeof *s);
	memcpy(s, v, n * sizeof *s);
	double pos = q * (double)(n - 1);
	size_t i = (size_t)pos;
	double r = kth(s, n, i);
	if (i + 1 < n && pos > (double)i) {
		double next = kth(s, n, i + 1);
		r += (pos - (double)i) * (next - r);
	}
	free(s);
	return r;
}

/* A second-order Butterworth high-pass section (RBJ cookbook). */
struct biquad {
	double b0, b1, b2, a1, a2, x1, x2, y1, y2;
};

static void highpass_init(struct biquad *f, double fc, int rate)
{
	double w = 2 * M_PI * fc / rate, c = cos(w), al = sin(w) / (2 * M_SQRT1_2);
	double a0 = 1 + al;
	memset(f, 0, sizeof *f);
	f->b0 = (1 + c) / 2 / a0;
	f->b1 = -(1 + c) / a0;
	f->b2 = (1 + c) / 2 / a0;
	f->a1 = -2 * c / a0;
	f->a2 = (1 - al) / a0;
}

static double biquad_run(struct biquad *f, double x)
{
	/* Only the last term waits on the previous output: a short chain. */
	double y = (f->b0 * x + f->b1 * f->x1 + f->b2 * f->x2 - f->a2 * f->y2) - f->a1 * f->y1;
	f->x2 = f->x1;
	f->x1 = x;
	f->y2 = f->y1;
	f->y1 = y;
	return y;
}

/* High-pass the syllable signal in place (two sections, 4th order at
 * 150 Hz): rumble and hum would otherwise make intensity peaks and look
 * periodic to the voicing check. */
static void highpass(float *y, size_t n, int fs)
{
	struct biquad h1, h2;
	double fc = fs > 1200 ? 150.0 : fs / 8.0;
	highpass_init(&h1, fc, fs);
	highpass_init(&h2, fc, fs);
	for (size_t i = 0; i < n; i++)
		y[i] = (float)biquad_run(&h2, biquad_run(&h1, y[i]));
}

/* Mean energy of each 10 ms block of the working signal's first
 * difference: a gentle high-pass (+6 dB per octave) that takes rumble and
 * hum out of the speech-activity energy and keeps the fricatives that mark
 * the start of a word. Unlike a recursive filter it vectorises. */
static void block_energies(const float *y, size_t n, size_t hop, double *blocks, size_t nblocks)
{
	for (size_t b = 0; b < nblocks; b++) {
		size_t lo = b > 0 ? b * hop : 1, end = (b + 1) * hop < n ? (b + 1) * hop : n;
		float e = 0;
		for (size_t i = lo; i < end; i++) {
			float d = y[i] - y[i - 1];
			e += d * d;
		}
		blocks[b] = end > lo ? (double)e / (double)(end - lo) : 0;
	}
}

/* Low-pass (Blackman-windowed sinc, cut-off at 0.45 of the new Nyquist
 * band) and decimate by m, in place: output o is written over input o once
 * no later output needs it (the first few wait in a small buffer). */
static size_t decimate_in_place(float *x, size_t n, int m)
{
	assert(m >= 1 && 4 * m + 1 <= 64); /* taps (4m + 1, padded to 8) fit h[], leads first[] */
	size_t no = n / (size_t)m;
	if (m == 1)
		return n;
	int half = 2 * m, taps = 2 * half + 1;
	float h[64] = {0}; /* taps, then zeros up to a multiple of 8 */
	double sum = 0, fc = 0.45 / m;
	for (int i = 0; i < taps; i++) {
		int k = i - half;
		double s = k == 0 ? 2 * fc : sin(2 * M_PI * fc * k) / (M_PI * k);
		double w = 0.42 - 0.5 * cos(2 * M_PI * i / (taps - 1)) +
			   0.08 * cos(4 * M_PI * i / (taps - 1));
		h[i] = (float)(s * w);
		sum += h[i];
	}
	for (int i = 0; i < taps; i++)
		h[i] = (float)(h[i] / sum);
	size_t lead = (size_t)half + 1, padded = ((size_t)taps + 7) / 8 * 8;
	float first[64];
	for (size_t o = 0; o < no; o++) {
		long c = (long)(o * (size_t)m) - half;
		float acc = 0;
		if (c >= 0 && (size_t)c + padded <= n) {
			acc = dot8(h, x + c, padded); /* the interior: no bounds to check */
		} else {
			for (int i = 0; i < taps; i++)
				if (c + i >= 0 && (size_t)(c + i) < n)
					acc += h[i] * x[c + i];
		}
		if (o < lead)
			first[o] = acc;
		else
			x[o] = acc;
	}
	for (size_t o = 0; o < lead && o < no; o++)
		x[o] = first[o];
	return no;
}

/* Mean of each frame and its two neighbours (a 30 ms window), in dB. */
static void smooth_db(const double *blocks, size_t nf, double *db)
{
	for (size_t f = 0; f < nf; f++) {
		double e = blocks[f], k = 1;
		if (f > 0)
			e += blocks[f - 1], k++;
		if (f + 1 < nf)
			e += blocks[f + 1], k++;
		db[f] = to_db(e / k);
	}
}

/* Energy of each frame of y (already high-passed at 150 Hz) under about
 * 1 kHz: means of four samples at 8 kHz, a low-pass that is 4 dB down at
 * 1 kHz and 11 dB down at 3 kHz, and costs next to nothing. */
static void low_band(const float *y, size_t ny, int fs, double *blocks, size_t nf)
{
	size_t hop = (size_t)(HOP_S * fs);
	for (size_t f = 0; f < nf; f++) {
		float e = 0;
		size_t a = f * hop, b = a + hop < ny ? a + hop : ny, groups = b > a ? (b - a) / 4 : 0;
		for (size_t g = 0; g < groups; g++) {
			const float *v = y + a + 4 * g;
			float m = (v[0] + v[1]) + (v[2] + v[3]);
			e += m * m;
		}
		blocks[f] = groups ? (double)e / (16.0 * (double)groups) : 0;
	}
}

/* All contours from the working signal, which becomes the 8 kHz signal of
 * the syllable stage (decimated over itself: it is not needed after). */
void contours_compute(float *w, size_t nw, size_t nf, struct contours *c)
{
	size_t hop = (size_t)(HOP_S * WORK_RATE);
	double *blocks = xmalloc(nf * sizeof *blocks);
	c->nf = nf;
	c->diff = xmalloc(nf * sizeof *c->diff);
	c->low = xmalloc(nf * sizeof *c->low);
	c->power = xmalloc(nf * sizeof *c->power);
	for (size_t f = 0; f < nf; f++) {
		size_t a = f * hop, b = a + hop < nw ? a + hop : nw;
		c->power[f] = b > a ? (double)dot8_tail(w + a, w + a, b - a) / (double)(b - a) : 0;
	}
	c->y = w;
	c->ny = decimate_in_place(w, nw, WORK_RATE / SYLLABLE_RATE);
	/* The fricative contour at 8 kHz, where every input rate's working
	 * signal is the same (above 4 kHz the resampler's filters differ). */
	block_energies(c->y, c->ny, (size_t)(HOP_S * SYLLABLE_RATE), blocks, nf);
	smooth_db(blocks, nf, c->diff);
	highpass(c->y, c->ny, SYLLABLE_RATE);
	low_band(c->y, c->ny, SYLLABLE_RATE, blocks, nf);
	smooth_db(blocks, nf, c->low);
	free(blocks);
}

void contours_free(struct contours *c)
{
	free(c->low);
	free(c->diff);
	free(c->power);
}
