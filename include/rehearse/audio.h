/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio.h - the audio engine's backend interface.
 *
 * A backend is a table of operations with a context pointer (PortAudio in
 * audio_pa.c, a scripted fake in audio_fake.c for tests), registered by
 * name in audio_backends[]. It moves samples
 * between a device and two real-time-safe endpoints defined here:
 *
 *  - capture_sink: the capture callback pushes samples into a lock-free
 *    ring and publishes frame, overflow and level counters as atomics;
 *  - playback_source: the playback callback pulls samples from a ring.
 *
 * Both endpoint functions run on the audio thread: they never allocate,
 * lock, print or touch the disk. A backend runs one stream at a time. */
#ifndef REHEARSE_AUDIO_H
#define REHEARSE_AUDIO_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "rehearse/ring.h"

#define LEVEL_WINDOW_S 0.05 /* the level meter's window */

struct capture_sink {
	struct ring ring;
	_Atomic uint64_t frames;    /* delivered by the device */
	_Atomic uint64_t dropped;   /* frames the ring could not take */
	_Atomic uint64_t overflows; /* input overflows the device reported */
	_Atomic uint32_t peak_bits, rms_bits; /* last full window, float bits */
	/* Callback-private window accumulators. */
	float win_peak;
	double win_sq;
	uint32_t win_n, win_len;
};
/* Set up for rate Hz with a ring of at least seconds. 0 or -1 (memory). */
int capture_sink_init(struct capture_sink *s, int rate, double seconds);
void capture_sink_free(struct capture_sink *s);
/* Audio thread: take n mono samples; overflow says the device lost some. */
void capture_sink_push(struct capture_sink *s, const float *x, size_t n, bool overflow);
/* Any thread: the latest level window, linear peak and RMS. */
void capture_sink_levels(struct capture_sink *s, float *peak, float *rms);

struct playback_source {
	struct ring ring;
	_Atomic uint64_t played;    /* frames handed to the device, silence excluded */
	_Atomic uint64_t underruns; /* callbacks that found the ring short */
	_Atomic int paused;	    /* the callback plays silence while set */
	_Atomic int finished;	    /* the feeder has no more samples */
};
int playback_source_init(struct playback_source *s, int rate, double seconds);
void playback_source_free(struct playback_source *s);
/* Audio thread: fill out[0..n) from the ring, silence for what is missing. */
void playback_source_pull(struct playback_source *s, float *out, size_t n);

struct audio_device {
	int index;
	char name[128];
	char host_api[48];
	int max_in, max_out;
	double default_rate;
	bool default_in, default_out;
};

struct audio_ops {
	const char *name;
	/* Probe the system. Quiet: nothing reaches the terminal. */
	int (*init)(void *ctx, char *errbuf);
	void (*terminate)(void *ctx);
	/* Fill a newly allocated list (caller frees *out). */
	int (*list_devices)(void *ctx, struct audio_device **out, size_t *n, char *errbuf);
	/* Open a mono capture stream on device (NULL: the default input) at
	 * rate (0: the device's default). If the device refuses the rate it
	 * falls back to the default and says so in note. sink is only kept:
	 * the caller sets it up for *actual_rate before start. */
	int (*open_capture)(void *ctx, const char *device, int rate, struct capture_sink *sink,
			    int *actual_rate, char *note, char *errbuf);
	int (*open_playback)(void *ctx, const char *device, int rate,
			     struct playback_source *src, char *errbuf);
	int (*start)(void *ctx, char *errbuf);
	bool (*is_active)(void *ctx);
	/* Stop at once and drop what is queued; never hangs on a dead device. */
	void (*abort)(void *ctx);
	void (*close)(void *ctx);
};

struct audio_backend {
	const struct audio_ops *ops;
	void *ctx;
};

/* PortAudio. Library chatter while probing goes to log_path (or nowhere). */
struct audio_backend *audio_portaudio_new(const char *log_path);
/* A fake device for tests: capture delivers samples (then silence) in 10 ms
 * blocks, paced at speed x real time (0: as fast as it can); stall_after_s
 * >= 0 stops delivering at that point, like a suspended source.
 * Playback swallows what it is given into an internal buffer. */
struct audio_fake_config {
	const float *samples;
	size_t n;
	int rate;
	double speed;
	double stall_after_s;
	bool no_input; /* as if no input device existed */
};
struct audio_backend *audio_fake_new(const struct audio_fake_config *cfg);
void audio_backend_free(struct audio_backend *b);

/* Every backend, chosen by name (`--audio NAME`); the first is the default.
 * A new backend is one file with its ops and one row here. open makes the
 * backend, not yet initialised; log_path takes library chatter (or NULL). */
struct audio_backend_entry {
	const char *name;
	const char *summary;
	/* opts: what followed "name:" in the spec ("" for none); NULL with
	 * errbuf set when the backend takes no such option. */
	struct audio_backend *(*open)(const char *log_path, const char *opts, char *errbuf);
};
extern const struct audio_backend_entry audio_backends[];
extern const size_t audio_backend_count;
/* The backend a spec "name[:options]" names (NULL or "": the default), not
 * yet initialised; NULL with errbuf naming the choices if there is none by
 * that name, or saying which option is wrong. */
struct audio_backend *audio_backend_new(const char *name, const char *log_path, char *errbuf);

#endif
