/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ring.c - see ring.h. Head and tail count forever (size_t wraps after far
 * longer than any recording); their difference is the fill level. The
 * release/acquire pairs publish the samples before the index that covers
 * them. */
#include "rehearse/ring.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int ring_init(struct ring *r, size_t min_capacity)
{
	size_t cap = 1;
	if (min_capacity > SIZE_MAX / 2 + 1)
		return -1; /* no power of two holds it */
	while (cap < min_capacity)
		cap <<= 1;
	r->buf = calloc(cap, sizeof *r->buf);
	if (!r->buf)
		return -1;
	r->mask = cap - 1;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	return 0;
}

void ring_free(struct ring *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* The invariant every index relies on: pos & mask is pos modulo the
 * capacity only when the capacity is a power of two. */
#define ASSERT_POWER_OF_TWO(r) assert(((r)->mask & ((r)->mask + 1)) == 0)

size_t ring_capacity(const struct ring *r)
{
	ASSERT_POWER_OF_TWO(r);
	return r->mask + 1;
}

static void copy_in(struct ring *r, size_t pos, const float *x, size_t n)
{
	size_t at = pos & r->mask, first = ring_capacity(r) - at;
	if (first > n)
		first = n;
	memcpy(r->buf + at, x, first * sizeof *x);
	memcpy(r->buf, x + first, (n - first) * sizeof *x);
}

static void copy_out(const struct ring *r, size_t pos, float *x, size_t n)
{
	size_t at = pos & r->mask, first = ring_capacity(r) - at;
	if (first > n)
		first = n;
	memcpy(x, r->buf + at, first * sizeof *x);
	memcpy(x + first, r->buf, (n - first) * sizeof *x);
}

size_t ring_write(struct ring *r, const float *x, size_t n)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	size_t space = ring_capacity(r) - (head - tail);
	if (n > space)
		n = space;
	copy_in(r, head, x, n);
	atomic_store_explicit(&r->head, head + n, memory_order_release);
	return n;
}

size_t ring_read(struct ring *r, float *x, size_t n)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	if (n > head - tail)
		n = head - tail;
	copy_out(r, tail, x, n);
	atomic_store_explicit(&r->tail, tail + n, memory_order_release);
	return n;
}

size_t ring_available(struct ring *r)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	return head - tail;
}

void ring_drop_all(struct ring *r)
{
	atomic_store_explicit(&r->tail, atomic_load_explicit(&r->head, memory_order_acquire),
			      memory_order_release);
}
