/* compare.c - see compare.h. */
#include "rehearse/compare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rehearse/feedback.h"
#include "rehearse/util.h"

#define STEADY_LO 130.0 /* the steady pace band of feedback.c */
#define STEADY_HI 160.0
#define SHORT_S 60.0

/* How far v lies outside [lo, hi]; 0 inside. */
static double outside(double v, double lo, double hi)
{
	return v < lo ? lo - v : v > hi ? v - hi : 0;
}

/* Lower is better: the direction of a change from b to a, with tolerance. */
static enum compare_dir lower_better(double b, double a, double tol)
{
	return fabs(a - b) <= tol ? CMP_SAME : a < b ? CMP_BETTER : CMP_WORSE;
}

/* Rows read back from the store keep no has_speech flag: a take with no
 * speech has no speaking time either. */
static bool speech(const struct take_side *s)
{
	const struct analysis *a = &s->row->stats;
	return s->row->has_stats && (a->has_speech || a->speech_s > 0);
}

static struct compare_item *add(struct take_compare *c, const char *label)
{
	struct compare_item *it = &c->items[c->n++];
	memset(it, 0, sizeof *it);
	it->label = label;
	snprintf(it->before, sizeof it->before, "—");
	snprintf(it->after, sizeof it->after, "—");
	return it;
}

static void first_word(const struct take_side *b, const struct take_side *a,
		       struct take_compare *c)
{
	struct compare_item *it = add(c, "First word");
	if (speech(b))
		snprintf(it->before, sizeof it->before, "%.1f s", b->row->stats.first_speech_s);
	if (speech(a))
		snprintf(it->after, sizeof it->after, "%.1f s", a->row->stats.first_speech_s);
	if (speech(a) && speech(b))
		it->dir = lower_better(b->row->stats.first_speech_s, a->row->stats.first_speech_s,
				       0.2);
}

/* Distance of the speaking time from its band: two thirds of the limit
 * (at most 60 s) up to the limit. */
static double speaking_miss(const struct attempt_row *r)
{
	double lim = r->limit_s > 0 ? r->limit_s : 90, lo = fmin(SHORT_S, lim * 2 / 3);
	return outside(r->stats.speech_s, lo, lim);
}

static void speaking(const struct take_side *b, const struct take_side *a,
		     struct take_compare *c)
{
	struct compare_item *it = add(c, "Speaking");
	if (speech(b))
		format_mmss(b->row->stats.speech_s, it->before, sizeof it->before);
	if (speech(a))
		format_mmss(a->row->stats.speech_s, it->after, sizeof it->after);
	if (speech(a) && speech(b))
		it->dir = lower_better(speaking_miss(b->row), speaking_miss(a->row), 2.0);
}

static void pace(const struct take_side *b, const struct take_side *a, struct take_compare *c)
{
	struct compare_item *it = add(c, "Pace");
	if (speech(b))
		snprintf(it->before, sizeof it->before, "~%.0f wpm", b->row->stats.wpm_estimate);
	if (speech(a))
		snprintf(it->after, sizeof it->after, "~%.0f wpm", a->row->stats.wpm_estimate);
	if (speech(a) && speech(b))
		it->dir = lower_better(outside(b->row->stats.wpm_estimate, STEADY_LO, STEADY_HI),
				       outside(a->row->stats.wpm_estimate, STEADY_LO, STEADY_HI),
				       5.0);
}

static void pauses(const struct take_side *b, const struct take_side *a, struct take_compare *c)
{
	struct compare_item *it = add(c, "Pauses");
	if (speech(b))
		snprintf(it->before, sizeof it->before, "%d long", b->row->stats.long_pause_count);
	if (speech(a))
		snprintf(it->after, sizeof it->after, "%d long", a->row->stats.long_pause_count);
	if (speech(a) && speech(b))
		it->dir = lower_better(b->row->stats.long_pause_count,
				       a->row->stats.long_pause_count, 0);
}

/* The share of the target's parts, and by how much it misses the target;
 * false when a part of it was not marked. */
static bool star_share(const struct take_side *s, const struct shape_target *g, double *share,
		       double *miss)
{
	const struct attempt_row *r = s->row;
	double end = speech(s) && r->stats.last_speech_s > 0 ? r->stats.last_speech_s
							     : r->duration_s;
	struct star_marks m;
	memcpy(m.at, s->marks, sizeof m.at);
	struct star_shape sh;
	star_shape_from_marks(&m, end, &sh);
	*share = 0;
	for (int i = 0; i < STAR_COUNT; i++) {
		if (!(g->sections & (1u << i)))
			continue;
		if (m.at[i] < 0 || m.at[i] >= end)
			return false;
		*share += sh.share[i] * 100;
	}
	*miss = g->at_most ? fmax(0, *share - g->percent) : fmax(0, g->percent - *share);
	return true;
}

static void star_split(const struct take_side *b, const struct take_side *a,
		       const struct category *cat, struct take_compare *c)
{
	if (!cat || cat->ntargets == 0)
		return;
	const struct shape_target *g = &cat->targets[0];
	struct compare_item *it = add(c, "STAR split");
	double sb, mb, sa, ma;
	bool hb = star_share(b, g, &sb, &mb), ha = star_share(a, g, &sa, &ma);
	snprintf(it->before, sizeof it->before, hb ? "%.0f%%" : "not marked", sb);
	snprintf(it->after, sizeof it->after, ha ? "%.0f%%" : "not marked", sa);
	if (hb && ha)
		it->dir = lower_better(mb, ma, 2.0);
}

static void rating(const struct take_side *b, const struct take_side *a, struct take_compare *c)
{
	struct compare_item *it = add(c, "Rating");
	int rb = b->row->rating, ra = a->row->rating;
	snprintf(it->before, sizeof it->before, rb ? "%d/5" : "not rated", rb);
	snprintf(it->after, sizeof it->after, ra ? "%d/5" : "not rated", ra);
	if (rb && ra)
		it->dir = lower_better(-rb, -ra, 0);
}

void take_compare(const struct take_side *before, const struct take_side *after,
		  const struct category *cat, struct take_compare *out)
{
	memset(out, 0, sizeof *out);
	first_word(before, after, out);
	speaking(before, after, out);
	pace(before, after, out);
	pauses(before, after, out);
	star_split(before, after, cat, out);
	rating(before, after, out);
}

const char *compare_dir_word(enum compare_dir d)
{
	static const char *const words[] = {
		[CMP_UNKNOWN] = "", [CMP_SAME] = "same", [CMP_BETTER] = "better",
		[CMP_WORSE] = "worse"};
	return d <= CMP_WORSE ? words[d] : "";
}

const struct compare_item *compare_find(const struct take_compare *c, const char *label)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->items[i].label, label))
			return &c->items[i];
	return NULL;
}

struct previous {
	long long before_id, found;
};

static bool answered(enum attempt_status s)
{
	return s == ATTEMPT_COMPLETE || s == ATTEMPT_CUT_OFF || s == ATTEMPT_STOPPED ||
	       s == ATTEMPT_INTERRUPTED;
}

static int find_previous(const struct attempt_row *r, void *ctx)
{
	struct previous *p = ctx;
	if (r->id >= p->before_id || !answered(r->status))
		return 0;
	p->found = r->id;
	return 1;
}

int compare_previous(struct store *s, const char *question_id, const char *story_id,
		     long long current_id, struct take_side *out_side, struct attempt_row *out,
		     char *errbuf)
{
	if (!question_id && !story_id)
		return 0;
	struct history_query q = {.question = question_id, .story = question_id ? NULL : story_id};
	struct previous p = {current_id, 0};
	if (store_each_attempt(s, &q, find_previous, &p, errbuf) < 0)
		return -1;
	if (!p.found)
		return 0;
	if (store_get_attempt(s, p.found, out, errbuf) < 0)
		return -1;
	out_side->row = out;
	if (store_get_marks(s, p.found, out_side->marks, errbuf) < 0) {
		attempt_row_free(out);
		return -1;
	}
	return 1;
}
