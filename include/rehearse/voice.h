/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voice.h - the interviewer's voice: a question read aloud with
 * libespeak-ng, synthesised to samples and played through an audio
 * backend's output by the player (player.h), as playback is.
 *
 * Optional at build time and at run time: built without espeak-ng's
 * header (REHEARSE_HAVE_VOICE unset), or run where libespeak-ng.so.1 is
 * missing, voice_available() is false and voice_say fails with a reason,
 * so a round goes on without the voice and says why. Order: voice_say, then
 * voice_done while it plays, then voice_stop (always, once). Nothing here records: the caller starts recording only after
 * voice_stop, so the answer never contains the question. */
#ifndef REHEARSE_VOICE_H
#define REHEARSE_VOICE_H

#include <stdbool.h>
#include <stddef.h>

#include "rehearse/audio.h"

/* Built with espeak-ng. */
bool voice_available(void);

/* Synthesise text to newly allocated mono samples (-1..1) at *rate Hz
 * (caller frees *out). 0, or -1 with errbuf saying why. */
int voice_synth(const char *text, float **out, size_t *n, int *rate, char *errbuf);

struct voice;
/* Start saying text on the backend's output (device: NULL for the
 * default). The samples go from the synthesis to the player in memory: no
 * file is written. 0, or -1 with errbuf (no library, no output device, a
 * failed synthesis). */
int voice_say(struct voice **out, struct audio_backend *b, const char *device,
	      const char *text, char *errbuf);
bool voice_done(struct voice *v);
void voice_stop(struct voice *v);	/* stops the output and frees v */

#endif
