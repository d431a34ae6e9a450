/* ui_round.c - between the questions of a round, and its summary table. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "ui.h"

#define BETWEEN_S 5.0

enum outcome screen_between(struct session *s, const struct pick *next, int index, int count)
{
	double t0 = monotonic_s();
	const struct bank *b = s->env.bank;
	for (;;) {
		double left = BETWEEN_S - (monotonic_s() - t0);
		if (left <= 0)
			return OUT_NEXT;
		if (!ui_too_small()) {
			ui_clear();
			char title[64];
			snprintf(title, sizeof title, "rehearse · %s · question %d of %d", s->env.mode,
				 index + 1, count);
			ui_title(title, "");
			int y = LINES / 2 - 3;
			char line[256];
			snprintf(line, sizeof line, "Next: a %s question",
				 b->cats[next->question ? next->question->first_cat
							: next->match.category]
					 .name);
			ui_text(y, 4, COLS - 8, line, A_BOLD);
			snprintf(line, sizeof line, "Breathe. It appears in %.0f s.", left + 0.5);
			ui_text(y + 2, 4, COLS - 8, line, ui_attr(C_ACCENT));
			ui_bar(y + 4, 4, COLS - 8, 1 - left / BETWEEN_S, ui_attr(C_ACCENT));
			ui_keys("Space go now · q stop the round");
			refresh();
		}
		int k = ui_key(UI_TICK_MS * 2);
		if (session_interrupted() || k == 'q')
			return s->from_home ? OUT_MENU : OUT_QUIT;
		if (k == ' ' || k == '\n')
			return OUT_NEXT;
	}
}

static void draw_summary(struct session *s, const struct take_summary *sums, size_t n)
{
	ui_clear();
	char title[96];
	snprintf(title, sizeof title, "rehearse · %s · summary", s->env.mode);
	ui_title(title, "");
	int y = 2;
	mvprintw(y++, 2, "%-3s %-14s %-10s %-11s %6s %6s %6s %6s", "#", "category", "question",
		 "status", "time", "wpm", "first", "long");
	ui_fill(y++, 2, COLS - 4, "─", ui_attr(C_DIM));
	double total = 0, wpm = 0;
	int nstats = 0, done = 0;
	for (size_t i = 0; i < n && y < LINES - 4; i++) {
		const struct take_summary *t = &sums[i];
		const struct pick *p = t->pick;
		if (!p)
			continue;
		char d[16] = "-", w[16] = "-", f[16] = "-", l[16] = "-";
		if (t->done) {
			format_mmss(t->duration_s, d, sizeof d);
			total += t->duration_s;
			done++;
		}
		if (t->has_stats) {
			snprintf(w, sizeof w, "%.0f", t->wpm);
			snprintf(f, sizeof f, "%.1fs", t->first_word_s);
			snprintf(l, sizeof l, "%d", t->long_pauses);
			wpm += t->wpm;
			nstats++;
		}
		const struct bank *b = s->env.bank;
		int cat = p->question ? p->question->first_cat : p->match.category;
		mvprintw(y++, 2, "%-3zu %-14.14s %-10.10s %-11.11s %6s %6s %6s %6s", i + 1,
			 b->cats[cat].name, p->question ? p->question->id : "story",
			 t->done ? t->status : "skipped", d, w, f, l);
	}
	ui_fill(y++, 2, COLS - 4, "─", ui_attr(C_DIM));
	char foot[160], tt[16];
	format_mmss(total, tt, sizeof tt);
	if (nstats)
		snprintf(foot, sizeof foot, "%d answered in %s · average ~%.0f wpm", done, tt,
			 wpm / nstats);
	else
		snprintf(foot, sizeof foot, "%d answered in %s", done, tt);
	ui_text(y + 1, 2, COLS - 4, foot, A_BOLD);
	ui_text(y + 3, 2, COLS - 4, "Every answer is in 'rehearse history'; play any of them back "
				    "from there.",
		ui_attr(C_DIM));
	ui_keys(s->from_home ? "m menu · q quit" : "q quit");
	refresh();
}

enum outcome screen_round_summary(struct session *s, const struct take_summary *sums, size_t n)
{
	for (;;) {
		if (!ui_too_small())
			draw_summary(s, sums, n);
		int k = ui_key(UI_TICK_MS * 4);
		if (session_interrupted() || k == 'q')
			return OUT_QUIT;
		if (k == 'm' || k == '\n' || k == 27)
			return s->from_home ? OUT_MENU : OUT_QUIT;
	}
}
