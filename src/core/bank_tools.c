/* bank_tools.c - see bank_tools.h. */
#include "rehearse/bank_tools.h"

#include <stdlib.h>
#include <string.h>

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

int bank_check_warnings(const struct bank *b, FILE *out)
{
	int n = 0;
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *s = &b->stories[i];
		if (s->is_moment)
			continue;
		if (s->words < STORY_MIN_WORDS || s->words > STORY_MAX_WORDS) {
			fprintf(out, "%s: warning: %d words; aim for %d to %d so it fits 90 seconds\n",
				s->path, s->words, STORY_MIN_WORDS, STORY_MAX_WORDS);
			n++;
		}
		if (catmask_count(s->cats) < 3) {
			fprintf(out,
				"%s: warning: covers %d categor%s; a strong story covers 3 or 4\n",
				s->path, catmask_count(s->cats),
				catmask_count(s->cats) == 1 ? "y" : "ies");
			n++;
		}
	}
	catmask missing = all_categories(b) & ~covered_by_stories(b);
	for (size_t c = 0; c < b->ncats; c++)
		if (missing & (1u << c)) {
			fprintf(out, "%s/stories: warning: no story covers '%s'\n", b->dir,
				b->cats[c].name);
			n++;
		}
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
			       FILE *out)
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
	else
		fprintf(out, "  %5d  %3d  story%s\n", s->words, s->strength,
			s->words < STORY_MIN_WORDS || s->words > STORY_MAX_WORDS ? " (length!)" : "");
}

static void print_coverage_summary(const struct bank *b, FILE *out)
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
}

/* Column headers are the first four letters of each category. */
void bank_print_coverage(const struct bank *b, FILE *out)
{
	int w = coverage_id_width(b);
	fprintf(out, "%-*s ", w, "story");
	for (size_t c = 0; c < b->ncats; c++)
		fprintf(out, " %-4.4s", b->cats[c].name);
	fprintf(out, "  words  str  kind\n");
	int totals[BANK_MAX_CATEGORIES] = {0};
	for (size_t i = 0; i < b->nstories; i++)
		print_coverage_row(b, &b->stories[i], w, totals, out);
	fprintf(out, "%-*s ", w, "stories");
	for (size_t c = 0; c < b->ncats; c++)
		fprintf(out, " %3d ", totals[c]);
	fputc('\n', out);
	print_coverage_summary(b, out);
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
