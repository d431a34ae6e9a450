/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_ask.c - the take screen's ask phase (rounds): the interviewer
 * reads the question aloud, then the answer starts after a short pause.
 * Its state is struct ask_state. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/voice.h"
#include "ui_take.h"

#define ASK_PAUSE_S 1.0 /* between the interviewer's question and the answer */

/* A round: the interviewer reads the question aloud, and the answer
 * starts after a short pause. Without a voice (none built in, no output
 * device, --no-voice) the round runs as before, with a word on screen. */
void take_begin_ask(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	const struct pick *p = t->p;
	char text[600];
	if (p->question)
		snprintf(text, sizeof text, "%s", p->question->text);
	else
		snprintf(text, sizeof text, "Tell me about %s.", p->match.story->title);
	if (t->s->opts->no_voice) {
		take_begin_prep(t);
		return;
	}
	if (voice_say(&t->ask.voice, t->s->audio, NULL, text, errbuf) < 0) {
		take_begin_prep(t);
		snprintf(t->msg, sizeof t->msg, "voice off: %s", errbuf);
		t->msg_attr = ui_attr(C_WARN);
		return;
	}
	t->ask.asked_at = 0;
	take_set_phase(t, ASK);
}

/* The voice finished (or was skipped): close the output before the
 * microphone opens, so the answer never holds the question. */
static void end_voice(struct take_screen *t)
{
	voice_stop(t->ask.voice);
	t->ask.voice = NULL;
	t->ask.asked_at = monotonic_s();
}

static void ask_tick(struct take_screen *t)
{
	if (t->ask.voice && voice_done(t->ask.voice))
		end_voice(t);
	if (!t->ask.voice && monotonic_s() - t->ask.asked_at >= ASK_PAUSE_S)
		take_go(t);
}

/* Space while the question is read: enough, answer now. */
static struct ui_action key_skip_voice(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	if (t->ask.voice)
		end_voice(t);
	t->ask.asked_at = 1; /* long ago: the tick starts the answer */
	return ui_stay();
}

static const struct ui_binding ask_keys[] = {
	{{' '}, "Space answer now", key_skip_voice, NULL, 0},
	{{'n'}, "n skip", take_key_skip, take_in_round, 0},
	{{'h'}, "h card", take_key_hide, NULL, 0},
	{{'q', 27}, "q back", take_key_back, NULL, 0},
	UI_END_KEYS,
};

const struct take_phase take_ask_phase = {
	"listen", take_draw_live, ask_tick, ask_keys, UI_TICK_MS};
