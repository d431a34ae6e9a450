/* ui_result.c - the result card after a take: duration and status, the
 * pacing figures, the STAR split, the feedback notes, and its keys (play,
 * critique, retry, next, menu, quit); and the title and question that
 * every phase of the take screen draws. ui_take.c calls here, never the
 * other way. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "rehearse/metrics.h"
#include "ui_take.h"

void take_draw_header(struct take_screen *t, const char *what)
{
	char left[128], right[256];
	if (t->count > 1)
		snprintf(left, sizeof left, "rehearse · %s · %s %d/%d", t->s->env.mode, what,
			 t->index + 1, t->count);
	else
		snprintf(left, sizeof left, "rehearse · %s · %s", t->s->env.mode, what);
	const struct pick *p = t->p;
	snprintf(right, sizeof right, "%s · %s · %s", p->question ? p->question->id : "story",
		 take_bank(t)->cats[take_category(p)].name,
		 p->question ? level_name(p->question->level) : "any");
	ui_title(left, right);
}

int take_draw_question(struct take_screen *t, int y)
{
	char buf[512];
	const char *text = t->p->question ? t->p->question->text : buf;
	if (!t->p->question)
		snprintf(buf, sizeof buf, "Tell me about: %s", t->p->match.story->title);
	int n = ui_wrap(y, 2, COLS - 4, 0, 3, text, A_BOLD);
	return n < 3 ? n : 3;
}

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

/* The figures of the metrics table (rehearse/metrics.h), two a row, then
 * the pace over time. Returns the rows used. */
static int draw_figures(const struct take *k, const struct analysis *a, int y)
{
	struct figure_grid g = {y, 0};
	metric_each_figure(a, k->duration_s, draw_figure, &g);
	int rows = (g.n + 1) / 2;
	ui_text(y + rows, 2, 18, "Pace over time", ui_attr(C_DIM));
	ui_sparkline(y + rows, 20, COLS - 22, a->pace, a->npace, 300, ui_attr(C_ACCENT));
	return rows + 1;
}

/* Duration and status, the figures (or why there are none), overflows.
 * Returns the rows used (at least 6, so the card keeps its shape). */
static int draw_summary_rows(struct take_screen *t, int y, int status_attr)
{
	const struct take *k = &t->take;
	char v[160], d[16], l[16];
	format_mmss(k->duration_s, d, sizeof d);
	format_mmss(take_limit(t), l, sizeof l);
	snprintf(v, sizeof v, "%s of %s", d, l);
	draw_stat(y, 2, "Duration", v, A_BOLD);
	draw_stat(y, COLS / 2, "Status", attempt_status_name(k->status), status_attr | A_BOLD);
	const struct analysis *a = k->has_analysis ? &k->result.analysis : NULL;
	int rows = 4;
	if (a && a->has_speech)
		rows = draw_figures(k, a, y + 1);
	else if (a)
		ui_text(y + 1, 2, COLS - 4, "No speech was heard in this take.", ui_attr(C_WARN));
	else
		ui_text(y + 1, 2, COLS - 4, "Timer only: nothing was recorded, so no pacing figures.",
			ui_attr(C_DIM));
	if (k->result.overflows || k->result.dropped) {
		snprintf(v, sizeof v, "input overflows %llu, dropped %llu samples",
			 (unsigned long long)k->result.overflows,
			 (unsigned long long)k->result.dropped);
		ui_text(y + rows + 1, 2, COLS - 4, v, ui_attr(C_WARN));
	}
	return rows + 2;
}

void take_draw_result(struct take_screen *t)
{
	ui_clear();
	take_draw_header(t, "result");
	struct take *k = &t->take;
	int status_attr = k->status == ATTEMPT_COMPLETE ? ui_attr(C_OK)
			  : k->status == ATTEMPT_FAILED	  ? ui_attr(C_URGENT)
							  : ui_attr(C_WARN);
	int y = 2 + take_draw_question(t, 2) + 1;
	y += draw_summary_rows(t, y, status_attr);
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
}

static bool has_wav(void *self)
{
	struct take_screen *t = self;
	return t->take.wav_path != NULL;
}

/* Practice (one question) always has a next one: a newly drawn question. */
static bool has_next(void *self)
{
	struct take_screen *t = self;
	return t->index + 1 < t->count || t->count == 1;
}

static bool is_last(void *self)
{
	return !has_next(self);
}

static bool from_home(void *self)
{
	struct take_screen *t = self;
	return t->s->from_home;
}

static struct ui_action key_play(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_push(screen_play(t->s, t->take.id));
}

static struct ui_action key_critique(void *self, int key)
{
	(void)key;
	struct take_screen *t = self;
	return ui_push(screen_critique(t->s, t->take.id));
}

const struct ui_binding take_result_keys[] = {
	{{'p'}, "p play", key_play, has_wav, 0},
	{{'c'}, "c critique", key_critique, NULL, 0},
	{{'r'}, "r retry", NULL, NULL, OUT_RETRY},
	{{'n', '\n', KEY_ENTER}, "n next question", NULL, has_next, OUT_NEXT},
	{{'n', '\n', KEY_ENTER}, "n done", NULL, is_last, OUT_NEXT},
	{{'m'}, "m menu", NULL, from_home, OUT_MENU},
	{{'q'}, "q quit", NULL, NULL, OUT_QUIT},
	UI_END_KEYS,
};

