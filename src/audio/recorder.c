/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recorder.c - see recorder.h. */
#include "rehearse/recorder.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rehearse/rate.h"

struct recorder {
	struct audio_backend *backend;
	struct capture_sink sink;
	SNDFILE *sf;
	int fd; /* sf's own descriptor, watched for the file's deletion */
	char *path;
	int rate;
	double stall_s;
	uint64_t max_frames;
	pthread_t writer;
	_Atomic int stop;
	_Atomic int failed;  /* set once, after reason is written */
	_Atomic int stalled; /* likewise */
	_Atomic int lost;    /* the file was deleted: nothing of it remains */
	_Atomic uint64_t written;
	char reason[ERRBUF_SIZE];
	struct analysis_stream *analysis;
	void (*tap)(void *ctx, const float *x, size_t n, int rate);
	void *tap_ctx;
};

static void fail(struct recorder *r, _Atomic int *flag, const char *fmt, const char *detail)
{
	if (atomic_load(&r->failed) || atomic_load(&r->stalled))
		return; /* the first reason is the one worth telling */
	snprintf(r->reason, sizeof r->reason, fmt, detail);
	atomic_store_explicit(flag, 1, memory_order_release);
}

/* The samples as the file holds them: 16-bit PCM, scaled by 32767 and
 * clipped (not a number: silence), and back as any reader of the file
 * sees them (wavio.c's 2^-15), so the analysis of the take is that of its
 * file, and a second reading (replay_file) feeds it the very same floats. */
static void to_pcm16(const float *x, size_t n, short *pcm)
{
	for (size_t i = 0; i < n; i++) {
		float v = x[i] * 32767.0f;
		v = isnan(v) ? 0.0f : v > 32767.0f ? 32767.0f : v < -32768.0f ? -32768.0f : v;
		pcm[i] = (short)lrintf(v);
	}
}

static void from_pcm16(const short *pcm, size_t n, float *x)
{
	for (size_t i = 0; i < n; i++)
		x[i] = (float)pcm[i] * (1.0f / 32768.0f);
}

/* One writer's chunk: what the ring gave, as the file holds it. */
#define CHUNK 8192
struct chunk {
	float in[CHUNK], as_read[CHUNK];
	short pcm[CHUNK];
};

static void write_chunk(struct recorder *r, struct chunk *c, size_t n)
{
	if (atomic_load(&r->failed))
		return; /* keep draining so the device never blocks */
	uint64_t done = atomic_load(&r->written);
	if (done + n > r->max_frames)
		n = done >= r->max_frames ? 0 : (size_t)(r->max_frames - done);
	if (n == 0)
		return; /* past the limit: the take is over, the rest is not kept */
	to_pcm16(c->in, n, c->pcm);
	errno = 0;
	sf_count_t w = sf_writef_short(r->sf, c->pcm, (sf_count_t)n);
	if (w > 0) {
		atomic_fetch_add(&r->written, (uint64_t)w);
		from_pcm16(c->pcm, (size_t)w, c->as_read);
		analysis_stream_feed(r->analysis, c->as_read, (size_t)w);
		if (r->tap)
			r->tap(r->tap_ctx, c->as_read, (size_t)w, r->rate);
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

/* The file deleted under the take, alone or with its folder (rm -rf of
 * the data folder): writing on would fill an inode nobody can reach, and
 * the card would name a recording that is not there. Say what is lost.
 * At the end (force) this reason wins over any other. */
static void watch_file(struct recorder *r, bool force)
{
	struct stat st;
	bool told = atomic_load(&r->failed) || atomic_load(&r->stalled);
	if (atomic_load(&r->lost) || (told && !force) || fstat(r->fd, &st) < 0 ||
	    st.st_nlink > 0)
		return;
	char *dir = xstrdup(r->path), *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	struct stat ds;
	char why[ERRBUF_SIZE];
	if (slash && slash > dir && stat(dir, &ds) < 0)
		snprintf(why, sizeof why, "the folder %s was removed during the take: this "
					  "recording and the history kept there are lost", dir);
	else
		snprintf(why, sizeof why, "the recording %s was deleted during the take: what "
					  "was said is lost", r->path);
	free(dir);
	if (force)
		atomic_store(&r->failed, 0), atomic_store(&r->stalled, 0);
	fail(r, &r->failed, "%s", why);
	atomic_store(&r->lost, 1);
}

/* The watchdog looks every WATCH_MS; a look more than WATCH_GAP_S after
 * the one before means the process was not running in between. */
#define WATCH_MS 50
#define WATCH_GAP_S 1.0

/* Drain the ring to disk until asked to stop and the ring is empty. */
static void *writer_main(void *arg)
{
	struct recorder *r = arg;
	struct chunk *c = xmalloc(sizeof *c);
	uint64_t last_frames = 0;
	double last_change = monotonic_s(), last_watch = last_change;
	unsigned looks = 0;
	for (;;) {
		size_t n = ring_read(&r->sink.ring, c->in, CHUNK);
		if (n) {
			write_chunk(r, c, n);
			continue;
		}
		if (atomic_load(&r->stop))
			break;
		uint64_t frames = atomic_load(&r->sink.frames);
		double now = monotonic_s();
		/* The watchdog itself was not running (SIGSTOP, a debugger, a
		 * paused machine): the quiet it missed says nothing of the
		 * device, which was frozen with it. Time it afresh. */
		bool was_frozen = now - last_watch > WATCH_GAP_S;
		last_watch = now;
		if (frames != last_frames || was_frozen) {
			last_frames = frames;
			last_change = now;
		} else {
			watch_clock(r, frames, now - last_change);
		}
		if (++looks % (1000 / WATCH_MS) == 0)
			watch_file(r, false); /* once a second */
		sleep_ms(WATCH_MS); /* the ring holds seconds: no need to wake more often */
	}
	free(c);
	return NULL;
}

static SNDFILE *create_wav(const char *path, bool reserved, int rate, int *fd_out,
			   char *errbuf)
{
	/* Read as well: a take too long to hold is read back at the end
	 * through this descriptor (never the path, which may have gone). */
	int flags = reserved ? O_RDWR | O_NOFOLLOW | O_CLOEXEC
			     : O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC;
	int fd = open(path, flags, 0600);
	if (fd < 0) {
		set_err(errbuf, "%s: cannot create the recording: %s", path, strerror(errno));
		return NULL;
	}
	SF_INFO info = {.samplerate = rate, .channels = 1,
			.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
	SNDFILE *sf = sf_open_fd(fd, SFM_WRITE, &info, SF_TRUE);
	if (!sf) {
		/* fd is closed already: libsndfile closes it when the open fails,
		 * and another thread may have been given the number since. */
		set_err(errbuf, "%s: cannot write a WAV file: %s", path, sf_strerror(NULL));
		unlink(path);
		return NULL;
	}
	/* The header follows every write, so the file is always playable. */
	sf_command(sf, SFC_SET_UPDATE_HEADER_AUTO, NULL, SF_TRUE);
	*fd_out = fd;
	return sf;
}

/* The ring never holds fewer frames than this (8 MB): at speech rates
 * that is minutes, so a slow disk, or a device that delivers faster than
 * real time (ALSA's file plugin), loses nothing within a take. */
#define RING_FLOOR_FRAMES (1u << 21)

/* The ring is sized for the rate the device gave (known once the stream
 * is open, before it starts): seconds of audio (and min_frames at least)
 * at any rate rehearse takes, and a rate outside that range is refused,
 * as recovery would refuse the file. */
static int sink_for_rate(struct capture_sink *sink, int rate, double seconds,
			 unsigned min_frames, char *errbuf)
{
	if (rate < REHEARSE_MIN_RATE || rate > REHEARSE_MAX_RATE)
		return set_err(errbuf, "the device records at %d Hz; rehearse records at "
				       REHEARSE_RATE_RANGE " (try --rate 48000)", rate);
	seconds = fmax(seconds, (double)min_frames / rate);
	if (capture_sink_init(sink, rate, seconds) < 0)
		return set_err(errbuf, "out of memory for the audio buffer");
	return 0;
}

int recorder_start(struct recorder **out, struct audio_backend *b, const struct recorder_opts *o,
		   char *note, char *errbuf)
{
	struct recorder *r = xcalloc(1, sizeof *r);
	r->backend = b;
	r->path = xstrdup(o->path);
	r->stall_s = o->stall_s > 0 ? o->stall_s : 2.0;
	r->tap = o->tap;
	r->tap_ctx = o->tap_ctx;
	note[0] = '\0';
	if (b->ops->open_capture(b->ctx, o->device, o->rate, &r->sink, &r->rate, note, errbuf))
		goto fail_open;
	double ring_s = o->ring_s >= 4 ? o->ring_s : 4;
	if (sink_for_rate(&r->sink, r->rate, ring_s, RING_FLOOR_FRAMES, errbuf) < 0)
		goto fail_sink;
	r->sf = create_wav(o->path, o->reserved, r->rate, &r->fd, errbuf);
	if (!r->sf)
		goto fail_wav;
	/* Never more than can be analysed, or recovered after a crash. */
	double max_s = o->max_s > 0 && o->max_s < ANALYSIS_MAX_S ? o->max_s : ANALYSIS_MAX_S;
	r->max_frames = (uint64_t)(max_s * r->rate + 0.5);
	r->analysis = analysis_stream_new(r->rate);
	analysis_stream_use(r->analysis, o->analysis);
	/* Past ANALYSIS_KEEP_S the file is read back at the end (replay_file)
	 * rather than its 8 kHz signal held: bounded memory at any length. */
	analysis_stream_replayable(r->analysis);
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
	capture_sink_free(&r->sink);
fail_sink:
	b->ops->close(b->ctx);
fail_open:
	free(r->path);
	free(r);
	return -1;
}

void recorder_poll(struct recorder *r, struct recorder_status *st)
{
	memset(st, 0, sizeof *st);
	st->rate = r->rate;
	st->buffer_s = (double)ring_capacity(&r->sink.ring) / r->rate;
	st->frames = atomic_load_explicit(&r->sink.frames, memory_order_acquire);
	if (st->frames > r->max_frames)
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

/* The second reading of a take longer than the analysis holds, through
 * a copy of the recording's own descriptor taken before it was closed. */
struct reread {
	int fd, rate;
	bool used;
};

static int replay_file(void *ctx, struct analysis_stream *st)
{
	struct reread *rr = ctx;
	rr->used = true;
	if (rr->fd < 0 || lseek(rr->fd, 0, SEEK_SET) != 0)
		return -1;
	SF_INFO info = {0};
	SNDFILE *sf = sf_open_fd(rr->fd, SFM_READ, &info, SF_FALSE);
	if (!sf)
		return -1;
	int rc = info.samplerate == rr->rate && info.channels == 1 ? 0 : -1;
	struct chunk *c = xmalloc(sizeof *c);
	sf_count_t got;
	while (rc == 0 && (got = sf_readf_short(sf, c->pcm, CHUNK)) > 0) {
		from_pcm16(c->pcm, (size_t)got, c->as_read);
		analysis_stream_replay(st, c->as_read, (size_t)got);
	}
	free(c);
	sf_close(sf);
	return rc;
}

void recorder_finish(struct recorder *r, struct recorder_result *res)
{
	memset(res, 0, sizeof *res);
	r->backend->ops->abort(r->backend->ctx);
	atomic_store(&r->stop, 1);
	pthread_join(r->writer, NULL); /* it drains the ring before leaving */
	r->backend->ops->close(r->backend->ctx);
	watch_file(r, true);
	struct reread rr = {fcntl(r->fd, F_DUPFD_CLOEXEC, 0), r->rate, false};
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
	res->lost = atomic_load(&r->lost);
	if (res->failed || res->stalled)
		snprintf(res->reason, sizeof res->reason, "%s", r->reason);
	res->analysed = analysis_stream_finish_replay(r->analysis, NULL, replay_file, &rr,
						      &res->analysis) == 0;
	res->reread = rr.used;
	if (rr.fd >= 0)
		close(rr.fd);
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
	if (b->ops->open_capture(b->ctx, device, rate, &m->sink, &actual, note, errbuf) < 0) {
		free(m);
		return -1;
	}
	if (sink_for_rate(&m->sink, actual, 1.0, 0, errbuf) < 0) {
		b->ops->close(b->ctx);
		free(m);
		return -1;
	}
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
