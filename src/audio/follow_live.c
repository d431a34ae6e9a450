/* SPDX-License-Identifier: GPL-3.0-or-later */
/* follow_live.c - see follow_live.h. */
#include "rehearse/follow_live.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "rehearse/ring.h"
#include "rehearse/util.h"

enum { RUNNING, STOP_FINISH, STOP_ABORT };

struct follow_live {
	const struct story *one; /* follow_live_start's story */
	const struct story *const *stories;
	size_t nstories;
	bool any; /* follow_live_start_any: which of them was told, or none */
	const char *question;
	struct ring ring;
	pthread_t thread;
	_Atomic int rate; /* 0 until the first tap */
	_Atomic int part; /* follow_part_now, for the screen; -1 at first */
	_Atomic int stop;
	_Atomic uint64_t tapped, fed, lost;
	/* The thread's own until it is joined. */
	int rc;
	char errbuf[ERRBUF_SIZE];
	struct follow_result res;
};

/* The follower decodes a piece of this many samples at a time; with the
 * ring empty the thread looks again after IDLE_MS (the ring holds many
 * seconds, and at the end the wait is at most this long). */
#define PIECE 4096
#define IDLE_MS 10

/* The rate, once the first tap has said it; 0 when stopped before any. */
static int wait_rate(struct follow_live *fl)
{
	for (;;) {
		int stop = atomic_load_explicit(&fl->stop, memory_order_acquire);
		int rate = atomic_load_explicit(&fl->rate, memory_order_acquire);
		if (rate > 0 || stop)
			return rate;
		sleep_ms(IDLE_MS);
	}
}

/* After a failure the ring is still drained (and counted), so the
 * writer never sees it full. */
static void feed_piece(struct follow_live *fl, struct follower **f, const float *x, size_t n)
{
	if (*f && follow_feed(*f, x, n, fl->errbuf) < 0) {
		follow_free(*f);
		*f = NULL;
		fl->rc = -1;
	}
	atomic_fetch_add(&fl->fed, (uint64_t)n);
}

static void *follow_main(void *arg)
{
	struct follow_live *fl = arg;
	int rate = wait_rate(fl);
	if (atomic_load(&fl->stop) == STOP_ABORT)
		return NULL;
	/* No audio at all (the take ended before the first chunk): an empty
	 * result at the recogniser's own rate, as for an empty file. */
	int r = rate ? rate : 16000;
	struct follower *f = fl->any ? follow_new_any(fl->stories, fl->nstories, fl->question, r,
						      fl->errbuf)
				     : follow_new(fl->one, fl->question, r, fl->errbuf);
	fl->rc = f ? 0 : -1;
	float *buf = xmalloc(PIECE * sizeof *buf);
	for (;;) {
		/* Stop is read before the ring: the last tap came before it. */
		int stop = atomic_load_explicit(&fl->stop, memory_order_acquire);
		if (stop == STOP_ABORT)
			break;
		size_t n = ring_read(&fl->ring, buf, PIECE);
		if (n) {
			feed_piece(fl, &f, buf, n);
			if (f)
				atomic_store_explicit(&fl->part, follow_part_now(f), memory_order_relaxed);
			continue;
		}
		if (stop == STOP_FINISH) {
			if (f && follow_finish(f, &fl->res, fl->errbuf) < 0)
				fl->rc = -1;
			break;
		}
		sleep_ms(IDLE_MS);
	}
	free(buf);
	follow_free(f);
	return NULL;
}

/* The ring and the thread for fl, whose stories are set: 0, or -1 with
 * errbuf (fl freed). */
static int start_thread(struct follow_live **out, struct follow_live *fl, size_t ring_samples,
			char *errbuf)
{
	atomic_init(&fl->part, -1);
	if (ring_init(&fl->ring, ring_samples) < 0) {
		free(fl);
		return set_err(errbuf, "out of memory for the story follower's buffer");
	}
	if (pthread_create(&fl->thread, NULL, follow_main, fl) != 0) {
		ring_free(&fl->ring);
		free(fl);
		return set_err(errbuf, "cannot start the story follower's thread");
	}
	*out = fl;
	return 0;
}

int follow_live_start_any(struct follow_live **out, const struct story *const *stories, size_t n,
			  const char *question, size_t ring_samples, char *errbuf)
{
	struct follow_live *fl = xcalloc(1, sizeof *fl);
	fl->stories = stories;
	fl->nstories = n;
	fl->any = true;
	fl->question = question;
	return start_thread(out, fl, ring_samples, errbuf);
}

int follow_live_start(struct follow_live **out, const struct story *st, const char *question,
		      size_t ring_samples, char *errbuf)
{
	struct follow_live *fl = xcalloc(1, sizeof *fl);
	fl->one = st;
	fl->question = question;
	return start_thread(out, fl, ring_samples, errbuf);
}

void follow_live_tap(void *ctx, const float *x, size_t n, int rate)
{
	struct follow_live *fl = ctx;
	if (!atomic_load_explicit(&fl->rate, memory_order_relaxed))
		atomic_store_explicit(&fl->rate, rate, memory_order_release);
	size_t w = ring_write(&fl->ring, x, n);
	atomic_fetch_add_explicit(&fl->tapped, (uint64_t)n, memory_order_relaxed);
	if (w < n)
		atomic_fetch_add_explicit(&fl->lost, (uint64_t)(n - w), memory_order_relaxed);
}

static void stop_and_free(struct follow_live *fl, int how, struct follow_live_stats *stats)
{
	double t0 = monotonic_s();
	atomic_store_explicit(&fl->stop, how, memory_order_release);
	pthread_join(fl->thread, NULL);
	if (stats)
		*stats = (struct follow_live_stats){atomic_load(&fl->tapped), atomic_load(&fl->fed),
						    atomic_load(&fl->lost), monotonic_s() - t0};
	ring_free(&fl->ring);
}

int follow_live_finish(struct follow_live *fl, struct follow_result *out,
		       struct follow_live_stats *stats, char *errbuf)
{
	struct follow_live_stats own;
	stop_and_free(fl, STOP_FINISH, &own);
	if (stats)
		*stats = own;
	int rc = fl->rc;
	int rate = atomic_load(&fl->rate);
	if (rc < 0) {
		set_err(errbuf, "%s", fl->errbuf);
	} else if (own.lost > 0) {
		/* Holes would shift every time after them: no result is better. */
		follow_result_free(&fl->res);
		rc = set_err(errbuf, "the story follower fell behind and missed %.1f s of the answer",
			     rate > 0 ? (double)own.lost / rate : 0.0);
	} else {
		*out = fl->res;
	}
	free(fl);
	return rc;
}

int follow_live_part(struct follow_live *fl)
{
	return fl ? atomic_load_explicit(&fl->part, memory_order_relaxed) : -1;
}

void follow_live_abort(struct follow_live *fl)
{
	if (!fl)
		return;
	stop_and_free(fl, STOP_ABORT, NULL);
	free(fl);
}

size_t follow_live_capacity(const struct follow_live *fl)
{
	return ring_capacity(&fl->ring);
}
