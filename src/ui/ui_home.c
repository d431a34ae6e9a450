/* ui_home.c - `rehearse` with no command: the home menu and the lists it
 * opens (practice choices, pivot stories, story bank, history). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rehearse/bank_tools.h"
#include "rehearse/paths.h"
#include "rehearse/progress.h"
#include "screens.h"
#include "ui.h"

/* A scrolling list; returns the chosen index, or -1 for back. *key gets
 * the key that chose it (Enter or one of extra). */
static const char *const home_items[] = {"Practice a question", "Mock round (5 questions)",
					 "Pivot drill",		"Story bank",
					 "History",		"Progress",
					 "Quit"};
static char home_footer[768]; /* where things are, under the home menu */

static int choose(const char *title, const char *const *items, int n, const char *help,
		  const char *extra, int *key, int start)
{

	int sel = start < n ? start : 0, top = 0;
	for (;;) {
		if (session_interrupted())
			return -1;
		if (!ui_too_small()) {
			ui_clear();
			ui_title(title, "");
			int rows = LINES - 4;
			if (sel < top)
				top = sel;
			if (sel >= top + rows)
				top = sel - rows + 1;
			for (int i = top; i < n && i < top + rows; i++) {
				int a = i == sel ? ui_attr(C_SEL) : (int)A_NORMAL;
				if (i == sel)
					ui_fill(2 + i - top, 1, COLS - 2, " ", a);
				ui_text(2 + i - top, 2, COLS - 4, items[i], a);
			}
			if (n == 0)
				ui_text(2, 2, COLS - 4, "(nothing here yet)", ui_attr(C_DIM));
			if (items == home_items && home_footer[0])
				ui_wrap(LINES - 6, 2, COLS - 4, 0, 4, home_footer, ui_attr(C_DIM));
			ui_keys(help);
			refresh();
		}
		int k = ui_key(UI_TICK_MS * 4);
		if (k == KEY_UP || k == 'k')
			sel = sel > 0 ? sel - 1 : 0;
		else if (k == KEY_DOWN || k == 'j')
			sel = sel + 1 < n ? sel + 1 : sel;
		else if (k == KEY_PPAGE)
			sel = sel > 10 ? sel - 10 : 0;
		else if (k == KEY_NPAGE)
			sel = sel + 10 < n ? sel + 10 : (n ? n - 1 : 0);
		else if (k == 'q' || k == 27 || k == KEY_LEFT)
			return -1;
		else if (n && (k == '\n' || k == KEY_ENTER || k == KEY_RIGHT ||
			       (k > 0 && k < 256 && extra && strchr(extra, k)))) {
			if (key)
				*key = k;
			return sel;
		}
	}
}

static void show_report(const char *title, void (*render)(struct session *, FILE *),
			struct session *s);
static void render_coverage(struct session *s, FILE *out);
static void render_questions(struct session *s, FILE *out);

static void run_one(struct session *s, const struct pick *picks, size_t n, const char *mode,
		    uint64_t seed)
{
	struct plan p = {mode, (struct pick *)picks, n, seed};
	if (n)
		session_run_plan(s, &p);
}

static struct history_view load_history(struct session *s)
{
	struct history_view h = {0};
	char errbuf[ERRBUF_SIZE];
	store_load_recency(&s->app->store, &h, errbuf);
	return h;
}

static void free_history(struct history_view *h)
{
	recency_free(&h->questions);
	recency_free(&h->stories);
}

static void practice_menu(struct session *s, struct rng *r)
{
	const struct bank *b = s->env.bank;
	const char **items = xcalloc(b->ncats + 1, sizeof *items);
	char **owned = xcalloc(b->ncats + 1, sizeof *owned);
	items[0] = "Any question (least practised first)";
	for (size_t i = 0; i < b->ncats; i++)
		items[i + 1] = owned[i] = xasprintf("A %s question", b->cats[i].name);
	int c = choose("rehearse · practice a question", items, (int)b->ncats + 1,
		       "Enter choose · q back", NULL, NULL, 0);
	if (c >= 0) {
		struct history_view h = load_history(s);
		struct filter f = {c - 1, LEVEL_ANY};
		struct pick pick = {0};
		pick.question = engine_pick_question(b, &f, &h, r);
		if (pick.question) {
			engine_match(b, pick.question, &h, NULL, &pick.match);
			run_one(s, &pick, 1, "practice", 0);
		}
		free_history(&h);
	}
	for (size_t i = 0; i < b->ncats; i++)
		free(owned[i]);
	free(owned);
	free(items);
}

static void round_menu(struct session *s, struct rng *r)
{
	struct history_view h = load_history(s);
	struct filter f = {-1, LEVEL_ANY};
	struct pick picks[5];
	uint64_t seed = rng_next(r) % 1000000000ull;
	struct rng rr;
	rng_seed(&rr, seed);
	size_t n = engine_round(s->env.bank, &f, &h, &rr, 5, picks);
	free_history(&h);
	run_one(s, picks, n, "round", seed);
}

/* Complete stories, as indexes into the bank, for the lists below. */
static int story_items(const struct bank *b, const char **items, char **owned, int *idx)
{
	int n = 0;
	for (size_t i = 0; i < b->nstories; i++) {
		const struct story *st = &b->stories[i];
		char cats[256];
		catmask_format(b, st->cats, cats, sizeof cats);
		owned[i] = st->is_moment
				   ? xasprintf("%-40.40s  moment: not written out yet", st->title)
				   : xasprintf("%-40.40s  %3d words · %s", st->title, st->words, cats);
		items[n] = owned[i];
		idx[n++] = (int)i;
	}
	return n;
}

static void pivot_story(struct session *s, const struct story *st, struct rng *r)
{
	struct history_view h = load_history(s);
	struct pick picks[3];
	size_t n = engine_pivot(s->env.bank, st, &h, r, picks);
	free_history(&h);
	run_one(s, picks, n, "pivot", 0);
}

/* A story as its cue card, full text, scrollable. */
static int story_card(const struct story *st)
{
	int scroll = 0;
	for (;;) {
		if (session_interrupted())
			return 'q';
		if (!ui_too_small()) {
			ui_clear();
			ui_title("rehearse · story bank", st->id);
			char *text = xasprintf(
				"%s\n\nSituation: %s\n\nTask: %s\n\nAction: %s\n\nResult: %s\n\n%s",
				st->title, st->star[0] ? st->star[0] : "(moment)",
				st->star[1] ? st->star[1] : "", st->star[2] ? st->star[2] : "",
				st->star[3] ? st->star[3] : "", st->path);
			ui_wrap(2, 2, COLS - 4, scroll, LINES - 4, text, A_NORMAL);
			free(text);
			ui_keys("↑↓ scroll · p practise this story · v pivot drill · e edit in $EDITOR "
				"· q back");
			refresh();
		}
		int k = ui_key(UI_TICK_MS * 4);
		if (k == KEY_UP && scroll > 0)
			scroll--;
		else if (k == KEY_DOWN)
			scroll++;
		else if (k == 'q' || k == 27 || k == KEY_LEFT || k == 'p' || k == 'v' || k == 'e')
			return k;
	}
}

static void edit_story(struct session *s, const struct story *st, char *msg, size_t n)
{
	char errbuf[ERRBUF_SIZE];
	def_prog_mode();
	endwin();
	int rc = run_editor(st->path, errbuf);
	reset_prog_mode();
	refresh();
	struct bank fresh;
	if (rc < 0)
		snprintf(msg, n, "%s", errbuf);
	else if (bank_load(&fresh, s->env.bank->dir, errbuf) < 0)
		snprintf(msg, n, "%s", errbuf);
	else {
		snprintf(msg, n, "checked: the bank is fine (changes apply on the next start)");
		bank_free(&fresh);
	}
}

static void bank_menu(struct session *s, struct rng *r, bool pivot_only)
{
	const struct bank *b = s->env.bank;
	const char **items = xcalloc(b->nstories + 1, sizeof *items);
	char **owned = xcalloc(b->nstories + 1, sizeof *owned);
	int *idx = xcalloc(b->nstories + 1, sizeof *idx);
	int n = story_items(b, items, owned, idx), sel = 0, key = 0;
	char msg[ERRBUF_SIZE] = "";
	while (!session_interrupted()) {
		sel = choose(pivot_only ? "rehearse · pivot drill: choose a story"
					: "rehearse · story bank",
			     items, n,
			     pivot_only ? "Enter pivot drill · q back"
					: "Enter read · p practise · v pivot · c coverage · Q questions · "
					  "q back",
			     pivot_only ? NULL : "pvcQ", &key, sel);
		if (sel < 0)
			break;
		if (key == 'c') {
			show_report("rehearse · story bank · coverage", render_coverage, s);
			continue;
		}
		if (key == 'Q') {
			show_report("rehearse · story bank · questions", render_questions, s);
			continue;
		}
		const struct story *st = &b->stories[idx[sel]];
		if (!pivot_only && (key == '\n' || key == KEY_ENTER || key == KEY_RIGHT))
			key = story_card(st);
		if (key == 'e') {
			edit_story(s, st, msg, sizeof msg);
			screen_text("rehearse · story bank · after editing", msg);
		}
		if (st->is_moment && (key == 'p' || key == 'v' || pivot_only))
			continue; /* nothing to practise yet */
		if (key == 'p') {
			struct pick pick = {.match = {.story = st, .category = __builtin_ctz(st->cats),
						      .missing_category = -1}};
			run_one(s, &pick, 1, "practice", 0);
		} else if (key == 'v' || pivot_only) {
			pivot_story(s, st, r);
		}
	}
	for (size_t i = 0; i < b->nstories; i++)
		free(owned[i]);
	free(owned);
	free(items);
	free(idx);
}

struct hist_list {
	char **items;
	long long *ids;
	int n, cap;
};

static int hist_row(const struct attempt_row *r, void *ctx)
{
	struct hist_list *h = ctx;
	if (h->n == h->cap)
		return 1;
	char when[32], dur[16], wpm[16] = "   -", rating[8] = "   ";
	format_local_time(r->started_at, when, sizeof when);
	format_mmss(r->duration_s, dur, sizeof dur);
	if (r->has_stats)
		snprintf(wpm, sizeof wpm, "%4.0f", r->wpm_estimate);
	if (r->rating)
		snprintf(rating, sizeof rating, "%d/5", r->rating);
	h->items[h->n] = xasprintf("%5lld  %s  %-8s %-11s %5s %s wpm  %s  %-10.10s %s", r->id,
				   when, r->mode, r->status, dur, wpm, rating,
				   r->question_id ? r->question_id : "story",
				   r->question_text ? r->question_text : "");
	h->ids[h->n++] = r->id;
	return 0;
}

/* Choose a filter: everything, one category, or one story. */
static void choose_filter(struct session *s, struct history_query *q, char *label, size_t n)
{
	const struct bank *b = s->env.bank;
	size_t total = 1 + b->ncats + b->nstories;
	const char **items = xcalloc(total, sizeof *items);
	char **owned = xcalloc(total, sizeof *owned);
	items[0] = "All attempts";
	for (size_t i = 0; i < b->ncats; i++)
		items[1 + i] = owned[1 + i] = xasprintf("Category: %s", b->cats[i].name);
	for (size_t i = 0; i < b->nstories; i++)
		items[1 + b->ncats + i] = owned[1 + b->ncats + i] =
			xasprintf("Story: %s", b->stories[i].title);
	int c = choose("rehearse · history: show", items, (int)total, "Enter choose · q back",
		       NULL, NULL, 0);
	if (c == 0) {
		q->category = q->story = NULL;
		label[0] = '\0';
	} else if (c > 0 && (size_t)c <= b->ncats) {
		q->story = NULL;
		q->category = b->cats[c - 1].name;
		snprintf(label, n, " · %s", q->category);
	} else if (c > 0) {
		q->category = NULL;
		q->story = b->stories[c - 1 - (int)b->ncats].id;
		snprintf(label, n, " · %s", q->story);
	}
	for (size_t i = 0; i < total; i++)
		free(owned[i]);
	free(owned);
	free(items);
}

static void history_menu(struct session *s)
{
	int sel = 0, key = 0;
	struct history_query q = {0};
	char label[160] = "", title[256];
	while (!session_interrupted()) {
		struct hist_list h = {.cap = 1000};
		h.items = xcalloc((size_t)h.cap, sizeof *h.items);
		h.ids = xcalloc((size_t)h.cap, sizeof *h.ids);
		char errbuf[ERRBUF_SIZE];
		store_each_attempt(&s->app->store, &q, hist_row, &h, errbuf);
		snprintf(title, sizeof title, "rehearse · history (newest first)%s", label);
		sel = choose(title, (const char *const *)h.items, h.n,
			     "Enter play · c critique · f filter · d delete · q back", "cdf", &key,
			     sel);
		long long id = sel >= 0 && h.n ? h.ids[sel] : 0;
		for (int i = 0; i < h.n; i++)
			free(h.items[i]);
		free(h.items);
		free(h.ids);
		if (sel < 0)
			break;
		if (key == 'f') {
			choose_filter(s, &q, label, sizeof label);
			sel = 0;
		} else if (key == 'c') {
			screen_critique(s, id);
		} else if (key == 'd') {
			char q2[96];
			snprintf(q2, sizeof q2, "Delete attempt %lld and its recording? y yes · n no", id);
			if (ui_prompt(q2, "yn") == 'y') {
				struct attempt_row row;
				if (store_get_attempt(&s->app->store, id, &row, errbuf) == 0) {
					if (store_delete_attempt(&s->app->store, id, errbuf) == 0 &&
					    row.wav_path)
						unlink(row.wav_path);
					attempt_row_free(&row);
				}
			}
		} else {
			screen_play(s, id);
		}
	}
}

/* Render a report into memory and show it. */
static void show_report(const char *title, void (*render)(struct session *, FILE *),
			struct session *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return;
	render(s, f);
	fclose(f);
	screen_text(title, text);
	free(text);
}

static int add_progress(const struct attempt_row *r, void *ctx)
{
	progress_add(ctx, r);
	return 0;
}

static void render_progress(struct session *s, FILE *out)
{
	struct progress p = {0};
	struct history_query q = {.oldest_first = true};
	char errbuf[ERRBUF_SIZE];
	if (store_each_attempt(&s->app->store, &q, add_progress, &p, errbuf) == 0)
		progress_print(&p, s->env.bank, (long long)now_s(), 7, out);
	else
		fprintf(out, "%s\n", errbuf);
	progress_free(&p);
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

static int count_row(const struct attempt_row *r, void *ctx)
{
	long long *last = ctx;
	*last = r->started_at;
	return 1;
}

/* What the person has: the bank and the data folder, in two lines. */
static void home_summary(struct session *s)
{
	const struct bank *b = s->env.bank;
	size_t stories = 0;
	for (size_t i = 0; i < b->nstories; i++)
		stories += !b->stories[i].is_moment;
	char errbuf[ERRBUF_SIZE], when[32] = "never";
	struct history_query q = {0};
	long long n = store_count_attempts(&s->app->store, &q, errbuf), last = 0;
	store_each_attempt(&s->app->store, &q, count_row, &last, errbuf);
	if (last)
		format_local_time(last, when, sizeof when);
	snprintf(home_footer, sizeof home_footer,
		 "Prompt bank: %s (%zu questions, %zu stories, %zu moments)\n"
		 "Recordings and history: %s (%lld attempt%s, last %s)",
		 b->dir, b->nqs, stories, b->nstories - stories, s->app->data_dir, n < 0 ? 0 : n,
		 n == 1 ? "" : "s", when);
}

int cmd_home(struct app *a)
{
	if (app_bank(a) < 0 || app_store(a) < 0)
		return 1;
	struct take_opts o = {0};
	app_take_defaults(a, &o); /* the settings file */
	struct session s = {.app = a, .opts = &o, .from_home = true};
	s.log_path = path_join(a->data_dir, "rehearse.log");
	s.env = (struct take_env){.store = &a->store, .bank = &a->bank, .data_dir = a->data_dir,
				  .limit_s = o.seconds, .max_s = o.seconds};
	char errbuf[ERRBUF_SIZE];
	struct audio_backend *b = session_audio(&s, errbuf);
	bool have_input = false;
	struct audio_device *devs = NULL;
	size_t n = 0;
	if (b && b->ops->list_devices(b->ctx, &devs, &n, errbuf) == 0)
		for (size_t i = 0; i < n; i++)
			have_input |= devs[i].default_in && devs[i].max_in > 0;
	free(devs);
	s.env.audio = have_input ? b : NULL;
	o.no_record = !have_input;
	ui_install_signals();
	if (ui_start(s.log_path) < 0) {
		audio_backend_free(s.audio);
		free(s.log_path);
		return 1;
	}
	struct rng r;
	rng_seed(&r, (uint64_t)(now_s() * 1000) ^ (uint64_t)getpid());
	char title[160];
	snprintf(title, sizeof title, "rehearse %s%s", REHEARSE_VERSION,
		 have_input ? "" : " · no microphone found: timer only");
	int sel = 0;
	while (!session_interrupted()) {
		home_summary(&s);
		sel = choose(title, home_items, (int)ARRAY_SIZE(home_items),
			     "↑↓ move · Enter choose · q quit", NULL, NULL, sel);
		if (sel < 0 || sel == 6)
			break;
		if (sel == 0)
			practice_menu(&s, &r);
		else if (sel == 1)
			round_menu(&s, &r);
		else if (sel == 2)
			bank_menu(&s, &r, true);
		else if (sel == 3)
			bank_menu(&s, &r, false);
		else if (sel == 4)
			history_menu(&s);
		else
			show_report("rehearse · progress", render_progress, &s);
	}
	ui_stop();
	audio_backend_free(s.audio);
	free(s.log_path);
	return ui_signal ? 128 + ui_signal : 0;
}
