/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c - run one suite (or all) of the unit tests: test_unit SUITE. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/util.h"
#include "test.h"

int test_failures;
const char *test_case_name;
static int test_skips;
static char skip_reason[512]; /* empty: the case ran */

void test_skip(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(skip_reason, sizeof skip_reason, fmt, ap);
	va_end(ap);
	if (!skip_reason[0])
		snprintf(skip_reason, sizeof skip_reason, "skipped");
}

/* REHEARSE_EXPECT_NO_SKIPS=1: every case must run (CI). */
static bool skips_fail(void)
{
	const char *v = getenv("REHEARSE_EXPECT_NO_SKIPS");
	return v && *v && strcmp(v, "0") != 0;
}

#define SUITE(name)                                                                          \
	extern const struct test_case name##_cases[];                                        \
	extern const size_t name##_count;
SUITE(bank)
SUITE(engine)
SUITE(store)
SUITE(util)
SUITE(analysis)
SUITE(speech)
SUITE(feedback)
SUITE(audio)
SUITE(progress)
SUITE(config)
SUITE(compare)
SUITE(palette)
SUITE(hardening)
SUITE(invariants)
SUITE(strbuf)
SUITE(player)
SUITE(custody)
SUITE(recorder)
SUITE(follow_live)

struct suite {
	const char *name;
	const struct test_case *cases;
	const size_t *count;
};

static const struct suite suites[] = {
	{"bank", bank_cases, &bank_count},
	{"engine", engine_cases, &engine_count},
	{"store", store_cases, &store_count},
	{"util", util_cases, &util_count},
	{"analysis", analysis_cases, &analysis_count},
	{"speech", speech_cases, &speech_count},
	{"feedback", feedback_cases, &feedback_count},
	{"audio", audio_cases, &audio_count},
	{"progress", progress_cases, &progress_count},
	{"config", config_cases, &config_count},
	{"compare", compare_cases, &compare_count},
	{"palette", palette_cases, &palette_count},
	{"hardening", hardening_cases, &hardening_count},
	{"invariants", invariants_cases, &invariants_count},
	{"strbuf", strbuf_cases, &strbuf_count},
	{"player", player_cases, &player_count},
	{"custody", custody_cases, &custody_count},
	{"recorder", recorder_cases, &recorder_count},
	{"follow_live", follow_live_cases, &follow_live_count},
};

static char tmpdir[256];

static void remove_tmpdir(void)
{
	if (tmpdir[0] && !getenv("KEEP_TEST_TMP")) {
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
		free(cmd);
	}
}

const char *test_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/rehearse-test-XXXXXX", base ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("mkdtemp");
			exit(2);
		}
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

const char *test_write(const char *dir, const char *name, const char *text)
{
	static char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	mkdir_p(path, 0700);
	*slash = '/';
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static int run_suite(const struct suite *s)
{
	int before = test_failures;
	for (size_t i = 0; i < *s->count; i++) {
		test_case_name = s->cases[i].name;
		int f = test_failures;
		skip_reason[0] = '\0';
		s->cases[i].fn();
		if (test_failures != f)
			printf("FAIL %s.%s\n", s->name, s->cases[i].name);
		else if (skip_reason[0])
			printf("skip %s.%s: %s\n", s->name, s->cases[i].name, skip_reason);
		else
			printf("ok   %s.%s\n", s->name, s->cases[i].name);
		test_skips += skip_reason[0] && test_failures == f;
	}
	return test_failures - before;
}

int main(int argc, char **argv)
{
	int ran = 0;
	for (size_t i = 0; i < ARRAY_SIZE(suites); i++)
		if (argc < 2 || !strcmp(argv[1], suites[i].name)) {
			run_suite(&suites[i]);
			ran++;
		}
	if (!ran) {
		fprintf(stderr, "no suite '%s'\n", argv[1]);
		return 2;
	}
	printf("%d failure%s, %d skipped\n", test_failures, test_failures == 1 ? "" : "s",
	       test_skips);
	if (test_skips && skips_fail()) {
		fprintf(stderr, "%d case%s skipped, and REHEARSE_EXPECT_NO_SKIPS is set\n", test_skips,
			test_skips == 1 ? "" : "s");
		return 1;
	}
	return test_failures ? 1 : 0;
}
