/* SPDX-License-Identifier: GPL-3.0-or-later */
/* compare.c - see compare.h. */
#include "rehearse/compare.h"
#include "rehearse/feedback.h"
#include "rehearse/metrics.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The steady pace band and a full answer's speaking time: feedback.h. */

/* A first word this much sooner or later is the same. */
#define FIRST_WORD_SAME_S 0.3

void compare_take_from_row(const struct attempt_row *r, const double marks[STAR_COUNT],
			   struct compare_take *out)
{
	memset(out, 0, sizeof *out);
	out->id = r->id;
	out->analysed = r->has_stats;
	out->has_speech = r->has_stats && r->stats.has_speech;
	out->pace_known = out->has_speech && pace_is_judgeable(&r->stats);
	metric_copy(&out->stats, &r->stats);
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

void compare_sooner(const struct metric *m, const struct compare_take *p,
		    const struct compare_take *c, struct compare_line *l)
{
	double was = metric_get(m, &p->stats), now = metric_get(m, &c->stats);
	if (p->has_speech)
		snprintf(l->before, sizeof l->before, "%.1f s", was);
	if (c->has_speech)
		snprintf(l->after, sizeof l->after, "%.1f s", now);
	if (!p->has_speech || !c->has_speech)
		return;
	/* Within a breath's length the first word did not come sooner or
	 * later in any way a person could act on: an onset moves by a tenth
	 * or two of a second with how the first sound begins. */
	double d = now - was;
	l->verdict = closer(was, now, FIRST_WORD_SAME_S);
	if (fabs(d) < 0.05) /* shown to a tenth */
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%.1f s %s", fabs(d), d < 0 ? "sooner" : "later");
}

void compare_speaking(const struct metric *m, const struct compare_take *p,
		      const struct compare_take *c, struct compare_line *l)
{
	double was = metric_get(m, &p->stats), now = metric_get(m, &c->stats);
	if (p->has_speech)
		format_mmss(was, l->before, sizeof l->before);
	if (c->has_speech)
		format_mmss(now, l->after, sizeof l->after);
	if (!p->has_speech || !c->has_speech)
		return;
	double lo = full_answer_s(c->limit_s), hi = c->limit_s > 0 ? c->limit_s : 90;
	l->verdict = closer(distance(was, lo, hi), distance(now, lo, hi), 0.5);
	char d[16];
	format_mmss(fabs(now - was), d, sizeof d);
	if (!strcmp(d, "0:00"))
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%s %s", d, now > was ? "longer" : "shorter");
}

/* A take's pace as the comparison shows it; "—" (as set) without speech. */
static void pace_text(const struct compare_take *t, double wpm, char *buf, size_t n)
{
	if (t->pace_known)
		snprintf(buf, n, "%.0f wpm", wpm);
	else if (t->has_speech)
		snprintf(buf, n, "too little");
}

void compare_pace(const struct metric *m, const struct compare_take *p,
		  const struct compare_take *c, struct compare_line *l)
{
	double was = metric_get(m, &p->stats), now = metric_get(m, &c->stats);
	/* A pace from a few seconds of speech is not a figure to compare. */
	pace_text(p, was, l->before, sizeof l->before);
	pace_text(c, now, l->after, sizeof l->after);
	if (!p->pace_known || !c->pace_known)
		return;
	l->verdict = closer(distance(was, PACE_STEADY_LO, PACE_STEADY_HI), distance(now, PACE_STEADY_LO, PACE_STEADY_HI), 0.5);
	int d = (int)lround(now) - (int)lround(was);
	if (d == 0)
		snprintf(l->change, sizeof l->change, "same");
	else
		snprintf(l->change, sizeof l->change, "%+d wpm%s", d,
			 distance(now, PACE_STEADY_LO, PACE_STEADY_HI) == 0 ? ", steady" : "");
}

void compare_fewer(const struct metric *m, const struct compare_take *p,
		   const struct compare_take *c, struct compare_line *l)
{
	int was = (int)metric_get(m, &p->stats), now = (int)metric_get(m, &c->stats);
	if (p->has_speech)
		snprintf(l->before, sizeof l->before, "%d", was);
	if (c->has_speech)
		snprintf(l->after, sizeof l->after, "%d", now);
	if (!p->has_speech || !c->has_speech)
		return;
	int d = now - was;
	l->verdict = closer(was, now, 0.5);
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
	int pcts[STAR_COUNT];
	star_percents(sh, pcts);
	for (int i = 0; i < STAR_COUNT && used < n; i++) {
		char pct[8] = "—";
		if (sh->share[i] > 0)
			snprintf(pct, sizeof pct, "%d", pcts[i]);
		used += (size_t)snprintf(buf + used, n - used, "%s%c%s", i ? " " : "", "STAR"[i], pct);
	}
}

/* The share of the marked time the parts of target g sum to. */
static double target_share(const struct star_shape *sh, const struct shape_target *g)
{
	return star_percent_of(sh, g->sections);
}

/* How far, in points, the split misses the category's targets (0: all
 * met), and into *met how many it meets. A share that rises over an "at
 * most" target moves away from it, so any rise there counts. */
static double target_miss(const struct star_shape *sh, const struct category *cat, int *met)
{
	double miss = 0;
	*met = 0;
	for (int k = 0; k < cat->ntargets; k++) {
		const struct shape_target *g = &cat->targets[k];
		double share = target_share(sh, g);
		double d = g->at_most ? distance(share, 0, g->percent) : distance(share, g->percent, 100);
		*met += d < 1e-9;
		miss += d;
	}
	return miss;
}

/* Closer to the category's targets is better: with one target the change
 * names it ("S+T 36%, was 31% (≤20%)"), with more it counts them. */
static void split(const struct compare_take *p, const struct compare_take *c,
		  const struct category *cat, struct compare_line *l)
{
	split_text(&p->shape, l->before, sizeof l->before);
	split_text(&c->shape, l->after, sizeof l->after);
	if (!p->shape.marked || !c->shape.marked || !cat || !cat->ntargets)
		return;
	int was, now;
	double miss_was = target_miss(&p->shape, cat, &was), miss_now = target_miss(&c->shape, cat, &now);
	l->verdict = closer(miss_was, miss_now, 0.5);
	const struct shape_target *g = &cat->targets[0];
	if (cat->ntargets > 1) {
		snprintf(l->change, sizeof l->change, "%d/%d targets met (was %d)", now, cat->ntargets, was);
		return;
	}
	char parts[16];
	star_parts_text(g->sections, parts, sizeof parts);
	snprintf(l->change, sizeof l->change, "%s %.0f%%, was %.0f%% (%s%.0f%%)", parts,
		 target_share(&c->shape, g), target_share(&p->shape, g),
		 g->at_most ? "≤" : "≥", g->percent);
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
	for (size_t i = 0; i < metric_count && n < COMPARE_MAX - 2; i++) {
		const struct metric *m = &metrics[i];
		if (m->compare)
			m->compare(m, prev, cur,
				   line(out, &n, m->compare_label ? m->compare_label : m->label));
	}
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

const char *compare_pivot_text(const struct attempt_row *before, const struct star_shape *was,
			       const char *now_category, const struct star_shape *now, char *buf,
			       size_t n)
{
	buf[0] = '\0';
	if (!was->marked || !now->marked || !before->category || !now_category ||
	    !strcmp(before->category, now_category))
		return buf;
	size_t used = (size_t)snprintf(buf, n, "Pivot from %s (take %lld):", before->category,
				       before->id);
	int p0[STAR_COUNT], p1[STAR_COUNT];
	star_percents(was, p0);
	star_percents(now, p1);
	for (int i = 0; i < STAR_COUNT && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s %c %d→%d%%", i ? " ·" : "",
					 "STAR"[i], p0[i], p1[i]);
	return buf;
}
