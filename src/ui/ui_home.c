/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_home.c - `rehearse` with no command: the home menu and the practice
 * choices. The menu is a table of entries and what each opens; nothing
 * depends on an entry's position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/progress.h"
#include "screens.h"
#include "ui_list.h"

struct home {
	struct ui_list list;
	const struct session *s;
	struct rng r;
	char footer[1024]; /* where things are, under the menu */
	char round_label[48]; /* the round's entry names its size */
	const char *labels[8];
};

struct home_entry {
	const char *label;
	struct ui_action (*open)(struct home *h);
};

/* The practice choices: any question, or one of a category. */
struct practice {
	struct ui_list list;
	const struct session *s;
	struct rng *r;
	const char **items;
	char **owned;
};

static struct ui_action practice_choose(void *self, int key)
{
	(void)key;
	struct practice *m = self;
	const struct bank *b = m->s->env.bank;
	struct filter f = {m->list.sel - 1, m->s->opts->level};
	struct plan p;
	plan_practice(&p, b, m->s->env.store, &f, rng_next(m->r) % 1000000000ull);
	struct ui_action act = p.npicks ? ui_replace(screen_plan(m->s, &p)) : ui_pop(-1);
	plan_free(&p);
	return act;
}

static void practice_done(void *self)
{
	struct practice *m = self;
	for (int i = 0; i < m->list.n; i++)
		free(m->owned[i]);
	free(m->owned);
	free(m->items);
	free(m);
}

static const struct ui_binding practice_keys[] = {
	UI_LIST_NAV(NULL),
	{{UI_LIST_ENTER}, "Enter choose", practice_choose, NULL, 0},
	UI_LIST_BACK("q back"),
	UI_END_KEYS,
};

static const struct ui_screen_ops practice_ops = {.draw = ui_list_draw, .done = practice_done};

/* "An achievement question", "A leadership question". */
static const char *article(const char *word)
{
	return strchr("aeiouAEIOU", word[0]) && word[0] ? "An" : "A";
}

static struct ui_action open_practice(struct home *h)
{
	const struct bank *b = h->s->env.bank;
	struct practice *m = xcalloc(1, sizeof *m);
	m->s = h->s;
	m->r = &h->r;
	m->items = xcalloc(b->ncats + 1, sizeof *m->items);
	m->owned = xcalloc(b->ncats + 1, sizeof *m->owned);
	m->items[0] = "Any question (least practised first)";
	for (size_t i = 0; i < b->ncats; i++)
		m->items[i + 1] = m->owned[i + 1] = xasprintf("%s %s question", article(b->cats[i].name), b->cats[i].name);
	ui_list_init(&m->list, &practice_ops, practice_keys, "rehearse · practice a question");
	ui_list_set(&m->list, m->items, (int)b->ncats + 1);
	return ui_push(&m->list.ui);
}

/* A round of the size and level the settings give (5 and any without). */
static struct ui_action open_round(struct home *h)
{
	const struct take_opts *o = h->s->opts;
	struct filter f = {-1, o->level};
	size_t size = o->round_size > 0 ? (size_t)o->round_size : 5;
	struct plan p;
	plan_round(&p, h->s->env.bank, h->s->env.store, &f, size, rng_next(&h->r) % 1000000000ull);
	struct ui_action act = ui_push(screen_plan(h->s, &p)); /* copies the picks */
	plan_free(&p);
	return act;
}

static struct ui_action open_pivot(struct home *h)
{
	return ui_push(screen_bank(h->s, &h->r, true));
}

static struct ui_action open_bank(struct home *h)
{
	return ui_push(screen_bank(h->s, &h->r, false));
}

static struct ui_action open_history(struct home *h)
{
	return ui_push(screen_history(h->s));
}

static int add_progress(const struct attempt_row *r, void *ctx)
{
	progress_add(ctx, r);
	return 0;
}

static void render_progress(const struct session *s, FILE *out, int width)
{
	struct progress p = {0};
	struct history_query q = {.oldest_first = true};
	char errbuf[ERRBUF_SIZE];
	if (store_each_attempt(s->env.store, &q, add_progress, &p, errbuf) == 0)
		progress_print(&p, s->env.bank, (long long)now_s(), 7, width, out);
	else
		fprintf(out, "%s\n", errbuf);
	progress_free(&p);
}

static struct ui_action open_progress(struct home *h)
{
	return ui_push(screen_report("rehearse · progress", render_progress, h->s));
}

static struct ui_action open_quit(struct home *h)
{
	(void)h;
	return ui_pop(0);
}

static const struct home_entry home_entries[] = {
	{"Practice a question", open_practice},
	{"Mock round", open_round}, /* "(N questions)" is added */
	{"Pivot drill", open_pivot},
	{"Story bank", open_bank},
	{"History", open_history},
	{"Progress", open_progress},
	{"Quit", open_quit},
};
_Static_assert(ARRAY_SIZE(home_entries) <= ARRAY_SIZE(((struct home *)0)->labels),
	       "struct home has a label for every entry");

static int count_row(const struct attempt_row *r, void *ctx)
{
	long long *last = ctx;
	*last = r->started_at;
	return 1;
}

/* What the person has: the bank and the data folder, in two lines. */
static void home_summary(struct home *h)
{
	const struct session *s = h->s;
	const struct bank *b = s->env.bank;
	size_t stories = 0;
	for (size_t i = 0; i < b->nstories; i++)
		stories += !b->stories[i].is_moment;
	char errbuf[ERRBUF_SIZE], when[32] = "never";
	struct history_query q = {0};
	long long n = store_count_attempts(s->env.store, &q, errbuf), last = 0;
	store_each_attempt(s->env.store, &q, count_row, &last, errbuf);
	if (last)
		format_local_time(last, when, sizeof when);
	/* Before the first take, the method in a few lines (issue 20 #7);
	 * the whole primer is one key away. */
	int used = n > 0 ? 0
			 : snprintf(h->footer, sizeof h->footer, "%s",
				    "New here? Answer each question with one real story in four "
				    "parts: Situation (briefly), Task (what was yours to do), Action "
				    "(what you did: most of the answer), Result (what changed, in "
				    "figures). Press ? then s for the STAR method.\n\n");
	used += snprintf(h->footer + used, sizeof h->footer - (size_t)used,
			    "Prompt bank: %s (%zu questions, %zu stories, %zu moments)\n"
			    "Recordings and history: %s (%lld attempt%s, last %s)",
			    b->dir, b->nqs, stories, b->nstories - stories, s->env.data_dir,
			    n < 0 ? 0 : n, n == 1 ? "" : "s", when);
	/* A story file with a mistake is left out of the bank: name it. */
	if (b->problems.n && used > 0 && (size_t)used < sizeof h->footer)
		snprintf(h->footer + used, sizeof h->footer - (size_t)used,
			 "\nLeft out (see 'rehearse bank check'): %s%s", b->problems.v[0],
			 b->problems.n > 1 ? " and more" : "");
}

static struct ui_action home_choose(void *self, int key)
{
	(void)key;
	struct home *h = self;
	return home_entries[h->list.sel].open(h);
}

/* Back from anything the menu opened: the history may have grown. */
static struct ui_action home_resume(void *self, int result)
{
	if (result == OUT_QUIT) /* "q quit" on a result or summary quits */
		return ui_pop(0);
	home_summary(self);
	return ui_stay();
}

static void home_done(void *self)
{
	free(self);
}

static const struct ui_binding home_keys[] = {
	UI_LIST_NAV("↑↓ move"),
	{{UI_LIST_ENTER}, "Enter choose", home_choose, NULL, 0},
	UI_LIST_BACK("q quit"),
	UI_END_KEYS,
};

static const struct ui_screen_ops home_ops = {
	.draw = ui_list_draw, .resume = home_resume, .done = home_done};

struct ui_screen *screen_home(const struct session *s)
{
	struct home *h = xcalloc(1, sizeof *h);
	h->s = s;
	rng_seed(&h->r, (uint64_t)(now_s() * 1000) ^ (uint64_t)getpid());
	char title[160];
	snprintf(title, sizeof title, "rehearse %s%s", REHEARSE_VERSION,
		 s->have_input ? "" : " · no microphone found: timer only");
	ui_list_init(&h->list, &home_ops, home_keys, title);
	for (size_t i = 0; i < ARRAY_SIZE(home_entries); i++)
		h->labels[i] = home_entries[i].label;
	snprintf(h->round_label, sizeof h->round_label, "Mock round (%d question%s)",
		 s->opts->round_size, s->opts->round_size == 1 ? "" : "s");
	for (size_t i = 0; i < ARRAY_SIZE(home_entries); i++)
		if (home_entries[i].open == open_round)
			h->labels[i] = h->round_label;
	ui_list_set(&h->list, h->labels, (int)ARRAY_SIZE(home_entries));
	h->list.footer = h->footer;
	home_summary(h);
	return &h->list.ui;
}
