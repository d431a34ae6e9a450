/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_prep.c - the take screen's prepare phase: the question and cue
 * card, the microphone checked on the meter (nothing kept), and Space or
 * the preparation time starts the answer. Its state is struct prep_state. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_take.h"

/* Before the take (again, after a discarded one). While preparing, the
 * meter shows the microphone (nothing is kept), so "no input?" shows up
 * before the answer, not during it. */
void take_begin_prep(struct take_screen *t)
{
	for (int i = 0; i < STAR_COUNT; i++)
		t->take.marks.at[i] = -1; /* nothing marked before the take */
	take_set_phase(t, PREP);
	t->card_told = t->card_followed = -1;
	t->prep.t0 = monotonic_s();
	t->meter.silent_since = 0;
	char errbuf[ERRBUF_SIZE];
	if (!t->env->audio && !t->s->opts->no_record && !t->msg[0]) {
		snprintf(t->msg, sizeof t->msg, "timer only: %s",
			 t->s->audio_err[0] ? t->s->audio_err : "no microphone found");
		t->msg_attr = ui_attr(C_WARN);
	}
	if (t->env->audio && t->s->opts->prep != 0 &&
	    monitor_start(&t->prep.mon, t->env->audio, t->env->device, t->env->rate, errbuf) < 0)
		t->prep.mon = NULL; /* the take itself will say what is wrong */
}

void take_go(struct take_screen *t)
{
	monitor_stop(t->prep.mon);
	t->prep.mon = NULL;
	if (take_begin_rec(t))
		return;
	if (t->phase == ASK)
		take_set_phase(t, PREP); /* say why, and wait for Space */
	t->prep.t0 = monotonic_s() + 1e9; /* a failed start waits for the person */
}

static void prep_tick(struct take_screen *t)
{
	if (t->prep.mon) {
		monitor_levels(t->prep.mon, &t->meter.live.peak, &t->meter.live.rms);
		take_track_silence(t);
	}
	if (t->s->opts->prep >= 0 && monotonic_s() - t->prep.t0 >= t->s->opts->prep)
		take_go(t);
}

static struct ui_action key_start(void *self, int key)
{
	(void)key;
	take_go(self);
	return ui_stay();
}

static const struct ui_binding prep_keys[] = {
	{{' '}, "Space start", key_start, NULL, 0},
	{{'n'}, "n another question", take_key_skip, take_is_practice, 0},
	{{'n'}, "n skip", take_key_skip, take_in_round, 0},
	{{'h'}, "h card", take_key_hide, NULL, 0},
	{{'f'}, "f full story", take_key_full, NULL, 0},
	{{KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE}, "↑↓ scroll", take_key_scroll, NULL, 0},
	{{'q', 27}, "q back", take_key_back, NULL, 0},
	UI_END_KEYS,
};

const struct take_phase take_prep_phase = {
	"prepare", take_draw_live, prep_tick, prep_keys, UI_TICK_MS};
