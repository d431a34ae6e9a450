/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis.c - see analysis.h.
 *
 * Pipeline: level statistics at the full rate; everything else on the
 * signal resampled to WORK_RATE (16 kHz) whatever the input rate (see
 * resample.h), then decimated to SYLLABLE_RATE (8 kHz) and high-passed at
 * 150 Hz. Per 10 ms frame: the energy under about 1 kHz decides speech
 * against a noise floor followed through the take; the first difference's
 * energy grows speech over the fricatives at word edges; an intensity
 * contour (64 ms) gives the syllable peaks, and a voicing check on the
 * 8 kHz signal keeps the voiced ones. A voice pitched over the 150 Hz
 * high-pass has its peaks taken from the intensity over 400 Hz instead,
 * where its fundamental does not fill the dips between syllables. Segments without a clearly voiced
 * nucleus, or with too few for their length, are not speech.
 *
 * This file holds the stream, the level figures and the results; the
 * contours are built in dsp.c, speech is found in speech_activity.c and
 * the syllable nuclei in nuclei.c. Nothing holds the signal: the contours
 * are built as it streams in (44 bytes per 10 ms frame), the 8 kHz signal
 * is kept for the voicing check only up to ANALYSIS_KEEP_S, and a longer
 * take is fed a second time once the nuclei to check are known (issue
 * 19: a 2 h file took 542 MB, a 12 h one 2.9 GB). Levels are measured
 * with the DC out (dsp.c's power_frame).
 *
 * Methods and constants were chosen by measured error on the "tune" half
 * of tests/bench/bench-pacing.py (for example voicing 0.3 rather than 0.45
 * took real voices there from -19% to within 2%, and the low band rather
 * than the first difference found 43 of 44 long pauses instead of 17);
 * its figures are reported on the other half. With a second real speaker
 * in both halves (Asterisk's prompts), a 1.5 dB dip and voicing 0.5, taken
 * as the best within 30 ms of the peak's interpolated time, took the tune
 * half's real takes from 4.0% to 1.8% mean error; a longer or shorter
 * intensity window made them worse. */
#include "rehearse/analysis.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "dsp.h"
#include "nuclei.h"
#include "rehearse/util.h"
#include "resample.h"
#include "speech_activity.h"

/* Samples beyond this (60 dB over full scale) are clipped to it before the
 * analysis: their squares would overflow the sums. */
#define HUGE_SAMPLE 1000.0f
#define HUGE_SAMPLE_BITS 0x447a0000u /* the bits of 1000.0f */

void analysis_default_params(struct analysis_params *p)
{
	p->min_pause_s = 0.3;
	p->long_pause_s = 1.0;
	p->min_speech_s = 0.1;
	p->speech_range_db = 35.0;
	p->floor_margin_db = 9.0;
	p->min_snr_db = 10.0;
	p->silence_db = 25.0;
	/* Chosen on the tune half of tests/bench/bench-pacing.py with a
	 * second real speaker in it: 2 dB and 0.4 counted 7% low on her and
	 * on every real take of the reported half. */
	p->min_dip_db = 1.5;
	p->voicing_threshold = 0.5;
	/* The high-pass's own corner: a fundamental over it is left in. On
	 * the tune half the men's voices (real and synthetic) sit at 89 to
	 * 127 Hz, the women's at 167 to 205. */
	p->high_pitch_hz = 150.0;
	p->syllables_per_word = 0;
	p->pace_window_s = 10.0;
	p->pace_step_s = 1.0;
	p->clip_level = 0.999;
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
 * clipping, samples that are not numbers) and feeds the working signal at
 * WORK_RATE, which is all the rest of the analysis looks at (whatever the
 * device's rate, the detectors see the same signal), through the front
 * end into per-frame contours. Of the 8 kHz signal it keeps up to
 * ANALYSIS_KEEP_S, for the voicing of the syllable nuclei; past that the
 * samples are fed again (analysis_stream_replay) once the nuclei to look
 * at are known. */
#define KEEP_Y ((size_t)(ANALYSIS_KEEP_S * SYLLABLE_RATE))
/* The most samples handled at once. */
#define PIECE ((size_t)65536)

struct replay {
	struct resampler rs;
	struct front fr;
	struct nucleus *k;
	size_t n, next, frames;
	float *buf; /* the 8 kHz signal from sample off on */
	size_t off, len, cap;
	double threshold;
};

struct finish_ctx {
	analysis_replay_fn replay;
	void *ctx;
};

struct analysis_stream {
	int rate;
	size_t frames;	 /* full-rate samples fed */
	struct resampler rs;
	struct front fr;
	float *w;	 /* a piece of the working signal */
	size_t capw;
	bool keep;	 /* the 8 kHz signal is still kept in fr.c.y */
	bool replayable; /* finish will have the samples again */
	size_t capy;
	uint32_t peak_bits, clip_bits;
	long long clipped, nonfinite;
	struct analysis_params params; /* analysis_stream_use, or the defaults */
	float *clean;	 /* a piece with its non-finite samples zeroed */
	size_t capclean;
	struct replay *rp;
};

/* Stop keeping the 8 kHz signal: a replayable stream reads it again at
 * the end; any other has run out of memory. */
static void stop_keeping(struct analysis_stream *st)
{
	free(st->fr.c.y);
	st->fr.c.y = NULL;
	st->keep = false;
	st->fr.c.oom |= !st->replayable;
}

static void keep_y(void *ctx, const float *y, size_t n)
{
	struct analysis_stream *st = ctx;
	struct contours *c = &st->fr.c;
	size_t have = c->ny - n; /* the front counted them already */
	size_t most = st->replayable ? KEEP_Y : SIZE_MAX / 2 / sizeof *c->y;
	if (!st->keep)
		return;
	if (have + n > most) {
		stop_keeping(st);
		return;
	}
	if (have + n + 1 > st->capy) {
		size_t cap = st->capy * 2 > have + n + 1 ? st->capy * 2 : have + n + 1 + 65536;
		cap = cap > most + 1 ? most + 1 : cap;
		float *grown = realloc(c->y, cap * sizeof *c->y);
		if (!grown) {
			stop_keeping(st);
			return;
		}
		c->y = grown;
		st->capy = cap;
	}
	memcpy(c->y + have, y, n * sizeof *y);
}

void analysis_stream_replayable(struct analysis_stream *st)
{
	if (st)
		st->replayable = true;
}

/* Every buffer a piece needs, set aside at the start: a take that runs
 * the memory out then does so in its contours, which say so, not in an
 * allocation that aborts. */
static void set_aside(struct analysis_stream *st, struct resampler *rs, struct front *fr)
{
	size_t out = resampler_out_len(rs, PIECE) + 4 * rs->taps + 64;
	GROW(st->w, st->capw, out);
	GROW(rs->buf, rs->capbuf, PIECE + rs->taps + 2);
	front_set_aside(fr, out);
}

struct analysis_stream *analysis_stream_new(int rate)
{
	if (rate < ANALYSIS_MIN_RATE || rate > ANALYSIS_MAX_RATE)
		return NULL;
	struct analysis_stream *st = xcalloc(1, sizeof *st);
	st->rate = rate;
	resampler_init(&st->rs, rate, WORK_RATE);
	front_init(&st->fr, true, keep_y, st);
	set_aside(st, &st->rs, &st->fr);
	st->keep = true;
	analysis_stream_use(st, NULL);
	return st;
}

void analysis_stream_use(struct analysis_stream *st, const struct analysis_params *p)
{
	if (!st)
		return;
	if (p)
		st->params = *p;
	else
		analysis_default_params(&st->params);
	float c = st->params.clip_level > 0 ? (float)st->params.clip_level : 0.999f;
	memcpy(&st->clip_bits, &c, sizeof c);
}

/* Peak, clipping and non-finite samples of a piece on the bit patterns of
 * |x|: for non-negative floats they order like integers, which lets the
 * compiler vectorise. Infinities and NaNs (bits from 0x7f800000) are
 * counted apart and kept out of the peak. */
static void piece_levels(const float *x, size_t n, uint32_t limit, uint32_t *peak,
			 long long *clip, long long *nonfinite)
{
	uint32_t mx = 0;
	long long clipped = 0, bad = 0;
	for (size_t lo = 0; lo < n; lo += 65536) {
		size_t hi = lo + 65536 < n ? lo + 65536 : n;
		int32_t count = 0, nan = 0, top = (int32_t)mx, lim = (int32_t)limit;
		for (size_t i = lo; i < hi; i++) {
			int32_t b; /* signed: |x| has no sign bit, and plain SSE2 compares signed */
			memcpy(&b, &x[i], sizeof b);
			b &= 0x7fffffff;
			top = b > top ? b : top;
			count += b >= lim;
			nan += b >= 0x7f800000;
		}
		mx = (uint32_t)top;
		clipped += count - nan; /* not a number is not clipping */
		bad += nan;
	}
	if (bad) { /* rare: the peak again, without them */
		mx = 0;
		for (size_t i = 0; i < n; i++) {
			uint32_t b;
			memcpy(&b, &x[i], sizeof b);
			b &= 0x7fffffffu;
			mx = b > mx && b < 0x7f800000u ? b : mx;
		}
	}
	*peak = mx;
	*clip = clipped;
	*nonfinite = bad;
}

/* x, or a copy with its NaN and infinite samples zeroed (skipped as
 * silence, so one bad value cannot poison every level) and absurdly loud
 * ones clipped, when dirty says there are such (rare). */
static const float *clean_piece(struct analysis_stream *st, const float *x, size_t n, bool dirty)
{
	if (!dirty)
		return x;
	GROW(st->clean, st->capclean, n);
	for (size_t i = 0; i < n; i++)
		st->clean[i] = !isfinite(x[i]) ? 0.0f : fmaxf(-HUGE_SAMPLE, fminf(HUGE_SAMPLE, x[i]));
	return st->clean;
}

/* n more samples (frames before them) through the resampler into the
 * front end; n == 0: the resampler's last outputs. */
static void to_front(struct analysis_stream *st, struct resampler *rs, struct front *fr,
		     size_t frames, const float *x, size_t n)
{
	size_t room = resampler_out_len(rs, frames + n + rs->taps + 1) - rs->nout + 1;
	GROW(st->w, st->capw, room);
	size_t made = n ? resampler_run(rs, x, n, st->w) : resampler_flush(rs, frames, st->w);
	front_feed(fr, st->w, made);
}

void analysis_stream_reserve(struct analysis_stream *st, size_t frames)
{
	if (!st || !frames)
		return;
	/* Known to be too long to hold, and to be read again: do not start
	 * keeping. */
	if (st->replayable && (double)frames / st->rate > ANALYSIS_KEEP_S)
		st->keep = false;
	size_t hop = (size_t)(HOP_S * WORK_RATE);
	front_reserve(&st->fr, (resampler_out_len(&st->rs, frames) + hop) / hop + 1);
}

static void feed_piece(struct analysis_stream *st, const float *x, size_t n);

void analysis_stream_feed(struct analysis_stream *st, const float *x, size_t n)
{
	/* In pieces of at most PIECE, so no buffer ever grows with what one
	 * call hands over (the stream's are all set aside at the start). */
	for (size_t k = 0; st && k < n; k += PIECE)
		feed_piece(st, x + k, n - k < PIECE ? n - k : PIECE);
}

static void feed_piece(struct analysis_stream *st, const float *x, size_t n)
{
	uint32_t mx;
	long long clipped, bad;
	piece_levels(x, n, st->clip_bits, &mx, &clipped, &bad);
	st->peak_bits = mx > st->peak_bits ? mx : st->peak_bits;
	st->clipped += clipped;
	st->nonfinite += bad;
	x = clean_piece(st, x, n, bad || mx > HUGE_SAMPLE_BITS);
	to_front(st, &st->rs, &st->fr, st->frames, x, n);
	st->frames += n;
}

static void stream_free(struct analysis_stream *st)
{
	resampler_free(&st->rs);
	front_free(&st->fr);
	contours_free(&st->fr.c);
	free(st->w);
	free(st->clean);
	free(st);
}

static void level_results(struct analysis_stream *st, struct analysis *out)
{
	out->speech_rms_dbfs = out->peak_dbfs = out->noise_floor_dbfs = ANALYSIS_FLOOR_DB;
	out->sample_rate = st->rate;
	out->duration_s = (double)st->frames / st->rate;
	out->clipped_samples = st->clipped;
	out->nonfinite_samples = st->nonfinite;
	float peak;
	memcpy(&peak, &st->peak_bits, sizeof peak);
	out->peak_dbfs = to_db((double)peak * peak);
}

static void rates(struct analysis *out, const struct analysis_params *p)
{
	double span = out->last_speech_s - out->first_speech_s;
	if (span > 0)
		out->syllables_per_min = out->syllables / span * 60.0;
	if (out->speech_s > 0)
		out->articulation_rate = out->syllables / out->speech_s * 60.0;
	out->syllables_per_word = p->syllables_per_word > 0 ? p->syllables_per_word : ANALYSIS_TYPICAL_SPW;
	out->wpm_source = p->syllables_per_word > 0 ? WPM_TEXT : WPM_TYPICAL;
	out->wpm_estimate = out->syllables_per_min / out->syllables_per_word;
	out->snr_db = out->speech_rms_dbfs - out->noise_floor_dbfs;
}

/* Speech starts at the first word (t, when it lies in the first segment),
 * and the nuclei before it (a click or a breath's) are not syllables. */
static void start_at_first_word(struct segs *s, struct analysis *out, double t)
{
	if (t < s->v[0].end_s)
		s->v[0].start_s = fmax(s->v[0].start_s, t);
	int skip = 0;
	while (skip < out->syllables && out->syllable_times[skip] < s->v[0].start_s)
		skip++;
	out->syllables -= skip;
	memmove(out->syllable_times, out->syllable_times + skip,
		(size_t)out->syllables * sizeof *out->syllable_times);
}

/* The 8 kHz signal of the replay, piece by piece: the voicing of every
 * nucleus whose samples have all arrived, then only what later ones need
 * is kept. */
static void replay_y(void *ctx, const float *y, size_t n)
{
	struct replay *rp = ctx;
	GROW(rp->buf, rp->cap, rp->len + n);
	memcpy(rp->buf + rp->len, y, n * sizeof *y);
	rp->len += n;
}

static void replay_voice(struct replay *rp, size_t ny)
{
	rp->next = nuclei_voice(rp->k, rp->next, rp->n, rp->buf, rp->off, rp->len, ny, rp->threshold);
	size_t from = rp->next < rp->n ? rp->k[rp->next].lo : rp->off + rp->len;
	if (from > rp->off + rp->len)
		from = rp->off + rp->len;
	if (from > rp->off) {
		size_t drop = from - rp->off;
		rp->len -= drop;
		memmove(rp->buf, rp->buf + drop, rp->len * sizeof *rp->buf);
		rp->off = from;
	}
}

static void replay_piece(struct analysis_stream *st, const float *x, size_t n);

void analysis_stream_replay(struct analysis_stream *st, const float *x, size_t n)
{
	for (size_t k = 0; st && st->rp && k < n; k += PIECE)
		replay_piece(st, x + k, n - k < PIECE ? n - k : PIECE);
}

static void replay_piece(struct analysis_stream *st, const float *x, size_t n)
{
	struct replay *rp = st->rp;
	uint32_t mx;
	long long clipped, bad;
	piece_levels(x, n, st->clip_bits, &mx, &clipped, &bad);
	x = clean_piece(st, x, n, bad || mx > HUGE_SAMPLE_BITS);
	to_front(st, &rp->rs, &rp->fr, rp->frames, x, n);
	rp->frames += n;
	replay_voice(rp, st->fr.c.ny);
}

/* The voicing of the n nuclei k from the samples fed again by replay:
 * 0, or -1 if there is no replay or it failed or fed other samples. */
static int replay_voicing(struct analysis_stream *st, struct nucleus *k, size_t n,
			  double threshold, analysis_replay_fn replay, void *ctx)
{
	if (!replay)
		return -1;
	struct replay *rp = xcalloc(1, sizeof *rp);
	resampler_init(&rp->rs, st->rate, WORK_RATE);
	front_init(&rp->fr, false, replay_y, rp);
	set_aside(st, &rp->rs, &rp->fr);
	rp->k = k;
	rp->n = n;
	rp->threshold = threshold;
	st->rp = rp;
	int rc = replay(ctx, st);
	if (rc == 0 && rp->frames == st->frames) {
		to_front(st, &rp->rs, &rp->fr, rp->frames, NULL, 0);
		front_flush(&rp->fr);
		replay_voice(rp, st->fr.c.ny);
	}
	if (rp->frames != st->frames || rp->fr.c.ny != st->fr.c.ny || rp->next != n)
		rc = -1;
	st->rp = NULL;
	resampler_free(&rp->rs);
	front_free(&rp->fr);
	free(rp->buf);
	free(rp);
	return rc;
}

/* The syllable nuclei inside speech, their voicing from the signal kept
 * or fed again. thr[0] and thr[1] are the peaks' thresholds in c->in and
 * c->in_hi. The candidates of both are voiced (one reading of a long
 * take); a voice pitched over p->high_pitch_hz keeps those of in_hi.
 * Such a voice's fundamental lies over the 150 Hz high-pass, and it
 * carries the intensity through the nasals and glides between vowels:
 * flite's slt (about 190 Hz) read "ran the unit" 30-35 dB under 250 Hz
 * throughout, its 64 ms intensity flat within 1 dB, while over 500 Hz it
 * fell 20-40 dB at each n and dh, and it lost 14-17% of its syllables on
 * the tune half. 0, or -1 when the voicing could not be had. */
static int find_syllables(struct analysis_stream *st, const struct segs *speech,
			  const struct analysis_params *p, const struct finish_ctx *fc,
			  const double thr[2], struct analysis *out, double **strength)
{
	const struct contours *c = &st->fr.c;
	struct nucleus *k, *kh;
	size_t n = nuclei_candidates(c, false, speech, p, thr, &k);
	size_t nh = p->high_pitch_hz > 0 ? nuclei_candidates(c, true, speech, p, thr, &kh) : 0;
	if (p->high_pitch_hz > 0) {
		n = nuclei_merge(k, n, kh, nh, &k);
		free(kh);
	}
	int rc = 0;
	if (c->y)
		nuclei_voice(k, 0, n, c->y, 0, c->ny, c->ny, p->voicing_threshold);
	else if (n)
		rc = replay_voicing(st, k, n, p->voicing_threshold, fc->replay, fc->ctx);
	bool high = p->high_pitch_hz > 0 && nuclei_pitch(k, n) > p->high_pitch_hz;
	if (rc == 0)
		nuclei_keep(k, n, high, out, strength);
	free(k);
	return rc;
}

/* Speech segments, their syllable nuclei, and only the segments that have
 * clearly voiced ones. The runs with no nucleus go before the edges grow:
 * grown, a swell of room noise beside a word reached it over the
 * frication floor and moved the first word up to 0.17 s early (on the tune
 * half; 0.05 s at most after). 0, or -1 as find_syllables. */
static int speech_and_syllables(struct analysis_stream *st, const struct analysis_params *params,
				const struct finish_ctx *fc, struct analysis *out, struct segs *s)
{
	const struct contours *c = &st->fr.c;
	speech_activity(c, params, out, s);
	if (!s->n)
		return 0;
	/* The peaks' threshold before the edges' floor is held: one take-long
	 * copy at a time. */
	double thr[2] = {quantile(c->in, c->nf, 0.99) - params->silence_db,
			 quantile(c->in_hi, c->nf, 0.99) - params->silence_db};
	struct segs grown = segs_copy(s);
	struct edge_levels e = edge_levels(c, params);
	grow_edges(c, &e, &grown);
	out->speech_rms_dbfs = speech_rms(c->power, c->nf, &grown);
	double *strength = NULL;
	int rc = find_syllables(st, &grown, params, fc, thr, out, &strength);
	free(grown.v);
	if (rc == 0) {
		drop_empty_runs(s, out);
		bool *swells = trim_swells(s, c, out);
		e.barred = swells;
		grow_edges(c, &e, s);
		free(swells);
		struct segs raw = segs_copy(s);
		clean_segments(s, params->min_pause_s, params->min_speech_s);
		keep_voiced_segments(s, out, strength);
		if (s->n)
			start_at_first_word(s, out, first_word_start(&raw, out, strength));
		free(raw.v);
	}
	free(e.floor);
	free(strength);
	return rc;
}

/* Whether the contours are whole and there is room for what the
 * whole-take steps need besides (two take-long arrays and masks at once,
 * and a second reading's buffers): if not, the analysis says so instead
 * of aborting part-way. */
static bool enough_memory(const struct contours *c)
{
	if (c->oom)
		return false;
	void *p = malloc(3 * (c->nf + 1) * sizeof(double) + (8u << 20));
	free(p);
	return p != NULL;
}

int analysis_stream_finish_replay(struct analysis_stream *st, const struct analysis_params *params,
				  analysis_replay_fn replay, void *ctx, struct analysis *out)
{
	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	if (!params)
		params = &st->params;
	const struct finish_ctx fc = {replay, ctx};
	level_results(st, out);
	to_front(st, &st->rs, &st->fr, st->frames, NULL, 0);
	front_flush(&st->fr);
	struct segs s = {0};
	int rc = enough_memory(&st->fr.c) ? 0 : ANALYSIS_ENOMEM;
	if (rc == 0 && st->fr.c.nf)
		rc = speech_and_syllables(st, params, &fc, out, &s);
	if (rc == 0 && s.n) {
		out->has_speech = true;
		fill_pauses(out, &s, params);
		rates(out, params);
	} else {
		out->syllables = 0;
		out->speech_rms_dbfs = ANALYSIS_FLOOR_DB;
	}
	if (rc == 0)
		rolling_pace(out, params);
	free(s.v);
	stream_free(st);
	if (rc < 0)
		analysis_free(out);
	return rc;
}

int analysis_stream_finish(struct analysis_stream *st, const struct analysis_params *params,
			   struct analysis *out)
{
	return analysis_stream_finish_replay(st, params, NULL, NULL, out);
}

void analysis_stream_abort(struct analysis_stream *st)
{
	if (st)
		stream_free(st);
}

struct samples {
	const float *x;
	size_t n;
};

static int replay_samples(void *ctx, struct analysis_stream *st)
{
	const struct samples *sm = ctx;
	analysis_stream_replay(st, sm->x, sm->n);
	return 0;
}

int analyze_samples(const float *x, size_t n, int rate, const struct analysis_params *params,
		    struct analysis *out)
{
	struct analysis_stream *st = analysis_stream_new(rate);
	if (!st) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	analysis_stream_use(st, params);
	analysis_stream_replayable(st);
	analysis_stream_feed(st, x, n);
	struct samples sm = {x, n};
	return analysis_stream_finish_replay(st, params, replay_samples, &sm, out);
}

void analysis_free(struct analysis *a)
{
	free(a->pauses);
	free(a->syllable_times);
	free(a->pace);
	memset(a, 0, sizeof *a);
}
