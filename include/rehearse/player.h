/* SPDX-License-Identifier: GPL-3.0-or-later */
/* player.h - play a recording, or samples in memory, through an audio
 * backend.
 *
 * A reader thread feeds a ring from libsndfile (or from the samples); the
 * backend's callback only copies out of it (playback_source_pull).
 * Pausing makes the callback play silence; seeking stops the stream, refills from the new place and starts
 * again. Call order: player_open, then any of the others, then
 * player_close (exactly once; frees the player). */
#ifndef REHEARSE_PLAYER_H
#define REHEARSE_PLAYER_H

#include <stdbool.h>

#include "rehearse/audio.h"

struct player;

int player_open(struct player **out, struct audio_backend *b, const char *path,
		const char *device, char *errbuf);
/* Play n mono samples (-1..1) at rate Hz, with no file between: the
 * voice's synthesis. The player owns samples from here on, freed by
 * player_close, or at once when this fails (0, or -1 with errbuf). */
int player_open_samples(struct player **out, struct audio_backend *b, float *samples,
			size_t n, int rate, const char *device, char *errbuf);
void player_pause(struct player *p, bool paused);
bool player_paused(struct player *p);
int player_seek(struct player *p, double seconds, char *errbuf);
double player_position(struct player *p); /* seconds heard so far */
double player_duration(struct player *p);
bool player_done(struct player *p); /* reached the end */
/* At the end: stop the device until the next seek. */
void player_idle(struct player *p);
void player_close(struct player *p);

#endif
