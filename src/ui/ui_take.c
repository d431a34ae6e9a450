/* ui_take.c - the rehearsal screen: in a round the interviewer reading
 * the question aloud, the question and cue card (ui_card.c) before the
 * take, the countdown, level meter and STAR marks during it, and then the
 * result card (ui_result.c). One screen with four phases; each phase has
 * its own key table. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "rehearse/voice.h"
#include "ui_take.h"

#define SILENT_DBFS (-55.0)
#define SILENT_HINT_S 3.0
#define WRAP_UP_S 15.0 /* the clock turns red: time to land the Result */
#define ASK_PAUSE_S 1.0 /* between the interviewer's question and the answer */

static void draw_meter(struct take_screen *t, int y, int x, int w)
{
	double db = t->live.rms > 0 ? 20 * log10(t->live.rms) : -90;
	double pk = t->live.peak > 0 ? 20 * log10(t->live.peak) : -90;
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
	if (t->live.peak >= 0.999f)
		t->clip_until = now + 1.0;
	if (now < t->clip_until)
		ui_text(y, x + 19 + bw, 10, "CLIP", ui_attr(C_URGENT) | A_BOLD);
	else if (t->silent_since > 0 && now - t->silent_since >= SILENT_HINT_S)
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
		if (left <= WRAP_UP_S && left > 0)
			ui_text(y, x + 14, w - 30, "under 15 s: wrap up", ui_attr(C_URGENT) | A_BOLD);
		return;
	}
	char s[96];
	if (t->phase == ASK)
		snprintf(s, sizeof s, "%s", t->asked_at > 0 ? "your answer starts now…"
							  : "the interviewer is asking…");
	else if (t->s->opts->prep >= 0)
		snprintf(s, sizeof s, "starting in %.0f s",
			 fmax(0, t->s->opts->prep - (monotonic_s() - t->prep_t0)));
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
	double limit = take_limit(t), elapsed = t->started ? t->live.elapsed : 0;
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
	if (t->env->audio && (t->phase == REC || t->mon))
		draw_meter(t, y + 2, x, w);
	char warn[160] = "";
	if (t->live.overflows || t->live.dropped)
		snprintf(warn, sizeof warn, "input overflows %llu, dropped %llu samples",
			 (unsigned long long)t->live.overflows,
			 (unsigned long long)t->live.dropped);
	ui_text(y + 3, x, w, warn, ui_attr(C_WARN));
	if (t->msg[0])
		ui_wrap(y + 3, x, w, 0, 2, t->msg, t->msg_attr);
	draw_timeline(t, y + 5, elapsed);
	if (t->asking) {
		ui_fill(LINES - 2, 0, COLS, " ", ui_attr(C_REC));
		ui_text(LINES - 2, 1, COLS - 2,
			"Stop here? Still recording: the clock keeps running until you answer",
			ui_attr(C_REC) | A_BOLD);
	}
}

/* The question and card change only on a key or a new phase; between
 * those, only the panel is redrawn, which keeps a take's CPU low. */
static void draw_live(struct take_screen *t)
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
	take_draw_header(t, t->phase == REC ? "recording" : t->phase == ASK ? "listen" : "prepare");
	int y = 2 + take_draw_question(t, 2) + 1;
	/* The category's coaching line, on two rows when it needs them and
	 * the card keeps room for its angle and four parts (7 rows). */
	const char *coach = take_bank(t)->cats[take_category(t->p)].coach;
	int coach_h = coach ? ui_wrap(LINES, 2, COLS - 4, 0, 0, coach, 0) : 0;
	if (coach_h > 2 || (coach_h == 2 && LINES - 10 - y - 2 < 7))
		coach_h = coach_h ? 1 : 0;
	int card_h = LINES - 10 - y - coach_h;
	take_draw_card(t, y, card_h);
	if (coach_h == 1)
		ui_text(y + card_h, 2, COLS - 4, coach, ui_attr(C_DIM));
	else if (coach_h == 2)
		ui_wrap(y + card_h, 2, COLS - 4, 0, 2, coach, ui_attr(C_DIM));
	draw_panel(t);
}

static void take_draw(void *self)
{
	struct take_screen *t = self;
	if (t->phase == RESULT)
		take_draw_result(t);
	else
		draw_live(t);
}

static void fill_summary(struct take_screen *t)
{
	struct take *k = &t->take;
	struct take_summary *sum = t->sum;
	sum->done = true;
	snprintf(sum->status, sizeof sum->status, "%s", attempt_status_name(k->status));
	sum->duration_s = k->duration_s;
	sum->has_stats = k->has_analysis && k->result.analysis.has_speech;
	if (sum->has_stats) {
		sum->wpm = k->result.analysis.wpm_estimate;
		sum->first_word_s = k->result.analysis.first_speech_s;
		sum->long_pauses = k->result.analysis.long_pause_count;
		sum->speech_s = k->result.analysis.speech_s;
	}
	sum->attempt_id = k->id;
	sum->has_wav = k->wav_path != NULL;
	sum->cut_off = k->status == ATTEMPT_CUT_OFF;
	/* Weakest first: an answer not finished, then the most warnings. */
	sum->weakness = k->status == ATTEMPT_COMPLETE ? 0 : 50;
	for (int i = 0; i < k->feedback.n; i++)
		sum->weakness += !k->feedback.notes[i].good;
}

static const struct ui_binding ask_keys[], prep_keys[], rec_keys[], stop_keys[];

static void set_phase(struct take_screen *t, enum phase phase)
{
	static const int tick_ms[] = {[ASK] = UI_TICK_MS, [PREP] = UI_TICK_MS,
				      [REC] = UI_TICK_MS * 2, [RESULT] = UI_TICK_MS * 4};
	static const struct ui_binding *const keys[] = {
		[ASK] = ask_keys, [PREP] = prep_keys, [REC] = rec_keys, [RESULT] = take_result_keys};
	t->phase = phase;
	t->asking = false;
	t->ui.keys = keys[phase];
	t->ui.tick_ms = tick_ms[phase];
	t->ui.dirty = true;
}

/* Before the take (again, after a discarded one). While preparing, the
 * meter shows the microphone (nothing is kept), so "no input?" shows up
 * before the answer, not during it. */
static void begin_prep(struct take_screen *t)
{
	for (int i = 0; i < STAR_COUNT; i++)
		t->take.marks.at[i] = -1; /* nothing marked before the take */
	set_phase(t, PREP);
	t->prep_t0 = monotonic_s();
	t->silent_since = 0;
	char errbuf[ERRBUF_SIZE];
	if (!t->env->audio && !t->s->opts->no_record && !t->msg[0]) {
		snprintf(t->msg, sizeof t->msg, "timer only: %s",
			 t->s->audio_err[0] ? t->s->audio_err : "no microphone found");
		t->msg_attr = ui_attr(C_WARN);
	}
	if (t->env->audio && t->s->opts->prep != 0 &&
	    monitor_start(&t->mon, t->env->audio, t->env->device, t->env->rate, errbuf) < 0)
		t->mon = NULL; /* the take itself will say what is wrong */
}

static bool interviewer_mode(const struct take_screen *t)
{
	return t->mode == PLAN_ROUND;
}

/* A round: the interviewer reads the question aloud, and the answer
 * starts after a short pause. Without a voice (none built in, no output
 * device, --no-voice) the round runs as before, with a word on screen. */
static void begin_ask(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	const struct pick *p = t->p;
	char text[600];
	if (p->question)
		snprintf(text, sizeof text, "%s", p->question->text);
	else
		snprintf(text, sizeof text, "Tell me about %s.", p->match.story->title);
	if (t->s->opts->no_voice) {
		begin_prep(t);
		return;
	}
	if (voice_say(&t->voice, t->s->audio, NULL, text, t->env->data_dir, errbuf) < 0) {
		begin_prep(t);
		snprintf(t->msg, sizeof t->msg, "voice off: %s", errbuf);
		t->msg_attr = ui_attr(C_WARN);
		return;
	}
	t->asked_at = 0;
	set_phase(t, ASK);
}

/* The voice finished (or was skipped): close the output before the
 * microphone opens, so the answer never holds the question. */
static void end_voice(struct take_screen *t)
{
	voice_stop(t->voice);
	t->voice = NULL;
	t->asked_at = monotonic_s();
}

static bool start_take(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	if (take_start(&t->take, t->env, t->p, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
		return false;
	}
	t->started = true;
	set_phase(t, REC);
	t->silent_since = 0;
	t->msg[0] = '\0';
	if (t->take.note[0]) {
		snprintf(t->msg, sizeof t->msg, "%s", t->take.note);
		t->msg_attr = ui_attr(C_WARN);
	}
	return true;
}

static void end_take(struct take_screen *t, enum attempt_status status, const char *reason)
{
	char errbuf[ERRBUF_SIZE];
	t->msg[0] = '\0'; /* a word about the take (a refused mark) ends with it */
	if (take_end(&t->take, t->env, status, reason, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "the history row could not be saved: %s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
	}
	set_phase(t, RESULT);
	fill_summary(t);
	take_load_compare(t);
}

static void discard_take(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	bool gone = take_discard(&t->take, t->env, errbuf) == 0;
	take_free(&t->take);
	t->started = false;
	snprintf(t->msg, sizeof t->msg, "%s%s", gone ? "take discarded" : "could not discard the take: ",
		 gone ? "" : errbuf);
	t->msg_attr = ui_attr(gone ? C_DIM : C_URGENT);
	begin_prep(t);
}

static void track_silence(struct take_screen *t)
{
	double db = t->live.rms > 0 ? 20 * log10(t->live.rms) : -120;
	if (db > SILENT_DBFS)
		t->silent_since = 0;
	else if (t->silent_since == 0)
		t->silent_since = monotonic_s();
}

static void go(struct take_screen *t)
{
	monitor_stop(t->mon);
	t->mon = NULL;
	if (start_take(t))
		return;
	if (t->phase == ASK)
		set_phase(t, PREP); /* say why, and wait for Space */
	t->prep_t0 = monotonic_s() + 1e9; /* a failed start waits for the person */
}

static struct ui_action take_tick(void *self)
{
	struct take_screen *t = self;
	if (t->phase == ASK) {
		if (t->voice && voice_done(t->voice))
			end_voice(t);
		if (!t->voice && monotonic_s() - t->asked_at >= ASK_PAUSE_S)
			go(t);
	} else if (t->phase == PREP) {
		if (t->mon) {
			monitor_levels(t->mon, &t->live.peak, &t->live.rms);
			track_silence(t);
		}
		if (t->s->opts->prep >= 0 && monotonic_s() - t->prep_t0 >= t->s->opts->prep)
			go(t);
	} else if (t->phase == REC) {
		take_poll(&t->take, &t->live);
		if (t->live.failed)
			end_take(t, ATTEMPT_FAILED, t->live.reason);
		else if (t->live.elapsed >= t->env->max_s) /* cut off, if still speaking */
			end_take(t, ATTEMPT_CUT_OFF, NULL);
		else
			track_silence(t);
	}
	return ui_stay();
}

static struct ui_action key_start(void *self, int key)
{
	(void)key;
	go(self);
	return ui_stay();
}

/* Space while the question is read: enough, answer now. */
static struct ui_action key_skip_voice(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	if (t->voice)
		end_voice(t);
	t->asked_at = 1; /* long ago: the tick starts the answer */
	return ui_stay();
}

static struct ui_action key_hide(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->hidden = !t->hidden;
	return ui_stay();
}

static struct ui_action key_full(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->full = !t->full;
	return ui_stay();
}

static struct ui_action key_scroll(void *self, int key)
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

static struct ui_action key_back(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_pop(t->s->from_home ? OUT_BACK : OUT_QUIT);
}

/* Another question instead of this one: in a round or pivot drill the
 * next (this one counts as skipped), in practice a newly drawn one. */
static struct ui_action key_skip(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	monitor_stop(t->mon);
	t->mon = NULL;
	voice_stop(t->voice);
	t->voice = NULL;
	return ui_pop(OUT_SKIP);
}

static bool is_practice(void *self)
{
	struct take_screen *t = self;
	return t->count == 1;
}

static bool in_round(void *self)
{
	return !is_practice(self);
}

static struct ui_action key_end(void *self, int key)
{
	(void)key;
	end_take(self, ATTEMPT_COMPLETE, NULL);
	return ui_stay();
}

/* A refused mark (out of order) says why; a good one clears that. */
static struct ui_action key_mark(void *self, int key)
{
	struct take_screen *t = self;
	char why[ERRBUF_SIZE];
	if (take_mark(&t->take, (int)(strchr("star", key) - "star"), why, sizeof why) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", why);
		t->msg_attr = ui_attr(C_WARN);
	} else if (t->msg_attr == ui_attr(C_WARN) && strstr(t->msg, " not marked: ")) {
		t->msg[0] = '\0';
	}
	return ui_stay();
}

/* The stop question is asked on this screen, not over it, so the clock
 * and the limit keep running while it is up: recording goes on, and the
 * question says so. */
static struct ui_action key_stop(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	t->asking = true;
	t->ui.keys = stop_keys;
	return ui_stay();
}

static struct ui_action stop_answer(void *self, int key)
{
	struct take_screen *t = self;
	t->asking = false;
	t->ui.keys = rec_keys;
	if (key == 'k')
		end_take(t, ATTEMPT_STOPPED, "stopped early by the person");
	else if (key == 'd')
		discard_take(t);
	return ui_stay();
}

static const struct ui_binding ask_keys[] = {
	{{' '}, "Space answer now", key_skip_voice, NULL, 0},
	{{'n'}, "n skip", key_skip, in_round, 0},
	{{'h'}, "h card", key_hide, NULL, 0},
	{{'q', 27}, "q back", key_back, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_binding prep_keys[] = {
	{{' '}, "Space start", key_start, NULL, 0},
	{{'n'}, "n another question", key_skip, is_practice, 0},
	{{'n'}, "n skip", key_skip, in_round, 0},
	{{'h'}, "h card", key_hide, NULL, 0},
	{{'f'}, "f full story", key_full, NULL, 0},
	{{KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE}, "↑↓ scroll", key_scroll, NULL, 0},
	{{'q', 27}, "q back", key_back, NULL, 0},
	UI_END_KEYS,
};

/* Marks go forward: S T A R, any may be skipped (see take_mark). */
static const struct ui_binding rec_keys[] = {
	{{' '}, "Space end answer", key_end, NULL, 0},
	{{'s', 't', 'a', 'r'}, "s t a r mark a part (in order)", key_mark, NULL, 0},
	{{'h'}, "h/f card", key_hide, NULL, 0},
	{{'f'}, NULL, key_full, NULL, 0},
	{{'q', 27}, "q stop", key_stop, NULL, 0},
	{{KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE}, NULL, key_scroll, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_binding stop_keys[] = {
	{{'k'}, "k keep the recording", stop_answer, NULL, 0},
	{{'d'}, "d discard it", stop_answer, NULL, 0},
	{{'c', 27}, "c carry on", stop_answer, NULL, 0},
	UI_END_KEYS,
};

/* Also on a signal: a take being recorded is kept, as stopped, with why. */
static void take_done(void *self)
{
	struct take_screen *t = self;
	monitor_stop(t->mon);
	voice_stop(t->voice);
	if (t->phase == REC)
		end_take(t, ATTEMPT_STOPPED, interrupt_reason(interrupt_signal()));
	take_free(&t->take);
	free(t);
}

/* Back from playback or the critique: the rating may have changed. */
static struct ui_action take_resume(void *self, int result)
{
	(void)result;
	struct take_screen *t = self;
	if (t->phase == RESULT)
		take_load_compare(t);
	return ui_stay();
}

static const struct ui_screen_ops take_ops = {
	.draw = take_draw, .tick = take_tick, .resume = take_resume, .done = take_done};

struct ui_screen *screen_take(const struct session *s, const struct take_env *env,
			      enum plan_mode mode, const struct pick *p, int index, int count,
			      struct take_summary *sum, const char *note)
{
	struct take_screen *t = xcalloc(1, sizeof *t);
	ui_screen_init(&t->ui, &take_ops, prep_keys, UI_TICK_MS);
	t->s = s;
	t->env = env;
	t->mode = mode;
	if (note && note[0]) { /* e.g. history could not be read */
		snprintf(t->msg, sizeof t->msg, "%s", note);
		t->msg_attr = ui_attr(C_WARN);
	}
	t->p = p;
	t->index = index;
	t->count = count;
	t->sum = sum;
	for (int i = 0; i < STAR_COUNT; i++)
		t->take.marks.at[i] = -1; /* nothing marked before the take */
	/* In a round the cue card starts hidden, as in an interview (h). */
	t->hidden = interviewer_mode(t) && !s->opts->show_card;
	if (interviewer_mode(t))
		begin_ask(t);
	else
		begin_prep(t);
	return &t->ui;
}
