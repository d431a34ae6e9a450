/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_util.c - string and file helpers. */
#include <stdlib.h>
#include <sys/stat.h>

#include "rehearse/util.h"
#include "test.h"

static void utf8_validation(void)
{
	CHECK(utf8_valid("caf\xc3\xa9", 5));
	CHECK(!utf8_valid("caf\xc3", 4));
	CHECK(!utf8_valid("\xc0\xaf", 2));	   /* overlong */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));	   /* surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
	CHECK(utf8_valid("\xf0\x9f\x98\x80", 4));
}

/* Names reach the terminal and JSON: escapes, newlines and bytes that are
 * not UTF-8 are shown as \xNN, and JSON holds them as \u escapes. */
static void names_printable_and_json(void)
{
	char *p = printable("ok-\xc3\xa9 \x1b[2J\n\xff\x7f");
	CHECK_STR(p, "ok-\xc3\xa9 \\x1b[2J\\x0a\\xff\\x7f");
	free(p);
	CHECK_INT(utf8_seq("\xc3\xa9", 1), 0); /* cut short */
	CHECK_INT(utf8_seq("\xf0\x9f\x98\x80", 4), 4);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	json_string(f, "a\xff\xc3\xa9\x1b\xc3");
	fclose(f);
	CHECK_STR(buf, "\"a\\ufffd\xc3\xa9\\u001b\\ufffd\"");
	free(buf);
}

static void ascii_case_folding(void)
{
	CHECK_INT(ascii_strcasecmp("SITUATION", "situation"), 0);
	CHECK(ascii_strcasecmp("a", "b") < 0);
	CHECK_INT(ascii_strncasecmp("CI-PIPE", "ci-pipeline", 7), 0);
	CHECK_INT(ascii_tolower(0xc4), 0xc4); /* bytes above ASCII are left */
	char bom[] = "\xef\xbb\xbfkey: value", plain[] = "key";
	CHECK_STR(skip_bom(bom), "key: value");
	CHECK(skip_bom(plain) == plain);
}

static void words_and_slugs(void)
{
	CHECK_INT(count_words("  Hello, world -- it's 41 minutes.\n\nNew para "), 7);
	CHECK_INT(count_words(""), 0);
	char *s = slugify("Cut the CI: 41 -> 9 min!");
	CHECK_STR(s, "cut-the-ci-41-9-min");
	free(s);
	s = slugify("???");
	CHECK_STR(s, "story");
	free(s);
}

static void mkdir_p_creates_private_folders(void)
{
	char *p = xasprintf("%s/a/b/c", test_tmpdir());
	CHECK_INT(mkdir_p(p, 0700), 0);
	struct stat st;
	CHECK_INT(stat(p, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	CHECK_INT(mkdir_p(p, 0700), 0);
	free(p);
}

static void mmss_format(void)
{
	char b[16];
	format_mmss(65.4, b, sizeof b);
	CHECK_STR(b, "1:05");
	format_mmss(-3, b, sizeof b);
	CHECK_STR(b, "0:00");
}

const struct test_case util_cases[] = {
	TEST(utf8_validation),
	TEST(names_printable_and_json),
	TEST(ascii_case_folding),
	TEST(words_and_slugs),
	TEST(mkdir_p_creates_private_folders),
	TEST(mmss_format),
};
const size_t util_count = ARRAY_SIZE(util_cases);
