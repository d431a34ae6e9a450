/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.c - see progress.h. */
#include "rehearse/progress.h"
#include "rehearse/feedback.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void series_push(struct series *s, double v)
{
	GROW(s->v, s->cap, s->n + 1);
	s->v[s->n++] = v;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double series_median(const struct series *s)
{
	if (!s->n)
		return 0;
	double *c = xmalloc(s->n * sizeof *c);
	memcpy(c, s->v, s->n * sizeof *c);
	qsort(c, s->n, sizeof *c, cmp_d);
	double m = s->n % 2 ? c[s->n / 2] : (c[s->n / 2 - 1] + c[s->n / 2]) / 2;
	free(c);
	return m;
}

double series_last(const struct series *s)
{
	return s->n ? s->v[s->n - 1] : 0;
}

/* Fixed scales, so that a tick means the same on every line and noise
 * stays flat: pace over the bands around the steady 130-160 wpm, long
 * pauses from none to five, the first word from at once to 6 s, the
 * rating over 1-5. A value outside its scale draws at the end. */
const struct trend_scale trend_wpm = {80, 200}, trend_pauses = {0, 5},
			 trend_first_word = {0, 6}, trend_rating = {1, 5};

char *series_sparkline(const struct series *s, const struct trend_scale *sc, int width,
		       char *buf, size_t n)
{
	static const char *const ticks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	buf[0] = '\0';
	if (!s->n || width <= 0)
		return buf;
	size_t from = s->n > (size_t)width ? s->n - (size_t)width : 0; /* the latest */
	size_t used = 0;
	for (size_t i = from; i < s->n && used + 4 < n; i++) {
		double f = (s->v[i] - sc->lo) / (sc->hi - sc->lo);
		int t = (int)(fmin(fmax(f, 0), 1) * 7.99);
		used += (size_t)snprintf(buf + used, n - used, "%s", ticks[t]);
	}
	return buf;
}

static struct progress_group *group(struct progress_group **v, size_t *n, size_t *cap,
				    const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i].key, key))
			return &(*v)[i];
	GROW(*v, *cap, *n + 1);
	struct progress_group *g = &(*v)[(*n)++];
	memset(g, 0, sizeof *g);
	g->key = xstrdup(key);
	return g;
}

/* A take analysed with no speech in it counts as tried, but its zeros
 * would drag every average and trend down: it is left out of them. */
static void add_to(struct progress_group *g, const struct attempt_row *r)
{
	if (r->started_at > g->last)
		g->last = r->started_at;
	struct take_meaning m =
		take_meaning(r->status, r->has_stats, r->stats.has_speech, r->stats.speech_s,
			     r->duration_s, r->limit_s);
	if (r->has_stats && !m.heard) {
		g->silent++;
		return;
	}
	g->attempts++;
	series_push(&g->duration, r->duration_s);
	if (m.pace_known) /* the card's rule: no pace from too little speech */
		series_push(&g->wpm, r->stats.wpm_estimate);
	if (r->has_stats) {
		series_push(&g->long_pauses, r->stats.long_pause_count);
		series_push(&g->first_word, r->stats.first_speech_s);
	}
	if (r->rating > 0)
		series_push(&g->rating, r->rating);
}

void progress_add(struct progress *p, const struct attempt_row *r)
{
	if (r->status == ATTEMPT_ANY || r->status == ATTEMPT_RECORDING ||
	    r->status == ATTEMPT_DISCARDED)
		return;
	/* A follow-up's 30 s are no telling of the story: counted with the
	 * stories' figures, they would drag its duration and trends down. */
	if (attempt_mode_is_follow_up(r->mode))
		return;
	if (r->story_id)
		add_to(group(&p->stories, &p->nstories, &p->capstories, r->story_id), r);
	if (r->category)
		add_to(group(&p->cats, &p->ncats, &p->capcats, r->category), r);
}

static void group_free(struct progress_group *g)
{
	free(g->key);
	free(g->duration.v);
	free(g->wpm.v);
	free(g->long_pauses.v);
	free(g->first_word.v);
	free(g->rating.v);
}

void progress_free(struct progress *p)
{
	for (size_t i = 0; i < p->nstories; i++)
		group_free(&p->stories[i]);
	for (size_t i = 0; i < p->ncats; i++)
		group_free(&p->cats[i]);
	free(p->stories);
	free(p->cats);
	memset(p, 0, sizeof *p);
}

/* The table's shape for a width: narrow terminals get shorter sparklines
 * and a narrower name column (a longer name gets a line of its own). */
struct layout {
	int name, spark;
};

static struct layout layout_for(int width)
{
	return width >= 100 ? (struct layout){24, 8} : (struct layout){14, 5};
}

/* "▁▄█ 132": the trend with the latest figure beside it, or "—" for none. */
static void print_trend(FILE *out, const struct series *s, const struct trend_scale *sc,
			const char *fmt, int spark)
{
	char line[64], last[16] = "—";
	series_sparkline(s, sc, spark, line, sizeof line);
	if (s->n)
		snprintf(last, sizeof last, fmt, series_last(s));
	int drawn = (int)(s->n < (size_t)spark ? s->n : (size_t)spark);
	int pad = 4 - (int)utf8_chars(last);
	fprintf(out, "  %s%*s %*s%s", line, spark - drawn, "", pad > 0 ? pad : 0, "", last);
}

static void print_groups(const struct progress_group *g, size_t n, const char *title,
			 struct layout l, FILE *out)
{
	int col = l.spark + 3; /* under "  ", a sparkline, " " and a 4-column figure */
	fprintf(out, "%-*s %5s %6s  %-*s  %-*s  %-*s  %s\n", l.name, title, "tries", "median", col,
		"wpm", col, l.spark < 8 ? "long pause" : "long pauses", col, "first word",
		"rating");
	for (size_t i = 0; i < n; i++) {
		char med[16] = "—";
		if (!g[i].attempts) /* only takes with no speech: never practised */
			continue;
		if (g[i].duration.n)
			format_mmss(series_median(&g[i].duration), med, sizeof med);
		if ((int)utf8_chars(g[i].key) > l.name)
			fprintf(out, "%s\n%-*s", g[i].key, l.name, "");
		else
			fprintf(out, "%-*s", l.name, g[i].key);
		fprintf(out, " %5d %*s%s", g[i].attempts, 6 - (int)utf8_chars(med), "", med);
		print_trend(out, &g[i].wpm, &trend_wpm, "%.0f", l.spark);
		print_trend(out, &g[i].long_pauses, &trend_pauses, "%.0f", l.spark);
		print_trend(out, &g[i].first_word, &trend_first_word, "%.1fs", l.spark);
		print_trend(out, &g[i].rating, &trend_rating, "%.0f/5", l.spark);
		fputc('\n', out);
	}
}

/* "Label: a, b, c" wrapped at width, later lines indented. */
static void print_list(FILE *out, const char *label, const struct strvec *items,
		       const char *none, int width)
{
	int col = fprintf(out, "%s", label);
	if (!items->n)
		fprintf(out, " %s", none);
	for (size_t i = 0; i < items->n; i++) {
		int w = (int)utf8_chars(items->v[i]) + (i + 1 < items->n ? 1 : 0);
		if (col + 1 + w > width) {
			fprintf(out, "\n ");
			col = 1;
		}
		col += fprintf(out, " %s%s", items->v[i], i + 1 < items->n ? "," : "");
	}
	fputc('\n', out);
}

static int silent_takes(const struct progress *p)
{
	int n = 0;
	for (size_t i = 0; i < p->ncats; i++)
		n += p->cats[i].silent;
	return n;
}

static void never_practised(const struct progress *p, const struct bank *b, struct strvec *out)
{
	for (size_t c = 0; c < b->ncats; c++) {
		int tried = 0, silent = 0;
		for (size_t i = 0; i < p->ncats; i++)
			if (!strcmp(p->cats[i].key, b->cats[c].name)) {
				tried += p->cats[i].attempts;
				silent += p->cats[i].silent;
			}
		if (tried)
			continue;
		/* Takes in which nothing was heard are not practice, but say so. */
		char *item = silent ? xasprintf("%s (%d with no speech)", b->cats[c].name, silent)
				    : xstrdup(b->cats[c].name);
		strvec_push(out, item);
		free(item);
	}
}

static void stale_stories(const struct progress *p, const struct bank *b, long long now,
			  int stale_days, struct strvec *out)
{
	for (size_t s = 0; s < b->nstories; s++) {
		if (b->stories[s].is_moment)
			continue;
		long long last = 0;
		for (size_t i = 0; i < p->nstories; i++)
			if (!strcmp(p->stories[i].key, b->stories[s].id))
				last = p->stories[i].last;
		if (now - last > (long long)stale_days * 86400)
			strvec_push(out, b->stories[s].id);
	}
}

void progress_print(const struct progress *p, const struct bank *b, long long now,
		    int stale_days, int width, FILE *out)
{
	if (p->ncats == 0) {
		fprintf(out, "no attempts yet; start one with 'rehearse practice'\n");
		return;
	}
	struct layout l = layout_for(width);
	print_groups(p->cats, p->ncats, "category", l, out);
	fputc('\n', out);
	print_groups(p->stories, p->nstories, "story", l, out);
	fprintf(out, "\nTrends run oldest to newest (the last %d); the figure is the latest.\n"
		     "Scales: pace 80-200 wpm, long pauses 0-5, first word 0-6 s, rating 1-5.\n",
		l.spark);
	int silent = silent_takes(p);
	if (silent)
		fprintf(out, "%d take%s with no speech %s left out of the figures.\n", silent,
			silent == 1 ? "" : "s", silent == 1 ? "is" : "are");
	struct strvec list = {0};
	never_practised(p, b, &list);
	print_list(out, "Never practised:", &list, "none, every category has been", width);
	strvec_free(&list);
	char label[64];
	snprintf(label, sizeof label, "Not practised in the last %d days:", stale_days);
	stale_stories(p, b, now, stale_days, &list);
	print_list(out, label, &list, "none", width);
	strvec_free(&list);
}
