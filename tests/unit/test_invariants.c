/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_invariants.c - the invariants the code asserts (sqlite's habit):
 * each assert fires in a debug build (the sanitizer suite) when its
 * invariant is broken, instead of corrupting data quietly. A release
 * build compiles the asserts out, and the death cases are left out of the
 * table there rather than passing for nothing. The metric types are
 * checked at compile time in metrics.c (a row whose type is not its
 * field's does not build). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rehearse/ring.h"
#include "rehearse/store.h"
#include "rehearse/util.h"
#include "test.h"

/* No power of two holds more than SIZE_MAX / 2 + 1 floats: refused, where
 * the doubling loop used to spin forever once the capacity wrapped to 0. */
static void ring_refuses_a_capacity_no_power_of_two_holds(void)
{
	struct ring r;
	CHECK_INT(ring_init(&r, SIZE_MAX), -1);
	CHECK_INT(ring_init(&r, SIZE_MAX / 2 + 2), -1);
	CHECK_INT(ring_init(&r, 3), 0);
	CHECK_INT(ring_capacity(&r), 4);
	ring_free(&r);
}

#ifndef NDEBUG
/* Run fn in a child with stderr silenced; true when it died of SIGABRT. */
static bool aborts(void (*fn)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn();
		_exit(0);
	}
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return false;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void write_to_a_ring_of_six(void)
{
	struct ring r;
	float x[4] = {0};
	if (ring_init(&r, 8) != 0)
		_exit(3);
	r.mask = 5; /* a capacity of 6: pos & mask is no longer pos % 6 */
	ring_write(&r, x, 4);
}

static void ring_asserts_its_power_of_two(void)
{
	CHECK(aborts(write_to_a_ring_of_six));
}

static void store_mark_seven(void)
{
	struct store s;
	char e[ERRBUF_SIZE];
	char *db = path_join(test_tmpdir(), "invariants.db");
	if (store_open(&s, db, 0, e) != 0)
		_exit(3);
	store_add_mark(&s, 1, 7, 1.0, e); /* sections are S T A R: 0 to 3 */
	_exit(0);
}

/* bind_mark used to store section 7 as "R" (7 & 3) without a word. */
static void a_mark_outside_star_is_asserted(void)
{
	CHECK(aborts(store_mark_seven));
}
#endif

const struct test_case invariants_cases[] = {
	TEST(ring_refuses_a_capacity_no_power_of_two_holds),
#ifndef NDEBUG
	TEST(ring_asserts_its_power_of_two),
	TEST(a_mark_outside_star_is_asserted),
#endif
};
const size_t invariants_count = ARRAY_SIZE(invariants_cases);
