/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio_fake.c - a scripted audio device for tests: a thread plays the
 * part of the audio callback, delivering given samples in 10 ms blocks. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rehearse/audio.h"
#include "rehearse/util.h"

struct fake_ctx {
	struct audio_fake_config cfg;
	struct capture_sink *sink;
	struct playback_source *src;
	pthread_t thread;
	bool running;
	_Atomic int stop;
	_Atomic int active;
	size_t pos; /* capture position */
};

static int fake_init(void *ctx, char *errbuf)
{
	(void)ctx, (void)errbuf;
	return 0;
}

static void fake_close(void *ctx);

static void fake_terminate(void *ctx)
{
	struct fake_ctx *c = ctx;
	fake_close(c);
	free(c);
}

static int fake_list(void *ctx, struct audio_device **out, size_t *n, char *errbuf)
{
	struct fake_ctx *c = ctx;
	(void)errbuf;
	*out = xcalloc(1, sizeof **out);
	*n = 1;
	snprintf((*out)->name, sizeof (*out)->name, "fake device");
	snprintf((*out)->host_api, sizeof (*out)->host_api, "test");
	(*out)->max_in = c->cfg.no_input ? 0 : 1;
	(*out)->max_out = 1;
	(*out)->default_rate = c->cfg.rate;
	(*out)->default_in = !c->cfg.no_input;
	(*out)->default_out = true;
	return 0;
}

static int fake_open_capture(void *ctx, const char *device, int rate, struct capture_sink *sink,
			     int *actual_rate, char *note, char *errbuf)
{
	struct fake_ctx *c = ctx;
	(void)device;
	note[0] = '\0';
	if (c->cfg.no_input)
		return set_err(errbuf, "no input device found (is a microphone connected?); use "
				       "--no-record for a timer-only rehearsal");
	if (rate && rate != c->cfg.rate)
		snprintf(note, ERRBUF_SIZE, "the device refused %d Hz; recording at %d Hz", rate,
			 c->cfg.rate);
	c->sink = sink;
	c->src = NULL;
	*actual_rate = c->cfg.rate;
	return 0;
}

static int fake_open_playback(void *ctx, const char *device, int rate,
			      struct playback_source *src, char *errbuf)
{
	struct fake_ctx *c = ctx;
	(void)device, (void)rate, (void)errbuf;
	c->src = src;
	c->sink = NULL;
	return 0;
}

static void sleep_block(double speed, int rate, size_t block)
{
	if (speed <= 0)
		return;
	double s = (double)block / rate / speed;
	struct timespec ts = {(time_t)s, (long)((s - (time_t)s) * 1e9)};
	nanosleep(&ts, NULL);
}

static void *fake_thread(void *arg)
{
	struct fake_ctx *c = arg;
	size_t block = (size_t)(c->cfg.rate / 100);
	float *buf = xcalloc(block, sizeof *buf);
	while (!atomic_load(&c->stop)) {
		if (c->sink) {
			double t = (double)c->pos / c->cfg.rate;
			if (c->cfg.stall_after_s >= 0 && t >= c->cfg.stall_after_s) {
				sleep_block(1, c->cfg.rate, block); /* stalled: nothing */
				continue;
			}
			memset(buf, 0, block * sizeof *buf);
			for (size_t i = 0; i < block && c->pos + i < c->cfg.n; i++)
				buf[i] = c->cfg.samples[c->pos + i];
			capture_sink_push(c->sink, buf, block, false);
			c->pos += block;
		} else if (c->src) {
			playback_source_pull(c->src, buf, block);
		}
		sleep_block(c->cfg.speed, c->cfg.rate, block);
		if (c->cfg.speed <= 0 && c->sink && ring_available(&c->sink->ring) >
						       ring_capacity(&c->sink->ring) / 2) {
			/* Unpaced, but do not outrun the reader into drops. */
			struct timespec ts = {0, 1000000};
			nanosleep(&ts, NULL);
		}
	}
	free(buf);
	atomic_store(&c->active, 0);
	return NULL;
}

static int fake_start(void *ctx, char *errbuf)
{
	struct fake_ctx *c = ctx;
	atomic_store(&c->stop, 0);
	atomic_store(&c->active, 1);
	if (pthread_create(&c->thread, NULL, fake_thread, c) != 0)
		return set_err(errbuf, "cannot start the fake device");
	c->running = true;
	return 0;
}

static bool fake_is_active(void *ctx)
{
	struct fake_ctx *c = ctx;
	return atomic_load(&c->active) != 0;
}

static void fake_abort(void *ctx)
{
	struct fake_ctx *c = ctx;
	if (!c->running)
		return;
	atomic_store(&c->stop, 1);
	pthread_join(c->thread, NULL);
	c->running = false;
}

static void fake_close(void *ctx)
{
	fake_abort(ctx);
}

static const struct audio_ops fake_ops = {
	.name = "fake",
	.init = fake_init,
	.terminate = fake_terminate,
	.list_devices = fake_list,
	.open_capture = fake_open_capture,
	.open_playback = fake_open_playback,
	.start = fake_start,
	.is_active = fake_is_active,
	.abort = fake_abort,
	.close = fake_close,
};

struct audio_backend *audio_fake_new(const struct audio_fake_config *cfg)
{
	struct fake_ctx *c = xcalloc(1, sizeof *c);
	c->cfg = *cfg;
	struct audio_backend *b = xcalloc(1, sizeof *b);
	b->ops = &fake_ops;
	b->ctx = c;
	return b;
}

