/* SPDX-License-Identifier: GPL-3.0-or-later */
/* wavio.h - whole-file audio reading through libsndfile, mixed to mono. */
#ifndef REHEARSE_WAVIO_H
#define REHEARSE_WAVIO_H

#include <stdbool.h>
#include <stddef.h>

struct audio_buf {
	float *samples; /* mono, [-1, 1] */
	size_t frames;
	int sample_rate;
	int channels; /* of the file, before mixing down */
	size_t expected_frames; /* what the header says; 0 if it does not know */
};

/* Read any format libsndfile reads. Returns 0, or -1 with "PATH: reason"
 * in errbuf (not audio, unreadable, too long, or more than memory holds). */
int audio_read_mono(const char *path, struct audio_buf *out, char *errbuf);
void audio_buf_free(struct audio_buf *b);

/* Read a file in pieces: fn gets each piece mixed to mono (at most 65536
 * frames) once the file's rate and channels are in *out (samples NULL,
 * frames counting up). Returns 0, or -1 with "PATH: reason" in errbuf. */
int audio_read_chunks(const char *path, struct audio_buf *out,
		      void (*fn)(const float *mono, size_t n, void *ctx), void *ctx, char *errbuf);

/* Read a file piece by piece into the pacing analysis (never holding it
 * whole). info gets the rate, channels and frames. Returns 0 or -1. */
struct analysis;
int audio_analyze_file(const char *path, struct audio_buf *info, struct analysis *out,
		       char *errbuf);

/* Compressed copies of a recording (for sharing, and to keep takes
 * small): FLAC, or Ogg Vorbis, chosen by the name's extension. */
enum audio_codec { AUDIO_FLAC, AUDIO_VORBIS };
/* The codec a file name asks for: ".flac", or ".ogg"/".oga"; -1 for any
 * other extension. */
int audio_codec_for(const char *path);
/* Write `from` (any format libsndfile reads) to `to` in codec: into a new
 * private (0600) file beside `to`, flushed to disk, then put in place in
 * one step, so `to` is never seen half-written. An existing `to` is kept
 * (-1, "exists") unless replace. 0, or -1 with "PATH: reason" in errbuf;
 * nothing is left behind on failure. */
int audio_write_compressed(const char *from, const char *to, enum audio_codec codec,
			   bool replace, char *errbuf);

#endif
