/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_review.c - after the take: self-critique (rating, checklist, note),
 * and a scrollable text view used for progress and coverage. */
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "interrupt.h"
#include "screens.h"

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

struct critique_screen {
	struct ui_screen ui;
	const struct session *s;
	long long id;
	struct attempt_row row;
	struct critique c;
	int sel;
	char msg[ERRBUF_SIZE];
};

/* Drop the last UTF-8 character of buf. */
static void drop_last_char(char *buf)
{
	size_t len = strlen(buf);
	while (len > 0 && ((unsigned char)buf[--len] & 0xC0) == 0x80)
		;
	buf[len] = 0;
}

/* The end of buf that fits w columns, so the cursor stays on the row. */
static const char *tail_that_fits(const char *buf, int w)
{
	const char *p = buf;
	while (*p && utf8_width(p) > w)
		do
			p++;
		while (((unsigned char)*p & 0xC0) == 0x80);
	return p;
}

enum line_key { LINE_TYPED, LINE_KEEP, LINE_CANCEL };

/* One key of a typed line into line (n bytes): a character is added,
 * Backspace drops one, Enter keeps the line, Esc cancels it. */
static enum line_key line_key(int rc, wint_t ch, char *line, size_t n)
{
	if (rc == KEY_CODE_YES)
		ch = ch == KEY_ENTER ? '\n' : ch == KEY_BACKSPACE ? 127 : 0;
	else if (rc != OK)
		return LINE_TYPED;
	if (ch == 27)
		return LINE_CANCEL;
	if (ch == '\n' || ch == '\r')
		return LINE_KEEP;
	if (ch == 127 || ch == 8) {
		drop_last_char(line);
		return LINE_TYPED;
	}
	char mb[MB_LEN_MAX + 1];
	mbstate_t st = {0};
	size_t k = ch && iswprint(ch) ? wcrtomb(mb, (wchar_t)ch, &st) : (size_t)-1;
	if (k != (size_t)-1 && strlen(line) + k < n) {
		mb[k] = 0;
		strcat(line, mb);
	}
	return LINE_TYPED;
}

/* A line typed on the bottom row after label, starting from buf: Enter
 * keeps it, Esc (or an interrupt) cancels and leaves buf as it was.
 * getnstr would type Esc into the line as "^[". */
static bool prompt_line(const char *label, char *buf, size_t n)
{
	char line[400];
	snprintf(line, sizeof line < n ? sizeof line : n, "%s", buf);
	int a = ui_attr(C_SEL), x = (int)strlen(label) + 2;
	curs_set(1);
	timeout(-1);
	enum line_key k = LINE_TYPED;
	while (k == LINE_TYPED && !interrupted()) {
		ui_fill(LINES - 1, 0, COLS, " ", a);
		ui_text(LINES - 1, 1, x - 1, label, a);
		const char *shown = tail_that_fits(line, COLS - x - 1);
		ui_text(LINES - 1, x, COLS - x - 1, shown, a);
		move(LINES - 1, x + utf8_width(shown));
		refresh();
		wint_t ch;
		int rc = get_wch(&ch);
		k = interrupted() ? LINE_CANCEL : line_key(rc, ch, line, sizeof line < n ? sizeof line : n);
	}
	curs_set(0);
	if (k == LINE_KEEP)
		snprintf(buf, n, "%s", line);
	return k == LINE_KEEP;
}

static void set_note(struct critique *c, const char *text)
{
	free(c->note);
	c->note = text[0] ? xstrdup(text) : NULL;
}

/* The note in the editor the person set ($VISUAL, then $EDITOR, as for
 * stories: run_editor), through a file in the data folder, the one place
 * rehearse writes; its lines are joined into the one-line note. 0, or -1
 * with errbuf. */
static int edit_note_in_editor(const char *data_dir, struct critique *c, char *errbuf)
{
	char *path = path_join(data_dir, "note-XXXXXX");
	int fd = mkstemp(path), rc = -1;
	FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (!f) {
		set_err(errbuf, "cannot write the note for the editor in %s: %s", data_dir,
			strerror(errno));
		goto out;
	}
	fprintf(f, "%s\n", c->note ? c->note : "");
	fflush(f);
	rc = ui_run_editor(path, errbuf);
	if (rc == 0) {
		char text[2048] = "", row[512];
		FILE *in = fopen(path, "r");
		while (in && fgets(row, sizeof row, in)) {
			row[strcspn(row, "\r\n")] = 0;
			if (row[0])
				snprintf(text + strlen(text), sizeof text - strlen(text), "%s%s",
					 text[0] ? " " : "", row);
		}
		if (in)
			fclose(in);
		set_note(c, text);
	}
	fclose(f);
out:
	if (fd >= 0)
		unlink(path);
	free(path);
	return rc;
}

static bool editor_set(void)
{
	const char *v = getenv("VISUAL"), *e = getenv("EDITOR");
	return (v && *v) || (e && *e);
}

static void edit_note(const struct session *s, struct critique *c, char *msg, size_t n)
{
	char errbuf[ERRBUF_SIZE];
	if (editor_set()) {
		if (edit_note_in_editor(s->env.data_dir, c, errbuf) < 0)
			snprintf(msg, n, "%s", errbuf);
		return;
	}
	char in[400];
	snprintf(in, sizeof in, "%s", c->note ? c->note : "");
	if (prompt_line("Note (Enter keeps, Esc cancels):", in, sizeof in))
		set_note(c, in);
}

static int draw_checklist(const struct critique *c, int y, int sel)
{
	ui_text(y++, 2, COLS - 4, "Checklist", ui_attr(C_DIM));
	for (size_t i = 0; i < c->items.n && y < LINES - 6; i++) {
		int a = (int)i == sel ? ui_attr(C_SEL) : (int)A_NORMAL;
		char line[512];
		snprintf(line, sizeof line, "[%s] %s", c->ticked[i] ? "x" : " ", c->items.v[i]);
		if ((int)i == sel)
			ui_fill(y, 1, COLS - 2, " ", a);
		ui_text(y++, 2, COLS - 4, line, a);
	}
	return y;
}

static void critique_draw(void *self)
{
	struct critique_screen *cs = self;
	const struct attempt_row *r = &cs->row;
	const struct critique *c = &cs->c;
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
	y = draw_checklist(c, y + 2, cs->sel) + 1;
	ui_text(y++, 2, COLS - 4, "Note", ui_attr(C_DIM));
	ui_wrap(y, 2, COLS - 4, 0, 3, c->note ? c->note : "(none: press e to write one)",
		c->note ? (int)A_NORMAL : ui_attr(C_DIM));
	if (cs->msg[0])
		ui_text(LINES - 3, 2, COLS - 4, cs->msg, ui_attr(C_URGENT));
}

static struct ui_action critique_rate(void *self, int key)
{
	struct critique_screen *cs = self;
	cs->c.rating = key - '0';
	return ui_stay();
}

static struct ui_action critique_move(void *self, int key)
{
	struct critique_screen *cs = self;
	if (key == KEY_UP && cs->sel > 0)
		cs->sel--;
	else if (key == KEY_DOWN && cs->sel + 1 < (int)cs->c.items.n)
		cs->sel++;
	return ui_stay();
}

static struct ui_action critique_tick(void *self, int key)
{
	(void)key;
	struct critique_screen *cs = self;
	if (cs->c.items.n)
		cs->c.ticked[cs->sel] = !cs->c.ticked[cs->sel];
	return ui_stay();
}

static struct ui_action critique_note(void *self, int key)
{
	(void)key;
	struct critique_screen *cs = self;
	cs->msg[0] = 0;
	edit_note(cs->s, &cs->c, cs->msg, sizeof cs->msg);
	return ui_stay();
}

static struct ui_action critique_save(void *self, int key)
{
	(void)key;
	struct critique_screen *cs = self;
	char errbuf[ERRBUF_SIZE];
	if (store_set_critique(cs->s->env.store, cs->id, &cs->c, errbuf) == 0)
		return ui_pop(0);
	snprintf(cs->msg, sizeof cs->msg, "%s", errbuf);
	return ui_stay();
}

static void critique_done(void *self)
{
	struct critique_screen *cs = self;
	critique_free(&cs->c);
	attempt_row_free(&cs->row);
	free(cs);
}

static const struct ui_binding critique_keys[] = {
	{{'1', '2', '3', '4', '5', '0'}, "1-5 rate", critique_rate, NULL, 0},
	{{KEY_UP, KEY_DOWN}, NULL, critique_move, NULL, 0},
	{{' '}, "↑↓ + Space tick", critique_tick, NULL, 0},
	{{'e'}, "e note", critique_note, NULL, 0},
	{{'\n', KEY_ENTER}, "Enter save", critique_save, NULL, 0},
	{{'q', 27}, "q cancel", NULL, NULL, -1},
	UI_END_KEYS,
};

static const struct ui_screen_ops critique_ops = {.draw = critique_draw, .done = critique_done};

struct ui_screen *screen_critique(const struct session *s, long long attempt_id)
{
	struct critique_screen *cs = xcalloc(1, sizeof *cs);
	char errbuf[ERRBUF_SIZE];
	if (store_get_attempt(s->env.store, attempt_id, &cs->row, errbuf) < 0) {
		free(cs);
		return NULL;
	}
	struct critique old;
	store_get_critique(s->env.store, attempt_id, &old, errbuf);
	build_checklist(s->env.bank, cs->row.category, &old, &cs->c);
	critique_free(&old);
	ui_screen_init(&cs->ui, &critique_ops, critique_keys, UI_TICK_MS * 4);
	cs->s = s;
	cs->id = attempt_id;
	return &cs->ui;
}

/* A page of text, rendered for the screen's width (again after a resize)
 * when it comes from a report. A table wider than the screen scrolls
 * sideways rather than losing its last columns. */
struct text_screen {
	struct ui_screen ui;
	char *title, *text;
	int scroll, hscroll, widest;
	void (*render)(const struct session *, FILE *, int width);
	const struct session *s;
	int rendered_cols;
};

static int line_width(const char *p, size_t n)
{
	char *row = xstrndup(p, n);
	int w = utf8_width(row);
	free(row);
	return w;
}

static void set_text(struct text_screen *t, const char *text)
{
	free(t->text);
	t->text = xstrdup(text ? text : "");
	t->widest = 0;
	for (const char *p = t->text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int w = line_width(p, n);
		t->widest = w > t->widest ? w : t->widest;
		p += n + (nl ? 1 : 0);
	}
}

static char *render_text(void (*render)(const struct session *, FILE *, int), const struct session *s,
			 int width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	render(s, f, width);
	fclose(f);
	return text;
}

/* Bytes of s to skip for its first cols columns. */
static const char *skip_columns(const char *s, int cols)
{
	while (*s && cols > 0) {
		s++;
		while (((unsigned char)*s & 0xC0) == 0x80)
			s++;
		cols--;
	}
	return s;
}

static void text_draw(void *self)
{
	struct text_screen *t = self;
	if (t->render && t->rendered_cols != COLS) {
		char *text = render_text(t->render, t->s, COLS - 2);
		set_text(t, text);
		free(text);
		t->rendered_cols = COLS;
	}
	ui_clear();
	ui_title(t->title, t->widest > COLS - 1 ? "←→ more columns" : "");
	/* Tables: one source line per screen line, cut, not wrapped. */
	const char *p = t->text;
	for (int line = 0, y = 2; *p && y < LINES - 1; line++) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (line >= t->scroll) {
			char *row = xstrndup(p, n);
			ui_text(y++, 1, COLS - 1, skip_columns(row, t->hscroll), A_NORMAL);
			free(row);
		}
		p += n + (nl ? 1 : 0);
	}
}

static struct ui_action text_scroll(void *self, int key)
{
	struct text_screen *t = self;
	if (key == KEY_UP && t->scroll > 0)
		t->scroll--;
	else if (key == KEY_DOWN)
		t->scroll++;
	else if (key == KEY_PPAGE)
		t->scroll = t->scroll > 10 ? t->scroll - 10 : 0;
	else if (key == KEY_NPAGE)
		t->scroll += 10;
	return ui_stay();
}

static bool text_is_wide(void *self)
{
	struct text_screen *t = self;
	return t->widest > COLS - 1;
}

static struct ui_action text_hscroll(void *self, int key)
{
	struct text_screen *t = self;
	int most = t->widest - (COLS - 1);
	t->hscroll += key == KEY_RIGHT ? 10 : -10;
	t->hscroll = t->hscroll > most ? most : t->hscroll < 0 ? 0 : t->hscroll;
	return ui_stay();
}

static void text_done(void *self)
{
	struct text_screen *t = self;
	free(t->title);
	free(t->text);
	free(t);
}

/* ← scrolls sideways when the text is wider than the screen, else goes back. */
static const struct ui_binding text_keys[] = {
	{{KEY_UP, KEY_DOWN, KEY_PPAGE, KEY_NPAGE}, "↑↓ PgUp/PgDn scroll", text_scroll, NULL, 0},
	{{KEY_LEFT, KEY_RIGHT}, "←→ sideways", text_hscroll, text_is_wide, 0},
	{{'q', 27, KEY_LEFT}, "q back", NULL, NULL, 0},
	UI_END_KEYS,
};

static const struct ui_screen_ops text_ops = {.draw = text_draw, .done = text_done};

struct ui_screen *screen_text(const char *title, const char *text)
{
	struct text_screen *t = xcalloc(1, sizeof *t);
	ui_screen_init(&t->ui, &text_ops, text_keys, UI_TICK_MS * 4);
	t->title = xstrdup(title);
	set_text(t, text);
	return &t->ui;
}

struct ui_screen *screen_report(const char *title,
				void (*render)(const struct session *, FILE *, int width),
				const struct session *s)
{
	struct text_screen *t = (struct text_screen *)screen_text(title, "");
	t->render = render;
	t->s = s;
	return &t->ui;
}
