/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio_pa.c - the PortAudio backend.
 *
 * Host APIs print while probing (ALSA's "ALSA lib ..." lines, JACK's "jack
 * server is not running", PortAudio's own assertions). None of it may
 * reach the terminal or the screen, so stderr points at a log file while
 * PortAudio is called into, and ALSA's error hook is silenced. */
#include <errno.h>
#include <fcntl.h>
#include <portaudio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifdef HAVE_ALSA
#include <alsa/asoundlib.h>
#endif

#include "rehearse/audio.h"
#include "rehearse/util.h"

struct pa_ctx {
	char *log_path;
	bool initialised;
	PaStream *stream;
	struct capture_sink *sink;
	struct playback_source *src;
	int in_channels;
	int saved_stderr;
};

#ifdef HAVE_ALSA
static void alsa_silent(const char *file, int line, const char *fn, int err, const char *fmt,
			...)
{
	(void)file, (void)line, (void)fn, (void)err, (void)fmt;
}
#endif

/* Point stderr at the log (or /dev/null) around calls into PortAudio. */
static void quiet_begin(struct pa_ctx *c)
{
	fflush(stderr);
	c->saved_stderr = dup(STDERR_FILENO);
	int flags = O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
	int fd = c->log_path ? open(c->log_path, flags, 0600) : -1;
	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

static void quiet_end(struct pa_ctx *c)
{
	if (c->saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(c->saved_stderr, STDERR_FILENO);
	close(c->saved_stderr);
	c->saved_stderr = -1;
}

static int pa_init(void *ctx, char *errbuf)
{
	struct pa_ctx *c = ctx;
	if (c->initialised)
		return 0;
#ifdef HAVE_ALSA
	snd_lib_error_set_handler(alsa_silent);
#endif
	quiet_begin(c);
	PaError err = Pa_Initialize();
	quiet_end(c);
	if (err != paNoError)
		return set_err(errbuf, "cannot start the audio system: %s", Pa_GetErrorText(err));
	c->initialised = true;
	return 0;
}

static void pa_close(void *ctx);

static void pa_terminate(void *ctx)
{
	struct pa_ctx *c = ctx;
	pa_close(c);
	if (c->initialised) {
		quiet_begin(c);
		Pa_Terminate();
		quiet_end(c);
	}
	free(c->log_path);
	free(c);
}

static void fill_device(PaDeviceIndex i, struct audio_device *d)
{
	const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
	const PaHostApiInfo *api = info ? Pa_GetHostApiInfo(info->hostApi) : NULL;
	memset(d, 0, sizeof *d);
	d->index = i;
	snprintf(d->name, sizeof d->name, "%s", info && info->name ? info->name : "?");
	snprintf(d->host_api, sizeof d->host_api, "%s", api && api->name ? api->name : "?");
	d->max_in = info ? info->maxInputChannels : 0;
	d->max_out = info ? info->maxOutputChannels : 0;
	d->default_rate = info ? info->defaultSampleRate : 0;
	d->default_in = i == Pa_GetDefaultInputDevice();
	d->default_out = i == Pa_GetDefaultOutputDevice();
}

static int pa_list(void *ctx, struct audio_device **out, size_t *n, char *errbuf)
{
	(void)ctx;
	PaDeviceIndex count = Pa_GetDeviceCount();
	if (count < 0)
		return set_err(errbuf, "cannot list audio devices: %s", Pa_GetErrorText(count));
	*out = xcalloc((size_t)count + 1, sizeof **out);
	*n = (size_t)count;
	for (PaDeviceIndex i = 0; i < count; i++)
		fill_device(i, &(*out)[i]);
	return 0;
}

/* "3", or a case-insensitive part of the name; input or output side. */
static PaDeviceIndex find_device(const char *spec, bool input, char *errbuf)
{
	PaDeviceIndex def = input ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
	if (!spec || !*spec) {
		if (def == paNoDevice)
			set_err(errbuf, input ? "no input device found (is a microphone connected?); "
						"use --no-record for a timer-only rehearsal"
					      : "no output device found to play on");
		return def;
	}
	PaDeviceIndex count = Pa_GetDeviceCount();
	char *end;
	long idx = strtol(spec, &end, 10);
	for (PaDeviceIndex i = 0; i < count; i++) {
		const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
		int ch = input ? info->maxInputChannels : info->maxOutputChannels;
		bool hit = *end == '\0' ? idx == i : contains_ci(info->name, spec);
		if (hit && ch > 0)
			return i;
		if (hit && *end == '\0') {
			set_err(errbuf, "device %ld has no %s channels; see 'rehearse devices'", idx,
				input ? "input" : "output");
			return paNoDevice;
		}
	}
	set_err(errbuf, "no %s device matches '%s'; see 'rehearse devices'",
		input ? "input" : "output", spec);
	return paNoDevice;
}

/* The audio thread: convert the device's 16-bit samples to float (mixing
 * down if it gave two channels) through a small stack buffer, and push. */
static int capture_cb(const void *in, void *out, unsigned long frames,
		      const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags, void *user)
{
	(void)out, (void)ti;
	struct pa_ctx *c = user;
	bool over = (flags & paInputOverflow) != 0;
	if (!in)
		return paContinue;
	const int16_t *x = in;
	const int ch = c->in_channels;
	const float scale = 1.0f / (32768.0f * (float)ch);
	float mono[256];
	for (unsigned long done = 0; done < frames;) {
		unsigned long k = frames - done < 256 ? frames - done : 256;
		for (unsigned long i = 0; i < k; i++) {
			int s = 0;
			for (int j = 0; j < ch; j++)
				s += x[(done + i) * (unsigned long)ch + (unsigned long)j];
			mono[i] = (float)s * scale;
		}
		capture_sink_push(c->sink, mono, k, over && done == 0);
		done += k;
	}
	return paContinue;
}

static int playback_cb(const void *in, void *out, unsigned long frames,
		       const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags, void *user)
{
	(void)in, (void)ti, (void)flags;
	struct pa_ctx *c = user;
	playback_source_pull(c->src, out, frames);
	return paContinue;
}

static PaError try_open_input(struct pa_ctx *c, PaDeviceIndex dev, int channels, double rate)
{
	const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
	/* 16-bit, as the WAV is and as most devices deliver natively: no
	 * float conversion or doubled traffic in the sound server. */
	PaStreamParameters p = {.device = dev,
				.channelCount = channels,
				.sampleFormat = paInt16,
				.suggestedLatency = info->defaultHighInputLatency > 0.1
							    ? info->defaultHighInputLatency
							    : 0.1};
	PaError err = Pa_IsFormatSupported(&p, NULL, rate);
	if (err != paFormatIsSupported)
		return err;
	c->in_channels = channels;
	/* Blocks of ~80 ms: the meter needs no more, and fewer wake-ups keep a
	 * take's CPU close to arecord's. The ring absorbs the rest. */
	unsigned long frames = 256;
	while (frames < (unsigned long)(rate * 0.08))
		frames <<= 1;
	return Pa_OpenStream(&c->stream, &p, NULL, rate, frames, paNoFlag, capture_cb, c);
}

/* Why an input would not open, in words: a device that went away (a
 * USB microphone unplugged, the sound server gone) makes PortAudio say
 * "Illegal combination of I/O devices", which tells a person nothing. */
static int input_error(const char *name, PaError err, char *errbuf)
{
	if (err == paBadIODeviceCombination || err == paInvalidDevice || err == paDeviceUnavailable)
		return set_err(errbuf, "the microphone '%s' is gone (PortAudio: %s): plug it back in",
			       name, Pa_GetErrorText(err));
	return set_err(errbuf, "cannot open input '%s': %s", name, Pa_GetErrorText(err));
}

static int pa_open_capture(void *ctx, const char *device, int rate, struct capture_sink *sink,
			   int *actual_rate, char *note, char *errbuf)
{
	struct pa_ctx *c = ctx;
	note[0] = '\0';
	PaDeviceIndex dev = find_device(device, true, errbuf);
	if (dev == paNoDevice)
		return -1;
	const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
	double def = info->defaultSampleRate > 0 ? info->defaultSampleRate : 48000;
	double want = rate > 0 ? rate : def;
	c->sink = sink;
	quiet_begin(c);
	int chans = info->maxInputChannels >= 1 ? 1 : 0;
	PaError err = try_open_input(c, dev, chans, want);
	if (err == paInvalidChannelCount && info->maxInputChannels >= 2)
		err = try_open_input(c, dev, chans = 2, want);
	if (err == paInvalidSampleRate && want != def) {
		snprintf(note, ERRBUF_SIZE, "the device refused %.0f Hz; recording at %.0f Hz",
			 want, def);
		want = def;
		err = try_open_input(c, dev, chans, want);
	}
	quiet_end(c);
	if (err != paNoError) {
		c->stream = NULL;
		return input_error(info->name, err, errbuf);
	}
	*actual_rate = (int)want;
	return 0;
}

static int pa_open_playback(void *ctx, const char *device, int rate, struct playback_source *src,
			    char *errbuf)
{
	struct pa_ctx *c = ctx;
	PaDeviceIndex dev = find_device(device, false, errbuf);
	if (dev == paNoDevice)
		return -1;
	const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
	PaStreamParameters p = {.device = dev,
				.channelCount = 1,
				.sampleFormat = paFloat32,
				.suggestedLatency = info->defaultHighOutputLatency};
	c->src = src;
	quiet_begin(c);
	PaError err = Pa_OpenStream(&c->stream, NULL, &p, rate, paFramesPerBufferUnspecified,
				    paNoFlag, playback_cb, c);
	quiet_end(c);
	if (err != paNoError) {
		c->stream = NULL;
		return set_err(errbuf, "cannot play on '%s' at %d Hz: %s", info->name, rate,
			       Pa_GetErrorText(err));
	}
	return 0;
}

static int pa_start(void *ctx, char *errbuf)
{
	struct pa_ctx *c = ctx;
	quiet_begin(c);
	PaError err = c->stream ? Pa_StartStream(c->stream) : paBadStreamPtr;
	quiet_end(c);
	if (err != paNoError)
		return set_err(errbuf, "cannot start the audio stream: %s", Pa_GetErrorText(err));
	return 0;
}

static bool pa_is_active(void *ctx)
{
	struct pa_ctx *c = ctx;
	return c->stream && Pa_IsStreamActive(c->stream) == 1;
}

/* Pa_AbortStream, never Pa_StopStream: a stalled device can make the
 * latter wait for ever. */
static void pa_abort(void *ctx)
{
	struct pa_ctx *c = ctx;
	if (!c->stream)
		return;
	quiet_begin(c);
	if (Pa_IsStreamStopped(c->stream) == 0)
		Pa_AbortStream(c->stream);
	quiet_end(c);
}

static void pa_close(void *ctx)
{
	struct pa_ctx *c = ctx;
	if (!c->stream)
		return;
	pa_abort(c);
	quiet_begin(c);
	Pa_CloseStream(c->stream);
	quiet_end(c);
	c->stream = NULL;
}

static const struct audio_ops pa_ops = {
	.name = "portaudio",
	.init = pa_init,
	.terminate = pa_terminate,
	.list_devices = pa_list,
	.open_capture = pa_open_capture,
	.open_playback = pa_open_playback,
	.start = pa_start,
	.is_active = pa_is_active,
	.abort = pa_abort,
	.close = pa_close,
};

struct audio_backend *audio_portaudio_new(const char *log_path)
{
	struct pa_ctx *c = xcalloc(1, sizeof *c);
	c->log_path = log_path ? xstrdup(log_path) : NULL;
	c->saved_stderr = -1;
	struct audio_backend *b = xcalloc(1, sizeof *b);
	b->ops = &pa_ops;
	b->ctx = c;
	return b;
}
