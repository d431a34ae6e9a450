/* progress.c - see progress.h. */
#include "rehearse/progress.h"

#include <math.h>
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

char *series_sparkline(const struct series *s, int width, char *buf, size_t n)
{
	static const char *const ticks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	buf[0] = '\0';
	if (!s->n || width <= 0)
		return buf;
	size_t from = s->n > (size_t)width ? s->n - (size_t)width : 0; /* the latest */
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = from; i < s->n; i++) {
		lo = fmin(lo, s->v[i]);
		hi = fmax(hi, s->v[i]);
	}
	size_t used = 0;
	for (size_t i = from; i < s->n && used + 4 < n; i++) {
		int t = hi > lo ? (int)((s->v[i] - lo) / (hi - lo) * 7.99) : 3;
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

static void add_to(struct progress_group *g, const struct attempt_row *r)
{
	g->attempts++;
	if (r->started_at > g->last)
		g->last = r->started_at;
	series_push(&g->duration, r->duration_s);
	if (r->has_stats) {
		series_push(&g->wpm, r->stats.wpm_estimate);
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

static void print_trend(FILE *out, const struct series *s, const char *fmt)
{
	char spark[64], last[16] = "-";
	series_sparkline(s, 8, spark, sizeof spark);
	if (s->n)
		snprintf(last, sizeof last, fmt, series_last(s));
	int pad = 8 - (int)(s->n < 8 ? s->n : 8);
	fprintf(out, "  %s%*s %-5s", spark, pad, "", last);
}

static void print_groups(const struct progress_group *g, size_t n, const char *title, FILE *out)
{
	fprintf(out, "%-24s %5s %6s  %-14s  %-14s  %-14s  %-14s\n", title, "tries", "median",
		"wpm", "long pauses", "first word", "rating");
	for (size_t i = 0; i < n; i++) {
		char med[16];
		format_mmss(series_median(&g[i].duration), med, sizeof med);
		fprintf(out, "%-24.24s %5d %6s", g[i].key, g[i].attempts, med);
		print_trend(out, &g[i].wpm, "%.0f");
		print_trend(out, &g[i].long_pauses, "%.0f");
		print_trend(out, &g[i].first_word, "%.1fs");
		print_trend(out, &g[i].rating, "%.0f/5");
		fputc('\n', out);
	}
}

void progress_print(const struct progress *p, const struct bank *b, long long now,
		    int stale_days, FILE *out)
{
	if (p->ncats == 0) {
		fprintf(out, "no attempts yet; start one with 'rehearse practice'\n");
		return;
	}
	print_groups(p->cats, p->ncats, "category", out);
	fputc('\n', out);
	print_groups(p->stories, p->nstories, "story", out);
	fprintf(out, "\nTrends run oldest to newest (the last 8 attempts); the figure is the latest.\n");
	char list[1024] = "";
	size_t used = 0;
	for (size_t c = 0; c < b->ncats; c++) {
		bool seen = false;
		for (size_t i = 0; i < p->ncats; i++)
			seen |= !strcmp(p->cats[i].key, b->cats[c].name);
		if (!seen && used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", b->cats[c].name);
	}
	fprintf(out, "Never practised: %s\n", used ? list : "none, every category has been");
	used = 0;
	list[0] = '\0';
	for (size_t s = 0; s < b->nstories; s++) {
		if (b->stories[s].is_moment)
			continue;
		long long last = 0;
		for (size_t i = 0; i < p->nstories; i++)
			if (!strcmp(p->stories[i].key, b->stories[s].id))
				last = p->stories[i].last;
		if (now - last > (long long)stale_days * 86400 && used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", b->stories[s].id);
	}
	fprintf(out, "Not practised in the last %d days: %s\n", stale_days, used ? list : "none");
}
