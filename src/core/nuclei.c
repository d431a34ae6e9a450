/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nuclei.c - see nuclei.h.
 *
 * The nuclei are always looked for at SYLLABLE_RATE in frames of HOP_S:
 * find_syllables fixes both here rather than taking them from its caller,
 * so the intensity and voicing code is compiled with them as constants,
 * as it always was, and the figures stay bit for bit. */
#include "nuclei.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/util.h"
#include "resample.h"

/* The intensity window (-DINTENSITY_WIN_S=... tries another). */
#ifndef INTENSITY_WIN_S
#define INTENSITY_WIN_S 0.064
#endif
/* The voicing of a peak is the best of VOICING_POINTS windows
 * VOICING_STEP_S apart around it. */
#define VOICING_POINTS 5
#define VOICING_STEP_S 0.015

/* The fixed lengths of a voicing window (samples at SYLLABLE_RATE): the
 * window, and the shortest and longest lags (pitch 400 to 60 Hz). */
#define VOICING_WIN ((long)(0.040 * SYLLABLE_RATE) / 8 * 8)
#define VOICING_LO (SYLLABLE_RATE / 400)
#define VOICING_HI (SYLLABLE_RATE / 60)

/* Where the voicing window around sample c of a signal of ny samples
 * starts (it is moved inside the signal); -1 if the signal is too short. */
static long voicing_start(size_t ny, long c)
{
	long a = c - VOICING_WIN / 2;
	if (a + VOICING_WIN + VOICING_HI > (long)ny)
		a = (long)ny - VOICING_WIN - VOICING_HI;
	if (a < 0)
		a = 0;
	return a + VOICING_WIN + VOICING_HI > (long)ny ? -1 : a;
}

/* Normalised autocorrelation peak for pitch 60-400 Hz around sample c of
 * the high-passed signal (which has no DC left to remove) of ny samples,
 * of which y holds those from off on (at least the window's); the pitch
 * it is at into *f0 (0 if none). */
static double voicing_at(const float *y, size_t off, size_t ny, long c, double *f0)
{
	const long win = VOICING_WIN, lo = VOICING_LO, hi = VOICING_HI;
	long a = voicing_start(ny, c);
	*f0 = 0;
	if (a < 0)
		return 0;
	const float *u = y + (a - (long)off);
	float e0 = 0;
	for (long i = 0; i < win; i++)
		e0 += u[i] * u[i];
	if (e0 <= 0)
		return 0;
	float et = 0;
	for (long i = lo; i < lo + win; i++)
		et += u[i] * u[i];
	double best = 0;
	long at = 0;
	for (long t = lo; t <= hi; t++) {
		const float *v = u + t;
		float r = dot8(u, v, (size_t)win);
		double q = r / sqrt((double)e0 * et); /* once per lag: the hottest loop */
		if (et > 0 && q > best)
			best = q, at = t;
		if (t < hi)
			et += v[win] * v[win] - v[0] * v[0]; /* slide to lag t + 1 */
	}
	*f0 = at ? (double)SYLLABLE_RATE / (double)at : 0;
	return best;
}
/* Whether the voicing near t reaches threshold. An intensity peak often sits where the pitch
 * moves (a vowel after a nasal, a stressed syllable's rise), which lowers
 * the correlation of the one window centred on it: "more" in "still more"
 * scored 0.24 there and over 0.6 15 ms either side. Looking around lets
 * the threshold rise (0.3 to 0.5), which keeps out the fricatives the
 * single window let in ("selfish" counted three). t is the interpolated
 * peak time: the peak's frame alone moves by a hop between copies of a take
 * at two sample rates, and nuclei at a voicing onset flipped with it (rate
 * moves 2.3%, now 1.5%). Only the centred window says how clearly voiced
 * the nucleus is (the strength that decides speech): a window beside a
 * click sees only its ringing. */
static bool voiced_near(const float *y, size_t off, size_t ny, double t, double centre,
			double threshold)
{
	const int fs = SYLLABLE_RATE;
	double f0;
	/* Most nuclei are clearly voiced in the centre: the others cost time,
	 * so stop at the first window that is voiced enough. */
	for (int k = -(VOICING_POINTS / 2); k <= VOICING_POINTS / 2 && centre < threshold; k++)
		if (k && voicing_at(y, off, ny, (long)((t + k * VOICING_STEP_S) * fs), &f0) >= threshold)
			return true;
	return centre >= threshold;
}
/* Where the peak at frame f really is (a parabola through it and its
 * neighbours): the frame alone moves by a whole hop between copies of a
 * take at two sample rates, and the voicing looked for around it with it. */
static double peak_time(const double *in, size_t f, double hop_s)
{
	double a = in[f - 1], b = in[f], c = in[f + 1], den = a - 2 * b + c;
	double d = den < 0 ? 0.5 * (a - c) / den : 0;
	return ((double)f + 0.5 + d) * hop_s;
}

/* Whether the local maximum at i has a topographic prominence of at
 * least d: on both sides, before a higher value or the end, the contour
 * dips d under it. Each side stops at the first such dip, so a long steady
 * tone (a hum, a test signal) costs its length, not the take's. */
static bool prominent(const double *v, size_t n, size_t i, double d)
{
	bool left = false, right = false;
	for (size_t k = i; k-- > 0 && v[k] <= v[i] && !left;)
		left = v[i] - v[k] >= d;
	for (size_t k = i + 1; k < n && v[k] <= v[i] && !right && left; k++)
		right = v[i] - v[k] >= d;
	return left && right;
}

/* The samples [*lo, *hi) that the voicing of nucleus k looks at. */
static void voicing_span(const struct nucleus *k, size_t ny, size_t *lo, size_t *hi)
{
	const int fs = SYLLABLE_RATE;
	long a = voicing_start(ny, (long)(k->t * fs)), mn = a, mx = a;
	for (int i = -(VOICING_POINTS / 2); i <= VOICING_POINTS / 2; i++) {
		long b = voicing_start(ny, (long)((k->tpeak + i * VOICING_STEP_S) * fs));
		if (b >= 0 && (mn < 0 || b < mn))
			mn = b;
		mx = b > mx ? b : mx;
	}
	*lo = mn < 0 ? 0 : (size_t)mn;
	*hi = mx < 0 ? 0 : (size_t)(mx + VOICING_WIN + VOICING_HI);
}

/* Syllable nuclei before their voicing: intensity peaks inside speech,
 * prominent enough. */
size_t nuclei_candidates(const struct contours *c, bool high, const struct segs *speech,
			 const struct analysis_params *p, const double thr[2], struct nucleus **out)
{
	const double *in = high ? c->in_hi : c->in;
	size_t nf = c->nf, n = 0, cap = 0;
	*out = NULL;
	for (size_t f = 1; f + 1 < nf; f++) {
		/* Loud enough in the whole band too: without the voice's low
		 * part a swell of bright room noise stands out more. */
		if (in[f] < thr[high] || c->in[f] < thr[0] || in[f] <= in[f - 1] || in[f] < in[f + 1])
			continue;
		double t = ((double)f + 0.5) * HOP_S;
		if (!in_speech(speech, t) || !prominent(in, nf, f, p->min_dip_db))
			continue;
		GROW(*out, cap, n + 1);
		struct nucleus *k = &(*out)[n++];
		*k = (struct nucleus){t, peak_time(in, f, HOP_S), 0, 0, false, high, 0, 0};
		voicing_span(k, c->ny, &k->lo, &k->hi);
	}
	return n;
}

static int by_time(const void *a, const void *b)
{
	const struct nucleus *x = a, *y = b;
	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (int)x->high - (int)y->high;
}

size_t nuclei_merge(struct nucleus *a, size_t na, const struct nucleus *b, size_t nb,
		    struct nucleus **out)
{
	size_t n = na + nb;
	struct nucleus *k = xmalloc((n ? n : 1) * sizeof *k);
	if (na)
		memcpy(k, a, na * sizeof *k);
	if (nb)
		memcpy(k + na, b, nb * sizeof *k);
	qsort(k, n, sizeof *k, by_time);
	/* lo becomes the first sample any nucleus from here on needs. */
	for (size_t j = n; j-- > 1;)
		if (k[j].lo < k[j - 1].lo)
			k[j - 1].lo = k[j].lo;
	free(a);
	*out = k;
	return n;
}

size_t nuclei_voice(struct nucleus *k, size_t from, size_t n, const float *y, size_t off,
		    size_t len, size_t ny, double threshold)
{
	const int fs = SYLLABLE_RATE;
	for (; from < n && k[from].hi <= off + len; from++) {
		struct nucleus *q = &k[from];
		q->v = voicing_at(y, off, ny, (long)(q->t * fs), &q->f0);
		q->voiced = voiced_near(y, off, ny, q->tpeak, q->v, threshold);
	}
	return from;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double nuclei_pitch(const struct nucleus *k, size_t n)
{
	double *f = xmalloc((n ? n : 1) * sizeof *f);
	size_t m = 0;
	for (size_t j = 0; j < n; j++)
		if (k[j].voiced && !k[j].high && k[j].f0 > 0)
			f[m++] = k[j].f0;
	qsort(f, m, sizeof *f, by_value);
	double mid = m ? f[m / 2] : 0;
	free(f);
	return mid;
}

void nuclei_keep(const struct nucleus *k, size_t n, bool high, struct analysis *out,
		 double **strength)
{
	size_t cap = 0;
	for (size_t j = 0; j < n; j++) {
		if (!k[j].voiced || k[j].high != high)
			continue;
		size_t cap2 = cap;
		GROW(out->syllable_times, cap, (size_t)out->syllables + 1);
		GROW(*strength, cap2, (size_t)out->syllables + 1);
		(*strength)[out->syllables] = k[j].v;
		out->syllable_times[out->syllables++] = k[j].t;
	}
}
