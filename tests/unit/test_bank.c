/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_bank.c - the prompt bank parser and the bundled bank. */
#include <stdlib.h>
#include <string.h>

#include "fixture_bank.h"
#include "rehearse/bank.h"
#include "rehearse/bank_tools.h"
#include "test.h"

static void bundled_bank_loads_and_follows_the_method(void)
{
	struct bank b;
	char errbuf[ERRBUF_SIZE] = "";
	CHECK_INT(bank_load(&b, REHEARSE_SOURCE_DIR "/prompts", errbuf), 0);
	if (errbuf[0])
		fprintf(stderr, "%s\n", errbuf);
	CHECK_INT(b.ncats, 7);
	CHECK(b.nqs >= 45);
	int stories = 0, moments = 0;
	catmask covered = 0, levels = 0, qcats = 0;
	struct pace_basis steady = pace_basis_steady(90);
	for (size_t i = 0; i < b.nqs; i++) {
		levels |= 1u << b.qs[i].level;
		qcats |= b.qs[i].cats;
	}
	CHECK_INT(qcats, 0x7f);
	CHECK_INT(levels, 7); /* any, junior and senior all present */
	for (size_t i = 0; i < b.nstories; i++) {
		const struct story *s = &b.stories[i];
		if (s->is_moment) {
			moments++;
			continue;
		}
		stories++;
		covered |= s->cats;
		struct length_grade g; /* each fits 90 s at a steady pace */
		story_length_grade(s->words, &steady, &g);
		CHECK(g.verdict == LENGTH_FITS || g.verdict == LENGTH_TIGHT);
		CHECK(catmask_count(s->cats) >= 3 && catmask_count(s->cats) <= 4);
	}
	CHECK_INT(stories, 7);
	CHECK(moments >= 3);
	CHECK_INT(covered, 0x7f);
	FILE *null = fopen("/dev/null", "w"); /* the notes of tight stories are not warnings */
	CHECK_INT(bank_check_warnings(&b, &steady, null), 0);
	fclose(null);
	bank_free(&b);
}

static int parse_q(const char *text, char *errbuf)
{
	struct bank b = {0};
	int rc = bank_parse_categories(&b, "c.txt", fixture_categories, errbuf);
	if (rc == 0)
		rc = bank_parse_questions(&b, "q.txt", text, errbuf);
	bank_free(&b);
	return rc;
}

static void question_errors_name_file_and_line(void)
{
	char e[ERRBUF_SIZE];
	CHECK_INT(parse_q("# c\na | conflict | any | A\nb | conflikt | any | B\n", e), -1);
	CHECK_STR(e, "q.txt:3: unknown category 'conflikt'; did you mean 'conflict'?");
	CHECK_INT(parse_q("a | conflict | any | A\nb | bravery | any | B\n", e), -1);
	CHECK_STR(e, "q.txt:2: unknown category 'bravery'"); /* nothing near: no guess */
	CHECK_INT(parse_q("a | conflict | any | A\n\na | failure | any | B\n", e), -1);
	CHECK_STR(e, "q.txt:3: duplicate question id 'a' (first at line 1)");
	CHECK_INT(parse_q("a | conflict | expert | A\n", e), -1);
	CHECK_STR(e, "q.txt:1: unknown level 'expert' (junior, senior or any)");
	CHECK_INT(parse_q("a | conflict | any\n", e), -1);
	CHECK_STR(e, "q.txt:1: expected 'id | categories | level | text'");
	CHECK_INT(parse_q("a b | conflict | any | x\n", e), -1);
	CHECK_INT(parse_q("# nothing\n", e), -1);
	CHECK_STR(e, "q.txt:1: no questions defined");
	CHECK_INT(parse_q("a | conflict, failure | senior | Text | with bar\r\n", e), 0);
}

static int parse_story(const char *text, char *errbuf)
{
	struct bank b;
	if (fixture_bank(&b))
		return -2;
	int rc = bank_parse_story(&b, "s.md", "s", text, errbuf);
	bank_free(&b);
	return rc;
}

static void story_errors_name_file_and_line(void)
{
	char e[ERRBUF_SIZE];
	CHECK_INT(parse_story("# T\ncategories: conflict\nstrength: 6\n", e), -1);
	CHECK_STR(e, "s.md:3: strength must be 1 to 5, not '6'");
	CHECK_INT(parse_story("# T\ncategories: conflict\nstrength: 2\nquestions: c1, zz\n", e), -1);
	CHECK_STR(e, "s.md:4: no question with id 'zz'");
	CHECK_INT(parse_story("# T\ncategories: war\nstrength: 2\n", e), -1);
	CHECK_STR(e, "s.md:2: unknown category 'war'");
	CHECK_INT(parse_story("# T\ncategories: conflict\nstrength: 2\n\n## Situation\nx\n"
			      "## Action\ny\n",
			      e),
		  -1);
	CHECK_STR(e, "s.md:7: missing '## Task' section (a story needs all four STAR sections, "
		     "a moment none)");
	CHECK_INT(parse_story("no title\n", e), -1);
	CHECK_STR(e, "s.md:1: expected the title as '# Title'");
	CHECK_INT(parse_story("# T\ncategories: conflict\nstrength: 2\n## Situation\n## Plot\n",
			      e),
		  -1);
	CHECK_STR(e, "s.md:5: unknown section 'Plot' (Situation, Task, Action, Result)");
	CHECK_INT(parse_story("# T\ncategories: conflict\nstrength: 2\nangle failure: x\n", e), -1);
	CHECK_STR(e, "s.md:4: angle for 'failure', but the story's categories do not include it");
	CHECK_INT(parse_story("# T\nstrength: 2\n", e), -1);
	CHECK_STR(e, "s.md:2: missing 'categories:' line");
}

static void story_sections_words_and_moments(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	const struct story *s = bank_story(&b, "strong");
	CHECK(s && !s->is_moment);
	CHECK_STR(s->star[STAR_A], "a");
	CHECK_INT(s->words, 4);
	CHECK_STR(s->angle[bank_category_index(&b, "conflict")], "keep the clash short");
	CHECK(bank_story(&b, "idea")->is_moment);
	CHECK(bank_story(&b, "Story named") == bank_story(&b, "named")); /* by title */
	bank_free(&b);
}

static void category_targets_are_data(void)
{
	struct bank b;
	CHECK_INT(fixture_bank(&b), 0);
	const struct category *c = &b.cats[bank_category_index(&b, "conflict")];
	CHECK_INT(c->ntargets, 1);
	CHECK_INT(c->targets[0].sections, (1 << STAR_S) | (1 << STAR_T));
	CHECK(c->targets[0].at_most);
	CHECK_NEAR(c->targets[0].percent, 20, 1e-9);
	const struct category *f = &b.cats[bank_category_index(&b, "failure")];
	CHECK(!f->targets[0].at_most);
	CHECK_INT(f->targets[0].sections, (1 << STAR_A) | (1 << STAR_R));
	bank_free(&b);
	char e[ERRBUF_SIZE];
	struct bank x = {0};
	CHECK_INT(bank_parse_categories(&x, "c.txt", "[a]\ntarget: S+Q <= 3\n", e), -1);
	CHECK_STR(e, "c.txt:2: bad target 'S+Q <= 3' (expected like 'S+T <= 20%')");
	bank_free(&x);
	CHECK_INT(bank_parse_categories(&x, "c.txt", "[a]\n[a]\n", e), -1);
	CHECK_STR(e, "c.txt:2: duplicate category 'a'");
	bank_free(&x);
}

static void files_with_bad_bytes_or_size_are_refused(void)
{
	const char *dir = test_tmpdir();
	char *bank = xasprintf("%s/badutf", dir);
	test_write(bank, "categories.txt", fixture_categories);
	test_write(bank, "questions.txt", "a | conflict | any | ok\nb | conflict | any | caf\xc3\n");
	struct bank b;
	char e[ERRBUF_SIZE];
	CHECK_INT(bank_load(&b, bank, e), -1);
	char *want = xasprintf("%s/questions.txt:2: invalid UTF-8", bank);
	CHECK_STR(e, want);
	free(want);
	/* Oversized file. */
	char *big = xmalloc(BANK_MAX_FILE + 10);
	memset(big, '#', BANK_MAX_FILE + 9);
	big[BANK_MAX_FILE + 9] = '\0';
	test_write(bank, "questions.txt", big);
	CHECK_INT(bank_load(&b, bank, e), -1);
	CHECK(strstr(e, "questions.txt:1: file is too large") != NULL);
	free(big);
	free(bank);
}

/* Random and mutated input must give 0 or a message, never a crash; the
 * sanitizer build turns any memory error into a failure. */
static void parsers_survive_random_input(void)
{
	unsigned seed = 12345;
	static const char alphabet[] = "#[]:|,\n -abcST+<=>%0123456789conflict\xc3\xa9\xff";
	char buf[300];
	for (int round = 0; round < 3000; round++) {
		size_t n = (size_t)(rand_r(&seed) % (sizeof buf - 1));
		for (size_t i = 0; i < n; i++)
			buf[i] = alphabet[rand_r(&seed) % (sizeof alphabet - 1)];
		buf[n] = '\0';
		struct bank b;
		char e[ERRBUF_SIZE];
		CHECK_INT(fixture_bank(&b), 0);
		int rc = 0;
		switch (round % 3) {
		case 0:
			rc = bank_parse_categories(&b, "c", buf, e);
			break;
		case 1:
			rc = bank_parse_questions(&b, "q", buf, e);
			break;
		default:
			rc = bank_parse_story(&b, "s", "s", buf, e);
		}
		CHECK(rc == 0 || rc == -1);
		bank_free(&b);
	}
}

/* Issue 20: the advice follows from the limit and the pace, and grades. */
static void story_length_follows_the_limit_and_pace(void)
{
	struct pace_basis steady = pace_basis_steady(90);
	struct length_grade g;
	char buf[256];
	story_length_grade(198, &steady, &g); /* 195-240 words fit 90 s */
	CHECK_INT(g.verdict, LENGTH_FITS);
	story_length_grade(230, &steady, &g);
	CHECK_INT(g.verdict, LENGTH_TIGHT);
	story_length_grade(476, &steady, &g);
	CHECK_INT(g.verdict, LENGTH_OVER);
	CHECK_INT(g.over_words, 476 - 240);
	CHECK_NEAR(g.fast_s, 476 * 60.0 / 160, 1e-9);
	CHECK_STR(story_length_word(&g, buf, sizeof buf), "236 over");
	story_length_grade(100, &steady, &g); /* 46 s at 130 wpm: under 60 s */
	CHECK_INT(g.verdict, LENGTH_SHORT);
	struct pace_basis mine = {90, 120, 120, true}; /* 180 words in 90 s */
	story_length_grade(224, &mine, &g);
	CHECK_INT(g.verdict, LENGTH_OVER);
	CHECK_STR(story_length_text(&g, &mine, buf, sizeof buf),
		  "224 words; at your usual pace (120 wpm) it takes 1:52; about 44 words over 90 s: cut "
		  "it to about 180");
	struct pace_basis two_min = pace_basis_steady(120); /* the seconds setting */
	story_length_grade(250, &two_min, &g);
	CHECK_INT(g.verdict, LENGTH_FITS);
}

static void pace_median_needs_enough_takes(void)
{
	double two[] = {140, 150};
	CHECK_NEAR(pace_median(two, 2), 0, 0);
	double some[] = {150, 0, 120, 200, 130}; /* 0: no pace, ignored */
	CHECK_NEAR(pace_median(some, 5), 140, 1e-9);
	double odd[] = {170, 110, 140};
	CHECK_NEAR(pace_median(odd, 3), 140, 1e-9);
}

static void suggestions_are_near_misses_only(void)
{
	struct bank b;
	CHECK_INT(bank_load(&b, REHEARSE_SOURCE_DIR "/prompts", NULL), 0);
	CHECK_INT(edit_distance("comunication", "communication"), 1);
	CHECK_INT(edit_distance("", "abc"), 3);
	CHECK_INT(edit_distance("Conflict", "conflict"), 0);
	CHECK_STR(bank_suggest(&b, BANK_CATEGORY, "comunication"), "communication");
	CHECK_STR(bank_suggest(&b, BANK_CATEGORY, "failures"), "failure");
	CHECK(bank_suggest(&b, BANK_CATEGORY, "bravery") == NULL);
	CHECK_STR(bank_suggest(&b, BANK_STORY, "billing-outgae"), "billing-outage");
	CHECK(bank_suggest(&b, BANK_QUESTION, "lead-99") == NULL); /* two digits off: no guess */
	char hint[600];
	CHECK_STR(bank_category_hint(&b, "nope", hint, sizeof hint),
		  "the categories are: leadership, conflict, failure, achievement, collaboration, "
		  "adaptability, communication");
	bank_free(&b);
}

/* "follow-up:" lines: kept per category in order; every bad one named
 * with its line, the good ones around them still read. */
static void follow_ups_are_parsed_and_bad_lines_named(void)
{
	struct bank b = {0};
	char e[ERRBUF_SIZE];
	CHECK_INT(bank_parse_categories(&b, "c.txt",
					"[conflict]\nfollow-up: What did you learn?\n"
					"follow-up:   What would you change?  \n[failure]\n",
					e),
		  0);
	CHECK_INT(b.cats[0].follow_ups.n, 2);
	CHECK_STR(b.cats[0].follow_ups.v[1], "What would you change?");
	CHECK_INT(b.cats[1].follow_ups.n, 0);
	CHECK_INT(bank_follow_up_count(&b), 2);
	bank_free(&b);

	char long_q[BANK_MAX_FOLLOW_UP + 40];
	memset(long_q, 'x', sizeof long_q - 1);
	long_q[sizeof long_q - 1] = '\0';
	char *text = xasprintf("[conflict]\nfollow-up:\nfollow-up: Why?\nfollow up: How?\n"
			       "follow-up: Why?\nfollow-up: %s\nfollow-up: And then?\n",
			       long_q);
	memset(&b, 0, sizeof b);
	CHECK_INT(bank_parse_categories(&b, "c.txt", text, e), -1);
	CHECK_STR(e, "c.txt:2: follow-up has no question (write it after 'follow-up:')");
	CHECK_INT(b.problems.n, 4);
	if (b.problems.n == 4) {
		CHECK_STR(b.problems.v[1], "c.txt:4: unknown key 'follow up'; did you mean 'follow-up'?");
		CHECK_STR(b.problems.v[2], "c.txt:5: the same follow-up is already in [conflict]");
		CHECK(strstr(b.problems.v[3], "c.txt:6: follow-up is 239 characters long; at most 200"));
	}
	CHECK_INT(b.cats[0].follow_ups.n, 2); /* "Why?" and "And then?" */
	bank_free(&b);
	free(text);
	/* Before any category, and the keys a mistyped key is told of. */
	memset(&b, 0, sizeof b);
	CHECK_INT(bank_parse_categories(&b, "c.txt", "follow-up: Why?\n[conflict]\nchecks: x\n", e), -1);
	CHECK_STR(e, "c.txt:1: 'follow-up' before any [category]");
	CHECK(b.problems.n == 2 && strstr(b.problems.v[1], "(coach, check, target, follow-up)"));
	bank_free(&b);
}

/* Every bundled category has follow-ups for a round to ask. */
static void bundled_categories_have_follow_ups(void)
{
	struct bank b;
	char e[ERRBUF_SIZE];
	CHECK_INT(bank_load(&b, REHEARSE_SOURCE_DIR "/prompts", e), 0);
	for (size_t c = 0; c < b.ncats; c++) {
		CHECK(b.cats[c].follow_ups.n >= 2);
		for (size_t i = 0; i < b.cats[c].follow_ups.n; i++)
			CHECK(utf8_width(b.cats[c].follow_ups.v[i]) <= BANK_MAX_FOLLOW_UP);
	}
	bank_free(&b);
}

const struct test_case bank_cases[] = {
	TEST(follow_ups_are_parsed_and_bad_lines_named),
	TEST(bundled_categories_have_follow_ups),
	TEST(story_length_follows_the_limit_and_pace),
	TEST(pace_median_needs_enough_takes),
	TEST(suggestions_are_near_misses_only),
	TEST(bundled_bank_loads_and_follows_the_method),
	TEST(question_errors_name_file_and_line),
	TEST(story_errors_name_file_and_line),
	TEST(story_sections_words_and_moments),
	TEST(category_targets_are_data),
	TEST(files_with_bad_bytes_or_size_are_refused),
	TEST(parsers_survive_random_input),
};
const size_t bank_count = ARRAY_SIZE(bank_cases);
