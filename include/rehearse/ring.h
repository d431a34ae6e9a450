/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ring.h - a lock-free single-producer / single-consumer ring of floats.
 *
 * The audio callback is the only writer and one worker thread the only
 * reader. Neither side ever blocks, allocates or locks: ring_write() takes
 * what fits and says how much, so the caller can count what was dropped.
 * Capacity is rounded up to a power of two (asserted in a debug build:
 * the indices are reduced with a mask). */
#ifndef REHEARSE_RING_H
#define REHEARSE_RING_H

#include <stdatomic.h>
#include <stddef.h>

struct ring {
	float *buf;
	size_t mask; /* capacity - 1 */
	_Atomic size_t head; /* total written (producer owns) */
	_Atomic size_t tail; /* total read (consumer owns) */
};

int ring_init(struct ring *r, size_t min_capacity); /* 0, or -1 out of memory or too big */
void ring_free(struct ring *r);
size_t ring_capacity(const struct ring *r);

/* Producer: copy up to n samples in; returns how many fitted. */
size_t ring_write(struct ring *r, const float *x, size_t n);
/* Consumer: copy up to n samples out; returns how many there were. */
size_t ring_read(struct ring *r, float *x, size_t n);
/* Either side: samples waiting to be read. */
size_t ring_available(struct ring *r);
/* Consumer: forget everything waiting (for seeking). */
void ring_drop_all(struct ring *r);

#endif
