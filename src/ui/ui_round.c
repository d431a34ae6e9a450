/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_round.c - a plan of questions (practice, round, pivot) as a flow of
 * screens: each pick's take, the pause between questions of a round, and
 * the round's summary table. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/metrics.h"
#include "screens.h"

struct between {
	struct ui_screen ui;
	const struct session *s;
	enum plan_mode mode;
	const struct pick *next;
	int index, count;
	double t0;
};

static double between_left(const struct between *w)
{
	return w->s->between_s - (monotonic_s() - w->t0);
}

static struct ui_action between_tick(void *self)
{
	return between_left(self) <= 0 ? ui_pop(OUT_NEXT) : ui_stay();
}

static void between_draw(void *self)
{
	struct between *w = self;
	const struct bank *b = w->s->env.bank;
	double left = between_left(w);
	ui_clear();
	char title[64];
	snprintf(title, sizeof title, "rehearse · %s · question %d of %d", plan_mode_name(w->mode),
		 w->index + 1, w->count);
	ui_title(title, "");
	int y = LINES / 2 - 3;
	char line[256];
	const char *cat =
		b->cats[w->next->question ? w->next->question->first_cat : w->next->match.category]
			.name;
	snprintf(line, sizeof line, "Next: %s %s question", strchr("aeiou", cat[0]) ? "an" : "a",
		 cat);
	ui_text(y, 4, COLS - 8, line, A_BOLD);
	snprintf(line, sizeof line, "Breathe. It appears in %.0f s.", left + 0.5);
	ui_text(y + 2, 4, COLS - 8, line, ui_attr(C_ACCENT));
	ui_bar(y + 4, 4, COLS - 8, 1 - left / w->s->between_s, ui_attr(C_ACCENT));
}

static struct ui_action between_stop(void *self, int key)
{
	(void)key;
	struct between *w = self;
	return ui_pop(w->s->from_home ? OUT_BACK : OUT_QUIT);
}

static void free_screen(void *self)
{
	free(self);
}

static const struct ui_binding between_keys[] = {
	{{' ', '\n'}, "Space go now", NULL, NULL, OUT_NEXT},
	{{'q'}, "q stop the round", between_stop, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_screen_ops between_ops = {
	.draw = between_draw, .tick = between_tick, .done = free_screen};

struct ui_screen *screen_between(const struct session *s, enum plan_mode mode,
				 const struct pick *next, int index, int count)
{
	struct between *w = xcalloc(1, sizeof *w);
	ui_screen_init(&w->ui, &between_ops, between_keys, UI_TICK_MS * 2);
	w->s = s;
	w->mode = mode;
	w->next = next;
	w->index = index;
	w->count = count;
	w->t0 = monotonic_s();
	return &w->ui;
}

/* The round's answers side by side, one a row, each follow-up indented
 * under its answer: the selected one can be played, and the weakest
 * answer retried. */
struct summary_ref {
	const struct take_summary *t;
	bool follow_up;
};

struct summary {
	struct ui_screen ui;
	const struct session *s;
	enum plan_mode mode;
	const struct take_summary *sums;
	size_t n, sel;
	struct summary_ref *rows; /* answers and follow-ups, in the order shown */
	size_t nrows;
	size_t *retry;
};

static const char *summary_question(const struct take_summary *t)
{
	return t->pick->question ? t->pick->question->text : t->pick->match.story->title;
}

/* The figures of each answer, by metric name (rehearse/metrics.h), after
 * its time: a figure in the summary is one row here. */
struct summary_column {
	const char *metric, *head;
	int width;
	void (*text)(double v, char *buf, size_t n);
};

static void text_mmss(double v, char *buf, size_t n)
{
	format_mmss(v, buf, n);
}

static void text_whole(double v, char *buf, size_t n)
{
	snprintf(buf, n, "%.0f", v);
}

static void text_tenths(double v, char *buf, size_t n)
{
	snprintf(buf, n, "%.1fs", v);
}

static const struct summary_column columns[] = {
	{"speech_s", "speak", 5, text_mmss},
	{"wpm_estimate", "wpm", 4, text_whole},
	{"first_speech_s", "first", 5, text_tenths},
	{"long_pause_count", "long", 4, text_whole},
};

/* The columns' cells (heads: NULL; a take without figures: "-") after
 * line's first used bytes. */
static int column_cells(char *line, size_t size, int used, const struct take_summary *t)
{
	for (size_t c = 0; c < ARRAY_SIZE(columns) && used > 0 && (size_t)used < size; c++) {
		char cell[16] = "-";
		const struct metric *m = metric_find(columns[c].metric);
		if (!t)
			snprintf(cell, sizeof cell, "%s", columns[c].head);
		else if (t->has_stats && m && (t->pace_known || strcmp(m->name, "wpm_estimate")))
			columns[c].text(metric_get(m, &t->stats), cell, sizeof cell);
		used += snprintf(line + used, size - (size_t)used, " %*s", columns[c].width, cell);
	}
	return used;
}

/* The STAR split's column: the share of the category's first target
 * ("S+T 36%"), with "*" when a start it rests on was heard, not pressed
 * (issue 18); "S+T -" when a part of it has no start, "-" with no split. */
#define STAR_CELL_W 8
static void star_cell(const struct take_summary *t, const struct category *c, char *buf,
		      size_t n)
{
	snprintf(buf, n, "-");
	if (!t->has_stats || !t->shape.marked)
		return;
	unsigned sections = c->ntargets ? c->targets[0].sections : 1u << STAR_A;
	char parts[16];
	star_parts_text(sections, parts, sizeof parts);
	bool whole = true;
	for (int i = 0; i < STAR_COUNT; i++)
		if (sections & (1u << i))
			whole = whole && t->shape.share[i] > 0;
	if (!whole)
		snprintf(buf, n, "%s -", parts);
	else
		snprintf(buf, n, "%s %d%%%s", parts, star_percent_of(&t->shape, sections),
			 t->shape_heard ? "*" : "");
}

/* The cells before the figures: an answer's number, category, question,
 * status and time; a follow-up's arrow under them. Returns the bytes. */
static int row_head(const struct summary *sm, size_t k, char *line, size_t size)
{
	const struct summary_ref *r = &sm->rows[k];
	const struct take_summary *t = r->t;
	const struct pick *p = t->pick;
	char d[16] = "-";
	if (t->done)
		format_mmss(t->duration_s, d, sizeof d);
	const char *status = t->done ? t->status : "skipped";
	if (r->follow_up) /* "↳ " takes 2 columns of the 25 of category and question */
		return snprintf(line, size, "%-2s ↳ %-23s %-9s %5s", "", "follow-up", status, d);
	const struct bank *b = sm->s->env.bank;
	int cat = p->question ? p->question->first_cat : p->match.category;
	return snprintf(line, size, "%-2zu %-13.13s %-11.11s %-9s %5s", (size_t)(t - sm->sums) + 1,
			b->cats[cat].name, p->question ? p->question->id : "story", status, d);
}

static void summary_row(struct summary *sm, size_t k, int y)
{
	const struct take_summary *t = sm->rows[k].t;
	char line[160];
	int used = row_head(sm, k, line, sizeof line);
	used = column_cells(line, sizeof line, used, t);
	const struct pick *p = t->pick;
	int cat = p->question ? p->question->first_cat : p->match.category;
	char star[24];
	star_cell(t, &sm->s->env.bank->cats[cat], star, sizeof star);
	if (used > 0 && (size_t)used < sizeof line)
		snprintf(line + used, sizeof line - (size_t)used, " %-*s", STAR_CELL_W, star);
	int attr = k == sm->sel ? ui_attr(C_SEL) : t->cut_off ? ui_attr(C_WARN) : 0;
	ui_fill(y, 1, COLS - 2, " ", k == sm->sel ? attr : 0);
	ui_text(y, 2, COLS - 4, line, attr);
}

/* The weakest answer: skipped, then not finished, then most warnings. */
static size_t weakest(const struct summary *sm)
{
	size_t best = 0;
	int worst = -1;
	for (size_t i = 0; i < sm->n; i++) {
		int w = sm->sums[i].done ? sm->sums[i].weakness : 100;
		if (sm->sums[i].pick && w > worst) {
			worst = w;
			best = i;
		}
	}
	return best;
}

/* The weakest answer and where the answers are kept, from row y: one row
 * when both fit, else two. Returns the row after them. */
static int weakest_rows(struct summary *sm, int y)
{
	char weak[200];
	size_t k = weakest(sm);
	const struct take_summary *w = &sm->sums[k];
	const char *why = !w->done ? "skipped" : w->why[0] ? w->why : "no warnings";
	static const char kept[] = "Every answer is in 'rehearse history'.";
	int n2 = snprintf(weak, sizeof weak, "Weakest: #%zu, %s (r retries it).", k + 1, why);
	bool one_row = utf8_width(weak) + 1 + (int)strlen(kept) <= COLS - 4;
	if (one_row && n2 > 0 && (size_t)n2 < sizeof weak)
		snprintf(weak + n2, sizeof weak - (size_t)n2, " %s", kept);
	ui_text(y, 2, COLS - 4, weak, ui_attr(C_DIM));
	if (one_row)
		return y + 1;
	ui_text(y + 1, 2, COLS - 4, kept, ui_attr(C_DIM));
	return y + 2;
}

/* The totals, the weakest answer and where the answers are kept, from
 * row y; returns the row after them. */
static int summary_footer(struct summary *sm, int y)
{
	double total = 0, wpm = 0;
	int nstats = 0, done = 0, silent = 0, cut = 0;
	for (size_t i = 0; i < sm->n; i++) {
		const struct take_summary *t = &sm->sums[i];
		total += t->done ? t->duration_s : 0;
		done += t->done && t->heard;
		silent += t->done && !t->heard;
		cut += t->done && t->cut_off;
		wpm += t->pace_known ? t->stats.wpm_estimate : 0;
		nstats += t->pace_known;
	}
	char foot[200], tt[16];
	format_mmss(total, tt, sizeof tt);
	int n = snprintf(foot, sizeof foot, "%d answered in %s", done, tt);
	if (silent)
		n += snprintf(foot + n, sizeof foot - (size_t)n, " · %d with no speech", silent);
	if (cut)
		n += snprintf(foot + n, sizeof foot - (size_t)n, " · %d cut off by the clock", cut);
	if (nstats)
		snprintf(foot + n, sizeof foot - (size_t)n, " · average ~%.0f wpm", wpm / nstats);
	ui_text(y, 2, COLS - 4, foot, A_BOLD);
	return weakest_rows(sm, y + 1);
}

static void summary_draw(void *self)
{
	struct summary *sm = self;
	ui_clear();
	char title[96];
	snprintf(title, sizeof title, "rehearse · %s · summary", plan_mode_name(sm->mode));
	ui_title(title, "");
	int y = 2;
	char head[160];
	int used = snprintf(head, sizeof head, "%-2s %-13s %-11s %-9s %5s", "#", "category",
			    "question", "status", "time");
	used = column_cells(head, sizeof head, used, NULL);
	if (used > 0 && (size_t)used < sizeof head)
		snprintf(head + used, sizeof head - (size_t)used, " %-*s", STAR_CELL_W, "STAR");
	mvaddstr(y++, 2, head);
	ui_fill(y++, 2, COLS - 4, "─", ui_attr(C_DIM));
	for (size_t k = 0; k < sm->nrows && y < LINES - 8; k++)
		summary_row(sm, k, y++);
	ui_fill(y++, 2, COLS - 4, "─", ui_attr(C_DIM));
	y = summary_footer(sm, y + 1);
	bool heard = false;
	for (size_t i = 0; i < sm->n; i++)
		heard = heard || (sm->sums[i].pick && sm->sums[i].shape_heard);
	if (heard)
		ui_text(y++, 2, COLS - 4, "STAR *: a part's start heard in the words, not pressed",
			ui_attr(C_DIM));
	/* The selected question in full: the table has no room for it. */
	if (sm->sel < sm->nrows) {
		char asked[600];
		snprintf(asked, sizeof asked, "Asked: %s", summary_question(sm->rows[sm->sel].t));
		ui_wrap(y + 1, 2, COLS - 4, 0, LINES - y - 3, asked, A_BOLD);
	}
}

static struct ui_action summary_move(void *self, int key)
{
	struct summary *sm = self;
	if (key == KEY_UP && sm->sel > 0)
		sm->sel--;
	else if (key == KEY_DOWN && sm->sel + 1 < sm->nrows)
		sm->sel++;
	return ui_stay();
}

static bool selected_has_wav(void *self)
{
	struct summary *sm = self;
	return sm->sel < sm->nrows && sm->rows[sm->sel].t->done && sm->rows[sm->sel].t->has_wav;
}

static struct ui_action summary_play(void *self, int key)
{
	(void)key;
	struct summary *sm = self;
	return ui_push(screen_play(sm->s, sm->rows[sm->sel].t->attempt_id));
}

static struct ui_action summary_retry(void *self, int key)
{
	(void)key;
	struct summary *sm = self;
	*sm->retry = weakest(sm);
	return ui_pop(OUT_RETRY);
}

static bool from_home(void *self)
{
	struct summary *sm = self;
	return sm->s->from_home;
}

static const struct ui_binding summary_keys[] = {
	{{KEY_UP, KEY_DOWN}, "↑↓ choose", summary_move, NULL, 0},
	{{'p', '\n', KEY_ENTER}, "Enter play", summary_play, selected_has_wav, 0},
	{{'r'}, "r retry the weakest", summary_retry, NULL, 0},
	{{'m', 27}, "m menu", NULL, from_home, OUT_MENU},
	{{'q'}, "q quit", NULL, NULL, OUT_QUIT},
	{{'m', 27}, NULL, NULL, NULL, OUT_QUIT}, /* not from the menu */
	UI_END_KEYS,
};

static void summary_done(void *self)
{
	struct summary *sm = self;
	free(sm->rows);
	free(sm);
}

static const struct ui_screen_ops summary_ops = {.draw = summary_draw, .done = summary_done};

/* Each answer taken, then its follow-up when one was asked. */
static void summary_rows(struct summary *sm, const struct take_summary *follow_ups)
{
	sm->rows = xcalloc(2 * sm->n + 1, sizeof *sm->rows);
	for (size_t i = 0; i < sm->n; i++) {
		if (!sm->sums[i].pick)
			continue;
		sm->rows[sm->nrows++] = (struct summary_ref){&sm->sums[i], false};
		if (follow_ups && follow_ups[i].pick)
			sm->rows[sm->nrows++] = (struct summary_ref){&follow_ups[i], true};
	}
}

struct ui_screen *screen_round_summary(const struct session *s, enum plan_mode mode,
				       const struct take_summary *sums, size_t n,
				       const struct take_summary *follow_ups, size_t *retry)
{
	struct summary *sm = xcalloc(1, sizeof *sm);
	ui_screen_init(&sm->ui, &summary_ops, summary_keys, UI_TICK_MS * 4);
	sm->s = s;
	sm->mode = mode;
	sm->sums = sums;
	sm->n = n;
	sm->retry = retry;
	summary_rows(sm, follow_ups);
	return &sm->ui;
}

/* The plan: never drawn; it pushes the next screen each time one pops. */
enum plan_wait { P_START, P_BETWEEN, P_TAKE, P_FOLLOW_UP, P_SUMMARY };

/* A round's follow-up of one answer: asked as a question of its own (the
 * answer's id, category and card, the follow-up's words), in a short
 * take of its own. */
struct follow_up {
	struct question q;
	struct pick pick;
};

struct plan_flow {
	struct ui_screen ui;
	const struct session *s;
	struct plan p;	     /* its own copy of the picks */
	struct take_env env; /* the session's, with the plan's mode, limits, round */
	struct take_summary *sums;
	struct follow_up *fus;	     /* npicks of them: each answer's follow-up */
	struct take_summary *fsums; /* and its take (pick NULL: none asked) */
	struct take_env fu_env;     /* plan_follow_up_env */
	size_t i;
	enum plan_wait waiting;
	size_t retry;  /* the summary's choice */
	bool retrying; /* a take retried from the summary */
	struct rng rng;
	char note[ERRBUF_SIZE + 64]; /* for the next take's message line */
};

static struct ui_action plan_take(struct plan_flow *f)
{
	f->waiting = P_TAKE;
	f->sums[f->i].pick = &f->p.picks[f->i];
	struct ui_screen *t = screen_take(f->s, &f->env, f->p.mode, &f->p.picks[f->i], (int)f->i,
					  (int)f->p.npicks, &f->sums[f->i], f->note);
	f->note[0] = '\0'; /* said once */
	return ui_push(t);
}

/* The end of a round (or pivot drill): its summary. Practice just ends. */
static struct ui_action plan_summary(struct plan_flow *f)
{
	if (f->p.npicks < 2)
		return ui_pop(OUT_NEXT);
	f->waiting = P_SUMMARY;
	f->retrying = false;
	return ui_push(
		screen_round_summary(f->s, f->p.mode, f->sums, f->p.npicks, f->fsums, &f->retry));
}

/* Practice goes on with another question (plan_another). False if there
 * is none. */
static bool draw_another(struct plan_flow *f)
{
	f->p.history_err[0] = '\0';
	if (!plan_another(&f->p, f->s->env.bank, f->s->env.store, &f->rng))
		return false;
	memset(&f->sums[0], 0, sizeof f->sums[0]);
	if (f->p.history_err[0])
		snprintf(f->note, sizeof f->note, "%s", f->p.history_err);
	return true;
}

/* The answer just taken has a follow-up to ask: a round's, on, and the
 * answer was given (not skipped). */
static bool wants_follow_up(const struct plan_flow *f)
{
	const struct pick *p = &f->p.picks[f->i];
	return f->p.mode == PLAN_ROUND && !f->s->opts->no_follow_ups && p->follow_up &&
	       p->question && f->sums[f->i].done;
}

/* The interviewer asks the answer's follow-up, in a take of its own. */
static struct ui_action plan_follow_up(struct plan_flow *f)
{
	struct follow_up *fu = &f->fus[f->i];
	const struct pick *p = &f->p.picks[f->i];
	fu->q = *p->question;
	fu->q.text = (char *)p->follow_up; /* the bank's; never freed through q */
	fu->pick = *p;
	fu->pick.question = &fu->q;
	fu->pick.follow_up = NULL;
	memset(&f->fsums[f->i], 0, sizeof f->fsums[f->i]);
	f->fsums[f->i].pick = &fu->pick;
	f->waiting = P_FOLLOW_UP;
	snprintf(f->note, sizeof f->note, "A follow-up question: a short answer, %.0f s at most.",
		 f->fu_env.limit_s);
	struct ui_screen *t = screen_take(f->s, &f->fu_env, PLAN_FOLLOW_UP, &fu->pick, (int)f->i,
					  (int)f->p.npicks, &f->fsums[f->i], f->note);
	f->note[0] = '\0';
	return ui_push(t);
}

/* On from an answer (and its follow-up): pause before the next question,
 * or sum up the round. */
static struct ui_action plan_advance(struct plan_flow *f)
{
	if (f->retrying) /* a retry from the summary goes back to it */
		return plan_summary(f);
	if (++f->i < f->p.npicks) {
		f->waiting = P_BETWEEN;
		return ui_push(screen_between(f->s, f->p.mode, &f->p.picks[f->i], (int)f->i,
					      (int)f->p.npicks));
	}
	return plan_summary(f);
}

/* A take popped: retry it, ask its follow-up, pause before the next, or
 * sum up the round. Practice (one pick) draws another question for "next"
 * and "skip". */
static struct ui_action plan_after_take(struct plan_flow *f, int out)
{
	if (out == OUT_RETRY)
		return plan_take(f);
	bool practice = f->p.npicks == 1 && f->p.mode == PLAN_PRACTICE;
	if ((out == OUT_NEXT || out == OUT_SKIP) && practice)
		return draw_another(f) ? plan_take(f) : ui_pop(OUT_NEXT);
	if (out != OUT_NEXT && out != OUT_SKIP)
		return ui_pop(out);
	if (out == OUT_NEXT && wants_follow_up(f))
		return plan_follow_up(f);
	return plan_advance(f);
}

/* A follow-up popped: again (r), on (n, or skipped), or out. */
static struct ui_action plan_after_follow_up(struct plan_flow *f, int out)
{
	if (out == OUT_RETRY)
		return plan_follow_up(f);
	return out == OUT_NEXT || out == OUT_SKIP ? plan_advance(f) : ui_pop(out);
}

static struct ui_action plan_resume(void *self, int result)
{
	struct plan_flow *f = self;
	switch (f->waiting) {
	case P_START:
		return plan_take(f);
	case P_BETWEEN:
		return result == OUT_NEXT ? plan_take(f) : ui_pop(result);
	case P_TAKE:
		return plan_after_take(f, result);
	case P_FOLLOW_UP:
		return plan_after_follow_up(f, result);
	default: /* the summary: retry its weakest answer, or end */
		if (result != OUT_RETRY)
			return ui_pop(result);
		f->i = f->retry;
		f->retrying = true;
		return plan_take(f);
	}
}

static struct ui_action plan_enter(void *self)
{
	return plan_resume(self, OUT_NEXT);
}

static void plan_done(void *self)
{
	struct plan_flow *f = self;
	plan_free(&f->p);
	free(f->sums);
	free(f->fus);
	free(f->fsums);
	free(f);
}

/* No draw: enter and resume always push or pop. */
static const struct ui_screen_ops plan_ops = {
	.enter = plan_enter, .resume = plan_resume, .done = plan_done};

struct ui_screen *screen_plan(const struct session *s, const struct plan *p)
{
	if (p->npicks == 0)
		return NULL;
	struct plan_flow *f = xcalloc(1, sizeof *f);
	ui_screen_init(&f->ui, &plan_ops, NULL, UI_TICK_MS);
	f->s = s;
	plan_copy(&f->p, p);
	f->sums = xcalloc(p->npicks, sizeof *f->sums);
	f->fus = xcalloc(p->npicks, sizeof *f->fus);
	f->fsums = xcalloc(p->npicks, sizeof *f->fsums);
	rng_seed(&f->rng, p->seed ^ (uint64_t)(monotonic_s() * 1e6));
	char errbuf[ERRBUF_SIZE];
	bool grouped = plan_take_env(p, s->opts, &s->env, &f->env, errbuf) == 0;
	plan_follow_up_env(&f->env, s->opts, &f->fu_env);
	if (p->history_err[0]) /* "least practised first" could not be kept */
		snprintf(f->note, sizeof f->note, "%s", p->history_err);
	else if (!grouped) /* the round still runs; only the grouping is lost */
		snprintf(f->note, sizeof f->note, "not grouped as a round in history: %s", errbuf);
	return &f->ui;
}
