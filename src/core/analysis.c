/* analysis.c - see analysis.h.
 *
 * Pipeline: level statistics at the full rate; a DC-blocked energy contour
 * (10 ms hop, 30 ms window) for speech activity; a decimated (~8 kHz) copy
 * for the intensity contour and the voicing check of syllable nuclei. */
#include "rehearse/analysis.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rehearse/util.h"

#define HOP_S 0.010
#ifndef INTENSITY_WIN_S
#define INTENSITY_WIN_S 0.064
#endif

void analysis_default_params(struct analysis_params *p)
{
	p->min_pause_s = 0.3;
	p->long_pause_s = 1.0;
	p->min_speech_s = 0.1;
	p->speech_range_db = 35.0;
	p->floor_margin_db = 6.0;
	p->min_snr_db = 10.0;
	p->silence_db = 25.0;
	p->min_dip_db = 2.0;
	p->voicing_threshold = 0.45;
	p->syllables_per_word = 1.5;
	p->pace_window_s = 10.0;
	p->pace_step_s = 1.0;
	p->clip_level = 0.999;
}

static double to_db(double power)
{
	double db = 10.0 * log10(power + 1e-30);
	return db < ANALYSIS_FLOOR_DB ? ANALYSIS_FLOOR_DB : db;
}


/* The q-quantile of v (linear interpolation), by selection: O(n). */
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

static double quantile(const double *v, size_t n, double q)
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
	double y = f->b0 * x + f->b1 * f->x1 + f->b2 * f->x2 - f->a1 * f->y1 - f->a2 * f->y2;
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

/* Speech activity per frame (one frame per block, 30 ms window), with
 * hysteresis: frames above `on` start speech, which extends over
 * neighbours above `off`. */
static void speech_mask(const double *db, size_t nf, double on, double off, bool *mask)
{
	memset(mask, 0, nf * sizeof *mask);
	for (size_t i = 0; i < nf; i++) {
		if (db[i] < on || mask[i])
			continue;
		size_t a = i, b = i;
		while (a > 0 && db[a - 1] >= off)
			a--;
		while (b + 1 < nf && db[b + 1] >= off)
			b++;
		for (size_t k = a; k <= b; k++)
			mask[k] = true;
		i = b;
	}
}

struct segs {
	struct pause *v; /* reused as [start, end) of speech */
	size_t n, cap;
};

static void mask_to_segments(const bool *mask, size_t nf, double hop_s, struct segs *s)
{
	for (size_t i = 0; i < nf;) {
		if (!mask[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < nf && mask[j])
			j++;
		GROW(s->v, s->cap, s->n + 1);
		s->v[s->n].start_s = (double)i * hop_s;
		s->v[s->n].end_s = (double)j * hop_s;
		s->n++;
		i = j;
	}
}

/* Merge gaps shorter than a pause, then drop bursts too short for speech. */
static void clean_segments(struct segs *s, double min_pause, double min_speech)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (k && s->v[i].start_s - s->v[k - 1].end_s < min_pause)
			s->v[k - 1].end_s = s->v[i].end_s;
		else
			s->v[k++] = s->v[i];
	}
	s->n = k;
	k = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].end_s - s->v[i].start_s >= min_speech)
			s->v[k++] = s->v[i];
	s->n = k;
}

/* Low-pass (Blackman-windowed sinc, cut-off at 0.45 of the new Nyquist
 * band) and decimate by m, in place: output o is written over input o once
 * no later output needs it (the first few wait in a small buffer). */
static size_t decimate_in_place(float *x, size_t n, int m)
{
	size_t no = n / (size_t)m;
	if (m == 1)
		return n;
	int half = 2 * m, taps = 2 * half + 1;
	float h[64];
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
	size_t lead = (size_t)half + 1;
	float first[64];
	for (size_t o = 0; o < no; o++) {
		long c = (long)(o * (size_t)m) - half;
		float acc = 0;
		if (c >= 0 && (size_t)c + (size_t)taps <= n) {
			const float *xs = x + c; /* the interior: no bounds to check */
			for (int i = 0; i < taps; i++)
				acc += h[i] * xs[i];
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
static bool voiced_at(const float *y, size_t ny, int fs, long c, double threshold)
{
	long win = (long)(0.040 * fs), lo = fs / 400, hi = fs / 60;
	long a = c - win / 2;
	if (a + win + hi > (long)ny)
		a = (long)ny - win - hi;
	if (a < 0)
		a = 0;
	if (a + win + hi > (long)ny || lo < 1)
		return false;
	const float *u = y + a;
	float e0 = 0;
	for (long i = 0; i < win; i++)
		e0 += u[i] * u[i];
	if (e0 <= 0)
		return false;
	float et = 0;
	for (long i = lo; i < lo + win; i++)
		et += u[i] * u[i];
	double best = 0;
	for (long t = lo; t <= hi; t++) {
		const float *v = u + t;
		float r = 0;
		for (long i = 0; i < win; i++)
			r += u[i] * v[i];
		if (et > 0 && r / sqrt((double)e0 * et) > best)
			best = r / sqrt((double)e0 * et);
		et += v[win] * v[win] - v[0] * v[0]; /* slide to lag t + 1 */
	}
	return best >= threshold;
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

static bool in_speech(const struct segs *s, double t)
{
	for (size_t i = 0; i < s->n; i++)
		if (t >= s->v[i].start_s && t < s->v[i].end_s)
			return true;
	return false;
}

static void find_syllables(float *w, size_t nw, int fw, double hop_s,
			   const struct segs *speech, size_t nf, const struct analysis_params *p, struct analysis *out)
{
	int m = fw / 8000 > 1 ? fw / 8000 : 1;
	int fs = fw / m;
	/* The working signal is not needed after this: decimate over it. */
	float *y = w;
	size_t ny = decimate_in_place(w, nw, m);
	highpass(y, ny, fs);
	double *in = intensity(y, ny, fs, hop_s, nf);
	double thr = quantile(in, nf, 0.99) - p->silence_db;
	size_t cap = 0;
	for (size_t f = 1; f + 1 < nf; f++) {
		if (in[f] < thr || in[f] <= in[f - 1] || in[f] < in[f + 1])
			continue;
		double t = ((double)f + 0.5) * hop_s;
		if (!in_speech(speech, t) || prominence(in, nf, f) < p->min_dip_db)
			continue;
		long c = (long)(t * fs);
		if (!voiced_at(y, ny, fs, c, p->voicing_threshold))
			continue;
		GROW(out->syllable_times, cap, (size_t)out->syllables + 1);
		out->syllable_times[out->syllables++] = t;
	}
	free(in);
}

static void rolling_pace(struct analysis *a, const struct analysis_params *p)
{
	if (p->pace_step_s <= 0 || a->duration_s <= 0)
		return;
	a->npace = (size_t)(a->duration_s / p->pace_step_s) + 1;
	a->pace = xcalloc(a->npace, sizeof *a->pace);
	for (size_t k = 0; k < a->npace; k++) {
		double t = (double)k * p->pace_step_s;
		double lo = t - p->pace_window_s / 2, hi = t + p->pace_window_s / 2;
		if (lo < 0)
			lo = 0;
		if (hi > a->duration_s)
			hi = a->duration_s;
		int c = 0;
		for (int i = 0; i < a->syllables; i++)
			c += a->syllable_times[i] >= lo && a->syllable_times[i] < hi;
		a->pace[k] = hi > lo ? c / (hi - lo) * 60.0 : 0;
	}
}


static void fill_pauses(struct analysis *a, const struct segs *s, const struct analysis_params *p)
{
	a->first_speech_s = s->v[0].start_s;
	a->last_speech_s = s->v[s->n - 1].end_s;
	if (a->last_speech_s > a->duration_s)
		a->last_speech_s = a->duration_s;
	a->speech_s = a->last_speech_s - a->first_speech_s;
	a->npauses = s->n - 1;
	a->pauses = xcalloc(a->npauses ? a->npauses : 1, sizeof *a->pauses);
	for (size_t i = 0; i + 1 < s->n; i++) {
		struct pause *pz = &a->pauses[i];
		pz->start_s = s->v[i].end_s;
		pz->end_s = s->v[i + 1].start_s;
		double len = pz->end_s - pz->start_s;
		a->speech_s -= len;
		if (len >= p->long_pause_s)
			a->long_pause_count++;
		if (len > a->longest_pause_s)
			a->longest_pause_s = len;
	}
}

/* The stream keeps what the full-rate samples are needed for (peak,
 * clipping, the raw energy of each frame) and the working signal at about
 * 16 kHz, which is all the rest of the analysis looks at. */
struct analysis_stream {
	int rate, m, fw;
	size_t hop;	 /* working samples per frame */
	size_t frames;	 /* full-rate samples fed */
	float *w;	 /* working signal: means of m samples */
	size_t nw, capw;
	float box;	 /* partial mean */
	int box_n;
	double *raw;	 /* unfiltered energy of each frame, full rate */
	size_t nraw, capraw;
	double raw_acc;
	size_t raw_n;
	uint32_t peak_bits, clip_bits;
	long long clipped;
};

struct analysis_stream *analysis_stream_new(int rate)
{
	if (rate <= 0)
		return NULL;
	struct analysis_stream *st = xcalloc(1, sizeof *st);
	st->rate = rate;
	/* Work at about 16 kHz: it keeps the fricatives that mark the start
	 * of a word and makes a 96 kHz file cost what a 16 kHz one does. */
	st->m = rate / 16000 > 1 ? rate / 16000 : 1;
	st->fw = rate / st->m;
	st->hop = (size_t)(HOP_S * st->fw + 0.5);
	float c = 0.999f;
	memcpy(&st->clip_bits, &c, sizeof c);
	return st;
}

/* Peak and clipping on the bit patterns of |x|: for non-negative floats
 * they order like integers, which lets the compiler vectorise. */
static void stream_levels(struct analysis_stream *st, const float *x, size_t n)
{
	uint32_t mx = st->peak_bits, limit = st->clip_bits;
	long long clipped = 0;
	for (size_t lo = 0; lo < n; lo += 65536) {
		size_t hi = lo + 65536 < n ? lo + 65536 : n;
		uint32_t count = 0;
		for (size_t i = lo; i < hi; i++) {
			uint32_t b;
			memcpy(&b, &x[i], sizeof b);
			b &= 0x7fffffffu;
			mx = b > mx ? b : mx;
			count += b >= limit;
		}
		clipped += count;
	}
	st->peak_bits = mx;
	st->clipped += clipped;
}

void analysis_stream_reserve(struct analysis_stream *st, size_t frames)
{
	size_t need = frames / (size_t)st->m + 1;
	if (!st->w && need * sizeof(float) >= (4u << 20)) {
		/* A long take: ask for huge pages, so filling the buffer does
		 * not fault page by page (a no-op where the kernel says no). */
		size_t bytes = (need * sizeof(float) + (2u << 20) - 1) & ~(size_t)((2u << 20) - 1);
		void *p = NULL;
		if (posix_memalign(&p, 2u << 20, bytes) == 0) {
			madvise(p, bytes, MADV_HUGEPAGE);
			st->w = p;
			st->capw = bytes / sizeof(float);
		}
	}
	GROW(st->w, st->capw, need);
	GROW(st->raw, st->capraw, frames / (st->hop * (size_t)st->m) + 1);
}

static float sum_squares(const float *x, size_t n)
{
	float e = 0;
	for (size_t i = 0; i < n; i++)
		e += x[i] * x[i];
	return e;
}

/* Means of m samples: a cheap anti-alias filter, enough for energy;
 * syllables get a proper low-pass further down. */
static void stream_box(struct analysis_stream *st, const float *x, size_t n)
{
	size_t i = 0, m = (size_t)st->m;
	float scale = 1.0f / (float)m;
	while (i < n && st->box_n) { /* finish a mean begun in the last piece */
		st->box += x[i++];
		if (++st->box_n == st->m) {
			st->w[st->nw++] = st->box * scale;
			st->box = 0;
			st->box_n = 0;
		}
	}
	size_t groups = (n - i) / m;
	float *out = st->w + st->nw;
	if (m == 1) {
		memcpy(out, x + i, groups * sizeof *out);
	} else {
		for (size_t g = 0; g < groups; g++) {
			const float *xs = x + i + g * m;
			float acc = 0;
			for (size_t k = 0; k < m; k++)
				acc += xs[k];
			out[g] = acc * scale;
		}
	}
	st->nw += groups;
	for (i += groups * m; i < n; i++) {
		st->box += x[i];
		st->box_n++;
	}
}

void analysis_stream_feed(struct analysis_stream *st, const float *x, size_t n)
{
	stream_levels(st, x, n);
	GROW(st->w, st->capw, st->nw + n / (size_t)st->m + 1);
	stream_box(st, x, n);
	size_t full_hop = st->hop * (size_t)st->m;
	for (size_t i = 0; i < n;) {
		size_t run = full_hop - st->raw_n < n - i ? full_hop - st->raw_n : n - i;
		st->raw_acc += sum_squares(x + i, run);
		st->raw_n += run;
		i += run;
		if (st->raw_n == full_hop) {
			GROW(st->raw, st->capraw, st->nraw + 1);
			st->raw[st->nraw++] = st->raw_acc / (double)full_hop;
			st->raw_acc = 0;
			st->raw_n = 0;
		}
	}
	st->frames += n;
}

/* Speech level from the raw frame energies inside speech. */
static double speech_rms(const struct analysis_stream *st, const struct segs *s, double hop_s)
{
	double e = 0;
	size_t cnt = 0;
	for (size_t i = 0; i < s->n; i++)
		for (size_t f = (size_t)(s->v[i].start_s / hop_s + 0.5);
		     f < (size_t)(s->v[i].end_s / hop_s + 0.5) && f < st->nraw; f++) {
			e += st->raw[f];
			cnt++;
		}
	return cnt ? to_db(e / (double)cnt) : ANALYSIS_FLOOR_DB;
}

static void speech_activity(const double *db, size_t nf, double hop_s,
			    const struct analysis_params *p, struct analysis *out, struct segs *s)
{
	double floor_db = quantile(db, nf, 0.05), level = quantile(db, nf, 0.95);
	out->noise_floor_dbfs = floor_db;
	if (!nf || level - floor_db < p->min_snr_db)
		return;
	double on = fmax(floor_db + p->floor_margin_db, level - p->speech_range_db);
	double off = fmax(on - 6.0, floor_db + p->floor_margin_db / 2);
	bool *mask = xmalloc(nf * sizeof *mask);
	speech_mask(db, nf, on, off, mask);
	mask_to_segments(mask, nf, hop_s, s);
	clean_segments(s, p->min_pause_s, p->min_speech_s);
	free(mask);
}

static void stream_free(struct analysis_stream *st)
{
	free(st->w);
	free(st->raw);
	free(st);
}

int analysis_stream_finish(struct analysis_stream *st, const struct analysis_params *params,
			   struct analysis *out)
{
	struct analysis_params defaults;
	if (!params) {
		analysis_default_params(&defaults);
		params = &defaults;
	}
	memset(out, 0, sizeof *out);
	out->speech_rms_dbfs = out->peak_dbfs = out->noise_floor_dbfs = ANALYSIS_FLOOR_DB;
	out->sample_rate = st->rate;
	out->duration_s = (double)st->frames / st->rate;
	out->clipped_samples = st->clipped;
	float peak;
	uint32_t bits = st->peak_bits > 0x7f800000u ? 0x7f800000u : st->peak_bits;
	memcpy(&peak, &bits, sizeof peak);
	out->peak_dbfs = to_db((double)peak * peak);
	size_t hop = st->hop, nw = st->nw;
	double hop_s = (double)hop / st->fw; /* the exact frame period */
	size_t nf = hop ? (nw + hop - 1) / hop : 0;
	struct segs s = {0};
	if (nf) {
		double *blocks = xmalloc(nf * sizeof *blocks), *db = xmalloc(nf * sizeof *db);
		block_energies(st->w, nw, hop, blocks, nf);
		for (size_t f = 0; f < nf; f++) {
			double e = blocks[f], k = 1;
			if (f > 0)
				e += blocks[f - 1], k++;
			if (f + 1 < nf)
				e += blocks[f + 1], k++;
			db[f] = to_db(e / k);
		}
		speech_activity(db, nf, hop_s, params, out, &s);
		free(blocks);
		free(db);
	}
	if (s.n) {
		out->has_speech = true;
		fill_pauses(out, &s, params);
		out->speech_rms_dbfs = speech_rms(st, &s, hop_s);
		find_syllables(st->w, nw, st->fw, hop_s, &s, nf, params, out);
		double span = out->last_speech_s - out->first_speech_s;
		if (span > 0)
			out->syllables_per_min = out->syllables / span * 60.0;
		if (out->speech_s > 0)
			out->articulation_rate = out->syllables / out->speech_s * 60.0;
		out->wpm_estimate = out->syllables_per_min / params->syllables_per_word;
	}
	rolling_pace(out, params);
	free(s.v);
	stream_free(st);
	return 0;
}

void analysis_stream_abort(struct analysis_stream *st)
{
	if (st)
		stream_free(st);
}

int analyze_samples(const float *x, size_t n, int rate, const struct analysis_params *params,
		    struct analysis *out)
{
	struct analysis_stream *st = analysis_stream_new(rate);
	if (!st) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	if (params)
		memcpy(&st->clip_bits, &(float){(float)params->clip_level}, sizeof(float));
	analysis_stream_feed(st, x, n);
	return analysis_stream_finish(st, params, out);
}

void analysis_free(struct analysis *a)
{
	free(a->pauses);
	free(a->syllable_times);
	free(a->pace);
	memset(a, 0, sizeof *a);
}
