/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_take.c - the rehearsal screen: one question through its phases,
 * each with its own state, draw, tick and key table (struct take_phase):
 * in a round the interviewer reading the question aloud (ui_ask.c), the
 * question and cue card before the take (ui_prep.c), the countdown, level
 * meter and STAR marks during it (ui_rec.c), and then the result card
 * (ui_result.c). The live phases share the panel (ui_panel.c) and the cue
 * card (ui_card.c). Here: the phase table, the keys the phases share, and
 * the screen's life. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "rehearse/voice.h"
#include "ui_take.h"

static const struct take_phase *const phases[] = {
	[ASK] = &take_ask_phase,
	[PREP] = &take_prep_phase,
	[REC] = &take_rec_phase,
	[RESULT] = &take_result_phase,
};

const char *take_phase_word(enum phase phase)
{
	return phases[phase]->what;
}

void take_set_phase(struct take_screen *t, enum phase phase)
{
	t->phase = phase;
	t->rec.asking = false;
	t->ui.keys = phases[phase]->keys;
	t->ui.tick_ms = phases[phase]->tick_ms;
	t->ui.dirty = true;
}

static void take_draw(void *self)
{
	struct take_screen *t = self;
	phases[t->phase]->draw(t);
}

static struct ui_action take_tick(void *self)
{
	struct take_screen *t = self;
	if (phases[t->phase]->tick)
		phases[t->phase]->tick(t);
	return ui_stay();
}

struct ui_action take_key_hide(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->hidden = !t->hidden;
	return ui_stay();
}

struct ui_action take_key_full(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->full = !t->full;
	return ui_stay();
}

struct ui_action take_key_scroll(void *self, int key)
{
	struct take_screen *t = self;
	if (key == KEY_UP && t->scroll > 0)
		t->scroll--;
	else if (key == KEY_DOWN)
		t->scroll++;
	else if (key == KEY_PPAGE)
		t->scroll = t->scroll > 5 ? t->scroll - 5 : 0;
	else if (key == KEY_NPAGE)
		t->scroll += 5;
	if (t->scroll > 200)
		t->scroll = 200;
	return ui_stay();
}

struct ui_action take_key_back(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_pop(t->s->from_home ? OUT_BACK : OUT_QUIT);
}

/* Another question instead of this one: in a round or pivot drill the
 * next (this one counts as skipped), in practice a newly drawn one. */
struct ui_action take_key_skip(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	monitor_stop(t->prep.mon);
	t->prep.mon = NULL;
	voice_stop(t->ask.voice);
	t->ask.voice = NULL;
	return ui_pop(OUT_SKIP);
}

bool take_is_practice(void *self)
{
	struct take_screen *t = self;
	return t->count == 1;
}

bool take_in_round(void *self)
{
	return !take_is_practice(self);
}

/* Also on a signal: a take being recorded is kept, as stopped, with why. */
static void take_done(void *self)
{
	struct take_screen *t = self;
	monitor_stop(t->prep.mon);
	voice_stop(t->ask.voice);
	if (t->phase == REC) {
		take_drop_follow(&t->take, "not followed: the take was interrupted");
		take_end_rec(t, ATTEMPT_STOPPED, interrupt_reason(interrupt_signal()));
	}
	take_free(&t->take);
	free(t);
}

/* The take's saved self-critique, for the result card: its rating and
 * the first line of its note (issue 20 #19). Unreadable: none shown. */
static void load_critique(struct take_screen *t)
{
	struct critique c;
	char errbuf[ERRBUF_SIZE];
	t->result.rating = 0;
	t->result.note[0] = '\0';
	if (!t->take.id || store_get_critique(t->env->store, t->take.id, &c, errbuf) < 0)
		return;
	t->result.rating = c.rating;
	if (c.note)
		snprintf(t->result.note, sizeof t->result.note, "%.*s", (int)strcspn(c.note, "\n"),
			 c.note);
	critique_free(&c);
}

/* Back from playback or the critique: the rating may have changed. */
static struct ui_action take_resume(void *self, int result)
{
	(void)result;
	struct take_screen *t = self;
	if (t->phase == RESULT) {
		take_load_compare(t);
		load_critique(t);
	}
	return ui_stay();
}

static const struct ui_screen_ops take_ops = {
	.draw = take_draw, .tick = take_tick, .resume = take_resume, .done = take_done};

struct ui_screen *screen_take(const struct session *s, const struct take_env *env,
			      enum plan_mode mode, const struct pick *p, int index, int count,
			      struct take_summary *sum, const char *note)
{
	struct take_screen *t = xcalloc(1, sizeof *t);
	ui_screen_init(&t->ui, &take_ops, NULL, UI_TICK_MS); /* the phase sets the keys */
	t->s = s;
	t->env = env;
	t->mode = mode;
	if (note && note[0]) { /* e.g. history could not be read */
		snprintf(t->msg, sizeof t->msg, "%s", note);
		t->msg_attr = ui_attr(C_WARN);
	}
	t->p = p;
	t->card_told = t->card_followed = -1;
	t->index = index;
	t->count = count;
	t->sum = sum;
	for (int i = 0; i < STAR_COUNT; i++)
		t->take.marks.at[i] = -1; /* nothing marked before the take */
	/* In a round the cue card starts hidden, as in an interview (h). */
	bool interviewer = mode == PLAN_ROUND || mode == PLAN_FOLLOW_UP;
	t->hidden = interviewer && !s->opts->show_card;
	if (interviewer)
		take_begin_ask(t);
	else
		take_begin_prep(t);
	return &t->ui;
}
