/* test_compare.c - a take against the previous take of its question. */
#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/compare.h"
#include "rehearse/store.h"
#include "test.h"

static struct attempt_row row(double first, double speech, double wpm, int longp, int rating)
{
	struct attempt_row r = {.status = ATTEMPT_COMPLETE, .duration_s = 90, .limit_s = 90,
				.has_stats = true, .rating = rating};
	r.stats.has_speech = true;
	r.stats.first_speech_s = first;
	r.stats.speech_s = speech;
	r.stats.last_speech_s = 88;
	r.stats.wpm_estimate = wpm;
	r.stats.long_pause_count = longp;
	return r;
}

static const struct compare_item *item(const struct take_compare *c, const char *label)
{
	const struct compare_item *it = compare_find(c, label);
	CHECK(it != NULL);
	static const struct compare_item none = {0};
	return it ? it : &none;
}

static void retry_better_and_worse(void)
{
	struct bank bk;
	CHECK_INT(fixture_bank(&bk), 0);
	const struct category *conflict = &bk.cats[bank_category_index(&bk, "conflict")];
	struct attempt_row rb = row(3.2, 40, 185, 3, 2), ra = row(1.1, 75, 150, 1, 0);
	/* Before: S+T 40% (target at most 20%); after: 20%, and R never marked. */
	struct take_side b = {&rb, {0, 17.6, 35.2, 60}}, a = {&ra, {0, 8.8, 17.6, -1}};
	struct take_compare c;
	take_compare(&b, &a, conflict, &c);
	CHECK_INT(c.n, 6);
	CHECK_STR(item(&c, "First word")->before, "3.2 s");
	CHECK_STR(item(&c, "First word")->after, "1.1 s");
	CHECK_INT(item(&c, "First word")->dir, CMP_BETTER);
	CHECK_STR(item(&c, "Speaking")->after, "1:15");
	CHECK_INT(item(&c, "Speaking")->dir, CMP_BETTER); /* 40 s was short of 60 s */
	CHECK_INT(item(&c, "Pace")->dir, CMP_BETTER);
	CHECK_STR(item(&c, "Pauses")->after, "1 long");
	CHECK_INT(item(&c, "Pauses")->dir, CMP_BETTER);
	CHECK_STR(item(&c, "STAR split")->before, "40%");
	CHECK_STR(item(&c, "STAR split")->after, "20%");
	CHECK_INT(item(&c, "STAR split")->dir, CMP_BETTER);
	CHECK_STR(item(&c, "Rating")->before, "2/5");
	CHECK_STR(item(&c, "Rating")->after, "not rated");
	CHECK_INT(item(&c, "Rating")->dir, CMP_UNKNOWN);
	CHECK_STR(compare_dir_word(CMP_BETTER), "better");
	/* The other way round, everything is worse. */
	ra.rating = 4;
	take_compare(&a, &b, conflict, &c);
	CHECK_INT(item(&c, "First word")->dir, CMP_WORSE);
	CHECK_INT(item(&c, "Pace")->dir, CMP_WORSE);
	CHECK_INT(item(&c, "Rating")->dir, CMP_WORSE);
	/* Within tolerance is the same; no speech is unknown, never 0. */
	struct attempt_row rs = row(3.3, 40, 183, 3, 2), rn = {.duration_s = 3, .limit_s = 90};
	struct take_side s = {&rs, {-1, -1, -1, -1}}, n = {&rn, {-1, -1, -1, -1}};
	take_compare(&b, &s, conflict, &c);
	CHECK_INT(item(&c, "First word")->dir, CMP_SAME);
	CHECK_STR(item(&c, "STAR split")->after, "not marked");
	CHECK_INT(item(&c, "STAR split")->dir, CMP_UNKNOWN);
	take_compare(&b, &n, NULL, &c);
	CHECK_STR(item(&c, "First word")->after, "—");
	CHECK_INT(item(&c, "First word")->dir, CMP_UNKNOWN);
	CHECK(compare_find(&c, "STAR split") == NULL); /* no category, no target */
	/* A row read back from the store has no has_speech flag. */
	rs.stats.has_speech = false;
	take_compare(&b, &s, NULL, &c);
	CHECK_STR(item(&c, "First word")->after, "3.3 s");
	bank_free(&bk);
}

/* The previous answered take of the same question, from the store. */
static void previous_take_from_the_store(void)
{
	char *p = xasprintf("%s/cmp.db", test_tmpdir());
	struct store s;
	char e[ERRBUF_SIZE];
	CHECK_INT(store_open(&s, p, e), 0);
	long long ids[4];
	const char *qs[] = {"c1", "c1", "c2", "c1"};
	enum attempt_status st[] = {ATTEMPT_CUT_OFF, ATTEMPT_DISCARDED, ATTEMPT_COMPLETE,
				    ATTEMPT_COMPLETE};
	for (int i = 0; i < 4; i++) {
		struct attempt_start a = {.mode = "practice", .question_id = qs[i],
					  .question_text = "C one", .category = "conflict"};
		CHECK_INT(store_attempt_begin(&s, &a, &ids[i], e), 0);
		struct attempt_end end = {.status = st[i], .duration_s = 30};
		CHECK_INT(store_attempt_finish(&s, ids[i], &end, e), 0);
	}
	CHECK_INT(store_add_mark(&s, ids[0], STAR_T, 4.5, e), 0);
	struct attempt_row r;
	struct take_side side;
	/* Skips the discarded take and the other question's. */
	CHECK_INT(compare_previous(&s, "c1", NULL, ids[3], &side, &r, e), 1);
	CHECK_INT(r.id, ids[0]);
	CHECK(side.row == &r);
	CHECK(side.marks[STAR_T] == 4.5 && side.marks[STAR_S] < 0);
	attempt_row_free(&r);
	CHECK_INT(compare_previous(&s, "c1", NULL, ids[0], &side, &r, e), 0);
	CHECK_INT(compare_previous(&s, NULL, NULL, ids[3], &side, &r, e), 0);
	store_close(&s);
	free(p);
}

const struct test_case compare_cases[] = {
	TEST(retry_better_and_worse),
	TEST(previous_take_from_the_store),
};
const size_t compare_count = ARRAY_SIZE(compare_cases);
