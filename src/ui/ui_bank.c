/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_bank.c - the story bank from the home menu: the list of stories (or,
 * for the pivot drill, the stories to choose from), a story's full text,
 * editing it, and the coverage and question reports. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehearse/bank.h"
#include "rehearse/bank_tools.h"
#include "rehearse/paths.h"
#include "screens.h"
#include "ui_list.h"

struct bank_list {
	struct ui_list list;
	const struct session *s;
	struct rng *r;
	const char **items;
	char **owned;
	int *idx; /* list entry -> story */
	int built_cols; /* COLS the rows were laid out for */
	char note[300]; /* why the last key could not act */
	/* The pivot chooser: what Enter will run for the chosen story, built
	 * by plan_pivot with the seed Enter then uses (issue 20, item 15). */
	bool pivot;
	int pivot_sel; /* the list entry pivot_what is for; -1: none */
	uint64_t pivot_seed;
	char pivot_what[300];
};

#define BANK_DETAIL_LINES 4 /* the selected story under the list */

struct story_card {
	struct ui_screen ui;
	const struct session *s;
	struct rng *r;
	const struct story *st;
	int scroll;
};

/* Practise the story itself, in its first category. */
static struct ui_screen *practise_story(const struct session *s, const struct story *st)
{
	if (st->is_moment)
		return NULL; /* nothing to practise yet */
	struct plan p;
	plan_story(&p, st);
	struct ui_screen *flow = screen_plan(s, &p);
	plan_free(&p);
	return flow;
}

/* The same story for three categories. */
static struct ui_screen *pivot_story(const struct session *s, const struct story *st, uint64_t seed)
{
	if (st->is_moment)
		return NULL;
	struct plan p;
	plan_pivot(&p, s->env.bank, s->env.store, st, seed);
	struct ui_screen *flow = screen_plan(s, &p);
	plan_free(&p);
	return flow;
}

/* A story as its cue card, full text, scrollable. */
static void card_draw(void *self)
{
	struct story_card *c = self;
	const struct story *st = c->st;
	ui_clear();
	ui_title("rehearse · story bank", st->id);
	char *text = xasprintf("%s\n\nSituation: %s\n\nTask: %s\n\nAction: %s\n\nResult: %s\n\n%s",
			       st->title,
			       st->star[0] ? st->star[0]
					   : "(a moment: press e to write out its STAR sections, "
					     "then it can be practised and pivoted)",
			       st->star[1] ? st->star[1] : "", st->star[2] ? st->star[2] : "",
			       st->star[3] ? st->star[3] : "", st->path);
	ui_wrap(2, 2, COLS - 4, c->scroll, LINES - 4, text, A_NORMAL);
	free(text);
}

static struct ui_action card_scroll(void *self, int key)
{
	struct story_card *c = self;
	if (key == KEY_UP && c->scroll > 0)
		c->scroll--;
	else if (key == KEY_DOWN)
		c->scroll++;
	return ui_stay();
}

static struct ui_action card_practise(void *self, int key)
{
	(void)key;
	struct story_card *c = self;
	struct ui_screen *next = practise_story(c->s, c->st);
	return next ? ui_replace(next) : ui_pop(-1);
}

static struct ui_action card_pivot(void *self, int key)
{
	(void)key;
	struct story_card *c = self;
	struct ui_screen *next = pivot_story(c->s, c->st, rng_next(c->r) % 1000000000ull);
	return next ? ui_replace(next) : ui_pop(-1);
}

/* Check the bank again after an edit: every problem, this story's first. */
static void after_edit(const char *dir, const char *path, char *msg, size_t n)
{
	struct strvec problems = {0};
	bank_problems(dir, &problems);
	size_t used = (size_t)snprintf(msg, n, "%s",
				       problems.n ? "checked: still to fix (the story is left out "
						    "until it passes):\n"
						  : "checked: the story and the bank are fine "
						    "(changes apply on the next start)");
	for (int mine = 1; mine >= 0; mine--)
		for (size_t i = 0; i < problems.n && used < n; i++)
			if (starts_with(problems.v[i], path) == mine)
				used += (size_t)snprintf(msg + used, n - used, "\n%s", problems.v[i]);
	strvec_free(&problems);
}

/* Edit in $EDITOR, then check the bank again and say what came of it. */
static struct ui_action card_edit(void *self, int key)
{
	(void)key;
	struct story_card *c = self;
	char errbuf[ERRBUF_SIZE], msg[ERRBUF_SIZE];
	int rc = ui_run_editor(c->st->path, errbuf);
	if (rc < 0)
		snprintf(msg, sizeof msg, "%s", errbuf);
	else
		after_edit(c->s->env.bank->dir, c->st->path, msg, sizeof msg);
	return ui_replace(screen_text("rehearse · story bank · after editing", msg));
}

static void card_done(void *self)
{
	free(self);
}

/* A moment has nothing to practise until it is written out: its card
 * offers only editing, and says so. */
static bool card_is_story(void *self)
{
	return !((struct story_card *)self)->st->is_moment;
}

static const struct ui_binding card_keys[] = {
	{{KEY_UP, KEY_DOWN}, "↑↓ scroll", card_scroll, NULL, 0},
	{{'p'}, "p practise this story", card_practise, card_is_story, 0},
	{{'v'}, "v pivot drill", card_pivot, card_is_story, 0},
	{{'e'}, "e edit in $EDITOR", card_edit, NULL, 0},
	{{'q', 27, KEY_LEFT}, "q back", NULL, NULL, -1},
	UI_END_KEYS,
};

static const struct ui_screen_ops card_ops = {.draw = card_draw, .done = card_done};

static struct ui_screen *story_card(const struct session *s, struct rng *r, const struct story *st)
{
	struct story_card *c = xcalloc(1, sizeof *c);
	ui_screen_init(&c->ui, &card_ops, card_keys, UI_TICK_MS * 4);
	c->s = s;
	c->r = r;
	c->st = st;
	return &c->ui;
}

static void render_coverage(const struct session *s, FILE *out, int width)
{
	(void)width; /* a wide table scrolls sideways */
	struct pace_basis pace;
	char errbuf[ERRBUF_SIZE];
	if (pace_basis_from_store(s->env.store, s->opts->seconds, &pace, errbuf) < 0)
		fprintf(out, "(%s: lengths at a steady pace)\n", errbuf);
	bank_print_coverage(s->env.bank, &pace, out);
	fputc('\n', out);
	bank_check_warnings(s->env.bank, &pace, out);
}

/* The bank's questions: Enter practises the chosen one. */
struct question_list {
	struct ui_list list;
	const struct session *s;
	char **items;
	int built_cols;
};

static void questions_layout(struct question_list *q)
{
	const struct bank *b = q->s->env.bank;
	for (size_t i = 0; i < b->nqs; i++) {
		free(q->items[i]);
		q->items[i] = xasprintf("%-10s %-13s %s", b->qs[i].id,
					b->cats[b->qs[i].first_cat].name, b->qs[i].text);
	}
	q->built_cols = COLS;
}

/* The list, and the chosen question whole under it with all its categories. */
static void questions_draw(void *self)
{
	struct question_list *q = self;
	if (q->built_cols != COLS)
		questions_layout(q);
	ui_list_draw(q);
	const struct bank *b = q->s->env.bank;
	if (!q->list.n)
		return;
	const struct question *qu = &b->qs[q->list.sel];
	char cats[256], line[512];
	catmask_format(b, qu->cats, cats, sizeof cats);
	int y = LINES - 2 - BANK_DETAIL_LINES;
	ui_fill(y++, 1, COLS - 2, "─", ui_attr(C_DIM));
	snprintf(line, sizeof line, "%s · %s · %s", qu->id, level_name(qu->level), cats);
	ui_text(y++, 2, COLS - 4, line, ui_attr(C_DIM));
	ui_wrap(y, 2, COLS - 4, 0, 2, qu->text, A_BOLD);
}

static struct ui_action questions_practise(void *self, int key)
{
	(void)key;
	struct question_list *q = self;
	const struct bank *b = q->s->env.bank;
	if (!q->list.n)
		return ui_stay();
	struct plan p;
	plan_question(&p, b, q->s->env.store, &b->qs[q->list.sel]);
	struct ui_action act = ui_push(screen_plan(q->s, &p));
	plan_free(&p);
	return act;
}

static void questions_done(void *self)
{
	struct question_list *q = self;
	for (int i = 0; i < q->list.n; i++)
		free(q->items[i]);
	free(q->items);
	free(q);
}

static const struct ui_binding questions_keys[] = {
	UI_LIST_NAV("↑↓ move"),
	{{UI_LIST_ENTER}, "Enter practise this question", questions_practise, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_screen_ops questions_ops = {.draw = questions_draw,
						   .done = questions_done};

static struct ui_screen *screen_questions(const struct session *s)
{
	const struct bank *b = s->env.bank;
	struct question_list *q = xcalloc(1, sizeof *q);
	q->s = s;
	q->items = xcalloc(b->nqs + 1, sizeof *q->items);
	ui_list_init(&q->list, &questions_ops, questions_keys, "rehearse · story bank · questions");
	q->list.header = "id         category      question";
	q->list.reserve = BANK_DETAIL_LINES;
	ui_list_set(&q->list, (const char *const *)q->items, (int)b->nqs);
	return &q->list.ui;
}

static const struct story *selected(struct bank_list *l)
{
	return l->list.n ? &l->s->env.bank->stories[l->idx[l->list.sel]] : NULL;
}

static struct ui_action list_read(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	return selected(l) ? ui_push(story_card(l->s, l->r, selected(l))) : ui_stay();
}

/* A moment has no STAR text to tell: say so instead of doing nothing. */
static bool refuse_moment(struct bank_list *l, const char *what)
{
	const struct story *st = selected(l);
	l->note[0] = '\0';
	if (!st || !st->is_moment)
		return false;
	snprintf(l->note, sizeof l->note,
		 "'%s' is a moment, not a story yet: write out its STAR sections first "
		 "(Enter, then e to edit), then %s it",
		 st->id, what);
	return true;
}

static struct ui_action list_practise(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	if (!selected(l) || refuse_moment(l, "practise"))
		return ui_stay();
	return ui_push(practise_story(l->s, selected(l)));
}

static struct ui_action list_pivot(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	if (!selected(l) || refuse_moment(l, "pivot"))
		return ui_stay();
	if (l->pivot && l->pivot_sel == l->list.sel) /* the drill the chooser described */
		return ui_push(pivot_story(l->s, selected(l), l->pivot_seed));
	return ui_push(pivot_story(l->s, selected(l), rng_next(l->r) % 1000000000ull));
}

static struct ui_action list_coverage(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	if (!l->list.n)
		return ui_stay();
	return ui_push(screen_report("rehearse · story bank · coverage", render_coverage, l->s));
}

static struct ui_action list_questions(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	if (!l->list.n)
		return ui_stay();
	return ui_push(screen_questions(l->s));
}

static void list_done(void *self)
{
	struct bank_list *l = self;
	for (int i = 0; i < l->list.n; i++)
		free(l->owned[i]);
	free(l->owned);
	free(l->items);
	free(l->idx);
	free(l);
}

static struct ui_action bank_move(void *self, int key)
{
	((struct bank_list *)self)->note[0] = '\0';
	return ui_list_move(self, key);
}

static const struct ui_binding bank_keys[] = {
	{{KEY_UP, 'k', KEY_DOWN, 'j', KEY_PPAGE, KEY_NPAGE}, NULL, bank_move, NULL, 0},
	{{UI_LIST_ENTER}, "Enter read", list_read, NULL, 0},
	{{'p'}, "p practise", list_practise, NULL, 0},
	{{'v'}, "v pivot", list_pivot, NULL, 0},
	{{'c'}, "c coverage", list_coverage, NULL, 0},
	{{'Q'}, "Q questions", list_questions, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_binding pivot_keys[] = {
	{{KEY_UP, 'k', KEY_DOWN, 'j', KEY_PPAGE, KEY_NPAGE}, NULL, bank_move, NULL, 0},
	{{UI_LIST_ENTER}, "Enter pivot drill", list_pivot, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

/* "Title cut with an ellipsis…   243 words, tight" for one row of cols
 * columns: the length judged as bank check judges it (bank_tools.h). */
static char *story_row(const struct story *st, const struct pace_basis *pace, int cols)
{
	char tail[48], word[32];
	struct length_grade g;
	story_length_grade(st->words, pace, &g);
	if (st->is_moment)
		snprintf(tail, sizeof tail, "moment");
	else
		snprintf(tail, sizeof tail, "%3d words, %s", st->words,
			 story_length_word(&g, word, sizeof word));
	int w = cols - 2 - (int)strlen(tail);
	bool dots;
	size_t k = ui_cut(st->title, strlen(st->title), w, false, &dots);
	char *title = xasprintf("%.*s%s", (int)k, st->title, dots ? "…" : "");
	int pad = w - utf8_width(title);
	char *row = xasprintf("%s%*s  %s", title, pad > 0 ? pad : 0, "", tail);
	free(title);
	return row;
}

static void bank_layout(struct bank_list *l)
{
	const struct bank *b = l->s->env.bank;
	struct pace_basis pace;
	char errbuf[ERRBUF_SIZE]; /* unreadable history: the steady band */
	pace_basis_from_store(l->s->env.store, l->s->opts->seconds, &pace, errbuf);
	for (int i = 0; i < l->list.n; i++) {
		free(l->owned[i]);
		l->owned[i] = story_row(&b->stories[l->idx[i]], &pace, COLS - 4);
		l->items[i] = l->owned[i];
	}
	l->built_cols = COLS;
}

/* The pivot chooser's word on the chosen story: what the drill is, and the
 * categories this one would be told for (plan_pivot's picks). */
static void pivot_describe(struct bank_list *l, const struct story *st)
{
	if (l->pivot_sel == l->list.sel)
		return;
	l->pivot_sel = l->list.sel;
	if (st->is_moment) {
		snprintf(l->pivot_what, sizeof l->pivot_what,
			 "Pivot drill: one story told for three categories' questions. A moment "
			 "has no STAR sections to tell yet.");
		return;
	}
	const struct bank *b = l->s->env.bank;
	l->pivot_seed = rng_next(l->r) % 1000000000ull;
	struct plan p;
	plan_pivot(&p, b, l->s->env.store, st, l->pivot_seed);
	size_t used = (size_t)snprintf(l->pivot_what, sizeof l->pivot_what,
				       "Pivot drill: this one story, told %zu time%s, once for a question of each: ",
				       p.npicks, p.npicks == 1 ? "" : "s");
	for (size_t i = 0; i < p.npicks && used < sizeof l->pivot_what; i++) {
		const struct pick *k = &p.picks[i];
		int cat = k->question ? k->question->first_cat : k->match.category;
		used += (size_t)snprintf(l->pivot_what + used, sizeof l->pivot_what - used, "%s%s",
					 i ? ", " : "", b->cats[cat].name);
	}
	if (used < sizeof l->pivot_what)
		snprintf(l->pivot_what + used, sizeof l->pivot_what - used, ". Enter starts it.");
	plan_free(&p);
}

/* Under the list: the chosen story's id, categories and strength, and why
 * the last key did nothing, if it did not. */
static void bank_draw(void *self)
{
	struct bank_list *l = self;
	if (l->built_cols != COLS)
		bank_layout(l);
	ui_list_draw(l);
	const struct story *st = selected(l);
	if (!st)
		return;
	const struct bank *b = l->s->env.bank;
	char cats[256], line[600];
	catmask_format(b, st->cats, cats, sizeof cats);
	int y = LINES - 2 - l->list.reserve;
	ui_fill(y++, 1, COLS - 2, "─", ui_attr(C_DIM));
	snprintf(line, sizeof line, "%s · strength %d · %s", st->id, st->strength, cats);
	/* Two lines: at 80 columns a story of four categories needs them, and
	 * one line dropped the last category without a sign. */
	int rows = ui_wrap(y, 2, COLS - 4, 0, 2, line, ui_attr(C_DIM));
	y += rows < 2 ? 1 : 2;
	if (l->pivot) {
		pivot_describe(l, st);
		int n = ui_wrap(y, 2, COLS - 4, 0, 2, l->pivot_what, ui_attr(C_ACCENT));
		y += n < 2 ? n : 2;
	}
	if (l->note[0])
		ui_wrap(y, 2, COLS - 4, 0, 2, l->note, ui_attr(C_WARN));
}

/* A plan opened from here ended with "m menu" or "q quit": pass it on. */
static struct ui_action list_resume(void *self, int result)
{
	(void)self;
	return result == OUT_MENU || result == OUT_QUIT ? ui_pop(result) : ui_stay();
}

static const struct ui_screen_ops list_ops = {
	.draw = bank_draw, .resume = list_resume, .done = list_done};

struct ui_screen *screen_bank(const struct session *s, struct rng *r, bool pivot_only)
{
	const struct bank *b = s->env.bank;
	struct bank_list *l = xcalloc(1, sizeof *l);
	l->s = s;
	l->r = r;
	l->items = xcalloc(b->nstories + 1, sizeof *l->items);
	l->owned = xcalloc(b->nstories + 1, sizeof *l->owned);
	l->idx = xcalloc(b->nstories + 1, sizeof *l->idx);
	for (size_t i = 0; i < b->nstories; i++)
		l->idx[i] = (int)i;
	ui_list_init(&l->list, &list_ops, pivot_only ? pivot_keys : bank_keys,
		     pivot_only ? "rehearse · pivot drill: choose a story"
				: "rehearse · story bank");
	l->pivot = pivot_only;
	l->pivot_sel = -1;
	l->list.reserve = BANK_DETAIL_LINES + (pivot_only ? 2 : 0);
	ui_list_set(&l->list, l->items, (int)b->nstories);
	return &l->list.ui;
}
