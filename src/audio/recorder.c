/* recorder.c - see recorder.h. */
#include "rehearse/recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct recorder {
	struct audio_backend *backend;
	struct capture_sink sink;
	SNDFILE *sf;
	char *path;
	int rate;
	double stall_s;
	uint64_t max_frames; /* 0: no limit */
	pthread_t writer;
	_Atomic int stop;
	_Atomic int failed;  /* set once, after reason is written */
	_Atomic int stalled; /* likewise */
	_Atomic uint64_t written;
	char reason[ERRBUF_SIZE];
	struct analysis_stream *analysis;
};

static void fail(struct recorder *r, _Atomic int *flag, const char *fmt, const char *detail)
{
	if (atomic_load(&r->failed) || atomic_load(&r->stalled))
		return; /* the first reason is the one worth telling */
	snprintf(r->reason, sizeof r->reason, fmt, detail);
	atomic_store_explicit(flag, 1, memory_order_release);
}

static void write_chunk(struct recorder *r, const float *buf, size_t n)
{
	if (atomic_load(&r->failed))
		return; /* keep draining so the device never blocks */
	uint64_t done = atomic_load(&r->written);
	if (r->max_frames && done + n > r->max_frames)
		n = done >= r->max_frames ? 0 : (size_t)(r->max_frames - done);
	if (n == 0)
		return; /* past the limit: the take is over, the rest is not kept */
	errno = 0;
	sf_count_t w = sf_writef_float(r->sf, buf, (sf_count_t)n);
	if (w > 0) {
		atomic_fetch_add(&r->written, (uint64_t)w);
		analysis_stream_feed(r->analysis, buf, (size_t)w);
	}
	if (w < (sf_count_t)n) {
		const char *why = errno ? strerror(errno) : sf_strerror(r->sf);
		fail(r, &r->failed,
		     "could not write the recording (%s); the disk may be full or the folder "
		     "not writable. Everything before that point was kept.",
		     why);
	}
}

/* A device's first audio may come late: a Bluetooth headset switching
 * profile takes seconds, and an idle sound server finishes the block it
 * is in (a PulseAudio null sink idles in 2 s blocks). Until the first
 * frame the watchdog waits this long, so a slow start is not a stall. */
#define FIRST_AUDIO_S 5.0

/* No frames for stall_s (FIRST_AUDIO_S before the first): stalled. */
static void watch_clock(struct recorder *r, uint64_t frames, double quiet_s)
{
	if (frames == 0 && quiet_s >= fmax(r->stall_s, FIRST_AUDIO_S))
		fail(r, &r->stalled, "the microphone delivered no sound%s; nothing was recorded",
		     r->backend->ops->is_active(r->backend->ctx) ? "" : " (device lost)");
	else if (frames > 0 && quiet_s >= r->stall_s)
		fail(r, &r->stalled,
		     "the microphone stopped delivering sound%s; the recording up to that "
		     "point was kept",
		     r->backend->ops->is_active(r->backend->ctx) ? "" : " (device lost)");
}

/* Drain the ring to disk until asked to stop and the ring is empty. */
static void *writer_main(void *arg)
{
	struct recorder *r = arg;
	enum { CHUNK = 8192 };
	float *buf = xmalloc(CHUNK * sizeof *buf);
	uint64_t last_frames = 0;
	double last_change = monotonic_s();
	for (;;) {
		size_t n = ring_read(&r->sink.ring, buf, CHUNK);
		if (n) {
			write_chunk(r, buf, n);
			continue;
		}
		if (atomic_load(&r->stop))
			break;
		uint64_t frames = atomic_load(&r->sink.frames);
		double now = monotonic_s();
		if (frames != last_frames) {
			last_frames = frames;
			last_change = now;
		} else {
			watch_clock(r, frames, now - last_change);
		}
		sleep_ms(50); /* the ring holds seconds: no need to wake more often */
	}
	free(buf);
	return NULL;
}

static SNDFILE *create_wav(const char *path, bool reserved, int rate, char *errbuf)
{
	int flags = reserved ? O_WRONLY | O_NOFOLLOW | O_CLOEXEC
			     : O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
	int fd = open(path, flags, 0600);
	if (fd < 0) {
		set_err(errbuf, "%s: cannot create the recording: %s", path, strerror(errno));
		return NULL;
	}
	SF_INFO info = {.samplerate = rate, .channels = 1,
			.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
	SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
	if (!sf) {
		set_err(errbuf, "%s: cannot write a WAV file: %s", path, sf_strerror(NULL));
		close(fd);
		unlink(path);
		return NULL;
	}
	/* The header follows every write, so the file is always playable. */
	sf_command(sf, SFC_SET_UPDATE_HEADER_AUTO, NULL, SF_TRUE);
	sf_command(sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	return sf;
}

int recorder_start(struct recorder **out, struct audio_backend *b, const struct recorder_opts *o,
		   char *note, char *errbuf)
{
	struct recorder *r = xcalloc(1, sizeof *r);
	r->backend = b;
	r->path = xstrdup(o->path);
	r->stall_s = o->stall_s > 0 ? o->stall_s : 2.0;
	note[0] = '\0';
	/* The ring is sized for the highest rate we would accept; the real
	 * rate is only known once the stream is open. */
	double ring_s = o->ring_s >= 4 ? o->ring_s : 4;
	if (capture_sink_init(&r->sink, 192000, ring_s) < 0) {
		set_err(errbuf, "out of memory for the audio buffer");
		goto fail_sink;
	}
	if (b->ops->open_capture(b->ctx, o->device, o->rate, &r->sink, &r->rate, note, errbuf))
		goto fail_open;
	r->sink.win_len = (uint32_t)(r->rate * LEVEL_WINDOW_S);
	r->sf = create_wav(o->path, o->reserved, r->rate, errbuf);
	if (!r->sf)
		goto fail_wav;
	r->max_frames = o->max_s > 0 ? (uint64_t)(o->max_s * r->rate + 0.5) : 0;
	r->analysis = analysis_stream_new(r->rate);
	analysis_stream_use(r->analysis, o->analysis);
	analysis_stream_reserve(r->analysis, (size_t)r->rate * 120);
	if (pthread_create(&r->writer, NULL, writer_main, r) != 0) {
		set_err(errbuf, "cannot start the writer thread");
		goto fail_thread;
	}
	if (b->ops->start(b->ctx, errbuf) < 0) {
		atomic_store(&r->stop, 1);
		pthread_join(r->writer, NULL);
		goto fail_thread;
	}
	*out = r;
	return 0;
fail_thread:
	analysis_stream_abort(r->analysis);
	sf_close(r->sf);
	unlink(o->path);
fail_wav:
	b->ops->close(b->ctx);
fail_open:
	capture_sink_free(&r->sink);
fail_sink:
	free(r->path);
	free(r);
	return -1;
}

void recorder_poll(struct recorder *r, struct recorder_status *st)
{
	memset(st, 0, sizeof *st);
	st->rate = r->rate;
	st->frames = atomic_load_explicit(&r->sink.frames, memory_order_acquire);
	if (r->max_frames && st->frames > r->max_frames)
		st->frames = r->max_frames; /* the clock stops where the file does */
	st->seconds = (double)st->frames / r->rate;
	capture_sink_levels(&r->sink, &st->peak, &st->rms);
	st->overflows = atomic_load(&r->sink.overflows);
	st->dropped = atomic_load(&r->sink.dropped);
	st->failed = atomic_load_explicit(&r->failed, memory_order_acquire);
	st->stalled = atomic_load_explicit(&r->stalled, memory_order_acquire);
	if (st->failed || st->stalled)
		snprintf(st->reason, sizeof st->reason, "%s", r->reason);
}

void recorder_finish(struct recorder *r, struct recorder_result *res)
{
	memset(res, 0, sizeof *res);
	r->backend->ops->abort(r->backend->ctx);
	atomic_store(&r->stop, 1);
	pthread_join(r->writer, NULL); /* it drains the ring before leaving */
	r->backend->ops->close(r->backend->ctx);
	if (sf_close(r->sf) != 0 && !atomic_load(&r->failed))
		fail(r, &r->failed, "could not finish the recording file: %s",
		     strerror(errno ? errno : EIO));
	res->rate = r->rate;
	res->frames_written = atomic_load(&r->written);
	res->seconds = (double)res->frames_written / r->rate;
	res->overflows = atomic_load(&r->sink.overflows);
	res->dropped = atomic_load(&r->sink.dropped);
	res->failed = atomic_load(&r->failed);
	res->stalled = atomic_load(&r->stalled);
	if (res->failed || res->stalled)
		snprintf(res->reason, sizeof res->reason, "%s", r->reason);
	analysis_stream_finish(r->analysis, NULL, &res->analysis);
	capture_sink_free(&r->sink);
	free(r->path);
	free(r);
}

struct level_monitor {
	struct audio_backend *backend;
	struct capture_sink sink;
};

int monitor_start(struct level_monitor **out, struct audio_backend *b, const char *device,
		  int rate, char *errbuf)
{
	struct level_monitor *m = xcalloc(1, sizeof *m);
	char note[ERRBUF_SIZE];
	int actual = 0;
	m->backend = b;
	if (capture_sink_init(&m->sink, 192000, 1.0) < 0) {
		free(m);
		return set_err(errbuf, "out of memory for the audio buffer");
	}
	if (b->ops->open_capture(b->ctx, device, rate, &m->sink, &actual, note, errbuf) < 0) {
		capture_sink_free(&m->sink);
		free(m);
		return -1;
	}
	m->sink.win_len = (uint32_t)(actual * LEVEL_WINDOW_S);
	if (b->ops->start(b->ctx, errbuf) < 0) {
		b->ops->close(b->ctx);
		capture_sink_free(&m->sink);
		free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void monitor_levels(struct level_monitor *m, float *peak, float *rms)
{
	ring_drop_all(&m->sink.ring); /* nothing is kept: this is a check */
	capture_sink_levels(&m->sink, peak, rms);
}

void monitor_stop(struct level_monitor *m)
{
	if (!m)
		return;
	m->backend->ops->abort(m->backend->ctx);
	m->backend->ops->close(m->backend->ctx);
	capture_sink_free(&m->sink);
	free(m);
}
