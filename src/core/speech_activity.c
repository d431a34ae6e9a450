/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech_activity.c - see speech_activity.h. The constants were chosen
 * as analysis.c's header comment says. */
#include "speech_activity.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/util.h"

/* Speech activity: the noise floor is followed in blocks of FLOOR_BLOCK_S
 * over FLOOR_SPAN_S either side; speech extends over neighbours down to
 * OFF_DROP_DB under the level that starts it. */
#define FLOOR_BLOCK_S 0.5
#define FLOOR_QUANTILE 0.2
#define FLOOR_SPAN_S 3.0
#define OFF_DROP_DB 6.0
/* Speech is decided in the band under about 1 kHz, where a voice stands
 * out from fans and rooms; a run's end grows by up to EDGE_S and its start
 * by up to EDGE_START_S where the first difference (the fricatives) is
 * still high. */
#define EDGE_S 0.2
#define EDGE_START_S 0.15
/* A word-final fricative or stop release can follow its vowel after a
 * closure this long; the edges grow across it. (Measured before the rules
 * below existed: on the tune half 0.2 s and 0.05 s took the pause edges
 * from 0.042 to 0.036 s mean error; 0.3 s and 0.15 s invented 7 pauses.) */
#define EDGE_GAP_S 0.05
/* After a longer closure, up to EDGE_LONG_GAP_S, only frication within
 * EDGE_STRONG_DB of the take's loud frication is the word's: a drawn-out
 * final "z" ("he was") comes back as strong as the vowel, 0.13 s after
 * it, while a breath or a click in the pause after a sentence is 18 dB or
 * more under. */
#define EDGE_LONG_GAP_S 0.15
#define EDGE_STRONG_DB 12.0
/* A start grows only over strong frication, with no gap: room noise with
 * some hiss in it 15 dB under the take's loud frication led words in by
 * the whole EDGE_START_S (first word 0.17 s early on the tune half; with
 * the rule every first word is within 0.05 s and one more pause is found
 * each side). A faint "f" or "h" before a vowel is left out, which costs
 * at most its own length. */
/* Frication more than EDGE_RANGE_DB under the take's loud frication is
 * not a word's, however far it stands over its floor: in near-digital
 * silence (-95 dBFS and under) the floor of a 44.1 kHz copy sits 20 dB
 * lower than the 16 kHz copy's, and the dither grew pause edges by 0.2 s. */
#define EDGE_RANGE_DB 45.0
/* Room noise that swells beside a word is not the word: past a run's last
 * nucleus (or before its first) SWELL_S or more of the voice band held
 * SWELL_DB under the run's loudest nucleus is cut off, and no edge grows
 * back over it. A word's own tail or onset falls through that in well
 * under SWELL_S. (Tune half: 79 of 81 long pauses; 18-25 dB with
 * 0.25-0.35 s found 77 or 78; 15 dB or 0.2 s cut real word ends.) */
#define SWELL_DB 20.0
#define SWELL_S 0.3
/* A segment is speech only with a nucleus at least this clearly voiced,
 * and, over half a second long, this many nuclei a second. */
#define SPEECH_VOICING 0.6
#define MIN_SYLLABLES_PER_S 1.5
/* A gap this long or longer ends the first word's run of activity. */
#define ONSET_GAP_S 0.1
/* A run of activity this long with no syllable nucleus is not speech. */
#define EMPTY_RUN_S 0.25

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
void clean_segments(struct segs *s, double min_pause, double min_speech)
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

bool in_speech(const struct segs *s, double t)
{
	for (size_t i = 0; i < s->n; i++)
		if (t >= s->v[i].start_s && t < s->v[i].end_s)
			return true;
	return false;
}

/* The frames of segment i, [*f0, *f1), cut to the nf there are. */
static void seg_frames(const struct segs *s, size_t i, size_t nf, size_t *f0, size_t *f1)
{
	*f0 = (size_t)(s->v[i].start_s / HOP_S + 0.5);
	*f1 = (size_t)fmin(s->v[i].end_s / HOP_S + 0.5, (double)nf);
}

/* Speech level: mean power of the frames inside speech. */
double speech_rms(const double *power, size_t nf, const struct segs *s)
{
	double e = 0;
	size_t cnt = 0, f0, f1;
	for (size_t i = 0; i < s->n; i++) {
		seg_frames(s, i, nf, &f0, &f1);
		for (size_t f = f0; f < f1; f++) {
			e += power[f];
			cnt++;
		}
	}
	return cnt ? to_db(e / (double)cnt) : ANALYSIS_FLOOR_DB;
}

/* The noise floor around each frame: the low quantile of the frames in
 * FLOOR_BLOCK blocks, then the larger of the lowest block in the
 * FLOOR_SPAN before and in the FLOOR_SPAN after. A floor that steps up (a
 * fan starting, a gate opening) is followed from the step on, and speech
 * longer than the span is rare enough in an answer. */
static void local_floor(const double *db, size_t nf, double *fl)
{
	size_t bl = (size_t)(FLOOR_BLOCK_S / HOP_S), nb = (nf + bl - 1) / bl;
	size_t span = (size_t)(FLOOR_SPAN_S / FLOOR_BLOCK_S);
	double *bq = xmalloc(nb * sizeof *bq);
	for (size_t b = 0; b < nb; b++) {
		size_t lo = b * bl, n = lo + bl <= nf ? bl : nf - lo;
		bq[b] = quantile(db + lo, n, FLOOR_QUANTILE);
	}
	for (size_t b = 0; b < nb; b++) {
		size_t a0 = b > span ? b - span : 0, a1 = b + span < nb ? b + span : nb - 1;
		double left = bq[b], right = bq[b];
		for (size_t k = a0; k < b; k++)
			left = bq[k] < left ? bq[k] : left;
		for (size_t k = b + 1; k <= a1; k++)
			right = bq[k] < right ? bq[k] : right;
		for (size_t f = b * bl; f < (b + 1) * bl && f < nf; f++)
			fl[f] = left > right ? left : right;
	}
	free(bq);
}

/* Speech activity per frame with hysteresis: frames well above their
 * local floor and within speech_range_db of the speech level start speech,
 * which extends over neighbours down to OFF_DROP_DB less. */
static double start_level(const double *fl, size_t i, double level, const struct analysis_params *p)
{
	return fmax(fl[i] + p->floor_margin_db, level - p->speech_range_db);
}

static bool above_off(const double *db, const double *fl, size_t i, double level,
		      const struct analysis_params *p)
{
	double on = start_level(fl, i, level, p);
	return db[i] >= fmax(on - OFF_DROP_DB, fl[i] + p->floor_margin_db / 2);
}

static void speech_mask(const double *db, const double *fl, size_t nf, double level,
			const struct analysis_params *p, bool *mask)
{
	memset(mask, 0, nf * sizeof *mask);
	for (size_t i = 0; i < nf; i++) {
		if (mask[i] || db[i] < start_level(fl, i, level, p))
			continue;
		size_t a = i, b = i;
		while (a > 0 && !mask[a - 1] && above_off(db, fl, a - 1, level, p))
			a--;
		while (b + 1 < nf && above_off(db, fl, b + 1, level, p))
			b++;
		for (size_t k = a; k <= b; k++)
			mask[k] = true;
		i = b;
	}
}

/* Whether frame f is frication that grows a word's edge: over its floor
 * and within EDGE_RANGE_DB of the take's loud frication; when it lies
 * beyond a short closure (near false) or before a word (start), strong. */
static bool grows_edge(const struct contours *c, const struct edge_levels *e, size_t f, bool near,
		       bool start)
{
	double d = c->diff[f];
	return d >= e->floor[f] + e->margin && d >= e->weakest &&
	       ((near && !start) || d >= e->strong);
}

/* How far speech grows from frame i in direction dir (+1 or -1), at most
 * EDGE_S forwards and EDGE_START_S back, over frames that grows_edge
 * takes (an s or a t at the edge of a word, which the low band does not
 * see), never over a barred frame. Forwards it crosses quiet closures of
 * up to EDGE_GAP_S, and of up to EDGE_LONG_GAP_S to strong frication (a
 * word-final "z" often follows its vowel after a closure). */
static size_t edge_reach(const struct contours *c, const struct edge_levels *e,
			 const bool *mask, size_t i, int dir)
{
	bool start = dir < 0;
	size_t edge = (size_t)((start ? EDGE_START_S : EDGE_S) / HOP_S), reach = 0;
	size_t gap = start ? 0 : (size_t)(EDGE_GAP_S / HOP_S);
	size_t long_gap = start ? 0 : (size_t)(EDGE_LONG_GAP_S / HOP_S);
	for (size_t k = 1; k <= edge; k++) {
		if (start ? k > i : i + k >= c->nf)
			break;
		size_t f = start ? i - k : i + k;
		if (mask[f] || (e->barred && e->barred[f]) || k > reach + long_gap + 1)
			break;
		if (grows_edge(c, e, f, k <= reach + gap + 1, start))
			reach = k;
	}
	return reach;
}

/* Grow speech at both edges of every run by edge_reach. */
static void extend_edges(const struct contours *c, const struct edge_levels *e, bool *mask)
{
	size_t nf = c->nf;
	bool *grown = xmalloc(nf * sizeof *grown);
	memcpy(grown, mask, nf * sizeof *grown);
	for (size_t i = 0; i < nf; i++) {
		if (!mask[i])
			continue;
		if (i + 1 < nf && !mask[i + 1])
			for (size_t k = edge_reach(c, e, mask, i, 1); k > 0; k--)
				grown[i + k] = true;
		if (i > 0 && !mask[i - 1])
			for (size_t k = edge_reach(c, e, mask, i, -1); k > 0; k--)
				grown[i - k] = true;
	}
	memcpy(mask, grown, nf * sizeof *grown);
	free(grown);
}

static double *floor_under(const double *db, size_t nf, double level, double min_snr)
{
	double *fl = xmalloc(nf * sizeof *fl);
	local_floor(db, nf, fl);
	for (size_t f = 0; f < nf; f++)
		fl[f] = fmin(fl[f], level - min_snr); /* never up into the speech */
	return fl;
}

void speech_activity(const struct contours *c, const struct analysis_params *p,
			    struct analysis *out, struct segs *s)
{
	size_t nf = c->nf;
	double floor_db = quantile(c->low, nf, 0.05), level = quantile(c->low, nf, 0.95);
	double *pdb = xmalloc(nf * sizeof *pdb);
	for (size_t f = 0; f < nf; f++)
		pdb[f] = to_db(c->power[f]);
	out->noise_floor_dbfs = quantile_reorder(pdb, nf, 0.05);
	free(pdb);
	if (!nf || level - floor_db < p->min_snr_db)
		return;
	double *fl = floor_under(c->low, nf, level, p->min_snr_db);
	bool *mask = xmalloc(nf * sizeof *mask);
	speech_mask(c->low, fl, nf, level, p, mask);
	mask_to_segments(mask, nf, HOP_S, s);
	free(mask);
	free(fl);
}

/* What frication grows the edges of a take's runs. */
struct edge_levels edge_levels(const struct contours *c, const struct analysis_params *p)
{
	double dlevel = quantile(c->diff, c->nf, 0.95);
	return (struct edge_levels){floor_under(c->diff, c->nf, dlevel, p->min_snr_db),
				    p->floor_margin_db, dlevel - EDGE_STRONG_DB,
				    dlevel - EDGE_RANGE_DB, NULL};
}

/* Grow the edges of the runs in s over the frication beside them. */
void grow_edges(const struct contours *c, const struct edge_levels *e, struct segs *s)
{
	size_t nf = c->nf, f0, f1;
	bool *mask = xcalloc(nf, sizeof *mask);
	for (size_t i = 0; i < s->n; i++) {
		seg_frames(s, i, nf, &f0, &f1);
		for (size_t f = f0; f < f1; f++)
			mask[f] = true;
	}
	extend_edges(c, e, mask);
	s->n = 0;
	mask_to_segments(mask, nf, HOP_S, s);
	free(mask);
}

struct segs segs_copy(const struct segs *s)
{
	struct segs d = {xmalloc((s->n ? s->n : 1) * sizeof *s->v), s->n, s->n ? s->n : 1};
	memcpy(d.v, s->v, s->n * sizeof *s->v);
	return d;
}

/* Keep only the speech segments with a clearly voiced syllable nucleus
 * and, over half a second long, at least MIN_SYLLABLES_PER_S of them: a click,
 * a breath, a chair or a swell of room noise has none or too few. Nuclei in
 * the segments dropped go with them. */
void keep_voiced_segments(struct segs *s, struct analysis *a, double *strength)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		bool voiced = false;
		int count = 0;
		double len = s->v[i].end_s - s->v[i].start_s;
		for (int j = 0; j < a->syllables; j++) {
			bool inside = a->syllable_times[j] >= s->v[i].start_s &&
				      a->syllable_times[j] < s->v[i].end_s;
			count += inside;
			voiced |= inside && strength[j] >= SPEECH_VOICING;
		}
		/* Speech has a few syllables a second; a stretch with
		 * one or two is a hum riding on noise. */
		if (voiced && (len <= 0.5 || count >= MIN_SYLLABLES_PER_S * len))
			s->v[k++] = s->v[i];
	}
	s->n = k;
	int kept = 0;
	for (int j = 0; j < a->syllables; j++)
		if (in_speech(s, a->syllable_times[j])) {
			strength[kept] = strength[j];
			a->syllable_times[kept++] = a->syllable_times[j];
		}
	a->syllables = kept;
}

/* Drop the runs of activity at least EMPTY_RUN_S long that hold no
 * syllable nucleus at all, before short gaps are merged: a swell of room
 * noise or a breath just beside a word would otherwise be merged into it
 * and move the pause's edge (or fill the pause). A run that short is left:
 * it may be a word's fricative or stop release cut off by a closure. */
void drop_empty_runs(struct segs *s, const struct analysis *a)
{
	size_t k = 0;
	int j = 0;
	for (size_t i = 0; i < s->n; i++) {
		while (j < a->syllables && a->syllable_times[j] < s->v[i].start_s)
			j++;
		bool has = j < a->syllables && a->syllable_times[j] < s->v[i].end_s;
		if (has || s->v[i].end_s - s->v[i].start_s < EMPTY_RUN_S)
			s->v[k++] = s->v[i];
	}
	s->n = k;
}

/* Where the first word starts: the run of activity, unbroken by more than
 * ONSET_GAP_S, that holds the first clearly voiced nucleus. A click or a
 * breath a moment before it is not the word. */
double first_word_start(const struct segs *raw, const struct analysis *a,
			       const double *strength)
{
	double t = -1;
	for (int j = 0; j < a->syllables && t < 0; j++)
		if (strength[j] >= SPEECH_VOICING)
			t = a->syllable_times[j];
	size_t i = 0;
	while (i < raw->n && raw->v[i].end_s <= t)
		i++;
	if (t < 0 || i == raw->n || raw->v[i].start_s > t)
		return 0; /* t in no raw run (a grown edge): the segment's own start */
	while (i > 0 && raw->v[i].start_s - raw->v[i - 1].end_s < ONSET_GAP_S)
		i--;
	return raw->v[i].start_s;
}

/* The first frame of the first stretch of SWELL_S frames whose voice band
 * is under ref, walking from frame `from` by dir within [lo, hi]; SIZE_MAX
 * if there is none. */
static size_t swell_from(const struct contours *c, size_t from, size_t lo, size_t hi, int dir,
			 double ref)
{
	size_t len = (size_t)(SWELL_S / HOP_S), run = 0, start = 0;
	for (size_t f = from; f >= lo && f <= hi; f += (size_t)(ptrdiff_t)dir) {
		if (c->low[f] >= ref)
			run = 0;
		else if (!run++)
			start = f;
		if (run >= len)
			return start;
	}
	return SIZE_MAX;
}

/* The voice-band level of the loudest of nuclei j to k - 1: a swell is
 * measured against the run's voice, not against one faint syllable or a
 * nucleus found in the noise itself (whose level moved a cut in and out
 * between copies of a take at two sample rates). */
static double loudest_nucleus(const struct contours *c, const struct analysis *a, int j, int k)
{
	double m = -INFINITY;
	for (int q = j; q < k; q++)
		m = fmax(m, c->low[(size_t)(a->syllable_times[q] / HOP_S)]);
	return m;
}

/* Cut the swells of noise off the ends of every run in s with nuclei
 * (runs and nuclei both in time order); the frames cut are true in the
 * array returned. */
bool *trim_swells(struct segs *s, const struct contours *c, const struct analysis *a)
{
	bool *cut = xcalloc(c->nf, sizeof *cut);
	int j = 0;
	for (size_t i = 0; i < s->n; i++) {
		while (j < a->syllables && a->syllable_times[j] < s->v[i].start_s)
			j++;
		int k = j;
		while (k < a->syllables && a->syllable_times[k] < s->v[i].end_s)
			k++;
		size_t f0, f1;
		seg_frames(s, i, c->nf, &f0, &f1);
		if (k == j || f1 <= f0)
			continue;
		size_t n0 = (size_t)(a->syllable_times[j] / HOP_S);
		size_t n1 = (size_t)(a->syllable_times[k - 1] / HOP_S);
		double ref = loudest_nucleus(c, a, j, k) - SWELL_DB;
		size_t e = swell_from(c, n1, f0, f1 - 1, 1, ref);
		if (e != SIZE_MAX) {
			memset(cut + e, 1, (f1 - e) * sizeof *cut);
			s->v[i].end_s = (double)e * HOP_S;
		}
		size_t b = swell_from(c, n0, f0, f1 - 1, -1, ref);
		if (b != SIZE_MAX) {
			memset(cut + f0, 1, (b + 1 - f0) * sizeof *cut);
			s->v[i].start_s = (double)(b + 1) * HOP_S;
		}
	}
	return cut;
}
