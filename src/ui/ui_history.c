/* ui_history.c - History from the home menu: the attempts, newest first,
 * a filter by category or story, and from there playback, critique and
 * deletion. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "screens.h"
#include "ui_list.h"

#define HIST_MAX 1000

enum hist_wait { W_NOTHING, W_FILTER, W_DELETE };

struct history {
	struct ui_list list;
	struct session *s;
	struct history_query q;
	char label[160]; /* the filter, for the title */
	char *items[HIST_MAX];
	long long ids[HIST_MAX];
	enum hist_wait waiting;
};

static int hist_row(const struct attempt_row *r, void *ctx)
{
	struct history *h = ctx;
	if (h->list.n == HIST_MAX)
		return 1;
	char when[32], dur[16], wpm[16] = "   -", rating[8] = "   ";
	format_local_time(r->started_at, when, sizeof when);
	format_mmss(r->duration_s, dur, sizeof dur);
	if (r->has_stats)
		snprintf(wpm, sizeof wpm, "%4.0f", r->stats.wpm_estimate);
	if (r->rating)
		snprintf(rating, sizeof rating, "%d/5", r->rating);
	h->items[h->list.n] = xasprintf("%5lld  %s  %-8s %-11s %5s %s wpm  %s  %-10.10s %s", r->id,
					when, r->mode, attempt_status_name(r->status), dur, wpm, rating,
					r->question_id ? r->question_id : "story",
					r->question_text ? r->question_text : "");
	h->ids[h->list.n++] = r->id;
	return 0;
}

static void free_items(struct history *h)
{
	for (int i = 0; i < h->list.n; i++)
		free(h->items[i]);
	h->list.n = 0;
}

static void reload(struct history *h)
{
	free_items(h);
	char errbuf[ERRBUF_SIZE];
	store_each_attempt(h->s->env.store, &h->q, hist_row, h, errbuf);
	ui_list_set(&h->list, (const char *const *)h->items, h->list.n);
	snprintf(h->list.title, sizeof h->list.title, "rehearse · history (newest first)%s",
		 h->label);
}

/* The filter: everything, one category, or one story. */
struct filter_list {
	struct ui_list list;
	struct history *h;
	const char **items;
	char **owned;
	size_t total;
};

static struct ui_action filter_choose(void *self, int key)
{
	(void)key;
	struct filter_list *f = self;
	const struct bank *b = f->h->s->env.bank;
	struct history_query *q = &f->h->q;
	size_t c = (size_t)f->list.sel;
	q->category = q->story = NULL;
	f->h->label[0] = '\0';
	if (c > 0 && c <= b->ncats)
		q->category = b->cats[c - 1].name;
	else if (c > 0)
		q->story = b->stories[c - 1 - b->ncats].id;
	if (c > 0)
		snprintf(f->h->label, sizeof f->h->label, " · %s",
			 q->category ? q->category : q->story);
	return ui_pop(0);
}

static void filter_done(void *self)
{
	struct filter_list *f = self;
	for (size_t i = 0; i < f->total; i++)
		free(f->owned[i]);
	free(f->owned);
	free(f->items);
	free(f);
}

static const struct ui_binding filter_keys[] = {
	UI_LIST_NAV(NULL),
	{{UI_LIST_ENTER}, "Enter choose", filter_choose, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_screen_ops filter_ops = {.draw = ui_list_draw, .done = filter_done};

static struct ui_screen *filter_screen(struct history *h)
{
	const struct bank *b = h->s->env.bank;
	struct filter_list *f = xcalloc(1, sizeof *f);
	f->h = h;
	f->total = 1 + b->ncats + b->nstories;
	f->items = xcalloc(f->total, sizeof *f->items);
	f->owned = xcalloc(f->total, sizeof *f->owned);
	f->items[0] = "All attempts";
	for (size_t i = 0; i < b->ncats; i++)
		f->items[1 + i] = f->owned[1 + i] = xasprintf("Category: %s", b->cats[i].name);
	for (size_t i = 0; i < b->nstories; i++)
		f->items[1 + b->ncats + i] = f->owned[1 + b->ncats + i] =
			xasprintf("Story: %s", b->stories[i].title);
	ui_list_init(&f->list, &filter_ops, filter_keys, "rehearse · history: show");
	ui_list_set(&f->list, f->items, (int)f->total);
	return &f->list.ui;
}

static long long selected_id(struct history *h)
{
	return h->list.n ? h->ids[h->list.sel] : 0;
}

static struct ui_action hist_play(void *self, int key)
{
	(void)key;
	struct history *h = self;
	return h->list.n ? ui_push(screen_play(h->s, selected_id(h))) : ui_stay();
}

static struct ui_action hist_critique(void *self, int key)
{
	(void)key;
	struct history *h = self;
	return h->list.n ? ui_push(screen_critique(h->s, selected_id(h))) : ui_stay();
}

static struct ui_action hist_filter(void *self, int key)
{
	(void)key;
	struct history *h = self;
	if (!h->list.n)
		return ui_stay();
	h->waiting = W_FILTER;
	return ui_push(filter_screen(h));
}

static struct ui_action hist_delete(void *self, int key)
{
	(void)key;
	struct history *h = self;
	if (!h->list.n)
		return ui_stay();
	char q[96];
	snprintf(q, sizeof q, "Delete attempt %lld and its recording? y yes · n no",
		 selected_id(h));
	h->waiting = W_DELETE;
	return ui_push(ui_prompt(q, "yn"));
}

/* Delete the selected attempt; a failure is shown until a key is pressed. */
static struct ui_action delete_selected(struct history *h)
{
	char errbuf[ERRBUF_SIZE];
	if (attempt_delete(h->s->env.store, selected_id(h), NULL, errbuf) == 0)
		return ui_stay();
	char msg[ERRBUF_SIZE + 16];
	snprintf(msg, sizeof msg, "%s · Enter", errbuf);
	return ui_push(ui_prompt(msg, "\n\r q"));
}

static struct ui_action hist_resume(void *self, int result)
{
	struct history *h = self;
	struct ui_action act = ui_stay();
	if (h->waiting == W_DELETE && result == 'y')
		act = delete_selected(h);
	if (h->waiting == W_FILTER)
		h->list.sel = 0;
	h->waiting = W_NOTHING;
	reload(h);
	return act;
}

static void hist_done(void *self)
{
	struct history *h = self;
	free_items(h);
	free(h);
}

static const struct ui_binding hist_keys[] = {
	UI_LIST_NAV(NULL),
	{{UI_LIST_ENTER}, "Enter play", hist_play, NULL, 0},
	{{'c'}, "c critique", hist_critique, NULL, 0},
	{{'f'}, "f filter", hist_filter, NULL, 0},
	{{'d'}, "d delete", hist_delete, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_screen_ops hist_ops = {
	.draw = ui_list_draw, .resume = hist_resume, .done = hist_done};

struct ui_screen *screen_history(struct session *s)
{
	struct history *h = xcalloc(1, sizeof *h);
	h->s = s;
	ui_list_init(&h->list, &hist_ops, hist_keys, "");
	reload(h);
	return &h->list.ui;
}
