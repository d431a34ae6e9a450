/* compare.c - see compare.h. */
#include "rehearse/compare.h"
#include "rehearse/feedback.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The steady pace band (feedback.c's "steady") and the speaking time a
 * full answer takes: at least a minute, or two thirds of a shorter limit. */
#define PACE_LO 130.0
#define PACE_HI 160.0
#define FULL_ANSWER_S 60.0

void compare_take_from_row(const struct attempt_row *r, const double marks[STAR_COUNT],
			   struct compare_take *out)
{
	memset(out, 0, sizeof *out);
	out->id = r->id;
	out->analysed = r->has_stats;
	out->has_speech = r->has_stats && r->stats.has_speech;
	out->pace_known = out->has_speech && pace_is_judgeable(&r->stats);
	out->first_word_s = r->stats.first_speech_s;
	out->speech_s = r->stats.speech_s;
	out->wpm = r->stats.wpm_estimate;
	out->long_pauses = r->stats.long_pause_count;
	out->limit_s = r->limit_s;
	out->rating = r->rating;
	struct star_marks m;
	for (int i = 0; i < STAR_COUNT; i++)
		m.at[i] = marks[i];
	double end = out->has_speech && r->stats.last_speech_s > 0 ? r->stats.last_speech_s
								   : r->duration_s;
	star_shape_from_marks(&m, end, &out->shape);
}

/* How far v lies outside [lo, hi] (0 inside). */
static double distance(double v, double lo, double hi)
{
	return v < lo ? lo - v : v > hi ? v - hi : 0;
}

/* Better when the distance to the goal shrank by more than eps. */
static enum compare_verdict closer(double before, double after, double eps)
{
	return after < before - eps ? CMP_BETTER : after > before + eps ? CMP_WORSE : CMP_SAME;
}

static struct compare_line *line(struct compare_line *out, int *n, const char *label)
{
	struct compare_line *l = &out[(*n)++];
	memset(l, 0, sizeof *l);
	l->label = label;
	snprintf(l->before, sizeof l->before, "—");
	snprintf(l->after, sizeof l->after, "—");
	l->verdict = CMP_NONE;
	return l;
}

static void first_word(const struct compare_take *p, const struct compare_take *c,
		       struct compare_line *l)
{
	if (p->has_speech)
		snprintf(l->before, sizeof l->before, "%.1f s", p->first_word_s);
	if (c->has_speech)
		snprintf(l->after, sizeof l->after, "%.1f s", c->first_word_s);
	if (!p->has_speech || !c->has_speech)
		return;
	double d = c->first_word_s - p->first_word_s;
	l->verdict = closer(p->first_word_s, c->first_word_s, 0.05);
	if (l->verdict == CMP_SAME)
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%.1f s %s", fabs(d), d < 0 ? "sooner" : "later");
}

static double full_answer_s(const struct compare_take *c)
{
	double limit = c->limit_s > 0 ? c->limit_s : 90;
	return fmin(FULL_ANSWER_S, limit * 2 / 3);
}

static void speaking(const struct compare_take *p, const struct compare_take *c,
		     struct compare_line *l)
{
	if (p->has_speech)
		format_mmss(p->speech_s, l->before, sizeof l->before);
	if (c->has_speech)
		format_mmss(c->speech_s, l->after, sizeof l->after);
	if (!p->has_speech || !c->has_speech)
		return;
	double lo = full_answer_s(c), hi = c->limit_s > 0 ? c->limit_s : 90;
	l->verdict = closer(distance(p->speech_s, lo, hi), distance(c->speech_s, lo, hi), 0.5);
	char d[16];
	format_mmss(fabs(c->speech_s - p->speech_s), d, sizeof d);
	if (!strcmp(d, "0:00"))
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%s %s", d,
			 c->speech_s > p->speech_s ? "longer" : "shorter");
}

/* A take's pace as the comparison shows it; "—" (as set) without speech. */
static void pace_text(const struct compare_take *t, char *buf, size_t n)
{
	if (t->pace_known)
		snprintf(buf, n, "%.0f wpm", t->wpm);
	else if (t->has_speech)
		snprintf(buf, n, "too little");
}

static void pace(const struct compare_take *p, const struct compare_take *c,
		 struct compare_line *l)
{
	/* A pace from a few seconds of speech is not a figure to compare. */
	pace_text(p, l->before, sizeof l->before);
	pace_text(c, l->after, sizeof l->after);
	if (!p->pace_known || !c->pace_known)
		return;
	l->verdict = closer(distance(p->wpm, PACE_LO, PACE_HI), distance(c->wpm, PACE_LO, PACE_HI),
			    0.5);
	int d = (int)lround(c->wpm) - (int)lround(p->wpm);
	if (d == 0)
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%+d wpm%s", d,
			 distance(c->wpm, PACE_LO, PACE_HI) == 0 ? ", steady" : "");
}

static void pauses(const struct compare_take *p, const struct compare_take *c,
		   struct compare_line *l)
{
	if (p->has_speech)
		snprintf(l->before, sizeof l->before, "%d", p->long_pauses);
	if (c->has_speech)
		snprintf(l->after, sizeof l->after, "%d", c->long_pauses);
	if (!p->has_speech || !c->has_speech)
		return;
	int d = c->long_pauses - p->long_pauses;
	l->verdict = closer(p->long_pauses, c->long_pauses, 0.5);
	if (d == 0)
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%d %s", d < 0 ? -d : d, d < 0 ? "fewer" : "more");
}

/* "S20 T— A60 R20": each part's share of the marked time, "—" unmarked. */
static void split_text(const struct star_shape *sh, char *buf, size_t n)
{
	if (!sh->marked) {
		snprintf(buf, n, "not marked");
		return;
	}
	size_t used = 0;
	for (int i = 0; i < STAR_COUNT && used < n; i++) {
		char pct[8] = "—";
		if (sh->share[i] > 0)
			snprintf(pct, sizeof pct, "%.0f", sh->share[i] * 100);
		used += (size_t)snprintf(buf + used, n - used, "%s%c%s", i ? " " : "", "STAR"[i], pct);
	}
}

/* How many of the category's shape targets the split meets. */
static int targets_met(const struct star_shape *sh, const struct category *cat)
{
	int met = 0;
	for (int k = 0; k < cat->ntargets; k++) {
		const struct shape_target *g = &cat->targets[k];
		double share = 0;
		for (int i = 0; i < STAR_COUNT; i++)
			if (g->sections & (1u << i))
				share += sh->share[i];
		met += g->at_most ? share * 100 <= g->percent + 1e-9
				  : share * 100 >= g->percent - 1e-9;
	}
	return met;
}

static void split(const struct compare_take *p, const struct compare_take *c,
		  const struct category *cat, struct compare_line *l)
{
	split_text(&p->shape, l->before, sizeof l->before);
	split_text(&c->shape, l->after, sizeof l->after);
	if (!p->shape.marked || !c->shape.marked || !cat || !cat->ntargets)
		return;
	int was = targets_met(&p->shape, cat), now = targets_met(&c->shape, cat);
	l->verdict = now > was ? CMP_BETTER : now < was ? CMP_WORSE : CMP_SAME;
	snprintf(l->change, sizeof l->change, "%d/%d targets met (was %d)", now, cat->ntargets,
		 was);
}

static void rating(const struct compare_take *p, const struct compare_take *c,
		   struct compare_line *l)
{
	if (p->rating)
		snprintf(l->before, sizeof l->before, "%d/5", p->rating);
	if (c->rating)
		snprintf(l->after, sizeof l->after, "%d/5", c->rating);
	if (!p->rating || !c->rating)
		return;
	l->verdict = c->rating > p->rating ? CMP_BETTER : c->rating < p->rating ? CMP_WORSE : CMP_SAME;
	if (c->rating == p->rating)
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%+d", c->rating - p->rating);
}

int compare_takes(const struct compare_take *prev, const struct compare_take *cur,
		  const struct category *cat, struct compare_line *out)
{
	int n = 0;
	first_word(prev, cur, line(out, &n, "First word"));
	speaking(prev, cur, line(out, &n, "Speaking"));
	pace(prev, cur, line(out, &n, "Pace"));
	pauses(prev, cur, line(out, &n, "Long pauses"));
	split(prev, cur, cat, line(out, &n, "STAR split"));
	rating(prev, cur, line(out, &n, "Rating"));
	return n;
}

const char *compare_verdict_word(enum compare_verdict v)
{
	static const char *const words[] = {"same", "better", "worse", ""};
	return words[v];
}

const char *compare_verdict_mark(enum compare_verdict v)
{
	static const char *const marks[] = {"=", "▲", "▼", ""};
	return marks[v];
}
