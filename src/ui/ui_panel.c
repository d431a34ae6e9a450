/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_panel.c - what the take screen draws while it is live (ask,
 * prepare, record): the question, the cue card (ui_card.c), the coaching
 * line, and the bottom panel with the big clock, the state, the level
 * meter and the STAR timeline. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_take.h"

#define SILENT_DBFS (-55.0)
#define SILENT_HINT_S 3.0
#define WRAP_UP_S 15.0 /* the clock turns red: time to land the Result */

static void draw_meter(struct take_screen *t, int y, int x, int w)
{
	double db = t->meter.live.rms > 0 ? 20 * log10(t->meter.live.rms) : -90;
	double pk = t->meter.live.peak > 0 ? 20 * log10(t->meter.live.peak) : -90;
	char label[48];
	double shown = round(db < -90 ? -90.0 : db);
	snprintf(label, sizeof label, "%s %5.0f dBFS ", t->phase == REC ? "level" : "mic  ",
		 shown == 0 ? 0.0 : shown); /* never "-0" */
	ui_text(y, x, 18, label, A_NORMAL);
	int bw = w - 30;
	if (bw < 10)
		return;
	double frac = (db + 60) / 60;
	int attr = pk > -1 ? ui_attr(C_URGENT) : db > -12 ? ui_attr(C_WARN) : ui_attr(C_OK);
	ui_bar(y, x + 18, bw, frac, attr);
	double now = monotonic_s();
	if (t->meter.live.peak >= 0.999f)
		t->meter.clip_until = now + 1.0;
	if (now < t->meter.clip_until)
		ui_text(y, x + 19 + bw, 10, "CLIP", ui_attr(C_URGENT) | A_BOLD);
	else if (t->meter.silent_since > 0 && now - t->meter.silent_since >= SILENT_HINT_S)
		ui_text(y, x + 19 + bw, 10, "no input?", ui_attr(C_WARN) | A_BOLD);
}

static void draw_timeline(struct take_screen *t, int y, double elapsed)
{
	double span = take_limit(t);
	if (elapsed > span)
		span = elapsed;
	int w = COLS - 4;
	ui_fill(y, 2, w, "─", ui_attr(C_DIM));
	static const enum ui_color colors[] = {C_S, C_T, C_A, C_R};
	char marks[128] = "";
	size_t used = 0;
	for (int i = 0; i < STAR_COUNT; i++) {
		double at = t->take.marks.at[i];
		char when[16] = "—";
		if (at >= 0) {
			int col = 2 + (int)(at / span * (w - 1));
			attron(ui_attr(colors[i]));
			mvaddch(y, col, (chtype)"STAR"[i]);
			attroff(ui_attr(colors[i]));
			format_mmss(at, when, sizeof when);
		}
		used += (size_t)snprintf(marks + used, sizeof marks - used, "%c %s   ", "STAR"[i],
					 when);
	}
	if (t->started)
		mvaddstr(y, 2 + (int)(fmin(elapsed, span) / span * (w - 1)), "▲");
	ui_text(y + 1, 2, COLS - 4, marks, A_NORMAL);
}

/* What the panel's first line says: recording, or when it starts (and,
 * before a timer-only take, that nothing will be recorded). */
static void draw_state(struct take_screen *t, int y, int x, int w, double left)
{
	bool timer_only = !t->env->audio;
	if (t->phase == REC) {
		if (timer_only)
			ui_text(y, x, 14, " TIMER ONLY ", ui_attr(C_TITLE));
		else
			ui_text(y, x, 8, " ● REC ", ui_attr(C_REC));
		if (left <= WRAP_UP_S && left > 0) {
			char wrap[32];
			snprintf(wrap, sizeof wrap, "under %.0f s: wrap up", WRAP_UP_S);
			ui_text(y, x + 14, w - 30, wrap, ui_attr(C_URGENT) | A_BOLD);
		}
		return;
	}
	char s[96];
	if (t->phase == ASK)
		snprintf(s, sizeof s, "%s", t->ask.asked_at > 0 ? "your answer starts now…"
							  : "the interviewer is asking…");
	else if (monotonic_s() < t->prep.t0) /* a failed start waits: take_go */
		snprintf(s, sizeof s, "press Space to try again, q to go back");
	else if (t->s->opts->prep >= 0)
		snprintf(s, sizeof s, "starting in %.0f s",
			 fmax(0, t->s->opts->prep - (monotonic_s() - t->prep.t0)));
	else
		snprintf(s, sizeof s, "READY: press Space to start answering");
	ui_text(y, x, w - 14, s, ui_attr(C_ACCENT) | A_BOLD);
	if (timer_only) /* where the microphone's level would be */
		ui_text(y + 2, x, w, "timer only: nothing will be recorded", ui_attr(C_WARN) | A_BOLD);
}

/* The clock is plain, then red from WRAP_UP_S left. */
static int clock_attr_for(double left)
{
	return left <= WRAP_UP_S ? ui_attr(C_URGENT) | A_BOLD : A_BOLD;
}

/* The bottom panel: big clock, REC, progress, level, timeline. */
static void draw_panel(struct take_screen *t)
{
	int y = LINES - 9;
	double limit = take_limit(t), elapsed = t->started ? t->meter.live.elapsed : 0;
	double left = limit - elapsed;
	int clock_attr = clock_attr_for(left);
	ui_fill(y - 1, 0, COLS, "─", ui_attr(C_DIM));
	if (left < 0) /* overtime: the clock counts on in red */
		ui_text(y + 2, 1, 1, "+", ui_attr(C_URGENT) | A_BOLD);
	ui_big_clock(y, 2, left, clock_attr);
	int x = 22, w = COLS - x - 2;
	draw_state(t, y, x, w, left);
	char when[64], lim[16], el[16];
	format_mmss(elapsed, el, sizeof el);
	format_mmss(limit, lim, sizeof lim);
	snprintf(when, sizeof when, "%s of %s", el, lim);
	ui_text(y, COLS - 2 - (int)strlen(when), (int)strlen(when), when, A_BOLD);
	ui_bar(y + 1, x, w, elapsed / limit, clock_attr & ~A_BOLD);
	if (t->env->audio && (t->phase == REC || t->prep.mon))
		draw_meter(t, y + 2, x, w);
	char warn[160] = "";
	if (t->meter.live.overflows || t->meter.live.dropped)
		snprintf(warn, sizeof warn, "input overflows %llu, dropped %llu samples",
			 (unsigned long long)t->meter.live.overflows,
			 (unsigned long long)t->meter.live.dropped);
	ui_text(y + 3, x, w, warn, ui_attr(C_WARN));
	if (t->msg[0])
		ui_wrap(y + 3, x, w, 0, 2, t->msg, t->msg_attr);
	draw_timeline(t, y + 5, elapsed);
	if (t->rec.asking) {
		ui_fill(LINES - 2, 0, COLS, " ", ui_attr(C_REC));
		ui_text(LINES - 2, 1, COLS - 2,
			"Stop here? Still recording: the clock keeps running until you answer",
			ui_attr(C_REC) | A_BOLD);
	}
}

/* The question and card change only on a key or a new phase; between
 * those, only the panel is redrawn, which keeps a take's CPU low. */
void take_draw_live(struct take_screen *t)
{
	if (!t->ui.dirty) {
		for (int row = LINES - 10; row < LINES - 1; row++) {
			move(row, 0);
			clrtoeol();
		}
		draw_panel(t);
		return;
	}
	t->ui.dirty = false;
	ui_clear();
	take_draw_header(t, take_phase_word(t->phase));
	int y = 2 + take_draw_question(t, 2) + 1;
	/* The category's coaching line, on two rows when it needs them and
	 * the card keeps the rows it needs at least (take_card_rows), else
	 * on one (cut with an ellipsis); then, if the card still needs a row,
	 * it takes the blank one under the question (issue 20 #6). The card
	 * takes no more rows than its text needs. */
	const char *coach = take_bank(t)->cats[take_category(t->p)].coach;
	int coach_h = coach ? ui_wrap(LINES, 2, COLS - 4, 0, 0, coach, 0) : 0;
	int least, want = take_card_rows(t, &least), room = LINES - 10 - y;
	if (coach_h > 2 || (coach_h == 2 && room - 2 < least))
		coach_h = coach_h ? 1 : 0;
	if (room - coach_h < least) {
		y--;
		room++;
	}
	int card_h = room - coach_h < want ? room - coach_h : want;
	take_draw_card(t, y, card_h);
	if (coach_h)
		ui_wrap(y + card_h, 2, COLS - 4, 0, coach_h, coach, ui_attr(C_DIM));
	draw_panel(t);
}

void take_track_silence(struct take_screen *t)
{
	double db = t->meter.live.rms > 0 ? 20 * log10(t->meter.live.rms) : -120;
	if (db > SILENT_DBFS)
		t->meter.silent_since = 0;
	else if (t->meter.silent_since == 0)
		t->meter.silent_since = monotonic_s();
}
