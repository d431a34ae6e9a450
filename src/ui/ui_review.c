/* ui_review.c - after the take: self-critique (rating, checklist, note),
 * and a scrollable text view used for progress and coverage. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "ui.h"

/* The checklist to show: the category's items, keeping ticks already
 * stored (and items stored earlier that the bank no longer has). */
static void build_checklist(const struct bank *b, const char *category,
			    const struct critique *old, struct critique *c)
{
	int ci = category ? bank_category_index(b, category) : -1;
	size_t cap = 0;
	if (ci >= 0)
		for (size_t i = 0; i < b->cats[ci].checks.n; i++)
			strvec_push(&c->items, b->cats[ci].checks.v[i]);
	for (size_t i = 0; i < old->items.n; i++)
		if (!strvec_has(&c->items, old->items.v[i]))
			strvec_push(&c->items, old->items.v[i]);
	GROW(c->ticked, cap, c->items.n + 1);
	for (size_t i = 0; i < c->items.n; i++) {
		c->ticked[i] = false;
		for (size_t k = 0; k < old->items.n; k++)
			if (!strcmp(old->items.v[k], c->items.v[i]))
				c->ticked[i] = old->ticked[k];
	}
	c->rating = old->rating;
	c->note = old->note ? xstrdup(old->note) : NULL;
}

static void edit_note(struct critique *c)
{
	char buf[400];
	snprintf(buf, sizeof buf, "%s", c->note ? c->note : "");
	int a = ui_attr(C_SEL);
	ui_fill(LINES - 1, 0, COLS, " ", a);
	ui_text(LINES - 1, 1, 7, "Note:", a);
	refresh();
	echo();
	curs_set(1);
	timeout(-1);
	move(LINES - 1, 8);
	char in[400] = "";
	int rc = getnstr(in, (int)sizeof in - 1);
	noecho();
	curs_set(0);
	if (rc == OK && !ui_signal) {
		free(c->note);
		c->note = in[0] ? xstrdup(in) : NULL;
	}
}

static void draw_critique(const struct attempt_row *r, const struct critique *c, int sel,
			  const char *msg)
{
	ui_clear();
	char left[96];
	snprintf(left, sizeof left, "rehearse · self-critique · attempt %lld", r->id);
	ui_title(left, r->category ? r->category : "");
	int y = 2;
	y += ui_wrap(y, 2, COLS - 4, 0, 2, r->question_text ? r->question_text : "", A_BOLD);
	y++;
	ui_text(y, 2, 20, "How did it go?", A_NORMAL);
	for (int i = 1; i <= 5; i++)
		ui_text(y, 20 + (i - 1) * 4, 3, i <= c->rating ? "★" : "☆",
			i <= c->rating ? ui_attr(C_WARN) | (int)A_BOLD : ui_attr(C_DIM));
	ui_text(y, 42, COLS - 44, c->rating ? "" : "press 1-5 to rate", ui_attr(C_DIM));
	y += 2;
	ui_text(y++, 2, COLS - 4, "Checklist", ui_attr(C_DIM));
	for (size_t i = 0; i < c->items.n && y < LINES - 6; i++) {
		int a = (int)i == sel ? ui_attr(C_SEL) : (int)A_NORMAL;
		char line[512];
		snprintf(line, sizeof line, "[%s] %s", c->ticked[i] ? "x" : " ", c->items.v[i]);
		if ((int)i == sel)
			ui_fill(y, 1, COLS - 2, " ", a);
		ui_text(y++, 2, COLS - 4, line, a);
	}
	y++;
	ui_text(y++, 2, COLS - 4, "Note", ui_attr(C_DIM));
	ui_wrap(y, 2, COLS - 4, 0, 3, c->note ? c->note : "(none: press e to write one)",
		c->note ? (int)A_NORMAL : ui_attr(C_DIM));
	if (msg && *msg)
		ui_text(LINES - 3, 2, COLS - 4, msg, ui_attr(C_URGENT));
	ui_keys("1-5 rate · ↑↓ + Space tick · e note · Enter save · q cancel");
	refresh();
}

void screen_critique(struct session *s, long long attempt_id)
{
	struct attempt_row r;
	char errbuf[ERRBUF_SIZE], msg[ERRBUF_SIZE] = "";
	if (store_get_attempt(&s->app->store, attempt_id, &r, errbuf) < 0)
		return;
	struct critique old, c = {0};
	store_get_critique(&s->app->store, attempt_id, &old, errbuf);
	build_checklist(s->env.bank, r.category, &old, &c);
	critique_free(&old);
	int sel = 0;
	for (;;) {
		if (!ui_too_small())
			draw_critique(&r, &c, sel, msg);
		int k = ui_key(UI_TICK_MS * 4);
		if (session_interrupted() || k == 'q' || k == 27)
			break;
		if (k >= '1' && k <= '5')
			c.rating = k - '0';
		else if (k == '0')
			c.rating = 0;
		else if (k == KEY_UP && sel > 0)
			sel--;
		else if (k == KEY_DOWN && sel + 1 < (int)c.items.n)
			sel++;
		else if (k == ' ' && c.items.n)
			c.ticked[sel] = !c.ticked[sel];
		else if (k == 'e')
			edit_note(&c);
		else if (k == '\n' || k == KEY_ENTER) {
			if (store_set_critique(&s->app->store, attempt_id, &c, errbuf) == 0)
				break;
			snprintf(msg, sizeof msg, "%s", errbuf);
		}
	}
	critique_free(&c);
	attempt_row_free(&r);
}

void screen_text(const char *title, const char *text)
{
	int scroll = 0;
	for (;;) {
		if (session_interrupted())
			return;
		if (!ui_too_small()) {
			ui_clear();
			ui_title(title, "");
			/* Tables: one source line per screen line, cut, not wrapped. */
			const char *p = text;
			for (int line = 0, y = 2; *p && y < LINES - 1; line++) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				if (line >= scroll) {
					char *row = xstrndup(p, n);
					ui_text(y++, 1, COLS - 2, row, A_NORMAL);
					free(row);
				}
				p += n + (nl ? 1 : 0);
			}
			ui_keys("↑↓ PgUp/PgDn scroll · q back");
			refresh();
		}
		int k = ui_key(UI_TICK_MS * 4);
		if (k == 'q' || k == 27 || k == KEY_LEFT)
			return;
		if (k == KEY_UP && scroll > 0)
			scroll--;
		else if (k == KEY_DOWN)
			scroll++;
		else if (k == KEY_PPAGE)
			scroll = scroll > 10 ? scroll - 10 : 0;
		else if (k == KEY_NPAGE)
			scroll += 10;
	}
}
