/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voice.c - see voice.h. */
#include "rehearse/voice.h"

#include <stdlib.h>
#include <string.h>

#include "rehearse/player.h"
#include "rehearse/util.h"

#ifdef REHEARSE_HAVE_VOICE
#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>

#define VOICE_WPM 160 /* an interviewer's steady pace */
#define ESPEAK_SONAME "libespeak-ng.so.1"

/* libespeak-ng is opened when a question is first read, not linked: it
 * brings 22 more shared libraries (the sound server's, X11's), which cost
 * every command 2.6 ms to start, `analyze` included, and a machine without
 * it still runs everything but the voice. */
static struct {
	__typeof__(espeak_Initialize) *initialize;
	__typeof__(espeak_SetSynthCallback) *set_synth_callback;
	__typeof__(espeak_SetVoiceByName) *set_voice_by_name;
	__typeof__(espeak_SetParameter) *set_parameter;
	__typeof__(espeak_Synth) *synth;
} es;
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;
static bool lib_loaded;

static void lib_load(void)
{
	void *h = dlopen(ESPEAK_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	*(void **)&es.initialize = dlsym(h, "espeak_Initialize");
	*(void **)&es.set_synth_callback = dlsym(h, "espeak_SetSynthCallback");
	*(void **)&es.set_voice_by_name = dlsym(h, "espeak_SetVoiceByName");
	*(void **)&es.set_parameter = dlsym(h, "espeak_SetParameter");
	*(void **)&es.synth = dlsym(h, "espeak_Synth");
	lib_loaded = es.initialize && es.set_synth_callback && es.set_voice_by_name &&
		     es.set_parameter && es.synth;
}

bool voice_available(void)
{
	pthread_once(&lib_once, lib_load);
	return lib_loaded;
}

struct samples {
	float *v;
	size_t n, cap;
};

/* espeak-ng hands over each block here, with our buffer as user data;
 * synchronous mode calls it on this thread, inside espeak_Synth. */
static int collect(short *wav, int n, espeak_EVENT *events)
{
	struct samples *s = events && events->user_data ? events->user_data : NULL;
	if (!s || !wav || n <= 0)
		return 0;
	if (s->n + (size_t)n > s->cap) {
		s->cap = (s->n + (size_t)n) * 2;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	for (int i = 0; i < n; i++)
		s->v[s->n++] = (float)wav[i] / 32768.0f;
	return 0;
}

/* espeak-ng is process-wide, and cannot be started again once stopped
 * (a second espeak_Initialize after espeak_Terminate hangs in 1.51): it
 * is started once, on first use, and left to the end of the process. */
static pthread_once_t espeak_once = PTHREAD_ONCE_INIT;
static int espeak_rate;

static void espeak_start(void)
{
	espeak_rate = es.initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
	if (espeak_rate <= 0)
		return;
	es.set_synth_callback(collect);
	es.set_voice_by_name("en");
	es.set_parameter(espeakRATE, VOICE_WPM, 0);
}

int voice_synth(const char *text, float **out, size_t *n, int *rate, char *errbuf)
{
	if (!voice_available())
		return set_err(errbuf, "the voice needs %s (Debian package libespeak-ng1)",
			       ESPEAK_SONAME);
	pthread_once(&espeak_once, espeak_start);
	int hz = espeak_rate;
	if (hz <= 0)
		return set_err(errbuf, "the voice (espeak-ng) could not start: is espeak-ng-data "
				       "installed?");
	struct samples s = {0};
	/* Synchronous: the samples are all in s when this returns. */
	espeak_ERROR e = es.synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
				  NULL, &s);
	if (e != EE_OK || s.n == 0) {
		free(s.v);
		return set_err(errbuf, "the voice (espeak-ng) could not read the question");
	}
	*out = s.v;
	*n = s.n;
	*rate = hz;
	return 0;
}
#else
bool voice_available(void)
{
	return false;
}

int voice_synth(const char *text, float **out, size_t *n, int *rate, char *errbuf)
{
	(void)text;
	(void)out;
	(void)n;
	(void)rate;
	return set_err(errbuf, "this rehearse was built without a voice (libespeak-ng)");
}
#endif

struct voice {
	struct player *player;
};

int voice_say(struct voice **out, struct audio_backend *b, const char *device,
	      const char *text, char *errbuf)
{
	float *x;
	size_t n;
	int rate;
	if (!b)
		return set_err(errbuf, "no audio device to speak on");
	if (voice_synth(text, &x, &n, &rate, errbuf) < 0)
		return -1;
	/* The samples go to the player as they are: no file, nothing to
	 * write in the data folder or to remove after. */
	struct voice *v = xcalloc(1, sizeof *v);
	if (player_open_samples(&v->player, b, x, n, rate, device, errbuf) < 0) {
		free(v);
		return -1;
	}
	*out = v;
	return 0;
}

bool voice_done(struct voice *v)
{
	return player_done(v->player);
}

void voice_stop(struct voice *v)
{
	if (!v)
		return;
	player_close(v->player);
	free(v);
}
