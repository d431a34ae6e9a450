/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_compare.c - a retry against the take before it (issue 11, item 12). */
#include <math.h>
#include <string.h>

#include "fixture_bank.h"
#include "rehearse/compare.h"
#include "rehearse/metrics.h"
#include "test.h"

static struct attempt_row take(long long id, double first, double speech, double wpm, int pauses,
			       int rating)
{
	struct attempt_row r = {.id = id, .has_stats = true, .duration_s = 80, .limit_s = 90,
				.rating = rating};
	r.stats.has_speech = speech > 0;
	r.stats.first_speech_s = first;
	r.stats.speech_s = speech;
	r.stats.last_speech_s = first + speech;
	r.stats.wpm_estimate = wpm;
	r.stats.long_pause_count = pauses;
	return r;
}

static void retry_better_and_worse(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	const struct category *conflict = &b.cats[bank_category_index(&b, "conflict")];
	/* Before: S+T half the answer (target: at most 20%); after: 15%. */
	double m1[4] = {2, 20, 40, -1}, m2[4] = {1, 5, 10, 60};
	struct attempt_row r1 = take(7, 2.9868, 58, 118, 3, 2), r2 = take(9, 1.2, 70, 140, 1, 4);
	struct compare_take a, c;
	compare_take_from_row(&r1, m1, &a);
	compare_take_from_row(&r2, m2, &c);
	struct compare_line l[COMPARE_MAX];
	int n = compare_takes(&a, &c, conflict, l);
	CHECK_INT(n, 6);
	CHECK_STR(l[0].label, "First word");
	CHECK_STR(l[0].before, "3.0 s");
	CHECK_STR(l[0].after, "1.2 s");
	CHECK_STR(l[0].change, "1.8 s sooner");
	CHECK_INT(l[0].verdict, CMP_BETTER);
	/* A tenth or two of a second is not a change to grade. */
	struct compare_take near = c;
	near.stats.first_speech_s = 1.4;
	struct compare_line l2[COMPARE_MAX];
	compare_takes(&c, &near, conflict, l2);
	CHECK_STR(l2[0].change, "0.2 s later");
	CHECK_INT(l2[0].verdict, CMP_SAME);
	near.stats.first_speech_s = 1.6;
	compare_takes(&c, &near, conflict, l2);
	CHECK_INT(l2[0].verdict, CMP_WORSE);
	CHECK_STR(l[1].before, "0:58");
	CHECK_STR(l[1].change, "0:12 longer");
	CHECK_INT(l[1].verdict, CMP_BETTER); /* into the full-answer range */
	CHECK_STR(l[3].change, "+22 wpm, steady"); /* the lines in metrics[] order */
	CHECK_INT(l[3].verdict, CMP_BETTER);
	CHECK_STR(l[2].change, "2 fewer");
	/* R never pressed: not 0%; the parts sum to 100 (rounded one by one, 31+34+36) */
	CHECK_STR(l[4].before, "S30 T34 A36 R—");
	CHECK_STR(l[4].change, "S+T 13%, was 64% (≤20%)");
	CHECK_INT(l[4].verdict, CMP_BETTER);
	CHECK_STR(l[5].change, "+2");
	/* The other way round, everything is worse. */
	n = compare_takes(&c, &a, conflict, l);
	for (int i = 0; i < n; i++)
		CHECK_INT(l[i].verdict, CMP_WORSE);
	bank_free(&b);
}

static void silent_and_unrated_takes_are_not_compared(void)
{
	struct attempt_row r1 = take(1, 0, 0, 0, 0, 0), r2 = take(2, 1.0, 70, 150, 0, 3);
	double none[4] = {-1, -1, -1, -1};
	struct compare_take a, c;
	compare_take_from_row(&r1, none, &a);
	compare_take_from_row(&r2, none, &c);
	struct compare_line l[COMPARE_MAX];
	int n = compare_takes(&a, &c, NULL, l);
	for (int i = 0; i < n; i++) {
		CHECK_STR(l[i].before, i == 4 ? "not marked" : "—");
		CHECK_INT(l[i].verdict, CMP_NONE);
		CHECK_STR(l[i].change, "");
	}
	CHECK_STR(l[3].after, "150 wpm");
	CHECK_STR(compare_verdict_mark(CMP_BETTER), "▲");
	/* The same figures twice: same, never better or worse. */
	n = compare_takes(&c, &c, NULL, l);
	CHECK_STR(l[0].change, "same");
	CHECK_INT(l[3].verdict, CMP_SAME);
}

/* The comparison walks the metrics table: a line for each row with a
 * comparison, under its comparison label, in table order; the take's
 * figures are the table's (no arrays kept). */
static void comparison_follows_the_metrics_table(void)
{
	struct attempt_row r1 = take(1, 2.0, 60, 140, 1, 0), r2 = take(2, 1.0, 70, 150, 0, 0);
	double none[4] = {-1, -1, -1, -1};
	struct compare_take a, c;
	double pace[2] = {1, 2};
	r1.stats.pace = pace;
	r1.stats.npace = 2;
	compare_take_from_row(&r1, none, &a);
	compare_take_from_row(&r2, none, &c);
	CHECK(a.stats.pace == NULL && a.stats.npace == 0);
	CHECK(a.stats.first_speech_s == 2.0);
	struct compare_line l[COMPARE_MAX];
	int n = compare_takes(&a, &c, NULL, l), k = 0;
	for (size_t i = 0; i < metric_count; i++)
		if (metrics[i].compare) {
			const char *want = metrics[i].compare_label ? metrics[i].compare_label
								    : metrics[i].label;
			CHECK_STR(l[k++].label, want);
		}
	CHECK_INT(n, k + 2); /* then the STAR split and the rating */
	CHECK_STR(l[k].label, "STAR split");
	CHECK(metric_find("long_pause_count") && !metric_find("no such figure"));
}

/* A take with S+T at share s (of an answer of S, T and A only). */
static struct compare_take st_share(double s)
{
	struct compare_take t = {.analysed = true, .has_speech = true};
	t.shape.marked = true;
	t.shape.share[STAR_S] = s / 2;
	t.shape.share[STAR_T] = s / 2;
	t.shape.share[STAR_A] = 1 - s;
	return t;
}

/* Issue 20 item 4: the STAR share is judged against the target's
 * direction, not by how many targets are met: S+T rising from 31% to 36%
 * against "at most 20%" is worse, falling towards it is better, and moving
 * within the target is the same. */
static void split_judged_against_the_target(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	const struct category *conflict = &b.cats[bank_category_index(&b, "conflict")];
	static const struct {
		double was, now;
		enum compare_verdict v;
	} cases[] = {
		{0.31, 0.36, CMP_WORSE}, {0.36, 0.31, CMP_BETTER}, {0.18, 0.30, CMP_WORSE},
		{0.10, 0.18, CMP_SAME},	 {0.31, 0.31, CMP_SAME},
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct compare_take a = st_share(cases[i].was), c = st_share(cases[i].now);
		struct compare_line l[COMPARE_MAX];
		int n = compare_takes(&a, &c, conflict, l);
		CHECK_STR(l[n - 2].label, "STAR split");
		CHECK_INT(l[n - 2].verdict, cases[i].v);
	}
	struct compare_take a = st_share(0.31), c = st_share(0.36);
	struct compare_line l[COMPARE_MAX];
	int n = compare_takes(&a, &c, conflict, l);
	CHECK_STR(l[n - 2].change, "S+T 36%, was 31% (≤20%)");
	bank_free(&b);
}

/* Issue 18: a stored take's split takes the follower's heard starts for
 * the parts not marked, when it followed the story; never otherwise. */
static void stored_takes_use_their_heard_starts(void)
{
	struct attempt_row r = {.has_stats = true};
	r.stats.has_story = true;
	r.stats.story_followed = true;
	r.stats.story_s_start_s = 1;
	r.stats.story_t_start_s = 10;
	r.stats.story_a_start_s = 20;
	r.stats.story_r_start_s = NAN; /* not heard */
	double starts[STAR_COUNT] = {-1, -1, 25, -1}; /* A pressed */
	compare_starts_of_row(&r, starts);
	CHECK_NEAR(starts[0], 1, 1e-9);
	CHECK_NEAR(starts[1], 10, 1e-9);
	CHECK_NEAR(starts[2], 25, 1e-9); /* the key wins */
	CHECK(starts[3] < 0);
	r.stats.story_followed = false;
	double none[STAR_COUNT] = {-1, -1, -1, -1};
	compare_starts_of_row(&r, none);
	for (int i = 0; i < STAR_COUNT; i++)
		CHECK(none[i] < 0);
}

/* The pivot line: shares before and now when the category changed; none
 * for the same category or a take without a split. */
static void pivot_line_shows_the_shift(void)
{
	struct attempt_row before = {.id = 12, .category = "conflict"};
	struct star_shape was = {.marked = true, .share = {0.30, 0.10, 0.40, 0.20}};
	struct star_shape now = {.marked = true, .share = {0.12, 0.08, 0.55, 0.25}};
	char buf[200];
	CHECK_STR(compare_pivot_text(&before, &was, "failure", &now, buf, sizeof buf),
		  "Pivot from conflict (take 12): S 30→12% · T 10→8% · A 40→55% · R 20→25%");
	CHECK_STR(compare_pivot_text(&before, &was, "conflict", &now, buf, sizeof buf), "");
	was.marked = false;
	CHECK_STR(compare_pivot_text(&before, &was, "failure", &now, buf, sizeof buf), "");
}

const struct test_case compare_cases[] = {
	TEST(stored_takes_use_their_heard_starts),
	TEST(pivot_line_shows_the_shift),
	TEST(split_judged_against_the_target),
	TEST(comparison_follows_the_metrics_table),
	TEST(retry_better_and_worse),
	TEST(silent_and_unrated_takes_are_not_compared),
};
const size_t compare_count = ARRAY_SIZE(compare_cases);
