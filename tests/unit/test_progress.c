/* test_progress.c - progress figures from known attempts. */
#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/progress.h"
#include "test.h"

static struct attempt_row row(const char *cat, const char *story, double dur, double wpm,
			      int rating, long long when)
{
	struct attempt_row r = {.status = ATTEMPT_COMPLETE, .category = (char *)cat,
				.story_id = (char *)story, .duration_s = dur, .has_stats = wpm > 0,
				.stats.wpm_estimate = wpm, .rating = rating, .started_at = when};
	return r;
}

static void groups_medians_and_trends(void)
{
	struct progress p = {0};
	struct attempt_row rows[] = {
		row("conflict", "strong", 60, 120, 2, 100), row("conflict", "strong", 90, 140, 0, 200),
		row("conflict", "weak", 80, 160, 4, 300), row("failure", "strong", 70, 0, 3, 400)};
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		progress_add(&p, &rows[i]);
	struct attempt_row rec = row("conflict", "strong", 1, 1, 0, 500);
	rec.status = ATTEMPT_RECORDING;
	progress_add(&p, &rec); /* unfinished: not counted */
	CHECK_INT(p.ncats, 2);
	CHECK_STR(p.cats[0].key, "conflict");
	CHECK_INT(p.cats[0].attempts, 3);
	CHECK_NEAR(series_median(&p.cats[0].duration), 80, 1e-9);
	CHECK_INT(p.cats[0].wpm.n, 3);
	CHECK_INT(p.cats[0].rating.n, 2);
	CHECK_NEAR(series_last(&p.cats[0].wpm), 160, 1e-9);
	CHECK_INT(p.cats[1].wpm.n, 0); /* no statistics for that one */
	CHECK_INT(p.nstories, 2);
	CHECK_INT(p.stories[0].attempts, 3);
	CHECK_INT(p.stories[0].last, 400);
	char spark[64];
	series_sparkline(&p.cats[0].wpm, 8, spark, sizeof spark);
	CHECK_STR(spark, "▁▄█");
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	progress_print(&p, &b, 400 + 8 * 86400, 7, f);
	fclose(f);
	CHECK(strstr(text, "Never practised: leadership, achievement, collaboration, "
			   "adaptability, communication") != NULL);
	CHECK(strstr(text, "Not practised in the last 7 days: strong, named, weak") != NULL);
	free(text);
	bank_free(&b);
	progress_free(&p);
}

const struct test_case progress_cases[] = {
	TEST(groups_medians_and_trends),
};
const size_t progress_count = ARRAY_SIZE(progress_cases);
