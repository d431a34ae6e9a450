/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test.h - a minimal unit-test harness: one suite per module, each case a
 * function, checks that report file:line and keep going. */
#ifndef REHEARSE_TEST_H
#define REHEARSE_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int test_failures;
extern const char *test_case_name;

/* git test-lib's skip: a case that cannot run here (a missing corpus or
 * dictionary) calls test_skip() with the reason and returns. The case is
 * reported "skip", counted apart from passes, and with
 * REHEARSE_EXPECT_NO_SKIPS=1 in the environment (CI: .ci/run) a skip fails
 * the run, so a missing input cannot pass silently there. */
void test_skip(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

#define CHECK(cond)                                                                          \
	do {                                                                                 \
		if (!(cond)) {                                                               \
			fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__,  \
				test_case_name, #cond);                                      \
			test_failures++;                                                     \
		}                                                                            \
	} while (0)

#define CHECK_INT(a, b)                                                                      \
	do {                                                                                 \
		long long va_ = (long long)(a), vb_ = (long long)(b);                       \
		if (va_ != vb_) {                                                            \
			fprintf(stderr, "%s:%d: %s: %s == %lld, expected %lld\n", __FILE__,   \
				__LINE__, test_case_name, #a, va_, vb_);                      \
			test_failures++;                                                     \
		}                                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                                      \
	do {                                                                                 \
		const char *sa_ = (a), *sb_ = (b);                                           \
		if (!sa_ || !sb_ || strcmp(sa_, sb_)) {                                      \
			fprintf(stderr, "%s:%d: %s: %s == \"%s\", expected \"%s\"\n", __FILE__, \
				__LINE__, test_case_name, #a, sa_ ? sa_ : "(null)",           \
				sb_ ? sb_ : "(null)");                                       \
			test_failures++;                                                     \
		}                                                                            \
	} while (0)

#define CHECK_NEAR(a, b, tol)                                                                \
	do {                                                                                 \
		double va_ = (a), vb_ = (b);                                                 \
		if (!(fabs(va_ - vb_) <= (tol))) {                                           \
			fprintf(stderr, "%s:%d: %s: %s == %g, expected %g +- %g\n", __FILE__,  \
				__LINE__, test_case_name, #a, va_, vb_, (double)(tol));       \
			test_failures++;                                                     \
		}                                                                            \
	} while (0)

struct test_case {
	const char *name;
	void (*fn)(void);
};
#define TEST(name) {#name, name}

/* A folder under $TMPDIR removed at exit; returns its path. */
const char *test_tmpdir(void);
/* Write text to dir/name, creating folders; returns the full path (static
 * buffer reused on the next call). */
const char *test_write(const char *dir, const char *name, const char *text);

#endif
