/* ui_take.c - the rehearsal screen: the question and cue card before the
 * take, the countdown, level meter and STAR marks during it, and the
 * result card after it. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/metrics.h"
#include "screens.h"
#include "ui.h"

#define SILENT_DBFS (-55.0)
#define SILENT_HINT_S 3.0

enum phase { PREP, REC, RESULT };

struct take_screen {
	struct session *s;
	const struct pick *p;
	int index, count;
	enum phase phase;
	struct take take;
	bool started;
	double prep_t0;
	int scroll;
	bool hidden;
	bool full; /* the whole story rather than the cue */
	struct take_live live;
	double silent_since, clip_until;
	char msg[ERRBUF_SIZE + 64];
	int msg_attr;
	bool dirty; /* redraw the question and card too, not just the panel */
	struct level_monitor *mon; /* the microphone check while preparing */
};

static const struct bank *bank_of(struct take_screen *t)
{
	return t->s->env.bank;
}

static int category_of(const struct pick *p)
{
	return p->question ? p->question->first_cat : p->match.category;
}

static void draw_header(struct take_screen *t, const char *what)
{
	char left[128], right[256];
	if (t->count > 1)
		snprintf(left, sizeof left, "rehearse · %s · %s %d/%d", t->s->env.mode, what,
			 t->index + 1, t->count);
	else
		snprintf(left, sizeof left, "rehearse · %s · %s", t->s->env.mode, what);
	const struct pick *p = t->p;
	snprintf(right, sizeof right, "%s · %s · %s", p->question ? p->question->id : "story",
		 bank_of(t)->cats[category_of(p)].name,
		 p->question ? level_name(p->question->level) : "any");
	ui_title(left, right);
}

static int draw_question(struct take_screen *t, int y)
{
	char buf[512];
	const char *text = t->p->question ? t->p->question->text : buf;
	if (!t->p->question)
		snprintf(buf, sizeof buf, "Tell me about: %s", t->p->match.story->title);
	int n = ui_wrap(y, 2, COLS - 4, 0, 3, text, A_BOLD);
	return n < 3 ? n : 3;
}

/* A cue, not a script: the first sentence of a part, and its figures. */
static char *cue_of(const char *text)
{
	const char *end = text;
	while (*end) {
		if ((*end == '.' || *end == '!' || *end == '?') && (end[1] == ' ' || !end[1] ||
								     end[1] == '\n')) {
			end++;
			break;
		}
		end++;
	}
	bool more = *end != '\0';
	char *first = xstrndup(text, (size_t)(end - text));
	char *cue = more ? xasprintf("%s …", first) : xstrdup(first);
	free(first);
	return cue;
}

/* The cue card: title, angle, then the four STAR parts, scrollable. */
static void draw_card(struct take_screen *t, int y, int h)
{
	const struct match *m = &t->p->match;
	const struct bank *b = bank_of(t);
	if (h < 3)
		return;
	if (!m->story) {
		char miss[512];
		snprintf(miss, sizeof miss,
			 "No story in your bank covers '%s'.%s%s%s Answer from memory, or add one "
			 "with 'rehearse bank new'.",
			 b->cats[m->missing_category].name, m->moment ? " The moment '" : "",
			 m->moment ? m->moment->title : "", m->moment ? "' could: write it out." : "");
		ui_box(y, 1, h, COLS - 2, "no story", ui_attr(C_DIM));
		ui_wrap(y + 1, 3, COLS - 6, 0, h - 2, miss, ui_attr(C_WARN));
		return;
	}
	ui_box(y, 1, h, COLS - 2, m->story->title, ui_attr(C_DIM));
	if (t->hidden) {
		ui_text(y + 1, 3, COLS - 6, "cue card hidden: answer from memory (h shows it)",
			ui_attr(C_DIM));
		return;
	}
	int inner = h - 2, width = COLS - 10, line = 0;
	int skip = t->scroll;
	if (m->angle) {
		char a[512];
		snprintf(a, sizeof a, "Angle (%s): %s", b->cats[m->category].name, m->angle);
		int n = ui_wrap(y + 1, 3, COLS - 6, skip, inner, a, ui_attr(C_ACCENT));
		line += n;
		skip = skip > n ? skip - n : 0;
	}
	static const enum ui_color colors[] = {C_S, C_T, C_A, C_R};
	for (int i = 0; i < STAR_COUNT; i++) {
		int row = line - t->scroll;
		char *text = t->full ? xstrdup(m->story->star[i]) : cue_of(m->story->star[i]);
		int n = ui_wrap(y + 1 + (row > 0 ? row : 0), 7, width, row < 0 ? -row : 0,
				inner - (row > 0 ? row : 0), text, A_NORMAL);
		free(text);
		if (row >= 0 && row < inner) {
			char lab[4] = {" STAR"[i + 1], '\0'};
			attron(ui_attr(colors[i]));
			mvprintw(y + 1 + row, 3, " %s ", lab);
			attroff(ui_attr(colors[i]));
		}
		line += n;
	}
	if (t->scroll > 0)
		ui_text(y, COLS - 12, 8, " ↑ more ", ui_attr(C_DIM));
	if (line - t->scroll > inner)
		ui_text(y + h - 1, COLS - 12, 8, " ↓ more ", ui_attr(C_DIM));
}

static double limit_of(struct take_screen *t)
{
	return t->s->opts->seconds;
}

static void draw_meter(struct take_screen *t, int y, int x, int w)
{
	double db = t->live.rms > 0 ? 20 * log10(t->live.rms) : -90;
	double pk = t->live.peak > 0 ? 20 * log10(t->live.peak) : -90;
	char label[48];
	snprintf(label, sizeof label, "%s %5.0f dBFS ", t->phase == REC ? "level" : "mic  ",
		 db < -90 ? -90.0 : db);
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
	double span = limit_of(t);
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

/* The bottom panel: big clock, REC, progress, level, timeline. */
static void draw_panel(struct take_screen *t)
{
	int y = LINES - 9;
	double limit = limit_of(t), elapsed = t->started ? t->live.elapsed : 0;
	double left = limit - elapsed;
	int clock_attr = left <= 10 ? ui_attr(C_URGENT) | A_BOLD
			 : left <= 30 ? ui_attr(C_WARN) | A_BOLD
				      : A_BOLD;
	ui_fill(y - 1, 0, COLS, "─", ui_attr(C_DIM));
	if (left < 0) /* overtime: the clock counts on in red */
		ui_text(y + 2, 1, 1, "+", ui_attr(C_URGENT) | A_BOLD);
	ui_big_clock(y, 2, left, clock_attr);
	int x = 22, w = COLS - x - 2;
	if (t->phase == REC) {
		if (t->s->env.audio)
			ui_text(y, x, 8, " ● REC ", ui_attr(C_REC));
		else
			ui_text(y, x, 14, " TIMER ONLY ", ui_attr(C_TITLE));
	} else if (t->s->opts->prep >= 0 && t->phase == PREP) {
		char s[64];
		snprintf(s, sizeof s, "starting in %.0f s",
			 fmax(0, t->s->opts->prep - (monotonic_s() - t->prep_t0)));
		ui_text(y, x, w, s, ui_attr(C_ACCENT) | A_BOLD);
	} else {
		ui_text(y, x, w, "READY: press Space to start answering", ui_attr(C_ACCENT) | A_BOLD);
	}
	char when[64], lim[16], el[16];
	format_mmss(elapsed, el, sizeof el);
	format_mmss(limit, lim, sizeof lim);
	snprintf(when, sizeof when, "%s of %s", el, lim);
	ui_text(y, COLS - 2 - (int)strlen(when), (int)strlen(when), when, A_BOLD);
	ui_bar(y + 1, x, w, elapsed / limit, clock_attr & ~A_BOLD);
	if (t->s->env.audio && (t->phase == REC || t->mon))
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
}

/* The question and card change only on a key or a new phase; between
 * those, only the panel is redrawn, which keeps a take's CPU low. */
static void draw_live(struct take_screen *t)
{
	if (!t->dirty) {
		for (int row = LINES - 10; row < LINES - 1; row++) {
			move(row, 0);
			clrtoeol();
		}
		draw_panel(t);
		refresh();
		return;
	}
	t->dirty = false;
	ui_clear();
	draw_header(t, t->phase == REC ? "recording" : "prepare");
	int y = 2 + draw_question(t, 2) + 1;
	const char *coach = bank_of(t)->cats[category_of(t->p)].coach;
	int card_h = LINES - 10 - y - (coach ? 1 : 0);
	draw_card(t, y, card_h);
	if (coach)
		ui_text(y + card_h, 2, COLS - 4, coach, ui_attr(C_DIM));
	draw_panel(t);
	ui_keys(t->phase == REC
			? "Space end answer · s t a r mark Situation/Task/Action/Result · h/f card · "
			  "q stop"
			: "Space start · h hide card · f full story/cue · ↑↓ scroll · q back");
	refresh();
}

static const char *signal_reason(int sig)
{
	return sig == SIGHUP ? "the terminal was closed (SIGHUP)"
	       : sig == SIGTERM ? "rehearse was asked to stop (SIGTERM)"
				: "interrupted with Ctrl-C (SIGINT)";
}

static bool start_take(struct take_screen *t)
{
	char errbuf[ERRBUF_SIZE];
	if (take_start(&t->take, &t->s->env, t->p, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "%s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
		return false;
	}
	t->started = true;
	t->phase = REC;
	t->dirty = true;
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
	if (take_end(&t->take, &t->s->env, status, reason, errbuf) < 0) {
		snprintf(t->msg, sizeof t->msg, "the history row could not be saved: %s", errbuf);
		t->msg_attr = ui_attr(C_URGENT);
	}
	t->phase = RESULT;
}

static void scroll_card(struct take_screen *t, int key)
{
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
}

/* While preparing, the meter shows the microphone (nothing is kept), so
 * "no input?" shows up before the answer, not during it. */
static void mic_check(struct take_screen *t)
{
	if (!t->mon)
		return;
	monitor_levels(t->mon, &t->live.peak, &t->live.rms);
	double db = t->live.rms > 0 ? 20 * log10(t->live.rms) : -120;
	if (db > SILENT_DBFS)
		t->silent_since = 0;
	else if (t->silent_since == 0)
		t->silent_since = monotonic_s();
}

/* Before the take. Returns true when recording started. */
static bool run_prep(struct take_screen *t, enum outcome *out)
{
	t->prep_t0 = monotonic_s();
	t->dirty = true;
	t->silent_since = 0;
	char errbuf[ERRBUF_SIZE];
	if (t->s->env.audio && t->s->opts->prep != 0 &&
	    monitor_start(&t->mon, t->s->env.audio, t->s->env.device, t->s->env.rate, errbuf) < 0)
		t->mon = NULL; /* the take itself will say what is wrong */
	for (;;) {
		mic_check(t);
		if (!ui_too_small())
			draw_live(t);
		int k = ui_key(UI_TICK_MS);
		t->dirty |= k != ERR;
		if (session_interrupted()) {
			*out = OUT_QUIT;
			break;
		}
		bool go = k == ' ' || (t->s->opts->prep >= 0 &&
				       monotonic_s() - t->prep_t0 >= t->s->opts->prep);
		if (go) {
			monitor_stop(t->mon);
			t->mon = NULL;
		}
		if (go && start_take(t))
			return true;
		if (go)
			t->prep_t0 = monotonic_s() + 1e9; /* a failed start waits for the person */
		if (k == 'q' || k == 27) {
			*out = t->s->from_home ? OUT_MENU : OUT_QUIT;
			break;
		}
		if (k == 'h')
			t->hidden = !t->hidden;
		if (k == 'f')
			t->full = !t->full;
		scroll_card(t, k);
	}
	monitor_stop(t->mon);
	t->mon = NULL;
	return false;
}

/* During the take. Returns false if the take was discarded. */
static bool run_rec(struct take_screen *t)
{
	double limit = limit_of(t), hard = t->s->opts->overtime ? 2 * limit : limit;
	for (;;) {
		take_poll(&t->take, &t->live);
		if (session_interrupted()) {
			end_take(t, ATTEMPT_STOPPED, signal_reason(ui_signal));
			return true;
		}
		if (t->live.failed) {
			end_take(t, ATTEMPT_FAILED, t->live.reason);
			return true;
		}
		if (t->live.elapsed >= hard) {
			end_take(t, ATTEMPT_COMPLETE, NULL);
			return true;
		}
		double db = t->live.rms > 0 ? 20 * log10(t->live.rms) : -120;
		if (db > SILENT_DBFS)
			t->silent_since = 0;
		else if (t->silent_since == 0)
			t->silent_since = monotonic_s();
		if (!ui_too_small())
			draw_live(t);
		int k = ui_key(UI_TICK_MS * 2);
		t->dirty |= k != ERR;
		const char *mark = k > 0 && k < 256 ? strchr("star", k) : NULL;
		if (mark && k)
			take_mark(&t->take, (int)(mark - "star"));
		else if (k == ' ') {
			end_take(t, ATTEMPT_COMPLETE, NULL);
			return true;
		} else if (k == 'h')
			t->hidden = !t->hidden;
		else if (k == 'f')
			t->full = !t->full;
		else if (k == 'q' || k == 27) {
			int a = ui_prompt("Stop here? k keep the recording · d discard it · c carry on",
					  "kdc");
			if (a == 'k' || session_interrupted()) {
				end_take(t, ATTEMPT_STOPPED, "stopped early by the person");
				return true;
			}
			if (a == 'd') {
				char errbuf[ERRBUF_SIZE];
				bool gone = take_discard(&t->take, &t->s->env, errbuf) == 0;
				take_free(&t->take);
				t->started = false;
				t->phase = PREP;
				snprintf(t->msg, sizeof t->msg, "%s%s", gone ? "take discarded" :
					 "could not discard the take: ", gone ? "" : errbuf);
				t->msg_attr = ui_attr(gone ? C_DIM : C_URGENT);
				return false;
			}
		} else
			scroll_card(t, k);
	}
}

/* The result card. */
static void draw_stat(int y, int x, const char *label, const char *value, int attr)
{
	ui_text(y, x, 18, label, ui_attr(C_DIM));
	ui_text(y, x + 18, COLS / 2 - 20, value, attr);
}

static void draw_shape(struct take_screen *t, int y)
{
	const struct star_shape *sh = &t->take.feedback.shape;
	if (!sh->marked) {
		ui_text(y, 2, COLS - 4,
			"STAR split: no marks (press s, t, a, r while answering to see the shape)",
			ui_attr(C_DIM));
		return;
	}
	ui_text(y, 2, 12, "STAR split", ui_attr(C_DIM));
	static const enum ui_color colors[] = {C_S, C_T, C_A, C_R};
	int x = 14, w = COLS - 16;
	for (int i = 0; i < STAR_COUNT; i++) {
		int cw = (int)(sh->share[i] * w + 0.5);
		if (x + cw > 14 + w)
			cw = 14 + w - x;
		if (cw <= 0)
			continue;
		char lab[32];
		snprintf(lab, sizeof lab, " %c %.0f%%", "STAR"[i], sh->share[i] * 100);
		ui_fill(y, x, cw, " ", ui_attr(colors[i]));
		ui_text(y, x, cw, lab, ui_attr(colors[i]));
		x += cw;
	}
}

struct figure_grid {
	int y, n;
};

static void draw_figure(const char *label, const char *text, bool warn, void *ctx)
{
	struct figure_grid *g = ctx;
	draw_stat(g->y + g->n / 2, g->n % 2 ? COLS / 2 : 2, label, text, warn ? ui_attr(C_WARN) : 0);
	g->n++;
}

static void draw_result(struct take_screen *t)
{
	ui_clear();
	draw_header(t, "result");
	struct take *k = &t->take;
	int status_attr = k->status == ATTEMPT_COMPLETE ? ui_attr(C_OK)
			  : k->status == ATTEMPT_FAILED	  ? ui_attr(C_URGENT)
							  : ui_attr(C_WARN);
	int y = 2 + draw_question(t, 2) + 1;
	char v[160], d[16], l[16];
	format_mmss(k->duration_s, d, sizeof d);
	format_mmss(limit_of(t), l, sizeof l);
	snprintf(v, sizeof v, "%s of %s", d, l);
	draw_stat(y, 2, "Duration", v, A_BOLD);
	draw_stat(y, COLS / 2, "Status", attempt_status_name(k->status), status_attr | A_BOLD);
	const struct analysis *a = k->has_analysis ? &k->result.analysis : NULL;
	struct figure_grid g = {y + 1, 0};
	if (a && a->has_speech) {
		/* The figures of the metrics table (rehearse/metrics.h), two a row. */
		metric_each_figure(a, k->duration_s, draw_figure, &g);
		y += (g.n + 1) / 2 - 3; /* more figures push the rest down */
		ui_text(y + 4, 2, 18, "Pace over time", ui_attr(C_DIM));
		ui_sparkline(y + 4, 20, COLS - 22, a->pace, a->npace, 300, ui_attr(C_ACCENT));
	} else if (a) {
		ui_text(y + 1, 2, COLS - 4, "No speech was heard in this take.", ui_attr(C_WARN));
	} else {
		ui_text(y + 1, 2, COLS - 4, "Timer only: nothing was recorded, so no pacing figures.",
			ui_attr(C_DIM));
	}
	if (k->result.overflows || k->result.dropped) {
		snprintf(v, sizeof v, "input overflows %llu, dropped %llu samples",
			 (unsigned long long)k->result.overflows,
			 (unsigned long long)k->result.dropped);
		ui_text(y + 5, 2, COLS - 4, v, ui_attr(C_WARN));
	}
	y += 6;
	draw_shape(t, y);
	y += 2;
	int bottom = LINES - 3;
	if (k->reason[0] && k->status != ATTEMPT_COMPLETE)
		y += ui_wrap(y, 2, COLS - 4, 0, 2, k->reason, status_attr);
	for (int i = 0; i < k->feedback.n && y < bottom; i++) {
		const struct feedback_note *n = &k->feedback.notes[i];
		ui_text(y, 2, 2, n->good ? "✓" : "!", n->good ? ui_attr(C_OK) : ui_attr(C_WARN));
		y += ui_wrap(y, 4, COLS - 6, 0, bottom - y, n->text, A_NORMAL);
	}
	if (k->wav_path)
		ui_text(LINES - 2, 2, COLS - 4, k->wav_path, ui_attr(C_DIM));
	if (t->msg[0])
		ui_text(LINES - 3, 2, COLS - 4, t->msg, t->msg_attr);
	char keys[160];
	snprintf(keys, sizeof keys, "%sc critique · r retry · n %s · %sq quit",
		 k->wav_path ? "p play · " : "",
		 t->index + 1 < t->count ? "next question" : "done",
		 t->s->from_home ? "m menu · " : "");
	ui_keys(keys);
	refresh();
}

static void fill_summary(struct take_screen *t, struct take_summary *sum)
{
	struct take *k = &t->take;
	sum->done = true;
	snprintf(sum->status, sizeof sum->status, "%s", attempt_status_name(k->status));
	sum->duration_s = k->duration_s;
	sum->has_stats = k->has_analysis && k->result.analysis.has_speech;
	if (sum->has_stats) {
		sum->wpm = k->result.analysis.wpm_estimate;
		sum->first_word_s = k->result.analysis.first_speech_s;
		sum->long_pauses = k->result.analysis.long_pause_count;
	}
}

static enum outcome run_result(struct take_screen *t)
{
	for (;;) {
		if (session_interrupted())
			return OUT_QUIT;
		if (!ui_too_small())
			draw_result(t);
		int k = ui_key(UI_TICK_MS * 4);
		switch (k) {
		case 'p':
			if (t->take.wav_path)
				screen_play(t->s, t->take.id);
			break;
		case 'c':
			screen_critique(t->s, t->take.id);
			break;
		case 'r':
			return OUT_RETRY;
		case 'n':
		case '\n':
		case KEY_ENTER:
			return OUT_NEXT;
		case 'm':
			if (t->s->from_home)
				return OUT_MENU;
			break;
		case 'q':
			return OUT_QUIT;
		default:
			break;
		}
	}
}

enum outcome screen_take(struct session *s, const struct pick *p, int index, int count,
			 struct take_summary *sum)
{
	struct take_screen t = {.s = s, .p = p, .index = index, .count = count};
	enum outcome out = OUT_QUIT;
	for (;;) {
		for (int i = 0; i < STAR_COUNT; i++)
			t.take.marks.at[i] = -1; /* nothing marked before the take */
		if (!run_prep(&t, &out))
			break;
		if (!run_rec(&t))
			continue; /* discarded: prepare again */
		fill_summary(&t, sum);
		out = session_interrupted() ? OUT_QUIT : run_result(&t);
		break;
	}
	take_free(&t.take);
	return out;
}
