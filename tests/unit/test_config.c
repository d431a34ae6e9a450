/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_config.c - the settings file: parsing, problems with their line,
 * precedence of environment over file over built-in, and rewriting. */
#include <stdlib.h>
#include <sys/stat.h>

#include "rehearse/config.h"
#include "test.h"

static const char *write_config(const char *name, const char *text)
{
	return test_write(test_tmpdir(), name, text);
}

static void clear_env(void)
{
	unsetenv("REHEARSE_BANK");
	unsetenv("REHEARSE_DATA");
	unsetenv("NO_COLOR");
}

static void builtins_without_a_file(void)
{
	clear_env();
	struct config c;
	char *path = xasprintf("%s/none/config", test_tmpdir());
	CHECK_INT(config_load(&c, path), 0);
	CHECK_INT(config_number(&c, CFG_SECONDS), 90);
	CHECK_INT(config_number(&c, CFG_PREP), -1);
	CHECK(!config_yes(&c, CFG_OVERTIME));
	CHECK(config_yes(&c, CFG_COLOR));
	CHECK_INT(config_number(&c, CFG_ROUND_SIZE), 5);
	CHECK_STR(config_get(&c, CFG_BANK), "bundled");
	CHECK_INT(c.v[CFG_SECONDS].source, CFG_FROM_BUILTIN);
	config_free(&c);
	free(path);
}

static void values_comments_and_normal_forms(void)
{
	clear_env();
	setenv("HOME", "/home/me", 1);
	const char *p = write_config("good", "# my settings\n\n  seconds = 120  \n"
					     "overtime=On\nprep = 10\n; also a comment\n"
					     "device = \" USB Mic \"\nbank = ~/bank\ncolour = off\n"
					     "voice = off\nround-card = yes\nround-size = 7\nlevel = senior\n");
	struct config c;
	CHECK_INT(config_load(&c, p), 0);
	CHECK_INT(config_number(&c, CFG_SECONDS), 120);
	CHECK_INT(c.v[CFG_SECONDS].line, 3);
	CHECK_INT(c.v[CFG_SECONDS].source, CFG_FROM_FILE);
	CHECK_STR(config_get(&c, CFG_OVERTIME), "yes");
	CHECK_INT(config_number(&c, CFG_PREP), 10);
	CHECK_STR(config_get(&c, CFG_DEVICE), " USB Mic ");
	CHECK_STR(config_get(&c, CFG_BANK), "/home/me/bank");
	CHECK(!config_yes(&c, CFG_COLOR));
	CHECK(!config_yes(&c, CFG_VOICE));
	CHECK(config_yes(&c, CFG_ROUND_CARD));
	CHECK_INT(config_number(&c, CFG_ROUND_SIZE), 7);
	CHECK_STR(config_get(&c, CFG_LEVEL), "senior");
	config_free(&c);
}

static void problems_name_file_and_line(void)
{
	clear_env();
	const char *p = write_config("bad", "seconds = 60\nno equals sign\nfoo = 1\n"
					    "seconds = 4\nlevel = expert\n = 3\nprep = 30\n");
	struct config c;
	CHECK_INT(config_load(&c, p), 5);
	char *want = xasprintf("%s:2: expected 'key = value'; line ignored", p);
	CHECK_STR(c.problems.v[0], want);
	free(want);
	want = xasprintf("%s:3: unknown setting 'foo' ignored", p);
	CHECK_STR(c.problems.v[1], want);
	free(want);
	want = xasprintf("%s:4: seconds takes 5 to 3600, not '4'; line ignored", p);
	CHECK_STR(c.problems.v[2], want);
	free(want);
	CHECK(strstr(c.problems.v[3], ":5: level takes junior, senior or any"));
	CHECK(strstr(c.problems.v[4], ":6: expected 'key = value'"));
	/* The rest still counts. */
	CHECK_INT(config_number(&c, CFG_SECONDS), 60);
	CHECK_INT(config_number(&c, CFG_PREP), 30);
	CHECK_STR(config_get(&c, CFG_LEVEL), "any");
	config_free(&c);
}

static void environment_beats_file(void)
{
	clear_env();
	const char *p = write_config("env", "bank = /from/file\ndata = /data/file\ncolor = yes\n");
	setenv("REHEARSE_BANK", "/from/env", 1);
	setenv("NO_COLOR", "1", 1);
	struct config c;
	config_load(&c, p);
	CHECK_STR(config_get(&c, CFG_BANK), "/from/env");
	CHECK_INT(c.v[CFG_BANK].source, CFG_FROM_ENV);
	CHECK_STR(config_get(&c, CFG_DATA), "/data/file");
	CHECK_INT(c.v[CFG_DATA].source, CFG_FROM_FILE);
	CHECK(!config_yes(&c, CFG_COLOR));
	config_free(&c);
	clear_env();
}

/* The number keys' ranges, told once: the words a message quotes start
 * with the range the check applies (--seconds, --prep and --count take
 * both from here too). */
static void number_ranges_match_their_words(void)
{
	int numbers = 0;
	for (int k = 0; k < CFG_NKEYS; k++) {
		struct config_range r = config_key_range((enum config_key)k);
		if (r.max == 0)
			continue;
		numbers++;
		char *words = xasprintf("%ld to %ld", r.min, r.max);
		test_case_name = config_key_info((enum config_key)k)->name;
		CHECK(starts_with(config_key_info((enum config_key)k)->values, words));
		free(words);
	}
	test_case_name = "number_ranges_match_their_words";
	CHECK_INT(numbers, 3); /* seconds, prep, round-size */
	CHECK_INT(config_key_range(CFG_SECONDS).min, 5);
	CHECK_INT(config_key_range(CFG_SECONDS).max, 3600);
	CHECK_INT(config_key_range(CFG_VOICE).max, 0);
	CHECK_INT(config_key_range(CFG_NKEYS).max, 0);
}

static void checking_values(void)
{
	char errbuf[ERRBUF_SIZE], *out;
	CHECK_INT(config_check(CFG_SECONDS, "3601", &out, errbuf), -1);
	CHECK_STR(errbuf, "seconds takes 5 to 3600, not '3601'");
	CHECK_INT(config_check(CFG_SECONDS, "12x", &out, errbuf), -1);
	CHECK_INT(config_check(CFG_PREP, "OFF", &out, errbuf), 0);
	CHECK_STR(out, "off");
	free(out);
	CHECK_INT(config_check(CFG_VOICE, "a\nseconds = 5", &out, errbuf), -1);
	CHECK_INT(config_check(CFG_BANK, "bundled", &out, errbuf), 0);
	CHECK_STR(out, "bundled");
	free(out);
	CHECK_INT(config_key_find("colour"), CFG_COLOR);
	CHECK_INT(config_key_find("nope"), -1);
}

static void writing_keeps_other_lines(void)
{
	char errbuf[ERRBUF_SIZE];
	char *p = xasprintf("%s/xdg/rehearse/config", test_tmpdir());
	CHECK_INT(config_write(p, "seconds", "60", errbuf), 0);
	struct stat st;
	CHECK_INT(stat(p, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	char *dir = xasprintf("%s/xdg/rehearse", test_tmpdir());
	CHECK_INT(stat(dir, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	free(dir);
	test_write(test_tmpdir(), "xdg/rehearse/config",
		   "# mine\nseconds = 60\nlevel = junior\nseconds = 70\nbroken");
	CHECK_INT(config_write(p, "seconds", "100", errbuf), 0);
	CHECK_INT(config_write(p, "voice", "no", errbuf), 0);
	CHECK_INT(config_write(p, "level", NULL, errbuf), 0);
	size_t len;
	char *text = read_file(p, 4096, &len, errbuf);
	CHECK_STR(text, "# mine\nseconds = 100\nbroken\nvoice = no\n");
	free(text);
	free(p);
}

const struct test_case config_cases[] = {
	TEST(builtins_without_a_file),
	TEST(values_comments_and_normal_forms),
	TEST(problems_name_file_and_line),
	TEST(environment_beats_file),
	TEST(checking_values),
	TEST(number_ranges_match_their_words),
	TEST(writing_keeps_other_lines),
};
const size_t config_count = ARRAY_SIZE(config_cases);
