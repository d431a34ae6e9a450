/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_play.c - playback of a recorded attempt: the whole take as an energy
 * strip across the screen (speech and silence, long pauses, STAR marks),
 * a moving playhead, and the question and statistics alongside. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/feedback.h"
#include "rehearse/player.h"
#include "rehearse/wavio.h"
#include "screens.h"

#define ENV_STEP_S 0.05

struct envelope {
	double *db; /* RMS in dBFS every ENV_STEP_S */
	size_t n, cap;
	double acc;
	size_t k, step;
	const struct audio_buf *info; /* its rate is known before any samples */
};

static void env_feed(const float *x, size_t n, void *ctx)
{
	struct envelope *e = ctx;
	if (!e->step)
		e->step = (size_t)(e->info->sample_rate * ENV_STEP_S) + 1;
	for (size_t i = 0; i < n; i++) {
		e->acc += (double)x[i] * x[i];
		if (++e->k == e->step) {
			GROW(e->db, e->cap, e->n + 1);
			e->db[e->n++] = 10 * log10(e->acc / (double)e->k + 1e-12);
			e->acc = 0;
			e->k = 0;
		}
	}
}

struct play_view {
	struct attempt_row row;
	double marks[4];
	struct pause *pauses;
	size_t npauses;
	struct envelope env;
	double duration;
};

/* In a pause the feedback warns about (feedback.h decides which). */
static bool in_long_pause(const struct play_view *v, double t)
{
	struct star_marks m;
	for (int k = 0; k < STAR_COUNT; k++)
		m.at[k] = v->marks[k];
	for (size_t i = 0; i < v->npauses; i++)
		if (t >= v->pauses[i].start_s && t < v->pauses[i].end_s &&
		    pause_is_warned(pause_judge(v->pauses, v->npauses, &m, i)))
			return true;
	return false;
}

/* The loudest level (dBFS) between t0 and t1. */
static double loudest(const struct play_view *v, double t0, double t1)
{
	size_t lo = (size_t)(t0 / ENV_STEP_S), hi = (size_t)(t1 / ENV_STEP_S) + 1;
	double m = -120;
	for (size_t i = lo; i < hi && i < v->env.n; i++)
		m = fmax(m, v->env.db[i]);
	return m;
}

/* The STAR marks on the row above the strip. */
static void draw_strip_marks(const struct play_view *v, int y, int x, int w)
{
	static const enum ui_color colors[] = {C_S, C_T, C_A, C_R};
	for (int i = 0; i < STAR_COUNT; i++)
		if (v->marks[i] >= 0 && v->duration > 0) {
			int c = (int)(v->marks[i] / v->duration * w);
			if (c >= w)
				c = w - 1;
			attron(ui_attr(colors[i]));
			mvaddch(y - 1, x + c, (chtype)"STAR"[i]);
			attroff(ui_attr(colors[i]));
		}
}

/* Five rows of bars, one column per slice of the take. */
static void draw_strip(const struct play_view *v, int y, int x, int w, double pos)
{
	static const char *const ticks[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	const int rows = 5;
	double floor_db = -60;
	for (int c = 0; c < w; c++) {
		double t0 = v->duration * c / w, t1 = v->duration * (c + 1) / w;
		double frac = (loudest(v, t0, t1) - floor_db) / -floor_db;
		int eighths = (int)(fmax(0, fmin(1, frac)) * rows * 8);
		bool pause = in_long_pause(v, (t0 + t1) / 2);
		bool head = pos >= t0 && pos < t1;
		int attr = head ? ui_attr(C_SEL) : pause ? ui_attr(C_WARN) : frac > 0.25 ? ui_attr(C_OK)
											: ui_attr(C_DIM);
		for (int r = 0; r < rows; r++) {
			int cell = eighths - (rows - 1 - r) * 8;
			attron(attr);
			mvaddstr(y + r, x + c, cell >= 8 ? "█" : cell > 0 ? ticks[cell] : head ? "│" : " ");
			attroff(attr);
		}
		if (pause)
			ui_text(y + rows, x + c, 1, "━", ui_attr(C_WARN));
	}
	draw_strip_marks(v, y, x, w);
}

/* The self-critique under the figures: rating and note, or how to add them. */
static void draw_critique(const struct attempt_row *r, int y)
{
	char line[600], rating[8] = "none";
	if (r->rating)
		snprintf(rating, sizeof rating, "%d/5", r->rating);
	if (r->rating || r->note)
		snprintf(line, sizeof line, "your rating %s%s%s", rating, r->note ? " · note: " : "",
			 r->note ? r->note : "");
	else
		snprintf(line, sizeof line, "not rated yet: press c to rate it and write a note");
	ui_wrap(y, 2, COLS - 4, 0, 2, line, r->rating || r->note ? (int)A_NORMAL : ui_attr(C_DIM));
}

/* The figures (two lines), the critique (two), the marks' row, the strip:
 * each on rows of its own, so a note that wraps never covers the marks
 * (issue 20, item 2). */
static void draw_play(struct play_view *v, double pos, bool paused, bool done, const char *msg)
{
	ui_clear();
	char left[128], right[160];
	snprintf(left, sizeof left, "rehearse · playback · attempt %lld", v->row.id);
	snprintf(right, sizeof right, "%s · %s", v->row.question_id ? v->row.question_id : "story",
		 v->row.category ? v->row.category : "");
	ui_title(left, right);
	int y = 2;
	y += ui_wrap(y, 2, COLS - 4, 0, 2, v->row.question_text ? v->row.question_text : "",
		     A_BOLD);
	if (v->row.story_title) {
		char s[300];
		snprintf(s, sizeof s, "story: %s", v->row.story_title);
		ui_text(y++, 2, COLS - 4, s, ui_attr(C_DIM));
	}
	y++;
	char st[256], pace[48] = "too little speech for a pace";
	struct take_meaning m =
		take_meaning(v->row.status, v->row.has_stats, v->row.stats.has_speech,
			     v->row.stats.speech_s, v->row.duration_s, v->row.limit_s);
	if (m.pace_known) /* the card's rule: no pace from too little speech */
		snprintf(pace, sizeof pace, "~%.0f wpm", v->row.stats.wpm_estimate);
	if (m.heard)
		snprintf(st, sizeof st,
			 "first word %.1f s · %s · %d long pause%s (longest %.1f s) · "
			 "speaking %.0f s",
			 v->row.stats.first_speech_s, pace, v->row.stats.long_pause_count,
			 v->row.stats.long_pause_count == 1 ? "" : "s", v->row.stats.longest_pause_s,
			 v->row.stats.speech_s);
	else
		snprintf(st, sizeof st, v->row.has_stats ? "no speech was heard in this take"
							 : "no statistics stored for this attempt");
	ui_wrap(y, 2, COLS - 4, 0, 2, st, A_NORMAL);
	draw_critique(&v->row, y + 2);
	y += 5; /* two lines of figures, two of critique, the marks' row */
	draw_strip(v, y, 2, COLS - 4, pos);
	y += 7;
	char a[16], b[16], line[128];
	format_mmss(pos, a, sizeof a);
	format_mmss(v->duration, b, sizeof b);
	snprintf(line, sizeof line, "%s %s / %s", done ? "■ finished" : paused ? "❚❚ paused" : "▶ playing",
		 a, b);
	ui_text(y, 2, COLS - 4, line, A_BOLD);
	ui_wrap(y + 1, 2, COLS - 4, 0, 2,
		"green: speech · grey: quiet · ━ under it: a long pause (1 s or more) · S T A R: your marks",
		ui_attr(C_DIM));
	if (msg && *msg)
		ui_wrap(y + 3, 2, COLS - 4, 0, 2, msg, ui_attr(C_URGENT));
}

static int load_view(const struct session *s, long long id, struct play_view *v, char *errbuf)
{
	memset(v, 0, sizeof *v);
	for (int i = 0; i < 4; i++)
		v->marks[i] = -1;
	struct store *st = s->env.store;
	if (store_get_attempt(st, id, &v->row, errbuf) < 0)
		return -1;
	store_get_marks(st, id, v->marks, errbuf);
	store_get_pauses(st, id, &v->pauses, &v->npauses, errbuf);
	if (v->row.wav_name && !v->row.wav_path) {
		attempt_wav_refusal(st, &v->row, errbuf, ERRBUF_SIZE);
		return -1;
	}
	if (!v->row.wav_path)
		return set_err(errbuf, "this attempt was timer-only: there is nothing to play");
	/* A FIFO would block the screen, a link lead outside the folder. */
	if (!attempt_file_ok(v->row.wav_path))
		return set_err(errbuf, "%s: missing, or not a regular file", v->row.wav_path);
	struct audio_buf info = {0};
	v->env.info = &info;
	if (audio_read_chunks(v->row.wav_path, &info, env_feed, &v->env, errbuf) < 0)
		return -1;
	v->duration = info.sample_rate ? (double)info.frames / info.sample_rate : 0;
	return 0;
}

struct play_screen {
	struct ui_screen ui;
	const struct session *s;
	long long id;
	long long then_id; /* played next, back to back (0: none) */
	int part;	   /* 1 or 2 of a pair; 0: a single take */
	struct play_view v;
	struct player *p;
	double pos;
	bool done, idle;
	char msg[ERRBUF_SIZE + 64];
	char note[96]; /* e.g. that the critique was saved */
};

/* The second take of a pair, in place of the first. */
static struct ui_action play_next(struct play_screen *ps)
{
	struct play_screen *next = (struct play_screen *)screen_play(ps->s, ps->then_id);
	next->part = 2;
	return ui_replace(&next->ui);
}

static struct ui_action play_tick(void *self)
{
	struct play_screen *ps = self;
	ps->pos = ps->p ? player_position(ps->p) : 0;
	ps->done = ps->p && player_done(ps->p);
	if (ps->done && !ps->idle) {
		player_idle(ps->p);
		ps->idle = true;
		if (ps->then_id)
			return play_next(ps);
	}
	return ui_stay();
}

static void play_draw(void *self)
{
	struct play_screen *ps = self;
	draw_play(&ps->v, ps->pos, ps->p && player_paused(ps->p), ps->done, ps->msg);
	if (ps->note[0])
		ui_text(LINES - 3, 2, COLS - 4, ps->note, ui_attr(C_OK));
	if (ps->part) {
		char pair[96];
		snprintf(pair, sizeof pair, "take %d of 2%s", ps->part,
			 ps->part == 1 ? " · n: the next take now" : "");
		ui_text(1, 2, COLS - 4, pair, ui_attr(C_ACCENT));
	}
}

static void seek(struct play_screen *ps, double to)
{
	char errbuf[ERRBUF_SIZE];
	if (player_seek(ps->p, to, errbuf) < 0)
		snprintf(ps->msg, sizeof ps->msg, "%s", errbuf);
	else
		ps->idle = false;
}

static struct ui_action play_pause(void *self, int key)
{
	(void)key;
	struct play_screen *ps = self;
	if (!ps->p)
		return ui_stay();
	if (ps->done)
		seek(ps, 0);
	else
		player_pause(ps->p, !player_paused(ps->p));
	return ui_stay();
}

static struct ui_action play_seek(void *self, int key)
{
	struct play_screen *ps = self;
	double to = key == KEY_LEFT ? ps->pos - 5 : key == KEY_RIGHT ? ps->pos + 5
				  : key == KEY_HOME  ? 0
						     : ps->v.duration;
	if (ps->p && to >= 0) /* before 0:00: ignored */
		seek(ps, to);
	return ui_stay();
}

static struct ui_action play_critique(void *self, int key)
{
	(void)key;
	struct play_screen *ps = self;
	if (ps->p && !player_paused(ps->p) && !ps->done)
		player_pause(ps->p, true);
	return ui_push(screen_critique(ps->s, ps->id));
}

/* Back from the critique: show what was saved. */
static struct ui_action play_resume(void *self, int result)
{
	struct play_screen *ps = self;
	if (result != 0)
		return ui_stay();
	char errbuf[ERRBUF_SIZE];
	struct attempt_row r;
	if (store_get_attempt(ps->s->env.store, ps->id, &r, errbuf) == 0) {
		free(ps->v.row.note);
		ps->v.row.note = r.note;
		ps->v.row.rating = r.rating;
		r.note = NULL;
		attempt_row_free(&r);
	}
	snprintf(ps->note, sizeof ps->note, "critique saved: rating %d/5%s", ps->v.row.rating,
		 ps->v.row.note ? ", with a note" : "");
	return ui_stay();
}

static struct ui_action play_skip(void *self, int key)
{
	(void)key;
	struct play_screen *ps = self;
	return ps->then_id ? play_next(ps) : ui_stay();
}

static bool has_next(void *self)
{
	return ((struct play_screen *)self)->then_id != 0;
}

static void play_done(void *self)
{
	struct play_screen *ps = self;
	if (ps->p)
		player_close(ps->p);
	attempt_row_free(&ps->v.row);
	free(ps->v.pauses);
	free(ps->v.env.db);
	free(ps);
}

/* Without a player (the file or the sound card failed) only c and q do
 * anything; the help line still shows every key, and the message why. */
static const struct ui_binding play_keys[] = {
	{{' '}, "Space pause/play", play_pause, NULL, 0},
	{{KEY_LEFT, KEY_RIGHT}, "←/→ 5 s", play_seek, NULL, 0},
	{{KEY_HOME, KEY_END}, "Home/End", play_seek, NULL, 0},
	{{'c'}, "c critique", play_critique, NULL, 0},
	{{'n'}, "n next take", play_skip, has_next, 0},
	{{'q', 27}, "q back", NULL, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_screen_ops play_ops = {
	.draw = play_draw, .tick = play_tick, .resume = play_resume, .done = play_done};

struct ui_screen *screen_play(const struct session *s, long long attempt_id)
{
	struct play_screen *ps = xcalloc(1, sizeof *ps);
	ui_screen_init(&ps->ui, &play_ops, play_keys, UI_TICK_MS);
	ps->s = s;
	ps->id = attempt_id;
	char errbuf[ERRBUF_SIZE] = "";
	if (load_view(s, attempt_id, &ps->v, errbuf) == 0) {
		if (s->audio)
			player_open(&ps->p, s->audio, ps->v.row.wav_path,
				    s->opts ? s->opts->device : NULL, errbuf);
		else
			snprintf(errbuf, sizeof errbuf, "%s", s->audio_err);
	}
	if (!ps->p)
		snprintf(ps->msg, sizeof ps->msg, "cannot play: %s (the history row is kept)",
			 errbuf);
	return &ps->ui;
}

struct ui_screen *screen_play_pair(const struct session *s, long long first_id, long long then_id)
{
	struct play_screen *ps = (struct play_screen *)screen_play(s, first_id);
	ps->then_id = then_id;
	ps->part = 1;
	return &ps->ui;
}
