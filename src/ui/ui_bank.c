/* ui_bank.c - the story bank from the home menu: the list of stories (or,
 * for the pivot drill, the stories to choose from), a story's full text,
 * editing it, and the coverage and question reports. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "rehearse/bank_tools.h"
#include "rehearse/paths.h"
#include "screens.h"
#include "ui_list.h"

struct bank_list {
	struct ui_list list;
	struct session *s;
	struct rng *r;
	const char **items;
	char **owned;
	int *idx; /* list entry -> story */
};

struct story_card {
	struct ui_screen ui;
	struct session *s;
	struct rng *r;
	const struct story *st;
	int scroll;
};

/* Practise the story itself, in its first category. */
static struct ui_screen *practise_story(struct session *s, const struct story *st)
{
	if (st->is_moment)
		return NULL; /* nothing to practise yet */
	struct pick pick = {.match = {.story = st, .category = __builtin_ctz(st->cats),
				      .missing_category = -1}};
	struct plan p = {"practice", &pick, 1, 0, NULL};
	return screen_plan(s, &p);
}

/* The same story for three categories. */
static struct ui_screen *pivot_story(struct session *s, const struct story *st, struct rng *r)
{
	if (st->is_moment)
		return NULL;
	struct history_view h = {0};
	char errbuf[ERRBUF_SIZE];
	store_load_recency(s->env.store, &h, errbuf);
	struct pick picks[3];
	size_t n = engine_pivot(s->env.bank, st, &h, r, picks);
	recency_free(&h.questions);
	recency_free(&h.stories);
	struct plan p = {"pivot", picks, n, 0, NULL};
	return screen_plan(s, &p);
}

/* A story as its cue card, full text, scrollable. */
static void card_draw(void *self)
{
	struct story_card *c = self;
	const struct story *st = c->st;
	ui_clear();
	ui_title("rehearse · story bank", st->id);
	char *text = xasprintf("%s\n\nSituation: %s\n\nTask: %s\n\nAction: %s\n\nResult: %s\n\n%s",
			       st->title, st->star[0] ? st->star[0] : "(moment)",
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
	struct ui_screen *next = pivot_story(c->s, c->st, c->r);
	return next ? ui_replace(next) : ui_pop(-1);
}

/* Edit in $EDITOR, then check the bank again and say what came of it. */
static struct ui_action card_edit(void *self, int key)
{
	(void)key;
	struct story_card *c = self;
	char errbuf[ERRBUF_SIZE], msg[ERRBUF_SIZE];
	def_prog_mode();
	endwin();
	int rc = run_editor(c->st->path, errbuf);
	reset_prog_mode();
	refresh();
	struct bank fresh;
	if (rc < 0)
		snprintf(msg, sizeof msg, "%s", errbuf);
	else if (bank_load(&fresh, c->s->env.bank->dir, errbuf) < 0)
		snprintf(msg, sizeof msg, "%s", errbuf);
	else {
		snprintf(msg, sizeof msg,
			 "checked: the bank is fine (changes apply on the next start)");
		bank_free(&fresh);
	}
	return ui_replace(screen_text("rehearse · story bank · after editing", msg));
}

static void card_done(void *self)
{
	free(self);
}

static const struct ui_binding card_keys[] = {
	{{KEY_UP, KEY_DOWN}, "↑↓ scroll", card_scroll, NULL, 0},
	{{'p'}, "p practise this story", card_practise, NULL, 0},
	{{'v'}, "v pivot drill", card_pivot, NULL, 0},
	{{'e'}, "e edit in $EDITOR", card_edit, NULL, 0},
	{{'q', 27, KEY_LEFT}, "q back", NULL, NULL, -1},
	UI_END_KEYS,
};

static const struct ui_screen_ops card_ops = {.draw = card_draw, .done = card_done};

static struct ui_screen *story_card(struct session *s, struct rng *r, const struct story *st)
{
	struct story_card *c = xcalloc(1, sizeof *c);
	ui_screen_init(&c->ui, &card_ops, card_keys, UI_TICK_MS * 4);
	c->s = s;
	c->r = r;
	c->st = st;
	return &c->ui;
}

static void render_coverage(struct session *s, FILE *out)
{
	bank_print_coverage(s->env.bank, out);
	fputc('\n', out);
	bank_check_warnings(s->env.bank, out);
}

static void render_questions(struct session *s, FILE *out)
{
	const struct bank *b = s->env.bank;
	for (size_t i = 0; i < b->nqs; i++) {
		char cats[256];
		catmask_format(b, b->qs[i].cats, cats, sizeof cats);
		fprintf(out, "%-10s %-7s %-28.28s %s\n", b->qs[i].id, level_name(b->qs[i].level),
			cats, b->qs[i].text);
	}
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

static struct ui_action list_practise(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	return selected(l) ? ui_push(practise_story(l->s, selected(l))) : ui_stay();
}

static struct ui_action list_pivot(void *self, int key)
{
	(void)key;
	struct bank_list *l = self;
	return selected(l) ? ui_push(pivot_story(l->s, selected(l), l->r)) : ui_stay();
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
	return ui_push(screen_report("rehearse · story bank · questions", render_questions, l->s));
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

static const struct ui_binding bank_keys[] = {
	UI_LIST_NAV(NULL),
	{{UI_LIST_ENTER}, "Enter read", list_read, NULL, 0},
	{{'p'}, "p practise", list_practise, NULL, 0},
	{{'v'}, "v pivot", list_pivot, NULL, 0},
	{{'c'}, "c coverage", list_coverage, NULL, 0},
	{{'Q'}, "Q questions", list_questions, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_binding pivot_keys[] = {
	UI_LIST_NAV(NULL),
	{{UI_LIST_ENTER}, "Enter pivot drill", list_pivot, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

/* A plan opened from here ended with "m menu" or "q quit": pass it on. */
static struct ui_action list_resume(void *self, int result)
{
	(void)self;
	return result == OUT_MENU || result == OUT_QUIT ? ui_pop(result) : ui_stay();
}

static const struct ui_screen_ops list_ops = {
	.draw = ui_list_draw, .resume = list_resume, .done = list_done};

struct ui_screen *screen_bank(struct session *s, struct rng *r, bool pivot_only)
{
	const struct bank *b = s->env.bank;
	struct bank_list *l = xcalloc(1, sizeof *l);
	l->s = s;
	l->r = r;
	l->items = xcalloc(b->nstories + 1, sizeof *l->items);
	l->owned = xcalloc(b->nstories + 1, sizeof *l->owned);
	l->idx = xcalloc(b->nstories + 1, sizeof *l->idx);
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *st = &b->stories[i];
		char cats[256];
		catmask_format(b, st->cats, cats, sizeof cats);
		l->owned[i] =
			st->is_moment
				? xasprintf("%-40.40s  moment: not written out yet", st->title)
				: xasprintf("%-40.40s  %3d words · %s", st->title, st->words, cats);
		l->items[i] = l->owned[i];
		l->idx[i] = (int)i;
	}
	ui_list_init(&l->list, &list_ops, pivot_only ? pivot_keys : bank_keys,
		     pivot_only ? "rehearse · pivot drill: choose a story"
				: "rehearse · story bank");
	ui_list_set(&l->list, l->items, (int)b->nstories);
	return &l->list.ui;
}
