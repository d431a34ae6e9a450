/* test_feedback.c - result-card notes from statistics and STAR marks. */
#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/feedback.h"
#include "test.h"

static bool has_note(const struct feedback *f, const char *text, bool good)
{
	for (int i = 0; i < f->n; i++)
		if (strstr(f->notes[i].text, text) && f->notes[i].good == good)
			return true;
	return false;
}

static void pace_bands_follow_the_table(void)
{
	CHECK_STR(pace_band_for(100)->label, "too slow");
	CHECK_STR(pace_band_for(110)->label, "a little slow");
	CHECK_STR(pace_band_for(145)->label, "steady");
	CHECK(pace_band_for(145)->good);
	CHECK_STR(pace_band_for(170)->label, "a little fast");
	CHECK_STR(pace_band_for(181)->label, "too fast");
}

static void pacing_notes(void)
{
	struct pause p[2] = {{10.0, 10.5}, {41.0, 43.1}};
	struct analysis a = {.sample_rate = 16000, .duration_s = 50, .has_speech = true,
			     .first_speech_s = 4.2, .last_speech_s = 49, .pauses = p, .npauses = 2,
			     .wpm_estimate = 190, .speech_rms_dbfs = -45,
			     .clipped_samples = 16000 * 50 / 100};
	struct take_facts t = {.analysis = &a, .duration_s = 50, .limit_s = 90};
	for (int i = 0; i < STAR_COUNT; i++)
		t.marks.at[i] = -1;
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Pace about 190 words per minute: too fast", false));
	CHECK(has_note(&f, "Took 4.2 s to start speaking", false));
	CHECK(has_note(&f, "Long pause of 2.1 s at 0:41", false));
	CHECK(!has_note(&f, "Long pause of 0.5", false));
	CHECK(has_note(&f, "Too quiet: speech at -45 dBFS", false));
	CHECK(has_note(&f, "Clipping: 1.0% of samples", false));
	CHECK(has_note(&f, "At 50 s the answer is short", false));
	char *joined = feedback_join(&f);
	CHECK(strchr(joined, '\n') != NULL);
	free(joined);
	/* A steady, well-started answer over the limit. */
	struct analysis b = {.sample_rate = 16000, .duration_s = 100, .has_speech = true,
			     .first_speech_s = 1.0, .last_speech_s = 99, .wpm_estimate = 150,
			     .speech_rms_dbfs = -20};
	t.analysis = &b;
	t.duration_s = 100;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "steady", true));
	CHECK(has_note(&f, "Ran 10 s over the 90 s limit", false));
	CHECK(!has_note(&f, "start speaking", false));
}

/* "Short" follows the limit in force; a cut-off answer is told so. */
static void short_is_measured_against_the_limit(void)
{
	struct take_facts t = {.duration_s = 25, .limit_s = 30};
	for (int i = 0; i < STAR_COUNT; i++)
		t.marks.at[i] = -1;
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(!has_note(&f, "short", false)); /* 25 s of a 30 s limit */
	t.duration_s = 15;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "At 15 s the answer is short; under 20 s", false));
	t.limit_s = 90;
	t.duration_s = 50;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "under 60 s rarely shows depth", false));
	t.limit_s = 30;
	t.duration_s = 30;
	t.cut_off = true;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Cut off by the clock: land the Result before the 30 s limit", false));
	CHECK(!has_note(&f, "short", false));
}

static void star_shape_against_category_targets(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	const struct category *conflict = &bk.cats[bank_category_index(&bk, "conflict")];
	const struct category *failure = &bk.cats[bank_category_index(&bk, "failure")];
	/* S at 0, T at 10, A at 20, R at 80, answer ends at 100: S+T = 20%. */
	struct take_facts t = {.category = conflict, .duration_s = 100, .limit_s = 90,
			       .marks = {{0, 10, 20, 80}}};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(f.shape.marked);
	CHECK_NEAR(f.shape.share[STAR_S], 0.10, 1e-9);
	CHECK_NEAR(f.shape.share[STAR_A], 0.60, 1e-9);
	CHECK(has_note(&f, "Situation+Task took 20% of the answer (conflict target: at most 20%)",
		       true));
	t.marks.at[STAR_A] = 40; /* S+T now 40% */
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Situation+Task took 40%", false));
	/* Failure: A+R at least 70%. Marks out of order still work. */
	t.category = failure;
	t.marks = (struct star_marks){{5, -1, 30, 60}};
	feedback_build(&t, &f);
	CHECK_NEAR(f.shape.share[STAR_S], 25.0 / 95, 1e-9);
	CHECK(has_note(&f, "Action+Result took 74% of the answer (failure target: at least 70%)",
		       true));
	/* Result never marked: "not marked", never "0%" (issue 11 item 5). */
	t.marks = (struct star_marks){{0, 10, 20, -1}};
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Result not marked, so Action+Result has no share", false));
	CHECK(!has_note(&f, "Action+Result took", true) && !has_note(&f, "Action+Result took", false));
	/* No marks, no shape note. */
	t.marks = (struct star_marks){{-1, -1, -1, -1}};
	feedback_build(&t, &f);
	CHECK(!f.shape.marked);
	CHECK(!has_note(&f, "target", true) && !has_note(&f, "target", false));
	bank_free(&bk);
}

const struct test_case feedback_cases[] = {
	TEST(pace_bands_follow_the_table),
	TEST(pacing_notes),
	TEST(short_is_measured_against_the_limit),
	TEST(star_shape_against_category_targets),
};
const size_t feedback_count = ARRAY_SIZE(feedback_cases);
