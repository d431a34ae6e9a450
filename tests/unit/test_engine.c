/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_engine.c - question choice, story matching, rounds and pivots. */
#include <sqlite3.h>
#include <stdlib.h>

#include "fixture_bank.h"
#include "rehearse/engine.h"
#include "rehearse/plan.h"
#include "test.h"

static void rng_is_reproducible_and_in_range(void)
{
	struct rng a, b;
	rng_seed(&a, 42);
	rng_seed(&b, 42);
	for (int i = 0; i < 100; i++)
		CHECK(rng_next(&a) == rng_next(&b));
	int hist[7] = {0};
	for (int i = 0; i < 7000; i++) {
		unsigned v = rng_below(&a, 7);
		CHECK(v < 7);
		hist[v % 7]++;
	}
	for (int i = 0; i < 7; i++)
		CHECK(hist[i] > 800 && hist[i] < 1200);
}

static const struct question *q(const struct bank *b, const char *id)
{
	return bank_question(b, id);
}

static void match_prefers_named_then_category_then_strength(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct match m;
	/* c3 is named by "named" even though "named" covers achievement only. */
	engine_match(&b, q(&b, "c3"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "named");
	CHECK(m.named);
	/* c1: strong (5) beats weak (2); angle for conflict comes along. */
	engine_match(&b, q(&b, "c1"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "strong");
	CHECK_STR(m.angle, "keep the clash short");
	/* c2 (conflict, collaboration): weak covers both, strong only one. */
	engine_match(&b, q(&b, "c2"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "weak");
	/* o1 (collaboration): only weak covers it, told as collaboration. */
	engine_match(&b, q(&b, "o1"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "weak");
	CHECK_INT(m.category, bank_category_index(&b, "collaboration"));
	bank_free(&b);
}

static void match_breaks_ties_by_least_recent(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	char e[ERRBUF_SIZE];
	CHECK_INT(fixture_story(&b, "twin", "categories: conflict, leadership, failure\nstrength: 5\n",
				e),
		  0);
	struct history_view h = {0};
	recency_set(&h.stories, "strong", 2000);
	recency_set(&h.stories, "twin", 1000);
	struct match m;
	engine_match(&b, q(&b, "f1"), &h, NULL, &m);
	CHECK_STR(m.story->id, "twin");
	recency_set(&h.stories, "twin", 3000);
	engine_match(&b, q(&b, "f1"), &h, NULL, &m);
	CHECK_STR(m.story->id, "strong");
	recency_free(&h.stories);
	bank_free(&b);
}

static void match_names_the_missing_category_and_a_moment(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct match m;
	engine_match(&b, q(&b, "m1"), NULL, NULL, &m);
	CHECK(m.story == NULL);
	CHECK_INT(m.missing_category, bank_category_index(&b, "communication"));
	CHECK(m.moment && !strcmp(m.moment->id, "idea"));
	engine_match(&b, q(&b, "d1"), NULL, NULL, &m);
	CHECK(m.story == NULL && m.moment == NULL);
	CHECK_INT(m.missing_category, bank_category_index(&b, "adaptability"));
	bank_free(&b);
}

static void random_pick_prefers_least_recently_practised(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct history_view h = {0};
	/* All conflict questions practised but c2, which must then win. */
	recency_set(&h.questions, "c1", 100);
	recency_set(&h.questions, "c3", 200);
	struct filter f = {bank_category_index(&b, "conflict"), LEVEL_ANY};
	for (uint64_t seed = 0; seed < 20; seed++) {
		struct rng r;
		rng_seed(&r, seed);
		CHECK_STR(engine_pick_question(&b, &f, &h, &r)->id, "c2");
	}
	recency_set(&h.questions, "c2", 300);
	struct rng r;
	rng_seed(&r, 1);
	CHECK_STR(engine_pick_question(&b, &f, &h, &r)->id, "c1");
	/* Level filter: junior sees junior and "any" questions only. */
	struct filter fj = {-1, LEVEL_JUNIOR};
	for (int i = 0; i < 50; i++)
		CHECK(engine_pick_question(&b, &fj, NULL, &r)->level != LEVEL_SENIOR);
	recency_free(&h.questions);
	bank_free(&b);
}

static void round_is_distinct_spread_and_reproducible(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct filter f = {-1, LEVEL_ANY};
	for (uint64_t seed = 0; seed < 200; seed++) {
		struct pick p1[14], p2[14];
		struct rng r1, r2;
		rng_seed(&r1, seed);
		rng_seed(&r2, seed);
		size_t n1 = engine_round(&b, &f, NULL, &r1, 14, p1);
		size_t n2 = engine_round(&b, &f, NULL, &r2, 14, p2);
		CHECK_INT(n1, 14);
		CHECK_INT(n2, 14);
		catmask first7 = 0, second7 = 0;
		for (size_t i = 0; i < n1; i++) {
			CHECK(p1[i].question == p2[i].question);
			for (size_t j = 0; j < i; j++)
				CHECK(p1[i].question != p1[j].question);
			catmask bit = 1u << p1[i].question->first_cat;
			if (i < 7) {
				CHECK(!(first7 & bit));
				first7 |= bit;
			} else {
				CHECK(!(second7 & bit));
				second7 |= bit;
			}
		}
	}
	/* More questions than the bank holds: stops at the bank's size. */
	struct pick all[40];
	struct rng r;
	rng_seed(&r, 7);
	CHECK_INT(engine_round(&b, &f, NULL, &r, 40, all), 21);
	bank_free(&b);
}

static void round_uses_each_story_once_where_possible(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct filter f = {bank_category_index(&b, "conflict"), LEVEL_ANY};
	/* Only conflict questions: strong, weak and (for c3) named can serve. */
	for (uint64_t seed = 0; seed < 50; seed++) {
		struct pick p[3];
		struct rng r;
		rng_seed(&r, seed);
		CHECK_INT(engine_round(&b, &f, NULL, &r, 3, p), 3);
		CHECK(p[0].match.story != p[1].match.story);
		CHECK(p[1].match.story != p[2].match.story);
		CHECK(p[0].match.story != p[2].match.story);
	}
	bank_free(&b);
}

static void pivot_orders_conflict_leadership_failure(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct pick p[3];
	struct rng r;
	rng_seed(&r, 3);
	CHECK_INT(engine_pivot(&b, bank_story(&b, "strong"), NULL, &r, p), 3);
	CHECK_INT(p[0].match.category, bank_category_index(&b, "conflict"));
	CHECK_INT(p[1].match.category, bank_category_index(&b, "leadership"));
	CHECK_INT(p[2].match.category, bank_category_index(&b, "failure"));
	for (int i = 0; i < 3; i++) {
		CHECK(p[i].question->cats & (1u << p[i].match.category));
		CHECK_STR(p[i].match.story->id, "strong");
	}
	/* A story with two categories gives two questions. */
	CHECK_INT(engine_pivot(&b, bank_story(&b, "weak"), NULL, &r, p), 2);
	bank_free(&b);
}

/* Issue 20: a card that fits its question. Among stories of the same
 * categories, one of the question's level, then one sharing its words; a
 * story kept from a question never shows for it. */
static void match_fits_level_words_and_exclusions(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	char e[ERRBUF_SIZE];
	const char *body = "categories: collaboration\nstrength: 3\n";
	CHECK_INT(bank_parse_questions(&b, "q",
				       "s1 | collaboration | any | Working with sales, support or "
				       "legal on a contract?\n"
				       "s2 | collaboration | junior | A project from school you are "
				       "proud of\n",
				       e),
		  0);
	/* "weak" (conflict, collaboration; strength 2) covers s1 too. */
	CHECK_INT(fixture_story(&b, "engineers", body, e), 0);
	char hdr[256];
	snprintf(hdr, sizeof hdr, "%slevel: junior\n", body);
	CHECK_INT(fixture_story(&b, "student", hdr, e), 0);
	CHECK_INT(bank_parse_story(&b, "legal.md", "legal",
				   "# Sales and legal\ncategories: collaboration\nstrength: 3\n"
				   "## Situation\nOur support lead and the legal team\n## Task\nt\n"
				   "## Action\nA contract review\n## Result\nr\n",
				   e),
		  0);
	struct match m;
	engine_match(&b, q(&b, "s1"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "legal"); /* support, legal, contract */
	engine_match(&b, q(&b, "s2"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "student"); /* the junior one */
	engine_match(&b, q(&b, "o2"), NULL, NULL, &m); /* senior: not the junior story */
	CHECK(strcmp(m.story->id, "student") != 0);
	/* Kept from s1, the best fit gives way to the next. */
	bank_free(&b);
	CHECK_INT(fixture_bank(&b), 0);
	CHECK_INT(bank_parse_questions(&b, "q", "s1 | collaboration | any | Sales and legal\n", e),
		  0);
	CHECK_INT(bank_parse_story(&b, "legal.md", "legal",
				   "# Sales and legal\ncategories: collaboration\nstrength: 5\n"
				   "not-questions: s1\n" STAR_BODY,
				   e),
		  0);
	engine_match(&b, q(&b, "s1"), NULL, NULL, &m);
	CHECK_STR(m.story->id, "weak");
	engine_match(&b, q(&b, "o1"), NULL, NULL, &m); /* other questions still get it */
	CHECK_STR(m.story->id, "legal");
	CHECK_INT(fixture_story(&b, "bad", "categories: conflict\nstrength: 3\nlevel: expert\n", e),
		  -1);
	CHECK_STR(e, "fixture.md:4: unknown level 'expert' (junior, senior or any)");
	bank_free(&b);
}

/* The plan layer: the same seed gives the command line's plan and the
 * screens' (one builder), and history that cannot be read still gives a
 * plan, with why, rather than a silent random one. */
static void plan_round_is_the_engines_round(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	struct filter f = {-1, LEVEL_ANY};
	struct plan p;
	plan_round(&p, &b, NULL, &f, 4, 42);
	struct pick e[4];
	struct rng r;
	rng_seed(&r, 42);
	CHECK_INT(p.npicks, engine_round(&b, &f, NULL, &r, 4, e));
	for (size_t i = 0; i < p.npicks && i < 4; i++)
		CHECK(p.picks[i].question == e[i].question);
	CHECK_INT(p.mode, PLAN_ROUND);
	CHECK_STR(plan_mode_name(p.mode), "round");
	CHECK_STR(p.history_err, "");
	plan_free(&p);
	plan_pivot(&p, &b, NULL, bank_story(&b, "strong"), 3);
	CHECK_INT(p.npicks, 3);
	CHECK_STR(plan_mode_name(p.mode), "pivot");
	plan_free(&p);
	bank_free(&b);
}

/* The fixture bank and an empty history in the test folder. */
static int plan_fixture(struct bank *b, struct store *st, const char *name)
{
	char *path = xasprintf("%s/%s", test_tmpdir(), name);
	char errbuf[ERRBUF_SIZE];
	int rc = fixture_bank(b) < 0 ? -1 : store_open(st, path, 0, errbuf);
	free(path);
	return rc;
}

static void plan_says_when_history_cannot_be_read(void)
{
	struct bank b;
	struct store st;
	CHECK_INT(plan_fixture(&b, &st, "plan.db"), 0);
	struct filter f = {bank_category_index(&b, "conflict"), LEVEL_ANY};
	struct plan p;
	plan_practice(&p, &b, &st, &f, 1);
	CHECK_INT(p.npicks, 1);
	CHECK_STR(p.history_err, "");
	plan_free(&p);
	CHECK_INT(sqlite3_exec(st.db, "ALTER TABLE attempts RENAME TO gone", NULL, NULL, NULL),
		  SQLITE_OK);
	plan_practice(&p, &b, &st, &f, 1);
	CHECK_INT(p.npicks, 1); /* still a question, as if never practised */
	CHECK(p.history_err[0] != '\0');
	CHECK(p.npicks && p.picks[0].question->cats & (1u << f.category));
	/* "Another question" says so too, and is never the one just asked. */
	const struct question *was = p.picks[0].question;
	p.history_err[0] = '\0';
	struct rng r;
	rng_seed(&r, 5);
	CHECK(plan_another(&p, &b, &st, &r));
	CHECK(p.picks[0].question != was);
	CHECK(p.history_err[0] != '\0');
	plan_free(&p);
	store_close(&st);
	bank_free(&b);
}

/* The take environment is made once: mode, limit, overtime, round. */
static void plan_take_env_has_limits_and_round(void)
{
	struct bank b;
	struct store st;
	CHECK_INT(plan_fixture(&b, &st, "plan-env.db"), 0);
	char e[ERRBUF_SIZE];
	struct take_env base = {.store = &st, .bank = &b, .data_dir = "d"}, env;
	struct take_opts o = {.seconds = 60, .overtime = true};
	struct plan p;
	plan_story(&p, bank_story(&b, "strong"));
	CHECK_INT(plan_take_env(&p, &o, &base, &env, e), 0);
	CHECK_STR(env.mode, "practice");
	CHECK(env.limit_s == 60 && env.max_s == 120 && env.round_id == 0);
	CHECK_STR(env.data_dir, "d");
	plan_free(&p);
	struct filter f = {-1, LEVEL_ANY};
	plan_round(&p, &b, &st, &f, 3, 9);
	o.overtime = false;
	CHECK_INT(plan_take_env(&p, &o, &base, &env, e), 0);
	CHECK(env.max_s == 60 && env.round_id > 0);
	CHECK_STR(env.mode, "round");
	plan_free(&p);
	store_close(&st);
	bank_free(&b);
}

/* A bank whose conflict has three follow-ups and failure one; the other
 * categories none. */
static int follow_up_bank(struct bank *b)
{
	static const char cats[] =
		"[leadership]\n[conflict]\nfollow-up: C1?\nfollow-up: C2?\nfollow-up: C3?\n"
		"[failure]\nfollow-up: F1?\n[achievement]\n[collaboration]\n[adaptability]\n"
		"[communication]\n";
	char e[ERRBUF_SIZE];
	memset(b, 0, sizeof *b);
	b->dir = xstrdup("fixture");
	return bank_parse_categories(b, "c", cats, e) || bank_parse_questions(b, "q", fixture_questions, e);
}

/* Each follow-up is its category's, differs from the ones already asked
 * while the category has another, is reproducible by the seed, and a
 * category without follow-ups gets none. */
static void follow_ups_fit_the_category_and_the_seed(void)
{
	struct bank b;
	CHECK_INT(follow_up_bank(&b), 0);
	const struct question *c1 = bank_question(&b, "c1"), *c2 = bank_question(&b, "c2"),
			      *c3 = bank_question(&b, "c3"), *f1 = bank_question(&b, "f1"),
			      *l1 = bank_question(&b, "l1"), *f2 = bank_question(&b, "f2");
	struct pick picks[6] = {{c1, {0}, NULL}, {l1, {0}, NULL}, {c2, {0}, NULL},
				{c3, {0}, NULL}, {f1, {0}, NULL}, {f2, {0}, NULL}};
	const struct strvec *cf = &b.cats[bank_category_index(&b, "conflict")].follow_ups;
	bool seen_first[3] = {false};
	for (uint64_t seed = 1; seed <= 40; seed++) {
		struct rng r;
		rng_seed(&r, seed);
		engine_follow_ups(&b, &r, picks, 6);
		CHECK(picks[1].follow_up == NULL); /* leadership has none */
		CHECK_STR(picks[4].follow_up, "F1?");
		CHECK_STR(picks[5].follow_up, "F1?"); /* the only one, asked again */
		const char *a = picks[0].follow_up, *b2 = picks[2].follow_up, *c = picks[3].follow_up;
		CHECK(strvec_has(cf, a) && strvec_has(cf, b2) && strvec_has(cf, c));
		CHECK(a != b2 && b2 != c && a != c); /* three conflict questions, three follow-ups */
		for (int i = 0; i < 3; i++)
			seen_first[i] |= a == cf->v[i];
		struct pick again[6];
		memcpy(again, picks, sizeof again);
		rng_seed(&r, seed);
		engine_follow_ups(&b, &r, again, 6);
		for (int i = 0; i < 6; i++)
			CHECK(again[i].follow_up == picks[i].follow_up);
	}
	CHECK(seen_first[0] && seen_first[1] && seen_first[2]); /* each can come first */
	bank_free(&b);
}

/* plan_round gives its picks follow-ups without changing which questions a
 * seed gives; a follow-up take is mode follow-up, at most FOLLOW_UP_S. */
static void plan_round_has_follow_ups_and_their_env(void)
{
	struct bank b;
	CHECK_INT(follow_up_bank(&b), 0);
	struct filter f = {bank_category_index(&b, "conflict"), LEVEL_ANY};
	struct plan p;
	plan_round(&p, &b, NULL, &f, 2, 5);
	struct history_view none = {0};
	struct rng r;
	rng_seed(&r, 5);
	struct pick plain[2];
	CHECK_INT(engine_round(&b, &f, &none, &r, 2, plain), 2);
	CHECK_INT(p.npicks, 2);
	for (size_t i = 0; i < p.npicks && i < 2; i++) {
		CHECK(p.picks[i].question == plain[i].question);
		CHECK(p.picks[i].follow_up != NULL);
	}
	struct take_env round = {.mode = "round", .limit_s = 90, .max_s = 90, .round_id = 7}, env;
	struct take_opts o = {.seconds = 90};
	plan_follow_up_env(&round, &o, &env);
	CHECK_STR(env.mode, "follow-up");
	CHECK(env.limit_s == FOLLOW_UP_S && env.max_s == FOLLOW_UP_S && env.round_id == 7);
	o = (struct take_opts){.seconds = 10, .overtime = true};
	plan_follow_up_env(&round, &o, &env);
	CHECK(env.limit_s == 10 && env.max_s == 20);
	plan_free(&p);
	bank_free(&b);
}

const struct test_case engine_cases[] = {
	TEST(follow_ups_fit_the_category_and_the_seed),
	TEST(plan_round_has_follow_ups_and_their_env),
	TEST(match_fits_level_words_and_exclusions),
	TEST(rng_is_reproducible_and_in_range),
	TEST(match_prefers_named_then_category_then_strength),
	TEST(match_breaks_ties_by_least_recent),
	TEST(match_names_the_missing_category_and_a_moment),
	TEST(random_pick_prefers_least_recently_practised),
	TEST(round_is_distinct_spread_and_reproducible),
	TEST(round_uses_each_story_once_where_possible),
	TEST(pivot_orders_conflict_leadership_failure),
	TEST(plan_round_is_the_engines_round),
	TEST(plan_says_when_history_cannot_be_read),
	TEST(plan_take_env_has_limits_and_round),
};
const size_t engine_count = ARRAY_SIZE(engine_cases);
