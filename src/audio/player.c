/* SPDX-License-Identifier: GPL-3.0-or-later */
/* player.c - see player.h. */
#include "rehearse/player.h"

#include <pthread.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/util.h"

/* The frames come from a file through libsndfile (playback), or from
 * samples in memory (the voice, synthesised on the spot): sf is NULL then,
 * and info describes the samples (one channel). */
struct player {
	struct audio_backend *backend;
	char *device;
	SNDFILE *sf;
	SF_INFO info;
	float *mem; /* mono samples, owned; NULL when playing a file */
	size_t mem_pos;
	struct playback_source src;
	pthread_t reader;
	bool reading;
	_Atomic int stop;
	uint64_t base;	      /* file frame the current run started at */
	uint64_t played_base; /* src.played when it did */
	bool paused;
};

enum { CHUNK = 2048 };

/* The next up to CHUNK frames, in mono; 0 at the end (or a read error). */
static size_t next_frames(struct player *p, float *buf, float *mono)
{
	if (p->mem) {
		size_t left = (size_t)p->info.frames - p->mem_pos, n = left < CHUNK ? left : CHUNK;
		memcpy(mono, p->mem + p->mem_pos, n * sizeof *mono);
		p->mem_pos += n;
		return n;
	}
	int ch = p->info.channels;
	sf_count_t got = sf_readf_float(p->sf, buf, CHUNK);
	for (sf_count_t i = 0; i < got; i++) {
		float s = 0;
		for (int c = 0; c < ch; c++)
			s += buf[i * ch + c];
		mono[i] = s / (float)ch;
	}
	return got > 0 ? (size_t)got : 0;
}

static void *reader_main(void *arg)
{
	struct player *p = arg;
	float *buf = xmalloc((size_t)CHUNK * (size_t)p->info.channels * sizeof *buf);
	float *mono = xmalloc(CHUNK * sizeof *mono);
	size_t have = 0, off = 0;
	while (!atomic_load(&p->stop)) {
		if (off == have) {
			have = next_frames(p, buf, mono);
			off = 0;
			if (have == 0) {
				atomic_store(&p->src.finished, 1);
				break;
			}
		}
		off += ring_write(&p->src.ring, mono + off, have - off);
		if (off < have)
			sleep_ms(10); /* the ring is full: let the device catch up */
	}
	free(mono);
	free(buf);
	return NULL;
}

static int run(struct player *p, char *errbuf)
{
	atomic_store(&p->stop, 0);
	atomic_store(&p->src.finished, 0);
	if (pthread_create(&p->reader, NULL, reader_main, p) != 0)
		return set_err(errbuf, "cannot start the reader thread");
	p->reading = true;
	/* Fill the ring before the device starts pulling: a take fits whole,
	 * so playback never waits on the disk. */
	for (int i = 0; i < 500 && ring_available(&p->src.ring) < ring_capacity(&p->src.ring) &&
			!atomic_load(&p->src.finished);
	     i++)
		sleep_ms(2);
	return p->backend->ops->start(p->backend->ctx, errbuf);
}

static void halt(struct player *p)
{
	p->backend->ops->abort(p->backend->ctx);
	if (p->reading) {
		atomic_store(&p->stop, 1);
		pthread_join(p->reader, NULL);
		p->reading = false;
	}
	ring_drop_all(&p->src.ring); /* the callback is stopped: safe here */
}

static void free_player(struct player *p)
{
	if (p->sf)
		sf_close(p->sf);
	free(p->mem);
	free(p->device);
	free(p);
}

/* The ring, the device and the reader for a player whose source (sf or
 * mem, and info) is set; on failure p is freed. what: the file, for a
 * message. */
static int start_player(struct player **out, struct player *p, const char *device,
			const char *what, char *errbuf)
{
	struct audio_backend *b = p->backend;
	/* Up to five minutes are held whole; longer files stream. */
	double secs = (double)p->info.frames / (p->info.samplerate > 0 ? p->info.samplerate : 1);
	secs = secs < 2 ? 2 : secs > 300 ? 300 : secs + 0.5;
	if (p->info.channels < 1 || p->info.samplerate < 1 ||
	    playback_source_init(&p->src, p->info.samplerate, secs) < 0) {
		set_err(errbuf, "%s: cannot play this file", what);
		free_player(p);
		return -1;
	}
	p->device = device ? xstrdup(device) : NULL;
	if (b->ops->open_playback(b->ctx, device, p->info.samplerate, &p->src, errbuf) < 0 ||
	    run(p, errbuf) < 0) {
		halt(p);
		b->ops->close(b->ctx);
		playback_source_free(&p->src);
		free_player(p);
		return -1;
	}
	*out = p;
	return 0;
}

int player_open(struct player **out, struct audio_backend *b, const char *path,
		const char *device, char *errbuf)
{
	struct player *p = xcalloc(1, sizeof *p);
	p->backend = b;
	p->sf = sf_open(path, SFM_READ, &p->info);
	if (!p->sf) {
		set_err(errbuf, "%s: cannot play: %s", path, sf_strerror(NULL));
		free(p);
		return -1;
	}
	sf_command(p->sf, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
	return start_player(out, p, device, path, errbuf);
}

int player_open_samples(struct player **out, struct audio_backend *b, float *samples,
			size_t n, int rate, const char *device, char *errbuf)
{
	struct player *p = xcalloc(1, sizeof *p);
	p->backend = b;
	p->mem = samples;
	p->info = (SF_INFO){.frames = (sf_count_t)n, .samplerate = rate, .channels = 1};
	if (n == 0) {
		free_player(p);
		return set_err(errbuf, "nothing to play");
	}
	return start_player(out, p, device, "the samples", errbuf);
}

void player_pause(struct player *p, bool paused)
{
	p->paused = paused;
	atomic_store_explicit(&p->src.paused, paused, memory_order_release);
}

bool player_paused(struct player *p)
{
	return p->paused;
}

int player_seek(struct player *p, double seconds, char *errbuf)
{
	double dur = player_duration(p);
	if (seconds < 0)
		seconds = 0;
	if (seconds > dur)
		seconds = dur;
	halt(p);
	sf_count_t to = (sf_count_t)(seconds * p->info.samplerate);
	if (to > p->info.frames)
		to = p->info.frames;
	if (p->mem)
		p->mem_pos = (size_t)to;
	else if (sf_seek(p->sf, to, SEEK_SET) < 0)
		return set_err(errbuf, "cannot seek: %s", sf_strerror(p->sf));
	p->base = (uint64_t)to;
	p->played_base = atomic_load(&p->src.played);
	return run(p, errbuf);
}

double player_position(struct player *p)
{
	uint64_t played = atomic_load_explicit(&p->src.played, memory_order_acquire);
	double pos = (double)(p->base + played - p->played_base) / p->info.samplerate;
	double dur = player_duration(p);
	return pos > dur ? dur : pos;
}

double player_duration(struct player *p)
{
	return (double)p->info.frames / p->info.samplerate;
}

bool player_done(struct player *p)
{
	return atomic_load(&p->src.finished) && ring_available(&p->src.ring) == 0;
}

void player_idle(struct player *p)
{
	p->backend->ops->abort(p->backend->ctx); /* nothing left: stop pulling */
}

void player_close(struct player *p)
{
	halt(p);
	p->backend->ops->close(p->backend->ctx);
	playback_source_free(&p->src);
	free_player(p);
}
