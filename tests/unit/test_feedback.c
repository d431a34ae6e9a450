/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_feedback.c - result-card notes from statistics and STAR marks. */
#include <ctype.h>
#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/bank_tools.h"
#include "rehearse/feedback.h"
#include "rehearse/syllables.h"
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
			     .wpm_estimate = 190, .speech_rms_dbfs = -45, .speech_s = 40, .snr_db = 30,
			     .clipped_samples = 16000 * 50 / 100};
	struct take_facts t = {.analysis = &a, .duration_s = 50, .limit_s = 90};
	for (int i = 0; i < STAR_COUNT; i++)
		t.marks.at[i] = -1;
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Pace about 190 words per minute", false));
	CHECK(has_note(&f, ": too fast", false));
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
			     .speech_rms_dbfs = -20, .speech_s = 80, .snr_db = 40};
	t.analysis = &b;
	t.duration_s = 100;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "steady", true));
	CHECK(has_note(&f, "Ran 10 s over the 90 s limit", false));
	CHECK(!has_note(&f, "start speaking", false));
}

/* Issue 20: a breath is not a fault; long pauses, long gaps between
 * parts and pauses long for this speaker are. */
static void only_pauses_a_listener_notices_are_warned(void)
{
	struct pause p[] = {{5.0, 5.4},	  {9.0, 9.5},	{14.0, 15.4}, {20.0, 20.4},
			    {30.0, 31.8}, {40.0, 42.6}, {50.0, 53.5}, {60.0, 60.5},
			    {65.0, 65.4}, {70.0, 70.5}, {75.0, 75.4}, {78.0, 78.3}};
	size_t n = ARRAY_SIZE(p);
	struct star_marks m = {{-1, 31.5, 54.0, -1}}; /* Task after the 1.8 s pause, Action after 3.5 s */
	CHECK_INT(pause_judge(p, n, &m, 0), PAUSE_SHORT);
	CHECK_INT(pause_judge(p, n, &m, 4), PAUSE_BETWEEN); /* 1.8 s where Task begins */
	CHECK_INT(pause_judge(p, n, NULL, 4), PAUSE_LONG_FOR_YOU); /* 1.8 s, median 0.5 s */
	CHECK_INT(pause_judge(p, n, &m, 2), PAUSE_LONG_FOR_YOU);   /* 1.4 s too */
	CHECK_INT(pause_judge(p, n, &m, 5), PAUSE_LONG);	   /* 2.6 s inside a part */
	CHECK_INT(pause_judge(p, n, &m, 6), PAUSE_LONG_GAP);	   /* 3.5 s before Action */
	CHECK(!pause_is_warned(PAUSE_BETWEEN) && !pause_is_warned(PAUSE_BREATH));
	/* With pauses of a second or so all along, 1.3 s is this speaker's breath. */
	struct pause q[] = {{5, 6.1}, {10, 11.2}, {15, 16.3}, {20, 21}, {25, 26.4}};
	CHECK_INT(pause_judge(q, ARRAY_SIZE(q), NULL, 2), PAUSE_BREATH);
	struct analysis a = {.sample_rate = 16000, .duration_s = 80, .has_speech = true,
			     .first_speech_s = 1, .last_speech_s = 79, .pauses = p, .npauses = n,
			     .wpm_estimate = 150, .speech_rms_dbfs = -20, .speech_s = 60,
			     .snr_db = 40};
	struct take_facts t = {.analysis = &a, .duration_s = 80, .limit_s = 90, .marks = m};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(!has_note(&f, "at 0:30", false)); /* the breath before Task */
	CHECK(has_note(&f, "Pause of 1.4 s at 0:14, long for this answer (its pauses run about 0.5 s)", false));
	CHECK(has_note(&f, "Long pause of 2.6 s at 0:40", false));
	CHECK(has_note(&f, "Long pause of 3.5 s at 0:50, before Action", false));
	CHECK(has_note(&f, "1 pause of 1.8 s, between STAR parts: a breath", true));
	/* Two more breaths inside a part: their lengths, and how many between parts. */
	struct pause b[] = {{14.0, 15.2}, {30.0, 32.9}, {40.0, 41.1}};
	struct star_marks mb = {{0, 33.0, -1, -1}};
	a.pauses = b;
	a.npauses = ARRAY_SIZE(b);
	t.marks = mb;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "3 pauses of 1.1 to 2.9 s, 1 between STAR parts: breaths", true));
}

/* Issue 8: a weak number is stated plainly, not as a confident figure. */
static void weak_pace_is_said_plainly(void)
{
	struct analysis a = {.sample_rate = 16000, .duration_s = 60, .has_speech = true,
			     .first_speech_s = 1, .last_speech_s = 8, .speech_s = 6,
			     .wpm_estimate = 150, .speech_rms_dbfs = -20, .snr_db = 40};
	struct take_facts t = {.analysis = &a, .duration_s = 60, .limit_s = 90};
	for (int i = 0; i < STAR_COUNT; i++)
		t.marks.at[i] = -1;
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Only 6 s of speech: too little to judge the pace", false));
	CHECK(!has_note(&f, "Pace about", true));
	a.speech_s = 50;
	a.snr_db = 9;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "pace roughly 120-180 words per minute, not a firm figure", false));
	CHECK(!has_note(&f, "Pace about", true));
	a.snr_db = 30;
	a.syllables_per_min = 210; /* at 1.4 syllables a word */
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Pace about 150 words per minute (125-187): steady", true));
	a.wpm_source = WPM_TEXT;
	feedback_build(&t, &f);
	/* The shown story's ratio is not "your story's words" (issue 20 #12):
	 * it may be another story that was told. */
	CHECK(has_note(&f, "Pace about 150 words per minute (125-187): steady", true));
	CHECK(!has_note(&f, "story's words", true));
	char card[80];
	bool good;
	CHECK_STR(pace_summary(&a, card, sizeof card, &good), "~150 wpm (125-187), steady");
	CHECK(good);
	a.wpm_source = WPM_TYPICAL;
	CHECK_STR(pace_summary(&a, card, sizeof card, &good), "~150 wpm (125-187), steady");
	a.snr_db = 9;
	CHECK_STR(pace_summary(&a, card, sizeof card, &good), "roughly 120-180 wpm (noisy)");
	CHECK(!good);
	a.speech_s = 4;
	CHECK_STR(pace_summary(&a, card, sizeof card, &good), "too little speech to say");
	a.nonfinite_samples = 3;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "3 samples of the recording were not numbers and were skipped", false));
}

/* The rule-based counter against hand counts, and a story's own ratio. */
static void syllables_are_counted_by_rule(void)
{
	static const struct {
		const char *w;
		int n;
	} words[] = {{"make", 1}, {"table", 2}, {"walked", 1}, {"wanted", 2}, {"boxes", 2},
		     {"actual", 3}, {"people", 2}, {"every", 3}, {"CI", 2}, {"41", 3},
		     {"role", 1}, {"articles", 3}, {"quarter", 2}, {"the", 1}, {"", 0}};
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		test_case_name = words[i].w;
		CHECK_INT(syllables_in_word(words[i].w, strlen(words[i].w)), words[i].n);
	}
	test_case_name = "syllables_are_counted_by_rule";
	struct text_count c = text_syllables("I cut 70% of the wait, and asked the team.");
	CHECK_INT(c.words, 10);
	CHECK_INT(c.syllables, 14); /* seventy 3 + percent 2 */
	CHECK_NEAR(text_syllables_per_word("one two", 3), 0, 0);
	struct story st = {0};
	CHECK_NEAR(story_syllables_per_word(&st), 0, 0); /* no text: no ratio */
	char *s = xstrdup("We shipped the fix on time and the team was happy with it. "
			  "We shipped the fix on time and the team was happy with it. "
			  "We shipped the fix on time and the team was happy with it. "
			  "We shipped the fix on time and the team was happy with it.");
	st.star[0] = s;
	CHECK_NEAR(story_syllables_per_word(&st), 14.0 / 13.0, 1e-9);
	free(s);
}

/* The CMU pronouncing dictionary (Debian's pocketsphinx-en-us): word and
 * syllables of its first pronunciation, sorted for bsearch. */
struct cmu_word {
	char w[40];
	int n;
};

static int cmu_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cmu_word *)a)->w, ((const struct cmu_word *)b)->w);
}

static struct cmu_word *cmu_load(size_t *n)
{
	FILE *f = fopen("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict", "r");
	if (!f)
		return NULL;
	struct cmu_word *v = NULL;
	size_t cap = 0;
	char line[512];
	*n = 0;
	while (fgets(line, sizeof line, f)) {
		char *save = NULL, *w = strtok_r(line, " \t\n", &save);
		if (!w || strchr(w, '(') || strlen(w) >= sizeof v->w)
			continue;
		GROW(v, cap, *n + 1);
		snprintf(v[*n].w, sizeof v->w, "%s", w);
		v[*n].n = 0;
		for (char *ph = strtok_r(NULL, " \t\n", &save); ph; ph = strtok_r(NULL, " \t\n", &save))
			v[*n].n += strchr("AEIOU", ph[0]) != NULL; /* vowel phones */
		(*n)++;
	}
	fclose(f);
	qsort(v, *n, sizeof *v, cmu_cmp);
	return v;
}

/* Rule counts against the dictionary over one story's words it knows. */
static void story_against_cmu(const char *text, const struct cmu_word *cmu, size_t ncmu,
			      int *rule, int *dict)
{
	const char *p = text;
	while (*p) {
		while (*p && !isalpha((unsigned char)*p))
			p++;
		const char *a = p;
		while (isalpha((unsigned char)*p) || *p == '\'')
			p++;
		struct cmu_word key = {{0}, 0};
		size_t len = (size_t)(p - a) < sizeof key.w ? (size_t)(p - a) : sizeof key.w - 1;
		for (size_t i = 0; i < len; i++)
			key.w[i] = (char)tolower((unsigned char)a[i]);
		const struct cmu_word *hit = len ? bsearch(&key, cmu, ncmu, sizeof key, cmu_cmp) : NULL;
		if (hit) {
			*rule += syllables_in_word(a, (size_t)(p - a));
			*dict += hit->n;
		}
	}
}

/* Issue 8: the rule-based counter validated against the CMU dictionary on
 * the bundled bank: each story's syllables within 3% of the dictionary's. */
static void syllable_counter_agrees_with_cmu_on_the_bank(void)
{
	size_t ncmu;
	struct cmu_word *cmu = cmu_load(&ncmu);
	if (!cmu) {
		test_skip("the CMU dictionary (pocketsphinx-en-us) is not installed");
		return;
	}
	struct bank b;
	char e[ERRBUF_SIZE];
	CHECK_INT(bank_load(&b, REHEARSE_SOURCE_DIR "/prompts", e), 0);
	int checked = 0;
	for (size_t i = 0; i < b.nstories; i++) {
		int rule = 0, dict = 0;
		for (int k = 0; k < STAR_COUNT; k++)
			if (b.stories[i].star[k])
				story_against_cmu(b.stories[i].star[k], cmu, ncmu, &rule, &dict);
		if (dict < 100)
			continue; /* a moment: too few words to judge */
		test_case_name = b.stories[i].id;
		CHECK_NEAR(rule, dict, 0.03 * dict);
		checked++;
	}
	test_case_name = "syllable_counter_agrees_with_cmu_on_the_bank";
	CHECK(checked >= 5);
	bank_free(&b);
	free(cmu);
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
	t.duration_s = 19.6; /* rounded, the two figures would read the same */
	feedback_build(&t, &f);
	CHECK(has_note(&f, "At 19.6 s the answer is short; under 20 s", false));
	t.duration_s = 15;
	t.follow_up = true; /* a follow-up of 30 s at most asks for a short answer */
	feedback_build(&t, &f);
	CHECK(!has_note(&f, "short", false));
	t.follow_up = false;
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

/* The index of the first note containing text, or -1. */
static int note_at(const struct feedback *f, const char *text)
{
	for (int i = 0; i < f->n; i++)
		if (strstr(f->notes[i].text, text))
			return i;
	return -1;
}

/* Issue 20 item 1: a cut-off and a missed target come before the pause
 * notes, praise last, so a small card shows what matters first. */
static void notes_are_ordered_by_importance(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	struct pause p[3] = {{20.0, 22.6}, {40.0, 42.7}, {60.0, 62.8}};
	struct analysis a = {.sample_rate = 16000, .duration_s = 90, .has_speech = true,
			     .first_speech_s = 0.5, .last_speech_s = 89.5, .pauses = p, .npauses = 3,
			     .wpm_estimate = 150, .speech_rms_dbfs = -20, .speech_s = 70, .snr_db = 30};
	struct take_facts t = {.analysis = &a, .duration_s = 90, .limit_s = 90, .cut_off = true,
			       .category = &bk.cats[bank_category_index(&bk, "conflict")],
			       .marks = {{0, 10, 32, 70}}};
	struct feedback f;
	feedback_build(&t, &f);
	int cut = note_at(&f, "Cut off by the clock"), target = note_at(&f, "Situation+Task took");
	int pause = note_at(&f, "Long pause"), pace = note_at(&f, "Pace about");
	CHECK(cut == 0);
	CHECK(target == 1);
	CHECK(pause > target);
	CHECK(pace > pause); /* steady: praise, last */
	for (int i = 1; i < f.n; i++)
		CHECK(f.notes[i].rank >= f.notes[i - 1].rank);
	bank_free(&bk);
}

/* Issue 20, item 3: one rule for what a take's figures mean. */
static void take_meaning_is_one_rule(void)
{
	struct take_meaning m = take_meaning(ATTEMPT_COMPLETE, true, false, 0, 60, 90);
	CHECK(!m.heard && !m.pace_known);
	CHECK_STR(m.status, "no speech");
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 5, 60, 90);
	CHECK(m.heard && !m.pace_known); /* the card: "too little speech to say" */
	CHECK_STR(m.status, "complete");
	struct analysis a = {.has_speech = true, .speech_s = 5};
	CHECK(m.pace_known == pace_is_judgeable(&a));
	m = take_meaning(ATTEMPT_CUT_OFF, true, true, 60, 60, 90);
	CHECK(m.heard && m.pace_known);
	CHECK_STR(m.status, "cut-off");
	m = take_meaning(ATTEMPT_STOPPED, false, false, 0, 60, 90); /* timer only */
	CHECK(!m.heard);
	CHECK_STR(m.status, "stopped");
	/* Issue 20 #19: a take that ran on past its limit (overtime) is not
	 * plain complete; within the last tick it is; so is one whose limit
	 * is not known. Cut off and stopped keep their own words. */
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 60, 101.2, 90);
	CHECK(m.over && m.heard);
	CHECK_STR(m.status, "over time");
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 60, 90.3, 90);
	CHECK(!m.over);
	CHECK_STR(m.status, "complete");
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 60, 101.2, 0);
	CHECK_STR(m.status, "complete");
	m = take_meaning(ATTEMPT_CUT_OFF, true, true, 60, 180, 90);
	CHECK_STR(m.status, "cut-off");
	m = take_meaning(ATTEMPT_COMPLETE, true, false, 0, 101.2, 90);
	CHECK_STR(m.status, "no speech");

	struct feedback f = {.n = 4};
	f.notes[0] = (struct feedback_note){.good = false, .rank = NOTE_LIMIT};
	f.notes[1] = (struct feedback_note){.good = false, .rank = NOTE_TARGET};
	f.notes[2] = (struct feedback_note){.good = false, .rank = NOTE_TARGET};
	f.notes[3] = (struct feedback_note){.good = false, .rank = NOTE_PAUSE};
	char why[64];
	m = take_meaning(ATTEMPT_CUT_OFF, true, true, 60, 60, 90);
	CHECK_STR(take_weak_points(&m, ATTEMPT_CUT_OFF, &f, why, sizeof why),
		  "cut off, 2 target misses, 1 warning");
	m = take_meaning(ATTEMPT_COMPLETE, true, false, 0, 60, 90);
	CHECK_STR(take_weak_points(&m, ATTEMPT_COMPLETE, NULL, why, sizeof why), "no speech");
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 60, 60, 90);
	f.n = 0;
	CHECK_STR(take_weak_points(&m, ATTEMPT_COMPLETE, &f, why, sizeof why), "");
	m = take_meaning(ATTEMPT_COMPLETE, true, true, 60, 101.2, 90);
	CHECK_STR(take_weak_points(&m, ATTEMPT_COMPLETE, &f, why, sizeof why), "over time");
}


/* A made-up answer of the story follower: sentences of parts and texts,
 * told or left out at the given times, each part's heard start (< 0: not
 * heard). */
struct follow_fixture {
	struct follow_result r;
	struct follow_sentence s[8];
};

static void follow_fixture(struct follow_fixture *fx, bool followed, const double start[STAR_COUNT])
{
	static const struct {
		enum star part;
		const char *text;
		bool heard;
	} told[] = {
		{STAR_S, "The support queue had grown for months.", true},
		{STAR_S, "I asked Priya in sales why renewals slipped.", false},
		{STAR_T, "I had to find out within a week.", true},
		{STAR_A, "I read every ticket and grouped them by cause.", true},
		{STAR_A, "then we fixed the login flow first.", false},
		{STAR_R, "We cut the wait from 9 days to 2 in a quarter.", false},
		{STAR_R, "the team kept the habit.", false},
	};
	memset(fx, 0, sizeof *fx);
	fx->r.built = true;
	fx->r.followed = followed;
	fx->r.sentences = fx->s;
	fx->r.nsentences = ARRAY_SIZE(told);
	for (size_t i = 0; i < ARRAY_SIZE(told); i++)
		fx->s[i] = (struct follow_sentence){told[i].part, (char *)told[i].text,
						    followed && told[i].heard, 0, 0};
	for (int i = 0; i < STAR_COUNT; i++) {
		fx->r.part_heard[i] = followed && start[i] >= 0;
		fx->r.part_start_s[i] = start[i];
	}
	fx->r.coverage = 3.0 / 7;
	fx->r.nreached = followed ? 4 : 0; /* the last heard: sentence 4 */
	fx->r.words_heard = followed ? 200 : 3;
	fx->r.wpm_words = followed ? 152 : 0;
}

/* Issue 18: the heard part starts fill the parts no key was pressed for,
 * and the category's targets are judged on them. */
static void heard_starts_fill_unmarked_parts(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	struct follow_fixture fx;
	follow_fixture(&fx, true, (double[]){2, 14, 31, 72});
	struct take_facts t = {.category = &bk.cats[bank_category_index(&bk, "conflict")],
			       .duration_s = 90, .limit_s = 90, .marks = {{-1, -1, -1, -1}},
			       .follow = &fx.r};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(f.shape.marked);
	CHECK_INT(f.heard, 0xF);
	CHECK_NEAR(f.starts.at[STAR_A], 31, 1e-9);
	/* S 2..14, T 14..31 of 2..90: 29/88 = 33%, over the 20% target. */
	CHECK(has_note(&f, "Situation+Task took 33% of the answer (conflict target: at most 20%)",
		       false));
	CHECK(has_note(&f, "Result began at 1:12, 18 s before the limit", true));
	char row[160];
	CHECK_STR(star_starts_text(&f, row, sizeof row),
		  "S 0:02 · T 0:14 · A 0:31 · R 1:12 (all heard)");
	/* The Result not heard: the row names the parts that were. */
	fx.r.part_heard[STAR_R] = false;
	fx.r.part_start_s[STAR_R] = -1;
	feedback_build(&t, &f);
	CHECK_STR(star_starts_text(&f, row, sizeof row), "S 0:02 · T 0:14 · A 0:31 · R — (S, T, A heard)");
	/* Without the follower the same take has no shape at all. */
	t.follow = NULL;
	feedback_build(&t, &f);
	CHECK(!f.shape.marked);
	CHECK_STR(star_starts_text(&f, row, sizeof row), "");
	bank_free(&bk);
}

/* The bar's percents and the note's sum agree: S 35.5%, T 25.5%, A 39%
 * rounded one by one read S 36 T 26 A 39 (101) beside "S+T took 61%". */
static void shares_print_as_whole_percents_that_add_up(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	struct take_facts t = {.category = &bk.cats[bank_category_index(&bk, "conflict")],
			       .duration_s = 200, .limit_s = 240, .marks = {{0, 71, 122, -1}}};
	struct feedback f;
	feedback_build(&t, &f);
	int pct[STAR_COUNT];
	star_percents(&f.shape, pct);
	CHECK_INT(pct[STAR_S] + pct[STAR_T] + pct[STAR_A] + pct[STAR_R], 100);
	CHECK_INT(pct[STAR_A], 39);
	CHECK_INT(pct[STAR_R], 0);
	CHECK_INT(star_percent_of(&f.shape, (1u << STAR_S) | (1u << STAR_T)), 61);
	CHECK_INT(pct[STAR_S] + pct[STAR_T], 61);
	CHECK(has_note(&f, "Situation+Task took 61% of the answer", false));
	/* Nothing marked: no percents at all. */
	struct star_shape none = {0};
	star_percents(&none, pct);
	CHECK_INT(pct[STAR_S] + pct[STAR_T] + pct[STAR_A] + pct[STAR_R], 0);
	bank_free(&bk);
}

/* Keys the person pressed win, part by part; a heard start that would
 * put the parts out of order is not used. */
static void pressed_keys_win_over_heard_starts(void)
{
	struct follow_fixture fx;
	follow_fixture(&fx, true, (double[]){2, 14, 31, 72});
	struct take_facts t = {.duration_s = 90, .limit_s = 90, .marks = {{-1, -1, 40, -1}},
			       .follow = &fx.r};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK_NEAR(f.starts.at[STAR_A], 40, 1e-9); /* pressed, not the heard 31 */
	CHECK_NEAR(f.starts.at[STAR_S], 2, 1e-9);
	CHECK_INT(f.heard, (1u << STAR_S) | (1u << STAR_T) | (1u << STAR_R));
	CHECK_NEAR(f.shape.share[STAR_A], 32.0 / 88, 1e-9);
	char row[160];
	CHECK_STR(star_starts_text(&f, row, sizeof row),
		  "S 0:02 · T 0:14 · A 0:40 · R 1:12 (A pressed, the rest heard)");
	/* T pressed at 35: the heard R at 72 still fits; the heard A at 31
	 * (before T) does not. */
	t.marks = (struct star_marks){{-1, 35, -1, -1}};
	feedback_build(&t, &f);
	CHECK_NEAR(f.starts.at[STAR_T], 35, 1e-9);
	CHECK(f.starts.at[STAR_A] < 0);
	CHECK_NEAR(f.starts.at[STAR_R], 72, 1e-9);
	CHECK_STR(star_starts_text(&f, row, sizeof row),
		  "S 0:02 · T 0:35 · A — · R 1:12 (T pressed, the rest heard)");
	/* All pressed. */
	t.marks = (struct star_marks){{0, 10, 20, 80}};
	feedback_build(&t, &f);
	CHECK_INT(f.heard, 0);
	CHECK_STR(star_starts_text(&f, row, sizeof row),
		  "S 0:00 · T 0:10 · A 0:20 · R 1:20 (all pressed)");
	/* "all" is said of all four parts only (a newcomer's walk saw "(all
	 * pressed)" with only S pressed). */
	struct take_facts one = t;
	one.follow = NULL;
	one.marks = (struct star_marks){{-1, 20, -1, -1}};
	struct feedback g;
	feedback_build(&one, &g);
	CHECK_STR(star_starts_text(&g, row, sizeof row), "S — · T 0:20 · A — · R — (T pressed)");
	CHECK(has_note(&f, "Result began at 1:20, 10 s before the limit", true));
	/* A Result in the limit's last tenth, or after it. */
	t.marks.at[STAR_R] = 85;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Result began at 1:25, only 5 s before the limit: leave room to land it",
		       false));
	t.marks.at[STAR_R] = 95;
	t.duration_s = 100;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Result began at 1:35, 5 s after the 90 s limit", false));
}

/* Issue 18, honest about doubt: a story not followed gives one plain note
 * and nothing else from the follower: no shares, no left-out list, no
 * pace from words, no "Result never reached". */
static void not_followed_gives_one_note_and_no_shares(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	struct follow_fixture fx;
	follow_fixture(&fx, false, (double[]){2, 14, 31, 72});
	fx.r.part_heard[STAR_S] = true; /* even a start it half-heard is not used */
	struct analysis a = {.sample_rate = 16000, .duration_s = 90, .has_speech = true,
			     .first_speech_s = 1, .last_speech_s = 89, .wpm_estimate = 150,
			     .syllables_per_min = 210, .speech_rms_dbfs = -20, .speech_s = 70,
			     .snr_db = 40, .wpm_source = WPM_TEXT};
	struct take_facts t = {.analysis = &a,
			       .category = &bk.cats[bank_category_index(&bk, "failure")],
			       .duration_s = 90, .limit_s = 90, .marks = {{-1, -1, -1, -1}},
			       .follow = &fx.r};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Could not follow the story (too little of it was recognised)", false));
	/* The card showed no story and none of the bank's was told. */
	fx.r.story_index = -1;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "None of your bank's stories was recognised in this answer", false));
	CHECK(note_at(&f, "Could not follow") < 0);
	fx.r.story_index = 0;
	feedback_build(&t, &f);
	CHECK(!f.shape.marked);
	CHECK_INT(f.heard, 0);
	CHECK(note_at(&f, "Left out") < 0);
	CHECK(note_at(&f, "Result") < 0);
	CHECK(note_at(&f, "target") < 0);
	CHECK(note_at(&f, "words heard") < 0);
	CHECK(has_note(&f, "Pace about 150 words per minute (125-187): steady", true));
	char card[80];
	bool good;
	CHECK_STR(pace_summary_heard(&a, &fx.r, card, sizeof card, &good), "~150 wpm (125-187), steady");
	/* Built without the follower: no word from it at all. */
	fx.r.built = false;
	feedback_build(&t, &f);
	CHECK(note_at(&f, "follow") < 0);
	/* Followed, but its Result never heard or pressed. */
	follow_fixture(&fx, true, (double[]){2, 14, 31, -1});
	feedback_build(&t, &f);
	CHECK(has_note(&f, "The Result was never reached: none of its sentences was heard", false));
	CHECK(has_note(&f, "Result not marked or heard, so Action+Result has no share", false));
	for (int i = 0; i < f.n; i++)
		if (strstr(f.notes[i].text, "never reached"))
			CHECK_INT(f.notes[i].rank, NOTE_TARGET);
	bank_free(&bk);
}

/* What was left out, numbers and names first (the method: the detail is
 * what makes a story believable), shortened to two card rows. */
static void left_out_puts_numbers_and_names_first(void)
{
	CHECK(sentence_has_detail("We cut the wait from 9 days to 2."));
	CHECK(sentence_has_detail("then Priya asked."));
	CHECK(!sentence_has_detail("Then I asked, and I'm glad I did."));
	CHECK(!sentence_has_detail("The team kept the habit."));
	struct follow_fixture fx;
	follow_fixture(&fx, true, (double[]){2, 14, 31, 72});
	struct take_facts t = {.duration_s = 90, .limit_s = 90, .marks = {{-1, -1, -1, -1}},
			       .follow = &fx.r};
	struct feedback f;
	feedback_build(&t, &f);
	int k = note_at(&f, "Left out");
	CHECK(k >= 0);
	if (k < 0)
		return;
	const char *text = f.notes[k].text;
	CHECK(!f.notes[k].good);
	CHECK(strstr(text, "Left out 4 of 7 sentences: S \"I asked Priya in sales why renewals "
			   "slipped.\"; R \"We cut the wait from 9 days to 2 in a quarter.\"") == text);
	const char *priya = strstr(text, "Priya"), *wait = strstr(text, "the wait");
	const char *login = strstr(text, "login"), *habit = strstr(text, "habit");
	CHECK(priya && wait && priya < wait);
	CHECK(!login || (wait < login && (!habit || login < habit)));
	CHECK(habit || strstr(text, "more"));
	size_t cols = 0;
	for (const char *p = text; *p; p++)
		cols += ((unsigned char)*p & 0xC0) != 0x80;
	CHECK(cols <= 148);
	/* A long sentence is shortened at a word, with an ellipsis. */
	fx.s[0].heard = false;
	fx.s[0].text = "The support queue at Northwind had grown for months while nobody owned "
		       "it and every week it got worse.";
	feedback_build(&t, &f);
	k = note_at(&f, "Left out");
	CHECK(k >= 0 && strstr(f.notes[k].text, "S \"The support queue at Northwind had grown for…\""));
	CHECK(k >= 0 && strstr(f.notes[k].text, "; and 3 more"));
	/* Everything told: no list. */
	for (size_t i = 0; i < fx.r.nsentences; i++)
		fx.s[i].heard = true;
	feedback_build(&t, &f);
	CHECK(note_at(&f, "Left out") < 0);
}

/* Words per minute from the words when the follower followed the story
 * (issue 18, issue 20 #12); the estimate otherwise. */
static void pace_from_words_only_when_followed(void)
{
	struct follow_fixture fx;
	follow_fixture(&fx, true, (double[]){2, 14, 31, 72});
	struct analysis a = {.sample_rate = 16000, .duration_s = 90, .has_speech = true,
			     .first_speech_s = 1, .last_speech_s = 89, .wpm_estimate = 140,
			     .syllables_per_min = 196, .speech_rms_dbfs = -20, .speech_s = 70,
			     .snr_db = 40, .wpm_source = WPM_TEXT};
	struct take_facts t = {.analysis = &a, .duration_s = 90, .limit_s = 90,
			       .marks = {{-1, -1, -1, -1}}, .follow = &fx.r};
	struct feedback f;
	feedback_build(&t, &f);
	CHECK(has_note(&f, "Pace 152 words per minute, from the words heard: steady (steady is 130-160)",
		       true));
	CHECK(note_at(&f, "Pace about") < 0);
	char card[80];
	bool good;
	CHECK_STR(pace_summary_heard(&a, &fx.r, card, sizeof card, &good), "152 wpm heard, steady");
	CHECK(good);
	fx.r.wpm_words = 185;
	CHECK_STR(pace_summary_heard(&a, &fx.r, card, sizeof card, &good), "185 wpm heard, too fast");
	CHECK(!good);
	CHECK_STR(pace_summary_heard(&a, NULL, card, sizeof card, &good), "~140 wpm (116-174), steady");
	a.speech_s = 5; /* too little speech, whatever the words */
	CHECK_STR(pace_summary_heard(&a, &fx.r, card, sizeof card, &good), "too little speech to say");
}

/* A note from outside (the card's story fit) goes after its rank's. */
static void added_notes_keep_the_order(void)
{
	struct feedback f = {.n = 3};
	f.notes[0] = (struct feedback_note){.rank = NOTE_LIMIT};
	f.notes[1] = (struct feedback_note){.rank = NOTE_DELIVERY};
	f.notes[2] = (struct feedback_note){.good = true, .rank = NOTE_PRAISE};
	CHECK(feedback_add(&f, NOTE_DELIVERY, false, "story fit"));
	CHECK_INT(f.n, 4);
	CHECK_STR(f.notes[2].text, "story fit");
	CHECK_INT(f.notes[2].rank, NOTE_DELIVERY);
	f.n = FEEDBACK_MAX;
	CHECK(!feedback_add(&f, NOTE_LIMIT, false, "no room"));
}

/* The card's story fit (issue 18): bank check's line, only when the
 * person's own pace is known and the story is over the limit at it. */
static void story_fit_on_the_card(void)
{
	struct story st = {.words = 240};
	struct pace_basis mine = {90, 145, 145, true}, steady = pace_basis_steady(90);
	char buf[320];
	CHECK(story_fit_text(&st, &mine, buf, sizeof buf));
	CHECK_STR(buf, "Story fit: 240 words; at your usual pace (145 wpm) it takes 1:39; about 23 words "
		       "over 90 s: cut it to about 217");
	st.words = 260; /* over even at the steady band's fast end, but not their own pace */
	CHECK(!story_fit_text(&st, &steady, buf, sizeof buf));
	CHECK_STR(buf, "");
	st.words = 200;
	CHECK(!story_fit_text(&st, &mine, buf, sizeof buf)); /* fits */
	st.words = 240;
	st.is_moment = true;
	CHECK(!story_fit_text(&st, &mine, buf, sizeof buf));
	CHECK(!story_fit_text(NULL, &mine, buf, sizeof buf));
}

/* Cut off by the clock: what came after the last sentence heard was not
 * left out but not reached, and is said so once (a newcomer's round
 * answer listed 7 "left out" sentences the clock never let them tell).
 * The card said it twice, in the cut-off note and one of its own. */
static void cut_off_sentences_are_not_reached_not_left_out(void)
{
	struct follow_fixture fx;
	follow_fixture(&fx, true, (double[]){2, 14, 31, -1});
	struct take_facts t = {.duration_s = 40, .limit_s = 40, .marks = {{-1, -1, -1, -1}},
			       .follow = &fx.r, .cut_off = true};
	struct feedback f;
	feedback_build(&t, &f);
	/* Said once, in the cut-off note (the card said it twice). */
	CHECK(has_note(&f, "Cut off by the clock with 3 of 7 sentences to go: land the Result "
			   "before the 40 s limit",
		       false));
	CHECK(note_at(&f, "The clock stopped") < 0);
	int k = note_at(&f, "Left out");
	CHECK(k >= 0 && strstr(f.notes[k].text, "Left out 1 of the first 4 sentences: S \"I asked "
						 "Priya") == f.notes[k].text);
	CHECK(k >= 0 && !strstr(f.notes[k].text, "9 days"));
	t.cut_off = false; /* ended by the person: the rest was left out */
	feedback_build(&t, &f);
	k = note_at(&f, "Left out");
	CHECK(k >= 0 && strstr(f.notes[k].text, "Left out 4 of 7 sentences") == f.notes[k].text);
	CHECK(note_at(&f, "Cut off by the clock") < 0);
}

const struct test_case feedback_cases[] = {
	TEST(cut_off_sentences_are_not_reached_not_left_out),
	TEST(take_meaning_is_one_rule),
	TEST(notes_are_ordered_by_importance),
	TEST(pace_bands_follow_the_table),
	TEST(pacing_notes),
	TEST(only_pauses_a_listener_notices_are_warned),
	TEST(weak_pace_is_said_plainly),
	TEST(syllables_are_counted_by_rule),
	TEST(syllable_counter_agrees_with_cmu_on_the_bank),
	TEST(short_is_measured_against_the_limit),
	TEST(star_shape_against_category_targets),
	TEST(shares_print_as_whole_percents_that_add_up),
	TEST(heard_starts_fill_unmarked_parts),
	TEST(pressed_keys_win_over_heard_starts),
	TEST(not_followed_gives_one_note_and_no_shares),
	TEST(left_out_puts_numbers_and_names_first),
	TEST(pace_from_words_only_when_followed),
	TEST(added_notes_keep_the_order),
	TEST(story_fit_on_the_card),
};
const size_t feedback_count = ARRAY_SIZE(feedback_cases);
