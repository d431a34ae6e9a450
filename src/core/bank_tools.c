/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bank_tools.c - see bank_tools.h. */
#include "rehearse/bank_tools.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/feedback.h"

/* An answer under this share of the limit is short (feedback.c's rule). */
#define SHORT_SHARE (2.0 / 3.0)

struct pace_basis pace_basis_steady(double limit_s)
{
	struct pace_basis p = {limit_s, PACE_STEADY_LO, PACE_STEADY_HI, false};
	return p;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double pace_median(const double *wpm, size_t n)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (wpm[i] > 0 && isfinite(wpm[i]))
			v[k++] = wpm[i];
	double m = 0;
	if (k >= PACE_MIN_TAKES) {
		qsort(v, k, sizeof *v, by_value);
		m = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	}
	free(v);
	return m;
}

struct recent_paces {
	double wpm[PACE_RECENT];
	size_t n;
};

static int add_pace(const struct attempt_row *r, void *ctx)
{
	struct recent_paces *p = ctx;
	/* A cut-off take was told at the person's pace too; a stopped one
	 * may be a false start. */
	bool told = r->status == ATTEMPT_COMPLETE || r->status == ATTEMPT_CUT_OFF;
	if (told && r->has_stats && pace_is_judgeable(&r->stats))
		p->wpm[p->n++] = r->stats.wpm_estimate;
	return p->n == PACE_RECENT;
}

int pace_basis_from_store(struct store *st, double limit_s, struct pace_basis *out, char *errbuf)
{
	*out = pace_basis_steady(limit_s);
	if (!st)
		return 0;
	struct recent_paces p = {{0}, 0};
	struct history_query q = {.limit = 4 * PACE_RECENT};
	if (store_each_attempt(st, &q, add_pace, &p, errbuf) < 0)
		return -1;
	double m = pace_median(p.wpm, p.n);
	if (m > 0)
		*out = (struct pace_basis){limit_s, m, m, true};
	return 0;
}

static int words_in(double seconds, double wpm)
{
	return (int)floor(seconds * wpm / 60.0 + 1e-9);
}

void story_length_grade(int words, const struct pace_basis *p, struct length_grade *out)
{
	double ref = (p->low_wpm + p->high_wpm) / 2;
	memset(out, 0, sizeof *out);
	out->words = words;
	out->fast_s = words * 60.0 / p->high_wpm;
	out->slow_s = words * 60.0 / p->low_wpm;
	out->fit_words = words_in(p->limit_s, ref);
	out->over_words = words - words_in(p->limit_s, p->high_wpm);
	if (out->over_words > 0)
		out->verdict = LENGTH_OVER;
	else if (words > out->fit_words)
		out->verdict = LENGTH_TIGHT;
	else if (out->slow_s < p->limit_s * SHORT_SHARE)
		out->verdict = LENGTH_SHORT;
	else
		out->verdict = LENGTH_FITS;
}

/* "1:52", or "1:35-1:57" for a band. */
static void takes_text(const struct length_grade *g, const struct pace_basis *p, char *buf,
		       size_t n)
{
	char fast[16], slow[16];
	format_mmss(g->fast_s, fast, sizeof fast);
	format_mmss(g->slow_s, slow, sizeof slow);
	if (p->own || !strcmp(fast, slow))
		snprintf(buf, n, "%s", fast);
	else
		snprintf(buf, n, "%s-%s", fast, slow);
}

const char *story_length_text(const struct length_grade *g, const struct pace_basis *p, char *buf,
			      size_t n)
{
	char pace[48], takes[40];
	if (p->own)
		snprintf(pace, sizeof pace, "at your usual pace (%.0f wpm)", p->high_wpm);
	else
		snprintf(pace, sizeof pace, "at a steady pace (%.0f-%.0f wpm)", p->low_wpm,
			 p->high_wpm);
	takes_text(g, p, takes, sizeof takes);
	int over_ref = g->words - g->fit_words;
	switch (g->verdict) {
	case LENGTH_OVER:
		snprintf(buf, n, "%d words; %s it takes %s; about %d words over %.0f s%s: cut it to "
			 "about %d", g->words, pace, takes, p->own ? over_ref : g->over_words,
			 p->limit_s, p->own ? "" : " even at the fast end", g->fit_words);
		break;
	case LENGTH_TIGHT:
		snprintf(buf, n, "%d words; %s it takes %s; it fits %.0f s only when told fast: "
			 "about %d words to cut for room", g->words, pace, takes, p->limit_s,
			 over_ref);
		break;
	case LENGTH_SHORT:
		snprintf(buf, n, "%d words; %s it takes %s, under two thirds of %.0f s: room for "
			 "about %d more words of detail", g->words, pace, takes, p->limit_s,
			 g->fit_words - g->words);
		break;
	default:
		snprintf(buf, n, "%d words; %s it takes %s of %.0f s", g->words, pace, takes,
			 p->limit_s);
	}
	return buf;
}

bool story_fit_text(const struct story *s, const struct pace_basis *p, char *buf, size_t n)
{
	struct length_grade g;
	char text[256];
	buf[0] = '\0';
	if (!s || s->is_moment || !p->own || s->words <= 0)
		return false;
	story_length_grade(s->words, p, &g);
	if (g.verdict != LENGTH_OVER)
		return false;
	snprintf(buf, n, "Story fit: %s", story_length_text(&g, p, text, sizeof text));
	return true;
}

const char *story_length_word(const struct length_grade *g, char *buf, size_t n)
{
	static const char *const words[] = {"fits", "tight", NULL, "short"};
	if (g->verdict == LENGTH_OVER)
		snprintf(buf, n, "%d over", g->over_words > 0 ? g->over_words : 0);
	else
		snprintf(buf, n, "%s", words[g->verdict]);
	return buf;
}

static catmask covered_by_stories(const struct bank *b)
{
	catmask m = 0;
	for (size_t i = 0; i < b->nstories; i++)
		if (!b->stories[i].is_moment)
			m |= b->stories[i].cats;
	return m;
}

static catmask all_categories(const struct bank *b)
{
	return b->ncats >= 32 ? ~0u : (1u << b->ncats) - 1;
}

int bank_check_warnings(const struct bank *b, const struct pace_basis *p, FILE *out)
{
	int n = 0;
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *s = &b->stories[i];
		if (s->is_moment)
			continue;
		struct length_grade g;
		char text[256];
		story_length_grade(s->words, p, &g);
		if (g.verdict != LENGTH_FITS) {
			bool warn = g.verdict != LENGTH_TIGHT;
			fprintf(out, "%s: %s: %s\n", s->path, warn ? "warning" : "note",
				story_length_text(&g, p, text, sizeof text));
			n += warn;
		}
		if (catmask_count(s->cats) < 3) {
			fprintf(out,
				"%s: warning: covers %d categor%s; a strong story covers 3 or 4\n",
				s->path, catmask_count(s->cats),
				catmask_count(s->cats) == 1 ? "y" : "ies");
			n++;
		}
	}
	/* Optional, so a note: a round just asks nothing after these. */
	for (size_t c = 0; c < b->ncats; c++)
		if (b->cats[c].follow_ups.n == 0)
			fprintf(out, "%s/categories.txt: note: [%s] has no follow-up question\n",
				b->dir, b->cats[c].name);
	catmask missing = all_categories(b) & ~covered_by_stories(b);
	for (size_t c = 0; c < b->ncats; c++)
		if (missing & (1u << c)) {
			fprintf(out, "%s/stories: warning: no story covers '%s'\n", b->dir,
				b->cats[c].name);
			n++;
		}
	return n;
}

size_t bank_follow_up_count(const struct bank *b)
{
	size_t n = 0;
	for (size_t c = 0; c < b->ncats; c++)
		n += b->cats[c].follow_ups.n;
	return n;
}

/* The width of the story column: the longest id, within 5 to 28. */
static int coverage_id_width(const struct bank *b)
{
	size_t w = 5;
	for (size_t i = 0; i < b->nstories; i++)
		if (strlen(b->stories[i].id) > w)
			w = strlen(b->stories[i].id);
	return w > 28 ? 28 : (int)w;
}

/* One story's row; counts it in totals per category when it is a story. */
static void print_coverage_row(const struct bank *b, const struct story *s, int w, int *totals,
			       const struct pace_basis *p, FILE *out)
{
	fprintf(out, "%-*.*s ", w, w, s->id);
	for (size_t c = 0; c < b->ncats; c++) {
		bool has = s->cats & (1u << c);
		if (has && !s->is_moment)
			totals[c]++;
		fprintf(out, " %-4s", has ? (s->is_moment ? " o" : " x") : " .");
	}
	if (s->is_moment)
		fprintf(out, "  %5s  %3d  moment\n", "-", s->strength);
	else {
		struct length_grade g;
		char word[32];
		story_length_grade(s->words, p, &g);
		story_length_word(&g, word, sizeof word);
		fprintf(out, "  %5d  %3d  story  %s\n", s->words, s->strength, word);
	}
}

static void print_coverage_summary(const struct bank *b, const struct pace_basis *p, FILE *out)
{
	size_t nstory = 0;
	for (size_t i = 0; i < b->nstories; i++)
		nstory += !b->stories[i].is_moment;
	fprintf(out, "\n%zu stories, %zu moments, %zu questions. x = story, o = moment.\n",
		nstory, b->nstories - nstory, b->nqs);
	catmask missing = all_categories(b) & ~covered_by_stories(b);
	char buf[512];
	if (missing)
		fprintf(out, "Not covered by any story: %s\n",
			catmask_format(b, missing, buf, sizeof buf));
	else
		fprintf(out, "Every category is covered by at least one story.\n");
	char pace[64];
	if (p->own)
		snprintf(pace, sizeof pace, "your usual pace, %.0f wpm", p->high_wpm);
	else
		snprintf(pace, sizeof pace, "a steady %.0f-%.0f wpm", p->low_wpm, p->high_wpm);
	fprintf(out, "Length: against the %.0f s limit at %s.\n", p->limit_s, pace);
}

/* Column headers are the first four letters of each category. */
void bank_print_coverage(const struct bank *b, const struct pace_basis *p, FILE *out)
{
	int w = coverage_id_width(b);
	fprintf(out, "%-*s ", w, "story");
	for (size_t c = 0; c < b->ncats; c++)
		fprintf(out, " %-4.4s", b->cats[c].name);
	fprintf(out, "  words  str  kind   length\n");
	int totals[BANK_MAX_CATEGORIES] = {0};
	for (size_t i = 0; i < b->nstories; i++)
		print_coverage_row(b, &b->stories[i], w, totals, p, out);
	fprintf(out, "%-*s ", w, "stories");
	for (size_t c = 0; c < b->ncats; c++) /* under the row's mark, " x" */
		fprintf(out, " %2d  ", totals[c]);
	fputc('\n', out);
	print_coverage_summary(b, p, out);
}

int story_coverage_score(const struct story *s)
{
	int n = catmask_count(s->cats);
	return n < 1 ? 1 : n > 5 ? 5 : n;
}

int story_combined_score(const struct story *s)
{
	return story_coverage_score(s) + s->strength;
}

static const struct bank *rank_bank; /* qsort has no context argument */

static int by_score(const void *pa, const void *pb)
{
	const struct story *a = &rank_bank->stories[*(const size_t *)pa];
	const struct story *b = &rank_bank->stories[*(const size_t *)pb];
	int d = story_combined_score(b) - story_combined_score(a);
	if (d)
		return d;
	if (a->strength != b->strength)
		return b->strength - a->strength;
	return strcmp(a->id, b->id);
}

void bank_rank(const struct bank *b, size_t *order)
{
	for (size_t i = 0; i < b->nstories; i++)
		order[i] = i;
	rank_bank = b;
	qsort(order, b->nstories, sizeof *order, by_score);
	rank_bank = NULL;
}

size_t bank_max_cover(const struct bank *b, size_t count, size_t *order)
{
	size_t *ranked = xcalloc(b->nstories, sizeof *ranked);
	bool *taken = xcalloc(b->nstories, sizeof *taken);
	bank_rank(b, ranked);
	catmask covered = 0;
	size_t n = 0;
	while (n < count && n < b->nstories) {
		/* The entry adding most new categories; ties go to the better
		 * score because ranked is in score order. */
		int best_gain = -1;
		size_t best = 0;
		for (size_t k = 0; k < b->nstories; k++) {
			size_t i = ranked[k];
			if (taken[i])
				continue;
			int gain = catmask_count(b->stories[i].cats & ~covered);
			if (gain > best_gain) {
				best_gain = gain;
				best = i;
			}
		}
		taken[best] = true;
		covered |= b->stories[best].cats;
		order[n++] = best;
	}
	free(taken);
	free(ranked);
	return n;
}

static void print_pick(const struct bank *b, const size_t *order, size_t n, FILE *out)
{
	char buf[512];
	catmask covered = 0;
	for (size_t k = 0; k < n; k++) {
		const struct story *s = &b->stories[order[k]];
		covered |= s->cats;
		fprintf(out, "  %2zu. %-26.26s cov %d + str %d = %2d  %s%s\n", k + 1, s->id,
			story_coverage_score(s), s->strength, story_combined_score(s),
			catmask_format(b, s->cats, buf, sizeof buf),
			s->is_moment ? "  (moment: write it out)" : "");
	}
	catmask missing = all_categories(b) & ~covered;
	fprintf(out, "  covers %d of %zu categories", catmask_count(covered), b->ncats);
	if (missing)
		fprintf(out, "; uncovered: %s", catmask_format(b, missing, buf, sizeof buf));
	fputc('\n', out);
}

void bank_print_select(const struct bank *b, size_t count, FILE *out)
{
	size_t *order = xcalloc(b->nstories, sizeof *order);
	size_t n = count < b->nstories ? count : b->nstories;
	bank_rank(b, order);
	fprintf(out, "Top %zu by combined score (categories covered 1-5 + result strength 1-5):\n",
		n);
	print_pick(b, order, n, out);
	n = bank_max_cover(b, count, order);
	fprintf(out, "\nThe %zu that together cover the most categories:\n", n);
	print_pick(b, order, n, out);
	free(order);
}
