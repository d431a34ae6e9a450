/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recorder.h - record one take from a capture backend into a WAV file.
 *
 * The backend's callback fills a lock-free ring (audio.h); a writer thread
 * drains it into a 16-bit PCM mono WAV through libsndfile, refreshing the
 * header with every write so a killed process leaves a playable file, and
 * feeds the pacing analysis the samples as the file holds them; a take
 * longer than ANALYSIS_KEEP_S is read back once at the end, so memory
 * stays bounded at any length. The writer also watches the audio
 * clock: no frames for stall_s means the device stalled (before the first
 * frame it allows 5 s, as a device may be slow to start).
 *
 * Call order: recorder_start, recorder_poll (any number of times, from the
 * screen's thread), recorder_finish (exactly once; frees the recorder). */
#ifndef REHEARSE_RECORDER_H
#define REHEARSE_RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rehearse/analysis.h"
#include "rehearse/audio.h"
#include "rehearse/util.h"

struct recorder_opts {
	const char *path;   /* created 0600; an existing file is never replaced */
	const char *device; /* NULL: default input */
	int rate;	    /* 0: the device's default */
	double ring_s;	    /* ring depth in seconds (at least 4) */
	double stall_s;	    /* no frames this long: stalled (default 2) */
	double max_s;	    /* write at most this much audio (0, or more than
			     * ANALYSIS_MAX_S: ANALYSIS_MAX_S) */
	bool reserved;	    /* path is an empty file the caller created with
			     * O_EXCL to claim the name: write into it */
	/* The analysis' parameters (the story's syllables per word, the clip
	 * level...), copied at the start; NULL: the defaults. */
	const struct analysis_params *analysis;
	/* Optional: called by the writer thread after each write with the
	 * samples as the file holds them (the analysis' floats) and the rate,
	 * e.g. follow_live_tap. It must never block: the ring behind the
	 * writer fills while it runs. NULL: none. */
	void (*tap)(void *ctx, const float *x, size_t n, int rate);
	void *tap_ctx;
};

struct recorder_status {
	int rate;
	double buffer_s;  /* audio the ring holds before it drops, seconds */
	uint64_t frames;  /* captured by the device: the audio clock */
	double seconds;	  /* frames / rate */
	float peak, rms;  /* last ~50 ms, linear */
	uint64_t overflows, dropped;
	bool failed;	  /* writing failed (disk full, not writable, deleted) */
	bool stalled;	  /* the device stopped delivering */
	char reason[ERRBUF_SIZE];
};

struct recorder_result {
	int rate;
	uint64_t frames_written;
	double seconds; /* of audio in the file */
	uint64_t overflows, dropped;
	bool failed, stalled;
	bool lost; /* the file was deleted during the take (failed says why) */
	char reason[ERRBUF_SIZE];
	struct analysis analysis; /* of what was written; free with analysis_free */
	bool analysed; /* false: analysis is zeroed (out of memory, or a long take's
			* file could not be read back) */
	bool reread;   /* longer than ANALYSIS_KEEP_S: the file was read a second
			* time for the analysis instead of its signal held */
};

struct recorder;

/* Open the WAV and the stream and start capturing. note receives a remark
 * for the person (a refused rate), errbuf the reason on failure; on
 * failure no file is left behind. */
int recorder_start(struct recorder **out, struct audio_backend *b, const struct recorder_opts *o,
		   char *note, char *errbuf);
void recorder_poll(struct recorder *r, struct recorder_status *st);
/* Stop the stream at once, write what the ring still holds, close the
 * file and analyse it. Always completes; frees r. */
void recorder_finish(struct recorder *r, struct recorder_result *res);

/* A microphone check before the take: the same capture stream, levels
 * only, nothing written. Stop it before starting a recorder (a backend runs
 * one stream at a time). */
struct level_monitor;
int monitor_start(struct level_monitor **out, struct audio_backend *b, const char *device,
		  int rate, char *errbuf);
/* The latest ~50 ms window, linear; discards the audio behind it. */
void monitor_levels(struct level_monitor *m, float *peak, float *rms);
void monitor_stop(struct level_monitor *m);

#endif
