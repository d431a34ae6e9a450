/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_history.c - History from the home menu: the attempts, newest first,
 * a filter by category or story, and from there playback, critique and
 * deletion. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screens.h"
#include "rehearse/compare.h"
#include "rehearse/feedback.h"
#include "ui_list.h"

#define HIST_MAX 1000
#define DETAIL_LINES 12 /* the selected attempt under the list */

enum hist_wait { W_NOTHING, W_FILTER, W_DELETE, W_CRITIQUE };

/* What a row shows, kept so the rows can be laid out again on a resize. */
struct hist_item {
	long long id, started_at;
	char *mode, *key, *text, *category, *story;
	enum attempt_status status;
	double duration_s, wpm, first_s;
	bool analysed;
	struct take_meaning m; /* what its figures mean (feedback.h) */
	int rating;
	long long parent; /* a follow-up's answer (store_follow_up_parent); 0: none */
};

/* The comparison of the selected attempt with the take before it. */
struct hist_detail {
	long long id, prev_id; /* id 0: not computed */
	int n;		       /* lines; 0: nothing to compare with */
	struct compare_line lines[COMPARE_MAX];
};

struct history {
	struct ui_list list;
	const struct session *s;
	struct history_query q;
	char label[160]; /* the filter, for the title */
	char *items[HIST_MAX];
	struct hist_item rows[HIST_MAX];
	int built_cols; /* COLS the items were laid out for */
	struct hist_detail d;
	char note[ERRBUF_SIZE];
	enum hist_wait waiting;
};

static bool is_follow_up(const struct hist_item *it)
{
	return attempt_mode_is_follow_up(it->mode);
}

static int hist_row(const struct attempt_row *r, void *ctx)
{
	struct history *h = ctx;
	if (h->list.n == HIST_MAX)
		return 1;
	struct hist_item *it = &h->rows[h->list.n++];
	*it = (struct hist_item){
		.id = r->id, .started_at = r->started_at, .mode = xstrdup(r->mode),
		.key = xstrdup(r->question_id ? r->question_id : r->story_id ? r->story_id : "-"),
		.text = xstrdup(r->question_text ? r->question_text : ""),
		.category = r->category ? xstrdup(r->category) : NULL,
		.story = r->story_id ? xstrdup(r->story_id) : NULL, .status = r->status,
		.duration_s = r->duration_s, .wpm = r->stats.wpm_estimate,
		.first_s = r->stats.first_speech_s, .analysed = r->has_stats,
		.m = take_meaning(r->status, r->has_stats, r->stats.has_speech, r->stats.speech_s,
				  r->duration_s, r->limit_s),
		.rating = r->rating};
	char errbuf[ERRBUF_SIZE]; /* unknown: listed where it is */
	if (is_follow_up(it))
		store_follow_up_parent(h->s->env.store, r->id, &it->parent, errbuf);
	return 0;
}

static bool listed(const struct history *h, long long id)
{
	for (int i = 0; i < h->list.n; i++)
		if (h->rows[i].id == id)
			return true;
	return false;
}

/* Each follow-up under its answer when that is listed too (newest first,
 * a follow-up comes before it). */
static void follow_ups_under(struct history *h)
{
	static struct hist_item order[HIST_MAX];
	int n = 0;
	for (int i = 0; i < h->list.n; i++) {
		const struct hist_item *it = &h->rows[i];
		if (it->parent && listed(h, it->parent))
			continue;
		order[n++] = *it;
		for (int k = 0; k < h->list.n; k++)
			if (h->rows[k].parent == it->id)
				order[n++] = h->rows[k];
	}
	memcpy(h->rows, order, (size_t)n * sizeof *order);
}

static const char *shown_status(const struct hist_item *it)
{
	return it->m.status;
}

/* One row: the figures first, then the id whole; from 100 columns on, the
 * mode, the full date and the question text too. */
static char *row_text(const struct hist_item *it, bool wide)
{
	char when[32], dur[16], wpm[16] = "—", fw[16] = "—", rating[8] = "—";
	format_local_time(it->started_at, when, sizeof when);
	format_mmss(it->duration_s, dur, sizeof dur);
	if (!it->analysed)
		snprintf(wpm, sizeof wpm, "-"), snprintf(fw, sizeof fw, "-");
	if (it->m.pace_known)
		snprintf(wpm, sizeof wpm, "%.0f", it->wpm);
	if (it->m.heard)
		snprintf(fw, sizeof fw, "%.1fs", it->first_s);
	if (it->rating)
		snprintf(rating, sizeof rating, "%d/5", it->rating);
	/* "—" is three bytes in one column: pad by hand. */
	char cells[96];
	const char *arrow = is_follow_up(it) ? "↳ " : ""; /* under its answer */
	snprintf(cells, sizeof cells, "%*s%s %*s%s %*s%s", 4 - utf8_width(wpm), "", wpm,
		 6 - utf8_width(fw), "", fw, 4 - utf8_width(rating), "", rating);
	if (wide)
		return xasprintf("%5lld  %s  %-9s %-11s %5s %s  %s%s  %s", it->id, when, it->mode,
				 shown_status(it), dur, cells, arrow, it->key, it->text);
	when[10] = '\0'; /* the month and day: the time is under the list */
	return xasprintf("%5lld  %s  %-11s %5s %s  %s%s", it->id, when + 5, shown_status(it), dur,
			 cells, arrow, it->key);
}

static void layout_rows(struct history *h)
{
	bool wide = COLS >= 100;
	for (int i = 0; i < h->list.n; i++) {
		free(h->items[i]);
		h->items[i] = row_text(&h->rows[i], wide);
	}
	h->list.header = wide ? "   id  when              mode      status       time  wpm  first rate  "
				"question"
			      : "   id  day    status       time  wpm  first rate  question";
	h->built_cols = COLS;
}

static void free_items(struct history *h)
{
	for (int i = 0; i < h->list.n; i++) {
		free(h->items[i]);
		h->items[i] = NULL;
		struct hist_item *it = &h->rows[i];
		free(it->mode);
		free(it->key);
		free(it->text);
		free(it->category);
		free(it->story);
	}
	h->list.n = 0;
}

static void reload(struct history *h)
{
	free_items(h);
	char errbuf[ERRBUF_SIZE];
	store_each_attempt(h->s->env.store, &h->q, hist_row, h, errbuf);
	follow_ups_under(h);
	h->built_cols = 0;
	h->d.id = 0;
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
	return h->list.n ? h->rows[h->list.sel].id : 0;
}

/* Compare the selected attempt with the take before it, once per selection. */
static void compute_detail(struct history *h)
{
	long long id = selected_id(h);
	if (!id || h->d.id == id)
		return;
	memset(&h->d, 0, sizeof h->d);
	h->d.id = id;
	struct store *st = h->s->env.store;
	char errbuf[ERRBUF_SIZE];
	struct attempt_row cur, prev;
	double mc[STAR_COUNT], mp[STAR_COUNT];
	if (store_get_attempt(st, id, &cur, errbuf) < 0)
		return;
	if (store_get_marks(st, id, mc, errbuf) == 0 &&
	    compare_find_previous(st, &cur, &prev, mp, errbuf) == 1) {
		const struct bank *b = h->s->env.bank;
		int ci = cur.category ? bank_category_index(b, cur.category) : -1;
		struct compare_take before, after;
		compare_take_from_row(&prev, mp, &before);
		compare_take_from_row(&cur, mc, &after);
		h->d.prev_id = prev.id;
		h->d.n = compare_takes(&before, &after, ci >= 0 ? &b->cats[ci] : NULL, h->d.lines);
		attempt_row_free(&prev);
	}
	attempt_row_free(&cur);
}

static void draw_comparison(const struct hist_detail *d, int y)
{
	char head[96];
	snprintf(head, sizeof head, "Against the take before it (attempt %lld):", d->prev_id);
	ui_text(y++, 2, COLS - 4, head, ui_attr(C_DIM));
	for (int i = 0; i < d->n; i++, y++) {
		const struct compare_line *l = &d->lines[i];
		char text[160];
		int pad = 14 - utf8_width(l->before);
		snprintf(text, sizeof text, "%*s%s → %s", pad > 0 ? pad : 0, "", l->before, l->after);
		ui_text(y, 4, 12, l->label, ui_attr(C_DIM));
		ui_text(y, 17, 32, text, A_NORMAL);
		int a = l->verdict == CMP_BETTER ? ui_attr(C_OK)
			: l->verdict == CMP_WORSE ? ui_attr(C_WARN) : (int)A_NORMAL;
		snprintf(text, sizeof text, "%s %s", compare_verdict_mark(l->verdict), l->change);
		ui_text(y, 50, COLS - 52, text, a);
	}
}

/* Under the list: the selected attempt's question whole, and how it
 * compares with the take before it. */
static void hist_draw(void *self)
{
	struct history *h = self;
	if (h->built_cols != COLS)
		layout_rows(h);
	ui_list_draw(h);
	if (!h->list.n)
		return;
	compute_detail(h);
	const struct hist_item *it = &h->rows[h->list.sel];
	int y = LINES - 2 - DETAIL_LINES;
	ui_fill(y++, 1, COLS - 2, "─", ui_attr(C_DIM));
	char line[256], when[32], mode[64];
	format_local_time(it->started_at, when, sizeof when);
	if (it->parent)
		snprintf(mode, sizeof mode, "follow-up of attempt %lld", it->parent);
	else
		snprintf(mode, sizeof mode, "%s", it->mode);
	snprintf(line, sizeof line, "attempt %lld · %s · %s · %s%s%s%s%s", it->id, when, mode,
		 it->key,
		 it->category ? " · " : "", it->category ? it->category : "",
		 it->story && strcmp(it->story, it->key) ? " · story " : "",
		 it->story && strcmp(it->story, it->key) ? it->story : "");
	y += ui_wrap(y, 2, COLS - 4, 0, 2, line, A_BOLD) > 1 ? 2 : 1;
	y += ui_wrap(y, 2, COLS - 4, 0, 2, it->text, A_NORMAL) > 1 ? 2 : 1;
	if (h->note[0])
		ui_text(y++, 2, COLS - 4, h->note, ui_attr(C_OK));
	if (h->d.n)
		draw_comparison(&h->d, y);
	else
		ui_text(y, 2, COLS - 4, "No earlier take of this question to compare with.",
			ui_attr(C_DIM));
}

static struct ui_action hist_play(void *self, int key)
{
	(void)key;
	struct history *h = self;
	return h->list.n ? ui_push(screen_play(h->s, selected_id(h))) : ui_stay();
}

/* The take before this one, then this one, back to back. */
static struct ui_action hist_play_both(void *self, int key)
{
	(void)key;
	struct history *h = self;
	if (!h->list.n)
		return ui_stay();
	compute_detail(h);
	if (!h->d.prev_id) {
		snprintf(h->note, sizeof h->note, "attempt %lld has no earlier take to play before it",
			 selected_id(h));
		return ui_stay();
	}
	return ui_push(screen_play_pair(h->s, h->d.prev_id, selected_id(h)));
}

static struct ui_action hist_critique(void *self, int key)
{
	(void)key;
	struct history *h = self;
	if (!h->list.n)
		return ui_stay();
	h->waiting = W_CRITIQUE;
	return ui_push(screen_critique(h->s, selected_id(h)));
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
	int rc = attempt_delete(h->s->env.store, selected_id(h), NULL, errbuf);
	if (rc > 0) /* the row is gone; what it named was left alone */
		snprintf(h->note, sizeof h->note, "%s", errbuf);
	if (rc >= 0)
		return ui_stay();
	char msg[ERRBUF_SIZE + 16];
	snprintf(msg, sizeof msg, "%s · Enter", errbuf);
	return ui_push(ui_prompt(msg, "\n\r q"));
}

static struct ui_action hist_resume(void *self, int result)
{
	struct history *h = self;
	struct ui_action act = ui_stay();
	h->note[0] = '\0';
	if (h->waiting == W_DELETE && result == 'y')
		act = delete_selected(h);
	if (h->waiting == W_CRITIQUE && result == 0)
		snprintf(h->note, sizeof h->note, "critique of attempt %lld saved", selected_id(h));
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

/* Moving on: a note about the take left behind goes with it. */
static struct ui_action hist_move(void *self, int key)
{
	struct history *h = self;
	h->note[0] = '\0';
	return ui_list_move(&h->list, key);
}

static const struct ui_binding hist_keys[] = {
	UI_LIST_NAV_BY(NULL, hist_move),
	{{UI_LIST_ENTER}, "Enter play", hist_play, NULL, 0},
	{{'b'}, "b both takes", hist_play_both, NULL, 0},
	{{'c'}, "c critique", hist_critique, NULL, 0},
	{{'f'}, "f filter", hist_filter, NULL, 0},
	{{'d'}, "d delete", hist_delete, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_screen_ops hist_ops = {
	.draw = hist_draw, .resume = hist_resume, .done = hist_done};

struct ui_screen *screen_history(const struct session *s)
{
	struct history *h = xcalloc(1, sizeof *h);
	h->s = s;
	ui_list_init(&h->list, &hist_ops, hist_keys, "");
	h->list.reserve = DETAIL_LINES;
	reload(h);
	return &h->list.ui;
}
