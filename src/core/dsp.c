/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dsp.c - see dsp.h.
 *
 * The contours are built at SYLLABLE_RATE and HOP_S, fixed here rather
 * than passed in: the filters and window sums are then computed with
 * constants, as they always were, and the figures stay bit for bit. Each
 * step runs over the same runs of samples (a frame, a 1 ms sum) with the
 * same loops as when the whole signal was held, so streaming changed no
 * figure. */
#include "dsp.h"

#include <stdlib.h>
#include <string.h>

#include <stdbool.h>

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
	double r = quantile_reorder(s, n, q);
	free(s);
	return r;
}

double quantile_reorder(double *s, size_t n, double q)
{
	if (n == 0)
		return ANALYSIS_FLOOR_DB;
	double pos = q * (double)(n - 1);
	size_t i = (size_t)pos;
	double r = kth(s, n, i);
	if (i + 1 < n && pos > (double)i) {
		double next = kth(s, n, i + 1);
		r += (pos - (double)i) * (next - r);
	}
	return r;
}

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

/* Samples of the working signal per frame, and of the 8 kHz signal. */
#define HOP_W ((size_t)(HOP_S * WORK_RATE))
#define HOP_Y ((size_t)(HOP_S * SYLLABLE_RATE))
/* Decimation by 2: a Blackman-windowed sinc, cut-off at 0.45 of the new
 * Nyquist band, of TAPS taps (PADDED with zeros for dot8). */
#define DEC_M 2
#define DEC_HALF (2 * DEC_M)
#define DEC_TAPS (2 * DEC_HALF + 1)
#define DEC_PADDED ((DEC_TAPS + 7) / 8 * 8)
/* Intensity: a Hann window of INTENSITY_WIN_MS over 1 ms sums (SUB samples). */
#define INTENSITY_WIN_MS 65
#define INTENSITY_HALF (INTENSITY_WIN_MS / 2)
#define SUB (SYLLABLE_RATE / 1000)

static void decimator_design(float *h)
{
	double sum = 0, fc = 0.45 / DEC_M;
	memset(h, 0, 64 * sizeof *h);
	for (int i = 0; i < DEC_TAPS; i++) {
		int k = i - DEC_HALF;
		double s = k == 0 ? 2 * fc : sin(2 * M_PI * fc * k) / (M_PI * k);
		double w = 0.42 - 0.5 * cos(2 * M_PI * i / (DEC_TAPS - 1)) +
			   0.08 * cos(4 * M_PI * i / (DEC_TAPS - 1));
		h[i] = (float)(s * w);
		sum += h[i];
	}
	for (int i = 0; i < DEC_TAPS; i++)
		h[i] = (float)(h[i] / sum);
}

void front_init(struct front *fr, bool features, void (*sink)(void *, const float *, size_t),
		void *ctx)
{
	memset(fr, 0, sizeof *fr);
	fr->features = features;
	fr->sink = sink;
	fr->ctx = ctx;
	decimator_design(fr->h);
	double fc = SYLLABLE_RATE > 1200 ? 150.0 : SYLLABLE_RATE / 8.0;
	highpass_init(&fr->h1, fc, SYLLABLE_RATE);
	highpass_init(&fr->h2, fc, SYLLABLE_RATE);
	highpass_init(&fr->v1, HIGH_VOICE_HZ, SYLLABLE_RATE);
	highpass_init(&fr->v2, HIGH_VOICE_HZ, SYLLABLE_RATE);
	for (size_t i = 0; i < INTENSITY_WIN_MS; i++) {
		fr->iw[i] = 0.5 - 0.5 * cos(2 * M_PI * ((double)i + 0.5) / (double)INTENSITY_WIN_MS);
		fr->iwsum += fr->iw[i] * (double)SUB;
	}
}

/* Room for frame f in every contour: past 2^18 frames (44 minutes) the
 * arrays grow by an eighth, not double (realloc moves the pages). When
 * memory runs out the contours stop (c->oom): the analysis then says so
 * rather than abort. */
static bool grow_one(double **v, size_t cap)
{
	double *p = realloc(*v, cap * sizeof **v);
	if (p)
		*v = p;
	return p != NULL;
}

static bool frames_room(struct front *fr, size_t f)
{
	struct contours *c = &fr->c;
	if (f < c->cap)
		return true;
	size_t cap = c->cap < 4096 ? 4096 : c->cap < (1u << 18) ? 2 * c->cap : c->cap + c->cap / 8;
	cap = cap > f ? cap : f + 1;
	if (grow_one(&c->low, cap) && grow_one(&c->diff, cap) && grow_one(&c->power, cap) &&
	    grow_one(&c->in, cap) && grow_one(&c->in_hi, cap)) {
		c->cap = cap;
		return true;
	}
	c->oom = true;
	fr->features = false;
	return false;
}

void front_set_aside(struct front *fr, size_t piece)
{
	GROW(fr->d, fr->dcap, piece + DEC_PADDED + 64);
	GROW(fr->sq, fr->capsq, 2 * 8192); /* what intensity_frames keeps, and a frame's */
}

void front_reserve(struct front *fr, size_t frames)
{
	struct contours *c = &fr->c;
	/* Only a saving: a header may claim more than the file holds. */
	if (frames > c->cap && grow_one(&c->low, frames) && grow_one(&c->diff, frames) &&
	    grow_one(&c->power, frames) && grow_one(&c->in, frames) && grow_one(&c->in_hi, frames))
		c->cap = frames;
}

/* The working signal's frame: its mean square once the DC is out. A
 * recording with a DC offset (a cheap converter, a mic's bias) would
 * otherwise show the offset as speech level and noise floor: digital
 * silence at a 0.05 offset read as a -26 dBFS floor. The DC is the frames'
 * mean followed at DC_HZ, far under any voice, from the first frame's on;
 * the frame's power is its own variance plus its mean's distance from
 * that (exact, and precise however large the offset), or from zero if
 * that is less. */
#define DC_HZ 1.0
static void power_frame(struct front *fr)
{
	struct contours *c = &fr->c;
	size_t n = fr->nhop;
	float sum = 0, var = 0;
	for (size_t i = 0; i < n; i++)
		sum += fr->hop[i];
	float m = sum / (float)n;
	for (size_t i = 0; i < n; i++) {
		float d = fr->hop[i] - m;
		var += d * d;
	}
	const double follow = 1 - exp(-2 * M_PI * DC_HZ * HOP_S);
	fr->dc = c->nf == 0 ? m : fr->dc + follow * (m - fr->dc);
	fr->nhop = 0;
	/* Taking the DC out never adds power: digital silence after speech
	 * whose waveform leans one way (which the DC follows a little) stays
	 * silence. */
	double off = fmin((double)m * m, (m - fr->dc) * (m - fr->dc));
	if (frames_room(fr, c->nf))
		c->power[c->nf++] = (double)var / (double)n + off;
}

/* Energy of the first difference over t[lo..end), t[0] the sample before
 * the frame: a gentle high-pass (+6 dB per octave) that takes rumble and
 * hum out and keeps the fricatives that mark the start of a word. */
static double diff_energy(const float *t, size_t lo, size_t end)
{
	float e = 0;
	for (size_t i = lo; i < end; i++) {
		float d = t[i] - t[i - 1];
		e += d * d;
	}
	return end > lo ? (double)e / (double)(end - lo) : 0;
}

/* Energy under about 1 kHz of n high-passed samples: means of four
 * samples at 8 kHz, a low-pass that is 4 dB down at 1 kHz and 11 dB down
 * at 3 kHz, and costs next to nothing. */
static double low_energy(const float *y, size_t n)
{
	size_t groups = n / 4;
	float e = 0;
	for (size_t g = 0; g < groups; g++) {
		const float *v = y + 4 * g;
		float m = (v[0] + v[1]) + (v[2] + v[3]);
		e += m * m;
	}
	return groups ? (double)e / (16.0 * (double)groups) : 0;
}

/* The 1 ms sums of squares of n high-passed samples y and of the same
 * over HIGH_VOICE_HZ, v, in pairs (the last one short when n is not a
 * multiple of SUB). */
static void square_sums(struct front *fr, const float *y, const float *v, size_t n, bool last)
{
	size_t groups = last ? n / SUB + 1 : n / SUB;
	GROW(fr->sq, fr->capsq, 2 * (fr->nsq + groups));
	for (size_t k = 0; k < groups; k++) {
		float e = 0, eh = 0;
		for (size_t i = k * SUB; i < (k + 1) * SUB && i < n; i++) {
			e += y[i] * y[i];
			eh += v[i] * v[i];
		}
		fr->sq[2 * fr->nsq] = e;
		fr->sq[2 * fr->nsq++ + 1] = eh;
	}
	fr->sqdone += groups;
}

/* The intensity of every frame whose window has arrived (all of them at
 * the end), frame f centred at (f + 0.5) * HOP_S; the sums no later frame
 * needs are dropped. */
static void intensity_frames(struct front *fr, bool end)
{
	struct contours *c = &fr->c;
	size_t limit = end ? c->nf : fr->nfy;
	long half = INTENSITY_HALF;
	for (; fr->nin < limit; fr->nin++) {
		long cf = (long)(((double)fr->nin + 0.5) * HOP_S * 1000.0);
		if (!end && (size_t)(cf + half) >= fr->sqdone)
			break;
		double e = 0, eh = 0;
		for (long i = 0; i < INTENSITY_WIN_MS; i++) {
			long j = cf + i - half;
			if (j >= 0 && (size_t)j < fr->sqdone) {
				const double *q = fr->sq + 2 * (j - (long)fr->sq0);
				e += fr->iw[i] * q[0];
				eh += fr->iw[i] * q[1];
			}
		}
		c->in[fr->nin] = to_db(e / fr->iwsum);
		c->in_hi[fr->nin] = to_db(eh / fr->iwsum);
	}
	long next = (long)(((double)fr->nin + 0.5) * HOP_S * 1000.0) - half;
	if (next > (long)fr->sq0 + 4096) {
		size_t drop = (size_t)next - fr->sq0;
		fr->nsq -= drop;
		memmove(fr->sq, fr->sq + 2 * drop, 2 * fr->nsq * sizeof *fr->sq);
		fr->sq0 += drop;
	}
}

/* One 8 kHz frame of n samples (fr->raw[1..n]; fewer than HOP_Y only at
 * the end): the fricative contour on it as it is (at 8 kHz every input
 * rate's working signal is the same; above 4 kHz the resampler's filters
 * differ), then the high-pass (4th order at 150 Hz: rumble and hum would
 * otherwise make intensity peaks and look periodic to the voicing check),
 * the low band and the 1 ms sums on that and, for in_hi, on the same
 * high-passed again at HIGH_VOICE_HZ. */
/* In digital silence a filter's state decays into subnormal numbers,
 * which cost a hundred times more (40 minutes of tone and silence took 10
 * s): under 1e-30 (600 dB down; squares that underflow a float) it is
 * zero. Looked at once a frame: in 80 samples it cannot get near them. */
static void settle(struct biquad *f)
{
	if (fabs(f->y1) < 1e-30 && fabs(f->y2) < 1e-30 && fabs(f->x1) < 1e-30 &&
	    fabs(f->x2) < 1e-30)
		f->x1 = f->x2 = f->y1 = f->y2 = 0;
}

/* Two high-pass sections over a frame, their state in registers. */
static void highpass_frame(struct biquad *s1, struct biquad *s2, const float *in, float *out,
			   size_t n)
{
	struct biquad a = *s1, b = *s2;
	for (size_t i = 0; i < n; i++)
		out[i] = (float)biquad_run(&b, biquad_run(&a, in[i]));
	settle(&a);
	settle(&b);
	*s1 = a;
	*s2 = b;
}

static void y_frame(struct front *fr, size_t n, bool last)
{
	struct contours *c = &fr->c;
	float hp[HOP_Y], hv[HOP_Y];
	if (n < HOP_Y) { /* the last frames: the compiler cannot see that only n are read */
		memset(hp, 0, sizeof hp);
		memset(hv, 0, sizeof hv);
	}
	highpass_frame(&fr->h1, &fr->h2, fr->raw + 1, hp, n);
	if (fr->features && frames_room(fr, fr->nfy)) {
		c->diff[fr->nfy] = diff_energy(fr->raw, fr->nfy > 0 ? 1 : 2, n + 1);
		c->low[fr->nfy] = low_energy(hp, n);
		highpass_frame(&fr->v1, &fr->v2, hp, hv, n);
		square_sums(fr, hp, hv, n, last);
	}
	fr->nfy++;
	c->ny += n;
	if (n)
		fr->raw[0] = fr->raw[n];
	fr->nraw = 0;
	if (n && fr->sink)
		fr->sink(fr->ctx, hp, n);
	if (fr->features)
		intensity_frames(fr, false);
}

/* Decimated output o of the working signal: the filter as one dot
 * product inside the signal, tap by tap at its edges. */
static float decimated(const struct front *fr, size_t o)
{
	long c = (long)(o * DEC_M) - DEC_HALF, d0 = (long)fr->d0;
	if (c >= 0 && (size_t)c + DEC_PADDED <= fr->nw)
		return dot8(fr->h, fr->d + (c - d0), DEC_PADDED);
	float acc = 0;
	for (int i = 0; i < DEC_TAPS; i++)
		if (c + i >= 0 && (size_t)(c + i) < fr->nw)
			acc += fr->h[i] * fr->d[c + i - d0];
	return acc;
}

/* Whether output o's taps have all arrived (or, at the end, whether it
 * is one of the signal's outputs at all). */
static bool decimated_ready(const struct front *fr, size_t o, bool end)
{
	long c = (long)(o * DEC_M) - DEC_HALF;
	if (end)
		return o < fr->nw / DEC_M;
	return (size_t)(c + (c < 0 ? DEC_TAPS : DEC_PADDED)) <= fr->nw;
}

static void decimate(struct front *fr, bool end)
{
	/* Inside the signal, while the taps are there: one dot product each. */
	size_t inner = fr->nw >= DEC_PADDED - DEC_HALF ? (fr->nw - (DEC_PADDED - DEC_HALF)) / DEC_M + 1 : 0;
	while (fr->no < inner || decimated_ready(fr, fr->no, end)) {
		if (fr->no >= DEC_HALF / DEC_M && fr->no < inner) {
			/* As much of the frame as the taps allow, in one run. */
			size_t k = HOP_Y - fr->nraw < inner - fr->no ? HOP_Y - fr->nraw : inner - fr->no;
			const float *x = fr->d + (fr->no * DEC_M - DEC_HALF - fr->d0);
			float *o = fr->raw + 1 + fr->nraw;
			for (size_t i = 0; i < k; i++)
				o[i] = dot8(fr->h, x + i * DEC_M, DEC_PADDED);
			fr->nraw += k;
			fr->no += k;
		} else {
			fr->raw[1 + fr->nraw++] = decimated(fr, fr->no++);
		}
		if (fr->nraw == HOP_Y)
			y_frame(fr, HOP_Y, false);
	}
	long keep = (long)(fr->no * DEC_M) - DEC_HALF; /* the next output's first tap */
	if (keep > (long)fr->d0) {
		size_t drop = (size_t)keep - fr->d0;
		fr->dn -= drop;
		memmove(fr->d, fr->d + drop, fr->dn * sizeof *fr->d);
		fr->d0 += drop;
	}
}

void front_feed(struct front *fr, const float *w, size_t n)
{
	if (fr->features)
		for (size_t i = 0; i < n;) {
			size_t take = HOP_W - fr->nhop < n - i ? HOP_W - fr->nhop : n - i;
			memcpy(fr->hop + fr->nhop, w + i, take * sizeof *w);
			fr->nhop += take;
			i += take;
			if (fr->nhop == HOP_W)
				power_frame(fr);
		}
	if (!n)
		return;
	GROW(fr->d, fr->dcap, fr->dn + n);
	memcpy(fr->d + fr->dn, w, n * sizeof *w);
	fr->dn += n;
	fr->nw += n;
	decimate(fr, false);
}

/* Mean of each frame and its two neighbours (a 30 ms window), in dB. */
static void smooth_db(double *v, size_t nf)
{
	double prev = 0;
	for (size_t f = 0; f < nf; f++) {
		double cur = v[f], e = cur, k = 1;
		if (f > 0)
			e += prev, k++;
		if (f + 1 < nf)
			e += v[f + 1], k++;
		v[f] = to_db(e / k);
		prev = cur;
	}
}

void front_flush(struct front *fr)
{
	struct contours *c = &fr->c;
	if (fr->features && fr->nhop)
		power_frame(fr);
	decimate(fr, true);
	if (fr->nraw || fr->nfy < c->nf)
		y_frame(fr, fr->nraw, true);
	else if (fr->features)
		square_sums(fr, NULL, NULL, 0, true);
	while (fr->features && fr->nfy < c->nf)
		y_frame(fr, 0, false);
	if (!fr->features)
		return;
	intensity_frames(fr, true);
	smooth_db(c->diff, c->nf);
	smooth_db(c->low, c->nf);
}

void front_free(struct front *fr)
{
	free(fr->d);
	free(fr->sq);
	fr->d = NULL;
	fr->sq = NULL;
}

void contours_free(struct contours *c)
{
	free(c->low);
	free(c->diff);
	free(c->power);
	free(c->in);
	free(c->in_hi);
	free(c->y);
	memset(c, 0, sizeof *c);
}
