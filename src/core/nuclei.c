/* nuclei.c - see nuclei.h.
 *
 * The nuclei are always looked for at SYLLABLE_RATE in frames of HOP_S:
 * find_syllables fixes both here rather than taking them from its caller,
 * so the intensity and voicing code is compiled with them as constants,
 * as it always was, and the figures stay bit for bit. */
#include "nuclei.h"

#include <math.h>
#include <stdlib.h>

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

/* Intensity contour (dB) of the high-passed signal: a Hann window of
 * INTENSITY_WIN_S every hop_s, frame f centred at (f + 0.5) * hop_s. The
 * window is applied to 1 ms sums of squares, which is indistinguishable at
 * this length and a hundred times cheaper than sample by sample. */
static double *intensity(const float *y, size_t ny, int fs, double hop_s, size_t nf)
{
	size_t sub = (size_t)(fs / 1000) ? (size_t)(fs / 1000) : 1;
	size_t nsub = ny / sub + 1;
	double *sq = xcalloc(nsub, sizeof *sq);
	for (size_t k = 0; k < nsub; k++) {
		float e = 0;
		for (size_t i = k * sub; i < (k + 1) * sub && i < ny; i++)
			e += y[i] * y[i];
		sq[k] = e;
	}
	size_t win = (size_t)(INTENSITY_WIN_S * 1000) | 1, half = win / 2;
	double *w = xmalloc(win * sizeof *w), wsum = 0;
	for (size_t i = 0; i < win; i++) {
		w[i] = 0.5 - 0.5 * cos(2 * M_PI * ((double)i + 0.5) / (double)win);
		wsum += w[i] * (double)sub;
	}
	double *out = xmalloc((nf ? nf : 1) * sizeof *out);
	for (size_t f = 0; f < nf; f++) {
		long c = (long)(((double)f + 0.5) * hop_s * 1000.0);
		double e = 0;
		for (size_t i = 0; i < win; i++) {
			long j = c + (long)i - (long)half;
			if (j >= 0 && (size_t)j < nsub)
				e += w[i] * sq[j];
		}
		out[f] = to_db(e / wsum);
	}
	free(w);
	free(sq);
	return out;
}
/* Normalised autocorrelation peak for pitch 60-400 Hz around sample c of
 * the high-passed signal (which has no DC left to remove). */
static double voicing_at(const float *y, size_t ny, int fs, long c)
{
	long win = (long)(0.040 * fs) / 8 * 8, lo = fs / 400, hi = fs / 60;
	long a = c - win / 2;
	if (a + win + hi > (long)ny)
		a = (long)ny - win - hi;
	if (a < 0)
		a = 0;
	if (a + win + hi > (long)ny || lo < 1)
		return 0;
	const float *u = y + a;
	float e0 = 0;
	for (long i = 0; i < win; i++)
		e0 += u[i] * u[i];
	if (e0 <= 0)
		return 0;
	float et = 0;
	for (long i = lo; i < lo + win; i++)
		et += u[i] * u[i];
	double best = 0;
	for (long t = lo; t <= hi; t++) {
		const float *v = u + t;
		float r = dot8(u, v, (size_t)win);
		if (et > 0 && r / sqrt((double)e0 * et) > best)
			best = r / sqrt((double)e0 * et);
		et += v[win] * v[win] - v[0] * v[0]; /* slide to lag t + 1 */
	}
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
static bool voiced_near(const float *y, size_t ny, int fs, double t, double centre,
			double threshold)
{
	/* Most nuclei are clearly voiced in the centre: the others cost time,
	 * so stop at the first window that is voiced enough. */
	for (int k = -(VOICING_POINTS / 2); k <= VOICING_POINTS / 2 && centre < threshold; k++)
		if (k && voicing_at(y, ny, fs, (long)((t + k * VOICING_STEP_S) * fs)) >= threshold)
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

/* Topographic prominence of the local maximum at i. */
static double prominence(const double *v, size_t n, size_t i)
{
	double left = v[i], right = v[i];
	for (size_t k = i; k-- > 0 && v[k] <= v[i];)
		if (v[k] < left)
			left = v[k];
	for (size_t k = i + 1; k < n && v[k] <= v[i]; k++)
		if (v[k] < right)
			right = v[k];
	return v[i] - (left > right ? left : right);
}

/* Syllable nuclei: intensity peaks inside speech, prominent enough and
 * voiced. *strength gets each one's voicing (normalised autocorrelation). */
void find_syllables(const struct contours *c, const struct segs *speech,
		    const struct analysis_params *p, struct analysis *out, double **strength)
{
	const float *y = c->y;
	size_t ny = c->ny, nf = c->nf;
	const int fs = SYLLABLE_RATE;
	const double hop_s = HOP_S;
	double *in = intensity(y, ny, fs, hop_s, nf);
	double thr = quantile(in, nf, 0.99) - p->silence_db;
	size_t cap = 0;
	for (size_t f = 1; f + 1 < nf; f++) {
		if (in[f] < thr || in[f] <= in[f - 1] || in[f] < in[f + 1])
			continue;
		double t = ((double)f + 0.5) * hop_s;
		if (!in_speech(speech, t) || prominence(in, nf, f) < p->min_dip_db)
			continue;
		double v = voicing_at(y, ny, fs, (long)(t * fs));
		if (!voiced_near(y, ny, fs, peak_time(in, f, hop_s), v, p->voicing_threshold))
			continue;
		size_t cap2 = cap;
		GROW(out->syllable_times, cap, (size_t)out->syllables + 1);
		GROW(*strength, cap2, (size_t)out->syllables + 1);
		(*strength)[out->syllables] = v;
		out->syllable_times[out->syllables++] = t;
	}
	free(in);
}
