/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio.c - the real-time endpoints shared by every backend. */
#include "rehearse/audio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/strbuf.h"
#include "rehearse/util.h"

static uint32_t float_bits(float f)
{
	uint32_t b;
	memcpy(&b, &f, sizeof b);
	return b;
}

static float bits_float(uint32_t b)
{
	float f;
	memcpy(&f, &b, sizeof f);
	return f;
}

int capture_sink_init(struct capture_sink *s, int rate, double seconds)
{
	memset(s, 0, sizeof *s);
	if (ring_init(&s->ring, (size_t)(rate * seconds)) < 0)
		return -1;
	s->win_len = (uint32_t)(rate * LEVEL_WINDOW_S);
	if (s->win_len == 0)
		s->win_len = 1;
	return 0;
}

void capture_sink_free(struct capture_sink *s)
{
	ring_free(&s->ring);
}

void capture_sink_push(struct capture_sink *s, const float *x, size_t n, bool overflow)
{
	if (overflow)
		atomic_fetch_add_explicit(&s->overflows, 1, memory_order_relaxed);
	size_t put = ring_write(&s->ring, x, n);
	if (put < n)
		atomic_fetch_add_explicit(&s->dropped, n - put, memory_order_relaxed);
	for (size_t i = 0; i < n; i++) {
		float a = fabsf(x[i]);
		if (a > s->win_peak)
			s->win_peak = a;
		s->win_sq += (double)x[i] * x[i];
		if (++s->win_n == s->win_len) {
			float rms = (float)sqrt(s->win_sq / s->win_n);
			atomic_store_explicit(&s->peak_bits, float_bits(s->win_peak),
					      memory_order_relaxed);
			atomic_store_explicit(&s->rms_bits, float_bits(rms), memory_order_relaxed);
			s->win_peak = 0;
			s->win_sq = 0;
			s->win_n = 0;
		}
	}
	/* Published last: whoever sees the count also sees the samples. */
	atomic_fetch_add_explicit(&s->frames, n, memory_order_release);
}

void capture_sink_levels(struct capture_sink *s, float *peak, float *rms)
{
	*peak = bits_float(atomic_load_explicit(&s->peak_bits, memory_order_relaxed));
	*rms = bits_float(atomic_load_explicit(&s->rms_bits, memory_order_relaxed));
}

int playback_source_init(struct playback_source *s, int rate, double seconds)
{
	memset(s, 0, sizeof *s);
	return ring_init(&s->ring, (size_t)(rate * seconds));
}

void playback_source_free(struct playback_source *s)
{
	ring_free(&s->ring);
}

void playback_source_pull(struct playback_source *s, float *out, size_t n)
{
	size_t got = 0;
	if (!atomic_load_explicit(&s->paused, memory_order_acquire))
		got = ring_read(&s->ring, out, n);
	if (got < n) {
		memset(out + got, 0, (n - got) * sizeof *out);
		if (!atomic_load_explicit(&s->paused, memory_order_relaxed) &&
		    !atomic_load_explicit(&s->finished, memory_order_acquire))
			atomic_fetch_add_explicit(&s->underruns, 1, memory_order_relaxed);
	}
	atomic_fetch_add_explicit(&s->played, got, memory_order_release);
}

void audio_backend_free(struct audio_backend *b)
{
	if (!b)
		return;
	b->ops->terminate(b->ctx);
	free(b);
}

static struct audio_backend *open_portaudio(const char *log_path, const char *opts, char *errbuf)
{
	if (*opts) {
		set_err(errbuf, "audio backend 'portaudio' takes no options (got '%s')", opts);
		return NULL;
	}
	return audio_portaudio_new(log_path);
}

/* `--audio fake[:speed=N]` from the command line: a device that hears
 * silence at real-time pace, or N times faster, so the screens can be
 * driven without a sound system (and tests that only need the screens need
 * not wait out a take's clock, which is the audio clock). */
static struct audio_backend *open_fake(const char *log_path, const char *opts, char *errbuf)
{
	(void)log_path;
	struct audio_fake_config cfg = {.rate = 48000, .speed = 1.0, .stall_after_s = -1};
	if (*opts) {
		char *end = NULL;
		if (strncmp(opts, "speed=", 6) == 0)
			cfg.speed = strtod(opts + 6, &end);
		if (!end || end == opts + 6 || *end || !(cfg.speed >= 1 && cfg.speed <= 1000)) {
			set_err(errbuf, "audio backend 'fake': bad option '%s' (the one option is "
				"speed=N, N from 1 to 1000)", opts);
			return NULL;
		}
	}
	return audio_fake_new(&cfg);
}

const struct audio_backend_entry audio_backends[] = {
	{"portaudio", "the system's sound devices through PortAudio", open_portaudio},
	{"fake", "a silent device at real-time pace (fake:speed=N: N times faster), for tests",
	 open_fake},
};
const size_t audio_backend_count = ARRAY_SIZE(audio_backends);

struct audio_backend *audio_backend_new(const char *spec, const char *log_path, char *errbuf)
{
	if (!spec || !*spec)
		return audio_backends[0].open(log_path, "", errbuf);
	const char *colon = strchr(spec, ':');
	size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
	for (size_t i = 0; i < audio_backend_count; i++)
		if (strlen(audio_backends[i].name) == len && !strncmp(audio_backends[i].name, spec, len))
			return audio_backends[i].open(log_path, colon ? colon + 1 : "", errbuf);
	const char *name = spec;
	struct strbuf names = STRBUF_INIT;
	for (size_t i = 0; i < audio_backend_count; i++)
		strbuf_addsep(&names, ", ", audio_backends[i].name);
	set_err(errbuf, "no audio backend '%s' (there are: %s)", name, names.buf);
	strbuf_release(&names);
	return NULL;
}
